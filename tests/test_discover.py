"""Finding Markdown files: folders walked, globs matched, git's ignores kept, loops survived."""

from __future__ import annotations

import errno
import glob
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from readmelint.discover import Discovery, markdown_files
from readmelint.errors import InputError

requires_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``tmp_path`` as the current folder, so paths read as a user would type them."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def make(root: Path, *files: str) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Papers\n", "utf-8")


def native(*paths: str) -> list[str]:
    return [os.path.join(*path.split("/")) for path in paths]


def git(folder: Path, *arguments: str) -> None:
    # Without the variables a git hook sets, so the tests also pass when run from one.
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    subprocess.run(
        ["git", *arguments], cwd=folder, env=environment, check=True, capture_output=True
    )


def repository(root: Path, gitignore: str, *files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q")
    (root / ".gitignore").write_text(gitignore, "utf-8")
    make(root, *files)
    return root


def test_walks_nested_folders_for_both_extensions_in_any_case(here: Path) -> None:
    make(
        here,
        "docs/a.md",
        "docs/B.MD",
        "docs/c.markdown",
        "docs/d.Markdown",
        "docs/notes.txt",
        "docs/README.md.bak",
        "docs/sub/e.md",
        "docs/sub/deeper/f.md",
        "docs/sub/g.rst",
    )

    found = markdown_files(["docs"])

    assert found == Discovery(
        native(
            "docs/B.MD",
            "docs/a.md",
            "docs/c.markdown",
            "docs/d.Markdown",
            "docs/sub/deeper/f.md",
            "docs/sub/e.md",
        ),
        [],
    )


def test_walked_files_are_joined_to_the_folder_as_given(here: Path) -> None:
    make(here, "docs/a.md")

    assert markdown_files(["."]).files == native("./docs/a.md")
    assert markdown_files(["docs/"]).files == native("docs/a.md")
    assert markdown_files([str(here / "docs")]).files == [str(here / "docs" / "a.md")]


def test_skips_hidden_folders_and_files(here: Path) -> None:
    make(here, ".github/x.md", ".hidden.md", "docs/.draft.md", "docs/.cache/y.md", "docs/a.md")

    assert markdown_files(["."]) == Discovery(native("./docs/a.md"), [])


def test_excluded_prunes_a_whole_folder(here: Path) -> None:
    make(here, "docs/a.md", "docs/drafts/b.md", "docs/drafts/deep/c.md", "docs/skip.md")
    asked: list[Path] = []

    def excluded(path: Path) -> bool:
        asked.append(path)
        return path.name in {"drafts", "skip.md"}

    found = markdown_files(["docs"], excluded)

    assert found == Discovery(native("docs/a.md"), [])
    assert Path("docs/drafts") in asked
    assert not [path for path in asked if Path("docs/drafts") in path.parents]


def test_excluded_applies_to_named_paths_with_a_note(here: Path) -> None:
    make(here, "README.md", "drafts/a.md", "drafts/b.md")

    def excluded(path: Path) -> bool:
        return path.parts[0] == "drafts"

    found = markdown_files(["README.md", "drafts/a.md", "drafts", "drafts/*.md"], excluded)

    assert found.files == ["README.md"]
    assert found.notes == [
        f"{os.path.join('drafts', 'a.md')}: excluded by the configuration; skipped",
        "drafts: excluded by the configuration; skipped",
        "drafts: excluded by the configuration; skipped",
    ]


def test_a_named_file_is_kept_as_spelt_whatever_its_extension(here: Path) -> None:
    make(here, "README.md", "notes.txt", ".hidden.md", "docs/x.md", "x[1].md")

    found = markdown_files(["notes.txt", ".hidden.md", "./docs/../README.md", "x[1].md"])

    assert found == Discovery(["notes.txt", ".hidden.md", "./docs/../README.md", "x[1].md"], [])


def test_missing_paths_and_unmatched_globs_pass_through(here: Path) -> None:
    make(here, "docs/a.md")

    found = markdown_files(["missing.md", "nope/*.md", "docs/*.rst", "-", "docs/a.md/x"])

    assert found == Discovery(["missing.md", "nope/*.md", "docs/*.rst", "-", "docs/a.md/x"], [])


def test_a_folder_without_markdown_is_a_note_not_an_error(here: Path) -> None:
    (here / "empty").mkdir()
    make(here, "text/notes.txt", "text/.hidden/x.md")

    assert markdown_files(["empty", "text"]) == Discovery(
        [], ["empty: no Markdown files found", "text: no Markdown files found"]
    )


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("docs/*.md", ["docs/a.md"]),
        ("**/*.md", ["README.md", "docs/a.md", "docs/sub/c.md"]),
        ("docs/**/*.md", ["docs/a.md", "docs/sub/c.md"]),
        ("docs/*.txt", ["docs/b.txt"]),  # the pattern, not the extension, decides
        ("docs/[ab].*", ["docs/a.md", "docs/b.txt"]),
        (".github/*.md", [".github/e.md"]),  # a hidden folder named literally
        ("*/.hidden/*.md", ["docs/.hidden/d.md"]),  # a hidden name matched literally
    ],
)
def test_globs_match_like_glob_glob(here: Path, pattern: str, expected: list[str]) -> None:
    make(
        here,
        "README.md",
        "docs/a.md",
        "docs/b.txt",
        "docs/sub/c.md",
        "docs/.hidden/d.md",
        ".github/e.md",
    )

    found = markdown_files([pattern])

    assert found == Discovery(native(*expected), [])
    assert found.files == sorted(glob.glob(pattern, recursive=True))


