"""The one home of labels (search/labels.py) on seed documents, and the rule that search/ holds no Streamlit."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from search import labels
from search.cite import citation_line
from search.records import Document

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def seed_document(name: str) -> Document:
    meta = json.loads((CORPUS / "catalog.json").read_text(encoding="utf-8"))["documents"][name]
    fields = {k: meta.get(k) for k in ("title", "doc_type", "organisation", "meeting", "meeting_number",
                                       "date", "fiscal_year", "source")}
    return Document(doc=name, text="", **fields)


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def test_the_search_package_imports_no_streamlit():
    offenders = [str(p.relative_to(ROOT)) for p in sorted((ROOT / "search").rglob("*.py"))
                 if "streamlit" in imported_modules(p)]
    assert not offenders, f"search/ must not import streamlit: {offenders}"


def test_the_app_support_package_is_where_streamlit_lives():
    assert any("streamlit" in imported_modules(p) for p in (ROOT / "app_support").glob("*.py"))


@pytest.mark.parametrize("name, date_label, when", [
    ("004_2b152710ce42e84e.txt", "2020年5月12日", "2020-05-12"),
    ("003_438bdac8e45b0f74.txt", None, None),       # an evaluation sheet: its fiscal year
])
def test_date_or_fiscal_year(name, date_label, when):
    doc = seed_document(name)
    if doc.date:
        assert labels.date_label(doc) == date_label and labels.when(doc) == when
    else:
        assert doc.fiscal_year
        assert labels.date_label(doc) == labels.when(doc) == f"{doc.fiscal_year}年度"


def test_citation_uses_the_same_date_label():
    doc = seed_document("004_2b152710ce42e84e.txt")
    assert citation_line(doc, "冨山委員") == f"{doc.title}、2020年5月12日、冨山委員"


def test_meeting_label_and_modes():
    doc = seed_document("004_2b152710ce42e84e.txt")
    assert labels.meeting_label(doc) == "インフラ海外展開に関する新戦略策定に向けた懇談会 第2回"
    assert set(labels.MODE_LABELS) == set(labels.MODES)
    assert [labels.mode_label(m) for m in labels.MODES] == ["ハイブリッド", "意味検索", "キーワード"]


@pytest.mark.parametrize("title, number, shown", [
    ("第213回国会　衆議院　安全保障委員会　第13号", 13, "衆議院 安全保障委員会 第13号"),
    ("第213回国会　参議院　財政金融委員会　閉会後第1号", 1, "参議院 財政金融委員会 閉会後第1号"),
    ("令和５年６月定例会　緑川県議会会議録　第３号", 3, "緑川県議会 6月定例会 第3号"),
    ("令和５年第３回西川町議会定例会会議録（第２号）", 2, "西川町議会 第3回定例会 第2号"),
    ("品川区議会　令和２年第２回臨時会（第１日目）　本会議", 2, "品川区議会 本会議 第2回臨時会 第1日"),
    ("令和５年第２回青葉市議会定例会　本会議　第２日", 2, "青葉市議会 本会議 第2回定例会 第2日"),
    ("品川区議会　議会運営委員会", None, "品川区議会 議会運営委員会"),
    ("懇談会資料", 4, "懇談会資料 第4回"),                    # a number only the catalog gives
])
def test_a_meeting_is_labelled_with_the_unit_its_title_prints(title, number, shown):
    from search.ingest.head import meeting_of

    doc = Document("m.txt", title, "minutes", "", meeting=meeting_of(title)[0], meeting_number=number)
    assert labels.meeting_label(doc) == shown


def test_newest_first_orders_dates_and_fiscal_years():
    docs = [seed_document(n) for n in sorted(json.loads((CORPUS / "catalog.json").read_text())["documents"])]
    ordered = labels.newest_first(docs)
    keys = [d.date or str(d.fiscal_year) for d in ordered]
    assert keys == sorted(keys, reverse=True)


@pytest.mark.parametrize("name, field", [
    ("000_cf5ec7fd6ffa3a78.txt", "政策14: ICT分野における国際戦略の推進"),
    ("003_438bdac8e45b0f74.txt", "施策目標43: 国際協力、連携等を推進する"),
    ("004_2b152710ce42e84e.txt", ""),                                    # minutes have no policy field
])
def test_sheet_field(name, field):
    assert labels.sheet_field(seed_document(name)) == field


def test_sheet_citation_names_the_ministry_and_the_section():
    sheet = seed_document("000_cf5ec7fd6ffa3a78.txt")
    assert citation_line(sheet, None, "目標の達成状況") == f"{sheet.title}、2020年度、総務省、目標の達成状況"
    assert citation_line(sheet, "佐藤 主光", "有識者の意見") == f"{sheet.title}、2020年度、総務省、佐藤 主光"


@pytest.mark.parametrize("text, shown", [
    ("9 本日は、３点申し上げる。", "本日は、３点申し上げる。"),        # a page number left at the start
    ("12\n施策の概要", "施策の概要"),
    ("９　目標を達成した。", "目標を達成した。"),
    ("１点目は、人材育成。", "１点目は、人材育成。"),                  # a counter is part of the sentence
    ("2020年度の実績", "2020年度の実績"),
])
def test_without_leading_number(text, shown):
    assert labels.without_leading_number(text) == shown


@pytest.mark.parametrize("speaker, role, label, shown", [
    ("伊藤", "教育長", "教育長（伊藤）", "伊藤（教育長）"),                       # not the member 伊藤 of ３番（伊藤）
    ("伊藤", "議員", "３番（伊藤）", "伊藤（議員）"),
    ("高橋修", "部長", "健康福祉部長（高橋修君）", "高橋修（健康福祉部長）"),       # the post as printed, not 部長
    ("小泉進次郎", "委員長", "委員長（小泉進次郎君）", "小泉進次郎（委員長）"),
    ("事務局（佐藤課長）", "事務局", "事務局（佐藤課長）", "事務局（佐藤課長）"),   # no 「（事務局）」 after it
    ("冨山委員", "委員", None, "冨山委員"),
    ("佐藤 主光", "有識者", None, "佐藤 主光（有識者）"),
    (None, None, None, "（発言者なし）"),
])
def test_speaker_label_names_the_post_the_record_prints(speaker, role, label, shown):
    assert labels.speaker_label(speaker, role, label) == shown


def test_a_citation_names_the_speakers_post(tmp_path):
    from search.cite import hit_citation
    from search.engine import Engine
    from search.store import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "city.txt").write_text(
        "令和５年第２回白浜市議会定例会会議録（第３号）\n令和５年６月１４日\n"
        "○３番（伊藤明美君）　給食費の無償化について教育長に伺います。\n"
        "○教育長（伊藤博君）　給食費の全額無償化には年間約４億円の財源が必要となります。\n", encoding="utf-8")
    build_index(corpus, tmp_path / "index")
    hits = Engine.open(tmp_path / "index").search("給食費の無償化の財源", k=2)
    cited = {hit.remark.label: hit_citation(hit) for hit in hits}
    assert cited["教育長（伊藤博君）"].endswith("2023年6月14日、伊藤博（教育長）")
    assert cited["３番（伊藤明美君）"].endswith("2023年6月14日、伊藤明美（議員）")
