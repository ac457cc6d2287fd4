"""Diet records as the 国会会議録検索システム API returns them (meeting / speech, JSON or XML): one meeting, its turns."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from search.ingest.errors import IngestError
from search.ingest.loaders import decode_text
from search.ingest.head import kanji_number
from search.ingest.verbatim import speech_span, turn_label, verbatim_line
from search.ingest.repair import source_lines
from search.ingest.roles import speaker_of
from search.ingest.turns import Turn

MEETING_FIELDS = ("issueID", "session", "nameOfHouse", "nameOfMeeting", "issue", "date", "meetingURL")
SPEECH_FIELDS = ("speechOrder", "speaker", "speakerYomi", "speakerGroup", "speakerPosition", "speakerRole", "speech")
NOT_SPEECH = ("rule", "direction", "event", "header")
MAX_DEPTH = 40                      # levels of JSON searched for records (an API answer nests five)
API_HINT = "save one meeting as the API returns it (https://kokkai.ndl.go.jp/api/meeting?…&recordPacking=json or xml)"


@dataclass
class DietMeeting:
    """One meeting of a Diet record: its text rendered as printed, the front matter and the turns."""

    title: str
    meeting: str | None            # 衆議院 安全保障委員会
    meeting_number: int | None     # 第13号 -> 13
    date: str | None
    source: str | None
    text: str
    front_matter: str              # speechOrder 0 (会議録情報): date, 出席委員, 議事日程 …
    turns: list[Turn]


def read_meetings(data: bytes, path: Path | str) -> tuple[list[dict] | None, object]:
    """(the meetingRecords of an API answer, each a dict with its speechRecord list, or None for JSON or XML that
    holds none; the JSON as parsed, None for XML), so that other JSON is read once for another reader."""
    text, _ = decode_text(data, path)
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<"):
        return _xml_records(stripped, path), None
    parsed = read_json(text, path)
    return _json_records(parsed), parsed


def read_json(text: str, path: Path | str):
    try:
        return json.loads(text.lstrip("\ufeff \t\r\n"))
    except json.JSONDecodeError as e:
        raise IngestError(path, f"is not valid JSON (line {e.lineno}, column {e.colno}: {e.msg})", API_HINT) from None
    except RecursionError:
        raise IngestError(path, "is JSON nested too deep to read", API_HINT) from None


def _json_records(data) -> list[dict] | None:
    """The meetings of a JSON answer: its meetingRecords, or its speechRecords grouped by meeting, found at any depth
    (the old API's data.records.record[].recordData.speechRecord too); None for an API error message or other JSON."""
    if isinstance(data, dict) and "message" in data and "meetingRecord" not in data and "speechRecord" not in data:
        return None
    if meetings := _under(data, "meetingRecord"):
        return [{**m, "speechRecord": _as_list(m.get("speechRecord"))} for m in meetings]
    if speeches := _under(data, "speechRecord"):
        if isinstance(data, dict) and "nameOfMeeting" in data:     # a single meetingRecord object saved on its own
            return [{**data, "speechRecord": speeches}]
        return _group_speeches(speeches)
    return None


def _under(data, key: str, depth: int = 0) -> list[dict]:
    """The objects held under `key` anywhere in the JSON, down to MAX_DEPTH levels (not looking inside what is found)."""
    if depth > MAX_DEPTH:
        return []
    if isinstance(data, dict):
        if key in data:
            return _as_list(data[key])
        return [m for value in data.values() for m in _under(value, key, depth + 1)]
    if isinstance(data, list):
        return [m for value in data for m in _under(value, key, depth + 1)]
    return []


def _as_list(value) -> list[dict]:
    if value is None:
        return []
    items = [value] if isinstance(value, dict) else list(value)
    return [s for s in items if isinstance(s, dict)]


def _group_speeches(speeches: list[dict]) -> list[dict]:
    """A `speech` answer (each speech carries its meeting's fields) grouped into meetings, in first-seen order."""
    meetings: dict[str, dict] = {}
    for s in speeches:
        key = str(s.get("issueID") or (s.get("nameOfHouse"), s.get("nameOfMeeting"), s.get("issue"), s.get("date")))
        meeting = meetings.setdefault(key, {k: s.get(k) for k in MEETING_FIELDS} | {"speechRecord": []})
        meeting["speechRecord"].append(s)
    return list(meetings.values())


def _xml_records(text: str, path) -> list[dict] | None:
    import xml.etree.ElementTree as ET

    if "<!DOCTYPE" in text[:2000] or "<!ENTITY" in text:
        raise IngestError(path, "is XML with a DOCTYPE or entities, which an API record never has", API_HINT)
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise IngestError(path, f"is not well-formed XML ({e})", API_HINT) from None

    def fields(el) -> dict:
        return {c.tag: (c.text or "") for c in el if len(c) == 0}

    meetings = [fields(m) | {"speechRecord": [fields(s) for s in m.iter("speechRecord")]}
                for m in root.iter("meetingRecord")]
    if meetings:
        return meetings
    speeches = [fields(s) for s in root.iter("speechRecord")]
    return _group_speeches(speeches) if speeches else None


def _order(speech: dict) -> int:
    try:
        return int(speech.get("speechOrder") or 0)
    except (TypeError, ValueError):
        return 0


def _clean(value) -> str | None:
    value = (str(value).strip() if value is not None else "")
    return value or None


def diet_meeting(record: dict) -> DietMeeting:
    """One meetingRecord rendered as the printed record (title, date, front matter, every speech) and its turns.

    speechOrder 0 is the front matter (会議録情報), never a remark. Each later speech is one turn: its
    speaker is the API's full name (小泉進次郎 for 「○小泉委員長」), the printed label is kept, and the
    API's yomi, group (会派) and position (肩書) ride along."""
    house, name, issue = (_clean(record.get(k)) for k in ("nameOfHouse", "nameOfMeeting", "issue"))
    session = _clean(record.get("session"))
    title = "　".join(x for x in (f"第{session}回国会" if session else None, house, name, issue) if x) or "国会会議録"
    date = _clean(record.get("date"))
    number = re.search(r"第\s*([0-9０-９〇一二三四五六七八九十百]+)\s*[号回]", issue or "")
    speeches = sorted(record.get("speechRecord") or [], key=_order)
    parts = [title, date or ""]
    front = "\n".join(_text(s) for s in speeches if _order(s) == 0).strip("\n")
    if front:
        parts += ["", front]
    parts.append("")
    blocks: list[tuple[int, int, dict]] = []
    offset = sum(len(p) + 1 for p in parts)
    for s in speeches:
        if _order(s) == 0:
            continue
        body = _text(s).strip("\n")
        if not body.strip():
            continue
        blocks.append((offset, offset + len(body), s))
        parts.append(body)
        offset += len(body) + 1
    text = "\n".join(parts) + "\n"
    lines = source_lines(text)
    turns = [t for t in (_turn(s, [ln for ln in lines if a <= ln.start < b]) for a, b, s in blocks) if t]
    return DietMeeting(title, " ".join(x for x in (house, name) if x) or None,
                       kanji_number(number[1]) if number else None, date, _clean(record.get("meetingURL")),
                       text, front, turns)


def _text(speech: dict) -> str:
    return str(speech.get("speech") or "").replace("\r\n", "\n").replace("\r", "\n")


def _turn(speech: dict, lines) -> Turn | None:
    if not lines:
        return None
    labelled = turn_label(lines[0].text)
    label, rest = labelled if labelled else (None, lines[0].text)
    parsed_speaker, role = speaker_of(label) if label else (None, None)
    turn = Turn(_clean(speech.get("speaker")) or parsed_speaker, role or _clean(speech.get("speakerPosition")), None,
                start=lines[0].start, end=lines[-1].end, label=label,
                speaker_yomi=_clean(speech.get("speakerYomi")), speaker_group=_clean(speech.get("speakerGroup")),
                speaker_position=_clean(speech.get("speakerPosition")), verbatim=True)
    first = lines[0].span.slice(len(lines[0].text) - len(rest), len(lines[0].text)) if rest else None
    for span in ([first] if first else []) + [ln.span for ln in lines[1:] if verbatim_line(ln.text) not in NOT_SPEECH]:
        span = speech_span(span)
        if span:
            turn.paragraphs.append(span)
    return turn if turn.paragraphs else None
