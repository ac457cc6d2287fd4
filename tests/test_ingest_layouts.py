"""Minutes layouts met outside the seed and the archive: ministry councils' 【label】 turns, 議事要旨 with （委員）
lines, colon labels, town records without turn marks, Q&A forms, numbered front matter, municipal web pages."""
from __future__ import annotations

import pytest

from search.ingest import load_document, parse_text
from search.ingest.head import meeting_of


def turns(doc):
    return [(r.speaker, r.role) for r in doc.remarks]


def test_bracket_label_with_the_speech_on_the_same_line():
    doc = parse_text("mlit.txt", "交通政策審議会交通体系分科会　第２３回地域公共交通部会議事録\n令和５年６月１２日（月）\n\n"
                     "【総務課長】　それでは、定刻となりましたので、ただいまから部会を開会いたします。\n"
                     "【山田部会長】　部会長の山田でございます。本日もどうぞよろしくお願いいたします。\n"
                     "【事務局（佐藤課長）】　地域交通課長の佐藤でございます。資料１に沿って御説明いたします。\n"
                     "２ページを御覧ください。人口減少と運転者不足により、路線の維持が難しくなっております。\n"
                     "【高橋委員】  高橋です。自治体の立場から申し上げます。\n"
                     "【田中委員】ありがとうございます。利用者の立場から一言申し上げます。\n")
    assert turns(doc) == [("総務課長", "課長"), ("山田部会長", "部会長"), ("事務局（佐藤課長）", "事務局"),
                          ("高橋委員", "委員"), ("田中委員", "委員")]
    assert doc.document.date == "2023-06-12"
    assert doc.remarks[2].text.endswith("難しくなっております。")


def test_summary_minutes_with_bracketed_speakers_and_bullets():
    doc = parse_text("meti.txt", "研究開発・イノベーション小委員会（第１５回）議事要旨\n令和５年１０月１６日\n\n"
                     "１．開会\n事務局から資料３に基づき説明を行った後、自由討議を行った。\n"
                     "・（委員）試験研究費の総額型の控除上限については、研究開発を継続する企業が報われる設計とすべき。\n"
                     "（山田委員長）控除率の設計と、知財所得に着目した制度は、役割分担を整理した上で議論を進めたい。\n"
                     "（佐藤委員）中小企業については、税額控除の恩恵を十分に受けられない。\n"
                     "・繰越控除の期間を延ばすべき。\n・申請の手続を簡素にすべき。\n")
    assert turns(doc)[1:] == [("委員", "委員"), ("山田委員長", "委員長"), ("佐藤委員", "委員")]
    assert len(doc.remarks[-1].paragraphs) == 3                    # each 「・」 item its own paragraph


def test_summary_front_matter_sub_items_and_back_matter():
    doc = parse_text("meti.txt", "研究開発・イノベーション小委員会（第１５回）\n議事要旨\n\n日時：令和５年１０月１６日（月）\n\n"
                     "出席者\n山田委員長、佐藤委員、鈴木委員\n\n議題\n１．研究開発税制の在り方について\n"
                     "２．スタートアップとの共同研究の促進について\n\n議事概要\n"
                     "事務局から資料３に基づき説明を行った後、自由討議を行った。\n\n（１）研究開発税制の在り方について\n"
                     "・（委員）試験研究費の総額型の控除上限を見直すべき。\n（山田委員長）両者の役割分担を整理したい。\n\n"
                     "（２）スタートアップとの共同研究の促進について\n（佐藤委員）契約のモデル条項を国が示すことは有効。\n"
                     "最後に、山田委員長から、次回までに論点を整理するよう指示があった。\n"
                     "○最後に、事務局から、次回の会議は１月に開催予定である旨の連絡があった。\n\n以上\n\n"
                     "（文責：事務局　速報のため事後修正の可能性あり）\n\nお問合せ先\n産業技術環境局　技術振興課\n"
                     "電話：03-3501-1511\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        (None, None), ("委員", "（１）研究開発税制の在り方について"), ("山田委員長", "（１）研究開発税制の在り方について"),
        ("佐藤委員", "（２）スタートアップとの共同研究の促進について"),
        ("山田委員長", "（２）スタートアップとの共同研究の促進について"),
        ("事務局", "（２）スタートアップとの共同研究の促進について")]
    assert doc.remarks[0].text == "事務局から資料３に基づき説明を行った後、自由討議を行った。"
    assert doc.remarks[-1].text.endswith("連絡があった。")       # 以上, 文責 and お問合せ先 are no one's words


def test_colon_label_with_a_blank_inside_its_bracket():
    doc = parse_text("council.txt", "第３回再生可能エネルギー導入推進協議会　議事録\n令和５年８月２８日\n\n"
                     "山田会長：　それでは議事に入ります。事務局から説明をお願いします。\n"
                     "鈴木委員：　３か所のうち２か所に絞った理由を伺います。\n"
                     "事務局（環境政策課　佐藤）：　残る１か所は、系統連系の空き容量が不足しているためです。\n"
                     "鈴木委員：　系統制約は今後も大きな壁になります。\n")
    assert turns(doc) == [("山田会長", "会長"), ("鈴木委員", "委員"), ("事務局（環境政策課　佐藤）", "事務局"),
                          ("鈴木委員", "委員")]


def test_numbered_front_matter_gives_the_date_and_no_remark():
    doc = parse_text("soumu.txt", "地域の持続可能な公共施設マネジメントに関する研究会（第４回）\n議事録\n\n"
                     "１　日時　令和５年７月３日（月）１５時００分～１７時００分\n２　場所　総務省８階　第１特別会議室\n"
                     "３　出席者\n（構成員）\n山田座長、佐藤座長代理、鈴木構成員、高橋構成員\n（総務省）\n"
                     "中村自治財政局長、小林財務調査課長\n４　議事\n（１）公共施設等総合管理計画の見直し状況について\n"
                     "５　配付資料\n資料１　公共施設等総合管理計画の見直し状況\n\n"
                     "【山田座長】\n　ただいまから、研究会の第４回会合を開催いたします。\n"
                     "【小林財務調査課長】\n　財務調査課長の小林でございます。資料１を御覧ください。\n")
    assert doc.document.date == "2023-07-03"
    assert turns(doc) == [("山田座長", "座長"), ("小林財務調査課長", "課長")]


def test_numbered_front_matter_without_blank_lines_before_the_statements():
    doc = parse_text("cao.txt", "子ども・子育て会議（第７２回）議事要旨\n１．日時：令和５年１１月２０日（月）\n"
                     "２．出席者：山田会長、佐藤会長代理、鈴木委員\n３．議事\n"
                     "○事務局から、資料１に基づき、取組状況について説明があった。\n"
                     "○委員から、保育士の確保を支援すべきとの意見があった。\n")
    assert doc.document.date == "2023-11-20"
    assert turns(doc) == [("事務局", "事務局"), ("委員", "委員")]


def test_turn_label_with_a_blank_inside_its_bracket_and_a_heading_under_a_double_circle():
    doc = parse_text("town.txt", "令和５年第３回西川町議会定例会会議録（第２号）\n令和５年９月１２日\n"
                     "○議長（伊藤和夫君）　おはようございます。ただいまから本日の会議を開きます。\n◎一般質問\n"
                     "○１番（髙橋　茂君）　おはようございます。１番、髙橋です。通告に従い質問いたします。\n"
                     "○町長（中村　修君）　髙橋議員の御質問にお答えします。\n")
    assert turns(doc) == [("伊藤和夫", "議長"), ("髙橋茂", "議員"), ("中村修", "町長")]
    assert [r.section for r in doc.remarks] == [None, "一般質問", "一般質問"]
    assert doc.remarks[0].text == "おはようございます。ただいまから本日の会議を開きます。"


def test_repeated_speaker_lines_are_no_running_header_and_a_repeated_title_stays_the_title():
    body = "".join(f"◯議長（山田太郎君）\n{text}\n◯{n}番（鈴木花子君）\n質問の{n}点目を伺います。\n"
                   for n, text in enumerate(["ただいまから本日の会議を開きます。", "鈴木議員。", "次に進みます。"], 1))
    doc = parse_text("city.txt", "白浜市議会会議録\n令和５年６月１４日\n" + body)
    assert [r.speaker for r in doc.remarks] == ["山田太郎", "鈴木花子"] * 3
    page = "令和５年第２回定例会（第３日）\n"
    pages = [f"○{n}番（鈴木花子君）　質問の{n}点目を伺います。\n○市長（佐藤一郎君）　お答えします。\n" for n in (1, 2, 3)]
    doc = parse_text("city.txt", page + "令和５年６月１４日\n" + f"\f{page}".join(pages))
    assert doc.document.title == "令和５年第２回定例会（第３日）" and doc.document.meeting_number == 2
    assert all("定例会" not in r.text for r in doc.remarks)


def test_a_session_title_takes_the_body_printed_under_it():
    doc = parse_text("city.txt", "令和５年第２回定例会（第３日）\n白浜市議会会議録\n令和５年６月１４日\n"
                     "○議長（山田一郎君）　ただいまから本日の会議を開きます。\n○１番（鈴木花子君）　質問します。\n")
    assert doc.document.title == "白浜市議会会議録\u3000令和５年第２回定例会（第３日）"
    assert (doc.document.meeting, doc.document.meeting_number) == ("白浜市議会", 2)


def test_town_records_without_turn_marks():
    inline = parse_text("town.txt", "東原町議会　総務産業常任委員会記録\n令和５年１２月５日（火）\n"
                        "出席委員　山田　太郎（委員長）　佐藤　一郎（副委員長）　鈴木　花子\n"
                        "説明員　町長　伊藤　勝　　企画財政課長　小林　恵\n\n"
                        "委員長　ただいまから総務産業常任委員会を開会します。\n"
                        "企画財政課長　ふるさと納税の現状について御説明いたします。\n"
                        "　令和４年度の寄附額は約３億２，０００万円で、前年度から約１．５倍に増加いたしました。\n"
                        "鈴木委員　返礼品が米と和牛に偏っていると、供給が不安定になるおそれがあると思います。\n"
                        "町長　御指摘のとおりだと思います。\n委員長　ほかにありませんか。\n")
    assert turns(inline) == [("委員長", "委員長"), ("企画財政課長", "課長"), ("鈴木委員", "委員"), ("町長", "町長"),
                             ("委員長", "委員長")]
    assert inline.document.meeting == "東原町議会 総務産業常任委員会"
    assert inline.remarks[1].text.endswith("増加いたしました。")
    alone = parse_text("city.txt", "令和５年第２回青葉市議会定例会　本会議　第２日\n令和５年６月１３日（火）\n\n"
                       "議長（前田和夫）\n　ただいまから本日の会議を開きます。\n　最初に、山田太郎議員。\n\n"
                       "山田太郎議員\n　おはようございます。空き家対策について質問いたします。\n\n"
                       "市長（佐々木健）\n　山田議員の御質問にお答えいたします。\n\n"
                       "議長（前田和夫）\n　以上で一般質問を終わります。\n\n議長（前田和夫）\n　散会します。\n")
    assert turns(alone) == [("前田和夫", "議長"), ("山田太郎議員", "議員"), ("佐々木健", "市長"), ("前田和夫", "議長"),
                            ("前田和夫", "議長")]
    qa = parse_text("qa.txt", "令和５年度　第１回若葉市行政評価委員会　会議録（要点筆記）\n開催日時：令和５年６月１２日（月）\n"
                    "出席委員：山田委員長、鈴木委員\n説明員：行政経営課長\n傍聴者：２名\n\n１　開会\n２　議事\n"
                    "（１）令和４年度事務事業評価について\n\n事務局より、外部評価の対象とする１２事業の概要について、資料１により説明した。\n\n"
                    "質問者：鈴木委員\n　目標未達成でＡ評価とした理由を伺いたい。\n回答者：行政経営課長\n"
                    "　事業の必要性や手段の妥当性を総合的に判断しております。\n質問者：鈴木委員\n　評価シートに明記すべきです。\n"
                    "\n３　その他\n事務局から、次回の委員会は７月２４日に開催する旨の連絡があった。\n４　閉会\n")
    assert turns(qa) == [("事務局", "事務局"), ("鈴木委員", "委員"), ("行政経営課長", "課長"), ("鈴木委員", "委員"),
                         ("事務局", "事務局")]       # the record's narration of 事務局, before the turns and after them
    assert qa.remarks[0].text.startswith("事務局より、外部評価の対象とする１２事業")
    assert qa.remarks[1].section == "（１）令和４年度事務事業評価について"     # printed just above the turns
    assert qa.remarks[-2].text == "評価シートに明記すべきです。"          # the agenda heading ends the speech
    assert [a["name"] for a in qa.document.attendees][:3] == ["山田委員長", "鈴木委員", "行政経営課長"]
    assert not any("開会" in a["name"] or "説明" in a["name"] for a in qa.document.attendees)  # the roster ends there
    assert qa.document.meeting == "若葉市行政評価委員会"


def test_a_committee_summary_of_bills_with_questions_and_answers():
    doc = parse_text("qa.txt", "桜台市議会　文教厚生常任委員会　会議録（要旨）\n\n日　時　令和５年９月１５日（金）\n"
                     "出席委員　委員長　山田太郎、委員　鈴木花子\n説明員　健康福祉部長　中村修、学校教育課長　吉田隆\n\n"
                     "審査事件\n議案第６２号　桜台市介護保険条例の一部を改正する条例について\n"
                     "議案第６５号　令和５年度桜台市一般会計補正予算（第３号）のうち所管部分\n\n"
                     "議案第６２号　桜台市介護保険条例の一部を改正する条例について\n"
                     "　高齢福祉課長から議案の内容について説明があった。\n（質疑）\n"
                     "問　所得の低い被保険者の保険料は、実際にいくら下がるのか。\n答　年額で約１，５００円の引下げとなる。\n"
                     "（討論）\n　なし\n（採決）\n　全員賛成で原案可決\n\n"
                     "議案第６５号　令和５年度桜台市一般会計補正予算（第３号）のうち所管部分\n"
                     "　学校教育課長から、端末の更新に係る補正予算について説明があった。\n")
    bill62, bill65 = "議案第６２号　桜台市介護保険条例の一部を改正する条例について", "議案第６５号　令和５年度桜台市一般会計補正予算（第３号）のうち所管部分"
    assert [(r.text[:4], r.section) for r in doc.remarks] == [
        ("高齢福祉", bill62), ("問　所得", bill62), ("答　年額", bill62), ("なし", bill62), ("全員賛成", bill62),
        ("学校教育", bill65)]
    assert doc.remarks[2].text == "答　年額で約１，５００円の引下げとなる。"     # the vote is no part of the answer
    assert [doc.remarks[0].speaker, doc.remarks[-1].speaker] == ["高齢福祉課長", "学校教育課長"]   # who explained
    assert [(a["post"], a["name"]) for a in doc.document.attendees] == [   # the post and the name beside it
        ("委員長", "山田太郎"), ("委員", "鈴木花子"), ("健康福祉部長", "中村修"), ("学校教育課長", "吉田隆")]


def test_minutes_with_no_layout_of_turns_are_indexed_without_speakers():
    doc = parse_text("qa.txt", "桜台市議会　文教厚生常任委員会　会議録（要旨）\n\n日　時　令和５年９月１５日（金）\n\n"
                     "議案第６２号　桜台市介護保険条例の一部を改正する条例について\n"
                     "　議案の内容について説明があった。\n（質疑）\n"
                     "問　所得の低い被保険者の保険料は、実際にいくら下がるのか。\n"
                     "答　年額で約１，５００円の引下げとなる。\n")
    assert doc.remarks and all(r.speaker is None for r in doc.remarks)
    assert [r.text[:2] for r in doc.remarks] == ["議案", "問　", "答　"]      # a question and its answer apart
    assert doc.remarks[-1].text == "答　年額で約１，５００円の引下げとなる。"
    assert doc.document.date == "2023-09-15" and doc.document.meeting == "桜台市議会 文教厚生常任委員会"


def test_a_web_page_is_read_from_its_main_part(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>会議録詳細 - 東山区議会会議録検索システム</title></head><body>"
            "<header><div class='logo'>東山区議会 会議録検索システム</div><ul><li>ホーム</li></ul></header><main>"
            "<div class='doc-title'>令和５年１２月　総務委員会</div><div>令和５年１２月７日</div>"
            "<p><span>○石川委員長</span>&emsp;ただいまから総務委員会を開会いたします。</p>"
            "<p><span>○大野委員</span>&emsp;何点か伺います。<br>改定率の上限の根拠を教えてください。</p>"
            "<p><span>○石川委員長</span>&emsp;これをもちまして総務委員会を閉会いたします。</p></main>"
            "<footer><p>このページの先頭へ</p><p>東山区議会事務局</p></footer></body></html>")
    path = tmp_path / "minutes.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path)
    assert doc.document.title == "東山区議会\u3000令和５年１２月　総務委員会"      # the assembly from <title>
    assert doc.document.meeting == "東山区議会 総務委員会"
    assert [r.speaker for r in doc.remarks] == ["石川委員長", "大野委員", "石川委員長"]
    assert doc.remarks[-1].text == "これをもちまして総務委員会を閉会いたします。"


def test_a_web_page_whose_heading_names_only_the_session_takes_the_body_from_its_title(tmp_path):
    page = ("<html><head><meta charset='utf-8'><title>令和５年第２回定例会（第２日）会議録　６月１３日 | 青葉市議会</title>"
            "</head><body><div id='main'><h1>令和５年第２回定例会（第２日）</h1><p>令和５年６月１３日（火曜日）</p><dl>"
            "<dt>○議長（山田太郎君）</dt><dd>ただいまから本日の会議を開きます。</dd>"
            "<dt>○市長（佐藤一郎君）</dt><dd>お答えいたします。</dd></dl></div></body></html>")
    path = tmp_path / "aoba.html"
    path.write_text(page, encoding="utf-8")
    doc = load_document(path).document
    assert doc.title == "青葉市議会\u3000令和５年第２回定例会（第２日）"
    assert (doc.meeting, doc.meeting_number) == ("青葉市議会", 2)


def test_meeting_name_leaves_out_the_month_session_and_the_kind_of_record():
    assert meeting_of("令和５年６月定例会　緑川県議会会議録　第３号") == ("緑川県議会", 3)
    assert meeting_of("桜台市議会　文教厚生常任委員会　会議録（要旨）") == ("桜台市議会 文教厚生常任委員会", None)


# ---------------------------------------------------------------- layouts of the second round (docs/archive.md)
def test_a_bracketed_word_in_the_roster_does_not_hide_labels_set_off_by_spaces():
    doc = parse_text("keikan.txt", "第３回青葉市景観審議会　会議録\n\n１　日　時　　令和５年１１月１４日（火）\n"
                     "３　出席者　　（委員）\n　　　　　　　宮本会長、松田委員\n　　　　　　　（事務局）\n"
                     "　　　　　　　都市計画課長　藤井\n\n６　会議内容\n\n"
                     "宮本会長　　　それでは、議事に入ります。事務局から説明をお願いします。\n\n"
                     "都市計画課長　資料１に基づき御説明いたします。\n"
                     "　　　　　　　今回の変更は、駅西口地区を景観重点地区に追加するものです。\n\n"
                     "松田委員　　　高さの最高限度を３１メートルとした根拠を教えてください。\n")
    assert turns(doc) == [("宮本会長", "会長"), ("都市計画課長", "課長"), ("松田委員", "委員")]
    assert doc.remarks[1].text.endswith("追加するものです。")


def test_a_committee_record_of_named_questions_and_answers():
    doc = parse_text("kousei.txt", "令和５年１２月　南川市議会　厚生常任委員会記録（要点筆記）\n\n"
                     "日　時　令和５年１２月１２日（火）\n出席委員　中川委員長、山口委員\n\n"
                     "■議案第８５号　南川市障害者福祉センター条例の一部を改正する条例について\n"
                     "（概要説明：福祉課長）\n　就労体験室を新設し、利用料を無料とするための改正である。\n＜質疑＞\n"
                     "問（山口委員）　就労体験室の定員は何人を想定しているのか。\n"
                     "答（福祉課長）　定員は１日当たり１０人を想定している。\n"
                     "反対討論（荒木委員）　利用料の無料化は受益者負担の原則に反する。\n"
                     "＜採決＞　挙手多数で原案可決すべきものと決定\n")
    assert doc.document.doc_type == "minutes"                       # 委員会記録 is a record of the meeting
    assert turns(doc) == [("福祉課長", "課長"), ("山口委員", "委員"), ("福祉課長", "課長"), ("荒木委員", "委員"),
                          (None, None)]
    assert doc.remarks[1].text == "就労体験室の定員は何人を想定しているのか。"          # no answer glued on
    assert doc.remarks[-1].text == "挙手多数で原案可決すべきものと決定"
    assert doc.remarks[0].section.startswith("議案第８５号")


def test_replies_under_a_members_points_are_the_answerers_turns():
    doc = parse_text("sougou.txt", "第２回　緑ヶ丘市総合計画審議会　会議概要\n\n■日時　　令和５年８月２２日（火）\n\n"
                     "（１）基本構想（骨子案）について\n　事務局から、資料１により説明があった。\n\n【主な意見・質疑】\n"
                     "●石田会長\n・率直な意見をいただきたい。\n●小川委員\n・推計は社会増を見込みすぎていないか。\n"
                     "　→（事務局）社会人口研究所の推計をベースにしたものである。\n●吉川委員\n・カタカナ語が多い。\n"
                     "　→（事務局）次回までに全体を見直す。\n　（委員了承）\n\n"
                     "（２）市民ワークショップの結果報告について\n　事務局から、資料２により報告があった。\n"
                     "●松井委員\n・若い世代の意見を施策につなげてほしい。\n")
    assert [s for s, _ in turns(doc)] == ["事務局", "石田会長", "小川委員", "事務局", "吉川委員", "事務局", "事務局",
                                         "松井委員"]
    assert doc.remarks[3].text == "社会人口研究所の推計をベースにしたものである。"
    assert not any("主な意見" in r.text or "委員了承" in r.text for r in doc.remarks)
    assert doc.remarks[6].section == "（２）市民ワークショップの結果報告について"


def test_a_label_in_tortoise_brackets_with_the_speech_on_the_same_line():
    doc = parse_text("zeicho.txt", "税制調査会（第２６回総会）議事録\n令和５年６月３０日\n\n〔中里会長〕\n"
                     "　ありがとうございます。続いて、吉村委員、どうぞ。\n"
                     "〔吉村委員〕　私からは資産課税について一点申し上げます。\n")
    assert turns(doc) == [("中里会長", "会長"), ("吉村委員", "委員")]


def test_a_town_record_keeps_the_words_after_a_time_note_and_reads_its_roll_of_members():
    doc = parse_text("town.txt", "令和元年第４回北山町議会定例会会議録（第２号）\n\n招集年月日　令和元年１２月１０日\n\n"
                     "応招議員\n　３番　田中　聡　　　５番　井上　幸子\n\n本日の会議に付した事件\n　日程第１　一般質問\n\n"
                     "議長（佐藤）\n　再開します。\n（午前１０時３２分）\n　５番、井上幸子議員。\n\n"
                     "５番（井上）\n　５番、井上です。子育て支援について質問します。\n\n議長（佐藤）\n　町長。\n\n"
                     "町長（山本）\n　お答えします。来年度から保育料を第二子まで無償とします。\n")
    assert turns(doc) == [("佐藤", "議長"), ("井上幸子", "議員"), ("佐藤", "議長"), ("山本", "町長")]   # 応招議員 is the roll
    assert doc.remarks[0].text == "再開します。\n５番、井上幸子議員。"


def test_a_triangle_heads_an_agenda_item_without_a_rule_above_it():
    doc = parse_text("pref.txt", "令和５年９月定例会（第４号）\n令和５年９月２７日\n"
                     "○議長（中村正男君）　ただいまから本日の会議を開きます。\n△日程第一　県政一般に対する質問\n"
                     "○議長（中村正男君）　日程第一、県政一般に対する質問を行います。\n")
    assert doc.remarks[0].text == "ただいまから本日の会議を開きます。"
    assert doc.remarks[1].section == "日程第一　県政一般に対する質問"


def test_a_web_page_without_main_leaves_out_the_chrome_of_divs_named_header_and_footer(tmp_path):
    page = tmp_path / "yosan.html"
    page.write_text("<html><head><meta charset='utf-8'><title>令和5年2月定例会 予算特別委員会（第3号） 本文 | 東浜県議会 "
                    "会議録検索システム</title></head><body><div id='header'><p class='site-name'>東浜県議会 会議録検索システム"
                    "</p></div><div id='contents'><h1>令和5年2月定例会 予算特別委員会（第3号） 本文</h1>"
                    "<p class='date'>2023年03月08日</p><p>○委員長（大川浩二君）&nbsp;ただいまから予算特別委員会を開会いたします。</p>"
                    "<p>◆小野寺誠委員&nbsp;物価高騰対策について知事に伺います。</p></div><div id='footer'>"
                    "<p>東浜県議会事務局 議事課</p><p>Copyright (C) Higashihama</p></div></body></html>", encoding="utf-8")
    doc = load_document(page)
    assert doc.document.title == "東浜県議会　令和5年2月定例会 予算特別委員会（第3号） 本文"
    assert (doc.document.meeting, doc.document.meeting_number) == ("東浜県議会 予算特別委員会", 3)
    assert doc.remarks[-1].text == "物価高騰対策について知事に伺います。"


