"""Findings that AJCC categories are built on, read from report prose and synoptic lines.

Tumour size (cm), the deepest structure the tumour reaches (per site, with negation: "does not involve
the perirenal fat", "Extraprostatic extension: not identified"), and positive/examined lymph node counts
("0/12", "3 of 15 lymph nodes", "ONE LYMPH NODE, NEGATIVE FOR TUMOR"). OCR splits decimals ("4. 5 cm"),
so a digit after ". " inside a measurement is read back as a decimal, and breaks lines inside names
("muscular. propria", "INVADES THE. RENAL VEIN"), so a period ends a clause only before a new sentence.
"""

from __future__ import annotations

import re

_NUM = r"\d{1,3}(?:\s?[.,]\s?\d{1,2})?"
_DIMS = re.compile(rf"(?P<d>{_NUM}(?:\s*[xX×]\s*{_NUM}){{0,2}})\s*(?P<u>cm|mm|CM|MM)\b")
_SIZE_LABEL = re.compile(
    r"(?i)(tumou?r size|size of (?:the )?(?:tumou?r|neoplasm|lesion|mass)|greatest (?:dimension|diameter)|"
    r"largest (?:dimension|diameter)|maximum (?:dimension|diameter)|tumou?r (?:measur\w*|is \d)|"
    r"(?:mass|neoplasm|lesion|carcinoma|nodule|tumou?r)s?\b[^.;\n]{0,40}?(?:measur\w*|size|diameter|dimension)|size\s*:)"
)
_NOT_TUMOUR = re.compile(r"(?i)(lymph|node|margin|from|distance|away|specimen|fragment|portion|segment|ureter|vessel|"
                         r"weigh|aggregate|cassette|cyst|kidney measur|gland measur|adrenal|skin ellipse|bronch)")


# The measured thing named right after the size, a few adjectives apart ("2.1 cm peripheral mass").
_NOUN_AFTER = re.compile(r"(?i)(?:\.(?=\s+(?-i:[a-z])))?\s+(?:(?!of\b|from\b|and\b|with\b)[a-z-]+,?\s+){0,4}?(?:tumou?r|mass|neoplasm|carcinoma|nodule)\b(?!-)")


def _num(s: str) -> float:
    return float(re.sub(r"\s", "", s).replace(",", "."))


def tumour_size_cm(text: str) -> tuple[float, int, int] | None:
    """Greatest dimension of the (largest) tumour in cm with its span, from labelled size statements."""
    best: tuple[float, int, int] | None = None
    for m in _DIMS.finditer(text):
        if not _names_tumour(text, m):
            continue
        dims = [_num(d) for d in re.split(r"\s*[xX×]\s*", m["d"])]
        cm = max(dims) / (10 if m["u"].lower() == "mm" else 1)
        if 0 < cm < 40 and (best is None or cm > best[0]):
            best = (cm, m.start(), m.end())
    return best or _unitless_size(text)


# "Tumor size: 2.5 X 2 X 2." -- OCR or the form dropped the unit of a size field.
_UNITLESS = re.compile(rf"(?i)\btumou?r (?:size\s*:|sized)\s*(?P<d>{_NUM}(?:\s*[xX×]\s*{_NUM}){{1,2}})(?!\s*(?:cm|mm|[xX×\d]))")


def _unitless_size(text: str) -> tuple[float, int, int] | None:
    """A multi-dimension tumour size field without unit: read in the unit of the sentence's other
    measurements, else in cm (the unit of pathology size fields); implausible values are dropped."""
    for m in _UNITLESS.finditer(text):
        units = re.findall(r"(?i)\d\s*(cm|mm)\b", re.split(r"\.\s+(?=[A-Z])", text[max(0, m.start() - 150) : m.start()])[-1])
        dims = [_num(d) for d in re.split(r"\s*[xX×]\s*", m["d"])]
        cm = max(dims) / (10 if units and units[-1].lower() == "mm" else 1)
        if 0 < cm <= 15:
            return cm, m.start("d"), m.end("d")
    return None


