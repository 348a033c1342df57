"""Treatment history and disease course: treatment-naive or not, therapy for advanced disease, newly diagnosed vs
recurrent / relapsed / refractory / progressive, and standard options exhausted.

Trials ask for all of these ("previously untreated", "no prior systemic therapy for metastatic disease",
"relapsed or refractory", "recurrent glioblastoma", "standard options exhausted"), and a record says them in
words rather than in drug names. Untreated is only ever read from an explicit statement: a record that names no
drug says nothing about what was given. Negation, hypothetical and family context come from `doc.assertion`;
phrases that carry their own negation ("no prior treatment") are read as written, and a negation right before
an untreated-word ("not previously untreated", "no longer treatment-naive") means the patient was treated.

Runs after the treatments extractor: a systemic cancer drug in the profile means prior systemic therapy.
"""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.treatment_status import treatment_status
from oncoguide.records.model import PatientProfile

_CANCERISH = (r"cancer|carcinoma|adenocarcinoma|disease|lymphoma|leuka?emia|myeloma|melanoma|sarcoma|glioblastoma|glioma|"
              r"tumou?r|mesothelioma|malignancy|CLL|DLBCL|AML|NSCLC|SCLC")
_THERAPY = r"(?:systemic |anti-?cancer |cancer |oncologic |medical )?(?:treatments?|therap(?:y|ies))"
_ADVANCED_SETTING = (r"(?:for|in)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:locally\s+)?(?:metastatic|advanced|recurrent|unresectable)"
                     r"(?:\s+(?:disease|setting|cancer|\w+\s+cancer))?")

