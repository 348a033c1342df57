"""Brand names read from real NCI drug pages and used in search."""

from __future__ import annotations

from oncoguide.corpus.loader import load_page
from oncoguide.corpus.model import PageError
from oncoguide.retrieval.drugs import brand_names, generic_names
from oncoguide.retrieval.query import understand
from tests.conftest import CORPUS


def _passages(*names: str):  # type: ignore[no-untyped-def]
    out = []
    for n in names:
        page = load_page(CORPUS / n)
        assert not isinstance(page, PageError)
        out.extend(page.passages)
    return out


def test_brand_names_come_from_drug_pages() -> None:
    brands = brand_names(_passages("about-cancer-treatment-drugs-ribociclib.md",
                                   "about-cancer-treatment-drugs-ribociclib-succinate-and-letrozole.md",
                                   "about-cancer-treatment-drugs-letrozole.md"))
    assert brands["kisqali"].lower().startswith("ribociclib") and "letrozole" not in brands["kisqali"].lower()
    assert brands["femara"].lower() == "letrozole"
    assert generic_names("Is Femara making my joints hurt?", brands) == ["Letrozole"]
    info = understand("side effects of kisqali", brands)
    assert info.expansions and info.focus.lower().startswith("ribociclib")


def test_no_brands_on_other_pages() -> None:
    assert brand_names(_passages("types-metastatic-cancer.md")) == {}
