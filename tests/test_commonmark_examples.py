"""Every CommonMark spec example (../shared/corpus/commonmark/commonmark.json) inside a
field's value, after an entry and between sections: fix loses nothing, a second fix
changes nothing, and check reports as fixable exactly what fix changes."""

from __future__ import annotations

import json

import pytest

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import CORPUS, fixable_left, non_blank_characters

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
