"""Error kinds that recur across trials, each with self-written criterion wording: childbearing items for women
past childbearing age, brain-metastasis items for primary brain tumours, castrate-level requirements, screening
and at-risk populations, later sentences restating the age limit, several age ranges in one item, unknown marker
status the item itself admits, agents absent from a fully classed treatment history, cancer families named
without an organ, and regimen counting (drugs given together are one line)."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile
from oncoguide.records.model import Treatment
from oncoguide.trials.eligibility import judge_criterion
from oncoguide.trials.facts import PatientFacts, profile_facts
from oncoguide.trials.model import Criterion
from oncoguide.wording import trial_question
from tests.trials.helpers import BREAST, facts
from tests.trials.helpers import verdict as _v


def _facts(**kw) -> PatientFacts:
    return facts(BREAST, **kw)


# ---------------------------------------------------------------- childbearing / contraception

@pytest.mark.parametrize("text", [
    "Women who are pregnant, nursing, or of childbearing potential and not using reliable contraception",
    "Refusal to use an effective method of birth control during treatment and for 6 months afterwards",
])
def test_contraception_exclusion_is_passed_by_who_cannot_conceive(text):
    post = _facts(menopausal_status="postmenopausal")
    assert _v(text, post, "exclusion") == "met"
    assert _v(text, _facts(sex="male", cancer_type="prostate cancer"), "exclusion") == "met"
    old = _facts(age=67)  # no menopausal status recorded, but well past childbearing age
    assert _v(text, old, "exclusion") == "met"


def test_contraception_agreement_inclusion_still_does_not_apply():
    text = "Women of childbearing potential must agree to use two forms of contraception"
    assert _v(text, _facts(menopausal_status="postmenopausal")) == "not_applicable"


def test_young_woman_without_menopause_still_unknown_or_admin():
    text = "Pregnant or breastfeeding women"
    assert _v(text, _facts(age=34), "exclusion") == "unknown"


# ---------------------------------------------------------------- brain metastases and primary brain tumours

@pytest.mark.parametrize("text", [
    "Brain metastases that are not stable on imaging",
    "Symptomatic CNS metastases needing rising steroid doses",
])
def test_brain_metastasis_exclusion_does_not_describe_a_glioma(text):
    f = _facts(cancer_type="glioblastoma", stage_group=None, metastatic_sites=[], disease_status="newly_diagnosed")
    assert _v(text, f, "exclusion") == "met"
    assert _v("Patients with brain metastases from a solid tumour", f) == "not_met"


def test_brain_metastasis_still_asked_of_other_cancers():
    f = _facts(stage_group=None, metastatic_sites=[])
    assert _v("Brain metastases that are not stable on imaging", f, "exclusion") == "unknown"


# ---------------------------------------------------------------- castration

ADT = Treatment(name="degarelix", drug_class="GnRH antagonist", status="current")


@pytest.mark.parametrize("text", [
    "Serum testosterone below 50 ng/dL while on continuous androgen deprivation",
    "Medical or surgical castration with castrate level testosterone",
])
def test_castration_requirement(text):
    on_adt = _facts(cancer_type="prostate cancer", sex="male", treatments=[ADT])
    assert _v(text, on_adt) == "met"
    no_record = _facts(cancer_type="prostate cancer", sex="male")
    v = judge_criterion(Criterion(text=text, kind="inclusion"), no_record)
    assert v.verdict == "unknown" and v.question == trial_question("castration")


def test_castration_resistant_wording_alone_is_not_a_castration_requirement():
    f = _facts(cancer_type="prostate cancer", sex="male")
    v = judge_criterion(Criterion(text="Metastatic castration-resistant prostate cancer", kind="inclusion"), f)
    assert v.question != trial_question("castration")


# ---------------------------------------------------------------- screening / at-risk populations

def test_screening_population_excludes_a_diagnosed_patient():
    f = _facts(cancer_type="pancreatic cancer", sex="male")
    assert _v("Adults at increased risk of developing pancreatic cancer because of family history", f) == "not_met"
    assert _v("People without symptoms being screened for pancreatic cancer", f) == "not_met"
    assert _v("Clinical signs or symptoms of pancreatic cancer", f, "exclusion") == "not_met"
    # a risk named for another cancer, or a mutation "associated with increased risk", decides nothing here
    other = judge_criterion(Criterion(text="Adults at high risk of developing lung cancer", kind="inclusion"), f)
    assert "screening" not in (other.topic or "")
    assert _v("Germline variants associated with an increased risk of pancreatic cancer", f, "exclusion") != "met"


# ---------------------------------------------------------------- age

def test_sentence_restating_the_age_limit_does_not_flip_the_item():
    text = "Age 18 years or older. As no safety data exist for people under 18 years of age, minors are excluded."
    assert _v(text, _facts(age=45)) == "met"
    assert _v(text, _facts(age=15)) == "not_met"


def test_several_age_ranges_in_one_item():
    cohorts = "Age: Cohort A: 20-75 years, Cohort B: 40-75 years"
    assert _v(cohorts, _facts(age=60)) == "met"       # 40-75 lies inside 20-75: the widest is the limit
    assert _v(cohorts, _facts(age=80)) == "not_met"
    disjoint = "Age 30-45 years for carriers of variant A, 50-65 years for carriers of variant B"
    assert _v(disjoint, _facts(age=48)) == "not_met"
    assert _v(disjoint, _facts(age=35)) == "unknown"  # inside one range only: depends on the cohort


# ---------------------------------------------------------------- known marker, unknown status admitted

def test_unknown_status_admitted_by_the_item():
    text = ("Known ROS1 rearrangement is excluded. Patients whose ROS1 status is unknown or indeterminate "
            "are eligible.")
    f = _facts(cancer_type="non-small cell lung cancer")
    assert _v(text, f, "exclusion") == "met"


def test_plain_known_marker_still_asks():
    f = _facts(cancer_type="non-small cell lung cancer")
    assert _v("Known ROS1 rearrangement", f, "exclusion") == "unknown"


# ---------------------------------------------------------------- agents not among a classed history

def test_specific_agent_absent_from_classed_history():
    f = _facts(treatments=[Treatment(name="letrozole", drug_class="aromatase inhibitor", status="prior")])
    assert _v("Prior treatment with XY-1234", f, "exclusion") == "met"
    assert _v("Prior therapy directed against claudin-6", f, "exclusion") == "met"
    # a recorded medicine named in the item, a broad mechanism, or a timing limit: not decided this way
    assert _v("Prior treatment with letrozole-XY conjugate", f, "exclusion") != "met"
    assert _v("Prior treatment with a topoisomerase I inhibitor", f, "exclusion") != "met"


def test_unclassed_medicine_keeps_it_unknown():
    f = _facts(treatments=[Treatment(name="zq-99", status="prior")])
    assert _v("Prior treatment with XY-1234", f, "exclusion") == "unknown"


# ---------------------------------------------------------------- cancer families and "or any other solid tumor"

def test_cancer_families_without_an_organ():
    solid = _facts()
    assert _v("Haematological malignancies", solid, "exclusion") == "met"
    assert _v("Histologically confirmed gynaecologic cancer", _facts(cancer_type="ovarian cancer")) == "met"
    assert _v("Histologically confirmed gynaecologic cancer", solid) == "not_met"
    assert _v("Confirmed melanoma, sarcoma or any other solid tumour", solid) == "met"


# ---------------------------------------------------------------- regimen counting

def test_drugs_given_together_are_one_regimen():
    f = profile_facts(extract_profile("58-year-old woman with metastatic breast cancer, prior docetaxel and "
                                      "cisplatin. ECOG 1.", document="text"))
    assert f.max_lines == 1
    assert _v("More than one chemotherapy regimen for metastatic disease", f, "exclusion") == "met"
    seq = profile_facts(extract_profile("58-year-old woman with metastatic breast cancer, prior docetaxel and "
                                        "eribulin. ECOG 1.", document="text"))
    assert seq.max_lines == 2


def test_named_regimen_inside_a_line_count():
    f = _facts(treatments=[Treatment(name="docetaxel", drug_class="taxane", status="prior"),
                           Treatment(name="eribulin", status="prior")])
    text = "At least 2 prior chemotherapy regimens (including at least one platinum-based regimen)"
    assert _v(text, f) == "not_met"


def test_excluded_tumour_type_list_containing_own_cancer():
    text = "Patients with the following tumour types: sarcoma, breast cancer, thymoma"
    assert _v(text, _facts(), "exclusion") == "not_met"
    assert _v(text, _facts(cancer_type="melanoma"), "exclusion") != "not_met"
