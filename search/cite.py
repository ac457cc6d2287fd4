"""Citation lines for remarks: 「会議名（第２回）議事要旨、2020年5月12日、冨山委員」."""
from __future__ import annotations

from search.records import Document


def japanese_date(iso: str) -> str:
    """'2020-05-12' -> '2020年5月12日'."""
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{y}年{m}月{d}日"


def citation_line(document: Document, speaker: str | None) -> str:
    parts = [document.title]
    if document.date:
        parts.append(japanese_date(document.date))
    elif document.fiscal_year:
        parts.append(f"{document.fiscal_year}年度")
    if speaker:
        parts.append(speaker)
    return "、".join(parts)
