"""Text repair that keeps offsets: source lines, hard-wrap rejoining, bullets, page numbers, running headers."""
from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from search.ingest.roles import CIRCLES, SPEAKER_MARKS, names_speaker, turn_line

# Graphic bullets dropped from the text; ・ and ○ are kept because they read as text.
BULLETS = set("•●■◆◇□▪▫►▶➢➤✓◦‣")
ITEM_START = re.compile(r"^(?:[・○◎●■◆◇□▪※＊*]|[①-⑳]|[（(][0-9０-９一二三四五六七八九十]{1,3}[）)]|"
                        r"[0-9０-９]{1,2}[．.、](?![0-9０-９])|[ア-ン][．.、)）]|[ⅰ-ⅻⅠ-Ⅻ][．.、)）]|［|【|＜)")
SENTENCE_END = tuple("。．！？!?")
PAGE_NUMBER = re.compile(r"^(?:[-－―‐ー–—−]\s*(?:[0-9０-９]{1,4}|[一二三四五六七八九十百]{1,4})\s*[-－―‐ー–—−]|"
                         r"[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4}|[(（][0-9０-９]{1,4}[)）]|"
                         r"[pPｐＰ]\.?\s*[0-9０-９]{1,4}|[0-9０-９]{1,4})$")
DASHED_PAGE_NUMBER = re.compile(r"^(?:[-－―‐ー–—−]\s*[0-9０-９]{1,4}\s*[-－―‐ー–—−]|[0-9０-９]{1,4}\s*[/／]\s*[0-9０-９]{1,4})$")
_LATIN_END = re.compile(r"[A-Za-z0-9,;:%)\]]$")
_LATIN_START = re.compile(r"^[A-Za-z0-9(\[]")

# A web page's navigation, notices and contact block copied with its text (ホーム > …, ここから本文です。, the
# National Diet Library's notice on an archived page, 〒 …, Tel …): no part of the record
BOILERPLATE = re.compile(r"^(?:ここから本文(?:です)?。?|(?:この(?:ページの)?)?本文へ(?:移動|スキップ|ジャンプ)|メインコンテンツへ(?:移動|スキップ)|"
                         r".{0,12}(?:ホーム|トップページ|トップ)[\s\u3000]*[>＞›].*|.{0,20}ホームページへ戻る.*|ページの先頭へ(?:戻る)?|"
                         r".*(?:JavaScriptを(?:有効|オン)に|国立国会図書館が保存した).*|(?:[(（]注記[)）])?このページの著作権について|"
                         r"保存日[：:]?|ヘルプ|"
                         # the page's contact block: 〒315-8640 …, Tel 0299(23)5600, an e-mail address alone
                         r"〒[\s\u3000]*[0-9０-９]{3}[-－‐−ー][0-9０-９]{4}.*|"
                         r"(?:北海道|東京都|京都府|大阪府|[^\s\u3000]{2,3}県)[^\s\u3000、。]{1,24}?[0-9０-９一二三四五六七八九十]+"
                         r"(?:丁目|番地?|号)[0-9０-９一二三四五六七八九十\-－の]*|"
                         r"(?:TEL|Tel|tel|ＴＥＬ|電話(?:番号)?|FAX|Fax|ＦＡＸ|ファクス|ファックス)[\s\u3000.:：]*[0-9０-９(（][0-9０-９()（）\-－‐ ]{6,}.*|"
                         r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+)$")


def boilerplate(text: str) -> bool:
    return bool(BOILERPLATE.match(text.strip()))


def speaker_mark(line: str) -> bool:
    """Whether a line's leading mark opens a speaker's turn (◆１番（鈴木花子議員）　…, ◎議長（山田太郎）　…: the
    marks of many assemblies' records) rather than a bullet: kept for the verbatim parser."""
    m = turn_line(line)
    return bool(m) and m["mark"] in BULLETS


def is_private_use(ch: str) -> bool:
    return "\ue000" <= ch <= "\uf8ff"


