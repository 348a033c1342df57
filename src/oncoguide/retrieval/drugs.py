"""Drug names patients use: US brand names mapped to the generic name of the corpus's drug page.

The NCI drug pages list "US Brand Name(s)" under each drug; reading them from the index (not a hand list)
keeps the map as current as the corpus. "side effects of Kisqali" then also searches for ribociclib.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oncoguide.corpus.model import Passage

_BRANDS = re.compile(r"US Brand Name\(s\)\n(.+?)\n(?:FDA Approved|$)", re.S)
DRUG_PAGE_PREFIX = "about-cancer-treatment-drugs-"


def brand_names(passages: Iterable[Passage]) -> dict[str, str]:
    """Lower-case brand name -> the drug page's title (its generic name)."""
    out: dict[str, str] = {}
    for p in passages:
        if not p.doc.startswith(DRUG_PAGE_PREFIX) or "US Brand Name" not in p.text:
            continue
        m = _BRANDS.search(p.text)
        if not m:
            continue
        for line in m.group(1).split("\n"):
            parts = re.split(r"\s*[,;]\s*", line.strip())
            if len(parts) == 1 and all(t[:1].isupper() for t in parts[0].split()):
                parts = parts[0].split()  # "Yonsa Zytiga": several one-word brands on one line
            for brand in parts:
                brand = brand.strip()
                key = brand.lower()
                if 2 < len(brand) <= 40 and key != p.title.lower():
                    # A brand on several pages (a single drug and a combination pack): the single drug names it.
                    if key not in out or len(p.title) < len(out[key]):
                        out[key] = p.title
    return out


def generic_names(question: str, brands: dict[str, str]) -> list[str]:
    """Generic names of the brands a question mentions, in order of mention."""
    words = re.findall(r"[a-z][a-z0-9\-]+", question.lower())
    found: list[str] = []
    for w in words:
        g = brands.get(w)
        if g and g not in found:
            found.append(g)
    return found
