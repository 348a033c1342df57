"""Biomarkers: ER/PR (status, percent, Allred), HER2 (IHC, ISH, HER2-low), Ki-67, genes, PD-L1, MSI/MMR, TMB, PSA.

Each marker mention gets the text up to the next marker or sentence end as its window; grouped mentions
("ER/PR positive", "ER and PR: negative") share the next window. Status comes from explicit words first,
then from numbers using the guideline cut-offs (ASCO/CAP: ER/PR >=10% positive, 1-10% low, <1% negative;
HER2 IHC 3+ or ISH-amplified positive, 1+ or 2+/ISH-negative "low", 0 negative, 2+ without ISH equivocal).
"""

from __future__ import annotations

import re
from typing import Literal

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import Biomarker, PatientProfile
from oncoguide.records.patterns import alternation

NAMES: dict[str, str] = {
    r"ER|ERα|estrogen[- ]receptors?(?:[- ]alpha)?|oestrogen[- ]receptors?": "ER",
    r"PR|PgR|progesterone[- ]receptors?": "PR",
    r"HER-?2(?:/neu)?|ERBB2|c-erbB-2": "HER2",
    r"Ki-?67|MIB-?1": "Ki-67",
    r"BRCA-?1(?!\s*/\s*2)": "BRCA1",
    r"BRCA-?2": "BRCA2",
    r"g?BRCA(?:1/2)?": "BRCA",
    r"FGFR1": "FGFR1",
    r"FGFR2": "FGFR2",
    r"FGFR3": "FGFR3",
    r"IDH1": "IDH1",
    r"IDH2": "IDH2",
    r"IDH": "IDH",
    r"MGMT(?: promoter)?": "MGMT",
    r"HRD|homologous recombination deficiency": "HRD",
    r"FLT3(?:-ITD|-TKD)?": "FLT3",
    r"NPM1": "NPM1",
    r"TP53": "TP53",
    r"p53": "p53",
    r"PALB2": "PALB2",
    r"ATM": "ATM",
    r"CHEK2": "CHEK2",
    r"RAD51C": "RAD51C",
    r"RAD51D": "RAD51D",
    r"BRIP1": "BRIP1",
    r"CDK12": "CDK12",
    r"POLE": "POLE",
    r"TERT(?: promoter)?": "TERT",
    r"c-?MYC|MYC": "MYC",
    r"BCL-?2": "BCL2",
    r"BCL-?6": "BCL6",
    r"c-?KIT|KIT": "KIT",
    r"PDGFRA": "PDGFRA",
    r"STK11": "STK11",
    r"KEAP1": "KEAP1",
    r"PIK3CA": "PIK3CA",
    r"ESR1": "ESR1",
    r"EGFR": "EGFR",
    r"ALK": "ALK",
    r"ROS-?1": "ROS1",
    r"KRAS": "KRAS",
    r"NRAS": "NRAS",
    r"BRAF": "BRAF",
    r"MET": "MET",
    r"RET": "RET",
    r"NTRK[123]?": "NTRK",
    r"p16(?:INK4a)?": "p16",
    r"PD-?L1": "PD-L1",
    r"MSS|MSI(?:-H(?:igh)?|-L(?:ow)?)?|microsatellite(?: instability| stable|[- ]instability[- ]high)": "MSI",
    r"MMR|dMMR|pMMR|mismatch[- ]repair": "MMR",
    r"TMB|tumou?r mutation(?:al)? burden": "TMB",
    r"PSA|prostate[- ]specific antigen": "PSA",
    r"CA[- ]?125": "CA-125",
    r"CA ?15-3": "CA 15-3",
    r"CEA": "CEA",
}
GENES = {"p16", "BRCA", "HRD", "MGMT", "FGFR1", "FGFR2", "FGFR3", "IDH1", "IDH2", "IDH", "FLT3", "NPM1", "TP53", "p53", "PALB2", "ATM", "CHEK2", "RAD51C", "RAD51D", "BRIP1", "CDK12", "POLE", "TERT",
         "MYC", "BCL2", "BCL6", "KIT", "PDGFRA", "STK11", "KEAP1", "BRCA1", "BRCA2", "PIK3CA", "ESR1", "EGFR", "ALK", "ROS1", "KRAS", "NRAS", "BRAF", "MET", "RET", "NTRK"}
