"""mCODE export validates with fhir.resources, and importing it back gives the same profile."""

from __future__ import annotations

from fhir.resources.R4B.bundle import Bundle

from oncoguide.records import extract_profile
from oncoguide.records.fhir import from_bundle_json, to_bundle
from tests.records.conftest import REPORT

STABLE = {"cancer_type", "primary_site", "histology", "laterality", "stage_group", "metastatic_sites", "ecog", "sex"}


def _profile():
    return extract_profile(
        REPORT + "\nRestaging: metastatic to bone and liver. Started letrozole on 04/02/2024 with palbociclib. "
        "PIK3CA H1047R mutation detected. ECOG 1."
    )


def test_export_validates_with_fhir_resources():
    bundle = Bundle.model_validate(to_bundle(_profile()))
    types = [e.resource.__resource_type__ for e in bundle.entry]
    assert types.count("Patient") == 1 and "Condition" in types and "MedicationStatement" in types
    assert types.count("Observation") >= 7  # stage group, T, N, ER, PR, HER2, Ki-67, PIK3CA, ECOG


def test_round_trip_keeps_the_profile():
    original = _profile()
    back = from_bundle_json(to_bundle(original))
    assert back.model_dump(include=STABLE) == original.model_dump(include=STABLE)
    assert (back.tnm.t, back.tnm.n, back.tnm.prefix) == (original.tnm.t, original.tnm.n, original.tnm.prefix)
    assert {(b.name, b.status) for b in back.biomarkers} == {(b.name, b.status) for b in original.biomarkers}
    def drugs(p):
        return {(t.name, t.drug_class, t.start) for t in p.treatments if t.kind == "drug"}
    assert drugs(back) == drugs(original)


def test_export_has_no_identifiers():
    text = str(to_bundle(_profile()))
    for phi in ("Lopez", "00773412", "Riverside", "1966"):
        assert phi not in text
