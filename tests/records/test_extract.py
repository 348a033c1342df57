"""Extraction on free text: each field, negation/uncertainty, and the evidence spans."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile


def marker(profile, name):
    return next((b for b in profile.biomarkers if b.name == name), None)


def test_trials_style_description():
    p = extract_profile("58-year-old woman with ER-positive HER2-negative metastatic breast cancer to bone, "
                        "on letrozole and palbociclib, ECOG 1")
    assert p.cancer_type == "breast cancer"
    assert marker(p, "ER").status == "positive" and marker(p, "HER2").status == "negative"
    assert p.metastatic_sites == ["bone"] and p.ecog == 1 and p.age == 58 and p.sex == "female"
    assert {(t.name, t.drug_class) for t in p.treatments} == {
        ("letrozole", "aromatase inhibitor"), ("palbociclib", "CDK4/6 inhibitor")}


def test_evidence_points_at_the_text(report_text):
    p = extract_profile(report_text)
    er = marker(p, "ER")
    assert er.status == "positive" and "95%" in er.value and "Allred 8" in er.value
    assert p.evidence["histology"].quote.lower().startswith("invasive ductal")


def test_full_report_fields(report_text):
    p = extract_profile(report_text)
    assert p.tnm.t == "T2" and p.tnm.n == "N1a" and p.tnm.prefix == "p"
    assert p.stage_group == "IIB" and p.histology == "invasive ductal carcinoma"
    assert p.laterality == "left" and p.grade == "G2" and p.menopausal_status == "postmenopausal"
    assert marker(p, "PR").status == "negative"
    her2 = marker(p, "HER2")
    assert her2.status == "low" and "ISH ratio 1.4" in her2.value
    assert marker(p, "Ki-67").value == "25%"


@pytest.mark.parametrize(
    ("text", "t", "n", "m", "prefix"),
    [
        ("Pathologic stage: pT1c pN0(sn) M0", "T1c", "N0", "M0", "p"),
        ("Final TNM: pT3N0M1.", "T3", "N0", "M1", "p"),
        ("ypT2 ypN1a after neoadjuvant therapy", "T2", "N1a", None, "yp"),
        ("Pathological stage: pT2a NO.", "T2a", "N0", None, "p"),
        ("Primary tumor (pT): pT1b. Regional lymph nodes (pN): pNX.", "T1b", "NX", None, "p"),
        ("Clinical staging cT3 cN2 M0", "T3", "N2", "M0", "c"),
        ("AJCC Stage: T2 NO Mx.", "T2", "N0", "MX", None),
    ],
)
def test_tnm_variants(text, t, n, m, prefix):
    tnm = extract_profile(text).tnm
    assert (tnm.t, tnm.n, tnm.m, tnm.prefix) == (t, n, m, prefix)


def test_tnm_ignores_codes_and_mri_terms():
    p = extract_profile("Blocks T1-4 submitted. Code T-63000. T2-weighted images show a mass.")
    assert p.tnm is None


def test_nodes_free_of_tumour_give_n0():
    p = extract_profile("Eighteen regional nodes examined. Lymph nodes: 0/18 lymph nodes involved. pT3.")
    assert p.tnm.n == "N0"


@pytest.mark.parametrize(
    ("text", "name", "status", "value_part"),
    [
        ("HER2 IHC 3+.", "HER2", "positive", "IHC 3+"),
        ("HER2: 1+ by immunohistochemistry.", "HER2", "low", "IHC 1+"),
        ("HER2 IHC 0.", "HER2", "negative", "IHC 0+"),
        ("HER2 2+, ISH pending.", "HER2", "equivocal", "IHC 2+"),
        ("HER2 FISH amplified, ratio 4.1.", "HER2", "positive", "ratio 4.1"),
        ("ER weakly positive (5%).", "ER", "low", "5%"),
        ("ER/PR negative.", "PR", "negative", None),
        ("Triple-negative breast cancer.", "PR", "negative", None),
        ("PD-L1 TPS 60% (22C3).", "PD-L1", "positive", "TPS 60%"),
        ("PD-L1 CPS 12.", "PD-L1", "positive", "CPS 12"),
        ("KRAS G12C mutation detected.", "KRAS", "positive", "G12C"),
        ("EGFR exon 19 deletion.", "EGFR", "positive", "exon 19 deletion"),
        ("BRAF wild-type.", "BRAF", "negative", None),
        ("Germline BRCA2 pathogenic variant.", "BRCA2", "positive", None),
        ("Tumor is MSI-H.", "MSI", "positive", "MSI-H"),
        ("Mismatch repair proficient (pMMR).", "MMR", "negative", "proficient"),
        ("TMB 14 mut/Mb.", "TMB", "positive", "14 mut/Mb"),
        ("PSA 6.2 ng/mL.", "PSA", None, "6.2 ng/mL"),
    ],
)
def test_biomarkers(text, name, status, value_part):
    b = marker(extract_profile(text), name)
    assert b is not None and b.status == status
    if value_part:
        assert value_part in (b.value or "")


def test_negated_gene_list():
    p = extract_profile("Negative for EGFR, ALK and ROS1 alterations.")
    assert [(b.name, b.status) for b in p.biomarkers] == [("EGFR", "negative"), ("ALK", "negative"), ("ROS1", "negative")]


def test_negation_and_uncertainty_of_metastases():
    assert extract_profile("No evidence of metastatic disease to the liver.").metastatic_sites == []
    assert extract_profile("Bone metastases cannot be excluded.").metastatic_sites == []
    assert extract_profile("Possible liver metastases.").metastatic_sites == []
    assert extract_profile("New liver metastases.").metastatic_sites == ["liver"]


def test_family_history_is_not_the_patient():
    p = extract_profile("Family history of ovarian cancer in her mother. Patient has invasive lobular carcinoma of the breast.")
    assert p.cancer_type == "breast cancer"


def test_treatments_brands_dates_and_dose_changes():
    p = extract_profile(
        "Started Ibrance 125 mg on 01/10/2023 with Femara. Dose reduced to 100 mg because of grade 3 neutropenia. "
        "She declined tamoxifen."
    )
    names = {t.name: t for t in p.treatments}
    assert set(names) == {"palbociclib", "letrozole"}
    assert names["palbociclib"].start == "2023-01" and names["palbociclib"].dose_changes
    ae = p.adverse_events[0]
    assert (ae.name, ae.grade) == ("neutropenia", 3) and "reduc" in ae.consequence


def test_surgery_radiation_and_regimens():
    p = extract_profile("Underwent left mastectomy, then AC-T, followed by adjuvant radiation therapy.")
    kinds = {t.name: t.kind for t in p.treatments}
    assert kinds["left mastectomy" if "left mastectomy" in kinds else "mastectomy"] == "surgery"
    assert {"doxorubicin", "cyclophosphamide", "paclitaxel"} <= set(kinds)
    assert kinds["adjuvant radiation therapy"] == "radiation"


def test_ecog_from_karnofsky_and_menopause():
    p = extract_profile("Premenopausal. KPS 80%.")
    assert p.ecog == 1 and p.menopausal_status == "premenopausal"


def test_stage_group_forms():
    assert extract_profile("AJCC stage IIIA.").stage_group == "IIIA"
    assert extract_profile("Stage 4 disease.").stage_group == "IV"


def test_text_is_deidentified_before_extraction(report_text):
    p = extract_profile(report_text)
    dump = p.model_dump_json()
    for phi in ("Maria", "Lopez", "00773412", "Riverside", "Thomas Reed"):
        assert phi not in dump
