"""Load and validate oncoguide's own wording (src/oncoguide/data/wording.yaml).

It sits at the bottom of the package (answers and trial matching both read it), so no layer has to import
another's to say something.

Our own words are limited to structure — headings, transitions, questions for the care team, next steps,
disclaimers, notices and error messages — and they live in one reviewed data file so a person can check
them in one place. Validation here catches the mistakes a reviewer could miss: a missing intent, a wrong
number of prompts, a broken placeholder, or anything that looks like a dose.
"""

from __future__ import annotations

import functools
import re
import string
from importlib import resources
from pathlib import Path
from typing import Literal, get_args

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Intent = Literal[
    "meaning",
    "causes_risk",
    "prevention",
    "screening",
    "symptoms",
    "diagnosis",
    "stage",
    "treatment",
    "side_effects",
    "outlook",
    "living_with",
    "integrative",
    "trials",
    "recurrence",
    "genetics",
    "general",
]
INTENTS: tuple[str, ...] = get_args(Intent)

# A number next to a unit or a pill count is how a dose reads; our wording must never contain one.
DOSE_RE = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|μg|g|gm|grams?|milligrams?|micrograms?|ml|cc|iu|units?|mmol|"
    r"mg/kg|mg/m2|tablets?|pills?|capsules?|caps|drops?|puffs?|doses?|times\s+(?:a|per)\s+day)\b"
    r"|\bevery\s+\d+\s*(?:hours?|hrs?|h)\b"
    r"|\b(?:one|two|three|four|five|six|half\s+a|a\s+half)\s+(?:tablets?|pills?|capsules?|teaspoons?|tablespoons?)\b",
    re.IGNORECASE,
)
# Directive phrasing that would tell someone to start/stop/change treatment without their care team.
DIRECTIVE_RE = re.compile(
    r"\b(?:stop|start|skip|double|halve|increase|decrease|reduce|lower|raise|change)\s+(?:taking\s+)?"
    r"(?:your|the)\s+(?:medicines?|medications?|meds|treatment|chemo\w*|doses?|pills?|drugs?)\b"
    r"|\b(?:stop|start|keep)\s+taking\b",
    re.IGNORECASE,
)


def placeholders(template: str) -> set[str]:
    """Names of the {placeholders} in a template (format-style)."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check_text(value: str, where: str, allowed: frozenset[str] = frozenset()) -> str:
    text = value.strip()
    if not text:
        raise ValueError(f"{where}: empty text")
    if DOSE_RE.search(text):
        raise ValueError(f"{where}: looks like a dose: {text!r}")
    if DIRECTIVE_RE.search(text):
        raise ValueError(f"{where}: reads like a treatment instruction: {text!r}")
    extra = placeholders(text) - allowed
    if extra:
        raise ValueError(f"{where}: unknown placeholder(s) {sorted(extra)}")
    return text


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IntentWording(_Frozen):
    """Structure wording for one kind of question."""

    label: str = Field(description="Short name of the kind of question, used to label clarifying options.")
    section_title: str = Field(description="Reader-friendly heading for content of this kind.")
    question_template: str = Field(
        description="A question about {topic} of this kind, for clarifying options."
    )
    questions_to_ask: tuple[str, ...] = Field(min_length=4, max_length=6)
    next_steps: tuple[str, ...] = Field(min_length=2, max_length=4)

    @field_validator("label", "section_title")
    @classmethod
    def _plain(cls, v: str) -> str:
        return _check_text(v, "label/section_title")

    @field_validator("question_template")
    @classmethod
    def _template(cls, v: str) -> str:
        v = _check_text(v, "question_template", frozenset({"topic"}))
        if "topic" not in placeholders(v):
            raise ValueError("question_template must contain {topic}")
        return v

    @field_validator("questions_to_ask")
    @classmethod
    def _questions(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        out = tuple(_check_text(q, "questions_to_ask") for q in v)
        for q in out:
            if not q.endswith("?"):
                raise ValueError(f"questions_to_ask: not a question: {q!r}")
        if len(set(out)) != len(out):
            raise ValueError("questions_to_ask: duplicates")
        return out

    @field_validator("next_steps")
    @classmethod
    def _steps(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(_check_text(s, "next_steps") for s in v)


class Headings(_Frozen):
    summary: str
    questions_to_ask: str
    next_steps: str
    sources: str
    related_questions: str
    notices: str
    readings: str


class Transitions(_Frozen):
    intro: str
    more: str
    see_source: str = Field(description="Template with {title}.")


class Personalization(_Frozen):
    """Lead-ins that name the reader's own profile summary; wording only, never a medical conclusion."""

    lead_in: str = Field(description="Template with {summary}.")
    questions_lead_in: str = Field(description="Template with {summary}.")
    caveat: str


