"""Loaders: bytes of a document (.txt .md .docx .pdf .html .csv .xlsx) to decoded text, refusing what cannot be read
honestly."""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from search.ingest.errors import IngestError
from search.ingest.repair import without_line_numbers
from search.ingest.tables import NotAWorkbook, is_header_row, qa_columns, qa_lines, row_line, tables_text, xlsx_sheets

TEXT_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm", ".csv", ".xlsx")
DIET_SUFFIXES = (".json", ".xml")          # 国会会議録検索システム API records (search.ingest.diet)
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + DIET_SUFFIXES
JAPANESE_ENCODINGS = ("utf-8", "cp932", "euc_jp")
_CID = re.compile(r"\(cid:\d+\)")
OCR_HINT = "run OCR on it (e.g. `ocrmypdf -l jpn in.pdf out.pdf`) and add the OCR'd PDF or its text as .txt"


def unsupported(path: Path) -> IngestError:
    suffix = path.suffix.lower()
    return IngestError(path, f"unsupported file type '{path.suffix or '(none)'}'",
                       "open it in Word and save it as .docx" if suffix in (".doc", ".rtf", ".odt")
                       else "open it in Excel and save it as .xlsx" if suffix in (".xls", ".xlsm", ".xlsb", ".ods")
                       else f"convert it to one of {', '.join(SUPPORTED_SUFFIXES)}")


