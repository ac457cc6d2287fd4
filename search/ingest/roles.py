"""Speaker labels and their roles: 冨山委員 -> 委員, 和泉内閣総理大臣補佐官 -> 補佐官, 議長（尾辻秀久君） -> 議長."""
from __future__ import annotations

import re

# Label endings and the role they mean, longest first when matched.
ROLE_SUFFIXES = {
    "座長代理": "座長代理", "副座長": "副座長", "座長": "座長",
    "委員長代理": "委員長代理", "副委員長": "副委員長", "委員長": "委員長",
    "専門委員": "専門委員", "臨時委員": "臨時委員", "委員": "委員",
    "分科会長代理": "分科会長代理", "分科会長": "分科会長", "部会長代理": "部会長代理", "部会長": "部会長",
    "小委員長": "小委員長", "副会長": "副会長", "会長代理": "会長代理", "会長": "会長",
    "副議長": "副議長", "議長": "議長", "副部会長": "副部会長", "副分科会長": "副分科会長",
    "補佐官": "補佐官", "副大臣": "副大臣", "大臣政務官": "政務官", "政務官": "政務官", "大臣": "大臣",
    "副長官補": "副長官補", "副長官": "副長官", "長官": "長官",
    "事務局長": "事務局", "事務局次長": "事務局", "事務局": "事務局",
    "政府参考人": "政府参考人", "参考人": "参考人", "公述人": "公述人", "説明員": "説明員", "証人": "証人",
    "審議官": "審議官", "参事官": "参事官", "局長": "局長", "部長": "部長", "課長": "課長", "室長": "室長",
    "次長": "次長", "参与": "参与", "顧問": "顧問", "理事長": "理事長", "主査": "主査", "幹事": "幹事",
    "知事": "知事", "市長": "市長", "町長": "町長", "村長": "村長", "区長": "区長",
    "構成員": "構成員", "有識者": "有識者", "司会": "司会", "オブザーバー": "オブザーバー",
    "事務総長": "事務総長", "教育長": "教育長", "副区長": "副区長", "副知事": "副知事", "副市長": "副市長", "副町長": "副町長", "副村長": "副村長",
    "助役": "助役", "収入役": "収入役", "会計管理者": "会計管理者", "事業管理者": "事業管理者", "議員": "議員",
    "理事": "理事", "参事": "参事",
    "課長補佐": "課長補佐", "室長補佐": "室長補佐", "補佐": "補佐", "係長": "係長",
    "調整官": "調整官", "推進官": "推進官", "戦略官": "戦略官", "分析官": "分析官", "監査官": "監査官", "研究官": "研究官",
    "事務次官": "事務次官", "次官": "次官", "事務官": "事務官", "技官": "技官", "参事役": "参事役", "主任": "主任",
    "本部長": "本部長", "副本部長": "副本部長", "本部員": "本部員", "担当": "担当", "主幹": "主幹", "企画官": "企画官", "調査官": "調査官", "専門官": "専門官",
    "統括官": "統括官", "総括官": "総括官", "管理監": "管理監", "技監": "技監", "職務代理者": "職務代理者",
    "所長": "所長", "館長": "館長", "校長": "校長", "園長": "園長", "院長": "院長", "学長": "学長", "消防長": "消防長",
    "陳述人": "陳述人", "記者": "記者", "請求人": "請求人", "申立人": "申立人", "請願者": "請願者", "陳情者": "陳情者",
    "書記": "書記", "通訳": "通訳", "説明者": "説明者", "発表者": "発表者", "報告者": "報告者",
    "提案者": "提案者", "ヒアリング対象者": "ヒアリング対象者",
    "教授": "教授", "准教授": "准教授", "講師": "講師", "助教": "助教", "研究科長": "研究科長", "事務長": "事務長",
    "社長": "社長", "会頭": "会頭", "頭取": "頭取",
    "Chair": "座長", "Chairperson": "座長", "ViceChair": "副座長", "Co-Chair": "座長", "Moderator": "司会",
    "Secretariat": "事務局",
}
_BY_LENGTH = sorted(ROLE_SUFFIXES, key=len, reverse=True)
# An English record's label, the role before the name (Chair YAMADA, Member TANAKA Hanako, Director WATANABE (Finance
# Division)), as translated summaries of Japanese meetings print it: the label is the speaker, the role its Japanese one
EN_ROLES = {"Chair": "座長", "Chairperson": "座長", "Vice-Chair": "副座長", "Vice Chair": "副座長", "Co-Chair": "座長",
            "Member": "委員", "Director": "部長", "Director-General": "局長", "Deputy Director-General": "審議官",
            "Minister": "大臣", "Vice-Minister": "副大臣", "Secretariat": "事務局", "Secretary": "事務局", "Mayor": "市長",
            "Deputy Mayor": "副市長", "Governor": "知事", "Councillor": "議員", "Councilor": "議員",
            "Commissioner": "委員", "President": "会長", "Vice-President": "副会長", "Moderator": "司会", "Speaker": "議長",
            "Chairman": "座長", "Chairwoman": "座長", "Reporter": "記者", "Chief Cabinet Secretary": "官房長官",
            "Prime Minister": "総理", "Councilmember": "議員", "Cllr": "議員", "Clr": "議員", "Cr": "議員"}
