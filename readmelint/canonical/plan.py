"""The canonical form of a document, which check reads and fix writes.

Each layout plans its own entries (:mod:`readmelint.layouts`); what fix writes
is the input with each layout's blocks replaced (:class:`readmelint.output.Output`).
"""

from __future__ import annotations

from dataclasses import dataclass

from readmelint.layouts import headings, table
from readmelint.model import Document
from readmelint.output import Output
from readmelint.settings import Settings


@dataclass(frozen=True)
class Canonical:
    """Every layout's plan for one document."""

    document: Document
    headings: headings.Plan
    tables: table.TablesPlan

    def output(self) -> Output:
        """What fix writes, holding none of the document but its lines."""
        blocks = sorted([*self.headings.blocks(), *self.tables.blocks()], key=lambda b: b.start)
        return Output(self.document.lines, tuple(blocks))

    def text(self) -> str:
        return self.output().text()


def plan(document: Document, settings: Settings, all_lines: bool = True) -> Canonical:
    """The canonical form of ``document``; ``all_lines=False`` keeps only what check needs.

    (A long list's rendered lines take as much memory as the file.)
    """
    return Canonical(
        document,
        headings.plan(document, settings, all_lines),
        table.plan(document, settings),
    )
