"""What a planner types besides words: "a phrase in quotes" that a passage must hold as written, and -a word
that it must not hold (the operators of the Diet's and assemblies' own search systems).

A phrase is matched on the passage's text as normalised for search (width, case, kanji variants) with every
space and line break removed, so a phrase wrapped over two lines of the record is still found. The query
left once the marks are taken away (a phrase's words stay, an excluded word goes) is what the two sides
rank; the operators only decide which passages may be ranked."""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from search.text import normalize

QUOTES = "\"“”＂„«»"
_PHRASE = re.compile(f"[{QUOTES}]([^{QUOTES}]*)[{QUOTES}]")
# a minus sign starts an excluded word only at the start of the query or after a space: COVID-19, O&M-related
# and 2020-05 are words, not operators
_EXCLUDED = re.compile(f"(?:^|(?<=\\s))[-－−]([{QUOTES}][^{QUOTES}]+[{QUOTES}]|[^\\s{QUOTES}]+)")


def key(text: str) -> str:
    """A text as phrases are matched: normalised, every space and line break removed."""
    return "".join(normalize(text).split())


@dataclass(frozen=True)
class Operators:
    """A query taken apart: `text` is what the sides rank; phrases must be in a passage, excluded words not."""

    text: str
    phrases: tuple[str, ...] = ()
    excluded: tuple[str, ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.phrases or self.excluded)


def parse(query: str) -> Operators:
    """`"運用保守" 人材 -選挙` -> text 「運用保守 人材」, phrases (運用保守,), excluded (選挙,). An unpaired quote
    mark is an ordinary character; an empty phrase or a lone minus sign is nothing, and a minus sign before
    punctuation (「--」) excludes nothing."""
    excluded = []

    def exclude(m: re.Match) -> str:
        word = m[1].strip(QUOTES).strip()
        if not any(c.isalnum() for c in word):
            return m[0]                        # 「--」, 「-」: punctuation, no word to leave out
        excluded.append(word)
        return " "

    rest = _EXCLUDED.sub(exclude, query)
    phrases = [p.strip() for p in _PHRASE.findall(rest) if key(p)]
    text = " ".join(_PHRASE.sub(lambda m: f" {m[1]} ", rest).split())
    return Operators(text, tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(excluded)))


class Haystack:
    """Every passage's text as phrases are matched, joined once (rows in order) so that finding a phrase
    anywhere in the library is one string search per occurrence."""

    def __init__(self, texts):
        keys = [key(t) for t in texts]
        self.text = "\x00".join(keys)
        self.starts = np.cumsum([0] + [len(k) + 1 for k in keys[:-1]]) if keys else np.zeros(0, dtype=np.int64)
        self.n = len(keys)

    def rows_with(self, phrase: str) -> np.ndarray:
        """The rows whose text holds the phrase, ascending."""
        needle, found, at = key(phrase), [], 0
        if not needle:
            return np.arange(self.n)
        while (at := self.text.find(needle, at)) >= 0:
            found.append(at)
            at += 1
        rows = np.searchsorted(self.starts, np.asarray(found, dtype=np.int64), side="right") - 1
        return np.unique(rows)

    def rows(self, ops: Operators, phrases: tuple[str, ...] | None = None) -> frozenset[int]:
        """The rows holding every phrase (of `phrases`, by default all of ops') and no excluded word."""
        keep = np.ones(self.n, dtype=bool)
        for phrase in ops.phrases if phrases is None else phrases:
            held = np.zeros(self.n, dtype=bool)
            held[self.rows_with(phrase)] = True
            keep &= held
        for word in ops.excluded:
            keep[self.rows_with(word)] = False
        return frozenset(np.flatnonzero(keep).tolist())
