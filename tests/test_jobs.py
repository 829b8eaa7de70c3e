"""``--jobs N``: files in worker processes, output byte for byte as a serial run's.

A folder of 30 files (lists with problems, clean lists, files that cannot be read,
a folder whose config is broken, one whose config ignores codes) is run with
``--jobs 1`` (in this process) and with worker processes; everything printed, the
exit code and, for ``fix``, every byte written must be the same.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Generator, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

import readmelint.cli
import readmelint.pool
import readmelint.runner
from benchmarks.generate import generate
from readmelint.cli import main, run
from readmelint.diagnostics import Diagnostic
from readmelint.pool import MAX_CHUNK, Task, chunk_size
from readmelint.runner import ConfigResolver, Outcome, Overrides
from readmelint.schema import bundled_schema_text
from tests.helpers import BROKEN, CLEAN


def make_repository(root: Path) -> Path:
    """30 Markdown files in nested folders, and what makes their configs differ."""
    repo = root / "repo"
    for index in range(14):  # generated lists with problems, of different sizes
        day = repo / f"{2020 + index % 3}" / f"{index:02d}.md"
        day.parent.mkdir(parents=True, exist_ok=True)
        day.write_bytes(generate(1 + index * 3, seed=index).encode())
    for index in range(6):
        (repo / "clean").mkdir(exist_ok=True)
        (repo / "clean" / f"c{index}.md").write_bytes(CLEAN.encode())
    for index in range(3):
        (repo / f"broken-{index}.md").write_bytes(BROKEN.encode())
    (repo / "latin-1.md").write_bytes("### Café\n- **Paper:** x\n".encode("latin-1"))
    (repo / "binary.md").write_bytes(b"# x\n\x00\x01")
    (repo / "deep.md").write_bytes(("- " * 120 + "x\n").encode())
    (repo / "bad-config").mkdir()
    (repo / "bad-config" / ".readmelint.toml").write_text("colour = 1\n")
    (repo / "bad-config" / "a.md").write_bytes(BROKEN.encode())
    (repo / "ignoring").mkdir()
    (repo / "ignoring" / ".readmelint.toml").write_text('ignore = ["RL1"]\n')
    (repo / "ignoring" / "a.md").write_bytes(BROKEN.encode())
    (repo / "README.md").write_bytes(BROKEN.encode())
    (repo / "sub").mkdir()
    (repo / "sub" / "x.markdown").write_bytes(generate(5, seed=99).encode())
    (repo / "notes.txt").write_text("not Markdown")
    (repo / "empty").mkdir()
    return repo


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The number of files of each parallel run, to show the pool really ran."""
    runs: list[int] = []
    real = readmelint.pool.run_parallel

    def counting(
        task: Task, paths: Sequence[str], jobs: int, overrides: Overrides
    ) -> Generator[Outcome[Any], None, None]:
        runs.append(len(paths))
        return real(task, paths, jobs, overrides)

    monkeypatch.setattr(readmelint.pool, "run_parallel", counting)
    return runs


def outputs(result: Result) -> tuple[int, bytes, bytes]:
    return result.exit_code, result.stdout_bytes, result.stderr_bytes


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_the_repository_has_30_markdown_files(here: Path) -> None:
    repo = make_repository(here)
    assert len([*repo.rglob("*.md"), *repo.rglob("*.markdown")]) == 30


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["check", "--output-format", "json"],
        ["check", "--output-format", "github", "--select", "RL0,RL3"],
        ["check", "--quiet"],
        ["fix", "--diff"],
        ["fix", "--check"],
    ],
    ids=["check", "json", "github-select", "quiet", "fix-diff", "fix-check"],
)
def test_workers_print_byte_for_byte_what_a_serial_run_prints(
    here: Path, pools: list[int], args: list[str]
) -> None:
    make_repository(here)
    runner = CliRunner()

    serial = runner.invoke(main, [*args, "repo", "--jobs", "1"])
    assert pools == []
    assert serial.exit_code == 2, serial.output  # the unreadable files win
    assert serial.stdout or "would fix" in serial.stderr  # there is something to compare
    assert len(serial.stderr.splitlines()) >= 4  # latin-1, binary, deep, bad-config
    for jobs in ("2", "3"):
        parallel = runner.invoke(main, [*args, "repo", "--jobs", jobs])
        assert outputs(parallel) == outputs(serial), jobs
    assert pools == [30, 30]


