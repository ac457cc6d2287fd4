"""Diet records as the 国会会議録検索システム API returns them (meeting / speech, JSON and XML) load as documents."""
from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

from search.ingest import IngestError, load_corpus, load_document

FRONT = ("令和六年十月四日（金曜日）\r\n　　　　午前十時開議\r\n　出席委員\r\n　　　委員長　小泉進次郎君\r\n"
         "　　　理事　黄川田仁志君\r\n　　　　―――――――――――――\r\n本日の会議に付した案件\r\n　国の安全保障に関する件\r\n")
SPEECHES = [
    {"speechOrder": 0, "speaker": "会議録情報", "speakerYomi": None, "speakerGroup": None,
     "speakerPosition": None, "speech": FRONT},
    {"speechOrder": 1, "speaker": "小泉進次郎", "speakerYomi": "こいずみしんじろう", "speakerGroup": "自由民主党・無所属の会",
     "speakerPosition": "安全保障委員長",
     "speech": "○小泉委員長　これより会議を開きます。\r\n　御異議ありませんか。\r\n　　　　〔「異議なし」と呼ぶ者あり〕"},
    {"speechOrder": 2, "speaker": "黄川田仁志", "speakerYomi": "きかわだひとし", "speakerGroup": "自由民主党・無所属の会",
     "speakerPosition": None, "speech": "○黄川田委員　自由民主党の黄川田仁志でございます。\r\n　二点伺います。"},
    {"speechOrder": 3, "speaker": "木原稔", "speakerYomi": "きはらみのる", "speakerGroup": "自由民主党・無所属の会",
     "speakerPosition": "防衛大臣", "speech": "○国務大臣（木原稔君）　お答えいたします。\r\n　　　　午前十一時散会"},
]
MEETING = {"issueID": "121404024X00120241004", "imageKind": "会議録", "searchObject": 0, "session": 214,
           "nameOfHouse": "衆議院", "nameOfMeeting": "安全保障委員会", "issue": "第1号", "date": "2024-10-04",
           "closing": None, "meetingURL": "https://kokkai.ndl.go.jp/txt/121404024X00120241004",
           "pdfURL": None}


def meeting_json() -> str:
    record = dict(MEETING, speechRecord=[dict(s, speechID=f"{MEETING['issueID']}_{s['speechOrder']:03d}")
                                         for s in SPEECHES])
    return json.dumps({"numberOfRecords": 1, "numberOfReturn": 1, "startRecord": 1, "nextRecordPosition": None,
                       "meetingRecord": [record]}, ensure_ascii=False)


def meeting_xml() -> str:
    def fields(d: dict) -> str:
        return "".join(f"<{k}>{escape(str(v)) if v is not None else ''}</{k}>" for k, v in d.items())
    speeches = "".join(f"<speechRecord>{fields(s)}</speechRecord>" for s in SPEECHES)
    return ('<?xml version="1.0" encoding="UTF-8"?><data><numberOfRecords>1</numberOfRecords>'
            f"<records><record><recordData><meetingRecord>{fields(MEETING)}{speeches}</meetingRecord>"
            "</recordData></record></records></data>")


def speech_json() -> str:
    """The `speech` endpoint: every speech carries its meeting's fields (no front matter, no meetingRecord)."""
    fields = {k: MEETING[k] for k in ("issueID", "session", "nameOfHouse", "nameOfMeeting", "issue", "date")}
    return json.dumps({"numberOfRecords": 2, "speechRecord": [dict(fields, **s) for s in SPEECHES[2:0:-1]]},
                      ensure_ascii=False)


@pytest.mark.parametrize("name, content", [("meeting.json", meeting_json), ("meeting.xml", meeting_xml)])
def test_meeting_record_loads_as_one_minutes_document(tmp_path, name, content):
    (tmp_path / name).write_text(content(), encoding="utf-8")
    (tmp_path / "catalog.json").write_text(json.dumps({"documents": {}}), encoding="utf-8")
    docs, errors = load_corpus(tmp_path)
    assert not errors and len(docs) == 1                      # catalog.json is not a document
    parsed = docs[0]
    d = parsed.document
    assert (d.doc_type, d.title, d.meeting, d.meeting_number, d.date) == (
        "minutes", "第214回国会　衆議院　安全保障委員会　第1号", "衆議院 安全保障委員会", 1, "2024-10-04")
    assert "出席委員" in d.text and "〔「異議なし」と呼ぶ者あり〕" in d.text      # the record stays whole
    assert [(r.speaker, r.label, r.role) for r in parsed.remarks] == [
        ("小泉進次郎", "小泉委員長", "委員長"), ("黄川田仁志", "黄川田委員", "委員"), ("木原稔", "国務大臣（木原稔君）", "大臣")]
    assert [r.text for r in parsed.remarks] == ["これより会議を開きます。\n御異議ありませんか。",
                                                "自由民主党の黄川田仁志でございます。\n二点伺います。", "お答えいたします。"]
    first = parsed.remarks[0]
    assert (first.speaker_yomi, first.speaker_group, first.speaker_position) == (
        "こいずみしんじろう", "自由民主党・無所属の会", "安全保障委員長")
    assert parsed.remarks[1].speaker_position is None
    for r in parsed.remarks:
        assert d.text[r.start] == "○"
    for p in parsed.passages:
        assert d.text[p.start] == p.text[0] and d.text[p.end - 1] == p.text[-1]
    assert not any("小泉進次郎君" in p.text or "案件" in p.text for p in parsed.passages)


