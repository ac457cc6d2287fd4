"""Draft-to-evidence benchmark: index seed + archive subset, trace bench/trace.json's draft sentences, score them.

    .venv/bin/python bench/trace.py [--index DIR] [--build-only] [--per-sentence]

The index (seed corpus + the 54 meetings of bench/archive_subset.txt, copied into one folder with a merged
catalog) is built once and reused (default /tmp/giji-trace-bench/index; an update embeds only what changed).
Scores: nDCG@10 and recall@10 by ../shared/eval/evaluate.py's own metric code, the share of supported
sentences whose supporting remark is in the top 3, the "no support" decision's precision and recall, and the
time for a 20-sentence draft.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
ARCHIVE = SHARED / "archive" / "corpus"
JUDGMENTS = ROOT / "bench" / "trace.json"
WORK = Path("/tmp/giji-trace-bench")
os.environ.setdefault("GIJI_BACKEND", "onnx-int8")   # the index is built and searched with the int8 model


def subset_files() -> list[str]:
    lines = (ROOT / "bench" / "archive_subset.txt").read_text(encoding="utf-8").splitlines()
    return [ln.strip() for ln in lines if ln.strip() and not ln.startswith("#")]


def archive_meta(entry: dict) -> dict:
    """The archive catalog's entry in this project's catalog fields (meeting_number '第13号' -> 13)."""
    number = re.search(r"\d+", entry.get("meeting_number") or "")
    return {"title": entry["title"].replace("\u3000", " "), "doc_type": "minutes", "meeting": entry.get("body"),
            "meeting_number": int(number.group()) if number else None, "date": entry.get("date"),
            "source": entry.get("source_url")}


def prepare_corpus(folder: Path) -> Path:
    """Seed corpus + archive subset in one folder with one catalog; files are rewritten only when they change."""
    folder.mkdir(parents=True, exist_ok=True)
    seed_catalog = json.loads((ROOT / "corpus" / "catalog.json").read_text(encoding="utf-8"))["documents"]
    archive_catalog = json.loads((ARCHIVE / "catalog.json").read_text(encoding="utf-8"))
    documents = dict(seed_catalog)
    sources = [ROOT / "corpus" / name for name in seed_catalog]
    for name in subset_files():
        documents[name] = archive_meta(archive_catalog[name])
        sources.append(ARCHIVE / name)
    for src in sources:
        dst = folder / src.name
        if not dst.exists() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
    catalog = json.dumps({"documents": documents}, ensure_ascii=False, indent=1)
    (folder / "catalog.json").write_text(catalog, encoding="utf-8")
    return folder


def build(index: Path) -> None:
    from search.store import build_index

    corpus = prepare_corpus(WORK / "corpus")
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if time.time() - last[0] > 20 or done == total:
            last[0] = time.time()
            print(f"  {stage} {done}/{total}", file=sys.stderr, flush=True)

    t0 = time.time()
    report = build_index(corpus, index, progress=progress)
    print(f"index {index}: {len(report.added)} added, {len(report.changed)} changed, {len(report.unchanged)} unchanged, "
          f"{report.passages} passages, {report.embedded} embedded ({time.time() - t0:.1f} s)", file=sys.stderr)
    if report.errors:
        print("\n".join(report.errors), file=sys.stderr)


def load_evaluator():
    """../shared/eval/evaluate.py as a module: its score_query is the benchmark's metric."""
    spec = importlib.util.spec_from_file_location("shared_evaluate", SHARED / "eval" / "evaluate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def drafts_of(sentences: list[dict], size: int = 20) -> list[list[dict]]:
    """The sentences interleaved (supported and unsupported mixed, seed and archive mixed) into drafts."""
    order = sorted(sentences, key=lambda s: (sum(map(ord, s["id"])) * 7919) % 1009)
    return [order[i:i + size] for i in range(0, len(order), size)]


def run(index: Path, k: int, mode: str, per_sentence: bool) -> dict:
    from search.engine import Engine
    from search.trace import trace

    judgments = json.loads(JUDGMENTS.read_text(encoding="utf-8"))
    evaluator = load_evaluator()
    supported = {q["id"]: q for q in judgments["queries"]}
    sentences = [*judgments["queries"], *judgments["unsupported"]]
    kinds = {s["id"]: s.get("kind", "") for s in sentences}
    engine = Engine.open(index)
    engine.search("ウォームアップ", k=1)                     # model load is not part of a draft's time
    results, timings = {}, []
    for draft in drafts_of(sentences):
        text = "\n".join(s["query"] for s in draft)
        t = trace(engine, text, mode=mode, k=k)
        assert [x.sentence.text for x in t.sentences] == [s["query"] for s in draft], "split changed a sentence"
        timings.append((len(draft), t.seconds))
        for s, traced in zip(draft, t.sentences):
            results[s["id"]] = traced
    rows, run_lines = [], []
    for qid, traced in results.items():
        hits = [{"text": e.hit.text, "speaker": e.hit.label, "doc": e.hit.doc, "score": e.hit.score}
                for e in traced.evidence]
        top = traced.evidence[0].hit.scores.get("semantic") if traced.evidence else None
        run_lines.append({"id": qid, "hits": hits})
        row = {"id": qid, "supported": qid in supported, "flagged": traced.unsupported, "kind": kinds[qid],
               "strength": traced.strength, "top_cosine": top}
        if qid in supported:
            q = supported[qid]
            scored = evaluator.score_query(q["relevant"], hits, k)
            ranks = [r for r in scored["covered"] if r is not None]
            row.update(ndcg=scored["ndcg"], recall=scored["recall"], first=min(ranks, default=None), kind=q["kind"],
                       covered=scored["covered"],
                       hit_cosine=next((traced.evidence[r - 1].hit.scores.get("semantic") for r in sorted(ranks)),
                                       None))
        rows.append(row)
    return {"rows": rows, "timings": timings, "run": run_lines}


def report(out: dict, k: int, per_sentence: bool) -> None:
    rows = out["rows"]
    sup = [r for r in rows if r["supported"]]
    uns = [r for r in rows if not r["supported"]]

    def mean(xs):
        xs = list(xs)
        return sum(xs) / len(xs) if xs else float("nan")

    print(f"\n| sentences | n | nDCG@{k} | recall@{k} | supporting remark in top 1 | in top 3 | in top {k} |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, group in [("all supported", sup), *((kd, [r for r in sup if r["kind"] == kd])
                                                  for kd in sorted({r["kind"] for r in sup}))]:
        print(f"| {name} | {len(group)} | {mean(r['ndcg'] for r in group):.3f} | {mean(r['recall'] for r in group):.3f} "
              f"| {mean(r['first'] == 1 for r in group):.3f} "
              f"| {mean(r['first'] is not None and r['first'] <= 3 for r in group):.3f} "
              f"| {mean(r['first'] is not None for r in group):.3f} |")
    flagged = [r for r in rows if r["flagged"]]
    right = [r for r in flagged if not r["supported"]]
    print(f"\nno-support decision (「根拠が見つかりません」): flagged {len(flagged)}, of which truly unsupported "
          f"{len(right)}: precision {len(right) / len(flagged) if flagged else float('nan'):.3f}; "
          f"recall {len(right) / len(uns):.3f} ({len(right)}/{len(uns)} unsupported flagged); "
          f"supported sentences flagged {len(flagged) - len(right)}/{len(sup)}")
    for kind in sorted({r["kind"] for r in uns}):
        group = [r for r in uns if r["kind"] == kind]
        print(f"  {kind} unsupported sentences flagged: {sum(r['flagged'] for r in group)}/{len(group)}")
    strengths = {s: sum(r["strength"] == s for r in sup) for s in ("strong", "weak", "none")}
    print(f"supported sentences by best strength: {strengths}; unsupported: "
          f"{ {s: sum(r['strength'] == s for r in uns) for s in ('strong', 'weak', 'none')} }")
    print("\nthreshold sweep (top hit's cosine < t flags the sentence):")
    print("| t | flagged | precision | recall (unsupported flagged) | supported flagged |")
    print("|---:|---:|---:|---:|---:|")
    for t in [0.84, 0.85, 0.86, 0.87, 0.88, 0.89, 0.90]:
        f = [r for r in rows if (r["top_cosine"] or 0) < t]
        ok = [r for r in f if not r["supported"]]
        print(f"| {t:.2f} | {len(f)} | {len(ok) / len(f) if f else float('nan'):.3f} | {len(ok)}/{len(uns)} "
              f"| {len(f) - len(ok)}/{len(sup)} |")
    cos_sup = sorted(r["top_cosine"] or 0 for r in sup)
    cos_uns = sorted(r["top_cosine"] or 0 for r in uns)
    cos_hit = sorted(r["hit_cosine"] for r in sup if r.get("hit_cosine") is not None) or [float("nan")]
    print(f"top-hit cosine, supported: min {cos_sup[0]:.3f} median {cos_sup[len(cos_sup) // 2]:.3f}; "
          f"unsupported: median {cos_uns[len(cos_uns) // 2]:.3f} max {cos_uns[-1]:.3f}; "
          f"cosine of the supporting remark where found: min {cos_hit[0]:.3f} median {cos_hit[len(cos_hit) // 2]:.3f}"
          " (keyword mode has no cosine: every remark counts as none)")
    # leave-one-out: each sentence judged by the cut-off that decides the other sentences best (ties: the
    # lowest, which flags least), so the figure is not fitted to the sentence it scores
    def cosine(r):
        return r["top_cosine"] or 0.0

    correct = 0
    for r in rows:
        rest = [x for x in rows if x is not r]
        cuts = sorted({round(cosine(x) + 0.0005, 4) for x in rest})
        best = max(cuts, key=lambda t: (sum((cosine(x) < t) == (not x["supported"]) for x in rest), -t))
        correct += (cosine(r) < best) == (not r["supported"])
    print(f"leave-one-out no-support decision (cut-off fitted on the other sentences): {correct}/{len(rows)} right")
    for n, seconds in out["timings"]:
        print(f"draft of {n} sentences traced in {seconds:.2f} s")
    if per_sentence:
        for r in rows:
            extra = (f"nDCG {r['ndcg']:.3f} covered {r['covered']}" if r["supported"] else "unsupported")
            print(f"  {r['id']} {r['strength']:<6} top cos {r['top_cosine'] or 0:.3f}  {extra}")


