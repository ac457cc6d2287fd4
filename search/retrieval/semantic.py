"""The semantic side: the query's vector (as typed, or reworded into the corpus's wordings, moved toward the
keyword side's best passage in hybrid mode) and the nearest passages to it."""
from __future__ import annotations

import numpy as np

from search.retrieval.keyword import KeywordResult
from search.retrieval.plan import QueryPlan


def query_vector(plan: QueryPlan, encoder) -> np.ndarray:
    """The query's unit vector. When the query names a glossary concept in a wording the corpus never
    uses (「運用保守」, "infrastructure" over Japanese minutes), the query is searched as it reads in the
    corpus's wordings instead: the weighted mean of its rewordings' embeddings (QueryPlan.views, embedded
    in one batch), the wording the corpus uses most weighing most. The model alone does not know that
    運用保守 is what the minutes call O&M, and a word the corpus never uses only adds noise."""
    views = plan.views()
    if not views:
        return encoder.encode_queries([plan.query])[0].astype(np.float32)
    vectors = encoder.encode_queries([v for v, _ in views]).astype(np.float32)
    q = np.asarray([w for _, w in views], dtype=np.float32) @ vectors
    return q / (np.linalg.norm(q) or 1.0)


def with_feedback(q: np.ndarray, plan: QueryPlan, keyword: KeywordResult) -> np.ndarray:
    """Relevance feedback: the passage that best holds the query's own words, weighted by how much of the
    query it covers, pulls the query vector toward it. The dense side then favours passages that read
    like the exact match (「DX and O&M」: the bullet naming both, not a DX-only one the model ranks first).
    A query whose words are scattered over passages (a paraphrase) moves little, and one whose words occur
    nowhere (English over Japanese text) is embedded as typed."""
    if keyword.confidence <= 0:                    # a confidence above 0 has a best passage
        return q
    row, weight = keyword.ranking[0][0], plan.params.feedback * keyword.confidence
    q = q + weight * plan.index.read_vectors(np.array([row]))[0]
    return (q / np.linalg.norm(q)).astype(np.float32)
