"""python -m search parse: JSON Lines per remark and the readable outline."""
from __future__ import annotations

import json
from pathlib import Path

from search.cli import main

CORPUS = Path(__file__).resolve().parents[1] / "corpus"
SEED = CORPUS / "004_2b152710ce42e84e.txt"
TURNS = ["和泉内閣総理大臣補佐官", "事務局", None, "飯島委員", "小林委員", "冨山委員", "中村委員", "東原委員",
         "宮家委員", "柳川委員", "高橋座長", "高橋座長", "事務局"]


def test_parse_json_lines(capsys):
    assert main(["parse", str(SEED), "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["speaker"] for r in rows] == TURNS
    assert [r["order"] for r in rows] == list(range(len(TURNS)))
    text = SEED.read_text(encoding="utf-8")
    for r in rows:
        assert {"doc", "title", "doc_type", "date", "section", "order", "speaker", "role", "text", "paragraphs",
                "start", "end"} <= set(r)
        assert r["doc"] == SEED.name and r["date"] == "2020-05-12" and r["doc_type"] == "minutes"
        assert r["text"] == "\n".join(r["paragraphs"])
        assert r["paragraphs"][0][:8] in text[r["start"]:r["end"]]
    assert rows[5]["section"] == "２．議題；インフラ海外展開に関する新戦略の方向性について（意見交換）"


def test_parse_outline(capsys):
    assert main(["parse", str(SEED), str(CORPUS / "003_438bdac8e45b0f74.txt")]) == 0
    out = capsys.readouterr().out
    assert "[minutes, 2020-05-12]" in out and "[evaluation_sheet, 2024年度]" in out
    assert "懇談会構成員: 高橋座長、飯島委員" in out
    assert "§ ３．閉会" in out and "§ 外部有識者のコメント" in out
    speakers = [ln.split()[1] for ln in out.splitlines() if ln.startswith("    ") and "(" in ln.split()[2]]
    assert speakers[:12] == [s for s in TURNS if s][:12]
    assert "佐藤 主光 (有識者)" in out


def test_broken_catalog_is_reported_and_files_still_parse(tmp_path, capsys):
    (tmp_path / "catalog.json").write_text("{not json", encoding="utf-8")
    copy = tmp_path / SEED.name
    copy.write_bytes(SEED.read_bytes())
    assert main(["parse", str(copy), "--json"]) == 1
    captured = capsys.readouterr()
    assert "catalog.json: is not valid JSON" in captured.err
    assert len(captured.out.splitlines()) == len(TURNS)


def test_parse_outline_of_a_verbatim_record(tmp_path, capsys):
    path = tmp_path / "kokkai.txt"
    path.write_text("第213回国会　衆議院　安全保障委員会　第13号\n2024年7月30日\n○委員長（小泉進次郎君）　これより会議を開きます。\n"
                    "○黄川田委員　自由民主党の黄川田仁志でございます。防衛省の不祥事について伺います。\n", encoding="utf-8")
    assert main(["parse", str(path)]) == 0
    out = capsys.readouterr().out
    assert "body: 衆議院 安全保障委員会  meeting no. 13" in out
    assert "小泉進次郎 (委員長) «委員長（小泉進次郎君）»" in out and "これより会議を開きます。…  (procedural)" in out
    assert "黄川田委員 (委員)" in out and out.count("(procedural)") == 1
