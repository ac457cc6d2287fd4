"""類似の発言 from the clicked passage: 東原委員's O&M point finds 冨山委員's O&M point (issue 15 §3)."""
from __future__ import annotations

import unicodedata


def flat(s: str) -> str:
    return "".join(unicodedata.normalize("NFKC", s).split())


def passage_with(engine, speaker: str, evidence: str):
    return next(p for p in engine.passages() if p.speaker == speaker and flat(evidence) in flat(p.text))


def test_similar_to_a_passage_finds_the_same_point_by_another_member(engine):
    higashihara = passage_with(engine, "東原委員", "サービス型、ストック型といわれている O&Mを含")
    tomiyama = passage_with(engine, "冨山委員", "O＆Mと言われている領域を含めたよりソフトサイド")
    similar = engine.similar(higashihara.remark_id, k=5, passage_id=higashihara.passage_id)
    assert tomiyama.remark_id in [h.remark.remark_id for h in similar]
    assert higashihara.remark_id not in [h.remark.remark_id for h in similar]


def test_similar_without_a_passage_uses_the_whole_remark(engine):
    higashihara = passage_with(engine, "東原委員", "サービス型、ストック型といわれている O&Mを含")
    by_remark = engine.similar(higashihara.remark_id, k=5)
    assert len(by_remark) == 5 and higashihara.remark_id not in [h.remark.remark_id for h in by_remark]
