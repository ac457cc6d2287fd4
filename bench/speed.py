"""Speed on the seed corpus: index build (cold and warm cache), warm query latency by stage, peak memory.

    .venv/bin/python bench/speed.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.json"


class FreshCacheEncoder:
    """The real encoder under a one-off cache name, so the build embeds every passage (a cold build)."""

    def __init__(self, encoder):
        self.inner = encoder
        self.name = f"{encoder.name}#bench-{time.time_ns()}"
        self.dim, self.query_prefix, self.passage_prefix = encoder.dim, encoder.query_prefix, encoder.passage_prefix

    def encode_passages(self, texts, **kw):
        return self.inner.encode_passages(texts, **kw)


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from search.embed import Encoder
    from search.engine import Engine
    from search import settings
    from search.embed import _slug
    from search.store import build_index

    t = time.perf_counter()
    encoder = Encoder.open()
    load_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        cold_enc = FreshCacheEncoder(encoder)
        cold = build_index(ROOT / "corpus", Path(tmp) / "cold", encoder=cold_enc)
        (Path(settings.get("model_cache")) / "embeddings" / f"{_slug(cold_enc.name)}.sqlite").unlink(missing_ok=True)
        warm = build_index(ROOT / "corpus", Path(tmp) / "warm", encoder=encoder)
        t = time.perf_counter()
        engine = Engine.open(Path(tmp) / "warm", encoder=encoder)
        open_s = time.perf_counter() - t
        queries = [q["query"] for q in json.loads(DEV.read_text(encoding="utf-8"))["queries"]]
        engine.search(queries[0])                       # warm-up
        totals: dict[str, list[float]] = {}
        for _ in range(a.repeat):
            for q in queries:
                t = time.perf_counter()
                hits = engine.search(q, k=10)
                totals.setdefault("total", []).append(time.perf_counter() - t)
                for stage, s in hits.timings.items():
                    totals.setdefault(stage, []).append(s)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"model load: {load_s:.1f} s; index open: {open_s * 1000:.0f} ms")
    print(f"cold build: {cold.seconds:.1f} s for {cold.passages} passages "
          f"({cold.embedded / max(cold.seconds, 1e-9):.1f} passages/s overall)")
    print(f"warm build (all embeddings cached): {warm.seconds:.1f} s")
    print(f"\n| stage | p50 ms | p95 ms |\n|---|---:|---:|")
    for stage in ["query_embedding", "vector_search", "keyword_search", "fusion", "metadata", "filters", "total"]:
        if stage in totals:
            xs = totals[stage]
            print(f"| {stage} | {statistics.median(xs) * 1000:.1f} | {pct(xs, 0.95) * 1000:.1f} |")
    print(f"\n{len(totals['total'])} hybrid queries (30 dev queries x {a.repeat}), k=10; peak RSS {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
