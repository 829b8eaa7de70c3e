"""The document model: what the parser finds and what the checker reports.

Line numbers are 1-based and spans are inclusive, the way editors and
``path:line:col`` messages count; columns are 1-based too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from readmelint.source import Lines, strip_newline


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
    label; a table cell's is its column's header); ``key`` is its normalised form,
    the key in the schema instance. ``column`` is where the field's content (its
    label first) starts on its first line; ``end_column``, where it ends on its last
    (exclusive; 0: at the end of the line); ``lines`` are the document's.
    """

    label: str | None
    key: str | None
    span: Span
    column: int
    label_source: str
    lines: Lines = field(repr=False, compare=False)
    end_column: int = 0

    @property
    def value(self) -> str:
        """The field's Markdown source after the label, trimmed, continuation lines
        joined by ``\\n``; ``""`` for an empty field.

        Cut from the lines when asked for, not kept: the values of a long list are
        nearly the whole file, one more copy of it in memory for each parse.
        """
        start, end = self.span.start, self.span.end
        if self.end_column and start == end:
            return self.lines[start - 1][self.column - 1 : self.end_column - 1].strip()
        first = strip_newline(self.lines[start - 1])[self.column - 1 + len(self.label_source) :]
        if start == end:
            return first.strip()
        rest = [self.lines[index].strip() for index in range(start, end - 1)]
        last = strip_newline(self.lines[end - 1])
        rest.append((last[: self.end_column - 1] if self.end_column else last).strip())
        return "\n".join([first.strip(), *rest]).strip()


@dataclass(frozen=True, slots=True)
class Form:
    """A kind of entry: how it writes its fields, which layout finds it, and what the
    rules every layout shares ask of it (each layout declares its own forms).

    ``reports_fields``: missing and unknown fields are reported at the entry (a
    table reports its columns once, at its header). ``stub``: what a template stub
    of this form has empty, for RL007's message; ``missing``: RL001's message, with
    ``{name}`` (the entry's, in quotes) and ``{title}`` (the field's).
    ``title_in_field``: its title is its first field (a row), where problems of the
    whole paper point.
    """

    name: str  # "bullets", "row" ...
    layout: str  # the name of the layout that finds and renders it
    reports_fields: bool = True
    stub: str = "the heading and every field are"
    missing: str = 'entry {name} is missing the field "{title}"; add `**{title}:** ...` to its list'
    title_in_field: bool = False


@dataclass(frozen=True, slots=True)
class Entry:
    """One paper: a heading followed by labelled fields, a table row, a list item ...

    ``span`` runs from the entry's first line (its heading, or the HTML
    comments right above it, such as a suppression) to its last non-blank
    line. ``section`` numbers the run of entries the entry sorts within
    (entries never move across a non-entry heading).

    ``fields`` lie within ``span`` and move with the entry. ``lead`` are fields that the
    headings layout's patterns read from its heading and from the paragraphs between the
    heading and the fields (an author line): they move with it, written as they are.
    ``shared`` are fields
    whose text lies outside it, on lines several entries share (a digest's date,
    written once in the heading above its papers), nearest first: they never move and are
    never written into an entry, but are validated and exported as the entry's own where
    it has no field of that key (see :mod:`readmelint.heading_dates`).
    """

    heading: str
    heading_source: str
    level: int
    span: Span
    heading_line: int
    fields: tuple[Field, ...]
    form: Form
    section: int
    list_indent: int = 0
    list_marker: str = "-"
    shared: tuple[Field, ...] = ()
    lead: tuple[Field, ...] = ()

    @property
    def line(self) -> int:
        """The heading's line, where entry-level problems are reported."""
        return self.heading_line

    def field(self, key: str) -> Field | None:
        """The first field of that key, the entry's own before a shared one."""
        for candidate in self.lead:
            if candidate.key == key:
                return candidate
        for candidate in self.fields:
            if candidate.key == key:
                return candidate
        for candidate in self.shared:
            if candidate.key == key:
                return candidate
        return None

    @property
    def every_field(self) -> tuple[Field, ...]:
        """What its patterns read, its own fields, then the shared ones it has none of its
        own for (the nearest of each key): what it holds, as the schema sees it."""
        if self.shared:
            own = self.lead + self.fields
            keys = {field.key for field in own}
            shared = []
            for field in self.shared:
                if field.key not in keys:
                    keys.add(field.key)
                    shared.append(field)
            return own + tuple(shared)
        if self.lead:
            return self.lead + self.fields
        return self.fields


@dataclass(frozen=True, slots=True)
class Comment:
    """An HTML comment block (lines ``span``), where suppressions live."""

    text: str
    span: Span


