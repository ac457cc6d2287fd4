"""Ingestion: files to ParsedDocument (Document, remarks, passages) with offsets into the decoded source."""
from __future__ import annotations

import json
import re
from pathlib import Path

from search.ingest.dates import fiscal_year_of, parse_date, parse_fiscal_year
from search.ingest.diet import API_HINT, diet_meeting, read_meetings
from search.ingest.errors import IngestError
from search.ingest.head import MINUTES_WORDS, PUBLISHED, meeting_of, names_body, seat_names
from search.ingest.loaders import DIET_SUFFIXES, SUPPORTED_SUFFIXES, check_file, clean, load_text, unsupported
from search.ingest.minutes import parse_minutes
from search.ingest.procedure import is_procedural_passage, is_procedural_remark
from search.ingest.repair import Span, absorb_short, boilerplate, pack, split_hard, split_long
from search.ingest.sheets import SHEET_WORD, ministry_of, parse_sheet
from search.ingest.tables import json_text
from search.ingest.turns import Turn
from search.ingest.verbatim import DATE_LINE
from search.records import Document, Passage, ParsedDocument, Remark

__all__ = ["IngestError", "SUPPORTED_SUFFIXES", "corpus_files", "load_catalog", "load_corpus",
           "load_document", "parse_text", "parse_diet_record"]

CATALOG_FIELDS = ("title", "organisation", "doc_type", "meeting", "meeting_number", "date", "fiscal_year", "source")
DOC_TYPES = ("minutes", "evaluation_sheet", "other")
SKIPPED = {"catalog.json", "readme.md"}
PASSAGE_CHARS = 300        # a long paragraph is cut at sentence ends into pieces of about this size
PASSAGE_LOW, PASSAGE_HIGH = 150, 400    # the lines of a verbatim speech are packed into passages of this size
PASSAGE_MIN, PASSAGE_MAX = 20, 500      # a shorter passage joins its neighbour; a longer one is cut at 、


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
    docs = data.get("documents", _file_entries(data)) if isinstance(data, dict) else None
    if not isinstance(docs, dict) or not all(isinstance(v, dict) for v in docs.values()):
        raise IngestError(path, 'must be an object with "documents": {file name: {title, date, ...}}',
                          "fix its structure or remove the file")
    return {name: _catalog_entry(entry) for name, entry in docs.items()}


def _file_entries(data: dict) -> dict:
    """A catalog written as {file name: {...}} without the "documents" wrapper (../shared/archive's)."""
    files = {k: v for k, v in data.items() if Path(k).suffix.lower() in SUPPORTED_SUFFIXES}
    return files if files and all(isinstance(v, dict) for v in files.values()) else {}


def _catalog_entry(entry: dict) -> dict:
    """A catalog entry in the Document's terms: "body" is the meeting's name, a printed meeting number
    (「第13号」, 「平成13年第４回定例会（第１日目）」) its number, and a web address ("source_url" or "url": the
    minutes online, what a citation gives) is the source where "source" is no address."""
    entry = dict(entry)
    if entry.get("meeting") is None and isinstance(entry.get("body"), str):
        entry["meeting"] = entry["body"]
    address = next((v for v in (entry.get("source_url"), entry.get("url"))
                    if isinstance(v, str) and v.startswith(("https://", "http://"))), None)
    if address and not str(entry.get("source") or "").startswith(("https://", "http://")):
        entry["source"] = address
    number = entry.get("meeting_number")
    if isinstance(number, str):
        entry["meeting_number"] = meeting_of(number)[1]
    return entry


def corpus_files(folder: Path) -> tuple[list[Path], list[IngestError]]:
    """The documents of a corpus folder, by name, and the entries refused with a reason.

    The one walk of a corpus (the index build and load_corpus both use it): the folder's own .txt/.docx/.pdf/
    .html and Diet API files; the catalog, a README, hidden files and sub-folders are not documents, and any
    other file is refused (a .doc or a spreadsheet put there by mistake is named, not skipped in silence).
    A symbolic link is followed
    only to a file inside the folder: one pointing outside, a broken one and a loop are refused, not skipped
    silently."""
    folder = Path(folder)
    inside = folder.resolve()
    files: list[Path] = []
    refused: list[IngestError] = []
    for path in sorted(folder.iterdir(), key=lambda p: p.name):
        if path.name.lower() in SKIPPED or path.name.startswith("."):
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            if path.is_file():
                refused.append(unsupported(path))        # a Word .doc or a spreadsheet left there: say so
            continue
        if path.is_symlink():
            try:
                target = path.resolve(strict=True)
            except FileNotFoundError:
                refused.append(IngestError(path, "is a broken symbolic link", "remove it or fix its target"))
                continue
            except (RuntimeError, OSError):
                refused.append(IngestError(path, "is a symbolic link loop", "remove the link"))
                continue
            if not target.is_relative_to(inside):
                refused.append(IngestError(path, f"is a symbolic link to {target}, outside the corpus folder",
                                           "copy the file into the folder instead of linking to it"))
                continue
        if path.is_file():
            files.append(path)
    return files, refused


