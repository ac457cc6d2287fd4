"""Memo clippings and exports, URL state round trips, highlighting and upload checks, on real seed text."""
from __future__ import annotations

import csv
import dataclasses
import html
import io
import re
import json
import zipfile
from pathlib import Path

import pytest

from app_support.library import UploadRefused, check_name, check_size
from app_support.state import (SearchState, from_query_params, suggestions_for_no_results, suggestions_for_weak_results,
                               to_query_params)
from app_support.view import esc, excerpt, highlight_html, merge_spans, passage_spans, score_parts
from search import memo
from search.labels import meeting_label, speaker_label
from search.records import Document, Hit, Passage, Remark

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
MINUTES = "004_2b152710ce42e84e.txt"
TOMIYAMA = ("輸出先への貢献という意味でも、ビジネスモデル的にも、いわゆる O＆Mと言われている領域を含めた"
            "よりソフトサイド、よりオペレーションサイドのインフラをどのように提供していくかが課題となる。")
IIJIMA = ("AIを含む DX は、テレワーク、ドローンや遠隔教育、遠隔医療等必要な技術であることが"
          "新型コロナウイルス対応で再認識され、今後の経済・社会の強靭化を図る上で重要。")


def seed_document(name: str = MINUTES) -> Document:
    meta = json.loads((CORPUS / "catalog.json").read_text(encoding="utf-8"))["documents"][name]
    fields = {k: meta.get(k) for k in ("title", "doc_type", "organisation", "meeting", "meeting_number",
                                       "date", "fiscal_year", "source")}
    return Document(doc=name, text=(CORPUS / name).read_text(encoding="utf-8"), **fields)


def seed_hit(speaker: str, quote: str, order: int) -> Hit:
    doc = seed_document()
    rid = f"{doc.doc}#{order}"
    remark = Remark(remark_id=rid, doc=doc.doc, order=order, speaker=speaker, role="委員", section="２．議事",
                    text=quote, paragraphs=[quote], start=0, end=len(quote))
    passage = Passage(passage_id=f"{rid}/0", remark_id=rid, doc=doc.doc, order=0, text=quote, start=0,
                      end=len(quote), speaker=speaker, role="委員", section="２．議事")
    return Hit(passage=passage, remark=remark, document=doc, score=0.03,
               scores={"fused": 0.03, "semantic": 0.84, "keyword": 7.1})


TOMIYAMA_CITATION = "インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨、2020年5月12日、冨山委員"


@pytest.fixture
def clips() -> list[memo.Clip]:
    a = memo.clip_from_hit(seed_hit("冨山委員", TOMIYAMA, 9))
    a.note = "O&Mを含むソフト面の輸出 → 新戦略の柱に"
    b = memo.clip_from_hit(seed_hit("飯島委員", IIJIMA, 5))
    return [a, b]


# ---------------------------------------------------------------- clippings
def test_clip_carries_quote_and_the_issue_citation(clips):
    assert clips[0].quote == TOMIYAMA
    assert clips[0].citation == TOMIYAMA_CITATION
    assert clips[0].date == "2020-05-12"


def test_add_clip_keeps_order_and_refuses_duplicates(clips):
    kept: list[memo.Clip] = []
    assert memo.add_clip(kept, clips[0]) and memo.add_clip(kept, clips[1])
    assert not memo.add_clip(kept, memo.clip_from_hit(seed_hit("冨山委員", TOMIYAMA, 9)))
    assert [c.speaker for c in kept] == ["冨山委員", "飯島委員"]


@pytest.mark.parametrize("index, step, expected", [
    (1, -1, ["飯島委員", "冨山委員"]),
    (0, +1, ["飯島委員", "冨山委員"]),
    (0, -1, ["冨山委員", "飯島委員"]),    # already first
    (1, +1, ["冨山委員", "飯島委員"]),    # already last
])
def test_move_clip(clips, index, step, expected):
    memo.move_clip(clips, index, step)
    assert [c.speaker for c in clips] == expected


def test_remove_clip(clips):
    memo.remove_clip(clips, clips[0].passage_id)
    assert [c.speaker for c in clips] == ["飯島委員"]


