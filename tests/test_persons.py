"""Persons across meetings: one label within one body is one person; full names from attendance lists and the API."""
from __future__ import annotations

import json

import pytest

from search.ingest import load_document, parse_text
from search.persons import build_persons, surname_of


def council(n: int, body: str = "環境審議会 地球環境部会", attendance: str = "") -> str:
    return (f"{body}（第{n}回）議事録\n令和６年{n}月１０日（金）\n{attendance}"
            f"○高村部会長　第{n}回の部会を開会します。\n○佐藤委員　資料について意見を述べます。\n"
            f"○大倉環境影響評価課長　ご説明いたします。\n")


def by_id(persons):
    return {p.person_id: p for p in persons}


def test_one_label_in_one_body_is_one_person_across_meetings():
    docs = [parse_text(f"m{n}.txt", council(n)) for n in (3, 7)] + [
        parse_text("other.txt", council(2, body="交通政策審議会 地域部会"))]
    persons, remark_person = build_persons(docs)
    p = by_id(persons)
    sato = p["環境審議会 地球環境部会/佐藤委員"]
    assert (sato.remarks, sato.documents, sato.name) == (2, ["m3.txt", "m7.txt"], None)
    assert p["交通政策審議会 地域部会/佐藤委員"].remarks == 1            # another body, another person
    assert len(remark_person) == sum(len(d.remarks) for d in docs)


def test_full_names_from_the_attendance_list():
    attendance = "出席者\n委員：高村ゆかり、佐藤健一、大塚直\n事務局：大倉紀彰\n"
    docs = [parse_text("m3.txt", council(3, attendance=attendance)), parse_text("m7.txt", council(7))]
    p = by_id(build_persons(docs)[0])
    takamura = p["環境審議会 地球環境部会/高村ゆかり"]
    assert (takamura.labels, takamura.remarks, takamura.documents) == (["高村部会長"], 2, ["m3.txt", "m7.txt"])
    assert p["環境審議会 地球環境部会/佐藤健一"].remarks == 2
    assert p["環境審議会 地球環境部会/大倉紀彰"].labels == ["大倉環境影響評価課長"]


DIET = """第213回国会　衆議院　安全保障委員会　第13号
令和六年七月三十日（火曜日）
　出席委員
　　　委員長　小泉進次郎君
　　　理事　黄川田仁志君　理事　中川　宏昌君
　　　　　　中川　正春君　　　　藤丸　　敏君
　　　　…………………………………
　　　防衛大臣　　　　　　　　　木原　　稔君
　　　　―――――――――――――
委員の異動
　辞任　　　　　　　　　補欠選任
　　江渡　聡徳君　　　　　山本　左近君
　　　　―――――――――――――
○小泉委員長　これより会議を開きます。
○黄川田委員　質問します。
○中川（宏）委員　関連して伺います。
○中川委員　私からも伺います。
○藤丸委員　伺います。
○木原国務大臣　お答えいたします。
○山本委員　伺います。
"""


def test_diet_attendance_gives_full_names_and_initials_tell_namesakes_apart():
    parsed = parse_text("diet.txt", DIET)
    assert {"name": "藤丸敏", "role": None, "group": "出席委員", "surname": "藤丸"} in parsed.document.attendees
    assert "江渡聡徳" not in {a["name"] for a in parsed.document.attendees}        # 委員の異動 is no attendance
    persons, remark_person = build_persons([parsed])
    names = [remark_person[r.remark_id].split("/", 1)[1] for r in parsed.remarks]
    assert names == ["小泉進次郎", "黄川田仁志", "中川宏昌", "中川委員", "藤丸敏", "木原稔", "山本委員"]


def api_meeting(issue: str, date: str) -> str:
    speeches = [{"speechOrder": 1, "speaker": "小泉進次郎", "speakerYomi": "こいずみしんじろう",
                 "speakerGroup": "自由民主党・無所属の会", "speakerPosition": "安全保障委員長",
                 "speech": "○小泉委員長　これより会議を開きます。"},
                {"speechOrder": 2, "speaker": "黄川田仁志", "speakerYomi": "きかわだひとし",
                 "speakerGroup": "自由民主党・無所属の会", "speech": "○黄川田委員　質問します。"}]
    return json.dumps({"meetingRecord": [{"session": 214, "nameOfHouse": "衆議院", "nameOfMeeting": "安全保障委員会",
                                          "issue": issue, "date": date, "speechRecord": speeches}]},
                      ensure_ascii=False)


