"""Both hooks of .pre-commit-hooks.yaml, run by the real pre-commit as a user's config runs them.

pre-commit installs a hook repository the way it installs any other: it clones the repository
at the commit a config names, builds a virtualenv and ``pip install``s the clone into it. That
install needs PyPI for readmelint's dependencies (it takes a few seconds, once per module).

The repository pre-commit clones is a snapshot of this working tree, committed in a temporary
folder: tracked files with their uncommitted changes and new files that are not ignored, so
the test checks the hooks as they are now. (``pre-commit try-repo`` would miss new untracked
files, and it builds a fresh environment on every call.) ``PRE_COMMIT_HOME`` is a temporary
folder too, so nothing cached in ``~/.cache/pre-commit`` is used or changed.

Deselect with ``-m "not precommit"`` where PyPI cannot be reached.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import BROKEN, CLEAN, ROOT
from tests.readme import assert_is_a_tag, blocks_for

pytestmark = [
    pytest.mark.precommit,
    pytest.mark.skipif(shutil.which("git") is None, reason="pre-commit needs git"),
]

# Commits made here must not depend on, or trip over, the user's git configuration.
GIT_IDENTITY = (
    "-c",
    "user.name=readmelint tests",
    "-c",
    "user.email=tests@readmelint.invalid",
    "-c",
    "commit.gpgsign=false",
)


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *GIT_IDENTITY, *args], cwd=folder, capture_output=True, text=True, check=True
    )
    return done.stdout


def clean_environment(pre_commit_home: Path) -> dict[str, str]:
    """This process's environment without what would steer git or pre-commit elsewhere."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("GIT_", "PRE_COMMIT")) and key != "SKIP"
    }
    env["PRE_COMMIT_HOME"] = str(pre_commit_home)
    return env


