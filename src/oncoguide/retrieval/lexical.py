"""BM25 over passages (bm25s with an English Snowball stemmer), scoring every passage for a query."""

from __future__ import annotations

import json
import re
from pathlib import Path

import bm25s
import numpy as np
import Stemmer


def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("english")


def tokenize(texts: list[str], stemmer: Stemmer.Stemmer) -> list[list[str]]:
    return bm25s.tokenize(texts, stopwords="en", stemmer=stemmer, return_ids=False, show_progress=False)  # type: ignore[return-value]


class LexicalIndex:
    """A BM25 index that can score all its documents, so scores can be fused and aggregated."""

    def __init__(self, retriever: bm25s.BM25, words: list[str]) -> None:
        self._bm25 = retriever
        self._stemmer = _stemmer()
        self._words = words  # surface words (lowercase) seen in the texts: the vocabulary for triage

    @classmethod
    def build(cls, texts: list[str]) -> LexicalIndex:
        stemmer = _stemmer()
        retriever = bm25s.BM25()
        retriever.index(tokenize(texts, stemmer), show_progress=False)
        words: set[str] = set()
        for t in texts:
            words.update(w for w in re.findall(r"[a-z][a-z\-]{1,40}", t.lower()))
        return cls(retriever, sorted(words))

    def save(self, d: Path) -> None:
        d.mkdir(parents=True, exist_ok=True)
        self._bm25.save(str(d))
        (d / "words.json").write_text(json.dumps(self._words), encoding="utf-8")

    @classmethod
    def load(cls, d: Path) -> LexicalIndex:
        retriever = bm25s.BM25.load(str(d), mmap=False)
        words = json.loads((d / "words.json").read_text(encoding="utf-8"))
        return cls(retriever, words)

    def query_tokens(self, query: str) -> list[str]:
        vocab = self._bm25.vocab_dict
        return [t for t in tokenize([query], self._stemmer)[0] if t in vocab]

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed text (zeros when no query word is known)."""
        toks = self.query_tokens(query)
        if not toks:
            return np.zeros(self._bm25.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._bm25.get_scores(toks), dtype=np.float32)

    def vocabulary(self) -> frozenset[str]:
        return frozenset(self._words)