# ---------------------------------------------------------------- exports
def test_markdown_has_quotes_citations_and_notes_in_order(clips):
    text = memo.to_markdown(clips)
    assert text.startswith("# 検討メモ\n")
    assert f"出典：「{TOMIYAMA_CITATION}」" in text
    assert "> " + TOMIYAMA in text and "> " + IIJIMA in text
    assert text.index("冨山委員") < text.index("飯島委員")
    assert "O&Mを含むソフト面の輸出 → 新戦略の柱に" in text


def test_csv_round_trips_through_a_reader_with_bom(clips):
    data = memo.to_csv(clips)
    assert data.startswith(b"\xef\xbb\xbf")            # Excel needs the BOM for UTF-8
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0] == memo.CSV_COLUMNS
    first = dict(zip(rows[0], rows[1]))
    assert first["引用"] == TOMIYAMA
    assert first["出典"] == f"「{TOMIYAMA_CITATION}」"
    assert first["メモ"] == clips[0].note
    assert [r[4] for r in rows[1:]] == ["冨山委員", "飯島委員"]


def test_a_note_excel_would_run_as_a_formula_is_written_as_text(clips):
    import dataclasses

    notes = ["=HYPERLINK(\"http://example.com\",\"開く\")", "+1", "-2 の論点", "@SUM(A1)", "通常のメモ"]
    rows = list(csv.reader(io.StringIO(memo.to_csv(
        [dataclasses.replace(clips[0], note=n) for n in notes]).decode("utf-8-sig"))))
    assert [r[3] for r in rows[1:]] == ["'" + n for n in notes[:4]] + ["通常のメモ"]


def test_docx_is_a_word_file_with_the_citation(clips):
    from docx import Document as WordDocument

    data = memo.to_docx(clips)
    assert zipfile.is_zipfile(io.BytesIO(data))
    paragraphs = [p.text for p in WordDocument(io.BytesIO(data)).paragraphs]
    assert TOMIYAMA in paragraphs
    assert f"出典：「{TOMIYAMA_CITATION}」" in paragraphs
    assert clips[0].note in paragraphs


DIET_URL = "https://kokkai.ndl.go.jp/txt/121303815X01320240730"


def test_exports_give_the_address_of_minutes_online(clips):
    from docx import Document as WordDocument

    online = [dataclasses.replace(clips[0], source=DIET_URL), clips[1]]   # the seed's source is a line, no URL
    assert f"出典：「{TOMIYAMA_CITATION}」 {DIET_URL}" in memo.to_markdown(online)
    assert memo.to_markdown(online).count("https://") == 1
    rows = list(csv.DictReader(io.StringIO(memo.to_csv(online).decode("utf-8-sig"))))
    assert [r["出典URL"] for r in rows] == [DIET_URL, ""] and rows[0]["出典"] == f"「{TOMIYAMA_CITATION}」"
    paragraphs = [p.text for p in WordDocument(io.BytesIO(memo.to_docx(online))).paragraphs]
    assert f"出典：「{TOMIYAMA_CITATION}」 {DIET_URL}" in paragraphs


@pytest.mark.parametrize("title, expected", [
    ("能登・防衛 論点メモ", "能登・防衛_論点メモ-20261203.md"), ("DX/O&M: 論点?", "DX_O&M_論点-20261203.md"),
    ("...", "memo-20261203.md"),
])
def test_an_export_is_named_after_its_memo(title, expected):
    assert memo.file_name(title, "20261203", "md") == expected


def test_export_dispatches_and_names_the_formats(clips):
    assert memo.export(clips, "md").decode("utf-8") == memo.to_markdown(clips)
    with pytest.raises(ValueError, match="md, docx, csv"):
        memo.export(clips, "pdf")


# ---------------------------------------------------------------- URL state
@pytest.mark.parametrize("state", [
    SearchState(),
    SearchState(q="DXとO&M"),
    SearchState(q="海外展開 人材", mode="keyword", speakers=["冨山委員", "柳川委員"], docs=[MINUTES],
                doc_types=["minutes"], date_from="2020-01-01", date_to="2020-12-31"),
])
def test_state_round_trips_through_query_params(state):
    params = to_query_params(state)
    as_lists = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    assert from_query_params(as_lists) == state


