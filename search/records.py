"""The few records every stage passes along: Document, Remark, Passage, Hit."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field


@dataclass
class Document:
    """One source file, decoded and described (catalog values win over parsed ones)."""

    doc: str                      # file name, e.g. "004_2b152710ce42e84e.txt"
    title: str
    doc_type: str                 # "minutes" | "evaluation_sheet" | "other"
    text: str                     # the decoded source text; every offset points into it. An index
                                  # keeps it in meta.sqlite only: Store/Engine documents carry ""
    organisation: str | None = None
    meeting: str | None = None    # meeting name without the number
    meeting_number: int | None = None
    date: str | None = None       # ISO date of the meeting, "2020-05-12"
    fiscal_year: int | None = None  # 2020 for 令和２年度 (2020-04-01 .. 2021-03-31)
    source: str | None = None     # attribution line
    attendees: list[dict] = field(default_factory=list)  # [{"name": "高橋座長", "role": "座長", "group": "懇談会構成員"}]

    def to_dict(self, with_text: bool = False) -> dict:
        d = asdict(self)
        if not with_text:
            d.pop("text")
        return d


@dataclass
class Remark:
    """One speaker turn (or one unsigned block of an evaluation sheet), in document order."""

    remark_id: str                # f"{doc}#{order}"
    doc: str
    order: int                    # 0-based position in the document
    speaker: str | None           # label as printed, no brackets or ○: "冨山委員", "佐藤 主光"
    role: str | None              # 委員, 座長, 補佐官, 事務局, 議長, 大臣, 政府参考人, 有識者 ...
    section: str | None           # agenda item or evaluation-sheet section it falls under
    text: str                     # the whole repaired remark (paragraphs joined with "\n")
    paragraphs: list[str]
    start: int                    # offsets in Document.text
    end: int
    label: str | None = None      # the label as printed where speaker is the name inside it: 議長（尾辻秀久君）
    speaker_yomi: str | None = None       # from a record that gives them (国会会議録検索システム): おつじひでひさ
    speaker_group: str | None = None      # 会派 / 所属: 自由民主党
    speaker_position: str | None = None   # 肩書: 内閣総理大臣
    procedural: bool = False      # only runs the meeting (ingest.procedure): 開会, 異議の有無, 採決, 次の発言者

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Passage:
    """The retrieval unit: one bullet or paragraph of a remark (long ones split at sentence ends)."""

    passage_id: str               # f"{remark_id}/{n}"
    remark_id: str
    doc: str
    order: int                    # position inside the remark
    text: str                     # repaired text shown to the user
    start: int                    # offsets in Document.text
    end: int
    speaker: str | None = None
    role: str | None = None
    section: str | None = None
    procedural: bool = False

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ParsedDocument:
    """What ingestion yields for one file."""

    document: Document
    remarks: list[Remark]
    passages: list[Passage]


SAME_WORDS_MIN = 50   # characters (without blanks) a passage needs before two copies of it are one result


def same_words(p: Passage) -> tuple[str | None, str] | None:
    """A key that two passages share when one speaker said the same words in two places: a policy speech read in
    both Houses, a statement repeated at the next sitting, a file added twice. None for a passage too short to
    tell a copy from a coincidence (「異議なし」)."""
    text = re.sub(r"\s", "", unicodedata.normalize("NFKC", p.text))
    return (p.speaker, text) if len(text) >= SAME_WORDS_MIN else None


def joined_passages(passages: list[Passage]) -> str:
    """Passages of one remark in document order as one text; 「…」 on a line of its own where the remark has text
    between two of them."""
    parts = [passages[0].text] if passages else []
    for before, p in zip(passages, passages[1:]):
        parts.append("\n" if p.order == before.order + 1 else "\n…\n")
        parts.append(p.text)
    return "".join(parts)


@dataclass
class Hit:
    """One search result: a passage with its remark, document and scores."""

    passage: Passage
    remark: Remark
    document: Document
    score: float
    scores: dict[str, float] = field(default_factory=dict)   # {"semantic": .., "keyword": .., "fused": ..}
    matched_terms: list[str] = field(default_factory=list)   # surface strings marked in text (all its passages)
    prev_remark_id: str | None = None
    next_remark_id: str | None = None
    more: tuple[Passage, ...] = ()   # the remark's other passages that matched, shown on the same card
    speaker_name: str | None = None  # the speaker's full name where the index knows it (住吉寛紀 for 住吉委員)
    copies: tuple[tuple[Passage, Document], ...] = ()  # the same words by the same speaker elsewhere (same_words)

    @property
    def passages(self) -> list[Passage]:
        """The passages the hit shows, in document order."""
        return sorted((self.passage, *self.more), key=lambda p: p.order)

    @property
    def text(self) -> str:
        """What the memo quotes: the card's passage first, then the remark's other matching passages in document
        order (joined_passages), 「…」 where the remark has text between two of them or the order turns back."""
        others = [p for p in self.passages if p.passage_id != self.passage.passage_id]
        if not others or others[0].order > self.passage.order:
            return joined_passages([self.passage, *others])
        return f"{self.passage.text}\n…\n{joined_passages(others)}"

    @property
    def speaker(self) -> str | None:
        return self.passage.speaker

    @property
    def doc(self) -> str:
        return self.passage.doc

    @property
    def label(self) -> str | None:
        """The speaker as the minutes print it (議長（尾辻秀久君）), where `speaker` is the name inside."""
        return self.remark.label or self.passage.speaker

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "speaker": self.passage.speaker,
            "speaker_name": self.speaker_name,
            "role": self.passage.role,
            "doc": self.passage.doc,
            "title": self.document.title,
            "doc_type": self.document.doc_type,
            "date": self.document.date,
            "fiscal_year": self.document.fiscal_year,
            "section": self.passage.section,
            "passage_id": self.passage.passage_id,
            "passage_ids": [p.passage_id for p in self.passages],
            "remark_id": self.remark.remark_id,
            "prev_remark_id": self.prev_remark_id,
            "next_remark_id": self.next_remark_id,
            "score": self.score,
            "scores": self.scores,
            "matched_terms": self.matched_terms,
            "copies": [{"doc": d.doc, "title": d.title, "date": d.date, "remark_id": p.remark_id,
                        "passage_id": p.passage_id} for p, d in self.copies],
        }
