"""What each kind of candidate infers: the entries a layout would read, and why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Found:
    """An entry a guess reads: where, in which container (a list, a table, a run of
    headed entries: where fix sorts), and its fields' Markdown by key."""

    line: int
    container: int
    fields: dict[str, str]
    title: str


@dataclass
class Guess:
    """One layout's reading of the file.

    ``config``: its keys of ``.readmelint.toml``; ``titles``: each field's label as the
    list writes it, in the list's order; ``notes``: the evidence, one comment a line,
    keyed by what it explains (a config key or a pattern); ``missed``: lines that look
    like papers of this layout's kind that it does not read.
    """

    layout: str
    config: dict[str, object]
    found: list[Found]
    titles: dict[str, str]
    notes: dict[str, list[str]] = field(default_factory=dict)
    missed: list[int] = field(default_factory=list)
    where: str = ""  # "in 180 lists", for the summary
    shapes: dict[str, str] = field(default_factory=dict)  # key -> date spelling seen
    # What moves with the entries but is none (an item no pattern reads): fix puts it
    # after the dated entries, so it counts for the order.
    others: list[Found] = field(default_factory=list)
