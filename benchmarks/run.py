"""Time readmelint against markdown-it-py, mdformat and pymarkdown, as whole processes.

Every tool runs as its own process (start-up and imports included, the way a
pre-commit hook or a shell pays for them) on the reference file of the corpus
and on generated lists in the reference layout (``generate.py``). Each gets
``--runs`` runs, interleaved so that a slow moment of the machine hits every
tool alike; the table shows the median wall time and the largest peak RSS.
Real lists of the other layouts run too, each with the settings in
``benchmarks/configs/`` (read in place from ``../shared/corpus``; skipped when
absent). Then the speed and memory targets are checked and printed with
PASS/FAIL. markdown-it parses with GitHub's table and strikethrough rules on, as
readmelint does.

readmelint runs with ``--no-cache`` wherever it is compared with a parser: every
run parses and checks, as a first run does. The result cache is timed on its own:
``check`` of a file it knows (``--cache-dir`` primed by an untimed run) against
``python -c pass``, and on the generated repository the first ``check`` (the cache
emptied before each) in turns with the second.

Peak memory comes from ``os.wait4``, which returns the resource usage of that
one child: ``getrusage(RUSAGE_CHILDREN)`` would only give the maximum over
every child so far, and ``/usr/bin/time`` is one more process to start.
Unix only (``os.wait4``, ``os.waitid``).

MB below is 10^6 bytes, for file sizes and memory alike.

    python benchmarks/run.py                    # 5 runs; reference, 1,000, 10,000 entries
    python benchmarks/run.py --quick            # tiny sizes, 1 run: checks the script works
    python benchmarks/run.py --runs 3 --sizes 1000
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GENERATE = Path(__file__).resolve().with_name("generate.py")
REPO = Path(__file__).resolve().with_name("repo.py")
REFERENCE_NAME = "friedrichor__Awesome-Multimodal-Papers__09c6e0a__Notes_zh.md"
REFERENCE = ROOT.parent / "shared" / "corpus" / "notes" / REFERENCE_NAME
# The venv's scripts sit beside its interpreter; not resolved, since the
# interpreter is usually a symlink out of the venv.
BIN = Path(sys.executable).parent
MB = 1_000_000

DEFAULT_SIZES = (1000, 10000)
QUICK_SIZES = (10, 50)

# Short names for --tools, in table order.
TOOL_KEYS = {
    "check": "readmelint check",
    "fix": "readmelint fix --diff",
    "full": "markdown-it full parse",
    "block": "markdown-it block-only",
    "mdformat": "mdformat --check",
    "pymarkdown": "pymarkdown scan",
    "server": "readmelint server (warm)",
    "init": "readmelint init --from",
    "warm": "readmelint check, warm cache",
    "python": "python -c pass",
}
CHECK = "readmelint check"
FIX = "readmelint fix --diff"
FULL = "markdown-it full parse"
BLOCK = "markdown-it block-only"
MDFORMAT = "mdformat --check"
PYMARKDOWN = "pymarkdown scan"
INIT = "readmelint init --from"
CHECK_SERIAL = "readmelint check --jobs 1"
CHECK_PARALLEL = "readmelint check --jobs 2"
SERVER = "readmelint server (warm)"
CHECK_WARM = "readmelint check, warm cache"
PYTHON = "python -c pass"
REPO_COLD = "readmelint check, first run"
REPO_WARM = "readmelint check, second run"
SERVER_SCRIPT = Path(__file__).resolve().with_name("server.py")
SERVER_ROUNDS = 20
REPO_FILES = 1000
REPO_ENTRIES = 20

_READ = (
    "import sys; from markdown_it import MarkdownIt; "
    "text = open(sys.argv[1], encoding='utf-8').read(); "
    "p = MarkdownIt('commonmark').enable(['table', 'strikethrough'])"
)
FULL_PARSE_CODE = f"{_READ}; p.parse(text)"
BLOCK_PARSE_CODE = f"{_READ}; p.disable('inline'); p.parse(text)"

CORPUS = ROOT.parent / "shared" / "corpus"
CONFIGS = Path(__file__).resolve().with_name("configs")
# Real lists of the other layouts: (label, corpus file, config, the target's issue, and
# its limit: check's time over markdown-it's full parse).
CORPUS_LISTS = (
    (
        "llm-paper-daily (tables)",
        CORPUS / "tables" / "xianshang33__llm-paper-daily__README_en.md",
        CONFIGS / "llm-paper-daily.toml",
        "27",
        1.3,
    ),
    (
        "long-context (items)",
        CORPUS / "items" / "Xnhyacinth__Awesome-LLM-Long-Context-Modeling__README.md",
        CONFIGS / "long-context.toml",
        "27",
        1.5,
    ),
)


@dataclass(frozen=True)
class Tool:
    name: str
    argv: tuple[str, ...] | None  # the command before the path; None: not installed
    ok_codes: frozenset[int]  # exit codes that mean "ran to the end" (1 = found problems)
    prime: bool = False  # run once, untimed, on each input first (to fill its cache)

    def command(self, item: Input) -> list[str]:
        assert self.argv is not None
        if item.config is not None and self.name in (CHECK, FIX, CHECK_WARM):
            return [*self.argv, "--config", str(item.config), str(item.path)]
        return [*self.argv, str(item.path)]


@dataclass(frozen=True)
class Input:
    label: str
    path: Path
    entries: int | None  # None for the real files
    config: Path | None = None  # readmelint's settings for it, if not the defaults
    issue: str = ""  # the issue whose target it measures
    limit: float = 1.0  # that target: check's time over markdown-it's full parse, at most

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass
class Result:
    tool: Tool
    input: Input
    walls: list[float] = field(default_factory=list)
    peaks: list[int] = field(default_factory=list)  # bytes
    status: str = ""  # empty when measured; otherwise why there is no figure
    killed_peak: int | None = None  # peak RSS (bytes) of a run killed at the timeout

    @property
    def wall(self) -> float | None:
        return statistics.median(self.walls) if self.walls and not self.status else None

    @property
    def peak(self) -> int | None:
        return max(self.peaks) if self.peaks and not self.status else None


@dataclass(frozen=True)
class Target:
    name: str
    measured: float | None
    limit: float | None
    unit: str
    note: str = ""
    at_least: bool = False  # the measure must reach the limit, not stay under it

    @property
    def verdict(self) -> str:
        if self.measured is None or self.limit is None:
            return "n/a"
        within = self.measured >= self.limit if self.at_least else self.measured <= self.limit
        return "PASS" if within else "FAIL"


def _script(name: str) -> str | None:
    beside = BIN / name
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which(name)


def _installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


def tools(cache: Path) -> list[Tool]:
    """The commands to time, each ``None`` where its package is not installed; ``cache``:
    the folder of the warm result cache."""
    readmelint: tuple[str, ...] | None = None
    if script := _script("readmelint"):
        readmelint = (script,)
    elif _installed("readmelint"):
        readmelint = (sys.executable, "-m", "readmelint")
    markdown_it = _installed("markdown_it")
    mdformat = _script("mdformat")
    pymarkdown = _script("pymarkdown")
    problems = frozenset({0, 1})
    return [
        Tool(CHECK, (*readmelint, "check", "--no-cache") if readmelint else None, problems),
        Tool(FIX, (*readmelint, "fix", "--diff", "--no-cache") if readmelint else None, problems),
        Tool(
            CHECK_WARM,
            (*readmelint, "check", "--cache-dir", str(cache)) if readmelint else None,
            problems,
            prime=True,
        ),
        Tool(PYTHON, (sys.executable, "-c", "pass"), frozenset({0})),
        Tool(
            FULL, (sys.executable, "-c", FULL_PARSE_CODE) if markdown_it else None, frozenset({0})
        ),
        Tool(
            BLOCK, (sys.executable, "-c", BLOCK_PARSE_CODE) if markdown_it else None, frozenset({0})
        ),
        Tool(MDFORMAT, (mdformat, "--check") if mdformat else None, problems),
        Tool(PYMARKDOWN, (pymarkdown, "scan") if pymarkdown else None, problems),
        # Inferring a config prints it (--stdout): nothing is written beside the list.
        Tool(
            INIT,
            (*readmelint, "init", "--stdout", "--from") if readmelint else None,
            frozenset({0}),
        ),
    ]


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    peak: int  # bytes
    code: int
    timed_out: bool
    stderr: str


def child_environment(folder: Path) -> dict[str, str]:
    """The environment for every timed process: bytecode caching on, outside the source tree.

    With PYTHONDONTWRITEBYTECODE set (as in some containers) an editable
    install recompiles readmelint on every start while the peers load their
    installed .pyc files: about 13 ms of start-up that no user pays. The cache
    goes to the work folder so the project tree is not written to.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment.setdefault("PYTHONPYCACHEPREFIX", str(folder / "pycache"))
    return environment


