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
from oncoguide.retrieval.embedder import embedder_for
from oncoguide.settings import Settings
from oncoguide.trials.eligibility import eligibility_label, judge_trial
from oncoguide.trials.facts import PatientFacts, profile_facts
from oncoguide.trials.index import TextEncoder, TrialIndex
from oncoguide.trials.loader import load_trials
from oncoguide.trials.model import Criterion, CriterionVerdict, MatchResults, Trial, TrialMatch
from oncoguide.trials.vocab import GENERIC_SOLID, cancer_keys


def _topic(t: Trial) -> str:
    return f"{'; '.join(t.conditions)}. {t.title}"


# Trials whose population is people without the cancer (screening, prevention, risk reduction): naming the
# patient's cancer does not make them a match for someone who already has it.
_NO_DIAGNOSIS = re.compile(
    r"precancer|dysplas|\bscreening\b|\bprevent(?:ion|ing)?\b|risk[- ]reduc|early detection|healthy (?:volunteers?|participants?|subjects?)|"
    r"genetic (?:risk|predisposition)|\bcarriers?\b", re.I)

# How many retrieved trials get the relevance gate (cheap: precomputed per trial), and how many of the
# gate's best then get the rule-based eligibility pass before ranking.
RETRIEVE = 300
CANDIDATES = 60
_ELIG_BONUS = {"likely": 1.0, "unknown": 0.55, "unlikely": 0.0}
# Relevance gate tiers: the trial's conditions/title name the patient's cancer (2), name no cancer or
# only "solid tumours" / a basket (1), or name other cancers only (0). Eligibility ranks within a tier.
TIER_MATCH, TIER_OPEN, TIER_OTHER = 2, 1, 0
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


def relevance_tier(trial_keys: frozenset[str], generic: bool, facts: PatientFacts, no_diagnosis: bool = False) -> int:
    """How strongly the trial's conditions + title say it is about the patient's cancer."""
    if not facts.cancer:
        return TIER_OPEN
    if trial_keys & facts.cancer and no_diagnosis:
        return TIER_OPEN
    if trial_keys & facts.cancer:
        # lung subtype clash: an SCLC-only trial for an NSCLC patient (or the reverse) is another disease
        sub = facts.cancer & {"nsclc", "sclc"}
        if sub and trial_keys & {"nsclc", "sclc"} and not (trial_keys & sub):
            return TIER_OTHER
        return TIER_MATCH
    if generic and facts.solid is not False:
        return TIER_OPEN
    return TIER_OPEN if not trial_keys else TIER_OTHER


def specificity(trial_keys: frozenset[str], facts: PatientFacts) -> float:
    """Share of the cancers a trial names that are the patient's: 1.0 for a focused trial, low for a registry
    or basket listing many diseases (those rarely beat a trial designed for this cancer)."""
    if not trial_keys or not facts.cancer:
        return 0.0
    return len(trial_keys & facts.cancer) / len(trial_keys)


SPECIFICITY_WEIGHT = 0.8


def rank_score(relevance: float, top_relevance: float, verdicts: list[CriterionVerdict], label: str,
               tier: int = TIER_MATCH, focus: float = 0.0) -> float:
    """Relevance tier first, then eligibility within it, relevance and matched focus breaking ties.

    - tier: a trial for another disease never outranks one for the patient's cancer (3 points per tier);
    - eligibility: label bonus, a hard penalty per failed criterion, small credit per met one;
    - boosts: the title/conditions' biomarker or stage population matching the patient.
    """
    met = sum(v.verdict == "met" for v in verdicts)
    unknown = sum(v.verdict == "unknown" for v in verdicts)
    failed = sum(v.verdict == "not_met" for v in verdicts)
    rel = relevance / top_relevance if top_relevance > 0 else 0.0
    announced = {v.topic: v.verdict for v in verdicts if v.topic and v.topic.startswith("focus:")}
    boost = sum(0.25 if vv == "met" else -0.35 for t, vv in announced.items()
                if t in {"focus:biomarker", "focus:stage", "focus:line"})
    return (3.0 * tier + SPECIFICITY_WEIGHT * focus + _ELIG_BONUS[label] - 0.15 * min(failed, 4) + 0.6 * rel + boost
            + 0.03 * min(met, 10) - 0.004 * min(unknown, 40))


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
        self.embedder = embedder or embedder_for(settings)
        self.index = TrialIndex.load_or_build(self.trials, path, settings.home / "trials", self.embedder) if trials is None \
            else TrialIndex.build(self.trials, self.embedder)
        # Patient-independent parsing, done once at load (cached on disk beside the index when there is one).
        self._criteria: list[list[Criterion]] = self.index.criteria
        self._keys: list[frozenset[str]] = [frozenset(cancer_keys(_topic(t))) for t in self.trials]
        self._generic = np.array([bool(GENERIC_SOLID.search(_topic(t))) for t in self.trials])
        self._no_dx = np.array([bool(_NO_DIAGNOSIS.search(_topic(t))) for t in self.trials])

    def criteria(self, trial: Trial) -> list[Criterion]:
        return self._criteria[self.index.position[trial.nct_id]]

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
        hits = self.index.search(query, k=max(RETRIEVE, candidates, k), allowed=allowed)
        top = hits[0][1] if hits else 0.0
        # relevance gate over the retrieved set, then the rule pass on the gate's best `candidates`
        gated = sorted(((relevance_tier(self._keys[pos], bool(self._generic[pos]), facts, bool(self._no_dx[pos])), rel, pos) for pos, rel in hits),
                       key=lambda x: (-x[0], -x[1]))[: max(candidates, k)]
        matches = []
        for tier, rel, pos in gated:
            trial = self.trials[pos]
            verdicts = judge_trial(trial, facts, self._criteria[pos])
            label = eligibility_label(verdicts)
            matches.append(TrialMatch(
                nct_id=trial.nct_id, title=trial.title, relevance=rel, eligibility=label, criteria=verdicts,
                score=rank_score(rel, top, verdicts, label, tier,
                                 specificity(self._keys[pos], facts) if tier == TIER_MATCH else 0.0), status=trial.status, phase=trial.phase,
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


__all__ = ["TrialMatcher", "hard_filter", "match_trials", "profile_query", "rank_score", "relevance_tier", "specificity", "text_to_profile"]
