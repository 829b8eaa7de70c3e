"""A new headed entry, written as the file writes its entries (``readmelint add``)."""

from __future__ import annotations

import re
from collections import Counter

from readmelint.canonical.labels import document_label_style
from readmelint.layouts.adding import Insertion, NewEntry
from readmelint.layouts.headings.find import BOLD_LEVEL, LINES, headed
from readmelint.layouts.headings.style import (
    document_blank_after_heading,
    document_list_style,
    item_prefix,
)
from readmelint.model import Document, Entry
from readmelint.settings import Settings
from readmelint.source import strip_newline

_BOLD = re.compile(r"\*\*(?!\s).*\S\*\*")


def _text(entry: Entry) -> str:
    """The heading's Markdown, without its ``#`` marks."""
    return entry.heading_source.strip().lstrip("#").strip()


def add(
    document: Document,
    settings: Settings,
    new: NewEntry,
    before: Entry | None,
    after: Entry | None,
) -> Insertion:
    """The lines of ``new`` with a blank line between it and its neighbour.

    Its heading at its neighbour's level, bold where most entry headings are; its
    fields as bullets or as lines of one paragraph, as most entries write them, in
    the file's list style and label form.
    """
    neighbour = before or after
    level = neighbour.level if neighbour else settings.entry_levels[0]
    entries = headed(document)
    bold = sum(bool(_BOLD.fullmatch(_text(e))) for e in entries) * 2 > len(entries)
    name = f"**{new.heading}**" if bold else new.heading
    if name.endswith("#"):  # a closing sequence of #s would be taken off the heading
        name = name[:-1] + "\\#"
    labels = document_label_style(document, settings)
    schema = settings.schema
    as_lines = Counter(e.form for e in entries).most_common(1)[0][0] is LINES if entries else False
    # A bold title where its neighbours have one.
    lines = [f"**{new.heading}**"] if level == BOLD_LEVEL else ["#" * level + " " + name]
    if document_blank_after_heading(document, settings) or (level == BOLD_LEVEL and as_lines):
        lines.append("")
    fields = list(new.fields.items())
    for position, (key, value) in enumerate(fields):
        spec = schema.spec(key)
        label = labels.of(key).write(spec.title if spec else key)
        space = "" if label.endswith("：") and not labels.space_after_wide else " "
        text = label + (space + value if value else "")
        if as_lines:
            lines.append(text + ("  " if position < len(fields) - 1 else ""))
        else:
            lines.append(item_prefix(document_list_style(document, schema)) + text)
    if before is not None:
        start = before.span.start - 1
        return Insertion(start, start, (*lines, ""), 0, len(lines))
    assert after is not None
    end = after.span.end
    following = document.lines[end] if end < len(document.lines) else ""
    gap = ("",) if strip_newline(following).strip() else ()
    return Insertion(end, end, ("", *lines, *gap), 1, len(lines))
