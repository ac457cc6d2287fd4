"""Verbatim records (国会・議会・審議会の会議録): turns at their label lines, agenda sections, front matter,
time lines, stage directions and rules kept out of the speeches."""
from __future__ import annotations

import re

from search.ingest.head import HEADER_BLOCK, parse_head
from search.ingest.procedure import CHAIRS
from search.ingest.repair import Line, Span, ends_sentence, join_wrapped
from search.ingest.roles import (CIRCLES, SPEAKER_MARKS, label_pattern, looks_like_speaker, names_speaker, role_of,
                                 speaker_of, turn_line, unwrapped)
from search.ingest.turns import Minutes, Turn

# A numbered agenda heading: １．開会, ２　議事, 第１　…, 一、…
AGENDA = re.compile(r"^(?:[0-9０-９]{1,2}[．.](?![0-9０-９])|[0-9０-９]{1,2}[\s\u3000]+(?=\S)|"
                    r"第[0-9０-９一二三四五六七八九十]+[款項目章節]?[\s\u3000]|"
                    r"[一二三四五六七八九十]{1,3}[．.、\s\u3000]|"
                    r"(?:議題|議事|報告|案件|件名)[0-9０-９一二三四五六七八九十]{1,2}[\s\u3000．.：:]|"
                    r"(?:[IVX]{1,4}|[Ⅰ-Ⅻ])[．.](?=\S))\s*\S")    # 議題2 その他, 件名１　…, III．討議の概要
# ○ lines and plain lines that say when the sitting opens, pauses or ends (○午後１時02分開会, 午前十一時五十六分散会).
# Also the event first, the time after or none (散会　午後３時４５分, （閉会）, 散会), and a digital clock (10:35 閉会).
_CLOCK = (r"(?:(?:午前|午後|正午)[\s\u3000零〇一二三四五六七八九十百0-9０-９時分半秒:：]*"
          r"|[0-9０-９]{1,2}[:：][0-9０-９]{2}[\s\u3000]*)")                # also a transcript's 10:35 閉会
# the sitting's events; the first seven also spaced out (休　　憩)
EVENTS = ("開会", "開議", "散会", "閉会", "休憩", "再開", "延会", "閉議", "開始", "終了")
_EVENT = "(?:" + "|".join(f"{w[0]}[\\s\\u3000]{{0,2}}{w[1]}" for w in EVENTS[:7]) + "|" + "|".join(EVENTS[7:]) + ")"
TIME_EVENT = re.compile(r"^[" + CIRCLES + SPEAKER_MARKS + r"]?[（(〔]?[\s\u3000]*(?:" + _CLOCK + _EVENT + r"?|" + _EVENT
                        + r"[\s\u3000]*(?:" + _CLOCK + r")?)[\s\u3000]*[）)〕]?$")
# The back matter's attestation (地方自治法第１２３条第２項の規定により署名する。): the signatures follow, no speech
ATTESTATION = re.compile(r"^(?:(?:地方自治法|会議規則|委員会条例)[^。]{0,40}|上記[^。]{0,40}|右[^。]{0,30})"
                         r"(?:署名|記名押印|証する|相違ない)[^。]{0,12}。?$|"
                         r"^(?:会議録|議事録)署名(?:委員|議員|人|者)(?![^、。]*[にをはがで]$)[\s\u3000]*[^、。]{0,20}$|"  # 議事録署名委員　５番
                         r"^[^、。]{1,10}は、[^。]{0,30}(?:閉会|散会|閉議)(?:を宣(?:告)?)?した。")   # 議長は、…閉会した。
# a line ending in a particle (会議録署名議員に): a sentence going on, never a heading or the back matter
SENTENCE_GOES_ON = re.compile(r"[にをはがで]$")
# An agenda item as assemblies print it, alone on its line (日程第１, 追加日程（２）第５), its title on the next line.
AGENDA_ITEM = re.compile(r"^(?P<number>(?:追加)?日程(?:[（(][0-9０-９]+[）)])?第[0-9０-９一二三四五六七八九十]+)"
                         r"(?:[、，][^。]{0,20})?$")             # 日程第１、昨日に引き続き / 一般質問 / を行います。
# The chair putting an item before the meeting: 「次に、財政及び金融等に関する調査を議題といたします。」,
# 「国の安全保障に関する件について調査を進めます。」
TAKES_UP = re.compile(r"(?:^|[。\n])\s*(?:(?:まず|次に|それでは|では|これより|続いて|続きまして|引き続き(?:まして)?|初めに|"
                      r"はじめに|最初に|本日は)[、，]?\s*)*(?:[（(][0-9０-９]+[）)]の?)?"
                      r"(?P<item>[^。\n]{2,80}?)(?:を(?:一括して|一括)?議題(?:と(?:いた)?し|に供し)(?:ます|、)|"
                      r"について(?:の)?(?:調査|審査|審議)を(?:進め|行い|いたし)ます)")
