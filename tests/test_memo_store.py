"""The on-disk memo store: named memos, clippings that survive a restart, two writers, and damaged stores."""
from __future__ import annotations

import threading

import pytest

from search import memo
from search.memo import Clip
from search.memo_store import DEFAULT_NAME, FILE_NAME, MemoStore, MemoStoreError
from tests.test_memo import IIJIMA, TOMIYAMA, TOMIYAMA_CITATION, seed_hit


def clip(speaker: str, quote: str, order: int) -> Clip:
    return memo.clip_from_hit(seed_hit(speaker, quote, order))


@pytest.fixture
def store(tmp_path) -> MemoStore:
    return MemoStore(tmp_path / "data")


def test_first_use_opens_a_default_memo(store):
    memo_id = store.last_or_new()
    assert [m.name for m in store.memos()] == [DEFAULT_NAME]
    assert store.last_or_new() == memo_id                       # not a second one


def test_clippings_and_notes_survive_a_restart(store, tmp_path):
    memo_id = store.last_or_new()
    assert store.add(memo_id, clip("冨山委員", TOMIYAMA, 9))
    assert store.add(memo_id, clip("飯島委員", IIJIMA, 5))
    assert not store.add(memo_id, clip("冨山委員", TOMIYAMA, 9))  # the same passage once
    store.set_note(memo_id, "004_2b152710ce42e84e.txt#9/0", "O&Mを含むソフト面 → 新戦略の柱に")
    reopened = MemoStore(tmp_path / "data")                      # a new process, same folder
    clips = reopened.clips(reopened.last_or_new())
    assert [c.speaker for c in clips] == ["冨山委員", "飯島委員"]
    assert clips[0].quote == TOMIYAMA and clips[0].citation == TOMIYAMA_CITATION
    assert clips[0].note == "O&Mを含むソフト面 → 新戦略の柱に"


def test_a_store_from_before_sources_opens_and_keeps_them_from_now_on(tmp_path):
    import sqlite3

    folder = tmp_path / "data"
    folder.mkdir()
    old = sqlite3.connect(folder / FILE_NAME)                    # the schema as it was, with one clipping
    old.executescript("""
        CREATE TABLE memos (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE, created TEXT NOT NULL,
                            opened TEXT NOT NULL);
        CREATE TABLE clips (memo_id INTEGER NOT NULL REFERENCES memos(id) ON DELETE CASCADE,
            passage_id TEXT NOT NULL, remark_id TEXT NOT NULL, doc TEXT NOT NULL, quote TEXT NOT NULL,
            citation TEXT NOT NULL, speaker TEXT, title TEXT NOT NULL, date TEXT, note TEXT NOT NULL DEFAULT '',
            position INTEGER NOT NULL, added TEXT NOT NULL, PRIMARY KEY (memo_id, passage_id));
        INSERT INTO memos VALUES (1, '以前のメモ', '2026-01-01', '2026-01-01');
        INSERT INTO clips VALUES (1, 'a.txt#0/0', 'a.txt#0', 'a.txt', '引用', '出典', '冨山委員', '題', NULL, 'メモ',
                                  1, '2026-01-01');""")
    old.commit()
    old.close()
    store = MemoStore(folder)
    [before] = store.clips(1)
    assert (before.quote, before.note, before.source) == ("引用", "メモ", None)    # nothing lost
    online = clip("冨山委員", TOMIYAMA, 9)
    online.source = "https://kokkai.ndl.go.jp/txt/121303815X01320240730"
    assert store.add(1, online)
    assert MemoStore(folder).clips(1)[1].source == online.source


def test_move_and_remove(store):
    memo_id = store.last_or_new()
    a, b = clip("冨山委員", TOMIYAMA, 9), clip("飯島委員", IIJIMA, 5)
    store.add(memo_id, a)
    store.add(memo_id, b)
    store.move(memo_id, b.passage_id, -1)
    assert [c.speaker for c in store.clips(memo_id)] == ["飯島委員", "冨山委員"]
    store.move(memo_id, b.passage_id, -1)                        # already first
    assert [c.speaker for c in store.clips(memo_id)] == ["飯島委員", "冨山委員"]
    store.remove(memo_id, b.passage_id)
    assert [c.speaker for c in store.clips(memo_id)] == ["冨山委員"]


def test_named_memos_create_rename_switch_delete(store):
    first = store.last_or_new()
    store.add(first, clip("冨山委員", TOMIYAMA, 9))
    second = store.create("DX・O&M論点メモ")
    store.add(second, clip("飯島委員", IIJIMA, 5))
    assert store.memos()[0].name == "DX・O&M論点メモ"              # the newest is opened by default
    store.open(first)
    assert store.last_or_new() == first
    with pytest.raises(MemoStoreError, match="すでにあります"):
        store.create("DX・O&M論点メモ")
    with pytest.raises(MemoStoreError, match="名前を入力"):
        store.rename(second, "   ")
    store.rename(second, "人材育成メモ")
    assert store.find("人材育成メモ") == second and store.find("DX・O&M論点メモ") is None
    assert [c.speaker for c in store.clips(second)] == ["飯島委員"]
    store.delete(second)
    assert [(m.name, m.clips) for m in store.memos()] == [(DEFAULT_NAME, 1)]
    assert store.clips(second) == []
    with pytest.raises(MemoStoreError, match="削除されています"):
        store.add(second, clip("飯島委員", IIJIMA, 5))


def test_two_writers_keep_each_others_additions(tmp_path):
    """Two tabs (two store objects, several threads) adding to one memo: every addition is kept."""
    tab_a, tab_b = MemoStore(tmp_path / "data"), MemoStore(tmp_path / "data")
    memo_id = tab_a.last_or_new()
    quotes = [f"{TOMIYAMA}（{n}）" for n in range(40)]

    def add(store: MemoStore, numbers) -> None:
        for n in numbers:
            store.add(memo_id, clip("冨山委員", quotes[n], 100 + n))

    threads = [threading.Thread(target=add, args=(tab, range(start, 40, 4)))
               for start, tab in zip(range(4), (tab_a, tab_b, tab_a, tab_b))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    kept = tab_b.clips(memo_id)
    assert sorted(c.quote for c in kept) == sorted(quotes)
    tab_a.set_note(memo_id, kept[0].passage_id, "Aのメモ")
    tab_b.add(memo_id, clip("飯島委員", IIJIMA, 5))               # B adds after A's note: A's note stays
    assert tab_a.clips(memo_id)[0].note == "Aのメモ" and len(tab_a.clips(memo_id)) == 41


def test_a_corrupt_store_is_refused_in_one_line_and_left_untouched(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    damaged = b"not a memo store " * 200
    (folder / FILE_NAME).write_bytes(damaged)
    with pytest.raises(MemoStoreError) as e:
        MemoStore(folder)
    assert "\n" not in str(e.value) and "壊れています" in str(e.value) and "検索はそのまま" in str(e.value)
    assert (folder / FILE_NAME).read_bytes() == damaged


def test_an_unusable_data_folder_is_refused_in_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(MemoStoreError) as e:
        MemoStore(blocker / "data")
    assert "\n" not in str(e.value) and "GIJI_DATA" in str(e.value)
