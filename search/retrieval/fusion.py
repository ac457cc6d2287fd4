"""Fusion of the keyword and semantic rankings: small pure functions and one selector that names them."""
from __future__ import annotations

from typing import Callable

import numpy as np

# A side to fuse: (ranking, weight) or (ranking, weight, floor). A ranking is [(row, score)], best first;
# floor is the score of a row the ranking leaves out when the side knows it (BM25 gives 0 to a passage
# with none of the query's terms), None or absent when the ranking is cut off above rows it did score.
Side = tuple


def fuse_rrf(rankings: list[Side], k: int = 60) -> dict[int, float]:
    """Reciprocal-rank fusion: sum of weight / (k + rank) over the rankings a row appears in."""
    fused: dict[int, float] = {}
    for ranking, weight, *_ in rankings:
        for rank, (row, _) in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


def fuse_scores(rankings: list[Side]) -> dict[int, float]:
    """Normalised-score fusion: each side's scores scaled to [0, 1] by its best, weighted and summed."""
    fused: dict[int, float] = {}
    for ranking, weight, *_ in rankings:
        if not ranking:
            continue
        top = max(s for _, s in ranking)
        low = min(s for _, s in ranking)
        span = (top - low) or 1.0
        for row, s in ranking:
            fused[row] = fused.get(row, 0.0) + weight * (s - low) / span
    return fused


def fuse_zscore(rankings: list[Side]) -> dict[int, float]:
    """Z-score fusion: each side's scores standardised over its candidates, weighted and summed.

    A row missing from one side counts as that side's floor when the side knows it (0 for a passage
    the keyword side did not find: its BM25 really is 0), else as the side's lowest candidate (below
    the dense side's 200, scores are unknown but no higher). Unlike rank fusion, a side whose scores
    are flat (dense similarity on an acronym query) moves the order little, and one passage far above
    the rest of its side (an exact keyword match) keeps its lead."""
    rows = {row for ranking, *_ in rankings for row, _ in ranking}
    fused = dict.fromkeys(rows, 0.0)
    for ranking, weight, *floor in rankings:
        if not ranking or not weight:
            continue
        scores = np.array([s for _, s in ranking], dtype=np.float64)
        mean, std = scores.mean(), scores.std() or 1.0
        own = dict(ranking)
        floor = floor[0] if floor and floor[0] is not None else scores.min()
        for row in rows:
            fused[row] += weight * (own.get(row, floor) - mean) / std
    return fused


FUSIONS: dict[str, Callable] = {"zscore": fuse_zscore, "rrf": fuse_rrf, "score": fuse_scores}


def get_fusion(name: str) -> Callable:
    try:
        return FUSIONS[name]
    except KeyError:
        raise ValueError(f"unknown fusion {name!r}; choose one of: {', '.join(FUSIONS)}") from None
