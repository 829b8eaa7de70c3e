"""Shapes of real item lists (issues 22 and 28): a section of one paper, separator items,
two-digit years; each by examples and by a property over generated lists of its shape
(fix lossless, idempotent and agreeing with check). Golden pairs are in
``tests/golden_items/venues/``."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.layouts.items.find import lists_of
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import CONFIGS, assert_survives, corpus_file, read_text

VENUES = load_config(
    Path(__file__).parent / "golden_items" / "venues" / ".readmelint.toml"
).settings


def codes(text: str, at: Settings = VENUES) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check_text(text, at)]


def century(two_digits: int) -> int:
    return datetime.datetime.strptime(f"{two_digits:02d}", "%y").year


# --- one paper under its own heading (issue 28 item 1) ---------------------------------


def test_a_section_of_one_paper_is_read_with_the_other_lists_of_its_pattern() -> None:
    text = (
        "#### 2019\n\n- [ICLR'19] [A](https://x.org/a)\n- [ICML'19] [B](https://x.org/b)\n\n"
        "#### 2018\n\n- [NDSS'18] Trojaning Attack on Neural Networks\n"
    )
    assert [e.line for e in parse(text, VENUES).entries] == [3, 4, 8]


def test_sections_of_one_paper_each_are_read_together() -> None:
    text = "".join(
        f"#### 20{y}\n\n- [ICLR'{y}] [P{y}](https://x.org/{y})\n\n" for y in (19, 18, 17)
    )
    assert len(parse(text, VENUES).entries) == 3


def test_a_single_item_alone_in_the_file_is_no_entry_list() -> None:
    """One match in all says nothing: a link list's lone item may look like anything."""
    text = "# A\n\n- [ICLR'19] [A](https://x.org/a)\n\n## Links\n\n- [x](https://x.org)\n"
    assert parse(text, VENUES).entries == ()


def test_a_list_of_one_match_among_several_items_stays_alone() -> None:
    text = (
        "- [ICLR'19] [A](https://x.org/a)\n- [ICML'19] [B](https://x.org/b)\n\n"
        "## Links\n\n- [ICLR'18] [C](https://x.org/c)\n- a note\n- another note\n"
    )
    assert [e.line for e in parse(text, VENUES).entries] == [1, 2]


def test_a_list_inside_an_entry_lists_item_is_not_judged_again() -> None:
    text = (
        "- [ICLR'19] [A](https://x.org/a)\n  - [ICML'19] [B](https://x.org/b)\n"
        "- [NDSS'18] [C](https://x.org/c)\n"
    )
    assert [[i.span.start for i in items.items] for items in lists_of(parse(text, VENUES))] == [
        [1, 3]
    ]


# --- separator items (issue 28 item 3) ------------------------------------------------


def test_an_empty_item_is_no_entry_and_no_problem_and_stays_where_it_is() -> None:
    text = (
        "- [ICLR'20] [B](https://x.org/b)\n- [ICCV'21] [A](https://x.org/a)\n-\n"
        "- [S&P'19] [D](https://x.org/d)\n- [CCS'22] [C](https://x.org/c)\n"
    )
    assert codes(text) == [(2, "RL104"), (5, "RL104")]
    assert len(parse(text, VENUES).entries) == 4
    fixed = fix_text(text, VENUES).splitlines()
    assert fixed[2] == "-"
    assert fixed[:2] == ["- [ICCV'21] [A](https://x.org/a)", "- [ICLR'20] [B](https://x.org/b)"]


def test_separators_do_not_count_for_or_against_an_entry_list() -> None:
    text = "- [ICLR'20] [B](https://x.org/b)\n-\n-\n-\n- [ICCV'21] [A](https://x.org/a)\n"
    assert len(parse(text, VENUES).entries) == 2


def test_an_item_with_content_on_a_later_line_is_no_separator() -> None:
    text = "- [ICLR'20] [B](https://x.org/b)\n- [ICCV'21] [A](https://x.org/a)\n-\n  a note\n"
    assert codes(text) == [(2, "RL104"), (3, "RL013")]


# --- two-digit years (issue 28 item 4) ------------------------------------------------


def test_two_digit_years_date_and_sort_by_the_century_rule() -> None:
    text = "- [NIPS'98] [A](https://x.org/a)\n- [OSDI'22] [B](https://x.org/b)\n"
    document = parse(text, VENUES)
    years = [VENUES.schema.spec("year").date_of(e.field("year").value) for e in document.entries]  # type: ignore[union-attr]
    assert [y.year for y in years if y] == [1998, 2022]
    assert fix_text(text, VENUES).splitlines()[0].startswith("- [OSDI'22]")


# --- a property over generated lists of these shapes ----------------------------------