FURIGANA = re.compile(r"^[\u3041-\u309f\u30a0-\u30ff\s\u3000]{1,16}$")
GENERIC_HEADING = re.compile(r"^(?:議[\s\u3000]*事|議[\s\u3000]*題|議事次第|会議次第|次[\s\u3000]*第|議事内容|議事経過|本[\s\u3000]*文|"
                             r"会議の経過|議事の経過|日[\s\u3000]*時|開催日時|場[\s\u3000]*所|開催場所|会[\s\u3000]*場|出席者|欠席者|"
                             r"出席委員|配付資料|配布資料|資[\s\u3000]*料|傍聴者?)$")
# A short unmarked heading between a speech's last sentence and the next turn (議長の報告, 議案訂正の件, 議案第24号):
# no sentence, no blank, ending in no kana (not a speech's last words left without their 。)
ITEM_BETWEEN = re.compile(r"^[^\s\u3000。、，,！？!?「」（）()…‥―－]{2,24}(?<![\u3040-\u309f」）)])$")
ITEM_WORD = re.compile(r"(?:件|報告|[0-9０-９]号|質問|質疑|討論|採決|選挙|選任|指名|決定|承認|協議|審議|案|について|その他)$")
DATE_LINE = re.compile(r"^(?:令和|平成|昭和|[0-9０-９]{4}年)[^。、]{0,12}[0-9０-９元一二三四五六七八九十]{1,3}日[\s\u3000]*"
                       r"(?:[（(][^（）()]{1,4}[）)])?$")
CLOSING_ITEM = re.compile(r"(?:閉会|散会|閉議)[）)]?$")
# An item named by pointing back at it (本件, 本案, 両案, 以上の件, 同議案): no name of its own
DEICTIC = re.compile(r"(?:本|同|両|右|上記の?|以上の|前記の?|これら?の?)(?:件|案|議案|請願|陳情|各案|案件|報告|事件)?")
# A heading's title wrapped onto the next line (…条例の一部 / を改正する条例について)
WRAPPED_TITLE = re.compile(r"^(?:を|の|に|と|及び|並びに|等|について|に関する|に係る|改正|一部)\S{0,38}$")
# A line of a roster (井野　俊郎君　　井林　辰憲君): after a 「○…委員」 line it makes that line a list header.
ROSTER = re.compile(r"^[\s\u3000]*(?:[^\s\u3000。、]{1,6}[\s\u3000]{0,3}[^\s\u3000。、]{0,6}君[\s\u3000]*)+$")
RULE_LINE = re.compile(r"^(?:[\s\u3000─━―‐－\-ー…‥・◇◆=＝＊*]{3,}|[─━―]{2}|(?=.*[─━―]{3})[\s\u3000─━―○〇◯]{5,})$")
RULE_RUN = re.compile(r"[─━―]{3,}")
DIRECTION = re.compile(r"〔[^〔〕\n]*〕")
# the record's note of the chamber's reaction in round brackets, inline or alone: （拍手）, （「異議なし」と呼ぶ者あり）,
# （発言する者多く、議場騒然）, （笑）
REACTION = re.compile(r"[（(](?:「[^「」（）()]{0,30}」と呼ぶ者(?:あり|多し)|(?:発言|私語)する者(?:あり|多し|多く[^（）()]{0,10})|"
                      r"(?:会場)?拍手(?:する者あり|多し)?|笑声|笑い|笑|議場騒然)[）)]")
WHOLE_DIRECTION = re.compile(r"^(?:〔[^〔〕]*〕|[（(](?:[^（）()]|[（(][^（）()]*[）)])*[）)]|[［\[][^［］\[\]。、]{1,12}[］\]])$")   # also [黙　祷]


# A bill or petition put before a committee (議案第６２号　…について, 請願第３号　…), and the stages of its
# hearing as summaries print them (（質疑）, （討論）, （採決）).
BILL = re.compile(r"^[■□◆◇●]?(?:議案|議第|請願|陳情|報告|諮問)第?[0-9０-９一二三四五六七八九十]+号[\s\u3000]*\S.{0,78}$(?<![。])")
PROCEEDING = re.compile(r"^[（(＜<【](?:質疑|質問|討論|採決|意見|要望)[）)＞>】][\s\u3000]*(?P<rest>.*)$")

def without_reactions(span: Span) -> Span:
    """span without the chamber's reactions (（拍手）, （会場拍手）): a summary's or a transcript's speech, whose other
    brackets (〔仮称〕) stay."""
    return speech_span(span, (REACTION,))


