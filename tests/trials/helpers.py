"""Shared builders for criterion tests: a patient's facts from a few profile fields, and one criterion's verdict."""

from __future__ import annotations

from typing import Any

from oncoguide.records.model import PatientProfile
from oncoguide.trials.eligibility import judge_criterion
from oncoguide.trials.facts import PatientFacts, profile_facts
from oncoguide.trials.model import Criterion

# A default patient the examples vary: metastatic lung adenocarcinoma, 63-year-old man, ECOG 1.
LUNG = {"cancer_type": "lung cancer", "histology": "non-small cell lung cancer, adenocarcinoma", "stage_group": "IV",
        "metastatic_sites": ["bone"], "age": 63, "sex": "male", "ecog": 1}
BREAST = {"cancer_type": "breast cancer", "stage_group": "IV", "metastatic_sites": ["bone"], "age": 55, "sex": "female"}


def facts(base: dict[str, Any] | None = None, **fields: Any) -> PatientFacts:
    return profile_facts(PatientProfile(**{**(LUNG if base is None else base), **fields}))


def verdict(text: str, f: PatientFacts, kind: str = "inclusion") -> str:
    return judge_criterion(Criterion(text=text, kind=kind), f).verdict  # type: ignore[arg-type]
