"""The hybrid engine on the seed index: results, filters, fusion, grouping, similar remarks, bad input."""
from __future__ import annotations

import numpy as np
import pytest

from search.cite import hit_citation
from search.engine import Engine, SearchError
from search.retrieval import keyword, semantic
from search.retrieval.filters import speaker_key
from search.retrieval.fusion import fuse_rrf, fuse_scores, fuse_zscore, get_fusion
from search.retrieval.keyword import KeywordResult
from search.glossary import wording_terms
from search.retrieval.plan import QueryPlan, query_concepts, query_views, wording_rows
from tests.conftest import CORPUS



def plan(engine, query: str) -> QueryPlan:
    return QueryPlan(query, engine.glossary, engine.store, engine.params)


GRADE2_DX_OM = {"冨山委員", "柳川委員"}


@pytest.mark.parametrize("query", ["DXとO&M", "DX and O&M"])
def test_dx_and_om_finds_the_member_remarks_on_it(engine, query):
    hits = engine.search(query, k=10)
    assert len(hits) == 10
    assert GRADE2_DX_OM & {h.speaker for h in hits[:3]}
    assert hits[0].document.doc_type == "minutes"


def test_dx_and_om_puts_the_remark_naming_both_first(engine):
    # the issue's target: a grade-2 remark at rank 1. On dense similarity alone 飯島委員's DX-only bullet
    # leads; the keyword side's feedback (its best passage names O&M and デジタル) turns the order
    hit = engine.search("DX and O&M", k=1)[0]
    assert hit.speaker in GRADE2_DX_OM and "O&M" in hit.text
    q = semantic.query_vector(plan(engine, "DX and O&M"), engine.encoder)
    [(row, _)] = engine.store._dense_passages(q, 1)          # the passages' own vectors alone: not it
    assert engine.store.passage(row).speaker not in GRADE2_DX_OM
    # with its sentences' evidence the dense side finds it too: one sentence of the bullet names O&M and デジタル
    assert engine.search("DX and O&M", mode="semantic", k=1)[0].passage.passage_id == hit.passage.passage_id


def test_hybrid_moves_the_query_vector_toward_the_best_keyword_match(engine):
    # relevance feedback: in hybrid mode the keyword side's best passage, weighted by its confidence,
    # is added to the query vector, so that passage's dense score rises above its semantic-mode score
    query = "DX and O&M"
    [best] = engine.search(query, mode="keyword", k=1)
    row = engine.store.passage_row(best.passage.passage_id)
    found = keyword.search(plan(engine, query), None, 200)
    assert found.confidence == 1.0                 # 柳川委員's bullet covers both concepts
    assert found.ranking[0][0] == row
    q = semantic.query_vector(plan(engine, query), engine.encoder)
    plain = dict(engine.store.dense(q, 200))
    moved = dict(engine.store.dense(semantic.with_feedback(q, plan(engine, query), found), 200))
    assert moved[row] > plain[row] + 0.01
    hybrid = {h.passage.passage_id: h.scores["semantic"] for h in engine.search(query, k=10)}
    assert hybrid[best.passage.passage_id] == pytest.approx(moved[row], abs=1e-5)


def test_a_query_the_keyword_side_cannot_match_is_embedded_as_typed(engine):
    # no seed passage holds a word of this query, nor of its dictionary lookups (quality of life is クオリティー・オブ・
    # ライフ there, which the seed does say): no feedback, hybrid's dense scores are semantic's
    query = "zorvex quillibrand"
    assert keyword.search(plan(engine, query), None, 200) == KeywordResult([], 0.0)
    semantic = {h.passage.passage_id: h.scores["semantic"] for h in engine.search(query, mode="semantic", k=10)}
    hybrid = {h.passage.passage_id: h.scores["semantic"] for h in engine.search(query, k=10)}
    assert hybrid == pytest.approx(semantic)