def test_an_item_keeps_its_printed_heading_when_the_chair_reads_it_out():
    doc = parse_text("city.txt", "令和５年第３回若葉市議会定例会会議録（第４号）\n令和５年９月２７日\n"
                     "○議長（鈴木一郎君）　ただいまから本日の会議を開きます。\n──────────────\n"
                     "日程第2　議案第50号　若葉市手数料条例の一部を改正する条例の制定について\n"
                     "○議長（鈴木一郎君）　日程第2、議案第50号、若葉市手数料条例の一部を改正する条例の制定についてを議題といたします。\n"
                     "○市長（高橋修君）　手数料の額を見直すものであります。\n"
                     "○議長（鈴木一郎君）　日程第３、一般質問を行います。\n○１番（山田太郎君）　防災について伺います。\n")
    heading = "日程第2　議案第50号　若葉市手数料条例の一部を改正する条例の制定について"
    assert [r.section for r in doc.remarks] == [None, heading, heading, heading, "日程第３、一般質問"]


# ---------------------------------------------------------------- the third round
def test_front_matter_set_out_with_circles_is_no_turn_and_lettered_members_are_speakers():
    doc = parse_text("kentou.txt", "第３回　医療機関におけるサイバーセキュリティ対策検討会　議事録\n\n"
                     "○日時　令和５年７月２６日（水）１４：００～１６：００\n○場所　オンライン開催\n"
                     "○議題\n　１．チェックリストについて\n　２．初動対応について\n　３．その他\n\n"
                     "（事務局）　定刻になりましたので、ただいまから第３回検討会を開催いたします。\n"
                     "（座長）　それでは、議題１について事務局から説明をお願いします。\n"
                     "（構成員Ａ）　中小規模の病院では、専任の担当者を置くことが難しいのが実情です。\n"
                     "（構成員Ｇ）　診療継続の判断については、院長が決める手順を定めておくべきです。\n")
    assert turns(doc) == [("事務局", "事務局"), ("座長", "座長"), ("構成員Ａ", "構成員"), ("構成員Ｇ", "構成員")]
    assert doc.document.date == "2023-07-26" and doc.remarks[0].section is None    # 「３．その他」 is the list's


def test_a_tab_sets_a_label_off_from_its_speech():
    doc = parse_text("table.txt", "令和５年度第３回ひがし野市子ども・子育て会議　会議録\r\n開催日時　令和５年１０月１９日\r\n\r\n"
                     "発言者\t発言内容\r\n事務局（子育て支援課長）\t定刻になりましたので、ただいまから会議を開会いたします。\r\n"
                     "内田会長\tそれでは議事に入ります。事務局から説明をお願いします。\r\n"
                     "事務局（保育課長）\t資料１を御覧ください。保育の需要は５年後に約１割増える見込みです。\r\n"
                     "北川委員\t本市の出生数は減っていますが、需要が増える根拠は何でしょうか。\r\n")
    assert [s for s, _ in turns(doc)] == ["事務局（子育て支援課長）", "内田会長", "事務局（保育課長）", "北川委員"]


def test_a_page_header_printed_below_the_page_number_is_taken_out_of_the_speech():
    page = "－ {} －\n令和５年９月定例会　農林水産常任委員会記録\n"
    doc = parse_text("pdf.txt", "令和５年９月定例会\n農林水産常任委員会記録\n令和５年９月２６日（火）\n\n"
                     "○委員長（中島健一君）　ただいまから委員会を開会いたします。\n"
                     "○石原委員　米価の下落で離農が増えています。収入保\n" + page.format(1) +
                     "険や共済の対象とならない農家への支援策を検討していた\n" + page.format(2) +
                     "だきたい。\n○農政課長（松井浩二君）　支援策を検討いたします。\n")
    assert doc.remarks[1].text == "米価の下落で離農が増えています。収入保険や共済の対象とならない農家への支援策を検討していただきたい。"


def test_a_seat_name_printed_with_kun_is_the_name_without_it():
    doc = parse_text("zenkyo.txt", "川北町議会全員協議会記録\n令和６年１月２３日\n出席議員\n"
                     "　　　１番　小松　恵子君　　２番　石橋　　亮君　　３番　野口　達也君\n\n"
                     "○議長（山田太郎君）　ただいまから全員協議会を開会いたします。\n"
                     "○３番（野口）　事業費について伺います。総額はいくらになりますか。\n"
                     "○町長（佐藤一郎君）　総額は約４２億円を見込んでおります。\n")
    assert [r.speaker for r in doc.remarks] == ["山田太郎", "野口達也", "佐藤一郎"]


def test_a_summary_of_general_questions_in_question_and_answer_blocks():
    doc = parse_text("ippan.txt", "令和５年第４回みなと市議会定例会　一般質問（要旨）\n令和５年１２月６日（水）\n\n"
                     "■一般質問　１人目\n◇質問者　７番　長谷川　葵　議員（一問一答方式）\n\n１．介護人材の確保について\n\n"
                     "【質問】\n　介護人材の不足の現状を市としてどう認識しているのか伺う。\n"
                     "【答弁】　市長\n　大変深刻な課題と認識している。\n【再質問】\n　追跡調査はしているのか。\n"
                     "【答弁】　健康福祉部長\n　支給後２年間の就労状況を確認している。\n【要望】　柔軟に延長できるようにしてほしい。\n\n"
                     "■一般質問　２人目\n◇質問者　１２番　大森　健太郎　議員（一括質問一括答弁方式）\n\n"
                     "１．中心市街地の活性化について\n\n【質問】\n　家賃補助の実績を伺う。\n【答弁】　産業振興部長\n"
                     "　令和４年度に８件の創業を支援した。\n")
    assert doc.document.doc_type == "minutes"
    assert [s for s, _ in turns(doc)] == ["長谷川葵議員", "市長", "長谷川葵議員", "健康福祉部長", "長谷川葵議員",
                                         "大森健太郎議員", "産業振興部長"]
    assert doc.remarks[4].text == "柔軟に延長できるようにしてほしい。"            # not the next member's heading
    assert doc.remarks[0].section == "１．介護人材の確保について"


def test_a_roster_line_marked_like_a_turn_before_the_first_turn_is_front_matter():
    doc = parse_text("soumu.txt", "桜川市議会総務常任委員会会議録\n令和５年１２月１１日\n"
                     "○説明員　総務部長　清水　隆、財政課長　田村　恵、情報政策課長　林　大輔、防災課長　吉岡　亮\n"
                     "○委員長　ただいまから総務常任委員会を開会いたします。\n"
                     "○総務部長　議案第８１号について御説明いたします。人事院勧告に準じて給与を改定するものです。\n")
    assert [r.section for r in doc.remarks] == [None, None]
    assert [r.speaker for r in doc.remarks] == ["委員長", "総務部長"]


# ---------------------------------------------------------------- the fourth round
def test_a_name_and_a_post_set_apart_by_a_plain_space_are_one_label():
    doc = parse_text("kusano.txt", "草野市議会 −06月12日-03号\n令和６年６月１２日（水曜日）\n\n"
                     "○白井孝雄 議長　ただいまから本日の会議を開きます。日程第１、一般質問を行います。\n"
                     "○石田ゆかり 議員　子育て支援について伺います。待機児童の現状はいかがでしょうか。\n"
                     "◎坂上 総合政策部長　お答えいたします。本年４月の待機児童は３人であります。\n"
                     "○石田ゆかり 議員　ありがとうございました。\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [("白井孝雄", "議長"), ("石田ゆかり", "議員"),
                                                         ("坂上", "部長"), ("石田ゆかり", "議員")]
    assert doc.remarks[2].text == "お答えいたします。本年４月の待機児童は３人であります。"
    assert (doc.document.meeting, doc.document.meeting_number) == ("草野市議会", 3)


def test_a_label_set_off_by_a_plain_space_ends_at_the_blank():
    doc = parse_text("kokkai.txt", "第２１３回国会　衆議院　厚生労働委員会　第５号\n令和６年３月２２日（金曜日）\n\n"
                     "○新谷委員長　これより会議を開きます。質疑の申出がありますので、順次これを許します。吉田統彦君。\n"
                     "○吉田（統）委員 立憲民主党の吉田統彦でございます。医師の働き方改革について伺います。\n"
                     "○武見国務大臣 お答えいたします。地域の医療提供体制を確保しながら進めてまいります。\n")
    assert [r.speaker for r in doc.remarks] == ["新谷委員長", "吉田（統）委員", "武見国務大臣"]
    assert doc.remarks[1].text.startswith("立憲民主党の吉田統彦でございます。")


def test_meeting_names_leave_out_bracketed_dates_and_the_sitting_of_a_file_name():
    assert meeting_of("品川区議会　文教委員会（６月６日）") == ("品川区議会 文教委員会", None)
    assert meeting_of("市民生活委員会(令和6年1月25日開催)") == ("市民生活委員会", None)
    assert meeting_of("総務常任委員会　令和５年６月８日（木）") == ("総務常任委員会", None)
    assert meeting_of("令和5年 議会運営委員会−11月13日-01号") == ("議会運営委員会", 1)
    assert meeting_of("2023年11月15日　第５回在宅医療及び医療・介護連携に関するワーキンググループ　議事録") == (
        "在宅医療及び医療・介護連携に関するワーキンググループ", 5)


def test_a_document_read_aloud_under_numbered_headings_stays_the_readers():
    doc = parse_text("kankyo.txt", "令和５年度　第２回　みなと市環境審議会　会議録\n\n日時：令和５年１０月５日（木）午後２時から\n\n"
                     "○会長　ただいまから第２回環境審議会を開会いたします。\n"
                     "○環境政策課長　それでは、答申案を読み上げます。\n１．基本的な考え方\n"
                     "　市は、２０５０年までに温室効果ガスの排出を実質ゼロとすることを目指す。\n２．重点施策\n"
                     "（１）再生可能エネルギーの導入拡大\n　公共施設の屋根への太陽光発電設備の設置を進める。\n"
                     "（２）省エネルギーの推進\n　住宅の断熱改修への補助を拡充する。\n以上でございます。\n"
                     "○山本委員　太陽光発電の設置目標を数値で示すべきだと思います。\n")
    read = [r for r in doc.remarks if r.speaker == "環境政策課長"]
    words = "\n".join(r.text for r in read)
    for sentence in ("実質ゼロとすることを目指す。", "設置を進める。", "（２）省エネルギーの推進", "補助を拡充する。", "以上でございます。"):
        assert sentence in words                     # before, everything after 「１．基本的な考え方」 was lost
    assert [r.section for r in read] == [None, "１．基本的な考え方", "２．重点施策 （１）再生可能エネルギーの導入拡大"]
    assert [r.speaker for r in doc.remarks] == ["会長"] + ["環境政策課長"] * 3 + ["山本委員"]


def test_a_document_printed_after_a_rule_is_no_ones_speech_and_is_kept():
    doc = parse_text("giun.txt", "第２１５回国会　衆議院　議院運営委員会　第３号\n令和６年１１月１４日（木曜日）\n\n"
                     "○浜田委員長　各委員会の委員派遣の基準については、お手元の印刷物のとおりといたします。\n"
                     "　　　　―――――――――――――\n　　　委員派遣の基準（案）\n"
                     "　一、委員派遣については、特別の場合を除き、旅費額の範囲内とする。\n"
                     "　　　　―――――――――――――\n○浜田委員長　次に、小委員会の存置についてお諮りいたします。\n")
    assert [(r.speaker, r.section, r.text) for r in doc.remarks] == [
        ("浜田委員長", None, "各委員会の委員派遣の基準については、お手元の印刷物のとおりといたします。"),
        (None, "委員派遣の基準（案）", "一、委員派遣については、特別の場合を除き、旅費額の範囲内とする。"),   # kept, no one's
        ("浜田委員長", "委員派遣の基準（案）", "次に、小委員会の存置についてお諮りいたします。")]


def test_the_closing_time_and_the_signatures_are_no_part_of_the_last_speech():
    for closing in ("　　　　散会　午後３時４５分", "（散会）", "　　　　閉会", ""):
        doc = parse_text("machi.txt", "令和５年第３回みどり町議会定例会会議録（第３号）\n令和５年９月１５日\n"
                         "○議長（山田太郎君）　ただいまから本日の会議を開きます。\n"
                         "○３番（鈴木花子君）　防災について伺います。備蓄の状況はいかがでしょうか。\n"
                         "○議長（山田太郎君）　本日はこれにて散会いたします。\n" + closing + "\n\n"
                         "　地方自治法第１２３条第２項の規定により署名する。\n\n　　　　議　長　　山田　太郎\n\n"
                         "　　　　署名議員　鈴木　花子\n")
        assert doc.remarks[-1].text == "本日はこれにて散会いたします。", closing


def test_a_summary_record_in_the_plain_style_marks_the_chairs_procedure():
    doc = parse_text("funabashi.txt", "議会運営委員会　会議録（要点筆記）\n令和５年１１月１３日\n\n"
                     "○委員長　委員会を開会する。\n○委員長　議案第１号について質疑はあるか。\n"
                     "○鈴木委員　事業費の積算根拠が示されていない。資料を提出されたい。\n"
                     "○委員長　ほかに質疑はないか。\n○委員長　採決する。\n")
    assert [r.procedural for r in doc.remarks] == [True, True, False, True, True]


def test_colon_labels_with_the_name_in_half_width_brackets_and_notes_alone_on_a_line():
    doc = parse_text("soumu.txt", "総務常任委員会記録\n令和５年６月８日(木)\n\n"
                     "委員長(相川君):ただいまから委員会を開会いたします。\n(異議なし)\n"
                     "石黒君:財政調整基金の残高について伺います。今後の見通しはいかがでしょうか。\n"
                     "財政課長(森君):お答えします。年度末には約３０億円となる見込みです。\n"
                     "委員長(相川君):以上で本日の委員会を閉会いたします。\n(14:00)\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [("相川", "委員長"), ("石黒", "議員"), ("森", "課長"),
                                                         ("相川", "委員長")]
    assert doc.remarks[0].label == "委員長(相川君)"
    assert [r.text for r in doc.remarks[::3]] == ["ただいまから委員会を開会いたします。", "以上で本日の委員会を閉会いたします。"]
    assert doc.document.meeting == "総務常任委員会"


def test_points_that_name_their_speaker_after_them():
    doc = parse_text("meti.txt", "第３回　デジタル人材育成検討会　議事要旨\n\n日時：令和５年７月１０日（月）１０：００～１２：００\n"
                     "出席者：木下委員、ガルシア委員、田村座長\n\n■議事概要：\n【委員からの主な意見】\n"
                     "・地方の中小企業ではデジタル人材の確保が難しく、リスキリングへの支援を拡充すべき。（木下委員）\n"
                     "Q：育成した人材の地域への定着をどう図るのか。（ガルシア委員）\n"
                     "A：地域の企業とのマッチングを支援していく。（事務局）\n"
                     "・資格の取得を人事評価に反映する仕組みを検討する際には、\n"
                     "　中小企業の負担にも配慮してほしい。（木下委員）\n\n以上\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("木下委員", "地方の中小企業ではデジタル人材の確保が難しく、リスキリングへの支援を拡充すべき。"),
        ("ガルシア委員", "育成した人材の地域への定着をどう図るのか。"),
        ("事務局", "地域の企業とのマッチングを支援していく。"),
        ("木下委員", "資格の取得を人事評価に反映する仕組みを検討する際には、中小企業の負担にも配慮してほしい。")]
    assert doc.document.date == "2023-07-10"
    after = parse_text("butsuryu.txt", "第２回　物流政策懇談会　議事要旨\n令和６年２月５日\n\n【主な意見】\n"
                       "事務局から資料に基づき説明があった。\n・輸送力が不足するおそれがあるため、\n"
                       "　荷主の協力を得て、荷待ち時間を削減すべき。（佐藤委員）\n")
    assert [(r.speaker, r.text) for r in after.remarks] == [       # the narration before the point stays 事務局's
        ("事務局", "事務局から資料に基づき説明があった。"),
        ("佐藤委員", "輸送力が不足するおそれがあるため、荷主の協力を得て、荷待ち時間を削減すべき。")]


def test_a_roster_after_the_last_speech_is_no_turn():
    doc = parse_text("giun.txt", "議会運営委員会−11月13日-01号\n令和５年１１月１３日（月）\n△開会\n"
                     "○委員長　ただいまから議会運営委員会を開会する。\n△令和５年第４回定例会の運営について\n"
                     "　議会事務局長から、会期日程案について説明があった。\n"
                     "○鈴木委員　一般質問の日数は５日で足りるのか。\n○議会事務局長　前回の通告者数から見て足りると考える。\n"
                     "○委員長　以上で委員会を閉会する。\n[出席者]\n ◎委員長\n  佐々木克也\n ○副委員長\n  田中一郎\n")
    assert [r.speaker for r in doc.remarks] == ["委員長", "議会事務局長", "鈴木委員", "議会事務局長", "委員長"]
    assert doc.remarks[-1].text == "以上で委員会を閉会する。"
    assert doc.remarks[1].section == "令和５年第４回定例会の運営について"


def test_a_heading_wrapped_onto_the_next_line_and_an_item_taken_up_as_this_one():
    doc = parse_text("bunkyo.txt", "令和５年　文教委員会会議録\n令和５年６月６日\n"
                     "○委員長（山田太郎君）　ただいまから委員会を開会いたします。\n────────────\n"
                     "(1) 第４５号議案　みなと区立学校設置条例の一部\nを改正する条例について\n"
                     "○委員長（山田太郎君）　本件を議題といたします。説明願います。\n"
                     "○教育課長（佐藤一郎君）　学校の統合に伴い、条例を改正するものです。\n")
    item = "(1) 第４５号議案　みなと区立学校設置条例の一部を改正する条例について"
    assert [r.section for r in doc.remarks] == [None, item, item]       # not 「本件」


def test_a_table_of_speakers_and_speeches_drawn_with_bars():
    for row in ("| {} | {} |", "│{}│{}│"):
        rows = [("事務局（交通政策課長）", "定刻になりましたので、ただいまから会議を開会いたします。"),
                ("内田会長", "それでは議事に入ります。事務局から説明をお願いします。"),
                ("北川委員", "高齢者の利用が増えていますが、停留所の増設は検討していますか。")]
        doc = parse_text("kotsu.txt", "令和５年度第２回ひがし野市地域公共交通会議　会議録\n開催日時　令和５年１０月１９日\n\n"
                         + row.format("発言者", "発言内容") + "\n|---|---|\n"
                         + "\n".join(row.format(*r) for r in rows) + "\n")
        assert [(r.speaker, r.text) for r in doc.remarks] == rows, row
        assert doc.document.text[doc.remarks[1].start:].startswith("内田会長")


def test_a_web_pages_jump_links_are_no_part_of_its_title_or_speech(tmp_path):
    path = tmp_path / "kyoiku.html"
    path.write_text("<html><head><meta charset='utf-8'><title>令和５年第２回教育委員会定例会会議録 | みなと市</title></head><body>"
                    "<p><a href='#main'>ページの先頭です</a></p><p><a href='#main'>本文へスキップ</a></p>"
                    "<h1>令和５年第２回教育委員会定例会会議録</h1><p>開催日時　令和５年５月２２日（月曜日）午後２時</p>"
                    "<p>教育長　ただいまから令和５年第２回教育委員会定例会を開会します。</p>"
                    "<p>学校教育課長　議案第５号について御説明します。就学援助の基準を見直すものです。</p>"
                    "<p>佐藤委員　所得基準の引上げで、対象者はどの程度増えますか。</p>"
                    "<p>学校教育課長　約２００人増える見込みです。</p><p><a href='#top'>このページの先頭へ</a></p></body></html>",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.document.title == "令和５年第２回教育委員会定例会会議録"
    assert [r.speaker for r in doc.remarks] == ["教育長", "学校教育課長", "佐藤委員", "学校教育課長"]
    assert doc.remarks[-1].text == "約２００人増える見込みです。"


def test_members_named_in_latin_letters_and_posts_of_staff_below_the_section_chiefs():
    doc = parse_text("yushiki.txt", "高度外国人材の受入れ・定着に関する有識者会議（第３回）議事録\n令和６年２月１４日\n\n"
                     "○上原参事官　ただいまから第３回会合を開催いたします。\n"
                     "○三好座長　まず、Carter構成員からお願いいたします。\n"
                     "○Emily Carter構成員　配偶者の就労制限をさらに緩和することを提案いたします。\n"
                     "○Rajesh Kumar構成員 Thank you. The Japanese language requirement is a major barrier.\n"
                     "○藤井企画官　関係省庁と連携して対応を検討してまいります。\n"
                     "○山口課長補佐　資料２の補足をいたします。\n○石井係長　申請件数は前年の１．５倍です。\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("上原参事官", "参事官"), ("三好座長", "座長"), ("Emily Carter構成員", "構成員"), ("Rajesh Kumar構成員", "構成員"),
        ("藤井企画官", "企画官"), ("山口課長補佐", "課長補佐"), ("石井係長", "係長")]
    assert doc.remarks[3].text.startswith("Thank you.")


def test_labels_spaced_out_to_a_column_with_the_speech_beside_them():
    doc = parse_text("nougyou.txt", "令和５年第１１回東野町農業委員会総会議事録\n令和５年１１月１０日\n\n"
                     "議　　長　　ただいまから令和５年第１１回東野町農業委員会総会を開会します。\n"
                     "　　　　　　本日の出席委員は１２名で、定足数に達しております。\n"
                     "事務局長　　議案第４８号について説明します。権利の種類は所有権移転であります。\n"
                     "７　　番　　７番、小野寺です。１１月６日に事務局と現地を確認しました。\n"
                     "議　　長　　質疑はありませんか。\n　　　　　　（「なし」の声あり）\n議　　長　　主査。\n"
                     "主　　査　　申請者の親族が所有する土地であることを確認しております。\n\n"
                     "　上記会議の顛末を記載し、その相違ないことを証するため、ここに署名する。\n　　議　　長　　髙橋　義男\n")
    assert [r.speaker for r in doc.remarks] == ["議長", "事務局長", "７番", "議長", "議長", "主査"]   # 「主査。」 too
    assert doc.remarks[0].text == "ただいまから令和５年第１１回東野町農業委員会総会を開会します。\n本日の出席委員は１２名で、定足数に達しております。"
    assert doc.remarks[-1].text == "申請者の親族が所有する土地であることを確認しております。"


def test_labels_alone_over_their_speech_ending_in_a_colon_between_ruled_headings():
    rule = "―" * 30
    doc = parse_text("hearing.txt", "青葉市公共交通網形成計画（素案）に関する公開ヒアリング　記録\n\n開催日：令和５年８月２９日（火）\n\n"
                     f"{rule}\n１．開会・趣旨説明\n{rule}\n\n司会（交通政策課　村井）：\n"
                     "　定刻となりましたので、ただいまから公開ヒアリングを開催いたします。\n\n交通政策課長（小松）：\n"
                     "　素案では、幹線バスとデマンド交通を組み合わせた体系への再編を提案しております。\n\n"
                     f"{rule}\n２．意見陳述\n{rule}\n\n司会（交通政策課　村井）：\n　意見陳述人１番の方、お願いいたします。\n\n"
                     "意見陳述人１（北部地区・70代男性）：\n　（聴取不能）…予約なしで乗れる便を残していただきたい。\n\n"
                     "司会（交通政策課　村井）：\n　以上をもちまして、本日の公開ヒアリングを終了いたします。\n\n"
                     "※本記録は、発言の趣旨を損なわない範囲で、事務局において要約・整理したものです。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("司会（交通政策課　村井）", "１．開会・趣旨説明"), ("小松", "１．開会・趣旨説明"),
        ("司会（交通政策課　村井）", "２．意見陳述"), ("意見陳述人１（北部地区・70代男性）", "２．意見陳述"),
        ("司会（交通政策課　村井）", "２．意見陳述")]
    assert doc.remarks[3].role == "陳述人" and not doc.remarks[3].procedural
    assert (doc.remarks[1].role, doc.remarks[1].label) == ("課長", "交通政策課長（小松）")     # the person, as printed
    assert doc.remarks[-1].text == "以上をもちまして、本日の公開ヒアリングを終了いたします。"


def test_a_summary_whose_key_names_the_speaker_of_each_mark():
    doc = parse_text("chukyoshin.txt", "中央教育審議会　大学分科会　大学院部会（第１１８回）議事要旨\n\n１．日時\n令和６年１月２５日（木曜日）\n\n"
                     "５．議事要旨\n（１）博士人材の活躍促進について\n（○：委員、△：部会長、●：事務局）\n\n"
                     "○　博士課程修了者の処遇には、依然として修士課程修了者と差がある。\n"
                     "●　令和５年度において、生活費相当額の支援を受けている学生は約２割である。\n"
                     "△　次回、事務局において論点を整理していただきたい。\n●　承知した。\n\n―　了　―\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("委員", "博士課程修了者の処遇には、依然として修士課程修了者と差がある。"),
        ("事務局", "令和５年度において、生活費相当額の支援を受けている学生は約２割である。"),
        ("部会長", "次回、事務局において論点を整理していただきたい。"), ("事務局", "承知した。")]
    assert {r.section for r in doc.remarks} == {"（１）博士人材の活躍促進について"}


def test_a_summary_with_bracketed_groups_over_bullets_and_items_in_lenticular_brackets():
    doc = parse_text("kisei.txt", "規制改革推進会議　地域産業活性化ワーキング・グループ（第７回）\n議事概要\n\n"
                     "１．日時：令和６年３月５日（火）１０：００～１１：３０\n３．出席者：\n"
                     "（委員）　落合座長、工藤座長代理、三宅専門委員\n（事務局）　内閣府規制改革推進室　長谷川参事官\n\n"
                     "【議題１】農業用ドローンの飛行に係る規制の見直しについて\n\n（ヒアリング対象者）\n"
                     "・中山間地の圃場では補助者の確保が困難である。\n\n（委員）\n・諸外国の規制の状況はどうなっているか。\n\n"
                     "【議題２】スマート農業技術の実証結果の共有について\n\n（三宅専門委員）\n"
                     "・データの所有権と利用条件について、契約のひな型を示すべき。\n")
    item1 = "【議題１】農業用ドローンの飛行に係る規制の見直しについて"
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("ヒアリング対象者", item1), ("委員", item1), ("三宅専門委員", "【議題２】スマート農業技術の実証結果の共有について")]
    assert doc.document.date == "2024-03-05"


