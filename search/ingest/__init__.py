"""Ingestion: files to ParsedDocument (Document, remarks, passages) with offsets into the decoded source."""
from __future__ import annotations

import json
import re
from pathlib import Path

from search.ingest.dates import fiscal_year_of, parse_date, parse_fiscal_year
from search.ingest.errors import IngestError
from search.ingest.loaders import SUPPORTED_SUFFIXES, load_text
from search.ingest.minutes import MINUTES_WORDS, parse_minutes
from search.ingest.repair import split_long
from search.ingest.sheets import parse_sheet
from search.ingest.turns import Turn
from search.records import Document, Passage, ParsedDocument, Remark

__all__ = ["IngestError", "SUPPORTED_SUFFIXES", "load_catalog", "load_corpus", "load_document", "parse_text"]

CATALOG_FIELDS = ("title", "organisation", "doc_type", "meeting", "meeting_number", "date", "fiscal_year", "source")
DOC_TYPES = ("minutes", "evaluation_sheet", "other")
SKIPPED = {"catalog.json", "readme.md"}
PASSAGE_CHARS = 300


def load_catalog(folder: Path) -> dict:
    """folder/catalog.json's "documents" mapping (file name -> metadata); {} when there is no catalog."""
    path = Path(folder) / "catalog.json"
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as e:
        raise IngestError(path, f"is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})",
                          "fix the syntax or remove the file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise IngestError(path, f"cannot be read ({e})", "save it as UTF-8 JSON") from None
    docs = data.get("documents", {}) if isinstance(data, dict) else None
    if not isinstance(docs, dict) or not all(isinstance(v, dict) for v in docs.values()):
        raise IngestError(path, 'must be an object with "documents": {file name: {title, date, ...}}',
                          "fix its structure or remove the file")
    return docs


def load_corpus(folder: Path) -> tuple[list[ParsedDocument], list[IngestError]]:
    """Every .txt/.pdf/.html in folder, by name; files that fail come back as errors, the rest still load."""
    folder = Path(folder)
    errors: list[IngestError] = []
    try:
        catalog = load_catalog(folder)
    except IngestError as e:
        errors.append(e)
        catalog = {}
    docs = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.lower() in SKIPPED or path.name.startswith(".") or not path.is_file():
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            continue
        try:
            docs.append(load_document(path, catalog))
        except IngestError as e:
            errors.append(e)
    return docs, errors


def load_document(path: Path, catalog: dict | None = None) -> ParsedDocument:
    """One file parsed into its Document, remarks (speaker turns or sheet blocks) and passages."""
    path = Path(path)
    text, loader_title = load_text(path)
    meta = dict((catalog or {}).get(path.name) or {})
    if meta.get("doc_type") not in (None, *DOC_TYPES):
        raise IngestError(path, f"catalog doc_type {meta['doc_type']!r} is unknown",
                          f"use one of {', '.join(DOC_TYPES)} in catalog.json")
    parsed = parse_text(path.name, text, meta, loader_title)
    if not parsed.passages:
        raise IngestError(path, "contains no text to index", "check that it is the full document")
    return parsed


def _guess_type(text: str, minutes_turns: int) -> str:
    head = text[:600]
    if any(w in head for w in MINUTES_WORDS) or minutes_turns >= 3:
        return "minutes" if minutes_turns >= 1 or not re.search(r"評価書", head) else "evaluation_sheet"
    if "評価書" in head:
        return "evaluation_sheet"
    return "other"


def parse_text(doc: str, text: str, meta: dict | None = None, loader_title: str | None = None) -> ParsedDocument:
    """Decoded text (+ catalog metadata) to a ParsedDocument; catalog values win, parsed values fill gaps."""
    meta = meta or {}
    minutes = parse_minutes(text)
    doc_type = meta.get("doc_type") or _guess_type(text, minutes.speaker_turns)
    parsed: dict = {}
    if doc_type == "minutes":
        turns = minutes.turns
        h = minutes.head
        parsed = {"title": h.title, "meeting": h.meeting, "meeting_number": h.meeting_number, "date": h.date}
        attendees = h.attendees
    elif doc_type == "evaluation_sheet":
        sheet = parse_sheet(text)
        turns = sheet.turns
        parsed = {"title": sheet.title, "fiscal_year": sheet.fiscal_year}
        attendees = []
    else:
        turns = minutes.turns
        first = next((ln for ln in text.splitlines() if ln.strip()), "")
        parsed = {"title": first.strip()[:120] or None, "date": parse_date(text[:400])}
        attendees = []
    if loader_title and not parsed.get("title"):
        parsed["title"] = loader_title
    values = {k: meta[k] if meta.get(k) is not None else parsed.get(k) for k in CATALOG_FIELDS}
    if values["fiscal_year"] is None:
        values["fiscal_year"] = fiscal_year_of(values["date"]) if values["date"] else parse_fiscal_year(
            values["title"] or "")
    values["doc_type"] = doc_type
    values["title"] = values["title"] or doc
    document = Document(doc=doc, text=text, attendees=attendees, **values)
    remarks, passages = build_records(doc, turns)
    return ParsedDocument(document, remarks, passages)


def build_records(doc: str, turns: list[Turn]) -> tuple[list[Remark], list[Passage]]:
    """Turns to Remarks (whole turns) and Passages (one per paragraph, long ones cut at sentence ends)."""
    remarks: list[Remark] = []
    passages: list[Passage] = []
    for order, turn in enumerate(t for t in turns if t.paragraphs):
        remark_id = f"{doc}#{order}"
        start, end = turn.span()
        paragraphs = [p.text for p in turn.paragraphs]
        remarks.append(Remark(remark_id, doc, order, turn.speaker, turn.role, turn.section,
                              "\n".join(paragraphs), paragraphs, start, end, label=turn.label))
        n = 0
        for para in turn.paragraphs:
            for piece in split_long(para, PASSAGE_CHARS):
                passages.append(Passage(f"{remark_id}/{n}", remark_id, doc, n, piece.text, piece.start, piece.end,
                                        turn.speaker, turn.role, turn.section))
                n += 1
    return remarks, passages