def check_file(path: Path) -> bytes:
    """The file's bytes, or an IngestError for a missing file, a directory, an empty or unsupported file."""
    if not path.exists():
        raise IngestError(path, "no such file", "check the path and the file name")
    if path.is_dir():
        raise IngestError(path, "is a directory, not a document", "pass the files inside it, or index the folder")
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise unsupported(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(path, f"cannot be read ({e.strerror or e})", "check its permissions") from None
    if not data.strip():
        raise IngestError(path, "is empty (0 bytes of text)", "replace it with the full document or remove it")
    return data


def plausibility(text: str) -> float:
    """Share of characters that belong in Japanese or English prose (kana, kanji, ASCII, full-width forms)."""
    if not text:
        return 0.0
    good = 0
    for ch in text:
        o = ord(ch)
        if (ch.isspace() or 0x20 <= o < 0x7F or 0x3000 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF
                or 0xFF01 <= o <= 0xFFEE or 0x2000 <= o <= 0x27BF or 0x3400 <= o <= 0x4DBF
                or 0xE000 <= o <= 0xF8FF or 0xF900 <= o <= 0xFAFF or 0x0370 <= o <= 0x03FF
                or 0x2460 <= o <= 0x24FF or 0x2150 <= o <= 0x218F or 0x00A0 <= o <= 0x00BF
                or o in (0x00D7, 0x00F7)):
            good += 1
    return good / len(text)


def _japanese_score(text: str) -> float:
    """Higher for real Japanese: kana and kanji count, half-width katakana and odd symbols count against."""
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    kanji = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    halfwidth = sum(1 for c in text if "\uff61" <= c <= "\uff9f")
    return plausibility(text) + (kana + 0.5 * kanji - 3 * halfwidth) / max(1, len(text))


def looks_binary(data: bytes) -> bool:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return b"\x00" in head or controls > 0.05 * len(head)


def decode_text(data: bytes, path: Path | str = "<bytes>") -> tuple[str, str]:
    """(text, encoding) for UTF-8 (BOM or not), UTF-16 with BOM, CP932/Shift_JIS or EUC-JP; never a silent guess."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as e:
            raise IngestError(path, f"has a UTF-8 BOM but invalid UTF-8 at byte {e.start + 3}",
                              "re-save it as UTF-8") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise IngestError(path, "has a UTF-16 BOM but is not valid UTF-16", "re-save it as UTF-8") from None
    if looks_binary(data):
        raise IngestError(path, "looks like a binary file, not text",
                          "give the original .txt, .pdf or .html (not a .doc/.xls/.zip renamed)")
    candidates = []
    for enc in JAPANESE_ENCODINGS:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if enc == "utf-8":
            return _checked(text, enc, path)
        candidates.append((_japanese_score(text), enc, text))
    if not candidates:
        from charset_normalizer import from_bytes
        best = from_bytes(data).best()
        if best is not None and plausibility(str(best)) > 0.97:
            return _checked(str(best), best.encoding, path)
        raise IngestError(path, "cannot be decoded as UTF-8, CP932/Shift_JIS or EUC-JP",
                          "save it as UTF-8 and add it again")
    candidates.sort(reverse=True)
    score, enc, text = candidates[0]
    if len(candidates) > 1 and score - candidates[1][0] < 0.05:
        from charset_normalizer import from_bytes
        best = from_bytes(data, cp_isolation=["cp932", "euc_jp"]).best()
        named = {"cp932": "cp932", "shift_jis": "cp932", "euc_jp": "euc_jp"}.get(best.encoding if best else "")
        if named is None:
            raise IngestError(path, "is ambiguous between CP932 and EUC-JP", "save it as UTF-8 and add it again")
        enc, text = named, data.decode(named)
    return _checked(text, enc, path)


def _checked(text: str, encoding: str, path: Path | str) -> tuple[str, str]:
    if mojibake(text):
        raise IngestError(path, f"decodes as {encoding} but reads as mojibake (garbled characters)",
                          "open it in an editor, check the encoding and save it as UTF-8")
    return text, encoding


def mojibake(text: str) -> bool:
    """UTF-8 read as Latin-1/CP1252 ('ã\\x81\\x82'), replacement characters or implausible characters."""
    body = "".join(text.split())
    if not body:
        return False
    latin = sum(1 for c in body if "\u00c0" <= c <= "\u00ff")
    replacement = body.count("\ufffd")
    non_ascii = sum(1 for c in body if ord(c) > 0x7F) or 1
    return latin / non_ascii > 0.3 or replacement / len(body) > 0.01 or plausibility(body) < 0.9


def pdf_garbage(text: str) -> str | None:
    """Why a PDF text layer is unusable ((cid:…) codes, mojibake, nearly empty), or None if it reads."""
    body = "".join(text.split())
    cids = _CID.findall(text)
    if len(body) < 20:
        return "has no usable text layer (no text on its pages; a scanned image?)"
    if cids and sum(map(len, cids)) > 0.2 * len(body):
        return f"extracts as (cid:…) glyph codes ({len(cids)} of them), not text"
    if mojibake(body):
        return "extracts as garbled characters (mojibake), not text"
    return None


def read_pdf(data: bytes, path: Path | str) -> str:
    """The text layer of every page (pages separated by form feeds)."""
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise IngestError(path, "is an encrypted PDF", "remove the password and add it again") from None
        pages = [page.extract_text() or "" for page in reader.pages]
    except IngestError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as e:
        raise IngestError(path, f"is not a readable PDF ({type(e).__name__}: {e})",
                          "check that the file is a complete PDF") from None
    text = "\n\f".join(unicodedata.normalize("NFC", p) for p in pages)
    why = pdf_garbage(text)
    if why:
        raise IngestError(path, f"needs OCR: {why}", OCR_HINT)
    return text


def read_csv(data: bytes, path: Path | str) -> str:
    """A CSV export of minutes as lines the minutes reader knows (search.ingest.tables.tables_text)."""
    import csv
    import io

    csv.field_size_limit(max(csv.field_size_limit(), len(data) + 1))      # a whole speech in one cell
    try:
        rows = list(csv.reader(io.StringIO(decode_text(data, path)[0])))
    except csv.Error as e:
        raise IngestError(path, f"is not a readable CSV file ({e})", "save it again as CSV (UTF-8) from Excel") from None
    return tables_text(Path(path).stem, [("", rows)])


def read_xlsx(data: bytes, path: Path | str) -> str:
    """An Excel workbook's visible sheets as lines the minutes reader knows (search.ingest.tables)."""
    try:
        return tables_text(Path(path).stem, xlsx_sheets(data))
    except NotAWorkbook as e:
        raise IngestError(path, str(e), "open it in Excel and save it as .xlsx (or as .csv)") from None


def read_docx(data: bytes, path: Path | str) -> str:
    """A Word file's text in the order it prints: paragraphs (a line break inside one stays a line break),
    headings set apart by blank lines, and each table row on one line, its cells set apart like a tab
    (「北川委員　停留所の増設は…」), a cell's later paragraphs on lines of their own."""
    import io
    import zipfile

    from docx import Document as WordDocument
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        word = WordDocument(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise IngestError(path, f"is not a Word .docx file ({type(e).__name__})",
                          "open it in Word and save it as .docx (or as .txt)") from None
    out: list[str] = []
    bulleted = bullet_lists(word)
    for child in word.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, word)
            style = (para.style.name or "").lower() if para.style is not None else ""
            if style.startswith(("heading", "title")):
                out += ["", para.text, ""]
            else:                            # a point of a bulleted list: its ・ lives in Word's numbering
                bullet = "・" if para.text.strip() and (style.startswith("list bullet") or bulleted(child)) else ""
                out.append(bullet + boxed_label(child) + bold_label_set_off(para))
        elif tag == "tbl":
            out.append("")
            kinds: list[str] | None = None
            for row in Table(child, word).rows:
                if kinds:                   # a table of questions and answers: each cell in its column
                    out.append(qa_lines(kinds, [cell.text for cell in row.cells]))
                    continue
                cells: list[str] = []
                for cell in row.cells:
                    if cell.text.strip() and (not cells or cell.text.strip() != cells[-1].strip()):   # merged cells
                        cells.append(cell.text.strip())
                if kinds := qa_columns(cells):
                    continue
                if is_header_row(cells):
                    continue
                out.append(row_line(cells))
            out.append("")
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip()
    if not text:
        raise IngestError(path, "has no text (an empty Word document, or only pictures)",
                          "check that it is the full document")
    return text


def boxed_label(element) -> str:
    """The text of the text boxes a paragraph anchors, set off before its own text by an ideographic space: a label
    that a record prints in a floating box beside the speech (「分科会長」 beside 「それでは、…」); '' if none."""
    from docx.oxml.ns import qn

    boxes: list[str] = []
    for box in element.iter(qn("w:txbxContent")):          # a box is written twice (DrawingML and VML): once
        text = "".join(t.text or "" for t in box.iter(qn("w:t"))).strip()
        if text and text not in boxes:
            boxes.append(text)
    return "\u3000".join(boxes) + "\u3000" if boxes else ""


def bullet_lists(word):
    """A test of a paragraph element: is it a point of a list whose numbering prints a bullet (numFmt bullet)?"""
    from docx.oxml.ns import qn

    try:
        numbering = word.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return lambda element: False
    abstract = {a.get(qn("w:abstractNumId")): a for a in numbering.iterchildren(qn("w:abstractNum"))}
    formats: dict[tuple[str, str], str] = {}
    for num in numbering.iterchildren(qn("w:num")):
        ref = num.find(qn("w:abstractNumId"))
        levels = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
        for lvl in levels.iterchildren(qn("w:lvl")) if levels is not None else ():
            fmt = lvl.find(qn("w:numFmt"))
            formats[(num.get(qn("w:numId")), lvl.get(qn("w:ilvl")))] = fmt.get(qn("w:val")) if fmt is not None else ""

    def bulleted(element) -> bool:
        props = element.find(qn("w:pPr"))
        num = props.find(qn("w:numPr")) if props is not None else None
        if num is None:
            return False
        num_id, level = num.find(qn("w:numId")), num.find(qn("w:ilvl"))
        key = (num_id.get(qn("w:val")) if num_id is not None else None, level.get(qn("w:val")) if level is not None else "0")
        return formats.get(key) == "bullet"
    return bulleted


def bold_label_set_off(para) -> str:
    """A paragraph's text, with a speaker's label that the record sets off only by bold (「**佐野委員**社会福祉協議会の…」)
    set off by an ideographic space, as the text layouts print it."""
    from search.ingest.roles import names_speaker

    text = para.text
    runs = [r for r in para.runs if r.text]
    label = ""
    for run in runs:
        if not run.bold:
            break
        label += run.text
    rest = text[len(label):]
    if label.strip() and rest.strip() and not rest[:1].isspace() and text.startswith(label) \
            and names_speaker(label.strip().lstrip("○〇◯")):
        return label + "\u3000" + (rest[1:] if rest[:1] in "：:" else rest)     # 「**課長**：資料１を…」 too
    return text


MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
MD_RULE = re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$")
MD_ITEM = re.compile(r"^([ \t]*)[-*+][ \t]+")
MD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
MD_FOOTNOTE = re.compile(r"^[ \t]{0,3}\[\^[^\]]+\]:[ \t]*")       # [^1]: デジタル庁「…」に定める項目。
MD_FOOTNOTE_REF = re.compile(r"\[\^[^\]]+\](?!:)")


def read_markdown(text: str) -> tuple[str, str | None]:
    """(text, title) of minutes written in Markdown: as the text layouts print them, the first heading the title.
    Headings and rules lose their marks, list items become ・ bullets (a nested item goes on its point, indented),
    links their text, footnotes ※ notes; a label set off only by bold (「**林委員**」 over the speech,
    「**課長**：資料１を…」) is set off as bold_label_set_off does for Word."""
    from search.ingest.roles import names_speaker

    title, lines = None, []
    for line in text.splitlines():
        if MD_RULE.match(line):
            lines.append("")
            continue
        if m := MD_HEADING.match(line):
            line = m.group(2)
            title = title or line.strip() or None
        line = MD_FOOTNOTE_REF.sub("", MD_FOOTNOTE.sub("※", line))       # a footnote is the record's note
        line = MD_ITEM.sub(lambda m: "\u3000\u3000" if m.group(1).expandtabs(4) else "・", line)   # a sub-point goes on
        line = MD_LINK.sub(r"\1", line)
        item = line.lstrip("・")
        bold = MD_STRONG.match(item)
        if bold and names_speaker(bold.group(2).strip().lstrip("○〇◯")):     # - **会長**　…: a label, not a point
            rest = item[bold.end():]
            line = bold.group(2) + ("\u3000" + rest.lstrip(" \u3000：:") if rest.strip() else "")
        lines.append(MD_EMPHASIS.sub(r"\1", MD_STRONG.sub(r"\2", line)))
    return "\n".join(lines), title


MAIN_ID = re.compile(r"^(?:[a-z]+[_\-])?(?:main|contents?|main-?contents?)(?:[_\-]?(?:area|block|box|wrap|inner))?$",
                     re.I)                                          # main, tmp_contents, mainArea, contents-inner
CHROME = re.compile(r"^(?:[a-z]+[_\-])?(?:header|footer|g?nav|navi(?:gation)?|menu|side(?:bar)?|breadcrumbs?|pankuzu|"
                    r"site-?(?:header|footer|name))$", re.I)
# Blocks inside the page's main part that are the site's, not the record's: contacts, page-top links, sharing,
# breadcrumbs, side menus, page navigation, update dates, the PDF reader notice. A class or id names one when one
# of its words (side-menu, contactArea, voice-nav, topicpath) is one of these.
SITE_WORDS = {"contact", "inquiry", "toiawase", "pagetop", "sns", "share", "social", "topicpath", "breadcrumb",
              "breadcrumbs", "pankuzu", "side", "sidebar", "submenu", "lnav", "localnav", "nav", "navi", "plugin",
              "update", "footer"}


def site_part(value: str | None) -> bool:
    words = re.sub(r"([a-z])([A-Z])", r"\1 \2", value or "").lower().replace("-", " ").replace("_", " ").split()
    return any(w in SITE_WORDS for w in words) or "".join(words[:2]) in SITE_WORDS
FILE_LINK = re.compile(r"[（(\[［](?:PDF|ＰＤＦ|Word|Excel|DOCX?|XLSX?)[^）)\]］]{0,6}?[0-9０-９][0-9０-９,.，．]*[\s\u3000]*"
                       r"(?:[KMGＫＭＧ]i?[BＢ]|バイト|キロバイト)[）)\]］][\s\u3000]*$", re.I)
INLINE_TAGS = ["ruby", "span", "a", "b", "strong", "em", "i", "u", "font", "small", "sup", "sub", "mark", "abbr"]
HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
BLANK = "\u2063"                         # a blank line the page's headings stand between, kept through get_text


def read_html(data: bytes, path: Path | str) -> tuple[str, str | None]:
    """(visible text, <title>) of an HTML page; scripts, styles and navigation chrome left out."""
    from bs4 import BeautifulSoup

    text, _ = decode_text(data, path) if not _declared_charset(data) else (_decode_declared(data, path), None)
    soup = BeautifulSoup(text, "html.parser")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for tag in soup(["script", "style", "noscript", "template", "head", "nav", "svg"]):
        tag.decompose()
    for link in soup.find_all("a", string=FILE_LINK):
        link.decompose()                     # 会議録（PDF：312KB）: a link to the file, not the record's words
    for link in soup.find_all("a", href=re.compile(r"^#")):
        if len(link.get_text(strip=True)) <= 20:
            link.decompose()                 # ページの先頭です / 本文へスキップ / このページの先頭へ: in-page jumps
    # The document is the page's <main> (or <article>, or the element with id "main") when it has one; else
    # the page without its site header, footer and sidebars.
    main = soup.find("main") or soup.find("article") or soup.find(id=MAIN_ID) or soup.find(attrs={"role": "main"})
    if main is not None and main.get_text(strip=True):
        soup = main
    else:
        for tag in soup(["header", "footer", "aside"]) + soup.find_all(id=CHROME) + soup.find_all(class_=CHROME):
            tag.decompose()                  # <div id="footer">, <div class="gnav">: the same chrome without the tags
    for tag in soup.find_all(id=site_part) + soup.find_all(class_=site_part):
        tag.decompose()
    for tag in soup.find_all(["rt", "rp"]):
        tag.decompose()                      # <ruby>丹生<rt>にゅう</rt></ruby>委員: the reading is no part of the name
    for para in soup.find_all("p"):         # <p><strong>（２）地域の移動手段の確保について</strong></p>: a heading
        inner = [c for c in para.children if not (isinstance(c, str) and not c.strip())]
        if (len(inner) == 1 and getattr(inner[0], "name", None) in ("strong", "b")
                and len(para.get_text(strip=True)) <= 60):
            para.name = "h6"
    for tag in soup.find_all(INLINE_TAGS):
        tag.unwrap()                         # inline markup is no line break: 丹生委員, not 丹生 / 委員
    for table in reversed(soup.find_all("table")):   # innermost first
        kinds = None
        for row in table.find_all("tr"):    # a table row is one line, its cells set apart: 事務局　市民協働課長、…
            cells = [cell.get_text("\n", strip=True) for cell in row.find_all(["th", "td"], recursive=False)]
            if kinds:                       # a table of questions and answers: each cell in its column
                row.replace_with("\n" + qa_lines(kinds, cells) + "\n")
            elif kinds := qa_columns(cells):
                row.replace_with("")
            else:
                row.replace_with("" if is_header_row(cells) else "\n" + row_line(cells) + "\n")
    for tag in soup.find_all(HEADINGS):
        tag.insert_before(f"\n{BLANK}\n")
        tag.insert_after(f"\n{BLANK}\n")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    soup.smooth()
    visible = soup.get_text("\n")
    lines = [re.sub(r"[ \t]+", " ", ln).strip() for ln in visible.splitlines()]
    out = re.sub(f"(?:\n?{BLANK}\n?)+", "\n\n", "\n".join(ln for ln in lines if ln)).strip()
    if not out.strip():
        raise IngestError(path, "has no visible text", "check that it is the document page, not a frame or a redirect")
    return out, title


def _declared_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_\-]+)", data[:4096], re.I)
    return m.group(1).decode("ascii").lower() if m else None


