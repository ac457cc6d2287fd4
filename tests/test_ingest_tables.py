"""Tables as documents: Excel workbooks (.xlsx, read with the stdlib) and CSV exports, their head rows, and refusals."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from search.ingest import IngestError, load_corpus, load_document
from search.ingest.tables import table_text, xlsx_sheets

MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
PKG = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"'
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

# A real record's opening (品川区議会 文教委員会, 2001年7月30日), as a council's Excel export would hold it
SPEECHES = [
    ("藤田委員長", "それでは、これより文教委員会を開会いたします。"),
    ("久保田学務課長", "それでは、八潮南小学校で起きましたＢＣＧ管針重複使用事故についてご報告申し上げます。"),
    ("桜井委員", "今、次長が結果的に被害がなかったということなんですけれども、それは結果論であって、"
                "当日は保護者の方々は大変心配されたと思います。"),
]


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xlsx(sheets: list[tuple[str, list[list], str | None]], shared_phonetic: bool = True, date1904: bool = False) -> bytes:
    """An .xlsx workbook as Excel writes it: shared strings (with a furigana run, <rPh>, on kanji strings), a style
    table whose style 1 is the date format 「yyyy"年"m"月"d"日"」, merged cells, hidden sheets. Each sheet is (name,
    rows, state); a cell is a str (shared string), an int/float (a number), ("date", serial) or ("inline", str)."""
    strings: list[str] = []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
                   '"http://schemas.openxmlformats.org/package/2006/content-types"/>')
        z.writestr("_rels/.rels", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships {PKG}>'
                   f'<Relationship Id="rId1" Type="{DOC_REL}/officeDocument" Target="xl/workbook.xml"/>'
                   '</Relationships>')
        book = "".join(f'<sheet name="{_esc(name)}" sheetId="{i + 1}" r:id="rId{i + 1}"'
                       f'{f" state={chr(34)}{state}{chr(34)}" if state else ""}/>'
                       for i, (name, _, state) in enumerate(sheets))
        pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="166925"/>'
        z.writestr("xl/workbook.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<workbook {MAIN} {REL}>{pr}<sheets>{book}</sheets></workbook>')
        rels = "".join(f'<Relationship Id="rId{i + 1}" Type="{DOC_REL}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>'
                       for i in range(len(sheets)))
        z.writestr("xl/_rels/workbook.xml.rels", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   f'<Relationships {PKG}>{rels}<Relationship Id="rId99" Type="{DOC_REL}/sharedStrings" '
                   'Target="sharedStrings.xml"/></Relationships>')
        z.writestr("xl/styles.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet {MAIN}>'
                   '<numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;;@"/>'
                   '</numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="176" applyNumberFormat="1"/>'
                   '<xf numFmtId="3" applyNumberFormat="1"/></cellXfs></styleSheet>')
        for n, (_, rows, _) in enumerate(sheets):
            xml_rows = []
            for r, row in enumerate(rows):
                cells = []
                for c, value in enumerate(row):
                    ref = f"{chr(65 + c)}{r + 1}"
                    if value is None or value == "":
                        continue
                    if isinstance(value, tuple) and value[0] == "date":
                        cells.append(f'<c r="{ref}" s="1"><v>{value[1]}</v></c>')
                    elif isinstance(value, tuple):
                        cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{_esc(value[1])}</t></is></c>')
                    elif isinstance(value, (int, float)):
                        cells.append(f'<c r="{ref}" s="2"><v>{value}</v></c>')
                    else:
                        strings.append(value)
                        cells.append(f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>')
                xml_rows.append(f'<row r="{r + 1}">{"".join(cells)}</row>')
            merge = '<mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells>' if rows and len(rows[0]) == 1 else ""
            z.writestr(f"xl/worksheets/sheet{n + 1}.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       f'<worksheet {MAIN} {REL}><sheetData>{"".join(xml_rows)}</sheetData>{merge}</worksheet>')

        def item(s: str) -> str:
            lines = _esc(s).replace("\n", "&#10;")
            furigana = '<rPh sb="0" eb="2"><t>イインチョウ</t></rPh><phoneticPr fontId="1"/>' \
                if shared_phonetic and any("\u4e00" <= ch <= "\u9fff" for ch in s) else ""
            return f'<si><t xml:space="preserve">{lines}</t>{furigana}</si>'
        z.writestr("xl/sharedStrings.xml", f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst {MAIN} '
                   f'count="{len(strings)}" uniqueCount="{len(strings)}">{"".join(item(s) for s in strings)}</sst>')
    return out.getvalue()


def minutes_workbook() -> bytes:
    return xlsx([
        ("会議録", [["品川区議会　文教委員会　会議録"], [("date", 37102)], [],
                    ["No", "発言者", "発言内容"], *[[i + 1, who, said] for i, (who, said) in enumerate(SPEECHES)]], None),
        ("リスト", [["委員"], ["課長"], ["事務局"]], "hidden"),       # a drop-down's list: no one said it
    ])


def test_an_excel_export_of_minutes_reads_turn_by_turn(tmp_path):
    path = tmp_path / "bunkyo_20010730.xlsx"
    path.write_bytes(minutes_workbook())
    doc = load_document(path)
    assert doc.document.doc_type == "minutes"
    assert doc.document.title == "品川区議会　文教委員会　会議録"          # the sheet's own title row, not the file name
    assert doc.document.date == "2001-07-30"                            # a date cell (a serial in a date format)
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("藤田委員長", "委員長"), ("久保田学務課長", "課長"), ("桜井委員", "委員")]
    assert [r.text for r in doc.remarks] == [said for _, said in SPEECHES]
    assert "イインチョウ" not in doc.document.text                       # the furigana Excel keeps beside a string
    assert "事務局" not in doc.document.text                             # the hidden sheet


def test_a_workbook_of_several_sheets_names_each_and_reads_numbers_as_shown(tmp_path):
    sheets = xlsx_sheets(xlsx([
        ("Sheet1", [["事業名", "海外インフラ展開推進事業"], ["予算額（千円）", 125000], ["執行率", 0.875]], None),
        ("第2回", [["問", "答"], [("inline", "工期は冬にかかるか。"), "冬季の施工は避ける計画です。"]], None),
    ], date1904=True))
    assert sheets[0] == ("Sheet1", [["事業名", "海外インフラ展開推進事業"], ["予算額（千円）", "125000"], ["執行率", "0.875"]])
    assert sheets[1][1][1] == ["工期は冬にかかるか。", "冬季の施工は避ける計画です。"]
    path = tmp_path / "review.xlsx"
    path.write_bytes(xlsx([("Sheet1", [["事業名", "海外インフラ展開推進事業"]], None),
                           ("第2回", [["問", "答"], ["工期は冬にかかるか。", "冬季の施工は避ける計画です。"]], None)]))
    text = load_document(path).document.text
    assert "review\n事業名\u3000海外インフラ展開推進事業" in text               # no title row: the file's name stands over it
    assert "\n第2回\n" in text and "Sheet1" not in text                     # a sheet's own name, not Excel's default
    assert "問\u3000工期は冬にかかるか。\n答\u3000冬季の施工は避ける計画です。" in text


def test_a_date_serial_counts_from_the_workbooks_own_epoch():
    assert xlsx_sheets(xlsx([("s", [[("date", 37102)]], None)]))[0][1] == [["2001年7月30日"]]
    assert xlsx_sheets(xlsx([("s", [[("date", 35640)]], None)], date1904=True))[0][1] == [["2001年7月30日"]]


def test_a_head_row_under_a_title_row_still_names_the_columns():
    rows = [["第3回　会議録", ""], ["発言者", "発言内容"], ["山田委員", "省エネの補助を拡充すべきです。"]]
    assert table_text(rows) == "第3回　会議録\n○山田委員\u3000省エネの補助を拡充すべきです。"
    assert table_text([["第3回"], ["発言者", "本文"], ["発言者", "本文"], ["鈴木委員", "賛成です。"]]) \
        == "第3回\n○鈴木委員\u3000賛成です。"


@pytest.mark.parametrize("name, data, why, hint", [
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "unsupported file type '.xls'", "save it as .xlsx"),
    ("broken.xlsx", b"PK\x03\x04 not really a zip", "is not an Excel .xlsx file", "save it as .xlsx"),
    ("word.xlsx", None, "no workbook inside", "save it as .xlsx"),
    ("empty.xlsx", "empty", "no text", None),
    ("secret.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "a workbook with a password", "save it as .xlsx"),
    ("damaged.xlsx", "damaged", "cannot be read", "save it as .xlsx"),
])
def test_a_workbook_that_cannot_be_read_is_refused_with_what_to_do(tmp_path, name, data, why, hint):
    if data is None:                                     # a zip that is no workbook (a .docx renamed)
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("word/document.xml", "<w:document/>")
        data = buf.getvalue()
    elif data == "empty":
        data = xlsx([("Sheet1", [], None)])
    elif data == "damaged":                              # a download cut short inside a part's compressed bytes
        data = bytearray(minutes_workbook())
        at = data.find(b"xl/sharedStrings.xml") + len("xl/sharedStrings.xml") + 5
        data[at:at + 20] = bytes(20)
        data = bytes(data)
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(IngestError, match=why) as e:
        load_document(path)
    if hint:
        assert hint in str(e.value)


def test_a_workbook_bomb_is_refused_before_it_is_unpacked(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", b"\x00" * 210_000_000)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(buf.getvalue())
    with pytest.raises(IngestError, match="unpacks to more than 200 MB"):
        load_document(path)


def test_a_folder_with_a_workbook_indexes_it_beside_the_text(tmp_path):
    (tmp_path / "a.xlsx").write_bytes(minutes_workbook())
    (tmp_path / "b.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    docs, errors = load_corpus(tmp_path)
    assert [d.document.doc for d in docs] == ["a.xlsx"] and len(docs[0].remarks) == 3
    assert [Path(e.path).name for e in errors] == ["b.xls"]


def test_a_json_export_of_speeches_reads_as_the_record_it_holds(tmp_path):
    """A council system's JSON (DiscussNet's tenant_minutes: each speech's body as printed, in <pre>), and a plain
    list of {speaker, text} objects: the speeches of a real record (品川区議会 文教委員会, 2001年7月30日)."""
    import json

    printed = [{"minute_id": i, "title": who, "body": f"<pre>○{who}\u3000{said}</pre>", "minute_type": "○発言"}
               for i, (who, said) in enumerate(SPEECHES)]
    printed.insert(1, {"minute_id": 99, "title": "（報告事項）", "body": "<pre>△報告事項</pre>", "minute_type": "△議題"})
    (tmp_path / "bunkyo.json").write_text(json.dumps({"tenant_minutes": printed}, ensure_ascii=False), encoding="utf-8")
    doc = load_document(tmp_path / "bunkyo.json")
    assert doc.document.doc_type == "minutes"
    assert [(r.speaker, r.text) for r in doc.remarks] == SPEECHES
    assert not any("<pre>" in r.text or "△" in r.text for r in doc.remarks)

    plain = {"meeting": {"title": "品川区議会　文教委員会", "date": "2001-07-30",
                         "speeches": [{"speaker_name": who, "text": said} for who, said in SPEECHES]}}
    (tmp_path / "plain.json").write_text(json.dumps(plain, ensure_ascii=False), encoding="utf-8")
    doc = load_document(tmp_path / "plain.json")
    assert (doc.document.title, doc.document.date) == ("品川区議会　文教委員会", "2001-07-30")
    assert [(r.speaker, r.text) for r in doc.remarks] == SPEECHES


def test_a_csv_cell_longer_than_the_csv_modules_limit_is_read(tmp_path):
    speech = "".join(said for _, said in SPEECHES) * 1200          # ~150,000 characters: a whole speech in one cell
    rows = [SPEECHES[0], ("久保田学務課長", speech), SPEECHES[2]]
    (tmp_path / "long.csv").write_text("発言者,発言\n" + "".join(f'{who},"{said}"\n' for who, said in rows), encoding="utf-8")
    doc = load_document(tmp_path / "long.csv")
    assert [r.speaker for r in doc.remarks] == ["藤田委員長", "久保田学務課長", "桜井委員"]
    assert len(doc.remarks[1].text.replace("\n", "")) >= len(speech)


def test_speeches_split_across_segments_and_named_by_their_speaker_field(tmp_path):
    """A transcript of 参議院 法務委員会 exported as segments[].utterances[] {speaker, role, text}: every segment's
    utterances in order, each speaker from its field (a bare name, no post), the text's own 「鈴木宗男君。」 no label."""
    import json

    said = [("伊藤孝江", "委員長", "ただいまから法務委員会を開会いたします。委員の異動についてご報告いたします。"),
            ("伊藤孝江", "委員長", "鈴木宗男君。"),
            ("鈴木宗男", "質疑者", "今回のご苦労様です。刑事訴訟法の関係についてお尋ねをいたします。"),
            ("平口洋", "答弁者", "再審制度に関しましては、近時、ご指摘の事件を含む再審無罪事件も契機として、様々な指摘がなされているものと承知しております。"),
            ("鈴木宗男", "質疑者", "鈴木宗男君。大臣ですね、これ個別案件と言いますけれども、終わっている話であります。"),
            ("平口洋", "答弁者", "仮に刑事事件の判決が確定していたとしても、個別事件における裁判所の判断に関わる事柄につきましては差し控えます。")]
    segments = [{"segment_index": 0, "segment_speaker": "伊藤孝江", "utterances": [
                    {"speaker": w, "role": r, "text": t, "unmatched": False} for w, r, t in said[:1]]},
                {"segment_index": 1, "segment_speaker": "鈴木宗男", "utterances": [
                    {"speaker": w, "role": r, "text": t, "unmatched": False} for w, r, t in said[1:]]}]
    (tmp_path / "homu.json").write_text(json.dumps({"segments": segments}, ensure_ascii=False), encoding="utf-8")
    doc = load_document(tmp_path / "homu.json")
    assert doc.document.doc_type == "minutes"
    assert [(r.speaker, r.text) for r in doc.remarks] == [(w, t) for w, _, t in said]


