"""The weak-match decision: pure rules on relevance levels, and real queries on the seed index."""
from __future__ import annotations

import pytest

from search.confidence import QueryEvidence, assess, null_best_z, relevance_levels


@pytest.mark.parametrize("ev, weak, reason", [
    (QueryEvidence(433, 4.88, 1.00, 0.75), False, "stands out"),       # DXとO&M
    (QueryEvidence(433, 3.95, 1.00, 0.60), False, "keywords"),         # DX and O&M: every word in one passage
    (QueryEvidence(433, 2.93, 0.21, 0.65), False, "agreement"),        # a paraphrase whose words the library uses
    (QueryEvidence(433, 3.38, 0.00, 0.00), True, "weak"),              # qzxjvw
    (QueryEvidence(433, 3.23, 0.22, 0.05), True, "weak"),              # one common word of an off-topic question
    (QueryEvidence(1_000_000, 4.3, 0.0, 0.0), True, "weak"),           # the bar rises with the library's size
])
def test_assess(ev, weak, reason):
    verdict = assess(ev)
    assert (verdict.weak, verdict.reason) == (weak, reason)


def test_null_best_z_grows_with_the_library():
    assert 3.4 < null_best_z(433) < 3.6 < null_best_z(10_000) < null_best_z(1_000_000) < 5.3


def test_relevance_levels():
    strong = assess(QueryEvidence(433, 4.88, 1.0, 0.75, mean=0.79, sd=0.012))
    assert relevance_levels([5.9, 5.0, 3.5, 1.0], "hybrid", strong) == ["high", "high", "mid", "low"]
    assert relevance_levels([0.85, 0.835, 0.83], "semantic", strong) == ["high", "mid", "low"]
    weak = assess(QueryEvidence(433, 3.0, 0.0, 0.0))
    assert relevance_levels([5.9, 5.0], "hybrid", weak) == ["low", "low"]
    assert relevance_levels([0.0], "hybrid", strong) == ["mid"]      # one candidate left by a filter: no scale



@pytest.mark.parametrize("query, weak", [("DXとO&M", False), ("長期的な運用保守", False), ("海底ケーブル", False),
                                         ("qzxjvw", True), ("ぬぺぽらりるれ", True), ("カレーライスのレシピ", True)])
def test_real_queries_on_the_seed_index(engine, query, weak):
    assert engine.search(query, k=10).verdict.weak is weak
    assert engine.search(query, mode="semantic", k=10).verdict.weak is weak
