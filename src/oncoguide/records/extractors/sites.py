"""Primary site of a pathology report, as the key that selects the AJCC staging rules.

Distinctive tumour names (mesothelioma, uveal melanoma, adrenocortical carcinoma, germ cell tumours) decide
outright; otherwise organ words are counted, weighting the diagnosis / primary-site lines, because reports
mention other organs in passing (lymph node stations, "uterine" history, "lung" in a kidney report).
"""

from __future__ import annotations

import re

_DECISIVE: list[tuple[str, str]] = [
    ("mesothelioma", r"mesothelioma"),
    ("uveal", r"uveal|choroid\w*|ciliary body|enucleation|\bglobe\b"),
    ("adrenal", r"adrenal\s*cortical carcinoma|adrenocortical|adrenal cortical neoplasm"),
    ("testis", r"seminoma|germ cell tumou?r|orchiectomy|embryonal carcinoma|yolk sac|teratoma"),
    ("bile_duct", r"cholangiocarcinoma|bile duct carcinoma"),
    ("melanoma", r"malignant melanoma|melanoma|breslow"),
]
_ORGANS: dict[str, str] = {
    "breast": r"breast|mastectomy|lumpectomy",
    "lung": r"lung|lobectomy|pneumonectomy|bronch\w*|pulmonary|pleura\w*",
    "colorectal": r"colon|colectomy|rectum|rectal|sigmoid|cecum|cecal|colorectal|hemicolectomy",
    "stomach": r"stomach|gastric|gastrectomy|gastro\w*",
    "esophagus": r"esophag\w+|oesophag\w+",
    "kidney": r"kidney|renal|nephrectomy",
    "bladder": r"bladder|cystectomy|urothelial|cystoprostatectomy",
    "prostate": r"prostat\w+|seminal vesicle",
    "thyroid": r"thyroid\w*|papillary carcinoma",
    "liver": r"liver|hepat\w+",
    "pancreas": r"pancrea\w+|whipple",
    "head_neck": r"tongue|laryn\w+|oral cavity|tonsil\w*|pharyn\w+|floor of (?:the )?mouth|mandib\w+|glott\w+|buccal|"
                 r"alveolar ridge|retromolar|palate|lip\b|supraglott\w+",
    "cervix": r"cervix|cervical (?:carcinoma|cancer|stroma)|hysterectomy",
}
_PRIMARY_LINE = re.compile(r"(?i)(?:primary site|tumou?r site|site of (?:the )?tumou?r|diagnosis|final diagnosis|specimen)\s*[:\-]?[^\n]{0,200}")


def detect_site(text: str) -> str | None:
    """Staging-rule key for the report's primary, or None when no organ is named."""
    for site, pat in _DECISIVE:
        if re.search(rf"(?i)\b(?:{pat})", text):
            if site == "melanoma" and re.search(r"(?i)uveal|choroid|ciliary|\beye\b", text):
                return "uveal"
            return site
    scores: dict[str, float] = {}
    head = " ".join(m.group(0) for m in _PRIMARY_LINE.finditer(text))
    for site, pat in _ORGANS.items():
        rx = re.compile(rf"(?i)\b(?:{pat})")
        scores[site] = len(rx.findall(text)) + 3 * len(rx.findall(head))
    # "lymph node" stations and cervical (neck) nodes are not sites.
    scores["cervix"] -= 2 * len(re.findall(r"(?i)cervical (?:lymph|node|level)", text))
    best = max(scores, key=lambda s: scores[s])
    return best if scores[best] > 0 else None
