"""Minutes (議事要旨・議事録・会議録): speaker turns, agenda sections and the 出席者 block."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from search.ingest.dates import parse_date
from search.ingest.repair import (Line, Span, drop_lines, ends_sentence, is_page_number, join_wrapped, line_width,
                                  running_headers, source_lines)
from search.ingest.procedure import CHAIRS
from search.ingest.roles import (CIRCLES, NOT_SPEAKERS, SPEAKER_MARKS, looks_like_speaker, names_speaker, role_of,
                                 speaker_of, turn_line)
from search.ingest.turns import Turn

AGENDA = re.compile(r"^(?:[0-9０-９]{1,2}[．.](?![0-9０-９])|[0-9０-９]{1,2}[\s\u3000]+(?=\S)|第[0-9０-９一二三四五六七八九十]+[\s\u3000]|"
                    r"[一二三四五六七八九十]{1,3}[．.、\s\u3000])\s*\S")
BRACKETED = re.compile(r"^[（(【〔［\[<＜]\s*(?P<label>[^（）()【】〔〕［］\[\]<>＜＞]+?(?:[（(][^）)]*[）)][^（）()【】〔〕［］\[\]<>＜＞]*)?)\s*"
                       r"[）)】〕］\]>＞]$")
STATEMENT = re.compile(r"^(?:(?:最後に|次に|まず|続いて|また|さらに|最初に)[、，]\s*)?(?P<label>[^、，,。\s]{1,30}?)から[、，,]\s*"
                       r"(?P<rest>.*)$")
INTRO_ONLY = re.compile(r"^以下の.{0,12}(があった|が行われた|がなされた|を行った)。?$")
COLON = re.compile(r"^(?P<label>(?:[^\s：:、。（(]|[（(][^）)\n]{0,20}[）)]){1,30})\s*[：:]\s*(?P<rest>\S.*)$")
# 【山田委員】　ありがとうございます。… (審議会の議事録), ・（委員）…との意見 / （山田委員長）… (議事要旨)
BRACKET_INLINE = re.compile(r"^・?\s*(?:【(?P<a>[^】\n]{1,30})】|[（(](?P<b>[^（）()\n]{1,30})[）)])[\s\u3000]*(?P<rest>\S.*)$")
INLINE = re.compile(r"^(?P<label>\S{1,30}?)(?:[\s\u3000]+(?P<rest>\S.*))?$")
MINUTES_WORDS = ("議事要旨", "議事録", "議事概要", "会議録", "議事要録")
_N = r"(?P<n>[0-9０-９一二三四五六七八九十百]+)"
SESSION = re.compile(r"第\s*[0-9０-９一二三四五六七八九十百]+\s*回\s*国会")
ISSUE = re.compile(r"[（(]?(?:閉会後|閉会中)?第\s*" + _N + r"\s*号[）)]?")
SITTING = re.compile(r"[（(]?(?:(?:明治|大正|昭和|平成|令和)\s*[0-9０-９元一二三四五六七八九十]+\s*年\s*(?:度\s*)?)?第\s*" + _N
                     + r"\s*回(?:\s*(?:定例会|臨時会|定例議会|臨時議会))?[）)]?(?:[（(]第\s*[0-9０-９一二三四五六七八九十]+\s*日目?[）)])?")
ERA_MONTH = re.compile(r"(?:明治|大正|昭和|平成|令和)\s*[0-9０-９元一二三四五六七八九十]+\s*年\s*(?:度\s*)?"
                       r"[0-9０-９一二三四五六七八九十]+\s*月\s*(?:定例会|臨時会|定例議会|臨時議会)?")
GROUP_HEADER = re.compile(r"^(?P<group>[^、，,]{1,20}?)[；;：:]\s*(?P<rest>.*)$")

# ○ lines and plain lines that say when the sitting opens, pauses or ends (○午後１時02分開会, 午前十一時五十六分散会).
TIME_EVENT = re.compile(r"^[" + CIRCLES + SPEAKER_MARKS + r"]?[（(〔]?(?:午前|午後|正午)[\s\u3000零〇一二三四五六七八九十百0-9０-９時分半秒]*"
                        r"(?:開会|開議|散会|閉会|休憩|再開|延会|閉議|開始|終了)?[）)〕]?$")
# Blocks of a record's front and back matter: lists and agendas, never a speaker's words.
HEADER_BLOCK = re.compile(r"^[" + CIRCLES + SPEAKER_MARKS + r"]?(?:出席|欠席|議事日程|議事次第|本日の会議に付した|会議に付した|委員の異動|配付資料|配布資料|"
                          r"会議録署名|説明のため出席|職務のため出席|開会日時|開催日時|日[\s\u3000]*程[\s\u3000]*$)")
# An agenda item as assemblies print it, alone on its line (日程第１, 追加日程（２）第５), its title on the next line.
AGENDA_ITEM = re.compile(r"^(?P<number>(?:追加)?日程(?:[（(][0-9０-９]+[）)])?第[0-9０-９一二三四五六七八九十]+)"
                         r"(?:[、，][^。]{0,20})?$")             # 日程第１、昨日に引き続き / 一般質問 / を行います。
# The chair putting an item before the meeting: 「次に、財政及び金融等に関する調査を議題といたします。」,
# 「国の安全保障に関する件について調査を進めます。」
TAKES_UP = re.compile(r"(?:^|[。\n])\s*(?:(?:まず|次に|それでは|では|これより|続いて|続きまして|引き続き(?:まして)?|初めに|"
                      r"はじめに|最初に|本日は)[、，]?\s*)*(?:[（(][0-9０-９]+[）)]の?)?"
                      r"(?P<item>[^。\n]{2,80}?)(?:を(?:一括して|一括)?議題(?:と(?:いた)?し|に供し)(?:ます|、)|"
                      r"について(?:の)?(?:調査|審査|審議)を(?:進め|行い|いたし)ます)")
# A line of a roster (井野　俊郎君　　井林　辰憲君): after a 「○…委員」 line it makes that line a list header.
ROSTER = re.compile(r"^[\s\u3000]*(?:[^\s\u3000。、]{1,6}[\s\u3000]{0,3}[^\s\u3000。、]{0,6}君[\s\u3000]*)+$")
RULE_LINE = re.compile(r"^[\s\u3000─━―‐－\-ー…‥・◇◆=＝＊*]{3,}$")
RULE_RUN = re.compile(r"[─━―]{3,}")
DIRECTION = re.compile(r"〔[^〔〕\n]*〕")
WHOLE_DIRECTION = re.compile(r"^(?:〔[^〔〕]*〕|[（(][^（）()]*[）)])$")


@dataclass
class MinutesHead:
    title: str | None = None
    meeting: str | None = None
    meeting_number: int | None = None
    date: str | None = None
    attendees: list[dict] = field(default_factory=list)


@dataclass
class Minutes:
    head: MinutesHead
    turns: list[Turn]
    verbatim: bool = False        # turns found by the 「○label　」 layout of a verbatim record

    @property
    def speaker_turns(self) -> int:
        return sum(1 for t in self.turns if t.speaker)


def kanji_number(s: str) -> int | None:
    """'２' -> 2, '十二' -> 12, '百' -> 100."""
    import unicodedata
    s = unicodedata.normalize("NFKC", s)
    if s.isdigit():
        return int(s)
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        elif ch in "十百":
            total += (cur or 1) * (10 if ch == "十" else 100)
            cur = 0
        else:
            return None
    return total + cur


# ------------------------------------------------------------------ line classes
def bracket_label(text: str) -> str | None:
    """（飯島委員） / 【山田委員】 / 〔山田分科会長〕 alone on a line -> the label."""
    m = BRACKETED.match(text)
    if m and looks_like_speaker(m["label"]):
        return m["label"].strip()
    return None


def bracket_inline(text: str) -> tuple[str, str] | None:
    """(label, speech) of 【山田委員】　… or （委員）… with the speech on the same line, or None."""
    m = BRACKET_INLINE.match(text)
    label = m and (m["a"] or m["b"]).strip()
    if label and looks_like_speaker(label) and role_of(label):
        return label, m["rest"]
    return None


def circle_line(text: str) -> tuple[str, str | None, str] | None:
    """A line starting with ○: ('statement'|'inline'|'other', speaker, rest)."""
    if not text.startswith(("○", "〇", "◯")):
        return None
    body = text[1:].lstrip(" \u3000")
    if NOT_SPEAKERS.match(body):
        return ("other", None, body)
    m = STATEMENT.match(body)
    if m and looks_like_speaker(m["label"]):
        return ("statement", m["label"], body)
    m = INLINE.match(body)
    if m and looks_like_speaker(m["label"]):
        return ("inline", m["label"], m["rest"] or "")
    # 国会: ○議長（尾辻秀久君）　… where the label itself has a space-free bracket
    m = re.match(r"^(?P<label>[^\s\u3000]{1,12}[（(][^）)]{1,15}[）)])[\s\u3000]*(?P<rest>.*)$", body)
    if m and looks_like_speaker(m["label"]):
        return ("inline", m["label"], m["rest"])
    return ("other", None, body)


def colon_line(text: str) -> tuple[str, str] | None:
    m = COLON.match(text)
    if m and looks_like_speaker(m["label"]) and role_of(m["label"]):
        return m["label"], m["rest"]
    return None


# A numbered item of the front matter: １．日時：令和５年…, ３　出席者, ４．議事, ５　配付資料.
FRONT_ITEM = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?|[一二三四五六七八九十]{1,3}[．.、])[\s\u3000]*(?:日[\s\u3000]*時|開催日時|日付|"
                        r"場[\s\u3000]*所|開催場所|出[\s\u3000]*席[\s\u3000]*者|出席委員|出席構成員|欠席者|議[\s\u3000]*題|議[\s\u3000]*事|"
                        r"議事次第|次[\s\u3000]*第|配付資料|配布資料|資料)(?:[：:\s\u3000（(]|$)")


# An unnumbered heading over a front-matter list (議題 / １．… / ２．…) and the heading that opens the body.
FRONT_HEADING = re.compile(r"^(?:議[\s\u3000]*題|議事次第|次[\s\u3000]*第|出席者|出席委員|配付資料|配布資料)[\s\u3000]*[：:；;]?$")
BODY_HEADING = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?[\s\u3000]*)?(?:議事概要|議事の概要|議事内容|審議概要|審議の概要|会議の概要|"
                          r"議事経過|発言要旨|主な意見)[\s\u3000]*$")
# The end of a summary's body: 以上 / （以上） / －以上－, then signatures and contacts (文責, お問合せ先).
BACK_MATTER = re.compile(r"^(?:[（(－\-―]?[\s\u3000]*以[\s\u3000]*上[\s\u3000]*(?:[）)－\-―]|[（(][^）)]*[）)])?|"
                         r"[＜<【（(]?[\s\u3000]*(?:お?問い?合わ?せ先|連絡先|文責)\S*)$")


QA_LINE = re.compile(r"^(?:問|答|Ｑ|Ａ|Q|A)[\s\u3000：:．.]+\S")


def is_agenda(text: str) -> bool:
    return bool(AGENDA.match(text)) and len(text) <= 60 and not text.endswith("。")


def is_subheading(text: str) -> bool:
    """An agenda line under another (１ 報告事項 / (1) 中小企業事業資金の拡充について)."""
    return is_agenda(text) or (bool(re.match(r"^[（(][0-9０-９]{1,2}[）)]", text)) and len(text) <= 60
                               and not ends_sentence(text))


def _rest_span(line: Line, rest: str) -> Span:
    i = line.text.rfind(rest) if rest else len(line.text)
    return line.span.slice(i, len(line.text)).strip()


# ------------------------------------------------------------------ head
def parse_head(lines: list[Line]) -> MinutesHead:
    head = MinutesHead()
    texts = [ln.text for ln in lines]
    if texts:
        title = texts[0]
        if len(texts) > 1 and texts[1].replace(" ", "") in MINUTES_WORDS:
            title += texts[1].replace(" ", "")
        head.title = title
        head.meeting, head.meeting_number = meeting_of(title)
    dated = [t for t in texts if re.match(r"^(日\s*時|開催日時|開催日|日付)", t) and parse_date(t)]
    head.date = parse_date(dated[0]) if dated else next((parse_date(t) for t in texts if parse_date(t)), None)
    head.attendees = kun_attendees(lines) or parse_attendees(lines)
    return head


KUN_NAME = re.compile(r"([^\s\u3000君（）()]+(?:[\s\u3000]{1,3}[^\s\u3000君（）()]+)?)君")
BLOCK_END = re.compile(r"^[─━―]{5,}$")


def kun_attendees(lines: list[Line]) -> list[dict]:
    """The attendance blocks of a 国会会議録 (出席委員, 出席者は左のとおり。 … up to the next ──── rule):
    every 「姓　名君」 as a full name, the alignment blanks removed (藤丸　　敏君 -> 藤丸敏), with its surname
    where the blank shows it."""
    people: list[dict] = []
    group: str | None = None
    for ln in lines:
        text = ln.text.strip()
        if re.match(r"^(出席|欠席)", text):
            group = re.sub(r"[\s\u3000]+", "", text).rstrip("。")
            continue
        if group is None:
            continue
        if BLOCK_END.match(text) or (HEADER_BLOCK.match(text) and not text.startswith(("出席", "欠席"))):
            group = None
            continue
        for m in KUN_NAME.finditer(text):
            tokens = re.split(r"[\s\u3000]+", m[1])
            if len(tokens) > 1 and role_of(tokens[0]):
                tokens = tokens[1:]
            name = "".join(tokens)
            if 2 <= len(name) <= 10:
                person = {"name": name, "role": None, "group": group}
                if len(tokens) == 2:
                    person["surname"] = tokens[0]
                people.append(person)
    return people


def meeting_of(title: str) -> tuple[str | None, int | None]:
    """(body, meeting number) a title names: 「第213回国会　衆議院　安全保障委員会　第13号」 -> ('衆議院 安全保障委員会', 13),
    「品川区議会　平成19年第４回定例会（第１日目）　本会議」 -> ('品川区議会 本会議', 4),
    「懇談会（第２回）議事要旨」 -> ('懇談会', 2). A Diet session (第213回国会) is neither."""
    rest = SESSION.sub(" ", title)
    m = ISSUE.search(rest) or SITTING.search(rest)
    number = kanji_number(m["n"]) if m else None
    if m:
        rest = rest[:m.start()] + " " + rest[m.end():]
    rest = SITTING.sub(" ", rest)        # 令和５年第１回定例会 beside （第２号）: the session, not the body
    rest = ERA_MONTH.sub(" ", rest)      # 令和５年６月定例会, 令和５年１２月: a date, not the body
    rest = re.sub("|".join(MINUTES_WORDS + ("速記録", "(?<=会)記録")), " ", rest)
    rest = re.sub(r"[（(]\s*(?:要旨|要点筆記|要約|抄録|速報|概要)?\s*[）)]", " ", rest)
    body = " ".join(rest.replace("\u3000", " ").split()).strip("（）() ")
    return body or None, number


def parse_attendees(lines: list[Line]) -> list[dict]:
    """The 出席者 block: 'group；' lines followed by names separated by 、 (wrapped names rejoined)."""
    start = next((i for i, ln in enumerate(lines) if re.match(r"^(出席者|出席委員|出席者等|出席)", ln.text)), None)
    if start is None:
        return []
    groups: list[tuple[str | None, str]] = []
    first = GROUP_HEADER.match(lines[start].text)
    current: tuple[str | None, str] = (None, first["rest"] if first else "")
    for ln in lines[start + 1:]:
        if re.match(r"^(議事|議題|配付|配布|資料|次第|場所|日時)", ln.text):
            break
        m = GROUP_HEADER.match(ln.text)
        if m and not re.search(r"[、，,]", m["group"]):
            groups.append(current)
            current = (m["group"].strip(), m["rest"])
        else:
            current = (current[0], current[1] + ln.text)
    groups.append(current)
    people = []
    for group, names in groups:
        for name in re.split(r"[、，,]\s*", names):
            name = name.strip(" \u3000。")
            if name:
                people.append({"name": name, "role": role_of(name), "group": group})
    return people


# ------------------------------------------------------------------ verbatim records
# 「◯渡辺議長」 alone on its line, the speech on the lines below (a label that names a speaker, see turn_label).
LABEL_ALONE = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<label>[^\s\u3000]{1,40})(?P<rest>)$")


def turn_label(text: str) -> tuple[str, str] | None:
    """(label, speech) of a verbatim turn line 「○label　speech」, or None for any other line."""
    m = turn_line(text) or LABEL_ALONE.match(text)
    if not m or TIME_EVENT.match(text) or HEADER_BLOCK.match(text):
        return None
    if not m["rest"] and not names_speaker(m["label"]):
        return None
    if re.search(r"[、。，,「」『』：:；;]", m["label"]):
        return None
    return m["label"], m["rest"]


# Records without turn marks: 「鈴木委員　返礼品が…」 (small municipalities), a label alone over its speech
# (「山田太郎議員」 / 「市長（佐々木健）」), or a Q&A form (「質問者：鈴木委員」 / 「回答者：行政経営課長」).
UNMARKED = re.compile(r"^(?:(?:質問者|回答者|答弁者|発言者|意見)[：:][\s\u3000]*)?"
                      r"(?P<label>(?:[^\s\u3000（(：:]|[（(][^）)\n]{0,30}[）)]){1,40}?)(?:\u3000+(?P<rest>\S.*))?$")


def unmarked_turn(text: str) -> tuple[str, str] | None:
    """(label, speech) of a turn line without a mark, or None: the label must name a speaker, and a speech on
    the same line must read as one (a roster line 「市長　佐々木健」 is no turn)."""
    m = UNMARKED.match(text)
    if not m or TIME_EVENT.match(text) or HEADER_BLOCK.match(text) or not names_speaker(m["label"]):
        return None
    rest = m["rest"] or ""
    if rest and not (len(rest) >= 4 and re.search(r"[。？！]", rest)):
        return None
    return m["label"], rest


def verbatim_line(text: str) -> str:
    """What a line of a verbatim record is: turn, event, header, section, direction, rule or text."""
    if turn_label(text):
        return "turn"
    if TIME_EVENT.match(text):
        return "event"
    if HEADER_BLOCK.match(text) and len(text) <= 30 and not text.endswith("。"):
        return "header"
    if text.startswith(("○", "〇", "◯", "◎")) and len(text) <= 60 and not ends_sentence(text):
        return "section"                     # ○会期決定について, ◎諸般の報告 (◎ heads items in many assemblies)
    if RULE_LINE.match(text):
        return "rule"
    if WHOLE_DIRECTION.match(text):
        return "direction"
    return "text"


def speech_span(span: Span) -> Span:
    """span without its inline stage directions (〔「異議なし」と呼ぶ者あり〕) and rule runs (────)."""
    cut = [(m.start(), m.end()) for pattern in (DIRECTION, RULE_RUN) for m in pattern.finditer(span.text)]
    if not cut:
        return span
    keep = [True] * len(span)
    for i, j in cut:
        keep[i:j] = [False] * (j - i)
    return Span("".join(c for c, k in zip(span.text, keep) if k), [o for o, k in zip(span.offs, keep) if k]).strip()


def agenda_titles(lines: list[Line], kinds: list[str]) -> dict[str, str]:
    """日程第１ -> 「日程第１ 一般質問」 for each agenda item printed alone on its line above its title."""
    titles = {}
    for ln, nxt, kind in zip(lines, lines[1:], kinds[1:]):
        item = AGENDA_ITEM.match(ln.text)
        if item and kind == "text" and len(nxt.text) <= 60 and not ends_sentence(nxt.text):
            titles[item["number"]] = f"{item['number']} {nxt.text.strip()}"
    return titles


def item_taken_up(text: str, titles: dict[str, str]) -> str | None:
    """The agenda item a chair's sentence puts before the meeting (「…を議題といたします」), its printed title
    for an item named by number (日程第５), or None."""
    found = None
    for m in TAKES_UP.finditer(text):
        found = m["item"].strip()
    if found is None:
        return None
    number = re.sub(r"^.*?の(?=日程第)", "", found)     # 追加日程（２）の日程第５ -> 日程第５
    return titles.get(number, found)


def parse_verbatim(lines: list[Line], width: int, turn_of=turn_label) -> Minutes:
    """A verbatim record: turns only at 「○label　」 lines (or the lines turn_of accepts); front matter, agenda
    headings, time lines, stage directions and rule lines are kept out of every remark."""
    kinds = ["turn" if turn_of(ln.text) else verbatim_line(ln.text) for ln in lines]
    for i, ln in enumerate(lines[:-1]):
        if kinds[i] in ("turn", "section") and ROSTER.match(lines[i + 1].text) and not (turn_of(ln.text) or "  ")[1]:
            kinds[i] = "header"               # 〇災害対策特別委員 over its members' names: a roster, no turn or agenda item
    first = next(i for i, k in enumerate(kinds) if k in ("turn", "section"))
    head = parse_head(lines[:first])
    titles = agenda_titles(lines, kinds)
    turns: list[Turn] = []
    section: str | None = None
    taken_up: str | None = None               # the item the chair has just put before the meeting: the next turns'
    turn: Turn | None = None
    para: Span | None = None
    prev: Line | None = None
    prev_kind = ""

    def close_turn():
        nonlocal turn, para
        if turn is not None:
            if para:
                turn.paragraphs.append(para)
            if turn.paragraphs:
                turns.append(turn)
        turn, para = None, None

    for ln, kind in zip(lines[first:], kinds[first:]):
        if kind == "turn":
            close_turn()
            label, rest = turn_of(ln.text) or turn_label(ln.text)
            speaker, role = speaker_of(label)
            section, taken_up = taken_up or section, None
            if role in CHAIRS:
                taken_up = item_taken_up(rest, titles)
            turn = Turn(speaker, role, section, start=ln.start, end=ln.end, label=label, verbatim=True)
            para = speech_span(_rest_span(ln, rest)) if rest else None
        elif kind in ("event", "header"):
            close_turn()
        elif kind == "section":
            close_turn()
            section, taken_up = ln.text[1:].strip(), None
        elif turn is None:
            if prev_kind == "heading" and kind == "text" and is_subheading(ln.text):
                section, kind = f"{section} {ln.text}", "heading"      # ４ その他 / (2) 委員長報告について
        elif kind in ("rule", "direction"):
            if para:
                turn.paragraphs.append(para)
            para = None
        elif (prev_kind == "rule" and len(ln.text) <= 60 and not ends_sentence(ln.text) and turn.paragraphs
              and ends_sentence(turn.paragraphs[-1].text) and not AGENDA_ITEM.match(ln.text)):
            close_turn()                      # ────, then 「(3) 報告事項について」: the next agenda item
            section, taken_up, kind = ln.text, None, "heading"
        else:
            item = AGENDA_ITEM.match(ln.text)
            if item:
                taken_up = titles.get(item["number"], item["number"])
            elif turn.role in CHAIRS:
                taken_up = item_taken_up(ln.text, titles) or taken_up
            span = speech_span(ln.span)
            if not span:
                continue
            if para is None or ln.indent or ends_sentence(para.text) or (prev is not None
                                                                        and len(prev.text) < 0.8 * width):
                if para:
                    turn.paragraphs.append(para)
                para = span
            else:
                para = join_wrapped(para, span)
            turn.end = max(turn.end or 0, ln.end)
        prev, prev_kind = ln, kind
    close_turn()
    return Minutes(head, turns, verbatim=True)


# ------------------------------------------------------------------ turns
def parse_minutes(text: str) -> Minutes:
    lines = drop_lines(source_lines(text), lambda ln: is_page_number(ln.text))
    headers = running_headers(lines)
    title_lines = {id(ln) for ln in lines[:3]}     # a title printed again atop each page is still the title
    lines = drop_lines(lines, lambda ln: ln.text in headers and id(ln) not in title_lines and not bracket_label(ln.text)
                       and not ln.text.startswith(tuple(CIRCLES + SPEAKER_MARKS)) and not RULE_LINE.match(ln.text)
                       and not unmarked_turn(ln.text))
    width = line_width(lines)
    if sum(1 for ln in lines if turn_label(ln.text)) >= 2:
        return parse_verbatim(lines, width)
    if sum(1 for ln in lines if unmarked_turn(ln.text)) >= 3 and not any(bracket_label(ln.text) for ln in lines):
        return parse_verbatim(lines, width, turn_of=unmarked_turn)

    def opens_turn(ln: Line) -> bool:
        return bool(bracket_label(ln.text) or bracket_inline(ln.text)
                    or (circle_line(ln.text) or ("",))[0] in ("statement", "inline"))

    body_start = None
    in_front = False                       # inside a numbered front-matter item (３．出席者 / （委員）山田会長、…)
    for i, ln in enumerate(lines):
        in_front = in_front and not ln.gap
        if FRONT_ITEM.match(ln.text) or FRONT_HEADING.match(ln.text):
            in_front = True
        elif BODY_HEADING.match(ln.text):
            body_start = i + 1
            break
        elif (is_agenda(ln.text) and not in_front) or (opens_turn(ln) and (not in_front or ln.text.startswith("【"))):
            body_start = i
            break
    if body_start is None:
        body_start = next((i for i, ln in enumerate(lines) if colon_line(ln.text)), None)
    if body_start is None:                 # no layout of turns: the text from its first sentence, speakers unknown
        body_start = next((i for i, ln in enumerate(lines) if i and ends_sentence(ln.text)), len(lines))
    head = parse_head(lines[:body_start])

    turns: list[Turn] = []
    section: str | None = None
    turn: Turn | None = None
    para: Span | None = None
    prev: Line | None = None

    def close_para():
        nonlocal para
        if turn is not None and para:
            turn.paragraphs.append(para)
        para = None

    def close_turn():
        nonlocal turn
        close_para()
        if turn is not None and (turn.paragraphs or turn.speaker):
            turns.append(turn)
        turn = None

    def start_turn(speaker: str | None, ln: Line, first: Span | None = None, intro: Span | None = None):
        nonlocal turn, para
        close_turn()
        turn = Turn(speaker, role_of(speaker), section, start=ln.start, end=ln.end, intro=intro)
        para = first if first else None

    for ln in lines[body_start:]:
        t = ln.text
        label = bracket_label(t)
        circle = circle_line(t)
        inline = None if label or circle else bracket_inline(t)
        if label:
            start_turn(label, ln)
        elif inline:
            start_turn(inline[0], ln, first=_rest_span(ln, inline[1]))
        elif circle and circle[0] == "statement":
            rest = circle[2]
            after = STATEMENT.match(rest)["rest"]
            span = _rest_span(ln, rest)
            if INTRO_ONLY.match(after):
                start_turn(circle[1], ln, intro=span)
            else:
                start_turn(circle[1], ln, first=span)
        elif circle and circle[0] == "inline":
            start_turn(circle[1], ln, first=_rest_span(ln, circle[2]) if circle[2] else None)
        elif circle:
            start_turn(None, ln, first=_rest_span(ln, circle[2]))
        elif is_agenda(t) and (prev is None or ends_sentence(prev.text) or not para):
            close_turn()
            section = t
        elif is_subheading(t) and (ln.gap or turn is None):
            close_turn()                  # （１）研究開発税制の在り方について, set off by a blank line
            section = t
        elif BACK_MATTER.match(t):
            close_turn()                  # 以上 / （文責：事務局） / お問合せ先: the rest is no one's words
            break
        elif colon_line(t):
            lab, rest = colon_line(t)
            start_turn(lab, ln, first=_rest_span(ln, rest))
        elif QA_LINE.match(t):            # 問　… / 答　…: a question and its answer, speakers unnamed
            start_turn(None, ln, first=ln.span)
        elif turn is None:
            start_turn(None, ln, first=ln.span)
        elif ln.bullet or para is None or t.startswith("・"):
            close_para()                  # a 「・」 item starts its own paragraph
            para = ln.span
        elif ln.indent or (ends_sentence(para.text) and prev is not None and len(prev.text) < 0.8 * width):
            close_para()
            para = ln.span
        else:
            para = join_wrapped(para, ln.span)
        if turn is not None:
            turn.end = max(turn.end or 0, ln.end)
        prev = ln
    close_turn()
    for t in turns:
        if not t.paragraphs and t.intro:
            t.paragraphs.append(t.intro)
    return Minutes(head, [t for t in turns if t.paragraphs])
