"""Loaders and bad input: encodings (UTF-8/BOM, CP932, EUC-JP), PDF text layers, HTML, and clear IngestErrors."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from search.cli import main
from search.ingest import IngestError, load_catalog, load_corpus, load_document
from search.ingest.loaders import clean, decode_text, pdf_garbage

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SAMPLE = """インフラ海外展開に関する懇談会（第３回）議事要旨

日時；令和元年１１月５日（火）１０時００分から１１時００分

１．開会

（飯島委員）

\uf09e 質の高いインフラ輸出には、現地企業との連携が欠かせな

い。髙橋氏の指摘のとおり、ＤＸ・Ｏ＆Ｍも重要。

（高橋座長）

\uf09e 各省に行動計画を作成してもらいたい。
"""
SAMPLE_LEGACY = SAMPLE.replace("\uf09e", "●").replace("髙", "高")   # no U+F09E in CP932/EUC-JP, no 髙 in EUC-JP


def make_pdf(pages: list[list[str]], japanese: bool = False, to_unicode: bool = True) -> bytes:
    """A minimal PDF whose pages hold the given lines (Helvetica, or a CID font for Japanese)."""
    objs: list[str] = []

    def add(body: str) -> int:
        objs.append(body)
        return len(objs)

    if japanese:
        chars = sorted({c for page in pages for line in page for c in line})
        cid = {c: i + 1 for i, c in enumerate(chars)}
        cmap = ("/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Adobe-Identity-UCS def "
                "/CMapType 2 def 1 begincodespacerange <0000> <FFFF> endcodespacerange "
                f"{len(chars)} beginbfchar\n" + "\n".join(f"<{cid[c]:04X}> <{ord(c):04X}>" for c in chars)
                + "\nendbfchar endcmap CMapName currentdict /CMap defineresource pop end end")
        tu = add(f"<< /Length {len(cmap.encode())} >>\nstream\n{cmap}\nendstream") if to_unicode else None
        desc = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MSGothic /CIDSystemInfo << /Registry (Adobe) "
                   "/Ordering (Identity) /Supplement 0 >> /DW 1000 >>")
        font = add("<< /Type /Font /Subtype /Type0 /BaseFont /MSGothic /Encoding /Identity-H "
                   f"/DescendantFonts [{desc} 0 R]" + (f" /ToUnicode {tu} 0 R" if tu else "") + " >>")
    else:
        font = add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    parent = len(objs) + 2 * len(pages) + 1
    kids = []
    for page in pages:
        ops = ["BT /F1 12 Tf 14 TL 50 780 Td"]
        for line in page:
            if japanese:
                ops.append("<" + "".join(f"{cid[c]:04X}" for c in line) + "> Tj T*")
            else:
                ops.append("(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") Tj T*")
        stream = "\n".join(ops + ["ET"])
        content = add(f"<< /Length {len(stream.encode())} >>\nstream\n{stream}\nendstream")
        kids.append(add(f"<< /Type /Page /Parent {parent} 0 R /MediaBox [0 0 595 842] "
                        f"/Resources << /Font << /F1 {font} 0 R >> >> /Contents {content} 0 R >>"))
    assert add(f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>") == parent
    root = add(f"<< /Type /Catalog /Pages {parent} 0 R >>")
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    return out + f"trailer\n<< /Size {len(objs) + 1} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()


# ------------------------------------------------------------------ encodings
@pytest.mark.parametrize("encoding, sample", [
    ("utf-8", SAMPLE), ("utf-8-sig", SAMPLE), ("cp932", SAMPLE_LEGACY), ("euc_jp", SAMPLE_LEGACY),
    ("shift_jis", SAMPLE_LEGACY), ("utf-16", SAMPLE),
])
def test_encodings_decode_to_the_same_remarks(tmp_path, encoding, sample):
    path = tmp_path / f"minutes_{encoding}.txt"
    path.write_bytes(sample.encode(encoding))
    parsed = load_document(path)
    assert parsed.document.text == sample                  # BOM stripped, nothing guessed wrong
    assert [r.speaker for r in parsed.remarks] == ["飯島委員", "高橋座長"]
    assert parsed.remarks[0].text.startswith("質の高いインフラ輸出には、現地企業との連携が欠かせない。")
    assert parsed.document.date == "2019-11-05"
    first = parsed.passages[0]
    assert parsed.document.text[first.start:first.start + 4] == "質の高い"


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp"])
def test_seed_minutes_in_legacy_encodings(tmp_path, encoding):
    text = (CORPUS / "004_2b152710ce42e84e.txt").read_text(encoding="utf-8").replace("\uf09e", "●")
    if encoding == "euc_jp":
        text = text.replace("～", "〜")    # EUC-JP's wave dash
    path = tmp_path / "004_copy.txt"
    path.write_bytes(text.encode(encoding))
    decoded, used = decode_text(path.read_bytes())
    assert decoded == text and used == encoding


def test_mojibake_is_refused(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_text(SAMPLE.encode("utf-8").decode("cp1252", errors="replace"), encoding="utf-8")
    with pytest.raises(IngestError, match="mojibake"):
        load_document(path)


# ------------------------------------------------------------------ bad input
def _docx(blocks: list) -> bytes:
    """A Word file: a str is a paragraph, ("heading", str) a heading, a list of rows a table."""
    import io

    from docx import Document as WordDocument

    word = WordDocument()
    for block in blocks:
        if isinstance(block, tuple):
            word.add_heading(block[1], level=2)
        elif isinstance(block, list):
            table = word.add_table(rows=len(block), cols=len(block[0]))
            for row, cells in zip(table.rows, block):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
        else:
            word.add_paragraph(block)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def test_a_word_file_of_minutes_reads_in_print_order_with_its_table_of_turns(tmp_path):
    """Councils publish minutes as Word files: headings, a table of speaker and speech (a cell of several
    paragraphs), then more paragraphs; the turns come out in print order under the heading above them."""
    path = _write(tmp_path, "toshikei.docx", _docx([
        ("heading", "第２回みずほ市都市計画審議会　会議録"), "日時　令和６年２月８日（木）午後２時から",
        ("heading", "２　議事（１）用途地域の変更について"),
        [["発言者", "発言内容"], ["小野寺会長", "それでは、事務局から説明をお願いします。"],
         ["都市計画課長", "資料１を御覧ください。駅北口地区を商業地域に変更するものです。\n意見書は２件提出されました。"],
         ["長尾委員", "近隣の住宅地への日照の影響はどのように評価しましたか。"]],
        ("heading", "３　その他"), "事務局から、次回の審議会は令和６年５月に開催する予定である旨の連絡があった。"]))
    doc = load_document(path)
    assert (doc.document.title, doc.document.date) == ("第２回みずほ市都市計画審議会　会議録", "2024-02-08")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("小野寺会長", "２　議事（１）用途地域の変更について"), ("都市計画課長", "２　議事（１）用途地域の変更について"),
        ("長尾委員", "２　議事（１）用途地域の変更について"), ("事務局", "３　その他")]
    assert doc.remarks[1].paragraphs == ["資料１を御覧ください。駅北口地区を商業地域に変更するものです。", "意見書は２件提出されました。"]
    assert doc.document.text[doc.remarks[2].start:].startswith("長尾委員")


def test_a_table_of_questions_and_answers_gives_each_cell_a_turn_in_word_and_in_html(tmp_path):
    """審議概要 of a 入札監視委員会: a table headed 意見・質問 | 回答, one exchange per row and no label in the text.
    Each question and each answer is a turn of its own (問　… / 答　…, as the record prints no speaker)."""
    rows = [["意見・質問", "回答"],
            ["市道改良工事の落札率が高いのはなぜか。", "予定価格を事前に公表しているためである。\n積算の妥当性は確認している。"],
            ["２者のみの応札となった理由は把握しているか。", "工期が冬季にかかることが一因と考えている。"]]
    word = _write(tmp_path, "nyusatsu.docx", _docx([
        ("heading", "令和６年度第３回入札監視委員会　審議概要"), "開催日　令和６年１２月１６日", rows]))
    html = _write(tmp_path, "nyusatsu.html", (
        "<html><head><meta charset='utf-8'></head><body><h1>令和６年度第３回入札監視委員会　審議概要</h1>"
        "<p>開催日　令和６年１２月１６日</p><table>" + "".join(
            "<tr>" + "".join(f"<td>{c.replace(chr(10), '<br>')}</td>" for c in r) + "</tr>" for r in rows)
        + "</table></body></html>").encode("utf-8"))
    for path in (word, html):
        doc = load_document(path)
        assert doc.document.date == "2024-12-16"
        assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
            (None, "問\u3000市道改良"), (None, "答\u3000予定価格"), (None, "問\u3000２者のみ"), (None, "答\u3000工期が冬")], path
        assert "積算の妥当性は確認している。" in doc.remarks[1].text


def test_a_word_file_whose_labels_are_set_off_only_by_bold(tmp_path):
    import io

    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("令和６年度第１回さくら市地域福祉計画策定委員会　会議録")
    word.add_paragraph("日時　令和６年７月３日（水）午後１時３０分～３時")
    for label, speech in [("事務局（福祉政策課長）", "定刻となりましたので、ただいまから委員会を開会いたします。"),
                          ("佐野委員", "社会福祉協議会の村田委員を推薦いたします。"),
                          ("事務局（福祉政策課長）", "：資料１を御覧ください。第４次計画は５年間の計画でございます。"),
                          ("今井委員", "民生委員の担い手不足が深刻です。"), ("重点", "課題として位置付けるべきです。")]:
        para = word.add_paragraph()
        para.add_run(label).bold = True
        para.add_run(speech)
    buffer = io.BytesIO()
    word.save(buffer)
    doc = load_document(_write(tmp_path, "fukushi.docx", buffer.getvalue()))
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("事務局（福祉政策課長）", "定刻となりまし"[:6]), ("佐野委員", "社会福祉協議"), ("事務局（福祉政策課長）", "資料１を御覧"),
        ("今井委員", "民生委員の担い手不足が深刻です。重点課題"[:6])]
    assert doc.remarks[-1].text.endswith("重点課題として位置付けるべきです。")   # a bold word that names no one is text


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


BAD = [
    ("missing", lambda d: d / "nope.txt", "no such file"),
    ("directory", lambda d: (d / "folder.txt").mkdir() or d / "folder.txt", "is a directory"),
    ("zero-byte", lambda d: _write(d, "empty.txt", b""), "is empty"),
    ("blank", lambda d: _write(d, "blank.txt", b"\n \n\t\n"), "is empty"),
    ("binary", lambda d: _write(d, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary"),
    ("undecodable", lambda d: _write(d, "latin.txt", "Ça coûte très cher à Zürich. ".encode("latin-1") * 5),
     "cannot be decoded"),
    ("unsupported", lambda d: _write(d, "minutes.doc", b"\xd0\xcf\x11\xe0 old Word"),
     r"unsupported file type '\.doc' — .*\.docx"),
    ("not a docx", lambda d: _write(d, "minutes.docx", b"PK\x03\x04 not really"), "is not a Word .docx file"),
    ("empty docx", lambda d: _write(d, "blank.docx", _docx([])), "has no text"),
    ("pdf without text", lambda d: _write(d, "scan.pdf", make_pdf([[]])), "needs OCR"),
    ("pdf with cid codes", lambda d: _write(d, "cid.pdf", make_pdf([["(cid:1234)(cid:77)(cid:88)(cid:99)(cid:5)"] * 8])),
     r"needs OCR: extracts as \(cid:…\)"),
    ("pdf without ToUnicode", lambda d: _write(d, "noto.pdf", make_pdf([["新型コロナウイルスにより、我々の生活様式、仕事のやり方"] * 4],
                                                                         japanese=True, to_unicode=False)), "needs OCR"),
    ("not a pdf", lambda d: _write(d, "fake.pdf", "議事要旨".encode()), "not a PDF"),
    ("broken pdf", lambda d: _write(d, "broken.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n"), "PDF"),
]


@pytest.mark.parametrize("case, make, reason", BAD, ids=[b[0] for b in BAD])
def test_bad_input_raises_one_clear_line(tmp_path, case, make, reason):
    path = make(tmp_path)
    with pytest.raises(IngestError, match=reason) as info:
        load_document(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and " — " in message   # names the file, the reason and what to do


@pytest.mark.parametrize("case, make, reason", BAD, ids=[b[0] for b in BAD])
def test_cli_reports_bad_file_and_still_parses_the_others(tmp_path, capsys, case, make, reason):
    bad = make(tmp_path)
    good = _write(tmp_path, "good.txt", SAMPLE.encode("utf-8"))
    status = main(["parse", str(bad), str(good), "--json"])
    out, err = capsys.readouterr()
    assert status != 0
    errors = [ln for ln in err.splitlines() if ln.strip()]
    assert len(errors) == 1 and str(bad) in errors[0]
    rows = [json.loads(ln) for ln in out.splitlines()]
    assert [r["speaker"] for r in rows] == ["飯島委員", "高橋座長"]
    assert all(r["doc"] == "good.txt" for r in rows)


def test_pdf_page_number_and_header_removed(tmp_path):
    header = "インフラ海外展開に関する懇談会（第３回）議事要旨"
    pages = [[header, "（飯島委員）", "・質の高いインフラ輸出が必", "- 1 -"],
             [header, "要である。", "（高橋座長）", "・まとめる。", "- 2 -"],
             [header, "（事務局）", "・承知した。", "- 3 -"]]
    path = _write(tmp_path, "minutes.pdf", make_pdf(pages, japanese=True))
    parsed = load_document(path)
    assert [(r.speaker, r.text) for r in parsed.remarks] == [
        ("飯島委員", "質の高いインフラ輸出が必要である。"), ("高橋座長", "まとめる。"), ("事務局", "承知した。")]
    assert parsed.document.doc_type == "minutes"


def test_pdf_whose_font_gives_radicals_for_kanji(tmp_path):
    """A PDF's font may map 竹 and 長 to look-alike radicals (⽵ U+2F75, ⻑ U+2ED1) and fi to a ligature: read as the
    kanji and letters they show, so 会⻑'s turns are found and 長 is searchable."""
    pages = [["交通政策審議会（第２回）議事録", "令和６年１０月３日", "○⽵内会⻑\u2003ただいまから開会します。",
              "○交通政策課⻑\u2003資料１の路線バスの再編とﬁxed routeを説明します。", "○⽵内会⻑\u2003ありがとうございました。"]]
    parsed = load_document(_write(tmp_path, "minutes.pdf", make_pdf(pages, japanese=True)))
    assert [r.speaker for r in parsed.remarks] == ["竹内会長", "交通政策課長", "竹内会長"]
    assert "fixed route" in parsed.remarks[1].text and "⻑" not in parsed.document.text
    assert clean("⻖⺡") == "⻖⺡"                        # radicals that are only part of a kanji stay as printed


