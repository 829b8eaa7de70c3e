"""The table layout: one paper per row of a table whose header names schema fields.

:mod:`.rows` reads entry tables and says what a row holds (for the safety check),
:mod:`.render` writes them in canonical form, :mod:`.rules` reports how they
differ from it, and :mod:`.layout` is the layout as the registry knows it.
"""