def bill_heading(text: str) -> bool:
    """議案第２３号　…について alone on its line (not 「議第１号について説明します。本案は、…」, a speech's first line, nor
    「議第１号「…について」を」, a speech wrapped after a particle)."""
    return bool(BILL.match(text)) and "。" not in text and not re.search(r"[をがはにでも、]$", text)


def is_agenda(text: str) -> bool:
    return bool(AGENDA.match(text)) and len(text) <= 60 and not text.endswith("。")


def is_subheading(text: str) -> bool:
    """An agenda line under another (１ 報告事項 / (1) 中小企業事業資金の拡充について)."""
    return is_agenda(text) or (bool(re.match(r"^[（(][0-9０-９]{1,2}[）)]", text)) and len(text) <= 60
                               and not ends_sentence(text))


def rest_span(line: Line, rest: str) -> Span:
    i = line.text.rfind(rest) if rest else len(line.text)
    return line.span.slice(i, len(line.text)).strip()


# ------------------------------------------------------------------ verbatim records
# 「◯渡辺議長」 alone on its line, the speech on the lines below (a label that names a speaker, see turn_label).
LABEL_ALONE = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])[ \u3000]?(?P<label>[^\s\u3000]{1,40})(?P<rest>)[\s\u3000]*$")


# 「　→（事務局）…」 under a member's bullets: the answer, a turn of its own
REPLY = re.compile(r"^[→⇒][\s\u3000]*[（(【](?P<label>[^）)】\s]{1,20})[）)】][\s\u3000]*(?P<rest>\S.*)$")


# 「・佐藤委員：運転士の確保には…」: a summary's point that names its speaker, after the verbatim part of a record
POINT = re.compile(r"^[・●◆][\s\u3000]*(?P<label>[^：:、。\s\u3000・]{1,20})[：:][\s\u3000]*(?P<rest>\S.*)$")


def point_turn(text: str) -> tuple[str, str] | None:
    m = POINT.match(text)                    # (not the front matter's 「・事務局：デジタル推進課」: a point says something)
    said = m and (re.search(r"[。？！]", m["rest"]) or len(m["rest"]) >= 20)
    return (m["label"], m["rest"]) if said and looks_like_speaker(m["label"]) and role_of(m["label"]) else None


def reply_turn(text: str) -> tuple[str, str] | None:
    """(label, speech) of a reply 「→（事務局）…」 under a speaker's points, or None."""
    m = REPLY.match(text)
    return (m["label"], m["rest"]) if m and looks_like_speaker(m["label"]) else None


# ○日時　…, ○開催場所　…, ○議案第８１号　…について: items of the front matter or the agenda set out like turns
NOT_A_LABEL = re.compile(r"^(?:日時|開催|場所|会場|出席|欠席|説明員(?![（(])|議題|次第|配付|配布|傍聴|(?:追加)?日程第)|"
                         r"^(?:議案|議第|請願|陳情|認定|報告|諮問|発議|承認)第?[0-9０-９一二三四五六七八九十]+号")


# 番外: the executive's place in a town record (○番外　町長（佐藤君）　…, ○番外２番　総務課長（小林君）　…)
OUTSIDE_SEATS = re.compile(r"番外(?:[0-9０-９]{1,2}番?)?")
POSTED = re.compile(r"^(?P<label>[^\s\u3000（()]{1,20}[（(][^（）()]{1,20}[）)])[\s\u3000]*(?P<rest>.*)$")
# （説明）資産経営課長 over an explanation: the record names who explains
EXPLAINS = re.compile(r"^[（(](?:説明|補足説明|概要説明|報告|答弁)[）)][\s\u3000]*(?P<label>[^\s\u3000、。]{2,30})(?P<rest>)$")

REPORTS = re.compile(r"^[\s\u3000]*[（(](?P<label>[^（）()\s\u3000]{2,20}?)(?:報告|説明|朗読)[）)](?P<rest>)$")


def turn_label(text: str) -> tuple[str, str] | None:
    """(label, speech) of a verbatim turn line 「○label　speech」, or None for any other line."""
    explains = EXPLAINS.match(text) or REPORTS.match(text)
    if explains and names_speaker(explains["label"]):
        return explains["label"], ""         # （説明）資産経営課長 / （杉立敏也事務局長報告）: who speaks next
    m = turn_line(text) or LABEL_ALONE.match(text)
    if m and OUTSIDE_SEATS.fullmatch(m["label"]) and (post := POSTED.match(m["rest"] or "")):
        return post["label"], post["rest"]     # ○番外　町長（佐藤君）　…: the post and name after the seat word
    if not m or TIME_EVENT.match(text) or HEADER_BLOCK.match(text):
        return None
    if not m["rest"] and not names_speaker(unwrapped(m["label"])):
        return None                          # ○（庄本えつこ委員） alone names a speaker, ○（部外局関係） heads an item
    if re.search(r"[、。，,「」『』：:；;]", m["label"]) or NOT_A_LABEL.match(m["label"]):
        return None
    return m["label"], m["rest"]


