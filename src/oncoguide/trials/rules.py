"""One small rule per kind of criterion; each returns a Finding or None when the criterion is not its topic.

A rule decides whether the patient *has the thing the criterion talks about* (`present`), and the caller
turns that into a verdict using the criterion's direction (inclusion, exclusion, or a negated "No …" item),
so no rule has to handle negation itself.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from oncoguide.records.patterns import alternation
from oncoguide.trials.facts import RECURRED, PatientFacts, stage_number
from oncoguide.trials.vocab import (
    BIOMARKER_RE,
    CHEMO_CLASSES,
    DEFAULT_SUBTYPE,
    GENERIC_SOLID,
    TARGET_PREFIX,
    cancer_keys,
    cancer_subtypes,
    drug_classes,
    named_members,
    names_family_generically,
    target_agents,
    text_memo,
    unlisted_drugs,
)
from oncoguide.wording import trial_question as _q


@dataclass(frozen=True)
class Finding:
    """`present`: True/False = the patient has / lacks what the criterion names; None = cannot tell.

    `fixed` overrides the direction logic (a rule that already knows the verdict, e.g. not_applicable).
    `when_required` replaces the verdict when the item requires presence: a man is not pregnant, so "Pregnant
    women" as an exclusion is met, while "negative pregnancy test" as an inclusion simply does not apply to him.
    """

    topic: str
    present: bool | None
    evidence: str
    question: str | None = None
    fixed: str | None = None
    when_required: str | None = None


def _rx(p: str) -> re.Pattern[str]:
    return re.compile(p, re.I)


# ---------------------------------------------------------------- administrative / sex-specific

_ADMIN = _rx(
    r"informed consent|\bconsent\b|\bwilling\b|\bable to (?:comply|understand|read|follow|attend)|comply with|"
    r"\bsigned?\b|follow-?up visits|geographic|registration|\blanguage\b|\bagree(?:s|ment)? to\b|"
    r"contracept|birth control|sperm|donate"
)
_CHILDBEARING = _rx(r"childbearing|\bWOCBP\b|pregnan|breast-?feeding|lactat|nursing")
_NO_CHILDBEARING_AGE = 60  # a woman this old with no menopausal status recorded is taken as past childbearing


def admin_rule(text: str, f: PatientFacts) -> Finding | None:
    if _CHILDBEARING.search(text) or re.search(r"contracept|birth control", text, re.I):
        agreement = re.search(r"contracept|birth control|agree", text, re.I)
        why = None
        if f.sex == "male" and not re.search(r"\bm[ae]n\b|\bmales?\b|partner", text, re.I):
            why = "profile: male — applies to women only"
        elif f.sex == "female" and f.menopausal and "post" in f.menopausal:
            why = "profile: postmenopausal — not of childbearing potential"
        elif f.sex == "female" and not f.menopausal and f.age is not None and f.age >= _NO_CHILDBEARING_AGE:
            why = f"profile: woman aged {f.age} — past childbearing age"
        if why and agreement:
            # "women of childbearing potential unwilling to use contraception": she is clear of that exclusion,
            # while an inclusion asking her to agree to contraception does not apply to her
            return Finding("pregnancy", False, why, when_required="not_applicable")
        if why:  # cannot be pregnant: an exclusion of pregnancy is passed, a pregnancy-test requirement does not apply
            return Finding("pregnancy", False, why, when_required="not_applicable")
        if agreement:
            return Finding("contraception", None, "an agreement made at enrolment, not a fact from the records",
                           fixed="not_applicable")
        return Finding("pregnancy", None, "not in the profile", _q("pregnancy"))
    if _ADMIN.search(text) and not re.search(
        r"diagnos|confirmed|metasta|(?:prior|previous) (?:\w+ )?(?:therap|treat|chemo)|radiotherap|radiation|chemotherap|"
        r"\bsurgery\b|within \d+ (?:days?|weeks?|months?) (?:of|prior to|before) (?:registration|randomi[sz]ation|enrol)", text, re.I):
        return Finding("administrative", None, "administrative: settled with the trial team at enrolment",
                       fixed="not_applicable")
    return None


# ---------------------------------------------------------------- age / sex / menopause / ECOG

_AGE_NUM = r"(\d{1,3})"
_AGE_MIN = _rx(r"\b(?:over|above|older than) the age (?:of )?" + _AGE_NUM + r"|"
               r"(?:≥|>=|=>|>|at least|over|above|older than|greater than(?: or equal to)?)\s*" + _AGE_NUM +
               r"\s*(?:years?|yrs?)|" + _AGE_NUM + r"\s*(?:years?|yrs?)(?: of age)?\s*(?:or|and) (?:older|over|above)|"
               r"\bage[ds]?\s*(?:≥|>=|>|of at least|at least)\s*" + _AGE_NUM +
               r"|\bage[ds]?:?\s*" + _AGE_NUM + r"\s*(?:years?\s*)?(?:or|and) (?:older|over|above)")
_AGE_RANGE = _rx(r"\b(?:aged?|ages?)\s*:?\s*(?:between\s*|from\s*)?" + _AGE_NUM + r"\s*(?:-|–|to|and)\s*" + _AGE_NUM +
                 r"|between\s*" + _AGE_NUM + r"\s*(?:years?\s*)?(?:and|-|to)\s*" + _AGE_NUM + r"\s*years?")
_AGE_MAX = _rx(r"\b(?:under|below|younger than) the age (?:of )?" + _AGE_NUM + r"|"
               r"\bage[ds]?\s*(?:≤|<=|<|under|less than|no older than|younger than)\s*" + _AGE_NUM +
               r"|(?:≤|<=|<|under|less than|younger than)\s*" + _AGE_NUM + r"\s*(?:years?|yrs?)\s*(?:of age|old)?"
               r"|^\W*(?:anyone|persons?|people|individuals?)\s+(?:under|younger than)\s+" + _AGE_NUM)
_AGE_TOPIC = _rx(r"\bage\b|\baged\b|years? (?:of age|old)|\byrs\b|\badults?\b")
# age stated without the word "age" ("older than 18 years"): only in items about nothing else, since "≥ 5 years"
# is also how intervals are written ("disease-free ≥ 5 years")
_AGE_TOPIC_BARE = _rx(r"\d{1,3}\s*(?:years?|yrs?)\s*(?:or|and)\s*(?:older|over|above)|(?:older|younger) than\s*\d|"
                 r"(?:≥|>=|>)\s*\d{1,3}\s*(?:years?|yrs?)\b|^\W*(?:anyone|persons?|people|individuals?)\s+(?:under|over)\s+\d")
_AGE_SKIP = _rx(r"menopaus|diagnos|since|prior|within|ago|history|expectancy|smok|pack|months? after|follow")
_AGE_SKIP_BARE = _rx(r"free\b|remission|surviv|interval|duration|disease|cancer|malignan|treat|therap|tumou?r|"
                     r"month|week|day|lines?\b|dose|exposure|use\b")


_AGE_SPAN = _rx(r"\b(\d{1,3})\s*(?:-|–|to)\s*(\d{1,3})\s*(?:years|yrs)")
_ANY_AGE = _rx(r"\b(?:of )?(?:any|all) ages?\b|regardless of age|no age (?:limit|restriction)")


def age_rule(text: str, f: PatientFacts) -> Finding | None:
    if _ANY_AGE.search(text) and not re.search(r"\d", text):
        return Finding("age", None, "open to all ages", fixed="met")
    if _ECOG.search(text) or _KPS.search(text):
        return None  # "Karnofsky for patients > 16 years, Lansky for ≤ 16": the age picks the scale, it is no limit
    skip = _AGE_SKIP.search(re.sub(r"(?:any|regardless of|irrespective of) menopausal status", " ", text, flags=re.I))
    bare = not _AGE_TOPIC.search(text) and bool(_AGE_TOPIC_BARE.search(text)) and not _AGE_SKIP_BARE.search(text)
    if not (_AGE_TOPIC.search(text) or bare) or skip or re.search(r"\bif\b|\bor\W*$|unless", text, re.I):
        return None
    spans = {(int(a), int(b)) for a, b in _AGE_SPAN.findall(text)}
    outer = next((x for x in spans if all(x[0] <= y[0] and y[1] <= x[1] for y in spans)), None)
    if len(spans) > 1 and outer is None and not re.search(r"\bBMI\b|weight|percentile", text, re.I):
        # "Part 1: 18-90 years of age, Part 2: 13-90 years": one range per cohort or variant
        if f.age is None:
            return Finding("age", None, "profile: age not recorded", _q("age"))
        inside = [lo <= f.age <= hi for lo, hi in spans]
        if all(inside) or not any(inside):
            return Finding("age", all(inside), f"profile: age {f.age}")
        return Finding("age", None, f"profile: age {f.age} — within some of the item's age ranges only")
    lo = hi = None
    if len(spans) > 1 and outer is not None:  # "18-65 years (young adults [18 to 24] must …)": the widest is the limit
        lo, hi = outer
    elif m := _AGE_RANGE.search(text):
        nums = [int(x) for x in m.groups() if x]
        lo, hi = nums[0], nums[1]
    else:
        if m := _AGE_MIN.search(text):
            lo = int(next(x for x in m.groups() if x))
        if m := _AGE_MAX.search(text):
            hi = int(next(x for x in m.groups() if x))
    if lo is None and hi is None:
        if re.search(r"\badults?\b", text, re.I) and len(text) < 80:
            lo = 18
        else:
            return None
    if f.age is None:
        return Finding("age", None, "profile: age not recorded", _q("age"))
    if lo is not None and hi is not None and lo > hi:  # "under the age of 18 and over the age of 90": ages outside
        return Finding("age", f.age < hi or f.age > lo, f"profile: age {f.age}")
    ok = (lo is None or f.age >= lo) and (hi is None or f.age <= hi)
    return Finding("age", ok, f"profile: age {f.age}")


_SEX_ITEM = _rx(
    r"^(?:(?:female|male)s?|wom[ae]n|m[ae]n)(?:\s+(?:patients?|subjects?|participants?))?"
    r"(?=\s*$|\s*[,.;:(]|\s+(?:aged?|with|≥|>=|over|between|\d|who (?:have|are) (?:been )?diagnosed|diagnosed))"
)


_ANY_SEX = _rx(r"\b(?:all|both|any) (?:genders?|sex(?:es)?)\b|regardless of (?:gender|sex)|"
               r"^\W*(?:males?|men) (?:or|and|/) (?:females?|women)(?:\W*$|\s+(?:of any age|aged?\b|≥|>=|\d))|"
               r"^\W*(?:females?|women) (?:or|and|/) (?:males?|men)(?:\W*$|\s+(?:of any age|aged?\b|≥|>=|\d))")


def sex_rule(text: str, f: PatientFacts, section: str | None) -> Finding | None:
    if _ANY_SEX.search(text):
        return Finding("sex", None, "open to all sexes", fixed="met")
    want = None
    if section and section.lower().startswith("sex"):
        if re.match(r"fem|wom", text, re.I):
            want = "female"
        elif re.match(r"male|m[ae]n\b", text, re.I):
            want = "male"
    elif m := _SEX_ITEM.match(text):
        want = "female" if re.match(r"fem|wom", m.group(0), re.I) else "male"
    if want is None:
        return None
    if f.sex is None:
        return Finding("sex", None, "profile: sex not recorded", _q("sex"))
    return Finding("sex", f.sex == want, f"profile: {f.sex}")


def menopause_rule(text: str, f: PatientFacts) -> Finding | None:
    m = re.search(r"\b(post|pre|peri)-?\s?menopaus", text, re.I)
    if not m or re.search(r"pre- ?(?:or|and|/) ?post|any menopausal|regardless of menopaus|pre-? or peri-?menopausal or post", text, re.I):
        return None
    wants = {x.lower() for x in re.findall(r"\b(post|pre|peri)-?\s?(?:or |and |/)?\s?(?:peri)?-?\s?menopaus", text, re.I)}
    if re.search(r"pre-? ?(?:or|and|/) ?peri", text, re.I):
        wants |= {"pre", "peri"}
    if f.sex == "male":
        return Finding("menopause", False, "profile: male")
    if not f.menopausal:
        return Finding("menopause", None, "profile: menopausal status not recorded",
                       _q("menopause"))
    have = "post" if "post" in f.menopausal else "peri" if "peri" in f.menopausal else "pre"
    return Finding("menopause", have in wants, f"profile: {f.menopausal}")


_NUM_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4}
_ECOG = _rx(r"\bECOG\b|eastern cooperative|performance status|\bWHO PS\b|\bPS\b|zubrod")
_KPS = _rx(r"karnofsky|lansky|\bKPS\b")
_ECOG_NAMED = _rx(r"\bECOG\b|eastern cooperative|\bWHO\b|zubrod")


def _ecog_max(text: str) -> int | None:
    t = text.replace("–", "-").replace("\\<", "<").replace("\\>", ">").replace("=<", "<=").replace("=>", ">=")
    t = re.sub(r"\b(zero|one|two|three|four)\b", lambda m: str(_NUM_WORDS[m.group(1).lower()]), t, flags=re.I)
    t = re.sub(r"\bmore than\b", ">", t, flags=re.I)
    if _KPS.search(t) and not _ECOG_NAMED.search(t):
        if m := re.search(r"(?:≥|>=|>|at least|of)\s*(\d{2,3})\s*%?", t):
            kps = int(m.group(1))
            return 0 if kps >= 90 else 1 if kps >= 70 else 2 if kps >= 50 else 3
        return None
    # a listed range ("0 or 1", "0 to 1", "0-2", "0, 1 or 2") before "of N", which would read only its first number
    if m := re.search(r"\b0\s*(?:-|to|or|,|through|and)\s*([1-4])\b(?:\s*,?\s*(?:,|or|and)\s*([1-4])\b)?", t):
        return int(m.group(2) or m.group(1))
    if m := re.search(r"(?:≤|<=|less than or equal to|of)\s*([0-4])\b(?!\s*-)", t):
        return int(m.group(1))
    if m := re.search(r"(?:<|less than)\s*([1-4])\b", t):
        return int(m.group(1)) - 1
    if m := re.search(r"(?:≥|>=|>|greater than)\s*([0-4])\b", t):  # exclusion-style "ECOG ≥ 2"
        return -int(m.group(1)) - (1 if re.search(r"(?<![≥>=])>\s*[0-4]|greater than\s*[0-4]", t) else 0) - 10
    return None


def ecog_rule(text: str, f: PatientFacts, section: str | None) -> Finding | None:
    in_section = bool(section and "performance" in section.lower())
    if not (_ECOG.search(text) or _KPS.search(text) or in_section):
        return None
    mx = _ecog_max(text)
    if mx is None:
        return None
    q = _q("ecog")
    if f.ecog is None:
        return Finding("ecog", None, "profile: ECOG not recorded", q)
    if mx <= -10:  # text names the *excluded* range, e.g. "ECOG >= 2" -> present when patient is in it
        lo = -(mx + 10)
        return Finding("ecog_range", f.ecog >= lo, f"profile: ECOG {f.ecog}")
    return Finding("ecog", f.ecog <= mx, f"profile: ECOG {f.ecog}")


# ---------------------------------------------------------------- disease, stage, spread

_OTHER_CANCER = _rx(
    r"(?:other(?<!\bor any other)(?<!\bor other)(?<!\band other)|another|second|prior|previous|additional|concurrent|concomitant|secondary|history of)\s+"
    r"(?:[\w-]+\s+){0,3}(?:malignan|cancer|primary|tumou?r|neoplasm)|within (?:the )?(?:past|last|previous) \d+ years|"
    r"basal cell|in situ|diagnosed within"
)
_DISEASE_CUE = _rx(r"diagnos|confirm|histolog|cytolog|documented|patients? with|carcinoma|cancer|tumou?r|neoplasm|malignan|lymphoma|leuk|myeloma|sarcoma|melanoma|glioma|disease")


_GENERIC_HEME = _rx(r"ha?ematolog\w*\s+(?:malignan|cancer|neoplas|tumou?r)|blood cancers?|hematopoietic (?:and|/) lymphoid (?:malignan|cancer|neoplas)")
_GENERIC_GYN = _rx(r"gyn(?:a)?ecolog\w*\s+(?:malignan|cancer|neoplas|tumou?r|carcinoma)")
GYNECOLOGIC = frozenset({"ovarian", "endometrial", "cervical"})


def _generic_class(text: str, f: PatientFacts) -> bool | None:
    """A cancer family named without an organ: "haematological malignancies", "gynaecologic cancer"."""
    low = text.lower()
    if "ecolog" not in low and "atolog" not in low and "blood" not in low and "hematopoietic" not in low:
        return None
    if _GENERIC_GYN.search(text):
        return bool(f.cancer & GYNECOLOGIC)
    if _GENERIC_HEME.search(text) and f.solid is not None:
        return not f.solid
    return None


def disease_rule(text: str, f: PatientFacts) -> Finding | None:
    if not f.cancer or _OTHER_CANCER.search(text) or not (_DISEASE_CUE.search(text) or cancer_keys(text)):
        return None
    if re.search(r"metasta\w* (?:to|in) the|(?:brain|liver|bone) metasta", text, re.I) and not re.search(
        r"diagnos|confirm", text, re.I
    ):
        return None
    keys = cancer_keys(text)
    evidence = f"profile: {f.cancer_label}"
    if keys:
        if keys & f.cancer:
            # subtype clash: criterion names only SCLC for an NSCLC patient, or vice versa
            if "lung" in f.cancer and keys & {"nsclc", "sclc"} and not (keys & f.cancer & {"nsclc", "sclc"}) and f.cancer & {"nsclc", "sclc"}:
                return Finding("disease", False, evidence)
            return _subtype_finding(text, keys & f.cancer, f, evidence)
        if (GENERIC_SOLID.search(text) and f.solid) or _generic_class(text, f):
            return Finding("disease", True, evidence)
        return Finding("disease", False, evidence)
    if (cls := _generic_class(text, f)) is not None:
        return Finding("disease", cls, evidence)
    if GENERIC_SOLID.search(text) and re.search(r"diagnos|confirm|histolog|advanced|metasta", text, re.I):
        if f.solid is None:
            return None
        return Finding("disease", f.solid, evidence)
    return None


def _subtype_finding(text: str, shared: set[str], f: PatientFacts, evidence: str) -> Finding:
    """Same cancer, but the item may name subtypes ("follicular lymphoma", "synovial sarcoma"): the patient's
    recorded subtype must be among them; with none recorded, the subtype is asked rather than assumed."""
    named = cancer_subtypes(text)
    for fam in sorted(shared & named.keys()):
        if names_family_generically(text, fam):
            continue
        have = f.subtypes.get(fam) or ({DEFAULT_SUBTYPE[fam]} if fam in DEFAULT_SUBTYPE else set())
        if not have:
            return Finding("disease", None, evidence + " (subtype not recorded)", _q("condition"))
        if not have & named[fam]:
            return Finding("disease", False, evidence)
    return Finding("disease", True, evidence)


_HISTOLOGY = {"adenocarcinoma": r"adeno(?:carcinoma|squamous)", "squamous": r"squamous|adenosquamous"}
_HISTOLOGY_ITEM = _rx(r"(\bnon-?\s?|other than\s+)?\b(adenocarcinoma|squamous)")
_HISTOLOGY_SKIP = _rx(r"skin|cutaneous|in situ|basal cell|\bor (?:non-?|other than)|mixed|component|"
                      r"\band (?:received|had|prior|previous)")


def histology_rule(text: str, f: PatientFacts) -> Finding | None:
    """Adenocarcinoma / squamous requirements ("non-squamous NSCLC", "Non-adenocarcinoma histology") against the
    recorded histology. Only for items about the patient's own cancer: naming another cancer type, skin cancers
    or both forms ("squamous or non-squamous") means the histology word is no requirement."""
    label = f.cancer_label or ""
    if not label or _HISTOLOGY_SKIP.search(text) or _OTHER_CANCER.search(text):
        return None
    named = cancer_keys(text)
    if named - f.cancer:  # a list of cancers ("NSCLC or HNSCC"): the histology word may belong to another one
        return None
    found = {(bool(m.group(1)), m.group(2).lower()) for m in _HISTOLOGY_ITEM.finditer(text)}
    if len(found) != 1 or not (named or re.search(r"histolog", text, re.I)):
        return None
    negated, kind = found.pop()
    have = {k for k, rx in _HISTOLOGY.items() if re.search(rx, label, re.I)}
    if not have:
        return None  # histology not recorded in these terms: leave it to the disease rule / the trial team
    return Finding("histology", (kind in have) != negated, f"profile: {label}")


_SITE_METS = _rx(
    r"(?:brain|cns|central nervous system|intracranial|cerebral|leptomeningeal|liver|hepatic|bone|lung|"
    r"visceral|spinal cord)\s+(?:metasta|lesion|involvement|disease)|metasta\w*\s+(?:to|in|of)\s+(?:the\s+)?(?:brain|cns|liver|bone)"
)
_METASTATIC = _rx(r"\bmetastatic\b|\bstage\s*(?:IV|4)\b|distant metasta|\bM1\b|de novo metastatic")
_ADVANCED = _rx(r"locally advanced|unresectable|inoperable|\badvanced\b|recurrent|relapsed")
_EARLY = _rx(
    r"early[- ]stage|early breast|non[- ]?metastatic|no (?:evidence of )?(?:distant )?metasta|without (?:distant )?metasta|"
    r"\boperable\b|\bresect(?:ed|able)\b|curative|\badjuvant\b|\bneoadjuvant\b|\bM0\b"
)
_STAGES = _rx(r"\bstages?\s*((?:IV|III|II|I|0|[1-4])[ABC]?\d?(?:\s*(?:-|–|to|through|or|and|,|/)\s*(?:stage\s*)?(?:IV|III|II|I|[1-4])[ABC]?\d?)*)")


_NOT_CURATIVE = _rx(
    r"(?:not|no longer|neither|nor)\s+(?:be\s+)?(?:amenable|suitable|eligible|candidates?|a candidate|appropriate|feasible)\s+"
    r"(?:to|for)\s+(?:\w+\s+){0,3}?(?:curative|resection|surgery|surgical)[\w-]*(?:\s+(?:intent|treatment|therapy|surgery|resection))?|"
    r"non-?curative|not (?:surgically )?resectable|not operable"
)


# "treated with … for advanced disease", "in the metastatic setting": the stage words say when a prior treatment
# was given, not which patients the item admits, so the stage rule must not read them
_TREATMENT_SETTING = _rx(
    r"(\b(?:therap\w*|treatments?|regimens?|lines?|chemotherapy|inhibitors?|agents?|received|treated|given)\b[^.;]{0,60}?)"
    r"\b(?:for|in)\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:locally\s+)?(?:advanced|metastatic|recurrent|unresectable)"
    r"(?:\s*(?:or|and|/|,)\s*(?:locally\s+)?(?:advanced|metastatic|recurrent|unresectable))*"
    r"(?:\s+(?:setting|disease|stage|\w+\s+cancer|cancer))?"
)


def _strip_treatment_setting(text: str) -> str:
    return _TREATMENT_SETTING.sub(lambda m: m.group(1) + " ", text)


def stage_rule(text: str, f: PatientFacts) -> Finding | None:
    if _OTHER_CANCER.search(text):
        return None  # "concurrent metastatic breast cancer", "prior malignancy … stage I": another cancer's stage
    text = _strip_treatment_setting(_NOT_CURATIVE.sub(" unresectable ", text))
    if course_requirement(text) == "recurred":  # "recurrent glioblastoma": a disease course, judged by course_rule
        text = re.sub(r"\b(?:recurrent|relapsed)\b", " ", text, flags=re.I)
    q = _q("stage")
    ev = "profile: " + ", ".join(
        x for x in (f"stage {f.stage_label}" if f.stage_label else None,
                    "metastatic to " + ", ".join(f.metastatic_sites) if f.metastatic_sites else None) if x
    ) if (f.stage_label or f.metastatic_sites) else "profile: stage not recorded"
    if m := _STAGES.search(text):
        parts = re.split(r"\s*(?:-|–|to|through|or|and|,|/)\s*(?:stage\s*)?", m.group(1))
        nums = {n for n in map(stage_number, parts) if n is not None}
        if re.search(r"(?:-|–|to|through)", m.group(1)) and len(nums) >= 2:
            nums = set(range(min(nums), max(nums) + 1))
        if nums:
            if f.stage is None:
                return Finding("stage", None, ev, q)
            return Finding("stage", f.stage in nums, ev)
    early = _EARLY.search(text)
    if _METASTATIC.search(_SITE_METS.sub(" ", text)) and not early:
        adv = bool(_ADVANCED.search(text))
        if f.metastatic is None:
            return Finding("stage", None, ev, q)
        if f.metastatic:
            return Finding("stage", True, ev)
        if adv and f.stage is not None and f.stage >= 3:
            return Finding("stage", True, ev)
        return Finding("stage", False, ev)
    if _ADVANCED.search(text) and re.search(r"cancer|carcinoma|disease|tumou?r|malignan|neoplasm", text, re.I) and not early:
        if f.metastatic is None and f.stage is None:
            return Finding("stage", None, ev, q)
        return Finding("stage", bool(f.metastatic or (f.stage or 0) >= 3), ev)
    if early and (re.search(r"cancer|carcinoma|disease|tumou?r|metasta", text, re.I) or cancer_keys(text)):
        if f.metastatic is None:
            return Finding("stage", None, ev, q)
        # "No evidence of metastases" is an absence statement; the direction logic handles "No …".
        if re.match(r"\s*(?:no|without)\b", early.group(0), re.I):
            return Finding("metastatic", f.metastatic, ev)
        return Finding("stage", not f.metastatic, ev)
    return None


_BRAIN = _rx(
    r"(?<!primary )(?:brain|cns|central nervous system|intracranial|cerebral|leptomeningeal)\s*(?:\((?:cns|bm)\)\s*)?"
    r"(?:metasta|lesion|disease|involvement|tumou?r(?!s? (?:types?|histolog)))|"
    r"metasta\w* (?:to|in|of) the (?:brain|cns|central nervous)|leptomeningeal|carcinomatous meningitis"
)


PRIMARY_CNS = frozenset({"glioma"})


def brain_rule(text: str, f: PatientFacts) -> Finding | None:
    if not _BRAIN.search(text):
        return None
    q = _q("brain_metastases")
    conditional = re.search(r"\bif\b|provided|as long as|eligible|allowed|permitted|may (?:be )?(?:enrol|includ|particip)", text, re.I)
    if conditional and f.brain_mets is False:
        return Finding("brain_metastases", None, "profile: no brain metastases recorded — this condition does not arise",
                       fixed="not_applicable")
    if f.cancer & PRIMARY_CNS and not f.brain_mets and re.search(r"metasta", text, re.I):
        # a glioma is a tumour OF the brain, not a spread TO it: brain-metastasis items do not describe the patient
        return Finding("brain_metastases", False, f"profile: {f.cancer_label} — a primary brain tumour, not a metastasis")
    if f.brain_mets is None:
        return Finding("brain_metastases", None, "profile: brain involvement not recorded", q)
    if f.brain_mets and re.search(r"untreated|active|symptomatic|unstable|progressi|uncontrolled|requir|steroid|leptomening", text, re.I):
        return Finding("brain_metastases", None, "profile: brain metastases (treatment status not recorded)", q)
    ev = "profile: metastatic sites " + (", ".join(f.metastatic_sites) if f.metastatic_sites else "none recorded")
    return Finding("brain_metastases", f.brain_mets, ev)


_CASTRATION = _rx(
    r"castrat(?:e|ion) (?:levels?|range)|castrate (?:serum |plasma )?testosterone|(?:surgical|medical|chemical) castration|"
    r"testosterone\s*(?:levels?\s*)?(?:<|≤|of less than|below)|"
    r"(?:ongoing|continuous|continued|maintain\w*)\s+(?:\w+\s+)?(?:androgen[- ]deprivation|ADT\b|LHRH|GnRH)"
)


def castration_rule(text: str, f: PatientFacts) -> Finding | None:
    """Inclusion items asking a man with prostate cancer to be castrate (orchiectomy, or ongoing ADT keeping
    testosterone at castrate level). Recorded ADT or orchiectomy counts as castrate; otherwise ask."""
    low = text.lower()
    if "prostate" not in f.cancer or not any(w in low for w in ("castrat", "testosterone", "androgen", "adt", "lhrh", "gnrh")) \
            or not _CASTRATION.search(text):
        return None
    adt = f.treatment_classes.get("androgen deprivation therapy", []) + [
        n for n in f.treatment_classes.get("surgery", []) if re.search(r"orchi", n, re.I)]
    if adt:
        return Finding("castration", True, f"profile: androgen deprivation recorded ({', '.join(adt)})")
    return Finding("castration", None, "profile: no androgen deprivation or orchiectomy recorded", _q("castration"))


_CANCER_NAME = r"((?:[\w-]+ ){0,2}(?:cancer|malignan\w*|carcinoma|neoplasm|pdac|hcc)\b)"
_AT_RISK = _rx(r"(?:elevated|high|increased|higher)[- ]risk (?:of|for) (?:developing )?(?:an? )?" + _CANCER_NAME +
               r"|(?:being|undergoing|having|to undergo) (?:[\w-]+ ){0,2}screen(?:ed|ing) for (?:an? )?" + _CANCER_NAME)
_SYMPTOMS_OF = _rx(r"(?:signs?|symptoms?) (?:or symptoms? )?(?:of|suggestive of|concerning for) (?:an? )?" + _CANCER_NAME)


def screening_rule(text: str, f: PatientFacts) -> Finding | None:
    """Screening / prevention populations: "at high risk of developing pancreatic cancer", "being screened for
    PDAC" describe people who do not (yet) have that cancer, so a patient diagnosed with it is not one of them;
    "signs or symptoms of PDAC" in such a trial describes the patient."""
    low = text.lower()
    if not any(w in low for w in ("risk", "screen", "sign", "symptom")):
        return None
    if m := _AT_RISK.search(text):
        if re.search(r"associated with (?:an? )?(?:elevated|high|increased)", text, re.I):
            return None  # "mutations associated with an increased risk of …": the item is about the mutation
        named = next(g for g in m.groups() if g)
        if cancer_keys(named) & f.cancer:
            return Finding("screening", False, f"profile: already diagnosed with {f.cancer_label} — "
                           "not an at-risk or screening population")
    elif (m := _SYMPTOMS_OF.search(text)) and cancer_keys(m.group(1)) & f.cancer:
        return Finding("screening", True, f"profile: diagnosed with {f.cancer_label}")
    return None


# ---------------------------------------------------------------- biomarkers

_POS = r"positiv|deletion|insertion|\+|\bpos\b|overexpress|amplifi|mutat|mutant|alter|rearrang|fusion|activating|sensiti[sz]ing|driver|\bhigh\b|-high|-h\b|express|exon|G12|G13|V600|L858|T790|deficien|\bdMMR|3\+|variant|translocation"
_NEG = r"negativ|-(?=\s|$|[,;)/])|\bneg\b|wild[- ]?type|\bwt\b|non-?amplif|not amplif|\bstable\b|MSS|proficien|pMMR|0\b|null"
_LOW = r"-?low\b|1\+|2\+"
_SKIP_BETWEEN = r"^(?:\s*(?:/|,|and/or|or|and)\s*(?:[A-Z][A-Za-z0-9-]{1,7}|progesterone receptor|PgR)\b)*"
_THERAPY_AFTER = _rx(r"^[\s-]*(?:/\s*\w+\s*)?(?:(?:p\.)?[A-Z]\d{2,4}[A-Z]?[\s-]+)?(?:inhibitor|tki|targeted|targeting|directed|antibod|therap|agent|blocker|based|adc)")


def _required_status(text: str, start: int, end: int, key: str) -> str | None:
    want = _stated_status(text, start, end, key)
    if want == "positive" and re.search(r"\bnon-?\s?$", text[max(0, start - 5):start], re.I):
        return "negative"  # "non-MSI-H", "non-dMMR"
    return want


def _stated_status(text: str, start: int, end: int, key: str) -> str | None:
    after = re.sub(_SKIP_BETWEEN, "", re.sub(r"^\s*\([^()]{0,24}\)", "", text[end : end + 80]))  # "(ER and PR) negative"
    after = re.sub(r"^\s*(?:status|expression|receptor|gene|protein|test(?:ing)?|result)?\s*(?:is|was|of|:|=)?\s*", "", after, flags=re.I)
    before = text[max(0, start - 30) : start]
    if key == "MSI":
        name = text[start:end]
        if re.search(r"MSS|pMMR|proficient|stable", text[start : end + 30], re.I):
            return "negative"
        if re.search(r"MSI-H|dMMR|deficien|high|instability", text[start : end + 40], re.I) or "MSI-H" in name:
            return "positive"
    if key == "HER2" and re.match(r"\s*\(?\s*(?:ihc\s*)?(?:score\s*)?(?:of\s*)?1\+?\s*(?:-|–|to|through)\s*3\+", after, re.I):
        return "expressed"  # any HER2 expression, IHC 1+ to 3+
    if key == "HER2" and re.match(r"\s*(?:ihc\s*)?[12]\+|\s*-?\s*low\b|\s*-?\s*ultralow", after, re.I):
        return "low"
    if key == "HER2" and re.match(r"\s*(?:ihc\s*)?0\b", after, re.I):
        return "negative"
    if re.match(rf"\s*-?\s*(?:{_NEG})", after, re.I) and not re.match(r"\s*-\s*(?:positive|mutat|amplif)", after, re.I):
        return "negative"
    if re.match(rf"\s*-?\s*(?:\w+\s+)?(?:{_POS})", after, re.I):
        return "positive"
    if re.search(r"(?:positiv|mutat|mutant|activating|amplified|overexpress|deficient|sensitizing|harbou?ring|documented)\w*\s+(?:for\s+)?(?:an?\s+)?$", before, re.I):
        return "positive"
    if re.search(r"(?:negativ|wild[- ]?type|proficient)\w*\s+(?:for\s+)?$", before, re.I):
        return "negative"
    return None


def _pdl1_threshold(text: str) -> float | None:
    if m := re.search(r"(?:≥|>=|>|at least|greater than(?: or equal to)?)\s*(\d+(?:\.\d+)?)\s*%?", text):
        return float(m.group(1))
    return None


def _number(value: str | None) -> float | None:
    if value and (m := re.search(r"(\d+(?:\.\d+)?)", value)):
        return float(m.group(1))
    return None


_VARIANTS = _rx(r"\b(G12[CDVRAS]?|G13D|V600[EK]?|L858R|T790M|exon\s*(?:19|20|21|14)|C797S|E545K|H1047R)\b")
_MARKERS_ASKED_BY_NAME = {"HR", "ER", "PR", "PD-L1"}  # markers with their own wording; others use marker_tested


def _marker_question(key: str) -> str:
    return _q(f"marker_{key}") if key in _MARKERS_ASKED_BY_NAME else _q("marker_tested", marker=key)


def _match_marker(key: str, want: str | None, f: PatientFacts, text: str) -> Finding:
    fact = f.markers.get(key)
    if key == "HR" and fact is None:
        fact = f.markers.get("ER")
    if fact is None and _UNKNOWN_ACCEPTED.search(text) and re.search(r"\bknown\b", text, re.I):
        # "… with known BRAF V600E are excluded. Participants with unknown or indeterminate BRAF status are
        # eligible": the item itself admits an unrecorded result
        return Finding(f"biomarker:{key}", False, f"profile: no {key} result recorded — the item admits unknown status",
                       when_required="unknown")
    if fact is None and (want == "positive" or (want is None and not re.search(r"status|test|result", text, re.I))) \
            and _KNOWN_MARKER.search(text) and _UNKNOWN_OK.search(text):
        # "no known presence of BRAF V600E", "known RET fusion … (unknown status is eligible)": the item itself says
        # only a documented result counts; a plain "Known ALK rearrangement" still asks whether it was tested
        return Finding(f"biomarker:{key}", False, f"profile: no {key} result recorded, so none known",
                       _marker_question(key), when_required="unknown")
    if fact is None or fact.status is None or fact.status == "equivocal":
        ev = fact.evidence if fact else f"profile: no {key} result"
        return Finding(f"biomarker:{key}", None, ev, _marker_question(key))
    if want is None:  # criterion only requires a known result
        return Finding(f"biomarker:{key}", True, fact.evidence)
    have = fact.status
    if key == "PD-L1" and want == "positive":
        thr, val = _pdl1_threshold(text), _number(fact.value)
        if thr is not None and val is not None:
            return Finding("biomarker:PD-L1", val >= thr, fact.evidence)
        if thr is not None and thr >= 10 and val is None and have == "positive":
            return Finding("biomarker:PD-L1", None, fact.evidence, _marker_question(key))
    if want == "positive":
        present = have == "positive"
        if present and _VARIANTS.search(text) and key in {"KRAS", "BRAF", "EGFR", "PIK3CA"}:
            if not fact.value:
                return Finding(f"biomarker:{key}", None, fact.evidence, _q("marker_variant", marker=key))
            wanted = {x.upper().replace(" ", "") for x in _VARIANTS.findall(text)}
            have_v = {x.upper().replace(" ", "") for x in _VARIANTS.findall(fact.value)}
            present = bool(have_v & wanted) or any(w.startswith(h) or h.startswith(w) for w in wanted for h in have_v)
        return Finding(f"biomarker:{key}", present, fact.evidence)
    if want == "expressed":  # HER2 IHC 1+ to 3+: positive, low, or a "negative" whose recorded score is 1+
        score = re.search(r"([0-3])\s*\+|IHC\s*(?:score\s*)?([0-3])\b", fact.value or "", re.I)
        if score:
            return Finding(f"biomarker:{key}", (score.group(1) or score.group(2)) != "0", fact.evidence)
        if have in {"positive", "low"}:
            return Finding(f"biomarker:{key}", True, fact.evidence)
        return Finding(f"biomarker:{key}", None, fact.evidence, _q("her2_score"))
    if want == "negative":
        return Finding(f"biomarker:{key}", have in {"negative", "low"} if key == "HER2" else have == "negative", fact.evidence)
    return Finding(f"biomarker:{key}", have == "low", fact.evidence)  # want == "low"


_TNBC = _rx(r"triple[- ]negative|\bTNBC\b")



# "therapy targeting KRAS G12C", "anti-HER2": the marker names a drug's target, not the patient's tumour
_TARGET_BEFORE = _rx(r"(?:anti-?|(?:targeting|targeted (?:at|to)|directed (?:at|against|to)|inhibitors? of)\s+(?:the\s+)?)$")
_MARKER_GATE = re.compile(alternation(rx.pattern for rx in BIOMARKER_RE.values()) + r"|triple|TNBC", re.I)
# "known" shortly before a marker name: "known BRAF V600E", "known driver alterations (e.g. EGFR, ALK)"
_UNKNOWN_ACCEPTED = _rx(
    r"\b(?:unknown|indeterminate|untested|not (?:been )?tested)\b(?! (?:significance|origin|primary))[^.;]{0,100}?\b(?:are|is|will be|remain|also) "
    r"(?:eligible|allowed|permitted|acceptable|included)")
_UNKNOWN_OK = _rx(r"\bno known\b|\bnot known\b|\bunknown\b|\bindeterminate\b")
_KNOWN_MARKER = re.compile(r"\bknown\s+(?:[\w/(),.-]+\s+){0,8}?(?:" + _MARKER_GATE.pattern + ")", re.I)


@text_memo
def marker_requirements(text: str) -> tuple[tuple[str, str | None], ...]:
    """Patient-independent part: which markers the text sets a requirement on, and which status."""
    if not _MARKER_GATE.search(text):
        return ()
    if _TNBC.search(text):
        return (("TNBC", "negative"),)
    seen: dict[str, str | None] = {}
    for key, rx in BIOMARKER_RE.items():
        for m in rx.finditer(text):
            if _THERAPY_AFTER.match(text[m.end() :]) or _TARGET_BEFORE.search(text[max(0, m.start() - 30) : m.start()]):
                continue
            want = _required_status(text, m.start(), m.end(), key)
            if want is None and not re.search(r"status|known|test|result|determin|assess|available", text, re.I):
                continue
            seen[key] = want
            break
    if "HR" in seen and ("ER" in seen or "PR" in seen):
        seen.pop("ER", None)
        seen.pop("PR", None)
    if "ER" in seen and "PR" in seen and re.search(r"ER\S*\s*(?:and/or|or|/)\s*P", text):
        seen["ER|PR"] = seen.pop("ER") or seen.pop("PR", None)
        seen.pop("PR", None)
    return tuple(seen.items())


_LIST_PART = re.compile(r"[,;]|\bor\b|\band\b(?! (?:neck|pr\b|progesterone))", re.I)


@text_memo
def _marker_scopes(text: str) -> dict[str, frozenset[str]]:
    """Marker key -> the cancers named in the same list entry ("HR-positive breast cancer, head and neck cancer":
    HR belongs to breast). Empty when the item names fewer than two cancers, i.e. is no list of tumour types."""
    if len(cancer_keys(text) - {"lung"}) < 2:
        return {}
    parts = _LIST_PART.split(text)
    out: dict[str, frozenset[str]] = {}
    for key, _ in marker_requirements(text):
        names = ("ER", "PR", "HER2") if key in {"TNBC", "ER|PR"} else (key,)
        rx = _TNBC if key == "TNBC" else _MARKER_GATE
        for part in parts:
            if (key == "TNBC" and rx.search(part)) or any(BIOMARKER_RE[n].search(part) for n in names if n in BIOMARKER_RE):
                if (keys := cancer_keys(part)):
                    out[key] = frozenset(keys)
                break
    return out


def biomarker_rule(text: str, f: PatientFacts) -> list[Finding]:
    """One finding per marker the criterion sets a requirement on; a marker that qualifies another cancer in a
    list of tumour types ("HR-positive breast cancer" beside the patient's lung cancer) is not asked of the patient."""
    out: list[Finding] = []
    scopes = _marker_scopes(text) if f.cancer else {}
    for key, want in marker_requirements(text):
        if key in scopes and not scopes[key] & f.cancer and cancer_keys(text) & f.cancer:
            continue
        if key == "TNBC":
            parts = [_match_marker(k, "negative", f, text) for k in ("ER", "PR", "HER2")]
            ev = "; ".join(p.evidence for p in parts)
            if any(p.present is False for p in parts):
                out.append(Finding("biomarker:TNBC", False, ev))
            elif any(p.present is None for p in parts):
                out.append(Finding("biomarker:TNBC", None, ev, _q("triple_negative")))
            else:
                out.append(Finding("biomarker:TNBC", True, ev))
        elif key == "ER|PR":
            er, pr = _match_marker("ER", want, f, text), _match_marker("PR", want, f, text)
            vals = [er.present, pr.present]
            present = True if True in vals else (None if None in vals else False)
            out.append(Finding("biomarker:HR", present, f"{er.evidence}; {pr.evidence}", er.question or pr.question))
        else:
            out.append(_match_marker(key, want, f, text))
    return out


# ---------------------------------------------------------------- prior treatment

_ALLOWED = _rx(r"\b(?:is|are)?\s*(?:allowed|permitted|acceptable)\b|\bmay have (?:had|received)\b")
_NOT_ALLOWED = _rx(r"not (?:allowed|permitted)")
_TIMING = _rx(r"within\s+\d+|\b\d+\s*(?:weeks?|days?|months?)\b|concurrent|ongoing|currently|at the time|during|washout|last dose")
_ABSENCE_TREAT = _rx(r"\bno (?:prior|previous)|\bnot (?:yet |already )(?:been )?(?:received|treated)|\b(?:remain|still) untreated|\b(?:previously )?not (?:been )?(?:previously )?treated with|\bnot (?:have )?(?:previously )?(?:received|been treated)|na[iï]ve|without (?:prior|previous)|never (?:received|been treated)|\buntreated\b|has not received|have not received")
_PRIOR_CUE = _rx(r"prior|previous|received|progress|after|following|refractory|resistant|fail|pretreated|history of|"
                 r"treated with|exposure|underw|na[iï]ve|untreated|lines?\b|regimen|recurr|relaps|had\b|currently|concurrent|ongoing|within")
_LINES = _rx(r"(?:at least|≥|>=|no more than|up to|maximum of|≤|<=|\d+|one|two|three|four|more than|second|third)\s*"
             r"(?:or (?:more|later|greater|fewer|less)\s*)?(?:prior\s*)?(?:\w+\s+){0,3}?(?:lines?|regimens?)\b")
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "first": 1, "second": 2, "third": 3, "fourth": 4}
_N = r"(\d|one|two|three|four|five)"
_LINES_LO = _rx(r"(?:at least|≥|>=|minimum of)\s*" + _N + r"|" + _N + r"\s*or more|(?<!no )(?<!not )more than\s*" + _N +
                r"|(?:>)\s*" + _N + r"|\b(second|third|fourth)(?:[- ]line)?\s*(?:or|and)\s*(?:later|greater|subsequent|beyond)")