def test_default_state_makes_an_empty_url():
    assert to_query_params(SearchState()) == {}


@pytest.mark.parametrize("params, field, expected", [
    ({"mode": ["fuzzy"]}, "mode", "hybrid"),          # unknown mode from a hand-edited link
    ({"from": ["2020-13-40"]}, "date_from", None),   # broken date dropped
    ({"type": ["minutes", "memo"]}, "doc_types", ["minutes"]),
    ({"q": ["  ＤＸ  "]}, "q", "ＤＸ"),
    ({"speaker": ["", "冨山委員"]}, "speakers", ["冨山委員"]),
])
def test_bad_url_values_are_dropped_not_fatal(params, field, expected):
    assert getattr(from_query_params(params), field) == expected


@pytest.mark.parametrize("state, expected_first", [
    (SearchState(q="DX", speakers=["冨山委員"]), "発言者"),
    (SearchState(q="DX", date_from="2024-01-01"), "期間"),
    (SearchState(q="デジタル変革", mode="keyword"), "ハイブリッド"),
    (SearchState(q="量子暗号"), "別の言い方"),
])
def test_no_result_suggestions_name_what_to_loosen(state, expected_first):
    assert expected_first in suggestions_for_no_results(state)[0]


@pytest.mark.parametrize("q, japanese_first", [("Noto earthquake reconstruction", True), ("DXとO&M", False),
                                                ("ぬぺぽらりるれ", False)])
def test_weak_results_of_an_english_question_suggest_the_japanese_wording(q, japanese_first):
    assert suggestions_for_weak_results(SearchState(q=q))[0].startswith("日本語の言い方") == japanese_first


# ---------------------------------------------------------------- highlighting and labels
def test_highlight_escapes_html_and_marks_spans():
    text = "DX 特有の Try＆Errorを許容する <script>alert(1)</script>"
    start = text.index("Try＆Error")
    out = highlight_html(text, [(0, 2), (start, start + len("Try＆Error"))])
    assert out.startswith("<mark>DX</mark>")
    assert "<mark>Try＆Error</mark>" in out
    assert "<script>" not in out and "&#60;script&#62;" in out


def test_highlight_escapes_inside_a_mark():
    assert highlight_html("R&D費用", [(0, 3)]) == "<mark>R&#38;D</mark>費用"


@pytest.mark.parametrize("hostile", ["<img src=x onerror=alert(1)>", '"><a href="http://evil.example/">x</a>',
                                     "![画像](http://evil.example/p.png)", "[リンク](http://evil.example/)",
                                     "$x^2$ :red[赤] **強調** `code`"])
def test_esc_leaves_no_markup_for_html_or_markdown(hostile):
    out = esc(hostile)
    assert not set(out) & set("<>\"'[]`*$")
    assert html.unescape(out) == hostile                          # the text itself is unchanged


@pytest.mark.parametrize("spans, expected", [
    ([(5, 8), (0, 2)], [(0, 2), (5, 8)]),
    ([(0, 4), (2, 6)], [(0, 6)]),
    ([(3, 3), (4, 2)], []),
])
def test_merge_spans(spans, expected):
    assert merge_spans(spans) == expected


SPEECH = "冒頭です。" * 40 + "輪島朝市の火災。" + "続きです。" * 40      # 200 + 8 + 200 characters


def test_excerpt_is_the_stretch_around_the_spans_cut_at_sentence_ends():
    hit = SPEECH.index("輪島")
    start, end = excerpt(SPEECH, passage_spans(SPEECH, ["輪島朝市の火災。"]), margin=50)
    assert start < hit - 45 and end > hit + 8 + 45                 # about the margin either side
    assert start > 0 and end < len(SPEECH)                         # not the whole speech
    assert SPEECH[start - 1] == "。" and SPEECH[end - 1] == "。"    # whole sentences


def test_excerpt_of_text_without_spans_is_all_of_it():
    assert excerpt(SPEECH, passage_spans(SPEECH, ["ここにない文。"]), margin=50) == (0, len(SPEECH))
    assert excerpt(SPEECH, [(0, 5)], margin=50)[0] == 0


