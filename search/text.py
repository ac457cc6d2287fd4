"""Text normalisation, fugashi/unidic-lite index terms and the editable glossary: one path for index and query."""
from __future__ import annotations

import functools
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from search import settings

NORMALIZER_VERSION = "ja-2"   # ja-2: English plurals folded (exports -> export)

# Name-kanji variants folded onto their common form (NFKC leaves them alone).
_KANJI_VARIANTS = {
    "髙": "高", "﨑": "崎", "嵜": "崎", "𠮷": "吉", "邊": "辺", "邉": "辺", "濵": "浜", "濱": "浜",
    "齋": "斎", "齊": "斉", "廣": "広", "德": "徳", "惠": "恵", "榮": "栄", "國": "国", "澤": "沢",
}
_TABLE = {cp: None for cp in range(0xE000, 0xF900)}              # private-use bullets
_TABLE.update({ord(c): ord(c.lower()) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"})
_TABLE.update({ord(k): v for k, v in _KANJI_VARIANTS.items()})

_KATAKANA = "ァ-ヺー"
# a dash written after katakana is a long-vowel mark (サーバ－, コンピュ―タ)
_DASH_AFTER_KANA = re.compile(rf"(?<=[{_KATAKANA}])[\-‐‑‒–—―−─━]")
# whitespace between two non-ASCII characters is a PDF line wrap or layout gap, not a word break
_GAP_CJK = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")
_SPACES = re.compile(r"\s+")
_COMBINING_KANA = {"\u3099", "\u309a", "\uff9e", "\uff9f"}


def normalize(text: str) -> str:
    """NFKC, ASCII lower case, kanji variants, dashes after katakana as ー, private-use chars deleted,
    line wraps inside Japanese removed and other whitespace runs collapsed to one space."""
    s = unicodedata.normalize("NFKC", text).translate(_TABLE)
    s = _DASH_AFTER_KANA.sub("ー", s)
    s = _GAP_CJK.sub("", s)
    return _SPACES.sub(" ", s).strip()


def normalize_aligned(text: str) -> tuple[str, list[tuple[int, int]]]:
    """normalize(text) together with, for each of its characters, the (start, end) of its source characters."""
    chars: list[str] = []
    src: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        j = i + 1
        while j < n and (text[j] in _COMBINING_KANA or unicodedata.combining(text[j])):
            j += 1                               # ﾊﾞ composes to バ: keep the pair together
        for c in unicodedata.normalize("NFKC", text[i:j]).translate(_TABLE):
            chars.append(c)
            src.append((i, j))
        i = j
    s = "".join(chars)
    for pattern, repl in ((_DASH_AFTER_KANA, "ー"), (_GAP_CJK, ""), (_SPACES, " ")):
        s, src = _sub_aligned(pattern, repl, s, src)
    lead = len(s) - len(s.lstrip())
    s2 = s.strip()
    return s2, src[lead:lead + len(s2)]


def _sub_aligned(pattern: re.Pattern, repl: str, s: str, src: list) -> tuple[str, list]:
    """pattern.sub(repl, s) for a one-character (or empty) repl, keeping the source spans aligned."""
    out, out_src, last = [], [], 0
    for m in pattern.finditer(s):
        a, b = m.span()
        out.append(s[last:a])
        out_src += src[last:a]
        if repl:
            out.append(repl)
            out_src.append(src[a])
        last = b
    out.append(s[last:])
    out_src += src[last:]
    return "".join(out), out_src


# ---------------------------------------------------------------- terms
ENGLISH_STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each etc few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just let me might more
most must my myself no nor not now of off on once only or other our ours ourselves out over own per same
shall she should so some such than that the their theirs them themselves then there these they this
those through to too under until up upon us very via was we were what when where which while who whom
whose why will with within without would you your yours yourself yourselves
""".split())

# lemmas that carry no topic: する, いる, ある, なる, できる, こと, もの, ため, and the verbs of
# compound particles (に関する, による, における, に対する, に係る)
_JA_STOP_LEMMAS = frozenset("為る 居る 有る 成る 出来る 事 物 為 様 其れ 此れ 彼れ 関する 因る 於く 対する 係る".split())
_CONTENT_POS = ("名詞", "動詞", "形容詞", "形状詞", "副詞")
_NON_CONTENT_POS = ("非自立可能", "助動詞語幹", "代名詞")
_KANA_ONLY = re.compile(r"[ァ-ヺー]+")
_ASCII_TOKEN = re.compile(r"[0-9a-z]+(?:[&'.,\-][0-9a-z]+)*")
_ASCII_SEP = re.compile(r"[&'.,\-]")
_WORD = re.compile(r"[0-9a-z]+(?:&[0-9a-z]+)*")

_tagger = None
_line_cache: dict[str, tuple[str | None, str]] = {}


def _get_tagger():
    global _tagger
    if _tagger is None:
        try:
            import fugashi
            import unidic_lite  # noqa: F401  (fugashi finds its dictionary through it)
        except ImportError as e:
            raise RuntimeError(f"Japanese tokenizer missing ({e}); install it with: "
                               f".venv/bin/pip install -r requirements.txt") from None
        _tagger = fugashi.Tagger()
    return _tagger


def _fold_long_vowel(term: str) -> str:
    """Drop the final ー of a long katakana word (コンピューター == コンピュータ, サーバー == サーバ)."""
    if len(term) >= 4 and term.endswith("ー") and re.fullmatch(rf"[{_KATAKANA}]+", term):
        return term[:-1]
    return term


def _decide(line: str) -> tuple[str | None, str]:
    """(index term or None, surface) for one MeCab output line."""
    f = line.split("\t")
    surface = f[0]
    pos = f[4] if len(f) > 4 else ""
    lemma = f[3] if len(f) > 3 and f[3] else surface
    if not pos.startswith(_CONTENT_POS) or any(p in pos for p in _NON_CONTENT_POS):
        return None, surface
    lemma = lemma.split("-", 1)[0] or surface    # unidic-lite: インフラ-infrastructure, 円-助数詞
    if "固有名詞" in pos or (_KANA_ONLY.fullmatch(lemma) and not _KANA_ONLY.fullmatch(surface)):
        lemma = surface                          # 飯島 -> イイジマ is a reading, not a lemma
    if lemma in _JA_STOP_LEMMAS:
        return None, surface
    return _fold_long_vowel(normalize(lemma)) or None, surface


def _ascii_tokens(token: str, base: int):
    """Terms of one ASCII token: o&m and r&d stay whole, 2,349 -> 2349, 1.5 and covid-19 stay whole,
    long-term -> long, term, japan's -> japan, exports -> export (plurals of words over four
    letters folded, so acronyms keep their s); English stopwords dropped."""
    has_digit = any(c.isdigit() for c in token)
    pieces, start = [], 0
    for m in _ASCII_SEP.finditer(token):
        i, sep = m.start(), m.group()
        left, right = token[i - 1], token[i + 1]
        if sep == "&" or (sep in ",." and left.isdigit() and right.isdigit()) or (sep == "-" and has_digit):
            continue
        pieces.append((start, i))
        start = i + 1
    pieces.append((start, len(token)))
    for k, (a, b) in enumerate(pieces):
        word = token[a:b].replace(",", "")
        if k and token[a - 1] == "'" and len(word) == 1:
            continue                                    # the s of japan's, the t of don't
        if word not in ENGLISH_STOPWORDS:
            yield (_singular(word) if len(word) > 4 else word), base + a, base + b   # SDGs stays sdgs


def _tokens(norm: str):
    """(term, start, end) over normalised text, in order; offsets index into `norm`.

    MeCab tags the whole text (a lone や between two acronyms needs its context); ASCII tokens are
    cut by a regex instead, because MeCab splits o&m into o / & / m."""
    ascii_spans = [(m.start(), m.end()) for m in _ASCII_TOKEN.finditer(norm)]
    k = 0                                        # next ASCII token not yet emitted
    pos = 0
    for line in _get_tagger().parse(norm).split("\n"):
        if not line or line == "EOS":
            continue
        term, surface = _decision(line)
        start = pos if norm.startswith(surface, pos) else norm.find(surface, pos)
        if start < 0:
            start = pos
        end = start + len(surface)
        pos = end
        while k < len(ascii_spans) and ascii_spans[k][0] < end:
            a, b = ascii_spans[k]
            yield from _ascii_tokens(norm[a:b], a)
            k += 1
        if term is None or (ascii_spans and any(a < end and start < b
                                                for a, b in ascii_spans[max(0, k - 1):k + 1])):
            continue
        yield term, start, end
    for a, b in ascii_spans[k:]:
        yield from _ascii_tokens(norm[a:b], a)


def _decision(line: str) -> tuple[str | None, str]:
    hit = _line_cache.get(line)
    if hit is None:
        if len(_line_cache) > 500_000:
            _line_cache.clear()
        hit = _line_cache[line] = _decide(line)
    return hit


def terms(text: str) -> list[str]:
    """Normalised index terms of a passage or a query, in order, duplicates kept (BM25 counts them)."""
    norm = normalize(text)
    if _ASCII_TOKEN.search(norm):
        return [t for t, _, _ in _tokens(norm)]
    out = []                                     # fast path, no offsets needed: text without ASCII words
    for line in _get_tagger().parse(norm).split("\n"):
        term = _decision(line)[0] if line and line != "EOS" else None
        if term is not None:
            out.append(term)
    return out


# ---------------------------------------------------------------- glossary
class GlossaryError(ValueError):
    """A glossary file that cannot be read; the message names file:line."""


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _match_key(variant: str) -> tuple[str, ...] | str:
    """How a wording is looked for in a query: ASCII as a word sequence, Japanese as a substring."""
    n = normalize(variant)
    if n.isascii():
        return tuple(_singular(w) for w in _WORD.findall(n))
    return re.sub(r"[\s・･/]", "", n)


@dataclass(frozen=True)
class GlossaryEntry:
    variants: tuple[str, ...]       # as written in the file
    line: int


class Glossary:
    """Groups of equivalent wordings; a query containing one wording also searches for the others."""

    def __init__(self, entries: list[GlossaryEntry], path: Path | None = None):
        self.entries = entries
        self.path = path
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
        return self._key_of[entry]

    def matches(self, query: str) -> list[tuple[GlossaryEntry, list[bool]]]:
        """The entries one of whose wordings occurs in the query, each with which of its wordings do."""
        norm = normalize(query)
        words = tuple(_singular(w) for w in _WORD.findall(norm))
        flat = re.sub(r"[\s・･/]", "", norm)
        out = []
        for entry, keys in zip(self.entries, self._keys):
            present = [_occurs(k, words, flat) for k in keys]
            if any(present):
                out.append((entry, present))
        return out

    def expand(self, query: str) -> list[str]:
        """The other wordings of every entry one of whose wordings occurs in the query (file order, no repeats)."""
        out: list[str] = []
        for entry, present in self.matches(query):
            out += [v for v, p in zip(entry.variants, present) if not p and v not in out]
        return out


def _occurs(key: tuple[str, ...] | str, words: tuple[str, ...], flat: str) -> bool:
    if isinstance(key, str):
        return key in flat
    k = len(key)
    return any(words[i:i + k] == key for i in range(len(words) - k + 1))


_default_glossary: tuple[tuple[str, float], Glossary] | None = None


def default_glossary() -> Glossary:
    """The glossary named by the settings, re-read when the file changes."""
    global _default_glossary
    path = Path(settings.get("glossary"))
    try:
        stamp = (str(path), os.stat(path).st_mtime)
    except OSError:
        stamp = (str(path), -1.0)
    if _default_glossary is None or _default_glossary[0] != stamp:
        _default_glossary = (stamp, Glossary.load(path))
    return _default_glossary[1]


EXPANSION_WEIGHT = 0.3   # dev nDCG@10, keyword mode: .487 / .488 / .493 / .490 at 0.3 / 0.5 / 0.7 / 1.0,
                         # hybrid .659-.661: flat, so glossary wordings stay below the typed words

Wording = tuple[str, ...]   # the terms of one wording; a passage has it when it has every one of them


def wording_terms(variant: str) -> Wording:
    """A glossary wording as the distinct terms a passage must hold."""
    return tuple(dict.fromkeys(terms(variant)))


def _glossary_concepts(query: str, g: Glossary) -> tuple[list[tuple[GlossaryEntry, list[bool], list[bool]]], set[str]]:
    """The glossary lines that are concepts of the query, each with which of its wordings occur in
    the query and which of those are typed words (官 found inside 官民 is not); and the query terms
    the lines' found wordings cover.

    A typed word belongs to one concept, the longest that holds it: in 「長期的な運用保守」, 運用保守 is
    O&M, and the lines for 保守 (maintenance) and 運用 (operation) alone are not concepts too, since
    their words are inside O&M's (keyword-mode dev nDCG@10 0.487 -> 0.522)."""
    own = set(terms(query))
    touched = []
    for entry, present in g.matches(query):
        found = {t for variant, p in zip(entry.variants, present) if p for t in terms(variant)}
        touched.append((entry, present, found))
    concepts = [(entry, present, [p and set(wording_terms(v)) <= own for v, p in zip(entry.variants, present)])
                for entry, present, found in touched if not any(found < other for _, _, other in touched)]
    return concepts, set().union(*(found for _, _, found in touched))


def query_concepts(query: str, glossary: Glossary | None = None) -> list[dict[Wording, float]]:
    """The query as concepts for BM25: {wording: weight} groups whose wordings are alternatives.

    A glossary line the query names (see _glossary_concepts) is one concept holding all its wordings
    (1.0 for the wordings typed, EXPANSION_WEIGHT for the others); every other typed term is a
    concept of its own, a one-term wording. A passage has a wording only when it has all of the
    wording's terms (運用・保守 needs both 運用 and 保守, so 管理 alone is not 維持管理), and scores a
    concept once, by its best wording: three wordings of O&M in one passage do not outweigh a passage
    with both O&M and DX."""
    g = default_glossary() if glossary is None else glossary
    lines, covered = _glossary_concepts(query, g)
    concepts: list[dict[Wording, float]] = []
    for entry, _, typed in lines:
        concept: dict[Wording, float] = {}
        for variant, t in zip(entry.variants, typed):
            wording = wording_terms(variant)
            concept[wording] = max(concept.get(wording, 0.0), 1.0 if t else EXPANSION_WEIGHT)
        concepts.append(concept)
    concepts += [{(t,): 1.0} for t in dict.fromkeys(terms(query)) if t not in covered]
    return concepts


def _span(key: tuple[str, ...] | str, norm: str) -> tuple[int, int] | None:
    """Where a glossary wording's match key occurs in normalised text: (start, end), or None."""
    if isinstance(key, str):
        m = re.search(r"[\s・･/]?".join(map(re.escape, key)), norm)
        return m.span() if m else None
    words = list(_WORD.finditer(norm))
    for i in range(len(words) - len(key) + 1):
        if tuple(_singular(w.group()) for w in words[i:i + len(key)]) == key:
            return words[i].start(), words[i + len(key) - 1].end()
    return None


def query_views(query: str, glossary: Glossary | None, uses: Callable[[str], int],
                limit: int = 8) -> list[tuple[str, float]]:
    """The query reworded in the corpus's own wordings, for the semantic side: (text, weight) pairs
    whose weights sum to 1, or [] when the query needs no rewording.

    A glossary concept the query names (the same concepts as query_concepts) whose typed wording the
    corpus never uses (`uses`: in how many passages the index holds a wording, 0 for none) has its
    typed wording replaced by each of the concept's wordings that the corpus does use, weighted by
    that wording's share of the concept's uses. 「長期的な運用保守」 gives 「長期的なO&M」 (the minutes'
    word, most weight) and 「長期的な維持管理」; "infrastructure exports" gives "インフラ 輸出" and the
    other combinations, since every such concept is replaced at once. A concept typed as the corpus
    writes it (O&M, DX) is left alone, and only a typed wording is replaced: 官 inside 官民 is not one.
    Wordings with the same terms (運営・維持管理, 運営維持管理) are one. At most `limit` views, the
    heaviest."""
    g = default_glossary() if glossary is None else glossary
    norm, src = normalize_aligned(query)
    slots: list[tuple[int, int, list[tuple[str, float]]]] = []     # (start, end, [(wording, share)])
    for entry, present, typed in _glossary_concepts(query, g)[0]:
        if any(t and uses(v) for v, t in zip(entry.variants, typed)):
            continue
        span = next((s for key, t in zip(g.keys(entry), typed) if t and (s := _span(key, norm))), None)
        if span is None:
            continue
        start, end = src[span[0]][0], src[span[1] - 1][1]
        if any(start < b and a < end for a, b, _ in slots):
            continue
        counts: dict[Wording, tuple[str, int]] = {}
        for variant, p in zip(entry.variants, present):
            if not p and (n := uses(variant)):
                counts.setdefault(wording_terms(variant), (variant, n))
        total = sum(n for _, n in counts.values())
        if total:
            slots.append((start, end, [(v, n / total) for v, n in counts.values()]))
    if not slots:
        return []
    slots.sort()
    views: list[tuple[str, float]] = [("", 1.0)]
    at = 0
    for start, end, choices in slots:          # the heaviest `limit` so far hold the heaviest `limit` in the end
        views = sorted(((text + query[at:start] + v, w * share) for text, w in views for v, share in choices),
                       key=lambda tw: -tw[1])[:limit]
        at = end
    views = [(text + query[at:], w) for text, w in views]
    total = sum(w for _, w in views)
    return [(text, w / total) for text, w in views]


# ---------------------------------------------------------------- highlighting
@functools.lru_cache(maxsize=256)
def _highlight_wordings(query: str, glossary: Glossary) -> tuple[frozenset[str], ...]:
    """Every wording of query_concepts() as a set of terms, once per query and glossary (a search
    highlights ten hits with it; an edited glossary file is a new Glossary object, never stale)."""
    return tuple(frozenset(w) for c in query_concepts(query, glossary) for w in c)


def highlight_spans(text: str, query: str, glossary: Glossary | None = None) -> list[tuple[int, int]]:
    """Sorted, non-overlapping (start, end) spans of the ORIGINAL text whose words belong to a query
    wording (glossary wordings included) that the text holds whole, as the keyword side scores it:
    管理 alone is not marked for O&M. Widths, case and line breaks inside a word do not matter."""
    wordings = _highlight_wordings(query, default_glossary() if glossary is None else glossary)
    if not wordings or not text:
        return []
    norm, src = normalize_aligned(text)
    tokens = list(_tokens(norm))
    held = {t for t, _, _ in tokens}
    wanted = set().union(*(w for w in wordings if w <= held))
    spans = sorted((a, b) for t, a, b in tokens if t in wanted and b > a)
    merged: list[tuple[int, int]] = []
    for a, b in spans:                           # touching in normalised text: one word, or a wrapped line
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return [(src[a][0], src[b - 1][1]) for a, b in merged]


def matched_terms(text: str, query: str, glossary: Glossary | None = None) -> list[str]:
    """The distinct surface strings of the text that highlight_spans marks (line breaks removed)."""
    out: list[str] = []
    for a, b in highlight_spans(text, query, glossary):
        s = "".join(text[a:b].split())
        if s not in out:
            out.append(s)
    return out
