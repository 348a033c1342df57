"""Patient profile: the structured, evidence-linked summary of a patient's records.

Field names listed in the records issue are a stable contract (ask --profile, trials matching, web app):
`cancer_type`, `histology`, `stage_group`, `tnm`, `metastatic_sites`, `biomarkers`, `treatments`,
`adverse_events`. Fields may be added, never renamed.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class Evidence(BaseModel):
    """Where a value came from: the document, the character span, and the quoted (de-identified) text."""

    document: str = Field(description="Document name or id the value was read from.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    quote: str
    date: str | None = Field(default=None, description="Document or observation date (YYYY-MM), if known.")
    inferred: bool = Field(default=False, description="True when the value was derived by a rule, not stated.")
    rule: str | None = Field(default=None, description="The rule that derived an inferred value, for the clinician.")


class TNM(BaseModel):
    t: str | None = Field(default=None, description="AJCC T category with sub-letters, e.g. 'T1c'.")
    n: str | None = None
    m: str | None = None
    prefix: str | None = Field(default=None, description="'c' clinical, 'p' pathologic, 'yp'/'yc' post-therapy.")
    evidence: Evidence | None = None
    t_evidence: Evidence | None = Field(default=None, description="Where T was read or inferred from.")
    n_evidence: Evidence | None = Field(default=None, description="Where N was read or inferred from.")


MarkerStatus = Literal["positive", "negative", "equivocal", "low"]
TreatmentKind = Literal["drug", "surgery", "radiation", "other"]
DiseaseStatus = Literal["newly_diagnosed", "recurrent", "relapsed", "refractory", "progressive"]


class Biomarker(BaseModel):
    name: str = Field(description="Canonical marker name, e.g. 'ER', 'HER2', 'PD-L1', 'KRAS'.")
    status: MarkerStatus | None = None
    value: str | None = Field(default=None, description="Percent, score, ratio or variant as written.")
    evidence: Evidence | None = None
    most_recent: bool = Field(default=True, description="False when a later document reports this marker.")


class Treatment(BaseModel):
    name: str = Field(description="Normalized generic drug name, or surgery/radiation description.")
    kind: TreatmentKind = "drug"
    drug_class: str | None = None
    status: Literal["current", "prior"] | None = Field(
        default=None, description="'current' when the record says the patient is on it now, 'prior' when it was given before."
    )
    start: str | None = None
    stop: str | None = None
    dose_changes: list[str] = Field(default_factory=list)
    evidence: Evidence | None = None


class AdverseEvent(BaseModel):
    name: str
    grade: int | None = Field(default=None, ge=1, le=5)
    consequence: str | None = Field(default=None, description="e.g. 'dose reduction' when the record says so.")
    evidence: Evidence | None = None


class PatientProfile(BaseModel):
    """What the records say about one patient's cancer; every value carries its evidence."""

    cancer_type: str | None = Field(default=None, description="Primary cancer, e.g. 'breast cancer'.")
    primary_site: str | None = None
    histology: str | None = None
    laterality: str | None = None
    grade: str | None = None
    stage_group: str | None = Field(default=None, description="AJCC stage group, e.g. 'IIB', 'IV'.")
    tnm: TNM | None = None
    metastatic: bool | None = Field(
        default=None, description="Distant metastatic disease: stated ('metastatic breast cancer') or a distant site named."
    )
    metastatic_sites: list[str] = Field(default_factory=list)
    oligometastatic: bool | None = None
    biomarkers: list[Biomarker] = Field(default_factory=list)
    treatments: list[Treatment] = Field(default_factory=list)
    adverse_events: list[AdverseEvent] = Field(default_factory=list)
    prior_systemic_therapy: bool | None = Field(
        default=None,
        description="True when a systemic cancer drug was given or prior therapy is stated; False only when the record "
        "says the patient is untreated ('no prior treatment', 'treatment-naive'); None when it does not say.",
    )
    prior_therapy_for_advanced: bool | None = Field(
        default=None,
        description="Systemic therapy given for advanced / metastatic disease: False when the record says none was "
        "('no prior systemic therapy for metastatic disease', or untreated); True when it says so.",
    )
    disease_status: DiseaseStatus | None = Field(
        default=None,
        description="Course of the disease as worded in the record: newly diagnosed, recurrent, relapsed, refractory "
        "or progressive (progressed on / after treatment).",
    )
    standard_options_exhausted: bool | None = Field(
        default=None, description="True when the record says no standard treatment options remain ('exhausted standard therapy')."
    )
    menopausal_status: str | None = None
    ecog: int | None = Field(default=None, ge=0, le=5)
    age: int | None = Field(default=None, ge=0, le=130)
    sex: Literal["female", "male"] | None = None
    evidence: dict[str, Evidence] = Field(
        default_factory=dict, description="Evidence for scalar fields, keyed by field name."
    )
    documents: list[str] = Field(default_factory=list)
