"""The Engine: open an index, search it (plan → keyword and semantic sides → fusion → hits), look records up.

The retrieval itself lives in search/retrieval/ (plan, keyword, semantic, fusion, filters) and reads the
index only through the store seam (search/retrieval/seam.py). An Engine holds no per-search state, so one
Engine serves many threads (the app shares one between its sessions)."""
from __future__ import annotations

import functools
import threading
import time
from pathlib import Path
from typing import Callable

import numpy as np

from search import confidence
from search.dictionary import DictionaryError, EnglishDictionary
from search.glossary import Glossary, GlossaryError, wording_terms
from search.ingest.loaders import INVISIBLE
from search.ingest.roles import office_of
from search.records import Document, Hit, Passage, Remark, same_words
from search.retrieval import keyword, operators, semantic
from search.retrieval.filters import FilterError, Filters, resolve, speaker_key
from search.retrieval.fusion import fuse_zscore, get_fusion
from search.retrieval.params import RetrievalParams
from search.retrieval.plan import QueryPlan
from search.retrieval.seam import Where
from search.store import Store, StoreError, check_not_empty

MODES = ("hybrid", "semantic", "keyword")
MAX_QUERY_CHARS = 2000


class SearchError(Exception):
    """A problem with the query, the filters or the index; the message says what to do."""


class Results(list):
    """The hits of one search, best first, with the seconds each stage took (for benchmarks) and the
    weak-match verdict (search.confidence: is anything a good match?)."""

    def __init__(self, hits: list[Hit], timings: dict[str, float], verdict: confidence.Verdict,
                 unmatched: tuple[str, ...] = (), translated: tuple[tuple[str, tuple[str, ...]], ...] = ()):
        super().__init__(hits)
        self.timings = timings
        self.verdict = verdict
        self.unmatched = unmatched     # quoted phrases no passage holds: searched as plain words instead
        self.translated = translated   # English wordings looked up in the dictionary, the headwords the index holds


