"""check: every problem in a document, from the rules in the registry.

It reads the canonical form (:mod:`readmelint.canonical.plan`, which fix writes) to
report what fix would change, but never runs fix or writes anything. What a user turns
off (``select``, ``ignore``, an inline suppression) fix must not change either: a block
that holds such a change (a run of entries, a table, a list, the contents) is one fix
leaves as it is, and check reports what else is in it as not fixable
(:func:`judged`, which fix asks too).
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from readmelint.canonical.order import own_order
from readmelint.canonical.plan import Canonical, plan
from readmelint.diagnostics import Diagnostic
from readmelint.layouts.registry import LAYOUTS
from readmelint.model import Document
from readmelint.parse import parse
from readmelint.rules.base import Context
from readmelint.rules.registry import BY_CODE, Check, checks, fixable_checks
from readmelint.rules.suppression import apply_suppressions, has_directives
from readmelint.settings import Settings


def check_text(text: str, settings: Settings | None = None, path: str = "-") -> list[Diagnostic]:
    """Every problem in ``text`` (default settings unless given), sorted by position.

    ``path`` names the text in the diagnostics.
    """
    settings = settings or Settings()
    return check_document(parse(text, settings), settings, path)


def check_document(document: Document, settings: Settings, path: str) -> list[Diagnostic]:
    settings = own_order(document, settings)
    canonical = plan(document, settings, all_lines=False)
    return judged(document, settings, path, canonical, checks(settings)).reported


@dataclass(frozen=True)
class Judged:
    """What check reports of a document, and the blocks fix must leave as they are."""

    reported: list[Diagnostic]  # sorted by position
    kept: frozenset[tuple[int, int]]  # first and last line of each block fix keeps


def judged(
    document: Document,
    settings: Settings,
    path: str,
    canonical: Canonical,
    run: Iterable[Check],
) -> Judged:
    """The diagnostics of the checks ``run``, suppressed and selected as the settings and
    the document's comments say, and the blocks that hold a fixable one not reported."""
    context = Context(path, document, settings, canonical)
    found = [diagnostic for check in run for diagnostic in check(context)]
    reported = [
        d for d in apply_suppressions(document, found, path, BY_CODE) if settings.enabled(d.code)
    ]
    hidden: list[Diagnostic] = []
    if _may_hide(document, settings):
        shown = set(reported)
        hidden = [d for d in found if d.fixable and d not in shown]
    kept = _blocks_holding(document, settings, hidden) if hidden else frozenset()
    if kept:
        starts = sorted(kept)
        reported = [
            replace(d, fixable=False) if d.fixable and _inside(starts, d.line) else d
            for d in reported
        ]
    return Judged(sorted(reported, key=Diagnostic.sort_key), kept)


def kept_blocks(
    document: Document, settings: Settings, canonical: Canonical
) -> frozenset[tuple[int, int]]:
    """The blocks fix leaves as they are: those holding a change check does not report."""
    if not _may_hide(document, settings):
        return frozenset()  # every change is reported
    return judged(document, settings, "-", canonical, fixable_checks(settings)).kept


def _may_hide(document: Document, settings: Settings) -> bool:
    """Whether the settings or the document's comments may hide a diagnostic from check."""
    return bool(settings.select or settings.ignore or has_directives(document))


def _blocks_holding(
    document: Document, settings: Settings, diagnostics: Sequence[Diagnostic]
) -> frozenset[tuple[int, int]]:
    """The blocks fix rewrites as a whole (each layout's, and the contents) that hold one
    of ``diagnostics``; all of them if one lies outside every block."""
    blocks = [span for name in settings.layouts for span in LAYOUTS[name].spans(document)]
    if document.toc is not None:
        blocks.append((document.toc.span.start, document.toc.span.end))
    blocks.sort()
    held = set()
    for diagnostic in diagnostics:
        index = bisect_right(blocks, (diagnostic.line, sys.maxsize)) - 1
        if index < 0 or blocks[index][1] < diagnostic.line:
            return frozenset(blocks)
        held.add(blocks[index])
    return frozenset(held)


def _inside(blocks: Sequence[tuple[int, int]], line: int) -> bool:
    index = bisect_right(blocks, (line, sys.maxsize)) - 1
    return index >= 0 and blocks[index][1] >= line
