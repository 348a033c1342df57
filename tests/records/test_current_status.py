"""Which of several stated values is the patient's current one: post-therapy over clinical TNM, the group
written after the categories, performance status with a time qualifier. Examples written for the test."""

from __future__ import annotations

from oncoguide.records import extract_profile


def test_post_neoadjuvant_categories_are_the_current_ones() -> None:
    p = extract_profile("Breast IDC, cT2 cN1 cM0, clinical stage IIB. Neoadjuvant TCHP x6. Surgery: residual IDC 0.9 cm "
                        "(ypT1b), 0/3 nodes with treatment effect (ypN0).")
    assert (p.tnm.t, p.tnm.n, p.tnm.prefix) == ("T1b", "N0", "yp")


def test_pathologic_categories_supersede_clinical_ones() -> None:
    p = extract_profile("Staging CT: cT3 cN1 cM0. Lobectomy: pT2a pN0 (0/11), margins negative.")
    assert (p.tnm.t, p.tnm.n, p.tnm.prefix) == ("T2a", "N0", "p")


def test_an_earlier_cancers_categories_do_not_win() -> None:
    # the unprefixed T1a N0 belongs to a 2016 cancer under PMH; clinical categories of today's cancer win by score
    p = extract_profile("PMH: glottic SCC 2016 (T1a N0) s/p RT.\nStaging: cT3 cN2 cM1 - multiple bone lesions.")
    assert (p.tnm.t, p.tnm.n) == ("T3", "N2")


def test_stage_group_written_after_the_categories() -> None:
    assert extract_profile("Stage: cT3 cN2 cM1c - IVB.").stage_group == "IVB"
    assert extract_profile("Pathology summary: pT2 pN1a M0 (IIB).").stage_group == "IIB"


def test_performance_status_with_a_time_or_in_a_table() -> None:
    assert extract_profile("Admitted with febrile neutropenia.\nECOG at discharge: 2.").ecog == 2
    assert extract_profile("| Weight | 61 kg\n| ECOG   | 0\n").ecog == 0
    assert extract_profile("ECOG 1. Hemoglobin 11.2.").ecog == 1
    assert extract_profile("ECOG 1.5 cm lesion").ecog is None  # a size, not a score


def test_graded_events_in_tables_and_ctcae_wording() -> None:
    text = ("TOXICITIES (CTCAE v5)\n| Toxicity | Max grade | Attribution | Status |\n| Esophagitis | 2 | RT/chemo | Resolved |\n"
            "| Neutropenia | 3 | Carboplatin | Resolved |\nDose reduced for CTCAE 3 fatigue; rash maculo-papular grade 1 (<10% BSA).")
    assert {(e.name, e.grade) for e in extract_profile(text).adverse_events} == {
        ("esophagitis", 2), ("neutropenia", 3), ("fatigue", 3), ("rash", 1)}


def test_recommendations_and_conditional_plans_are_not_treatments_given() -> None:
    text = ("1. Recommend adjuvant carboplatin AUC 5 + paclitaxel q3wk.\n2. After discussion we plan gemcitabine-cisplatin.\n"
            "3. If unresectable at exploration: chemoradiation w/ capecitabine.\nCurrently on letrozole since 2023.")
    assert [t.name for t in extract_profile(text).treatments if t.kind == "drug"] == ["letrozole"]


def test_ideas_for_later_are_not_treatments_given() -> None:
    text = ("Currently on ribociclib + letrozole. Alpelisib or capivasertib + fulvestrant held in reserve given PIK3CA.\n"
            "Dr. mentioned gemcitabine with Abraxane if the cancer grows.\nOn progression: trastuzumab deruxtecan 2nd line.\n"
            "Lenvatinib 12 mg daily recommended, to start once proteinuria settles.\n"
            "CNS prophylaxis with high-dose methotrexate (CNS-IPI high) to be considered.")
    assert sorted(t.name for t in extract_profile(text).treatments if t.kind == "drug") == ["letrozole", "ribociclib"]


def test_options_and_suggestions_are_not_given_but_regimens_are_expanded() -> None:
    text = ("Discussed options: (1) azacitidine + ivosidenib, (2) azacitidine + venetoclax.\n"
            "Osimertinib + savolitinib or amivantamab-based regimens suggested.\n"
            "2. Commence alectinib 600 mg BD - script written, aim to start before discharge.\n"
            "2016: FEC-T (FEC x3, docetaxel x3), then letrozole 2016-2021.")
    assert sorted(t.name for t in extract_profile(text).treatments if t.kind == "drug") == [
        "cyclophosphamide", "docetaxel", "epirubicin", "fluorouracil", "letrozole"]


def test_ctcae_term_names_and_a_grade_after_has_been() -> None:
    text = ("Platelet count decreased grade 2. Tumor lysis syndrome grade 3 after C1. Dysphonia grade 1. "
            "Nausea has been grade 1, controlled. ALT increased grade 3.")
    assert {(e.name, e.grade) for e in extract_profile(text).adverse_events} == {
        ("thrombocytopenia", 2), ("tumor lysis syndrome", 3), ("dysphonia", 1), ("nausea", 1), ("hepatotoxicity", 3)}


def test_tab_tables_and_grades_after_a_bracket() -> None:
    text = ("Toxicity since last visit (CTCAE v5.0):\nEvent\tGrade\tNotes\nAlopecia\t2\twearing wig\nNeutropenia\t2\tANC 1.2 today\n"
            "Admitted D10 with febrile neutropenia (T 38.9, ANC 0.1), CTCAE grade 3. Microscopic hematuria on UA - hematuria grade 1.")
    assert {(e.name, e.grade) for e in extract_profile(text).adverse_events} == {
        ("alopecia", 2), ("neutropenia", 2), ("febrile neutropenia", 3), ("hematuria", 1)}
