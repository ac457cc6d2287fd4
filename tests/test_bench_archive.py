"""The archive benchmark's judgments are valid on the archive, and the character-overlap baseline ranks by shared characters."""
from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARCHIVE = SHARED / "archive" / "corpus"
sys.path.insert(0, str(ROOT / "bench"))

import archive  # noqa: E402
import baseline  # noqa: E402

KINDS = {"keyword", "question", "speaker", "summary", "paraphrase", "crosslingual"}
needs_archive = pytest.mark.skipif(not ARCHIVE.is_dir() or not (SHARED / "eval" / "evaluate.py").exists(),
                                   reason="../shared/archive or ../shared/eval is not beside the worktree")


@pytest.fixture(scope="module")
def evaluator():
    return archive.load_evaluator()


@pytest.fixture(scope="module")
def judgments():
    return json.loads((ROOT / "bench" / "archive.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def normalized(judgments, evaluator):
    return {f: evaluator.norm((ARCHIVE / f).read_text(encoding="utf-8")) for f in judgments["corpus"]}


@needs_archive
def test_judgments_cover_the_subset_with_enough_queries_kinds_and_meetings(judgments):
    assert judgments["version"] == 1
    assert judgments["corpus"] == archive.subset_files(ROOT / "bench" / "archive_subset.txt")
    queries = judgments["queries"]
    assert len(queries) >= 50
    assert len({q["id"] for q in queries}) == len(queries)
    kinds = Counter(q["kind"] for q in queries)
    assert set(kinds) == KINDS and min(kinds.values()) >= 5, kinds
    docs = {item["doc"] for q in queries for item in q["relevant"]}
    assert len(docs) >= 20
    assert docs <= set(judgments["corpus"])
    assert any(d.startswith("diet_") for d in docs) and any(d.startswith("shinagawa_") for d in docs)


@needs_archive
def test_every_query_is_well_formed(judgments):
    for q in judgments["queries"]:
        assert 1 <= len(q["relevant"]) <= 6, q["id"]
        assert all(item["grade"] in (1, 2) for item in q["relevant"]), q["id"]
        assert any(item["grade"] == 2 for item in q["relevant"]), q["id"]
        if q["kind"] == "summary":
            assert 30 <= len(q["query"]) <= 60, q["id"]
        if q["kind"] == "crosslingual":
            assert re.fullmatch(r"[\x20-\x7e]+", q["query"]), q["id"]
        wanted = (q.get("filters") or {}).get("speaker")
        if wanted:
            assert wanted in {item["speaker"] for item in q["relevant"]}, q["id"]


@needs_archive
def test_every_evidence_occurs_once_in_its_file_and_nowhere_else(judgments, normalized, evaluator):
    for q in judgments["queries"]:
        for item in q["relevant"]:
            evidence = item["evidence"]
            assert 10 <= len(evidence) <= 30, (q["id"], evidence)
            raw = (ARCHIVE / item["doc"]).read_text(encoding="utf-8")
            assert evidence in raw, (q["id"], evidence)
            key = evaluator.norm(evidence)
            counts = {f: text.count(key) for f, text in normalized.items() if key in text}
            assert counts == {item["doc"]: 1}, (q["id"], evidence, counts)


@needs_archive
def test_every_speaker_label_is_printed_at_a_turn_of_its_file(judgments):
    for q in judgments["queries"]:
        for item in q["relevant"]:
            if item["speaker"] is not None:
                raw = (ARCHIVE / item["doc"]).read_text(encoding="utf-8")
                assert f"\n○{item['speaker']}\u3000" in raw, (q["id"], item["speaker"])


@needs_archive
def test_the_baseline_passages_can_cover_every_evidence(judgments, evaluator):
    for size in baseline.SIZES:
        texts: dict[str, list[str]] = {}
        for p in baseline.corpus_passages(ARCHIVE, size, judgments["corpus"]):
            assert len(p.text) <= size * 1.5
            texts.setdefault(p.doc, []).append(evaluator.norm(p.text))
        for q in judgments["queries"]:
            for item in q["relevant"]:
                key = evaluator.norm(item["evidence"])
                assert any(key in t for t in texts[item["doc"]]), (size, q["id"], item["evidence"])


@needs_archive
def test_the_benchmark_corpus_gets_a_catalog_in_the_project_format(tmp_path):
    from search.ingest import load_catalog, load_document

    files = ["diet_121504006X00120241114.txt", "shinagawa_h23-20110225-3.txt"]
    archive.prepare_corpus(ARCHIVE, files, tmp_path)
    catalog = load_catalog(tmp_path)
    assert set(catalog) == set(files)
    diet = load_document(tmp_path / files[0], catalog).document
    assert (diet.title, diet.doc_type, diet.date, diet.meeting_number) == (
        "第215回国会　衆議院　環境委員会　第1号", "minutes", "2024-11-14", 1)
    ward = load_document(tmp_path / files[1], catalog).document
    assert (ward.organisation, ward.meeting, ward.date) == ("品川区議会", "品川区議会 予算特別委員会", "2011-02-25")


@pytest.mark.parametrize("text, chars", [
    ("潜水手当の不正受給について伺います。", set("潜水手当不正受給伺")),
    ("ＤＸとＯ＆Ｍ、令和６年度", set("dxo m令和6年度") - {" "}),
    ("ございます。〔「異議なし」と呼ぶ者あり〕", set("異議呼者")),
    ("コストカット型経済", set("コストカット型経済")),
])
def test_content_characters_are_kanji_katakana_latin_and_digits(text, chars):
    assert baseline.content_chars(text) == chars


def test_the_baseline_ranks_a_passage_sharing_the_query_characters_first():
    text = ("○小泉委員長　次に、渡辺周さん。\n"
            "○渡辺（周）委員　潜水手当の不正受給で逮捕されたのは二〇二三年の十一月でございます。"
            "公表されるまでに約八か月かかっています。\n"
            "○黄川田委員　今年は自衛隊創設七十周年の節目でございます。"
            "多くの関係者によりまして理解、信頼をかち得てきたわけでございます。\n")
    passages = baseline.split_passages("x.txt", text, 40)
    assert len(passages) >= 3
    assert all(text[p.start:].startswith(p.text) for p in passages)
    ranked = baseline.rank("潜水手当の不正受給", passages, k=len(passages))
    assert "潜水手当" in ranked[0][1].text and ranked[0][0] == len(set("潜水手当不正受給"))
    assert all(score < ranked[0][0] for score, _ in ranked[1:])