# Records without turn marks: 「鈴木委員　返礼品が…」 (small municipalities), a label alone over its speech
# (「山田太郎議員」 / 「市長（佐々木健）」), or a Q&A form (「質問者：鈴木委員」 / 「回答者：行政経営課長」).
UNMARKED = re.compile(r"^(?:(?:質問者|回答者|答弁者|発言者|意見)[：:][\s\u3000]*|"
                      r"[0-9０-９]{1,3}[\s\u3000]+(?=\S+[\s\u3000]+\S))?"       # ３　山田委員　…: the order of speaking
                      + label_pattern("：:", 40) + r"(?:[\u3000 ]+(?P<rest>\S.*))?$")   # a PDF's cells: a plain space


HALF_CLOSED = re.compile(r"^(?P<label>[^\s\u3000（()）、。，,「」]{2,16})[）)](?P<rest>\S.*)$")
CLOSED_LABEL = re.compile(r"^(?P<label>[^\s\u3000（()、。「」]{1,12}[（(][^（）()\s\u3000、。]{1,10}[）)])(?P<rest>\S.*)$")
# A label spaced out to the width of a column, the speech after it (議　　長　　ただいまから…, ７　　番　　７番、…)
PADDED = re.compile(r"^(?P<label>\S(?:[\u3000 ]{1,4}\S){1,3})[\u3000]{2,}(?P<rest>\S.*)$")
PADDED_CELL = re.compile(r"^(?P<label>\S(?:\u3000{1,4}\S){1,3}) (?P<rest>\S.*)$")    # a PDF table's label cell, spaced
SEAT_ONLY = re.compile(r"^[0-9０-９]{1,3}番$")
# A post or a seat, then the person's name, set apart by plain blanks (議長 伊藤秋雄 おはようございます。, ２番 小 柳 聡
# 質問します。), as town records taken from PDFs print a turn: the name begins with a kanji, or is spaced out
_KANJI, _KANA_KANJI = r"[\u4e00-\u9fff々]", r"[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]"
POST_THEN_NAME = re.compile(r"^(?P<label>[^\s\u3000、。]{1,16})[ \u3000](?P<name>" + _KANJI + _KANA_KANJI + r"{1,5}|"
                            + _KANJI + r"(?: " + _KANJI + r"){1,4})[ \u3000]+(?P<rest>\S.*)$")


def unmarked_turn(text: str, full: bool = False) -> tuple[str, str] | None:
    """(label, speech) of a turn line without a mark, or None: the label must name a speaker, and a speech on
    the same line must read as one (a roster line 「市長　佐々木健」 is no turn), or run to the end of a full line
    (full: 「大川構成員　小規模な自治体では、…不足しておりま」 / 「す。」)."""
    words = text.split(" ")
    if 1 < len(words) <= 4 and not re.search(r"[\u3000\t。、．，！？]", text) and len(joined := "".join(words)) <= 40 \
            and names_speaker(joined):
        return joined, ""                    # 国土交通省 航空局 無人航空機安全課長 / 佐藤 健一 氏（…協会 専務理事） alone
    posted = POST_THEN_NAME.match(text)
    if posted and (SEAT_ONLY.match(posted["label"]) or names_speaker(posted["label"])) and not re.search(
            r"[はがをにのでもと]$", name := "".join(posted["name"].split())) and not role_of(name) \
            and re.search(r"[。？！]", posted["rest"]) and not HEADER_BLOCK.match(text):
        return f"{posted['label']}（{name}）", posted["rest"]
    padded = PADDED.match(text) or PADDED_CELL.match(text)
    if padded:
        label, rest = "".join(padded["label"].split()), padded["rest"]
        cell = padded.re is PADDED_CELL and len(rest) >= 12 and not re.search(r"[\s\u3000]", rest)
        if (names_speaker(label) or SEAT_ONLY.match(label)) and len(rest) >= 2 and (re.search(r"[。？！]", rest) or cell):
            return label, rest                   # 議　　長　　町長。: a chair's call is a turn too; 議　長 ただいまから…
    m = UNMARKED.match(text)
    if m and m["rest"] is None and not names_speaker(m["label"]):
        m = CLOSED_LABEL.match(text)         # 議長(田中)ただいまから…: the bracket closes the label
    if m is None or m["rest"] is None and not names_speaker(m["label"]):
        half = HALF_CLOSED.match(text)       # 山本委員長）ただ今から，…: a closing bracket alone ends the label
        if half and names_speaker(half["label"]) and role_of(half["label"]) and re.search(r"[。？！]", half["rest"]):
            return half["label"], half["rest"]
    if not m or TIME_EVENT.match(text) or HEADER_BLOCK.match(text) or not names_speaker(m["label"]):
        return None
    rest = m["rest"] or ""
    named = re.search(r"[（(][^（）()]{1,20}[）)]$", m["label"])     # 総務課長（坂東亮君）, 村長(中島): a person named
    # a table's cells taken out of a PDF: the label cell, one plain space, the first line of the speech cell
    cells = rest and text[m.end("label"):m.start("rest")] == " " and len(rest) >= 12 and not re.search(r"[\s\u3000]", rest)
    if rest and not (len(rest) >= 4 and re.search(r"[。？！]", rest) or named and len(rest) >= 2 or cells
                     or full and len(rest) >= 12 and not re.search(r"[\s\u3000]", rest)):
        return None
    label = m["label"]
    if label[:1] in "▼▽":
        return None                          # ▼鈴木直道知事 under 【答弁者】: a list of who answers, no turn
    marked = label[:1] in CIRCLES + SPEAKER_MARKS and label[1:2] not in CIRCLES + SPEAKER_MARKS + " " or (
        label[:1] in "QＱAＡ" and names_speaker(label[1:]) and label[1:] != role_of(label[1:]))   # Q内田議員 / A鈴木知事:
    #                                                    a digest's question and answer; Ａ委員 is a member named by letter
    return (label[1:] if marked else label), rest          # ○野村委員長 among unmarked turns; 〇〇委員 keeps its name


