"""Where a new entry goes: which run of entries (a section's entries, a table, an entry
list), and where in it.

A section is named like a heading path, ``Multimodal > Dialogue``: its last headings,
case and spacing aside (``Dialogue`` alone names it too, where no other section ends
so). Without a name, the config's ``add.section`` says, or the list's only run of
entries; between several, nothing is guessed. Within its run the entry goes where the
run's sort puts it: before the first entry it sorts ahead of, else last.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from readmelint.canonical.order import sort_key
from readmelint.errors import InputError
from readmelint.layouts.items.find import lists_of
from readmelint.layouts.table.rows import tables_of
from readmelint.model import Document, Entry
from readmelint.records import records
from readmelint.settings import Settings


class PlacementError(InputError):
    """No one place for the entry: an unknown or ambiguous section (exit 2)."""


@dataclass(frozen=True)
class Run:
    """Entries of one layout that a new entry may join: a section's headed entries,
    a table's rows, an entry list's items."""

    layout: str
    path: tuple[str, ...]
    entries: tuple[Entry, ...]

    @property
    def name(self) -> str:
        return " > ".join(self.path) if self.path else "(the top of the file)"


def runs(document: Document, settings: Settings) -> list[Run]:
    """Every run of entries of ``document``, in the order of their lines."""
    paths = {record.line: record.sections for record in records(document, settings, "")}
    found: dict[tuple[object, ...], list[Entry]] = {}
    layout_of: dict[tuple[object, ...], str] = {}
    tables = {
        id(row): number
        for number, table in enumerate(tables_of(document).tables)
        for row in table.rows
    }
    lists = {
        id(item.entry): number
        for number, items in enumerate(lists_of(document))
        for item in items.items
        if item.entry is not None
    }
    for entry in document.entries:
        layout = entry.form.layout
        if layout == "table":
            key: tuple[object, ...] = ("table", tables.get(id(entry)))
        elif layout == "items":
            key = ("items", lists.get(id(entry)))
        else:
            key = ("headings", paths.get(entry.line, ()), entry.section)
        found.setdefault(key, []).append(entry)
        layout_of[key] = layout
    return [
        Run(layout_of[key], paths.get(entries[0].line, ()), tuple(entries))
        for key, entries in found.items()
    ]


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def matches(path: Sequence[str], wanted: str) -> bool:
    """Whether the heading path ``path`` ends in the headings ``wanted`` names."""
    parts = [_normal(part) for part in wanted.split(">")]
    if not all(parts) or len(parts) > len(path):
        return False
    return [_normal(part) for part in path[len(path) - len(parts) :]] == parts


def choose(all_runs: Sequence[Run], section: str | None, configured: str | None, name: str) -> Run:
    """The run the entry joins (see the module's documentation)."""
    if not all_runs:
        raise PlacementError(
            f"{name}: has no entries yet to add one beside; write the first by hand so "
            "readmelint can follow its form"
        )
    wanted = section or configured
    if wanted is None:
        if len(all_runs) == 1:
            return all_runs[0]
        raise PlacementError(
            f"{name}: papers are kept in {len(all_runs)} sections ({_names(all_runs)}); "
            "say which with --section, or set add.section in the config"
        )
    chosen = [run for run in all_runs if matches(run.path, wanted)]
    where = "--section" if section else "add.section"
    if not chosen:
        raise PlacementError(
            f"{name}: no section {wanted!r} holds papers ({where}); sections: {_names(all_runs)}"
        )
    if len(chosen) > 1:
        if len({run.path for run in chosen}) == 1:
            lines = ", ".join(str(run.entries[0].line) for run in chosen)
            raise PlacementError(
                f"{name}: section {chosen[0].name!r} keeps papers in {len(chosen)} places "
                f"(lines {lines}); readmelint does not guess which"
            )
        raise PlacementError(
            f"{name}: {where} {wanted!r} names {len(chosen)} sections "
            f"({_names(chosen)}); give more of the heading path, like 'A > B'"
        )
    return chosen[0]


def _names(all_runs: Sequence[Run]) -> str:
    return ", ".join(dict.fromkeys(repr(run.name) for run in all_runs))


def position(run: Run, fields: Mapping[str, str], settings: Settings) -> tuple[Entry | None, Entry]:
    """The entry the new one goes before (None: after the last), and its neighbour."""
    sort = settings.resolved_sort()
    spec = settings.schema.spec(sort.key) if sort else None
    date = spec.date_of(fields.get(spec.key, "")) if spec is not None else None
    if sort is not None and date is not None:
        new_key = date.sort_key
        for entry in run.entries:
            key = sort_key(entry, sort, settings.schema)
            if key is None or (new_key > key if sort.descending else new_key < key):
                return entry, entry
    return None, run.entries[-1]
