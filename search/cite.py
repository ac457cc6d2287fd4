"""Citation lines for remarks: 「会議名（第２回）議事要旨、2020年5月12日、冨山委員」."""
from __future__ import annotations

from search.labels import date_label, hit_speaker_label
from search.records import Document, Hit


def citation_line(document: Document, speaker: str | None, section: str | None = None) -> str:
    """Minutes: title、date、speaker. An evaluation sheet also names its ministry and, for unsigned text, the
    section it comes from: 「…評価書 政策14: …、2020年度、総務省、目標の達成状況」."""
    parts = [document.title]
    if date_label(document):
        parts.append(date_label(document))
    if document.doc_type == "evaluation_sheet":
        if document.organisation:
            parts.append(document.organisation)
        if section and not speaker:
            parts.append(section)
    if speaker:
        parts.append(speaker)
    return "、".join(parts)


def url_of(source: str | None) -> str:
    """A document's source where it is a web address (the minutes online: kokkai.ndl.go.jp/txt/…), else ''."""
    return source if source and source.startswith(("https://", "http://")) else ""


def with_url(citation: str, source: str | None) -> str:
    """「出典：」's text: the bracketed citation line, and the source's address where it has one."""
    url = url_of(source)
    return f"「{citation}」" + (f" {url}" if url else "")


def cited_speaker(hit: Hit) -> str | None:
    """Who a citation names: who the card names (伊藤（教育長）, not a bare 伊藤; 住吉寛紀（委員）, not 住吉委員)."""
    return hit_speaker_label(hit) if hit.passage.speaker else None


def hit_citation(hit: Hit) -> str:
    """A search hit's citation line (its document, speaker and, for a sheet's cell, section)."""
    return citation_line(hit.document, cited_speaker(hit), hit.passage.section)


def hit_record(hit: Hit) -> dict:
    """A hit as JSON for the CLI and exports: its fields and its citation line."""
    return {**hit.to_dict(), "citation": hit_citation(hit)}
