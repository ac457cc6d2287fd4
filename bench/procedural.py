"""Precision and recall of the procedural-remark rule (search.ingest.procedure) on the hand-labelled archive sample."""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.ingest import load_document  # noqa: E402

ARCHIVE = ROOT.parent / "shared" / "archive" / "corpus"
SAMPLE = ROOT / "bench" / "procedural_sample.json"


def main() -> None:
    every = json.loads(SAMPLE.read_text(encoding="utf-8"))["remarks"]
    for name in ("tuning", "held out, then tuned", "untouched"):
        score(name, [x for x in every if x["set"] == name])


def score(name: str, labels: list[dict], docs: dict = {}) -> None:
    tp = fp = fn = tn = 0
    for item in labels:
        file = item["remark_id"].split("#")[0]
        if file not in docs:
            docs[file] = {r.remark_id: r for r in load_document(ARCHIVE / file).remarks}
        remark = docs[file][item["remark_id"]]
        got, want = remark.procedural, item["procedural"]
        tp, fp, fn, tn = tp + (got and want), fp + (got and not want), fn + (want and not got), tn + (not got and not want)
        if got != want:
            print(("missed " if want else "false  ") + f"{remark.role or '-'}: {remark.text[:70]!r}")
    print(f"{name}: {len(labels)} remarks, {tp + fn} procedural by hand: precision {tp / max(1, tp + fp):.3f}, "
          f"recall {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn}, tn {tn})")


if __name__ == "__main__":
    main()
