"""Procedural talk: remarks and passages that only run the meeting (open, close, objections, votes, 速記, next speaker).

The rule, on the sentences of a speech (cut at 。！？):
  a sentence is procedural when it is a formula (at most FORMULA_MAX characters) of meeting procedure (PROCEDURE below: opening and
  closing, calls for objection and their answers, votes and their results, putting an item on the
  agenda, stopping and resuming the shorthand, calling the next speaker) or a bare acknowledgement
  of a few characters (「賛成。」「はい。」);
  a remark is procedural when all its sentences are, or when the chair (議長, 委員長, 座長, 会長 …)
  speaks at most CHAIR_SHORT characters of which procedural sentences make at least half, unless it reports a
  committee's review (REPORT: 審査の結果を御報告いたします);
  a passage is procedural when its remark is, or when all its own sentences are.
"""
from __future__ import annotations

import re

from search.ingest.repair import sentence_ends

CHAIRS = {"議長", "副議長", "委員長", "副委員長", "委員長代理", "小委員長", "会長", "副会長", "会長代理", "座長", "座長代理",
          "副座長", "部会長", "部会長代理", "分科会長", "分科会長代理", "司会",
          "副部会長", "副分科会長"}
CHAIR_SHORT = 200
ACKNOWLEDGEMENT = 8         # 「賛成。」「はい。」「了解。」
FORMULA_MAX = 120           # a longer sentence says more than a formula, whatever words it holds
HEADING_MAX = 60            # 「(2) 第５９号議案 …」, 「井野　俊郎君　　井林　辰憲君」: read out, no sentence end
SENTENCE_END = tuple("。．！？!?」）)")
_NAME_CALL = (r"(?:次に、?|続きまして、?|続いて、?)?(?:[0-9０-９]{1,3}番、?)?[^、。]{1,12}(?:君|さん|委員|議員|構成員|大臣|参考人|理事|"
              r"局長|部長|課長)(?:、?(?:どうぞ|お願いします|お願いいたします))?。?")        # 32番、山口誠議員。 / 城守委員、どうぞ。
