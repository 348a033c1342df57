"""Notes that summarise several years: sites listed under a heading, the latest specimen's receptors, and drugs
that are only an idea for later. Each example is one note a clinician would read the same way."""

from __future__ import annotations

import pytest

from oncoguide.records import extract_profile


def _status(text: str, name: str) -> str | None:
    return next((b.status for b in extract_profile(text).biomarkers if b.name == name), None)


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Clear cell RCC. Metastatic 09/2022: bone (L4, left femur), left (contralateral) adrenal gland, "
         "multiple bilateral lung nodules.", {"bone", "adrenal", "lung"}),
        ("Colon adenocarcinoma, de novo stage IVC: liver (4 lesions, bilobar), retroperitoneal (para-aortic) nodes, "
         "and peritoneal nodules (omentum, pelvis; PCI 9). Lungs clear.", {"liver", "distant lymph nodes", "peritoneum"}),
        ("Ovarian HGSC. CT shows three liver parenchymal metastases and a right pleural effusion; pleural fluid "
         "cytology positive for metastatic carcinoma. No peritoneal nodules identified.", {"liver", "pleura"}),
        ("Cervical cancer. Recurrence 02/2024: multiple bilateral pulmonary nodules (biopsy: metastatic "
         "adenocarcinoma). Brain MRI negative.", {"lung"}),
        # a finished sentence before ("…offered, declined.") does not negate the next one
        ("Adjuvant nivolumab offered, declined.\nRecurrence 09/2024: multiple liver lesions (biopsy: metastatic "
         "urothelial carcinoma), two RLL pulmonary nodules and a 2.2 cm left supraclavicular node - stage IVB.",
         {"liver", "lung", "distant lymph nodes"}),
        ("Sarcoma. Recurrence: two lung nodules (largest 2.6 cm; VATS wedge = metastatic dedifferentiated liposarcoma).", {"lung"}),
        ("| Diagnosis   | Adenocarcinoma, LUL - stage IVB\n| Metastases  | Brain x3 (largest 11 mm; SRS 10/2024); bone (T6, sacrum).",
         {"brain", "bone"}),
        ("Lung adenoCA. Liver bx: metastatic adenoCA. MRI brain 03/2025: 3 enhancing lesions (largest 9 mm).", {"liver", "brain"}),
        ("Melanoma. 3 new R lung nodules (CT-guided bx: metastatic melanoma) and a 1.1 cm R frontal brain met.", {"lung", "brain"}),
        ("Lung adenoCA, RUL primary (cT2b cN1 cM1a) - pleural nodularity + malignant R effusion (cytology +).", {"pleura"}),
        # regional (N3) in lung cancer, and a lung disease that is no spread of cancer
        ("NSCLC: bulky mediastinal and left supraclavicular nodes, multiple liver metastases.", {"liver"}),
        ("Breast cancer on T-DXd; grade 2 interstitial lung disease 01/2025 -> steroids.", set()),
        ("MRI: 4 spots in my brain. CT: a 4 cm tumor in my RIGHT upper lung and spots in my hip bone and spine.", {"brain", "bone"}),
        ("Lung SCC: a 2.4 cm L adrenal mass (PET-avid; adrenal bx confirmed SCC).", {"adrenal"}),
    ],
)
def test_sites_listed_under_a_heading(text: str, sites: set[str]) -> None:
    assert set(extract_profile(text).metastatic_sites) == sites


def test_recurrence_biopsy_receptors_replace_the_diagnosis_ones() -> None:
    text = ("Hx: L breast IDC, pT2 pN1a, dx 06/2018. ER 95%, PR 40%, HER2 IHC 0.\n"
            "Receptors on recurrence biopsy: ER NEGATIVE (<1%), PR NEGATIVE (0%), HER2 IHC 2+, ISH not amplified.")
    assert (_status(text, "ER"), _status(text, "PR"), _status(text, "HER2")) == ("negative", "negative", "low")


def test_single_report_keeps_its_only_result() -> None:
    text = "Invasive ductal carcinoma of the right breast. ER 95%, PR 40%, HER2 IHC 3+."
    assert (_status(text, "ER"), _status(text, "PR"), _status(text, "HER2")) == ("positive", "positive", "positive")


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("Gastric adenocarcinoma. HER2 IHC 1+ (negative by gastric criteria).", "HER2", "negative"),
        ("Endometrioid adenocarcinoma of the endometrium; ER positive (40%); PR positive (10%).", "PR", "positive"),
        ("Invasive ductal carcinoma of the breast: ER 5% (low), HER2 IHC 1+.", "HER2", "low"),
        ("Invasive ductal carcinoma of the breast: ER 5% (low), HER2 IHC 1+.", "ER", "low"),
        ("Receptors on liver biopsy: ER Allred score 7/8 (PS 4, IS 3) - positive.", "ER", "positive"),
    ],
)
def test_low_is_a_breast_category(text: str, name: str, status: str) -> None:
    assert _status(text, name) == status


