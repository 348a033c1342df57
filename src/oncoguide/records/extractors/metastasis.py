"""Metastatic sites, oligometastatic and metastatic disease, with negation ("no evidence of distant metastasis").

`site_mentions` is shared with the diagnosis extractor: an organ named as a metastatic site ("leiomyosarcoma
with lung metastases", "adenocarcinoma metastatic to the liver") is never evidence for the primary cancer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.cancer_types import HEME
from oncoguide.records.model import PatientProfile
from oncoguide.records.patterns import alternation

SITES: dict[str, str] = {
    r"bones?(?! marrow)|osseous|skeletal|spine|spinal|vertebra\w*|rib|ribs|pelvic bones?|sacrum|sacral|femur|femoral|humerus|iliac|ilium|"
    r"ischium|acetabul\w*|hip bones?|scapula|sternum|sternal|calvari\w*|skull|lytic": "bone",
    r"liver|hepatic": "liver",
    r"lungs?|pulmonary": "lung",
    r"brain|cerebral|cerebellar|intracranial": "brain",
    r"pleura|pleural|effusion|thoracentesis": "pleura",
    r"peritoneum|peritoneal|omentum|omental|paracentesis": "peritoneum",
    r"adrenal glands?|adrenals?": "adrenal",
    r"distant lymph nodes?|supraclavicular (?:lymph )?nodes?|distant nodes?|contralateral (?:axillary |cervical |supraclavicular )?(?:lymph )?nodes?": "distant lymph nodes",
    r"skin|cutaneous|subcutaneous": "skin",
    r"(?:axillary |retroperitoneal |mediastinal |para-?aortic )?lymph nodes|nodes|nodal": "lymph nodes",
    r"ovary|ovaries": "ovary",
    r"leptomeninges|leptomeningeal": "leptomeninges",
    r"pancreas": "pancreas",
}
_SITE_ALT = alternation(SITES)
_SITE_RE = re.compile(r"(?i)\b(" + _SITE_ALT + r")\b")
# modifiers before a site, each may carry a bracketed detail: "left (contralateral) adrenal gland"
_MOD = (r"(?:(?:multiple|bilateral|bilat|both|contralateral|contralat|ipsilateral|left|right|L|R|new|numerous|several|few|small|"
        r"diffuse|retroperitoneal|mediastinal|vertebral|\w+-only|\d+|two|three|four|five|enlarging|growing|innumerable|"
        r"a|an|RUL|RML|RLL|LUL|LLL|\d+(?:\.\d+)?\s*(?:cm|mm))(?:\s*\([^)\n]{0,30}\))?\s+)*")
# each site may carry "-only", a plural "nodules"/"lesions" and a bracketed detail: "bone (multiple ribs, T6)"
_LIST = (r"(?:" + _MOD + r"(?:" + _SITE_ALT + r")(?:-only)?(?:\s+(?:nodules?|lesions?|masse?s?|nodes?|effusion|deposits?))?"
         r"(?:\s*x\s*\d+)?(?:\s*\([^)\n]{0,80}\))?"
         r"(?:\s*(?:,\s*and|;\s*and|,|;|and|&|/|or|\+)\s*(?:the\s+)?)?){1,6}")
_MET = (r"(?:(?:parenchymal|lytic|sclerotic|blastic|osteolytic|osteoblastic|mixed|enhancing|ring-enhancing|hypermetabolic|"
        r"FDG-avid|avid|hypodense|hypoattenuating|soft[- ]tissue)\s+)?"
        r"(?:metastas[ie]s|met\b|metastatic|mets|metastatic disease|metastatic lesions?|lesions?|deposits?|involvement|spread|"
        r"nodules? consistent with metasta\w+|disease|carcinomatosis|recurrence)")
# Statements of spread: the sites they list are where the cancer went ("metastatic to bone and liver",
# "Sites of metastasis: both lungs, pancreas", a patient's "4 spots in my brain")
_SPREAD_TO = re.compile(r"(?i)\b(?:metastatic|metastases|metastasis|mets|spread|recurrence|relapse|progression)\s+(?:\S+\s+){0,3}?"
                        r"(?:to|in|involving|within|into)\s+(?:the\s+|my\s+|her\s+|his\s+)?(?P<list>" + _LIST + r")")
_SITES_OF = re.compile(r"(?i)\b(?:sites? of (?:metastas[ie]s|metastatic disease|disease|spread|mets)|mets|metastases|metastatic sites)"
                       r"\s*[:\-|]\s*(?P<list>" + _LIST + r")")
_PATIENT_WORDS = re.compile(r"(?i)\b(?:spots?|mets|metastas[ie]s|deposits|secondaries)\s+(?:in|on|to)\s+(?:the\s+|my\s+|his\s+|her\s+)?"
                            r"(?P<list>" + _LIST + r")")
_SPREAD_STATEMENTS = (_SPREAD_TO, _SITES_OF, _PATIENT_WORDS)
_PATTERNS = [
    _SPREAD_TO,
    _SITES_OF,
    # "two lung nodules (VATS wedge = metastatic liposarcoma)", "lung nodules (bx RLL = metastatic CRC)": a site proven by biopsy
    re.compile(r"(?i)\b(?P<list>" + _LIST + r")[^;\n]{0,12}?\b(?:biops\w*|bx|FNA|wedge|core|cytology|resection)\b(?:[^;\n()]|\([^)\n]{0,25}\)){0,40}?"
               r"(?:=|:|positive for|showed|shows|c/w|consistent with|confirmed)\s*(?:metasta\w+|malignan\w+|\w*carcinoma|SCC|"
               r"melanoma|sarcoma)"),
    _PATIENT_WORDS,
    # "Metastatic 09/2022: bone (L4), left adrenal gland, lung nodules", "de novo stage IVC: liver (4 lesions), peritoneal nodules"
    # (the date may already be a de-identified placeholder: "Recurrence [date 2024-02]: pulmonary nodules")
    re.compile(r"(?i)\b(?:metastatic(?: disease| recurrence| relapse)?|stage\s*(?:IV|4)[ABC]?|M1[abc]?|recurrence|relapse|"
               r"progression|PD)\s*(?:\(?(?:\d{1,2}/\d{2,4}|\[date[^\]\n]{0,12}\])\)?\s*)?[:\-–]\s*(?P<list>" + _LIST + r")"),
    # "pleural fluid cytology positive for metastatic carcinoma"
    re.compile(r"(?i)\b(?P<list>pleural|peritoneal|ascitic)\s+(?:fluid|effusion|ascites|washings?)\b[^.\n;]{0,40}?\bpositive\s+for\s+"
               r"(?:metasta\w+|malignan\w+|carcinoma|adenocarcinoma|tumou?r cells)"),
    # "pleural nodularity", "peritoneal nodules/implants": serosal deposits are metastases in a cancer record
    re.compile(r"(?i)\b(?P<list>peritoneal|omental|pleural)\s+(?:nodules?|implants?|deposits?|nodularity|studding|seeding)\b"),
    # "malignant R effusion (cytology +)": a malignant effusion without a named cavity is pleural
    re.compile(r"(?i)\bmalignant\s+(?:(?:R|L|right|left|bilateral)\s+)?(?:pleural\s+)?(?P<list>effusion)"),
    # "MRI brain 03/2025: 3 enhancing lesions", "CT liver: multiple new lesions": a site, then what imaging found there
    re.compile(r"(?i)\b(?:MRI|CT|PET(?:/CT)?|imaging)\s+(?P<list>brain|liver|chest|spine|bones?)\s*(?:\[date[^\]\n]{0,12}\]|\d{1,2}/\d{2,4})?\s*[:\-]"
               r"\s*(?:\d+|multiple|several|numerous|new|two|three|four|innumerable)\s+(?:\w+\s+){0,2}?(?:lesions?|metastas[ie]s|mets|nodules?|masses)"),
    # "malignant pleural effusion (cytology positive)": tumour cells in the pleural space
    re.compile(r"(?i)\bmalignant (?P<list>pleural|peritoneal) (?:effusion|ascites|fluid)"),
    # a specimen line and its diagnosis: "L ovary - metastatic colorectal adenocarcinoma", "Liver, segment 8: metastatic"
    re.compile(r"(?i)(?:^|[\n:;]\s*|\)\s*)(?P<list>" + _LIST + r")(?:,[^:\n]{0,40})?\s*[-:=–]\s*(?:[-•]\s*)?metasta\w+", re.MULTILINE),
    # fluid drawn from a cavity with cancer cells in it: "Thoracentesis: malignant cells", "paracentesis - adenocarcinoma"
    re.compile(r"(?i)\b(?P<list>thoracentesis|paracentesis)\b(?:(?!negative|neg\b|no\b|without|free of)[^.\n;]){0,40}?"
               r"(?:malignant cells|positive for|adenocarcinoma|carcinoma|tumou?r cells)"),
    # "nodular pleural thickening"
    re.compile(r"(?i)\bnodular\s+(?P<list>pleural|peritoneal)\s+thickening"),
    # "bone metastases", "liver and lung mets", "hepatic lesions", "peritoneal carcinomatosis"
    re.compile(r"(?i)\b(?P<list>" + _LIST + r")\s*" + _MET + r"\b"),
]
# In a record that states distant spread (M1, stage IV), imaging lesions in another organ are where it went:
# "R adrenal 3.2 cm mass", "lytic R ilium", "FDG-avid lesions in the L iliac bone and T11". Alone, such findings
# may be benign (adrenal adenoma, lung granuloma), so they count only under a metastatic statement (see `apply`).
_LESION = (r"(?:\d+(?:\.\d+)?\s*(?:cm|mm)\s+|(?:FDG-)?avid\s+|enhancing\s+|hypodense\s+|hypoenhancing\s+|solid\s+)*"
           r"(?:mass(?:es)?|nodules?|lesions?|foci|focus|uptake)\b")
_IF_METASTATIC = [
    re.compile(r"(?i)\b(?P<list>" + _LIST + r")\s*" + _LESION),
    re.compile(r"(?i)\b(?:lesions?|nodules?|foci|uptake|masses|deposits)\s+(?:in|within|involving|of)\s+(?:the\s+)?(?P<list>" + _LIST + r")"),
    re.compile(r"(?i)\b(?:lytic|sclerotic|blastic|osteolytic|osteoblastic)\s+(?P<list>" + _LIST + r")"),
    re.compile(r"(?i)\b(?:[LR]|left|right|bilateral)\s+(?P<list>adrenal)\s+\d+(?:\.\d+)?\s*(?:cm|mm)\b"),  # "R adrenal 2.8 cm"
    re.compile(r"(?i)\b(?P<list>supraclavicular (?:lymph )?nodes?|contralateral (?:axillary |cervical |hilar |mediastinal )?(?:lymph )?nodes?)"),
]
# vertebral levels with a lesion: "sclerotic T10 lesion", "lytic lesions L4 and R iliac wing"
_VERTEBRA = re.compile(r"(?i)\b(?:lytic|sclerotic|blastic|osteolytic|osteoblastic)\s+(?:lesions?\s+(?:in|at|of)?\s*)?[TLCS]\d{1,2}\b"
                       r"|\b[TLCS]\d{1,2}(?:\s*(?:,|and|/|&)\s*[TLCS]\d{1,2})*\s+(?:vertebral\s+(?:body\s+)?)?(?:lesions?|mets|metastas[ie]s)\b")
# nodes the report itself calls distant: "enlarged para-aortic nodes (1.7 cm), non-regional"
_NON_REGIONAL = re.compile(r"(?i)\bnodes?\b(?:[^.;\n]|\.(?=\d)){0,25}?\bnon-?regional\b|\bnon-?regional\s+(?:lymph\s+)?nod")
# what a finding turned out to be, written after it: "two hepatic lesions … c/w hemangiomas", "liver lesion, too small to
# characterize", "L adrenal nodule (28 HU, indeterminate)"
_BENIGN = r"benign|hemangiomas?|haemangiomas?|cysts?|adenomas?|granulomas?|bone islands?|too small to characteri[sz]e|indeterminate"
_EXPLAINED = re.compile(rf"(?i)\b(?:{_BENIGN})\b")
# a lesion seen only on imaging needs more: no size, stability or uncertainty word that makes it doubtful either
_DOUBT = re.compile(rf"(?i)\b(?:{_BENIGN}|tiny|subcentimet\w+|sub-cm|calcified|stable since|unchanged|atelecta\w+|scar\w*|suspicious|"
                    r"possible|possibly|probable|likely|equivocal|questionable|concerning for|degenerative)\b")
_NOT_CANCER = re.compile(r"(?i)\b(?:interstitial|obstructive|chronic|restrictive|fatty|benign|degenerative|reactive|"
                         r"inflammatory)\s+$")
_SUPRACLAVICULAR_REGIONAL = {"lung cancer", "breast cancer", "head and neck cancer", "thyroid cancer"}
# spread within the abdomen is stage III ovarian cancer (FIGO, AJCC M0), not a distant metastasis
_PERITONEUM_REGIONAL = {"ovarian cancer"}
_STAGED = next(i for i, p in enumerate(_PATTERNS) if "M1[abc]" in p.pattern)  # the "Metastatic <date>: …" / "stage IVC: …" one
_OLIGO = re.compile(r"(?i)\boligo[- ]?metasta\w+")
# Metastatic disease stated without sites; lymph-node-only statements are regional, not distant.
_METASTATIC = re.compile(
    r"(?i)\b(?:de novo |widely |distant(?:ly)? )?metastatic\b(?!\s+(?:carcinoma|adenocarcinoma|tumou?r|disease)?\s*(?:in|to|involving)\s+(?:\w+\s+){0,4}?"
    r"(?:lymph|nodes?|\d))|\bdistant metasta\w+|\bstage\s*(?:IV|4)\b|\bmetastatic recurrence\b"
    r"|\b(?:c/w|consistent with|compatible with|representing|in keeping with)\s+metastas[ie]s\b"
    r"|(?<![\w/])[cp]M1[a-d]?\b|(?<=N[0-3X])M1[a-d]?\b|(?<=N[0-3X][abc])M1[a-d]?\b|\bN[0-3X][abc]?\s+M1[a-d]?\b"
)
_NON_METASTATIC = re.compile(r"(?i)\bnon-?metastatic\b|\bno (?:evidence of )?(?:distant|extrahepatic|extra-?hepatic|distant metastatic|metastatic) "
                             r"(?:metastas[ie]s|disease|spread)\b|\bno (?:evidence of )?metastas[ie]s\b|\bno distant spread\b")


@dataclass(frozen=True)
class SiteMention:
    """A site named as a metastatic location: canonical site, span of the site word, span of the phrase."""

    site: str
    start: int
    end: int
    phrase_start: int
    phrase_end: int


def _canon(word: str) -> str | None:
    for pat, canon in SITES.items():
        if re.fullmatch(pat, word, re.IGNORECASE):
            return canon
    return None


def sites_in(fragment: str) -> list[str]:
    """Canonical sites named anywhere in a fragment (a FHIR bodySite text), in order, once each."""
    out: list[str] = []
    for m in _SITE_RE.finditer(fragment):
        if (canon := _canon(m.group(1))) and canon not in out:
            out.append(canon)
    return out


def _explained_away(text: str, site_end: int, phrase_end: int) -> bool:
    """The rest of this site's own list item, and for the last item the rest of its sentence, says it is benign
    or indeterminate."""
    item = re.match(r"(?:\([^)\n]*\)|[^,;\n(])*?(?=,|;|\band\b|\n|$)", text[site_end:phrase_end])
    if item and site_end + item.end() < phrase_end:
        return bool(_EXPLAINED.search(item.group(0)))
    tail = re.match(r"(?:[^;.\n]|\.(?=\d))*", text[site_end : phrase_end + 100])
    return bool(tail and _EXPLAINED.search(tail.group(0)))


def site_mentions(text: str) -> list[SiteMention]:
    """Every organ word used as a metastatic location, negated or not (the caller decides).

    Nodes listed under a metastatic or stage IV heading are distant ones ("stage IVC: liver, para-aortic nodes").
    """
    out: list[SiteMention] = []
    for pat in _PATTERNS:
        for m in pat.finditer(text):
            if _NOT_CANCER.search(text, max(0, m.start() - 16), m.start()):
                continue  # "interstitial lung disease", "fatty liver lesion": not a cancer's spread
            found = [(s, canon) for s in _SITE_RE.finditer(text, m.start("list"), m.end("list"))
                     if not _explained_away(text, s.end(), m.end()) and (canon := _canon(s.group(1)))]
            # nodes in a statement of spread that also names a distant organ are distant too: "metastatic to
            # retroperitoneal lymph nodes and bone" (not "subcarinal nodes, lytic lesions", a list of findings)
            distant_list = pat is _PATTERNS[_STAGED] or (pat in _SPREAD_STATEMENTS
                                                         and any(c not in ("lymph nodes", "distant lymph nodes") for _, c in found))
            for s, canon in found:
                if canon == "lymph nodes" and distant_list:
                    canon = "distant lymph nodes"
                out.append(SiteMention(canon, s.start(), s.end(), m.start(), m.end()))
    return out


def _lesion_sites(text: str) -> list[SiteMention]:
    """Organ lesions on imaging, kept only where no doubt word stands before them in the clause or after them in the sentence."""
    out: list[SiteMention] = []
    for pat in _IF_METASTATIC:
        for m in pat.finditer(text):
            clause = re.search(r"[^,;.\n]*$", text[max(0, m.start() - 40) : m.start()])
            tail = re.match(r"(?:[^.\n]|\.(?=\d))*", text[m.end() : m.end() + 100])  # "4 mm lung nodule, indeterminate."
            if _DOUBT.search((clause[0] if clause else "") + m[0] + (tail[0] if tail else "")):
                continue
            for s in _SITE_RE.finditer(text, m.start("list"), m.end("list")):
                if (canon := _canon(s.group(1))) and canon != "lymph nodes":
                    out.append(SiteMention(canon, s.start(), s.end(), m.start(), m.end()))
    out += [SiteMention("bone", m.start(), m.end(), m.start(), m.end()) for m in _VERTEBRA.finditer(text)]
    return out


def extract(doc: Doc) -> list[Finding]:
    out: list[Finding] = []
    for s in site_mentions(doc.text):
        if doc.assertion(s.phrase_start, s.phrase_end).affirmed:
            out.append(Finding("metastatic_sites", s.site, s.phrase_start, s.phrase_end, extra={"word": doc.text[s.start : s.end]}))
    for s in _lesion_sites(doc.text):
        if doc.assertion(s.phrase_start, s.phrase_end).affirmed:
            out.append(Finding("metastatic_sites", s.site, s.phrase_start, s.phrase_end, 0.5,
                               extra={"word": doc.text[s.start : s.end], "if_metastatic": True}))
    for m in _NON_REGIONAL.finditer(doc.text):
        if doc.assertion(m.start(), m.end()).affirmed:
            out.append(Finding("metastatic_sites", "distant lymph nodes", m.start(), m.end(), extra={"word": m[0]}))
    for m in _OLIGO.finditer(doc.text):
        if not doc.assertion(m.start(), m.end()).negated:
            out.append(Finding("oligometastatic", True, m.start(), m.end()))
    for m in _METASTATIC.finditer(doc.text):
        a = doc.assertion(m.start(), m.end())
        if a.affirmed and not re.match(r"(?i)non-?", doc.text[max(0, m.start() - 4) : m.start()][-4:].lstrip()):
            out.append(Finding("metastatic", True, m.start(), m.end()))
    for m in _NON_METASTATIC.finditer(doc.text):
        out.append(Finding("metastatic", False, m.start(), m.end(), 0.5))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """Sites in order of mention; metastatic disease from a statement or a distant site, affirmed beats denied.

    Blood cancers have no metastatic sites ("lytic bone lesions" in myeloma is the disease itself).
    """
    if profile.cancer_type in HEME:
        return
    stated = [f for f in findings if f.field == "metastatic"]
    if not any(f.value for f in stated) or profile.primary_site is None:
        findings = [f for f in findings if not f.extra.get("if_metastatic")]
    else:  # a lesion in the primary's own organ is the primary ("RLL mass" in lung cancer)
        findings = [f for f in findings if not (f.extra.get("if_metastatic") and f.value.split()[0] in profile.primary_site)]
    for f in findings:
        if (f.field == "metastatic_sites" and f.value == "distant lymph nodes" and profile.cancer_type in _SUPRACLAVICULAR_REGIONAL
                and "supraclavicular" in f.extra.get("word", "").lower()):
            continue  # lung, breast, head and neck, thyroid: supraclavicular nodes are regional (N3), not distant
        if f.field == "metastatic_sites" and f.value == "peritoneum" and profile.cancer_type in _PERITONEUM_REGIONAL:
            continue
        if f.field == "metastatic_sites" and f.value == "lymph nodes":
            continue  # nodes not known to be distant are the N category's business, not a metastatic site
        if f.field == "metastatic_sites" and f.value not in profile.metastatic_sites:
            profile.metastatic_sites.append(f.value)
            profile.evidence.setdefault(f"metastatic_sites.{f.value}", doc.evidence(f.start, f.end))
        elif f.field == "oligometastatic":
            profile.oligometastatic = True
            profile.evidence["oligometastatic"] = doc.evidence(f.start, f.end)
    distant = [f for f in findings if f.field == "metastatic_sites" and f.value != "lymph nodes"]
    positive = [f for f in stated if f.value] + distant
    if positive:
        best = min(positive, key=lambda f: f.start)
        profile.metastatic = True
        profile.evidence["metastatic"] = doc.evidence(best.start, best.end)
    elif profile.metastatic is None and (neg := [f for f in stated if not f.value]):
        profile.metastatic = False
        profile.evidence["metastatic"] = doc.evidence(neg[0].start, neg[0].end)
