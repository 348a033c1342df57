"""Retrieval + eligibility + ranking on a small index built from a slice of the real file."""

from __future__ import annotations

import json

import pytest

from oncoguide.records.model import Biomarker, PatientProfile, Treatment
from oncoguide.trials.facts import profile_facts
from oncoguide.trials.matcher import TrialMatcher, hard_filter, profile_query

from .test_eligibility import EGFR_NSCLC, HR_POS_METASTATIC


def test_index_is_cached_and_reused(settings, matcher):
    cached = list((settings.home / "trials").glob("*/dense.npy"))
    assert len(cached) == 1
    again = TrialMatcher(settings, embedder=matcher.embedder)
    assert (again.index.dense == matcher.index.dense).all()


def test_breast_profile_gets_breast_trials_first(matcher):
    res = matcher.match(HR_POS_METASTATIC, k=10)
    assert "breast" in res.query and "ER-positive" in res.query
    top = res.results[:5]
    assert all("breast" in (m.title + " ".join(c.text for c in m.criteria)).lower() for m in top)
    labels = [m.eligibility for m in res.results]
    # ranked by eligibility: no "unlikely" above a "likely"
    assert labels.index("unlikely") > max(i for i, x in enumerate(labels) if x == "likely") if "unlikely" in labels and "likely" in labels else True
    for m in res.results:
        assert m.criteria and all(c.evidence for c in m.criteria)
        for c in m.criteria:
            if c.verdict == "unknown":
                assert c.question


def test_lung_profile_ranks_lung_trials(matcher):
    res = matcher.match(EGFR_NSCLC, k=5)
    assert sum("lung" in (m.title).lower() or "nsclc" in m.title.lower() for m in res.results) >= 3


def test_json_shape_is_exact(matcher):
    out = matcher.match(HR_POS_METASTATIC, k=3).to_json()
    assert set(out) == {"results"} and len(out["results"]) == 3
    r = out["results"][0]
    assert set(r) == {"nct_id", "title", "score", "eligibility", "criteria"}
    assert r["eligibility"] in {"likely", "unlikely", "unknown"}
    assert set(r["criteria"][0]) == {"text", "kind", "verdict", "evidence"}
    json.dumps(out)


def test_hard_filters_are_explained(matcher):
    res = matcher.match(HR_POS_METASTATIC, recruiting=True, country="United States", k=50)
    assert res.filtered.get("status not recorded", 0) > 0
    for m in res.results:
        assert m.status and "United States" in (m.locations or [])
    man = HR_POS_METASTATIC.model_copy(update={"sex": "male"})
    keep, why = hard_filter(matcher.trials, profile_facts(man), None, False)
    assert why.get("female participants only", 0) > 0 and not keep.all()


def test_bad_input(matcher):
    with pytest.raises(ValueError, match="no cancer type"):
        matcher.match(PatientProfile(), k=5)
    with pytest.raises(TypeError):
        matcher.match({"cancer_type": "breast"}, k=5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        matcher.match(HR_POS_METASTATIC, k=0)


def test_profile_query_words():
    p = PatientProfile(cancer_type="breast cancer", stage_group="IV",
                       biomarkers=[Biomarker(name="HER2", status="positive")], treatments=[Treatment(name="trastuzumab")])
    q = profile_query(p)
    assert "HER2-positive" in q and "metastatic" in q
