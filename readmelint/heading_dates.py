"""Dates written once for a group: a digest's ``## 2025-06-20`` over its papers.

With ``date-from-heading`` naming a date field, an entry takes that field from the
nearest heading above it whose text is a date (:class:`HeadingDates`, which the parser
hands each layout): as a shared field (:attr:`readmelint.model.Entry.shared`), which
never moves and is never written into the entry. An entry's own field wins; where it
lacks the year (``06-20`` under ``### 2024``), the heading gives it
(:func:`entry_date`). Headings bound the runs entries are sorted within in every
layout, so sorting never moves an entry out of its group.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from readmelint.dates import DateFormat, DateFormats, PartialDate
from readmelint.keywords import date_text
from readmelint.markdown import heading_title
from readmelint.model import Entry, Field, Heading, Span
from readmelint.schema import FieldSpec, Schema
from readmelint.source import Lines

# How headings write dates, beside a field's own spellings: tried after them, in order.
HEADING_SPELLINGS = DateFormats(
    tuple(
        DateFormat(spelling)
        for spelling in (
            "YYYY-M-D",
            "YYYY.M.D",
            "YYYY/M/D",
            "YYYY年M月D日",
            "Month D, YYYY",
            "Mon D, YYYY",
            "Month D YYYY",
            "Mon D YYYY",
            "D Month YYYY",
            "D Mon YYYY",
            "YYYY-M",
            "YYYY.M",
            "YYYY/M",
            "YYYY年M月",
            "Month YYYY",
            "Mon YYYY",
            "Month, YYYY",
            "YYYY",
        )
    )
)
# A heading of digits that no calendar has (``## 2024-02-31``) is still a date heading, so
# that check reports it instead of leaving its papers without a date.
_NUMERIC = re.compile(r"[0-9]{4}([-./])[0-9]{1,2}(\1[0-9]{1,2})?", re.ASCII)
# Around a heading's date: an emoji, brackets, a colon (``📅 2025-06-20:``, ``[2024]``).
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


@cache
def heading_formats(formats: DateFormats | None) -> DateFormats:
    """The spellings a heading's date is read in: a field's own (``formats``) first."""
    own = formats.formats if formats is not None else ()
    return DateFormats(own + HEADING_SPELLINGS.formats)


@dataclass(frozen=True, slots=True)
class _Dated:
    """Where a heading's date text is (a real date or not: see :func:`heading_date`)."""

    line: int
    column: int
    end_column: int


class HeadingDates:
    """Which date fields each line takes from the headings above it.

    ``headings``: the file's top-level headings, in order. A line's headings are those
    that hold it (the nearest above it of each higher rank); the nearest of them whose
    text is a date gives each field named (nearest first, the others after it, for an
    entry's own date that lacks the year).
    """

    def __init__(
        self, lines: Lines, headings: Sequence[Heading], schema: Schema, keys: Iterable[str]
    ) -> None:
        self.lines = lines
        self.starts = [heading.line for heading in headings]
        self.levels = [heading.level for heading in headings]
        # Each heading's parent: the nearest one before it of a higher rank (-1: none).
        self.parents: list[int] = []
        open_: list[int] = []
        for index, level in enumerate(self.levels):
            while open_ and self.levels[open_[-1]] >= level:
                open_.pop()
            self.parents.append(open_[-1] if open_ else -1)
            open_.append(index)
        self.fields: list[tuple[str, list[_Dated | None]]] = []
        for key in keys:
            spec = schema.spec(key)
            if spec is None or spec.date_format is None:
                continue
            formats = heading_formats(spec.date_format)
            self.fields.append((key, [self._dated(h, formats) for h in headings]))

    def _dated(self, heading: Heading, formats: DateFormats) -> _Dated | None:
        text = date_in(heading_title(heading.source))
        if not text or (formats.parse(text) is None and _NUMERIC.fullmatch(text) is None):
            return None
        line = self.lines[heading.line - 1]
        at = line.find(text)
        if at < 0:
            return None  # markup inside the date: no place to point at
        return _Dated(heading.line, at + 1, at + len(text) + 1)

    def groups(self, sections: Collection[int]) -> Groups:
        """The groups entries fall in, given the lines of the headings that start sections
        (no entry's own heading)."""
        return Groups(self, sections)


