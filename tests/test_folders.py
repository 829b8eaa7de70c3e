"""``check`` and ``fix`` on folders and globs: what they find, the notes they print, and
each file's own nearest config. How files are found is tested in ``test_discover.py``;
these tests are about the command line around it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from readmelint.cli import main
from tests.helpers import BROKEN, CLEAN

FIXED = BROKEN.replace("**Personal Note**:", "**Personal note:**")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the current folder, so paths read as a user types them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make(root: Path, text: str, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode())


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def paths_reported(output: str) -> list[str]:
    """The files named by the diagnostics of text output, in order, each once."""
    seen: list[str] = []
    for line in output.splitlines():
        if ":" in line and " RL" in line:
            path = line.split(":")[0]
            if path not in seen:
                seen.append(path)
    return seen


def native(*paths: str) -> list[str]:
    return [os.path.join(*path.split("/")) for path in paths]


def test_check_a_folder_checks_every_markdown_file_below_it_in_path_order(here: Path) -> None:
    make(here, BROKEN, "docs/b.md", "docs/a.markdown", "docs/sub/c.md", "docs/.hidden/d.md")
    make(here, CLEAN, "docs/clean.md")
    make(here, BROKEN, "docs/notes.txt")

    result = invoke("check", "docs")

    assert result.exit_code == 1
    assert paths_reported(result.stdout) == native("docs/a.markdown", "docs/b.md", "docs/sub/c.md")
    assert result.stdout.splitlines()[-1].startswith("6 problems (3 fixable) in 4 files")
    assert result.stderr == ""


def test_check_a_glob(here: Path) -> None:
    make(here, BROKEN, "docs/a.md", "docs/sub/b.md", "other/c.md")

    result = invoke("check", "docs/**/*.md")

    assert paths_reported(result.stdout) == native("docs/a.md", "docs/sub/b.md")


def test_folders_files_and_standard_input_together_in_the_order_given(here: Path) -> None:
    make(here, BROKEN, "docs/a.md", "docs/b.md", "README.md")

    result = CliRunner().invoke(
        main,
        ["check", "README.md", "-", "docs", "docs/a.md", "--stdin-filename", "in.md"],
        input=BROKEN.encode(),
    )

    # docs/a.md was already found in docs: each file once, first spelling first.
    assert paths_reported(result.stdout) == [
        "README.md",
        "in.md",
        *native("docs/a.md", "docs/b.md"),
    ]
    assert "in 4 files" in result.stdout.splitlines()[-1]


def test_a_folder_without_markdown_files_is_a_note_and_exit_0(here: Path) -> None:
    (here / "empty").mkdir()
    make(here, "text", "text/notes.txt")

    for command in (["check"], ["fix"], ["fix", "--check"], ["fix", "--diff"]):
        result = invoke(*command, "empty", "text")
        assert result.exit_code == 0, (command, result.output)
        assert result.stderr == (
            "readmelint: empty: no Markdown files found\n"
            "readmelint: text: no Markdown files found\n"
        )
    assert invoke("check", "empty").stdout == "No problems in 0 files.\n"


def test_quiet_drops_the_notes(here: Path) -> None:
    (here / "empty").mkdir()
    result = invoke("check", "--quiet", "empty")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert result.stdout == ""


def test_each_file_and_folder_finds_its_own_nearest_config(here: Path) -> None:
    """The top config ignores nothing; docs/ ignores the fixable codes and excludes its
    drafts/ folder, whose files would otherwise be found: each path asks its own config."""
    make(here, BROKEN, "top.md", "drafts/kept.md", "docs/a.md", "docs/drafts/gone.md")
    (here / ".readmelint.toml").write_text("exclude = []\n")
    (here / "docs" / ".readmelint.toml").write_text('ignore = ["RL1"]\nexclude = ["drafts"]\n')

    result = invoke("check", "--output-format", "json", ".")

    found = [(item["path"], item["code"]) for item in json.loads(result.stdout)]
    assert found == [
        (os.path.join(".", "docs", "a.md"), "RL003"),
        (os.path.join(".", "drafts", "kept.md"), "RL003"),
        (os.path.join(".", "drafts", "kept.md"), "RL102"),
        (os.path.join(".", "top.md"), "RL003"),
        (os.path.join(".", "top.md"), "RL102"),
    ]
    assert result.stderr == ""


def test_a_named_file_the_config_excludes_is_skipped_with_a_note(here: Path) -> None:
    make(here, BROKEN, "drafts/a.md", "README.md")
    (here / ".readmelint.toml").write_text('exclude = ["drafts/*"]\n')

    result = invoke("check", os.path.join("drafts", "a.md"), "README.md")

    assert result.exit_code == 1
    assert paths_reported(result.stdout) == ["README.md"]
    assert result.stderr == (
        f"readmelint: {os.path.join('drafts', 'a.md')}: excluded by the configuration; skipped\n"
    )
    assert invoke("check", "-q", os.path.join("drafts", "a.md")).stderr == ""


def test_a_broken_config_is_reported_for_each_file_under_it_and_the_rest_go_on(
    here: Path,
) -> None:
    make(here, BROKEN, "good/a.md", "bad/b.md", "bad/c.md")
    (here / "bad" / ".readmelint.toml").write_text("colour = 1\n")

    result = invoke("check", ".")

    assert result.exit_code == 2
    assert paths_reported(result.stdout) == [os.path.join(".", "good", "a.md")]
    lines = result.stderr.splitlines()
    assert len(lines) == 2
    assert all("unknown key 'colour'" in line for line in lines)


def test_a_symbolic_link_loop_argument_is_one_line_and_the_others_go_on(here: Path) -> None:
    make(here, BROKEN, "docs/a.md")
    (here / "loop").symlink_to("loop")

    result = invoke("check", "loop", "docs")

    assert result.exit_code == 2
    assert result.stderr == (
        "readmelint: loop: is a symbolic link loop; point the link at a real file or folder, "
        "or remove it\n"
    )
    assert paths_reported(result.stdout) == [os.path.join("docs", "a.md")]


def test_missing_paths_are_still_one_line_each(here: Path) -> None:
    make(here, BROKEN, "docs/a.md")

    result = invoke("check", "nope.md", "docs", "nope/*.md")

    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "readmelint: nope.md: no such file; check the path",
        "readmelint: nope/*.md: no such file; check the path",
    ]


def test_fix_a_folder_writes_each_file_and_names_them_in_order(here: Path) -> None:
    make(here, BROKEN, "docs/b.md", "docs/a.md", "docs/sub/c.md")
    make(here, CLEAN, "docs/clean.md")

    result = invoke("fix", "docs")

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"fixed {path}" for path in native("docs/a.md", "docs/b.md", "docs/sub/c.md")
    ] + ["3 problems need a person (run `readmelint check`)"]
    for name in ("docs/a.md", "docs/b.md", "docs/sub/c.md"):
        assert (here / name).read_text() == FIXED
    assert (here / "docs/clean.md").read_text() == CLEAN


def test_fix_quiet_prints_errors_only(here: Path) -> None:
    make(here, BROKEN, "docs/a.md")
    (here / "docs" / "bad.md").write_bytes(b"caf\xe9\n")

    result = invoke("fix", "-q", "docs")

    assert result.exit_code == 2
    assert result.stderr == (
        f"readmelint: {os.path.join('docs', 'bad.md')}: not UTF-8 (invalid byte at offset 3); "
        "re-save the file as UTF-8 and run again\n"
    )
    assert (here / "docs" / "a.md").read_text() == FIXED
    check = invoke("fix", "--check", "-q", "docs/a.md")
    assert (check.exit_code, check.stderr) == (0, "")


def test_check_quiet_prints_the_problems_without_the_summary(here: Path) -> None:
    make(here, BROKEN, "README.md")
    make(here, CLEAN, "clean.md")

    loud = invoke("check", "README.md")
    quiet = invoke("check", "-q", "README.md")

    assert quiet.exit_code == loud.exit_code == 1
    assert quiet.stdout == "".join(loud.stdout.splitlines(keepends=True)[:-1])
    for output_format in ("json", "sarif"):  # no summary in these: the same either way
        assert (
            invoke("check", "-q", "--output-format", output_format, "README.md").stdout
            == invoke("check", "--output-format", output_format, "README.md").stdout
        )
    github = invoke("check", "-q", "--output-format", "github", "README.md").stdout
    assert github.splitlines()
    assert all(line.startswith("::") for line in github.splitlines())
    assert invoke("check", "-q", "clean.md").stdout == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_what_git_ignores_is_not_checked(here: Path) -> None:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(["git", "init", "-q"], cwd=here, env=environment, check=True)
    (here / ".gitignore").write_text("build/\n")
    make(here, BROKEN, "docs/a.md", "build/out.md")

    result = invoke("check", ".")

    assert paths_reported(result.stdout) == [os.path.join(".", "docs", "a.md")]
