"""Check a graded judgments file against the minutes it was written from.

    python bench/check_judgments.py bench/archive_holdout.json [--source ../shared/archive/corpus]
                                    [--ground-truth PATH]

For every query: id unique, kind known, 1 to 6 relevant items, grades 1 or 2, and (with a speaker
filter) every item spoken by the filtered speaker. For every item: the doc exists under --source and is
listed in the file's "corpus"; the evidence is 10 to 30 characters and an exact substring of the doc;
norm(evidence) occurs exactly once in the normalized text of all corpus files together (hence once in
its doc and in no other); and, where ground_truth.jsonl records the doc's speeches, the evidence lies
inside one speech whose label equals the item's speaker (items with speaker null are not checked for a
speaker).

norm(s) = NFKC(s) with every whitespace character and every private-use character U+E000-U+F8FF
deleted, as in ../shared/eval/README.md. Standard library only. Prints one line per problem and exits
1 if there is any, else prints a one-line summary and exits 0.
"""
from __future__ import annotations

import argparse
import bisect
import json
import re
import sys
import unicodedata
from pathlib import Path

KINDS = {"keyword", "question", "paraphrase", "crosslingual", "speaker", "summary", "evaluation-sheet"}
_DROP = re.compile(r"[\s\ue000-\uf8ff]")


def norm(s: str) -> str:
    return _DROP.sub("", unicodedata.normalize("NFKC", s))


