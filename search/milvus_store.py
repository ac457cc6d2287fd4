"""The store seam on Milvus: a collection per index version (dense, BM25 sparse, filter fields), an alias as the switch.

Layout when GIJI_STORE=milvus::

    index/default/CURRENT, v-<stamp>/manifest.json, v-<stamp>/meta.sqlite   as with FAISS (records stay in SQLite,
                                                                             plus a `terms` table: the sparse vocabulary)
    Milvus (GIJI_MILVUS_URI; default index/default/milvus.db, embedded Milvus Lite)
        collection <alias>_<stamp>   row (int64 pk = passage row), dense (FLOAT_VECTOR, IP), sparse
                                     (SPARSE_FLOAT_VECTOR, IP: BM25 weight of each term), doc, speaker, doc_type, date
        alias <alias>                the live version: switched (atomically, by Milvus) only to a complete collection

A reader follows the alias to a collection and the collection's stamp to its version folder, so a build killed
before the switch leaves the previous version answering; an open store keeps its own collection, so a swap never
breaks a search in flight (the replaced collection is dropped one build later).
"""
from __future__ import annotations

import hashlib
import json
import logging
import math
import re
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import numpy as np

from search import settings
from search.records import ParsedDocument
from search.retrieval.seam import Where
from search.store import (FLAT_LIMIT, HNSW_EF_SEARCH, Progress, Sentences, Store, StoreError, current_version_dir,
                          rows_mask)

K1, B = 1.5, 0.75            # BM25 as bm25s computes it (method 'lucene')
INSERT_BATCH = 2000
MAX_KEEP_UNFINISHED_S = 3600  # an unaliased, unfinished collection younger than this may be a build in progress
LITE_FILE = "milvus.db"
MAX_TOPK = 16384              # Milvus answers at most this many rows a search
NO_TERMS = 2**32 - 2          # the sparse dimension of a passage without terms (Milvus refuses an empty vector);
                              # no query term has it


class MilvusError(StoreError):
    """Milvus at the configured URI refused a request; the message names the URI."""


class MilvusUnavailable(MilvusError):
    """Milvus at the configured URI cannot be reached; the message names the URI."""


# ---------------------------------------------------------------- connection
def resolve_uri(index_dir: Path, recorded: str | None = None) -> str:
    """The Milvus URI: GIJI_MILVUS_URI, else the one the index was built with, else milvus.db in the index folder.
    A path (Milvus Lite) is made absolute against the index folder; http(s)://host:port is a Milvus server."""
    uri = settings.get("milvus_uri") or recorded or LITE_FILE
    if re.match(r"^(https?|tcp|unix)://", uri) or uri.startswith("unix:"):
        return uri
    path = Path(uri) if Path(uri).is_absolute() else Path(index_dir) / uri
    if path.suffix != ".db":
        raise StoreError(f"GIJI_MILVUS_URI {uri!r} is neither http://host:19530 nor a Milvus Lite file ending in .db")
    return str(path.resolve())


def recorded_uri(uri: str, index_dir: Path) -> str:
    """The URI as the manifest keeps it: a Lite file inside the index folder relative to it (the folder can move)."""
    try:
        return str(Path(uri).relative_to(Path(index_dir).resolve()))
    except ValueError:
        return uri


def connect(uri: str):
    from pymilvus import MilvusClient

    options = {}
    if not re.match(r"^[a-z]+:", uri):
        Path(uri).parent.mkdir(parents=True, exist_ok=True)
        # Milvus Lite serves in this process with gRPC's default ping policy, which answers pymilvus's idle
        # keepalive pings (every 10 s) with GOAWAY "too many pings": in the tests a store idle for ~1 min
        # lost its connection
        options = {"grpc_options": {"grpc.keepalive_time_ms": 2**31 - 1, "grpc.keepalive_permit_without_calls": False}}
        logging.getLogger("milvus_lite").setLevel(logging.CRITICAL)    # its traceback would precede our one line
        # pymilvus asks for AllocTimestamp, which Lite does not implement; the client goes on without it, but
        # the in-process gRPC server logs each refusal with a traceback
        logging.getLogger("grpc._server").setLevel(logging.CRITICAL)
    try:
        return MilvusClient(uri, timeout=10, **options)
    except Exception as e:          # pymilvus raises MilvusException and ConnectionConfigException alike
        raise milvus_error(uri, e, unreachable=True) from None


