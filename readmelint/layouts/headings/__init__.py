"""The headings layout: an entry per heading, its fields a list or ``**Label:** value`` lines.

:mod:`.runs` says where entries may move, :mod:`.style` how their lists are
written, :mod:`.render` how an entry reads in canonical form and :mod:`.plan`
puts it together; the parser (:mod:`readmelint.parse`) finds the entries.
"""

from __future__ import annotations

from readmelint.layouts.headings.plan import Plan, plan

__all__ = ["Plan", "plan"]
