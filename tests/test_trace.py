"""From draft to evidence: splitting real drafts, the remarks behind each sentence, the memo, exports and the CLI."""
from __future__ import annotations

import csv
import io
import json
import zipfile
from xml.etree import ElementTree

import pytest

from search.cite import citation_line, cited_speaker
from search.cli import main
from search.memo import Clip
from search.trace import (MAX_DRAFT_CHARS, NO_SUPPORT, TraceError, accept, check_draft, containment, docx_text,
                          read_draft, split_sentences, to_csv, to_docx, to_markdown, trace)

MINUTES = "004_2b152710ce42e84e.txt"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

# A plan draft as planners write one: a title, numbered headings, hard-wrapped prose, bullets, a quote.
PLAN_DRAFT = """インフラ海外展開に関する今後の取組（素案）

１．基本的な考え方
　設備を納めて終わりにするのではなく、運営・維持管理まで含めた長期にわたる支援を提供する。途上国向けの
案件では、品質の高さだけでなく価格とのバランスにも配慮した提案を行う。
２．具体的な施策
・貿易保険の特約について、感染症や自然災害による工事の中断も補償の対象に加えるよう検討する。
・成果指標は受注額に偏らず、現地の生活の質の向上への貢献度で測る。
（1）委員からは「KPIにはある種の長期戦略が必要。状況は変わる。」との指摘があった。
①洋上風力発電の導入拡大に向けて、一般海域の占用ルールを整備する。
"""


# ---------------------------------------------------------------- splitting
def texts(draft: str) -> list[str]:
    return [s.text for s in split_sentences(draft)]


@pytest.mark.parametrize("draft, expected", [
    ("官民一体で取り組む。現地人材を育成する。", ["官民一体で取り組む。", "現地人材を育成する。"]),
    ("本当に必要か？検討する！以上。", ["本当に必要か？", "検討する！", "以上。"]),
    ("・現地人材の育成\n・質の高いインフラの推進\n● DXの加速", ["現地人材の育成", "質の高いインフラの推進", "DXの加速"]),
    ("- 第一の論点。\n* 第二の論点。", ["第一の論点。", "第二の論点。"]),
    ("(1) KPIを多年度で設定する。\n１．成果を毎年度公表する。\n① 事後の修正を認める。",
     ["KPIを多年度で設定する。", "成果を毎年度公表する。", "事後の修正を認める。"]),
    ("委員からは「質と価格のバランスが重要。収益の確保も課題。」との意見があった。次に進む。",
     ["委員からは「質と価格のバランスが重要。収益の確保も課題。」との意見があった。", "次に進む。"]),
    ("「DX化が加速する。」と述べた。", ["「DX化が加速する。」と述べた。"]),
    ("物価は２．５％上昇した。", ["物価は２．５％上昇した。"]),
    ("委員は「質が重要。価格も重要と述べた。次に進む。", ["委員は「質が重要。", "価格も重要と述べた。", "次に進む。"]),
])
def test_split_sentences_bullets_numbers_and_quotes(draft, expected):
    assert texts(draft) == expected


def test_split_joins_hard_wrapped_lines_and_keeps_offsets():
    sentences = split_sentences(PLAN_DRAFT)
    by_text = {s.text: s for s in sentences}
    wrapped = "途上国向けの案件では、品質の高さだけでなく価格とのバランスにも配慮した提案を行う。"
    assert wrapped in by_text                                   # the line break inside it is gone
    for s in sentences:                                         # offsets point at the sentence in the draft
        assert PLAN_DRAFT[s.start:s.end].replace("\n", "") == s.text
    assert [s.text for s in sentences if s.heading] == ["インフラ海外展開に関する今後の取組（素案）", "基本的な考え方",
                                                         "具体的な施策"]
    quoted = next(s for s in sentences if s.text.startswith("委員からは"))
    assert quoted.marker == "（1）" and quoted.text.endswith("との指摘があった。")
    assert [s.marker for s in sentences if s.marker == "・"] == ["・", "・"]
    assert len(sentences) == 9


