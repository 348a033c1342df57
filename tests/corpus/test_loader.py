"""Corpus reading on real pages, and clear reasons for malformed ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from oncoguide.corpus.loader import audience_of, load_corpus, load_page, parse_page
from oncoguide.corpus.model import PageError
from tests.conftest import CORPUS, link_slice


def test_real_page_metadata_and_passages() -> None:
    page = load_page(CORPUS / "types-breast-stages-metastatic-breast-cancer.md")
    assert not isinstance(page, PageError)
    assert page.title == "Metastatic Breast Cancer"
    assert page.url == "https://www.cancer.gov/types/breast/stages/metastatic-breast-cancer"
    assert page.audience == "patient"
    assert "breast" in page.cancer_types
    assert page.last_reviewed and page.last_reviewed[:4].isdigit()
    # '##' headings whose text sits on the next line become real headings, and question headings are kept.
    assert "What is metastatic breast cancer?" in page.question_headings
    heads = [p.heading for p in page.passages]
    assert any(h.endswith("What is metastatic breast cancer?") for h in heads)
    for p in page.passages:
        assert "](" not in p.text and "![" not in p.text, "link or image markup left in text"
        assert len(p.text.split()) <= 260
    # A bulleted list introduced by a colon stays with its lead-in line.
    symptoms = next(p for p in page.passages if "symptoms" in p.heading.lower())
    assert any(line.endswith(".") and ":" in line and ";" in line for line in symptoms.text.split("\n"))


def test_professional_pages_are_marked_by_file_name() -> None:
    assert audience_of("types-prostate-hp-prostate-treatment-pdq.md") == "professional"
    assert audience_of("types-prostate-hp.md") == "professional"
    assert audience_of("types-prostate-patient-prostate-treatment-pdq.md") == "patient"


def test_crlf_page_reads_like_lf(tmp_path: Path) -> None:
    crlf = next(p for p in sorted(CORPUS.glob("*.md")) if b"\r\n" in p.read_bytes()[:2000])
    raw = crlf.read_bytes()
    a = parse_page(crlf, raw)
    b = parse_page(crlf, raw.replace(b"\r\n", b"\n"))
    assert [p.text for p in a.passages] == [p.text for p in b.passages]
    assert all("\r" not in p.text for p in a.passages)


def test_pdq_boilerplate_is_dropped() -> None:
    page = load_page(CORPUS / "types-prostate-patient-prostate-treatment-pdq.md")
    assert not isinstance(page, PageError)
    heads = " | ".join(p.heading for p in page.passages)
    assert "Permission to Use This Summary" not in heads
    assert "About This PDQ Summary" not in heads
    assert "Stages of Prostate Cancer" in heads


def test_huge_page_is_split_into_bounded_passages() -> None:
    big = max(CORPUS.glob("*.md"), key=lambda p: p.stat().st_size)
    page = load_page(big)
    assert not isinstance(page, PageError)
    assert len(page.passages) > 100
    assert max(len(p.text.split()) for p in page.passages) <= 260


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty file"),
        (b"\x00\x01binary\x00junk", "binary content"),
        (b"# no front matter\n\ntext", "no YAML front matter"),
        (b"---\ntitle: [unclosed\n---\nbody", "bad YAML front matter"),
        (b"---\ntitle: x\n---\nbody", "lacks title or url"),
        (b"---\ntitle: T\nurl: https://www.cancer.gov/x\n---\n", "no text content"),
        (b"---\ntitle: T\nurl: u\n---\n\xff\xfe bad", "not UTF-8"),
    ],
)
def test_malformed_pages_are_reported_not_fatal(tmp_path: Path, content: bytes, reason: str) -> None:
    corpus = link_slice(tmp_path / "c", ["types-metastatic-cancer.md"])
    (corpus / "broken.md").write_bytes(content)
    pages, errors = load_corpus([corpus])
    assert [p.doc for p in pages] == ["types-metastatic-cancer.md"]
    assert len(errors) == 1 and errors[0].path.endswith("broken.md")
    assert reason in errors[0].reason


def test_links_kept_as_absolute_urls() -> None:
    page = load_page(CORPUS / "types-breast-stages-metastatic-breast-cancer.md")
    assert not isinstance(page, PageError)
    assert page.links and all(u.startswith(("https://", "http://")) for u in page.links)
    assert "https://www.cancer.gov/types/metastatic-cancer" in page.links


def test_link_text_wrapped_over_lines_is_kept() -> None:
    page = load_page(CORPUS / "types-lung-patient-small-cell-lung-treatment-pdq.md")
    assert not isinstance(page, PageError)
    text = " ".join(p.text for p in page.passages)
    assert "Treatment of extensive-stage small cell lung cancer may include" in " ".join(text.split())
    assert "Treatment of may include" not in text
