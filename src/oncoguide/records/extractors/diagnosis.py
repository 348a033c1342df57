"""Cancer type / primary site, histology, laterality and grade."""

from __future__ import annotations

import re

from oncoguide.records.extractors.adverse_events import EVENTS, TOXICITY_GRADE_AFTER
from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.cancer_types import ABBREVIATIONS, CANCER_TYPES
from oncoguide.records.extractors.metastasis import site_mentions
from oncoguide.records.model import PatientProfile
from oncoguide.records.patterns import alternation

_MALIGNANT = re.compile(r"(?i)\b(cancer|carcinoma|adenocarcinoma|adenoca|ca|malignan\w+|tumou?r|neoplasm|sarcoma|melanoma|mesothelioma|lymphoma|glioblastoma|NSCLC|RCC|HCC|DCIS|seminoma|SCC|squamous|IDC|ILC)\b")
_ENTITY_WEIGHT, _ORGAN_WEIGHT = 3, 1
_PRIMARY_AFTER = re.compile(r"(?i)\s+primary\b")
_METASTATIC_BEFORE = re.compile(r"(?i)\bmetasta\w*\s+(?:\w+\s+)?$")


def _type_pattern(words: list[str]) -> re.Pattern[str]:
    alts = sorted(words, key=len, reverse=True)
    parts = [w if w in ABBREVIATIONS else f"(?i:{w})" for w in alts]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])")


_TYPE_PATTERNS = [(ctype, site, _type_pattern(ents) if ents else None, _type_pattern(organs) if organs else None)
                  for ctype, (site, ents, organs) in CANCER_TYPES.items()]

HISTOLOGIES: list[tuple[str, str]] = [
    ("invasive ductal carcinoma", r"[Il]nvasive ductal carcinoma|invasive ductal type|infiltrating ductal carcinoma|infiltrating duct carcinoma|IDC|invasive carcinoma of no special type|NST"),
    ("invasive lobular carcinoma", r"[Il]nvasive lobular carcinoma|invasive lobular type|infiltrating lobular carcinoma|ILC"),
    ("ductal carcinoma in situ", r"ductal carcinoma in situ|DCIS"),
    ("small cell carcinoma", r"small cell (?:lung )?carcinoma|small cell lung cancer|SCLC"),
    ("squamous cell carcinoma", r"squamous cell carcinoma|squamous carcinoma|SCC"),
    ("clear cell renal cell carcinoma", r"clear cell renal cell carcinoma|renal cell carcinoma,? clear cell type|clear cell RCC|ccRCC"),
    ("papillary renal cell carcinoma", r"papillary renal cell carcinoma|papillary RCC"),
    ("anaplastic thyroid carcinoma", r"anaplastic (?:thyroid )?carcinoma|undifferentiated thyroid carcinoma|ATC"),
    ("medullary thyroid carcinoma", r"medullary (?:thyroid )?carcinoma|MTC"),
    ("follicular thyroid carcinoma", r"follicular (?:thyroid )?carcinoma"),
    ("papillary thyroid carcinoma", r"papillary (?:thyroid )?carcinoma"),
    ("urothelial carcinoma", r"urothelial carcinoma|transitional cell carcinoma"),
    ("hepatocellular carcinoma", r"hepatocellular carcinoma"),
    ("high-grade serous carcinoma", r"high[- ]grade serous (?:ovarian )?carcinoma|HGSOC"),
    ("serous carcinoma", r"serous carcinoma"),
    ("endometrioid carcinoma", r"endometrioid (?:adeno)?carcinoma"),
    ("mucinous adenocarcinoma", r"mucinous adenocarcinoma"),
    ("leiomyosarcoma", r"leiomyosarcoma"),
    ("liposarcoma", r"(?:dedifferentiated |well-differentiated |myxoid )?liposarcoma"),
    ("synovial sarcoma", r"synovial sarcoma"),
    ("undifferentiated pleomorphic sarcoma", r"undifferentiated pleomorphic sarcoma"),
    ("angiosarcoma", r"angiosarcoma"),
    ("osteosarcoma", r"osteosarcoma"),
    ("diffuse large B-cell lymphoma", r"diffuse large B-cell lymphoma|DLBCL"),
    ("follicular lymphoma", r"follicular lymphoma"),
    ("classical Hodgkin lymphoma", r"classical Hodgkin(?:'s)? lymphoma|cHL"),
    ("nodular lymphocyte-predominant Hodgkin lymphoma", r"nodular lymphocyte[- ]predominant Hodgkin(?:'s)? lymphoma|NLPHL"),
    ("Hodgkin lymphoma", r"Hodgkin(?:'s)? lymphoma"),
    ("mantle cell lymphoma", r"mantle cell lymphoma|MCL"),
    ("marginal zone lymphoma", r"marginal zone lymphoma|MALT lymphoma"),
    ("acute myeloid leukemia", r"acute myeloid leuka?emia|acute myelogenous leuka?emia|AML"),
    ("acute lymphoblastic leukemia", r"acute lymphoblastic leuka?emia|B-ALL|T-ALL"),
    ("chronic lymphocytic leukemia", r"chronic lymphocytic leuka?emia|CLL"),
    ("small lymphocytic lymphoma", r"small lymphocytic lymphoma|SLL"),
    ("chronic myeloid leukemia", r"chronic myeloid leuka?emia|chronic myelogenous leuka?emia|CML"),
    ("multiple myeloma", r"multiple myeloma|plasma cell myeloma"),
    ("adenocarcinoma", r"adenocarcinoma|adenoca"),
    ("superficial spreading melanoma", r"superficial spreading (?:malignant )?melanoma"),
    ("nodular melanoma", r"nodular (?:malignant )?melanoma"),
    ("acral lentiginous melanoma", r"acral[- ]lentiginous (?:malignant )?melanoma"),
    ("lentigo maligna melanoma", r"lentigo maligna melanoma"),
    ("desmoplastic melanoma", r"desmoplastic (?:malignant )?melanoma"),
    ("melanoma", r"melanoma"),
    ("glioblastoma", r"glioblastoma"),
    ("mesothelioma", r"mesothelioma"),
    ("non-small cell lung cancer", r"non[- ]small[- ]cell lung (?:cancer|carcinoma)|NSCLC"),
    ("renal cell carcinoma", r"renal cell carcinoma|RCC"),
]
_HIST = [(name, re.compile(r"(?i)(?<![\w-])(?:" + pat + r")(?![\w-])")) for name, pat in HISTOLOGIES]
_CASE_SENSITIVE = {"IDC", "ILC", "NST", "SCC", "DCIS", "SCLC", "NSCLC", "RCC", "HGSOC", "DLBCL", "ATC", "MTC", "cHL", "NLPHL", "MCL", "MALT",
                   "AML", "B-ALL", "T-ALL", "CLL", "SLL", "CML"}
