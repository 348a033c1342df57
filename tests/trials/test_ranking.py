"""Relevance gate, ranking boosts and the patient-independent parse cache (real records, small slice)."""

from __future__ import annotations

import json

from oncoguide.records.model import PatientProfile, Treatment
from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.eligibility import focus_verdicts, judge_criterion
from oncoguide.trials.facts import profile_facts
from oncoguide.trials.index import _features_version
from oncoguide.trials.matcher import (
    TIER_MATCH,
    TIER_OPEN,
    TIER_OTHER,
    TrialMatcher,
    relevance_tier,
    specificity,
)
from oncoguide.trials.model import Criterion, Trial
from oncoguide.trials.vocab import cancer_keys

from .test_eligibility import EGFR_NSCLC, HR_POS_METASTATIC


def test_relevance_tiers():
    f = profile_facts(EGFR_NSCLC)
    assert relevance_tier(frozenset(cancer_keys("Non-small Cell Lung Cancer")), False, f) == TIER_MATCH
    assert relevance_tier(frozenset(cancer_keys("Breast Cancer")), False, f) == TIER_OTHER
    assert relevance_tier(frozenset(cancer_keys("Small Cell Lung Cancer")), False, f) == TIER_OTHER  # subtype clash
    assert relevance_tier(frozenset(), True, f) == TIER_OPEN  # "advanced solid tumours" basket
    assert relevance_tier(frozenset(cancer_keys("Lung Cancer Screening")), False, f, no_diagnosis=True) == TIER_OPEN
    assert specificity(frozenset(cancer_keys("Lung Cancer")), f) == 1.0
    assert specificity(frozenset(cancer_keys("Breast Cancer; Lung Cancer; Prostate Cancer; Colon Cancer")), f) < 0.5


def test_other_disease_never_outranks_relevant(matcher):
    for profile in (EGFR_NSCLC, HR_POS_METASTATIC):
        f = profile_facts(profile)
        res = matcher.match(profile, k=30)
        tiers = []
        for m in res.results:
            t = matcher.trials[matcher.index.position[m.nct_id]]
            keys = frozenset(cancer_keys(f"{'; '.join(t.conditions)}. {t.title}"))
            tiers.append(relevance_tier(keys, False, f) == TIER_OTHER)
        # once a trial for another disease appears, no trial for the patient's cancer follows it
        if True in tiers:
            assert not any(not x for x in tiers[tiers.index(True):])


def test_parse_cache_is_saved_with_index(settings, matcher):
    folder = next((settings.home / "trials").glob("*/dense.npy")).parent
    feat_file = folder / f"features-{_features_version()}.json"  # versioned by the rules and vocabulary
    assert (folder / "criteria.json").is_file() and feat_file.is_file()
    again = TrialMatcher(settings, embedder=matcher.embedder)
    t = matcher.trials[0]
    assert [c.text for c in again.criteria(t)] == [c.text for c in split_criteria(t.eligibility_criteria)]
    feats = json.loads(feat_file.read_text())
    assert len(feats) == len(matcher.trials)


def test_any_prior_systemic_therapy_rule():
    f = profile_facts(EGFR_NSCLC)  # osimertinib, stage IV
    inc = Criterion(text="No prior systemic therapy for advanced or metastatic NSCLC", kind="inclusion")
    assert judge_criterion(inc, f).verdict == "not_met"
    naive = Criterion(text="Participants with previously untreated metastatic NSCLC", kind="inclusion")
    assert judge_criterion(naive, f).verdict == "not_met"
    early = profile_facts(PatientProfile(cancer_type="breast cancer", stage_group="II", treatments=[Treatment(name="paclitaxel")]))
    assert judge_criterion(inc, early).verdict == "unknown"  # setting of the paclitaxel not recorded


def test_title_line_of_therapy_focus():
    f = profile_facts(EGFR_NSCLC)
    first = Trial(nct_id="NCT00000001", title="Drug X in Previously Untreated Metastatic NSCLC", conditions=["NSCLC"])
    later = Trial(nct_id="NCT00000002", title="Drug Y in Previously Treated Advanced NSCLC", conditions=["NSCLC"])
    line = {t.nct_id: [v.verdict for v in focus_verdicts(t, f) if v.topic == "focus:line"] for t in (first, later)}
    assert line == {"NCT00000001": ["not_met"], "NCT00000002": ["met"]}


def test_lung_subtype_from_histology():
    sclc = profile_facts(PatientProfile(cancer_type="lung cancer", histology="small cell carcinoma"))
    nsclc = profile_facts(PatientProfile(cancer_type="lung cancer", histology="adenocarcinoma"))
    assert "sclc" in sclc.cancer and "nsclc" not in sclc.cancer
    assert "nsclc" in nsclc.cancer
