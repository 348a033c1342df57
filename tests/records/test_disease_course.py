"""Treatment history and disease course read from short, self-written record sentences: treatment-naive or not,
therapy for advanced disease, newly diagnosed / recurrent / relapsed / refractory / progressive, standard options
exhausted, with negation and hypothetical wording, and how several documents merge."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile
from oncoguide.records.merge import merge_profiles


@pytest.mark.parametrize("text", [
    "61-year-old woman with newly diagnosed lung adenocarcinoma, no prior treatment.",
    "Metastatic melanoma. No prior systemic therapy.",
    "She is treatment-naive.",
    "Previously untreated follicular lymphoma.",
    "He has not received any anticancer therapy.",
])
def test_stated_untreated_is_false(text):
    p = extract_profile(text)
    assert p.prior_systemic_therapy is False
    assert p.evidence["prior_systemic_therapy"].quote  # quoted from the text


def test_negated_untreated_means_treated():
    # "not previously untreated" / "no longer treatment-naive": the negation turns the untreated word around
    assert extract_profile("The patient is not previously untreated.").prior_systemic_therapy is True
    assert extract_profile("She is no longer treatment-naive.").prior_systemic_therapy is True


def test_a_list_of_negatives_does_not_turn_no_prior_treatment_around():
    p = extract_profile("No fever, no weight loss, no prior treatment.")
    assert p.prior_systemic_therapy is False


def test_hypothetical_untreated_is_not_a_fact():
    # "if untreated" describes what would happen, not the patient
    assert extract_profile("If untreated the cancer may spread.").prior_systemic_therapy is None


def test_a_recorded_drug_means_prior_systemic_therapy():
    p = extract_profile("Metastatic colon cancer, progressed on FOLFOX.")
    assert p.prior_systemic_therapy is True
    ev = p.evidence["prior_systemic_therapy"]
    assert ev.inferred and "FOLFOX" in ev.quote


def test_drug_beats_no_prior_statement_in_the_same_record():
    # "no prior chemotherapy" is class-specific, and tamoxifen was given: treated
    p = extract_profile("No prior chemotherapy. Currently on tamoxifen.")
    assert p.prior_systemic_therapy is True


def test_therapy_words_without_a_drug_name():
    assert extract_profile("Heavily pretreated ovarian cancer.").prior_systemic_therapy is True
    assert extract_profile("She completed adjuvant chemotherapy in 2019.").prior_systemic_therapy is True
    # planned therapy was not given
    assert extract_profile("Plan to start chemotherapy next week.").prior_systemic_therapy is None


def test_nothing_said_is_none():
    p = extract_profile("58-year-old man with stage III lung cancer, ECOG 1.")
    assert p.prior_systemic_therapy is None and p.disease_status is None and p.standard_options_exhausted is None


def test_setting_of_earlier_treatment():
    p = extract_profile("Breast cancer, adjuvant letrozole until 2022; no prior systemic therapy for metastatic disease.")
    assert p.prior_systemic_therapy is True  # letrozole was given
    assert p.prior_therapy_for_advanced is False
    assert extract_profile("Received two lines of chemotherapy for metastatic disease.").prior_therapy_for_advanced is True


@pytest.mark.parametrize(("text", "status"), [
    ("Newly diagnosed glioblastoma after resection.", "newly_diagnosed"),
    ("Recurrent glioblastoma, IDH wild-type.", "recurrent"),
    ("Her ovarian cancer recurred in 2023.", "recurrent"),
    ("Relapsed diffuse large B-cell lymphoma.", "relapsed"),
    ("Primary refractory Hodgkin lymphoma.", "refractory"),
    ("Lung cancer that progressed on osimertinib.", "progressive"),
    # recurrence words beat "newly diagnosed" in one document: the record is about the later course
    ("Newly diagnosed in 2019; now relapsed myeloma.", "relapsed"),
])
def test_disease_status_words(text, status):
    p = extract_profile(text)
    assert p.disease_status == status
    assert p.evidence["disease_status"].quote


@pytest.mark.parametrize("text", [
    "Breast cancer, no recurrence on the latest scan.",
    "No evidence of recurrence.",
    "Oncotype DX recurrence score 18.",
    "Low risk of recurrence after surgery.",
    "Possible recurrence in the liver.",      # uncertain
    "Recurrent urinary tract infections.",    # not the cancer
    "Progression-free for 2 years.",
])
def test_negated_uncertain_or_unrelated_course_words_are_ignored(text):
    assert extract_profile(text).disease_status is None


def test_standard_options_exhausted():
    assert extract_profile("Sarcoma; standard options have been exhausted.").standard_options_exhausted is True
    assert extract_profile("No further standard treatment options.").standard_options_exhausted is True
    assert extract_profile("If standard options are exhausted, consider a trial.").standard_options_exhausted is None


def test_merge_keeps_latest_course_and_treated_wins():
    first = extract_profile("Newly diagnosed breast cancer, no prior treatment.", document="a", date="2021-01")
    later = extract_profile("Recurrent breast cancer after adjuvant anastrozole.", document="b", date="2024-05")
    merged = merge_profiles([later, first])  # input order differs from date order
    assert merged.disease_status == "recurrent"
    assert merged.evidence["disease_status"].document == "b"
    assert merged.prior_systemic_therapy is True
    # untreated in every document stays untreated
    both_naive = merge_profiles([first, extract_profile("No prior systemic therapy.", document="c", date="2021-02")])
    assert both_naive.prior_systemic_therapy is False
