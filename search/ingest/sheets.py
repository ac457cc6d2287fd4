"""Evaluation sheets (政策評価書): table cells rejoined, sections kept, signed expert comments as remarks."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from search.ingest.dates import parse_fiscal_year
from search.ingest.repair import (ITEM_START, Line, Span, boilerplate, drop_lines, ends_sentence, is_page_number, join_wrapped,
                                  line_width, running_headers, source_lines)
from search.ingest.turns import Turn

# Section headings of 総務省 and 国土交通省 sheets, matched on the heading with blanks and brackets removed.
SECTIONS = (
    "政策の概要", "基本目標", "政策の予算額・執行額等", "政策に関係する内閣の重要政策", "測定指標",
    "目標達成度合いの測定結果", "判断根拠", "政策の分析", "次期目標等への反映の方向性", "今後の政策の方向性",
    "政策に関する評価結果", "評価結果", "目標の達成状況に関する分析", "目標の達成状況", "目標期間終了時点の総括",
    "評価区分", "学識経験を有する者の知見", "政策評価を行う過程において使用した資料", "担当部局課室名",
    "政策評価実施時期", "施策目標の概要及び達成すべき目標", "業績指標の分析", "業績指標登録票", "業績指標",
    "目標達成状況の評価", "事務事業等の実施状況", "その他の外部要因の状況", "課題の特定",
    "施策全体の総括分析・今後の取組の方向性", "外部有識者のコメント", "評価実施時期", "担当部局名・作成責任者名",
    "関連事務事業等", "参考指標の達成状況", "参考指標", "指標の定義", "目標設定の考え方・根拠", "外部要因",
    "業績目標", "重要政策", "予算概算要求に向けた考え方", "税制、法令、組織、定員等への主な反映内容",
    "予算概算要求への主な反映内容", "施策目標", "施策手段",
)
COMMENT_SECTIONS = re.compile(r"有識者|コメント|意見|所見")
SIGNATURE = re.compile(r"[（(](?P<org>[^（）()]*?)[\s\u3000]*(?P<name>[一-龥々〆ヶ]{1,4}[\s\u3000]+[一-龥々〆ヶ]{1,4})"
                       r"[\s\u3000]*[）)]$")
LABEL = re.compile(r"\s*【[^】]*】\s*")     # 【 政 策 目 標 】 alone: a field label whose value is not there
_STRIP = re.compile(r"[\s\u3000【】＜＞<>［］\[\]（）()]")
MIN_PASSAGE, MAX_PASSAGE, MAX_REMARK = 60, 400, 1500


@dataclass
class Sheet:
    title: str | None
    fiscal_year: int | None
    turns: list[Turn]


# What an evaluation sheet calls itself: 政策評価書, 行政事業レビューシート, 事務事業評価シート・評価表・事後評価調書, 事務事業票,
# 施策評価, 事前分析表
SHEET_WORD = re.compile(r"評価書|レビューシート|評価シート|評価表|評価調書|事務事業票|(?:事業|施策)評価(?:シート|書|表|調書)?|事前分析表")
# the project or measure a sheet assesses (事務事業名　道路橋梁維持補修事業, 事業名 ( コード ) 額田ダシまつり補助事業 (130321))
PROJECT = re.compile(r"(?:事務事業名|事業名|施策名)[\s\u3000]*(?:[（(][\s\u3000]*コード[\s\u3000]*[)）])?[\s\u3000:：]*"
                     r"(?P<name>[^\s\u3000（()）:：、。]{4,40}(?:[（(][^（()）\s]{1,20}[)）])?)")
FIELD_LABEL = re.compile(r"^等|(?:日時|コード|番号|区分|年度|部局|担当|課室|名|属性)$")    # the next field's label, no value
SHEET_YEAR = re.compile(r"(?P<year>(?:令和|平成)[\s\u3000]*(?:元|[0-9０-９]{1,2})[\s\u3000]*年)[\s\u3000]*(?:行政事業)?(?:"
                        + SHEET_WORD.pattern + ")")
# The ministries and agencies that write evaluation sheets (政策評価法): the one a sheet names most is its author.
MINISTRY = re.compile("|".join(sorted("""
内閣府 内閣官房 総務省 法務省 外務省 財務省 文部科学省 厚生労働省 農林水産省 経済産業省 国土交通省 環境省 防衛省
復興庁 デジタル庁 こども家庭庁 消費者庁 警察庁 金融庁 宮内庁 観光庁 気象庁 海上保安庁 文化庁 スポーツ庁 林野庁
水産庁 資源エネルギー庁 特許庁 中小企業庁 出入国在留管理庁 公安調査庁 国税庁 防衛装備庁 公正取引委員会
国家公安委員会 個人情報保護委員会 原子力規制委員会
""".split(), key=len, reverse=True)))


def ministry_of(text: str) -> str | None:
    """The ministry or agency a sheet names most (総務省 for 「（総務省R3－⑭）」 and its body), first named on a tie."""
    found = MINISTRY.findall(text)
    if not found:
        return None
    counts = Counter(found)
    return max(counts, key=lambda m: (counts[m], -found.index(m)))


def section_name(text: str, max_extra: int = 25) -> str | None:
    """'＜今後の政策の方向性＞' -> '今後の政策の方向性'; None unless text is a known heading."""
    bare = _STRIP.sub("", text)
    bare = re.sub(r"^[0-9０-９]+[．.]|^令和[0-9０-９元]+年度|^平成[0-9０-９元]+年度", "", bare)
    for name in SECTIONS:
        key = _STRIP.sub("", name)
        if bare.startswith(key) and len(bare) <= len(key) + max_extra and not re.search(r"[、。，]", bare[len(key):]):
            return name
    return None


def _has_value(line: str, name: str) -> bool:
    """Whether a heading line carries a value after its name ('目標達成状況の評価 A')."""
    bare, key = _STRIP.sub("", line), _STRIP.sub("", name)
    rest = bare[bare.find(key) + len(key):] if key in bare else ""
    return bool(rest) and not re.search(r"[(（]\s*" + re.escape(rest[:3]), line)


def _blocks(lines: list[Line], width: int) -> list[list[Line]]:
    """Cells: runs of lines; a blank line ends a cell unless the line before is a full-width wrap."""
    blocks: list[list[Line]] = []
    for ln in lines:
        prev = blocks[-1][-1] if blocks else None
        wrap = prev is not None and len(prev.text) >= max(0.75 * width, 20) and not ends_sentence(prev.text)
        if prev is None or (ln.gap and not wrap) or section_name(ln.text, 12) or section_name(prev.text, 12):
            blocks.append([ln])
        else:
            blocks[-1].append(ln)
    return blocks


def _paragraphs(block: list[Line]) -> list[Span]:
    """A cell's lines rejoined: a new paragraph at ・, ①, （１）, 【 … or after a sentence end."""
    paras: list[Span] = []
    cur = Span()
    prev: Line | None = None
    for ln in block:
        if cur and (ITEM_START.match(ln.text) or ln.bullet) and prev is not None:
            paras.append(cur)
            cur = ln.span
        else:
            cur = join_wrapped(cur, ln.span)
        prev = ln
    if cur:
        paras.append(cur)
    return paras


