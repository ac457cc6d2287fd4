"""Shared fixtures: the seed corpus, the benchmark's judgments, and one seed index per test session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DEV_JSON = ROOT.parent / "shared" / "eval" / "dev.json"


@pytest.fixture(scope="session")
def dev_judgments() -> dict:
    if not DEV_JSON.exists():
        pytest.skip(f"benchmark judgments not found at {DEV_JSON} (../shared beside the repo)")
    return json.loads(DEV_JSON.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def encoder():
    from search.embed import Encoder

    return Encoder.open()


@pytest.fixture(scope="session")
def seed_index(tmp_path_factory, encoder) -> Path:
    """The index of corpus/ built once per session (embeddings come from the cache after the first run)."""
    from search.store import build_index

    index_dir = tmp_path_factory.mktemp("seed-index")
    report = build_index(CORPUS, index_dir, encoder=encoder)
    assert not report.errors, report.errors
    return index_dir


@pytest.fixture(scope="session")
def engine(seed_index, encoder):
    from search.engine import Engine

    return Engine.open(seed_index, encoder=encoder)
