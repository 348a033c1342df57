"""The extraction engine: de-identify, run every extractor plug-in, fold findings into a PatientProfile."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from oncoguide.records import deid
from oncoguide.records.extractors import tnm, tnm_rules
from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.extractors.sites import detect_site
from oncoguide.records.model import TNM, PatientProfile

Extractor = Callable[[Doc], list[Finding]]


def _plugins() -> list[ModuleType]:
    from oncoguide.records.extractors import (
        adverse_events,
        biomarkers,
        diagnosis,
        disease_course,
        metastasis,
        patient,
        stage,
        stage_inference,
        treatments,
    )

    return [diagnosis, stage, metastasis, patient, stage_inference, biomarkers, treatments, adverse_events,
            disease_course]


def extract_doc(doc: Doc) -> PatientProfile:
    """Profile of one already de-identified document (pure)."""
    profile = PatientProfile(documents=[doc.name])
    profile.tnm = _tnm(doc)
    for plugin in _plugins():
        plugin.apply(doc, plugin.extract(doc), profile)
    return profile


def extract_profile(text: str, document: str = "text", date: str | None = None) -> PatientProfile:
    """De-identify `text`, then extract a profile whose evidence quotes the de-identified text."""
    clean = deid.deidentify(text).text
    return extract_doc(Doc(text=clean, name=document, date=date))


def _tnm(doc: Doc) -> TNM | None:
    """Stated categories first; T or N missing (or X) is inferred from the report's findings, flagged so."""
    findings = tnm.extract(doc)
    t, n, m = (tnm.choose(findings, f) for f in ("t", "n", "m"))
    site = None
    rules: dict[str, tnm_rules.Inference] = {}
    if t is None or t.value == "TX":
        site = detect_site(doc.text)
        if inf := tnm_rules.infer_t(doc.text, site):
            rules["t"] = inf
            t = Finding("t", inf.value, inf.start, inf.end, 0.5, {"prefix": "p"})
    if n is None or n.value == "NX":
        site = site or detect_site(doc.text)
        if inf := tnm_rules.infer_n(doc.text, site):
            rules["n"] = inf
            n = Finding("n", inf.value, inf.start, inf.end, 0.5, {"prefix": "p"})
    if not (t or n or m):
        return None
    chosen = [f for f in (t, n, m) if f]
    stated = [f for f in chosen if not any(r.start == f.start and r.value == f.value for r in rules.values())] or chosen
    prefix = next((f.extra.get("prefix") for f in stated if f.extra.get("prefix")), None)
    start, end = min(f.start for f in stated), max(f.end for f in stated)
    if end - start > 200:
        start, end = stated[0].start, stated[0].end

    def ev(f: Finding | None, field: str):
        if f is None:
            return None
        e = doc.evidence(f.start, f.end, pad=40 if field in rules else 0)
        if field in rules:
            e = e.model_copy(update={"inferred": True, "rule": rules[field].rule})
        return e

    return TNM(
        t=t.value if t else None,
        n=n.value if n else None,
        m=m.value if m else None,
        prefix=prefix,
        evidence=doc.evidence(start, end),
        t_evidence=ev(t, "t"),
        n_evidence=ev(n, "n"),
    )
