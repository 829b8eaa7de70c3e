"""Hard links and killed writes (issue 26): ``fix`` on a file with other hard links
writes the new text into it, so every name sees it; a process killed at any point
leaves the old text or the new (or, for a linked file, a journal the next ``fix``
finishes from); the next ``fix`` leaves no temporary file, and none is ever a list.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.generate import generate
from readmelint.cli import main
from readmelint.discover import markdown_files
from readmelint.fix import fix_text

GUARD = 120  # seconds: only the test's own guard against a hang

OLD = generate(40, seed=3)
NEW = fix_text(OLD)


def fix(path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "readmelint", "fix", *args, str(path)],
        capture_output=True,
        text=True,
        timeout=GUARD,
        check=False,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".readmelint-" in p.name)


def linked_pair(folder: Path) -> tuple[Path, Path]:
    path = folder / "README.md"
    path.write_text(OLD, "utf-8")
    other = folder / "mirror" / "PAPERS.md"
    other.parent.mkdir()
    os.link(path, other)
    return path, other


def test_old_and_new_differ() -> None:
    assert NEW != OLD


def test_fix_writes_through_every_hard_link(tmp_path: Path) -> None:
    path, other = linked_pair(tmp_path)
    path.chmod(0o640)
    inode = path.stat().st_ino
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 0, result.output
    assert path.read_text("utf-8") == NEW
    assert other.read_text("utf-8") == NEW  # the other name sees the new text
    assert path.stat().st_ino == inode == other.stat().st_ino
    assert path.stat().st_nlink == 2
    assert oct(path.stat().st_mode & 0o777) == oct(0o640)
    assert leftovers(tmp_path) == []


def test_a_file_changed_meanwhile_is_not_written_through_its_links(tmp_path: Path) -> None:
    from readmelint.errors import InputError
    from readmelint.files import read_file, write_file

    path, other = linked_pair(tmp_path)
    original = read_file(path)
    other.write_text(OLD + "\nedited\n", "utf-8")  # through the other name
    with pytest.raises(InputError, match="changed on disk"):
        write_file(original, NEW.encode())
    assert path.read_text("utf-8") == OLD + "\nedited\n"
    assert leftovers(tmp_path) == []


# Runs the command line in a subprocess that dies (as if killed) at its Nth step of
# writing: a write (after writing half of what it was given), an fsync, a truncate,
# a rename or an unlink. Every crash point of a write, not a sample of them.
DIE_AT_STEP = textwrap.dedent(
    """
    import os, sys
    steps = [0]
    die_at = int(sys.argv[1])

    def step():
        steps[0] += 1
        if steps[0] == die_at:
            os._exit(9)

    def wrap(name):
        real = getattr(os, name)
        def wrapped(*args, **kwargs):
            step()
            return real(*args, **kwargs)
        setattr(os, name, wrapped)

    real_write = os.write
    def write(handle, data):
        if steps[0] + 1 == die_at and len(data) > 1:
            real_write(handle, bytes(data[: len(data) // 2]))  # torn: half written
        step()
        return real_write(handle, data)
    os.write = write
    for name in ("fsync", "ftruncate", "replace", "unlink"):
        wrap(name)

    from readmelint.cli import run
    sys.argv = ["readmelint", "fix", sys.argv[2]]
    run()
    """
)


def die_at(step: int, path: Path) -> int:
    done = subprocess.run(
        [sys.executable, "-c", DIE_AT_STEP, str(step), str(path)],
        capture_output=True,
        text=True,
        timeout=GUARD,
        check=False,
    )
    return done.returncode


@pytest.mark.parametrize("linked", [False, True], ids=["single", "hard-linked"])
def test_a_fix_killed_at_any_step_of_its_write_loses_nothing(tmp_path: Path, linked: bool) -> None:
    step, finished = 0, False
    while not finished:
        step += 1
        assert step < 40, "the write has fewer steps than that"
        folder = tmp_path / str(step)
        folder.mkdir()
        if linked:
            path, other = linked_pair(folder)
        else:
            path = folder / "README.md"
            path.write_text(OLD, "utf-8")
        finished = die_at(step, path) != 9
        data = path.read_bytes()
        if not linked:
            assert data in (OLD.encode(), NEW.encode()), f"torn file after a kill at step {step}"
        elif data not in (OLD.encode(), NEW.encode()):
            # Torn in place: a complete journal is beside it, and check says so.
            checked = CliRunner().invoke(main, ["check", str(path)])
            assert checked.exit_code == 2, checked.output
            assert "run `readmelint fix" in checked.stderr
        # The next run finishes or redoes the write and removes what the killed one left.
        again = fix(path)
        assert again.returncode == 0, again.stderr
        assert path.read_text("utf-8") == NEW
        if linked:
            assert other.read_text("utf-8") == NEW
            assert path.stat().st_nlink == 2
        assert leftovers(folder) == [], f"a temporary file stayed after a kill at step {step}"
    assert step > (5 if linked else 3)  # the kills did land inside the write


@pytest.mark.slow
@pytest.mark.parametrize("linked", [False, True], ids=["single", "hard-linked"])
def test_a_fix_killed_at_random_moments_loses_nothing(tmp_path: Path, linked: bool) -> None:
    """SIGKILL at 12 random moments of a real run (24 kills in all, with both kinds)."""
    rng = random.Random(26)
    start = time.monotonic()
    fix(tmp_path / "nothing.md")  # how long a run takes here, roughly
    took = time.monotonic() - start
    for attempt in range(12):
        folder = tmp_path / str(attempt)
        folder.mkdir()
        path = folder / "README.md"
        if linked:
            path, other = linked_pair(folder)
        else:
            path.write_text(OLD, "utf-8")
        process = subprocess.Popen(
            [sys.executable, "-m", "readmelint", "fix", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        # Most of a run is start-up and parsing; aim half the kills at its end, the write.
        moment = rng.uniform(0, took * 1.5) if attempt % 2 else rng.uniform(took * 0.7, took * 1.3)
        time.sleep(moment)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=GUARD)
        if not linked:
            assert path.read_bytes() in (OLD.encode(), NEW.encode())
        again = fix(path)
        assert again.returncode == 0, again.stderr
        assert path.read_text("utf-8") == NEW
        if linked:
            assert other.read_text("utf-8") == NEW
        assert leftovers(folder) == []


def test_temporary_files_are_never_lists(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(OLD, "utf-8")
    for name in (".README.md.4242.readmelint-new", ".README.md.4242.readmelint-journal"):
        (tmp_path / name).write_text(OLD, "utf-8")
    # A folder, and a glob that names hidden files of any extension.
    found = markdown_files([str(tmp_path), str(tmp_path / ".README.md.*")], None)
    assert [Path(file).name for file in found.files] == ["README.md", ".README.md.*"]


def test_only_stale_temporary_files_of_the_file_are_removed(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(OLD, "utf-8")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    alive = str(os.getpid())
    names = [
        f".README.md.{dead}.readmelint-new",  # ours, its process gone: removed
        f".README.md.{alive}.readmelint-new",  # a run still going: kept
        f".OTHER.md.{dead}.readmelint-new",  # another file's: kept until that one is fixed
        ".README.md.notes",  # not ours: kept
    ]
    for name in names:
        (tmp_path / name).write_text("x", "utf-8")
    assert fix(path).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["README.md", *names[1:]])


def test_a_journal_whose_write_never_finished_is_dropped(tmp_path: Path) -> None:
    """Killed while writing the journal: the file was never touched."""
    path, other = linked_pair(tmp_path)
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    journal = tmp_path / f".README.md.{dead}.readmelint-journal"
    journal.write_bytes(b"readmelint journal 1\n1 2 999 abc\nhalf")
    checked = CliRunner().invoke(main, ["check", str(path)])
    assert "half-written" not in checked.stderr  # an incomplete journal: the file is whole
    assert fix(path).returncode == 0
    assert other.read_text("utf-8") == NEW
    assert not journal.exists()
