"""検索: one search box, a mode switch, sidebar filters, result cards, and the memo panel beside them."""
import datetime as dt
import functools
import time

import streamlit as st

from app_support.runtime import (get_engine, memo_add, memo_clips, memo_create, memo_delete, memo_move,
                                 memo_note_changed, memo_remove, memo_rename, memo_switch, open_memo, page_state)
from app_support.state import (PAGE_SIZE, MemoPanel, SearchPage, SearchState, active_filters, as_persons,
                               from_query_params, shared_names, suggestions_for_no_results, suggestions_for_weak_results,
                               to_query_params, unread_params)
from app_support.view import esc, excerpt, passage_spans, score_parts, text_block
from search import memo as memo_export
from search.confidence import relevance_levels
from search.engine import MAX_QUERY_CHARS, SearchError, searchable
from search.labels import (DOC_TYPE_LABELS, MODES, MODE_LABELS, RELEVANCE_LABELS, WEAK_MATCH, date_label,
                           doc_type_label, hit_speaker_label, meeting_label, newest_first, sheet_field, speaker_label,
                           translated, unmatched_phrase, without_leading_number)
from search.highlight import highlight_spans
from search.memo_store import MemoStoreError
from search.ingest.roles import office_of
from search.records import joined_passages
from search.retrieval.operators import parse

SIMILAR_K = 5                          # similar remarks shown under 類似の発言
FOLD_CHARS = 300                       # a neighbouring remark longer than this is folded under 全文と前後
LONG_REMARK = 1500                     # a remark longer than this shows only the stretch around the card's passages
AROUND_HIT = 400                       # ... from about this many characters before them to as many after
EXAMPLES = ["DXとO&M", "現地人材の育成", "質の高いインフラ", "KPIの設定"]
DATE_MIN, DATE_MAX = dt.date(1980, 1, 1), dt.date(2100, 12, 31)
CSS = """<style>
[data-testid="stMainBlockContainer"] { padding: 4rem 1.5rem 4rem; }
.giji-meta .piece { white-space: nowrap; }
mark { background: #ffe98a; color: inherit; padding: 0 .1em; border-radius: 2px; }
.giji-passage { font-size: 1.02rem; line-height: 1.8; }
.giji-more summary { color: #5f6368; font-size: .9rem; cursor: pointer; margin: .2rem 0 .4rem; }
.giji-meta { color: #5f6368; font-size: .88rem; }
.giji-ctx { color: #5f6368; font-size: .92rem; line-height: 1.7; border-left: 3px solid #dadce0;
            padding-left: .75rem; margin: .2rem 0 .8rem; }
.giji-ctx.current { color: inherit; border-left-color: #e0a800; }
.giji-weak-line { color: #8a6d00; font-size: .85rem; border-top: 2px dashed #e0a800; padding-top: .3rem;
                  margin: .4rem 0 .6rem; }
.giji-quote { font-size: .92rem; line-height: 1.65; border-left: 3px solid #e0a800; padding-left: .6rem; }
/* the memo panel: wide enough for a quote to read as prose where the screen has room for it and the results */
@media (min-width: 1300px) { [data-testid="stSidebar"] { min-width: 360px; } }
</style>"""

ss = st.session_state
page = page_state(SearchPage)
engine = get_engine()
st.markdown(CSS, unsafe_allow_html=True)


# ---------------------------------------------------------------- state <-> widgets <-> URL
def _as_date(iso: str | None) -> dt.date | None:
    return dt.date.fromisoformat(iso) if iso else None


def init_widgets(state: SearchState, speakers: list[str], docs: list[str]) -> None:
    """Seed the widgets from the state (first visit: the URL) without overriding what the user set."""
    seeds = {"w_q": state.q, "w_mode": state.mode,
             "w_speakers": [s for s in state.speakers if s in speakers],
             "w_docs": [d for d in state.docs if d in docs], "w_types": list(state.doc_types),
             "w_from": _as_date(state.date_from), "w_to": _as_date(state.date_to)}
    for key, value in seeds.items():
        ss.setdefault(key, value)


