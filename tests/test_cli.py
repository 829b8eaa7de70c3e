"""The command line through click's CliRunner, and once through a real subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from tests.helpers import BROKEN, CLEAN, ROOT


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def write(folder: Path, text: str, name: str = "README.md") -> Path:
    path = folder / name
    path.write_bytes(text.encode())
    return path


def test_check_text_output_and_exit_1(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        lines[0]
        == f'{path}:6:3: RL003 "Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD'
    )
    assert (
        lines[1]
        == f"{path}:10:3: RL102 [*] write the label **Personal Note**: as **Personal note:**"
    )
    assert (
        lines[-1] == "2 problems (1 fixable) in 1 file (run `readmelint fix` for the fixable ones)."
    )
    assert path.read_text() == BROKEN  # check never writes


def test_check_clean_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["check", str(write(tmp_path, CLEAN))])
    assert result.exit_code == 0, result.output
    assert result.output == "No problems in 1 file.\n"


def test_check_defaults_to_readme_in_working_directory(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, BROKEN)
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.startswith("README.md:6:3: RL003")


def test_check_json_output(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(main, ["check", "--output-format", "json", str(path)])
    assert result.exit_code == 1
    problems = json.loads(result.output)
    assert [(p["line"], p["column"], p["code"], p["fixable"]) for p in problems] == [
        (6, 3, "RL003", False),
        (10, 3, "RL102", True),
    ]
    assert set(problems[0]) >= {"path", "line", "column", "code", "message", "severity", "fixable"}
    assert problems[0]["severity"] == "error"


def test_fix_writes_then_check_is_clean_of_fixables(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert "**Personal note:** [Note]" in path.read_text()
    again = runner.invoke(main, ["check", "--output-format", "json", str(path)])
    assert [p["code"] for p in json.loads(again.output)] == ["RL003"]


def test_fix_check_and_diff_write_nothing(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, BROKEN)
    before = path.stat().st_mtime_ns
    check = runner.invoke(main, ["fix", "--check", str(path)])
    assert check.exit_code == 1
    diff = runner.invoke(main, ["fix", "--diff", str(path)])
    assert diff.exit_code == 1
    assert "-- **Personal Note**: [Note]" in diff.output
    assert "+- **Personal note:** [Note]" in diff.output
    assert diff.output.startswith(f"--- a/{path}\n+++ b/{path}\n")
    assert path.read_text() == BROKEN
    assert path.stat().st_mtime_ns == before


def test_fix_leaves_canonical_file_untouched(runner: CliRunner, tmp_path: Path) -> None:
    path = write(tmp_path, CLEAN)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    result = runner.invoke(main, ["fix", str(path)])
    assert result.exit_code == 0
    assert path.stat().st_mtime_ns == 1_000_000_000
    assert runner.invoke(main, ["fix", "--check", str(path)]).exit_code == 0


def test_missing_file_is_exit_2_and_others_still_checked(runner: CliRunner, tmp_path: Path) -> None:
    good = write(tmp_path, BROKEN)
    result = runner.invoke(main, ["check", str(tmp_path / "nope.md"), str(good)])
    assert result.exit_code == 2
    assert f"readmelint: {tmp_path / 'nope.md'}: no such file; check the path" in result.stderr
    assert f"{good}:6:3: RL003" in result.stdout


def test_markup_over_field_lines_keeps_the_entry_as_it_is() -> None:
    """The RL011 example: fix would cut the code span in two by moving Paper up."""
    from readmelint.check import check_text
    from readmelint.fix import fix_text
    from readmelint.rules import RULES
    from readmelint.settings import Settings

    rule = next(rule for rule in RULES if rule.code == "RL011")
    settings = Settings()
    found = check_text(rule.failing, settings)
    assert "RL011" in [d.code for d in found]
    assert not [d for d in found if d.fixable]
    assert fix_text(rule.failing, settings) == rule.failing
    assert "RL011" not in [d.code for d in check_text(rule.passing, settings)]


def test_rules_lists_every_code(runner: CliRunner) -> None:
    from readmelint.rules import RULES

    result = runner.invoke(main, ["rules"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == [r.code for r in RULES]
    explained = runner.invoke(main, ["rules", "rl102"])
    assert explained.exit_code == 0
    assert "Fails:" in explained.output
    assert "**Personal Note**:" in explained.output
    assert runner.invoke(main, ["rules", "RL999"]).exit_code == 2


def test_schema_prints_bundled_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.output)["properties"]["fields"]["required"][0] == "paper"


def test_real_subprocess_on_the_bundled_example(tmp_path: Path) -> None:
    """The installed console script, as a user or pre-commit runs it."""
    example = tmp_path / "README.md"
    example.write_bytes((ROOT / "examples" / "README.md").read_bytes())
    command = [sys.executable, "-m", "readmelint"]
    checked = subprocess.run([*command, "check", str(example)], capture_output=True, text=True)
    assert checked.returncode == 1, checked.stderr
    assert f"{example}:51:1: RL007 template stub" in checked.stdout
    assert checked.stderr == ""
    fixed = subprocess.run([*command, "fix", str(example)], capture_output=True, text=True)
    assert fixed.returncode == 0, fixed.stderr
    assert f"fixed {example}" in fixed.stderr
    again = subprocess.run(
        [*command, "fix", "--check", str(example)], capture_output=True, text=True
    )
    assert again.returncode == 0


def test_check_standard_input_with_stdin_filename(runner: CliRunner) -> None:
    result = runner.invoke(
        main, ["check", "-", "--stdin-filename", "docs/README.md"], input=BROKEN.encode()
    )
    assert result.exit_code == 1
    assert result.output.startswith("docs/README.md:6:3: RL003")


def test_check_standard_input_without_a_name(runner: CliRunner) -> None:
    result = runner.invoke(main, ["check", "-"], input=CLEAN.encode())
    assert result.exit_code == 0
    assert result.output == "No problems in 1 file.\n"


def test_fix_standard_input_prints_the_fixed_text(runner: CliRunner) -> None:
    result = runner.invoke(main, ["fix", "-"], input=BROKEN.encode())
    assert result.exit_code == 0
    assert result.stdout == BROKEN.replace("**Personal Note**:", "**Personal note:**")


def test_fix_standard_input_check_and_diff(runner: CliRunner) -> None:
    assert runner.invoke(main, ["fix", "--check", "-"], input=BROKEN.encode()).exit_code == 1
    assert runner.invoke(main, ["fix", "--check", "-"], input=CLEAN.encode()).exit_code == 0
    diff = runner.invoke(
        main, ["fix", "--diff", "-", "--stdin-filename", "x.md"], input=BROKEN.encode()
    )
    assert diff.exit_code == 1
    assert diff.stdout.startswith("--- a/x.md\n+++ b/x.md\n")


def test_standard_input_config_lookup_uses_stdin_filename(
    runner: CliRunner, tmp_path: Path
) -> None:
    (tmp_path / ".readmelint.toml").write_text('ignore = ["RL003"]\n')
    named = str(tmp_path / "README.md")
    result = runner.invoke(main, ["check", "-", "--stdin-filename", named], input=BROKEN.encode())
    assert "RL003" not in result.output
    assert "RL102" in result.output


@pytest.mark.parametrize("command", ["check", "fix"])
def test_help_lists_jobs_and_quiet(runner: CliRunner, command: str) -> None:
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "-j, --jobs N" in result.output
    assert "-q, --quiet" in result.output


def test_default_path_with_jobs_and_quiet(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, BROKEN)
    result = runner.invoke(main, ["check", "-q", "-j", "2"])
    assert result.exit_code == 1
    assert result.stdout.startswith("README.md:6:3: RL003")
    assert "problems" not in result.stdout