def load_corpus(folder: Path) -> tuple[list[ParsedDocument], list[IngestError]]:
    """Every document of the folder (corpus_files), by name; files that fail come back as errors, the rest still load."""
    folder = Path(folder)
    errors: list[IngestError] = []
    try:
        catalog = load_catalog(folder)
    except IngestError as e:
        errors.append(e)
        catalog = {}
    files, refused = corpus_files(folder)
    errors.extend(refused)
    docs = []
    for path in files:
        try:
            docs.append(load_document(path, catalog))
        except IngestError as e:
            errors.append(e)
    return docs, errors


def load_document(path: Path, catalog: dict | None = None) -> ParsedDocument:
    """One file parsed into its Document, remarks (speaker turns or sheet blocks) and passages."""
    path = Path(path)
    meta = dict((catalog or {}).get(path.name) or {})
    if meta.get("doc_type") not in (None, *DOC_TYPES):
        raise IngestError(path, f"catalog doc_type {meta['doc_type']!r} is unknown",
                          f"use one of {', '.join(DOC_TYPES)} in catalog.json")
    if path.suffix.lower() in DIET_SUFFIXES:
        data = check_file(path)
        meetings, parsed_json = read_meetings(data, path)
        if meetings is None and parsed_json is not None and path.suffix.lower() == ".json":   # a list of speeches?
            text, named = json_text(parsed_json, path.stem)
            if not text:
                raise IngestError(path, "is not a 国会会議録検索システム record (no meetingRecord or speechRecord) nor a "
                                  "list of speeches (objects with a speech, body, text or 発言 field)",
                                  f"{API_HINT}, or export the speeches as .csv (a 発言者 and a 発言 column)")
            return _with_passages(path, parse_text(path.name, clean(text), {"doc_type": "minutes"} | meta if named else meta))
        if meetings is None:
            raise IngestError(path, "is not a 国会会議録検索システム record (no meetingRecord or speechRecord)", API_HINT)
        if len(meetings) != 1:
            raise IngestError(path, f"holds {len(meetings)} meetings of the Diet record, not one",
                              "save each meetingRecord as its own file (the API's maximumRecords=1)")
        parsed = parse_diet_record(path.name, meetings[0], meta)
    else:
        text, loader_title = load_text(path)
        parsed = parse_text(path.name, text, meta, loader_title)
    return _with_passages(path, parsed)


def _with_passages(path: Path, parsed: ParsedDocument) -> ParsedDocument:
    if not parsed.passages:
        raise IngestError(path, "contains no text to index", "check that it is the full document")
    return parsed


def _guess_type(text: str, minutes_turns: int) -> str:
    head = "\n".join(line for line in text[:3000].splitlines() if not boilerplate(line))[:600]
    bare = re.sub(r"[\s\u3000]", "", head)           # 事 前 評 価 調 書: a form's title spaced out
    if any(w in head for w in MINUTES_WORDS) or re.search(r"会記録|速記録|要点筆記|要点記録|会議要録", head) or minutes_turns >= 3:
        return "minutes" if minutes_turns >= 1 or not SHEET_WORD.search(bare) else "evaluation_sheet"
    if SHEET_WORD.search(bare):
        return "evaluation_sheet"
    return "other"


def parse_text(doc: str, text: str, meta: dict | None = None, loader_title: str | None = None) -> ParsedDocument:
    """Decoded text (+ catalog metadata) to a ParsedDocument; catalog values win, parsed values fill gaps."""
    meta = meta or {}
    minutes = parse_minutes(text)
    doc_type = meta.get("doc_type") or _guess_type(text, minutes.speaker_turns)
    if doc_type == "other" and minutes.verbatim:
        doc_type = "minutes"
    parsed: dict = {}
    opening = [ln for ln in text.splitlines()                        # not a page's navigation or its 更新日
               if ln.strip() and not boilerplate(ln) and not PUBLISHED.match(ln)]
    opening_date = minutes.head.date or parse_date("\n".join(opening)[:120])
    if doc_type == "minutes":
        turns = minutes.turns
        h = minutes.head
        title = with_body(h.title, loader_title)
        meeting, number = meeting_of(title) if title != h.title else (h.meeting, h.meeting_number)
        parsed = {"title": title, "meeting": meeting, "meeting_number": number, "date": opening_date}
        attendees = h.attendees
    elif doc_type == "evaluation_sheet":
        sheet = parse_sheet(text)
        turns = sheet.turns
        parsed = {"title": sheet.title, "fiscal_year": sheet.fiscal_year, "organisation": ministry_of(text),
                  "date": next((d for line in text.splitlines()[:8] if DATE_LINE.match(line.strip())
                                and (d := parse_date(line))), None)}       # 平成22年3月1日 alone under the title
        attendees = []
    else:
        turns = _all_of(minutes.turns, parse_sheet(text).turns) if not minutes.speaker_turns else minutes.turns
        parsed = {"title": opening[0].strip()[:120] if opening else None, "date": opening_date}
        attendees = []
    if loader_title and not parsed.get("title"):
        parsed["title"] = loader_title
    return assemble(doc, text, doc_type, parsed, meta, attendees, turns)


