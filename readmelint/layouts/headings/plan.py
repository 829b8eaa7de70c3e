"""The canonical form of a document, as both check and fix read it.

Each run's entries in their new order, each entry rendered in the first style
that keeps what its lines mean. check reads which entries change and how;
fix joins the lines (see :mod:`readmelint.output`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from readmelint.canonical.labels import FILE_STYLE, LabelStyles, document_label_style
from readmelint.canonical.order import order_entries
from readmelint.layouts import Reparse
from readmelint.layouts.headings.find import BULLETS, headed
from readmelint.layouts.headings.kept import leaves_as_is, reads_by_position
from readmelint.layouts.headings.lead import lead_lines
from readmelint.layouts.headings.render import render_entry
from readmelint.layouts.headings.runs import (
    PLACEHOLDER_FIELD,
    first_text,
    following,
    holds_a_redefinition,
    runs_of,
    stays_last,
)
from readmelint.layouts.headings.signature import entry_signature
from readmelint.layouts.headings.style import (
    ListStyle,
    can_restyle,
    document_blank_after_heading,
    document_list_style,
    is_plain,
    items_keep_their_lines,
    own_style,
)
from readmelint.model import Document, Entry
from readmelint.output import Block, compact, resolved
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import strip_newline


@dataclass(frozen=True)
class Run:
    """Entries with only blank lines between them, and their new order."""

    entries: tuple[Entry, ...]
    ordered: tuple[Entry, ...]

    @property
    def start(self) -> int:
        return self.entries[0].span.start

    @property
    def end(self) -> int:
        return self.entries[-1].span.end

    def gaps(self) -> tuple[int | None, ...]:
        """The first blank line (0-based) between each two entries, or None where none is."""
        pairs = zip(self.entries, self.entries[1:], strict=False)
        return tuple(a.span.end if b.span.start > a.span.end + 1 else None for a, b in pairs)


@dataclass(frozen=True)
class Plan:
    """What ``fix`` will write: the canonical lines of each entry, in run order."""

    document: Document
    runs: tuple[Run, ...]
    # Entry heading line -> canonical lines, no terminators, each that is one of the
    # entry's input lines as its index (see :func:`compact`). Without ``all_lines``
    # (see :func:`plan`), only up to the heading for an entry that was settled.
    rendered: dict[int, Sequence[str | int]]
    styles: dict[int, ListStyle]  # entry heading line -> list style it is rendered with
    changed: frozenset[int]  # heading lines of the entries fix rewrites
    all_lines: bool = True
    labels: LabelStyles = FILE_STYLE  # how labels are written (see document_label_style)
    # A blank line between each heading and its fields (see document_blank_after_heading).
    blank_after_heading: bool = False

    def blocks(self) -> Iterator[Block]:
        """What fix writes: each run's entries in their new order, one blank line apart."""
        if not self.all_lines:
            raise ValueError("this plan keeps only what check needs; plan again with all_lines")
        for run in self.runs:
            parts = tuple(self.rendered[e.line] for e in run.ordered)
            yield Block(run.start, run.end, parts, run.gaps())

    def entry_lines(self, heading_line: int) -> list[str]:
        """The lines (no terminators) fix writes for the entry with this heading line."""
        return resolved(self.document.lines, self.rendered[heading_line])

    def probe(
        self, entries: frozenset[int], after: dict[int, list[str]]
    ) -> tuple[str, dict[int, int]]:
        """The given entries (by heading line), each with what follows it in :meth:`text`.

        That is, up to the next heading: the next entry's heading (given a field, so
        that it stays an entry) or, for a run's last entry, ``after``. Parsing this
        tells about those entries what parsing the whole output would, at a
        fraction of the cost. Returns the text and where each entry's heading is.
        """
        lines: list[str] = []
        where: dict[int, int] = {}
        for run in self.runs:
            for index, entry in enumerate(run.ordered):
                if entry.line not in entries:
                    continue
                if lines:
                    lines.append("")
                where[entry.line] = len(lines) + 1 + entry.line - entry.span.start
                lines.extend(resolved(self.document.lines, self.rendered[entry.line]))
                if index + 1 < len(run.ordered):
                    following_entry = run.ordered[index + 1]
                    upto_heading = following_entry.line - following_entry.span.start + 1
                    heading = resolved(
                        self.document.lines, self.rendered[following_entry.line][:upto_heading]
                    )
                    lines.extend(["", *heading, PLACEHOLDER_FIELD])
                else:
                    lines.extend(after.get(entry.line, []))
        return "\n".join([*lines, ""]), where


