"""The pages' shared state, one dataclass per page, and the search's round trip through the URL's query string."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from search.labels import DOC_TYPE_LABELS, MODES
from search.retrieval.operators import parse

PAGE_SIZE = 10


@dataclass
class SearchState:
    """What a search is: the query, the mode, and the filters; the URL carries it so a search can be shared."""

    q: str = ""
    mode: str = "hybrid"
    speakers: list[str] = field(default_factory=list)    # person ids (search.persons): "body/name or label"
    docs: list[str] = field(default_factory=list)
    doc_types: list[str] = field(default_factory=list)
    date_from: str | None = None   # ISO "2020-05-12"
    date_to: str | None = None

    @property
    def has_filters(self) -> bool:
        return bool(self.speakers or self.docs or self.doc_types or self.date_from or self.date_to)

    def search_kwargs(self) -> dict:
        """Keyword arguments for Engine.search (filters left out when empty)."""
        return {"mode": self.mode, "persons": self.speakers or None, "docs": self.docs or None,
                "doc_types": self.doc_types or None, "date_from": self.date_from, "date_to": self.date_to}


@dataclass
class SearchPage:
    """The search page's shared state: the search (its URL), how many results are shown, the last results."""

    search: SearchState | None = None      # None until read from the URL on the first visit
    unread: list[str] = field(default_factory=list)   # what the URL asked for that could not be applied
    shown: int = PAGE_SIZE
    results: tuple | None = None           # (search key, hits): a click on a card does not search again


@dataclass
class LibraryPage:
    """The library page's shared state across its reruns."""

    message: tuple[str, str] | None = None  # ("ok" | "warn", text) shown once after an upload or removal
    upload_round: int = 0                   # bumped for a fresh, empty uploader after an upload


@dataclass
class MemoPanel:
    """The memo panel's shared state: which saved memo is open, and the store's last problem (one line)."""

    memo_id: int | None = None
    problem: str | None = None
    notice: str | None = None      # said once: the memo this session had open was deleted in another tab


@dataclass
class AppSession:
    """What every page of one browser session shares."""

    index_checked: tuple[str, str] | None = None    # (corpus, index) already checked for updates


def _iso_date(value: str | None) -> str | None:
    """A valid ISO date string or None (a broken date in a shared URL is dropped, not fatal)."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def from_query_params(params) -> SearchState:
    """Read a SearchState from st.query_params (or any mapping with get_all / lists of values)."""
    def get_all(key: str) -> list[str]:
        if hasattr(params, "get_all"):
            return [v for v in params.get_all(key) if v]
        value = params.get(key)
        if value is None:
            return []
        return [v for v in (value if isinstance(value, list) else [value]) if v]

    def first(key: str) -> str | None:
        values = get_all(key)
        return values[0] if values else None

    mode = first("mode")
    return SearchState(
        q=(first("q") or "").strip(),
        mode=mode if mode in MODES else "hybrid",
        speakers=get_all("speaker"),
        docs=get_all("doc"),
        doc_types=[t for t in get_all("type") if t in DOC_TYPE_LABELS],
        date_from=_iso_date(first("from")),
        date_to=_iso_date(first("to")),
    )


def to_query_params(state: SearchState) -> dict[str, str | list[str]]:
    """The URL query parameters for a state; defaults and empty filters are left out to keep links short."""
    params: dict[str, str | list[str]] = {}
    if state.q:
        params["q"] = state.q
    if state.mode != "hybrid":
        params["mode"] = state.mode
    if state.speakers:
        params["speaker"] = list(state.speakers)
    if state.docs:
        params["doc"] = list(state.docs)
    if state.doc_types:
        params["type"] = list(state.doc_types)
    if state.date_from:
        params["from"] = state.date_from
    if state.date_to:
        params["to"] = state.date_to
    return params


def unread_params(params, persons, docs) -> list[str]:
    """What a shared link asks for that this library cannot apply, by name (「期間（から）「2024-13-45」」): the
    page says so rather than show unfiltered results as filtered. params as from_query_params reads them."""
    def get_all(key: str) -> list[str]:
        return [v for v in params.get_all(key) if v] if hasattr(params, "get_all") else \
            [v for v in ([params[key]] if isinstance(params.get(key), str) else params.get(key) or []) if v]

    out = [f"検索方法「{v}」" for v in get_all("mode")[:1] if v not in MODES]
    out += [f"発言者「{v}」" for v in get_all("speaker") if not as_persons([v], persons)]
    out += [f"会議・文書「{v}」" for v in get_all("doc") if v not in docs]
    out += [f"文書の種類「{v}」" for v in get_all("type") if v not in DOC_TYPE_LABELS]
    out += [f"期間（{name}）「{v}」" for key, name in (("from", "から"), ("to", "まで"))
            for v in get_all(key)[:1] if _iso_date(v) is None]
    return out


def shared_names(persons) -> dict[str, list[str]]:
    """Full names that persons of two bodies or more carry (石破茂 in 衆議院 本会議 and in 参議院 予算委員会), with
    their person ids, most remarks first: the speaker filter offers each as one choice, everyone of that name."""
    by_name: dict[str, list] = {}
    for p in persons:
        if p.name:
            by_name.setdefault(p.name, []).append(p)
    shared = {name: ps for name, ps in by_name.items() if len(ps) > 1}
    return {name: [p.person_id for p in ps]
            for name, ps in sorted(shared.items(), key=lambda kv: -sum(p.remarks for p in kv[1]))}


def as_persons(values: list[str], persons) -> list[str]:
    """The speaker filter's values a URL's speaker values name: an id, or a full name several bodies share (the
    filter's choice for everyone of that name), as it is; a printed label or another full name (an older or
    hand-written link: speaker=飯島委員) as every person who carries it, in the list's order."""
    by_id = {p.person_id: p for p in persons}
    shared = shared_names(by_id.values())
    out: list[str] = []
    for value in values:
        ids = [value] if value in by_id or value in shared else [
            p.person_id for p in by_id.values() if value in (*p.labels, p.name)]
        out += [i for i in ids if i not in out]
    return out


