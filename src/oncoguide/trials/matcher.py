"""Match a patient to trials: hard filters -> hybrid retrieval -> eligibility judging -> ranking.

`TrialMatcher` loads trials, criteria and the index once so the web app, `ask` and the CLI's
`--queries` mode pay the start-up cost a single time; `match_trials` is the one-shot convenience.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import numpy as np

from oncoguide.records.model import PatientProfile
from oncoguide.settings import Settings
from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.eligibility import eligibility_label, judge_trial
from oncoguide.trials.facts import PatientFacts, profile_facts
from oncoguide.trials.index import TextEncoder, TrialIndex, make_embedder
from oncoguide.trials.loader import load_trials
from oncoguide.trials.model import Criterion, CriterionVerdict, MatchResults, Trial, TrialMatch

# How many retrieved trials get the (cheap, rule-based) eligibility pass before ranking.
CANDIDATES = 100
_ELIG_BONUS = {"likely": 1.0, "unknown": 0.55, "unlikely": 0.0}
_COUNTRY_ALIASES = {"usa": "united states", "us": "united states", "u.s.": "united states", "uk": "united kingdom",
                    "korea": "south korea", "republic of korea": "south korea"}


def profile_query(profile: PatientProfile) -> str:
    """Retrieval text from the profile: disease, stage and biomarker words trials use in titles."""
    parts: list[str] = [x for x in (profile.cancer_type, profile.histology) if x]
    f = profile_facts(profile)
    if f.metastatic:
        parts.append("metastatic advanced")
    elif f.stage is not None:
        parts.append(f"stage {profile.stage_group} " + ("locally advanced" if f.stage >= 3 else "early stage"))
    for b in profile.biomarkers:
        if not b.most_recent:
            continue
        if b.status in {"positive", "negative", "low"}:
            parts.append(f"{b.name}-{b.status}")
            if b.status == "positive" and b.value and b.name.upper() in {"KRAS", "BRAF", "EGFR", "ALK", "ROS1", "NTRK", "RET", "MET"}:
                parts.append(f"{b.name} {b.value}")
    if all(f.markers.get(k) and f.markers[k].status in {"negative", "low" if k == "HER2" else "negative"} for k in ("ER", "PR", "HER2")):
        parts.append("triple negative")
    if f.brain_mets:
        parts.append("brain metastases")
    return " ".join(parts)


def _norm_country(c: str) -> str:
    c = c.strip().lower()
    return _COUNTRY_ALIASES.get(c, c)


def hard_filter(
    trials: list[Trial], facts: PatientFacts, country: str | None, recruiting: bool
) -> tuple[np.ndarray, dict[str, int]]:
    """Mask of trials that pass the data-backed hard limits, and why the others were dropped."""
    keep = np.ones(len(trials), dtype=bool)
    why: Counter[str] = Counter()
    want_country = _norm_country(country) if country else None
    for i, t in enumerate(trials):
        reason = None
        if recruiting and t.recruiting is not True:
            reason = "status not recorded" if t.status is None else "not recruiting"
        elif want_country and not t.locations:
            reason = "no locations recorded"
        elif want_country and want_country not in {_norm_country(x) for x in t.locations or []}:
            reason = f"no site in {country}"
        elif facts.age is not None and t.min_age_years is not None and facts.age < t.min_age_years:
            reason = "patient younger than minimum age"
        elif facts.age is not None and t.max_age_years is not None and facts.age > t.max_age_years:
            reason = "patient older than maximum age"
        elif facts.sex and t.sex in {"female", "male"} and t.sex != facts.sex:
            reason = f"{t.sex} participants only"
        if reason:
            keep[i] = False
            why[reason] += 1
    return keep, dict(why)


def rank_score(relevance: float, top_relevance: float, verdicts: list[CriterionVerdict], label: str) -> float:
    """Eligibility first (label, then met vs unknown counts), relevance breaking ties within a band."""
    met = sum(v.verdict == "met" for v in verdicts)
    unknown = sum(v.verdict == "unknown" for v in verdicts)
    rel = relevance / top_relevance if top_relevance > 0 else 0.0
    return _ELIG_BONUS[label] + 0.6 * rel + 0.03 * min(met, 10) - 0.004 * min(unknown, 40)


class TrialMatcher:
    """Loads trials and the cached index once; `match` is then cheap and side-effect free."""

    def __init__(
        self,
        settings: Settings,
        trials: list[Trial] | None = None,
        embedder: TextEncoder | None = None,
        trials_path: Path | None = None,
    ) -> None:
        path = Path(trials_path or settings.trials_path)
        self.trials = trials if trials is not None else load_trials(path)
        self.embedder = embedder or make_embedder(settings)
        self.index = TrialIndex.load_or_build(self.trials, path, settings.home / "trials", self.embedder) if trials is None \
            else TrialIndex.build(self.trials, self.embedder)
        self._criteria: dict[str, list[Criterion]] = {}

    def criteria(self, trial: Trial) -> list[Criterion]:
        if trial.nct_id not in self._criteria:
            self._criteria[trial.nct_id] = split_criteria(trial.eligibility_criteria)
        return self._criteria[trial.nct_id]

    def match(
        self,
        profile: PatientProfile,
        country: str | None = None,
        recruiting: bool = False,
        k: int = 20,
        candidates: int = CANDIDATES,
    ) -> MatchResults:
        if not isinstance(profile, PatientProfile):
            raise TypeError(f"expected a PatientProfile, got {type(profile).__name__}")
        if k < 1:
            raise ValueError("k must be at least 1")
        query = profile_query(profile)
        if not query.strip():
            raise ValueError("the profile names no cancer type, histology or biomarker to search trials with")
        facts = profile_facts(profile)
        allowed, filtered = hard_filter(self.trials, facts, country, recruiting)
        hits = self.index.search(query, k=max(candidates, k), allowed=allowed)
        top = hits[0][1] if hits else 0.0
        matches = []
        for pos, rel in hits:
            trial = self.trials[pos]
            verdicts = judge_trial(trial, facts, self.criteria(trial))
            label = eligibility_label(verdicts)
            matches.append(TrialMatch(
                nct_id=trial.nct_id, title=trial.title, relevance=rel, eligibility=label, criteria=verdicts,
                score=rank_score(rel, top, verdicts, label), status=trial.status, phase=trial.phase,
                locations=trial.locations,
            ))
        matches.sort(key=lambda m: (-m.score, m.nct_id))
        return MatchResults(results=matches[:k], query=query, filtered=filtered)


def match_trials(
    profile: PatientProfile, settings: Settings, country: str | None = None, recruiting: bool = False, k: int = 20
) -> MatchResults:
    """One-shot matching (builds or loads the cached index); use TrialMatcher for repeated calls."""
    return TrialMatcher(settings).match(profile, country=country, recruiting=recruiting, k=k)


def text_to_profile(text: str) -> PatientProfile:
    """Free text -> profile through the records extractor (imported lazily: records owns it)."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("patient description is empty")
    try:
        from oncoguide.records import extract_profile  # type: ignore[attr-defined]
    except ImportError as e:
        raise RuntimeError("free-text matching needs oncoguide.records.extract_profile, which is not available yet") from e
    return extract_profile(text, document="text")


__all__ = ["TrialMatcher", "match_trials", "profile_query", "hard_filter", "text_to_profile"]