def test_highlight_keeps_line_breaks():
    assert highlight_html("１点目\n２点目", []) == "１点目<br>２点目"


def test_labels_for_seed_documents():
    assert meeting_label(seed_document()) == "インフラ海外展開に関する新戦略策定に向けた懇談会 第2回"
    sheet = seed_document("003_438bdac8e45b0f74.txt")
    assert meeting_label(sheet) == sheet.title
    assert speaker_label("冨山委員", "委員") == "冨山委員"
    assert speaker_label("佐藤 主光", "有識者") == "佐藤 主光（有識者）"
    assert speaker_label(None, None) == "（発言者なし）"


def test_score_parts_in_fixed_order():
    assert [label for label, _ in score_parts({"keyword": 7.1, "fused": 0.03, "semantic": 0.84})] == \
        ["総合", "意味", "キーワード"]


# ---------------------------------------------------------------- upload checks
@pytest.mark.parametrize("name", ["005_議事要旨.txt", "議事要旨 第3回.pdf", "minutes-2024.html", "会議録.docx"])
def test_safe_names_pass(name):
    assert check_name(name) == name


@pytest.mark.parametrize("name, why", [
    ("../etc/passwd.txt", "使えません"),
    ("sub/doc.txt", "使えません"),
    (".hidden.txt", "使えません"),
    ("catalog.json", ".txt / .md / .docx / .pdf / .html"),
    ("report.xls", "Excel で開いて .xlsx で保存"),
    ("slides.pptx", ".txt / .md / .docx / .pdf / .html / .csv / .xlsx"),
    ("minutes.doc", "Word で開いて .docx で保存"),
    ("a;rm -rf.txt", "使えません"),
])
def test_unsafe_names_are_refused(name, why):
    with pytest.raises(UploadRefused, match=why):
        check_name(name)


@pytest.mark.parametrize("name, data, why", [
    ("議事録.txt", b"PK\x03\x04\x00\x00" + bytes(range(256)) * 8, "文字のファイルではないようです"),
    ("議事録.pdf", "○山田委員　発言です。".encode(), "PDFではありません"),
    ("議事録.docx", b"not a zip file at all", "Word の .docx として読めません"),
    ("議事録.xlsx", b"not a zip file at all", "Excel の .xlsx として読めません"),
    ("議事録.txt", "○山田委員　発言です。".encode("utf-16-le")[:-1] + b"\xff\xfe", None),
])
def test_a_file_that_cannot_be_read_is_refused_in_japanese(tmp_path, name, data, why):
    from app_support.library import add_upload

    try:
        add_upload(name, data, tmp_path, max_mb=20)
    except UploadRefused as e:
        message = str(e)
    else:
        assert why is None                                   # a file the loaders do read is no error
        return
    assert message.startswith(f"「{name}」を読み取れませんでした：")
    assert why is None or why in message
    assert not re.search(r"(?<![.A-Za-z])(?!docx|html|Word|UTF|API|json|PDF|OCR|Excel|xlsx|csv)[A-Za-z]{3,}", message), message   # no English
    assert not list(tmp_path.iterdir())                      # nothing written into the corpus


def test_the_librarys_list_of_files_not_indexed_is_in_japanese():
    from app_support.library import japanese_error_line

    assert japanese_error_line("/srv/corpus/old.doc: unsupported file type '.doc' — open it in Word and save it as "
                               ".docx") == "old.doc：この形式は読めません。Word で開いて .docx で保存してください。"
    assert japanese_error_line("/srv/corpus/scan.pdf: needs OCR: no text on 3 of 3 pages — run OCR").startswith(
        "scan.pdf：文字を含まないPDF")
    assert japanese_error_line("/srv/corpus/old.xls: unsupported file type '.xls' — open it in Excel and save it as "
                               ".xlsx") == "old.xls：この形式は読めません。Excel で開いて .xlsx で保存してください。"


def test_size_limit_is_stated():
    with pytest.raises(UploadRefused, match="上限は 20 MB"):
        check_size(21 * 1024 * 1024, 20)
    with pytest.raises(UploadRefused, match="空"):
        check_size(0, 20)
    check_size(1024, 20)
