"""How fix orders an entry list's items (issue 22 item 6, fourth point): an item no
pattern reads (RL013) never moves, and the entries around it sort on each side of it, as
around a separator; with no ``sort`` set, a list that keeps an order of its own is left
as it is and reported once (RL111), one that runs oldest first stays so.
"""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.settings import Sort
from tests.helpers import ROOT, assert_survives
from tests.hypothesis_profile import PROPERTIES

ITEMS = load_config(ROOT / "tests" / "golden_items" / ".readmelint.toml").settings
NEWEST_FIRST = dataclasses.replace(ITEMS, sort=Sort("year"))
# Short lists of few shapes: a few examples cover them; CI time counts.
FAST_PROPERTIES = settings(PROPERTIES, max_examples=20)


def item(year: int) -> str:
    return f"- **Paper {year}** ({year}), A. Author [[pdf]](https://x.org/{year})"


def items(entries: list[int | str]) -> str:
    return "\n".join(item(e) if isinstance(e, int) else e for e in entries) + "\n"


def years(text: str) -> list[int | str]:
    out: list[int | str] = []
    for line in text.splitlines():
        out.append(int(line.split("(")[1][:4]) if "[[pdf]]" in line else line)
    return out


UNREAD = "- Paper without a year, A. Author"


def test_an_item_no_pattern_reads_keeps_its_place_and_nothing_crosses_it() -> None:
    text = items([2001, 2003, UNREAD, 2002, 2005])
    assert years(fix_text(text, NEWEST_FIRST)) == [2003, 2001, UNREAD, 2005, 2002]
    found = [(d.code, d.line) for d in check_text(text, NEWEST_FIRST)]
    # Each side of it is sorted on its own: one RL104 for each.
    assert sorted(found) == [("RL013", 3), ("RL104", 2), ("RL104", 5)]


def test_an_item_no_pattern_reads_stays_first_or_last() -> None:
    for text in (items([UNREAD, 2001, 2002]), items([2001, 2002, UNREAD])):
        fixed = fix_text(text, NEWEST_FIRST)
        assert fixed.splitlines().index(UNREAD) == text.splitlines().index(UNREAD)


# Rising 7 times of 11 neighbours: neither newest nor oldest first holds.
NO_ORDER = [2010, 2012, 2011, 2013, 2015, 2014, 2016, 2018, 2017, 2019, 2021, 2020]


def test_an_item_list_with_an_order_of_its_own_is_kept_and_reported_once() -> None:
    text = items(list(NO_ORDER))
    assert fix_text(text, ITEMS) == text
    assert [(d.code, d.line) for d in check_text(text, ITEMS)] == [("RL111", 1)]


def test_an_item_list_that_runs_oldest_first_stays_so_but_for_a_stray() -> None:
    oldest_first = [2000 + n for n in range(12)]
    text = items(list(oldest_first))
    assert fix_text(text, ITEMS) == text
    stray = [2000, 2001, 2002, 2011, 2003, 2004, 2005, 2006, 2007, 2008, 2009, 2010]
    assert years(fix_text(items(list(stray)), ITEMS)) == oldest_first


@FAST_PROPERTIES
@given(
    st.lists(st.one_of(st.integers(2000, 2009), st.just(UNREAD), st.just("-")), max_size=8),
    st.booleans(),
)
def test_unread_items_and_separators_never_move(entries: list[int | str], pinned: bool) -> None:
    settings = NEWEST_FIRST if pinned else ITEMS  # pinned, or the list's own order
    text = items(entries)
    assert_survives(text.encode(), settings)
    fixed = fix_text(text, settings).splitlines()
    for index, line in enumerate(text.splitlines()):
        if line in (UNREAD, "-"):
            assert fixed[index] == line
