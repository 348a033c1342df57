"""Triage of incoming messages, with the vocabulary built from real corpus pages read at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from oncoguide.answer.triage import Triage, assess_message, vocabulary_from_texts
from oncoguide.settings import Settings
from oncoguide.wording import DOSE_RE, load_wording


@pytest.fixture(scope="module")
def vocab() -> frozenset[str]:
    """Words of a few dozen patient pages on side effects and drugs (enough to know "neutropenia")."""
    dirs = [d for d in Settings.from_env().corpus_dirs if Path(d).is_dir()]
    if not dirs:
        pytest.skip("corpus not available")
    pages = sorted(
        p
        for d in dirs
        for p in Path(d).glob("about-cancer-treatment-side-effects-*.md")
        if "-hp-" not in p.name
    )
    pages = pages[:40] + sorted(
        p for d in dirs for p in Path(d).glob("about-cancer-treatment-drugs-filgrastim.md")
    )
    assert len(pages) >= 20
    v = vocabulary_from_texts(p.read_text(encoding="utf-8", errors="replace") for p in pages)
    assert {"neutropenia", "neutrophils", "chemotherapy"} <= v
    return v


def flags(t: Triage) -> set[str]:
    names = (
        "urgent",
        "dose_request",
        "medication_change_request",
        "off_topic",
        "integrative",
        "truncated",
        "vague",
    )
    return {n for n in names if getattr(t, n)} | ({f"error:{t.error.code}"} if t.error else set())


# --------------------------------------------------------------------------------------------- urgent


@pytest.mark.parametrize(
    ("text", "symptom"),
    [
        ("I have a fever of 39 on chemo", "fever during treatment"),
        ("my temp is 38.6 after my infusion yesterday", "fever during treatment"),
        ("Running a FEVER since last night, I'm on chemotherapy", "fever during treatment"),
        ("I can't breathe", "trouble breathing"),
        ("my mom is having trouble breathing after chemo", "trouble breathing"),
        ("cant breath and scared", "trouble breathing"),
        ("CHEST PAIN since this morning", "chest pain"),
        ("i have pain in my chest when i walk", "chest pain"),
        ("My dad is very confused and sleepy after his infusion", "confusion"),
        ("she suddenly became confused and doesn't know where she is", "confusion"),
        ("coughing up blood this morning", "severe bleeding"),
        ("I can't stop bleeding from my port site", "severe bleeding"),
        ("I fainted twice today", "fainting"),
        ("he passed out in the kitchen", "fainting"),
        ("her face is drooping and she has slurred speech", "signs of stroke"),
        ("I think I'm having a stroke", "signs of stroke"),
        ("I feel like I want to die", "suicidal thoughts"),
        ("having suicidal thoughts since my diagnosis", "suicidal thoughts"),
        ("my husband had a seizure last night", "seizure"),
        ("my throat is swelling after the infusion", "severe allergic reaction"),
    ],
)
def test_urgent_positive(text: str, symptom: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.urgent and symptom in t.urgent_symptoms, t
    assert t.notices[0].kind == "urgent"  # before anything else
    assert t.urgent_phrases


@pytest.mark.parametrize(
    "text",
    [
        "no fever, just tired after chemo",
        "Can lymphoma cause fever?",
        "What is hay fever?",
        "I don't have trouble breathing but my legs ache",
        "I'm confused about my treatment options",
        "I'm so confused, what does stage 2 mean?",
        "I haven't fainted or had chest pain",
        "I'm not suicidal, just scared",
        "I don't want to die",
        "Will chemo stop my period?",
        "What is neutropenia?",
    ],
)
def test_urgent_negative(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert not t.urgent, t


def test_urgent_mixed_negation_and_order(vocab: frozenset[str]) -> None:
    t = assess_message(
        "No chest pain, but I have a fever on chemo and I'm thinking of skipping my pills", vocab
    )
    assert t.urgent_symptoms == ("fever during treatment",)
    kinds = [n.kind for n in t.notices]
    assert kinds[0] == "urgent" and "medication_change" in kinds
    w = load_wording()
    assert t.notices[0].text == w.notices.urgent_care


def test_crisis_line_for_suicidal_thoughts(vocab: frozenset[str]) -> None:
    t = assess_message("i want to kill myself", vocab)
    assert t.notices[0].text == load_wording().notices.crisis


# ----------------------------------------------------------------------------------- doses and changes


@pytest.mark.parametrize(
    "text",
    [
        "what dose of tamoxifen should I take",
        "How much ibuprofen can I take on chemo?",
        "how many mg of oxycodone is safe",
        "Is 500 mg of turmeric too much?",
        "What's the maximum dosage of Tylenol",
        "how often should i take my zofran",
        "HOW MANY PILLS SHOULD I TAKE",
    ],
)
def test_dose_request(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.dose_request, t
    assert any(n.kind == "dose_request" for n in t.notices)


@pytest.mark.parametrize(
    "text",
    [
        "What is dose-dense chemotherapy?",
        "How much does chemo cost?",
        "How much water should I drink during treatment?",
        "How many cycles of chemo are usual for breast cancer?",
        "I take 500 mg of metformin daily",
    ],
)
def test_not_dose_request(text: str, vocab: frozenset[str]) -> None:
    assert not assess_message(text, vocab).dose_request


@pytest.mark.parametrize(
    "text",
    [
        "Should I stop taking tamoxifen?",
        "can i skip my chemo next week",
        "Is it ok to switch to the generic letrozole?",
        "I stopped taking my letrozole because of joint pain",
        "should I double my dose of dexamethasone",
        "Can I take ibuprofen with chemo?",
        "Can I use turmeric instead of chemo?",
        "do I really need to keep taking anastrozole",
        "thinking about quitting my immunotherapy",
    ],
)
def test_medication_change(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.medication_change_request, t
    assert any(n.kind == "medication_change" for n in t.notices)


@pytest.mark.parametrize(
    "text",
    [
        "Should I stop smoking?",
        "What should I expect when starting chemo?",
        "Can I take a shower after radiation?",
        "Will chemo stop my period?",
        "Can I eat grapefruit on chemo",
        "Can radiation change my DNA?",
    ],
)
def test_not_medication_change(text: str, vocab: frozenset[str]) -> None:
    assert not assess_message(text, vocab).medication_change_request


# ---------------------------------------------------------------------------------- topic and CAM


@pytest.mark.parametrize(
    "text",
    [
        "what's the weather tomorrow",
        "Who won the football game last night?",
        "write python code to sort a list",
        "Give me a recipe for banana bread",
        "what is the capital of France",
    ],
)
def test_off_topic(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.off_topic and not t.should_answer, t
    assert t.notices[-1].kind == "off_topic"


@pytest.mark.parametrize(
    "text",
    [
        "Can I eat grapefruit on chemo",
        "recipes for mouth sores during chemo",
        "Is it safe to play football after lung surgery?",
        "What does it mean when breast cancer spreads to the lungs?",
    ],
)
def test_on_topic(text: str, vocab: frozenset[str]) -> None:
    assert not assess_message(text, vocab).off_topic


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("Is CBD oil safe during radiation?", "cbd"),
        ("Does acupuncture help with nausea from chemo?", "acupuncture"),
        ("are there natural cures for prostate cancer", "natural cures"),
        ("my oncologist talked about off-label drugs", "off-label"),
        ("Should I try a keto diet during treatment?", "keto diet"),
        ("What about Vitamin C infusions for cancer", "vitamin c"),
        ("Is medical marijuana legal for cancer pain", "marijuana"),
    ],
)
def test_integrative(text: str, term: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.integrative and term in t.integrative_terms, t
    assert load_wording().notices.integrative_caution in [n.text for n in t.notices]


@pytest.mark.parametrize("text", ["How is stage 3 colon cancer treated?", "how do I weed my garden"])
def test_not_integrative(text: str, vocab: frozenset[str]) -> None:
    assert not assess_message(text, vocab).integrative


# --------------------------------------------------------------------------------- clarification


def test_truncated_offers_completions(vocab: frozenset[str]) -> None:
    text = "my oncologist mentioned treating with offlabels for example neutr"
    t = assess_message(text, vocab)
    assert t.truncated and t.fragment == "neutr" and not t.should_answer
    assert "neutropenia" in t.reading_labels
    assert any(label.startswith("neutrophil") for label in t.reading_labels)
    assert len(t.readings) == len(t.reading_labels) <= 5
    for label, q in zip(t.reading_labels, t.readings, strict=True):
        assert q == text[: -len("neutr")] + label
    n = next(n for n in t.notices if n.kind == "clarification")
    assert '"neutr"' in n.text and n.options == t.readings


@pytest.mark.parametrize(
    "text",
    [
        "What are the side effects of chemotherapy?",
        "What are the side effects of chemotherapy",
        "Is neutropenia dangerous",
        "What are the side effects of neutorpenia",  # a typo, not a cut-off
        "tell me about immunotherapy for my mom",
    ],
)
def test_not_truncated(text: str, vocab: frozenset[str]) -> None:
    assert not assess_message(text, vocab).truncated


def test_truncation_needs_a_vocabulary() -> None:
    assert not assess_message("What are the side effects of chemoth").truncated
    assert assess_message("What are the side effects of chemoth", lambda w: w == "chemotherapy").truncated


@pytest.mark.parametrize("text", ["cancer?", "what about it", "help", "Hi!", "???", "neutropenia?", "😀😀"])
def test_vague(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert t.vague and not t.should_answer, t
    assert 2 <= len(t.readings) <= 5
    assert t.notices[-1].kind == "clarification" and t.notices[-1].options == t.readings


def test_vague_readings_use_the_topic(vocab: frozenset[str]) -> None:
    assert "What is neutropenia?" in assess_message("neutropenia?", vocab).readings
    assert "What is cancer?" in assess_message("Cancer??", vocab).readings
    chemo = assess_message("chemo", vocab).readings
    assert any("side effects" in q for q in chemo)


@pytest.mark.parametrize(
    "text",
    [
        "What is cancer?",
        "How is breast cancer staged?",
        "WHAT IS NEUTROPENIA",
        "side effects of radiation therapy",
    ],
)
def test_not_vague(text: str, vocab: frozenset[str]) -> None:
    t = assess_message(text, vocab)
    assert not t.vague and t.should_answer, t


# ------------------------------------------------------------------------------------- bad input


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "empty"),
        ("   \n\t  ", "empty"),
        ("\u200b\ufeff", "empty"),
        ("<p></p>", "empty"),
        ("a" * 2001, "too_long"),
        ("what is cancer\x00\x00\x00", "binary"),
        ("\x01\x02\x03\x04 hello", "binary"),
        ("\ud800 broken", "binary"),
        (b"what is cancer", "binary"),
        (None, "not_text"),
        (42, "not_text"),
    ],
)
def test_input_errors(value: object, code: str) -> None:
    t = assess_message(value)  # type: ignore[arg-type]
    assert t.error is not None and t.error.code == code
    assert [n.kind for n in t.notices] == ["error"] and t.notices[0].text == t.error.message
    assert not t.should_answer


def test_too_long_uses_limit_and_is_fast() -> None:
    t = assess_message("chest pain " * 100_000, max_chars=500)
    assert t.error is not None and "500" in t.error.message and not t.urgent


def test_hostile_markup_and_emoji(vocab: frozenset[str]) -> None:
    t = assess_message("<script>alert('x')</script><b>What is neutropenia?</b> 🙏", vocab)
    assert t.error is None and "<" not in t.text and "alert" not in t.text
    assert t.text.startswith("What is neutropenia?") and t.should_answer
    t = assess_message("I have chest pain &amp; fever on chemo 😰😰", vocab)
    assert t.urgent and "&amp;" not in t.text


def test_long_normal_message_within_limit(vocab: frozenset[str]) -> None:
    text = ("I was diagnosed with breast cancer last year and finished radiation. " * 25).strip()
    assert len(text) < 2000
    t = assess_message(text, vocab)
    assert t.error is None and not t.truncated and not t.vague and not t.urgent


def test_no_notice_contains_a_dose(vocab: frozenset[str]) -> None:
    messages = [
        "I have a fever of 39 on chemo and want to double my 20 mg dose of dexamethasone",
        "Is 500 mg of turmeric too much? Should I stop my tamoxifen?",
        "my oncologist mentioned treating with offlabels for example neutr",
        "cancer?",
        "what's the weather",
        "i want to die",
    ]
    for m in messages:
        t = assess_message(m, vocab)
        assert t.notices
        for n in t.notices:
            assert not DOSE_RE.search(n.text), (m, n.text)


@pytest.mark.parametrize(
    "text, kind",
    [
        ("my dads on chemo and hes confused and burning up, 39.5", "fever during treatment"),
        ("my dads on chemo and hes confused and burning up, 39.5", "confusion"),
        ("my leg is swollen red and painful on chemo", "possible blood clot"),
        ("throwing up blood after chemo", "severe bleeding"),
    ],
)
def test_urgent_reports_in_everyday_words(text: str, kind: str) -> None:
    t = assess_message(text)
    assert t.urgent and kind in t.urgent_symptoms
    assert t.notices[0].kind == "urgent"


@pytest.mark.parametrize(
    "text",
    ["shes confused about her treatment options", "my temperature was 37.5 today",
     "I have a swollen lymph node in my neck", "Can a blood clot be a side effect of tamoxifen?"],
)
def test_not_urgent_look_alikes(text: str) -> None:
    assert not assess_message(text).urgent
