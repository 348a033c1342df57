"""Words trials use for cancers, biomarkers and drug classes, mapped to canonical keys.

Kept as data so the rules in `eligibility` stay short; each pattern is matched case-insensitively
against criterion text and against the patient's own profile fields, so both sides share one vocabulary.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

from oncoguide.records.patterns import alternation

_V = TypeVar("_V")


class TextMemo(Generic[_V]):
    """Unbounded text -> value memo whose entries can be primed from a saved index (patient-independent parses)."""

    def __init__(self, fn: Callable[[str], _V]) -> None:
        self.fn = fn
        self.cache: dict[str, _V] = {}
        self.__doc__ = fn.__doc__

    def __call__(self, text: str) -> _V:
        try:
            return self.cache[text]
        except KeyError:
            value = self.cache[text] = self.fn(text)
            return value

    def prime(self, items: dict[str, _V]) -> None:
        self.cache.update(items)


def text_memo(fn: Callable[[str], _V]) -> TextMemo[_V]:
    return TextMemo(fn)

# organ key -> pattern. Subtypes that change eligibility (lung NSCLC vs SCLC) are separate keys.
CANCERS: dict[str, str] = {
    "breast": r"breast|\btnbc\b|\bmbc\b",
    "nsclc": r"non[- ]?small[- ]?cell|\bnsclc\b|lung adenocarcinoma|adenocarcinoma of the lung|squamous cell (?:lung|carcinoma of the lung)",
    "sclc": r"(?<!non-)(?<!non )(?<!non)\bsmall[- ]cell lung|\bsclc\b|small cell carcinoma of the lung",
    "lung": r"\blung (?:cancer|carcinoma|neoplasm|tumou?r)|pulmonary (?:carcinoma|neoplasm)|lung adenocarcinoma",
    "colorectal": r"colorectal|\bcolon\b|\brect(?:al|um)\b|\bcrc\b|\bmcrc\b",
    "prostate": r"prostat|\bmcrpc\b|\bcrpc\b|\bmhspc\b|\bmcspc\b",
    "pancreatic": r"pancrea|\bpdac\b",
    "ovarian": r"ovar(?:y|ian)|fallopian|primary peritoneal",
    "melanoma": r"melanoma",
    "renal": r"renal cell|kidney cancer|\brcc\b|renal (?:cancer|carcinoma)",
    "bladder": r"bladder|urothelial",
    "gastric": r"gastric|stomach|gastro-?o?esophageal junction|\bgej\b|\bgoj\b",
    "esophageal": r"o?esophag",
    "liver": r"hepatocellular|\bhcc\b|liver cancer",
    "biliary": r"cholangio|biliary tract|gall ?bladder",
    "head_neck": r"head and neck|\bhnscc\b|\bscchn\b|oropharyn|oral cavity|laryn|nasopharyn|hypopharyn",
    "glioma": r"gliom|glioblastoma|astrocytoma|\bgbm\b|primary (?:central nervous system|cns|brain)\s*(?:\(cns\)\s*)?(?:tumou?r|malignan|neoplasm)",
    "lymphoma": r"lymphoma|\bdlbcl\b",
    "cll": r"chronic lymphocytic|\bcll\b|small lymphocytic",
    "leukemia": r"leuka?emia|\baml\b|\bcml\b",
    "myeloma": r"myeloma",
    "mds": r"myelodysplastic",
    "cervical": r"cervical (?:cancer|carcinoma|squamous|adenocarcinoma)|cancer of the cervix|carcinoma of the cervix|uterine cervix",
    "endometrial": r"endometri(?:al|um)|uterine (?:cancer|carcinoma|serous)",
    "thyroid": r"thyroid (?:cancer|carcinoma)",
    "sarcoma": r"sarcoma",
    "mesothelioma": r"mesothelioma",
    "neuroendocrine": r"neuroendocrine|carcinoid",
    "merkel": r"merkel",
    "skin_keratinocyte": r"cutaneous squamous|basal cell carcinoma|\bcscc\b",
    "testicular": r"testic|germ cell",
    "neuroblastoma": r"neuroblastoma",
}
HEME = {"lymphoma", "cll", "leukemia", "myeloma", "mds"}
GENERIC_SOLID = re.compile(
    r"solid (?:tumou?r|malignan|neoplasm|cancer)|any (?:type of )?(?:solid )?(?:cancer|tumou?r|malignancy)", re.I
)
CANCER_RE = {k: re.compile(v, re.I) for k, v in CANCERS.items()}


# organ words after "cancer of the": a list of organs names one cancer per organ
_ORGANS = {"lung": "lung", "pancrea": "pancreatic", "bladder": "bladder", "o?esophag": "esophageal", "stomach": "gastric",
           "liver": "liver", "kidney": "renal", "prostate": "prostate", "breast": "breast", "ovar": "ovarian",
           "cervix": "cervical", "colon": "colorectal", "rectum": "colorectal", "endometri": "endometrial"}
_ORGAN_LIST = re.compile(r"\b(?:cancers?|carcinomas?|malignanc(?:y|ies)|tumou?rs?) of (?:the )?"
                         r"((?:[a-z]+(?: and neck)?\s*(?:,|/|or\b|and\b)\s*){1,8}(?:[a-z]+))", re.I)
_CANCER_GATE = re.compile(alternation(list(CANCERS.values()) + [_ORGAN_LIST.pattern]), re.I)


@text_memo
def _cancer_keys(text: str) -> frozenset[str]:
    if not _CANCER_GATE.search(text):
        return frozenset()
    keys = {k for k, rx in CANCER_RE.items() if rx.search(text)}
    for m in _ORGAN_LIST.finditer(text):  # "cancer of the bladder, lung, head and neck, or pancreas"
        keys |= {k for word, k in _ORGANS.items() if re.search(rf"\b{word}", m.group(1), re.I)}
    if keys & {"nsclc", "sclc"}:
        keys.add("lung")
    if "cll" in keys:
        keys.add("leukemia")
    return frozenset(keys)


# cancer key -> subtype -> pattern. A criterion naming only subtypes the patient's recorded subtype is not among
# excludes them ("follicular lymphoma" for DLBCL); the lung NSCLC / SCLC split stays in CANCERS (it is its own key).
SUBTYPES: dict[str, dict[str, str]] = {
    "lymphoma": {
        "dlbcl": r"diffuse large|\bdlbcl\b|large b-?cell",
        "follicular": r"follicular lymphoma|\bFL\b",
        "hodgkin": r"(?<!non-)(?<!non )\bhodgkin",
        "mantle cell": r"mantle[- ]cell|\bMCL\b",
        "marginal zone": r"marginal[- ]zone|\bMZL\b|\bMALT\b",
        "t-cell": r"t-cell lymphoma|\bPTCL\b|\bCTCL\b|mycosis fungoides",
        "burkitt": r"burkitt",
    },
    "sarcoma": {
        "leiomyosarcoma": r"leiomyosarcoma|\bLMS\b",
        "liposarcoma": r"liposarcoma",
        "synovial sarcoma": r"synovial",
        "osteosarcoma": r"osteosarcoma",
        "ewing sarcoma": r"ewing",
        "rhabdomyosarcoma": r"rhabdomyosarcoma",
        "angiosarcoma": r"angiosarcoma",
        "undifferentiated pleomorphic sarcoma": r"undifferentiated pleomorphic|\bUPS\b",
        "chondrosarcoma": r"chondrosarcoma",
    },
    "renal": {
        "clear cell": r"clear[- ]cell",
        "papillary": r"papillary",
        "chromophobe": r"chromophobe",
        "collecting duct": r"collecting duct",
    },
    "melanoma": {
        "uveal": r"uveal|ocular|intraocular|choroidal|conjunctival",
        "mucosal": r"mucosal",
        "cutaneous": r"cutaneous|skin melanoma|melanoma of the skin|acral",
    },
    "bladder": {
        "upper tract": r"upper[- ]tract|renal pelvis|\bureter(?:al)?\b|\bUTUC\b",
        "bladder": r"bladder",
    },
}
# the subtype assumed when the patient's record names none: most urothelial cancers arise in the bladder, most
# melanomas in the skin
DEFAULT_SUBTYPE = {"bladder": "bladder", "melanoma": "cutaneous"}
_SUBTYPE_RE = {fam: {k: re.compile(v, re.I) for k, v in subs.items()} for fam, subs in SUBTYPES.items()}
_EXCLUDING = re.compile(r"(?:other than|except|excluding|not|non-?|nor|without)\s+(?:\w+\s+){0,2}$", re.I)


@text_memo
def _subtypes(text: str) -> frozenset[tuple[str, str]]:
    out = set()
    for fam, subs in _SUBTYPE_RE.items():
        for key, rx in subs.items():
            m = rx.search(text)
            if m and not _EXCLUDING.search(text[max(0, m.start() - 30):m.start()]):
                out.add((fam, key))
    return frozenset(out)


# families whose name alone, beside a subtype, widens the item to the whole family ("lymphoma or Hodgkin disease")
_WIDENING = {"lymphoma", "sarcoma"}


def names_family_generically(text: str, fam: str) -> bool:
    """True when the family word still appears once every subtype phrase (with its own family word) is removed."""
    if fam not in _WIDENING:
        return False
    masked = text
    for rx in _SUBTYPE_RE[fam].values():
        masked = re.sub(rf"(?:{rx.pattern})(?:[^,;.]{{0,30}}?(?:{CANCERS[fam]}))?", " ", masked, flags=re.I)
    return bool(CANCER_RE[fam].search(masked))


def cancer_subtypes(text: str) -> dict[str, set[str]]:
    """Subtypes named per cancer key, ignoring ones named only to be excluded ("other than follicular")."""
    out: dict[str, set[str]] = {}
    for fam, key in _subtypes(text):
        out.setdefault(fam, set()).add(key)
    return out


def cancer_keys(text: str) -> set[str]:
    """Canonical cancer keys named in a text ('NSCLC' -> {'nsclc', 'lung'}); cached, texts repeat."""
    return set(_cancer_keys(text))


# Biomarker key -> pattern for its name. HR (hormone receptor) is derived from ER/PR.
BIOMARKERS: dict[str, str] = {
    "ER": r"\bER\b|\bER[+-]|estrogen[- ]receptor|oestrogen[- ]receptor",
    "PR": r"\bPR\b|\bPR[+-]|\bPgR\b|progesterone[- ]receptor",
    "HR": r"hormone[- ]receptor|\bHR\b|\bHR[+-]|endocrine[- ]sensitive",
    "HER2": r"\bHER-?2|\bERBB2\b|\bHER2/neu",
    "EGFR": r"\bEGFR\b|\bexon\s*19\s*del\w*|\bL858R\b",
    "ALK": r"\bALK\b",
    "ROS1": r"\bROS-?1\b",
    "KRAS": r"\bK-?RAS(?:\b|(?=G1[23]))",
    "NRAS": r"\bNRAS\b",
    "BRAF": r"\bBRAF\b",
    "MET": r"\bc?-?MET\b(?! criteria)",
    "RET": r"\bRET\b",
    "NTRK": r"\bNTRK|\bTRK\b",
    "PIK3CA": r"\bPIK3CA\b",
    "ESR1": r"\bESR1\b",
    "BRCA": r"\bg?BRCA[12]?\b|\bBRCA1/2\b",
    "PD-L1": r"\bPD-?L1\b",
    "MSI": r"\bMSI(?:-H)?\b|microsatellite|mismatch[- ]repair|\b[dp]MMR\b",
    "IDH": r"\bIDH[12]?\b",
    "FGFR": r"\bFGFR[1-4]?\b",
    "AR": r"\bandrogen receptor\b",
    "TMB": r"\bTMB\b|tumou?r mutation(?:al)? burden",
    "HRD": r"\bHRD\b|homologous recombination",
}
BIOMARKER_RE = {k: re.compile(v) if k in {"ER", "PR", "HR", "MET", "RET", "ALK"} else re.compile(v, re.I)
                for k, v in BIOMARKERS.items()}
# Case-insensitive alternatives for the long-form names of the case-sensitive short ones.
for _k, _long in {"ER": r"estrogen[- ]receptor|oestrogen[- ]receptor", "PR": r"progesterone[- ]receptor",
                  "HR": r"hormone[- ]receptor", "ALK": r"\bALK\b"}.items():
    BIOMARKER_RE[_k] = re.compile(rf"{BIOMARKERS[_k]}|(?i:{_long})")

ALIASES = {
    "ESTROGEN RECEPTOR": "ER", "PROGESTERONE RECEPTOR": "PR", "PGR": "PR", "ERBB2": "HER2", "HER2/NEU": "HER2",
    "PDL1": "PD-L1", "PD-L1": "PD-L1", "MSI-H": "MSI", "MMR": "MSI", "DMMR": "MSI", "BRCA1": "BRCA",
    "BRCA2": "BRCA", "GBRCA": "BRCA", "IDH1": "IDH", "IDH2": "IDH", "FGFR2": "FGFR", "FGFR3": "FGFR",
}


def canonical_marker(name: str) -> str:
    n = name.strip().upper()
    return ALIASES.get(n, n)


# Drug class -> member drug names (generic). The class names themselves also match.
DRUG_CLASSES: dict[str, list[str]] = {
    "CDK4/6 inhibitor": ["palbociclib", "ribociclib", "abemaciclib", r"cdk ?4/6"],
    "aromatase inhibitor": ["letrozole", "anastrozole", "exemestane", "aromatase inhibitor", r"\bAIs?\b"],
    "endocrine therapy": ["tamoxifen", "fulvestrant", "elacestrant", "letrozole", "anastrozole", "exemestane",
                          "endocrine therapy", "hormonal therapy", "hormone therapy", "hormonal treatment",
                          "endocrine treatment", "hormone treatment", "goserelin", "leuprolide"],
    "anti-HER2 therapy": ["trastuzumab", "pertuzumab", "lapatinib", "neratinib", "tucatinib", "t-dm1", "t-dxd",
                          "anti-her2", "her2-targeted", "her2 targeted", "her2-directed"],
    "trastuzumab deruxtecan": ["trastuzumab deruxtecan", "t-dxd", "ds-8201", "enhertu"],
    "immune checkpoint inhibitor": ["pembrolizumab", "nivolumab", "atezolizumab", "durvalumab", "avelumab",
                                    "ipilimumab", "cemiplimab", "dostarlimab", "tislelizumab", "toripalimab",
                                    "tremelimumab", "checkpoint inhibitor", "immune checkpoint", r"anti-pd-?(?:l)?1",
                                    r"pd-?1 (?:or pd-?l1 )?inhibitor", r"pd-?(?:l)?1/pd-?l1", "immunotherapy",
                                    r"anti-ctla-?4", r"anti-?programmed", r"pd-?1\s*/\s*pd-?l1",
                                    r"anti-?pd-?\(?l?\)?-?1", r"\bctla-?4\b", r"pd-?\(?l?\)?1 (?:blockade|blockage|blocking|axis)",
                                    r"targeting (?:\w+ ){0,6}(?:immune )?checkpoint", r"pd-?l?1 (?:or|and) ctla-?4"],
    "platinum chemotherapy": ["cisplatin", "carboplatin", "oxaliplatin", "platinum"],
    "taxane": ["paclitaxel", "docetaxel", "nab-paclitaxel", "cabazitaxel", "taxane"],
    "anthracycline": ["doxorubicin", "epirubicin", "anthracycline", "daunorubicin"],
    "EGFR inhibitor": ["osimertinib", "erlotinib", "gefitinib", "afatinib", "dacomitinib", "amivantamab",
                       "egfr tki", "egfr-tki", "egfr inhibitor", "cetuximab", "panitumumab", "anti-egfr",
                       r"egfr[- ]target(?:ed|ing)? (?:treatment|therapy|therapies|agents?|drugs?)"],
    "ALK inhibitor": ["alectinib", "crizotinib", "lorlatinib", "brigatinib", "ceritinib", "alk inhibitor", "alk tki"],
    "PARP inhibitor": ["olaparib", "niraparib", "rucaparib", "talazoparib", "parp inhibitor", "parpi"],
    "KRAS G12C inhibitor": ["sotorasib", "adagrasib", "divarasib", "g12c inhibitor",
                            r"(?:targeting|directed (?:at|against)) (?:the )?kras ?g12c"],
    "BRAF/MEK inhibitor": ["dabrafenib", "vemurafenib", "encorafenib", "trametinib", "binimetinib",
                           "cobimetinib", "braf inhibitor", "mek inhibitor"],
    "anti-VEGF therapy": ["bevacizumab", "ramucirumab", "aflibercept", "anti-vegf"],
    # anti-VEGF antibodies and the VEGFR tyrosine-kinase inhibitors together
    "anti-angiogenic therapy": ["bevacizumab", "ramucirumab", "aflibercept", "sunitinib", "cabozantinib", "pazopanib",
                                "axitinib", "lenvatinib", "sorafenib", "regorafenib", "tivozanib", "fruquintinib",
                                "apatinib", "anlotinib", "anti-vegf", r"anti-?angiogen\w*", "angiogenesis inhibitor",
                                r"vegfr?[- ]?(?:tki|inhibitor|targeted)"],
    "radiopharmaceutical therapy": ["radiopharmaceutical", "radioligand", "radionuclide", "radioemboli[sz]ation",
                                    r"radium[- ]?223", r"177 ?lu", "lutetium", r"\bSIRT\b", r"\by-?90\b"],
    "multikinase TKI": ["sunitinib", "cabozantinib", "pazopanib", "axitinib", "lenvatinib", "sorafenib",
                        "regorafenib", "tivozanib"],
    "androgen receptor pathway inhibitor": ["enzalutamide", "abiraterone", "apalutamide", "darolutamide",
                                            "androgen receptor pathway inhibitor", r"\barpi\b", "novel hormonal"],
    "androgen deprivation therapy": ["leuprolide", "degarelix", "goserelin", "relugolix", "androgen deprivation",
                                     r"\badt\b", "orchiectomy"],
    "fluoropyrimidine": ["fluorouracil", r"5-?fu\b", "capecitabine", "fluoropyrimidine", "folfox", "folfiri",
                         "capox", "xelox"],
    "antibody-drug conjugate": ["sacituzumab", "deruxtecan", "enfortumab", "emtansine", "vedotin",
                                "antibody-drug conjugate", r"\badc\b"],
    "PI3K/AKT/mTOR inhibitor": ["alpelisib", "capivasertib", "everolimus", "inavolisib", "pi3k inhibitor",
                                "mtor inhibitor", "akt inhibitor"],
    "gemcitabine": ["gemcitabine"],
    "irinotecan": ["irinotecan", "folfiri", "folfirinox", "nal-iri"],
    "temozolomide": ["temozolomide"],
    "BTK inhibitor": ["ibrutinib", "acalabrutinib", "zanubrutinib", "pirtobrutinib", "btk inhibitor"],
    "anti-CD20 antibody": ["rituximab", "obinutuzumab", "anti-cd20"],
    "CAR-T therapy": ["car-t", "car t", "chimeric antigen receptor", r"adoptive (?:t-?)?cell", "gene therapy",
                      "anti-cd19", "cd19-directed", "cd19-targeted"],
    "other cytotoxic chemotherapy": ["pemetrexed", "etoposide", "vinorelbine", "eribulin", "topotecan", "trabectedin",
                                     "methotrexate", "vincristine", "mitomycin", "lurbinectedin"],
    "alkylating agent": ["cyclophosphamide", "bendamustine", "ifosfamide", "chlorambucil", "melphalan",
                         "alkylating"],
    "radiotherapy": ["radiation", "radiotherapy", "chemoradiation", "chemoradiotherapy", "sbrt", "srs"],
    "surgery": ["surgery", "resection", "mastectomy", "lumpectomy", "prostatectomy", "nephrectomy", "excision"],
}
CHEMO_CLASSES = {"platinum chemotherapy", "taxane", "anthracycline", "fluoropyrimidine", "gemcitabine",
                 "irinotecan", "temozolomide", "other cytotoxic chemotherapy", "alkylating agent"}
_CLASS_RE = {
    cls: re.compile("|".join(rf"\b{m}" if m[0].isalpha() and not m.startswith("\\") else m for m in members + [re.escape(cls)]), re.I)
    for cls, members in DRUG_CLASSES.items()
}
CHEMO_WORD = re.compile(r"\bchemotherap|\bcytotoxic", re.I)
SYSTEMIC_WORD = re.compile(r"systemic (?:therapy|treatment|anti-?cancer)|anti-?cancer (?:therapy|treatment)|lines? of (?:therapy|treatment)", re.I)


_CLASS_GATE = re.compile(alternation(rx.pattern for rx in _CLASS_RE.values()), re.I)


@text_memo
def _drug_classes(text: str) -> frozenset[str]:
    out = {cls for cls, rx in _CLASS_RE.items() if rx.search(text)} if _CLASS_GATE.search(text) else set()
    if CHEMO_WORD.search(text) and not re.search(r"chemoradi", text, re.I):
        out.add("chemotherapy")
    return frozenset(out)


def drug_classes(text: str) -> set[str]:
    """Drug classes (and the generic 'chemotherapy') a text names; cached, texts repeat."""
    return set(_drug_classes(text))


# "Prior KIF18A inhibitor", "CDK2i", "TEAD inhibitor": a drug class by its target that the vocabulary lacks. Targets
# the vocabulary has map to their class ("HER2 inhibitors" = anti-HER2 therapy); supportive-care targets (CYP3A4,
# COX) and words that are no target are skipped, since records list cancer medicines only.
_TARGET_AGENT = re.compile(
    r"(?<![\w/-])([A-Z][A-Z0-9]{1,7}(?:/[A-Z0-9]{1,6})?)(?:[- ]?(?:targeted|directed|targeting))?"
    r"(?:[- ](?:inhibitors?|degraders?|antagonists?)\b|i\b|[- ](?:targeted|directed) (?:therapy|therapies|agents?|drugs?|treatment))")
_KNOWN_TARGETS = {
    "HER2": "anti-HER2 therapy", "ERBB2": "anti-HER2 therapy", "EGFR": "EGFR inhibitor", "ALK": "ALK inhibitor",
    "BRAF": "BRAF/MEK inhibitor", "MEK": "BRAF/MEK inhibitor", "PARP": "PARP inhibitor", "BTK": "BTK inhibitor",
    "PI3K": "PI3K/AKT/mTOR inhibitor", "AKT": "PI3K/AKT/mTOR inhibitor", "MTOR": "PI3K/AKT/mTOR inhibitor",
    "VEGF": "anti-angiogenic therapy", "VEGFR": "anti-angiogenic therapy", "CDK4/6": "CDK4/6 inhibitor",
    "G12C": "KRAS G12C inhibitor", "CD20": "anti-CD20 antibody", "AR": "androgen receptor pathway inhibitor",
    "CTLA4": "immune checkpoint inhibitor", "PD1": "immune checkpoint inhibitor", "PDL1": "immune checkpoint inhibitor",
    "ARPI": "androgen receptor pathway inhibitor", "ARSI": "androgen receptor pathway inhibitor",
    "PARPI": "PARP inhibitor", "CDK4/6I": "CDK4/6 inhibitor", "RAF": "BRAF/MEK inhibitor",
}
_NO_TARGET = re.compile(r"^(?:CYP|UGT|OAT|BCRP|P-?GP|COX|ACE|MAO|DPP|SGLT|HMG|PPI|ARB|CNS|TKI|ADC|ICI|IO|ET|AI|ASI|"
                        r"SSRI|SNRI|MAOI|NSAID|II|III|IV|VI|CT|RT|MRI|PET|QT|HIV|HBV|HCV|UK|US|EU|FDA|WHO|ATP|DNA|RNA)\d*[A-Z]?\d*$")
TARGET_PREFIX = "target agent: "


@text_memo
def target_agents(text: str) -> frozenset[str]:
    """Classes named by their target: a known class for known targets, else 'target agent: NAME'."""
    out = set()
    for m in _TARGET_AGENT.finditer(text):
        name = m.group(1).upper().replace("-", "")
        if _NO_TARGET.match(name):
            continue
        parts = [name] if name in _KNOWN_TARGETS else name.split("/")  # "BRAF/MEK inhibitors": each target
        for part in parts:
            out.add(_KNOWN_TARGETS.get(part) or _KNOWN_TARGETS.get(part.removesuffix("I")) or TARGET_PREFIX + part)
    return frozenset(out)


# Drug names with a generic-name stem ("sipuleucel-T", "tarlatamab") that the class table lacks
_DRUG_NAME = re.compile(r"\b([a-z]{3,}(?:mab|tinib|ciclib|parib|rafenib|lisib|sertib|rasib|leucel|tamab|degib|zomib))\b", re.I)
DRUG_PREFIX = "drug: "


@text_memo
def unlisted_drugs(text: str) -> frozenset[str]:
    """Named drugs outside every class ('drug: tarlatamab')."""
    return frozenset(DRUG_PREFIX + m.group(1).lower() for m in _DRUG_NAME.finditer(text)
                     if not drug_classes(m.group(1)))


# A class named only through member drugs ("CDK4/6 inhibitor and/or fulvestrant") covers those drugs, not the
# class: fulvestrant is endocrine therapy, yet anastrozole is no fulvestrant.
_GENERIC_WORDS = {"platinum", "taxane", "anthracycline", "fluoropyrimidine", "immunotherapy", "alkylating", "parpi",
                  "radiation", "radiotherapy", "chemoradiation", "chemoradiotherapy", "surgery", "resection", "excision",
                  "anti-her2", "her2-targeted", "her2-directed", "anti-egfr", "anti-vegf", "anti-cd20", "anti-cd19",
                  "car-t", "egfr-tki", "cd19-directed", "cd19-targeted", "radiopharmaceutical", "radioligand",
                  "radionuclide", "lutetium", "orchiectomy", "mastectomy", "lumpectomy", "prostatectomy", "nephrectomy"}
# an antibody's name inside an antibody-drug conjugate ("trastuzumab emtansine") is not the antibody given alone
_ADC_NAME = re.compile(r"\b\w+[- ](?:emtansine|deruxtecan|vedotin|govitecan|mafodotin|ozogamicin|tesirine|duocarmazine|"
                       r"soravtansine|tirumotecan)\b", re.I)


def _is_specific(member: str) -> bool:
    return bool(re.fullmatch(r"[a-z][a-z0-9-]*", member)) and member not in _GENERIC_WORDS


_SPECIFIC_RE = {cls: [re.compile(rf"\b{m}\b", re.I) for m in members if _is_specific(m)] for cls, members in DRUG_CLASSES.items()}
_GENERIC_RE = {
    cls: re.compile("|".join([re.escape(cls)] + [rf"\b{m}" if m[0].isalpha() and not m.startswith("\\") else m
                                                  for m in members if not _is_specific(m)]), re.I)
    for cls, members in DRUG_CLASSES.items()
}


def named_members(text: str, cls: str) -> list[re.Pattern[str]] | None:
    """None when the text names the class as a whole; else the patterns of the member drugs it names."""
    if cls not in DRUG_CLASSES or cls in target_agents(text) or _GENERIC_RE[cls].search(text):
        return None
    masked = text if cls in {"antibody-drug conjugate", "trastuzumab deruxtecan"} else _ADC_NAME.sub(" ", text)
    return [rx for rx in _SPECIFIC_RE[cls] if rx.search(masked)]