def active_filters(state: SearchState, doc_labels: dict[str, str]) -> list[str]:
    """The filters in force, by name: ['発言者：冨山委員、柳川委員', '期間：2020/01/01〜', ...]."""
    def day(iso: str | None) -> str:
        return iso.replace("-", "/") if iso else ""

    out = []
    if state.speakers:
        out.append("発言者：" + "、".join(person.rsplit("/", 1)[-1] for person in state.speakers))
    if state.docs:
        out.append("会議・文書：" + "、".join(doc_labels.get(d, d) for d in state.docs))
    if state.doc_types:
        out.append("種類：" + "、".join(DOC_TYPE_LABELS.get(t, t) for t in state.doc_types))
    if state.date_from or state.date_to:
        out.append(f"期間：{day(state.date_from)}〜{day(state.date_to)}")
    ops = parse(state.q)
    if ops.phrases:
        out.append("そのまま含む：" + "、".join(f"「{p}」" for p in ops.phrases))
    if ops.excluded:
        out.append("除外：" + "、".join(f"「{w}」" for w in ops.excluded))
    return out


def suggestions_for_weak_results(state: SearchState) -> list[str]:
    """What to try when the results are only weak matches: the no-result tips, and a keyword check."""
    tips = [t for t in suggestions_for_no_results(state) if not t.startswith("検索方法")]
    if re.search(r"[A-Za-z]", state.q) and not re.search(r"[\u3040-\u30ff\u3400-\u9fff]", state.q):   # English
        tips.insert(0, "日本語の言い方でも検索する（記録は日本語です。英語の問いは一致が弱く出やすくなります）")
    if state.mode != "keyword":
        tips.append("「キーワード」に切り替えて、その語が文書にあるか確かめる")
    return tips


def suggestions_for_no_results(state: SearchState) -> list[str]:
    """What to loosen when a search finds nothing, most likely first."""
    tips = []
    if state.speakers:
        tips.append("発言者の絞り込みを外す")
    if state.docs:
        tips.append("会議・文書の絞り込みを外す")
    if state.doc_types:
        tips.append("文書の種類の絞り込みを外す")
    if state.date_from or state.date_to:
        tips.append("期間を広げる")
    ops = parse(state.q)
    if ops.phrases:
        tips.append("引用符（\"…\"）を外して、語句をそのまま含まない発言も探す")
    if ops.excluded:
        tips.append("除外する語（-…）を減らす")
    if state.mode == "keyword":
        tips.append("検索方法を「ハイブリッド」か「意味検索」に切り替える（言い換えも拾えます）")
    if len(state.q) > 20:
        tips.append("短い語に分けて検索する")
    if not tips:
        tips.append("別の言い方や、より一般的な語で検索する")
    return tips
