"""Infer pathologic T and N from a report's own findings when no pT/pN code is printed.

About 40% of real pathology reports never print a code but state what AJCC rules are built on: tumour
size, depth of invasion, extension into named structures, and counts of positive lymph nodes. The rules
here follow the AJCC 7th edition (the edition of most archived reports; the 8th differs mainly in lung,
head and neck and thyroid thresholds). Every inferred value carries the rule that produced it so a
clinician sees why; a printed code always wins over an inference (see engine).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from oncoguide.records.extractors.sites import detect_site
from oncoguide.records.extractors.tumour_facts import affirmed, deepest_extension, node_counts, tumour_size_cm


@dataclass(frozen=True)
class Inference:
    """An inferred category, the rule that gave it, and the span of the decisive finding."""

    value: str
    rule: str
    start: int
    end: int


# site -> ascending (upper bound in cm, category) for size-driven T.
_SIZE_T: dict[str, list[tuple[float, str]]] = {
    "breast": [(0.1, "T1mi"), (0.5, "T1a"), (1.0, "T1b"), (2.0, "T1c"), (5.0, "T2"), (999, "T3")],
    "lung": [(2.0, "T1a"), (3.0, "T1b"), (5.0, "T2a"), (7.0, "T2b"), (999, "T3")],
    "kidney": [(4.0, "T1a"), (7.0, "T1b"), (10.0, "T2a"), (999, "T2b")],
    "thyroid": [(1.0, "T1a"), (2.0, "T1b"), (4.0, "T2"), (999, "T3")],
    "head_neck": [(2.0, "T1"), (4.0, "T2"), (999, "T3")],
    "adrenal": [(5.0, "T1"), (999, "T2")],
    "pancreas": [(2.0, "T1"), (999, "T2")],
    "cervix": [(4.0, "T1b1"), (999, "T1b2")],
}

# site -> ascending (max positive nodes, category).
_N_BY_COUNT: dict[str, list[tuple[int, str]]] = {
    "colorectal": [(0, "N0"), (1, "N1a"), (3, "N1b"), (6, "N2a"), (999, "N2b")],
    "stomach": [(0, "N0"), (2, "N1"), (6, "N2"), (15, "N3a"), (999, "N3b")],
    "esophagus": [(0, "N0"), (2, "N1"), (6, "N2"), (999, "N3")],
    "breast": [(0, "N0"), (3, "N1"), (9, "N2"), (999, "N3")],
    "kidney": [(0, "N0"), (1, "N1"), (999, "N2")],
    "bladder": [(0, "N0"), (1, "N1"), (999, "N2")],
    "head_neck": [(0, "N0"), (1, "N1"), (999, "N2b")],
    "melanoma": [(0, "N0"), (1, "N1"), (3, "N2"), (999, "N3")],
    "testis": [(0, "N0"), (5, "N1"), (999, "N2")],
}


# Tumour names that are not the diagnosis: stains ("MELANOMA-E (HMB-45)", "Melan-A") and checklist items
# answered no ("Cholangiocarcinoma: no").
_NOT_DIAGNOSIS = re.compile(
    r"(?i)\bmelan(?:oma)?-?[AE]\b|\bmelanoma[- ](?:antigen|marker|cocktail|triple)\b|"
    r"\b[\w -]{0,40}?(?:carcinoma|melanoma|mesothelioma|seminoma)\s*:\s*(?:no|none|absent|not identified|negative)\b"
)
# Procedures and tumour names that fix the organ when no organ word is counted.
_FALLBACK_SITES: list[tuple[str, str]] = [
    ("testis", r"orchidectomy|non-?seminoma\w*|\btestis\b|testicular"),
    ("adrenal", r"adrenalectomy|adrenal (?:cortical )?(?:carcinoma|tumou?r|mass|neoplasm)"),
]


def _site(text: str, site: str | None) -> str | None:
    """The staging key, re-read when a stain name triggered it and completed from procedure names."""
    if _NOT_DIAGNOSIS.search(text):
        site = detect_site(_NOT_DIAGNOSIS.sub(" ", text))
    site = site or detect_site(text)
    if site is None:
        site = next((s for s, pat in _FALLBACK_SITES if re.search(rf"(?i){pat}", text)), None)
    return site


def infer_t(text: str, site: str | None = None) -> Inference | None:
    """T category from extension (deepest structure reached) and, where AJCC uses it, tumour size."""
    site = _site(text, site)
    if site is None:
        return None
    ext = _extension(text, site)
    cands: list[Inference] = []
    if ext is not None:
        cat, start, end, label = ext
        cands.append(Inference(cat.replace("T2+", "T2a"), f"{site}: {label} (AJCC 7th)", start, end))
    if site == "uveal" and (uv := _uveal_t(text)):
        cands.append(uv)
    if site in _SIZE_T and not _larynx(text, site) and (size := tumour_size_cm(text)) is not None:
        cat = next(c for bound, c in _SIZE_T[site] if size[0] <= bound + 1e-9)
        cands.append(Inference(cat, f"{site}: tumour size {size[0]:g} cm (AJCC 7th)", size[1], size[2]))
    if site == "liver" and (liver := _liver_t(text)):
        cands.append(liver)
    if site == "melanoma" and (mel := _breslow_t(text)):
        cands.append(mel)
    if not cands:
        return None
    # The worst finding decides; on a tie the size rule is kept because it carries the sub-letter.
    return max(reversed(cands), key=lambda c: _rank(c.value))


def infer_n(text: str, site: str | None = None) -> Inference | None:
    """N category from the number (and, for lung/mesothelioma/thyroid/bladder, the station) of positive regional nodes."""
    site = _site(text, site)
    counts = node_counts(text)
    if counts is None:
        return None
    positive, examined, start, end, where = counts
    rule = f"{positive} of {examined} regional lymph nodes positive" if examined else f"{positive} positive lymph nodes"
    if positive == 0:
        return Inference("N0", f"{rule} (AJCC 7th)", start, end)
    if site in ("lung", "mesothelioma"):  # both stage nodes by station: hilar N1, mediastinal/subcarinal N2
        cat = "N2" if re.search(r"(?i)mediastin|subcarin|paratrache|aorto|station\s*[2-9]\b|level\s*(?:[2-9]|I[IV]|V|VI{1,3}|IX)\b|\b[2-9][RL]\b|\b[RL][2-9]\b", where) else "N1"
    elif site == "thyroid":
        cat = "N1b" if re.search(r"(?i)lateral|jugular|level\s*(?:I{1,3}|IV|V|[2-5])\b|neck dissection", where) else "N1a"
    elif site == "bladder" and re.search(r"(?i)common iliac", where):
        cat = "N3"  # bladder: common iliac node metastasis is N3 whatever the count
    elif site in _N_BY_COUNT:
        cat = next(c for bound, c in _N_BY_COUNT[site] if positive <= bound)
    else:
        cat = "N1"
    return Inference(cat, f"{site or 'site unknown'}: {rule} (AJCC 7th)", start, end)


# Stomach: spread into the esophagus or duodenum is intramural (staged by depth) and into the omentum or
# gastric ligaments without serosal perforation is T3, so "adjacent structures: esophagus" is not T4b.
_GASTRIC_NOT_T4B = re.compile(
    r"(?i)[^.]{0,25}?[-:]\.?\s*(?:(?:the\s+)?(?:esophag\w*|oesophag\w*|duoden\w*|(?:lesser |greater )?omentum|"
    r"gastro\w+ ligament)[\s,]*(?:and\s+)?)+\."
)


def _extension(text: str, site: str) -> tuple[str, int, int, str] | None:
    """Deepest extension, with the stomach's intramural / omental spread read as T3 rather than T4b."""
    ext = deepest_extension(text, site)
    if ext is None or site != "stomach" or ext[0] != "T4b" or not _GASTRIC_NOT_T4B.match(text, ext[2]):
        return ext
    masked = text[: ext[1]] + " " * (ext[2] - ext[1]) + text[ext[2] :]
    deeper = deepest_extension(masked, site)
    if deeper is not None and _rank(deeper[0]) >= 3:
        return deeper
    return "T3", ext[1], ext[2], "spreads into esophagus/duodenum or omentum only"


