"""Evaluation sheets: rejoined table cells, sections, fiscal years and the signed expert comment of 003."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.ingest import load_catalog, load_document, parse_text
from search.ingest.sheets import parse_sheet, section_name

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def sheets():
    catalog = load_catalog(CORPUS)
    return {p.name[:3]: load_document(p, catalog) for p in sorted(CORPUS.glob("00[0-3]_*.txt"))}


def test_expert_comment_of_003_is_a_remark_of_its_signer(sheets):
    signed = [r for r in sheets["003"].remarks if r.speaker]
    assert len(signed) == 1
    comment = signed[0]
    assert (comment.speaker, comment.role, comment.section) == ("佐藤 主光", "有識者", "外部有識者のコメント")
    assert comment.text.startswith("目標が達成できたとして今後は「インフラシステム関連海外受注高」の目標金額を上げる")
    assert comment.text.endswith("「国際標準化」を新たな業績指標とするのも一案。")
    assert "国土交通省政策評価会" not in comment.text
    assert comment.end >= sheets["003"].document.text.index("光）")     # the signature stays inside the remark span
    assert all(p.speaker == "佐藤 主光" for p in sheets["003"].passages if p.remark_id == comment.remark_id)


def test_unsigned_sheet_text_has_no_speaker(sheets):
    for key in ("000", "001", "002"):
        assert {r.speaker for r in sheets[key].remarks} == {None}
    assert sum(1 for r in sheets["003"].remarks if r.speaker is None) == len(sheets["003"].remarks) - 1


@pytest.mark.parametrize("key, cell", [
    ("000", "二国間・多国間等の枠組みによる協議等を通じて、円滑な情報流通等、我が国ICT企業の海外展開に貢献すること"),
    ("000", "リスクマネー供給による、海外における電気通信事業、放送事業又は郵便事業等への民間資金の誘発（プロジェクトへの参加を促進）"),
    ("002", "ICTによる生産性向上・国際競争力の強化、ICTによる地域の活性化、誰もが安心してICTを利用できる環境の整備"),
    ("001", "二国間・多国間等の枠組みによる国際的な課題を解決するための協調及び貢献の推進により、グローバルな高度情報通信ネットワーク社会の実現へ貢献すること"),
    ("003", "②８兆円（令和７年度）"),
])
def test_vertically_split_cells_are_rejoined(sheets, key, cell):
    assert any(cell in p.text for p in sheets[key].passages), cell


@pytest.mark.parametrize("key, section, words", [
    ("000", "政策の概要", "政策の基本目標達成に向けて、二国間・多国間等の枠組みによる協議等を通じて"),
    ("000", "今後の政策の方向性", "我が国ICT企業の海外発展に貢献するため"),
    ("000", "判断根拠", "施策目標として掲げている"),
    ("001", "政策の概要", "国際機関への貢献により"),
    ("003", "目標の達成状況に関する分析", "令和４年度時点で目標値を達成している"),
    ("003", "目標達成状況の評価", "7.214 兆円 7.827 兆円"),
    ("003", "目標達成状況の評価", "目標達成状況の評価 A"),
    ("003", "判断根拠", "業績指標２個のうち、両指標が A 評価であった。"),
])
def test_sections_kept(sheets, key, section, words):
    assert any(words in p.text for p in sheets[key].passages if p.section == section), (section, words)


def test_fiscal_years_and_titles_parsed_without_catalog(sheets):
    expected = {"000": 2020, "001": 2013, "002": 2018, "003": 2024}
    for key, parsed in sheets.items():
        bare = parse_text(parsed.document.doc, parsed.document.text)
        assert bare.document.doc_type == "evaluation_sheet"
        assert bare.document.fiscal_year == expected[key]
        assert "評価書" in bare.document.title
        assert [r.text for r in bare.remarks] == [r.text for r in parsed.remarks]


def test_tiny_fragments_joined_within_a_section_only():
    text = ("令和２年度 政策評価書\n\n政策の概要\n\n二国間・\n多国間等\nの枠組み\n\nセミナー38回\n\nミッション団0回\n\n"
            "評価結果\n\n目標を達成した。\n")
    sheet = parse_sheet(text)
    assert [(t.section, [p.text for p in t.paragraphs]) for t in sheet.turns] == [
        (None, ["令和２年度 政策評価書"]),
        ("政策の概要", ["二国間・多国間等の枠組み\nセミナー38回\nミッション団0回"]),
        ("評価結果", ["目標を達成した。"]),
    ]


def test_a_section_holding_only_a_field_label_gives_no_passage(sheets):
    # 003's 業績指標登録票 opens with the label 【 政 策 目 標 】 whose value the PDF's text lost; a passage
    # of it alone matched any query on dense similarity alone
    assert not [p.text for p in sheets["003"].passages if re.fullmatch(r"\s*【[^】]*】\s*", p.text)]
    sheet = parse_sheet("令和２年度 政策評価書\n\n業績指標登録票\n\n【 政 策 目 標 】\n\n施策目標\n\n【令和２年度】\n目標を達成した。\n")
    assert [(t.section, [p.text for p in t.paragraphs]) for t in sheet.turns] == [
        (None, ["令和２年度 政策評価書"]),
        ("施策目標", ["【令和２年度】目標を達成した。"]),                # a label with its value stays
    ]


@pytest.mark.parametrize("line, name", [
    ("＜今後の政策の方向性＞", "今後の政策の方向性"), ("【 指 標 の 定 義 】", "指標の定義"), ("（判断根拠）", "判断根拠"),
    ("外部有識者のコメント", "外部有識者のコメント"), ("政策の分析(達成・未達成に関する要因分析)", "政策の分析"),
    ("業績指標２個のうち、両指標が A 評価であった。", None), ("目標を達成した。", None),
])
def test_section_names(line, name):
    assert section_name(line) == name


def test_a_sheet_without_a_catalog_names_the_ministry_it_names_most():
    import json

    from search.ingest import load_document
    from search.ingest.sheets import ministry_of
    from tests.conftest import CORPUS

    catalog = json.loads((CORPUS / "catalog.json").read_text(encoding="utf-8"))["documents"]
    entries = catalog if isinstance(catalog, dict) else {e["file"]: e for e in catalog}
    sheets = [name for name, e in entries.items() if e.get("doc_type") == "evaluation_sheet"]
    assert len(sheets) == 4
    for name in sheets:                       # load_document without the catalog: read from the text alone
        assert load_document(CORPUS / name).document.organisation == entries[name]["organisation"]
    assert ministry_of("本件は反省すべき点が多い。") is None


def test_sheets_that_do_not_call_themselves_評価書_are_sheets_named_by_their_project():
    doc = parse_text("jet.txt", "事業番号 198 平成24年行政事業レビューシート (外務省)\n"
                     "事業名 語学指導等外国青年招致事業(JETプログラム) 担当部局庁 外務報道官・広報文化組織\n"
                     "事業の目的 地方公共団体の要望を踏まえて外国青年を招致し、我が国と諸外国との相互理解を増進する\n")
    d = doc.document
    assert (d.doc_type, d.fiscal_year, d.organisation) == ("evaluation_sheet", 2012, "外務省")
    assert d.title == "事業番号 198 平成24年行政事業レビューシート (外務省)\u3000語学指導等外国青年招致事業(JETプログラム)"
    doc = parse_text("road.txt", "1 Page 1 of 4 平成22年度事務事業評価シート 1. 事務事業名等事業コード J0001 事務事業名 "
                     "道路橋梁維持補修事業 対象 町民を含めたすべての利用者 意図 良好な維持管理による道路保全 手段 工事請負等による"
                     "施設改修及び保全\n")
    assert (doc.document.doc_type, doc.document.fiscal_year) == ("evaluation_sheet", 2010)
    assert doc.document.title == "Page 1 of 4 平成22年度事務事業評価シート\u3000道路橋梁維持補修事業"
    assert "良好な維持管理による道路保全" in " ".join(p.text for p in doc.passages)     # no sentence, still searchable


def test_an_archived_copy_of_a_sheet_leaves_the_archives_notices_out():
    doc = parse_text("warp.txt", "このウェブサイトではJavaScriptおよびスタイルシートを使用しております。正常に表示させるためには"
                     "JavaScriptを有効にしてください。\n\nご覧いただいているのは国立国会図書館が保存した2015年7月1日時点のページです。"
                     "このページに掲載されている情報は過去のものです。\n\n(注記)このページの著作権について\n\nヘルプ\n\n保存日:\n\n"
                     "内閣府ホーム > 内閣府本府の政策評価について > 平成16年度内閣府本府政策評価書(事後評価)\n\n"
                     "平成16年度内閣府本府政策評価書(事後評価)\n\n平成17年8月10日\n内閣府\n\n"
                     "本評価書は、行政機関が行う政策の評価に関する法律に基づき、平成16年度の政策の効果を評価したものである。\n")
    d = doc.document
    assert (d.doc_type, d.title, d.fiscal_year, d.organisation) == (
        "evaluation_sheet", "平成16年度内閣府本府政策評価書(事後評価)", 2004, "内閣府")
    assert not any("国立国会図書館" in p.text or "JavaScript" in p.text for p in doc.passages)
    doc = parse_text("kisei.txt", "放射性同位元素等による放射線障害の防止に係る規制の事前評価書\n平成22年3月1日\n文部科学省\n\n"
                     "１．規制の目的\n放射線障害を防止し、公共の安全を確保する。\n")
    assert (doc.document.date, doc.document.fiscal_year) == ("2010-03-01", 2009)


def test_a_document_of_no_known_kind_keeps_its_opening_text_searchable():
    doc = parse_text("g2.txt", "基本施策G2 だれもが生涯を通じていきいきと学べる社会をつくります\nア 施策の目的\n"
                     "市民が、自ら学ぶとともに、学びを通して仲間づくりを行い、いきいきと暮らしている\n"
                     "目標を達成していないが、目的達成に向けて概ね順調に進んでいる\nイ 指標\n"
                     "自らテーマをもって学習している市民の割合\n")
    assert doc.document.doc_type == "other"
    text = " ".join(p.text for p in doc.passages)
    for words in ("仲間づくりを行い", "概ね順調に進んでいる", "学習している市民の割合"):
        assert words in text                                       # before, the opening was read as a meeting's head
    doc = parse_text("okinawa.txt", "様式2\n事 前 評 価 調 書\n事業名\n沖縄県特定地域経営対策支援事業\n"
                     "事業の目的 園芸品目の産地を育成し、農家の所得を向上させる。\n")
    assert doc.document.doc_type == "evaluation_sheet"             # its name spaced out


@pytest.mark.parametrize("head", [
    "00事務事業評価\n35/692\n\nH27事後事務事業評価(実績評価)(シートA)1.基本事項611●○○●○○平成年度○始期年度~終期年度●平成2.事務事業の概要",
    "平成25年12月9日 国土交通省 関東地方整備局\n(再評価) 川崎港東扇島~水江町地区 臨港道路整備事業\n資料4-3- 事業評価\n1. 川崎港の位置図",
])
def test_a_project_evaluation_that_does_not_say_sheet_is_an_evaluation_sheet(head):
    """新庄市's 事後事務事業評価 (a PDF's text) and 関東地方整備局's 事業評価 (再評価) name no 評価書 or シート."""
    doc = parse_text("hyoka.txt", head + "\n事業の目的 地域住民の利便性の向上を図る。\n成果指標 利用者数は前年度より増加した。\n")
    assert doc.document.doc_type == "evaluation_sheet"


def test_a_sheets_title_keeps_the_word_it_calls_itself():
    doc = parse_text("nukata.txt", "平成 29 年度事務事業評価シート 事業名 ( コード ) 額田ダシまつり補助事業 (130321) "
                     "担当課 産業振興課 事業の目的 伝統文化の継承と地域の活性化を図るため、祭りの運営に補助する。" * 2)
    assert doc.document.title.startswith("平成 29 年度事務事業評価シート")
