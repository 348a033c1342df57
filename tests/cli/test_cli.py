"""The CLI end to end, as a user runs it, against a real index built from a corpus slice."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oncoguide.settings import Settings

BIN = Path(sys.executable).parent / "oncoguide"


def run(settings: Settings, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["ONCOGUIDE_CORPUS"] = os.pathsep.join(str(p) for p in settings.corpus_dirs)
    env["ONCOGUIDE_HOME"] = str(settings.home)
    return subprocess.run([str(BIN), *args], capture_output=True, text=True, env=env, input=stdin, timeout=600)


@pytest.fixture(scope="module")
def cli_settings(guide) -> Settings:  # type: ignore[no-untyped-def]
    return guide.settings  # the session index is already built; the CLI reuses it


def test_index_up_to_date(cli_settings: Settings) -> None:
    r = run(cli_settings, "index", "--json")
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert report["up_to_date"] is True and report["pages_changed"] == 0


def test_search_json(cli_settings: Settings) -> None:
    r = run(cli_settings, "search", "What are the stages of melanoma?", "--k", "5", "--json")
    assert r.returncode == 0, r.stderr
    res = json.loads(r.stdout)["results"]
    assert len(res) == 5
    assert res[0]["doc"] == "types-skin-patient-melanoma-treatment-pdq.md"
    assert {"doc", "url", "title", "heading", "passage_id", "score"} <= set(res[0])


def test_search_and_ask_queries_file(cli_settings: Settings, tmp_path: Path) -> None:
    qf = tmp_path / "q.jsonl"
    qf.write_text(
        json.dumps({"id": "a", "question": "How is metastatic breast cancer treated?"}) + "\n"
        + "not json\n"
        + json.dumps({"id": "c", "question": ""}) + "\n",
        encoding="utf-8",
    )
    r = run(cli_settings, "search", "--queries", str(qf), "--k", "3")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert [x["id"] for x in lines] == ["a", 2, "c"]
    assert len(lines[0]["results"]) == 3 and lines[1]["error"] and lines[2]["error"]

    r = run(cli_settings, "ask", "--queries", str(qf), "--json")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert lines[0]["id"] == "a" and lines[0]["sections"] and lines[0]["sources"]
    assert "error" in lines[1] and "error" in lines[2]


def test_ask_readable_and_json(cli_settings: Settings) -> None:
    q = "What does it mean when breast cancer spreads to the lungs?"
    r = run(cli_settings, "ask", q)
    assert r.returncode == 0, r.stderr
    assert "Sources" in r.stdout and "https://www.cancer.gov/types/breast/stages/metastatic-breast-cancer" in r.stdout
    assert "Questions to ask your care team" in r.stdout
    r = run(cli_settings, "ask", q, "--json")
    ans = json.loads(r.stdout)
    for key in ("question", "summary", "sections", "questions_to_ask", "next_steps", "sources",
                "related_questions", "disclaimer", "notices"):
        assert key in ans


@pytest.mark.parametrize("bad", ["", "   ", "x" * 5000, "\x01\x02\x03\x04\x05\x06"])
def test_bad_questions_fail_clearly(cli_settings: Settings, bad: str) -> None:
    r = run(cli_settings, "ask", bad)
    assert r.returncode == 2
    assert "error:" in r.stderr and "Traceback" not in r.stderr


def test_schema_commands(cli_settings: Settings) -> None:
    for name, field in (("answer", "sections"), ("profile", "biomarkers")):
        r = run(cli_settings, "schema", name)
        assert r.returncode == 0 and field in json.loads(r.stdout)["properties"]
    assert run(cli_settings, "schema", "nope").returncode == 2


def test_library_debug_logs_stay_off_the_terminal() -> None:
    """bm25s sets its logger to DEBUG when imported, after our set-up: its chatter must still not show."""
    code = (
        "from oncoguide.cli import quiet_library_logs; quiet_library_logs(); import logging, bm25s; "
        "logging.getLogger('bm25s').debug('Building index from tokens'); logging.getLogger('bm25s').error('real problem')"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "Building index" not in r.stderr and "real problem" in r.stderr
