"""fix: the canonical form of a text, verified before it is returned.

Only entries change (see :mod:`readmelint.layouts.headings.plan`); the output is parsed
again and compared with the input (see :mod:`readmelint.verify`) before anyone
writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readmelint.canonical.order import own_order
from readmelint.canonical.plan import plan
from readmelint.check import kept_blocks
from readmelint.diagnostics import Region
from readmelint.judge import differs, judge, unjudged
from readmelint.model import Document
from readmelint.output import Output
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.verify import Preserved

Renderer = Callable[[Document, Settings], str]


def render(document: Document, settings: Settings) -> str:
    return _output(document, settings)[0].text()


def _output(document: Document, settings: Settings) -> tuple[Output, frozenset[tuple[int, int]]]:
    """The canonical form, but for the blocks holding a change check does not report
    (which it returns too)."""
    settings = own_order(document, settings)
    canonical = plan(document, settings)
    kept = kept_blocks(document, settings, canonical)
    return canonical.output(kept), kept


def fix_text(text: str, settings: Settings | None = None, renderer: Renderer | None = None) -> str:
    """The canonical form of ``text``, verified (see :class:`Preserved`) before it is returned.

    Raises :class:`~readmelint.errors.SafetyError` instead of returning a text that
    lost anything.
    """
    return fix_document(text, settings or Settings(), renderer).text


@dataclass(frozen=True)
class Fixed:
    """What fix makes of a text: its canonical form, verified, and that form parsed."""

    text: str
    output: Document
    # Where ``text`` differs from the input, or None: anywhere (another renderer's).
    regions: tuple[Region, ...] | None


def fix_document(text: str, settings: Settings, renderer: Renderer | None = None) -> Fixed:
    """The canonical form of ``text``; raises :class:`SafetyError` if it lost anything.

    The input's parse is let go before the output is joined and parsed: with both
    parses and texts alive, a long list took four times its text's memory.
    """
    document = parse(text, settings)
    if renderer is None or renderer is render:
        output, kept = _output(document, settings)
        regions: tuple[Region, ...] | None = output.regions()
        if not regions:
            return Fixed(text, document, ())
        expected, contents = Preserved.of(document, kept), unjudged(document)
        del document
        fixed = output.text()
        del output
    else:
        fixed, regions = renderer(document, settings), None
        if fixed == text:
            return Fixed(text, document, ())
        expected, contents = Preserved.of(document), unjudged(document)
        del document
    # GitHub's rendering first looked at before the output's parse is alive: each holds
    # a whole tree. A refusal waits for the first judge, which says most.
    rendering_differs = differs(text, fixed)
    parsed = parse(fixed, settings)
    expected.verify(parsed)
    if rendering_differs:
        judge(text, fixed, contents, parsed)
    return Fixed(fixed, parsed, regions)
