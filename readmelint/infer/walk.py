"""One walk over markdown-it's block tokens: what an inference can build on.

Headings (with the block right under each), tables (header and rows, cut as the table
layout cuts them) and lists at any depth (each item's first paragraph as the items
layout reads it: from the column after its marker, continuation lines included), each
with whether it looks like a paper (:mod:`readmelint.evidence`). Lines are 1-based.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from readmelint.evidence import links_to_paper, paper_header, says_paper
from readmelint.labels import Label, split_label
from readmelint.layouts.headings.find import BOLD_LEVEL, only_bold
from readmelint.layouts.table.rows import split_row
from readmelint.markdown import block_parser, item_content, plain_text
from readmelint.source import Lines, is_blank, strip_newline

if TYPE_CHECKING:
    from markdown_it.token import Token


def _any_label(_: str) -> bool:
    return True  # while inferring, any `Word:` may be a label: counting decides


@dataclass
class FieldLine:
    """A field as written: its label (None: unlabelled), its value's Markdown, its line."""

    label: Label | None
    value: str
    line: int


@dataclass
class HeadingBlock:
    """A top-level heading and, when a field block follows it, the fields there."""

    line: int
    level: int
    text: str
    fields: list[FieldLine] | None = None  # None: no field block right under it
    bullets: bool = False  # the fields are a bullet list (else lines of a paragraph)
    marker: str = ""
    indent: int = 0
    blank_after: bool = False  # a blank line between the heading and its fields
    content: str = ""  # the heading's inline Markdown
    _paper: bool | None = None

    @property
    def paper(self) -> bool:
        """Whether the heading or its fields look like a paper (asked when needed)."""
        if self._paper is None:
            fields = self.fields or ()
            self._paper = links_to_paper(self.content) or any(says_paper(f.value) for f in fields)
        return self._paper


@dataclass
class Row:
    line: int
    cells: list[str]
    paper: bool


@dataclass
class TableBlock:
    line: int  # the header's
    header: list[str]  # each header cell as written, padding aside
    rows: list[Row]
    padded: int  # rows written `| a | b |`
    tight: int  # rows written `|a|b|`
    paper_header: bool
    top: bool  # at the top level (not inside a list item or quote)


@dataclass
class Item:
    line: int
    marker: str
    lines: Lines = field(repr=False)
    paragraph: tuple[int, int] | None  # its first paragraph's lines (0-based, end excluded)
    children: list[ListBlock] = field(default_factory=list)
    _source: str | None = None
    _paper: bool | None = None

    @property
    def source(self) -> str:
        """Its first paragraph's Markdown, as the items layout reads it (made when asked:
        the items of a headed entry's field list never are)."""
        if self._source is None:
            self._source = ""
            if self.paragraph is not None:
                start, end = self.paragraph
                first = strip_newline(self.lines[start])
                pieces = [first[item_content(first, self.marker) :]]
                pieces += [strip_newline(self.lines[i]) for i in range(start + 1, end)]
                self._source = "\n".join(pieces)
        return self._source

    @property
    def paper(self) -> bool:
        """Whether it looks like a paper (asked only of the lists a guess reads)."""
        if self._paper is None:
            self._paper = bool(self.source) and says_paper(self.source)
        return self._paper


@dataclass
class ListBlock:
    line: int
    depth: int  # 0: a top-level list
    ordered: bool
    items: list[Item]
    section: int  # how many headings come before it
    tight: bool = True


@dataclass
class Walk:
    """What the walk found, in the order of the file."""

    lines: Lines
    headings: list[HeadingBlock]
    tables: list[TableBlock]
    lists: list[ListBlock]  # every list, nested ones too, in order of their first line
    paragraphs: int  # top-level paragraphs that look like papers (no layout reads them)
    paragraph_lines: list[int]


def walk(text: str) -> Walk:
    lines = Lines(text)
    tokens = block_parser().parse(text)
    return _Walker(lines, tokens).run()


