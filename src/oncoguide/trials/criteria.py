"""Split free-text eligibility criteria into inclusion / exclusion items.

Registry text comes in several layouts (markdown bullets, numbered lists, the older indented
"DISEASE CHARACTERISTICS:" style with sub-headings); one tolerant line-based pass handles them all,
keeping the sub-heading each item sat under because items like "Female" only make sense beside "Sex:".
"""

from __future__ import annotations

import re

from oncoguide.trials.model import Criterion, CriterionKind

_HEADER = re.compile(
    r"^\W*(?:key\s+|main\s+|general\s+|major\s+|additional\s+)?(inclusion|exclusion|eligibility|ineligibility)"
    r"\s*(?:criteria|criterion)?\b[^:\n]{0,60}:?\s*$",
    re.I,
)
_HEADER_INLINE = re.compile(r"^\W*(?:key\s+)?(inclusion|exclusion)\s+criteri(?:a|on)\s*:\s*(.+)$", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•·‣▪◦]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s)|\(?[ivx]{1,4}[.)](?=\s))\s*")
_EMPTY_ITEMS = {"not specified", "see disease characteristics", "none", "n/a", "not applicable"}
_SECTION_MAX_WORDS = 6


def _kind_of(word: str) -> CriterionKind:
    return "exclusion" if word.lower() in {"exclusion", "ineligibility"} else "inclusion"


def split_criteria(text: str) -> list[Criterion]:
    """Items in reading order; text before any header counts as inclusion (the registry default)."""
    if not isinstance(text, str):
        raise TypeError(f"eligibility criteria must be text, got {type(text).__name__}")
    kind: CriterionKind = "inclusion"
    section: str | None = None
    items: list[Criterion] = []
    for raw in text.replace("\r\n", "\n").replace("~", "\n").split("\n"):
        line = raw.strip()
        if not line:
            continue
        if m := _HEADER_INLINE.match(line):
            kind, section = _kind_of(m.group(1)), None
            line = m.group(2).strip()
        elif m := _HEADER.match(line):
            kind, section = _kind_of(m.group(1)), None
            continue
        body = _BULLET.sub("", line, count=1).strip().strip("*").strip()
        if not body or not re.search(r"[A-Za-z]", body):
            continue
        if body.endswith(":") and len(body.split()) <= _SECTION_MAX_WORDS:
            section = body.rstrip(":").strip().capitalize()
            continue
        if body.lower().rstrip(".") in _EMPTY_ITEMS:
            continue
        items.append(Criterion(text=body, kind=kind, section=section))
    return items
