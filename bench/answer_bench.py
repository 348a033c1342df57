"""Answer quality and speed on the dev questions, baselines and oncoguide side by side in one run.

- Coverage: share of the reference answer's distinct content words present in the answer body capped at 450
  words (the shared ../shared/bench/answer_coverage.py measure). Baselines: the top BM25 passages and the top
  plain-RRF passages, concatenated and cut to 450 words.
- Grounding: every answer sentence must carry a citation and be found verbatim (whitespace-normalised) in the
  passage it cites.
- Speed: `ask` and `search` latency with the model loaded; resident memory after the run.

    .venv/bin/python bench/answer_bench.py [--questions FILE]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import statistics
import time
from pathlib import Path

import numpy as np

from oncoguide.answer.engine import OncoGuide
from oncoguide.retrieval.search import plain_rrf

SHARED = Path(__file__).resolve().parents[2] / "shared"


def load_measure(path: Path):  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("answer_coverage", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1) + 0.5))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--questions", type=Path, default=SHARED / "bench" / "dev_questions.jsonl")
    ap.add_argument("--measure", type=Path, default=SHARED / "bench" / "answer_coverage.py")
    args = ap.parse_args()
    m = load_measure(args.measure)
    qs = [json.loads(line) for line in args.questions.open(encoding="utf-8") if line.strip()]

    t0 = time.perf_counter()
    eng = OncoGuide()
    load_s = time.perf_counter() - t0
    idx = eng.index
    by_id = {p.passage_id: p for p in idx.passages}

    cov: dict[str, list[float]] = {"BM25 top passages": [], "RRF top passages": [], "oncoguide answer": []}
    ask_lat: list[float] = []
    search_lat: list[float] = []
    sentences = cited = grounded = 0
    for q in qs:
        text, ref = q["question"], q["answer"]
        qv = eng.embedder.encode([text])[0]
        lex = idx.lexical.scores(text)
        fused = plain_rrf(idx, qv, text)
        for name, scores in (("BM25 top passages", lex), ("RRF top passages", fused)):
            top = np.argsort(-scores)[:10]
            cov[name].append(m.coverage(m.cut(" ".join(idx.passages[i].text for i in top)), ref))

        t = time.perf_counter()
        eng.search(text, k=10)
        search_lat.append(time.perf_counter() - t)
        t = time.perf_counter()
        ans = eng.ask(text)
        ask_lat.append(time.perf_counter() - t)
        cov["oncoguide answer"].append(m.coverage(m.cut(ans.body_text()), ref))
        for s in [*ans.summary, *(x for sec in ans.sections for x in sec.sentences)]:
            sentences += 1
            cited += bool(s.citations)
            src = by_id.get(s.passage_id or "")
            grounded += bool(src and " ".join(s.text.split()) in " ".join(src.text.split()))

    base = statistics.mean(cov["RRF top passages"])
    print(f"Answer coverage of the reference answer (body cut to 450 words), {len(qs)} dev questions")
    for name, xs in cov.items():
        print(f"  {name:<20} {statistics.mean(xs):.3f}   x{statistics.mean(xs) / base:.2f} vs RRF passages")
    print(f"Grounding: {sentences} sentences, {cited / max(1, sentences):.3f} cited, "
          f"{grounded / max(1, sentences):.3f} found verbatim in the cited passage")
    print(f"ask latency:    p50 {pct(ask_lat, 0.5) * 1000:.0f} ms, p95 {pct(ask_lat, 0.95) * 1000:.0f} ms")
    print(f"search latency: p50 {pct(search_lat, 0.5) * 1000:.0f} ms, p95 {pct(search_lat, 0.95) * 1000:.0f} ms")
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model+index load {load_s:.1f} s; peak resident memory {rss_mb:.0f} MB")


if __name__ == "__main__":
    main()
