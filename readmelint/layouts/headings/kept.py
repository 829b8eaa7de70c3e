"""Which headed entries fix leaves as they are (but for their place), or in their order."""

from __future__ import annotations

from readmelint.entries import is_template_stub
from readmelint.layouts.headings.find import LINES
from readmelint.model import Document, Entry


def leaves_as_is(document: Document, entry: Entry) -> bool:
    """Whether fix leaves ``entry`` as it is (but for its place and its heading's indent)."""
    return (
        is_template_stub(entry)
        or has_markup_over_field_lines(document, entry)
        or has_paragraph_fields(entry)
    )


def has_paragraph_fields(entry: Entry) -> bool:
    """Fields as paragraphs of their own, blank lines between (a daily digest's form).

    check reads them; fix keeps them so: written as one paragraph of lines, they
    would render otherwise.
    """
    if entry.form is not LINES:
        return False
    ends = [field.span.end for field in entry.fields]
    starts = [field.span.start for field in entry.fields]
    return any(start > end + 1 for end, start in zip(ends, starts[1:], strict=False))


def has_markup_over_field_lines(document: Document, entry: Entry) -> bool:
    """A paragraph of field lines where markup runs over a line end (see ``open_line_ends``).

    Moving such lines or ending them with a hard break would cut a code span or an
    HTML tag in two, so fix leaves the entry as it is and check says why (RL011).
    """
    return entry.form is LINES and any(
        field.span.start in document.open_line_ends for field in entry.fields
    )


def reads_by_position(entry: Entry) -> bool:
    """Whether a field of the entry is an unlabelled line read by its place (x-position).

    Moved elsewhere it would be read as another field, or none: such an entry keeps
    its fields in their order.
    """
    return any(field.label is None and field.key is not None for field in entry.fields)
