"""The one home of labels shown to people: search modes, document types, meetings, dates or 年度, speakers."""
from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from search.records import Document

MODES = ("hybrid", "semantic", "keyword")
MODE_LABELS = {"hybrid": "ハイブリッド", "semantic": "意味検索", "keyword": "キーワード"}
DOC_TYPE_LABELS = {"minutes": "議事録", "evaluation_sheet": "政策評価書", "other": "その他"}
RELEVANCE_LABELS = {"high": "高", "mid": "中", "low": "低"}
NO_SPEAKER = "（発言者なし）"
WEAK_MATCH = "一致の弱い結果です"


def unmatched_phrase(phrase: str) -> str:
    """What a search says of a quoted phrase that no passage holds as written (it searched the words instead)."""
    return f"「{phrase}」をそのまま含む箇所はないため、語の一致として検索しました"


def translated(pairs) -> str:
    """What a search says of the English words it also looked for in Japanese (passive smoking → 受動喫煙)."""
    return "英語の語を和訳しても探しました：" + "、".join(f"{en} → {'／'.join(ja)}" for en, ja in pairs)


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
    """'衆議院 安全保障委員会 第13号', 'インフラ海外展開に関する…懇談会 第2回' for minutes: the body and its place in
    the series as the title prints it (a number the title does not print reads 第N回); the title otherwise."""
    place = meeting_place(document)
    return f"{document.meeting} {place}" if document.meeting and place else document.meeting or document.title


def meeting_place(document: Document) -> str:
    """'第13号', '第2回臨時会 第1日', '第2回' (see search.ingest.head.designation), or ''."""
    from search.ingest.head import designation

    printed = designation(document.title or "")
    return printed or (f"第{document.meeting_number}回" if document.meeting_number else "")


_POLICY_FIELD = re.compile(r"((?:政策|施策目標|施策)\s*[0-9０-９]+\s*[:：]\s*\S.*)$")
_LEADING_NUMBER = re.compile(r"^[0-9０-９]{1,3}(?:[ \u3000]*\n|[ \u3000]+(?=\S))")


def sheet_field(document: Document) -> str:
    """An evaluation sheet's policy field from its title ('政策14: ICT分野における国際戦略の推進'), or ''."""
    if document.doc_type != "evaluation_sheet":
        return ""
    m = _POLICY_FIELD.search(document.title or "")
    return m.group(1).strip() if m else ""


def without_leading_number(text: str) -> str:
    """A passage as shown: a bare page number or list marker that starts it ('9 …', '12\n…') left out."""
    return _LEADING_NUMBER.sub("", text, count=1)


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type)


def mode_label(mode: str) -> str:
    return MODE_LABELS.get(mode, mode)


def speaker_label(speaker: str | None, role: str | None, label: str | None = None) -> str:
    """'冨山委員' (the name already says the role), '高橋修（健康福祉部長）' (the post the printed label 健康福祉部長
    （高橋修君） gives), '佐藤 主光（有識者）', '事務局（佐藤課長）', or '（発言者なし）'."""
    from search.ingest.roles import office_of

    if not speaker:
        return NO_SPEAKER
    office = office_of(label) if label and label != speaker else None
    if office:
        return f"{speaker}（{office}）"
    if role and role not in speaker:
        return f"{speaker}（{role}）"
    return speaker


def named_label(name: str, label: str) -> str | None:
    """The label a record prints (住吉委員, 木原国務大臣, 渡辺（周）委員, 福祉課長) with the full name the index gives its
    person in place of the surname, or beside the post: 住吉寛紀（委員）, 木原稔（国務大臣）, 渡辺周（委員）,
    村上恵美（福祉課長）. None where the label already holds the name or is not a surname and a post."""
    from search.ingest.roles import ROLE_SUFFIXES

    if name in label:
        return None
    k = len(os.path.commonprefix([name, label]))
    if k == 0 and label.endswith(tuple(ROLE_SUFFIXES)):
        return f"{name}（{label}）"                               # the label is the post: 福祉課長 -> 村上恵美（福祉課長）
    post = re.sub(r"^[（(][^）)]{1,3}[）)]", "", label[k:])      # the bracketed initial that told namesakes apart
    if not post.endswith(tuple(ROLE_SUFFIXES)) or (k < 2 and post not in ROLE_SUFFIXES):
        return None                                              # the label is not surname + post (谷委員長: 谷)
    return f"{name}（{post}）"


def hit_speaker_label(hit) -> str:
    """Who a result names: the speaker with the post the record prints, the full name in place of a surname where
    the index knows the person (住吉寛紀（委員）); unsigned text of a sheet names the kind of document (政策評価書),
    of minutes 「（発言者なし）」."""
    if hit.passage.speaker and hit.speaker_name:
        named = named_label(hit.speaker_name, hit.remark.label or hit.passage.speaker)
        if named:
            return named
    if hit.passage.speaker or hit.document.doc_type == "minutes":
        return speaker_label(hit.passage.speaker, hit.passage.role, hit.remark.label)
    return doc_type_label(hit.document.doc_type)


def newest_first(documents) -> list:
    """Documents newest first (a fiscal-year document counts from its year), then by file name."""
    return sorted(documents, key=lambda d: (d.date or f"{d.fiscal_year or 0}", d.doc), reverse=True)
