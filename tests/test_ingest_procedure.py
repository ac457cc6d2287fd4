"""Procedural remarks and passages: formulas of meeting procedure, the chair's short turns, stored in the index."""
from __future__ import annotations

import sqlite3

import pytest

from search.ingest import parse_text
from search.ingest.procedure import is_procedural_remark, is_procedural_sentence


@pytest.mark.parametrize("sentence, procedural", [
    ("これより会議を開きます。", True),
    ("本日は、これにて散会いたします。", True),
    ("暫時休憩いたします。", True),
    ("御異議ありませんか。", True),
    ("ご異議なしと認めます。", True),
    ("起立多数であります。", True),
    ("よって、本案は原案のとおり可決すべきものと決定いたしました。", True),
    ("速記を止めてください。", True),
    ("次に、中川宏昌さん。", True),
    ("安藤泰作君。", True),
    ("日程第２、一般質問を行います。", True),
    ("ほかにご発言がないようですので、本件を終了いたします。", True),
    ("賛成。", True),
    ("(3) 飲食店・遊技場等雑居ビル緊急安全点検の実施結果について", True),    # a heading read out
    ("地方の交通については、担い手の確保が大きな課題です。", False),
    ("昨年可決された条例について、施行後の状況を伺います。", False),
    ("賛成者は何割という、３分の２の賛成ということでよろしいでしょうか。", False),
    ("防衛省として、再発防止のため、服務規律の徹底と教育の充実、監督体制の強化に全力で取り組んでまいります。" * 2, False),
])
def test_procedural_sentences(sentence, procedural):
    assert is_procedural_sentence(sentence) is procedural


@pytest.mark.parametrize("text, role, procedural", [
    ("御異議なしと認めます。よって、そのように決しました。", "委員長", True),
    ("質疑を終結いたします。これより討論に入ります。討論はありませんか。", "委員長", True),
    ("以上で本日の日程は全部終了しました。本日はこれで散会します。", "議長", True),
    ("以上で山田太郎君の質問は終わりました。この際、暫時休憩いたします。", "議長", True),
    ("これより、議案第２２号の審査を行います。", "委員長", True),
    ("討論に入る前に、議案の問題点を三つ申し上げます。財源の見通しが甘く、受益者負担の考え方も示されていません。"
     "このまま可決すれば、将来の区民に負担を先送りすることになります。", "委員", False),
    ("ほかにございますか。", "委員長", True),
    ("それでは、この案を基本に決めてまいりたいと思いますが、よろしいでしょうか。", "委員長", True),
    ("それでは、この案を基本に決めてまいりたいと思いますが、よろしいでしょうか。", "委員", False),
    ("質疑の申出がありますので、順次これを許します。黄川田仁志さん。", "委員長", True),
    ("両方とも賛成です。", "委員", True),
    ("ご質疑はありますか。", "委員長", True),
    # a vice-chair asking the officials a question of substance is no procedure
    ("ＩＣＴを活用したわなの見回りの省力化について、町としての取組はありますか。", "副委員長", False),
    ("提坂税務課長でございます。", "課長", True),
    # the chair's short turn, procedure with one sentence of its own
    ("ありがとうございました。\nほかにご発言がないようですので、本件を終了いたします。\n区には丁寧な説明を求めます。", "委員長", True),
    ("ありがとうございました。\nほかにご発言がないようですので、本件を終了いたします。\n区には丁寧な説明を求めます。", "委員", False),
    ("ご説明ありがとうございました。\n幾つか伺います。まず、開催結果報告の聴き取りの状況について、どのような声があったのか"
     "お聞かせください。\nまた、会場の選び方についても伺います。", "委員", False),
    ("一言申し上げます。本委員会の審査の経過を踏まえ、子どもの食の支援事業について、区は財源の確保と事業者の選定の"
     "在り方を改めて検討すべきであり、その点を強く求めて、私の意見といたします。" * 2, "委員長", False),
    # a committee chair's report to the plenary: the committee's reasons and verdict, however short
    ("請願第５号について、審査の結果を御報告いたします。本請願は、公立小中学校の給食費の無償化を求めるものであります。\n"
     "委員からは、財源の確保が見通せない中で直ちに無償化することは困難との意見があり、採決の結果、賛成少数で不採択と"
     "すべきものと決しました。", "委員長", False),
    # ... but the chair asking the committee to leave the report to the chairs runs the meeting
    ("次に、(2)の委員長報告についてでございます。\n昨日の議案審査の結果報告については、正副委員長にご一任いただけますで"
     "しょうか。", "委員長", True),
])
def test_procedural_remarks(text, role, procedural):
    assert is_procedural_remark(text, role) is procedural


VERBATIM = """品川区議会　厚生委員会
2016年6月27日
○あくつ委員長　ただいまから厚生委員会を開会いたします。
○あくつ委員長　説明が終わりました。
本件に関しまして、ご質疑等がございましたら、ご発言願います。
○新妻委員　保育園の待機児童について伺います。今年度の入園申込みは昨年度より増えていると聞いていますが、区はどのように
定員の拡大を進めるのでしょうか。
○保育課長　お答えします。今年度は認可保育園を５園開設し、定員を４００人増やします。
○あくつ委員長　ほかにございませんか。
ほかにご発言がないようですので、これで質疑を終了いたします。
採決に先立ちまして、各会派の態度を確認いたします。
○鈴木（博）委員　賛成。
○あくつ委員長　ご異議なしと認めます。
よって、本案は原案のとおり可決いたしました。
"""


def test_remarks_and_passages_of_a_committee_are_flagged():
    parsed = parse_text("committee.txt", VERBATIM)
    assert [(r.speaker, r.procedural) for r in parsed.remarks] == [
        ("あくつ委員長", True), ("あくつ委員長", True), ("新妻委員", False), ("保育課長", False),
        ("あくつ委員長", True), ("鈴木（博）委員", True), ("あくつ委員長", True)]
    for p in parsed.passages:
        remark = next(r for r in parsed.remarks if r.remark_id == p.remark_id)
        assert p.procedural == remark.procedural


def test_unsigned_text_and_the_seed_summary_are_never_procedural(seed_parsed):
    assert not any(p.procedural for p in seed_parsed.passages)


@pytest.fixture(scope="module")
def seed_parsed():
    from tests.conftest import CORPUS
    from search.ingest import load_catalog, load_document
    return load_document(CORPUS / "004_2b152710ce42e84e.txt", load_catalog(CORPUS))


def test_the_index_stores_the_flag(tmp_path, encoder):
    from search.store import Store, build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "committee.txt").write_text(VERBATIM, encoding="utf-8")
    report = build_index(corpus, tmp_path / "index", encoder=encoder)
    assert not report.errors
    store = Store.open(tmp_path / "index")
    passages = list(store.iter_passages())
    assert [p.procedural for p in passages] == list(store.row_procedural)
    assert any(store.row_procedural) and not all(store.row_procedural)
    db = sqlite3.connect(store.root / "meta.sqlite")
    flags = dict(db.execute("SELECT remark_id, procedural FROM remarks"))
    assert flags == {r.remark_id: int(r.procedural) for r in parse_text("committee.txt", VERBATIM).remarks}


@pytest.mark.parametrize("text, role", [
    ("２月から３月にかけて、町内６地区で説明会を開催するとともに、パブリックコメントを実施する予定でございます。", "課長"),
    ("財政調整基金の取崩しが続いていることには懸念がありますが、ネットワークの更新は必要な経費であり、賛成いたします。", "委員"),
])
def test_a_meeting_of_others_and_a_reasoned_vote_are_debate(text, role):
    assert not is_procedural_remark(text, role)
