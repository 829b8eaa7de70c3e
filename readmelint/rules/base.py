"""A rule: one diagnostic code, its documentation, and the only way to emit it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from readmelint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from readmelint.canonical.plan import Canonical
    from readmelint.model import Document
    from readmelint.settings import Settings


@dataclass(frozen=True, slots=True)
class Rule:
    """A diagnostic code and what ``readmelint rules CODE`` says of it.

    ``failing`` is an example document that reports the code at line
    ``failing_line`` (and nowhere else); ``passing`` reports nothing of it. Both
    are checked against the bundled schema, or the bundled schema with each field
    of ``schema_fields`` replaced, where a rule depends on what a schema says, and
    with the configuration keys of ``config`` (a layout, item patterns).
    Severity: an error, or a warning for what ``fix`` repairs, unless given.
    """

    code: str
    name: str
    summary: str
    explanation: str
    failing: str
    passing: str
    fixable: bool = False
    failing_line: int = 1
    schema_fields: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    config: Mapping[str, Any] = field(default_factory=dict)
    severity: Severity | None = None

    def __post_init__(self) -> None:
        if self.severity is None:
            level = Severity.WARNING if self.fixable else Severity.ERROR
            object.__setattr__(self, "severity", level)

    @property
    def level(self) -> Severity:
        assert self.severity is not None  # set by __post_init__
        return self.severity

    def at(self, path: str, line: int, column: int, message: str) -> Diagnostic:
        """A diagnostic of this rule: the code, severity and fixability come from here."""
        return Diagnostic(path, line, column, self.code, message, self.level, self.fixable)


@dataclass(frozen=True)
class Context:
    """What a rule's check reads: the parsed document, its settings and canonical form."""

    path: str
    document: Document
    settings: Settings
    canonical: Canonical
