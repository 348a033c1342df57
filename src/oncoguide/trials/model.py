"""Pydantic shapes at the trials boundary: trial records in, explained matches out.

A criterion verdict carries its own explanation (criterion text, the profile evidence it was judged on,
and a question for the trial team when the profile cannot decide), like a presidio recognizer result.
Verdicts read from the patient's side: `met` means the patient satisfies this criterion's requirement —
for an exclusion criterion that means the exclusion does NOT apply — so "more met" is always better.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

CriterionKind = Literal["inclusion", "exclusion"]
Verdict = Literal["met", "not_met", "unknown", "not_applicable"]
Eligibility = Literal["likely", "unlikely", "unknown"]


class Trial(BaseModel):
    """One ClinicalTrials.gov study, normalised from the shared JSONL or API v2 JSON."""

    nct_id: str = Field(pattern=r"^NCT\d{8}$")
    title: str
    brief_summary: str = ""
    conditions: list[str] = Field(default_factory=list)
    interventions: list[str] = Field(default_factory=list)
    phase: str | None = Field(default=None, description="Normalised, e.g. 'Phase 1/Phase 2'.")
    status: str | None = Field(default=None, description="Overall status, e.g. 'Recruiting'; None when unrecorded.")
    study_type: str | None = None
    min_age_years: float | None = None
    max_age_years: float | None = None
    sex: Literal["all", "female", "male"] | None = None
    age_sex_source: Literal["registry", "criteria_text"] | None = Field(
        default=None, description="Where age/sex limits came from when set."
    )
    eligibility_criteria: str = ""
    sponsor: str | None = None
    locations: list[str] | None = Field(default=None, description="Countries; None when the record has none.")

    @property
    def recruiting(self) -> bool | None:
        if self.status is None:
            return None
        return self.status.lower() in {"recruiting", "not yet recruiting", "enrolling by invitation"}


class Criterion(BaseModel):
    """One inclusion or exclusion item split from the eligibility text."""

    text: str = Field(min_length=1)
    kind: CriterionKind
    section: str | None = Field(default=None, description="Sub-heading it sat under, e.g. 'Performance status'.")


class CriterionVerdict(BaseModel):
    """A criterion judged against the profile, with the evidence beside it."""

    text: str
    kind: CriterionKind
    verdict: Verdict
    evidence: str = Field(description="What in the profile decided it, or what is missing.")
    topic: str | None = Field(default=None, description="What the rule recognised, e.g. 'biomarker:HER2'.")
    question: str | None = Field(default=None, description="For unknown verdicts: what to ask the trial team.")
    hard: bool = Field(default=False, description="True for registry-level filters (age, sex).")


class TrialMatch(BaseModel):
    nct_id: str
    title: str
    score: float = Field(description="Final ranking score (eligibility then relevance).")
    relevance: float = Field(description="Fused retrieval score (RRF).")
    eligibility: Eligibility
    criteria: list[CriterionVerdict]
    status: str | None = None
    phase: str | None = None
    locations: list[str] | None = None

    @property
    def counts(self) -> dict[str, int]:
        out = {"met": 0, "not_met": 0, "unknown": 0, "not_applicable": 0}
        for c in self.criteria:
            out[c.verdict] += 1
        return out

    def questions(self) -> list[str]:
        return [c.question for c in self.criteria if c.verdict == "unknown" and c.question]

    def to_json(self) -> dict[str, object]:
        """The issue's JSON shape, exactly."""
        return {
            "nct_id": self.nct_id,
            "title": self.title,
            "score": round(self.score, 4),
            "eligibility": self.eligibility,
            "criteria": [
                {"text": c.text, "kind": c.kind, "verdict": c.verdict, "evidence": c.evidence} for c in self.criteria
            ],
        }


class MatchResults(BaseModel):
    results: list[TrialMatch]
    query: str = Field(description="The retrieval query built from the profile.")
    filtered: dict[str, int] = Field(
        default_factory=dict, description="Candidates dropped by hard filters, counted by reason."
    )

    def to_json(self) -> dict[str, object]:
        return {"results": [r.to_json() for r in self.results]}