class Notices(_Frozen):
    urgent_care: str
    crisis: str
    dose_request: str
    medication_change: str
    integrative_caution: str
    out_of_scope: str
    no_match: str


class Clarification(_Frozen):
    truncated: str = Field(description="Template with {fragment}.")
    truncated_no_readings: str
    vague: str
    vague_examples: tuple[str, ...] = Field(min_length=2, max_length=8)
    reading_intents_condition: tuple[Intent, ...] = Field(min_length=1)
    reading_intents_treatment: tuple[Intent, ...] = Field(min_length=1)


class Errors(_Frozen):
    empty: str
    too_long: str = Field(description="Template with {max_chars}.")
    binary: str
    not_text: str


# Every question the trial matcher may need, with the placeholders each one must use.
TRIAL_QUESTION_KEYS: dict[str, frozenset[str]] = {
    **{k: frozenset() for k in (
        "pregnancy", "age", "sex", "menopause", "ecog", "stage", "brain_metastases", "condition", "marker_HR",
        "marker_ER", "marker_PR", "marker_PD-L1", "her2_score", "triple_negative", "treatment_setting",
        "treatment_lines", "measurable_disease", "other_malignancy", "labs", "heart", "infection", "immune",
        "life_expectancy", "tissue", "allergy", "investigational", "swallow", "toxicity", "psychiatric",
        "surgery_recent", "disease_course", "standard_options", "castration")},
    "marker_tested": frozenset({"marker"}),
    "marker_variant": frozenset({"marker"}),
    "treatment_history": frozenset({"named"}),
    "treatment_timing": frozenset({"drugs"}),
}


class TrialQuestions(_Frozen):
    """What to ask the trial team when the records cannot decide a criterion; questions, never facts."""

    ask: str = Field(description="Template with {question}: how a question is introduced in the evidence.")
    generic: str = Field(description="Template with {criterion}: the fallback question quoting the criterion.")
    questions: dict[str, str]

    @model_validator(mode="after")
    def _complete(self) -> TrialQuestions:
        _exact_placeholders(_check_text(self.ask, "trial_questions.ask", frozenset({"question"})),
                            "trial_questions.ask", frozenset({"question"}))
        _exact_placeholders(_check_text(self.generic, "trial_questions.generic", frozenset({"criterion"})),
                            "trial_questions.generic", frozenset({"criterion"}))
        if diff := set(self.questions) ^ set(TRIAL_QUESTION_KEYS):
            raise ValueError(f"trial_questions.questions: missing or unknown keys {sorted(diff)}")
        for key, text in self.questions.items():
            where, allowed = f"trial_questions.questions.{key}", TRIAL_QUESTION_KEYS[key]
            _exact_placeholders(_check_text(text, where, allowed), where, allowed)
            if "?" not in text:
                raise ValueError(f"{where}: not a question: {text!r}")
        return self

    def question(self, key: str, **values: str) -> str:
        """The question for a topic, filled in; KeyError for a topic the file does not know (a code bug)."""
        return self.questions[key].format(**values)

    def fallback(self, criterion: str) -> str:
        return self.generic.format(criterion=criterion)

    def ask_line(self, question: str) -> str:
        return self.ask.format(question=question)


def _exact_placeholders(text: str, where: str, allowed: frozenset[str]) -> None:
    if placeholders(text) != allowed:
        raise ValueError(f"{where}: must use placeholders {sorted(allowed)}")


