"""A table of contents that stays true: found, compared with the headings, regenerated.

The table of contents is the list between ``<!-- toc -->`` and ``<!-- tocstop -->``
(or ``<!-- /toc -->``), else the list right under a heading named Contents, Table
of Contents, TOC or 目录, else the first list of the file whose every item is one
link to an anchor of the file (at least three).

Its regeneration keeps what the list shows it wants:

- the heading levels it covers: those of the headings its links reach (so a notes
  list whose contents skip the entries' level keeps skipping them);
- the span it covers: from the first heading it links to, through the section of
  the last one (up to the next heading of its rank or higher), and as many
  headings further as it has entries after that one pointing nowhere (the last
  heading renamed); a heading of a covered level inside that span is listed, one
  outside it (the contents' own heading before it, a License section after it)
  is left out;
- its marker, its first item's indentation and the indentation per level;
- what other lists of in-page links list (a contents split in two lists): those
  headings stay out of it;
- each entry's text, where the entry still reaches its heading; a new entry takes
  the heading's text (its plain text, if the heading holds a link or an image).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readmelint.anchors import Slugger, heading_text
from readmelint.markdown import item_content, parse_inline, plain_text
from readmelint.model import Document, Heading, Span, TocItem, TocList
from readmelint.output import Block, compact
from readmelint.source import Lines, strip_newline

if TYPE_CHECKING:
    from markdown_it.token import Token

_NAMES = frozenset({"contents", "table of contents", "toc", "目录", "content", "index"})
_OPEN = re.compile(r"<!--\s*toc\s*-->", re.IGNORECASE)
_CLOSE = re.compile(r"<!--\s*(?:tocstop|/toc)\s*-->", re.IGNORECASE)


@dataclass(frozen=True)
class TocPlan:
    """The table of contents (if any) and what it should be."""

    toc: TocList | None
    lines: Sequence[str | int]  # its new lines (see readmelint.output.compact)
    wanted: tuple[tuple[int, str, str, str], ...]  # (depth, text, rest, anchor) of each entry
    headings: dict[str, Heading]  # anchor -> heading, for messages

    def blocks(self) -> Iterator[Block]:
        if self.toc is not None:
            yield Block(self.toc.span.start, self.toc.span.end, (self.lines,))

    @property
    def changed(self) -> bool:
        if self.toc is None:
            return False
        first = self.toc.span.start - 1
        return list(self.lines) != list(range(first, self.toc.span.end))


def find(document: Document) -> TocList | None:
    """The table of contents among ``document.toc_lists``, by the rules of the docstring."""
    lists = document.toc_lists
    if not lists:
        return None
    marked, found = _marked(document, lists)
    if marked:
        return found
    return lists[0] if len(lists[0].items) >= UNMARKED_MINIMUM else None


# Without a marker or a contents heading, a list of in-page links is the contents
# from this many items on.
UNMARKED_MINIMUM = 3


def _marked(document: Document, lists: Sequence[TocList]) -> tuple[bool, TocList | None]:
    """Whether a marker comment or a contents heading says where the contents are, and
    the list it points to (None: the heading has no list right under it)."""
    for comment in document.comments:
        if _OPEN.search(comment.text):
            after = [c.span.start for c in document.comments if _CLOSE.search(c.text)]
            end = min((line for line in after if line > comment.span.end), default=None)
            for candidate in lists:
                if candidate.span.start > comment.span.end and (
                    end is None or candidate.span.end < end
                ):
                    return True, candidate
    for heading in document.headings:
        if _name(heading.source) in _NAMES:
            for candidate in lists:
                if candidate.span.start > heading.line:
                    return True, candidate if _right_under(document, heading, candidate) else None
    return False, None


def _name(source: str) -> str:
    text = plain_text(source)
    return " ".join("".join(c for c in text if c.isalnum() or c.isspace()).split()).casefold()


def _right_under(document: Document, heading: Heading, candidate: TocList) -> bool:
    """Only blank lines, comments or a short line of prose between the heading and the list."""
    between = [
        strip_newline(document.lines[i]).strip()
        for i in range(heading.line, candidate.span.start - 1)
    ]
    return sum(bool(line) for line in between) <= 2


def plan(document: Document) -> TocPlan:
    toc = document.toc
    if toc is None:
        return TocPlan(None, (), (), {})
    slugs = _slugs(document)
    by_anchor = {anchor: heading for heading, anchor in slugs}
    reached = [by_anchor[item.anchor] for item in toc.items if item.anchor in by_anchor]
    if not reached:
        return TocPlan(None, (), (), by_anchor)  # a list of links to other files' anchors
    levels = _levels(toc, by_anchor)
    first_line = min(heading.line for heading in reached)
    last = max(reached, key=lambda heading: heading.line)
    later = [h for h in document.headings if h.line > last.line]
    # Through the section of the last heading it reaches; and a heading renamed after
    # that one is matched by the entry its old name left pointing nowhere.
    last_line = next((h.line - 1 for h in later if h.level <= last.level), len(document.lines))
    resolves = [item.anchor in by_anchor for item in toc.items]
    dangling = len(resolves) - (max(i for i, ok in enumerate(resolves) if ok) + 1)
    renamed = [h for h in later if h.line > last_line and h.level in levels][:dangling]
    last_line = max([last_line, *(h.line for h in renamed)])
    kept = {item.anchor: (item.text, item.rest) for item in toc.items}
    # A contents list split in two (a second list under "More") lists those itself.
    elsewhere = {i.anchor for other in document.toc_lists if other != toc for i in other.items}
    wanted = tuple(
        (levels.index(heading.level), *kept.get(anchor, (_text(heading.source), "")), anchor)
        for heading, anchor in slugs
        if heading.level in levels
        and first_line <= heading.line <= last_line
        and (anchor in kept or anchor not in elsewhere)
    )
    base, unit = _indentation(toc)
    new = [
        f"{' ' * (base + depth * unit)}{toc.items[0].marker} [{text}](#{anchor}){rest}"
        for depth, text, rest, anchor in wanted
    ]
    if len(new) < UNMARKED_MINIMUM and not _marked(document, document.toc_lists)[0]:
        # Written anew it would be no contents list at all, and nothing says it is one.
        return TocPlan(None, (), (), by_anchor)
    original = [strip_newline(document.lines[i]) for i in range(toc.span.start - 1, toc.span.end)]
    return TocPlan(toc, compact(new, original, toc.span.start - 1), wanted, by_anchor)


def _slugs(document: Document) -> list[tuple[Heading, str]]:
    slugger = Slugger()
    return [(heading, slugger.slug(heading_text(heading.source))) for heading in document.headings]


def _indentation(toc: TocList) -> tuple[int, int]:
    """The first level's indentation, and how much each level adds (two if none shows)."""
    base = min(item.indent for item in toc.items)
    deeper = sorted({item.indent - base for item in toc.items} - {0})
    return base, deeper[0] if deeper else 2