def test_html_visible_text(tmp_path):
    html = ("<html><head><meta charset='shift_jis'><title>懇談会（第３回）議事要旨</title>"
            "<script>var x = '（偽委員）';</script><style>p{color:red}</style></head><body>"
            "<h1>懇談会（第３回）議事要旨</h1><p>日時：令和２年５月１２日</p><p>１．開会</p>"
            "<p>（飯島委員）</p><p>・質の高いインフラ輸出が必要である。</p>"
            "<p>（高橋座長）</p><p>・まとめる。<br>・次回に続ける。</p></body></html>")
    path = _write(tmp_path, "minutes.html", html.encode("cp932"))
    parsed = load_document(path)
    assert "var x" not in parsed.document.text and "color" not in parsed.document.text
    assert [r.speaker for r in parsed.remarks] == ["飯島委員", "高橋座長"]
    assert parsed.remarks[1].paragraphs == ["・まとめる。", "・次回に続ける。"]
    assert parsed.document.title == "懇談会（第３回）議事要旨"
    assert parsed.document.date == "2020-05-12"


def test_pdf_garbage_detection_table():
    assert pdf_garbage("(cid:12)" * 40) is not None
    assert pdf_garbage("   \n  ") is not None
    assert pdf_garbage("ã\x81\x82ã\x81\x84ã\x81\x86ã\x81\x88ã\x81\x8a" * 5) is not None
    assert pdf_garbage("新型コロナウイルスにより、我々の生活様式が大きく変わった。") is None


