"""The one home of labels shown to people: search modes, document types, meetings, dates or 年度, speakers."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.records import Document

MODES = ("hybrid", "semantic", "keyword")
MODE_LABELS = {"hybrid": "ハイブリッド", "semantic": "意味検索", "keyword": "キーワード"}
DOC_TYPE_LABELS = {"minutes": "議事録", "evaluation_sheet": "政策評価書", "other": "その他"}
NO_SPEAKER = "（発言者なし）"


def japanese_date(iso: str) -> str:
    """'2020-05-12' -> '2020年5月12日'."""
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{y}年{m}月{d}日"


def fiscal_year_label(year: int) -> str:
    """2020 -> '2020年度'."""
    return f"{year}年度"


def when(document: Document) -> str | None:
    """The ISO date, or '2020年度' for a fiscal-year document, or None: the compact form for CLI lines and exports."""
    if document.date:
        return document.date
    return fiscal_year_label(document.fiscal_year) if document.fiscal_year else None


def date_label(document: Document) -> str:
    """'2020年5月12日', or '2020年度' for a fiscal-year document, or '' when unknown."""
    if document.date:
        return japanese_date(document.date)
    return fiscal_year_label(document.fiscal_year) if document.fiscal_year else ""


def meeting_label(document: Document) -> str:
    """'インフラ海外展開に関する…懇談会 第2回' for minutes; the title otherwise."""
    if document.meeting and document.meeting_number:
        return f"{document.meeting} 第{document.meeting_number}回"
    return document.meeting or document.title


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type)


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode)


def speaker_label(speaker: str | None, role: str | None) -> str:
    """'冨山委員' (the label already says the role), '佐藤 主光（有識者）', or '（発言者なし）'."""
    if not speaker:
        return NO_SPEAKER
    if role and not speaker.endswith(role):
        return f"{speaker}（{role}）"
    return speaker


def newest_first(documents) -> list:
    """Documents newest first (a fiscal-year document counts from its year), then by file name."""
    return sorted(documents, key=lambda d: (d.date or f"{d.fiscal_year or 0}", d.doc), reverse=True)
