"""The table layout: one paper per row of a table whose header names schema fields.

:mod:`.rows` reads entry tables and says what a row holds (for the safety check),
:mod:`.render` writes them in canonical form, :mod:`.rules` reports how they
differ from it.
"""

from __future__ import annotations

from readmelint.layouts.table.render import TablesPlan, plan
from readmelint.layouts.table.rows import find, signature, table_signature
from readmelint.layouts.table.rules import RULES, check

__all__ = ["RULES", "TablesPlan", "check", "find", "plan", "signature", "table_signature"]
