"""Turn one cancer.gov Markdown page into clean heading sections.

Hand-written on purpose: the pages are a narrow, known dialect (link cards spanning lines, empty '##'
headings whose text sits on the next line, image credits, site boilerplate) and a general Markdown parser
would still leave every one of those quirks for us to undo. All functions here are pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SITE = "https://www.cancer.gov"

# ![alt](src "title"); the quoted title may itself contain parentheses.
_IMAGE = re.compile(r"!\[[^\]]*\]\(\s*[^)\s]*(?:\s+\"[^\"]*\")?\s*\)", re.S)
# [text](target "optional title"); text may span lines (navigation cards do).
_LINK = re.compile(r"\[([^\[\]]*)\]\(\s*([^)\s]+)(?:\s+\"[^\"]*\")?\s*\)", re.S)
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_SPACES = re.compile(r"[ \t\u00a0]+")
_DROP_LINE = re.compile(r"^(credit:|enlarge image$|\[?enlarge\]?$|view (the )?(full|larger) )", re.I)

# Site furniture repeated on hundreds of pages; it answers no patient question.
BOILERPLATE_HEADINGS = re.compile(
    r"^(about this pdq summary|about pdq|purpose of this summary|reviewers and updates|permission to use this"
    r" summary|disclaimer|contact us|references|latest updates to this summary|changes to this summary"
    r"|clinical trials accepting patients|current clinical trials|levels of evidence)\b",
    re.I,
)


def absolute_url(target: str) -> str | None:
    """Citable absolute URL for a link target, or None for in-page anchors and odd schemes."""
    target = target.strip()
    if target.startswith(("http://", "https://")):
        return target
    if target.startswith("/"):
        return SITE + target
    return None


@dataclass
class Section:
    """Paragraph blocks under one heading path."""

    headings: list[str]
    blocks: list[str] = field(default_factory=list)


def _replace_links(text: str, links: list[str]) -> str:
    def repl(m: re.Match[str]) -> str:
        label, target = m.group(1), m.group(2)
        if "\n\n" in label.strip() or label.strip().lower() in ("enlarge", "enlarge image"):
            return ""  # a navigation card (paragraphs inside a link) or an image-zoom link, not prose
        url = absolute_url(target)
        if url:
            links.append(url)
        return label

    def auto(m: re.Match[str]) -> str:
        links.append(m.group(1))
        return m.group(1)  # "visit the Drugs@FDA website at <https://…>." keeps its address

    return _AUTOLINK.sub(auto, _LINK.sub(repl, text))


_REF_MARKS = re.compile(r"\[\d+(?:\s*[,\u2013-]\s*\d+)*\]")


def clean_inline(text: str) -> str:
    """Strip inline markup and bracketed reference numbers ("[18,34]") from one line of prose."""
    text = _HTML_TAG.sub("", text)
    text = _REF_MARKS.sub("", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = text.replace("\\", "")
    return _SPACES.sub(" ", text).strip()


def _is_list_item(line: str) -> bool:
    return bool(re.match(r"^\s*([-*+]|\d+[.)])\s+", line))


def _list_text(line: str) -> str:
    return re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", line).strip()


def _blocks(lines: list[str]) -> list[str]:
    """Paragraph blocks; a list introduced by a line ending in ':' joins that line as one block.

    Keeping "Symptoms may include: a; b; c" together lets an extractive answer quote the whole thought.
    """
    paras: list[list[str]] = []
    cur: list[str] = []
    for line in lines:
        if not line.strip():
            if cur:
                paras.append(cur)
                cur = []
            continue
        if _is_list_item(line) and cur and not _is_list_item(cur[-1]):
            paras.append(cur)
            cur = []
        cur.append(line)
    if cur:
        paras.append(cur)

    out: list[str] = []
    for para in paras:
        if all(_is_list_item(x) for x in para) or _is_list_item(para[0]):
            raw_items: list[str] = []
            for x in para:  # a line that is not a list marker continues the item above it
                if _is_list_item(x) or not raw_items:
                    raw_items.append(_list_text(x))
                else:
                    raw_items[-1] += " " + x.strip()
            items = [clean_inline(x) for x in raw_items]
            items = [i.rstrip(";.,") for i in items if i]
            if not items:
                continue
            if out and out[-1].endswith(":"):
                joined = items[0]
                for prev, item in zip(items, items[1:], strict=False):
                    joined += (" " if prev.endswith(":") else "; ") + item  # nested list under "a mole that:"
                out[-1] = out[-1] + " " + joined + ("" if joined.endswith(":") else ".")
            else:
                out.extend(i if i.endswith((".", "?", "!", ":")) else i + "." for i in items)
            continue
        text = clean_inline(" ".join(x.strip() for x in para))
        if text and not _DROP_LINE.match(text) and not text.startswith("|"):
            out.append(text)
    return out


def split_sections(body: str) -> tuple[list[Section], list[str], list[str]]:
    """Sections of a page body (front matter removed), its question-form headings, and its link targets.

    Link targets are kept only as absolute cancer.gov URLs (in-page anchors and odd schemes are dropped),
    so a "read more" can cite them.
    """
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = _IMAGE.sub("", body)
    links: list[str] = []
    body = _replace_links(body, links)
    lines = body.split("\n")

    sections: list[Section] = []
    path: list[tuple[int, str]] = []
    cur_lines: list[str] = []
    questions: list[str] = []

    def flush() -> None:
        if cur_lines:
            heads = [h for _, h in path]
            blocks = _blocks(cur_lines)
            if blocks:
                sections.append(Section(headings=heads, blocks=blocks))
        cur_lines.clear()

    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i])
        if not m:
            cur_lines.append(lines[i])
            i += 1
            continue
        flush()
        level, text = len(m.group(1)), clean_inline(m.group(2))
        i += 1
        if not text:
            # '##' alone: the heading text is the next short non-empty line.
            while i < len(lines) and not lines[i].strip():
                i += 1
            if i < len(lines) and len(lines[i].split()) <= 20 and not _HEADING.match(lines[i]):
                text = clean_inline(lines[i])
                i += 1
        if not text:
            continue
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, text))
        if text.endswith("?") and 3 <= len(text.split()) <= 20:
            questions.append(text)
    flush()

    # The page's own top heading is exempt: a page *about* levels of evidence is content, not furniture.
    kept = [
        s
        for s in sections
        if not any(BOILERPLATE_HEADINGS.match(h) for h in [h for h in s.headings if not h.endswith(" - NCI")][1:])
    ]
    return kept, questions, list(dict.fromkeys(links))
