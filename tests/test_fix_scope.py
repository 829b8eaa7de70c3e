"""fix changes only what check, with the same settings, reports as fixable (issue 25 item 1).

What ``select``, ``ignore`` (in the config or on the command line) or an inline
suppression turns off, fix does not change: entry order turned off by the settings
keeps every layout's order and the rest is still fixed; any other change check does
not report keeps its whole block (a run of entries, a table, a list, the contents) as
it is, and check reports what else is in that block as not fixable.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import CLEAN, assert_survives

OLD = CLEAN.replace("### Alpha", "### Old").replace("2024-12-01", "2020-01-01")
NEW = CLEAN.replace("# Papers\n\n", "").replace("### Alpha", "### New").replace("alpha", "new")
OUT_OF_ORDER = OLD + "\n" + NEW  # clean, but for the order: RL104 at New
# And RL102 twice: the spelling drifts (a form written so in every entry would be the list's own).
DRIFTED = OUT_OF_ORDER.replace("**Personal note:**", "**Personal Note:**")
SETTINGS = Settings()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to work in, the current one."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def fixable(text: str, settings: Settings = SETTINGS) -> list[tuple[int, str]]:
    return [(d.line, d.code) for d in check_text(text, settings) if d.fixable]


def test_the_lists_are_what_the_tests_say() -> None:
    assert [(d.line, d.code) for d in check_text(OUT_OF_ORDER, SETTINGS)] == [(12, "RL104")]
    assert fixable(DRIFTED) == [(10, "RL102"), (12, "RL104"), (19, "RL102")]


@pytest.mark.parametrize(
    "settings", [Settings(ignore=frozenset({"RL104"})), Settings(ignore=frozenset({"RL1"}))]
)
def test_entry_order_ignored_is_kept(settings: Settings) -> None:
    assert check_text(OUT_OF_ORDER, settings) == []
    assert fix_text(OUT_OF_ORDER, settings) == OUT_OF_ORDER


def test_entry_order_ignored_the_rest_is_still_fixed() -> None:
    settings = Settings(ignore=frozenset({"RL104"}))
    assert fixable(DRIFTED, settings) == [(10, "RL102"), (19, "RL102")]
    assert fix_text(DRIFTED, settings) == OUT_OF_ORDER
    assert_survives(DRIFTED.encode(), settings)


def test_select_fixes_only_what_it_selects() -> None:
    settings = Settings(select=frozenset({"RL102"}))
    assert fixable(DRIFTED, settings) == [(10, "RL102"), (19, "RL102")]
    assert fix_text(DRIFTED, settings) == OUT_OF_ORDER
    assert fix_text(DRIFTED, Settings(select=frozenset({"RL0"}))) == DRIFTED


@pytest.mark.parametrize(
    "comment",
    [
        "<!-- readmelint-disable-file RL104 -->\n",
        "<!-- readmelint-disable-file -->\n",
        "<!-- readmelint-disable RL104 -->\n",
    ],
)
def test_a_suppressed_change_keeps_its_block_and_the_rest_of_it_is_not_fixable(
    comment: str,
) -> None:
    text = comment + DRIFTED
    assert fixable(text) == []
    assert fix_text(text, SETTINGS) == text
    if "RL104" in comment:  # what is left in the run is reported, for a person
        found = [(d.line, d.code, d.fixable) for d in check_text(text, SETTINGS)]
        assert found == [(11, "RL102", False), (20, "RL102", False)]
    assert_survives(text.encode())


def test_a_suppression_in_one_run_leaves_the_others_to_fix() -> None:
    """Runs are apart under different sections: only the suppressed one is kept."""
    other = "\n## More\n\n" + NEW.replace("### New", "### Later").replace(
        "**Personal note:**", "**Personal Note**:"
    )
    text = (
        "<!-- readmelint-disable RL104 -->\n"
        + DRIFTED
        + "<!-- readmelint-enable RL104 -->\n"
        + other
    )
    assert [code for _, code in fixable(text)] == ["RL102"]
    fixed = fix_text(text, SETTINGS)
    assert fixed.startswith("<!-- readmelint-disable RL104 -->\n" + DRIFTED)
    assert "### Later" in fixed
    assert fixed.endswith("- **Personal note:** [Note](https://example.org/note)\n")
    assert_survives(text.encode())


def test_a_stale_contents_list_kept_when_its_code_is_ignored() -> None:
    sections = "".join(f"## {name}\n\ntext\n\n" for name in ("Vision", "Language", "Speech"))
    text = (
        "# Papers\n\n- [Vision](#vision)\n- [Speech](#speech)\n- [Language](#language)\n\n"
        + sections
    )
    assert fixable(text) == [(3, "RL305")]
    settings = Settings(ignore=frozenset({"RL305"}))
    assert fixable(text, settings) == []
    assert fix_text(text, settings) == text
    assert_survives(text.encode(), settings)


def test_fix_takes_select_and_ignore_on_the_command_line(folder: Path) -> None:
    path = folder / "README.md"
    path.write_text(OUT_OF_ORDER, "utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "--ignore", "RL104", "README.md"]).exit_code == 0
    kept = runner.invoke(main, ["fix", "--check", "--ignore", "RL104", "README.md"])
    assert kept.exit_code == 0, kept.output
    assert runner.invoke(main, ["fix", "--ignore", "RL104", "README.md"]).exit_code == 0
    assert path.read_text("utf-8") == OUT_OF_ORDER
    assert (
        runner.invoke(main, ["fix", "--check", "--select", "RL0,RL104", "README.md"]).exit_code == 1
    )
    assert runner.invoke(main, ["fix", "README.md"]).exit_code == 0
    assert path.read_text("utf-8") == NEW.replace(
        "### New", "# Papers\n\n### New"
    ) + "\n" + OLD.replace("# Papers\n\n", "")


def test_a_config_that_ignores_entry_order(folder: Path) -> None:
    (folder / ".readmelint.toml").write_text('ignore = ["RL104"]\n', "utf-8")
    (folder / "README.md").write_text(OUT_OF_ORDER, "utf-8")
    runner = CliRunner()
    assert runner.invoke(main, ["check", "README.md"]).exit_code == 0
    assert runner.invoke(main, ["fix", "--check", "README.md"]).exit_code == 0


def test_settings_replace_keeps_select_and_ignore_apart() -> None:
    """(The property over generated lists draws settings this way.)"""
    settings = replace(SETTINGS, ignore=frozenset({"RL104"}))
    assert not settings.enabled("RL104")
    assert settings.enabled("RL102")


def test_a_folder_config_applies_to_its_files_only(folder: Path) -> None:
    """Each file is fixed with its nearest config: the folder that ignores entry order
    keeps it, the other file is sorted."""
    (folder / "kept").mkdir()
    (folder / "kept" / ".readmelint.toml").write_text('ignore = ["RL104"]\n', "utf-8")
    kept, sorted_ = folder / "kept" / "README.md", folder / "README.md"
    kept.write_text(DRIFTED, "utf-8")
    sorted_.write_text(DRIFTED, "utf-8")
    result = CliRunner().invoke(main, ["fix", "--jobs", "1", "README.md", "kept/README.md"])
    assert result.exit_code == 0, result.output
    assert kept.read_text("utf-8") == OUT_OF_ORDER
    assert sorted_.read_text("utf-8") == fix_text(DRIFTED)
    assert sorted_.read_text("utf-8") != OUT_OF_ORDER


def test_check_fix_fixes_what_it_reports_and_leaves_what_it_ignores(folder: Path) -> None:
    path = folder / "README.md"
    path.write_text(DRIFTED, "utf-8")
    result = CliRunner().invoke(main, ["check", "--fix", "--ignore", "RL104", "README.md"])
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == OUT_OF_ORDER


def test_the_servers_fixes_honour_the_config(tmp_path: Path) -> None:
    """The editor's 'Fix all' and quick fixes are fix's result with the file's config."""
    from readmelint.server import jobs, memory
    from readmelint.server.text import UTF32, Text

    (tmp_path / ".readmelint.toml").write_text('ignore = ["RL104"]\n', "utf-8")
    path = tmp_path / "README.md"
    where = memory.Where(str(path), str(path))
    assert jobs.fix(memory.Memory(), Text(OUT_OF_ORDER), where, UTF32).edits == ()
    (edit,) = jobs.fix(memory.Memory(), Text(DRIFTED), where, UTF32).edits
    lines = Text(DRIFTED)
    start = lines.offset(edit.line, edit.character, UTF32)
    end = lines.offset(edit.end_line, edit.end_character, UTF32)
    assert DRIFTED[:start] + edit.text + DRIFTED[end:] == OUT_OF_ORDER
    order = jobs.quick_fixes(memory.Memory(), Text(OUT_OF_ORDER), where, UTF32, [("RL104", 12)])
    assert order == []


def test_a_suppression_that_also_names_an_unknown_code_still_keeps_its_block() -> None:
    """RL202 (the unknown code) is reported in place of what the comment hides."""
    text = "<!-- readmelint-disable-file RL104 RL999 -->\n" + OUT_OF_ORDER
    assert [d.code for d in check_text(text, SETTINGS)] == ["RL202"]
    assert fix_text(text, SETTINGS) == text
    assert_survives(text.encode())
