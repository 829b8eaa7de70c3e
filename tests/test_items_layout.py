"""The items layout: what it reads and reports, the real lists, and properties over generated
lists (its golden files run in ``tests/test_golden.py``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.errors import ConfigError
from readmelint.fix import fix_text
from readmelint.layouts.items.find import lists_of
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import CORPUS, assert_survives

GOLDEN = Path(__file__).parent / "golden_items"
SETTINGS = load_config(GOLDEN / ".readmelint.toml").settings


def test_diagnostics_at_the_item_and_the_field() -> None:
    text = (
        "1. [**A.**](https://x.org/a) _A. Author._ Arxiv 2015.\n"
        "3. [**B.**](https://x.org/b) _B. Author._ CVPR 2024.\n"
        "4. [**C.**](https://x.org/c) B. Author. CVPR 2023.\n"
    )
    found = [(d.line, d.column, d.code, d.message) for d in check_text(text, SETTINGS)]
    assert found == [
        (2, 1, "RL110", "item numbered 3. should be 2.: the list is numbered from 1"),
        (
            2,
            4,
            "RL104",
            "this item should come before line 1: items are sorted by Year, newest first",
        ),
        (3, 1, "RL110", "item numbered 4. should be 3.: the list is numbered from 1"),
        (3, 30, "RL013", "item matches no item pattern: expected '_' here"),
    ]


def test_a_digests_day_lists_are_judged_together_then_each_on_its_own() -> None:
    """A day with one paper is a one-item list: on its own it could be anything, but
    with the other days' lists it is plainly part of the digest."""
    paper = "[**{0}.**](https://x.org/{0}) _A._ Arxiv 2024."
    text = (
        f"- **[2024.05.02]**\n  - {paper.format('A')}\n  - {paper.format('B')}\n"
        f"- **[2024.05.01]**\n  - {paper.format('C')}\n"
        "- **[2024.04.30]**\n  - a note, no paper\n"
    )
    lists = lists_of(parse(text, SETTINGS))
    assert [[item.span.start for item in items.items] for items in lists] == [[2, 3], [5]]
    alone = f"- **[2024.05.01]**\n  - {paper.format('C')}\n- **[2024.04.30]**\n  - a note\n"
    assert lists_of(parse(alone, SETTINGS)) == ()  # one paper in all: no entry list


def test_a_list_whose_new_last_item_would_take_in_the_next_line_is_left_as_it_is() -> None:
    """The item sorted last ends in a paragraph, which continues into the line after the
    list; the old last item's unclosed fence kept that line out (found by fuzzing)."""
    text = "- **m** (2014), a [[pdf]](m)\n- **g** (2024), b [[pdf]](g)\n  ```\n|\n"
    assert fix_text(text, SETTINGS) == text
    assert not [d for d in check_text(text, SETTINGS) if d.fixable]
    assert fix_text(text.removesuffix("|\n"), SETTINGS).startswith("- **g**")


def test_a_blank_line_between_items_is_emptied_even_inside_an_open_fence() -> None:
    """The blank line of spaces under an item's unclosed fence is the fence's, but it
    stays where it is while the items move: kept, the next fix emptied it (found by
    fuzzing)."""
    text = (
        "- **a** (2014), x [[pdf]](https://x.org/a)\n  ```\n   \n"
        "- **b** (2024), y [[pdf]](https://x.org/b)\n- **c** (2020), z [[pdf]](https://x.org/c)\n"
    )
    assert_survives(text.encode(), SETTINGS)
    assert [d.line for d in check_text(text, SETTINGS) if d.code == "RL105"] == [3]


def test_sort_false_keeps_the_order_and_still_numbers() -> None:
    text = "1. [**A.**](https://x.org/a) _A._ Arxiv 2015.\n3. [**B.**](https://x.org/b) _B._ Arxiv 2024.\n"
    unsorted = Settings(**{**SETTINGS.__dict__, "sort": False})
    assert fix_text(text, unsorted) == text.replace("3. [**B", "2. [**B")


def test_a_list_numbered_one_one_one_keeps_its_style() -> None:
    """Every item `1.` is a style of its own (GitHub shows 1, 2, 3): sorted, each item
    keeps its `1.`; no RL110."""
    text = "1. [**A.**](https://x.org/a) _A._ Arxiv 2015.\n1. [**B.**](https://x.org/b) _B._ Arxiv 2024.\n"
    swapped = "".join(reversed(text.splitlines(keepends=True)))
    assert fix_text(text, SETTINGS) == swapped
    assert [d.code for d in check_text(text, SETTINGS)] == ["RL104"]
    assert [d.code for d in check_text(swapped, SETTINGS)] == []


