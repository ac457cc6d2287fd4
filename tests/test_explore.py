"""Explore: topic map, themes, speaker × theme counts, distinctive terms, trends, PNG export, and the page."""
from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from search import explore as ex
from search import explore_figures as figures
from search.records import Document, Passage

TOPICS = [  # planted themes: each passage says some words of one of these
    ["港湾", "鉄道", "橋梁", "道路", "空港"],
    ["通信", "放送", "電波", "光ファイバ", "衛星"],
    ["人材", "育成", "研修", "留学", "教育"],
]


def planted(n_per_topic: int = 40, dim: int = 32, seed: int = 1):
    """Passages whose vectors and words come from TOPICS; speakers A, B and unsigned text in turn."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(len(TOPICS), dim)) * 3
    passages, vectors, truth = [], [], []
    for i in range(n_per_topic * len(TOPICS)):
        topic = i % len(TOPICS)
        words = list(rng.choice(TOPICS[topic], size=3, replace=False)) + ["推進"]
        doc = "minutes.txt" if i % 2 else "sheet.txt"
        passages.append(Passage(f"{doc}#{i}/0", f"{doc}#{i}", doc, 0, " ".join(words), 0, 1,
                                speaker=[("冨山委員"), "高橋座長", None][i % 3]))
        vectors.append(centres[topic] + rng.normal(size=dim))
        truth.append(topic)
    return passages, np.array(vectors, dtype=np.float32), truth


def split(text: str) -> list[str]:
    return text.split()


DOCS = [
    Document("minutes.txt", "懇談会（第２回）議事要旨", "minutes", "", meeting="インフラ海外展開懇談会",
             meeting_number=2, date="2020-05-12", fiscal_year=2020),
    Document("sheet.txt", "政策評価書 政策14", "evaluation_sheet", "", fiscal_year=2013),
]


# ---------------------------------------------------------------- pure functions, synthetic input
@pytest.mark.parametrize("n, expected", [(0, 1), (3, 3), (10, 4), (32, 4), (50, 5), (200, 10), (800, 20),
                                         (1800, 30), (100_000, 30)])
def test_default_number_of_themes(n, expected):
    assert ex.default_n_themes(n) == expected


@pytest.mark.parametrize("term, ok", [("海外展開", True), ("DX", True), ("O&M", True), ("国", False),
                                      ("2020", False), ("１２", False), ("、。", False),
                                      ("言う", False), ("申し上げる", False)])
def test_worth_showing(term, ok):
    assert ex.worth_showing(term) is ok


def test_class_tfidf_prefers_terms_of_one_class():
    classes = [[["港湾", "推進"], ["港湾", "鉄道", "推進"]], [["通信", "推進"], ["放送", "推進"]]]
    first, second = ex.class_tfidf(classes, top=10)
    assert first[0][0] == "港湾"
    assert {t for t, _ in second[:2]} == {"通信", "放送"}
    assert dict(first)["推進"] < dict(first)["港湾"]   # in every passage of both: not distinctive
    assert all(t in {"港湾", "鉄道", "推進"} for t, _ in first)


def test_themes_recover_planted_topics_and_are_deterministic():
    passages, vectors, truth = planted()
    tokens = ex.passage_terms(passages, split)
    a = ex.themes(passages, vectors, n_themes=3, seed=0, tokens=tokens)
    b = ex.themes(passages, vectors, n_themes=3, seed=0, tokens=tokens)
    assert [(t.label, t.rows) for t in a] == [(t.label, t.rows) for t in b]
    assert sorted(r for t in a for r in t.rows) == list(range(len(passages)))
    assert [t.id for t in a] == [0, 1, 2] and [t.size for t in a] == sorted((t.size for t in a), reverse=True)
    for t in a:
        topics = {truth[r] for r in t.rows}
        assert len(topics) == 1
        assert set(t.label[:3]) <= set(TOPICS[topics.pop()])
        assert "推進" not in t.label[:3]


def test_themes_reject_misaligned_vectors():
    passages, vectors, _ = planted()
    with pytest.raises(ValueError, match="aligned"):
        ex.themes(passages, vectors[:-1], tokens=[[]] * len(passages))


def test_topic_map_one_point_per_passage_and_deterministic():
    _, vectors, truth = planted(n_per_topic=30)
    a = ex.topic_map(vectors, seed=0)
    assert a.shape == (len(vectors), 2) and np.isfinite(a).all()
    assert np.array_equal(a, ex.topic_map(vectors, seed=0))
    # planted topics stay apart on the map: each point's nearest neighbour is of its own topic
    d = np.linalg.norm(a[:, None] - a[None], axis=2) + np.eye(len(a)) * 1e9
    assert np.mean(np.array(truth)[d.argmin(1)] == np.array(truth)) > 0.95
    assert ex.topic_map(vectors, method="pca").shape == (len(vectors), 2)
    assert ex.topic_map(vectors[:2]).shape == (2, 2)
    with pytest.raises(ValueError, match="choose one of"):
        ex.topic_map(vectors, method="umap")


def test_speaker_theme_matrix_counts_every_passage_once():
    passages, vectors, _ = planted()
    th = ex.themes(passages, vectors, n_themes=4, tokens=ex.passage_terms(passages, split))
    groups = ex.passage_groups(passages, DOCS, "speaker")
    m = ex.speaker_theme_matrix(groups, th)
    assert int(m.to_numpy().sum()) == len(passages)
    assert dict(m.sum(axis=1)) == dict(Counter(groups))
    assert list(m.columns) == [t.name for t in th]
    assert ex.NO_SPEAKER in m.index


def test_namesakes_of_two_bodies_are_two_speakers():
    docs = [Document(f"{n}.txt", f"{body}（第１回）議事録", "minutes", "", meeting=body, meeting_number=1)
            for n, body in (("a", "交通政策審議会 地域公共交通部会"), ("b", "介護人材検討会"))]
    passages = [Passage(f"{doc}#{i}/0", f"{doc}#{i}", doc, 0, "text", 0, 1, speaker=speaker, role="委員")
                for i, (doc, speaker) in enumerate([("a.txt", "鈴木委員"), ("b.txt", "鈴木委員"), ("a.txt", "佐藤委員")])]
    assert ex.passage_groups(passages, docs, "speaker") == [
        "鈴木委員｜交通政策審議会 地域公共交通部会", "鈴木委員｜介護人材検討会", "佐藤委員"]
    named = [Passage(f"{doc}#9/0", f"{doc}#9", doc, 0, "text", 0, 1, speaker="石破茂", role="大臣")
             for doc in ("a.txt", "b.txt")]                  # a full name is one person in every body
    assert ex.passage_groups(named, docs, "speaker") == ["石破茂（大臣）", "石破茂（大臣）"]
    said_as = {p.remark_id: "内閣総理大臣（石破茂君）" for p in named}     # the post the record prints, as cards name it
    assert ex.passage_groups(named, docs, "speaker", said_as) == ["石破茂（内閣総理大臣）"] * 2
    one_body = [Passage(f"a.txt#{i}/0", f"a.txt#{i}", "a.txt", 0, "text", 0, 1, speaker="石破茂", role="大臣")
                for i in range(3)]
    printed = {"a.txt#0": "内閣総理大臣（石破茂君）", "a.txt#1": "内閣総理大臣（石破茂君）", "a.txt#2": "国務大臣（石破茂君）"}
    assert ex.passage_groups(one_body, docs, "speaker", printed) == ["石破茂（内閣総理大臣）"] * 3   # its most frequent
    posts = [Passage(f"a.txt#{i}/0", f"a.txt#{i}", "a.txt", 0, "text", 0, 1, speaker="鈴木真澄", role=role)
             for i, role in enumerate(["委員", "委員長", "委員"])]       # one person in two posts: one group
    assert ex.passage_groups(posts, docs, "speaker") == ["鈴木真澄（委員）"] * 3
    two = [Passage(f"{doc}#8/0", f"{doc}#8", doc, 0, "text", 0, 1, speaker="佐藤一郎", role=role)
           for doc, role in (("a.txt", "知事"), ("b.txt", "市長"))]          # two bodies, two posts: two people
    assert ex.passage_groups(two, docs, "speaker") == ["佐藤一郎（知事）", "佐藤一郎（市長）"]
    same = [Document(f"{n}.txt", "参議院 本会議 第２号", "minutes", "", meeting="参議院 本会議", meeting_number=2,
                     date=f"2024-10-0{n}") for n in (4, 9)]
    assert list(ex.document_labels(same).values()) == ["2024/10/4 参議院 本会議 第2号", "2024/10/9 参議院 本会議 第2号"]


def test_distinctive_terms_and_unknown_speaker():
    tokens = [["港湾", "推進"], ["鉄道", "港湾", "推進"], ["通信", "推進"], ["放送", "推進"]]
    groups = ["冨山委員", "冨山委員", "高橋座長", "高橋座長"]
    out = ex.distinctive_terms(tokens, groups, ["冨山委員", "高橋座長"], top=2)
    assert out["冨山委員"][0][0] == "港湾"
    assert {t for t, _ in out["高橋座長"]} == {"通信", "放送"}
    with pytest.raises(ValueError, match="no passages for 佐藤委員"):
        ex.distinctive_terms(tokens, groups, ["佐藤委員"])


def test_periods_and_trends():
    passages, _, _ = planted(n_per_topic=4)
    periods, order = ex.passage_periods(passages, DOCS, "year")
    assert order[:2] == ["2013年度", "2020年度"]
    meetings, morder = ex.passage_periods(passages, DOCS, "meeting")
    assert morder[:2] == ["政策評価書 政策14", "2020/5/12 インフラ海外展開懇談会 第2回"]   # dated, in time order
    tokens = ex.passage_terms(passages, split)
    rows = ex.term_rows(tokens, "橋梁", split)
    assert rows == [r for r, p in enumerate(passages) if "橋梁" in p.text] and len(rows) < len(passages)
    both = ex.term_rows(tokens, "橋梁 空港", split)   # every content word of the term must be there
    assert both and set(both) < set(rows) and all("空港" in passages[r].text for r in both)
    table = ex.trends(periods, rows, order)
    assert list(table["period"]) == ["2013年度", "2020年度"]
    assert table["passages"].sum() == len(passages) and table["matching"].sum() == len(rows)
    assert table["share"].between(0, 1).all()
    with pytest.raises(ValueError, match="no content words"):
        ex.term_rows(tokens, "  ", split)


def test_png_export_renders_japanese_offline(tmp_path):
    passages, vectors, _ = planted(n_per_topic=10)
    coords = ex.topic_map(vectors, method="pca")
    png = figures.map_png(coords, ex.passage_groups(passages, DOCS, "speaker"), [0, 1], "話題の地図")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 10_000
    from matplotlib import font_manager
    assert font_manager.FontProperties(family=figures._japanese_font()).get_name() == "IPAexGothic"
    csv = figures.csv_bytes(ex.trends(["2013年度"] * 3, [0], ["2013年度"]), index=False)
    assert csv.startswith("\ufeffperiod".encode())


def test_a_map_of_hundreds_of_speakers_colours_the_largest_and_greys_the_rest():
    rng = np.random.default_rng(0)
    speakers = [f"委員{i:03d}" for i in range(300) for _ in range(1 + (i < 5) * 20)]   # 5 talk a lot
    coords = rng.normal(size=(len(speakers), 2))
    shown = figures.largest_groups(speakers)
    assert len(set(shown)) == figures.MAX_GROUPS + 1
    assert Counter(shown)[f"その他（{300 - figures.MAX_GROUPS}）"] == 300 - figures.MAX_GROUPS
    assert {f"委員{i:03d}" for i in range(5)} <= set(shown)
    figure = figures.map_figure(coords, speakers, [""] * len(speakers), highlight=[0])
    assert len(figure.data) == figures.MAX_GROUPS + 2                  # the groups, その他 and the ringed hits
    colours = figures.group_colours(shown)
    assert colours[f"その他（{300 - figures.MAX_GROUPS}）"] == figures.MUTED
    assert len({c for g, c in colours.items() if not g.startswith("その他")}) == figures.MAX_GROUPS
    assert figures.largest_groups(speakers[:30]) == speakers[:30]      # few groups: unchanged


# ---------------------------------------------------------------- the seed index
@pytest.fixture(scope="module")
def seed(engine):
    passages, vectors = engine.passages(), engine.passage_vectors()
    t = time.perf_counter()
    tokens = ex.passage_terms(passages)
    found = ex.themes(passages, vectors, seed=0, tokens=tokens)
    seconds = time.perf_counter() - t
    print(f"\nseed corpus: {len(passages)} passages, terms + {len(found)} themes in {seconds:.2f} s")
    return passages, vectors, tokens, found


def test_seed_themes_are_deterministic_and_cover_every_passage(seed):
    passages, vectors, tokens, found = seed
    assert len(found) == ex.default_n_themes(len(passages))
    again = ex.themes(passages, vectors, seed=0, tokens=tokens)
    assert [(t.label, t.rows) for t in again] == [(t.label, t.rows) for t in found]
    assert sorted(r for t in found for r in t.rows) == list(range(len(passages)))
    assert len(ex.themes(passages, vectors, n_themes=6, seed=0, tokens=tokens)) == 6


def test_seed_theme_labels_are_terms_of_their_passages(seed):
    from search.text import terms

    passages, _, _, found = seed
    for t in found:
        assert t.label, t
        said = {w for r in t.rows for w in terms(passages[r].text)}
        assert set(t.label) <= said, (t.name, set(t.label) - said)


def test_seed_heatmap_counts_add_up_to_the_passages(seed, engine):
    passages, _, _, found = seed
    for by in ex.GROUPINGS:
        groups = ex.passage_groups(passages, engine.documents(), by)
        m = ex.speaker_theme_matrix(groups, found)
        assert int(m.to_numpy().sum()) == len(passages)
    speakers = ex.speaker_theme_matrix(ex.passage_groups(passages, engine.documents(), "speaker"), found)
    assert ex.NO_SPEAKER in speakers.index     # the evaluation sheets' unsigned text
    assert len(speakers.index) > 3              # and the members of the minutes


def test_seed_map_has_one_point_per_passage(seed):
    passages, vectors, _, _ = seed
    t = time.perf_counter()
    coords = ex.topic_map(vectors, seed=0)
    print(f"\nseed corpus: t-SNE map of {len(passages)} passages in {time.perf_counter() - t:.2f} s")
    assert coords.shape == (len(passages), 2) and np.isfinite(coords).all()


def test_seed_distinctive_terms_and_trends(seed, engine):
    passages, _, tokens, _ = seed
    groups = ex.passage_groups(passages, engine.documents(), "speaker")
    signed = [g for g, _ in Counter(groups).most_common() if g != ex.NO_SPEAKER][:2]
    out = ex.distinctive_terms(tokens, groups, signed, top=10)
    for g in signed:
        said = {w for terms, who in zip(tokens, groups) if who == g for w in terms}
        assert out[g] and {t for t, _ in out[g]} <= said
    periods, order = ex.passage_periods(passages, engine.documents(), "year")
    assert len(set(periods)) > 1    # the seed spans several fiscal years
    rows = ex.term_rows(tokens, "国際")
    table = ex.trends(periods, rows, order)
    assert table["matching"].sum() == len(rows) > 0
    assert list(table["period"]) == sorted(table["period"])


def noun_phrase_vocabulary(passages) -> set[str]:
    from search.explore import noun_phrases

    return {w for p in passages for w in noun_phrases(p.text)}


def test_cli_explore_json_and_export(seed_index, tmp_path, capsys):
    import json

    from search.cli import main

    assert main(["explore", "--index", str(seed_index), "--json", "--term", "国際", "--by", "year"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["unit"] == "passage"
    assert sum(t["size"] for t in out["themes"]) == out["passages"]
    assert sum(sum(row.values()) for row in out["speaker_theme"].values()) == out["passages"]
    assert out["trends"]["term"]["table"]
    # as on the app's 探索 page: themes of the debate, procedure and form boilerplate left out, labels noun phrases
    from search.engine import Engine
    from search.procedural import procedural

    by_id = {p.passage_id: p for p in Engine.open(seed_index).passages()}
    assert out["left_out"] > 0 and out["passages"] + out["left_out"] == len(by_id)
    assert not any(procedural(by_id[pid]) for t in out["themes"] for pid in t["passage_ids"])
    label_words = {w for t in out["themes"] for w in t["label"]}
    assert label_words and all(w in noun_phrase_vocabulary(by_id.values()) for w in label_words)
    export = tmp_path / "slides"
    assert main(["explore", "--index", str(seed_index), "--themes", "5", "--export", str(export)]) == 0
    pngs = sorted(p.name for p in export.glob("*.png"))
    assert pngs == ["distinctive_terms.png", "speaker_x_theme.png", "themes_over_time.png", "topic_map.png"]
    for png in export.glob("*.png"):
        assert png.read_bytes()[:4] == b"\x89PNG"
        assert png.with_suffix(".csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_page_renders_and_switches(engine):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(Path(__file__).parent / "explore_app.py"), default_timeout=120)
    at.session_state["test_engine"] = engine
    at.run()
    assert not at.exception, at.exception
    assert len(at.tabs) == 4
    colour = at.segmented_control(key="ex_colour")
    for choice in ("meeting", "theme", "speaker"):
        colour.set_value(choice).run()
        assert not at.exception, at.exception
    at.segmented_control(key="ex_heat_by").set_value("meeting").run()
    assert not at.exception, at.exception
    speakers = at.multiselect(key="ex_speakers")
    signed = [o for o in speakers.options if "発言者なし" not in o][:3]
    assert len(signed) == 3
    speakers.set_value([o.split("（")[0] for o in signed]).run()
    assert not at.exception, at.exception
    at.number_input(key="ex_n_themes").set_value(5).run()
    assert not at.exception, at.exception
    assert at.segmented_control(key="ex_scope_mode").value == "all"   # every minutes file by default
    assert any("対象：1文書" in c.value for c in at.caption)            # the seed's one minutes file
    at.segmented_control(key="ex_scope_mode").set_value("pick").run()
    scope = at.multiselect(key="ex_scope")
    assert scope.value == [] and any("対象の会議・文書を選んでください" in i.value for i in at.info)   # none chosen for one
    scope.set_value(["004_2b152710ce42e84e.txt"]).run()
    assert any("対象：1文書" in c.value for c in at.caption)
    scope.set_value([d.doc for d in engine.documents()]).run()         # every document: several years
    assert any("対象：5文書" in c.value for c in at.caption)
    at.text_input(key="ex_trend_term").set_value("国際").run()
    assert not at.exception, at.exception
    assert [b.label for b in at.get("download_button")][:2] == ["画像（PNG）", "表（CSV）"]


def test_one_meeting_splits_its_members_over_themes_labelled_by_noun_phrases(engine):
    """Explore on meeting 004 alone: procedural text left out, members in several themes, no verb in a label."""
    import fugashi

    from search.procedural import boilerplate, procedural

    passages, vectors = engine.passages(), engine.passage_vectors()
    repeated = boilerplate(passages)
    rows = [i for i, p in enumerate(passages) if p.doc == "004_2b152710ce42e84e.txt"]
    kept = [i for i in rows if not procedural(passages[i]) and i not in repeated]
    assert 0 < len(kept) <= len(rows)
    units = [passages[i] for i in kept]
    found = ex.themes(units, vectors[kept], seed=0, tokens=[ex.noun_phrases(p.text) for p in units])
    theme_of = ex.theme_of_rows(found, len(units))
    members = {p.speaker for p in units if p.speaker and p.speaker.endswith("委員")}
    assert len(members) >= 5
    for member in members:
        spread = {theme_of[n] for n, p in enumerate(units) if p.speaker == member}
        assert len(spread) >= 1
    assert len({theme_of[n] for n, p in enumerate(units) if p.speaker in members}) > 1
    assert sum(len({theme_of[n] for n, p in enumerate(units) if p.speaker == m}) > 1 for m in members) >= 3
    tagger = fugashi.Tagger()
    for t in found:
        assert t.label
        for phrase in t.label:
            pos = {w.feature.pos1 for w in tagger(phrase)}
            assert not pos & {"動詞", "助詞", "助動詞", "形容詞"}, (t.name, phrase)
            assert not any(w.feature.pos3 == "人名" for w in tagger(phrase)), (t.name, phrase)


@pytest.mark.parametrize("text, procedural", [
    ("ただいまから第２回懇談会を開会いたします。", True),
    ("異議なし。", True),
    ("速記を止めてください。", True),
    ("O&Mを含むソフト面の輸出を新戦略の柱にすべきであり、現地人材の育成と一体で進める必要がある。", False),
])
def test_procedural_rule(text, procedural):
    from search.procedural import is_procedural

    assert is_procedural(text) is procedural


@pytest.mark.parametrize("text, phrases", [
    ("O&Mを含む運営・維持管理の海外展開では、現地人材の育成が重要であると伺った。",
     ["O&M", "運営・維持管理", "海外展開", "現地人材", "育成"]),
    ("３点目はスマートシティの海外展開。", ["スマートシティ", "海外展開"]),
    ("2020年度に冨山委員が答える。", []),
    # formal nouns in kana (ほう is 方, ふう 風), courtesy prefixes, posts and 等 are no part of a label
    ("私のほうから、そういうふうに各担当部長と教育長等からお答えします。御異議ありませんか。", []),
    ("ごみの収集といじめ対策について御提案します。", ["ごみ", "収集", "いじめ対策", "提案"]),
])
def test_noun_phrases(text, phrases):
    assert ex.noun_phrases(text) == phrases


def test_noun_phrases_from_several_threads_at_once_match_one_thread():
    """A MeCab node lives until its tagger's next parse: threads (Streamlit sessions) never share a tagger."""
    from concurrent.futures import ThreadPoolExecutor

    texts = [f"第{i}回の会議では、O&Mを含む運営・維持管理と現地人材の育成、スマートシティの海外展開を議論した。" * (1 + i % 3)
             for i in range(40)]
    alone = [ex.noun_phrases(t) for t in texts]
    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(ex.noun_phrases, texts)) == alone
