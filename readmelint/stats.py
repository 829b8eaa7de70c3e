"""What a list holds, counted: entries per section, year, month, venue and tag, and the
fields entries leave empty; as an aligned table, a Markdown table or JSON, and a chart."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from readmelint.errors import InputError
from readmelint.markdown import plain_text
from readmelint.records import Columns, Record
from readmelint.venues import short_venue, venue_field

TAG_KEYS = ("tags", "tag", "keywords", "topics")
NO_SECTION = "(no section)"
NO_VENUE = "(no venue)"
# Text and Markdown list the most frequent venues and tags; JSON lists every one.
SHOWN = 20


@dataclass
class Stats:
    files: int = 0
    entries: int = 0
    with_problems: int = 0
    undated: int = 0
    sections: Counter[str] = field(default_factory=Counter)  # in order of first entry
    years: Counter[int] = field(default_factory=Counter)
    months: Counter[str] = field(default_factory=Counter)  # "2024-03"
    venues: Counter[str] = field(default_factory=Counter)
    year_venues: Counter[tuple[int, str]] = field(default_factory=Counter)
    tags: Counter[str] = field(default_factory=Counter)
    missing: dict[str, int] = field(default_factory=dict)  # field title -> entries without


def collect(records: Iterable[Record], columns: Columns, files: int | None = None) -> Stats:
    """Count ``records``; ``files``: how many files were read (default: those with entries)."""
    stats = Stats(missing=dict.fromkeys(columns.titles.values(), 0))
    paths: set[str] = set()
    for record in records:
        paths.add(record.path)
        stats.entries += 1
        stats.with_problems += record.problems > 0
        stats.sections[" > ".join(record.sections) or NO_SECTION] += 1
        venue = short_venue(venue_field(record.fields))
        if venue:
            stats.venues[venue] += 1
        year, month, _ = record.date or (None, None, None)
        if year is None:
            stats.undated += 1
        else:
            stats.years[year] += 1
            stats.year_venues[year, venue or NO_VENUE] += 1
            if month is not None:
                stats.months[f"{year}-{month:02d}"] += 1
        for tag in _tags(record.fields):
            stats.tags[tag] += 1
        for key, title in columns.titles.items():
            if not plain_text(record.fields.get(key, "")).strip():
                stats.missing[title] += 1
    stats.files = len(paths) if files is None else files
    return stats


def _tags(fields: Mapping[str, str]) -> list[str]:
    value = next((fields[key] for key in TAG_KEYS if fields.get(key)), "")
    tags = (tag.strip().lstrip("#").strip() for tag in re.split(r"[,;，、]", plain_text(value)))
    return [tag for tag in tags if tag]


def _tables(stats: Stats) -> list[tuple[str, tuple[str, str], list[tuple[str, int]], int]]:
    """Each table: its title, column names, rows, and how many rows were left off."""
    venues = stats.venues.most_common()
    tags = stats.tags.most_common()
    tables = [
        ("Entries per section", ("section", "entries"), list(stats.sections.items()), 0),
        ("Entries per year", ("year", "entries"), _by_key(stats.years), 0),
        ("Entries per month", ("month", "entries"), _by_key(stats.months), 0),
        ("Entries per venue", ("venue", "entries"), venues[:SHOWN], len(venues[SHOWN:])),
        ("Entries per tag", ("tag", "entries"), tags[:SHOWN], len(tags[SHOWN:])),
        ("Entries missing a field", ("field", "entries"), list(stats.missing.items()), 0),
    ]
    return [table for table in tables if table[2]]


def _by_key(counter: Mapping[int, int] | Mapping[str, int]) -> list[tuple[str, int]]:
    return [(str(key), counter[key]) for key in sorted(counter)]  # type: ignore[index]


def _summary(stats: Stats) -> str:
    files = "file" if stats.files == 1 else "files"
    return (
        f"{stats.entries} entries in {stats.files} {files}; {stats.with_problems} with "
        f"problems, {stats.undated} without a date"
    )


def as_text(stats: Stats) -> str:
    out = [_summary(stats)]
    for title, (name, count), rows, left_off in _tables(stats):
        width = max(len(name), *(len(row[0]) for row in rows))
        digits = max(len(count), *(len(str(row[1])) for row in rows))
        out += ["", title, f"{name:<{width}}  {count:>{digits}}"]
        out += [f"{key:<{width}}  {value:>{digits}}" for key, value in rows]
        if left_off:
            out.append(f"... and {left_off} more (--format json lists every one)")
    return "\n".join(out) + "\n"


def as_markdown(stats: Stats) -> str:
    out = [_summary(stats) + "."]
    for title, (name, count), rows, left_off in _tables(stats):
        out += ["", f"**{title}**", "", f"| {name} | {count} |", "| --- | ---: |"]
        out += [f"| {_cell(key)} | {value} |" for key, value in rows]
        if left_off:
            out += ["", f"... and {left_off} more."]
    return "\n".join(out) + "\n"


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|")


def as_json(stats: Stats) -> str:
    data = {
        "files": stats.files,
        "entries": stats.entries,
        "with_problems": stats.with_problems,
        "undated": stats.undated,
        "sections": dict(stats.sections),
        "years": {str(year): stats.years[year] for year in sorted(stats.years)},
        "months": {month: stats.months[month] for month in sorted(stats.months)},
        "venues": dict(stats.venues.most_common()),
        "tags": dict(stats.tags.most_common()),
        "missing": stats.missing,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


FORMATS: dict[str, Callable[[Stats], str]] = {
    "text": as_text,
    "markdown": as_markdown,
    "json": as_json,
}
PLOT_FORMATS = ("svg", "png")
# The chart stacks the most frequent venues; the rest share one colour.
PLOTTED_VENUES = 8


def require_plotting() -> None:
    """Raise a one-line error, before any work, when matplotlib is not installed."""
    import importlib.util

    if importlib.util.find_spec("matplotlib") is None:
        raise InputError(
            "--plot needs matplotlib, an optional extra: pip install 'readmelint[plot]'"
        )


def plot(stats: Stats, kind: str) -> bytes:
    """Papers per year, stacked by venue, as an SVG or PNG file's bytes."""
    import io

    from matplotlib.figure import Figure  # no pyplot: no global figure state

    years = sorted(stats.years)
    venues = [venue for venue, _ in _plotted(stats)]
    figure = Figure(figsize=(max(6.0, 0.5 * len(years) + 2), 4.0), layout="constrained")
    axes = figure.add_subplot()
    bottom = [0] * len(years)
    labels = [str(year) for year in years]
    for venue in venues:
        heights = [_count_for(stats, year, venue, venues) for year in years]
        axes.bar(labels, heights, bottom=bottom, label=venue)
        bottom = [low + high for low, high in zip(bottom, heights, strict=True)]
    axes.set_xlabel("year")
    axes.set_ylabel("papers")
    axes.set_title(f"Papers per year ({stats.entries - stats.undated} dated)")
    if len(venues) > 1:
        axes.legend(fontsize="small")
    buffer = io.BytesIO()
    figure.savefig(buffer, format=kind, metadata=_METADATA[kind])
    return buffer.getvalue()


# Fixed metadata keeps the file the same from run to run.
_METADATA: dict[str, dict[str, str | None]] = {
    "svg": {"Date": None},
    "png": {"Software": "readmelint"},
}
OTHER_VENUES = "(other venues)"


def _plotted(stats: Stats) -> Sequence[tuple[str, int]]:
    totals: Counter[str] = Counter()
    for (_, venue), count in stats.year_venues.items():
        totals[venue] += count
    ranked = [(venue, count) for venue, count in totals.most_common() if venue != NO_VENUE]
    shown = ranked[:PLOTTED_VENUES]
    if len(ranked) > PLOTTED_VENUES:
        shown.append((OTHER_VENUES, sum(count for _, count in ranked[PLOTTED_VENUES:])))
    if totals[NO_VENUE]:
        shown.append((NO_VENUE, totals[NO_VENUE]))
    return shown


def _count_for(stats: Stats, year: int, venue: str, venues: Sequence[str]) -> int:
    if venue != OTHER_VENUES:
        return stats.year_venues[year, venue]
    named = set(venues)
    return sum(
        count
        for (when, name), count in stats.year_venues.items()
        if when == year and name not in named
    )
