"""markdown-it-py tokens to a :class:`Document`.

The text is parsed a chunk at a time (block structure only), and the top-level
tokens handed to each layout the settings name (:mod:`readmelint.layouts`), which
finds its entries in them. What every layout shares is collected here: headings
and the sections they bound, comments (where suppressions live), link reference
definitions, in-page links and the table of contents.

Token maps are 0-based and end-exclusive; everything here is 1-based.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from readmelint.anchors import html_anchors
from readmelint.errors import InputError
from readmelint.layouts import Around, Finder
from readmelint.layouts.registry import LAYOUTS
from readmelint.markdown import (
    MAX_NESTING,
    VERBATIM_BLOCKS,
    block_parser,
    heading_title,
    is_atx_heading,
    parse_inline,
)
from readmelint.model import Comment, Document, Entry, Found, Heading, Section, Span, TocList
from readmelint.settings import Settings
from readmelint.source import Lines, is_blank
from readmelint.toc import find as find_toc
from readmelint.toc import read_list
from readmelint.whitespace import WhitespaceMarks

if TYPE_CHECKING:
    from markdown_it.token import Token


def parse(
    text: str,
    settings: Settings | None = None,
    *,
    chunk_lines: int = 0,
    blocks: BlockCache | None = None,
) -> Document:
    """Parse Markdown ``text`` (already decoded, no BOM) into a :class:`Document`.

    ``settings`` say where entries are (default settings unless given).
    ``chunk_lines``: lines per block parse (see :func:`_block_tokens`), 0 for the
    default; the result does not depend on it. ``blocks``: the chunks of the texts
    parsed before, parsed again only where they changed; nor does the result depend on it.
    """
    lines = Lines(text)
    builder = _Builder(lines, settings or Settings())
    for tokens, env in _block_tokens(lines, chunk_lines or CHUNK_LINES, blocks):
        _refuse_truncated_lists(tokens)
        builder.add(tokens, env)
    return builder.build()


_LISTS = frozenset({"bullet_list_open", "ordered_list_open"})

# Lines per block parse. markdown-it's tokens take about ten times the memory of
# the text they describe; parsed a chunk at a time, only one chunk's are alive.
CHUNK_LINES = 2000


class _Chunk:
    """A chunk's block tokens and markdown-it's ``env``, their lines counted from ``base``."""

    __slots__ = ("base", "env", "tokens")

    def __init__(self, tokens: list[Token], env: dict[str, Any]) -> None:
        self.tokens, self.env, self.base = tokens, env, 0

    def move(self, base: int) -> None:
        """Count the lines from ``base`` instead."""
        by = base - self.base
        if by:
            for token in self.tokens:
                if token.map is not None:
                    token.map = [token.map[0] + by, token.map[1] + by]
            for definition in [
                *self.env.get("references", {}).values(),
                *self.env.get("duplicate_refs", ()),
            ]:
                definition["map"] = [definition["map"][0] + by, definition["map"][1] + by]
            self.base = base

    def left_open(self, length: int) -> bool:
        """Whether a block that could go on past the chunk's ``length`` lines ends with it."""
        return any(
            token.type in VERBATIM_BLOCKS
            and token.map is not None
            and token.map[1] - self.base >= length
            for token in self.tokens
            if token.level == 0
        )


class BlockCache:
    """The chunks of the last text parsed with it, by their text.

    A language server parses each version of a document, and a fix parses its output
    after its input: most chunks are those parsed the time before, and markdown-it's
    block parse is the larger part of a check. A chunk's tokens are used again as they
    are, their line numbers moved (nothing after the parse keeps or changes a token),
    and only once in a parse. Texts past ``most_characters`` are not kept: their tokens
    take about ten times the text's memory.
    """

    def __init__(self, most_characters: int = 8_000_000) -> None:
        self.most_characters = most_characters
        self._last: dict[str, _Chunk] = {}
        self._next: dict[str, _Chunk] = {}
        self._kept = 0

    def start(self) -> None:
        self._next, self._kept = {}, 0

    def take(self, text: str) -> _Chunk | None:
        return self._last.pop(text, None)

    def keep(self, text: str, chunk: _Chunk) -> None:
        if self._kept + len(text) <= self.most_characters and text not in self._next:
            self._next[text] = chunk
            self._kept += len(text)

    def end(self) -> None:
        self._last, self._next = self._next, {}


