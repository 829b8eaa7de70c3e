"""Runs of headed entries: where they may move, and what follows a run.

A *run* is a group of entries with nothing but blank lines between them (entries
in one section always form one run, since an entry's tail reaches to the next
heading). Entries move only within their run.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping

from readmelint.layouts.headings.find import headed
from readmelint.markdown import block_parser, is_atx_heading
from readmelint.model import Document, Entry
from readmelint.source import is_blank, strip_newline

# Keeps a heading an entry's when the lines after it are parsed without its own fields.
PLACEHOLDER_FIELD = "- **Paper:** x"


def runs_of(document: Document) -> list[list[Entry]]:
    runs: list[list[Entry]] = []
    previous: Entry | None = None
    for entry in headed(document):
        adjacent = (
            previous is not None
            and previous.section == entry.section
            and all(
                is_blank(document.lines[i - 1])
                for i in range(previous.span.end + 1, entry.span.start)
            )
        )
        if adjacent:
            runs[-1].append(entry)
        else:
            runs.append([entry])
        previous = entry
    return runs


def following(
    document: Document,
    entry: Entry,
    headings: list[int],
    entry_headings: set[int],
    heading_ends: Mapping[int, int],
) -> list[str]:
    """The lines after ``entry`` up to and with the next heading: what follows its run.

    Only blank lines, and the comments above the next entry's heading, come between.
    ``headings``: the first line of every heading, in order; ``heading_ends``: a
    section heading's first line -> its last (without a setext heading's underline,
    its text reads as a paragraph that the entry's tail would run into). An entry's
    heading (one of ``entry_headings``) gets a field, so that parsed again it is an
    entry still and the comments above it its own.
    """
    later = bisect_right(headings, entry.span.end)
    end = headings[later] if later < len(headings) else len(document.lines)
    last = heading_ends.get(end, end)
    lines = [strip_newline(line) for line in document.lines[entry.span.end : last]]
    if end in entry_headings:
        lines.append(PLACEHOLDER_FIELD)
    return lines


def stays_last(
    document: Document, run: list[Entry], following: list[str], sections: list[int]
) -> bool:
    """Whether the run's last entry must stay last when the run is sorted.

    So it must when its tail holds a deeper heading (which starts the next
    section: entries moved after it would end up under that heading), or when an
    entry put last in its place could take in what follows the run: a block never
    closed at the end of the file, an indented line (a list item takes it in, blank
    line or not, if it is indented as deep as the item's content), or, with no
    blank line between, HTML right above a heading, or a paragraph going on into
    the text of a ``---``-underlined heading. ``sections``: the lines of the
    section headings, in order.
    """
    last = run[-1]
    if bisect_right(sections, last.span.end) > bisect_right(sections, last.line):
        return True
    if last is headed(document)[-1] and tail_swallows(document, last, gap=True):
        return True
    if first_text(following)[:1].isspace():
        return True
    if following and following[0].strip():  # no blank line after the run
        if not is_atx_heading(following[0]):
            return True
        return any(tail_swallows(document, entry, gap=False) for entry in run[:-1])
    return False


def holds_a_redefinition(document: Document, start: int, end: int) -> bool:
    """Whether lines ``start`` to ``end`` hold two definitions of one link label.

    The first definition wins: moving what lies between those lines (entries in a
    run, fields in an entry) could swap them.
    """
    return any(
        sum(start <= line <= end for line in lines) > 1 for lines in document.redefinitions.values()
    )


def tail_swallows(document: Document, entry: Entry, gap: bool) -> bool:
    """Whether a heading after the entry's tail (``gap``: after a blank line) would be lost.

    True for a fence or HTML block left open, or HTML right above the heading.
    """
    block_end = max((f.span.end for f in entry.fields), default=entry.line)
    tail = [strip_newline(line) for line in document.lines[block_end : entry.span.end]]
    if not any(line.strip() for line in tail):
        return False
    tail += [""] if gap else []
    tokens = block_parser().parse("\n".join([*tail, "# probe", ""]))
    probe = len(tail)  # 0-based line of the heading
    return not any(t.type == "heading_open" and t.map and t.map[0] == probe for t in tokens)


def first_text(lines: list[str]) -> str:
    """The first line of ``lines`` that is not blank, or ``""``."""
    return next((line for line in lines if line.strip()), "")
