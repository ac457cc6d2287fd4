"""Hybrid retrieval: filter, retrieve (FAISS + BM25), fuse, group by remark, highlight."""
from __future__ import annotations

import difflib
import functools
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np

from search import settings
from search.records import Document, Hit, Passage, Remark
from search.store import Store, StoreError, search_vectors

MODES = ("hybrid", "semantic", "keyword")
MAX_QUERY_CHARS = 2000
CANDIDATES = 200             # how deep each side looks before fusion
EXACT_SUBSET_LIMIT = 50_000  # filtered semantic search scans the allowed rows exactly below this
MAX_VIEWS = 8                # glossary rewordings embedded for a query (8 cost ~60 ms on 2 CPU cores)
KEYWORD_CONFIDENCE_POWER = 1  # keyword weight x confidence (z-score fusion, dev nDCG@10: .650 x1, .656 ^1, .642 ^2)
PER_REMARK = 2               # at most this many passages of one remark in a result list
FEEDBACK = 0.2               # hybrid: the keyword side's best passage x its confidence, added to the query vector
                             # (dev nDCG@10 .704 -> .724; .718-.724 from 0.15 to 0.3)


class SearchError(Exception):
    """A problem with the query, the filters or the index; the message says what to do."""


def _index_errors(method: Callable) -> Callable:
    """A read of the index that fails after it was opened (a file damaged or removed under a running
    app) surfaces as a SearchError, which the CLI and the app show as one line."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except StoreError as e:
            raise SearchError(str(e)) from None
    return wrapper


def speaker_key(label: str | None) -> str:
    """Compare speaker labels regardless of width, brackets and spaces: （冨山 委員） == 冨山委員."""
    s = unicodedata.normalize("NFKC", label or "")
    return "".join(c for c in s if not c.isspace() and c not in "()（）【】〔〕[]○")


# ---------------------------------------------------------------- fusion
# A side to fuse: (ranking, weight) or (ranking, weight, floor). A ranking is [(row, score)], best first;
# floor is the score of a row the ranking leaves out when the side knows it (BM25 gives 0 to a passage
# with none of the query's terms), None or absent when the ranking is cut off above rows it did score.
Side = tuple


def fuse_rrf(rankings: list[Side], k: int = 60) -> dict[int, float]:
    """Reciprocal-rank fusion: sum of weight / (k + rank) over the rankings a row appears in."""
    fused: dict[int, float] = {}
    for ranking, weight, *_ in rankings:
        for rank, (row, _) in enumerate(ranking, start=1):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank)
    return fused


def fuse_scores(rankings: list[Side]) -> dict[int, float]:
    """Normalised-score fusion: each side's scores scaled to [0, 1] by its best, weighted and summed."""
    fused: dict[int, float] = {}
    for ranking, weight, *_ in rankings:
        if not ranking:
            continue
        top = max(s for _, s in ranking)
        low = min(s for _, s in ranking)
        span = (top - low) or 1.0
        for row, s in ranking:
            fused[row] = fused.get(row, 0.0) + weight * (s - low) / span
    return fused


def fuse_zscore(rankings: list[Side]) -> dict[int, float]:
    """Z-score fusion: each side's scores standardised over its candidates, weighted and summed.

    A row missing from one side counts as that side's floor when the side knows it (0 for a passage
    the keyword side did not find: its BM25 really is 0), else as the side's lowest candidate (below
    the dense side's 200, scores are unknown but no higher). Unlike rank fusion, a side whose scores
    are flat (dense similarity on an acronym query) moves the order little, and one passage far above
    the rest of its side (an exact keyword match) keeps its lead."""
    rows = {row for ranking, *_ in rankings for row, _ in ranking}
    fused = dict.fromkeys(rows, 0.0)
    for ranking, weight, *floor in rankings:
        if not ranking or not weight:
            continue
        scores = np.array([s for _, s in ranking], dtype=np.float64)
        mean, std = scores.mean(), scores.std() or 1.0
        own = dict(ranking)
        floor = floor[0] if floor and floor[0] is not None else scores.min()
        for row in rows:
            fused[row] += weight * (own.get(row, floor) - mean) / std
    return fused


