"""The index folder: manifest, SQLite metadata, FAISS vectors, BM25, embedding cache; atomic swaps.

Layout of an index folder (``index/default/``)::

    CURRENT              name of the live version folder, replaced atomically (os.replace)
    v-<stamp>/           one complete build
        manifest.json    model, dimension, prefixes, normalizer version, file hashes, index type
        meta.sqlite      documents, remarks, passages
        vectors.npy      passage embeddings, float32, row i = passage i
        vectors.faiss    FAISS index over vectors.npy (ids = row numbers)
        bm25/            bm25s index over text.terms() of each passage

    .lock                held (flock, exclusive) by the one build running in this folder

A build writes a new version folder beside the live one and switches CURRENT only when it is
complete, so a crash or Ctrl-C leaves the previous index intact and readers never see half an index.
A reader holds a shared flock on the version folder it opened (its lease) for as long as it is open; a
build removes an old version only when it can take that lock exclusively, so a swap never pulls files
from under a reader (docs/reliability.md). Embeddings are cached per model by passage hash
(``<model_cache>/embeddings/``, search/embed.py) as they are made, so a rebuild, or a build run again
after a crash or a kill, embeds only what is missing.
"""
from __future__ import annotations

import contextlib
import fcntl
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
from search.embed import EmbeddingCache, embed_passages, embedding_text
from search.ingest import IngestError, load_catalog, load_document
from search.ingest import corpus_files as walk_corpus
from search.persons import Person, build_persons
from search.records import Document, ParsedDocument, Passage, Remark
from search.retrieval.seam import Where, top_k
from search.sentences import best_per_row, sentence_inputs


def rows_mask(n: int, rows: frozenset[int]) -> np.ndarray:
    """A boolean mask of n rows, True at `rows`."""
    mask = np.zeros(n, dtype=bool)
    mask[np.fromiter(rows, dtype=np.int64, count=len(rows))] = True
    return mask


FORMAT_VERSION = 4              # 3: a procedural column on remarks and passages; 4: persons, remark_persons
# Bump when the passages a corpus gives, or the text embedded for them, change: an index built before is
# still read, but `index --if-needed` (make run) rebuilds it, unchanged passages from the embedding cache.
# 2: an evaluation-sheet section holding only a field label is no passage; 3: a remark's header has no section;
# 4: verbatim speeches packed into 150-400 character passages, none under 20 (in a remark of several) or over 500;
# 5: agenda sections of verbatim records, headings and rosters out of speeches, more layouts (【】/（委員） turns,
# records without turn marks, 問／答), 議事要旨 front and back matter; 6: a session's day (本会議　第２日) is not
# part of the meeting's body; the record's narration of a speaker (事務局より、…説明した。) is that speaker's remark;
# 7: a passage's sentences are embedded too (search.sentences); 青葉市議会定例会 is 青葉市議会 (the 定例会 goes with
# its number), a web page's committee takes the assembly its <title> names, a sheet without a catalog its ministry;
# 8: a short closing sentence (「要望です。」) is part of the sentence before it, never a sentence vector of its own;
# 9: more layouts (要点筆記 問（委員）, 【質問】/【答弁】, →（事務局） replies, 〔label〕, tabs), seat and post names
# from rosters, printed agenda headings kept (docs/archive.md §8); 10: the fourth round of layouts (docs/archive.md §9);
# 11: the tenth round (docs/archive.md §10): group headings over points, numbered Q/A, margin line numbers, clock
# times before turns, a committee chair's report is debate; 12: the eleventh round (docs/archive.md §11);
# 13: the twelfth to sixteenth rounds (docs/archive.md §12–§16): （拍手） out of speeches, look-alike radicals,
# Markdown, spaced posts, PDF tables of turns, margin clock times, 〇〇委員, Word bullets and text boxes, OCR spacing
PASSAGES_VERSION = 13
# measured in docs/performance.md (bench/scale.py): exact search costs ~0.15 ms per 1k passages a query
# on 2 cores (16 ms at 100k, 129 ms at 1M); HNSW32,SQ8 at efSearch 128, its 200 candidates re-scored with
# the exact vectors (search_vectors), answers in ~1 ms with recall@10 0.99 in 0.36x the memory of HNSW32
FLAT_LIMIT = 100_000          # below this many passages 'auto' means exact search (Flat), from here HNSW32,SQ8
HNSW_EF_SEARCH = 128
# Sentence evidence (search.sentences) for libraries up to this many passages (~2.4 sentences each: ~470k
# vectors, ~720 MB on disk); a larger one is searched by its passages' vectors alone, in the memory measured
# at 1M passages (docs/performance.md)
SENTENCE_LIMIT = 200_000
EXACT_SUBSET_LIMIT = 50_000   # a filtered dense search scans the allowed rows exactly below this

Progress = Callable[[str, int, int], None]
# progress stages beside parsing / embedding / vector index / keyword index / done, with what a front end says
BUSY = "別の索引作成が実行中です"              # stage "waiting": another build holds this index folder's lock
RESUMING = "前回の続きから（{n} 件は計算済み）"  # stage "resuming", done = n: passages an interrupted build embedded
EMPTY_LIBRARY = ("the library is empty: no document is indexed; add .txt/.pdf/.html files to the corpus folder "
                 "and run: python -m search index")
JOURNAL = ".build-in-progress"                # in the index folder while a build runs; left behind by a killed one


class StoreError(Exception):
    """The index folder is missing, corrupt or incompatible; the message says what to do."""


def check_not_empty(n_passages: int) -> None:
    """A search of a library of no documents (a valid index) says so instead of searching."""
    if n_passages == 0:
        raise StoreError(EMPTY_LIBRARY)


