"""Inline suppressions in HTML comments."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import CLEAN

ENTRY = """### {name}
- **Paper:** [{name}](https://example.org/{name})
- **Accepted:** arXiv
- **Submission Date:** {date}
- **Authors:**
- **Tags:** t
- **Abstract:** a
- **Personal note:** [N](https://example.org/n)
"""


def problems(text: str) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check_text(text, Settings())]


def test_without_suppressions() -> None:
    assert problems(ENTRY.format(name="A", date="2024-01-01")) == [(5, "RL002")]


def test_disable_without_enable_runs_to_the_end() -> None:
    text = "<!-- readmelint-disable RL002 -->\n" + ENTRY.format(name="A", date="2024-01-01")
    assert problems(text) == []


def test_disable_next_line_above_a_heading() -> None:
    text = "# P\n\n<!-- readmelint-disable-next-line RL001 -->\n### A\n- **Tags:** t\n"
    assert [code for _, code in problems(text)] == []


def test_region_ends_at_enable() -> None:
    first = ENTRY.format(name="A", date="2024-01-01")
    second = ENTRY.format(name="B", date="2023-01-01")
    text = (
        "<!-- readmelint-disable RL002 -->\n"
        + first
        + "<!-- readmelint-enable RL002 -->\n\n"
        + second
    )
    assert problems(text) == [(16, "RL002")]


def test_disable_file_anywhere() -> None:
    text = ENTRY.format(name="A", date="2024-01-01") + "\n<!-- readmelint-disable-file RL0 -->\n"
    assert problems(text) == []


def test_unused_and_unknown_suppressions_are_reported() -> None:
    text = (
        "<!-- readmelint-disable-file RL104 -->\n"
        "<!-- readmelint-disable-next-line RL999 -->\n"
        "# Title\n"
    )
    assert problems(text) == [(1, "RL201"), (2, "RL202")]


def test_a_suppression_above_an_entry_moves_with_it() -> None:
    older = ENTRY.format(name="Older", date="2020-01-01")
    newer = ENTRY.format(name="Newer", date="2024-01-01").replace(
        "- **Authors:**", "- **Authors:** B"
    )
    text = (
        "# P\n\n<!-- readmelint-disable RL002 -->\n"
        + older
        + "<!-- readmelint-enable -->\n\n"
        + newer
    )
    fixed = fix_text(text, Settings())
    assert fixed.index("### Newer") < fixed.index("### Older")
    assert fixed.index("<!-- readmelint-disable RL002 -->") < fixed.index("### Older")
    assert problems(fixed) == []


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output", ["json", "github", "sarif"])
def test_an_unused_suppression_is_a_warning_in_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Through the command line, from a real check: RL201 is a warning and nothing else."""
    monkeypatch.chdir(tmp_path)
    text = CLEAN.replace("### Alpha", "<!-- readmelint-disable-next-line RL003 -->\n### Alpha")
    (tmp_path / "README.md").write_text(text, "utf-8")
    status, stdout, _ = check("--output-format", output, "README.md")
    assert status == 1
    if output == "json":
        assert [(d["code"], d["severity"]) for d in json.loads(stdout)] == [("RL201", "warning")]
    elif output == "github":
        assert stdout.splitlines()[0].startswith("::warning file=README.md,line=3,col=1,")
    else:
        run = json.loads(stdout)["runs"][0]
        assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("RL201", "warning")]
        levels = {
            r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]
        }
        assert levels["RL201"] == "warning"
