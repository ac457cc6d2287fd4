"""A tiny Streamlit script for AppTest: the Explore page body on the engine the test puts in the session."""
import streamlit as st

from app_support.explore import render

render(st.session_state["test_engine"], document_page=None)
