"""normalize(), terms(), the glossary, query concepts and views, and highlight spans on real strings of the seed corpus."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.glossary import Glossary, GlossaryError
from search.highlight import highlight_spans, matched_terms
from search.retrieval.params import RetrievalParams
from search.retrieval.plan import query_concepts, query_views
from search.text import normalize, normalize_aligned, terms

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MINUTES = (CORPUS / "004_2b152710ce42e84e.txt").read_text(encoding="utf-8")
SHEET = (CORPUS / "003_438bdac8e45b0f74.txt").read_text(encoding="utf-8")
ALL_LINES = [ln for p in sorted(CORPUS.glob("*.txt")) for ln in p.read_text(encoding="utf-8").splitlines()]
PARTICLES = {"は", "が", "を", "に", "の", "で", "と", "も", "へ", "から", "より", "や", "て", "た", "です", "ます"}
NO_GLOSSARY = Glossary.empty()


def line_with(fragment: str, source: str = MINUTES) -> str:
    return next(ln for ln in source.splitlines() if fragment in ln)


@pytest.mark.parametrize("raw, expected", [
    ("（飯島委員）", "(飯島委員)"),
    ("ＤＸ", "dx"),
    ("Ｏ＆Ｍ", "o&m"),
    ("O＆Mと言われてい\n\nる領域", "o&mと言われている領域"),     # line wrap inside a word is gone
    ("区　　分 平成30年度 令和元年度", "区分平成30年度令和元年度"),
    ("DX and O&M", "dx and o&m"),                                  # spaces between English words stay
    ("SDGs への貢献度", "sdgs への貢献度"),
    ("髙橋座長", "高橋座長"),
    ("サーバ－", "サーバー"),                                       # full-width dash after katakana
    ("ﾃﾞｰﾀ", "データ"),
])
def test_normalize(raw, expected):
    assert normalize(raw) == expected


def test_normalize_deletes_private_use_bullets():
    bulleted = [ln for ln in MINUTES.splitlines() if re.search("[\ue000-\uf8ff]", ln)]
    assert len(bulleted) > 10
    assert not any(re.search("[\ue000-\uf8ff]", normalize(ln)) for ln in bulleted)
    assert normalize(line_with("前回に引き続き")).startswith("前回に引き続き")


@pytest.mark.parametrize("source", [MINUTES, SHEET, *ALL_LINES[:400]])
def test_aligned_normalize_agrees_and_points_back(source):
    norm, src = normalize_aligned(source)
    assert norm == normalize(source)
    assert len(src) == len(norm)
    for ch, (a, b) in zip(norm, src):
        assert ch in normalize(source[a:b]) or ch in "ー "


@pytest.mark.parametrize("raw, present, absent", [
    ("（飯島委員）", ["飯島", "委員"], ["(", ")", "（"]),
    ("(令和元年６月14日改訂)", ["令和", "元年", "6", "14", "改訂"], ["(", "月日"]),
    ("インフラ海外展開に関する新戦略策定に向けた懇談会", ["インフラ", "海外", "展開", "戦略", "懇談"], ["に", "関する"]),
    ("DX and O&M", ["dx", "o&m"], ["and", "o", "m"]),
    ("ＤＸ（デジタルトランスフォーメーション）", ["dx", "デジタル"], ["ＤＸ", "DX"]),
    ("いわゆる O＆Mと言われてい", ["o&m"], ["o", "&", "m", "o＆m"]),
    ("DX 特有の Try＆Errorを許容するファイナンス、R&D費用補助", ["dx", "try&error", "r&d", "費用", "補助"], ["r", "d"]),
    ("5G等によるSociety5.0の地域実装", ["5g", "地域", "実装"], ["5", "g"]),
    ("SDGs への貢献度を他国比較しその順位向上", ["sdgs", "貢献", "比較", "順位"], ["への", "その"]),
    ("合計（a＋b＋c） 2,349 2,616 2,491", ["2349", "2616", "2491"], ["2,349", "349"]),
    ("long-term support for infrastructure abroad", ["long", "term", "support", "infrastructure", "abroad"],
     ["for", "long-term"]),
    ("Japan's ODA and the SDGs", ["japan", "oda", "sdgs"], ["s", "the", "and", "japan's"]),
    ("infrastructure exports and KPIs", ["export", "kpis"], ["exports", "kpi"]),   # acronyms keep their s
])
def test_terms(raw, present, absent):
    got = terms(raw)
    assert all(t in got for t in present), got
    assert not any(t in got for t in absent), got


@pytest.mark.parametrize("a, b", [
    ("ＤＸ", "DX"),
    ("Ｏ＆Ｍ", "O&M"),
    ("髙橋座長", "高橋座長"),
    ("サーバーとコンピューター", "サーバとコンピュータ"),        # long-vowel spelling variants
    ("取組", "取り組み"),
    ("ＩＣＴ分野における国際戦略の推進", "ICT分野における国際戦略の推進"),
])
def test_variants_give_the_same_terms(a, b):
    assert terms(a) == terms(b) != []


def test_a_noun_and_its_suffix_are_also_one_term_so_a_named_body_is_found_as_itself():
    from search.text import normalize, term_spans

    assert terms("防災庁の設置") == ["防災", "防災庁", "設置"]               # not only 防災: 防災庁 is another word
    assert terms("区立保育園の民営化") == ["区", "区立", "保育", "保育園", "民営", "民営化"]
    assert terms("山田さんたちと委員ごとに") == ["山田", "委員"]           # honorifics and counters make no word
    assert terms("デジタル化", compounds=False) == ["デジタル"]            # a glossary wording: its words only
    norm = normalize("新たに防災庁を")
    assert [(t, norm[a:b]) for t, a, b in term_spans(norm)] == [("新た", "新た"), ("防災", "防災"), ("防災庁", "防災庁")]


def test_terms_keep_duplicates_in_order():
    got = terms(line_with("KPI については、定量的な KPI に加え"))
    assert got.count("kpi") == 2
    assert got.index("kpi") < got.index("定量")


@pytest.mark.parametrize("fragment", ["前回に引き続き", "新型コロナウイルスにより", "輸出先への貢献という意味でも"])
def test_particles_and_punctuation_are_not_terms(fragment):
    got = terms(line_with(fragment))
    assert len(got) >= 3
    assert not PARTICLES & set(got), got
    assert not any(re.fullmatch(r"[、。・（）()「」\s]+", t) for t in got)


def test_no_english_gloss_in_any_term_of_the_seed_corpus():
    # unidic-lite lemmas read like インフラ-infrastructure; only pure ASCII terms may hold a hyphen
    glossed = [t for ln in ALL_LINES for t in terms(ln) if "-" in t and not t.isascii()]
    assert glossed == []


def test_terms_of_an_empty_or_symbol_only_text():
    assert terms("") == []
    assert terms("\ue09e 。、（）") == []


# ---------------------------------------------------------------- glossary
@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


@pytest.mark.parametrize("query, expected", [
    ("O&M", ["維持", "管理"]),
    ("Ｏ＆Ｍ", ["維持", "管理"]),
    ("運営・維持管理", ["o&m"]),
    ("DX", ["デジタル"]),
    ("デジタルトランスフォーメーション", ["dx"]),
    ("ODA", ["政府", "開発", "援助"]),
    ("政府開発援助", ["oda"]),
    ("官民連携", ["ppp"]),
    ("SDGs", ["持続", "開発", "目標"]),
    ("maintenance of infrastructure", ["維持", "インフラ"]),
    ("human resources", ["人材"]),
    ("standardization", ["標準"]),
])
def test_glossary_expands_both_ways(glossary, query, expected):
    concepts = query_concepts(query, glossary)
    got = [t for c in concepts for w in c for t in w]
    assert all(t in got for t in expected), got
    typed = {t for c in concepts for w, weight in c.items() if weight == 1.0 for t in w}
    assert typed == set(terms(query))                                  # the query's own terms weigh 1


def test_dx_and_om_query(glossary):
    concepts = query_concepts("DX and O&M", glossary)
    got = {t for c in concepts for w in c for t in w}
    assert [w for c in concepts for w, weight in c.items() if weight == 1.0] == [("o&m",), ("dx",)]
    assert "and" not in got and {"維持", "デジタル"} <= got


def test_a_typed_word_belongs_to_the_longest_concept_that_holds_it(glossary):
    concepts = query_concepts("長期的な運用保守", glossary)
    typed = [w for c in concepts for w, weight in c.items() if weight == 1.0]
    assert tuple(terms("運用・保守")) in typed                       # O&M, typed in Japanese
    assert ("運用",) not in typed and ("保守",) not in typed          # not also operation / maintenance
    assert ("長期",) in typed


def test_an_english_plural_is_the_typed_wording_of_its_glossary_line(glossary):
    [concept] = [c for c in query_concepts("infrastructure exports", glossary) if ("export",) in c]
    assert concept[("export",)] == 1.0 and concept[("輸出",)] < 1.0
    assert not any(("exports",) in c for c in query_concepts("infrastructure exports", glossary))


def CORPUS_USES_ALL_BUT(*absent):
    """A `uses` function: the corpus holds every wording but these, each in one passage."""
    return lambda variant: int(variant not in absent)


def test_views_reword_a_concept_the_corpus_never_writes_as_typed(glossary):
    uses = {"O&M": 6, "運営・維持管理": 1, "運営維持管理": 1, "維持管理": 1}   # 運用・保守 is never used
    views = dict(query_views("長期的な運用保守", glossary, lambda v: uses.get(v, 0)))
    # each wording the corpus uses, weighted by its share of the concept's uses; 運営維持管理 has the
    # same terms as 運営・維持管理 and is one wording with it
    assert views == {"長期的なO&M": 0.75, "長期的な運営・維持管理": 0.125, "長期的な維持管理": 0.125}


def test_views_leave_a_concept_typed_as_the_corpus_writes_it(glossary):
    assert query_views("DXとO&M", glossary, CORPUS_USES_ALL_BUT()) == []
    assert query_views("長期的な運用保守", glossary, lambda v: 0) == []   # nothing to reword into
    views = dict(query_views("ＤＸとoperation and maintenance", glossary,
                                  CORPUS_USES_ALL_BUT("operation and maintenance")))
    assert "ＤＸとO&M" in views                                   # the rest of the query as typed, widths too
    assert not any("デジタル" in v for v in views)                  # ＤＸ is held: not reworded


def test_views_replace_only_typed_wordings_and_only_with_held_ones(glossary):
    views = query_views("官民連携による案件形成", glossary, CORPUS_USES_ALL_BUT("官民連携", "官民パートナーシップ"))
    assert views == [("PPPによる案件形成", 0.5), ("public-private partnershipによる案件形成", 0.5)]   # 官 in 官民: not typed
    # every concept the corpus never writes as typed is reworded at once, so no view keeps an unused word
    views = query_views("infrastructure exports", glossary, lambda v: int(not v.isascii()))
    assert sorted(views) == [("インフラ 海外展開", 0.25), ("インフラ 輸出", 0.25),
                             ("社会基盤 海外展開", 0.25), ("社会基盤 輸出", 0.25)]


def test_views_keep_the_heaviest_within_the_limit(glossary):
    uses = {"インフラ": 30, "社会基盤": 10, "輸出": 20, "海外展開": 20}
    views = query_views("infrastructure exports", glossary, lambda v: uses.get(v, 0), limit=2)
    assert sorted(views) == [("インフラ 海外展開", 0.5), ("インフラ 輸出", 0.5)]


def test_without_glossary_only_own_terms():
    assert query_concepts("O&M", NO_GLOSSARY) == [{("o&m",): 1.0}]


def test_english_wordings_match_whole_words_only(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text("# test\nAI\t人工知能\n\nport\t港湾\n", encoding="utf-8")
    g = Glossary.load(path)
    assert g.expand("said") == [] and g.expand("support") == []
    assert g.expand("AIの活用") == ["人工知能"]
    assert g.expand("ports and airports") == ["港湾"]                 # plural -s folded
    assert g.expand("人工知能") == ["AI"]


def test_expansion_weights_favour_the_typed_words(glossary):
    [concept] = query_concepts("O&M", glossary)
    assert concept[("o&m",)] == 1.0
    assert 0 < concept[tuple(terms("維持管理"))] < 1.0


def test_a_multi_word_wording_stays_whole(glossary):
    """運用・保守 is one wording of O&M: a passage needs both words, so it is not two loose terms."""
    [concept] = query_concepts("O&M", glossary)
    assert tuple(terms("運用・保守")) in concept and len(terms("運用・保守")) == 2
    assert ("運用",) not in concept and ("保守",) not in concept


def test_a_glossary_line_is_one_concept_and_other_words_stand_alone(glossary):
    concepts = query_concepts("DXとO&Mの海底ケーブル", glossary)
    by_typed = {next(w for w, weight in c.items() if weight == 1.0): c for c in concepts}
    assert set(by_typed) == {("dx",), ("o&m",), *((t,) for t in terms("海底ケーブル"))}
    held = {t for w in by_typed[("o&m",)] for t in w}
    assert "維持" in held and not any("維持" in w for w in by_typed[("dx",)])   # wordings stay with their line
    assert all(len(by_typed[(t,)]) == 1 for t in terms("海底ケーブル"))      # no glossary line: alone


@pytest.mark.parametrize("content, line, message", [
    ("O&M\t運営\nDX デジタル化\n", 2, "TAB"),
    ("# comment\n\nO&M\t\t運営\n", 3, "empty wording"),
    ("ODA\n", 1, "TAB"),
    ("ODA\t。、\n", 1, "no search terms"),
    ("O&M\t維持管理\nIT\t情報技術\n", 2, "no search terms"),             # "it" is an English stopword
])
def test_malformed_glossary_line_names_file_and_line(tmp_path, content, line, message):
    path = tmp_path / "glossary.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GlossaryError, match=re.escape(f"{path}:{line}:") + ".*" + message):
        Glossary.load(path)


def test_missing_or_non_utf8_glossary(tmp_path):
    with pytest.raises(GlossaryError, match="not found"):
        Glossary.load(tmp_path / "nope.tsv")
    bad = tmp_path / "sjis.tsv"
    bad.write_bytes("ODA\t政府開発援助\n".encode("shift_jis"))
    with pytest.raises(GlossaryError, match="UTF-8"):
        Glossary.load(bad)


def test_shipped_glossary_wordings_all_give_terms(glossary):
    assert len(glossary.entries) > 50
    assert all(terms(v) for e in glossary.entries for v in e.variants)


def test_the_glossary_setting_names_the_file(tmp_path, monkeypatch):
    path = tmp_path / "mine.tsv"
    path.write_text("懇談会\tround table\n", encoding="utf-8")
    monkeypatch.setenv("GIJI_GLOSSARY", str(path))
    assert query_concepts("round table", Glossary.load()) == [{("round", "table"): 1.0,
                                                            tuple(terms("懇談会")): RetrievalParams.expansion_weight}]


# ---------------------------------------------------------------- highlighting
@pytest.mark.parametrize("source_fragment, query, expected", [
    ("いわゆる O＆Mと言われてい", "O&M", ["O＆M"]),                 # half-width query, full-width ＆ in text
    ("案件の良質化、O&Mを", "Ｏ＆Ｍ", ["O&M"]),                      # full-width query, half-width text
    ("DX 特有の Try＆Error", "ｄｘ", ["DX"]),
    ("（飯島委員）", "飯島委員", ["飯島委員"]),
    ("SDGs への貢献度", "sdgs", ["SDGs"]),
])
def test_highlight_across_widths(source_fragment, query, expected):
    line = line_with(source_fragment)
    spans = highlight_spans(line, query, NO_GLOSSARY)
    assert [line[a:b] for a, b in spans] == expected
    assert matched_terms(line, query, NO_GLOSSARY) == expected


def test_highlight_across_a_line_break_inside_a_word():
    i = SHEET.index("案件形\n\n成を進めた")
    passage = SHEET[i - 20:i + 20]
    spans = highlight_spans(passage, "形成", NO_GLOSSARY)
    assert [passage[a:b] for a, b in spans] == ["形\n\n成"]
    assert matched_terms(passage, "形成", NO_GLOSSARY) == ["形成"]


def test_highlight_includes_glossary_wordings(glossary):
    line = line_with("運営・維持管理（O&M）", SHEET)
    found = matched_terms(line, "maintenance", glossary)
    assert "維持管理" in found
    spans = highlight_spans(line, "O&M", glossary)
    assert "O&M" in [line[a:b] for a, b in spans]
    assert all(a < b <= c for (a, b), (c, _) in zip(spans, spans[1:]))   # sorted, non-overlapping


def test_highlight_marks_a_glossary_wording_only_where_it_is_whole(glossary):
    # 運営・維持管理 is a wording of O&M: its words are marked together, never 管理 on its own
    line = line_with("運営・維持管理（O&M）", SHEET)
    assert {"O&M", "運営", "維持管理"} <= set(matched_terms(line, "O&M", glossary))
    alone = "施設の管理を行う"
    assert set(terms(alone)) >= {"管理"} and "維持" not in terms(alone)
    assert matched_terms(alone, "O&M", glossary) == []


@pytest.mark.parametrize("text, query, marked", [
    ("デマンド型交通の導入について伺います。", "デマンド型交通", ["デマンド型交通"]),   # not デマンド|型|交通
    ("保育士の確保が課題です。保育の質も問われます。", "保育士", ["保育士", "保育"]),
    ("型の交通は", "デマンド型交通", ["交通"]),              # 型 and の do not read as the query there
    ("能登半島地震の復旧、復興を急ぐ", "能登半島地震の復旧・復興", ["能登半島地震の復旧", "復興"]),
    ("地震の復旧", "能登半島地震の復旧・復興", ["地震の復旧"]),
    ("被災地の復旧の遅れ", "能登半島地震の復旧・復興", ["復旧"]),           # never a particle at a mark's edge
    ("利用者は、高齢者が多い。", "前もって申し込まなくても、高齢者の", ["高齢者"]),   # nor punctuation
])
def test_a_mark_covers_the_query_as_typed(text, query, marked):
    assert [text[a:b] for a, b in highlight_spans(text, query, NO_GLOSSARY)] == marked


def test_highlight_kanji_variant_and_nothing_for_absent_words():
    assert highlight_spans("髙橋座長から発言", "高橋座長", NO_GLOSSARY) == [(0, 4)]
    assert highlight_spans(line_with("（飯島委員）"), "テレビ", NO_GLOSSARY) == []
    assert highlight_spans("", "DX", NO_GLOSSARY) == []


def test_a_new_thread_per_call_reuses_the_taggers():
    """Streamlit runs every script run in a new thread; fugashi never frees a tagger (its dictionary stays
    mapped), so a tagger per thread grew the server's RSS by ~60 MB a search."""
    import threading

    maps = Path("/proc/self/maps")
    if not maps.exists():
        pytest.skip("needs /proc (Linux)")

    def dictionaries() -> int:
        return sum(line.endswith("sys.dic") for line in maps.read_text().splitlines())

    terms("初期化")
    before = dictionaries()
    for _ in range(20):
        t = threading.Thread(target=terms, args=("インフラ海外展開の新戦略",))
        t.start()
        t.join()
    assert dictionaries() - before <= 1