def state_from_widgets() -> SearchState:
    return SearchState(q=(ss.get("w_q") or "").strip(), mode=ss.get("w_mode") or "hybrid",
                       speakers=list(ss.get("w_speakers") or []), docs=list(ss.get("w_docs") or []),
                       doc_types=list(ss.get("w_types") or []),
                       date_from=ss["w_from"].isoformat() if ss.get("w_from") else None,
                       date_to=ss["w_to"].isoformat() if ss.get("w_to") else None)


def clear_filters() -> None:
    ss.update(w_speakers=[], w_docs=[], w_types=[], w_from=None, w_to=None)


def use_query(q: str, mode: str | None = None) -> None:
    ss["w_q"] = q
    if mode:
        ss["w_mode"] = mode


persons = {p.person_id: p for p in engine.persons()}          # by body, most remarks first
shared = shared_names(persons.values())                          # 石破茂: everyone of that name, every body
documents = newest_first(engine.documents())
doc_by_name = {d.doc: d for d in documents}
if page.search is None:
    page.search = from_query_params(st.query_params)
    page.unread = unread_params(st.query_params, persons.values(), doc_by_name)
page.search.speakers = as_persons(page.search.speakers, persons.values())
init_widgets(page.search, [*shared, *persons], list(doc_by_name))

def person_option(person) -> str:
    """「石破茂（内閣総理大臣）｜衆議院 予算委員会・31件」, 「近藤昭一（近藤委員長）｜…」: the name, the posts and labels
    the records print that say more than the name (内閣総理大臣（石破茂君） is its post, 須貝行宏君 nothing), the body."""
    who = person.name or (person.labels[0] if person.labels else person.person_id)
    also = []
    for label in person.labels:
        shown = office_of(label) or label
        if shown != who and shown.removesuffix("君") != who and shown not in also:
            also.append(shown)
    printed = f"（{'・'.join(also)}）" if also else ""
    yomi = f" {person.yomi}" if person.yomi else ""
    return f"{who}{printed}{yomi}｜{person.body}・{person.remarks}件"


def everyone_named(name: str) -> str:
    """「石破茂｜すべての会議（4）・52件」: one choice for a full name that several bodies' records print."""
    ids = shared[name]
    return f"{name}｜すべての会議（{len(ids)}）・{sum(persons[i].remarks for i in ids)}件"


# ---------------------------------------------------------------- search box, mode, filters
st.text_input("検索", key="w_q", placeholder="日本語・英語で入力（例：DXとO&M、現地人材の育成）",
              label_visibility="collapsed")
switch, filters_col = st.columns([3, 2], vertical_alignment="top")
switch.segmented_control("検索方法", list(MODES), key="w_mode", format_func=MODE_LABELS.get, required=True,
                         label_visibility="collapsed",
                         help="ハイブリッド＝意味とキーワードの両方、意味検索＝言い換えも拾う、キーワード＝語の一致")