@dataclass
class BuildReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    passages: int = 0
    embedded: int = 0             # passages that had to be embedded (not in the cache)
    embedded_sentences: int = 0   # their sentences likewise (search.sentences)
    resumed: int = 0              # passages an interrupted earlier build had embedded (found in the cache)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    index_dir: Path | None = None

    @property
    def changed_anything(self) -> bool:
        return bool(self.added or self.changed or self.removed)


# ---------------------------------------------------------------- helpers
def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def checksums(version_dir: Path) -> dict[str, dict]:
    """Size and SHA-256 of every file of a version folder (manifest.json aside), by path relative to it."""
    out = {}
    for path in sorted(version_dir.rglob("*")):
        if path.is_file() and path.name != "manifest.json":
            h = hashlib.sha256()
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    h.update(block)
            out[path.relative_to(version_dir).as_posix()] = {"size": path.stat().st_size, "sha256": h.hexdigest()}
    return out


def size_problems(version_dir: Path, recorded: dict[str, dict]) -> list[str]:
    """The files of a version that are missing or not of the size recorded when they were written."""
    problems = []
    for rel, want in recorded.items():
        try:
            size = (version_dir / rel).stat().st_size
        except OSError:
            problems.append(f"{rel} is missing")
            continue
        if size != want["size"]:
            problems.append(f"{rel} has {size:,} bytes, {want['size']:,} were written")
    return problems


def bm25_term_bound(n_passages: int, k1: float = 1.5) -> float:
    """The largest BM25 score one term can give a passage here (Lucene idf at df=1 times k1 + 1): anything
    above it, or negative, or not finite, was not computed by bm25s from this corpus."""
    return (k1 + 1) * float(np.log1p(max(n_passages, 1)))


def score_problem(side: str, scores, n_passages: int, weight: float = 1.0) -> str | None:
    """Why scores of one side cannot come from a sound index, or None: not finite; a semantic score outside
    [-1, 1] (a cosine of unit vectors); a keyword score below 0 or above `weight` (the sum of the query's term
    weights) times bm25_term_bound. The engine passes its scores here before they reach anyone."""
    with np.errstate(all="ignore"):
        values = np.asarray(scores, dtype=np.float64)
    if values.size == 0:
        return None
    if not np.isfinite(values).all():
        return f"{side} scores that are not numbers ({values[~np.isfinite(values)][0]})"
    if side == "semantic":
        worst = float(np.max(np.abs(values)))
        return f"semantic score {worst:.3g} is no cosine" if worst > 1 + 1e-3 else None
    top = weight * bm25_term_bound(n_passages) + 1e-3
    if values.min() < 0 or values.max() > top:
        bad = values.min() if values.min() < 0 else values.max()
        return f"{side} score {bad:.3g} is outside 0..{top:.3g}"
    return None


def choose_factory(n_passages: int, setting: str | None = None) -> str:
    """The FAISS index_factory string: the setting, or by corpus size when 'auto'."""
    setting = setting or settings.get("index_factory")
    if setting != "auto":
        return setting
    return "Flat" if n_passages < FLAT_LIMIT else "HNSW32,SQ8"


FALLBACK_FACTORY = "Flat"


def make_faiss_index(vectors: np.ndarray, factory: str, warnings: list[str] | None = None):
    """A FAISS index of the vectors built from an index_factory string.

    A string FAISS does not know is refused. One it knows but cannot build on these vectors (an IVF with more
    lists than there are passages, an IDMap that needs ids, a PQ the dimension does not divide) falls back to
    exact search (Flat), with a warning naming both in `warnings`."""
    import faiss

    dim = vectors.shape[1]
    try:
        index = faiss.index_factory(dim, factory, faiss.METRIC_INNER_PRODUCT)
    except RuntimeError as e:
        raise StoreError(f"index_factory {factory!r} is not a valid FAISS index description ({_faiss_reason(e)}); "
                         f"try 'Flat', 'HNSW32' or 'HNSW32,SQ8'") from None
    try:
        if not index.is_trained:
            index.train(vectors)
        index.add(vectors)
    except RuntimeError as e:
        if factory == FALLBACK_FACTORY:
            raise StoreError(f"FAISS cannot index these vectors ({_faiss_reason(e)})") from None
        if warnings is not None:
            warnings.append(f"index_factory {factory!r} cannot be built on {len(vectors)} passages "
                            f"({_faiss_reason(e)}); built {FALLBACK_FACTORY!r} (exact search) instead")
        return make_faiss_index(vectors, FALLBACK_FACTORY)
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def _faiss_reason(e: RuntimeError) -> str:
    """What a FAISS exception says went wrong, without its C++ signature, file and line."""
    said = " ".join(str(e).split())
    m = re.search(r"\.(?:cpp|h):\d+: (.+)$", said)
    said = m.group(1) if m else said
    return said.split("failed: ", 1)[-1] if "failed: " in said else said


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
    if not isinstance(index, faiss.IndexFlat):
        ids = np.sort(ids)
        scores = read_rows(ids) @ q
        order = np.argsort(-scores)
        ids, scores = ids[order], scores[order]
    why = score_problem("semantic", scores, len(ids))
    if why:
        raise StoreError(f"the vector index is corrupt ({why}); rebuild it with: python -m search index")
    return ids, scores