def run_once(argv: Sequence[str], timeout: float, env: dict[str, str] | None = None) -> Run:
    """Run ``argv`` once; its wall time, peak RSS and exit code.

    Output goes to /dev/null (stderr to a file, kept for error messages): a
    pipe nobody reads could fill up and stall the child.
    """
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=errors, env=env
        )
        lock = threading.Lock()
        exited = False
        killed = False

        def kill() -> None:
            nonlocal killed
            with lock:
                if not exited:  # the pid is still ours: the child is not reaped yet
                    killed = True
                    os.kill(process.pid, signal.SIGKILL)

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            # Wait without reaping, so the timer can never signal a reused pid;
            # then reap with wait4 for this child's own resource usage.
            os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
        except BaseException:  # Ctrl-C: leave no child running
            timer.cancel()
            process.kill()  # not reaped yet, so the pid is still this child's
            process.wait()
            raise
        wall = time.perf_counter() - start
        with lock:
            exited = True
        timer.cancel()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits again
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    peak = usage.ru_maxrss if sys.platform == "darwin" else usage.ru_maxrss * 1024
    return Run(wall, peak, process.returncode, killed, stderr)


def generate_inputs(sizes: Sequence[int], folder: Path, seed: int) -> list[Input]:
    inputs = []
    for size in sizes:
        path = folder / f"generated-{size}.md"
        # Written every time (seconds at most), so a kept --workdir never
        # serves a file from another seed or an older generator. The generator
        # runs as a script, so this file needs no import path set up to find it.
        subprocess.run(
            [sys.executable, str(GENERATE), str(size), "-o", str(path), "--seed", str(seed)],
            check=True,
            stdout=subprocess.DEVNULL,
        )
        inputs.append(Input(f"generated {size:,}", path, size))
    return inputs


