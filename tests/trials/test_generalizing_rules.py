"""Recurring criterion wordings: brain-metastasis phrasing, age / performance-scale items, washout intervals,
untreated / already-treated items, notes that exempt, marker qualifiers on other cancers in a list, organ lists,
"no known diagnosis of" the patient's own cancer, and measurable-or-not disease."""

from __future__ import annotations

from oncoguide.records.model import Biomarker, Treatment
from oncoguide.trials.facts import PatientFacts
from tests.trials.helpers import facts
from tests.trials.helpers import verdict as _v


def _facts(**kw) -> PatientFacts:
    return facts(**kw)


def test_cns_with_abbreviation_in_brackets_is_brain_metastases():
    assert _v("Untreated central nervous system (CNS) metastases", _facts(), "exclusion") == "met"


def test_primary_brain_tumour_is_no_brain_metastasis():
    f = _facts(cancer_type="melanoma", histology=None, metastatic_sites=["liver"])
    assert _v("Advanced solid tumour, including primary brain tumors, for the escalation part", f) == "met"


def test_stage_words_of_a_concurrent_cancer_are_not_the_patients_stage():
    f = _facts(cancer_type="breast cancer", histology=None, sex="female",
               biomarkers=[Biomarker(name="HER2", status="negative")])
    assert _v("Concurrent HER2-positive metastatic breast cancer", f, "exclusion") == "met"


def test_age_n_or_older_without_years():
    assert _v("Age 21 or older", _facts()) == "met"
    assert _v("Age 70 or older", _facts()) == "not_met"


def test_age_that_picks_the_performance_scale_is_no_limit():
    text = "Performance status: Karnofsky ≥ 50 for those older than 16 years, Lansky ≥ 50 for those 16 years or younger"
    assert _v(text, _facts(age=40, ecog=1)) == "met"


def test_any_age_and_both_sexes():
    assert _v("Men or women of any age", _facts()) == "met"


def test_karnofsky_named_with_performance_status():
    assert _v("Karnofsky performance status (KPS) of at least 70", _facts(ecog=1)) == "met"
    assert _v("Karnofsky performance status (KPS) of at least 70", _facts(ecog=3)) == "not_met"


def test_washout_is_cleared_by_an_untreated_patient_and_asked_of_a_treated_one():
    text = "Washout: at least 3 weeks since prior chemotherapy and 2 weeks since prior radiotherapy"
    untreated = _facts(prior_systemic_therapy=False)
    assert _v(text, untreated) == "met"
    treated = _facts(treatments=[Treatment(name="carboplatin", kind="drug")])
    assert _v(text, treated) == "unknown"


def test_still_untreated_and_already_treated():
    treated = _facts(treatments=[Treatment(name="pemetrexed", kind="drug")])
    assert _v("Disease still untreated", treated) == "not_met"
    assert _v("Patients who have already been treated", treated) == "met"


def test_not_yet_received_is_an_absence_requirement():
    treated = _facts(treatments=[Treatment(name="docetaxel", kind="drug")])
    assert _v("Patients with NSCLC who have not yet received chemotherapy", treated) == "not_met"


def test_allowed_in_a_note_does_not_permit_the_main_item():
    text = "Prior chemotherapy for metastatic disease (note: adjuvant chemotherapy is allowed)"
    treated = _facts(treatments=[Treatment(name="docetaxel", kind="drug")])
    assert _v(text, treated, "exclusion") != "met"


def test_marker_on_another_cancer_in_a_list_is_not_asked():
    text = "Expansion cohorts: gastric cancer, HER2-positive breast cancer, or non-small cell lung cancer"
    assert _v(text, _facts()) == "met"


def test_organ_list_after_cancer_of_the():
    assert _v("Metastatic cancer of the pancreas, lung, or stomach", _facts()) == "met"


def test_no_known_diagnosis_of_own_cancer_fails():
    assert _v("No known diagnosis of lung cancer", _facts()) == "not_met"


def test_measurable_or_not_disease_is_met_with_metastatic_disease():
    assert _v("Measurable or non-measurable disease is acceptable", _facts()) == "met"
    assert _v("Evaluable disease", _facts()) == "met"
    early = _facts(stage_group="I", metastatic_sites=[], treatments=[Treatment(name="lobectomy", kind="surgery")])
    assert _v("Evaluable disease", early) == "unknown"
