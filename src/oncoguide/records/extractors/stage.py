"""AJCC stage group ("Stage IIB", "stage 4", "AJCC stage: IIIA")."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import PatientProfile

_STAGE = re.compile(
    r"(?i)\b(?:(?:clinical|pathologic(?:al)?|prognostic|anatomic|overall|ajcc|figo|tnm)\s+)*(?:stage|stg\.?)(?:\s+group(?:ing)?)?"
    r"(?:\s*\(\w+\))?(?:\s+(?:now|today|currently|at diagnosis|at presentation))?\s*[:=]?\s*(?:FIGO\s+(?:\d{4}\s+)?)?"
    r"(?P<s>0|I{1,3}V?|IV|[1-4])(?P<sub>[A-C][12]?)?(?:(?<=\d)[rp])?(?![\w])"  # FIGO "IIIC1r": by imaging
    r"(?:\s*\((?P<s2>I{1,3}V?|IV)(?P<sub2>[A-C][12]?)\))?",  # "stage 4 (IVB)": the bracket says it exactly
)
# a group written right after the TNM categories: "cT3 cN2 cM1c - IVB", "pT2 pN1a M0 (IIB)", "T2N1M0, stage IIA"
_AFTER_TNM = re.compile(r"\b[cpy]{0,2}T(?:[0-4][a-d]?|is|x)\s*,?\s*[cpy]{0,2}N(?:[0-3][a-c]?|x)\s*,?\s*[cpy]{0,2}M[01][a-d]?"
                        r"(?:\s*\(\w+\))?\s*(?:[-–=,:;>→]+|->|\()\s*(?:(?i:stage|stg\.?)\s*)?(?P<s>IV|I{1,3})(?P<sub>[A-C][12]?)?(?![\w])")
# FIGO without the word "stage": "FIGO IIIC", "FIGO (2018) IB2"
_FIGO = re.compile(r"\bFIGO(?:\s*\(?\d{4}\)?)?\s*[:=]?\s*(?P<s>IV|I{1,3})(?P<sub>[A-C][12]?)?(?:(?<=\d)[rp])?(?![\w])")
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
        if m["s2"] and _ROMAN.get(m["s"], m["s"].upper()) == m["s2"].upper():
            s, sub = m["s2"].upper(), m["sub2"]
        else:
            sub = m["sub"]
        out.append(Finding("stage_group", s + (sub or "").upper(), m.start(), m.end(), 0.5 if a.historical else 1.0))
    for m in [*_AFTER_TNM.finditer(doc.text), *_FIGO.finditer(doc.text)]:
        if not any(f.start <= m.start("s") < f.end for f in out):  # "T2 N1 M0, stage IIB" is already read
            a = doc.assertion(m.start(), m.end())
            out.append(Finding("stage_group", m["s"] + (m["sub"] or ""), m.start("s"), m.end(), 0.5 if a.historical else 1.0))
    for m in _WORDS.finditer(doc.text):
        out.append(Finding("stage_group", _ROMAN[m["s"].lower()], m.start(), m.end(), 0.8))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """The last stated stage wins (restaging follows diagnosis), a past cancer's only when nothing else is staged;
    sub-letters beat a bare group of the same stage."""
    if not findings:
        return
    best = max(findings, key=lambda f: (f.score, f.start))
    # "Stage IVA … restaged: stage IV": a later bare group does not erase the sub-letters of the same group
    detailed = [f for f in findings if f.score == best.score and f.value != best.value and f.value.rstrip("ABC12") == best.value]
    if detailed:
        best = max(detailed, key=lambda f: f.start)
    profile.stage_group = best.value
    profile.evidence["stage_group"] = doc.evidence(best.start, best.end)