def test_api_names_reach_the_same_labels_in_other_meetings_of_the_body(tmp_path):
    (tmp_path / "api.json").write_text(api_meeting("第1号", "2024-10-04"), encoding="utf-8")
    text = "第214回国会　衆議院　安全保障委員会　第2号\n2024年10月8日\n○小泉委員長　開会します。\n○小泉委員長　散会します。\n"
    docs = [load_document(tmp_path / "api.json"), parse_text("text.txt", text)]
    p = by_id(build_persons(docs)[0])
    koizumi = p["衆議院 安全保障委員会/小泉進次郎"]
    assert (koizumi.remarks, koizumi.labels, koizumi.yomi, koizumi.group) == (
        3, ["小泉委員長"], "こいずみしんじろう", "自由民主党・無所属の会")
    assert sorted(koizumi.documents) == ["api.json", "text.txt"]


def test_named_labels_and_plain_names_of_one_person_merge():
    text = ("品川区議会　平成19年第４回定例会（第１日目）　本会議\n2007年11月21日\n"
            "○議長（本多健信君）　開会します。\n○本多健信君　質問します。\n○区民委員長（本多健信君）　報告します。\n")
    persons, _ = build_persons([parse_text("p.txt", text)])
    assert [(p.name, p.remarks, len(p.labels)) for p in persons] == [("本多健信", 3, 3)]


def test_a_bare_surname_names_one_person_per_post():
    text = ("白浜市議会会議録　令和５年第２回定例会（第３日）\n令和５年６月１４日\n"
            "◯３番（伊藤）　給食費の無償化について伺います。\n◯教育長（伊藤）　お答えいたします。\n"
            "◯３番（伊藤）　再質問します。\n◯市長（佐藤一郎君）　お答えします。\n◯７番（佐藤一郎君）　伺います。\n")
    persons, _ = build_persons([parse_text("c.txt", text)])
    found = sorted((p.person_id.split("/")[1], p.remarks) for p in persons)
    assert found == [("伊藤", 2), ("伊藤（教育長）", 1), ("佐藤一郎", 2)]   # a name printed with 君 is one person


def test_a_member_by_seat_takes_the_full_name_the_roster_prints_beside_the_seat():
    text = ("白浜市議会会議録　令和５年第２回定例会（第３日）\n令和５年６月１４日\n出席議員（４名）\n"
            "１番　鈴木　花子　　　２番　高橋　　進　　　３番　伊藤　明美\n４番　渡辺　隆之\n欠席議員（なし）\n"
            "議事日程（第３号）\n"
            "◯３番（伊藤）　給食費の無償化について伺います。\n◯教育長（伊藤）　お答えいたします。\n"
            "◯１番（鈴木）　地域公共交通について伺います。\n◯５番（小林）　伺います。\n")
    parsed = parse_text("c.txt", text)
    assert [a["name"] for a in parsed.document.attendees] == ["鈴木花子", "高橋進", "伊藤明美", "渡辺隆之"]
    assert [a["seat"] for a in parsed.document.attendees] == [1, 2, 3, 4]
    assert [r.speaker for r in parsed.remarks] == ["伊藤明美", "伊藤", "鈴木花子", "小林"]   # not the 教育長; no seat 5
    assert [r.label for r in parsed.remarks][0] == "３番（伊藤）"                           # the label as printed
    persons, _ = build_persons([parsed])
    assert sorted(p.person_id.split("/")[1] for p in persons) == ["伊藤明美", "伊藤（教育長）", "小林", "鈴木花子"]


@pytest.mark.parametrize("label, surname", [
    ("高村部会長", ("高村", None)), ("中川（宏）委員", ("中川", "宏")), ("小泉委員長", ("小泉", None)),
    ("木原国務大臣", ("木原国務", None)), ("事務局", ("事務局", None)),
])
def test_surname_of_a_label(label, surname):
    assert surname_of(label) == surname


def test_the_index_keeps_persons_and_finds_their_remarks_in_every_meeting(tmp_path, encoder):
    from search.store import Store, build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    attendance = "出席者\n委員：高村ゆかり、佐藤健一、大塚直\n"
    (corpus / "m3.txt").write_text(council(3, attendance=attendance), encoding="utf-8")
    (corpus / "m7.txt").write_text(council(7), encoding="utf-8")
    assert not build_index(corpus, tmp_path / "index", encoder=encoder).errors
    store = Store.open(tmp_path / "index")
    persons = by_id(store.persons())
    takamura = persons["環境審議会 地球環境部会/高村ゆかり"]
    assert (takamura.name, takamura.remarks) == ("高村ゆかり", 2)
    remarks = store.remarks_of_person(takamura.person_id)
    assert [(r.doc, r.speaker) for r in remarks] == [("m3.txt", "高村部会長"), ("m7.txt", "高村部会長")]


