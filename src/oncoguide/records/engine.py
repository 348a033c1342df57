"""The extraction engine: de-identify, run every extractor plug-in, fold findings into a PatientProfile."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from oncoguide.records import deid
from oncoguide.records.extractors import tnm
from oncoguide.records.extractors.base import Doc, Finding
from oncoguide.records.model import TNM, PatientProfile

Extractor = Callable[[Doc], list[Finding]]


def _plugins() -> list[ModuleType]:
    from oncoguide.records.extractors import (
        adverse_events,
        biomarkers,
        diagnosis,
        metastasis,
        patient,
        stage,
        treatments,
    )

    return [diagnosis, stage, metastasis, biomarkers, treatments, adverse_events, patient]


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
    findings = tnm.extract(doc)
    t, n, m = (tnm.choose(findings, f) for f in ("t", "n", "m"))
    if n is None or n.value == "NX":
        n = tnm.nodes_from_counts(doc) or n
    if not (t or n or m):
        return None
    chosen = [f for f in (t, n, m) if f]
    prefix = next((f.extra.get("prefix") for f in chosen if f.extra.get("prefix")), None)
    start, end = min(f.start for f in chosen), max(f.end for f in chosen)
    if end - start > 200:
        first = chosen[0]
        start, end = first.start, first.end
    return TNM(
        t=t.value if t else None,
        n=n.value if n else None,
        m=m.value if m else None,
        prefix=prefix,
        evidence=doc.evidence(start, end),
    )
