"""fix: the canonical form of a text, verified before it is returned.

Only entries change (see :mod:`readmelint.layouts.headings.plan`); the output is parsed
again and compared with the input (see :mod:`readmelint.verify`) before anyone
writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from readmelint.canonical.plan import plan
from readmelint.model import Document, Region
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.verify import Preserved

Renderer = Callable[[Document, Settings], str]


def render(document: Document, settings: Settings) -> str:
    return plan(document, settings).text()


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
        output = plan(document, settings).output()
        regions: tuple[Region, ...] | None = output.regions()
        if not regions:
            return Fixed(text, document, ())
        expected = Preserved.of(document)
        del document
        fixed = output.text()
        del output
    else:
        fixed, regions = renderer(document, settings), None
        if fixed == text:
            return Fixed(text, document, ())
        expected = Preserved.of(document)
        del document
    parsed = parse(fixed, settings)
    expected.verify(parsed)
    return Fixed(fixed, parsed, regions)