@pytest.mark.parametrize("query", ["DXとO&M", "DX and O&M"])
def test_keyword_side_prefers_the_passage_that_covers_both_concepts(engine, query):
    # 柳川委員's bullet has O&M and デジタル (a DX wording); passages naming DX alone or O&M in three
    # wordings score each glossary line once, so they come after it
    hits = engine.search(query, mode="keyword", k=5)
    assert hits[0].speaker in GRADE2_DX_OM
    assert {"O&M", "デジタル"} <= set(hits[0].matched_terms)


def test_hit_carries_everything_a_card_needs(engine):
    hit = engine.search("DXとO&M", k=3)[0]
    assert hit.remark.remark_id == hit.passage.remark_id
    assert hit.passage.text in hit.remark.text or hit.passage.text.replace("\n", "") in hit.remark.text.replace("\n", "")
    assert hit.document.date == "2020-05-12"
    assert hit.passage.section and "議題" in hit.passage.section
    assert set(hit.scores) >= {"fused"}
    assert any(t.upper().replace("＆", "&") in {"DX", "O&M"} for t in
               [m.upper() for m in hit.matched_terms]), hit.matched_terms
    assert hit_citation(hit).startswith("インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨、2020年5月12日、")
    prev_id, next_id = hit.prev_remark_id, hit.next_remark_id
    assert prev_id is None or engine.remark(prev_id).order == hit.remark.order - 1
    assert next_id is None or engine.remark(next_id).order == hit.remark.order + 1


def test_a_keyword_hit_holds_a_whole_wording_of_the_glossary_line(engine):
    # O&M's wordings include 維持管理 and 運用・保守: a passage with 管理 or 運用 alone is no match
    from search import text
    [concept] = query_concepts("O&M", engine.glossary)
    hits = engine.search("O&M", mode="keyword", k=50)
    assert len(hits) >= 5                                    # the seed corpus has six such passages
    for h in hits:
        held = set(text.terms(h.passage.text))
        assert any(set(w) <= held for w in concept), (h.passage.passage_id, h.text[:60])


def test_a_typed_glossary_wording_is_searched_as_its_concept(engine):
    # 運用保守 is O&M: the keyword side looks for O&M's wordings, not for 運用 or 保守 on their own
    # (which outranked every O&M remark when they counted as concepts of their own)
    from search import text
    [concept] = [c for c in query_concepts("長期的な運用保守", engine.glossary) if ("o&m",) in c]
    top = engine.search("長期的な運用保守", mode="keyword", k=5)
    names_om = [h for h in top if any(set(w) <= set(text.terms(h.passage.text)) for w in concept)]
    assert len(names_om) >= 2, [h.text[:40] for h in top]


def test_a_concept_counts_in_full_by_the_wording_the_corpus_uses(engine):
    # no seed passage says 運用保守; O&M is how the corpus says it, so a passage naming O&M outranks
    # one that only shares 長期 (when the typed wording weighed 1 and O&M 0.3, that one came first)
    from search import text
    [concept] = [c for c in query_concepts("長期的な運用保守", engine.glossary) if ("o&m",) in c]
    assert wording_rows(engine.store, ("運用", "保守")) is None
    top = engine.search("長期的な運用保守", mode="keyword", k=1)[0]
    assert any(set(w) <= set(text.terms(top.passage.text)) for w in concept), top.text[:60]



def test_the_semantic_side_hears_a_concept_in_the_corpus_wording(engine, encoder):
    # the model alone does not tie 運用保守 to the O&M remarks; the query reworded as the minutes say
    # it (長期的なO&M, 長期的な維持管理) brings them into the semantic top 10
    from search import text
    [concept] = [c for c in query_concepts("長期的な運用保守", engine.glossary) if ("o&m",) in c]
    views = query_views("長期的な運用保守", engine.glossary, plan(engine, "長期的な運用保守").uses)
    assert views[0][0] == "長期的なO&M" and views[0][1] > 0.5       # the minutes' own word weighs most
    q = np.asarray([w for _, w in views]) @ encoder.encode_queries([v for v, _ in views])
    assert np.allclose(semantic.query_vector(plan(engine, "長期的な運用保守"), encoder), q / np.linalg.norm(q), atol=1e-5)

    def names_om(hits):
        return sum(any(set(w) <= set(text.terms(h.passage.text)) for w in concept) for h in hits)

    assert names_om(engine.search("長期的な運用保守", mode="semantic", k=10)) >= 2
    plain = engine.store.vectors @ encoder.encode_queries(["長期的な運用保守"])[0]
    assert names_om([engine._hit((), [(int(r), 0.0)], {}) for r in np.argsort(-plain)[:10]]) == 0
    # a concept typed as the corpus writes it is embedded as typed
    assert np.allclose(semantic.query_vector(plan(engine, "DXとO&M"), encoder), encoder.encode_queries(["DXとO&M"])[0], atol=1e-6)

