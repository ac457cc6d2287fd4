"""FAISS + bm25s vs Milvus Lite: build time, query latency and memory at scale, and the dev benchmark on both stores.

    .venv/bin/python bench/milvus.py scale --sizes 10000 100000     # synthetic passages (bench/scale.py), one run
    .venv/bin/python bench/milvus.py dev                            # the seed corpus: nDCG@10 and rankings' overlap

scale: each store and size is built in one subprocess and queried in another (memory measured cleanly): the
30 dev queries' keyword side (the engine's rule: bm25s postings / milvus_keyword) and a dense search for a
random unit vector each (synthetic vectors: no model needed), without and with a speaker filter, 200 candidates
as the engine asks. dev: the seed corpus indexed into both stores, searched by Engine.open of each (on
Milvus the same Engine: its semantic and keyword sides through the Milvus store) and scored by ../shared/eval/evaluate.py
like bench/quality.py.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
EVAL = ROOT.parent / "shared" / "eval"
WORK = Path(os.environ.get("SCALE_WORK", "/tmp/giji-milvus-bench"))
N = 200                     # candidates a side (search.engine.CANDIDATES)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


# ---------------------------------------------------------------- synthetic corpus
def synthetic_corpus(n: int):
    """n synthetic passages (recombined seed sentences) as parsed documents of 100, their terms and vectors."""
    from scale import seed_passages, sentence_pool, synthetic_plan, synthetic_terms, synthetic_texts, synthetic_vectors

    from search import text
    from search.records import Document, ParsedDocument, Passage, Remark

    seeds = seed_passages()
    pool = sentence_pool([p.text for p in seeds])
    plan = synthetic_plan(n, len(pool), seed=3)
    texts = synthetic_texts(pool, plan)
    speakers = sorted({p.speaker for p in seeds if p.speaker})
    rng = random.Random(4)
    parsed = []
    for d0 in range(0, n, 100):
        doc = f"synthetic-{d0 // 100:06d}.txt"
        date = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        document = Document(doc=doc, title=f"合成会議 第{d0 // 100 + 1}回 (synthetic)", doc_type="minutes", text="",
                            date=date)
        remarks, passages = [], []
        for i in range(d0, min(d0 + 100, n)):
            rid, speaker = f"{doc}#{i - d0}", rng.choice(speakers)
            remarks.append(Remark(remark_id=rid, doc=doc, order=i - d0, speaker=speaker, role=None, section=None,
                                  text=texts[i], paragraphs=[texts[i]], start=0, end=0))
            passages.append(Passage(passage_id=f"{rid}/0", remark_id=rid, doc=doc, order=0, text=texts[i],
                                    start=0, end=0, speaker=speaker))
        parsed.append(ParsedDocument(document=document, remarks=remarks, passages=passages))
    terms = synthetic_terms([text.terms(s) for s in pool], plan)
    return parsed, terms, synthetic_vectors(n, "random", seed=1)


def build(store: str, n: int) -> dict:
    """One index folder of n synthetic passages with its vectors in `store`; the vector + keyword write timed."""
    from search import text
    from search.store import FORMAT_VERSION, _write_bm25, _write_meta, choose_factory, make_faiss_index

    parsed, terms, vectors = synthetic_corpus(n)
    index_dir = WORK / f"{store}-{n}"
    shutil.rmtree(index_dir, ignore_errors=True)
    stamp = f"20260101-000000-synthetic-{n}"
    live = index_dir / f"v-{stamp}"
    live.mkdir(parents=True)
    _write_meta(live / "meta.sqlite", parsed)
    manifest = {"format_version": FORMAT_VERSION, "version": stamp, "model": "synthetic", "dim": vectors.shape[1],
                "normalizer_version": text.NORMALIZER_VERSION, "store": store, "passages": n}
    t = time.perf_counter()
    if store == "milvus":
        from search import milvus_store

        uri, manifest["milvus"] = milvus_store.milvus_target(index_dir, None)
        manifest = milvus_store.write_milvus_version(parsed, vectors, terms, manifest, uri, live)
        (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
        milvus_store.switch_alias(manifest, uri)
    else:
        import faiss

        manifest["index_factory"] = choose_factory(n, "auto")
        np.save(live / "vectors.npy", vectors)
        faiss.write_index(make_faiss_index(vectors, manifest["index_factory"]), str(live / "vectors.faiss"))
        _write_bm25(live / "bm25", terms)
        (live / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    build_s = time.perf_counter() - t
    (index_dir / "CURRENT").write_text(live.name)
    disk = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file()) / 2**20
    return {"build_s": build_s, "disk_mb": disk, "index": manifest.get("index_factory")}


def query(store: str, n: int, repeat: int) -> dict:
    """Open the store and time the keyword and dense sides on the dev queries; RSS the store added."""
    from scale import dev_queries, rss_mb, synthetic_vectors

    from search import text
    from search.engine import Engine
    from search.retrieval import keyword as keyword_side
    from search.retrieval.plan import QueryPlan
    from search.retrieval.seam import Where
    from search.store import Store

    text.terms("ウォームアップ")                                          # the tokenizer, loaded before measuring
    before = rss_mb()
    t = time.perf_counter()
    s = Store.open(WORK / f"{store}-{n}")
    open_s = time.perf_counter() - t
    engine = Engine(s)
    queries = dev_queries()
    vectors = synthetic_vectors(len(queries), "random", seed=2)
    speaker = max(s.speaker_labels, key=lambda lab: lab or "")
    where = Where(speakers=frozenset({speaker}))
    allowed = s.allowed_rows(where)

    def keyword(q, filtered):           # the same call on both stores, through the seam
        plan = QueryPlan(q, engine.glossary, s, engine.params)
        return keyword_side.search(plan, allowed if filtered else None, N, where if filtered else None)

    def dense(v, filtered):
        return s.dense(v, N, where if filtered else None)

    out = {"open_s": open_s}
    for label, side, filtered in (("keyword", keyword, False), ("keyword, speaker filter", keyword, True),
                                  ("dense", dense, False), ("dense, speaker filter", dense, True)):
        inputs = queries if side is keyword else list(vectors)
        side(inputs[0], filtered)
        times = []
        for _ in range(repeat):
            for x in inputs:
                t = time.perf_counter()
                side(x, filtered)
                times.append(time.perf_counter() - t)
        out[label] = [statistics.median(times) * 1000, pct(times, 0.95) * 1000]
    out["rss_mb"] = rss_mb() - before
    out["allowed"] = int(len(allowed))
    return out


def cmd_scale(a) -> None:
    print("| passages | store | index | build s (vectors + keyword) | disk MB | open s | RSS MB | keyword p50/p95 ms "
          "| keyword+filter | dense p50/p95 ms | dense+filter |")
    print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n in a.sizes:
        for store in ("faiss", "milvus"):
            b = json.loads(subprocess.run([sys.executable, __file__, "_build", store, str(n)], check=True,
                                          capture_output=True, text=True).stdout.splitlines()[-1])
            q = json.loads(subprocess.run([sys.executable, __file__, "_query", store, str(n), str(a.repeat)],
                                          check=True, capture_output=True, text=True).stdout.splitlines()[-1])
            cells = " | ".join(f"{q[k][0]:.1f} / {q[k][1]:.1f}" for k in
                               ("keyword", "keyword, speaker filter", "dense", "dense, speaker filter"))
            print(f"| {n:,} | {store} | {b['index']} | {b['build_s']:.1f} | {b['disk_mb']:.0f} | {q['open_s']:.2f} | "
                  f"{q['rss_mb']:.0f} | {cells} |", flush=True)
            shutil.rmtree(WORK / f"{store}-{n}", ignore_errors=True)
    print(f"\nfilter: one speaker, {q['allowed']:,} of {n:,} rows at the last size; load {os.getloadavg()[0]:.2f}")


# ---------------------------------------------------------------- dev benchmark
def run_dev(engine, mode: str, out: Path) -> list[list[str]]:
    queries = json.loads((EVAL / "dev.json").read_text(encoding="utf-8"))["queries"]
    tops = []
    with open(out, "w", encoding="utf-8") as f:
        for q in queries:
            speaker = (q.get("filters") or {}).get("speaker")
            hits = engine.search(q["query"], mode=mode, speakers=[speaker] if speaker else None, k=20)
            tops.append([h.passage.passage_id for h in hits[:10]])
            f.write(json.dumps({"id": q["id"], "hits": [{"text": h.text, "speaker": h.speaker, "doc": h.doc,
                                                          "score": h.score} for h in hits]}, ensure_ascii=False) + "\n")
    return tops


def ndcg(run: Path) -> float:
    out = subprocess.run([sys.executable, str(EVAL / "evaluate.py"), str(EVAL / "dev.json"), str(run),
                          "--k", "10", "--json", "-"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)["summary"]["overall"]["ndcg"]


def cmd_dev(a) -> None:
    from search.embed import Encoder
    from search.engine import Engine
    from search.store import build_index

    encoder = Encoder.open()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        build_index(ROOT / "corpus", tmp / "faiss", encoder=encoder)
        os.environ["GIJI_STORE"] = "milvus"
        build_index(ROOT / "corpus", tmp / "milvus", encoder=encoder)
        del os.environ["GIJI_STORE"]
        engines = {"faiss": Engine.open(tmp / "faiss", encoder=encoder),
                   "milvus": Engine.open(tmp / "milvus", encoder=encoder)}
        assert [p.passage_id for p in engines["faiss"].passages()] == [p.passage_id for p in engines["milvus"].passages()]
        print("| mode | FAISS nDCG@10 | Milvus nDCG@10 | difference | top-10 overlap (mean Jaccard) "
              "| queries with identical top 10 |")
        print("|---|---:|---:|---:|---:|---:|")
        for mode in ("hybrid", "semantic", "keyword"):
            scores, tops = {}, {}
            for name, engine in engines.items():
                tops[name] = run_dev(engine, mode, tmp / f"{name}-{mode}.jsonl")
                scores[name] = ndcg(tmp / f"{name}-{mode}.jsonl")
            overlap = [len(set(x) & set(y)) / max(1, len(set(x) | set(y))) for x, y in zip(*tops.values())]
            same = sum(x == y for x, y in zip(*tops.values()))
            print(f"| {mode} | {scores['faiss']:.3f} | {scores['milvus']:.3f} | {scores['milvus'] - scores['faiss']:+.3f} "
                  f"| {statistics.mean(overlap):.3f} | {same} / {len(overlap)} |", flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scale")
    s.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    s.add_argument("--repeat", type=int, default=2)
    sub.add_parser("dev")
    b = sub.add_parser("_build")
    b.add_argument("store")
    b.add_argument("n", type=int)
    q = sub.add_parser("_query")
    q.add_argument("store")
    q.add_argument("n", type=int)
    q.add_argument("repeat", type=int)
    a = ap.parse_args()
    if a.command == "scale":
        cmd_scale(a)
    elif a.command == "dev":
        cmd_dev(a)
    elif a.command == "_build":
        print(json.dumps(build(a.store, a.n)))
    else:
        print(json.dumps(query(a.store, a.n, a.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
