"""Tie an answer to the patient's own profile: a search hint and a lead-in naming their own facts.

The lead-in restates only what the patient's records say (their markers, stage, current drugs); it adds no
medical claim of ours.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from oncoguide.records.model import PatientProfile
    from oncoguide.wording import Wording

_MARKER_ORDER = ["ER", "PR", "HER2"]


def describe_profile(profile: PatientProfile) -> str:
    """e.g. 'ER-positive, HER2-negative, stage IV breast cancer (oligometastatic) and your current ribociclib'."""
    markers = []
    latest = {b.name.upper(): b for b in profile.biomarkers if b.status and b.most_recent}
    for name in _MARKER_ORDER + sorted(set(latest) - set(_MARKER_ORDER)):
        b = latest.get(name)
        if b is not None and b.status:
            markers.append(f"{b.name}-{b.status}" if b.status != "low" else f"{b.name}-low")
    disease = profile.cancer_type or "cancer"
    if profile.stage_group:
        disease = f"stage {profile.stage_group} {disease}"
    if profile.oligometastatic:
        disease = f"oligometastatic {disease}"
    elif profile.metastatic_sites:
        disease = f"{disease} that has spread to the {', '.join(profile.metastatic_sites[:3])}"
    text = ", ".join(markers + [disease]) if markers else disease
    current = [t.name for t in profile.treatments if t.kind == "drug" and t.start and not t.stop]
    if current:
        text += " and your current " + " and ".join(current[:3])
    return text


def personalize_query(question: str, profile: PatientProfile | None) -> str:
    """Add the patient's cancer type to a question that names none, so retrieval finds their pages."""
    if profile is None or not profile.cancer_type:
        return question
    ctype = profile.cancer_type.lower().replace(" cancer", "").strip()
    if ctype and ctype in question.lower():
        return question
    return f"{question} ({profile.cancer_type})"


def profile_lead_in(profile: PatientProfile, wording: Wording) -> str | None:
    if not (profile.cancer_type or profile.biomarkers or profile.stage_group):
        return None
    return wording.personalization.lead_in.format(summary=describe_profile(profile))