def _all_of(read: list[Turn], blocks: list[Turn]) -> list[Turn]:
    """A document of no known kind where no one speaks: its turns as the minutes reader found them (問 / 答), unless
    that reading left out much of its text (an opening taken for a meeting's head), then all of it as a form's
    blocks."""
    def size(turns: list[Turn]) -> int:
        return sum(len(p.text) for t in turns for p in t.paragraphs)
    return blocks if size(read) < 0.7 * size(blocks) else read


ASSEMBLY = re.compile(r"[^\s|｜\-–—・、，,（）()]{1,12}?[都道府県市区町村]議会")   # 東山区議会 (of 東山区議会会議録検索システム)


def with_body(title: str | None, page_title: str | None) -> str | None:
    """A web page's minutes whose heading names only the session (令和５年第２回定例会（第２日）) take the body
    from the page's <title> (「… | 青葉市議会」): 「青葉市議会　令和５年第２回定例会（第２日）」; one that names a
    committee but not its assembly takes the assembly the <title> names (「… - 東山区議会会議録検索システム」):
    「東山区議会　令和５年１２月　総務委員会」."""
    if not title or not page_title:
        return title
    if names_body(title):
        assembly = None if "議会" in title else ASSEMBLY.search(page_title)
        return f"{assembly.group()}\u3000{title}" if assembly else title
    body = next((part.strip() for part in re.split(r"\s[|｜\-–—]\s|[|｜]", page_title) if names_body(part.strip())), None)
    return f"{meeting_of(body)[0]}\u3000{title}" if body else title


def parse_diet_record(doc: str, record: dict, meta: dict | None = None) -> ParsedDocument:
    """One meetingRecord of the 国会会議録検索システム API (+ catalog metadata) to a ParsedDocument; its
    text is the record rendered as printed (title, date, front matter, speeches), every offset points into it."""
    meeting = diet_meeting(record)
    head = parse_minutes(meeting.front_matter).head if meeting.front_matter else None
    parsed = {"title": meeting.title, "meeting": meeting.meeting, "meeting_number": meeting.meeting_number,
              "date": meeting.date or (head.date if head else None), "organisation": "国会",
              "source": "国会会議録検索システム" + (f" {meeting.source}" if meeting.source else "")}
    return assemble(doc, meeting.text, (meta or {}).get("doc_type") or "minutes", parsed, meta or {},
                    head.attendees if head else [], meeting.turns)


def assemble(doc: str, text: str, doc_type: str, parsed: dict, meta: dict, attendees: list[dict],
             turns: list[Turn]) -> ParsedDocument:
    """The Document (catalog values win, parsed values fill the gaps) with its remarks and passages."""
    values = {k: meta[k] if meta.get(k) is not None else parsed.get(k) for k in CATALOG_FIELDS}
    if values["fiscal_year"] is None:
        values["fiscal_year"] = fiscal_year_of(values["date"]) if values["date"] else parse_fiscal_year(
            values["title"] or "")
    values["doc_type"] = doc_type
    values["title"] = values["title"] or doc
    document = Document(doc=doc, text=text, attendees=attendees, **values)
    seat_names(turns, attendees)
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
        procedural = bool(turn.speaker) and is_procedural_remark("\n".join(paragraphs), turn.role)
        remarks.append(Remark(remark_id, doc, order, turn.speaker, turn.role, turn.section,
                              "\n".join(paragraphs), paragraphs, start, end, label=turn.label,
                              speaker_yomi=turn.speaker_yomi, speaker_group=turn.speaker_group,
                              speaker_position=turn.speaker_position, procedural=procedural))
        for n, piece in enumerate(passage_spans(turn)):
            passages.append(Passage(f"{remark_id}/{n}", remark_id, doc, n, piece.text, piece.start, piece.end,
                                    turn.speaker, turn.role, turn.section, procedural=bool(turn.speaker) and
                                    is_procedural_passage(piece.text, turn.role, procedural)))
    return remarks, passages


def passage_spans(turn: Turn) -> list[Span]:
    """A turn's passages: its paragraphs and bullets, long ones cut at sentence ends, none over PASSAGE_MAX.
    A verbatim speech's lines are packed into paragraphs of PASSAGE_LOW..PASSAGE_HIGH characters and none is
    left under PASSAGE_MIN (joined to a neighbour of the same remark); a summary's bullets stay as written
    (joining the seed 議事要旨's one short bullet lowered the dev benchmark, docs/archive.md)."""
    pieces = [piece for para in turn.paragraphs for piece in split_long(para, PASSAGE_CHARS)]
    if turn.verbatim:
        pieces = absorb_short(pack(pieces, PASSAGE_LOW, PASSAGE_HIGH), PASSAGE_MIN)
    return [cut for piece in pieces for cut in split_hard(piece, PASSAGE_MAX)]
