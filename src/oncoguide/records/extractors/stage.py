"""AJCC stage group ("Stage IIB", "stage 4", "AJCC stage: IIIA")."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import PatientProfile

_STAGE = re.compile(
    r"(?i)\b(?:(?:clinical|pathologic(?:al)?|prognostic|anatomic|overall|ajcc|figo|tnm)\s+)*stage(?:\s+group(?:ing)?)?"
    r"(?:\s*\(\w+\))?\s*[:=]?\s*(?P<s>0|I{1,3}V?|IV|[1-4])(?P<sub>[A-C][12]?)?(?![\w])",
)
_WORDS = re.compile(r"(?i)\bstage\s+(?P<s>one|two|three|four)\b")
_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV", "one": "I", "two": "II", "three": "III", "four": "IV"}
_METASTATIC = re.compile(r"(?i)\b(?:metastatic|stage\s+iv|de novo metastatic)\b")


def extract(doc: Doc) -> list[Finding]:
    out: list[Finding] = []
    for m in _STAGE.finditer(doc.text):
        s = m["s"].upper()
        s = _ROMAN.get(s, s)
        a = doc.assertion(m.start(), m.end())
        if a.negated or a.hypothetical:
            continue
        out.append(Finding("stage_group", s + (m["sub"] or "").upper(), m.start(), m.end()))
    for m in _WORDS.finditer(doc.text):
        out.append(Finding("stage_group", _ROMAN[m["s"].lower()], m.start(), m.end(), 0.8))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """The last stated stage wins (restaging follows diagnosis); sub-letters beat a bare group."""
    if not findings:
        return
    best = max(findings, key=lambda f: (f.score, f.start))
    profile.stage_group = best.value
    profile.evidence["stage_group"] = doc.evidence(best.start, best.end)