def test_a_glob_matching_folders_searches_them(here: Path) -> None:
    make(here, "docs/a.md", "docs/sub/b.md", "docs/notes.txt", "dogs/c.md", "empty/x.txt")

    assert markdown_files(["do?s"]).files == native("docs/a.md", "docs/sub/b.md", "dogs/c.md")
    assert markdown_files(["empty*"]) == Discovery([], ["empty*: no Markdown files found"])


def test_a_glob_survives_a_link_to_a_parent_folder(here: Path) -> None:
    make(here, "README.md", "docs/a.md")
    (here / "docs" / "up").symlink_to("..")

    found = markdown_files(["**/*.md"])

    assert found.files == native("README.md", "docs/a.md")
    assert found.notes == [
        f"{os.path.join('docs', 'up')}: skipped; same folder as ., already searched"
    ]


def test_symlink_loop_named_as_argument_is_an_error(here: Path) -> None:
    (here / "loop").symlink_to("loop")
    (here / "a").symlink_to("b")
    (here / "b").symlink_to("a")

    with pytest.raises(InputError, match=r"^loop: is a symbolic link loop; point the link"):
        markdown_files(["loop"])
    with pytest.raises(InputError, match=r"^a: is a symbolic link loop"):
        markdown_files(["README.md", "a"])


def test_folder_links_are_followed_but_never_into_a_loop(here: Path) -> None:
    make(here, "site/top.md", "site/docs/a.md", "site/z/f.md", "shared/s.md")
    site = here / "site"
    (site / "docs" / "up").symlink_to("..")  # back to the searched folder
    (site / "docs" / "out").symlink_to("../..")  # to a folder containing the searched one
    (site / "a-link").symlink_to("z")  # to a sibling: found under its real name
    (site / "shared").symlink_to("../shared")  # elsewhere: followed
    (site / "link.md").symlink_to("top.md")  # a linked file is a file

    found = markdown_files(["site"])

    assert found.files == native(
        "site/docs/a.md", "site/link.md", "site/shared/s.md", "site/top.md", "site/z/f.md"
    )
    assert found.notes == [
        f"{os.path.join('site', 'a-link')}: skipped; same folder as {os.path.join('site', 'z')}, "
        "already searched",
        f"{os.path.join('site', 'docs', 'out')}: skipped; a symbolic link to a folder that contains it",
        f"{os.path.join('site', 'docs', 'up')}: skipped; same folder as site, already searched",
    ]


def test_broken_and_looping_links_inside_a_folder_are_notes(here: Path) -> None:
    make(here, "docs/a.md")
    (here / "docs" / "gone.md").symlink_to("nowhere.md")
    (here / "docs" / "self").symlink_to("self")

    found = markdown_files(["docs"])

    assert found.files == native("docs/a.md")
    assert found.notes == [
        f"{os.path.join('docs', 'gone.md')}: broken symbolic link; skipped",
        f"{os.path.join('docs', 'self')}: cannot follow (Too many levels of symbolic links); skipped",
    ]


def test_an_unreadable_folder_is_skipped_with_a_note(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(here, "docs/a.md", "docs/secret/b.md")
    scandir = os.scandir

    # Refused by hand, as permission bits do not stop root, who may run the tests.
    def refuse_secret(path: str) -> Iterator[os.DirEntry[str]]:
        if os.path.basename(path) == "secret":
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), path)
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse_secret)

    assert markdown_files(["docs"]) == Discovery(
        native("docs/a.md"),
        [f"{os.path.join('docs', 'secret')}: cannot read this folder (Permission denied); skipped"],
    )
    assert markdown_files(["docs/secret"]) == Discovery(
        [], ["docs/secret: cannot read this folder (Permission denied); skipped"]
    )