# The record's end mark (以上, ―以上―, （以上）, ―了―), a question round's marker line (再質問, ＜再々質問＞), a vote noted in
# angle brackets (〈全員賛成〉), and an item heading in double angle brackets (≪議案第２５号　…≫)
END_MARK = re.compile(r"^[（(－\-―ー—]*[\s\u3000]*(?:以[\s\u3000]*上|了)[\s\u3000]*[）)－\-―ー—]*$")     # ――　了　――
CONTACT_WORDS = r"このページに関するお?問い?合わ?せ|お?問い?合わ?せ先|照会先"   # whom to ask about the record
CONTACT = re.compile(r"^[＜<【（(]?[\s\u3000]*(?:" + CONTACT_WORDS + r")")
ROUND_MARK = re.compile(r"^[＜<【〔（(]?(?:再々?質問|再々?答弁|一問一答)[＞>】〕）)]?$")
RECORD_NOTE = re.compile(r"^(?:※|[（(]注[0-9０-９]{0,2}[）)]|注[0-9０-９]{0,2}[）)：:])")       # ※　…, （注）…, 注１：…
ANGLE_NOTE = re.compile(r"^[〈＜<][^〈〉＜＞<>。]{1,20}[〉＞>](?:[\s\u3000]+[^。]{0,20})?$")
DOUBLE_ANGLE_ITEM = re.compile(r"^[≪《][^≪≫《》]{2,60}[≫》]$")


# a stage direction with a turn's mark before it (○（３番　伊東正吾君登壇）, ○（村長登壇）, ○〔議長退席〕)
CIRCLED_DIRECTION = re.compile(r"^[" + CIRCLES + r"][（(〔][^（）()〔〕]{0,30}(?:登壇|降壇|退席|着席|入場|退場|起立|交代|"
                               r"拍手)[^（）()〔〕]{0,6}[）)〕]$")

VOICE_NUMBER = re.compile(r"^[0-9０-９]{1,4}[:：]$")