def time_draft(index: Path, k: int, mode: str) -> int:
    from search.engine import Engine
    from search.trace import trace

    judgments = json.loads(JUDGMENTS.read_text(encoding="utf-8"))
    draft = "\n".join(s["query"] for s in drafts_of([*judgments["queries"], *judgments["unsupported"]])[0])
    engine = Engine.open(index)
    engine.search("ウォームアップ", k=1)
    for _ in range(3):
        t = trace(engine, draft, mode=mode, k=k)
        print(f"{len(t.sentences)} sentences, {engine.store.n_passages} passages, backend "
              f"{os.environ.get('GIJI_BACKEND')}: {t.seconds:.2f} s")
    return 0


def own_document_check(index: Path, k: int) -> int:
    """A draft made of a document's own text (20 sentences of a ward answer; of the 国交省 sheet): is that
    document found and left out, and how much time does leaving it out cost?"""
    from search.engine import Engine
    from search.trace import split_sentences, trace

    engine = Engine.open(index)
    engine.search("ウォームアップ", k=1)
    for doc, speaker in [("shinagawa_r04-20221027-honkaigi.txt", "災害対策担当部長"),
                         ("003_438bdac8e45b0f74.txt", None)]:
        text = "\n".join(r.text for r in engine.remarks_of(doc) if speaker is None or (r.speaker or "").startswith(speaker))
        sentences = split_sentences(text)
        draft = text[:sentences[min(19, len(sentences) - 1)].end]
        for exclude in (True, False):
            t = trace(engine, draft, k=k, exclude_own=exclude)
            searched = [x for x in t.sentences if x.sentence.searchable]
            first_own = sum(1 for x in searched if x.evidence and x.evidence[0].hit.doc == doc)
            print(f"{doc}: exclude_own={exclude}: {len(searched)} sentences, left out "
                  f"{[(o.doc, o.containment) for o in t.excluded]}, first remark from the document itself for "
                  f"{first_own}, {t.seconds:.2f} s")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", default=str(WORK / "index"))
    ap.add_argument("--build-only", action="store_true")
    ap.add_argument("--mode", default="hybrid", choices=["hybrid", "semantic", "keyword"])
    ap.add_argument("-k", type=int, default=10)
    ap.add_argument("--per-sentence", action="store_true")
    ap.add_argument("--time-on", metavar="INDEX", help="only time a 20-sentence draft (3 runs) on this index "
                    "with the current GIJI_BACKEND (e.g. the seed index with the default torch backend)")
    ap.add_argument("--run-file", metavar="OUT", help="also write the run (JSON Lines) in the shared format")
    ap.add_argument("--own", action="store_true", help="only check that a draft's own document is left out")
    a = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    if a.own:
        return own_document_check(Path(a.index), 5)
    if a.time_on:
        return time_draft(Path(a.time_on), a.k, a.mode)
    build(Path(a.index))
    if a.build_only:
        return 0
    out = run(Path(a.index), a.k, a.mode, a.per_sentence)
    if a.run_file:           # the shared run format, for ../shared/eval/evaluate.py bench/trace.json RUN
        with open(a.run_file, "w", encoding="utf-8") as f:
            for line in out["run"]:
                f.write(json.dumps(line, ensure_ascii=False) + "\n")
    report(out, a.k, a.per_sentence)
    return 0


if __name__ == "__main__":
    sys.exit(main())