_CASE_SENSITIVE = {"ER", "PR", "MET", "RET", "ALK", "CEA", "PSA", "TMB", "MMR", "MSI", "HRD", "IDH", "ATM", "POLE", "KIT"}
_NAME_RE = re.compile(r"(?i)(?<![\w-])(?P<name>" + alternation(NAMES) + r")(?![\w])")
# names sharing one result: "EGFR, ALK, ROS1, RET, BRAF, MET ex14, NTRK - none detected", "(BRCA1, BRCA2, PALB2, TP53): negative";
# other gene symbols and exon numbers may stand between the names we know
_GROUP_GAP = re.compile(r"^\s*(?:ex(?:on)?\s*\d+\s*)?(?:/|,|and|&)\s*(?:[A-Z][A-Z0-9]{1,7}\s*(?:ex(?:on)?\s*\d+\s*)?(?:/|,|and|&)\s*)*$")
_STOP = re.compile(r"(?<=[.;])\s+(?=[A-Z][a-z])|\n\s*\n|;|\n(?=[A-Z][\w -]{1,25}:)")

_HER2_STOP = re.compile(r"(?<=[.])\s+(?=[A-Z])|\n\s*\n|\n(?=[A-Z][\w -]{1,25}:)")
_POS = re.compile(r"(?i)(?<![\w])(?:strongly |weakly |focally |moderately )?(?:positive|pos\b|\(\+\)|(?:(?<=[\w)])|^)\+(?![\d/])|reactive|overexpress\w*|amplified|amplification (?:present|detected|identified|seen|noted)|detected|mutated|mutation(?! not)|mutant|pathogenic|deleterious|fusion|rearrange\w*|high\b|-H\b|deficient|loss of|(?<!un)methylated|altered)")
_NEG = re.compile(r"(?i)(?<![\w])(?:negative|neg\b|\(-\)|-(?![\w\d]|[ \t]+[A-Za-z])|(?<=[A-Za-z0-9])-(?=[/,\s]|$)|non-?reactive|not amplif\w*|non-?amplified|no amplification|not detected|none (?:detected|identified|found)|wild[- ]?type|\bWT\b|no (?:pathogenic |deleterious )?(?:mutation|variant|alteration)s?|absent|stable|MSS|low\b|-L\b|proficient|intact|retained|unamplified|unmethylated|not altered|no alterations?|not mutated|no (?:\w+ )?(?:rearrangements?|fusions?|translocations?|amplification)|not identified)")
_WHAT_WAS_TESTED = re.compile(r"(?i)\((?:incl\.?|including|inc\.)[^)\n]*\)")
_EQUIV = re.compile(r"(?i)\b(equivocal|borderline|indeterminate)\b")
_PERCENT = re.compile(r"(?<![\d.])(?P<cmp>[<>]=?|≥|≤)?\s*(?P<v>\d{1,3}(?:\.\d+)?)\s*(?:-\s*(?P<v2>\d{1,3})\s*)?%")
_ALLRED = re.compile(r"(?i)allred(?:\s+score)?\s*[:=]?\s*(?:of\s+)?(?P<v>[0-8])(?:\s*/\s*8)?")
_IHC = re.compile(r"(?<![\w.])(?P<v>[0-3])\s*\+|(?i:score\s*[:=]?\s*)(?P<v2>[0-3])\b|(?i:ihc\)?\s*[:=]?\s*)(?P<v3>0)\b")
_RATIO = re.compile(r"(?i)ratio\s*(?:of\s*)?(?:[:=]|is|was)?\s*(?P<v>\d+(?:\.\d+)?)")
_COPIES = re.compile(r"(?i)(?:copy number|copies|signals?/cell)[^\d]{0,25}(?P<v>\d+(?:\.\d+)?)|(?P<v2>\d+(?:\.\d+)?)\s*(?:copies|signals per cell)")
_VARIANT = re.compile(r"(?<![\w])(?:[A-Z]\d{2,4}(?:[A-Z]|del|fs\*?\d*|\*)|exon\s*\d{1,2}\s*(?:deletion|insertion|del|ins|skipping)|c\.\d+[ACGT_>\w]+|p\.[A-Z][a-z]{0,2}\d+[A-Za-z*]+)")
_TPS = re.compile(r"(?i)(?:TPS|tumou?r proportion score)\s*(?:of|[:=])?\s*(?P<cmp>[<>]=?|≥|≤)?\s*(?P<v>\d{1,3})\s*%?")
_CPS = re.compile(r"(?i)(?:CPS|combined positive score)\s*(?:of|[:=])?\s*(?P<cmp>[<>]=?|≥|≤)?\s*(?P<v>\d{1,3})")
_NUMBER_UNIT = re.compile(r"(?i)(?P<v>\d+(?:\.\d+)?)\s*(?P<u>ng/ml|µg/l|ug/l|u/ml|mut(?:ations)?/mb|mutations per megabase|muts?/mb)")
_PLAIN_NUMBER = re.compile(r"(?<![\w.])(?P<v>\d+(?:\.\d+)?)(?![\w.%])")
_TRIPLE_NEG = re.compile(r"(?i)\btriple[- ]negative\b|\bTNBC\b")
_HR_POS = re.compile(r"(?i)\b(?:hormone[- ]receptor|HR)[- ]?(?:positive|\+)")
_HER2_LOW = re.compile(r"(?i)\bHER-?2[- ]low\b")


