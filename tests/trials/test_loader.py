"""Loading the shared JSONL and API v2 JSON into Trial models."""

from __future__ import annotations

import json

import pytest

from oncoguide.trials.loader import TrialDataError, load_trials, normalise_phase, parse_age, trial_from_api_v2


def test_loads_every_shared_record(all_trials, raw_records):
    assert len(all_trials) == len(raw_records) == 2301
    assert len({t.nct_id for t in all_trials}) == 2301


def test_phase_spellings_are_unified(all_trials, raw_records):
    semi = next(t for t in all_trials if raw_records[t.nct_id]["phase"] == "Phase 1; Phase 2")
    slash = next(t for t in all_trials if raw_records[t.nct_id]["phase"] == "Phase 1/Phase 2")
    assert semi.phase == slash.phase == "Phase 1/Phase 2"
    assert normalise_phase(["PHASE2", "PHASE3"]) == "Phase 2/Phase 3"
    assert normalise_phase(["EARLY_PHASE1"]) == "Early Phase 1"
    assert {t.phase for t in all_trials} <= {
        None, "Early Phase 1", "Phase 1", "Phase 1/Phase 2", "Phase 2", "Phase 2/Phase 3", "Phase 3", "Phase 4",
        "Not Applicable",
    }


def test_structured_age_sex_status(by_id):
    t = by_id["NCT00001532"]  # registry fields: 2-90 years, all sexes, recruiting
    assert (t.min_age_years, t.max_age_years, t.sex, t.status) == (2.0, 90.0, "all", "Recruiting")
    assert t.age_sex_source == "registry" and t.recruiting is True
    assert parse_age("6 Months") == pytest.approx(0.5)


def test_age_and_sex_parsed_from_criteria_text_when_missing(by_id, raw_records):
    # NCT00003135's record has no age/sex fields; its text says nothing about age, so none is invented
    t = by_id["NCT00003135"]
    assert raw_records["NCT00003135"]["min_age"] is None and t.status is None
    # an older breast record whose criteria say "Sex: Female" under PATIENT CHARACTERISTICS
    parsed = [x for x in by_id.values() if x.age_sex_source == "criteria_text"]
    assert len(parsed) > 400
    female = [x for x in parsed if x.sex == "female"]
    assert female and all(raw_records[x.nct_id]["sex"] is None for x in female)
    assert any(x.min_age_years == 18 for x in parsed)


def test_api_v2_study_and_studies_wrapper(tmp_path, raw_records):
    rec = raw_records["NCT00001532"]
    study = {
        "protocolSection": {
            "identificationModule": {"nctId": rec["nct_id"], "briefTitle": rec["title"]},
            "statusModule": {"overallStatus": "RECRUITING"},
            "descriptionModule": {"briefSummary": rec["brief_summary"]},
            "conditionsModule": {"conditions": rec["conditions"]},
            "designModule": {"studyType": "OBSERVATIONAL", "phases": ["PHASE1", "PHASE2"]},
            "eligibilityModule": {"eligibilityCriteria": rec["eligibility_criteria"], "sex": "ALL",
                                  "minimumAge": "2 Years", "maximumAge": "90 Years"},
            "contactsLocationsModule": {"locations": [{"country": "United States", "city": "Bethesda"}]},
        }
    }
    t = trial_from_api_v2(study)
    assert (t.nct_id, t.status, t.phase, t.min_age_years, t.locations) == (
        "NCT00001532", "Recruiting", "Phase 1/Phase 2", 2.0, ["United States"])
    path = tmp_path / "studies.json"
    path.write_text(json.dumps({"studies": [study]}))
    assert [x.nct_id for x in load_trials(path)] == ["NCT00001532"]
    one = tmp_path / "one.json"
    one.write_text(json.dumps(study, indent=2))
    assert load_trials(one)[0].title == rec["title"]


@pytest.mark.parametrize(
    "content, message",
    [("", "empty"), ('{"nct_id": "NCT00000001", "title": "x"}\n{broken\n', "not valid JSON"),
     ('{"foo": 1}\n', "neither"), ('{"nct_id": "BAD", "title": "x"}\n', "malformed"), ("[1, 2]", "expected a trial")],
)
def test_bad_files_fail_clearly(tmp_path, content, message):
    path = tmp_path / "t.jsonl"
    path.write_text(content)
    with pytest.raises(TrialDataError, match=message):
        load_trials(path)


def test_missing_file(tmp_path):
    with pytest.raises(TrialDataError, match="not found"):
        load_trials(tmp_path / "nope.jsonl")