def test_numbered_front_matter_of_an_education_board_with_labels_alone_over_the_speech():
    doc = parse_text("kyoiku.txt", "令和５年第１０回青葉市教育委員会定例会会議録\n\n"
                     "１　開会日時　　令和５年１０月２６日（木）午後２時００分\n４　出席委員　　教育長　三浦　和彦\n"
                     "　　　　　　　　委員　　坂口　隆之\n５　説明のため出席した職員\n　　　　　　　　学校教育課長　　　藤本　綾\n"
                     "６　会議録署名委員　　坂口委員\n８　議事日程\n　　日程第１　会議録署名委員の指名\n\n９　会議の経過\n\n"
                     "【教育長】\n　ただいまから、令和５年第１０回青葉市教育委員会定例会を開会いたします。\n\n"
                     "【野村教育長職務代理者】\n　中学校数学の課題について、具体的な分析はありますか。\n\n"
                     "【学校教育課長】\n　図形と関数の領域で正答率が低い傾向が見られます。\n")
    assert [r.speaker for r in doc.remarks] == ["教育長", "野村教育長職務代理者", "学校教育課長"]
    assert doc.document.date == "2023-10-26" and doc.remarks[0].section is None


def test_a_web_page_of_speakers_in_a_definition_list_with_ruby_tables_and_contacts(tmp_path):
    path = tmp_path / "danjo.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>男女共同参画審議会 会議録 - みなと市ホームページ</title></head><body>"
        "<div id='tmp_header'><p>みなと市</p><ul class='gnav'><li>くらし</li></ul></div><div id='tmp_contents'>"
        "<h1>令和5年度第2回 みなと市男女共同参画審議会 会議録</h1><table>"
        "<tr><th>開催日時</th><td>令和5年11月28日（火曜日）午後2時から</td></tr>"
        "<tr><th>出席委員</th><td>奥村会長、<ruby>丹生<rt>にゅう</rt></ruby>委員</td></tr>"
        "<tr><th>事務局</th><td>市民協働課長、男女共同参画係長</td></tr></table>"
        "<h2>議事</h2><h3>（1）プランの進捗状況について</h3><dl>"
        "<dt>奥村会長</dt><dd><p>それでは議事に入ります。</p></dd>"
        "<dt><ruby>丹生<rt>にゅう</rt></ruby>委員</dt><dd><p>女性委員の割合が伸びない理由を、<span>どのように</span>分析していますか。</p></dd>"
        "<dt>男女共同参画係長</dt><dd><p>充て職の委員が多いことが主な理由と考えています。</p></dd></dl>"
        "<div class='contact'><h2>このページに関するお問い合わせ</h2><p>電話：045-000-1234</p></div></div>"
        "<div id='tmp_footer'><p>Copyright © Minato City.</p></div></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("奥村会長", "（1）プランの進捗状況について"), ("丹生委員", "（1）プランの進捗状況について"),
        ("男女共同参画係長", "（1）プランの進捗状況について")]
    assert doc.remarks[1].text == "女性委員の割合が伸びない理由を、どのように分析していますか。"
    assert doc.remarks[-1].text == "充て職の委員が多いことが主な理由と考えています。"
    assert (doc.document.meeting, doc.document.date) == ("みなと市男女共同参画審議会", "2023-11-28")


def test_a_pdfs_furigana_over_a_turn_is_no_part_of_the_speech_before_it():
    doc = parse_text("town.txt", "令和５年第４回東野町議会定例会会議録（第２号）\n令和５年１２月７日\n"
                     "○議長（木村　武君）　休憩前に引き続き会議を開きます。\n　３番、榊真司君の一般質問を許します。\n"
                     "　　　さかき\n○３番（榊　真司君）　３番、榊です。町道の維持管理について質問します。\n")
    assert doc.remarks[0].text == "休憩前に引き続き会議を開きます。\n３番、榊真司君の一般質問を許します。"
    assert doc.remarks[0].procedural and doc.remarks[1].speaker == "榊真司"


def test_labels_set_off_by_plain_spaces_as_a_pdfs_table_or_a_pre_block_gives_them():
    doc = parse_text("pdf.txt", "令和５年度第３回ひのき市子ども・子育て会議　議事録\n令和５年１１月２１日\n\n"
                     "安藤会長 それでは、議事に入ります。事務局から説明をお願いします。\n"
                     "こども政策課長 資料１を御覧ください。骨子案の基本理念をお示ししております。\n"
                     "村瀬委員 放課後児童クラブの待機児童も増えています。余裕教室の活用を進めてください。\n"
                     "総務課長（坂東亮君）  空き家バンクの登録は現在１４件で、うち６件が\n成約しております。\n")
    assert [r.speaker for r in doc.remarks] == ["安藤会長", "こども政策課長", "村瀬委員", "坂東亮"]
    assert doc.remarks[-1].text == "空き家バンクの登録は現在１４件で、うち６件が成約しております。"


def test_a_web_pages_table_of_kind_speaker_and_speech_in_a_record_of_points(tmp_path):
    rows = [("質疑", "福田委員", "第１号被保険者の保険料基準額は月額いくらになる見込みか。"),
            ("答弁", "高齢介護課長", "月額６，２８０円で、第８期から３２０円の増額となる見込みである。"),
            ("意見", "堀江委員", "保険料の引上げについては、市民への丁寧な説明を求める。")]
    path = tmp_path / "kousei.html"
    path.write_text("<html><head><meta charset='utf-8'><title>厚生常任委員会 要点記録</title></head><body><main>"
                    "<h1>令和６年１月２２日　若松台市議会　厚生常任委員会　要点記録</h1>"
                    "<table><tr><th>日時</th><td>令和６年１月２２日（月曜日）午後１時３０分</td></tr></table>"
                    "<h2>１　第９期介護保険事業計画（案）について</h2><table><tr><th>区分</th><th>発言者</th><th>内容</th></tr>"
                    + "".join(f"<tr><td>{k}</td><td>{s}</td><td>{t}</td></tr>" for k, s, t in rows)
                    + "</table></main></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert doc.document.doc_type == "minutes" and doc.document.meeting == "若松台市議会 厚生常任委員会"
    assert [(r.speaker, r.text) for r in doc.remarks] == [(s, t) for _, s, t in rows]
    assert {r.section for r in doc.remarks} == {"１　第９期介護保険事業計画（案）について"}


def test_a_web_pages_side_menu_breadcrumbs_update_date_and_bold_headings_inside_its_main_part(tmp_path):
    path = tmp_path / "kentoukai.html"
    path.write_text("<html><head><meta charset='utf-8'><title>第５回 地域交通の再構築に関する検討会 議事要旨</title></head><body>"
                    "<div id='contents'><ol class='topicpath'><li>ホーム</li><li>審議会</li></ol>"
                    "<div class='side-menu'><p>会議録</p><p>委員会</p></div>"
                    "<p class='update'>更新日：令和６年３月１日</p>"
                    "<h1>第５回 地域交通の再構築に関する検討会 議事要旨</h1><p>日時：令和６年２月１９日（月）</p>"
                    "<p><strong>（１）ローカル鉄道の再構築について</strong></p>"
                    "<p>（大森委員）沿線自治体の財政負担の見通しを早期に示すべき。</p>"
                    "<p>（事務局）社会資本整備総合交付金の活用が可能であり、周知に努めたい。</p>"
                    "<p><b>（２）地域の移動手段の確保について</b></p>"
                    "<p>（吉澤委員）自家用有償旅客運送の担い手の確保策が必要である。</p>"
                    "<div class='contactArea'><p>お問合せ先：総合政策局</p></div>"
                    "<div class='voice-nav'><a href='?p=1'>前の発言</a>｜<a href='?p=3'>次の発言</a></div></div>"
                    "</body></html>", encoding="utf-8")
    doc = load_document(path)
    assert (doc.document.title, doc.document.date) == ("第５回 地域交通の再構築に関する検討会 議事要旨", "2024-02-19")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("大森委員", "（１）ローカル鉄道の再構築について"), ("事務局", "（１）ローカル鉄道の再構築について"),
        ("吉澤委員", "（２）地域の移動手段の確保について")]
    assert doc.remarks[-1].text == "自家用有償旅客運送の担い手の確保策が必要である。"
    assert meeting_of("ひばりが丘市議会 会議録検索システム") == ("ひばりが丘市議会", None)


def test_a_web_pages_table_whose_label_cell_breaks_a_line_and_whose_speech_cell_holds_paragraphs(tmp_path):
    path = tmp_path / "kensetsu.html"
    path.write_text("<html><head><meta charset='utf-8'><title>建設水道委員会 会議録</title></head><body><main>"
                    "<h1>あおば台市議会　建設水道委員会　会議録</h1><p>令和６年２月２６日（月）</p><table>"
                    "<tr><td>委員長<br>（北村）</td><td><p>ただいまから建設水道委員会を開会いたします。</p>"
                    "<p>議案第１８号を議題とします。</p></td></tr>"
                    "<tr><td>下水道課長</td><td><p>本案は、下水道使用料を改定するものです。</p></td></tr>"
                    "<tr><td>奥田委員</td><td><p>改定率の根拠を伺います。</p></td></tr>"
                    "<tr><td>委員長<br>（北村）</td><td><p>ほかに質疑はありませんか。</p></td></tr></table></main></body></html>",
                    encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.role) for r in doc.remarks] == [("北村", "委員長"), ("下水道課長", "課長"), ("奥田委員", "委員"),
                                                         ("北村", "委員長")]
    assert doc.remarks[0].paragraphs == ["ただいまから建設水道委員会を開会いたします。", "議案第１８号を議題とします。"]


def test_labels_closed_by_a_half_width_bracket_with_no_blank_and_the_sittings_number_under_the_title():
    doc = parse_text("mura.txt", "令和5年第4回こだま村議会定例会会議録\n(第2号)\n令和5年12月12日(火曜日)\n"
                     "議長(田中)ただいまから本日の会議を開きます。\n 日程第1、一般質問を行います。3番、佐藤信也議員。\n"
                     "3番(佐藤)3番、佐藤です。村営バスのダイヤを診療所の受付時間に合わせて見直すべ\n"
                     "きと考えますが、村長の考えを伺います。\n議長(田中)村長。\n"
                     "村長(中島)佐藤議員の御質問にお答えします。来年4月の改正に向けて検討いたします。\n"
                     "議長(田中)3番、佐藤信也議員。\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [("田中", "議長"), ("佐藤", "議員"), ("田中", "議長"),
                                                         ("中島", "村長"), ("田中", "議長")]
    assert doc.remarks[1].text == "3番、佐藤です。村営バスのダイヤを診療所の受付時間に合わせて見直すべきと考えますが、村長の考えを伺います。"
    assert [r.procedural for r in doc.remarks] == [True, False, True, False, True]
    assert (doc.document.meeting, doc.document.meeting_number) == ("こだま村議会", 2)
    cut = parse_text("cut.txt", "青葉市議会　健康福祉常任委員会記録\n令和６年９月１０日（火）\n"
                     "○委員長(山田太郎)　ただいまから健康福祉常任委員会を開会いたします。\n"
                     "○宮内委員長)　ほかに質疑はありませんか。\n○中村)　軽減は引き続き適用いたします。\n")
    assert [(r.speaker, r.role) for r in cut.remarks] == [("山田太郎", "委員長"), ("宮内委員長", "委員長"), ("中村", None)]


def test_an_item_the_chair_takes_up_across_a_wrapped_line_and_the_close_of_the_agenda_is_no_section():
    doc = parse_text("ken.txt", "総務企画委員会記録\n令和５年１０月２日（月）\n議事次第\n１．開会\n２．議事\n３．閉会\n\n"
                     "○委員長（大川浩二君）　ただいまから総務企画委員会を開会いたします。議案第１０３号を議題といたしま\n"
                     "す。当局の説明を求めます。\n○総務部長（片山直人君）　県税条例の一部を改正するものであります。\n")
    assert [r.section for r in doc.remarks] == [None, "議案第１０３号"]


def test_a_chair_passing_the_floor_in_a_ministry_council_is_procedure():
    doc = parse_text("cao.txt", "こども・若者の居場所づくりに関する検討会（第５回）議事録\n令和５年１１月２０日\n\n"
                     "○山本座長　それでは、早速議事に入ります。まず議事（１）につきまして、事務局から説明をお願いします。\n"
                     "○杉浦企画官　資料１に基づきまして、調査の結果を御説明いたします。居場所が「ある」と答えた子供は６割でした。\n"
                     "○山本座長　ありがとうございました。それでは、御質問、御意見をお願いいたします。石田委員、お願いします。\n"
                     "○石田委員　居場所が「ない」と答えた子供の属性を詳しく分析すべきではないでしょうか。\n"
                     "○山本座長　続きまして、議事（２）に移りたいと思います。\n○山本座長　以上で本日の検討会を終了いたします。\n")
    assert [r.procedural for r in doc.remarks] == [True, False, True, False, True, True]


def test_an_officials_own_headings_head_only_the_explanation_and_a_chairs_head_the_next_item():
    doc = parse_text("soumu.txt", "地方公務員の多様な働き方に関する研究会（第３回）議事録\n令和６年１月２６日\n\n"
                     "○大山座長　議題（１）について、事務局から説明をお願いします。\n"
                     "○中川公務員課長　資料１に沿って御説明いたします。\n１　兼業・副業の許可の状況\n"
                     "　許可件数は前年度から約２割増えております。\n２　テレワークの実施状況\n"
                     "　実施団体は全体の６割となりました。\n"
                     "○遠藤構成員　兼業の許可基準を公表している団体はどの程度ありますか。\n"
                     "○大山座長　ありがとうございました。本日の議題は以上です。\n３　視察\n"
                     "　それでは、これより視察に参ります。\n○中川公務員課長　バスは正面玄関に待機しております。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("大山座長", None), ("中川公務員課長", None), ("中川公務員課長", "１　兼業・副業の許可の状況"),
        ("中川公務員課長", "２　テレワークの実施状況"), ("遠藤構成員", None), ("大山座長", None), ("大山座長", "３　視察"),
        ("中川公務員課長", "３　視察")]


def test_an_explanation_the_record_attributes_in_brackets_over_it():
    doc = parse_text("zenkyo.txt", "みずほ市議会全員協議会記録\n日　　時　　令和６年２月１３日（火）\n\n"
                     "○議長（石井）　協議事項１、公共施設再編計画（素案）について説明を求めます。\n\n"
                     "１　みずほ市公共施設再編計画（素案）について\n（説明）資産経営課長\n　資料１を御覧ください。\n"
                     "説明１　計画策定の背景\n　本市が保有する公共施設は２８６施設で、その約６割が築３０年を経過しております。\n"
                     "（質疑）\n○加藤議員　延床面積の２０％縮減という目標の根拠を伺います。\n")
    assert [r.speaker for r in doc.remarks] == ["石井", "資産経営課長", "加藤議員"]
    assert doc.remarks[1].text.endswith("築３０年を経過しております。") and "（説明）" not in doc.remarks[0].text


def test_front_matter_headed_with_circles_before_a_ministry_councils_verbatim_record():
    doc = parse_text("mhlw.txt", "第168回社会保障審議会医療保険部会 議事録\n\n○日時\n令和5年10月4日(水)10:00～12:00\n\n"
                     "○場所\n全国都市会館 大ホール(2階)\n\n○議題\n1.医療保険制度改革について\n2.その他\n\n○議事\n"
                     "○田辺部会長 ただいまより、第168回「医療保険部会」を開催いたします。\n"
                     "○田辺部会長 本日は、「医療保険制度改革について」を議題といたします。事務局から説明をお願いします。\n"
                     "○佐藤総務課長 総務課長でございます。資料１に沿って御説明いたします。\n")
    assert [r.section for r in doc.remarks] == [None, None, "医療保険制度改革について"]
    assert doc.document.date == "2023-10-04"


def test_a_town_record_of_officials_in_outside_seats_and_items_marked_with_circles():
    doc = parse_text("fujioka.txt", "令和６年第２回ふじおか町議会臨時会会議録\n令和６年５月１７日（金）\n"
                     "○議長（山田君）　ただいまから本日の会議を開きます。\n○日程第１　会議録署名議員の指名\n"
                     "○議長（山田君）　会議録署名議員に、３番及び４番を指名します。\n"
                     "○番外　町長（佐藤君）　議案第３５号について提案理由を申し上げます。\n"
                     "○番外２番　総務課長（小林君）　補正予算の内容を御説明いたします。\n"
                     "○議長（山田君）　以上で本臨時会を閉会いたします。\n　　　午前１１時５２分　　休　　憩\n"
                     "前へ　　次へ　　ページトップへ\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [("山田", "議長"), ("山田", "議長"), ("佐藤", "町長"),
                                                         ("小林", "課長"), ("山田", "議長")]
    assert doc.remarks[1].section == "日程第１　会議録署名議員の指名"
    assert doc.remarks[2].text == "議案第３５号について提案理由を申し上げます。"
    assert doc.remarks[-1].text == "以上で本臨時会を閉会いたします。"


def test_budget_headings_by_kan_a_post_qualified_in_brackets_and_a_date_without_its_year():
    doc = parse_text("yosan.txt", "あおい県議会会議録第十八号\n令和五年第四回定例会\n十二月六日（水曜日）\n"
                     "○委員長（田村一郎君）　昨日に引き続き、一般会計予算の審査を行います。\n【歳出】\n"
                     "第２款　総務費（予算説明書６２ページから９９ページ）\n"
                     "○小松委員　庁舎の改修費について伺います。\n○小田県土整備部次長（技術）　お答えいたします。\n")
    assert [r.section for r in doc.remarks] == [None, "第２款　総務費（予算説明書６２ページから９９ページ）",
                                                "第２款　総務費（予算説明書６２ページから９９ページ）"]
    assert doc.remarks[-1].speaker == "小田県土整備部次長（技術）"
    assert doc.document.date == "2023-12-06"


def test_a_search_systems_page_takes_its_title_from_the_meeting_name_field():
    doc = parse_text("voices.txt", "本文\n検索結果一覧に戻る　　　前のページ　　次のページ\n"
                     "会議名：令和５年第２回あおば市議会定例会（第４号）\n開催日：2023-06-15\n"
                     "◯議長（高田哲也）　ただいまから本日の会議を開きます。\n◯十八番（森田陽子）　子育て支援について伺います。\n")
    assert doc.document.title == "令和５年第２回あおば市議会定例会（第４号）"
    assert (doc.document.meeting, doc.document.meeting_number) == ("あおば市議会", 4)


def test_invisible_characters_half_width_katakana_and_a_blank_before_the_bracket_in_labels(tmp_path):
    path = tmp_path / "soumu.txt"
    path.write_text("\ufeff青葉市議会　総務常任委員会会議録（第３号）\n令和６年６月１８日\n"
                    "○委員長\u00a0（山田\u200b太郎君）　ただいまから総務常任委員会を開会いたします。\n"
                    "○ﾃﾞｼﾞﾀﾙ推進課長（佐藤一郎君）\u200b　ｵﾝﾗｲﾝ申請の件数は前年の１．５倍です。\n"
                    "○鈴木\u200b花子委員　ｷｬｯｼｭﾚｽ化の予定を伺います。｢窓口｣での対応はどうなりますか。\n", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.role) for r in doc.remarks] == [("山田太郎", "委員長"), ("佐藤一郎", "課長"), ("鈴木花子委員", "委員")]
    assert doc.remarks[1].text == "オンライン申請の件数は前年の１．５倍です。"
    assert doc.remarks[2].text == "キャッシュレス化の予定を伺います。｢窓口｣での対応はどうなりますか。"   # brackets as printed


def test_a_label_wrapped_inside_its_bracket_numbered_turns_english_labels_and_officials_in_brackets():
    doc = parse_text("wrap.txt", "青葉市議会　総務常任委員会会議録（第３号）\n令和６年６月１８日\n"
                     "○委員長（山田太郎君）　ただいまから総務常任委員会を開会いたします。\n"
                     "○デジタル推進課長兼情報システム統括担当課長事務取扱（佐藤一郎\n君）　資料１を御覧ください。\n"
                     "○理事者（田中課長）　ごみ処理手数料の改定について御説明いたします。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("山田太郎", "ただいまから総務常任委員会を開会いたします。"), ("佐藤一郎", "資料１を御覧ください。"),
        ("田中", "ごみ処理手数料の改定について御説明いたします。")]
    numbered = parse_text("jun.txt", "令和６年度第２回みなと市子ども・子育て会議　会議録\n開催日：令和６年７月８日（月）\n\n"
                          "１　会長　　それでは議事に入ります。事務局から説明をお願いします。\n"
                          "２　事務局　資料１に基づき、第３期計画の素案について説明した。\n"
                          "３　山田委員　０歳児の申込みはむしろ増えているのではないですか。\n")
    assert [r.speaker for r in numbered.remarks] == ["会長", "事務局", "山田委員"]
    english = parse_text("en.txt", "第３回みなと市国際交流推進懇話会　会議録\n令和６年５月２０日\n\nChair:\n"
                         "Good afternoon, everyone. ただいまから懇話会を開会いたします。\n\n田中委員：\n"
                         "日本語指導の支援員を増やすべきです。\n――\nVice Chair:\nI agree with Mr. Tanaka.\n――\n")
    assert [(r.speaker, r.role) for r in english.remarks] == [("Chair", "座長"), ("田中委員", "委員"), ("Vice Chair", "副座長")]
    assert english.remarks[1].text == "日本語指導の支援員を増やすべきです。"


# ---------------------------------------------------------------- the tenth round: blind files of /tmp/layouts10
def test_headings_over_unsigned_points_name_who_made_them_and_an_item_after_a_point_is_a_heading():
    doc = parse_text("groups.txt", "第４回　青葉県観光振興戦略有識者会議　議事要旨\n日時：令和６年１２月３日（火）\n"
                     "出席者：小松座長、長尾構成員、三浦構成員\n\n＜事務局から資料１に基づき説明＞\n＜構成員からの主な意見＞\n"
                     "○　インバウンドの回復は都市部に偏っている。温泉地への誘客に重点を置くべきではないか。\n"
                     "○　宿泊税の使途を明確にし、事業者や観光客に分かりやすく示すことが必要である。\n＜事務局からの回答＞\n"
                     "○　宿泊税については、使途の内訳を毎年度公表する予定である。\n＜座長まとめ＞\n"
                     "○　本日の意見を踏まえ、骨子案を修正し、次回会議で示すこととする。\n\n（以上）\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("構成員", "インバウンド"), ("構成員", "宿泊税の使途"), ("事務局", "宿泊税につい"), ("座長", "本日の意見を")]
    assert not any("＜" in r.text for r in doc.remarks)            # a heading is glued to no point
    bullets = parse_text("kosodate.txt", "令和６年度　第２回　青葉市子ども・子育て会議　議事要旨\n日時：令和６年１０月８日（火）\n"
                         "【委員からの主な意見】\n・放課後児童クラブの待機児童が解消されていない。\n"
                         "・保育士の処遇改善について、市独自の上乗せを検討してほしい。\n＜意見交換＞\n"
                         "・医療的ケア児の受入れ体制について、看護師の確保が課題である。\n（事務局からの回答）\n"
                         "・補助制度の拡充を来年度予算で検討している。\n（２）その他\n・次回は１月に開催予定。\n以上\n")
    assert [(r.speaker, r.section) for r in bullets.remarks] == [
        ("委員", None), ("委員", None), (None, None), ("事務局", None), (None, "（２）その他")]
    assert bullets.remarks[3].text == "補助制度の拡充を来年度予算で検討している。"


def test_a_pdfs_margin_line_numbers_left_or_right_are_no_part_of_title_labels_or_speech():
    from search.ingest.repair import without_line_numbers

    body = ["第１２回　地域医療構想に関する検討会　議事録", "１．日時　令和６年７月２５日（木）", "４．議事録",
            "○尾形座長　定刻となりましたので、ただいまから第１２回地域医療構想に関す",
            "る検討会を開会いたします。事務局から資料１の説明をお願いしま", "す。"]
    for n in range(4):
        body += [f"○佐々木地域医療計画課長　地域医療計画課長でございます。資料{n + 1}を御覧くだ",
                 "さい。新たな地域医療構想では、外来医療と在宅医療を含めることを提案して", "おります。",
                 "○伊藤構成員　病床の機能区分について、現行の四区分を維持するのか、見直す",
                 "のか、事務局の考えを伺いたいと思います。"]
    body.append("○尾形座長　以上で閉会いたします。")
    plain = parse_text("kentoukai.txt", "\n".join(body) + "\n")
    assert [r.speaker for r in plain.remarks] == ["尾形座長"] + ["佐々木地域医療計画課長", "伊藤構成員"] * 4 + ["尾形座長"]
    assert plain.remarks[0].text.replace("\n", "").endswith("事務局から資料１の説明をお願いします。")
    pages = [n % 15 + 1 for n in range(len(body))]                  # numbered again from 1 on each page
    left = "\n".join(f"{n:>3}  {line}" for n, line in zip(pages, body)) + "\n"
    right = "\n".join(f"{line}　 {n}" if n % 5 == 0 else line for n, line in enumerate(body, start=1)) + "\n"
    for numbered in (left, right):
        doc = parse_text("kentoukai.txt", without_line_numbers(numbered))
        assert doc.document.title == plain.document.title == "第１２回　地域医療構想に関する検討会　議事録"
        assert [(r.speaker, r.text) for r in doc.remarks] == [(r.speaker, r.text) for r in plain.remarks]
    listed = "議事次第\n1 開会\n2 議題\n3 報告\n4 閉会\n" + "○座長　本日の会議を開きます。資料は次のとおりです。\n" * 20
    assert without_line_numbers(listed) == listed                  # a numbered list is no margin
    budget = "○委員　補正予算の額は 120\nと聞いています。\n" * 3
    assert without_line_numbers(budget) == budget


def test_numbered_questions_and_answers_of_a_summary_name_their_speaker_before_or_after_the_point():
    doc = parse_text("qa.txt", "青葉県デジタル田園都市推進有識者会議（第２回）議事要旨\n１．日時　令和６年１１月１２日（火）\n"
                     "２．場所　青葉県庁本庁舎５階　大会議室\n４．議事概要\n事務局から、資料１に基づき、デジタル実装計画の進捗状況について説明があった。\n"
                     "Q1．（木村委員）オープンデータが実際に活用されている事例はどの程度あるのか。\n"
                     "A1．（事務局）県内で把握している活用事例は１２件である。\n"
                     "Q2．スマートフォン教室の参加者数の推移は。（木村委員）\n"
                     "A2．令和５年度は延べ３，４００人であった。（事務局）\n以上\n")
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("事務局", "事務局から、資料"), ("木村委員", "オープンデータが"), ("事務局", "県内で把握してい"),
        ("木村委員", "スマートフォン教"), ("事務局", "令和５年度は延べ")]


