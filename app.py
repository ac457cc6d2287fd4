"""Streamlit front end: search council minutes and evaluation sheets, draft a memo, manage the library."""
import streamlit as st

from app_support import japanese
from app_support.runtime import AppProblem, ensure_index, show_unexpected
from app_support.view import esc

st.set_page_config(page_title="議事録サーチ", page_icon=":material/manage_search:", layout="wide")

SEARCH = st.Page("app_pages/search_page.py", title="検索", icon=":material/search:", default=True)


def search_by_name() -> None:
    """/search?q=…, the address a planner may type or share: the search page (served at /) with the same query."""
    st.switch_page(SEARCH, query_params=[(k, v) for k in st.query_params for v in st.query_params.get_all(k)])


PAGES = [
    SEARCH,
    st.Page("app_pages/evidence_page.py", title="根拠をさがす", icon=":material/fact_check:", url_path="evidence"),
    st.Page("app_pages/explore.py", title="探索", icon=":material/hub:", url_path="explore"),
    st.Page("app_pages/document_page.py", title="文書", icon=":material/description:", url_path="document"),
    st.Page("app_pages/library_page.py", title="ライブラリ", icon=":material/folder_open:", url_path="library"),
    st.Page(search_by_name, title="検索", url_path="search", visibility="hidden"),
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