# ---------------------------------------------------------------- bad input
def test_empty_and_too_long_drafts_are_refused():
    with pytest.raises(TraceError, match="empty"):
        check_draft(" \n　\n")
    with pytest.raises(TraceError, match="200,000 characters; the limit is 10,000"):
        check_draft("会議で議論した。" * 25_000)
    assert check_draft("あ" * MAX_DRAFT_CHARS)


def test_a_docx_that_is_not_one_is_refused(tmp_path):
    fake = tmp_path / "plan.docx"
    fake.write_text("これはWordの文書ではありません。", encoding="utf-8")
    with pytest.raises(TraceError, match="not a Word .docx file"):
        read_draft(fake)


def test_docx_and_cp932_drafts_are_read(tmp_path):
    from docx import Document as WordDocument

    word = WordDocument()
    word.add_paragraph("設備を納めて終わりにするのではなく、長期の支援を提供する。")
    word.add_paragraph("成果指標は受注額に偏らず測る。")
    path = tmp_path / "plan.docx"
    word.save(path)
    assert texts(read_draft(path)) == ["設備を納めて終わりにするのではなく、長期の支援を提供する。", "成果指標は受注額に偏らず測る。"]
    sjis = tmp_path / "memo.txt"
    sjis.write_bytes("官民一体で取り組む。".encode("cp932"))
    assert read_draft(sjis) == "官民一体で取り組む。"
    assert docx_text(path.read_bytes()) == read_draft(path)


# ---------------------------------------------------------------- evidence
@pytest.fixture(scope="module")
def plan_trace(engine):
    return trace(engine, PLAN_DRAFT, k=5)


def sentence_starting(t, prefix: str):
    return next(x for x in t.sentences if x.sentence.text.startswith(prefix))


def test_each_sentence_gets_remarks_with_speaker_meeting_date_and_strength(plan_trace):
    insurance = sentence_starting(plan_trace, "貿易保険の特約")
    top3 = [e.hit for e in insurance.evidence[:3]]
    assert any(h.speaker == "中村委員" and "不可抗力事由" in h.remark.text for h in top3)
    assert not insurance.unsupported and insurance.strength in ("strong", "weak")
    for e in insurance.evidence:
        assert e.strength in ("strong", "weak", "none") and e.label in ("強い", "弱い", "なし")
        assert e.hit.document.title and (e.hit.document.date or e.hit.document.fiscal_year)
    assert len({e.hit.remark.remark_id for e in insurance.evidence}) == len(insurance.evidence)   # one per remark
    assert len(insurance.evidence) == 5
    long_term = sentence_starting(plan_trace, "設備を納めて終わりに")
    assert "東原委員" in [e.hit.speaker for e in long_term.evidence[:3]]
    order = ["strong", "weak", "none"]
    for traced in plan_trace.sentences:                # 強い before 弱い before なし: no label contradicts the order
        ranks = [order.index(e.strength) for e in traced.evidence]
        assert ranks == sorted(ranks), traced.sentence.text


def test_sentences_nothing_supports_are_flagged(plan_trace, engine):
    wind = sentence_starting(plan_trace, "洋上風力発電")
    assert wind.unsupported and wind.to_dict()["note"] == NO_SUPPORT
    assert all(e.strength == "none" for e in wind.evidence)
    sludge = trace(engine, "下水汚泥を肥料として再利用する取組を広げる。").sentences[0]
    assert sludge.unsupported
    for heading in (x for x in plan_trace.sentences if x.sentence.heading):
        assert heading.evidence == [] and heading.strength is None and not heading.unsupported


def test_minutes_only(engine):
    t = trace(engine, "途上国向けの案件では、品質の高さだけでなく価格とのバランスにも配慮する。", doc_types=["minutes"])
    assert t.sentences[0].evidence and {e.hit.document.doc_type for e in t.sentences[0].evidence} == {"minutes"}


