"""The index under sharing and interruption: readers across swaps, one build at a time, killed builds resumed."""
from __future__ import annotations

import gc
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
import time

import numpy as np

from search.engine import Engine
from search.store import BUSY, RESUMING, build_index, build_lock, current_version_dir, remove_old_versions
from tests.conftest import CORPUS, ROOT

MINUTES = "004_2b152710ce42e84e.txt"
SHEET = "003_438bdac8e45b0f74.txt"


def _python(script: str, env: dict | None = None, **kw) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(script)], cwd=ROOT,
                            env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, **kw)


def test_a_query_loop_never_fails_while_another_process_rebuilds(tmp_path, encoder):
    index = tmp_path / "index"
    build_index(CORPUS, index, encoder=encoder)
    held = Engine.open(index, encoder=encoder)           # opened before every swap, used after all of them
    expected = [h.passage.passage_id for h in held.search("DXとO&M", k=5)]
    builder = _python(f"""
        from search.store import build_index
        for i in range(5):
            build_index({str(CORPUS)!r}, {str(index)!r})
            print("built", i, flush=True)
    """)
    failures, queries, versions = [], 0, set()
    while builder.poll() is None or queries < 5:
        try:
            fresh = Engine.open(index, encoder=encoder)
            versions.add(fresh.version)
            for engine in (fresh, held):
                got = [h.passage.passage_id for h in engine.search("DXとO&M", k=5)]
                assert got == expected, got
                engine.context(engine.search("人材育成", mode="keyword", k=1)[0].remark.remark_id)
            queries += 1
        except Exception as e:               # every kind of failure counts
            failures.append(f"{type(e).__name__}: {e}")
        fresh = engine = None
    out, err = builder.communicate()
    assert builder.returncode == 0, err[-800:]
    assert out.split().count("built") == 5
    assert failures == [], failures[:3]
    assert len(versions) >= 2 and queries >= 5          # the loop did run across swaps
    assert held.store.root.is_dir()                      # the version a reader holds is kept ...
    held = None
    gc.collect()
    live = current_version_dir(index)
    with build_lock(index):
        assert remove_old_versions(index, keep=live.name) == []   # ... and removed once nobody reads it
    assert [d.name for d in index.iterdir() if d.name.startswith("v-")] == [live.name]


def test_a_second_build_into_one_folder_waits_and_says_so(tmp_path, encoder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / SHEET, corpus / SHEET)
    index = tmp_path / "index"
    build_index(corpus, index, encoder=encoder)
    before = current_version_dir(index)
    with build_lock(index):
        waiting = _python(f"""
            from search.cli import main
            raise SystemExit(main(["index", {str(corpus)!r}, "--index", {str(index)!r}]))
        """)
        first = waiting.stderr.readline()             # it reaches the lock, says so, and waits
        time.sleep(1)
        assert BUSY in first and waiting.poll() is None
        assert current_version_dir(index) == before
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, err[-800:]
    assert "indexed" in out
    assert current_version_dir(index) != before


def test_a_killed_build_resumes_without_embedding_again(tmp_path, encoder, monkeypatch):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in (MINUTES, SHEET):
        shutil.copy(CORPUS / name, corpus / name)
    index, cache = tmp_path / "index", tmp_path / "model-cache"   # a cache of our own: nothing is embedded yet
    killed = _python(f"""
        import os, signal
        from search.embed import Encoder
        from search.store import build_index
        encoder = Encoder.open()                      # the model from the usual place, the vectors cached apart
        os.environ["GIJI_MODEL_CACHE"] = {str(cache)!r}
        def die(stage, done, total):
            if stage == "embedding" and done > 64:   # after the first 64 passages were committed
                os.kill(os.getpid(), signal.SIGKILL)
        build_index({str(corpus)!r}, {str(index)!r}, encoder=encoder, progress=die)
    """)
    killed.communicate(timeout=600)
    assert killed.returncode == -9
    assert current_version_dir(index) is None
    db = sqlite3.connect(next((cache / "embeddings").glob("*.sqlite")))
    committed = db.execute("SELECT COUNT(*) FROM emb").fetchone()[0]
    db.close()
    assert committed >= 64

    monkeypatch.setenv("GIJI_MODEL_CACHE", str(cache))
    said = []
    report = build_index(corpus, index, encoder=encoder, progress=lambda *a: said.append(a))
    assert report.resumed == committed
    assert ("resuming", committed, report.embedded + committed) in said
    assert RESUMING.format(n=committed) == f"前回の続きから（{committed} 件は計算済み）"
    db = sqlite3.connect(next((cache / "embeddings").glob("*.sqlite")))
    fresh = db.execute("SELECT COUNT(*) FROM emb").fetchone()[0] - committed
    assert report.embedded + report.embedded_sentences == fresh and report.embedded_sentences   # only the rest
    db.close()
    assert Engine.open(index, encoder=encoder).search("DXとO&M", k=3)
    again = build_index(corpus, index, encoder=encoder)
    assert again.embedded == again.embedded_sentences == again.resumed == 0   # and no journal behind


def test_embedding_chunk_by_chunk_gives_the_vectors_of_one_call(tmp_path, encoder):
    from search.embed import EmbeddingCache, cache_chunk, embed_passages
    from search.ingest import load_document

    texts = [p.text for p in load_document(CORPUS / "002_3b132b5ffab02e79.txt").passages][:cache_chunk(encoder) + 8]
    assert len(texts) > cache_chunk(encoder)                 # two chunks, two commits
    vectors, embedded = embed_passages(texts, encoder, cache=EmbeddingCache(encoder.name, tmp_path))
    assert embedded == len(set(texts))
    # what one encode_passages call over the missing passages (by cache key) gave before, bit for bit
    keys = [EmbeddingCache.key(encoder.passage_prefix + t) for t in texts]
    todo = sorted(dict(zip(keys, texts)).items())
    one_call = dict(zip([k for k, _ in todo], encoder.encode_passages([t for _, t in todo])))
    assert np.array_equal(vectors, np.stack([one_call[k] for k in keys]))


def test_one_store_serves_several_threads(seed_index):
    """The records and vectors side of the seam, shared by threads (the app's sessions share one engine)."""
    from concurrent.futures import ThreadPoolExecutor

    from search.store import Store

    store = Store.open(seed_index)
    rows = list(range(0, store.n_passages, 3))

    def read(row: int):
        p = store.passage(row)
        r = store.remark(p.remark_id)
        before, after = store.remarks_around(r, 2, 2)
        return (p.passage_id, r.remark_id, [x.remark_id for x in before + after], store.rows_of_remark(r.remark_id),
                store.read_vectors(np.array([row])).tobytes())

    alone = [read(row) for row in rows]
    store.passage.cache_clear()
    store.remark.cache_clear()
    with ThreadPoolExecutor(4) as pool:
        for _ in range(3):
            assert list(pool.map(read, rows)) == alone
    store.close()