def snapshot_of_working_tree(target: Path) -> str:
    """Commit the working tree's files (not ignored ones) into a new repository; return its commit."""
    try:
        listed = git(ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard")
    except subprocess.CalledProcessError as error:
        pytest.skip(f"{ROOT} is not a git checkout ({error.stderr.strip()})")
    target.mkdir()
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a tracked file deleted in the working tree is not copied
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    git(target, "init", "--quiet")
    git(target, "add", "--all")
    git(target, "commit", "--quiet", "--message", "readmelint working tree")
    return git(target, "rev-parse", "HEAD").strip()


@dataclass(frozen=True)
class PreCommit:
    """pre-commit with a config naming both hooks of the snapshot, and a private PRE_COMMIT_HOME."""

    config: str
    env: dict[str, str]

    def project(self, folder: Path) -> Path:
        """A new git repository that uses the hooks."""
        folder.mkdir()
        git(folder, "init", "--quiet")
        (folder / ".pre-commit-config.yaml").write_text(self.config, "utf-8")
        git(folder, "add", ".pre-commit-config.yaml")
        return folder

    def run(self, folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", *args, "--color", "never"],
            cwd=folder,
            env=self.env,
            capture_output=True,
            text=True,
        )


@pytest.fixture(scope="module")
def pre_commit(tmp_path_factory: pytest.TempPathFactory) -> PreCommit:
    base = tmp_path_factory.mktemp("precommit")
    commit = snapshot_of_working_tree(base / "readmelint")
    config = (
        "repos:\n"
        f"  - repo: {(base / 'readmelint').as_posix()}\n"
        f"    rev: {commit}\n"
        "    hooks:\n"
        "      - id: readmelint\n"
        "      - id: readmelint-fix\n"
    )
    tool = PreCommit(config, clean_environment(base / "home"))
    # Build the hooks' environment once, up front, so a failure to reach PyPI reads as one.
    installed = tool.run(tool.project(base / "setup"), "install-hooks")
    if installed.returncode != 0:
        pytest.fail(
            "pre-commit could not install the hooks (it needs PyPI):\n"
            + installed.stdout
            + installed.stderr
        )
    return tool


def readme(folder: Path, text: str, name: str = "README.md") -> Path:
    """Write and stage a file: pre-commit sees a hook's changes as a diff against the index."""
    path = folder / name
    path.write_bytes(text.encode())
    git(folder, "add", name)
    return path


def test_check_hook_fails_on_a_broken_readme(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = pre_commit.project(tmp_path / "project")
    path = readme(project, BROKEN)

    result = pre_commit.run(project, "run", "readmelint", "--files", "README.md")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "readmelint......" in result.stdout
    assert "Failed" in result.stdout
    assert (
        'README.md:6:3: RL003 "Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD'
        in result.stdout
    )
    assert "README.md:10:3: RL102 [*] write the label" in result.stdout
    assert path.read_text("utf-8") == BROKEN  # the check hook never writes


def test_check_hook_passes_on_a_clean_readme(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = pre_commit.project(tmp_path / "project")
    readme(project, CLEAN)

    result = pre_commit.run(project, "run", "readmelint", "--files", "README.md")

    assert result.returncode == 0, result.stdout + result.stderr
    assert "Passed" in result.stdout


def test_fix_hook_rewrites_the_file_and_fails_the_run_then_passes(
    pre_commit: PreCommit, tmp_path: Path
) -> None:
    project = pre_commit.project(tmp_path / "project")
    path = readme(project, BROKEN)

    first = pre_commit.run(project, "run", "readmelint-fix", "--files", "README.md")

    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert "fixed README.md" in first.stdout
    fixed = path.read_text("utf-8")
    assert "- **Personal note:** [Note](https://example.org/note)" in fixed
    assert "**Personal Note**:" not in fixed
    assert "2024-13-01" in fixed  # not fixable: left for a person, never guessed

    git(project, "add", "README.md")
    second = pre_commit.run(project, "run", "readmelint-fix", "--files", "README.md")

    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout
    assert path.read_text("utf-8") == fixed


def test_both_hooks_pass_on_a_clean_readme(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = pre_commit.project(tmp_path / "project")
    readme(project, CLEAN)

    result = pre_commit.run(project, "run", "--all-files")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2


def test_hooks_run_only_on_markdown(pre_commit: PreCommit, tmp_path: Path) -> None:
    project = pre_commit.project(tmp_path / "project")
    readme(project, BROKEN, name="notes.txt")

    result = pre_commit.run(project, "run", "--files", "notes.txt")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("(no files to check)Skipped") == 2


def test_the_readme_config_works_as_written(tmp_path: Path) -> None:
    """The README's config, only this repository's URL put in: its rev is a tag, and both
    hooks at that tag install and run."""
    (block,) = blocks_for(__file__)
    url = "https://github.com/OWNER/readmelint"
    assert url in block.text
    (rev,) = (line.split(":", 1)[1].strip() for line in block.text.splitlines() if "rev:" in line)
    assert_is_a_tag(rev)
    tool = PreCommit(block.text.replace(url, ROOT.as_posix()), clean_environment(tmp_path / "home"))
    project = tool.project(tmp_path / "project")
    path = readme(project, BROKEN)

    result = tool.run(project, "run", "--all-files")

    assert result.returncode == 1, result.stdout + result.stderr
    assert "README.md:6:3: RL003" in result.stdout  # the check hook
    assert "fixed README.md" in result.stdout  # the fix hook
    assert "**Personal note:**" in path.read_text("utf-8")


@pytest.mark.parametrize("turned_off", ["config", "comment"])
def test_both_hooks_pass_where_entry_order_is_turned_off(
    pre_commit: PreCommit, tmp_path: Path, turned_off: str
) -> None:
    """Entries out of date order, RL104 ignored by the config or suppressed in the file:
    the check hook passes and the fix hook changes nothing (it reordered them, failing
    the run, and the next commit failed on RL201)."""
    project = pre_commit.project(tmp_path / "project")
    old = CLEAN.replace("### Alpha", "### Old").replace("2024-12-01", "2020-01-01")
    new = CLEAN.replace("# Papers\n\n", "").replace("### Alpha", "### New").replace("alpha", "new")
    text = old + "\n" + new
    if turned_off == "config":
        (project / ".readmelint.toml").write_text('ignore = ["RL104"]\n', "utf-8")
        git(project, "add", ".readmelint.toml")
    else:
        text = "<!-- readmelint-disable-file RL104 -->\n" + text
    path = readme(project, text)

    result = pre_commit.run(project, "run", "--all-files")

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("Passed") == 2
    assert path.read_text("utf-8") == text
