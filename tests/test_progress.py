"""The progress line: on a terminal, for long runs only; never in a pipe, in CI or --quiet."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import readmelint.progress
from readmelint.progress import FEW, Progress, wanted
from tests.helpers import ANSI, BROKEN, CLEAN, run_in_terminal

needs_pty = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

# The console script with the delay before the line appears set to nothing: a run of
# a few small files stands in for a long one without taking seconds.
NO_DELAY = (
    "import sys, readmelint.progress as progress; progress.DELAY = 0.0; "
    "from readmelint.cli import run; run()"
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def without_ci() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if key not in ("CI", "NO_COLOR")}


def test_wanted_on_a_terminal_outside_ci_without_quiet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    assert wanted(Terminal(), quiet=False)
    assert not wanted(Terminal(), quiet=True)
    assert not wanted(io.StringIO(), quiet=False)  # a pipe or a file
    for value in ("true", "1", ""):
        monkeypatch.setenv("CI", value)
        assert not wanted(Terminal(), quiet=False)


def test_the_line_counts_files_and_is_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readmelint.progress, "DELAY", 0.0)
    monkeypatch.setattr(readmelint.progress, "RATE", 10**9)
    stream = Terminal()
    progress = Progress(10, stream, enabled=True)
    progress.advance()
    assert stream.getvalue() == "\r[##......................] 1/10 files"
    for _ in range(9):
        progress.advance()
    assert stream.getvalue().endswith("\r[########################] 10/10 files")
    progress.close()
    assert stream.getvalue().endswith(
        "\r" + " " * len("[########################] 10/10 files") + "\r"
    )
    progress.advance()  # after close: nothing more
    assert stream.getvalue().endswith("\r")


def test_nothing_before_the_delay_or_for_a_few_files(monkeypatch: pytest.MonkeyPatch) -> None:
    stream = Terminal()
    progress = Progress(100, stream, enabled=True)  # the delay has not passed
    progress.advance()
    monkeypatch.setattr(readmelint.progress, "DELAY", 0.0)
    few = Progress(FEW, stream, enabled=True)
    few.advance()
    disabled = Progress(100, stream, enabled=False)
    disabled.advance()
    progress.close()
    assert stream.getvalue() == ""


def folder_of(root: Path, files: int, bad: bool = False) -> Path:
    folder = root / "lists"
    folder.mkdir()
    for index in range(files):
        (folder / f"{index:02d}.md").write_text(BROKEN if index % 2 else CLEAN, "utf-8")
    if bad:
        (folder / "zz-latin-1.md").write_bytes("### Café\n".encode("latin-1"))
    return folder


@needs_pty
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_long_run_on_a_terminal_shows_progress(tmp_path: Path, jobs: str) -> None:
    folder_of(tmp_path, 12, bad=True)
    command = [sys.executable, "-c", NO_DELAY, "check", "lists", "--jobs", jobs]

    output = ANSI.sub("", run_in_terminal(command, tmp_path, without_ci()))

    assert "\r[#.......................] 1/13 files" in output
    # The line is drawn again at once after a message wipes it: the last file's error.
    assert "13/13 files" in output
    # Everything else is printed whole, on a line of its own, after the line is wiped.
    lines = [line.rsplit("\r", 1)[-1] for line in output.replace("\r\n", "\n").split("\n")]
    assert (
        "readmelint: lists/zz-latin-1.md: not UTF-8 (invalid byte at offset 7); "
        "re-save the file as UTF-8 and run again" in lines
    )
    assert "lists/01.md:6:3: RL003" in output
    assert any(line.startswith("12 problems") for line in lines)


@needs_pty
def test_fix_on_a_terminal_shows_progress_between_fixed_lines(tmp_path: Path) -> None:
    folder_of(tmp_path, 12)
    command = [sys.executable, "-c", NO_DELAY, "fix", "lists", "--jobs", "2"]

    output = ANSI.sub("", run_in_terminal(command, tmp_path, without_ci()))

    assert "/12 files" in output
    lines = [line.rsplit("\r", 1)[-1] for line in output.replace("\r\n", "\n").split("\n")]
    assert [line for line in lines if line.startswith("fixed ")] == [
        f"fixed lists/{index:02d}.md" for index in range(1, 12, 2)
    ]


@needs_pty
@pytest.mark.parametrize(
    ("extra", "environment"),
    [(["--quiet"], {}), (["-q"], {}), ([], {"CI": "true"}), ([], {"CI": "1"})],
    ids=["quiet", "q", "ci-true", "ci-1"],
)
def test_no_progress_with_quiet_or_in_ci(
    tmp_path: Path, extra: list[str], environment: dict[str, str]
) -> None:
    folder_of(tmp_path, 12)
    command = [sys.executable, "-c", NO_DELAY, "check", "lists", *extra]

    output = run_in_terminal(command, tmp_path, {**without_ci(), **environment})

    assert "RL003" in output
    assert "files" not in output.replace("in 12 files", "")
    assert "\r[" not in output


@needs_pty
def test_no_progress_for_a_short_run_on_a_terminal(tmp_path: Path) -> None:
    """The real delay: a run shorter than it never shows the line.

    (On a loaded machine the run may outlast the delay; then the line is allowed.)
    """
    folder_of(tmp_path, 12)
    command = [sys.executable, "-m", "readmelint", "check", "lists"]

    started = time.monotonic()
    output = run_in_terminal(command, tmp_path, without_ci())
    took = time.monotonic() - started

    assert "RL003" in output
    assert "\r[" not in output or took >= readmelint.progress.DELAY


def test_no_progress_when_stderr_is_a_pipe(tmp_path: Path) -> None:
    folder_of(tmp_path, 12)
    done = subprocess.run(
        [sys.executable, "-c", NO_DELAY, "check", "lists", "--jobs", "2"],
        cwd=tmp_path,
        env=without_ci(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert "\r" not in done.stdout