_MM = r"(\d{1,2}(?:\s?\.\s?\d{1,2})?)"
_UV_BASE = [
    re.compile(rf"(?i){_MM}\s*(?:x\s*\d{{1,2}}(?:\.\d+)?\s*)?mm\.?(?:(?!from|distan)[^.;\d]){{0,25}}?\b(?:base|basal|main line)\b"),
    re.compile(rf"(?i)(?:basal diameter|\bLBD|large(?:st)? diameter|\bbase(?: at cut edge)?(?: of)?)\W{{0,6}}{_MM}\s*(?:x\s*\d{{1,2}}(?:\.\d+)?\s*)?mm"),
]
_UV_HEIGHT = [
    re.compile(rf"(?i){_MM}\s*(?:mm)?\.?\s*(?:in\s+|of\s+)?(?:maxim(?:um|al)\.?\s+|greatest\s+|apical\s+)?(?:height|thickness)\b"),
    re.compile(rf"(?i)(?:height|thickness)\W{{0,4}}(?:of\s+)?{_MM}\s*mm"),
]


def _largest(patterns: list[re.Pattern[str]], text: str) -> tuple[float, int, int] | None:
    hits = [(float(re.sub(r"\s", "", m[1])), m.start(), m.end()) for p in patterns for m in p.finditer(text)]
    return max(hits, default=None)


