"""How the headings layout fixes a list: check's lean plan sees what fix's full plan does,
bytes kept, and entries and fields that keep their order (its golden files, in
``tests/golden/``, run in ``tests/test_golden.py``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.canonical.plan import plan
from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.layouts.headings.find import headed
from readmelint.layouts.headings.plan import Plan
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.source import decode, strip_newline
from tests.regenerate import fix_bytes

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path.name.removesuffix(".in.md") for path in GOLDEN.glob("*.in.md"))


@pytest.mark.parametrize("case", CASES)
def test_checks_lean_plan_agrees_with_fixs_full_plan(case: str) -> None:
    """check plans without keeping lines; it must see the same changes and styles as fix."""
    document = parse(decode((GOLDEN / f"{case}.in.md").read_bytes(), case).text)
    full = plan(document, Settings()).of(Plan)
    lean = plan(document, Settings(), all_lines=False).of(Plan)
    rewritten = {
        entry.line
        for entry in headed(document)
        if full.entry_lines(entry.line)
        != [strip_newline(line) for line in document.lines[entry.span.start - 1 : entry.span.end]]
    }
    assert lean.changed == full.changed == rewritten
    assert lean.styles == full.styles
    assert [run.ordered for run in lean.runs] == [run.ordered for run in full.runs]
    with pytest.raises(ValueError, match="keeps only what check needs"):
        list(lean.blocks())


def test_byte_fidelity_of_crlf_bom_and_missing_final_newline() -> None:
    fixed = fix_bytes((GOLDEN / "crlf-bom.in.md").read_bytes(), Settings())
    assert fixed.startswith(b"\xef\xbb\xbf")
    assert b"\n" not in fixed.replace(b"\r\n", b"")
    assert not fixed.endswith(b"\n")


def test_entries_keep_their_order_when_a_link_label_is_defined_twice() -> None:
    """The first definition of a label wins: sorting the entries would repoint links."""
    text = (
        "### Old\n- **Paper:** [P][a]\n- **Submission Date:** 2020-01-01\n\n"
        "[a]: https://example.org/old\n\n"
        "### New\n- **Paper:** [P][a]\n- **Submission Date:** 2024-01-01\n\n"
        "[a]: https://example.org/new\n"
    )
    assert fix_text(text, Settings()) == text
    assert fix_text(text.replace("[a]: https://example.org/new", "[b]: x"), Settings()) != text


def test_only_the_run_holding_both_definitions_keeps_its_order() -> None:
    """Entries in another section cannot swap the definitions: they are sorted."""
    held = (
        "## Held\n\n"
        "### Old\n- **Paper:** [P][a]\n- **Submission Date:** 2020-01-01\n\n"
        "[a]: https://example.org/old\n\n"
        "### New\n- **Paper:** [P][a]\n- **Submission Date:** 2024-01-01\n\n"
        "[a]: https://example.org/new\n\n"
    )
    early = "### Early\n- **Paper:** x\n- **Submission Date:** 2019-01-01\n"
    late = "### Late\n- **Paper:** y\n- **Submission Date:** 2025-01-01\n"
    text = f"{held}## Sorted\n\n{early}\n{late}"
    fixed = f"{held}## Sorted\n\n{late}\n{early}"
    assert fix_text(text, Settings()) == fixed


def test_fields_keep_their_order_when_they_hold_two_definitions_of_a_label() -> None:
    """Paper goes before Tags, but moving it would make its definition the one that wins."""
    text = (
        "### A\n- **Tags**: t\n\n  [a]: https://e.org/tags\n"
        "- **Paper:** [P][a]\n\n  [a]: https://e.org/paper\n"
    )
    assert fix_text(text, Settings()) == text.replace("**Tags**:", "**Tags:**")


def test_a_blank_line_of_spaces_between_entries_is_reported_and_emptied() -> None:
    text = "### A\n- **Paper:** x\n \t\n### B\n- **Paper:** y\n"
    assert fix_text(text, Settings()) == text.replace(" \t\n", "\n")
    fixable = [(d.line, d.code) for d in check_text(text, Settings()) if d.fixable]
    assert fixable == [(3, "RL105")]


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        pytest.param(
            "### A\n**Paper:** p  \n**Accepted:**  \n**Tags:**  \n**Personal note:** n\\\n"
            "**Accepted:**  \n**Accepted:**\n",
            None,
            id="a-break-that-would-come-last",
        ),
        pytest.param(
            "### A\n**Tags:** t  \n**Paper:** p\\\n",
            "### A\n**Paper:** p\\  \n**Tags:** t\n",
            id="a-literal-backslash-moved-up",
        ),
    ],
)
def test_a_backslash_at_the_end_of_a_field_line_keeps_what_github_shows(
    text: str, fixed: str | None
) -> None:
    """Fields written as lines of one paragraph: a backslash that ends a field's line is a
    hard break, but on the paragraph's last line GitHub shows it. fix moved the field
    with the break last and kept the backslash, now shown (found by the property tests
    with the second judge, issue 26); rather than change the field's value it now keeps
    that entry as it is. A literal backslash moved up keeps itself and breaks with two
    spaces."""
    assert fix_text(text, Settings()) == (fixed or text)