@contextmanager
def connected(uri: str):
    """A client for one piece of work: a failed call becomes the one-line Milvus error, the client is closed."""
    client = connect(uri)
    try:
        yield client
    except StoreError:
        raise
    except Exception as e:
        raise milvus_error(uri, e) from None
    finally:
        client.close()


def milvus_error(uri: str, e: Exception, unreachable: bool = False) -> MilvusError:
    """The one-line error for a failed Milvus call: unreachable (with what to check) or refused (with why)."""
    why = (getattr(e, "message", None) or str(e)).strip()[:160]
    if unreachable or getattr(e, "code", None) == 2 or any(w in why.lower() for w in ("connect", "unavailable")):
        hint = ("is another process using this Milvus Lite file? Milvus Lite serves one process at a time"
                if uri.endswith(".db") else "check that Milvus runs there and GIJI_MILVUS_URI is right")
        return MilvusUnavailable(f"Milvus at {uri} is unreachable ({why}); {hint}")
    return MilvusError(f"Milvus at {uri} refused the request ({why}); rebuild with: python -m search index")


def alias_for(index_dir: Path) -> str:
    """The alias of an index folder: its name plus a hash of its path (several folders can share one Milvus)."""
    path = str(Path(index_dir).resolve())
    return f"giji_{re.sub(r'[^A-Za-z0-9]', '_', Path(path).name)[:40]}_{hashlib.sha1(path.encode()).hexdigest()[:8]}"


def milvus_target(index_dir: Path, old_manifest: dict | None) -> tuple[str, dict]:
    """Where a build writes: the URI and the manifest's Milvus entry (the alias stays the index folder's own)."""
    before = (old_manifest or {}).get("milvus", {})
    uri = resolve_uri(index_dir, before.get("uri"))
    return uri, {"uri": recorded_uri(uri, index_dir), "alias": before.get("alias") or alias_for(index_dir)}


def collection_name(alias: str, stamp: str) -> str:
    return f"{alias}_{re.sub(r'[^A-Za-z0-9]', '_', stamp)}"


# ---------------------------------------------------------------- BM25 weights
def bm25_weights(corpus_terms: list[list[str]]) -> tuple[dict[str, int], np.ndarray, list[dict[int, float]]]:
    """The vocabulary (term -> id), document frequencies and each passage's BM25 weight per term, as bm25s
    computes them: Lucene idf log(1 + (N - df + 0.5) / (df + 0.5)) times tf / (tf + k1 (1 - b + b dl / avgdl)).
    A passage without terms counts one token, as bm25s indexes it (the build gives it [""])."""
    vocab: dict[str, int] = {}
    counts = []
    for terms in corpus_terms:
        c = Counter(terms)
        for t in c:
            vocab.setdefault(t, len(vocab))
        counts.append(c)
    n = len(corpus_terms)
    df = np.zeros(len(vocab), dtype=np.int64)
    for c in counts:
        for t in c:
            df[vocab[t]] += 1
    idf = np.log(1 + (n - df + 0.5) / (df + 0.5)).astype(np.float32)
    lengths = [max(len(t), 1) for t in corpus_terms]
    avgdl = float(np.mean(lengths)) if lengths else 1.0
    weights = []
    for c, dl in zip(counts, lengths):
        norm = K1 * ((1 - B) + B * dl / avgdl)
        weights.append({vocab[t]: float(idf[vocab[t]] * np.float32(tf / (norm + tf))) for t, tf in c.items()})
    return vocab, df, weights


# ---------------------------------------------------------------- build
def index_type(n_passages: int) -> str:
    """Exact search (FLAT) below FAISS's limit, HNSW (M=32, full-precision vectors: exact scores) from there."""
    return "FLAT" if n_passages < FLAT_LIMIT else "HNSW"


def _schema(client, dim: int):
    from pymilvus import DataType

    s = client.create_schema(auto_id=False, enable_dynamic_field=False)
    s.add_field("row", DataType.INT64, is_primary=True)
    s.add_field("dense", DataType.FLOAT_VECTOR, dim=dim)
    s.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
    s.add_field("doc", DataType.VARCHAR, max_length=1024)
    s.add_field("speaker", DataType.VARCHAR, max_length=1024)
    s.add_field("doc_type", DataType.VARCHAR, max_length=64)
    s.add_field("date", DataType.VARCHAR, max_length=10)   # the meeting's ISO date, else the fiscal year's start
    return s


