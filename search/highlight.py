"""Highlighting: the spans of a text that hold a query's wordings, as the keyword side scores them."""
from __future__ import annotations

import functools
import re

from search.glossary import Glossary
from search.retrieval.operators import parse
from search.retrieval.plan import query_concepts
from search.text import normalize, normalize_aligned, term_spans

Wordings = tuple[frozenset[str], ...]
_HIRAGANA = re.compile(r"[ぁ-ゖ]")


@functools.lru_cache(maxsize=256)
def query_wordings(query: str, glossary: Glossary) -> Wordings:
    """Every wording of the query's concepts as a set of terms (a QueryPlan has them as .highlight)."""
    return tuple(frozenset(w) for c in query_concepts(query, glossary) for w in c)


def spans(text: str, wordings: Wordings, typed: str = "") -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of the ORIGINAL text whose words belong to a query
    wording (glossary wordings included) that the text holds whole, as the keyword side scores it:
    管理 alone is not marked for O&M. Widths, case and line breaks inside a word do not matter. Given the
    query as typed, a span grows over the characters around it while the text still reads as the query
    does: デマンド型交通 is one mark, not デマンド|型|交通, and 保育士 is marked whole, not 保育."""
    if not wordings or not text:
        return []
    norm, src = normalize_aligned(text)
    tokens = list(term_spans(norm))
    held = {t for t, _, _ in tokens}
    wanted = set().union(*(w for w in wordings if w <= held))
    found = sorted((a, b) for t, a, b in tokens if t in wanted and b > a)
    typed = "".join(normalize(typed).split())
    if typed:
        found = sorted(_grown(norm, a, b, typed) for a, b in found)
    merged: list[tuple[int, int]] = []
    for a, b in found:                           # touching in normalised text: one word, or a wrapped line
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [(src[a][0], src[b - 1][1]) for a, b in merged]


def _grown(norm: str, a: int, b: int, typed: str) -> tuple[int, int]:
    """(a, b) widened one character at a time, left then right, while norm[a:b] is still part of the typed query;
    a widened mark neither starts nor ends on hiragana (の, を: a particle is no part of the words marked) nor on
    punctuation (、高齢者 is 高齢者)."""
    start, end = a, b
    while a > 0 and norm[a - 1:b] in typed:
        a -= 1
    while b < len(norm) and norm[a:b + 1] in typed:
        b += 1
    while a < start and (_HIRAGANA.match(norm[a]) or not norm[a].isalnum()):
        a += 1
    while b > end and (_HIRAGANA.match(norm[b - 1]) or not norm[b - 1].isalnum()):
        b -= 1
    return a, b


def marked_terms(text: str, wordings: Wordings, typed: str = "") -> list[str]:
    """The distinct surface strings of the text that spans() marks (line breaks removed)."""
    out: list[str] = []
    for a, b in spans(text, wordings, typed):
        s = "".join(text[a:b].split())
        if s not in out:
            out.append(s)
    return out


def highlight_spans(text: str, query: str, glossary: Glossary) -> list[tuple[int, int]]:
    """spans() for a query typed elsewhere (the CLI, the app), with the engine's glossary; of a query with
    operators (search.retrieval.operators), the words searched for: a phrase's, not an excluded word's."""
    query = parse(query).text
    return spans(text, query_wordings(query, glossary), query)


def matched_terms(text: str, query: str, glossary: Glossary) -> list[str]:
    """marked_terms() for a query typed elsewhere, with the engine's glossary."""
    query = parse(query).text
    return marked_terms(text, query_wordings(query, glossary), query)
