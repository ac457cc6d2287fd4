"""Scaling benchmark on a SYNTHETIC corpus (recombined seed sentences): vector indexes, BM25, the app at size.

    .venv/bin/python bench/scale.py vectors --sizes 10000 100000 1000000 [--vectors random|recombined]
    .venv/bin/python bench/scale.py bm25 --sizes 10000 100000 1000000
    .venv/bin/python bench/scale.py app --size 100000        # a real index folder, opened by Engine.open
    .venv/bin/python bench/scale.py recall INDEX_DIR          # recall@10 of an index folder as the engine searches

Synthetic passages are 1-4 sentences drawn at random from the seed passages' sentences; their documents are
named "synthetic-*". Their vectors are not embedded (that would take days on 2 cores): 'random' draws
normalized Gaussian vectors of the model's dimension (a hard case for approximate indexes); 'recombined'
averages 2-3 real seed passage embeddings and adds noise (closer to real embeddings). Each index
configuration runs in its own subprocess so that memory and open time are measured cleanly.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "eval" / "dev.json"
WORK = Path(os.environ.get("SCALE_WORK", "/tmp/giji-scale"))
DIM = 384                     # multilingual-e5-small, the default model
K = 10
RERANK = 200         # candidates the engine re-scores exactly (search.engine.CANDIDATES)
SENTENCE_END = re.compile(r"(?<=[。！？])")


# ---------------------------------------------------------------- synthetic corpus
def seed_passages(corpus_dir: Path = ROOT / "corpus"):
    """The parsed seed documents' passages (real text)."""
    from search.ingest import load_catalog, load_document
    from search.store import corpus_files

    catalog = load_catalog(corpus_dir)
    return [s for f in corpus_files(corpus_dir) for s in load_document(f, catalog).passages]


def split_sentences(text: str) -> list[str]:
    return [s for s in (x.strip() for x in SENTENCE_END.split(text)) if s]


def sentence_pool(texts: list[str]) -> list[str]:
    """Distinct sentences of the seed passages, in first-seen order."""
    return list(dict.fromkeys(s for t in texts for s in split_sentences(t)))


def synthetic_plan(n: int, n_sentences: int, seed: int = 0) -> list[tuple[int, ...]]:
    """For each synthetic passage, the indices of the 1-4 pool sentences it is made of."""
    rng = random.Random(seed)
    return [tuple(rng.randrange(n_sentences) for _ in range(rng.choice((1, 2, 2, 3, 3, 4))))
            for _ in range(n)]


def synthetic_texts(pool: list[str], plan: list[tuple[int, ...]]) -> list[str]:
    return ["".join(pool[i] for i in p) for p in plan]


def synthetic_terms(pool_terms: list[list[str]], plan: list[tuple[int, ...]]) -> list[list[str]]:
    """Terms of each synthetic passage: the concatenated terms of its sentences (each sentence tokenized once)."""
    return [[t for i in p for t in pool_terms[i]] for p in plan]


def synthetic_vectors(n: int, kind: str = "random", seed: int = 0, base: np.ndarray | None = None,
                      dim: int = DIM, chunk: int = 100_000) -> np.ndarray:
    """(n, dim) float32 unit vectors: Gaussian ('random') or noisy means of 2-3 rows of `base` ('recombined')."""
    if kind not in ("random", "recombined"):
        raise ValueError(f"unknown vector kind {kind!r}; choose 'random' or 'recombined'")
    if kind == "recombined" and base is None:
        raise ValueError("'recombined' vectors need the seed embeddings (base)")
    rng = np.random.default_rng(seed)
    out = np.empty((n, dim), np.float32)
    for s in range(0, n, chunk):
        m = min(chunk, n - s)
        if kind == "random":
            x = rng.standard_normal((m, dim), dtype=np.float32)
        else:
            picks = rng.integers(0, len(base), size=(m, 3))
            x = base[picks[:, 0]] + base[picks[:, 1]] + (rng.random((m, 1)) < 0.5) * base[picks[:, 2]]
            x = x.astype(np.float32) + 0.03 * rng.standard_normal((m, dim), dtype=np.float32)
        x /= np.linalg.norm(x, axis=1, keepdims=True)
        out[s:s + m] = x
    return out


def seed_embeddings() -> np.ndarray:
    """The cached real embeddings of the seed passages (from a previous index build)."""
    from search.embed import Encoder
    from search.embed import embed_passages

    texts = [p.text for p in seed_passages()]
    vecs, _ = embed_passages(texts, Encoder.open())
    return vecs


