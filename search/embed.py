"""The sentence-transformers encoder, each model's query/passage prefixes, what it reads for a passage, and the
embedding cache that keeps every vector it has made."""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from pathlib import Path
from typing import Callable

import numpy as np

from search import settings
from search.encoding import BaseEncoder, _cpu_threads, known_prefixes
from search.model import DEFAULT_MODEL_NAME, ModelError, ensure_default_model
from search.records import Document, Passage

__all__ = ["BACKENDS", "EmbeddingCache", "Encoder", "ModelError", "embed_passages", "embedding_text",
           "known_prefixes"]

BACKENDS = ("torch", "onnx-int8")

def _device() -> str:
    import torch

    return "cuda" if torch.cuda.is_available() else "cpu"


class Encoder(BaseEncoder):
    """Embeds queries and passages with one sentence-transformers model; vectors are L2-normalised float32."""

    def __init__(self, model, name: str, query_prefix: str, passage_prefix: str):
        self.model = model
        self.name = name
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        dim = (model.get_embedding_dimension() if hasattr(model, "get_embedding_dimension")
               else model.get_sentence_embedding_dimension())
        if not dim:
            raise ModelError(f"model {name!r} does not report an embedding dimension; "
                             "choose a sentence-transformers model (GIJI_MODEL)")
        self.dim = int(dim)
        self.max_seq_length = int(model.max_seq_length or 512)

    @classmethod
    def open(cls, model: str | None = None, backend: str | None = None) -> "Encoder":
        """Load `model` ('default', a sentence-transformers name, or a local folder) on `backend`
        ('torch': sentence-transformers, or 'onnx-int8': the default model's int8 ONNX Runtime
        model, search/int8.py); None reads the settings."""
        model = (model if model is not None else settings.get("model")).strip() or "default"
        backend = (backend if backend is not None else settings.get("backend")).strip() or "torch"
        if backend not in BACKENDS:
            raise ModelError(f"unknown embedding backend {backend!r}; set GIJI_BACKEND to one of: {', '.join(BACKENDS)}")
        if backend == "onnx-int8" and model != "default":
            raise ModelError(f"the onnx-int8 backend is made from the default model only, not {model!r}; "
                             "set GIJI_BACKEND=torch")
        if model == "default":
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            path, name = str(ensure_default_model()), DEFAULT_MODEL_NAME
            local = True
        else:
            local = Path(model).expanduser().is_dir()
            path = str(Path(model).expanduser().resolve()) if local else model
            name = path
        query, passage = known_prefixes(path)
        query = settings.get("query_prefix") or query
        passage = settings.get("passage_prefix") or passage
        if backend == "onnx-int8":
            from search.int8 import RECIPE, Int8Encoder

            return Int8Encoder.load(Path(path), f"{name} [{RECIPE}]", query, passage)

        import torch
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()        # no "Loading weights" bar in the CLI and the app

        device = _device()
        if device == "cpu":
            torch.set_num_threads(_cpu_threads())
        try:
            st = SentenceTransformer(path, device=device, local_files_only=local)
        except Exception as e:  # any loader failure becomes one clear line, never a fallback
            first = (str(e).strip().splitlines() or [e.__class__.__name__])[0]
            raise ModelError(
                f"cannot load embedding model {model!r} ({e.__class__.__name__}: {first}); "
                "set GIJI_MODEL=default for the offline model, or to a local sentence-transformers "
                "folder or a model name reachable from this machine") from e
        st.eval()
        return cls(st, name, query, passage)

    @classmethod
    def open_for(cls, index_model: str | None) -> "Encoder":
        """The encoder for an existing index whose manifest names `index_model` (see backend_for)."""
        return cls.open(backend=backend_for(index_model))

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        vectors = self.model.encode(list(texts), prompt=prefix, batch_size=batch_size,
                                    normalize_embeddings=True, convert_to_numpy=True,
                                    show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """Query vectors (n, dim), with the model's query prefix.

        On the CPU a short query runs on one thread: splitting a few tokens across cores gains nothing,
        and when another process holds a core the threads wait on each other (measured: 990 ms with
        two threads on a busy 2-core machine, 40 ms with one)."""
        if not texts:
            return np.zeros((0, self.dim), np.float32)
        import torch

        if self.device != "cpu":
            return self._encode(texts, self.query_prefix, 32)
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return self._encode(texts, self.query_prefix, 32)
        finally:
            torch.set_num_threads(threads)

    @property
    def device(self) -> str:
        return self.model.device.type

    def passage_batch_size(self) -> int:
        """Passages per forward pass: small on the CPU (batch 8 embeds 1.2-1.5x faster than 32 there, the
        vectors are identical: docs/performance.md), large on a GPU, which is fed by big batches."""
        return 8 if self.device == "cpu" else 128


def default_backend_of(model_name: str | None) -> str | None:
    """The backend that names the default model `model_name` (an index manifest's model), else None."""
    from search.int8 import RECIPE

    return {DEFAULT_MODEL_NAME: "torch", f"{DEFAULT_MODEL_NAME} [{RECIPE}]": "onnx-int8"}.get(model_name or "")


def backend_for(index_model: str | None) -> str:
    """The backend to search and update an index with: the one it was built with, when it holds the default
    model and GIJI_BACKEND does not choose one (an index built with onnx-int8 stays onnx-int8 without anyone
    setting it again), else the setting's."""
    built = default_backend_of(index_model)
    if built and not settings.chosen("backend") and (settings.get("model").strip() or "default") == "default":
        return built
    return settings.get("backend").strip() or "torch"


# ---------------------------------------------------------------- what the model reads for a passage
def embedding_text(passage: Passage, document: Document) -> str:
    """What the model reads for a passage: a context header, then the text.

    A bullet alone rarely says who speaks or about what; the header puts it back: the document's title,
    then for a remark its speaker, for unsigned text (an evaluation sheet's cell) the section it fills
    (政策の分析, 測定指標). A remark's section is left out: in minutes it is the agenda item, one long line
    shared by most of the meeting's remarks that repeats the title's topic, and embedded with every
    bullet it made the remarks alike. Dev nDCG@10 of the semantic side: 0.536 plain and 0.618 with
    the header when it came in; leaving a remark's section out, 0.615 -> 0.650 (hybrid 0.681 -> 0.704)."""
    header = " ".join(x for x in (document.title, passage.speaker or passage.section) if x)
    return f"{header}: {passage.text}" if header else passage.text


# ---------------------------------------------------------------- embedding cache
def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120]