@dataclass
class Sentences:
    """The sentences' vectors (search.sentences), the passage row of each, and their FAISS index: files
    sentences.npy, sentence_rows.npy and sentences.faiss of a version folder (an index built before them
    has none and is searched by its passages alone)."""

    vectors: np.ndarray
    rows: np.ndarray
    index: object = None

    def write(self, folder: Path, factory: str) -> None:
        import faiss

        np.save(folder / "sentences.npy", np.asarray(self.vectors, dtype=np.float32))
        np.save(folder / "sentence_rows.npy", np.asarray(self.rows, dtype=np.int32))
        if len(self.rows):
            faiss.write_index(make_faiss_index(np.asarray(self.vectors, dtype=np.float32), factory),
                              str(folder / "sentences.faiss"))

    @classmethod
    def load(cls, folder: Path) -> "Sentences | None":
        import faiss

        if not (folder / "sentences.npy").exists():
            return None
        vectors = np.load(folder / "sentences.npy", mmap_mode="r")
        rows = np.load(folder / "sentence_rows.npy")
        index = faiss.read_index(str(folder / "sentences.faiss")) if len(rows) else None
        if len(rows) != vectors.shape[0] or (index is not None and index.ntotal != len(rows)):
            raise ValueError("sentences, their rows and their vector index differ in number")
        if hasattr(index, "hnsw"):
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(vectors, rows, index)

    def search(self, q: np.ndarray, n: int, allowed: np.ndarray | None, n_passages: int) -> dict[int, float]:
        """The best score of each passage row among the n sentences nearest q, of the allowed rows only."""
        import faiss

        if self.index is None:
            return {}
        params = None
        if allowed is not None:
            lets = np.zeros(n_passages, dtype=bool)
            lets[allowed] = True
            mask = lets[self.rows]
            ids = np.flatnonzero(mask)
            if len(ids) <= EXACT_SUBSET_LIMIT:
                scores = np.asarray(self.vectors[ids]) @ q
                top = top_k(scores, n)
                return best_per_row(ids[top], scores[top], self.rows)
            bits = np.packbits(mask, bitorder="little")   # kept alive while FAISS reads it
            params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits)))
        ids, scores = search_vectors(self.index, lambda r: np.asarray(self.vectors[r]), q, n, params)
        return best_per_row(ids, scores, self.rows)


# ---------------------------------------------------------------- metadata (SQLite)
SCHEMA = """
CREATE TABLE documents (doc TEXT PRIMARY KEY, json TEXT NOT NULL, text TEXT NOT NULL);
CREATE TABLE remarks (rowid INTEGER PRIMARY KEY, remark_id TEXT UNIQUE NOT NULL, doc TEXT NOT NULL,
                      ord INTEGER NOT NULL, speaker TEXT, json TEXT NOT NULL, procedural INTEGER NOT NULL DEFAULT 0);
CREATE TABLE passages (rowid INTEGER PRIMARY KEY, passage_id TEXT UNIQUE NOT NULL, remark_id TEXT NOT NULL,
                       doc TEXT NOT NULL, speaker TEXT, json TEXT NOT NULL, procedural INTEGER NOT NULL DEFAULT 0);
CREATE INDEX remarks_doc ON remarks(doc, ord);
CREATE INDEX passages_remark ON passages(remark_id);
CREATE TABLE persons (person_id TEXT PRIMARY KEY, body TEXT NOT NULL, name TEXT, json TEXT NOT NULL);
CREATE TABLE remark_persons (remark_id TEXT PRIMARY KEY, person_id TEXT NOT NULL);
CREATE INDEX remark_persons_person ON remark_persons(person_id);
"""


def _write_meta(path: Path, parsed: list[ParsedDocument]) -> list[Passage]:
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    passages: list[Passage] = []
    for p in parsed:
        db.execute("INSERT INTO documents VALUES (?, ?, ?)",
                   (p.document.doc, json.dumps(p.document.to_dict(), ensure_ascii=False), p.document.text))
        db.executemany("INSERT INTO remarks (remark_id, doc, ord, speaker, json, procedural) VALUES (?, ?, ?, ?, ?, ?)",
                       [(r.remark_id, r.doc, r.order, r.speaker, json.dumps(r.to_dict(), ensure_ascii=False),
                         int(r.procedural)) for r in p.remarks])
        passages.extend(p.passages)
    db.executemany("INSERT INTO passages (rowid, passage_id, remark_id, doc, speaker, json, procedural) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?)",
                   [(i, s.passage_id, s.remark_id, s.doc, s.speaker, json.dumps(s.to_dict(), ensure_ascii=False),
                     int(s.procedural)) for i, s in enumerate(passages)])
    persons, remark_person = build_persons(parsed)
    db.executemany("INSERT INTO persons VALUES (?, ?, ?, ?)",
                   [(x.person_id, x.body, x.name, json.dumps(x.to_dict(), ensure_ascii=False)) for x in persons])
    db.executemany("INSERT INTO remark_persons VALUES (?, ?)", sorted(remark_person.items()))
    db.commit()
    db.close()
    return passages


# ---------------------------------------------------------------- the live version
VERSION_NAME = re.compile(r"v-[0-9A-Za-z._-]+")


def live_version_dir(index_dir: Path) -> Path | None:
    """The version folder CURRENT names (it may have just been swapped away); None when there is no index;
    a StoreError when CURRENT is damaged (empty, not text, or naming anything but a version folder here)."""
    index_dir = Path(index_dir)
    pointer = index_dir / "CURRENT"
    if index_dir.exists() and not index_dir.is_dir():
        raise StoreError(f"{index_dir} is a file, not an index folder; give a folder path (--index / GIJI_INDEX)")
    if not pointer.is_file():
        return None
    try:
        name = pointer.read_bytes().decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        name = None
    if not name or not VERSION_NAME.fullmatch(name):
        raise StoreError(f"index {index_dir} is corrupt (CURRENT does not name a version folder of it); "
                         f"rebuild it with: python -m search index")
    return index_dir / name


def current_version_dir(index_dir: Path) -> Path | None:
    """The live version folder, or None when there is none or CURRENT is damaged (a build replaces it)."""
    try:
        live = live_version_dir(index_dir)
    except StoreError:
        return None
    return live if live is not None and live.is_dir() else None


