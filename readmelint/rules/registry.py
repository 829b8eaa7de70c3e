"""The registry: every rule module, and the checks that run on each document.

A rule module declares its :class:`~readmelint.rules.base.Rule` objects in ``RULES``
and a ``check(context)`` that yields their diagnostics (suppressions apply to what
the checks find, so theirs has none). Adding a rule module means a line here; an
entry layout brings its own rules (see :mod:`readmelint.layouts`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from readmelint.layouts import table
from readmelint.model import Diagnostic
from readmelint.rules import fields, papers, style, suppression
from readmelint.rules.base import Context, Rule

_MODULES = (fields, style, table, papers, suppression)

RULES: tuple[Rule, ...] = tuple(
    sorted((rule for module in _MODULES for rule in module.RULES), key=lambda rule: rule.code)
)
BY_CODE = {rule.code: rule for rule in RULES}
# The checks run on every document, in this order.
CHECKS: tuple[Callable[[Context], Iterator[Diagnostic]], ...] = (
    fields.check,
    style.check,
    table.check,
    papers.check,
)