def test_the_drafts_own_document_is_left_out(engine):
    own = engine.remark(f"{MINUTES}#{_order_of(engine, '中村委員')}").text     # a draft that is the minutes' text
    assert containment(own, "".join(r.text for r in engine.remarks_of(MINUTES))) == 1.0
    kept = trace(engine, own, k=3, exclude_own=False)
    assert kept.excluded == [] and kept.sentences[0].evidence[0].hit.doc == MINUTES
    t = trace(engine, own, k=3)
    assert [o.doc for o in t.excluded] == [MINUTES] and t.excluded[0].containment == 1.0
    assert all(e.hit.doc != MINUTES for x in t.sentences for e in x.evidence)
    assert all(len(x.evidence) == 3 for x in t.sentences if x.sentence.searchable)


def test_a_draft_quoting_one_remark_keeps_its_minutes(engine):
    draft = ("我が国のインフラ展開における ODAの戦略的活用の重要性が一層高まると考える。"
             "このため、相手国の制度づくりを支援し、官民一体で案件を形成する。"
             "あわせて、運営・維持管理まで含めた長期の支援を提供する。成果指標は複数年度で設定する。")
    t = trace(engine, draft, k=3)
    assert t.excluded == []
    assert t.sentences[0].evidence[0].hit.speaker == "中村委員"


def _order_of(engine, speaker: str) -> int:
    return next(r.order for r in engine.remarks_of(MINUTES) if r.speaker == speaker)


# ---------------------------------------------------------------- memo and exports
def accepted_from(t, prefixes: list[str]) -> dict[int, list[str]]:
    """The first remark of each sentence starting with one of the prefixes, accepted."""
    out = {}
    for p in prefixes:
        x = sentence_starting(t, p)
        out[x.sentence.index] = [x.evidence[0].hit.passage.passage_id]
    return out


def test_accepted_remarks_reach_the_memo_with_the_sentence_as_note(plan_trace):
    clips: list[Clip] = []
    x = sentence_starting(plan_trace, "貿易保険の特約")
    hit = x.evidence[0].hit
    assert accept(plan_trace, x.sentence.index, hit.passage.passage_id, clips) is True
    assert accept(plan_trace, x.sentence.index, hit.passage.passage_id, clips) is False   # no duplicate
    [clip] = clips
    assert clip.note == x.sentence.text and clip.quote == hit.text and hit.passage.text in hit.text
    assert clip.citation == citation_line(hit.document, cited_speaker(hit)) and clip.passage_id == hit.passage.passage_id
    with pytest.raises(KeyError):
        accept(plan_trace, x.sentence.index, "no-such-passage", clips)


