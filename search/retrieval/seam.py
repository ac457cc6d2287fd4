"""The store seam: the one narrow interface through which retrieval reads an index (FAISS today, Milvus next)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterator, Protocol

import numpy as np

from search.records import Document, Passage, Remark


@dataclass(frozen=True)
class Where:
    """A filter resolved to stored fields: passages whose document is in `docs` AND whose speaker label (as
    stored on the passage) is in `speakers` AND whose row is in `rows` (a person's remarks: two people
    a record names alike, 教育長（伊藤） and ３番（伊藤）, share doc and speaker); None leaves it free."""
    docs: frozenset[str] | None = None
    speakers: frozenset[str] | None = None
    rows: frozenset[int] | None = None


class PassageIndex(Protocol):
    """What the keyword side, the semantic side and the Engine need of an index. Rows are passage row
    numbers 0 .. n_passages - 1."""
    manifest: dict
    n_passages: int
    n_remarks: int
    documents: dict[str, Document]
    speaker_labels: list
    row_procedural: np.ndarray          # row -> True for a passage that only runs the meeting

    @property
    def version(self) -> str: ...

    has_postings: bool                  # False: postings() gives None; keyword() and wording_uses() answer instead

    # retrieval
    def dense(self, q: np.ndarray, n: int, where: Where | None = None,
              sentences: bool = True) -> list[tuple[int, float]]:
        """The n rows nearest unit vector q (inner product) among those `where` lets through, best first; a
        passage scores as its best sentence where that is higher (not for sentences=False)."""
    def with_sentences(self, q: np.ndarray, n: int, where: Where | None,
                       found: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """dense(sentences=False)'s rows `found` with the sentences' evidence added: what dense() gives."""
    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The rows holding a term (ascending) and their BM25 scores for it; None when no passage holds it."""
    def doc_freq(self, term: str) -> int: ...
    def keyword(self, concepts: list, n: int, where: Where | None) -> tuple[list[tuple[int, float]], float]:
        """Only where has_postings is False: the keyword side's (ranking, confidence) by the same rule."""
    def wording_uses(self, wording: tuple[str, ...]) -> int:
        """Only where has_postings is False: in how many passages every term of a wording occurs."""
    def allowed_rows(self, where: Where) -> np.ndarray:
        """The rows `where` lets through, ascending."""
    def read_vectors(self, rows: np.ndarray) -> np.ndarray:
        """(len(rows), dim) float32 unit vectors of a few rows."""
    def vector_sample(self, n: int) -> np.ndarray:
        """At most n passage vectors spread over the index (a query's similarity distribution is measured on them)."""

    # records
    def passage(self, row: int) -> Passage: ...
    def passage_row(self, passage_id: str) -> int | None: ...
    def iter_passages(self) -> Iterator[Passage]: ...
    def remark(self, remark_id: str) -> Remark | None: ...
    def rows_of_remark(self, remark_id: str) -> list[int]: ...
    def rows_of_persons(self, person_ids: tuple[str, ...]) -> frozenset[int]: ...
    def remarks_of(self, doc: str) -> list[Remark]: ...
    def remarks_around(self, remark: Remark, before: int, after: int) -> tuple[list[Remark], list[Remark]]: ...
    def speaker_counts(self) -> dict[str, int]: ...


def top_k(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n highest scores, best first, without sorting the whole array."""
    if n >= len(scores):
        return np.argsort(-scores)
    part = np.argpartition(-scores, n)[:n]
    return part[np.argsort(-scores[part])]