_EN_ROLE = {k.lower(): v for k, v in EN_ROLES.items()}
# Chair YAMADA, CHIEF CABINET SECRETARY SUGA, REPORTER, Secretariat (Takamatsu): a post, in any case, and a name
EN_LABEL = re.compile(r"^(?P<role>(?i:" + "|".join(sorted(map(re.escape, EN_ROLES), key=len, reverse=True)) + r"))"
                      r"(?:\s+(?P<name>[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2}))?(?:\s*\([^()]{1,40}\))?$")
# Mr. Kono, Minister for Digital Transformation / Mrs Evans / Cllr Julian Clelford: a person, with the post after
EN_HONORED = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+(?P<name>[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’\-]+){0,2})"
                        r"(?:,\s*(?P<post>[^:：,]{2,60}))?,?$")


def english_label(label: str) -> bool:
    """Whether a label is an English speaker's (Chair YAMADA, REPORTER, Mr. Kono, Minister for …)."""
    return bool(EN_LABEL.match(label.strip()) or EN_HONORED.match(label.strip()))


def en_role(label: str) -> str | None:
    """The post an English label names (座長 for Chairman Murai, 大臣 for Mr. Kono, Minister for …), or None."""
    if english := EN_LABEL.match(label.strip()):
        return _EN_ROLE[english["role"].lower()]
    honored = EN_HONORED.match(label.strip())
    post = honored and honored["post"] and next((v for k, v in sorted(_EN_ROLE.items(), key=lambda kv: -len(kv[0]))
                                                 if re.search(r"\b" + re.escape(k) + r"\b", honored["post"].lower())), None)
    return post or None
# a post or a seat with the person in brackets: 議長（山田太郎君）, １番（鈴木花子議員）, and as one aggregator prints
# them, 議長【中村秀美君】
_MEMBER = re.compile(r"^(?P<office>[^（(【]*?)[（(【](?P<name>[^）)】]{1,20}?)(君|さん|氏)?[）)】]$")
_NAMED = re.compile(r"^(?P<office>[^（(【]*?)[（(【](?P<name>[^）)】]{1,20}?)(?:君|さん|氏)[）)】]$")
_SEAT = re.compile(r"^[0-9０-９〇一二三四五六七八九十百]+番$")
# Lines that start with ○ but are not speakers (国会会議録 and 議事録 front matter).
NOT_SPEAKERS = re.compile(r"^(出席|欠席|応招|不応招|議事|本日|会議に付|委員の異動|配付|配布|説明員|参照|会議録|開会|閉会|散会|"
                          r"休憩|再開|日時|場所|議題|次第|参考|資料|報告|質疑|討論|採決|理由|趣旨|傍聴|正副)")


