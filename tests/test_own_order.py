"""A list keeps its own order (issue 22 item 6, fourth point): with no ``sort`` set, fix
sorts by the schema's first date field newest first where at least half of the
neighbouring dated entries already run that way, oldest first where three in four run
that way (so only the few that stray move), and otherwise keeps the list's order and
says so once (RL111). A pinned ``sort`` always wins; a small list is sorted as always.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings, Sort
from tests.helpers import assert_survives
from tests.hypothesis_profile import PROPERTIES


def entry(year: int) -> str:
    return (
        f"### Paper {year}\n"
        f"- **Paper:** [Paper {year}](https://example.org/{year})\n"
        "- **Accepted:** arXiv\n"
        f"- **Submission Date:** {year}-02-19\n"
        "- **Authors:** A. Author\n"
        "- **Tags:** t\n"
        "- **Abstract:** A.\n"
        f"- **Personal note:** [Note](https://example.org/note-{year})\n"
    )


def document(years: list[int]) -> str:
    return "# Papers\n\n" + "\n".join(entry(year) for year in years)


def order(text: str) -> list[int]:
    return [int(e.heading.split()[-1]) for e in parse(text).entries]


def codes(text: str, settings: Settings | None = None) -> list[tuple[str, int, bool]]:
    return [(d.code, d.line, d.fixable) for d in check_text(text, settings)]


OLDEST_FIRST = [2000 + n for n in range(12)]
# Mostly rising: 9 of 11 neighbours, one stray (2011 after 2003).
ONE_STRAY = [2000, 2001, 2002, 2003, 2011, 2004, 2005, 2006, 2007, 2008, 2009, 2010]
# Rising 7 times of 11: neither way holds.
NO_ORDER = [2010, 2012, 2011, 2013, 2015, 2014, 2016, 2018, 2017, 2019, 2021, 2020]


def test_a_list_that_runs_oldest_first_stays_so() -> None:
    text = document(OLDEST_FIRST)
    assert fix_text(text) == text
    assert codes(text) == []


def test_the_one_entry_that_strays_from_oldest_first_moves() -> None:
    text = document(ONE_STRAY)
    assert order(fix_text(text)) == sorted(ONE_STRAY)
    (report,) = check_text(text)
    assert (report.code, report.fixable) == ("RL104", True)
    assert report.message.endswith("entries are sorted by Submission Date, oldest first")


def test_a_list_with_an_order_of_its_own_keeps_it_and_is_told_once() -> None:
    text = document(NO_ORDER)
    assert fix_text(text) == text
    (report,) = check_text(text)
    assert (report.code, report.line, report.fixable) == ("RL111", 3, False)
    assert "7 of 11 neighbouring dated entries run the other way" in report.message
    assert "`sort = false`" in report.message


@pytest.mark.parametrize("pinned", [Sort("submission_date"), False])
def test_a_pinned_sort_wins(pinned: Sort | bool) -> None:
    text = document(NO_ORDER)
    settings = Settings(sort=pinned)
    fixed = fix_text(text, settings)
    assert order(fixed) == (sorted(NO_ORDER, reverse=True) if pinned else NO_ORDER)
    assert "RL111" not in {code for code, _, _ in codes(text, settings)}


def test_a_small_list_is_sorted_newest_first_as_always() -> None:
    years = [2001, 2002, 2003, 2004, 2005]  # four neighbours: too few to tell
    assert order(fix_text(document(years))) == sorted(years, reverse=True)


def test_sections_are_counted_apart() -> None:
    """Each section runs newest first; the sections themselves run oldest first."""
    sections = [[2001 + 3 * n + 2, 2001 + 3 * n + 1, 2001 + 3 * n] for n in range(6)]
    text = "".join(
        f"## Part {n}\n\n" + "\n".join(entry(year) for year in years) + "\n"
        for n, years in enumerate(sections)
    )
    assert fix_text(text) == text


@PROPERTIES
@given(st.lists(st.integers(1990, 2030), min_size=0, max_size=16))
def test_any_order_survives_and_fix_settles_it(years: list[int]) -> None:
    text = document(years)
    assert_survives(text.encode())
    fixed = fix_text(text)
    assert fix_text(fixed) == fixed
    assert sorted(order(fixed)) == sorted(years)