def write_milvus_version(parsed: list[ParsedDocument], vectors: np.ndarray, corpus_terms: list[list[str]],
                         manifest: dict, uri: str, folder: Path, progress: Progress | None = None) -> dict:
    """Write one index version's collection (complete, loaded, not yet aliased) and its sparse vocabulary
    (the `terms` table of folder/meta.sqlite, written beside the records). Returns the manifest with the
    vector store recorded. `folder` is the version folder being built; `manifest` needs version, model, dim,
    normalizer_version; manifest['milvus']['alias'] names the alias (see alias_for)."""
    passages = [s for p in parsed for s in p.passages]
    if not (len(passages) == len(vectors) == len(corpus_terms)):
        raise StoreError(f"{len(passages)} passages, {len(vectors)} vectors and {len(corpus_terms)} term lists differ")
    vocab, df, weights = bm25_weights(corpus_terms)
    db = sqlite3.connect(Path(folder) / "meta.sqlite")
    db.execute("CREATE TABLE IF NOT EXISTS terms (term TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL)")
    db.executemany("INSERT INTO terms VALUES (?, ?, ?)", [(t, i, int(df[i])) for t, i in vocab.items()])
    db.commit()
    db.close()

    docs = {p.document.doc: p.document for p in parsed}
    alias = manifest["milvus"]["alias"]
    name = collection_name(alias, manifest["version"])
    kind = index_type(len(passages))
    with connected(uri) as client:
        index = client.prepare_index_params()
        index.add_index("dense", index_type=kind, metric_type="IP",
                        params={"M": 32, "efConstruction": 200} if kind == "HNSW" else {})
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="IP")
        for field in ("doc", "speaker"):
            index.add_index(field, index_type="INVERTED")
        if client.has_collection(name):
            client.drop_collection(name)
        client.create_collection(name, schema=_schema(client, vectors.shape[1] if len(vectors) else manifest["dim"]),
                                 index_params=index, properties=_properties(manifest, complete=False))
        for start in range(0, len(passages), INSERT_BATCH):
            if progress:
                progress("milvus", start, len(passages))
            client.insert(name, [_row(i, passages[i], vectors[i], weights[i], docs[passages[i].doc])
                                 for i in range(start, min(start + INSERT_BATCH, len(passages)))])
        client.flush(name)
        client.load_collection(name)
        stored = client.get_collection_stats(name)["row_count"]
        if int(stored) != len(passages):
            raise StoreError(f"Milvus collection {name} at {uri} holds {stored} rows, expected {len(passages)}; "
                             f"rebuild with: python -m search index")
        client.alter_collection_properties(name, properties={"giji.complete": "1"})
    if progress:
        progress("milvus", len(passages), len(passages))
    return {**manifest, "store": "milvus", "index_factory": f"milvus {kind}",
            "milvus": {**manifest["milvus"], "collection": name}}


def _properties(manifest: dict, complete: bool) -> dict:
    return {"giji.version": manifest["version"], "giji.model": manifest["model"], "giji.dim": str(manifest["dim"]),
            "giji.normalizer_version": manifest["normalizer_version"], "giji.complete": "1" if complete else "0"}


def _row(i: int, passage, vector: np.ndarray, weights: dict[int, float], document) -> dict:
    date = document.date or (f"{document.fiscal_year}-04-01" if document.fiscal_year else "")
    return {"row": i, "dense": np.asarray(vector, dtype=np.float32).tolist(), "sparse": weights or {NO_TERMS: 1.0},
            "doc": passage.doc, "speaker": passage.speaker or "", "doc_type": document.doc_type, "date": date}