def _canon(raw: str) -> str | None:
    for pat, canon in NAMES.items():
        if re.fullmatch(pat, raw, re.IGNORECASE):
            if canon in _CASE_SENSITIVE and raw.upper() == raw and raw not in (canon, "dMMR", "pMMR"):
                pass
            if canon in _CASE_SENSITIVE and not raw.isupper() and len(raw) <= 4 and raw not in ("dMMR", "pMMR"):
                return None  # "er", "Met", "ret" in prose
            return canon
    return None


def _pct(m: re.Match[str]) -> float:
    v = float(m["v"])
    if m["cmp"] in ("<", "≤", "<=") and v <= 1:
        return 0.0
    return v


_SIGN = re.compile(r"^\s*(?:\(\s*)?(?P<s>[+−-])(?!\w)")


def _sign(window: str) -> str | None:
    """Status written as a sign right after the name: "ER+", "HER2-", "PR (+)"."""
    m = _SIGN.match(window)
    return None if not m else ("positive" if m["s"] == "+" else "negative")


def _status_er_pr(window: str) -> tuple[str | None, str | None]:
    values: list[str] = []
    if (sign := _sign(window)) and not _PERCENT.search(window[:12]):
        return sign, None
    pct_m = _PERCENT.search(window)
    allred = _ALLRED.search(window)
    if pct_m:
        values.append(pct_m.group(0).strip())
    if allred:
        values.append(f"Allred {allred['v']}")
    status = None
    if re.search(r"(?i)\blow[- ]positive|weakly positive \(\s*[1-9]\s*%|\bER[- ]low\b|%\s*\(?low\b", window):
        status = "low"
    elif (p := _POS.search(window)) and not ((n := _NEG.search(window)) and n.start() < p.start()):
        status = "positive"
    elif _NEG.search(window):
        status = "negative"
    if pct_m is not None:
        pct = _pct(pct_m)
        by_pct = "negative" if pct < 1 else "low" if pct <= 10 else "positive"
        if status in (None, "positive") and by_pct == "low":
            status = "low"
        elif status is None:
            status = by_pct
    elif allred and status is None:
        status = "positive" if int(allred["v"]) >= 3 else "negative"
    return status, ", ".join(values) or None


_HER2_BARE_SCORE = re.compile(r"(?i)HER-?2(?:/neu)?\s*[:=]?\s*([0-3])\b(?![.,]\d|\s*(?:%|cm|mm|x\b|/|-))")


def _status_her2(window: str) -> tuple[str | None, str | None]:
    values: list[str] = []
    ihc = _IHC.search(window)
    score = None
    if ihc:
        score = int(ihc["v"] or ihc["v2"] or ihc["v3"])
        values.append(f"IHC {score}+")
    elif bare := _HER2_BARE_SCORE.match(window):  # "HER2 0", "HER2: 1": a bare number right after the name is the IHC score
        score = int(bare[1])
        values.append(f"IHC {score}+")
    ratio = _RATIO.search(window)
    copies = _COPIES.search(window)
    if ratio:
        values.append(f"ISH ratio {ratio['v']}")
    if copies:
        values.append(f"copy number {copies['v'] or copies['v2']}")
    ish_amp = None
    if re.search(r"(?i)\b(?:not|non-?)\s*amplif\w*|no amplification|unamplified", window):
        ish_amp = False
    elif re.search(r"(?i)\bamplified|amplification\b", window):
        ish_amp = True
    elif ratio:
        ish_amp = float(ratio["v"]) >= 2.0
    if ish_amp is not None and (ratio or re.search(r"(?i)FISH|ISH|SISH|CISH|DDISH", window)):
        values.append("ISH amplified" if ish_amp else "ISH not amplified")
    sign = _sign(window[4:] if window[:4].upper() == "HER2" else window)
    if _HER2_LOW.search(window) or re.match(r"(?i)[- ]?low\b", window):
        return "low", ", ".join(values) or None
    if score == 3 or ish_amp:
        status = "positive"
    elif score in (1, 2) and ish_amp is False or score == 1:
        status = "low"
    elif score == 2:
        status = "equivocal"
    elif score == 0:
        status = "negative"
    elif sign:
        status = sign
    elif _EQUIV.search(window):
        status = "equivocal"
    elif (p := _POS.search(window)) and not ((n := _NEG.search(window)) and n.start() < p.start()):
        status = "positive"
    elif _NEG.search(window):
        status = "negative"
    else:
        status = None
    return status, ", ".join(values) or None


