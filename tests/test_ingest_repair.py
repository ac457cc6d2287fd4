"""Text repair: hard-wrap rejoining, bullets, page numbers, sentence splitting, offsets into the source."""
from __future__ import annotations

import pytest

from search.ingest.repair import (Span, boilerplate, is_page_number, join_wrapped, running_headers, sentence_ends,
                                  source_lines, split_long)


def _span(text: str, at: int = 0) -> Span:
    return Span(text, list(range(at, at + len(text))))


@pytest.mark.parametrize("left, right, joined", [
    ("インフラ海外展", "開による活発な経済協力", "インフラ海外展開による活発な経済協力"),   # a word broken across lines
    ("いわゆる O＆Mと言われてい", "る領域を含めた", "いわゆる O＆Mと言われている領域を含めた"),
    ("Post コロナで Global", "化の形は大きく変わる", "Post コロナで Global化の形は大きく変わる"),
    ("New", "Normal を先取りした", "New Normal を先取りした"),               # Latin words keep a space
    ("the implemen-", "tation of DX", "the implementation of DX"),        # a hyphenated Latin word
    ("ITU-D/ITU-", "T合同e-healthワークショップ", "ITU-D/ITU-T合同e-healthワークショップ"),
    ("①３兆円（令和２年", "度）", "①３兆円（令和２年度）"),
])
def test_join_wrapped(left, right, joined):
    result = join_wrapped(_span(left), _span(right, 100))
    assert result.text == joined
    assert result.start == 0 and result.end == 100 + len(right)


def test_source_lines_drop_bullets_and_keep_offsets():
    text = "（飯島委員） \n\n\uf09e 新型コロナウイルスにより \n\u3000もう一点、ＤＸ・Ｏ＆Ｍも重要。\n• 箇条書き\n"
    lines = source_lines(text)
    assert [ln.text for ln in lines] == ["（飯島委員）", "新型コロナウイルスにより", "もう一点、ＤＸ・Ｏ＆Ｍも重要。", "箇条書き"]
    assert [ln.bullet for ln in lines] == [False, True, False, True]
    assert [ln.indent for ln in lines] == [False, False, True, False]
    assert [ln.gap for ln in lines] == [0, 1, 0, 0]
    for ln in lines:
        assert text[ln.start:ln.end] == ln.text


@pytest.mark.parametrize("line, page, strict", [
    ("- 3 -", True, True), ("－１２－", True, True), ("3/10", True, True), ("３", True, False),
    ("12", True, False), ("(4)", True, False), ("令和２年", False, False), ("３点目は", False, False),
])
def test_page_numbers(line, page, strict):
    assert is_page_number(line) is page
    assert is_page_number(line, strict=True) is strict


def test_running_headers_repeated_lines():
    text = "\n".join(line for n in range(3) for line in ("懇談会（第２回）議事要旨", f"本文{n}です。", f"続き{n}。"))
    assert running_headers(source_lines(text), min_repeats=3) == {"懇談会（第２回）議事要旨"}
    paged = "\f".join(f"懇談会（第２回）議事要旨\n第{n}頁の本文。\n- {n} -" for n in range(1, 5))
    assert "懇談会（第２回）議事要旨" in running_headers(source_lines(paged))


def test_sentence_ends_ignore_quotes():
    text = "「本邦企業主導によるスマートシティ建設。」といった目標。次の文。"
    assert sentence_ends(text) == [text.index("目標。") + 3, len(text)]


def test_split_long_at_sentence_ends():
    sentence = "インフラ海外展開の重要性は、新型コロナウイルスの流行を受けて、改めて高まっている。"
    span = _span(sentence * 12, 50)
    pieces = split_long(span, max_chars=300)
    assert len(pieces) >= 2
    assert "".join(p.text for p in pieces) == span.text
    assert all(p.text.endswith("。") and len(p.text) <= 300 for p in pieces)
    assert pieces[0].start == 50 and pieces[-1].end == 50 + len(span)
    assert split_long(_span(sentence), 300)[0].text == sentence


@pytest.mark.parametrize("line, furniture", [
    ("〒315-8640", True), ("〒100-8926 東京都千代田区霞が関2-1-2", True), ("茨城県石岡市石岡一丁目1番地1", True),
    ("福岡県北九州市小倉北区城内1番1号", True), ("Tel 0299(23)5600", True), ("電話番号：03-5253-2111（代表）", True),
    ("FAX 0299-24-1234", True), ("gikai@city.ishioka.lg.jp", True),
    # what a record says about an address, a telephone or mail is no page furniture
    ("電話で確認しました。", False), ("静岡県の補助金について１番議員に伺います。", False),
    ("〒マークの入った封筒で送付いたします。", False), ("メールアドレスの登録をお願いします。", False),
])
def test_a_pages_contact_block_is_no_part_of_the_record(line, furniture):
    assert boilerplate(line) is furniture
