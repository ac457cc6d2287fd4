"""Minutes (議事要旨・議事録・会議録): which layout a record has, and the turns of summaries and councils'
議事録 (（委員）, 【山田委員】, 山田委員：, ○委員から、…); verbatim records are search.ingest.verbatim's."""
from __future__ import annotations

import re
from collections import Counter

from search.ingest.dates import parse_date
from search.ingest.head import HEADER_BLOCK, parse_head
from search.ingest.repair import (Line, Span, boilerplate, drop_lines, ends_sentence, is_page_number, join_wrapped,
                                  line_width, running_headers, source_lines)
from search.ingest.roles import (CIRCLES, NOT_SPEAKERS, QA_LABEL, SPEAKER_MARKS, STAGE_AFTER_LABEL,
                                 english_label, label_pattern, looks_like_speaker, names_speaker, role_of, speaker_of)
from search.ingest.turns import Minutes, Turn
from search.ingest.verbatim import (ATTESTATION, CONTACT_WORDS, DATE_LINE, PROCEEDING, RULE_LINE, STATEMENT, TIME_EVENT,
                                    WHOLE_DIRECTION, bill_heading, is_agenda, is_subheading, parse_verbatim, rest_span,
                                    turn_label, unmarked_turn, without_reactions)

BRACKETED = re.compile(r"^[（(【〔［\[<＜《]\s*(?P<label>[^（）()【】〔〕［］\[\]<>＜＞《》]+?(?:[（(][^）)]*[）)][^（）()【】〔〕［］\[\]<>＜＞《》]*)?)"
                       r"\s*[）)】〕］\]>＞》]$")
QUOTED_POST = re.compile(r"^「(?P<label>[^「」\s\u3000、。]{1,20})」$")
INTRO_ONLY = re.compile(r"^以下の.{0,12}(があった|が行われた|がなされた|を行った)。?$")
COLON = re.compile(r"^" + label_pattern("：:、。", 30) + r"\s*[：:]\s*(?P<rest>\S.*)$")
COLON_ALONE = re.compile(r"^(?:" + label_pattern("：:、。", 40) + r"|(?P<latin>[A-Za-z][A-Za-z .\-]{0,30}[A-Za-z]))\s*[：:]$")
# 【山田委員】　ありがとうございます。… (審議会の議事録), ・（委員）…との意見 / （山田委員長）… (議事要旨)
QA_NUMBER = r"(?:[QAＱＡ問答][0-9０-９]{0,3}[\s\u3000]*[：:．.、]?)"     # Q1．/ A1． / 問２： before a point
BRACKET_INLINE = re.compile(r"^(?:[・→⇒]|" + QA_NUMBER + r")?\s*(?:【(?P<a>[^】\n]{1,30})】|[（(](?P<b>[^（）()\n]{1,30})[）)]|〔(?P<c>[^〕\n]{1,30})〕|[［\[](?P<d>[^］\]\n]{1,30})[］\]])"
                            r"[\s\u3000]*(?P<rest>\S.*)$")                 # also [事務局長] 定刻になりましたので、…
NAMED_LABEL = re.compile(r"(?:[（(][^（）()]{1,20}(?:君|さん|氏)[）)]|^[^（）()\s]{1,10}君)$")    # 委員長(相川君), 石黒君
INLINE = re.compile(r"^(?P<label>\S{1,30}?)(?:[\s\u3000]+(?P<rest>\S.*))?$")
# The front matter's keys of when, where and who: 日時, 場　所, 会場, 出席者
_WHEN_WHERE = (r"日[\s\u3000]*時(?:及び場所|・場所)?|開催日時|場[\s\u3000]*所|開催場所|会[\s\u3000]*場|"
               r"出[\s\u3000]*席[\s\u3000]*者")
# A numbered item of the front matter: １．日時：令和５年…, ３　出席者, ４．議事, ５　配付資料.
FRONT_ITEM = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?|[一二三四五六七八九十]{1,3}[．.、]|[○〇◯■□◆◇])[\s\u3000]*(?:" + _WHEN_WHERE
                        + r"|開会日時|閉会日時|日付|説明のため出席|会議録署名|傍聴|議事日程|出席委員|出席構成員|欠席者|"
                        r"議[\s\u3000]*題|議[\s\u3000]*事|議事次第|次[\s\u3000]*第|配付資料|配布資料|資料)(?:[：:\s\u3000（(]|$)")
# a numbered front-matter key alone on its line, its value below (３　出席者, 4. 議題)
KEY_ALONE = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?|[一二三四五六七八九十]{1,2}[．.、]?)?[\s\u3000]*(?:" + _WHEN_WHERE
                       + r"|出席委員|議[\s\u3000]*題|議事次第|次[\s\u3000]*第|配付資料|配布資料)[\s\u3000]*[：:]?[\s\u3000]*$")
PAPERS = re.compile(r"(?:配付|配布|当日)資料")
LINK = re.compile(r"^(?:URL[：:][\s\u3000]*)?https?://\S+$")      # a link alone on its line: where to watch, no speech
# 日時 / 場　所 / 出席者 alone, unnumbered, over their values: the front matter, not yet the body
FRONT_KEY = re.compile(r"^(?:" + _WHEN_WHERE + r")(?:[：:\s\u3000]|$)")


def front_key(text: str) -> bool:
    return bool(FRONT_ITEM.match(text) or FRONT_KEY.match(text))


# An unnumbered heading over a front-matter list (議題 / １．… / ２．…) and the heading that opens the body.
FRONT_HEADING = re.compile(r"^(?:[IVXⅠ-Ⅻ]{1,4}[．.][\s\u3000]*(?=開催要領|開催概要))?[○〇◯■□◆◇]?(?:開催要領|開催概要|議[\s\u3000]*題|議事次第|次[\s\u3000]*第|出席者|出席委員|配付資料|配布資料|審査事件|付託事件|"
                           r"案[\s\u3000]*件)[\s\u3000]*[：:；;]?$")