# Which placeholders each templated string may (and must) use.
_TEMPLATES: dict[str, frozenset[str]] = {
    "transitions.see_source": frozenset({"title"}),
    "personalization.lead_in": frozenset({"summary"}),
    "personalization.questions_lead_in": frozenset({"summary"}),
    "clarification.truncated": frozenset({"fragment"}),
    "errors.too_long": frozenset({"max_chars"}),
}


class Wording(_Frozen):
    """All of oncoguide's own wording; see wording.yaml for the review rules."""

    version: int
    disclaimer: str
    headings: Headings
    transitions: Transitions
    personalization: Personalization
    notices: Notices
    clarification: Clarification
    errors: Errors
    trial_questions: TrialQuestions
    intents: dict[Intent, IntentWording]

    @model_validator(mode="after")
    def _validate(self) -> Wording:
        missing = [i for i in INTENTS if i not in self.intents]
        if missing:
            raise ValueError(f"intents missing: {missing}")
        for where, text in self.iter_texts():
            if where.startswith(("intents.", "trial_questions.")):
                continue  # checked by IntentWording / TrialQuestions
            allowed = _TEMPLATES.get(where, frozenset())
            _check_text(text, where, allowed)
            if allowed:
                _exact_placeholders(text, where, allowed)
        if not self.disclaimer.lower().startswith("this is general information"):
            raise ValueError("disclaimer must begin 'This is general information'")
        return self

    def iter_texts(self) -> list[tuple[str, str]]:
        """Every displayable string with a dotted location, for validation and tests."""
        out: list[tuple[str, str]] = [("disclaimer", self.disclaimer)]
        for group in ("headings", "transitions", "personalization", "notices", "errors"):
            for key, val in getattr(self, group).model_dump().items():
                out.append((f"{group}.{key}", val))
        c = self.clarification
        out += [
            ("clarification.truncated", c.truncated),
            ("clarification.truncated_no_readings", c.truncated_no_readings),
            ("clarification.vague", c.vague),
        ]
        out += [(f"clarification.vague_examples[{i}]", q) for i, q in enumerate(c.vague_examples)]
        tq = self.trial_questions
        out += [("trial_questions.ask", tq.ask), ("trial_questions.generic", tq.generic)]
        out += [(f"trial_questions.questions.{k}", q) for k, q in tq.questions.items()]
        for name, iw in self.intents.items():
            out += [
                (f"intents.{name}.label", iw.label),
                (f"intents.{name}.section_title", iw.section_title),
                (f"intents.{name}.question_template", iw.question_template),
            ]
            out += [(f"intents.{name}.questions_to_ask[{i}]", q) for i, q in enumerate(iw.questions_to_ask)]
            out += [(f"intents.{name}.next_steps[{i}]", s) for i, s in enumerate(iw.next_steps)]
        return out

    def for_intent(self, intent: str) -> IntentWording:
        """Wording for an intent; unknown intents fall back to 'general' so an answer always has structure."""
        return self.intents.get(intent, self.intents["general"])  # type: ignore[call-overload]

    @property
    def section_titles(self) -> dict[str, str]:
        return {k: v.section_title for k, v in self.intents.items()}

    def questions_to_ask(self, intent: str) -> tuple[str, ...]:
        return self.for_intent(intent).questions_to_ask

    def next_steps(self, intent: str) -> tuple[str, ...]:
        return self.for_intent(intent).next_steps


def default_wording_path() -> Path:
    return Path(str(resources.files("oncoguide") / "data" / "wording.yaml"))


@functools.cache
def load_wording(path: Path | None = None) -> Wording:
    """Parse and validate the wording file once per process (it is read-only data)."""
    p = path or default_wording_path()
    data = yaml.safe_load(p.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise TypeError(f"{p}: not a YAML mapping")
    return Wording.model_validate(data)


def trial_question(key: str, **values: str) -> str:
    """A question for the trial team from the reviewed file, so no patient-facing question lives in code."""
    return load_wording().trial_questions.question(key, **values)
