"""Verbatim records (国会・議会・審議会の会議録): turns, labels, front matter, time lines, directions, rules."""
from __future__ import annotations

import pytest

from search.ingest import parse_text
from search.ingest.head import meeting_of
from search.ingest.minutes import parse_minutes

TITLE = "第２回　環境審議会　議事録\n令和６年５月１０日（金）\n"
BEFORE = "○山田委員　前の発言です。\n"


def parsed(text: str):
    return parse_text("verbatim.txt", text)


def assert_offsets_exact(doc):
    """Every remark starts at its ○ and every passage's first and last characters sit at its offsets."""
    text = doc.document.text
    for r in doc.remarks:
        assert text[r.start] in "○〇◯◎◆◇△▲●", r
    for p in doc.passages:
        assert text[p.start] == p.text[0] and text[p.end - 1] == p.text[-1], p


@pytest.mark.parametrize("line, speaker, role, first_words", [
    ("○議長（尾辻秀久君）　これより会議を開きます。", "尾辻秀久", "議長", "これより会議を開きます。"),
    ("○山田（賢）委員　関連して伺います。", "山田（賢）委員", "委員", "関連して伺います。"),
    ("○六十七番（岡本こうき君）　都政について質問します。", "岡本こうき", "議員", "都政について質問します。"),
    ("○百十三番（松本文明君）　質問します。", "松本文明", "議員", "質問します。"),
    ("○知事（小池百合子君）　お答えいたします。", "小池百合子", "知事", "お答えいたします。"),
    ("○国務大臣（河野太郎君）　お答えいたします。", "河野太郎", "大臣", "お答えいたします。"),
    ("○参考人（植田和男君）　委員御指摘のとおりでございます。", "植田和男", "参考人", "委員御指摘のとおり"),
    ("○北村経夫君　自由民主党の北村経夫です。", "北村経夫", "議員", "自由民主党の北村経夫です。"),
    ("○高村部会長　それでは議事に入ります。", "高村部会長", "部会長", "それでは議事に入ります。"),
    ("○大倉環境影響評価課長　資料２を御覧ください。", "大倉環境影響評価課長", "課長", "資料２を御覧ください。"),
    ("○米窪國務大臣　只今の御質問に御答へ致します。", "米窪國務大臣", "大臣", "只今の御質問に"),
    ("○東岡計画官　それでは、定刻になりましたので始めます。", "東岡計画官", None, "それでは、定刻に"),
    ("○雜賀スポーツ振興局理事　ご説明いたします。", "雜賀スポーツ振興局理事", "理事", "ご説明いたします。"),
    ("○福島会計管理者　お答えします。", "福島会計管理者", "会計管理者", "お答えします。"),
    ("○土屋オリンピック・パラリンピック準備局ラグビーワールドカップ準備担当部長国際大会準備担当部長兼務　"
     "大会の準備状況について申し上げます。",
     "土屋オリンピック・パラリンピック準備局ラグビーワールドカップ準備担当部長国際大会準備担当部長兼務", None,
     "大会の準備状況について"),
])
def test_any_label_before_an_ideographic_space_is_a_turn(line, speaker, role, first_words):
    label = line[1:line.index("\u3000")]
    doc = parsed(TITLE + BEFORE + line + "\n　続けて申し上げます。\n")
    assert [r.speaker for r in doc.remarks] == ["山田委員", speaker]
    remark = doc.remarks[1]
    assert (remark.role, remark.label) == (role, label)
    assert remark.text.startswith(first_words) and remark.text.endswith("続けて申し上げます。")
    assert label not in remark.text
    assert_offsets_exact(doc)


MUNICIPAL = """令和５年第１回定例会　川辺市議会会議録（第２号）
令和５年３月６日（月曜日）
◎午前１０時開議
◎議長（山田太郎）　ただいまから本日の会議を開きます。
　日程第１、一般質問を行います。
◆１番（鈴木花子議員）　おはようございます。子育て支援について伺います。
　保育所の待機児童は今何人でしょうか。
◎議長（山田太郎）　市長。
○市長（佐藤次郎）　お答えいたします。待機児童は現在１２人です。
△事務局長（高橋誠）　日程を申し上げます。
◆２３番(田中一郎)　関連して伺います。
◆山田（賢）委員　続けて伺います。
"""


