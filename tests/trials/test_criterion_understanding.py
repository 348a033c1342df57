"""Criterion wording the rules must read: pregnancy items for people who cannot be pregnant, age written without
"age", markdown escapes, drug-class synonyms, treatment-setting phrases, line counts, subtypes, histology."""

from __future__ import annotations

from oncoguide.records.model import Evidence, Treatment
from oncoguide.trials.facts import PatientFacts
from oncoguide.trials.rules import lines_bounds
from tests.trials.helpers import facts
from tests.trials.helpers import verdict as _v


def _facts(**kw) -> PatientFacts:
    return facts(**kw)


def _drug(name: str, start: int, end: int) -> Treatment:
    return Treatment(name=name, evidence=Evidence(document="t", start=start, end=end, quote=name))


def test_pregnancy_exclusion_is_passed_by_people_who_cannot_be_pregnant():
    man = _facts()
    post = _facts(sex="female", menopausal_status="postmenopausal")
    assert _v("Women who are expecting a baby or nursing", man, "exclusion") == "met"
    assert _v("Currently pregnant or lactating", post, "exclusion") == "met"
    assert _v("Negative serum pregnancy test for women of childbearing potential", man) == "not_applicable"
    assert _v("Currently pregnant or lactating", _facts(sex="female", menopausal_status="premenopausal"),
              "exclusion") == "unknown"


def test_age_in_a_consent_sentence_is_an_age_item():
    assert _v("At least 18 years of age when signing consent", _facts(age=63)) == "met"
    assert _v("At least 18 years of age when signing consent", _facts(age=16)) == "not_met"


def test_age_written_without_the_word_age():
    assert _v("Participants older than 21 years.", _facts(age=63)) == "met"
    assert _v("Must be 70 years or older", _facts(age=63)) == "not_met"
    assert _v("Anyone under 30", _facts(age=63), "exclusion") == "met"
    assert _v("Anyone under 30", _facts(age=25), "exclusion") == "not_met"


def test_bare_year_counts_about_disease_are_not_age():
    assert _v("Disease-free for 5 years or more", _facts(age=40)) == "unknown"


def test_markdown_escapes_and_bullets_are_read():
    assert _v("Age \\>= 21", _facts(age=63)) == "met"
    assert _v("\\* Male ≥ 21 years", _facts(age=63)) == "met"
    assert _v("\\* Male ≥ 21 years", _facts(age=63, sex="female")) == "not_met"


def test_open_to_all_sexes_is_met():
    assert _v("Participants of any gender", _facts()) == "met"


def test_checkpoint_inhibitor_synonyms():
    f = _facts(treatments=[Treatment(name="nivolumab")])
    for text in ("Previously received PD1/PDL1 blockade", "Prior anti-programmed death ligand 1 antibody",
                 "Prior therapy with CTLA-4 directed agents"):
        assert _v(text, f, "exclusion") == "not_met", text
        assert _v(text, _facts(treatments=[Treatment(name="carboplatin")]), "exclusion") == "met", text


def test_marker_named_as_a_drug_target_is_not_a_tumour_requirement():
    f = _facts(biomarkers=[{"name": "KRAS", "status": "positive", "value": "G12C"}],
               treatments=[Treatment(name="carboplatin")])
    assert _v("Any prior therapy targeting KRASG12C, in any setting", f, "exclusion") == "met"
    assert _v("Tumour carries a KRASG12C mutation", f) == "met"


def test_treatment_setting_words_are_not_a_stage_requirement():
    f = _facts(sex="female", cancer_type="breast cancer", histology="ductal carcinoma",
               treatments=[Treatment(name="paclitaxel")])
    assert _v("More than one line of hormonal treatment for metastatic breast cancer", f, "exclusion") == "met"


def test_line_bounds_are_parsed():
    assert lines_bounds("no more than 3 prior lines") == (None, 3)
    assert lines_bounds("fewer than 3 prior regimens") == (None, 2)
    assert lines_bounds("after a second or later line of therapy") == (2, None)
    assert lines_bounds("received 1-3 prior lines") == (1, 3)
    assert lines_bounds("more than one prior regimen") == (2, None)