BODY_HEADING = re.compile(r"^(?:[0-9０-９]{1,2}[．.]?[\s\u3000]*|[○〇◯■□◆◇●][\s\u3000]*|[（(【＜<])?(?:議事概要|議事の概要|議事内容|審議概要|審議の概要|会議の概要|会議の結果|審議内容|"
                          r"議事経過|議事の経過|会議の経過|審議の経過|審議経過|発言要旨|主な意見)(?:の?(?:概要|要旨))?[）)】＞>]?"
                          r"(?:[\s\u3000]*[（(][^（）()]{0,10}[）)])?[\s\u3000]*$")     # 議事経過の概要( 別 紙 )
# The end of a summary's body: 以上 / （以上） / －以上－, then signatures and contacts (文責, お問合せ先), or the list
# of the papers handed out (配布資料) after the last speech.
BACK_MATTER = re.compile(r"^(?:[（(－\-―ー—]*[\s\u3000]*(?:以[\s\u3000]*上|了)[\s\u3000]*(?:[）)－\-―ー—]+|[（(][^）)]*[）)])?|"
                         r"[＜<【（(]?[\s\u3000]*(?:" + CONTACT_WORDS + r"|連絡先|文責|(?:配付|配布|当日)資料(?:一覧)?)\S*|"
                         r"[0-9０-９]{1,2}[．.]?[\s\u3000]*(?:" + CONTACT_WORDS + r"|連絡先|(?:配付|配布)資料(?:一覧)?)[\s\u3000]*)$")
QA_LINE = re.compile(r"^(?:問|答|Ｑ|Ａ|Q|A)[\s\u3000：:．.]+\S")
# 問（山口委員）　… / 答（福祉課長）　… / 反対討論（荒木委員）　… (要点筆記), and （概要説明：福祉課長） over the speech
NAMED_QA = re.compile(r"^(?:問|答|答弁|質疑|質問|意見|要望|(?:賛成|反対)?討論)[\s\u3000]?[（(](?P<label>[^（）()：:]{1,20})[）)]"
                      r"[\s\u3000：:]*(?P<rest>\S.*)$")
# 一般質問の要旨: 「◇質問者　７番　長谷川　葵　議員」 names who asks; 【質問】 / 【再質問】 / 【要望】 blocks are theirs,
# 【答弁】　市長 is the answerer's
QUESTIONER = re.compile(r"^(?:[◇◆■□・○]?[\s\u3000]*質問者[\s\u3000：:]*|[0-9０-９]{1,2}[\s\u3000]+)(?:[0-9０-９]{1,3}[\s\u3000]*番[\s\u3000]*)?"
                        r"(?P<name>[^\s\u3000（(]{1,6}(?:[\s\u3000]+[^\s\u3000（(]{1,6})?)[\s\u3000]*(?P<post>議員|委員)(?:[（(].*)?$")
ORDINAL_HEADING = re.compile(r"^(?:一般質問|代表質問|個人質問|質疑)[\s\u3000]*[0-9０-９一二三四五六七八九十]+(?:人目|番目)$")
QA_BLOCK = re.compile(r"^【(?P<kind>(?:再々|再)?質問|要望|意見|提言|答弁)】[\s\u3000]*(?P<label>\S.{0,29})?$")
NAMED_INTRO = re.compile(r"^[（(](?:概要説明|説明|補足説明|現状説明|報告|答弁)[：:][\s\u3000]*(?P<label>[^（）()]{1,20})[）)]$")


# ------------------------------------------------------------------ line classes
def bracket_label(text: str) -> str | None:
    """（飯島委員） / 【山田委員】 / 〔山田分科会長〕 / 《委員Ａ》 alone on a line -> the label; in quotation brackets
    only a post (「町長」, 「山田議員」), which no quotation alone on its line would be."""
    m = BRACKETED.match(text) or QUOTED_POST.match(text)
    if m and looks_like_speaker(m["label"]) and (m.re is BRACKETED or role_of(m["label"])):
        return m["label"].strip()
    if m and m.re is BRACKETED and text.startswith("【") and MINISTRY.fullmatch(m["label"]):
        return m["label"]                    # 【外務省】 over what the ministry's officials said
    return None


def bracket_inline(text: str) -> tuple[str, str] | None:
    """(label, speech) of 【山田委員】　… or （委員）… with the speech on the same line, or None."""
    m = BRACKET_INLINE.match(text)
    label = m and POST_AFTER_COLON.sub(r"\1（\2）", (m["a"] or m["b"] or m["c"] or m["d"]).strip())   # （事務局：地域振興課長）
    if label and looks_like_speaker(label) and role_of(label):
        return label, m["rest"]
    return None


POST_AFTER_COLON = re.compile(r"^([^：:\s]{1,10})[：:][\s\u3000]*([^：:\s]{1,20})$")


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


# who asks at a public meeting, named only by what they are (参加者Ａ, 住民, 市民２): a speaker after 問（…）
PUBLIC = re.compile(r"^(?:参加者|出席者|住民|市民|町民|村民|区民|県民|来場者|傍聴者|質問者)[\s\u3000]*[Ａ-ＺA-Z0-9０-９]{0,3}$")


def named_qa(text: str) -> tuple[str, str] | None:
    """(label, speech) of 問（山口委員）　… / 答（福祉課長）　… / 問　（参加者Ａ）　…, or (label, '') of （概要説明：福祉課長） alone on a line."""
    m = NAMED_QA.match(text) or NAMED_INTRO.match(text)
    if m and (looks_like_speaker(m["label"]) or PUBLIC.match(m["label"])):
        return m["label"].strip(), m.groupdict().get("rest") or ""
    return None


# 議事要旨 that name the member after the point: ・…拡充すべき。（木下委員） / Q：…図るのか。（ガルシア委員）
TRAILING = re.compile(r"^(?:[・○●◆◇■□\-－→⇒]|" + QA_NUMBER + r")?[\s\u3000]*(?P<rest>.*?[。．！？!?」])[\s\u3000]*"
                      r"(?:[（(](?P<label>[^（）()、。]{1,20})[）)]|【(?P<lenticular>[^【】、。]{1,20})】)$")


