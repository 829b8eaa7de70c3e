"""The canonical form of a document, which check reads and fix writes.

Each layout the settings name plans its own entries (:mod:`readmelint.layouts`);
what fix writes is the input with every layout's blocks replaced
(:class:`readmelint.output.Output`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from readmelint import toc
from readmelint.layouts import LayoutPlan
from readmelint.layouts.registry import LAYOUTS
from readmelint.model import Document
from readmelint.output import Output
from readmelint.parse import parse
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

    def output(self) -> Output:
        """What fix writes, holding none of the document but its lines."""
        blocks = sorted(
            (block for plan in self.plans.values() for block in plan.blocks()),
            key=lambda block: block.start,
        )
        return Output(self.document.lines, tuple(blocks))

    def text(self) -> str:
        return self.output().text()


def plan(document: Document, settings: Settings, all_lines: bool = True) -> Canonical:
    """The canonical form of ``document``; ``all_lines=False`` keeps only what check needs.

    (A long list's rendered lines take as much memory as the file.)
    """
    reparse = partial(parse, settings=settings)
    plans = {
        name: LAYOUTS[name].plan(document, settings, reparse, all_lines)
        for name in settings.layouts
    }
    # The table of contents is no layout, but fix writes it again the same way.
    plans["contents"] = toc.plan(document)
    return Canonical(document, plans)
