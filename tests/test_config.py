"""Configuration: found by walking up from each file, `--config` wins, mistakes are clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from readmelint.config import find_config, load_config
from readmelint.errors import ConfigError
from readmelint.settings import Sort

UNSORTED = """# Papers

### Old
- **Tags:** old
- **Submission Date:** 2020-01-01

### New
- **Tags:** new
- **Submission Date:** 2024-01-01
"""


def codes(result_output: str) -> list[str]:
    return [problem["code"] for problem in json.loads(result_output)]


def check_json(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["check", "--output-format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return codes(result.stdout)


def test_pyproject_tool_table_is_found_walking_up(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.readmelint]\nselect = ["RL104"]\n')
    nested = tmp_path / "docs" / "lists"
    nested.mkdir(parents=True)
    (nested / "README.md").write_text(UNSORTED)
    assert find_config(nested / "README.md") == tmp_path / "pyproject.toml"
    assert check_json(str(nested / "README.md")) == ["RL104"]


def test_pyproject_without_our_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / ".readmelint.toml").write_text('select = ["RL101"]\n')
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.black]\nline-length = 100\n")
    (inner / "README.md").write_text(UNSORTED)
    assert find_config(inner / "README.md") == tmp_path / ".readmelint.toml"
    assert check_json(str(inner / "README.md")) == ["RL101", "RL101"]


def test_explicit_config_wins(tmp_path: Path) -> None:
    (tmp_path / ".readmelint.toml").write_text('select = ["RL101"]\n')
    other = tmp_path / "other.toml"
    other.write_text('select = ["RL104"]\n')
    (tmp_path / "README.md").write_text(UNSORTED)
    assert check_json("--config", str(other), str(tmp_path / "README.md")) == ["RL104"]


def test_sort_can_be_turned_off_or_reversed(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(UNSORTED)
    (tmp_path / ".readmelint.toml").write_text("sort = false\n")
    assert "RL104" not in check_json(str(readme))
    config = tmp_path / ".readmelint.toml"
    config.write_text('sort = { field = "Submission Date", order = "ascending" }\n')
    assert load_config(config).settings.sort == Sort("submission_date", descending=False)
    assert "RL104" not in check_json(str(readme))


def test_ignore_and_select_prefixes(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(UNSORTED)
    (tmp_path / ".readmelint.toml").write_text('ignore = ["RL0", "RL101"]\n')
    assert check_json(str(readme)) == ["RL104"]
    assert check_json("--select", "RL101", str(readme)) == []  # the config's ignore still applies
    assert check_json("--ignore", "RL104", str(readme)) == []


def test_exclude_globs_skip_files(tmp_path: Path) -> None:
    (tmp_path / ".readmelint.toml").write_text('exclude = ["drafts/*"]\n')
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "README.md").write_text(UNSORTED)
    result = CliRunner().invoke(main, ["check", str(drafts / "README.md")])
    assert result.exit_code == 0, result.output


def test_entry_levels(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(UNSORTED.replace("### ", "#### "))
    assert check_json(str(readme)) == []  # `####` headings are not entries by default
    (tmp_path / ".readmelint.toml").write_text("entry-levels = [4]\nignore = ['RL0']\n")
    assert check_json(str(readme)) == ["RL101", "RL104", "RL101"]  # by line


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("colour = 1\n", "unknown key 'colour'"),
        ('entry-levels = "x"\n', "entry-levels must be a heading level 1-6"),
        ("entry-levels = [7]\n", "entry-levels must be a heading level 1-6"),
        ('select = "RL001"\n', "select must be a list of strings"),
        ('sort = "yes"\n', "sort must be false or a table"),
        ('sort = { field = "Tags" }\n', "sort.field 'Tags' is not a date field"),
        ('sort = { field = "Submission Date", order = "up" }\n', "sort.order must be"),
        ("schema = 3\n", "schema must be a string"),
        ("select = [\n", "not valid TOML"),
    ],
)
def test_config_mistakes_are_clear_errors(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / ".readmelint.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(config)
    (tmp_path / "README.md").write_text(UNSORTED)
    result = CliRunner().invoke(main, ["check", str(tmp_path / "README.md")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert str(config) in result.stderr


def test_schema_path_is_relative_to_the_config(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    (folder / "s.json").write_text("not json")
    (folder / ".readmelint.toml").write_text('schema = "s.json"\n')
    with pytest.raises(Exception, match=r"s\.json:1:1: schema is not valid JSON"):
        load_config(folder / ".readmelint.toml")


def test_init_writes_config_and_schema_that_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    config = load_config(tmp_path / ".readmelint.toml")
    assert config.settings.schema.fields[0].title == "Paper"
    assert runner.invoke(main, ["init"]).exit_code == 2  # never overwrites silently
    assert runner.invoke(main, ["init", "--force"]).exit_code == 0
