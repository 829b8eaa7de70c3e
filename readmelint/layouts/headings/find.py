"""Finding headed entries in the block tokens: a heading, then a fields block.

An entry is a heading at one of the configured levels followed directly by a
fields block: a bullet list whose first item starts with a bold label, or a
paragraph whose first line does (with lead patterns, paragraphs without a label may
come between: see :mod:`.lead`). The entry runs to the next heading of the
same or a higher rank (or the next entry heading); what follows its fields
block (a note, an image) is its tail and moves with it. Headings, lists and
paragraphs nested in block quotes, list items or HTML are never entries, and
code blocks have no headings at all, so entry-like text inside them is inert.

Token maps are 0-based and end-exclusive; everything here is 1-based.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from readmelint.labels import Label, split_label
from readmelint.layouts import Around
from readmelint.layouts.headings.lead import (
    FIELD_PATTERN,
    HEADING_PATTERN,
    LEAD_PATTERN,
    field_patterns_at,
    item_fields,
    read_source,
)
from readmelint.markdown import heading_title, item_content, parse_inline
from readmelint.model import Document, Entry, Field, Form, Span
from readmelint.settings import Settings
from readmelint.source import Lines, is_blank, strip_newline
from readmelint.whitespace import WhitespaceMarks

if TYPE_CHECKING:
    from markdown_it.token import Token

NAME = "headings"
# The two ways a headed entry writes its fields.
BULLETS = Form("bullets", NAME)  # ### Name / - **Label:** value
LINES = Form("lines", NAME)  # #### Name / **Label:** value  (one paragraph, hard breaks)


@dataclass(frozen=True)
class Headed:
    """The headings layout's entries, and the lines of their headings."""

    entries: tuple[Entry, ...] = ()

    @property
    def titles(self) -> frozenset[int]:
        return frozenset(entry.line for entry in self.entries)

    @property
    def blocks(self) -> tuple[tuple[int, int], ...]:
        return tuple((entry.span.start, entry.span.end) for entry in self.entries)


def headed(document: Document) -> tuple[Entry, ...]:
    """The entries the headings layout found in ``document`` (none if it was not read)."""
    found = document.found.get(NAME)
    return found.entries if isinstance(found, Headed) else ()


@dataclass
class _Heading:
    """A top-level heading and, if it starts an entry, what the entry's block holds."""

    index: int  # token index of heading_open, in its chunk
    level: int
    start: int  # 0-based first line
    end: int  # 0-based, exclusive
    text: str = ""
    first_line: int = 0  # 0-based: the first comment above an entry heading, or the heading
    body: tuple[list[Field], int, str, Form] | None = None  # fields, indent, marker, layout
    lead: tuple[Field, ...] = ()  # what the heading and lead patterns read


# The rank of a bold paragraph that titles an entry: below every heading.
BOLD_LEVEL = 7


def needs_blank_after_heading(entry: Entry) -> bool:
    """A bold title over fields in paragraphs: without the blank line between, they
    would be one paragraph, the title's."""
    return entry.level == BOLD_LEVEL and entry.form is LINES


def only_bold(content: str) -> bool:
    """Whether a paragraph's source is one piece of bold text and nothing else."""
    text = content.strip()
    if not (text.startswith(("**", "__")) and text.endswith(text[:2])) or "\n" in text:
        return False
    tokens = [t for t in parse_inline(text) if t.type != "text" or t.content]
    return (
        len(tokens) >= 3
        and tokens[0].type == "strong_open"
        and tokens[-1].type == "strong_close"
        and sum(t.type == "strong_open" for t in tokens) == 1
    )


