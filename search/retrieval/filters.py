"""Filters as a planner sets them (speakers, documents, document types, dates), checked and resolved into the
store seam's Where."""
from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from dataclasses import dataclass

from search.ingest import DOC_TYPES
from search.ingest.dates import fiscal_year_range
from search.ingest.roles import speaker_of
from search.records import Document
from search.retrieval.seam import PassageIndex, Where


class FilterError(ValueError):
    """A filter names something the index does not hold, or is malformed; the message says what to do."""


def speaker_key(label: str | None) -> str:
    """Compare speaker labels regardless of width, brackets and spaces: （冨山 委員） == 冨山委員."""
    s = unicodedata.normalize("NFKC", label or "")
    return "".join(c for c in s if not c.isspace() and c not in "()（）【】〔〕[]○")


@dataclass(frozen=True)
class Filters:
    speakers: tuple[str, ...] | None = None
    docs: tuple[str, ...] | None = None
    doc_types: tuple[str, ...] | None = None
    date_from: str | None = None
    date_to: str | None = None
    persons: tuple[str, ...] | None = None     # person ids (search.persons): one speaker of one body, all meetings

    def active(self) -> bool:
        return any([self.speakers, self.docs, self.doc_types, self.date_from, self.date_to, self.persons])


def resolve(f: Filters, index: PassageIndex, speakers_by_key: dict[str, list[str]],
            persons: dict | None = None) -> Where | None:
    """The Where of the filters (None when nothing is filtered); a filter naming nothing the index holds is
    an error, not an empty result. speakers_by_key: speaker_key(label) -> the stored labels; persons: person
    id -> Person. A person is the passages of their remarks (the index's remark_persons), so two people a
    record prints alike stay apart; several persons are their passages together."""
    if not f.active():
        return None
    speakers = docs = rows = None
    if f.speakers:
        speakers = frozenset(label for name in f.speakers for label in _speaker_labels(name, speakers_by_key, index))
    if f.persons:
        unknown = [p for p in f.persons if p not in (persons or {})]
        if unknown:
            raise FilterError(f"unknown person {unknown[0]!r}; see the speakers with: python -m search info")
        chosen = [persons[p] for p in f.persons]
        docs = frozenset(d for p in chosen for d in p.documents)
        rows = index.rows_of_persons(tuple(f.persons))
    if f.docs:
        unknown = [d for d in f.docs if d not in index.documents]
        if unknown:
            raise FilterError(f"unknown document {unknown[0]!r}; see the documents with: python -m search info")
        docs = frozenset(f.docs)
    if f.doc_types:
        unknown = [t for t in f.doc_types if t not in DOC_TYPES]
        if unknown:
            raise FilterError(f"unknown document type {unknown[0]!r}; use one of: {', '.join(DOC_TYPES)}")
        docs = _and(docs, {d.doc for d in index.documents.values() if d.doc_type in set(f.doc_types)})
    if f.date_from or f.date_to:
        for bound in (f.date_from, f.date_to):
            if bound and not _is_iso_date(bound):
                raise FilterError(f"date {bound!r} is not YYYY-MM-DD (e.g. 2020-05-12)")
        if f.date_from and f.date_to and f.date_from > f.date_to:
            raise FilterError(f"the date range is inverted: from {f.date_from} is after to {f.date_to}; "
                              f"swap the two dates")
        lo, hi = f.date_from or "0000-00-00", f.date_to or "9999-99-99"
        docs = _and(docs, {d.doc for d in index.documents.values() if in_range(d, lo, hi)})
    return Where(docs=docs, speakers=speakers, rows=rows)


def _and(docs: frozenset[str] | None, more: set[str]) -> frozenset[str]:
    return frozenset(more) if docs is None else docs & more


def _speaker_labels(name: str, by_key: dict[str, list[str]], index: PassageIndex) -> list[str]:
    key = speaker_key(name)
    if key not in by_key:                # the label as the record prints it: 木村英子君, 内閣総理大臣（石破茂君）
        key = speaker_key(speaker_of(name.strip())[0]) if name.strip() else key
    if key not in by_key or not key:
        known = [s for s, _ in sorted(index.speaker_counts().items(), key=lambda kv: (-kv[1], kv[0]))]
        close = difflib.get_close_matches(name, known, n=3, cutoff=0.3)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known speakers: {', '.join(known[:10])}"
        raise FilterError(f"unknown speaker {name!r}{hint}")
    return by_key[key]


def in_range(d: Document, lo: str, hi: str) -> bool:
    """A meeting by its date; an evaluation sheet by its fiscal year (April to March)."""
    if d.date:
        return lo <= d.date <= hi
    if d.fiscal_year:
        start, end = fiscal_year_range(d.fiscal_year)
        return start <= hi and end >= lo
    return False


def _is_iso_date(s: str) -> bool:
    try:
        dt.date.fromisoformat(s)
    except ValueError:
        return False
    return len(s) == 10
