"""Render entries in canonical form and splice them into the original lines.

Only entries change. A *run* is a group of entries with nothing but blank
lines between them (entries in one section always form one run, since an
entry's tail reaches to the next heading); the run's lines are replaced by its
entries in canonical form and order, one blank line apart. Every other line is
copied as it was, terminator included.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import dropwhile, zip_longest
from typing import Any

from readmelint.config import Settings, Sort
from readmelint.errors import SafetyError
from readmelint.markdown import block_parser, has_text_outside_empty_links
from readmelint.model import Document, Entry, Field, Layout, Region
from readmelint.parse import is_atx_heading, is_blank, parse
from readmelint.schema import Schema
from readmelint.source import Lines, ends_in_loose_whitespace, newline_of, strip_newline

# Keeps a heading an entry's when the lines after it are parsed without its own fields.
_PLACEHOLDER_FIELD = "- **Paper:** x"


@dataclass(frozen=True, slots=True)
class ListStyle:
    """How an entry's items are written: indentation and marker, or as they are.

    ``keep_items``: every item keeps its own indentation and marker spacing (moving
    one would change what a line means). ``keep_order`` as well: fields keep their
    order (for the rare entry whose lines mean something else in any other order).
    ``indent`` and ``marker`` are then those of the item fix puts first.
    """

    indent: int
    marker: str
    keep_items: bool = False
    keep_order: bool = False

    @property
    def width(self) -> int:
        """The column (0-based) where an item's content starts."""
        return self.indent + len(self.marker) + 1


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


@dataclass(frozen=True)
class Plan:
    """What ``fix`` will write: the canonical lines of each entry, in run order."""

    document: Document
    runs: tuple[Run, ...]
    # Entry heading line -> canonical lines, no terminators, each that is one of the
    # entry's input lines as its index (see :func:`_compact`). Without ``all_lines``
    # (see :func:`plan`), only up to the heading for an entry that was settled.
    rendered: dict[int, Sequence[str | int]]
    styles: dict[int, ListStyle]  # entry heading line -> list style it is rendered with
    changed: frozenset[int]  # heading lines of the entries fix rewrites
    all_lines: bool = True

    def output(self) -> Output:
        """What fix writes, holding none of the document but its lines."""
        if not self.all_lines:
            raise ValueError("this plan keeps only what check needs; plan again with all_lines")
        runs = tuple((run.start, run.end, tuple(e.line for e in run.ordered)) for run in self.runs)
        return Output(self.document.lines, runs, self.rendered)

    def text(self) -> str:
        return self.output().text()

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
                lines.extend(_resolved(self.document.lines, self.rendered[entry.line]))
                if index + 1 < len(run.ordered):
                    following = run.ordered[index + 1]
                    heading = _resolved(
                        self.document.lines,
                        self.rendered[following.line][: following.line - following.span.start + 1],
                    )
                    lines.extend(["", *heading, _PLACEHOLDER_FIELD])
                else:
                    lines.extend(after.get(entry.line, []))
        return "\n".join([*lines, ""]), where