class LineSet:
    """Line numbers, one bit each (made by :class:`LineMarks`).

    A long list marks some line of nearly every field: as a frozenset of ints,
    10,000 entries' paragraph ends took 6 MB, as bits 13 KB.
    """

    __slots__ = ("_bits",)

    def __init__(self, bits: bytes = b"") -> None:
        self._bits = bits

    def __contains__(self, line: object) -> bool:
        # Asked for every line of every entry, several times: the fast path first.
        try:
            return line >= 0 and self._bits[line >> 3] >> (line & 7) & 1 == 1  # type: ignore[operator]
        except (IndexError, TypeError):
            return False

    def __iter__(self) -> Iterator[int]:
        for index, byte in enumerate(self._bits):
            for bit in range(8):
                if byte >> bit & 1:
                    yield index * 8 + bit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LineSet) and self._bits == other._bits

    def __hash__(self) -> int:
        return hash(self._bits)

    def __repr__(self) -> str:
        return f"LineSet({list(self)})"


class LineMarks:
    """A :class:`LineSet` being made."""

    __slots__ = ("_bits",)

    def __init__(self, lines: Iterable[int] = ()) -> None:
        self._bits = bytearray()
        self.update(lines)

    def add(self, line: int) -> None:
        if line >= len(self._bits) * 8:
            self._bits.extend(bytes(max(line // 8 + 1 - len(self._bits), len(self._bits))))
        self._bits[line >> 3] |= 1 << (line & 7)

    def update(self, lines: Iterable[int]) -> None:
        for line in lines:
            self.add(line)

    def frozen(self) -> LineSet:
        return LineSet(bytes(self._bits.rstrip(b"\0")))


@dataclass(frozen=True, slots=True)
class Section:
    """A heading that is not an entry: it bounds where entries may move.

    ``line`` is its first line, ``end`` its last (a setext heading's underline).
    """

    title: str
    level: int
    line: int
    end: int


@dataclass(frozen=True, slots=True)
class Heading:
    """Any heading of the file, nested or not: what its anchor is made of."""

    line: int
    level: int
    source: str  # its inline Markdown


@dataclass(frozen=True, slots=True)
class TocItem:
    """One line of a candidate list: where, how deep, its marker, its link."""

    line: int
    indent: int
    marker: str
    text: str  # the link's text, as written
    anchor: str  # without the '#'
    rest: str = ""  # what follows the link on its line (" : Less than 6 months")


@dataclass(frozen=True, slots=True)
class TocList:
    """A top-level list whose every item is one link to an anchor of the file."""

    span: Span
    items: tuple[TocItem, ...]


class Found(Protocol):
    """What one layout found in a document (see :mod:`readmelint.layouts`)."""

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Its entries, in the order of their lines."""
        ...

    @property
    def titles(self) -> frozenset[int]:
        """The lines of the top-level headings it reads as its entries' own: no section
        starts there."""
        ...

    @property
    def blocks(self) -> tuple[tuple[int, int], ...]:
        """The first and last line of each block it read (an entry, a table, a list), in
        order: what lies inside is the layout's."""
        ...


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed file. ``lines`` keep their own line terminators."""

    lines: Lines
    entries: tuple[Entry, ...]  # every entry, of every layout, in the order of their lines
    sections: tuple[Section, ...]
    # Lines (1-based) inside fenced/indented code or HTML blocks within entries:
    # their whitespace is content.
    verbatim_lines: LineSet = field(default_factory=LineSet)
    # Lines (1-based) that end a paragraph within an entry: trailing spaces there
    # render nothing. Other paragraph lines' trailing spaces are hard breaks.
    paragraph_ends: LineSet = field(default_factory=LineSet)
    # Lines (1-based) of a paragraph within an entry where some line end is no break:
    # it falls inside a code span, inline HTML or a link title. Trailing whitespace
    # there may be content (`` `a ⏎b` `` renders ``a  b``), so it stays as written.
    open_line_ends: LineSet = field(default_factory=LineSet)
    comments: tuple[Comment, ...] = ()
    # Link reference definitions (``[label]: url``), as markdown-it keeps them: the
    # normalised label -> ``{"href": ..., "title": ...}``. ``[text][label]`` in a
    # field resolves through them.
    references: Mapping[str, Any] = field(default_factory=dict)
    # Labels defined more than once -> the first line of each definition. The first
    # definition wins, so where two are in one run of entries, fix keeps its order.
    redefinitions: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    # What each layout the settings name found, by the layout's name: its entries and
    # whatever else it needs (a table layout's tables) in a type of its own.
    found: Mapping[str, Found] = field(default_factory=dict)
    headings: tuple[Heading, ...] = ()  # every heading, in order (for anchors)
    # Top-level lists of in-page links (see :mod:`readmelint.toc`), and which is the
    # table of contents.
    toc_lists: tuple[TocList, ...] = ()
    toc: TocList | None = None
    anchor_links: tuple[tuple[int, str], ...] = ()  # each [text](#anchor): line, anchor
    html_anchors: tuple[tuple[str, int], ...] = ()  # ids and names in HTML, with their lines