def test_municipal_marks_chair_member_and_executive_turns():
    """◎ chair, ◆ member, ○ executive, △ staff: the marks of many city and town assembly records."""
    doc = parsed(MUNICIPAL)
    assert (doc.document.meeting, doc.document.meeting_number) == ("川辺市議会", 2)
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("山田太郎", "議長"), ("鈴木花子", "議員"), ("山田太郎", "議長"), ("佐藤次郎", "市長"),
        ("高橋誠", "事務局"), ("田中一郎", "議員"), ("山田（賢）委員", "委員")]
    assert doc.remarks[1].label == "１番（鈴木花子議員）"
    assert doc.remarks[1].text.startswith("おはようございます。") and doc.remarks[1].text.endswith("何人でしょうか。")
    assert "開議" not in " ".join(r.text for r in doc.remarks)
    assert_offsets_exact(doc)


@pytest.mark.parametrize("sep", [" ", "\xa0", ""])
@pytest.mark.parametrize("chair, member", [("○議長（山田太郎君）", "○１番（鈴木花子君）"),
                                           ("◎議長（山田太郎）", "◆１番（鈴木花子議員）")])
def test_text_out_of_a_pdf_without_the_ideographic_space_still_has_turns(chair, member, sep):
    """PDF extraction gives a plain space, or none, where the record prints U+3000 (HTML: a no-break space)."""
    text = TITLE + f"{chair}{sep}ただいまから会議を開きます。\n{member}{sep}質問します。\n　待機児童は何人か。\n" \
                   f"○市長（佐藤次郎君）{sep}お答えします。\n○日 程\n○成長戦略フォローアップ（令和３年６月１８日）\n"
    doc = parsed(text)
    assert [(r.speaker, r.role) for r in doc.remarks] == [("山田太郎", "議長"), ("鈴木花子", "議員"), ("佐藤次郎", "市長")]
    assert doc.remarks[1].text.startswith("質問します。") and doc.remarks[1].text.endswith("何人か。")
    assert doc.remarks[2].text == "お答えします。"                  # the heading and the title are not speech
    assert_offsets_exact(doc)


def test_marks_before_headings_and_bullets_are_not_turns():
    text = TITLE + BEFORE + ("◆施策名　ICT国際戦略の推進\n◇目標　海外展開の支援\n◎重点事項　人材の育成\n"
                             "○川上委員　次の発言です。\n●今後の課題　運用保守の体制\n")
    doc = parsed(text)
    assert [r.speaker for r in doc.remarks] == ["山田委員", "川上委員"]
    assert "ICT国際戦略の推進" in doc.remarks[0].text and "運用保守の体制" in doc.remarks[1].text
    assert "◆" not in doc.remarks[0].text                         # a bullet mark is still dropped


@pytest.mark.parametrize("line", [
    "○午後１時開議",
    "○午後 ２時５５分閉会",
    "○午前十時三分開会",
    "○会議録署名人選定について",
    "○会期決定について",
    "○日 程",
    "○議事日程　第五号",
    "○本日の会議に付した案件",
    "午前十一時五十六分散会",
    "　　　　午後零時五十四分散会",
])
def test_time_agenda_and_header_lines_are_not_speeches(line):
    doc = parsed(TITLE + BEFORE + line + "\n○江口委員長　次に移ります。\n")
    assert [r.speaker for r in doc.remarks] == ["山田委員", "江口委員長"]
    assert [r.text for r in doc.remarks] == ["前の発言です。", "次に移ります。"]
    assert doc.remarks[0].end <= doc.document.text.index(line)


