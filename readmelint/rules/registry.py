"""The registry: every rule, and the checks that run on each document.

A rule module declares its :class:`~readmelint.rules.base.Rule` objects in ``RULES``
and, if it checks something, a ``check(context)`` that yields their diagnostics.
Each layout brings its own check and rules (see :mod:`readmelint.layouts`).
Adding a rule module means a line here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from readmelint.diagnostics import Diagnostic
from readmelint.layouts.registry import LAYOUTS
from readmelint.rules import fields, links, papers, style, suppression, unread
from readmelint.rules.base import Context, Rule
from readmelint.settings import Settings

Check = Callable[[Context], Iterator[Diagnostic]]

_MODULES = (fields, style, papers, links, suppression, unread)

RULES: tuple[Rule, ...] = tuple(
    sorted(
        [
            *(rule for module in _MODULES for rule in module.RULES),
            *(rule for layout in LAYOUTS.values() for rule in layout.RULES),
        ],
        key=lambda rule: rule.code,
    )
)
BY_CODE = {rule.code: rule for rule in RULES}
# The checks every document gets, whatever its layouts; suppressions apply after.
CHECKS: tuple[Check, ...] = (fields.check, style.check, papers.check, links.check, unread.check)


def checks(settings: Settings) -> list[Check]:
    """The checks for a document read with ``settings``: the common ones, then its layouts'."""
    return [*CHECKS, *(LAYOUTS[name].check for name in settings.layouts)]


# The common checks that may report what fix changes (the others need the schema's
# validator, which fix has no use for).
_FIXING: tuple[Check, ...] = tuple(
    module.check
    for module in _MODULES
    if hasattr(module, "check") and any(r.fixable for r in module.RULES)
)


def fixable_checks(settings: Settings) -> list[Check]:
    """The checks that may report a change fix makes: its layouts', and the contents'."""
    return [*_FIXING, *(LAYOUTS[name].check for name in settings.layouts)]
