"""The headings layout: an entry per heading, its fields a list or ``**Label:** value`` lines.

:mod:`.find` finds the entries in the block tokens, :mod:`.runs` says where they
may move, :mod:`.style` how their lists are written, :mod:`.render` how an entry
reads in canonical form, :mod:`.plan` puts it together, :mod:`.check` reports
the differences and :mod:`.layout` is the layout as the registry knows it.
"""
