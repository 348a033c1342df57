"""FHIR R4 (mCODE) in and out: bundles/resources -> PatientProfile, and PatientProfile -> mCODE bundle.

Each imported resource of a type we read is validated with fhir.resources (R4B models, which are R4
compatible) before anything is used; one invalid resource rejects the whole file. The Bundle envelope
itself is only checked for shape, because real mCODE examples carry ids longer than the 64-char rule.
Coded text (condition and medication displays) goes through the same extractors as free text.
"""

from __future__ import annotations

import importlib
import re
import uuid
from typing import Any

from pydantic import ValidationError

from oncoguide.records.errors import InvalidFHIRError
from oncoguide.records.extractors import diagnosis, metastasis, treatments
from oncoguide.records.extractors.base import Doc
from oncoguide.records.model import (
    TNM,
    Biomarker,
    Evidence,
    MarkerStatus,
    PatientProfile,
    Treatment,
    TreatmentKind,
)

SUPPORTED = {
    "Patient", "Condition", "Observation", "MedicationStatement", "MedicationRequest",
    "MedicationAdministration", "Procedure", "DiagnosticReport",
}
MCODE = "http://hl7.org/fhir/us/mcode/StructureDefinition/"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
MARKER_LOINC = {
    "ER": ["40556-3", "16112-5", "85337-4", "85310-1"], "PR": ["40557-1", "16113-3", "85339-0", "85325-9"],
    "HER2": ["18474-7", "48676-1", "85319-2", "85318-4", "72383-3"], "Ki-67": ["29593-1", "85329-1"],
    "MSI": ["62862-8", "81695-9"], "TMB": ["94077-5", "94076-7"], "PSA": ["2857-1", "35741-8"],
    "PD-L1": ["85147-7", "83052-1"], "CEA": ["2039-6"], "CA-125": ["10334-1"],
}
_LOINC_MARKER = {code: name for name, codes in MARKER_LOINC.items() for code in codes}
HGNC = {"1100": "BRCA1", "1101": "BRCA2", "8975": "PIK3CA", "3467": "ESR1", "3236": "EGFR", "6407": "KRAS",
        "1097": "BRAF", "427": "ALK", "10261": "ROS1", "3430": "HER2", "7989": "NRAS", "7029": "MET", "9967": "RET"}
_GENE_HGNC = {v: k for k, v in HGNC.items()}
STAGE_LOINC = {"21908-9": ("stage", "c"), "21902-2": ("stage", "p"), "21905-5": ("t", "c"), "21899-0": ("t", "p"),
               "21906-3": ("n", "c"), "21900-6": ("n", "p"), "21907-1": ("m", "c"), "21901-4": ("m", "p")}
_STAGE_EXPORT = {("stage", "c"): "21908-9", ("stage", "p"): "21902-2", ("t", "c"): "21905-5", ("t", "p"): "21899-0",
                 ("n", "c"): "21906-3", ("n", "p"): "21900-6", ("m", "c"): "21907-1", ("m", "p"): "21901-4"}
_POSITIVE = {"10828004", "LA9633-4", "LA6576-8", "positive", "present", "detected", "high"}
_NEGATIVE = {"260385009", "LA9634-2", "LA6577-6", "negative", "absent", "not detected", "low"}
_ROMAN = {"0": "0", "1": "I", "2": "II", "3": "III", "4": "IV"}


def _model(resource_type: str) -> Any:
    module = importlib.import_module(f"fhir.resources.R4B.{resource_type.lower()}")
    return getattr(module, resource_type)


def validate(data: Any, name: str = "file") -> list[dict[str, Any]]:
    """The supported resources of a Bundle or single resource, each validated; raises InvalidFHIRError."""
    if not isinstance(data, dict) or "resourceType" not in data:
        raise InvalidFHIRError(f"{name}: JSON without a FHIR 'resourceType'; expected a Bundle or a resource.")
    if data["resourceType"] == "Bundle":
        entries = data.get("entry", [])
        if not isinstance(entries, list):
            raise InvalidFHIRError(f"{name}: Bundle.entry must be a list.")
        resources = [e.get("resource") for e in entries if isinstance(e, dict)]
    else:
        resources = [data]
    out: list[dict[str, Any]] = []
    for i, res in enumerate(resources):
        if not isinstance(res, dict) or "resourceType" not in res:
            raise InvalidFHIRError(f"{name}: entry {i} has no resource.")
        rtype = res["resourceType"]
        if rtype not in SUPPORTED:
            continue
        try:
            _model(rtype).model_validate(res)
        except (ValidationError, ValueError) as exc:
            first = str(exc).splitlines()[1:2]
            raise InvalidFHIRError(
                f"{name}: {rtype} (entry {i}) is not valid FHIR R4: {first[0].strip() if first else 'invalid'}"
            ) from None
        out.append(res)
    if not out:
        raise InvalidFHIRError(f"{name}: no Patient, Condition, Observation, Medication* or Procedure resources found.")
    return out