# Verbatim records (国会会議録, 議会の会議録, 審議会の議事録): a turn is a line "○label　speech", a layout
# fact whatever the label says; the label holds no blank and ends at the first ideographic space. Many
# municipal assemblies' systems mark the chair ◎ and members ◆ (○ for the executive, △ or ◇ for staff): after
# those marks, which also start bullets and headings, a turn needs a label that names a speaker.
CIRCLES = "○〇◯"
SPEAKER_MARKS = "◎◆◇△▲●"
# Text taken out of PDFs often has a plain space, or none, where the record has the ideographic space
# (○議長（山田太郎君） ただいまから…, ○議長（山田太郎君）ただいまから…): then too the label must name a speaker.
# A label may hold blanks inside its brackets (○１番（髙橋　茂君）, as town records pad names), nowhere else.
IN_BRACKETS = r"[（(][^）)\n]{0,30}[）)]"


def label_pattern(also_not: str = "", most: int = 60) -> str:
    """The regex of a speaker label: up to `most` characters that are no blank (nor one of `also_not`), or a
    bracketed group that may hold blanks."""
    return r"(?P<label>(?:[^\s\u3000（(" + also_not + r"]|" + IN_BRACKETS + r"){1," + str(most) + r"}?)"


_LABEL = label_pattern()
_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])" + _LABEL + r"\u3000+(?P<rest>.*)$")
_LOOSE_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])" + _LABEL +
                         r"(?:[ \t\xa0]+|(?<=[）)]))(?P<rest>.*)$")
# A name in Latin letters keeps its blanks (○Emily Carter構成員　…, ○Rajesh Kumar構成員 Thank you.)
_LATIN = r"[A-Za-zＡ-Ｚａ-ｚ][A-Za-zＡ-Ｚａ-ｚ.'’\-]*"
_LATIN_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<label>" + _LATIN + r"(?:[ \u3000]" + _LATIN
                         + r"){1,3}[^\s\u3000A-Za-z]{1,12})[\s\u3000]+(?P<rest>.*)$")
_LATIN_HONORED_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<label>(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?"
                                 r" ?[A-Z][A-Za-z'’\-]+(?: [A-Z][A-Za-z'’\-]+){0,2})[\s\u3000]+(?P<rest>.*)$")   # ○Ms. Smith　…
_SPACED_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])" + _LABEL + r"[ \t\xa0\u3000]+(?P<rest>.*)$")
# A post and the bracketed name set apart by a blank (○委員長 （山田太郎君）　…)
_SPACED_BRACKET_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])"
                                  r"(?P<label>[^\s\u3000（()]{1,20}[ \u3000][（(][^（）()]{1,20}[）)])[\s\u3000]+(?P<rest>.*)$")
# A name and a post set apart by one plain space (○白井孝雄 議長　…, ◎坂上 総合政策部長　…), as some systems print it
_NAME_POST_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<label>(?P<name>[^\s\u3000（()]{2,8}) "
                             r"(?P<post>[^\s\u3000（()]{1,20}))[\s\u3000]+(?P<rest>.*)$")


# A post spaced out to the width of a column before the bracketed name (○議　長（小林　清君）, ○５　番（佐藤　守君）,
# as town records print them): the label is read without its blanks
_SPREAD_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<post>[^\s\u3000（()](?:[ \u3000][^\s\u3000（()]){1,4})"
                          r"(?P<name>[（(][^（）()\n]{1,30}[）)])[\s\u3000]*(?P<rest>.*)$")


# 〇〇委員, ○○課長: the record leaves the name out with two circles (kanji zeros), no turn mark; after a mark the
# same name reads ○○○委員 (a turn of ○○委員)
PLACEHOLDER_NAME = re.compile(r"^[" + CIRCLES + r"]{2}(?![" + CIRCLES + r"])")
# A full name set apart from its post by an ideographic space (○村上　ゆうこ委員長　…, ◆小竹　ともこ委員　…), or a
# surname or a name before the post (◎佐々木　地域振興部長　…, ◆くまがい誠一　委員　…), as some cities' records print
# the label; also alone over its speech (○川本　委員長)
_NAME_BLANK_POST_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])\u3000?(?P<surname>[^\s\u3000（()、。]{1,7})\u3000"
                                   r"(?P<post>[^\s\u3000、。]{1,16})(?:\u3000+(?P<rest>\S.*))?[\s\u3000]*$")


