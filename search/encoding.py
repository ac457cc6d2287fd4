"""What every encoder shares: the query and passage prefixes a model needs, the CPU threads to use, and
passages embedded in batches of similar length (embed.Encoder on sentence-transformers, int8.Int8Encoder on
ONNX Runtime)."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

# (substring of the lower-cased model name, query prefix, passage prefix); first match wins
PREFIX_RULES = [
    ("ruri-v3", "検索クエリ: ", "検索文書: "),
    ("e5", "query: ", "passage: "),
]
QUERY_PROMPT_NAMES = ("query",)
PASSAGE_PROMPT_NAMES = ("passage", "document", "doc")


def known_prefixes(model: str) -> tuple[str, str]:
    """(query prefix, passage prefix) a model needs, from its local config or its name; ("", "") if none known."""
    folder = Path(model)
    prompts = {}
    try:
        prompts = json.loads((folder / "config_sentence_transformers.json").read_text("utf-8")).get("prompts") or {}
    except (OSError, ValueError):
        pass
    query = next((prompts[k] for k in QUERY_PROMPT_NAMES if prompts.get(k)), None)
    passage = next((prompts[k] for k in PASSAGE_PROMPT_NAMES if prompts.get(k)), None)
    if query is not None or passage is not None:
        return query or "", passage or ""
    name = model.lower()
    for key, q, p in PREFIX_RULES:
        if key in name:
            return q, p
    return "", ""


def _cpu_threads() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


class BaseEncoder:
    """name, dim, query_prefix, passage_prefix; a subclass embeds a batch (_encode) and says its batch size."""

    name: str
    dim: int
    query_prefix: str
    passage_prefix: str

    def _encode(self, texts: list[str], prefix: str, batch_size: int) -> np.ndarray:
        raise NotImplementedError

    def passage_batch_size(self) -> int:
        raise NotImplementedError

    def encode_passages(self, texts: list[str], batch_size: int | None = None,
                        progress: Callable[[int, int], None] | None = None) -> np.ndarray:
        """Passage vectors (n, dim) in input order; batches of similar length; progress(done, total) per batch."""
        batch_size = batch_size or self.passage_batch_size()
        total = len(texts)
        out = np.zeros((total, self.dim), np.float32)
        order = sorted(range(total), key=lambda i: len(texts[i]), reverse=True)
        chunks = [order[start:start + batch_size] for start in range(0, total, batch_size)]
        done = 0
        for idx, vectors in zip(chunks, self._encode_batches([[texts[i] for i in c] for c in chunks],
                                                             self.passage_prefix)):
            out[idx] = vectors
            done += len(idx)
            if progress is not None:
                progress(done, total)
        return out

    def _encode_batches(self, batches: list[list[str]], prefix: str) -> Iterator[np.ndarray]:
        """Each batch's vectors, in order, as they are ready (a backend may run batches side by side)."""
        return (self._encode(b, prefix, len(b)) for b in batches)

    def __repr__(self) -> str:
        return (f"{type(self).__name__}({self.name!r}, dim={self.dim}, query_prefix={self.query_prefix!r}, "
                f"passage_prefix={self.passage_prefix!r})")
