"""The head of a minutes record: title, meeting (body and number), date and the 出席者 block."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from search.ingest.dates import parse_date
from search.ingest.repair import Line
from search.ingest.roles import CIRCLES, SPEAKER_MARKS, looks_like_speaker, role_of

MINUTES_WORDS = ("議事要旨", "議事録", "議事概要", "会議録", "議事要録", "会議概要", "会議要旨")
_N = r"(?P<n>[0-9０-９一二三四五六七八九十百]+)"
SESSION = re.compile(r"第\s*[0-9０-９一二三四五六七八九十百]+\s*回\s*国会")
ISSUE = re.compile(r"[（(]?(?:閉会後|閉会中)?第\s*" + _N + r"\s*号[）)]?")
SITTING = re.compile(r"[（(]?(?:(?:明治|大正|昭和|平成|令和)\s*[0-9０-９元一二三四五六七八九十]+\s*年\s*(?:度\s*)?)?第\s*" + _N
                     + r"\s*回(?:\s*(?:定例会|臨時会|定例議会|臨時議会))?[）)]?(?:[（(]第\s*[0-9０-９一二三四五六七八九十]+\s*日目?[）)])?")
ERA_MONTH = re.compile(r"(?:明治|大正|昭和|平成|令和)\s*[0-9０-９元一二三四五六七八九十]+\s*年\s*(?:度\s*)?"
                       r"[0-9０-９一二三四五六七八九十]+\s*月\s*(?:[0-9０-９一二三四五六七八九十]+\s*日|定例会|臨時会|定例議会|"
                       r"臨時議会)?")
GROUP_HEADER = re.compile(r"^(?P<group>[^、，,]{1,20}?)[；;：:]\s*(?P<rest>.*)$")
# 出席委員　委員長　山田太郎、… / 説明員　健康福祉部長　中村修、…: a roster's group set off by a space, not a colon
ROSTER_GROUP = re.compile(r"^(?P<group>出席委員|出席者|欠席委員|欠席者|説明員|説明のため出席した者|事務局職員|事務局|"
                          r"委員|構成員)[\s\u3000]+(?P<rest>\S.*)$")
# A numbered line of an agenda (１　開会, ２．議事, （１）…について): never a name of the roster above it
FRONT_ITEM_LINE = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?[\s\u3000]+|[（(][0-9０-９一二三四五六七八九十]{1,2}[）)])\S")
# Blocks of a record's front and back matter: lists and agendas, never a speaker's words.
HEADER_BLOCK = re.compile(r"^(?:[0-9０-９]{1,2}[．.][\s\u3000]*)?[" + CIRCLES + SPEAKER_MARKS + r"\[［【〔<＜]?(?:出席|欠席|応招|不応招|議事日程|議事次第|本日の会議に付した|"
                          r"会議に付した|委員の異動|配付資料|配布資料|"
                          r"会議録署名|説明のため出席|職務のため出席|説明員(?![（(])|開会日時|開催日時|開催場所|日[\s\u3000]*程[\s\u3000]*$)")


@dataclass
class MinutesHead:
    title: str | None = None
    meeting: str | None = None
    meeting_number: int | None = None
    date: str | None = None
    attendees: list[dict] = field(default_factory=list)


def kanji_number(s: str) -> int | None:
    """'２' -> 2, '十二' -> 12, '百' -> 100."""
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


# ------------------------------------------------------------------ head
BODY_WORD = re.compile(r"議会|委員会|審議会|協議会|研究会|懇談会|検討会|会議|分科会|部会")


def names_body(title: str) -> bool:
    """Whether a title names the body that met (白浜市議会, 総務委員会), not only a session or a day."""
    return bool(BODY_WORD.search(meeting_of(title)[0] or ""))


DATE_KEY = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?[\s\u3000]*|[一二三四五六七八九十][．.、]?[\s\u3000]*|[○〇◯・■□◆◇●][\s\u3000]*)?"
                      r"(?:(?:会議)?(?:開催)?(?:日[\s\u3000]*時|年月日|期[\s\u3000]*日)|開催日|日付|会議日)")
KEYED_DATE = re.compile(r"(?:日[\s\u3000]*時|開催日時|開催日|開催年月日)(?:及び場所)?[\s\u3000:：]*"
                        r"(?P<value>(?:令和|平成|昭和|[0-9０-９]{4}[\s\u3000]*年)[^。]{0,16}?日)")
# when a web page was put up or changed (更新日：2022年11月15日): never the meeting's date
PUBLISHED = re.compile(r"^.{0,16}?(?:最終)?(?:更新|公開|掲載|作成|取得)(?:日|日時)")   # 印刷用ページを表示する掲載日…


def parse_head(lines: list[Line]) -> MinutesHead:
    head = MinutesHead()
    texts = [ln.text for ln in lines]
    if texts:
        title, used = texts[0], 1
        if len(texts) > 1 and texts[1].replace(" ", "") in MINUTES_WORDS:
            title, used = title + texts[1].replace(" ", ""), 2
        elif len(texts) > 1 and not names_body(title) and names_body(texts[1]) and len(texts[1]) <= 40:
            title, used = f"{texts[1]}\u3000{title}", 2   # 令和５年第２回定例会（第３日） / 白浜市議会会議録: the body goes first
        sitting = ISSUE_LINE.match(texts[used]) if len(texts) > used else None
        if sitting and not ISSUE.search(title):
            title = f"{title}\u3000{sitting['issue']}"      # （第２号） or 第３号　令和５年９月２６日 on the next line
        if not RECORD_WORD.search(title) or "検索" in title:      # a search system's page: its own title further down
            printed = next((t.strip() for t in texts[1:15] if RECORD_WORD.search(t) and "検索" not in t
                            and names_body(t) and len(t.strip()) <= 60 and not t.strip().startswith(("○", "◎", "※"))
                            and "。" not in t), None)          # not 「※この文字起こしは、…正式な会議録ではありません。」
            title = printed or title
        named = next((m["name"].strip() for t in texts[:30] if (m := MEETING_FIELD.match(t))), None)
        if named:                                # 会議名：令和５年第２回定例会（第４号） of a search system's page
            body = meeting_of(title)[0] if names_body(title) and not names_body(named) else None
            title = f"{body}\u3000{named}" if body else named
        head.title = title
        head.meeting, head.meeting_number = meeting_of(title)
    # the date the 日時 key gives (on its line or the next: 1 日時 / 平成28年1月27日), not the page's publication date
    dated = [t + nxt for t, nxt in zip(texts, [*texts[1:], ""]) if DATE_KEY.match(t) and parse_date(t + nxt)]
    dated += [m["value"] for t in texts if (m := KEYED_DATE.search(t)) and parse_date(m["value"])]   # flattened lines
    head.date = parse_date(dated[0]) if dated else next(          # (a line's head: a date cited deep in a line
        (parse_date(t[:80]) for t in texts if parse_date(t[:80]) and not PUBLISHED.match(t)), None)  # is no date of it)
    if head.date is None:                        # 十二月六日（水曜日） under 令和五年第四回定例会: the year from the title
        year = next((m for t in texts[:5] if (m := YEAR_ONLY.search(t))), None)
        head.date = next((d for t in texts if year and (m := MONTH_DAY_ONLY.match(t)) and (d := dated_in(year, m))),
                         None)
    if head.date is None:                        # 令和６年１２月定例会　一般質問（１２月９日）, 平成29年度 総務委員会 /
        for t in [head.title or "", *texts[:8]]:  # 第10回委員会 (1月22日): the day in a bracket of the head
            year = YEAR_ONLY.search(t) or next((m for u in texts[:5] if (m := YEAR_ONLY.search(u))), None)
            day = re.search(r"[（(]" + MONTH_DAY_ONLY.pattern[1:], t)
            if year and day and (date := dated_in(year, day)):
                head.date = date
                break
    head.attendees = kun_attendees(lines) or parse_attendees(lines)
    return head


def dated_in(year: re.Match, month_day: re.Match) -> str | None:
    """A month and day (1月22日, （１２月９日）) in the year printed above it. A body's fiscal year (平成29年度 総務委員会)
    runs from April, so its January to March fall in the next calendar year (2018-01-22), as do a supplementary
    budget's (補正予算); a fiscal year's budget (平成18年度予算審査特別委員会) is reviewed before the year begins, in
    the year printed, and its accounts (平成17年度決算) after it ends, in the next."""
    date = parse_date(year.group() + month_day.group().lstrip("（( \u3000"))
    after = year.string[year.end():year.end() + 10]
    if not date or not after.startswith("度") or FY_BUDGET.match(after):
        return date
    if FY_ACCOUNTS.match(after) or int(date[5:7]) <= 3:
        return parse_date(f"{int(date[:4]) + 1}年{int(date[5:7])}月{int(date[8:10])}日")
    return date


FY_BUDGET = re.compile(r"度[\s\u3000]*(?:(?!補正)[^\s\u3000、。]){0,6}?予算")     # 度一般会計予算, not 度補正予算
FY_ACCOUNTS = re.compile(r"度[\s\u3000]*[^\s\u3000、。]{0,6}?決算")


KUN_NAME = re.compile(r"([^\s\u3000君（）()]+(?:[\s\u3000]{1,3}[^\s\u3000君（）()]+)?)君")
BLOCK_END = re.compile(r"^[─━―]{5,}$")
# a member's seat before the name in a roster without commas (１番　鈴木　花子), and the absentees' line after it
SEAT = re.compile(r"(?<![0-9０-９])([0-9０-９]{1,3})[\s\u3000]*番[\s\u3000]+")
SEAT_LABEL = re.compile(r"^([0-9０-９]{1,3})番[（(]")
# （構成員） / （総務省） alone on a line of a roster: the group of the names below it
BRACKET_GROUP = re.compile(r"^[（(](?P<group>[^（）()、，,]{1,12})[）)](?P<rest>)$")
# ４　出席委員（７名） / ６　説明のため出席した者の職氏名: a roster as a numbered item of the front matter
NUMBERED_ROSTER = re.compile(r"^[0-9０-９]{1,2}[．.]?[\s\u3000]+(?P<group>(?:出席|欠席|応招|説明のため出席|職務のため出席)"
                             r"[^\s\u3000]*)[\s\u3000]*(?P<rest>.*)$")
ABSENT = re.compile(r"^(?P<group>(?:欠席|不応招)[^\s\u3000（(]{0,6}(?:[（(][^）)]*[）)])?|"
                    r"[^\s\u3000]{0,30}説明のため出席した者[^\s\u3000]{0,6})[\s\u3000]*(?P<rest>.*)$")


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
                if seat := re.search(r"([0-9０-９]{1,3})[\s\u3000]*番[\s\u3000]*$", text[:m.start()]):
                    person["seat"] = int(seat[1])             # 「３番　野口　達也君」
                if len(tokens) == 2:
                    person["surname"] = tokens[0]
                people.append(person)
    return people


RECORD_WORD = re.compile(r"会議録|議事録|議事要旨|議事概要|記録|速記録")
MEETING_FIELD = re.compile(r"^会議名[\s\u3000]*[：:]?[\s\u3000]*(?P<name>\S.{3,80})$")
YEAR_ONLY = re.compile(r"(?:明治|大正|昭和|平成|令和)[\s\u3000]*[0-9０-９元一二三四五六七八九十]+[\s\u3000]*年")
MONTH_DAY_ONLY = re.compile(r"^[\s\u3000]*[0-9０-９一二三四五六七八九十]+[\s\u3000]*月[\s\u3000]*[0-9０-９一二三四五六七八九十]+"
                            r"[\s\u3000]*日")
ISSUE_LINE = re.compile(r"^(?P<issue>" + ISSUE.pattern + r")(?:\s|$)")       # （第２号） alone under the title
SESSION_WORD = re.compile(r"(?<=議会)\s*(定例会|臨時会)")
DAY = re.compile(r"[（(]?第\s*[0-9０-９一二三四五六七八九十]+\s*日目?[）)]?")
_D = r"[0-9０-９元一二三四五六七八九十]+\s*"
_ERA = r"(?:(?:明治|大正|昭和|平成|令和)\s*" + _D + r"|(?:19|20)[0-9]{2}\s*)年\s*"
# a date or a weekday in brackets: （6月6日）, (令和6年1月25日開催), （木）, （第２日・１２月８日）
BRACKET_DATE = re.compile(r"[（(]\s*(?:(?:" + _ERA + r")?(?:" + _D + r"月\s*)?" + _D + r"日\s*"
                          r"(?:[（(]?[月火水木金土日](?:曜日?)?[）)]?)?(?:開催|開会)?|[月火水木金土日](?:曜日?)?)\s*[）)]")
# a year alone (令和５年, 2023年度): the date, never the body
ERA_YEAR = re.compile(_ERA + r"(?:度)?")
MONTH_DAY = re.compile(r"[0-9０-９]{1,2}\s*月\s*[0-9０-９]{1,2}\s*日(?:\s*[（(][月火水木金土日](?:曜日?)?[）)])?")
# DiscussNet's file title: 議会運営委員会−11月13日-01号 (the date and the number of the sitting)
DISCUSSNET = re.compile(r"[\s\u3000]*[−－\-‐ー]\s*[0-9０-９]{1,2}月[0-9０-９]{1,2}日\s*[−－\-‐]\s*(?P<n>[0-9０-９]{1,3})号\s*$")


def meeting_of(title: str) -> tuple[str | None, int | None]:
    """(body, meeting number) a title names: 「第213回国会　衆議院　安全保障委員会　第13号」 -> ('衆議院 安全保障委員会', 13),
    「品川区議会　平成19年第４回定例会（第１日目）　本会議」 -> ('品川区議会 本会議', 4),
    「懇談会（第２回）議事要旨」 -> ('懇談会', 2). A Diet session (第213回国会) is neither."""
    rest = BRACKET_DATE.sub(" ", SESSION.sub(" ", title))
    m = DISCUSSNET.search(rest) or ISSUE.search(rest) or SITTING.search(rest)
    number = kanji_number(m["n"]) if m else None
    if m:
        rest = rest[:m.start()] + " " + rest[m.end():]
    rest = SITTING.sub(" ", rest)        # 令和５年第１回定例会 beside （第２号）: the session, not the body
    rest = ERA_MONTH.sub(" ", rest)      # 令和５年６月定例会, 令和５年１２月: a date, not the body
    rest = DAY.sub(" ", rest)            # 本会議　第２日: the day of a session, not the body
    rest = ERA_YEAR.sub(" ", rest)       # 令和５年　議会運営委員会: the year, not the body
    rest = MONTH_DAY.sub(" ", rest)      # 2023年11月15日　第５回…ワーキンググループ: the day, not the body
    rest = re.sub("|".join(MINUTES_WORDS + ("速記録", "要点記録", "要点筆記", "(?<=会)記録", r"(?<![^\s\u3000])本文$",
                                            "検索システム", "ホームページ")), " ", rest)
    rest = re.sub(r"[（(]\s*(?:要旨|要点筆記|要約|抄録|速報|概要)?\s*[）)]", " ", rest)
    rest = SESSION_WORD.sub("", rest)    # 第２回青葉市議会定例会: the session's kind, not the body (see designation)
    body = " ".join(rest.replace("\u3000", " ").split()).strip("（）() ")
    return body or None, number


def designation(title: str) -> str:
    """The meeting's place in its series as the title prints it, in the title's order, without the year:
    「第213回国会　衆議院　安全保障委員会　閉会後第1号」 -> '閉会後第1号', 「令和５年６月定例会　緑川県議会会議録　第３号」
    -> '6月定例会 第3号', 「品川区議会　令和２年第２回臨時会（第１日目）　本会議」 -> '第2回臨時会 第1日',
    「懇談会（第２回）議事要旨」 -> '第2回'. '' when the title prints none."""
    title = SESSION.sub(" ", unicodedata.normalize("NFKC", title))
    era = r"^(?:明治|大正|昭和|平成|令和)\s*[0-9元一二三四五六七八九十]+\s*年\s*(?:度\s*)?"
    found = []
    for pattern in (ERA_MONTH, SITTING, ISSUE, DAY):
        for m in pattern.finditer(title):
            if pattern is ERA_MONTH and not re.search("会$", m.group()):
                continue                 # 令和５年１２月 alone is the date, shown beside
            if not any(a < m.end() and m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), m.group()))
    pieces = []
    for _, _, text in sorted(found):
        text = re.sub(era, "", re.sub(r"\s+", "", text))
        text = re.sub(r"[（()）]", " ", text.replace("日目", "日")).split()
        pieces.extend(text)
    sitting = DISCUSSNET.search(title)
    if sitting and not any(re.fullmatch(r"第\d+号", p) for p in pieces):
        pieces.append(f"第{int(sitting['n'])}号")
    kind = SESSION_WORD.search(title)        # 第３回西川町議会定例会: 第3回 is the 定例会's number
    return " ".join(f"{p}{kind[1]}" if kind and re.fullmatch(r"第\d+回", p) else p for p in pieces)


def seat_names(turns: list, attendees: list[dict]) -> None:
    """A member's label by seat with a bare surname (３番（伊藤）) takes the full name the meeting's roster prints
    beside that seat (「３番　伊藤　明美」), when it begins with the bracketed name; the label stays as printed."""
    seats = {a["seat"]: a["name"] for a in attendees if a.get("seat")}
    for turn in turns if seats else ():
        m = SEAT_LABEL.match(turn.label or "")
        name = seats.get(int(m[1])) if m else None
        if name and turn.speaker and name != turn.speaker and name.startswith(turn.speaker):
            turn.speaker = name


def posted(entry: str) -> list[dict] | None:
    """「福祉課長　村上　恵美」, or several on a line (「委員長　　中川　誠　　　副委員長　大野　真理」): each post
    and the name beside it ({'name': '村上恵美', 'post': '福祉課長', 'role': '課長', 'surname': '村上'}), or None
    where the entry is not posts each followed by a name."""
    people: list[dict] = []
    for token in entry.split():
        if role_of(token) and looks_like_speaker(token) and not (people and not people[-1]["tokens"]):
            people.append({"post": token, "tokens": []})
        elif people and (len(people[-1]["tokens"]) < 3 or len(people[-1]["tokens"]) < 6 and len(token) == 1
                         and all(len(t) == 1 for t in people[-1]["tokens"])):
            people[-1]["tokens"].append(token)      # 知事　中　村　時　広: a name spaced out character by character
        else:
            return None
    if not people or any(not p["tokens"] or len("".join(p["tokens"])) > 10 or re.search(r"[、，,：:；;（）()]", "".join(p["tokens"]))
                         for p in people):
        return None
    out = []
    for p in people:
        person = {"name": "".join(p["tokens"]), "role": role_of(p["post"]), "post": p["post"]}
        if len(p["tokens"]) == 2:
            person["surname"] = p["tokens"][0]
        out.append(person)
    return out


CIRCLED_BLOCK = re.compile(r"^[" + CIRCLES + r"](?=出席|欠席|説明|事務局|議事|議題|配付|配布|資料|次第|場所|日時)")

# 〇出席議員　44名 / 〇出席理事者 / 〇出席事務局職員: a circled group of the roster, the names on the lines below
CIRCLED_GROUP = re.compile(r"^(?P<group>(?:出席|欠席|説明|事務局)[^\s\u3000、，,]{0,16})[\s\u3000]*"
                           r"(?:[（(]?[0-9０-９]+[\s\u3000]*名[）)]?)?[\s\u3000]*(?P<rest>.*)$")


def parse_attendees(lines: list[Line]) -> list[dict]:
    """The 出席者 block: 'group；' lines followed by names separated by 、 (wrapped names rejoined)."""
    start = next((i for i, ln in enumerate(lines) if re.match(r"^[" + CIRCLES + r"]?(出席者|出席委員|出席者等|出席|応招)", ln.text)
                  or NUMBERED_ROSTER.match(ln.text)), None)
    if start is None:
        return []
    groups: list[tuple[str | None, str]] = []
    first = GROUP_HEADER.match(lines[start].text) or ROSTER_GROUP.match(lines[start].text) or (
        CIRCLED_GROUP.match(CIRCLED_BLOCK.sub("", lines[start].text)) if lines[start].text[:1] in CIRCLES else None)
    current: tuple[str | None, str] = (None, first["rest"] if first else "")
    if first and first.re is CIRCLED_GROUP:
        current = (first["group"], first["rest"])
    if numbered := NUMBERED_ROSTER.match(lines[start].text):
        current = (numbered["group"], numbered["rest"])
    for ln in lines[start + 1:]:
        text = CIRCLED_BLOCK.sub("", ln.text)     # 〇出席理事者, ○議事日程（第３号）: blocks of the front matter
        if text != ln.text and (group := CIRCLED_GROUP.match(text)):
            groups.append(current)
            current = (group["group"], group["rest"])
            continue
        if numbered := NUMBERED_ROSTER.match(text):      # ６　説明のため出席した者の職氏名: the roster goes on
            groups.append(current)
            current = (numbered["group"], numbered["rest"])
            continue
        if re.match(r"^(議事|議題|配付|配布|資料|次第|場所|日時|審査事件|付託事件|本日の会議に付|[【■])", text) or \
                FRONT_ITEM_LINE.match(text) or re.fullmatch(r"[\s\u3000]*[─━―‐－\-ー=＝]{3,}[\s\u3000]*", text):
            break                           # the next block: 議事, 審査事件, １　開会, （１）…について, a rule
        m = GROUP_HEADER.match(text) or ROSTER_GROUP.match(text) or ABSENT.match(text) or \
            BRACKET_GROUP.match(text)
        if m and not re.search(r"[、，,]", m["group"]) and not posted(text):   # 「委員　　山口　剛」 is a member
            groups.append(current)
            current = (m["group"].strip(), m["rest"])
        else:                               # a roster set out in blanks goes on with a blank; a wrapped name does not
            gap = "\u3000" if re.search(r"[\s\u3000]{2}", current[1] + text) else ""
            current = (current[0], current[1] + gap + text)
    groups.append(current)
    people = []
    for group, names in groups:
        for entry in re.split(r"[、，,]\s*", names):
            pieces = SEAT.split(entry)        # 「１番　鈴木　花子　　　２番　高橋　　進」: a seat begins each name
            name = pieces[0].strip(" \u3000。")
            if name and name not in ("なし", "無し", "なし）"):
                people += [p | {"group": group} for p in posted(name) or [{"name": name, "role": role_of(name)}]]
            for seat, name in zip(pieces[1::2], pieces[2::2]):
                tokens = re.sub(r"(?:君|さん|氏|議員)$", "", name.strip(" \u3000。")).split()   # 「３番　野口　達也君」
                if tokens:
                    person = {"name": "".join(tokens), "role": None, "group": group, "seat": int(seat)}
                    if len(tokens) == 2:
                        person["surname"] = tokens[0]
                    people.append(person)
    return people
