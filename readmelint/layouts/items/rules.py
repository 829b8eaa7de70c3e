"""What check reports of entry lists: items no pattern reads, order, numbering."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import partial
from typing import Any

from readmelint.canonical.labels import canonical_label
from readmelint.diagnostics import Diagnostic
from readmelint.layouts.items.find import Item
from readmelint.layouts.items.render import ItemsPlan, between_items, numbered_alike
from readmelint.rules.base import Context, Rule
from readmelint.rules.style import label_forms, misplaced_entry, whitespace
from readmelint.source import strip_newline
from readmelint.whitespace import clean_trailing

_LIST = (
    "- **Dropout: a simple way to prevent neural networks from overfitting** (2014), "
    "N. Srivastava et al. [[pdf]](http://jmlr.org/papers/volume15/srivastava14a/srivastava14a.pdf)\n"
    "- **Deep learning** (2015), Y. LeCun et al. [[pdf]](https://www.nature.com/articles/nature14539)\n"
)
_NUMBERED = (
    "1. [**Deep learning.**](https://www.nature.com/articles/nature14539) _Y. LeCun._ 2015.\n"
    "2. [**Dropout.**](https://jmlr.org/papers/v15/srivastava14a) _N. Srivastava._ 2014.\n"
)
_FIELDS: dict[str, dict[str, Any]] = {
    "title": {"title": "Title", "type": "string"},
    "year": {"title": "Year", "type": "string", "x-date-format": "YYYY"},
    "authors": {"title": "Authors", "type": "string"},
    "paper": {"title": "Paper", "type": "string"},
}

RL013 = Rule(
    "RL013",
    "unmatched-item",
    "An item of an entry list that no item pattern reads (or that has no sub-item fields).",
    "Reported where the pattern that read the most of it stopped, with what it expected "
    "there. Fix the item, or add a pattern for its shape to `item` (a list of patterns is "
    "tried in order). Such an item stays where it is: fix sorts the items on each side of "
    'it on their own. The examples use `item = "**{title}** ({year}), {authors} '
    '[[pdf]]({paper})"`.',
    _LIST + "- **Learning deep architectures for AI** 2009, Y. Bengio [[pdf]](https://x.org/a)\n",
    _LIST,
    failing_line=3,
    schema_fields=_FIELDS,
    config={"layout": "items", "item": "**{title}** ({year}), {authors} [[pdf]]({paper})"},
)
RL110 = Rule(
    "RL110",
    "item-number",
    "An ordered entry list is not numbered 1, 2, 3 ... from its first number.",
    "`fix` renumbers it, keeping its delimiter (`1.` or `1)`); GitHub shows the numbers "
    "in order whatever the source says, so the source should too.",
    _NUMBERED.replace("2. [**Dropout", "3. [**Dropout"),
    _NUMBERED,
    fixable=True,
    failing_line=2,
    schema_fields=_FIELDS,
    config={"layout": "items", "item": "[**{title}.**]({paper}) _{authors}._ {year}."},
)

RULES: tuple[Rule, ...] = (RL013, RL110)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, schema = context.path, context.document, context.settings.schema
    # Without patterns, an item of sub-item fields is an entry by its labelled sub-items.
    sub_items = context.settings.item_fields == "sub-items" and not context.settings.item_patterns
    for plan in context.canonical.of(ItemsPlan).lists:
        for item in plan.items.items:
            if item.failure is not None:
                line, column, expected = item.failure
                what = "is no entry" if sub_items else "matches no item pattern"
                yield RL013.at(path, line, column, f"item {what}: expected {expected} here")
            elif item.entry is not None and not plan.kept:
                yield from label_forms(
                    path,
                    item.entry.fields,
                    partial(canonical_label, schema=schema, style=plan.labels, plain_unknown=True),
                )
        if plan.kept:
            continue
        in_items = {
            n for item in plan.items.items for n in range(item.span.start, item.span.end + 1)
        }
        for line_no in range(plan.items.span.start, plan.items.span.end + 1):
            text = strip_newline(document.lines[line_no - 1])
            if line_no in in_items:
                cleaned = clean_trailing(document, line_no, text)
            else:
                cleaned = between_items(text)
            yield from whitespace(path, line_no, text, cleaned)
        for start, end in _groups(plan.items.items):  # each sorted on its own
            yield from misplaced_entry(
                path,
                plan.items.items[start:end],
                plan.order[start:end],
                context.settings,
                lambda found, expected: (
                    expected.span.start,
                    expected.content + 1,
                    f"this item should come before line {found.span.start}",
                ),
                noun="items",
            )
        if not plan.items.ordered or numbered_alike(plan.items):
            continue
        for position, item in enumerate(plan.items.items):
            wanted = f"{plan.items.start + position}{plan.items.delimiter}"
            if item.marker != wanted:
                text = document.lines[item.span.start - 1]
                yield RL110.at(
                    path,
                    item.span.start,
                    len(text) - len(text.lstrip(" ")) + 1,
                    f"item numbered {item.marker} should be {wanted}: the list is numbered "
                    f"from {plan.items.start}",
                )


def _groups(items: Sequence[Item]) -> Iterator[tuple[int, int]]:
    """The runs of items between those that stay where they are (separators, items no
    pattern reads), as slices."""
    start = 0
    for position, item in enumerate(items):
        if item.stays:
            yield start, position
            start = position + 1
    yield start, len(items)