def _codings(cc: dict[str, Any] | None) -> list[dict[str, Any]]:
    return list((cc or {}).get("coding") or [])


def _text_of(cc: dict[str, Any] | None) -> str:
    cc = cc or {}
    parts = [cc.get("text") or ""] + [c.get("display") or "" for c in _codings(cc)]
    return ". ".join(p for p in parts if p)


def _ym(value: str | None) -> str | None:
    return value[:7] if value and re.match(r"\d{4}-\d{2}", value) else (f"{value[:4]}-01" if value and len(value) == 4 else None)


def _ev(name: str, rtype: str, rid: str | None, quote: str, date: str | None) -> Evidence:
    return Evidence(document=f"{name}#{rtype}/{rid or '?'}", start=0, end=len(quote), quote=quote[:200], date=date)


_STATUS_WORDS: tuple[MarkerStatus, ...] = ("positive", "negative", "equivocal", "low")


def _status(value: dict[str, Any]) -> MarkerStatus | None:
    for c in _codings(value):
        for key in (c.get("code"), (c.get("display") or "").lower()):
            if key in _POSITIVE or (isinstance(key, str) and key.startswith(("positive", "high", "present"))):
                return "positive"
            if key in _NEGATIVE or (isinstance(key, str) and key.startswith(("negative", "low", "absent"))):
                return "negative"
            if key in ("equivocal",):
                return "equivocal"
    text = (value.get("text") or "").lower()
    for s in _STATUS_WORDS:
        if s in text:
            return s
    return None