_KANA_KANJI = r"[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]"
# The seat, then the member's name without brackets (〇14番　松村　潤議員  一般質問いたします。, ○　5番　石嶺美奈実　質問
# します。, ○２番 佐藤博 それでは質問いたします。), as town records taken from PDFs print it
_SEAT_NAME_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])\u3000?(?P<seat>[0-9０-９〇一二三四五六七八九十百]{1,3}番)"
                             r"[ \u3000]+(?P<name>" + _KANA_KANJI + r"{1,5}(?:[ \u3000]" + _KANA_KANJI + r"{1,5})?)"
                             r"(?P<suffix>議員|君)?[ \u3000]+(?P<rest>\S.*)$")
# A full name with a blank between family and given name, then 君 or the post, then a blank and the speech
# (◯中村 実君 船橋市選出、…, 〇関 三郎委員長 これより…), as prefectural and city web records print it
_SPACED_NAME_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?P<family>" + _KANA_KANJI + r"{1,4})[ \u3000]"
                               r"(?P<given>[\u4e00-\u9fff々]{1,3}|" + _KANA_KANJI + r"{1,5}?)"
                               r"(?P<post>君|(?:副)?(?:委員長|議長|会長|部会長|分科会長|座長|市長|町長|村長|区長|知事)|委員|議員|教育長)"
                               r"[ \u3000]+(?P<rest>\S.*)$")     # a member's or a chair's post, no department's (坂上 総合政策部長)
# A question or an answer and who gives it (○質問　上杉達則議員「米の価格高騰についての対策」, ○答弁　村椿哲朗町長), as a
# town's summary of its questions prints it: the speaker is the one named, the question's title its first words
_ASKED_TURN = re.compile(r"^(?P<mark>[" + CIRCLES + SPEAKER_MARKS + r"])(?:再々?)?(?:質問|答弁|回答)[ \u3000]+"
                         r"(?P<label>[^\s\u3000「」、。]{2,20})(?P<rest>「[^「」]{1,60}」)?[\s\u3000]*$")


def turn_line(text: str) -> re.Match | dict | None:
    """The mark, label and rest of a line laid out as a speaker's turn (see above), or None. Time lines,
    header blocks and punctuation in the label are the verbatim parser's to rule out."""
    if PLACEHOLDER_NAME.match(text):
        return None                          # 〇〇委員　…: a name left out, no mark before a label
    seat = _SEAT_NAME_TURN.match(text)
    if seat:
        name = re.sub(r"(?:議員|君)$", "", "".join(seat["name"].split()))     # 松村　潤議員 -> 松村潤
        if len(name) >= 2 and (seat["suffix"] or name != "".join(seat["name"].split())
                               or re.search(r"[。？！]", seat["rest"])) and not _suffix_role(name):
            return {"mark": seat["mark"], "label": f"{seat['seat']}（{name}）", "rest": seat["rest"]}
    spaced = _SPACED_NAME_TURN.match(text)
    if spaced and not _suffix_role(spaced["family"]) and _person_name(spaced["family"] + spaced["given"]):
        return {"mark": spaced["mark"], "label": spaced["family"] + spaced["given"] + spaced["post"], "rest": spaced["rest"]}
    asked = _ASKED_TURN.match(text)
    if asked and names_speaker(asked["label"]):
        return {"mark": asked["mark"], "label": asked["label"], "rest": asked["rest"] or ""}
    spread = _SPREAD_TURN.match(text)
    if spread and names_speaker(label := "".join(spread["post"].split()) + spread["name"]):
        return {"mark": spread["mark"], "label": label, "rest": spread["rest"]}
    named = _NAME_BLANK_POST_TURN.match(text)      # ○村上　ゆうこ委員長　…, ◎佐々木　地域振興部長　…
    if named and names_speaker(named["post"]) and not _suffix_role(named["surname"]) \
            and re.fullmatch(r"[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]{1,7}", named["surname"]):
        return {"mark": named["mark"], "label": named["surname"] + named["post"], "rest": named["rest"] or ""}
    for spaced in (_LATIN_TURN, _LATIN_HONORED_TURN, _SPACED_BRACKET_TURN):
        m = spaced.match(text)
        if m and names_speaker(m["label"]):
            return m
    m = _TURN.match(text)
    plain = m is not None
    m = m or _LOOSE_TURN.match(text)
    if m and (m["mark"] in SPEAKER_MARKS or not plain) and not names_speaker(unwrapped(m["label"])):
        m = None if plain else _SPACED_TURN.match(text)       # ○吉田（統）委員 立憲…: the label ends at the blank
        if m and not names_speaker(m["label"]):
            m = _NAME_POST_TURN.match(text)
            if m and not (_person_name(m["name"]) and _suffix_role(m["post"]) and names_speaker(m["post"])):
                m = None
    return m


