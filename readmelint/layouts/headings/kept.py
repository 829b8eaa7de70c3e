"""Which headed entries fix leaves as they are (but for their place), or in their order."""

from __future__ import annotations

from readmelint.entries import is_template_stub
from readmelint.layouts.headings.find import BULLETS, LINES
from readmelint.model import Document, Entry
from readmelint.source import strip_newline


def leaves_as_is(document: Document, entry: Entry) -> bool:
    """Whether fix leaves ``entry`` as it is (but for its place and its heading's indent)."""
    return (
        is_template_stub(entry)
        or has_markup_over_field_lines(document, entry)
        or has_paragraph_fields(entry)
        or has_code_github_reads_into_its_list(document, entry)
        or has_list_github_goes_on_with(document, entry)
    )


def github_reads_otherwise(document: Document, entry: Entry) -> str | None:
    """Why GitHub reads ``entry``'s lines otherwise than markdown-it-py (fix leaves it as it
    is and check says so, RL015), or None."""
    if has_list_github_goes_on_with(document, entry):
        return (
            "GitHub goes on with its list after the empty last item and the blank lines "
            "below it; delete the empty item or a blank line"
        )
    if has_code_github_reads_into_its_list(document, entry):
        return (
            f"GitHub reads line {entry.fields[-1].span.end + 1} (under the list, indented four "
            "columns or more) as text of the item above, not as a code block; indent it to "
            "the column of the item it belongs to"
        )
    return None


def has_list_github_goes_on_with(document: Document, entry: Entry) -> bool:
    """A list of fields that ends with an empty item, then two blank lines or more, then
    an item of its marker: markdown-it-py ends the list at the empty item (its
    workaround for an item that starts with a blank line), GitHub (cmark-gfm) goes on
    with it. Fix, reading two lists, would restyle the first apart from the items
    GitHub shows in it, so it leaves the entry as it is.
    """
    if entry.form is not BULLETS or not entry.fields:
        return False
    last = entry.fields[-1]
    lines = document.lines
    if last.span.start != last.span.end or lines[last.span.start - 1].strip() != entry.list_marker:
        return False
    below = last.span.end  # 0-based: the line under the empty item
    following = below
    while following < len(lines) and not lines[following].strip():
        following += 1
    if following - below < 2 or following >= len(lines):
        return False
    line = strip_newline(lines[following]).expandtabs(4)
    content = line.lstrip(" ")
    return (
        len(line) - len(content) < 4
        and content[:1] == entry.list_marker
        and content[1:2] in ("", " ")
    )


def has_code_github_reads_into_its_list(document: Document, entry: Entry) -> bool:
    """A line right under the list of fields, indented four columns or more, that no
    item takes in: markdown-it-py reads it as indented code after the list, GitHub
    (cmark-gfm) as a lazy line of the paragraph the list ends with (where the line is
    indented less than that item's content, as in a nested list). Fix, reading with
    markdown-it-py, would set it apart from the item GitHub shows it in, so it leaves
    the entry as it is.
    """
    if entry.form is not BULLETS or not entry.fields:
        return False
    below = entry.fields[-1].span.end  # 0-based: the line under the last item
    if below >= entry.span.end:
        return False
    line = strip_newline(document.lines[below]).expandtabs(4)
    return bool(line.strip()) and len(line) - len(line.lstrip(" ")) >= 4


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