_LINES_HI = _rx(r"(?:no more than|not more than|up to|maximum of|at most|≤|<=)\s*" + _N + r"|" + _N +
                r"\s*or (?:fewer|less)|(?:fewer than|less than|<)\s*" + _N)
_LINES_RANGE = _rx(_N + r"\s*(?:-|–|to)\s*" + _N + r"\s*(?:prior\s*)?(?:\w+\s+){0,3}?(?:lines?|regimens?)")
# an item about treatment for advanced / metastatic disease: drugs given with curative chemoradiation do not count
_METASTATIC_SETTING = _rx(r"(?:metastatic|advanced|recurrent|palliative)\s+setting|for (?:the )?(?:\w+ )?(?:locally )?"
                          r"(?:advanced|metastatic|recurrent)|recurrent/metastatic|(?:advanced|metastatic) (?:disease|cancer)")


def _n(word: str) -> int:
    return int(word) if word.isdigit() else _NUM[word.lower()]


def lines_bounds(text: str) -> tuple[int | None, int | None]:
    """Required number of prior lines as (at least, at most); "more than one" -> (2, None), "1-3" -> (1, 3)."""
    if m := _LINES_RANGE.search(text):
        return _n(m.group(1)), _n(m.group(2))
    lo = hi = None
    if m := _LINES_LO.search(text):
        i, word = next((i, g) for i, g in enumerate(m.groups()) if g)
        lo = _n(word) + (1 if i in (2, 3) else 0)
    if m := _LINES_HI.search(text):
        i, word = next((i, g) for i, g in enumerate(m.groups()) if g)
        hi = _n(word) - (1 if i == 2 else 0)
    return lo, hi


