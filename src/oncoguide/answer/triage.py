"""Triage a patient's message before answering it.

Why: some messages must not get an ordinary answer first. Urgent symptoms need an "urgent care now" notice
before anything else; dose and start/stop questions are referred to the care team; cut-off or vague messages
get a clarification with likely readings instead of a guessed answer; off-topic and broken input get a
clear message. `assess_message` is a pure function: regexes with word boundaries over a normalised copy
of the text, sensible negation ("no fever"), and notice texts taken only from wording.yaml.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Literal, Protocol, runtime_checkable

from pydantic import BaseModel, ConfigDict

from oncoguide.wording import Wording, load_wording

# --------------------------------------------------------------------------------------------- models


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


ErrorCode = Literal["empty", "too_long", "binary", "not_text"]
# Matches the kinds of oncoguide.answer.model.Notice; crisis lines are "urgent", cut-off and vague are "clarification".
NoticeKind = Literal[
    "error", "urgent", "dose_request", "medication_change", "integrative", "off_topic", "clarification"
]


class TriageError(_Frozen):
    code: ErrorCode
    message: str


class Notice(_Frozen):
    kind: NoticeKind
    text: str
    options: tuple[str, ...] = ()  # readings to choose from (clarification notices)


class Triage(_Frozen):
    """What to do with a message before (or instead of) answering it."""

    text: str = ""  # normalised text (markup stripped, whitespace collapsed) for retrieval
    error: TriageError | None = None
    urgent: bool = False
    urgent_symptoms: tuple[str, ...] = ()  # symptom kinds, e.g. "chest pain"
    urgent_phrases: tuple[str, ...] = ()  # the words that matched, as written
    dose_request: bool = False
    medication_change_request: bool = False
    off_topic: bool = False
    integrative: bool = False
    integrative_terms: tuple[str, ...] = ()
    truncated: bool = False
    fragment: str | None = None  # the cut-off last word
    vague: bool = False
    # Likely readings of a cut-off or vague message, as whole questions a person can pick, and a short label
    # for each (the completed word, e.g. "neutropenia", or the kind of question, e.g. "Treatment").
    readings: tuple[str, ...] = ()
    reading_labels: tuple[str, ...] = ()
    notices: tuple[Notice, ...] = ()

    @property
    def needs_clarification(self) -> bool:
        return self.truncated or self.vague

    @property
    def should_answer(self) -> bool:
        """False when the reply should be the notices alone (error, off-topic, clarification needed)."""
        return not (self.error or self.off_topic or self.needs_clarification)


@runtime_checkable
class Vocabulary(Protocol):
    """Optional richer vocabulary: membership plus prefix completions (e.g. backed by the index)."""

    def __contains__(self, word: object) -> bool: ...

    def completions(self, prefix: str, limit: int) -> list[str]: ...


KnownWords = Callable[[str], bool] | frozenset[str] | Vocabulary | None

# ------------------------------------------------------------------------------------------- patterns


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Negative auxiliaries, spelled as people type them (text is normalised to straight apostrophes first).
_AUX = {
    "<CANT>": r"(?:can'?t|cannot|can\s+not|couldn'?t|could\s+not|unable\s+to)",
    "<DONT>": r"(?:don'?t|doesn'?t|didn'?t|do\s+not|does\s+not|did\s+not)",
    "<WONT>": r"(?:won'?t|will\s+not|doesn'?t|does\s+not|isn'?t|is\s+not)",
}


def _rx(pattern: str) -> re.Pattern[str]:
    for marker, alt in _AUX.items():
        pattern = pattern.replace(marker, alt)
    return re.compile(pattern, re.IGNORECASE)


# (symptom kind, pattern, needs context). Context = personal wording or cancer-treatment words: "Can lymphoma
# cause fever?" is a reading question, "I have a fever on chemo" is a report.
_URGENT: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    (
        "trouble breathing",
        _rx(
            r"\b(?:trouble|difficulty|difficulties|problems?|hard|struggling|struggle|labou?red)\s+(?:to\s+)?breath(?:e|ing)\b"
            r"|\b<CANT>\s+(?:catch\s+(?:my|his|her)\s+)?breathe?\b"
            r"|\bshort(?:ness)?\s+of\s+breath\b|\bgasping\b|\bbreathless\b|\bchoking\b"
        ),
        False,
    ),
    (
        "chest pain",
        _rx(
            r"\bchest\s+(?:pains?|tightness|pressure|hurts?|hurting|is\s+(?:tight|hurting))\b"
            r"|\bpains?\s+in\s+(?:my|the|his|her)\s+chest\b|\btight(?:ness)?\s+(?:in\s+)?(?:my\s+|the\s+)?chest\b"
            r"|\bheart\s+attack\b"
        ),
        False,
    ),
    (
        "fever during treatment",
        _rx(
            r"(?<!hay\s)\b(?:fever(?:s|ish)?|febrile|high\s+temp(?:erature)?|temp(?:erature)?\s+(?:of|is|was|at|reading)\s+"
            r"(?:3[89]|4[0-2]|10[0-6])(?:[.,]\d)?)\b"
            r"|\b(?:3[89]|4[0-2])(?:[.,]\d)?\s*(?:°\s*c|c\b|degrees?\s+c|degrees\b)|\b10[0-6](?:[.,]\d)?\s*(?:°\s*f|f\b|degrees)"
            r"|\bburning\s+up\b|\b(?:3[89]|4[01])[.,]\d\b|\b10[0-5][.,]\d\b|\bchills\s+and\s+(?:shaking|shivering)\b"
        ),
        True,
    ),
    (
        "possible blood clot",
        _rx(
            r"\b(?:leg|calf|thigh|arm)\b[^.?!]{0,30}\b(?:swollen|swelling|puffy)\b[^.?!]{0,30}\b(?:red|painful|warm|hot|hurts?|tender)\b"
            r"|\b(?:red|painful|warm|hot|tender)\b[^.?!]{0,20}\b(?:swollen|swelling)\s+(?:leg|calf|thigh|arm)\b"
        ),
        True,
    ),
    (
        "confusion",
        _rx(
            r"(?:\b(?:sudden(?:ly)?|severely|new|acute|increasing(?:ly)?)\s+confus(?:ed|ion)"
            r"|\bconfus(?:ed|ion)\s+and\s+(?:drowsy|sleepy|dizzy|disoriented|agitated|weak|<CANT>)"
            r"|\b(?:he|she|they|he's|she's|hes|shes|they're|mom|dad|mother|father|husband|wife|partner|son|daughter|grandma|"
            r"grandpa|grandmother|grandfather|patient|child|kid)\s+(?:is|seems|was|became|becomes|got|gets|getting|"
            r"has\s+been|keeps\s+getting|is\s+getting|seems\s+to\s+be)\s+(?:very\s+|really\s+|so\s+|more\s+|"
            r"increasingly\s+)?confused"
            r"|\b(?:having|have|has)\s+(?:new\s+|sudden\s+)?confusion"
            r"|\b(?:he's|she's|hes|shes)\s+(?:very\s+|really\s+|so\s+|all\s+)?confused)\b"
            r"(?!\s+(?:about|by|over|with|as\s+to|regarding|whether|why|what|how|which|if|when|between|on|because))"
            r"|\bdisoriented\b|\bdelirious\b|\b<DONT>\s+know\s+where\s+(?:he|she|they|i)\s+(?:is|are|am)\b"
            r"|\b<DONT>\s+recogni[sz]e\s+(?:me|us|anyone|anybody)\b"
        ),
        False,
    ),
    (
        "severe bleeding",
        _rx(
            r"\b(?:severe|heavy|heavily|lots?\s+of|a\s+lot\s+of|uncontroll?ed|uncontrollable|massive|nonstop|non-stop)\s+bleed(?:ing|s)?\b"
            r"|\bbleed(?:ing|s)?\s+(?:heavily|a\s+lot|badly|nonstop|everywhere|like\s+crazy)\b"
            r"|\bbleed(?:ing|s)?\s+(?:that\s+)?<WONT>\s+stop"
            r"|\b<CANT>\s+stop\s+(?:the\s+)?bleeding\b"
            r"|\b(?:coughing|cough|coughed|vomiting|vomited|throwing|threw|puking|spitting)\s+up\s+blood\b"
            r"|\b(?:vomiting|vomited|coughing|coughed)\s+blood\b|\bblood\s+in\s+(?:my\s+|his\s+|her\s+)?vomit\b"
        ),
        False,
    ),
    (
        "fainting",
        _rx(
            r"\b(?:faint(?:ed|ing|s)?|pass(?:ed|ing|es)?\s+out|black(?:ed|ing)?\s+out|lost\s+consciousness"
            r"|losing\s+consciousness|unconscious|unresponsive|collapsed|<CANT>\s+wake\s+(?:him|her|them)(?:\s+up)?)\b"
        ),
        False,
    ),
    (
        "signs of stroke",
        _rx(
            r"\b(?:having|had|has|signs?\s+of|symptoms?\s+of)\s+(?:a\s+)?stroke\b|\bface\s+(?:is\s+)?droop\w*"
            r"|\bdrooping\s+(?:face|mouth|eyelid)\b|\bslurred\s+speech\b|\bslurring\b"
            r"|\bsudden(?:ly)?\s+(?:numb\w*|weak\w*|<CANT>\s+(?:speak|talk|see)|trouble\s+(?:speaking|talking|seeing|walking)"
            r"|loss\s+of\s+(?:vision|balance)|severe\s+headache|worst\s+headache)"
            r"|\bweak(?:ness)?\s+on\s+one\s+side\b|\bnumb(?:ness)?\s+on\s+one\s+side\b|\bworst\s+headache\b"
        ),
        False,
    ),
    (
        "seizure",
        _rx(
            r"\b(?:having|had|have|has|having\s+a)\s+(?:a\s+)?(?:seizures?|fits?|convulsions?)\b|\bseizing\b|\bconvulsing\b"
        ),
        False,
    ),
    (
        "severe allergic reaction",
        _rx(
            r"\banaphyla\w*|\b(?:throat|tongue|lips?|face)\s+(?:is\s+|are\s+|feels\s+)?(?:swelling|swollen|closing)"
            r"|\bswelling\s+(?:of|in)\s+(?:my|his|her|the)\s+(?:throat|tongue|lips?|face)\b"
        ),
        False,
    ),
    (
        "sudden weakness or numbness in the legs",
        _rx(
            r"\b<CANT>\s+(?:move|feel|stand\s+on)\s+(?:my|his|her)\s+legs\b"
            r"|\blost\s+control\s+of\s+(?:my\s+|his\s+|her\s+)?(?:bladder|bowels?)\b"
        ),
        False,
    ),
    (
        "suicidal thoughts",
        _rx(
            r"\bsuicid\w*|\bkill(?:ing)?\s+myself\b|\bend(?:ing)?\s+(?:my\s+(?:own\s+)?life|it\s+all)\b"
            r"|\b(?:want|wanna|wanted)\s+(?:to\s+)?die\b|\b(?:don['’]?t|do\s+not)\s+want\s+to\s+(?:live|be\s+alive|wake\s+up)\b"
            r"|\bno\s+(?:reason|point)\s+(?:to|in)\s+(?:live|living|going\s+on)\b|\bbetter\s+off\s+dead\b"
            r"|\bself[-\s]?harm\w*|\bhurt(?:ing)?\s+myself\b|\btake\s+my\s+(?:own\s+)?life\b"
        ),
        False,
    ),
)
CRISIS = "suicidal thoughts"

# Words that negate a symptom when they come shortly before it in the same clause ("no fever", "never fainted").
_NEGATOR = _rx(
    r"\b(?:no|not|never|without|denies|deny|denied|none|nor|free\s+of|absence\s+of|negative\s+for)\b|n['’]t\b"
)
# Phrases that look negative but are not ("can't stop bleeding", "not sure if I fainted").
_NEG_EXCEPTIONS = _rx(
    r"\b(?:can|could|won|wouldn|doesn|didn|don|isn)['’]t\s+stop\b|\bnot\s+sure\b|\b(?:don|doesn|didn)['’]t\s+know\b"
    r"|\bno\s+(?:idea|clue)\b|\bcannot\s+stop\b|\bno\s+one\b|\bnot\s+only\b"
)
_CLAUSE_BREAK = _rx(r"[.;:!?,]|\b(?:but|though|although|however|except|yet|and\s+now|now)\b")

_PERSONAL = _rx(
    r"\b(?:i|i'm|im|i've|ive|i'd|me|my|we|we're|our|he|she|he's|she's|his|her|him|they're)\b|\bi['’]m\b|\bi['’]ve\b"
)
_TREATMENT_CONTEXT = _rx(
    r"\b(?:chemo\w*|treatment|treatments|infusions?|immunotherapy|radiation|transplant|neutropeni\w*|"
    r"low\s+(?:white|blood)\s+(?:cell|count)\w*|white\s+(?:blood\s+)?(?:cell\s+)?count|port|picc|steroids?|"
    r"targeted\s+therapy|stem\s+cell)\b"
)

# --- doses
_UNIT = r"(?:mg|mgs|mcg|µg|μg|milligrams?|micrograms?|ml|cc|iu|units?|grams?|g)"
_NUM_UNIT = r"\d+(?:[.,]\d+)?\s*" + _UNIT + r"\b"
_DOSE: tuple[re.Pattern[str], ...] = (
    _rx(
        r"\b(?:what|which)(?:['’]s|\s+is|\s+are|\s+should\s+be|\s+would\s+be)?\s+(?:the\s+|my\s+|a\s+|his\s+|her\s+)?"
        r"(?:right\s+|correct\s+|proper\s+|usual\s+|normal\s+|recommended\s+|standard\s+|safe\s+|max(?:imum)?\s+|"
        r"min(?:imum)?\s+|starting\s+|daily\s+|typical\s+|best\s+)?(?:doses?|dosage|dosing)\b(?![-\w])"
    ),
    _rx(
        r"\bhow\s+(?:much|many)\s+(?:\S+\s+){0,4}?(?:should|can|could|do|may|must|would|to|shall)\s+"
        r"(?:i|we|he|she|they|you|my\s+\w+)?\s*(?:safely\s+)?(?:take|give|use|inject|swallow|be\s+taking|be\s+given)\b"
    ),
    _rx(
        r"\bhow\s+(?:much|many)\s+(?:\S+\s+){0,3}?(?:is|are)\s+(?:safe|too\s+much|too\s+many|ok(?:ay)?|enough|allowed)\b"
    ),
    _rx(
        r"\bhow\s+many\s+(?:mg|mgs|milligrams?|micrograms?|mcg|pills?|tablets?|tabs|capsules?|caps|doses?|units?|"
        r"puffs?|drops?|ml|shots|injections|patches|teaspoons?|tablespoons?)\b"
    ),
    _rx(r"\bhow\s+often\s+(?:should|can|do|may|must)\s+(?:i|we|he|she|they|you)\s+(?:take|give|use)\b"),
    _rx(
        r"\b(?:right|correct|safe|max(?:imum)?|recommended|usual|normal|standard|starting|lethal)\s+"
        r"(?:doses?|dosage|dosing|amount\s+of\s+\w+\s+to\s+take)\b"
    ),
    _rx(r"\b(?:tell|give|show)\s+me\s+(?:the\s+|a\s+)?(?:doses?|dosage|dosing)\b(?![-\w])"),
    _rx(r"\b(?:double|triple|halve)\s+(?:my|the|a|his|her)\s+(?:doses?|dosage)\b"),
    _rx(
        r"\b(?:should|can|could|may|is\s+it\s+(?:ok|okay|safe|fine)\s+to)\s+(?:i|we|he|she|they|you)?\s*"
        r"(?:take|give|use|try|go\s+up\s+to|increase\s+to|have)\s+(?:up\s+to\s+)?" + _NUM_UNIT
    ),
    _rx(r"\b(?:is|are)\s+" + _NUM_UNIT),
    _rx(
        _NUM_UNIT
        + r"(?:\s+(?:of\s+)?\w+){0,3}\s+(?:too\s+much|too\s+many|safe|ok(?:ay)?|enough|too\s+high|too\s+low)\b"
    ),
)

# --- medication / treatment changes
_CHANGE_VERBS = _words(
    """
    stop stopping quit quitting skip skipping start starting switch switching change changing increase
    increasing decrease decreasing reduce reducing lower lowering raise raising double doubling halve
    halving taper tapering discontinue discontinuing pause pausing hold holding restart restarting
    resume resuming refuse refusing delay delaying postpone postponing replace replacing drop dropping
    keep continue continuing take taking try trying use using mix mixing combine combining
    """
)
_PAST_CHANGE_VERBS = _words("stopped quit skipped missed doubled halved forgot switched reduced increased")
_CUES = _rx(
    r"\b(?:should|shall|can|could|may|must|ok|okay|safe|alright|allowed|fine|want|wanna|wanting|thinking|planning|plan|"
    r"going|gonna|decided|decide|deciding|need|needs|have\s+to|has\s+to|what\s+if|tempted|considering|would\s+it|"
    r"is\s+it|instead)\b"
)
_FIRST_PERSON = _rx(r"\b(?:i|we|he|she|i['’]ve|we['’]ve)\b")
_DETERMINERS = _words(
    """
    my the his her their our this that these those all any some a an more less extra another next
    tonight's today's daily taking using on off with of up down back from to generic brand
    """
)
_STOP_PREPS = _words("after before during while for in at when if because so than or and")
_MED_NOUNS = _words(
    """
    med meds medication medications medicine medicines pill pills tablet tablets capsule capsules drug
    drugs prescription prescriptions chemo chemotherapy radiation radiotherapy immunotherapy treatment
    treatments therapy infusion infusions injection injections shot shots dose doses dosage steroid
    steroids antibiotic antibiotics painkiller painkillers opioid opioids hormone hormones patch patches
    inhaler insulin thinner thinners antidepressant antidepressants supplement supplements vitamins
    """
)
_DRUG_NAMES = _words(
    """
    tylenol advil motrin aspirin ibuprofen acetaminophen paracetamol aleve naproxen keytruda
    pembrolizumab opdivo nivolumab herceptin trastuzumab tamoxifen letrozole anastrozole exemestane
    arimidex femara aromasin lupron leuprolide xeloda capecitabine gleevec imatinib revlimid
    lenalidomide prednisone prednisolone dexamethasone decadron metformin warfarin coumadin eliquis
    apixaban xarelto heparin lovenox morphine oxycodone hydrocodone fentanyl tramadol zofran ondansetron
    compazine prochlorperazine ativan lorazepam neupogen filgrastim neulasta pegfilgrastim ibrance
    palbociclib verzenio abemaciclib kisqali ribociclib tagrisso osimertinib lynparza olaparib zytiga
    abiraterone xtandi enzalutamide casodex bicalutamide avastin bevacizumab folfox folfiri cisplatin
    carboplatin paclitaxel docetaxel taxol doxorubicin cyclophosphamide methotrexate gabapentin lyrica
    zoloft sertraline prozac fluoxetine lexapro marinol dronabinol megace
    """
)
_DRUG_SUFFIX = _rx(
    r"^[a-z]{3,}(?:mab|nib|platin|taxel|rubicin|mycin|cycline|oxifen|trozole|prazole|statin|pril|sartan|olol|azepam|"
    r"cillin|parin|farin|formin|codone|phine|pentin|xaban|relin|lutamide|tinib|ciclib|parib|asone|isolone)$"
)
_INSTEAD = _rx(
    r"\binstead\s+of\s+(?:(?:my|the|his|her|doing|getting|having|taking)\s+)?(?:\w+\s+){0,1}"
    r"(?:chemo\w*|treatment|radiation|surgery|immunotherapy|medicines?|medications?|meds|therapy)\b"
)
_RESTART_NEED = _rx(
    r"\b(?:do|does|must)\s+(?:i|he|she|we)\s+(?:really\s+)?(?:need|have)\s+to\s+(?:keep\s+)?(?:taking|take|have|do|get|finish|continue)\b"
)

# --- integrative medicine / off-label
_INTEGRATIVE = _rx(
    r"\b(?:supplements?|dietary\s+supplements?|vitamins?(?:\s+[a-e]\d?)?|herbs?|herbal\w*|botanicals?|cannabis|"
    r"marijuana|weed|cbd|thc|cannabinoids?|hemp|keto(?:genic)?(?:\s+diet)?|alkaline\s+diet|macrobiotic|gerson|"
    r"juic(?:e|ing)\s+(?:cleanse|fast|diet)|fasting|intermittent\s+fasting|detox\w*|acupuncture|acupressure|"
    r"massage|reiki|homeopath\w*|naturopath\w*|ayurved\w*|traditional\s+chinese\s+medicine|chinese\s+herbs?|"
    r"natural\s+(?:cures?|remed(?:y|ies)|treatments?|medicine|therapies|therapy|ways?)|alternative\s+(?:medicine|"
    r"treatments?|therapy|therapies|cures?)|complementary|integrative|cam|turmeric|curcumin|mistletoe|essiac|"
    r"laetrile|amygdalin|apricot\s+(?:seeds?|kernels?)|ivermectin|fenbendazole|mebendazole|essential\s+oils?|"
    r"probiotics?|melatonin|green\s+tea\s+extract|mushrooms?|turkey\s+tail|reishi|shark\s+cartilage|antioxidants?|"
    r"high[-\s]dose\s+vitamin\s+c|hydrazine|cesium|chelation|ozone\s+therapy|hyperbaric|off[-\s]?labels?|"
    r"repurposed\s+drugs?|ginseng|ginger|garlic\s+supplements?|echinacea|st\.?\s+john['’]?s\s+wort|selenium|"
    r"coenzyme\s+q10|coq10|omega[-\s]?3s?|fish\s+oil|yoga|tai\s+chi|qigong|meditation|hypnosis|aromatherapy)\b"
)
# Everyday senses of these words ("weed the garden", "a yoga class") need a health context to count.
_AMBIGUOUS_INTEGRATIVE = _words(
    "cam weed massage yoga meditation mushroom mushrooms fasting ginger garlic herbs herb tai chi"
)

# --- topic detection
_HEALTH = _rx(
    r"\b(?:cancers?|tumou?rs?|oncolog\w*|chemo\w*|radiation|radiotherapy|immunotherapy|surgery|surgeon|biopsy|biopsies|"
    r"scans?|mri|ct|pet|x-?rays?|ultrasound|doctors?|nurses?|hospital|clinic|care\s+team|physician|pharmacist|"
    r"symptoms?|side\s+effects?|pain|painful|ache|aches|nausea|vomit\w*|fatigue|tired|fever|sick|illness|ill|disease|"
    r"diagnos\w*|treat\w*|therap\w*|medic\w*|drugs?|pills?|doses?|stage|staging|metasta\w*|spread|remission|relapse|"
    r"recur\w*|survival|prognosis|outlook|screening|mammogram\w*|colonoscop\w*|pap|hpv|genes?|genetic\w*|brca\d?|"
    r"mutations?|trials?|hospice|palliative|lump|lumps|blood|bleed\w*|breath\w*|cough\w*|health|healthy|body|"
    r"breast|lungs?|colon|rectal|rectum|prostate|skin|liver|bones?|brain|kidneys?|bladder|ovar\w*|uter\w*|cervi\w*|"
    r"pancrea\w*|stomach|thyroid|leuka?emia|lymphoma|myeloma|melanoma|sarcoma|carcinoma|nodes?|cells?|"
    r"diet|nutrition|appetite|weight|eat|eating|foods?|hair|nails|mouth|sores?|rash|infection\w*|immune|vaccines?|"
    r"fertility|pregnan\w*|sex|sexual|depress\w*|anxiety|anxious|cope|coping|caregiver\w*|insurance|survivor\w*|"
    r"smok\w*|tobacco|alcohol|sun|sunscreen|hormon\w*|surviv\w*|dying|death|die|grief|support\s+groups?|neutrop\w*|neutrophil\w*|"
    r"anemi\w*|platelets?|transfusion\w*|catheter|port|incision|scar|lymph\w*|swelling|swollen|numb\w*|neuropath\w*)\b"
)
_MEDICAL_SUFFIX = _rx(
    r"\b[a-z]{3,}(?:oma|omas|emia|aemia|itis|osis|ectomy|otomy|ostomy|ology|ologist|penia|pathy|plasia|plastic|"
    r"plasm|cyte|cytes|genic|therapy|scopy|gram|graphy|mab|nib|platin|taxel)\b"
)
_OFF_TOPIC = _rx(
    r"\b(?:weather|forecast|rain(?:ing)?\s+(?:today|tomorrow)|sunny|temperature\s+outside|football|soccer|basketball|"
    r"baseball|nba|nfl|nhl|mlb|world\s+cup|super\s+bowl|olympics|who\s+won|match\s+score|score\s+of\s+the|lottery|"
    r"python|javascript|typescript|java|c\+\+|rust\s+code|code|coding|compile\w*|programming|function|sql|regex|"
    r"html|css|api|github|bug\s+in\s+my|stack\s+trace|recipes?|bake|baking|cookies|cake|pasta|pizza|"
    r"stocks?|bitcoin|crypto\w*|invest\w*|mortgage|tax\s+return|flights?|hotels?|vacation|movies?|films?|songs?|"
    r"lyrics|netflix|tv\s+show|video\s+games?|capital\s+of|president\s+of|translate|poem|essay|story\s+about|"
    r"jokes?|horoscope|car\s+(?:repair|engine)|oil\s+change|homework|equation)\b"
)

# --- vagueness
_STOPWORDS = _words(
    """
    a an the and or but if of to in on at for from by with about as into than then so too very just also
    it its it's this that these those there here is are was were be been being am do does did doing have
    has had having i i'm im i've me my we our you your he she his her they them their what whats what's
    which who whom whose when where why how can could should would will shall may might must not no yes
    ok okay please pls plz thanks thank hi hello hey dear help tell know info information question
    questions explain explained anything something stuff thing things more else again now next then well
    really much many any some all lot lots get got go going want need like mean means meaning say said
    bad good serious normal worse better right wrong true possible sure wonder wondering guess think
    thought let us up out one okay oh hmm um uh
    """
)
_GENERIC = _words("cancer cancers tumor tumors tumour tumours disease illness condition diagnosis")
_QUESTION_WORDS = _words(
    "what whats what's how why when where which who is are can could does do did should will would"
)
# Everyday words a medical vocabulary may lack but people type at the end of a question.
_EVERYDAY = _words(
    """
    mom mum dad son kid kids wife hubby husband partner sister brother aunt uncle friend today tonight
    yet ok
    """
)
_INFLECTIONS = ("s", "es", "d", "ed", "ing")
_WORD_RE = re.compile(r"[a-z]+(?:['’][a-z]+)?")

_SCRIPT_RE = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]{0,500}>")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)

# ------------------------------------------------------------------------------------------- helpers


def _normalise(text: str) -> str:
    """NFKC, markup and invisible characters removed, curly quotes straightened, whitespace collapsed."""
    t = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    t = _SCRIPT_RE.sub(" ", t)
    t = _TAG_RE.sub(" ", t)
    t = html.unescape(t)
    t = t.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    t = "".join(ch if ch in "\t\n\r" or unicodedata.category(ch)[0] != "C" else " " for ch in t)
    return " ".join(t.split())


def _input_error(text: object, max_chars: int, w: Wording) -> TriageError | None:
    """Why the message cannot be read as a question, if it cannot."""
    if not isinstance(text, str):
        if isinstance(text, (bytes, bytearray, memoryview)):
            return TriageError(code="binary", message=w.errors.binary)
        return TriageError(code="not_text", message=w.errors.not_text)
    if not text.translate(_INVISIBLE).strip():
        return TriageError(code="empty", message=w.errors.empty)
    if len(text) > max_chars:
        return TriageError(code="too_long", message=w.errors.too_long.format(max_chars=max_chars))
    bad = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if ch == "\x00" or cat == "Cs":
            return TriageError(code="binary", message=w.errors.binary)
        if (cat == "Cc" and ch not in "\t\n\r") or ch == "\ufffd" or cat == "Co":
            bad += 1
    if bad >= 3 or bad > 0.05 * len(text):
        return TriageError(code="binary", message=w.errors.binary)
    return None


def _negated(text: str, start: int) -> bool:
    """A negator shortly before `start`, inside the same clause ("no fever", "haven't fainted")."""
    window = text[max(0, start - 60) : start]
    breaks = list(_CLAUSE_BREAK.finditer(window))
    if breaks:
        window = window[breaks[-1].end() :]
    window = " ".join(window.split()[-5:])
    window = _NEG_EXCEPTIONS.sub(" ", window)
    return bool(_NEGATOR.search(window))


def _find_urgent(text: str) -> tuple[list[str], list[str]]:
    kinds: list[str] = []
    phrases: list[str] = []
    context = bool(_PERSONAL.search(text) or _TREATMENT_CONTEXT.search(text))
    for kind, rx, needs_context in _URGENT:
        if needs_context and not context:
            continue
        for m in rx.finditer(text):
            if not _negated(text, m.start()):
                if kind not in kinds:
                    kinds.append(kind)
                phrases.append(m.group(0))
                break
    return kinds, phrases


def _is_med(token: str) -> bool:
    return token in _MED_NOUNS or token in _DRUG_NAMES or bool(_DRUG_SUFFIX.match(token))


def _medication_change(text: str) -> bool:
    """A change verb with a cue before it ("should I", "is it ok to") and a medicine as its object."""
    low = text.lower()
    if _INSTEAD.search(low) or _RESTART_NEED.search(low):
        return True
    words = [(m.group(0), m.start()) for m in _WORD_RE.finditer(low)]
    for i, (tok, pos) in enumerate(words):
        if tok in _CHANGE_VERBS:
            before = low[max(0, pos - 50) : pos]
            clause = re.split(
                r"[.;!?,]|\b(?:when|while|before|after|during|since|until|once|because)\b", before
            )[-1]
            if not _CUES.search(clause):
                continue
        elif tok in _PAST_CHANGE_VERBS:
            prev = [t for t, _ in words[max(0, i - 3) : i]]
            if not any(_FIRST_PERSON.fullmatch(t) for t in prev):
                continue
        else:
            continue
        free = 0
        for nxt, _ in words[i + 1 : i + 7]:
            if _is_med(nxt):
                return True
            if nxt in _STOP_PREPS:
                break
            if nxt in _DETERMINERS:
                continue
            free += 1
            if free > 2:
                break
    return False


def _tokens(text: str) -> list[str]:
    return _WORD_RE.findall(text.lower())


def _membership(known: KnownWords) -> Callable[[str], bool] | None:
    if known is None:
        return None
    if isinstance(known, (frozenset, set, Vocabulary)):
        return known.__contains__
    return known


@functools.lru_cache(maxsize=4)
def _sorted_vocab(vocab: frozenset[str]) -> tuple[str, ...]:
    """Sorted once per vocabulary object, so prefix lookups are a binary search."""
    return tuple(sorted(w for w in vocab if w.isalpha()))


def _completions(prefix: str, known: KnownWords, limit: int) -> list[str]:
    """Known words starting with `prefix`, medical-looking and shorter first, plural twins folded."""
    if isinstance(known, Vocabulary):
        return list(known.completions(prefix, limit))
    if not isinstance(known, (frozenset, set)):
        return []
    words = _sorted_vocab(frozenset(known))
    lo = bisect.bisect_left(words, prefix)
    hi = bisect.bisect_left(words, prefix + "\uffff")
    vocab = frozenset(words)
    cands = [w for w in words[lo:hi] if w != prefix]
    cset = set(cands)
    cands = [w for w in cands if not _inflection_of(w, cset)]

    def rank(w: str) -> tuple[int, int, int, str]:
        medical = bool(
            _MEDICAL_SUFFIX.search(w) or _HEALTH.fullmatch(w) or _is_med(w) or w.endswith(("phil", "phils"))
        )
        # Real words tend to occur in several forms; one-off strings (broken hyphenation, typos) do not.
        family = any(f in vocab for f in _forms(w))
        return (0 if medical else 1, 0 if family else 1, len(w), w)

    return sorted(cands, key=rank)[:limit]


def _forms(w: str) -> list[str]:
    out = [w + s for s in ("s", "es", "ed", "ing", "al", "ic", "ally")]
    if w.endswith("y"):
        out += [w[:-1] + "ies", w[:-1] + "ied"]
    if w.endswith("ia"):
        out.append(w[:-1] + "c")
    if w.endswith("e"):
        out += [w + "d", w[:-1] + "ing"]
    return out


def _inflection_of(w: str, cset: set[str]) -> bool:
    """True for "treated" when "treat" is also offered, or "chemotherapya" next to "chemotherapy"."""
    bases = [w[:-1], w[:-2], w[:-3]] if len(w) > 4 else []
    if w.endswith("ies"):
        bases.append(w[:-3] + "y")
    if w.endswith("ing"):
        bases.append(w[:-3] + "e")
    return any(b in cset and w in _forms(b) + [b + w[-1]] for b in bases if b)


def _truncation(text: str, known: KnownWords, limit: int) -> tuple[str, list[str]] | None:
    """(fragment, completions) when the message ends mid-word: an unknown last word that starts known words."""
    is_known = _membership(known)
    if is_known is None or not text or not text[-1].isalpha():
        return None
    m = re.search(r"([A-Za-z]+)$", text)
    if not m or (m.start() > 0 and text[m.start() - 1] in "-'’"):
        return None
    frag = m.group(1).lower()
    if len(frag) < 2 or frag in _STOPWORDS or frag in _EVERYDAY or is_known(frag):
        return None
    if any(is_known(frag + suffix) for suffix in _INFLECTIONS):
        return (
            None  # "ache" (aches), "die" (died), "real" (really): a word the vocabulary has in another form
        )
    comps = _completions(frag, known, limit)
    if isinstance(known, (frozenset, set, Vocabulary)) and not comps:
        return None  # a typo or a rare word, not a prefix of anything we know
    return frag, comps


def _topic(tokens: list[str]) -> str:
    content = [t for t in tokens if t not in _STOPWORDS]
    return " ".join(content[:4])


def _topic_readings(topic: str, w: Wording) -> list[tuple[str, str]]:
    toks = topic.split()
    intents = (
        w.clarification.reading_intents_treatment
        if toks and _is_med(toks[-1])
        else w.clarification.reading_intents_condition
    )
    return [(w.for_intent(i).label, w.for_intent(i).question_template.format(topic=topic)) for i in intents]


# ------------------------------------------------------------------------------------------- main


def assess_message(
    text: str,
    known_words: KnownWords = None,
    max_chars: int = 2000,
    *,
    wording: Wording | None = None,
    max_readings: int = 5,
) -> Triage:
    """Flags and notices for one message, urgent notices first; pure and safe on any input.

    `known_words` is the corpus vocabulary (lowercase words) or a membership test; without it, cut-off
    messages cannot be told from typos, so truncation is not reported.
    """
    w = wording or load_wording()
    err = _input_error(text, max_chars, w)
    if err is not None:
        return Triage(error=err, notices=(Notice(kind="error", text=err.message),))

    clean = _normalise(text)
    if not clean:  # only markup or invisible characters
        err = TriageError(code="empty", message=w.errors.empty)
        return Triage(error=err, notices=(Notice(kind="error", text=err.message),))
    low = clean.lower()
    tokens = _tokens(low)

    kinds, phrases = _find_urgent(low)
    dose = any(rx.search(low) for rx in _DOSE)
    change = _medication_change(low)
    integ_terms = tuple(dict.fromkeys(m.group(0) for m in _INTEGRATIVE.finditer(low)))
    # "cam" and "weed" alone are too ambiguous unless the message is about health.
    health = bool(_HEALTH.search(low) or _MEDICAL_SUFFIX.search(low) or any(_is_med(t) for t in tokens))
    if not health:
        integ_terms = tuple(t for t in integ_terms if t not in _AMBIGUOUS_INTEGRATIVE)
    integ = bool(integ_terms)
    on_topic = health or bool(kinds) or dose or change or integ
    off_topic = not on_topic and bool(_OFF_TOPIC.search(low))

    readings: list[tuple[str, str]] = []  # (label, question)
    trunc = None if off_topic else _truncation(clean, known_words, max_readings)
    fragment: str | None = None
    if trunc:
        fragment, comps = trunc
        head = clean[: len(clean) - len(fragment)]
        readings = [(c, head + c) for c in comps]

    vague = False
    if not trunc and not off_topic and not kinds:
        content = [t for t in tokens if t not in _STOPWORDS]
        has_q = any(t in _QUESTION_WORDS for t in tokens)
        vague = (
            not content
            or (len(tokens) <= 2 and not has_q)
            or (set(content) <= _GENERIC and not has_q and len(tokens) <= 4)
        )
        if vague:
            topic = _topic(tokens)
            readings = (
                _topic_readings(topic, w) if topic else [(q, q) for q in w.clarification.vague_examples]
            )[:max_readings]

    options = tuple(q for _, q in readings)
    notices: list[Notice] = []
    if CRISIS in kinds:
        notices.append(Notice(kind="urgent", text=w.notices.crisis))
    if any(k != CRISIS for k in kinds):
        notices.append(Notice(kind="urgent", text=w.notices.urgent_care))
    if dose:
        notices.append(Notice(kind="dose_request", text=w.notices.dose_request))
    if change:
        notices.append(Notice(kind="medication_change", text=w.notices.medication_change))
    if integ:
        notices.append(Notice(kind="integrative", text=w.notices.integrative_caution))
    if off_topic:
        notices.append(Notice(kind="off_topic", text=w.notices.out_of_scope))
    if trunc:
        msg = (
            w.clarification.truncated.format(fragment=fragment)
            if readings
            else w.clarification.truncated_no_readings
        )
        notices.append(Notice(kind="clarification", text=msg, options=options))
    if vague:
        notices.append(Notice(kind="clarification", text=w.clarification.vague, options=options))

    return Triage(
        text=clean,
        urgent=bool(kinds),
        urgent_symptoms=tuple(kinds),
        urgent_phrases=tuple(phrases),
        dose_request=dose,
        medication_change_request=change,
        off_topic=off_topic,
        integrative=integ,
        integrative_terms=integ_terms,
        truncated=bool(trunc),
        fragment=fragment,
        vague=vague,
        readings=options,
        reading_labels=tuple(label for label, _ in readings),
        notices=tuple(notices),
    )


def vocabulary_from_texts(texts: Iterable[str]) -> frozenset[str]:
    """Lowercase alphabetic words of some texts: a small vocabulary for tests or tools without an index."""
    return frozenset(m.group(0) for t in texts for m in re.finditer(r"[a-z]+", t.lower()))
