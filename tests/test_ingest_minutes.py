"""Speaker turns of minutes: the seed 議事要旨 and the other layouts (議事録, 【】, 国会会議録, colon style)."""
from __future__ import annotations

from pathlib import Path

import pytest

from search.ingest import load_catalog, load_document, parse_text
from search.ingest.minutes import parse_minutes

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = CORPUS / "004_2b152710ce42e84e.txt"


@pytest.fixture(scope="module")
def seed():
    return load_document(SEED, load_catalog(CORPUS))


def test_seed_minutes_turns_in_order(seed):
    speakers = [r.speaker for r in seed.remarks if r.speaker]
    assert speakers == ["和泉内閣総理大臣補佐官", "事務局", "飯島委員", "小林委員", "冨山委員", "中村委員", "東原委員",
                        "宮家委員", "柳川委員", "高橋座長", "高橋座長", "事務局"]
    assert [r.order for r in seed.remarks] == list(range(len(seed.remarks)))
    assert [r.remark_id for r in seed.remarks][:2] == ["004_2b152710ce42e84e.txt#0", "004_2b152710ce42e84e.txt#1"]


@pytest.mark.parametrize("speaker, role, section, first_words, bullets", [
    ("和泉内閣総理大臣補佐官", "補佐官", "１．開会", "前回に引き続き、インフラ海外展開", 2),
    ("飯島委員", "委員", "２．議題；インフラ海外展開に関する新戦略の方向性について（意見交換）", "新型コロナウイルスにより、我々の", 6),
    ("冨山委員", "委員", "２．議題；インフラ海外展開に関する新戦略の方向性について（意見交換）", "コロナを巡る状況が流動的な中", 6),
    ("宮家委員", "委員", "２．議題；インフラ海外展開に関する新戦略の方向性について（意見交換）", "本日は、パンデミック、安全保障", 9),
])
def test_seed_remark_details(seed, speaker, role, section, first_words, bullets):
    remark = next(r for r in seed.remarks if r.speaker == speaker)
    assert remark.role == role
    assert remark.section == section
    assert remark.text.startswith(first_words)
    assert len(remark.paragraphs) == bullets
    assert "\uf09e" not in remark.text


def test_seed_closing_section_and_narration(seed):
    closing = [r for r in seed.remarks if r.section == "３．閉会"]
    assert [(r.speaker, r.role) for r in closing] == [("高橋座長", "座長"), ("事務局", "事務局")]
    assert closing[0].paragraphs[0] == "各委員の意見を整理する形で更に３点申し上げる。"
    narration = [r for r in seed.remarks if r.speaker is None]
    assert len(narration) == 1 and narration[0].text.startswith("インフラ海外展開に関する新戦略の方向性について、意見交換を行った。")
    secretariat = next(r for r in seed.remarks if r.speaker == "事務局")
    assert "政府施策の取組状況等が説明された。" in secretariat.text


def test_seed_head_date_number_and_attendees(seed):
    doc = seed.document
    assert (doc.doc_type, doc.date, doc.meeting_number, doc.fiscal_year) == ("minutes", "2020-05-12", 2, 2020)
    names = {a["name"]: a for a in doc.attendees}
    assert names["高橋座長"] == {"name": "高橋座長", "role": "座長", "group": "懇談会構成員"}
    assert names["柳川委員"]["role"] == "委員"       # 柳川委 / 員 wrapped across lines
    assert names["和泉内閣総理大臣補佐官"]["group"] == "内閣官房"
    assert "総務省" in names and names["総務省"]["group"] == "オブザーバー"
    assert not any(r.text.startswith("高橋座長、飯島委員") for r in seed.remarks)


def test_seed_parsed_without_catalog_matches(seed):
    bare = parse_text(SEED.name, seed.document.text)
    d = bare.document
    assert d.title == "インフラ海外展開に関する新戦略策定に向けた懇談会（第２回）議事要旨"
    assert (d.doc_type, d.date, d.meeting_number) == ("minutes", "2020-05-12", 2)
    assert d.meeting == "インフラ海外展開に関する新戦略策定に向けた懇談会"
    assert [r.speaker for r in bare.remarks] == [r.speaker for r in seed.remarks]


def test_seed_bullet_rejoined_across_blank_lines(seed):
    tomiyama = next(r for r in seed.remarks if r.speaker == "冨山委員")
    assert "いわゆる O＆Mと言われている領域を含めたよりソフトサイド" in tomiyama.text
    passages = [p for p in seed.passages if p.remark_id == tomiyama.remark_id]
    assert len(passages) == len(tomiyama.paragraphs) == 6
    assert all(p.speaker == "冨山委員" and p.role == "委員" for p in passages)
    assert passages[3].passage_id == f"{tomiyama.remark_id}/3"
    text = seed.document.text
    assert text[passages[0].start:passages[0].start + 6] == "コロナを巡る"


