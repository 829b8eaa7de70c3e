"""readmelint.dates against its specification: each real spelling, the calendar, the order of
partial dates, lists of spellings, the schema keyword, and round trips of random dates.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from readmelint.dates import ISO_DATE, DateFormat, DateFormats, PartialDate
from tests.hypothesis_profile import ARBITRARY

Parts = tuple[int | None, int | None, int | None]

# English names written out, since strftime's %B and %b follow the locale.
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parts(found: PartialDate | None) -> Parts | None:
    return None if found is None else (found.year, found.month, found.day)


VALID: list[tuple[str, str, Parts]] = [
    # The spellings real lists use.
    ("YYYY-MM-DD", "2024-02-19", (2024, 2, 19)),
    ("YYYY-MM", "2026-04", (2026, 4, None)),
    ("YYYY", "2023", (2023, None, None)),
    ("YYYY.MM", "2023.04", (2023, 4, None)),
    ("YYYY.MM.DD", "2023.04.05", (2023, 4, 5)),
    ("MM/YYYY", "05/2023", (2023, 5, None)),
    ("Month D, YYYY", "April 23, 2026", (2026, 4, 23)),
    ("MM-DD", "07-29", (None, 7, 29)),
    ("Mon YYYY", "Jan 2017", (2017, 1, None)),
    ("D Month YYYY", "5 March 2024", (2024, 3, 5)),
    # Trimmed, whitespace and newlines alike.
    ("YYYY-MM-DD", "  2024-02-19\n", (2024, 2, 19)),
    # Leap years: every fourth, not centuries, but every fourth century.
    ("YYYY-MM-DD", "2024-02-29", (2024, 2, 29)),
    ("YYYY-MM-DD", "2000-02-29", (2000, 2, 29)),
    ("YYYY.MM.DD", "2024.02.29", (2024, 2, 29)),
    ("Month D, YYYY", "February 29, 2024", (2024, 2, 29)),
    ("YYYY-MM-DD", "2023-12-31", (2023, 12, 31)),
    ("YYYY-MM-DD", "2023-04-30", (2023, 4, 30)),
    # Without a year February 29 may be real.
    ("MM-DD", "02-29", (None, 2, 29)),
    ("MM-DD", "12-31", (None, 12, 31)),
    # One or two digits for M and D.
    ("M/D/YYYY", "3/4/2024", (2024, 3, 4)),
    ("M/D/YYYY", "03/04/2024", (2024, 3, 4)),
    ("M/D/YYYY", "12/31/2024", (2024, 12, 31)),
    ("Month D, YYYY", "April 3, 2026", (2026, 4, 3)),
    ("Month D, YYYY", "April 03, 2026", (2026, 4, 3)),
    # Month names in any case; abbreviations with or without a dot, Sept too.
    ("Month D, YYYY", "april 23, 2026", (2026, 4, 23)),
    ("Month D, YYYY", "APRIL 23, 2026", (2026, 4, 23)),
    ("D Month YYYY", "31 December 1999", (1999, 12, 31)),
    ("Mon YYYY", "jan 2017", (2017, 1, None)),
    ("Mon YYYY", "Jan. 2017", (2017, 1, None)),
    ("Mon YYYY", "Sep 2024", (2024, 9, None)),
    ("Mon YYYY", "Sep. 2024", (2024, 9, None)),
    ("Mon YYYY", "Sept 2024", (2024, 9, None)),
    ("Mon YYYY", "Sept. 2024", (2024, 9, None)),
    ("Mon YYYY", "May 2024", (2024, 5, None)),
    ("D Mon YYYY", "5 Mar 2024", (2024, 3, 5)),
    # Literals that are not ASCII punctuation.
    ("YYYY年MM月", "2024年03月", (2024, 3, None)),
]

INVALID: list[tuple[str, str]] = [
    # Not real calendar dates.
    ("YYYY-MM-DD", "2023-02-29"),  # 2023 is not a leap year
    ("YYYY-MM-DD", "1900-02-29"),  # nor is a century not divisible by 400
    ("YYYY-MM-DD", "2023-02-30"),
    ("YYYY-MM-DD", "2024-04-31"),
    ("YYYY-MM-DD", "2024-13-01"),
    ("YYYY-MM-DD", "2024-00-10"),
    ("YYYY-MM-DD", "2024-01-00"),
    ("YYYY-MM-DD", "2024-01-32"),
    ("YYYY-MM", "2024-13"),
    ("YYYY-MM", "2024-00"),
    ("MM-DD", "02-30"),
    ("MM-DD", "04-31"),
    ("MM-DD", "13-01"),
    ("MM-DD", "00-10"),
    ("Month D, YYYY", "February 29, 2023"),
    ("Month D, YYYY", "April 31, 2026"),
    # The whole value, nothing more or less.
    ("YYYY-MM-DD", "2024-02-19 (v2)"),
    ("YYYY-MM-DD", "on 2024-02-19"),
    ("YYYY-MM-DD", "2024-02"),
    ("YYYY-MM", "2024-02-19"),
    ("YYYY", "2023a"),
    ("YYYY", ""),
    ("YYYY", "   "),
    # Digits counted exactly.
    ("YYYY", "202"),
    ("YYYY", "20234"),
    ("YYYY.MM", "2023.4"),
    ("YYYY-MM-DD", "2024-2-19"),
    ("YYYY-MM-DD", "2024-02-9"),
    ("M/D/YYYY", "003/04/2024"),
    ("M/D/YYYY", "3/004/2024"),
    ("MM/YYYY", "05/23"),
    # Literals exactly, not some other separator.
    ("YYYY-MM-DD", "2024/02/19"),
    ("YYYY.MM", "2023-04"),
    ("YYYY.MM", "2023x04"),  # a literal dot is not "any character"
    ("Month D, YYYY", "April 23 2026"),
    # Names must be names.
    ("Month D, YYYY", "Apri 23, 2026"),
    ("Month D, YYYY", "Apr 23, 2026"),  # Month is the full name
    ("Month D, YYYY", "Sept 23, 2026"),
    ("Month D, YYYY", "Foo 23, 2026"),
    ("Mon YYYY", "June 2024"),  # Mon is three letters (or Sept)
    ("Mon YYYY", "Janu 2024"),
    ("Mon YYYY", "Jnu 2024"),
    ("Mon YYYY", "01 2024"),
    ("D Month YYYY", "5 Mar 2024"),
    # Markup is the caller's to take off.
    ("YYYY-MM-DD", "`2024-02-19`"),
    ("YYYY-MM-DD", "**2024-02-19**"),
]


@pytest.mark.parametrize(("spelling", "value", "expected"), VALID)
def test_a_valid_value_parses_to_its_parts(spelling: str, value: str, expected: Parts) -> None:
    assert parts(DateFormat(spelling).parse(value)) == expected


@pytest.mark.parametrize(("spelling", "value"), INVALID)
def test_an_invalid_value_parses_to_none(spelling: str, value: str) -> None:
    assert DateFormat(spelling).parse(value) is None


def test_tokens_are_read_longest_first() -> None:
    # Were Month read as M then "onth", "4onth" would be April.
    assert DateFormat("Month D, YYYY").parse("4onth 23, 2026") is None
    assert DateFormat("Mon YYYY").parse("4on 2026") is None
    # Were MM read as M twice, the spelling would name the month twice and not compile.
    assert parts(DateFormat("MM-DD").parse("12-01")) == (None, 12, 1)


def test_a_spelling_compiles_once() -> None:
    assert DateFormat("YYYY-MM-DD").pattern is DateFormat("YYYY-MM-DD").pattern


def test_partial_dates_sort_before_the_full_dates_of_their_period() -> None:
    expected = [
        PartialDate(None, 7, 29),  # no year: before every dated one
        PartialDate(2022, 12, 31),
        PartialDate(2023, None, None),
        PartialDate(2023, 3, None),
        PartialDate(2023, 3, 1),
        PartialDate(2023, 3, 15),
        PartialDate(2023, 4, None),
        PartialDate(2023, 4, 2),
        PartialDate(2024, None, None),
    ]
    shuffled = [expected[i] for i in (5, 2, 8, 0, 3, 7, 1, 6, 4)]
    assert sorted(shuffled, key=lambda date: date.sort_key) == expected
    # Newest first, a month without a day comes after all of its days.
    newest_first = sorted(shuffled, key=lambda date: date.sort_key, reverse=True)
    assert (
        newest_first.index(PartialDate(2023, 3, None))
        == newest_first.index(PartialDate(2023, 3, 1)) + 1
    )


def test_parsed_dates_sort_as_the_spec_says() -> None:
    formats = DateFormats.from_keyword(["YYYY-MM-DD", "YYYY-MM", "YYYY"])
    values = ["2023-03-15", "2023", "2023-03", "2023-03-01", "2022-12-31"]
    keys = {value: date.sort_key for value in values if (date := formats.parse(value))}
    assert len(keys) == len(values)
    assert sorted(keys, key=keys.__getitem__) == [
        "2022-12-31",
        "2023",
        "2023-03",
        "2023-03-01",
        "2023-03-15",
    ]


@pytest.mark.parametrize(
    ("date", "text"),
    [
        (PartialDate(2023, 3, 5), "2023-03-05"),
        (PartialDate(2023, 3, None), "2023-03"),
        (PartialDate(2023, None, None), "2023"),
        (PartialDate(None, 3, 5), "--03-05"),
        (PartialDate(987, 1, 2), "0987-01-02"),
    ],
)
def test_a_partial_date_prints_iso_like(date: PartialDate, text: str) -> None:
    assert str(date) == text


def test_a_partial_date_is_frozen_and_slotted() -> None:
    date = PartialDate(2023, 3, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        date.year = 2024  # type: ignore[misc]
    assert not hasattr(date, "__dict__")
    assert date == PartialDate(2023, 3, None)
    assert hash(date) == hash(PartialDate(2023, 3, None))


def test_the_first_spelling_that_reads_a_value_wins() -> None:
    american = DateFormats((DateFormat("M/D/YYYY"), DateFormat("D/M/YYYY")))
    european = DateFormats((DateFormat("D/M/YYYY"), DateFormat("M/D/YYYY")))
    assert parts(american.parse("3/4/2024")) == (2024, 3, 4)
    assert parts(european.parse("3/4/2024")) == (2024, 4, 3)
    # When the first cannot read it (no month 13), the next one does.
    assert parts(american.parse("13/4/2024")) == (2024, 4, 13)
    assert american.parse("13/13/2024") is None


def test_a_list_of_spellings_reads_each_of_them() -> None:
    formats = DateFormats.from_keyword(["YYYY-MM-DD", "YYYY-MM"])
    assert parts(formats.parse("2024-02-19")) == (2024, 2, 19)
    assert parts(formats.parse("2024-02")) == (2024, 2, None)
    assert formats.parse("2024") is None
    assert formats.parse("2023-02-29") is None  # not YYYY-MM either


@pytest.mark.parametrize(
    ("keyword", "spelling"),
    [
        ("YYYY.MM", "YYYY.MM"),
        (["YYYY.MM"], "YYYY.MM"),
        (["YYYY-MM-DD", "YYYY-MM"], "YYYY-MM-DD or YYYY-MM"),
        (["YYYY-MM-DD", "YYYY-MM", "YYYY"], "YYYY-MM-DD, YYYY-MM or YYYY"),
        (["Month D, YYYY", "Mon YYYY", "YYYY", "MM-DD"], "Month D, YYYY, Mon YYYY, YYYY or MM-DD"),
    ],
)
def test_a_keyword_names_its_spellings_in_order(keyword: str | list[str], spelling: str) -> None:
    formats = DateFormats.from_keyword(keyword)
    assert formats.spelling == spelling
    written = [keyword] if isinstance(keyword, str) else keyword
    assert formats.formats == tuple(DateFormat(each) for each in written)


@pytest.mark.parametrize(
    "keyword",
    [
        None,
        3,
        True,
        {"spelling": "YYYY"},
        ("YYYY",),  # JSON has no tuples: a list only
        [],
        ["YYYY", 4],
        [None],
        "",
        "no date here",
        ["YYYY-MM-DD", "dd/mm/yy"],  # lower case is not a token
    ],
)
def test_a_bad_keyword_is_refused_by_name(keyword: object) -> None:
    with pytest.raises(ValueError, match="x-date-format"):
        DateFormats.from_keyword(keyword)


def test_iso_date_is_year_month_day() -> None:
    assert DateFormats.from_keyword("YYYY-MM-DD") == ISO_DATE
    assert ISO_DATE.spelling == "YYYY-MM-DD"
    assert parts(ISO_DATE.parse("2024-02-29")) == (2024, 2, 29)
    assert ISO_DATE.parse("2024-02") is None


def _century(year: int) -> int:
    """The year two digits of ``year`` read as: 00-68 in the 2000s, 69-99 in the 1900s."""
    short = year % 100
    return 2000 + short if short <= 68 else 1900 + short


def _ymd(date: datetime.date) -> Parts:
    return (date.year, date.month, date.day)


# Each spelling, how a date is written in it, and the parts the written text keeps.
WRITERS: list[tuple[str, Callable[[datetime.date], str], Callable[[datetime.date], Parts]]] = [
    ("YYYY-MM-DD", lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}", _ymd),
    ("YYYY.MM.DD", lambda d: f"{d.year:04d}.{d.month:02d}.{d.day:02d}", _ymd),
    ("Month D, YYYY", lambda d: f"{MONTH_NAMES[d.month - 1]} {d.day}, {d.year:04d}", _ymd),
    ("D Month YYYY", lambda d: f"{d.day} {MONTH_NAMES[d.month - 1].upper()} {d.year:04d}", _ymd),
    ("D Mon YYYY", lambda d: f"{d.day} {MONTH_NAMES[d.month - 1][:3]}. {d.year:04d}", _ymd),
    ("M/D/YYYY", lambda d: f"{d.month}/{d.day}/{d.year:04d}", _ymd),
    ("YYYY-MM", lambda d: f"{d.year:04d}-{d.month:02d}", lambda d: (d.year, d.month, None)),
    ("YYYY.MM", lambda d: f"{d.year:04d}.{d.month:02d}", lambda d: (d.year, d.month, None)),
    ("MM/YYYY", lambda d: f"{d.month:02d}/{d.year:04d}", lambda d: (d.year, d.month, None)),
    (
        "Mon YYYY",
        lambda d: f"{MONTH_NAMES[d.month - 1][:3]} {d.year:04d}",
        lambda d: (d.year, d.month, None),
    ),
    ("YYYY", lambda d: f"{d.year:04d}", lambda d: (d.year, None, None)),
    ("YY", lambda d: f"{d.year % 100:02d}", lambda d: (_century(d.year), None, None)),
    (
        "Mon'YY",
        lambda d: f"{MONTH_NAMES[d.month - 1][:3]}'{d.year % 100:02d}",
        lambda d: (_century(d.year), d.month, None),
    ),
    ("MM-DD", lambda d: f"{d.month:02d}-{d.day:02d}", lambda d: (None, d.month, d.day)),
]


@ARBITRARY
@given(st.dates(min_value=datetime.date(1, 1, 1)))
@example(datetime.date(2024, 2, 29))
@example(datetime.date(2000, 2, 29))
@example(datetime.date(9999, 12, 31))
def test_a_written_date_reads_back_as_the_parts_it_shows(date: datetime.date) -> None:
    for spelling, write, shown in WRITERS:
        assert parts(DateFormat(spelling).parse(write(date))) == shown(date), spelling


@ARBITRARY
@given(st.text(max_size=30))
@example("")
@example("0000-00-00")
@example("9999-99-99")
def test_any_text_parses_to_a_date_or_to_none(value: str) -> None:
    # A linter reads every value a README holds: parse must never raise.
    for spelling, _, _ in WRITERS:
        found = DateFormat(spelling).parse(value)
        assert found is None or isinstance(found, PartialDate)


# Gaps found while writing these tests, now closed.


@pytest.mark.parametrize(
    ("spelling", "value"),
    [
        ("YYYY-MM-DD", "２０２４-０２-１９"),  # full-width digits
        ("YYYY-MM-DD", "٢٠٢٤-٠٢-١٩"),  # Arabic-Indic digits
        ("Month D, YYYY", "Auguſt 5, 2024"),  # a long s, which case-folds to s
    ],
)
def test_only_ascii_is_a_date(spelling: str, value: str) -> None:
    assert DateFormat(spelling).parse(value) is None


@pytest.mark.parametrize(
    ("value", "year"),
    [("00", 2000), ("22", 2022), ("68", 2068), ("69", 1969), ("98", 1998), ("99", 1999)],
)
def test_a_two_digit_year_has_the_century_posix_gives_it(value: str, year: int) -> None:
    """POSIX strptime's %y (and Python's): fixed, so a list reads the same any day."""
    assert parts(DateFormat("YY").parse(value)) == (year, None, None)
    assert datetime.datetime.strptime(value, "%y").year == year
    assert DateFormat("YY").write(PartialDate(year, None, None)) == value


@pytest.mark.parametrize("year", [1968, 2069, 1850, 2100])
def test_a_year_two_digits_would_misread_is_not_written_so(year: int) -> None:
    assert DateFormat("YY").write(PartialDate(year, None, None)) is None


@pytest.mark.parametrize("value", ["7", "2022", "'22", "2O"])
def test_a_two_digit_year_is_two_digits(value: str) -> None:
    assert DateFormat("YY").parse(value) is None


def test_a_year_in_two_spellings_is_refused() -> None:
    with pytest.raises(ValueError, match=r"the year twice \(YYYY then YY\)"):
        DateFormats.from_keyword("YYYY/YY")


def test_year_zero_is_not_a_date() -> None:
    assert DateFormat("YYYY-MM-DD").parse("0000-01-01") is None


@pytest.mark.parametrize("keyword", ["DD MMM YYYY", "YYYY-MM-DD (YYYY)"])
def test_a_token_used_twice_is_refused_by_name(keyword: str) -> None:
    with pytest.raises(ValueError, match=r"x-date-format .* twice"):
        DateFormats.from_keyword(keyword)


def test_a_day_without_a_month_is_refused() -> None:
    with pytest.raises(ValueError, match="a day but no month"):
        DateFormats.from_keyword("YYYY DD")
