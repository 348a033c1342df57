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
from oncoguide.records.extractors.tumour_facts import deepest_extension, node_counts, tumour_size_cm


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


def infer_t(text: str, site: str | None = None) -> Inference | None:
    """T category from extension (deepest structure reached) and, where AJCC uses it, tumour size."""
    site = site or detect_site(text)
    if site is None:
        return None
    ext = deepest_extension(text, site)
    cands: list[Inference] = []
    if ext is not None:
        cat, start, end, label = ext
        cands.append(Inference(cat.replace("T2+", "T2a"), f"{site}: {label} (AJCC 7th)", start, end))
    if site in _SIZE_T and (size := tumour_size_cm(text)) is not None:
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
    """N category from the number (and, for lung/thyroid, the station) of positive regional nodes."""
    site = site or detect_site(text)
    counts = node_counts(text)
    if counts is None:
        return None
    positive, examined, start, end, where = counts
    rule = f"{positive} of {examined} regional lymph nodes positive" if examined else f"{positive} positive lymph nodes"
    if positive == 0:
        return Inference("N0", f"{rule} (AJCC 7th)", start, end)
    if site == "lung":
        cat = "N2" if re.search(r"(?i)mediastin|subcarin|paratrache|aorto|station\s*[2-9]\b|level\s*(?:[2-9]|I[IV]|V|VI{1,3}|IX)\b|\b[2-9][RL]\b|\b[RL][2-9]\b", where) else "N1"
    elif site == "thyroid":
        cat = "N1b" if re.search(r"(?i)lateral|jugular|level\s*(?:I{1,3}|IV|V|[2-5])\b|neck dissection", where) else "N1a"
    elif site in _N_BY_COUNT:
        cat = next(c for bound, c in _N_BY_COUNT[site] if positive <= bound)
    else:
        cat = "N1"
    return Inference(cat, f"{site or 'site unknown'}: {rule} (AJCC 7th)", start, end)


def _rank(cat: str) -> int:
    m = re.match(r"T(\d)", cat)
    return int(m[1]) if m else 0


def _liver_t(text: str) -> Inference | None:
    """HCC: solitary without vascular invasion T1; vascular invasion or multiple tumours T2."""
    multiple = re.search(r"(?i)\b(?:multiple|multifocal|two|three|several|satellite)\s+(?:\w+\s+){0,2}(?:tumou?rs|nodules|lesions|masses|foci)", text)
    vascular = re.search(r"(?i)(?<!no )(?<!without )(?:vascular|venous|microvascular|lymphovascular|angiolymphatic)\s+invasion\s*(?::\s*)?(?:is\s+)?(?:present|identified|seen)", text)
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