# Untreated statements that carry their own negation word: read as written (a list "no fever, no prior
# treatment" must not turn them around).
_NAIVE_NEG = re.compile(
    rf"(?i)\bno (?:prior |previous )?{_THERAPY}(?:\s+(?:to date|so far|yet|received|given))?\b(?!\s*(?:for|in)\b)"
    rf"|\b(?:has|have|had|is|was) (?:not|never) (?:yet )?(?:received|had|been given|undergone|been treated with) (?:any )?"
    rf"(?:prior |previous )?{_THERAPY}\b(?!\s*(?:for|in)\b)"
    r"|\b(?:has|have|had|is|was) (?:not|never) (?:yet )?(?:been )?(?:previously )?treated\b(?!\s*(?:for|in|with)\b)"
    r"|\bnever (?:been )?treated\b(?!\s*(?:for|in|with)\b)"
)
# Untreated words without a negation of their own: a negation before them turns them around.
_NAIVE_POS = re.compile(
    r"(?i)\b(?:treatment|therapy|systemic therapy)[- ]na[iï]ve\b(?!\s*(?:for|in)\s+(?:the\s+)?(?:\w+\s+)?(?:metastatic|advanced))"
    rf"|\bpreviously untreated\b|\buntreated (?=(?:[\w-]+\s+){{0,4}}?(?:{_CANCERISH})\b)(?!(?:[\w-]+\s+){{0,3}}?(?:brain|cns|metasta))"
    r"|\b(?:is|was|remains|currently) untreated\b"
)
_NEGATED_JUST_BEFORE = re.compile(r"(?i)\b(?:not|no longer|never)\s+(?:\w+\s+)?$")
# Prior therapy stated without (or beside) a drug name.
_TREATED = re.compile(
    r"(?i)\b(?:previously|heavily) (?:pre-?)?treated\b|\bpre-?treated\b|\b(?:second|third|fourth|fifth|later)[- ]line\b"
    r"|\b(?:\d|one|two|three|four|five|several|multiple) (?:prior |previous )?lines? of\b"
    r"|\b(?:progress(?:ed|ion|ing)|relapsed|recurred) (?:on|after|following|despite|through|while on) (?:\w+\s+){0,3}?"
    r"(?:therapy|treatment|chemotherapy|chemo|immunotherapy|lines?|regimens?)\b"
    r"|\b(?:failed|refractory to|intolerant (?:of|to)) (?:\w+\s+){0,2}?(?:therapy|treatment|chemotherapy|chemo|immunotherapy)\b"
)
# A therapy word, given or not: treatment_status() around it decides (prior / current / planned).
_THERAPY_WORD = re.compile(
    r"(?i)\b(?:(?:adjuvant|neoadjuvant|systemic|palliative|combination|platinum-based|cytotoxic) )?"
    r"(?:chemotherapy|chemo|immunotherapy|endocrine therapy|hormonal therapy|hormone therapy|targeted therapy|systemic therapy)\b"
)
_ADVANCED_NONE = re.compile(
    rf"(?i)\b(?:no (?:prior |previous )?|(?:has|have) not (?:yet )?received (?:any )?(?:prior )?){_THERAPY}\s+{_ADVANCED_SETTING}"
    r"|\b(?:treatment|therapy)[- ]na[iï]ve\s+(?:for|in)\s+(?:the\s+)?(?:metastatic|advanced)(?:\s+(?:disease|setting))?"
)
_ADVANCED_GIVEN = re.compile(
    rf"(?i)\b(?:therap(?:y|ies)|treatments?|chemotherapy|lines?|regimens?|immunotherapy)\s+{_ADVANCED_SETTING}"
    r"|\b(?:second|third|fourth|later)[- ]line\b"
)
_STATUS: list[tuple[str, re.Pattern[str]]] = [
    ("refractory", re.compile(
        r"(?i)\b(?:primary[- ])?refractory\b(?!\s+(?:nausea|vomiting|pain|an(?:a)?emia|hypercalc\w*|ascites|effusions?|"
        r"hypertension|seizures?|diarrh\w+|cough|hypokal\w+|hyponat\w+|thrombocytopenia|constipation|symptoms?|epilepsy))")),
    ("relapsed", re.compile(r"(?i)\brelaps(?:ed|e|ing)\b(?![- ]free)")),
    ("recurrent", re.compile(
        r"(?i)\brecurren(?:t|ce)\b(?![- ]?(?:score|risk|free|rate|scores))(?!\s+(?:infections?|pneumonia|UTIs?|urinary|falls?|"
        r"episodes?|fevers?|syncope|seizures?|headaches?|nausea|vomiting|thrombo\w*|DVT|bleeding|pain|admissions?|"
        r"hospitali\w+|pleural effusions?|ascites))|\b(?:has |had |cancer |disease |tumou?r )recurred\b")),
    ("progressive", re.compile(
        r"(?i)\bprogress(?:ed|ing|ion)\s+(?:on|after|through|despite|following|while on)\b|\bprogressive disease\b"
        r"|\b(?:disease|radiographic|radiological|clinical|tumou?r) progression\b(?![- ]free)")),
    ("newly_diagnosed", re.compile(r"(?i)\b(?:newly|recently)[- ]diagnosed\b|\bnew diagnosis of\b")),
]
_RANK = {name: i for i, (name, _) in enumerate(_STATUS)}  # lower wins: recurrence words beat "newly diagnosed"
_NOT_COURSE_BEFORE = re.compile(
    r"(?i)(?:risk|chance|rate|prevent\w*|reduc\w*|lower\w*|surveillance|monitor\w*|screen\w*|signs?|symptoms?|fear)"
    r"\s+(?:of|for|the)?\s*(?:the\s+)?(?:risk\s+of\s+)?$|recurrence score\W*$|oncotype\W*(?:dx\W*)?$")
_EXHAUSTED = re.compile(
    r"(?i)\b(?:exhausted|failed|progressed on) (?:all )?(?:available )?(?:standard|approved|conventional|established)"
    r"(?: of care)? (?:treatments?|therap(?:y|ies)|options)"
    r"|\bno (?:further |other |remaining |more |available )*(?:standard|approved|established)(?: of care)?"
    r" (?:treatment |therapy |therapeutic |systemic )?(?:options?|therap(?:y|ies)|treatments?)(?: (?:left|remain\w*|available))?\b"
    r"|\bstandard (?:treatment |therapy |therapeutic )?options (?:have been|are|were) (?:exhausted|used up)"
    r"|\brefractory to (?:all )?standard (?:therapy|therapies|treatment)"
)
# systemic cancer drugs; supportive medicines in the lexicon do not make a patient pretreated
_SUPPORTIVE = re.compile(r"(?i)bone-modifying|corticosteroid|folate|antiemetic|growth factor")


def _given(doc: Doc, start: int, end: int) -> bool:
    a = doc.assertion(start, end)
    return not (a.negated or a.hypothetical or a.family or a.uncertain)