_INCLUDING_ONE = _rx(r"\bincluding (?:at least )?(?:one|1|a)\s+(?:prior\s+)?(?:lines?\s+of\s+)?(?:an?\s+)?([\w-]+?)[- ]?(?:containing|based)\b")


def _lines_finding(text: str, f: PatientFacts, had: list[str], generic: bool, ev: str) -> Finding:
    """Compare the line count an item asks for with what the profile can bound: at least one line when any
    medicine is recorded, and at most one line per separately recorded regimen."""
    lo, hi = lines_bounds(text)
    if (m := _INCLUDING_ONE.search(text)) and (cls := drug_classes(m.group(1))) and \
            not any(f.treatment_classes.get(c) for c in cls) and not re.search(r"\bor (?:not|in)eligible|\bor not\b", text, re.I):
        # "2 prior regimens (including at least one platinum-containing regimen)": the named one is missing
        return Finding("treatment_lines", False, ev + f" — no {m.group(1)} recorded")
    most = (f.max_lines or 0) if generic else min(len(had), f.max_lines or len(had))
    least = 1 if had else 0
    if lo is not None and most < lo:
        return Finding("treatment_lines", False, ev)
    if hi is not None and most <= hi and (lo is None or least >= lo):
        return Finding("treatment_lines", True, ev)
    if hi is not None and least > hi:
        return Finding("treatment_lines", False, ev)
    if lo is not None and least >= lo and hi is None:
        return Finding("treatment_lines", True, ev)
    if not had and lo is None and hi is None:
        return Finding("treatment_lines", False, ev)
    return Finding("treatment_lines", None, ev, _q("treatment_lines"))


