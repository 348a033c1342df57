"""Trial-matching benchmark: BM25 over the whole record (baseline) vs oncoguide, on our labelled set.

Reports, in one run: NDCG@10 and P@10 (eligible) per half (tuned / held-out) and overall, with ratios to the baseline, for the baseline and for oncoguide (free text through
the records extractor, and the same profiles with hand corrections), criterion-level accuracy of
met / not-met verdicts, and match latency p50. Labels were written by reading each trial's criteria
(bench/trials_data/labels.jsonl: eligible=2, excluded=1, not_relevant=0; unlabelled pairs count as 0).
Criterion labels (criteria_labels.jsonl) point at an item by trial id + a hash of its text; no trial text is copied.
criteria_labels_heldout*.jsonl are later sets, each written blind; each is reported as one figure and never listed.

    HF_HUB_OFFLINE=1 .venv/bin/python bench/trials_bench.py            # the report
    HF_HUB_OFFLINE=1 .venv/bin/python bench/trials_bench.py --pool P01 # candidates to label for P01
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import random
import statistics
import time
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from oncoguide.records import extract_profile
from oncoguide.records.model import PatientProfile
from oncoguide.settings import Settings
from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.eligibility import judge_criterion
from oncoguide.trials.facts import profile_facts
from oncoguide.trials.matcher import TrialMatcher
from oncoguide.trials.model import Trial
from oncoguide.trials.vocab import cancer_keys

DATA = Path(__file__).parent / "trials_data"
GAIN = {"eligible": 2, "excluded": 1, "not_relevant": 0}


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def whole_record(t: Trial) -> str:
    return " ".join([t.title, " ".join(t.conditions), " ".join(t.interventions), t.brief_summary, t.eligibility_criteria])


class BM25Baseline:
    """Plain BM25 over every text field of the record, queried with the patient's own words."""

    def __init__(self, trials: list[Trial]) -> None:
        self.ids = [t.nct_id for t in trials]
        self.stemmer = Stemmer.Stemmer("english")
        self.model = bm25s.BM25()
        self.model.index(bm25s.tokenize([whole_record(t) for t in trials], stopwords="en", stemmer=self.stemmer,
                                        show_progress=False), show_progress=False)

    def rank(self, text: str, k: int) -> list[str]:
        q = bm25s.tokenize([text], stopwords="en", stemmer=self.stemmer, show_progress=False)
        docs, _ = self.model.retrieve(q, k=k, show_progress=False)
        return [self.ids[i] for i in docs[0]]


def fixed_profile(pid: str, text: str, fixes: dict) -> PatientProfile:
    p = extract_profile(text, document="text")
    return p.model_copy(update={k: (PatientProfile.model_fields[k].annotation and PatientProfile.model_validate({k: v}).__dict__[k])
                                for k, v in fixes.get(pid, {}).items()})


