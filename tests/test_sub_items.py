"""Items whose sub-items are their fields (``item-fields = "sub-items"``, issue 22 item 4).

The item's first paragraph is its title: the entry's heading, and the field ``item-title``
names, if set; or, where ``item`` gives patterns, the fields they read from it (title,
link, an icon kept as it is), the sub-items ``Label: value`` giving the rest.
"""

from __future__ import annotations

import re
from itertools import takewhile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.add.insert import add_paper
from readmelint.add.metadata import Metadata
from readmelint.check import check_text
from readmelint.config import config_from_table, load_config
from readmelint.dates import PartialDate
from readmelint.errors import ConfigError
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT, assert_survives, entry_fields, fields_of
from tests.hypothesis_profile import PROPERTIES

GOLDEN = ROOT / "tests" / "golden_items"
TITLE_FIELD = load_config(GOLDEN / "sub-items" / ".readmelint.toml").settings
PATTERNS = load_config(GOLDEN / "sub-item-patterns" / ".readmelint.toml").settings
EXAMPLE = ROOT / "examples" / "sub-items"
FAST_PROPERTIES = settings(PROPERTIES, max_examples=15)

LIST = """# Papers

- [Periodic RoPE](https://arxiv.org/abs/2604.27980) 🔥
  - Date: April 23, 2026
  - Venue: ICLR
- **Ring Attention**
  - Date: October 3, 2023
- Not a link
  - Date: May 25, 2023
"""


def test_item_title_names_the_field_the_first_paragraph_is() -> None:
    assert fields_of(LIST, TITLE_FIELD) == [
        {
            "title": "[Periodic RoPE](https://arxiv.org/abs/2604.27980) 🔥",
            "date": "April 23, 2026",
            "venue": "ICLR",
        },
        {"title": "**Ring Attention**", "date": "October 3, 2023"},
        {"title": "Not a link", "date": "May 25, 2023"},
    ]
    assert [e.heading for e in parse(LIST, TITLE_FIELD).entries] == [
        "Periodic RoPE 🔥",
        "Ring Attention",
        "Not a link",
    ]
    assert check_text(LIST, TITLE_FIELD) == []
    assert fix_text(LIST, TITLE_FIELD) == LIST


def test_without_item_title_the_title_is_the_heading_only() -> None:
    plain = Settings(schema=TITLE_FIELD.schema, layouts=("items",), item_fields="sub-items")
    assert fields_of(LIST, plain)[2] == {"date": "May 25, 2023"}


def test_a_pattern_reads_the_first_paragraph_and_the_sub_items_give_the_rest() -> None:
    assert fields_of(LIST, PATTERNS) == [
        {
            "title": "Periodic RoPE",
            "paper": "https://arxiv.org/abs/2604.27980",
            "date": "April 23, 2026",
            "venue": "ICLR",
        },
        {"title": "Ring Attention", "date": "October 3, 2023"},
    ]
    found = [(d.code, d.line, d.column, d.message) for d in check_text(LIST, PATTERNS)]
    assert found == [("RL013", 8, 3, "item matches no item pattern: expected '[' here")]
    assert fix_text(LIST, PATTERNS) == LIST


def test_an_item_a_pattern_reads_needs_no_sub_items() -> None:
    text = "- [A](https://x.org/a)\n  - Date: May 2, 2024\n- [B](https://x.org/b)\n"
    assert [f["title"] for f in fields_of(text, PATTERNS)] == ["A", "B"]


def test_the_example_reads_every_linked_paper() -> None:
    settings = load_config(EXAMPLE / ".readmelint.toml").settings
    read = fields_of((EXAMPLE / "README.md").read_text("utf-8"), settings)
    assert [(f["title"], f["date"]) for f in read] == [
        ("Periodic RoPE for Infinite Context LLMs", "April 23, 2026"),
        ("Ring Attention with Blockwise Transformers", "October 3, 2023"),
        ("LongLoRA: Efficient Fine-tuning of Long-Context LLMs", "September 21, 2023"),
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"item-fields": "sub-items", "item-title": "name"}, "item-title must name a field"),
        ({"item": "{title}", "item-title": "title"}, 'item-title goes with item-fields = "sub'),
        (
            {"item-fields": "sub-items", "item": "{title}", "item-title": "title"},
            "item-title goes with",
        ),
    ],
)
def test_a_bad_item_title_is_a_configuration_error(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        config_from_table(
            {"schema": str(GOLDEN / "schema.json"), "layout": "items", **table},
            GOLDEN / "x.toml",
        )


PAPER = Metadata(
    "Ring Attention at Scale", ("Jane Doe",), PartialDate(2026, 4, 10), "ICLR", "",
    "https://arxiv.org/abs/2604.01234", arxiv="2604.01234", source="s",
)  # fmt: skip


@pytest.mark.parametrize(
    ("settings", "first"),
    [
        (PATTERNS, "- [Ring Attention at Scale](https://arxiv.org/abs/2604.01234)"),
        (TITLE_FIELD, "- Ring Attention at Scale"),
    ],
)
def test_add_writes_the_first_paragraph_and_the_other_fields_as_sub_items(
    settings: Settings, first: str
) -> None:
    added = add_paper(LIST, PAPER, settings, "R.md")
    lines = added.text.splitlines()[added.line - 1 :]
    assert lines[0] == first
    sub_items = list(takewhile(lambda line: line.startswith("  - "), lines[1:]))
    assert "  - Date: April 10, 2026" in sub_items
    assert not [line for line in sub_items if line.startswith("  - Title:")]
    [entry] = [e for e in parse(added.text, settings).entries if e.line == added.line]
    title = entry.field("title")
    assert title is not None
    assert "Ring Attention at Scale" in title.value


# Generated lists: a title (linked, bold, plain, over two lines, or with an icon) over
# sub-items in either label form, some items no pattern reads, in any date order.
TITLES = st.sampled_from(
    [
        "[Paper {n}](https://arxiv.org/abs/2401.0{n})",
        "[Paper {n}](https://arxiv.org/abs/2401.0{n}) 🔥",
        "**Paper {n}**",
        "Paper {n}, no link",
        "Paper {n}\n  over two lines",
    ]
)
SUB_ITEMS = st.sampled_from(["Date: May {n}, 2024", "**Date:** 2023-01-0{n}", "Venue: ICLR"])


@st.composite
def sub_item_lists(draw: st.DrawFn) -> str:
    out = ["# Papers", ""]
    for n in range(1, draw(st.integers(1, 4)) + 1):
        out.append("- " + draw(TITLES).format(n=n))
        for sub in draw(st.lists(SUB_ITEMS, max_size=2)):
            out.append("  - " + sub.format(n=n))
    return "\n".join(out) + "\n"


@FAST_PROPERTIES
@given(sub_item_lists(), st.sampled_from([TITLE_FIELD, PATTERNS]))
def test_fix_of_sub_item_lists_is_lossless_idempotent_and_agrees_with_check(
    text: str, settings: Settings
) -> None:
    assert_survives(text.encode(), settings)
    assert entry_fields(fix_text(text, settings), settings) == entry_fields(text, settings)