def verbatim_line(text: str) -> str:
    """What a line of a verbatim record is: turn, event, header, section, direction, rule or text."""
    if turn_label(text):
        return "turn"
    if ATTESTATION.match(text) or END_MARK.match(text) or CONTACT.match(text):
        return "event"                       # …署名する。 / ―以上― / このページに関するお問い合わせ: the speeches have ended
    if ROUND_MARK.match(text) or ANGLE_NOTE.match(text) or RECORD_NOTE.match(text):
        return "direction"                   # 再質問 / 〈全員賛成〉 / ※この記録は…: the record's notes, no one's words
    if DOUBLE_ANGLE_ITEM.match(text):
        return "section"
    if TIME_EVENT.match(text):              # （午前１０時３２分） alone notes the time inside a speech
        return "event" if re.search("|".join(EVENTS), re.sub(r"[\s\u3000]", "", text)) else "direction"
    if HEADER_BLOCK.match(text) and (len(text) <= 30 or text.startswith(("○", "〇", "◯"))) and not ends_sentence(text) \
            and not SENTENCE_GOES_ON.search(text):     # 会議録署名議員に / ９番 … / を指名いたします。: the chair speaking
        return "header"
    if VOICE_NUMBER.match(text):
        return "direction"                   # 3: before a speech, as a web system numbers them
    if CIRCLED_DIRECTION.match(text):
        return "direction"                   # ○（３番　伊東正吾君登壇）: the record's note, no heading
    if text.startswith(("○", "〇", "◯", "◎", "△")) and len(text) <= 60 and not ends_sentence(text) and "。" not in text:
        if GENERIC_HEADING.match(text[1:].strip()) or DATE_LINE.match(text[1:].strip()):
            return "header"                  # ○議事 / ○議事次第 / 〇平成19年9月27日(木曜日): the record's own, no item
        return "section"                     # ○会期決定について, ◎諸般の報告, △日程第一 (◎ and △ head items)
    if RULE_LINE.match(text):
        return "rule"
    if re.search(r"[\s\u3000]", text) and GENERIC_HEADING.match(text):
        return "direction"                   # 議　　題 centred between the chair's turns: the record's, no one's words
    if WHOLE_DIRECTION.match(text) and not (text[0] in "［[" and looks_like_speaker(text[1:-1])) or (
            re.fullmatch(r"【[^】]{1,20}】", text) and not looks_like_speaker(text[1:-1])):
        return "direction"                   # （委員了承）, 【主な意見・質疑】: the record's notes, no one's words
    return "text"


# 事務局から、…説明があった。 / 最後に、山田委員長より、…指示があった。 / 高齢福祉課長から議案について説明があった。:
# a summary reports a speaker's words.
STATEMENT = re.compile(r"^(?:[・●◆■□][\s\u3000]*)?(?:(?:最後に|次に|まず|続いて|また|さらに|最初に)[、，]\s*)?(?P<label>[^、，,。\s]{1,30}?)(?:から|より)"
                       r"(?:[、，,]\s*|(?=[^。]*(?:説明|報告|答弁|提案|連絡)が(?:あった|なされた)。?$))(?P<rest>.*)$")


def narrated(ln: Line, kind: str) -> str | None:
    """Who a sentence outside every turn reports on (事務局より、…資料１により説明した。 -> 事務局), or None: the
    record's narration of a speaker, kept as that speaker's remark rather than lost before the first turn."""
    m = STATEMENT.match(ln.text) if kind == "text" and ends_sentence(ln.text) else None
    return m["label"] if m and looks_like_speaker(m["label"]) and role_of(m["label"]) else None


HYPHENATED = re.compile(r"[a-z]-\n[a-z]")         # Ser- / vice）: a word hyphenated at the end of a line goes on


def speech_span(span: Span, patterns=(DIRECTION, REACTION, RULE_RUN)) -> Span:
    """span without its inline stage directions (〔「異議なし」と呼ぶ者あり〕, （拍手）) and rule runs (────)."""
    cut = [(m.start(), m.end()) for pattern in patterns for m in pattern.finditer(span.text)]
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


# 「日程第１、一般質問を行います。」: the chair taking up an item by its number and name
DAY_ITEM = re.compile(r"(?:^|[。\n])\s*(?P<item>(?:追加)?日程第[0-9０-９一二三四五六七八九十]+[、，\s\u3000]+[^。\n]{2,60}?)"
                      r"を(?:行います|行いたいと思います)")


def _flat(x: str) -> str:
    return re.sub(r"[\s\u3000、，,。【】［］\[\]]", "", x)


def item_name(spoken: str | None, printed: str | None) -> str | None:
    """The name of the item the chair takes up: the printed heading where it names the same item at least as fully
    (日程第2　議案第50号　…について for the chair's 日程第2、議案第50号、…について; 【議案第２２号　…条例】 for 議案第２２号),
    else the chair's words (外交、防衛等に関する調査のうち、…に関する件 under the heading 外交、防衛等に関する調査)."""
    if spoken is None:
        return printed
    if printed and _flat(printed).startswith(_flat(spoken)):
        return printed
    return spoken


def item_taken_up(text: str, titles: dict[str, str]) -> str | None:
    """The agenda item a chair's sentence puts before the meeting (「…を議題といたします」, 「日程第１、一般質問を
    行います」), its printed title for an item named by number (日程第５), or None."""
    found = None
    for m in (*TAKES_UP.finditer(text), *DAY_ITEM.finditer(text)):
        found = m["item"].strip()
    if found is None or DEICTIC.fullmatch(found):
        return None                          # 本件を議題といたします: the item already named above
    if re.fullmatch(r"「[^「」]+」", found):
        found = found[1:-1]                  # 「医療保険制度改革について」を議題といたします
    number = re.sub(r"^.*?の(?=日程第)", "", found)     # 追加日程（２）の日程第５ -> 日程第５
    return titles.get(number, found)