def trailing_label(text: str) -> tuple[str, int, int] | None:
    """(label, start, end of the speech) of a point whose speaker is named after it in brackets (…すべき。（委員）,
    …すべき。【委員】, →　…協議している。【事務局】), or None."""
    m = TRAILING.match(text)
    label = m and (m["label"] or m["lenticular"])
    if label and looks_like_speaker(label) and role_of(label):
        return label.strip(), m.start("rest"), m.end("rest")
    return None


# An item heading in lenticular brackets, its title after it: 【議題１】…について, 【報告事項】
BRACKET_HEADING = re.compile(r"^【[^】]{1,20}】[^【】]{0,60}$")
FRONT_BRACKET = re.compile(r"^【(?:日[\s\u3000]*時|場[\s\u3000]*所|開催|出席|欠席|議[\s\u3000]*題】|議事次第|次[\s\u3000]*第|配付|配布|"
                           r"資料|傍聴|委員名簿|構成員)")


def item_heading(text: str) -> bool:
    return bool(BRACKET_HEADING.match(text)) and not ends_sentence(text) and not FRONT_BRACKET.match(text)


# A heading over unsigned points: ＜構成員からの主な意見＞, 〈事務局からの回答〉, ＜座長まとめ＞, 【委員からの主な意見】
# name who made the points under them; ＜意見交換＞ only heads them
ANGLE_HEADING = re.compile(r"^(?:[＜<〈《≪](?P<inside>[^＜＞<>〈〉《》≪≫。]{1,30})[＞>〉》≫]|"
                           r"[【（(](?P<named>[^【】（）()。]{1,30})[】）)])$")
# a sentence that leads into a group's points: 構成員からの主な意見は以下のとおり。 / 委員から以下の意見があった。
# (財務省の出席者から、以下の趣旨の発言があった。 hands over one statement, its points all the speaker's)
LEAD = re.compile(r"^(?:[^、。]{0,30}、)?(?P<label>[^、。（）()]{1,12}?)(?:から|より)(?:の|、)?(?:主な|主要な)?(?:以下の)?"
                  r"(?:意見|発言|質問|質疑|指摘)(?:等|など)?(?:は|が)?(?:以下|次)の(?:とおり|通り)(?:であった|である|あった)?。?$|"
                  r"^(?:[^、。]{0,30}、)?(?P<label2>[^、。（）()]{1,12}?)(?:から|より)(?:は)?、?(?:以下|次)の(?:ような|(?P<gist>趣旨の))?"
                  r"(?:意見|発言|質問|指摘)(?:等|など)?が(?:あった|出された)。?$")


POINT_MARK = re.compile(r"^(?:・|[-－][\s\u3000]+)")      # ・… / - …: a point of a list
# the record's sentence over points it does not hand to one group (…意見や事務局の回答は以下のとおり。)
FOLLOWS = re.compile(r"(?:は|が)(?:以下|次)の(?:とおり|通り)(?:である|であった)?。$")
ATTENDEE = re.compile(r"[^、。の\s\u3000]{1,8}の出席者")   # 財務省の出席者: who attends for a ministry, unnamed


def lead_group(text: str) -> tuple[str, bool] | None:
    """(the group a sentence hands the points below it to, whether the points are one statement), or None:
    構成員からの主な意見は以下のとおり。 -> (構成員, False): each point a member's; 財務省の出席者から、以下の趣旨の
    発言があった。 -> (財務省の出席者, True): the points are the gist of what one attendee said."""
    m = LEAD.match(text)
    label = m and (m["label"] or m["label2"])
    named = label and (looks_like_speaker(label) and role_of(label) or ATTENDEE.fullmatch(label))
    return (label, bool(m["gist"])) if named else None


# The record's own account of how an item ended, on a line after a turn (審議の結果、原案のとおり承認された。): no part
# of the speech before it, a turn of its own with no speaker
OUTCOME = re.compile(r"^(?:[^。]{0,60}、)?(?:審議|採決|協議|議論|審査|検討)の結果、[^。]{0,60}"
                     r"(?:承認|可決|了承|決定|否決|採択|認定|同意|承諾)(?:さ|し)?れた。$")


# A paragraph whose subject is a member left unnamed (日本銀行の議事要旨: ある委員は、…との見方を示した。 / 複数の委員は、
# … / 委員からは、…): one member's (or some members') remark, a turn of its own with no speaker named
UNNAMED_MEMBER = re.compile(r"^(?:ある|一部の|複数の|何人かの|多くの|大方の|大半の|多数の|数名の|数人の|幾人かの|他の|別の|"
                            r"一人の|全ての|すべての)?(?:委員|構成員|メンバー)(?:の一人|の多く|の一部|の大半)?"
                            r"(?:は|から(?:は|も)?|が|も|の間では)、")


GROUP = re.compile(r"^(?P<label>[^、。（）()]{1,12}?)(?:から|より)?(?:の|による)?(?:主な|主要な)?"
                   r"(?:意見|発言|回答|応答|質問|質疑|説明|補足|まとめ|総括|コメント|指摘)(?:等|など)?$")

MINISTRY = re.compile(r"[\u4e00-\u9fff・]{1,10}(?:省|庁|内閣府|内閣官房)")
# an item of the programme with the post that speaks to it in brackets, alone on its line (開 会(課長補佐))
ITEM_BY = re.compile(r"^(?P<item>[^\s\u3000（()）。、：:]{1,10}(?:[ \u3000][^\s\u3000（()）。、：:]{1,6})?)[\s\u3000]*"
                     r"[（(](?P<label>[^（）()。、]{1,20})[）)]$")
ITEM_FROM = re.compile(r"^[【＜<〈（(](?P<label>[^【】＜＞<>〈〉（）()]{1,12}?)(?:より|から)の?(?P<item>ご?あいさつ|ご?挨拶|説明|報告)"
                       r"[】＞>〉）)]$")
# the side a group of points comes from (＜地方自治体発言＞, ＜国側発言＞, ＜関係団体からの意見＞): no post, still who said them
SIDE = re.compile(r"^[^・、]{1,10}(?:側|自治体|団体|省|庁|業界|経済界)$")


def marked_turn(text: str) -> tuple[str, str] | None:
    """(label, speech) of a verbatim turn line that names a speaker and says something (○塩田　委員長　改めて…), as a
    page holding one speech prints it, or None."""
    m = turn_label(text)
    return m if m and m[1] and names_speaker(m[0]) else None