FUSIONS: dict[str, Callable] = {"zscore": fuse_zscore, "rrf": fuse_rrf, "score": fuse_scores}


def get_fusion(name: str) -> Callable:
    try:
        return FUSIONS[name]
    except KeyError:
        raise SearchError(f"unknown fusion {name!r}; choose one of: {', '.join(FUSIONS)}") from None


@dataclass
class Filters:
    speakers: list[str] | None = None
    docs: list[str] | None = None
    doc_types: list[str] | None = None
    date_from: str | None = None
    date_to: str | None = None

    def active(self) -> bool:
        return any([self.speakers, self.docs, self.doc_types, self.date_from, self.date_to])


class Engine:
    """Search over one index folder. Open once; the model loads on the first semantic query."""

    def __init__(self, store: Store, encoder=None):
        self.store = store
        self._encoder = encoder
        self.fusion_name = settings.get("fusion")
        self.fuse = get_fusion(self.fusion_name)
        self.weights = {"semantic": float(settings.get("semantic_weight")),
                        "keyword": float(settings.get("keyword_weight"))}
        from search import text
        self.glossary = text.Glossary.load()
        self._speaker_codes: dict[str, list[int]] | None = None
        self._thread = threading.local()           # one engine serves every session of the app, each in a thread

    @property
    def last_timings(self) -> dict[str, float]:
        """Seconds per stage of this thread's last search, for benchmarks."""
        if not hasattr(self._thread, "timings"):
            self._thread.timings = {}
        return self._thread.timings

    @last_timings.setter
    def last_timings(self, timings: dict[str, float]) -> None:
        self._thread.timings = timings

    @classmethod
    def open(cls, index_dir: Path | str | None = None, encoder=None) -> "Engine":
        from search import text

        try:
            store = Store.open(index_dir)
        except StoreError as e:
            raise SearchError(str(e)) from None
        m = store.manifest
        if m.get("normalizer_version") != text.NORMALIZER_VERSION:
            raise SearchError(f"index was built with text normalizer {m.get('normalizer_version')}, this program "
                              f"uses {text.NORMALIZER_VERSION}; rebuild it with: python -m search index")
        if m.get("store") == "milvus":        # until the engine talks to the store seam
            from search.milvus_engine import MilvusEngine
            cls = MilvusEngine
        engine = cls(store, encoder)
        if encoder is not None and encoder.name != m["model"]:
            raise SearchError(f"index was built with model {m['model']!r} but the model in use is {encoder.name!r}; "
                              f"rebuild with: python -m search index (or select the index's model and backend)")
        return engine

    # ------------------------------------------------------------ model
    @property
    def encoder(self):
        if self._encoder is None:
            from search.embed import Encoder, ModelError

            try:
                enc = Encoder.open()
            except ModelError as e:
                raise SearchError(str(e)) from None
            if enc.name != self.store.manifest["model"]:
                raise SearchError(
                    f"index was built with model {self.store.manifest['model']!r} but the model setting selects "
                    f"{enc.name!r}; rebuild with: python -m search index (or set GIJI_MODEL / GIJI_BACKEND back)")
            self._encoder = enc
        return self._encoder

    # ------------------------------------------------------------ lookups
    @property
    def version(self) -> str:
        return self.store.version

    def documents(self) -> list[Document]:
        return list(self.store.documents.values())

    def document(self, doc: str) -> Document:
        try:
            return self.store.documents[doc]
        except KeyError:
            raise SearchError(f"no document {doc!r} in the index") from None

    @_index_errors
    def remarks_of(self, doc: str) -> list[Remark]:
        return self.store.remarks_of(doc)

    @_index_errors
    def remark(self, remark_id: str) -> Remark:
        r = self.store.remark(remark_id)
        if r is None:
            raise SearchError(f"no remark {remark_id!r} in the index")
        return r

    @_index_errors
    def context(self, remark_id: str, before: int = 1, after: int = 1) -> list[Remark]:
        r = self.remark(remark_id)
        prev, nxt = self.store.remarks_around(r, before, after)
        return [*prev, r, *nxt]

    @_index_errors
    def neighbours(self, remark_id: str) -> tuple[str | None, str | None]:
        prev, nxt = self.store.remarks_around(self.remark(remark_id), 1, 1)
        return (prev[0].remark_id if prev else None), (nxt[0].remark_id if nxt else None)

    @_index_errors
    def passages(self) -> list[Passage]:
        """Every passage in index row order (reads them all from the index)."""
        return list(self.store.iter_passages())

    @_index_errors
    def passage(self, passage_id: str) -> Passage | None:
        row = self.store.passage_row(passage_id)
        return None if row is None else self.store.passage(row)

    def passage_vectors(self) -> np.ndarray:
        return np.asarray(self.store.vectors)

    @_index_errors
    def speakers(self) -> list[tuple[str, int]]:
        return sorted(self.store.speaker_counts().items(), key=lambda kv: (-kv[1], kv[0]))

    def info(self) -> dict:
        m = self.store.manifest
        return {
            "index": str(self.store.root),
            "version": m["version"],
            "built_at": m.get("built_at"),
            "model": m["model"],
            "dim": m["dim"],
            "index_factory": m["index_factory"],
            "normalizer_version": m["normalizer_version"],
            "documents": len(self.store.documents),
            "remarks": self.store.n_remarks,
            "passages": self.store.n_passages,
            "speakers": self.speakers(),
            "doc_types": sorted({d.doc_type for d in self.store.documents.values()}),
            "fusion": self.fusion_name,
            "errors": m.get("errors", []),
        }

    # ------------------------------------------------------------ filters
    def _rows_for_speakers(self, wanted: list[str]) -> np.ndarray:
        if self._speaker_codes is None:
            codes: dict[str, list[int]] = {}
            for code, label in enumerate(self.store.speaker_labels):
                codes.setdefault(speaker_key(label), []).append(code)
            self._speaker_codes = codes
        out = []
        for name in wanted:
            key = speaker_key(name)
            if key not in self._speaker_codes or not key:
                known = [s for s, _ in self.speakers()]
                close = difflib.get_close_matches(name, known, n=3, cutoff=0.3)
                hint = f"; did you mean {', '.join(close)}?" if close else f"; known speakers: {', '.join(known[:10])}"
                raise SearchError(f"unknown speaker {name!r}{hint}")
            out += self._speaker_codes[key]
        return np.flatnonzero(np.isin(self.store.row_speaker, out))

    def _rows_of_docs(self, docs: set[str]) -> np.ndarray:
        codes = [i for i, d in enumerate(self.store.doc_names) if d in docs]
        return np.isin(self.store.row_doc, codes)

    def allowed_rows(self, f: Filters) -> np.ndarray | None:
        """Row numbers of the passages the filters let through, or None when nothing is filtered."""
        if not f.active():
            return None
        mask = np.ones(self.store.n_passages, dtype=bool)
        if f.speakers:
            sel = np.zeros_like(mask)
            sel[self._rows_for_speakers(f.speakers)] = True
            mask &= sel
        if f.docs:
            unknown = [d for d in f.docs if d not in self.store.documents]
            if unknown:
                raise SearchError(f"unknown document {unknown[0]!r}; see the documents with: python -m search info")
            mask &= self._rows_of_docs(set(f.docs))
        if f.doc_types:
            mask &= self._rows_of_docs({d.doc for d in self.store.documents.values() if d.doc_type in set(f.doc_types)})
        if f.date_from or f.date_to:
            lo, hi = f.date_from or "0000-00-00", f.date_to or "9999-99-99"
            for bound in (f.date_from, f.date_to):
                if bound and not _is_iso_date(bound):
                    raise SearchError(f"date {bound!r} is not YYYY-MM-DD (e.g. 2020-05-12)")
            mask &= self._rows_of_docs({d.doc for d in self.store.documents.values() if _doc_in_range(d, lo, hi)})
        return np.flatnonzero(mask)

    # ------------------------------------------------------------ retrieval
    def query_vector(self, query: str) -> np.ndarray:
        """The query's unit vector for the semantic side. When the query names a glossary concept in
        a wording the corpus never uses (「運用保守」, "infrastructure" over Japanese minutes), the
        query is searched as it reads in the corpus's wordings instead: the weighted mean of its
        rewordings' embeddings (text.query_views, embedded in one batch), the wording the corpus uses
        most weighing most. The model alone does not know that 運用保守 is what the minutes call O&M,
        and a word the corpus never uses only adds noise to the vector."""
        from search import text

        views = text.query_views(query, self.glossary, self._uses, limit=MAX_VIEWS)
        if not views:
            return self.encoder.encode_queries([query])[0].astype(np.float32)
        vectors = self.encoder.encode_queries([v for v, _ in views]).astype(np.float32)
        q = np.asarray([w for _, w in views], dtype=np.float32) @ vectors
        return q / (np.linalg.norm(q) or 1.0)

    def _semantic(self, query: str, allowed: np.ndarray | None, n: int,
                  toward: tuple[int, float] | None = None) -> list[tuple[int, float]]:
        """The n passages nearest the query's vector. toward = (row, weight) moves that vector toward a
        passage first: relevance feedback from the keyword side's best match (see search)."""
        import faiss

        t0 = time.perf_counter()
        q = self.query_vector(query)
        self.last_timings["query_embedding"] = time.perf_counter() - t0
        if toward is not None:
            row, weight = toward
            q = q + weight * self.store.read_vectors(np.array([row]))[0]
            q = (q / np.linalg.norm(q)).astype(np.float32)
        params = None
        if allowed is not None:
            if len(allowed) == 0:
                return []
            if len(allowed) <= EXACT_SUBSET_LIMIT:
                scores = np.asarray(self.store.vectors[allowed]) @ q
                top = _top_k(scores, n)
                return [(int(allowed[i]), float(scores[i])) for i in top]
            mask = np.zeros(self.store.n_passages, dtype=bool)
            mask[allowed] = True
            bits = np.packbits(mask, bitorder="little")   # kept alive while FAISS reads it
            # a bitmap answers "is this row allowed" in O(1): 7x faster than IDSelectorBatch's hash set
            # for a speaker filter at 1M passages (docs/performance.md)
            params = faiss.SearchParameters(sel=faiss.IDSelectorBitmap(len(mask), faiss.swig_ptr(bits)))
        ids, scores = search_vectors(self.store.faiss, self.store.read_vectors, q, n, params)
        return [(int(i), float(s)) for i, s in zip(ids, scores)]

    def _postings(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """The rows that contain a term and their BM25 scores for it (a column of bm25s' score matrix)."""
        m = self.store.bm25.scores
        tid = self.store.bm25.vocab_dict[term]
        start, end = int(m["indptr"][tid]), int(m["indptr"][tid + 1])
        return np.asarray(m["indices"][start:end]), np.asarray(m["data"][start:end])

    def _wording(self, wording: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray] | None:
        """The rows that hold every term of a wording, scored by the mean of its terms' BM25 scores
        (so a three-word wording weighs like one word); None when a term is not in the index."""
        if any(t not in self.store.bm25.vocab_dict for t in wording):
            return None
        columns = sorted((self._postings(t) for t in wording), key=lambda c: len(c[0]))
        rows, values = columns[0]                        # the rarest term's rows, kept where the others are
        for more, extra in columns[1:]:
            if 4 * len(rows) < len(more):                # few rows: binary search (a CSC column is sorted)
                at = np.minimum(np.searchsorted(more, rows), len(more) - 1)
                held = more[at] == rows
                rows, values = rows[held], values[held] + extra[at[held]]
            else:                                        # both common: one scatter, one gather (4x faster)
                dense = np.zeros(self.store.n_passages, dtype=np.float32)
                dense[more] = extra                      # BM25 scores of a term that occurs are > 0
                found = dense[rows]
                held = found > 0
                rows, values = rows[held], values[held] + found[held]
        return rows, values / len(wording)

    def _uses(self, variant: str) -> int:
        """In how many passages the index holds a glossary wording (all of its terms), 0 for none."""
        from search import text

        held = self._wording(text.wording_terms(variant))
        return 0 if held is None else len(held[0])

    def _keyword(self, query: str, allowed: np.ndarray | None, n: int) -> tuple[list[tuple[int, float]], float]:
        """BM25 over the query's concepts: a typed term, or a glossary line with all its wordings.

        A passage scores each concept once, by its best wording. Glossary wordings count less than
        the words typed, but a concept's weights are relative to the best wording the index holds:
        when the typed wording occurs nowhere (「運用保守」, or "infrastructure" over Japanese text),
        the corpus's own wording of the concept counts in full. Also returns the keyword side's
        confidence: the share of the query's concept IDF mass that its best passage covers. A query
        whose words are absent or scattered (a paraphrase, an English query over Japanese text) gets
        a low value, an exact keyword query 1. Works on the terms' postings, so the cost follows how
        many passages hold the terms."""
        from search import text

        n_docs = self.store.n_passages
        concepts = text.query_concepts(query, self.glossary)
        held = {w: self._wording(w) for c in concepts for w in c}       # a wording can be on two lines

        def relative(concept: dict) -> dict:
            top = max((weight for w, weight in concept.items() if held[w] is not None), default=1.0)
            return {w: weight / top for w, weight in concept.items()}

        concepts = [relative(c) for c in concepts]
        found = [{w: (held[w], weight) for w, weight in c.items() if held[w] is not None} for c in concepts]
        scores = np.zeros(n_docs, dtype=np.float32)
        for concept in found:
            if len(concept) == 1:
                [((rows, values), w)] = concept.values()
                scores[rows] += w * values
            elif concept:
                best = np.zeros(n_docs, dtype=np.float32)
                for (rows, values), w in concept.values():
                    best[rows] = np.maximum(best[rows], w * values)
                scores += best
        if allowed is not None:
            masked = np.zeros_like(scores)
            masked[allowed] = scores[allowed]
            scores = masked
        top = _top_k(scores, n)
        ranking = [(int(i), float(scores[i])) for i in top if scores[i] > 0]
        if not ranking:
            return [], 0.0
        best_row = ranking[0][0]

        indptr, vocab = self.store.bm25.scores["indptr"], self.store.bm25.vocab_dict

        def idf(term: str) -> float:               # document frequency from the column bounds, no postings read
            tid = vocab.get(term)
            df = 0 if tid is None else int(indptr[tid + 1]) - int(indptr[tid])
            return float(np.log(1 + (n_docs - df + 0.5) / (df + 0.5)))

        total = covered = 0.0
        for concept, present in zip(concepts, found):
            typed = [t for w, weight in concept.items() if weight == 1.0 for t in w]
            if not typed:
                continue
            mass = max(idf(t) for t in typed)
            total += mass
            if any(np.any(rows == best_row) for (rows, _), _ in present.values()):
                covered += mass
        return ranking, (covered / total if total else 0.0)

    @_index_errors
    def search(self, query: str, mode: str = "hybrid", speakers: list[str] | None = None,
               docs: list[str] | None = None, doc_types: list[str] | None = None,
               date_from: str | None = None, date_to: str | None = None, k: int = 10) -> list[Hit]:
        query = (query or "").strip()
        if not query:
            raise SearchError("empty query: type a few words (Japanese or English) to search for")
        if len(query) > MAX_QUERY_CHARS:
            raise SearchError(f"query is {len(query):,} characters; shorten it to at most {MAX_QUERY_CHARS:,}")
        if mode not in MODES:
            raise SearchError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
        if k < 1:
            raise SearchError("k must be at least 1")
        timings = self.last_timings = {}
        clock = time.perf_counter()

        def lap(name: str) -> None:
            nonlocal clock
            now = time.perf_counter()
            timings[name] = timings.get(name, 0.0) + now - clock
            clock = now

        allowed = self.allowed_rows(Filters(speakers, docs, doc_types, date_from, date_to))
        lap("filters")
        n = max(CANDIDATES, 5 * k)
        sides: dict[str, list[tuple[int, float]]] = {}
        if mode in ("hybrid", "keyword"):
            sides["keyword"], confidence = self._keyword(query, allowed, n)
            lap("keyword_search")
        if mode in ("hybrid", "semantic"):
            # Hybrid relevance feedback: the passage that best holds the query's own words, weighted by
            # how much of the query it covers, pulls the query vector toward it. The dense side then
            # favours passages that read like the exact match (「DX and O&M」: the bullet naming both,
            # not a DX-only one the model ranks first). A query whose words are scattered over passages
            # (a paraphrase) moves little, and one whose words occur nowhere (English over Japanese
            # text) is embedded as typed.
            toward = None
            if mode == "hybrid" and confidence > 0:       # a confidence above 0 has a best passage
                toward = (sides["keyword"][0][0], FEEDBACK * confidence)
            sides["semantic"] = self._semantic(query, allowed, n, toward)
            timings["vector_search"] = time.perf_counter() - clock - timings["query_embedding"]
            clock = time.perf_counter()
        if mode == "hybrid":
            every = len(sides["keyword"]) < n            # it holds every passage with a query term: the rest score 0
            fused = self.fuse([(sides["semantic"], self.weights["semantic"]),
                               (sides["keyword"], self.weights["keyword"] * confidence ** KEYWORD_CONFIDENCE_POWER,
                                0.0 if every else None)])
        else:
            fused = dict(sides[mode])
        ranked = sorted(fused.items(), key=lambda kv: -kv[1])
        lap("fusion")
        parts = {name: dict(r) for name, r in sides.items()}
        hits = self._hits(query, ranked, parts, k)
        lap("metadata")
        return hits

    def _hits(self, query: str, ranked: list[tuple[int, float]], parts: dict[str, dict[int, float]],
              k: int) -> list[Hit]:
        hits: list[Hit] = []
        per_remark: dict[str, int] = {}
        deferred: list[tuple[int, float]] = []
        for row, score in ranked:
            p = self.store.passage(row)
            if per_remark.get(p.remark_id, 0) >= PER_REMARK:
                deferred.append((row, score))
                continue
            per_remark[p.remark_id] = per_remark.get(p.remark_id, 0) + 1
            hits.append(self._hit(query, row, score, parts))
            if len(hits) == k:
                return hits
        for row, score in deferred[:k - len(hits)]:
            hits.append(self._hit(query, row, score, parts))
        return hits

    def _hit(self, query: str, row: int, score: float, parts: dict[str, dict[int, float]]) -> Hit:
        from search import text

        p = self.store.passage(row)
        prev_id, next_id = self.neighbours(p.remark_id)
        scores = {name: part[row] for name, part in parts.items() if row in part}
        scores["fused"] = score
        return Hit(passage=p, remark=self.remark(p.remark_id), document=self.store.documents[p.doc],
                   score=float(score), scores=scores,
                   matched_terms=text.matched_terms(p.text, query, self.glossary) if query else [],
                   prev_remark_id=prev_id, next_remark_id=next_id)

    @_index_errors
    def similar(self, remark_id: str, k: int = 5) -> list[Hit]:
        """Remarks like the given one: the mean of its passage vectors, searched, itself left out."""
        r = self.remark(remark_id)
        rows = self.store.rows_of_remark(remark_id)
        if not rows:
            return []
        q = self.store.read_vectors(rows).mean(axis=0)
        q = (q / (np.linalg.norm(q) or 1.0)).astype(np.float32)
        ids, scores = search_vectors(self.store.faiss, self.store.read_vectors, q, CANDIDATES)
        ranked, seen = [], {r.remark_id}
        for i, s in zip(ids, scores):
            rid = self.store.passage(i).remark_id
            if rid in seen:
                continue
            seen.add(rid)
            ranked.append((int(i), float(s)))
            if len(ranked) == k:
                break
        return [self._hit("", row, s, {"semantic": {row: s}}) for row, s in ranked[:k]]


def _top_k(scores: np.ndarray, n: int) -> np.ndarray:
    """Indices of the n highest scores, best first, without sorting the whole array."""
    if n >= len(scores):
        return np.argsort(-scores)
    part = np.argpartition(-scores, n)[:n]
    return part[np.argsort(-scores[part])]


def _is_iso_date(s: str) -> bool:
    import datetime as dt

    try:
        dt.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def _doc_in_range(d: Document, lo: str, hi: str) -> bool:
    """A meeting by its date; an evaluation sheet by its fiscal year (April to March)."""
    if d.date:
        return lo <= d.date <= hi
    if d.fiscal_year:
        start, end = f"{d.fiscal_year}-04-01", f"{d.fiscal_year + 1}-03-31"
        return start <= hi and end >= lo
    return False