_ANY_SYSTEMIC = _rx(
    r"systemic (?:anti-?cancer |cancer )?(?:therapy|therapies|treatment)|anti-?cancer (?:therapy|therapies|treatment)|"
    r"(?:prior|previous) (?:treatment|therapy|therapies) for (?:the |this |their |his |her )?(?:\w+ )?(?:cancer|disease|carcinoma)|"
    r"treatment[- ]na[iï]ve|previously untreated|(?:has|have|with) an? untreated|\buntreated and\b|"
    r"(?:progress\w*|relapsed|refractory)\s+(?:[\w,]+\s+){0,6}?(?:prior|previous)\s+(?:standard\s+)?(?:therapy|treatment)|"
    r"\b(?:remain|still) untreated\b|\balready (?:been )?(?:pre-?)?treated\b(?!\s+(?:with|by|using|for)\b)|"
    r"previously treated(?!\s+(?:with|by|using)\b)(?!\s+(?:\w+\s+)?(?:brain|cns|metasta|lesion|spinal))|\b(?:heavily )?pre-?treated\b|"
    r"lines? of (?:prior )?(?:systemic |anti-?cancer )?(?:therapy|therapies|treatment)\b|"
    r"(?:no|without|not received any|never received any|not have received any)\s+(?:prior|previous)\s+"
    r"(?:systemic |anti-?cancer |cancer )?(?:treatment|therapy|therapies)\b(?!\s+(?:with|of)\b)"
)
_SETTING_ADVANCED = _rx(r"advanced|metastatic|recurrent|unresectable|stage iv")


