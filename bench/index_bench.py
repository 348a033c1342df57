"""Full index build time, next to plain sentence-transformers encoding of the same corpus (extrapolated).

Builds a fresh index of the whole corpus into a temporary home (nothing reused), then encodes a random
sample of the same passages with plain sentence-transformers (torch fp32) and extrapolates to the corpus.
Also times a no-change rebuild (content hashes only).

    .venv/bin/python bench/index_bench.py [--sample 300]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from oncoguide.corpus.loader import load_corpus
from oncoguide.retrieval.embedder import Embedder
from oncoguide.retrieval.index import build_index, load_index
from oncoguide.settings import Settings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--sample", type=int, default=300, help="Passages encoded by the plain baseline.")
    args = ap.parse_args()
    base = Settings.from_env()
    with tempfile.TemporaryDirectory() as tmp:
        st = base.model_copy(update={"home": Path(tmp)})
        t = time.perf_counter()
        emb = Embedder(st.embedding_model, cache_dir=st.home / "models")
        report = build_index(st, emb)
        full_s = time.perf_counter() - t
        t = time.perf_counter()
        again = build_index(st, emb)
        noop_s = time.perf_counter() - t
        n = len(load_index(st).passages)
    assert again.up_to_date

    pages, _ = load_corpus(base.corpus_dirs, base.passage_words)
    passages = [p for pg in pages for p in pg.passages]
    sample = random.Random(0).sample(passages, min(args.sample, len(passages)))
    texts = [f"{p.title}. {p.heading}. {p.text}" for p in sample]
    plain = Embedder(base.embedding_model, backend="torch")
    t = time.perf_counter()
    plain.encode(texts, batch_size=32)
    plain_s = (time.perf_counter() - t) / len(texts) * n

    print(f"Corpus: {report.pages_total} pages, {n} passages")
    print(f"{'plain sentence-transformers encode (extrapolated)':<52}{plain_s / 60:>7.1f} min")
    print(f"{'oncoguide full index build (ONNX int8, all steps)':<52}{full_s / 60:>7.1f} min   "
          f"x{plain_s / full_s:.2f} faster")
    print(f"{'oncoguide rebuild with no change':<52}{noop_s:>7.1f} s")


if __name__ == "__main__":
    main()
