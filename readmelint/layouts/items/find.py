"""Finding entry lists: top-level lists in which most items match an item pattern.

An item's fields are read from its first paragraph (its Markdown source from
the column after the marker, continuation lines included) by the patterns of the
``item`` setting, tried in order (see :mod:`readmelint.pattern`). A list in which
at least two items, and more than half, match is an entry list; any other list
(a table of contents, a legend, links to other lists) is left alone. The lists
inside one list's items (a digest's days) are judged together first, so that a day
of one paper counts; then each on its own, needing one match. So are the lists of
the whole file: a section holding a single paper is an entry list when the patterns
read at least two items of such lists and of the other entry lists in all. With
``item-fields = "sub-items"``, an item's sub-items ``Label: value`` are its fields and its
first paragraph its title (the field ``item-title`` names, if set), or, where ``item``
gives patterns, the fields they read from it (title, link, icon). An empty item
(``-`` alone) is a separator: no entry, no problem, and no vote either way. In an
entry list, an item no pattern matches is reported where the closest pattern
failed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import TYPE_CHECKING

from readmelint.labels import split_label
from readmelint.layouts import Around
from readmelint.markdown import item_content, plain_text
from readmelint.model import Document, Entry, Field, Form, Span
from readmelint.settings import Settings
from readmelint.source import Lines, is_blank, strip_newline
from readmelint.whitespace import WhitespaceMarks

if TYPE_CHECKING:
    from markdown_it.token import Token

_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})

NAME = "items"
SECTIONS = "item-sections"
SKIP_SECTIONS = "item-skip-sections"
ITEM_TITLE = "item-title"  # with sub-item fields, the field an item's first paragraph is
ITEM = Form(
    "item",
    NAME,
    missing='item has no "{title}" field; write it as the item pattern reads it',
)


@dataclass(frozen=True, slots=True)
class Item:
    """One item of an entry list: an entry, or an item no pattern matched.

    ``failure``: for the latter, where the closest pattern stopped matching (line,
    column) and what it expected there; None for a separator (an empty item).
    """

    span: Span  # its first line to its last that is not blank
    marker: str  # as written: "-", "12.", "3)"
    content: int  # the column (0-based) where its content starts on its first line
    entry: Entry | None
    failure: tuple[int, int, str] | None = None

    @property
    def separator(self) -> bool:
        """An empty item between papers: it stays where it is, and nothing is asked of it."""
        return self.entry is None and self.failure is None

    @property
    def stays(self) -> bool:
        """A separator, or an item no pattern reads (a paper, maybe, in a shape of its own):
        it never moves, and the items between such are sorted each run on its own."""
        return self.entry is None


@dataclass(frozen=True, slots=True)
class ItemList:
    """A list in which most items are entries (see :mod:`readmelint.layouts.items`)."""

    span: Span  # its first item's first line to its last item's last
    ordered: bool
    delimiter: str  # "." or ")" for an ordered list; the bullet for another
    start: int  # an ordered list's first number
    tight: bool
    items: tuple[Item, ...]
    section: int


@dataclass(frozen=True)
class ItemLists:
    """The items layout's entry lists."""

    lists: tuple[ItemList, ...] = ()

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(item.entry for found in self.lists for item in found.items if item.entry)

    @property
    def titles(self) -> frozenset[int]:
        return frozenset()

    @property
    def blocks(self) -> tuple[tuple[int, int], ...]:
        return tuple((found.span.start, found.span.end) for found in self.lists)


def lists_of(document: Document) -> tuple[ItemList, ...]:
    """The entry lists the items layout found in ``document`` (none if it was not read)."""
    found = document.found.get(NAME)
    return found.lists if isinstance(found, ItemLists) else ()


def _ANY(key: str) -> bool:
    return True


@dataclass
class _RawItem:
    start: int  # 0-based first line
    end: int  # 0-based, exclusive (as markdown-it maps it)
    marker: str
    paragraph: tuple[int, int] | None  # its first paragraph's lines, if it opens the item
    children: list[_RawList] = field(default_factory=list)  # the lists right inside it


@dataclass
class _RawList:
    start: int
    end: int
    ordered: bool
    delimiter: str
    number: int
    tight: bool
    items: list[_RawItem]
    nested: list[_RawList]  # the lists inside its items, at any depth, outermost first


