"""Archive benchmark in one command: copy the subset, build (or reuse) its index, run every mode and the baselines, score.

    .venv/bin/python bench/archive.py [--backend torch|onnx-int8] [--judgments bench/archive.json]
                                      [--source ../shared/archive/corpus] [--cache index/bench-archive]
                                      [--out DIR] [--k 10] [--per-query]

(a) The judgments' files (their "corpus" list, else bench/archive_subset.txt) are copied from --source into
<cache>/corpus with a catalog.json in the project's format, made from the source's catalog (the archive's
flat file → {title, body, meeting_number, date, ...} one, or a project catalog as it is). (b) The index
<cache>/index-<backend> is built with the current parser and settings, and rebuilt only when the corpus,
the model, the normalizer, the passages version or the parser's source (search/ingest, text.py, store.py)
changed; unchanged passages come from the embedding cache. (c) hybrid, semantic and keyword search and the
character-overlap baselines (bench/baseline.py, ~160 and ~300 characters) answer every query (k = 20 hits,
speaker filters applied by the system). (d) The shared evaluator (../shared/eval/evaluate.py) scores each
run; one table prints nDCG@k, recall@k and MRR@k overall and per kind.

The dev set goes through the same runs with:
    .venv/bin/python bench/archive.py --judgments ../shared/eval/dev.json --source corpus
"""
from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import re
import shutil
import sys
import tempfile
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import baseline  # noqa: E402

MODES = ("hybrid", "semantic", "keyword")
HITS = 20
PARSER_SOURCES = ("search/ingest/*.py", "search/text.py", "search/store.py", "search/records.py")


