"""Small pure pieces of the app's look: highlighted passages, meeting and date labels, score parts."""
from __future__ import annotations

import html

from search.app_state import DOC_TYPE_LABELS
from search.cite import japanese_date
from search.records import Document

SCORE_LABELS = {"fused": "総合", "semantic": "意味", "keyword": "キーワード"}


def merge_spans(spans) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans; empty and inverted spans are dropped."""
    merged: list[list[int]] = []
    for start, end in sorted((int(s), int(e)) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def highlight_html(text: str, spans, css_class: str | None = None) -> str:
    """Text as HTML with each span wrapped in <mark>; everything else escaped, line breaks kept as <br>."""
    attr = f' class="{html.escape(css_class)}"' if css_class else ""
    out, pos = [], 0
    for start, end in merge_spans(spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(html.escape(text[pos:start]))
        out.append(f"<mark{attr}>{html.escape(text[start:end])}</mark>")
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out).replace("\n", "<br>")


def meeting_label(document: Document) -> str:
    """'インフラ海外展開に関する…懇談会 第2回' for minutes; the title otherwise."""
    if document.meeting and document.meeting_number:
        return f"{document.meeting} 第{document.meeting_number}回"
    return document.meeting or document.title


def date_label(document: Document) -> str:
    """'2020年5月12日', or '2020年度' for a fiscal-year document, or '' when unknown."""
    if document.date:
        return japanese_date(document.date)
    if document.fiscal_year:
        return f"{document.fiscal_year}年度"
    return ""


def doc_type_label(doc_type: str) -> str:
    return DOC_TYPE_LABELS.get(doc_type, doc_type)


def speaker_label(speaker: str | None, role: str | None) -> str:
    """'冨山委員' (the label already says the role), '佐藤 主光（有識者）', or '（発言者なし）'."""
    if not speaker:
        return "（発言者なし）"
    if role and not speaker.endswith(role):
        return f"{speaker}（{role}）"
    return speaker


def score_parts(scores: dict[str, float]) -> list[tuple[str, str]]:
    """[('総合', '0.0328'), ('意味', '0.8512'), ...]: known parts first, in a fixed order."""
    known = [k for k in SCORE_LABELS if k in scores]
    rest = sorted(k for k in scores if k not in SCORE_LABELS)
    return [(SCORE_LABELS.get(k, k), f"{scores[k]:.4f}") for k in known + rest]
