"""What the eligibility rules need to know about a patient, derived once from a PatientProfile.

Separating this from the rules keeps each rule a pure lookup, and gives every fact a short quotable
evidence string ("profile: HER2 negative (IHC 1+)") to print beside the criterion.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from oncoguide.records.model import PatientProfile
from oncoguide.trials.vocab import (
    HEME,
    cancer_keys,
    cancer_subtypes,
    canonical_marker,
    drug_classes,
    target_agents,
    unlisted_drugs,
)

_ROMAN = {"0": 0, "I": 1, "II": 2, "III": 3, "IV": 4}


def stage_number(stage: str | None) -> int | None:
    """'IIIB' -> 3, 'stage IV' -> 4, '2a' -> 2."""
    if not stage:
        return None
    s = stage.upper().replace("STAGE", "").strip()
    if m := re.match(r"(IV|III|II|I|0)", s):
        return _ROMAN[m.group(1)]
    if m := re.match(r"([0-4])", s):
        return int(m.group(1))
    return None


@dataclass(frozen=True)
class MarkerFact:
    status: str | None  # positive / negative / equivocal / low
    value: str | None
    evidence: str


@dataclass
class PatientFacts:
    cancer: set[str] = field(default_factory=set)
    cancer_label: str | None = None
    subtypes: dict[str, set[str]] = field(default_factory=dict)
    solid: bool | None = None
    stage: int | None = None
    stage_label: str | None = None
    metastatic: bool | None = None
    metastatic_sites: list[str] = field(default_factory=list)
    brain_mets: bool | None = None
    markers: dict[str, MarkerFact] = field(default_factory=dict)
    treatments: list[str] = field(default_factory=list)
    treatment_classes: dict[str, list[str]] = field(default_factory=dict)
    treatment_text: dict[str, str] = field(default_factory=dict)  # name -> name, quoted words and stated class
    max_lines: int | None = None  # upper bound on lines of systemic therapy (None: no medicines recorded)
    locoregional_drugs: list[str] = field(default_factory=list)  # given with chemoradiation, not for metastatic disease
    ecog: int | None = None
    age: int | None = None
    sex: str | None = None
    menopausal: str | None = None
    adverse_events: list[str] = field(default_factory=list)
    # treatment history and disease course (None: the records do not say)
    prior_systemic: bool | None = None  # any systemic cancer therapy given before
    prior_systemic_evidence: str = "profile: prior therapy not recorded"
    advanced_therapy: bool | None = None  # systemic therapy given for advanced / metastatic disease
    advanced_therapy_evidence: str = "profile: setting of earlier treatment not recorded"
    course: str | None = None  # newly_diagnosed / recurrent / relapsed / refractory / progressive
    course_evidence: str = "profile: disease course not recorded"
    exhausted: bool | None = None  # standard treatment options exhausted
    exhausted_evidence: str = "profile: not recorded whether standard options remain"


def _marker_evidence(name: str, status: str | None, value: str | None) -> str:
    return f"profile: {name} {status or 'status not stated'}" + (f" ({value})" if value else "")


def profile_facts(profile: PatientProfile) -> PatientFacts:
    """Pure derivation of rule-ready facts from a profile."""
    f = PatientFacts()
    label = " ".join(x for x in (profile.cancer_type, profile.histology, profile.primary_site) if x)
    f.cancer = cancer_keys(label) if label else set()
    # lung subtype stated only in the histology ("small cell carcinoma" / "adenocarcinoma") under "lung cancer"
    if "lung" in f.cancer and not f.cancer & {"nsclc", "sclc"} and profile.histology:
        if re.search(r"(?<!non)(?<!non-)(?<!non )\bsmall[- ]cell", profile.histology, re.I):
            f.cancer.add("sclc")
        elif re.search(r"non[- ]?small|adenocarcinoma|squamous|large[- ]cell", profile.histology, re.I):
            f.cancer.add("nsclc")
    f.subtypes = cancer_subtypes(label) if label else {}
    f.cancer_label = ", ".join(x for x in (profile.cancer_type, profile.histology) if x) or None
    if f.cancer:
        f.solid = not (f.cancer <= HEME)
    f.stage = stage_number(profile.stage_group)
    f.stage_label = profile.stage_group
    m_cat = (profile.tnm.m or "").upper() if profile.tnm else ""
    f.metastatic_sites = [s.lower() for s in profile.metastatic_sites]
    if f.stage == 4 or m_cat.startswith("M1") or f.metastatic_sites or profile.metastatic:
        f.metastatic = True
    elif f.stage is not None or m_cat.startswith("M0") or profile.metastatic is False:
        f.metastatic = False
    if any(re.search(r"brain|cns|cerebr|leptomening|intracranial", s) for s in f.metastatic_sites):
        f.brain_mets = True
    elif f.metastatic is not None:
        f.brain_mets = False  # metastatic sites recorded (or none) without brain
    for b in profile.biomarkers:
        if not b.most_recent and canonical_marker(b.name) in f.markers:
            continue
        key = canonical_marker(b.name)
        status = b.status
        if key == "MSI" and b.value and re.search(r"\bMSS\b|pMMR|proficient|stable", b.value, re.I):
            status = "negative"
        f.markers[key] = MarkerFact(status, b.value, _marker_evidence(b.name, status, b.value))
    er, pr = f.markers.get("ER"), f.markers.get("PR")
    if "HR" not in f.markers and (er or pr):
        stats = {x.status for x in (er, pr) if x}
        if "positive" in stats or "low" in stats:
            hr = "positive"
        elif er and pr and stats == {"negative"}:
            hr = "negative"
        else:
            hr = None
        f.markers["HR"] = MarkerFact(hr, None, "; ".join(x.evidence for x in (er, pr) if x))
    for t in profile.treatments:
        f.treatments.append(t.name)
        said = " ".join(x for x in (t.name, t.evidence.quote if t.evidence else "", t.drug_class or "") if x)
        f.treatment_text[t.name] = said
        named = " ".join(x for x in (t.name, t.drug_class or "") if x)
        for cls in drug_classes(named) | target_agents(named) | unlisted_drugs(t.name) | (
            {"surgery"} if t.kind == "surgery" else {"radiotherapy"} if t.kind == "radiation" else set()
        ):
            f.treatment_classes.setdefault(cls, []).append(t.name)
    drugs = [t.name for t in profile.treatments if t.kind == "drug"]
    if drugs:
        f.treatment_classes["systemic therapy"] = drugs
        f.max_lines = _regimen_count(profile)
        f.locoregional_drugs = _with_chemoradiation(profile)
    _course_facts(profile, f, bool(drugs))
    f.ecog, f.age, f.sex = profile.ecog, profile.age, profile.sex
    f.menopausal = (profile.menopausal_status or "").lower() or None
    f.adverse_events = [f"{a.name} grade {a.grade}" if a.grade else a.name for a in profile.adverse_events]
    return f


def _quote(profile: PatientProfile, name: str) -> str:
    ev = profile.evidence.get(name)
    return f" ('{ev.quote}')" if ev else ""


RECURRED = frozenset({"recurrent", "relapsed", "refractory", "progressive"})


def _course_facts(profile: PatientProfile, f: PatientFacts, drugs: bool) -> None:
    """Treatment-naive / pretreated, therapy for advanced disease, course and exhausted options, with what follows
    from them: a newly diagnosed patient with no medicine recorded is untreated, an untreated one has had no
    therapy for advanced disease and has standard options left."""
    f.prior_systemic = profile.prior_systemic_therapy
    if f.prior_systemic is not None:
        f.prior_systemic_evidence = ("profile: prior systemic therapy" if f.prior_systemic else
                                     "profile: no prior systemic therapy") + _quote(profile, "prior_systemic_therapy")
    elif drugs:
        f.prior_systemic = True
        f.prior_systemic_evidence = "profile: systemic therapy recorded (" + ", ".join(f.treatment_classes["systemic therapy"]) + ")"
    elif profile.disease_status == "newly_diagnosed":
        f.prior_systemic = False
        f.prior_systemic_evidence = "profile: newly diagnosed, no cancer medicines recorded" + _quote(profile, "disease_status")
    f.advanced_therapy = profile.prior_therapy_for_advanced
    if f.advanced_therapy is not None:
        f.advanced_therapy_evidence = ("profile: systemic therapy for advanced disease" if f.advanced_therapy else
                                       "profile: no systemic therapy for advanced disease") + _quote(profile, "prior_therapy_for_advanced")
    elif f.prior_systemic is False:
        f.advanced_therapy, f.advanced_therapy_evidence = False, f.prior_systemic_evidence
    f.course = profile.disease_status
    if f.course:
        f.course_evidence = f"profile: {f.course.replace('_', ' ')}" + _quote(profile, "disease_status")
    f.exhausted = profile.standard_options_exhausted
    if f.exhausted is not None:
        f.exhausted_evidence = "profile: standard options exhausted" + _quote(profile, "standard_options_exhausted")
    elif f.prior_systemic is False or f.course == "newly_diagnosed":
        f.exhausted = False
        f.exhausted_evidence = (f.course_evidence if f.course == "newly_diagnosed" else f.prior_systemic_evidence) + \
            " — standard options not yet used"


def _regimen_count(profile: PatientProfile) -> int:
    """Upper bound on lines of therapy: drugs quoted from one span ("R-CHOP", "FOLFOX") are one regimen.

    Separately named drugs may still be one regimen ("carboplatin pemetrexed"), so this only bounds the count
    from above; rules use it to say "fewer than N lines" and never "at least N".
    """
    spans: dict[tuple[int, int], set[str]] = {}
    for t in profile.treatments:
        if t.kind == "drug" and t.evidence:
            spans.setdefault((t.evidence.start, t.evidence.end), set()).update(drug_classes(t.name) | {t.name.lower()})
    count = sum(1 for t in profile.treatments if t.kind == "drug" and not t.evidence)
    prev_end: int | None = None
    prev_classes: set[str] = set()
    for (start, end), classes in sorted(spans.items()):
        # "carboplatin pemetrexed" (one space between, no "and" or comma): drugs written together are one regimen;
        # so are standard partners joined by a short "and" / "plus" / "+" ("paclitaxel and carboplatin")
        together = prev_end is not None and (start - prev_end <= 1 or (
            start - prev_end <= _JOINER_GAP and _partners(prev_classes, classes)))
        if not together:
            count += 1
        prev_end = max(end, prev_end or end)
        prev_classes = classes
    return count


_JOINER_GAP = 6  # " plus ", " and ", " + ", ", ": room for one connecting word between two drug names


def _partners(a: set[str], b: set[str]) -> bool:
    """Drugs routinely given together as one regimen: a platinum doublet, gemcitabine with (nab-)paclitaxel,
    trastuzumab with pertuzumab."""
    if "platinum chemotherapy" in a | b:
        return True
    names = a | b
    if "gemcitabine" in names and any("paclitaxel" in n for n in names):
        return True
    return "trastuzumab" in names and "pertuzumab" in names


def _with_chemoradiation(profile: PatientProfile) -> list[str]:
    """Drugs named right before a chemoradiation ("cisplatin chemoradiation"): given with curative radiation for
    local disease, so they are no line of therapy in the metastatic setting."""
    crt = [t.evidence for t in profile.treatments
           if t.evidence and re.search(r"chemo-?radi", t.name + " " + t.evidence.quote, re.I)]
    out = []
    for t in profile.treatments:
        if t.kind == "drug" and t.evidence and any(0 <= e.start - t.evidence.end <= 3 for e in crt):
            out.append(t.name)
    return out
