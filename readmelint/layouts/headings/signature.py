"""What a headed entry holds, blind to what fix may change: what the safety check and
the plan compare."""

from __future__ import annotations

from itertools import dropwhile

from readmelint.entries import shared_values
from readmelint.layouts.headings.find import LINES
from readmelint.layouts.headings.lead import lead_lines
from readmelint.model import Document, Entry
from readmelint.source import strip_newline


def entry_signature(document: Document, entry: Entry) -> tuple[object, ...]:
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
            if entry.form is LINES and line_no == field.span.end:
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
    shared = shared_values(entry)
    # What its patterns read, and the lines they read it from (kept as they are).
    lead = tuple((field.key, field.value) for field in entry.lead)
    kept = tuple(strip_newline(document.lines[i - 1]) for i in lead_lines(document, entry))
    fields_and_lead = (tuple(sorted(fields, key=repr)), lead, kept)
    return (entry.section, preamble, heading, fields_and_lead, tail, shared)