_SIDE_SITES = (r"breast|lung|kidney|ovary|lobe|testis|adrenal|upper|lower|renal|"
                         r"calf|thigh|leg|arm|forearm|shoulder|flank|axilla|chest wall|neck|parotid|tonsil|foot|hand|scalp|temple|"
                         r"cheek|ear|eye|ureter|fallopian|colon|hemicolectomy|nephrectomy|mastectomy|lobectomy|orchiectomy|tongue|hilar|hilum|"
                         r"mainstem|bronchus|base of tongue|vocal cord|tonsil|posterior|anterior|palatine|heel|back|chest|buttock|groin|"
                         r"lateral|medial|partial|radical|radius|femur|tibia|hip|knee|elbow|wrist|"
                         r"face|nasal|maxillary|mandible|submandibular")
_LATERALITY = re.compile(r"(?i)\b(left|right|bilateral)\b(?:\s+\w+){0,3}?\s+(" + _SIDE_SITES + r")"
                         r"|\b(?:breast|lung|kidney|ovary|testis|adrenal)\s*,\s*(left|right|bilateral)\b"
                         r"|\b(?:specimen |tumou?r |procedure )?laterality\s*:\s*(left|right|bilateral)\b")
# "L posterior calf", "R palatine tonsil", "L partial nephrectomy": the one-letter side, capital only
_SIDE_LETTER = re.compile(r"(?<![\w/-])(?P<s>[LR])\.?(?:[ \t]+[\w-]+){0,2}?[ \t]+(?i:" + _SIDE_SITES + r")\b")
_GRADE = re.compile(
    r"(?i)\b(?:(?:nottingham|histologic|histological|tumou?r|combined|SBR|bloom[- ]richardson|fuhrman|who|isup|nuclear)\s+)?"
    r"grade\s*(?:group\s*)?[:=]?\s*(?P<g>[1-4]|I{1,3}V?|IV)(?:\s*(?:/|of|out of)\s*(?:3|4|III))?\b|\bG(?P<g2>[1-4])\b"
)
_NEXT_WORD = re.compile(r"[ \t]+(?P<w>[a-z][a-z-]{2,})")
_TUMOUR_WORD = re.compile(r"(?i)(?:invasive|infiltrating|carcinoma|adenocarcinoma|adeno|tumou?r|cancer|neoplasm|lesion|disease|"
                          r"ductal|lobular|serous|endometrioid|mucinous|papillary|glioma|astrocytoma|lymphoma|sarcoma|"
                          r"neuroendocrine|dysplasia|intraepithelial|urothelial|squamous|differentiat|out|of|and|in|per|on|with|"
                          r"nuclear|histolog|nottingham|tubule|mitos|pleomorph|score|group|component|foci|focus|areas?|features?)")
