"""The Streamlit app's flows through AppTest, on the seed index: search, filter, expand, memo, export, library."""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import os
import shutil
from pathlib import Path

import pytest

pytest.importorskip("streamlit")
import streamlit.testing.v1.app_test as app_test_module  # noqa: E402
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage  # noqa: E402
from streamlit.runtime.media_file_manager import MediaFileManager  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from app_support.view import esc  # noqa: E402
from search.engine import Engine  # noqa: E402
from search.memo_store import MemoStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
ARCHIVE = ROOT.parent / "shared" / "archive"
APP = str(ROOT / "app.py")
TIMEOUT = 120          # the first run loads the model
MEETING_CITATION = "インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨、2020年5月12日、"


class RecordingMediaStorage(MemoryMediaFileStorage):
    """AppTest's media storage, keeping what download buttons would serve so a test can read it, and the
    functions that make a download when it is clicked (the memo's exports), by their file id."""

    served: dict[str, bytes] = {}
    deferred: dict[str, object] = {}

    def load_and_get_id(self, path_or_data, mimetype, kind, filename=None):
        file_id = super().load_and_get_id(path_or_data, mimetype, kind, filename)
        RecordingMediaStorage.served[file_id] = self.get_file(file_id).content
        return file_id


def record_downloads(monkeypatch) -> None:
    """Keep what the app's download buttons serve (RecordingMediaStorage), so downloaded() can read it."""
    monkeypatch.setattr(app_test_module, "MemoryMediaFileStorage", RecordingMediaStorage)
    add_deferred = MediaFileManager.add_deferred

    def recording(self, data_callable, *args, **kwargs):
        file_id = add_deferred(self, data_callable, *args, **kwargs)
        RecordingMediaStorage.deferred[file_id] = data_callable
        return file_id

    monkeypatch.setattr(MediaFileManager, "add_deferred", recording)


@pytest.fixture
def app(seed_index, tmp_path, monkeypatch) -> AppTest:
    monkeypatch.setenv("GIJI_INDEX", str(seed_index))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    record_downloads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def search(at: AppTest, query: str) -> AppTest:
    at.text_input(key="w_q").input(query).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def result_passages(at: AppTest) -> list[str]:
    """Passage ids of the result cards, in order (from their 'add to memo' buttons)."""
    return [b.key[len("add_"):] for b in at.button if b.key and b.key.startswith("add_")
            and not b.key.startswith("add_sim_")]


def remark_of(passage_id: str) -> str:
    return passage_id.rsplit("/", 1)[0]


def page_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown) + "\n".join(c.value for c in at.caption)


def downloaded(at: AppTest, label: str) -> bytes:
    """What a download button gives when clicked (made then, for a deferred one)."""
    button = next(b for b in at.get("download_button") if b.label == label)
    if button.proto.HasField("deferred_file_id"):
        return RecordingMediaStorage.deferred[button.proto.deferred_file_id]()
    file_id = button.proto.url.rsplit("/", 1)[-1].split(".")[0]
    return RecordingMediaStorage.served[file_id]


def open_memo_id(at: AppTest) -> int:
    return at.session_state["MemoPanel"].memo_id


def saved_clips(at: AppTest):
    """The open memo's clippings as saved on disk (what a reload or a restart will show)."""
    return MemoStore(os.environ["GIJI_DATA"]).clips(open_memo_id(at))


# ---------------------------------------------------------------- opening: existing, missing, outdated index
def test_missing_index_is_built_when_the_app_opens(tmp_path, monkeypatch):
    index = tmp_path / "new-index"
    monkeypatch.setenv("GIJI_INDEX", str(index))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    assert (index / "CURRENT").exists()
    assert result_passages(search(at, "DXとO&M"))


def test_outdated_index_is_updated_when_the_app_opens(seed_index, tmp_path, monkeypatch):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(seed_index, index)
    (corpus / "001_18a45033f53aead0.txt").unlink()          # the index still has it
    monkeypatch.setenv("GIJI_INDEX", str(index))
    monkeypatch.setenv("GIJI_CORPUS", str(corpus))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception and not at.error
    at.switch_page("app_pages/library_page.py").run()
    files = set(at.dataframe[0].value["ファイル"])
    assert "001_18a45033f53aead0.txt" not in files and "004_2b152710ce42e84e.txt" in files


