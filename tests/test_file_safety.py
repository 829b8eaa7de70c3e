"""``fix`` through the command line never loses a file, its bytes or its metadata.

Byte fidelity (newline style, BOM, final newline), no write when nothing changes,
permission bits kept, no writing through symbolic links, no overwriting a file that
changed on disk meanwhile, and no temporary files left behind, whatever happens.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import readmelint.runner
from readmelint.cli import main
from readmelint.fix import fix_text
from readmelint.settings import Settings

# Needs fixing: a drifted label, fields out of order, trailing spaces.
BROKEN = [
    "# Papers",
    "",
    "### AnyGPT   ",
    "- **Submission Date:** 2024-02-19",
    "- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)",
    "- **Personal Note**: [Note](https://example.org/n)",
]
FIXED = [
    "# Papers",
    "",
    "### AnyGPT",
    "- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)",
    "- **Submission Date:** 2024-02-19",
    "- **Personal note:** [Note](https://example.org/n)",
]
OLD = 1_000_000_000  # an mtime (ns) no test run can produce by writing


def document(lines: list[str], newline: str = "\n", final_newline: bool = True) -> str:
    return newline.join(lines) + (newline if final_newline else "")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def fix(runner: CliRunner, *args: str | Path) -> Result:
    return runner.invoke(main, ["fix", *map(str, args)])


def aged(path: Path) -> Path:
    """``path`` with an old mtime, so any write shows."""
    os.utime(path, ns=(OLD, OLD))
    return path


def folder_listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("final_newline", [True, False], ids=["final-newline", "no-final-newline"])
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_fix_keeps_newlines_bom_and_final_newline(
    runner: CliRunner, tmp_path: Path, newline: str, final_newline: bool, bom: bool
) -> None:
    prefix = b"\xef\xbb\xbf" if bom else b""
    path = tmp_path / "README.md"
    path.write_bytes(prefix + document(BROKEN, newline, final_newline).encode())
    result = fix(runner, path)
    assert result.exit_code == 0, result.output
    assert path.read_bytes() == prefix + document(FIXED, newline, final_newline).encode()


def test_fix_keeps_each_line_terminator_outside_entries(runner: CliRunner, tmp_path: Path) -> None:
    """A file with mixed terminators keeps them line by line where fix changes nothing."""
    path = tmp_path / "README.md"
    text = "# Papers\r\nintro\n\r\n" + document(BROKEN[2:], "\r\n") + "\nafter\r\n"
    path.write_bytes(text.encode())
    assert fix(runner, path).exit_code == 0
    data = path.read_bytes()
    assert data.startswith(b"# Papers\r\nintro\n\r\n")
    assert data.endswith(b"\nafter\r\n")
    assert data.decode() == fix_text(text, Settings())


def test_file_fix_would_not_change_is_not_written(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(document(FIXED))
    aged(path)
    inode = path.stat().st_ino
    result = fix(runner, path)
    assert result.exit_code == 0, result.output
    assert path.stat().st_mtime_ns == OLD
    assert path.stat().st_ino == inode  # not even replaced by an identical copy
    assert "fixed" not in result.stderr


@pytest.mark.parametrize("mode", [0o640, 0o600, 0o664, 0o755])
def test_written_file_keeps_its_permission_bits(
    runner: CliRunner, tmp_path: Path, mode: int
) -> None:
    path = tmp_path / "README.md"
    path.write_text(document(BROKEN))
    path.chmod(mode)
    result = fix(runner, path)
    assert result.exit_code == 0, result.output
    assert path.read_text() == document(FIXED)
    assert stat.S_IMODE(path.stat().st_mode) == mode


def test_fix_does_not_write_through_a_symlink(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text(document(BROKEN))
    aged(target)
    link = tmp_path / "README.md"
    link.symlink_to(target)
    result = fix(runner, link)
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert str(link) in result.stderr
    assert "symbolic link" in result.stderr
    assert "Traceback" not in result.output + result.stderr
    assert link.is_symlink()
    assert target.read_text() == document(BROKEN)
    assert target.stat().st_mtime_ns == OLD
    assert folder_listing(tmp_path) == ["README.md", "real.md"]


def test_check_reads_through_a_symlink(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "real.md"
    target.write_text(document(BROKEN))
    link = tmp_path / "README.md"
    link.symlink_to(target)
    result = runner.invoke(main, ["check", str(link)])
    assert result.exit_code == 1
    assert f"{link}:6:3: RL102" in result.stdout
    assert result.stderr == ""


def test_fix_check_through_a_symlink_reports_without_writing(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "real.md"
    target.write_text(document(BROKEN))
    aged(target)
    link = tmp_path / "README.md"
    link.symlink_to(target)
    assert fix(runner, "--check", link).exit_code == 1
    assert target.stat().st_mtime_ns == OLD


def test_file_changed_on_disk_meanwhile_is_not_overwritten(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Someone saves the file while fix works on it: their version wins, nothing is written."""
    path = tmp_path / "README.md"
    path.write_text(document(BROKEN))
    theirs = document([*BROKEN, "- **Tags:** added meanwhile"])
    real_fix_source = readmelint.runner.fix_source

    def fix_source_then_someone_saves(*args: object, **kwargs: object) -> object:
        result = real_fix_source(*args, **kwargs)  # type: ignore[arg-type]
        path.write_text(theirs)
        return result

    monkeypatch.setattr(readmelint.runner, "fix_source", fix_source_then_someone_saves)
    result = fix(runner, path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"readmelint: {path}: changed on disk while readmelint was working; "
        "nothing was written, run it again\n"
    )
    assert path.read_text() == theirs
    assert folder_listing(tmp_path) == ["README.md"]


def failing(error: OSError) -> Callable[..., None]:
    def fail(*args: object, **kwargs: object) -> None:
        raise error

    return fail


@pytest.mark.parametrize(
    "step",
    ["os.fsync", "os.replace", "os.chmod"],
)
def test_a_failed_write_leaves_the_original_and_no_temporary_file(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """A disk that fails mid-write (full, quota, I/O error) costs nothing but the fix."""
    path = tmp_path / "README.md"
    path.write_text(document(BROKEN))
    aged(path)
    name = step.removeprefix("os.")
    # os is shared: the failure holds only while readmelint writes (the CLI call below).
    monkeypatch.setattr(os, name, failing(OSError(28, "No space left on device")))
    result = fix(runner, path)
    assert result.exit_code == 2
    assert result.stderr == f"readmelint: {path}: cannot write: No space left on device\n"
    assert path.read_text() == document(BROKEN)
    assert path.stat().st_mtime_ns == OLD
    assert folder_listing(tmp_path) == ["README.md"]


def test_no_temporary_files_after_fixing_many(runner: CliRunner, tmp_path: Path) -> None:
    names = [f"list-{n}.md" for n in range(5)]
    for name in names:
        (tmp_path / name).write_text(document(BROKEN))
    result = fix(runner, *(tmp_path / name for name in names))
    assert result.exit_code == 0, result.output
    assert folder_listing(tmp_path) == names
    assert all((tmp_path / name).read_text() == document(FIXED) for name in names)
