"""Exploring the debate: a topic map, themes, speaker comparison and trends, from passages and their vectors.

The unit everywhere is the passage (one bullet or paragraph of a remark, the row of
``engine.passages()`` / ``engine.passage_vectors()``): the map has one point per passage, every
passage belongs to exactly one theme, and the speaker × theme counts add up to the number of passages.
All functions are pure and deterministic for a given seed.
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd

from search import labels
from search.ingest.roles import role_of
from search.labels import NO_SPEAKER, meeting_label  # the group of passages with no speaker (evaluation-sheet text)
from search.persons import body_of
from search.records import Document, Passage
from search.text import tagger
UNKNOWN_PERIOD = "（時期不明）"      # period of a document with neither date nor fiscal year
MIN_THEMES, MAX_THEMES = 4, 30
TSNE_MAX_PASSAGES = 5000             # above this, t-SNE is too slow for a page; "auto" uses PCA
MAP_METHODS = ("auto", "tsne", "pca")
GROUPINGS = ("speaker", "meeting")
PERIODS = ("meeting", "year")


@dataclass
class Theme:
    """A cluster of passages, labelled by its most distinctive content words."""

    id: int                       # 0 = the largest theme
    label: list[str]              # distinctive terms, best first
    rows: list[int] = field(default_factory=list)   # passage rows, ascending

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def name(self) -> str:
        return f"{self.id + 1}. {'・'.join(self.label[:3]) or '—'}"

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "label": self.label, "size": self.size, "rows": self.rows}


# ---------------------------------------------------------------- labels of passages
def speaker_label(p: Passage, said_as: Mapping[str, str | None] | None = None) -> str:
    """The speaker with the post, as the cards name it: the post the record prints (石破茂（内閣総理大臣） for
    内閣総理大臣（石破茂君）, where said_as maps each remark to its printed label), else the role, so that a member
    伊藤 and the 教育長 伊藤 of one meeting are two groups."""
    return labels.speaker_label(p.speaker, p.role, (said_as or {}).get(p.remark_id))


def document_labels(documents: Iterable[Document], dated: bool = False) -> dict[str, str]:
    """A unique label per document, as its cards name it (「参議院 本会議 第2号」, the title for a sheet):
    after its date when `dated` (a time axis) or when two meetings share the label; the file name last."""
    documents = list(documents)
    shown = {d.doc: meeting_label(d) for d in documents}
    counts = Counter(shown.values())
    shown = {d.doc: _dated(d, shown[d.doc]) if dated or counts[shown[d.doc]] > 1 else shown[d.doc]
             for d in documents}
    counts = Counter(shown.values())
    return {doc: (f"{label} [{doc}]" if counts[label] > 1 else label) for doc, label in shown.items()}


def full_name(speaker: str | None) -> bool:
    """Whether a speaker reads as a person's full name (石破茂), the same person in every body, rather than a
    label (鈴木委員, 委員, 事務局) or a bare surname (伊藤) that people of different councils share."""
    return bool(speaker) and len(speaker) >= 3 and role_of(speaker) is None


def speaker_groups(passages: Sequence[Passage], documents: Iterable[Document],
                   said_as: Mapping[str, str | None] | None = None) -> list[str]:
    """Each passage's speaker (speaker_label); a label that two bodies use (鈴木委員 of two councils) also names
    its body, 「鈴木委員｜交通政策審議会 地域公共交通部会」, so that namesakes are not one group. A full name is one
    group in a body whatever post it spoke in, under its most frequent one there (鈴木真澄 as 委員 and as
    委員長), and one group across bodies where that post is the same (石破茂（内閣総理大臣） in both Houses)."""
    bodies = {d.doc: body_of(d) for d in documents}
    shown = [speaker_label(p, said_as) for p in passages]
    posts: dict[tuple[str, str], Counter] = {}
    for p, name in zip(passages, shown):
        if full_name(p.speaker):
            posts.setdefault((p.speaker, bodies.get(p.doc, p.doc)), Counter())[name] += 1
    names = [posts[(p.speaker, bodies.get(p.doc, p.doc))].most_common(1)[0][0] if full_name(p.speaker) else name
             for p, name in zip(passages, shown)]
    seen: dict[str, set[str]] = {}
    for p, name in zip(passages, names):
        if name != NO_SPEAKER and not full_name(p.speaker):
            seen.setdefault(name, set()).add(bodies.get(p.doc, p.doc))
    return [f"{name}｜{bodies.get(p.doc, p.doc)}" if len(seen.get(name, ())) > 1 else name
            for p, name in zip(passages, names)]


def passage_groups(passages: Sequence[Passage], documents: Iterable[Document], by: str = "speaker",
                   said_as: Mapping[str, str | None] | None = None) -> list[str]:
    """The group of each passage: its speaker (「（発言者なし）」 when unsigned; said_as: see speaker_label) or its
    document's label."""
    if by == "speaker":
        return speaker_groups(passages, documents, said_as)
    if by == "meeting":
        labels = document_labels(documents)
        return [labels.get(p.doc, p.doc) for p in passages]
    raise ValueError(f"unknown grouping {by!r}; choose one of: {', '.join(GROUPINGS)}")