_DIM_AFTER = re.compile(r"(?i)\s*in\s+(?:greatest|largest|maximum|maximal)\.?\s+(?:dimension|diameter|extent)")
_TUMOUR_NOUN = re.compile(r"(?i)carcinoma|tumou?r|neoplasm|mass|nodule|lesion")


def _names_tumour(text: str, m: re.Match[str]) -> bool:
    """Whether a measurement is the tumour's: a size label before it, or the tumour named right next to it."""
    before = text[max(0, m.start() - 90) : m.start()]
    label = None
    for lab in _SIZE_LABEL.finditer(before):
        label = lab
    direct = re.search(r"(?i)(?:carcinoma|tumou?r|neoplasm|mass|nodule)(?:,?\s+[a-z-]+){0,3}?\s*[,:(]\s*$", before)
    if direct is not None and _NOT_TUMOUR.search(direct.group(0)):
        direct = None  # "carcinoma, clear cell type (7.2 cm)" yes; "carcinoma in lymph node (" no
    if direct is None and (noun := _NOUN_AFTER.match(text, m.end())) and not _NOT_TUMOUR.search(noun.group(0)):
        direct = noun  # "a 9.8 x 7.3 x 6.0 cm hemorrhagic tan tumor"
    if direct is None and _DIM_AFTER.match(text, m.end()):
        # "carcinoma, moderately differentiated, 1.7 cm in greatest dimension": the clause names the tumour.
        clause = re.split(r"[.;]\s+(?=[A-Z])", before)[-1]
        if _TUMOUR_NOUN.search(clause) and not _NOT_TUMOUR.search(clause):
            direct = m
    if direct is not None:
        between = ""
    elif label is not None:
        between = before[label.end() :]
    else:
        return False
    return not (_NOT_TUMOUR.search(between) or len(re.findall(r"[.;]\s", between)) > 1)


_CUE = re.compile(r"(?i)invad|invasion|infiltrat|extend|extension|penetrat|involv|through|into|reach|extent|depth|"
                  r"level|spread|confined|limited|present|identified|erod|compromis")  # "Prostate: compromised by neoplasia"
# OCR ends lines with ". " mid-sentence ("does not appear to. penetrate"): a period before a lowercase word
# does not end the negated clause.
_NEG_BEFORE = re.compile(r"(?i)\b(?:no|not|without|negative|free of|absent|uninvolved|lack of|rather than|possible|possibly|"
                         r"suspicious|questionable|cannot|status of|rule out|r/o|benign)\b(?:[^.;]|\.(?=\s+[a-z]))*$")
_NEG_AFTER = re.compile(r"(?i)^(?:[\s,:]*[\w'-]+){0,3}?[\s,:)-]*(?:(?:is|are|was|were|appears?|seems?)\s+)?(?:grossly\s+)?"
                        r"(?:not|free|absent|negative|uninvolved|intact|unremarkable|no\b|none|n/a|cannot)")

