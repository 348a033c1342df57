"""Hybrid search over a real corpus slice."""

from __future__ import annotations

import pytest

from oncoguide.retrieval.search import rank_documents


@pytest.mark.parametrize(
    "question, doc",
    [
        ("What does it mean when breast cancer spreads to the lungs?", "types-breast-stages-metastatic-breast-cancer.md"),
        ("What are the treatments for Adult Hodgkin Lymphoma ?", "types-lymphoma-patient-adult-hodgkin-treatment-pdq.md"),
        ("How to prevent Prostate Cancer ?", "types-prostate-patient-prostate-prevention-pdq.md"),
        ("What are the stages of Prostate Cancer ?", "types-prostate-patient-prostate-treatment-pdq.md"),
        ("Can marijuana help with nausea from chemotherapy?", "about-cancer-treatment-cam-patient-cannabis-pdq.md"),
        ("I have a fever during chemo, is that an infection?", "about-cancer-treatment-side-effects-infection.md"),
    ],
)
def test_right_page_first(guide, question: str, doc: str) -> None:  # type: ignore[no-untyped-def]
    hits = guide.search(question, k=10)
    assert rank_documents(hits)[0] == doc


def test_heading_matches_aspect(guide) -> None:  # type: ignore[no-untyped-def]
    hits = guide.search("What are the symptoms of Melanoma ?", k=5)
    assert "melanoma" in hits[0].passage.title.lower()
    assert any("sign" in h.passage.heading.lower() or "symptom" in h.passage.heading.lower() for h in hits[:3])


def test_patient_page_preferred_over_professional(guide) -> None:  # type: ignore[no-untyped-def]
    hits = guide.search("treatment of head and neck cancer in adults", k=10)
    assert hits, "no results"
    # The slice has only a professional page on this topic; it must still be found, and marked as such.
    assert any(h.passage.audience == "professional" for h in hits)


def test_scores_descend_and_parts_explain(guide) -> None:  # type: ignore[no-untyped-def]
    hits = guide.search("melanoma stages", k=8)
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert {"fused", "page", "title_dense", "heading"} <= set(hits[0].parts)


def test_adult_and_child_questions_reach_their_own_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from oncoguide.answer.engine import OncoGuide
    from oncoguide.settings import Settings
    from tests.conftest import link_slice

    corpus = link_slice(tmp_path / "c", ["types-leukemia-patient-adult-all-treatment-pdq.md",
                                         "types-leukemia-patient-child-all-treatment-pdq.md"])
    g = OncoGuide(Settings(corpus_dirs=[corpus], home=tmp_path / "h"))
    adult = rank_documents(g.search("my mom has leukemia, what are her treatment options", k=5))
    child = rank_documents(g.search("my son has leukemia, what are the treatments", k=5))
    assert adult[0] == "types-leukemia-patient-adult-all-treatment-pdq.md"
    assert child[0] == "types-leukemia-patient-child-all-treatment-pdq.md"