def _document_when(d: Document) -> str:
    if d.date:
        return d.date
    if d.fiscal_year:
        return f"{d.fiscal_year:04d}-04-01"
    return "9999"


def _dated(document: Document, label: str) -> str:
    """The label after the meeting's date, 2023/6/14, where the date is known."""
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", document.date or "")
    return f"{m[1]}/{int(m[2])}/{int(m[3])} {label}" if m else label


def passage_periods(passages: Sequence[Passage], documents: Iterable[Document],
                    by: str = "meeting") -> tuple[list[str], list[str]]:
    """(period of each passage, all periods in time order); a period is a meeting (document) or a fiscal year."""
    documents = list(documents)
    by_doc = {d.doc: d for d in documents}
    if by == "meeting":                            # 「2023/6/14 白浜市議会 第2回定例会 第3日」: meetings days apart
        labels = document_labels(documents, dated=True)
        order = [labels[d.doc] for d in sorted(documents, key=lambda d: (_document_when(d), labels[d.doc]))]
        return [labels.get(p.doc, UNKNOWN_PERIOD) for p in passages], order + [UNKNOWN_PERIOD]
    if by == "year":
        def year(doc: str) -> str:
            d = by_doc.get(doc)
            return f"{d.fiscal_year}年度" if d and d.fiscal_year else UNKNOWN_PERIOD

        years = sorted({d.fiscal_year for d in documents if d.fiscal_year})
        return [year(p.doc) for p in passages], [f"{y}年度" for y in years] + [UNKNOWN_PERIOD]
    raise ValueError(f"unknown period {by!r}; choose one of: {', '.join(PERIODS)}")


# ---------------------------------------------------------------- terms
def passage_terms(passages: Sequence[Passage], tokenize: Callable[[str], list[str]] | None = None) -> list[list[str]]:
    """The content words of each passage (search.text.terms unless another tokenizer is given)."""
    if tokenize is None:
        from search.text import terms as tokenize
    return [list(tokenize(p.text)) for p in passages]


# Words of council speech and sheet prose (and URL parts) that say nothing about a theme; terms() keeps them.
LABEL_STOPWORDS = frozenset("""
言う 於く 因る 為る 有る 居る 成る 思う 考える 申し上げる 行う 持つ 出来る 見る 来る 付く 致す 頂く 下さる
そう 更に 確り 非常 恐らく 特に 今後 今回 本日 様々 及び 並びに 又 等 もの こと ため よう
http https www go jp pdf html htm
""".split())


