"""Shared fixtures: real records from the shared trials file (read at run time, never copied)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from oncoguide.settings import Settings
from oncoguide.trials.matcher import TrialMatcher

os.environ.setdefault("HF_HUB_OFFLINE", "1")


@pytest.fixture(scope="session")
def trials_path() -> Path:
    path = Settings.from_env().trials_path
    if not path.is_file():
        pytest.skip(f"shared trials file not available at {path}")
    return path


@pytest.fixture(scope="session")
def raw_records(trials_path: Path) -> dict[str, dict]:
    return {r["nct_id"]: r for r in (json.loads(x) for x in trials_path.read_text(encoding="utf-8").splitlines())}


@pytest.fixture(scope="session")
def all_trials(trials_path: Path):
    from oncoguide.trials.loader import load_trials

    return load_trials(trials_path)


@pytest.fixture(scope="session")
def by_id(all_trials):
    return {t.nct_id: t for t in all_trials}


def pick_slice(raw: dict[str, dict]) -> list[dict]:
    """~120 real records: breast, lung and others, including some without status (older records)."""
    out, counts = [], {"breast": 0, "lung": 0, "other": 0}
    caps = {"breast": 50, "lung": 35, "other": 35}
    for r in raw.values():
        cond = " ".join(r["conditions"] or []).lower()
        kind = "breast" if "breast" in cond else "lung" if "lung" in cond else "other"
        if counts[kind] < caps[kind]:
            counts[kind] += 1
            out.append(r)
    out.append(raw["NCT03820830"])
    return list({r["nct_id"]: r for r in out}.values())


@pytest.fixture(scope="session")
def slice_file(raw_records, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("trials") / "slice.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in pick_slice(raw_records)) + "\n")
    return path


@pytest.fixture(scope="session")
def settings(slice_file, tmp_path_factory) -> Settings:
    return Settings.from_env(trials_path=slice_file, home=tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="session")
def matcher(settings) -> TrialMatcher:
    return TrialMatcher(settings)