_LOBE = re.compile(r"\b(?:RUL|RML|RLL|LUL|LLL)\b")
_DIFF = re.compile(r"(?i)\b(well|moderately|mod\.?|poorly|un)[- ]?diff(?:erentiated|\.|\b)")
_GLEASON = re.compile(r"(?i)gleason\s*(?:score)?\s*[:=]?\s*(?P<a>[3-5])\s*\+\s*(?P<b>[3-5])(?:\s*=\s*(?P<s>\d+))?|gleason\s*(?:score)?\s*[:=]?\s*(?P<s2>[6-9]|10)\b")
_ROMAN = {"I": "1", "II": "2", "III": "3", "IV": "4"}
# a grade right after a side effect grades the side effect: "mild fatigue (grade 1)", "anemia of chemotherapy, grade 2"
_EVENT_BEFORE = re.compile(r"(?i)\b(?:" + alternation(EVENTS) + r")\b(?:[ \t]+(?:of|due to|from|secondary to|after)[ \t]+\w+)?[ \t]*[(:,-]?[ \t]*$")
# a Nottingham score with its sum: "Nottingham 3+2+1 = 6/9" (3-5 G1, 6-7 G2, 8-9 G3)
_NOTTINGHAM_SUM = re.compile(r"(?i)\bnottingham\b[^.\n]{0,25}?\b[1-3]\s*\+\s*[1-3]\s*\+\s*[1-3]\s*=\s*(?P<s>[3-9])\b")


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    out: list[Finding] = []
    for name, pat in _HIST:
        for m in pat.finditer(text):
            if m.group(0).upper() == m.group(0) and m.group(0) not in _CASE_SENSITIVE and len(m.group(0)) < 6:
                continue
            if m.group(0).isupper() is False and m.group(0).upper() in _CASE_SENSITIVE:
                continue
            a = doc.assertion(m.start(), m.end())
            if not a.negated:
                out.append(Finding("histology", name, m.start(), m.end(), _HISTORY_WEIGHT if a.historical else 1.0))
    out.extend(_cancer_types(doc))
    for m in _LATERALITY.finditer(text):
        # "history of left breast DCIS" may be another cancer: such a side counts only when nothing else is said
        score = 0.3 if doc.assertion(m.start(), m.end()).historical else 1.0
        side = (m[1] or m[3] or m[4]).lower()
        if side == "bilateral" and re.search(r"(?i)ectomy|dissection|mobile|oophor|salping|risk[- ]reducing|prophylactic", m.group(0)
                                              + text[m.end() : m.end() + 20]):
            continue  # "bilateral mastectomy (R risk-reducing)", "bilateral neck dissection": an operation, not the tumour
        out.append(Finding("laterality", side, m.start(), m.end(), score))
    for m in _SIDE_LETTER.finditer(text):
        score = 0.3 if doc.assertion(m.start(), m.end()).historical else 0.7  # below a lung lobe: "LUL mass … R adrenal"
        out.append(Finding("laterality", "left" if m["s"] == "L" else "right", m.start(), m.end(), score))
    for m in _LOBE.finditer(text):  # RUL, LLL: lung lobes carry their side
        out.append(Finding("laterality", "right" if m[0][0] == "R" else "left", m.start(), m.end(), 0.8))
    for m in _GLEASON.finditer(text):
        total = m["s"] or m["s2"] or str(int(m["a"]) + int(m["b"]))
        pattern = f" ({m['a']}+{m['b']})" if m["a"] else ""
        out.append(Finding("grade", f"Gleason {total}{pattern}", m.start(), m.end(), 2.0))
    for m in _GRADE.finditer(text):
        if TOXICITY_GRADE_AFTER.match(text, m.end()) or re.search(r"(?i)CTCAE\W*$", text[max(0, m.start() - 12) : m.start()]):
            continue
        if _EVENT_BEFORE.search(text, max(text.rfind("\n", 0, m.start()) + 1, m.start() - 40), m.start()):
            continue
        if m["g"] and not re.match(r"(?i)\w+\s+grade", m.group(0)) and (nxt := _NEXT_WORD.match(text, m.end())) \
                and not _TUMOUR_WORD.match(nxt["w"]):
            continue  # "grade 1 pruritus", "Grade 2 dry skin": a bare grade before a lower-case word grades a side effect
        g = m["g"] or m["g2"]
        g = _ROMAN.get(g.upper(), g)
        out.append(Finding("grade", f"G{g}", m.start(), m.end()))
    for m in _NOTTINGHAM_SUM.finditer(text):
        total = int(m["s"])
        out.append(Finding("grade", "G1" if total <= 5 else "G2" if total <= 7 else "G3", m.start(), m.end(), 1.5))
    for m in _DIFF.finditer(text):
        g = {"well": "G1", "moderately": "G2", "mod": "G2", "mod.": "G2", "poorly": "G3", "un": "G4"}[m[1].lower()]
        out.append(Finding("grade", g, m.start(), m.end(), 0.5))
    return out