# nouns that name a role or a person's title (a phrase ending in one is a name: 冨山委員), and nouns too
# general to say what a theme is about
ROLE_NOUNS = ("委員", "座長", "委員長", "会長", "議長", "大臣", "副大臣", "補佐官", "審議官", "参与", "参事官",
              "事務局", "局長", "課長", "室長", "先生", "氏", "様", "さん", "君", "構成員", "有識者",
              "部長", "区長", "市長", "町長", "村長", "知事", "教育長", "次長", "所長", "館長", "理事者", "議員")
# what a label drops before and after its nouns: 御異議 is 異議, 各担当部長 担当部長, 教育長等 教育長
LABEL_PREFIXES = ("御", "ご", "お", "各")
LABEL_SUFFIXES = ("等", "など")
GENERIC_NOUNS = frozenset("""
こと もの ため よう とき ところ 方 点 中 上 下 前 後 等 他 各 今 今後 今回 本日 前回 次回 様々 意味 場合 観点 部分 関係
必要 意見 議論 話 形 考え 辺り 辺 皆様 皆さん 我々 私 自分 風 答え 異議 質疑 確認 訳 わけ 通り とおり 手元 拍手 多く 大半
今般 本件 本案 本年 所見 予定 まとめ 適当 以上 以下 以外 最後 最初 全体 一つ 二つ 一方 他方 具体 具体的
状況 状態 内容 事項 項目 資料 説明 報告 質問 回答 発言 挨拶 御礼 お礼 年度 時点 現在 現状 程度 非常 大変 本当
本市 本区 本県 本町 本村 当市 当区 当町 令和 平成 昭和 指摘 御指摘 ご指摘 御説明 ご説明 答弁 御答弁 ご答弁 取組 取り組み
御質問 ご質問 なし
""".split())
def noun_phrases(text: str) -> list[str]:
    """The compound nouns of a text (fugashi/UniDic): runs of nouns with their prefixes and noun-like suffixes,
    「運営・維持管理」「海外展開」「DX化」「O&M」. Person names, numbers and what follows a number (年度, 点目),
    pronouns, role titles and nouns too general for a label are left out; verbs and particles never join."""
    out: list[str] = []
    run: list[str] = []
    lemmas: list[str] = []                          # the run's nouns as the dictionary writes them (ほう is 方)
    prefixed: list[bool] = []                       # the run opens with a prefix word (御, お, 各)

    def close() -> None:
        while len(run) > 1 and run[0] in LABEL_PREFIXES and prefixed and prefixed[0]:    # お答え, not ごみ
            run.pop(0)
            prefixed.pop(0)
        phrase = "".join(run)
        generic = bool(lemmas) and all(lemma in GENERIC_NOUNS for lemma in lemmas)
        run.clear()
        lemmas.clear()
        prefixed.clear()
        for suffix in LABEL_SUFFIXES:
            phrase = phrase.removesuffix(suffix)
        if (len(phrase) >= 2 and phrase not in GENERIC_NOUNS and not generic and not phrase.endswith(ROLE_NOUNS)
                and "\0" not in phrase and any(unicodedata.category(c)[0] in "LM" for c in phrase)):
            out.append(phrase)

    with tagger() as t:                             # a node lives until its tagger's next parse
        words = [(w.surface, w.feature.pos1, w.feature.pos2, w.feature.pos3, w.feature.lemma)
                 for w in t(unicodedata.normalize("NFKC", text or ""))]
    counter = False                                 # right after a number: its counter (年度, 点目) is skipped
    for i, (surface, pos1, pos2, pos3, lemma) in enumerate(words):
        next_is_noun = i + 1 < len(words) and words[i + 1][1] == "名詞"
        if pos1 == "名詞" and pos2 == "数詞":
            close()
            counter = True
            continue
        if counter and (pos1 == "接尾辞" or (pos1 == "名詞" and pos3 == "助数詞可能")):
            continue
        counter = False
        if pos1 == "名詞" and pos2 == "固有名詞" and pos3 == "人名":
            run.append("\0")                        # a name is never part of a label
        elif pos1 == "名詞" and pos2 != "代名詞":
            run.append(surface)
            lemmas.append((lemma or surface).split("-")[0])
        elif pos1 == "接頭辞" or (pos1 == "形状詞" and next_is_noun and not run):
            close()
            run.append(surface)
            prefixed.append(pos1 == "接頭辞")
        elif pos1 == "接尾辞" and pos2 == "名詞的" and run:
            run.append(surface)
        elif surface in ("&", "＆", "・") and run and next_is_noun:
            run.append(surface)
        else:
            close()
    close()
    return out


