"""Quoted phrases and excluded words: parsed from what a planner types, applied to the seed index as filters."""
from __future__ import annotations

import json

import pytest

from search.cli import main
from search.engine import SearchError
from search.retrieval.operators import Haystack, key, parse


@pytest.mark.parametrize("typed, text, phrases, excluded", [
    ('"運用保守" 人材 -選挙', "運用保守 人材", ("運用保守",), ("選挙",)),
    ("“デジタル・ブロック”の議論", "デジタル・ブロック の議論", ("デジタル・ブロック",), ()),
    ("＂官民連携＂　－入札", "官民連携", ("官民連携",), ("入札",)),
    ('子育て -"待機 児童"', "子育て", (), ("待機 児童",)),
    ("COVID-19 対策", "COVID-19 対策", (), ()),            # a minus inside a word is the word's
    ("O&M-related work", "O&M-related work", (), ()),
    ('"" 子育て "　"', "子育て", (), ()),                   # an empty phrase is nothing; the marks go
    ('say "hi', 'say "hi', (), ()),                         # an unpaired quote is an ordinary character
    ("- 子育て", "- 子育て", (), ()),                        # a lone minus excludes nothing
    ("'; DROP TABLE memos; --", "'; DROP TABLE memos; --", (), ()),   # nor one before punctuation
])
def test_parse_takes_phrases_and_excluded_words_out_of_the_query(typed, text, phrases, excluded):
    ops = parse(typed)
    assert (ops.text, ops.phrases, ops.excluded) == (text, phrases, excluded)
    assert ops.active == bool(phrases or excluded)


def test_a_phrase_wrapped_over_two_lines_or_typed_in_another_width_is_found():
    hay = Haystack(["デジタル・ブロ\n ック経済化が進む", "ＤＸの推進", "経済 ブロック", "ブロック"])
    assert hay.rows_with("デジタル・ブロック経済化").tolist() == [0]
    assert hay.rows_with("dx").tolist() == [1]
    assert hay.rows_with("経済ブロック").tolist() == [2]           # spaces do not count
    assert hay.rows_with("ブロック").tolist() == [0, 2, 3]
    assert hay.rows_with("経済化が進むＤＸ").tolist() == []          # never across two passages
    assert key("Ｏ＆Ｍ 運用") == "o&m運用"


def test_a_quoted_phrase_keeps_only_the_passages_that_hold_it(engine):
    phrase = "ブロック経済化"
    holding = {p.passage_id for p in engine.store.iter_passages() if phrase in "".join(p.text.split())}
    assert 0 < len(holding) < 5
    hits = engine.search(f'"{phrase}"', k=10)
    shown = {p.passage_id for h in hits for p in h.passages}
    assert shown and shown <= holding
    assert all(phrase in "".join(h.text.split()) for h in hits)
    assert hits.unmatched == ()
    plain = engine.search(phrase, k=10)                        # unquoted, the search ranks beyond the phrase
    assert any(phrase not in "".join(h.passage.text.split()) for h in plain)


def test_an_excluded_word_leaves_out_every_passage_holding_it(engine):
    plain = engine.search("DXとO&M", k=10)
    assert any("冨山" in h.passage.text or "インフラ" in h.passage.text for h in plain)
    hits = engine.search("DXとO&M -インフラ", k=10)
    assert len(hits) == 10
    assert not any("インフラ" in "".join(p.text.split()) for h in hits for p in h.passages)


def test_a_phrase_no_passage_holds_is_searched_as_words_and_said(engine):
    hits = engine.search('"人材の宇宙的育成" 現地人材', k=5)
    assert hits.unmatched == ("人材の宇宙的育成",)
    assert len(hits) == 5 and any("人材" in h.text for h in hits)


def test_a_phrase_and_a_speaker_filter_both_apply(engine):
    hits = engine.search('"O&M"', speakers=["冨山委員"], k=10)
    assert hits and all(h.remark.speaker == "冨山委員" for h in hits)
    assert all("o&m" in key(h.text) for h in hits)


def test_only_excluded_words_is_a_clear_error(engine):
    with pytest.raises(SearchError, match="type what to search for"):
        engine.search("-選挙 -議会")


def test_cli_says_which_phrase_it_could_not_find(seed_index, capsys):
    assert main(["query", '"人材の宇宙的育成" 現地人材', "--index", str(seed_index), "-k", "2"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "「人材の宇宙的育成」をそのまま含む箇所はないため、語の一致として検索しました"
    assert main(["query", '"ブロック経済化"', "--index", str(seed_index), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records and all(r["unmatched_phrases"] == [] and "ブロック経済化" in key(r["text"]) for r in records)
