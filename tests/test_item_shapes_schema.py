"""Placeholders bounded by the schema (issue 28 item 2): a field with an ``enum`` matches
one of its values, a field with a ``pattern`` text the pattern finds, as a date field
matches a date; by examples and by a property over generated items."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.errors import ConfigError, SchemaError
from readmelint.field_shapes import field_shapes
from readmelint.parse import parse
from readmelint.schema import load_schema
from readmelint.settings import Settings

VENUES = ["CVPR", "ICCV", "NeurIPS", "ICLR", "ICLR Workshop", "S&P"]


def configured(tmp_path: Path, fields: Mapping[str, object], item: str) -> Settings:
    schema = {"type": "object", "properties": {"fields": {"properties": fields}}}
    (tmp_path / "schema.json").write_text(json.dumps(schema), "utf-8")
    config = tmp_path / ".readmelint.toml"
    config.write_text(f'schema = "schema.json"\nlayout = "items"\nitem = {json.dumps(item)}\n')
    return load_config(config).settings


@pytest.fixture
def venues(tmp_path: Path) -> Settings:
    fields = {
        "venue": {"title": "Venue", "type": "string", "enum": VENUES},
        "paper": {"title": "Paper", "type": "string", "pattern": "^https?://"},
        "title": {"title": "Title", "type": "string"},
    }
    return configured(tmp_path, fields, "[[{venue}]({paper})] {title}.")


def test_a_field_with_an_enum_reads_only_its_values(venues: Settings) -> None:
    text = (
        "- [[CVPR](https://x.org/a)] Paper A.\n"
        "- [[ICLR Workshop](https://x.org/b)] Paper B.\n"
        "- [[KITTI](https://x.org/k)] The KITTI suite.\n"
        "- [[S&P](https://x.org/c)] Paper C.\n"
    )
    document = parse(text, venues)
    assert [e.field("venue").value for e in document.entries] == ["CVPR", "ICLR Workshop", "S&P"]  # type: ignore[union-attr]
    [unread] = [d for d in check_text(text, venues) if d.code == "RL013"]
    assert (unread.line, unread.column) == (3, 5)
    assert unread.message.endswith(
        "expected {venue} (one of 'CVPR', 'ICCV', 'NeurIPS', 'ICLR' or another of its 6 "
        "values) here"
    )


def test_an_enum_counts_case_as_the_schema_does(venues: Settings) -> None:
    text = "- [[CVPR](https://x.org/a)] A.\n- [[ICCV](https://x.org/b)] B.\n- [[cvpr](https://x.org/c)] C.\n"
    assert len(parse(text, venues).entries) == 2


def test_a_field_with_a_pattern_reads_only_what_it_finds(venues: Settings) -> None:
    text = (
        "- [[CVPR](https://x.org/a)] A.\n- [[ICCV](https://x.org/b)] B.\n"
        "- [[ICLR](ftp://x.org/c)] C.\n"
    )
    assert len(parse(text, venues).entries) == 2
    [unread] = [d for d in check_text(text, venues) if d.code == "RL013"]
    assert (unread.line, unread.column) == (3, 11)
    assert unread.message.endswith("expected {paper} (text matching '^https?://') here")


@pytest.mark.parametrize(
    ("pattern", "value", "reads"),
    [
        ("arxiv", "https://arxiv.org/abs/1", True),
        ("arxiv", "https://x.org/1", False),
        ("^[0-9]{4}$", "2024", True),
        ("^[0-9]{4}$", "2024a", False),
        ("org/[0-9]$", "https://x.org/1", True),
        ("org/[0-9]$", "https://x.org/1/2", False),
    ],
)
def test_a_pattern_is_searched_and_anchored_as_the_schema_reads_it(
    tmp_path: Path, pattern: str, value: str, reads: bool
) -> None:
    fields = {"code": {"type": "string", "pattern": pattern}, "title": {"type": "string"}}
    settings = configured(tmp_path, fields, "{title}: {code}")
    text = f"- A: {value}\n- B: {value}\n"
    assert len(parse(text, settings).entries) == (2 if reads else 0)


@pytest.mark.parametrize("pattern", ["x*", "^a|b$", "(?i)abc", "\\Aabc", "^(?P<x>a)$", "a^b"])
def test_a_pattern_that_bounds_nothing_or_anchors_elsewhere_gives_no_shape(
    tmp_path: Path, pattern: str
) -> None:
    fields = {"code": {"type": "string", "pattern": pattern}}
    schema = {"type": "object", "properties": {"fields": {"properties": fields}}}
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema), "utf-8")
    try:
        loaded = load_schema(path)
    except SchemaError:  # a pattern RE2 cannot read is refused by the schema
        return
    assert field_shapes(loaded) == {}


@settings(max_examples=30, deadline=None)  # about 1 s
@given(st.lists(st.sampled_from([*VENUES, "KITTI", "cvpr", "ICLR Work"]), min_size=2, max_size=8))
def test_an_item_is_read_exactly_when_its_venue_is_one_of_the_enum(
    tmp_path_factory: pytest.TempPathFactory, venues_written: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("enum")
    fields = {
        "venue": {"type": "string", "enum": VENUES},
        "title": {"type": "string"},
    }
    settings_ = configured(folder, fields, "[{venue}] {title}")
    text = "".join(f"- [{venue}] Paper {n}\n" for n, venue in enumerate(venues_written))
    read = [e.field("venue").value for e in parse(text, settings_).entries]  # type: ignore[union-attr]
    known = [venue for venue in venues_written if venue in VENUES]
    assert read == (known if len(known) >= 2 and len(known) * 2 > len(venues_written) else [])


# --- entry lists limited to some sections, or not in some (issue 28 item 2) ------------

SECTIONED = """# Awesome driving

