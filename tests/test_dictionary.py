"""English queries over Japanese minutes: the English–Japanese dictionary (JMdict from jamdict-data, read into a
lookup table) gives the keyword side the Japanese words an English query means."""
from __future__ import annotations

import pytest

from search import dictionary
from search.dictionary import DictionaryError, EnglishDictionary, gloss_key
from search.engine import SearchError
from search.retrieval.plan import QueryPlan

TELEMEDICINE = "telemedicine pilot projects overseas"        # dev d22: the seed sheet says 遠隔医療


def test_a_gloss_is_looked_up_by_its_words_without_parentheses_articles_or_plurals():
    assert gloss_key("to measure (something)") == ("measure",)
    assert gloss_key("passive smoking") == ("passive", "smoking")
    assert gloss_key("the Olympics") == ("olympic",)
    assert gloss_key("of") is None                                   # a stopword alone is no wording
    assert gloss_key("one who takes care of a sick person at home") is None   # a definition, not a wording


def test_the_table_built_from_jmdict_holds_the_words_planners_type():
    table = EnglishDictionary.shared()
    assert "遠隔医療" in table.table[("telemedicine",)]
    assert "受動喫煙" in table.table[("passive", "smoking")]
    assert "裏金" in table.table[("slush", "fund")]
    assert all(len(v) <= dictionary.HEADWORDS for v in table.table.values())


def test_the_longest_wording_wins_and_glossary_words_are_left_to_the_glossary():
    table = EnglishDictionary.shared()
    words = ("passive", "smoking", "measure")
    assert [en for en, _ in table.lookup(words, set())] == ["passive smoking", "measure"]
    assert [en for en, _ in table.lookup(words, {2})] == ["passive smoking"]


def test_an_english_query_finds_the_japanese_passage_by_keyword(engine, monkeypatch):
    hits = engine.search(TELEMEDICINE, mode="keyword", k=5)
    assert hits and "遠隔医療" in hits[0].text
    assert hits.translated == (("telemedicine", ("遠隔医療",)),)       # what the index holds, shown to the planner
    assert "遠隔医療" in hits[0].matched_terms
    monkeypatch.setattr(engine.glossary, "dictionary", None)        # without the dictionary nothing names it
    assert not any("遠隔医療" in h.text for h in engine.search(TELEMEDICINE, mode="keyword", k=5))


def test_japanese_queries_and_glossary_words_are_not_translated(engine):
    assert engine.search("DXとO&M", k=3).translated == ()
    plan = QueryPlan("infrastructure exports", engine.glossary, engine.store, engine.params)
    assert not [line for line in plan.lines if line.entry.line == 0]   # both words are glossary lines


def test_the_semantic_side_reads_the_english_as_typed(engine):
    plan = QueryPlan(TELEMEDICINE, engine.glossary, engine.store, engine.params)
    assert [line.entry.variants[0] for line in plan.lines if line.entry.line == 0] == ["telemedicine", "pilot project"]
    views = plan.views()                                             # overseas is a glossary line: 海外
    assert views and all(text.startswith("telemedicine pilot projects ") for text, _ in views)


def test_without_its_source_package_an_english_search_says_what_to_do(engine, tmp_path, monkeypatch):
    monkeypatch.setenv("GIJI_MODEL_CACHE", str(tmp_path))          # no table built here
    monkeypatch.setattr(EnglishDictionary, "_shared", None)
    monkeypatch.setattr(engine.glossary, "dictionary", EnglishDictionary.shared)
    monkeypatch.setattr(dictionary.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SearchError, match="jamdict-data.*make install"):
        engine.search(TELEMEDICINE, k=3)
    assert engine.search("遠隔医療", k=3)                             # Japanese queries never need it


def test_a_damaged_table_is_an_error_not_an_empty_dictionary(tmp_path):
    bad = tmp_path / "en_ja.tsv"
    bad.write_bytes(b"\xff\xfe broken")
    with pytest.raises(DictionaryError, match="make model"):
        EnglishDictionary.read(bad)


def test_the_cli_says_which_english_words_it_translated(seed_index, capsys):
    from search.cli import main

    assert main(["query", TELEMEDICINE, "--index", str(seed_index), "-k", "1"]) == 0
    assert "英語の語を和訳しても探しました：telemedicine → 遠隔医療" in capsys.readouterr().out
