"""The Engine on a Milvus store: semantic and keyword sides through Milvus search (until the engine uses the seam)."""
from __future__ import annotations

import time

import numpy as np

from search import text
from search.engine import CANDIDATES, Engine, _index_errors
from search.milvus_store import MAX_TOPK, MilvusStore, milvus_keyword, where_of, wording_uses


class MilvusEngine(Engine):
    """Engine.open gives this engine for an index whose vectors are in Milvus; filters, fusion, grouping and
    records are the Engine's own. Replaced by the store seam: these overrides are what the seam's
    dense / sparse / doc_freq calls do on Milvus."""

    store: MilvusStore

    def _uses(self, variant: str) -> int:
        return wording_uses(self.store, text.wording_terms(variant))

    def _keyword(self, query: str, allowed: np.ndarray | None, n: int) -> tuple[list[tuple[int, float]], float]:
        return milvus_keyword(self.store, text.query_concepts(query, self.glossary), n, where_of(self.store, allowed))

    def _semantic(self, query: str, allowed: np.ndarray | None, n: int,
                  toward: tuple[int, float] | None = None) -> list[tuple[int, float]]:
        t0 = time.perf_counter()
        q = self.query_vector(query)
        self.last_timings["query_embedding"] = time.perf_counter() - t0
        if toward is not None:
            row, weight = toward
            q = q + weight * self.store.read_vectors(np.array([row]))[0]
            q = (q / np.linalg.norm(q)).astype(np.float32)
        if allowed is not None and len(allowed) == 0:
            return []
        return self.store.dense(q, n, where_of(self.store, allowed))

    @_index_errors
    def passage_vectors(self) -> np.ndarray:
        rows = np.arange(self.store.n_passages)
        return np.concatenate([self.store.read_vectors(rows[i:i + MAX_TOPK]) for i in range(0, len(rows), MAX_TOPK)]
                              or [np.zeros((0, int(self.store.manifest["dim"])), np.float32)])

    @_index_errors
    def similar(self, remark_id: str, k: int = 5):
        r = self.remark(remark_id)
        rows = self.store.rows_of_remark(remark_id)
        if not rows:
            return []
        q = self.store.read_vectors(np.array(rows)).mean(axis=0)
        q = (q / (np.linalg.norm(q) or 1.0)).astype(np.float32)
        ranked, seen = [], {r.remark_id}
        for row, score in self.store.dense(q, CANDIDATES, None):
            rid = self.store.passage(row).remark_id
            if rid not in seen:
                seen.add(rid)
                ranked.append((row, score))
            if len(ranked) == k:
                break
        return [self._hit("", row, s, {"semantic": {row: s}}) for row, s in ranked]
