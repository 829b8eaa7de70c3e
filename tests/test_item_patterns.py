"""Item patterns on their own: what a placeholder reads, and where an item that no pattern
reads went wrong (RL013's column and its 'expected X here')."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.dates import DateFormats
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.pattern import Shape, compile_pattern
from tests.helpers import EVERY_LAYOUT, assert_survives

KEYS = ["title", "paper", "authors", "venue", "year", "note"]
SHAPES = {"year": Shape(DateFormats.from_keyword("YYYY").regex(), "a date written YYYY")}


def read(pattern: str, item: str) -> dict[str, str] | None:
    found = compile_pattern(pattern, KEYS, SHAPES).match(item)
    if found is None:
        return None
    return {key: item[start:end] for key, (start, end) in found.fields.items()}


def failure(pattern: str, item: str) -> tuple[str, str]:
    """What follows the place the pattern failed at, and what it expected there."""
    compiled = compile_pattern(pattern, KEYS, SHAPES)
    assert compiled.match(item) is None
    found = compiled.explain_failure(item)
    return item[found.offset :], found.expected


@pytest.mark.parametrize(
    "item",
    [
        "[Some Title ](https://x.org/a)",
        "[ Some Title](https://x.org/a)",
        "[Some Title\n](https://x.org/a)",
        "[Some Title]( https://x.org/a )",
    ],
)
def test_whitespace_at_a_placeholders_edge_is_no_part_of_the_field(item: str) -> None:
    assert read("[{title}]({paper})", item) == {"title": "Some Title", "paper": "https://x.org/a"}


def test_a_date_placeholder_is_trimmed_too() -> None:
    assert read("{venue} ({year})", "ICLR ( 2015 )") == {"venue": "ICLR", "year": "2015"}


@pytest.mark.parametrize(
    ("pattern", "item", "at", "expected"),
    [
        # The title is there: what failed is the space between `]` and `(`.
        ("[{title}]({paper})", "[Some Title] (https://x.org)", " (https://x.org)", "'('"),
        # The year is there but not in brackets: the character after the space.
        (
            "**{title}** ({year}), {authors}",
            "**Deep learning** 2015, Y. LeCun",
            "2015, Y. LeCun",
            "'('",
        ),
        # A date field that holds no date: where it starts, with its spelling.
        ("{title} ({year})", "Title (20x9)", "20x9)", "{year} (a date written YYYY)"),
        # A missing closing literal: at the end, expecting it.
        ("[{title}]({paper})", "[Title](https://x.org", "", "')'"),
        # The item goes on after the pattern's end.
        (
            "[{title}]({paper})",
            "[Title](https://x.org) and more",
            "and more",
            "the end of the item",
        ),
        # An optional part read both ways: the furthest reading wins.
        ("{title}{? [{venue}]}, {authors}", "Title [ICLR] A. Author", " A. Author", "','"),
    ],
)
def test_an_unread_item_is_reported_at_the_character_that_failed(
    pattern: str, item: str, at: str, expected: str
) -> None:
    assert failure(pattern, item) == (at, expected)


def test_rl013_points_at_the_character_that_failed() -> None:
    text = (
        "- **Adam** (2014), D. Kingma [[pdf]](https://x.org/adam)\n"
        "- **Dropout** (2014), N. Srivastava [[pdf]](https://x.org/dropout)\n"
        "- **Deep learning** 2015, Y. LeCun [[pdf]](https://x.org/dl)\n"
    )
    found = [
        (d.line, d.column, d.message) for d in check_text(text, EVERY_LAYOUT) if d.code == "RL013"
    ]
    assert found == [(3, 21, "item matches no item pattern: expected '(' here")]


# --- a property: whitespace at the edges of every placeholder ---------------------------

edges = st.sampled_from(["", "", " ", "  ", "\u00a0"])


@st.composite
def spaced_items(draw: st.DrawFn) -> tuple[str, list[tuple[str, str]]]:
    """A list of papers in the two golden shapes, each placeholder's value with whitespace
    at its edges; and the title and year each should read."""
    lines, expected = [], []
    for number in range(draw(st.integers(2, 5))):
        title = draw(st.sampled_from(["Deep learning", "Dropout", "深度学习", "ViT 🚀"]))
        year = str(draw(st.integers(2000, 2025)))

        def edge(value: str) -> str:
            return draw(edges) + value + draw(edges)

        if draw(st.booleans()):
            item = f"**{edge(title)}** ({edge(year)}), {edge('A. Author')} [[pdf]]({edge('https://x.org/' + str(number))})"
        else:
            item = f"[**{title}.**]({edge('https://x.org/' + str(number))}) _A. Author._ {edge('Arxiv')} {edge(year)}."
        lines.append(f"- {item}")
        expected.append((title, year))
    return "# Papers\n\n" + "\n".join(lines) + "\n", expected


@settings(max_examples=100, deadline=None)
@given(spaced_items())
def test_whitespace_at_edges_reads_trimmed_fields_and_fix_keeps_it(
    case: tuple[str, list[tuple[str, str]]],
) -> None:
    text, expected = case
    entries = parse(text, EVERY_LAYOUT).entries
    read_back = [(e.field("title").value, e.field("year").value) for e in entries]  # type: ignore[union-attr]
    assert sorted(read_back) == sorted(expected)
    assert_survives(text.encode(), EVERY_LAYOUT)
    fixed = fix_text(text, EVERY_LAYOUT)
    assert Counter(fixed.split()) == Counter(text.split())  # items only move


# --- what a pattern sees: the item's first paragraph (issue 22 item 4) -----------------


@pytest.mark.parametrize(
    ("pattern", "read"),
    [("[{title}]({paper}){...}", ["A", "B"]), ("[{title}]({paper}) {note}", [])],
)
def test_a_pattern_reads_the_items_first_paragraph_not_its_sub_items(
    tmp_path: Path, pattern: str, read: list[str]
) -> None:
    """As the README says: sub-lists and later paragraphs move with the item, unread."""
    fields = {key: {"type": "string"} for key in ("title", "paper", "note")}
    schema = {"type": "object", "properties": {"fields": {"properties": fields}}}
    (tmp_path / "schema.json").write_text(json.dumps(schema), "utf-8")
    config = tmp_path / ".readmelint.toml"
    config.write_text(f'schema = "schema.json"\nlayout = "items"\nitem = {json.dumps(pattern)}\n')
    settings_ = load_config(config).settings
    text = (
        "- [A](https://x.org/a)\n  - Code: https://x.org/a-code\n\n  a note\n"
        "- [B](https://x.org/b)\n  - Code: https://x.org/b-code\n"
    )
    entries = parse(text, settings_).entries
    assert [entry.field("title").value for entry in entries] == read  # type: ignore[union-attr]
    assert all(entry.field("note") is None for entry in entries)
