"""Named memos kept on disk (SQLite under the user data folder): every add, note, move and delete is its own write."""
from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from search.memo import Clip

FILE_NAME = "memos.sqlite"
DEFAULT_NAME = "検討メモ"
MAX_NAME = 80
_CLIP_FIELDS = ("passage_id", "remark_id", "doc", "quote", "citation", "speaker", "title", "date", "note", "source")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS memos (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    created TEXT NOT NULL,
    opened TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS clips (
    memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
    passage_id TEXT NOT NULL, remark_id TEXT NOT NULL, doc TEXT NOT NULL,
    quote TEXT NOT NULL, citation TEXT NOT NULL, speaker TEXT, title TEXT NOT NULL, date TEXT,
    note TEXT NOT NULL DEFAULT '',
    source TEXT,
    position INTEGER NOT NULL,
    added TEXT NOT NULL,
    PRIMARY KEY (memo_id, passage_id)
);
"""


class MemoStoreError(Exception):
    """The memo store cannot be read or written; the message is one line for the page, in the user's words."""


@dataclass(frozen=True)
class MemoInfo:
    """One named memo as listed: id, name, how many clippings."""

    id: int
    name: str
    clips: int


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def check_name(name: str) -> str:
    """The memo name stripped, or MemoStoreError saying what a name may be."""
    name = " ".join((name or "").split())
    if not name:
        raise MemoStoreError("メモの名前を入力してください。")
    if len(name) > MAX_NAME:
        raise MemoStoreError(f"メモの名前は{MAX_NAME}文字までにしてください。")
    return name


class MemoStore:
    """The memos of one user data folder. Each method is one short transaction, so two browser tabs editing the
    same memo each keep their additions; nothing is ever rewritten as a whole, and a damaged file is left as it is."""

    def __init__(self, folder: Path | str):
        self.path = Path(folder) / FILE_NAME
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise MemoStoreError(f"メモの保存先フォルダ {self.path.parent} を作れません（{e.strerror}）。"
                                 "環境変数 GIJI_DATA で書き込めるフォルダを指定してください。") from None
        with self._read() as db:
            db.executescript(_SCHEMA)          # its own transaction; refuses a file that is not a memo store
            if "source" not in {row[1] for row in db.execute("PRAGMA table_info(clips)")}:
                db.execute("ALTER TABLE clips ADD COLUMN source TEXT")      # a store from before sources were kept

    # ---------------------------------------------------------------- connections
    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        db.execute("PRAGMA foreign_keys = ON")
        return db

    @contextmanager
    def _write(self):
        """One write transaction; any SQLite problem becomes one MemoStoreError line, and nothing is half written."""
        try:
            with closing(self._connect()) as db:
                db.execute("BEGIN IMMEDIATE")
                try:
                    yield db
                except BaseException:
                    db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
        except sqlite3.DatabaseError as e:
            raise self._problem(e) from None

    @contextmanager
    def _read(self):
        try:
            with closing(self._connect()) as db:
                yield db
        except sqlite3.DatabaseError as e:
            raise self._problem(e) from None

    def _problem(self, e: sqlite3.DatabaseError) -> MemoStoreError:
        text = str(e)
        if "not a database" in text or "malformed" in text:
            why = "ファイルが壊れています。ファイルはそのまま残しています。別の場所に移すか GIJI_DATA を変えてください"
        elif "readonly" in text or "unable to open" in text or "disk I/O" in text:
            why = "書き込めません。フォルダの権限を確かめるか、環境変数 GIJI_DATA で書き込める場所を指定してください"
        elif "locked" in text or "busy" in text:
            why = "ほかの処理が使用中です。少し待ってからもう一度操作してください"
        else:
            why = f"{text}"
        return MemoStoreError(f"メモを保存できません：{self.path}（{why}）。検索はそのまま使えます。")

    # ---------------------------------------------------------------- memos
    def memos(self) -> list[MemoInfo]:
        """Every memo, most recently opened first."""
        with self._read() as db:
            rows = db.execute("SELECT m.id, m.name, COUNT(c.passage_id) FROM memos m "
                              "LEFT JOIN clips c ON c.memo_id = m.id GROUP BY m.id "
                              "ORDER BY m.opened DESC, m.id DESC").fetchall()
        return [MemoInfo(*row) for row in rows]

    def create(self, name: str) -> int:
        """A new empty memo (opened now); MemoStoreError when the name is empty or already used."""
        name = check_name(name)
        with self._write() as db:
            if db.execute("SELECT 1 FROM memos WHERE name = ?", (name,)).fetchone():
                raise MemoStoreError(f"「{name}」という名前のメモはすでにあります。別の名前にしてください。")
            now = _now()
            return db.execute("INSERT INTO memos (name, created, opened) VALUES (?, ?, ?)",
                              (name, now, now)).lastrowid

    def find(self, name: str) -> int | None:
        with self._read() as db:
            row = db.execute("SELECT id FROM memos WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def name(self, memo_id: int) -> str | None:
        with self._read() as db:
            row = db.execute("SELECT name FROM memos WHERE id = ?", (memo_id,)).fetchone()
        return row[0] if row else None

    def rename(self, memo_id: int, name: str) -> None:
        name = check_name(name)
        with self._write() as db:
            other = db.execute("SELECT id FROM memos WHERE name = ?", (name,)).fetchone()
            if other and other[0] != memo_id:
                raise MemoStoreError(f"「{name}」という名前のメモはすでにあります。別の名前にしてください。")
            if not db.execute("UPDATE memos SET name = ? WHERE id = ?", (name, memo_id)).rowcount:
                raise MemoStoreError("このメモは削除されています。一覧から選び直してください。")

    def delete(self, memo_id: int) -> None:
        """The memo and its clippings (the page asks for confirmation first)."""
        with self._write() as db:
            db.execute("DELETE FROM memos WHERE id = ?", (memo_id,))

    def open(self, memo_id: int) -> None:
        """Mark the memo as the last one used, so it opens by default next time."""
        with self._write() as db:
            db.execute("UPDATE memos SET opened = ? WHERE id = ?", (_now(), memo_id))

    def last_or_new(self) -> int:
        """The memo used last, or a new 「検討メモ」 when there is none yet."""
        memos = self.memos()
        if memos:
            return memos[0].id
        try:
            return self.create(DEFAULT_NAME)
        except MemoStoreError:              # another tab created it a moment ago
            found = self.find(DEFAULT_NAME)
            if found is None:
                raise
            return found

    # ---------------------------------------------------------------- clippings
    def clips(self, memo_id: int) -> list[Clip]:
        with self._read() as db:
            rows = db.execute(f"SELECT {', '.join(_CLIP_FIELDS)} FROM clips WHERE memo_id = ? "
                              "ORDER BY position, added", (memo_id,)).fetchall()
        return [Clip(**dict(zip(_CLIP_FIELDS, row))) for row in rows]

    def add(self, memo_id: int, clip: Clip) -> bool:
        """Append a clipping at the end; False when the same passage is already in the memo."""
        with self._write() as db:
            if not db.execute("SELECT 1 FROM memos WHERE id = ?", (memo_id,)).fetchone():
                raise MemoStoreError("このメモは削除されています。一覧から選び直してください。")
            if db.execute("SELECT 1 FROM clips WHERE memo_id = ? AND passage_id = ?",
                          (memo_id, clip.passage_id)).fetchone():
                return False
            last = db.execute("SELECT MAX(position) FROM clips WHERE memo_id = ?", (memo_id,)).fetchone()[0]
            values = [getattr(clip, f) for f in _CLIP_FIELDS]
            db.execute(f"INSERT INTO clips ({', '.join(_CLIP_FIELDS)}, memo_id, position, added) "
                       f"VALUES ({', '.join('?' * len(_CLIP_FIELDS))}, ?, ?, ?)",
                       (*values, memo_id, (last or 0) + 1, _now()))
            return True

    def remove(self, memo_id: int, passage_id: str) -> None:
        with self._write() as db:
            db.execute("DELETE FROM clips WHERE memo_id = ? AND passage_id = ?", (memo_id, passage_id))

    def set_note(self, memo_id: int, passage_id: str, note: str) -> None:
        with self._write() as db:
            db.execute("UPDATE clips SET note = ? WHERE memo_id = ? AND passage_id = ?",
                       (note or "", memo_id, passage_id))

    def move(self, memo_id: int, passage_id: str, step: int) -> None:
        """Swap a clipping with its neighbour above (step=-1) or below (+1); past either end nothing moves."""
        with self._write() as db:
            order = [r[0] for r in db.execute("SELECT passage_id FROM clips WHERE memo_id = ? "
                                              "ORDER BY position, added", (memo_id,))]
            if passage_id not in order:
                return
            i = order.index(passage_id)
            j = i + step
            if not 0 <= j < len(order):
                return
            order[i], order[j] = order[j], order[i]
            db.executemany("UPDATE clips SET position = ? WHERE memo_id = ? AND passage_id = ?",
                           [(n, memo_id, pid) for n, pid in enumerate(order, 1)])