def test_a_person_filter_keeps_namesakes_apart(tmp_path, encoder):
    from search.engine import Engine
    from search.store import Store, build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "c.txt").write_text(
        "白浜市議会会議録　令和５年第２回定例会（第３日）\n令和５年６月１４日\n"
        "◯３番（伊藤）　給食費の無償化について、市の考えを伺います。\n"
        "◯教育長（伊藤）　給食費の無償化につきましては、国の動向を注視してまいります。\n"
        "◯３番（伊藤）　給食費の無償化を早期に実現するよう要望します。\n", encoding="utf-8")
    assert not build_index(corpus, tmp_path / "index", encoder=encoder).errors
    engine = Engine(Store.open(tmp_path / "index"), encoder)
    ids = {p.person_id.split("/")[1]: p.person_id for p in engine.persons()}
    assert set(ids) == {"伊藤", "伊藤（教育長）"}
    official = engine.search("給食費の無償化", persons=[ids["伊藤（教育長）"]], k=5)
    assert [h.remark.label for h in official] == ["教育長（伊藤）"]
    member = engine.search("給食費の無償化", persons=[ids["伊藤"]], k=5)
    assert sorted(h.remark.label for h in member) == ["３番（伊藤）", "３番（伊藤）"]


def test_a_card_and_its_citation_name_the_person_in_full(tmp_path, encoder):
    from search.cite import cited_speaker, hit_citation
    from search.engine import Engine
    from search.labels import hit_speaker_label
    from search.store import Store, build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "m3.txt").write_text(council(3, attendance="出席者\n委員：高村ゆかり、佐藤健一、大塚直\n"), encoding="utf-8")
    assert not build_index(corpus, tmp_path / "index", encoder=encoder).errors
    engine = Engine(Store.open(tmp_path / "index"), encoder)
    by_label = {h.remark.label or h.speaker: h for h in engine.search("部会を開会します", k=5)}
    takamura, ookura = by_label["高村部会長"], by_label["大倉環境影響評価課長"]
    assert takamura.speaker_name == "高村ゆかり" and takamura.speaker == "高村部会長"   # the record's label is kept
    assert hit_speaker_label(takamura) == cited_speaker(takamura) == "高村ゆかり（部会長）"
    assert hit_citation(takamura).endswith("、高村ゆかり（部会長）")
    assert ookura.speaker_name is None and hit_speaker_label(ookura) == "大倉環境影響評価課長"   # no name known


def test_a_label_that_is_a_post_takes_the_name_the_roster_prints_beside_it():
    from search.labels import named_label

    text = ("令和５年１２月　南川市議会　厚生常任委員会記録（要点筆記）\n日　時　令和５年１２月１２日（火）\n"
            "出席委員　中川委員長、山口委員\n説明員　　福祉部長　大西　浩、福祉課長　村上　恵美、保険年金課長　岩田　誠\n\n"
            "■議案第８５号　南川市障害者福祉センター条例の一部を改正する条例について\n"
            "問（山口委員）　就労体験室の定員は何人を想定しているのか。\n答（福祉課長）　１日当たり１０人を想定している。\n"
            "問（山口委員）　運営は指定管理者か。\n答（福祉部長）　当面は市の直営とする。\n")
    parsed = parse_text("kousei.txt", text)
    assert {"name": "村上恵美", "role": "課長", "post": "福祉課長", "surname": "村上", "group": "説明員"} in \
        parsed.document.attendees
    persons = {p.labels[0]: p.name for p in build_persons([parsed])[0]}
    assert persons == {"山口委員": "山口委員", "福祉課長": "村上恵美", "福祉部長": "大西浩"}
    assert named_label("村上恵美", "福祉課長") == "村上恵美（福祉課長）"


def test_a_numbered_roster_set_out_in_blanks_names_members_and_officials():
    text = ("東浜市議会　建設環境常任委員会会議録\n\n１　開会日時　　令和６年３月１２日（火）午前１０時\n"
            "４　出席委員（３名）\n　　委員長　　中川　誠　　　副委員長　大野　真理\n　　委員　　　山口　剛\n"
            "５　欠席委員　　なし\n６　説明のため出席した者の職氏名\n"
            "　　環境部長　　　　平野　剛　　　ごみ減量推進課長　岩田　誠\n７　審査事件\n"
            "　　議案第２２号　東浜市廃棄物の減量及び適正処理に関する条例の一部を改正する条例\n\n"
            "○委員長（中川　誠）　ただいまから建設環境常任委員会を開会いたします。\n"
            "○ごみ減量推進課長　議案第２２号について御説明いたします。指定袋の手数料を定めるものです。\n"
            "○山口委員　ごみの減量をどの程度見込んでいるのか伺います。\n"
            "○ごみ減量推進課長　導入後の１年間で約１５％の減少を見込んでおります。\n")
    parsed = parse_text("kensetsu.txt", text)
    assert [(a["name"], a.get("post")) for a in parsed.document.attendees] == [
        ("中川誠", "委員長"), ("大野真理", "副委員長"), ("山口剛", "委員"), ("平野剛", "環境部長"), ("岩田誠", "ごみ減量推進課長")]
    names = {p.labels[0]: p.name for p in build_persons([parsed])[0]}
    assert names["ごみ減量推進課長"] == "岩田誠" and names["山口委員"] == "山口剛"