# A label wholly in brackets, the name and the post run together inside (○（三宅浩正議長）　…, ○（庄本えつこ委員）
# alone over its speech, ○（大北秀特命担当部長(会計管理者)）), as some prefectural assemblies' systems print it
_WRAPPED = re.compile(r"^[（(](?P<inner>[^（）()]{1,38}(?:[（(][^（）()]{1,20}[）)])?)[）)]$")


def unwrapped(label: str) -> str:
    """The label without the brackets around it where what they hold names a speaker (（三宅浩正議長） -> 三宅浩正議長),
    else the label as it is (（議事日程）, （部外局関係）: headings)."""
    m = _WRAPPED.match(re.sub(r"\s+", "", label))
    return m["inner"] if m and names_speaker(m["inner"]) else label


def role_of(label: str | None) -> str | None:
    """The role a speaker label names, or None (議長（尾辻秀久君） -> 議長, 北村経夫君 -> 議員)."""
    if not label:
        return None
    label = unwrapped(label)
    if english_label(label) and (english := en_role(label)):
        return english
    s = re.sub(r"\s+", "", label)
    m = _MEMBER.match(s)
    if m and m["office"]:
        office = m["office"]
        return _suffix_role(office) or ("議員" if re.search(r"[（(][^）)]+[）)]委員$", s) else office)
    role = _suffix_role(s)
    if role:
        return role
    if s.endswith("君"):
        return "議員"
    return None


def office_of(label: str | None) -> str | None:
    """The post a label prints before the person's name (健康福祉部長（高橋修君） -> 健康福祉部長, 教育長（伊藤） ->
    教育長), or None: no bracketed name, or a seat number (１番（髙橋茂君）)."""
    m = _MEMBER.match(re.sub(r"\s+", "", label or ""))
    if m and m["office"] and not _SEAT.match(m["office"]):
        return m["office"]
    return None


DASHES = "―－ー—‐-"          # a dash before the label, as some councils' records open each turn: ―佐藤会長
# where the speaker speaks from, printed after the label: （登壇）, 〔登壇〕, （自席）, （質問席から移動し登壇）,
# （オンライン参加）, （Web出席）
STAGE_AFTER_LABEL = re.compile(r"[\s\u3000]*[（(〔][^（）()〔〕]{0,12}(?:登壇|降壇|自席|発言席|質問席|答弁席|"
                               r"(?:オンライン|ウェブ|[ＷW][ＥE][ＢB]|[Ww]eb|リモート|遠隔)(?:会議)?(?:参加|出席|により?)?)[）)〕]$")
QA_LABEL = re.compile(r"^(?:問|答|質問|回答|答弁)[（(](?P<inner>[^（）()]+(?:[（(][^（）()]*[）)])?)[）)]$")


