"""Treatments: drugs (normalized generic name and class, start/stop, dose changes), surgery, radiation."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.drugs import DRUGS, REGIMENS
from oncoguide.records.extractors.treatment_status import treatment_status
from oncoguide.records.model import PatientProfile, Treatment

_ALIAS: dict[str, str] = {}
for _generic, (_cls, _aliases) in DRUGS.items():
    _ALIAS[_generic.lower()] = _generic
    for _a in _aliases:
        _ALIAS[_a.lower()] = _generic
_DRUG_RE = re.compile(
    r"(?i)(?<![\w-])(" + "|".join(re.escape(a) for a in sorted(_ALIAS, key=len, reverse=True)) + r")(?![\w-](?!based|containing|refractory|resistant|sensitive))"
)
# "mFOLFOX6", "mFOLFIRINOX": a modified regimen keeps its drugs
_REGIMEN_RE = re.compile(r"(?<![\w-])m?(" + "|".join(re.escape(r) for r in sorted(REGIMENS, key=len, reverse=True)) + r")\d?(?![\w-])")
_DATE = r"(?:\[date (?P<{g}>\d{{4}}-\d{{2}})\]|(?P<{g}m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{{4}})|(?P<{g}y>(?:19|20)\d{{2}}-\d{{2}})|(?P<{g}n>\d{{1,2}}/\d{{4}}))"
_START = re.compile(r"(?i)(?:start(?:ed|ing)?|began|begun|initiated|commenced|since|from|on)\s+(?:on\s+|in\s+)?" + _DATE.format(g="d"))
_STOP = re.compile(r"(?i)(?:stop(?:ped)?|discontinued|held|completed|ended|until|through|to)\s+(?:on\s+|in\s+)?" + _DATE.format(g="d"))
_DOSE_CHANGE = re.compile(
    r"(?i)(dose[- ](?:reduc\w+|reduced|escalat\w+|increas\w+|decreas\w+|held|interrupt\w+)|"
    r"(?:reduced|decreased|lowered|increased|escalated) (?:from \d+(?:\.\d+)?\s*mg\S* )?to \d+(?:\.\d+)?\s*mg|"
    r"(?:held|interrupted) for)[^.;\n]{0,80}"
)
_DISCONT = re.compile(r"(?i)\b(discontinued|stopped|held|switched)\b")
_NOT_GIVEN = re.compile(r"(?i)\b(declined|refused|not a candidate|no prior|never received|allerg\w+ to|intoleran\w+ to)\b")
_SURGERY = re.compile(
    r"(?i)\b((?:partial |total |modified radical |radical |bilateral |simple |skin-sparing |nipple-sparing )?mastectomy|lumpectomy|"
    r"breast[- ]conserving surgery|sentinel (?:lymph )?node biopsy|axillary (?:lymph node )?dissection|lobectomy|pneumonectomy|"
    r"segmentectomy|wedge resection|(?:radical |partial )?nephrectomy|(?:radical )?prostatectomy|colectomy|hemicolectomy|"
    r"low anterior resection|whipple(?: procedure)?|pancreaticoduodenectomy|hysterectomy|oophorectomy|salpingo-oophorectomy|"
    r"cystectomy|thyroidectomy|gastrectomy|esophagectomy|hepatectomy|craniotomy|debulking)\b"
)
_RADIATION = re.compile(
    r"(?i)\b(whole[- ]breast (?:radiation|irradiation)|stereotactic body radiation(?: therapy)?|SBRT|SRS|stereotactic radiosurgery|"
    r"whole[- ]brain radiation(?: therapy)?|WBRT|palliative radiation(?: therapy)?|adjuvant radiation(?: therapy)?|radiation therapy|"
    r"radiotherapy|chemoradiation|chemoradiotherapy|proton therapy|brachytherapy|XRT|external beam radiation)\b"
)


def _date(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    if m["d"]:
        return m["d"]
    if m["dy"]:
        return m["dy"]
    if m["dn"]:
        month, year = m["dn"].split("/")
        return f"{year}-{int(month):02d}"
    if m["dm"]:
        from oncoguide.records.deid import MONTHS

        mon, year = m["dm"].replace(".", "").split()
        return f"{year}-{MONTHS[mon[:3].lower()]:02d}"
    return None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(".", 0, start), text.rfind("\n", 0, start), text.rfind(";", 0, start)) + 1
    right_candidates = [i for i in (text.find(".", end), text.find("\n", end), text.find(";", end)) if i != -1]
    # keep decimal points inside numbers
    right = min(right_candidates) if right_candidates else len(text)
    while right < len(text) and text[right] == "." and right + 1 < len(text) and text[right + 1].isdigit():
        nxt = [i for i in (text.find(".", right + 1), text.find("\n", right + 1)) if i != -1]
        right = min(nxt) if nxt else len(text)
    return left, right


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    hits: list[tuple[int, int, str]] = [(m.start(), m.end(), _ALIAS[m.group(1).lower()]) for m in _DRUG_RE.finditer(text)]
    for m in _REGIMEN_RE.finditer(text):
        for generic in REGIMENS[m.group(1)]:
            hits.append((m.start(), m.end(), generic))
    for start, end, generic in hits:
        a = doc.assertion(start, end)
        cl_s, cl_e = _clause(text, start, end)
        clause = text[cl_s:cl_e]
        if a.negated or a.hypothetical or a.family or _NOT_GIVEN.search(text[cl_s:start]):
            continue
        status = treatment_status(text, start, end)
        if status == "planned":
            continue
        started = _date(_START.search(clause))
        stopped = _date(_STOP.search(clause))
        # a dose change in the next sentence belongs to this drug when that sentence names no other drug
        n_s, n_e = _clause(text, min(len(text), cl_e + 1), min(len(text), cl_e + 1))
        following = text[n_s:n_e] if not _DRUG_RE.search(text[n_s:n_e]) else ""
        changes = [c.group(0).strip() for c in _DOSE_CHANGE.finditer(clause + " " + following)]
        out.append(Finding("treatments", generic, start, end, extra={
            "kind": "drug", "class": DRUGS[generic][0], "start": started, "stop": stopped, "changes": changes,
            "historical": a.historical, "status": status or ("prior" if a.historical else None),
        }))
    for pat, kind in ((_SURGERY, "surgery"), (_RADIATION, "radiation")):
        for m in pat.finditer(text):
            a = doc.assertion(m.start(), m.end())
            if a.negated or a.hypothetical or a.family or a.uncertain:
                continue
            cl_s, cl_e = _clause(text, m.start(), m.end())
            started = _date(_START.search(text[cl_s:cl_e])) or _date(re.search(_DATE.format(g="d"), text[cl_s:cl_e]))
            out.append(Finding("treatments", m.group(1).lower(), m.start(), m.end(), extra={
                "kind": kind, "class": None, "start": started, "stop": None, "changes": []}))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """One entry per treatment name; later mentions add dates and dose changes; any current mention makes it current."""
    by_name: dict[str, Treatment] = {t.name: t for t in profile.treatments}
    for f in sorted(findings, key=lambda f: f.start):
        t = by_name.get(f.value)
        if t is None:
            t = Treatment(name=f.value, kind=f.extra["kind"], drug_class=f.extra["class"], evidence=doc.evidence(f.start, f.end))
            by_name[f.value] = t
            profile.treatments.append(t)
        if f.extra.get("status") == "current" or (t.status is None and f.extra.get("status")):
            t.status = f.extra["status"]
        t.start = t.start or f.extra["start"]
        t.stop = t.stop or f.extra["stop"]
        for c in f.extra["changes"]:
            if c not in t.dose_changes:
                t.dose_changes.append(c)