def _decode_declared(data: bytes, path: Path | str) -> str:
    charset = _declared_charset(data)
    try:
        return _checked(data.decode(charset), charset, path)[0]
    except (LookupError, UnicodeDecodeError):
        return decode_text(data, path)[0]


def load_text(path: Path) -> tuple[str, str | None]:
    """(decoded source text, title found by the loader or None) for a supported file.

    NUL characters are removed from what any loader gives (a text file with NULs in its first 8 KB is
    refused as binary before): they mean nothing in prose and must never be stored. So are zero-width
    characters and a stray byte-order mark (山田\u200b太郎 is 山田太郎); a no-break space is a space, and
    half-width katakana is written full width (ﾃﾞｼﾞﾀﾙ is デジタル), as search and labels expect; a PDF's margin
    line numbers are taken off (search.ingest.repair.without_line_numbers)."""
    data = check_file(path)
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        if not data.lstrip().startswith(b"%PDF"):
            raise IngestError(path, "is not a PDF (no %PDF header)", "check the file; rename it if it is text")
        text, title = read_pdf(data, path), None
    elif suffix in (".html", ".htm"):
        text, title = read_html(data, path)
    elif suffix == ".docx":
        text, title = read_docx(data, path), None
    elif suffix == ".md":
        text, title = read_markdown(decode_text(data, path)[0])
    elif suffix == ".csv":
        text, title = read_csv(data, path), None
    elif suffix == ".xlsx":
        text, title = read_xlsx(data, path), None
    else:
        text, title = decode_text(data, path)[0], None
    return clean(text), title and clean(title)