def to_profile(resources: list[dict[str, Any]], name: str = "fhir") -> PatientProfile:
    """Map validated mCODE resources to a profile (identifiers and names are never read)."""
    p = PatientProfile(documents=[name])
    tnm: dict[str, str] = {}
    prefix: str | None = None
    for res in resources:
        rtype, rid = res["resourceType"], res.get("id")
        date = _ym(res.get("effectiveDateTime") or res.get("recordedDate") or res.get("performedDateTime")
                   or (res.get("effectivePeriod") or {}).get("start") or res.get("authoredOn") or res.get("onsetDateTime"))
        if rtype == "Patient":
            if res.get("gender") in ("female", "male"):
                p.sex = res["gender"]
        elif rtype == "Condition":
            text = _text_of(res.get("code"))
            is_secondary = any("secondary" in (c.get("display") or "").lower() for c in _codings(res.get("code"))) or any(
                "related-primary" in (e.get("url") or "") for e in res.get("extension") or [])
            if is_secondary:
                for site in metastasis.sites_in(text + " " + _text_of((res.get("bodySite") or [None])[0])):
                    if site not in p.metastatic_sites:
                        p.metastatic_sites.append(site)
                        p.evidence[f"metastatic_sites.{site}"] = _ev(name, rtype, rid, text, date)
                    if site != "lymph nodes" and not p.metastatic:  # a secondary malignant neoplasm is distant disease
                        p.metastatic = True
                        p.evidence["metastatic"] = _ev(name, rtype, rid, text, date)
                continue
            doc = Doc(text=text + ".", name=f"{name}#{rtype}/{rid}")
            diagnosis.apply(doc, diagnosis.extract(doc), p)
            for bs in res.get("bodySite") or []:
                for ext in bs.get("extension") or []:
                    lat = _text_of(ext.get("valueCodeableConcept")).lower()
                    for side in ("left", "right", "bilateral"):
                        if side in lat:
                            p.laterality = side
        elif rtype == "Observation":
            codes = [c.get("code") for c in _codings(res.get("code"))]
            value = res.get("valueCodeableConcept") or {}
            for code in codes:
                if code in STAGE_LOINC:
                    kind, pre = STAGE_LOINC[code]
                    raw = " ".join(filter(None, [value.get("text")] + [c.get("display") or c.get("code") for c in _codings(value)]))
                    if kind == "stage":
                        m = re.search(r"\b(IV|I{1,3}|0|[0-4])([A-C]\d?)?\b", raw)
                        if m:
                            p.stage_group = _ROMAN.get(m[1], m[1]) + (m[2] or "")
                            p.evidence["stage_group"] = _ev(name, rtype, rid, raw, date)
                    else:
                        m = re.search(rf"(?i)(?:y?[cp])?({kind.upper()}(?:[0-4]|is|X)[a-d]?\d?)", raw)
                        if m:
                            tnm[kind] = m[1][0].upper() + m[1][1:]
                            if not prefix:
                                written = re.match(r"(?i)(y?[cp])" + kind, raw)
                                prefix = (written[1] if written else pre).lower()
                elif code in _LOINC_MARKER or code == "69548-6":
                    marker = _LOINC_MARKER.get(code)
                    for comp in res.get("component") or []:
                        for c in _codings(comp.get("valueCodeableConcept")):
                            if (c.get("code") or "").startswith("HGNC:"):
                                marker = HGNC.get(c["code"].split(":")[1], marker)
                    if marker is None:
                        continue
                    status: MarkerStatus | None = _status(value) if value else None
                    val = None
                    if "valueQuantity" in res:
                        q = res["valueQuantity"]
                        val = f"{q.get('value')} {q.get('unit') or ''}".strip()
                    elif "valueString" in res:
                        val = res["valueString"]
                    elif value.get("text") and status is None:
                        val = value["text"]
                    if "low" in (_text_of(value)).lower() and marker == "HER2":
                        status = "low"
                    quote = _text_of(res.get("code")) + ": " + (_text_of(value) or str(val))
                    p.biomarkers.append(Biomarker(name=marker, status=status, value=val, evidence=_ev(name, rtype, rid, quote, date)))
                elif code == "89247-1" and isinstance(res.get("valueInteger"), int):
                    p.ecog = res["valueInteger"]
                    p.evidence["ecog"] = _ev(name, rtype, rid, f"ECOG {p.ecog}", date)
        elif rtype in ("MedicationStatement", "MedicationRequest", "MedicationAdministration"):
            text = _text_of(res.get("medicationCodeableConcept"))
            doc = Doc(text=text, name=f"{name}#{rtype}/{rid}")
            period = res.get("effectivePeriod") or {}
            start = _ym(res.get("effectiveDateTime") or period.get("start") or res.get("authoredOn"))
            stop = _ym(period.get("end"))
            for f in treatments.extract(doc):
                if f.extra["kind"] != "drug":
                    continue
                if not any(t.name == f.value for t in p.treatments):
                    p.treatments.append(Treatment(name=f.value, kind="drug", drug_class=f.extra["class"], start=start,
                                                  stop=stop, evidence=_ev(name, rtype, rid, text, start)))
        elif rtype == "Procedure":
            text = _text_of(res.get("code"))
            proc_kind: TreatmentKind = "radiation" if re.search(r"(?i)radiation|radiotherapy|brachytherapy", text) else "surgery"
            if not any(t.name == text.lower() for t in p.treatments):
                p.treatments.append(Treatment(name=text.lower(), kind=proc_kind, start=date, evidence=_ev(name, rtype, rid, text, date)))
        elif rtype == "DiagnosticReport":
            from oncoguide.records.deid import deidentify
            from oncoguide.records.engine import extract_doc
            from oncoguide.records.merge import merge_profiles

            text = res.get("conclusion") or ""
            if text:
                sub = extract_doc(Doc(text=deidentify(text).text, name=f"{name}#{rtype}/{rid}", date=date))
                p = merge_profiles([p, sub])
    if tnm:
        p.tnm = TNM(t=tnm.get("t"), n=tnm.get("n"), m=tnm.get("m"), prefix=prefix,
                    evidence=Evidence(document=name, start=0, end=0, quote=" ".join(tnm.values())))
    return p


# --- export ------------------------------------------------------------------------------------------

def _cc(text: str, system: str | None = None, code: str | None = None, display: str | None = None) -> dict[str, Any]:
    cc: dict[str, Any] = {"text": text}
    if system and code:
        cc["coding"] = [{"system": system, "code": code, **({"display": display} if display else {})}]
    return cc


_STATUS_SNOMED = {"positive": ("10828004", "Positive"), "negative": ("260385009", "Negative"),
                  "equivocal": ("42425007", "Equivocal"), "low": ("62482003", "Low")}