def test_a_bad_pattern_is_a_config_error_with_its_column(tmp_path: Path) -> None:
    (tmp_path / ".readmelint.toml").write_text(
        'layout = "items"\nitem = "**{titel}** ({year})"\n', "utf-8"
    )
    with pytest.raises(
        ConfigError,
        match=r"item pattern '\*\*\{titel\}\*\* \(\{year\}\)': column 3: unknown key 'titel'",
    ):
        load_config(tmp_path / ".readmelint.toml")


def corpus(name: str) -> str:
    path = CORPUS / "items" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: clone the project beside ../shared to run this")
    return path.read_bytes().decode("utf-8")


TERRYUM = "terryum__awesome-deep-learning-papers__README.md"
LONG_CONTEXT = "Xnhyacinth__Awesome-LLM-Long-Context-Modeling__README.md"


def terryum_settings(tmp_path: Path) -> Settings:
    (tmp_path / "schema.json").write_text((GOLDEN / "schema.json").read_text("utf-8"), "utf-8")
    (tmp_path / ".readmelint.toml").write_text(
        'schema = "schema.json"\nlayout = "items"\n'
        'item = ["**{title}** ({year}), {authors}{? [{...}}", "{title} ({year}), {authors}{? [{...}}"]\n',
        "utf-8",
    )
    return load_config(tmp_path / ".readmelint.toml").settings


def test_terryum_papers_are_entries_and_its_legend_and_contents_are_not(tmp_path: Path) -> None:
    text = corpus(TERRYUM)
    settings = terryum_settings(tmp_path)
    document = parse(text, settings)
    starts = [items.span.start for items in lists_of(document)]
    assert 27 not in starts  # the legend: bold items, but no paper
    assert 49 not in starts  # the table of contents
    unmatched = [(d.line, d.message) for d in check_text(text, settings) if d.code == "RL013"]
    # The three bold items without the comma after the year, or without the year.
    assert [line for line, _ in unmatched if line in (89, 126, 175)] == [89, 126, 175]
    fixed = fix_text(text, settings)
    assert fix_text(fixed, settings) == fixed
    # Every character kept but trailing spaces that render nothing: items only move.
    assert Counter(fixed.replace(" ", "")) == Counter(text.replace(" ", ""))
    assert fixed.count(" ") == text.count(" ") - 2  # lines 224 and 311 end in a space
    assert [d.line for d in check_text(text, settings) if d.code == "RL105"] == [224, 311]


def test_long_context_numbered_papers_are_entries_and_fix_is_lossless() -> None:
    text = corpus(LONG_CONTEXT)
    settings = load_config(
        Path(__file__).parent.parent / "benchmarks/configs/long-context.toml"
    ).settings
    document = parse(text, settings)
    assert sum(1 for items in lists_of(document) for item in items.items if item.entry) >= 1400
    assert document.toc is not None  # the contents are no entry list
    fixed = fix_text(text, settings)
    assert fix_text(fixed, settings) == fixed
    assert Counter(fixed.replace(" ", "")) == Counter(text.replace(" ", ""))
    unsorted = Settings(**{**settings.__dict__, "sort": False})
    assert fix_text(text, unsorted) == text  # numbered 1..N already: nothing to change
    problems = check_text(text, settings)
    # Of the 1,475 numbered items, five are written otherwise (no year, no italics, a
    # bracketed venue): reported, not read.
    assert [d.line for d in problems if d.code == "RL013"] == [1050, 1392, 2429, 2929, 3250]
    # 51 arXiv ids appear twice or more: 2503.17407 in the header's links (no field)
    # and once in an entry; the 50 others are reported, 13 in news days of one paper.
    assert sum(d.code == "RL301" for d in problems) == 50


# --- properties over generated entry lists -------------------------------------------

YEARS = st.integers(2000, 2025)