# ---------------------------------------------------------------- search
def test_opening_the_app_uses_the_existing_index_and_asks_for_a_query(app, seed_index):
    assert app.session_state["AppSession"].index_checked == (str(CORPUS), str(seed_index))
    assert any("検索欄に入力" in i.value for i in app.info)
    assert not result_passages(app)


def test_search_shows_cards_with_speakers(app, engine):
    search(app, "DXとO&M")
    passages = result_passages(app)
    assert len(passages) >= 3
    speakers = {engine.remark(remark_of(p)).speaker for p in passages}
    assert speakers & {"冨山委員", "柳川委員"}
    text = page_text(app)
    assert "<mark>" in text                                   # matched terms are highlighted
    assert "インフラ海外展開に関する新戦略策定に向けた懇談会 第2回" in text
    assert "2020年5月12日" in text
    assert app.query_params["q"] == "DXとO&M"                 # the URL carries the search


def test_an_english_query_says_which_words_it_also_searched_in_japanese(app):
    search(app, "telemedicine pilot projects overseas")
    assert "英語の語を和訳しても探しました：telemedicine → 遠隔医療" in [c.value for c in app.caption]
    assert "<mark>遠隔医療</mark>" in page_text(app)


def person_id(engine, label: str) -> str:
    """The person (one speaker of one body, every meeting) the speaker filter lists for a printed label."""
    [person] = [p for p in engine.persons() if label in p.labels]
    return person.person_id


def test_speaker_filter_keeps_only_that_person(app, engine):
    search(app, "DXとO&M")
    tomiyama = person_id(engine, "冨山委員")
    app.multiselect(key="w_speakers").select(tomiyama).run()
    passages = result_passages(app)
    assert passages
    assert {engine.remark(remark_of(p)).speaker for p in passages} == {"冨山委員"}
    assert app.query_params["speaker"] == tomiyama


def test_shared_url_restores_query_mode_and_filters(seed_index, tmp_path, monkeypatch, engine):
    monkeypatch.setenv("GIJI_INDEX", str(seed_index))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"q": "人材の育成", "mode": "keyword", "speaker": "飯島委員"})
    at.run()
    assert not at.exception
    assert at.text_input(key="w_q").value == "人材の育成"
    assert at.segmented_control(key="w_mode").value == "keyword"
    passages = result_passages(at)
    assert passages and {engine.remark(remark_of(p)).speaker for p in passages} == {"飯島委員"}
    assert not [w for w in at.warning if "リンクの次の条件" in w.value]


def test_a_shared_link_whose_filters_this_library_cannot_apply_says_which(seed_index, tmp_path, monkeypatch):
    monkeypatch.setenv("GIJI_INDEX", str(seed_index))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"q": "人材の育成", "mode": "xyz", "from": "2024-13-45", "speaker": ["飯島委員", "存在しない人"],
                            "type": "bogus", "doc": "../../etc/passwd", "memo": "消えたメモ"})
    at.run()
    assert not at.exception
    assert "リンクのメモ「消えたメモ」は見つからないため、「検討メモ」を開いています。" in [w.value for w in at.warning]
    assert [w.value for w in at.warning if "リンクの次の条件" in w.value] == [
        "リンクの次の条件はこの索引に当てはめられないため、外して検索しています：検索方法「xyz」、発言者「存在しない人」、"
        "会議・文書「../../etc/passwd」、文書の種類「bogus」、期間（から）「2024-13-45」"]
    assert result_passages(at)                                  # the search still runs, with what could be applied
    search(at, "DXとO&M")                                        # said once, not on every search after
    assert not [w for w in at.warning if "リンクの次の条件" in w.value]


