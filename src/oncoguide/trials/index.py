"""First-stage retrieval over trials: BM25 (topic fields, inclusion criteria) + dense (topic), fused by RRF.

Built once per (trials file content, embedder name) and cached under `settings.home / "trials"`, because
embedding two thousand trials takes minutes on a laptop CPU while loading the cached arrays takes
milliseconds. Conditions and title are repeated in the topic text so they weigh more than the summary.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from oncoguide.retrieval.lexical import LexicalIndex
from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.model import Criterion, Trial

INDEX_VERSION = "2"


def _features_version() -> str:
    """Cached criterion features are parses by the vocabulary and rules; a change to either must not be
    hidden by features primed from an older index, while the (slow) dense matrix stays reusable."""
    from oncoguide.trials import criteria, rules, vocab

    h = hashlib.sha256()
    for mod in (criteria, rules, vocab):
        h.update(Path(mod.__file__ or "").read_bytes())
    return h.hexdigest()[:12]
RRF_K = 60
# Weights of the ranked lists in the fusion: the topic views decide what a trial is about; the
# inclusion-criteria view adds biomarker / line-of-therapy detail that titles often omit.
FUSION_WEIGHTS = {"bm25_topic": 1.0, "bm25_criteria": 0.6, "dense_topic": 1.0}
DENSE_MAX_CHARS = 700


class TextEncoder(Protocol):
    name: str

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress: Callable[[int], None] | None = None
    ) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...


def topic_text(t: Trial) -> str:
    cond = "; ".join(t.conditions)
    return f"{cond}. {t.title}. {cond}. {t.title}. {t.brief_summary}"


def dense_text(t: Trial) -> str:
    return f"{t.title}. Conditions: {'; '.join(t.conditions)}. {t.brief_summary}"[:DENSE_MAX_CHARS]


def inclusion_text(t: Trial, criteria: list[Criterion] | None = None) -> str:
    items = criteria if criteria is not None else split_criteria(t.eligibility_criteria)
    return " ".join(c.text for c in items if c.kind == "inclusion")


def _criteria_to_json(criteria: list[list[Criterion]]) -> list[list[list[str | None]]]:
    return [[[c.text, c.kind, c.section] for c in items] for items in criteria]


def _criteria_from_json(data: list[list[list[str | None]]]) -> list[list[Criterion]]:
    return [[Criterion.model_construct(text=x[0], kind=x[1], section=x[2]) for x in items] for items in data]


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


# Per criterion, as stored in features.json: [cancer keys, drug classes, [[marker, wanted status], ...]].
Features = list[list[list[Any]]]


def criterion_features(criteria: list[list[Criterion]]) -> Features:
    """Patient-independent parses of every criterion (cancer keys, drug classes, marker requirements)."""
    from oncoguide.trials.rules import marker_requirements
    from oncoguide.trials.vocab import _cancer_keys, _drug_classes

    return [[[sorted(_cancer_keys(c.text)), sorted(_drug_classes(c.text)), [list(x) for x in marker_requirements(c.text)]]
             for c in items] for items in criteria]


def prime_features(criteria: list[list[Criterion]], features: Features) -> None:
    """Load saved parses into the rule memos so matching does not redo them."""
    from oncoguide.trials.rules import marker_requirements
    from oncoguide.trials.vocab import _cancer_keys, _drug_classes

    ck: dict[str, frozenset[str]] = {}
    dc: dict[str, frozenset[str]] = {}
    mr: dict[str, tuple[tuple[str, str | None], ...]] = {}
    for items, feats in zip(criteria, features, strict=True):
        for c, (keys, classes, reqs) in zip(items, feats, strict=True):
            ck[c.text] = frozenset(keys)
            dc[c.text] = frozenset(classes)
            mr[c.text] = tuple((k, w) for k, w in reqs)
    _cancer_keys.prime(ck)
    _drug_classes.prime(dc)
    marker_requirements.prime(mr)


def _write_json(path: Path, data: object) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    tmp.replace(path)


class TrialIndex:
    """Lexical + dense views of a fixed list of trials; `search` returns (position, fused score)."""

    def __init__(
        self, trials: list[Trial], dense: np.ndarray, embedder: TextEncoder, criteria: list[list[Criterion]] | None = None
    ) -> None:
        if len(trials) != len(dense):
            raise ValueError("dense matrix does not match the trials list")
        self.trials = trials
        self.dense = dense
        self.embedder = embedder
        self.position = {t.nct_id: i for i, t in enumerate(trials)}
        # patient-independent parsing of the eligibility text, done once (and cached on disk by load_or_build)
        if criteria is None or len(criteria) != len(trials):
            criteria = [split_criteria(t.eligibility_criteria) for t in trials]
        self.criteria = criteria
        self.bm25_topic = LexicalIndex.build([topic_text(t) for t in trials])
        self.bm25_criteria = LexicalIndex.build([inclusion_text(t, c) for t, c in zip(trials, criteria, strict=False)])

    @classmethod
    def build(cls, trials: list[Trial], embedder: TextEncoder, progress: Callable[[int], None] | None = None) -> TrialIndex:
        dense = embedder.encode([dense_text(t) for t in trials], batch_size=64, progress=progress)
        return cls(trials, np.asarray(dense, dtype=np.float32), embedder)

    @classmethod
    def load_or_build(
        cls, trials: list[Trial], trials_path: Path, cache_root: Path, embedder: TextEncoder,
        progress: Callable[[int], None] | None = None,
    ) -> TrialIndex:
        """Reuse the cached dense matrix when the trials file and embedder are unchanged."""
        folder = Path(cache_root) / content_key(trials_path, embedder.name)
        dense_file, ids_file = folder / "dense.npy", folder / "ids.json"
        crit_file, feat_file = folder / "criteria.json", folder / f"features-{_features_version()}.json"
        ids = [t.nct_id for t in trials]
        if dense_file.is_file() and ids_file.is_file():
            try:
                if json.loads(ids_file.read_text()) == ids:
                    criteria = None
                    if crit_file.is_file():
                        criteria = _criteria_from_json(json.loads(crit_file.read_text(encoding="utf-8")))
                    index = cls(trials, np.load(dense_file), embedder, criteria)
                    if criteria is None or not feat_file.is_file():
                        _write_json(crit_file, _criteria_to_json(index.criteria))
                        _write_json(feat_file, criterion_features(index.criteria))
                    else:
                        prime_features(index.criteria, json.loads(feat_file.read_text(encoding="utf-8")))
                    return index
            except (ValueError, OSError, IndexError, TypeError):
                pass  # corrupt cache: rebuild below
        index = cls.build(trials, embedder, progress)
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / "dense.tmp.npy"
        np.save(tmp, index.dense)
        tmp.replace(dense_file)
        _write_json(crit_file, _criteria_to_json(index.criteria))
        _write_json(feat_file, criterion_features(index.criteria))
        ids_file.write_text(json.dumps(ids))
        return index

    def scores(self, query: str) -> dict[str, np.ndarray]:
        q = np.asarray(self.embedder.encode_query(query), dtype=np.float32)
        return {
            "bm25_topic": self.bm25_topic.scores(query),
            "bm25_criteria": self.bm25_criteria.scores(query),
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
