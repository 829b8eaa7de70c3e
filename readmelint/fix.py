"""Render entries in canonical form and splice them into the original lines.

Only entries change. A *run* is a group of entries with nothing but blank
lines between them (entries in one section always form one run, since an
entry's tail reaches to the next heading); the run's lines are replaced by its
entries in canonical form and order, one blank line apart. Every other line is
copied as it was, terminator included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from readmelint.config import Settings, Sort
from readmelint.errors import SafetyError
from readmelint.model import Document, Entry, Field, Layout
from readmelint.parse import is_blank, parse
from readmelint.schema import Schema
from readmelint.source import newline_of, strip_newline


@dataclass(frozen=True, slots=True)
class ListStyle:
    indent: int
    marker: str


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
    rendered: dict[int, list[str]]  # entry heading line -> canonical lines, no terminators
    styles: dict[int, ListStyle]  # entry heading line -> list style it is rendered with

    def text(self) -> str:
        return "".join(self._chunks())

    def _chunks(self) -> Iterator[str]:
        lines = self.document.lines
        position = 1
        for run in self.runs:
            yield from lines[position - 1 : run.start - 1]
            newline = newline_of(lines[run.start - 1]) or _dominant_newline(lines)
            body: list[str] = []
            for index, entry in enumerate(run.ordered):
                if index:
                    body.append("")
                body.extend(self.rendered[entry.line])
            yield newline.join(body) + newline_of(lines[run.end - 1])
            position = run.end + 1
        yield from lines[position - 1 :]


def canonical_label(field: Field, schema: Schema) -> str:
    spec = schema.spec(field.key)
    return f"**{spec.title if spec else field.label}:**"


def document_list_style(document: Document) -> ListStyle:
    """The indentation and marker most entries use (the first seen wins a tie)."""
    counts = Counter(
        (entry.list_indent, entry.list_marker)
        for entry in document.entries
        if entry.layout is Layout.BULLETS
    )
    if not counts:
        return ListStyle(0, "-")
    (indent, marker), _ = counts.most_common(1)[0]
    return ListStyle(indent, marker)


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


def plan(document: Document, settings: Settings) -> Plan:
    style = document_list_style(document)
    rendered: dict[int, list[str]] = {}
    styles: dict[int, ListStyle] = {}
    for entry in document.entries:
        entry_style = style if _can_restyle(document, entry, style) else _own_style(entry)
        styles[entry.line] = entry_style
        rendered[entry.line] = render_entry(document, entry, settings.schema, entry_style)
    runs = tuple(Run(tuple(run), order_entries(run, settings)) for run in runs_of(document))
    return Plan(document, runs, rendered, styles)


def _own_style(entry: Entry) -> ListStyle:
    return ListStyle(entry.list_indent, entry.list_marker)


def _can_restyle(document: Document, entry: Entry, style: ListStyle) -> bool:
    """Whether the entry's items can move to ``style`` without changing what they hold.

    Continuation lines are shifted with their item; a tab in their indentation
    makes the shift ambiguous, so such entries keep their own style.
    """
    if entry.layout is not Layout.BULLETS:
        return True
    for field in entry.fields:
        for line_no in range(field.span.start, field.span.end + 1):
            line = strip_newline(document.lines[line_no - 1])
            if "\t" in line[: len(line) - len(line.lstrip())]:
                return style == _own_style(entry)
    return True


def clean_trailing(document: Document, line_no: int, text: str) -> str:
    """``text`` (line ``line_no``) without trailing whitespace that renders nothing."""
    if line_no in document.verbatim_lines:
        return text
    stripped = text.rstrip(" \t")
    if not stripped or line_no in document.paragraph_ends:
        return stripped
    trailing = text[len(stripped) :]
    return text if trailing.endswith("  ") and "\t" not in trailing else stripped


def render_entry(document: Document, entry: Entry, schema: Schema, style: ListStyle) -> list[str]:
    lines = document.lines
    out = [strip_newline(lines[i - 1]) for i in range(entry.span.start, entry.line)]
    out.append(strip_newline(lines[entry.line - 1]).rstrip(" \t"))
    fields = field_order(entry, schema)
    if entry.layout is Layout.BULLETS:
        for field in fields:
            out.extend(_render_item(document, field, schema, style))
        block_end = entry.fields[-1].span.end if entry.fields else entry.line
    else:
        out.extend(_render_lines(document, fields, schema))
        block_end = max(f.span.end for f in entry.fields)
    out.extend(strip_newline(lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1))
    return out


def _first_line(field: Field, schema: Schema, document: Document, prefix: str) -> str:
    line = strip_newline(document.lines[field.span.start - 1])
    content = line[field.column - 1 :]
    if field.label is None:
        return clean_trailing(document, field.span.start, prefix + content)
    rest = content[len(field.label_source) :]
    words = rest.strip(" \t")
    # Trailing spaces after an empty label may be a hard break before a continuation line.
    trailing = rest[len(rest.rstrip(" \t")) :]
    head = prefix + canonical_label(field, schema) + (" " + words if words else "")
    return clean_trailing(document, field.span.start, head + trailing)


def _render_item(document: Document, field: Field, schema: Schema, style: ListStyle) -> list[str]:
    prefix = " " * style.indent + style.marker + " "
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
    """The canonical form of ``text``, verified by :func:`verify` before it is returned."""
    document = parse(text, settings.entry_levels)
    fixed = renderer(document, settings)
    if fixed != text:
        verify(document, fixed, settings)
    return fixed


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
            if line_no == field.span.start:
                raw = raw[field.column - 1 + len(field.label_source) :]
            verbatim = line_no in document.verbatim_lines
            text = raw if verbatim else raw.strip()
            hard_break = line_no not in document.paragraph_ends and (
                raw.endswith("  ") or raw.endswith("\\")
            )
            if text or verbatim:
                lines.append((text, verbatim, hard_break and not verbatim))
        fields.append((field.key, field.label is None, tuple(lines)))
    block_end = max((f.span.end for f in entry.fields), default=entry.line)
    tail = tuple(
        strip_newline(document.lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1)
    )
    tail = tuple(line for line in tail if line.strip()) and tail
    preamble = tuple(
        strip_newline(document.lines[i - 1]) for i in range(entry.span.start, entry.line)
    )
    heading = entry.heading_source.strip()
    return (entry.section, preamble, heading, tuple(sorted(fields, key=repr)), tail)


def _outside_lines(document: Document) -> list[str]:
    covered: set[int] = set()
    for run in runs_of(document):
        covered.update(range(run[0].span.start, run[-1].span.end + 1))
    return [strip_newline(line) for n, line in enumerate(document.lines, 1) if n not in covered]


def verify(before: Document, fixed: str, settings: Settings) -> None:
    """Re-parse ``fixed`` and require it to hold exactly what ``before`` held.

    Raises :class:`SafetyError` (and so nothing is written) when an entry lost
    or changed a field, a value, its tail, or moved across sections, or when a
    line outside the entries changed.
    """
    after = parse(fixed, settings.entry_levels)
    if [(s.title, s.level) for s in before.sections] != [
        (s.title, s.level) for s in after.sections
    ]:
        raise SafetyError("internal error: fix changed the document's section headings")
    expected = Counter(_entry_signature(before, entry) for entry in before.entries)
    found = Counter(_entry_signature(after, entry) for entry in after.entries)
    if expected != found:
        missing = expected - found
        for entry in before.entries:
            if _entry_signature(before, entry) in missing:
                name = entry.heading or "(empty heading)"
                raise SafetyError(
                    f"internal error: fix would change the content of entry {name!r} "
                    f"(line {entry.line}); nothing was written. Please report this with the file."
                )
        raise SafetyError("internal error: fix would add an entry; nothing was written")
    if _outside_lines(before) != _outside_lines(after):
        for old, new in zip(_outside_lines(before), _outside_lines(after), strict=False):
            if old != new:
                raise SafetyError(
                    f"internal error: fix would change the line {old[:60]!r} outside the "
                    "entries; nothing was written. Please report this with the file."
                )
        raise SafetyError("internal error: fix would add or remove lines outside the entries")
    final_newline = bool(before.lines) and newline_of(before.lines[-1]) != ""
    if bool(after.lines) and (newline_of(after.lines[-1]) != "") != final_newline:
        raise SafetyError("internal error: fix would change the file's final newline")
