"""Inline examples for the criterion mechanisms: ECOG ranges, exclusion polarity, exception clauses,
negated curative-intent wording, histology exclusions, HER2 expression ranges."""

from __future__ import annotations

import pytest

from oncoguide.records.model import Biomarker, PatientProfile, Treatment
from oncoguide.trials.facts import PatientFacts, profile_facts
from tests.trials.helpers import facts
from tests.trials.helpers import verdict as _v


def _facts(**kw) -> PatientFacts:
    return facts(**kw)


@pytest.mark.parametrize("text", [
    "Eastern Cooperative Oncology Group (ECOG) performance status of 0 or 1.",
    "Has an ECOG performance status score of 0 to 1",
    "Eastern Cooperative Oncology Group (ECOG) performance status =\\< 1",
    "ECOG performance status 0-1",
])
def test_ecog_ranges_and_escaped_operators(text):
    assert _v(text, _facts(ecog=1)) == "met"
    assert _v(text, _facts(ecog=2)) == "not_met"
    assert _v(text, _facts(ecog=None)) == "unknown"


def test_ecog_of_single_value_still_read():
    assert _v("ECOG performance status of 0", _facts(ecog=1)) == "not_met"
    assert _v("ECOG performance status of 0, 1, or 2", _facts(ecog=2)) == "met"
    assert _v("ECOG performance status of 0, 1, or 2", _facts(ecog=3)) == "not_met"


def test_stated_exclusion_inside_an_item_is_absence_in_either_section():
    f = profile_facts(PatientProfile(cancer_type="breast cancer", stage_group="IV", sex="female",
                                     treatments=[Treatment(name="letrozole"), Treatment(name="palbociclib")]))
    assert _v("Prior CDK4/6 inhibitors are not allowed", f, "exclusion") == "not_met"
    assert _v("Prior CDK4/6 inhibitors are not allowed", f, "inclusion") == "not_met"


def test_timing_in_an_exception_clause_does_not_hide_the_main_requirement():
    text = ("NOTE: Prior treatment with an EGFR TKI is not allowed, however if a candidate has already started "
            "osimertinib within 21 days prior to randomization, the patient will be eligible")
    assert _v(text, _facts(treatments=[Treatment(name="osimertinib")])) == "not_met"
    assert _v(text, _facts(treatments=[Treatment(name="carboplatin")])) == "met"


def test_without_previous_treatment_is_a_systemic_therapy_requirement():
    text = "Histologically confirmed as invasive breast cancer and without previous treatment."
    treated = profile_facts(PatientProfile(cancer_type="breast cancer", stage_group="IV", sex="female",
                                           treatments=[Treatment(name="trastuzumab"), Treatment(name="docetaxel")]))
    unrecorded = profile_facts(PatientProfile(cancer_type="breast cancer", stage_group="II", sex="female"))
    assert _v(text, treated) == "not_met"
    assert _v(text, unrecorded) == "unknown"  # no treatments recorded is not "untreated"


def test_exempt_drugs_after_except():
    text = "No prior treatment for CLL/SLL, except steroids and/or rituximab to treat autoimmune complications"
    cll = {"cancer_type": "chronic lymphocytic leukemia", "age": 71, "sex": "male"}
    assert _v(text, profile_facts(PatientProfile(**cll, treatments=[Treatment(name="ibrutinib")]))) == "not_met"
    assert _v(text, profile_facts(PatientProfile(**cll, treatments=[Treatment(name="rituximab")]))) == "met"
    assert _v(text, profile_facts(PatientProfile(**cll))) == "unknown"


def test_naive_and_treated_both_allowed_except_names_the_exclusion():
    text = ("Previous treatment for CLL/SLL - Part 1: Treatment-naïve and previously treated, except prior exposure "
            "to BTK inhibitor (covalent or noncovalent).")
    f = profile_facts(PatientProfile(cancer_type="chronic lymphocytic leukemia", treatments=[Treatment(name="ibrutinib")]))
    assert _v(text, f, "exclusion") == "not_met"


def test_timed_treatment_item_is_not_administrative():
    text = "Radiotherapy within 12 weeks prior to registration unless new enhancement is outside the radiation field"
    f = profile_facts(PatientProfile(cancer_type="glioblastoma", age=54, sex="male"))
    assert _v(text, f, "exclusion") == "unknown"


def test_any_menopausal_status_does_not_hide_the_age_limit():
    text = "Men and women with any menopausal status ≥18 years of age"
    assert _v(text, _facts(age=66)) == "met"
    assert _v(text, _facts(age=16)) == "not_met"


def test_not_amenable_to_curative_treatment_is_advanced_disease():
    text = "Has locally advanced or metastatic NSCLC, not amenable to curative surgery or radiation"
    assert _v(text, _facts()) == "met"
    assert _v(text, _facts(stage_group="I", metastatic_sites=[])) == "not_met"


def test_cancer_named_in_negated_or_exclusion_items():
    gbm = profile_facts(PatientProfile(cancer_type="glioma", histology="glioblastoma", age=54, sex="male"))
    # the disease is context here, the requirement is about treatment the records do not list
    assert _v("No prior treatment for GBM other than surgical resection and carmustine wafer placement", gbm) == "unknown"
    squamous = _facts(histology="non-small cell lung cancer, squamous cell", stage_group="III", metastatic_sites=[])
    text = "Histologically confirmed tumor containing components of small cell lung cancer, neuroendocrine carcinoma"
    assert _v(text, squamous, "exclusion") == "met"
    sclc = _facts(histology="small cell lung cancer")
    assert _v(text, sclc, "exclusion") != "met"  # a matching name is never turned into a pass


def test_her2_expression_range():
    text = "HER2 expression (1-3+) by IHC locally and confirmed centrally"

    def her2(status, value=None):
        return profile_facts(PatientProfile(cancer_type="gastric cancer", biomarkers=[Biomarker(name="HER2", status=status, value=value)]))

    assert _v(text, her2("positive")) == "met"
    assert _v(text, her2("negative", "IHC 1+")) == "met"
    assert _v(text, her2("negative", "IHC 0")) == "not_met"
    assert _v(text, her2("negative")) == "unknown"
