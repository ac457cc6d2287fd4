"""Retrieval quality on the dev benchmark: build/refresh the index, run every mode and the overlap baselines, print tables.

    .venv/bin/python bench/quality.py [--index DIR] [--out docs/quality.md]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
KINDS = ["overall", "keyword", "paraphrase", "question", "crosslingual", "speaker", "evaluation-sheet"]


def evaluate(run: Path, k: int = 10) -> dict:
    out = subprocess.run([sys.executable, str(EVAL / "evaluate.py"), str(EVAL / "dev.json"), str(run),
                          "--k", str(k), "--json", "-"], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(ROOT / "index" / "default"))
    ap.add_argument("--modes", default="hybrid,semantic,keyword")
    ap.add_argument("--per-query", action="store_true")
    ap.add_argument("--no-baselines", dest="baselines", action="store_false",
                    help="leave out the character-overlap baselines (bench/baseline.py)")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from search.cli import main as cli

    if cli(["index", str(ROOT / "corpus"), "--index", a.index, "--if-needed"]) != 0:
        return 1
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in a.modes.split(","):
            run = Path(tmp) / f"{mode}.jsonl"
            cli(["batch", str(EVAL / "dev.json"), "--out", str(run), "--index", a.index, "--mode", mode, "-k", "20"])
            results[mode] = evaluate(run)
        if a.baselines:
            sys.path.insert(0, str(ROOT / "bench"))
            import baseline

            judgments = json.loads((EVAL / "dev.json").read_text(encoding="utf-8"))
            for size in baseline.SIZES:
                run = Path(tmp) / f"overlap-{size}.jsonl"
                passages = baseline.corpus_passages(ROOT / "corpus", size, judgments["corpus"])
                baseline.write_run(judgments, passages, run)
                results[f"overlap-{size}"] = evaluate(run)
    print("\n| kind | n | " + " | ".join(f"{m} nDCG | {m} R | {m} MRR" for m in results) + " | SpkAcc |")
    print("|---|---:|" + "---:|" * (3 * len(results) + 1))
    first = next(iter(results.values()))
    for kind in KINDS:
        s0 = first["summary"].get(kind)
        if not s0:
            continue
        cells = []
        for r in results.values():
            s = r["summary"][kind]
            cells += [f"{s['ndcg']:.3f}", f"{s['recall']:.3f}", f"{s['mrr']:.3f}"]
        spk = s0["spk_acc"]
        name = f"**{kind}**" if kind == "overall" else kind
        print(f"| {name} | {s0['n']} | " + " | ".join(cells) + f" | {spk:.3f} |" if spk is not None else
              f"| {name} | {s0['n']} | " + " | ".join(cells) + " | - |")
    for mode, r in results.items():
        print(f"\n{mode}: mean hit length {r['notes']['mean_hit_chars']:.0f} chars, "
              f"filter breaks {r['notes']['filter_breaks']}")
        if a.per_query:
            for q in r["per_query"]:
                cov = ",".join("-" if c is None else str(c) for c in q["covered"])
                print(f"  {q['id']} {q['kind']:<16} nDCG {q['ndcg']:.3f}  covered {cov:<14} {q['query']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