@pytest.mark.parametrize("mode", ["hybrid", "semantic", "keyword"])
def test_every_mode_returns_ranked_hits(engine, mode):
    hits = engine.search("人材育成", mode=mode, k=5)
    assert 1 <= len(hits) <= 5
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_when_the_keyword_side_has_nothing_hybrid_is_semantic(engine):
    query = "zorvex quillibrand blivets"      # no term of it, nor a dictionary wording, occurs in the corpus
    assert engine.search(query, mode="keyword", k=5) == []
    hybrid = engine.search(query, k=5)
    semantic = engine.search(query, mode="semantic", k=5)
    assert [h.passage.passage_id for h in hybrid] == [h.passage.passage_id for h in semantic]


def test_speaker_filter_returns_each_remark_of_that_speaker_once(engine):
    remarks = {p.remark_id for p in engine.passages() if p.speaker == "高橋座長"}
    assert 1 < len(remarks) < sum(1 for p in engine.passages() if p.speaker == "高橋座長")   # bullets: passages > remarks
    hits = engine.search("インフラ海外展開", speakers=["高橋座長"], k=len(remarks) + 3)
    assert {h.speaker for h in hits} == {"高橋座長"}
    # fewer remarks than k: each is one card, and the cards hold as many more of their passages as cards are missing
    assert sorted(h.remark.remark_id for h in hits) == sorted(remarks)
    per_remark = [sum(1 for p in engine.passages() if p.remark_id == r) for r in remarks]
    room = sum(min(n, engine.params.per_remark) for n in per_remark) + 3
    assert sum(len(h.passages) for h in hits) == min(sum(per_remark), room) > len(remarks)
    assert all(p.remark_id == h.remark.remark_id and p.text in h.text for h in hits for p in h.passages)
    fewer = engine.search("インフラ海外展開", speakers=["高橋座長"], k=len(remarks) - 1)
    assert len({h.remark.remark_id for h in fewer}) == len(fewer) == len(remarks) - 1


def test_one_remark_is_one_card_holding_its_matching_passages_in_order(engine):
    hits = engine.search("DXとO&M", k=10)
    assert len({h.remark.remark_id for h in hits}) == len(hits) == 10
    merged = [h for h in hits if h.more]
    assert merged                                          # the seed's members speak in several bullets
    assert any(min(p.order for p in h.more) < h.passage.order for h in merged)   # a card's best is not always first
    for h in merged:
        shown = h.passages
        assert [p.order for p in shown] == sorted(p.order for p in shown) and len(shown) <= engine.params.per_remark
        assert all(p.remark_id == h.remark.remark_id and p.text in h.text for p in shown)
        # the quote leads with the card's passage, the others follow in document order
        others = [p for p in shown if p is not h.passage]
        assert h.text.startswith(h.passage.text) and h.text.endswith(others[-1].text)
        order = [h.passage, *others]
        assert ("\n…\n" in h.text) == any(b.order - a.order != 1 for a, b in zip(order, order[1:]))


def test_speaker_filter_ignores_brackets_and_width(engine):
    hits = engine.search("デジタル", speakers=["（冨山委員）"], k=3)
    assert hits and {h.speaker for h in hits} == {"冨山委員"}


