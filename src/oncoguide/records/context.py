"""ConText-style assertion detection (negation, uncertainty, history, hypothetical, family).

A small re-implementation of the ConText algorithm (Harkema et al. 2009) instead of medspaCy: medspaCy 1.3
pins spaCy 3.7 and numpy < 2 and brings ~30 packages (QuickUMLS, Cython, nltk) into an environment that
also holds torch, while we need only a few dozen trigger phrases applied inside one sentence.
Triggers open a scope forward (or backward) that ends at the sentence end or at a terminator ("but").
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

_FORWARD = {
    "negated": [
        r"no", r"not", r"without", r"negative for", r"no evidence of", r"no sign of", r"no signs of",
        r"absence of", r"free of", r"denies", r"denied", r"never", r"ruled out", r"rules out", r"not seen",
        r"no definite", r"no residual", r"none", r"declined", r"not identified", r"no history of", r"nor",
        r"resolved", r"not present", r"did not receive", r"never received", r"not on",
    ],
    "uncertain": [
        r"possible", r"possibly", r"probable", r"probably", r"suspicious for", r"suspected", r"suspect",
        r"concerning for", r"question of", r"questionable", r"may represent", r"may be", r"could be",
        r"cannot be excluded", r"cannot exclude", r"can ?not rule out", r"indeterminate", r"equivocal for",
        r"likely", r"worrisome for", r"differential includes", r"versus", r"vs\.?", r"consider",
    ],
    "historical": [r"history of", r"h/o", r"previous", r"previously", r"prior", r"past", r"remote"],
    "hypothetical": [r"if", r"should", r"in case of", r"rule out", r"r/o", r"to rule out", r"evaluate for",
                     r"plan(?:ned)? to", r"plan is", r"plan:", r"planned", r"will start", r"will receive", r"will begin", r"referred for", r"candidate for", r"consider(?:ing)?", r"discussed"],
    "family": [r"family history of", r"mother", r"father", r"sister", r"brother", r"aunt", r"uncle",
               r"grandmother", r"grandfather", r"maternal", r"paternal", r"cousin", r"daughter"],
}
_BACKWARD = {
    "negated": [r"(?:is|are|was|were) (?:negative|absent|not (?:seen|identified|present|detected))",
                r"not (?:seen|identified|detected|present)", r"ruled out", r"was excluded", r"(?:is|was) unlikely",
                r"resolved", r"free"],
    "uncertain": [r"cannot be (?:excluded|ruled out)", r"(?:is|are) (?:possible|suspected|likely|not excluded)",
                  r"not excluded", r"\?", r"vs\.?"],
    "hypothetical": [r"(?:was|is|are) (?:planned|recommended|considered|discussed|being considered)"],
}
_TERMINATORS = r"\b(?:but|however|although|though|except|apart from|aside from|which|yet|whereas|with)\b|[;:]"
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z(\[]|(?:yp|[cpyr])[TNM]\d)|\n\s*\n|\n(?=\s*[-*•\d]|\s*[A-Z][A-Za-z /]{1,30}:)|[;]"
                             r"|(?<=\|)[ \t]*\n")  # a table row ends its sentence

# A line under a past-history heading is history as a whole (the heading's colon would otherwise end the scope).
_HISTORY_LINE = re.compile(r"(?i)[ \t>*•-]*(?:PMH|PMHx|PSH|past (?:medical |surgical |oncologic(?:al)? )?history|prior (?:malignanc\w+|cancers?)|"
                           r"other (?:medical |cancer )?history|comorbidit(?:y|ies)|medical history)\b[^:\n]{0,20}:")
_FWD = {k: re.compile(r"(?i)\b(?:" + "|".join(v) + r")\b(?!-)") for k, v in _FORWARD.items()}
_BWD = {k: re.compile(r"(?i)(?:" + "|".join(v) + r")") for k, v in _BACKWARD.items()}
_TERM = re.compile(r"(?i)" + _TERMINATORS)
_CLOSED_PAREN = re.compile(r"\([^()\n]*\)")
# Pseudo-triggers (ConText's term): a trigger word that negates nothing beyond itself ("never smoker, newly diagnosed …")
_PSEUDO = re.compile(r"(?i)\b(?:never[- ]?smok\w*|non-?smok\w*|no (?:change in|increase in)|not only|never married|"
                     r"no known (?:drug )?allergies|NKDA)\b")


@dataclass(frozen=True)
class Assertion:
    negated: bool = False
    uncertain: bool = False
    historical: bool = False
    hypothetical: bool = False
    family: bool = False

    @property
    def affirmed(self) -> bool:
        """A present, certain, patient-own fact."""
        return not (self.negated or self.uncertain or self.hypothetical or self.family)


@functools.lru_cache(maxsize=8)
def _break_ends(text: str) -> tuple[int, ...]:
    """Where each sentence break of a text ends: found once per text, since every assertion asks."""
    return tuple(m.end() for m in _SENTENCE_BREAK.finditer(text))


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence (or list item) containing [start, end)."""
    ends = _break_ends(text)
    i = bisect.bisect_right(ends, start)
    left = ends[i - 1] if i else 0
    stop = _SENTENCE_BREAK.search(text, end)
    right = stop.start() if stop else len(text)
    return left, right


def assess(text: str, start: int, end: int, window: int = 60) -> Assertion:
    """Assertion flags for the target text[start:end] from triggers in its sentence."""
    left, right = sentence_bounds(text, start, end)
    before = text[max(left, start - window) : start]
    after = text[end : min(right, end + window)]
    # A trigger inside a parenthesis that closed before the target stays inside it: "nodules (new vs 2022), pleural …"
    before = _CLOSED_PAREN.sub(lambda m: " " * len(m[0]), before)
    before = _PSEUDO.sub(lambda m: " " * len(m[0]), before)
    # Forward scope: only what follows the last terminator before the target.
    terms = list(_TERM.finditer(before))
    if terms:
        before = before[terms[-1].end() :]
    term_after = _TERM.search(after)
    if term_after:
        after = after[: term_after.start()]
    flags = {k: bool(p.search(before)) for k, p in _FWD.items()}
    line_start = text.rfind("\n", 0, start) + 1
    if _HISTORY_LINE.match(text, line_start, start):
        flags["historical"] = True  # "PMH: prostate adenocarcinoma 2016": the heading's ":" ends no history
    for k, p in _BWD.items():
        if p.search(after[:40]):
            flags[k] = True
    return Assertion(**flags)
