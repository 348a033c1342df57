"""Treatment-history and disease-course criteria (self-written items) judged from the new profile facts:
treatment-naive, therapy for advanced disease, newly diagnosed vs recurrent / relapsed / refractory, and
standard options exhausted; unknown with a question from the wording file when the profile cannot decide."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile
from oncoguide.records.model import PatientProfile, Treatment
from oncoguide.trials.eligibility import focus_verdicts, judge_criterion
from oncoguide.trials.facts import PatientFacts, profile_facts
from oncoguide.trials.model import Criterion, Trial
from oncoguide.wording import trial_question


def _facts(**kw) -> PatientFacts:
    base = {"cancer_type": "melanoma", "stage_group": "IV", "metastatic_sites": ["lung"], "age": 50, "sex": "male", "ecog": 0}
    base.update(kw)
    return profile_facts(PatientProfile(**base))


def _judge(text: str, f: PatientFacts, kind: str = "inclusion"):
    return judge_criterion(Criterion(text=text, kind=kind), f)  # type: ignore[arg-type]


NAIVE = {"prior_systemic_therapy": False}
TREATED = {"treatments": [Treatment(name="nivolumab", drug_class="PD-1 inhibitor", status="prior")]}


@pytest.mark.parametrize(("text", "kind", "naive", "treated"), [
    ("No prior systemic therapy for advanced disease", "inclusion", "met", "not_met"),
    ("Previously untreated unresectable melanoma", "inclusion", "met", "not_met"),
    ("Prior treatment with a PD-1 inhibitor", "exclusion", "met", "not_met"),
    ("Must have received at least one prior line of systemic therapy", "inclusion", "not_met", "met"),
    ("Has not received any systemic therapy", "inclusion", "met", "not_met"),
])
def test_untreated_patient_is_decided(text, kind, naive, treated):
    assert _judge(text, _facts(**NAIVE), kind).verdict == naive
    assert _judge(text, _facts(**TREATED), kind).verdict == treated


def test_untreated_unknown_when_records_are_silent():
    v = _judge("No prior systemic therapy for advanced disease", _facts())
    assert v.verdict == "unknown" and v.question


def test_progressed_or_intolerant_to_prior_therapy_needs_prior_therapy():
    text = "Progressed after, or intolerant to, prior standard therapy"
    assert _judge(text, _facts(**NAIVE)).verdict == "not_met"
    assert _judge(text, _facts(**TREATED)).verdict == "met"


def test_adjuvant_only_patient_has_no_therapy_for_metastatic_disease():
    f = _facts(treatments=[Treatment(name="letrozole", drug_class="aromatase inhibitor", status="prior")],
               prior_therapy_for_advanced=False, cancer_type="breast cancer", sex="female")
    assert _judge("No prior systemic therapy for metastatic breast cancer", f).verdict == "met"
    assert _judge("Prior chemotherapy for metastatic disease", f, "exclusion").verdict == "met"


def test_newly_diagnosed_without_medicines_counts_as_untreated():
    f = _facts(cancer_type="glioblastoma", stage_group=None, metastatic_sites=[], disease_status="newly_diagnosed")
    assert f.prior_systemic is False and f.exhausted is False
    assert _judge("No prior chemotherapy for glioblastoma", f).verdict == "met"


@pytest.mark.parametrize(("text", "want"), [
    ("Recurrent or refractory glioblastoma", {"newly_diagnosed": "not_met", "recurrent": "met", "progressive": "met"}),
    ("Newly diagnosed glioblastoma", {"newly_diagnosed": "met", "recurrent": "not_met", "relapsed": "not_met"}),
    ("Relapsed or refractory disease after at least one prior therapy", {"relapsed": "met", "newly_diagnosed": "not_met"}),
])
def test_disease_course(text, want):
    for status, verdict in want.items():
        f = _facts(cancer_type="glioblastoma", stage_group=None, metastatic_sites=[], disease_status=status,
                   **({} if status == "newly_diagnosed" else TREATED))
        assert _judge(text, f).verdict == verdict, (text, status)


def test_course_unknown_asks_the_wording_file_question():
    v = _judge("Recurrent glioblastoma", _facts(cancer_type="glioblastoma", stage_group=None, metastatic_sites=[], **TREATED))
    assert v.verdict == "unknown" and v.question == trial_question("disease_course")


def test_relapsed_needs_earlier_treatment():
    # an untreated patient cannot have relapsed after, or resisted, treatment
    assert _judge("Relapsed or refractory follicular lymphoma", _facts(cancer_type="lymphoma", histology="follicular lymphoma",
                                                                         **NAIVE)).verdict == "not_met"


@pytest.mark.parametrize("text", [
    "Recurrent or metastatic head and neck cancer",   # a stage alternative: the stage rule judges it
    "Recurrent tumour must be HER2-negative",          # the tumour a marker is tested on
    "Oncotype DX Recurrence Score of 26 or higher",
    "Newly diagnosed or recurrent disease",            # both admitted
])
def test_items_that_set_no_course_requirement(text):
    v = _judge(text, _facts(disease_status="newly_diagnosed", cancer_type="breast cancer"))
    assert "disease_course" not in (v.topic or "")


def test_standard_options_exhausted():
    text = "Solid tumour for which standard treatment options have been exhausted"
    assert _judge(text, _facts(disease_status="newly_diagnosed")).verdict == "not_met"
    assert _judge(text, _facts(standard_options_exhausted=True, **TREATED)).verdict == "met"
    v = _judge(text, _facts(**TREATED))
    assert v.verdict == "unknown" and v.question == trial_question("standard_options")


def test_free_text_flows_through_extraction():
    f = profile_facts(extract_profile("48-year-old man with metastatic melanoma, lung metastases, no prior systemic "
                                      "treatment. ECOG 0."))
    assert _judge("Prior anti-PD-1 therapy", f, "exclusion").verdict == "met"
    assert _judge("Previously treated with at least one line of therapy", f).verdict == "not_met"


def test_title_focus_uses_untreated_and_course():
    trial = Trial(nct_id="NCT00000000", title="A Study in Previously Untreated Advanced Melanoma", conditions=["Melanoma"])
    line = [v for v in focus_verdicts(trial, _facts(**NAIVE)) if v.topic == "focus:line"]
    assert [v.verdict for v in line] == ["met"]
    newly = Trial(nct_id="NCT00000001", title="A Study in Newly Diagnosed Glioblastoma", conditions=["Glioblastoma"])
    recurred = _facts(cancer_type="glioblastoma", disease_status="recurrent", **TREATED)
    assert [v.verdict for v in focus_verdicts(newly, recurred) if v.topic == "focus:course"] == ["not_met"]
    # a relapsed-disease title for a newly diagnosed, untreated patient fails on the line of therapy
    relapsed = Trial(nct_id="NCT00000002", title="A Study in Relapsed Lymphoma", conditions=["Lymphoma"])
    fresh = _facts(cancer_type="lymphoma", disease_status="newly_diagnosed")
    assert [v.verdict for v in focus_verdicts(relapsed, fresh) if v.topic == "focus:line"] == ["not_met"]
