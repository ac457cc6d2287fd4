"""根拠をさがす: paste or upload a draft, see the remarks behind each sentence, accept them into the memo, export."""
import datetime as dt

import streamlit as st

from search import trace as tracing
from app_support.runtime import get_engine, memo_add_clip, memo_clips, page_state
from app_support.state import MemoPanel
from app_support.view import esc, text_block
from search.labels import DOC_TYPE_LABELS, date_label, doc_type_label, hit_speaker_label, meeting_label
from search.engine import SearchError

DRAFT_FILE_MB = 5            # a .docx of 10,000 characters is far smaller; pictures in it are not read
BADGES = {"strong": ":green-badge[根拠：強い]", "weak": ":orange-badge[根拠：弱い]",
          "none": f":red-badge[{tracing.NO_SUPPORT}]"}
CSS = """<style>
.giji-quote { font-size: .92rem; line-height: 1.65; border-left: 3px solid #e0a800; padding-left: .6rem; }
.giji-meta { color: #5f6368; font-size: .88rem; }
</style>"""

ss = st.session_state
engine = get_engine()
st.markdown(CSS, unsafe_allow_html=True)


def load_upload() -> None:
    """An uploaded .txt / .docx replaces the text in the box (or says, in one line, why it cannot)."""
    upload = ss.get("ev_upload")
    ss.pop("ev_problem", None)
    if upload is None:
        return
    try:
        ss["ev_draft"] = tracing.draft_from_bytes(upload.name, upload.getvalue())
    except tracing.TraceError as e:
        ss["ev_problem"] = e.ja


def run_trace() -> None:
    """Trace the draft in the box; the result (and the remarks accepted for it) stay in the session."""
    ss.pop("ev_problem", None)
    draft = ss.get("ev_draft") or ""
    try:
        ss["ev_trace"] = tracing.trace(engine, tracing.check_draft(draft), doc_types=ss.get("ev_types") or None,
                                       k=ss.get("ev_k", 5))
    except tracing.TraceError as e:
        ss["ev_problem"] = e.ja
        return
    except SearchError as e:
        ss["ev_problem"] = f"検索できませんでした：{e}"
        return
    ss["ev_accepted"] = {}


def accept(sentence_index: int, passage_id: str) -> None:
    """The remark goes into the memo with the draft sentence as its note, and becomes a footnote on export."""
    added = memo_add_clip(tracing.evidence_clip(ss["ev_trace"], sentence_index, passage_id))
    panel = page_state(MemoPanel)
    if not added and (panel.notice or panel.problem):          # its memo was deleted in another tab, or the store failed
        st.toast(panel.notice or panel.problem)
        panel.notice = None
        return
    ss.setdefault("ev_accepted", {}).setdefault(sentence_index, []).append(passage_id)
    st.toast("メモに追加しました（文をメモ欄に記入）" if added else "この発言はすでにメモにあります。脚注には加えます")


def unaccept(sentence_index: int, passage_id: str) -> None:
    ss["ev_accepted"][sentence_index].remove(passage_id)


# ---------------------------------------------------------------- input
KEPT = ("ev_draft", "ev_types", "ev_k")   # Streamlit forgets a widget's value on another page: kept beside it
for key in KEPT:
    if key not in ss and f"kept_{key}" in ss:
        ss[key] = ss[f"kept_{key}"]
ss.setdefault("ev_k", 5)
st.title("根拠をさがす")
st.caption("計画やメモの草稿を貼り付けると、文ごとにその裏付けとなる会議での発言・評価書の記述を探します。"
           "根拠を採用するとメモに入り、草稿を脚注つきの Word などで書き出せます。"
           "根拠の強さは文と発言の意味の近さです。発言が文を裏づけるのか、反対しているのかは本文で確かめてください。")
st.text_area("草稿", key="ev_draft", height=220, max_chars=None,
             placeholder="例：設備を納めて終わりにするのではなく、運営・維持管理まで含めた長期の支援を提供する。")
left, right = st.columns([3, 2], vertical_alignment="bottom")
left.file_uploader(f"または .txt / .docx を読み込む（本文{tracing.MAX_DRAFT_CHARS:,}字まで）", type=["txt", "docx"],
                   max_upload_size=DRAFT_FILE_MB, key="ev_upload", on_change=load_upload)
