"""Sentence evidence for the dense side: a passage also scores as its best sentence.

A passage of 150–400 characters carries several points, and its one vector averages them: a query that
restates one sentence of it (a paraphrase, a question about one point) sits closer to that sentence's
vector than to the passage's. Each passage of two sentences or more is therefore embedded sentence by
sentence as well (with the same context header as the passage), and the dense side scores a passage as
the better of its own vector and its best sentence's. Measured in docs/quality.md.
"""
from __future__ import annotations

import re
from dataclasses import replace

from search.ingest.procedure import is_procedural_sentence
from search.records import ParsedDocument

SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]*")
MIN_CHARS = 25          # a shorter sentence joins the next one (「はい。」 says nothing on its own)
COURTESY = 12           # a last sentence this short (「要望です。」「確認でお願いします。」) joins the one before


def units(text: str) -> list[str]:
    """The sentences of a passage, a short one joined to the one after it; a short last one that only closes
    (「要望です。」, 「以上で終わります。ありがとうございました。」) joins the one before, for alone it would match
    any query as well as a point made; [] for fewer than two."""
    out: list[str] = []
    for piece in SENTENCE.findall(text):
        piece = piece.strip()
        if not piece:
            continue
        if out and len(out[-1]) < MIN_CHARS:
            out[-1] += piece
        else:
            out.append(piece)
    if len(out) >= 2 and len(out[-1]) < MIN_CHARS and (len(out[-1]) <= COURTESY or is_procedural_sentence(out[-1])):
        out[-2:] = [out[-2] + out[-1]]
    return out if len(out) >= 2 else []


def sentence_inputs(parsed: list[ParsedDocument], embedding_text) -> tuple[list[str], list[int]]:
    """What the model reads for each sentence (embedding_text of the passage cut to that sentence) and the
    passage row each belongs to, rows numbered as the passages of `parsed` in order."""
    texts: list[str] = []
    rows: list[int] = []
    row = 0
    for p in parsed:
        for passage in p.passages:
            texts.extend(embedding_text(replace(passage, text=u), p.document) for u in units(passage.text))
            rows.extend([row] * (len(texts) - len(rows)))
            row += 1
    return texts, rows


def best_per_row(ids, scores, sentence_rows) -> dict[int, float]:
    """The best sentence score of each passage row among the sentences found."""
    best: dict[int, float] = {}
    for i, s in zip(ids, scores):
        row = int(sentence_rows[int(i)])
        if s > best.get(row, float("-inf")):
            best[row] = float(s)
    return best

