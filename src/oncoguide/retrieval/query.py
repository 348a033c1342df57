"""Query understanding: what the question asks about (intent) and what it is about (focus, markers, drugs).

Pure functions over the question text. The intent decides which kind of page section answers best
(e.g. stage questions favour staging sections, risk questions favour prevention pages) and which
"questions to ask your care team" are shown; the focus is the disease or topic the page title should name.
"""

from __future__ import annotations

import re

from pydantic import BaseModel, Field

from oncoguide.retrieval.drugs import generic_names

# Intent -> patterns over the lower-cased question. Order matters only for the primary intent on ties.
INTENT_PATTERNS: dict[str, list[str]] = {
    "trials": [r"\bclinical trials?\b", r"\btrials?\b", r"\bresearch\b", r"\bstud(y|ies)\b.*\b(join|new|being done)"],
    "integrative": [
        r"\b(supplements?|herbs?|herbal|vitamins?|cannabis|marijuana|cbd|acupuncture|homeopath\w*|naturopath\w*|"
        r"diets?|turmeric|curcumin|mistletoe|mushrooms?|essiac|laetrile|integrative|alternative|complementary|cam|"
        r"natural (cures?|remed\w*|treatments?)|off[- ]?labels?|offlabels?|repurpos\w*)\b",
    ],
    "side_effects": [r"\bside[- ]effects?\b", r"\btoxicit", r"\bneuropath", r"\bnausea\b", r"\bhair loss\b",
                     r"\bneutropeni", r"\bfatigue\b", r"\bafter effects?\b", r"\blate effects?\b", r"\bfever",
                     r"\binfection", r"\bchills\b", r"\bvomit", r"\bdiarrh", r"\bmouth sores?\b", r"\bneuropathy\b"],
    "prevention": [r"\bprevent", r"\breduce (my|the)? ?risk\b", r"\bavoid getting\b"],
    "screening": [r"\bscreen", r"\bmammogra", r"\bcolonoscop", r"\bpap (test|smear)\b", r"\bearly detection\b"],
    "genetics": [r"\binherit", r"\bgenetic", r"\bhereditary\b", r"\bbrca\b", r"\blynch\b", r"\bfamily history\b",
                 r"\brun in (the )?famil"],
    "causes_risk": [r"\bwho is at risk\b", r"\brisk factors?\b", r"\bcauses?\b", r"\bwhat causes\b", r"\bat risk\b",
                    r"\bwhy do(es)? (people|i|someone) get\b", r"\bchances? of getting\b"],
    "symptoms": [r"\bsymptoms?\b", r"\bsigns?\b", r"\bwarning\b", r"\bhow do i know if\b"],
    "diagnosis": [r"\bdiagnos", r"\bbiopsy\b", r"\btests?\b", r"\bdetect", r"\bscan\b", r"\bpathology\b",
                  r"\bhow (do|can) (doctors|they) (find|tell)\b"],
    "stage": [r"\bstages?\b", r"\bstaging\b", r"\bspread(s|ing)?\b", r"\bmetasta", r"\bstage (i|ii|iii|iv|[0-4])\b",
              r"\bgrade\b", r"\btnm\b"],
    "recurrence": [r"\brecur", r"\bcome back\b", r"\brelapse", r"\bcomes back\b"],
    "outlook": [r"\boutlook\b", r"\bprognos", r"\bsurviv", r"\blife expectancy\b", r"\bchances? of (recovery|cure)\b",
                r"\bcurable\b", r"\bcured?\b", r"\bhow long\b.*\blive\b"],
    "treatment": [r"\btreat", r"\btherap", r"\bsurgery\b", r"\bchemo", r"\bradiation\b", r"\bmanaged?\b",
                  r"\boptions?\b", r"\bdrugs?\b", r"\bmedicat", r"\bimmunotherap"],
    "living_with": [r"\bcop(e|ing)\b", r"\bliving with\b", r"\bsupport\b", r"\bcaregiv", r"\bemotion", r"\bwork\b",
                    r"\bexercise\b", r"\bnutrition\b", r"\beat(ing)?\b", r"\bafter treatment\b", r"\bsurvivorship\b"],
    "meaning": [r"\bwhat does .* mean\b", r"\bmeaning\b", r"\bdefin", r"\bexplain\b", r"\bwhat kind of\b",
                r"\bwhat is it\b"],
}

# "What is X?" asks what X is only when nothing more specific is asked ("What are the symptoms of X?").
_WEAK_MEANING = re.compile(r"^\s*(what|who) (is|are)\b|^\s*what's\b|\btypes? of\b")

# Words that frame a question but name no topic; removed to find the focus phrase.
_FRAME = re.compile(
    r"\b(what|which|who|whom|how|why|when|where|is|are|was|were|does|do|did|can|could|should|would|will|the|a|an|"
    r"of|for|to|in|on|with|about|my|me|i|you|your|it|its|this|that|there|be|been|being|get|gets|getting|"
    r"tell|know|mean|means|meaning|some|any|please|(are)|risk|at|symptoms?|signs?|outlook|prognosis|stages?|"
    r"treatments?|treated|treat|diagnose[sd]?|diagnosis|prevent(ed|ion)?|research|clinical|trials?|"
    r"being|done|or|and|causes?|caused|by|happens?|when|after|if|has|have)\b",
    re.I,
)

