"""Codes named on the command line and in a config: repeated, comma-separated, and never a
typo that turns a check off unnoticed (an unknown code is an error with a did-you-mean)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from readmelint.config import known_codes
from readmelint.errors import ConfigError
from tests.helpers import BROKEN

# BROKEN has RL003 (a bad date) and RL102 (a drifted label).


def codes(result_output: str) -> list[str]:
    return [problem["code"] for problem in json.loads(result_output)]


@pytest.fixture
def readme(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(BROKEN, "utf-8")
    return path


@pytest.mark.parametrize(
    ("option", "value", "suggestion"),
    [
        ("--select", "RL3O1", "RL301"),  # a letter O
        ("--ignore", "RL1O2", "RL102"),
        ("--select", "RL9", "RL"),
        ("--select", "RL003,XX1", None),
    ],
)
def test_an_unknown_code_is_an_error_with_a_did_you_mean(
    readme: Path, option: str, value: str, suggestion: str | None
) -> None:
    result = CliRunner().invoke(main, ["check", option, value, str(readme)])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"readmelint: {option} {value}: unknown code ")
    if suggestion:
        assert f"(did you mean '{suggestion}" in line
    assert "`readmelint rules` lists them" in line


def test_select_may_be_repeated_and_takes_lists(readme: Path) -> None:
    run = CliRunner().invoke
    only_dates = run(main, ["check", "--output-format", "json", "--select", "RL003", str(readme)])
    assert codes(only_dates.output) == ["RL003"]
    both = run(
        main,
        ["check", "--output-format", "json", "--select", "RL003", "--select", "RL102", str(readme)],
    )
    assert codes(both.output) == ["RL003", "RL102"]
    listed = run(main, ["check", "--output-format", "json", "--select", "rl003,RL1", str(readme)])
    assert codes(listed.output) == ["RL003", "RL102"]
    ignored = run(
        main,
        ["check", "--output-format", "json", "--ignore", "RL003", "--ignore", "RL1", str(readme)],
    )
    assert ignored.exit_code == 0
    assert codes(ignored.output) == []


def test_prefixes_are_codes_too() -> None:
    assert known_codes(["rl", "RL1", " RL30 ", ""]) == {"RL", "RL1", "RL30"}


@pytest.mark.parametrize("key", ["select", "ignore"])
def test_an_unknown_code_in_a_config_names_the_file_and_key(readme: Path, key: str) -> None:
    config = readme.parent / ".readmelint.toml"
    config.write_text(f'{key} = ["RL003", "RL3O1"]\n', "utf-8")
    result = CliRunner().invoke(main, ["check", str(readme)])
    assert result.exit_code == 2
    assert result.stderr == (
        f"readmelint: {config}: {key}: unknown code 'RL3O1' (did you mean 'RL301'?): no code "
        "starts with it; `readmelint rules` lists them\n"
    )


def test_known_codes_raises_a_config_error() -> None:
    with pytest.raises(ConfigError, match="did you mean 'RL104'"):
        known_codes(["RL14"])


def test_a_ci_gate_with_a_typo_fails_in_a_real_process(readme: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "readmelint", "check", "--select", "RL3O1", str(readme)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "did you mean 'RL301'?" in done.stderr
