"""`fix --diff` output is a unified diff that patch(1) applies, fast on reordered long files."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.diagnostics import Region
from readmelint.diff import unified_diff
from tests.helpers import apply

HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def as_lines(items: list[str], final_newline: bool) -> list[str]:
    lines = [item + "\n" for item in items]
    if lines and not final_newline:
        lines[-1] = lines[-1][:-1]
    return lines


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from("abcdefg"), max_size=30),
    st.lists(st.sampled_from("abcdefgh"), max_size=30),
    st.booleans(),
    st.booleans(),
)
def test_diff_applies_back(a_items: list[str], b_items: list[str], a_nl: bool, b_nl: bool) -> None:
    a, b = as_lines(a_items, a_nl), as_lines(b_items, b_nl)
    diff = "".join(unified_diff(a, b, "a/x", "b/x"))
    if a == b:
        assert diff == ""
    else:
        assert apply(a, diff) == b


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from("xyz"), max_size=4),  # the same on both sides
            st.lists(st.sampled_from("abcx"), max_size=6),  # a region, before
            st.lists(st.sampled_from("abcy"), max_size=6),  # that region, after
        ),
        max_size=5,
    ),
    st.lists(st.sampled_from("xyz"), max_size=4),
)
def test_a_diff_told_the_regions_applies_back(
    parts: list[tuple[list[str], list[str], list[str]]], end: list[str]
) -> None:
    a_items: list[str] = []
    b_items: list[str] = []
    regions = []
    for same, old, new in parts:
        a_items += same
        b_items += same
        regions.append(
            Region(len(a_items), len(a_items) + len(old), len(b_items), len(b_items) + len(new))
        )
        a_items += old
        b_items += new
    a, b = as_lines(a_items + end, True), as_lines(b_items + end, True)
    diff = "".join(unified_diff(a, b, "a/x", "b/x", regions=regions))
    assert apply(a, diff) == b
    assert (diff == "") == (a == b)


def test_reordering_ten_thousand_entries_is_a_short_diff() -> None:
    entries = [[f"### Paper {n}\n", f"- **Submission Date:** {n}\n", "\n"] for n in range(10_000)]
    a = [line for entry in entries for line in entry]
    b = [line for entry in reversed(entries) for line in entry]
    diff = "".join(unified_diff(a, b, "a/x", "b/x"))
    assert apply(a, diff) == b


@pytest.mark.skipif(shutil.which("patch") is None, reason="patch(1) is not installed")
def test_patch_applies_a_diff_without_final_newline(tmp_path: Path) -> None:
    a = ["# T\n", "### B\n", "- **Tags:** b\n", "\n", "### A\n", "- **Tags:** a"]
    b = ["# T\n", "### A\n", "- **Tags:** a\n", "\n", "### B\n", "- **Tags:** b"]
    target = tmp_path / "x"
    target.write_text("".join(a))
    diff = "".join(unified_diff(a, b, "a/x", "b/x"))
    subprocess.run(["patch", "-s", str(target)], input=diff, text=True, check=True)
    assert target.read_text() == "".join(b)
