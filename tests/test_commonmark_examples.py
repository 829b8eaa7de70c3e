"""Every CommonMark spec example (../shared/corpus/commonmark/commonmark.json) inside a
field's value, after an entry and between sections: fix loses nothing, a second fix
changes nothing, and check reports as fixable exactly what fix changes."""

from __future__ import annotations

import json

import pytest

from readmelint.check import check_text
from readmelint.errors import RenderingChanged
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import CORPUS, EVERY_LAYOUT, fixable_left, non_blank_characters
from tests.hypothesis_profile import PROFILE

SPEC = CORPUS / "commonmark" / "commonmark.json"
SETTINGS = Settings()


def spec_examples() -> list[tuple[int, str]]:
    if not SPEC.is_file():
        return []
    return [(item["example"], item["markdown"]) for item in json.loads(SPEC.read_text("utf-8"))]


# Two entries out of date order, the first with its fields out of schema order and a
# drifted label as its last field (the tail the setext-heading defect was found after).
NEWER = (
    "### Newer\n"
    "- **Accepted:** arXiv\n"
    "- **Paper:** [Newer](https://example.org/newer)\n"
    "- **Submission Date:** 2024-01-02\n"
    "- **Abstract:** starts here\n"
    "{inside}"
    "  - **Personal note**: [Note](https://example.org/Old)\n"
)
OLDER = "### Older\n- **Paper:** [Older](https://example.org/older)\n- **Submission Date:** 2020-01-02\n"


def placements(markdown: str) -> dict[str, str]:
    indented = "".join(f"  {line}" if line.strip() else line for line in markdown.splitlines(True))
    plain = NEWER.format(inside="")
    return {
        "inside a field": f"## A\n\n{OLDER}\n{NEWER.format(inside=chr(10) + indented + chr(10))}",
        "after an entry": f"## A\n\n{OLDER}\n{plain}\n{markdown}",
        "between sections": f"## A\n\n{OLDER}\n{plain}\n## B\n\n{markdown}\n## C\n\n{OLDER}",
    }


@pytest.mark.skipif(not SPEC.is_file(), reason=f"{SPEC} is absent: clone beside ../shared")
@pytest.mark.parametrize(("number", "markdown"), spec_examples() or [(0, "")])
def test_spec_example_in_every_placement(number: int, markdown: str) -> None:
    for where, text in placements(markdown).items():
        once = fix_text(text, SETTINGS)
        assert non_blank_characters(once) == non_blank_characters(text), where
        assert fix_text(once, SETTINGS) == once, where
        assert fixable_left(once) == [], where
        fixable = [d for d in check_text(text, SETTINGS) if d.fixable]
        assert bool(fixable) == (once != text), where


SETEXT_ENTRY = """\
### AnyGPT
  - **Accepted:** arXiv
  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)
  - **Submission Date:** 2024-02-19
  - **Authors:** Fudan University
  - **Tags:** any-to-any
  - **Abstract:** A multimodal LLM over discrete tokens.
  - **Personal note**: [Note](https://example.org/Old)
"""
SETEXT_FIXED = (
    SETEXT_ENTRY.replace("  - **Accepted:** arXiv\n", "")
    .replace(
        "  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n",
        "  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n  - **Accepted:** arXiv\n",
    )
    .replace("**Personal note**:", "**Personal note:**")
)
# What followed the entry: the case (spec example 103), then the other four
# spec examples that showed the defect.
SETEXT_AFTER = {
    "103": "Foo\n\nbar\n---\nbaz\n",
    "82": "  Foo *bar\nbaz*\t\n====\n",
    "84": "   Foo\n---\n\n  Foo\n-----\n\n  Foo\n  ===\n",
    "96": "---\nFoo\n---\nBar\n---\nBaz\n",
    "215": "[foo]: /url\nbar\n===\n[foo]\n",
}


