"""One Engine shared by many threads (the app shares one between sessions): every result equals the
single-threaded one."""
from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor

CALLS = [
    ("search", "DX and O&M", {"mode": "hybrid"}),
    ("search", "長期的な運用保守", {"mode": "semantic"}),
    ("search", "海外展開の人材育成", {"mode": "keyword"}),
    ("search", "海外展開の人材育成", {"mode": "hybrid", "speakers": ["冨山委員", "東原委員"]}),
    ("search", "目標の達成状況", {"mode": "hybrid", "doc_types": ["evaluation_sheet"]}),
    ("search", "infrastructure exports", {"mode": "semantic", "date_from": "2020-01-01", "date_to": "2020-12-31"}),
    ("search", "テレワーク", {"mode": "keyword", "docs": ["004_2b152710ce42e84e.txt"]}),
    ("search", "quality of life", {"mode": "hybrid"}),
    ("similar", None, {}),
]


def _run(engine, call):
    name, query, kw = call
    if name == "similar":
        hits = engine.similar(kw["remark_id"], k=5)
    else:
        hits = engine.search(query, k=10, **kw)
    return [(h.passage.passage_id, round(h.score, 6), tuple(h.matched_terms)) for h in hits]


def test_four_threads_of_mixed_searches_on_one_engine_give_the_single_threaded_results(engine):
    remark = engine.search("O&M", mode="keyword", k=1)[0].remark.remark_id
    calls = [(n, q, {**kw, "remark_id": remark} if n == "similar" else kw) for n, q, kw in CALLS]
    expected = {i: _run(engine, c) for i, c in enumerate(calls)}
    rng = random.Random(7)
    jobs = [rng.randrange(len(calls)) for _ in range(4 * 50)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda i: (i, _run(engine, calls[i])), jobs))
    assert len(got) == 200
    wrong = [i for i, result in got if result != expected[i]]
    assert not wrong, f"{len(wrong)} of 200 concurrent results differ from single-threaded (calls {sorted(set(wrong))})"


def test_timings_come_with_the_results_not_on_the_engine(engine):
    hits = engine.search("DX and O&M", k=3)
    assert {"filters", "keyword_search", "query_embedding", "vector_search", "fusion", "metadata"} <= set(hits.timings)
    assert not hasattr(engine, "last_timings")
