"""A toxicity grade is not a tumour grade, and dose changes are recorded however they are worded."""

from __future__ import annotations

from pathlib import Path

import pytest

from oncoguide.records import extract_profile, import_files
from oncoguide.records.model import PatientProfile


def _two_documents(tmp_path: Path, first: str, second: str) -> PatientProfile:
    paths = []
    for name, text in (("biopsy.txt", first), ("note.txt", second)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return import_files(paths)


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        # histologic grade 2; the later "grade 3 neutropenia" is a side effect
        ("Invasive ductal carcinoma, Nottingham grade 2. Ribociclib held for grade 3 neutropenia.", "G2"),
        ("Adenocarcinoma, grade 1. CTCAE grade 4 thrombocytopenia after cycle 2.", "G1"),
        ("Poorly differentiated carcinoma. Developed grade 2 (CTCAE) peripheral neuropathy.", "G3"),
        # a side effect our event list does not name is still no tumour grade; a tumour word after the grade is
        ("Adenocarcinoma, poorly differentiated. Toxicity: grade 2 hypothyroidism; grade 1 pruritus; grade 1 hiccups.", "G3"),
        ("Grade 2 adenocarcinoma of the colon. Grade 1 nausea.", "G2"),
    ],
)
def test_toxicity_grade_is_not_tumour_grade(text: str, grade: str) -> None:
    assert extract_profile(text).grade == grade


def test_dose_change_worded_from_to_with_reason() -> None:
    p = extract_profile("Ribociclib was reduced from 600 mg to 400 mg in 08/2023 for grade 3 neutropenia.")
    (t,) = [t for t in p.treatments if t.name == "ribociclib"]
    assert t.dose_changes and "400 mg" in t.dose_changes[0]
    (ae,) = p.adverse_events
    assert (ae.name, ae.grade, ae.consequence) == ("neutropenia", 3, "dose reduction")


def test_tumour_grade_from_biopsy_survives_a_later_note_with_toxicity(tmp_path: Path) -> None:
    p = _two_documents(tmp_path, "Invasive ductal carcinoma, Nottingham grade 2.", "Grade 3 diarrhea led to a dose reduction of abemaciclib.")
    assert p.grade == "G2"
    assert p.evidence["grade"].document == "biopsy.txt"


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Squamous cell carcinoma of the left base of tongue, p16 positive.", "left"),
        ("CT: 3.2 cm spiculated RUL mass; biopsy shows adenocarcinoma.", "right"),
        # the side of an earlier cancer counts only when nothing else is said
        ("History of left breast invasive lobular carcinoma, now with bone metastases.", "left"),
        ("History of left breast DCIS in 2012. Now a right breast mass; core biopsy shows invasive lobular carcinoma.", "right"),
        # one-letter sides; an operation on both sides and a metastasis's side are not the tumour's
        ("Dx: superficial spreading melanoma, L posterior calf, excised 07/2021.", "left"),
        ("Dx 06/2024: L breast invasive ductal carcinoma. Surgery: bilateral mastectomy (R risk-reducing) + L SLNB.", "left"),
        ("CT: 4.2 cm spiculated LUL mass. 9 mm R adrenal nodule, indeterminate.", "left"),
        ("Adenocarcinoma, LUL; cN3 (right supraclavicular node, FNA+).", "left"),
    ],
)
def test_laterality_wordings(text: str, side: str) -> None:
    assert extract_profile(text).laterality == side


@pytest.mark.parametrize(
    ("text", "sites"),
    [
        ("Stage IVA lung adenocarcinoma, mets to contralat lung nodules + L adrenal.", ["adrenal", "lung"]),
        ("Melanoma of the scalp. Mets: lung, liver. LDH raised.", ["liver", "lung"]),
        ("Metastases to bone (multiple ribs, T6) and brain (two lesions, treated with SRS).", ["bone", "brain"]),
        ("it had already spread to my liver", ["liver"]),
        ("Castration-resistant prostate cancer with bone-only mets (spine, pelvis).", ["bone"]),
        ("No evidence of metastases to the liver or lungs.", []),
    ],
)
def test_metastatic_site_wordings(text: str, sites: list[str]) -> None:
    assert sorted(extract_profile(text).metastatic_sites) == sites


@pytest.mark.parametrize(
    ("text", "name", "status"),
    [
        ("ER negative (<1%), PR negative, HER2 0.", "HER2", "negative"),  # a bare 0 after HER2 is the IHC score
        ("HER2: 1", "HER2", "low"),
        ("BRCA1/2 germline negative.", "BRCA", "negative"),  # both genes, not BRCA1 alone
    ],
)
def test_bare_her2_score_and_brca_pair(text: str, name: str, status: str) -> None:
    found = {b.name: b.status for b in extract_profile(text).biomarkers}
    assert found.get(name) == status, found


def test_a_grade_after_a_side_effect_is_not_the_tumour_grade() -> None:
    from oncoguide.records import extract_profile

    text = ("Adenocarcinoma of the sigmoid colon, moderately differentiated. Mild fatigue (grade 1); "
            "anemia of chemotherapy, grade 2; neutropenia grade 3; peripheral sensory neuropathy grade 1 (cold dysesthesia).")
    assert extract_profile(text).grade == "G2"
    assert extract_profile("Invasive ductal carcinoma, Nottingham 3+2+1 = 6/9. C1 D15 neutropenia grade 3.").grade == "G2"
