"""fix's second judge: what GitHub shows must not change, but for the moves fix makes.

The first judge (:mod:`readmelint.verify`) parses fix's output again with
markdown-it-py, the parser fix itself reads with, so it cannot see where GitHub
reads the same text otherwise (a line after a table that GitHub does not take as
a row, a list GitHub renders loose). This one renders input and output with
cmark-gfm, GitHub's own parser with its extensions, and requires the same HTML
block by block: cmark-gfm writes each block, list item, table row and cell on
lines of their own, so the input's rendered lines and the output's must be the
same multiset (fix reorders entries, fields, items, rows and columns), once what
fix may change is set aside: a label's form (``**Note**:``, ``**Note:**``,
``Note:``), whitespace that renders nothing, and the hard break between fields
that moves with them. A list's looseness (a ``<p>`` in each item) does not count:
fix moves the blank lines that decide it (see :func:`_in_items`).
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from readmelint.errors import RenderingChanged
from readmelint.gfm import render
from readmelint.labels import normalise
from readmelint.model import Document

_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):\d+-\d+:\d+"')
_SPACES = re.compile(r"\s+")
# The tags of blocks that open a line or close it: each counts on its own, so that a
# paragraph's opening tag stays one when the line it is on moves.
_OPENING = re.compile(
    r"^<(?:ul|ol|li|p|blockquote|table|thead|tbody|tr|td|th|h[1-6]|pre|code)\b[^<>]*>"
)
_CLOSING = re.compile(r"</(?:ul|ol|li|p|blockquote|table|thead|tbody|tr|td|th|h[1-6]|pre|code)>$")
# A label at the start of a line's text: bold with the colon inside or after it, or plain.
_LABEL = re.compile(
    r"^(?:<strong>(?P<bold>[^<>]+?)\s?[:：]?</strong>\s?[:：]?|(?P<plain>[^<>:：]+)[:：])"
)
_BREAK = re.compile(r"\s*<br />$")
_WIDTH = 300  # characters of each rendering a message shows


@dataclass(frozen=True, slots=True)
class _Line:
    """One rendered line, set to what fix may not change, and where its block starts."""

    key: str
    html: str
    source_line: int


def _changed_lines(
    sources: list[int] | None,
    tagged: list[tuple[str, bool]],
    changed: Counter[tuple[str, bool]],
) -> list[_Line]:
    """The lines of ``tagged`` (see :func:`_tagged`) that ``changed`` counts, cut into
    keys: block tags each alone, then the text between.

    ``sources``: each line's source line (see :func:`_rendered_lines`), or None (all 1).
    """
    left = Counter(changed)
    lines: list[_Line] = []
    for index, line in enumerate(tagged):
        if not left[line]:
            continue
        left[line] -= 1
        source_line = sources[index] if sources is not None else 1
        html_line, in_item = line
        lines.extend(_Line(key, html_line, source_line) for key in _keys(html_line, in_item))
    return lines


def _tagged(plain: list[str], paragraphs: bool) -> list[tuple[str, bool]]:
    """Each rendered line, and whether it is a paragraph's tag inside a list item, where
    :func:`_keys` drops the tag: alike lines are set aside by both, so that of two alike
    ``<p>x</p>``, one in an item and one not, the right one is set aside.

    ``paragraphs``: whether a line that differs holds a paragraph's tag (else none counts).
    """
    if not paragraphs:
        return [(line, False) for line in plain]
    inside = _in_items(plain)
    return [
        (line, inside[index] and ("<p>" in line or "</p>" in line))
        for index, line in enumerate(plain)
    ]


def _in_items(plain: list[str]) -> list[bool]:
    """For each rendered line, whether it is inside a list item.

    A list item's paragraphs have ``<p>`` in a loose list and none in a tight one, and
    which lists are loose follows the blank lines between fields and entries that fix
    moves: this judge does not count those tags (a known blind spot, see the README).
    """
    inside, depth = [], 0
    for line in plain:
        opened = line.count("<li>") + line.count("<li ")
        inside.append(depth + opened > 0)
        depth = max(0, depth + opened - line.count("</li>"))
    return inside


def _keys(html_line: str, in_item: bool) -> list[str]:
    """``in_item``: the line is inside a list item, where ``<p>`` and ``</p>`` do not
    count (see :func:`_in_items`)."""
    rest = _BREAK.sub("", _SPACES.sub(" ", html_line).strip())
    keys = []
    while opening := _OPENING.match(rest):
        if not (in_item and opening[0] == "<p>"):
            keys.append(opening[0])
        rest = rest[opening.end() :].lstrip()
    closings = []
    while closing := _CLOSING.search(rest):
        if not (in_item and closing[0] == "</p>"):
            closings.append(closing[0])
        rest = _BREAK.sub("", rest[: closing.start()].rstrip())
    if rest:
        label = _LABEL.match(rest)
        if label:
            text = label["bold"] if label["bold"] is not None else label["plain"]
            # As HTML: ``Submission&amp;Date`` is the label fix spells ``Submission Date``.
            rest = f"[label {normalise(html.unescape(text))}] {rest[label.end() :].lstrip()}"
        keys.append(rest)
    keys.extend(reversed(closings))
    return keys


def unjudged(document: Document) -> tuple[int, int] | None:
    """The lines of ``document`` whose rendering fix may change: its contents, which fix
    writes afresh."""
    return (document.toc.span.start, document.toc.span.end) if document.toc else None


def differs(before: str, after: str) -> bool:
    """Whether GitHub may show ``after`` otherwise than ``before``, up to fix's moves: the
    cheap first look (no source positions, nothing skipped), which :func:`judge` settles."""
    return _differences(before, after, (None, None), False) is not None


def judge(before: str, after: str, skipped: tuple[int, int] | None, output: Document) -> None:
    """Raise :class:`RenderingChanged` unless GitHub shows ``after`` as it shows ``before``, up
    to fix's moves and the contents (``skipped``: :func:`unjudged` of ``before``);
    ``output``: ``after`` parsed, to name the entry that differs. Called once
    :func:`differs` says yes."""
    _refuse_if_differs(
        before, after, (skipped, unjudged(output)), lambda line: _entry_at(output, line)
    )


def _entry_at(document: Document, line: int) -> str | None:
    for entry in document.entries:
        if entry.span.start <= line <= entry.span.end:
            return f"entry {entry.heading!r}" if entry.heading else f"the entry at line {line}"
    return None


def compare(
    before: str,
    after: str,
    skipped: tuple[tuple[int, int] | None, tuple[int, int] | None] = (None, None),
    name_of: Callable[[int], str | None] = lambda line: None,
) -> None:
    """:func:`differs`, then :func:`judge`, naming the entry at an output line (1-based) by
    ``name_of``.

    Rendered lines alike on both sides are set aside first, as they are: only what is
    left (the lines of what fix rewrote, some hundreds in a long list) is cut into keys.
    """
    if differs(before, after):
        _refuse_if_differs(before, after, skipped, name_of)


def _refuse_if_differs(
    before: str,
    after: str,
    skipped: tuple[tuple[int, int] | None, tuple[int, int] | None],
    name_of: Callable[[int], str | None],
) -> None:
    # Rendered again with source positions: to skip the contents and to name what differs.
    found = _differences(before, after, skipped, True)
    if found is None:
        return
    old, new, old_keys, new_keys = found
    lost = old_keys - new_keys
    gained = new_keys - old_keys
    # The fullest rendered line that differs says most (a bare <tr> says little).
    was = max((line for line in old if line.key in lost), key=_fullness, default=None)
    now = max((line for line in new if line.key in gained), key=_fullness, default=None)
    where = []
    if now is not None:
        name = name_of(now.source_line)
        where.append(f"{name + ', ' if name else ''}line {now.source_line} of the output")
    if was is not None:
        where.append(f"line {was.source_line} of the input")
    raise RenderingChanged(
        f"internal error: fix would change what GitHub shows ({'; '.join(where)}); nothing "
        f"was written. GitHub shows before: {_shown(was)}; after: {_shown(now)}. Please "
        "report this with the file."
    )


def _rendered_lines(
    text: str, positions: bool, skipped: tuple[int, int] | None
) -> tuple[list[str], list[int] | None]:
    """``text`` rendered, line by line, without source positions; and if ``positions``,
    the first source line of the block each line belongs to, the lines of blocks that
    start in ``skipped`` (first, last source line) left out: they count on neither side.
    """
    html = render(text, positions)
    if not positions:
        return html.split("\n"), None
    lines: list[str] = []
    sources: list[int] = []
    source = 1
    for line in html.split("\n"):
        found = _SOURCEPOS.search(line)
        if found:
            source = int(found[1])
        if skipped is None or not skipped[0] <= source <= skipped[1]:
            lines.append(_SOURCEPOS.sub("", line) if found else line)
            sources.append(source)
    return lines, sources


def _differences(
    before: str,
    after: str,
    skipped: tuple[tuple[int, int] | None, tuple[int, int] | None],
    positions: bool,
) -> tuple[list[_Line], list[_Line], Counter[str], Counter[str]] | None:
    """The rendered lines of each side that differ and their keys, or None if the keys
    are the same (``positions``: render with source positions, else every line is 1)."""
    old_plain, old_sources = _rendered_lines(before, positions, skipped[0])
    old_count = Counter(old_plain)
    new_plain, new_sources = _rendered_lines(after, positions, skipped[1])
    new_count = Counter(new_plain)
    if old_count == new_count:
        return None
    old_changed, new_changed = old_count - new_count, new_count - old_count
    del old_count, new_count
    paragraphs = any("<p>" in line or "</p>" in line for line in old_changed + new_changed)
    old_tagged, new_tagged = _tagged(old_plain, paragraphs), _tagged(new_plain, paragraphs)
    if paragraphs:  # the lines alike but for being in an item or not, set aside again
        old_tags, new_tags = Counter(old_tagged), Counter(new_tagged)
        old_tags, new_tags = old_tags - new_tags, new_tags - old_tags
    else:
        old_tags = Counter({(line, False): n for line, n in old_changed.items()})
        new_tags = Counter({(line, False): n for line, n in new_changed.items()})
    old = _changed_lines(old_sources, old_tagged, old_tags)
    new = _changed_lines(new_sources, new_tagged, new_tags)
    old_keys, new_keys = Counter(line.key for line in old), Counter(line.key for line in new)
    return None if old_keys == new_keys else (old, new, old_keys, new_keys)


def _fullness(line: _Line) -> tuple[int, int]:
    return len(line.html.strip()), -line.source_line


def _shown(line: _Line | None) -> str:
    if line is None:
        return "(nothing)"
    text = line.html.strip()
    return repr(text if len(text) <= _WIDTH else text[: _WIDTH - 3] + "...")
