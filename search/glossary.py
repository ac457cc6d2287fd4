"""The editable glossary (search/glossary.tsv): groups of equivalent wordings, and how a query names them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from search import settings
from search.text import WORD, normalize, singular, terms

Wording = tuple[str, ...]   # the terms of one wording; a passage has it when it has every one of them
_JOINERS = r"[\s・･/]"      # written between the parts of a Japanese wording, or not


class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message names file:line."""


def _match_key(variant: str) -> tuple[str, ...] | str:
    """How a wording is looked for in a query: ASCII as a word sequence, Japanese as a substring."""
    n = normalize(variant)
    if n.isascii():
        return tuple(singular(w) for w in WORD.findall(n))
    return re.sub(_JOINERS, "", n)


def wording_terms(variant: str) -> Wording:
    """A glossary wording as the distinct terms a passage must hold: its words, not the compounds they make
    (デジタル化 holds デジタル, as the glossary means any wording of the idea)."""
    return tuple(dict.fromkeys(terms(variant, compounds=False)))


@dataclass(frozen=True)
class GlossaryEntry:
    variants: tuple[str, ...]       # as written in the file
    line: int                       # 0: looked up in the English–Japanese dictionary for one query


@dataclass(frozen=True)
class ConceptLine:
    """A glossary line that is a concept of one query."""
    entry: GlossaryEntry
    present: tuple[bool, ...]       # which of its wordings occur in the query
    typed: tuple[bool, ...]         # which of those are typed words (官 found inside 官民 is not)


class Glossary:
    """Groups of equivalent wordings; a query containing one wording also searches for the others."""

    def __init__(self, entries: list[GlossaryEntry], path: Path | None = None, dictionary=None):
        self.entries = entries
        self.path = path
        self.dictionary = dictionary    # an EnglishDictionary, or a callable giving one on first use, or None
        self._keys = [[_match_key(v) for v in e.variants] for e in entries]
        self._key_of = dict(zip(entries, self._keys))

    @classmethod
    def empty(cls) -> "Glossary":
        return cls([])

    @classmethod
    def load(cls, path: Path | str | None = None) -> "Glossary":
        """Read a glossary TSV (default: the `glossary` setting). Lines: term<TAB>variant<TAB>...; # comments."""
        path = Path(path if path is not None else settings.get("glossary"))
        try:
            raw = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise GlossaryError(f"{path}: glossary file not found; create it or set GIJI_GLOSSARY") from None
        except IsADirectoryError:
            raise GlossaryError(f"{path}: is a folder, not a glossary file; set GIJI_GLOSSARY to a .tsv file") from None
        except UnicodeDecodeError as e:
            raise GlossaryError(f"{path}: not UTF-8 ({e.reason} at byte {e.start}); save it as UTF-8") from None
        entries = []
        for no, line in enumerate(raw.splitlines(), 1):
            body = line.split("#", 1)[0] if line.lstrip().startswith("#") else line
            if not body.strip():
                continue
            fields = [f.strip() for f in body.rstrip("\r\n").split("\t")]
            while fields and not fields[-1]:
                fields.pop()
            if len(fields) < 2:
                raise GlossaryError(f"{path}:{no}: needs at least two wordings separated by a TAB "
                                    f"(term<TAB>variant...), got {line.strip()!r}")
            if any(not f for f in fields):
                raise GlossaryError(f"{path}:{no}: empty wording between two TABs; remove the extra TAB")
            empty = [f for f in fields if not terms(f)]
            if empty:
                raise GlossaryError(f"{path}:{no}: wording {empty[0]!r} gives no search terms "
                                    f"(only punctuation, particles or English stopwords); reword or remove it")
            entries.append(GlossaryEntry(tuple(fields), no))
        return cls(entries, path)

    def keys(self, entry: GlossaryEntry) -> list[tuple[str, ...] | str]:
        """How each of an entry's wordings is looked for in a query (see _match_key)."""
        return self._key_of.get(entry) or [_match_key(v) for v in entry.variants]

    def matches(self, query: str) -> list[tuple[GlossaryEntry, list[bool]]]:
        """The entries one of whose wordings occurs in the query, each with which of its wordings do; then, for
        the English words no entry covers, the dictionary's wordings as entries of their own (line 0): English
        wording first, its Japanese headwords after it."""
        norm = normalize(query)
        words = tuple(singular(w) for w in WORD.findall(norm))
        flat = re.sub(_JOINERS, "", norm)
        out = []
        for entry, keys in zip(self.entries, self._keys):
            present = [_occurs(k, words, flat) for k in keys]
            if any(present):
                out.append((entry, present))
        if self.dictionary is not None and any(len(w) >= 3 and w.isalpha() for w in words):
            covered = {i for entry, present in out for key, p in zip(self.keys(entry), present)
                       if p and isinstance(key, tuple) for i in _positions(key, words)}
            if callable(self.dictionary):
                self.dictionary = self.dictionary()
            for english, japanese in self.dictionary.lookup(words, covered):
                out.append((GlossaryEntry((english, *japanese), 0), [True] + [False] * len(japanese)))
        return out

    def expand(self, query: str) -> list[str]:
        """The other wordings of every entry one of whose wordings occurs in the query (file order, no repeats)."""
        out: list[str] = []
        for entry, present in self.matches(query):
            out += [v for v, p in zip(entry.variants, present) if not p and v not in out]
        return out

    def concepts(self, query: str) -> tuple[list[ConceptLine], set[str]]:
        """The glossary lines that are concepts of the query, and the query terms the lines' found
        wordings cover.

        A typed word belongs to one concept, the longest that holds it: in 「長期的な運用保守」, 運用保守 is
        O&M, and the lines for 保守 (maintenance) and 運用 (operation) alone are not concepts too, since
        their words are inside O&M's."""
        own = set(terms(query))
        touched = []
        for entry, present in self.matches(query):
            found = {t for variant, p in zip(entry.variants, present) if p for t in terms(variant)}
            touched.append((entry, present, found))
        lines = [ConceptLine(entry, tuple(present),
                             tuple(p and set(wording_terms(v)) <= own for v, p in zip(entry.variants, present)))
                 for entry, present, found in touched if not any(found < other for _, _, other in touched)]
        return lines, set().union(*(found for _, _, found in touched))

    def span(self, entry: GlossaryEntry, typed: tuple[bool, ...], norm: str) -> tuple[int, int] | None:
        """Where the first typed wording of an entry occurs in normalised text: (start, end), or None."""
        return next((s for key, t in zip(self.keys(entry), typed) if t and (s := _span(key, norm))), None)


def _occurs(key: tuple[str, ...] | str, words: tuple[str, ...], flat: str) -> bool:
    if isinstance(key, str):
        return key in flat
    k = len(key)
    return any(words[i:i + k] == key for i in range(len(words) - k + 1))


def _positions(key: tuple[str, ...], words: tuple[str, ...]) -> set[int]:
    """The indexes of the query's words that an English wording occupies wherever it occurs."""
    k = len(key)
    return {j for i in range(len(words) - k + 1) if words[i:i + k] == key for j in range(i, i + k)}


def _span(key: tuple[str, ...] | str, norm: str) -> tuple[int, int] | None:
    """Where a wording's match key occurs in normalised text: (start, end), or None."""
    if isinstance(key, str):
        m = re.search(f"{_JOINERS}?".join(map(re.escape, key)), norm)
        return m.span() if m else None
    words = list(WORD.finditer(norm))
    for i in range(len(words) - len(key) + 1):
        if tuple(singular(w.group()) for w in words[i:i + len(key)]) == key:
            return words[i].start(), words[i + len(key) - 1].end()
    return None