@dataclass
class Span:
    """Repaired text whose every character remembers its offset in the source text."""

    text: str = ""
    offs: list[int] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.offs[0]

    @property
    def end(self) -> int:
        return self.offs[-1] + 1

    def __bool__(self) -> bool:
        return bool(self.text)

    def __len__(self) -> int:
        return len(self.text)

    def slice(self, i: int, j: int) -> "Span":
        return Span(self.text[i:j], self.offs[i:j])

    def strip(self) -> "Span":
        i, j = 0, len(self.text)
        while i < j and self.text[i].isspace():
            i += 1
        while j > i and self.text[j - 1].isspace():
            j -= 1
        return self.slice(i, j)

    def extend(self, other: "Span", sep: str = "") -> "Span":
        if not self:
            return Span(other.text, list(other.offs))
        if not other:
            return Span(self.text, list(self.offs))
        pad = [self.offs[-1] + 1] * len(sep)
        return Span(self.text + sep + other.text, self.offs + pad + other.offs)


@dataclass
class Line:
    """One non-empty source line, stripped of bullets and outer blanks."""

    span: Span
    raw: str            # the source line as printed
    gap: int            # blank lines just before it
    bullet: bool        # started with a graphic bullet (U+F09E, •, ■ …)
    indent: bool        # started with an ideographic space (a new paragraph in 議事録)
    page_break: bool = False  # first line after a form feed

    @property
    def text(self) -> str:
        return self.span.text

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


BARS = "|｜│┃"
TABLE_ROW = re.compile(r"^[ \t\u3000]*[|｜│┃].*[|｜│┃][ \t\u3000\r]*$")
TABLE_RULE = re.compile(r"^[ \t\u3000]*[|｜│┃├┌└╞+][\s\-－―─━=＝:：|｜│┃├┤┼┬┴┌┐└┘╞╡╪+]*[\r]?$")


# A PDF's line numbers in the margin, as its text export prints them: 「  7  ○尾形座長　…」, 「…お願いしま　 10」
MARGIN_LEFT = re.compile(r"^[ \t]*(\d{1,4})(?:[ \t]+|$)")
MARGIN_RIGHT = re.compile(r"[ \t\u3000]+(\d{1,4})[ \t]*$")


def without_line_numbers(text: str) -> str:
    """The text with a PDF's margin line numbers taken off (ASCII digits at the start or the end of lines). They
    are line numbers when they count the lines: between two numbered lines the number grows by as many lines as
    lie between them (blank lines counted or not; a page may start again at 1). Every line numbered (half of the
    text's lines at least) or every fifth or tenth; a list numbered 1, 2, 3 in a longer text is neither."""
    lines = text.split("\n")
    filled = list(itertools.accumulate(1 if ln.strip() else 0 for ln in lines))   # non-blank lines up to each
    for margin in (MARGIN_LEFT, MARGIN_RIGHT):
        found = [(i, int(m[1])) for i, ln in enumerate(lines) if (m := margin.search(ln))]
        counting: set[int] = set()
        for (i, a), (j, b) in zip(found, found[1:]):
            if b - a > 0 and b - a in (j - i, filled[j] - filled[i]):
                counting |= {i, j}
        numbers = [n for i, n in found if i in counting]
        every_line = len(counting) >= 4 and len(counting) >= 0.5 * filled[-1]
        every_fifth = len(counting) >= 4 and all(n % 5 == 0 for n in numbers)
        if every_line or every_fifth:
            lines = [margin.sub("", ln) if i in counting else ln for i, ln in enumerate(lines)]
    return "\n".join(lines)


# A clock time in brackets before a turn: 【10:02】, （10:31）, [14:05]; the speech's number before its label
# (the Diet's record online: 「001　委員長（比嘉奈津美君）」)
TIME_STAMP = re.compile(r"^[【（(\[［〔][0-9０-９]{1,2}[:：][0-9０-９]{2}[】）)\]］〕][ \t\u3000]*")
SPEECH_NUMBER = re.compile(r"^(?:[0０][0-9０-９]{2}[ \t\u3000]+|【発言[0-9０-９]{1,3}】[ \t\u3000]*)")   # 001　/ 【発言１】 before a label
# 10:02 木下座長, 午前１０時０２分　人事課長　本案は…: a clock time in the margin, only before a speaker's label
BARE_TIME = re.compile(r"^(?:[0-9０-９]{1,2}[:：][0-9０-９]{2}|(?:午前|午後)?[0-9０-９]{1,2}時(?:[0-9０-９]{1,2}分)?)[ \t\u3000]+")