@pytest.mark.parametrize(
    ("text", "given", "not_given"),
    [
        ("A/P: cont avelumab; enfortumab vedotin at PD.", {"avelumab"}, {"enfortumab vedotin"}),
        ("Continue nivolumab; encorafenib + cetuximab reserved for progression.", {"nivolumab"}, {"encorafenib", "cetuximab"}),
        ("PD-L1 CPS 0 (negative) -> pembrolizumab not favored. 1L: carboplatin, fluorouracil and cetuximab.",
         {"carboplatin", "fluorouracil", "cetuximab"}, {"pembrolizumab"}),
        # "ipi" is no drug name here: in lymphoma notes IPI is the prognostic index
        ("Ipilimumab 3/nivo 1 q3w x2 -> grade 3 hepatitis. Nivo mono since 2023. R-CHOP x6; IPI score 3.",
         {"ipilimumab", "nivolumab", "rituximab"}, set()),
        ("2L: belzutifan 120 mg daily since 01/2025. Hodgkin lymphoma treated with ABVD x6 in 2010.",
         {"belzutifan", "doxorubicin", "bleomycin", "vinblastine", "dacarbazine"}, set()),
        ("BRAF/MEK options reviewed (dabrafenib/trametinib vs encorafenib/binimetinib) -> plan encorafenib + binimetinib, "
         "to start next week.", set(), {"dabrafenib", "trametinib", "encorafenib", "binimetinib"}),
        ("Consolidation osimertinib since 11/2024 (durvalumab not used given EGFR mutation).", {"osimertinib"}, {"durvalumab"}),
        ("Adj mFOLFOX6 q2w, C1 10/21/24; oxali stopped after C9. Erdafitinib would be an option if he recurs.",
         {"fluorouracil", "leucovorin", "oxaliplatin"}, {"erdafitinib"}),
        ("Trifluridine/tipiracil plus bevacizumab has been offered, but he would prefer a trial. Teclistamab since 03/2025.",
         {"teclistamab"}, {"trifluridine/tipiracil", "bevacizumab"}),
    ],
)
def test_drugs_given_versus_ideas_for_later(text: str, given: set[str], not_given: set[str]) -> None:
    drugs = {t.name for t in extract_profile(text).treatments if t.kind == "drug"}
    assert given <= drugs
    assert not (not_given & drugs)


@pytest.mark.parametrize(
    ("text", "cancer", "p16"),
    [
        ("54F. R buccal mucosa SCC, well-differentiated, pT4a pN2b. p16: negative.", "head and neck cancer", "negative"),
        ("Adenocarcinoma of the cervix (usual type; p16 diffusely positive, HPV18 detected).", "cervical cancer", "positive"),
        ("FIGO stage IIIB high-grade serous carcinoma, tubo-ovarian primary.", "ovarian cancer", None),
        ("69M, esophageal SCC (mid-thoracic, 28-33 cm from incisors).", "esophageal cancer", None),
    ],
)
def test_subsites_and_p16(text: str, cancer: str, p16: str | None) -> None:
    p = extract_profile(text)
    assert p.cancer_type == cancer
    assert _status(text, "p16") == p16


@pytest.mark.parametrize(
    ("text", "events"),
    [
        ("Adjuvant RT complete; grade 2 radiation dermatitis of the neck. Cisplatin: grade 2 tinnitus.",
         {"radiation dermatitis:2", "tinnitus:2"}),
        ("Cetuximab: Gr 3 acneiform rash; grade 2 hypomagnesemia on magnesium IV.", {"acneiform rash:3", "hypomagnesemia:2"}),
        ("Lenvatinib: grade 2 hypertension and grade 2 proteinuria (UPCR 1.8).", {"hypertension:2", "proteinuria:2"}),
        # a symptom without a grade is no graded toxicity, and a history of hypertension is no side effect
        ("Reports constipation and mild cough. History of hypertension on lisinopril.", set()),
    ],
)
def test_graded_side_effects(text: str, events: set[str]) -> None:
    got = {f"{e.name}:{e.grade}" for e in extract_profile(text).adverse_events if e.grade}
    assert got == events
    ungraded = {e.name for e in extract_profile(text).adverse_events if not e.grade}
    assert not ungraded & {"constipation", "cough", "hypertension"}


