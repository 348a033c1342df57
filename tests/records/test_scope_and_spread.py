"""Assertion scope (pseudo-triggers, parentheses), imaging lesions under a metastatic statement, and the primary
named next to a deposit. Each example is written for the test; the comment says what a clinician would read."""

from __future__ import annotations

from oncoguide.records import extract_profile


def _marker(profile, name):  # type: ignore[no-untyped-def]
    return next((b for b in profile.biomarkers if b.name == name), None)


def test_never_smoker_negates_nothing_after_it() -> None:
    # "never" describes smoking only; the diagnosis after the comma is affirmed
    p = extract_profile("Re: 51-year-old woman, never smoker, newly diagnosed ALK-rearranged lung adenocarcinoma.")
    assert p.cancer_type == "lung cancer"
    assert _marker(p, "ALK").status == "positive"


def test_a_trigger_inside_closed_brackets_stays_inside() -> None:
    # "vs" compares two scans inside the bracket; the pleural nodules after it are a finding
    p = extract_profile("Lung adenocarcinoma. CT: 2.9 cm LLL mass, 4 small R lung nodules (new vs prior CT), pleural nodularity. "
                        "Stage IV.")
    assert "pleura" in p.metastatic_sites


def test_imaging_lesions_count_under_a_metastatic_statement() -> None:
    text = ("Clear cell renal cell carcinoma, L kidney. CT: 8 cm L renal mass, R adrenal 2.8 cm mass, lytic L ilium, "
            "innumerable lung nodules. cT2b cN0 cM1 - stage IV.")
    p = extract_profile(text)
    assert set(p.metastatic_sites) == {"adrenal", "bone", "lung"}
    assert p.metastatic is True


def test_imaging_lesions_alone_are_not_spread() -> None:
    # no metastatic statement: an adrenal mass may be an adenoma
    p = extract_profile("Clear cell renal cell carcinoma, L kidney, pT1b pN0. CT: R adrenal 1.4 cm mass. Stage I.")
    assert p.metastatic_sites == []
    # a doubt word in the same clause keeps a lesion out even in stage IV
    p = extract_profile("Breast cancer, stage IV (bone metastases). CT: 4 mm lung nodule, indeterminate.")
    assert p.metastatic_sites == ["bone"]


def test_a_mass_in_the_primary_organ_is_the_primary() -> None:
    p = extract_profile("Squamous cell carcinoma of the lung. PET: RUL 6 cm mass; L adrenal 2 cm avid nodule. cT3 cN2 cM1b, stage IVA.")
    assert p.metastatic_sites == ["adrenal"]


def test_deposit_named_by_lobe_does_not_become_the_primary() -> None:
    text = ("Diagnosis: adenocarcinoma of the sigmoid colon, stage IIIB.\n"
            "2024 recurrence: RLL and LUL nodules. VATS wedge RLL: metastatic adenocarcinoma, CDX2 positive, c/w colorectal primary.")
    p = extract_profile(text)
    assert p.cancer_type == "colorectal cancer"
    # "metastatic adenocarcinoma of the colon" still names the primary
    assert extract_profile("Metastatic adenocarcinoma of the ascending colon with liver metastases.").cancer_type == "colorectal cancer"


def test_blood_cancer_names_are_the_histology() -> None:
    p = extract_profile("Newly diagnosed AML with mutated NPM1 and FLT3-ITD; induction 7+3 started.")
    assert p.histology == "acute myeloid leukemia"
    assert _marker(p, "NPM1").status == "positive"
    assert _marker(p, "FLT3").status == "positive"
    assert extract_profile("Plasma cell myeloma, R-ISS II.").histology == "multiple myeloma"


def test_more_genes_are_read() -> None:
    p = extract_profile("FISH: MYC rearrangement not detected. Germline panel: PALB2 negative, CHEK2 c.1100delC pathogenic variant. "
                        "Glioblastoma, TERT promoter mutation present.")
    assert _marker(p, "MYC").status == "negative"
    assert _marker(p, "PALB2").status == "negative"
    assert _marker(p, "CHEK2").status == "positive"
    assert _marker(p, "TERT").status == "positive"
    # "pole" of an organ is not the POLE gene
    assert _marker(extract_profile("Mass at the lower pole of the left kidney, negative margins."), "POLE") is None