@st.composite
def venue_file(draw: st.DrawFn) -> tuple[str, int]:
    """Year sections, each a list of papers tagged `[Venue'YY]` (one or more; sometimes
    with empty separator items or a note), and links; and how many papers are entries."""
    sections = draw(st.lists(st.lists(st.integers(0, 99), min_size=1, max_size=4), max_size=5))
    out: list[str] = ["# Papers", ""]
    number, papers, notes = 0, list[int](), list[bool]()
    for years in sections:
        out += [f"#### Group {len(papers)}", ""]
        marker = draw(st.sampled_from(["-", "*", "1."]))
        lines = []
        for year in years:
            number += 1
            lines.append(f"{marker} [ICLR'{year:02d}] [Paper {number}](https://x.org/{number})")
            if draw(st.integers(0, 4)) == 0:
                lines.append(marker if marker != "1." else "2.")
        note = draw(st.integers(0, 5)) == 0
        if note:
            lines.append(f"{marker} a note, no paper")
        loose = draw(st.booleans())
        out += ["\n\n".join(lines) if loose else "\n".join(lines), ""]
        papers.append(len(years))
        notes.append(note)
    out += ["## Links", "", "- [Another list](https://x.org/other)", ""]
    # Each section's list is an entry list when most of its items are papers and the
    # papers of all such lists are two or more (a list of two papers is one anyway).
    mostly = [n for n, note in zip(papers, notes, strict=True) if n > note]
    entries = sum(mostly) if sum(mostly) >= 2 else 0
    return "\n".join(out), entries


# Sorted newest first, pinned: without `sort` a list keeps the order it runs in
# (tests/test_own_order.py), and these are generated in any order.
NEWEST_FIRST = replace(VENUES, sort=VENUES.resolved_sort())


@settings(max_examples=25, deadline=None)  # about 1 s
@given(venue_file())
def test_lists_of_these_shapes_are_read_and_fix_keeps_them(case: tuple[str, int]) -> None:
    text, entries = case
    document = parse(text, NEWEST_FIRST)
    assert len(document.entries) == entries
    unread = {d.line for d in check_text(text, NEWEST_FIRST) if d.code == "RL013"}
    lines = text.splitlines()
    assert all("a note" in lines[line - 1] for line in unread)  # never a separator
    assert_survives(text.encode(), NEWEST_FIRST)
    fixed = fix_text(text, NEWEST_FIRST)

    def kept(value: str) -> Counter[str]:  # items only move and renumber
        return Counter(c for c in value if not c.isdigit() and not c.isspace())

    assert kept(fixed) == kept(text)
    after = parse(fixed, NEWEST_FIRST)
    for before, now in zip(lists_of(document), lists_of(after), strict=True):
        # Separators stay where they are; between them, papers run newest first.
        assert [i.separator for i in before.items] == [i.separator for i in now.items]
        group: list[int] = []
        for item in (*now.items, None):
            if item is not None and item.entry is not None:
                year = item.entry.field("year")
                assert year is not None
                group.append(century(int(year.value)))
            elif item is None or item.separator:
                assert group == sorted(group, reverse=True)
                group = []


# --- real lists, read in place from ../shared/corpus (skipped where it is absent) ------


def corpus_settings(config: str) -> Settings:
    return load_config(CONFIGS / config).settings


def test_a_real_lists_sections_of_one_paper_are_read() -> None:
    """jason718/awesome-self-supervised-learning writes `#### 2019` year headings over
    its papers; ten of them hold a single paper (`#### 2022` of Theory: one)."""
    path = corpus_file("more/jason718__awesome-self-supervised-learning__README.md")
    text = read_text(path)
    document = parse(text, corpus_settings("jason718.toml"))
    singles = [items.items[0] for items in lists_of(document) if len(items.items) == 1]
    assert len(singles) == 10
    assert all(item.entry and item.entry.field("paper") for item in singles)
    assert len(document.entries) == 278  # 268 before sections of one paper were read


def test_a_real_lists_separator_item_is_no_problem_and_stays() -> None:
    """subeeshvasu/Awesome-Learning-with-Label-Noise has one `*` alone between papers."""
    path = corpus_file("more/subeeshvasu__Awesome-Learning-with-Label-Noise__README.md")
    text = read_text(path)
    settings = corpus_settings("subeeshvasu.toml")
    lines = text.splitlines()
    empty = [number for number, line in enumerate(lines, 1) if line.strip() == "*"]
    assert len(empty) == 1
    assert not [d for d in check_text(text, settings) if d.line == empty[0]]
    fixed = fix_text(text, settings).splitlines()
    # Papers are sorted on each side of it, never across it.
    assert group_before(fixed, fixed.index("*")) == group_before(lines, empty[0] - 1)
    assert_survives(text.encode(), settings)


def group_before(lines: list[str], separator: int) -> list[str]:
    """The items right above the line ``separator`` (those of its group), sorted."""
    group = []
    for line in reversed(lines[:separator]):
        if line and not line.startswith("* "):
            break
        group.append(line)
    return sorted(filter(None, group))