def _negates_variant(window: str, variant: re.Match[str], neg: re.Match[str]) -> bool:
    """ "BRAF V600E not detected" / "negative for V600E": the negation is about the named variant itself."""
    if neg.start() >= variant.end():
        return len(window[variant.end() : neg.start()].split()) <= 2
    return re.fullmatch(r"\s*(?:for\s+)?(?:the\s+)?", window[neg.end() : variant.start()]) is not None


_NONE_FOUND = re.compile(r"(?i)\b(?:fusions?|rearrangements?|mutations?|alterations?|variants?|amplifications?)\s*[-:–]?\s*"
                         r"(?:none|not|no|negative)\b")


def _status_gene(window: str, before: str) -> tuple[str | None, str | None]:
    variant = _VARIANT.search(window)
    value = variant.group(0) if variant else None
    if re.search(r"(?i)variant of (?:uncertain|unknown) significance|\bVUS\b", window):
        return None, "VUS"
    neg = _NEG.search(window)
    pos = _POS.search(window)
    if neg and (not pos or neg.start() < pos.start()) and (not variant or _negates_variant(window, variant, neg)):
        return "negative", value
    if not variant and _NONE_FOUND.search(window):
        return "negative", value  # "ALK, ROS1, RET fusions - none detected": the noun names what was looked for
    if pos or variant or re.search(r"(?i)(?:positive for|harbou?rs?|carrier of|with an?|mutated|mutant|activating)\s*$", before):
        return "positive", value
    return None, value


# Markers read as one of two named states: name -> (characters of the window read, (positive pattern, value),
# (negative pattern, value)); the positive pattern is tried first.
_TWO_STATE: dict[str, tuple[int, tuple[str, str], tuple[str, str]]] = {
    "MSI": (40, (r"(?i)MSI-?H|instability[- ]high|high", "MSI-H"), (r"(?i)MSS|stable|MSI-?L|low", "MSS/MSI-L")),
    "MMR": (200, (r"(?i)dMMR|deficien|loss", "deficient"), (r"(?i)pMMR|proficien|intact|retained|preserved", "proficient")),
}


def _status_generic(name: str, window: str, raw: str) -> tuple[str | None, str | None]:
    if name == "Ki-67":
        p = _PERCENT.search(window)
        return None, p.group(0).strip() if p else None
    if name == "PD-L1":
        tps, cps = _TPS.search(window), _CPS.search(window)
        p = tps or _PERCENT.search(window)
        values = []
        status = None
        if p:
            v = _pct(p) if "cmp" in p.re.groupindex else float(p["v"])
            values.append(f"TPS {p.group('v')}%" if tps or p else "")
            status = "positive" if v >= 1 else "negative"
        if cps:
            values.append(f"CPS {cps['v']}")
            status = status or ("positive" if float(cps["v"]) >= 1 else "negative")
        if status is None:
            if (ps := _POS.search(window)) and not ((n := _NEG.search(window)) and n.start() < ps.start()):
                status = "positive"
            elif _NEG.search(window):
                status = "negative"
        return status, ", ".join(v for v in values if v) or None
    if name in _TWO_STATE:
        reach, (pos_rx, pos_value), (neg_rx, neg_value) = _TWO_STATE[name]
        both = raw + " " + window[:reach]
        if re.search(pos_rx, both):
            return "positive", pos_value
        if re.search(neg_rx, both):
            return "negative", neg_value
        return None, None
    if name == "TMB":
        n = _NUMBER_UNIT.search(window) or _PLAIN_NUMBER.search(window)
        if n:
            return ("positive" if float(n["v"]) >= 10 else "negative"), f"{n['v']} mut/Mb"
        if re.search(r"(?i)high", window[:20]):
            return "positive", "high"
        if re.search(r"(?i)low", window[:20]):
            return "negative", "low"
        return None, None
    # PSA, CA-125, CEA: a value with its unit
    n = _NUMBER_UNIT.search(window) or _PLAIN_NUMBER.search(window[:30])
    if n:
        unit = n.groupdict().get("u") or ""
        return None, f"{n['v']} {unit}".strip()
    return None, None


