"""What a headed entry's patterns read: its heading, and the paragraphs between the heading
and its fields block (an italic author line, a one-line summary).

``heading-pattern`` reads an entry heading's text with the first of its patterns that
matches it (``[{...}] [{title}]({paper})``: the entry's title is then the paper's title, not
the markup around it). With ``lead-pattern``, paragraphs without a label may come between
an entry heading and its fields block; each is read by the first lead pattern that matches
it. With ``field-pattern``, an item without a label in an entry's field list is read by
the first field pattern that matches it (``- *{authors}*``, `` - `{date}` ``), or with
``field-pattern-by = "position"`` by the pattern at its place only (the second item
without a label by the second pattern), and a list whose first item a pattern reads is a
fields block. Patterns have the item patterns' grammar (see
:mod:`readmelint.pattern`). A heading, paragraph or item that no pattern reads is the
entry's still, as a field without a key, and is reported. ``fix`` moves these lines with
their entry and never rewrites them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from readmelint.errors import ConfigError
from readmelint.model import Document, Entry, Field, Span
from readmelint.schema import Schema
from readmelint.source import Lines, is_blank, strip_newline

if TYPE_CHECKING:
    from readmelint.pattern import Pattern

HEADING_PATTERN = "heading-pattern"
LEAD_PATTERN = "lead-pattern"
FIELD_PATTERN = "field-pattern"
FIELD_PATTERN_BY = "field-pattern-by"
BY_POSITION = "position"
BY_FIRST_MATCH = "first-match"


def configure_patterns(table: Mapping[str, object], schema: Schema, name: str) -> dict[str, Any]:
    """The settings' heading, lead and field patterns, compiled (only those it gives), and
    how field patterns are chosen (``field-pattern-by``, when it is "position")."""
    options: dict[str, Any] = {
        key: _compile(table[key], key, schema, name)
        for key in (HEADING_PATTERN, LEAD_PATTERN, FIELD_PATTERN)
        if key in table
    }
    by = table.get(FIELD_PATTERN_BY, BY_FIRST_MATCH)
    if by not in (BY_FIRST_MATCH, BY_POSITION):
        raise ConfigError(
            f"{name}: {FIELD_PATTERN_BY} must be {BY_FIRST_MATCH!r} (each item read by the "
            f"first field pattern that reads it) or {BY_POSITION!r} (the nth item without a "
            "label by the nth)"
        )
    if by == BY_POSITION:
        options[FIELD_PATTERN_BY] = BY_POSITION
    return options


def field_patterns_at(options: Mapping[str, Any], position: int) -> tuple[Pattern, ...]:
    """The field patterns that may read the item without a label at ``position`` (1-based,
    among the list's items without a label)."""
    patterns: tuple[Pattern, ...] = options.get(FIELD_PATTERN, ())
    if options.get(FIELD_PATTERN_BY) != BY_POSITION:
        return patterns
    return patterns[position - 1 : position]


def _compile(value: object, key: str, schema: Schema, name: str) -> tuple[Pattern, ...]:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not texts or not all(isinstance(t, str) for t in texts):
        raise ConfigError(f"{name}: {key} must be a pattern or a list of patterns")
    from readmelint.field_shapes import compile_patterns  # kept off start-up

    return compile_patterns(texts, schema, f"{name}: {key}")


def read_source(
    patterns: Sequence[Pattern],
    lines: Lines,
    pieces: Sequence[tuple[int, int, int]],
    schema: Schema,
) -> tuple[Field, ...]:
    """The fields the first of ``patterns`` that matches reads from ``pieces``: (line,
    first column, end column) each, 0-based, joined by line ends. Read by none, the
    whole is one field without a key (its end column aside)."""
    texts, starts = [], []
    offset = 0
    for line, start, end in pieces:
        starts.append(offset)
        texts.append(strip_newline(lines[line])[start:end])
        offset += len(texts[-1]) + 1
    source = "\n".join(texts)

    def where(at: int) -> tuple[int, int]:
        """The line and column (1-based) of an offset into ``source``."""
        index = max(i for i, start in enumerate(starts) if start <= at)
        return pieces[index][0] + 1, pieces[index][1] + at - starts[index] + 1

    for pattern in patterns:
        match = pattern.match(source)
        if match is None:
            continue
        fields = []
        for key, (start, end) in sorted(match.fields.items(), key=lambda pair: pair[1]):
            (first, column), (last, end_column) = where(start), where(end)
            spec = schema.spec(key)
            fields.append(
                Field(
                    spec.title if spec else key,
                    key,
                    Span(first, last),
                    column,
                    "",
                    lines,
                    end_column,
                )
            )
        return tuple(fields)
    first, column = where(len(source) - len(source.lstrip()))
    return (Field(None, None, Span(first, pieces[-1][0] + 1), column, "", lines),)


def lead_lines(document: Document, entry: Entry) -> range:
    """The lines (1-based) between the entry's heading and its first field, where any is
    not blank: what lead patterns read, kept as they are (and the blank lines below)."""
    first = min((field.span.start for field in entry.fields), default=entry.line + 1)
    between = range(entry.line + 1, first)
    return between if any(not is_blank(document.lines[n - 1]) for n in between) else range(0)


def item_fields(
    read: tuple[Field, ...], first: int, last: int, content: int
) -> tuple[Field, tuple[Field, ...]]:
    """An item's field (what fix writes as the item: its first field, from its first line
    to its last) and the other fields a pattern read from it (``read``). ``first``,
    ``last``: its lines; ``content``: the column its content starts at (1-based). A first
    field that does not span the item whole (the pattern's text goes on over lines after
    it) holds the item's text to its end."""
    head = read[0]
    if head.key is None or (head.span.start, head.span.end) == (first, last):
        # No label: fix writes the item as it is, never `**Label:**` before it.
        return replace(head, label=None), read[1:]
    column = head.column if head.span.start == first else content
    return Field(None, head.key, Span(first, last), column, "", head.lines), read[1:]
