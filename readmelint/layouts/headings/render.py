"""One entry's lines in canonical form: labels, field order, list style, whitespace."""

from __future__ import annotations

from readmelint.canonical.labels import FILE_STYLE, LabelStyles, canonical_label, kept_as_written
from readmelint.canonical.order import field_order
from readmelint.layouts.headings.find import BULLETS, needs_blank_after_heading
from readmelint.layouts.headings.lead import lead_lines
from readmelint.layouts.headings.style import ListStyle, item_prefix
from readmelint.model import Document, Entry, Field
from readmelint.schema import Schema
from readmelint.source import strip_newline
from readmelint.whitespace import clean_trailing


def render_entry(
    document: Document,
    entry: Entry,
    schema: Schema,
    style: ListStyle,
    labels: LabelStyles = FILE_STYLE,
    blank_after_heading: bool = False,
) -> list[str]:
    """The entry's lines in canonical form; ``blank_after_heading``: a blank line
    between its heading and its fields, as most entries of the file have."""
    lines = document.lines
    out = [strip_newline(lines[i - 1]) for i in range(entry.span.start, entry.line)]
    out.append(strip_newline(lines[entry.line - 1]).rstrip(" \t"))
    # Indenting a heading (or the comment above it) means nothing, except that after
    # a blank line it may join the list of the entry that now comes before it.
    out[0] = out[0].lstrip(" \t")
    fields = list(entry.fields) if style.keep_order else field_order(entry, schema)
    lead = lead_lines(document, entry)
    if lead:  # the lines its lead patterns read, and the blank lines below, as they are
        out.extend(strip_newline(lines[i - 1]) for i in lead)
    elif blank_after_heading or needs_blank_after_heading(entry):
        out.append("")
    if entry.form is BULLETS:
        for field in fields:
            out.extend(_render_item(document, field, schema, style, labels))
        block_end = entry.fields[-1].span.end if entry.fields else entry.line
    else:
        out.extend(_render_lines(document, fields, schema, labels))
        block_end = max(f.span.end for f in entry.fields)
    tail = [strip_newline(lines[i - 1]) for i in range(block_end + 1, entry.span.end + 1)]
    if entry.form is BULLETS and tail and tail[0].strip() and fields[-1] is not entry.fields[-1]:
        # A tail right under the list (after code, say) would continue the paragraph
        # of the item that now comes last: a blank line keeps it apart.
        out.append("")
    out.extend(tail)
    return out


def _first_line(
    field: Field, schema: Schema, document: Document, prefix: str, labels: LabelStyles
) -> str:
    line = strip_newline(document.lines[field.span.start - 1])
    content = line[field.column - 1 :]
    if field.label is None or kept_as_written(field, schema):
        return clean_trailing(document, field.span.start, prefix + content)
    rest = content[len(field.label_source) :]
    words = rest.strip(" \t")
    # Trailing spaces after an empty label may be a hard break before a continuation line.
    trailing = rest[len(rest.rstrip(" \t")) :]
    label = canonical_label(field, schema, labels)
    space = "" if label.endswith("：") and not labels.space_after_wide else " "
    head = prefix + label + (space + words if words else "")
    return clean_trailing(document, field.span.start, head + trailing)


def _render_item(
    document: Document, field: Field, schema: Schema, style: ListStyle, labels: LabelStyles
) -> list[str]:
    if style.keep_items:
        prefix = strip_newline(document.lines[field.span.start - 1])[: field.column - 1]
    else:
        prefix = item_prefix(style)
    out = [_first_line(field, schema, document, prefix, labels)]
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


def _render_lines(
    document: Document, fields: list[Field], schema: Schema, labels: LabelStyles
) -> list[str]:
    """Fields as lines of one paragraph, each field ending in a hard break but the last.

    A backslash that ended a field's last line was a hard break unless the field came
    last: moved last, the break goes (GitHub would show the backslash); a literal one
    moved up keeps its backslash and gains a break of two spaces."""
    out: list[str] = []
    last_before = max(fields, key=lambda field: field.span.start) if fields else None
    for position, field in enumerate(fields):
        body = [_first_line(field, schema, document, "", labels)]
        body += [
            clean_trailing(document, n, strip_newline(document.lines[n - 1]))
            for n in range(field.span.start + 1, field.span.end + 1)
        ]
        last = body[-1].rstrip(" \t")
        backslash_break = (
            field is not last_before
            and body[-1] == last
            and (len(last) - len(last.rstrip("\\"))) % 2 == 1
        )
        if position < len(fields) - 1:
            keeps_break = body[-1].endswith("  ") or backslash_break
            body[-1] = body[-1] if keeps_break else last + "  "
        else:
            body[-1] = last[:-1].rstrip(" \t") if backslash_break else last
        out.extend(body)
    return out
