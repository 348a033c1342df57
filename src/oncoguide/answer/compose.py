"""Compose a structured answer from ranked passages: pure, extractive, every sentence cited.

Sentences are copied from passages (whitespace normalised, nothing reworded), grouped into sections by the
aspect their passage's heading names, ordered with the question's own aspect first, de-duplicated, and cut
to a word budget. Our own words (section titles, prompts, disclaimer) come from the reviewed wording file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from oncoguide.answer.model import Answer, Section, Sentence, Source
from oncoguide.answer.prompts import section_title
from oncoguide.corpus.model import Passage
from oncoguide.corpus.sentences import split_sentences
from oncoguide.retrieval.aspects import aspect_of
from oncoguide.retrieval.query import QueryInfo
from oncoguide.retrieval.search import Hit
from oncoguide.wording import DOSE_RE, Wording

# Reading order of aspects after the question's own aspect.
READER_ORDER = [
    "meaning", "causes_risk", "genetics", "prevention", "screening", "symptoms", "diagnosis", "stage",
    "treatment", "side_effects", "recurrence", "outlook", "living_with", "integrative", "trials",
]

# Sentences that point elsewhere or describe page furniture rather than answer anything.
_SKIP = re.compile(
    r"^(see |for more information|learn more|visit |click |enlarge|credit|this summary|refer to|\(see|"
    r"check the list|use our|call |read more|to learn more|watch |the (picture|figure|image|drawing|video)|"
    r"these and other|questions to ask)|\b(this summary|pdq|video|figure \d|the picture|shown in the)\b"
    r"|\byou can search for trials\b|\bgeneral information about clinical trials\b"
    r"|\b(see|visit) the .{0,60}\bsection\b|\b(pictures|descriptions) .{0,40}\bat\b|:[.;]$",
    re.IGNORECASE,
)
# Dosing schedules stated without units ("given on each day of a multiday regimen and for 2 to 3 days after").
_SCHEDULE = re.compile(
    r"\b(?:is|are)\s+(?:scheduled|given|taken)\s+(?:on\s+)?(?:each|every|once|twice)\b"
    r"|\b(?:once|twice|three times)\s+(?:a|per)\s+(?:day|week)\b|\bfor\s+\d+\s+(?:to\s+\d+\s+)?days?\s+after\b",
    re.I,
)
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    ["a", "an", "the", "and", "or", "of", "to", "in", "on", "for", "with", "by", "at", "from", "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "which", "who", "what", "when", "where", "how", "why", "can", "may", "might", "will", "would", "should", "could", "do", "does", "not", "your", "you"]
)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 2}


def usable_sentence(text: str) -> bool:
    n = len(text.split())
    if n < 6 or n > 90 or text.endswith(":") or _SKIP.search(text):
        return False
    if DOSE_RE.search(text) or _SCHEDULE.search(text):
        return False  # never show a dose or schedule, even one the source states: dosing is the care team's
    return text[0].isupper() or text[0].isdigit()


def _similar(a: set[str], b: set[str]) -> bool:
    if not a or not b:
        return False
    return len(a & b) / min(len(a), len(b)) >= 0.7


class _Builder:
    """Tracks sources, budget and duplicates while sentences are chosen."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.used = 0
        self.sources: dict[str, Source] = {}
        self.seen: list[set[str]] = []

    def source_id(self, hit: Hit) -> str:
        p = hit.passage
        if p.doc not in self.sources:
            self.sources[p.doc] = Source(
                id=f"S{len(self.sources) + 1}", title=p.title, url=p.url, doc=p.doc,
                last_reviewed=p.last_reviewed, audience=p.audience,
            )
        return self.sources[p.doc].id

    def take(self, text: str, hit: Hit, limit: int) -> Sentence | None:
        words = len(text.split())
        if self.used + words > self.budget or words > limit:
            return None
        cw = _content_words(text)
        if any(_similar(cw, s) for s in self.seen):
            return None
        self.seen.append(cw)
        self.used += words
        return Sentence(text=text, citations=[self.source_id(hit)], passage_id=hit.passage.passage_id)


def _sentences_of(hit: Hit) -> list[str]:
    return [s for s in split_sentences(hit.passage.text) if usable_sentence(s)]


NARROW_SHARE = 0.9  # of the budget, for a narrow question's own aspect
PASSAGES_PER_SECTION = 8

# A broad question ("what does it mean…") is answered with the overview a reader expects, in this order.
OVERVIEW = ["meaning", "stage", "diagnosis", "treatment", "outlook"]
BROAD = {"meaning", "stage", "general"}