def item_by(text: str) -> tuple[str, str] | None:
    """(item, speaker) of 開 会(課長補佐) or 【会長よりあいさつ】, or None (委員長（山田太郎）: a post is no item)."""
    m = ITEM_BY.match(text) or ITEM_FROM.match(text)
    item = m and "".join(m["item"].split())
    if m and looks_like_speaker(m["label"]) and role_of(m["label"]) and not role_of(item) and not item.isdigit():
        return item, m["label"]
    return None


def angle_heading(text: str) -> tuple[str | None] | None:
    """(label or None,) of a heading alone on its line over unsigned points: the group it names (構成員, 事務局,
    座長), or None where an angle-bracket heading names no one (＜意見交換＞); None for any other line (【議題１】,
    （拍手）)."""
    m = ANGLE_HEADING.match(text)
    if not m:
        return None
    g = GROUP.match("".join((m["inside"] or m["named"]).split()))
    label = g["label"] if g and (looks_like_speaker(g["label"]) and role_of(g["label"]) or SIDE.search(g["label"])) else None
    return (label,) if label or m["inside"] else None      # 【委員からの主な意見】 names a group; 【議題１】 heads an item


# A summary's key to its marks: （○：委員、△：部会長、●：事務局） — each point then opens with its speaker's mark
LEGEND_ITEM = re.compile(r"([○〇●◎△▲◇◆□■☆★])[\s\u3000]*[：:＝=][\s\u3000]*([^、，,：:（）()\s\u3000]{1,12})")
LEGEND = re.compile(r"^[（(]?[\s\u3000]*(?:[○〇●◎△▲◇◆□■☆★][\s\u3000]*[：:＝=][^、，,（）()]{1,12}[、，,\s\u3000]*){2,}[）)]?$")


def legend_of(lines: list[Line]) -> tuple[int | None, dict[str, str]]:
    """(line index, mark -> label) of a key to the marks that name who speaks, or (None, {})."""
    for i, ln in enumerate(lines):
        if LEGEND.match(ln.text):
            marks = dict(LEGEND_ITEM.findall(ln.text))
            if all(role_of(label) for label in marks.values()):
                return i, marks
    return None, {}


def legend_turn(ln: Line, marks: dict[str, str]) -> tuple[str, Span] | None:
    """(label, speech) of a point that opens with a mark of the key (●　承知した。 -> 事務局)."""
    raw = ln.raw.lstrip(" \t\u3000")
    if marks and raw[:1] in marks and raw[1:2] in (" ", "\u3000"):
        text = ln.text.lstrip(" \u3000" + raw[0])
        return marks[raw[0]], ln.span.slice(len(ln.text) - len(text), len(ln.text))
    return None


def point_start(lines: list[Line], i: int) -> int:
    """Where the bulleted point ending at line i begins: 「・…ため、」 over 「…削減すべき。（佐藤委員）」."""
    j = i
    while j > 0 and not lines[j].gap and not lines[j].bullet and not lines[j].text.startswith("・") \
            and not ends_sentence(lines[j - 1].text) and i - j < 5:
        j -= 1
    return j if lines[j].bullet or lines[j].text.startswith("・") else i


def prose(text: str) -> bool:
    """A paragraph's sentences, not a front-matter item: long, ending a sentence, with no key before a colon and no
    note mark (※本要旨は…), list mark or bracket opening it."""
    return (len(text) >= 40 and ends_sentence(text) and text.count("。") >= 2 and not re.search(r"^[^。、]{0,15}[：:]", text)
            and not text.startswith(("※", "・", "（", "(", "【", "○", "●", "◎", "■", "□", "◆", "＜", "<"))
            and not FRONT_ITEM.match(text))


def member_list(text: str) -> bool:
    """【委員】山田太郎、佐藤花子 / 【事務局】鈴木課長: the front matter's names under a bracketed group, not a turn."""
    rest = text.partition("】")[2].strip()
    return text.startswith("【") and "。" not in text and ("、" in rest or 0 < len(rest) <= 12)


def names_line(text: str) -> bool:
    """A roster's line of names and posts set apart by 、 (園部逸夫委員長、小早川光郎委員長代理、上谷清委員), no sentence."""
    pieces = [p.strip() for p in re.split(r"[、，,]", text.strip())]
    return len(pieces) >= 3 and "。" not in text and all(0 < len(p) <= 24 for p in pieces)


def said_point(text: str) -> bool:
    """A bulleted point that says something (○　…について意見交換。, ・…すべき。), not a front-matter item (○日時：…)."""
    return (text[:1] in "○〇◯●・" and len(text) >= 12 and ends_sentence(text) and "。" in text
            and not re.search(r"^[^。、]{0,15}[：:]", text) and not HEADER_BLOCK.match(text))


def colon_line(text: str) -> tuple[str, str] | None:
    """(label, speech) of 「山田会長：　…」, or (label, '') of a label alone over its speech
    (「司会（交通政策課　村井）：」, 「Vice Chair:」)."""
    m = COLON.match(text) or COLON_ALONE.match(text)
    label = m and (m["label"] or m.groupdict().get("latin"))      # Vice Chair:
    if label and looks_like_speaker(label) and role_of(label):
        return label, m.groupdict().get("rest") or ""
    spaced = SPACED_COLON.match(text)                              # 会　長　：ただいまから…
    label = spaced and "".join(spaced["label"].split())
    if label and looks_like_speaker(label) and role_of(label):
        return label, spaced["rest"] or ""
    english = ENGLISH_COLON.match(text)                            # Director WATANABE (Finance Division): In FY2023…
    if english and english_label(english["label"]):
        return english["label"].rstrip(", "), english["rest"]      # Mr. Kono, Minister for Digital Transformation,:
    return None


SPACED_COLON = re.compile(r"^(?P<label>[^\s\u3000：:、。](?:[\u3000 ]{1,3}[^\s\u3000：:、。]){1,4})[\s\u3000]*[：:][\s\u3000]*"
                          r"(?P<rest>\S.*)?$")