class EmbeddingCache:
    """Passage embeddings of one model, keyed by the hash of the exact text fed to the model.

    One SQLite file per model under ``<model_cache>/embeddings/``; every write is its own transaction, so
    what was committed survives a crash or a kill of the process that made it."""

    def __init__(self, model_name: str, root: Path | None = None):
        root = Path(root or settings.get("model_cache")) / "embeddings"
        root.mkdir(parents=True, exist_ok=True)
        self.path = root / f"{_slug(model_name)}.sqlite"
        self.db = sqlite3.connect(self.path, timeout=60)
        self.db.execute("CREATE TABLE IF NOT EXISTS emb (key TEXT PRIMARY KEY, vec BLOB)")

    @staticmethod
    def key(text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()

    def get_many(self, keys: list[str]) -> dict[str, np.ndarray]:
        out = {}
        for i in range(0, len(keys), 500):
            chunk = keys[i:i + 500]
            q = f"SELECT key, vec FROM emb WHERE key IN ({','.join('?' * len(chunk))})"
            for k, blob in self.db.execute(q, chunk):
                out[k] = np.frombuffer(blob, dtype=np.float32)
        return out

    def put_many(self, items: dict[str, np.ndarray]) -> None:
        with self.db:                                   # one committed transaction
            self.db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                                [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])

    def __len__(self) -> int:
        return self.db.execute("SELECT COUNT(*) FROM emb").fetchone()[0]

    def close(self) -> None:
        self.db.close()


def cache_chunk(encoder) -> int:
    """Passages embedded between two commits to the cache: eight forward passes (64 on a CPU, ~15 s there),
    so a killed build loses at most that much work and a commit costs nothing beside the model."""
    batch = encoder.passage_batch_size() if hasattr(encoder, "passage_batch_size") else 8
    return 8 * batch


def embed_passages(texts: list[str], encoder, progress: Callable[[str, int, int], None] | None = None,
                   cache: EmbeddingCache | None = None, stage: str = "embedding") -> tuple[np.ndarray, int]:
    """Embeddings for the passage texts, from the cache where possible; returns (vectors, n_embedded).

    What is missing is embedded longest first (as encode_passages orders it, so the batches and the vectors
    are the same as in one call) and written to the cache chunk by chunk as it is made."""
    cache = cache if cache is not None else EmbeddingCache(encoder.name)
    keys = [cache.key(encoder.passage_prefix + t) for t in texts]
    known = cache.get_many(sorted(set(keys)))
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    todo.sort(key=lambda kt: len(kt[1]), reverse=True)
    step = cache_chunk(encoder)
    done = 0
    for start in range(0, len(todo), step):
        chunk = todo[start:start + step]

        def report(n, _total, offset=done):
            if progress:
                progress(stage, offset + n, len(todo))
        fresh = encoder.encode_passages([t for _, t in chunk], progress=report)
        new = {k: v for (k, _), v in zip(chunk, fresh)}
        cache.put_many(new)
        known.update(new)
        done += len(chunk)
    vectors = (np.stack([known[k] for k in keys]).astype(np.float32) if keys
               else np.zeros((0, encoder.dim), np.float32))
    return vectors, len(todo)