def test_order_is_arguments_as_given_sorted_within_each_and_each_file_once(here: Path) -> None:
    make(here, "README.md", "docs/c.md", "docs/a.md", "docs/b.md", "docs/A/z.md")

    found = markdown_files(["docs/b.md", "docs", "README.md", "./docs", "./README.md"])

    assert found.files == native("docs/b.md", "docs/A/z.md", "docs/a.md", "docs/c.md", "README.md")
    assert markdown_files(["docs/b.md", "docs", "README.md"]) == found


@requires_git
def test_git_ignored_files_are_skipped_and_untracked_ones_kept(here: Path) -> None:
    repo = repository(
        here / "repo",
        "build/\n*.log.md\nignored.md\n",
        "README.md",
        "forced.log.md",
        "ignored.md",
        "docs/new.md",
        "docs/ignored.md",
        "docs/run.log.md",
        "build/out.md",
        "build/deep/x.md",
    )
    git(repo, "add", "README.md")
    git(repo, "add", "-f", "forced.log.md")  # tracked files are never ignored

    assert markdown_files(["repo"]) == Discovery(
        native("repo/README.md", "repo/docs/new.md", "repo/forced.log.md"), []
    )
    assert markdown_files(["repo/docs"]).files == native("repo/docs/new.md")
    assert markdown_files(["repo/**/*.md"]).files == native(
        "repo/README.md", "repo/docs/new.md", "repo/forced.log.md"
    )


@requires_git
def test_git_paths_are_relative_to_the_folder_searched(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = repository(here / "repo", "ignored.md\n", "docs/new.md", "docs/ignored.md")

    monkeypatch.chdir(repo / "docs")

    assert markdown_files(["."]).files == native("./new.md")
    assert markdown_files(["../docs"]).files == native("../docs/new.md")
    assert markdown_files(["*.md"]).files == ["new.md"]


@requires_git
def test_named_paths_win_over_git_ignores(here: Path) -> None:
    repository(here / "repo", "build/\nignored.md\n", "ignored.md", "build/out.md", "build/d/x.md")

    assert markdown_files(["repo/ignored.md"]).files == native("repo/ignored.md")
    assert markdown_files(["repo/build"]) == Discovery(
        native("repo/build/d/x.md", "repo/build/out.md"),
        ["repo/build: git ignores this folder; searched because it was named"],
    )


@requires_git
def test_nested_repositories_keep_their_own_ignores(here: Path) -> None:
    repo = repository(here / "repo", "build/\n", "README.md", "build/lib/a.md")
    repository(repo / "vendored", "skip.md\n", "keep.md", "skip.md")
    repository(repo / "build" / "lib", "", "b.md")  # inside a folder the outer repo ignores
    # A folder outside any repository holding one, as in ``readmelint check ~/src``.
    repository(here / "src" / "one", "skip.md\n", "keep.md", "skip.md")

    assert markdown_files(["repo"]).files == native("repo/README.md", "repo/vendored/keep.md")
    assert markdown_files(["src"]).files == native("src/one/keep.md")


@requires_git
def test_submodules_keep_their_own_ignores(here: Path) -> None:
    library = repository(here / "library", "skip.md\n", "keep.md", "skip.md")
    git(library, "add", ".")
    git(library, "-c", "user.name=Test", "-c", "user.email=test@example.org", "commit", "-qm", "1")
    repo = repository(here / "repo", "", "README.md")
    git(repo, "-c", "protocol.file.allow=always", "submodule", "add", "-q", "../library", "sub")

    assert markdown_files(["repo"]).files == native("repo/README.md", "repo/sub/keep.md")


@requires_git
def test_a_git_hook_environment_does_not_redirect_git(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository(here / "repo", "ignored.md\n", "kept.md", "ignored.md")
    other = repository(here / "other", "")
    monkeypatch.setenv("GIT_DIR", str(other / ".git"))
    monkeypatch.setenv("GIT_WORK_TREE", str(other))

    assert markdown_files(["repo"]).files == native("repo/kept.md")


@requires_git
def test_without_git_every_file_is_walked(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repository(here / "repo", "ignored.md\n", "kept.md", "ignored.md")
    monkeypatch.setenv("PATH", str(here / "no-programs"))

    assert markdown_files(["repo"]).files == native("repo/ignored.md", "repo/kept.md")


@pytest.mark.parametrize("in_git", [False, pytest.param(True, marks=requires_git)])
def test_a_large_tree_is_found_whole(here: Path, in_git: bool) -> None:
    """Speed is measured in benchmarks/run.py, never timed in a test."""
    root = here / "big"
    for folder in range(100):
        sub = root / f"f{folder:03}" / "deeper"
        sub.mkdir(parents=True)
        for index in range(50):
            (sub.parent / f"p{index:02}.md").touch()
            (sub / f"n{index:02}.txt").touch()
    if in_git:
        git(root, "init", "-q")

    found = markdown_files(["big"])

    assert len(found.files) == 5000
    assert found.files == sorted(found.files)