def worth_showing(term: str) -> bool:
    """A term that can stand in a label: two characters or more, not only digits or symbols, no filler word."""
    if len(term) < 2 or term in LABEL_STOPWORDS:
        return False
    return any(unicodedata.category(c)[0] in "LM" for c in term)


def class_tfidf(classes: Sequence[Iterable[Sequence[str]]], top: int = 10) -> list[list[tuple[str, float]]]:
    """Class-based TF-IDF: for each class (a list of passages' term lists), its most distinctive terms.

    A term counts once per passage. score(t, c) = share of c's term occurrences that are t
    × log(1 + average occurrences per class / occurrences of t in all classes). Ties go alphabetically.
    """
    counts = [Counter(t for terms in passages for t in set(terms) if worth_showing(t)) for passages in classes]
    totals = [sum(c.values()) for c in counts]
    overall: Counter = Counter()
    for c in counts:
        overall.update(c)
    average = sum(totals) / max(1, len(counts))
    out = []
    for c, total in zip(counts, totals):
        scored = [(t, (n / total) * math.log(1 + average / overall[t])) for t, n in c.items()]
        scored.sort(key=lambda ts: (-ts[1], ts[0]))
        out.append(scored[:top])
    return out


# ---------------------------------------------------------------- map
def _unit(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float64)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms == 0, 1.0, norms)


def topic_map(vectors: np.ndarray, seed: int = 0, method: str = "auto") -> np.ndarray:
    """2-D coordinates, one row per passage: t-SNE (cosine, PCA start) up to 5,000 passages, PCA beyond."""
    if method not in MAP_METHODS:
        raise ValueError(f"unknown map method {method!r}; choose one of: {', '.join(MAP_METHODS)}")
    x = _unit(vectors)
    n = len(x)
    if n < 3:   # too few points to project; lay them out on a line
        return np.column_stack([np.arange(n, dtype=np.float64), np.zeros(n)])
    if method == "auto":
        method = "tsne" if n <= TSNE_MAX_PASSAGES else "pca"
    from sklearn.decomposition import PCA

    if method == "pca":
        return PCA(n_components=2, random_state=seed).fit_transform(x)
    from sklearn.manifold import TSNE
    from threadpoolctl import threadpool_limits

    if x.shape[1] > 50 and n > 50:   # the usual PCA step before t-SNE: same picture, much faster
        x = PCA(n_components=50, random_state=seed).fit_transform(x)
    perplexity = float(min(30.0, max(1.0, (n - 1) / 3)))
    tsne = TSNE(n_components=2, perplexity=perplexity, init="pca", random_state=seed, learning_rate="auto")
    with threadpool_limits(1, user_api="openmp"):   # OpenMP threads spin and slow t-SNE down on small machines
        return tsne.fit_transform(x)


# ---------------------------------------------------------------- themes
def default_n_themes(n_passages: int) -> int:
    """round(sqrt(n / 2)), clamped to 4..30 and never more than the passages."""
    k = min(MAX_THEMES, max(MIN_THEMES, round(math.sqrt(n_passages / 2))))
    return max(1, min(k, n_passages))


