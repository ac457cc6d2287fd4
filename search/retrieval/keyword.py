"""The keyword side: BM25 over the query plan's concepts, and how sure it is of its best passage."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from search.retrieval.plan import Concept, QueryPlan
from search.retrieval.seam import top_k


@dataclass(frozen=True)
class KeywordResult:
    ranking: list[tuple[int, float]]    # (row, score), best first; every passage holding a query wording when short
    confidence: float                   # share of the query's concept IDF mass that the best passage covers


def relative(concept: Concept, plan: QueryPlan) -> Concept:
    """A concept's weights relative to the best wording the index holds: when the typed wording occurs
    nowhere (「運用保守」, or "infrastructure" over Japanese text), the corpus's own wording counts in full."""
    top = max((weight for w, weight in concept.items() if plan.rows(w) is not None), default=1.0)
    return {w: weight / top for w, weight in concept.items()}


def search(plan: QueryPlan, allowed: np.ndarray | None, n: int, where=None) -> KeywordResult:
    """BM25 over the query's concepts: a typed term, or a glossary line with all its wordings.

    A passage scores each concept once, by its best wording (QueryPlan.rows: all of the wording's
    terms, the mean of their BM25 scores). Glossary wordings count less than the words typed, but
    relative to the best wording the index holds (see relative). Works on the terms' postings, so the
    cost follows how many passages hold the terms. A store without postings (Milvus) applies the same rule
    on its sparse search; `where` is the filter as that store reads it."""
    if not plan.index.has_postings:                  # a store that scores the same rule itself (Milvus)
        return KeywordResult(*plan.index.keyword(plan.concepts, n, where))
    n_rows = plan.index.n_passages
    concepts = [relative(c, plan) for c in plan.concepts]
    found = [{w: (plan.rows(w), weight) for w, weight in c.items() if plan.rows(w) is not None} for c in concepts]
    scores = np.zeros(n_rows, dtype=np.float32)
    for concept in found:
        if len(concept) == 1:
            [((rows, values), w)] = concept.values()
            scores[rows] += w * values
        elif concept:
            best = np.zeros(n_rows, dtype=np.float32)
            for (rows, values), w in concept.values():
                best[rows] = np.maximum(best[rows], w * values)
            scores += best
    if allowed is not None:
        masked = np.zeros_like(scores)
        masked[allowed] = scores[allowed]
        scores = masked
    top = top_k(scores, n)
    ranking = [(int(i), float(scores[i])) for i in top if scores[i] > 0]
    if not ranking:
        return KeywordResult([], 0.0)
    return KeywordResult(ranking, confidence(plan, concepts, found, ranking[0][0]))


def confidence(plan: QueryPlan, concepts: list[Concept], found: list[dict], best_row: int) -> float:
    """The share of the query's concept IDF mass that the best passage covers. A concept's mass is the
    highest IDF among the terms of its leading wordings (those at its top relative weight: the typed
    ones, or the corpus's wording when the typed one is never used). A query whose words are absent or
    scattered (a paraphrase, an English query over Japanese text) gets a low value, an exact keyword
    query 1."""
    n_rows = plan.index.n_passages

    def idf(term: str) -> float:
        df = plan.index.doc_freq(term)
        return float(np.log(1 + (n_rows - df + 0.5) / (df + 0.5)))

    total = covered = 0.0
    for concept, present in zip(concepts, found):
        leading = [t for w, weight in concept.items() if weight == 1.0 for t in w]
        if not leading:
            continue
        mass = max(idf(t) for t in leading)
        total += mass
        if any(np.any(rows == best_row) for (rows, _), _ in present.values()):
            covered += mass
    return covered / total if total else 0.0


def distinctive_terms(text: str, index, n: int) -> list[str]:
    """A text's n most distinctive terms: tf (log-damped) x idf over the index."""
    from search.text import terms

    counts: dict[str, int] = {}
    for t in terms(text):
        counts[t] = counts.get(t, 0) + 1
    n_rows = index.n_passages

    def weight(t: str) -> float:
        df = index.doc_freq(t)
        return float(np.log(1 + (n_rows - df + 0.5) / (df + 0.5))) * (1 + float(np.log(counts[t])))

    return sorted(counts, key=lambda t: (-weight(t), t))[:n]


def search_terms(index, words: list[str], n: int, exclude: list[int]) -> list[tuple[int, float]]:
    """BM25 of a bag of terms (each counted once), the excluded rows left out; the rows holding none are
    left out too (their score is 0)."""
    if not index.has_postings:
        skip = set(exclude)
        return [(row, score) for row, score in index.sparse(dict.fromkeys(words, 1.0), n + len(skip), None)
                if row not in skip][:n]
    scores = np.zeros(index.n_passages, dtype=np.float32)
    for t in words:
        held = index.postings(t)
        if held is not None:
            scores[held[0]] += held[1]
    scores[exclude] = 0
    return [(int(i), float(scores[i])) for i in top_k(scores, n) if scores[i] > 0]