# site -> deepest-first (category, structure pattern, label). "T2+" marks a floor (lung pleura).
_EXTENSION: dict[str, list[tuple[str, str, str]]] = {
    "colorectal": [
        ("T4b", r"adjacent (?:organs?|structures?)|abdominal wall|urinary bladder", "invades adjacent organs"),
        ("T4a", r"visceral peritoneum|serosa\w*(?! and)|peritoneal surface", "penetrates the visceral peritoneum"),
        ("T3", r"peri-?colo\w*|peri-?rectal|subserosa\w*|mesenteric (?:fat|adipose)|mesorect\w*|pericolorectal|"
               r"(?:through|beyond) (?:the )?muscularis propria|(?:fat|adipose tissue)", "through the muscularis propria"),
        ("T2", r"muscularis propria|muscle wall|muscular(?:is)? layer", "invades the muscularis propria"),
        ("T1", r"submucosa\w*", "invades the submucosa"),
    ],
    "stomach": [
        ("T4b", r"adjacent (?:organs?|structures?)|pancreas|spleen|transverse colon|liver(?! metasta)|diaphragm|abdominal wall|"
                r"retroperitoneum", "invades adjacent structures"),
        ("T4a", r"visceral peritoneum|serosa(?:l)?(?! ?\w*sa)(?!\w)|serosal surface", "penetrates the serosa"),
        ("T3", r"subserosa\w*|perigastric (?:fat|adipose|soft tissue)|(?:through|beyond) (?:the )?muscularis propria", "invades the subserosa"),
        ("T2", r"muscularis propria|muscle wall|muscular(?:is)? layer", "invades the muscularis propria"),
        ("T1b", r"submucosa\w*", "invades the submucosa"),
        ("T1a", r"lamina propria|muscularis mucosae|(?:confined|limited) to (?:the )?mucosa", "invades the lamina propria/mucosa"),
    ],
    "esophagus": [
        ("T4", r"adjacent (?:organs?|structures?)|pleura|pericardium|aorta|trachea", "invades adjacent structures"),
        ("T3", r"adventitia\w*|peri-?esophageal", "invades the adventitia"),
        ("T2", r"muscularis propria", "invades the muscularis propria"),
        ("T1b", r"submucosa\w*", "invades the submucosa"),
        ("T1a", r"lamina propria|muscularis mucosae", "invades the lamina propria"),
    ],
    "bladder": [
        ("T4a", r"prostat\w+ stroma|prostate|uterus|vagina|seminal vesicles?", "invades the prostate/uterus/vagina"),
        ("T3", r"peri-?vesic\w+|perivesical (?:fat|adipose|soft tissue)", "invades the perivesical tissue"),
        ("T2b", r"deep muscle|outer (?:half|third) of the muscularis propria", "invades the outer half of the muscularis propria"),
        ("T2", r"muscularis propria|detrusor|muscle wall|superficial muscle", "invades the muscularis propria"),
        ("T1", r"lamina propria|subepithelial connective tissue", "invades the lamina propria"),
    ],
    "prostate": [
        ("T4", r"bladder neck|rectum|rectal wall|levator|pelvic (?:side)?wall", "invades adjacent structures"),
        ("T3b", r"seminal vesicles?", "invades the seminal vesicle"),
        ("T3a", r"extra-?prostatic (?:extension|fat|tissue)?|extra-?capsular extension|periprostatic (?:fat|soft tissue|adipose)|"
                r"(?:bladder neck) microscopic", "extraprostatic extension"),
        ("T2", r"(?:confined|limited) to (?:the )?prostate|organ[- ]confined|prostatic capsule|both (?:lobes|sides)|bilateral", "organ-confined tumour"),
    ],
    "kidney": [
        ("T4", r"gerota'?s? fascia|beyond (?:the )?gerota|ipsilateral adrenal", "invades beyond Gerota's fascia / adrenal"),
        ("T3b", r"(?:inferior )?vena cava|IVC", "extends into the vena cava"),
        ("T3a", r"renal vein|segmental (?:renal )?vein|perinephric|peri-?renal|renal sinus|sinus fat|peri-?pelvic (?:fat|adipose)|"
                r"(?:through|beyond) (?:the )?(?:renal )?capsule", "extends into the renal vein / perinephric or sinus fat"),
    ],
    "thyroid": [
        ("T4a", r"trachea|larynx|esophagus|recurrent laryngeal|subcutaneous", "invades trachea/larynx/subcutaneous tissue"),
        ("T3", r"extra-?thyroidal(?: extension)?|perithyroidal (?:soft tissue|fat|adipose|tissue)|strap muscles?|skeletal muscle",
         "extrathyroidal extension"),
    ],
    "lung": [
        ("T4", r"mediastin\w*|heart|great vessels?|vertebra\w*|carina|different (?:ipsilateral )?lobe", "invades mediastinum / separate lobe nodule"),
        ("T3", r"chest wall|parietal pleura|diaphragm|pericardi\w+|phrenic nerve|separate (?:tumou?r )?nodules? (?:in|within) (?:the )?same lobe",
         "invades the chest wall / parietal pleura"),
        ("T2+", r"visceral pleura\w*|pleural? (?:invasion|involvement)|pleura\b", "visceral pleural invasion"),
    ],
    "head_neck": [
        ("T4a", r"mandible|maxilla|cortical bone|bone|thyroid cartilage|cricoid|skin|extrinsic muscle|prevertebral", "invades bone/cartilage/skin"),
        ("T3", r"paraglottic|pre-?epiglottic|vocal cord fixation", "paraglottic / pre-epiglottic space"),
    ],
    "pancreas": [
        ("T4", r"celiac (?:axis|artery)|superior mesenteric artery", "involves the celiac axis / SMA"),
        ("T3", r"peri-?pancreatic|duodenum|duodenal|ampulla\w*|common bile duct|extra-?pancreatic|beyond the pancreas", "extends beyond the pancreas"),
    ],
    "adrenal": [
        ("T4", r"kidney|liver|vena cava|adjacent organs?", "invades adjacent organs"),
        ("T3", r"peri-?adrenal|(?:fat|adipose tissue)|beyond (?:the )?capsule|capsular invasion", "local invasion"),
    ],
    "liver": [
        ("T4", r"visceral peritoneum|gallbladder|diaphragm", "invades adjacent organs / visceral peritoneum"),
        ("T3b", r"major branch of the (?:portal|hepatic) veins?", "involves a major portal/hepatic vein branch"),
    ],
    "testis": [
        ("T4", r"scrotum|scrotal", "invades the scrotum"),
        ("T3", r"spermatic cord", "invades the spermatic cord"),
        ("T2", r"tunica vaginalis|(?:lympho-?)?vascular invasion|angiolymphatic invasion|lymphatic invasion|angio-?invasion",
         "vascular invasion / tunica vaginalis"),
        ("T1", r"(?:confined|limited) to (?:the )?testis|tunica albuginea|rete testis|epididym\w*|testis|testicular", "limited to the testis"),
    ],
    "cervix": [
        ("T2b", r"parametri\w*", "invades the parametrium"),
        ("T2a", r"vagina\w*(?: wall| cuff)?", "involves the upper vagina"),
    ],
    "mesothelioma": [
        ("T4", r"through the diaphragm|myocardium|spine|contralateral pleura|mediastinal organs?", "diffuse / transdiaphragmatic extension"),
        ("T3", r"endothoracic fascia|mediastinal fat|chest wall|pericardi\w+", "invades chest wall soft tissue / pericardium"),
        ("T2", r"lung parenchyma|diaphragm\w*|visceral pleura|lung", "involves lung / diaphragm"),
        ("T1", r"parietal pleura|pleura", "limited to the pleura"),
    ],
}
# OCR ends lines with ". " inside names ("muscular. propria", "visceral. peritoneum"); "muscular propria" is common.
_EXTENSION = {site: [(c, re.sub(r"(?<=[a-z]) (?=[a-z(])", r"\\.?\\s+", p).replace("muscularis", "muscular(?:is)?"), lab)
                     for c, p, lab in rows] for site, rows in _EXTENSION.items()}
