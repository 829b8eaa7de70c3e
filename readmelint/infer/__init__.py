"""``init --from``: a configuration and a schema inferred from a list as it is.

One walk over markdown-it's block tokens (:mod:`.walk`); then each kind of candidate
reads what it can (:data:`KINDS`: headed entries, tables of papers, lists of items that
share a shape), each entry described by its fields; the fields are counted into a schema
(:mod:`.fields`), the order into ``sort`` (:mod:`.order`), and everything is written
with the evidence for each choice (:mod:`.write`). A new shape of entry is one more
module with a ``guess`` and a line in :func:`infer`. Deterministic: the same text gives
the same files. Imported only by ``init``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from readmelint.infer import headings, items, subitems, tables
from readmelint.infer.fields import FieldGuess, infer_fields
from readmelint.infer.grouped import HeadingDate, infer_heading_date
from readmelint.infer.model import Guess
from readmelint.infer.order import Order, infer_order
from readmelint.infer.walk import Walk, walk
from readmelint.layouts.headings.find import BOLD_LEVEL


class NothingToInfer(ValueError):
    """The text holds no list this can read: the message says what was found."""


@dataclass
class Inference:
    """What ``init --from`` writes, and what it says of the list."""

    guesses: list[Guess]
    fields: list[FieldGuess]
    order: Order
    label: str | None  # the label form to pin, where the list keeps one
    style: list[str]  # evidence of the list's own style, for comments
    missed: list[int]  # lines that look like papers that no guess reads
    walk: Walk
    # The date field whose year the headings give (date-from-heading), if any.
    heading_date: HeadingDate | None = None

    @property
    def entries(self) -> int:
        return sum(len(guess.found) for guess in self.guesses)


def infer(text: str) -> Inference:
    """Read ``text`` as a paper list; :class:`NothingToInfer` where it holds none."""
    if not text.strip():
        raise NothingToInfer("the file is empty")
    found = walk(text)
    guesses: list[Guess] = []
    headed = headings.guess(found)
    covered: list[tuple[int, int]] = []
    if headed is not None:
        guesses.append(headed)
        covered = headings.spans(found, headed_levels(headed))
    starts = [start for start, _ in covered]

    def outside(line: int) -> bool:
        at = bisect_right(starts, line) - 1
        return at < 0 or covered[at][1] < line

    table = tables.guess(found, outside)
    if table is not None:
        guesses.append(table)
    # Items read by patterns, or with their fields in sub-items: one or the other (the
    # item-fields setting is the file's), whichever reads more.
    listed = [
        guess for guess in (items.guess(found, outside), subitems.guess(found, outside)) if guess
    ]
    if listed:
        guesses.append(max(listed, key=lambda guess: len(guess.found)))
    guesses = [guess for guess in guesses if guess.found]
    if not guesses:
        raise NothingToInfer(_nothing(found))
    titles = _merged([guess.titles for guess in guesses])
    shapes: dict[str, str] = {}
    for guess in guesses:
        shapes.update(guess.shapes)
    every = [entry for guess in guesses for entry in guess.found]
    fields = infer_fields(titles, every, shapes)
    placed = [(guess.layout, entry) for guess in guesses for entry in guess.found + guess.others]
    placed.sort(key=lambda pair: pair[1].line)
    order = infer_order(fields, placed)
    label, style = _style(found, headed)
    read_lines = {entry.line for entry in every}
    missed = sorted(
        {line for guess in guesses for line in guess.missed if line not in read_lines}
        | {line for line in found.paragraph_lines if outside(line)}
    )
    heading_date = infer_heading_date(fields, every, found)
    return Inference(guesses, fields, order, label, style, missed, found, heading_date)


def headed_levels(headed: Guess) -> list[int]:
    """The levels whose headings start entries, and the bold titles' (which always do)."""
    levels = headed.config.get("entry-levels", [])
    assert isinstance(levels, list)
    return [*levels, BOLD_LEVEL]


def _merged(orders: list[dict[str, str]]) -> dict[str, str]:
    """Every layout's fields in one order, each layout's own kept: a field new to the
    order goes right after the field it follows in its layout."""
    keys: list[str] = []
    titles: dict[str, str] = {}
    for order in orders:
        previous = None
        for key, title in order.items():
            if key not in titles:
                titles[key] = title
                keys.insert(keys.index(previous) + 1 if previous else len(keys), key)
            previous = key
    return {key: titles[key] for key in keys}


def _nothing(found: Walk) -> str:
    papers = sum(item.paper for listed in found.lists for item in listed.items)
    rows = sum(row.paper for table in found.tables for row in table.rows)
    if not papers and not rows and not found.paragraphs:
        return "no list, table or headed entries that look like papers"
    counts = [(papers, "list item"), (rows, "table row"), (found.paragraphs, "paragraph")]
    said = ", ".join(f"{n} {what}{'s' if n != 1 else ''}" for n, what in counts if n)
    return f"no shape readmelint reads holds its papers ({said} look like papers)"


def _style(found: Walk, headed: Guess | None) -> tuple[str | None, list[str]]:
    """The label form most headed fields use (pinned where nearly all do), and notes."""
    from collections import Counter

    notes: list[str] = []
    if headed is None:
        return None, notes
    levels = headed_levels(headed)
    entries = [h for h in found.headings if h.level in levels and h.fields is not None]
    forms: Counter[str] = Counter()
    for heading in entries:
        for line in heading.fields or ():
            if line.label is not None:
                forms[line.label.style.write("Label")] += 1
    label = None
    if forms:
        form, count = forms.most_common(1)[0]
        total = sum(forms.values())
        notes.append(f"labels written {form} in {count} of {total} fields")
        if count >= 0.9 * total:
            label = form
    markers = Counter(h.marker for h in entries if h.bullets)
    if markers:
        marker, count = markers.most_common(1)[0]
        notes.append(f"field lists marked {marker!r} in {count} of {sum(markers.values())} entries")
    blank = sum(h.blank_after for h in entries)
    notes.append(f"a blank line between heading and fields in {blank} of {len(entries)} entries")
    return label, notes