with right:
    present = [t for t in DOC_TYPE_LABELS if any(d.doc_type == t for d in engine.documents())]
    default = "・".join(doc_type_label(t) for t in tracing.DEFAULT_DOC_TYPES if t in present)
    st.multiselect("探す文書の種類", present, key="ev_types", format_func=doc_type_label,
                   placeholder=f"{default}（指定なし）")
    st.slider("1文あたりの候補数", 1, 10, key="ev_k")
st.button("根拠をさがす", key="ev_run", type="primary", on_click=run_trace, icon=":material/fact_check:")
for key in KEPT:
    ss[f"kept_{key}"] = ss.get(key)
st.caption(f"{tracing.MAX_DRAFT_CHARS:,}文字まで。見出し（「１．背景」など）は検索しません。"
           "草稿そのものがライブラリにある場合は、その文書を自動的に除外します。")
if ss.get("ev_problem"):
    st.error(ss["ev_problem"])


# ---------------------------------------------------------------- results
def render_evidence(t, e, n: int) -> None:
    hit, doc = e.hit, e.hit.document
    pid = hit.passage.passage_id
    who = hit_speaker_label(hit)
    meta = "　".join(x for x in (meeting_label(doc), date_label(doc), f"根拠の強さ：{e.label}") if x)
    st.markdown(f"**{esc(who)}**　<span class='giji-meta'>{esc(meta)}</span>", unsafe_allow_html=True)
    st.markdown(text_block(hit.passage.text, [], "giji-quote"), unsafe_allow_html=True)
    index = t.sentence.index
    if pid in ss.get("ev_accepted", {}).get(index, []):
        st.button("採用済み（脚注から外す）", key=f"ev_acc_{index}_{pid}", on_click=unaccept, args=(index, pid),
                  icon=":material/check_circle:", type="tertiary")
    else:
        st.button("この発言を根拠に採用", key=f"ev_acc_{index}_{pid}", on_click=accept, args=(index, pid),
                  icon=":material/add_task:")


def render_sentence(t) -> None:
    s = t.sentence
    with st.container(border=True, key=f"ev_sentence_{s.index}"):
        if s.heading or not s.searchable:
            st.markdown(f"**{esc(s.marker)} {esc(s.text)}**" if s.marker else f"**{esc(s.text)}**")
            st.caption("見出し・短い項目のため検索していません。")
            return
        st.markdown(f"{BADGES[t.strength]}　{esc(s.marker) + ' ' if s.marker else ''}{esc(s.text)}")
        if t.unsupported:
            st.caption("はっきり裏付ける発言は見つかりませんでした。近い候補を参考に示します。")
        shown, more = t.evidence[:2], t.evidence[2:]
        for n, e in enumerate(shown):
            render_evidence(t, e, n)
        if more:
            with st.expander(f"ほかの候補（{len(more)}件）"):
                for n, e in enumerate(more, len(shown)):
                    render_evidence(t, e, n)


result = ss.get("ev_trace")
if result is not None:
    searched = [t for t in result.sentences if t.strength is not None]
    missing = [t for t in searched if t.unsupported]
    st.subheader(f"{len(searched)}文を調べました（根拠が見つからない文：{len(missing)}件）")
    for own in result.excluded:
        st.info(f"草稿そのものと判断した文書を除外しました：{esc(own.title)}（草稿の{own.containment:.0%}を含む）")
    accepted = ss.get("ev_accepted", {})
    count = sum(len(v) for v in accepted.values())
    today = dt.date.today().strftime("%Y%m%d")
    with st.container(horizontal=True, vertical_alignment="center"):
        st.caption(f"採用した根拠：{count}件（Word・Markdown では脚注になります。メモ：{len(memo_clips() or [])}件）")
        for fmt in ("docx", "md", "csv"):
            label, mime, render = tracing.EXPORTS[fmt]
            st.download_button(label, render(result, accepted), file_name=f"draft-evidence-{today}.{fmt}",
                               mime=mime, key=f"ev_export_{fmt}", on_click="ignore", icon=":material/download:")
    for t in result.sentences:
        render_sentence(t)
