"""The reviewed wording file: complete for every intent, valid placeholders, and never a dose."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from oncoguide.wording import DOSE_RE, INTENTS, Wording, default_wording_path, load_wording


def test_every_intent_has_all_parts() -> None:
    w = load_wording()
    assert set(w.intents) == set(INTENTS)
    for name in INTENTS:
        iw = w.intents[name]  # type: ignore[index]
        assert iw.section_title and iw.label
        assert 4 <= len(iw.questions_to_ask) <= 6, name
        assert 2 <= len(iw.next_steps) <= 4, name
        assert "{topic}" in iw.question_template
    assert w.section_titles["stage"] == "How it spreads and what it means for staging"
    assert w.for_intent("no-such-intent") == w.intents["general"]


def test_global_strings_present() -> None:
    w = load_wording()
    assert w.disclaimer.startswith("This is general information from the National Cancer Institute")
    assert "not medical advice" in w.disclaimer
    assert "{summary}" in w.personalization.lead_in
    assert w.personalization.lead_in.format(summary="stage II breast cancer").startswith(
        "Given your stage II"
    )
    assert "{max_chars}" in w.errors.too_long
    assert "{fragment}" in w.clarification.truncated
    for text in (w.notices.urgent_care, w.notices.dose_request, w.notices.medication_change):
        assert "care team" in text or "emergency" in text


def test_no_dose_like_text_anywhere() -> None:
    w = load_wording()
    texts = w.iter_texts()
    assert len(texts) > 150
    for where, text in texts:
        assert not DOSE_RE.search(text), (where, text)
    raw = default_wording_path().read_text(encoding="utf-8")
    assert not DOSE_RE.search(raw)


@pytest.mark.parametrize(
    "bad",
    [
        "Take 500 mg twice a day.",
        "Two tablets every 6 hours.",
        "Usually 10 mL is enough.",
        "Stop taking your chemo.",
    ],
)
def test_validation_rejects_doses_and_instructions(bad: str, tmp_path: Path) -> None:
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    data["intents"]["treatment"]["next_steps"][0] = bad
    p = tmp_path / "w.yaml"
    p.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(ValidationError):
        load_wording(p)


def test_validation_rejects_missing_intent_and_bad_placeholder() -> None:
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    del data["intents"]["genetics"]
    with pytest.raises(ValidationError, match="genetics"):
        Wording.model_validate(data)
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    data["personalization"]["lead_in"] = "Given your {diagnosis}, read on."
    with pytest.raises(ValidationError):
        Wording.model_validate(data)
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    data["intents"]["stage"]["questions_to_ask"] = data["intents"]["stage"]["questions_to_ask"][:2]
    with pytest.raises(ValidationError):
        Wording.model_validate(data)


def test_loader_is_cached_and_frozen() -> None:
    assert load_wording() is load_wording()
    with pytest.raises(ValidationError):
        load_wording().disclaimer = "changed"  # type: ignore[misc]


def test_trial_questions_are_complete_questions_with_their_placeholders() -> None:
    tq = load_wording().trial_questions
    assert tq.question("marker_tested", marker="KRAS").startswith("Has your tumour been tested for KRAS")
    assert tq.question("treatment_history", named="chemotherapy").endswith("(in particular chemotherapy)?")
    assert tq.ask_line("How old are you?") == "Ask the trial team: How old are you?"
    assert tq.fallback("No prior chemotherapy") == 'Does this apply to you: "No prior chemotherapy"?'
    with pytest.raises(KeyError):
        tq.question("no_such_topic")


@pytest.mark.parametrize(
    ("key", "text", "message"),
    [
        ("labs", "Your blood counts are fine for this trial.", "not a question"),
        ("marker_tested", "Have you been tested for it?", "placeholders"),
        ("age", "Are you over {age}?", "placeholder"),
        ("heart", "Do you take 81 mg aspirin daily?", "dose"),
    ],
)
def test_trial_question_validation(key: str, text: str, message: str) -> None:
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    data["trial_questions"]["questions"][key] = text
    with pytest.raises(ValidationError, match=message):
        Wording.model_validate(data)
    data = yaml.safe_load(default_wording_path().read_text(encoding="utf-8"))
    del data["trial_questions"]["questions"]["swallow"]
    with pytest.raises(ValidationError, match="swallow"):
        Wording.model_validate(data)


def test_every_trial_topic_in_the_rules_has_a_question() -> None:
    from oncoguide.trials.rules import _UNKNOWN_TOPICS

    tq = load_wording().trial_questions
    for topic, _ in _UNKNOWN_TOPICS:
        assert tq.question(topic).endswith("?"), topic