def test_fix_in_workers_writes_what_a_serial_fix_writes(here: Path, pools: list[int]) -> None:
    results = {}
    for jobs in ("1", "2"):
        folder = here / f"jobs-{jobs}"
        folder.mkdir()
        os.chdir(folder)
        make_repository(folder)
        before = tree(folder / "repo")
        result = CliRunner().invoke(main, ["fix", "repo", "--jobs", jobs])
        stderr = result.stderr.replace(str(folder), "FOLDER")  # the broken config's path
        results[jobs] = (result.exit_code, result.stdout, stderr, tree(folder / "repo"))
        assert results[jobs][3] != before
    assert results["1"] == results["2"]
    assert pools == [30]
    exit_code, stdout, stderr, _ = results["1"]
    assert (exit_code, stdout) == (2, "")
    fixed = [
        line.removeprefix("fixed ") for line in stderr.splitlines() if line.startswith("fixed ")
    ]
    # 15 generated lists, 3 broken ones; the fourth lies where the config ignores RL1
    assert len(fixed) == 18
    assert "repo/ignoring/a.md" not in fixed
    assert fixed == sorted(fixed, key=lambda path: path.split(os.sep))  # the discovery order


def test_results_come_in_path_order_whatever_finishes_first(
    here: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first file is the slowest: a worker finishes the later ones first."""
    names = [f"{index:02d}.md" for index in range(8)]
    for index, name in enumerate(names):
        (here / name).write_bytes(BROKEN.replace("Alpha", f"Alpha {index}").encode())
    real = readmelint.runner.check_path

    def slow_first(path: str, resolver: ConfigResolver) -> Outcome[list[Diagnostic]]:
        if path == names[0]:
            time.sleep(0.5)  # meanwhile the other worker does all the rest
        return real(path, resolver)

    monkeypatch.setattr(readmelint.runner, "check_path", slow_first)  # forked workers see it

    result = CliRunner().invoke(main, ["check", *names, "--jobs", "2"])

    assert pools == [8]
    reported = [line.split(":")[0] for line in result.stdout.splitlines() if " RL003 " in line]
    assert reported == names


def test_chunks_keep_round_trips_few() -> None:
    assert chunk_size(1, 2) == 1
    assert chunk_size(30, 2) == 2
    assert chunk_size(1000, 2) == MAX_CHUNK  # 32 round trips, not 1,000
    assert chunk_size(100_000, 64) == MAX_CHUNK
    for files, workers in [(7, 2), (100, 2), (1000, 8), (5, 16)]:
        size = chunk_size(files, workers)
        assert 1 <= size <= MAX_CHUNK
        assert -(-files // size) >= min(files, workers)  # every worker gets work


def test_one_file_or_one_job_never_starts_a_pool(here: Path, pools: list[int]) -> None:
    (here / "a.md").write_bytes(BROKEN.encode())
    (here / "b.md").write_bytes(BROKEN.encode())
    runner = CliRunner()
    assert runner.invoke(main, ["check", "a.md", "--jobs", "4"]).exit_code == 1
    assert runner.invoke(main, ["check", "a.md", "b.md", "--jobs", "1"]).exit_code == 1
    assert (
        runner.invoke(main, ["fix", "--check", "a.md", "-", "--jobs", "4"], input=BROKEN).exit_code
        == 1
    )
    assert pools == []
    assert runner.invoke(main, ["check", "a.md", "b.md"]).exit_code == 1
    assert pools == ([2] if readmelint.cli.default_jobs() > 1 else [])


def test_standard_input_keeps_its_place_among_files_in_workers(
    here: Path, pools: list[int]
) -> None:
    for name in ("a.md", "c.md"):
        (here / name).write_bytes(BROKEN.encode())
    args = ["check", "a.md", "-", "c.md", "--stdin-filename", "b.md"]
    serial = CliRunner().invoke(main, [*args, "--jobs", "1"], input=BROKEN)
    parallel = CliRunner().invoke(main, [*args, "--jobs", "2"], input=BROKEN)
    assert outputs(parallel) == outputs(serial)
    assert [line.split(":")[0] for line in serial.stdout.splitlines() if " RL003 " in line] == [
        "a.md",
        "b.md",
        "c.md",
    ]
    assert pools == [2]


def test_each_worker_applies_the_command_line_options(here: Path, pools: list[int]) -> None:
    """--select, --ignore, --config and --schema reach every worker, over each file's config."""
    for name in ("a.md", "b.md", "c.md"):
        (here / name).write_bytes(BROKEN.encode())
    config = here / "other.toml"
    config.write_text('ignore = ["RL003"]\n')
    schema = json.loads(bundled_schema_text())
    del schema["properties"]["fields"]["properties"]["abstract"]  # now an unknown field
    schema_path = here / "schema.json"
    schema_path.write_text(json.dumps(schema))
    runner = CliRunner()
    for options in (
        ["--select", "RL102"],
        ["--ignore", "RL102"],
        ["--config", str(config)],
        ["--schema", str(schema_path)],
    ):
        serial = runner.invoke(main, ["check", "a.md", "b.md", "c.md", *options, "--jobs", "1"])
        parallel = runner.invoke(main, ["check", "a.md", "b.md", "c.md", *options, "--jobs", "3"])
        assert outputs(parallel) == outputs(serial), options
    assert len(pools) == 4


def test_an_unexpected_error_in_a_worker_is_one_line_and_exit_3(
    here: Path,
    pools: list[int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (here / name).write_bytes(BROKEN.encode())

    def broken(path: str, resolver: ConfigResolver) -> Outcome[list[Diagnostic]]:
        raise KeyError(f"boom in {path}")

    monkeypatch.setattr(readmelint.runner, "check_path", broken)
    monkeypatch.setattr(sys, "argv", ["readmelint", "check", "a.md", "b.md", "c.md", "-j", "2"])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 3
    assert capsys.readouterr().err == (
        "readmelint: internal error: KeyError: 'boom in a.md'; nothing was written\n"
    )
    assert pools == [3]


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5", ""])
def test_jobs_must_be_1_or_more(here: Path, value: str) -> None:
    (here / "README.md").write_bytes(BROKEN.encode())
    for command in (["check"], ["fix"]):
        result = CliRunner().invoke(main, [*command, "--jobs", value])
        assert result.exit_code == 2
        assert result.stdout == ""
        assert result.stderr == (
            f"readmelint: --jobs {value}: give the number of worker processes, a whole number "
            "of 1 or more (1 works in this process)\n"
        )
    assert (here / "README.md").read_bytes() == BROKEN.encode()


def test_default_jobs_is_the_number_of_usable_cpus() -> None:
    jobs = readmelint.cli.default_jobs()
    assert jobs >= 1
    if hasattr(os, "sched_getaffinity"):
        assert jobs == len(os.sched_getaffinity(0))


def test_real_processes_with_jobs_2_print_what_jobs_1_prints(here: Path) -> None:
    make_repository(here)
    command = [sys.executable, "-m", "readmelint"]
    for args in (["check"], ["check", "--output-format", "json"], ["fix", "--diff"]):
        serial = subprocess.run([*command, *args, "repo", "--jobs", "1"], capture_output=True)
        parallel = subprocess.run([*command, *args, "repo", "--jobs", "2"], capture_output=True)
        assert serial.returncode == 2
        assert serial.stdout
        assert (parallel.returncode, parallel.stdout, parallel.stderr) == (
            serial.returncode,
            serial.stdout,
            serial.stderr,
        ), args


def test_without_process_semaphores_the_work_is_done_here(
    here: Path, pools: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where a pool cannot be made (no /dev/shm in some sandboxes), nothing is lost."""
    import concurrent.futures

    def no_pool(*args: object, **kwargs: object) -> None:
        raise OSError(38, "Function not implemented")

    make_repository(here)
    serial = CliRunner().invoke(main, ["check", "repo", "--jobs", "1"])
    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", no_pool)
    fallback = CliRunner().invoke(main, ["check", "repo", "--jobs", "2"])
    assert pools == [30]
    assert outputs(fallback) == outputs(serial)