def speaker_of(label: str) -> tuple[str, str | None]:
    """(speaker, role) of a label as printed: the person's name where the label holds one
    (六十七番（岡本こうき君） -> ('岡本こうき', '議員'), 北村経夫君 -> ('北村経夫', '議員')), else the label
    itself (高村部会長 -> ('高村部会長', '部会長'), 山田（賢）委員 -> ('山田（賢）委員', '委員')). A closing bracket
    with no opening one (宮内委員長), a PDF's cut label) is no part of the label."""
    if english_label(label):
        return label.strip().rstrip(","), en_role(label)    # Chair YAMADA, as printed
    label = unwrapped(label)
    if label.endswith((")", "）")) and not re.search(r"[（(]", label):
        label = label[:-1]
    label = STAGE_AFTER_LABEL.sub("", label.lstrip(DASHES)) or label     # ―佐藤会長, ７番（小林和子君）（登壇）
    honored = _HONORED.match(re.sub(r"\s+", "", label))      # 佐藤 健一 氏（…協会 専務理事）: the name
    if honored:
        return honored["name"], _suffix_role(honored["about"])
    asked = QA_LABEL.match(label)                   # 回答（道路建設課長）: the post is the speaker
    if asked:
        return speaker_of(asked["inner"])
    person = _SPACED_NAME.match(label)              # 白井孝雄 議長: the name, then the post
    if person and _person_name(person["name"]) and _suffix_role(person["post"]):
        return person["name"], _suffix_role(person["post"])
    s = re.sub(r"(?<![A-Za-zＡ-Ｚａ-ｚ.])\s+|\s+(?![A-Za-zＡ-Ｚａ-ｚ])", "", label)   # Emily Carter構成員 keeps its blank
    s = re.sub(r"\s+", " ", s)
    m = _NAMED.match(s)
    if m:
        office = m["office"]
        if not office or _SEAT.match(office):
            return m["name"], "議員"
        return m["name"], _suffix_role(office) or office
    if s.endswith("君") and 3 <= len(s) <= 12 and "（" not in s and "(" not in s:
        return s[:-1], "議員"
    m = _MEMBER.match(s)                 # municipal records: 議長（山田太郎）, １番（鈴木花子議員）
    if m and m["office"] in GENERIC_OFFICES:          # 理事者（田中課長）: the name and the post in the bracket
        inner = m["name"]
        for cut in range(2, min(len(inner) - 1, 6) + 1):
            if _person_name(inner[:cut]) and _suffix_role(inner[cut:]) and not _suffix_role(inner[:cut]):
                return inner[:cut], _suffix_role(inner[cut:])
    if m and m["office"]:
        name = m["name"][:-2] if m["name"].endswith(("議員", "委員")) else m["name"]   # 委員長（山田太郎委員）
        if _person_name(name):
            if _SEAT.match(m["office"]):
                return name, "議員"
            if _suffix_role(m["office"]):
                return name, _suffix_role(m["office"])
    return s, role_of(s)


def names_speaker(label: str) -> bool:
    """Stricter than looks_like_speaker, for a label no ideographic space sets off or after a mark that also
    starts bullets (◆): a post ending (山田委員, 市長), 〜君, or a seat or post with a person in brackets
    (１番（鈴木花子議員）, 議長（山田太郎）, 議長（尾辻秀久君）) — never a title with a date in brackets."""
    if EN_LABEL.match(label.strip()):
        return True                          # Director WATANABE (Finance Division)
    s = re.sub(r"\s+", "", label)
    if not s or len(s) > 40 or NOT_SPEAKERS.match(re.sub(r"^[0-9０-９]{1,2}[．.、]?", "", s)) \
            or re.search(r"[、。，,：:；;「」]", s):
        return False                         # 3.出席委員: a numbered front-matter item, no one
    if _HONORED.match(s) or _LATIN_HONORED.match(s):
        return True                          # 佐藤健一氏（日本産業ドローン協会専務理事）, Ms. Smith
    m = _MEMBER.match(s)
    if m:
        name = m["name"][:-2] if m["name"].endswith("議員") else m["name"]
        post = bool(_SEAT.match(m["office"]) or _suffix_role(m["office"]))
        return post and (_person_name(name) or re.fullmatch(r"[\u4e00-\u9fff]", name) is not None    # 事務局（森）
                         or s.endswith(("君）", "君)")) or _suffix_role(name) is not None
                         or NOT_A_NAME.search(name) is not None)                   # 公述人Ａ（東町在住）
    return _suffix_role(s) is not None or (s.endswith("君") and 3 <= len(s) <= 12)


