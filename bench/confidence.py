"""The weak-match line on the dev queries (no relevant hit may fall behind it) and on nonsense (it must appear).

    .venv/bin/python bench/confidence.py [--index DIR] [--judgments FILE] [--nonsense bench/nonsense.json] [-k 10]

Without --index the seed corpus is indexed (if needed) into index/default and scored with the dev set. The
archive: build its index with bench/archive.py, then
    GIJI_BACKEND=onnx-int8 .venv/bin/python bench/confidence.py \
        --index index/bench-archive/index-onnx-int8 --judgments bench/archive.json
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=None, help="an index to score as it is (default: the seed's, updated)")
    ap.add_argument("--judgments", default=str(EVAL / "dev.json"))
    ap.add_argument("--nonsense", default=str(ROOT / "bench" / "nonsense.json"))
    ap.add_argument("-k", type=int, default=10)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(EVAL))
    from evaluate import norm

    from search.cli import main as cli
    from search.confidence import null_best_z
    from search.engine import Engine

    index = a.index or str(ROOT / "index" / "default")
    if a.index is None and cli(["index", str(ROOT / "corpus"), "--index", index, "--if-needed"]) != 0:
        return 1
    engine = Engine.open(index)
    dev = json.loads(Path(a.judgments).read_text(encoding="utf-8"))["queries"]
    nonsense = json.loads(Path(a.nonsense).read_text(encoding="utf-8"))["queries"]
    n = len(engine.passages())
    print(f"{n} passages; a best passage stands out above z = {null_best_z(n):.2f} + margin\n")
    print("| id | query | best z | keyword conf. | agreement | weak? | relevant in top k |")
    print("|---|---|---:|---:|---:|---|---:|")
    kept = flagged = 0
    for q in dev + nonsense:
        speaker = (q.get("filters") or {}).get("speaker")
        hits = engine.search(q["query"], k=a.k, mode="hybrid", speakers=[speaker] if speaker else None)
        verdict = hits.verdict
        ev = verdict.evidence
        relevant = [norm(it["evidence"]) for it in q.get("relevant", [])]
        found = 0
        if relevant:
            found = sum(any(e and e in norm(h.text) for e in relevant) for h in hits)
            kept += not (verdict.weak and found)
        else:
            flagged += verdict.weak
        print(f"| {q['id']} | {q['query'][:24]} | {ev.best_z:.2f} | {ev.keyword_confidence:.2f} | "
              f"{ev.agreement:.2f} | {'weak' if verdict.weak else verdict.reason} | {found if relevant else '-'} |")
    print(f"\n{Path(a.judgments).stem}: {kept}/{len(dev)} queries keep every relevant hit of their top {a.k} above the line")
    print(f"nonsense / off-topic: {flagged}/{len(nonsense)} queries get the weak-match line")
    return 0


if __name__ == "__main__":
    sys.exit(main())