def test_a_json_export_of_the_diets_speeches_keeps_the_front_matter_out():
    """A JSON export of 国会会議録 speeches under its own keys (data[] of {speaker, text}): speaker 会議録情報 is the
    API's name for the record's front matter, no one's remark."""
    from search.ingest.tables import json_text

    text, _ = json_text({"data": [
        {"speaker": "会議録情報", "date": "2025-10-24", "text": "令和七年十月二十四日（金曜日）\r\n　議事日程　第二号"},
        {"speaker": "額賀福志郎", "text": "○議長（額賀福志郎君）　これより会議を開きます。"}]}, "speeches")
    assert "○会議録情報" not in text and "○議長（額賀福志郎君）　これより会議を開きます。" in text


def test_a_workbook_cut_short_or_garbled_anywhere_is_refused_not_a_crash(tmp_path):
    import random

    data, rng = minutes_workbook(), random.Random(7)
    path = tmp_path / "cut.xlsx"
    for trial in range(400):
        broken = bytearray(data[:rng.randrange(30, len(data))] if trial % 2 else data)
        for _ in range(rng.randint(1, 20)):      # a download cut short, bytes garbled on the way
            broken[rng.randrange(len(broken))] = rng.randrange(256)
        path.write_bytes(bytes(broken))
        try:
            load_document(path)
        except IngestError:
            pass                                 # one line saying what to do, never another exception


def test_a_table_whose_speakers_are_bare_names_names_them():
    """A CSV of a transcript whose 話者 column holds names alone (平口洋), as a speech-to-text export writes it."""
    rows = [["話者", "発言"], ["伊藤孝江", "ただいまから法務委員会を開会いたします。"], ["鈴木宗男", "刑事訴訟法の関係についてお尋ねをいたします。"],
            ["平口洋", "再審制度に関しましては、様々な指摘がなされているものと承知しております。"]]
    assert table_text(rows).split("\n")[0] == "○伊藤孝江\u3000ただいまから法務委員会を開会いたします。"
    assert table_text([["発言者", "発言"], ["", "（休憩）"]]) == "（休憩）"


@pytest.mark.parametrize("code, is_date", [
    ('yyyy"年"m"月"d"日";@', True), ("[$-411]ggge\"年\"m\"月\"d\"日\"", True), ("m/d/yy", True),
    ("0.00E+00", False), ("#,##0", False), ("h:mm:ss", False), ("General", False), ('0"人"', False)])
def test_which_custom_number_formats_show_a_date(code, is_date):
    from search.ingest.tables import _is_date_format

    assert _is_date_format(code) is is_date