def _context_ok(doc: Doc, start: int, end: int) -> bool:
    """Not hypothetical, not uncertain, not about a relative (negation is handled by the caller)."""
    a = doc.assertion(start, end)
    return not (a.hypothetical or a.family or a.uncertain)


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    for m in _NAIVE_NEG.finditer(text):
        if _context_ok(doc, m.start(), m.end()):
            out.append(Finding("prior_systemic_therapy", False, m.start(), m.end()))
    for m in _NAIVE_POS.finditer(text):
        if not _context_ok(doc, m.start(), m.end()):
            continue
        if _NEGATED_JUST_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
            out.append(Finding("prior_systemic_therapy", True, m.start(), m.end()))  # "not previously untreated"
        elif not doc.assertion(m.start(), m.end()).negated:
            out.append(Finding("prior_systemic_therapy", False, m.start(), m.end()))
    for m in _TREATED.finditer(text):
        if _given(doc, m.start(), m.end()):
            out.append(Finding("prior_systemic_therapy", True, m.start(), m.end()))
    for m in _THERAPY_WORD.finditer(text):
        if _given(doc, m.start(), m.end()) and treatment_status(text, m.start(), m.end()) in {"prior", "current"}:
            out.append(Finding("prior_systemic_therapy", True, m.start(), m.end()))
    for m in _ADVANCED_NONE.finditer(text):
        if _context_ok(doc, m.start(), m.end()):
            out.append(Finding("prior_therapy_for_advanced", False, m.start(), m.end()))
    none_spans = [(f.start, f.end) for f in out if f.field == "prior_therapy_for_advanced"]
    for m in _ADVANCED_GIVEN.finditer(text):
        inside = any(s <= m.start() < e for s, e in none_spans)
        if not inside and _given(doc, m.start(), m.end()) and treatment_status(text, m.start(), m.end()) != "planned":
            out.append(Finding("prior_therapy_for_advanced", True, m.start(), m.end()))
    for status, rx in _STATUS:
        for m in rx.finditer(text):
            if _NOT_COURSE_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
                continue
            if _given(doc, m.start(), m.end()):
                out.append(Finding("disease_status", status, m.start(), m.end()))
    for m in _EXHAUSTED.finditer(text):
        if _context_ok(doc, m.start(), m.end()):
            out.append(Finding("standard_options_exhausted", True, m.start(), m.end()))
    return out


def _first(findings: list[Finding], field: str, value: object) -> Finding | None:
    cands = [f for f in findings if f.field == field and f.value == value]
    return min(cands, key=lambda f: f.start) if cands else None


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """Treated beats untreated (a drug given outweighs a "no prior treatment" elsewhere); recurrence words beat
    "newly diagnosed" within one document (the later course is what the record is about now)."""
    drugs = [t for t in profile.treatments
             if t.kind == "drug" and t.status != "planned" and not _SUPPORTIVE.search(t.drug_class or "")]
    treated = _first(findings, "prior_systemic_therapy", True)
    naive = _first(findings, "prior_systemic_therapy", False)
    if drugs and drugs[0].evidence is not None:
        profile.prior_systemic_therapy = True
        profile.evidence["prior_systemic_therapy"] = drugs[0].evidence.model_copy(
            update={"inferred": True, "rule": f"a systemic cancer drug is recorded ({drugs[0].name})"})
    elif treated:
        profile.prior_systemic_therapy = True
        profile.evidence["prior_systemic_therapy"] = doc.evidence(treated.start, treated.end)
    elif naive:
        profile.prior_systemic_therapy = False
        profile.evidence["prior_systemic_therapy"] = doc.evidence(naive.start, naive.end)
    for value in (True, False):  # stated therapy for advanced disease beats a statement that there was none
        if (f := _first(findings, "prior_therapy_for_advanced", value)) is not None:
            profile.prior_therapy_for_advanced = value
            profile.evidence["prior_therapy_for_advanced"] = doc.evidence(f.start, f.end)
            break
    course = [f for f in findings if f.field == "disease_status"]
    if course:
        best = min(course, key=lambda f: (_RANK[f.value], f.start))
        profile.disease_status = best.value
        profile.evidence["disease_status"] = doc.evidence(best.start, best.end)
    if (f := _first(findings, "standard_options_exhausted", True)) is not None:
        profile.standard_options_exhausted = True
        profile.evidence["standard_options_exhausted"] = doc.evidence(f.start, f.end)
