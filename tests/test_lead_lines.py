"""Lines between a heading and its fields, and headings, read by patterns (issue 22 item 1).

``heading-pattern`` reads an entry heading's text (``[{...}] [{title}]({paper})``: the
title is then the paper's), ``lead-pattern`` the paragraphs without a label between the
heading and the fields (an italic author line); a heading or paragraph that no pattern
reads is reported, and fix writes these lines as they are.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import config_from_table, load_config
from readmelint.errors import ConfigError
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT, assert_survives, entry_schema
from tests.hypothesis_profile import PROPERTIES

GOLDEN = ROOT / "tests" / "golden_lead"
SETTINGS = load_config(GOLDEN / ".readmelint.toml").settings
EXAMPLE = ROOT / "examples" / "lead-lines"
# Few examples: the lists are small and the strategy has few branches; CI time counts.
FAST_PROPERTIES = settings(PROPERTIES, max_examples=15)

ENTRY = """### [1] [Vision Transformers Need Registers](https://arxiv.org/abs/2309.16588)

*Timothée Darcet, Maxime Oquab*

**Keywords:** vision transformers

**TL;DR:** Extra tokens.
"""


def fields_of(text: str, settings: Settings = SETTINGS) -> list[dict[str, str]]:
    return [
        {f.key or "": f.value for f in entry.every_field} for entry in parse(text, settings).entries
    ]


def test_the_heading_and_the_author_line_are_read_as_fields() -> None:
    [entry] = parse(ENTRY, SETTINGS).entries
    assert entry.heading == "Vision Transformers Need Registers"
    assert fields_of(ENTRY) == [
        {
            "title": "Vision Transformers Need Registers",
            "paper": "https://arxiv.org/abs/2309.16588",
            "authors": "Timothée Darcet, Maxime Oquab",
            "keywords": "vision transformers",
            "tldr": "Extra tokens.",
        }
    ]
    assert check_text(ENTRY, SETTINGS) == []
    assert fix_text(ENTRY, SETTINGS) == ENTRY


def test_without_lead_patterns_a_line_before_the_fields_makes_no_entry() -> None:
    plain = Settings(schema=SETTINGS.schema)
    assert parse(ENTRY, plain).entries == ()


def test_a_line_and_a_heading_no_pattern_reads_are_reported_and_kept() -> None:
    text = ENTRY.replace("*Timothée Darcet, Maxime Oquab*", "Timothée Darcet").replace(
        "[1] [Vision Transformers Need Registers](https://arxiv.org/abs/2309.16588)", "Registers"
    )
    found = [(d.code, d.line, d.message) for d in check_text(text, SETTINGS) if d.code == "RL009"]
    assert found == [
        ("RL009", 1, "no heading-pattern reads this heading; write it as one of them reads it"),
        (
            "RL009",
            3,
            "no lead-pattern reads this paragraph; write it as one of them reads it, or give "
            "it a label",
        ),
    ]
    assert fix_text(text, SETTINGS) == text


def test_a_bold_title_under_a_section_heading_is_no_lead() -> None:
    text = "### Section\n\n**A Title**\n\n- **TL;DR:** short\n- **Authors:** A. B.\n"
    [entry] = parse(text, SETTINGS).entries
    assert entry.heading == "A Title"
    assert entry.lead == ()


def test_the_example_reads_every_paper() -> None:
    settings = load_config(EXAMPLE / ".readmelint.toml").settings
    read = fields_of((EXAMPLE / "README.md").read_text("utf-8"), settings)
    assert [fields["title"] for fields in read] == [
        "Vision Transformers Need Registers",
        "Scalable Diffusion Models with Transformers",
        "Direct Preference Optimization",
    ]
    assert [fields.get("authors") for fields in read][:2] == [
        "Timothée Darcet, Maxime Oquab, Julien Mairal, Piotr Bojanowski",
        "William Peebles, Saining Xie",
    ]


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"lead-pattern": 3}, "lead-pattern must be a pattern or a list of patterns"),
        ({"heading-pattern": "[{nope}]({paper})"}, "heading-pattern '[{nope}]({paper})'"),
    ],
)
def test_a_bad_pattern_is_a_configuration_error(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        config_from_table({"schema": str(GOLDEN / "schema.json"), **table}, GOLDEN / "x.toml")


# Generated lists: headings with or without a number, author lines and summaries in any
# number of lines, fields as bullets or as lines, in any order, some lines no pattern reads.
HEADINGS = st.sampled_from(
    ["[{n}] [Paper {n}](https://arxiv.org/abs/2401.0{n})", "[Paper {n}](https://x.org/{n})"]
)
LEADS = st.sampled_from(
    ["*A. Author, B. Author*", "*A. Author,\nB. Author*", "(A summary.)", "Unread line", ""]
)
FIELDS = {"keywords": "**Keywords:** a, b", "tldr": "**TL;DR:** short"}


@st.composite
def lead_lists(draw: st.DrawFn) -> str:
    out = ["# Papers", ""]
    for n in range(1, draw(st.integers(1, 4)) + 1):
        out.append("### " + draw(HEADINGS).format(n=n))
        for lead in draw(st.lists(LEADS, max_size=2)):
            out += [lead, ""] if lead else [""]
        keys = draw(st.permutations(list(FIELDS)))[: draw(st.integers(1, 2))]
        bullets = draw(st.sampled_from(["- ", "* ", ""]))
        for key in keys:
            out.append(
                bullets + FIELDS[key] + ("" if bullets else "  " + draw(st.sampled_from(["", " "])))
            )
        out.append("")
    return "\n".join(out)


def entries(text: str) -> Counter[frozenset[tuple[str, str]]]:
    return Counter(frozenset(fields.items()) for fields in fields_of(text))


@FAST_PROPERTIES
@given(lead_lists())
def test_fix_of_lead_lines_is_lossless_idempotent_and_agrees_with_check(text: str) -> None:
    assert_survives(text.encode(), SETTINGS)
    assert entries(fix_text(text, SETTINGS)) == entries(text)


def test_a_heading_patterns_placeholder_is_bounded_by_the_schema_as_an_items_is(
    tmp_path: Path,
) -> None:
    """A field with an ``enum`` reads only its values, so ``{venue} {title}`` does not read
    a heading without a venue as one whose first word is the venue."""
    schema = entry_schema(
        {
            "venue": {"title": "Venue", "enum": ["CVPR", "ICLR"]},
            "title": {"title": "Title", "type": "string"},
            "tags": {"title": "Tags", "type": "string"},
        }
    )
    (tmp_path / "schema.json").write_text(json.dumps(schema), "utf-8")
    table = {"schema": "schema.json", "heading-pattern": ["{venue} {title}", "{title}"]}
    settings = config_from_table(table, tmp_path / ".readmelint.toml").settings
    text = "### ICLR Vision Transformers\n- **Tags:** a\n\n### Attention Is All\n- **Tags:** b\n"
    assert fields_of(text, settings) == [
        {"venue": "ICLR", "title": "Vision Transformers", "tags": "a"},
        {"title": "Attention Is All", "tags": "b"},
    ]