def _index_errors(method: Callable) -> Callable:
    """A read of the index that fails after it was opened (a file damaged or removed under a running
    app) surfaces as a SearchError, which the CLI and the app show as one line."""
    @functools.wraps(method)
    def wrapper(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except StoreError as e:
            raise SearchError(str(e)) from None
        except (FilterError, DictionaryError) as e:
            raise SearchError(str(e)) from None
    return wrapper


def _distinct(wordings) -> tuple[str, ...]:
    """Wordings as a planner reads them: one of those with the same terms (クオリティーオブライフ, クォリティー・オブ・ライフ)."""
    seen: dict[tuple[str, ...], str] = {}
    for w in wordings:
        seen.setdefault(wording_terms(w), w)
    return tuple(seen.values())


class _Stopwatch:
    """Seconds per named stage of one search."""

    def __init__(self):
        self.laps: dict[str, float] = {}
        self._clock = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.laps[name] = self.laps.get(name, 0.0) + now - self._clock
        self._clock = now


class Engine:
    """Search over one index folder. Open once; the model loads on the first semantic query."""

    def __init__(self, store: Store, encoder=None, params: RetrievalParams | None = None):
        self.store = store
        self._encoder = encoder
        self._encoder_lock = threading.Lock()
        try:
            self.params = params or RetrievalParams.from_settings()
            self.fuse = get_fusion(self.params.fusion)
            self.glossary = Glossary.load()
            self.glossary.dictionary = EnglishDictionary.shared   # read on the first English query
        except (ValueError, GlossaryError) as e:
            raise SearchError(str(e)) from None
        self._speakers_by_key: dict[str, list[str]] = {}
        for label in store.speaker_labels:
            self._speakers_by_key.setdefault(speaker_key(label), []).append(label)

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
        engine = cls(store, encoder)
        if encoder is not None and encoder.name != m["model"]:
            raise SearchError(f"index was built with model {m['model']!r} but the model in use is {encoder.name!r}; "
                              f"rebuild with: python -m search index (or select the index's model and backend)")
        return engine

    # ------------------------------------------------------------ search
    @_index_errors
    def search(self, query: str, mode: str = "hybrid", speakers: list[str] | None = None,
               docs: list[str] | None = None, doc_types: list[str] | None = None,
               date_from: str | None = None, date_to: str | None = None, k: int = 10,
               persons: list[str] | None = None) -> Results:
        ops = operators.parse(_checked(query, mode, k))
        if not ops.text:
            raise SearchError(f"only excluded words in {query.strip()!r}: type what to search for as well, "
                              f"e.g. 子育て -選挙")
        query = ops.text
        check_not_empty(self.store.n_passages)
        clock = _Stopwatch()
        where = self.where(speakers, docs, doc_types, date_from, date_to, persons)
        unmatched = tuple(p for p in ops.phrases if not len(self._haystack.rows_with(p)))
        if ops.excluded or len(unmatched) < len(ops.phrases):
            where = _and_rows(where, self._haystack.rows(ops, tuple(p for p in ops.phrases if p not in unmatched)))
        allowed = None if where is None else self.store.allowed_rows(where)
        clock.lap("filters")
        plan = QueryPlan(query, self.glossary, self.store, self.params)
        n = max(self.params.candidates, 5 * k)
        sides: dict[str, tuple] = {}                         # name -> (ranking, weight, floor) for the fusion
        found = keyword.search(plan, allowed, n, where)      # in semantic mode only for the verdict
        if mode != "semantic":
            every = len(found.ranking) < n                  # it holds every passage with a query term: the rest score 0
            sides["keyword"] = (found.ranking, self.params.keyword_weight * found.confidence, 0.0 if every else None)
        clock.lap("keyword_search")
        q = None
        if mode != "keyword":
            q = semantic.query_vector(plan, self.encoder)
            clock.lap("query_embedding")
            searched = semantic.with_feedback(q, plan, found) if mode == "hybrid" else q
            own = self.store.dense(searched, n, where, sentences=False)
            sides["semantic"] = (self.store.with_sentences(searched, n, where, own), self.params.semantic_weight, None)
            clock.lap("vector_search")
        else:
            own = []
        # the verdict reads the passages' own ranking, as its thresholds were measured (docs/quality.md)
        verdict = confidence.assess(confidence.evidence(self.store.vector_sample(confidence.SAMPLE),
                                                        self.store.n_passages, q, own, found))
        _check_scores(sides, plan, self.store)
        fused = self.fuse([sides["semantic"], sides["keyword"]]) if mode == "hybrid" else dict(sides[mode][0])
        ranked = sorted(demote_procedural(fused, self.store, self.params.procedural_penalty).items(), key=lambda kv: -kv[1])
        clock.lap("fusion")
        parts = {name: dict(side[0]) for name, side in sides.items()}
        hits = self._hits(plan.highlight, ranked, parts, k, query)
        clock.lap("metadata")
        translated = tuple((line.entry.variants[0], used) for line in plan.lines if line.entry.line == 0
                           if (used := _distinct(v for v in line.entry.variants[1:] if plan.uses(v))))
        return Results(hits, clock.laps, verdict, unmatched, translated)

    def where(self, speakers=None, docs=None, doc_types=None, date_from=None, date_to=None, persons=None):
        """The filters resolved against this index (None: nothing filtered). A person may be given by a full name
        that several bodies' records print (石破茂): every person of that name."""
        if persons:
            persons = [person for value in persons for person in self._person_ids(value)]
        f = Filters(*(tuple(v) if isinstance(v, list) else v for v in (speakers, docs, doc_types)), date_from, date_to,
                    tuple(persons) if persons else None)
        by_key = self._speakers_by_key
        if speakers and any(speaker_key(s) not in by_key for s in speakers):
            by_key = self._speakers_or_posts                     # 交通政策課長 for 交通政策課長（高橋誠君）
        return resolve(f, self.store, by_key, self._persons if persons else None)

    def _person_ids(self, value: str) -> list[str]:
        """A person id as it is; a full name as every person who carries it; anything else as it is (an unknown
        person, which the filters refuse)."""
        if value in self._persons:
            return [value]
        return [p for p, person in self._persons.items() if person.name == value] or [value]

    @functools.cached_property
    def _speakers_or_posts(self) -> dict[str, list[str]]:
        """The speakers by their own keys, and also by the post their labels print before the name
        (交通政策課長（高橋誠君） -> 高橋誠): a planner filters by the post the minutes give. Built on first need."""
        posts: dict[str, set[str]] = {}
        for doc in self.store.documents:
            for r in self.store.remarks_of(doc):
                office = office_of(r.label) if r.label and r.speaker else None
                if office:
                    posts.setdefault(speaker_key(office), set()).add(r.speaker)
        return {**{k: sorted(v) for k, v in posts.items()}, **self._speakers_by_key}

    @functools.cached_property
    def _haystack(self) -> operators.Haystack:
        """The library's passages as quoted phrases and excluded words are matched (built on first need)."""
        return operators.Haystack(p.text for p in self.store.iter_passages())

    @functools.cached_property
    def _persons(self) -> dict:
        return {p.person_id: p for p in self.store.persons()}

    @_index_errors
    def persons(self) -> list:
        """Every person of the index (search.persons.Person): one speaker of one body across its meetings,
        with the full name where a record prints it; by body, most remarks first."""
        return sorted(self._persons.values(), key=lambda p: (p.body, -p.remarks, p.person_id))

    def _hits(self, wordings, ranked: list[tuple[int, float]], parts: dict[str, dict[int, float]],
              k: int, typed: str = "") -> list[Hit]:
        """The first k remarks, one hit each: its best passage, with the remark's other passages that rank above
        every remark not shown (at most params.per_remark in all), so one remark is never two cards. A remark
        whose best passage is the same words by the same speaker as a hit's in another document
        (records.same_words) is that hit's copy, not a card of its own. Where fewer than k remarks match (a filter
        to one speaker), fewer than k hits come back and their cards hold more of their passages: further ones
        in rank order, as many as the missing cards, so a remark is still one card."""
        chosen: dict[str, list[tuple[int, float]]] = {}
        further: list[tuple[str, tuple[int, float]]] = []    # a chosen remark's passages beyond params.per_remark
        firsts: dict[tuple, tuple[str, str]] = {}           # same_words key -> the chosen remark (id, doc) it copies
        copies: dict[str, list[Passage]] = {}               # chosen remark -> best passages of its copies
        folded: set[str] = set()
        closed = None                                       # where the first remark not shown was passed
        for i, (row, score) in enumerate(ranked):
            if closed is not None and i > closed + COPY_WINDOW:
                break
            p = self.store.passage(row)
            rows = chosen.get(p.remark_id)
            if rows is None:
                if p.remark_id in folded:
                    continue
                key = same_words(p)
                if key in firsts and firsts[key][1] != p.doc:   # in one meeting, a formula said twice is twice
                    copies[firsts[key][0]].append(p)
                    folded.add(p.remark_id)
                    continue
                if len(chosen) == k:
                    closed = i if closed is None else closed    # from here only copies of what is shown count
                    continue
                chosen[p.remark_id] = [(row, score)]
                copies[p.remark_id] = []
                if key is not None:
                    firsts.setdefault(key, (p.remark_id, p.doc))
            elif closed is None:
                if len(rows) < self.params.per_remark:
                    rows.append((row, score))
                else:
                    further.append((p.remark_id, (row, score)))
        for rid, row in further[:k - len(chosen)]:
            chosen[rid].append(row)
        return [self._hit(wordings, rows, parts, typed, copies[rid]) for rid, rows in chosen.items()]

    def _hit(self, wordings, rows: list[tuple[int, float]], parts: dict[str, dict[int, float]],
             typed: str = "", copies: list[Passage] = ()) -> Hit:
        from search.highlight import marked_terms

        row, score = rows[0]
        p = self.store.passage(row)
        more = tuple(self.store.passage(r) for r, _ in rows[1:])
        prev_id, next_id = self.neighbours(p.remark_id)
        scores = {name: part[row] for name, part in parts.items() if row in part}
        scores["fused"] = score
        hit = Hit(passage=p, remark=self.remark(p.remark_id), document=self.store.documents[p.doc],
                  score=float(score), scores=scores, prev_remark_id=prev_id, next_remark_id=next_id, more=more,
                  speaker_name=self.store.name_of_remark_speaker(p.remark_id) if p.speaker else None,
                  copies=tuple((c, self.store.documents[c.doc]) for c in copies))
        hit.matched_terms = marked_terms(hit.text, wordings, typed)
        return hit

    @_index_errors
    def similar(self, remark_id: str, k: int = 5, passage_id: str | None = None) -> list[Hit]:
        """Remarks like the given one, itself left out: its passages' mean vector on the dense side and its
        most distinctive terms on the keyword side, fused as a search is (z-score, equal weights). Given
        passage_id (what a result card shows), that passage's vector and terms instead."""
        r = self.remark(remark_id)
        row = self.store.passage_row(passage_id) if passage_id else None
        rows = self.store.rows_of_remark(remark_id)
        if not rows:
            return []
        q = self.store.read_vectors([row] if row is not None else rows).mean(axis=0)
        q = (q / (np.linalg.norm(q) or 1.0)).astype(np.float32)
        n = self.params.candidates
        source = self.store.passage(row).text if row is not None else r.text
        words = keyword.distinctive_terms(source, self.store, self.params.similar_terms)
        dense = self.store.dense(q, n, sentences=False)          # a passage's vector against passages' vectors
        fused = fuse_zscore([(dense, 1.0), (keyword.search_terms(self.store, words, n, rows), 1.0, 0.0)])
        ranked, seen = [], {r.remark_id}
        said = {same_words(self.store.passage(x)) for x in ([row] if row is not None else rows)} - {None}
        for row, score in sorted(fused.items(), key=lambda kv: -kv[1]):
            p = self.store.passage(row)
            if p.remark_id in seen or same_words(p) in said:   # itself, or the same words said elsewhere
                continue
            seen.add(p.remark_id)
            said.add(same_words(p))
            ranked.append((row, score))
            if len(ranked) == k:
                break
        return [self._hit((), [(row, score)], {}) for row, score in ranked]

    # ------------------------------------------------------------ model
    @property
    def encoder(self):
        with self._encoder_lock:
            if self._encoder is None:
                from search.embed import Encoder, ModelError

                try:
                    enc = Encoder.open_for(self.store.manifest["model"])
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
        """Every passage's vector in row order (the explore page's map): the FAISS store's memory map, or read
        from a store that keeps its vectors elsewhere (Milvus) a thousand rows at a time."""
        if hasattr(self.store, "vectors"):
            return np.asarray(self.store.vectors)
        rows = np.arange(self.store.n_passages)
        return np.concatenate([self.store.read_vectors(rows[i:i + 1000]) for i in range(0, len(rows), 1000)]
                              or [np.zeros((0, int(self.store.manifest["dim"])), dtype=np.float32)])

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
            "store": m.get("store", "faiss"),
            "normalizer_version": m["normalizer_version"],
            "documents": len(self.store.documents),
            "remarks": self.store.n_remarks,
            "passages": self.store.n_passages,
            "speakers": self.speakers(),
            "doc_types": sorted({d.doc_type for d in self.store.documents.values()}),
            "fusion": self.params.fusion,
            "errors": m.get("errors", []),
        }


