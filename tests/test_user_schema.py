"""Your own list, your own schema: the Deep-Learning-Paper-List layout with config and schema only."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.layouts.headings.find import LINES
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT, corpus_file, non_blank_characters, outside_entries, read_text

EXAMPLE = ROOT / "examples" / "deep-learning"
DEEP_LEARNING = "friedrichor__Deep-Learning-Paper-List__README.md"


@pytest.fixture
def settings() -> Settings:
    return load_config(EXAMPLE / ".readmelint.toml").settings


def test_the_example_config_declares_the_other_layout(settings: Settings) -> None:
    assert settings.entry_levels == (4,)
    titles = [spec.title for spec in settings.schema.fields]
    assert titles[:6] == [
        "Paper",
        "Github",
        "Record",
        "Authors' Sources",
        "Submission time",
        "Brief Introduction",
    ]
    date = settings.schema.spec("submission_time")
    assert date is not None
    assert date.date_format is not None
    assert date.date_format.spelling == "YYYY.MM"


def test_real_list_parses_into_heading_and_line_entries(settings: Settings) -> None:
    document = parse(read_text(corpus_file(DEEP_LEARNING)), settings)
    assert len(document.entries) == 13
    assert all(entry.form is LINES for entry in document.entries)
    assert document.entries[0].heading == "LLaVA"  # `#### **LLaVA**`: the bold is markup
    assert document.entries[-1].heading == ""  # `#### ****`
    gill = next(entry for entry in document.entries if entry.heading == "GILL")
    brief = gill.field("brief_introduction")
    assert brief is not None
    assert brief.span.end - brief.span.start == 1  # the unlabelled line continues the field


def test_real_defects_are_reported(settings: Settings) -> None:
    problems = [
        (d.line, d.code, d.message)
        for d in check_text(read_text(corpus_file(DEEP_LEARNING)), settings)
        if not d.fixable
    ]
    stub = [p for p in problems if p[0] >= 153]
    assert (
        153,
        "RL006",
        "entry heading is empty; write the paper's short name after the #",
    ) in stub
    assert (
        154,
        "RL004",
        '"Paper" needs a link with an http(s) URL, like [text](https://...)',
    ) in stub
    assert (158, "RL003", '"Submission time" is "2023.0", not a real date written YYYY.MM') in stub
    # Qwen-VL's Paper link has no URL either: `[Qwen-VL: ...]()`.
    assert (
        145,
        "RL004",
        '"Paper" needs a link with an http(s) URL, like [text](https://...)',
    ) in problems
    assert not [p for p in problems if p[1] in ("RL005", "RL009", "RL010")]


def test_fix_is_idempotent_and_lossless_on_the_real_list(settings: Settings) -> None:
    original = read_text(corpus_file(DEEP_LEARNING))
    fixed = fix_text(original, settings)
    assert fix_text(fixed, settings) == fixed
    assert [d for d in check_text(fixed, settings) if d.fixable] == []
    # Its table of contents misses the section 多模态预训练 (line 162): fix adds it.
    added = "    - [多模态预训练](#多模态预训练)\n"
    assert added in fixed
    assert added not in original
    assert non_blank_characters(fixed.replace(added, "")) == non_blank_characters(original)
    levels = settings.entry_levels
    outside = outside_entries(fixed, levels)
    outside.remove(added.rstrip("\n"))
    assert outside == outside_entries(original, levels)


def test_bundled_example_folder_is_found_by_walking_up(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from readmelint.cli import main

    result = CliRunner().invoke(main, ["check", str(EXAMPLE / "README.md")])
    assert result.exit_code == 1
    assert "RL003" in result.output
    assert '"2023.1", not a real date written YYYY.MM' in result.output
