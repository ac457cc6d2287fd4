"""文書: the full repaired text of one document, remark by remark, with the remark a card pointed at marked."""
import streamlit as st

from app_support.runtime import get_engine
from app_support.view import esc, highlight_html, merge_spans, passage_spans
from search.engine import SearchError
from search.labels import date_label, doc_type_label, meeting_label, newest_first, speaker_label

CSS = """<style>
mark { background: #ffd84d; color: inherit; padding: 0 .1em; border-radius: 2px; }
.giji-remark { line-height: 1.8; margin: .1rem 0 1rem; }
.giji-remark.target { background: #fff8d6; border-left: 4px solid #e0a800; padding: .5rem .8rem; }
.giji-who { font-weight: 600; margin-top: .6rem; }
</style>"""

engine = get_engine()
st.markdown(CSS, unsafe_allow_html=True)
documents = newest_first(engine.documents())
names = [d.doc for d in documents]
wanted = st.query_params.get("doc")
target = st.query_params.get("remark")
passage_ids = st.query_params.get_all("passage")
if wanted and wanted not in names:
    st.warning(f"文書「{esc(wanted)}」は索引にありません（削除されたかもしれません）。一覧から選んでください。")
    wanted = None

choice = st.selectbox("文書", names, index=names.index(wanted) if wanted else 0,
                      format_func=lambda n: f"{next(d.title for d in documents if d.doc == n)}（{n}）",
                      help="新しい順に並んでいます。検索結果の「文書で見る」から開くと、その発言の位置に移動します。")
if choice != wanted:
    st.query_params["doc"] = choice
    if target and not target.startswith(choice + "#"):
        for key in ("remark", "passage"):
            st.query_params.pop(key, None)
        target, passage_ids = None, []

try:
    doc = engine.document(choice)
    remarks = engine.remarks_of(choice)
except SearchError as e:
    st.error(esc(e))
    st.stop()

st.title(esc(meeting_label(doc)))
facts = [doc_type_label(doc.doc_type), date_label(doc), doc.organisation, f"{len(remarks)}発言"]
st.caption(esc("　".join(x for x in facts if x)))
if doc.source:
    st.caption(f"出典：{esc(doc.source)}")
if target:
    st.info("検索結果の発言を黄色の枠で、その中の該当箇所を色付きで示しています。", icon=":material/my_location:")

# the card's passages, the one it showed first: all are marked, the view scrolls to the first
passages = [p for p in (engine.passage(pid) for pid in passage_ids) if p is not None]

section = object()
for remark in remarks:
    if remark.section != section:
        section = remark.section
        if section:
            st.subheader(esc(section), divider="gray")
    is_target = remark.remark_id == target
    anchor = f"r-{remark.order}"
    who = speaker_label(remark.speaker, remark.role, remark.label) if remark.speaker else ""
    head = f'<div class="giji-who" id="{anchor}">{esc(who)}</div>' if who else f'<div id="{anchor}"></div>'
    css = "giji-remark target" if is_target else "giji-remark"
    spans = passage_spans(remark.text, [p.text for p in passages]) if is_target else []
    st.markdown(f'{head}<div class="{css}">{highlight_html(remark.text, spans)}</div>', unsafe_allow_html=True)
    if is_target:
        # scroll the card's first passage (else the remark) into view, in a long speech too (st.html runs the
        # script in the page itself and takes no space)
        first = next((i for i, (s, e) in enumerate(merge_spans(spans)) if s <= spans[0][0] < e), 0) if spans else 0
        st.html(f"<script>const e = document.querySelectorAll('.giji-remark.target mark')[{first}] || "
                f"document.getElementById('{anchor}'); if (e) e.scrollIntoView({{block: 'center'}});</script>",
                unsafe_allow_javascript=True)
