"""The headings layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from readmelint.errors import ConfigError
from readmelint.layouts.headings.check import RULES, check
from readmelint.layouts.headings.find import NAME, HeadingFinder, headed
from readmelint.layouts.headings.lead import (
    FIELD_PATTERN,
    FIELD_PATTERN_BY,
    HEADING_PATTERN,
    LEAD_PATTERN,
    configure_patterns,
)
from readmelint.layouts.headings.new import add
from readmelint.layouts.headings.plan import plan
from readmelint.layouts.headings.runs import runs_of
from readmelint.layouts.headings.signature import entry_signature
from readmelint.layouts.headings.style import BLANK_AFTER_HEADING
from readmelint.model import Document
from readmelint.schema import Schema

CONFIG = frozenset(
    {
        "entry-levels",
        BLANK_AFTER_HEADING,
        HEADING_PATTERN,
        LEAD_PATTERN,
        FIELD_PATTERN,
        FIELD_PATTERN_BY,
    }
)

__all__ = [
    "CONFIG",
    "NAME",
    "RULES",
    "add",
    "check",
    "configure",
    "find",
    "plan",
    "signatures",
    "spans",
]

find = HeadingFinder


def configure(table: Mapping[str, object], schema: Schema, name: str, read: bool) -> dict[str, Any]:
    levels = table.get("entry-levels", [3])
    if isinstance(levels, int) and not isinstance(levels, bool):
        levels = [levels]
    if (
        not isinstance(levels, list)
        or not levels
        or not all(isinstance(x, int) and not isinstance(x, bool) and 1 <= x <= 6 for x in levels)
    ):
        raise ConfigError(f"{name}: entry-levels must be a heading level 1-6 or a list of them")
    options: dict[str, object] = dict(configure_patterns(table, schema, name))
    if BLANK_AFTER_HEADING in table:
        blank = table[BLANK_AFTER_HEADING]
        if not isinstance(blank, bool):
            raise ConfigError(
                f"{name}: {BLANK_AFTER_HEADING} must be true (a blank line between each "
                "heading and its fields) or false (none)"
            )
        options[BLANK_AFTER_HEADING] = blank
    return {"entry_levels": tuple(levels), "options": options}


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    for entry in headed(document):
        name = f"entry {entry.heading or '(empty heading)'!r} (line {entry.line})"
        yield entry.line, name, entry_signature(document, entry)


def spans(document: Document) -> Iterator[tuple[int, int]]:
    """Each run of entries: fix may rewrite and reorder the entries inside it."""
    for run in runs_of(document):
        yield run[0].span.start, run[-1].span.end
