"""Whether a drug mention is current or prior therapy, from the tense cues around it.

Trials ask for both ("no prior CDK4/6 inhibitor", "currently on endocrine therapy"), and descriptions mix
them in one sentence ("completed FOLFOX and now receives FOLFIRI"), so the cue nearest before the drug
inside its own segment decides; segments end at ';' and at "and (is) now"/"then"-style pivots. A cue after
the drug ("..., ongoing since 2025", "until 2023") is the fallback.
"""

from __future__ import annotations

import re
from typing import Literal

Status = Literal["current", "prior", "planned"]

_CURRENT = (r"currently|current(?: treatment| therapy| regimen)?|now|presently|is on|are on|has been on|remains on|continues|continuing|"
            r"ongoing|receiving|receives|is receiving|takes|taking|started|starting|began|initiated|switched to|changed to|maintenance on|"
            r"on treatment with|is being treated with|today")
_PRIOR = (r"prior|previously|previous|formerly|progressed (?:on|after|through|despite)|progression on|after|following|failed|"
          r"refractory to|intolerant (?:of|to)|was on|were on|had|took|received|completed|was treated|treated in \d{4}|treated with|"
          r"history of|stopped|discontinued|before that|until|in the past|last dose|relapsed after|s/p|status post")
_PLANNED = (r"plan(?:ned)?(?: is| to)?|we plan|will (?:start|receive|begin)|to start|recommend(?:s|ed)?|advised?|suggest(?:s|ed)?|"
            r"mentioned|(?:to |will )?discuss|discussed options?|options? discussed|read about|asked about|asking about|"
            r"(?:on|upon|at) progression|if (?:the )?(?:\w+ )?(?:\w+ )?(?:grows|progresses|worsens|recurs|returns|spreads)|"
            r"propose[ds]?|candidate for|consider(?:ed|ing)?|"
            r"referred for|offered|eligible for|options? (?:include|are|would be|of)|next[- ]line|future|"
            r"(?:would|could|may) (?:use|offer|consider|add)|reserved|at (?:PD|progression|relapse)(?: with)?|"
            r"(?:second|third|next|later)[- ]line options?|options? (?:reviewed|discussed)|recommendations?:?|question:?")
# ("If unresectable at exploration: chemoradiation w/ capecitabine": a condition then its plan)
_CUE = re.compile(rf"(?i)\b(?:(?P<cur>{_CURRENT})|(?P<pri>{_PRIOR})|(?P<plan>{_PLANNED}))\b|(?P<cond>\bif\b[^.:;\n]{{0,60}}:)")
_AFTER_CURRENT = re.compile(r"(?i)^[^.;]{0,60}?\b(?:ongoing|since|which (?:s?he|they|I) (?:takes?|is taking|receives?) now|to date|continues)\b")
# cues after the drug that make it an idea rather than a treatment given: "enfortumab vedotin at PD",
# "encorafenib + cetuximab reserved for progression", "pembrolizumab not favored"
_AFTER_PLANNED = re.compile(r"(?i)^(?P<pre>[^.;\n]{0,45}?)\b(?:at (?:next |further |the time of |time of )?(?:PD|progression|relapse)|reserved for|"
                            r"(?:held|kept) in reserve|in reserve|recommended|suggested|proposed|aim to (?:start|begin)|"
                            r"to (?:start|begin) (?:once|when|after|if|before)|"
                            r"if (?:the )?(?:\w+ )?(?:\w+ )?(?:grows|progresses|worsens|recurs|returns|spreads)|"
                            r"if (?:progress\w*|PD|relapse|needed)|upon progression|on progression|not favou?red|"
                            r"not (?:given|started|recommended|indicated|used|applicable|pursued|offered|an option)|(?:was|were) discussed|"
                            r"discussed|considered|(?:has been |have been |was |were )?offered|vs\.?|versus|"
                            r"as (?:a )?(?:future|next|later)[- ]line|(?:is|are|would be|could be|remains?) (?:an )?(?:\w+ )?options?|to be (?:added|started|given|considered)|"
                            r"planned|pending (?:approval|authori[sz]ation|funding))\b")
_AFTER_PRIOR = re.compile(r"(?i)^[^.;]{0,40}?\b(?:until|stopped|discontinued|completed|was stopped|ended)\b")
_PIVOT = re.compile(r"(?i)[;]|\.\s|\b(?:and|but|then|,)\s+(?=(?:(?:is|was|s?he|they|I)\s+)?(?:now|currently|then|later|subsequently|is on|started|switched))")


def _segment_start(text: str, start: int) -> int:
    left = max(0, start - 160)
    last = left
    for m in _PIVOT.finditer(text, left, start):
        last = m.end()
    return last


def _planned_after(after: str) -> bool:
    """A planning cue after the drug, with nothing between them saying it was already given ("since 11/2024", "C1")."""
    m = _AFTER_PLANNED.search(after)
    if m is None:
        return False
    return not re.search(r"(?i)\b(?:since|started|given|received|ongoing|continu\w*|C\d+|cycles?|x\s?\d)\b", m["pre"])


def _started_between(seg: str) -> bool:
    return bool(re.search(r"(?i)\b(?:started|began|receiv\w+|on|since|completed|given)\s*$", seg))


def treatment_status(text: str, start: int, end: int) -> Status | None:
    """'current' / 'prior' / 'planned' for the drug at text[start:end], or None when the record does not say."""
    seg = text[_segment_start(text, start) : start]
    cues = list(_CUE.finditer(seg))
    if (not cues or (cues[-1]["plan"] is None and cues[-1]["cond"] is None)) and _planned_after(text[end : end + 80]) and not _started_between(seg):
        return "planned"
    if cues:
        last = cues[-1]
        return "current" if last["cur"] else "prior" if last["pri"] else "planned"  # "plan" or "cond"
    after = text[end : end + 80]
    if _planned_after(after):
        return "planned"
    if _AFTER_PRIOR.search(after):
        return "prior"
    if _AFTER_CURRENT.search(after):
        return "current"
    if re.match(r"(?i)\s*on\s*$", seg[-4:]) or re.search(r"(?i)(?:^|[.:]\s*)on\s+$", seg):
        return "current"
    return None
