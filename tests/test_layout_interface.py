"""The layout interface: what every layout offers the core (a new entry in a list's own
style, each layout's ``add``, is tested with ``readmelint add``)."""

from __future__ import annotations

import pytest

from readmelint.layouts.registry import LAYOUTS, NAMES
from readmelint.parse import parse
from readmelint.settings import Settings

VALUES = {
    "heading": "Emu",
    "paper": "[Emu](https://arxiv.org/abs/2307.05222)",
    "accepted": "arXiv",
    "submission_date": "2023-07-11",
    "authors": "BAAI",
    "tags": "any-to-any",
    "abstract": "A multimodal model.",
    "personal_note": "[Note](https://example.org/emu)",
}
FIELDS = {key: value for key, value in VALUES.items() if key != "heading"}


def test_the_registry_lists_each_layout_under_its_own_name() -> None:
    assert NAMES == ("headings", "table", "items")
    assert tuple(LAYOUTS) == NAMES  # the names settings are checked against, in order
    assert all(name == LAYOUTS[name].NAME for name in NAMES)
    keys = [key for layout in LAYOUTS.values() for key in layout.CONFIG]
    assert len(keys) == len(set(keys))  # no key read by two layouts


@pytest.mark.parametrize("name", NAMES)
def test_what_a_layout_found_is_kept_under_its_name(name: str) -> None:
    settings = Settings(layouts=(name,), item_fields="sub-items")
    document = parse("# Papers\n\ntext\n", settings)
    assert set(document.found) == {name}
    assert document.found[name].entries == ()
