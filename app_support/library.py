"""Adding and removing corpus files from the app: every upload is checked and parsed before it touches corpus/."""
from __future__ import annotations

import re
import tempfile
from pathlib import Path

from search.ingest import SKIPPED
from search.ingest.loaders import SUPPORTED_SUFFIXES
from search.records import ParsedDocument

UPLOAD_TYPES = tuple(s.lstrip(".") for s in SUPPORTED_SUFFIXES)   # minutes, sheets, and Diet API records (.json/.xml)
_SAFE_NAME = re.compile(r"^\w[\w\-.（）() 　]*$")   # \w is Unicode: 議事要旨 第2回.txt is fine


class UploadRefused(Exception):
    """An upload that cannot go into the corpus; the message says why and what to do."""


def check_name(name: str) -> str:
    """The file name if it is safe to write into corpus/ as is; else UploadRefused."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("doc", "rtf", "odt"):
        raise UploadRefused(f"「{name}」の形式は読めません。Word で開いて .docx で保存してから追加してください。")
    if suffix in ("xls", "xlsm", "xlsb", "ods"):
        raise UploadRefused(f"「{name}」の形式は読めません。Excel で開いて .xlsx で保存してから追加してください。")
    if suffix not in UPLOAD_TYPES or name.lower() in SKIPPED:          # catalog.json is the library's own
        raise UploadRefused(f"「{name}」は受け付けられません。.txt / .md / .docx / .pdf / .html / .csv / .xlsx、または国会会議録 API の .json / .xml を選んでください。")
    if (len(name) > 120 or "/" in name or "\\" in name or ".." in name or not _SAFE_NAME.match(name)):
        raise UploadRefused(f"ファイル名「{name}」は使えません。英数字・日本語・空白・「-」「_」だけの名前に変えてから"
                            "アップロードしてください。")
    return name


def check_size(size: int, max_mb: float) -> None:
    if size > max_mb * 1024 * 1024:
        raise UploadRefused(f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB）。上限は {max_mb:g} MB です。")
    if size == 0:
        raise UploadRefused("ファイルが空です。中身のあるファイルを選んでください。")


# Why a file could not be read (search.ingest's IngestError reasons, in English for the CLI), as the page says it
JAPANESE_REASONS = [
    (r"^looks like a binary file", "文字のファイルではないようです（別の形式のファイルの名前を .txt などに変えたもの）。"
                                   "元の .txt・.md・.docx・.pdf・.html を選んでください。"),
    (r"^is not a PDF", "PDFではありません。中身がテキストなら、名前の末尾を .txt にしてください。"),
    (r"^is an encrypted PDF", "パスワード付きのPDFです。パスワードを外してから追加してください。"),
    (r"^is not a readable PDF", "PDFとして読めません。壊れていない完全なPDFか確かめてください。"),
    (r"^needs OCR", "文字を含まないPDF（画像だけのもの）です。文字認識（OCR）をしたPDFか、テキストを追加してください。"),
    (r"^is not a Word \.docx", "Word の .docx として読めません。Word で開き、.docx か .txt で保存し直してください。"),
    (r"^has no text", "本文がありません（空の Word 文書か、画像だけの文書）。"),
    (r"^has no visible text", "表示される本文がありません。会議録そのもののページを保存してください。"),
    (r"^(?:cannot be decoded|is ambiguous between|decodes as|has a UTF-(?:8|16) BOM)",
     "文字コードを判別できません。エディタで開いて UTF-8 で保存し直してください。"),
    (r"^is empty", "ファイルが空です。中身のあるファイルを選んでください。"),
    (r"^unsupported file type '\.(?:doc|rtf|odt)'", "この形式は読めません。Word で開いて .docx で保存してください。"),
    (r"^unsupported file type '\.(?:xls|xlsm|xlsb|ods)'", "この形式は読めません。Excel で開いて .xlsx で保存してください。"),
    (r"^(?:is not an Excel \.xlsx|has a part|unpacks to more than)",
     "Excel の .xlsx として読めません。Excel で開き、.xlsx か .csv で保存し直してください。"),
    (r"^unsupported file type", "この形式は読めません。.txt・.md・.docx・.pdf・.html・.csv・.xlsx に保存し直してください。"),
    (r"^is not a 国会会議録検索システム record .* nor a list of speeches",
     "国会会議録検索システムの API の応答（1会議分）としても、発言の一覧（発言者と発言の項目）としても読めません。"
     "API から1会議ずつ保存するか、発言者と発言の列の .csv にしてください。"),
    (r"^(?:is not valid JSON|is JSON nested too deep|is not a 国会会議録検索システム record|is XML with|is not well-formed XML|holds \d+ meetings)",
     "国会会議録検索システムの API の応答（1会議分の .json か .xml）として読めません。API から1会議ずつ保存してください。"),
    (r"^contains no text to index", "索引にする本文がありません。文書の全体か確かめてください。"),
]


def japanese_reason(e) -> str:
    """An IngestError's reason and what to do, in Japanese where the reason is known (else as the error says it)."""
    for pattern, text in JAPANESE_REASONS:
        if re.match(pattern, e.reason):
            return text
    return f"{e.reason}（{e.todo}）" if e.todo else e.reason


def japanese_error_line(line: str) -> str:
    """An index report's line 「path: reason — todo」 as 「file name：Japanese reason」."""
    from search.ingest import IngestError

    m = re.match(r"^(?P<path>.+?): (?P<reason>.+?)(?: — (?P<todo>.+))?$", line)
    if not m:
        return line
    return f"{Path(m['path']).name}：{japanese_reason(IngestError(m['path'], m['reason'], m['todo'] or ''))}"


def parse_upload(name: str, data: bytes) -> ParsedDocument:
    """Parse the upload from a temporary copy (never corpus/); UploadRefused when it yields no usable text."""
    from search.ingest import IngestError, load_catalog, load_document

    with tempfile.TemporaryDirectory(prefix="giji-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            parsed = load_document(path, load_catalog(Path(tmp)))
        except IngestError as e:
            why = japanese_reason(e).replace(str(path), name)   # the temp folder means nothing to users
            raise UploadRefused(f"「{name}」を読み取れませんでした：{why}") from None
    if not parsed.passages:
        raise UploadRefused(f"「{name}」から本文を取り出せませんでした（画像だけのPDFなど）。"
                            "テキストを含むファイルを選んでください。")
    return parsed


def add_upload(name: str, data: bytes, corpus_dir: Path, max_mb: float) -> ParsedDocument:
    """Check, parse, then write the upload into corpus_dir; nothing is written when any check fails."""
    check_name(name)
    check_size(len(data), max_mb)
    target = Path(corpus_dir) / name
    if target.exists():
        raise UploadRefused(f"「{name}」はすでにライブラリにあります。差し替えるときは先に削除してください。")
    parsed = parse_upload(name, data)
    target.write_bytes(data)
    return parsed


def remove_document(name: str, corpus_dir: Path) -> None:
    """Delete one corpus file (the index is updated afterwards by build_index)."""
    check_name(name)
    target = Path(corpus_dir) / name
    if not target.is_file():
        raise UploadRefused(f"「{name}」はライブラリにありません。一覧を更新してください。")
    target.unlink()