@pytest.mark.parametrize("example", SETEXT_AFTER)
def test_a_setext_heading_after_an_entry(example: str) -> None:
    """An entry followed by a setext heading: fix left the file as it was, but check still
    reported RL102 as fixable (issue 11's review). Now fix reorders Paper and Accepted and
    mends the label, and check then has nothing left."""
    text = f"{SETEXT_ENTRY}\n{SETEXT_AFTER[example]}"
    before = [(d.line, d.code) for d in check_text(text, Settings()) if d.fixable]
    assert before == [(2, "RL101"), (8, "RL102")]
    fixed = fix_text(text, Settings())
    assert fixed == f"{SETEXT_FIXED}\n{SETEXT_AFTER[example]}"
    assert [d for d in check_text(fixed, Settings()) if d.fixable] == []
    assert fix_text(fixed, Settings()) == fixed


# Issue 26: the same examples around the other layouts' entries, read with every layout on
# (tests.helpers.EVERY_LAYOUT), where markdown-it-py and GitHub part ways most: right after
# a table (does the line continue it?) and after an entry list (does it join the list?).
TABLE = "| Title | Year |\n| --- | --- |\n| Older | 2020 |\n| Newer | 2024 |\n"
ITEMS = (
    "1. [**Older.**](https://x.org/o) _A._ ICLR 2020.\n"
    "1. [**Newer.**](https://x.org/n) _B._ ICLR 2024.\n"
)


def layout_placements(markdown: str) -> dict[str, str]:
    return {
        "right after a table": f"## A\n\n{TABLE}{markdown}",
        "after a table": f"## A\n\n{TABLE}\n{markdown}",
        "right after an entry list": f"## A\n\n{ITEMS}{markdown}",
        "after an entry list": f"## A\n\n{ITEMS}\n{markdown}",
    }


def holds_the_contract(text: str, settings: Settings, where: str) -> None:
    try:
        once = fix_text(text, settings)
    except RenderingChanged as refusal:  # safe: found, named, nothing written
        FOUND.append(f"{where}: {refusal}")
        return
    # A row gains the pipes around its cells, an ordered list's items are numbered again
    # (and GitHub shows the same: both judges passed).
    moved = {"|", *"0123456789"}
    before, after = non_blank_characters(text), non_blank_characters(once)
    assert {ch: n for ch, n in (after - before).items() if ch not in moved} == {}, where
    assert {ch: n for ch, n in (before - after).items() if ch not in moved} == {}, where
    assert fix_text(once, settings) == once, where
    assert fixable_left(once, settings) == [], where
    fixable = [d for d in check_text(text, settings) if d.fixable]
    assert bool(fixable) == (once != text), where


# What the second judge refused; printed when a test fails, counted by the README.
FOUND: list[str] = []

# Every twelfth example in the normal suite (CI's ten minutes); all of them with
# READMELINT_HYPOTHESIS_PROFILE=thorough.
SAMPLE = spec_examples()[::12]


@pytest.mark.skipif(not SPEC.is_file(), reason=f"{SPEC} is absent: clone beside ../shared")
@pytest.mark.parametrize(("number", "markdown"), SAMPLE or [(0, "")])
def test_spec_example_around_tables_and_items(number: int, markdown: str) -> None:
    for where, text in layout_placements(markdown).items():
        holds_the_contract(text, EVERY_LAYOUT, where)


@pytest.mark.slow
@pytest.mark.skipif(not SPEC.is_file(), reason=f"{SPEC} is absent: clone beside ../shared")
@pytest.mark.skipif(
    PROFILE != "thorough",
    reason="every example: READMELINT_HYPOTHESIS_PROFILE=thorough (the suite runs every twelfth)",
)
@pytest.mark.parametrize(
    ("number", "markdown"),
    [example for example in spec_examples() if example not in SAMPLE] or [(0, "")],
)
def test_every_spec_example_around_tables_and_items(number: int, markdown: str) -> None:
    test_spec_example_around_tables_and_items(number, markdown)
