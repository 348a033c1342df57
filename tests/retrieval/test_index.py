"""Index build on a real corpus slice: incremental by content hash, and a clear error on an empty corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oncoguide.retrieval.index import build_index, load_index
from oncoguide.settings import Settings
from tests.conftest import link_slice

PAGES = ["types-metastatic-cancer.md", "about-cancer-treatment-side-effects-infection.md"]


def test_rebuild_is_incremental(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    corpus = link_slice(tmp_path / "c", PAGES)
    st = Settings(corpus_dirs=[corpus], home=tmp_path / "h")
    first = build_index(st, embedder)
    assert first.pages_changed == 2 and not first.up_to_date and first.passages > 5

    again = build_index(st, embedder)
    assert again.up_to_date and again.pages_changed == 0

    # Change one page: only it is re-read; the other page's vectors are reused unchanged.
    before = load_index(st)
    kept = [i for i, p in enumerate(before.passages) if p.doc == PAGES[0]]
    target = corpus / PAGES[1]
    text = target.read_text(encoding="utf-8")
    target.unlink()
    target.write_text(text + "\n\n## A new heading\n\nA new paragraph about something else entirely.\n")
    third = build_index(st, embedder)
    assert third.pages_changed == 1 and third.pages_removed == 0
    after = load_index(st)
    assert any("A new paragraph" in p.text for p in after.passages)
    kept_after = [i for i, p in enumerate(after.passages) if p.doc == PAGES[0]]
    assert (before.vectors[kept] == after.vectors[kept_after]).all()

    # Remove a page: its passages leave the index.
    target.unlink()
    fourth = build_index(st, embedder)
    assert fourth.pages_removed == 1
    assert {p.doc for p in load_index(st).passages} == {PAGES[0]}


def test_bad_page_is_skipped_and_reported(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    corpus = link_slice(tmp_path / "c", PAGES[:1])
    (corpus / "zz-broken.md").write_bytes(b"\x00\x00not a page")
    st = Settings(corpus_dirs=[corpus], home=tmp_path / "h")
    report = build_index(st, embedder)
    assert report.pages_total == 2
    assert [e.reason for e in report.errors] == ["binary content"]
    assert {p.doc for p in load_index(st).passages} == {PAGES[0]}


def test_empty_corpus_gives_clear_error(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "empty").mkdir()
    st = Settings(corpus_dirs=[tmp_path / "empty"], home=tmp_path / "h")
    with pytest.raises(FileNotFoundError, match="ONCOGUIDE_CORPUS"):
        build_index(st, embedder)


def test_missing_index_gives_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="oncoguide index"):
        load_index(Settings(corpus_dirs=[tmp_path], home=tmp_path / "nothing"))
    shutil.rmtree(tmp_path / "nothing", ignore_errors=True)
