"""What an entry is, beyond its fields: what check and fix both ask of any layout's."""

from __future__ import annotations

from readmelint.markdown import has_text_outside_empty_links
from readmelint.model import Entry


def is_template_stub(entry: Entry) -> bool:
    """An entry with an empty heading and nothing in its fields but ``[placeholder]()`` links.

    check reports it once, for a person to fill in or delete; fix leaves it as it
    is (its heading unindented, as every entry's: see :func:`_as_is`).
    """
    return not entry.heading and not any(
        has_text_outside_empty_links(field.value) for field in entry.fields if field.value
    )


def shared_values(entry: Entry) -> tuple[tuple[str | None, str], ...]:
    """What an entry reads from lines it shares with others (see :attr:`Entry.shared`), for
    the safety check: fix never moves those lines, but must leave each entry under the
    same ones."""
    return tuple((field.key, field.value) for field in entry.shared)