INVISIBLE = re.compile("[\x00\u200b\u200c\u200d\u2060\ufeff\ufe0e\ufe0f]")      # ... and emoji variation selectors
# Read as NFKC gives them: half-width kana (ｦ … ﾟ; the half-width brackets ｢｣ stay as printed), the Kangxi radicals
# a PDF's font can map a whole kanji to (⽵ for 竹, ⽇ for 日) and Latin ligatures (ﬁ for fi).
COMPATIBLE = re.compile("[\uff66-\uff9f\u2f00-\u2fd5\ufb00-\ufb06]+")
# The same from the CJK Radicals Supplement, which NFKC leaves alone: the radicals shaped as a whole kanji, as
# Japanese writes it (⻑ for 長 in 会⻑, ⻄ for 西, ⻝ for 食); a radical that is only part of a kanji (⻖, ⺡) stays.
RADICAL_KANJI = str.maketrans({
    "\u2e9c": "日", "\u2e9d": "月", "\u2e9f": "母", "\u2ea0": "民", "\u2ea9": "王", "\u2eac": "示", "\u2eaf": "糸",
    "\u2ec1": "虎", "\u2ec4": "西", "\u2ec6": "角", "\u2ec7": "角", "\u2ed1": "長", "\u2ed8": "青", "\u2edd": "食",
    "\u2ee1": "首", "\u2ee3": "骨", "\u2ee4": "鬼", "\u2ee8": "麦", "\u2ee9": "黄", "\u2eeb": "斉", "\u2eed": "歯",
    "\u2eef": "竜", "\u2ef2": "亀"})


