"""Items whose sub-items are their fields: a title, then ``Label: value`` under it (the
items layout with ``item-fields = "sub-items"``)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from readmelint.infer.items import entry_lists
from readmelint.infer.model import Found, Guess
from readmelint.infer.walk import Item, Walk
from readmelint.labels import Label, normalise, split_label
from readmelint.markdown import plain_text


def _any_label(_: str) -> bool:
    return True


def _fields(item: Item) -> list[tuple[Label, str]]:
    """The labelled sub-items of ``item``'s first list: each label and its value."""
    if not item.children:
        return []
    found = []
    for sub in item.children[0].items:
        label = split_label(sub.source, _any_label) if sub.source else None
        if label is not None:
            found.append((label, sub.source[label.source_length :].strip()))
    return found


def guess(walk: Walk, outside: Callable[[int], bool]) -> Guess | None:
    """The reading with sub-item fields, where items with labelled sub-items are papers."""
    lists = [found for found in walk.lists if outside(found.line)]
    labelled = {id(item): _fields(item) for found in lists for item in found.items}

    def read(item: Item) -> bool:
        return bool(labelled.get(id(item)))

    found: list[Found] = []
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    places: dict[str, list[float]] = defaultdict(list)
    papers = containers = 0
    for container, (_, entries) in enumerate(entry_lists(lists, read)):
        containers += 1
        for item in entries:
            fields = labelled[id(item)]
            values: dict[str, str] = {}
            for place, (label, value) in enumerate(fields):
                key = normalise(label.text)
                spelling[key][label.text] += 1
                places[key].append(place / max(1, len(fields) - 1))
                values.setdefault(key, value)
            papers += item.paper or any(child.paper for child in item.children[0].items)
            found.append(Found(item.line, container, values, plain_text(item.source)))
    if len(found) < 2 or 2 * papers < len(found):
        return None
    keys = sorted(spelling, key=lambda key: sum(places[key]) / len(places[key]))
    titles = {key: spelling[key].most_common(1)[0][0] for key in keys}
    notes = {
        "item-fields": [
            f"{len(found)} items hold their fields as sub-items `Label: value` "
            f"({papers} look like papers)"
        ]
    }
    plural = "s" if containers != 1 else ""
    return Guess(
        "items",
        {"item-fields": "sub-items"},
        found,
        titles,
        notes,
        [],
        f"list items with sub-item fields in {containers} list{plural}",
    )
