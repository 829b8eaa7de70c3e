"""What users of ruff, rumdl and black expect of a linter's command line: `check --fix`,
`--exit-zero`, `--statistics`, `--color` with FORCE_COLOR and NO_COLOR, `-V`, a coloured
`fix --diff` on a terminal, `fix --output-format`, and honest counts and grammar."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import readmelint
from readmelint.cli import main
from tests.helpers import ANSI, BROKEN, CLEAN, run_in_terminal

# BROKEN: RL003 (a bad date, for a person) and RL102 (a drifted label, fixable).
FIXED = BROKEN.replace("**Personal Note**:", "**Personal note:**")
RL003 = 'RL003 "Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD'


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    for name in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "README.md"
    path.write_text(BROKEN, "utf-8")
    return path


def test_version_has_a_short_flag(runner: CliRunner) -> None:
    for flag in ("-V", "--version"):
        result = runner.invoke(main, [flag], prog_name="readmelint")
        assert result.output == f"readmelint, version {readmelint.__version__}\n"


def test_check_fix_fixes_then_reports_what_is_left(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(main, ["check", "--fix", str(broken)])
    assert result.exit_code == 1
    assert broken.read_text("utf-8") == FIXED
    assert result.stderr == f"fixed {broken}\n"
    assert result.stdout == f"{broken}:6:3: {RL003}\n1 problem (0 fixable) in 1 file.\n"
    again = runner.invoke(main, ["check", "--fix", str(broken)])
    assert again.stderr == ""  # nothing left to fix: not written again
    assert again.stdout == result.stdout


def test_check_fix_exits_0_when_nothing_is_left(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(CLEAN.replace("**Personal note:**", "**Personal Note**:"), "utf-8")
    result = runner.invoke(main, ["check", "--fix", "-q", str(path)])
    assert result.exit_code == 0
    assert result.output == ""
    assert path.read_text("utf-8") == CLEAN


def test_check_fix_on_standard_input_prints_the_text_and_reports_on_stderr(
    runner: CliRunner,
) -> None:
    result = runner.invoke(main, ["check", "--fix", "-"], input=BROKEN)
    assert result.exit_code == 1
    assert result.stdout == FIXED
    assert result.stderr == f"-:6:3: {RL003}\n1 problem (0 fixable) in 1 file.\n"


def test_exit_zero_keeps_the_report_and_errors(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(main, ["check", "--exit-zero", str(broken)])
    assert result.exit_code == 0
    assert "2 problems (1 fixable) in 1 file" in result.stdout
    missing = runner.invoke(main, ["check", "--exit-zero", str(broken.parent / "nope.md")])
    assert missing.exit_code == 2


def test_statistics_counts_each_code(runner: CliRunner, broken: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.md"
    other.write_text(BROKEN.replace("2024-13-01", "2024-12-01"), "utf-8")
    result = runner.invoke(main, ["check", "--statistics", str(broken), str(other)])
    assert result.exit_code == 1
    assert result.stdout == (
        "2  RL102  [*] label-form\n"
        "1  RL003      invalid-date\n"
        "3 problems (2 fixable) in 2 files (run `readmelint fix` for the fixable ones).\n"
    )
    as_json = runner.invoke(
        main, ["check", "--statistics", "--output-format", "json", str(broken), str(other)]
    )
    assert json.loads(as_json.stdout) == [
        {"code": "RL102", "name": "label-form", "count": 2, "fixable": True},
        {"code": "RL003", "name": "invalid-date", "count": 1, "fixable": False},
    ]
    quiet = runner.invoke(main, ["check", "--statistics", "-q", str(broken)])
    assert quiet.stdout == "1  RL003      invalid-date\n1  RL102  [*] label-form\n"


def test_statistics_in_a_format_that_cannot_say_it_is_a_usage_error(
    runner: CliRunner, broken: Path
) -> None:
    result = runner.invoke(main, ["check", "--statistics", "--output-format", "sarif", str(broken)])
    assert result.exit_code == 2
    assert result.stderr == "readmelint: --statistics prints text or json, not sarif\n"


@pytest.mark.parametrize(
    ("args", "environment", "coloured"),
    [
        (["--color", "always"], {}, True),
        (["--color", "always"], {"NO_COLOR": "1"}, True),  # the flag says
        (["--color", "never"], {"FORCE_COLOR": "1"}, False),
        ([], {}, False),  # auto, and CliRunner's stdout is no terminal
        ([], {"FORCE_COLOR": "1"}, True),
        ([], {"FORCE_COLOR": "1", "NO_COLOR": "1"}, False),
        ([], {"NO_COLOR": ""}, False),
        (["--color", "auto"], {"FORCE_COLOR": "1"}, True),
    ],
)
def test_color(
    runner: CliRunner,
    broken: Path,
    monkeypatch: pytest.MonkeyPatch,
    args: list[str],
    environment: dict[str, str],
    coloured: bool,
) -> None:
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = runner.invoke(main, ["check", *args, str(broken)])
    assert bool(ANSI.search(result.stdout)) is coloured
    assert ANSI.sub("", result.stdout).startswith(f"{broken}:6:3: RL003")


def test_color_is_for_text_only(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(
        main, ["check", "--color", "always", "--output-format", "json", str(broken)]
    )
    assert not ANSI.search(result.stdout)
    json.loads(result.stdout)


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "CI")}


def test_fix_diff_is_coloured_on_a_terminal_and_plain_in_a_pipe(broken: Path) -> None:
    command = [sys.executable, "-m", "readmelint", "fix", "--diff", str(broken)]
    on_terminal = run_in_terminal(command, broken.parent, _environment())
    assert "\x1b[32m+- **Personal note:** [Note](https://example.org/note)\x1b[0m" in on_terminal
    assert "\x1b[31m-- **Personal Note**: [Note](https://example.org/note)\x1b[0m" in on_terminal
    piped = subprocess.run(
        command, capture_output=True, text=True, env=_environment(), check=False
    ).stdout
    assert not ANSI.search(piped)
    assert ANSI.sub("", on_terminal).replace("\r\n", "\n") == piped
    assert broken.read_text("utf-8") == BROKEN


def test_fix_reports_what_is_left_in_a_format(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(main, ["fix", "--output-format", "json", str(broken)])
    assert result.exit_code == 0
    assert broken.read_text("utf-8") == FIXED
    assert [p["code"] for p in json.loads(result.stdout)] == ["RL003"]
    assert result.stderr == f"fixed {broken}\n"


def test_fix_check_reports_what_would_be_left(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(main, ["fix", "--check", "--output-format", "text", str(broken)])
    assert result.exit_code == 1
    assert broken.read_text("utf-8") == BROKEN
    assert result.stdout == f"{broken}:6:3: {RL003}\n1 problem (0 fixable) in 1 file.\n"


def test_fix_diff_reports_what_is_left_on_stderr(runner: CliRunner, broken: Path) -> None:
    result = runner.invoke(main, ["fix", "--diff", "--output-format", "github", str(broken)])
    assert result.stdout.startswith(f"--- a/{broken}\n")
    assert result.stderr.startswith(f"::error file={broken},line=6,col=3,")


@pytest.mark.parametrize(("dates", "said"), [(1, "1 problem needs"), (2, "2 problems need")])
def test_problems_left_for_a_person_in_good_grammar(
    runner: CliRunner, tmp_path: Path, dates: int, said: str
) -> None:
    text = BROKEN if dates == 1 else BROKEN.replace("**Tags:** x", "**Tags:** x\n- **Extra:** y")
    path = tmp_path / "README.md"
    path.write_text(text, "utf-8")
    result = runner.invoke(main, ["fix", str(path)])
    assert result.stderr.endswith(f"{said} a person (run `readmelint check`)\n")


def test_the_summary_counts_every_file_checked(runner: CliRunner, tmp_path: Path) -> None:
    for index in range(3):
        (tmp_path / f"clean{index}.md").write_text(CLEAN, "utf-8")
    (tmp_path / "broken.md").write_text(BROKEN, "utf-8")
    result = runner.invoke(main, ["check", str(tmp_path), "-j", "1"])
    assert result.stdout.splitlines()[-1] == (
        "2 problems (1 fixable) in 4 files (run `readmelint fix` for the fixable ones)."
    )


def test_api_settings_refuse_an_unknown_layout_with_a_did_you_mean() -> None:
    with pytest.raises(
        readmelint.ConfigError, match=r"unknown layout 'tabel' \(did you mean 'table'\?\)"
    ):
        readmelint.Settings(layouts=("tabel",))


def test_api_load_schema_takes_a_str_and_a_bad_path_is_a_config_error(tmp_path: Path) -> None:
    schema = tmp_path / "papers.schema.json"
    missing = str(tmp_path / "x.json")
    with pytest.raises(readmelint.ConfigError, match=r"x\.json: schema file not found"):
        readmelint.load_schema(missing)
    from readmelint.schema import bundled_schema_text

    schema.write_text(bundled_schema_text(), "utf-8")
    loaded = readmelint.load_schema(str(schema))
    assert [spec.key for spec in loaded.fields] == [
        spec.key for spec in readmelint.bundled_schema().fields
    ]


def test_check_fix_in_worker_processes_prints_what_one_process_does(tmp_path: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        folder = tmp_path / jobs
        folder.mkdir()
        for index in range(4):
            (folder / f"{index}.md").write_text(BROKEN if index % 2 else CLEAN, "utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "readmelint", "check", "--fix", "-j", jobs, "."],
            cwd=folder,
            capture_output=True,
            text=True,
            env=_environment(),
            check=False,
        )
        assert done.returncode == 1
        assert (folder / "1.md").read_text("utf-8") == FIXED
        outputs.append((done.stdout, done.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][1] == "fixed 1.md\nfixed 3.md\n"