_AFFIRM_ALONE = {"T2"}  # organ-confined phrases need no invasion cue


def deepest_extension(text: str, site: str) -> tuple[str, int, int, str] | None:
    """Deepest affirmed structure reached, as (category, start, end, rule label)."""
    for cat, pat, label in _EXTENSION.get(site, []):
        for m in re.finditer(rf"(?i)(?<![\w-])(?:{pat})(?![\w-])", text):
            if affirmed(text, m.start(), m.end(), needs_cue=not (site == "prostate" and cat in _AFFIRM_ALONE)):
                return cat, m.start(), m.end(), label
    return None


_MEASURED = re.compile(r"\s*\(\s*\d{1,2}(?:\.\d+)?\s*(?:cm|mm|x\b)")
# A clause cannot end on an article or preposition: "INVADES THE. RENAL VEIN" is one OCR-broken sentence.
_OPEN_WORD = re.compile(r"(?i)\b(?:the|of|and|a|an|to|into|in|with|by|for|or|its|is|are|was|were)$")
_BREAK = re.compile(r"\.\s+(?=[A-Z][a-z]|\d+[.)]\s|[A-Z]{2,}[\s,:'])")


def affirmed(text: str, start: int, end: int, needs_cue: bool = True) -> bool:
    """Whether the structure at text[start:end] is stated as reached: not negated, not a margin, distance or
    measured specimen part, and (with needs_cue) named in a clause with an invasion word."""
    left = max(text.rfind(";", 0, start), text.rfind("\n", 0, start), start - 100)
    before = text[left + 1 : start]
    # OCR breaks lines with ". " mid-sentence: a break counts only before a capitalised word or a list label
    # (the structure's own first letter included, so a cue in the previous sentence does not leak in).
    seg = text[left + 1 : end + 1]
    breaks = [b.end() for b in _BREAK.finditer(seg) if b.end() <= len(before) and not _OPEN_WORD.search(seg, 0, b.start())]
    if breaks:
        before = before[breaks[-1] :]
    after = text[end : end + 40]
    if re.match(r"(?i)[\s)]*(?:margin|lymph|node|resection\.?\s*margin|station)", after):
        return False
    if _NEG_BEFORE.search(before) or _NEG_AFTER.search(after):
        return False
    if re.search(r"(?i)\b(?:approach|close to|abuts|abutting|near|adjacent to|distance|from|away|closest|within [\d.]+|confined (?:with)?in|short of)\b[^.;]*$", before):
        return False
    if _MEASURED.match(after):
        return False  # "renal vein (0.8 cm in length)": a gross description of the specimen's parts
    return not needs_cue or bool(_CUE.search(before) or _CUE.search(after[:25]))