# ---------------------------------------------------------------- helpers
def rss_mb(kind: str = "VmRSS") -> float:
    """Resident memory in MB: VmRSS (all), RssAnon (the process's own memory) or RssFile (pages of
    memory-mapped files: the OS page cache, shared and dropped first under memory pressure)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(kind + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def load() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def dir_mb(path: Path) -> float:
    path = Path(path)
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files) / 2**20


def ivf_nlist(n: int) -> int:
    """IVF lists: about sqrt(n), a power of two, 64..1024 (k-means on 2 cores stays within a minute)."""
    return int(min(1024, max(64, 2 ** round(np.log2(max(n, 1) ** 0.5)))))


def factory_for(name: str, n: int) -> str:
    from search.store import choose_factory

    if name == "auto":
        return choose_factory(n, "auto")
    if name == "IVF-PQ":
        # 4-bit fast-scan PQ (24 bytes a vector); the engine re-scores its candidates exactly. 8-bit PQ48
        # took 80-140 s to train on 10k vectors here (1 or 2 threads), PQ48x4fs 0.4 s
        return f"IVF{ivf_nlist(n)},PQ{DIM // 8}x4fs"
    return name


def recall_at_k(found: np.ndarray, truth: np.ndarray, k: int = K) -> float:
    return float(np.mean([len(set(f[:k]) & set(t[:k])) / k for f, t in zip(found, truth)]))


def search_params(index) -> list[tuple[str, dict]]:
    """The query-time settings to sweep for this index (no rebuild needed)."""
    import faiss

    if hasattr(index, "hnsw"):
        return [(f"efSearch={e}", {"efSearch": e}) for e in (32, 64, 128, 256)]
    if isinstance(index, faiss.IndexRefine):
        return [(f"nprobe={p},k_factor={f}", {"nprobe": p, "k_factor": f})
                for p, f in ((16, 1), (16, 8), (32, 8), (64, 16))]
    try:
        faiss.extract_index_ivf(index)
        return [(f"nprobe={p}", {"nprobe": p}) for p in (8, 16, 32, 64)]
    except RuntimeError:
        return [("exact", {})]


def apply_params(index, params: dict) -> None:
    import faiss

    if "efSearch" in params:
        index.hnsw.efSearch = params["efSearch"]
    if "nprobe" in params:
        faiss.extract_index_ivf(index).nprobe = params["nprobe"]
    if "k_factor" in params:
        index.k_factor = params["k_factor"]


# ---------------------------------------------------------------- vector indexes
def one_vector_config(n: int, name: str, kind: str, n_queries: int) -> dict:
    """Build one index over n synthetic vectors; time, recall@10 against exact search, disk size."""
    import faiss

    from search.store import make_faiss_index, search_vectors

    factory = factory_for(name, n)
    base = seed_embeddings() if kind == "recombined" else None
    xb = synthetic_vectors(n, kind, seed=1, base=base)
    xq = synthetic_vectors(n_queries, kind, seed=2, base=base)
    t = time.perf_counter()
    _, truth = faiss.knn(xq, xb, K, metric=faiss.METRIC_INNER_PRODUCT)
    exact_batch_s = time.perf_counter() - t
    t = time.perf_counter()
    index = make_faiss_index(xb, factory)
    build_s = time.perf_counter() - t
    path = WORK / f"{name}-{n}.faiss"
    WORK.mkdir(parents=True, exist_ok=True)
    faiss.write_index(index, str(path))
    disk = dir_mb(path)
    vec_path = WORK / f"{name}-{n}.npy"
    np.save(vec_path, xb)
    del xb
    gc.collect()
    vectors = np.load(vec_path, mmap_mode="r")          # as the engine reads them
    rows = []
    for label, params in search_params(index):
        apply_params(index, params)
        index.search(xq[:5], K)                          # warm-up
        passes = [(label, 0)] if label == "exact" else [(label, 0), (f"{label} + exact re-rank of {RERANK}", RERANK)]
        for name_, rerank in passes:
            lat, found = [], []
            for q in xq:
                t = time.perf_counter()
                if rerank:                               # as Engine._semantic searches
                    ids = search_vectors(index, vectors.__getitem__, q, rerank)[0][:K]
                else:
                    ids = index.search(q[None, :], K)[1][0]
                lat.append(time.perf_counter() - t)
                found.append(ids)
            rows.append({"params": name_, "p50_ms": statistics.median(lat) * 1000,
                         "p95_ms": pct(lat, 0.95) * 1000, "recall10": recall_at_k(np.array(found), truth)})
    del index, vectors
    gc.collect()
    vec_path.unlink()
    opened = json.loads(subprocess.run([sys.executable, __file__, "_open", str(path)], check=True,
                                       capture_output=True, text=True).stdout)
    path.unlink()
    return {"n": n, "index": name, "factory": factory, "vectors": kind, "build_s": build_s,
            "exact_batch_ms_per_query": exact_batch_s / n_queries * 1000, "disk_mb": disk,
            "open_s": opened["open_s"], "rss_mb": opened["rss_mb"], "search": rows, "load": load()}


def open_index(path: str) -> dict:
    import faiss

    before = rss_mb()
    t = time.perf_counter()
    index = faiss.read_index(path)
    open_s = time.perf_counter() - t
    return {"open_s": open_s, "rss_mb": rss_mb() - before, "ntotal": index.ntotal}


def cmd_vectors(a) -> None:
    print(f"# vectors={a.vectors}, dim={DIM}, {a.queries} single queries each, k={K}; "
          f"faiss threads {__import__('faiss').omp_get_max_threads()}; load {load()}", flush=True)
    print("| passages | index | factory | build s | disk MB | open s | RSS MB | search params | p50 ms | p95 ms "
          "| recall@10 | load |\n|---:|---|---|---:|---:|---:|---:|---|---:|---:|---:|---|", flush=True)
    for n in a.sizes:
        for name in a.indexes:
            if name == "auto" and factory_for("auto", n) in [factory_for(x, n) for x in a.indexes if x != "auto"]:
                continue
            r = json.loads(subprocess.run(
                [sys.executable, __file__, "_one", str(n), name, a.vectors, str(a.queries)],
                check=True, capture_output=True, text=True).stdout)
            for s in r["search"]:
                print(f"| {n:,} | {name} | {r['factory']} | {r['build_s']:.1f} | {r['disk_mb']:.0f} | "
                      f"{r['open_s']:.2f} | {r['rss_mb']:.0f} | {s['params']} | {s['p50_ms']:.2f} | "
                      f"{s['p95_ms']:.2f} | {s['recall10']:.3f} | {r['load']} |", flush=True)
            with open(WORK / "vectors.jsonl", "a") as f:
                f.write(json.dumps(r) + "\n")


# ---------------------------------------------------------------- BM25
def dev_queries() -> list[str]:
    return [q["query"] for q in json.loads(DEV.read_text(encoding="utf-8"))["queries"]]


def keyword_scores(bm25, weights: dict[str, float], n: int) -> np.ndarray:
    scores = np.zeros(n, dtype=np.float32)
    for term, w in weights.items():
        scores += w * bm25.get_scores([term])
    return scores


def top_sorted(scores: np.ndarray, k: int) -> np.ndarray:
    return np.argsort(-scores)[:k]


def top_partition(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    part = np.argpartition(-scores, k - 1)[:k]
    return part[np.argsort(-scores[part])]


def cmd_bm25(a) -> None:
    import bm25s

    from search import text

    pool = sentence_pool([p.text for p in seed_passages()])
    pool_terms = [text.terms(s) for s in pool]
    queries = dev_queries()
    print(f"# {len(pool)} seed sentences; {len(queries)} dev queries x {a.repeat}; top 200 as the engine asks; "
          f"load {load()}", flush=True)
    print("| passages | build s | disk MB | load s (mmap) | RSS after load MB | scores p50 ms | + argsort p50/p95 ms "
          "| + argpartition p50/p95 ms | load |\n|---:|---:|---:|---:|---:|---:|---:|---:|---|", flush=True)
    for n in a.sizes:
        plan = synthetic_plan(n, len(pool), seed=3)
        corpus_terms = synthetic_terms(pool_terms, plan)
        del plan
        t = time.perf_counter()
        retriever = bm25s.BM25()
        retriever.index([t_ or [""] for t_ in corpus_terms], show_progress=False)
        build_s = time.perf_counter() - t
        path = WORK / f"bm25-{n}"
        shutil.rmtree(path, ignore_errors=True)
        retriever.save(str(path), show_progress=False)
        del retriever, corpus_terms
        gc.collect()
        r = json.loads(subprocess.run([sys.executable, __file__, "_bm25q", str(path), str(n), str(a.repeat)],
                                      check=True, capture_output=True, text=True).stdout)
        print(f"| {n:,} | {build_s:.1f} | {dir_mb(path):.0f} | {r['load_s']:.2f} | {r['rss_mb']:.0f} | "
              f"{r['scores'][0]:.1f} | {r['sorted'][0]:.1f} / {r['sorted'][1]:.1f} | "
              f"{r['part'][0]:.1f} / {r['part'][1]:.1f} | {load()} |", flush=True)
        shutil.rmtree(path, ignore_errors=True)


def bm25_queries(path: str, n: int, repeat: int) -> dict:
    import bm25s

    from search.glossary import Glossary
    from search.retrieval.plan import query_concepts

    glossary = Glossary.load()
    weights = [{t: w for c in query_concepts(q, glossary) for wording, w in c.items() for t in wording}
               for q in dev_queries()]
    before = rss_mb()
    t = time.perf_counter()
    bm25 = bm25s.BM25.load(path, show_progress=False, mmap=True)
    load_s = time.perf_counter() - t
    vocab = bm25.vocab_dict
    weights = [{t: w for t, w in ws.items() if t in vocab} for ws in weights]
    times = {"scores": [], "sorted": [], "part": []}
    keyword_scores(bm25, weights[0], n)
    for _ in range(repeat):
        for ws in weights:
            t = time.perf_counter()
            s = keyword_scores(bm25, ws, n)
            t1 = time.perf_counter()
            a_ = top_sorted(s, 200)
            t2 = time.perf_counter()
            b_ = top_partition(s, 200)
            t3 = time.perf_counter()
            assert set(s[a_]) == set(s[b_]) or len(s) < 200
            times["scores"].append(t1 - t)
            times["sorted"].append(t2 - t)
            times["part"].append(t1 - t + t3 - t2)
    return {"load_s": load_s, "rss_mb": rss_mb() - before,
            **{k: [statistics.median(v) * 1000, pct(v, 0.95) * 1000] for k, v in times.items()}}


# ---------------------------------------------------------------- the app on a synthetic index folder
def write_synthetic_index(index_dir: Path, n: int, kind: str, factory_setting: str | None = None) -> dict:
    """A complete index folder (meta.sqlite, vectors, FAISS, BM25, manifest) of n synthetic passages."""
    import faiss

    from search import text
    from search.embed import Encoder
    from search.model import DEFAULT_MODEL_NAME
    from search.records import Document, ParsedDocument, Passage, Remark
    from search.store import FORMAT_VERSION, _write_bm25, _write_meta, choose_factory, make_faiss_index

    seeds = seed_passages()
    pool = sentence_pool([p.text for p in seeds])
    pool_terms = [text.terms(s) for s in pool]
    speakers = sorted({(p.speaker, p.role) for p in seeds if p.speaker})
    plan = synthetic_plan(n, len(pool), seed=3)
    rng = random.Random(4)
    parsed, per_doc, per_remark = [], 100, 3
    for d0 in range(0, n, per_doc):
        doc = f"synthetic-{d0 // per_doc:06d}.txt"
        texts = synthetic_texts(pool, plan[d0:d0 + per_doc])
        full, offsets, pos = [], [], 0
        for t in texts:
            offsets.append((pos, pos + len(t)))
            full.append(t)
            pos += len(t) + 1
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        document = Document(doc=doc, title=f"合成会議 第{d0 // per_doc + 1}回 (synthetic)", doc_type="minutes",
                            text="\n".join(full), meeting="合成会議 (synthetic)", meeting_number=d0 // per_doc + 1,
                            date=date, fiscal_year=int(date[:4]), source="synthetic: recombined seed sentences")
        remarks, passages = [], []
        for r0 in range(0, len(texts), per_remark):
            speaker, role = rng.choice(speakers)
            rid = f"{doc}#{r0 // per_remark}"
            paras = texts[r0:r0 + per_remark]
            remarks.append(Remark(remark_id=rid, doc=doc, order=r0 // per_remark, speaker=speaker, role=role,
                                  section=None, text="\n".join(paras), paragraphs=paras,
                                  start=offsets[r0][0], end=offsets[min(r0 + per_remark, len(texts)) - 1][1]))
            for j, t in enumerate(paras):
                s, e = offsets[r0 + j]
                passages.append(Passage(passage_id=f"{rid}/{j}", remark_id=rid, doc=doc, order=j, text=t,
                                        start=s, end=e, speaker=speaker, role=role))
        parsed.append(ParsedDocument(document=document, remarks=remarks, passages=passages))
    stamp = f"synthetic-{n}"
    live = index_dir / f"v-{stamp}"
    shutil.rmtree(index_dir, ignore_errors=True)
    live.mkdir(parents=True)
    timings = {}
    t = time.perf_counter()
    _write_meta(live / "meta.sqlite", parsed)
    timings["meta_s"] = time.perf_counter() - t
    del parsed
    base = seed_embeddings() if kind == "recombined" else None
    vectors = synthetic_vectors(n, kind, seed=1, base=base)
    np.save(live / "vectors.npy", vectors)
    chosen = choose_factory(n, factory_setting)
    t = time.perf_counter()
    faiss.write_index(make_faiss_index(vectors, chosen), str(live / "vectors.faiss"))
    timings["faiss_s"] = time.perf_counter() - t
    del vectors
    t = time.perf_counter()
    _write_bm25(live / "bm25", synthetic_terms(pool_terms, plan))
    timings["bm25_s"] = time.perf_counter() - t
    enc = Encoder.open()
    manifest = {"format_version": FORMAT_VERSION, "version": stamp, "model": DEFAULT_MODEL_NAME, "dim": DIM,
                "query_prefix": enc.query_prefix, "passage_prefix": enc.passage_prefix,
                "normalizer_version": text.NORMALIZER_VERSION, "index_factory": chosen, "files": {},
                "errors": [], "documents": -(-n // per_doc), "remarks": None, "passages": n,
                "synthetic": f"recombined seed sentences; {kind} vectors", "built_at": time.strftime("%Y-%m-%dT%H:%M:%S")}
    (live / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    (index_dir / "CURRENT").write_text(live.name)
    return {"factory": chosen, **timings}


def app_queries(index_dir: str, repeat: int) -> dict:
    from search.embed import Encoder
    from search.engine import Engine

    encoder = Encoder.open()
    encoder.encode_queries(["warm-up"])
    before = rss_mb()
    before_anon, before_file = rss_mb("RssAnon"), rss_mb("RssFile")
    t = time.perf_counter()
    engine = Engine.open(index_dir)
    engine._encoder = encoder   # synthetic vectors: the query encoder (GIJI_BACKEND) only sets the latency
    open_s = time.perf_counter() - t
    rss_open = rss_mb() - before
    queries = dev_queries()
    speaker = engine.speakers()[0][0]
    out = {"open_s": open_s, "rss_open_mb": rss_open, "encoder": encoder.name}
    for label, kw in (("hybrid", {}), ("hybrid, speaker filter", {"speakers": [speaker]}),
                      ("hybrid, date filter", {"date_from": "2020-01-01", "date_to": "2020-12-31"})):
        engine.search(queries[0], **kw)
        stages: dict[str, list[float]] = {}
        for _ in range(repeat):
            for q in queries:
                t = time.perf_counter()
                hits = engine.search(q, k=10, **kw)
                stages.setdefault("total", []).append(time.perf_counter() - t)
                for s, v in hits.timings.items():
                    stages.setdefault(s, []).append(v)
        out[label] = {s: [statistics.median(v) * 1000, pct(v, 0.95) * 1000] for s, v in stages.items()}
    out["rss_total_mb"] = rss_mb()
    out["rss_engine_mb"] = out["rss_total_mb"] - before     # the index's share, pages touched by queries included
    out["rss_engine_anon_mb"] = rss_mb("RssAnon") - before_anon
    out["rss_engine_file_mb"] = rss_mb("RssFile") - before_file
    out["rss_model_mb"] = before
    return out


def cmd_app(a) -> None:
    index_dir = WORK / f"app-{a.size}"
    if a.reuse and (index_dir / "CURRENT").exists():
        built = json.loads((index_dir / "built.json").read_text())
    else:
        t = time.perf_counter()
        built = write_synthetic_index(index_dir, a.size, a.vectors, a.factory)
        built["build_s"] = time.perf_counter() - t
        (index_dir / "built.json").write_text(json.dumps(built))
    disk = dir_mb(index_dir)
    gc.collect()
    r = json.loads(subprocess.run([sys.executable, __file__, "_app", str(index_dir), str(a.repeat)],
                                  check=True, capture_output=True, text=True).stdout)
    print(f"# {a.size:,} synthetic passages ({a.vectors} vectors), index {built['factory']}; written in "
          f"{built['build_s']:.0f} s (meta {built['meta_s']:.0f} s, FAISS {built['faiss_s']:.0f} s, "
          f"BM25 {built['bm25_s']:.0f} s){' (reused)' if a.reuse else ''}; {disk:.0f} MB on disk "
          f"({disk / a.size * 1000:.2f} MB per 1k passages); load {load()}")
    print(f"# query encoder: {r['encoder']}")
    print(f"# Engine.open {r['open_s']:.2f} s, +{r['rss_open_mb']:.0f} MB RSS "
          f"({r['rss_open_mb'] / a.size * 1000:.2f} MB per 1k); after the queries the index holds "
          f"+{r['rss_engine_mb']:.0f} MB RSS (+{r['rss_engine_anon_mb']:.0f} MB own memory, "
          f"+{r['rss_engine_file_mb']:.0f} MB memory-mapped file pages); process {r['rss_total_mb']:.0f} MB RSS, "
          f"of which the model and libraries {r['rss_model_mb']:.0f} MB")
    stages = ["filters", "query_embedding", "vector_search", "keyword_search", "fusion", "metadata", "total"]
    print("| search | " + " | ".join(stages) + " |\n|---|" + "---:|" * len(stages))
    for label in ("hybrid", "hybrid, speaker filter", "hybrid, date filter"):
        cells = [f"{r[label][s][0]:.1f} / {r[label][s][1]:.1f}" if s in r[label] else "-" for s in stages]
        print(f"| {label} (p50 / p95 ms) | " + " | ".join(cells) + " |")
    if not a.keep:
        shutil.rmtree(index_dir, ignore_errors=True)


def cmd_recall(a) -> None:
    """Recall@10 of an index folder's FAISS index, searched as the engine searches (search_vectors:
    200 candidates re-scored with the exact vectors), against exact search over its vectors.npy."""
    import faiss

    from search.store import Store, search_vectors

    store = Store.open(a.index)
    xb = np.asarray(store.vectors)
    base = seed_embeddings() if a.vectors == "recombined" else None
    xq = synthetic_vectors(a.queries, a.vectors, seed=2, base=base)
    _, truth = faiss.knn(xq, xb, K, metric=faiss.METRIC_INNER_PRODUCT)
    lat, found = [], []
    for q in xq:
        t = time.perf_counter()
        found.append(search_vectors(store.faiss, store.read_vectors, q, RERANK)[0][:K])
        lat.append(time.perf_counter() - t)
    print(f"| {store.n_passages:,} | {store.manifest['index_factory']} | {a.queries} {a.vectors} queries | "
          f"{statistics.median(lat) * 1000:.2f} | {pct(lat, 0.95) * 1000:.2f} | {recall_at_k(np.array(found), truth):.3f} "
          f"| {load()} |")


# ---------------------------------------------------------------- CLI
def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_one":
        print(json.dumps(one_vector_config(int(argv[1]), argv[2], argv[3], int(argv[4]))))
        return 0
    if argv and argv[0] == "_open":
        print(json.dumps(open_index(argv[1])))
        return 0
    if argv and argv[0] == "_bm25q":
        print(json.dumps(bm25_queries(argv[1], int(argv[2]), int(argv[3]))))
        return 0
    if argv and argv[0] == "_app":
        print(json.dumps(app_queries(argv[1], int(argv[2]))))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    v = sub.add_parser("vectors", help="Flat / HNSW / IVF-PQ: build, latency, recall@10, RSS, disk, open time")
    v.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    v.add_argument("--indexes", nargs="+", default=["Flat", "HNSW32", "IVF-PQ", "auto"])
    v.add_argument("--vectors", choices=["random", "recombined"], default="random")
    v.add_argument("--queries", type=int, default=200)
    b = sub.add_parser("bm25", help="bm25s build, load (mmap), query latency")
    b.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    b.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("app", help="a complete synthetic index folder opened and queried by the Engine")
    p.add_argument("--size", type=int, default=100_000)
    p.add_argument("--vectors", choices=["random", "recombined"], default="random")
    p.add_argument("--factory", default=None, help="index_factory setting (default: the setting, 'auto')")
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--keep", action="store_true", help="keep the index folder under $SCALE_WORK")
    p.add_argument("--reuse", action="store_true", help="query the folder a --keep run left instead of writing it")
    r = sub.add_parser("recall", help="recall@10 of an index folder as the engine searches it")
    r.add_argument("index")
    r.add_argument("--vectors", choices=["random", "recombined"], default="recombined",
                   help="how to draw the queries (as the index's vectors were made)")
    r.add_argument("--queries", type=int, default=200)
    a = ap.parse_args(argv)
    {"vectors": cmd_vectors, "bm25": cmd_bm25, "app": cmd_app, "recall": cmd_recall}[a.cmd](a)
    return 0


if __name__ == "__main__":
    sys.exit(main())
