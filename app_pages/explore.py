"""探索: the Explore page; its body lives in search/explore_page.py (render(engine))."""
import streamlit as st

from search.app_runtime import get_engine

try:
    from search.explore_page import render
except ModuleNotFoundError as e:
    if e.name != "search.explore_page":
        raise
    render = None

if render is None:
    st.title("探索")
    st.info("探索ページ（話題の地図・発言者の比較・推移）は準備中です。")
else:
    render(get_engine())
