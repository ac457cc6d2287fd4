"""The index folder: manifest, SQLite metadata, FAISS vectors, BM25, embedding cache; atomic swaps.

Layout of an index folder (``index/default/``)::

    CURRENT              name of the live version folder, replaced atomically (os.replace)
    v-<stamp>/           one complete build
        manifest.json    model, dimension, prefixes, normalizer version, file hashes, index type
        meta.sqlite      documents, remarks, passages
        vectors.npy      passage embeddings, float32, row i = passage i
        vectors.faiss    FAISS index over vectors.npy (ids = row numbers)
        bm25/            bm25s index over text.terms() of each passage

A build writes a new version folder beside the live one and switches CURRENT only when it is
complete, so a crash or Ctrl-C leaves the previous index intact and readers never see half an index.
Embeddings are cached per model by passage hash (``<model_cache>/embeddings/``), so a rebuild embeds
only new or changed passages.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

import numpy as np

from search import settings
from search.ingest import SUPPORTED_SUFFIXES, IngestError, load_catalog, load_document
from search.records import Document, ParsedDocument, Passage, Remark

FORMAT_VERSION = 2
# Bump when the passages a corpus gives, or the text embedded for them, change: an index built before is
# still read, but `index --if-needed` (make run) rebuilds it, unchanged passages from the embedding cache.
# 2: an evaluation-sheet section holding only a field label is no passage; 3: a remark's header has no section
PASSAGES_VERSION = 3
# measured in docs/performance.md (bench/scale.py): exact search costs ~0.15 ms per 1k passages a query
# on 2 cores (16 ms at 100k, 129 ms at 1M); HNSW32,SQ8 at efSearch 128, its 200 candidates re-scored with
# the exact vectors (search_vectors), answers in ~1 ms with recall@10 0.99 in 0.36x the memory of HNSW32
FLAT_LIMIT = 100_000          # below this many passages 'auto' means exact search (Flat), from here HNSW32,SQ8
HNSW_EF_SEARCH = 128

Progress = Callable[[str, int, int], None]


class StoreError(Exception):
    """The index folder is missing, corrupt or incompatible; the message says what to do."""


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    passages: int = 0
    embedded: int = 0             # passages that had to be embedded (not in the cache)
    seconds: float = 0.0
    index_dir: Path | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed)


# ---------------------------------------------------------------- helpers
def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _slug(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120]


def choose_factory(n_passages: int, setting: str | None = None) -> str:
    """The FAISS index_factory string: the setting, or by corpus size when 'auto'."""
    setting = setting or settings.get("index_factory")
    if setting != "auto":
        return setting
    return "Flat" if n_passages < FLAT_LIMIT else "HNSW32,SQ8"


def make_faiss_index(vectors: np.ndarray, factory: str):
    import faiss

    dim = vectors.shape[1]
    try:
        index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as e:
        raise StoreError(f"index_factory {factory!r} is not a valid FAISS index description ({e}); "
                         f"try 'Flat', 'HNSW32' or 'IVF1024,PQ32'") from None
    if not index.is_trained:
        index.train(vectors)
    index.add(vectors)
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def search_vectors(index, read_rows: Callable[[np.ndarray], np.ndarray], q: np.ndarray, n: int,
                   params=None) -> tuple[np.ndarray, np.ndarray]:
    """The n best rows for one query vector, best first, as (rows, cosine scores).

    An exact index (Flat) answers directly. An approximate one only proposes the n candidates:
    their exact vectors (read_rows(sorted rows) -> (len, dim)) re-score and order them, so a
    compressed index such as HNSW32,SQ8 loses recall only where it misses a row, never by
    mis-ordering the ones it finds."""
    import faiss

    scores, ids = index.search(q[None, :], n, params=params) if params else index.search(q[None, :], n)
    keep = ids[0] >= 0
    ids, scores = ids[0][keep], scores[0][keep]
    if isinstance(index, faiss.IndexFlat):
        return ids, scores
    ids = np.sort(ids)
    scores = read_rows(ids) @ q
    order = np.argsort(-scores)
    return ids[order], scores[order]


# ---------------------------------------------------------------- embedding cache
class EmbeddingCache:
    """Passage embeddings of one model, keyed by the hash of the exact text fed to the model."""

    def __init__(self, model_name: str, root: Path | None = None):
        root = Path(root or settings.get("model_cache")) / "embeddings"
        root.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(root / f"{_slug(model_name)}.sqlite", timeout=60)
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
        self.db.executemany("INSERT OR REPLACE INTO emb VALUES (?, ?)",
                            [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in items.items()])
        self.db.commit()


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


def embed_passages(texts: list[str], encoder, progress: Progress | None = None) -> tuple[np.ndarray, int]:
    """Embeddings for the passage texts, from the cache where possible; returns (vectors, n_embedded)."""
    cache = EmbeddingCache(encoder.name)
    keys = [cache.key(encoder.passage_prefix + t) for t in texts]
    known = cache.get_many(sorted(set(keys)))
    todo = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
    if todo:
        def step(done, total):
            if progress:
                progress("embedding", done, total)
        fresh = encoder.encode_passages([t for _, t in todo], progress=step)
        new = {k: v for (k, _), v in zip(todo, fresh)}
        cache.put_many(new)
        known.update(new)
    dim = encoder.dim
    vectors = np.stack([known[k] for k in keys]).astype(np.float32) if keys else np.zeros((0, dim), np.float32)
    return vectors, len(todo)


# ---------------------------------------------------------------- metadata (SQLite)
SCHEMA = """
CREATE TABLE documents (doc TEXT PRIMARY KEY, json TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE remarks (rowid INTEGER PRIMARY KEY, remark_id TEXT UNIQUE NOT NULL, doc TEXT NOT NULL,
                      ord INTEGER NOT NULL, speaker TEXT, json TEXT NOT NULL);
CREATE TABLE passages (rowid INTEGER PRIMARY KEY, passage_id TEXT UNIQUE NOT NULL, remark_id TEXT NOT NULL,
                       doc TEXT NOT NULL, speaker TEXT, json TEXT NOT NULL);
CREATE INDEX remarks_doc ON remarks(doc, ord);
CREATE INDEX passages_remark ON passages(remark_id);
"""


def _write_meta(path: Path, parsed: list[ParsedDocument]) -> list[Passage]:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    passages: list[Passage] = []
    for p in parsed:
        db.execute("INSERT INTO documents VALUES (?, ?, ?)",
                   (p.document.doc, json.dumps(p.document.to_dict(), ensure_ascii=False), p.document.text))
        db.executemany("INSERT INTO remarks (remark_id, doc, ord, speaker, json) VALUES (?, ?, ?, ?, ?)",
                       [(r.remark_id, r.doc, r.order, r.speaker, json.dumps(r.to_dict(), ensure_ascii=False))
                        for r in p.remarks])
        passages.extend(p.passages)
    db.executemany("INSERT INTO passages (rowid, passage_id, remark_id, doc, speaker, json) VALUES (?, ?, ?, ?, ?, ?)",
                   [(i, s.passage_id, s.remark_id, s.doc, s.speaker, json.dumps(s.to_dict(), ensure_ascii=False))
                    for i, s in enumerate(passages)])
    db.commit()
    db.close()
    return passages


# ---------------------------------------------------------------- build
def current_version_dir(index_dir: Path) -> Path | None:
    pointer = Path(index_dir) / "CURRENT"
    if not pointer.exists():
        return None
    target = Path(index_dir) / pointer.read_text().strip()
    return target if target.is_dir() else None


def read_manifest(index_dir: Path) -> dict | None:
    live = current_version_dir(index_dir)
    if live is None:
        return None
    try:
        return json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def corpus_files(corpus_dir: Path) -> list[Path]:
    return sorted(p for p in Path(corpus_dir).iterdir()
                  if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES and p.name != "README.md")


def needs_build(corpus_dir: Path, index_dir: Path, encoder_name: str | None = None) -> bool:
    """True when the index is missing or out of date with the corpus (or the model, normalizer, passages version
    or the store setting)."""
    from search import text

    m = read_manifest(index_dir)
    if m is None:
        return True
    hashes = {p.name: file_hash(p) for p in corpus_files(corpus_dir)}
    catalog = Path(corpus_dir) / "catalog.json"
    hashes["catalog.json"] = file_hash(catalog) if catalog.exists() else None
    return (m.get("files") != hashes or m.get("normalizer_version") != text.NORMALIZER_VERSION
            or m.get("format_version") != FORMAT_VERSION or m.get("passages_version") != PASSAGES_VERSION
            or m.get("store", "faiss") != settings.get("store")
            or (encoder_name is not None and m.get("model") != encoder_name))


def build_index(corpus_dir: Path | str | None = None, index_dir: Path | str | None = None,
                encoder=None, progress: Progress | None = None, factory: str | None = None) -> BuildReport:
    """Parse the corpus, embed what changed, write a new index version and switch to it atomically."""
    from search import text
    from search.embed import Encoder

    started = time.time()
    corpus_dir = Path(corpus_dir or settings.get("corpus"))
    index_dir = Path(index_dir or settings.get("index"))
    if not corpus_dir.is_dir():
        raise StoreError(f"corpus folder {corpus_dir} does not exist; create it and put .txt/.pdf/.html files in it")
    kind = settings.get("store")
    if kind not in ("faiss", "milvus"):
        raise StoreError(f"GIJI_STORE {kind!r} is not a store; choose 'faiss' or 'milvus'")
    old = read_manifest(index_dir) or {}
    if kind == "milvus":                # reachable before anything is parsed or embedded
        from search import milvus_store
        uri, milvus = milvus_store.milvus_target(index_dir, old)
        milvus_store.connect(uri).close()
    encoder = encoder or Encoder.open()
    report = BuildReport(index_dir=index_dir)
    old_files = old.get("files", {}) if old.get("model") == encoder.name else {}

    catalog = load_catalog(corpus_dir)
    files = corpus_files(corpus_dir)
    hashes: dict[str, str | None] = {}
    parsed: list[ParsedDocument] = []
    for i, path in enumerate(files):
        if progress:
            progress("parsing", i, len(files))
        h = file_hash(path)
        hashes[path.name] = h          # a file that fails to parse is remembered too, so it is not retried
        try:
            parsed.append(load_document(path, catalog))
        except IngestError as e:
            report.errors.append(str(e))
            continue
        if path.name not in old_files:
            report.added.append(path.name)
        elif old_files[path.name] != h:
            report.changed.append(path.name)
        else:
            report.unchanged.append(path.name)
    if progress:
        progress("parsing", len(files), len(files))
    report.removed = sorted(set(old_files) - set(hashes) - {"catalog.json"})
    cat_path = corpus_dir / "catalog.json"
    hashes["catalog.json"] = file_hash(cat_path) if cat_path.exists() else None

    passages = [s for p in parsed for s in p.passages]
    contexts = [embedding_text(s, p.document) for p in parsed for s in p.passages]
    vectors, report.embedded = embed_passages(contexts, encoder, progress)
    report.passages = len(passages)

    index_dir.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}-{time.time_ns() % 10**6}"
    tmp = index_dir / f".building-{stamp}"
    final = index_dir / f"v-{stamp}"
    try:
        tmp.mkdir()
        _write_meta(tmp / "meta.sqlite", parsed)
        manifest = {
            "format_version": FORMAT_VERSION,
            "version": stamp,
            "model": encoder.name,
            "dim": int(encoder.dim),
            "query_prefix": encoder.query_prefix,
            "passage_prefix": encoder.passage_prefix,
            "normalizer_version": text.NORMALIZER_VERSION,
            "passages_version": PASSAGES_VERSION,
            "store": kind,
            "files": hashes,
            "errors": report.errors,
            "documents": len(parsed),
            "remarks": sum(len(p.remarks) for p in parsed),
            "passages": len(passages),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        if kind == "milvus":
            manifest["milvus"] = milvus
            manifest = milvus_store.write_milvus_version(parsed, vectors, [text.terms(s.text) for s in passages],
                                                         manifest, uri, tmp, progress)
        else:
            np.save(tmp / "vectors.npy", vectors)
            if progress:
                progress("vector index", 0, 1)
            manifest["index_factory"] = choose_factory(len(passages), factory)
            import faiss
            faiss.write_index(make_faiss_index(vectors, manifest["index_factory"]), str(tmp / "vectors.faiss"))
            if progress:
                progress("keyword index", 0, 1)
            _write_bm25(tmp / "bm25", [text.terms(s.text) for s in passages])
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, final)
        if kind == "milvus":
            milvus_store.switch_alias(manifest, uri)            # the atomic switch for readers of Milvus
        pointer_tmp = index_dir / f".CURRENT-{stamp}"
        pointer_tmp.write_text(final.name)
        os.replace(pointer_tmp, index_dir / "CURRENT")      # the atomic switch
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_old_versions(index_dir, keep=final.name)
    if progress:
        progress("done", 1, 1)
    report.seconds = time.time() - started
    return report


def _write_bm25(path: Path, corpus_terms: list[list[str]]) -> None:
    import bm25s

    retriever = bm25s.BM25()
    # an empty passage still needs one token for bm25s; "" never matches a query term
    retriever.index([t or [""] for t in corpus_terms], show_progress=False)
    retriever.save(str(path), show_progress=False)


def _remove_old_versions(index_dir: Path, keep: str) -> None:
    for d in index_dir.iterdir():
        if d.is_dir() and d.name != keep and (d.name.startswith("v-") or d.name.startswith(".building-")):
            # a build in progress in another process has a fresh .building- folder: leave recent ones
            if d.name.startswith(".building-") and time.time() - d.stat().st_mtime < 3600:
                continue
            shutil.rmtree(d, ignore_errors=True)


# ---------------------------------------------------------------- reading
class Store:
    """A read-only view of the live index version.

    Only what every query needs stays in memory: the FAISS index, the memory-mapped vectors and BM25
    arrays, document descriptions (without their text) and two small arrays that give each passage
    row its document and speaker (for filters). Passages and remarks are read from SQLite by row or
    id when a hit is shown (recently read ones are cached), so memory does not grow with the text."""

    def __init__(self, root: Path, manifest: dict):
        self.root = root
        self.manifest = manifest
        self.db = sqlite3.connect(f"file:{root / 'meta.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        self.passage = functools.lru_cache(maxsize=4096)(self._passage)
        self.remark = functools.lru_cache(maxsize=4096)(self._remark)

    @classmethod
    def open(cls, index_dir: Path | str | None = None) -> "Store":
        index_dir = Path(index_dir or settings.get("index"))
        live = current_version_dir(index_dir)
        if live is None:
            raise StoreError(f"no index in {index_dir}; build it with: python -m search index")
        try:
            manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"index {live} is corrupt (manifest.json unreadable: {e}); "
                             f"rebuild it with: python -m search index") from None
        if manifest.get("format_version") != FORMAT_VERSION:
            raise StoreError(f"index {live} has format {manifest.get('format_version')}, this program reads "
                             f"{FORMAT_VERSION}; rebuild it with: python -m search index")
        if manifest.get("store") == "milvus":
            from search.milvus_store import MilvusStore
            return MilvusStore.open(index_dir)
        store = cls(live, manifest)
        store._load()
        return store

    def _load(self) -> None:
        import bm25s
        import faiss

        try:
            self.documents: dict[str, Document] = {}
            for doc, js in self.db.execute("SELECT doc, json FROM documents"):
                self.documents[doc] = Document(text="", **json.loads(js))
            self.n_remarks = self.db.execute("SELECT COUNT(*) FROM remarks").fetchone()[0]
            doc_code: dict[str, int] = {}
            speaker_code: dict[str | None, int] = {}
            row_doc, row_speaker = [], []
            for doc, speaker in self.db.execute("SELECT doc, speaker FROM passages ORDER BY rowid"):
                row_doc.append(doc_code.setdefault(doc, len(doc_code)))
                row_speaker.append(speaker_code.setdefault(speaker, len(speaker_code)))
            self.doc_names = list(doc_code)                 # row_doc[i] indexes this list
            self.speaker_labels = list(speaker_code)        # row_speaker[i] indexes this list
            self.row_doc = np.array(row_doc, dtype=np.int32)
            self.row_speaker = np.array(row_speaker, dtype=np.int32)
            self.n_passages = len(row_doc)
            self.vectors = np.load(self.root / "vectors.npy", mmap_mode="r")
            self._vector_file = os.open(self.root / "vectors.npy", os.O_RDONLY)
            self.faiss = faiss.read_index(str(self.root / "vectors.faiss"))
            if hasattr(self.faiss, "hnsw"):
                self.faiss.hnsw.efSearch = HNSW_EF_SEARCH
            self.bm25 = bm25s.BM25.load(str(self.root / "bm25"), show_progress=False, mmap=True)
        except (sqlite3.Error, OSError, ValueError, RuntimeError, TypeError, KeyError) as e:
            raise self._corrupt(f"{type(e).__name__}: {str(e)[:120]}") from None
        if self.n_passages != self.vectors.shape[0] or self.faiss.ntotal != self.n_passages:
            raise self._corrupt("passages and vectors differ in number")

    def __del__(self):
        if getattr(self, "_vector_file", None) is not None:
            os.close(self._vector_file)
            self._vector_file = None

    def _corrupt(self, what: str) -> StoreError:
        return StoreError(f"index {self.root} is corrupt ({what}); rebuild it with: python -m search index")

    # ------------------------------------------------------------ rows and ids
    def read_vectors(self, rows: np.ndarray) -> np.ndarray:
        """The vectors of a few rows (n, dim), read from vectors.npy with one pread each.

        Used to re-score 200 candidates a query: reading them through the memory map would map ~64 KB
        around each (the kernel's fault-around), which at 1M passages grew the process by ~300 MB per
        30 queries (docs/performance.md); bulk reads (filtered scans, the explore page) use the map."""
        width = self.vectors.shape[1] * 4
        base = self.vectors.offset
        chunks = [os.pread(self._vector_file, width, base + int(r) * width) for r in rows]
        return np.frombuffer(b"".join(chunks), dtype=np.float32).reshape(len(chunks), self.vectors.shape[1])

    def _read(self, sql: str, args: tuple) -> list:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise self._corrupt(f"{type(e).__name__}: {str(e)[:120]}") from None

    def _passage(self, row: int) -> Passage:
        found = self._read("SELECT json FROM passages WHERE rowid = ?", (int(row),))
        if not found:
            raise IndexError(f"no passage row {row}")
        return Passage(**json.loads(found[0][0]))

    def iter_passages(self) -> Iterator[Passage]:
        """Every passage in row order (reads them all: for exports and the explore page)."""
        for (js,) in self._read("SELECT json FROM passages ORDER BY rowid", ()):
            yield Passage(**json.loads(js))

    def passage_row(self, passage_id: str) -> int | None:
        found = self._read("SELECT rowid FROM passages WHERE passage_id = ?", (passage_id,))
        return found[0][0] if found else None

    def rows_of_remark(self, remark_id: str) -> list[int]:
        return [r for (r,) in self._read("SELECT rowid FROM passages WHERE remark_id = ? ORDER BY rowid",
                                         (remark_id,))]

    def _remark(self, remark_id: str) -> Remark | None:
        found = self._read("SELECT json FROM remarks WHERE remark_id = ?", (remark_id,))
        return Remark(**json.loads(found[0][0])) if found else None

    def remarks_of(self, doc: str) -> list[Remark]:
        return [Remark(**json.loads(js))
                for (js,) in self._read("SELECT json FROM remarks WHERE doc = ? ORDER BY ord", (doc,))]

    def remarks_around(self, remark: Remark, before: int, after: int) -> tuple[list[Remark], list[Remark]]:
        """Up to `before` remarks before and `after` remarks after this one in its document, in order."""
        prev = self._read("SELECT json FROM remarks WHERE doc = ? AND ord < ? ORDER BY ord DESC LIMIT ?",
                          (remark.doc, remark.order, before))
        nxt = self._read("SELECT json FROM remarks WHERE doc = ? AND ord > ? ORDER BY ord LIMIT ?",
                         (remark.doc, remark.order, after))
        return ([Remark(**json.loads(js)) for (js,) in reversed(prev)],
                [Remark(**json.loads(js)) for (js,) in nxt])

    def speaker_counts(self) -> dict[str, int]:
        """Remarks per speaker label."""
        return dict(self._read("SELECT speaker, COUNT(*) FROM remarks WHERE speaker IS NOT NULL "
                               "GROUP BY speaker", ()))

    @property
    def version(self) -> str:
        return self.manifest["version"]
