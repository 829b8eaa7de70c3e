"""``show``: what a config reads of a list, one line per entry, for a person to judge.

Each entry: its line, its layout, its title and the fields read, each value shortened to
one line; between them, in line order, what looks like a paper but was not read (an
item of an entry list no pattern reads, a block outside every entry). Last, a summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from readmelint.errors import InputError
from readmelint.evidence import unread_papers
from readmelint.layouts.items.find import lists_of
from readmelint.markdown import plain_text
from readmelint.model import Document
from readmelint.parse import parse
from readmelint.records import records
from readmelint.schema import Schema
from readmelint.settings import Settings

# How much of a value a line shows.
WIDTH = 40
_KINDS = {"item": "list item", "row": "table row", "paragraph": "paragraph", "heading": "heading"}


@dataclass(frozen=True, slots=True)
class Shown:
    """One line of ``show``: where, and what it says."""

    line: int
    layout: str  # the entry's layout, or "-" for what was not read
    text: str


def show_source(text: str, settings: Settings, path: str) -> list[str]:
    """The lines ``show`` prints for the text of the file ``path``."""
    try:
        document = parse(text, settings)
    except InputError as error:  # the parser says "line N: ...": name the file
        message = str(error)
        named = f"{path}:{message[5:]}" if message.startswith("line ") else message
        raise InputError(named) from None
    return list(render(path, shown(document, settings, path)))


def shown(document: Document, settings: Settings, path: str) -> list[Shown]:
    """Every entry, and everything that looks like a paper but was not read, in line order."""
    found = [
        Shown(record.line, record.layout, _entry_text(record.title, record.fields, settings))
        for record in records(document, settings, path)
    ]
    for items in lists_of(document):
        for item in items.items:
            if item.entry is None and item.failure is not None:
                _, column, expected = item.failure
                text = (
                    f"(not read: no item pattern reads it; expected {expected} at column {column})"
                )
                found.append(Shown(item.span.start, "-", text))
    for candidate in unread_papers(document):
        source = document.lines[candidate.line - 1].strip()
        text = f"(not read: a {_KINDS[candidate.kind]} that looks like a paper) {source}"
        found.append(Shown(candidate.line, "-", _shorten(text, 2 * WIDTH + 40)))
    return sorted(found, key=lambda item: item.line)


def _entry_text(title: str, fields: Mapping[str, str], settings: Settings) -> str:
    titles = _titles(settings.schema)
    parts = [
        f"{titles.get(key, key)}: {_shorten(_one_line(value), WIDTH)}"
        for key, value in fields.items()
        if key != "title"
    ]
    name = _shorten(title, 2 * WIDTH) if title else "(no title)"
    return f"{name}  [{'; '.join(parts)}]" if parts else name


def _titles(schema: Schema) -> dict[str, str]:
    return {spec.key: spec.title for spec in schema.fields}


def _one_line(value: str) -> str:
    return " ".join(plain_text(value).split()) if value else '""'


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def render(path: str, lines: list[Shown]) -> Iterator[str]:
    """The lines of ``show`` for one file: ``path:line  layout  what``, then a summary."""
    width = max((len(item.layout) for item in lines), default=1)
    for item in lines:
        yield f"{path}:{item.line}  {item.layout:<{width}}  {item.text}\n"
    yield summary(path, lines) + "\n"


def summary(path: str, lines: list[Shown]) -> str:
    layouts = Counter(item.layout for item in lines if item.layout != "-")
    unread = sum(item.layout == "-" for item in lines)
    total = sum(layouts.values())
    if total:
        read = ", ".join(f"{count} {layout}" for layout, count in sorted(layouts.items()))
        said = f"{path}: {total} {'entry' if total == 1 else 'entries'} ({read})"
    else:
        said = f"{path}: no entries"
    if unread:
        one = unread == 1
        said += (
            f"; {unread} more {'looks like a paper' if one else 'look like papers'} but "
            f"{'is' if one else 'are'} not read: `readmelint init --from {path}` infers a "
            f"config that reads {'it' if one else 'them'}"
        )
    return said
