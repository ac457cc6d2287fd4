"""The Milvus store on Milvus Lite: build, dense and sparse search with filters, swaps, kills, faults, the app."""
from __future__ import annotations

import html
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from search import text
from search.engine import Engine, SearchError
from search.glossary import Glossary
from search.retrieval import keyword
from search.retrieval.plan import QueryPlan, query_concepts
from search.milvus_store import MilvusStore, MilvusUnavailable, Where, bm25_weights, connect, milvus_keyword
from search.store import Store, StoreError, build_index, current_version_dir, search_vectors
from tests.conftest import CORPUS, DEV_JSON, ROOT
from tests.test_store import MINUTES, OTHER, SHEET, small_corpus  # noqa: F401  (fixture)


@pytest.fixture(scope="session")
def milvus_seed(tmp_path_factory, encoder):
    """The seed corpus built with GIJI_STORE=milvus into its own Milvus Lite file."""
    index_dir = tmp_path_factory.mktemp("milvus-seed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("GIJI_STORE", "milvus")
        mp.delenv("GIJI_MILVUS_URI", raising=False)
        report = build_index(CORPUS, index_dir, encoder=encoder)
    assert not report.errors, report.errors
    return index_dir


@pytest.fixture(scope="session")
def stores(seed_index, milvus_seed):
    faiss_store, milvus = Store.open(seed_index), Store.open(milvus_seed)
    assert isinstance(milvus, MilvusStore) and not isinstance(faiss_store, MilvusStore)
    return faiss_store, milvus


@pytest.fixture(scope="session")
def dev_queries():
    if not DEV_JSON.exists():
        pytest.skip(f"benchmark judgments not found at {DEV_JSON}")
    return json.loads(DEV_JSON.read_text(encoding="utf-8"))["queries"]


def milvus_env(mp, store: str = "milvus", uri: str | None = None):
    mp.setenv("GIJI_STORE", store)
    if uri is None:
        mp.delenv("GIJI_MILVUS_URI", raising=False)
    else:
        mp.setenv("GIJI_MILVUS_URI", uri)


def release_lite(index_dir) -> None:
    """Stop this process's embedded Milvus Lite server for an index folder's file, so another process can open it."""
    from milvus_lite.server_manager import server_manager_instance

    server_manager_instance.release_server(str((index_dir / "milvus.db").resolve()))


def ties_apart(ranking, k=10):
    """The top k's scores, and its rows above the k-th score in order (ties by row): two rankings that differ
    only in how they order equal scores compare equal."""
    top = [(r, round(s, 4)) for r, s in ranking[:k]]
    cut = top[-1][1] if top else None
    return [s for _, s in top], sorted((-s, r) for r, s in top if s > cut)


# ---------------------------------------------------------------- build and records
def test_manifest_says_where_the_vectors_are(stores, milvus_seed):
    faiss_store, milvus = stores
    assert faiss_store.manifest["store"] == "faiss" and milvus.manifest["store"] == "milvus"
    assert milvus.manifest["milvus"]["uri"] == "milvus.db"             # relative: the folder can move
    live = current_version_dir(milvus_seed)
    assert not (live / "vectors.faiss").exists() and not (live / "vectors.npy").exists()
    assert milvus.n_passages == faiss_store.n_passages and milvus.n_remarks == faiss_store.n_remarks
    assert [p.passage_id for p in milvus.iter_passages()] == [p.passage_id for p in faiss_store.iter_passages()]
    assert milvus.speaker_counts() == faiss_store.speaker_counts()


def test_stored_sparse_vectors_are_the_bm25s_scores(stores):
    faiss_store, milvus = stores
    rows = milvus.client.query(milvus.collection, filter="row >= 0", output_fields=["row", "sparse"],
                               limit=milvus.n_passages)
    assert len(rows) == milvus.n_passages
    name = {i: t for t, i in milvus.term_ids.items()}
    stored = {(int(r["row"]), name[int(k)]): float(v) for r in rows for k, v in r["sparse"].items() if int(k) in name}
    m, vocab = faiss_store.bm25.scores, faiss_store.bm25.vocab_dict
    expected = {}
    terms = {t: i for t, i in vocab.items() if t}      # "" stands in for an empty passage in bm25s only
    for term, tid in terms.items():
        start, end = int(m["indptr"][tid]), int(m["indptr"][tid + 1])
        for row, score in zip(m["indices"][start:end], m["data"][start:end]):
            expected[(int(row), term)] = float(score)
    assert stored.keys() == expected.keys()
    assert max(abs(stored[k] - expected[k]) for k in expected) < 1e-5
    assert all(milvus.doc_freq(t) == int(m["indptr"][i + 1]) - int(m["indptr"][i]) for t, i in terms.items())
    assert milvus.postings("DX") is None


def test_bm25_weights_of_an_empty_passage_count_one_token():
    vocab, df, weights = bm25_weights([["洋上", "風力"], [], ["風力"]])
    assert weights[1] == {} and df[vocab["風力"]] == 2
    # the second passage counts as length 1, so avgdl = 4/3 (bm25s indexes [""] for it)
    idf = np.log(1 + (3 - 2 + 0.5) / (2 + 0.5))
    assert weights[2][vocab["風力"]] == pytest.approx(idf / (1.5 * (0.25 + 0.75 * 1 / (4 / 3)) + 1), rel=1e-6)


# ---------------------------------------------------------------- dense side
FILTERS = {
    "none": lambda s: None,
    "speaker": lambda s: Where(speakers=frozenset({"冨山委員"})),
    "document": lambda s: Where(docs=frozenset({SHEET})),
    "document and speaker": lambda s: Where(docs=frozenset({MINUTES}), speakers=frozenset({"柳川委員", "飯島委員"})),
}


def faiss_dense(store, q, n, where):
    """The FAISS Store's answer: the index for no filter, an exact scan of the allowed rows otherwise."""
    if where is None:
        rows, scores = search_vectors(store.faiss, store.read_vectors, q, n)
        return list(zip(rows.tolist(), scores.tolist()))
    allowed = MilvusStore.allowed_rows(store, where)
    scores = np.asarray(store.vectors[allowed]) @ q
    top = np.argsort(-scores)[:n]
    return [(int(allowed[i]), float(scores[i])) for i in top]


@pytest.mark.parametrize("kind", FILTERS)
def test_dense_gives_the_faiss_top_rows(stores, encoder, dev_queries, kind):
    faiss_store, milvus = stores
    where = FILTERS[kind](milvus)
    queries = encoder.encode_queries([q["query"] for q in dev_queries[:8]]).astype(np.float32)
    for q in queries:
        ours, theirs = milvus._dense_passages(q, 10, where), faiss_dense(faiss_store, q, 10, where)
        assert ties_apart(ours) == ties_apart(theirs)
        assert max(abs(a[1] - b[1]) for a, b in zip(ours, theirs)) < 1e-5
        with_sentences = milvus.dense(q, 10, where)          # the same sentences' evidence on both stores
        assert ties_apart(with_sentences) == ties_apart(faiss_store.dense(q, 10, where))
        if where is not None:
            allowed = set(milvus.allowed_rows(where).tolist())
            assert {r for r, _ in ours} <= allowed and len(ours) == min(10, len(allowed))
    rows = np.array([7, 3, 120])
    assert np.allclose(milvus.read_vectors(rows), np.asarray(faiss_store.vectors[rows]))


def test_filters_are_applied_inside_milvus_not_after(stores):
    _, milvus = stores
    where = Where(speakers=frozenset({"冨山委員"}))
    allowed = milvus.allowed_rows(where)
    assert 0 < len(allowed) < milvus.n_passages / 4
    q = milvus.read_vectors(np.array([0]))[0]
    found = milvus.dense(q, len(allowed), where)
    assert sorted(r for r, _ in found) == allowed.tolist()     # every allowed row, however far down the full ranking
    assert milvus.dense(q, 5, Where(speakers=frozenset())) == []
    hits = milvus.sparse({"委員": 1.0, "dx": 1.0}, 500, where)
    assert hits and {r for r, _ in hits} <= set(allowed.tolist())


def test_phrases_and_excluded_words_filter_alike_in_milvus(seed_index, milvus_seed, encoder):
    from search.engine import Engine

    for query in ('"O&M" インフラ', "DXとO&M -インフラ"):
        faiss_hits, milvus_hits = (Engine.open(d, encoder=encoder).search(query, k=10)
                                   for d in (seed_index, milvus_seed))
        assert milvus_hits
        assert [h.passage.passage_id for h in milvus_hits] == [h.passage.passage_id for h in faiss_hits]


# ---------------------------------------------------------------- keyword side
def test_keyword_rule_matches_the_engine_on_the_dev_queries(seed_index, stores, encoder, dev_queries):
    """On the seed corpus, with 200 candidates per wording, the Milvus keyword side ranks the top 10 of every dev
    query (and with each query's speaker filter) as bm25s does, scores and confidence equal."""
    _, milvus = stores
    engine = Engine.open(seed_index, encoder=encoder)
    for q in dev_queries:
        speaker = (q.get("filters") or {}).get("speaker")
        for where in [None] + ([Where(speakers=frozenset({speaker}))] if speaker else []):
            allowed = None if where is None else milvus.allowed_rows(where)
            found = keyword.search(QueryPlan(q["query"], engine.glossary, engine.store, engine.params), allowed, 200)
            theirs, confidence = found.ranking, found.confidence
            ours, our_confidence = milvus_keyword(milvus, query_concepts(q["query"], engine.glossary), 200, where)
            assert ties_apart(ours) == ties_apart(theirs), q["query"]
            assert our_confidence == pytest.approx(confidence, abs=1e-6)
            shared = dict(theirs)
            assert all(abs(shared[r] - s) < 1e-4 for r, s in ours if r in shared)


def test_a_wording_counts_only_where_all_its_terms_occur(stores):
    _, milvus = stores
    wording = ("インフラ", "海外")
    either = {r for t in wording for r, _ in milvus.sparse({t: 1.0}, 500, None)}
    ranking, _ = milvus_keyword(milvus, [{wording: 1.0}], 500, None)
    both = {row for row in either if set(wording) <= set(text.terms(milvus.passage(row).text))}
    assert 0 < len(both) < len(either)
    assert {r for r, _ in ranking} == both
    unknown, confidence = milvus_keyword(milvus, [{("存在しない語彙",): 1.0}], 10, None)
    assert unknown == [] and confidence == 0.0


# ---------------------------------------------------------------- versions
def test_rebuild_add_change_remove_and_alias_swap(small_corpus, tmp_path, encoder, monkeypatch):
    milvus_env(monkeypatch)
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder)
    first = Store.open(index)
    q = first.read_vectors(np.array([0]))[0]
    before = first.dense(q, 5, None)

    shutil.copy(CORPUS / OTHER, small_corpus / OTHER)                  # add: a new collection, alias moved
    added = build_index(small_corpus, index, encoder=encoder)
    assert added.added == [OTHER]
    second = Store.open(index)
    assert second.collection != first.collection and OTHER in second.documents
    assert second.n_passages > first.n_passages
    assert first.dense(q, 5, None) == before                           # an open store keeps answering from its version
    alias = second.manifest["milvus"]["alias"]
    assert second.client.describe_alias(alias)["collection_name"] == second.collection

    doc = small_corpus / MINUTES                                         # change: a new remark at the end
    fresh = f"追加の発言として、洋上風力の保守点検体制に触れた（記録番号{time.time_ns()}）。"
    doc.write_text(doc.read_text(encoding="utf-8") + f"\n（冨山委員）\n\uf09e {fresh}\n", encoding="utf-8")
    changed = build_index(small_corpus, index, encoder=encoder)
    assert changed.changed == [MINUTES]
    third = Store.open(index)
    found = milvus_keyword(third, query_concepts("洋上風力の保守点検体制", Glossary.load()), 5, None)[0]
    assert fresh in third.passage(found[0][0]).text
    kept = {c for c in third.client.list_collections() if c.startswith(alias + "_")}
    assert kept == {second.collection, third.collection}               # the live one and the one it replaced

    (small_corpus / SHEET).unlink()                                     # remove: its rows leave the collection
    removed = build_index(small_corpus, index, encoder=encoder)
    assert removed.removed == [SHEET]
    fourth = Store.open(index)
    assert SHEET not in fourth.documents
    assert fourth.dense(q, 3, Where(docs=frozenset({SHEET}))) == []
    rows = fourth.client.query(fourth.collection, filter=f'doc == "{SHEET}"', output_fields=["row"], limit=10)
    assert rows == []
    assert first.collection not in fourth.client.list_collections()    # two builds old: dropped