class HeadingFinder:
    """Collects the top-level headings of each chunk, then the entries and sections they make.

    It also marks the lines of entries' fields whose whitespace means something
    (see :class:`readmelint.model.Document`).
    """

    def __init__(self, lines: Lines, settings: Settings, marks: WhitespaceMarks):
        self.lines = lines
        self.marks = marks
        self.entry_levels = frozenset(settings.entry_levels)
        self.schema = settings.schema
        self.known = settings.schema.names_field  # a plain label counts only for a field
        self.by_position = settings.schema.by_position
        self.heading_patterns = settings.options.get(HEADING_PATTERN, ())
        self.lead_patterns = settings.options.get(LEAD_PATTERN, ())
        self.options = settings.options
        self.field_patterns = settings.options.get(FIELD_PATTERN, ())
        self.more_fields: list[Field] = []  # what field patterns read besides each item's first
        self.lead_paragraphs: set[int] = set()  # their first lines (0-based): no titles
        self.tokens: Sequence[Token] = []  # the chunk being read
        self.headings: list[_Heading] = []

    def add(self, tokens: Sequence[Token], index: int) -> None:
        kind = tokens[index].type
        if kind == "heading_open":
            self._add_heading(tokens, index)
        elif kind == "paragraph_open":
            self._add_bold(tokens, index)

    def _add_heading(self, tokens: Sequence[Token], index: int) -> None:
        """The heading that opens at ``tokens[index]``."""
        self.tokens = tokens
        token = tokens[index]
        assert token.map is not None
        heading = _Heading(index, int(token.tag[1:]), token.map[0], token.map[1])
        block = self._entry_block(heading)
        heading.first_line = heading.start
        if block is not None:
            heading.text = self._heading_text(heading)
            heading.first_line = self._preamble_start(heading)
            heading.body = self._body(block)
            heading.lead = self._read_heading(heading) + self._lead(heading.index + 3, block)
            heading.lead += tuple(self.more_fields)
            title = next((f for f in heading.lead if f.key == "title"), None)
            if title is not None:
                heading.text = heading_title(title.value)
        self.headings.append(heading)
        self.tokens = []

    def _read_heading(self, heading: _Heading) -> tuple[Field, ...]:
        """What the heading patterns read from an ATX heading's text."""
        content = self.tokens[heading.index + 1].content
        if not self.heading_patterns or not content.strip() or heading.end - heading.start > 1:
            return ()
        line = self._line(heading.start)
        column = len(line) - len(line.lstrip(" ")) + heading.level
        column += len(line[column:]) - len(line[column:].lstrip(" \t"))
        if not line[column:].startswith(content):
            return ()
        piece = (heading.start, column, column + len(content))
        return read_source(self.heading_patterns, self.lines, [piece], self.schema)

    def _after_lead(self, block: int) -> int:
        """The first block after the paragraphs without a label at ``block`` and after:
        an entry's lead, read by its lead patterns (one none reads is reported)."""
        while block < len(self.tokens):
            token = self.tokens[block]
            if token.type != "paragraph_open" or token.level != 0 or token.map is None:
                break
            if split_label(self._line(token.map[0]).lstrip(" "), self.known) is not None:
                break
            if self._is_bold_title(self.tokens[block + 1].content):
                break
            block += 3  # paragraph_open, inline, paragraph_close
        return block

    def _is_bold_title(self, content: str) -> bool:
        """A paragraph of bold text alone titles the entry below it, unless a lead pattern
        writes that bold itself (``**{authors}**``; ``*{authors}*`` reads italics)."""
        bold = content.strip()[:2]
        return only_bold(content) and not any(
            pattern.text.lstrip().startswith(bold) and pattern.match(content)
            for pattern in self.lead_patterns
        )

    def _lead(self, block: int, end: int) -> tuple[Field, ...]:
        """What the lead patterns read from the paragraphs from ``block`` to ``end``."""
        fields: tuple[Field, ...] = ()
        for index in range(block, end, 3):
            paragraph = self.tokens[index]
            assert paragraph.map is not None
            start, stop = paragraph.map
            self.lead_paragraphs.add(start)
            first = self._line(start)
            pieces = [(start, len(first) - len(first.lstrip(" ")), len(first))]
            pieces += [(n, 0, len(self._line(n))) for n in range(start + 1, stop)]
            fields += read_source(self.lead_patterns, self.lines, pieces, self.schema)
        return fields

    def _add_bold(self, tokens: Sequence[Token], index: int) -> None:
        """A paragraph of bold text only, above its fields: an entry's title.

        (Large conference lists write ``**Title**`` or ``**《Title》**`` for a heading.)
        Its fields are a list, or paragraphs whose first label names a field of the
        schema (``arXiv：url``); right under a section heading too. It ends at the next
        entry or heading, whatever its level; any other paragraph is no heading.
        """
        token, inline = tokens[index], tokens[index + 1]
        if token.map is None or not only_bold(inline.content):
            return
        if token.map[0] in self.lead_paragraphs:
            return  # an entry's lead: `**A. Author**` over its fields
        if inline.content.rstrip("*_ ").endswith((":", "：")):
            return  # `**Paper:**`: a label with its value on the lines below
        if self._fields_of_heading_above(tokens, index):
            return
        self.tokens = tokens
        heading = _Heading(index, BOLD_LEVEL, token.map[0], token.map[1])
        block = self._entry_block(heading)
        if block is not None:
            heading.text = self._heading_text(heading)
            heading.first_line = self._preamble_start(heading)
            heading.body = self._body(block)
            heading.lead = tuple(self.more_fields)
            if heading.body[3] is BULLETS or self._names_field(block):
                self.headings.append(heading)
        self.tokens = []

    def _fields_of_heading_above(self, tokens: Sequence[Token], index: int) -> bool:
        """Whether the paragraph at ``tokens[index]`` is the fields block of the entry
        heading right above it (read already: a title there would read it twice)."""
        if not index or tokens[index - 1].type != "heading_close" or not self.headings:
            return False
        above, opening = self.headings[-1], tokens[index - 3]
        return above.body is not None and opening.map is not None and above.start == opening.map[0]

    def _names_field(self, block: int) -> bool:
        """Whether the paragraph at ``block`` starts with a label naming a schema field."""
        token = self.tokens[block]
        assert token.map is not None
        label = split_label(self._line(token.map[0]).lstrip(" "), self.known)
        return label is not None and self.known(label.text)

    def build(self, around: Around) -> Headed:
        """The entries; each heading that is none starts a section (the first layout,
        it reads every heading, and ``around`` tells it nothing)."""
        headings = self.headings
        entries: list[Entry] = []
        section = 0
        for position, heading in enumerate(headings):
            if heading.body is None:
                section += 1
                continue
            end = len(self.lines)
            # Indexes, not slices: slicing the rest of the list for every entry
            # made 100,000 entries take minutes.
            for later in range(position + 1, len(headings)):
                if headings[later].body is not None or headings[later].level <= heading.level:
                    end = headings[later].first_line
                    break
            entries.append(self._entry(heading, heading.body, end, section))
        if around.dates is not None:  # what entries take from the section headings above
            groups = around.dates.groups({h.start + 1 for h in headings if h.body is None})
            entries = [replace(e, shared=groups.shared(e.heading_line, e.level)) for e in entries]
        return Headed(tuple(entries))

    def _preamble_start(self, heading: _Heading) -> int:
        """First line of the HTML comments directly above an entry heading.

        A suppression comment written right above a heading belongs to that
        entry and moves with it when entries are sorted.
        """
        start = heading.start
        index = heading.index - 1
        while index >= 0:
            token = self.tokens[index]
            is_comment = token.type == "html_block" and token.level == 0
            is_comment = is_comment and token.content.strip().startswith("<!--")
            is_comment = is_comment and token.content.strip().endswith("-->")
            if not is_comment or token.map is None or token.map[1] != start:
                break
            start = token.map[0]
            index -= 1
        return start

    def _heading_text(self, heading: _Heading) -> str:
        return heading_title(self.tokens[heading.index + 1].content)

    def _entry_block(self, heading: _Heading) -> int | None:
        """Token index of the entry's fields block, or None if not an entry."""
        if heading.level not in self.entry_levels and heading.level != BOLD_LEVEL:
            return None
        block = heading.index + 3  # heading_open, inline, heading_close
        if self.lead_patterns and heading.level != BOLD_LEVEL:
            block = self._after_lead(block)
        if block >= len(self.tokens):
            return None
        token = self.tokens[block]
        if token.level != 0 or token.map is None:
            return None
        if token.type == "bullet_list_open":
            first_item = self.tokens[block + 1]
            first_child = self.tokens[block + 2]
            if (
                first_child.type == "paragraph_open"
                and first_child.map is not None
                and first_item.map is not None
                and first_child.map[0] == first_item.map[0]
                and (
                    split_label(self._item_content(first_item)[1], self.known) is not None
                    or self._read_by_field_pattern(first_item)
                )
            ):
                return block
        elif token.type == "paragraph_open" and split_label(
            self._line(token.map[0]).lstrip(" "), self.known
        ):
            return block
        return None

    def _line(self, index: int) -> str:
        return strip_newline(self.lines[index])

    def _item_content(self, item: Token) -> tuple[int, str]:
        """0-based column where an item's content starts, and that content."""
        assert item.map is not None
        line = self._line(item.map[0])
        content_at = item_content(line, item.markup)
        return content_at, line[content_at:]

    def _body(self, block: int) -> tuple[list[Field], int, str, Form]:
        self.more_fields = []
        if self.tokens[block].type == "bullet_list_open":
            fields, indent, marker = self._bullet_fields(block)
            return fields, indent, marker, BULLETS
        fields = self._line_fields(block)
        # A daily digest writes each field as a paragraph of its own: read them alike.
        following = block + 3  # paragraph_open, inline, paragraph_close
        while following < len(self.tokens):
            token = self.tokens[following]
            if token.type != "paragraph_open" or token.level != 0 or token.map is None:
                break
            if split_label(self._line(token.map[0]).lstrip(" "), self.known) is None:
                break
            fields += self._line_fields(following)
            following += 3
        return fields, 0, "", LINES

    def _entry(
        self,
        heading: _Heading,
        body: tuple[list[Field], int, str, Form],
        end: int,
        section: int,
    ) -> Entry:
        fields, indent, marker, form = body
        last = end - 1
        while last >= heading.start and is_blank(self.lines[last]):
            last -= 1
        return Entry(
            heading=heading.text,
            heading_source=self._line(heading.start),
            level=heading.level,
            span=Span(heading.first_line + 1, last + 1),
            heading_line=heading.start + 1,
            fields=tuple(fields),
            form=form,
            section=section,
            list_indent=indent,
            list_marker=marker,
            lead=heading.lead,
        )

    def _bullet_fields(self, block: int) -> tuple[list[Field], int, str]:
        fields: list[Field] = []
        index = block + 1
        indent = -1
        marker = "-"
        without_label = 0  # items so far: by position, the nth of them is the nth pattern's
        while self.tokens[index].type != "bullet_list_close" or self.tokens[index].level != 0:
            item = self.tokens[index]
            index += 1
            if item.type != "list_item_open" or item.level != 1 or item.map is None:
                self.marks.note_block(item, self.tokens[index])
                continue
            line = self._line(item.map[0])
            if indent < 0:
                indent = len(line) - len(line.lstrip(" "))
                marker = item.markup
            content_at, content = self._item_content(item)
            first_child = self.tokens[index]
            label = None
            if first_child.type == "paragraph_open" and first_child.map == [
                item.map[0],
                first_child.map and first_child.map[1],
            ]:
                label = split_label(content, self.known)
            last = item.map[1] - 1
            while last > item.map[0] and is_blank(self.lines[last]):
                last -= 1
            field = self._field(label, content, content_at, item.map[0], last)
            without_label += label is None
            if label is None and self.field_patterns and first_child.type == "paragraph_open":
                patterns = field_patterns_at(self.options, without_label)
                read = read_source(patterns, self.lines, self._item_pieces(item, last), self.schema)
                field, more = item_fields(read, item.map[0] + 1, last + 1, content_at + 1)
                self.more_fields += more
            fields.append(self._by_position(field, len(fields) + 1))
        return fields, max(indent, 0), marker

    def _item_pieces(self, item: Token, last: int) -> list[tuple[int, int, int]]:
        """An item's lines (0-based, to ``last``) as :func:`read_source` reads them."""
        assert item.map is not None
        content_at, content = self._item_content(item)
        first = (item.map[0], content_at, content_at + len(content))
        return [first, *((n, 0, len(self._line(n))) for n in range(item.map[0] + 1, last + 1))]

    def _read_by_field_pattern(self, item: Token) -> bool:
        """Whether a field pattern reads the item."""
        if not self.field_patterns:
            return False
        assert item.map is not None
        last = item.map[1] - 1
        while last > item.map[0] and is_blank(self.lines[last]):
            last -= 1
        pieces = self._item_pieces(item, last)
        patterns = field_patterns_at(self.options, 1)
        return read_source(patterns, self.lines, pieces, self.schema)[0].key is not None

    def _by_position(self, field: Field, position: int) -> Field:
        """An unlabelled field line read as the field the schema places there (x-position)."""
        spec = self.by_position.get(position)
        if field.key is not None or spec is None:
            return field
        return Field(None, spec.key, field.span, field.column, "", self.lines)

    def _line_fields(self, block: int) -> list[Field]:
        paragraph = self.tokens[block]
        assert paragraph.map is not None
        start, end = paragraph.map
        self.marks.paragraph_ends.add(end)
        inside_markup = self.marks.note_open_line_ends(self.tokens[block + 1], field_lines=True)
        fields: list[Field] = []
        current: tuple[int, str, int] | None = None  # first line, content, content column
        label = None
        for index in range(start, end + 1):
            line = self._line(index) if index < end else ""
            content = line.lstrip(" ")
            next_label = split_label(content, self.known) if index < end else None
            starts_field = next_label is not None and index - start not in inside_markup
            if index < end and not starts_field and current is not None:
                continue
            if current is not None:
                first, first_content, column = current
                fields.append(self._field(label, first_content, column, first, index - 1))
            current = (index, content, len(line) - len(content))
            label = next_label
        return fields

    def _field(
        self,
        label: object,
        content: str,
        column: int,
        first: int,
        last: int,
    ) -> Field:
        if isinstance(label, Label):
            # Interned: a list repeats the same few labels thousands of times.
            text: str | None = sys.intern(label.text)
            key: str | None = sys.intern(self.schema.key_of(label.text))
            label_source = sys.intern(content[: label.source_length])
        else:
            text, key, label_source = None, None, ""
        start = first + 1
        return Field(
            label=text,
            key=key,
            # One int for both ends of a one-line field: a long list has 70,000 fields.
            span=Span(start, start if last == first else last + 1),
            column=column + 1,
            label_source=label_source,
            lines=self.lines,
        )
