"""The English–Japanese dictionary for English queries: JMdict (the jamdict-data package) read once into a table of
English wordings and their Japanese headwords, looked up for the English words a query holds that the glossary
does not cover ("passive smoking" -> 受動喫煙, "telemedicine" -> 遠隔医療)."""
from __future__ import annotations

import importlib.util
import os
import re
import sqlite3
import threading
from collections import defaultdict
from pathlib import Path

from search import settings
from search.text import ENGLISH_STOPWORDS, WORD, normalize, singular, terms

VERSION = 1                 # bump when build() writes a different table
MAX_WORDS = 3               # the longest English wording looked up ("yen carry trade")
HEADWORDS = 4               # Japanese headwords kept for one English wording, the most common senses first
KATAKANA = re.compile(r"^[\u30a0-\u30ffー・]+$")
GLOSS = re.compile(r"[a-z0-9][a-z0-9 '\-]*")


class DictionaryError(Exception):
    """The dictionary cannot be built or read; the message says what to do."""


def source_db() -> Path:
    """jamdict-data's SQLite file of JMdict, as its package installs it."""
    spec = importlib.util.find_spec("jamdict_data")
    db = Path(spec.origin).parent / "jamdict.db" if spec and spec.origin else None
    if db is None or not db.is_file():
        raise DictionaryError("the English–Japanese dictionary's source (the jamdict-data package) is not installed; "
                              "run `make install`")
    return db


def dictionary_path() -> Path:
    return Path(settings.get("model_cache")) / "dictionary" / f"en_ja-v{VERSION}.tsv"


def gloss_key(gloss: str) -> tuple[str, ...] | None:
    """How an English gloss is looked up: its words singular, parentheses, a leading to/a/the left out, at most
    MAX_WORDS words ("to measure (something)" -> ('measure',)); None for a gloss that is no such wording."""
    g = re.sub(r"\([^)]*\)", " ", gloss.lower())
    g = re.sub(r"\s+", " ", re.sub(r"^\s*(?:to|a|an|the) ", "", g)).strip(" .,;")
    if not g or not GLOSS.fullmatch(g):
        return None
    key = tuple(singular(w) for w in WORD.findall(normalize(g)))
    if not key or len(key) > MAX_WORDS or all(w in ENGLISH_STOPWORDS for w in key):
        return None
    return key


def build(db: Path, out: Path) -> int:
    """Write the lookup table: one line per English wording, its Japanese headwords after it (TAB-separated), the
    most common first: a headword JMdict marks common (news1, ichi1, spec1 …) before one it does not, an earlier
    sense before a later one, the sense's first gloss before its others. A word written in kanji is looked up by its
    kanji; one without (a loanword) by its katakana. Returns the number of wordings."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        priority: dict[tuple[str, int], int] = defaultdict(int)
        for table, kind in (("KJP", "k"), ("KNP", "r")):
            for kid, tag in con.execute(f"SELECT kid, text FROM {table}"):
                priority[kind, kid] = max(priority[kind, kid], 2 if tag.endswith("1") else 1)
        forms: dict[int, list[tuple[str, int]]] = defaultdict(list)
        for kid, idseq, text in con.execute("SELECT ID, idseq, text FROM Kanji"):
            forms[idseq].append((text, priority["k", kid]))
        for kid, idseq, text in con.execute("SELECT ID, idseq, text FROM Kana"):
            if idseq not in forms and KATAKANA.match(text):
                forms[-idseq].append((text, priority["r", kid]))
        sense: dict[int, tuple[int, int]] = {}
        count: dict[int, int] = defaultdict(int)
        for sid, idseq in con.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
            sense[sid] = (idseq, count[idseq])
            count[idseq] += 1
        table: dict[tuple[str, ...], dict[str, int]] = defaultdict(dict)
        seen: dict[int, int] = defaultdict(int)
        for sid, gloss in con.execute("SELECT sid, text FROM SenseGloss WHERE lang = 'eng' ORDER BY rowid"):
            seen[sid] += 1
            key = gloss_key(gloss)
            idseq, order = sense[sid]
            written = forms.get(idseq) or forms.get(-idseq)
            if key is None or not written:
                continue
            best = max(p for _, p in written)
            for form, p in written:
                score = 10 * p - 2 * order - (seen[sid] - 1)
                if p == best and table[key].get(form, -10**6) < score and terms(form, compounds=False):
                    table[key][form] = score
    finally:
        con.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}")
    try:
        with open(tmp, "w", encoding="utf-8") as fh:
            for key in sorted(table):
                ranked = sorted(table[key], key=lambda f: -table[key][f])[:HEADWORDS]
                fh.write(" ".join(key) + "\t" + "\t".join(ranked) + "\n")
        tmp.replace(out)
    finally:
        tmp.unlink(missing_ok=True)              # a half-written table never stays behind
    return len(table)


def ensure_dictionary(force: bool = False) -> Path:
    """The lookup table's path; built from jamdict-data (about 10 s, once) if missing or forced."""
    out = dictionary_path()
    if force or not out.is_file():
        try:
            build(source_db(), out)
        except (OSError, sqlite3.Error) as e:
            raise DictionaryError(f"cannot build the English–Japanese dictionary into {out}: {e}; "
                                  "set GIJI_MODEL_CACHE to a writable folder, or run `make install` again") from e
    return out


class EnglishDictionary:
    """English wordings -> Japanese headwords, read from the table on the first lookup."""

    _shared: "EnglishDictionary | None" = None
    _shared_lock = threading.Lock()

    def __init__(self, table: dict[tuple[str, ...], tuple[str, ...]]):
        self.table = table

    @classmethod
    def read(cls, path: Path) -> "EnglishDictionary":
        table = {}
        try:
            with open(path, encoding="utf-8") as fh:
                for line in fh:
                    english, *japanese = line.rstrip("\n").split("\t")
                    table[tuple(english.split(" "))] = tuple(japanese)
        except (OSError, UnicodeDecodeError) as e:
            raise DictionaryError(f"cannot read the English–Japanese dictionary {path}: {e}; "
                                  "delete it and run `make model` to build it again") from e
        return cls(table)

    @classmethod
    def shared(cls) -> "EnglishDictionary":
        """The one table of this process, built if needed and read once."""
        with cls._shared_lock:
            if cls._shared is None:
                cls._shared = cls.read(ensure_dictionary())
            return cls._shared

    def lookup(self, words: tuple[str, ...], covered: set[int]) -> list[tuple[str, tuple[str, ...]]]:
        """The English wordings among a query's words (singular, lower case) not covered by the glossary, the
        longest first from left to right, each with its Japanese headwords."""
        found, i = [], 0
        while i < len(words):
            for n in range(min(MAX_WORDS, len(words) - i), 0, -1):
                key = words[i:i + n]
                if key in self.table and not covered & set(range(i, i + n)) and key[0] not in ENGLISH_STOPWORDS:
                    found.append((" ".join(key), self.table[key]))
                    i += n
                    break
            else:
                i += 1
        return found
