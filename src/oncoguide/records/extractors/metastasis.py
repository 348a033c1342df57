"""Metastatic sites and oligometastatic disease, with negation ("no evidence of distant metastasis")."""

from __future__ import annotations

import re

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import PatientProfile

SITES: dict[str, str] = {
    r"bones?|osseous|skeletal|spine|spinal|vertebra\w*|rib|ribs|pelvis|sacrum|femur|humerus": "bone",
    r"liver|hepatic": "liver",
    r"lungs?|pulmonary": "lung",
    r"brain|cerebral|cerebellar|intracranial": "brain",
    r"pleura|pleural": "pleura",
    r"peritoneum|peritoneal|omentum|omental": "peritoneum",
    r"adrenals?|adrenal glands?": "adrenal",
    r"distant lymph nodes|supraclavicular (?:lymph )?nodes?|distant nodes?": "distant lymph nodes",
    r"skin|cutaneous|subcutaneous": "skin",
    r"axillary lymph nodes|lymph nodes|nodes": "lymph nodes",
    r"ovary|ovaries": "ovary",
    r"leptomeninges|leptomeningeal": "leptomeninges",
}
_SITE_ALT = "|".join(f"(?:{k})" for k in SITES)
_SITE_RE = re.compile(r"(?i)\b(" + _SITE_ALT + r")\b")
_MET = r"(?:metastas[ie]s|metastatic|mets|metastatic disease|metastatic lesions?|lesions?|deposits?|involvement|spread)"
_PATTERNS = [
    # "metastatic to bone and liver", "metastases to the liver, lungs and bone"
    re.compile(r"(?i)\b(?:metastatic|metastases|metastasis|mets|spread)\s+(?:\w+\s+){0,2}?(?:to|in|involving|within)\s+(?:the\s+)?(?P<list>(?:(?:" + _SITE_ALT + r")(?:\s*(?:,|and|&|/|or)\s*(?:the\s+)?)?){1,6})"),
    # "bone metastases", "liver and lung mets", "hepatic lesions"
    re.compile(r"(?i)\b(?P<list>(?:(?:" + _SITE_ALT + r")(?:\s*(?:,|and|&|/)\s*)?){1,4})\s+" + _MET + r"\b"),
]
_OLIGO = re.compile(r"(?i)\boligo[- ]?metasta\w+")


def _sites(fragment: str) -> list[str]:
    out: list[str] = []
    for m in _SITE_RE.finditer(fragment):
        word = m.group(1).lower()
        for pat, canon in SITES.items():
            if re.fullmatch(pat, word, re.IGNORECASE) and canon not in out:
                out.append(canon)
    return out


def extract(doc: Doc) -> list[Finding]:
    out: list[Finding] = []
    for pat in _PATTERNS:
        for m in pat.finditer(doc.text):
            a = doc.assertion(m.start(), m.end())
            if not a.affirmed:
                continue
            for site in _sites(m["list"]):
                out.append(Finding("metastatic_sites", site, m.start(), m.end()))
    for m in _OLIGO.finditer(doc.text):
        if not doc.assertion(m.start(), m.end()).negated:
            out.append(Finding("oligometastatic", True, m.start(), m.end()))
    return out


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    for f in findings:
        if f.field == "metastatic_sites" and f.value not in profile.metastatic_sites:
            profile.metastatic_sites.append(f.value)
            profile.evidence.setdefault(f"metastatic_sites.{f.value}", doc.evidence(f.start, f.end))
        elif f.field == "oligometastatic":
            profile.oligometastatic = True
            profile.evidence["oligometastatic"] = doc.evidence(f.start, f.end)
