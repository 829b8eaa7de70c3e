"""Golden files, every folder alike: ``tests/golden*/NAME.in.md`` fixed (with the folder's
``.readmelint.toml``, if it has one) must equal ``NAME.out.md`` byte for byte.

``golden/`` holds the headings layout, ``golden_tables/`` the table layout,
``golden_items/`` the items layout, ``golden_bold_titles/`` bold titles over their
fields (labels in two languages, full-width colons) and a schema whose field titles are
the labels, ``golden_lead/`` headings and the lines under them read by patterns,
``golden_positional/`` bullets without labels read by patterns, ``golden_digest/`` papers
that take their date from the heading above them (``date-from-heading``); a folder inside
one with a config of its own holds a shape that needs other settings
(``golden_items/venues/``: two-digit years, separators; ``golden_items/sub-items/`` and
``sub-item-patterns/``: items whose sub-items are their fields, the first paragraph a
field or read by patterns; ``golden_positional/by-position/``: each bullet read by the
pattern at its place). After an intended change to the canonical form, regenerate them
with ``python -m tests.regenerate golden`` and
review the diff.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.settings import Settings
from readmelint.source import decode
from tests.regenerate import fix_bytes, golden_folders

CASES = [
    pytest.param(
        folder,
        settings,
        source.name.removesuffix(".in.md"),
        id=f"{folder.relative_to(Path(__file__).parent).as_posix()}/{source.name}",
    )
    for folder, settings in golden_folders()
    for source in sorted(folder.glob("*.in.md"))
]


def test_every_golden_folder_has_cases() -> None:
    tests = Path(__file__).parent
    assert {folder.relative_to(tests).as_posix() for folder, _ in golden_folders()} == {
        "golden",
        "golden_bold_titles",
        "golden_digest",
        "golden_items",
        "golden_items/sub-item-patterns",
        "golden_items/sub-items",
        "golden_items/venues",
        "golden_lead",
        "golden_positional",
        "golden_positional/by-position",
        "golden_tables",
    }
    assert len(CASES) >= 15
    assert all(list(folder.glob("*.in.md")) for folder, _ in golden_folders())


@pytest.mark.parametrize(("folder", "settings", "case"), CASES)
def test_fix_matches_golden_output(folder: Path, settings: Settings, case: str) -> None:
    fixed = fix_bytes((folder / f"{case}.in.md").read_bytes(), settings)
    assert fixed == (folder / f"{case}.out.md").read_bytes()


@pytest.mark.parametrize(("folder", "settings", "case"), CASES)
def test_golden_output_is_a_fixed_point(folder: Path, settings: Settings, case: str) -> None:
    expected = (folder / f"{case}.out.md").read_bytes()
    assert fix_bytes(expected, settings) == expected
    text = decode(expected, case).text
    assert [d for d in check_text(text, settings) if d.fixable] == []


@pytest.mark.parametrize(("folder", "settings", "case"), CASES)
def test_check_reports_what_fix_changes(folder: Path, settings: Settings, case: str) -> None:
    original = (folder / f"{case}.in.md").read_bytes()
    fixable = [d for d in check_text(decode(original, case).text, settings) if d.fixable]
    assert bool(fixable) == (fix_bytes(original, settings) != original)
