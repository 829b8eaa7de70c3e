"""The two markdown-it-py parsers readmelint uses, each built once per process, as GitHub reads.

Block structure is parsed for the whole file; inline parsing (two thirds of
markdown-it's cost on long abstracts) runs only on the few short strings where
a decision needs it: a field's label, a heading, a link.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


# markdown-it stops nesting containers at ``maxNesting`` (20 in its CommonMark preset)
# and then skips the rest of the enclosing range: a list ten levels deep swallowed
# every later line of the file into one item. Each level costs one or two Python
# frames, so 100 stays far below the interpreter's recursion limit; deeper lists
# are refused by the parser (see ``readmelint.parse``).
MAX_NESTING = 100

# Blocks whose lines are taken as they are: whitespace inside them is content.
VERBATIM_BLOCKS = frozenset({"fence", "code_block", "html_block"})

# GitHub renders these files as GitHub Flavored Markdown: tables and strikethrough on
# top of CommonMark (not linkify: GitHub's autolinks do not change what a field holds).
GFM_RULES = ["table", "strikethrough"]


@cache
def block_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only a parse needs it: kept off start-up

    parser = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING}).enable(GFM_RULES)
    parser.disable("inline")
    parser.block.ruler.at(
        "html_block", _html_block_as_github, {"alt": ["paragraph", "reference", "blockquote"]}
    )
    parser.block.ruler.at("table", _table_as_github, {"alt": ["paragraph", "reference"]})
    # Asked only whether a line ends a table (tables end at the "blockquote" terminators).
    parser.block.ruler.before(
        "table", "github_table_end", _github_ends_table, {"alt": ["blockquote"]}
    )
    return parser


def _github_ends_table(state: Any, start: int, end: int, silent: bool) -> bool:
    """Whether GitHub (cmark-gfm) ends the table being read at line ``start``, where
    markdown-it-py reads one more row: a lone pipe, or an HTML tag alone on its line
    (``<br>``, ``<img src=...>``), which starts a block of its own there. Never a block
    of its own: only the table rule asks, as it asks its terminators."""
    if not silent or state.parentType != "table":
        return False
    from markdown_it.rules_block.html_block import HTML_SEQUENCES

    line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
    tag_alone = HTML_SEQUENCES[-1][0]  # CommonMark's seventh kind of HTML block
    return line.strip(" \t") == "|" or tag_alone.search(line) is not None


def _html_block_as_github(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it-py's HTML block, as GitHub starts one: not at ``<!`` and a lower-case
    letter (a declaration since CommonMark 0.30, text in cmark-gfm's 0.29), which
    markdown-it-py ran to the next ``>``, entries and tables inside it unread; and at an
    HTML tag alone on a line that no list item or block quote above takes in (cmark-gfm
    starts its seventh kind there; markdown-it-py read a lazy line of the paragraph)."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES, html_block

    at = state.bMarks[start] + state.tShift[start]
    if state.src.startswith("<!", at) and "a" <= state.src[at + 2 : at + 3] <= "z":
        return False
    lazy = state.parentType == "blockquote" or (
        state.parentType == "paragraph" and state.sCount[start] < state.blkIndent
    )
    if silent and lazy and HTML_SEQUENCES[-1][0].search(state.src[at : state.eMarks[start]]):
        return True
    return bool(html_block(state, start, end, silent))


# The start of a block GitHub reads before a table's header: a heading, a list item, a
# block quote, a fence.
_BLOCK_START = re.compile(
    r"(?:#{1,6}(?:[ \t]|$)|[-+*](?:[ \t]|$)|[0-9]{1,9}[.)](?:[ \t]|$)|>|`{3,}|~{3,})"
)


def _table_as_github(state: Any, start: int, end: int, silent: bool) -> bool:
    """markdown-it-py's table, but not where GitHub (cmark-gfm) reads the header line as
    another block (``# a | b``, ``- a | b``, ``<div> | b``): its table rule came first."""
    from markdown_it.rules_block.html_block import HTML_SEQUENCES
    from markdown_it.rules_block.table import table

    # The table rule's own first tests (a delimiter row starts with one of these, and not
    # with a list item's "- "), made first: this rule is asked at nearly every line.
    if start + 2 > end:
        return False
    delimiter_at = state.bMarks[start + 1] + state.tShift[start + 1]
    opening = state.src[delimiter_at : delimiter_at + 2]
    if opening[:1] not in ("|", "-", ":") or opening in ("- ", "-\t"):
        return False
    if state.sCount[start] - state.blkIndent < 4:
        line = state.src[state.bMarks[start] + state.tShift[start] : state.eMarks[start]]
        lower_declaration = line.startswith("<!") and "a" <= line[2:3] <= "z"
        if _BLOCK_START.match(line) or (
            not lower_declaration
            and any(opening.search(line) for opening, _, _ in HTML_SEQUENCES[:-1])
        ):
            return False
    return bool(table(state, start, end, silent))


@cache
def _inline_parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # (see block_parser)

    return MarkdownIt("commonmark").enable(GFM_RULES)


def parse_inline(text: str, references: Mapping[str, Any] | None = None) -> list[Token]:
    """The inline tokens of ``text`` (the children of its one inline token).

    ``references``: the document's link reference definitions (see
    :attr:`readmelint.model.Document.references`), so that ``[text][label]`` is a link.
    """
    env = {"references": references} if references else None
    tokens = _inline_parser().parseInline(text, env)
    if not tokens or tokens[0].children is None:
        return []
    return tokens[0].children


def item_content(line: str, marker: str) -> int:
    """The column (0-based) where a list item's content starts on its first ``line``.

    ``marker`` as written: ``-``, ``*``, ``12.``, ``3)``. CommonMark: after an empty
    marker line, or before indented code (five or more spaces), the content starts
    one column after the marker.
    """
    marker_at = len(line) - len(line.lstrip(" "))
    after_marker = marker_at + len(marker)
    rest = line[after_marker:]
    spaces = len(rest) - len(rest.lstrip(" "))
    return after_marker + (1 if not rest.strip(" \t") or spaces > 4 else spaces)


# Characters that can start inline markup (or change text: entities, NUL, breaks).
_MARKUP = frozenset("\\`*_[]!<&\x00\r\n")


def plain_text(text: str) -> str:
    """What ``text`` shows as plain text: markup dropped, code kept."""
    if _MARKUP.isdisjoint(text):
        return text.strip()  # nothing to parse: most headings, parsed once each per run
    parts: list[str] = []
    for token in parse_inline(text):
        if token.type in ("text", "code_inline"):
            parts.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif token.type == "image":
            parts.append(token.content)
    return "".join(parts).strip()


def heading_title(source: str) -> str:
    """A heading's text from its inline source: ``""`` for one of only ``*`` and ``_``
    (``#### ****`` is an empty bold heading in a template, not four asterisks)."""
    text = plain_text(source) if source.strip() else ""
    return "" if not text.strip("*_ ") else text


_ATX_HEADING = re.compile(r"#{1,6}(?:[ \t\r\n]|$)")


def is_atx_heading(line: str) -> bool:
    """Whether ``line``, unindented, is a ``#`` heading (``#tag`` is not: it needs a space)."""
    return _ATX_HEADING.match(line) is not None


def link_urls(text: str, references: Mapping[str, Any] | None = None) -> list[str]:
    """The destinations of the links and images in ``text``, in order."""
    urls: list[str] = []
    for token in parse_inline(text, references):
        if token.type == "link_open":
            urls.append(str(token.attrGet("href") or ""))
        elif token.type == "image":
            urls.append(str(token.attrGet("src") or ""))
    return urls


def has_text_outside_empty_links(text: str) -> bool:
    """Whether ``text`` says anything besides ``[placeholder]()`` links.

    Template stubs are full of ``[Note]()``: a link with no destination is as
    empty as no value at all.
    """
    depth = 0  # inside how many empty links
    for token in parse_inline(text):
        if token.type == "link_open":
            if token.attrGet("href"):
                return True
            depth += 1
        elif token.type == "link_close":
            depth -= 1
        elif depth == 0 and _says_something(token):
            return True
    return False


def _says_something(token: Token) -> bool:
    if token.type in ("softbreak", "hardbreak"):
        return False
    return token.type != "text" or bool(token.content.strip())
