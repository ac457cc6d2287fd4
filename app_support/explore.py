"""The Explore page body (render(engine)): topic map, themes, speaker comparison, trends, with PNG/CSV export."""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from app_support.state import SearchPage
from app_support.view import esc, text_block
from search import explore as ex
from search import explore_figures as fig
from search.labels import date_label, meeting_label, newest_first
from search.procedural import boilerplate, procedural

PLOTLY_CONFIG = {"displayModeBar": False, "displaylogo": False}   # plotly's toolbar speaks English only
MAX_LISTED = 30          # remarks listed under a selection
HIGHLIGHT_K = 30         # hits of the current query ringed on the map
DOCUMENT_PAGE = "app_pages/document_page.py"


UNIT = "段落"             # what the map's points and every count are, everywhere on the page (a passage)


@dataclass
class Units:
    """Every passage of the library with its vector, its words, and whether it is left out of theme building
    (procedural, or a form's boilerplate). Computed once per index version."""

    remarks: list              # the passages (a remark's paragraphs or bullets): the unit of the page
    vectors: np.ndarray
    phrases: list[list[str]]   # noun phrases: theme labels and what each speaker stressed
    terms: list[list[str]]     # content words: term trends
    left_out: list[bool]
    said_as: dict[str, str | None]   # remark id -> the label the record prints (its post, for the speaker groups)


@dataclass
class Base:
    """The passages in scope and what does not depend on the number of themes."""

    remarks: list
    documents: list
    vectors: np.ndarray
    phrases: list[list[str]]
    terms: list[list[str]]
    coords: np.ndarray
    speakers: list[str]      # group of each passage by speaker
    meetings: list[str]      # group of each passage by document (meeting)
    hover: list[str]
    row_of: dict[str, int]   # passage_id -> row
    left_out: int            # procedural passages and boilerplate of the scope, not in the themes
    seconds: dict[str, float]


@st.cache_resource(show_spinner="段落を読み込んでいます…", max_entries=2)
def _units(_engine, version: str) -> Units:
    passages = _engine.passages()
    vectors = np.asarray(_engine.passage_vectors(), dtype=np.float32)
    repeated = boilerplate(passages)
    said_as = {r.remark_id: r.label for d in _engine.documents() for r in _engine.remarks_of(d.doc)}
    return Units(passages, vectors, [ex.noun_phrases(p.text) for p in passages], ex.passage_terms(passages),
                 [procedural(p) or i in repeated for i, p in enumerate(passages)], said_as)


@st.cache_resource(show_spinner="話題の地図を計算しています…", max_entries=4)
def _base(_engine, version: str, scope: tuple[str, ...], seed: int) -> Base:
    units = _units(_engine, version)
    wanted = set(scope)
    in_scope = [i for i, r in enumerate(units.remarks) if r.doc in wanted]
    keep = [i for i in in_scope if not units.left_out[i]]
    remarks = [units.remarks[i] for i in keep]
    documents = _engine.documents()
    t = time.perf_counter()
    coords = ex.topic_map(units.vectors[keep], seed=seed) if keep else np.zeros((0, 2))
    seconds = {"map": time.perf_counter() - t}
    meetings = ex.passage_groups(remarks, documents, "meeting")
    speakers = ex.passage_groups(remarks, documents, "speaker", units.said_as)
    hover = [f"<b>{esc(speakers[i])}</b><br>{esc(meetings[i])}<br>{esc(_first_words(r.text))}"
             for i, r in enumerate(remarks)]
    return Base(remarks, documents, units.vectors[keep], [units.phrases[i] for i in keep],
                [units.terms[i] for i in keep], coords, speakers, meetings,
                hover, {r.passage_id: i for i, r in enumerate(remarks)}, len(in_scope) - len(keep), seconds)


@st.cache_resource(show_spinner="テーマを計算しています…", max_entries=8)
def _themes(_engine, version: str, scope: tuple[str, ...], n_themes: int, seed: int) -> list[ex.Theme]:
    base = _base(_engine, version, scope, seed)
    return ex.themes(base.remarks, base.vectors, n_themes=n_themes, seed=seed, tokens=base.phrases)


