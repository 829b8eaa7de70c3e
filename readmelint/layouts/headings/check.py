"""What check reports of headed entries: how each differs from its canonical form.

Each diagnostic compares an entry (or a run of entries) with what the headings
plan says it becomes (see :mod:`readmelint.layouts.headings.plan`).
"""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.canonical.order import field_order
from readmelint.layouts.headings.plan import Plan
from readmelint.layouts.headings.render import canonical_label, clean_trailing
from readmelint.model import Diagnostic, Document, Entry, Layout
from readmelint.rules.base import Context
from readmelint.rules.fields import name_of
from readmelint.rules.style import RL101, RL102, RL103, RL104, RL105, RL106, RL107
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import strip_newline


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, canonical = context.path, context.document, context.canonical.of(Plan)
    for entry in document.headed:
        if canonical.styles[entry.line].as_is:
            if entry.line in canonical.changed:  # fix only unindents its heading
                yield _not_canonical(path, entry)
            continue
        yield from _style_diagnostics(path, document, entry, canonical, context.settings.schema)
    yield from _run_diagnostics(path, document, canonical, context.settings)


def _style_diagnostics(
    path: str, document: Document, entry: Entry, canonical: Plan, schema: Schema
) -> Iterator[Diagnostic]:
    found: list[Diagnostic] = []
    for field in entry.fields:
        if field.label is None:
            continue
        wanted = canonical_label(field, schema, canonical.labels)
        if field.label_source != wanted:
            found.append(
                RL102.at(
                    path,
                    field.span.start,
                    field.column,
                    f"write the label {field.label_source} as {wanted}",
                )
            )
    # Where any other order would change what the lines mean, fix keeps the order.
    keeps_order = canonical.styles[entry.line].keep_order
    ordered = list(entry.fields) if keeps_order else field_order(entry, schema)
    for actual, expected in zip(entry.fields, ordered, strict=True):
        if actual is not expected:
            found.append(
                RL101.at(
                    path,
                    actual.span.start,
                    actual.column,
                    f'field "{expected.label or "(unlabelled)"}" should come before '
                    f'"{actual.label or "(unlabelled)"}" (schema order)',
                )
            )
            break
    style = canonical.styles[entry.line]
    if entry.layout is Layout.BULLETS and (entry.list_indent, entry.list_marker) != (
        style.indent,
        style.marker,
    ):
        found.append(
            RL106.at(
                path,
                entry.fields[0].span.start,
                1,
                f'list items start "{" " * entry.list_indent}{entry.list_marker} "; '
                f'this file mostly uses "{" " * style.indent}{style.marker} "',
            )
        )
    found.extend(_whitespace_diagnostics(path, document, entry))
    if not found and entry.line in canonical.changed:
        found.append(_not_canonical(path, entry))
    yield from found


def _not_canonical(path: str, entry: Entry) -> Diagnostic:
    return RL107.at(
        path, entry.line, 1, "entry is not in canonical form; `readmelint fix --diff` shows how"
    )


def _whitespace_diagnostics(path: str, document: Document, entry: Entry) -> Iterator[Diagnostic]:
    heading = strip_newline(document.lines[entry.line - 1])
    if heading != heading.rstrip(" \t"):
        yield trailing_whitespace(path, entry.line, heading.rstrip(" \t"))
    covered = {n for f in entry.fields for n in range(f.span.start, f.span.end + 1)}
    block_end = max(covered, default=entry.line)
    blank_reported = False
    for line_no in range(entry.line + 1, block_end + 1):
        line = strip_newline(document.lines[line_no - 1])
        if line_no not in covered:
            if not blank_reported:
                blank_reported = True
                yield RL103.at(
                    path,
                    line_no,
                    1,
                    "blank line inside an entry; an entry's heading and fields go "
                    "without blank lines between them",
                )
            continue
        cleaned = clean_trailing(document, line_no, line)
        if cleaned != line:
            yield trailing_whitespace(path, line_no, cleaned)


def trailing_whitespace(path: str, line: int, kept: str) -> Diagnostic:
    return RL105.at(path, line, len(kept) + 1, "trailing whitespace (not a hard line break)")


def _run_diagnostics(
    path: str, document: Document, canonical: Plan, settings: Settings
) -> Iterator[Diagnostic]:
    sort = settings.resolved_sort()
    for run in canonical.runs:
        for before, after in zip(run.entries, run.entries[1:], strict=False):
            gap = after.span.start - before.span.end - 1
            between = before.span.end + 1
            if gap == 1 and strip_newline(document.lines[between - 1]):
                # A blank line of spaces: fix empties it.
                yield trailing_whitespace(path, between, "")
            if gap != 1:
                line = between if gap else after.span.start
                yield RL103.at(path, line, 1, f"{gap} blank lines between entries; use exactly one")
        for actual, expected in zip(run.entries, run.ordered, strict=True):
            if actual is not expected and sort is not None:
                spec = settings.schema.spec(sort.key)
                title = spec.title if spec else sort.key
                direction = "newest first" if sort.descending else "oldest first"
                yield RL104.at(
                    path,
                    expected.line,
                    1,
                    f"entry {name_of(expected)} should come before {name_of(actual)} "
                    f"(line {actual.line}): entries are sorted by {title}, {direction}",
                )
                break
