"""The summary line of ``check``: counting only the files checked, last in every output that
has one, and absent where a configuration or schema error stopped the run before any file."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from tests.helpers import BROKEN, CLEAN

FORMATS = ["text", "json", "github", "sarif"]


def check(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output", FORMATS)
def test_a_config_error_prints_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / ".readmelint.toml").write_text("entry-level = 3\n", "utf-8")
    status, stdout, stderr = check("--output-format", output, "README.md")
    assert (status, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"readmelint: {tmp_path / '.readmelint.toml'}: unknown key 'entry-level' in the file "
        "(did you mean 'entry-levels'?); known keys: add, blank-after-heading, cache, cache-dir, "
        "date-from-heading, duplicates, entry-levels, exclude, field-pattern, field-pattern-by, "
        "heading-pattern, ignore, item, item-fields, item-sections, item-skip-sections, "
        "item-title, label, "
        "layout, lead-pattern, schema, select, sort"
    ]


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("named_by", ["--schema", "config"])
def test_a_schema_error_prints_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, named_by: str
) -> None:
    """A broken schema, named on the command line or by the config beside the file
    (which printed the summary too)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "broken.json").write_text('{"type": "object",\n', "utf-8")
    if named_by == "config":
        (tmp_path / ".readmelint.toml").write_text('schema = "broken.json"\n', "utf-8")
        args, named = [], tmp_path / "broken.json"
    else:
        args, named = ["--schema", "broken.json"], Path("broken.json")
    status, stdout, stderr = check("--output-format", output, *args, "README.md")
    assert (status, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"readmelint: {named}:2:1: schema is not valid JSON: Expecting property name "
        "enclosed in double quotes"
    ]


def test_the_summary_counts_only_the_files_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose config is broken is not counted; the one beside it still is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "README.md").write_text(CLEAN, "utf-8")
    (tmp_path / "bad" / ".readmelint.toml").write_text("entry-level = 3\n", "utf-8")
    status, stdout, stderr = check("README.md", "bad/README.md")
    assert (status, stdout) == (2, "No problems in 1 file.\n")
    assert len(stderr.splitlines()) == 1


def test_github_output_ends_with_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, "utf-8")
    status, stdout, _ = check("--output-format", "github", "README.md", "clean.md")
    assert status == 1
    lines = stdout.splitlines()
    assert [line[:2] for line in lines[:-1]] == ["::", "::"]
    assert lines[-1] == (
        "2 problems (1 fixable) in 2 files (run `readmelint fix` for the fixable ones)."
    )
    assert check("--output-format", "github", "clean.md") == (
        0,
        "No problems in 1 file.\n",
        "",
    )
    # --quiet drops the summary, as for text.
    assert check("-q", "--output-format", "github", "clean.md") == (0, "", "")
