"""Inputs at the limits: big files, long lines, deep nesting, many entries.

Each runs the real command line in a fresh process, so an out-of-memory or a
crash cannot take pytest with it, and its peak memory is its own: the child
reports ``VmHWM`` from ``/proc/self/status`` as it exits (``ru_maxrss`` would not
do: Linux counts the parent's memory at the fork in it). Nothing here asserts on
time; memory bounds are generous and linear.
"""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from readmelint.files import MAX_FILE_BYTES
from readmelint.markdown import MAX_NESTING

MB = 1024 * 1024
ABSTRACT = (
    "We present a unified model for vision and language that learns from 400 million "
    "image-text pairs. 我们提出一个统一的多模态模型，在十一项任务上刷新了记录。 "
    "نموذج موحد للرؤية واللغة."
)
# The console script, reporting its peak resident memory (kB) into a file as it exits.
CHILD = """\
import atexit, os, sys

def report_peak():
    try:
        with open("/proc/self/status") as status:
            peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    except OSError:
        return  # not Linux: no figure, and the memory bounds are not checked
    with open(os.environ["READMELINT_PEAK_FILE"], "w") as out:
        out.write(peak)

atexit.register(report_peak)
sys.argv[0] = "readmelint"
from readmelint.cli import run
run()
"""


@dataclass(frozen=True)
class Run:
    exit_code: int
    stdout: str
    stderr: str
    peak_bytes: int | None  # the process's peak resident memory, where the OS tells

    def within(self, limit: int) -> bool:
        return self.peak_bytes is None or self.peak_bytes < limit