def norm_with_map(text: str) -> tuple[str, list[int]]:
    """Normalized text and, for each of its characters, the raw offset it came from."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        for c in unicodedata.normalize("NFKC", ch):
            if not _DROP.match(c):
                out.append(c)
                where.append(i)
    s = "".join(out)
    if s != norm(text):  # NFKC is not always character by character; fall back to no map
        return norm(text), []
    return s, where


def load_ground_truth(path: Path) -> dict[str, list[dict]]:
    gt: dict[str, list[dict]] = {}
    if not path.is_file():
        return gt
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rec = json.loads(line)
                gt[rec["file"]] = sorted(rec["speeches"], key=lambda s: s["line"])
    return gt


def speaker_key(s: str | None) -> str:
    return re.sub(r"[\s()（）〔〕\[\]]", "", unicodedata.normalize("NFKC", s or ""))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("judgments", help="judgments JSON (shared format)")
    ap.add_argument("--source", default=str(Path(__file__).resolve().parents[2] / "shared" / "archive" / "corpus"),
                    help="folder holding the corpus files (default ../shared/archive/corpus)")
    ap.add_argument("--ground-truth", default=None,
                    help="ground_truth.jsonl (default: ground_truth.jsonl next to --source)")
    a = ap.parse_args(argv)

    src = Path(a.source)
    gt_path = Path(a.ground_truth) if a.ground_truth else src.parent / "ground_truth.jsonl"
    gt = load_ground_truth(gt_path)
    judg = json.loads(Path(a.judgments).read_text(encoding="utf-8"))
    problems: list[str] = []

    corpus = list(judg.get("corpus") or [])
    if len(set(corpus)) != len(corpus):
        problems.append("corpus: duplicate file names")
    texts: dict[str, str] = {}
    normed: dict[str, tuple[str, list[int]]] = {}
    for f in corpus:
        p = src / f
        if not p.is_file():
            problems.append(f"corpus: {f} not found under {src}")
            continue
        texts[f] = p.read_text(encoding="utf-8")
        normed[f] = norm_with_map(texts[f])

    n_items = n_spk = 0
    seen_ids: set[str] = set()
    for q in judg.get("queries", []):
        qid = q.get("id", "?")
        if qid in seen_ids:
            problems.append(f"{qid}: duplicate query id")
        seen_ids.add(qid)
        if q.get("kind") not in KINDS:
            problems.append(f"{qid}: unknown kind {q.get('kind')!r}")
        if not str(q.get("query") or "").strip():
            problems.append(f"{qid}: empty query")
        rel = q.get("relevant") or []
        if not 1 <= len(rel) <= 6:
            problems.append(f"{qid}: {len(rel)} relevant items (want 1 to 6)")
        fspk = (q.get("filters") or {}).get("speaker")
        for k, it in enumerate(rel):
            n_items += 1
            tag = f"{qid}[{k}]"
            doc, ev, spk = it.get("doc"), it.get("evidence") or "", it.get("speaker")
            if it.get("grade") not in (1, 2):
                problems.append(f"{tag}: grade {it.get('grade')!r} (want 1 or 2)")
            if fspk is not None and speaker_key(spk) != speaker_key(fspk):
                problems.append(f"{tag}: speaker {spk!r} breaks the query's speaker filter {fspk!r}")
            if doc not in corpus:
                problems.append(f"{tag}: doc {doc} is not in the corpus list")
            if doc not in texts:
                if doc in corpus:
                    continue  # already reported as missing
                if not (src / str(doc)).is_file():
                    problems.append(f"{tag}: doc {doc} not found under {src}")
                    continue
                texts[doc] = (src / doc).read_text(encoding="utf-8")
                normed[doc] = norm_with_map(texts[doc])
            if not 10 <= len(ev) <= 30:
                problems.append(f"{tag}: evidence is {len(ev)} characters (want 10 to 30): {ev!r}")
            if ev not in texts[doc]:
                problems.append(f"{tag}: evidence is not an exact substring of {doc}: {ev!r}")
            ne = norm(ev)
            if not ne:
                problems.append(f"{tag}: evidence is empty after normalization")
                continue
            total = 0
            where = []
            for f in corpus:
                if f in normed:
                    c = normed[f][0].count(ne)
                    if c:
                        total += c
                        where.append(f"{f}x{c}")
            in_doc = normed[doc][0].count(ne)
            if in_doc != 1:
                problems.append(f"{tag}: norm(evidence) occurs {in_doc} times in {doc}: {ev!r}")
            elif total != 1:
                problems.append(f"{tag}: norm(evidence) occurs {total} times in the corpus ({', '.join(where)}): {ev!r}")
            # speaker: the evidence must lie inside one speech of that speaker
            speeches = gt.get(doc)
            if spk is None or not speeches or in_doc != 1:
                continue
            ntext, nmap = normed[doc]
            if not nmap:
                problems.append(f"{tag}: cannot map {doc} to lines; speaker not checked")
                continue
            n_spk += 1
            start = ntext.find(ne)
            end = start + len(ne) - 1
            raw = texts[doc]
            line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
            l0 = bisect.bisect_right(line_starts, nmap[start])  # 1-based line
            l1 = bisect.bisect_right(line_starts, nmap[end])
            lines = [s["line"] for s in speeches]
            i0 = bisect.bisect_right(lines, l0) - 1
            i1 = bisect.bisect_right(lines, l1) - 1
            if i0 < 0:
                problems.append(f"{tag}: evidence (line {l0}) lies before the first speech of {doc}")
                continue
            if i0 != i1:
                problems.append(f"{tag}: evidence spans two speeches (lines {l0}-{l1}) in {doc}")
                continue
            sp = speeches[i0]
            # the evidence must not be in the label itself
            if l0 == sp["line"]:
                off = nmap[start] - line_starts[l0 - 1]
                if off < len(sp["label"]) + 1:
                    problems.append(f"{tag}: evidence overlaps the speaker label on line {l0} of {doc}")
            if speaker_key(sp["label"]) != speaker_key(spk):
                problems.append(f"{tag}: evidence (line {l0}) is in a speech of {sp['label']!r} "
                                f"(line {sp['line']}), not of {spk!r}: {ev!r}")

    if problems:
        for p in problems:
            print(p)
        print(f"{a.judgments}: {len(problems)} problem(s) in {len(seen_ids)} queries, {n_items} items",
              file=sys.stderr)
        return 1
    print(f"{a.judgments}: OK, {len(seen_ids)} queries, {n_items} items, {len(corpus)} corpus files, "
          f"{n_spk} speakers checked against {gt_path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