ENGLISH_COLON = re.compile(r"^(?P<label>[A-Z][^:：()]{1,70}?(?:\s*\([^()]{1,40}\))?)\s*:\s*(?P<rest>\S.*)$")


# the header row of a table of turns, printed again atop each page: 発言者　発言内容
TABLE_HEADER = re.compile(r"^(?:発言者|発言委員|氏名|職氏名)[\s\u3000]+(?:発言内容|発言要旨|発言の要旨|内容|要旨|発言)$")


# A post alone after its mark with the speaker's name alone on the next line (○教育長 / 笹山忠則君), as a town's
# committee prints a turn: one label, 教育長（笹山忠則君）
POST_ALONE = re.compile(r"^[" + CIRCLES + SPEAKER_MARKS + r"](?P<post>[^\s\u3000（()）、。]{1,20})$")
NAME_UNDER_POST = re.compile(r"^[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]{2,8}君$")


# a speaker's mark and surname alone on a line, the post and the speech on the next (◎坂田 / 総合政策部長 第39号議案中、)
MARKED_SURNAME = re.compile(f"^[{re.escape(CIRCLES + SPEAKER_MARKS)}]" + r"[^\s\u3000、。（）()「」]{1,5}$")
POST_FIRST = re.compile(r"^([^\s\u3000、。（）()「」○〇◯◎◆◇△▲●]{1,16})[\s\u3000]+\S")    # 総合政策部長 第39号…
OPENERS = {"〔": "〕", "（": "）", "(": ")", "［": "］", "[": "]"}     # a bracket alone, its note on the next line
MARK_ALONE = re.compile(f"^[{re.escape(CIRCLES + SPEAKER_MARKS)}]$")            # ○ / 白石孝雄 議長: the label below


def repeats(text: str, title: str | None) -> bool:
    """Whether a line prints the record's title again (blanks and 議事録 aside)."""
    flat, whole = (re.sub(r"[\s\u3000]|議事録|議事要旨|議事概要", "", x or "") for x in (text, title))
    return len(flat) >= 6 and bool(whole) and (flat in whole or whole in flat and len(flat) <= len(whole) + 8)


def join_split_labels(lines: list[Line]) -> list[Line]:
    """A label hard-wrapped inside its bracket (○…課長事務取扱（佐藤一郎 / 君）　デジタル推進課長の…), or in a table's
    narrow label cell (都市計画課 / 長), set out as a post over a name (○教育長 / 笹山忠則君), or a mark and surname over
    the post (◎坂田 / 総合政策部長 第39号議案中、), is one line again; so is a stage direction whose opening bracket
    stands alone (〔 / 賛成者挙手〕)."""
    out: list[Line] = []
    for i, ln in enumerate(lines):
        prev = out[-1] if out else None
        after = lines[i + 1].text if i + 1 < len(lines) else ""
        if prev is not None and not ln.gap and NAME_UNDER_POST.match(ln.text) and (m := POST_ALONE.match(prev.text)) \
                and names_speaker(m["post"]) and after and not NAME_UNDER_POST.match(after) and not turn_label(after):
            span = Span(f"{prev.span.text}（{ln.span.text}）",       # ○教育長 / 笹山忠則君 / おはようございます。
                        prev.span.offs + ln.span.offs[:1] + ln.span.offs + ln.span.offs[-1:])
            out[-1] = Line(span, prev.raw + ln.raw, prev.gap, prev.bullet, prev.indent, prev.page_break)
            continue
        if prev is not None and not ln.gap and prev.text in OPENERS and len(ln.text) <= 30 \
                and ln.text.endswith(OPENERS[prev.text]) and OPENERS[prev.text] not in ln.text[:-1]:
            span = Span(prev.span.text + ln.span.text, prev.span.offs + ln.span.offs)   # 〔 / 賛成者挙手〕
            out[-1] = Line(span, prev.raw + ln.raw, prev.gap, prev.bullet, prev.indent, prev.page_break)
            continue
        if prev is not None and not ln.gap and MARKED_SURNAME.match(prev.text) and not names_speaker(prev.text[1:]) \
                and (post := POST_FIRST.match(ln.text)) and names_speaker(post[1]) \
                and (label := turn_label(prev.text + ln.text)) and label[0] == prev.text[1:] + post[1]:
            span = Span(prev.span.text + ln.span.text, prev.span.offs + ln.span.offs)   # ◎坂田 / 総合政策部長 第39号…
            out[-1] = Line(span, prev.raw + ln.raw, prev.gap, prev.bullet, prev.indent, prev.page_break)
            continue
        if prev is not None and not ln.gap and MARK_ALONE.match(prev.text) and len(ln.text) <= 20 \
                and not re.search(r"[、。]", ln.text) and names_speaker(closed := re.sub(r"[\s\u3000]", "", ln.text)):
            kept = [o for c, o in zip(ln.span.text, ln.span.offs) if c not in " \u3000\t"]   # ○ / 白石孝雄 議長 / 坂田…
            out[-1] = Line(Span(prev.span.text + closed, prev.span.offs + kept), prev.raw + ln.raw, prev.gap,
                           prev.bullet, prev.indent, prev.page_break)
            continue
        if prev is not None and not ln.gap and (
                (prev.text[:1] in CIRCLES + SPEAKER_MARKS
                 and prev.text.count("（") + prev.text.count("(") > prev.text.count("）") + prev.text.count(")")
                 and re.match(r"^[^（）()\s\u3000]{0,20}[）)]", ln.text))
                or (len(prev.text) <= 12 and len(ln.text) <= 3 and not re.search(r"[\s\u3000、。：:]", prev.text + ln.text)
                    and names_speaker(prev.text + ln.text) and not names_speaker(prev.text)
                    and not front_key(prev.text) and not is_agenda(prev.text))):     # not ４．出席者 / 委員
            span = Span(prev.span.text + ln.span.text, prev.span.offs + ln.span.offs)
            out[-1] = Line(span, prev.raw + ln.raw, prev.gap, prev.bullet, prev.indent, prev.page_break)
        else:
            out.append(ln)
    return out