def extract(doc: Doc) -> list[Finding]:
    text = doc.text
    mentions = []
    for m in _NAME_RE.finditer(text):
        canon = _canon(m["name"])
        if canon:
            mentions.append((m, canon))
    out: list[Finding] = []
    for i, (m, canon) in enumerate(mentions):
        limit = len(text)
        if stop := _STOP.search(text, m.end()):
            limit = stop.start()
        j = i + 1
        # grouped names share the window after the last name of the group
        while j < len(mentions) and _GROUP_GAP.match(text[mentions[j - 1][0].end() : mentions[j][0].start()]):
            j += 1
        win_start = mentions[j - 1][0].end()
        nxt = mentions[j][0].start() if j < len(mentions) else len(text)
        if canon == "HER2":  # ISH results follow in the same sentence ("2+; FISH not amplified, ratio 1.4")
            stop2 = _HER2_STOP.search(text, m.end())
            limit = stop2.start() if stop2 else len(text)
            nxt = max(nxt, min(limit, win_start + 200))
        window = text[win_start : min(limit, nxt, win_start + 200)]
        # "(incl. exon 14 skipping)" names what a negative panel covered, not a variant found
        window = _WHAT_WAS_TESTED.sub(lambda w: " " * len(w[0]), window)
        if canon == "MMR":  # "MMR IHC: MLH1 intact; PMS2 intact; MSH2 LOSS": the loss of any one protein decides
            line_end = text.find("\n", m.end())
            window = text[win_start : min(line_end if line_end != -1 else len(text), win_start + 200)]
        before = text[max(0, m.start() - 40) : m.start()]
        a = doc.assertion(m.start(), m.end())
        if canon in ("ER", "PR"):
            status, value = _status_er_pr(window)
        elif canon == "HER2":
            status, value = _status_her2(m["name"] + window)
        elif canon in GENES:
            status, value = _status_gene(window, before)
            if a.negated and not status:
                status = "negative"
        else:
            status, value = _status_generic(canon, window, m["name"])
        if status is None and re.search(r"(?i)-(?:ITD|TKD)$", m["name"]):
            status, value = "positive", m["name"].split("-")[-1].upper()  # FLT3-ITD names the mutation itself
        if a.family or a.hypothetical:
            continue
        if status is None and _PANEL_NEGATIVE.search(text[max(0, m.start() - 100) : m.start()]):
            status = "negative"  # "germline panel negative (incl. BRCA1, BRCA2, PALB2)"
        if (untested := _NOT_TESTED_AFTER.match(window) or _NOT_TESTED_BEFORE.search(before)):
            # "KRAS/NRAS mutation testing: not performed", "they did NOT test EGFR": no result, not a negative one
            status, value = None, untested.group("why").lower()
        if status is None and value is None:
            continue
        if a.negated and canon in GENES and status == "positive" and not value:
            status = "negative"
        end = min(len(text), win_start + max(len(window.rstrip()), 0))
        out.append(Finding("biomarkers", canon, m.start(), end, 1.0 + (value is not None), {"status": status, "value": value}))
        if canon == "BRCA" and "1/2" in m["name"]:  # "BRCA1/2: not detected" is a result for both genes
            for gene in ("BRCA1", "BRCA2"):
                out.append(Finding("biomarkers", gene, m.start(), end, 0.9, {"status": status, "value": value}))
    for m in _TRIPLE_NEG.finditer(text):
        for canon in ("ER", "PR", "HER2"):
            out.append(Finding("biomarkers", canon, m.start(), m.end(), 0.5, {"status": "negative", "value": None}))
    for m in _HR_POS.finditer(text):
        out.append(Finding("biomarkers", "ER", m.start(), m.end(), 0.4, {"status": "positive", "value": None}))
    return out