def measure(
    tool_list: Sequence[Tool],
    inputs: Sequence[Input],
    runs: int,
    timeout: float,
    env: dict[str, str] | None = None,
) -> list[Result]:
    results: list[Result] = []
    if inputs:
        # One untimed run of each tool first: it fills the bytecode cache and
        # the page cache, which a first timed run would otherwise pay for.
        for tool in tool_list:
            if tool.argv is not None:
                run_once(tool.command(inputs[0]), timeout, env)
    timed_out: set[str] = set()  # a tool that timed out is not run on larger inputs
    for item in inputs:
        row = [Result(tool, item) for tool in tool_list]
        for result in row:
            if result.tool.argv is None:
                result.status = "not installed"
            elif result.tool.name in timed_out:
                result.status = "skipped (timed out on a smaller input)"
            elif result.tool.prime:
                run_once(result.tool.command(item), timeout, env)
        for number in range(1, runs + 1):
            for result in row:
                if result.status:
                    continue
                once = run_once(result.tool.command(item), timeout, env)
                _progress(f"run {number}/{runs}  {item.label:<18} {result.tool.name:<24}", once)
                if once.timed_out:
                    result.status = f"timed out (> {timeout:g} s)"
                    result.killed_peak = once.peak
                    timed_out.add(result.tool.name)
                elif once.code not in result.tool.ok_codes:
                    result.status = f"error (exit {once.code})"
                    tail = once.stderr.strip().splitlines()[-3:]
                    print("    " + "\n    ".join(tail), file=sys.stderr)
                else:
                    result.walls.append(once.wall)
                    result.peaks.append(once.peak)
        results.extend(row)
    return results


def _progress(what: str, once: Run) -> None:
    print(f"{what} {once.wall:7.3f} s  {once.peak / MB:6.1f} MB", file=sys.stderr, flush=True)


