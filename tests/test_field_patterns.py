"""Bullets without labels under a heading, read by patterns (issue 22 item 2).

With ``field-pattern``, an item without a label in an entry's field list is read by the
first field pattern that reads it, or with ``field-pattern-by = "position"`` by the
pattern at its place in the list; a list whose first item a pattern reads is a fields
block, and an item no pattern reads stays the entry's and is reported (RL009).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import config_from_table, load_config
from readmelint.errors import ConfigError
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT, assert_survives, entry_fields, fields_of
from tests.hypothesis_profile import PROPERTIES

GOLDEN = ROOT / "tests" / "golden_positional"
FIRST_MATCH = load_config(GOLDEN / ".readmelint.toml").settings
BY_POSITION = load_config(GOLDEN / "by-position" / ".readmelint.toml").settings
EXAMPLE = ROOT / "examples" / "positional-bullets"
# Few examples: the lists are small and the strategy has few branches; CI time counts.
FAST_PROPERTIES = settings(PROPERTIES, max_examples=15)

BULLETS = """##### [Adam]
- Adam: A Method for Stochastic Optimization [[arXiv]](https://arxiv.org/abs/1412.6980)
- *Diederik P. Kingma,
  Jimmy Ba*
- read by no pattern
- **Keywords:** optimisation
"""
UNREAD = "no field-pattern reads this item; write it as one of them reads it, or give it a label"


def test_bullets_without_labels_are_read_by_the_first_pattern_that_reads_them() -> None:
    assert fields_of(BULLETS, FIRST_MATCH) == [
        {
            "title": "Adam: A Method for Stochastic Optimization",
            "paper": "https://arxiv.org/abs/1412.6980",
            "authors": "Diederik P. Kingma,\nJimmy Ba",
            "": "read by no pattern",
            "keywords": "optimisation",
        }
    ]
    found = [(d.code, d.line, d.column, d.message) for d in check_text(BULLETS, FIRST_MATCH)]
    assert ("RL009", 5, 3, UNREAD) in found
    assert fix_text(BULLETS, FIRST_MATCH) == BULLETS


def test_by_position_each_bullet_is_read_by_the_pattern_at_its_place_only() -> None:
    text = (
        "##### [Adam]\n"
        "- Adam [[arXiv]](https://arxiv.org/abs/1412.6980)\n"
        "- *Diederik P. Kingma*\n"
        "- *optimisation*\n"
    )
    [read] = fields_of(text, BY_POSITION)
    assert (read["authors"], read["keywords"]) == ("Diederik P. Kingma", "optimisation")
    # First match reads both italic lines as authors; by position, a line out of its
    # place is read by no pattern.
    assert [f.get("keywords") for f in fields_of(text, FIRST_MATCH)] == [None]
    # A line pushed down by one is read by the next place's pattern, or by none.
    pushed = text.replace("- *Diederik", "- TL;DR — x\n- *Diederik")
    assert fields_of(pushed, BY_POSITION)[0]["keywords"] == "Diederik P. Kingma"
    rl009 = [(d.line, d.message) for d in check_text(pushed, BY_POSITION) if d.code == "RL009"]
    assert rl009 == [(3, UNREAD), (5, UNREAD)]


def test_a_list_no_field_pattern_reads_is_no_fields_block() -> None:
    text = "##### Section\n- some link\n- another\n"
    assert parse(text, FIRST_MATCH).entries == ()
    # By position, only the first pattern may make a list a fields block.
    italic_first = "##### Section\n- *A. Author*\n- *B. Author*\n"
    assert parse(italic_first, BY_POSITION).entries == ()


def test_without_field_patterns_an_item_without_a_label_has_the_plain_message() -> None:
    plain = Settings(schema=FIRST_MATCH.schema, entry_levels=(5,))
    text = "##### Adam\n- **Keywords:** optimisation\n- see also\n"
    messages = [d.message for d in check_text(text, plain) if d.code == "RL009"]
    assert messages == ["list item has no label; write it as `**Label:** value`"]


def test_the_example_reads_every_paper() -> None:
    settings = load_config(EXAMPLE / ".readmelint.toml").settings
    read = fields_of((EXAMPLE / "README.md").read_text("utf-8"), settings)
    assert [fields["title"] for fields in read] == [
        "Deep Residual Learning for Image Recognition",
        "Adam: A Method for Stochastic Optimization",
    ]
    assert [fields[""] for fields in read if "" in fields] == ["ICLR 2015"]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"field-pattern": []}, "field-pattern must be a pattern or a list of patterns"),
        ({"field-pattern": "*{nope}*"}, "field-pattern '*{nope}*'"),
        ({"field-pattern-by": "place"}, "field-pattern-by must be 'first-match'"),
    ],
)
def test_a_bad_setting_is_a_configuration_error(table: dict[str, object], message: str) -> None:
    schema = ROOT / "tests" / "golden_lead" / "schema.json"
    with pytest.raises(ConfigError, match=re.escape(message)):
        config_from_table({"schema": str(schema), **table}, GOLDEN / "x.toml")


# Generated lists: headings over bullets in the patterns' shapes (one over two lines),
# labelled bullets and bullets no pattern reads, in any order and number.
POSITIONAL_BULLETS = st.sampled_from(
    [
        "Paper {n} [[arXiv]](https://arxiv.org/abs/2401.0{n})",
        "*A. Author, B. Author*",
        "*A. Author,\n  B. Author*",
        "TL;DR — short",
        "**Keywords:** a, b",
        "unread",
    ]
)


@st.composite
def positional_lists(draw: st.DrawFn) -> str:
    out = ["# Papers", ""]
    for n in range(1, draw(st.integers(1, 3)) + 1):
        out += [f"##### [Paper {n}]", *draw(st.sampled_from([[], [""]]))]
        marker = draw(st.sampled_from(["- ", "* "]))
        bullets = draw(st.lists(POSITIONAL_BULLETS, min_size=1, max_size=4))
        out += [marker + bullet.format(n=n) for bullet in bullets]
        out += [""] * draw(st.integers(1, 2))
    return "\n".join(out)


@FAST_PROPERTIES
@given(positional_lists(), st.sampled_from([FIRST_MATCH, BY_POSITION]))
def test_fix_of_positional_bullets_is_lossless_idempotent_and_agrees_with_check(
    text: str, settings: Settings
) -> None:
    assert_survives(text.encode(), settings)
    assert entry_fields(fix_text(text, settings), settings) == entry_fields(text, settings)