## Papers

- [[CVPR](https://x.org/a)] Paper A.
- [[ICCV](https://x.org/b)] Paper B.

### Older

- [[CVPR](https://x.org/c)] Paper C.
- [[ICCV](https://x.org/d)] Paper D.

## 📊 Datasets

- [[CVPR](https://x.org/k)] The KITTI suite.
- [[ICCV](https://x.org/n)] nuScenes.
"""


def sectioned(tmp_path: Path, extra: str) -> Settings:
    fields = {"venue": {"type": "string"}, "paper": {"type": "string"}, "title": {}}
    configured(tmp_path, fields, "[[{venue}]({paper})] {title}.")
    config = tmp_path / ".readmelint.toml"
    config.write_text(config.read_text("utf-8") + extra, "utf-8")
    return load_config(config).settings


@pytest.mark.parametrize(
    ("extra", "lines"),
    [
        ("", [5, 6, 10, 11, 15, 16]),
        ('item-skip-sections = ["*datasets"]\n', [5, 6, 10, 11]),
        ('item-sections = ["Papers"]\n', [5, 6, 10, 11]),
        ('item-sections = ["older"]\n', [10, 11]),
        ('item-sections = ["Papers"]\nitem-skip-sections = ["Older"]\n', [5, 6]),
        ('item-sections = ["Surveys"]\n', []),
    ],
)
def test_settings_limit_the_entry_lists_to_some_sections_or_leave_some_out(
    tmp_path: Path, extra: str, lines: list[int]
) -> None:
    """A section holds its subsections; a name matches a heading's text, case aside."""
    settings = sectioned(tmp_path, extra)
    assert [entry.line for entry in parse(SECTIONED, settings).entries] == lines


@pytest.mark.parametrize("value", ['"Datasets"', "[1]", '[""]'])
def test_a_section_setting_is_a_list_of_headings(tmp_path: Path, value: str) -> None:
    with pytest.raises(ConfigError, match="item-skip-sections must be a list of section"):
        sectioned(tmp_path, f"item-skip-sections = {value}\n")