class ItemFinder:
    """Collects the lists of each chunk, then the entry lists among them.

    A list nested in an item counts too (a digest's date items holding their papers),
    unless a list around it is an entry list: its items move with theirs.
    """

    def __init__(self, lines: Lines, settings: Settings, marks: WhitespaceMarks):
        self.lines = lines
        self.settings = settings
        self.marks = marks  # fix may rewrite any line of an entry list
        self.lists: list[_RawList] = []
        self.only: tuple[str, ...] = settings.options.get(SECTIONS, ())
        self.skip: tuple[str, ...] = settings.options.get(SKIP_SECTIONS, ())
        self.headings: list[tuple[int, int, str]] = []  # line, level, text (casefolded)
        self.around = Around((), ())  # the rest of the file, once it is read (build)

    def add(self, tokens: Sequence[Token], index: int) -> None:
        """The list that opens at ``tokens[index]`` (a top-level one), and those inside it;
        a heading, where the settings name sections."""
        token = tokens[index]
        if token.type in _LISTS:
            self.lists.append(self._read(tokens, index)[0])
        elif token.type == "heading_open" and token.map and (self.only or self.skip):
            text = plain_text(tokens[index + 1].content).casefold()
            self.headings.append((token.map[0] + 1, int(token.tag[1:]), text))

    def _left_out(self) -> Callable[[int], bool]:
        """Whether the settings leave a line's section out: ``item-sections`` names the
        sections read (any heading above it, at any level, may match), and
        ``item-skip-sections`` those never read."""
        starts: list[int] = []
        paths: list[tuple[str, ...]] = []
        path: list[tuple[int, str]] = []
        for line, level, text in self.headings:
            while path and path[-1][0] >= level:
                path.pop()
            path.append((level, text))
            starts.append(line)
            paths.append(tuple(name for _, name in path))

        def left_out(line: int) -> bool:
            index = bisect_right(starts, line) - 1
            names = paths[index] if index >= 0 else ()
            if self.only and not any(_named(name, self.only) for name in names):
                return True
            return any(_named(name, self.skip) for name in names)

        return left_out

    def _read(self, tokens: Sequence[Token], index: int) -> tuple[_RawList, int]:
        """The list opening at ``tokens[index]``, and the index of its closing token."""
        token = tokens[index]
        assert token.map is not None
        ordered = token.type == "ordered_list_open"
        # markdown-it sets ``start`` only where it is not 1: a list may start at 0.
        number = token.attrGet("start") if ordered else None
        start = 1 if number is None else int(number)
        found = _RawList(token.map[0], token.map[1], ordered, token.markup, start, True, [], [])
        close = token.type.replace("_open", "_close")
        level = token.level
        position = index + 1
        while not (tokens[position].type == close and tokens[position].level == level):
            item = tokens[position]
            if item.type in _LISTS and item.map is not None:
                inner, position = self._read(tokens, position)
                found.nested.append(inner)
                if found.items and item.level == level + 2:
                    found.items[-1].children.append(inner)
            elif item.type == "list_item_open" and item.level == level + 1 and item.map:
                child = tokens[position + 1]
                paragraph = None
                if child.type == "paragraph_open" and child.map and child.map[0] == item.map[0]:
                    paragraph = (child.map[0], child.map[1])
                marker = f"{item.info}{item.markup}" if ordered else item.markup
                found.items.append(_RawItem(item.map[0], item.map[1], marker, paragraph))
            else:
                if item.type == "paragraph_open" and item.level == level + 2 and not item.hidden:
                    found.tight = False
                self.marks.note_block(item, tokens[position + 1])
            position += 1
        return found, position

    def build(self, around: Around) -> ItemLists:
        """The entry lists, but for those inside another layout's blocks."""
        self.around = around
        read: dict[int, tuple[Item, ...]] = {}

        def section_of(raw: _RawList) -> int:
            return around.section(raw.start + 1)

        def items_of(raw: _RawList) -> tuple[Item, ...]:
            if id(raw) not in read:
                section = section_of(raw)
                read[id(raw)] = tuple(self._item(raw_item, section) for raw_item in raw.items)
            return read[id(raw)]

        # With sub-item fields, the lists inside an item that is an entry are its fields,
        # never entry lists of their own (were they, fixing a label's form could make them so).
        owners: dict[int, tuple[_RawList, int]] = {}
        if self.settings.item_fields == "sub-items":
            for outer in self.lists:
                for each in (outer, *outer.nested):
                    for index, raw_item in enumerate(each.items):
                        owners.update((id(child), (each, index)) for child in raw_item.children)

        def in_an_entry(raw: _RawList) -> bool:
            while id(raw) in owners:
                raw, index = owners[id(raw)]
                if items_of(raw)[index].entry is not None:
                    return True
            return False

        found: list[ItemList] = []
        rejected: list[_RawList] = []  # lists judged on their own, and not entry lists
        waiting = list(reversed(self.lists))
        left_out = self._left_out() if self.only or self.skip else None
        while waiting:
            raw = waiting.pop()
            if around.holds(raw.start + 1) or (left_out and left_out(raw.start + 1)):
                continue
            if owners and in_an_entry(raw):
                continue
            if _mostly_entries(items_of(raw), at_least=2):
                found.append(_entry_list(raw, items_of(raw), section_of(raw)))
                continue
            # A digest's date items each hold a list of that day's papers, often one:
            # the lists inside one list are judged together, then each on its own.
            inner = [child for child in raw.nested if not (owners and in_an_entry(child))]
            together = [item for child in inner for item in items_of(child)]
            if len(inner) < 2 or not _mostly_entries(together, at_least=2):
                rejected.append(raw)
                waiting.extend(reversed(inner))
                continue
            for child in reversed(inner):
                if _mostly_entries(items_of(child), at_least=1):
                    found.append(_entry_list(child, items_of(child), section_of(child)))
                else:
                    waiting.append(child)
        found += _judged_together(found, rejected, items_of, section_of)
        return ItemLists(tuple(sorted(found, key=lambda items: items.span.start)))

    def _item(self, raw: _RawItem, section: int) -> Item:
        first = strip_newline(self.lines[raw.start])
        content = item_content(first, raw.marker)
        last = raw.end - 1
        while last > raw.start and is_blank(self.lines[last]):
            last -= 1
        span = Span(raw.start + 1, last + 1)
        if raw.paragraph is None:
            if span.start == span.end and not first[content:].strip():
                return Item(span, raw.marker, content, None)  # a separator
            return Item(span, raw.marker, content, None, (raw.start + 1, content + 1, "text"))
        if self.settings.item_fields == "sub-items":
            return self._with_sub_items(raw, span, content, section)
        read = self._read_paragraph(raw.paragraph, content)
        if isinstance(read, tuple):
            return Item(span, raw.marker, content, None, read)
        return Item(span, raw.marker, content, self._entry(raw, span, section, read))

    def _entry(
        self, raw: _RawItem, span: Span, section: int, fields: list[Field], title: str = ""
    ) -> Entry:
        return Entry(
            heading=plain_text(title) if title.strip() else "",
            heading_source=title,
            level=0,
            span=span,
            heading_line=span.start,
            fields=tuple(fields),
            form=ITEM,
            section=section,
            list_marker=raw.marker,
            shared=self.around.shared(span.start),
        )

    def _read_paragraph(
        self, paragraph: tuple[int, int], content: int
    ) -> list[Field] | tuple[int, int, str]:
        """The fields the first item pattern that reads the paragraph reads, or where the
        pattern that read the most of it failed (line, column) and what it expected."""
        source, starts, columns = self._source(paragraph, content)
        patterns = self.settings.item_patterns
        for pattern in patterns:
            match = pattern.match(source)
            if match is not None:
                return [
                    self._field(key, where, starts, columns, paragraph[0])
                    for key, where in sorted(match.fields.items(), key=lambda pair: pair[1])
                ]
        from readmelint.pattern import best_failure  # (and difflib): kept off start-up

        failure = best_failure(patterns, source)
        line, column = _where(failure.offset, starts, columns, paragraph[0])
        return line, column, failure.expected

    def _with_sub_items(self, raw: _RawItem, span: Span, content: int, section: int) -> Item:
        """An item whose first paragraph is the title (read by the item patterns, if any)
        and whose sub-items are its (other) fields."""
        assert raw.paragraph is not None
        fields: list[Field] = []
        if raw.children:
            for sub in raw.children[0].items:
                line = strip_newline(self.lines[sub.start])
                column = item_content(line, sub.marker)
                label = split_label(line[column:], _ANY)  # a sub-item is a field
                last = sub.end - 1
                while last > sub.start and is_blank(self.lines[last]):
                    last -= 1
                fields.append(
                    Field(
                        label=label.text if label else None,
                        key=self.settings.schema.key_of(label.text) if label else None,
                        span=Span(sub.start + 1, last + 1),
                        column=column + 1,
                        label_source=line[column : column + label.source_length] if label else "",
                        lines=self.lines,
                    )
                )
        if self.settings.item_patterns:
            # The first paragraph (title, link, icon) by a pattern, the rest by sub-items.
            read = self._read_paragraph(raw.paragraph, content)
            if isinstance(read, tuple):
                return Item(span, raw.marker, content, None, read)
            return Item(span, raw.marker, content, self._entry(raw, span, section, read + fields))
        if not any(found.label for found in fields):
            expected = "sub-items `Label: value`, one for each field"
            return Item(span, raw.marker, content, None, (raw.paragraph[1] + 1, 1, expected))
        title, _, _ = self._source(raw.paragraph, content)
        key = self.settings.options.get(ITEM_TITLE)
        if key is not None:
            fields.insert(0, self._title_field(key, raw.paragraph, content))
        return Item(span, raw.marker, content, self._entry(raw, span, section, fields, title))

    def _title_field(self, key: str, paragraph: tuple[int, int], content: int) -> Field:
        """The first paragraph as the field ``item-title`` names."""
        spec = self.settings.schema.spec(key)
        return Field(
            label=spec.title if spec else key,
            key=key,
            span=Span(paragraph[0] + 1, paragraph[1]),
            column=content + 1,
            label_source="",
            lines=self.lines,
        )

    def _source(self, paragraph: tuple[int, int], content: int) -> tuple[str, list[int], list[int]]:
        """The paragraph's source, where each line starts in it, and at which column."""
        pieces, starts, columns = [], [], []
        offset = 0
        for index in range(paragraph[0], paragraph[1]):
            line = strip_newline(self.lines[index])
            column = content if index == paragraph[0] else 0
            starts.append(offset)
            columns.append(column)
            pieces.append(line[column:])
            offset += len(line) - column + 1
        return "\n".join(pieces), starts, columns

    def _field(
        self, key: str, where: tuple[int, int], starts: list[int], columns: list[int], first: int
    ) -> Field:
        start_line, start_column = _where(where[0], starts, columns, first)
        end_line, end_column = _where(where[1], starts, columns, first)
        spec = self.settings.schema.spec(key)
        return Field(
            label=spec.title if spec else key,
            key=key,
            span=Span(start_line, end_line),
            column=start_column,
            label_source="",
            lines=self.lines,
            end_column=end_column,
        )


