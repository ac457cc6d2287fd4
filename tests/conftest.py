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


BOTH_HOUSES = ("diet_121405254X00220241004.txt", "diet_121415254X00220241004.txt")


@pytest.fixture(scope="session")
def both_houses_index(tmp_path_factory, encoder) -> Path:
    """The plenary sittings of both Houses on 2024-10-04, where the Prime Minister read the same policy speech."""
    import shutil

    from search.store import build_index

    archive = ROOT.parent / "shared" / "archive" / "corpus"
    if not all((archive / f).exists() for f in BOTH_HOUSES):
        pytest.skip("../shared/archive not found")
    root = tmp_path_factory.mktemp("both-houses")
    corpus = root / "corpus"
    corpus.mkdir()
    catalog = json.loads((archive / "catalog.json").read_text(encoding="utf-8"))
    for f in BOTH_HOUSES:
        shutil.copy(archive / f, corpus / f)
    (corpus / "catalog.json").write_text(json.dumps({f: catalog[f] for f in BOTH_HOUSES}, ensure_ascii=False),
                                         encoding="utf-8")
    report = build_index(corpus, root / "index", encoder=encoder)
    assert not report.errors, report.errors
    return root / "index"