def test_expanding_a_card_shows_the_whole_remark_and_its_neighbours(app, engine):
    search(app, "DXとO&M")
    first = result_passages(app)[0]
    app.toggle(key=f"ctx_{first}").set_value(True).run()
    assert not app.exception
    remark_id = remark_of(first)
    context = engine.context(remark_id, before=1, after=1)
    assert len(context) >= 2
    text = page_text(app)
    for remark in context:
        # every paragraph of the remark and its neighbours is on the page (marks aside)
        plain = text.replace("<mark>", "").replace("</mark>", "")
        assert esc(remark.paragraphs[-1][:30]) in plain.replace("<br>", "\n")
    assert "▶ この発言" in text and ("直前の発言" in text or "直後の発言" in text)


def test_a_speech_read_in_both_houses_is_one_card_linking_both(both_houses_index, tmp_path, monkeypatch):
    monkeypatch.setenv("GIJI_INDEX", str(both_houses_index))
    monkeypatch.setenv("GIJI_CORPUS", str(both_houses_index.parent / "corpus"))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    search(at, "地方創生二・〇として再起動")
    links = [p for p in at.get("page_link") if p.proto.label.startswith("同じ発言：")]
    assert len(links) == 1 and "院 本会議 第2号" in links[0].proto.label, [p.proto.label for p in links]
    assert "remark=" in links[0].proto.query_string and "document" in links[0].proto.page
    options = at.multiselect(key="w_speakers").options        # the speaker filter names the post, not the label again
    assert any(o.startswith("石破茂（内閣総理大臣）｜") for o in options), options[:5]
    assert not any("君）" in o or "（（" in o for o in options), [o for o in options if "君）" in o][:3]

    # one choice for everyone of a name both Houses print: the Prime Minister's remarks in either record
    everyone = [o for o in options if o.startswith("石破茂｜すべての会議（2）")]
    assert everyone == [options[0]], options[:3]
    at.multiselect(key="w_speakers").select("石破茂").run()
    search(at, "地方創生")
    speakers = [m.value for m in at.markdown if m.value.startswith("<div><b>")]
    assert speakers and all("石破茂" in m for m in speakers), speakers[:3]
    cards = [remark_of(p) for p in result_passages(at)]
    assert len(cards) == len(set(cards)), cards                  # fewer remarks than a page: still one card each
    assert at.query_params["speaker"] in ("石破茂", ["石破茂"]), at.query_params
    assert "絞り込み中：発言者：石破茂" in [c.value for c in at.caption]


def test_similar_remarks_come_from_other_remarks(app):
    search(app, "DXとO&M")
    first = result_passages(app)[0]
    app.toggle(key=f"sim_{first}").set_value(True).run()
    prefix = f"add_sim_{first}_"
    similar = [b.key[len(prefix):] for b in app.button if b.key and b.key.startswith(prefix)]
    assert similar
    assert remark_of(first) not in {remark_of(p) for p in similar}
    links = [p.proto.query_string for p in app.get("page_link") if p.proto.label == "文書で見る"]
    for passage in similar:                                     # similar remarks open in their document too
        assert any(passage.replace("#", "%23").replace("/", "%2F") in q for q in links)


def test_card_links_to_the_document_view_with_the_remark_marked(app):
    search(app, "DXとO&M")
    first = result_passages(app)[0]
    link = next(p for p in app.get("page_link") if p.proto.label == "文書で見る")
    assert "document" in link.proto.page
    # open the document page the way the link does: with the doc and remark in the URL
    assert link.proto.query_string and "passage=" in link.proto.query_string
    app.query_params.update({"doc": first.split("#")[0], "remark": remark_of(first), "passage": first})
    app.switch_page("app_pages/document_page.py").run()
    assert not app.exception
    marked = [m.value for m in app.markdown if "giji-remark target" in m.value]
    assert len(marked) == 1
    assert marked[0].count("<mark>") == 1                    # the passage itself, inside its remark


