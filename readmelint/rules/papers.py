"""What only a paper list can be wrong about: the same paper twice, an arXiv id that
contradicts its date, a date in the future (RL301-RL303). Every layout alike.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from readmelint.dates import PartialDate
from readmelint.diagnostics import Diagnostic
from readmelint.heading_dates import entry_date
from readmelint.model import Document, Entry
from readmelint.papers import Paper, paper_of
from readmelint.rules.base import Context, Rule
from readmelint.rules.fields import GOOD
from readmelint.schema import FieldSpec
from readmelint.settings import Settings

_OTHER = GOOD.replace("AnyGPT", "AnyGPT again")

RL301 = Rule(
    "RL301",
    "duplicate-paper",
    "Two entries name the same paper.",
    "Found by arXiv id (abs, pdf or html links, any version), DOI, OpenReview forum id, "
    "the paper link's URL, or the title (case, punctuation and spacing aside). Reported at "
    'the later entry. `duplicates = "section"` allows a paper once per section (lists that '
    "file a paper under several topics), `duplicates = false` anywhere.",
    GOOD + "\n" + _OTHER.replace("2402.12226", "2402.12226v2"),
    GOOD,
    failing_line=10,
)
RL302 = Rule(
    "RL302",
    "arxiv-date",
    "An entry's date is not in the month its arXiv id says the paper was first submitted.",
    "An arXiv id `YYMM.NNNNN` (or `cs/YYMMNNN`) carries the month of first submission. "
    'The date checked is the field the schema marks `"x-arxiv-date": true` (the bundled '
    "schema marks Submission Date); the last three days of the month before count too, "
    "since a paper sent then may be numbered in the next month.",
    GOOD.replace("2024-02-19", "2023-02-19"),
    GOOD,
    failing_line=4,
)
RL303 = Rule(
    "RL303",
    "future-date",
    "A date after today.",
    "Usually a typo in the year. One day of slack allows for time zones; `--today "
    "YYYY-MM-DD` fixes what today is, for reproducible runs.",
    GOOD.replace("2024-02-19", "2999-02-19"),
    GOOD,
    failing_line=4,
)

RULES = (RL301, RL302, RL303)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, settings = context.path, context.document, context.settings
    schema = settings.schema
    today = settings.today or datetime.date.today()
    dated = [spec for spec in schema.fields if spec.date_format is not None]
    seen: dict[tuple[int, str], Entry] = {}
    shared: set[Diagnostic] = set()
    for entry in document.entries:
        paper = paper_of(entry, schema)
        if settings.duplicates:
            yield from _duplicates(path, entry, paper, seen, settings.duplicates)
        for spec in dated:
            for problem in _date_problems(path, entry, spec, paper, today):
                if problem.line not in entry.span:  # a heading's date: reported once
                    if problem in shared:
                        continue
                    shared.add(problem)
                yield problem


def dated_after_today(document: Document, settings: Settings) -> bool:
    """Whether a date of ``document`` is after today as RL303 sees it: only then can the
    same text checked on a later day give other problems (the result cache's question)."""
    today = settings.today or datetime.date.today()
    dated = [spec for spec in settings.schema.fields if spec.date_format is not None]
    return any(
        _after(entry_date(entry, spec), today) for entry in document.entries for spec in dated
    )


def _after(date: PartialDate | None, today: datetime.date) -> bool:
    """RL303's test: a date whose first day is after tomorrow (time zones)."""
    first = date.first_day() if date is not None and date.year is not None else None
    return first is not None and first > today + datetime.timedelta(days=1)


def _duplicates(
    path: str,
    entry: Entry,
    paper: Paper,
    seen: dict[tuple[int, str], Entry],
    scope: str | bool,
) -> Iterator[Diagnostic]:
    section = entry.section if scope == "section" else 0
    keys = [*paper.identifiers, *([f"title:{paper.title}"] if paper.title else [])]
    earlier = next((seen[(section, key)] for key in keys if (section, key) in seen), None)
    for key in keys:
        seen.setdefault((section, key), entry)
    if earlier is not None:
        how = next(key for key in keys if seen.get((section, key)) is earlier)
        yield RL301.at(
            path,
            entry.line,
            _column(entry),
            f"the same paper as line {earlier.line} ({_describe(how)}); keep one of them"
            + ("" if scope == "section" else ', or set duplicates = "section"'),
        )


def _describe(key: str) -> str:
    kind, _, value = key.partition(":")
    names = {"arxiv": "arXiv", "doi": "DOI", "openreview": "OpenReview", "url": "link"}
    return f'title "{value}"' if kind == "title" else f"{names[kind]} {value}"


def _column(entry: Entry) -> int:
    return entry.fields[0].column if entry.form.title_in_field and entry.fields else 1


def _date_problems(
    path: str, entry: Entry, spec: FieldSpec, paper: Paper, today: datetime.date
) -> Iterator[Diagnostic]:
    field = entry.field(spec.key)
    if field is None or spec.date_format is None:
        return
    parsed = entry_date(entry, spec)
    if parsed is None or parsed.year is None:
        return  # RL003 says so, or a list gives the year elsewhere
    year, month, day = parsed.year, parsed.month, parsed.day
    # A date the entry takes from a heading is the heading's to report (once: RL303), or
    # the entry's, at its own line (RL302: its arXiv id disagrees).
    own = field.span.start in entry.span
    written = field.value.strip() if own and parsed == spec.date_of(field.value) else str(parsed)
    if _after(parsed, today):
        yield RL303.at(
            path,
            field.span.start,
            field.column,
            f'"{spec.title}" is {written}, after today ({today.isoformat()})',
        )
    if spec.arxiv_date and paper.arxiv is not None:
        implied = _arxiv_month(paper.arxiv)
        if implied is not None and not _agrees(implied, year, month, day):
            yield RL302.at(
                path,
                field.span.start if own else entry.line,
                field.column if own else 1,
                f'"{spec.title}" is {written}, but arXiv {paper.arxiv} was first '
                f"submitted in {implied[0]:04d}-{implied[1]:02d}",
            )


def _arxiv_month(arxiv: str) -> tuple[int, int] | None:
    """The year and month an arXiv id was numbered in."""
    digits = arxiv.rpartition("/")[2][:4]
    if not digits.isdigit():
        return None
    year, month = int(digits[:2]), int(digits[2:])
    if not 1 <= month <= 12:
        return None
    return (2000 + year if year < 91 else 1900 + year), month


def _agrees(implied: tuple[int, int], year: int, month: int | None, day: int | None) -> bool:
    """Whether a date (parts may be missing) falls in the id's month, or just before it."""
    if month is None:
        return year == implied[0]
    if (year, month) == implied:
        return True
    before = datetime.date(*implied, 1) - datetime.timedelta(days=3)
    return day is not None and (year, month) == (before.year, before.month) and day >= before.day
