"""The 根拠をさがす page through AppTest, on the seed index: paste or upload a draft, accept evidence, export."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from search.cite import citation_line, cited_speaker  # noqa: E402
from search.trace import NO_SUPPORT  # noqa: E402
from tests.test_app import APP, CORPUS, TIMEOUT, downloaded, record_downloads, saved_clips  # noqa: E402

PAGE = "app_pages/evidence_page.py"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
DRAFT = """２．具体的な施策
・貿易保険の特約について、感染症や自然災害による工事の中断も補償の対象に加えるよう検討する。
・洋上風力発電の導入拡大に向けて、一般海域の占用ルールを整備する。
"""


@pytest.fixture
def page(seed_index, monkeypatch, tmp_path) -> AppTest:
    monkeypatch.setenv("GIJI_INDEX", str(seed_index))
    monkeypatch.setenv("GIJI_DATA", str(tmp_path / "data"))
    monkeypatch.setenv("GIJI_CORPUS", str(CORPUS))
    record_downloads(monkeypatch)
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def trace_draft(at: AppTest, text: str) -> AppTest:
    at.text_area(key="ev_draft").input(text).run()
    at.button(key="ev_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def accept_buttons(at: AppTest, sentence_index: int) -> list:
    return [b for b in at.button if b.key and b.key.startswith(f"ev_acc_{sentence_index}_")]


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_draft_sentences_get_their_remarks_and_unsupported_ones_are_marked(page, engine):
    trace_draft(page, DRAFT)
    text = markdown_text(page)
    assert "貿易保険の特約について" in text and NO_SUPPORT in text
    assert "中村委員" in text and "2020年5月12日" in text and "根拠の強さ：" in text
    assert any("根拠が見つからない文：1件" in s.value for s in page.subheader)
    assert not accept_buttons(page, 0)                        # the heading is shown, not searched
    assert len(accept_buttons(page, 1)) == 5


def test_accepting_a_remark_puts_it_in_the_memo_and_the_word_footnotes(page, engine):
    trace_draft(page, DRAFT)
    result = page.session_state["ev_trace"]
    sentence = result.sentences[1]
    first = sentence.evidence[0].hit
    accept_buttons(page, 1)[0].click().run()
    assert not page.exception
    [clip] = saved_clips(page)
    assert clip.passage_id == first.passage.passage_id and clip.note == sentence.sentence.text
    assert page.button(key=f"ev_acc_1_{first.passage.passage_id}").label.startswith("採用済み")

    with zipfile.ZipFile(io.BytesIO(downloaded(page, "Word"))) as z:
        footnotes = ElementTree.fromstring(z.read("word/footnotes.xml"))
        document = z.read("word/document.xml").decode()
    notes = ["".join(t.text or "" for t in f.iter(f"{W}t")).strip()
             for f in footnotes.iter(f"{W}footnote") if f.get(f"{W}type") is None]
    assert notes == [citation_line(first.document, cited_speaker(first))]
    assert document.count("footnoteReference") == 1
    md = downloaded(page, "Markdown").decode("utf-8")
    assert "[^1]" in md and md.rstrip().endswith(notes[0])

    page.switch_page("app_pages/search_page.py").run()          # the memo panel shows it with its note
    memo_id = page.session_state["MemoPanel"].memo_id
    assert page.text_area(key=f"note_{memo_id}_{first.passage.passage_id}").value == sentence.sentence.text


@pytest.mark.parametrize("text, message", [
    ("  \n ", "草稿が空です"),
    ("会議で議論した。" * 25_000, "10,000文字まで"),
])
def test_bad_drafts_are_one_japanese_line(page, text, message):
    trace_draft(page, text)
    assert [e.value for e in page.error] and message in page.error[0].value
    assert "ev_trace" not in page.session_state


def test_upload_docx_fills_the_draft_and_a_fake_docx_is_refused(page, tmp_path: Path):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("途上国向けの案件では、品質の高さだけでなく価格とのバランスにも配慮した提案を行う。")
    buffer = io.BytesIO()
    word.save(buffer)
    page.file_uploader(key="ev_upload").upload("素案.docx", buffer.getvalue(),
                                                "application/vnd.openxmlformats-officedocument."
                                                "wordprocessingml.document").run()
    assert not page.exception and not page.error
    assert page.text_area(key="ev_draft").value.startswith("途上国向けの案件では")
    page.button(key="ev_run").click().run()
    assert "小林委員" in markdown_text(page)

    page.file_uploader(key="ev_upload").upload("偽物.docx", "Wordではない".encode(), "application/octet-stream").run()
    assert page.error and "Word（.docx）のファイルではありません" in page.error[0].value


def test_document_type_choice_limits_the_remarks(page):
    page.multiselect(key="ev_types").select("evaluation_sheet").run()
    trace_draft(page, DRAFT)
    result = page.session_state["ev_trace"]
    remarks = [e.hit for t in result.sentences for e in t.evidence]
    assert remarks and {h.document.doc_type for h in remarks} == {"evaluation_sheet"}
    assert "中村委員" not in markdown_text(page)


def test_the_draft_and_its_choices_are_still_there_after_another_page(page):
    page.multiselect(key="ev_types").select("evaluation_sheet").run()
    page.slider(key="ev_k").set_value(3).run()
    trace_draft(page, DRAFT)
    page.switch_page("app_pages/search_page.py").run()
    page.switch_page(PAGE).run()
    assert not page.exception and not page.warning
    assert page.text_area(key="ev_draft").value == DRAFT
    assert page.multiselect(key="ev_types").value == ["evaluation_sheet"] and page.slider(key="ev_k").value == 3
