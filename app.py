"""Streamlit front end: search council minutes and evaluation sheets, draft a memo, manage the library."""
import streamlit as st

from app_support import japanese
from app_support.runtime import AppProblem, ensure_index, show_unexpected
from app_support.view import esc

st.set_page_config(page_title="議事録サーチ", page_icon=":material/manage_search:", layout="wide")

PAGES = [
    st.Page("app_pages/search_page.py", title="検索", icon=":material/search:", url_path="search", default=True),
    st.Page("app_pages/evidence_page.py", title="根拠をさがす", icon=":material/fact_check:", url_path="evidence"),
    st.Page("app_pages/explore.py", title="探索", icon=":material/hub:", url_path="explore"),
    st.Page("app_pages/document_page.py", title="文書", icon=":material/description:", url_path="document"),
    st.Page("app_pages/library_page.py", title="ライブラリ", icon=":material/folder_open:", url_path="library"),
]

japanese.install()
page = st.navigation(PAGES, position="top")
try:
    ensure_index()
    page.run()
except AppProblem as e:
    st.error(esc(e))
except Exception as e:  # noqa: BLE001 - the page shows one short line, the log keeps the traceback
    show_unexpected(e)
