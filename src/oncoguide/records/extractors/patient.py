"""Patient-level facts: menopausal status, ECOG performance status, age, sex."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import PatientProfile

_MENO = re.compile(r"(?i)\b(pre|peri|post)[- ]?menopausal\b|\b(premenopause|postmenopause)\b")
_ECOG = re.compile(
    r"(?i)\b(?:ECOG|WHO|Zubrod)(?:\s+(?:performance\s+status|PS))?"
    r"(?:\s+(?:at discharge|on discharge|at admission|on admission|today|currently|now|at baseline|at presentation|at diagnosis))?"
    r"\s*(?:score|status|of|is|was|=|:|\|)?\s*(?:of\s*)?(?P<v>[0-4])(?!\d|\.\d)"
    r"|\b(?:performance status|PS)\s*(?:of|is|was|=|:)?\s*(?:ECOG\s*)?(?P<v2>[0-4])(?![\d%])"
)
_KPS = re.compile(r"(?i)\b(?:KPS|karnofsky(?: performance status)?)\s*(?:of|is|=|:)?\s*(?P<v>\d{2,3})\s*%?")
_AGE = re.compile(r"(?i)\b(?P<v>\d{1,2}|1[01]\d)[- ](?:year|yr)s?[- ]old\b|\bage\s*[:=]?\s*(?P<v2>\d{1,3})\b|\b(?P<v3>\d{1,3})\s*(?:yo|y/o|y\.o\.)\b"
    r"|\b(?:I am|I'm|aged)\s+(?P<v4>\d{2,3})\b(?!\s*(?:%|kg|lbs?|cm|mg|weeks?|days?|months?|cycles?))")
_SEX = re.compile(r"(?i)\b(woman|female|lady|girl|she|her|man|male|gentleman|boy|he|his)\b")
_FEMALE = {"woman", "female", "lady", "girl", "she", "her"}
_KPS_TO_ECOG = [(90, 0), (70, 1), (50, 2), (30, 3), (0, 4)]


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    for m in _MENO.finditer(text):
        word = (m.group(1) or m.group(2)[:-9]).lower()
        status = {"pre": "premenopausal", "peri": "perimenopausal", "post": "postmenopausal"}[word[:4].rstrip("m") if word.startswith("peri") else word[:4].rstrip("m").rstrip("e") if False else ("pre" if word.startswith("pre") else "post" if word.startswith("post") else "peri")]
        out.append(Finding("menopausal_status", status, m.start(), m.end()))
    for m in _ECOG.finditer(text):
        out.append(Finding("ecog", int(m["v"] or m["v2"]), m.start(), m.end(), 2.0))
    for m in _KPS.finditer(text):
        kps = int(m["v"])
        if 0 <= kps <= 100:
            out.append(Finding("ecog", next(e for k, e in _KPS_TO_ECOG if kps >= k), m.start(), m.end(), 1.0))
    for m in _AGE.finditer(text):
        v = int(m["v"] or m["v2"] or m["v3"] or m["v4"])
        if 0 < v < 120:
            out.append(Finding("age", v, m.start(), m.end()))
    counts = {"female": 0, "male": 0}
    first: dict[str, re.Match[str]] = {}
    for m in _SEX.finditer(text):
        sex = "female" if m.group(1).lower() in _FEMALE else "male"
        counts[sex] += 1
        first.setdefault(sex, m)
    if counts["female"] != counts["male"]:
        sex = max(counts, key=lambda k: counts[k])
        out.append(Finding("sex", sex, first[sex].start(), first[sex].end()))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """First mention wins for each field, except ECOG where an explicit ECOG beats a converted KPS."""
    for name in ("menopausal_status", "ecog", "age", "sex"):
        cands = [f for f in findings if f.field == name]
        if not cands:
            continue
        best = max(cands, key=lambda f: (f.score, -f.start))
        setattr(profile, name, best.value)
        profile.evidence[name] = doc.evidence(best.start, best.end)