def _levels(toc: TocList, by_anchor: dict[str, Heading]) -> list[int]:
    """The heading level of each depth of the list: as its entries that reach a heading
    show; a depth none of whose entries does is one level below the depth above it."""
    base, unit = _indentation(toc)
    found: dict[int, int] = {}
    for item in toc.items:
        depth = (item.indent - base) // unit
        if item.anchor in by_anchor:
            found.setdefault(depth, by_anchor[item.anchor].level)
    deepest = max((item.indent - base) // unit for item in toc.items)
    levels: list[int] = []
    for depth in range(deepest + 1):
        level = found.get(depth, (levels[-1] + 1) if levels else min(found.values()))
        levels.append(max(level, levels[-1] + 1) if levels else level)
    return levels


def _text(source: str) -> str:
    """A heading's text for a link: as written, or as it shows if it holds links or images;
    escaped where, as written, it would not make one link (``B]`` ends the link early)."""
    text = plain_text(source) if "](" in source or "<" in source else source.strip()
    if _one_link(f"[{text}](#x)"):
        return text
    return _ESCAPE.sub(r"\\\g<0>", plain_text(source))


# Every ASCII punctuation character may be escaped; these could open or close markup.
_ESCAPE = re.compile(r"[\\`*_\[\]<>!&~|]")


def _one_link(line: str) -> bool:
    tokens = parse_inline(line)
    return (
        bool(tokens)
        and tokens[0].type == "link_open"
        and tokens[-1].type == "link_close"
        and sum(token.type == "link_open" for token in tokens) == 1
    )


def read_list(lines: Lines, tokens: Sequence[Token], index: int) -> TocList | None:
    """The list opening at ``tokens[index]``, if every item is a line starting with a link
    to an anchor of the file (a candidate table of contents)."""
    opening = tokens[index]
    close = opening.type.replace("_open", "_close")
    items: list[TocItem] = []
    position = index + 1
    while not (tokens[position].type == close and tokens[position].level == opening.level):
        token = tokens[position]
        position += 1
        if token.type != "list_item_open" or token.map is None:
            continue
        if token.map[1] - token.map[0] > 1 and any(
            lines[i].strip() and not _starts_item(lines[i])
            for i in range(token.map[0] + 1, token.map[1])
        ):
            return None  # an item that goes on past its line: not a plain contents list
        line = strip_newline(lines[token.map[0]])
        marker = (
            f"{token.info}{token.markup}" if opening.type.startswith("ordered") else token.markup
        )
        content = line[item_content(line, marker) :]
        found = _leading_anchor_link(content, parse_inline)
        if found is None:
            return None
        text, anchor, rest = found
        indent = len(line) - len(line.lstrip(" "))
        items.append(TocItem(token.map[0] + 1, indent, marker, text, anchor, rest))
    if not items or opening.map is None:
        return None
    return TocList(Span(opening.map[0] + 1, items[-1].line), tuple(items))


def _starts_item(line: str) -> bool:
    stripped = line.lstrip(" ")
    return stripped[:2] in ("- ", "* ", "+ ") or bool(re.match(r"\d{1,9}[.)] ", stripped))


def _leading_anchor_link(
    content: str, parse_inline: Callable[[str], list[Token]]
) -> tuple[str, str, str] | None:
    """The text, anchor and what follows of a link to ``#anchor`` that ``content`` opens with."""
    if not content.startswith("[") or "](#" not in content:
        return None
    tokens = parse_inline(content)
    if not tokens or tokens[0].type != "link_open":
        return None
    href = str(tokens[0].attrGet("href") or "")
    if not href.startswith("#"):
        return None
    label_end = content.index("](#")
    close = content.find(")", label_end)
    if close < 0:
        return None
    # The anchor as written: markdown-it's href is percent-encoded (#%E7%9B%AE for #目).
    return content[1:label_end], content[label_end + 3 : close], content[close + 1 :].rstrip()
