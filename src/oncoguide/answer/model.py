"""The answer a patient sees, as one pydantic model shared by the CLI (--json), the web app and benchmarks."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Sentence(BaseModel):
    """A sentence taken from a cited passage (light clean-up only)."""

    text: str
    citations: list[str] = Field(description="Source ids (see Answer.sources) whose passage contains the text.")
    passage_id: str | None = Field(default=None, description="The passage the sentence was taken from.")


class Section(BaseModel):
    title: str
    intent: str = Field(description="The aspect of the question this section covers.")
    sentences: list[Sentence] = Field(default_factory=list)


class Source(BaseModel):
    id: str
    title: str
    url: str
    doc: str
    last_reviewed: str | None = None
    audience: str = "patient"


class Notice(BaseModel):
    """Shown before the answer: urgent care, referrals to the care team, clarification requests."""

    kind: Literal[
        "urgent", "dose_request", "medication_change", "integrative", "off_topic", "clarification", "no_match",
        "personalized", "professional_source", "error",
    ]
    text: str
    options: list[str] = Field(default_factory=list, description="Likely readings to choose from (clarification).")


class TrialSuggestion(BaseModel):
    """A matching trial with its criterion tally; the trials module explains each verdict."""

    nct_id: str
    title: str
    eligibility: str
    url: str
    met: int = 0
    not_met: int = 0
    unknown: int = 0
    ask_trial_team: list[str] = Field(default_factory=list, description="Questions for the unknown criteria.")


class Answer(BaseModel):
    question: str
    intent: str = "general"
    summary: list[Sentence] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)
    questions_to_ask: list[str] = Field(default_factory=list)
    next_steps: list[str] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    related_questions: list[str] = Field(default_factory=list)
    disclaimer: str = ""
    notices: list[Notice] = Field(default_factory=list)
    trials: list[TrialSuggestion] = Field(default_factory=list)
    id: str | None = Field(default=None, description="Echoes the id of a --queries line.")

    def body_text(self) -> str:
        """Summary and section sentences, in reading order (what the coverage benchmark reads)."""
        parts = [s.text for s in self.summary]
        for sec in self.sections:
            parts.extend(s.text for s in sec.sentences)
        return " ".join(parts)