def test_the_document_view_marks_every_passage_of_the_card(app, engine):
    search(app, "DXとO&M")
    hit = next(h for h in engine.search("DXとO&M") if h.more)           # a card with folded passages
    link = next(p for p in app.get("page_link") if p.proto.label == "文書で見る"
                and hit.passage.passage_id.replace("#", "%23").replace("/", "%2F") in p.proto.query_string)
    assert link.proto.query_string.count("passage=") == 1 + len(hit.more)
    app.query_params.update({"doc": hit.doc, "remark": hit.remark.remark_id})
    app.query_params["passage"] = [p.passage_id for p in (hit.passage, *hit.more)]
    app.switch_page("app_pages/document_page.py").run()
    assert not app.exception
    [marked] = [m.value for m in app.markdown if "giji-remark target" in m.value]
    plain = marked.replace("<br>", "\n")
    for p in hit.passages:                                           # each passage is marked in its remark
        assert f"<mark>{esc(p.text)}</mark>" in plain


# ---------------------------------------------------------------- memo
def test_add_to_memo_and_export_markdown_and_csv_with_citation(app, engine):
    search(app, "DXとO&M")
    passages = result_passages(app)
    chosen = next(p for p in passages if engine.remark(remark_of(p)).speaker in {"冨山委員", "柳川委員"})
    speaker = engine.remark(remark_of(chosen)).speaker
    app.button(key=f"add_{chosen}").click().run()
    assert not app.exception
    assert any(s.value == "メモ（1件）" for s in app.subheader)
    assert app.button(key=f"add_{chosen}").disabled            # shown as already in the memo

    app.text_area(key=f"note_{open_memo_id(app)}_{chosen}").input("新戦略の柱として検討").run()
    app.text_input(key="w_q").input("現地人材の育成").run()        # the memo survives a new search
    assert any(s.value == "メモ（1件）" for s in app.subheader)

    citation = f"「{MEETING_CITATION}{speaker}」"
    markdown = downloaded(app, "Markdown").decode("utf-8")
    assert f"出典：{citation}" in markdown
    assert "新戦略の柱として検討" in markdown
    quote = next(h.text for h in engine.search("DXとO&M", k=20) if h.passage.passage_id == chosen)   # the card's
    assert quote.startswith(engine.passage(chosen).text) and quote.splitlines()[0] in markdown

    rows = list(csv.DictReader(io.StringIO(downloaded(app, "CSV").decode("utf-8-sig"))))
    assert [r["出典"] for r in rows] == [citation]
    assert rows[0]["引用"] == quote and rows[0]["メモ"] == "新戦略の柱として検討"
    assert downloaded(app, "Word")[:2] == b"PK"                 # a .docx is a zip file


def test_memo_order_can_be_changed(app, engine):
    search(app, "DXとO&M")
    first, second = result_passages(app)[:2]
    app.button(key=f"add_{first}").click().run()
    app.button(key=f"add_{second}").click().run()
    app.button(key=f"up_{second}").click().run()
    assert [c.passage_id for c in saved_clips(app)] == [second, first]
    app.button(key=f"drop_{second}").click().run()
    assert [c.passage_id for c in saved_clips(app)] == [first]


# ---------------------------------------------------------------- empty and no results
def test_empty_query_shows_examples_not_an_error(app):
    search(app, "   ")
    assert not app.error
    assert any("検索欄に入力" in i.value for i in app.info)
    example = next(b for b in app.button if b.key and b.key.startswith("ex_"))
    example.click().run()
    assert result_passages(app)


def test_query_with_no_results_says_so_and_what_to_loosen(app):
    app.segmented_control(key="w_mode").set_value("keyword").run()
    search(app, "zyxwvq")
    assert not app.error
    assert any("見つかりませんでした" in w.value for w in app.warning)
    assert "ハイブリッド" in page_text(app)
    app.button[[b.label for b in app.button].index("ハイブリッドで再検索")].click().run()
    assert app.segmented_control(key="w_mode").value == "hybrid"


def test_filters_that_exclude_everything_suggest_removing_them(app):
    search(app, "DXとO&M")
    app.date_input(key="w_from").set_value(__import__("datetime").date(2090, 1, 1)).run()
    assert any("見つかりませんでした" in w.value for w in app.warning)
    assert "期間を広げる" in page_text(app)
    app.button[[b.label for b in app.button].index("絞り込みを解除して再検索")].click().run()
    assert result_passages(app)


