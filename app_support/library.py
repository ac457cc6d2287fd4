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
    if suffix not in UPLOAD_TYPES or name.lower() in SKIPPED:          # catalog.json is the library's own
        raise UploadRefused(f"「{name}」は受け付けられません。.txt / .docx / .pdf / .html、または国会会議録 API の .json / .xml を選んでください。")
    if (len(name) > 120 or "/" in name or "\\" in name or ".." in name or not _SAFE_NAME.match(name)):
        raise UploadRefused(f"ファイル名「{name}」は使えません。英数字・日本語・空白・「-」「_」だけの名前に変えてから"
                            "アップロードしてください。")
    return name


def check_size(size: int, max_mb: float) -> None:
    if size > max_mb * 1024 * 1024:
        raise UploadRefused(f"ファイルが大きすぎます（{size / 1024 / 1024:.1f} MB）。上限は {max_mb:g} MB です。")
    if size == 0:
        raise UploadRefused("ファイルが空です。中身のあるファイルを選んでください。")


def parse_upload(name: str, data: bytes) -> ParsedDocument:
    """Parse the upload from a temporary copy (never corpus/); UploadRefused when it yields no usable text."""
    from search.ingest import IngestError, load_catalog, load_document

    with tempfile.TemporaryDirectory(prefix="giji-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            parsed = load_document(path, load_catalog(Path(tmp)))
        except IngestError as e:
            why = str(e).replace(f"{path}: ", "").replace(str(path), name)   # the temp folder means nothing to users
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
