"""Citation lines for remarks: 「会議名（第２回）議事要旨、2020年5月12日、冨山委員」."""
from __future__ import annotations

from search.labels import date_label, japanese_date  # noqa: F401 - japanese_date kept importable from here
from search.records import Document


def citation_line(document: Document, speaker: str | None) -> str:
    parts = [document.title]
    if date_label(document):
        parts.append(date_label(document))
    if speaker:
        parts.append(speaker)
    return "、".join(parts)
