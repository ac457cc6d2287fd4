"""Every judged evidence string of the dev benchmark lies inside ONE passage of the right doc and speaker."""
from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from search.ingest import load_corpus

ROOT = Path(__file__).resolve().parents[1]
DEV_JSON = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.json"


def norm(s: str) -> str:
    """The evaluator's norm(): NFKC, then no whitespace and no private-use characters."""
    s = unicodedata.normalize("NFKC", s)
    return "".join(c for c in s if not c.isspace() and not ("\ue000" <= c <= "\uf8ff"))


def same_speaker(a: str | None, b: str | None) -> bool:
    def bare(s):
        return None if s is None else re.sub(r"[\s（）()【】〔〕\[\]]", "", s)
    return bare(a) == bare(b)


@pytest.fixture(scope="module")
def seed():
    docs, errors = load_corpus(ROOT / "corpus")
    assert not errors, [str(e) for e in errors]
    return {d.document.doc: d for d in docs}


def test_every_dev_evidence_lies_in_one_passage_with_its_speaker(seed):
    if not DEV_JSON.exists():
        pytest.skip(f"benchmark judgments not found at {DEV_JSON} (../shared/eval beside the repo)")
    judgments = json.loads(DEV_JSON.read_text(encoding="utf-8"))
    items = {(r["doc"], r["speaker"], r["evidence"]) for q in judgments["queries"] for r in q["relevant"]}
    assert len(items) > 100
    missing = []
    for doc, speaker, evidence in sorted(items, key=str):
        covering = [p for p in seed[doc].passages
                    if norm(evidence) in norm(p.text) and same_speaker(p.speaker, speaker)]
        if not covering:
            missing.append(f"{doc} {speaker} {evidence!r}")
    assert not missing, f"{len(missing)} of {len(items)} evidence strings not inside one passage:\n" + "\n".join(missing)


def test_passage_and_remark_offsets_point_at_the_source(seed):
    for parsed in seed.values():
        text = parsed.document.text
        for unit in [*parsed.passages, *parsed.remarks]:
            assert 0 <= unit.start < unit.end <= len(text)
            source = norm(text[unit.start:unit.end])
            for piece in unit.text.split("\n"):
                assert norm(piece) in source, (unit, piece)
        for p in parsed.passages:   # a passage starts and ends exactly where its text does
            source = norm(text[p.start:p.end])
            assert source.startswith(norm(p.text)[:5]) and source.endswith(norm(p.text)[-5:]), p


def test_sheet_passages_are_reasonably_sized_and_never_cross_sections(seed):
    from search.ingest.repair import sentence_ends
    from search.ingest.sheets import section_name

    for name in ("000_cf5ec7fd6ffa3a78.txt", "001_18a45033f53aead0.txt", "002_3b132b5ffab02e79.txt",
                 "003_438bdac8e45b0f74.txt"):
        parsed = seed[name]
        text = parsed.document.text
        lengths = [len(p.text) for p in parsed.passages]
        assert sum(1 for n in lengths if n < 40) <= 0.1 * len(lengths), name
        assert 60 <= sum(lengths) / len(lengths) <= 250, name
        for p in parsed.passages:
            if len(p.text) > 400:   # only a single sentence may run longer
                assert len([e for e in sentence_ends(p.text) if e < len(p.text) - 1]) <= 1, p.text
            inner = text[p.start:p.end].split("\n")[1:]
            headings = [ln for ln in inner if section_name(ln.strip(), 12)]
            assert not headings, (p.passage_id, headings)