@pytest.mark.parametrize("moment", ["mid-insert", "before the alias switch"])
def test_killed_build_leaves_the_old_collection_answering(small_corpus, tmp_path, encoder, monkeypatch, moment):
    milvus_env(monkeypatch)
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder)
    old = Store.open(index)
    q = old.read_vectors(np.array([1]))[0]
    before, old_collection, n_before = old.dense(q, 5, None), old.collection, old.n_passages
    old.close()
    release_lite(index)                     # Milvus Lite serves one process: hand the file to the build

    shutil.copy(CORPUS / OTHER, small_corpus / OTHER)
    kill_when = "done > 0 and done < total" if moment == "mid-insert" else "done == total"
    script = textwrap.dedent(f"""
        import os, signal
        from search import milvus_store
        from search.store import build_index
        milvus_store.INSERT_BATCH = 20
        def die(stage, done, total):
            if stage == "milvus" and {kill_when}:
                os.kill(os.getpid(), signal.SIGKILL)
        build_index({str(small_corpus)!r}, {str(index)!r}, progress=die)
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=600,
                          env={**os.environ, "GIJI_STORE": "milvus"})
    assert proc.returncode == -9, proc.stderr.decode()[-800:]

    store = Store.open(index)
    assert store.collection == old_collection and store.n_passages == n_before
    assert store.dense(q, 5, None) == before
    half = [c for c in store.client.list_collections() if c not in (old_collection,)]
    assert len(half) == 1                                               # the killed build's collection, never aliased
    complete = "0" if moment == "mid-insert" else "1"
    assert store.client.describe_collection(half[0])["properties"]["giji.complete"] == complete
    assert store.client.describe_alias(store.manifest["milvus"]["alias"])["collection_name"] == old_collection

    build_index(small_corpus, index, encoder=encoder)                   # the next build goes through
    assert OTHER in Store.open(index).documents


# ---------------------------------------------------------------- faults
def test_unreachable_milvus_is_one_clear_line(small_corpus, tmp_path, encoder, monkeypatch, capsys):
    from search.cli import main

    uri = "http://127.0.0.1:9"                                           # discard port: nothing listens
    milvus_env(monkeypatch, uri=uri)
    with pytest.raises(MilvusUnavailable, match="127.0.0.1:9"):
        build_index(small_corpus, tmp_path / "index", encoder=encoder)
    assert not (tmp_path / "index" / "CURRENT").exists()
    assert main(["index", str(small_corpus), "--index", str(tmp_path / "index")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("error: Milvus at http://127.0.0.1:9 is unreachable")

    milvus_env(monkeypatch)                                              # an index built on Lite ...
    build_index(small_corpus, tmp_path / "built", encoder=encoder)
    milvus_env(monkeypatch, uri=uri)                                     # ... opened against a Milvus that is gone
    with pytest.raises(SearchError, match="Milvus at http://127.0.0.1:9 is unreachable"):
        Engine.open(tmp_path / "built", encoder=encoder)
    assert main(["info", "--index", str(tmp_path / "built")]) == 2
    milvus_env(monkeypatch, uri=str(tmp_path / "not-a-milvus-file.txt"))
    with pytest.raises(StoreError, match="neither http://host:19530 nor a Milvus Lite file"):
        Store.open(tmp_path / "built")


def test_another_model_or_normalizer_is_refused(small_corpus, tmp_path, encoder, monkeypatch):
    milvus_env(monkeypatch)
    index = tmp_path / "index"
    build_index(small_corpus, index, encoder=encoder)

    class Other:
        name, dim = "some/other-model", encoder.dim
    with pytest.raises(SearchError, match="built with model"):
        Engine.open(index, encoder=Other())

    store = Store.open(index)                   # the collection says another model than the folder's manifest
    store.client.alter_collection_properties(store.collection, properties={"giji.model": "some/other-model"})
    with pytest.raises(StoreError, match="was built with model 'some/other-model'"):
        Store.open(index)
    store.client.alter_collection_properties(store.collection, properties={"giji.model": store.manifest["model"]})
    assert Store.open(index).collection == store.collection

    manifest = current_version_dir(index) / "manifest.json"
    m = json.loads(manifest.read_text(encoding="utf-8"))
    manifest.write_text(json.dumps({**m, "normalizer_version": "ja-0"}), encoding="utf-8")
    with pytest.raises(SearchError, match="normalizer_version"):
        Engine.open(index, encoder=encoder)


def test_switching_the_store_setting_rebuilds(small_corpus, tmp_path, encoder, monkeypatch):
    from search.store import needs_build

    index = tmp_path / "index"
    milvus_env(monkeypatch, store="faiss")
    build_index(small_corpus, index, encoder=encoder)
    assert not needs_build(small_corpus, index)
    milvus_env(monkeypatch)                                  # GIJI_STORE=milvus make run: index --if-needed
    assert needs_build(small_corpus, index)
    build_index(small_corpus, index, encoder=encoder)
    assert not needs_build(small_corpus, index) and isinstance(Store.open(index), MilvusStore)


def test_unknown_store_setting_is_refused(small_corpus, tmp_path, encoder, monkeypatch):
    milvus_env(monkeypatch, store="elastic")
    with pytest.raises(StoreError, match="choose 'faiss' or 'milvus'"):
        build_index(small_corpus, tmp_path / "index", encoder=encoder)


def test_lite_file_serves_one_process(milvus_seed):
    """A second process cannot open a Milvus Lite file this one serves: the error names the file."""
    script = textwrap.dedent(f"""
        import sys
        from search.milvus_store import MilvusUnavailable, connect
        try:
            connect({str(milvus_seed / 'milvus.db')!r})
        except MilvusUnavailable as e:
            sys.exit(f"error: {{e}}")
    """)
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 1
    err = proc.stderr.decode().strip()
    assert err.count("\n") == 0, err                                    # one line: no log or traceback before it
    assert err.startswith(f"error: Milvus at {milvus_seed / 'milvus.db'} is unreachable") and "one process" in err
    connect(str(milvus_seed / "milvus.db")).close()                        # this process still can


# ---------------------------------------------------------------- the engine on Milvus
def test_engine_on_milvus_answers_as_on_faiss(seed_index, milvus_seed, encoder, dev_queries, capsys):
    from search.cli import main

    on_faiss, on_milvus = Engine.open(seed_index, encoder=encoder), Engine.open(milvus_seed, encoder=encoder)
    assert isinstance(on_milvus.store, MilvusStore) and not isinstance(on_faiss.store, MilvusStore)
    compared = 0
    for q in dev_queries[:10]:
        speaker = (q.get("filters") or {}).get("speaker")
        kw = {"speakers": [speaker]} if speaker else {}
        where = on_faiss.where(speakers=kw.get("speakers"))
        allowed = None if where is None else on_faiss.store.allowed_rows(where)
        plan = QueryPlan(q["query"], on_faiss.glossary, on_faiss.store, on_faiss.params)
        top = keyword.search(plan, allowed, 200).ranking
        if len(top) > 1 and top[0][1] - top[1][1] < 1e-5:
            continue        # tied best keyword passages: each store may feed back another one to the query vector
        compared += 1
        a, b = on_faiss.search(q["query"], k=10, **kw), on_milvus.search(q["query"], k=10, **kw)
        assert np.allclose([h.score for h in a], [h.score for h in b], atol=1e-3), q["query"]
        cut = a[-1].score + 1e-3                          # above the last score: the same passages in the same order
        assert [h.passage.passage_id for h in a if h.score > cut] == \
            [h.passage.passage_id for h in b if h.score > cut], q["query"]
    assert compared >= 5
    remark = on_faiss.search("DXとO&M", k=1)[0].remark.remark_id
    assert [h.remark.remark_id for h in on_milvus.similar(remark, k=3)] == \
        [h.remark.remark_id for h in on_faiss.similar(remark, k=3)]
    assert np.allclose(on_milvus.passage_vectors(), on_faiss.passage_vectors())
    capsys.readouterr()
    assert main(["query", "DXとO&M", "--index", str(milvus_seed), "-k", "2"]) == 0
    assert "004_2b152710ce42e84e.txt" in capsys.readouterr().out


def test_app_on_milvus_lite_searches_and_says_when_milvus_is_gone(small_corpus, tmp_path, encoder, monkeypatch):
    from streamlit.testing.v1 import AppTest

    index = tmp_path / "index"
    milvus_env(monkeypatch)
    build_index(small_corpus, index, encoder=encoder)
    monkeypatch.setenv("GIJI_INDEX", str(index))
    monkeypatch.setenv("GIJI_CORPUS", str(small_corpus))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    at.text_input(key="w_q").input("DXとO&M").run()
    assert not at.exception, [e.value for e in at.exception]
    cards = [b.key for b in at.button if b.key and b.key.startswith("add_") and not b.key.startswith("add_sim_")]
    assert cards and cards[0].startswith(f"add_{MINUTES}")

    release_lite(index)                     # Milvus goes away under the running app
    at.text_input(key="w_q").input("洋上風力の保守点検").run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [html.unescape(e.value) for e in at.error]           # the page writes corpus and error text escaped
    assert any(f"Milvus at {(index / 'milvus.db').resolve()} is unreachable" in line for line in shown), shown
    assert at.text_input(key="w_q").value == "洋上風力の保守点検"       # the page stays
