"""The query plan: a query's concepts, their wordings resolved against the index, its reworded views, and
the wordings to highlight, built once per query and read by the keyword side, the semantic side and the hits."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from search.glossary import ConceptLine, Glossary, Wording, wording_terms
from search.retrieval.params import RetrievalParams
from search.retrieval.seam import PassageIndex
from search.text import normalize_aligned, terms

Concept = dict[Wording, float]   # alternative wordings of one idea of the query, with their weights


def query_concepts(query: str, glossary: Glossary,
                   expansion_weight: float = RetrievalParams.expansion_weight) -> list[Concept]:
    """The query as concepts for BM25: {wording: weight} groups whose wordings are alternatives.

    A glossary line the query names (Glossary.concepts) is one concept holding all its wordings
    (1.0 for the wordings typed, expansion_weight for the others); every other typed term is a
    concept of its own, a one-term wording. A passage has a wording only when it has all of the
    wording's terms (運用・保守 needs both 運用 and 保守, so 管理 alone is not 維持管理), and scores a
    concept once, by its best wording: three wordings of O&M in one passage do not outweigh a passage
    with both O&M and DX."""
    lines, covered = glossary.concepts(query)
    return _concepts(query, lines, covered, expansion_weight)


def query_views(query: str, glossary: Glossary, uses: Callable[[str], int], limit: int = RetrievalParams.max_views,
                lines: list[ConceptLine] | None = None) -> list[tuple[str, float]]:
    """The query reworded in the corpus's own wordings, for the semantic side: (text, weight) pairs
    whose weights sum to 1, or [] when the query needs no rewording.

    A glossary concept the query names whose typed wording the corpus never uses (`uses`: in how many
    passages the index holds a wording, 0 for none) has its typed wording replaced by each of the
    concept's wordings that the corpus does use, weighted by that wording's share of the concept's
    uses. 「長期的な運用保守」 gives 「長期的なO&M」 (the minutes' word, most weight) and 「長期的な維持管理」;
    "infrastructure exports" gives "インフラ 輸出" and the other combinations, since every such concept
    is replaced at once. A concept typed as the corpus writes it (O&M, DX) is left alone, and only a
    typed wording is replaced: 官 inside 官民 is not one. An English word looked up in the dictionary is not
    reworded (its headwords are several senses; measured, rewording them lost as much as it won). Wordings
    with the same terms (運営・維持管理, 運営維持管理) are one. At most `limit` views, the heaviest."""
    if lines is None:
        lines = glossary.concepts(query)[0]
    norm, src = normalize_aligned(query)
    slots: list[tuple[int, int, list[tuple[str, float]]]] = []     # (start, end, [(wording, share)])
    for line in lines:
        if line.entry.line == 0 or any(t and uses(v) for v, t in zip(line.entry.variants, line.typed)):
            continue                     # the dictionary's headwords are many senses: the model reads English
        span = glossary.span(line.entry, line.typed, norm)
        if span is None:
            continue
        start, end = src[span[0]][0], src[span[1] - 1][1]
        if any(start < b and a < end for a, b, _ in slots):
            continue
        counts: dict[Wording, tuple[str, int]] = {}
        for variant, p in zip(line.entry.variants, line.present):
            if not p and (n := uses(variant)):
                counts.setdefault(wording_terms(variant), (variant, n))
        total = sum(n for _, n in counts.values())
        if total:
            slots.append((start, end, [(v, n / total) for v, n in counts.values()]))
    if not slots:
        return []
    slots.sort()
    views: list[tuple[str, float]] = [("", 1.0)]
    at = 0
    for start, end, choices in slots:          # the heaviest `limit` so far hold the heaviest `limit` in the end
        views = sorted(((text + query[at:start] + v, w * share) for text, w in views for v, share in choices),
                       key=lambda tw: -tw[1])[:limit]
        at = end
    views = [(text + query[at:], w) for text, w in views]
    total = sum(w for _, w in views)
    return [(text, w / total) for text, w in views]


@dataclass
class QueryPlan:
    """One query as every part of retrieval reads it. Built once per search (not shared between threads);
    the index is asked for a wording's rows at most once."""
    query: str
    glossary: Glossary
    index: PassageIndex
    params: RetrievalParams
    lines: list[ConceptLine] = field(init=False)
    concepts: list[Concept] = field(init=False)
    _held: dict[Wording, tuple[np.ndarray, np.ndarray] | None] = field(init=False, default_factory=dict)

    def __post_init__(self):
        self.lines, covered = self.glossary.concepts(self.query)
        self.concepts = _concepts(self.query, self.lines, covered, self.params.expansion_weight)

    # ------------------------------------------------------------ against the index
    def rows(self, wording: Wording) -> tuple[np.ndarray, np.ndarray] | None:
        """The rows that hold every term of a wording, scored by the mean of its terms' BM25 scores (so a
        three-word wording weighs like one word); None when a term is in no passage."""
        if wording not in self._held:
            self._held[wording] = wording_rows(self.index, wording)
        return self._held[wording]

    def uses(self, variant: str) -> int:
        """In how many passages the index holds a glossary wording (all of its terms), 0 for none."""
        if not self.index.has_postings:
            return self.index.wording_uses(wording_terms(variant))
        held = self.rows(wording_terms(variant))
        return 0 if held is None else len(held[0])

    def views(self) -> list[tuple[str, float]]:
        """The query in the corpus's own wordings for the semantic side ([]: embed it as typed)."""
        return query_views(self.query, self.glossary, self.uses, self.params.max_views, self.lines)

    @property
    def highlight(self) -> tuple[frozenset[str], ...]:
        """Every wording of the concepts as a set of terms: what a hit marks in its text."""
        return tuple(frozenset(w) for c in self.concepts for w in c)


def _concepts(query: str, lines: list[ConceptLine], covered: set[str], expansion_weight: float) -> list[Concept]:
    concepts: list[Concept] = []
    for line in lines:
        concept: Concept = {}
        for variant, t in zip(line.entry.variants, line.typed):
            wording = wording_terms(variant)
            concept[wording] = max(concept.get(wording, 0.0), 1.0 if t else expansion_weight)
        concepts.append(concept)
    concepts += [{(t,): 1.0} for t in dict.fromkeys(terms(query)) if t not in covered]
    return concepts


def wording_rows(index: PassageIndex, wording: Wording) -> tuple[np.ndarray, np.ndarray] | None:
    """The rows holding every term of a wording and the mean of the terms' BM25 scores there."""
    columns = [index.postings(t) for t in wording]
    if any(c is None for c in columns):
        return None
    columns.sort(key=lambda c: len(c[0]))
    rows, values = columns[0]                        # the rarest term's rows, kept where the others are
    for more, extra in columns[1:]:
        if 4 * len(rows) < len(more):                # few rows: binary search (postings are sorted)
            at = np.minimum(np.searchsorted(more, rows), len(more) - 1)
            held = more[at] == rows
            rows, values = rows[held], values[held] + extra[at[held]]
        else:                                        # both common: one scatter, one gather (4x faster)
            dense = np.zeros(index.n_passages, dtype=np.float32)
            dense[more] = extra                      # BM25 scores of a term that occurs are > 0
            found = dense[rows]
            held = found > 0
            rows, values = rows[held], values[held] + found[held]
    return rows, values / len(wording)
