"""One engine shared by several users' threads (as the app shares it): concurrent searches, and a swap under them."""
from __future__ import annotations

import threading

from search.engine import Engine
from search.store import build_index, read_manifest
from tests.conftest import CORPUS


def test_concurrent_searches_on_one_engine_answer_as_one_at_a_time(engine, dev_judgments):
    queries = [q["query"] for q in dev_judgments["queries"][:12]]
    alone = {q: [h.passage.passage_id for h in engine.search(q, k=5)] for q in queries}
    found: dict[tuple[int, str], list[str]] = {}
    errors: list[Exception] = []

    def user(i: int) -> None:
        for q in queries[i:] + queries[:i]:
            try:
                hits = engine.search(q, k=5)
                found[(i, q)] = [h.passage.passage_id for h in hits]
                assert set(hits.timings) >= {"filters", "keyword_search", "vector_search", "fusion"}
            except Exception as e:       # a search broken by another thread's search is what this test looks for
                errors.append(e)

    users = [threading.Thread(target=user, args=(i,)) for i in range(4)]
    for t in users:
        t.start()
    for t in users:
        t.join()
    assert errors == []
    assert all(found[(i, q)] == alone[q] for i in range(4) for q in queries)


def test_a_swap_does_not_break_searches_in_flight(tmp_path, encoder, dev_judgments):
    index = tmp_path / "index"
    build_index(CORPUS, index, encoder=encoder)
    engine = Engine.open(index, encoder=encoder)
    queries = [q["query"] for q in dev_judgments["queries"]]
    before = [h.passage.passage_id for h in engine.search(queries[0], k=5)]
    stop = threading.Event()
    errors: list[Exception] = []
    done = [0]

    def user() -> None:
        while not stop.is_set():
            try:
                engine.search(queries[done[0] % len(queries)], k=5)
                done[0] += 1
            except Exception as e:
                errors.append(e)

    searching = threading.Thread(target=user)
    searching.start()
    build_index(CORPUS, index, encoder=encoder)         # another user's upload: a new version swapped in
    build_index(CORPUS, index, encoder=encoder)         # and another: the first engine's folder is deleted
    stop.set()
    searching.join()
    assert errors == [] and done[0] > 0
    assert [h.passage.passage_id for h in engine.search(queries[0], k=5)] == before
    fresh = Engine.open(index, encoder=encoder)
    assert fresh.version == read_manifest(index)["version"] != engine.version
