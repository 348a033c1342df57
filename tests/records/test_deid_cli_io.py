"""De-identification on our PHI-marked notes, the CLI commands, and profile JSON loading."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from oncoguide.cli import app
from oncoguide.records import load_profile, profile_schema
from oncoguide.records.deid import deidentify
from oncoguide.records.errors import ProfileLoadError
from tests.records.conftest import REPORT

NOTES = Path(__file__).resolve().parents[2] / "bench" / "records_data" / "deid_notes.txt"


def test_typed_placeholders_and_year_month():
    out = deidentify(REPORT).text
    assert "[name removed]" in out and "[id removed]" in out and "[facility removed]" in out
    assert "[date 2024-03]" in out and "1966" not in out  # birth date fully removed
    for keep in ("Allred score 8", "Invasive ductal carcinoma", "pT2 pN1a", "HER2/CEP17 ratio 1.4"):
        assert keep in out


def test_phi_recall_on_marked_notes():
    spans = missed = 0
    for note in NOTES.read_text().split("==="):
        plain = re.sub(r"\{\{\w+:(.*?)\}\}", r"\1", note)
        clean = deidentify(plain).text
        for m in re.finditer(r"\{\{(\w+):(.*?)\}\}", note):
            spans += 1
            missed += m[2] in clean
    assert spans >= 50 and 1 - missed / spans >= 0.95


def test_cli_import_json(tmp_path):
    f = tmp_path / "r.txt"
    f.write_text(REPORT)
    result = CliRunner().invoke(app, ["records", "import", str(f), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    tnm = data["tnm"]
    assert {k: tnm[k] for k in ("t", "n", "m", "prefix")} == {"t": "T2", "n": "N1a", "m": None, "prefix": "p"}
    assert tnm["t_evidence"]["inferred"] is False and tnm["n_evidence"]["inferred"] is False


def test_cli_import_bad_file_is_a_clear_error(tmp_path):
    f = tmp_path / "empty.pdf"
    f.write_bytes(b"")
    result = CliRunner().invoke(app, ["records", "import", str(f)])
    assert result.exit_code == 2 and "empty" in result.output


def test_cli_extract_queries(tmp_path):
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "a", "text": "ER-negative breast cancer"}) + "\n" + json.dumps({"id": 7, "text": "KRAS G12C lung adenocarcinoma"}) + "\n")
    result = CliRunner().invoke(app, ["records", "extract", "--queries", str(q)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 7]
    assert lines[0]["profile"]["biomarkers"][0]["status"] == "negative"


def test_load_profile_round_trip_and_errors(tmp_path):
    from oncoguide.records import extract_profile

    good = tmp_path / "p.json"
    good.write_text(extract_profile(REPORT).model_dump_json())
    assert load_profile(good).stage_group == "IIB"
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    with pytest.raises(ProfileLoadError, match="not valid JSON"):
        load_profile(bad)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"ecog": 9}))
    with pytest.raises(ProfileLoadError, match="ecog"):
        load_profile(wrong)
    with pytest.raises(ProfileLoadError, match="not found"):
        load_profile(tmp_path / "missing.json")


def test_profile_schema_keeps_contract_names():
    props = profile_schema()["properties"]
    assert {"cancer_type", "histology", "stage_group", "tnm", "metastatic_sites", "biomarkers", "treatments", "adverse_events"} <= set(props)