# "treatment-naive and previously treated" admits both, so it is no absence requirement; an "except …" after it
# names what is still excluded, not what is exempt
_NAIVE_OR_TREATED = _rx(r"(?:treatment[- ])?na[iï]ve\s*(?:and|or|and/or|,)\s*(?:previously |pre-?)?treated|"
                        r"(?:previously |pre-?)?treated\s*(?:and|or|and/or|,)\s*(?:treatment[- ])?(?:na[iï]ve|untreated)")


def treatment_rule(text: str, f: PatientFacts) -> Finding | None:
    # Timing words or drug names inside an exception clause ("…, however if started within 21 days …",
    # "No prior treatment for CLL, except steroids and/or rituximab") qualify the main requirement, not replace it.
    text = _NOT_CURATIVE.sub(" unresectable ", text)  # "not amenable to curative surgery" names no prior surgery
    text = _NOTE.sub(" ", text)  # "(note: adjuvant therapy allowed if last dose > 1 year ago)" qualifies, not requires
    main = re.split(r"\b(?:however|unless|except|other than|apart from|with the exception of)\b", text, maxsplit=1, flags=re.I)[0]
    classes = _classes(main)
    exempt: set[str] = set()
    both = _NAIVE_OR_TREATED.sub(" ", text)
    if not classes and _ANY_SYSTEMIC.search(main) and both == text:
        exempt = drug_classes(text[len(main):])
    elif not classes:
        classes = _classes(text)
    elif _systemic_with_examples(main, classes):
        classes.add("systemic therapy")
    systemic_only = not classes and bool(_ANY_SYSTEMIC.search(text)) and not _TIMING.search(main)
    setting_adv = bool(_METASTATIC_SETTING.search(text)) or (systemic_only and bool(_SETTING_ADVANCED.search(text)))
    # untreated, or (for an item about advanced disease) nothing given for it: every medicine class is absent
    none_given = f.prior_systemic is False or (setting_adv and f.advanced_therapy is False)
    none_ev = f.prior_systemic_evidence if f.prior_systemic is False else f.advanced_therapy_evidence
    if systemic_only:
        classes = {"systemic therapy"}
        if f.treatments and f.metastatic is False and _SETTING_ADVANCED.search(text) and f.advanced_therapy is None:
            return Finding("treatment", None, f"profile treatments: {', '.join(f.treatments)} (setting not recorded)",
                           _q("treatment_setting"))
    skip = r"allerg|hypersensitiv|contraindicat" if systemic_only else r"allerg|hypersensitiv|contraindicat|intoleran"
    if not classes or re.search(skip, text, re.I):
        return None
    if not _PRIOR_CUE.search(text) and not systemic_only:
        return None  # future or planned treatment ("can receive radiation"): not a history requirement
    if classes <= {"surgery", "radiotherapy"} and not re.search(r"prior|previous|received|after|following|underg", text, re.I):
        return None
    named = ", ".join(sorted(classes))
    if re.search(r"\bwith or without (?:\w+ ){0,2}(?:prior|previous)", text, re.I) and not _LINES.search(text):
        return Finding("treatment", None, f"criterion admits patients with or without prior {named}", fixed="met")
    allowed = _ALLOWED.search(text[:140])
    if allowed and not _NOT_ALLOWED.search(text[:140]) and not re.search(
            r"exclu|except|\bnote\b|\(|\bunless\b|\bif\b|\bprovided\b", text[: allowed.start()], re.I):
        return Finding("treatment", None, f"criterion permits prior {named}", fixed="met")
    drug_item = not classes <= {"surgery", "radiotherapy"}
    if (w := _WASHOUT.search(main)) and w.start() < 80:
        return _washout(f, classes, named)
    if none_given and drug_item:
        return _none_given(text, f, both, none_ev)
    if not f.treatments:
        return Finding("treatment", None, "profile: no treatments recorded",
                       _q("treatment_history", named=named))
    hits: dict[str, list[str]] = {}
    for cls in classes:
        if cls == "systemic therapy" and exempt:
            members = [n for n in f.treatment_classes.get(cls, []) if not drug_classes(n) or not drug_classes(n) <= exempt]
            for n in members:
                hits.setdefault(n, []).append(cls)
            continue
        members = (
            [n for c in CHEMO_CLASSES | {"chemotherapy"} for n in f.treatment_classes.get(c, [])]
            if cls == "chemotherapy" else f.treatment_classes.get(cls, [])
        )
        if (named_drugs := named_members(text, cls)) is not None:  # "… and/or fulvestrant": only the drugs named
            members = [n for n in members if any(rx.search(f.treatment_text.get(n, n)) for rx in named_drugs)]
        for n in members:
            hits.setdefault(n, []).append(cls)
    if _METASTATIC_SETTING.search(text):
        hits = {n: c for n, c in hits.items() if n not in f.locoregional_drugs}
    had = sorted(hits)
    ev = f"profile treatments: {', '.join(f.treatments)}" + (
        " (" + "; ".join(f"{n} = {', '.join(sorted(c))}" for n, c in sorted(hits.items())) + ")" if had else f" — none is {named}"
    )
    if not had and (unclassed := _unclassed_drugs(classes, f)):
        return Finding("treatment", None, ev + f" (class of {', '.join(unclassed)} not known)",
                       _q("treatment_history", named=named))
    if _LINES.search(text):
        return _lines_finding(text, f, had, classes == {"systemic therapy"}, ev)
    if had and _TIMING.search(main):
        return Finding("treatment", None, ev + "; timing matters",
                       _q("treatment_timing", drugs=", ".join(had)))
    if not had and _TIMING.search(main) and not re.search(r"prior|previous|received|progress|refractory|resistant", text, re.I):
        return Finding("treatment", False, ev)
    inner_absence = _inner_absence(both)
    return Finding("treatment", bool(had) != inner_absence, ev)


