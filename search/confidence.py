"""Is anything a good match? A query's evidence against the whole library, and the weak-match decision on it.

e5 similarities sit in a narrow band (0.7–0.9 for anything, gibberish included), so no fixed cosine threshold
tells a real match from noise. Instead each query is compared with its own similarity distribution over the
library: the best passage must stand out from the rest by more than the best of N unrelated passages would
(the expected maximum of N standard normal scores is about sqrt(2 ln N)). A query whose words the library
holds is not weak either: when its best keyword passage covers half of the query's IDF mass, or when the
keyword and semantic sides agree on several of the top passages. Everything else is a weak match.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

SEMANTIC_TOP = 20          # passages on the semantic side whose agreement with the keyword side is counted
STANDS_OUT = 0.6           # how far (in standard deviations) the best must pass the best of N unrelated passages
FULL_KEYWORD = 0.5         # share of the query's IDF mass the best keyword passage must hold
AGREEMENT = 0.2            # share of the semantic top that must also hold query words (4 of 20)
SAMPLE = 10_000            # library vectors the query's similarity distribution is measured on (all, below this)


@dataclass(frozen=True)
class QueryEvidence:
    """What the library says about one query, in numbers (see evidence())."""

    n_passages: int
    best_z: float              # the best passage's similarity, standardised over the query's distribution
    keyword_confidence: float  # share of the query's concept IDF mass its best keyword passage covers
    agreement: float           # share of the semantic top that also holds query words
    mean: float = 0.0          # the query's similarity distribution over the library
    sd: float = 0.0


@dataclass(frozen=True)
class Verdict:
    """The decision and why, for the page and the benchmark."""

    weak: bool
    reason: str                # 'stands out' | 'keywords' | 'agreement' | 'weak'
    evidence: QueryEvidence


def null_best_z(n_passages: int) -> float:
    """About how far the best of n unrelated passages stands above their mean, in standard deviations."""
    return math.sqrt(2 * math.log(max(n_passages, 2)))


def assess(ev: QueryEvidence) -> Verdict:
    """The weak-match decision (pure): strong when any of the three signals is there, weak otherwise."""
    if ev.best_z >= null_best_z(ev.n_passages) + STANDS_OUT:
        return Verdict(False, "stands out", ev)
    if ev.keyword_confidence >= FULL_KEYWORD:
        return Verdict(False, "keywords", ev)
    if ev.keyword_confidence > 0 and ev.agreement >= AGREEMENT:
        return Verdict(False, "agreement", ev)
    return Verdict(True, "weak", ev)


LEVELS = ("high", "mid", "low")


def relevance_levels(scores: list[float], mode: str, verdict: Verdict) -> list[str]:
    """'high' | 'mid' | 'low' per hit, for people who cannot read a raw score. Every hit of a weak query is low.

    Fused (hybrid) and BM25 (keyword) scores start at no evidence, so a hit is high within 3/4 of the best
    score and mid within 1/2; where the best is not above 0 (a filter that leaves one or two candidates, whose
    scores standardise to 0) every hit is mid: the query is not weak, and nothing ranks one above another.
    Cosines (semantic) sit in a narrow band: there a hit is high when it stands out
    of the query's distribution like a strong best match, mid when it stands out like the best of N unrelated."""
    if verdict.weak:
        return ["low"] * len(scores)
    if mode == "semantic":
        ev = verdict.evidence
        bar = null_best_z(ev.n_passages)
        zs = [(s - ev.mean) / ev.sd if ev.sd > 0 else 0.0 for s in scores]
        return ["high" if z >= bar + STANDS_OUT else "mid" if z >= bar else "low" for z in zs]
    top = max(scores, default=0.0)
    if top <= 0:                   # a filter left too few candidates to standardise: no hit stands above another
        return ["mid"] * len(scores)
    return ["high" if s >= 0.75 * top else "mid" if s >= 0.5 * top else "low" for s in scores]


def distribution(similarities: np.ndarray, best: float | None = None) -> tuple[float, float, float]:
    """(best as a z-score, mean, standard deviation) of a query's similarities."""
    top = float(similarities.max()) if best is None else best
    mean, sd = float(similarities.mean()), float(similarities.std())
    return ((top - mean) / sd if sd > 0 else 0.0), mean, sd


def evidence(sample: np.ndarray, n_passages: int, q: np.ndarray | None, dense: list[tuple[int, float]],
             found) -> QueryEvidence:
    """A query's evidence from what its search found: `sample` is a fixed sample of the library's vectors (all of
    them in a small library) for the query's similarity distribution, q the vector searched (None in keyword
    mode: then only the keyword side speaks; in hybrid mode before the keyword feedback), dense the semantic
    side's ranking, found the keyword side's
    result (search.retrieval.keyword.KeywordResult)."""
    if q is None or len(sample) == 0:
        return QueryEvidence(n_passages, 0.0, float(found.confidence), 0.0)
    sims = sample @ q
    whole = len(sample) == n_passages                   # else the best is the semantic side's, not in the sample
    best_z, mean, sd = distribution(sims, None if whole or not dense else max(dense[0][1], float(sims.max())))
    top_rows = [row for row, _ in dense[:SEMANTIC_TOP]]
    holding = {row for row, _ in found.ranking}
    agreement = sum(row in holding for row in top_rows) / max(len(top_rows), 1)
    return QueryEvidence(n_passages, best_z, float(found.confidence), agreement, mean, sd)