def test_agenda_line_becomes_the_section_of_the_next_turns():
    doc = parsed(TITLE + "○午後１時開議\n○会期決定について\n○議長（林宏君）　会期の決定を議題に供します。\n"
                 "○一般質問\n○安藤泰作君　質問します。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [("林宏", "会期決定について"), ("安藤泰作", "一般質問")]


def test_the_item_the_chair_takes_up_is_the_section_of_the_turns_that_follow():
    doc = parsed(TITLE + "○委員長（牧野たかお君）　これより会議を開きます。\n"
                 "次に、財政及び金融等に関する調査を議題といたします。\n質疑の申出がありますので、順次これを許します。\n"
                 "○山田太郎君　財政について伺います。\n○大臣（佐藤一郎君）　お答えします。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("牧野たかお", None), ("山田太郎", "財政及び金融等に関する調査"), ("佐藤一郎", "財政及び金融等に関する調査")]


def test_a_numbered_agenda_item_gives_its_printed_title_and_a_bare_schedule_heading_is_no_section():
    rule = "─" * 40
    doc = parsed(TITLE + "○午前10時開議\n○日 程\n○議長（大沢真一君）　これより日程に入ります。\n"
                 f"本日の日程はお手元に配付の議事日程のとおりであります。\n{rule}\n日程第１\n一般質問\n{rule}\n"
                 "順次ご指名申し上げます。\n○あくつ広王君　質問します。\n"
                 f"○議長（大沢真一君）　次に、日程第２を議題に供します。\n{rule}\n日程第２\n第５８号議案　品川区保育条例の一部を改正する条例\n{rule}\n"
                 "○区長（濱野健君）　ご説明いたします。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("大沢真一", None), ("あくつ広王", "日程第１ 一般質問"), ("大沢真一", "日程第１ 一般質問"),
        ("濱野健", "日程第２ 第５８号議案　品川区保育条例の一部を改正する条例")]


def test_a_label_alone_on_its_line_opens_a_turn_but_a_roster_heading_does_not():
    doc = parsed(TITLE + "○議長（渡辺ゆういち君）　ただいまから会議を開きます。\n◯渡辺議長\n"
                 "会期の決定を議題に供します。会期を本日１日といたしますが、ご異議ありませんか。\n"
                 "〇災害対策特別委員\n　　　　　　赤松　　健君　　　　生稲　晃子君\n"
                 "○山田委員　質問します。\n")
    assert [(r.speaker, r.section, r.text[:6]) for r in doc.remarks] == [
        ("渡辺ゆういち", None, "ただいまから"), ("渡辺議長", None, "会期の決定を"), ("山田委員", "会期の決定", "質問します。")]
    assert_offsets_exact(doc)


DIET = """第213回国会　衆議院　安全保障委員会　第13号
令和六年七月三十日（火曜日）
　　　　午前九時開議
　出席委員
　　　委員長　小泉進次郎君
　　　理事　黄川田仁志君　理事　中曽根康隆君
　　　　…………………………………
　　　防衛大臣　　　　　　　　　木原　　稔君
　　　政府参考人
　　　（防衛省大臣官房長）　　　加野　幸司君
　　　　―――――――――――――
委員の異動
七月三十日
　辞任　　　　　　　　　補欠選任
　　江渡　聡徳君　　　　　山本　左近君
　　　　―――――――――――――
　一、国の安全保障に関する件
の閉会中審査を本委員会に付託された。
　　　　―――――――――――――
本日の会議に付した案件
　国の安全保障に関する件
　　　　　――――◇―――――
○小泉委員長　これより会議を開きます。
　この際、お諮りいたします。御異議ありませんか。
　　　　〔「異議なし」と呼ぶ者あり〕
○小泉委員長　御異議なしと認めます。よって、そのように決しました。
　　　　―――――――――――――
○黄川田委員　自由民主党の黄川田仁志でございます。
　二点に絞って質疑をさせていただきます。
○木原国務大臣　お答えいたします。〔発言する者あり〕防衛省として対策を講じます。
　　　　〔速記中止〕
　　　　〔速記開始〕
　引き続きお答えします。
○小泉委員長　本日は、これにて散会いたします。
　　　　午前十一時三十四分散会
　　　　　――――◇―――――
　出席国務大臣
　　　　　　　防衛大臣　　　　木原　　稔君
"""


def test_diet_record_front_matter_directions_and_closing():
    doc = parsed(DIET)
    assert [r.speaker for r in doc.remarks] == ["小泉委員長", "小泉委員長", "黄川田委員", "木原国務大臣", "小泉委員長"]
    texts = [r.text for r in doc.remarks]
    assert texts[0] == "これより会議を開きます。\nこの際、お諮りいたします。御異議ありませんか。"
    assert texts[3] == "お答えいたします。防衛省として対策を講じます。\n引き続きお答えします。"
    assert texts[4] == "本日は、これにて散会いたします。"
    everything = "\n".join(texts)
    for kept_out in ("出席", "付託", "案件", "異議なし」", "速記", "――", "散会\n", "木原　　稔"):
        assert kept_out not in everything
    assert "〔「異議なし」と呼ぶ者あり〕" in doc.document.text      # directions stay in the document
    assert doc.document.date == "2024-07-30"
    assert_offsets_exact(doc)


PLENARY = """品川区議会　平成19年第４回定例会（第１日目）　本会議
2007年11月21日

○午後１時02分開会
○議長（伊藤昌宏君）　ただいまから定例会を開会いたします。
○会期決定について
○議長（伊藤昌宏君）　───────────────────────────────────────
日程第１
会期の決定について
────────────────────────────────────────
を議題に供します。
今期定例会の会期を17日間といたしますが、ご異議ありませんか。
〔「異議なし」と呼ぶ者あり〕
○議長（伊藤昌宏君）　ご異議なしと認めます。
次に、
────────────────────────────────────────
日程第２
一般質問
────────────────────────────────────────
を行います。
安藤泰作君。
〔安藤泰作君登壇〕
○安藤泰作君　日本共産党を代表し、一般質問を行います。
（拍手）
１、区は学校選択制をどう評価するのか伺います。
- 12 -
これより採決に入ります。
○午後４時34分散会
─────────────────────────────────────────
議 長 伊 藤 昌 宏
署名人 鈴 木 真 澄
"""


def test_council_plenary_rules_in_a_reading_directions_and_signatures():
    doc = parsed(PLENARY)
    assert [(r.speaker, r.role, r.label) for r in doc.remarks] == [
        ("伊藤昌宏", "議長", "議長（伊藤昌宏君）")] * 3 + [("安藤泰作", "議員", "安藤泰作君")]
    reading = doc.remarks[1].text
    assert reading.startswith("日程第１\n会期の決定について\nを議題に供します。") and "─" not in reading
    chair = doc.remarks[2].text
    assert "日程第２\n一般質問\nを行います。\n安藤泰作君。" in chair and "登壇" not in chair
    assert doc.remarks[3].text == "日本共産党を代表し、一般質問を行います。\n１、区は学校選択制をどう評価するのか伺います。\nこれより採決に入ります。"
    assert not any("署名人" in r.text or "12" in r.text for r in doc.remarks)
    assert_offsets_exact(doc)


def test_rule_then_heading_after_a_finished_sentence_is_the_next_agenda_item():
    text = ("品川区議会　建設委員会\n2011年3月1日\n○原委員長　ほかにご発言がないようですので、本件を終了いたします。\n"
            "─────────────────────────────\n(3) 報告事項について\n○原委員長　次に報告事項に入ります。\n○田中課長　ご説明いたします。\n")
    doc = parsed(text)
    assert [r.text for r in doc.remarks][:2] == ["ほかにご発言がないようですので、本件を終了いたします。", "次に報告事項に入ります。"]
    assert [r.section for r in doc.remarks] == [None, "(3) 報告事項について", "(3) 報告事項について"]


def test_question_and_answer_around_a_direction_are_two_turns():
    doc = parsed(TITLE + "○委員長　御異議ありませんか。\n〔「異議なし」と呼ぶ者あり〕\n○委員長　御異議なしと認めます。\n")
    assert [r.text for r in doc.remarks] == ["御異議ありませんか。", "御異議なしと認めます。"]


def test_one_turn_line_in_a_summary_does_not_make_it_verbatim():
    text = ("部会（第１回）議事要旨\n\n（飯島委員）\n\n・意見を述べた。\n\n"
            "○情報通信審議会　情報通信政策部会　基本戦略ボード（平成25年）\n\n（小林委員）\n\n・同意する。\n")
    turns = parse_minutes(text).turns
    assert [t.speaker for t in turns] == ["飯島委員", None, "小林委員"]     # the ○ line stays a note, not a turn
    assert turns[1].paragraphs[0].text.startswith("情報通信審議会")


@pytest.mark.parametrize("title, body, number", [
    ("第213回国会　衆議院　安全保障委員会　第13号", "衆議院 安全保障委員会", 13),
    ("第２１１回国会　参議院　本会議　第五号", "参議院 本会議", 5),
    ("第213回国会　参議院　外交防衛委員会　閉会後第1号", "参議院 外交防衛委員会", 1),
    ("品川区議会　平成19年第４回定例会（第１日目）　本会議", "品川区議会 本会議", 4),
    ("品川区議会　清掃・リサイクル特別委員会", "品川区議会 清掃・リサイクル特別委員会", None),
    ("インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨", "インフラ海外展開に関する新戦略策定に向けた懇談会", 2),
    ("第３回　交通政策審議会　議事録", "交通政策審議会", 3),
    ("中央環境審議会 地球環境部会（第１５０回） 議事録", "中央環境審議会 地球環境部会", 150),
    ("東京都議会 令和５年第２回定例会 速記録", "東京都議会", 2),
    ("令和５年第１回定例会　川辺市議会会議録（第２号）", "川辺市議会", 2),        # the session and the day's issue
    ("川辺市議会　令和５年第１回定例会会議録（第２号）", "川辺市議会", 2),
])
def test_body_and_meeting_number_from_the_title(title, body, number):
    assert meeting_of(title) == (body, number)


def test_one_sentence_per_line_is_packed_into_readable_passages():
    lines = [f"次に、第{n}の論点について伺います。区の考えをお聞かせください。" for n in range(1, 31)]
    doc = parsed(TITLE + BEFORE + "○六十七番（岡本こうき君）　" + "\n".join(lines) + "\n")
    passages = [p for p in doc.passages if p.remark_id == doc.remarks[1].remark_id]
    assert all(150 <= len(p.text) <= 400 for p in passages[:-1]) and len(passages) < len(lines) / 3
    assert "\n".join(p.text for p in passages) == "\n".join(lines)
    assert_offsets_exact(doc)


def test_a_long_speech_has_no_passage_over_500_and_cuts_at_sentence_ends():
    sentence = "防衛省として、再発防止のため、服務規律の徹底と教育の充実に全力で取り組んでまいります。"
    speech = "　" + sentence * 400                     # one paragraph of about 17,000 characters
    doc = parsed(TITLE + BEFORE + "○木原国務大臣　お答えいたします。\n" + speech + "\n")
    passages = [p for p in doc.passages if p.remark_id == doc.remarks[1].remark_id]
    assert max(len(p.text) for p in passages) <= 500 and len(passages) > 30
    assert all(p.text.endswith("。") for p in passages)
    assert_offsets_exact(doc)


def test_a_sentence_longer_than_500_is_cut_at_a_comma():
    sentence = "、".join(f"第{n}の施策" for n in range(1, 120)) + "を進めます。"
    doc = parsed(TITLE + BEFORE + "○知事（小池百合子君）　" + sentence + "\n")
    passages = [p for p in doc.passages if p.remark_id == doc.remarks[1].remark_id]
    assert max(len(p.text) for p in passages) <= 500 and "".join(p.text for p in passages) == sentence
    assert all(p.text.endswith(("、", "。")) for p in passages)


@pytest.mark.parametrize("speech", [
    "都民ひとしく\n" + "安全で安心な暮らしを実現するため、防災対策を強化します。" * 8,
    "防災対策を強化します。" * 20 + "\n以上です。",
])
def test_a_passage_under_20_characters_joins_its_neighbour(speech):
    doc = parsed(TITLE + BEFORE + "○知事（小池百合子君）　" + speech + "\n")
    passages = [p for p in doc.passages if p.remark_id == doc.remarks[1].remark_id]
    assert min(len(p.text) for p in passages) >= 20
    assert_offsets_exact(doc)


COUNCIL = """中央環境審議会 地球環境部会（第１５０回） 議事録
開会日時　令和６年５月１０日（金）１０：００～１２：００
場所　　　中央合同庁舎５号館
出席者
　部会長：高村ゆかり
　委員　：大塚直、佐藤健一
議事次第
　１．開会
　２．議事　地球温暖化対策計画の進捗について
配付資料
　資料１　地球温暖化対策計画の進捗状況
　資料２　今後の進め方

○大倉環境影響評価課長　定刻になりましたので、ただいまから地球環境部会を開催いたします。
○高村部会長　それでは議事に入ります。資料１について事務局から説明をお願いします。
○佐藤委員　資料１の３ページについて質問します。
配付資料
　参考資料　委員名簿
○高村部会長　以上で本日の議事は終了です。
"""


def test_council_header_blocks_are_front_matter_and_the_first_speech_is_found():
    doc = parsed(COUNCIL)
    assert [r.speaker for r in doc.remarks] == ["大倉環境影響評価課長", "高村部会長", "佐藤委員", "高村部会長"]
    assert doc.remarks[0].text.startswith("定刻になりましたので")
    assert doc.remarks[2].text == "資料１の３ページについて質問します。"            # a header block mid-record ends it
    assert not any("資料２" in r.text or "中央合同庁舎" in r.text or "名簿" in r.text for r in doc.remarks)
    assert {a["name"] for a in doc.document.attendees} >= {"高村ゆかり", "大塚直", "佐藤健一"}
    d = doc.document
    assert (d.meeting, d.meeting_number, d.date) == ("中央環境審議会 地球環境部会", 150, "2024-05-10")
