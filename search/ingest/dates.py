"""和暦 and 西暦 dates and fiscal years to ISO: 令和２年５月１２日 -> 2020-05-12, 令和２年度 -> 2020."""
from __future__ import annotations

import re
import unicodedata
from datetime import date

ERAS = {"明治": 1868, "大正": 1912, "昭和": 1926, "平成": 1989, "令和": 2019,
        "M": 1868, "T": 1912, "S": 1926, "H": 1989, "R": 2019}

_ERA = r"(明治|大正|昭和|平成|令和|(?<![A-Za-z])[MTSHR](?=\s*(?:\d|元)))"
_NUM = r"(元|\d{1,4})"
_SP = r"\s*"
_OTHER_YEAR = r"(?:\s*\([^()\d]{0,2}\d{1,4}\s*年?\))?"      # 令和4年(2022年)5月17日, 2022年(令和4年)5月17日
_ERA_DATE = re.compile(_ERA + _SP + _NUM + _SP + "年" + _OTHER_YEAR + _SP + r"(\d{1,2})" + _SP + "月" + _SP + r"(\d{1,2})" + _SP + "日")
_WESTERN_DATE = re.compile(r"(?<!\d)(\d{4})" + _SP + r"(?:年" + _OTHER_YEAR + r"|[/.-])" + _SP + r"(\d{1,2})" + _SP + r"(?:月|[/.-])"
                           + _SP + r"(\d{1,2})(?:" + _SP + r"日)?(?!\d)")
_KANJI = r"([〇一二三四五六七八九十百]{1,4})"
_KANJI_ERA_DATE = re.compile(_ERA + _SP + r"(元|[〇一二三四五六七八九十百]{1,4})" + _SP + "年" + _SP + _KANJI + _SP + "月"
                             + _SP + _KANJI + _SP + "日")
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), 1)}
_MONTH = r"(" + "|".join(MONTHS) + r"|" + "|".join(m[:3] for m in MONTHS) + r")\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ENGLISH_DATE = re.compile(r"(?<!\d)(\d{1,2})" + _ORDINAL + r"\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})(?!\d)|" + _MONTH
                           + r"\s+(\d{1,2})" + _ORDINAL + r",?\s+(\d{4})(?!\d)", re.I)   # 12 November 2024, 28th November,
#                                                                                  2018, Nov. 12, 2024
_ERA_FY = re.compile(_ERA + _SP + _NUM + _SP + "年度")
_WESTERN_FY = re.compile(r"(?<!\d)(\d{4})" + _SP + "年度")


def fold(s: str) -> str:
    """Full-width digits and letters to ASCII (NFKC), so that ２ and R２ read as 2 and R2."""
    return unicodedata.normalize("NFKC", s)


def era_year(era: str, year: str | int) -> int:
    """The Western year of an era year: ('令和', '元') -> 2019, ('平成', 31) -> 2019."""
    try:
        base = ERAS[era]
    except KeyError:
        raise ValueError(f"unknown era {era!r}; known: {', '.join(ERAS)}") from None
    n = 1 if year == "元" else int(year)
    if n < 1:
        raise ValueError(f"era year must be 1 or more, got {year!r}")
    return base + n - 1


def kanji_int(s: str) -> int:
    """'三十' -> 30, '十二' -> 12, '二〇' -> 20, '百五' -> 105 (the numerals of 国会会議録 dates)."""
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if all(c in digits for c in s):
        return int("".join(str(digits[c]) for c in s))
    total, cur = 0, 0
    for ch in s:
        if ch in digits:
            cur = digits[ch]
        else:
            total += (cur or 1) * (10 if ch == "十" else 100)
            cur = 0
    return total + cur


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def find_dates(text: str) -> list[str]:
    """Every valid date in text, in order, as ISO strings (和暦 and 西暦, full- or half-width digits, and an English
    summary's 12 November 2024 or November 12, 2024)."""
    s = fold(text)
    found: list[tuple[int, str]] = []
    for m in _ERA_DATE.finditer(s):
        iso = _iso(era_year(m[1], m[2]), int(m[3]), int(m[4]))
        if iso:
            found.append((m.start(), iso))
    for m in _KANJI_ERA_DATE.finditer(s):
        year = m[2] if m[2] == "元" else kanji_int(m[2])
        iso = _iso(era_year(m[1], year), kanji_int(m[3]), kanji_int(m[4]))
        if iso:
            found.append((m.start(), iso))
    for m in _WESTERN_DATE.finditer(s):
        iso = _iso(int(m[1]), int(m[2]), int(m[3]))
        if iso:
            found.append((m.start(), iso))
    for m in _ENGLISH_DATE.finditer(s):
        day, month, year = (m[1], m[2], m[3]) if m[1] else (m[5], m[4], m[6])
        iso = _iso(int(year), MONTHS.get(month.lower()) or _SHORT[month.lower()[:3]], int(day))
        if iso:
            found.append((m.start(), iso))
    return [iso for _, iso in sorted(found)]


_SHORT = {m[:3]: i for m, i in MONTHS.items()}


def parse_date(text: str) -> str | None:
    """The first date in text as ISO ('令和２年５月１２日（火）' -> '2020-05-12'), or None."""
    dates = find_dates(text)
    return dates[0] if dates else None


def parse_fiscal_year(text: str) -> int | None:
    """The first fiscal year in text: '令和２年度' / 'R２年度' / '2020年度' -> 2020, or None."""
    s = fold(text)
    hits = [(m.start(), era_year(m[1], m[2])) for m in _ERA_FY.finditer(s)]
    hits += [(m.start(), int(m[1])) for m in _WESTERN_FY.finditer(s)]
    return min(hits)[1] if hits else None


def fiscal_year_of(iso: str) -> int:
    """The Japanese fiscal year (April to March) a date falls in: '2020-05-12' -> 2020, '2021-03-31' -> 2020."""
    d = date.fromisoformat(iso)
    return d.year if d.month >= 4 else d.year - 1


def fiscal_year_range(year: int) -> tuple[str, str]:
    """First and last day of a fiscal year: 2020 -> ('2020-04-01', '2021-03-31')."""
    return date(year, 4, 1).isoformat(), date(year + 1, 3, 31).isoformat()