def test_json_and_xml_of_one_meeting_give_the_same_remarks(tmp_path):
    (tmp_path / "a.json").write_text(meeting_json(), encoding="utf-8")
    (tmp_path / "a.xml").write_text(meeting_xml(), encoding="utf-8")
    a, b = load_document(tmp_path / "a.json"), load_document(tmp_path / "a.xml")
    assert a.document.text == b.document.text
    assert [r.to_dict() | {"remark_id": "", "doc": ""} for r in a.remarks] == [
        r.to_dict() | {"remark_id": "", "doc": ""} for r in b.remarks]


def test_speech_answer_groups_into_its_meeting_in_speech_order(tmp_path):
    (tmp_path / "speeches.json").write_text(speech_json(), encoding="utf-8")
    parsed = load_document(tmp_path / "speeches.json")
    assert [r.speaker for r in parsed.remarks] == ["小泉進次郎", "黄川田仁志"]
    assert parsed.document.meeting_number == 1


def test_catalog_values_win_over_the_record(tmp_path):
    (tmp_path / "m.json").write_text(meeting_json(), encoding="utf-8")
    parsed = load_document(tmp_path / "m.json", {"m.json": {"title": "安保委 第1号", "date": "2024-10-05"}})
    assert (parsed.document.title, parsed.document.date) == ("安保委 第1号", "2024-10-05")



def test_the_old_apis_nested_speech_answer_loads(tmp_path):
    """The old API (and its saved answers) nest each speech as data.records.record[].recordData.speechRecord."""
    fields = {k: MEETING[k] for k in ("session", "nameOfHouse", "nameOfMeeting", "issue", "date")}
    records = [{"recordData": {"speechRecord": dict(fields, **s)}} for s in SPEECHES[1:]]
    (tmp_path / "old.json").write_text(json.dumps({"data": {"numberOfRecords": "3", "records": {"record": records}}},
                                                  ensure_ascii=False), encoding="utf-8")
    parsed = load_document(tmp_path / "old.json")
    assert [r.speaker for r in parsed.remarks] == ["小泉進次郎", "黄川田仁志", "木原稔"]
    assert (parsed.document.date, parsed.document.meeting_number) == ("2024-10-04", 1)


@pytest.mark.parametrize("content, says", [
    (json.dumps({"message": "検索条件に誤りがあります。", "details": ["maximumRecords"]}, ensure_ascii=False),
     "not a 国会会議録検索システム record"),
    (json.dumps({"rows": [1, 2]}), "not a 国会会議録検索システム record.*nor a list of speeches"),
    (json.dumps({"items": [{"id": 1, "url": "https://example.jp"}]}), "nor a list of speeches"),
    ("[" * 5000 + "]" * 5000, "nested too deep"),                 # no crash (RecursionError) on hostile nesting
    ("[" * 900 + '{"text": "発言です。"}' + "]" * 900, "nor a list of speeches"),
    ('{"meetingRecord": [', "not valid JSON"),
    ("<data><records></records></data>", "not a 国会会議録検索システム record"),
    ("<data><meetingRecord>", "not well-formed XML"),
])
def test_other_json_and_xml_get_a_clear_error(tmp_path, content, says):
    path = tmp_path / ("bad.xml" if content.startswith("<") else "bad.json")
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=says) as e:
        load_document(path)
    assert "kokkai.ndl.go.jp/api" in str(e.value)


def test_several_meetings_in_one_file_are_refused_with_what_to_do(tmp_path):
    data = json.loads(meeting_json())
    data["meetingRecord"].append(dict(data["meetingRecord"][0], issueID="other", issue="第2号"))
    (tmp_path / "two.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(IngestError, match="holds 2 meetings.*maximumRecords=1"):
        load_document(tmp_path / "two.json")


def test_the_library_page_takes_a_diet_record_and_refuses_other_json(tmp_path):
    # the app's upload goes through the same loader: a record is added, other JSON is one Japanese line
    from app_support.library import UploadRefused, add_upload

    parsed = add_upload("kokkai.json", meeting_json().encode("utf-8"), tmp_path, max_mb=20)
    assert parsed.remarks and (tmp_path / "kokkai.json").exists()
    with pytest.raises(UploadRefused, match="読み取れませんでした：国会会議録検索システムの API の応答（1会議分）としても、発言の一覧"):
        add_upload("other.json", b'{"hello": "world"}', tmp_path, max_mb=20)
    assert not (tmp_path / "other.json").exists()
