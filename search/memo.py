"""A planner's memo: clippings (quote + citation + note) kept in order and exported as Markdown, Word or CSV."""
from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass

from search.cite import cited_speaker, hit_citation, url_of, with_url
from search.labels import when
from search.records import Hit

CSV_COLUMNS = ["番号", "引用", "出典", "メモ", "発言者", "文書", "日付", "出典URL", "発言ID", "段落ID"]


@dataclass
class Clip:
    """One clipping: the quoted passage, where it comes from, and the planner's note."""

    passage_id: str
    remark_id: str
    doc: str
    quote: str
    citation: str                 # without brackets: 会議名（第２回）議事要旨、2020年5月12日、冨山委員
    speaker: str | None = None
    title: str = ""
    date: str | None = None       # ISO date, or fiscal year as "2020年度"
    note: str = ""
    source: str | None = None     # the document's source as its catalog or record gives it (a URL for minutes online)

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def source_line(self) -> str:
        """「出典：「…、冨山委員」 https://…」: the citation, and the address where the document has one."""
        return f"出典：{with_url(self.citation, self.source)}"


def clip_from_hit(hit: Hit) -> Clip:
    """The clipping a search hit gives: what its card shows as the quote (its best passage, with the remark's other
    matching passages), cite.hit_citation() as the source."""
    doc = hit.document
    return Clip(passage_id=hit.passage.passage_id, remark_id=hit.remark.remark_id, doc=doc.doc,
                quote=hit.text, citation=hit_citation(hit), speaker=cited_speaker(hit),
                title=doc.title, date=when(doc), source=doc.source)


def bracketed(citation: str) -> str:
    """'会議…、冨山委員' -> '「会議…、冨山委員」' (the form planners paste into a memo)."""
    return f"「{citation}」"


# ---------------------------------------------------------------- keeping the list
def add_clip(clips: list[Clip], clip: Clip) -> bool:
    """Append a clipping unless the same passage is already there; True when it was added."""
    if any(c.passage_id == clip.passage_id for c in clips):
        return False
    clips.append(clip)
    return True


def move_clip(clips: list[Clip], index: int, step: int) -> None:
    """Move clips[index] up (step=-1) or down (step=+1); a move past either end does nothing."""
    target = index + step
    if 0 <= index < len(clips) and 0 <= target < len(clips):
        clips[index], clips[target] = clips[target], clips[index]


def remove_clip(clips: list[Clip], passage_id: str) -> None:
    clips[:] = [c for c in clips if c.passage_id != passage_id]


# ---------------------------------------------------------------- exports
def to_markdown(clips: list[Clip], title: str = "検討メモ") -> str:
    """The memo as Markdown: each clipping a quote block, its citation line, then the note."""
    lines = [f"# {title}", ""]
    for n, clip in enumerate(clips, 1):
        lines.append(f"## {n}. {clip.speaker or clip.title}")
        lines.append("")
        lines.extend("> " + line if line else ">" for line in clip.quote.splitlines())
        lines.append("")
        lines.append(clip.source_line)
        lines.append("")
        if clip.note.strip():
            lines.append(clip.note.strip())
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def csv_rows(clips: list[Clip]) -> list[list[str]]:
    """Header and one row per clipping, in CSV_COLUMNS order."""
    rows = [list(CSV_COLUMNS)]
    for n, c in enumerate(clips, 1):
        rows.append([str(n), c.quote, bracketed(c.citation), c.note, c.speaker or "", c.title,
                     c.date or "", url_of(c.source), c.remark_id, c.passage_id])
    return rows


def csv_bytes(rows: list[list[str]]) -> bytes:
    """Rows as CSV in UTF-8 with a byte-order mark, so Excel shows the Japanese correctly. A cell that Excel would
    read as a formula (=, +, -, @ first: a note 「=HYPERLINK(…)」) is written with a leading apostrophe, as text."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(
        [["'" + c if c[:1] in ("=", "+", "-", "@", "\t", "\r") else c for c in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def to_csv(clips: list[Clip]) -> bytes:
    """The memo as CSV (csv_bytes)."""
    return csv_bytes(csv_rows(clips))


def to_docx(clips: list[Clip], title: str = "検討メモ") -> bytes:
    """The memo as a Word document: a heading, then per clipping the quote, its citation and the note."""
    from docx import Document as WordDocument
    from docx.oxml.ns import qn
    from docx.shared import Pt

    word = WordDocument()
    normal = word.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Yu Mincho")
    word.add_heading(title, level=1)
    for n, clip in enumerate(clips, 1):
        word.add_heading(f"{n}. {clip.speaker or clip.title}", level=2)
        word.add_paragraph(clip.quote, style="Quote")
        word.add_paragraph(clip.source_line)
        if clip.note.strip():
            word.add_paragraph(clip.note.strip())
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXPORTS = {
    "md": ("Markdown", "text/markdown", lambda clips, title: to_markdown(clips, title).encode("utf-8")),
    "docx": ("Word", DOCX_MIME, to_docx),
    "csv": ("CSV", "text/csv", lambda clips, title: to_csv(clips)),
}


def file_name(title: str, day: str, fmt: str) -> str:
    """The download's name: the memo's own name and the day, so two memos exported the same day stay two files
    (「能登・防衛 論点メモ」 -> 能登・防衛_論点メモ-20261203.md); characters no file system takes become _."""
    stem = re.sub(r'[\\/:*?"<>|\s]+', "_", title).strip("._") or "memo"
    return f"{stem}-{day}.{fmt}"


def export(clips: list[Clip], fmt: str, title: str = "検討メモ") -> bytes:
    """The memo in one of EXPORTS' formats, as bytes ready to download; ``title`` heads Markdown and Word."""
    try:
        _, _, render = EXPORTS[fmt]
    except KeyError:
        raise ValueError(f"unknown memo format {fmt!r}; use one of: {', '.join(EXPORTS)}") from None
    return render(clips, title)