def plan(document: Document, settings: Settings, reparse: Reparse, all_lines: bool = True) -> Plan:
    """What fix writes: each entry in the first style that keeps what its lines mean.

    Most entries settle by rule (see :func:`_first_rendering`). The rest are checked
    together: they are parsed once, each followed by what follows it in the output
    (see :meth:`Plan.probe`), and each compared with what it held. Only an entry that
    fails there is tried again on its own, style after style (:func:`_render_safely`).
    ``all_lines=False``: keep only the styles and which entries change, all that
    check needs (the lines of a long list's entries take as much memory as the file).
    """
    style = document_list_style(document, settings.schema)
    labels = document_label_style(document, settings)
    blank = document_blank_after_heading(document, settings)
    runs = []
    # Heading line of a run's new last entry -> the lines after the run, up to the
    # first that is not blank: what that entry will be followed by.
    after: dict[int, list[str]] = {}
    entry_headings = {entry.line for entry in headed(document)}
    sections = [section.line for section in document.sections]
    heading_ends = {section.line: section.end for section in document.sections}
    headings = sorted([*entry_headings, *sections])
    for run in runs_of(document):
        after_run = following(document, run[-1], headings, entry_headings, heading_ends)
        if holds_a_redefinition(document, run[0].span.start, run[-1].span.end):
            ordered = tuple(run)
        elif stays_last(document, run, after_run, sections):
            ordered = (*order_entries(run[:-1], settings), run[-1])
        else:
            ordered = order_entries(run, settings)
        runs.append(Run(tuple(run), ordered))
        after[ordered[-1].line] = after_run
    rendered: dict[int, Sequence[str | int]] = {}
    styles: dict[int, ListStyle] = {}
    changed: set[int] = set()
    pending: list[Entry] = []
    for entry in headed(document):
        original = _original(document, entry)
        chosen, lines, settled = _first_rendering(
            document, entry, settings, style, labels, blank, original, after.get(entry.line, [])
        )
        styles[entry.line] = chosen
        if lines != original:
            changed.add(entry.line)
        rendered[entry.line] = compact(lines, original, entry.span.start - 1)
        if settled and not all_lines:
            rendered[entry.line] = rendered[entry.line][: entry.line - entry.span.start + 1]
        if not settled:
            pending.append(entry)
    draft = Plan(
        document, tuple(runs), rendered, styles, frozenset(changed), all_lines, labels, blank
    )
    if not pending:
        return draft
    text, moved = draft.probe(frozenset(entry.line for entry in pending), after)
    output = reparse(text)
    found = {entry.line: entry for entry in headed(output)}
    failed = [
        entry
        for entry in pending
        if (new := found.get(moved[entry.line])) is None
        or entry_signature(output, new)[1:] != entry_signature(document, entry)[1:]
    ]
    if not failed:
        return draft
    for entry in failed:
        original = _original(document, entry)
        styles[entry.line], lines = _render_safely(
            document,
            entry,
            settings,
            reparse,
            style,
            labels,
            blank,
            original,
            after.get(entry.line, []),
        )
        rendered[entry.line] = compact(lines, original, entry.span.start - 1)
        (changed.add if lines != original else changed.discard)(entry.line)
    return Plan(
        document, tuple(runs), rendered, styles, frozenset(changed), all_lines, labels, blank
    )