def _find(results: Sequence[Result], tool: str, item: Input | None) -> Result | None:
    for result in results:
        if result.tool.name == tool and item is not None and result.input == item:
            return result
    return None


def _ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def repo_tools() -> list[Tool]:
    """The commands timed on the generated repository: check serial and on 2 jobs, mdformat."""
    readmelint = _script("readmelint")
    mdformat = _script("mdformat")
    problems = frozenset({0, 1})
    return [
        Tool(
            CHECK_SERIAL,
            (readmelint, "check", "-q", "--no-cache", "--jobs", "1") if readmelint else None,
            problems,
        ),
        Tool(
            CHECK_PARALLEL,
            (readmelint, "check", "-q", "--no-cache", "--jobs", "2") if readmelint else None,
            problems,
        ),
        Tool(MDFORMAT, (mdformat, "--check") if mdformat else None, problems),
    ]


def repo_input(folder: Path, files: int, seed: int) -> Input:
    """A repository of ``files`` lists of 20 entries (benchmarks/repo.py), as one input."""
    root = folder / f"repo-{files}"
    # As a script, like the generator: this file needs no import path set up to find it.
    subprocess.run(
        [sys.executable, str(REPO), str(root), "--files", str(files), "--seed", str(seed)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    size = sum(path.stat().st_size for path in root.rglob("*.md"))
    return Input(f"repository {files:,} files ({size / MB:.1f} MB)", root, None)


def repo_targets(results: Sequence[Result], repo: Input | None) -> list[Target]:
    def wall(tool: str) -> float | None:
        found = _find(results, tool, repo)
        return found.wall if found else None

    serial, parallel = wall(CHECK_SERIAL), wall(CHECK_PARALLEL)
    note = "" if repo else "no repository"
    return [
        Target(
            "check --jobs 2 >= 1.6x faster than --jobs 1 (repository) (issue 15)",
            _ratio(serial, parallel),
            1.6,
            "x",
            note,
            at_least=True,
        ),
        Target(
            "check --jobs 2 >= 3x faster than mdformat --check (repository) (issue 15)",
            _ratio(wall(MDFORMAT), parallel),
            3.0,
            "x",
            note,
            at_least=True,
        ),
    ]


def cache_runs(
    repo: Input, cache: Path, runs: int, timeout: float, env: dict[str, str] | None
) -> list[Result]:
    """``check`` of the repository with an empty result cache, then again, ``runs`` times
    in turns (default ``--jobs``, as users run it): the first run and the second."""
    readmelint = _script("readmelint")
    problems = frozenset({0, 1})
    argv = (readmelint, "check", "-q", "--cache-dir", str(cache)) if readmelint else None
    first = Result(Tool(REPO_COLD, argv, problems), repo)
    second = Result(Tool(REPO_WARM, argv, problems), repo)
    if argv is None:
        first.status = second.status = "not installed"
        return [first, second]
    for number in range(1, runs + 1):
        shutil.rmtree(cache, ignore_errors=True)
        for result in (first, second):
            once = run_once(result.tool.command(repo), timeout, env)
            _progress(f"run {number}/{runs}  {'repository':<18} {result.tool.name:<24}", once)
            if once.timed_out or once.code not in problems:
                result.status = "timed out" if once.timed_out else f"error (exit {once.code})"
            else:
                result.walls.append(once.wall)
                result.peaks.append(once.peak)
    return [first, second]


def cache_targets(
    results: Sequence[Result], small: Input | None, repo: Input | None
) -> list[Target]:
    """Issue 27: the second check of an unchanged repository >= 5x faster than the first;
    check of an unchanged 10 KB list <= 2.5x ``python -c pass`` from a warm cache, and
    <= 3.5x without one."""

    def wall(tool: str, item: Input | None) -> float | None:
        found = _find(results, tool, item)
        return found.wall if found else None

    label = small.label if small else "no 10 KB list"
    return [
        Target(
            "second check of an unchanged repository >= 5x faster than the first (issue 27)",
            _ratio(wall(REPO_COLD, repo), wall(REPO_WARM, repo)),
            5.0,
            "x",
            "" if repo else "no repository",
            at_least=True,
        ),
        Target(
            f"check, warm cache <= 2.5x python -c pass ({label}) (issue 27)",
            _ratio(wall(CHECK_WARM, small), wall(PYTHON, small)),
            2.5,
            "x",
        ),
        Target(
            f"check --no-cache <= 3.5x python -c pass ({label}) (issue 27)",
            _ratio(wall(CHECK, small), wall(PYTHON, small)),
            3.5,
            "x",
        ),
    ]


def corpus_inputs() -> list[Input]:
    """The real lists of other layouts that are present, with their settings."""
    found = []
    for label, path, config, issue, limit in CORPUS_LISTS:
        if path.is_file() and config.is_file():
            found.append(Input(label, path, None, config, issue, limit))
        else:
            print(f"{path.name} or its config is absent: skipping it", file=sys.stderr)
    return found


def targets(
    results: Sequence[Result],
    reference: Input | None,
    generated: Sequence[Input],
    lists: Sequence[Input] = (),
) -> list[Target]:
    """The targets of the open issues. The ratio targets for generated lists are
    stated for 1,000 entries: they use the first generated size; scaling is checked
    between each size and the next (11x for 10x the entries: linear, with 10% slack)."""

    def wall(tool: str, item: Input | None) -> float | None:
        found = _find(results, tool, item)
        return found.wall if found else None

    found: list[Target] = []
    first = generated[0] if generated else None
    at = f"({first.entries:,} entries)" if first and first.entries else "(no generated input)"
    check = wall(CHECK, first)
    found.append(
        Target(
            f"check <= 0.85x markdown-it full parse {at} (issue 27)",
            _ratio(check, wall(FULL, first)),
            0.85,
            "x",
        )
    )
    found.append(
        Target(
            f"fix --diff <= 1.15x markdown-it full parse {at} (issue 27)",
            _ratio(wall(FIX, first), wall(FULL, first)),
            1.15,
            "x",
        )
    )
    found.append(
        Target(
            "check <= 1.5x mdformat --check (reference file) (issue 27)",
            _ratio(wall(CHECK, reference), wall(MDFORMAT, reference)),
            1.5,
            "x",
            "" if reference else "reference file absent",
        )
    )
    for item in lists:
        found.append(
            Target(
                f"check <= {item.limit:g}x markdown-it full parse ({item.label}) "
                f"(issue {item.issue})",
                _ratio(wall(CHECK, item), wall(FULL, item)),
                item.limit,
                "x",
            )
        )
    for item in [*([reference] if reference else []), *lists]:
        found.append(
            Target(
                f"init --from <= 0.5x check ({item.label}) (issue 21)",
                _ratio(wall(INIT, item), wall(CHECK, item)),
                0.5,
                "x",
            )
        )
    for small, large in itertools.pairwise(generated):
        if not small.entries or not large.entries:
            continue
        scale = 1.1 * large.entries / small.entries
        found.append(
            Target(
                f"check time at {large.entries:,} <= {scale:g}x check at {small.entries:,}",
                _ratio(wall(CHECK, large), wall(CHECK, small)),
                scale,
                "x",
            )
        )
    for item in [*([reference] if reference else []), *generated, *lists]:
        limit = 3 * item.size / MB + 60
        for tool in (CHECK, FIX):
            result = _find(results, tool, item)
            peak = result.peak if result else None
            note = ""
            if result and result.killed_peak and result.killed_peak / MB > limit:
                # Killed at the timeout, and already over the limit by then.
                peak, note = result.killed_peak, "at the timeout"
            found.append(
                Target(
                    f"{tool} peak RSS <= 3x file + 60 MB ({item.label})",
                    peak / MB if peak is not None else None,
                    limit,
                    " MB",
                    note,
                )
            )
    return found


@dataclass(frozen=True)
class WarmServer:
    """``benchmarks/server.py`` on one input: a change's diagnostics on a warm server and
    the CLI's in-process check of that input, timed in turns (seconds)."""

    input: Input
    median: float
    worst: float
    rounds: int
    problems: int
    check: float


def warm_server(item: Input, rounds: int) -> WarmServer:
    # As a script, like the generator: this file needs no import path set up to find it.
    done = subprocess.run(
        [sys.executable, str(SERVER_SCRIPT), str(item.path), "--rounds", str(rounds), "--json"],
        check=True,
        capture_output=True,
        text=True,
    )
    figures = json.loads(done.stdout)
    return WarmServer(item, **figures)


def warm_table(warm: Sequence[WarmServer]) -> str:
    lines = [
        _row(
            [
                "input",
                "problems",
                "change to diagnostics, median ms",
                "worst ms",
                "in-process check ms",
                "ratio",
            ]
        ),
        _row(["---", "---:", "---:", "---:", "---:", "---:"]),
    ]
    for row in warm:
        label = f"{row.input.label} ({_size(row.input.size)})"
        lines.append(
            _row(
                [
                    label,
                    str(row.problems),
                    f"{row.median * 1000:.1f}",
                    f"{row.worst * 1000:.1f}",
                    f"{row.check * 1000:.1f}",
                    f"{row.median / row.check:.2f}x",
                ]
            )
        )
    return "\n".join(lines)


def server_targets(warm: Sequence[WarmServer]) -> list[Target]:
    """Issue 23: a change's diagnostics within 30 ms on the reference file, and within the
    in-process check time on the first generated list."""
    found = []
    for row in warm:
        if row.input.entries is None:
            found.append(
                Target(
                    f"server: diagnostics <= 30 ms after a change ({row.input.label}) (issue 23)",
                    row.median * 1000,
                    30.0,
                    " ms",
                )
            )
        else:
            found.append(
                Target(
                    f"server: diagnostics <= in-process check ({row.input.label}) (issue 23)",
                    row.median / row.check,
                    1.0,
                    "x",
                )
            )
    return found


def _row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def table(results: Sequence[Result]) -> str:
    lines = [
        _row(["tool", "input", "median wall s", "min-max s", "peak RSS MB", "ratio to check"]),
        _row(["---", "---", "---:", "---:", "---:", "---:"]),
    ]
    for result in results:
        label = f"{result.input.label} ({_size(result.input.size)})"
        if result.status:
            peak = f">= {result.killed_peak / MB:.1f}" if result.killed_peak else "-"
            lines.append(_row([result.tool.name, label, result.status, "-", peak, "-"]))
            continue
        assert result.wall is not None
        assert result.peak is not None
        check = _find(results, CHECK, result.input)
        ratio = _ratio(result.wall, check.wall if check else None)
        lines.append(
            _row(
                [
                    result.tool.name,
                    label,
                    f"{result.wall:.3f}",
                    f"{min(result.walls):.3f}-{max(result.walls):.3f}",
                    f"{result.peak / MB:.1f}",
                    f"{ratio:.2f}x" if ratio is not None else "-",
                ]
            )
        )
    return "\n".join(lines)


def _size(size: int) -> str:
    return f"{size / MB:.2f} MB" if size >= MB else f"{size / 1000:.1f} KB"


def target_table(found: Sequence[Target]) -> str:
    lines = [_row(["target", "measured", "limit", "result"]), _row(["---", "---:", "---:", "---"])]
    for target in found:
        unit = target.unit
        measured = f"{target.measured:.2f}{unit}" if target.measured is not None else "-"
        limit = f"{target.limit:.2f}{unit}" if target.limit is not None else "-"
        verdict = target.verdict + (f" ({target.note})" if target.note else "")
        lines.append(_row([target.name, measured, limit, verdict]))
    return "\n".join(lines)


def _sizes(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part.replace("_", "")) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"not a comma-separated list of numbers: {text!r}"
        ) from None
    if not sizes or any(size <= 0 for size in sizes):
        raise argparse.ArgumentTypeError("sizes must be positive entry counts, e.g. 1000,10000")
    return tuple(sorted(set(sizes)))


def _tools(text: str) -> frozenset[str]:
    keys = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(keys - set(TOOL_KEYS))
    if unknown or not keys:
        raise argparse.ArgumentTypeError(
            f"unknown tool {unknown[0] if unknown else text!r}; choose from {', '.join(TOOL_KEYS)}"
        )
    return frozenset(TOOL_KEYS[key] for key in keys)


def _environment(env: dict[str, str] | None, load_before: float) -> str:
    spec = importlib.util.find_spec("readmelint")
    where = Path(spec.origin).parent if spec and spec.origin else "not installed"
    bytecode = "inherited environment" if env is None else "bytecode cache on"
    # Other work on the machine slows every tool; the load says how much there was.
    load = f"load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after"
    return (
        f"Python {platform.python_version()} on {platform.system()} {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {load}; readmelint from {where}; {bytecode}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Time readmelint and its peers as whole processes."
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per tool and input (default 5)")
    parser.add_argument(
        "--sizes",
        type=_sizes,
        default=DEFAULT_SIZES,
        help="generated list sizes in entries (default 1000,10000)",
    )
    parser.add_argument(
        "--quick",
        action="store_true",
        help=f"sizes {','.join(map(str, QUICK_SIZES))} and 1 run: proves the script works, "
        "its figures mean nothing",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=120.0,
        help="seconds before one run is killed (default 120); pymarkdown is quadratic",
    )
    parser.add_argument(
        "--tools",
        type=_tools,
        default=frozenset(TOOL_KEYS.values()),
        help=f"comma-separated subset of {','.join(TOOL_KEYS)} (default: all)",
    )
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument(
        "--repo",
        type=int,
        default=REPO_FILES,
        help=f"files in the generated repository for the folder targets (default {REPO_FILES}; "
        "0 leaves it out)",
    )
    parser.add_argument(
        "--workdir", type=Path, help="keep the generated files here (default: a temporary folder)"
    )
    parser.add_argument("--reference", type=Path, default=REFERENCE, help="the reference file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target fails")
    parser.add_argument(
        "--inherit-env",
        action="store_true",
        help="run the tools in this environment as it is (by default bytecode caching is "
        "turned on for them, in the work folder)",
    )
    args = parser.parse_args(argv)
    runs = 1 if args.quick else args.runs
    sizes = QUICK_SIZES if args.quick else args.sizes
    if runs < 1:
        parser.error("--runs must be at least 1")

    load_before = os.getloadavg()[0]
    reference = None
    if args.reference.is_file():
        reference = Input("reference file", args.reference, None)
    else:
        print(f"reference file {args.reference} is absent: skipping it", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="readmelint-bench-") as scratch:
        folder = args.workdir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        generated = generate_inputs(sizes, folder, args.seed)
        lists = [] if args.quick else corpus_inputs()
        inputs = [*([reference] if reference else []), *generated, *lists]
        tool_list = [tool for tool in tools(folder / "cache") if tool.name in args.tools]
        warm: list[WarmServer] = []
        if SERVER in args.tools:
            first = generated[:1] if not args.quick else generated[-1:]
            warm = [
                warm_server(item, 3 if args.quick else SERVER_ROUNDS)
                for item in [*([reference] if reference else []), *first]
            ]
        env = None if args.inherit_env else child_environment(folder)
        results = measure(tool_list, inputs, runs, args.timeout, env)
        found = targets(results, reference, generated, lists) + server_targets(warm)
        repo_files = 20 if args.quick else args.repo
        repo = repo_input(folder, repo_files, args.seed) if repo_files else None
        if repo is not None:
            repo_results = measure(repo_tools(), [repo], runs, args.timeout * 10, env)
            if CHECK_WARM in args.tools:
                cache = folder / "repo-cache"
                repo_results += cache_runs(repo, cache, runs, args.timeout * 10, env)
            results = [*results, *repo_results]
            found += repo_targets(repo_results, repo)
        small = reference or (generated[0] if generated else None)
        found += cache_targets(results, small, repo)
        print(f"## readmelint benchmarks: median of {runs} whole-process run(s)\n")
        print(_environment(env, load_before) + "\n")
        if args.quick:
            print("Quick run (tiny inputs, 1 run): the figures say nothing about speed.\n")
        if reference is None:
            print(f"Reference file {args.reference} absent: its rows and target are skipped.\n")
        print(table(results))
        if warm:
            print("\n### Warm server\n")
            print(warm_table(warm))
        print("\n### Targets\n")
        print(target_table(found))

    broken = [r for r in results if r.tool.name in (CHECK, FIX) and r.status.startswith("error")]
    if broken:
        print(f"\nreadmelint failed on {len(broken)} input(s); see stderr", file=sys.stderr)
        return 1
    if args.strict and any(target.verdict == "FAIL" for target in found):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