@dataclass(frozen=True)
class Output:
    """What fix writes: the input's lines, each run's entries rendered in their new order.

    It holds no :class:`Document`, so that fix can let the input's parse go before it
    joins the output (a long list's parse takes more memory than its text).
    """

    lines: Lines
    # Each run's first and last line (1-based), and its entries' heading lines in order.
    runs: tuple[tuple[int, int, tuple[int, ...]], ...]
    rendered: dict[int, Sequence[str | int]]  # entry heading line -> its lines (as Plan's)

    def entry_lines(self, heading_line: int) -> list[str]:
        """The lines (no terminators) fix writes for the entry with this heading line."""
        return _resolved(self.lines, self.rendered[heading_line])

    def text(self) -> str:
        # One join over lines and terminators: a string per run, joined at the end,
        # would be one more copy of the file in memory.
        return "".join(self._pieces())

    def regions(self) -> tuple[Region, ...]:
        """Where :meth:`text` differs from the input: the runs whose lines change."""
        found: list[Region] = []
        shift = 0  # output line minus input line, for lines outside the runs
        for run in self.runs:
            start, end, ordered = run
            length = sum(len(self.rendered[line]) + 1 for line in ordered) - 1
            new_start = start - 1 + shift
            same = length == end - start + 1 and all(
                line + newline == self.lines[index]
                for index, (line, newline) in enumerate(self._run_lines(run), start - 1)
            )
            if not same:
                found.append(Region(start - 1, end, new_start, new_start + length))
            shift = new_start + length - end
        return tuple(found)

    def _pieces(self) -> Iterator[str]:
        position = 1
        for run in self.runs:
            yield self.lines.joined(position - 1, run[0] - 1)
            for line, newline in self._run_lines(run):
                yield line
                yield newline
            position = run[1] + 1
        yield self.lines.joined(position - 1, len(self.lines))

    def _run_lines(self, run: tuple[int, int, tuple[int, ...]]) -> Iterator[tuple[str, str]]:
        """A run's lines and their terminators: its entries, one blank line apart."""
        start, end, ordered = run
        lines = self.lines
        newline = newline_of(lines[start - 1]) or _dominant_newline(lines)
        body: list[str] = []
        for index, heading_line in enumerate(ordered):
            if index:
                body.append("")
            body.extend(self.entry_lines(heading_line))
        for line in body[:-1]:
            yield line, newline
        yield body[-1], newline_of(lines[end - 1])


def canonical_label(field: Field, schema: Schema) -> str:
    spec = schema.spec(field.key)
    if _kept_as_written(field, schema):
        return field.label_source
    return f"**{spec.title if spec else field.label}:**"


def _kept_as_written(field: Field, schema: Schema) -> bool:
    """An unknown label holding ``*``: rewritten, its bold could end early or not at all.

    (``__a ** b:__`` in ``**``; and whether ``**a:*b:**`` is bold depends even on the
    character after it, so the rest of its line stays as it is too.)
    """
    return schema.spec(field.key) is None and "*" in (field.label or "")


def document_list_style(document: Document, schema: Schema) -> ListStyle:
    """The indentation and marker most entries use.

    Each entry counts with its own style (see :func:`own_style`), which fix keeps or
    replaces by this one, so a second run counts the same winner. A tie goes to the
    smaller indentation, then to ``-``, ``*``, ``+``: not to the first entry seen,
    since fix reorders entries.
    """
    counts = Counter(
        own_style(document, entry, schema)
        for entry in document.entries
        if entry.layout is Layout.BULLETS
    )
    if not counts:
        return ListStyle(0, "-")
    return max(counts, key=lambda s: (counts[s], -s.indent, -"-*+".find(s.marker)))


def field_order(entry: Entry, schema: Schema) -> list[Field]:
    """Known fields in schema order (duplicates together), then the rest as they were."""
    order = schema.order
    known = [f for f in entry.fields if f.key in order]
    known.sort(key=lambda f: order[f.key or ""])
    return known + [f for f in entry.fields if f.key not in order]


def sort_key(entry: Entry, sort: Sort, schema: Schema) -> tuple[int, int, int] | None:
    spec = schema.spec(sort.key)
    field = entry.field(sort.key)
    if spec is None or spec.date_format is None or field is None:
        return None
    return spec.date_format.parse(field.value)


def order_entries(entries: Sequence[Entry], settings: Settings) -> tuple[Entry, ...]:
    """Dated entries by date (stable), then undated ones in their order."""
    sort = settings.resolved_sort()
    if sort is None:
        return tuple(entries)
    keyed = [(sort_key(entry, sort, settings.schema), entry) for entry in entries]
    dated = [(key, entry) for key, entry in keyed if key is not None]
    dated.sort(key=lambda pair: pair[0], reverse=sort.descending)
    return tuple(entry for _, entry in dated) + tuple(e for key, e in keyed if key is None)


def runs_of(document: Document) -> list[list[Entry]]:
    runs: list[list[Entry]] = []
    previous: Entry | None = None
    for entry in document.entries:
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