_NOTE = _rx(r"\(\s*(?:note|n\.?b\.?)\b[^)]*\)?|(?<=[.;])\s*note\s*:.*$")
_HISTORY_CUE = _rx(r"\b(?:prior|previous(?:ly)?|received|receipt|treated|exposure|pretreated|pre-treated)\b")
_EXAMPLES = _rx(r"\(|\b(?:including|includes|such as|e\.?g\.?|eg|i\.?e\.?|for example|namely)\b")


def _classes(text: str) -> set[str]:
    """Drug classes a text names: the vocabulary's and, in an item about treatment history, classes named by their
    target and unlisted drug names ("for isatuximab's indication" is no history item)."""
    if not _HISTORY_CUE.search(text):
        return drug_classes(text)
    return drug_classes(text) | target_agents(text) | unlisted_drugs(text)


def _systemic_with_examples(main: str, classes: set[str]) -> bool:
    """"Prior systemic therapy (chemotherapy, immunotherapy …)", "… for metastatic disease, or major surgery": the
    item is about any systemic therapy; the classes are examples of it or a separate non-drug item."""
    m = _ANY_SYSTEMIC.search(main)
    if m is None or "systemic therapy" in classes:
        return False
    if classes <= {"surgery", "radiotherapy"}:
        return True
    ex = _EXAMPLES.search(main, m.end())
    return ex is not None and ex.start() - m.end() < 80 and not _classes(main[: ex.start()]) - {"surgery", "radiotherapy"}