def searchable(query: str) -> bool:
    """Whether a query holds anything to search for: a letter, a digit, kana or a kanji (not only punctuation,
    spaces or invisible characters)."""
    return any(c.isalnum() for c in INVISIBLE.sub("", query or ""))


def _checked(query: str, mode: str, k: int) -> str:
    """The query stripped, or a SearchError that says what to change."""
    query = INVISIBLE.sub("", query or "").strip()
    if not searchable(query):
        raise SearchError("empty query: type a few words (Japanese or English) to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise SearchError(f"query is {len(query):,} characters; shorten it to at most {MAX_QUERY_CHARS:,}")
    if mode not in MODES:
        raise SearchError(f"unknown mode {mode!r}; choose one of: {', '.join(MODES)}")
    if k < 1:
        raise SearchError("k must be at least 1")
    return query


def _and_rows(where: Where | None, rows: frozenset[int]) -> Where:
    """The filter with only `rows` let through besides (a person's rows and a phrase's, both)."""
    if where is None:
        return Where(rows=rows)
    return Where(where.docs, where.speakers, rows if where.rows is None else where.rows & rows)


def _check_scores(sides: dict[str, tuple], plan: QueryPlan, store) -> None:
    """Scores outside what the formulas allow come only from damaged index files: refuse, never show them.
    A cosine of unit vectors lies in [-1, 1]; a BM25 score of one term is below 2.5 x its idf (k1 = 1.5),
    and the idf below log(2 N + 2), so a passage scores at most that per concept of the query."""
    n = max(store.n_passages, 1)
    limits = {"semantic": 1.01, "keyword": 2.5 * float(np.log(2 * n + 2)) * max(len(plan.concepts), 1) * 1.01}
    for name, (ranking, weight, _) in sides.items():
        if not np.isfinite(weight) or not all(np.isfinite(s) and abs(s) <= limits[name] for _, s in ranking):
            raise SearchError(f"index {store.root} is corrupt (the {name} side gave an impossible score); "
                              f"rebuild it with: python -m search index")


COPY_WINDOW = 50    # rows after the last card searched for copies of the cards (a copy scores as its original)


def demote_procedural(scores: dict[int, float], index, penalty: float) -> dict[int, float]:
    """Passages that only run the meeting (opening, objections, votes, the next speaker called) count
    `penalty` standard deviations of the ranking's scores lower: they stay findable, after the debate."""
    if not penalty or not scores:
        return scores
    rows = np.fromiter(scores, dtype=np.int64, count=len(scores))
    values = np.fromiter(scores.values(), dtype=np.float64, count=len(scores))
    values = values - penalty * (values.std() or 1.0) * index.row_procedural[rows]
    return dict(zip(rows.tolist(), values.tolist()))
