"""類似の発言 on the dev set: for each relevant remark of a query, are the query's other relevant remarks among its
similar ones? Compares Engine.similar on the remark's mean vector with similar(passage_id=…), the clicked passage's.

    .venv/bin/python bench/similar.py [--index DIR] [-k 5]
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
    ap.add_argument("--index", default=str(ROOT / "index" / "default"))
    ap.add_argument("-k", type=int, default=5)
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(EVAL))
    from evaluate import norm

    from search.cli import main as cli
    from search.engine import Engine

    if cli(["index", str(ROOT / "corpus"), "--index", a.index, "--if-needed"]) != 0:
        return 1
    engine = Engine.open(a.index)
    passages = engine.passages()
    normed = [norm(p.text) for p in passages]
    queries = json.loads((EVAL / "dev.json").read_text(encoding="utf-8"))["queries"]
    totals = {"remark mean (Engine.similar)": [0, 0], "clicked passage": [0, 0]}
    pairs_by_query = []
    for q in queries:
        found = {}                                   # remark_id -> row of the passage holding the evidence
        for item in q["relevant"]:
            ev = norm(item["evidence"])
            row = next((i for i, t in enumerate(normed) if ev and ev in t), None)
            if row is not None:
                found.setdefault(passages[row].remark_id, row)
        if len(found) < 2:
            continue
        hit = {name: 0 for name in totals}
        n = 0
        for rid, row in found.items():
            others = set(found) - {rid}
            lists = {"remark mean (Engine.similar)": [h.remark.remark_id for h in engine.similar(rid, k=a.k)],
                     "clicked passage": [h.remark.remark_id for h in
                                         engine.similar(rid, k=a.k, passage_id=passages[row].passage_id)]}
            for name, similar in lists.items():
                got = len(others & set(similar))
                totals[name][0] += got
                totals[name][1] += len(others)
                hit[name] += got
            n += len(others)
        pairs_by_query.append((q["id"], n, hit))
    print(f"| query | pairs | " + " | ".join(totals) + " |")
    print("|---|---:|" + "---:|" * len(totals))
    for qid, n, hit in pairs_by_query:
        print(f"| {qid} | {n} | " + " | ".join(str(hit[name]) for name in totals) + " |")
    for name, (got, of) in totals.items():
        print(f"{name}: {got}/{of} = {got / of:.3f} of the other relevant remarks among the top {a.k} similar")
    return 0


if __name__ == "__main__":
    sys.exit(main())