def themes(passages: Sequence[Passage], vectors: np.ndarray, n_themes: int | None = None, seed: int = 0,
           tokens: Sequence[Sequence[str]] | None = None, label_size: int = 5) -> list[Theme]:
    """KMeans themes over the passage vectors, largest first, each labelled by class-based TF-IDF.

    ``tokens`` (the passages' terms, as from passage_terms) saves tokenizing again.
    """
    n = len(passages)
    if len(vectors) != n:
        raise ValueError(f"{len(vectors)} vectors for {n} passages; they must be aligned (engine.passage_vectors())")
    if n == 0:
        return []
    k = n_themes or default_n_themes(n)
    if k < 1:
        raise ValueError(f"number of themes must be at least 1, got {k}")
    k = min(k, n)
    from sklearn.cluster import KMeans

    assignment = KMeans(n_clusters=k, random_state=seed, n_init=4).fit_predict(_unit(vectors))
    clusters: dict[int, list[int]] = {}
    for row, c in enumerate(assignment):
        clusters.setdefault(int(c), []).append(row)
    groups = sorted(clusters.values(), key=lambda rows: (-len(rows), rows[0]))
    tokens = passage_terms(passages) if tokens is None else tokens
    labels = class_tfidf([[tokens[r] for r in rows] for rows in groups], top=label_size)
    return [Theme(id=i, label=[t for t, _ in label], rows=rows)
            for i, (rows, label) in enumerate(zip(groups, labels))]


def theme_of_rows(themes_: Sequence[Theme], n: int) -> list[int]:
    """The theme id of each passage row."""
    out = [-1] * n
    for t in themes_:
        for r in t.rows:
            out[r] = t.id
    return out


def speaker_theme_matrix(groups: Sequence[str], themes_: Sequence[Theme]) -> pd.DataFrame:
    """Passages per group (speaker or meeting) and theme; rows by total, largest first. Sums to the passages."""
    counts = Counter()
    for t in themes_:
        for r in t.rows:
            counts[(groups[r], t.name)] += 1
    totals = Counter(groups)
    rows = sorted(totals, key=lambda g: (-totals[g], g))
    columns = [t.name for t in themes_]
    data = [[counts[(g, c)] for c in columns] for g in rows]
    return pd.DataFrame(data, index=pd.Index(rows, name="group"), columns=pd.Index(columns, name="theme"))


# ---------------------------------------------------------------- comparison
def distinctive_terms(tokens: Sequence[Sequence[str]], groups: Sequence[str], selected: Sequence[str] | None = None,
                      top: int = 15) -> dict[str, list[tuple[str, float]]]:
    """Each selected group's most distinctive terms against all groups (class-based TF-IDF)."""
    names = sorted(set(groups))
    wanted = list(selected) if selected is not None else names
    missing = [g for g in wanted if g not in names]
    if missing:
        raise ValueError(f"no passages for {', '.join(missing)}; known: {', '.join(names)}")
    by_group: dict[str, list[Sequence[str]]] = {g: [] for g in names}
    for terms, g in zip(tokens, groups):
        by_group[g].append(terms)
    scored = dict(zip(names, class_tfidf([by_group[g] for g in names], top=top)))
    return {g: scored[g] for g in wanted}


# ---------------------------------------------------------------- trends
def term_rows(tokens: Sequence[Sequence[str]], term: str,
              tokenize: Callable[[str], list[str]] | None = None) -> list[int]:
    """Rows of the passages that contain every content word of ``term``."""
    if tokenize is None:
        from search.text import terms as tokenize
    wanted = set(tokenize(term))
    if not wanted:
        raise ValueError(f"{term!r} has no content words to count; try a noun such as 海外展開")
    return [r for r, terms in enumerate(tokens) if wanted <= set(terms)]


