"""The items layout: one paper per list item, its fields read by patterns the user writes.

:mod:`.find` finds entry lists and reads their items, :mod:`.render` writes them in
canonical form (sorted, numbered), :mod:`.rules` reports how they differ from it,
and :mod:`.layout` is the layout as the registry knows it.
"""