def ndcg(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    dcg = sum(gains.get(n, 0) / math.log2(i + 2) for i, n in enumerate(ranked[:k]))
    ideal = sorted(gains.values(), reverse=True)[:k]
    idcg = sum(g / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def precision(ranked: list[str], gains: dict[str, int], k: int = 10) -> float:
    return sum(gains.get(n, 0) == 2 for n in ranked[:k]) / k


def pool(pid: str, patients: dict, fixes: dict, matcher: TrialMatcher, baseline: BM25Baseline, n: int = 6) -> None:
    """Print a labelling pool: baseline top-n, ours top-n, and random trials of the same cancer type."""
    text = patients[pid]
    prof = fixed_profile(pid, text, fixes)
    ours = [m.nct_id for m in matcher.match(prof, k=n).results]
    base = baseline.rank(text, n)
    keys = profile_facts(prof).cancer
    same = [t.nct_id for t in matcher.trials if keys & cancer_keys(" ".join(t.conditions) + " " + t.title)]
    rng = random.Random(pid)
    extra = rng.sample(same, min(3, len(same)))
    by_id = {t.nct_id: t for t in matcher.trials}
    print(f"## {pid}: {text}")
    for nid in dict.fromkeys(base + ours + extra):
        t = by_id[nid]
        print(f"\n### {nid} | {t.title} | cond: {'; '.join(t.conditions)[:160]} | age {t.min_age_years}-{t.max_age_years} sex {t.sex}")
        shown = [c for c in split_criteria(t.eligibility_criteria) if _KEY_LINE.search(c.text)][:14]
        for c in shown:
            print(f"  {'+' if c.kind == 'inclusion' else '-'} {c.text[:150]}")


_KEY_LINE = __import__("re").compile(
    r"cancer|carcinoma|tumou?r|lymphoma|leuk|myeloma|sarcoma|melanoma|glioma|metasta|stage|advanced|prior|previous|"
    r"received|treated|therapy|HER2|ER\\b|estrogen|EGFR|ALK|KRAS|BRAF|PD-?L1|MSI|MMR|BRCA|mutation|ECOG|age\\b|"
    r"brain|CNS|menopaus|line", __import__("re").I)


def half_of(pid: str) -> str:
    """Fixed split: odd-numbered patients were used to tune the ranking, even-numbered ones are held out."""
    return "tuned" if int(pid.lstrip("P")) % 2 == 1 else "held_out"


def criterion_key(text: str) -> str:
    """Criteria are labelled by reference (trial id + a hash of the item), never by copying their text."""
    return hashlib.sha1(" ".join(text.split()).encode()).hexdigest()[:12]


def criterion_half(c: dict) -> str:
    """Stable split of criterion labels: sha1 of the label id (patient|trial|item hash), even -> tuning, odd -> held out."""
    label_id = f"{c['patient']}|{c['nct_id']}|{c['crit']}"
    return "tuning" if int(hashlib.sha1(label_id.encode()).hexdigest(), 16) % 2 == 0 else "held_out"


def criterion_accuracy(crit: list[dict], patients: dict, fixes: dict, by_id: dict[str, Trial]) -> dict:
    """Accuracy and coverage (share decided met / not met) of our verdicts on gold met / not-met labels, per half.

    Only the tuning half's disagreements are listed (--verbose); the held-out half is reported as figures only.
    """
    stats = {h: {"n": 0, "correct": 0, "covered": 0} for h in ("tuning", "held_out", "all")}
    missing = 0
    wrong: list[str] = []
    for c in crit:
        trial = by_id.get(c["nct_id"])
        items = {criterion_key(x.text): x for x in split_criteria(trial.eligibility_criteria)} if trial else {}
        item = items.get(c["crit"])
        if item is None:
            missing += 1
            continue
        if c["gold"] not in {"met", "not_met"}:
            continue
        prof = fixed_profile(c["patient"], patients[c["patient"]], fixes)
        v = judge_criterion(item, profile_facts(prof)).verdict
        half = criterion_half(c)
        for h in (half, "all"):
            stats[h]["n"] += 1
            stats[h]["correct"] += v == c["gold"]
            stats[h]["covered"] += v in {"met", "not_met"}
        if v != c["gold"] and half == "tuning":
            wrong.append(f"{c['patient']} {c['nct_id']} {c['crit']} [{item.kind}]: gold {c['gold']}, ours {v} | {item.text[:200]}")
    out: dict = {"unresolved_refs": missing}
    for h, s in stats.items():
        n = s["n"]
        out[h] = {"n": n, "accuracy": round(s["correct"] / n, 3) if n else None,
                  "coverage": round(s["covered"] / n, 3) if n else None}
    out["errors"] = wrong
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pool", help="print the labelling pool for one patient id")
    ap.add_argument("--verbose", action="store_true", help="also list criterion-level disagreements")
    args = ap.parse_args()
    settings = Settings.from_env()
    patients = {p["id"]: p["text"] for p in read_jsonl(DATA / "patients.jsonl")}
    fixes = {k: v for k, v in json.loads((DATA / "profile_fixes.json").read_text()).items() if not k.startswith("_")}
    t0 = time.perf_counter()
    matcher = TrialMatcher(settings)
    startup = time.perf_counter() - t0
    baseline = BM25Baseline(matcher.trials)
    if args.pool:
        for pid in patients if args.pool == "all" else [args.pool]:
            pool(pid, patients, fixes, matcher, baseline)
        return
    labels = read_jsonl(DATA / "labels.jsonl")
    gains: dict[str, dict[str, int]] = {}
    for lab in labels:
        gains.setdefault(lab["patient"], {})[lab["nct_id"]] = GAIN[lab["label"]]
    names = ("bm25_whole_record", "oncoguide_text", "oncoguide_profile")
    per: dict[str, dict[str, dict[str, float]]] = {n: {} for n in names}  # run -> pid -> metric
    latencies = []
    for pid, text in patients.items():
        if pid not in gains:
            continue
        g = gains[pid]
        rankings = {"bm25_whole_record": baseline.rank(text, 10)}
        t = time.perf_counter()
        rankings["oncoguide_text"] = [m.nct_id for m in matcher.match(extract_profile(text, document="text"), k=10).results]
        latencies.append(time.perf_counter() - t)
        rankings["oncoguide_profile"] = [m.nct_id for m in matcher.match(fixed_profile(pid, text, fixes), k=10).results]
        for name, ranked in rankings.items():
            per[name][pid] = {"ndcg": ndcg(ranked, g), "p": precision(ranked, g),
                              "unjudged": sum(n not in g for n in ranked[:10]) / 10}
    report: dict[str, object] = {
        "patients": len(gains), "labelled_pairs": len(labels),
        "labelled_trials": len({lab["nct_id"] for lab in labels}),
        "labels": {k: sum(lab["label"] == k for lab in labels) for k in GAIN},
    }
    for part in ("tuned", "held_out", "all"):
        pids = [p for p in per["bm25_whole_record"] if part == "all" or half_of(p) == part]
        block: dict[str, object] = {"patients": len(pids)}
        for name in names:
            # unjudged: share of the top 10 never labelled (scored 0) — pools came from earlier rankings
            block[name] = {m: round(statistics.mean(per[name][p][m] for p in pids), 3) if pids else None
                           for m in ("ndcg", "p", "unjudged")}
        base = block["bm25_whole_record"]
        for name in names[1:]:
            r = block[name]
            block[f"{name}_vs_bm25"] = {m: round(r[m] / base[m], 2) if base[m] else None for m in ("ndcg", "p")}
        report[part] = block
    crit = read_jsonl(DATA / "criteria_labels.jsonl")
    acc = criterion_accuracy(crit, patients, fixes, {t.nct_id: t for t in matcher.trials})
    if not args.verbose:
        acc.pop("errors")
    report["criterion_accuracy"] = acc
    # Later label sets, each written blind; the newest is the unseen figure (older ones may have been studied).
    for extra in sorted(DATA.glob("criteria_labels_heldout*.jsonl")):
        acc2 = criterion_accuracy(read_jsonl(extra), patients, fixes, {t.nct_id: t for t in matcher.trials})
        report[f"criterion_accuracy_{extra.stem.removeprefix('criteria_labels_')}"] = {
            "unresolved_refs": acc2["unresolved_refs"], **acc2["all"]}
    load = os.getloadavg()
    report["latency_s"] = {"p50": round(float(np.median(latencies)), 3), "p90": round(float(np.percentile(latencies, 90)), 3),
                           "max": round(max(latencies), 3), "n": len(latencies), "startup_s": round(startup, 1),
                           "cores": os.cpu_count(), "load_avg_1m": round(load[0], 2)}
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
