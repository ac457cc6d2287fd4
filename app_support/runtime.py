"""The Streamlit side shared by the app's pages: model and engine loaded once per server, index upkeep, the memo."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import streamlit as st

from app_support.state import AppSession
from search import settings
from search.memo import Clip, add_clip, clip_from_hit, move_clip, remove_clip
from search.records import Hit

log = logging.getLogger("gijiroku.app")

STAGE_LABELS = {"parsing": "文書を読み込み中", "embedding": "意味ベクトルを計算中", "vector index": "ベクトル索引を作成中",
                "keyword index": "キーワード索引を作成中", "done": "完了"}


class AppProblem(Exception):
    """A problem the page shows as one short message (already in the user's words)."""


def corpus_dir() -> Path:
    return Path(settings.get("corpus"))


def index_dir() -> Path:
    return Path(settings.get("index"))


def page_state(cls):
    """The one shared-state object of a page (a dataclass from app_support.state), created on first use."""
    return st.session_state.setdefault(cls.__name__, cls())


# ---------------------------------------------------------------- model, index, engine
@st.cache_resource(show_spinner=False)
def _build_lock() -> threading.Lock:
    return threading.Lock()


@st.cache_resource(show_spinner="モデルを読み込んでいます…")
def load_encoder(model_setting: str):
    """The embedding model, once per server process (model_setting keys the cache when GIJI_MODEL changes)."""
    from search.embed import Encoder, ModelError

    try:
        return Encoder.open()
    except ModelError as e:
        raise AppProblem(f"モデルを読み込めませんでした：{e}") from None


def encoder():
    return load_encoder(settings.get("model"))


def index_version(index: Path) -> str | None:
    from search.store import read_manifest

    manifest = read_manifest(index)
    return manifest.get("version") if manifest else None


@st.cache_resource(show_spinner="索引を開いています…", max_entries=2)
def _open_engine(index: str, version: str | None, model_setting: str):
    from search.engine import Engine, SearchError

    try:
        return Engine.open(index, encoder=load_encoder(model_setting))
    except SearchError as e:
        raise AppProblem(f"索引を開けませんでした：{e}") from None


def get_engine():
    """The engine on the live index version; a rebuild (here or in another session) gives a fresh one."""
    index = index_dir()
    return _open_engine(str(index), index_version(index), settings.get("model"))


def update_index(label: str = "索引を更新しています"):
    """Bring the index up to date with corpus/ under a progress bar; returns the BuildReport."""
    from search.ingest import IngestError
    from search.store import StoreError, build_index

    bar = st.progress(0.0, text=label)

    def progress(stage: str, done: int, total: int) -> None:
        fraction = done / total if total else 1.0
        count = f"（{done}/{total}）" if total > 1 else ""
        bar.progress(min(max(fraction, 0.0), 1.0), text=f"{label}：{STAGE_LABELS.get(stage, stage)}{count}")

    with _build_lock():
        try:
            report = build_index(corpus_dir(), index_dir(), encoder=encoder(), progress=progress)
        except (StoreError, IngestError) as e:
            raise AppProblem(f"索引を作れませんでした：{e}") from None
    bar.empty()
    return report


def ensure_index() -> None:
    """Build or update the index when it is missing or older than corpus/ (checked once per session)."""
    from search.store import needs_build

    key = (str(corpus_dir()), str(index_dir()))
    session = page_state(AppSession)
    if session.index_checked == key:
        return
    if not corpus_dir().is_dir():
        raise AppProblem(f"文書フォルダ {corpus_dir()} がありません。作成して .txt / .pdf / .html を置いてください"
                         "（場所は環境変数 GIJI_CORPUS で変えられます）。")
    if needs_build(corpus_dir(), index_dir(), encoder().name):
        report = update_index("索引を作成・更新しています")
        for error in report.errors:
            st.warning(f"読み込めなかった文書があります：{error}")
    session.index_checked = key


# ---------------------------------------------------------------- memo (kept in the session, survives reruns)
def memo() -> list[Clip]:
    return st.session_state.setdefault("memo", [])


def memo_add(hit: Hit) -> None:
    if add_clip(memo(), clip_from_hit(hit)):
        st.toast(f"メモに追加しました：{hit.passage.speaker or hit.document.title}")
    else:
        st.toast("この箇所はすでにメモにあります")


def memo_move(index: int, step: int) -> None:
    move_clip(memo(), index, step)


def memo_remove(passage_id: str) -> None:
    remove_clip(memo(), passage_id)
    st.session_state.pop(f"note_{passage_id}", None)


def memo_note_changed(passage_id: str) -> None:
    for clip in memo():
        if clip.passage_id == passage_id:
            clip.note = st.session_state.get(f"note_{passage_id}", "")


# ---------------------------------------------------------------- errors
def show_unexpected(e: Exception) -> None:
    """One short message on the page; the traceback goes to the server log only."""
    log.exception("unexpected error in the app")
    st.error(f"処理中に問題が起きました（{type(e).__name__}）。ページを再読み込みしてもう一度試してください。"
             "続くときは管理者にサーバーのログを確認してもらってください。")