# ------------------------------------------------------------------ turns
# A page's header or footer printed on one line with the page number: 「令和６年９月１２日　建設常任委員会 －1－」
PAGED_LINE = re.compile(r"^(?P<body>\S.{1,60}?)[\s\u3000]*(?:[-－―‐ー–—][\s\u3000]*(?P<n>[0-9０-９]{1,4})[\s\u3000]*[-－―‐ー–—]|"
                        r"(?P<m>[0-9０-９]{1,4})[\s\u3000]*[/／][\s\u3000]*[0-9０-９]{1,4})$")


def paged_lines(lines: list[Line]) -> set[str]:
    """The lines that print the same words beside a different page number on two pages or more."""
    pages: dict[str, set[str]] = {}
    for ln in lines:
        m = PAGED_LINE.match(ln.text)
        if m and not ln.text.startswith(tuple(CIRCLES + SPEAKER_MARKS)):
            pages.setdefault(m["body"], set()).add(m["n"] or m["m"])
    return {ln.text for ln in lines if (m := PAGED_LINE.match(ln.text)) and len(pages.get(m["body"], ())) >= 2}


# A roundtable (座談会) or interview: a roster of full names with who each is (「北村　慎也　（あおば交通　運行管理部長）」,
# 「司会　村瀬　彩（企画政策課）」), then turns led by the family name alone (北村　はい。…) and the host's questions by a
# dash (――まず、…)
ROSTER_NAME = re.compile(r"^(?:(?P<host>司会|進行|聞き手|コーディネーター)[\s\u3000]+)?(?P<family>[一-龥々ヶ]{1,4})[\s\u3000]+"
                         r"[一-龥々ぁ-んァ-ヶー]{1,5}[\s\u3000]*[（(][^（）()]{1,40}[）)]$")
HOST_LINE = re.compile(r"^(?:―{2,}|─{2,}|—{2,}|ーー)[\s\u3000]*(?P<rest>\S.*)$")


def roster_turn_reader(lines: list[Line]):
    """For a roundtable's record, what reads a turn line as (speaker, speech); None where no roster of two or more
    names precedes turns led by those names."""
    names = [m for ln in lines if (m := ROSTER_NAME.match(ln.text))]
    families = {m["family"] for m in names if not m["host"]}
    host = next((m["host"] for m in names if m["host"]), "司会")
    turn = re.compile(r"^(?P<label>" + "|".join(sorted(map(re.escape, families), key=len, reverse=True))
                      + r")[\s\u3000]+(?P<rest>\S.*[。？！?]\S*)$") if families else None

    def read(text: str) -> tuple[str, str] | None:
        if m := HOST_LINE.match(text):
            return host, m["rest"]
        m = turn.match(text)
        return (m["label"], m["rest"]) if m else None

    if len(families) < 2 or sum(1 for ln in lines if turn.match(ln.text)) < 3:
        return None
    return read


def parse_minutes(text: str) -> Minutes:
    """The head and turns of a record; a record that prints its date only in its pages' footers takes it from there."""
    lines = source_lines(text)
    paged = paged_lines(lines)
    minutes = _parse_minutes(drop_lines(lines, lambda ln: ln.text in paged))
    if not minutes.turns and (said := [ln.span for ln in lines if "。" in ln.text or len(ln.text) >= 20]):
        minutes.turns = [Turn(None, None, None, said)]   # a text whose line breaks were lost, read as its head, or a
        #                                                   form's text with no sentence: kept, never dropped
    if minutes.head.date is None:
        minutes.head.date = next((d for t in sorted(paged) if (d := parse_date(PAGED_LINE.match(t)["body"]))), None)
    return minutes


