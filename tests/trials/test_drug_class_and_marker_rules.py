"""Drug classes named by their members, by their target or by an unlisted drug name, systemic therapy with example
classes, melanoma subtypes, "known" markers with no result, "non-" markers, number words and age wordings, and
toxicity items for untreated patients. Example wordings are our own."""

from __future__ import annotations

from oncoguide.records.model import Biomarker, Evidence, Treatment
from oncoguide.trials.facts import PatientFacts
from tests.trials.helpers import facts
from tests.trials.helpers import verdict as _v


def _facts(**kw) -> PatientFacts:
    return facts(**kw)


def _drugs(*names: str, cls: str | None = None) -> list[Treatment]:
    return [Treatment(name=n, kind="drug", drug_class=cls) for n in names]


def _breast(**kw) -> PatientFacts:
    return _facts(cancer_type="breast cancer", histology=None, sex="female", **kw)


def test_member_drug_does_not_stand_for_its_whole_class():
    f = _breast(treatments=_drugs("anastrozole"))
    assert _v("Prior therapy with a CDK4/6 inhibitor or with fulvestrant", f, "exclusion") == "met"
    g = _breast(treatments=_drugs("fulvestrant"))
    assert _v("Prior therapy with a CDK4/6 inhibitor or with fulvestrant", g, "exclusion") == "not_met"
    h = _breast(treatments=_drugs("anastrozole"))
    assert _v("Prior endocrine therapy of any kind", h, "exclusion") == "not_met"


def test_regimen_quoted_by_its_name_matches_a_named_regimen():
    quote = Evidence(document="text", start=10, end=16, quote="FOLFOX")
    f = _facts(cancer_type="colon cancer", histology=None,
               treatments=[Treatment(name="fluorouracil", kind="drug", evidence=quote)])
    assert _v("Previously received FOLFOX for metastatic disease", f) == "met"
    g = _facts(cancer_type="colon cancer", histology=None, treatments=_drugs("capecitabine"))
    assert _v("Previously received FOLFOX for metastatic disease", g) == "not_met"


def test_antibody_inside_a_conjugate_name_is_not_the_antibody():
    f = _facts(cancer_type="gastric cancer", histology=None, treatments=_drugs("trastuzumab", "capecitabine"))
    assert _v("One or more prior lines containing an ADC such as trastuzumab emtansine", f) == "not_met"


def test_anti_angiogenic_class_covers_vegfr_kinase_inhibitors():
    f = _facts(cancer_type="renal cell carcinoma", histology=None, treatments=_drugs("axitinib"))
    assert _v("Received prior antiangiogenic agents", f, "exclusion") == "not_met"
    assert _v("Received prior antiangiogenic agents", _facts(prior_systemic_therapy=False), "exclusion") == "met"


def test_radiopharmaceutical_class():
    f = _breast(treatments=_drugs("letrozole"))
    assert _v("Previous radioligand treatment", f, "exclusion") == "met"


def test_class_named_by_its_target_is_absent_when_every_medicine_is_known():
    f = _facts(treatments=_drugs("osimertinib"))
    assert _v("Earlier exposure to a SHP2 inhibitor", f, "exclusion") == "met"
    assert _v("Earlier exposure to a HER2 inhibitor", _breast(treatments=_drugs("lapatinib")), "exclusion") == "not_met"
    unknown = _facts(treatments=_drugs("zz-4411"))
    assert _v("Earlier exposure to a SHP2 inhibitor", unknown, "exclusion") == "unknown"
    assert _v("Treatment with strong CYP3A4 inhibitors within 14 days", f, "exclusion") != "met"


def test_unlisted_drug_name_in_a_history_item():
    f = _facts(cancer_type="prostate cancer", histology=None, treatments=_drugs("enzalutamide"))
    assert _v("Has been treated with tarlatamab before", f, "exclusion") == "met"


def test_systemic_therapy_with_example_classes_covers_targeted_drugs():
    f = _facts(treatments=_drugs("alectinib"))
    item = "Prior systemic therapy for metastatic NSCLC (for example chemotherapy or immunotherapy)"
    assert _v(item, f, "exclusion") == "not_met"
    assert _v("Any systemic therapy for metastatic disease, or major surgery in the last month", f,
              "exclusion") != "met"


def test_melanoma_subtypes():
    f = _facts(cancer_type="melanoma", histology="cutaneous melanoma")
    assert _v("Uveal melanoma", f, "exclusion") == "met"
    assert _v("Metastatic melanoma of uveal origin", f) == "not_met"


def test_known_marker_with_no_result_is_not_known():
    f = _facts(histology="squamous cell carcinoma")
    item = "Tumour carries a known ALK fusion; patients whose ALK status is unknown can take part"
    assert _v(item, f, "exclusion") == "met"
    assert _v("No known ROS1 fusion in the tumour", f) == "met"
    assert _v("Tumour carries a known ALK fusion", f, "exclusion") == "unknown"  # plain "known": asked
    g = _facts(cancer_type="colon cancer", histology=None, biomarkers=[Biomarker(name="MSI", status="positive")])
    assert _v("Participants must have no known MSI-H disease", g) == "not_met"


def test_non_prefix_flips_marker_requirement():
    f = _facts(cancer_type="colon cancer", histology=None, biomarkers=[Biomarker(name="MSI", status="positive")])
    assert _v("Metastatic non-MSI-H colorectal cancer", f) == "not_met"


def test_parenthesis_between_marker_and_status():
    f = _breast(biomarkers=[Biomarker(name="ER", status="negative"), Biomarker(name="PR", status="negative")])
    assert _v("Hormone receptor (ER/PR) negative per local testing", f) == "met"


def test_number_words_and_more_than_in_performance_status():
    assert _v("ECOG performance status of zero or one", _facts(ecog=1)) == "met"
    assert _v("ECOG more than 2", _facts(ecog=1), "exclusion") == "met"


def test_age_wordings():
    assert _v("Age: from 20 to 60 years old", _facts(age=63)) == "not_met"
    assert _v("Adults must be over the age of 21", _facts(age=63)) == "met"
    assert _v("Anyone under the age of 18 or over the age of 80", _facts(age=63), "exclusion") == "met"
    assert _v("Anyone under the age of 18 or over the age of 80", _facts(age=85), "exclusion") == "not_met"


def test_untreated_patient_has_no_toxicity_to_recover_from():
    f = _facts(prior_systemic_therapy=False)
    assert _v("Recovered from side effects of prior therapy to CTCAE grade 1 or lower", f) == "met"


def test_primary_cns_tumour_is_a_cancer_type():
    f = _facts(cancer_type="colon cancer", histology=None)
    assert _v("Primary CNS tumours", f, "exclusion") == "met"