def _block_tokens(
    lines: Lines, chunk_lines: int, blocks: BlockCache | None = None
) -> Iterator[tuple[list[Token], dict[str, Any]]]:
    """The block tokens of ``lines``, a chunk at a time, maps counted from the first line.

    With each chunk, markdown-it's ``env``: the link reference definitions the
    chunk holds in ``env["references"]`` (normalised label -> ``href``, ``title``
    and ``map``), and the later definitions of a label in ``env["duplicate_refs"]``.

    A chunk ends before a heading that starts a line right after a blank line: there
    every block closes (containers need indentation or ``>`` to go on, paragraphs
    and HTML blocks of kinds 6 and 7 end at the blank line), so parsing on from
    the heading gives the tokens parsing the whole text would, unless a fenced code
    block or an HTML block of kinds 1 to 5 is still open at the end of the chunk.
    Then the rest of the text is parsed in one piece.
    """
    parser = block_parser()

    def chunk(text: str) -> _Chunk:
        found = blocks.take(text) if blocks is not None else None
        if found is None:
            env: dict[str, Any] = {}
            found = _Chunk(parser.parse(text, env), env)
        return found

    if blocks is not None:
        blocks.start()
    start = 0
    while start < len(lines):
        end = _chunk_end(lines, start + chunk_lines)
        text = lines.joined(start, end)
        found = chunk(text)
        if end < len(lines) and found.left_open(end - start):
            end = len(lines)
            text = lines.joined(start, end)
            found = chunk(text)
        found.move(start)
        if blocks is not None:
            blocks.keep(text, found)
        yield found.tokens, found.env
        start = end
    if blocks is not None:
        blocks.end()


def _chunk_end(lines: Lines, at_least: int) -> int:
    for index in range(at_least, len(lines)):
        if is_atx_heading(lines[index]) and is_blank(lines[index - 1]):
            return index
    return len(lines)


def _refuse_truncated_lists(tokens: Sequence[Token]) -> None:
    """Raise :class:`InputError` where markdown-it gave up on nesting inside a list.

    At its nesting limit markdown-it skips to the end of the enclosing range, which
    for a list item is the end of the file: later entries would silently vanish into
    one field. (Block quotes know their extent first, so their truncation stays
    inside them and is harmless.)
    """
    for token in tokens:
        if token.type == "list_item_open" and token.level >= MAX_NESTING - 1:
            line = token.map[0] + 1 if token.map else 0
            raise InputError(
                f"line {line}: a list nested too deeply (about {MAX_NESTING // 2} levels) "
                "for readmelint to tell where it ends; it neither checks nor fixes this file"
            )


def _anchor_links(lines: Lines, inline: Token) -> Iterator[tuple[int, str]]:
    """The ``[text](#anchor)`` links of an inline token: each anchor, on its line."""
    from urllib.parse import unquote  # only a file with in-page links needs it

    assert inline.map is not None
    start, end = inline.map
    for token in parse_inline(inline.content):
        # (markdown-it percent-encodes a destination: #%E7%9B%AE for #目.)
        href = unquote(str(token.attrGet("href") or "")) if token.type == "link_open" else ""
        if href.startswith("#"):
            line = next(
                (i for i in range(start, end) if f"(#{href[1:]}" in lines[i] or href in lines[i]),
                start,
            )
            yield line + 1, href[1:]


