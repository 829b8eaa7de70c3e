"""check: every problem in a document, from the rules in the registry.

It reads the canonical form (:mod:`readmelint.layouts.headings.plan`) to report what fix
would change, but never runs fix or writes anything.
"""

from __future__ import annotations

from readmelint.canonical.plan import plan
from readmelint.model import Diagnostic, Document
from readmelint.parse import parse
from readmelint.rules.base import Context
from readmelint.rules.registry import BY_CODE, checks
from readmelint.rules.suppression import apply_suppressions
from readmelint.settings import Settings


def check_text(text: str, settings: Settings | None = None, path: str = "-") -> list[Diagnostic]:
    """Every problem in ``text`` (default settings unless given), sorted by position.

    ``path`` names the text in the diagnostics.
    """
    settings = settings or Settings()
    return check_document(parse(text, settings), settings, path)


def check_document(document: Document, settings: Settings, path: str) -> list[Diagnostic]:
    context = Context(path, document, settings, plan(document, settings, all_lines=False))
    found = [diagnostic for check in checks(settings) for diagnostic in check(context)]
    found = apply_suppressions(document, found, path, BY_CODE)
    return sorted((d for d in found if settings.enabled(d.code)), key=Diagnostic.sort_key)
