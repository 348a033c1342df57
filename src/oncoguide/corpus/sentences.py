"""Sentence splitting for extractive answers.

A small regex splitter rather than pysbd: it runs on every candidate passage at question time, where
pysbd's per-call cost would eat the latency budget, and NCI prose is well punctuated. Abbreviations
common in the corpus ("e.g.", "Dr.", "U.S.", "vs.") are protected.
"""

from __future__ import annotations

import re

_ABBREV = re.compile(
    r"\b(e\.g|i\.e|etc|vs|Dr|Mr|Mrs|Ms|St|No|Fig|al|approx|U\.S|Jr|Sr|Inc|Ltd|mg|cm|mm|ca)\.$", re.I
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")


def split_sentences(text: str) -> list[str]:
    """Sentences of a paragraph block, in order, whitespace-normalised."""
    out: list[str] = []
    for block in text.split("\n"):
        block = " ".join(block.split())
        if not block:
            continue
        start = 0
        for m in _BOUNDARY.finditer(block):
            candidate = block[start : m.start()].rstrip()
            if _ABBREV.search(candidate) or re.search(r"\b[A-Z]\.$", candidate):
                continue
            if candidate:
                out.append(candidate)
            start = m.end()
        tail = block[start:].strip()
        if tail:
            out.append(tail)
    return out
