"""What check reports of headed entries: how each differs from its canonical form.

Each diagnostic compares an entry (or a run of entries) with what the headings
plan says it becomes (see :mod:`readmelint.layouts.headings.plan`).
"""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.canonical.labels import canonical_label
from readmelint.canonical.order import field_order
from readmelint.diagnostics import Diagnostic
from readmelint.entries import is_template_stub
from readmelint.layouts.headings.find import (
    BOLD_LEVEL,
    BULLETS,
    headed,
    needs_blank_after_heading,
)
from readmelint.layouts.headings.kept import github_reads_otherwise, has_markup_over_field_lines
from readmelint.layouts.headings.lead import lead_lines
from readmelint.layouts.headings.plan import Plan
from readmelint.model import Document, Entry
from readmelint.rules.base import Context, Rule
from readmelint.rules.fields import GOOD, name_of
from readmelint.rules.style import (
    label_forms,
    misplaced_entry,
    misplaced_field,
    not_canonical,
    whitespace,
)
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import strip_newline
from readmelint.whitespace import clean_trailing

RL011 = Rule(
    "RL011",
    "markup-over-field-lines",
    "In an entry of `**Label:** value` lines, a code span or HTML tag runs into the next line.",
    "Markdown reads the lines it spans as one piece, so they are not separate fields: "
    "`fix` leaves the entry as it is. Close the span or tag on the line where it opens.",
    "### AnyGPT\n**Tags:** `any-to-any  \n**Paper:** arXiv`\n",
    "### AnyGPT\n**Paper:** arXiv  \n**Tags:** `any-to-any`\n",
)

RL015 = Rule(
    "RL015",
    "github-reads-otherwise",
    "GitHub reads an entry's lines otherwise than readmelint does; `fix` leaves it as it is.",
    "readmelint reads Markdown with markdown-it-py, GitHub with cmark-gfm, and in a few "
    "places they part. A list of fields that ends with an empty item and two blank lines "
    "goes on, on GitHub, with the items below them; a line under a nested list indented "
    "four columns or more is, on GitHub, a line of the item above, not a code block. `fix` "
    "could not restyle such an entry without changing what GitHub shows, so it leaves the "
    "entry as it is. Delete the empty item (or a blank line), or indent the line as the "
    "item's text.",
    "### AnyGPT\n- **Paper:** x\n-\n\n\n- **Tags:** y\n",
    "### AnyGPT\n- **Paper:** x\n- **Tags:** y\n",
)
RL103 = Rule(
    "RL103",
    "blank-lines",
    "Not exactly one blank line between entries, or blank lines inside an entry's list.",
    "`fix` leaves one blank line between entries, none between fields (blank lines "
    "inside a multi-paragraph value are kept), and between a heading and its fields one "
    "where most entries of the file have one, else none.",
    GOOD + "\n\n\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    GOOD + "\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    fixable=True,
    failing_line=9,
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
RULES: tuple[Rule, ...] = (RL011, RL015, RL103, RL106)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, canonical = context.path, context.document, context.canonical.of(Plan)
    for entry in headed(document):
        if has_markup_over_field_lines(document, entry) and not is_template_stub(entry):
            yield RL011.at(
                path,
                entry.line,
                1,
                "a code span or HTML tag runs from one field's line into the next, so "
                "fix leaves this entry as it is; close it on the line where it opens",
            )
        read_otherwise = github_reads_otherwise(document, entry)
        if read_otherwise:
            yield RL015.at(path, entry.line, 1, f"fix leaves this entry as it is: {read_otherwise}")
        if canonical.styles[entry.line].as_is:
            if entry.line in canonical.changed:  # fix only unindents its heading
                yield _not_canonical(path, entry)
            continue
        yield from _style_diagnostics(path, document, entry, canonical, context.settings.schema)
    yield from _run_diagnostics(path, document, canonical, context.settings)


def _style_diagnostics(
    path: str, document: Document, entry: Entry, canonical: Plan, schema: Schema
) -> Iterator[Diagnostic]:
    found = list(
        label_forms(path, entry.fields, lambda f: canonical_label(f, schema, canonical.labels))
    )
    # Where any other order would change what the lines mean, fix keeps the order.
    keeps_order = canonical.styles[entry.line].keep_order
    ordered = list(entry.fields) if keeps_order else field_order(entry, schema)
    found.extend(
        misplaced_field(
            path,
            entry.fields,
            ordered,
            lambda f: (f.span.start, f.column),
            lambda f: f.label or "(unlabelled)",
        )
    )
    style = canonical.styles[entry.line]
    # An entry whose items keep their own markers (no other style keeps its meaning) is
    # one fix cannot bring into line: reporting it fixable would be a promise fix breaks.
    if (
        entry.form is BULLETS
        and not style.keep_items
        and (entry.list_indent, entry.list_marker) != (style.indent, style.marker)
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
    blank = canonical.blank_after_heading or needs_blank_after_heading(entry)
    found.extend(_whitespace_diagnostics(path, document, entry, blank))
    if not found and entry.line in canonical.changed:
        found.append(_not_canonical(path, entry))
    yield from found


def _not_canonical(path: str, entry: Entry) -> Diagnostic:
    return not_canonical(path, entry.line, 1, "entry")


def _whitespace_diagnostics(
    path: str, document: Document, entry: Entry, blank_after_heading: bool
) -> Iterator[Diagnostic]:
    """RL105 and RL103 inside an entry; ``blank_after_heading``: one blank line belongs
    between its heading and its fields."""
    heading = strip_newline(document.lines[entry.line - 1])
    yield from whitespace(path, entry.line, heading, heading.rstrip(" \t"))
    covered = {n for f in entry.fields for n in range(f.span.start, f.span.end + 1)}
    block_end = max(covered, default=entry.line)
    block_start = min(covered, default=entry.line + 1)
    gap = block_start - entry.line - 1
    blank_reported = False
    top = entry.line
    if lead_lines(document, entry):  # its lead and the lines under it stay as they are
        top, blank_after_heading = block_start - 1, False
    if blank_after_heading and gap != 1:
        blank_reported = True
        title = "title" if entry.level == BOLD_LEVEL else "heading"
        yield RL103.at(
            path,
            entry.line + 1,
            1,
            f"no blank line between the {title} and its fields; most entries of this file have one"
            if gap == 0
            else f"{gap} blank lines between the {title} and its fields; use exactly one",
        )
    for line_no in range(top + 1, block_end + 1):
        if blank_after_heading and line_no == entry.line + 1 and gap == 1:
            continue
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
        yield from whitespace(path, line_no, line, clean_trailing(document, line_no, line))


def _run_diagnostics(
    path: str, document: Document, canonical: Plan, settings: Settings
) -> Iterator[Diagnostic]:
    for run in canonical.runs:
        for before, after in zip(run.entries, run.entries[1:], strict=False):
            gap = after.span.start - before.span.end - 1
            between = before.span.end + 1
            if gap == 1:  # a blank line of spaces: fix empties it
                yield from whitespace(path, between, strip_newline(document.lines[between - 1]), "")
            if gap != 1:
                line = between if gap else after.span.start
                yield RL103.at(path, line, 1, f"{gap} blank lines between entries; use exactly one")
        yield from misplaced_entry(
            path,
            run.entries,
            run.ordered,
            settings,
            lambda found, expected: (
                expected.line,
                1,
                f"entry {name_of(expected)} should come before {name_of(found)} "
                f"(line {found.line})",
            ),
        )