def _unclassed_drugs(classes: set[str], f: PatientFacts) -> list[str]:
    """Recorded medicines of no known class, which a class named by its target ("KIF18A inhibitor") may include."""
    if not any(c.startswith(TARGET_PREFIX) for c in classes):
        return []
    return [n for n in f.treatment_classes.get("systemic therapy", [])
            if not any(n in v for c, v in f.treatment_classes.items() if c != "systemic therapy")]


_PRIOR_AGENT = _rx(
    r"^\W*(?:any\s+)?(?:(?:participants?|patients?|subjects?)\s+(?:who\s+)?(?:has|have)\s+)?(?:had\s+|received\s+)?"
    r"(?:any\s+)?(?:prior|previous)\s+(?:treatment|therapy|therapies|exposure)\s+(?:with|to|directed (?:against|at|to)|targeting)\b")
# mechanisms broad enough to cover common medicines under names the vocabulary may not map ("topoisomerase I
# inhibitor" = irinotecan): an unrecognised item naming one of these is never taken as "not among the records"
_BROAD_MECHANISM = _rx(
    r"topoisomerase|antimetabol|microtubule|tubulin|kinase inhibitor|\btki|androgen|estrogen|oestrogen|hormon|endocrin|"
    r"chemo|cytotoxic|platin|antibod|immuno|biologic|bispecific|vaccine|cell (?:therapy|transfer)|radi|systemic|"
    r"anti-?cancer|anti-?neoplastic|investigational|experimental|study (?:drug|treatment)|steroid|any (?:other )?(?:drug|agent)")


def unrecorded_agent_rule(text: str, f: PatientFacts) -> Finding | None:
    """"Prior treatment with AZD9833", "… therapy directed against GPC3": a specific agent or target the vocabulary
    does not know. When every recorded medicine is of a known class and none is named or shares a target with
    the item, the patient has not had it; an untreated patient has had nothing."""
    if not _PRIOR_AGENT.search(text) or _BROAD_MECHANISM.search(text) or _ALLOWED.search(text) or _TIMING.search(text):
        return None
    if text.rstrip().endswith(":") or drug_classes(text) or target_agents(text):
        return None  # a list header, or an agent the treatment rule knows (and left undecided on purpose)
    if f.prior_systemic is False:
        return Finding("treatment", False, f.prior_systemic_evidence)
    drugs = f.treatment_classes.get("systemic therapy", [])
    if not drugs:
        return None
    classes = {c: v for c, v in f.treatment_classes.items() if c not in {"systemic therapy", "surgery", "radiotherapy"}}
    words = {w.lower() for c in classes for w in re.findall(r"[A-Za-z0-9]{3,}", c)} - {"inhibitor", "therapy", "agent",
                                                                                       "antibody", "chemotherapy"}
    low = text.lower()
    for n in drugs:
        if not any(n in v for v in classes.values()) or n.lower() in low:
            return None  # an unclassed medicine may be the named agent
    if any(re.search(rf"\b{re.escape(w)}", low) for w in words):
        return None
    return Finding("treatment", False, f"profile treatments: {', '.join(f.treatments)} — none is the agent named")


# "Washout periods: 4 weeks for chemotherapy …", "at least 14 days must have elapsed since …": a required interval
# since the last dose, met outright by a patient who never had the treatment
_WASHOUT = _rx(r"\bwash-?out\b|\bmust have elapsed\b|\bhave elapsed since\b|"
               r"\b(?:at least|≥|>=|minimum of)\s*\d+\s*(?:days?|weeks?|months?)\s+(?:must have (?:passed|elapsed)\s+)?"
               r"(?:since|from|after)\s+(?:the\s+)?(?:last|prior|previous|completion|end|final)")


def _washout(f: PatientFacts, classes: set[str], named: str) -> Finding:
    """Cleared (in either section) when the records hold no treatment of the kinds named; else the date is asked."""
    wanted = classes | (CHEMO_CLASSES if "chemotherapy" in classes else set())
    hits = sorted({n for c in wanted for n in f.treatment_classes.get(c, [])})
    if not f.treatments and f.prior_systemic is False:
        return Finding("treatment_washout", None, f.prior_systemic_evidence + " — no washout needed", fixed="met")
    if f.treatments and not hits and "systemic therapy" not in classes:
        return Finding("treatment_washout", None, f"profile treatments: {', '.join(f.treatments)} — none is {named}",
                       fixed="met")
    return Finding("treatment_washout", None, "profile: date of last treatment not recorded",
                   _q("treatment_timing", drugs=", ".join(hits or f.treatments) or named))


def _inner_absence(text: str) -> bool:
    """The item asks for absence in its own words ("patients who have not received …", "treatment-naive …"); a
    leading "No …" is not counted here, the criterion direction already reads it."""
    m = _ABSENCE_TREAT.search(text)
    return m is not None and (m.start() > 3 or not re.match(r"(?:no|not|without|never)\b", m.group(0), re.I))


