"""Character-overlap baseline: documents cut into ~160- or ~300-character passages, ranked by shared content characters.

    .venv/bin/python bench/baseline.py CORPUS_DIR JUDGMENTS.json --size 160 --out overlap-160.jsonl [-k 20]

A content character is a kanji (CJK unified ideographs and 々〆ヶ), a katakana (with ー), a latin letter or
a digit, after NFKC and lower-casing; hiragana, punctuation, symbols and whitespace are not content. A
passage's score is the number of distinct content characters it shares with the query; ties go to the
passage with fewer distinct content characters of its own (the more focused one), then to corpus order.
Passages are cut from each file's text alone (no parser): the text is split into sentences at 。．！？!?
and at line ends, and consecutive sentences are packed into passages of about --size characters; a
sentence longer than 1.5 × size is cut at size. Hits carry no speaker and the baseline applies no filter.
The run file is in the shared format (../shared/eval/README.md).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZES = (160, 300)
SENTENCE = re.compile(r"[^。．！？!?\n]*(?:[。．！？!?]+[」』）)〕]*|\n|$)")
SKIPPED = {"catalog.json", "readme.md"}


def is_content(ch: str) -> bool:
    """Kanji, katakana, latin letter or digit (ch already NFKC-normalised and lower-cased)."""
    o = ord(ch)
    return (0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or ch in "々〆ヶ"
            or 0x30A1 <= o <= 0x30FA or ch == "ー" or "a" <= ch <= "z" or "0" <= ch <= "9")


def content_chars(text: str) -> frozenset[str]:
    """The distinct content characters of a text."""
    return frozenset(c for c in unicodedata.normalize("NFKC", text).lower() if is_content(c))


@dataclass(frozen=True)
class Passage:
    doc: str
    start: int
    text: str
    chars: frozenset[str]


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line, blank ones dropped."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text) if m.group().strip()]


def split_passages(doc: str, text: str, size: int) -> list[Passage]:
    """Consecutive sentences packed into passages of about `size` characters (never one above 1.5 × size).

    A passage takes the next sentence while it stays within `size`, or while it is under half of `size` and
    stays within 1.5 × size."""
    pieces: list[tuple[int, int]] = []
    for s, e in sentences(text):
        while e - s > size * 1.5:
            pieces.append((s, s + size))
            s += size
        pieces.append((s, e))
    out, begin, end = [], None, None

    def flush():
        if begin is not None:
            body = text[begin:end].strip()
            if body:
                out.append(Passage(doc, begin, body, content_chars(body)))

    for s, e in pieces:
        if begin is not None and e - begin > size and (end - begin >= size * 0.5 or e - begin > size * 1.5):
            flush()
            begin = None
        if begin is None:
            begin = s
        end = e
    flush()
    return out


def read_text(path: Path) -> str:
    """The file's decoded text, by the project's loader (encodings, PDF, HTML) where it can read it."""
    try:
        sys.path.insert(0, str(ROOT))
        from search.ingest.loaders import load_text
    except ImportError:
        return path.read_text(encoding="utf-8")
    return load_text(path)[0]


def corpus_passages(corpus: Path, size: int, files: list[str] | None = None) -> list[Passage]:
    """Every file of the corpus folder (or the named ones) cut into passages of about `size` characters."""
    paths = ([corpus / f for f in files] if files else
             sorted(p for p in corpus.iterdir() if p.is_file() and p.name.lower() not in SKIPPED
                    and not p.name.startswith(".") and p.suffix.lower() in (".txt", ".pdf", ".html", ".htm")))
    out: list[Passage] = []
    for path in paths:
        out += split_passages(path.name, read_text(path), size)
    return out


def rank(query: str, passages: list[Passage], k: int = 20) -> list[tuple[int, Passage]]:
    """The k passages sharing the most distinct content characters with the query, with that number."""
    q = content_chars(query)
    scored = [(len(q & p.chars), -len(p.chars), -i) for i, p in enumerate(passages)]
    best = sorted(range(len(passages)), key=lambda i: scored[i], reverse=True)[:k]
    return [(scored[i][0], passages[i]) for i in best]


def write_run(judgments: dict, passages: list[Passage], out: Path, k: int = 20) -> None:
    """One line per query in the shared run format: hits best first, speaker null."""
    with open(out, "w", encoding="utf-8") as fh:
        for q in judgments["queries"]:
            hits = [{"text": p.text, "speaker": None, "doc": p.doc, "score": float(s)}
                    for s, p in rank(q["query"], passages, k)]
            fh.write(json.dumps({"id": q["id"], "hits": hits}, ensure_ascii=False) + "\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="folder of the documents (the judgments' files)")
    ap.add_argument("judgments", help="judgment file in the shared format")
    ap.add_argument("--size", type=int, default=160, help="passage length in characters (default 160)")
    ap.add_argument("--out", required=True, help="run file to write (JSON lines)")
    ap.add_argument("-k", type=int, default=20, help="hits per query (default 20)")
    a = ap.parse_args(argv)
    corpus = Path(a.corpus)
    if not corpus.is_dir():
        print(f"error: corpus folder {corpus} does not exist", file=sys.stderr)
        return 2
    judgments = json.loads(Path(a.judgments).read_text(encoding="utf-8"))
    passages = corpus_passages(corpus, a.size)
    write_run(judgments, passages, Path(a.out), a.k)
    print(f"wrote {len(judgments['queries'])} queries over {len(passages)} passages "
          f"(~{a.size} characters) to {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
