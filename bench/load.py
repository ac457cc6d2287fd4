"""A shared server's load: N concurrent searches through one Engine for a while, with an index rebuild + swap mid-run.

    .venv/bin/python bench/load.py [--clients 1 4 16] [--seconds 60] [--index DIR]

One process, one Engine and one model, as the app shares them between sessions (st.cache_resource). N
threads each search the 30 dev queries (hybrid, k 10, each query's speaker filter) round-robin until the
time is up; throughput counts completed searches per second, latency is per search. Halfway through each
run another thread rebuilds the index folder (the seed corpus, vectors from the embedding cache) and
swaps it in, as an upload by one user does: searches on the open engine must go on without an error, and
an engine opened afterwards must see the new version. Loopback only: nothing leaves the process.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEV = ROOT.parent / "shared" / "eval" / "dev.json"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def run(engine, queries: list[dict], clients: int, seconds: float, rebuild) -> dict:
    latencies: list[list[float]] = [[] for _ in range(clients)]
    errors: list[str] = []
    stop = time.perf_counter() + seconds

    def client(i: int) -> None:
        j = i
        while time.perf_counter() < stop:
            q = queries[j % len(queries)]
            speaker = (q.get("filters") or {}).get("speaker")
            t = time.perf_counter()
            try:
                engine.search(q["query"], speakers=[speaker] if speaker else None, k=10)
            except Exception as e:          # any failure of a search in flight is what this run looks for
                errors.append(f"{type(e).__name__}: {e}")
            latencies[i].append(time.perf_counter() - t)
            j += clients

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    time.sleep(seconds / 2)
    swap = rebuild()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - started
    flat = [x for lat in latencies for x in lat]
    return {"clients": clients, "searches": len(flat), "per_s": len(flat) / elapsed,
            "p50_ms": statistics.median(flat) * 1000, "p95_ms": pct(flat, 0.95) * 1000,
            "errors": errors, **swap}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, nargs="+", default=[1, 4, 16])
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--index", help="index folder to use (default: a fresh one of the seed corpus in /tmp)")
    a = ap.parse_args()

    from search.embed import Encoder
    from search.engine import Engine
    from search.store import build_index, read_manifest

    queries = json.loads(DEV.read_text(encoding="utf-8"))["queries"]
    encoder = Encoder.open()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(a.index or Path(tmp) / "index")
        build_index(ROOT / "corpus", index, encoder=encoder)
        print("| concurrent searches | searches | per second | p50 ms | p95 ms | errors | swap mid-run |")
        print("|---:|---:|---:|---:|---:|---:|---|")
        for n in a.clients:
            engine = Engine.open(index, encoder=encoder)
            engine.search(queries[0]["query"])

            def rebuild() -> dict:
                before = read_manifest(index)["version"]
                t = time.perf_counter()
                build_index(ROOT / "corpus", index, encoder=encoder)
                after = Engine.open(index, encoder=encoder).version
                return {"swap_s": time.perf_counter() - t, "swapped": after != before and after != engine.version}

            r = run(engine, queries, n, a.seconds, rebuild)
            print(f"| {n} | {r['searches']} | {r['per_s']:.1f} | {r['p50_ms']:.0f} | {r['p95_ms']:.0f} | "
                  f"{len(r['errors'])} | {'new version seen' if r['swapped'] else 'NOT SEEN'} after "
                  f"{r['swap_s']:.1f} s |", flush=True)
            for e in r["errors"][:3]:
                print(f"  error: {e}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