def _first_words(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[:n] + "…"


HEAT_ROWS = 30                # rows of the speaker × theme chart on the page


def _shown(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of a table whose row and column names are escaped for plotly's HTML-like labels (CSVs keep the raw)."""
    out = table.copy()
    out.index = pd.Index([esc(v) for v in out.index], name=out.index.name)
    out.columns = pd.Index([esc(v) for v in out.columns], name=out.columns.name)
    return out


def _slug(s: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in s)[:40]


def _exports(key: str, name: str, png, table: pd.DataFrame, index: bool = True) -> None:
    """PNG (rendered on click, offline with matplotlib) and CSV download buttons for one figure."""
    row = st.container(horizontal=True)
    row.download_button("画像（PNG）", data=png, file_name=f"{name}.png", mime="image/png", key=f"png_{key}",
                        icon=":material/image:", on_click="ignore")
    row.download_button("表（CSV）", data=fig.csv_bytes(table, index=index), file_name=f"{name}.csv",
                        mime="text/csv", key=f"csv_{key}", icon=":material/table:", on_click="ignore")


def _selected_rows(event) -> list[int]:
    """Passage rows of the points selected on a chart (customdata carries the row)."""
    rows = []
    try:
        points = event.selection.points
    except AttributeError:
        return rows
    for p in points:
        cd = p.get("customdata")
        if isinstance(cd, list):
            cd = cd[0] if cd else None
        if cd is not None and int(cd) not in rows:
            rows.append(int(cd))
    return rows


def _show_remarks(engine, base: Base, rows: list[int], document_page: str | None) -> None:
    """Passages: speaker, meeting, section, the text, the whole remark on demand, a link into its document."""
    if len(rows) > MAX_LISTED:
        st.caption(f"{len(rows)}件のうち最初の{MAX_LISTED}件を表示しています。")
    for row in rows[:MAX_LISTED]:
        r = base.remarks[row]
        with st.container(border=True):
            where = f"　§ {r.section}" if r.section else ""
            st.markdown(f"<div><b>{esc(base.speakers[row])}</b>　{esc(base.meetings[row])}{esc(where)}</div>",
                        unsafe_allow_html=True)
            st.markdown(text_block(r.text), unsafe_allow_html=True)
            with st.expander("発言全体"):
                st.markdown(text_block(engine.remark(r.remark_id).text), unsafe_allow_html=True)
            if document_page:
                st.page_link(document_page, label="文書で見る", icon=":material/article:",
                             query_params={"doc": r.doc, "remark": r.remark_id})


def _query_rows(engine, base: Base, query: str) -> list[int]:
    if not query.strip():
        return []
    state = _search_state()
    kwargs = state.search_kwargs() if state is not None and state.q == query else {}
    hits = engine.search(query, k=HIGHLIGHT_K, **kwargs)
    return [base.row_of[h.passage.passage_id] for h in hits if h.passage.passage_id in base.row_of]


def _search_state():
    """The search page's current search, if the session has one (the Explore page rings its hits)."""
    page = st.session_state.get(SearchPage.__name__)
    return page.search if page is not None else None


# ---------------------------------------------------------------- page
def render(engine, document_page: str | None = DOCUMENT_PAGE) -> None:
    """The whole page; ``document_page`` is the page that opens a remark in its document (None: no link)."""
    st.title("探索")
    documents = newest_first(engine.documents())
    if not engine.info().get("passages"):
        st.info("索引が空です。ライブラリで文書を追加してください。")
        return
    names = {d.doc: " ".join(x for x in (meeting_label(d), date_label(d)) if x) for d in documents}
    minutes = [d.doc for d in documents if d.doc_type == "minutes"]
    everything = minutes or [d.doc for d in documents]        # newest first
    mode = st.segmented_control(
        "対象", ["all", "pick"], key="ex_scope_mode", default="all", required=True,
        format_func={"all": f"{'議事録' if minutes else '文書'}すべて（{len(everything)}件）",
                     "pick": "会議・文書を選ぶ"}.get,
        help="テーマ・地図・比較は対象の会議や文書の段落だけから計算します。"
             "1回の会議を選ぶと、その会議で各委員が何を強調したかが分かります。")
    scope = everything
    if mode == "pick":        # nothing chosen for the planner: a meeting added to a silent default would mix two
        scope = st.multiselect("対象の会議・文書", list(names), key="ex_scope", format_func=names.get,
                               placeholder="会議・文書を選ぶ（名前・日付で探せます）")
    if not scope:
        st.info("対象の会議・文書を選んでください。")
        return
    seed = 0
    base = _base(engine, engine.version, tuple(sorted(scope)), seed)
    n = len(base.remarks)
    st.caption(f"単位は{UNIT}です。地図の点・テーマの件数・表の数はすべて{UNIT}の数です。"
               f"　対象：{len(scope)}文書・{n}{UNIT}（開会・閉会・異議なし等の手続きや定型文 {base.left_out}件は除いています）")
    if n == 0:
        st.info("対象に、テーマを作れる段落がありません。別の会議・文書を選んでください。")
        return
    default_k = ex.default_n_themes(n)
    c1, c2 = st.columns([1, 2])
    n_themes = c1.number_input("テーマの数", min_value=1, max_value=max(1, min(60, n)),
                               value=min(default_k, n), step=1, key="ex_n_themes",
                               help=f"既定は{UNIT}数に応じた {default_k}（√({UNIT}数/2)、4〜30）")
    themes = _themes(engine, engine.version, tuple(sorted(scope)), int(min(n_themes, n)), seed)
    theme_of = ex.theme_of_rows(themes, n)
    state = _search_state()
    default_q = state.q if state is not None else ""
    if "ex_query" not in st.session_state:
        st.session_state["ex_query"] = default_q
    query = c2.text_input("強調する検索語", key="ex_query", placeholder="検索ページの検索語が入ります",
                          help=f"検索の上位{HIGHLIGHT_K}件が含まれる{UNIT}を地図上で丸で囲みます")

    tab_map, tab_themes, tab_compare, tab_trends = st.tabs(["話題の地図", "テーマ", "発言者の比較", "推移"])
    with tab_map:
        _render_map(engine, base, themes, theme_of, query, document_page)
    with tab_themes:
        _render_themes(engine, base, themes, document_page)
    with tab_compare:
        _render_compare(engine, base, themes)
    with tab_trends:
        _render_trends(engine, base, themes)


def _render_map(engine, base: Base, themes, theme_of, query: str, document_page: str | None) -> None:
    colour_by = st.segmented_control("色分け", ["speaker", "meeting", "theme"], key="ex_colour", required=True,
                                     default="speaker",
                                     format_func={"speaker": "発言者", "meeting": "会議・文書", "theme": "テーマ"}.get)
    colour = {"speaker": base.speakers, "meeting": base.meetings,
              "theme": [themes[t].name for t in theme_of]}[colour_by]
    highlight = _query_rows(engine, base, query)
    if query.strip() and not highlight:
        st.caption(f"検索語に当たる{UNIT}はありませんでした。")
    figure = fig.map_figure(base.coords, [esc(c) for c in colour], base.hover, highlight)
    event = st.plotly_chart(figure, config=PLOTLY_CONFIG, key="ex_map", on_select="rerun",
                            selection_mode=("points", "lasso", "box"))
    table = pd.DataFrame({"passage_id": [r.passage_id for r in base.remarks], "x": base.coords[:, 0],
                          "y": base.coords[:, 1], "speaker": base.speakers, "meeting": base.meetings,
                          "theme": [themes[t].name for t in theme_of],
                          "highlighted": [i in set(highlight) for i in range(len(base.remarks))]})
    coords = base.coords
    _exports("map", f"topic_map_{colour_by}", lambda: fig.map_png(coords, colour, highlight, "話題の地図"),
             table, index=False)
    rows = _selected_rows(event)
    if rows:
        st.subheader(f"選んだ{UNIT}（{len(rows)}件）")
        _show_remarks(engine, base, rows, document_page)
    else:
        st.caption("点をクリック（または囲んで選択）すると、その発言を表示します。")


def _render_themes(engine, base: Base, themes, document_page: str | None) -> None:
    by = st.segmented_control("行", ["speaker", "meeting"], key="ex_heat_by", required=True, default="speaker",
                              format_func={"speaker": "発言者", "meeting": "会議・文書"}.get)
    groups = base.speakers if by == "speaker" else base.meetings
    matrix = ex.speaker_theme_matrix(groups, themes)
    title = f"{'発言者' if by == 'speaker' else '会議・文書'} × テーマ（{UNIT}数）"
    top = matrix.loc[matrix.sum(axis=1).sort_values(ascending=False, kind="stable").index[:HEAT_ROWS]]
    if len(matrix) > HEAT_ROWS:      # a chart of 180 rows is 5,000 px tall: the most active, all of them in the CSV
        st.caption(f"{UNIT}の多い{HEAT_ROWS}行を表示しています（全{len(matrix)}行は「表（CSV）」に）。")
    st.plotly_chart(fig.heatmap_figure(_shown(top), title, unit=UNIT), config=PLOTLY_CONFIG, key="ex_heat")
    _exports("heat", f"{by}_x_theme", lambda: fig.heatmap_png(matrix, title, unit=UNIT), matrix)
    listing = pd.DataFrame({"テーマ": [t.name for t in themes], "特徴語": ["、".join(t.label) for t in themes],
                            f"{UNIT}数": [t.size for t in themes]})
    st.markdown("**テーマ一覧**（行をクリックすると、そのテーマの発言を表示します）")
    event = st.dataframe(listing, key="ex_theme_table", on_select="rerun", selection_mode="single-row",
                         hide_index=True, width="stretch")
    picked = event.selection.rows if hasattr(event, "selection") else []
    if picked:
        theme = themes[picked[0]]
        st.subheader(esc(theme.name))
        _show_remarks(engine, base, theme.rows, document_page)


def _render_compare(engine, base: Base, themes) -> None:
    counts = pd.Series(base.speakers).value_counts()
    choices = list(counts.index)
    signed = [s for s in choices if s != ex.NO_SPEAKER]
    if "ex_speakers" not in st.session_state:
        st.session_state["ex_speakers"] = (signed or choices)[:2]
    picked = st.multiselect("発言者（2〜3人）", choices, key="ex_speakers", max_selections=3,
                            format_func=lambda s: f"{s}（{counts[s]}{UNIT}）")
    if not picked:
        st.caption("比較する発言者を選んでください。")
        return
    terms = ex.distinctive_terms(base.phrases, base.speakers, picked, top=15)
    cols = st.columns(len(picked))
    for col, speaker in zip(cols, picked):
        with col:
            st.plotly_chart(fig.terms_figure([(esc(t), v) for t, v in terms[speaker]], esc(speaker)),
                            config=PLOTLY_CONFIG, key=f"ex_terms_{_slug(speaker)}")
    table = pd.DataFrame([{"speaker": s, "rank": i + 1, "term": t, "score": round(v, 5)}
                          for s in picked for i, (t, v) in enumerate(terms[s])])
    _exports("terms", "distinctive_terms", lambda: fig.terms_png(terms, "特徴的な語"), table, index=False)
    said = {t.id: sum(base.speakers[r] in picked for r in t.rows) for t in themes}
    present = sorted((t for t in themes if said[t.id]), key=lambda t: (-said[t.id], t.id))   # most discussed first
    if not present:
        return
    theme = st.selectbox("テーマ", present, key="ex_compare_theme", format_func=lambda t: f"{t.name}（{t.size}{UNIT}）")
    cols = st.columns(len(picked))
    for col, speaker in zip(cols, picked):
        with col:
            rows = [r for r in theme.rows if base.speakers[r] == speaker]
            st.markdown(f"<div><b>{esc(speaker)}</b>：{len(rows)}{UNIT}</div>", unsafe_allow_html=True)
            for r in rows[:MAX_LISTED]:
                st.markdown(text_block(base.remarks[r].text, (), "giji-ctx"), unsafe_allow_html=True)


def _render_trends(engine, base: Base, themes) -> None:
    options = []
    for by in ex.PERIODS:
        periods, order = ex.passage_periods(base.remarks, base.documents, by)
        if len(set(periods)) > 1:
            options.append(by)
    if not options:
        st.info("推移を見るには、対象に複数の会議または年度の文書を選んでください。")
        return
    by = st.segmented_control("単位", options, key="ex_period", required=True, default=options[0],
                              format_func={"meeting": "会議・文書ごと", "year": "年度ごと"}.get)
    periods, order = ex.passage_periods(base.remarks, base.documents, by)
    what = st.segmented_control("対象", ["term", "theme"], key="ex_trend_what", required=True, default="term",
                                format_func={"term": "語", "theme": "テーマ"}.get)
    if what == "term":
        term = st.text_input("語", key="ex_trend_term", placeholder="例：海外展開、人材育成")
        if not term.strip():
            st.caption(f"語を入れると、その語を含む{UNIT}の数を時期ごとに数えます。")
            matrix = ex.theme_trends(periods, themes, order)
            st.plotly_chart(fig.heatmap_figure(_shown(matrix.T), f"テーマ × 時期（{UNIT}数）", unit=UNIT),
                            config=PLOTLY_CONFIG, key="ex_theme_trends")
            _exports("theme_trends", f"themes_by_{by}",
                     lambda: fig.heatmap_png(matrix.T, "テーマ × 時期", unit=UNIT), matrix)
            return
        try:
            rows = ex.term_rows(base.terms, term)
        except ValueError as e:
            st.warning(esc(e))
            return
        title = f"「{term}」を含む{UNIT}"
    else:
        theme = st.selectbox("テーマ", themes, key="ex_trend_theme", format_func=lambda t: t.name)
        rows, title = theme.rows, f"テーマ {theme.name} の{UNIT}"
    table = ex.trends(periods, rows, order)
    value = st.segmented_control("表示", ["matching", "share"], key="ex_trend_value", required=True,
                                 default="matching", format_func={"matching": f"{UNIT}数", "share": "割合"}.get)
    shown = table.assign(period=[esc(p) for p in table["period"]])
    st.plotly_chart(fig.trend_figure(shown, value, esc(title), unit=UNIT), config=PLOTLY_CONFIG, key="ex_trend")
    _exports("trend", f"trend_{by}", lambda: fig.trend_png(table, value, title, unit=UNIT), table, index=False)