# A person named with an honorific, then who they are (佐藤健一氏（日本産業ドローン協会専務理事）, 山本さん（自治会長）)
_HONORED = re.compile(r"^(?P<name>[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]{2,8})(?:氏|君|さん|様)"
                      r"[（(](?P<about>[^（）()]{1,40})[）)]$")
# A guest named in Latin letters with a title (Ms. Smith, Dr. Anna Weber), as the label prints it, blanks removed
_LATIN_HONORED = re.compile(r"^(?:Mr|Ms|Mrs|Miss|Dr|Prof)\.?[A-Z][A-Za-z'’.\-]{1,30}$")

GENERIC_OFFICES = {"理事者", "執行部", "当局", "説明員", "説明者"}
_SPACED_NAME = re.compile(r"^(?P<name>[^\s\u3000（()]{2,8}) (?P<post>[^\s\u3000（()]{1,20})$")
_NAME = re.compile(r"^[\u4e00-\u9fff々ヶ\u3040-\u309f\u30a0-\u30ff]{2,8}$")


# What a bracket after a post may hold that is no name: 次長（技術）, 部長（総括）, 課長（心得）
POST_QUALIFIERS = {"技術", "事務", "総括", "特命", "代理", "心得", "政策", "企画", "調整", "監理", "総務", "経営", "財務",
                   "福祉", "教育", "土木", "建築", "農政", "環境", "保健", "医療", "防災", "広報", "国際", "国内", "総合",
                   "地域", "安全", "情報", "人事", "法務", "会計", "産業", "経済", "都市", "観光", "文化", "危機管理"}


# what a bracket says of a speaker who is not named: where they live or work, what they do (公述人Ａ（東町在住）,
# 参考人（東京大学教授）, 委員（公募））
NOT_A_NAME = re.compile(r"在住|在勤|在学|出身|代理|代表|会社員|公務員|自営業|主婦|学生|教授|講師|研究員|大学|株式会社|法人|協会|"
                        r"組合|公募|推薦|選出|経験者")


def _person_name(s: str) -> bool:
    """Whether a bracket holds a person's name (山田太郎, 岡本こうき), not a second post (情報戦略担当課長兼務) nor what
    kind of post it is (県土整備部次長（技術）)."""
    return bool(_NAME.match(s)) and s not in POST_QUALIFIERS and not NOT_A_NAME.search(s) and not any(
        word in s for word in (*ROLE_SUFFIXES, "担当", "兼務", "取扱", "事務"))


def _suffix_role(s: str) -> str | None:
    s = re.sub(r"(?<=[^\sＡ-ＺA-Z0-9０-９])[Ａ-ＺA-Z０-９0-9]$", "", s)    # 構成員Ａ, 委員B: one of several, named by letter
    for suffix in _BY_LENGTH:
        if s.endswith(suffix):
            return ROLE_SUFFIXES[suffix]
    return None


def looks_like_speaker(label: str, max_len: int = 30) -> bool:
    """Whether a short label names a speaker (a role ending, 〜君, or 役職（氏名君）), not a heading."""
    if EN_LABEL.match(label.strip()):
        return True                          # Chair YAMADA
    s = re.sub(r"\s+", "", label)
    if not s or len(s) > max_len or NOT_SPEAKERS.match(s):
        return False
    if re.search(r"[、。，,：:；;「」]", s):
        return False
    if _MEMBER.match(s):
        return True
    return _suffix_role(s) is not None or (s.endswith("君") and 2 <= len(s) <= 12)
