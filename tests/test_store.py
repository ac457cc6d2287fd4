"""The index folder: incremental updates, atomic switch, crash safety, mismatch and corruption errors."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from search.engine import Engine, SearchError
from search.store import Store, StoreError, build_index, choose_factory, current_version_dir, needs_build
from tests.conftest import CORPUS, ROOT

MINUTES = "004_2b152710ce42e84e.txt"
SHEET = "003_438bdac8e45b0f74.txt"
OTHER = "001_18a45033f53aead0.txt"


@pytest.fixture
def small_corpus(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (MINUTES, SHEET):
        shutil.copy(CORPUS / name, corpus / name)
    shutil.copy(CORPUS / "catalog.json", corpus / "catalog.json")
    return corpus


class CountingEncoder:
    """The real encoder, counting how many passages it is asked to embed."""

    def __init__(self, encoder):
        self.inner = encoder
        self.embedded = 0
        self.name, self.dim = encoder.name, encoder.dim
        self.query_prefix, self.passage_prefix = encoder.query_prefix, encoder.passage_prefix

    def encode_passages(self, texts, progress=None, **kw):
        self.embedded += len(texts)
        return self.inner.encode_passages(texts, progress=progress, **kw)

    def encode_queries(self, texts):
        return self.inner.encode_queries(texts)


def test_incremental_add_change_remove(small_corpus, tmp_path, encoder):
    index = tmp_path / "index"
    first = build_index(small_corpus, index, encoder=encoder)
    assert sorted(first.added) == [SHEET, MINUTES] and not first.errors
    assert not needs_build(small_corpus, index)

    # an index whose passages (or their embedded text) an older version made is rebuilt by
    # `index --if-needed`, yet still read
    manifest = current_version_dir(index) / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**m, "passages_version": m["passages_version"] - 1}), encoding="utf-8")
    assert needs_build(small_corpus, index) and Engine.open(index, encoder=encoder).passages()
    build_index(small_corpus, index, encoder=encoder)
    assert not needs_build(small_corpus, index)

    # add a file: only its passages can be new
    shutil.copy(CORPUS / OTHER, small_corpus / OTHER)
    assert needs_build(small_corpus, index)
    counting = CountingEncoder(encoder)
    added = build_index(small_corpus, index, encoder=counting)
    assert added.added == [OTHER] and sorted(added.unchanged) == [SHEET, MINUTES]
    n_other = sum(1 for p in Engine.open(index, encoder=encoder).passages() if p.doc == OTHER)
    assert counting.embedded <= n_other

    # change a file: a new remark at the end; the rest comes from the cache
    text = (small_corpus / MINUTES).read_text(encoding="utf-8")
    fresh = f"追加の発言として、洋上風力の保守点検体制に触れた（記録番号{time.time_ns()}）。"  # never cached before
    (small_corpus / MINUTES).write_text(text + f"\n（冨山委員）\n\uf09e {fresh}\n", encoding="utf-8")
    counting = CountingEncoder(encoder)
    changed = build_index(small_corpus, index, encoder=counting)
    assert changed.changed == [MINUTES]
    assert 1 <= counting.embedded <= 3
    engine = Engine.open(index, encoder=encoder)
    assert engine.search("洋上風力の保守点検", k=1)[0].speaker == "冨山委員"

    # remove a file: its passages leave the index
    (small_corpus / SHEET).unlink()
    removed = build_index(small_corpus, index, encoder=encoder)
    assert removed.removed == [SHEET]
    engine = Engine.open(index, encoder=encoder)
    assert SHEET not in {p.doc for p in engine.passages()}
    assert "佐藤 主光" not in dict(engine.speakers())


def test_interrupted_build_leaves_the_old_index_working(small_corpus, tmp_path, encoder):
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder)
    before = [h.passage.passage_id for h in Engine.open(index, encoder=encoder).search("DXとO&M", k=5)]
    live = current_version_dir(index)

    shutil.copy(CORPUS / OTHER, small_corpus / OTHER)

    def ctrl_c(stage, done, total):
        if stage == "keyword index":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        build_index(small_corpus, index, encoder=encoder, progress=ctrl_c)
    assert current_version_dir(index) == live
    assert [p.name for p in index.iterdir() if p.name.startswith(".building")] == []
    after = [h.passage.passage_id for h in Engine.open(index, encoder=encoder).search("DXとO&M", k=5)]
    assert after == before


def test_killed_build_leaves_the_old_index_working(small_corpus, tmp_path, encoder):
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder)
    live = current_version_dir(index)
    shutil.copy(CORPUS / OTHER, small_corpus / OTHER)
    script = textwrap.dedent(f"""
        import os, signal
        from search.store import build_index
        def die(stage, done, total):
            if stage == "keyword index":
                os.kill(os.getpid(), signal.SIGKILL)
        build_index({str(small_corpus)!r}, {str(index)!r}, progress=die)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=600)
    assert proc.returncode == -9, proc.stderr.decode()[-500:]
    assert current_version_dir(index) == live
    engine = Engine.open(index, encoder=encoder)
    assert OTHER not in {p.doc for p in engine.passages()}
    assert engine.search("DXとO&M", k=3)
    # the next build cleans up and goes through
    report = build_index(small_corpus, index, encoder=encoder)
    assert report.added == [OTHER]


