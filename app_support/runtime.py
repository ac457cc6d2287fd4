"""The Streamlit side shared by the app's pages: model and engine loaded once per server, index upkeep, the memo."""
from __future__ import annotations

import logging
import threading
from pathlib import Path

import streamlit as st

from app_support.state import AppSession, MemoPanel
from app_support.view import esc
from search import settings
from search.memo import Clip, clip_from_hit
from search.memo_store import MemoStore, MemoStoreError
from search.records import Hit

log = logging.getLogger("gijiroku.app")

STAGE_LABELS = {"parsing": "文書を読み込み中", "embedding": "意味ベクトルを計算中", "sentences": "文ごとの意味ベクトルを計算中",
                "vector index": "ベクトル索引を作成中", "keyword index": "キーワード索引を作成中", "done": "完了"}


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
def load_encoder(model_setting: str, backend: str):
    """The embedding model, once per server process (the model setting and the backend key the cache)."""
    from search.embed import Encoder, ModelError

    try:
        return Encoder.open(backend=backend)
    except ModelError as e:
        raise AppProblem(f"モデルを読み込めませんでした：{e}") from None


def encoder(index: Path | None = None):
    """The encoder for an index (the live one by default): on the backend it was built with unless
    GIJI_BACKEND chooses one (search.embed.backend_for)."""
    from search.embed import backend_for
    from search.store import read_manifest

    manifest = read_manifest(index or index_dir()) or {}
    return load_encoder(settings.get("model"), backend_for(manifest.get("model")))


def index_version(index: Path) -> str | None:
    from search.store import read_manifest

    manifest = read_manifest(index)
    return manifest.get("version") if manifest else None


@st.cache_resource(show_spinner="索引を開いています…", max_entries=2)
def _open_engine(index: str, version: str | None, model_setting: str):
    from search.engine import Engine, SearchError

    try:
        return Engine.open(index, encoder=encoder(Path(index)))
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
        raise AppProblem(f"文書フォルダ {corpus_dir()} がありません。作成して .txt / .md / .docx / .pdf / .html / .csv / .xlsx を置いてください"
                         "（場所は環境変数 GIJI_CORPUS で変えられます）。")
    if needs_build(corpus_dir(), index_dir(), encoder().name):
        report = update_index("索引を作成・更新しています")
        for error in report.errors:
            st.warning(f"読み込めなかった文書があります：{esc(error)}")
    session.index_checked = key


# ---------------------------------------------------------------- memo (saved on disk, one write per operation)
@st.cache_resource(show_spinner=False)
def _memo_store(folder: str) -> MemoStore:
    return MemoStore(folder)


def memo_store() -> MemoStore:
    """The store under GIJI_DATA; MemoStoreError (one line) when it cannot be opened."""
    return _memo_store(settings.get("data"))


def open_memo() -> tuple[MemoStore, int] | None:
    """The store and the memo this session shows: the URL's memo on a first visit, else the one used last.

    None when the store cannot be used; MemoPanel.problem then holds the one line the page shows."""
    panel = page_state(MemoPanel)
    try:
        store = memo_store()
        if panel.memo_id is None:
            wanted = st.query_params.get("memo")
            panel.memo_id = (store.find(wanted) if wanted else None) or store.last_or_new()
            store.open(panel.memo_id)
            if wanted and store.find(wanted) is None:
                panel.notice = f"リンクのメモ「{wanted}」は見つからないため、「{store.name(panel.memo_id)}」を開いています。"
        elif store.name(panel.memo_id) is None:          # deleted in another tab
            panel.memo_id = store.last_or_new()
            panel.notice = (f"開いていたメモは別のタブで削除されました。いまは「{store.name(panel.memo_id)}」を開いています。"
                            "追加や編集はこのメモに対して、もう一度行ってください。")
    except MemoStoreError as e:
        panel.problem = str(e)
        return None
    return store, panel.memo_id


def memo_clips() -> list[Clip] | None:
    """The open memo's clippings, read fresh (another tab may have added some); None when the store fails."""
    opened = open_memo()
    if opened is None:
        return None
    store, memo_id = opened
    try:
        return store.clips(memo_id)
    except MemoStoreError as e:
        page_state(MemoPanel).problem = str(e)
        return None


def _memo_write(action, *args) -> bool:
    """Run one store operation on the open memo; a failure becomes the panel's one line, nothing is lost."""
    panel = page_state(MemoPanel)
    before = panel.memo_id
    opened = open_memo()
    if opened is None:
        return False
    store, memo_id = opened
    if before is not None and memo_id != before:       # its memo was deleted in another tab: file nothing elsewhere
        return False
    try:
        result = getattr(store, action)(memo_id, *args)
    except MemoStoreError as e:
        panel.problem = str(e)
        return False
    panel.problem = None
    return result if result is not None else True


def memo_add(hit: Hit) -> None:
    added = _memo_write("add", clip_from_hit(hit))
    panel = page_state(MemoPanel)
    if added:
        name = memo_store().name(panel.memo_id)
        st.toast(f"メモ「{esc(name)}」に追加しました：{esc(hit.passage.speaker or hit.document.title)}")
    elif panel.problem is None and panel.notice is None:
        st.toast("この箇所はすでにメモにあります")


def memo_add_clip(clip: Clip) -> bool:
    """Add a clipping made elsewhere (根拠をさがす); True when it was added, False when it was there or failed."""
    return bool(_memo_write("add", clip))


def memo_move(passage_id: str, step: int) -> None:
    _memo_write("move", passage_id, step)


def memo_remove(passage_id: str) -> None:
    _memo_write("remove", passage_id)


def memo_note_changed(passage_id: str, key: str) -> None:
    _memo_write("set_note", passage_id, st.session_state.get(key, ""))


def memo_switch(memo_id: int) -> None:
    panel = page_state(MemoPanel)
    try:
        memo_store().open(memo_id)
    except MemoStoreError as e:
        panel.problem = str(e)
        return
    panel.memo_id, panel.problem = memo_id, None


def memo_create(name: str, box: str | None = None) -> None:
    """Create a memo and open it; the name box (its widget key) is emptied for the next one."""
    panel = page_state(MemoPanel)
    try:
        memo_id = memo_store().create(name)
    except MemoStoreError as e:
        panel.problem = str(e)
        return
    panel.memo_id, panel.problem = memo_id, None
    if box:
        st.session_state[box] = ""


def memo_rename(name: str) -> None:
    _memo_write("rename", name)


def memo_delete() -> None:
    """Delete the open memo (the page asked for confirmation), open the one used last before it, and say so."""
    panel = page_state(MemoPanel)
    try:
        name = memo_store().name(panel.memo_id) if panel.memo_id is not None else None
    except MemoStoreError as e:
        panel.problem = str(e)
        return
    if not _memo_write("delete"):
        return
    try:
        store = memo_store()
        panel.memo_id = store.last_or_new()
        store.open(panel.memo_id)
    except MemoStoreError as e:
        panel.memo_id, panel.problem = None, str(e)
        return
    st.toast(f"メモ「{esc(name)}」を削除しました。いまは「{esc(store.name(panel.memo_id))}」を開いています。")


# ---------------------------------------------------------------- errors
def show_unexpected(e: Exception) -> None:
    """One short message on the page; the traceback goes to the server log only."""
    log.exception("unexpected error in the app")
    st.error(f"処理中に問題が起きました（{type(e).__name__}）。ページを再読み込みしてもう一度試してください。"
             "続くときは管理者にサーバーのログを確認してもらってください。")