# ------------------------------------------------------------------ catalog and corpus
def test_catalog_values_win_and_parsed_values_fill_gaps(tmp_path):
    _write(tmp_path, "a.txt", SAMPLE.encode("utf-8"))
    (tmp_path / "catalog.json").write_text(json.dumps(
        {"documents": {"a.txt": {"title": "正式名称", "organisation": "内閣官房", "date": None}}}), encoding="utf-8")
    parsed = load_document(tmp_path / "a.txt", load_catalog(tmp_path))
    d = parsed.document
    assert (d.title, d.organisation) == ("正式名称", "内閣官房")
    assert (d.date, d.meeting_number, d.fiscal_year, d.doc_type) == ("2019-11-05", 3, 2019, "minutes")


def test_catalog_without_documents_wrapper_and_printed_meeting_numbers(tmp_path):
    (tmp_path / "a.txt").write_text("○山田委員　発言です。\n○江口委員長　次に移ります。\n", encoding="utf-8")
    (tmp_path / "catalog.json").write_text(json.dumps({
        "a.txt": {"title": "第213回国会　衆議院　安全保障委員会　第13号", "body": "衆議院 安全保障委員会",
                  "meeting_number": "第13号", "date": "2024-07-30", "layout": "ndl-kokkai",
                  "source": "someone/minutes@0123abc:data/a.json",
                  "source_url": "https://kokkai.ndl.go.jp/txt/121303815X01320240730"},
        "b.txt": {"meeting_number": "平成13年第４回定例会（第１日目）"}}, ensure_ascii=False), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog["b.txt"]["meeting_number"] == 4
    d = load_document(tmp_path / "a.txt", catalog).document
    assert (d.meeting, d.meeting_number, d.date, d.doc_type) == ("衆議院 安全保障委員会", 13, "2024-07-30", "minutes")
    assert d.source == "https://kokkai.ndl.go.jp/txt/121303815X01320240730"    # the minutes online, for citations


def test_malformed_catalog_is_an_ingest_error(tmp_path):
    (tmp_path / "catalog.json").write_text('{"documents": {"a.txt": ', encoding="utf-8")
    with pytest.raises(IngestError, match="catalog.json: is not valid JSON"):
        load_catalog(tmp_path)
    (tmp_path / "catalog.json").write_text('{"documents": ["a.txt"]}', encoding="utf-8")
    with pytest.raises(IngestError, match='"documents"'):
        load_catalog(tmp_path)
    assert load_catalog(tmp_path / "nowhere") == {}


def test_load_corpus_skips_catalog_and_readme_and_collects_errors(tmp_path):
    _write(tmp_path, "b.txt", SAMPLE.encode("utf-8"))
    _write(tmp_path, "a.txt", SAMPLE.encode("cp932", errors="replace"))
    _write(tmp_path, "c.txt", b"")
    _write(tmp_path, "README.md", b"# corpus")
    _write(tmp_path, "catalog.json", b'{"documents": {}}')
    _write(tmp_path, "old.doc", b"\xd0\xcf\x11\xe0 old Word")
    _write(tmp_path, "d.docx", _docx(["令和５年度第１回みなと市環境審議会　会議録", "令和５年６月１日",
                                      [["山田会長", "ただいまから開会いたします。"], ["鈴木委員", "省エネの補助を拡充すべきです。"],
                                       ["環境政策課長", "来年度の予算で検討いたします。"]]]))
    docs, errors = load_corpus(tmp_path)
    assert [d.document.doc for d in docs] == ["a.txt", "b.txt", "d.docx"]
    assert [r.speaker for r in docs[2].remarks] == ["山田会長", "鈴木委員", "環境政策課長"]
    assert sorted(Path(e.path).name for e in errors) == ["c.txt", "old.doc"]    # named, not skipped in silence
    assert "save it as .docx" in str(next(e for e in errors if "old.doc" in str(e)))


def test_seed_corpus_loads_without_errors():
    docs, errors = load_corpus(CORPUS)
    assert not errors
    assert [d.document.doc_type for d in docs] == ["evaluation_sheet"] * 4 + ["minutes"]


def test_a_csv_export_of_minutes_reads_turn_by_turn(tmp_path):
    path = tmp_path / "R050412B04.csv"
    path.write_text("fileName,No,位置番号,発言者表記,冒頭\n"
                    "R050412B04,1,1094,迫川委員長,こんにちは。それでは、ただいまより議会運営委員会を開会いたします。\n"
                    "R050412B04,2,1234,今竹議長,今日、午後からですけども、皆さん、ご苦労さんです。\n"
                    "R050412B04,3,1300,北野委員,\"基本的には外す際は、事件議案も併せてそろったときと考えます。\"\n"
                    "R050412B04,4,1350,迫川委員長,その他、皆さんからありましたら。\n", encoding="cp932")
    doc = load_document(path)
    assert doc.document.doc_type == "minutes"
    assert [(r.speaker, r.role, r.text[:6]) for r in doc.remarks] == [
        ("迫川委員長", "委員長", "こんにちは。"), ("今竹議長", "議長", "今日、午後か"), ("北野委員", "委員", "基本的には外"),
        ("迫川委員長", "委員長", "その他、皆さ")]
    qa = tmp_path / "iken.csv"
    qa.write_text("意見・質問,回答\n市道の改良はいつ終わるのか。,令和8年度の完了を予定しています。\n"
                  "工期が冬にかかるのではないか。,冬季の施工は避ける計画です。\n", encoding="utf-8")
    assert [r.text[:2] for r in load_document(qa).remarks] == ["問\u3000", "答\u3000"] * 2
    empty = tmp_path / "empty.csv"
    empty.write_text("発言者,発言内容\n", encoding="utf-8")
    with pytest.raises(IngestError, match="no text"):
        load_document(empty)
