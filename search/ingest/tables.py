"""Tables to the lines the minutes reader knows: a table's rows (a CSV export, an Excel workbook, a Word table) as
「発言者　発言」 turns, 問　… / 答　… exchanges or rows set apart like a tab; the cells of an Excel .xlsx; and the
speeches a JSON export holds."""
from __future__ import annotations

import re

from search.ingest.verbatim import turn_label, unmarked_turn

# The head row of a table of turns (発言者 | 発言内容): no one's words, and no agenda item either
HEADER_CELL = re.compile(r"^(?:発言者|発言内容|発言要旨|発言の要旨|発言|内容|氏名|区分|役職|職名|要旨|議事内容|質疑応答|備考|No\.?|番号)$")


def is_header_row(cells: list[str]) -> bool:
    cells = [c for c in cells if c.strip()]
    return len(cells) >= 2 and all(HEADER_CELL.match(re.sub(r"\s+", "", c)) for c in cells)


# A first column that says what kind of turn a row is (質疑 | 福田委員 | …, 答弁 | 高齢介護課長 | …)
KIND_CELL = re.compile(r"^(?:質疑|質問|再質問|答弁|回答|意見|要望|討論|説明|報告|補足|発言|問|答|Ｑ|Ａ|Q|A)$")


# The head row of a table of questions and answers (意見・質問 | 回答, 委員の意見 | 市の考え方): each row one exchange,
# no speaker printed; its cells become 問　… / 答　… lines, a question and its answer, speakers unnamed
QUESTION_HEAD = re.compile(r"^(?:委員|構成員|参加者|住民|市民)?(?:から)?の?(?:主な)?(?:ご|御)?(?:意見|質問|質疑|要望)"
                           r"(?:[・･、](?:ご|御)?(?:意見|質問|質疑|要望))?(?:等|要旨|内容)?$|^(?:問|Ｑ|Q)$")
ANSWER_HEAD = re.compile(r"^(?:事務局|市|県|区|町|村|当局|行政|担当課)?(?:から)?の?(?:回答|答弁|考え方|対応|対応方針)"
                         r"(?:等|要旨|内容)?$|^(?:答|Ａ|A)$")


def qa_columns(cells: list[str]) -> list[str] | None:
    """For the head row of a table of questions and answers, what each column is ('問' | '答'); None for any other
    row."""
    kinds = ["問" if QUESTION_HEAD.match(c) else "答" if ANSWER_HEAD.match(c) else None
             for c in (re.sub(r"\s+", "", c) for c in cells)]
    return kinds if len(kinds) >= 2 and None not in kinds and {"問", "答"} <= set(kinds) else None


def qa_lines(kinds: list[str], cells: list[str]) -> str:
    """A row of a table of questions and answers as 問　… / 答　… lines (a cell's later paragraphs under its first)."""
    return "\n".join(kind + "\u3000" + "\n\u3000".join(p.strip() for p in cell.split("\n") if p.strip())
                     for kind, cell in zip(kinds, cells) if cell.strip())


def row_line(cells: list[str]) -> str:
    """A table row as one line, its cells set apart like a tab; a first cell naming the kind of turn is left
    out so that the speaker's cell leads."""
    cells = [c.strip() for c in cells if c.strip()]
    if len(cells) >= 3 and KIND_CELL.match(re.sub(r"\s+", "", cells[0])):
        cells = cells[1:]
    if cells and len(cells[0]) <= 30:      # 委員長<br>（北村）: one label over two lines
        cells[0] = "".join(part.strip() for part in cells[0].split("\n"))
    line = "\u3000".join(cells)
    return "\n\u3000".join(part for part in line.split("\n") if part.strip())   # a cell's later paragraphs


# The columns of who speaks and what is said (発言者 / 発言者表記 / 氏名 … and 発言内容 / 本文 / 冒頭 …)
SPEAKER_HEAD = re.compile(r"^(?:発言者(?:表記|名)?|話者|氏名|名前|speaker|name)$", re.I)
SPEECH_HEAD = re.compile(r"^(?:発言(?:内容|要旨|本文)?|本文|内容|冒頭|text|speech|content)$", re.I)
HEAD_WITHIN = 5                 # rows of title a head row may follow


def speaker_line(who: str, said: str) -> str:
    """A row of who speaks and what is said as a marked turn (○迫川委員長　こんにちは。), so that a bare name
    (○平口洋　…) is a label too; a row with no speaker stays the text it says."""
    who = who.strip().lstrip("○◯〇◎●◆").strip()
    return f"○{who}\u3000{said.strip()}" if who else said.strip()