@pytest.mark.parametrize(
    ("text", "cancer", "histology"),
    [
        ("PMH: right breast DCIS 2015, lumpectomy + radiation.\n64-year-old woman with diffuse large B-cell lymphoma, "
         "ABC subtype, Ann Arbor stage IIA.", "lymphoma", "diffuse large B-cell lymphoma"),
        ("PMH: papillary thyroid microcarcinoma 2012 treated with total thyroidectomy.\nDx: nonkeratinizing squamous cell "
         "carcinoma, left base-of-tongue primary, p16 positive.", "head and neck cancer", "squamous cell carcinoma"),
        # with nothing else named, the history is still what the record says
        ("History of left breast invasive ductal carcinoma, treated 2015.", "breast cancer", "invasive ductal carcinoma"),
    ],
)
def test_past_cancers_yield_to_the_current_one(text: str, cancer: str, histology: str) -> None:
    p = extract_profile(text)
    assert (p.cancer_type, p.histology) == (cancer, histology)


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        ("They called it stage 4 (IVB).", "IVB"),
        ("60M w/ mCRC, synchronous liver mets, dx 03/2022, stg IVB.", "IVB"),
        ("Stage now: IVB (M1b).", "IVB"),
        ("Stage: FIGO 2009 IVB - pelvic mass with peritoneal deposits.", "IVB"),
        # the earlier cancer's stage and a sentence that says a test could not be done do not hide the current stage
        ("PMH: stage II sigmoid colon adenocarcinoma 2010.\nEGFR testing could not be performed. cT1b cN0 cM0, stage IA2.", "IA2"),
        ("Stage IIIA at diagnosis. Restaging: stage III disease.", "IIIA"),
        ("Stage IIB in 2019. Now stage IV.", "IV"),
    ],
)
def test_stage_group_as_stated(text: str, stage: str) -> None:
    assert extract_profile(text).stage_group == stage


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("BRAF V600E (VE1 IHC): negative.\nKRAS/NRAS mutation testing: not performed on this specimen.", "KRAS", None),
        ("PD-L1 was 90%. They did NOT test EGFR or ALK because it is squamous.", "EGFR", None),
        ("HER2 2+, ISH pending.", "HER2", "equivocal"),
        # the report's own result replaces the outside core biopsy it quotes
        ("Outside core biopsy 01/2025: IDC, grade 2; ER 90%, PR 30%, HER2 IHC 2+.\nProgesterone receptor: NEGATIVE (0%)", "PR",
         "negative"),
    ],
)
def test_untested_and_outside_results(text: str, name: str, status: str | None) -> None:
    assert _status(text, name) == status


@pytest.mark.parametrize(
    ("text", "names", "status"),
    [
        ("Tissue NGS: KRAS G12C. EGFR, ALK, ROS1, RET, BRAF, MET ex14, NTRK - none detected.", ["EGFR", "ROS1", "BRAF"], "negative"),
        ("Genetics: germline panel negative (incl. BRCA1, BRCA2, PALB2, ATM, Lynch genes).", ["BRCA1", "BRCA2"], "negative"),
        ("Germline testing (BRCA1, BRCA2, PALB2, TP53, CHEK2): negative.", ["BRCA1", "BRCA2"], "negative"),
        ("BRAF V600E MUT. KRAS wt, NRAS wt. HER2 not amplifed. MSS.", ["HER2", "KRAS"], "negative"),
        ("Genetic testing (Myriad, 48 genes): NEGATIVE, including BRCA1 and BRCA2.", ["BRCA1", "BRCA2"], "negative"),
        ("ESR1 Y537S detected. BRCA1/2: not detected.", ["BRCA1", "BRCA2"], "negative"),
        ("EGFR exon 19 deletion on Oncomine. ALK, ROS1, RET fusions - none detected.", ["ALK", "ROS1", "RET"], "negative"),
        (" - BRAF V600 (IHC + PCR): wild-type.", ["BRAF"], "negative"),
        ("MMR IHC: MLH1 intact; PMS2 intact; MSH2 LOSS of nuclear expression; MSH6 LOSS.", ["MMR"], "positive"),
        ("R tonsil SCC, p16+ (HPV-assoc). Biopsy: adenocarcinoma, ALK+; no ALK resistance mutation detected.", ["p16", "ALK"],
         "positive"),
    ],
)
def test_one_result_for_a_list_of_genes(text: str, names: list[str], status: str) -> None:
    assert [_status(text, n) for n in names] == [status] * len(names)
