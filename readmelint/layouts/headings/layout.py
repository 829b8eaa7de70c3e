"""The headings layout, as the registry knows it (see :class:`readmelint.layouts.EntryLayout`)."""

from __future__ import annotations

from collections.abc import Iterator

from readmelint.layouts.headings.check import check
from readmelint.layouts.headings.new import add
from readmelint.layouts.headings.plan import plan
from readmelint.layouts.headings.runs import runs_of
from readmelint.model import Document
from readmelint.rules.base import Rule
from readmelint.verify import entry_signature

NAME = "headings"
RULES: tuple[Rule, ...] = ()  # it reports the shared codes of rules/fields and rules/style

__all__ = ["NAME", "RULES", "add", "check", "plan", "signatures", "spans"]


def signatures(document: Document) -> Iterator[tuple[int, str, object]]:
    for entry in document.headed:
        name = f"entry {entry.heading or '(empty heading)'!r} (line {entry.line})"
        yield entry.line, name, entry_signature(document, entry)


def spans(document: Document) -> Iterator[tuple[int, int]]:
    """Each run of entries: fix may rewrite and reorder the entries inside it."""
    for run in runs_of(document):
        yield run[0].span.start, run[-1].span.end