def table_text(rows: list[list[str]]) -> str:
    """A table's rows as lines the minutes reader knows: 「発言者　発言」 where a head row names the two columns,
    問　… / 答　… for a table of questions and answers, else each row's cells set apart like a tab. The head row
    may follow a few rows of title (a sheet's 「第3回　会議録」 over 発言者 | 発言内容); those stay lines of their own."""
    rows = [r for r in rows if any(c.strip() for c in r)]
    for at, row in enumerate(rows[:HEAD_WITHIN]):
        head = [re.sub(r"\s+", "", c) for c in row]
        who = next((i for i, c in enumerate(head) if SPEAKER_HEAD.match(c)), None)
        said = next((i for i, c in enumerate(head) if SPEECH_HEAD.match(c)), None)
        above = [row_line(r) for r in rows[:at]]
        if who is not None and said is not None:
            return "\n".join(above + [speaker_line(r[who], r[said]) for r in rows[at + 1:]
                                       if len(r) > max(who, said) and r[said].strip()
                                       and [re.sub(r"\s+", "", c) for c in r] != head])     # a page's head again
        if kinds := qa_columns(row):
            return "\n".join(above + [qa_lines(kinds, r) for r in rows[at + 1:]])
    return "\n".join(row_line(r) for r in rows if not is_header_row(r))


# ---------------------------------------------------------------- Excel .xlsx (Office Open XML), read with the stdlib
MAX_UNPACKED = 200_000_000          # bytes a workbook's parts may unpack to before it is refused (a zip bomb)
# built-in number formats that show a date (ECMA-376 18.8.30; 27–36 and 50–58 are the Japanese-locale era dates)
DATE_FORMATS = frozenset([*range(14, 18), 22, *range(27, 37), *range(50, 59)])
DEFAULT_SHEET = re.compile(r"^(?:Sheet|シート|ワークシート)\s*\d*$", re.I)
CELL_COLUMN = re.compile(r"^([A-Z]+)")
MAX_COLUMNS = 16_384


class NotAWorkbook(Exception):
    """The bytes are no .xlsx workbook (or one too large to unpack); the message says why."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [c for c in element if _local(c.tag) == name]


def _all(element, name: str) -> list:
    return [c for c in element.iter() if _local(c.tag) == name]


def _text_of(element) -> str:
    """A string item's text (<t>, or the runs' <t>), its phonetic guide (<rPh>, the furigana) left out."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts += [t.text or "" for t in _children(child, "t")]
    return "".join(parts)


def _is_date_format(code: str) -> bool:
    code = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.|General|E[+-]', "", code, flags=re.I)    # not 0.00E+00
    return bool(re.search(r"[yde]|g{1,3}", code, re.I))


def _column(ref: str | None, fallback: int) -> int:
    m = CELL_COLUMN.match(ref or "")
    if not m:
        return fallback
    n = 0
    for ch in m[1]:
        n = n * 26 + ord(ch) - 64
    return n - 1 if n <= MAX_COLUMNS else fallback      # past XFD, Excel's last column: a garbled reference


def _number(value: str, is_date: bool, base: "date") -> str:
    from datetime import timedelta

    try:
        x = float(value)
    except ValueError:
        return value
    if is_date and 0 < x < 2_958_466:                    # a date serial (up to 9999-12-31)
        d = base + timedelta(days=int(x))
        return f"{d.year}年{d.month}月{d.day}日"
    return str(int(x)) if x.is_integer() and abs(x) < 1e15 else value