# the typographic blanks a PDF's text may hold: an em space stands where the record has the ideographic space
# (○中山委員\u2003それでは…), the narrower ones for a plain space; a font's hyphenation point (‧) for the ・ it shows
BLANKS = str.maketrans({"\u2003": "\u3000", "\u2027": "・",
                        **{c: " " for c in "\u2000\u2001\u2002\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"}})


# Text from OCR or a PDF viewer may set a plain space between every character of a line or a label
# (「○ 委 員 長 （ 田 中 一 郎 君 ）」, 「令 和 ６ 年 ９ 月 １ ２ 日」): a run of four or more such characters is read closed up
_WIDE = r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e（）「」『』、。・〇々ー○◯〇]"
SPACED_RUN = re.compile(f"{_WIDE}(?: {_WIDE}){{3,}}")


def closed_up(text: str) -> str:
    return SPACED_RUN.sub(lambda m: m.group().replace(" ", ""), text)


# A transcript of a sitting's video (字幕, 文字起こし) starts every caption line with its time (00:00:03　…): where most
# lines do, the times are no one's words
CAPTION_TIME = re.compile(r"^[ \t\u3000]*[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:[.,][0-9]{1,3})?[ \t\u3000]+", re.M)


def without_caption_times(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip()]
    timed = len(CAPTION_TIME.findall(text))
    return CAPTION_TIME.sub("", text) if timed >= 5 and timed >= 0.5 * len(lines) else text


def clean(text: str) -> str:
    text = INVISIBLE.sub("", text).replace("\u00a0", " ").replace("\u26aa", "○").translate(BLANKS)   # ⚪: a word processor's ○
    text = COMPATIBLE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text).translate(RADICAL_KANJI)
    text = without_caption_times(closed_up(text))
    return without_line_numbers(text)
