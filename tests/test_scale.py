"""The scaling benchmark's synthetic corpus and the automatic index choice, on tiny sizes."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import scale  # noqa: E402
from search import store  # noqa: E402


@pytest.fixture(scope="module")
def pool() -> list[str]:
    return scale.sentence_pool([p.text for p in scale.seed_passages()])


def test_sentence_pool_holds_real_seed_sentences(pool):
    assert len(pool) > 300
    assert all(s.endswith(("。", "！", "？")) or "。" not in s for s in pool)
    assert len(set(pool)) == len(pool)


def test_synthetic_texts_are_recombined_seed_sentences(pool):
    plan = scale.synthetic_plan(500, len(pool), seed=7)
    texts = scale.synthetic_texts(pool, plan)
    assert len(texts) == 500 and all(1 <= len(p) <= 4 for p in plan)
    assert texts[0] == "".join(pool[i] for i in plan[0])
    assert scale.synthetic_plan(500, len(pool), seed=7) == plan          # reproducible
    assert len(set(texts)) > 450


def test_synthetic_terms_concatenate_sentence_terms():
    pool_terms = [["行政", "評価"], ["予算"], ["ＤＸ", "推進"]]
    assert scale.synthetic_terms(pool_terms, [(0, 2), (1,)]) == [["行政", "評価", "ＤＸ", "推進"], ["予算"]]


@pytest.mark.parametrize("kind", ["random", "recombined"])
def test_synthetic_vectors_are_unit_float32(kind):
    base = scale.synthetic_vectors(50, "random", seed=9)
    x = scale.synthetic_vectors(1000, kind, seed=1, base=base, chunk=300)
    assert x.dtype == np.float32 and x.shape == (1000, scale.DIM)
    assert np.allclose(np.linalg.norm(x, axis=1), 1, atol=1e-5)


@pytest.mark.parametrize("n, expected", [(10, "Flat"), (store.FLAT_LIMIT - 1, "Flat"),
                                         (store.FLAT_LIMIT, "HNSW32,SQ8"), (5_000_000, "HNSW32,SQ8")])
def test_auto_index_choice_by_size(n, expected):
    assert store.choose_factory(n, "auto") == expected


def test_setting_overrides_auto_choice():
    assert store.choose_factory(10, "HNSW32") == "HNSW32"
    assert store.choose_factory(5_000_000, "Flat") == "Flat"


def test_auto_approximate_index_recall_against_exact():
    """The index 'auto' picks above FLAT_LIMIT, its 200 candidates re-scored as the engine does, finds
    >= 95% of the exact top 10 (5k clustered vectors)."""
    import faiss

    base = scale.synthetic_vectors(431, "random", seed=5)       # stand-in for the seed embeddings
    xb = scale.synthetic_vectors(5000, "recombined", seed=1, base=base)
    xq = scale.synthetic_vectors(100, "recombined", seed=2, base=base)
    _, truth = faiss.knn(xq, xb, 10, metric=faiss.METRIC_INNER_PRODUCT)
    index = store.make_faiss_index(xb, store.choose_factory(store.FLAT_LIMIT, "auto"))
    found = np.array([store.search_vectors(index, xb.__getitem__, q, 200)[0][:10] for q in xq])
    assert scale.recall_at_k(found, truth) >= 0.95


def test_recall_at_k_counts_overlap():
    assert scale.recall_at_k(np.array([[1, 2, 3]]), np.array([[3, 2, 9]]), k=3) == pytest.approx(2 / 3)