def _none_given(text: str, f: PatientFacts, both: str, ev: str) -> Finding:
    """The records say no systemic therapy was given (at all, or for advanced disease when the item asks about
    that setting): no class the item names is present, and the line count is zero."""
    if _LINES.search(text):
        return _lines_finding(text, dataclasses.replace(f, max_lines=0), [], True, ev)
    inner_absence = _inner_absence(both)
    return Finding("treatment", inner_absence, ev)


# ---------------------------------------------------------------- disease course

_NEWLY = _rx(r"\bnewly[- ]diagnosed\b|\bnew diagnosis\b|\bfirst diagnosis\b")
_RECURRED_WORDS = _rx(r"\brecurr(?:ent|ence|ed)\b(?![- ]?(?:score|risk|free|rate))|\brelaps(?:ed|e|ing)\b(?![- ]free)|"
                      r"\brefractory\b|\bprogressive (?:disease|\w+ cancer|glioblastoma|glioma)\b")
# "recurrent or metastatic", "locally advanced or recurrent": a stage alternative, judged by the stage rule
_STAGE_ALTERNATIVE = _rx(
    r"(?:recurrent|relapsed|recurrence)\s*(?:,\s*)?(?:or|and/or|/|,)\s*(?:\w+\s+)?(?:locally\s+)?(?:advanced|metastatic|unresectable|persistent|inoperable)|"
    r"(?:advanced|metastatic|unresectable|persistent|inoperable)\s*(?:,\s*)?(?:or|and/or|/|,)\s*(?:\w+\s+)?(?:locally\s+)?(?:recurrent|relapsed|recurrence)"
)
_COURSE_SKIP = _rx(r"risk of (?:recurrence|relapse)|recurrence score|oncotype|recurrent (?:infection|pneumonia|thrombo|falls?|uti|"
                   r"pleural effusion|ascites|seizure)|(?:recurrence|relapse)[- ]free|\bafter (?:first |second )?(?:recurrence|relapse)|"
                   r"\bat (?:first |second )?(?:recurrence|relapse)|\bpreviously untreated\b|\btreatment[- ]na[iï]ve")
_EXHAUSTED = _rx(
    r"\bexhausted\b|\bno (?:(?:further|other|remaining|more|available|known|satisfactory|acceptable|approved)\s+){0,3}"
    r"(?:standard|established|effective|curative)(?: of care)? (?:\w+ )?"
    r"(?:treatments?|therap(?:y|ies)|options?|regimens?)\b|"
    r"\bstandard (?:\w+ ){0,3}?(?:is|are|was|were|has|have|does|do) (?:not|no longer|been) (?:available|exist|exists|effective|failed|appropriate)|"
    r"\b(?:not|no longer) (?:\w+ )?(?:candidates?|eligible|suitable|appropriate) for (?:\w+ )?(?:standard|established)|"
    r"\b(?:ineligible for|failed all|refractory to all|for (?:which|whom) (?:there is )?no) (?:available |prior )?(?:standard|established|effective)"
)


@text_memo
def course_requirement(text: str) -> str | None:
    """Patient-independent: 'newly' (newly diagnosed), 'recurred' (recurrent / relapsed / refractory), 'exhausted'
    (standard options used up) or None when the text sets no disease-course requirement."""
    if _EXHAUSTED.search(text):
        return "exhausted"
    if _COURSE_SKIP.search(text) or _OTHER_CANCER.search(text):
        return None
    newly, recurred = bool(_NEWLY.search(text)), bool(_RECURRED_WORDS.search(text))
    if newly == recurred:
        return None  # neither, or both admitted ("newly diagnosed or recurrent")
    if recurred and (_STAGE_ALTERNATIVE.search(text) or drug_classes(text) or marker_requirements(text)):
        # a stage alternative, refractory to a named treatment (the treatment rule's item), or the tumour a marker
        # must be tested on ("Recurrent tumor must be HER2-negative")
        return None
    return "newly" if newly else "recurred"


def course_rule(text: str, f: PatientFacts) -> Finding | None:
    """Newly diagnosed vs recurrent / relapsed / refractory, and standard options exhausted."""
    req = course_requirement(text)
    if req is None:
        return None
    if req == "exhausted":
        if f.exhausted is None:
            return Finding("standard_options", None, f.exhausted_evidence, _q("standard_options"))
        return Finding("standard_options", f.exhausted, f.exhausted_evidence)
    if not (_DISEASE_CUE.search(text) or cancer_keys(text)):
        return None
    if f.course is not None:
        recurred = f.course in RECURRED
        return Finding("disease_course", recurred if req == "recurred" else not recurred, f.course_evidence)
    if req == "recurred" and f.prior_systemic is False and re.search(r"relaps|refractory", text, re.I):
        return Finding("disease_course", False, f.prior_systemic_evidence + " — cannot have relapsed after or resisted treatment")
    return Finding("disease_course", None, f.course_evidence, _q("disease_course"))


# ---------------------------------------------------------------- things records rarely hold

_UNKNOWN_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    ("measurable_disease", _rx(r"measurable|\bRECIST\b|evaluable disease|\bRANO\b|\biwg\b|lugano")),
    ("other_malignancy", _OTHER_CANCER),
    ("labs", _rx(r"neutrophil|\bANC\b|platelet|h(?:a)?emoglobin|creatinine|bilirubin|\bAST\b|\bALT\b|transaminase|"
                 r"organ (?:and marrow )?function|marrow function|hepatic function|renal function|liver function|\bWBC\b|"
                 r"granulocyte|albumin|\bINR\b|clearance|\bULN\b|upper limit of normal|laborator|hematologic|haematologic|"
                 r"potassium|magnesium|calcium|glucose|hba1c|lipase|amylase|thyroid function|\bTSH\b|lymphocyte count")),
    ("heart", _rx(r"cardiac|heart|myocard|\bLVEF\b|ejection fraction|\bQTc?\b|arrhythm|angina|congestive|stroke|"
                  r"cardiovascular|hypertension|thrombo|embolism|bleeding|hemorrhag|vascular")),
    ("infection", _rx(r"\bHIV\b|hepatitis|\bHBV\b|\bHCV\b|infection|tuberculosis|covid|sars-cov")),
    ("immune", _rx(r"autoimmun|pneumonitis|interstitial lung|immunosuppress|corticosteroid|steroid|transplant|"
                   r"immunodeficien|inflammatory bowel|colitis")),
    ("life_expectancy", _rx(r"life expectancy")),
    ("tissue", _rx(r"tissue|biopsy|archiv|specimen|tumou?r sample|block")),
    ("allergy", _rx(r"hypersensitiv|allerg|intoleran")),
    ("investigational", _rx(r"investigational|another (?:clinical )?(?:trial|study)|study drug|other clinical")),
    ("swallow", _rx(r"swallow|oral medication|malabsorption|gastrointestinal (?:condition|disorder|disease)")),
    ("toxicity", _rx(r"toxicit|adverse event|CTCAE|neuropathy|resolved to")),
    ("psychiatric", _rx(r"psychiatric|mental|dementia|cognitive|substance|alcohol")),
    ("surgery_recent", _rx(r"surgery|surgical|operation")),
]


_PRIOR_TOXICITY = _rx(r"(?:prior|previous|earlier|preceding) (?:\w+ )?(?:therap|treatment|chemo|radiat|surgery)|"
                      r"\brecover(?:ed|y)? from\b")
_EITHER_MEASURABLE = _rx(r"\bmeasurable (?:and/or|or) (?:non-?|not )measurable\b|\bmeasurable or evaluable\b|"
                         r"with or without measurable|^\W*(?:(?:have|has|with|must have)\s+)?evaluable disease\W*$")


def unknown_topic_rule(text: str, f: PatientFacts) -> Finding | None:
    if _EITHER_MEASURABLE.search(text) and not re.search(r"\bonly\b|\bmust\b.*\bat least one\b", text, re.I):
        # any disease that scans can follow: present with metastatic or unresected advanced disease
        if f.metastatic or ((f.stage or 0) >= 3 and "surgery" not in f.treatment_classes):
            return Finding("measurable_disease", True, f"profile: stage {f.stage_label or 'IV'} disease"
                           " — measurable or non-measurable disease is admitted")
        return Finding("measurable_disease", None, "profile: whether disease remains on scans not recorded",
                       _q("measurable_disease"))
    for topic, rx in _UNKNOWN_TOPICS:
        if rx.search(text):
            ev = "profile: not recorded"
            if topic == "toxicity" and f.adverse_events:
                ev = "profile adverse events: " + ", ".join(f.adverse_events)
            if topic == "toxicity" and not f.treatments and f.prior_systemic is False and _PRIOR_TOXICITY.search(text):
                # "recovered from toxicities of prior therapy" / "unresolved toxicity from earlier treatment"
                return Finding(topic, None, f.prior_systemic_evidence + " — no earlier treatment to recover from",
                               fixed="met")
            return Finding(topic, None, ev, _q(topic))
    return None