def _candidates(
    document: Document, entry: Entry, schema: Schema, style: ListStyle
) -> Iterator[ListStyle]:
    """The styles to try, in order, that the rules of :func:`can_restyle` allow.

    The file's style, the entry's own, its items where they are, and at last its
    fields in their order too: the only one for an entry holding two definitions of
    one link label.
    """
    own = own_style(document, entry, schema)
    candidates: tuple[ListStyle, ...] = (
        style,
        own,
        replace(own, keep_items=True),
        replace(own, keep_items=True, keep_order=True),
    )
    if holds_a_redefinition(document, entry.span.start, entry.span.end) or reads_by_position(entry):
        candidates = candidates[-1:]
    for candidate in candidates:
        if can_restyle(document, entry, candidate, schema):
            yield candidate


def _first_rendering(
    document: Document,
    entry: Entry,
    settings: Settings,
    style: ListStyle,
    labels: LabelStyles,
    blank: bool,
    original: list[str],
    after: list[str],
) -> tuple[ListStyle, list[str], bool]:
    """The entry in the first style the rules allow, and whether that settles it.

    It does for an entry left as it was, and, when not followed by lines it could
    take in, for a plain list of fields (see :func:`is_plain`) and for one whose items only
    move (see :func:`items_keep_their_lines`). An entry with a tail, unlabelled
    items, or continuation lines that move sideways is not settled: such lines can
    change meaning in ways no short rule foresees (a tail joining the item that now
    comes last, an empty item read as a lazy line ...), so :func:`plan` parses it
    again. So is an entry that ends its run when what follows the run (``after``)
    is indented or not apart: its last item could take that in. ``original``: the
    entry's lines.
    """
    chosen = (
        None
        if leaves_as_is(document, entry)
        else next(_candidates(document, entry, settings.schema, style), None)
    )
    if chosen is None:
        return _kept(document, entry, settings.schema, style), _as_is(original), True
    lines = render_entry(document, entry, settings.schema, chosen, labels, blank)
    # The lines of one paragraph (LINES) are parsed together: moved, a code span
    # or emphasis opened on one line can close on another, so they are parsed again.
    settled = lines == original or (
        _apart(after)
        and entry.form is BULLETS
        and not lead_lines(document, entry)
        and (is_plain(entry) or items_keep_their_lines(document, entry, chosen))
    )
    return chosen, lines, settled


def _render_safely(
    document: Document,
    entry: Entry,
    settings: Settings,
    reparse: Reparse,
    style: ListStyle,
    labels: LabelStyles,
    blank: bool,
    original: list[str],
    after: list[str],
) -> tuple[ListStyle, list[str]]:
    """The entry in the first style that keeps its meaning parsed on its own (then ``after``)."""
    for candidate in _candidates(document, entry, settings.schema, style):
        lines = render_entry(document, entry, settings.schema, candidate, labels, blank)
        if lines == original or _keeps_meaning(document, entry, lines, reparse, after):
            return candidate, lines
    return _kept(document, entry, settings.schema, style), _as_is(original)


def _original(document: Document, entry: Entry) -> list[str]:
    return [strip_newline(line) for line in document.lines[entry.span.start - 1 : entry.span.end]]


def _kept(document: Document, entry: Entry, schema: Schema, style: ListStyle) -> ListStyle:
    """The style of an entry no other style can hold: all of it as it is."""
    own = own_style(document, entry, schema)
    return replace(own, keep_items=True, keep_order=True, as_is=True)


def _as_is(original: list[str]) -> list[str]:
    return [original[0].lstrip(" \t"), *original[1:]]


def _apart(after: list[str]) -> bool:
    """Whether what follows an entry (``after``) starts apart from it and unindented.

    Else the entry's last item could take it in: as a lazy line, or as a block
    indented into the item.
    """
    adjacent = bool(after) and bool(after[0].strip())
    return not (adjacent or first_text(after)[:1].isspace())


def _keeps_meaning(
    document: Document, entry: Entry, lines: list[str], reparse: Reparse, after: list[str]
) -> bool:
    """Whether ``lines`` (then ``after``), parsed on their own, hold just what ``entry`` holds."""
    alone = reparse("\n".join([*lines, *after, ""]))
    found = headed(alone)
    return bool(found) and (
        entry_signature(alone, found[0])[1:] == entry_signature(document, entry)[1:]
    )
