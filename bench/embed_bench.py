"""Embedding speed and fidelity: plain sentence-transformers (torch fp32) vs oncoguide's Embedder.

Both encode the same random sample of real corpus passages in one process, interleaved so that load from
other processes hits both alike; the full-corpus time is the sample time scaled by passage count.
Fidelity is the cosine between each passage's two vectors (the ONNX variant is accepted at mean >= 0.99).

    .venv/bin/python bench/embed_bench.py [--sample 500] [--rounds 1] [--precision int8]
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from oncoguide.corpus import load_corpus
from oncoguide.retrieval.embedder import Embedder, bundled_model_path, cpu_count
from oncoguide.settings import Settings


def main() -> None:
    # Before transformers is first imported (inside this function): never reach for a hub.
    for var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE"):
        os.environ.setdefault(var, "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    settings = Settings.from_env()
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, action="append", help="corpus folder (default: settings)")
    ap.add_argument("--sample", type=int, default=500, help="passages to time (default 500)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--rounds", type=int, default=1, help="repeat the timed pair; the best round counts")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--precision", choices=["int8", "fp32"], default="int8")
    ap.add_argument("--model", default=settings.embedding_model)
    ap.add_argument("--cache-dir", type=Path, default=None, help="ONNX cache (default: a fresh temp dir)")
    args = ap.parse_args()

    pages, _ = load_corpus(args.corpus or settings.corpus_dirs)
    texts = [f"{x.title}. {x.heading}. {x.text}" for p in pages for x in p.passages]
    sample = random.Random(args.seed).sample(texts, min(args.sample, len(texts)))
    print(f"corpus: {len(texts)} passages; sample: {len(sample)}; cores: {cpu_count()}")

    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(cpu_count())
    plain = SentenceTransformer(str(bundled_model_path(args.model)), device="cpu")
    plain.max_seq_length = 256
    plain.encode(sample[:8])  # warm-up

    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache_dir or Path(tmp)
        t0 = time.perf_counter()
        ours = Embedder(args.model, backend="onnx", precision=args.precision, cache_dir=cache)
        t_init = time.perf_counter() - t0
        t0 = time.perf_counter()
        Embedder(args.model, backend="onnx", precision=args.precision, cache_dir=cache)
        t_reload = time.perf_counter() - t0
        ours.encode(sample[:8])  # warm-up

        plain_s: list[float] = []
        ours_s: list[float] = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            ref = plain.encode(sample, batch_size=args.batch_size, normalize_embeddings=True)
            plain_s.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            got = ours.encode(sample, batch_size=args.batch_size)
            ours_s.append(time.perf_counter() - t0)

    cos = np.sum(np.asarray(ref, dtype=np.float32) * got, axis=1)
    p, o = min(plain_s), min(ours_s)
    scale = len(texts) / len(sample)
    print(
        f"ours: {ours.name}  (first build incl. ONNX export {t_init:.1f}s, load from cache {t_reload:.1f}s)"
    )
    print(f"plain sentence-transformers: {p:7.1f}s on sample -> {p * scale / 60:5.1f} min for the corpus")
    print(f"ours:                        {o:7.1f}s on sample -> {o * scale / 60:5.1f} min for the corpus")
    print(f"speed ratio: {p / o:.2f}x")
    print(f"cosine ours vs plain: mean {cos.mean():.4f}  min {cos.min():.4f}  (accept: mean >= 0.99)")


if __name__ == "__main__":
    main()