def source_lines(text: str) -> list[Line]:
    """The non-empty lines of text with offsets; private-use glyphs, graphic bullets and a clock time before a turn
    removed."""
    lines: list[Line] = []
    gap, page_break = 0, False
    for m in re.finditer(r"[^\n\f]*(?:\n|\f|$)", text):
        if not m.group():
            continue
        raw, base = m.group().rstrip("\n\f"), m.start()
        page_break_next = m.group().endswith("\f")
        chars = [("\u3000" if c == "\t" else c, base + k) for k, c in enumerate(raw)   # a tab sets off like a blank
                 if not is_private_use(c) and c != "\r"]
        stripped = raw.lstrip(" \t\u3000\r")
        if TABLE_RULE.match(raw):            # |---|---| or ├──┼──┤ between a table's rows
            chars = []
        elif TABLE_ROW.match(raw):           # | 北川委員 | 高齢者の利用が… |: the cells, set off like a tab
            text = "".join(c for c, _ in chars)
            keep = [(m.start(), m.end()) for m in re.finditer(r"[^|｜│┃]+", text) if m.group().strip(" \t\u3000")]
            joined: list[tuple[str, int]] = []
            for i, j in keep:
                cell = chars[i:j]
                while cell and cell[0][0] in " \t\u3000":
                    cell.pop(0)
                while cell and cell[-1][0] in " \t\u3000":
                    cell.pop()
                joined += ([("\u3000", cell[0][1])] if joined else []) + cell
            chars = joined
            stripped = raw.strip(" \t\u3000\r" + BARS).lstrip(" \t\u3000")
        if (stamp := TIME_STAMP.match(stripped) or SPEECH_NUMBER.match(stripped) or BARE_TIME.match(stripped)) \
                and stamp.end() < len(stripped) \
                and (stamp.re is TIME_STAMP or names_speaker(stripped[stamp.end():].strip())
                     or names_speaker(stripped[stamp.end():].split()[0])):
            cut = len(raw) - len(stripped) + stamp.end()          # 【10:02】事務局（森）　…: the clock, no one's words
            mark = [("○", chars[0][1])] if stamp.re is BARE_TIME and len(stripped[stamp.end():].split()) > 1 else []
            chars = mark + [(c, o) for c, o in chars if o - base >= cut]      # 午前１０時０２分　人事課長　本案は…:
            stripped = "○" * len(mark) + stripped[stamp.end():]              # a turn, as if marked ○
        bullet = bool(stripped) and (is_private_use(stripped[0]) or stripped[0] in BULLETS)
        if bullet:
            first = next(k for k, (c, _) in enumerate(chars) if not c.isspace()) if any(
                not c.isspace() for c, _ in chars) else 0
            if chars and chars[first][0] in BULLETS and not speaker_mark(stripped):
                chars.pop(first)
        span = Span("".join(c for c, _ in chars), [o for _, o in chars]).strip()
        if span:
            indent = raw.startswith("\u3000") and not raw.startswith("\u3000" * 4)
            first, *glued = unglued_turns(span)
            lines.append(Line(first, raw, gap, bullet, indent, page_break))
            lines += [Line(turn, turn.text, 0, False, False) for turn in glued]
            gap, page_break = 0, False
        else:
            gap += 1
        page_break = page_break or page_break_next
    return lines


# Where a turn mark follows the end of a sentence or a stage direction inside a line (…お願いいたします。○委員長（木村
# 和夫君）　説明が…): a record whose line breaks were lost in copying, one line holding many turns.
GLUED_TURN = re.compile(r"(?<=[。？！」〕）)])[" + CIRCLES + r"](?=[^\s\u3000" + CIRCLES + r"])")