def _following(
    document: Document, entry: Entry, headings: list[int], entry_headings: set[int]
) -> list[str]:
    """The lines after ``entry`` up to and with the next heading: what follows its run.

    Only blank lines, and the comments above the next entry's heading, come between.
    ``headings``: the line of every heading, in order. An entry's heading (one of
    ``entry_headings``) gets a field, so that parsed again it is an entry still and
    the comments above it its own.
    """
    later = bisect_right(headings, entry.span.end)
    end = headings[later] if later < len(headings) else len(document.lines)
    lines = [strip_newline(line) for line in document.lines[entry.span.end : end]]
    if end in entry_headings:
        lines.append(_PLACEHOLDER_FIELD)
    return lines


def _stays_last(
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
    if last is document.entries[-1] and _tail_swallows(document, last, gap=True):
        return True
    if _first_text(following)[:1].isspace():
        return True
    if following and following[0].strip():  # no blank line after the run
        if not is_atx_heading(following[0]):
            return True
        return any(_tail_swallows(document, entry, gap=False) for entry in run[:-1])
    return False


def _holds_a_redefinition(document: Document, start: int, end: int) -> bool:
    """Whether lines ``start`` to ``end`` hold two definitions of one link label.

    The first definition wins: moving what lies between those lines (entries in a
    run, fields in an entry) could swap them.
    """
    return any(
        sum(start <= line <= end for line in lines) > 1 for lines in document.redefinitions.values()
    )


def _tail_swallows(document: Document, entry: Entry, gap: bool) -> bool:
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


def plan(document: Document, settings: Settings, all_lines: bool = True) -> Plan:
    """What fix writes: each entry in the first style that keeps what its lines mean.

    Most entries settle by rule (see :func:`_first_rendering`). The rest are checked
    together: they are parsed once, each followed by what follows it in the output
    (see :meth:`Plan.probe`), and each compared with what it held. Only an entry that
    fails there is tried again on its own, style after style (:func:`_render_safely`).
    ``all_lines=False``: keep only the styles and which entries change, all that
    check needs (the lines of a long list's entries take as much memory as the file).
    """
    style = document_list_style(document, settings.schema)
    runs = []
    # Heading line of a run's new last entry -> the lines after the run, up to the
    # first that is not blank: what that entry will be followed by.
    after: dict[int, list[str]] = {}
    entry_headings = {entry.line for entry in document.entries}
    sections = [section.line for section in document.sections]
    headings = sorted([*entry_headings, *sections])
    for run in runs_of(document):
        following = _following(document, run[-1], headings, entry_headings)
        if _holds_a_redefinition(document, run[0].span.start, run[-1].span.end):
            ordered = tuple(run)
        elif _stays_last(document, run, following, sections):
            ordered = (*order_entries(run[:-1], settings), run[-1])
        else:
            ordered = order_entries(run, settings)
        runs.append(Run(tuple(run), ordered))
        after[ordered[-1].line] = following
    rendered: dict[int, Sequence[str | int]] = {}
    styles: dict[int, ListStyle] = {}
    changed: set[int] = set()
    pending: list[Entry] = []
    for entry in document.entries:
        original = _original(document, entry)
        chosen, lines, settled = _first_rendering(
            document, entry, settings, style, original, after.get(entry.line, [])
        )
        styles[entry.line] = chosen
        if lines != original:
            changed.add(entry.line)
        rendered[entry.line] = _compact(lines, original, entry.span.start - 1)
        if settled and not all_lines:
            rendered[entry.line] = rendered[entry.line][: entry.line - entry.span.start + 1]
        if not settled:
            pending.append(entry)
    draft = Plan(document, tuple(runs), rendered, styles, frozenset(changed), all_lines)
    if not pending:
        return draft
    text, moved = draft.probe(frozenset(entry.line for entry in pending), after)
    output = parse(text, settings.entry_levels)
    found = {entry.line: entry for entry in output.entries}
    failed = [
        entry
        for entry in pending
        if (new := found.get(moved[entry.line])) is None
        or _entry_signature(output, new)[1:] != _entry_signature(document, entry)[1:]
    ]
    if not failed:
        return draft
    for entry in failed:
        original = _original(document, entry)
        styles[entry.line], lines = _render_safely(
            document, entry, settings, style, original, after.get(entry.line, [])
        )
        rendered[entry.line] = _compact(lines, original, entry.span.start - 1)
        (changed.add if lines != original else changed.discard)(entry.line)
    return Plan(document, tuple(runs), rendered, styles, frozenset(changed), all_lines)


def _compact(lines: list[str], original: list[str], first: int) -> Sequence[str | int]:
    """``lines``, each that is one of the entry's ``original`` lines as that line's index.

    ``first``: the index (0-based) of the entry's first line; an entry left as it
    was is the range of its lines. Most lines of a rewritten entry are only moved
    or kept: held as strings, they were one more copy of a long list's text.
    """
    if lines == original:
        return range(first, first + len(original))
    where = {line: first + index for index, line in enumerate(original)}
    return [where.get(line, line) for line in lines]


def _resolved(lines: Lines, items: Sequence[str | int]) -> list[str]:
    """Lines held by :func:`_compact`, as strings again."""
    return [item if isinstance(item, str) else strip_newline(lines[item]) for item in items]


def _candidates(
    document: Document, entry: Entry, schema: Schema, style: ListStyle
) -> Iterator[ListStyle]:
    """The styles to try, in order, that the rules of :func:`_can_restyle` allow.

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
    if _holds_a_redefinition(document, entry.span.start, entry.span.end):
        candidates = candidates[-1:]
    for candidate in candidates:
        if _can_restyle(document, entry, candidate, schema):
            yield candidate


def _first_rendering(
    document: Document,
    entry: Entry,
    settings: Settings,
    style: ListStyle,
    original: list[str],
    after: list[str],
) -> tuple[ListStyle, list[str], bool]:
    """The entry in the first style the rules allow, and whether that settles it.

    It does for an entry left as it was, and, when not followed by lines it could
    take in, for a plain one (see :func:`_is_plain`) and for one whose items only
    move (see :func:`_items_keep_their_lines`). An entry with a tail, unlabelled
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
    lines = render_entry(document, entry, settings.schema, chosen)
    settled = lines == original or (
        _apart(after) and (_is_plain(entry) or _items_keep_their_lines(document, entry, chosen))
    )
    return chosen, lines, settled


def is_template_stub(entry: Entry) -> bool:
    """An entry with an empty heading and nothing in its fields but ``[placeholder]()`` links.

    check reports it once, for a person to fill in or delete; fix leaves it as it
    is (its heading unindented, as every entry's: see :func:`_as_is`).
    """
    return not entry.heading and not any(
        has_text_outside_empty_links(field.value) for field in entry.fields if field.value
    )


def leaves_as_is(document: Document, entry: Entry) -> bool:
    """Whether fix leaves ``entry`` as it is (but for its place and its heading's indent)."""
    return is_template_stub(entry) or has_markup_over_field_lines(document, entry)


def has_markup_over_field_lines(document: Document, entry: Entry) -> bool:
    """A paragraph of field lines where markup runs over a line end (see ``open_line_ends``).

    Moving such lines or ending them with a hard break would cut a code span or an
    HTML tag in two, so fix leaves the entry as it is and check says why (RL011).
    """
    return entry.layout is Layout.LINES and any(
        field.span.start in document.open_line_ends for field in entry.fields
    )


def _render_safely(
    document: Document,
    entry: Entry,
    settings: Settings,
    style: ListStyle,
    original: list[str],
    after: list[str],
) -> tuple[ListStyle, list[str]]:
    """The entry in the first style that keeps its meaning parsed on its own (then ``after``)."""
    for candidate in _candidates(document, entry, settings.schema, style):
        lines = render_entry(document, entry, settings.schema, candidate)
        if lines == original or _keeps_meaning(document, entry, lines, settings, after):
            return candidate, lines
    return _kept(document, entry, settings.schema, style), _as_is(original)


def _original(document: Document, entry: Entry) -> list[str]:
    return [strip_newline(line) for line in document.lines[entry.span.start - 1 : entry.span.end]]


def _kept(document: Document, entry: Entry, schema: Schema, style: ListStyle) -> ListStyle:
    """The style of an entry no other style can hold: its items and order as they are."""
    return replace(own_style(document, entry, schema), keep_items=True, keep_order=True)


def _as_is(original: list[str]) -> list[str]:
    return [original[0].lstrip(" \t"), *original[1:]]


def _apart(after: list[str]) -> bool:
    """Whether what follows an entry (``after``) starts apart from it and unindented.

    Else the entry's last item could take it in: as a lazy line, or as a block
    indented into the item.
    """
    adjacent = bool(after) and bool(after[0].strip())
    return not (adjacent or _first_text(after)[:1].isspace())


def _first_text(lines: list[str]) -> str:
    """The first line of ``lines`` that is not blank, or ``""``."""
    return next((line for line in lines if line.strip()), "")


def _items_keep_their_lines(document: Document, entry: Entry, style: ListStyle) -> bool:
    """Whether in ``style`` each item only moves: its marker, indentation and lines stay.

    Such an item parses as it did wherever it goes, lazy continuation lines (the
    badge lines under Paper) included: its content is its own lines, and the next
    item, which starts with a label as every item here does, interrupts whatever
    it ends in. Blank lines (which make the list loose or end it) and tabs (whose
    width depends on where they start) are left to the parse.
    """
    if entry.layout is not Layout.BULLETS or not _is_plain_list(entry):
        return False
    for field in entry.fields:
        prefix = strip_newline(document.lines[field.span.start - 1])[: field.column - 1]
        if "\t" in prefix or not (style.keep_items or prefix == _item_prefix(style)):
            return False
        for line in document.lines[field.span.start : field.span.end]:
            if is_blank(line) or "\t" in line[: len(line) - len(line.lstrip(" \t"))]:
                return False
    return True


def _is_plain(entry: Entry) -> bool:
    """One line per field, every field labelled, all at one column, nothing after them."""
    return _is_plain_list(entry) and all(f.span.start == f.span.end for f in entry.fields)


def _is_plain_list(entry: Entry) -> bool:
    """Every field labelled, all at one column, nothing after them."""
    return (
        entry.span.end == max(f.span.end for f in entry.fields)
        and all(f.label is not None for f in entry.fields)
        and len({f.column for f in entry.fields}) == 1
    )


def _keeps_meaning(
    document: Document, entry: Entry, lines: list[str], settings: Settings, after: list[str]
) -> bool:
    """Whether ``lines`` (then ``after``), parsed on their own, hold just what ``entry`` holds."""
    alone = parse("\n".join([*lines, *after, ""]), settings.entry_levels)
    return bool(alone.entries) and (
        _entry_signature(alone, alone.entries[0])[1:] == _entry_signature(document, entry)[1:]
    )


def own_style(document: Document, entry: Entry, schema: Schema) -> ListStyle:
    """The style of the item fix puts first: where the entry's items go if they stay.

    The first item in canonical order, not in the file: after fix it is the first
    in the file too, so a second run finds the same style.
    """
    line = strip_newline(document.lines[field_order(entry, schema)[0].span.start - 1])
    return ListStyle(len(line) - len(line.lstrip(" ")), entry.list_marker)


def _can_restyle(document: Document, entry: Entry, style: ListStyle, schema: Schema) -> bool:
    """Whether the entry's items can move to ``style`` without changing what they hold.

    Continuation lines are shifted with their item. Two kinds cannot be: a tab in
    their indentation makes the shift ambiguous, and a lazy continuation line
    (indented less than its item's content, yet four or more columns, which is what
    keeps it from starting a block) would start a list, a heading or a quote if it
    moved left of column four. And a tail indented as deep as the content of the
    item that comes last would become part of it.
    """
    if entry.layout is not Layout.BULLETS or style.keep_order:
        return True
    tail = _tail_start(document, entry)
    if style.keep_items:
        last = field_order(entry, schema)[-1]
        return tail is None or _indent_width(tail) < last.column - 1
    if tail is not None and (
        _indent_width(tail) >= style.width
        or (_indent_width(tail) < 4 and _starts_item(tail.lstrip(" \t"), style.marker))
    ):
        return False  # the tail would join the list: an item's continuation or a sibling
    for field in entry.fields:
        content = field.column - 1
        first = strip_newline(document.lines[field.span.start - 1])
        if "\t" in first[:content].rstrip("\t") or ("\t" in first[:content] and first[content:]):
            return False  # the item's own prefix holds a tab: only keeping it is exact
        shift = style.width - content
        if shift == 0:
            continue
        for line_no in range(field.span.start + 1, field.span.end + 1):
            line = strip_newline(document.lines[line_no - 1])
            indentation = line[: len(line) - len(line.lstrip(" \t"))]
            if indentation == line:
                continue  # blank
            if "\t" in indentation:
                return False
            if shift < 0 and content > len(indentation) >= 4 > len(indentation) + shift:
                return False
    return True


def _tail_start(document: Document, entry: Entry) -> str | None:
    """The first non-blank line after an entry's list, if any."""
    for line_no in range(entry.fields[-1].span.end + 1, entry.span.end + 1):
        line = strip_newline(document.lines[line_no - 1])
        if line.strip(" \t"):
            return line
    return None


def _indent_width(line: str) -> int:
    """Columns of indentation, tabs to the next multiple of four as CommonMark counts them."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _starts_item(text: str, marker: str) -> bool:
    return text.startswith(marker) and text[len(marker) : len(marker) + 1] in ("", " ", "\t")


def clean_trailing(document: Document, line_no: int, text: str) -> str:
    """``text`` (line ``line_no``) without trailing whitespace that renders nothing."""
    if line_no in document.verbatim_lines or line_no in document.open_line_ends:
        return text
    stripped = text.rstrip(" \t")
    if not stripped or line_no in document.paragraph_ends:
        return stripped
    return stripped if ends_in_loose_whitespace(text) else text


def render_entry(document: Document, entry: Entry, schema: Schema, style: ListStyle) -> list[str]:
    lines = document.lines
    out = [strip_newline(lines[i - 1]) for i in range(entry.span.start, entry.line)]
    out.append(strip_newline(lines[entry.line - 1]).rstrip(" \t"))
    # Indenting a heading (or the comment above it) means nothing, except that after
    # a blank line it may join the list of the entry that now comes before it.
    out[0] = out[0].lstrip(" \t")
    fields = list(entry.fields) if style.keep_order else field_order(entry, schema)
    if entry.layout is Layout.BULLETS:
        for field in fields:
            out.extend(_render_item(document, field, schema, style))
        block_end = entry.fields[-1].span.end if entry.fields else entry.line
    else:
        out.extend(_render_lines(document, fields, schema))
        block_end = max(f.span.end for f in entry.fields)
    tail = [strip_newline(lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1)]
    if (
        entry.layout is Layout.BULLETS
        and tail
        and tail[0].strip()
        and fields[-1] is not entry.fields[-1]
    ):
        # A tail right under the list (after code, say) would continue the paragraph
        # of the item that now comes last: a blank line keeps it apart.
        out.append("")
    out.extend(tail)
    return out


def _first_line(field: Field, schema: Schema, document: Document, prefix: str) -> str:
    line = strip_newline(document.lines[field.span.start - 1])
    content = line[field.column - 1 :]
    if field.label is None or _kept_as_written(field, schema):
        return clean_trailing(document, field.span.start, prefix + content)
    rest = content[len(field.label_source) :]
    words = rest.strip(" \t")
    # Trailing spaces after an empty label may be a hard break before a continuation line.
    trailing = rest[len(rest.rstrip(" \t")) :]
    head = prefix + canonical_label(field, schema) + (" " + words if words else "")
    return clean_trailing(document, field.span.start, head + trailing)


def _render_item(document: Document, field: Field, schema: Schema, style: ListStyle) -> list[str]:
    if style.keep_items:
        prefix = strip_newline(document.lines[field.span.start - 1])[: field.column - 1]
    else:
        prefix = _item_prefix(style)
    out = [_first_line(field, schema, document, prefix)]
    shift = len(prefix) - (field.column - 1)
    for line_no in range(field.span.start + 1, field.span.end + 1):
        line = strip_newline(document.lines[line_no - 1])
        if line.strip():
            if shift > 0:
                line = " " * shift + line
            elif shift < 0:
                leading = len(line) - len(line.lstrip(" "))
                line = line[min(-shift, leading) :]
        out.append(clean_trailing(document, line_no, line))
    return out


def _item_prefix(style: ListStyle) -> str:
    return " " * style.indent + style.marker + " "


def _render_lines(document: Document, fields: list[Field], schema: Schema) -> list[str]:
    """Fields as lines of one paragraph, each field ending in a hard break but the last."""
    out: list[str] = []
    for position, field in enumerate(fields):
        body = [_first_line(field, schema, document, "")]
        body += [
            clean_trailing(document, n, strip_newline(document.lines[n - 1]))
            for n in range(field.span.start + 1, field.span.end + 1)
        ]
        last = body[-1].rstrip(" \t")
        if position < len(fields) - 1:
            keeps_break = body[-1].endswith("  ") or last.endswith("\\")
            body[-1] = body[-1] if keeps_break else last + "  "
        else:
            body[-1] = last
        out.extend(body)
    return out


def _dominant_newline(lines: Sequence[str]) -> str:
    counts = Counter(newline_of(line) for line in lines[:1000])
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else "\n"


Renderer = Callable[[Document, Settings], str]


def render(document: Document, settings: Settings) -> str:
    return plan(document, settings).text()


def fix_text(text: str, settings: Settings, renderer: Renderer = render) -> str:
    """The canonical form of ``text``, verified (see :class:`Expected`) before it is returned."""
    return fix_document(text, settings, renderer).text


@dataclass(frozen=True)
class Fixed:
    """What fix makes of a text: its canonical form, verified, and that form parsed."""

    text: str
    output: Document
    # Where ``text`` differs from the input, or None: anywhere (another renderer's).
    regions: tuple[Region, ...] | None


def fix_document(text: str, settings: Settings, renderer: Renderer = render) -> Fixed:
    """The canonical form of ``text``; raises :class:`SafetyError` if it lost anything.

    The input's parse is let go before the output is joined and parsed: with both
    parses and texts alive, a long list took four times its text's memory.
    """
    document = parse(text, settings.entry_levels)
    if renderer is render:
        output = plan(document, settings).output()
        regions: tuple[Region, ...] | None = output.regions()
        if not regions:
            return Fixed(text, document, ())
        expected = Expected.of(document)
        del document
        fixed = output.text()
        del output
    else:
        fixed, regions = renderer(document, settings), None
        if fixed == text:
            return Fixed(text, document, ())
        expected = Expected.of(document)
        del document
    parsed = parse(fixed, settings.entry_levels)
    expected.verify(parsed)
    return Fixed(fixed, parsed, regions)


def _entry_signature(document: Document, entry: Entry) -> tuple[object, ...]:
    """What an entry holds, blind to what ``fix`` may change.

    Fields are compared by key (label case and colon may change) and by the
    words of each line, with whether the line is code/HTML (where whitespace
    matters) and whether it ends in a hard break; blank lines inside the entry
    and field order do not count.
    """
    fields = []
    for field in entry.fields:
        lines: list[tuple[str, bool, bool]] = []
        for line_no in range(field.span.start, field.span.end + 1):
            raw = strip_newline(document.lines[line_no - 1])
            verbatim = line_no in document.verbatim_lines
            if line_no == field.span.start:
                raw = raw[field.column - 1 + len(field.label_source) :]
            elif verbatim:
                # Code in an item moves with the item: its whitespace counts from the
                # item's content column.
                leading = len(raw) - len(raw.lstrip(" "))
                raw = raw[min(leading, field.column - 1) :]
            if verbatim:
                text = raw
            elif line_no in document.open_line_ends:
                text = raw.lstrip()  # its trailing whitespace may be content
            else:
                text = raw.strip()
            hard_break = line_no not in document.paragraph_ends and (
                raw.endswith("  ") or raw.endswith("\\")
            )
            if entry.layout is Layout.LINES and line_no == field.span.end:
                hard_break = False  # fix ends every field but the last with one
            if text or verbatim:
                lines.append((text, verbatim, hard_break and not verbatim))
        fields.append((field.key, field.label is None, tuple(lines)))
    block_end = max((f.span.end for f in entry.fields), default=entry.line)
    tail = tuple(
        strip_newline(document.lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1)
    )
    tail = tuple(dropwhile(lambda line: not line.strip(), tail))
    # The indentation of the entry's first line means nothing and fix removes it.
    preamble = tuple(
        strip_newline(document.lines[i - 1]).lstrip(" \t")
        if i == entry.span.start
        else strip_newline(document.lines[i - 1])
        for i in range(entry.span.start, entry.line)
    )
    heading = entry.heading_source.strip()
    return (entry.section, preamble, heading, tuple(sorted(fields, key=repr)), tail)


def _fingerprint(document: Document, entry: Entry) -> bytes:
    """The entry's signature digested: 16 bytes to keep for each entry, not its text."""
    from hashlib import blake2b  # only fix needs it: kept off check's start-up

    signature = repr(_entry_signature(document, entry)).encode("utf-8", "surrogatepass")
    return blake2b(signature, digest_size=16).digest()


@dataclass(frozen=True)
class Expected:
    """What fix's output must hold, taken from the input before it is let go.

    Each entry's fingerprint (see :func:`_entry_signature`) and, outside the entries,
    the lines themselves: the input's lines are kept with its text anyway.
    """

    sections: list[tuple[str, int]]
    references: Mapping[str, Any]
    fingerprints: list[bytes]
    names: list[tuple[str, int]]  # each entry's heading and line, to say which one changed
    lines: Lines
    outside: list[tuple[int, int]]  # the line ranges (0-based, end excluded) outside the runs

    @classmethod
    def of(cls, document: Document) -> Expected:
        return cls(
            sections=[(s.title, s.level) for s in document.sections],
            references=document.references,
            fingerprints=[_fingerprint(document, entry) for entry in document.entries],
            names=[(entry.heading, entry.line) for entry in document.entries],
            lines=document.lines,
            outside=_outside_ranges(document),
        )

    def verify(self, after: Document) -> None:
        """Raise :class:`SafetyError` (and so nothing is written) unless ``after`` holds it all.

        That is: no entry lost or changed a field, a value or its tail, or moved
        across sections, and no line outside the entries changed.
        """
        if self.sections != [(s.title, s.level) for s in after.sections]:
            raise SafetyError("internal error: fix changed the document's section headings")
        if self.references != after.references:
            # Of two definitions of one label the first wins: sorting could swap them.
            raise SafetyError(
                "internal error: fix would change where a reference-style link points; "
                "nothing was written"
            )
        missing = Counter(self.fingerprints) - Counter(
            _fingerprint(after, entry) for entry in after.entries
        )
        for (name, line), fingerprint in zip(self.names, self.fingerprints, strict=True):
            if fingerprint in missing:
                raise SafetyError(
                    f"internal error: fix would change the content of entry "
                    f"{name or '(empty heading)'!r} (line {line}); nothing was written. "
                    "Please report this with the file."
                )
        if len(after.entries) != len(self.names):
            raise SafetyError("internal error: fix would add an entry; nothing was written")
        outside_before = _outside_lines(self.lines, self.outside)
        outside_after = _outside_lines(after.lines, _outside_ranges(after))
        for old, new in zip_longest(outside_before, outside_after):
            if old is None or new is None:
                raise SafetyError(
                    "internal error: fix would add or remove lines outside the entries"
                )
            if old != new:
                raise SafetyError(
                    f"internal error: fix would change the line {old[:60]!r} outside the "
                    "entries; nothing was written. Please report this with the file."
                )
        final_newline = bool(self.lines) and newline_of(self.lines[-1]) != ""
        if bool(after.lines) and (newline_of(after.lines[-1]) != "") != final_newline:
            raise SafetyError("internal error: fix would change the file's final newline")


def _outside_ranges(document: Document) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    position = 0
    for run in runs_of(document):
        ranges.append((position, run[0].span.start - 1))
        position = run[-1].span.end
    ranges.append((position, len(document.lines)))
    return ranges


def _outside_lines(lines: Lines, ranges: list[tuple[int, int]]) -> Iterator[str]:
    for start, end in ranges:
        for index in range(start, end):
            yield strip_newline(lines[index])