def test_word_export_has_real_footnotes_with_the_citation_lines(plan_trace):
    accepted = accepted_from(plan_trace, ["貿易保険の特約", "設備を納めて終わりに", "成果指標は受注額"])
    expected = []
    for x in plan_trace.sentences:                           # footnotes number in draft order
        for pid in accepted.get(x.sentence.index, []):
            hit = next(e.hit for e in x.evidence if e.hit.passage.passage_id == pid)
            expected.append(citation_line(hit.document, cited_speaker(hit)))
    data = to_docx(plan_trace, accepted)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footnotes = ElementTree.fromstring(z.read("word/footnotes.xml"))
        document = ElementTree.fromstring(z.read("word/document.xml"))
        types = z.read("[Content_Types].xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
        settings = z.read("word/settings.xml").decode()
    assert '<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr><w:compat>' in settings
    assert 'PartName="/word/footnotes.xml"' in types and "wordprocessingml.footnotes+xml" in types
    assert "relationships/footnotes" in rels and 'Target="footnotes.xml"' in rels
    notes = {int(f.get(f"{W}id")): "".join(t.text or "" for t in f.iter(f"{W}t")).strip()
             for f in footnotes.iter(f"{W}footnote") if f.get(f"{W}type") is None}
    assert [notes[n] for n in sorted(notes)] == expected and sorted(notes) == [1, 2, 3]
    refs = [int(r.get(f"{W}id")) for r in document.iter(f"{W}footnoteReference")]
    assert refs == [1, 2, 3]
    paragraph = next(p for p in document.iter(f"{W}p") if any(True for _ in p.iter(f"{W}footnoteReference")))
    assert "設備を納めて終わりにするのではなく" in "".join(t.text or "" for t in paragraph.iter(f"{W}t"))
    from docx import Document as WordDocument
    assert any("貿易保険の特約" in p.text for p in WordDocument(io.BytesIO(data)).paragraphs)   # still a valid .docx


def test_markdown_and_csv_exports(plan_trace):
    accepted = accepted_from(plan_trace, ["貿易保険の特約"])
    md = to_markdown(plan_trace, accepted)
    x = sentence_starting(plan_trace, "貿易保険の特約")
    hit = x.evidence[0].hit
    assert "- 貿易保険の特約について、感染症や自然災害による工事の中断も補償の対象に加えるよう検討する[^1]。" in md
    assert md.rstrip().endswith(f"[^1]: {citation_line(hit.document, cited_speaker(hit))}")
    assert md.count("[^") == 2
    rows = list(csv.reader(io.StringIO(to_csv(plan_trace, accepted).decode("utf-8-sig"))))
    assert rows[0][:4] == ["文番号", "文", "この発言の根拠の強さ", "文の判定"]
    mine = [r for r in rows[1:] if r[1] == x.sentence.text]
    adopted = rows[0].index("採用")
    assert len(mine) == 5 and [r[adopted] for r in mine].count("採用") == 1 and mine[0][5] == hit.passage.speaker
    assert rows[0][rows[0].index("出典") + 1] == "出典URL"
    wind = [r for r in rows[1:] if r[1].startswith("洋上風力")]
    assert wind and all(r[3] == NO_SUPPORT for r in wind)


# ---------------------------------------------------------------- command line
def test_cli_trace_json(seed_index, tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text(PLAN_DRAFT, encoding="utf-8")
    assert main(["trace", str(draft), "--json", "--doc-type", "minutes", "-k", "3", "--index", str(seed_index)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["doc_types"] == ["minutes"] and out["characters"] == len(PLAN_DRAFT)
    by_text = {s["text"]: s for s in out["sentences"]}
    wind = by_text["洋上風力発電の導入拡大に向けて、一般海域の占用ルールを整備する。"]
    assert wind["note"] == NO_SUPPORT and wind["strength"] == "none" and wind["marker"] == "①"
    insurance = next(s for t, s in by_text.items() if t.startswith("貿易保険の特約"))
    assert PLAN_DRAFT[insurance["start"]:insurance["end"]] == insurance["text"]
    assert len(insurance["remarks"]) == 3 and insurance["strength"] in ("strong", "weak")
    for r in insurance["remarks"]:
        assert r["doc_type"] == "minutes" and r["date"] == "2020-05-12" and r["speaker"]
        assert r["strength_label"] in ("強い", "弱い", "なし") and r["citation"].endswith(r["speaker"])


@pytest.mark.parametrize("name, content, message", [
    ("empty.txt", "", "the draft is empty"),
    ("huge.txt", "会議で議論した。" * 25_000, "200,000 characters; the limit is 10,000"),
    ("plan.docx", "これはWordの文書ではありません。", "is not a Word .docx file"),
    ("plan.pdf", "%PDF-1.4", "must be a .txt or .docx file"),
    ("ok.txt", "官民一体で取り組む。", "k (remarks per sentence) must be at least 1"),
    ("typo.txt", "官民一体で取り組む。", "unknown document type 'minute'; use one of: minutes"),
])
def test_cli_bad_drafts_are_one_line_errors(seed_index, tmp_path, capsys, name, content, message):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    extra = {"ok.txt": ["-k", "0"], "typo.txt": ["--doc-type", "minute"]}.get(name, [])
    assert main(["trace", str(path), "--index", str(seed_index), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and message in err and "\n" not in err