def _parse_minutes(every: list[Line]) -> Minutes:
    # a line printed right after a page number (－ 3 －) on two pages or more is the page's header
    after_page = Counter(b.text for a, b in zip(every, every[1:]) if is_page_number(a.text) and len(b.text) <= 60)
    lines = drop_lines(every, lambda ln: is_page_number(ln.text) or TABLE_HEADER.match(ln.text) or boilerplate(ln.text)
                       or LINK.match(ln.text))
    headers = running_headers(lines) | {t for t, n in after_page.items() if n >= 2}
    title_lines = {id(ln) for ln in lines[:3]}     # a title printed again atop each page is still the title
    lines = drop_lines(lines, lambda ln: ln.text in headers and id(ln) not in title_lines and not bracket_label(ln.text)
                       and not ln.text.startswith(tuple(CIRCLES + SPEAKER_MARKS)) and not RULE_LINE.match(ln.text)
                       and not unmarked_turn(ln.text) and not colon_line(ln.text))
    lines = join_split_labels(lines)
    width = line_width(lines)
    if sum(1 for ln in lines if turn_label(ln.text)) >= 2:
        return parse_verbatim(lines, width)
    if roster_turn := roster_turn_reader(lines):
        return parse_verbatim(lines, width, turn_of=roster_turn)
    # (座長 / - 大串正樹デジタル副大臣: a post over a list of who holds it, no turn)
    unmarked = sum(1 for ln, nxt in zip(lines, [*lines[1:], None]) if (u := unmarked_turn(ln.text))
                   and (u[1] or nxt is None or not re.match(r"^[-－・•][\s\u3000]", nxt.text)))
    if unmarked >= 3 and unmarked > 2 * sum(1 for ln in lines if bracket_label(ln.text)):   # not 【山田委員】 turns
        # (a roster's （事務局） is no layout); a turn's first line may run to the full width, its sentence wrapped
        return parse_verbatim(lines, width, turn_of=lambda text: unmarked_turn(text, full=len(text) >= 0.95 * width))

    def opens_turn(ln: Line) -> bool:
        return bool(bracket_label(ln.text) or bracket_inline(ln.text) or named_qa(ln.text) or QUESTIONER.match(ln.text)
                    or trailing_label(ln.text) or (angle_heading(ln.text) or (None,))[0]
                    or (circle_line(ln.text) or ("",))[0] in ("statement", "inline") or spoken_colon(ln.text)
                    or item_by(ln.text) or marked_turn(ln.text))

    def spoken_colon(text: str) -> bool:   # 野村座長：　定刻となりましたので、…。 (not 事務局：成育環境課長　ほか)
        said = colon_line(text)
        rest = said and re.sub(r"[（(][0-9０-９]{1,2}[:：][0-9０-９]{2}[）)]$", "", said[1])     # …開会いたします。(16:59)
        return bool(rest and (ends_sentence(rest) or rest.endswith(".")))   # Chair YAMADA: I now…

    body_start = None
    in_front = False                       # inside a numbered front-matter item (３．出席者 / （委員）山田会長、…)
    def listed(text: str) -> bool:        # （委員）山田会長、… / ・山田委員 / 【事務局】鈴木課長 / 園部逸夫委員長、小早川…
        return text.startswith(("（", "(", "・", "- ", "－")) or member_list(text) or names_line(text)

    for i, ln in enumerate(lines):
        # a blank line ends an item, but not after a key alone (３　出席者 / (blank) / …) nor between a roster's lines
        in_front = in_front and (not ln.gap or bool(i and (KEY_ALONE.match(lines[i - 1].text)
                                                           or listed(lines[i - 1].text) and listed(ln.text))))
        if FRONT_ITEM.match(ln.text) or FRONT_HEADING.match(ln.text):
            in_front = True
        elif BODY_HEADING.match(ln.text) and (i > 2 or ln.gap) and not any(
                front_key(nxt.text) for nxt in lines[i + 1:i + 4]):    # not 「議事概要」 under the title, over 日時
            body_start = i + 1
            break
        elif ((is_agenda(ln.text) or bill_heading(ln.text) or item_heading(ln.text)
               or (ln.gap and is_subheading(ln.text))) and not in_front) or (opens_turn(ln) and not (
                in_front and listed(ln.text))):
            body_start = point_start(lines, i) if trailing_label(ln.text) else i
            break
    if body_start is None:
        body_start = next((i for i, ln in enumerate(lines) if colon_line(ln.text)), None)
    if body_start is None:                 # no layout of turns: the text from its first sentence, speakers unknown
        body_start = next((i for i, ln in enumerate(lines) if i and ends_sentence(ln.text)), len(lines))
    # prose before the body found is no front matter, whose items are short and keyed: the body starts at it, so that
    # a summary's first paragraph (前回会合以降、執行部は、…推移させた。) is never lost
    # and so is a point that says something (○　これまでの議論の整理について意見交換。) before the first heading
    body_start = next((i for i in range(1, body_start) if i >= 3 and prose(lines[i].text) or said_point(lines[i].text)),
                      body_start)
    head = parse_head(lines[:body_start])

    key_line, marks = legend_of(lines)
    turns: list[Turn] = []
    section: str | None = None
    questioner: str | None = None          # who asks in the 【質問】 blocks that follow (一般質問の要旨)
    group: str | None = None               # who made the unsigned points under ＜構成員からの主な意見＞
    alone: str | None = None               # a label alone on its line (【事務局】): the ○ points below are its turn's
    one_statement = False                  # whether those points are one statement (以下の趣旨の発言があった)
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
        name, role = speaker, role_of(speaker)
        if speaker and (NAMED_LABEL.search(speaker) or QA_LABEL.match(speaker) or STAGE_AFTER_LABEL.search(speaker)
                        or re.search(r"[（(][^（）()\s\u3000]+[）)]$", speaker)):   # 委員長（鈴木）: 鈴木, as 委員長
            name, role = speaker_of(speaker)    # 委員長(相川君): 相川, as 委員長; 回答（道路建設課長）: the post;
            #                                     Ｂ委員（オンライン参加）: Ｂ委員
        turn = Turn(name, role, section, start=ln.start, end=ln.end, intro=intro,
                    label=speaker if name != speaker else None)
        para = first if first else None

    listing = False                        # under 配付資料 before anyone has spoken: a front-matter list
    turn_after = [False] * (len(lines) + 1)   # whether a line opening a turn comes after line i
    for i in range(len(lines) - 1, -1, -1):
        turn_after[i] = turn_after[i + 1] or (i + 1 < len(lines) and opens_turn(lines[i + 1]))
    for at, ln in enumerate(lines[body_start:], body_start):
        t = ln.text
        if listing and not opens_turn(ln) and not ends_sentence(t):
            continue                      # 地方制度調査会委員名簿(PDF): a paper's name, not a sentence
        listing = False
        label = bracket_label(t)
        circle = circle_line(t)
        inline = None if label or circle else bracket_inline(t) or named_qa(t)
        trailing = None if label or inline or (circle and circle[0] != "other") else trailing_label(t)   # ○　…。【委員】
        keyed = legend_turn(ln, marks)
        if key_line is not None and ln is lines[key_line]:
            close_para()                  # （○：委員、●：事務局）: the key, no one's words
        elif keyed:
            start_turn(keyed[0], ln, first=keyed[1])
        elif ORDINAL_HEADING.match(t):
            close_turn()                  # 一般質問　２人目: the next member's questions begin
        elif (asks := QUESTIONER.match(t)) and not label:
            close_turn()
            questioner = "".join(asks["name"].split()) + asks["post"]
            section = None
        elif (block := QA_BLOCK.match(t)) and not label:
            answerer = block["label"] and block["label"].strip().strip("（）()")      # 【答弁】（都市整備部長）
            answerer = answerer and looks_like_speaker(answerer) and answerer
            said = None if answerer or not block["label"] else rest_span(ln, block["label"])   # 【要望】　…してほしい。
            start_turn(answerer or (questioner if block["kind"] != "答弁" else None), ln, first=said)
        elif trailing and turn is not None and para and not ends_sentence(para.text) and not ln.bullet \
                and not t.startswith("・") and (turn.speaker in (None, group) or para.text.startswith("・")):
            point = join_wrapped(para, ln.span.slice(0, trailing[2]).strip())  # the point's last line names
            para = None                                                         # its speaker; what came before
            close_turn()                                                        # it stays unattributed
            start_turn(trailing[0], ln, first=point)
            close_turn()
        elif trailing:
            start_turn(trailing[0], ln, first=ln.span.slice(trailing[1], trailing[2]).strip())
            close_turn()
        elif label:
            start_turn(label, ln)
            alone = label
        elif inline:
            start_turn(inline[0], ln, first=rest_span(ln, inline[1]) if inline[1] else None)
        elif circle and circle[0] == "statement":
            rest = circle[2]
            after = STATEMENT.match(rest)["rest"]
            span = rest_span(ln, rest)
            if INTRO_ONLY.match(after):
                start_turn(circle[1], ln, intro=span)
            else:
                start_turn(circle[1], ln, first=span)
        elif circle and circle[0] == "inline":
            start_turn(circle[1], ln, first=rest_span(ln, circle[2]) if circle[2] else None)
        elif circle and alone and turn is not None and turn.speaker == alone and ends_sentence(t):
            close_para()                  # 【事務局】 / ○…検討したい。 / ○…明記する。: the points of one answer
            para = rest_span(ln, circle[2])
        elif marked := marked_turn(t):
            start_turn(marked[0], ln, first=rest_span(ln, marked[1]))   # ◆17番（加藤英泉議員）　…, the record's one turn
        elif circle:
            start_turn(group, ln, first=rest_span(ln, circle[2]))
        elif by := item_by(t):
            close_turn()                  # 開 会(課長補佐) / あいさつ(子育て健康課長): the item, and who speaks to it
            section = by[0]
            start_turn(by[1], ln)
        elif heading := angle_heading(t):
            close_turn()                  # ＜構成員からの主な意見＞: the points below are the members'
            group, one_statement = heading[0], False
        elif lead := lead_group(t):
            close_turn()                  # 構成員からの主な意見は以下のとおり。: so are the points below this
            group, one_statement = lead
            if one_statement:             # 財務省の出席者から、以下の趣旨の発言があった。: one turn, its points below
                start_turn(group, ln)
        elif FOLLOWS.search(t) and len(t) <= 160 and (para is None or ends_sentence(para.text)):
            close_turn()                  # …各委員から出た意見や事務局の回答は以下のとおり。: the record's, no one's
            group, one_statement = None, False
        elif RULE_LINE.match(t):
            close_para()                  # ――――: a rule between items, no one's words
        elif BACK_MATTER.match(t) or ATTESTATION.match(t):      # 委員長は、…閉会した。 / 議事録署名委員　…
            close_turn()                  # 以上 / （文責：事務局） / ６．お問合せ先: the rest is no one's words,
            if turns and not (PAPERS.search(t) and turn_after[at]):
                break
            listing = True                # but 配付資料 with turns still to come lists the papers before the speech
        elif BODY_HEADING.match(t) and (para is None or ends_sentence(para.text)):
            close_turn()                  # 議事概要 after points said before it: a heading, no one's words
        elif item_heading(t):
            close_turn()                  # 【議題１】農業用ドローンの飛行に係る規制の見直しについて
            section, group = t, None
        elif is_agenda(t) and (prev is None or ends_sentence(prev.text) or not para):
            close_turn()
            section, group = t, None
        elif (is_subheading(t) and (ln.gap or turn is None or (prev is not None and ends_sentence(prev.text)))
              or bill_heading(t)):
            close_turn()                  # （１）研究開発税制の在り方について after a blank line; 議案第６２号　…
            section, group = t, None
        elif m := PROCEEDING.match(t):
            close_turn()                  # （質疑） / （討論） / （採決）: what follows is no answer's text
            if m["rest"]:                 # ＜採決＞　全会一致で原案可決: the record's own line
                start_turn(None, ln, first=rest_span(ln, m["rest"]))
        elif (m := STATEMENT.match(t)) and looks_like_speaker(m["label"]) and role_of(m["label"]):
            start_turn(m["label"], ln, first=ln.span)    # 最後に、山田委員長から、…指示があった。 (no ○)
            last = t[t.rfind("。", 0, len(t) - 1) + 1:].strip()
            if last != t and (lead := lead_group(last)):  # …説明。なお、委員から以下のような意見が出された。
                close_turn()                              # the points below are the members', not the explainer's
                group, one_statement = lead
        elif colon_line(t):
            lab, rest = colon_line(t)
            start_turn(lab, ln, first=rest_span(ln, rest) if rest else None)
        elif TIME_EVENT.match(t):
            close_para()                  # 午後3時39分閉会: the record's note of the time, no one's words
        elif (WHOLE_DIRECTION.match(t) and not is_subheading(t) or t.startswith("※")) and turn is not None:
            close_para()                  # (異議なし) / (14:00) / ※本記録は…: the record's note, no one's words
        elif QA_LINE.match(t):            # 問　… / 答　…: a question and its answer, speakers unnamed
            start_turn(None, ln, first=ln.span)
        elif OUTCOME.match(t) and turn is not None and turn.speaker and (para is None or ends_sentence(para.text)):
            start_turn(None, ln, first=ln.span)     # 審議の結果、原案のとおり承認された。: the record's, not the speaker's
        elif UNNAMED_MEMBER.match(t) and (turn is None or turn.speaker is None) and not ln.bullet:
            start_turn(None, ln, first=ln.span)     # ある委員は、…との見方を示した。: an unnamed member's remark
        elif not turns and turn is None and len(t) <= 60 and not re.search(r"[、。]", t) \
                and (DATE_LINE.match(t.strip()) or repeats(t, head.title)):
            close_para()                  # スポーツ審議会 健康スポーツ部会(第18回) / 2022年1月17日 again under
            #                               ４．議事録, before the first label: the record's head, no one's words
        elif turn is None or (group and not one_statement and turn.speaker == group and (ln.bullet or POINT_MARK.match(t))):
            start_turn(group, ln, first=ln.span)    # under a group's heading each point is one member's
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
        t.paragraphs = [p for p in map(without_reactions, t.paragraphs) if p]   # 皆さん、こんにちは。（会場拍手）
        if len(t.paragraphs) == 1 and (mark := POINT_MARK.match(t.paragraphs[0].text)):   # one point: its bullet is
            t.paragraphs = [p for p in [t.paragraphs[0].slice(mark.end(), len(t.paragraphs[0])).strip()] if p]  # no word
    return Minutes(head, [t for t in turns if t.paragraphs])
