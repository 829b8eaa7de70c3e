"""readmelint: lint and fix hand-kept paper-list READMEs.

The public API::

    import readmelint

    settings = readmelint.Settings(schema=readmelint.load_schema(Path("my.schema.json")))
    for problem in readmelint.check_text(text, settings, path="README.md"):
        print(problem.line, problem.column, problem.code, problem.message)
    fixed = readmelint.fix_text(text, settings)  # raises SafetyError rather than lose content

Names are imported on first use, so ``readmelint --version`` does not load the parser.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from readmelint.check import check_text
    from readmelint.diagnostics import Diagnostic, Severity
    from readmelint.errors import ConfigError, ReadmelintError, SafetyError
    from readmelint.fix import fix_text
    from readmelint.schema import Schema, bundled_schema, load_schema
    from readmelint.settings import Settings, Sort

_PUBLIC = {
    "check_text": "readmelint.check",
    "fix_text": "readmelint.fix",
    "Diagnostic": "readmelint.model",
    "Severity": "readmelint.model",
    "Schema": "readmelint.schema",
    "bundled_schema": "readmelint.schema",
    "load_schema": "readmelint.schema",
    "Settings": "readmelint.settings",
    "Sort": "readmelint.settings",
    "ReadmelintError": "readmelint.errors",
    "ConfigError": "readmelint.errors",
    "SafetyError": "readmelint.errors",
}

__all__ = [
    "ConfigError",
    "Diagnostic",
    "ReadmelintError",
    "SafetyError",
    "Schema",
    "Settings",
    "Severity",
    "Sort",
    "__version__",
    "bundled_schema",
    "check_text",
    "fix_text",
    "load_schema",
]


def __getattr__(name: str) -> Any:
    if name in _PUBLIC:
        return getattr(import_module(_PUBLIC[name]), name)
    raise AttributeError(f"module 'readmelint' has no attribute {name!r}")