class Groups:
    """What the entries of a file take from the section headings above them."""

    def __init__(self, dates: HeadingDates, sections: Collection[int]) -> None:
        self.dates = dates
        # For each heading, the nearest section heading at or before it (-1: none).
        self.nearest: list[int] = []
        last = -1
        for index, start in enumerate(dates.starts):
            last = index if start in sections else last
            self.nearest.append(last)
        self.sections = sections
        self.found: dict[tuple[int, int], tuple[Field, ...]] = {}

    def shared(self, line: int, level: int = 0) -> tuple[Field, ...]:
        """The fields an entry starting at ``line`` takes from headings, nearest first.

        ``level``: its own heading's (0: it has none). The nearest section heading above
        it holds it (one of a lower rank than its own heading lies in an entry above it),
        and so do that heading's own: the nearest above it of each higher rank.
        """
        dates = self.dates
        if not dates.fields:
            return ()
        index = bisect_left(dates.starts, line) - 1
        index = self.nearest[index] if index >= 0 else -1
        while index >= 0 and level and dates.levels[index] > level:
            index = dates.parents[index]
        if (index, level) not in self.found:  # (the entries of a group share one tuple)
            self.found[index, level] = tuple(self._read(index))
        return self.found[index, level]

    def _read(self, index: int) -> Iterator[Field]:
        dates = self.dates
        for key, dated in dates.fields:
            at = index
            while at >= 0:
                heading = dated[at]
                if heading is not None and heading.line in self.sections:
                    yield Field(
                        None,
                        key,
                        Span(heading.line, heading.line),
                        heading.column,
                        "",
                        dates.lines,
                        heading.end_column,
                    )
                at = dates.parents[at]


def date_in(title: str) -> str:
    """A heading's text (its plain title) as a date would be: what is around it aside."""
    return _EDGES.sub("", title)


def heading_date(field: Field, spec: FieldSpec) -> PartialDate | None:
    """What a shared field (a heading's date) reads as."""
    return _heading_date(field.value, spec.date_format)


@lru_cache(maxsize=1024)  # every entry of a group asks, often several times
def _heading_date(value: str, formats: DateFormats | None) -> PartialDate | None:
    return heading_formats(formats).parse(date_text(value))


def entry_date(entry: Entry, spec: FieldSpec) -> PartialDate | None:
    """The date ``entry`` holds in the field ``spec``: its own, its year from the headings
    above where it lacks one, or the nearest heading's."""
    if not entry.shared:
        field = entry.field(spec.key)
        return spec.date_of(field.value) if field is not None else None
    # An empty field is no date of its own, as a missing one is not: fix pads a table row
    # that lacks the cell with an empty one, and the row must sort as it did.
    own = next(
        (f for f in (*entry.lead, *entry.fields) if f.key == spec.key and f.value.strip()), None
    )
    date = spec.date_of(own.value) if own is not None else None
    if own is not None and (date is None or date.year is not None):
        return date
    for shared in entry.shared:
        if shared.key != spec.key:
            continue
        above = heading_date(shared, spec)
        if above is None:
            if date is None:
                return None  # the nearest date heading is no real date: RL003 says so
            continue
        if date is None:
            date = above
        elif above.year is not None:
            return PartialDate(above.year, date.month, date.day)
        if date.year is not None:
            return date
    return date


def schema_value(entry: Entry, field: Field, spec: FieldSpec | None) -> str:
    """A shared field's value as the schema sees it: the entry's date written in the
    field's own spelling, where one can write it; else as the heading writes it."""
    if spec is None or spec.date_format is None:
        return field.value
    date = entry_date(entry, spec)
    if date is not None:
        for form in spec.date_format.formats:
            written = form.write(date)
            if written is not None:
                return written
    return field.value