def test_a_clock_time_in_brackets_before_each_turn_and_a_one_character_surname_in_the_bracket():
    doc = parse_text("kyougikai.txt", "令和６年度第１回　青葉区地域福祉推進協議会　会議録\n開催日時：令和６年５月２８日（火）\n"
                     "出席委員：石井会長、岡田委員、前川委員\n\n"
                     "【10:00】会長（石井）　定刻になりましたので、協議会を開会いたします。\n"
                     "【10:16】岡田委員　見守り協力店から実際に通報があった件数は把握していますか。\n"
                     "【10:18】事務局（森）　昨年度は２３件の通報がありました。\n"
                     "（10:31）前川委員　民生委員のなり手不足が深刻です。\n")
    assert [(r.speaker, r.role, r.text[:6]) for r in doc.remarks] == [
        ("石井", "会長", "定刻になりまし"[:6]), ("岡田委員", "委員", "見守り協力店"), ("事務局（森）", "事務局", "昨年度は２３"),
        ("前川委員", "委員", "民生委員のな")]
    assert not any(":" in r.text for r in doc.remarks)


# ---------------------------------------------------------------- the eleventh round: blind files of /tmp/layouts11
def test_labels_with_the_name_ending_in_its_post_a_stage_direction_after_them_or_a_dash_before_them(tmp_path):
    path = tmp_path / "shigikai.txt"
    path.write_text("青葉市議会　総務委員会記録\n令和６年９月１０日（火）\n"
                    "○委員長（山田太郎委員）　ただいまから総務委員会を開会いたします。\n"
                    "○５番（鈴木花子委員）　改正による影響額を伺います。\n"
                    "○２番（鈴木花子議員）　続けて伺います。減免の対象はどうなりますか。\n"
                    "○７番（小林和子君）（登壇）　おはようございます。通告に従い質問いたします。\n"
                    "○町長（斎藤博之君）（登壇）　小林議員の御質問にお答えします。\n"
                    "○教育長（井上雅人君）（質問席から移動し登壇）　お答えいたします。\n"
                    "⚪️すずき副委員長　導入後の効果を検証してください。\n"
                    "○議長（石井正議員）　以上で本日の日程は全て終了しました。\n\n―以上―\n", encoding="utf-8")
    doc = load_document(path)                                        # the loader reads ⚪️ as ○
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("山田太郎", "委員長"), ("鈴木花子", "議員"), ("鈴木花子", "議員"), ("小林和子", "議員"), ("斎藤博之", "町長"),
        ("井上雅人", "教育長"), ("すずき副委員長", "副委員長"), ("石井正", "議長")]
    assert doc.remarks[-1].text == "以上で本日の日程は全て終了しました。"
    dashes = parse_text("shingikai.txt", "第３回青葉市環境審議会　会議録\n令和６年７月２日\n\n"
                        "―佐藤会長　ただいまから審議会を開会します。\n－山本委員　削減目標の根拠を伺います。\n"
                        "ー桑原委員　再エネの導入目標も示してください。\n回答（環境政策課長）：\n\n目標は国の計画に合わせています。\n")
    assert [(r.speaker, r.role) for r in dashes.remarks][:3] == [("佐藤会長", "会長"), ("山本委員", "委員"),
                                                                  ("桑原委員", "委員")]


def test_round_markers_votes_and_double_angle_items_of_a_verbatim_record_are_no_ones_words():
    doc = parse_text("kyouiku.txt", "令和６年第８回青葉市教育委員会定例会　会議録\n令和６年８月２０日\n\n"
                     "教育長　　ただいまから定例会を開会します。\n"
                     "≪議案第２５号　令和７年度使用中学校教科用図書の採択について≫\n"
                     "教育長　　議案第２５号を議題とします。事務局の説明を求めます。\n"
                     "学校教育課長　　採択地区協議会の答申に基づき、別紙のとおり採択したいと考えます。\n"
                     "Ａ委員　　答申の内容で異論はありません。\n"
                     "教育長　　原案のとおり決定してよろしいですか。\n〈全員賛成〉\n"
                     "教育長　　議案第２５号は原案のとおり決定しました。\n再質問\n"
                     "Ａ委員　　採択結果の公表時期を伺います。\n")
    assert [r.speaker for r in doc.remarks] == ["教育長", "教育長", "学校教育課長", "Ａ委員", "教育長", "教育長", "Ａ委員"]
    assert "議案第２５号　令和７年度使用中学校教科用図書の採択について" in doc.remarks[1].section
    assert not any("〈" in r.text or "≪" in r.text or "再質問" in r.text for r in doc.remarks)


def test_a_date_printed_only_in_the_page_footers_and_the_speech_numbers_of_the_diets_pages():
    body = ["建設常任委員会記録", "開会　午前１０時００分", "○委員長（菅原）　ただいまから建設常任委員会を開会いたします。",
            "○道路課長　議案第７２号について御説明いたします。令和６年８月３０日の台風第１０号により被災した",
            "市道の付替えに伴い、新たに３路線を認定するものでございます。", "令和６年９月１２日　建設常任委員会 －1－",
            "○藤田委員　付替え後の道路の幅員はどの程度でしょうか。", "○道路課長　幅員は６メートルでございます。",
            "令和６年９月１２日　建設常任委員会 －2－"]
    doc = parse_text("kensetsu.txt", "\n".join(body) + "\n")
    assert doc.document.date == "2024-09-12"                        # not the typhoon's date inside a speech
    assert [r.speaker for r in doc.remarks] == ["菅原", "道路課長", "藤田委員", "道路課長"]
    assert not any("建設常任委員会 －" in r.text for r in doc.remarks)
    kokkai = parse_text("kokkai.txt", "第213回国会 参議院 厚生労働委員会 第5号\n令和六年四月十一日（木曜日）\n"
                        "001　委員長（比嘉奈津美君）\nただいまから厚生労働委員会を開会いたします。\n002　打越さく良君\n"
                        "医師の働き方改革について伺います。\n003　政府参考人（浅沼一成君）\nお答えいたします。\n")
    assert [(r.speaker, r.text) for r in kokkai.remarks] == [
        ("比嘉奈津美", "ただいまから厚生労働委員会を開会いたします。"), ("打越さく良", "医師の働き方改革について伺います。"),
        ("浅沼一成", "お答えいたします。")]


# ---------------------------------------------------------------- the twelfth round: blind files of /tmp/layouts12
def test_a_transcript_with_a_bare_clock_time_before_each_label_alone_on_its_line():
    doc = parse_text("transcript.txt", "第２回　青葉市デジタル・ガバメント推進有識者会議　議事録\n日時：令和６年６月２７日（木）\n\n"
                     "10:00 事務局（ＤＸ推進課長）\n皆様、おはようございます。定刻になりましたので開催いたします。\n\n"
                     "10:02 木下座長\n本日は、書かない窓口の導入状況について御意見をいただきます。\n\n"
                     "10:15　山田委員\n待ち時間の短縮は大きな成果だと思います。\n\n"
                     "10:21 大橋委員\n対面での支援を残すことが大切です。\n午前10時から正午まで窓口を開けてください。\n\n"
                     "10:31 木下座長\n以上で本日の会議を終了します。\n10:35 閉会\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("事務局（ＤＸ推進課長）", "皆様、おはよ"), ("木下座長", "本日は、書か"), ("山田委員", "待ち時間の短"),
        ("大橋委員", "対面での支援"), ("木下座長", "以上で本日の")]
    assert doc.remarks[-1].text == "以上で本日の会議を終了します。" and "10:" not in "".join(r.text for r in doc.remarks)


def test_markdown_minutes_with_bold_labels_over_the_speeches(tmp_path):
    path = tmp_path / "dx.md"
    path.write_text("# 令和6年度 第3回 あおば市DX推進委員会 議事録\n\n- **日時**：令和6年10月15日（火）14:00〜15:30\n"
                    "- **出席委員**：松井委員長、林委員\n\n---\n\n## 議事\n\n### (1) 行政手続のオンライン化について\n\n"
                    "**松井委員長**\nそれでは議事(1)について、事務局から説明をお願いします。\n\n"
                    "**事務局（デジタル推進課長）**\n資料1をご覧ください。オンライン申請は**412件**です。\n\n"
                    "- 添付書類の省略は[一覧](https://example.jp/list)のとおり。\n\n"
                    "**林委員**：本人確認と添付書類の省略をセットで進める必要があると思います。\n\n---\n\n*以上*\n",
                    encoding="utf-8")
    doc = load_document(path)
    assert doc.document.title == "令和6年度 第3回 あおば市DX推進委員会 議事録" and doc.document.date == "2024-10-15"
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("松井委員長", "それでは議事"), ("事務局（デジタル推進課長）", "資料1をご覧"), ("林委員", "本人確認と添")]
    assert "オンライン申請は412件です。" in doc.remarks[1].text and "・添付書類の省略は一覧のとおり。" in doc.remarks[1].text
    assert not any(c in doc.document.text for c in "*#") and "以上" not in doc.remarks[-1].text


def test_the_chambers_reactions_in_round_brackets_are_no_ones_words():
    doc = parse_text("kengikai.txt", "青葉県議会会議録　第三号\n令和六年二月二十八日（水曜日）\n"
                     "◯議長（青木英雄君）　これより本日の会議を開きます。\n　四十二番中村美穂子君。\n"
                     "　　　　〔四十二番中村美穂子君登壇〕（拍手）\n"
                     "◯四十二番（中村美穂子君）　大規模災害への備えについて知事に伺います。（拍手）\n"
                     "◯知事（村井正樹君）　お答えいたします。……（発言する者あり）集落を見直します。\n"
                     "◯議長（青木英雄君）　御異議ありませんか。\n　　　　（「異議なし」と呼ぶ者あり）\n"
                     "◯議長（青木英雄君）　御異議なしと認めます。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("青木英雄", "これより本日の会議を開きます。\n四十二番中村美穂子君。"),
        ("中村美穂子", "大規模災害への備えについて知事に伺います。"),
        ("村井正樹", "お答えいたします。……集落を見直します。"),
        ("青木英雄", "御異議ありませんか。"), ("青木英雄", "御異議なしと認めます。")]


def test_how_a_member_takes_part_after_the_label_is_no_part_of_the_name():
    doc = parse_text("youshi.txt", "第３回　地域公共交通会議　議事要旨\n日時：令和６年７月９日\n"
                     "Ａ委員：　バスの本数を確保してほしい。\nＢ委員（オンライン参加）：　乗継割引の導入を検討してください。\n"
                     "Ｂ委員：　運賃の見直しも必要です。\n事務局（交通政策課長）：　検討いたします。\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("Ａ委員", "委員"), ("Ｂ委員", "委員"), ("Ｂ委員", "委員"), ("事務局（交通政策課長）", "事務局")]
    assert doc.remarks[1].label == "Ｂ委員（オンライン参加）"


def test_questions_from_the_public_named_by_what_they_are_after_a_blank():
    doc = parse_text("setsumeikai.txt", "防災まちづくり住民説明会（北部地区）　記録\n開催日時：令和６年７月２０日（土）\n"
                     "参 加 者：地区住民４２名\n３　質疑応答\n"
                     "問　（参加者Ａ）　公民館も浸水するとのことだが、どこへ避難すればよいのか。\n"
                     "答　（危機管理課長）　北部中学校を新たに指定避難所とする予定である。\n"
                     "問　（参加者Ｂ）　避難指示が夜間に出た場合、どうやって避難すればよいのか。\n"
                     "答（河川課長）　個別避難計画の作成を進めている。\n")
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("参加者Ａ", "公民館も浸水する"), ("危機管理課長", "北部中学校を新た"), ("参加者Ｂ", "避難指示が夜間に"),
        ("河川課長", "個別避難計画の作")]


def test_a_web_page_whose_main_part_is_named_main_area_and_ends_in_a_link_to_its_pdf(tmp_path):
    path = tmp_path / "bunkyo.html"
    path.write_text('<html lang="ja"><head><meta charset="utf-8"><title>文教子ども委員会（令和6年12月10日） | あおば市議会</title>'
                    '</head><body><div id="wrapper"><div id="globalMenu"><ul><li>議会の紹介</li><li>委員会</li></ul></div>'
                    '<div id="mainArea"><h1>文教子ども委員会（令和6年12月10日）</h1><dl>'
                    '<dt>委員長（石川　拓也）</dt><dd><p>ただいまから文教子ども委員会を開会いたします。</p></dd>'
                    '<dt>委員（河合　沙織）</dt><dd><p>体育館の空調設備は計画に含まれていますか。</p></dd>'
                    '<dt>委員長（石川　拓也）</dt><dd><p>これをもちまして閉会いたします。</p></dd></dl>'
                    '<p class="pdfLink"><a href="/b.pdf">会議録（PDF：312KB）</a></p></div>'
                    '<div id="localMenu"><h2>委員会会議録</h2><ul><li>総務委員会</li><li>建設委員会</li></ul></div>'
                    '</div></body></html>', encoding="utf-8")
    doc = load_document(path)
    assert "文教子ども委員会" in doc.document.title and "議会の紹介" not in doc.document.text
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("石川拓也", "ただいまから文教子ども委員会を開会いたします。"), ("河合沙織", "体育館の空調設備は計画に含まれていますか。"),
        ("石川拓也", "これをもちまして閉会いたします。")]


# ---------------------------------------------------------------- the thirteenth round: blind files of /tmp/layouts13
KENTOUKAI = ("第５回　こどもの居場所づくりに関する検討会\n議事録\n\n日時：令和６年１０月３日（木）１３：００～１５：００\n"
             "出席者：\n　構成員：野村座長、片山構成員\n　事務局：成育局成育環境課長　ほか\n議事：\n　（１）中間報告（案）について\n\n"
             "{heading}野村座長：　定刻となりましたので、ただいまから検討会を開催いたします。\n　まず、事務局から説明をお願いします。\n\n"
             "成育環境課長：　資料１に沿って御説明いたします。\n\n片山構成員：　中間報告案の方向性に賛成いたします。\n\n"
             "野村座長：　本日の検討会はこれで閉会といたします。\n\n（了）\n\n【照会先】\n成育局成育環境課\n電話：03-0000-0000\n")


@pytest.mark.parametrize("heading", ["○議事内容\n", "■議事概要\n", ""])
def test_colon_turns_of_a_study_group_are_the_body_with_or_without_a_marked_body_heading(heading):
    doc = parse_text("kentoukai.txt", KENTOUKAI.format(heading=heading))
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("野村座長", "定刻となりました"), ("成育環境課長", "資料１に沿って御"), ("片山構成員", "中間報告案の方向"),
        ("野村座長", "本日の検討会はこ")]
    assert doc.remarks[0].text.endswith("まず、事務局から説明をお願いします。")


def test_a_town_record_whose_posts_are_spaced_out_before_the_bracketed_name():
    doc = parse_text("town.txt", "令和６年第２回もみじ町議会定例会会議録（第２号）\n令和６年６月１１日（火曜日）\n"
                     "○出席議員（１０名）\n　　５番　　佐　藤　　　守　君　　　１０番　　小　林　　　清　君\n"
                     "◎一般質問\n○議　長（小林　清君）　日程第１、一般質問を行います。\n　５番、佐藤守君。\n"
                     "　　　　　〔５番　佐藤　守君　登壇〕\n"
                     "○５　番（佐藤　守君）　空き家対策について町長に伺います。\n"
                     "○町　長（佐々木　誠君）　佐藤議員の御質問にお答えいたします。\n"
                     "○議　長（小林　清君）　これで一般質問を終わります。\n")
    assert [(r.speaker, r.role, r.text[:8]) for r in doc.remarks] == [
        ("小林清", "議長", "日程第１、一般質"), ("佐藤守", "議員", "空き家対策につい"), ("佐々木誠", "町長", "佐藤議員の御質問"),
        ("小林清", "議長", "これで一般質問を")]


def test_a_clock_time_in_the_margin_before_each_label_and_its_speech():
    doc = parse_text("youten.txt", "総務常任委員会　会議録（要点記録）\n日　時　令和６年１２月９日（月）午前１０時００分～\n\n"
                     "午前１０時００分　委員長　ただいまから総務常任委員会を開会する。\n"
                     "午前１０時０２分　人事課長　本案は、選択的週休３日制を導入するものである。\n"
                     "午前１０時１０分　井上委員　窓口業務でも、制度を利用できるのか。\n"
                     "１０時１１分　人事課長　利用は可能と考えている。\n午前１０時２０分　閉会\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("委員長", "ただいまから総務常任委員会を開会する。"), ("人事課長", "本案は、選択的週休３日制を導入するものである。"),
        ("井上委員", "窓口業務でも、制度を利用できるのか。"), ("人事課長", "利用は可能と考えている。")]


def test_a_label_in_double_angle_brackets_alone_over_its_speech():
    doc = parse_text("shingikai.txt", "令和６年度第２回ひばり市環境審議会　会議録\n　開催日時　　令和６年１１月２０日（水）\n\n"
                     "【議事】第３次環境基本計画の中間見直しについて\n\n　　《会長》\n\n　それでは議事に入ります。\n\n"
                     "　　《事務局》\n\n　資料２をご覧ください。排出量は２１％の削減となっております。\n\n"
                     "　　《委員Ａ》\n\n　断熱改修の補助は、予算の拡充を検討すべきではないでしょうか。\n\n　　《意見交換》\n")
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("会長", "それでは議事に入"), ("事務局", "資料２をご覧くだ"), ("委員Ａ", "断熱改修の補助は")]


def test_speakers_named_by_their_part_in_the_proceeding_and_a_bracket_that_is_no_name():
    doc = parse_text("kansa.txt", "住民監査請求に係る請求人の陳述の記録\n１　日　時　令和６年８月６日（火）\n"
                     "３　出席者\n　　請求人　　大野勝、川田道子\n４　陳述の内容\n"
                     "代表監査委員　ただいまから、請求人の陳述を行います。\n"
                     "請求人（大野勝）　請求人の大野です。随意契約の理由に合理性がありません。\n"
                     "請求人（川田道子）　請求人の川田です。損害の補塡を求めます。\n"
                     "公述人Ａ（東町在住）　東町に住んでいる者です。農地を残してください。\n"
                     "代表監査委員　以上で請求人の陳述を終わります。\n"
                     "※　この記録は、陳述の要旨を事務局において取りまとめたものです。\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("代表監査委員", "委員"), ("大野勝", "請求人"), ("川田道子", "請求人"), ("公述人Ａ（東町在住）", "公述人"),
        ("代表監査委員", "委員")]
    assert doc.remarks[-1].text == "以上で請求人の陳述を終わります。"


def test_points_and_replies_each_followed_by_its_speaker_in_lenticular_brackets():
    doc = parse_text("gaiyou.txt", "令和６年度第２回なぎさ市空家等対策協議会　議事概要\n１　日　時　令和６年１１月１２日（火）\n"
                     "５　議事概要\n（１）空家等対策計画の骨子案について\n"
                     "○　相続登記の義務化に合わせて、法務局と連携した周知を行うべきではないか。【委員】\n"
                     "→　相談会に市の窓口を併設する方向で協議している。【事務局】\n"
                     "○　特定空家等に対する代執行は、費用の回収が困難な場合が多い。略式代執行も含め、\n"
                     "　判断の基準をあらかじめ明確にしておくべき。【委員】\n\n"
                     "○　本日の意見を踏まえて、骨子案を修正することとしたい。【会長】\n\n"
                     "　次回の協議会は、令和７年２月に開催する予定である。\n")
    said = [(r.speaker, r.text) for r in doc.remarks]
    assert said[:4] == [
        ("委員", "相続登記の義務化に合わせて、法務局と連携した周知を行うべきではないか。"),
        ("事務局", "相談会に市の窓口を併設する方向で協議している。"),
        ("委員", "特定空家等に対する代執行は、費用の回収が困難な場合が多い。略式代執行も含め、判断の基準をあらかじめ明確にしておくべき。"),
        ("会長", "本日の意見を踏まえて、骨子案を修正することとしたい。")]
    assert not any("【" in text for _, text in said) and said[4][0] is None


def test_a_press_conference_page_where_the_reporter_asks(tmp_path):
    path = tmp_path / "kaiken.htm"
    path.write_bytes('<html lang="ja"><head><meta charset="Shift_JIS"><title>農林水産大臣記者会見概要</title></head><body>'
                     '<div id="main"><h1>農林水産大臣記者会見概要</h1><p>日時　令和6年11月15日（金曜日）8時52分～9時05分</p>'
                     '<h2>冒頭発言</h2><p><strong>大臣</strong><br>冒頭、私から１点御報告がございます。</p><h2>質疑応答</h2>'
                     '<p><strong>記者</strong><br>日本農業新聞です。米の価格についてお伺いします。</p>'
                     '<p><strong>大臣</strong><br>米の価格は、需給の状況によって決まるものでございます。<br>'
                     '引き続き動向を注視してまいります。</p>'
                     '<p><strong>記者</strong><br>関連してお伺いします。備蓄米の放出についてお聞かせください。</p>'
                     '<p><strong>大臣</strong><br>価格の調整を目的として放出することは考えておりません。</p></div></body></html>'
                     .encode("cp932"))
    doc = load_document(path)
    assert doc.document.date == "2024-11-15"
    assert [(r.speaker, r.section, r.text[:8]) for r in doc.remarks] == [
        ("大臣", None, "冒頭、私から１点"), ("記者", "質疑応答", "日本農業新聞です"), ("大臣", "質疑応答", "米の価格は、需給"),
        ("記者", "質疑応答", "関連してお伺いし"), ("大臣", "質疑応答", "価格の調整を目的")]
    assert doc.remarks[0].text == "冒頭、私から１点御報告がございます。"


def test_a_two_page_stenographic_record_with_em_spaces_kanji_page_numbers_and_wrapped_directions(tmp_path):
    header = "令和６年９月２６日\u2003厚生委員会速記録第十二号"
    path = tmp_path / "sokkiroku.txt"
    path.write_text(header.replace("\u2003", " ") + "\n午後一時開議\n"
                    "○岡本委員長\u2003ただいまから厚生委員会を開会いたします。\n"
                    "○中山委員\u2003一人の管理者が複数の事業所を本当に見られるのか、私は疑問に思います。〔「そのとおり」と呼ぶ者あり\n"
                    "〕\n\u2003実際に、事故が起きた例もあると聞いております。〔発言する者あり〕局として、どのように把握してい\n"
                    "くのか、伺います。\n○福祉保健局長\u2003兼務の状況につきましては、事業所からの届出に加え\n－一－\n\f"
                    + header + "\nて、運営指導の際に勤務実態を確認してまいります。\n"
                    "○西田委員\u2003私も若い頃は手一杯だと思っておりましたが、（笑）今は兼務が当たり前の時代でございます。\n"
                    "○岡本委員長\u2003これに御異議ありませんか。\n〔「異議なし」と呼ぶ者あり〕\n－二－\n", encoding="utf-8")
    doc = load_document(path)
    assert [r.speaker for r in doc.remarks] == ["岡本委員長", "中山委員", "福祉保健局長", "西田委員", "岡本委員長"]
    assert doc.remarks[1].text == ("一人の管理者が複数の事業所を本当に見られるのか、私は疑問に思います。\n"
                                   "実際に、事故が起きた例もあると聞いております。局として、どのように把握していくのか、伺います。")
    assert doc.remarks[2].text.replace("\n", "") == "兼務の状況につきましては、事業所からの届出に加えて、運営指導の際に勤務実態を確認してまいります。"
    assert "（笑）" not in doc.remarks[3].text and doc.remarks[4].text == "これに御異議ありませんか。"


