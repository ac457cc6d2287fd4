"""Sentence evidence on the dense side: a passage also scores as its best sentence."""
from __future__ import annotations

import numpy as np
import pytest

from search.sentences import units


@pytest.mark.parametrize("text, expected", [
    ("一文だけの短い段落です。", []),                                    # one sentence: the passage's vector says it
    ("はい。海外展開の案件形成について、現地企業との協創を進めるべきだ。運用保守まで含めた長期の関与が要る。",
     ["はい。海外展開の案件形成について、現地企業との協創を進めるべきだ。", "運用保守まで含めた長期の関与が要る。"]),
    ("第一に、デジタル化の遅れを取り戻すことが急務である。\n第二に、人材の育成を同時に進める必要がある！",
     ["第一に、デジタル化の遅れを取り戻すことが急務である。", "第二に、人材の育成を同時に進める必要がある！"]),
    ("区内の公共施設の老朽化対策について、計画的な更新を進めるべきだ。財源の確保も課題である。要望です。",
     ["区内の公共施設の老朽化対策について、計画的な更新を進めるべきだ。", "財源の確保も課題である。要望です。"]),
    ("拉致被害者の帰国に向けて、政府の取組状況を伺います。確認でお願いします。", []),   # a closing is no point
    ("拉致被害者の帰国に向けて、政府の取組状況を伺いたい。何とぞよろしくお願い申し上げます。（拍手）", []),
])
def test_units_are_sentences_with_a_short_one_joined_to_the_next(text, expected):
    assert units(text) == expected


def test_a_query_restating_one_sentence_finds_its_passage_at_that_sentences_score(engine):
    store = engine.store
    assert store.sentences is not None and len(store.sentences.rows) == store.manifest["sentences"] > 0
    row = int(store.sentences.rows[len(store.sentences.rows) // 2])          # a passage of several sentences
    sentence = units(store.passage(row).text)[-1]
    q = engine.encoder.encode_queries([sentence])[0]
    own = float(store.read_vectors(np.array([row]))[0] @ q)
    found = dict(store.dense(q, 10))
    assert row in found and found[row] >= own                               # never lower than its own vector
    assert dict(store.dense(q, 400, sentences=False)).get(row, own) == pytest.approx(own, abs=1e-5)
    best = max(float(np.asarray(store.sentences.vectors[i]) @ q)
               for i in np.flatnonzero(store.sentences.rows == row))
    assert found[row] == pytest.approx(max(own, best), abs=1e-5)


def test_a_filter_holds_for_the_sentences_too(engine):
    q = engine.encoder.encode_queries(["海外展開の人材育成"])[0]
    where = engine.where(speakers=["冨山委員"])
    rows = engine.store.dense(q, 10, where)
    assert rows and all(engine.store.passage(r).speaker == "冨山委員" for r, _ in rows)