def switch_alias(manifest: dict, uri: str) -> None:
    """Point the index's alias at the manifest's collection (Milvus switches it atomically), then drop the
    collections two or more builds old and unfinished ones left by a killed build."""
    alias, name = manifest["milvus"]["alias"], manifest["milvus"]["collection"]
    with connected(uri) as client:
        if client.describe_collection(name).get("properties", {}).get("giji.complete") != "1":
            raise StoreError(f"Milvus collection {name} is not complete; it is never made live")
        previous = _alias_target(client, alias)
        if previous is None:
            client.create_alias(name, alias)
        else:
            client.alter_alias(name, alias)
        for other in client.list_collections():
            if other in (name, previous) or not other.startswith(alias + "_"):
                continue
            props = client.describe_collection(other).get("properties", {})
            if props.get("giji.complete") == "1" or _age_s(props.get("giji.version", "")) > MAX_KEEP_UNFINISHED_S:
                client.drop_collection(other)


def _alias_target(client, alias: str) -> str | None:
    if alias not in client.list_aliases().get("aliases", []):
        return None
    return client.describe_alias(alias)["collection_name"]


def _age_s(stamp: str) -> float:
    try:
        return time.time() - time.mktime(time.strptime(stamp[:15], "%Y%m%d-%H%M%S"))
    except ValueError:
        return math.inf