def xlsx_sheets(data: bytes) -> list[tuple[str, list[list[str]]]]:
    """The visible sheets of an .xlsx workbook in their order, each (name, rows of cell texts as Excel shows them:
    shared and inline strings without their furigana, numbers, dates in a date format as 2024年5月17日)."""
    import io
    import posixpath
    import zipfile
    import zlib
    import xml.etree.ElementTree as ET
    from datetime import date

    if data.startswith(b"\xd0\xcf\x11\xe0"):                      # an OLE file, as Excel writes .xls and encrypts .xlsx
        raise NotAWorkbook("is not an Excel .xlsx file (an old .xls saved under the name, or a workbook with a password)")
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
        names = set(book.namelist())
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError) as e:
        raise NotAWorkbook(f"is not an Excel .xlsx file ({type(e).__name__}: {e})") from None
    if sum(i.file_size for i in book.infolist()) > MAX_UNPACKED:
        raise NotAWorkbook(f"unpacks to more than {MAX_UNPACKED // 1_000_000} MB")

    def part(name: str):
        if name not in names:
            return None
        try:
            raw = book.read(name)
        except (zipfile.BadZipFile, OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as e:
            raise NotAWorkbook(f"is not an Excel .xlsx file (its part {name} cannot be read: {e})") from None
        if b"<!DOCTYPE" in raw[:4000] or b"<!ENTITY" in raw:
            raise NotAWorkbook(f"has a part with a DOCTYPE or entities ({name}), which Excel never writes")
        try:
            return ET.fromstring(raw)
        except ET.ParseError as e:
            raise NotAWorkbook(f"has a part that is not well-formed XML ({name}: {e})") from None

    workbook_name = "xl/workbook.xml"
    if (root_rels := part("_rels/.rels")) is not None:
        for rel in _all(root_rels, "Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                workbook_name = rel.get("Target", workbook_name).lstrip("/")
    workbook = part(workbook_name)
    if workbook is None:
        raise NotAWorkbook("is not an Excel .xlsx file (no workbook inside; an .xls or another zip?)")
    folder = posixpath.dirname(workbook_name)
    rels = part(posixpath.join(folder, "_rels", posixpath.basename(workbook_name) + ".rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in (_all(rels, "Relationship") if rels is not None else [])}
    shared = [_text_of(si) for si in _all(part(posixpath.join(folder, "sharedStrings.xml")) or ET.Element("x"), "si")]
    date_styles: list[bool] = []
    if (styles := part(posixpath.join(folder, "styles.xml"))) is not None:
        custom = {int(f.get("numFmtId", -1)): _is_date_format(f.get("formatCode", "")) for f in _all(styles, "numFmt")}
        for xfs in _all(styles, "cellXfs"):
            date_styles = [custom.get(int(xf.get("numFmtId", 0)), int(xf.get("numFmtId", 0)) in DATE_FORMATS)
                           for xf in _children(xfs, "xf")]
    base = date(1904, 1, 1) if any(p.get("date1904") in ("1", "true") for p in _all(workbook, "workbookPr")) \
        else date(1899, 12, 30)

    sheets: list[tuple[str, list[list[str]]]] = []
    for sheet in _all(workbook, "sheet"):
        if sheet.get("state") in ("hidden", "veryHidden"):
            continue
        rid = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rid, "")
        path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        xml = part(path) if target else None
        if xml is None:
            continue
        rows: list[list[str]] = []
        for row in _all(xml, "row"):
            cells: dict[int, str] = {}
            for i, c in enumerate(_children(row, "c")):
                kind, value = c.get("t"), next((v.text or "" for v in _children(c, "v")), "")
                if kind == "s":
                    text = shared[int(value)] if value.isdigit() and int(value) < len(shared) else ""
                elif kind == "inlineStr":
                    text = "".join(_text_of(s) for s in _children(c, "is"))
                elif kind in ("str", "b"):
                    text = value
                elif kind == "e":                         # #N/A, #DIV/0! …: no one wrote it
                    text = ""
                else:
                    style = int(c.get("s", 0) or 0)
                    text = _number(value, style < len(date_styles) and date_styles[style], base) if value else ""
                cells[_column(c.get("r"), i)] = text.replace("\r\n", "\n").replace("_x000D_", "")
            if cells:
                rows.append([cells.get(i, "") for i in range(max(cells) + 1)])
        sheets.append((sheet.get("name") or "", rows))
    return sheets


def tables_text(stem: str, sheets: list[tuple[str, list[list[str]]]]) -> str:
    """A CSV file's or a workbook's tables as one text: each table (table_text) set apart by a blank line; where
    more than one sheet holds text, a sheet's own name (not Sheet1) stands over it as a heading. The file's name
    stands over it all, as a table has no title line, unless its first row is one cell alone (a sheet's printed
    title, 「令和5年度 行政事業レビューシート」)."""
    tables = [(name.strip(), rows, text) for name, rows in sheets if (text := table_text(rows)).strip()]
    if not tables:
        return ""
    body = "\n\n".join(f"{name}\n\n{text}" if len(tables) > 1 and name and not DEFAULT_SHEET.match(name) else text
                        for name, _, text in tables)
    first = next(r for r in tables[0][1] if any(c.strip() for c in r))
    return body if sum(1 for c in first if c.strip()) == 1 and body.startswith(first_cell(first)) else f"{stem}\n{body}"


def first_cell(row: list[str]) -> str:
    return next(c for c in row if c.strip()).strip()


# ---------------------------------------------------------------- JSON exports of speeches (a list of objects)
# Field names, lower-cased with _ and - taken out: what is said, who says it, and the meeting's title and date
SPEECH_KEY = re.compile(r"^(?:speech|speechtext|body|text|content|message|remark|statement|minute|発言|発言内容|発言本文|本文|内容)$")
SPEAKER_KEY = re.compile(r"^(?:speaker|speakername|name|発言者|発言者名|話者|氏名)$")
TITLE_KEY = re.compile(r"^(?:title|meetingname|councilname|会議名|件名|タイトル)$")
DATE_KEY = re.compile(r"^(?:date|meetingdate|heldon|開催日|日付|年月日)$")
MARKUP = re.compile(r"</?[A-Za-z][^>]*>")
MAX_DEPTH = 40                      # levels of JSON searched for a list of speeches
NO_SPEAKER = {"会議録情報"}          # the 国会会議録 API's name for a record's front matter (speechOrder 0), no one


def _key(name: str) -> str:
    return re.sub(r"[_\-\s]", "", name).lower()


def _field(record: dict, pattern: re.Pattern) -> str | None:
    key = next((k for k, v in record.items() if pattern.match(_key(k)) and isinstance(v, (str, int))), None)
    return None if key is None else str(record[key]).strip() or None


def _plain(value: str) -> str:
    """A field's text: markup (<pre>, <br>, <p>) taken off, entities read, line breaks kept."""
    if not MARKUP.search(value):
        return value.replace("\r\n", "\n")
    from bs4 import BeautifulSoup

    value = re.sub(r"(?i)<br\s*/?>", "\n", value)
    return BeautifulSoup(value, "html.parser").get_text().replace("\r\n", "\n")


def _speech_lists(data, holder: dict | None = None, path: tuple = (), depth: int = 0):
    """Every list of objects in the JSON whose objects say something (a speech field), with the object holding it and
    the keys that lead to it (list positions left out), down to MAX_DEPTH levels, in the order of the file."""
    if depth > MAX_DEPTH:
        return
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _speech_lists(value, data, (*path, key), depth + 1)
    elif isinstance(data, list):
        records = [r for r in data if isinstance(r, dict) and _field(r, SPEECH_KEY)]
        if records:
            yield path, records, holder or {}
        for value in data:
            if isinstance(value, (dict, list)):
                yield from _speech_lists(value, holder, path, depth + 1)


def json_speeches(data) -> tuple[list[dict], list[dict]]:
    """(speech records, the objects holding them) of a JSON export: the lists found at the same place in the file
    (segments[].utterances[] of every segment), where they hold the most records; ([], []) for other JSON."""
    found: dict[tuple, tuple[list[dict], list[dict]]] = {}
    for path, records, holder in _speech_lists(data):
        records_at, holders = found.setdefault(path, ([], []))
        records_at.extend(records)
        holders.append(holder)
    return max(found.values(), key=lambda f: len(f[0]), default=([], []))


def json_text(data, stem: str) -> tuple[str, bool]:
    """(the text of the record a JSON export of speeches holds, whether its speeches name their speakers): the
    meeting's title and date where the export holds them (else the file's name), then each speech as printed, its
    speaker's name as a turn's label (○伊藤孝江　…) where the text does not print its own. ('', False) for JSON that
    holds no list of speeches."""
    records, holders = json_speeches(data)
    if not records:
        return "", False
    around = [*holders, data] if isinstance(data, dict) else holders
    lines = [next((v for h in around if (v := _field(h, TITLE_KEY))), stem)]
    if date := next((v for h in around if (v := _field(h, DATE_KEY))), None):
        lines.append(date)
    lines.append("")
    named = False
    for record in records:
        said = _plain(_field(record, SPEECH_KEY) or "").strip("\n")
        who = _field(record, SPEAKER_KEY)
        first = said.strip().split("\n", 1)[0]
        if who and who not in NO_SPEAKER and not turn_label(first) and not unmarked_turn(first):
            said, named = speaker_line(who, said), True
        lines.append(said)
    return "\n".join(lines), named
