"""Every rule readmelint has, one module per kind of check, and the registry of them.

A rule module declares its :class:`~readmelint.rules.base.Rule` objects in ``RULES``
and, unless another module applies them, a ``check(context)`` that yields their
diagnostics. Adding one means a module and a line in ``_MODULES``.
"""

from __future__ import annotations

from readmelint.rules import fields, style, suppression
from readmelint.rules.base import Context, Rule

__all__ = ["BY_CODE", "CHECKS", "RULES", "Context", "Rule"]

_MODULES = (fields, style, suppression)

RULES: tuple[Rule, ...] = tuple(rule for module in _MODULES for rule in module.RULES)
BY_CODE = {rule.code: rule for rule in RULES}
# The checks run on every document, in this order; suppressions apply to what they find.
CHECKS = (fields.check, style.check)
