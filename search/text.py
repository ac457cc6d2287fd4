"""Text normalisation and fugashi/unidic-lite index terms: one path for index and query."""
from __future__ import annotations

import re
import threading
import unicodedata
from contextlib import contextmanager


NORMALIZER_VERSION = "ja-3"   # ja-2: English plurals folded (exports -> export); ja-3: noun + suffix also one term (防災庁)

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
WORD = re.compile(r"[0-9a-z]+(?:&[0-9a-z]+)*")   # an English word as the glossary matches it

_idle_taggers: list = []          # MeCab taggers not parsing now: a tagger holds its parse state
_idle_lock = threading.Lock()
_line_cache: dict[str, tuple[str | None, str]] = {}


def _new_tagger():
    try:
        import fugashi
        import unidic_lite  # noqa: F401  (fugashi finds its dictionary through it)
    except ImportError as e:
        raise RuntimeError(f"Japanese tokenizer missing ({e}); install it with: "
                           f".venv/bin/pip install -r requirements.txt") from None
    return fugashi.Tagger()


@contextmanager
def tagger():
    """A MeCab tagger no other thread is using, for as long as the block runs (its nodes live until its next parse).

    Taggers are kept and reused, one per parse running at the same time, never one per thread: fugashi never
    frees a tagger (its ~250 MB dictionary stays mapped), and Streamlit runs every script run in a new
    thread, so a tagger per thread grew the server by one dictionary mapping per run (6.9 GB RSS after
    100 searches)."""
    with _idle_lock:
        lent = _idle_taggers.pop() if _idle_taggers else None
    if lent is None:
        lent = _new_tagger()
    try:
        yield lent
    finally:
        with _idle_lock:
            _idle_taggers.append(lent)


def _parse(norm: str) -> str:
    """MeCab's output for a normalised text."""
    with tagger() as t:
        return t.parse(norm)


def _fold_long_vowel(term: str) -> str:
    """Drop the final ー of a long katakana word (コンピューター == コンピュータ, サーバー == サーバ)."""
    if len(term) >= 4 and term.endswith("ー") and re.fullmatch(rf"[{_KATAKANA}]+", term):
        return term[:-1]
    return term


# A suffix that makes its noun another word (防災庁, 図書館, 保育園, 感染症, 防衛費, 高齢者): the two are also one term.
# Suffixes that only pluralise, honour or count (たち, さん, ごと, 等) are not.
_SUFFIX_STOP = frozenset("等 達 たち ら ども さん 君 氏 様 殿 ちゃん ごと 毎 方 中 目 頃 ごろ 前 後 間 際 上 下 内 外".split())


def _decide(line: str) -> tuple[str | None, str]:
    """(index term or None, surface) for one MeCab output line."""
    f = line.split("\t")
    surface = f[0]
    pos = f[4] if len(f) > 4 else ""
    lemma = f[3] if len(f) > 3 and f[3] else surface
    if pos.startswith("接尾辞-名詞的") and surface not in _SUFFIX_STOP:
        return SUFFIX, surface
    if not pos.startswith(_CONTENT_POS) or any(p in pos for p in _NON_CONTENT_POS):
        return None, surface
    lemma = lemma.split("-", 1)[0] or surface    # unidic-lite: インフラ-infrastructure, 円-助数詞
    if "固有名詞" in pos or (_KANA_ONLY.fullmatch(lemma) and not _KANA_ONLY.fullmatch(surface)):
        lemma = surface                          # 飯島 -> イイジマ is a reading, not a lemma
    if lemma in _JA_STOP_LEMMAS:
        return None, surface
    term = _fold_long_vowel(normalize(lemma)) or None
    return (NOUN + term if term and pos.startswith("名詞") else term), surface


NOUN = "\x01"          # _decide's mark on a noun's term (a suffix may join it), taken off before a term is given
SUFFIX = "\x02"        # _decide's answer for a suffix that makes its noun another word


def _joined(lines, norm: str | None = None, compounds: bool = True):
    """(term, start, end) of MeCab output lines: each content term, and a noun with the suffix right after it
    as one more term (防災庁: 防災 and 防災庁; not with compounds=False). Offsets index into norm where it is
    given (else 0)."""
    pos, noun = 0, None                          # noun: (surface, start, end) of the noun just before
    for line in lines:
        if not line or line == "EOS":
            continue
        term, surface = _decision(line)
        start = pos
        if norm is not None:
            start = pos if norm.startswith(surface, pos) else norm.find(surface, pos)
            if start < 0:
                start = pos
        end = start + len(surface) if norm is not None else 0
        pos = end
        if term == SUFFIX:
            if compounds and noun is not None and (norm is None or noun[2] == start):
                yield normalize(noun[0] + surface), noun[1], end
            noun = None
            continue
        if term is not None and term.startswith(NOUN):
            noun = (surface, start, end)
            term = term[1:]
        else:
            noun = None
        if term is not None:
            yield term, start, end


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
            yield (singular(word) if len(word) > 4 else word), base + a, base + b   # SDGs stays sdgs


def term_spans(norm: str, compounds: bool = True):
    """(term, start, end) over normalised text, in order; offsets index into `norm`.

    MeCab tags the whole text (a lone や between two acronyms needs its context); ASCII tokens are
    cut by a regex instead, because MeCab splits o&m into o / & / m."""
    ascii_spans = [(m.start(), m.end()) for m in _ASCII_TOKEN.finditer(norm)]
    k = 0                                        # next ASCII token not yet emitted
    for term, start, end in _joined(_parse(norm).split("\n"), norm, compounds):
        while k < len(ascii_spans) and ascii_spans[k][0] < end:
            a, b = ascii_spans[k]
            yield from _ascii_tokens(norm[a:b], a)
            k += 1
        if ascii_spans and any(a < end and start < b for a, b in ascii_spans[max(0, k - 1):k + 1]):
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


def terms(text: str, compounds: bool = True) -> list[str]:
    """Normalised index terms of a passage or a query, in order, duplicates kept (BM25 counts them); a noun and
    its suffix are one more term (防災庁), unless compounds=False (a glossary wording: デジタル化 holds デジタル)."""
    norm = normalize(text)
    if _ASCII_TOKEN.search(norm):
        return [t for t, _, _ in term_spans(norm, compounds)]
    return [t for t, _, _ in _joined(_parse(norm).split("\n"), compounds=compounds)]   # fast path: no ASCII words


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