def parse_verbatim(lines: list[Line], width: int, turn_of=turn_label) -> Minutes:
    """A verbatim record: turns only at 「○label　」 lines (or the lines turn_of accepts); front matter, agenda
    headings, time lines, stage directions and rule lines are kept out of every remark."""
    def turn_at(text: str) -> tuple[str, str] | None:
        return turn_of(text) or reply_turn(text) or point_turn(text)

    kinds = ["turn" if turn_at(ln.text) else verbatim_line(ln.text) for ln in lines]
    for i, ln in enumerate(lines[:-1]):
        if kinds[i] in ("turn", "section") and ROSTER.match(lines[i + 1].text) and not (turn_of(ln.text) or "  ")[1]:
            kinds[i] = "header"               # 〇災害対策特別委員 over its members' names: a roster, no turn or agenda item
    for i in range(len(lines) - 1):           # さかき over ○３番（榊　真司君）: a PDF's furigana, no one's words
        if kinds[i] == "text" and kinds[i + 1] == "turn" and FURIGANA.match(lines[i].text):
            kinds[i] = "direction"
        elif kinds[i] == "text" and kinds[i + 1] == "turn" and i and ends_sentence(lines[i - 1].text) \
                and ITEM_BETWEEN.match(lines[i].text) and ITEM_WORD.search(lines[i].text):
            kinds[i] = "section"              # …御報告いたします。 / 議案訂正の件 / ○議長（…）: the item's heading
    roster = False                            # [出席者] / ◎委員長 / 佐々木克也: a roster's posts are no turns
    for i, ln in enumerate(lines):
        if kinds[i] == "header":
            roster = bool(HEADER_BLOCK.match(ln.text))
        elif roster and kinds[i] == "turn" and not turn_at(ln.text)[1] and i + 1 < len(lines) \
                and kinds[i + 1] == "text" and len(lines[i + 1].text) <= 20 and not ends_sentence(lines[i + 1].text):
            kinds[i] = "header"
        elif kinds[i] != "text" or ends_sentence(ln.text) or len(ln.text) > 20:
            roster = False
    first = next((i for i, k in enumerate(kinds) if k in ("turn", "section")), len(lines))
    first = next((i for i in range(first) if narrated(lines[i], kinds[i])), first)
    head = parse_head(lines[:first])
    titles = agenda_titles(lines, kinds)
    turns: list[Turn] = []
    # （１）令和４年度事務事業評価について just above the first turn: the item the record opens with
    above = [ln.text for ln in lines[max(first - 2, 0):first]]        # not the last item of the front matter's list
    section: str | None = above[-1] if above and is_subheading(above[-1]) and (lines[first - 1].gap or not (
        len(above) == 2 and is_subheading(above[0]) and (above[0][0] in "（(") == (above[1][0] in "（("))) and not (
        CLOSING_ITEM.search(above[-1])) else None                 # ３．閉会 ends the list of the day's business
    taken_up: str | None = None               # the item the chair has just put before the meeting: the next turns'
    turn: Turn | None = None
    para: Span | None = None
    prev: Line | None = None
    prev_kind = ""
    # The turn a heading closed, and the unsigned title lines under the heading, until we know what follows.
    # Sentences before the next turn are that speaker's, under the heading: a chair going on to the next item
    # without a new mark (３ 視察 / それでは、これより…), an official reading a document aloud (１．基本的な考え方 /
    # 市は、…). Not after a rule, where a record prints a document no one read (委員派遣の基準（案）).
    # An official's own headings (１　兼業・副業の許可の状況 in a 課長's explanation) head only that explanation: the
    # next speaker's turn goes back to the item before them. A chair's heading is the meeting's next item.
    held: tuple[Turn, list[Span], str | None] | None = None
    aside: tuple[str | None, str | None] | None = None        # (speaker reading, the section before the headings)

    def close_turn():
        nonlocal turn, para
        if turn is not None:
            if para:
                turn.paragraphs.append(para)
            if turn.paragraphs:
                turns.append(turn)
        turn, para = None, None

    # a short line set apart by blank lines right before a turn, after a finished speech: a heading (a web page's
    # <h2>質疑応答</h2>), not the speech's last words
    apart = {id(ln) for ln, nxt, k in zip(lines, lines[1:], kinds[1:])
             if k == "turn" and ln.gap and nxt.gap and len(ln.text) <= 20 and not re.search(r"[、。，．！？!?]", ln.text)
             or k in ("turn", "event") and is_subheading(ln.text)}     # （２）意見交換（要旨） before a turn, （３）閉会
    for ln, kind in zip(lines[first:], kinds[first:]):
        wrapped = (prev_kind == "heading" and kind == "text" and turn is None and WRAPPED_TITLE.match(ln.text)
                   and not ends_sentence(ln.text))
        if held is not None and turn is None and not wrapped:
            if kind == "text" and "。" in ln.text and not is_subheading(ln.text) and not narrated(ln, kind):
                was, titles_under, before = held
                turn = Turn(was.speaker, was.role, section, start=ln.start, end=ln.end, label=was.label,
                            verbatim=True)
                turn.paragraphs.extend(span for span in map(speech_span, titles_under) if span)
                held = None
                if was.role not in CHAIRS and aside is None:
                    aside = (was.speaker, before)
            elif kind == "text" and not is_subheading(ln.text):
                held[1].append(ln.span)       # a title under the heading (第１０８号議案　…)
            elif kind != "text":
                held = None
        if kind == "turn":
            close_turn()
            label, rest = turn_at(ln.text) or turn_label(ln.text)
            speaker, role = speaker_of(label)
            if aside is not None and speaker != aside[0]:
                section, aside = aside[1], None
            section, taken_up = item_name(taken_up, section), None
            if role in CHAIRS:
                taken_up = item_taken_up(rest, titles)
            turn = Turn(speaker, role, section, start=ln.start, end=ln.end, label=label, verbatim=True)
            para = speech_span(rest_span(ln, rest)) if rest else None
        elif kind in ("event", "header"):
            close_turn()
        elif kind == "text" and turn is not None and (m := PROCEEDING.match(ln.text)) and m["rest"]:
            close_turn()                      # （採決）全員挙手により、原案のとおり可決: the record's own line
            turn = Turn(None, None, section, start=ln.start, end=ln.end, verbatim=True)
            para = speech_span(rest_span(ln, m["rest"]))
            close_turn()
        elif kind == "section":
            close_turn()
            marked = ln.text[:1] in CIRCLES + SPEAKER_MARKS + "≪《"          # ◎諸般の報告, or 議長の報告 unmarked
            section, taken_up, aside = (ln.text[1:] if marked else ln.text).strip(), None, None
        elif turn is None and (label := narrated(ln, kind)):    # 事務局より、…資料１により説明した。
            turn = Turn(label, role_of(label), section, start=ln.start, end=ln.end, verbatim=True)
            para = speech_span(ln.span)
        elif turn is None:
            if prev_kind == "heading" and kind == "text" and is_subheading(ln.text):
                section, kind = f"{section} {ln.text}", "heading"      # ４ その他 / (2) 委員長報告について
            elif wrapped:
                section, kind = f"{section}{ln.text}", "heading"
            elif bill_heading(ln.text):
                section, taken_up, kind = ln.text, None, "heading"     # 報告第１１号　… after the vote
            elif kind == "text" and ends_sentence(ln.text) and "。" in ln.text and (span := speech_span(ln.span)):
                turn = Turn(None, None, section, start=ln.start, end=ln.end, verbatim=True)
                para = span
        elif kind in ("rule", "direction"):
            if para:
                turn.paragraphs.append(para)
            para = None
        elif ((prev_kind == "rule" or is_agenda(ln.text) or bill_heading(ln.text) or (ln.gap and is_subheading(ln.text))
               or id(ln) in apart)
              and len(ln.text) <= 60 and not ends_sentence(ln.text)
              and (para or turn.paragraphs) and ends_sentence((para or turn.paragraphs[-1]).text)
              and not AGENDA_ITEM.match(ln.text)):  # (a label alone on its line: its speech comes before any heading)
            held = (turn, [], section) if prev_kind != "rule" else None
            aside = None if prev_kind == "rule" else aside
            close_turn()                      # ────, then 「(3) 報告事項について」: the next agenda item
            section, taken_up, kind = ln.text, None, "heading"
        else:
            item = AGENDA_ITEM.match(ln.text)
            if item:
                taken_up = titles.get(item["number"], item["number"])
            span = speech_span(ln.span)
            if not span:
                continue
            if para is None or ln.indent or ends_sentence(para.text) or (
                    prev is not None and len(prev.text) < 0.8 * width and not HYPHENATED.search(para.text + "\n" + span.text)):
                if para:
                    turn.paragraphs.append(para)
                para = span
            else:
                para = join_wrapped(para, span)
            if not item and turn.role in CHAIRS:   # on the paragraph: 「…を議題といたしま」 / 「す。」 wraps in PDFs
                taken_up = item_taken_up(para.text, titles) or taken_up
            turn.end = max(turn.end or 0, ln.end)
        prev, prev_kind = ln, kind
    close_turn()
    for t in turns:                           # a direction wrapped over two lines (〔「そのとおり」と呼ぶ者あり / 〕)
        t.paragraphs = [p for p in map(speech_span, t.paragraphs) if p]
    return Minutes(head, [t for t in turns if t.paragraphs], verbatim=True)
