"""Which way a list runs: the sort field and direction where one holds in (nearly)
every container, as fix would sort it (dated entries by date, stably, undated after)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from readmelint.dates import DateFormats, PartialDate
from readmelint.infer.fields import FieldGuess
from readmelint.infer.model import Found
from readmelint.keywords import date_text

# The direction holds in at least this share of the containers with two dates or more.
HOLDS = 0.9


@dataclass
class Order:
    key: str | None  # the date field, or None: keep the order (sort = false)
    descending: bool
    evidence: str


def infer_order(fields: Sequence[FieldGuess], found: Sequence[tuple[str, Found]]) -> Order:
    """``found``: each entry with its layout (containers of two layouts never mix)."""
    dated = [f for f in fields if f.spellings and f.dated >= 2]
    if not dated:
        return Order(None, True, "no field holds dates: entries keep their order")
    best = max(dated, key=lambda f: f.dated)
    formats = DateFormats.from_keyword(best.spellings)
    containers: dict[tuple[str, int], list[PartialDate | None]] = defaultdict(list)
    for layout, entry in found:
        value = entry.fields.get(best.key)
        containers[(layout, entry.container)].append(
            formats.parse(date_text(value)) if value else None
        )
    judged = newest = oldest = 0
    for dates in containers.values():
        if sum(date is not None for date in dates) < 2:
            continue
        down, up = _holds(dates, descending=True), _holds(dates, descending=False)
        if down and up:
            continue  # one date, or all the same: says nothing
        judged += 1
        newest += down
        oldest += up
    if not judged:
        return Order(None, True, f"{best.title}: no container holds two different dates")
    if newest >= HOLDS * judged:
        return Order(best.key, True, f"{best.title}: newest first in {newest} of {judged}")
    if oldest >= HOLDS * judged:
        return Order(best.key, False, f"{best.title}: oldest first in {oldest} of {judged}")
    return Order(
        None,
        True,
        f"{best.title}: newest first in {newest}, oldest first in {oldest} of {judged}: no "
        "order holds, so fix keeps the list's",
    )


def _holds(dates: Sequence[PartialDate | None], descending: bool) -> bool:
    """Whether fix, sorting this way, would leave the order as it is."""
    keyed = [(date.sort_key if date else None, index) for index, date in enumerate(dates)]
    with_dates = [entry for entry in keyed if entry[0] is not None]
    without = [entry for entry in keyed if entry[0] is None]
    # Python's sort is stable either way: equal dates keep their order, as in fix.
    ordered = sorted(with_dates, key=lambda entry: entry[0] or (0, 0, 0), reverse=descending)
    return [index for _, index in ordered + without] == list(range(len(dates)))
