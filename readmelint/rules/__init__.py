"""Every rule readmelint has, one module per kind of check (see :mod:`.registry`).

``RULES``, ``BY_CODE`` and ``CHECKS`` are read from the registry on first use, so that
a module declaring rules can import :mod:`readmelint.rules.base` without loading
every other rule module first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from readmelint.rules.registry import BY_CODE, CHECKS, RULES

__all__ = ["BY_CODE", "CHECKS", "RULES"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        # Loaded on first use: a command that runs no rule (``--version``) or one rule
        # module alone does not pay for importing every rule and layout.
        from readmelint.rules import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'readmelint.rules' has no attribute {name!r}")