def test_line_counts_use_the_recorded_regimens():
    one_regimen = _facts(treatments=[_drug("carboplatin", 10, 21), _drug("pemetrexed", 22, 32)])
    assert _v("Up to 2 prior lines of systemic therapy", one_regimen) == "met"
    assert _v("Relapsed after two or more lines of systemic therapy", one_regimen) == "not_met"
    three = _facts(treatments=[_drug("carboplatin", 10, 21), _drug("pemetrexed", 30, 40), _drug("docetaxel", 50, 59)])
    assert _v("Up to 2 prior lines of systemic therapy", three) == "unknown"


def test_chemoradiation_drugs_do_not_count_in_the_metastatic_setting():
    f = _facts(cancer_type="head and neck cancer", histology="squamous cell carcinoma",
               treatments=[_drug("cisplatin", 10, 19),
                           Treatment(name="chemoradiation", kind="radiation",
                                     evidence=Evidence(document="t", start=20, end=34, quote="chemoradiation"))])
    assert _v("Progression on a prior systemic therapy in the metastatic setting", f) == "not_met"
    assert _v("Prior platinum chemotherapy", f) == "met"


def test_untreated_disease_and_not_curative_surgery():
    f = _facts(treatments=[Treatment(name="alectinib")])
    assert _v("Has an untreated, metastatic NSCLC", f) == "not_met"
    g = _facts(cancer_type="colon cancer", histology="adenocarcinoma", treatments=[Treatment(name="oxaliplatin")])
    assert _v("Previously untreated metastatic colon cancer not amenable to curative surgery", g) == "not_met"


def test_with_or_without_prior_treatment_admits_both():
    f = _facts(treatments=[Treatment(name="osimertinib")])
    assert _v("Metastatic NSCLC with or without prior osimertinib", f) == "met"


def test_variant_named_without_gene_is_an_egfr_requirement():
    f = _facts(biomarkers=[{"name": "EGFR", "status": "positive", "value": "exon 19 deletion"}])
    assert _v("NSCLC harbouring an exon 19 deletion or L858R", f) == "met"
    assert _v("NSCLC harbouring an exon 19 deletion or L858R", _facts(biomarkers=[
        {"name": "EGFR", "status": "negative"}])) == "not_met"


def test_cancer_subtypes_must_match():
    dlbcl = _facts(cancer_type="lymphoma", histology="diffuse large B-cell lymphoma")
    assert _v("Histologically confirmed mantle cell lymphoma", dlbcl) == "not_met"
    assert _v("Histologically confirmed DLBCL or follicular lymphoma", dlbcl) == "met"
    relapsed_fl = _facts(cancer_type="lymphoma", histology="follicular lymphoma", disease_status="relapsed")
    assert _v("Relapsed B-cell lymphoma or Hodgkin lymphoma", relapsed_fl) == "met"
    assert _v("Relapsed mantle cell lymphoma or Hodgkin lymphoma", dlbcl) == "not_met"
    assert _v("Histologically confirmed mantle cell lymphoma", _facts(cancer_type="lymphoma", histology=None)) == "unknown"
    lms = _facts(cancer_type="soft tissue sarcoma", histology="leiomyosarcoma")
    assert _v("Confirmed liposarcoma", lms) == "not_met"
    assert _v("Any soft tissue sarcoma other than liposarcoma", lms) == "met"
    bladder = _facts(cancer_type="bladder cancer", histology="urothelial carcinoma")
    assert _v("Urothelial carcinoma of the upper tract", bladder) == "not_met"


def test_histology_requirements():
    adeno = _facts()
    assert _v("Non-adenocarcinoma histology", adeno, "exclusion") == "met"
    assert _v("NSCLC of non-squamous histology", adeno) == "met"
    assert _v("NSCLC of squamous histology", adeno) == "not_met"
    assert _v("Squamous or non-squamous NSCLC", adeno) == "met"
    assert _v("Cohort 2: NSCLC or head and neck squamous cell carcinoma", adeno) == "met"
    squam = _facts(cancer_type="head and neck cancer", histology="squamous cell carcinoma")
    assert _v("Squamous cell carcinoma of the skin", squam, "exclusion") != "not_met"


def test_prior_diagnosis_of_the_patients_own_cancer_excludes():
    f = _facts(cancer_type="prostate cancer", histology="adenocarcinoma")
    assert _v("Previous diagnosis of prostate cancer", f, "exclusion") == "not_met"
    assert _v("Previous diagnosis of ovarian cancer", f, "exclusion") != "not_met"