def load_evaluator():
    """The shared evaluator as a module (its norm, evaluate and load_run are the scoring rules)."""
    path = SHARED / "eval" / "evaluate.py"
    if not path.exists():
        raise SystemExit(f"error: {path} not found; the benchmark needs the shared evaluator beside the worktree")
    spec = importlib.util.spec_from_file_location("shared_evaluate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def subset_files(path: Path) -> list[str]:
    """File names listed in a subset file (one a line; # starts a comment)."""
    return [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.lstrip().startswith("#")]


def _meeting_number(value) -> int | None:
    if value is None or isinstance(value, int):
        return value
    m = re.search(r"第(\d+)[号回]", unicodedata.normalize("NFKC", str(value)))
    return int(m[1]) if m else None


def catalog_entry(meta: dict) -> dict:
    """One source catalog entry in the project's catalog format (search.ingest.CATALOG_FIELDS)."""
    from search.ingest import CATALOG_FIELDS

    if "body" not in meta:               # already in the project's format
        return {k: meta[k] for k in CATALOG_FIELDS if k in meta}
    body = meta.get("body") or ""
    entry = {
        "title": meta.get("title"),
        "organisation": body.split()[0] if body.split() else None,
        "doc_type": "minutes",
        "meeting": body or None,
        "body": body or None,
        "meeting_number": _meeting_number(meta.get("meeting_number")),
        "date": meta.get("date"),
        "fiscal_year": None,
        "source": meta.get("source_url") or meta.get("source"),
    }
    return {k: v for k, v in entry.items() if k in CATALOG_FIELDS}


def source_catalog(source: Path) -> dict:
    """The source folder's catalog: file name -> metadata, in either layout."""
    path = source / "catalog.json"
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8-sig"))
    return data["documents"] if isinstance(data.get("documents"), dict) else data


def prepare_corpus(source: Path, files: list[str], corpus: Path) -> None:
    """Copy the files (only those that differ) and write their catalog; other files in `corpus` are removed."""
    missing = [f for f in files if not (source / f).is_file()]
    if missing:
        raise SystemExit(f"error: {len(missing)} judged files are not in {source} (first: {missing[0]}); "
                         "pass the folder that holds them with --source")
    corpus.mkdir(parents=True, exist_ok=True)
    for f in files:
        src, dst = source / f, corpus / f
        if not dst.exists() or dst.read_bytes() != src.read_bytes():
            shutil.copyfile(src, dst)
    for p in corpus.iterdir():
        if p.is_file() and p.name not in files and p.name != "catalog.json":
            p.unlink()
    meta = source_catalog(source)
    catalog = {"about": f"Catalog entries of {source.parent.name}/{source.name}/catalog.json for the benchmark's files, "
                        "in the project's catalog format (written by bench/archive.py).",
               "documents": {f: catalog_entry(meta[f]) for f in files if f in meta}}
    text = json.dumps(catalog, ensure_ascii=False, indent=1) + "\n"
    cat = corpus / "catalog.json"
    if not cat.exists() or cat.read_text(encoding="utf-8") != text:
        cat.write_text(text, encoding="utf-8")


def parser_fingerprint() -> str:
    """A hash of the parser's and passage builder's source, so a parser change rebuilds the index."""
    h = hashlib.sha256()
    for pattern in PARSER_SOURCES:
        for p in sorted(ROOT.glob(pattern)):
            h.update(p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def ensure_index(corpus: Path, index: Path, encoder) -> str:
    """Build the index when it is out of date (corpus, model, normalizer, passages or parser); say which."""
    from search.cli import _tqdm_progress
    from search.store import build_index, needs_build

    stamp = index.parent / f"{index.name}.parser"
    fingerprint = parser_fingerprint()
    stale = needs_build(corpus, index, encoder.name)
    if not stale and stamp.exists() and stamp.read_text().strip() == fingerprint:
        return f"index {index} is up to date"
    report = build_index(corpus, index, encoder=encoder, progress=_tqdm_progress(index))
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    stamp.write_text(fingerprint + "\n")
    return (f"built {index}: {report.passages} passages in {report.seconds:.1f} s "
            f"(embedded {report.embedded} new passages)")


def system_run(engine, queries: list[dict], mode: str, out: Path) -> float:
    """The system's hits for every query in the shared run format; returns seconds per query."""
    started = time.perf_counter()
    with open(out, "w", encoding="utf-8") as fh:
        for q in queries:
            speaker = (q.get("filters") or {}).get("speaker")
            hits = engine.search(q["query"], mode=mode, speakers=[speaker] if speaker else None, k=HITS)
            fh.write(json.dumps({"id": q["id"], "hits": [
                {"text": h.text, "speaker": h.label, "doc": h.doc, "score": h.score} for h in hits]},
                ensure_ascii=False) + "\n")
    return (time.perf_counter() - started) / max(1, len(queries))


def print_table(results: dict[str, dict], k: int) -> None:
    """One Markdown table: a row per kind, nDCG / R / MRR per system."""
    first = next(iter(results.values()))
    print(f"\n| kind | n | " + " | ".join(f"{name} nDCG@{k} | R | MRR" for name in results) + " |")
    print("|---|---:|" + "---:|" * (3 * len(results)))
    for kind, s0 in first["summary"].items():
        cells = []
        for r in results.values():
            s = r["summary"][kind]
            cells += [f"{s['ndcg']:.3f}", f"{s['recall']:.3f}", f"{s['mrr']:.3f}"]
        name = f"**{kind}**" if kind == "overall" else kind
        print(f"| {name} | {s0['n']} | " + " | ".join(cells) + " |")
    for name, r in results.items():
        spk = r["summary"]["overall"]["spk_acc"]
        print(f"{name}: mean hit length {r['notes']['mean_hit_chars']:.0f} chars, speaker accuracy "
              f"{'-' if spk is None else f'{spk:.3f}'}, filter breaks {r['notes']['filter_breaks']}")


def print_per_query(results: dict[str, dict]) -> None:
    names = list(results)
    print("\nper query nDCG: " + " / ".join(names))
    rows = zip(*(r["per_query"] for r in results.values()))
    for row in rows:
        q = row[0]
        print(f"  {q['id']:<5} {q['kind']:<12} " + " ".join(f"{x['ndcg']:.2f}" for x in row) + f"  {q['query']}")


def main(argv: list[str] | None = None) -> int:
    from search import settings

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--backend", choices=("torch", "onnx-int8"), default=None,
                    help="embedding backend (default: GIJI_BACKEND, else torch)")
    ap.add_argument("--judgments", default=str(ROOT / "bench" / "archive.json"))
    ap.add_argument("--subset", default=str(ROOT / "bench" / "archive_subset.txt"),
                    help="file list used when the judgments name no corpus")
    ap.add_argument("--source", default=str(SHARED / "archive" / "corpus"), help="folder holding the files")
    ap.add_argument("--cache", default=None, help="working folder (default index/bench-<judgments name>)")
    ap.add_argument("--out", default=None, help="folder for the run files (default: a temporary folder)")
    ap.add_argument("--k", type=int, default=10)
    ap.add_argument("--per-query", action="store_true", help="also print every query's nDCG per system")
    a = ap.parse_args(argv)
    backend = a.backend or settings.get("backend").strip() or "torch"
    os.environ["GIJI_BACKEND"] = backend

    evaluator = load_evaluator()
    jpath = Path(a.judgments)
    if not jpath.is_file():
        raise SystemExit(f"error: judgments file {jpath} not found; pass one in the shared format with --judgments")
    judgments = evaluator.load_judgments(jpath)
    files = judgments.get("corpus") or subset_files(Path(a.subset))
    cache = Path(a.cache or ROOT / "index" / f"bench-{jpath.stem}")
    corpus, index = cache / "corpus", cache / f"index-{backend}"
    prepare_corpus(Path(a.source), files, corpus)

    from search.embed import Encoder
    from search.engine import Engine

    encoder = Encoder.open(backend=backend)
    print(ensure_index(corpus, index, encoder))
    engine = Engine.open(index, encoder=encoder)
    info = engine.info()
    print(f"{info['documents']} documents, {info['remarks']} remarks, {info['passages']} passages; "
          f"{len(judgments['queries'])} queries; backend {backend}")

    out_dir = Path(a.out) if a.out else Path(tempfile.mkdtemp(prefix="archive-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict] = {}
    runs: dict[str, Path] = {}
    for mode in MODES:
        runs[mode] = out_dir / f"{mode}.jsonl"
        per_query = system_run(engine, judgments["queries"], mode, runs[mode])
        print(f"{mode}: {per_query * 1000:.0f} ms a query")
    for size in baseline.SIZES:
        name = f"overlap-{size}"
        runs[name] = out_dir / f"{name}.jsonl"
        passages = baseline.corpus_passages(corpus, size, files)
        baseline.write_run(judgments, passages, runs[name], HITS)
        print(f"{name}: {len(passages)} passages")
    for name, path in runs.items():
        run, _ = evaluator.load_run(path)
        summary, per_query, notes = evaluator.evaluate(judgments, run, a.k)
        results[name] = {"summary": summary, "per_query": per_query, "notes": notes}
    print_table(results, a.k)
    if a.per_query:
        print_per_query(results)
    if a.out:
        (out_dir / "scores.json").write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")
    else:
        shutil.rmtree(out_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
