"""The items layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from readmelint.entries import shared_values
from readmelint.errors import ConfigError
from readmelint.layouts.items.find import (
    ITEM_TITLE,
    NAME,
    SECTIONS,
    SKIP_SECTIONS,
    ItemFinder,
    lists_of,
)
from readmelint.layouts.items.new import add
from readmelint.layouts.items.render import item_signature, plan
from readmelint.layouts.items.rules import RULES, check
from readmelint.model import Document
from readmelint.schema import Schema

if TYPE_CHECKING:
    from readmelint.pattern import Pattern

CONFIG = frozenset({"item", "item-fields", ITEM_TITLE, SECTIONS, SKIP_SECTIONS})

__all__ = [
    "CONFIG",
    "NAME",
    "RULES",
    "add",
    "check",
    "configure",
    "find",
    "plan",
    "signatures",
    "spans",
]

find = ItemFinder


def configure(table: Mapping[str, object], schema: Schema, name: str, read: bool) -> dict[str, Any]:
    patterns = _patterns(table.get("item", []), schema, name)
    item_fields = table.get("item-fields", "pattern")
    if item_fields not in ("pattern", "sub-items"):
        raise ConfigError(f'{name}: item-fields must be "pattern" or "sub-items"')
    if read and not patterns and item_fields == "pattern":
        raise ConfigError(
            f'{name}: layout "items" reads items by patterns: add item = "..." (one pattern '
            "or a list of them; see `readmelint rules RL013`)"
        )
    sections = {key: _names(table.get(key, []), key, name) for key in (SECTIONS, SKIP_SECTIONS)}
    options: dict[str, object] = {key: names for key, names in sections.items() if names}
    if ITEM_TITLE in table:
        options[ITEM_TITLE] = _title_key(table[ITEM_TITLE], schema, name, item_fields, patterns)
    return {"item_patterns": patterns, "item_fields": str(item_fields), "options": options}


def _title_key(
    value: object, schema: Schema, name: str, item_fields: object, patterns: tuple[Pattern, ...]
) -> str:
    """The schema field ``item-title`` names, where an item's first paragraph goes."""
    keys = [spec.key for spec in schema.fields]
    if not isinstance(value, str) or value not in keys:
        raise ConfigError(
            f"{name}: {ITEM_TITLE} must name a field of the schema ({', '.join(keys)}): the "
            "field an item's first paragraph is read as"
        )
    if item_fields != "sub-items" or patterns:
        raise ConfigError(
            f'{name}: {ITEM_TITLE} goes with item-fields = "sub-items" and no item patterns '
            "(where item patterns read the first paragraph, they name its fields)"
        )
    return value


def _names(value: object, key: str, name: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(each, str) and each for each in value):
        raise ConfigError(
            f'{name}: {key} must be a list of section headings, such as ["Datasets"] (case '
            "aside; * stands for any text)"
        )
    return tuple(value)


def _patterns(value: object, schema: Schema, name: str) -> tuple[Pattern, ...]:
    texts = [value] if isinstance(value, str) else value
    if not isinstance(texts, list) or not all(isinstance(text, str) for text in texts):
        raise ConfigError(f"{name}: item must be a pattern or a list of patterns")
    if not texts:
        return ()
    from readmelint.field_shapes import compile_patterns  # (and difflib): see find

    return compile_patterns(texts, schema, f"{name}: item pattern")


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    """Every item of every entry list, entry or not: fix moves them all."""
    for ordinal, items in enumerate(lists_of(document)):
        shape = (items.section, ordinal, items.ordered, items.start, items.tight)
        delimiter = items.delimiter if items.ordered else items.items[0].marker
        for item in items.items:
            name = f"item at line {item.span.start}"
            signature = item_signature(document, item)
            shared = shared_values(item.entry) if item.entry else ()
            yield item.span.start, name, (shape, delimiter, signature, shared)


def spans(document: Document) -> Iterator[tuple[int, int]]:
    for items in lists_of(document):
        yield items.span.start, items.span.end
