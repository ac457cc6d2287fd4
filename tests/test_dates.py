"""和暦 and 西暦 dates and fiscal years."""
from __future__ import annotations

import pytest

from search.ingest.dates import era_year, find_dates, fiscal_year_of, fiscal_year_range, parse_date, parse_fiscal_year


@pytest.mark.parametrize("text, iso", [
    ("令和２年５月１２日（火）１６時００分～１７時００分", "2020-05-12"),
    ("令和元年５月１日", "2019-05-01"),
    ("平成31年4月30日", "2019-04-30"),
    ("平成２５年８月", None),
    ("昭和64年1月7日", "1989-01-07"),
    ("令和 3 年 1 月 18 日", "2021-01-18"),
    ("成長戦略フォローアップ 令和３年６月１８ 日", "2021-06-18"),
    ("2020年5月12日", "2020-05-12"),
    ("２０２０年５月１２日", "2020-05-12"),
    ("令和２年２月３０日", None),
    ("R2年5月12日", "2020-05-12"),
    ("日時未定", None),
    ("令和六年七月三十日（火曜日）", "2024-07-30"),
    ("昭和二十二年十二月九日", "1947-12-09"),
    ("平成元年二月十日", "1989-02-10"),
    ("令和六年十三月一日", None),
    ("日時:令和4年(2022年)5月17日(火)15時00分から", "2022-05-17"),     # the Digital Agency's pages
    ("2022年（令和4年）5月17日", "2022-05-17"),
    ("Committee - Wednesday, 28th November, 2018 10.00 am", "2018-11-28"),
    ("6:00pm, Tuesday 10TH DECEMBER, 2019", "2019-12-10"),
    ("held on the 25th of October 2016", "2016-10-25"),
    ("June 1st, 2023", "2023-06-01"),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text, year", [
    ("令和２年度", 2020), ("R２年度", 2020), ("Ｒ２年度", 2020), ("R 元年度", 2019), ("令和元年度", 2019),
    ("平成２５年度主要な政策に係る評価書", 2013), ("主要な政策に係る評価書（平成30年度実施政策）", 2018),
    ("H30年度", 2018), ("2024年度", 2024), ("令和６年度 政策チェックアップ評価書", 2024), ("年度ごとの目標", None), ("ICT2年度計画", None),
])
def test_parse_fiscal_year(text, year):
    assert parse_fiscal_year(text) == year


@pytest.mark.parametrize("iso, year", [("2020-05-12", 2020), ("2021-03-31", 2020), ("2021-04-01", 2021)])
def test_fiscal_year_of(iso, year):
    assert fiscal_year_of(iso) == year


def test_fiscal_year_range_and_eras():
    assert fiscal_year_range(2020) == ("2020-04-01", "2021-03-31")
    assert era_year("令和", "元") == 2019 and era_year("平成", 31) == 2019 and era_year("R", 6) == 2024
    with pytest.raises(ValueError, match="unknown era"):
        era_year("天保", 3)
    assert find_dates("令和２年５月１２日と令和２年６月１日") == ["2020-05-12", "2020-06-01"]