class _Builder:
    """Collects what a :class:`Document` needs from each chunk's tokens, then builds it."""

    def __init__(self, lines: Lines, settings: Settings):
        self.lines = lines
        self.settings = settings
        self.marks = WhitespaceMarks(lines)
        self.finders: list[tuple[str, Finder]] = [
            (name, layout.find(lines, settings, self.marks))
            for name, layout in LAYOUTS.items()
            if settings.reads(name)
        ]
        self.top_headings: list[tuple[Heading, int]] = []  # each with its last line
        self.comments: list[Comment] = []
        self.all_headings: list[Heading] = []
        self.toc_lists: list[TocList] = []
        self.anchor_links: list[tuple[int, str]] = []
        self.html_anchors: list[tuple[str, int]] = []
        self.references: dict[str, Any] = {}
        self.definitions: dict[str, list[int]] = {}  # label -> each definition's first line

    def add(self, tokens: list[Token], env: dict[str, Any]) -> None:
        for label, definition in env.get("references", {}).items():
            self.definitions.setdefault(label, []).append(definition["map"][0] + 1)
            if label not in self.references:  # the first definition wins
                self.references[label] = {"href": definition["href"], "title": definition["title"]}
        for duplicate in env.get("duplicate_refs", ()):
            self.definitions.setdefault(duplicate["label"], []).append(duplicate["map"][0] + 1)
        for index, token in enumerate(tokens):
            if token.map is not None:
                self._note_anchors(tokens, index)
            if token.level != 0 or token.map is None:
                continue
            for _, finder in self.finders:
                finder.add(tokens, index)
            if token.type == "heading_open":
                self.top_headings.append((self.all_headings[-1], token.map[1]))
            elif token.type in _LISTS:
                found = read_list(self.lines, tokens, index)
                if found is not None:
                    self.toc_lists.append(found)
            elif token.type == "html_block" and token.content.lstrip().startswith("<!--"):
                self.comments.append(Comment(token.content, Span(token.map[0] + 1, token.map[1])))

    def _note_anchors(self, tokens: list[Token], index: int) -> None:
        """Remember what may give the file an anchor: a heading, an HTML id or name."""
        token = tokens[index]
        assert token.map is not None
        if token.type == "heading_open":
            source = tokens[index + 1].content
            self.all_headings.append(Heading(token.map[0] + 1, int(token.tag[1:]), source))
        elif token.type in ("html_block", "inline") and "<" in token.content:
            found = html_anchors(token.content)
            self.html_anchors.extend((anchor, token.map[0] + 1) for anchor in found)
        if token.type == "inline" and "](#" in token.content:
            self.anchor_links.extend(_anchor_links(self.lines, token))

    def build(self) -> Document:
        partial = Document(
            self.lines,
            (),
            (),
            comments=tuple(self.comments),
            headings=tuple(self.all_headings),
            toc_lists=tuple(self.toc_lists),
        )
        toc = find_toc(partial)  # (it needs only the lists, headings and comments)
        found: dict[str, Found] = {}
        titles: set[int] = set()
        taken: list[tuple[int, int]] = []
        dates = None
        if self.settings.heading_dates:
            from readmelint.heading_dates import HeadingDates  # opt-in: kept off start-up

            top = [heading for heading, _ in self.top_headings]
            dates = HeadingDates(self.lines, top, self.settings.schema, self.settings.heading_dates)
        for name, finder in self.finders:
            sections = [
                heading.line for heading, _ in self.top_headings if heading.line not in titles
            ]
            blocks = sorted([*taken, *([(toc.span.start, toc.span.end)] if toc else [])])
            found[name] = finder.build(Around(sections, blocks, dates))
            titles |= found[name].titles
            own = found[name].blocks
            if toc is not None and any(start <= toc.span.start <= end for start, end in own):
                toc = None  # inside an entry, it moves with it
            taken += own
        entries: list[Entry] = [entry for each in found.values() for entry in each.entries]
        return Document(
            lines=self.lines,
            entries=tuple(sorted(entries, key=lambda e: e.span.start)),
            found=found,
            headings=tuple(self.all_headings),
            html_anchors=tuple(self.html_anchors),
            toc_lists=tuple(self.toc_lists),
            toc=toc,
            anchor_links=tuple(self.anchor_links),
            sections=tuple(
                Section(heading_title(heading.source), heading.level, heading.line, end)
                for heading, end in self.top_headings
                if heading.line not in titles
            ),
            verbatim_lines=self.marks.verbatim.frozen(),
            paragraph_ends=self.marks.paragraph_ends.frozen(),
            open_line_ends=self.marks.open_line_ends.frozen(),
            comments=tuple(self.comments),
            references=self.references,
            redefinitions={
                label: tuple(sorted(lines))
                for label, lines in self.definitions.items()
                if len(lines) > 1
            },
        )