def choose_aspects(info: QueryInfo, hits: Sequence[Hit]) -> list[tuple[str, list[Hit]]]:
    """Aspects to answer, in order, each with its passages (best first).

    The question's own aspects come first. A broad question adds the overview aspects found on its top
    pages; a narrow one ("What are the symptoms of X?") stays on its aspect.
    """
    top_docs = {h.passage.doc for h in hits[:3]}
    primary = info.intent if info.intent != "general" else None
    broad = primary in BROAD or primary is None
    # A narrow question may be filled out with other aspects of its best page, after its own.
    wanted = set(info.intents) | set(OVERVIEW if broad else READER_ORDER)
    if not broad and hits:
        top_docs = {hits[0].passage.doc}
    groups: dict[str, list[Hit]] = {}
    for rank, h in enumerate(hits):
        aspect = aspect_of(h.passage.headings)
        if aspect is None and rank < 3:
            aspect = primary  # an unlabeled top passage answers the question itself
        if aspect is None or aspect not in wanted:
            continue
        if aspect not in info.intents and h.passage.doc not in top_docs:
            continue
        groups.setdefault(aspect, []).append(h)
    if hits:  # within an aspect, the best page speaks first; other pages add to it
        best = hits[0].passage.doc
        groups = {a: sorted(g, key=lambda h: h.passage.doc != best) for a, g in groups.items()}
    order = [a for a in info.intents if a in groups]
    order += [a for a in (OVERVIEW if broad else READER_ORDER) if a in groups and a not in order]
    return [(a, groups[a]) for a in order]


def _read_on(aspect: str, group: list[Hit], following: Callable[[Passage], list[Passage]] | None) -> list[Hit]:
    """The best passage, then the passages that follow it in the same section of its page, then the rest.

    Reading on keeps a section's thread in the page's own order ("Key Points", then each treatment type),
    which is what a reader expects and what the page's authors wrote as one answer.
    """
    if not following or not group:
        return group
    top = group[0]
    section = top.passage.headings[:2]
    extra = [
        Hit(passage=p, score=top.score, parts={"read_on": 1.0})
        for p in following(top.passage)
        if p.headings[:2] == section and aspect_of(p.headings) in (aspect, None)
    ]
    seen = {top.passage.passage_id} | {h.passage.passage_id for h in extra}
    return [top, *extra, *(h for h in group[1:] if h.passage.passage_id not in seen)]


def compose_answer(
    question: str,
    info: QueryInfo,
    hits: Sequence[Hit],
    wording: Wording,
    budget_words: int = 450,
    following: Callable[[Passage], list[Passage]] | None = None,
) -> Answer:
    """Build the answer body (summary + sections) and its sources from ranked hits.

    `following(passage)` gives the passages after it on its page (in order), so the question's own aspect
    can read on through its section.
    """
    b = _Builder(budget_words)
    aspects = choose_aspects(info, hits)
    answer = Answer(question=question, intent=info.intent)
    if not aspects:
        return answer
    aspects[0] = (aspects[0][0], _read_on(aspects[0][0], aspects[0][1], following))

    # Summary: the opening of the best passage, which is the most direct statement we have.
    first_aspect, first_hits = aspects[0]
    opening = _sentences_of(first_hits[0])
    # Two sentences when the passage has plenty, so its section still has something to say after them.
    for text in opening[: 2 if len(opening) >= 4 else 1]:
        s = b.take(text, first_hits[0], limit=60)
        if s:
            answer.summary.append(s)

    n_sections = len(aspects)
    narrow = n_sections == 1 or info.intent not in BROAD
    for i, (aspect, group) in enumerate(aspects):
        # A narrow question's own aspect may use most of the budget; a broad one shares it out evenly.
        remaining = budget_words - b.used
        if remaining <= 0:
            break
        left = n_sections - i
        if left == 1:
            share = remaining
        elif i == 0 and narrow:
            share = int(remaining * NARROW_SHARE)
        else:
            share = max(40, remaining // left)
        start = b.used
        sentences: list[Sentence] = []
        for h in group[:PASSAGES_PER_SECTION]:
            for text in _sentences_of(h):
                if b.used - start >= share:
                    break
                s = b.take(text, h, limit=share)
                if s:
                    sentences.append(s)
        if sentences:
            answer.sections.append(
                Section(title=section_title(wording, aspect), intent=aspect, sentences=sentences)
            )
    answer.sources = list(b.sources.values())
    return answer


def related_questions(
    info: QueryInfo, hits: Sequence[Hit], page_questions: dict[str, list[str]], earlier: Sequence[str] = (), n: int = 5
) -> list[str]:
    """Question-form headings of the retrieved pages and earlier questions, most similar first."""
    q_words = _content_words(info.text)
    focus = _content_words(info.focus)
    candidates: dict[str, float] = {}
    docs: list[str] = []
    for h in hits:
        if h.passage.doc not in docs:
            docs.append(h.passage.doc)
    for rank, doc in enumerate(docs[:5]):
        for q in page_questions.get(doc, []):
            cw = _content_words(q)
            if not cw or _similar(cw, q_words) and len(cw ^ q_words) <= 1:
                continue
            score = len(cw & (focus | q_words)) / len(cw) - 0.1 * rank
            candidates[q] = max(candidates.get(q, -1.0), score)
    for q in earlier:
        cw = _content_words(q)
        if cw and cw != q_words:
            candidates[q] = max(candidates.get(q, -1.0), len(cw & q_words) / len(cw))
    ranked = sorted(candidates, key=lambda q: -candidates[q])
    out: list[str] = []
    for q in ranked:
        if q.strip().lower() != info.text.strip().lower() and q not in out:
            out.append(q)
    return out[:n]
