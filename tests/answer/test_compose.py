"""Answers end to end on a real corpus slice: structure, citations, grounding, safety notices."""

from __future__ import annotations

import re

import pytest

from oncoguide.answer.engine import InputError
from oncoguide.answer.model import Answer
from oncoguide.records.model import Biomarker, PatientProfile, Treatment
from oncoguide.wording import DOSE_RE

FLAGSHIP = "What does it mean when breast cancer spreads to the lungs?"


def all_sentences(ans: Answer):  # type: ignore[no-untyped-def]
    return [*ans.summary, *(s for sec in ans.sections for s in sec.sentences)]


def assert_grounded(guide, ans: Answer) -> None:  # type: ignore[no-untyped-def]
    by_id = {p.passage_id: p for p in guide.index.passages}
    source_ids = {s.id for s in ans.sources}
    for s in all_sentences(ans):
        assert s.citations and set(s.citations) <= source_ids, s
        passage = by_id[s.passage_id]
        assert " ".join(s.text.split()) in " ".join(passage.text.split()), s.text
        cited = next(src for src in ans.sources if src.id == s.citations[0])
        assert cited.doc == passage.doc and cited.url == passage.url


def test_flagship_answer_is_structured_cited_and_grounded(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask(FLAGSHIP)
    assert_grounded(guide, ans)
    assert ans.summary and len(ans.sections) >= 3
    aspects = [s.intent for s in ans.sections]
    assert "stage" in aspects and "treatment" in aspects and "outlook" in aspects
    assert aspects.index("treatment") < aspects.index("outlook")  # reader order
    body = ans.body_text().lower()
    assert "metastatic" in body and "same type of cancer" in body
    assert any(s.doc == "types-breast-stages-metastatic-breast-cancer.md" for s in ans.sources)
    assert len(ans.body_text().split()) <= 450
    texts = [s.text for s in all_sentences(ans)]
    assert len(texts) == len(set(texts)), "repeated sentence"
    assert ans.questions_to_ask and ans.next_steps and ans.disclaimer
    assert "not medical advice" in ans.disclaimer
    assert any("metastatic breast cancer" in q.lower() for q in ans.related_questions)
    assert FLAGSHIP not in ans.related_questions


@pytest.mark.parametrize(
    "question, aspect, doc",
    [
        ("What are the symptoms of Melanoma ?", "symptoms", "types-skin-patient-melanoma-treatment-pdq.md"),
        ("What are the stages of Prostate Cancer ?", "stage", "types-prostate-patient-prostate-treatment-pdq.md"),
        ("What is the outlook for Adult Hodgkin Lymphoma ?", "outlook",
         "types-lymphoma-patient-adult-hodgkin-treatment-pdq.md"),
    ],
)
def test_narrow_question_leads_with_its_aspect(guide, question: str, aspect: str, doc: str) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask(question)
    assert_grounded(guide, ans)
    assert ans.sections[0].intent == aspect
    assert ans.sources[0].doc == doc


def test_urgent_symptom_notice_comes_first(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("I'm on chemo and I have a fever of 39 and chills, what should I do?")
    assert ans.notices and ans.notices[0].kind == "urgent"
    assert ans.sections, "the cited information still follows the notice"
    assert_grounded(guide, ans)


def test_dose_request_is_referred_and_no_dose_is_shown(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("How many mg of cannabis oil should I take for nausea during chemo?")
    assert any(n.kind == "dose_request" for n in ans.notices)
    for s in all_sentences(ans):
        assert not DOSE_RE.search(s.text), s.text


def test_stop_treatment_request_is_referred(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("Should I stop my hormone therapy for prostate cancer because of hot flashes?")
    assert any(n.kind == "medication_change" for n in ans.notices)


def test_integrative_question_gets_caution_and_evidence(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("Can cannabis help with nausea from chemotherapy?")
    assert any(n.kind == "integrative" for n in ans.notices)
    assert ans.sources[0].doc == "about-cancer-treatment-cam-patient-cannabis-pdq.md"
    assert_grounded(guide, ans)


def test_cut_off_message_asks_back_instead_of_guessing(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("is it ok to use cannabis with chemo for example neutr")
    assert not ans.sections and not ans.summary
    clar = [n for n in ans.notices if n.kind == "clarification"]
    assert clar and any("neutr" in o.lower() for o in clar[0].options)


def test_vague_and_off_topic(guide) -> None:  # type: ignore[no-untyped-def]
    vague = guide.ask("cancer?")
    assert not vague.sections and any(n.kind == "clarification" for n in vague.notices)
    off = guide.ask("Who won the football game last night?")
    assert not off.sections and any(n.kind == "off_topic" for n in off.notices)


@pytest.mark.parametrize("bad", ["", "   \n", "a" * 10_000, "\x00\x01\x02binary", b"bytes", None, 42])
def test_bad_input_raises_clear_error(guide, bad: object) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as e:
        guide.ask(bad)
    assert str(e.value) and "Traceback" not in str(e.value)


def test_profile_personalises_lead_in_and_search(guide) -> None:  # type: ignore[no-untyped-def]
    profile = PatientProfile(
        cancer_type="breast cancer", stage_group="IV", oligometastatic=True, metastatic_sites=["lung"],
        biomarkers=[Biomarker(name="ER", status="positive"), Biomarker(name="HER2", status="negative")],
        treatments=[Treatment(name="ribociclib", kind="drug", start="2025-03")],
    )
    ans = guide.ask("What are my treatment options?", profile=profile)
    lead = next(n for n in ans.notices if n.kind == "personalized")
    assert re.search(r"ER-positive, HER2-negative, oligometastatic stage IV breast cancer", lead.text)
    assert "ribociclib" in lead.text
    assert any("breast" in s.title.lower() for s in ans.sources)


def test_trial_question_with_profile_lists_matching_trials(guide) -> None:  # type: ignore[no-untyped-def]
    from oncoguide.answer.engine import OncoGuide
    from oncoguide.trials.loader import load_trials
    from oncoguide.trials.matcher import TrialMatcher

    trials = load_trials(guide.settings.trials_path)
    breast = [t for t in trials if any("breast" in c.lower() for c in t.conditions)][:25]
    other = [t for t in trials if not any("breast" in c.lower() for c in t.conditions)][:25]
    matcher = TrialMatcher(guide.settings, trials=breast + other, embedder=guide.embedder)
    g = OncoGuide(guide.settings, embedder=guide.embedder, trial_matcher=matcher)
    profile = PatientProfile(
        cancer_type="breast cancer", stage_group="IV", metastatic_sites=["lung"], age=58, sex="female",
        biomarkers=[Biomarker(name="ER", status="positive"), Biomarker(name="HER2", status="negative")],
    )
    ans = g.ask("How do I find the best clinical trial for breast cancer?", profile=profile)
    assert ans.sections, "the cited guidance comes first"
    assert ans.trials and len(ans.trials) <= 5
    assert ans.trials[0].nct_id in {t.nct_id for t in breast}
    assert all(t.url.endswith(t.nct_id) for t in ans.trials)
    # Without a profile there is nothing to match against, so no trials are listed.
    assert not g.ask("How do I find the best clinical trial for breast cancer?").trials


def test_question_the_sources_do_not_cover_says_so(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("How do I fix a flat tire on my bicycle?")
    assert not ans.sections and not ans.summary
    assert any(n.kind in ("no_match", "off_topic") for n in ans.notices)


def test_crisis_message_gets_the_crisis_line_and_nothing_else(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("i have cancer and i dont want to live anymore")
    assert ans.notices and ans.notices[0].kind == "urgent" and "988" in ans.notices[0].text
    assert not ans.summary and not ans.sections


def test_dose_question_uses_patient_pages_only(guide) -> None:  # type: ignore[no-untyped-def]
    ans = guide.ask("How many mg of hormone therapy should I take for my prostate cancer?")
    assert any(n.kind == "dose_request" for n in ans.notices)
    assert all(s.audience == "patient" for s in ans.sources)