BIOMARKERS = re.compile(
    r"\b(her2[- ]low|her2|her-2|erbb2|estrogen receptor|progesterone receptor|hormone receptor|triple[- ]negative|"
    r"brca1|brca2|brca|pik3ca|esr1|pd-?l1|egfr|alk|ros1|kras|braf|msi(-h)?|dmmr|tmb|psa|ki-?67|ntrk)\b"
    r"|\b(er|pr)(?=\+|-positive|-negative| positive| negative)",
    re.I,
)


# Patients' words for what the pages call by a medical name; added to the lexical query and the focus.
LAY_TERMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), term)
    for p, term in [
        (r"\bspread(s|ing)?\b(?! (of|the word))", "metastatic"),
        (r"\b(came|come|comes|coming) back\b", "recurrent"),
        (r"\bchemo\b", "chemotherapy"),
        (r"\bradiation\b", "radiation therapy"),
        (r"\bsurvival (rate|chances?)\b|\bhow long\b.*\blive\b", "prognosis survival"),
    ]
]
# "breast cancer spreads to the lungs": the lungs are where it went, not the cancer asked about.
_SPREAD_SITE = re.compile(
    r"\b(?:(?:spread|spreads|spreading|spread out|metastasi[sz]ed|metastases|mets|moved?|gone)\s+(?:in)?to"
    r"|(?:cancer|it|tumou?r)\s+(?:is|has)\s+(?:now\s+)?(?:in|gone to|reached))\s+(?:the\s+|my\s+|her\s+|his\s+)?"
    r"([a-z]+(?:\s+(?:and|or)\s+[a-z]+)?)",
    re.I,
)


class QueryInfo(BaseModel):
    """What we understood from a question; used for ranking, sectioning and wording."""

    text: str
    intents: list[str] = Field(default_factory=list, description="Detected intents, strongest first.")
    focus: str = Field(description="The topic words: the question minus its framing words.")
    biomarkers: list[str] = Field(default_factory=list)
    metastatic_sites: list[str] = Field(default_factory=list, description="Where the question says it spread.")
    expansions: list[str] = Field(default_factory=list, description="Medical terms for the patient's words.")

    @property
    def lexical_text(self) -> str:
        """The question plus the medical names of its lay terms, for BM25."""
        return " ".join([self.text, *self.expansions])

    @property
    def intent(self) -> str:
        return self.intents[0] if self.intents else "general"


def detect_intents(question: str) -> list[str]:
    q = question.lower()
    hits: list[tuple[int, int, str]] = []
    for order, (intent, pats) in enumerate(INTENT_PATTERNS.items()):
        pos = [m.start() for p in pats for m in re.finditer(p, q)]
        if pos:
            hits.append((min(pos), order, intent))
    # The earliest cue is usually the question's head ("What are the treatments for stage IV …").
    hits.sort()
    intents = [h[2] for h in hits]
    # "I'm on chemo and have a fever": the treatment is the context, the problem is the question.
    if "side_effects" in intents and "treatment" in intents:
        intents.remove("side_effects")
        intents.insert(intents.index("treatment"), "side_effects")
    if not intents and _WEAK_MEANING.search(q):
        intents = ["meaning"]
    return intents


def focus_of(question: str) -> str:
    text = re.sub(r"\(are\)", " ", question)
    text = _FRAME.sub(" ", text)
    text = re.sub(r"[^\w\s\-/]", " ", text)
    return " ".join(text.split())


def understand(question: str, brands: dict[str, str] | None = None) -> QueryInfo:
    """What the question asks and about what; `brands` maps drug brand names to generic names."""
    markers = sorted({m.group(0).upper().replace("-", "") for m in BIOMARKERS.finditer(question)})
    expansions = [term for rx, term in LAY_TERMS if rx.search(question)]
    generics = generic_names(question, brands or {})
    expansions += generics
    sites = [w for m in _SPREAD_SITE.finditer(question) for w in re.split(r"\s+(?:and|or)\s+", m.group(1).lower())]
    focus = focus_of(question)
    if sites and "metastatic" not in expansions:
        expansions.append("metastatic")
    if sites:
        # Drop the site words from the focus so "lungs" does not pull lung-cancer pages ahead of the primary.
        site_rx = re.compile(r"\b(" + "|".join(re.escape(s.rstrip("s")) for s in sites) + r")s?\b", re.I)
        focus = " ".join(site_rx.sub(" ", focus).split())
    if "metastatic" in expansions and "metasta" not in focus.lower():
        focus = f"metastatic {focus}".strip()
    if generics:
        focus = " ".join([*generics, focus])
    return QueryInfo(
        text=question, intents=detect_intents(question), focus=focus, biomarkers=markers,
        metastatic_sites=sites, expansions=expansions,
    )
