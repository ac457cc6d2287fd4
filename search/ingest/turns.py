"""Turn: a parsed remark before it becomes a records.Remark (speaker, section, paragraphs with offsets);
Minutes: a record's head and its turns."""
from __future__ import annotations

from dataclasses import dataclass, field

from search.ingest.head import MinutesHead
from search.ingest.repair import Span


@dataclass
class Turn:
    speaker: str | None
    role: str | None
    section: str | None
    paragraphs: list[Span] = field(default_factory=list)
    start: int | None = None      # source offset of the header line, if any
    end: int | None = None
    intro: Span | None = None     # 「○ 事務局から、以下の発言があった。」: kept only if nothing follows
    label: str | None = None      # the label as printed when it says more than speaker: 議長（尾辻秀久君）
    speaker_yomi: str | None = None       # what a Diet API record says of the speaker
    speaker_group: str | None = None
    speaker_position: str | None = None
    verbatim: bool = False        # a speech as spoken (会議録): its lines may be packed into longer passages

    def span(self) -> tuple[int, int]:
        starts = [p.start for p in self.paragraphs] + ([self.start] if self.start is not None else [])
        ends = [p.end for p in self.paragraphs] + ([self.end] if self.end is not None else [])
        return min(starts), max(ends)


@dataclass
class Minutes:
    head: MinutesHead
    turns: list[Turn]
    verbatim: bool = False        # turns found by the 「○label　」 layout of a verbatim record

    @property
    def speaker_turns(self) -> int:
        return sum(1 for t in self.turns if t.speaker)
