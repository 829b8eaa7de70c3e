"""How entries are written: what fix changes (RL101-RL107), read from the canonical form.

check reports every change fix would make, and only those: each diagnostic here
compares an entry (or a run of entries) with what the canonical plan says it
becomes (see :mod:`readmelint.layouts.headings.plan`).
"""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.canonical.order import field_order
from readmelint.layouts.headings.plan import Plan
from readmelint.layouts.headings.render import canonical_label, clean_trailing
from readmelint.model import Diagnostic, Document, Entry, Layout
from readmelint.rules.base import Context, Rule
from readmelint.rules.fields import GOOD, GOOD_FIELDS, name_of
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import strip_newline

RL101 = Rule(
    "RL101",
    "field-order",
    "Fields are not in the schema's order.",
    "`fix` puts known fields in the order of the schema's properties, unknown ones after "
    "them in their original order.",
    "### AnyGPT\n" + "\n".join(reversed(GOOD_FIELDS.splitlines())) + "\n",
    GOOD,
    fixable=True,
    failing_line=2,
)
RL102 = Rule(
    "RL102",
    "label-form",
    "A label is not written `**Label:**` with the schema's spelling.",
    "Catches `**Personal note**:`, `**Personal Note:**`, `**Tags** :` and full-width colons.",
    GOOD.replace("**Personal note:**", "**Personal Note**:"),
    GOOD,
    fixable=True,
    failing_line=8,
)
RL103 = Rule(
    "RL103",
    "blank-lines",
    "Not exactly one blank line between entries, or blank lines inside an entry's list.",
    "`fix` leaves one blank line between entries and none between a heading, its fields "
    "and the fields themselves; blank lines inside a multi-paragraph value are kept.",
    GOOD + "\n\n\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    GOOD + "\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    fixable=True,
    failing_line=9,
)
RL104 = Rule(
    "RL104",
    "entry-order",
    "Entries in a section are not sorted by date, newest first.",
    "Entries without a valid date go after the dated ones, in their original order. "
    "Configure with `sort` (a field and a direction, or `false`).",
    GOOD + "\n" + GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer"),
    GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer") + "\n" + GOOD,
    fixable=True,
    failing_line=10,
)
RL105 = Rule(
    "RL105",
    "trailing-whitespace",
    "Trailing whitespace that renders nothing.",
    "Two trailing spaces before a line that continues the same paragraph are a hard "
    "break and are kept; elsewhere trailing whitespace is noise.",
    GOOD.replace("arXiv\n", "arXiv   \n"),
    GOOD,
    fixable=True,
    failing_line=3,
)
RL106 = Rule(
    "RL106",
    "list-style",
    "An entry's list uses another indentation or marker than most entries of the file.",
    "`fix` uses the indentation and marker most entries use; continuation lines move "
    "with their item.",
    GOOD + "\n" + GOOD.replace("- **", "* **").replace("AnyGPT", "Other"),
    GOOD + "\n" + GOOD.replace("AnyGPT", "Other"),
    fixable=True,
    failing_line=11,
)
RL107 = Rule(
    "RL107",
    "not-canonical",
    "The entry differs from its canonical form in a way no other rule names.",
    "A catch-all so that `check` reports everything `fix` would change, such as an "
    "indented heading, which `fix` unindents.",
    " " + GOOD,
    GOOD,
    fixable=True,
)

RULES = (RL101, RL102, RL103, RL104, RL105, RL106, RL107)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, canonical = context.path, context.document, context.canonical.headings
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
        wanted = canonical_label(field, schema)
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
        yield _trailing(path, entry.line, heading.rstrip(" \t"))
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
            yield _trailing(path, line_no, cleaned)


def _trailing(path: str, line: int, kept: str) -> Diagnostic:
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
                yield _trailing(path, between, "")  # a blank line of spaces: fix empties it
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
