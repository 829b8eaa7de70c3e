"""Diagnostics for a parsed document: schema errors, structure, what ``fix`` would change."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from readmelint.config import Settings
from readmelint.fix import (
    Plan,
    canonical_label,
    clean_trailing,
    field_order,
    has_markup_over_field_lines,
    is_template_stub,
    leaves_as_is,
    plan,
)
from readmelint.model import Diagnostic, Document, Entry, Field, Layout, Severity
from readmelint.parse import parse
from readmelint.schema import Schema
from readmelint.source import strip_newline

if TYPE_CHECKING:
    from jsonschema.protocols import Validator


def check_text(text: str, settings: Settings, path: str = "-") -> list[Diagnostic]:
    """Every problem in ``text``, sorted by position."""
    return check_document(parse(text, settings.entry_levels), settings, path)


def check_document(document: Document, settings: Settings, path: str) -> list[Diagnostic]:
    fix_plan = plan(document, settings, all_lines=False)
    validator = settings.schema.validator_for(document.references)
    found: list[Diagnostic] = []
    for entry in document.entries:
        if is_template_stub(entry):
            found.append(
                _at(
                    path,
                    entry.line,
                    1,
                    "RL007",
                    "template stub: the heading and every field are empty; fill it in or delete it",
                )
            )
        else:
            found.extend(_schema_diagnostics(path, entry, settings.schema, validator))
            if has_markup_over_field_lines(document, entry):
                found.append(
                    _at(
                        path,
                        entry.line,
                        1,
                        "RL011",
                        "a code span or HTML tag runs from one field's line into the next, so "
                        "fix leaves this entry as it is; close it on the line where it opens",
                    )
                )
        if leaves_as_is(document, entry):
            if entry.line in fix_plan.changed:  # fix only unindents its heading
                found.append(_not_canonical(path, entry))
            continue
        found.extend(_style_diagnostics(path, document, entry, fix_plan, settings.schema))
    found.extend(_run_diagnostics(path, document, fix_plan, settings))
    from readmelint.suppress import apply_suppressions

    found = apply_suppressions(document, found, path)
    return sorted((d for d in found if settings.enabled(d.code)), key=Diagnostic.sort_key)


def _at(
    path: str, line: int, column: int, code: str, message: str, fixable: bool = False
) -> Diagnostic:
    severity = Severity.WARNING if fixable else Severity.ERROR
    return Diagnostic(path, line, column, code, message, severity, fixable)


def _title(schema: Schema, key: str) -> str:
    spec = schema.spec(key)
    return spec.title if spec else key


def _schema_diagnostics(
    path: str, entry: Entry, schema: Schema, validator: Validator
) -> Iterator[Diagnostic]:
    fields: dict[str, str] = {}
    first: dict[str, Field] = {}
    for field in entry.fields:
        if field.key is None:
            yield _at(
                path,
                field.span.start,
                field.column,
                "RL009",
                "list item has no bold label; write it as `**Label:** value`",
            )
        elif field.key in fields:
            yield _at(
                path,
                field.span.start,
                field.column,
                "RL008",
                f'field "{field.label}" appears again (first on line '
                f"{first[field.key].span.start}); merge the two values",
            )
        else:
            fields[field.key] = field.value
            first[field.key] = field
    instance: dict[str, Any] = {"heading": entry.heading, "fields": fields}
    reported: set[tuple[str, ...]] = set()
    for error in schema.errors(instance, validator):
        where = tuple(str(part) for part in error.absolute_path)
        keyword = str(error.validator)
        if where == ("heading",):
            if not entry.heading.strip():
                yield _at(
                    path,
                    entry.line,
                    1,
                    "RL006",
                    "entry heading is empty; write the paper's short name after the #",
                )
            else:
                yield _at(path, entry.line, 1, "RL010", f"heading: {error.message}")
        elif where == ("fields",) and keyword == "required":
            if ("required",) in reported:
                continue
            reported.add(("required",))
            for spec in schema.fields:
                if spec.required and spec.key not in fields:
                    yield _at(
                        path,
                        entry.line,
                        1,
                        "RL001",
                        f'entry {_name(entry)} is missing the field "{spec.title}"; '
                        f"add `**{spec.title}:** ...` to its list",
                    )
        elif where == ("fields",) and keyword == "additionalProperties":
            if ("extra",) in reported:
                continue
            reported.add(("extra",))
            known = schema.order
            for key, field in first.items():
                if key not in known:
                    yield _at(
                        path,
                        field.span.start,
                        field.column,
                        "RL005",
                        f'unknown field "{field.label}"; '
                        f'did you mean "{_closest(key, fields, schema)}"?',
                    )
        elif len(where) >= 2 and where[0] == "fields" and where[1] in first:
            field = first[where[1]]
            title = _title(schema, where[1])
            if where[:2] in reported:
                continue
            reported.add(where[:2])
            if not field.value:
                yield _at(
                    path,
                    field.span.start,
                    field.column,
                    "RL002",
                    f'field "{title}" is empty; fill it in',
                )
            elif keyword == "x-date-format" or (
                keyword == "format" and error.validator_value == "date"
            ):
                spelling = schema.spec(where[1])
                wanted = (
                    spelling.date_format.spelling
                    if spelling and spelling.date_format
                    else "YYYY-MM-DD"
                )
                yield _at(
                    path,
                    field.span.start,
                    field.column,
                    "RL003",
                    f'"{title}" is "{_short(field.value)}", not a real date written {wanted}',
                )
            elif keyword == "format" and error.validator_value == "markdown-link":
                yield _at(
                    path,
                    field.span.start,
                    field.column,
                    "RL004",
                    f'"{title}" needs a link with an http(s) URL, like [text](https://...)',
                )
            else:
                yield _at(
                    path, field.span.start, field.column, "RL010", f'"{title}": {error.message}'
                )
        else:
            yield _at(path, entry.line, 1, "RL010", f"entry: {error.message}")


def _name(entry: Entry) -> str:
    return f'"{entry.heading}"' if entry.heading else "(no heading)"


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _closest(key: str, present: dict[str, str], schema: Schema) -> str:
    """The known label most like ``key``, preferring those the entry lacks."""
    missing = [spec for spec in schema.fields if spec.key not in present] or list(schema.fields)

    def likeness(title: str) -> float:
        return difflib.SequenceMatcher(None, key, title.casefold()).ratio()

    return max((spec.title for spec in missing), key=likeness)


def _style_diagnostics(
    path: str, document: Document, entry: Entry, fix_plan: Plan, schema: Schema
) -> Iterator[Diagnostic]:
    found: list[Diagnostic] = []
    for field in entry.fields:
        if field.label is None:
            continue
        wanted = canonical_label(field, schema)
        if field.label_source != wanted:
            found.append(
                _at(
                    path,
                    field.span.start,
                    field.column,
                    "RL102",
                    f"write the label {field.label_source} as {wanted}",
                    True,
                )
            )
    # Where any other order would change what the lines mean, fix keeps the order.
    keeps_order = fix_plan.styles[entry.line].keep_order
    ordered = list(entry.fields) if keeps_order else field_order(entry, schema)
    for actual, expected in zip(entry.fields, ordered, strict=True):
        if actual is not expected:
            found.append(
                _at(
                    path,
                    actual.span.start,
                    actual.column,
                    "RL101",
                    f'field "{expected.label or "(unlabelled)"}" should come before '
                    f'"{actual.label or "(unlabelled)"}" (schema order)',
                    True,
                )
            )
            break
    style = fix_plan.styles[entry.line]
    if entry.layout is Layout.BULLETS and (entry.list_indent, entry.list_marker) != (
        style.indent,
        style.marker,
    ):
        found.append(
            _at(
                path,
                entry.fields[0].span.start,
                1,
                "RL106",
                f'list items start "{" " * entry.list_indent}{entry.list_marker} "; '
                f'this file mostly uses "{" " * style.indent}{style.marker} "',
                True,
            )
        )
    found.extend(_whitespace_diagnostics(path, document, entry))
    if not found and entry.line in fix_plan.changed:
        found.append(_not_canonical(path, entry))
    yield from found


def _not_canonical(path: str, entry: Entry) -> Diagnostic:
    return _at(
        path,
        entry.line,
        1,
        "RL107",
        "entry is not in canonical form; `readmelint fix --diff` shows how",
        True,
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
                yield _at(
                    path,
                    line_no,
                    1,
                    "RL103",
                    "blank line inside an entry; an entry's heading and fields go "
                    "without blank lines between them",
                    True,
                )
            continue
        cleaned = clean_trailing(document, line_no, line)
        if cleaned != line:
            yield _trailing(path, line_no, cleaned)


def _trailing(path: str, line: int, kept: str) -> Diagnostic:
    return _at(
        path, line, len(kept) + 1, "RL105", "trailing whitespace (not a hard line break)", True
    )


def _run_diagnostics(
    path: str, document: Document, fix_plan: Plan, settings: Settings
) -> Iterator[Diagnostic]:
    sort = settings.resolved_sort()
    for run in fix_plan.runs:
        for before, after in zip(run.entries, run.entries[1:], strict=False):
            gap = after.span.start - before.span.end - 1
            between = before.span.end + 1
            if gap == 1 and strip_newline(document.lines[between - 1]):
                yield _trailing(path, between, "")  # a blank line of spaces: fix empties it
            if gap != 1:
                line = between if gap else after.span.start
                yield _at(
                    path,
                    line,
                    1,
                    "RL103",
                    f"{gap} blank lines between entries; use exactly one",
                    True,
                )
        for actual, expected in zip(run.entries, run.ordered, strict=True):
            if actual is not expected and sort is not None:
                title = _title(settings.schema, sort.key)
                direction = "newest first" if sort.descending else "oldest first"
                yield _at(
                    path,
                    expected.line,
                    1,
                    "RL104",
                    f"entry {_name(expected)} should come before {_name(actual)} "
                    f"(line {actual.line}): entries are sorted by {title}, {direction}",
                    True,
                )
                break