# A turn mark after a blank inside a line (…願いします。 ○長谷川委員  どうぞ…): a record flattened to one line
SPACED_TURN = re.compile(r"(?<=[ \u3000])[" + CIRCLES + SPEAKER_MARKS + r"](?=[^\s\u3000" + CIRCLES + r"])")


def unglued_turns(span: Span) -> list[Span]:
    """span cut before each turn glued to the sentence before it, where it holds at least two (one such mark
    may be a quotation of a label), page numbers glued between sentences left out; else [span]. A record whose
    line breaks all became blanks is cut before each turn mark after a blank, where three or more of the pieces
    say something (a roster's ○山田委員 ○佐藤委員 says nothing)."""
    text = span.text

    def opens(at: int) -> bool:
        return bool((t := turn_line(text[at:])) and names_speaker(t["label"]) and t["rest"])

    cuts = [m.start() for m in GLUED_TURN.finditer(text) if opens(m.start())]
    if len(cuts) < 2:
        marks = sorted({*cuts, *(m.start() for m in SPACED_TURN.finditer(text) if opens(m.start()))})
        said = [at for at, end in zip(marks, [*marks[1:], len(text)]) if re.search(r"[。？！]", text[at:end])]
        cuts = said if len(said) >= 3 else []
    if not cuts:
        return [span]
    bounds = [0, *cuts, len(span.text)]
    return [without_glued_pages(piece) for i, j in zip(bounds, bounds[1:]) if (piece := span.slice(i, j).strip())]


GLUED_PAGE = re.compile(r"(?<=[。？！」〕）)])[-－―‐ー–—−][\s\u3000]*[0-9０-９]{1,4}[\s\u3000]*[-－―‐ー–—−]")


def without_glued_pages(span: Span) -> Span:
    """span without the page numbers (－２－) that a lost line break glued between two sentences."""
    out, at = Span(), 0
    for m in GLUED_PAGE.finditer(span.text):
        out, at = out.extend(span.slice(at, m.start())), m.end()
    return out.extend(span.slice(at, len(span.text)))


def drop_lines(lines: list[Line], unwanted) -> list[Line]:
    """lines without those for which unwanted(line) holds; a dropped page start passes its mark on."""
    kept: list[Line] = []
    carry = False
    for ln in lines:
        if unwanted(ln):
            carry = carry or ln.page_break
            continue
        if carry:
            ln = Line(ln.span, ln.raw, ln.gap, ln.bullet, ln.indent, True)
            carry = False
        kept.append(ln)
    return kept


def join_separator(left: str, right: str) -> str:
    """How two hard-wrapped pieces join: Japanese without a space, Latin words with one."""
    if _LATIN_END.search(left) and _LATIN_START.search(right):
        return " "
    return ""


def join_wrapped(a: Span, b: Span) -> Span:
    """a followed by its wrapped continuation b; 'implemen-' + 'tation' loses the hyphen."""
    if not a:
        return b
    if re.search(r"[a-z]-$", a.text) and re.match(r"^[a-z]", b.text):
        return a.slice(0, len(a) - 1).extend(b)
    return a.extend(b, join_separator(a.text, b.text))


def ends_sentence(s: str) -> bool:
    s = s.rstrip("）)」』】 ")
    return s.endswith(SENTENCE_END) or not s


def is_page_number(line: str, strict: bool = False) -> bool:
    """'- 3 -', '3/10', '３' (strict: only the dashed or 'n/m' forms, for table-heavy sheets)."""
    return bool((DASHED_PAGE_NUMBER if strict else PAGE_NUMBER).match(line.strip()))


def header_key(text: str) -> str:
    """A page's header or footer as it repeats: its words without the page number at either end, in any order
    (「一 第二百十三回国会　衆議院 国土交通委員会議録第八号」 on odd pages, 「国土交通委員会議録第八号 … 衆議院 二」 on even)."""
    return "\u3000".join(sorted(PAGE_AT_EDGE.sub("", text).split()))


PAGE_AT_EDGE = re.compile(r"^[0-9０-９一二三四五六七八九十百]{1,4}[\s\u3000]+|[\s\u3000]+[0-9０-９一二三四五六七八九十百]{1,4}$")