def _pack(units: list[Span]) -> list[Span]:
    """Join tiny fragments of one section into passages of about MIN..MAX characters."""
    out: list[Span] = []
    cur = Span()
    for u in units:
        tiny_table = len(u) < 25 and cur and len(cur) < MAX_PASSAGE * 0.6 and _ends_fragment(cur.text)
        if cur and (len(cur) < MIN_PASSAGE or tiny_table) and len(cur) + len(u) <= MAX_PASSAGE:
            cur = cur.extend(u, "\n")
        else:
            if cur:
                out.append(cur)
            cur = u
    if cur:
        if out and len(cur) < MIN_PASSAGE and len(out[-1]) + len(cur) <= MAX_PASSAGE:
            out[-1] = out[-1].extend(cur, "\n")
        else:
            out.append(cur)
    return out


def _ends_fragment(text: str) -> bool:
    """A passage that ends in a table fragment (no sentence end) may go on in the next cell."""
    return not ends_sentence(text)


def _signature(span: Span) -> tuple[str, Span] | None:
    m = SIGNATURE.search(span.text)
    if not m:
        return None
    return m["name"], span.slice(0, m.start()).strip()


def parse_sheet(text: str) -> Sheet:
    lines = drop_lines(source_lines(text), lambda ln: is_page_number(ln.text, strict=True) or boilerplate(ln.text))
    headers = running_headers(lines) if any(ln.page_break for ln in lines) else set()
    lines = drop_lines(lines, lambda ln: ln.text in headers)
    width = line_width(lines)
    # the line that names the sheet (平成16年度内閣府本府政策評価書(事後評価)), not a number or a field above it
    named = next((ln.text for ln in lines[:8] if SHEET_WORD.search(ln.text)), None)
    fiscal_year = parse_fiscal_year(named or (lines[0].text if lines else ""))
    if named and len(named) > 60:           # a form flattened to one line: its name up to what it calls itself
        named = re.sub(r"^[0-9０-９]{1,2}[\s\u3000]+", "", named[:SHEET_WORD.search(named).end()])
    title = named or (lines[0].text if lines else None)
    project = next((m["name"] for ln in lines[:30] for m in PROJECT.finditer(ln.text)
                    if not FIELD_LABEL.search(m["name"])), None)
    if title and project and project not in title:
        title = f"{title}\u3000{project}"   # 事務事業評価シート　額田ダシまつり補助事業: which of a folder's sheets
    if fiscal_year is None and (year := SHEET_YEAR.search(title or "")):
        fiscal_year = parse_fiscal_year(year["year"] + "度")          # 平成24年行政事業レビューシート: the review of 2012

    groups: list[tuple[str | None, list[Span], int]] = []   # (section, units, heading offset)
    section: str | None = None
    units: list[Span] = []
    heading_at = lines[0].start if lines else 0
    for block in _blocks(lines, width):
        joined = "".join(ln.text for ln in block)
        name = section_name(joined) if (len(block) == 1 or all(len(ln.text) <= 12 for ln in block)) else None
        if name:
            groups.append((section, units, heading_at))
            section, units, heading_at = name, [], block[0].start
            if len(block) == 1 and _has_value(block[0].text, name):   # 「目標達成状況の評価 A」 keeps its A
                units.append(block[0].span)
            continue
        units.extend(_paragraphs(block))
    groups.append((section, units, heading_at))

    turns: list[Turn] = []
    for section, units, _ in groups:
        units = [u for u in units if re.search(r"\w", u.text)]
        if all(LABEL.fullmatch(u.text) for u in units):   # nothing but a form's field label: no content
            continue
        if section and COMMENT_SECTIONS.search(section):
            whole = Span()
            for u in units:
                whole = join_wrapped(whole, u) if not ends_sentence(whole.text) else whole.extend(u, "\n")
            sig = _signature(whole)
            if sig:
                name, body = sig
                turns.append(Turn(name, "有識者", section, _pack(units_of(body)), end=whole.end))
                continue
        paras = _pack(units)
        chunk: list[Span] = []
        for p in paras:
            if chunk and sum(len(c) for c in chunk) + len(p) > MAX_REMARK:
                turns.append(Turn(None, None, section, chunk))
                chunk = []
            chunk.append(p)
        if chunk:
            turns.append(Turn(None, None, section, chunk))
    return Sheet(title, fiscal_year, turns)


def units_of(span: Span) -> list[Span]:
    """A signed comment's body split back into its paragraphs (at the joins made with a newline)."""
    parts, begin = [], 0
    for i, ch in enumerate(span.text):
        if ch == "\n":
            parts.append(span.slice(begin, i).strip())
            begin = i + 1
    parts.append(span.slice(begin, len(span)).strip())
    return [p for p in parts if p]
