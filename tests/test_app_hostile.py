"""No HTML or Markdown injection from documents: a hostile title, speaker and section render as text on every page."""
from __future__ import annotations

import json

import pytest

pytest.importorskip("streamlit")
from streamlit.testing.v1 import AppTest  # noqa: E402

from tests.test_app import library_on_copies  # noqa: E402

TITLE = "<img src=x onerror=alert(1)>懇談会（第１回）議事要旨"
SPEAKER = "<b>悪意</b>委員"
SECTION = '２．議題；<a href="http://evil.example/">運営・維持管理</a>について'
HOSTILE = f"""{TITLE}

日時；令和３年６月１日（火）１０時００分～１１時００分

１．開会

○ 座長から挨拶があった。

{SECTION}

○ {SPEAKER}から、以下の発言があった。
 O&Mを含む運営・維持管理の海外展開では、現地人材の育成が重要である。[リンク](http://evil.example/) \
![画像](http://evil.example/p.png) <img src=http://evil.example/q.png> $x^2$

（冨山委員）
 インフラの運営・維持管理を長期で担う事業者を育てることが、DXの時代の海外展開の鍵となる。

３．閉会
"""
# what must never reach the page as markup, and the escaped form that shows the value did reach it, as text
RAW = ["<img", "<a ", "<b>悪意", "](http", "$x^2$"]
ESCAPED_SPEAKER = "&#60;b&#62;悪意&#60;/b&#62;委員"
TEXT_ELEMENTS = ("markdown", "caption", "title", "subheader", "header", "warning", "error", "info", "success",
                 "toast", "exception")


def rendered(at: AppTest) -> list[str]:
    """Every Markdown/HTML source the page sends to the browser, and every chart's spec."""
    out = []
    for kind in TEXT_ELEMENTS:
        out.extend(str(e.value) for e in at.get(kind))
    out.extend(json.dumps(json.loads(e.proto.spec), ensure_ascii=False) for e in at.get("plotly_chart"))
    return out


def assert_no_markup(at: AppTest, must_show: str = ESCAPED_SPEAKER) -> None:
    assert not at.exception, [e.value for e in at.exception]
    pieces = rendered(at)
    leaks = [(raw, p[:200]) for p in pieces for raw in RAW if raw in p]
    assert not leaks
    assert any(must_show in p for p in pieces), "the hostile value should be on the page, as text"


@pytest.fixture
def hostile_app(seed_index, tmp_path, monkeypatch) -> AppTest:
    at, corpus = library_on_copies(seed_index, tmp_path, monkeypatch)
    at.file_uploader[0].upload("hostile.txt", HOSTILE.encode("utf-8"), "text/plain").run()
    at.button[[b.label for b in at.button].index("ライブラリに追加")].click().run()
    assert not at.exception and not at.error
    assert (corpus / "hostile.txt").exists()
    assert_no_markup(at, "hostile.txt")
    return at


def test_hostile_document_renders_as_text_everywhere(hostile_app):
    at = hostile_app
    at.switch_page("app_pages/search_page.py").run()
    at.text_input(key="w_q").input("運営・維持管理と現地人材の育成").run()
    [person] = [o for o in at.multiselect(key="w_speakers").options if SPEAKER in o]   # the option as the list shows it
    at.multiselect(key="w_speakers").select(person).run()
    cards = [b.key[len("add_"):] for b in at.button if b.key and b.key.startswith("add_")]
    assert cards and all(c.startswith("hostile.txt#") for c in cards)
    assert_no_markup(at)                                             # search card: speaker, title, section, text
    assert any("&#60;a href=" in p for p in rendered(at))            # the section is shown, escaped

    at.toggle(key=f"ctx_{cards[0]}").set_value(True).run()
    at.toggle(key=f"sim_{cards[0]}").set_value(True).run()
    assert_no_markup(at)                                             # context and similar remarks
    at.button(key=f"add_{cards[0]}").click().run()
    assert_no_markup(at)                                             # memo panel and its toast

    at.query_params.update({"doc": "hostile.txt", "remark": cards[0].rsplit("/", 1)[0], "passage": cards[0]})
    at.switch_page("app_pages/document_page.py").run()
    assert_no_markup(at, "&#60;img src=x")                           # document page: its title

    at.switch_page("app_pages/explore.py").run()
    assert_no_markup(at)                                             # explore: map hover, legend, heatmap