@st.composite
def item(draw: st.DrawFn, number: int) -> str:
    """One item: a paper in one of the two shapes, or an item no pattern reads."""
    kind = draw(st.sampled_from(["numbered", "bold", "note"]))
    title = draw(st.sampled_from(["Deep learning", "Dropout", "Adam", "深度学习", "ViT 🚀"]))
    year = draw(YEARS)
    if kind == "note":
        text = draw(st.sampled_from(["a note", "see [other](https://x.org)", "**bold** only"]))
    elif kind == "bold":
        text = f"**{title}** ({year}), A. Author [[pdf]](https://x.org/{number})"
    else:
        text = f"[**{title}.**](https://x.org/{number}) _A. Author._ Arxiv {year}."
    if draw(st.booleans()):
        text += draw(
            st.sampled_from(
                [
                    "\n   continued here",
                    "\n   - a sub-item",
                    "  \n   hard break",
                    " `code \n   span` over a line end",
                ]
            )
        )
    # Trailing whitespace: noise (RL105), a hard break, or content inside a code span.
    return text + draw(st.sampled_from(["", "", " ", "\t", "   "]))


@st.composite
def entry_list(draw: st.DrawFn) -> str:
    count = draw(st.integers(2, 7))
    ordered = draw(st.booleans())
    delimiter = draw(st.sampled_from([".", ")"]))
    start = draw(st.integers(1, 12))
    numbers = sorted(draw(st.lists(st.integers(start, start + 20), min_size=count, max_size=count)))
    loose = draw(st.booleans())
    lines = []
    for position in range(count):
        marker = f"{numbers[position]}{delimiter}" if ordered else draw(st.sampled_from(["-"]))
        body = draw(item(position)).replace("\n   ", "\n" + " " * (len(marker) + 1))
        lines.append(f"{marker} {body}")
    return ("\n\n" if loose else "\n").join(lines) + "\n"


@settings(max_examples=100, deadline=None)
@given(st.lists(entry_list(), min_size=1, max_size=3))
def test_fix_is_lossless_idempotent_and_agrees_with_check(lists: list[str]) -> None:
    text = "# Papers\n\n" + "\n## Section\n\n".join(lists)
    fixed = fix_text(text, SETTINGS)  # its safety check raises rather than lose anything
    assert fix_text(fixed, SETTINGS) == fixed
    assert [d for d in check_text(fixed, SETTINGS) if d.fixable] == []
    changed = fixed != text
    assert changed == any(d.fixable for d in check_text(text, SETTINGS))

    # Items only move and renumber: every character but digits and spaces is kept.
    def kept(value: str) -> Counter[str]:
        return Counter(c for c in value if not c.isdigit() and not c.isspace())

    assert kept(fixed) == kept(text)
    assert len(lists_of(parse(fixed, SETTINGS))) == len(lists_of(parse(text, SETTINGS)))


@st.composite
def digest(draw: st.DrawFn) -> tuple[str, int]:
    """Days, newest first, each a bold date holding a list of papers and notes; and how
    many papers are entries: those of every day most of whose items are papers, when
    most items of all days, at least two, are papers (a day's list is judged with the
    digest's first), or else when these days hold at least two papers in all (the lists
    of one file are judged together)."""
    days = draw(st.lists(st.lists(st.booleans(), min_size=1, max_size=3), min_size=2, max_size=5))
    lines, number = [], 0
    for day, papers in enumerate(days):
        lines.append(f"- **[2024.05.{30 - day:02d}]**")
        for is_paper in papers:
            number += 1
            if is_paper:
                year = draw(YEARS)
                lines.append(f"  - [**P{number}.**](https://x.org/{number}) _A._ Arxiv {year}.")
            else:
                lines.append("  - a note, no paper")
    flat = [paper for papers in days for paper in papers]
    together = sum(flat) >= 2 and sum(flat) * 2 > len(flat)
    mostly = sum(sum(papers) for papers in days if sum(papers) * 2 > len(papers))
    entries = mostly if together or mostly >= 2 else 0
    return "\n".join(lines) + "\n", entries


@settings(max_examples=100, deadline=None)
@given(digest())
def test_a_digests_days_are_entry_lists_when_most_of_their_items_are_papers(
    case: tuple[str, int],
) -> None:
    text, entries = case
    assert len(parse(text, SETTINGS).entries) == entries
    fixed = fix_text(text, SETTINGS)
    assert fix_text(fixed, SETTINGS) == fixed
    assert (fixed != text) == any(d.fixable for d in check_text(text, SETTINGS))
    assert Counter(fixed) == Counter(text)  # papers only move within their day