def test_a_word_hyphenated_at_the_end_of_a_short_line_goes_on():
    doc = parse_text("pdf.txt", "第３回あおば市地域公共交通会議　議事録\n"
                     "○交通政策課長　資料１を御覧ください。本市では昨年１０月から３か月間\n"
                     "、MaaS（Mobility as a Ser-\nvice）の実証実験を行いました。バス、鉄道、シェアサイクルの経路検\n"
                     "索と予約、決済を一つのアプリで行えるようにしたもので、期間中のアプリ\n登録者数は約４，２００人となりました。\n"
                     "○三上委員　高齢者の利用が少ないのは、スマートフォンの操作に不安があ\nるからだと思います。\n")
    assert "MaaS（Mobility as a Service）の実証実験を行いました。" in doc.remarks[0].text
    assert "\n" not in doc.remarks[0].text


def test_markdown_footnotes_are_notes_and_a_numbered_agenda_heading_ends_the_turn(tmp_path):
    path = tmp_path / "opendata.md"
    path.write_text("# 第2回 はるかぜ市オープンデータ推進会議 議事録\n\n| 項目 | 内容 |\n|---|---|\n| 日時 | 2024年12月3日（火）10:00〜11:30 |\n\n"
                    "## 議題1 オープンデータの公開状況について\n\n### 事務局（情報政策課長）\n\n"
                    "推奨データセット[^1]への対応は14項目中11項目です。\n\n### 石井委員\n\n更新頻度の明示が重要です。\n\n"
                    "## 議題2 その他\n\n### 中川座長\n\n"
                    "本日はありがとうございました。\n\n[^1]: デジタル庁「自治体標準オープンデータセット」に定める項目。\n", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("事務局（情報政策課長）", "推奨データセットへの対応は14項目中11項目です。"), ("石井委員", "更新頻度の明示が重要です。"),
        ("中川座長", "本日はありがとうございました。")]


def test_a_bill_heading_and_the_vote_between_turns_of_a_table_record_are_no_speech():
    doc = parse_text("kyoiku.txt", "令和６年第１１回ひばり市教育委員会定例会会議録\n開催日時　令和６年１１月２５日（月）\n"
                     "教育長　ただいまから定例会を開会します。会議録署名委員は、石田委員と藤井委員にお願いします。\n"
                     "議案第２３号　ひばり市立小中学校の通学区域に関する規則の一部を改正する規則の制定について\n"
                     "学校教育課長　本案は、住宅開発に伴い、通学区域を変更するものです。\n"
                     "石田委員　保護者への説明はどのように行いますか。\n"
                     "教育長　原案に賛成の委員は挙手をお願いします。\n（採決）全員挙手により、原案のとおり可決\n"
                     "報告第１１号　ひばり市子ども読書活動推進計画の進捗状況について\n"
                     "教育長　生涯学習課長から報告をお願いします。\n")
    said = [(r.speaker, r.section, r.text) for r in doc.remarks]
    assert said[0] == ("教育長", None, "ただいまから定例会を開会します。会議録署名委員は、石田委員と藤井委員にお願いします。")
    assert said[1][:2] == ("学校教育課長", "議案第２３号　ひばり市立小中学校の通学区域に関する規則の一部を改正する規則の制定について")
    assert said[3][2] == "原案に賛成の委員は挙手をお願いします。" and said[4][::2] == (None, "全員挙手により、原案のとおり可決")
    assert said[5][:2] == ("教育長", "報告第１１号　ひばり市子ども読書活動推進計画の進捗状況について")


def test_a_margin_clock_time_before_each_turn_whose_speech_wraps_under_the_text_column():
    doc = parse_text("youten.txt", "総務常任委員会　会議録（要点記録）\n日　時　令和６年１２月９日（月）午前１０時００分～\n"
                     "時　　刻　　　　発　言　者・要　旨\n────────────────────────────\n"
                     "午前１０時０１分　委員長　議案第５６号「もみじ市職員の勤務時間、休日及び休暇に\n"
                     "　　　　　　　　　関する条例の一部を改正する条例について」を議題とし、当局の説\n"
                     "　　　　　　　　　明を求める。\n"
                     "午前１０時０２分　人事課長　本案は、職員が希望する場合に、週休日を増やすことができる\n"
                     "　　　　　　　　　、いわゆる選択的週休３日制を導入するものである。\n"
                     "午前１０時１０分　井上委員　窓口業務など、交代の難しい職場でも、制度を利用でき\n"
                     "　　　　　　　　　るのか。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("委員長", "議案第５６号「もみじ市職員の勤務時間、休日及び休暇に関する条例の一部を改正する条例について」を議題とし、"
                   "当局の説明を求める。"),
        ("人事課長", "本案は、職員が希望する場合に、週休日を増やすことができる、いわゆる選択的週休３日制を導入するものである。"),
        ("井上委員", "窓口業務など、交代の難しい職場でも、制度を利用できるのか。")]


def test_a_pdf_table_of_turns_with_its_header_row_again_and_a_label_wrapped_in_its_cell():
    doc = parse_text("toshikeikaku.txt", "令和６年度第３回つばさ市都市計画審議会　会議録\n１　日時　令和６年１０月２９日（火）\n"
                     "４　議事の経過\n発言者 発言内容\n会長 ただいまから、令和６年度第３回つばさ市都市計画\n"
                     "審議会を開会します。本日は委員１５名中１２名の出\n席があり、会議は成立しております。\n"
                     "都市計画課\n長\n議第１号について説明します。本案は、つばさ駅北\n"
                     "口の区域約１８ヘクタールについて、地区計画を定める\nものです。\n"
                     "発言者 発言内容\n佐久間委員 敷地面積の最低限度を１６５平方メートルとした根\n拠を伺います。\n"
                     "都市計画課\n長\n区画整理事業の換地の平均的な規模を踏まえて設定\nしております。\n"
                     "会長 ほかに御意見はございませんか。\n")
    assert [(r.speaker, r.text.replace("\n", "")) for r in doc.remarks] == [
        ("会長", "ただいまから、令和６年度第３回つばさ市都市計画審議会を開会します。本日は委員１５名中１２名の出席があり、"
                 "会議は成立しております。"),
        ("都市計画課長", "議第１号について説明します。本案は、つばさ駅北口の区域約１８ヘクタールについて、地区計画を定めるものです。"),
        ("佐久間委員", "敷地面積の最低限度を１６５平方メートルとした根拠を伺います。"),
        ("都市計画課長", "区画整理事業の換地の平均的な規模を踏まえて設定しております。"), ("会長", "ほかに御意見はございませんか。")]


# ---------------------------------------------------------------- the fourteenth round: blind files of /tmp/layouts14
def test_a_city_record_whose_labels_set_the_name_apart_from_the_post():
    doc = parse_text("sapporo.txt", "札幌市議会　財政市民委員会記録（第８号）\n　　　　令和６年１０月１５日（火曜日）\n"
                     "○村上　ゆうこ委員長　ただいまから、財政市民委員会を開会いたします。\n\n"
                     "◎市民自治推進室長　令和６年度の加入率は６８．２％となりました。\n\n"
                     "◆小竹　ともこ委員　まず、モデル事業について伺います。\n\n"
                     "◎佐々木　地域振興部長　昨年度、解散した町内会は７団体でございます。\n\n"
                     "○村上　ゆうこ委員長　以上で、委員会を閉会いたします。\n")
    assert [(r.speaker, r.role, r.text[:8]) for r in doc.remarks] == [
        ("村上ゆうこ委員長", "委員長", "ただいまから、財"), ("市民自治推進室長", "室長", "令和６年度の加入"),
        ("小竹ともこ委員", "委員", "まず、モデル事業"), ("佐々木地域振興部長", "部長", "昨年度、解散した"),
        ("村上ゆうこ委員長", "委員長", "以上で、委員会を")]


def test_members_whose_names_the_record_leaves_out_as_circles():
    doc = parse_text("kokuho.txt", "令和６年度第１回みずほ市国民健康保険運営協議会　会議録\n１　開催日時　令和６年１１月２７日（水）\n"
                     "４　出席者名簿\n　【被保険者代表】　〇〇委員、〇〇委員\n　【事務局】　市民部長、保険年金課長\n５　会議の概要\n"
                     "会長　ただいまから、協議会を開会します。事務局から説明をお願いします。\n"
                     "事務局（保険年金課長）　資料２を御覧ください。税率を引き上げる案を諮問するものです。\n"
                     "〇〇委員　一人当たりの保険税はどの程度増えるのか。\n"
                     "事務局（保険年金課長）　年額で約２万１千円の増額となります。\n"
                     "〇〇委員　引上げの幅を抑えることはできないのか。\n会長　以上で本日の協議会を閉会します。\n")
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("会長", "ただいまから、協"), ("事務局（保険年金課長）", "資料２を御覧くだ"), ("〇〇委員", "一人当たりの保険"),
        ("事務局（保険年金課長）", "年額で約２万１千"), ("〇〇委員", "引上げの幅を抑え"), ("会長", "以上で本日の協議")]


def test_a_hearing_page_with_labels_in_bold_paragraphs_that_hold_plain_spaces(tmp_path):
    path = tmp_path / "hearing.htm"
    path.write_bytes(("\ufeff<!DOCTYPE html><html lang=\"ja\"><head><meta charset=\"UTF-8\"><title>公開ヒアリング 議事概要</title>"
                      "<script>window.dataLayer = [];</script></head><body><div class=\"main\" id=\"main\">"
                      "<h1>規制改革推進会議　公開ヒアリング　議事概要</h1><p>１．日時：令和６年１１月２１日（木）１６：００～１７：００</p>"
                      "<p><b>司会（規制改革推進室参事官）</b></p><p>　それでは、公開ヒアリングを開始いたします。</p>"
                      "<p><b>佐藤 健一 氏（一般社団法人日本産業ドローン協会 専務理事）</b></p>"
                      "<p>　型式認証の審査期間の短縮を強く要望いたします。</p><p><b>落合委員</b></p>"
                      "<p>　審査の期間は、現状でどのくらい掛かっているのでしょうか。</p>"
                      "<p><b>国土交通省 航空局 無人航空機安全課長</b></p><p>　標準的な処理期間を６か月とする目標を設けました。</p>"
                      "</div></body></html>").encode("utf-8"))
    doc = load_document(path)
    assert [(r.speaker, r.role, r.text[:8]) for r in doc.remarks] == [
        ("司会（規制改革推進室参事官）", "司会", "それでは、公開ヒ"), ("佐藤健一", "理事", "型式認証の審査期"),
        ("落合委員", "委員", "審査の期間は、現"), ("国土交通省航空局無人航空機安全課長", "課長", "標準的な処理期間")]


@pytest.mark.parametrize("honorific", ["さん", "議員", "君"])
def test_a_seat_label_takes_the_rosters_name_without_its_honorific(honorific):
    doc = parse_text("sonkai.txt", f"令和６年第３回みどり村議会定例会会議録\n令和６年９月１０日（火）\n"
                     f"出席議員（8名）\n　　1番　田中　一郎{honorific}　　　3番　大西　由美{honorific}\n"
                     f"　　　　　―――――――――――――――――――――――\n"
                     f"○議長（北村　勇{honorific}）　日程第２、一般質問を行います。\n"
                     f"○3番（大西　由美{honorific}）　通告に従い、質問いたします。\n"
                     f"○1番（田中{honorific}）　関連して伺います。\n"
                     f"○議長（北村　勇{honorific}）　以上で一般質問を終わります。\n")
    assert [r.speaker for r in doc.remarks] == ["北村勇", "大西由美", "田中一郎", "北村勇"]


def test_a_diet_record_whose_running_header_alternates_its_order_and_page_number(tmp_path):
    path = tmp_path / "kokkai.txt"
    path.write_text("一 第二百十三回国会\u3000衆議院 国土交通委員会議録第八号\u3000令和六年四月十二日\n令和六年四月十二日（金曜日）\n"
                    "国土交通委員会議録\u3000第八号\n○長坂委員長\u3000これより会議を開きます。\n"
                    "○小島委員\u3000ありがとうございます。\n\f国土交通委員会議録第八号\u3000令和六年四月十二日 第二百十三回国会\u3000衆議院 二\n"
                    "\u3000最後に、大臣に伺います。物流の担い手の確保について、お考えをお聞かせください。\n"
                    "○斉藤国務大臣\u3000お答えいたします。\n", encoding="utf-8")
    doc = load_document(path)
    assert [r.speaker for r in doc.remarks] == ["長坂委員長", "小島委員", "斉藤国務大臣"]
    assert doc.remarks[1].text == "ありがとうございます。\n最後に、大臣に伺います。物流の担い手の確保について、お考えをお聞かせください。"


def test_a_town_meeting_with_half_width_colons_and_the_halls_applause_and_a_fonts_hyphenation_point(tmp_path):
    path = tmp_path / "town.txt"
    path.write_text("知事とのタウンミーティング\u2027開催結果\n■日時：令和６年８月３日（土）\n\n"
                    "司会:ただいまから開会します。\n\n知事:皆さん、こんにちは。（会場拍手）今日は子育てについて伺います。\n\n"
                    "参加者A(70代・男性):港の駐車場を増やしてほしい。\n\n知事:検討します。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.document.title == "知事とのタウンミーティング・開催結果"
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("司会", "ただいまから開会します。"), ("知事", "皆さん、こんにちは。今日は子育てについて伺います。"),
        ("参加者A(70代・男性)", "港の駐車場を増やしてほしい。"), ("知事", "検討します。")]


def test_a_word_summary_whose_points_are_bullets_of_words_own_numbering_under_group_headings(tmp_path):
    import copy

    from docx import Document as WordDocument

    word = WordDocument()

    def point(text: str, style: str) -> None:            # as Word numbers a list by hand: List Paragraph + numPr
        para = word.add_paragraph(text, style="List Paragraph")
        para._element.get_or_add_pPr().append(copy.deepcopy(word.styles[style].element.pPr.numPr))

    word.add_paragraph("取引適正化ワーキンググループ（第５回）", style="Title")
    word.add_paragraph("日時：令和６年９月１９日（木曜日）１５時００分～１７時００分")
    word.add_paragraph("議事概要", style="Heading 2")
    word.add_paragraph("事務局から資料３に基づき説明を行った後、自由討議を行った。主な意見は以下のとおり。")
    word.add_paragraph("（委員からの主な意見）", style="Heading 3")
    word.add_paragraph("価格転嫁の状況は業種によって大きく異なる。", style="List Bullet")
    point("価格交渉の記録を残すことを取引慣行として定着させるべき。", "List Bullet")
    word.add_paragraph("（事務局からの回答）", style="Heading 3")
    word.add_paragraph("指針の周知については、説明会を開催する予定。", style="List Bullet")
    point("業界団体を通じて周知する。", "List Number")                   # a numbered list prints no bullet
    word.save(tmp_path / "wg.docx")
    doc = load_document(tmp_path / "wg.docx")
    assert [(r.speaker, r.text) for r in doc.remarks if r.speaker] == [
        ("委員", "価格転嫁の状況は業種によって大きく異なる。"), ("委員", "価格交渉の記録を残すことを取引慣行として定着させるべき。"),
        ("事務局", "・指針の周知については、説明会を開催する予定。\n業界団体を通じて周知する。")]


def test_a_sentence_that_leads_into_a_groups_points_hands_each_point_to_the_group(tmp_path):
    path = tmp_path / "youshi.md"
    path.write_text("# 地域交通の在り方に関する研究会（第４回）議事要旨\n\n1. 日時：令和6年10月8日（火）10:00～12:00\n\n"
                    "### (2) 意見交換\n\n構成員からの主な意見は以下のとおり。\n\n"
                    "- 地方部では路線バスの減便が続いており、通院や買物の足の確保が切実な課題となっている。\n"
                    "- 自家用有償旅客運送の導入に当たっては、運転者の確保が鍵となる。\n"
                    "  - 特に、運行管理を複数の市町村で共同して行う仕組みが考えられる。\n"
                    "- 交通ＤＸについては、国が支援の在り方を示すべき。\n\n（以上）\n", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.text) for r in doc.remarks if r.speaker] == [
        ("構成員", "地方部では路線バスの減便が続いており、通院や買物の足の確保が切実な課題となっている。"),
        ("構成員", "・自家用有償旅客運送の導入に当たっては、運転者の確保が鍵となる。\n"
                   "特に、運行管理を複数の市町村で共同して行う仕組みが考えられる。"),
        ("構成員", "交通ＤＸについては、国が支援の在り方を示すべき。")]


def test_an_unmarked_turn_whose_first_line_runs_to_the_full_width_before_its_sentence_ends():
    doc = parse_text("yushikisha.txt", "第３回こども・若者の意見反映に関する有識者会議　議事録\n日時：令和６年１０月１８日（金）\n■議事録\n"
                     "森田座長\u3000皆様、おはようございます。ただいまから、有識者会議を開会いたしま\nす。\n"
                     "事務局\u3000資料１に基づき御説明いたします。取組を行っている都道府県は４０団体\nです。\n"
                     "ジョンソン構成員\u3000ありがとうございます。フィードバックは最も重要なプロセス\nです。\n"
                     "大川構成員\u3000小規模な自治体では、ファシリテーターを務められる人材が不足して\nおります。\n"
                     "事務局\u3000ファシリテーターの養成については、来年度の研修の実施経費を要求して\nおります。\n")
    assert [r.speaker for r in doc.remarks] == ["森田座長", "事務局", "ジョンソン構成員", "大川構成員", "事務局"]
    assert doc.remarks[3].text == "小規模な自治体では、ファシリテーターを務められる人材が不足しております。"
    assert doc.remarks[4].text == "ファシリテーターの養成については、来年度の研修の実施経費を要求しております。"


# ---------------------------------------------------------------- the fifteenth round: blind files of /tmp/layouts15
def test_a_guest_named_in_latin_letters_with_a_title_and_no_wrapped_speech_line_taken_for_a_heading():
    doc = parse_text("kentoukai.txt", "国際的なデータ流通に関する検討会（第２回）　議事録\n日時：令和６年１１月６日（水）\n"
                     "○宮田座長\u3000それでは、ただいまから検討会を開会いたします。\n"
                     "○Ms. Smith\u3000ありがとうございます。英国のデータ保護当局で国際\n連携を担当しております。\n"
                     "○Jones構成員\u3000一点補足させてください。\n"
                     "○Ms. Smith\u3000比較表の作成には、英国としても協力できると思いま\nす。\n"
                     "○宮田座長\u3000以上で本日の検討会を終了いたします。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("宮田座長", "それでは、ただいまから検討会を開会いたします。"),
        ("Ms. Smith", "ありがとうございます。英国のデータ保護当局で国際連携を担当しております。"),
        ("Jones構成員", "一点補足させてください。"), ("Ms. Smith", "比較表の作成には、英国としても協力できると思います。"),
        ("宮田座長", "以上で本日の検討会を終了いたします。")]


def test_a_speech_line_that_names_a_bill_and_wraps_after_a_particle_is_no_heading():
    doc = parse_text("toshikeikaku.txt", "第１８５回あおば県都市計画審議会\u3000議事録\n開催日時\u3000令和６年８月２日（金）\n"
                     "【審議の経過】\n【会長】 それでは、ただいまから審議会を開会いたします。\n"
                     "議第１号「あおば都市計画区域区分の変更について」を\n議題といたします。幹事から説明をお願いします。\n"
                     "【幹事（都市計画課長）】 議第１号について御説明いたします。\n【佐野委員】 排水計画について伺います。\n")
    assert [r.speaker for r in doc.remarks] == ["会長", "幹事（都市計画課長）", "佐野委員"]
    assert doc.remarks[0].text.replace("\n", "") == ("それでは、ただいまから審議会を開会いたします。"
                                                     "議第１号「あおば都市計画区域区分の変更について」を議題といたします。幹事から説明をお願いします。")


def test_a_marked_turn_of_a_member_whose_name_the_record_leaves_out():
    doc = parse_text("bunkakai.txt", "令和６年度第３回社会福祉審議会高齢者福祉専門分科会　会議録\n【日時】令和６年１０月３日（木）\n"
                     "○分科会長　定刻になりましたので、分科会を開会します。\n○事務局（高齢福祉課長）　資料１について御説明します。\n"
                     "○○○委員　訪問介護のヘルパーが不足しています。市の考えを伺います。\n"
                     "○事務局（高齢福祉課長）　受講費用の助成を拡充する予定です。\n○分科会長　以上で本日の分科会を閉会します。\n―了―\n"
                     "このページに関するお問い合わせ\n福祉局高齢福祉課\n\n"
                     "※委員の発言者名は、記載を省略しています。\n")
    assert [(r.speaker, r.text[:8]) for r in doc.remarks] == [
        ("分科会長", "定刻になりました"), ("事務局（高齢福祉課長）", "資料１について御"), ("○○委員", "訪問介護のヘルパ"),
        ("事務局（高齢福祉課長）", "受講費用の助成を"), ("分科会長", "以上で本日の分科")]
    assert doc.remarks[-1].text == "以上で本日の分科会を閉会します。"


def test_a_bracketed_label_with_a_colon_glued_to_the_speech_and_the_papers_listed_after_the_last_one():
    doc = parse_text("kuminkaigi.txt", "令和６年度第２回みどり区区民会議　会議録\n日時：令和６年１１月９日（土）\n\n"
                     "（山口委員長）ただいまから区民会議を開会します。\n（藤田委員）防災訓練の案内を区のホームページにも載せてほしい。\n"
                     "（事務局：地域振興課長）区のホームページへの掲載は対応可能です。\n（山口委員長）以上で本日の会議を終了します。\n\n"
                     "配布資料\n・資料1　子ども・子育て部会　検討状況報告\n（問い合わせ先）みどり区役所　地域振興課\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("山口委員長", "ただいまから区民会議を開会します。"), ("藤田委員", "防災訓練の案内を区のホームページにも載せてほしい。"),
        ("事務局（地域振興課長）", "区のホームページへの掲載は対応可能です。"), ("山口委員長", "以上で本日の会議を終了します。")]


