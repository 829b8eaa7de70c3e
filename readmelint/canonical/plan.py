"""The canonical form of a document, which check reads and fix writes.

Each layout the settings name plans its own entries (:mod:`readmelint.layouts`);
what fix writes is the input with every layout's blocks replaced
(:class:`readmelint.output.Output`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from functools import partial
from typing import TypeVar

from readmelint import toc
from readmelint.layouts import LayoutPlan
from readmelint.layouts.registry import LAYOUTS
from readmelint.model import Document
from readmelint.output import Block, Output
from readmelint.parse import parse
from readmelint.rules.style import RL104
from readmelint.settings import Settings

P = TypeVar("P", bound=LayoutPlan)


@dataclass(frozen=True)
class Canonical:
    """Every layout's plan for one document, by layout name."""

    document: Document
    plans: Mapping[str, LayoutPlan]

    def of(self, kind: type[P]) -> P:
        """The plan of that kind (a layout's check asks for its own)."""
        found = next((plan for plan in self.plans.values() if isinstance(plan, kind)), None)
        if found is None:
            raise LookupError(f"no {kind.__name__} in this canonical form")
        return found

    def output(self, kept: Collection[tuple[int, int]] = ()) -> Output:
        """What fix writes, holding none of the document but its lines; the blocks
        ``kept`` (first and last line) as they are."""
        blocks = sorted(
            (
                Block(block.start, block.end, (range(block.start - 1, block.end),))
                if (block.start, block.end) in kept
                else block
                for plan in self.plans.values()
                for block in plan.blocks()
            ),
            key=lambda block: block.start,
        )
        return Output(self.document.lines, tuple(blocks))

    def text(self) -> str:
        return self.output().text()


def plan(document: Document, settings: Settings, all_lines: bool = True) -> Canonical:
    """The canonical form of ``document``; ``all_lines=False`` keeps only what check needs.

    (A long list's rendered lines take as much memory as the file.)
    """
    if not settings.enabled(RL104.code):
        # Entry order turned off: entries keep theirs in every layout, and the rest of
        # each run, table and list is still fixed.
        settings = replace(settings, sort=False)
    reparse = partial(parse, settings=settings)
    plans = {
        name: LAYOUTS[name].plan(document, settings, reparse, all_lines)
        for name in settings.layouts
    }
    # The table of contents is no layout, but fix writes it again the same way.
    plans["contents"] = toc.plan(document)
    return Canonical(document, plans)