_HISTORY_WEIGHT = 0.25


def _cancer_types(doc: Doc) -> list[Finding]:
    """Cancer-type mentions: entity names always, organ words only near a malignancy word; an organ named as
    a metastatic site is skipped, and a mention inside a longer one ("lung" in "small cell lung cancer") yields."""
    text = doc.text
    metastatic = [(s.start, s.end) for s in site_mentions(text)]
    hits: list[Finding] = []
    for ctype, site, ents, organs in _TYPE_PATTERNS:
        for pat, weight in ((ents, _ENTITY_WEIGHT), (organs, _ORGAN_WEIGHT)):
            if pat is None:
                continue
            for m in pat.finditer(text):
                if any(a < m.end() and m.start() < b for a, b in metastatic):
                    continue
                if weight == _ORGAN_WEIGHT:
                    s = re.search(r"[.\n]", text[: m.start()][::-1])
                    left = m.start() - s.start() if s else 0
                    near = text[max(left, m.start() - 80) : m.end() + 80]
                    organ_at = m.start() - max(left, m.start() - 80)
                    if _PRIMARY_AFTER.match(text, m.end()):
                        weight = _ENTITY_WEIGHT  # "c/w colorectal primary", "lung primary": the primary named outright
                    elif not any(not _METASTATIC_BEFORE.search(near, 0, w.start()) or w.start() < organ_at
                                 for w in _MALIGNANT.finditer(near)):
                        continue  # no malignancy word, or "RLL wedge: metastatic adenocarcinoma" (a deposit, not the primary;
                        # "metastatic adenocarcinoma of the colon" names the primary after it)
                a = doc.assertion(m.start(), m.end())
                if a.negated or a.family:
                    continue
                # an earlier cancer under "PMH:" or "history of" still counts, far less than the one being treated
                score = weight * (_HISTORY_WEIGHT if a.historical else 1.0)
                hits.append(Finding("cancer_type", ctype, m.start(), m.end(), score, extra={"site": site}))
    return [h for h in hits if not any(o is not h and o.start <= h.start and h.end <= o.end and o.end - o.start > h.end - h.start for o in hits)]


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """First histology mentioned wins (reports lead with the diagnosis); specific beats generic. Cancer type: the
    highest weighted mention count (entity names outweigh organ words), then the earliest."""
    by_field: dict[str, list[Finding]] = {}
    for f in findings:
        by_field.setdefault(f.field, []).append(f)
    if hist := by_field.get("histology"):
        order = [h for h, _ in HISTOLOGIES]
        current = [f for f in hist if f.score == 1.0] or hist  # a past cancer's histology only when nothing else is named
        best = min(current, key=lambda f: (order.index(f.value) if f.value != "adenocarcinoma" else len(order) - 6, f.start))
        profile.histology = best.value
        profile.evidence["histology"] = doc.evidence(best.start, best.end)
    if ct := by_field.get("cancer_type"):
        counts: dict[str, float] = {}
        for f in ct:
            counts[f.value] = counts.get(f.value, 0) + f.score
        best = max(ct, key=lambda f: (counts[f.value], -f.start))
        profile.cancer_type = best.value
        profile.primary_site = best.extra["site"]
        profile.evidence["cancer_type"] = doc.evidence(best.start, best.end)
    if lat := by_field.get("laterality"):
        best = max(lat, key=lambda f: (f.score, -f.start))
        profile.laterality = best.value
        profile.evidence["laterality"] = doc.evidence(best.start, best.end)
    if gr := by_field.get("grade"):
        best = max(gr, key=lambda f: (f.score, -f.start))
        profile.grade = best.value
        profile.evidence["grade"] = doc.evidence(best.start, best.end)
