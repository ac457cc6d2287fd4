"""How well 類似の発言 (Engine.similar) finds a query's other relevant remarks, on a judgments file.

    .venv/bin/python bench/similar.py [--index DIR] [--judgments ../shared/eval/dev.json] [-k 5]

For every query with two or more relevant remarks, each relevant remark's similar remarks are asked for (from
the whole remark, and from the passage holding the evidence, as a result card asks); the score is the share of
the query's other relevant remarks among them (recall@k), averaged over the remarks asked from. Evidence strings
are mapped to passages by the shared evaluator's norm()."""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def evaluator():
    spec = importlib.util.spec_from_file_location("shared_evaluate", ROOT.parent / "shared" / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def relevant_remarks(engine, judgments: dict, norm) -> dict[str, dict[str, str]]:
    """query id -> {remark id: the id of a passage holding one of its relevant evidence strings}."""
    passages = [(norm(p.text), p.remark_id, p.passage_id) for p in engine.passages()]
    out = {}
    for q in judgments["queries"]:
        remarks = {rid: pid for item in q["relevant"] for text, rid, pid in passages if norm(item["evidence"]) in text}
        if len(remarks) >= 2:
            out[q["id"]] = remarks
    return out


def similar_recall(engine, groups: dict[str, dict[str, str]], k: int, by_passage: bool = False) -> tuple[float, int]:
    scores = []
    for remarks in groups.values():
        for rid, pid in remarks.items():
            found = {h.remark.remark_id for h in engine.similar(rid, k=k, passage_id=pid if by_passage else None)}
            others = set(remarks) - {rid}
            scores.append(len(found & others) / min(len(others), k))
    return sum(scores) / max(len(scores), 1), len(scores)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(ROOT / "index" / "default"))
    ap.add_argument("--judgments", default=str(ROOT.parent / "shared" / "eval" / "dev.json"))
    ap.add_argument("-k", type=int, default=5)
    a = ap.parse_args()
    from search.engine import Engine

    engine = Engine.open(a.index)
    groups = relevant_remarks(engine, json.loads(Path(a.judgments).read_text(encoding="utf-8")), evaluator().norm)
    for by_passage in (False, True):
        recall, n = similar_recall(engine, groups, a.k, by_passage)
        print(f"similar() from the {'passage' if by_passage else 'remark'}: recall@{a.k} of a query's other relevant "
              f"remarks {recall:.3f} ({n} remarks asked from, {len(groups)} queries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