def readmelint(*args: str | Path, folder: Path) -> Run:
    """``readmelint ARGS`` in its own process, with its peak memory."""
    peak_file = folder / "peak.txt"
    peak_file.unlink(missing_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *map(str, args)],
        env={**os.environ, "READMELINT_PEAK_FILE": str(peak_file)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    peak = int(peak_file.read_text()) * 1024 if peak_file.exists() else None
    return Run(done.returncode, done.stdout, done.stderr, peak)


def bound(input_bytes: int) -> int:
    """Memory a run may use: linear in the input, with room for the interpreter."""
    return 20 * input_bytes + 100 * MB


def entry(index: int, abstract: str = ABSTRACT) -> str:
    """A complete entry; the higher ``index``, the older its date."""
    date = datetime.date(2024, 12, 31) - datetime.timedelta(days=index)
    # The arXiv id agrees with the date (RL302), as far back as arXiv goes.
    url = f"arxiv.org/abs/{date:%y%m}.{index % 100_000:05d}"
    url = url if date.year > 1991 else f"example.org/papers/{index}"
    return (
        f"### Paper {index}\n"
        f"  - **Paper:** [Paper {index}](https://{url})\n"
        "  - **Accepted:** arXiv\n"
        f"  - **Submission Date:** {date.isoformat()}\n"
        "  - **Authors:** Fudan University; Shanghai AI Lab\n"
        "  - **Tags:** any-to-any\n"
        f"  - **Abstract:** {abstract}\n"
        f"  - **Personal note:** [Note](https://example.org/notes/{index})\n"
        "\n"
    )


def write_chunks(path: Path, chunks: Iterator[str]) -> int:
    with path.open("w", encoding="utf-8", newline="") as stream:
        for chunk in chunks:
            stream.write(chunk)
    return path.stat().st_size


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("limits")


def test_a_50_mb_list_is_checked_in_linear_memory(folder: Path) -> None:
    """A list 50 MB long (over 40 times the largest real one), just under the 64 MB limit.

    ``check``, not ``fix``: fix parses twice and keeps both versions, so it is the
    slower of the two but no different in kind (the 100,000-entry test runs fix).
    """
    path = folder / "big.md"
    abstract = " ".join([ABSTRACT] * 40)  # about 6 KB per entry, as long abstracts are

    def chunks() -> Iterator[str]:
        yield "# Papers\n\n"
        index = written = 0
        while written < 50 * MB:
            text = entry(index, abstract)
            written += len(text.encode())
            index += 1
            yield text

    size = write_chunks(path, chunks())
    assert 50 * MB <= size < MAX_FILE_BYTES
    run = readmelint("check", path, folder=folder)
    assert (run.exit_code, run.stderr) == (0, ""), run.stderr
    assert run.stdout == "No problems in 1 file.\n"
    assert run.within(bound(size)), run.peak_bytes


def test_a_single_5_mb_line(folder: Path) -> None:
    """A 5 MB abstract on one line and a 5 MB paragraph outside the entries."""
    path = folder / "long-line.md"
    words = " ".join([ABSTRACT] * (5 * MB // len(ABSTRACT.encode()) + 1))
    text = f"# Papers\n\n{words}\n\n" + entry(1, words).replace(
        "**Personal note:**", "**Personal Note**:"
    )
    size = write_chunks(path, iter([text]))
    run = readmelint("fix", path, folder=folder)
    assert (run.exit_code, run.stderr) == (0, f"fixed {path}\n")
    assert path.read_text("utf-8") == text.replace("**Personal Note**:", "**Personal note:**")
    assert run.within(bound(size)), run.peak_bytes
    again = readmelint("check", path, folder=folder)
    assert (again.exit_code, again.stdout) == (0, "No problems in 1 file.\n")


def test_block_quotes_nested_10000_deep(folder: Path) -> None:
    """Quotes far past markdown-it's nesting limit: their content is inert and kept as is.

    At the limit markdown-it stops parsing inside a quote, but a quote's extent is
    known first, so the entries after it are still found and fixed.
    """
    path = folder / "quotes.md"
    deep = ">" * 10_000 + " ### Not an entry   "
    spaced = "> " * 10_000 + "- **Paper:** inert"
    staircase = "\n".join(">" * depth + " x" for depth in range(1, 10_001, 50))
    quoted = "    " + "> " * 10_000 + "quoted"  # in the Tags field
    text = (
        f"# Quotes\n\n{deep}\n{spaced}\n\n{staircase}\n\n"
        + entry(2).replace("any-to-any\n", f"any-to-any\n{quoted}\n")
        + entry(1).replace("**Tags:**", "**tags:**")
    )
    size = write_chunks(path, iter([text]))
    run = readmelint("fix", path, folder=folder)
    assert (run.exit_code, run.stderr) == (0, f"fixed {path}\n")
    fixed = path.read_text("utf-8")
    assert f"\n{deep}\n{spaced}\n\n{staircase}\n" in fixed  # byte for byte
    assert f"**Tags:** any-to-any\n{quoted}\n" in fixed
    assert fixed.index("### Paper 1") < fixed.index("### Paper 2")  # newest first
    assert run.within(bound(size)), run.peak_bytes
    assert readmelint("fix", "--check", path, folder=folder).exit_code == 0


def test_lists_nested_deeper_than_the_parser_follows_are_refused(folder: Path) -> None:
    """A list 10,000 deep would swallow the rest of the file: exit 2, one line, no write.

    markdown-it gives up at its nesting limit and skips to the end of the enclosing
    list, which would hide every later entry inside one field. readmelint raises
    the limit from 20 to 100 levels of containers (50 of lists) and refuses deeper.
    """
    path = folder / "deep-list.md"
    text = entry(1) + "  - **Tags:** x\n    " + "- " * 10_000 + "deepest\n\n" + entry(2)
    path.write_text(text, "utf-8")
    for command in ("check", "fix"):
        run = readmelint(command, path, folder=folder)
        assert run.exit_code == 2
        assert run.stderr.count("\n") == 1
        assert run.stderr.startswith(f"readmelint: {path}:")
        assert "a list nested too deeply" in run.stderr
        assert "Traceback" not in run.stderr
        assert run.within(bound(len(text))), run.peak_bytes
    assert path.read_text("utf-8") == text


def test_lists_nested_as_deep_as_the_parser_follows(folder: Path) -> None:
    """Just inside the limit, a deep list in a value is part of that field and kept."""
    path = folder / "nested.md"
    depth = MAX_NESTING // 2 - 2  # the entry's own list is one more level
    nested = "".join("  " * level + "    - level\n" for level in range(depth))
    text = entry(2) + (
        entry(1)
        .replace("**Tags:**", "**tags:**")
        .replace("  - **Personal note:**", nested + "  - **Personal note:**")
    )
    path.write_text(text, "utf-8")
    run = readmelint("fix", path, folder=folder)
    assert (run.exit_code, run.stderr) == (0, f"fixed {path}\n")
    fixed = path.read_text("utf-8")
    assert nested in fixed
    assert fixed.index("### Paper 1") < fixed.index("### Paper 2")
    assert readmelint("fix", "--check", path, folder=folder).exit_code == 0


def many_entries(count: int) -> Iterator[str]:
    """Tiny entries, oldest first, with a drifted label each (with ``sort`` pinned
    newest first, fix sorts them all)."""
    yield "# Many\n\n"
    for index in range(count):
        year, rest = divmod(index, 336)
        month, day = rest // 28 + 1, rest % 28 + 1
        yield f"### E{index}\n- **Submission Date:** {1000 + year:04d}-{month:02d}-{day:02d}\n"
        yield "- **Tags** : x\n\n"


@pytest.mark.slow
def test_25000_tiny_entries(folder: Path) -> None:
    """fix sorts and relabels 25,000 entries, then counts what it left for people.

    Memory is linear but not small: markdown-it makes some thirty token objects for
    each entry, so a tiny entry costs about 10 KB at the peak, far more than its
    40 bytes. Quadratic growth would blow far past this bound.
    """
    count = 25_000
    own = folder / "many"
    own.mkdir(exist_ok=True)
    # Pinned: without it fix keeps the list's own order, oldest first.
    (own / ".readmelint.toml").write_text(
        'sort = { field = "Submission Date", order = "descending" }\n', "utf-8"
    )
    path = own / "many.md"
    write_chunks(path, many_entries(count))
    run = readmelint("fix", path, folder=folder)
    assert run.exit_code == 0, run.stderr
    assert (
        run.stderr == f"fixed {path}\n{5 * count} problems need a person (run `readmelint check`)\n"
    )
    fixed = path.read_text("utf-8")
    assert fixed.count("### E") == count
    # Every entry writes `**Tags** :`: the list's own form for that label, but for the space.
    assert fixed.count("- **Tags**: x\n") == count
    assert fixed.index(f"### E{count - 1}\n") < fixed.index("### E0\n")  # newest first
    assert run.within(100 * MB + count * 20 * 1024), run.peak_bytes