def test_the_metastasis_result_outranks_the_history_line() -> None:
    text = ("Clinical history: hx left breast IDC 2019, HER2+ (FISH amplified), treated with TCHP.\n"
            "Liver core biopsy: metastatic carcinoma consistent with breast primary.\n"
            "HER2 (4B5): IHC 0. HER2 FISH (reflex given prior amplification): ratio 1.2 - NOT AMPLIFIED.")
    assert _marker(extract_profile(text), "HER2").status == "negative"


def test_spread_named_by_specimen_fluid_and_vertebra() -> None:
    text = ("Stage IV colon adenocarcinoma.\nR hemicolectomy + L salpingo-oophorectomy: L ovary - metastatic colorectal adenocarcinoma.\n"
            "Thoracentesis (03/2025): malignant cells c/w adenocarcinoma.\nCT: sclerotic T10 lesion.")
    assert set(extract_profile(text).metastatic_sites) == {"ovary", "pleura", "bone"}
    # a negative tap is no spread
    p = extract_profile("Stage IV lung adenocarcinoma, bone metastases. Thoracentesis x2: cytology NEGATIVE for malignant cells.")
    assert p.metastatic_sites == ["bone"]


def test_nodes_the_report_calls_non_regional_are_distant() -> None:
    p = extract_profile("Oesophageal adenocarcinoma. CT: new liver lesions and enlarged para-aortic nodes (1.7 cm), non-regional.")
    assert "distant lymph nodes" in p.metastatic_sites


def test_peritoneal_spread_of_ovarian_cancer_is_stage_iii_not_distant() -> None:
    p = extract_profile("High-grade serous ovarian carcinoma with omental caking and peritoneal implants. FIGO IIIC.")
    assert p.metastatic_sites == []
    assert p.stage_group == "IIIC"
    assert extract_profile("Squamous cell carcinoma of the cervix, FIGO (2018) stage IIIC1r.").stage_group == "IIIC1"


def test_findings_explained_as_benign_are_not_spread() -> None:
    text = ("NSCLC, cT2b N2 M1c, stage IVB, bone metastases. CT: 1.2 cm L adrenal nodule (28 HU, indeterminate); "
            "two hepatic lesions w/ peripheral nodular enhancement c/w hemangiomas. 7 mm liver lesion, too small to characterize.\n"
            "Plan:\n4. Adrenal nodule: PET ordered; if still indeterminate, MRI.")
    assert extract_profile(text).metastatic_sites == ["bone"]


def test_nodes_not_known_to_be_distant_are_no_metastatic_site() -> None:
    p = extract_profile("Rectal adenocarcinoma, ypT3 with nodal involvement (2/16). Distant metastasis: not applicable.")
    assert p.metastatic_sites == []


def test_a_negative_panel_with_its_coverage_in_brackets() -> None:
    p = extract_profile("NGS: EGFR L858R detected. No alterations detected in ALK, ROS1, RET, MET (incl. exon 14 skipping), BRAF, KRAS.")
    assert {b.name: b.status for b in p.biomarkers if b.name in ("ALK", "MET", "EGFR")} == {
        "EGFR": "positive", "ALK": "negative", "MET": "negative"}


def test_the_later_of_two_dated_metastasis_biopsies_wins() -> None:
    text = ("- 11/2021 liver bx: metastatic carcinoma c/w breast primary, ER 80%, PR 10%, HER2 0.\n"
            "- 08/2024 repeat liver bx: metastatic carcinoma, ER 0%, PR 0%, HER2 IHC 1+.")
    p = extract_profile(text)
    assert {b.name: b.status for b in p.biomarkers if b.name in ("ER", "PR")} == {"ER": "negative", "PR": "negative"}
