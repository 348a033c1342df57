"""Adverse events with CTCAE grade and consequence ("grade 3 neutropenia leading to dose reduction")."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import AdverseEvent, PatientProfile
from oncoguide.records.patterns import alternation

EVENTS: dict[str, str] = {
    r"neutropenia|neutropenic|low neutrophils?|ANC low|neutrophil count decreased": "neutropenia",
    r"febrile neutropenia": "febrile neutropenia",
    r"anemia|anaemia": "anemia",
    r"thrombocytopenia|low platelets|platelet count decreased": "thrombocytopenia",
    r"leukopenia|white blood cell (?:count )?decreased": "leukopenia",
    r"tumou?r lysis syndrome": "tumor lysis syndrome",
    r"diarrh(?:o)?ea": "diarrhea",
    r"nausea": "nausea",
    r"vomiting|emesis": "vomiting",
    r"fatigue|asthenia": "fatigue",
    r"(?:peripheral )?(?:sensory )?neuropathy": "peripheral neuropathy",
    r"mucositis|stomatitis": "stomatitis",
    r"radiation dermatitis|dermatitis radiation|radiation skin reaction|radiation-induced dermatitis": "radiation dermatitis",
    r"acneiform (?:rash|eruption)|papulopustular (?:rash|eruption)|rash acneiform": "acneiform rash",
    r"rash maculo-?papular|maculo-?papular rash": "rash",
    r"rash|dermatitis": "rash",
    r"hand[- ]foot syndrome|palmar[- ]plantar erythrodysesthesia|PPE": "hand-foot syndrome",
    r"pneumonitis|interstitial lung disease|ILD": "pneumonitis",
    r"hepatotoxicity|transaminitis|elevated (?:ALT|AST|liver enzymes)|ALT elevation|AST elevation|(?:ALT|AST) increased|"
    r"(?:alanine|aspartate) aminotransferase increased": "hepatotoxicity",
    r"hyperglycemia|hyperglycaemia": "hyperglycemia",
    r"QTc? prolongation|prolonged QTc?": "QT prolongation",
    r"colitis": "colitis",
    r"hypothyroidism": "hypothyroidism",
    r"cardiotoxicity|decreased (?:LVEF|ejection fraction)|LVEF decline|heart failure": "cardiotoxicity",
    r"alopecia|hair loss": "alopecia",
    r"arthralgia|joint pain": "arthralgia",
    r"hot flashes|hot flushes": "hot flashes",
    r"infusion reaction|infusion-related reaction": "infusion reaction",
    r"(?:immune[- ]mediated |autoimmune )?hepatitis(?!\s*[BC]\b)": "hepatitis",
    r"vitiligo": "vitiligo",
    r"hypertension": "hypertension",
    r"(?:radiation )?esophagitis|oesophagitis": "esophagitis",
    r"paronychia": "paronychia",
    r"nail changes": "nail changes",
    r"HFS|HFSR": "hand-foot syndrome",
    # events that are also everyday symptoms or long-standing conditions: counted only with a CTCAE grade
    r"tinnitus": "tinnitus",
    r"hearing loss|hearing impairment|ototoxicity": "hearing loss",
    r"proteinuria": "proteinuria",
    r"acute kidney injury|AKI|nephrotoxicity|creatinine (?:increased|elevation)|elevated creatinine": "acute kidney injury",
    r"constipation": "constipation",
    r"myalgias?": "myalgia",
    r"urinary frequency": "urinary frequency",
    r"dysgeusia|taste (?:changes?|alteration|disturbance)": "dysgeusia",
    r"(?:peripheral |lower[- ]extremity |limb )?o?edema(?: limbs)?": "edema",
    r"dysphonia|hoarseness": "dysphonia",
    r"ha?ematuria": "hematuria",
    r"hypocalca?emia": "hypocalcemia",
    r"weight gain": "weight gain",
    r"hypercholesterol(?:a)?emia": "hypercholesterolemia",
    r"hypertriglyceridemia|hypertriglyceridaemia": "hypertriglyceridemia",
    r"dizziness": "dizziness",
    r"visual (?:disturbances?|changes?|impairment)|blurred vision|vision changes": "visual disturbance",
    r"adrenal insufficiency": "adrenal insufficiency",
    r"hypophysitis": "hypophysitis",
    r"hyperthyroidism|thyroiditis": "hyperthyroidism",
    r"hypotension": "hypotension",
    r"anorexia|decreased appetite|loss of appetite": "anorexia",
    r"hypomagnes(?:a)?emia": "hypomagnesemia",
    r"hypokal(?:a)?emia": "hypokalemia",
    r"hyponatr(?:a)?emia": "hyponatremia",
    r"pyrexia|fever": "fever",
    r"myocarditis": "myocarditis",
    r"nephritis": "nephritis",
    r"insomnia": "insomnia",
    r"dyspn(?:o)?ea": "dyspnea",
    r"cough": "cough",
    r"headache": "headache",
    r"lymphopenia": "lymphopenia",
    r"(?:deep vein |venous )?thrombo(?:sis|embolism)|DVT|pulmonary embolism": "thromboembolism",
    r"weight loss": "weight loss",
    r"pruritus|itching": "pruritus",
    r"xerostomia|dry mouth": "xerostomia",
    r"dysphagia|odynophagia": "dysphagia",
    r"conjunctivitis": "conjunctivitis",
    r"epistaxis|nosebleeds?": "epistaxis",
    r"encephalopathy|ICANS": "encephalopathy",
    r"serous retinopathy|central serous chorioretinopathy": "serous retinopathy",
    r"chest wall pain": "chest wall pain",
    r"dry skin|xerosis": "dry skin",
}
# Also long-standing conditions ("history of hypertension"): counted as a treatment side effect only with a grade.
_GRADED_ONLY = {"hematuria", "hypocalcemia", "dysphonia", "weight gain", "tumor lysis syndrome", "hypertension", "hepatitis", "tinnitus", "hearing loss", "proteinuria", "acute kidney injury", "constipation",
                "myalgia", "urinary frequency", "dysgeusia", "edema", "hypercholesterolemia", "hypertriglyceridemia",
                "dizziness", "visual disturbance", "adrenal insufficiency", "hypophysitis", "hyperthyroidism", "hypotension",
                "anorexia", "hypomagnesemia", "hypokalemia", "hyponatremia", "fever", "myocarditis", "nephritis",
                "insomnia", "dyspnea", "cough", "headache", "lymphopenia", "thromboembolism", "weight loss",
                "pruritus", "xerostomia", "dysphagia", "conjunctivitis", "epistaxis", "encephalopathy", "serous retinopathy",
                "chest wall pain", "dry skin"}
_EV = re.compile(r"(?i)\b(" + alternation(EVENTS) + r")\b")
# A grade right before an event name is a toxicity grade ("grade 3 neutropenia"), never the tumour's grade.
TOXICITY_GRADE_AFTER = re.compile(r"(?i)\s*(?:\(CTCAE\)\s*)?(?:\w+\s+){0,2}?(?:" + alternation(EVENTS) + r"|toxicit\w*|adverse)\b")
# "grade 3 immune-mediated colitis", "Gr 3 acneiform rash": up to two describing words between grade and event.
_GRADE_BEFORE = re.compile(r"(?i)\b(?:grade|gr\.?|G|CTCAE(?:\s+grade)?)\s*(?P<g>[1-5]|I{1,3}V?|IV|V)\s*(?:\(CTCAE\)\s*)?(?:[a-z][\w-]*\s+){0,2}$")
_GRADE_AFTER = re.compile(r"(?i)^\s*(?:[CD]\d{1,2}\s+)?(?:\([^)\n]{0,40}\),?\s*)?[,:(\-]?\s*(?:(?:has been|was|is|now|remains)\s+)?(?:CTCAE\s*)?(?:grade|gr\.?|G)\s*(?P<g>[1-5]|I{1,3}V?|IV|V)\b")
_CONSEQ = re.compile(
    r"(?i)(dose (?:reduction|reduced|delay(?:ed)?|held|interruption)|treatment (?:held|delayed|discontinued|interrupted)|"
    r"discontinu\w+|stopped|hospitali[sz]\w+|held|(?:reduced|decreased|lowered) (?:from|to) \d|switched)"
)
# Records word the same consequence many ways; the profile keeps one name per kind.
_CONSEQ_NAMES = [(re.compile(p, re.I), name) for p, name in (
    (r"reduc|decreas|lower", "dose reduction"), (r"delay", "dose delay"), (r"held|interrupt", "treatment held"),
    (r"discontinu|stopped", "discontinued"), (r"hospitali", "hospitalization"), (r"switch", "switched treatment"))]


def _consequence(raw: str) -> str:
    return next((name for p, name in _CONSEQ_NAMES if p.search(raw)), raw.lower())
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5}


def _canon(raw: str) -> str:
    for pat, canon in EVENTS.items():
        if re.fullmatch(pat, raw, re.IGNORECASE):
            return canon
    return raw.lower()


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    for m in _EV.finditer(text):
        a = doc.assertion(m.start(), m.end())
        if a.negated or a.hypothetical or a.family or a.uncertain:
            continue
        grade = None
        gb = _GRADE_BEFORE.search(text[max(0, m.start() - 40) : m.start()])
        ga = _GRADE_AFTER.search(text[m.end() : m.end() + 40])
        gm = gb or ga
        g = gm["g"] if gm else None
        if g:
            grade = int(g) if g.isdigit() else _ROMAN.get(g.upper())
        if grade is None and _canon(m.group(1)) in _GRADED_ONLY:
            continue
        right = min([i for i in (text.find(".", m.end()), text.find("\n", m.end())) if i != -1] or [len(text)])
        left = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        conseq = _CONSEQ.search(text[m.end() : right]) or _CONSEQ.search(text[left : m.start()])
        out.append(Finding("adverse_events", _canon(m.group(1)), m.start(), m.end(), extra={
            "grade": grade, "consequence": _consequence(conseq.group(1)) if conseq else None}))
    return out + _table_events(doc)


_ROW = re.compile(r"(?m)^[ \t]*\|(?P<cells>[^\n]*)\|?[ \t]*$|^(?P<tabbed>[^\n\t|]+(?:\t[^\n\t]*)+)$")


def _table_events(doc: Doc) -> list[Finding]:
    """Rows of a toxicity table (pipes or tabs) whose header names a grade column: "| Neutropenia | 3 | Carboplatin |"."""
    out: list[Finding] = []
    grade_col: int | None = None
    for m in _ROW.finditer(doc.text):
        group = "cells" if m["cells"] is not None else "tabbed"
        cells = [c.strip() for c in m[group].split("|" if group == "cells" else "\t")]
        header = [i for i, c in enumerate(cells) if re.search(r"(?i)\bgrade\b", c)]
        if header and not any(re.fullmatch(r"[1-5]", c) for c in cells):
            grade_col = header[0]
            continue
        if grade_col is None or grade_col >= len(cells) or not (g := re.match(r"(?:G|grade\s*)?([1-5])\b", cells[grade_col], re.I)):
            continue
        if (ev := _EV.fullmatch(cells[0])) is None:
            continue
        start = m.start(group) + m[group].find(cells[0])
        out.append(Finding("adverse_events", _canon(ev.group(1)), start, start + len(cells[0]),
                           extra={"grade": int(g[1]), "consequence": None}))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    seen: dict[str, AdverseEvent] = {e.name: e for e in profile.adverse_events}
    for f in findings:
        e = seen.get(f.value)
        if e is None:
            e = AdverseEvent(name=f.value, grade=f.extra["grade"], consequence=f.extra["consequence"], evidence=doc.evidence(f.start, f.end))
            seen[f.value] = e
            profile.adverse_events.append(e)
        else:
            if f.extra["grade"] and (e.grade or 0) < f.extra["grade"]:
                e.grade = f.extra["grade"]
            e.consequence = e.consequence or f.extra["consequence"]