# ---------------------------------------------------------------- reading
class MilvusStore(Store):
    """The live version with its vectors in Milvus; records (passages, remarks, documents) read from its
    meta.sqlite as the FAISS Store reads them. Keyword search is `sparse` (no per-term postings)."""

    @classmethod
    def open(cls, index_dir: Path | str | None = None) -> "MilvusStore":
        index_dir = Path(index_dir or settings.get("index"))
        live = current_version_dir(index_dir)
        if live is None:
            raise StoreError(f"no index in {index_dir}; build it with: python -m search index")
        try:
            recorded = json.loads((live / "manifest.json").read_text(encoding="utf-8"))["milvus"]
        except (OSError, ValueError, KeyError) as e:
            raise StoreError(f"index {live} is corrupt (manifest.json has no Milvus store: {e}); "
                             f"rebuild it with: python -m search index") from None
        uri = resolve_uri(index_dir, recorded.get("uri"))
        client = connect(uri)
        try:
            name = _alias_target(client, recorded["alias"])
            props = client.describe_collection(name).get("properties", {}) if name else {}
        except Exception as e:
            raise milvus_error(uri, e) from None
        if name is None:
            raise StoreError(f"Milvus at {uri} has no live collection for index {index_dir} (alias "
                             f"{recorded['alias']}); rebuild it with: python -m search index")
        root = index_dir / f"v-{props.get('giji.version')}"
        try:
            manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise StoreError(f"Milvus collection {name} has no readable version folder {root} ({e}); "
                             f"rebuild it with: python -m search index") from None
        for key in ("model", "dim", "normalizer_version", "version"):
            if str(manifest.get(key)) != props.get(f"giji.{key}"):
                raise StoreError(f"Milvus collection {name} was built with {key} {props.get(f'giji.{key}')!r} but "
                                 f"index {root} says {manifest.get(key)!r}; rebuild it with: python -m search index")
        store = cls(root, manifest)
        store.uri, store.client, store.collection = uri, client, name
        store._load()
        return store

    has_postings = False             # the keyword side asks keyword() and wording_uses() instead

    def _load(self) -> None:
        try:
            self._load_records()
            self.term_ids = dict(self.db.execute("SELECT term, id FROM terms"))
            self._df = dict(self.db.execute("SELECT term, df FROM terms"))
            stored = int(self._milvus(self.client.get_collection_stats, self.collection)["row_count"])
            self._milvus(self.client.load_collection, self.collection)
            self.sentences = Sentences.load(self.root)     # kept in the version folder, as for FAISS
        except (sqlite3.Error, OSError, ValueError, RuntimeError) as e:
            raise self._corrupt(f"{type(e).__name__}: {str(e)[:120]}") from None
        if stored != self.n_passages:
            raise self._corrupt(f"Milvus collection {self.collection} holds {stored} rows, the records {self.n_passages}")
        self.search_params = {"metric_type": "IP", "params": {"ef": HNSW_EF_SEARCH}}

    def _milvus(self, call: Callable, *args, **kwargs):
        try:
            return call(*args, **kwargs)
        except Exception as e:
            raise milvus_error(self.uri, e) from None

    def close(self) -> None:
        self.client.close()

    # ------------------------------------------------------------ filters
    def expression(self, where: Where | None) -> str:
        """The Milvus filter expression for `where` ('' for none)."""
        if where is None:
            return ""
        parts = [f"{field} in {json.dumps(sorted(values), ensure_ascii=False)}"
                 for field, values in (("doc", where.docs), ("speaker", where.speakers), ("row", where.rows))
                 if values is not None]
        return " and ".join(parts)

    def allowed_rows(self, where: Where) -> np.ndarray:
        """Sorted rows `where` lets through (from the records, which hold the same doc and speaker per row)."""
        mask = np.ones(self.n_passages, dtype=bool)
        if where.docs is not None:
            mask &= np.isin(self.row_doc, [i for i, d in enumerate(self.doc_names) if d in where.docs])
        if where.speakers is not None:
            mask &= np.isin(self.row_speaker, [i for i, s in enumerate(self.speaker_labels)
                                               if (s or "") in where.speakers])
        if where.rows is not None:
            mask &= rows_mask(self.n_passages, where.rows)
        return np.flatnonzero(mask)

    # ------------------------------------------------------------ retrieval
    def _search(self, data: list, field: str, n: int, where: Where | None, output: list[str]) -> list[list[dict]]:
        """One Milvus search for several query vectors (one round trip): the hits of each, best first."""
        lets_none = where is not None and any(v is not None and not v for v in (where.docs, where.speakers, where.rows))
        if not data or lets_none:
            return [[] for _ in data]
        found = self._milvus(self.client.search, self.collection, data=data, anns_field=field, limit=n,
                             filter=self.expression(where), output_fields=output, search_params=self.search_params)
        return [list(hits) for hits in found]

    def _dense_passages(self, q: np.ndarray, n: int, where: Where | None = None) -> list[tuple[int, float]]:
        """The n rows with the highest inner product with q among those `where` lets through, best first
        (Store.dense adds the sentences' evidence)."""
        [hits] = self._search([np.asarray(q, dtype=np.float32).tolist()], "dense", n, where, ["row"])
        return [(int(h["row"]), float(h["distance"])) for h in hits]

    def postings(self, term: str) -> None:
        """Milvus holds no per-term postings: the keyword side uses `keyword` (sparse search)."""
        return None

    def keyword(self, concepts: list[dict[tuple[str, ...], float]], n: int, where: Where | None
                ) -> tuple[list[tuple[int, float]], float]:
        """The keyword side's ranking and confidence on sparse search (milvus_keyword)."""
        return milvus_keyword(self, concepts, n, where)

    def wording_uses(self, wording: tuple[str, ...]) -> int:
        return wording_uses(self, wording)

    def vector_sample(self, n: int) -> np.ndarray:
        """At most n stored vectors spread over the rows (read once from Milvus)."""
        if self._sample is None:
            rows = np.unique(np.linspace(0, self.n_passages - 1, min(n, self.n_passages)).astype(np.int64))
            self._sample = np.concatenate([self.read_vectors(rows[i:i + 1000]) for i in range(0, len(rows), 1000)]
                                          or [np.zeros((0, int(self.manifest["dim"])), dtype=np.float32)])
        return self._sample

    def doc_freq(self, term: str) -> int:
        return self._df.get(term, 0)

    def sparse(self, weights: dict[str, float], n: int, where: Where | None) -> list[tuple[int, float]]:
        """The n rows with the highest dot product of the query's term weights with their BM25 weights."""
        return [(row, score) for row, score, _ in self.sparse_vectors([weights], n, where)[0]]

    def sparse_vectors(self, queries: list[dict[str, float]], n: int, where: Where | None
                       ) -> list[list[tuple[int, float, dict[int, float]]]]:
        """As `sparse` for several queries in one search, with each row's stored BM25 weights (term id -> weight)."""
        data = [{self.term_ids[t]: float(w) for t, w in weights.items() if t in self.term_ids and w}
                for weights in queries]
        asked = [i for i, d in enumerate(data) if d]
        found = self._search([data[i] for i in asked], "sparse", n, where, ["row", "sparse"])
        out: list[list] = [[] for _ in queries]
        for i, hits in zip(asked, found):
            out[i] = [(int(h["row"]), float(h["distance"]), {int(k): float(v) for k, v in h["entity"]["sparse"].items()})
                      for h in hits if h["distance"] > 0]
        return out

    def read_vectors(self, rows: np.ndarray) -> np.ndarray:
        rows = [int(r) for r in rows]
        if not rows:
            return np.zeros((0, int(self.manifest["dim"])), dtype=np.float32)
        found = self._milvus(self.client.query, self.collection, filter=f"row in {rows}",
                             output_fields=["row", "dense"], limit=len(rows))
        by_row = {int(f["row"]): f["dense"] for f in found}
        return np.asarray([by_row[r] for r in rows], dtype=np.float32)


