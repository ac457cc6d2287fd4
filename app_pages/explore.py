"""探索: the Explore page; its body is app_support/explore.py (render(engine))."""
from app_support.explore import render
from app_support.runtime import get_engine

render(get_engine())
