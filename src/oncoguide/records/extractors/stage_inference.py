"""Stage group IV inferred from distant metastatic disease when no stage is stated.

Free-text descriptions ("metastatic breast cancer", "colon adenocarcinoma metastatic to the liver") rarely
print a stage, yet trials select on it. Distant metastasis (M1) is AJCC stage IV for solid tumours, with
exceptions that are left unstaged: blood cancers and gliomas have other systems, and differentiated thyroid
cancer with M1 is stage II under age 55. The value is marked inferred, with the rule, so it is never
mistaken for a stated stage; a stated stage always wins.
"""

from __future__ import annotations

from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.cancer_types import HEME
from oncoguide.records.model import PatientProfile

_UNSTAGED = HEME | {"glioma"}
_AGE_DEPENDENT = {"papillary thyroid carcinoma", "follicular thyroid carcinoma"}


def extract(doc: Doc) -> list[Finding]:
    return []


def apply(doc: Doc, findings: list[Finding], profile: PatientProfile) -> None:
    if profile.stage_group or not profile.metastatic or profile.cancer_type in (None, *_UNSTAGED):
        return
    if profile.cancer_type == "thyroid cancer" and (profile.histology in _AGE_DEPENDENT or profile.age is None or profile.age < 55):
        return
    ev = profile.evidence.get("metastatic")
    if ev is None:
        return
    profile.stage_group = "IV"
    profile.evidence["stage_group"] = ev.model_copy(
        update={"inferred": True, "rule": f"distant metastatic disease (M1) is AJCC stage IV for {profile.cancer_type}"}
    )
