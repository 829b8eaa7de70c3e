"""A list as data: one record per entry, whatever its layout, for export and stats."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from readmelint.diagnostics import Diagnostic
from readmelint.heading_dates import entry_date
from readmelint.markdown import parse_inline
from readmelint.model import Document, Entry
from readmelint.papers import title_of
from readmelint.settings import Settings

# The key of a field without a label (a list item's bare line in a headed entry).
UNLABELLED = "unlabelled"


@dataclass(frozen=True, slots=True)
class Record:
    """One entry as data."""

    path: str  # the file, as the user named it
    line: int  # the entry's first line: its heading, row or item
    sections: tuple[str, ...]  # the headings above it, outermost first
    layout: str  # "headings", "table" or "items"
    title: str  # its name: the heading, or its title field's text
    fields: Mapping[str, str]  # schema key -> Markdown source, in schema order
    date: tuple[int | None, int | None, int | None] | None  # its date field, read
    problems: int  # how many diagnostics its lines have
    # Each date field that reads as a date, in ISO 8601: 2023-10, 2025-06-20, --07-29.
    iso_dates: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Columns:
    """The schema's fields, in order: what every record may hold."""

    keys: tuple[str, ...]
    titles: Mapping[str, str]
    required: frozenset[str]

    @classmethod
    def of(cls, settings: Settings) -> Columns:
        fields = settings.schema.fields
        return cls(
            tuple(spec.key for spec in fields),
            {spec.key: spec.title for spec in fields},
            frozenset(spec.key for spec in fields if spec.required),
        )

    @classmethod
    def union(cls, many: Iterable[Columns]) -> Columns:
        """Every field of several schemas, each once, in the order first met."""
        keys: dict[str, None] = {}
        titles: dict[str, str] = {}
        required: set[str] = set()
        for columns in many:
            keys.update(dict.fromkeys(columns.keys))
            titles = {**columns.titles, **titles}
            required |= columns.required
        return cls(tuple(keys), {key: titles[key] for key in keys}, frozenset(required))


def records(
    document: Document, settings: Settings, path: str, diagnostics: Sequence[Diagnostic] = ()
) -> Iterator[Record]:
    """Every entry of ``document`` as a record; ``diagnostics``: check's, to count problems."""
    schema = settings.schema
    dated = next((spec for spec in schema.fields if spec.date_format is not None), None)
    sort = settings.resolved_sort()
    if sort is not None:
        dated = schema.spec(sort.key) or dated
    problems = Counter(d.line for d in diagnostics)
    lines = sorted(problems)
    headings = _headings(document)
    starts = [line for line, _, _ in headings]
    order = schema.order
    for entry in document.entries:
        fields: dict[str, str] = {}
        iso_dates: dict[str, str] = {}
        for item in sorted(entry.every_field, key=lambda f: order.get(f.key or "", len(order))):
            key = item.key or UNLABELLED
            repeat = 1
            while key in fields:  # a field given twice is kept twice: `authors_2`
                repeat += 1
                key = f"{item.key or UNLABELLED}_{repeat}"
            fields[key] = item.value
            spec = schema.spec(item.key)
            read = None
            if spec is not None:
                # (A date may take its year from a heading: see readmelint.heading_dates.)
                shared = entry.shared and repeat == 1 and spec.date_format is not None
                read = entry_date(entry, spec) if shared else spec.date_of(item.value)
            if read is not None:
                iso_dates[key] = str(read)
        date = None
        if dated is not None and dated.key in fields:
            found = entry_date(entry, dated)
            date = (found.year, found.month, found.day) if found else None
        first = bisect_right(lines, entry.span.start - 1)
        last = bisect_right(lines, entry.span.end)
        yield Record(
            path=path,
            line=entry.line,
            sections=_section_path(headings, starts, entry),
            layout=entry.form.layout,
            title=title_of(entry, schema),
            fields=fields,
            date=date,
            problems=sum(problems[line] for line in lines[first:last]),
            iso_dates=iso_dates,
        )


def _headings(document: Document) -> list[tuple[int, int, str]]:
    """Every heading that is no entry's own: line, level, text."""
    own = {entry.line for entry in document.entries if entry.level}
    return [
        (heading.line, heading.level, _plain(heading.source))
        for heading in document.headings
        if heading.line not in own
    ]


def _section_path(
    headings: list[tuple[int, int, str]], starts: list[int], entry: Entry
) -> tuple[str, ...]:
    path: list[tuple[int, str]] = []
    for _, level, text in headings[: bisect_right(starts, entry.line - 1)]:
        while path and path[-1][0] >= level:
            path.pop()
        path.append((level, text))
    if entry.heading and entry.level:  # an entry's own heading holds no other
        while path and path[-1][0] >= entry.level:
            path.pop()
    return tuple(text for _, text in path)


def _plain(source: str) -> str:
    words = [t.content for t in parse_inline(source) if t.type in ("text", "code_inline")]
    return "".join(words).strip()