def running_headers(lines: list[Line], min_repeats: int = 3, max_len: int = 60) -> set[str]:
    """Lines printed at the top or bottom of several pages (or, without page marks, repeated verbatim)."""
    pages = [i for i, ln in enumerate(lines) if ln.page_break]
    if pages:
        edges = Counter()
        starts = [0] + pages
        ends = [p - 1 for p in pages] + [len(lines) - 1]
        for s, e in zip(starts, ends):
            edges.update({header_key(lines[i].text) for i in {s, min(s + 1, e), e, max(e - 1, s)}
                          if 0 <= i < len(lines)})
        # on a third of the pages and three at least, or on every page (a record of two pages); the blanks of a
        # line may differ from page to page (令和６年９月２６日 厚生委員会…, then with an em space)
        kept = {t for t, n in edges.items() if (n >= max(min_repeats, len(starts) // 2) or n == len(starts) > 1)
                and len(t) <= max_len}
        return {ln.text for ln in lines if header_key(ln.text) in kept}
    counts = Counter(ln.text for ln in lines if not ends_sentence(ln.text))
    return {t for t, n in counts.items() if n >= min_repeats and 6 <= len(t) <= max_len}


def line_width(lines: list[Line]) -> int:
    """The printed line width: the 90th percentile of line lengths."""
    if not lines:
        return 0
    lengths = sorted(len(ln.text) for ln in lines)
    return lengths[int(0.9 * (len(lengths) - 1))]


_OPEN, _CLOSE = "「『（(【［", "」』）)】］"


def sentence_ends(text: str) -> list[int]:
    """Indexes just after each sentence end (。 etc.) that is not inside brackets or quotes."""
    ends, depth = [], 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif ch in SENTENCE_END and depth == 0:
            j = i + 1
            while j < len(text) and text[j] in _CLOSE:
                j += 1
            ends.append(j)
    return ends


def split_long(span: Span, max_chars: int = 300, min_chars: int = 60) -> list[Span]:
    """A long paragraph cut at sentence ends into pieces of about max_chars (never inside a sentence)."""
    if len(span) <= max_chars * 1.3:
        return [span]
    cuts = [e for e in sentence_ends(span.text) if e < len(span)]
    pieces, begin, last = [], 0, 0
    for e in cuts:
        if e - begin > max_chars and last > begin and last - begin >= min_chars:
            pieces.append((begin, last))
            begin = last
        last = e
    if len(span) - begin > max_chars and last > begin and last - begin >= min_chars and len(span) - last >= min_chars:
        pieces.append((begin, last))
        begin = last
    pieces.append((begin, len(span)))
    out = [span.slice(i, j).strip() for i, j in pieces]
    return [p for p in out if p]


def split_hard(span: Span, max_chars: int = 500) -> list[Span]:
    """A piece still above max_chars (one sentence that long) cut at its last 、 or blank before the limit."""
    pieces = []
    while len(span) > max_chars:
        window = span.text[:max_chars]
        cut = max(window.rfind("、"), window.rfind("，"), window.rfind(" "), window.rfind("\u3000"))
        cut = cut + 1 if cut >= max_chars // 2 else max_chars
        pieces.append(span.slice(0, cut).strip())
        span = span.slice(cut, len(span)).strip()
    return [p for p in pieces + [span] if p]


def pack(pieces: list[Span], low: int = 150, high: int = 400) -> list[Span]:
    """Consecutive pieces joined (with a line break) while a passage is under low characters and the next
    one fits under high: lines of a record printed one sentence per line become paragraphs."""
    out: list[Span] = []
    for piece in pieces:
        if out and len(out[-1]) < low and len(out[-1]) + 1 + len(piece) <= high:
            out[-1] = out[-1].extend(piece, "\n")
        else:
            out.append(piece)
    return out


def absorb_short(pieces: list[Span], min_chars: int = 20) -> list[Span]:
    """A piece under min_chars joined to its neighbour (the one before, or for the first the one after)."""
    out: list[Span] = []
    for piece in pieces:
        if out and (len(piece) < min_chars or len(out[-1]) < min_chars):
            out[-1] = out[-1].extend(piece, "\n")
        else:
            out.append(piece)
    return out
