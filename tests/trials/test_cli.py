"""`oncoguide trials match` end to end on a slice of the real file."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from oncoguide.cli import app

from .test_eligibility import HR_POS_METASTATIC

runner = CliRunner()


@pytest.fixture()
def env(settings, monkeypatch):
    monkeypatch.setenv("ONCOGUIDE_TRIALS", str(settings.trials_path))
    monkeypatch.setenv("ONCOGUIDE_HOME", str(settings.home))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")


def test_profile_json(env, tmp_path):
    prof = tmp_path / "p.json"
    prof.write_text(HR_POS_METASTATIC.model_dump_json())
    res = runner.invoke(app, ["trials", "match", "--profile", str(prof), "--k", "3", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout[res.stdout.index("{"):])
    assert len(out["results"]) == 3 and out["results"][0]["criteria"]


def test_text_and_queries(env, tmp_path):
    pytest.importorskip("oncoguide.records.engine", reason="records extractor not available")
    text = "58-year-old postmenopausal woman with metastatic breast cancer, ER positive, HER2 negative, ECOG 1."
    res = runner.invoke(app, ["trials", "match", "--text", text, "--k", "2"])
    assert res.exit_code == 0, res.output
    assert "Ask the trial team" in res.stdout or "criteria:" in res.stdout
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"id": "a", "text": text}) + "\n" +
                 json.dumps({"id": "b", "text": "63-year-old man with metastatic EGFR-mutant lung adenocarcinoma"}) + "\n")
    res = runner.invoke(app, ["trials", "match", "--queries", str(q), "--k", "2"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.stdout.splitlines() if x.startswith("{")]
    assert [x["id"] for x in lines] == ["a", "b"] and all(len(x["results"]) == 2 for x in lines)


def test_bad_inputs(env, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    res = runner.invoke(app, ["trials", "match", "--profile", str(bad)])
    assert res.exit_code == 2 and "not a valid patient profile" in res.output
    res = runner.invoke(app, ["trials", "match"])
    assert res.exit_code == 2 and "exactly one" in res.output
    q = tmp_path / "q.jsonl"
    q.write_text('{"id": 1}\n')
    res = runner.invoke(app, ["trials", "match", "--queries", str(q)])
    assert res.exit_code == 2 and "expected" in res.output
