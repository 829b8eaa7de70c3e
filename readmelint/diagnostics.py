"""What check reports: a diagnostic at a place in a file, and the lines a fix changed.

Apart from :mod:`readmelint.model` so that an answer from the cache, which needs
only these, imports none of the document's model.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import NamedTuple


class Region(NamedTuple):
    """Lines ``old_start:old_end`` of a text became ``new_start:new_end`` of another.

    0-based, end excluded. The lines before and after are the same in both.
    """

    old_start: int
    old_end: int
    new_start: int
    new_end: int


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    path: str
    line: int
    column: int
    code: str
    message: str
    severity: Severity = Severity.ERROR
    fixable: bool = False

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.line, self.column, self.code)
