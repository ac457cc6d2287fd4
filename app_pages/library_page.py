"""ライブラリ: the indexed documents, uploads that are checked before they enter corpus/, and removal."""
import math

import pandas as pd
import streamlit as st

from app_support.library import UPLOAD_TYPES, UploadRefused, add_upload, japanese_error_line, remove_document
from app_support.runtime import corpus_dir, get_engine, index_dir, page_state, update_index
from app_support.state import LibraryPage, SearchPage
from app_support.view import esc
from search import settings
from search.labels import date_label, doc_type_label, newest_first

page = page_state(LibraryPage)
engine = get_engine()
max_mb = float(settings.get("max_upload_mb"))

st.title("ライブラリ")
if page.message:
    (kind, text), page.message = page.message, None
    (st.success if kind == "ok" else st.warning)(esc(text))

documents = newest_first(engine.documents())
rows = []
for d in documents:
    remarks = engine.remarks_of(d.doc)
    rows.append({"文書": d.title, "種類": doc_type_label(d.doc_type), "日付": date_label(d),
                 "発言": len(remarks), "発言者": len({r.speaker for r in remarks if r.speaker}),
                 "機関・会議": d.organisation or d.meeting or "", "ファイル": d.doc})
st.caption(f"{len(rows)}文書を検索できます。")
st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
errors = engine.info().get("errors") or []
for error in errors:
    st.warning(f"索引に入らなかったファイル：{esc(japanese_error_line(error))}")


def refresh(report, done: str) -> None:
    """After a change: say what the update did, then rerun so every page sees the new index."""
    problems = "".join(f"\n- {japanese_error_line(str(e))}" for e in report.errors)
    page.message = ("warn" if report.errors else "ok", done + (f"（注意：{problems}）" if problems else ""))
    page_state(SearchPage).results = None
    st.rerun()


st.subheader("文書を追加")
st.caption(f"テキスト（.txt・Markdown の .md）・Word（.docx）・PDF（文字を含むもの）・HTML・CSV や Excel（.xlsx）の表（発言者と発言の列、または行ごと）と、国会会議録検索システムの API の応答"
           f"（.json・.xml）や発言一覧の .json を追加できます。1ファイル {max_mb:g} MB まで。追加すると索引を自動で更新します。")
upload = st.file_uploader("ファイルを選ぶ", type=list(UPLOAD_TYPES), max_upload_size=max(1, math.ceil(max_mb)),
                          key=f"upload_{page.upload_round}")
if upload is not None and st.button("ライブラリに追加", type="primary", icon=":material/upload_file:"):
    try:
        add_upload(upload.name, upload.getvalue(), corpus_dir(), max_mb)
    except UploadRefused as e:
        st.error(esc(e))
    else:
        page.upload_round += 1       # a fresh, empty uploader after the rerun
        report = update_index(f"「{upload.name}」を索引に追加しています")
        refresh(report, f"「{upload.name}」を追加しました。")

st.subheader("文書を削除")
name = st.selectbox("削除する文書", [r["ファイル"] for r in rows], index=None, placeholder="文書を選ぶ",
                    format_func=lambda n: next(f"{r['文書']}（{n}）" for r in rows if r["ファイル"] == n))
if name:
    sure = st.checkbox("ファイルを corpus/ から削除し、索引からも外します")
    if st.button("削除", disabled=not sure, icon=":material/delete:"):
        try:
            remove_document(name, corpus_dir())
        except UploadRefused as e:
            st.error(esc(e))
        else:
            report = update_index(f"「{name}」を索引から外しています")
            refresh(report, f"「{name}」を削除しました。")

st.subheader("索引を検査")
st.caption("索引のすべてのファイルを、書き込んだときの検査値と照らし合わせ、数値が壊れていないか調べます（数秒〜数十秒）。")
if st.button("索引を検査", icon=":material/verified:"):
    from search.store import verify

    with st.spinner("索引を検査しています…"):
        problems = verify(index_dir())
    if problems:
        st.error("索引に問題があります。`python -m search index` で作り直してください（コーパスのファイルと保存したメモは"
                 "そのまま残ります）。\n\n" + "\n".join(f"- {esc(p)}" for p in problems))
    else:
        st.success(f"索引に問題はありません（{len(rows)}文書）。")