def test_a_bad_file_is_reported_and_the_rest_indexed(small_corpus, tmp_path, encoder):
    (small_corpus / "broken.txt").write_bytes(b"\x00\x01\x02\xff\xfe binary")
    report = build_index(small_corpus, tmp_path / "index", encoder=encoder)
    assert len(report.errors) == 1 and "broken.txt" in report.errors[0]
    assert sorted(report.added) == [SHEET, MINUTES]


@pytest.mark.parametrize("field, value, message", [
    ("model", "cl-nagoya/ruri-v3-30m", "ruri-v3-30m.*python -m search index"),
    ("normalizer_version", "0-old", "normalizer.*python -m search index"),
])
def test_index_built_with_another_model_or_normalizer_is_explained(seed_index, tmp_path, encoder,
                                                                    field, value, message):
    copy = tmp_path / "index"
    shutil.copytree(seed_index, copy)
    manifest = current_version_dir(copy) / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    m[field] = value
    manifest.write_text(json.dumps(m), encoding="utf-8")
    with pytest.raises(SearchError, match=message):
        Engine.open(copy, encoder=encoder)


@pytest.mark.parametrize("victim", ["vectors.faiss", "vectors.npy", "meta.sqlite", "manifest.json"])
def test_corrupt_index_file_is_one_clear_error(seed_index, tmp_path, victim):
    copy = tmp_path / "index"
    shutil.copytree(seed_index, copy)
    path = current_version_dir(copy) / victim
    path.write_bytes(path.read_bytes()[: 100])
    with pytest.raises(StoreError, match="corrupt.*python -m search index"):
        Store.open(copy)


def test_automatic_index_choice_by_size():
    assert choose_factory(1_000, "auto") == "Flat"
    assert choose_factory(5_000_000, "auto") != "Flat"
    assert choose_factory(1_000, "HNSW32") == "HNSW32"


def test_any_faiss_factory_string_can_be_chosen(small_corpus, tmp_path, encoder):
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder, factory="HNSW32")
    engine = Engine.open(index, encoder=encoder)
    assert engine.info()["index_factory"] == "HNSW32"
    assert {"冨山委員", "柳川委員"} & {h.speaker for h in engine.search("DXとO&M", k=5)}
    with pytest.raises(StoreError, match="not a valid FAISS"):
        build_index(small_corpus, tmp_path / "bad", encoder=encoder, factory="Nonsense99")


def test_read_vectors_gives_the_stored_rows(seed_index):
    store = Store.open(seed_index)
    rows = np.array([0, 7, 8, store.n_passages - 1])
    assert np.array_equal(store.read_vectors(rows), np.asarray(store.vectors[rows]))
    assert store.read_vectors(np.array([], dtype=np.int64)).shape == (0, store.vectors.shape[1])


def test_an_index_damaged_after_opening_is_a_one_line_search_error(tmp_path, encoder):
    build_index(CORPUS, tmp_path / "idx", encoder=encoder)
    engine = Engine.open(tmp_path / "idx", encoder=encoder)
    engine.store.db.close()                                  # as if meta.sqlite became unreadable
    engine.store.remark.cache_clear()
    engine.store.passage.cache_clear()
    with pytest.raises(SearchError, match="rebuild it with: python -m search index"):
        engine.search("DXとO&M", k=3)


def test_the_embedded_header_names_a_remarks_speaker_and_a_sheet_cells_field():
    from search.embed import embedding_text
    from search.ingest import load_catalog, load_document

    catalog = load_catalog(CORPUS)
    minutes, sheet = (load_document(CORPUS / name, catalog) for name in (MINUTES, SHEET))
    remark = next(p for p in minutes.passages if p.speaker == "柳川委員")
    text = embedding_text(remark, minutes.document)
    assert text == f"{minutes.document.title} 柳川委員: {remark.text}"
    assert remark.section and remark.section not in text   # the agenda item most remarks share is left out
    cell = next(p for p in sheet.passages if p.section == "指標の定義")
    assert embedding_text(cell, sheet.document) == f"{sheet.document.title} 指標の定義: {cell.text}"


def test_the_build_and_load_corpus_walk_the_same_files(small_corpus):
    from search.ingest import load_corpus
    from search.store import BuildReport, parse_corpus

    (small_corpus / ".draft.txt").write_text("（冨山委員）\n下書き。\n", encoding="utf-8")   # hidden: no document
    (small_corpus / "readme.MD").write_text("# notes", encoding="utf-8")
    (small_corpus / "empty.txt").write_bytes(b"")
    (small_corpus / "sub").mkdir()
    (small_corpus / "sub" / "inner.txt").write_text("（冨山委員）\n中。\n", encoding="utf-8")
    report = BuildReport()
    parsed, hashes = parse_corpus(small_corpus, {}, report)
    docs, errors = load_corpus(small_corpus)
    assert [p.document.doc for p in parsed] == [d.document.doc for d in docs] == [SHEET, MINUTES]
    assert report.errors == [str(e) for e in errors] and "empty.txt" in report.errors[0]
    assert sorted(hashes) == sorted([SHEET, MINUTES, "empty.txt", "catalog.json"])