_WORDNUM = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_WORDNUM.update({"no": 0, "none": 0, "a": 1, "single": 1})
_CNT = r"(?:\d{1,3}|" + "|".join(sorted(_WORDNUM, key=len, reverse=True)) + r")"
_PAIR = re.compile(rf"(?i)(?<![\w/.\-])(?P<pos>{_CNT})\s*(?:/|of|out of)\s*(?P<tot>\d{{1,3}}|{_CNT})(?![\w/])")
_NODE_WORD = re.compile(r"(?i)lymph|nodes?\b|\bLNs?\b|nodal")
_ALL_NEG = re.compile(
    rf"(?i)(?<!\w)(?P<tot>{_CNT})\s+(?:\w+\s+){{0,3}}?(?:lymph\s*nodes?|nodes)\b[^.;(]{{0,40}}?"
    r"(?:negative|free of|no (?:evidence of )?(?:tumou?r|carcinoma|malignan\w+|metasta\w+)|without (?:tumou?r|carcinoma|metasta\w+)|benign|"
    r"reactive|no tumou?r present)"
)
_EXAMINED = re.compile(r"(?i)(?:number of|total)\s+(?:lymph\s+)?nodes?\s+(?:examined|identified|retrieved|recovered)\s*[:=]?\s*(?P<n>\d{1,3})")
_INVOLVED = re.compile(r"(?i)(?:number of|total)\s+(?:lymph\s+)?nodes?\s+(?:with metasta\w+|metastatic|positive|involved)\s*[:=]?\s*(?P<n>\d{1,3})|"
                       r"number of (?:metastatic|positive|involved) (?:lymph\s+)?nodes\s*[:=]?\s*(?P<m>\d{1,3})")
_NEG_NODES = re.compile(r"(?i)benign lymph nodes?|lymph nodes?(?:[, ]+[\w-]+){0,3}[,:]?\s+(?:are\s+|is\s+)?(?:negative for|not involved|uninvolved|free of)|"
                        r"\bnodes\s+(?:are|were)\s+(?:all\s+)?(?:negative for|free of|uninvolved|not involved)")  # OCR: "Tymph. nodes are negative"