def test_document_type_and_date_filters(engine):
    sheets = engine.search("国際標準化", doc_types=["evaluation_sheet"], k=10)
    assert sheets and all(h.document.doc_type == "evaluation_sheet" for h in sheets)
    only_2020 = engine.search("国際展開", date_from="2020-01-01", date_to="2020-12-31", k=20)
    assert only_2020
    for h in only_2020:
        d = h.document
        assert (d.date or "").startswith("2020") or d.fiscal_year in (2019, 2020)
    one_doc = engine.search("国際展開", docs=["001_18a45033f53aead0.txt"], k=5)
    assert one_doc and {h.doc for h in one_doc} == {"001_18a45033f53aead0.txt"}


def test_one_remark_does_not_fill_the_list(engine):
    hits = engine.search("DXとO&M", k=10)
    per_remark = {}
    for h in hits:
        per_remark[h.remark.remark_id] = per_remark.get(h.remark.remark_id, 0) + 1
    assert max(per_remark.values()) <= engine.params.per_remark < 10


def test_similar_remarks_leave_out_the_remark_itself(engine):
    hit = engine.search("DXとO&M", k=1)[0]
    similar = engine.similar(hit.remark.remark_id, k=5)
    assert len(similar) == 5
    assert hit.remark.remark_id not in {h.remark.remark_id for h in similar}
    assert len({h.remark.remark_id for h in similar}) == 5


