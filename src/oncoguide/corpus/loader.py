"""Read corpus folders into pages and passages; a malformed page is reported and skipped."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

from oncoguide.corpus.markdown import split_sections
from oncoguide.corpus.model import Page, PageError, Passage
from oncoguide.corpus.sentences import split_sentences

MAX_PAGE_BYTES = 5_000_000  # the largest real page is ~1.1 MB; far larger means a broken file


def iter_page_files(dirs: Iterable[Path]) -> Iterator[Path]:
    """Markdown files under each folder, sorted for a stable order."""
    for d in dirs:
        yield from sorted(p for p in Path(d).rglob("*.md") if p.is_file())


def content_hash(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()[:20]


def audience_of(doc: str) -> str:
    """'-hp-' in the file name marks the health-professional PDQ summaries (front matter is unreliable)."""
    stem = doc[:-3] if doc.endswith(".md") else doc
    return "professional" if "-hp-" in stem or stem.endswith("-hp") else "patient"


def _front_matter(text: str) -> tuple[dict[str, object], str]:
    if not text.startswith("---"):
        raise ValueError("no YAML front matter")
    end = text.find("\n---", 3)
    if end < 0:
        raise ValueError("unterminated YAML front matter")
    meta = yaml.safe_load(text[3:end])
    if not isinstance(meta, dict):
        raise ValueError("front matter is not a mapping")
    return meta, text[end + 4 :]


def _chunks(blocks: list[str], target_words: int) -> list[str]:
    """Group paragraph blocks into passages near `target_words`; split very long blocks by sentence."""
    units: list[str] = []
    limit = target_words * 1.5
    for b in blocks:
        if len(b.split()) <= limit:
            units.append(b)
            continue
        for sent in split_sentences(b):
            if len(sent.split()) <= limit:
                units.append(sent)
            else:  # a long joined list: break between its items
                units.extend(x if x.endswith((".", ":")) else x + ";" for x in sent.split("; "))
    out: list[str] = []
    cur: list[str] = []
    n = 0
    for u in units:
        w = len(u.split())
        if cur and n + w > target_words:
            out.append("\n".join(cur))
            cur, n = [], 0
        cur.append(u)
        n += w
    if cur:
        out.append("\n".join(cur))
    return out


def parse_page(path: Path, raw: bytes, target_words: int = 160) -> Page:
    """Parse one page; raises ValueError with a reason a person can act on."""
    if not raw.strip():
        raise ValueError("empty file")
    if len(raw) > MAX_PAGE_BYTES:
        raise ValueError(f"file too large ({len(raw)} bytes > {MAX_PAGE_BYTES})")
    if b"\x00" in raw[:4096]:
        raise ValueError("binary content")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 text ({e.reason} at byte {e.start})") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        meta, body = _front_matter(text)
    except yaml.YAMLError as e:
        raise ValueError(f"bad YAML front matter: {str(e).splitlines()[0]}") from None
    title = str(meta.get("title") or "").strip()
    url = str(meta.get("url") or "").strip()
    if not title or not url:
        raise ValueError("front matter lacks title or url")
    title = title.removesuffix(" - NCI").strip()
    doc = path.name
    ctypes = meta.get("cancerTypes") or []
    cancer_types = [str(c) for c in ctypes] if isinstance(ctypes, list) else [str(ctypes)]
    reviewed = meta.get("lastReviewed")
    sections, questions, links = split_sections(body)
    stem = doc.removesuffix(".md")
    passages: list[Passage] = []
    for sec in sections:
        heads = [h for h in sec.headings if not h.endswith(" - NCI")]
        for chunk in _chunks(sec.blocks, target_words):
            passages.append(
                Passage(
                    passage_id=f"{stem}#{len(passages)}",
                    doc=doc,
                    title=title,
                    url=url,
                    audience=audience_of(doc),  # type: ignore[arg-type]
                    cancer_types=cancer_types,
                    last_reviewed=str(reviewed) if reviewed else None,
                    headings=heads,
                    text=chunk,
                )
            )
    if not passages:
        raise ValueError("no text content after cleaning")
    return Page(
        doc=doc,
        path=str(path),
        title=title,
        url=url,
        audience=audience_of(doc),  # type: ignore[arg-type]
        cancer_types=cancer_types,
        last_reviewed=str(reviewed) if reviewed else None,
        content_hash=content_hash(raw),
        passages=passages,
        question_headings=questions,
        links=links,
    )


def load_page(path: Path, target_words: int = 160) -> Page | PageError:
    try:
        raw = path.read_bytes()
    except OSError as e:
        return PageError(path=str(path), reason=f"unreadable: {e.strerror}")
    try:
        return parse_page(path, raw, target_words)
    except ValueError as e:
        return PageError(path=str(path), reason=str(e))


def load_corpus(dirs: Iterable[Path], target_words: int = 160) -> tuple[list[Page], list[PageError]]:
    """All readable pages and the reasons for the others."""
    pages: list[Page] = []
    errors: list[PageError] = []
    for path in iter_page_files(dirs):
        r = load_page(path, target_words)
        (errors if isinstance(r, PageError) else pages).append(r)  # type: ignore[arg-type]
    return pages, errors