class _Walker:
    def __init__(self, lines: Lines, tokens: list[Token]):
        self.lines = lines
        self.tokens = tokens
        self.headings: list[HeadingBlock] = []
        self.tables: list[TableBlock] = []
        self.lists: list[ListBlock] = []
        self.paragraph_lines: list[int] = []

    def line(self, index: int) -> str:
        return strip_newline(self.lines[index])

    def run(self) -> Walk:
        tokens = self.tokens
        index = 0
        open_lists: list[ListBlock] = []
        open_items: list[Item] = []
        quotes = 0
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind == "blockquote_open":
                quotes += 1
            elif kind == "blockquote_close":
                quotes -= 1
            elif kind in ("bullet_list_open", "ordered_list_open") and token.map:
                found = ListBlock(
                    token.map[0] + 1,
                    len(open_lists),
                    kind == "ordered_list_open",
                    [],
                    len(self.headings),
                )
                if open_items:
                    open_items[-1].children.append(found)
                self.lists.append(found)
                open_lists.append(found)
            elif kind in ("bullet_list_close", "ordered_list_close") and open_lists:
                open_lists.pop()
            elif kind == "list_item_open" and token.map and open_lists:
                item = self._item(index)
                open_lists[-1].items.append(item)
                open_items.append(item)
            elif kind == "list_item_close" and open_items:
                open_items.pop()
            elif kind == "paragraph_open" and token.map:
                if open_items and not token.hidden and token.map[0] != open_items[-1].line - 1:
                    open_lists[-1].tight = False
                if not open_items and not quotes:
                    title = self._bold_title(index)
                    if title is not None:
                        self.headings.append(title)
                    elif says_paper(tokens[index + 1].content):
                        self.paragraph_lines.append(token.map[0] + 1)
            elif kind == "heading_open" and token.map and token.level == 0:
                self.headings.append(self._heading(index))
            elif kind == "table_open" and token.map:
                self.tables.append(self._table(token.map[0], token.map[1], token.level == 0))
            index += 1
        return Walk(
            self.lines,
            self.headings,
            self.tables,
            self.lists,
            len(self.paragraph_lines),
            self.paragraph_lines,
        )

    def _item(self, index: int) -> Item:
        token = self.tokens[index]
        assert token.map is not None
        ordered = token.info != "" or token.markup in (".", ")")
        marker = f"{token.info}{token.markup}" if ordered else token.markup
        child = self.tokens[index + 1]
        paragraph = None
        if child.type == "paragraph_open" and child.map and child.map[0] == token.map[0]:
            paragraph = (child.map[0], child.map[1])
        return Item(token.map[0] + 1, marker, self.lines, paragraph)

    def _bold_title(self, index: int) -> HeadingBlock | None:
        """A paragraph of bold text only over a list of labelled fields: an entry whose
        heading it is, as the headings layout reads it (at no heading level)."""
        token, content = self.tokens[index], self.tokens[index + 1].content
        if token.map is None or token.level != 0 or not only_bold(content):
            return None
        if index and self.tokens[index - 1].type == "heading_close":
            return None  # right under a heading: its field
        if content.rstrip("*_ ").endswith((":", "：")):
            return None  # a label, its value below
        following = self.tokens[index + 3] if index + 3 < len(self.tokens) else None
        if following is None or following.type != "bullet_list_open" or following.map is None:
            return None
        fields = self._bullet_fields(index + 3)
        if not fields or fields[0].label is None:
            return None
        first = self.line(following.map[0])
        return HeadingBlock(
            token.map[0] + 1,
            BOLD_LEVEL,
            plain_text(content),
            fields,
            bullets=True,
            marker=following.markup,
            indent=len(first) - len(first.lstrip(" ")),
            content=content,
        )

    def _heading(self, index: int) -> HeadingBlock:
        token = self.tokens[index]
        assert token.map is not None
        content = self.tokens[index + 1].content
        heading = HeadingBlock(
            token.map[0] + 1,
            int(token.tag[1:]),
            plain_text(content) if content.strip() else "",
            content=content,
        )
        block = index + 3
        if block >= len(self.tokens):
            return heading
        following = self.tokens[block]
        if following.level != 0 or following.map is None:
            return heading
        heading.blank_after = following.map[0] > token.map[1]
        if following.type == "bullet_list_open":
            fields = self._bullet_fields(block)
            if fields and fields[0].label is not None:
                heading.fields = fields
                heading.bullets = True
                first = self.line(following.map[0])
                heading.marker = following.markup
                heading.indent = len(first) - len(first.lstrip(" "))
        elif following.type == "paragraph_open":
            fields = self._line_fields(following.map[0], following.map[1])
            # A digest writes each field as a paragraph of its own: read them alike.
            position = block + 3
            while position < len(self.tokens):
                after = self.tokens[position]
                if after.type != "paragraph_open" or after.level != 0 or after.map is None:
                    break
                more = self._line_fields(after.map[0], after.map[1])
                if not more or more[0].label is None:
                    break
                fields += more
                position += 3
            if fields and fields[0].label is not None:
                heading.fields = fields
        return heading

    def _bullet_fields(self, block: int) -> list[FieldLine]:
        fields = []
        index = block + 1
        while index < len(self.tokens):
            token = self.tokens[index]
            if token.type == "bullet_list_close" and token.level == 0:
                break
            if token.type == "list_item_open" and token.level == 1 and token.map:
                first = self.line(token.map[0])
                content = first[item_content(first, token.markup) :]
                label = split_label(content, _any_label)
                value = content[label.source_length :] if label else content
                last = token.map[1]
                while last > token.map[0] + 1 and is_blank(self.lines[last - 1]):
                    last -= 1
                rest = [self.line(i).strip() for i in range(token.map[0] + 1, last)]
                value = "\n".join([value.strip(), *rest]).strip()
                fields.append(FieldLine(label, value, token.map[0] + 1))
            index += 1
        return fields

    def _line_fields(self, start: int, end: int) -> list[FieldLine]:
        fields: list[FieldLine] = []
        for index in range(start, end):
            content = self.line(index).lstrip(" ")
            label = split_label(content, _any_label)
            if label is None and fields:
                fields[-1].value = (fields[-1].value + "\n" + content.strip()).strip()
                continue
            value = content[label.source_length :] if label else content
            fields.append(FieldLine(label, value.strip(), index + 1))
        return fields

    def _table(self, start: int, end: int, top: bool) -> TableBlock:
        head = split_row(self.lines[start])
        header = [head.content(i) for i in range(len(head.cells))]
        rows = []
        padded = tight = 0
        for index in range(start + 2, end):
            row = split_row(self.lines[index])
            cells = [row.content(i) for i in range(len(row.cells))]
            rows.append(Row(index + 1, cells, any(says_paper(cell) for cell in cells)))
            pads = [row.padding(i) for i in range(len(row.cells))]
            if pads and all(left == " " and right == " " for left, right in pads):
                padded += 1
            elif pads and all(not left and not right for left, right in pads):
                tight += 1
        return TableBlock(start + 1, header, rows, padded, tight, paper_header(header), top)