def test_context_gives_neighbouring_remarks_in_order(engine):
    remarks = engine.remarks_of("004_2b152710ce42e84e.txt")
    middle = remarks[len(remarks) // 2]
    ctx = engine.context(middle.remark_id, before=1, after=1)
    assert [r.order for r in ctx] == [middle.order - 1, middle.order, middle.order + 1]


def test_speakers_are_counted(engine):
    speakers = dict(engine.speakers())
    assert speakers["高橋座長"] >= 2
    assert "佐藤 主光" in speakers


# ---------------------------------------------------------------- fusion
def test_rrf_rewards_agreement():
    fused = fuse_rrf([([(1, 0.9), (2, 0.8)], 1.0), ([(2, 5.0), (3, 4.0)], 1.0)])
    assert max(fused, key=fused.get) == 2
    assert fused[1] == pytest.approx(1 / 61)


def test_score_fusion_scales_each_side():
    fused = fuse_scores([([(1, 0.90), (2, 0.80)], 1.0), ([(2, 12.0), (3, 6.0)], 0.5)])
    assert fused[1] == pytest.approx(1.0)
    assert fused[2] == pytest.approx(0.5)
    assert fused[3] == pytest.approx(0.0)


def test_zscore_fusion_follows_the_side_with_a_clear_winner():
    flat = [(1, 0.801), (2, 0.800), (3, 0.799), (4, 0.798)]       # dense scores with no signal
    peaked = [(3, 9.0), (1, 1.0), (2, 1.0), (4, 1.0)]              # one exact keyword match
    fused = fuse_zscore([(flat, 1.0), (peaked, 1.0)])
    assert max(fused, key=fused.get) == 3
    rrf = fuse_rrf([(flat, 1.0), (peaked, 1.0)])
    assert max(rrf, key=rrf.get) == 1                              # rank fusion cannot tell the two apart


def test_zscore_fusion_counts_a_missing_row_as_the_lowest_candidate():
    fused = fuse_zscore([([(1, 3.0), (2, 1.0)], 1.0), ([(3, 5.0), (1, 5.0)], 0.0)])
    assert set(fused) == {1, 2, 3}
    assert fused[3] == pytest.approx(fused[2]) and fused[1] > fused[2]


def test_zscore_fusion_counts_a_missing_row_at_the_floor_its_side_knows():
    dense = [(1, 0.80), (2, 0.79), (3, 0.78)]
    keyword = [(2, 2.0), (3, 1.0)]                     # row 1 holds none of the query's terms
    cut = fuse_zscore([(dense, 1.0), (keyword, 1.0)])  # floor unknown: row 1 as keyword's lowest (1.0)
    known = fuse_zscore([(dense, 1.0), (keyword, 1.0, 0.0)])
    assert known[1] == pytest.approx(cut[1] - 2.0)      # BM25 0 is two keyword deviations below 1.0
    assert (known[2], known[3]) == (cut[2], cut[3])
    assert fuse_zscore([(dense, 1.0), (keyword, 1.0, None)]) == cut


def test_hybrid_gives_a_passage_without_the_query_terms_a_keyword_score_of_0(engine, monkeypatch):
    seen = []
    fuse = engine.fuse
    monkeypatch.setattr(engine, "fuse", lambda sides: seen.append(sides) or fuse(sides))
    engine.search("海底ケーブル", k=5)                  # a few passages hold it: the keyword side has them all
    [(semantic, _, _), (keyword, _, floor)] = seen[0]
    assert 0 < len(keyword) < len(semantic) and floor == 0.0
    without = [row for row, _ in semantic if row not in dict(keyword)]
    assert without and not any("海底ケーブル" in engine.store.passage(r).text for r in without)


def test_an_empty_side_does_not_change_the_other_ranking():
    semantic = [(5, 0.9), (7, 0.8), (1, 0.7)]
    for fuse in (fuse_rrf, fuse_scores, fuse_zscore):
        fused = fuse([(semantic, 1.0), ([], 1.0)])
        assert sorted(fused, key=fused.get, reverse=True) == [5, 7, 1]


def test_unknown_fusion_names_the_choices():
    with pytest.raises(ValueError, match="rrf"):
        get_fusion("borda")


@pytest.mark.parametrize("a, b", [("（冨山委員）", "冨山委員"), ("佐藤　主光", "佐藤主光"), ("○事務局", "事務局")])
def test_speaker_key(a, b):
    assert speaker_key(a) == speaker_key(b)


# ---------------------------------------------------------------- bad input
@pytest.mark.parametrize("query", ["", "   ", "\u3000\n"])
def test_empty_query_is_refused(engine, query):
    with pytest.raises(SearchError, match="empty query"):
        engine.search(query)


def test_very_long_query_is_refused_with_the_limit(engine):
    with pytest.raises(SearchError, match="2,000"):
        engine.search("インフラ" * 2500)


def test_unknown_speaker_suggests_close_names(engine):
    with pytest.raises(SearchError, match="冨山委員"):
        engine.search("DX", speakers=["冨山"])


def test_bad_date_is_refused(engine):
    with pytest.raises(SearchError, match="YYYY-MM-DD"):
        engine.search("DX", date_from="2020/05/12")


def test_no_index_says_how_to_build(tmp_path):
    with pytest.raises(SearchError, match="python -m search index"):
        Engine.open(tmp_path / "nothing-here")


# ---------------------------------------------------------------- compressed vector index
def test_a_compressed_index_returns_the_exact_semantic_order(tmp_path, engine, encoder):
    """HNSW32,SQ8 stores 8-bit vectors; the engine re-scores its candidates with the exact vectors,
    so the semantic top 10 is the one exact search (Flat) gives."""
    from search.store import build_index

    build_index(CORPUS, tmp_path / "sq8", encoder=encoder, factory="HNSW32,SQ8")
    compressed = Engine.open(tmp_path / "sq8", encoder=encoder)
    assert compressed.info()["index_factory"] == "HNSW32,SQ8"
    for query in ("DXとO&M", "海外展開の人材育成", "quality of life"):
        exact = engine.search(query, mode="semantic", k=10)
        got = compressed.search(query, mode="semantic", k=10)
        assert [h.passage.passage_id for h in got] == [h.passage.passage_id for h in exact]
        assert [h.score for h in got] == pytest.approx([h.score for h in exact], abs=1e-5)


def test_keyword_postings_are_the_bm25_score_columns(engine):
    for term in ("o&m", "dx", "インフラ", "目標"):
        rows, values = engine.store.postings(term)
        dense = engine.store.bm25.get_scores([term])
        assert sorted(rows.tolist()) == np.flatnonzero(dense).tolist()
        assert np.allclose(dense[rows], values)


def test_a_wording_holds_the_rows_with_all_its_terms_and_their_mean_score(engine):
    """wording_rows intersects postings by binary search or a dense scatter, whichever is cheaper; both
    must give what the full BM25 score arrays give, for every several-word wording of the glossary."""
    vocab = engine.store.bm25.vocab_dict
    wordings = {wording_terms(v) for e in engine.glossary.entries for v in e.variants}
    checked = 0
    for w in sorted(wordings):
        if len(w) < 2 or not all(t in vocab for t in w):
            continue
        dense = np.stack([engine.store.bm25.get_scores([t]) for t in w])
        want = np.flatnonzero((dense > 0).all(axis=0))
        rows, values = wording_rows(engine.store, w)
        assert sorted(rows.tolist()) == want.tolist(), w
        assert np.allclose(values[np.argsort(rows)], dense[:, want].mean(axis=0)), w
        checked += 1
    assert checked >= 10


def test_a_large_filter_goes_through_the_faiss_bitmap_with_the_same_hits(engine, monkeypatch):
    """Above EXACT_SUBSET_LIMIT allowed rows the filter is a FAISS IDSelectorBitmap; on the Flat seed
    index that search is exact, so it must give what the exact scan of the allowed rows gives."""
    import search.store as store_module

    scan = engine.search("海外展開の人材育成", mode="semantic", speakers=["冨山委員", "東原委員"], k=8)
    monkeypatch.setattr(store_module, "EXACT_SUBSET_LIMIT", 0)
    bitmap = engine.search("海外展開の人材育成", mode="semantic", speakers=["冨山委員", "東原委員"], k=8)
    assert [[p.passage_id for p in h.passages] for h in bitmap] == [[p.passage_id for p in h.passages] for h in scan]
    assert {h.speaker for h in bitmap} == {"冨山委員", "東原委員"} and len(bitmap) == 2   # one card each
    assert sum(len(h.passages) for h in bitmap) > 2


@pytest.mark.parametrize("damaged, mode", [("vectors.faiss", "semantic"), ("bm25/data.csc.index.npy", "keyword")])
def test_random_bytes_over_an_index_file_give_a_corrupt_index_error_not_scores(seed_index, encoder, tmp_path,
                                                                               damaged, mode):
    # the reliability issue's finding: damage gave semantic=8e37 or keyword=2.9e27 with exit 0
    import shutil

    copy = tmp_path / "index"
    shutil.copytree(seed_index, copy)
    [version] = [p for p in copy.iterdir() if p.name.startswith("v-")]
    path = version / damaged
    data = bytearray(path.read_bytes())
    rng = np.random.default_rng(1)
    half = len(data) // 2
    data[half:] = rng.integers(0, 256, len(data) - half, dtype=np.uint8).tobytes()
    path.write_bytes(bytes(data))
    with pytest.raises(SearchError, match="corrupt"):
        Engine.open(copy, encoder=encoder).search("海外展開の人材育成 O&M", mode=mode, k=10)


def test_similar_remarks_of_an_om_remark_include_the_other_om_remark(engine):
    # the planner's-workbench issue: for 東原委員's O&M remark, 冨山委員's O&M remark is among the similar ones
    [higashihara] = [h for h in engine.search("O&M", mode="keyword", k=20) if h.speaker == "東原委員"][:1]
    similar = engine.similar(higashihara.remark.remark_id, k=5)
    assert "冨山委員" in {h.speaker for h in similar}, [h.speaker for h in similar]


def test_a_person_is_found_in_every_meeting_of_their_body(tmp_path, encoder):
    """Two committee sittings of one ward body a year apart: 三上委員 speaks in both, and the person filter (one
    speaker of one body across meetings) lets through their passages of both sittings and no one else's."""
    import json
    import shutil

    from search.store import build_index
    from tests.conftest import ROOT

    archive = ROOT.parent / "shared" / "archive" / "corpus"
    files = ["shinagawa_h13-20010525-16.txt", "shinagawa_h14-20021106-16.txt"]
    if not all((archive / f).exists() for f in files):
        pytest.skip("../shared/archive not found")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    catalog = json.loads((archive / "catalog.json").read_text(encoding="utf-8"))
    for f in files:
        shutil.copy(archive / f, corpus / f)
    (corpus / "catalog.json").write_text(json.dumps({f: catalog[f] for f in files}, ensure_ascii=False),
                                         encoding="utf-8")
    build_index(corpus, tmp_path / "index", encoder=encoder)
    engine = Engine.open(tmp_path / "index", encoder=encoder)
    [mikami] = [p for p in engine.persons() if "三上委員" in p.labels]
    assert sorted(mikami.documents) == files and mikami.remarks >= 2
    rows = engine.store.allowed_rows(engine.where(persons=[mikami.person_id]))
    passages = [engine.store.passage(int(r)) for r in rows]
    assert {p.doc for p in passages} == set(files)
    assert {p.speaker for p in passages} == {"三上委員"}
    hits = engine.search("まちづくり", persons=[mikami.person_id], k=5)
    assert hits and {h.speaker for h in hits} == {"三上委員"}
    with pytest.raises(SearchError, match="unknown person"):
        engine.search("まちづくり", persons=["品川区議会/だれでもない"])


def test_a_speech_read_in_both_houses_is_one_card_that_names_both(both_houses_index, encoder):
    """The Prime Minister's policy speech of 2024-10-04, read in the House of Representatives and in the House of
    Councillors: a search finds it once, its card names the other sitting, and 類似の発言 does not offer the copy."""
    from search.records import same_words
    from tests.conftest import BOTH_HOUSES

    engine = Engine.open(both_houses_index, encoder=encoder)
    for mode in ("hybrid", "semantic", "keyword"):
        hits = engine.search("地方創生二・〇として再起動", mode=mode, k=10)
        keys = [(same_words(h.passage), h.doc) for h in hits if same_words(h.passage)]
        assert len({key for key, _ in keys}) == len(set(keys)), f"{mode}: a speech shows twice"
        top = hits[0]
        assert top.speaker == "石破茂" and "地方創生二・〇" in top.text, (mode, top.speaker, top.text[:60])
        assert [(c.doc, same_words(c)) for c, _ in top.copies] == [
            (next(f for f in BOTH_HOUSES if f != top.doc), same_words(top.passage))], mode
        assert top.to_dict()["copies"][0]["doc"] != top.doc
    similar = engine.similar(top.remark.remark_id, k=5, passage_id=top.passage.passage_id)
    assert similar and all(same_words(h.passage) != same_words(top.passage) for h in similar)


def test_a_speaker_filter_takes_the_label_as_the_record_prints_it(both_houses_index, encoder):
    """A planner copies 「内閣総理大臣（石破茂君）」 or 「石破茂君」 from the minutes, or types the post 「内閣総理大臣」,
    into the speaker filter: it is the person the record names, not an unknown speaker; a label of nobody in the
    library still is one."""
    engine = Engine.open(both_houses_index, encoder=encoder)
    by_name = engine.search("地方創生", speakers=["石破茂"], k=10)
    assert by_name and {h.speaker for h in by_name} == {"石破茂"}
    for printed in ("内閣総理大臣（石破茂君）", "石破茂君", "内閣総理大臣"):     # the post alone names who held it
        hits = engine.search("地方創生", speakers=[printed], k=10)
        assert [h.passage.passage_id for h in hits] == [h.passage.passage_id for h in by_name], printed
    with pytest.raises(SearchError, match="unknown speaker"):
        engine.search("地方創生", speakers=["内閣総理大臣（岸田文雄君）"], k=10)


def test_a_person_filter_by_a_full_name_takes_everyone_of_that_name_in_every_body(both_houses_index, encoder):
    """石破茂 is a person of 衆議院 本会議 and one of 参議院 本会議: the name as a person filter is both."""
    engine = Engine.open(both_houses_index, encoder=encoder)
    ids = [p.person_id for p in engine.persons() if p.name == "石破茂"]
    assert len(ids) == 2 and {i.split("/")[0] for i in ids} == {"衆議院 本会議", "参議院 本会議"}
    every = engine.store.allowed_rows(engine.where(persons=["石破茂"]))
    assert set(every) == set(engine.store.allowed_rows(engine.where(persons=ids)))
    assert all(len(set(every) - set(engine.store.allowed_rows(engine.where(persons=[i])))) > 0 for i in ids)
    with pytest.raises(SearchError, match="unknown person"):
        engine.search("地方創生", persons=["誰でもない人"])
