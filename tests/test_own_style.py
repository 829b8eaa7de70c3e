"""A list keeps its own style (issue 22 item 6): ``fix`` brings the entries that stray into
line with what most entries of the file do (label form and colon, the space after a
full-width colon, a blank line under each heading), never a consistent list into ours;
settings pin a style.
"""

from __future__ import annotations

import tomllib
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import config_from_table
from readmelint.errors import ConfigError
from readmelint.fix import fix_text
from readmelint.labels import STYLES
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT, assert_survives
from tests.hypothesis_profile import PROPERTIES

FORMS = sorted(STYLES)  # "**Label:**", "**Label**：", "Label:" ...


def settings_of(toml: str) -> Settings:
    return config_from_table(tomllib.loads(toml), None).settings


def entry(name: str, date: str, form: str, space: str, blank: bool) -> list[str]:
    def label(text: str) -> str:
        written = STYLES[form].write(text)
        # After a colon inside the bold, the space is needed: `**Tags：**x` is not bold.
        return written + (space if written.endswith("：") else " ")

    return [
        f"### {name}",
        *([""] if blank else []),
        f"- {label('Paper')}[{name}](https://arxiv.org/abs/{date.replace('-', '')[2:]}.00001)",
        f"- {label('Submission Date')}{date}",
        f"- {label('Tags')}多模态",
    ]


def listing(entries: list[list[str]]) -> str:
    return "# Papers\n\n" + "\n\n".join("\n".join(lines) for lines in entries) + "\n"


DATES = ["2024-03-01", "2024-02-01", "2024-01-01", "2023-12-01", "2023-11-01"]


@st.composite
def conventions(draw: st.DrawFn) -> tuple[str, str, bool]:
    """A label form, the space after a full-width colon, a blank line under each heading."""
    return (
        draw(st.sampled_from(FORMS)),
        draw(st.sampled_from(["", " "])),
        draw(st.booleans()),
    )


@PROPERTIES
@given(conventions(), st.integers(1, 5))
def test_a_list_that_keeps_one_convention_is_left_as_it_is(
    kept: tuple[str, str, bool], count: int
) -> None:
    text = listing([entry(f"P{n}", DATES[n], *kept) for n in range(count)])
    assert fix_text(text, Settings()) == text
    assert [d for d in check_text(text, Settings()) if d.fixable] == []


@PROPERTIES
@given(conventions(), conventions(), st.integers(0, 4), st.data())
def test_the_one_entry_that_strays_follows_the_others(
    kept: tuple[str, str, bool], stray: tuple[str, str, bool], where: int, data: st.DataObject
) -> None:
    """Four entries keep a convention, one strays: fix writes that one as the others are
    written (lossless, idempotent, agreeing with check) and leaves the others alone."""
    entries = [entry(f"P{n}", DATES[n], *kept) for n in range(5)]
    entries[where] = entry(f"P{where}", DATES[where], *stray)
    text = listing(entries)
    assert_survives(text.encode(), Settings())
    expected = listing([entry(f"P{n}", DATES[n], *kept) for n in range(5)])
    assert fix_text(text, Settings()) == expected


def test_a_label_the_list_writes_its_own_way_in_every_entry_keeps_it() -> None:
    entries = [entry(f"P{n}", DATES[n], "**Label:**", " ", False) for n in range(3)]
    for lines in entries:
        lines.append("- **Personal note**: [Note](https://example.org/n)")
    entries[1][3] = "- **Tags**: drifted"
    text = listing(entries)
    fixed = fix_text(text, Settings())
    assert fixed.count("**Personal note**:") == 3
    assert "- **Tags:** drifted" in fixed
    assert "**Tags**:" not in fixed


def test_a_label_drifting_in_one_entry_follows_the_file() -> None:
    """One use is no style of its own, even where no other entry has that label."""
    entries = [entry(f"P{n}", DATES[n], "**Label:**", " ", False) for n in range(3)]
    entries[2].append("- **Personal note**: [Note](https://example.org/n)")
    fixed = fix_text(listing(entries), Settings())
    assert "- **Personal note:** [Note](https://example.org/n)" in fixed


def test_no_space_is_added_after_a_full_width_colon_even_with_the_label_pinned() -> None:
    text = "### A\n- **Submission Date**：2024-01-01\n- **Tags**：证据\n"
    assert fix_text(text, Settings()) == text
    pinned = settings_of('label = "**Label**："\n')
    assert fix_text(text, pinned) == text
    assert fix_text(text.replace("**Tags**：", "Tags："), pinned) == text
    ascii_labels = "### A\n- **Submission Date:** 2024-01-01\n- **Tags:** 证据\n"
    assert fix_text(ascii_labels, pinned) == text
    inside = settings_of('label = "**Label：**"\n')
    # Inside the bold a full-width colon needs the space: `**Tags：**证据` is not bold.
    assert "- **Tags：** 证据" in fix_text(text, inside)


def test_the_space_after_a_full_width_colon_follows_most_labels() -> None:
    spaced = "### A\n- **Submission Date**： 2024-01-01\n- **Authors**：b\n- **Tags**： a\n"
    assert fix_text(spaced, Settings()) == spaced.replace("**：b", "**： b")


@pytest.mark.parametrize("pinned", [True, False])
def test_blank_after_heading_pins_the_blank_line(pinned: bool) -> None:
    entries = [entry(f"P{n}", DATES[n], "**Label:**", " ", n != 0) for n in range(3)]
    settings = settings_of(f"blank-after-heading = {str(pinned).lower()}\n")
    fixed = fix_text(listing(entries), settings)
    expected = listing([entry(f"P{n}", DATES[n], "**Label:**", " ", pinned) for n in range(3)])
    assert fixed == expected
    assert Counter(d.code for d in check_text(fixed, settings) if d.fixable) == Counter()


def test_blank_after_heading_must_be_a_boolean() -> None:
    with pytest.raises(ConfigError, match="blank-after-heading must be true"):
        settings_of('blank-after-heading = "yes"\n')


def test_a_list_with_blank_lines_under_its_headings_keeps_them() -> None:
    """The shape of a real list (every one of its 100 entries has the blank line, and fix
    took them all out)."""
    text = listing([entry(f"P{n}", DATES[n % 5], "**Label**:", " ", True) for n in range(100)])
    fixed = fix_text(text, Settings(sort=False))
    assert fixed == text


def test_the_own_style_example_strays_in_one_entry_only() -> None:
    path = ROOT / "examples" / "own-style" / "README.md"
    text = path.read_text("utf-8")
    fixed = fix_text(text, Settings())
    changed = [
        (before, after)
        for before, after in zip(text.splitlines(), fixed.splitlines(), strict=False)
        if before != after
    ]
    assert changed[0] == (
        "- **Paper:** [Flamingo: a Visual Language Model for Few-Shot "
        "Learning](https://arxiv.org/abs/2204.14198)",
        "",
    )
    assert len(parse(fixed, Settings()).entries) == 3
    assert_survives(text.encode(), Settings())