def read_manifest(index_dir: Path) -> dict | None:
    live = current_version_dir(index_dir)
    if live is None:
        return None
    try:
        return json.loads((live / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The documents of a corpus folder (search.ingest.corpus_files, without the refused entries)."""
    return walk_corpus(Path(corpus_dir))[0]


def needs_build(corpus_dir: Path, index_dir: Path, encoder_name: str | None = None) -> bool:
    """True when the index is missing or out of date with the corpus (or the model, normalizer, passages version
    or the store setting)."""
    from search import text

    m = read_manifest(index_dir)
    if m is None or not Path(corpus_dir).is_dir():
        return True
    hashes = {p.name: file_hash(p) for p in corpus_files(corpus_dir)}
    catalog = Path(corpus_dir) / "catalog.json"
    hashes["catalog.json"] = file_hash(catalog) if catalog.exists() else None
    return (m.get("files") != hashes or m.get("normalizer_version") != text.NORMALIZER_VERSION
            or "checksums" not in m
            or m.get("format_version") != FORMAT_VERSION or m.get("passages_version") != PASSAGES_VERSION
            or m.get("store", "faiss") != settings.get("store")
            or (encoder_name is not None and m.get("model") != encoder_name))


# ---------------------------------------------------------------- locks and leases
@contextlib.contextmanager
def build_lock(index_dir: Path, progress: Progress | None = None):
    """Hold the index folder's build lock; a second build waits for the first (and says so: stage "waiting").
    The lock is an flock, so a killed build leaves no stale lock behind."""
    fd = os.open(index_dir / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if progress:
                progress("waiting", 0, 1)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _take_lease(version_dir: Path) -> int | None:
    """A shared flock on a version folder, as an open descriptor; None when the folder is gone or being
    removed (the caller reads CURRENT again)."""
    try:
        fd = os.open(version_dir, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        # the folder may have been renamed away between the open and the lock: is it still the one named so?
        if os.fstat(fd).st_ino == os.stat(version_dir).st_ino:
            return fd
    except (BlockingIOError, FileNotFoundError):
        pass
    os.close(fd)
    return None


def _remove_if_unused(version_dir: Path) -> bool:
    """Remove an old version folder unless a reader holds a lease on it (a later build removes it then)."""
    try:
        fd = os.open(version_dir, os.O_RDONLY | os.O_DIRECTORY)
    except FileNotFoundError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return False
    try:
        trash = version_dir.with_name(f".trash-{version_dir.name}")
        os.rename(version_dir, trash)          # readers that look for it now find it gone and read CURRENT again
        shutil.rmtree(trash, ignore_errors=True)
    finally:
        os.close(fd)
    return True


def remove_old_versions(index_dir: Path, keep: str) -> list[str]:
    """Remove what earlier builds left (under the build lock): unused old versions, unfinished build folders.
    Returns the old versions kept because a reader still uses them."""
    kept = []
    for d in sorted(index_dir.iterdir()):
        if d.name == keep:
            continue
        if d.name.startswith(("v-")) and d.is_dir():
            if not _remove_if_unused(d):
                kept.append(d.name)
        elif d.name.startswith((".building-", ".trash-")) and d.is_dir():
            shutil.rmtree(d, ignore_errors=True)       # no build runs beside us: these are left by a killed one
        elif d.name.startswith(".CURRENT-"):
            d.unlink(missing_ok=True)
    return kept


# ---------------------------------------------------------------- build: parse -> embed -> write -> swap
def build_index(corpus_dir: Path | str | None = None, index_dir: Path | str | None = None,
                encoder=None, progress: Progress | None = None, factory: str | None = None) -> BuildReport:
    """Parse the corpus, embed what changed, write a new index version and switch to it atomically."""
    from search.embed import Encoder

    started = time.time()
    corpus_dir = Path(corpus_dir or settings.get("corpus"))
    index_dir = Path(index_dir or settings.get("index"))
    if not corpus_dir.is_dir():
        raise StoreError(f"corpus folder {corpus_dir} does not exist; create it and put .txt/.pdf/.html files in it")
    if index_dir.exists() and not index_dir.is_dir():
        raise StoreError(f"{index_dir} is a file, not an index folder; give a folder path (--index / GIJI_INDEX)")
    kind = settings.get("store")
    if kind not in ("faiss", "milvus"):
        raise StoreError(f"GIJI_STORE {kind!r} is not a store; choose 'faiss' or 'milvus'")
    if kind == "milvus":                # reachable before anything is parsed or embedded
        from search import milvus_store
        milvus_store.connect(milvus_store.milvus_target(index_dir, read_manifest(index_dir))[0]).close()
    encoder = encoder or Encoder.open_for((read_manifest(index_dir) or {}).get("model"))
    index_dir.mkdir(parents=True, exist_ok=True)
    report = BuildReport(index_dir=index_dir)
    with build_lock(index_dir, progress):
        old = read_manifest(index_dir) or {}
        parsed, hashes = parse_corpus(corpus_dir, old.get("files", {}) if old.get("model") == encoder.name else {},
                                      report, progress)
        journal = index_dir / JOURNAL
        interrupted = journal.exists()
        journal.write_text(f"{os.getpid()} {time.strftime('%Y-%m-%dT%H:%M:%S')}\n")
        vectors, sentences = embed_corpus(parsed, encoder, report, progress, interrupted)
        target = milvus_store.milvus_target(index_dir, old) if kind == "milvus" else None
        version = write_version(index_dir, parsed, vectors, hashes, encoder, report, progress, factory, target,
                                sentences)
        if target is not None:              # Milvus readers follow the alias, the folder's readers CURRENT
            milvus_store.switch_alias(json.loads((version / "manifest.json").read_text(encoding="utf-8")), target[0])
        swap(index_dir, version)
        journal.unlink()
        remove_old_versions(index_dir, keep=version.name)
    if progress:
        progress("done", 1, 1)
    report.seconds = time.time() - started
    return report


def parse_corpus(corpus_dir: Path, old_files: dict, report: BuildReport,
                 progress: Progress | None = None) -> tuple[list[ParsedDocument], dict[str, str | None]]:
    """Every document of the corpus parsed, and the hash of each file (catalog.json included); the report
    gets what was added, changed, removed or refused."""
    catalog = load_catalog(corpus_dir)
    files, refused = walk_corpus(corpus_dir)
    report.errors.extend(str(e) for e in refused)
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
    return parsed, hashes


def embed_corpus(parsed: list[ParsedDocument], encoder, report: BuildReport, progress: Progress | None = None,
                 interrupted: bool = False) -> tuple[np.ndarray, Sentences]:
    """The passages' vectors and their sentences' (search.sentences), cached ones read and missing ones
    embedded (and cached batch by batch).

    After an interrupted build (its journal was left behind), what it embedded of the documents the live
    index does not hold yet is in the cache: that count is reported (stage "resuming", RESUMING)."""
    cache = EmbeddingCache(encoder.name)
    texts = [embedding_text(s, p.document) for p in parsed for s in p.passages]
    if interrupted:
        new_docs = set(report.added) | set(report.changed)
        keys = {cache.key(encoder.passage_prefix + embedding_text(s, p.document))
                for p in parsed if p.document.doc in new_docs for s in p.passages}
        report.resumed = len(cache.get_many(sorted(keys)))
        if report.resumed and progress:
            progress("resuming", report.resumed, len(keys))
    vectors, report.embedded = embed_passages(texts, encoder, progress, cache=cache)
    sentence_texts, sentence_rows = [], []
    if len(texts) <= SENTENCE_LIMIT:
        sentence_texts, sentence_rows = sentence_inputs(parsed, embedding_text)
    sentence_vectors, report.embedded_sentences = embed_passages(sentence_texts, encoder, progress, cache=cache,
                                                                 stage="sentences")
    cache.close()
    report.passages = len(texts)
    return vectors, Sentences(sentence_vectors, np.asarray(sentence_rows, dtype=np.int32))


def write_version(index_dir: Path, parsed: list[ParsedDocument], vectors: np.ndarray, hashes: dict,
                  encoder, report: BuildReport, progress: Progress | None = None,
                  factory: str | None = None, milvus: tuple[str, dict] | None = None,
                  sentences: Sentences | None = None) -> Path:
    """A complete new version folder beside the live one (not yet live): metadata, vectors, FAISS, BM25,
    the sentences' vectors and their FAISS index (in the folder for both stores), manifest. Written under a
    hidden name and renamed when complete."""
    from search import text

    passages = [s for p in parsed for s in p.passages]
    stamp = time.strftime("%Y%m%d-%H%M%S") + f"-{os.getpid()}-{time.time_ns() % 10**6}"
    tmp = index_dir / f".building-{stamp}"
    final = index_dir / f"v-{stamp}"
    try:
        tmp.mkdir()
        _write_meta(tmp / "meta.sqlite", parsed)
        sentences = sentences or Sentences(np.zeros((0, vectors.shape[1]), np.float32), np.zeros(0, np.int32))
        sentences.write(tmp, choose_factory(len(sentences.rows), factory))
        chosen = None
        if milvus is None:
            np.save(tmp / "vectors.npy", vectors)
            if progress:
                progress("vector index", 0, 1)
            chosen = choose_factory(len(passages), factory)
            import faiss
            vector_index = make_faiss_index(vectors, chosen, report.warnings)
            if report.warnings:
                chosen = FALLBACK_FACTORY
            faiss.write_index(vector_index, str(tmp / "vectors.faiss"))
            if progress:
                progress("keyword index", 0, 1)
            _write_bm25(tmp / "bm25", [text.terms(s.text) for s in passages])
        manifest = {
            "format_version": FORMAT_VERSION,
            "version": stamp,
            "model": encoder.name,
            "dim": int(encoder.dim),
            "query_prefix": encoder.query_prefix,
            "passage_prefix": encoder.passage_prefix,
            "normalizer_version": text.NORMALIZER_VERSION,
            "passages_version": PASSAGES_VERSION,
            "store": "faiss" if milvus is None else "milvus",
            "index_factory": chosen,
            "files": hashes,
            "errors": report.errors,
            "warnings": report.warnings,
            "documents": len(parsed),
            "remarks": sum(len(p.remarks) for p in parsed),
            "passages": len(passages),
            "sentences": len(sentences.rows),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
        }
        if milvus is not None:              # the collection, complete but not aliased, and its vocabulary table
            from search import milvus_store

            uri, manifest["milvus"] = milvus
            manifest = milvus_store.write_milvus_version(parsed, vectors, [text.terms(s.text) for s in passages],
                                                         manifest, uri, tmp, progress)
        manifest["checksums"] = checksums(tmp)
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, final)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def swap(index_dir: Path, version: Path) -> None:
    """Make a written version the live one: CURRENT is replaced in one atomic rename."""
    pointer_tmp = index_dir / f".CURRENT-{version.name}"
    pointer_tmp.write_text(version.name)
    os.replace(pointer_tmp, index_dir / "CURRENT")


def _write_bm25(path: Path, corpus_terms: list[list[str]]) -> None:
    """The bm25s index of the passages' terms; none for a library of no passages (bm25s cannot index nothing)."""
    import bm25s

    if not corpus_terms:
        return
    retriever = bm25s.BM25()
    # an empty passage still needs one token for bm25s; "" never matches a query term
    retriever.index([t or [""] for t in corpus_terms], show_progress=False)
    retriever.save(str(path), show_progress=False)


# ---------------------------------------------------------------- verification
def verify(index_dir: Path | str | None = None) -> list[str]:
    """Every problem of the live index version, one line each (empty: sound). Reads every byte: the
    checksums recorded when the files were written, then every number (the app's 「索引を検査」 and
    `python -m search info --verify`)."""
    index_dir = Path(index_dir or settings.get("index"))
    try:
        store = Store.open(index_dir)
    except StoreError as e:
        return [str(e)]
    try:
        recorded = store.manifest.get("checksums")
        if not recorded:
            return [f"index {store.root} was built before checksums were recorded, so it cannot be verified; "
                    f"rebuild it with: python -m search index"]
        found = checksums(store.root)
        problems = [f"{rel}: checksum differs from the one recorded when it was written"
                    for rel, got in found.items() if rel in recorded and got["sha256"] != recorded[rel]["sha256"]]
        problems += [f"{rel}: not recorded in the manifest" for rel in sorted(set(found) - set(recorded))]
        why = store._spot_check(full=True)
        if why:
            problems.append(why)
        return [str(store._corrupt(p)) for p in problems]
    finally:
        store.close()


# ---------------------------------------------------------------- reading
class Store:
    """A read-only view of the live index version; the first implementation of the store seam
    (search.retrieval.seam.PassageIndex).

    Only what every query needs stays in memory: the FAISS index, the memory-mapped vectors and BM25
    arrays, document descriptions (without their text) and two small arrays that give each passage
    row its document and speaker (for filters). Passages and remarks are read from SQLite by row or
    id when a hit is shown (recently read ones are cached), so memory does not grow with the text."""

    def __init__(self, root: Path, manifest: dict, lease: int | None = None):
        self.root = root
        self.manifest = manifest
        self._lease = None
        self._vector_file = None
        self.db = None
        problems = size_problems(root, manifest.get("checksums") or {})
        if problems:
            raise self._corrupt("; ".join(problems[:2]))
        try:
            self.db = sqlite3.connect(f"file:{root / 'meta.sqlite'}?mode=ro", uri=True, check_same_thread=False)
        except sqlite3.Error as e:
            raise self._corrupt(f"meta.sqlite: {e}") from None
        self._lease = lease                 # shared flock on root, held while this store is open
        rows = _Rows(self.db, root)         # the cached readers hold the connection, not the store (no cycle)
        self.passage = functools.lru_cache(maxsize=4096)(rows.passage)
        self.remark = functools.lru_cache(maxsize=4096)(rows.remark)
        self._read = rows.read
        self._allowed: dict[Where, np.ndarray] = {}   # a filtered search asks for its rows twice
        self._person_rows: dict[tuple[str, ...], frozenset[int]] = {}
        self._sample: np.ndarray | None = None          # vector_sample(), made once
        self.sentences: Sentences | None = None         # loaded with the vectors (search.sentences)

    OPEN_ATTEMPTS = 20
    has_postings = True              # per-term postings (bm25s); a store without them answers keyword() instead

    @classmethod
    def open(cls, index_dir: Path | str | None = None) -> "Store":
        """The live version, leased (see the module docstring); a version swapped away while it is being
        opened is let go and CURRENT read again."""
        index_dir = Path(index_dir or settings.get("index"))
        if cls is Store and (read_manifest(index_dir) or {}).get("store") == "milvus":
            from search.milvus_store import MilvusStore

            return MilvusStore.open(index_dir)
        missing = None
        for _ in range(cls.OPEN_ATTEMPTS):
            live = live_version_dir(index_dir)
            if live is None:
                raise StoreError(f"no index in {index_dir}; build it with: python -m search index")
            lease = _take_lease(live)
            if lease is not None:
                return cls._open_version(live, lease)
            if live == missing:            # named twice, still not there: not a swap but a lost folder
                raise StoreError(f"index {index_dir} is corrupt (CURRENT names {live.name}, which is missing); "
                                 f"rebuild it with: python -m search index")
            missing = None if live.is_dir() else live
            time.sleep(0.05)
        raise StoreError(f"index {index_dir} changed {cls.OPEN_ATTEMPTS} times while it was being opened; "
                         f"try again when the running build has finished")

    @classmethod
    def _open_version(cls, live: Path, lease: int) -> "Store":
        """Open a leased version; the lease is let go when this fails."""
        try:
            store = cls(live, cls._manifest(live), lease)
        except BaseException:
            os.close(lease)
            raise
        try:
            store._load()
        except BaseException:
            store.close()
            raise
        return store

    @staticmethod
    def _manifest(live: Path) -> dict:
        try:
            manifest = json.loads((live / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"index {live} is corrupt (manifest.json unreadable: {e}); "
                             f"rebuild it with: python -m search index") from None
        if manifest.get("format_version") != FORMAT_VERSION:
            raise StoreError(f"index {live} has format {manifest.get('format_version')}, this program reads "
                             f"{FORMAT_VERSION}; rebuild it with: python -m search index")
        return manifest

    def _load(self) -> None:
        import bm25s
        import faiss

        try:
            self._load_records()
            self.vectors = np.load(self.root / "vectors.npy", mmap_mode="r")
            self._vector_file = os.open(self.root / "vectors.npy", os.O_RDONLY)
            self.faiss = faiss.read_index(str(self.root / "vectors.faiss"))
            if hasattr(self.faiss, "hnsw"):
                self.faiss.hnsw.efSearch = HNSW_EF_SEARCH
            # a library of no passages has no keyword index: nothing to search, see EMPTY_LIBRARY
            self.bm25 = (bm25s.BM25.load(str(self.root / "bm25"), show_progress=False, mmap=True)
                         if self.n_passages else None)
            self.sentences = Sentences.load(self.root)
        except (sqlite3.Error, OSError, ValueError, RuntimeError, TypeError, KeyError) as e:
            raise self._corrupt(f"{type(e).__name__}: {str(e)[:120]}") from None
        if self.n_passages != self.vectors.shape[0] or self.faiss.ntotal != self.n_passages:
            raise self._corrupt("passages and vectors differ in number")
        why = self._spot_check()
        if why:
            raise self._corrupt(why)

    def _load_records(self) -> None:
        """Documents, and each passage row's document, speaker and procedural flag (for filters and ranking)."""
        self.documents: dict[str, Document] = {}
        for doc, js in self.db.execute("SELECT doc, json FROM documents"):
            self.documents[doc] = Document(text="", **json.loads(js))
        self.n_remarks = self.db.execute("SELECT COUNT(*) FROM remarks").fetchone()[0]
        doc_code: dict[str, int] = {}
        speaker_code: dict[str | None, int] = {}
        row_doc, row_speaker, row_procedural = [], [], []
        for doc, speaker, procedural in self.db.execute(
                "SELECT doc, speaker, procedural FROM passages ORDER BY rowid"):
            row_doc.append(doc_code.setdefault(doc, len(doc_code)))
            row_speaker.append(speaker_code.setdefault(speaker, len(speaker_code)))
            row_procedural.append(bool(procedural))
        self.doc_names = list(doc_code)                 # row_doc[i] indexes this list
        self.speaker_labels = list(speaker_code)        # row_speaker[i] indexes this list
        self.row_doc = np.array(row_doc, dtype=np.int32)
        self.row_speaker = np.array(row_speaker, dtype=np.int32)
        self.row_procedural = np.array(row_procedural, dtype=bool)   # passages that only run the meeting
        self.n_passages = len(row_doc)

    SPOT_ROWS = 1024          # vectors whose norms are checked at open
    SPOT_SCORES = 100_000     # BM25 scores checked at open

    def _spot_check(self, full: bool = False) -> str | None:
        """A cheap look at the numbers of each file (all of them when full): unit vectors, an exact vector index
        holding the same vectors, BM25 scores bm25s could have computed. Damage the sizes do not
        show (bytes overwritten in place) is caught here, or by the checksums (verify)."""
        n = self.n_passages
        if n == 0:
            return None
        rows = np.arange(n) if full else np.unique(np.linspace(0, n - 1, min(n, self.SPOT_ROWS)).astype(np.int64))
        for start in range(0, len(rows), 65536):
            with np.errstate(all="ignore"):
                norms = np.linalg.norm(np.asarray(self.vectors[rows[start:start + 65536]], np.float64), axis=1)
            if not np.all(np.abs(norms - 1) < 1e-2):
                return "vectors.npy holds vectors that are not unit vectors"
        import faiss

        if isinstance(self.faiss, faiss.IndexFlat):        # its stored vectors are vectors.npy's, bit for bit
            stored = faiss.rev_swig_ptr(self.faiss.get_xb(), n * self.faiss.d).reshape(n, self.faiss.d)
            for start in range(0, len(rows), 65536):
                picked = rows[start:start + 65536]
                if not np.array_equal(stored[picked], self.vectors[picked]):
                    return "vectors.faiss does not hold the stored vectors"
        data, indices, indptr = (self.bm25.scores[k] for k in ("data", "indices", "indptr"))
        step = 1 if full else max(1, len(data) // self.SPOT_SCORES)
        why = score_problem("keyword", np.asarray(data[::step]), n, 1.0)
        if why:
            return f"bm25: {why}"
        picked = np.asarray(indices[::step])
        if len(indptr) and (int(indptr[-1]) != len(data) or (picked.size and (picked.min() < 0 or picked.max() >= n))):
            return "bm25 postings point outside the passages"
        return None

    def check_scores(self, side: str, scores, weight: float = 1.0) -> None:
        """The one-line corruption error when a side's scores cannot come from this index (score_problem)."""
        why = score_problem(side, scores, self.n_passages, weight)
        if why:
            raise self._corrupt(why)

    def close(self) -> None:
        """Let go of the files and the lease (a later build may then remove this version)."""
        if self.db is not None:
            self.db.close()
        for name in ("_vector_file", "_lease"):
            fd = getattr(self, name, None)
            if fd is not None:
                os.close(fd)
                setattr(self, name, None)

    def __del__(self):
        self.close()

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

    def rows_of_persons(self, person_ids: tuple[str, ...]) -> frozenset[int]:
        """The rows of every passage the persons' remarks hold (read once per set of persons: a person filter
        is asked for on every search of a session)."""
        if person_ids not in self._person_rows:
            marks = ",".join("?" * len(person_ids))
            if len(self._person_rows) >= 64:
                self._person_rows.clear()
            self._person_rows[person_ids] = frozenset(r for (r,) in self._read(
                "SELECT p.rowid FROM remark_persons m JOIN passages p ON p.remark_id = m.remark_id "
                f"WHERE m.person_id IN ({marks})", person_ids))
        return self._person_rows[person_ids]

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

    def persons(self) -> list[Person]:
        """Every person of the index (search.persons): by body, most remarks first."""
        return [Person(**json.loads(js)) for (js,) in self._read("SELECT json FROM persons", ())]

    def name_of_remark_speaker(self, remark_id: str) -> str | None:
        """The full name of the person a remark belongs to, where the index knows one (search.persons)."""
        found = self._read("SELECT s.name FROM remark_persons m JOIN persons s ON s.person_id = m.person_id "
                           "WHERE m.remark_id = ?", (remark_id,))
        return found[0][0] if found else None

    def remarks_of_person(self, person_id: str) -> list[Remark]:
        """A person's remarks in every meeting, in document and speaking order."""
        return [Remark(**json.loads(js)) for (js,) in self._read(
            "SELECT r.json FROM remark_persons p JOIN remarks r ON r.remark_id = p.remark_id "
            "WHERE p.person_id = ? ORDER BY r.doc, r.ord", (person_id,))]

    def speaker_counts(self) -> dict[str, int]:
        """Remarks per speaker label."""
        return dict(self._read("SELECT speaker, COUNT(*) FROM remarks WHERE speaker IS NOT NULL "
                               "GROUP BY speaker", ()))

    @property
    def version(self) -> str:
        return self.manifest["version"]

    # ------------------------------------------------------------ the seam: retrieval
    def allowed_rows(self, where: Where) -> np.ndarray:
        """The rows a filter lets through, ascending (the last 64 filters' rows are kept)."""
        if where in self._allowed:
            return self._allowed[where]
        mask = np.ones(self.n_passages, dtype=bool)
        if where.speakers is not None:
            mask &= np.isin(self.row_speaker, [i for i, s in enumerate(self.speaker_labels) if s in where.speakers])
        if where.docs is not None:
            mask &= np.isin(self.row_doc, [i for i, d in enumerate(self.doc_names) if d in where.docs])
        if where.rows is not None:
            mask &= rows_mask(self.n_passages, where.rows)
        rows = np.flatnonzero(mask)
        rows.flags.writeable = False
        if len(self._allowed) >= 64:
            self._allowed.clear()
        self._allowed[where] = rows
        return rows

    def dense(self, q: np.ndarray, n: int, where: Where | None = None,
              sentences: bool = True) -> list[tuple[int, float]]:
        """The n rows nearest unit vector q among those `where` lets through, best first, exact scores: a
        passage scores the better of its own vector and its best sentence's (search.sentences), or its
        own alone (sentences=False: q is itself a passage's or a remark's vector)."""
        found = self._dense_passages(q, n, where)
        return self.with_sentences(q, n, where, found) if sentences else found

    def with_sentences(self, q: np.ndarray, n: int, where: Where | None,
                       found: list[tuple[int, float]]) -> list[tuple[int, float]]:
        """The passages found, and those the n best sentences belong to, each at the better of its own score
        and its best sentence's; the n best of them."""
        if self.sentences is None or not len(self.sentences.rows):
            return found
        allowed = None if where is None else self.allowed_rows(where)
        best = self.sentences.search(q, 2 * n, allowed, self.n_passages)
        scores = dict(found)
        missing = np.array(sorted(set(best) - set(scores)), dtype=np.int64)
        if len(missing):
            scores.update(zip(missing.tolist(), (self.read_vectors(missing) @ q).tolist()))
        for row, s in best.items():
            scores[row] = max(scores[row], s)
        return sorted(scores.items(), key=lambda kv: -kv[1])[:n]

    def _dense_passages(self, q: np.ndarray, n: int, where: Where | None = None) -> list[tuple[int, float]]:
        """The n rows whose own vectors are nearest q among those `where` lets through, best first."""
        import faiss

        params = None
        if where is not None:
            allowed = self.allowed_rows(where)
            if len(allowed) == 0:
                return []
            if len(allowed) <= EXACT_SUBSET_LIMIT:
                scores = np.asarray(self.vectors[allowed]) @ q
                top = top_k(scores, n)
                return [(int(allowed[i]), float(scores[i])) for i in top]
            mask = np.zeros(self.n_passages, dtype=bool)
            mask[allowed] = True
            bits = np.packbits(mask, bitorder="little")   # kept alive while FAISS reads it
            # a bitmap answers "is this row allowed" in O(1): 7x faster than IDSelectorBatch's hash set
            # for a speaker filter at 1M passages (docs/performance.md)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits)))
        ids, scores = search_vectors(self.faiss, self.read_vectors, q, n, params)
        return [(int(i), float(s)) for i, s in zip(ids, scores)]

    def vector_sample(self, n: int) -> np.ndarray:
        """At most n of the passages' vectors, evenly spread over the rows (every one in a small index)."""
        if self._sample is None or len(self._sample) != min(n, self.n_passages):
            rows = np.linspace(0, self.n_passages - 1, min(n, self.n_passages)).astype(np.int64)
            self._sample = np.asarray(self.vectors[rows], dtype=np.float32)
        return self._sample

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The rows holding a term and their BM25 scores for it: a column of bm25s' score matrix."""
        tid = self.bm25.vocab_dict.get(term)
        if tid is None:
            return None
        m = self.bm25.scores
        start, end = int(m["indptr"][tid]), int(m["indptr"][tid + 1])
        return np.asarray(m["indices"][start:end]), np.asarray(m["data"][start:end])

    def doc_freq(self, term: str) -> int:
        """In how many passages a term occurs, from the column bounds (no postings read)."""
        tid = self.bm25.vocab_dict.get(term)
        indptr = self.bm25.scores["indptr"]
        return 0 if tid is None else int(indptr[tid + 1]) - int(indptr[tid])

class _Rows:
    """Reads records by row or id from one open meta.sqlite; a failure is the one-line corruption error."""

    def __init__(self, db: sqlite3.Connection, root: Path):
        self.db = db
        self.root = root

    def read(self, sql: str, args: tuple) -> list:
        try:
            return self.db.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise StoreError(f"index {self.root} is corrupt ({type(e).__name__}: {str(e)[:120]}); "
                             f"rebuild it with: python -m search index") from None

    def passage(self, row: int) -> Passage:
        found = self.read("SELECT json FROM passages WHERE rowid = ?", (int(row),))
        if not found:
            raise IndexError(f"no passage row {row}")
        return Passage(**json.loads(found[0][0]))

    def remark(self, remark_id: str) -> Remark | None:
        found = self.read("SELECT json FROM remarks WHERE remark_id = ?", (remark_id,))
        return Remark(**json.loads(found[0][0])) if found else None