def test_labels_alone_ending_in_a_colon_name_the_person_in_the_bracket_and_the_closing_narration_is_no_speech():
    doc = parse_text("senkan.txt", "令和６年第１２回つばさ市選挙管理委員会定例会　会議録\n日時　令和６年１２月２日（月）\n"
                     "出席者　委員長　鈴木　孝之　　委員長職務代理者　岡本　幸子\n\n"
                     "委員長（鈴木）：\n　ただいまから定例会を開会します。\n\n委員（岡本）：\n　投票所の見直しについて伺います。\n\n"
                     "書記（選挙係長）：\n　来年度から２か所を統合する予定です。\n\n委員長（鈴木）：\n　以上で定例会を閉会します。\n\n"
                     "委員長は、以上をもって本日の定例会を閉会した。\n\n議事録署名委員　岡本　幸子\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("鈴木", "委員長"), ("岡本", "委員"), ("書記（選挙係長）", "書記"), ("鈴木", "委員長")]
    assert doc.remarks[-1].text == "以上で定例会を閉会します。"


def test_a_word_record_that_prints_each_label_in_a_floating_text_box(tmp_path):
    from docx import Document as WordDocument
    from docx.oxml import parse_xml

    def boxed(para, label: str) -> None:               # a VML text box anchored in the speech's first paragraph
        para._element.insert(1, parse_xml(
            '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
            'xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r>'
            f'<w:t>{label}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))

    word = WordDocument()
    word.add_paragraph("令和６年度第１回あおば県社会福祉審議会児童福祉専門分科会　議事録")
    word.add_paragraph("１　日時　令和６年７月２４日（水）１４時００分～１５時３０分")
    word.add_paragraph("５　議事内容")
    for label, speech in (("分科会長", "それでは、分科会を開会します。"), ("事務局（こども家庭課長）", "資料２を御覧ください。"),
                          ("山内委員", "委託に至らない理由は、どのように分析しているのでしょうか。"),
                          ("分科会長", "本日の分科会は、これで閉会します。")):
        boxed(word.add_paragraph(speech), label)
    word.save(tmp_path / "bunkakai.docx")
    doc = load_document(tmp_path / "bunkakai.docx")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("分科会長", "それでは、分科会を開会します。"), ("事務局（こども家庭課長）", "資料２を御覧ください。"),
        ("山内委員", "委託に至らない理由は、どのように分析しているのでしょうか。"), ("分科会長", "本日の分科会は、これで閉会します。")]


# ---------------------------------------------------------------- the sixteenth round: blind files of /tmp/layouts16
def test_an_english_summary_of_a_japanese_meeting_with_the_role_before_the_name(tmp_path):
    path = tmp_path / "summary.md"
    path.write_text("# Committee on General Affairs, Sakura City Council — Summary of Proceedings\n\n"
                    "- **Date:** Tuesday, 12 November 2024, 10:00–11:05\n\n## Proceedings\n\n"
                    "Chair YAMADA: I now call the meeting to order.\n\n"
                    "Director WATANABE (Finance Division): In FY2023 the City received 1.82 billion yen in donations.\n"
                    "Return gifts amounted to 48% of the donations.\n\n"
                    "Member SUZUKI: How will the City keep donations at the current level?\n\n"
                    "Member TANAKA Hanako: I would ask the City to publish how the donations are spent.\n\n"
                    "Chair YAMADA: The meeting is adjourned.\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.document.date == "2024-11-12"
    assert [(r.speaker, r.role, r.text[:12]) for r in doc.remarks] == [
        ("Chair YAMADA", "座長", "I now call t"), ("Director WATANABE (Finance Division)", "部長", "In FY2023 th"),
        ("Member SUZUKI", "委員", "How will the"), ("Member TANAKA Hanako", "委員", "I would ask "),
        ("Chair YAMADA", "座長", "The meeting ")]
    assert doc.remarks[1].text.endswith("Return gifts amounted to 48% of the donations.")


def test_an_ocr_text_with_a_space_between_every_character_of_its_labels_and_date(tmp_path):
    path = tmp_path / "ocr.txt"
    path.write_text("令 和 ６ 年 第 ３ 回 か わ せ み 町 議 会 総 務 文 教 常 任 委 員 会 会 議 録\n\n"
                    "令 和 ６ 年 ９ 月 １ ２ 日 （ 木 ）　午前１０時開議\n"
                    "○ 委 員 長 （ 田 中 一 郎 君 ）　ただいまから総務文教常任委員会を開会いたします。\n"
                    "○ 企 画 課 長 （ 小 島 和 也 君 ）　ｺﾐｭﾆﾃｨﾊﾞｽは３路線で、利用者は平均１４２人です。\n"
                    "○ ３ 番 （ 森 下 幸 子 君 ）　高齢の方が病院に通えなくなったという声を聞いております。\n", encoding="utf-8")
    doc = load_document(path)
    assert doc.document.date == "2024-09-12" and doc.document.title.startswith("令和６年第３回かわせみ町議会")
    assert [(r.speaker, r.role, r.text[:6]) for r in doc.remarks] == [
        ("田中一郎", "委員長", "ただいまから"), ("小島和也", "課長", "コミュニティ"), ("森下幸子", "議員", "高齢の方が病")]


def test_speech_numbers_before_labels_and_a_video_transcript_with_a_time_on_every_caption(tmp_path):
    numbered = parse_text("yushikisha.txt", "第２回みなと市ＤＸ推進有識者会議　議事録\n日時：令和６年１０月２日（水）\n\n"
                          "【発言１】石川座長\n　ただいまから会議を開会いたします。\n\n【発言２】事務局（デジタル戦略課長）\n"
                          "　資料１を御覧ください。\n\n【発言３】森本委員\n　オンライン申請の利用率を伺います。\n")
    assert [r.speaker for r in numbered.remarks] == ["石川座長", "事務局（デジタル戦略課長）", "森本委員"]
    captions = ["こもれび市議会　令和６年１２月定例会　一般質問（１２月９日）", "字幕テキスト（音声自動文字起こし・未校正）", "",
                "※この文字起こしは、議会中継映像の字幕を書き出したものであり、正式な会議録ではありません。", "",
                "00:00:03　【議長】ただいまから、本日の会議を開きます。", "00:00:27　１０番、中野議員。",
                "00:00:35　【中野議員】はい、議長。", "00:00:43　通告に従いまして、", "00:00:47　公共施設の再編について伺います。",
                "00:01:30　【市長】お答えいたします。", "00:01:36　地域の皆様に丁寧に説明してまいります。"]
    (tmp_path / "jimaku.txt").write_text("\n".join(captions) + "\n", encoding="utf-8")
    video = load_document(tmp_path / "jimaku.txt")
    assert video.document.date == "2024-12-09" and video.document.title.startswith("こもれび市議会")
    assert [(r.speaker, r.text.replace("\n", "")) for r in video.remarks] == [
        ("議長", "ただいまから、本日の会議を開きます。１０番、中野議員。"),
        ("中野議員", "はい、議長。通告に従いまして、公共施設の再編について伺います。"),
        ("市長", "お答えいたします。地域の皆様に丁寧に説明してまいります。")]


def test_questions_and_answers_whose_questioner_only_a_numbered_heading_names():
    doc = parse_text("ichimon.txt", "令和６年第４回あおい市議会定例会\n一般質問（一問一答方式）の要旨\n質問日　令和６年１２月４日（水）\n"
                     "１　森田　健司　議員（市民クラブ）\n件名１　空き家対策について\n【質問】\n特定空家等への対応について伺う。\n"
                     "【答弁】（都市整備部長）\n１５件は所有者による解体が行われた。\n【再質問】\nチラシを同封してはどうか。\n"
                     "【答弁】（市長）\n来年度から同封する方向で準備する。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("森田健司議員", "件名１　空き家対策について"), ("都市整備部長", "件名１　空き家対策について"),
        ("森田健司議員", "件名１　空き家対策について"), ("市長", "件名１　空き家対策について")]


def test_a_minus_sign_page_number_and_a_contact_line_after_the_last_speech_are_no_speech():
    doc = parse_text("kosei.txt", "あさひ県議会厚生環境委員会記録\n令和６年１０月２日（水）\n"
                     "○委員長（井上　誠君）　ただいまから委員会を開会いたします。\n"
                     "○野口委員　介護人材の確保について伺います。\n                  − 4 −\n"
                     "○委員長（井上　誠君）　以上で本日の委員会を閉会いたします。\n"
                     "このページに関するお問い合わせ：議会事務局 電話：000-000-0000\n")
    assert [r.text for r in doc.remarks] == ["ただいまから委員会を開会いたします。", "介護人材の確保について伺います。",
                                             "以上で本日の委員会を閉会いたします。"]


def test_a_record_whose_verbatim_turns_give_way_to_a_summarys_points_that_name_their_speakers():
    doc = parse_text("kyougikai.txt", "令和６年度第２回あおば県地域公共交通協議会　議事録\n・日時：令和６年１１月１９日（火）\n"
                     "・事務局：交通政策課\n"
                     "（１）路線バスの減便について\n○会長　ただいまから協議会を開会します。\n"
                     "○事務局（交通政策課長）　本年４月以降、県内の１２路線で減便しております。\n"
                     "（２）意見交換（要旨）\n・佐藤委員：運転士の確保には、賃金の引上げが欠かせない。\n"
                     "・事務局：広報について検討する。\n・会長：本日の意見を踏まえ、対応策を示していただきたい。\n（３）閉会\n以上\n")
    assert [(r.speaker, r.text, r.section) for r in doc.remarks][2:] == [
        ("佐藤委員", "運転士の確保には、賃金の引上げが欠かせない。", "（２）意見交換（要旨）"),
        ("事務局", "広報について検討する。", "（２）意見交換（要旨）"),
        ("会長", "本日の意見を踏まえ、対応策を示していただきたい。", "（２）意見交換（要旨）")]
    assert doc.remarks[1].text == "本年４月以降、県内の１２路線で減便しております。"


# ---------------------------------------------------------------- the seventeenth round: blind files of /tmp/layouts17
def test_a_ministry_record_with_a_spaced_heading_between_turns_and_a_dashed_end_mark():
    doc = parse_text("shingikai.txt", "情報通信審議会　情報通信技術分科会（第１６０回）議事録\n第１　開催日時及び場所\n"
                     "　令和６年１０月８日（火）　１４時００分～１５時３０分\n"
                     "○相沢分科会長　ただいまから分科会を開催いたします。\n議　　題\n"
                     "○相沢分科会長　それでは、議題に入ります。\n○病院事業管理者（山下修一君）　医師の確保について答弁いたします。\n"
                     "○安藤専門委員　上空での利用について伺います。\n○相沢分科会長　以上で閉会といたします。\n"
                     "――　了　――\n照会先\n総合通信基盤局電波部\n")
    assert [r.speaker for r in doc.remarks] == ["相沢分科会長", "相沢分科会長", "山下修一", "安藤専門委員", "相沢分科会長"]
    assert doc.remarks[0].text == "ただいまから分科会を開催いたします。" and doc.remarks[-1].text == "以上で閉会といたします。"


def test_a_summary_whose_body_opens_with_a_bracketed_heading_before_its_first_label():
    doc = parse_text("kantei.txt", "地域交通再生会議（第７回）\n議事要旨\n（開催要領）\n１．開催日時：2024年11月15日（金）17:45～18:25\n"
                     "（配布資料）\n資料１\u3000事務局提出資料\n（議事の概要）\n（新井副議長）\n"
                     "ただ今から、第７回地域交通再生会議を開催する。\n（中野議員）\n運転者の不足により、減便が急速に進んでいる。\n"
                     "（新井副議長）\n以上で本日の会議を終了する。\n――了――\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("新井副議長", "ただ今から、第７回地域交通再生会議を開催する。"), ("中野議員", "運転者の不足により、減便が急速に進んでいる。"),
        ("新井副議長", "以上で本日の会議を終了する。")]


# ---------------------------------------------------------------- the eighteenth round: blind files of /tmp/layouts18
def test_spaced_labels_in_a_pdf_tables_cell_and_before_a_colon():
    table = parse_text("toshikeikaku.txt", "令和６年度第２回みどり町都市計画審議会　会議録\n１　日　時　令和６年１１月１２日（火）\n"
                       "５　審議の経過\n議　長 ただいまから令和６年度第２回みどり町都市計画審議会を開\n会します。\n"
                       "事務局（都市整備課長）議案第１号について御説明します。\n議　長 説明が終わりました。御質疑はございませんか。\n"
                       "３番委員 敷地面積の最低限度を１６５平方メートルとした根拠を教え\nてください。\n")
    assert [r.speaker for r in table.remarks] == ["議長", "事務局（都市整備課長）", "議長", "３番委員"]
    assert table.remarks[0].text.replace("\n", "") == "ただいまから令和６年度第２回みどり町都市計画審議会を開会します。"
    colon = parse_text("kougai.txt", "第４５回ひかり県公害審査会　議事概要\n１　日　時　令和６年１０月２１日（月）\n５　議事概要\n"
                       "会　長　：ただいまから第４５回ひかり県公害審査会を開会します。\n事務局　：資料１により報告します。\n"
                       "委　員　：現地調査では、夜間の騒音も測定したのでしょうか。\n")
    assert [(r.speaker, r.text[:6]) for r in colon.remarks] == [
        ("会長", "ただいまから"), ("事務局", "資料１により"), ("委員", "現地調査では")]


def test_a_summarys_first_paragraph_under_a_roman_numbered_heading_is_never_front_matter():
    doc = parse_text("boj.txt", "金融政策決定会合　議事要旨（2024年12月18、19日開催分）\n2025年1月24日　日本銀行\n"
                     "I．開催要領\n1．開催日時：2024年12月18日（14:00～16:00）\n2．場所：日本銀行本店\n"
                     "II．前回会合以降の金融市場調節の運営実績\n前回会合以降、執行部は、金融市場調節方針に従って、無担保コールレートを"
                     "０．２５％程度で推移させた。短期金融市場では、金利は総じて安定的に推移した。\n"
                     "III．金融経済情勢に関する討議の概要\nある委員は、個人消費は底堅く推移しているとの見方を示した。\n")
    text = "".join(r.text for r in doc.remarks)
    assert "執行部は、金融市場調節方針に従って" in text and "III" not in text and "ある委員は" in text


def test_a_markdown_list_of_bold_labels_and_a_sector_representative():
    from search.ingest.loaders import read_markdown

    text, _ = read_markdown("# 子ども・子育て会議\n\n- **会長**　定刻になりましたので始めます。\n\n"
                            "- **委員（保育所代表）**　保育士の確保が課題です。\n\n- **日時**：令和６年１１月５日\n")
    assert "会長\u3000定刻になりましたので始めます。" in text and "委員（保育所代表）\u3000保育士の確保が課題です。" in text
    assert "・**日時**" not in text and "・日時：令和６年１１月５日" in text
    from search.ingest.roles import speaker_of
    assert speaker_of("委員（保育所代表）") == ("委員（保育所代表）", "委員")      # a sector it speaks for, no name


def test_a_record_whose_line_breaks_were_lost_in_copying_reads_turn_by_turn():
    body = ("○委員長（木村和夫君）　ただいまから文教委員会を開会いたします。紹介議員から趣旨の説明を求めます。"
            "○紹介議員（中原早苗君）　請願の趣旨を説明いたします。特別教室には設置されておりません。－２－昨年の夏は、"
            "熱中症の疑いで保健室を利用した児童が増えました。○委員長（木村和夫君）　質疑はありませんか。"
            "○委員（久保田亮君）　事業費の見込みを伺います。○委員長（木村和夫君）　ほかに質疑はありませんか。"
            "〔「なし」と呼ぶ者あり〕質疑を終結いたします。\n")
    doc = parse_text("flowed.txt", "令和６年１２月１３日　文教委員会記録\n\n" + body)
    assert [r.speaker for r in doc.remarks] == ["木村和夫", "中原早苗", "木村和夫", "久保田亮", "木村和夫"]
    assert doc.remarks[1].text.replace("\n", "") == ("請願の趣旨を説明いたします。特別教室には設置されておりません。"
                                                     "昨年の夏は、熱中症の疑いで保健室を利用した児童が増えました。")
    # one label quoted inside a speech is no turn: a line is cut only where it holds two or more
    quoted = parse_text("quoted.txt", "文教委員会記録\n\n○委員長（木村和夫君）　議事録の「○委員（久保田亮君）」の"
                        "発言の訂正を諮ります。異議ありませんか。\n")
    assert [r.speaker for r in quoted.remarks] == ["木村和夫"]


def test_academic_posts_are_speakers_even_when_their_first_line_wraps_before_the_sentence_ends():
    doc = parse_text("kyoujukai.txt", "令和６年度第９回文学部教授会議事録\n日　時：令和６年１２月１１日（水）\n【審議事項】\n"
                     "１．カリキュラムの改正について\n学部長：資料１に基づき、カリキュラムの改正案について説明します。\n"
                     "佐藤教授：必修科目が増えることで、他学部の授業を履修する余地が狭くなることを心配\n"
                     "しています。卒業要件の単位数は変わらないのでしょうか。\n"
                     "小池准教授：必修とするのであれば、担当できる教員の確保が必要です。非常勤講師の予\n"
                     "算措置はどうなっていますか。\n事務長：入学試験の監督者の割当てについて、別紙のとおりお願いします。\n")
    assert [r.speaker for r in doc.remarks] == ["学部長", "佐藤教授", "小池准教授", "事務長"]
    assert doc.remarks[1].text.replace("\n", "").endswith("変わらないのでしょうか。")


def test_a_summary_of_unnamed_members_paragraphs_and_an_attendees_statement_in_points(tmp_path):
    # 日本銀行の議事要旨: 開催要領 is front matter; each 「ある委員は、…」 paragraph is one unnamed member's remark;
    # 「財務省の出席者から、以下の趣旨の発言があった。」 hands its points to one statement of that attendee
    path = tmp_path / "youshi.html"
    path.write_text(
        "<html><head><meta charset='utf-8'><title>金融政策決定会合 議事要旨</title></head><body>"
        "<h1>金融政策決定会合 議事要旨</h1><p>（2024年12月18、19日開催分）</p>"
        "<h2>I．開催要領</h2><p>1．開催日時：2024年12月18日（14:00～16:00）<br>12月19日（ 9:00～12:10）</p>"
        "<p>2．場所：日本銀行本店</p><p>3．出席委員：<br>議長　植田和男（総裁）<br>内田真一（副総裁）</p>"
        "<h2>III．金融経済情勢に関する討議の概要</h2>"
        "<p>委員は、わが国の景気は、緩やかに回復しているとの認識で一致した。</p>"
        "<p>ある委員は、賃金の上昇が続くもとで、個人消費は底堅く推移しているとの見方を示した。</p>"
        "<p>複数の委員は、海外経済の不確実性が高く、その影響を十分注視する必要があると述べた。</p>"
        "<h2>V．政府からの出席者の発言</h2><p>財務省の出席者から、以下の趣旨の発言があった。</p>"
        "<p>・政府は、経済・財政一体改革を着実に推進する。</p>"
        "<p>・日本銀行には、適切な金融政策運営を行うことを期待する。</p>"
        "<p>内閣府の出席者からは、以下の趣旨の発言があった。</p>"
        "<p>・政府は、総合経済対策を迅速かつ着実に実行していく。</p></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.text.split("、")[0]) for r in doc.remarks] == [
        (None, "委員は"), (None, "ある委員は"), (None, "複数の委員は"),
        ("財務省の出席者", "・政府は"), ("内閣府の出席者", "政府は")]
    assert "期待する。" in doc.remarks[3].text
    assert not any("本店" in r.text or "植田" in r.text for r in doc.remarks)      # the front matter is no remark


def test_the_records_account_of_an_outcome_after_a_turn_is_no_part_of_the_speech():
    doc = parse_text("kyoujukai.txt", "文学部教授会議事録\n日　時：令和６年１２月１１日（水）\n【審議事項】\n"
                     "１．令和７年度文学部カリキュラムの改正について\n"
                     "学部長：資料１に基づき、カリキュラムの改正案について説明します。\n"
                     "佐藤教授：必修科目が増えることで、他学部の授業を履修する余地が狭くなることを心配しています。\n"
                     "学部長：自由選択の枠は確保しております。それでは、原案のとおり承認してよろしいでしょうか。\n"
                     "審議の結果、原案のとおり承認された。\n"
                     "２．特任教員の採用について\n"
                     "学部長から資料２に基づき説明があり、審議の結果、原案のとおり承認された。\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("学部長", "資料１に基づ"), ("佐藤教授", "必修科目が増"), ("学部長", "自由選択の枠"), (None, "審議の結果、"),
        (None, "学部長から資")]
    assert doc.remarks[2].text.endswith("よろしいでしょうか。")


def test_a_roundtable_whose_turns_are_led_by_the_family_names_of_its_roster():
    doc = parse_text("zadankai.txt", "座談会「これからの地域交通を考える」\n令和６年８月２７日　あおば市役所にて収録\n\n"
                     "出席者（敬称略）\n　森田　浩　　　（あおば市長）\n　北村　慎也　　（あおば交通株式会社　運行管理部長）\n"
                     "　司会　村瀬　彩（あおば市企画政策課）\n\n"
                     "――本日はありがとうございます。まず、路線バスの現状についてお聞かせください。\n\n"
                     "北村　はい。当社では、この５年間で運転士が約２割減りました。\n\n"
                     "森田　運転士の確保は、市としても大きな課題だと受け止めています。\n\n"
                     "――デマンド交通への期待も大きいと聞きます。\n\n"
                     "北村　デマンド交通は、需要の少ない地域では効率的です。\n")
    assert [(r.speaker, r.text[:5]) for r in doc.remarks] == [
        ("司会", "本日はあり"), ("北村", "はい。当社"), ("森田", "運転士の確"), ("司会", "デマンド交"), ("北村", "デマンド交")]


PREFECTURAL = ("令和８年２月定例会（第３号）\n開催日：令和 8年 2月25日\n\n〇出席議員　44名\n　　１番　　井　川　　　剛\n"
               "　　９番　　三　宅　浩　正\n　４７番　　岡　田　己　宜\n\n〇出席理事者\n　知事　　　　　　　　　　中　村　時　広\n"
               "　　観光スポーツ文化部長　金　子　浩　一\n\n〇出席事務局職員\n　事務局長　　　　　　　　須　藤　達　也\n\n"
               "○議事日程（第３号）\n　第１　知事提出議案\n\n"
               "○（三宅浩正議長）　ただいまから、本日の会議を開きます。\n"
               "○47番（岡田己宜君）（拍手）県内の観光振興について伺います。県の所見をお伺いします。\n"
               "○（中村時広知事）　観光振興につきましては、誘客に全力で取り組んでまいります。\n"
               "○（金子浩一観光スポーツ文化部長）　補足して御説明いたします。\n"
               "　本年度は、ＳＮＳを活用した情報発信の予算を拡充しております。\n")


def test_a_prefectural_record_whose_labels_are_wholly_in_brackets_takes_the_names_from_its_roster():
    from search.persons import build_persons
    doc = parse_text("ehime.txt", PREFECTURAL)
    assert [(r.speaker, r.role, r.text[:5]) for r in doc.remarks] == [
        ("三宅浩正議長", "議長", "ただいまか"), ("岡田己宜", "議員", "県内の観光"), ("中村時広知事", "知事", "観光振興に"),
        ("金子浩一観光スポーツ文化部長", "部長", "補足して御")]
    assert {(a["name"], a["group"]) for a in doc.document.attendees} >= {
        ("三宅浩正", "出席議員"), ("中村時広", "出席理事者"), ("金子浩一", "出席理事者"), ("須藤達也", "出席事務局職員")}
    persons, _ = build_persons([doc])       # the name the roster prints, not the name and the post run together
    assert {p.name for p in persons} == {"三宅浩正", "岡田己宜", "中村時広", "金子浩一"}


def test_a_committee_label_wholly_in_brackets_alone_on_its_line_and_a_text_under_a_heading_are_kept():
    doc = parse_text("hyogo.txt", "令和７年総務常任委員会（６月１０日）\n\n○（議事日程）\n○（部外局関係）\n○委員長（門間雄司）\n"
                     "　　ただいまから総務常任委員会を開会します。\n○（庄本えつこ委員）\n　　１点お伺いします。\n"
                     "　　中小企業への支援はどうなっていますか。\n○（内藤兵衛委員長発言の概要）\n"
                     "　　運営について申し合わせたとおりです。\n○（２　閉会中の継続調査事件）\n○委員長（門間雄司）\n"
                     "　　以上で本日の委員会を閉会します。\n")
    assert [(r.speaker, r.section, r.text[:5]) for r in doc.remarks] == [
        ("門間雄司", "（部外局関係）", "ただいまか"), ("庄本えつこ委員", "（部外局関係）", "１点お伺い"),
        (None, "（内藤兵衛委員長発言の概要）", "運営につい"), ("門間雄司", "（２　閉会中の継続調査事件）", "以上で本日")]


def test_a_city_committee_record_with_the_name_and_post_set_apart_alone_over_the_speech(tmp_path):
    path = tmp_path / "hiroshima.html"      # as the VOICES system serves a committee: 「○川本　委員長　」 alone
    path.write_text("<html><body>令和　７年　７月２５日総務委員会<BR><BR>　　総務委員会会議録（令和７年７月２５日）<BR>"
                    "<P>○川本　委員長　<BR>　ただいまから、総務委員会を開会いたします。<BR>　　　（正副委員長起立）<BR>"
                    "<P>◎塩谷　危機管理担当局長　<BR>　危機管理室の組織は３課で、職員数は３８人でございます。<BR>"
                    "<P>◆中村　委員　<BR>　請願第１９号に関わる認識を教えてください。<BR>"
                    "<P>◆くまがい誠一　委員　　関連して伺います。市民への周知はどのように行いますか。<BR>"
                    "<P>○川本　委員長　<BR>　ほかに、御意見等はございませんか。<BR>　　　（「なし」の声あり）<BR>"
                    "</body></html>", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.role, r.text) for r in doc.remarks] == [
        ("川本委員長", "委員長", "ただいまから、総務委員会を開会いたします。"),
        ("塩谷危機管理担当局長", "局長", "危機管理室の組織は３課で、職員数は３８人でございます。"),
        ("中村委員", "委員", "請願第１９号に関わる認識を教えてください。"),
        ("くまがい誠一委員", "委員", "関連して伺います。市民への周知はどのように行いますか。"),
        ("川本委員長", "委員長", "ほかに、御意見等はございませんか。")]


def test_a_town_record_with_the_seat_before_an_unbracketed_name_and_its_marked_stage_directions():
    doc = parse_text("town.txt", "令和７年第４回定例会会議録（第２号）\n令和７年１２月９日\n\n◎一般質問\n"
                     "〇議長（佐藤鈴江君）　一般質問を行います。14番、松村潤議員。\n○（１４番　松村潤君登壇）\n"
                     "〇14番　松村　潤議員  一般質問いたします。学校給食費の無償化について伺います。\n"
                     "〇議長（佐藤鈴江君）　副村長。\n○（副村長登壇）\n"
                     "〇副村長（黒岩　彰君）　ご報告いたします。予算は補正で対応いたします。\n")
    assert [(r.speaker, r.role, r.section) for r in doc.remarks] == [
        ("佐藤鈴江", "議長", "一般質問"), ("松村潤", "議員", "一般質問"), ("佐藤鈴江", "議長", "一般質問"),
        ("黒岩彰", "副村長", "一般質問")]
    assert doc.remarks[1].text == "一般質問いたします。学校給食費の無償化について伺います。"


def test_the_numbers_a_web_system_puts_before_each_speech_and_its_list_of_speakers_are_no_speech(tmp_path):
    path = tmp_path / "dbsr.html"
    path.write_text('<html><body><h1>令和７年12月定例会（第５日）　本文</h1><ul>'
                    '<li><span class="voice__name">◯議長（中本隆志君）</span></li>'
                    '<li><span class="voice__name">◯藤井敏子君</span></li></ul><ul>'
                    '<li><p><span>1:</span>\n◯議長（中本隆志君）　これより会議を開きます。藤井敏子君。</p></li>'
                    '<li><p><span>2:</span>\n◯藤井敏子君　質問いたします。<br />知事の御所見をお伺いします。</p></li>'
                    "</ul></body></html>", encoding="utf-8")
    doc = load_document(path)
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("中本隆志", "これより会議を開きます。藤井敏子君。"), ("藤井敏子", "質問いたします。\n知事の御所見をお伺いします。")]


def test_a_label_alone_with_a_blank_after_it_in_a_text_file():
    doc = parse_text("committee.txt", "総務委員会会議録（令和７年７月２５日）\n○川本　委員長　\n　ただいまから開会いたします。\n"
                     "◆中村　委員　\n　認識を教えてください。\n◎今井税制課長　\n　国の制度でございます。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("川本委員長", "ただいまから開会いたします。"), ("中村委員", "認識を教えてください。"),
        ("今井税制課長", "国の制度でございます。")]


def test_town_records_that_print_the_name_after_the_post_or_the_seat_or_a_question_and_who_asks_it():
    doc = parse_text("hachirogata.txt", "令和６年第２回八郎潟町議会定例会会議録（第２号）\n令和６年６月１２日（水曜日）\n"
                     "議長 伊藤秋雄 おはようございます。これより本日の会議を開きます。\n"
                     "日程第１、一般質問を行います。\n町長 畠山菊夫 お答えします。町営住宅については、順次建て替えを進める\n"
                     "予定であります。\n議長 伊藤秋雄 産業課長。\n産業課長 相澤重則 ご説明します。移住者向けの住宅も確保します。\n")
    assert [(r.speaker, r.role, r.text[:5]) for r in doc.remarks] == [
        ("伊藤秋雄", "議長", "おはようご"), ("畠山菊夫", "町長", "お答えしま"), ("伊藤秋雄", "議長", "産業課長。"),
        ("相澤重則", "課長", "ご説明しま")]
    doc = parse_text("nakijin.txt", "令和６年第３回今帰仁村議会定例会会議録（第２号）\n令和６年９月１０日（火）\n"
                     "○　上原祐希　議長　ただいまの出席議員は11名です。定足数に達しておりますので、これよ\n"
                     "り本日の会議を開きます。\n○　5番　石嶺美奈実　質問します。子どもの貧困対策について伺います。\n"
                     "○２番 佐藤博 それでは質問いたします。\n○　久田浩也　村長　お答えします。\n")
    assert [(r.speaker, r.role, r.text[:5]) for r in doc.remarks] == [
        ("上原祐希議長", "議長", "ただいまの"), ("石嶺美奈実", "議員", "質問します"), ("佐藤博", "議員", "それでは質"),
        ("久田浩也村長", "村長", "お答えしま")]
    doc = parse_text("tohma.txt", "令和７年第１回定例会（３月１３日召集）\n一般質問と答弁\n\n"
                     "○質問　上杉達則議員「米の価格高騰についての対策」\n　町の支援策について伺います。\n\n"
                     "○答弁　村椿哲朗町長\n　ご質問にお答えします。補助金を交付しております。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [
        ("上杉達則議員", "「米の価格高騰についての対策」\n町の支援策について伺います。"),
        ("村椿哲朗町長", "ご質問にお答えします。補助金を交付しております。")]


def test_ministry_summaries_with_points_before_the_first_heading_a_label_alone_over_its_points_and_an_officials_post():
    doc = parse_text("points.txt", "第５回人材確保検討会　議事要旨\n日時：令和６年５月１０日\n場所：中央合同庁舎\n"
                     "○　これまでの議論の整理について意見交換。\n○　人材の確保が最大の課題であり、処遇の改善を急ぐべき。\n\n"
                     "議事概要\n骨子案の方向性に賛成する意見があった。\n")
    assert [r.text for r in doc.remarks] == ["これまでの議論の整理について意見交換。",
                                             "人材の確保が最大の課題であり、処遇の改善を急ぐべき。",
                                             "骨子案の方向性に賛成する意見があった。"]
    doc = parse_text("answer.txt", "第４回検討会　議事要旨\n１．日時　令和６年７月３日\n２．出席者\n"
                     "【委員】山田太郎、佐藤花子\n【事務局】鈴木課長\n３．議事\n【山田委員】\n支援を拡充すべきではないか。\n"
                     "【事務局】\n○　ご指摘の点は、次期計画で検討したい。\n○　支援策の内容は、年度内に計画に明記する。\n"
                     "【川村調整官】　補足いたします。予算は概算要求に盛り込みます。\n")
    assert [(r.speaker, r.role, len(r.paragraphs)) for r in doc.remarks] == [
        ("山田委員", "委員", 1), ("事務局", "事務局", 2), ("川村調整官", "調整官", 1)]
    doc = parse_text("title.txt", "第２回デジタル人材検討会\n\n議事概要\n\n日時：令和６年９月２日（月）14:00～16:00\n"
                     "場所：オンライン\n出席者：田中座長、高橋委員\n\n議題\n（１）中間とりまとめについて\n\n"
                     "田中座長：本日は中間とりまとめについて議論したい。\n高橋委員：データの整備が急務である。\n"
                     "担当：ご指摘を踏まえて修正する。\n")
    assert doc.document.date == "2024-09-02"                      # 議事概要 under the title is no body heading
    assert turns(doc) == [("田中座長", "座長"), ("高橋委員", "委員"), ("担当", "担当")]


def test_a_numbered_attendance_key_over_a_group_line_the_closing_time_and_sides_that_speak_are_no_ones_speech():
    doc = parse_text("mext.txt", "中央教育審議会　教育課程部会（第１３５回）　議事録\n\n1．日時\n令和６年１月２９日（月曜日）\n\n"
                     "2．議題\n教育課程の実施状況について\n\n4．出席者\n委員\n荒瀬克己、石井英真、今村久美\n文部科学省\n藤江陽子、望月禎\n\n"
                     "5．議事録\n【荒瀬部会長】  皆様、おはようございます。ただいまから部会を開催いたします。\n"
                     "【石井委員】  質問させていただきます。\n")
    assert turns(doc) == [("荒瀬部会長", "部会長"), ("石井委員", "委員")]      # 4．出席者 / 委員 is no label cut in two
    doc = parse_text("mof.txt", "財政制度等審議会財政制度分科会　議事要旨\n\n1.日時　令和６年４月９日（火）14:00～15:39\n\n"
                     "4.議事内容\n〇　委員から以下の意見があった。\n・財政健全化の目標を堅持すべき。\n・歳出改革を着実に進めるべき。\n\n"
                     "午後3時39分閉会\n")
    assert doc.remarks[-1].text.endswith("歳出改革を着実に進めるべき。")
    doc = parse_text("sides.txt", "国と地方の協議の場　議事要旨\n令和６年５月１０日\n\n＜地方自治体発言＞\n"
                     "・地方財源の確保をお願いしたい。\n・交付税の総額を確保すべき。\n＜国側発言＞\n・地方の意見を踏まえて検討する。\n")
    assert [r.speaker for r in doc.remarks] == ["地方自治体", "地方自治体", "国側"]
    doc = parse_text("esashi.txt", "令和６年第３回江差町議会定例会会議録\n令和６年９月１０日\n「議長」\n"
                     "ただいまから本日の会議を開きます。\n「町長」\nお答えいたします。道路の整備は計画的に進めます。\n"
                     "「住民の声を聞け」\nという意見もいただいております。\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [("議長", "ただいまから"), ("町長", "お答えいたし")]
    assert "「住民の声を聞け」" in doc.remarks[-1].text                   # a quotation alone on its line stays speech


def test_prefectural_records_with_a_spaced_name_a_circled_date_and_headings_between_the_chairs_turns():
    doc = parse_text("chiba.txt", "令和7年6月25日(水曜日)\n議事日程\n午後1時開議\n"
                     "○議長(瀧田敏幸君) これより本日の会議を開きます。\n議長の報告\n"
                     "○議長(瀧田敏幸君) 日程に入るに先立ち、諸般の報告を申し上げます。\n御報告いたします。\n議案訂正の件\n"
                     "○議長(瀧田敏幸君) 日程第1、議案第13号の訂正の件を議題といたします。\n"
                     "◯中村 実君 船橋市選出、自由民主党、中村実でございます。\n今回……\n"
                     "〇関 三郎委員長 これより本日の会議を開きます。\n")
    assert [(r.speaker, r.section) for r in doc.remarks] == [
        ("瀧田敏幸", None), ("瀧田敏幸", "議長の報告"), ("瀧田敏幸", "議案訂正の件"),
        ("中村実", "日程第1、議案第13号の訂正の件"), ("関三郎委員長", "日程第1、議案第13号の訂正の件")]   # the item taken up
    assert [r.text.split("。")[-1] for r in doc.remarks] == ["", "", "", "\n今回……", ""]   # a speech cut short is speech
    doc = parse_text("mie.txt", "平成19年第3回\n三重県議会定例会会議録\n第 1 号\n〇平成19年9月27日(木曜日)\n"
                     "──────────────────\n◎知事(野呂昭彦君) 開会に当たりまして、一言ごあいさつ申し上げます。\n"
                     "○議長(岩名秀樹君) おはようございます。\n")
    assert doc.document.date == "2007-09-27" and [r.speaker for r in doc.remarks] == ["野呂昭彦", "岩名秀樹"]


def test_ministry_records_whose_date_key_stands_over_its_value_and_whose_officials_speak_for_the_ministry():
    doc = parse_text("mofa.txt", "政策評価\n\n平成28年2月23日\n\n1 日時\n\n 平成28年1月27日(水曜日) 14時40分~16時25分\n\n"
                     "2 場所\n\n 外務省\n\n3 出席者\n\n(有識者)(五十音順)\n秋月 謙吾 京都大学大学院法学研究科 教授\n(外務省)\n"
                     "小野大臣官房総務課長,鈴木大臣官房考査・政策評価官\n\n4 議事概要\n\n【外務省】\n"
                     " まず,本日の会合の流れを説明する。\n【秋月委員】\n 評価の指標を見直すべきだ。\n")
    assert doc.document.date == "2016-01-27"                     # the meeting's, not the page's
    assert [(r.speaker, r.text[:4]) for r in doc.remarks] == [("外務省", "まず,本"), ("秋月委員", "評価の指")]
    doc = parse_text("fsa.txt", "金融審議会金融分科会第二部会会合(第6回)議事録\n\n平成13年6月20日\n金融庁 総務企画局\n\n"
                     "○ 福井部会長\n\n大変お待たせいたしました。\n\n○ 和田日本銀行参事役\n\n和田でございます。\n\n"
                     "○ 内田内閣府事務次官\n\n委員の皆様におかれましては、よろしくお願いします。\n")
    assert turns(doc) == [("福井部会長", "部会長"), ("和田日本銀行参事役", "参事役"), ("内田内閣府事務次官", "事務次官")]
    doc = parse_text("env.txt", "中央環境審議会瀬戸内海部会(第2回)議事要旨\n\n1. 日時 平成15年12月1日\n\n5. 議事概要\n"
                     "  • 会議は公開で行われた。\n  • 部会の運営について確認された。\n  6. 問い合わせ先\n"
                     "    環境省水環境部閉鎖性海域対策室 03−5521−8319\n\n  7. 配布資料\n    資料−1中央環境審議会瀬戸内海部会委員名簿\n")
    assert "問い合わせ" not in " ".join(r.text for r in doc.remarks) and "資料" not in doc.remarks[-1].text


def test_a_programme_whose_list_of_papers_comes_before_the_first_speech_keeps_the_speech():
    doc = parse_text("soumu.txt", "会議資料・開催案内等\n\n29次地方制度調査会 第1回総会 次第\n\n平成19年7月3日(火)\n総理大臣官邸 大ホール\n\n"
                     "1 会長、副会長の選任\n2 会長、副会長あいさつ\n\n配付資料\n地方制度調査会委員名簿(PDF)\n"
                     "地方制度調査会関係規程(PDF)\n\n○内田内閣府事務次官 委員の皆様におかれましては、御出席いただきありがとうございます。\n"
                     " 私は、内閣府事務次官の内田でございます。\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [("内田内閣府事務次官", "委員の皆様に")]
    assert "名簿" not in doc.remarks[0].text and doc.document.date == "2007-07-03"


def test_a_summarys_account_of_who_explained_names_the_post_not_its_qualifier_nor_the_bullet():
    doc = parse_text("maff.txt", "食料・農業・農村政策審議会企画部会 議事概要\n平成26年1月28日\n\n1. 議事\n"
                     "・総括審議官(国際)より、TPP交渉の現状について説明。\n・消費・安全局長より、外食メニューの表示について説明。\n"
                     "(渡邉委員)\n・農村地域では、様々なことが起こっている。\n")
    assert turns(doc) == [("総括審議官(国際)", "審議官"), ("消費・安全局長", "局長"), ("渡邉委員", "委員")]


def test_a_record_whose_line_breaks_were_all_lost_is_indexed_as_text_not_refused_as_empty():
    text = ("令和 2年 4月  議会運営委員会−04月09日-01号 令和2年4月9日   午後1時00分開会 ○深川 委員長 ただいまから"
            "議会運営委員会を開会いたします。  継続調査事件を一括して上程いたします。 ◆清水 委員 今の委員長のお話にありましたように、"
            "常任委員会の開催は見送るべきと考えます。\n")
    doc = parse_text("ota.txt", text)
    assert doc.document.date == "2020-04-09"
    assert "常任委員会の開催は見送るべき" in " ".join(p.text for p in doc.passages)


def test_a_ministry_page_copied_with_its_navigation_and_a_date_and_place_key():
    doc = parse_text("maff.txt", "ホーム > 組織・政策 > 審議会 > 施策部会\n\n\nここから本文です。\n\n"
                     "食料・農業・農村政策審議会 第2回施策部会 議事録\n\n日時:平成13年7月12日(木曜日) 10時00分~12時00分\n"
                     "場所:三田共用会議所\n開 会\n甲斐(諭)部会長 ただいまから施策部会を開催いたします。\n"
                     "武本企画評価課長 それでは、お手元の資料を御説明します。\n")
    assert (doc.document.title, doc.document.date) == ("食料・農業・農村政策審議会 第2回施策部会 議事録", "2001-07-12")
    assert "本文" not in " ".join(r.text for r in doc.remarks)
    doc = parse_text("maff2.txt", "食糧部会 議事録(平成30年3月28日開催)\n\n1.日時及び場所\n\n平成30年3月28日(水曜日)13時00分~\n"
                     "農林水産省 7階講堂\n\n2.議事\n\n(1) 麦の需給について\n\n3.概要\n\n【近藤課長補佐】\n予定の時刻がまいりました。\n")
    assert [(r.speaker, r.text) for r in doc.remarks] == [("近藤課長補佐", "予定の時刻がまいりました。")]


def test_a_summarys_sentence_over_the_points_and_a_link_alone_are_no_ones_words():
    doc = parse_text("mlit.txt", "第25回国土審議会 議事要旨\n\n1.日時 令和5年6月7日\n\n主な発言内容(委員発言順)\n"
                     "事務局より議事について説明を行ったのち、各委員から意見などの発言や事務局から回答を行った。"
                     "各委員から出た意見や事務局の回答は以下のとおり。\n\n"
                     "○富士山の噴火や頻発する地震などの心配がある中で、議論を深める必要がある。\n"
                     "○様々な重要課題があると改めて感じた。\n動画：\nhttps://www.youtube.com/watch?v=zLIS-lS5b2s\n")
    assert [r.text[:5] for r in doc.remarks] == ["富士山の噴", "様々な重要"]
    assert "youtube" not in doc.remarks[-1].text


def test_a_members_page_with_the_one_turn_of_the_record_names_its_speaker():
    doc = parse_text("misato.txt", "2021年6月議会一般質問\n\n1.防災センター・道の駅の誘致について\n2.ペイジー収納サービスの採用について\n\n"
                     "◆17番(加藤英泉議員) 通告に従いまして、順次ご質問をさせていただきます。\n"
                     "まず、防災センターについて伺います。\n")
    assert [(r.speaker, r.text[:9]) for r in doc.remarks][-1] == ("加藤英泉", "通告に従いまして、")


def test_a_board_of_educations_record_with_the_post_over_the_name_is_read_not_refused():
    doc = parse_text("yukuhashi.txt", "教育委員会会議録\n平成28年3月24日\n○教育政策係長\n大園健朗君\n"
                     "それでは、皆さん、お揃いのようですので始めます。\n○教育長\n笹山忠則君\nそれでは、開会させていただきます。\n"
                     "前回議事録の承認\n○教育長\n笹山忠則君\n最初に、前回の会議録の御確認をお願いします。\n")
    assert [(r.speaker, r.role, r.section) for r in doc.remarks] == [
        ("大園健朗", "係長", None), ("笹山忠則", "教育長", None), ("笹山忠則", "教育長", "前回議事録の承認")]


def test_municipal_pages_with_their_rosters_keys_and_updates_before_the_speech():
    doc = parse_text("soumu.txt", "第16回独立行政法人評価制度委員会 議事録\n\n日時\n\n平成30年6月29日(金)15時30分から\n\n"
                     "出席者\n\n(委員)野路國夫委員長、樫谷隆夫委員長代理、天野玲子委員\n\n(事務局等)栗原管理官他\n\n議事\n\n"
                     "  1. 平成30年度の調査審議に当たって\n配付資料\n\n議事録\n\n"
                     "【野路委員長】  ただ今から第16回独立行政法人評価制度委員会を開会いたします。\n"
                     "【樫谷委員】  5月21日に評価部会を開催しました。\n")
    assert turns(doc) == [("野路委員長", "委員長"), ("樫谷委員", "委員")]     # before, both were lost
    doc = parse_text("isehara.txt", "第20回伊勢原市農業委員会総会議事録\n\n公開日 2013年11月29日\n\n最終更新日 2015年12月16日\n\n"
                     "日時:平成25年10月28日(月曜日)午前9時30分\n\n場所:市役所 2C会議室\n\n出席者:\n\n"
                     "(委員)古谷 邦久、田中 良平、増井 正明\n\n(事務局)\n\n古谷 京造、荒井 昌稔\n\n公開の可否:\n\n"
                     "審議内容(開会 午前9時30分)\n\n[事務局長] 定刻になりましたので、開会いたします。\n\n"
                     "[議長] 皆様おはようございます。\n")
    assert (doc.document.date, turns(doc)) == ("2013-10-28", [("事務局長", "事務局"), ("議長", "議長")])
    doc = parse_text("atsugi.txt", "厚木市個人情報保護審査会\n更新日：2022年11月15日\n会議開催日時 令和4年7月26日(火曜日)\n"
                     "会長：それでは開会します。\n委員：質問があります。\n")
    assert doc.document.date == "2022-07-26"                     # the meeting's, not the page's update
    doc = parse_text("komae.txt", "狛江市市民福祉推進委員会\n1 日時\n令和6年7月26日(金曜日)午後7時00分~8時45分\n2 会場\n"
                     "防災センター4階会議室およびオンライン\n3 出席者\n委員長:宮城 孝\n委員:白川 正和、北澤 智子\n事務局:\n"
                     "福祉政策課長(古内 洋一)\n4 欠席者\n加藤 雅江\n5 議題\n  1. 審議 各小委員会への付議について\n6 資料\n"
                     "7 会議の結果\n(委員長)\nみなさんこんばんは。議事を開始させていただきます。\n(事務局)\n 出席者について御報告いたします。\n")
    assert turns(doc) == [("委員長", "委員長"), ("事務局", "事務局")]
    doc = parse_text("gunma.txt", "文教警察常任委員会(教育委員会関係) 平成27年3月4日(水曜日)\n1.開催日時\n平成27年3月4日(水曜日)\n"
                     "3.出席委員\n委員長:星名建市、副委員長:安孫子哲\n4.欠席委員\nなし\n5.主な質疑\n"
                     "(1)群馬県いじめ問題等対策委員会について\n中村委員\n 委員はどういう人を選任するのか。\n関総務課長\n"
                     " 委員は教育委員会が委嘱する。\n中村委員\n 信頼される人を選任すべきだ。\n")
    assert turns(doc) == [("中村委員", "委員"), ("関総務課長", "課長"), ("中村委員", "委員")]


def test_a_city_committee_whose_labels_end_at_a_closing_bracket_alone():
    doc = parse_text("ishioka.txt", "平成29年度 総務委員会\n 第10回委員会 (1月22日)\n"
                     "出席委員 山本進委員長,櫻井茂副委員長,高野要委員\n議会事務局 庶務議事課主任(塚本志保)\n"
                     "山本委員長)ただ今から,総務委員会を開会いたします。\n 本日の議題は,お手元の協議案件書のとおりであります。\n"
                     "行革推進課長)石岡市,行方市,小美玉市及び茨城町における公の施設の広域利用についてご説明いたします。\n"
                     " 資料の1ページをご覧願います。\n山本委員長)ただ今の説明について,質疑はありませんか。\n")
    assert [(r.speaker, r.text[:5]) for r in doc.remarks] == [
        ("山本委員長", "ただ今から"), ("行革推進課長", "石岡市,行"), ("山本委員長", "ただ今の説")]


def test_a_date_cited_deep_in_a_line_is_not_the_meetings():
    doc = parse_text("flat.txt", "議会運営委員会 塚谷委員長)ただ今から,議会運営委員会を開会いたします。本日の議題は,協議案件書のとおり"
                     "であります。次に,本日の審査に当たり,委員外議員の発言を許可いたします。前島委員)先の委員会で"
                     "ご説明申し上げましたとおり,この制度は昭和23年12月30日に施行されたもので,これまで運用してまいりました。\n")
    assert doc.document.date is None


def test_a_record_flattened_to_one_line_with_blanks_for_its_line_breaks_reads_turn_by_turn():
    doc = parse_text("mhlw.txt", "05/03/11 第2回医師の需給に関する検討会議事録            第2回 医師の需給に関する検討会議事録"
                     "                      日時 平成17年3月11日(金)                         10:00〜"
                     "                      場所 経済産業省別館1111号会議室 ○矢崎座長  定刻になりましたので、検討会を開催いたします。"
                     " ○長谷川委員  どうぞよろしくお願いします。 ○矢崎座長  それでは議事に入らせていただきます。"
                     " ○井上補佐  事務局より資料のご説明をいたします。\n")
    assert doc.document.date == "2005-03-11"
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("矢崎座長", "定刻になりま"), ("長谷川委員", "どうぞよろし"), ("矢崎座長", "それでは議事"), ("井上補佐", "事務局より資")]
    doc = parse_text("roster.txt", "議会運営委員会記録\n出席委員 ○山田委員 ○佐藤委員 ○鈴木委員\n"
                     "○委員長（高橋一郎君）　ただいまから開会いたします。\n○山田委員　質問いたします。\n")
    assert [r.speaker for r in doc.remarks] == ["高橋一郎", "山田委員"]        # a roster's marks are no turns


def test_records_with_a_bracketed_silence_a_rule_of_circles_and_a_roster_under_numbered_keys():
    doc = parse_text("kagoshima.txt", "予算特別委員会記録\n令和6年3月1日\n○山田(宏)委員長　定足数に達しましたので、ただいまから開会します。\n"
                     " 黙祷。\n   [黙  祷]\n○山田(宏)委員長　黙祷を終わります。\n"
                     "    ───────── 〇 ───────────────── 〇 ─────────\n○事務局　傍聴の希望はございませんでした。\n")
    assert [r.text for r in doc.remarks] == ["定足数に達しましたので、ただいまから開会します。\n黙祷。", "黙祷を終わります。",
                                             "傍聴の希望はございませんでした。"]
    doc = parse_text("matsudo.txt", "議会運営委員会\n平成27年3月2日\n3 出席委員\n委員長 市川恵一\n副委員長 伊東英一\n"
                     "4 正副議長\n議長 大井知敏\n傍聴議員 DELI議員、増田薫議員\n市川恵一委員長 それでは、議会運営委員会を開会させていただきます。\n"
                     "大井知敏議長 本会議後お疲れさまでございます。\n市川恵一委員長 ありがとうございました。\n")
    assert [r.speaker for r in doc.remarks] == ["市川恵一委員長", "大井知敏議長", "市川恵一委員長"]


def test_a_programmes_items_that_name_who_speaks_to_them_open_that_speakers_turn():
    doc = parse_text("oi.txt", "平成26年度第3回大井町子ども・子育て会議概要\n日 時 平成27年2月2日(月)13 時 30 分~15 時 30 分\n"
                     "出席者 西山委員 橋本委員\n事務局 石井子育て健康課長 橋本課長補佐\n1\n開 会(課長補佐)\n"
                     "ただいまから子ども・子育て会議を開催する。\n2\nあいさつ(子育て健康課長)\n今年度は3回目ということで計画案を提示する。\n"
                     "【会長よりあいさつ】\nいよいよ会議も大詰めということで、よろしくお願いする。\n")
    assert [(r.speaker, r.section, r.text[:4]) for r in doc.remarks] == [
        ("課長補佐", "開会", "ただいま"), ("子育て健康課長", "あいさつ", "今年度は"), ("会長", "あいさつ", "いよいよ")]


def test_a_committee_opened_with_a_clock_after_the_chairs_sentence_and_a_digests_q_and_a_letters():
    doc = parse_text("ebetsu.txt", "決算特別委員会 平成27年9月24日(木)\n(開会前)\n※ 日程確認\n(開 会)\n"
                     "委員長(山本君):決算特別委員会を開会いたします。(16:59)\n本日の日程は、次第に記載のとおりです。\n"
                     "丹羽主任:それでは、審査要領(案)について御説明申し上げます。\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [("山本", "決算特別委員"), ("丹羽主任", "それでは、審")]
    doc = parse_text("dotsu.txt", "道議会質疑 代表質問(令和元年11月29日)\n\n【質問者】\n\n▼内田尊之議員(自民党・道民会議)\n\n【答弁者】\n\n"
                     "▼鈴木直道知事\n\n◆道総合教育大綱について\n\nQ内田議員 知事は、教育大綱にどのような方針を盛り込むのか。\n\n"
                     "A鈴木知事 総合教育大綱について。将来を担う人材を育てる。\n\nQ須田議員 人口減少対策について伺う。\n\n"
                     "A鈴木知事 人口減少対策については、全庁を挙げて取り組む。\n")
    assert [r.speaker for r in doc.remarks] == ["内田議員", "鈴木知事", "須田議員", "鈴木知事"]


def test_a_digital_agency_page_with_posts_over_lists_of_members_and_a_summary_whose_lead_ends_a_statement():
    doc = parse_text("digital.txt", "デジタル臨時行政調査会作業部会(第15回)\n概要\n- 日時:令和4年(2022年)10月20日(木)10時30分から\n"
                     "- 場所:オンライン開催\n資料\n議事録等\n日時\n令和4年(2022年)10月20日(水)10時30分から12時00分まで\n出席者\n座長\n"
                     "- 大串正樹デジタル副大臣\n構成員\n- 安念潤司(弁護士中央大学大学院法務研究科教授)\n"
                     "- 稲谷龍彦(京都大学大学院法学研究科教授)\n議事録\n"
                     "事務局(小暮): それでは、時間となりましたので、これより第15回の作業部会を開催いたします。\n"
                     "安念副座長: おはようございます。それでは、早速、議事に入ります。\n")
    assert [r.speaker for r in doc.remarks] == ["小暮", "安念副座長"]
    doc = parse_text("keishin.txt", "経済審議会 議事概要\n1.日時 平成9年12月10日\n5.議事内容\n"
                     "総合計画局長から、経済計画フォローアップ報告について説明。なお、委員から以下のような意見が出された。\n"
                     "- 需要不足、金融システム不安を解消していくことを大胆に言明する必要がある。\n"
                     "- 海外が日本経済を見る目が厳しいということに踏み込む必要がある。\n")
    assert [(r.speaker, r.text[:4]) for r in doc.remarks] == [
        ("総合計画局長", "総合計画"), ("委員", "需要不足"), ("委員", "海外が日")]


def test_a_stage_direction_holding_brackets_of_its_own_is_no_speech():
    doc = parse_text("zeicho.txt", "税制調査会 第6回総会 議事録\n平成19年11月20日\n〇香西会長\n読み上げをお願いします。\n〇阪口補佐\n"
                     "(「答申(案)」読み上げ)\n〇香西会長\n長い間、御朗読いただきまして、ありがとうございました。\n")
    assert [(r.speaker, r.text[:4]) for r in doc.remarks] == [("香西会長", "読み上げ"), ("香西会長", "長い間、")]


def test_english_transcripts_with_posts_in_capitals_and_honorifics():
    doc = parse_text("kantei.txt", "Press Conference by the Chief Cabinet Secretary\nMonday, August 1, 2016 (AM)\n"
                     "REPORTER: I would like to ask a question about the election.\n"
                     "CHIEF CABINET SECRETARY SUGA: First of all, it is very regrettable.\n"
                     "REPORTER:In addition, what about the budget?\nCHIEF CABINET SECRETARY SUGA: We will decide it soon.\n")
    assert doc.document.date == "2016-08-01"
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("REPORTER", "記者"), ("CHIEF CABINET SECRETARY SUGA", "官房長官")] * 2
    doc = parse_text("digital.txt", "Digital Society Concept Meeting (7th)\nDate: April 25, 2023\n"
                     "Secretariat: As it is on time, the meeting will now begin.\n"
                     "Chairman Murai: Thank you for taking the time out of your busy schedules.\n"
                     "Mr. Kono, Minister for Digital Transformation,: Thank you. I will begin.\n"
                     "Mrs Evans: No agenda on the notice board this time.\n")
    assert [(r.speaker, r.role) for r in doc.remarks] == [
        ("Secretariat", "事務局"), ("Chairman Murai", "座長"), ("Mr. Kono, Minister for Digital Transformation", "大臣"),
        ("Mrs Evans", None)]


def test_a_page_holding_one_speech_and_a_report_announced_in_brackets():
    doc = parse_text("voices.txt", "○中村\u3000委員長\u3000ただいまから民生環境協議会を開きます。\n本日の案件は、所管事項の報告です。\n")
    assert [(r.speaker, r.role, r.text[:6]) for r in doc.remarks] == [("中村委員長", "委員長", "ただいまから")]
    doc = parse_text("katsushika.txt", "令和7年第1回定例会（第1日 2月14日）\n"
                     "○（伊藤よしのり議長）　出席議員は定足数に達しております。\n"
                     "○（伊藤よしのり議長）　次に、事務局長に庶務報告をいたさせます。\n　（杉立敏也事務局長報告）\n"
                     "　庶務報告を申し上げます。\n　１３番、大森ゆきこ議員から、欠席する旨の届出がありました。\n"
                     "○（伊藤よしのり議長）　区長から発言の申出があります。\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("伊藤よしのり議長", "出席議員は定"), ("伊藤よしのり議長", "次に、事務局"), ("杉立敏也事務局長", "庶務報告を申"),
        ("伊藤よしのり議長", "区長から発言")]


@pytest.mark.parametrize("sitting, date", [("第10回委員会 (1月22日)", "2018-01-22"), ("第6回委員会 (8月18日)", "2017-08-18")])
def test_a_day_under_a_fiscal_year_and_a_pages_contact_block(sitting, date):
    """石岡市議会's pages (cut to a sentence a line): the council's address, telephone and e-mail above the record, the
    fiscal year over the committee and the day in a bracket after the sitting; 平成29年度 runs from April, so its
    January is 2018's."""
    page = (
        '〒315-8640\n'
        '茨城県石岡市石岡一丁目1番地1\n'
        'Tel 0299(23)5600\n'
        '\n'
        'gikai@city.ishioka.lg.jp\n'
        '\n'
        '  \n'
        '\n'
        '\n'
        '平成29年度 総務委員会\n'
        '\n'
        ' 第10回委員会 (1月22日)\n'
        '出席委員 山本進委員長,櫻井茂副委員長,高野要委員,徳増千尋委員,塚谷重市委員,岡野孝男委員,菱沼和幸委員\n'
        '市執行部 【市長公室】\n'
        ' 市長公室長 佐々木敏夫,次長 細谷浩之,行革推進課長 塩畑浩行\n'
        '【財務部】\n'
        ' 財務部長 古内勝人,財務部理事兼庁舎建設担当 下河邊卓美,次長兼庁舎建設担当 鈴木 勉,管財課長兼庁舎設担当 栗原秀樹\n'
        '【八郷総合支所】\n'
        ' 八郷総合支所長 真家 忠,支所総務課長兼恋瀬出張所長 吉澤房江\n'
        '議会事務局 庶務議事課主任(塚本志保)\n'
        '\n'
        '\n'
        '山本委員長)ただ今から,総務委員会を開会いたします。\n'
        ' 本日の議題は,お手元に配布いたしました協議案件書のとおりであります。\n'
        ' 次に,本日説明員として出席を求めた者の職・氏名は,お手元に配布いたしました出席者名簿のとおりであります。\n'
        ' これより,議事に入ります。\n'
        ' はじめに,所管事務の調査として,石岡市,行方市,小美玉市及び茨城町における公の施設の広域利用に関する協定の見直しについてを議題といたします。\n'
        '\n'
        '行革推進課長)石岡市,行方市,小美玉市及び茨城町における公の施設の広域利用に関する協定の見直しについて, ご説明させていただきます。\n'
        ' 資料の1ページをご覧願います。\n'
        '\n')
    doc = parse_text("ishioka.txt", page.replace("第10回委員会 (1月22日)", sitting))
    assert doc.document.date == date
    assert doc.document.title == "平成29年度 総務委員会"
    assert [r.speaker for r in doc.remarks] == ["山本委員長", "行革推進課長"]


def test_a_mark_alone_or_with_the_surname_over_the_label_line():
    """草加市議会 as an aggregator prints it: ○ alone over 「白石孝雄 議長」, ◎ and the surname over the post and speech."""
    doc = parse_text("soka.txt", "草加市議会 2024-06-10\n令和 6年 6月 定例会−06月10日-02号\n○\n白石孝雄 議長\n坂田総合政策部長。\n"
                     "◎坂田\n総合政策部長 第39号議案中、\n総合政策部に関わる事柄について順次御答弁申し上げます。\n"
                     "以上でございます。\n○\n白石孝雄 議長\n菅沼総務部長。\n◎菅沼\n"
                     "総務部長 第39号議案中、総務部に関わる事柄について御答弁申し上げます。\n")
    assert [(r.speaker, r.text.split("\n")[0]) for r in doc.remarks] == [
        ("白石孝雄議長", "坂田総合政策部長。"), ("坂田総合政策部長", "第39号議案中、"), ("白石孝雄議長", "菅沼総務部長。"),
        ("菅沼総務部長", "第39号議案中、総務部に関わる事柄について御答弁申し上げます。")]
    # a heading after a mark (○議長選挙, in the ward council's record) is no surname over the label below it
    election = parse_text("senkyo.txt", "品川区議会　令和元年第１回臨時会（第１日目）　本会議\n2019年5月27日\n"
                          "○議長選挙\n○臨時議長（須貝行宏君）　────────────────────────────────────────\n"
                          "日程第１\n議長選挙\n────────────────────────────────────────\nを行います。\n"
                          "議場の閉鎖を命じます。\n〔議場閉鎖〕\n○臨時議長（須貝行宏君）　投票用紙を配付いたします。\n"
                          "〔投票用紙配付〕\n○臨時議長（須貝行宏君）　配付漏れなしと認めます。\n")
    assert [r.speaker for r in election.remarks] == ["須貝行宏"] * 3
    assert (election.remarks[0].section, election.remarks[0].text[:4]) == ("議長選挙", "日程第１")


def test_a_pages_title_under_its_navigation_and_update_date():
    """神奈川県's page of a council's results: the breadcrumb and 更新日 above the page's own title."""
    doc = parse_text("kanagawa.txt", "ホーム > 電子県庁・県政運営・県勢 > 県政情報 > 総合計画 > 総合計画審議会第71回計画推進評価部会 審議結果\n\n"
                     "更新日:2018年8月27日\n\nここから本文です。\n\n総合計画審議会第71回計画推進評価部会 審議結果\n\n"
                     "次の審議会等を下記のとおり開催した。\n\n審議会等名称 総合計画審議会第71回計画推進評価部会\n"
                     "開催日時 平成27年1月28日(水曜日)9時30分から11時00分まで\n開催場所 神奈川県庁新庁舎8階 議会第2会議室\n")
    assert (doc.document.title, doc.document.date) == ("総合計画審議会第71回計画推進評価部会 審議結果", "2015-01-28")


def test_a_fiscal_years_budget_is_reviewed_in_the_year_printed():
    """北海道清水町議会: 平成18年度予算審査特別委員会(3月10日) meets in March 2006, before the year it budgets (a body's
    own fiscal year would put its March in 2007)."""
    doc = parse_text("shimizu.txt", "北海道清水町議会\n\n北海道清水町議会\n\n平成18年度予算審査特別委員会(3月10日)\n\n"
                     "○議長(田中勝男)これより、本日の委員会を開きます。\n ただいまより平成18年度予算審査特別委員会を開催いたします。\n\n"
                     "(「異議なし」と呼ぶ者あり)\n\n○議長(田中勝男)異議なしと認めます。\n")
    assert doc.document.date == "2006-03-10"
    assert [r.speaker for r in doc.remarks] == ["田中勝男", "田中勝男"]


@pytest.mark.parametrize("head, date", [
    ("平成17年度決算特別委員会\n第2日 (10月5日)", "2006-10-05"),            # the accounts, after the year ended
    ("平成18年度一般会計補正予算審査特別委員会 (3月1日)", "2007-03-01"),     # a supplementary budget, within the year
    ("平成29年度 総務委員会\n 第10回委員会 (1月22日)", "2018-01-22"),           # the body's own fiscal year
])
def test_a_day_under_a_fiscal_year_falls_where_the_year_says(head, date):
    doc = parse_text("fy.txt", f"{head}\n○委員長（山本進君）　ただいまから委員会を開会いたします。\n"
                     "○財政課長（古内勝人君）　御説明申し上げます。\n○委員長（山本進君）　以上で終わります。\n")
    assert doc.document.date == date


def test_a_label_whose_name_stands_in_lenticular_brackets():
    """長生村議会 as 議事ロックス prints it: ◯議長【中村秀美君】, ◯7番【小倉利一君】."""
    doc = parse_text("chosei.txt", "千葉県 長生村\n\n平成23年定例会12月会議(第3日) 本文\n\n"
                     "2011.12.16 : 平成23年定例会12月会議(第3日) 本文\n\n\n◯議長【中村秀美君】 御苦労さまでございます。\n"
                     " ただいまの出席議員数は16名であります。定足数に達しておりますので、これより会議を開きます。\n"
                     "     ─────────────────────────────\n\n\n◯議長【中村秀美君】 日程第1、一般質問を行います。\n"
                     " 質問は、指名順に発言を許します。7番小倉君。\n\n◯7番【小倉利一君】 7番議員、小倉です。議長のお許しをいただきました。\n")
    assert [(r.speaker, r.role, r.text[:6]) for r in doc.remarks] == [
        ("中村秀美", "議長", "御苦労さまで"), ("中村秀美", "議長", "日程第1、一"), ("小倉利一", "議員", "7番議員、小")]
    assert doc.document.date == "2011-12-16"


def test_the_meetings_date_under_its_key_not_the_pages_posting_or_fetching_date():
    """広島県議会's page: 掲載日 inside a line of page furniture, the meeting's day under 「1 期日」; an aggregator's
    「最終取得日」 (when it fetched the page) above a record whose head gives no date."""
    doc = parse_text("hiroshima.txt", "ページの先頭です。 メニューを飛ばして本文へ\n\n"
                     "第14回知事後援会の政治資金規正法違反問題等に関する調査会の概要について\n\n"
                     "印刷用ページを表示する掲載日2011年12月1日\n\n1 期日\n\n 平成18年12月1日(金曜日) 9時32分~11時19分\n\n"
                     "2 場所\n\n 第1委員会室\n\n3 出席委員\n\n  • 座 長 平 浩介\n\n4 議事事項\n\n"
                     "(1)参考人(広島県知事)からの意見聴取\n\n 最初に、座長から知事に質問し、その後、各委員から関連の質問を行うこととした。\n")
    assert doc.document.date == "2006-12-01"
    fetched = parse_text("koryo.txt", "広陵町議会 > 2022-07-25 >\n令和 4年第5回臨時会(第1号 7月25日)\n\n"
                         "    取得元: 広陵町議会公式サイト\n    最終取得日: 2023-04-24\n"
                         "○議長(吉村裕之君) ただいまの出席議員は、13名です。\n○町長(山村吉由君) 皆さん、おはようございます。\n"
                         "○議長(吉村裕之君) 日程第1、会議録署名議員の指名を行います。\n")
    assert fetched.document.date == "2022-07-25"


def test_the_chairs_nomination_of_signing_members_is_one_speech():
    """函館市議会 (DiscussNet's text): the chair names the members who sign the record on lines of their own, seat and
    spaced name; 「会議録署名議員に」 is no roster heading and 「を指名いたします。」 no one else's speech."""
    doc = parse_text("hakodate.txt", "令和６年第１回函館市議会定例会会議録　第１号\n令和６年２月２２日（木曜日）\n"
                     "○議長（吉田崇仁）\u3000日程第１\u3000会議録署名議員の指名について。\n\u3000会議録署名議員に\n"
                     "\u3000\u3000\u3000\u3000\u3000\u3000９番\u3000富\u3000山\u3000悦\u3000子\u3000議\u3000員\n"
                     "\u3000\u3000\u3000\u3000\u3000\u300014番\u3000斉\u3000藤\u3000佐知子\u3000議\u3000員\n"
                     "\u3000\u3000\u3000\u3000\u3000\u300016番\u3000山\u3000口\u3000勝\u3000彦\u3000議\u3000員\nを指名いたします。\n"
                     "──────────────────────\n○議長（吉田崇仁）\u3000日程第２\u3000会期の決定についてを議題といたします。\n")
    assert [r.speaker for r in doc.remarks] == ["吉田崇仁", "吉田崇仁"]
    assert doc.remarks[0].text.endswith("を指名いたします。") and "会議録署名議員に" in doc.remarks[0].text


def test_the_title_and_date_printed_again_over_the_first_label_are_no_remark():
    """スポーツ庁's page (the 文部科学省 layout): under 「4.議事録」 the title and the date again, then 【渡邉部会長】."""
    doc = parse_text("sports.txt", "スポーツ審議会健康スポーツ部会(第18回) 議事録\n\n1.日時\n\n2022年1月17日(月曜日)14時~16時\n\n"
                     "2.場所\n\nWEB会議(ZOOMを使用)\n\n3.議題\n\n   (1) 第3期スポーツ基本計画策定に向けた検討状況について\n\n"
                     "4.議事録\n\nスポーツ審議会 健康スポーツ部会(第18回)\n\n2022年1月17日 \n\n【渡邉部会長】  \n"
                     " ただいまから第18回スポーツ審議会健康スポーツ部会を開催いたします。\n\n【宮脇委員】  \n"
                     " 鳥取県の湯梨浜町長をいたしております宮脇でございます。\n\n【渡邉部会長】  \n ありがとうございます。宮脇委員\n")
    assert [(r.speaker, r.text[:6]) for r in doc.remarks] == [
        ("渡邉部会長", "ただいまから"), ("宮脇委員", "鳥取県の湯梨"), ("渡邉部会長", "ありがとうご")]
    # a first paragraph that opens with the date and names the body (首相官邸's 総理の一日) is kept all the same
    opening = parse_text("kantei.txt", "新しい資本主義実現会議\n\n更新日:令和3年10月26日 総理の一日\n\n"
                         " 令和3年10月26日、岸田総理は、総理大臣官邸で第1回新しい資本主義実現会議を開催しました。\n\n"
                         " 会議では、我が国の新しい資本主義のビジョンとその具体化について議論が行われました。\n\n"
                         " 総理は、本日の議論を踏まえ、次のように述べました。\n\n「今日は第1回目の新しい資本主義実現会議で"
                         "ございましたが、委員の皆さん方にはそれぞれ濃密な内容の御発言を頂きました。」\n")
    assert "令和3年10月26日、岸田総理は" in " ".join(r.text for r in opening.remarks)
    # nor is a first speech that names the meeting (税制調査会's 石会長 opening 第11回総会)
    zeicho = parse_text("zeicho.txt", "第11回総会 議事録\n\n平成12年12月13日開催\n\n石会長\n\n"
                        "それでは、ただいまより税制調査会第11回総会を開催いたします。\n\n今日は、これまで御審議いただきました"
                        "「平成13年度の税制改正に関する答申」を、最終的に御確認いただくわけでございます。\n")
    assert "ただいまより税制調査会第11回総会を開催いたします" in " ".join(r.text for r in zeicho.remarks)


def test_a_stage_direction_whose_bracket_stands_alone_is_no_speech():
    """春日市議会's web record: 〔 on a line of its own, 賛成者挙手〕 on the next."""
    doc = parse_text("kasuga.txt", "7:\n◯委員長(北田 織君) 討論なしと認めます。これをもちまして討論を終結いたします。\n"
                     "それでは、第27号議案について原案のとおり可決することに賛成の委員の挙手を求めます。\n〔\n賛成者挙手〕\n8:\n"
                     "◯委員長(北田 織君) ありがとうございました。\n全員賛成であります。\n9:\n"
                     "◯委員長(北田 織君) それでは、これよりですね、休憩に入ります。\n")
    assert [r.speaker for r in doc.remarks] == ["北田織"] * 3
    assert not any("賛成者挙手" in r.text or "〔" in r.text for r in doc.remarks)
    assert doc.remarks[0].text.endswith("挙手を求めます。")


def test_a_numbered_roster_of_names_over_posts_is_no_turns():
    """内閣府 男女共同参画会議's record: under 「1. 出席者」 each member's name over the post (岩男 壽美子 / 会長)."""
    doc = parse_text("danjo.txt", "第11回男女共同参画基本計画に関する専門調査会議事録\n\n  • 日時: 平成17年 6月30日(木) 10:00~12:00\n"
                     "  • 場所: 経済産業省別館1111号会議室\n  1. 出席者\n    岩男 壽美子\n    会長\n    古橋 源六郎\n    会長代理\n"
                     "    石川 哲也\n    委員\n    神田 道子\n    委員\n  2. 議事\n    • (1)開会\n    • (2)報告書案について\n"
                     "  3. 議事内容\n岩男会長\nお待たせいたしました。おはようございます。\n それでは、ただいまから会議を開きます。\n"
                     "定塚男女共同参画局推進課長\nそれでは、御説明させていただきます。\n")
    assert [r.speaker for r in doc.remarks] == ["岩男会長", "定塚男女共同参画局推進課長"]


def test_a_body_heading_with_a_note_after_it_is_no_remark():
    """気象審議会's record: 「議事経過の概要( 別 紙 )」 heads the body, before 1.開会 and (事務局) / (会長) turns."""
    page = (  # the stored page as read, cut short by the store
        '気象審議会\n'
        '議事録\n'
        '第63回総会:平成11年9月14日\n'
        '\n'
        '気象審議会第63回総会議事録\n'
        '\n'
        '  1. 日時及び場所\n'
        '    平成11年9月14日(火)13:30~14:40\n'
        '    KKR HOTEL TOKYO 瑞宝の間\n'
        '  2. 出席委員\n'
        '    下鶴会長、浅井、井上(代理)、生田(代理)、池田(代理)\n'
        '    、石井、石毛、岩崎、川本、黒坂、篠原、柴、柴崎、管原、立平\n'
        '    、五月女(代理)、内藤、中島、西尾、廣瀬、松野の各委員\n'
        '  3. 議 題\n'
        '    1. 開 会\n'
        '    2. 委員等の異動報告\n'
        '    3. 気象庁長官挨拶\n'
        '    4. 議 事\n'
        '      • 報告事項\n'
        '\n'
        '        平成12年度気象庁予算概算要求について\n'
        '\n'
        '      • 審議事項\n'
        '\n'
        '        諮問第21号「21世紀における気象業務のあり方について」\n'
        '\n'
        '        1. 諮問事項及び諮問理由\n'
        '        2. 諮問の背景\n'
        '        3. 総合計画部会の設置及び審議事項について\n'
        '        4. 審議のスケジュール\n'
        '        5. 総会及び部会資料等の公開について\n'
        '    5. 閉 会\n'
        '  4. 議事経過の概要\n'
        '\n'
        '議事経過の概要( 別 紙 )\n'
        '\n'
        '1.開会\n'
        '\n'
        '(事務局)ただいま委員総数26名中17名ご出席いただいております。気象審議会運営規則第2条第1項により定める議決に必要な委員の過半数の出席をいただいておりますことをご報告いたします。\n'
        '\n'
        '(会長)それでは、ただいまから気象審議会第63回総会を開催いたします。\n'
        '\n'
        '本日は、猛暑の中、お忙しいところご出席いただきまして、まことにありがとうございます。\n'
        '\n'
        '2.委員の異動報告\n'
        '\n'
        '(事務局)委員の異動報告\n'
        '\n'
        '3.気象庁長官挨拶\n'
        '\n'
        '本日は、下鶴会長始め委員、専門委員の皆様におかれましては、お忙しいところ、また非常に厳しい残暑の中お集まりいただきまして、まことにありがとうございます。\n'
        '\n'
        '気象庁は、これまで、この気象審議会からいただきました答申を踏まえまして')
    doc = parse_text("kisho.txt", page)
    assert [(r.speaker, r.text[:6]) for r in doc.remarks][:3] == [
        ("事務局", "ただいま委員"), ("会長", "それでは、た"), ("事務局", "委員の異動報")]
    assert "別 紙" not in " ".join(r.text for r in doc.remarks)


def test_a_group_in_brackets_under_a_roster_of_names_is_front_matter():
    """個人情報保護法制化専門委員会's record: 「3 出席者:」, a line of names set apart by 、, then (事務局) over its own."""
    doc = parse_text("kojin.txt", "個人情報保護法制化専門委員会\n\n第12回個人情報保護法制化専門委員会議事録\n\n\n\n"
                     "1 日 時:平成12年4月21日(金)14時〜17時00分\n\n2 場 所:総理府5階特別会議室\n\n3 出席者:\n\n"
                     "園部逸夫委員長、小早川光郎委員長代理、上谷清委員、高芝利仁委員、高橋和之委員、遠山敦子委員、新美育文委員、"
                     "西谷剛委員、藤原静雄委員、堀部政男個人情報保護検討部会座長\n\n(事務局)\n\n"
                     "藤井昭夫内閣審議官、小川登美夫内閣審議官、松田学内閣審議官\n\n4 議 題\n(1)個人情報の取扱いの在り方等について\n"
                     "(2)事後救済等について\n(3)その他\n\n5 審議経過\n\n"
                     "【園部委員長】それでは時間になりましたので、個人情報保護法制化専門委員会第12回の会合を開催いたします。\n\n"
                     "【事務局】それでは、資料1を説明させていただきます。\n")
    assert [r.speaker for r in doc.remarks] == ["園部委員長", "事務局"]
    assert doc.document.date == "2000-04-21"