# Words before a result that date it to a later specimen than the diagnosis ("receptors on recurrence biopsy",
# "Bx T8: metastatic carcinoma …; ER 80%"): a summary of several years keeps the latest result, as a clinician would.
Status = Literal["positive", "negative", "equivocal", "low"] | None
_LATER = re.compile(r"(?i)\b(?:recurren\w*|relapse\w*|metasta\w*|progression|rebiops\w*|re-?tested|repeat(?:ed)? (?:biopsy|testing)|"
                    r"(?:liver|bone|lung|brain|pleural|adrenal|skin|chest wall|peritoneal)\s+(?:biopsy|bx))")


_PANEL_NEGATIVE = re.compile(r"(?i)\b(?:panel|testing|test|NGS|sequencing|germline)\b[^.\n]{0,40}?\b(?:negative|neg|normal|unremarkable)\b"
                             r"\s*[,(:]?\s*(?:incl\.?|including|for)\s+(?:[\w-]+\s*(?:[,/]|and)\s*)*$")
# (no result before the words: "HER2 2+, ISH pending" is equivocal, not untested)
_NOT_TESTED_AFTER = re.compile(
    r"(?i)^[^.;\n\d+]{0,30}?(?P<why>not (?:performed|done|tested|assessed|evaluated|evaluable|available|sent|reported)|pending|"
    r"insufficient(?: tissue| material)?|could not be (?:performed|assessed|done|tested)|quantity not sufficient|QNS|declined)")
_NOT_TESTED_BEFORE = re.compile(r"(?i)(?P<why>(?:did not|didn't|did NOT|not|never) (?:test|tested|send|sent|check|checked|perform|run)"
                                r"(?: for)?|no (?:testing|test) (?:for|of))\s+(?:\w+\s+(?:or|and|/)\s+)?$")
# Words before a result that date it to an earlier specimen than the report's own ("outside core biopsy: PR 30%").
_EARLIER = re.compile(r"(?i)\b(?:outside|referring|original|initial|prior|previous|at diagnosis|diagnostic core|compared (?:with|to)|hx|h/o|history of|"
                      r"(?:the|her|his) primary tumou?r)\b")


def _earlier_specimen(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_EARLIER.search(text, max(line_start, start - 200), start))


def _later_specimen(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return bool(_LATER.search(text, max(line_start, start - 120), start))


def _line_year(text: str, start: int) -> int:
    """The last year written on the line before a result (0 if none): dates the specimen in a history summary."""
    line_start = text.rfind("\n", 0, start) + 1
    years = re.findall(r"(?<!\d)(?:19|20)\d{2}(?!\d)", text[max(line_start, start - 160) : start])
    return int(years[-1]) if years else 0


def _guideline_status(name: str, status: Status, cancer_type: str | None) -> Status:
    """"Low" is a breast-cancer category (ASCO/CAP): PR has none, and ER-low or HER2-low outside breast cancer is
    reported as ER positive or HER2 negative (gastric HER2 IHC 1+ is negative)."""
    if status != "low":
        return status
    if name == "PR":
        return "positive"
    if cancer_type and cancer_type != "breast cancer" and name in ("ER", "HER2"):
        return "positive" if name == "ER" else "negative"
    return status


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    """One entry per marker per document: a later specimen's result first, then the mention with a status and
    the most detail."""
    best: dict[str, Finding] = {}
    # HER2: the ISH-resolved result outranks an equivocal IHC line of the same report
    her2_rank = {"positive": 3, "low": 3, "negative": 2, "equivocal": 1, None: 0}

    def key(f: Finding) -> tuple:
        rank = her2_rank[f.extra["status"]] if f.value == "HER2" else int(f.extra["status"] is not None)
        later = _later_specimen(doc.text, f.start)
        # two later specimens ("Liver bx 11/2021: ER 80%" … "08/2024 repeat liver bx: ER 0%"): the later year wins
        return (f.extra["status"] is not None, later, not _earlier_specimen(doc.text, f.start), _line_year(doc.text, f.start) if later else 0,
                rank, f.score, len(f.extra["value"] or ""))

    for f in findings:
        cur = best.get(f.value)
        if cur is None or key(f) > key(cur):
            best[f.value] = f
    for name, f in best.items():
        status = _guideline_status(name, f.extra["status"], profile.cancer_type)
        profile.biomarkers.append(Biomarker(name=name, status=status, value=f.extra["value"], evidence=doc.evidence(f.start, f.end)))
