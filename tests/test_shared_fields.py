"""A field whose text lies outside its entry, on lines several entries share.

A digest writes a date once, in the heading above its papers. No layout reads
such lists yet; here a wrapper around the headings layout gives each entry the
date of the ``##`` heading above it as a shared field, and the core must take it:
the schema sees it, check reports a bad one once, the line coverage and the
renderer leave it where it is, and the safety check accepts fix's output.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest

from readmelint.check import check_text
from readmelint.diagnostics import Diagnostic
from readmelint.fix import fix_text
from readmelint.layouts import Around, Finder, LayoutPlan, Reparse
from readmelint.layouts.adding import Insertion, NewEntry
from readmelint.layouts.headings import layout as headings
from readmelint.layouts.headings.find import Headed, HeadingFinder, headed
from readmelint.layouts.registry import LAYOUTS
from readmelint.model import Document, Entry, Field, Found, Span
from readmelint.parse import parse
from readmelint.records import records
from readmelint.rules.base import Context, Rule
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import Lines
from readmelint.whitespace import WhitespaceMarks

if TYPE_CHECKING:
    from markdown_it.token import Token

DATE = "submission_date"


class _DatedFinder:
    """The headings finder, then each entry given the ``##`` heading above it as its date."""

    def __init__(self, lines: Lines, settings: Settings, marks: WhitespaceMarks):
        self.lines = lines
        self.finder = HeadingFinder(lines, settings, marks)

    def add(self, tokens: Sequence[Token], index: int) -> None:
        self.finder.add(tokens, index)

    def build(self, around: Around) -> Found:
        found = self.finder.build(around)
        dates = [
            Field("Submission Date", DATE, Span(n, n), 4, "", self.lines)
            for n, line in enumerate(self.lines, 1)
            if line.startswith("## ")
        ]
        dated = []
        for entry in found.entries:
            above = [field for field in dates if field.span.start < entry.span.start]
            dated.append(replace(entry, shared=tuple(above[-1:])) if above else entry)
        return Headed(tuple(dated))


class _DatedHeadings:
    """The headings layout, but for its finder (see :class:`_DatedFinder`)."""

    NAME = headings.NAME
    RULES: tuple[Rule, ...] = headings.RULES
    CONFIG = headings.CONFIG

    def configure(
        self, table: Mapping[str, object], schema: Schema, name: str, read: bool
    ) -> dict[str, Any]:
        return headings.configure(table, schema, name, read)

    def find(self, lines: Lines, settings: Settings, marks: WhitespaceMarks) -> Finder:
        return _DatedFinder(lines, settings, marks)

    def plan(
        self, document: Document, settings: Settings, reparse: Reparse, all_lines: bool
    ) -> LayoutPlan:
        return headings.plan(document, settings, reparse, all_lines)

    def check(self, context: Context) -> Iterator[Diagnostic]:
        return headings.check(context)

    def signatures(self, document: Document) -> Iterator[tuple[int, str, object]]:
        return headings.signatures(document)

    def spans(self, document: Document) -> Iterator[tuple[int, int]]:
        return headings.spans(document)

    def add(
        self,
        document: Document,
        settings: Settings,
        new: NewEntry,
        before: Entry | None,
        after: Entry | None,
    ) -> Insertion:
        return headings.add(document, settings, new, before, after)


@pytest.fixture(autouse=True)
def dated_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(LAYOUTS, headings.NAME, _DatedHeadings())


def entry(name: str, arxiv: str, *, extra: str = "") -> str:
    return (
        f"### {name}\n"
        f"- **Paper:** [{name}](https://arxiv.org/abs/{arxiv})\n"
        "- **Accepted:** arXiv\n"
        f"- **Authors:** Someone{extra}\n"
        "- **Tags:** multimodal\n"
        "- **Abstract:** A model.\n"
        "- **Personal note:** [Note](https://example.org/n)\n"
    )


DIGEST = (
    "# Digest\n\n"
    "## 2024-02-19\n\n"
    + entry("AnyGPT", "2402.12226")
    + "\n"
    + entry("Other", "2402.12227")
    + "\n## 2024-02-20\n\n"
    + entry("Third", "2402.13000")
)
SETTINGS = Settings(today=None, sort=False)


def test_each_entry_holds_the_date_of_the_heading_above_it() -> None:
    document = parse(DIGEST, SETTINGS)
    dates = {entry.heading: entry.field(DATE) for entry in headed(document)}
    assert {name: field.value for name, field in dates.items() if field} == {
        "AnyGPT": "2024-02-19",
        "Other": "2024-02-19",
        "Third": "2024-02-20",
    }
    anygpt, other, _ = headed(document)
    assert anygpt.shared[0].span == other.shared[0].span == Span(3, 3)  # one line, shared
    assert anygpt.shared[0].span.start not in anygpt.span
    assert [f.key for f in anygpt.fields] == [
        "paper",
        "accepted",
        "authors",
        "tags",
        "abstract",
        "personal_note",
    ]


def test_the_schema_sees_a_shared_field() -> None:
    """Without the shared date, every entry would miss its Submission Date (RL001)."""
    assert [d.code for d in check_text(DIGEST, SETTINGS)] == []
    [record, *_] = records(parse(DIGEST, SETTINGS), SETTINGS, "README.md")
    assert record.fields[DATE] == "2024-02-19"


def test_a_bad_shared_field_is_reported_once_at_its_own_line() -> None:
    text = DIGEST.replace("## 2024-02-19", "## 2024-02-31")
    found = [(d.line, d.column, d.code) for d in check_text(text, SETTINGS)]
    assert found == [(3, 4, "RL003")]  # not once for each of the two entries


def test_fix_leaves_a_shared_field_where_it_is_and_its_check_agrees() -> None:
    """The renderer writes no shared field into an entry, the line coverage of check counts
    none of its lines, and the safety check accepts the output."""
    messy = DIGEST.replace(
        "- **Accepted:** arXiv\n- **Authors:** Someone\n",
        "- **Authors:** Someone\n- **Accepted:** arXiv\n",
        1,
    )
    assert [d.code for d in check_text(messy, SETTINGS)] == ["RL101"]
    fixed = fix_text(messy, SETTINGS)
    assert fixed == DIGEST
    assert fixed.count("2024-02-19") == 1
    assert check_text(fixed, SETTINGS) == []


def test_entries_sort_by_a_shared_date_and_stay_under_their_heading() -> None:
    """Sorted newest first, the entries of one heading share a date and keep their order;
    the digest's two headings bound where they may move."""
    settings = Settings()
    assert check_text(DIGEST, settings) == []
    assert fix_text(DIGEST, settings) == DIGEST


def test_the_safety_check_compares_shared_fields() -> None:
    """An output whose entries read another shared value is refused (the signature holds it)."""
    document = parse(DIGEST, SETTINGS)
    signatures = {line: sig for line, _, sig in headings.signatures(document)}
    moved = parse(DIGEST.replace("## 2024-02-19", "## 2024-02-18"), SETTINGS)
    assert signatures != {line: sig for line, _, sig in headings.signatures(moved)}
