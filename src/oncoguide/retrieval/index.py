"""Build, update and load the passage index: passage metadata, BM25 and dense vectors on disk.

Incremental by page content hash: an unchanged corpus does no work, and a changed page is parsed and
embedded alone (embedding is the only expensive step). BM25 is rebuilt from the stored passages whenever
anything changed; that takes seconds and keeps its statistics exact.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pydantic import BaseModel, Field

from oncoguide.corpus.loader import content_hash, iter_page_files, load_page
from oncoguide.corpus.model import Page, PageError, Passage
from oncoguide.retrieval.lexical import LexicalIndex
from oncoguide.settings import Settings

SCHEMA_VERSION = 6  # bump when passage splitting or stored fields change


class Manifest(BaseModel):
    schema_version: int = SCHEMA_VERSION
    embedder: str
    passage_words: int
    pages: dict[str, str] = Field(default_factory=dict, description="file path -> content hash")
    errors: list[PageError] = Field(default_factory=list)


class PageInfo(BaseModel):
    """Page-level facts the retriever ranks documents by."""

    doc: str
    title: str
    url: str
    audience: str
    cancer_types: list[str]
    last_reviewed: str | None
    question_headings: list[str]


class BuildReport(BaseModel):
    pages_total: int
    pages_changed: int
    pages_removed: int
    passages: int
    errors: list[PageError]
    up_to_date: bool


@dataclass
class PassageIndex:
    """Everything search needs, loaded once per process."""

    passages: list[Passage]
    pages: dict[str, PageInfo]
    vectors: np.ndarray  # (n_passages, dim), L2-normalised
    title_vectors: np.ndarray  # (n_pages, dim), aligned with page_order
    page_order: list[str]
    lexical: LexicalIndex
    title_lexical: LexicalIndex
    manifest: Manifest

    def vocabulary(self) -> frozenset[str]:
        return self.lexical.vocabulary()


# Professional (PDQ -hp-) passages are 58% of the corpus but patients are served patient pages first; their
# dense vector is taken from the title, heading path and opening words only, which name the topic, while BM25
# keeps their full text searchable. This halves their encoding cost (the index build's dominant step).
PROFESSIONAL_EMBED_WORDS = 80


def _passage_text_for_embedding(p: Passage) -> str:
    text = p.text
    if p.audience == "professional":
        text = " ".join(text.split()[:PROFESSIONAL_EMBED_WORDS])
    return f"{p.title}. {p.heading}. {text}"


def _lexical_text(p: Passage) -> str:
    return f"{p.title}\n{p.heading}\n{p.text}"


def _title_text(info: PageInfo) -> str:
    return info.title


def _write_json(path: Path, obj: object) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps(obj), encoding="utf-8")
    tmp.replace(path)


def _load_existing(d: Path) -> tuple[Manifest, list[Passage], np.ndarray, dict[str, PageInfo]] | None:
    try:
        manifest = Manifest.model_validate_json((d / "manifest.json").read_text(encoding="utf-8"))
        passages = [Passage.model_validate(x) for x in json.loads((d / "passages.json").read_text("utf-8"))]
        pages = {k: PageInfo.model_validate(v) for k, v in json.loads((d / "pages.json").read_text("utf-8")).items()}
        vectors = np.load(d / "vectors.npy")
    except (OSError, ValueError):
        return None
    if len(vectors) != len(passages):
        return None
    return manifest, passages, vectors, pages


def build_index(
    settings: Settings,
    embedder: object,
    progress: Callable[[str, int, int], None] | None = None,
) -> BuildReport:
    """Create or update the index under settings.index_dir.

    `embedder` is an oncoguide.retrieval.embedder.Embedder (typed loosely so tests can pass a real one
    built with other options). `progress(stage, done, total)` drives a progress bar.
    """
    d = settings.index_dir
    d.mkdir(parents=True, exist_ok=True)
    files = list(iter_page_files(settings.corpus_dirs))
    if not files:
        raise FileNotFoundError(
            "no corpus pages found under " + ", ".join(str(p) for p in settings.corpus_dirs)
            + " (set ONCOGUIDE_CORPUS to the folder of Markdown pages)"
        )
    hashes: dict[str, str] = {}
    for i, f in enumerate(files):
        hashes[str(f)] = content_hash(f.read_bytes())
        if progress and (i % 100 == 0 or i == len(files) - 1):
            progress("hashing", i + 1, len(files))

    name = str(getattr(embedder, "name", "unknown"))
    existing = _load_existing(d)
    if existing and (
        existing[0].schema_version != SCHEMA_VERSION
        or existing[0].embedder != name
        or existing[0].passage_words != settings.passage_words
    ):
        existing = None
    old_manifest, old_passages, old_vectors, old_pages = existing or (None, [], np.zeros((0, 0)), {})
    old_hashes = old_manifest.pages if old_manifest else {}
    if old_manifest and old_hashes == hashes and (d / "bm25").exists():
        return BuildReport(
            pages_total=len(files), pages_changed=0, pages_removed=0, passages=len(old_passages),
            errors=old_manifest.errors, up_to_date=True,
        )

    changed = [f for f in files if old_hashes.get(str(f)) != hashes[str(f)]]
    removed = set(old_hashes) - set(hashes)
    drop_docs = {Path(p).name for p in removed} | {f.name for f in changed}

    keep_rows = [i for i, p in enumerate(old_passages) if p.doc not in drop_docs]
    passages = [old_passages[i] for i in keep_rows]
    vectors_parts = [old_vectors[keep_rows]] if keep_rows else []
    pages = {k: v for k, v in old_pages.items() if k not in drop_docs}
    errors = [e for e in (old_manifest.errors if old_manifest else []) if e.path in hashes and Path(e.path) not in changed]

    new_pages: list[Page] = []
    for i, f in enumerate(changed):
        r = load_page(f, settings.passage_words)
        if isinstance(r, PageError):
            errors.append(r)
        else:
            new_pages.append(r)
        if progress and (i % 50 == 0 or i == len(changed) - 1):
            progress("reading", i + 1, len(changed))

    new_passages = [p for pg in new_pages for p in pg.passages]
    if new_passages:
        texts = [_passage_text_for_embedding(p) for p in new_passages]
        done = 0

        def tick(n: int) -> None:
            nonlocal done
            done += n
            if progress:
                progress("embedding", done, len(texts))

        vectors_parts.append(embedder.encode(texts, progress=tick))  # type: ignore[attr-defined]
    passages.extend(new_passages)
    for pg in new_pages:
        pages[pg.doc] = PageInfo(
            doc=pg.doc, title=pg.title, url=pg.url, audience=pg.audience, cancer_types=pg.cancer_types,
            last_reviewed=pg.last_reviewed, question_headings=pg.question_headings,
        )
    dim = int(getattr(embedder, "dim", 384))
    vectors = np.concatenate(vectors_parts).astype(np.float32) if vectors_parts else np.zeros((0, dim), np.float32)

    if progress:
        progress("lexical index", 0, 1)
    lexical = LexicalIndex.build([_lexical_text(p) for p in passages])
    order = sorted(pages)
    title_lex = LexicalIndex.build([_title_text(pages[k]) for k in order])
    title_vectors = embedder.encode([pages[k].title for k in order])  # type: ignore[attr-defined]

    # Write to a staging folder then swap, so a crash never leaves a half-written index.
    stage = d.with_name(d.name + ".staging")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    _write_json(stage / "passages.json", [p.model_dump() for p in passages])
    _write_json(stage / "pages.json", {k: v.model_dump() for k, v in pages.items()})
    np.save(stage / "vectors.npy", vectors)
    np.save(stage / "title_vectors.npy", np.asarray(title_vectors, dtype=np.float32))
    lexical.save(stage / "bm25")
    title_lex.save(stage / "bm25_titles")
    manifest = Manifest(embedder=name, passage_words=settings.passage_words, pages=hashes, errors=errors)
    (stage / "manifest.json").write_text(manifest.model_dump_json(indent=1), encoding="utf-8")
    old = d.with_name(d.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    d.rename(old)
    stage.rename(d)
    shutil.rmtree(old, ignore_errors=True)
    if progress:
        progress("lexical index", 1, 1)
    return BuildReport(
        pages_total=len(files), pages_changed=len(changed), pages_removed=len(removed),
        passages=len(passages), errors=errors, up_to_date=False,
    )


def index_exists(settings: Settings) -> bool:
    return (settings.index_dir / "manifest.json").exists() and (settings.index_dir / "bm25").exists()


def load_index(settings: Settings) -> PassageIndex:
    d = settings.index_dir
    loaded = _load_existing(d)
    if loaded is None:
        raise FileNotFoundError(f"no usable index at {d}; run `oncoguide index` first")
    manifest, passages, vectors, pages = loaded
    order = sorted(pages)
    return PassageIndex(
        passages=passages,
        pages=pages,
        vectors=vectors,
        title_vectors=np.load(d / "title_vectors.npy"),
        page_order=order,
        lexical=LexicalIndex.load(d / "bm25"),
        title_lexical=LexicalIndex.load(d / "bm25_titles"),
        manifest=manifest,
    )
