"""Query understanding on real patient phrasings."""

import pytest

from oncoguide.retrieval.query import understand


@pytest.mark.parametrize(
    "question, intent",
    [
        ("What are the symptoms of Melanoma ?", "symptoms"),
        ("Who is at risk for Prostate Cancer? ?", "causes_risk"),
        ("How to diagnose Adult Hodgkin Lymphoma ?", "diagnosis"),
        ("What are the stages of Gastrointestinal Stromal Tumors ?", "stage"),
        ("What is the outlook for Melanoma ?", "outlook"),
        ("What are the treatments for Melanoma ?", "treatment"),
        ("what research (or clinical trials) is being done for Melanoma ?", "trials"),
        ("How to prevent Prostate Cancer ?", "prevention"),
        ("Does cannabis help with chemo nausea?", "integrative"),
        ("What is (are) Melanoma ?", "meaning"),
    ],
)
def test_primary_intent(question: str, intent: str) -> None:
    assert understand(question).intent == intent


def test_focus_drops_question_framing() -> None:
    assert understand("What are the treatments for Adult Hodgkin Lymphoma ?").focus == "Adult Hodgkin Lymphoma"
    spread = understand("What does it mean when breast cancer spreads to the lungs?")
    assert "breast cancer" in spread.focus and "lung" not in spread.focus  # the lungs are where it went
    assert spread.metastatic_sites == ["lungs"] and "metastatic" in spread.expansions


def test_meaning_and_spread_both_detected() -> None:
    info = understand("What does it mean when breast cancer spreads to the lungs?")
    assert info.intents[:2] == ["meaning", "stage"]


def test_biomarkers_detected_without_false_hits_on_common_words() -> None:
    assert set(understand("Is ER-positive, HER2-low breast cancer treated with PD-L1 drugs?").biomarkers) >= {
        "ER", "HER2LOW", "PDL1"}
    assert understand("I met my doctor and we are per the plan").biomarkers == []