# ---------------------------------------------------------------- library
def library_on_copies(seed_index, tmp_path, monkeypatch) -> tuple[AppTest, Path]:
    """The app on the Library page over copies of the seed corpus and index (uploads may change them)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(CORPUS, corpus)
    shutil.copytree(seed_index, index)
    monkeypatch.setenv("GIJI_INDEX", str(index))
    monkeypatch.setenv("GIJI_CORPUS", str(corpus))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    record_downloads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("app_pages/library_page.py").run()
    return at, corpus


@pytest.fixture
def library_app(seed_index, tmp_path, monkeypatch) -> tuple[AppTest, Path]:
    at, corpus = library_on_copies(seed_index, tmp_path, monkeypatch)
    assert not at.exception, [e.value for e in at.exception]
    return at, corpus


def test_library_lists_documents_with_counts(library_app, engine):
    at, _ = library_app
    table = at.dataframe[0].value
    assert len(table) == len(engine.documents())
    minutes = table[table["ファイル"] == "004_2b152710ce42e84e.txt"].iloc[0]
    assert minutes["種類"] == "議事録" and minutes["日付"] == "2020年5月12日"
    assert minutes["発言者"] >= 8
    assert any("20 MB" in c.value for c in at.caption)


def test_the_library_checks_every_index_file_and_says_what_is_damaged(library_app, tmp_path):
    at, _ = library_app
    at.button[[b.label for b in at.button].index("索引を検査")].click().run()
    assert [m.value for m in at.success] == ["索引に問題はありません（5文書）。"] and not at.error
    vectors = next((tmp_path / "index").glob("*/vectors.npy"))
    data = bytearray(vectors.read_bytes())
    data[-7] ^= 0xFF                                           # one byte of one vector changed on disk
    vectors.write_bytes(bytes(data))
    at.button[[b.label for b in at.button].index("索引を検査")].click().run()
    assert len(at.error) == 1 and at.error[0].value.startswith("索引に問題があります。") and "vectors" in at.error[0].value
    assert not at.exception


def test_bad_upload_is_refused_and_changes_nothing(library_app):
    at, corpus = library_app
    before = sorted(p.name for p in corpus.iterdir())
    at.file_uploader[0].upload("議事要旨.txt", b"\xff\xfe\x00\xd8" * 8, "text/plain").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert at.error and not at.exception
    assert sorted(p.name for p in corpus.iterdir()) == before


LONG_SPEECH = ARCHIVE / "corpus" / "diet_121414319X00120241009.txt"   # a 3,254-character report on Noto


def test_context_of_a_long_speech_keeps_the_hit_in_view(library_app):
    """全文と前後 on a speech of thousands of characters shows the stretch around the card's passages and folds
    the rest, its beginning and its end, under expanders that say how long they are."""
    if not LONG_SPEECH.exists():
        pytest.skip(f"the archive is not at {ARCHIVE} (../shared/archive beside the repo)")
    at, _ = library_app
    at.file_uploader[0].upload(LONG_SPEECH.name, LONG_SPEECH.read_bytes(), "text/plain").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert not at.exception and not at.error
    at.switch_page("app_pages/search_page.py").run()
    search(at, "輪島朝市の火災被害")
    first = next(p for p in result_passages(at) if p.startswith(LONG_SPEECH.name))
    at.toggle(key=f"ctx_{first}").set_value(True).run()
    assert not at.exception
    [current] = [m.value for m in at.markdown if "giji-ctx current" in m.value]
    folded = [e.label for e in at.expander if e.label.startswith("発言の")]
    assert folded, "a 3,000-character speech is not shown whole"
    assert all(label.endswith("字）") for label in folded)
    plain = current.replace("<mark>", "").replace("</mark>", "").replace("<br>", "\n")
    hit = next(h for h in Engine.open(os.environ["GIJI_INDEX"]).search("輪島朝市の火災被害")
               if h.passage.passage_id == first)
    assert all(esc(p.text) in plain for p in hit.passages)              # the card's passages are in view
    assert len(plain) < len(hit.remark.text) - 500                      # and not the whole speech


def test_upload_adds_a_document_to_the_index(library_app):
    at, corpus = library_app
    minutes = (CORPUS / "004_2b152710ce42e84e.txt").read_text(encoding="utf-8")
    at.file_uploader[0].upload("005_copy.txt", minutes.encode("utf-8"), "text/plain").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert not at.exception and not at.error
    assert (corpus / "005_copy.txt").exists()
    assert any(esc("005_copy.txt") in s.value for s in at.success)
    assert "005_copy.txt" in set(at.dataframe[0].value["ファイル"])


def test_a_word_file_of_minutes_uploads_and_its_remarks_are_found(library_app):
    from tests.test_ingest_loaders import _docx

    at, corpus = library_app
    word = _docx([("heading", "令和５年度第１回みなと市地域公共交通会議　会議録"), "開催日時　令和５年６月１日",
                  [["発言者", "発言内容"], ["内田会長", "それでは議事に入ります。"],
                   ["交通政策課長", "コミュニティバスの利用者は前年度より約１割増えました。"],
                   ["北川委員", "高齢者の利用が増えていますが、デマンド交通の停留所を増やす予定はありますか。"]]])
    at.file_uploader[0].upload("交通会議.docx", word, "application/octet-stream").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (corpus / "交通会議.docx").exists()
    hits = Engine.open(os.environ["GIJI_INDEX"]).search("デマンド交通の停留所", k=3)
    assert (hits[0].doc, hits[0].speaker) == ("交通会議.docx", "北川委員")



def test_an_excel_workbook_of_minutes_uploads_and_its_remarks_are_found(library_app):
    from tests.test_ingest_tables import minutes_workbook

    at, corpus = library_app
    assert "Excel（.xlsx）" in " ".join(c.value for c in at.caption)
    at.file_uploader[0].upload("文教委員会.xlsx", minutes_workbook(), "application/octet-stream").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    hits = Engine.open(os.environ["GIJI_INDEX"]).search("ＢＣＧ管針重複使用事故の報告", k=3)
    assert (hits[0].doc, hits[0].speaker, hits[0].document.date) == ("文教委員会.xlsx", "久保田学務課長", "2001-07-30")


# ---------------------------------------------------------------- the memo is saved on disk
def fresh_session() -> AppTest:
    """A new browser session (a reload, a new tab, or the app after a restart) on the same data folder."""
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_memo_survives_a_reload_and_a_restart(app, engine):
    search(app, "DXとO&M")
    first, second = result_passages(app)[:2]
    app.button(key=f"add_{first}").click().run()
    app.button(key=f"add_{second}").click().run()
    app.text_area(key=f"note_{open_memo_id(app)}_{second}").input("要確認").run()
    app.button(key=f"up_{second}").click().run()

    later = fresh_session()
    assert any(s.value == "メモ（2件）" for s in later.subheader)
    assert [c.passage_id for c in saved_clips(later)] == [second, first]
    assert later.text_area(key=f"note_{open_memo_id(later)}_{second}").value == "要確認"
    assert later.query_params["memo"] == "検討メモ"


def test_two_named_memos_are_kept_apart_and_the_url_names_one(app, engine):
    search(app, "DXとO&M")
    first, second = result_passages(app)[:2]
    app.button(key=f"add_{first}").click().run()
    app.text_input(key="memo_new_name").input("DX・O&M論点メモ").run()
    app.button(key="memo_create").click().run()
    assert app.query_params["memo"] == "DX・O&M論点メモ" and app.text_input(key="memo_new_name").value == ""
    assert any(s.value == "メモ（0件）" for s in app.subheader)
    app.button(key=f"add_{second}").click().run()
    assert [c.passage_id for c in saved_clips(app)] == [second]

    default = next(m.id for m in MemoStore(os.environ["GIJI_DATA"]).memos() if m.name == "検討メモ")
    app.selectbox(key="memo_pick").set_value(default).run()
    assert [c.passage_id for c in saved_clips(app)] == [first]

    linked = AppTest.from_file(APP, default_timeout=TIMEOUT)
    linked.query_params["memo"] = "DX・O&M論点メモ"
    linked.run()
    assert [c.passage_id for c in saved_clips(linked)] == [second]
    assert fresh_session().query_params["memo"] == "DX・O&M論点メモ"   # the last one opened opens by default

    linked.checkbox(key=f"memo_delete_sure_{open_memo_id(linked)}").check().run()
    linked.button(key="memo_delete").click().run()
    assert [m.name for m in MemoStore(os.environ["GIJI_DATA"]).memos()] == ["検討メモ"]
    assert [html.unescape(t.value) for t in linked.toast] == [
        "メモ「DX・O&M論点メモ」を削除しました。いまは「検討メモ」を開いています。"]
    assert not linked.warning and linked.query_params["memo"] == "検討メモ"
    assert [c.passage_id for c in saved_clips(linked)] == [first]
    linked.run()
    assert not linked.warning                      # no word of a linked memo not found after the rerun either


def test_a_clipping_is_never_filed_into_another_memo_when_its_memo_was_deleted_in_another_tab(app, engine):
    search(app, "DXとO&M")
    first, second = result_passages(app)[:2]
    app.text_input(key="memo_new_name").input("能登_論点メモ").run()
    app.button(key="memo_create").click().run()
    other = fresh_session()                                    # a second tab on the same memo
    other.checkbox(key=f"memo_delete_sure_{open_memo_id(other)}").check().run()
    other.button(key="memo_delete").click().run()

    app.button(key=f"add_{first}").click().run()              # this tab still shows the deleted memo
    assert not at_toast_says(app, "追加しました")
    assert [w.value for w in app.warning if "別のタブで削除されました" in w.value] == [
        "開いていたメモは別のタブで削除されました。いまは「検討メモ」を開いています。追加や編集はこのメモに対して、もう一度行ってください。"]
    assert saved_clips(app) == []                              # nothing filed without the planner knowing
    app.button(key=f"add_{second}").click().run()              # asked again, it goes to the memo now open
    assert [c.passage_id for c in saved_clips(app)] == [second]
    assert at_toast_says(app, "メモ「検討メモ」に追加しました")


def at_toast_says(at: AppTest, text: str) -> bool:
    return any(text in t.value for t in at.toast)


def test_a_corrupt_memo_store_shows_one_line_and_search_still_works(seed_index, tmp_path, monkeypatch):
    monkeypatch.setenv("GIJI_INDEX", str(seed_index))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    data = tmp_path / "broken"
    data.mkdir()
    (data / "memos.sqlite").write_bytes(b"garbage " * 500)
    monkeypatch.setenv("GIJI_DATA", str(data))
    at = search(fresh_session(), "DXとO&M")
    assert result_passages(at)
    problems = [e.value for e in at.error]
    assert len(problems) == 1 and "壊れています" in problems[0] and "\n" not in problems[0]
    at.button(key=f"add_{result_passages(at)[0]}").click().run()
    assert not at.exception and len(at.error) == 1
    assert (data / "memos.sqlite").read_bytes() == b"garbage " * 500


def test_a_clipping_keeps_its_quote_when_its_document_leaves_the_index(library_app):
    at, corpus = library_app
    at.switch_page("app_pages/search_page.py").run()
    search(at, "DXとO&M")
    clipped = result_passages(at)[0]
    doc = clipped.split("#")[0]
    at.button(key=f"add_{clipped}").click().run()
    quote = saved_clips(at)[0].quote

    at.switch_page("app_pages/library_page.py").run()
    at.selectbox[[s.label for s in at.selectbox].index("削除する文書")].set_value(doc).run()
    at.checkbox[0].check().run()
    at.button[[b.label for b in at.button].index("削除")].click().run()
    assert not (corpus / doc).exists()

    at.switch_page("app_pages/search_page.py").run()
    assert not at.exception
    assert any("出典は索引から削除されました" in c.value for c in at.caption)
    assert saved_clips(at)[0].quote == quote
    assert quote.splitlines()[0] in downloaded(at, "Markdown").decode("utf-8")


# ---------------------------------------------------------------- weak matches
def relevance_labels(at: AppTest) -> list[str]:
    labels = [p.proto.popover.label for p in at.get("popover")]
    return [label for label in labels if label.startswith("関連度")]


def test_nonsense_gets_the_weak_match_line_and_real_queries_do_not(app):
    search(app, "ぬぺぽらりるれ")
    assert result_passages(app)                                     # still shown, below the line
    assert any("一致の弱い結果です" in w.value for w in app.warning)
    assert any("以下は一致の弱い結果です" in m.value for m in app.markdown)
    assert set(relevance_labels(app)) == {"関連度 低"}
    search(app, "DXとO&M")
    assert not any("一致の弱い結果です" in w.value for w in app.warning)
    labels = relevance_labels(app)
    assert labels[0] == "関連度 高" and len(labels) == len(result_passages(app))


def test_active_filters_are_listed_and_a_long_query_is_refused_in_japanese(app, engine):
    search(app, "DXとO&M")
    app.multiselect(key="w_speakers").select(person_id(engine, "冨山委員")).run()
    assert any(c.value.startswith("絞り込み中：発言者：冨山委員") for c in app.caption)
    search(app, "海外展開" * 600)
    assert [e.value for e in app.error] == ["検索語が長すぎます（2,400字）。2,000字以内に短くしてください。"]
    for typed in ("\u200b\u200b", "-", "？！"):                      # nothing to search for: no results, one line
        search(app, typed)
        assert [e.value for e in app.error] == ["検索できる語がありません。文字や数字を含む語を入れてください。"]
        assert not result_passages(app)
    search(app, "DXとO&M")
    app.date_input(key="w_from").set_value(dt.date(2024, 12, 31)).run()
    app.date_input(key="w_to").set_value(dt.date(2001, 1, 1)).run()
    assert [e.value for e in app.error] == [
        "期間が逆になっています（2024/12/31から2001/01/01まで）。「から」と「まで」を入れ替えてください。"]


def test_a_quoted_phrase_and_an_excluded_word_are_listed_and_applied(app, engine):
    search(app, '"ブロック経済化" -チョーク')
    assert any(c.value == "絞り込み中：そのまま含む：「ブロック経済化」　除外：「チョーク」" for c in app.caption)
    shown = [engine.store.passage(engine.store.passage_row(p)).text for p in result_passages(app)]
    assert shown and all("ブロック経済化" in "".join(t.split()) and "チョーク" not in t for t in shown)
    search(app, '"人材の宇宙的育成" 現地人材')
    assert [i.value for i in app.info] == ["「人材の宇宙的育成」をそのまま含む箇所はないため、語の一致として検索しました"]
    assert result_passages(app)
    search(app, "-選挙")
    assert [e.value for e in app.error] == ["除外する語（-…）のほかに、探す語も入れてください（例：子育て -選挙）。"]


def test_a_link_naming_a_printed_label_selects_every_person_who_carries_it():
    from app_support.state import as_persons
    from search.persons import Person

    a = Person("区議会 文教委員会/佐藤委員", "区議会 文教委員会", ["佐藤委員"], remarks=4)
    b = Person("区議会 建設委員会/佐藤委員", "区議会 建設委員会", ["佐藤委員", "佐藤委員長"], remarks=2)
    c = Person("衆議院 予算委員会/石破茂", "衆議院 予算委員会", ["内閣総理大臣（石破茂君）"], name="石破茂", remarks=9)
    assert as_persons(["佐藤委員"], [a, b, c]) == [a.person_id, b.person_id]
    assert as_persons(["石破茂", c.person_id], [a, b, c]) == [c.person_id]
    assert as_persons(["だれでもない"], [a, b, c]) == []
    d = Person("参議院 本会議/石破茂", "参議院 本会議", ["内閣総理大臣（石破茂君）"], name="石破茂", remarks=1)
    assert as_persons(["石破茂"], [a, b, c, d]) == ["石破茂"]          # the filter's one choice for both