def _uveal_t(text: str) -> Inference | None:
    """Choroid / ciliary body melanoma: AJCC 7th size category from largest basal diameter and thickness."""
    base, height = _largest(_UV_BASE, text), _largest(_UV_HEIGHT, text)
    if base is None or height is None or not (0 < base[0] < 30 and 0 < height[0] < 25):
        return None
    lbd, thick = base[0], height[0]
    rule = f"uveal: basal diameter {lbd:g} mm, thickness {thick:g} mm (AJCC 7th)"
    return Inference(f"T{_uveal_size(lbd, thick)}{_uveal_letter(text)}", rule, base[1], base[2])


def _uveal_size(lbd: float, thick: float) -> int:
    """The AJCC 7th grid: thickness bands (3, 6, 9, 15 mm) against basal diameter bands (9, 12, 15, 18 mm)."""
    if lbd > 18 or thick > 15:
        return 4
    if thick > 9:
        return 3
    if thick > 6:
        return 2 if lbd <= 12 else 3
    if thick > 3:
        return 1 if lbd <= 9 else 2 if lbd <= 15 else 3
    return 1 if lbd <= 12 else 2


def _uveal_letter(text: str) -> str:
    """a: neither; b: ciliary body involved; c: extraocular extension; d: both."""
    ciliary = bool(re.search(r"(?i)ciliochoroidal", text)) or any(
        affirmed(text, m.start(), m.end()) for m in re.finditer(r"(?i)\bciliary\.?\s+body\b", text))
    extra = any(affirmed(text, m.start(), m.end(), needs_cue=False)
                for m in re.finditer(r"(?i)extra-?\s?(?:ocular|scler\w*)\.?\s*extension", text))
    return ("d" if ciliary else "c") if extra else ("b" if ciliary else "a")


def _larynx(text: str, site: str) -> bool:
    """Laryngeal T follows subsites and cord mobility, not size: the head and neck size rule does not apply."""
    return site == "head_neck" and bool(re.search(r"(?i)laryn|glott", text)) and not re.search(
        r"(?i)pharyn|tongue|oral cavity|tonsil|floor of (?:the )?mouth|buccal|palate|gingiva|lip\b", text)


def _rank(cat: str) -> int:
    m = re.match(r"T(\d)", cat)
    return int(m[1]) if m else 0


def _liver_t(text: str) -> Inference | None:
    """HCC: solitary without vascular invasion T1; vascular invasion or multiple tumours T2."""
    multiple = re.search(r"(?i)\b(?:multiple|multifocal|two|three|several|satellite)\s+(?:\w+\s+){0,2}(?:tumou?rs|nodules|lesions|masses|foci)", text)
    vascular = re.search(r"(?i)(?<!no )(?<!without )(?:vascular|venous|microvascular|microvessel|lymphovascular|angiolymphatic)\s+"
                         r"invasion\s*(?::\s*)?(?:is\s+)?(?:present|identified|seen|yes)\b", text)
    if hit := multiple or vascular:
        return Inference("T2", "liver: multiple tumours or vascular invasion (AJCC 7th)", hit.start(), hit.end())
    if hit := re.search(r"(?i)hepatocellular carcinoma", text):
        return Inference("T1", "liver: solitary tumour without vascular invasion (AJCC 7th)", hit.start(), hit.end())
    return None


def _breslow_t(text: str) -> Inference | None:
    m = re.search(r"(?i)(?:breslow|thickness)[^0-9]{0,40}(\d+(?:\.\d+)?)\s*(mm|cm)", text)
    if not m:
        return None
    mm = float(m[1]) * (10 if m[2].lower() == "cm" else 1)
    cat = next(c for bound, c in ((1.0, "T1"), (2.0, "T2"), (4.0, "T3"), (999, "T4")) if mm <= bound)
    return Inference(cat, f"melanoma: Breslow thickness {mm:g} mm (AJCC 7th)", m.start(), m.end())