_SOME_POS = re.compile(
    rf"(?i)(?:metasta\w+|carcinoma|tumou?r|positive)[^.;]{{0,40}}?\b(?:in|involving|to)\s+(?P<pos>{_CNT})\s+(?:\w+\s+){{0,2}}?(?:lymph\s*nodes?|nodes)\b"
)


def _n(s: str) -> int:
    s = s.lower()
    return int(s) if s.isdigit() else _WORDNUM.get(s, -1)


def node_counts(text: str) -> tuple[int, int, int, int, str] | None:
    """(positive, examined, start, end, context of positive nodes) over the report's regional nodes.

    A summary line ("0/24") and its per-station breakdown ("0/4 ... 0/7") are not added twice: when one
    count equals the sum of the others it is taken as the total.
    """
    pairs: list[tuple[int, int, int, int]] = []
    for m in _PAIR.finditer(text):
        pos, tot = _n(m["pos"]), _n(m["tot"])
        if "/" in m.group(0) and not (m["pos"].isdigit() and m["tot"].isdigit()):
            continue  # "A/1)" list labels, "carcinoma/oncocytoma": word counts need "of"
        if not (0 <= pos <= tot <= 150 and tot > 0):
            continue
        ctx = text[max(0, m.start() - 120) : m.end() + 40]
        if not _NODE_WORD.search(ctx) or re.search(r"(?i)(?:core|cores|slides?|blocks?|fragments?|biops|grade|score)[^/]{0,15}$", text[max(0, m.start() - 40) : m.start()]):
            continue
        if re.match(r"\s*(?:cm|mm|%|hpf|high)", text[m.end() : m.end() + 6], re.IGNORECASE):
            continue
        pairs.append((pos, tot, m.start(), m.end()))
    if not pairs:
        for m in _ALL_NEG.finditer(text):
            if (tot := _n(m["tot"])) > 0:
                pairs.append((0, tot, m.start(), m.end()))
        examined_lines = [(_n(m["n"]), m) for m in _EXAMINED.finditer(text)]
        involved_lines = [(_n(m["n"] or m["m"]), m) for m in _INVOLVED.finditer(text)]
        if examined_lines:
            k = sum(v for v, _ in involved_lines)
            first = examined_lines[0][1]
            pairs.append((k, max(k, sum(v for v, _ in examined_lines)), first.start(), first.end()))
        elif not pairs and (neg := _NEG_NODES.search(text)):
            pairs.append((0, 0, neg.start(), neg.end()))
        for m in _SOME_POS.finditer(text):
            if not re.search(r"(?i)\b(?:no|not|negative|free)\b", m.group(0)) and (pos := _n(m["pos"])) > 0:
                pairs.append((pos, 0, m.start(), m.end()))
    if not pairs:
        return None
    pairs = _dedupe(pairs)
    positive = sum(p[0] for p in pairs)
    examined = sum(p[1] for p in pairs)
    pos_spans = [p for p in pairs if p[0] > 0] or pairs
    where = " ".join(text[max(0, s - 150) : e + 20] for _, _, s, e in pos_spans)
    return positive, examined, pos_spans[0][2], pos_spans[0][3], where


def _dedupe(pairs: list[tuple[int, int, int, int]]) -> list[tuple[int, int, int, int]]:
    uniq: dict[tuple[int, ...], tuple[int, int, int, int]] = {}
    for p in pairs:  # the same count repeated (diagnosis + synoptic) is one observation
        if p[1] >= 3 or p[0] > 0:
            uniq.setdefault((p[0], p[1]), p)
        else:
            uniq[(p[0], p[1], p[2])] = p
    items = list(uniq.values())
    if len(items) > 2:
        big = max(items, key=lambda p: p[1])
        rest = [p for p in items if p is not big]
        if sum(p[1] for p in rest) <= big[1] and sum(p[0] for p in rest) <= big[0]:
            return [big]
    return items