with filters_col.expander("絞り込み", icon=":material/filter_alt:"):
    st.multiselect("発言者", [*shared, *persons], key="w_speakers",
                   format_func=lambda p: person_option(persons[p]) if p in persons else everyone_named(p),
                   placeholder="すべての発言者（名前・よみで探せます）" if any(p.yomi for p in persons.values())
                   else "すべての発言者（名前・役職で探せます）")
    st.multiselect("会議・文書", list(doc_by_name), key="w_docs", placeholder="すべての文書",
                   format_func=lambda d: " ".join(x for x in (meeting_label(doc_by_name[d]),
                                                              date_label(doc_by_name[d])) if x))
    order = list(DOC_TYPE_LABELS)
    present_types = sorted({d.doc_type for d in documents},
                           key=lambda t: (order.index(t) if t in order else len(order), t))
    st.multiselect("文書の種類", present_types, key="w_types", format_func=doc_type_label,
                   placeholder="すべての種類")
    c1, c2 = st.columns(2)
    c1.date_input("期間（から）", key="w_from", min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY/MM/DD")
    c2.date_input("期間（まで）", key="w_to", min_value=DATE_MIN, max_value=DATE_MAX, format="YYYY/MM/DD")
    st.caption("評価書は年度（4月〜翌3月）で期間に当てはめます。")
    st.button("絞り込みをすべて解除", on_click=clear_filters, icon=":material/filter_alt_off:")
    info = engine.info()
    st.caption(f"索引：{info['documents']}文書・{info['remarks']}発言・{info['passages']}段落")

state = state_from_widgets()
if state != page.search:
    page.search = state
    page.shown = PAGE_SIZE
opened_memo = open_memo()           # reads ?memo= on a first visit, before the URL is rewritten here
url = to_query_params(state)
if opened_memo:
    url["memo"] = opened_memo[0].name(opened_memo[1]) or ""
st.query_params.from_dict(url)
memo_ids = {c.passage_id for c in memo_clips() or []}


# ---------------------------------------------------------------- results
def run_search(state: SearchState, k: int):
    """Hits and the weak-match verdict for the state, kept in the session so a click does not search again."""
    key = (engine.version, tuple(sorted((k_, str(v)) for k_, v in to_query_params(state).items())), k)
    if page.results and page.results[0] == key:
        return page.results[1]
    hits = engine.search(state.q, k=k, **state.search_kwargs())
    verdict = hits.verdict if hits else None
    page.results = (key, (hits, verdict))
    return hits, verdict


def marked(text: str, query: str, css: str = "giji-passage") -> str:
    return text_block(text, highlight_spans(text, query, engine.glossary) if query else [], css)


def card_text(hit, query: str) -> str:
    """The card's best passage; the remark's other matching passages folded under it (the quote holds them all)."""
    html = marked(without_leading_number(hit.passage.text), query)
    others = [p for p in hit.passages if p.passage_id != hit.passage.passage_id]
    if others:
        html += (f"<details class='giji-more'><summary>この発言のほかの一致箇所（{len(others)}）</summary>"
                 f"{marked(joined_passages(others), query)}</details>")
    return html


def add_button(hit, key: str) -> None:
    in_memo = hit.passage.passage_id in memo_ids
    st.button("メモ済み" if in_memo else "メモに追加", key=key, on_click=memo_add, args=(hit,),
              icon=":material/bookmark_added:" if in_memo else ":material/bookmark_add:", disabled=in_memo)


def render_context(hit, query: str) -> None:
    """The remark with the remarks just before and after it; a long neighbour is folded, and so is what a long
    remark says far from the card's passages (the hit stays in view)."""
    for remark in engine.context(hit.remark.remark_id, before=1, after=1):
        current = remark.remark_id == hit.remark.remark_id
        place = "▶ この発言" if current else "直前の発言" if remark.order < hit.remark.order else "直後の発言"
        who = hit_speaker_label(hit) if current else speaker_label(remark.speaker, remark.role, remark.label)
        where = f"　{remark.section}" if remark.section and remark.section != hit.remark.section else ""
        st.markdown(f'<div class="giji-meta">{place}：{esc(who)}{esc(where)}</div>', unsafe_allow_html=True)
        if current:
            render_around_hit(remark.text, hit, query)
        elif len(remark.text) <= FOLD_CHARS:
            st.markdown(marked(remark.text, "", "giji-ctx"), unsafe_allow_html=True)
        else:
            with st.expander(f"{place}を読む（{len(remark.text)}字）"):
                st.markdown(marked(remark.text, "", "giji-ctx"), unsafe_allow_html=True)


def render_around_hit(text: str, hit, query: str) -> None:
    """A remark of up to LONG_REMARK characters whole; a longer one from a little before the card's passages to a
    little after them, its beginning and its end folded."""
    start, end = (0, len(text)) if len(text) <= LONG_REMARK else \
        excerpt(text, passage_spans(text, [p.text for p in hit.passages]), AROUND_HIT)
    if start > 0:
        with st.expander(f"発言の初めから読む（{start}字）"):
            st.markdown(marked(text[:start], "", "giji-ctx"), unsafe_allow_html=True)
    st.markdown(marked(text[start:end], query, "giji-ctx current"), unsafe_allow_html=True)
    if end < len(text):
        with st.expander(f"発言の続きを読む（{len(text) - end}字）"):
            st.markdown(marked(text[end:], "", "giji-ctx"), unsafe_allow_html=True)


def document_link(hit) -> None:
    st.page_link("app_pages/document_page.py", label="文書で見る", icon=":material/article:",
                 query_params={"doc": hit.doc, "remark": hit.remark.remark_id,
                               "passage": [p.passage_id for p in (hit.passage, *hit.more)]})


def render_similar(hit) -> None:
    similar = engine.similar(hit.remark.remark_id, k=SIMILAR_K, passage_id=hit.passage.passage_id)
    if not similar:
        st.caption("似た発言は見つかりませんでした。")
    for other in similar:
        doc = other.document
        st.markdown(f'<div class="giji-meta"><b>{esc(hit_speaker_label(other))}</b>　'
                    f'{esc(meeting_label(doc))}　{esc(date_label(doc))}</div>', unsafe_allow_html=True)
        st.markdown(marked(other.passage.text, "", "giji-ctx"), unsafe_allow_html=True)
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            add_button(other, key=f"add_sim_{hit.passage.passage_id}_{other.passage.passage_id}")
            document_link(other)


COPIES_SHOWN = 3


def render_copies(hit) -> None:
    """The same words by the same speaker elsewhere (a speech read in both Houses): one card, each place linked."""
    for p, doc in hit.copies[:COPIES_SHOWN]:
        st.page_link("app_pages/document_page.py", label=f"同じ発言：{'　'.join(card_meta(doc))}",
                     icon=":material/content_copy:",
                     query_params={"doc": p.doc, "remark": p.remark_id, "passage": [p.passage_id]})
    if len(hit.copies) > COPIES_SHOWN:
        st.caption(f"ほか{len(hit.copies) - COPIES_SHOWN}件の会議でも同じ発言があります。")


def card_meta(doc) -> list[str]:
    """Minutes: the meeting and its date. An evaluation sheet: its policy field, fiscal year and ministry."""
    if doc.doc_type == "evaluation_sheet":
        return [x for x in (sheet_field(doc) or doc.title, date_label(doc), doc.organisation) if x]
    return [x for x in (meeting_label(doc), date_label(doc)) if x]


def render_card(hit, query: str, n: int, level: str, show_section: bool = True) -> None:
    pid = hit.passage.passage_id
    doc = hit.document
    with st.container(border=True, key=f"card-{n}"):
        who = hit_speaker_label(hit)
        meta = card_meta(doc)
        head, score = st.columns([5, 1], vertical_alignment="top")
        pieces = "　".join(f"<span class='piece'>{esc(x)}</span>" for x in meta)
        head.markdown(f"<div><b>{esc(who)}</b>　<span class='giji-meta'>{pieces}</span></div>",
                      unsafe_allow_html=True)
        with score.popover(f"関連度 {RELEVANCE_LABELS[level]}", type="tertiary",
                           help=f"総合スコア {hit.score:.3f}（クリックで内訳）"):
            for label, value in score_parts(hit.scores):
                st.markdown(f"{label}：`{value}`")
            st.caption("関連度は、この検索でいちばん合う結果との比べで高・中・低を示します。"
                       "総合は意味検索とキーワード検索の結果を統合した値です。")
        if hit.passage.section and show_section:
            st.caption(f"議題・項目：{esc(hit.passage.section)}")
        st.markdown(card_text(hit, query), unsafe_allow_html=True)
        render_copies(hit)
        with st.container(horizontal=True, vertical_alignment="center", gap="small"):
            add_button(hit, key=f"add_{pid}")
            show_context = st.toggle("全文と前後", key=f"ctx_{pid}")
            show_similar = st.toggle("類似の発言", key=f"sim_{pid}")
            document_link(hit)
        if show_context:
            render_context(hit, query)
        if show_similar:
            render_similar(hit)


def render_empty_query() -> None:
    st.info("調べたいことを検索欄に入力してください。会議での発言や評価書の記述を、意味とキーワードの両方で探します。")
    row = st.container(horizontal=True, vertical_alignment="center")
    row.caption("例：")
    for example in EXAMPLES:
        row.button(example, key=f"ex_{example}", on_click=use_query, args=(example,), type="tertiary",
                   icon=":material/search:")
    st.caption('語句を "…" で囲むとその語句をそのまま含む箇所だけを、語の前に - を付けるとその語を含む箇所を除いて探します'
               '（例："運用保守" 人材 -選挙）。')


def render_no_results(state: SearchState) -> None:
    st.warning(f"「{esc(state.q)}」に当てはまる発言は見つかりませんでした。")
    st.markdown("次を試してください：\n" + "\n".join(f"- {tip}" for tip in suggestions_for_no_results(state)))
    row = st.container(horizontal=True)
    if state.has_filters:
        row.button("絞り込みを解除して再検索", on_click=clear_filters, icon=":material/filter_alt_off:")
    if state.mode != "hybrid":
        row.button("ハイブリッドで再検索", on_click=use_query, args=(state.q, "hybrid"))


def render_weak(state: SearchState) -> None:
    """The weak-match line: said above the results, which follow below a visible rule."""
    st.warning(f"{WEAK_MATCH}。「{esc(state.q)}」によく合う発言は索引にないようです。", icon=":material/help:")
    st.markdown("次を試してください：\n" + "\n".join(f"- {tip}" for tip in suggestions_for_weak_results(state)))
    if state.mode != "keyword":
        st.button("キーワードで確かめる", on_click=use_query, args=(state.q, "keyword"), key="weak_keyword")
    st.markdown('<div class="giji-weak-line">以下は一致の弱い結果です</div>', unsafe_allow_html=True)


if page.unread:                                                 # said once, on the visit the link opened
    st.warning("リンクの次の条件はこの索引に当てはめられないため、外して検索しています：" + esc("、".join(page.unread)),
               icon=":material/link_off:")
    page.unread = []
active = active_filters(state, {d: meeting_label(doc) for d, doc in doc_by_name.items()})
if active:
    st.caption("絞り込み中：" + esc("　".join(active)))
if not state.q:
    render_empty_query()
else:
    k = page.shown
    hits = verdict = None
    if len(state.q) > MAX_QUERY_CHARS:
        st.error(f"検索語が長すぎます（{len(state.q):,}字）。{MAX_QUERY_CHARS:,}字以内に短くしてください。")
    elif state.date_from and state.date_to and state.date_from > state.date_to:
        st.error(f"期間が逆になっています（{state.date_from.replace('-', '/')}から{state.date_to.replace('-', '/')}まで）。"
                 "「から」と「まで」を入れ替えてください。")
    elif not searchable(state.q):
        st.error("検索できる語がありません。文字や数字を含む語を入れてください。")
    elif not parse(state.q).text:
        st.error("除外する語（-…）のほかに、探す語も入れてください（例：子育て -選挙）。")
    else:
        try:
            hits, verdict = run_search(state, k)
        except SearchError as e:
            st.error(f"検索できませんでした：{esc(e)}")
    for phrase in getattr(hits, "unmatched", ()):
        st.info(unmatched_phrase(phrase), icon=":material/format_quote:")
    if getattr(hits, "translated", ()):
        st.caption(esc(translated(hits.translated)))
    if hits == []:
        render_no_results(state)
    elif hits:
        filters = "（絞り込みあり）" if state.has_filters else ""
        st.caption(f"「{esc(state.q)}」{MODE_LABELS[state.mode]}で {len(hits)}件{filters}")
        if verdict.weak:
            render_weak(state)
        levels = relevance_levels([h.score for h in hits], state.mode, verdict)
        shown_section = None
        for n, (hit, level) in enumerate(zip(hits, levels)):
            section = (hit.doc, hit.passage.section)     # the 議題 once per run of cards from one meeting item
            render_card(hit, state.q, n, level, show_section=section != shown_section)
            shown_section = section
        if len(hits) >= k:
            st.button("さらに表示", on_click=lambda: setattr(page, "shown", page.shown + PAGE_SIZE))


# ---------------------------------------------------------------- memo panel
NOTE_SAVED_S = 0.6


def source_note(clip) -> str | None:
    """What became of a clipping's source since it was added, or None when the index still holds it unchanged."""
    passage = engine.passage(clip.passage_id)
    if passage is None:
        return "出典は索引から削除されました（引用と出典の記載は追加したときのままです）。"
    if passage.text not in clip.quote:            # a card's quote holds its best passage, maybe with others
        return "出典の文書はその後変更されました（引用は追加したときのままです）。"
    return None


def export_at_click(store, memo_id: int, fmt: str, name: str, drawn) -> bytes:
    """The memo's export made when the button is clicked. A note typed just before is saved by the rerun its box
    starts as it loses focus, on the script's thread while this runs on another: give that rerun a moment to save
    it, then read the memo fresh (the clippings as drawn if the store cannot be read now)."""
    time.sleep(NOTE_SAVED_S)
    try:
        clips = store.clips(memo_id)
    except MemoStoreError:
        clips = drawn
    return memo_export.export(clips, fmt, title=name)


def render_memo_picker(store, memo_id: int, clips) -> str:
    """Switch, create, rename and delete named memos; returns the open memo's name."""
    memos = store.memos()
    by_id = {m.id: m for m in memos}
    name = by_id[memo_id].name if memo_id in by_id else ""
    ss["memo_pick"] = memo_id
    pick, manage = st.columns([4, 1], vertical_alignment="bottom")
    pick.selectbox("メモ", list(by_id), key="memo_pick", format_func=lambda i: f"{by_id[i].name}（{by_id[i].clips}件）",
                   on_change=lambda: memo_switch(ss["memo_pick"]))
    with manage.popover("管理", icon=":material/edit_note:", help="メモの作成・名前の変更・削除"):
        new = st.text_input("新しいメモの名前", key="memo_new_name", placeholder="例：DX・O&M論点メモ")
        st.button("新しいメモを作る", key="memo_create",
                  on_click=lambda: memo_create(ss.get("memo_new_name", ""), "memo_new_name"),
                  disabled=not new.strip(), icon=":material/add:")
        st.divider()
        st.text_input("名前を変更", key=f"memo_rename_{memo_id}", value=name)
        st.button("名前を変える", key="memo_rename",
                  on_click=lambda: memo_rename(ss.get(f"memo_rename_{memo_id}", "")), icon=":material/edit:")
        st.divider()
        sure = st.checkbox(f"「{name}」と引用{len(clips)}件を削除します", key=f"memo_delete_sure_{memo_id}")
        st.button("このメモを削除", key="memo_delete", on_click=memo_delete, disabled=not sure,
                  icon=":material/delete:")
    return name


def render_memo() -> None:
    opened = open_memo()
    clips = memo_clips() if opened else None
    panel = page_state(MemoPanel)
    if panel.problem:
        st.error(esc(panel.problem), icon=":material/error:")
    if panel.notice:
        st.warning(esc(panel.notice), icon=":material/warning:")
        panel.notice = None
    if opened is None or clips is None:
        return
    store, memo_id = opened
    name = render_memo_picker(store, memo_id, clips)
    st.subheader(f"メモ（{len(clips)}件）")
    if not clips:
        st.caption("検索結果の「メモに追加」で引用を集めると、出典つきで Markdown・Word・CSV に書き出せます。"
                   "メモは自動で保存されます。")
        return
    today = dt.date.today().strftime("%Y%m%d")
    exports = st.container(horizontal=True)
    for fmt in ("md", "docx", "csv"):
        label, mime, _ = memo_export.EXPORTS[fmt]
        exports.download_button(label, functools.partial(export_at_click, store, memo_id, fmt, name, clips),
                                file_name=memo_export.file_name(name, today, fmt),
                                mime=mime, key=f"export_{fmt}", on_click="ignore", icon=":material/download:")
    box = st.container(height=640) if len(clips) > 3 else st.container()
    with box:
        for i, clip in enumerate(clips):
            pid = clip.passage_id
            with st.container(border=True):
                st.markdown(f"<div><b>{i + 1}. {esc(clip.speaker or clip.title)}</b></div>", unsafe_allow_html=True)
                st.markdown(text_block(clip.quote, (), "giji-quote"), unsafe_allow_html=True)
                st.caption(esc(memo_export.bracketed(clip.citation)))
                gone = source_note(clip)
                if gone:
                    st.caption(f":material/info: {gone}")
                key = f"note_{memo_id}_{pid}"
                ss.setdefault(key, clip.note)
                st.text_area("メモ", key=key, on_change=memo_note_changed, args=(pid, key), height=68,
                             placeholder="この引用についてのメモ（書き出しに含まれます）")
                row = st.container(horizontal=True)
                row.button("上へ", key=f"up_{pid}", on_click=memo_move, args=(pid, -1),
                           disabled=i == 0, icon=":material/arrow_upward:")
                row.button("下へ", key=f"down_{pid}", on_click=memo_move, args=(pid, 1),
                           disabled=i == len(clips) - 1, icon=":material/arrow_downward:")
                row.button("削除", key=f"drop_{pid}", on_click=memo_remove, args=(pid,), icon=":material/delete:")


with st.sidebar:
    render_memo()