PROCEDURE = re.compile("|".join([
    # opening, closing, recess
    r"(?:会議|(?:^|[のこ本])会|委員会|本会議|部会|審議会|分科会|懇談会|研究会|検討会)を(?:開|閉|再開)",   # not 説明会を
    r"(?:開会|閉会|散会|休憩|再開|延会)(?:いた)?し?ます", r"(?:開会|閉会|散会|休憩|再開|延会)(?:と)?する。?$",   # である調の要点筆記
    r"(?:会議|会|協議会|委員会|部会|審議会|検討会|研究会|分科会)を(?:終了|終わ)",
    r"議事に入(?:ります|らせていただ|りたい)", r"(?:質問|質疑|審査|代表質問|一般質問)を続(?:行|け)",
    r"開議", r"^(?:これより|ただいまから|ただ今から)", r"^次回", r"職務を行", r"議事を主宰",
    # objection calls and their answers, votes and results
    r"異議", r"採決(?:いた)?し(?:ます|ました)|採決に(?:入|先立)|採決を行", r"起立(?:多数|少数|総員|願|を|により)",
    r"挙手(?:多数|少数|全員|願|を|により)", r"^.{0,24}賛成(?:の方|者(?:起立|挙手|多数|少数)|多数|少数|です|します|いたします|。|$)",
    r"^.{0,24}反対(?:の方|者|です|。|$)",     # 「賛成いたします。」, not the end of a reasoned 討論
    r"(?:可決|否決)(?:いた)?し(?:ます|ました)|(?:可決|否決)すべき|(?:可決|否決)と決", r"承認(?:いた)?し?ます", r"(?:採決|承認)(?:する|した)。?$", r"決し(?:まし)?た", r"決定(?:いた)?し", r"決まりました", r"^よって、",
    r"原案(?:の)?とおり", r"報告(?:書)?のとおり", r"投票", r"(?:選任|互選|指名)(?:を行|につき|の方法|いた|し|申し上げ)",
    # the shorthand
    r"速記を(?:止|とめ|起こ|開始)", r"速記(?:中止|開始)",
    # the agenda and the floor
    r"議題と(?:いた)?し?ます", r"議題に供し", r"日程第", r"日程に入り", r"お手元(?:に|の)(?:配付|配布|印刷物)",
    r"(?:質疑|討論|報告事項|本件|審査|調査|質問|予定)を?(?:終局|終結|終了|終わ|全て終了)",
    r"休会(?:いた)?し", r"[御ご]?意見を伺(?:います|いたします)", r"説明が終わり",
    r"(?:質問|質疑|報告|説明)は終わりま", r"討論に入", r"討論(?:は|が)?(?:ありませんか|ございませんか)", r"(?:日程|議事|案件)は?(?:全部|全て|すべて)終了", r"^これより.{0,40}(?:審査|審議)を行います",
    r"規則第", r"委員の異動", r"補欠", r"当選", r"本席を", r"順次(?:これを)?許します", r"(?:質問|質疑|発言|討論|答弁)を許します", r"発言を(?:許|求め)", r"質疑の申出", r"[御ご]?発言(?:願|を願|をお願|はありませんか|がないよう)",
    r"(?:^|、)(?:ほかに|そのほかに|他に)", r"よろしいですか", r"[御ご]?質疑(?:等)?(?:は|が)?(?:ありませんか|ございませんか|ございましたら|ありましたら)", r"[御ご]?一任", r"動議", r"聴取(?!不能)",
    r"出席(?:議員|委員)(?:数|は)", r"^議席第",
    r"お諮り(?:いた)?し?ます",
    r"[御ご]?了承(?:願|を)", r"[御ご]?着席(?:願|くだ)", r"席に着席", r"登壇", r"[御ご]静粛に", r"^(?:この際、)?[御ご]?報告(?:いた|申し上)",
    # ceremonies and courtesies that carry nothing else
    r"[御ご]?(?:挨拶|あいさつ)", r"(?:選任|選出|推挙)(?:され|を(?:いただ|賜))", r"弔詞|哀悼|黙祷|黙とう",
    r"^(?:それでは|では|以上|次に)[、。]?$", r"ありがとうございま(?:す|した)", r"^(?:ぜひ、?|どうぞ|何とぞ|なにとぞ)?よろしくお願い",
    r"^" + _NAME_CALL + r"$", r"^同じく[^、。]{0,12}(?:です|でございます)", r"^[^、。]{1,12}(?:課長|部長|局長|室長|所長)でございます。?$",
]))
# What else the chair says to run the floor: asking the meeting, handing it to the officials.
CHAIR_PROCEDURE = re.compile(r"よろしいでしょうか|よろしゅうございますか|よろしいですか|(?:説明|答弁)(?:を)?(?:お願い|願い)|"
                             r"お願いします。?$|(?:質疑|質問|意見|発言|異議|確認|ほか|他|何か|説明|コメント|その他)[^。]{0,8}"
                             r"(?:ございますか|ありますか)(?!ら)|(?:質疑|質問|意見|発言|異議|ほか|他|何か)[^。]{0,8}(?:あるか|ないか)[。？?]?$|"
                             r"(?:説明|答弁)を求める。?$|(?:説明|答弁|報告)を求めます|(?:に|へ)移(?:ります|りたいと思います)|"
                             r"[御ご]?(?:質問|意見)(?:、[御ご]?(?:質問|意見))?(?:等)?(?:を|が)?(?:お願い|いただきたい|頂きたい|"
                             r"伺いたい|頂戴したい)")

# A committee chair reporting the committee's review to the plenary (委員長報告): the committee's reasons and its
# verdict, however short, are not the chair running the floor
REPORT = re.compile(r"(?:審査|調査|審議)(?:の|した)?(?:経過|結果|概要)[^。]{0,24}[御ご]?報告(?:いたし|申し上げ|し)ます")


def sentences(text: str) -> list[str]:
    """text cut after each sentence end (outside brackets), blanks stripped, empty pieces dropped."""
    cuts = [0] + sentence_ends(text) + [len(text)]
    out = [text[i:j].strip() for i, j in zip(cuts, cuts[1:])]
    return [s for piece in out for s in piece.split("\n") if s.strip()]


def is_procedural_sentence(sentence: str, chair: bool = False) -> bool:
    """A formula of procedure (the chair's own included), a bare acknowledgement, or a heading or list
    line read out (no sentence end)."""
    s = sentence.strip()
    if len(s) <= ACKNOWLEDGEMENT or (not s.endswith(SENTENCE_END) and len(s) <= HEADING_MAX):
        return True
    return len(s) <= FORMULA_MAX and bool(PROCEDURE.search(s) or (chair and CHAIR_PROCEDURE.search(s)))


def procedural_share(text: str, chair: bool = False) -> float:
    """Share of the characters of text that sit in procedural sentences (1.0 for empty text)."""
    parts = sentences(text)
    total = sum(len(s) for s in parts)
    return sum(len(s) for s in parts if is_procedural_sentence(s, chair)) / total if total else 1.0


def is_procedural_remark(text: str, role: str | None) -> bool:
    chair = role in CHAIRS
    share = procedural_share(text, chair)
    return share == 1.0 or (chair and len(text) <= CHAIR_SHORT and share >= 0.5 and not REPORT.search(text))


def is_procedural_passage(text: str, role: str | None, remark_procedural: bool) -> bool:
    return remark_procedural or procedural_share(text, role in CHAIRS) == 1.0
