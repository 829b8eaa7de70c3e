"""Entry layouts: where a list keeps its papers, one module each.

- ``headings`` (:mod:`.headings`): an entry per heading, its fields a bullet list or
  ``**Label:** value`` lines;
- ``table`` (:mod:`.table`): an entry per row of a table whose header names fields.

Each finds its entries in the block tokens (for the parser), renders them in
canonical form (a plan whose blocks replace lines of the input), reports how they
differ from it (rules), and says what of an entry the safety check compares.
The ``layout`` setting names the ones a file uses.
"""

from __future__ import annotations

NAMES = ("headings", "table")
