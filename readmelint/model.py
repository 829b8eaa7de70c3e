"""The document model: what the parser finds and what the checker reports.

Line numbers are 1-based and spans are inclusive, the way editors and
``path:line:col`` messages count; columns are 1-based too.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from readmelint.source import Lines


@dataclass(frozen=True, slots=True)
class Span:
    """Lines ``start`` to ``end`` inclusive, 1-based."""

    start: int
    end: int

    def __contains__(self, line: object) -> bool:
        return isinstance(line, int) and self.start <= line <= self.end


@dataclass(frozen=True, slots=True)
class Field:
    """One labelled field of an entry.

    ``label`` is the label as written (``None`` for an item that has no bold
    label); ``key`` is its normalised form, the key in the schema instance.
    ``value`` is the field's Markdown source after the label, trimmed, with
    continuation lines joined by ``\\n``; an empty field has ``value == ""``.
    """

    label: str | None
    key: str | None
    value: str
    span: Span
    column: int
    label_source: str


class Layout(enum.Enum):
    """How an entry writes its fields."""

    BULLETS = "bullets"  # ### Name / - **Label:** value
    LINES = "lines"  # #### Name / **Label:** value  (one paragraph, hard breaks)


@dataclass(frozen=True, slots=True)
class Entry:
    """A heading followed by labelled fields.

    ``span`` runs from the entry's first line (its heading, or the HTML
    comments right above it, such as a suppression) to its last non-blank
    line. ``section`` numbers the run of entries the entry sorts within
    (entries never move across a non-entry heading).
    """

    heading: str
    heading_source: str
    level: int
    span: Span
    heading_line: int
    fields: tuple[Field, ...]
    layout: Layout
    section: int
    list_indent: int = 0
    list_marker: str = "-"

    @property
    def line(self) -> int:
        """The heading's line, where entry-level problems are reported."""
        return self.heading_line

    def field(self, key: str) -> Field | None:
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        return None


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment block (lines ``span``), where suppressions live."""

    text: str
    span: Span


@dataclass(frozen=True, slots=True)
class Section:
    """A heading that is not an entry: it bounds where entries may move."""

    title: str
    level: int
    line: int


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file. ``lines`` keep their own line terminators."""

    lines: Lines
    entries: tuple[Entry, ...]
    sections: tuple[Section, ...]
    # Lines (1-based) inside fenced/indented code or HTML blocks within entries:
    # their whitespace is content.
    verbatim_lines: frozenset[int] = field(default_factory=frozenset)
    # Lines (1-based) that end a paragraph within an entry: trailing spaces there
    # render nothing. Other paragraph lines' trailing spaces are hard breaks.
    paragraph_ends: frozenset[int] = field(default_factory=frozenset)
    # Lines (1-based) of a paragraph within an entry where some line end is no break:
    # it falls inside a code span, inline HTML or a link title. Trailing whitespace
    # there may be content (`` `a ⏎b` `` renders ``a  b``), so it stays as written.
    open_line_ends: frozenset[int] = field(default_factory=frozenset)
    comments: tuple[Comment, ...] = ()
    # Link reference definitions (``[label]: url``), as markdown-it keeps them: the
    # normalised label -> ``{"href": ..., "title": ...}``. ``[text][label]`` in a
    # field resolves through them.
    references: Mapping[str, Any] = field(default_factory=dict)
    # Labels defined more than once: the first definition wins, so the order of
    # the entries holding them matters and fix keeps it.
    redefined_labels: frozenset[str] = frozenset()


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fixable: bool = False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