def _named(heading: str, names: Sequence[str]) -> bool:
    """Whether a heading's text (casefolded) is one of ``names``: case aside, ``*`` for any
    text (``*Datasets*``)."""
    return any(fnmatchcase(heading, name.casefold()) for name in names)


def _mostly_entries(items: Sequence[Item], at_least: int) -> bool:
    """Whether more than half of ``items`` (separators aside), and ``at_least`` of them,
    are entries."""
    matched = sum(item.entry is not None for item in items)
    counted = sum(not item.separator for item in items)
    return matched >= at_least and matched * 2 > counted


def _judged_together(
    found: Sequence[ItemList],
    rejected: Sequence[_RawList],
    items_of: Callable[[_RawList], tuple[Item, ...]],
    section_of: Callable[[_RawList], int],
) -> list[ItemList]:
    """The lists ``rejected`` on their own (one paper under its own heading) that are
    entry lists with the rest of the file: most of their items are entries, and the
    item patterns read at least two items of such lists and of the entry lists
    ``found``. A list holding an entry list, or inside one taken here, is none."""
    taken = [(items.span.start, items.span.end) for items in found]
    read = sum(item.entry is not None for items in found for item in items.items)
    candidates: list[_RawList] = []
    for raw in rejected:
        items = items_of(raw)
        if not _mostly_entries(items, at_least=1):
            continue
        if any(raw.start < start - 1 < raw.end for start, _ in taken):
            continue  # it holds an entry list: its items are no papers
        read += sum(item.entry is not None for item in items)
        candidates.append(raw)
    out: list[ItemList] = []
    if read < 2:
        return out
    for raw in sorted(candidates, key=lambda each: each.start):
        if any(start <= raw.start + 1 <= end for start, end in taken):
            continue  # inside a list taken here
        out.append(_entry_list(raw, items_of(raw), section_of(raw)))
        taken.append((out[-1].span.start, out[-1].span.end))
    return out


def _entry_list(raw: _RawList, items: tuple[Item, ...], section: int) -> ItemList:
    first, last = items[0].span.start, items[-1].span.end
    return ItemList(
        Span(first, last), raw.ordered, raw.delimiter, raw.number, raw.tight, items, section
    )


def _where(offset: int, starts: list[int], columns: list[int], first: int) -> tuple[int, int]:
    """The line and column (1-based) of an offset into an item's source."""
    index = bisect_right(starts, offset) - 1
    return first + index + 1, columns[index] + offset - starts[index] + 1
