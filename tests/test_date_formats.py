"""Date spellings: every token, partial dates and how they sort, lists of spellings."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readmelint.dates import DateFormat, DateFormats, PartialDate


@pytest.mark.parametrize(
    ("spelling", "value", "expected"),
    [
        ("YYYY-MM-DD", "2024-02-29", (2024, 2, 29)),
        ("YYYY-MM-DD", "2023-02-29", None),  # not a leap year
        ("YYYY-MM-DD", "2024-13-01", None),
        ("YYYY-MM-DD", " 2024-02-19 ", (2024, 2, 19)),
        ("YYYY-MM", "2026-04", (2026, 4, None)),
        ("YYYY", "2023", (2023, None, None)),
        ("YYYY.MM", "2023.04", (2023, 4, None)),
        ("YYYY.MM", "2023.4", None),
        ("YYYY.MM.DD", "2023.04.05", (2023, 4, 5)),
        ("MM/YYYY", "05/2023", (2023, 5, None)),
        ("Month D, YYYY", "April 23, 2026", (2026, 4, 23)),
        ("Month D, YYYY", "april 3, 2026", (2026, 4, 3)),
        ("Month D, YYYY", "Apri 3, 2026", None),
        ("MM-DD", "07-29", (None, 7, 29)),
        ("MM-DD", "02-29", (None, 2, 29)),  # without a year, February 29 may be real
        ("MM-DD", "02-30", None),
        ("Mon YYYY", "Sept. 2024", (2024, 9, None)),
        ("Mon YYYY", "Jan 2017", (2017, 1, None)),
        ("D Month YYYY", "5 March 2024", (2024, 3, 5)),
    ],
)
def test_spellings(spelling: str, value: str, expected: tuple[int | None, ...] | None) -> None:
    found = DateFormat(spelling).parse(value)
    assert (None if found is None else (found.year, found.month, found.day)) == expected


def test_a_list_of_spellings_is_tried_in_order_and_named_in_messages() -> None:
    formats = DateFormats.from_keyword(["YYYY-MM-DD", "YYYY-MM", "YYYY"])
    assert formats.parse("2024-02") == PartialDate(2024, 2, None)
    assert formats.parse("2024") == PartialDate(2024, None, None)
    assert formats.spelling == "YYYY-MM-DD, YYYY-MM or YYYY"
    assert DateFormats.from_keyword("YYYY.MM").spelling == "YYYY.MM"


@pytest.mark.parametrize("keyword", [[], 3, ["YYYY", 4], "no date here"])
def test_a_keyword_that_names_no_spelling_is_refused(keyword: object) -> None:
    with pytest.raises(ValueError, match="x-date-format"):
        DateFormats.from_keyword(keyword)


def test_a_partial_date_sorts_before_the_full_dates_of_its_period() -> None:
    dates = [PartialDate(2023, 3, 15), PartialDate(2023, 3, None), PartialDate(2023, 3, 1)]
    assert sorted(dates, key=lambda d: d.sort_key) == [
        PartialDate(2023, 3, None),
        PartialDate(2023, 3, 1),
        PartialDate(2023, 3, 15),
    ]
    assert str(PartialDate(2023, 3, None)) == "2023-03"
    assert str(PartialDate(None, 7, 29)) == "--07-29"


@given(st.dates(min_value=datetime.date(1000, 1, 1), max_value=datetime.date(9999, 12, 31)))
def test_a_formatted_date_parses_back(date: datetime.date) -> None:
    for spelling, text in (
        ("YYYY-MM-DD", date.isoformat()),
        ("YYYY.MM.DD", date.strftime("%Y.%m.%d")),
        ("Month D, YYYY", f"{date:%B} {date.day}, {date.year:04d}"),
        ("D Mon YYYY", f"{date.day} {date:%b} {date.year:04d}"),
    ):
        assert DateFormat(spelling).parse(text) == PartialDate(date.year, date.month, date.day)
    assert DateFormat("MM/YYYY").parse(f"{date.month:02d}/{date.year:04d}") == PartialDate(
        date.year, date.month, None
    )
