"""Free-text patient descriptions (what trials matching passes to extract_profile): every labelled field of
our own written set, and the mechanisms behind the reported gaps (metastatic without sites, stage IV only as
an inference the text supports, blood cancers, metastatic sites never read as the primary)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from oncoguide.records import extract_profile

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))
from records_bench import DESC_SETS, describe  # noqa: E402  (the bench owns the scoring)

ITEMS = [json.loads(line) for line in (BENCH / "records_data" / "descriptions.jsonl").open() if line.strip()]


@pytest.mark.parametrize("item", ITEMS, ids=[i["id"] for i in ITEMS])
def test_description_fields(item):
    got = describe(item["text"])
    for field, gold in item["gold"].items():
        value = got[field]
        if field == "biomarkers":
            named = {g.split(":")[0] for g in gold} | {"ER", "PR", "HER2"}
            value = [v for v in value if v.split(":")[0] in named]
        if field in DESC_SETS:
            assert sorted(set(value)) == sorted(set(gold)), field
        else:
            assert value == gold, field


@pytest.mark.parametrize(
    ("text", "cancer", "sites"),
    [
        ("Leiomyosarcoma with lung metastases.", "soft tissue sarcoma", ["lung"]),
        ("Breast cancer metastatic to the lungs and liver.", "breast cancer", ["lung", "liver"]),
        ("Colon adenocarcinoma; CT shows multiple pulmonary nodules consistent with metastases.", "colorectal cancer", ["lung"]),
        ("Renal cell carcinoma with recurrence in the lung and adrenal gland.", "kidney cancer", ["lung", "adrenal"]),
    ],
)
def test_metastatic_site_is_never_the_primary(text, cancer, sites):
    p = extract_profile(text)
    assert p.cancer_type == cancer and sorted(p.metastatic_sites) == sorted(sites) and p.metastatic is True


def test_metastatic_without_sites_infers_stage_iv_with_the_rule():
    p = extract_profile("61-year-old woman with metastatic breast cancer, ER positive.")
    assert p.metastatic is True and p.metastatic_sites == [] and p.stage_group == "IV"
    ev = p.evidence["stage_group"]
    assert ev.inferred and "M1" in ev.rule and ev.quote.startswith("metastatic")


def test_stated_stage_is_never_replaced_and_is_not_flagged():
    p = extract_profile("Stage IIIB lung adenocarcinoma, now with brain metastases.")
    assert p.stage_group == "IIIB" and not p.evidence["stage_group"].inferred and p.metastatic is True


@pytest.mark.parametrize(
    "text",
    [
        "Squamous cell carcinoma of the tongue with metastatic carcinoma in 2 of 15 lymph nodes.",
        "Locally advanced pancreatic adenocarcinoma, unresectable.",
        "Advanced hepatocellular carcinoma, Child-Pugh A.",
    ],
)
def test_no_stage_iv_without_distant_disease(text):
    p = extract_profile(text)
    assert p.stage_group is None and p.metastatic is not True


def test_denied_metastases_and_site_specific_negation():
    assert extract_profile("Stage IIA breast cancer. No evidence of distant metastatic disease.").metastatic is False
    p = extract_profile("Small cell lung cancer with liver metastases. Brain MRI negative for metastases.")
    assert p.metastatic_sites == ["liver"] and p.metastatic is True


@pytest.mark.parametrize(
    ("text", "cancer"),
    [
        ("Relapsed CLL after ibrutinib.", "chronic lymphocytic leukemia"),
        ("Multiple myeloma with lytic bone lesions, on daratumumab.", "multiple myeloma"),
        ("Diffuse large B-cell lymphoma with bone marrow involvement.", "lymphoma"),
    ],
)
def test_blood_cancers_have_no_metastatic_sites_or_inferred_stage(text, cancer):
    p = extract_profile(text)
    assert p.cancer_type == cancer and p.metastatic_sites == [] and p.stage_group is None


def test_young_thyroid_cancer_with_distant_metastases_is_not_staged_iv():
    p = extract_profile("32-year-old woman with papillary thyroid carcinoma and lung metastases.")
    assert p.metastatic is True and p.stage_group is None


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("She completed FOLFOX and now receives irinotecan.", {"oxaliplatin": "prior", "irinotecan": "current"}),
        ("Progressed on letrozole; currently on fulvestrant.", {"letrozole": "prior", "fulvestrant": "current"}),
        ("Received carboplatin and etoposide, and continues atezolizumab maintenance.",
         {"carboplatin": "prior", "etoposide": "prior", "atezolizumab": "current"}),
    ],
)
def test_current_and_prior_drugs(text, status):
    got = {t.name: t.status for t in extract_profile(text).treatments}
    assert all(got[name] == s for name, s in status.items())


def test_planned_drugs_are_not_treatments():
    assert extract_profile("The plan is neoadjuvant pembrolizumab with carboplatin.").treatments == []