GIJIROKU = """第３回　交通政策審議会　議事録

日時：令和元年１０月２日（水）１４：００～１６：００
場所：中央合同庁舎３号館

○山田委員　ただいまの説明について質問します。地方の交通については、
担い手の確保が大きな課題です。

　もう一点、データの活用についても伺いたい。

○事務局　お答えします。担い手については、来年度から新しい補助制度を
検討しています。
○江口部会長　ありがとうございました。それでは次の議題に移ります。
"""

BRACKETS = """有識者会議（第５回）議事概要

【山田委員】
地域医療構想の進捗について、さらなる
検討が必要である。

〔山田分科会長〕
本日の議論を踏まえて、事務局で整理いただきたい。

【事務局】
承知しました。
"""

KOKKAI = """第２１１回国会　参議院　本会議　第５号
令和５年２月１日（水曜日）
○議事日程　第五号
○議長（尾辻秀久君）　これより会議を開きます。
　日程第一　国務大臣の演説に関する件を議題といたします。
○北村経夫君　自由民主党の北村経夫です。私は会派を代表して質問いたします。
○山田（賢）委員　関連して伺います。
○国務大臣（河野太郎君）　お答えいたします。
○本日の会議に付した案件
　一、国務大臣の演説に関する件
"""

COLON = """第２回 部会 議事録
江口部会長：それでは始めます。
佐藤委員：資料１について意見を述べます。防災に
ついては、さらに議論が必要です。
事務局：承知しました。
"""


@pytest.mark.parametrize("text, expected", [
    (GIJIROKU, [("山田委員", "委員"), ("事務局", "事務局"), ("江口部会長", "部会長")]),
    (BRACKETS, [("山田委員", "委員"), ("山田分科会長", "分科会長"), ("事務局", "事務局")]),
    (KOKKAI, [("尾辻秀久", "議長"), ("北村経夫", "議員"), ("山田（賢）委員", "委員"), ("河野太郎", "大臣")]),
    (COLON, [("江口部会長", "部会長"), ("佐藤委員", "委員"), ("事務局", "事務局")]),
])
def test_layouts_speakers_and_roles(text, expected):
    turns = parse_minutes(text).turns
    assert [(t.speaker, t.role) for t in turns] == expected


def test_inline_style_keeps_paragraphs_until_next_speaker():
    turns = parse_minutes(GIJIROKU).turns
    yamada = turns[0]
    assert [p.text for p in yamada.paragraphs] == [
        "ただいまの説明について質問します。地方の交通については、担い手の確保が大きな課題です。",
        "もう一点、データの活用についても伺いたい。",
    ]
    assert parse_minutes(GIJIROKU).head.date == "2019-10-02"
    assert parse_minutes(GIJIROKU).head.meeting_number == 3


def test_kokkai_non_speaker_lines_and_continuation():
    minutes = parse_minutes(KOKKAI)
    turns = minutes.turns
    assert minutes.head.date == "2023-02-01"
    assert not any("議事日程" in p.text for t in turns for p in t.paragraphs)   # front matter, not a remark
    assert not any("案件" in p.text for t in turns for p in t.paragraphs)       # back matter, not a remark
    assert [t.label for t in turns] == ["議長（尾辻秀久君）", "北村経夫君", "山田（賢）委員", "国務大臣（河野太郎君）"]
    chair = turns[0]
    assert [p.text for p in chair.paragraphs] == ["これより会議を開きます。", "日程第一　国務大臣の演説に関する件を議題といたします。"]


def test_colon_style_rejoins_wrapped_line():
    turns = parse_minutes(COLON).turns
    assert turns[1].paragraphs[0].text == "資料１について意見を述べます。防災については、さらに議論が必要です。"


def test_page_number_and_running_header_inside_a_remark():
    text = ("懇談会（第１回）議事要旨\n\n（飯島委員）\n\n\uf09e 質の高いインフラ輸出が必\n\n- 3 -\n\n"
            "懇談会（第１回）議事要旨\n\n要である。\n\n（小林委員）\n\n\uf09e 同意する。\n\n４\n\n"
            "懇談会（第１回）議事要旨\n\n（高橋座長）\n\n\uf09e まとめる。\n")
    turns = parse_minutes(text).turns
    assert [(t.speaker, [p.text for p in t.paragraphs]) for t in turns] == [
        ("飯島委員", ["質の高いインフラ輸出が必要である。"]),
        ("小林委員", ["同意する。"]),
        ("高橋座長", ["まとめる。"]),
    ]


def test_speaker_who_speaks_often_is_not_a_running_header():
    text = "部会（第１回）議事要旨\n\n" + "".join(
        f"（高橋座長）\n\n・論点{n}について。\n\n（山田委員）\n\n・意見{n}。\n\n" for n in range(1, 5))
    turns = parse_minutes(text).turns
    assert [t.speaker for t in turns] == ["高橋座長", "山田委員"] * 4