# ---------------------------------------------------------------- keyword side
def milvus_keyword(store: MilvusStore, concepts: list[dict[tuple[str, ...], float]], n: int,
                   where: Where | None) -> tuple[list[tuple[int, float]], float]:
    """The engine's keyword rule (engine._keyword) on Milvus sparse search.

    `concepts` are text.query_concepts(query): per concept its wordings (term tuples) and weights. The rule:
    a passage scores each concept by its best wording (weight x the mean of the wording's terms' BM25), a
    multi-term wording counting only where all its terms occur; concepts add up. That is a max of
    conjunctions, not a dot product, so: a sparse search per wording (query weights 1/len, i.e. the mean; all
    in one Milvus search call) proposes candidates, the n best of each; the candidates' stored BM25 weights
    (returned with them) then score them by the exact rule. Exact for every candidate; what differs from bm25s
    over all postings is only the candidate set: a passage outside every wording's top n (one that would win
    by adding several concepts, or holding every term of a wording yet ranked below passages that hold one
    of them often) is not seen. Returns (ranking, confidence) as engine._keyword does."""
    def held(wording: tuple[str, ...]) -> bool:
        return all(t in store.term_ids for t in wording)

    def relative(concept: dict) -> dict:
        top = max((w for wording, w in concept.items() if held(wording)), default=1.0)
        return {wording: w / top for wording, w in concept.items()}

    concepts = [relative(c) for c in concepts]
    wordings = {w for c in concepts for w in c if held(w)}
    candidates: dict[int, dict[int, float]] = {}
    ordered = sorted(wordings)
    for hits in store.sparse_vectors([{t: 1 / len(w) for t in w} for w in ordered], n, where):
        for row, _, stored in hits:
            candidates[row] = stored

    def wording_score(stored: dict[int, float], wording: tuple[str, ...]) -> float:
        values = [stored.get(store.term_ids[t], 0.0) for t in wording]
        return sum(values) / len(values) if all(values) else 0.0

    scores = {}
    for row, stored in candidates.items():
        scores[row] = float(sum(max((w * wording_score(stored, wording) for wording, w in c.items() if held(wording)),
                                    default=0.0) for c in concepts))
    ranking = sorted(((r, s) for r, s in scores.items() if s > 0), key=lambda rs: (-rs[1], rs[0]))[:n]
    if not ranking:
        return [], 0.0
    best = candidates[ranking[0][0]]

    def idf(term: str) -> float:
        df = store.doc_freq(term)
        return math.log(1 + (store.n_passages - df + 0.5) / (df + 0.5))

    total = covered = 0.0
    for concept in concepts:
        typed = [t for wording, w in concept.items() if w == 1.0 for t in wording]
        if not typed:
            continue
        mass = max(idf(t) for t in typed)
        total += mass
        if any(held(wording) and wording_score(best, wording) > 0 for wording in concept):
            covered += mass
    return ranking, (covered / total if total else 0.0)


def wording_uses(store: MilvusStore, wording: tuple[str, ...]) -> int:
    """In how many passages all terms of a wording occur (engine._uses, for the query's glossary views): the
    rarest term's rows, read with their stored terms, counted where the others occur too (among its first
    MAX_TOPK rows: the count only weighs a concept's wordings against each other)."""
    if not all(t in store.term_ids for t in wording):
        return 0
    rarest = min(wording, key=store.doc_freq)
    if len(set(wording)) == 1:
        return store.doc_freq(rarest)
    ids = [store.term_ids[t] for t in wording]
    [rows] = store.sparse_vectors([{rarest: 1.0}], min(store.doc_freq(rarest), MAX_TOPK), None)
    return sum(all(i in stored for i in ids) for _, _, stored in rows)