def trends(periods: Sequence[str], rows: Iterable[int], order: Sequence[str] | None = None) -> pd.DataFrame:
    """Per period: passages, how many of them are in ``rows`` (a term's or a theme's), and that share."""
    selected = set(rows)
    totals = Counter(periods)
    hits = Counter(periods[r] for r in selected)
    order = [p for p in (order or sorted(totals)) if totals[p]]
    return pd.DataFrame({
        "period": order,
        "passages": [totals[p] for p in order],
        "matching": [hits[p] for p in order],
        "share": [hits[p] / totals[p] for p in order],
    })


def theme_trends(periods: Sequence[str], themes_: Sequence[Theme], order: Sequence[str] | None = None) -> pd.DataFrame:
    """Passages per period (rows, in time order) and theme (columns)."""
    totals = Counter(periods)
    order = [p for p in (order or sorted(totals)) if totals[p]]
    data = {t.name: [0] * len(order) for t in themes_}
    at = {p: i for i, p in enumerate(order)}
    for t in themes_:
        for r in t.rows:
            data[t.name][at[periods[r]]] += 1
    return pd.DataFrame(data, index=pd.Index(order, name="period"))


# ---------------------------------------------------------------- everything at once (CLI, export)
def summary(passages: Sequence[Passage], vectors: np.ndarray, documents: Sequence[Document],
            n_themes: int | None = None, seed: int = 0, speakers: Sequence[str] | None = None,
            term: str | None = None, by: str = "meeting", with_map: bool = False,
            tokenize: Callable[[str], list[str]] | None = None) -> dict:
    """Themes, speaker × theme counts, distinctive terms, trends (and the map) as one JSON-ready dict.

    ``seconds`` says how long each step took. Without ``speakers``, the three signed speakers with most passages.
    """
    import time

    seconds: dict[str, float] = {}
    t = time.perf_counter()
    tokens = passage_terms(passages, tokenize)
    seconds["terms"] = time.perf_counter() - t
    t = time.perf_counter()
    label_tokens = tokens if tokenize else [noun_phrases(p.text) for p in passages]   # noun phrases, as in the app
    found = themes(passages, vectors, n_themes=n_themes, seed=seed, tokens=label_tokens)
    seconds["themes"] = time.perf_counter() - t
    groups = passage_groups(passages, documents, "speaker")
    matrix = speaker_theme_matrix(groups, found)
    if speakers is None:
        speakers = [g for g in matrix.index if g != NO_SPEAKER][:3]
    periods, order = passage_periods(passages, documents, by)
    out: dict = {
        "unit": "passage",
        "passages": len(passages),
        "n_themes": len(found),
        "seed": seed,
        "themes": [{"id": t.id, "name": t.name, "label": t.label, "size": t.size,
                    "speakers": {g: int(n) for g, n in matrix[t.name].items() if n},
                    "passage_ids": [passages[r].passage_id for r in t.rows]} for t in found],
        "speaker_theme": {g: {c: int(n) for c, n in row.items()} for g, row in matrix.iterrows()},
        "distinctive_terms": {g: [[term_, round(s, 6)] for term_, s in ts]
                              for g, ts in distinctive_terms(tokens, groups, speakers, top=15).items()},
        "trends": {"by": by,
                   "themes": {p: {c: int(n) for c, n in row.items()}
                              for p, row in theme_trends(periods, found, order).iterrows()}},
    }
    if term:
        rows = term_rows(tokens, term, tokenize)
        out["trends"]["term"] = {"term": term, "table": trends(periods, rows, order).to_dict(orient="records")}
    if with_map:
        t = time.perf_counter()
        coords = topic_map(vectors, seed=seed)
        seconds["map"] = time.perf_counter() - t
        theme_of = theme_of_rows(found, len(passages))
        out["map"] = [{"passage_id": p.passage_id, "x": round(float(x), 4), "y": round(float(y), 4),
                       "speaker": groups[i], "theme": theme_of[i]}
                      for i, (p, (x, y)) in enumerate(zip(passages, coords))]
    out["seconds"] = {k: round(v, 3) for k, v in seconds.items()}
    return out
