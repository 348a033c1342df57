"""Criterion verdicts on real trial criteria against profiles we wrote."""

from __future__ import annotations

from oncoguide.records.model import Biomarker, PatientProfile, Treatment
from oncoguide.trials.criteria import split_criteria
from oncoguide.trials.eligibility import eligibility_label, judge_criterion, judge_trial
from oncoguide.trials.facts import profile_facts
from oncoguide.trials.model import Criterion

HR_POS_METASTATIC = PatientProfile(
    cancer_type="breast cancer", histology="invasive ductal carcinoma", stage_group="IV",
    metastatic_sites=["bone", "liver"], age=58, sex="female", ecog=1, menopausal_status="postmenopausal",
    biomarkers=[Biomarker(name="ER", status="positive", value="90%"), Biomarker(name="PR", status="positive"),
                Biomarker(name="HER2", status="negative", value="IHC 1+")],
    treatments=[Treatment(name="letrozole"), Treatment(name="palbociclib")],
)
EGFR_NSCLC = PatientProfile(
    cancer_type="lung cancer", histology="non-small cell lung cancer, adenocarcinoma", stage_group="IV",
    metastatic_sites=["bone"], age=63, sex="male", ecog=2,
    biomarkers=[Biomarker(name="EGFR", status="positive", value="exon 19 deletion")],
    treatments=[Treatment(name="osimertinib")],
)


def _item(raw_records, nct, startswith):
    return next(c for c in split_criteria(raw_records[nct]["eligibility_criteria"]) if c.text.startswith(startswith))


def test_real_criteria_verdicts_with_evidence(raw_records):
    f = profile_facts(HR_POS_METASTATIC)
    cases = {
        "Recurrent tumor must be hormone receptor positive": "met",
        "Recurrent tumor must be HER2-negative": "met",
        "ECOG performance status 0 or 1": "met",
        "Evidence of distant metastasis": "not_met",          # exclusion that applies
        "Previous treatment with palbociclib": "not_met",     # exclusion: she had palbociclib
        "Pregnant or lactating women": "met",                # postmenopausal: cannot be pregnant, passes the exclusion
    }
    for start, want in cases.items():
        v = judge_criterion(_item(raw_records, "NCT03820830", start), f)
        assert v.verdict == want, (start, v)
        assert v.evidence.startswith(("profile", "criterion")), v.evidence
    v = judge_criterion(_item(raw_records, "NCT03820830", "Evidence of distant metastasis"), f)
    assert v.kind == "exclusion" and "bone" in v.evidence


def test_unknown_carries_a_question(raw_records):
    f = profile_facts(HR_POS_METASTATIC)
    v = judge_criterion(Criterion(text="Measurable disease per RECIST 1.1", kind="inclusion"), f)
    assert v.verdict == "unknown" and v.question and "RECIST" in v.question
    assert "Ask the trial team" in v.evidence


def test_old_layout_negated_inclusion(raw_records):
    # "No brain metastases" under an inclusion heading is an absence requirement
    f = profile_facts(HR_POS_METASTATIC)
    v = judge_criterion(_item(raw_records, "NCT00003135", "No brain metastases"), f)
    assert v.verdict == "met"
    brain = profile_facts(HR_POS_METASTATIC.model_copy(update={"metastatic_sites": ["brain"]}))
    assert judge_criterion(_item(raw_records, "NCT00003135", "No brain metastases"), brain).verdict == "not_met"


def test_biomarker_ecog_and_stage_rules():
    f = profile_facts(EGFR_NSCLC)
    def v(text, kind="inclusion"):
        return judge_criterion(Criterion(text=text, kind=kind), f).verdict
    assert v("Documented EGFR exon 19 deletion or L858R mutation") == "met"
    assert v("Known ALK rearrangement", "exclusion") == "unknown"          # never tested
    assert v("ECOG performance status of 0 or 1") == "not_met"             # ECOG 2
    assert v("Early-stage, completely resected NSCLC") == "not_met"        # stage IV
    assert v("Histologically confirmed small cell lung cancer") == "not_met"
    assert v("Prior treatment with an EGFR TKI such as osimertinib") == "met"
    assert v("Female patients aged 18 or older") == "not_met"


def test_whole_real_trial_label(by_id):
    f = profile_facts(HR_POS_METASTATIC)
    verdicts = judge_trial(by_id["NCT03820830"], f)  # locoregional recurrence, excludes distant metastasis
    assert eligibility_label(verdicts) == "unlikely"
    assert any(v.hard and v.topic == "age" and v.verdict == "met" for v in verdicts)
    assert {v.verdict for v in verdicts} >= {"met", "not_met", "unknown"}
