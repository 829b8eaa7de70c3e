"""The table of contents: found, checked against the headings, written again by fix."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.anchors import Slugger
from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.source import split_lines

SETTINGS = Settings(layouts=("headings",))

DOCUMENT = """# Papers

- [Vision](#vision)
  - [Detection](#detection)
- [Language](#language)

## Vision

### Detection

text

## Language

text

## License

MIT
"""


def contents(text: str) -> list[str]:
    document = parse(text, SETTINGS)
    assert document.toc is not None
    return [line.rstrip("\n") for line in split_lines(text)][
        document.toc.span.start - 1 : document.toc.span.end
    ]


def problems(text: str) -> list[tuple[int, str, str]]:
    return [
        (d.line, d.code, d.message)
        for d in check_text(text, SETTINGS)
        if d.code in ("RL304", "RL305")
    ]


def test_a_true_table_of_contents_checks_clean() -> None:
    assert problems(DOCUMENT) == []
    assert fix_text(DOCUMENT, SETTINGS) == DOCUMENT


def test_a_renamed_heading_is_reported_and_fix_writes_the_contents_again() -> None:
    renamed = DOCUMENT.replace("### Detection", "### Object detection")
    assert problems(renamed) == [
        (3, "RL305", 'the contents miss the heading "Object detection" (line 9); fix adds it'),
        (
            4,
            "RL305",
            "contents link to #detection, which no heading has; fix writes the contents again",
        ),
    ]
    fixed = fix_text(renamed, SETTINGS)
    assert contents(fixed) == [
        "- [Vision](#vision)",
        "  - [Object detection](#object-detection)",
        "- [Language](#language)",
    ]
    # Every line outside the contents is as it was.
    assert fixed.replace("  - [Object detection](#object-detection)\n", "") == renamed.replace(
        "  - [Detection](#detection)\n", ""
    )
    assert problems(fixed) == []
    assert fix_text(fixed, SETTINGS) == fixed


def test_the_license_after_the_last_section_and_deeper_levels_stay_out() -> None:
    added = DOCUMENT.replace("text\n\n## Language", "text\n\n#### Detail\n\n## Language")
    assert problems(added) == []  # level 4 is not a level the contents cover


def test_entries_keep_their_own_text_and_what_follows_their_link() -> None:
    own = DOCUMENT.replace("- [Language](#language)", "- [NLP](#language) : words")
    assert problems(own) == []
    assert fix_text(own, SETTINGS) == own


def test_contents_out_of_order_are_reported_once() -> None:
    swapped = DOCUMENT.replace(
        "- [Vision](#vision)\n  - [Detection](#detection)\n- [Language](#language)",
        "- [Language](#language)\n- [Vision](#vision)\n  - [Detection](#detection)",
    )
    assert [code for _, code, _ in problems(swapped)] == ["RL305"]
    assert contents(fix_text(swapped, SETTINGS)) == contents(DOCUMENT)


def test_markers_and_a_heading_named_contents() -> None:
    marked = (
        "# A\n\n<!-- toc -->\n\n- [B](#b)\n- [Gone](#gone)\n\n<!-- tocstop -->\n\n## B\n\n## C\n"
    )
    assert [code for _, code, _ in problems(marked)] == ["RL305", "RL305"]  # C missing, #gone
    assert "- [B](#b)\n- [C](#c)\n\n<!-- tocstop -->" in fix_text(marked, SETTINGS)
    named = "# A\n\n## 目录\n\n* [B](#b)\n* [D](#d)\n\n## B\n\n### B.1\n\n## C\n\n## D\n"
    assert "* [B](#b)\n* [C](#c)\n* [D](#d)\n" in fix_text(named, SETTINGS)


def test_a_link_to_no_anchor_is_reported_outside_the_contents() -> None:
    text = DOCUMENT + "\nSee [vision](#vision) and [gone](#nowhere).\n"
    assert problems(text) == [
        (
            21,
            "RL304",
            "link to #nowhere, which no heading of this file has; check the spelling or the heading",
        )
    ]


def test_an_unmarked_list_that_would_shrink_below_three_links_is_left_alone() -> None:
    """Unmarked, a list of in-page links is the contents from three items on: written
    with one, it would be no contents at all (fix refused its own output, found by the
    fuzzer). It stays as it is, its dead link an ordinary one (RL304)."""
    text = "- [A](#a)\n- [B](#b)\n- [C](#nowhere)\n* a list after it\n\n# A\n# B\n"
    assert fix_text(text, SETTINGS) == text
    assert [(line, code) for line, code, _ in problems(text)] == [(3, "RL304")]
    marked = "## Contents\n\n" + text
    assert contents(fix_text(marked, SETTINGS)) == ["- [A](#a)", "- [B](#b)"]


SECTIONS = st.lists(
    st.sampled_from(["Vision", "Language", "Speech", "Robotics", "Vision", "Q&A", "目录 二"]),
    min_size=1,
    max_size=6,
)


@settings(max_examples=100, deadline=None)
@given(SECTIONS, st.integers(0, 2**32 - 1))
def test_regenerating_is_idempotent_and_touches_nothing_else(names: list[str], seed: int) -> None:
    """A stale contents (entries dropped, shuffled) is written again; nothing else moves."""
    rng = random.Random(seed)
    body = "".join(f"## {name}\n\ntext {i}\n\n" for i, name in enumerate(names))
    slugger = Slugger()
    links = [f"- [{name}](#{slugger.slug(name)})" for name in names]
    rng.shuffle(links)
    links = links[: rng.randint(1, len(links))]
    text = "# Title\n\n## Contents\n\n" + "\n".join(links) + "\n\n" + body
    fixed = fix_text(text, SETTINGS)
    assert fix_text(fixed, SETTINGS) == fixed
    assert [d for d in check_text(fixed, SETTINGS) if d.fixable] == []
    before, after = parse(text, SETTINGS), parse(fixed, SETTINGS)
    assert before.toc is not None
    assert after.toc is not None
    outside_before = text.splitlines()[before.toc.span.end :]
    outside_after = fixed.splitlines()[after.toc.span.end :]
    assert outside_after == outside_before
    assert (
        text.splitlines()[: before.toc.span.start - 1]
        == fixed.splitlines()[: after.toc.span.start - 1]
    )
