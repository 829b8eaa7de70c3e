"""Dates as paper lists write them: ``2024-02-19``, ``2023.04``, ``April 23, 2026``, ``07-29``.

A spelling is written with tokens, anything else literal:

| token | matches |
| --- | --- |
| ``YYYY`` | a four-digit year |
| ``YY`` | a two-digit year: ``00`` to ``68`` are 2000 to 2068, ``69`` to ``99`` are 1969 to 1999 |
| ``MM`` / ``M`` | a month, two digits / one or two |
| ``DD`` / ``D`` | a day, two digits / one or two |
| ``Month`` / ``Mon`` | a month's English name / its first three letters (``Sept.`` too) |

A schema may allow several spellings (``"x-date-format": ["YYYY-MM-DD", "YYYY-MM"]``),
tried in order. A date may leave out parts (``YYYY-MM``, ``YYYY``, or ``MM-DD`` in
lists that put the year in a heading); a missing part sorts as zero, so a partial
date comes before every full date of its period: ``2023-03`` < ``2023-03-01`` <
``2023-03-15`` (newest first, it comes after them).

The century of a two-digit year follows POSIX's ``strptime`` (and Python's ``%y``), fixed
so that a list reads the same whatever the day it is checked: ``[OSDI'22]`` is 2022,
``NIPS'98`` 1998.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import cache

_MONTHS = [name.casefold() for name in calendar.month_name[1:]]
_TOKENS = {
    "YYYY": r"(?P<year>[0-9]{4})",
    "YY": r"(?P<year2>[0-9]{2})",
    "Month": r"(?P<month_name>[A-Za-z]+)",
    "Mon": r"(?P<month_abbr>[A-Za-z]{3,4})\.?",
    "MM": r"(?P<month>[0-9]{2})",
    "DD": r"(?P<day>[0-9]{2})",
    "M": r"(?P<month>[0-9]{1,2})",
    "D": r"(?P<day>[0-9]{1,2})",
}
_PART = {"YYYY": "year", "YY": "year", "Month": "month", "Mon": "month", "MM": "month"}
_PART |= {"M": "month", "DD": "day", "D": "day"}
# The last two-digit year read as 20YY (POSIX strptime's %y); later ones are 19YY.
LAST_20YY = 68
# Longest first, so that "Month" is not "M" then "onth", nor "YYYY" "YY" twice.
_SPLIT = re.compile("(" + "|".join(sorted(_TOKENS, key=len, reverse=True)) + ")")


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date whose parts may be missing (``None``)."""

    year: int | None
    month: int | None
    day: int | None

    @property
    def sort_key(self) -> tuple[int, int, int]:
        """Missing parts as zero: a partial date sorts before the full dates of its period."""
        return (self.year or 0, self.month or 0, self.day or 0)

    def __str__(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "-"
        parts = [year, *(f"{part:02d}" for part in (self.month, self.day) if part is not None)]
        return "-".join(parts)

    def first_day(self) -> datetime.date | None:
        """The first day the date can mean (None without a year)."""
        if self.year is None:
            return None
        return datetime.date(self.year, self.month or 1, self.day or 1)


@dataclass(frozen=True, slots=True)
class DateFormat:
    """One spelling of dates, such as ``YYYY-MM-DD`` or ``Month D, YYYY``."""

    spelling: str

    @property
    def pattern(self) -> re.Pattern[str]:
        return _pattern(self.spelling)

    def parse(self, value: str) -> PartialDate | None:
        """The date ``value`` (trimmed) spells, if it is a real one in this spelling."""
        match = self.pattern.fullmatch(value.strip())
        if match is None:
            return None
        parts = match.groupdict()
        month = _month(parts)
        if month == 0:
            return None  # a month name that is none
        year = int(parts["year"]) if parts.get("year") else None
        if parts.get("year2"):
            short = int(parts["year2"] or 0)
            year = 2000 + short if short <= LAST_20YY else 1900 + short
        if year == 0:
            return None  # no calendar has a year 0
        day = int(parts["day"]) if parts.get("day") else None
        if month is not None and not 1 <= month <= 12:
            return None
        if day is not None:
            if month is None:
                return None
            # Without a year, February 29 may be real.
            last = calendar.monthrange(year if year is not None else 2000, month)[1]
            if not 1 <= day <= last:
                return None
        return PartialDate(year, month, day)

    def write(self, date: PartialDate) -> str | None:
        """``date`` in this spelling; None if the spelling needs a part it lacks."""
        out = []
        for piece in _SPLIT.split(self.spelling):
            part = _PART.get(piece)
            value = {"year": date.year, "month": date.month, "day": date.day}.get(part or "")
            if part is None:
                out.append(piece)
            elif value is None:
                return None
            elif piece == "YYYY":
                out.append(f"{value:04d}")
            elif piece == "YY":
                if not (2000 <= value <= 2000 + LAST_20YY or 1900 + LAST_20YY < value < 2000):
                    return None  # two digits would read as another century
                out.append(f"{value % 100:02d}")
            elif piece in ("MM", "DD"):
                out.append(f"{value:02d}")
            elif piece == "Month":
                out.append(calendar.month_name[value])
            elif piece == "Mon":
                out.append(calendar.month_abbr[value])
            else:
                out.append(str(value))
        return "".join(out)


def _month(parts: dict[str, str | None]) -> int | None:
    if parts.get("month"):
        return int(parts["month"] or 0)
    name = (parts.get("month_name") or "").casefold()
    if name:
        return _MONTHS.index(name) + 1 if name in _MONTHS else 0
    abbreviation = (parts.get("month_abbr") or "").casefold()
    if abbreviation:
        if abbreviation == "sept":
            return 9
        found = [i for i, month in enumerate(_MONTHS, 1) if month[:3] == abbreviation]
        return found[0] if found and len(abbreviation) == 3 else 0
    return None


@cache
def _pattern(spelling: str) -> re.Pattern[str]:
    pieces = _SPLIT.split(spelling)
    # ASCII: `Auguſt` is no August, and only ASCII digits make a date (the tokens say [0-9]).
    return re.compile(
        "".join(_TOKENS.get(piece, re.escape(piece)) for piece in pieces),
        re.IGNORECASE | re.ASCII,
    )


def _loose(spelling: str) -> str:
    """``spelling`` as a regular expression without named groups."""
    return "".join(
        re.sub(r"\?P<\w+>", "?:", _TOKENS[piece]) if piece in _TOKENS else re.escape(piece)
        for piece in _SPLIT.split(spelling)
    )


@dataclass(frozen=True, slots=True)
class DateFormats:
    """The spellings a date field allows, tried in order."""

    formats: tuple[DateFormat, ...]

    @property
    def spelling(self) -> str:
        """For messages: ``YYYY-MM-DD``, ``YYYY-MM-DD or YYYY-MM``, ``A, B or C``."""
        names = [form.spelling for form in self.formats]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]

    def regex(self) -> str:
        """A regular expression (no groups of its own) that matches these spellings."""
        return "(?:" + "|".join(_loose(form.spelling) for form in self.formats) + ")"

    def parse(self, value: str) -> PartialDate | None:
        for form in self.formats:
            found = form.parse(value)
            if found is not None:
                return found
        return None

    @classmethod
    def from_keyword(cls, value: object) -> DateFormats:
        """The formats an ``x-date-format`` value names; ValueError if it names none."""
        spellings = [value] if isinstance(value, str) else value
        if (
            not isinstance(spellings, list)
            or not spellings
            or not all(isinstance(spelling, str) for spelling in spellings)
        ):
            raise ValueError("x-date-format must be a spelling or a list of them, like YYYY-MM-DD")
        for spelling in spellings:
            tokens = [piece for piece in _SPLIT.split(spelling) if piece in _TOKENS]
            parts = [_PART[token] for token in tokens]
            for part in sorted({part for part in parts if parts.count(part) > 1}):
                twice = " then ".join(t for t, p in zip(tokens, parts, strict=True) if p == part)
                raise ValueError(
                    f"x-date-format {spelling!r} has the {part} twice ({twice}): write each "
                    "of YYYY (or YY), MM (or M), DD (or D) once; Mon is a month's first three "
                    "letters"
                )
            if "day" in parts and not _has_month(spelling):
                raise ValueError(f"x-date-format {spelling!r} has a day but no month")
            groups = _pattern(spelling).groupindex
            if "year" not in groups and "year2" not in groups and not _has_month(spelling):
                raise ValueError(
                    f"x-date-format {spelling!r} has no date in it: use YYYY, YY, MM, DD, M, "
                    "D, Month or Mon"
                )
        return cls(tuple(DateFormat(spelling) for spelling in spellings))


def _has_month(spelling: str) -> bool:
    groups = _pattern(spelling).groupindex
    return any(name in groups for name in ("month", "month_name", "month_abbr"))


ISO_DATE = DateFormats((DateFormat("YYYY-MM-DD"),))