def to_bundle(profile: PatientProfile) -> dict[str, Any]:
    """An mCODE-shaped FHIR R4 collection Bundle (no identifiers: the patient is a fresh UUID)."""
    pid = str(uuid.uuid4())
    subject = {"reference": f"urn:uuid:{pid}"}
    entries: list[dict[str, Any]] = []

    def add(resource: dict[str, Any]) -> str:
        rid = str(uuid.uuid4())
        entries.append({"fullUrl": f"urn:uuid:{rid}", "resource": resource})
        return rid

    patient: dict[str, Any] = {"resourceType": "Patient", "meta": {"profile": [MCODE + "mcode-cancer-patient"]}}
    if profile.sex:
        patient["gender"] = profile.sex
    entries.append({"fullUrl": f"urn:uuid:{pid}", "resource": patient})
    if profile.cancer_type or profile.histology:
        cond: dict[str, Any] = {
            "resourceType": "Condition",
            "meta": {"profile": [MCODE + "mcode-primary-cancer-condition"]},
            "subject": subject,
            "category": [_cc("Problem list item", "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
            "code": {"text": profile.cancer_type or profile.histology or "cancer",
                     **({"coding": [{"system": SNOMED, "code": "363346000", "display": profile.histology}]} if profile.histology else {})},
        }
        if profile.primary_site:
            body_site: dict[str, Any] = {"text": profile.primary_site}
            if profile.laterality:
                body_site["extension"] = [{"url": MCODE + "mcode-laterality-qualifier", "valueCodeableConcept": {"text": profile.laterality}}]
            cond["bodySite"] = [body_site]
        add(cond)
    for site in profile.metastatic_sites:
        add({"resourceType": "Condition", "meta": {"profile": [MCODE + "mcode-secondary-cancer-condition"]},
             "subject": subject, "category": [_cc("Problem list item", "http://terminology.hl7.org/CodeSystem/condition-category", "problem-list-item")],
             "code": {"text": f"Secondary malignant neoplasm of {site}",
                      "coding": [{"system": SNOMED, "code": "128462008", "display": f"Secondary malignant neoplasm of {site}"}]}})
    pre = "p" if (profile.tnm and profile.tnm.prefix and "p" in profile.tnm.prefix) else "c"
    if profile.stage_group:
        add({"resourceType": "Observation", "status": "final", "subject": subject,
             "meta": {"profile": [MCODE + ("mcode-tnm-stage-group")]},
             "code": _cc("TNM stage group", LOINC, _STAGE_EXPORT[("stage", pre)]),
             "valueCodeableConcept": {"text": profile.stage_group}})
    if profile.tnm:
        for kind, label, prof in (("t", "primary tumor", "mcode-tnm-primary-tumor-category"),
                                  ("n", "regional nodes", "mcode-tnm-regional-nodes-category"),
                                  ("m", "distant metastases", "mcode-tnm-distant-metastases-category")):
            value = getattr(profile.tnm, kind)
            if value:
                add({"resourceType": "Observation", "status": "final", "subject": subject, "meta": {"profile": [MCODE + prof]},
                     "code": _cc(f"TNM {label} category", LOINC, _STAGE_EXPORT[(kind, pre)]),
                     "valueCodeableConcept": {"text": (profile.tnm.prefix or "") + value}})
    for b in profile.biomarkers:
        obs: dict[str, Any] = {"resourceType": "Observation", "status": "final", "subject": subject,
                               "meta": {"profile": [MCODE + "mcode-tumor-marker-test"]},
                               "category": [_cc("Laboratory", "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory")]}
        if b.name in MARKER_LOINC:
            obs["code"] = _cc(b.name, LOINC, MARKER_LOINC[b.name][0])
        elif b.name in _GENE_HGNC:
            obs["code"] = _cc(f"{b.name} genomic variant", LOINC, "69548-6")
            obs["component"] = [{"code": _cc("Gene studied", LOINC, "48018-6"),
                                 "valueCodeableConcept": _cc(b.name, "http://www.genenames.org", f"HGNC:{_GENE_HGNC[b.name]}")}]
        else:
            continue
        if b.status:
            code, disp = _STATUS_SNOMED[b.status]
            obs["valueCodeableConcept"] = _cc(b.status, SNOMED, code, disp)
            if b.value:
                obs["note"] = [{"text": b.value}]
        elif b.value:
            obs["valueString"] = b.value
        if b.evidence and b.evidence.date:
            obs["effectiveDateTime"] = b.evidence.date
        add(obs)
    for t in profile.treatments:
        if t.kind != "drug":
            continue
        ms: dict[str, Any] = {"resourceType": "MedicationStatement", "status": "active" if not t.stop else "completed",
                              "meta": {"profile": [MCODE + "mcode-cancer-related-medication-statement"]},
                              "subject": subject, "medicationCodeableConcept": {"text": t.name}}
        if t.start or t.stop:
            ms["effectivePeriod"] = {k: v for k, v in (("start", t.start), ("end", t.stop)) if v}
        add(ms)
    if profile.ecog is not None:
        add({"resourceType": "Observation", "status": "final", "subject": subject,
             "meta": {"profile": [MCODE + "mcode-ecog-performance-status"]},
             "code": _cc("ECOG performance status", LOINC, "89247-1"), "valueInteger": profile.ecog})
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def from_bundle_json(data: Any, name: str = "fhir") -> PatientProfile:
    """Validate then map (the import entry point for parsed JSON)."""
    return to_profile(validate(data, name), name)
