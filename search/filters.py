"""Checks of a search's filters that need no index: known document types, YYYY-MM-DD dates, a range not inverted."""
from __future__ import annotations

import datetime as dt

from search.ingest import DOC_TYPES


class FilterError(ValueError):
    """A filter that cannot mean anything; the message says what to change (the engine shows it as a SearchError)."""


def validate_filters(doc_types: list[str] | None = None, date_from: str | None = None,
                     date_to: str | None = None) -> None:
    """Raise FilterError for an unknown document type, a date that is not YYYY-MM-DD, or a from-date after the
    to-date; the engine calls this before it resolves the filters against the index."""
    for doc_type in doc_types or []:
        if doc_type not in DOC_TYPES:
            raise FilterError(f"unknown document type {doc_type!r}; use one of: {', '.join(DOC_TYPES)}")
    for bound in (date_from, date_to):
        if bound and not _is_iso_date(bound):
            raise FilterError(f"date {bound!r} is not YYYY-MM-DD (e.g. 2020-05-12)")
    if date_from and date_to and date_from > date_to:
        raise FilterError(f"the date range is inverted: from {date_from} is after to {date_to}; swap the two dates")


def _is_iso_date(s: str) -> bool:
    try:
        dt.date.fromisoformat(s)
    except ValueError:
        return False
    return len(s) == 10
