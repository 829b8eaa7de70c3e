"""The result cache (``.readmelint_cache``): a file checked before, unchanged, is answered
from it, with the same output; anything its result depends on that changed is a miss;
a broken or unwritable cache is no error; ``fix`` writes nothing for a file the cache
knows it leaves as it is.

Every other test runs with the cache off (tests/conftest.py); these turn it on. Whether
a run was answered from the cache is seen by counting the calls of the runner's
``_check`` and ``fix_source`` (a hit calls neither), and in a real process by the modules it
loaded (tests/test_startup.py).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

import readmelint.cache
import readmelint.runner
from benchmarks.generate import generate
from readmelint.cli import main
from readmelint.runner import ConfigResolver, check_path
from readmelint.schema import bundled_schema_text

BROKEN = generate(5, defects=True)  # fixable problems and others
CLEAN = generate(5, defects=False)
FUTURE = CLEAN.replace("**Submission Date:** 2023", "**Submission Date:** 2999", 1)
DAY = "2026-12-07"


@dataclass
class Calls:
    check: int = 0
    fix: int = 0


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Calls:
    """The cache on, the working directory a fresh folder, and the checks and fixes
    that were not answered from the cache counted."""
    monkeypatch.delenv("READMELINT_NO_CACHE", raising=False)
    monkeypatch.chdir(tmp_path)
    counted = Calls()
    check, fix = readmelint.runner._check, readmelint.runner.fix_source

    def counting_check(*args: object, **kwargs: object) -> object:
        counted.check += 1
        return check(*args, **kwargs)  # type: ignore[arg-type]

    def counting_fix(*args: object, **kwargs: object) -> object:
        counted.fix += 1
        return fix(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(readmelint.runner, "_check", counting_check)
    monkeypatch.setattr(readmelint.runner, "fix_source", counting_fix)
    return counted


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


def entries(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.parent.name == readmelint.__version__)


def test_a_second_check_is_answered_from_the_cache_with_the_same_output(
    calls: Calls, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    for output in ("text", "json", "sarif", "github"):
        first = run("check", "--output-format", output, "README.md")
        again = run("check", "--output-format", output, "README.md")
        fresh = run("check", "--no-cache", "--output-format", output, "README.md")
        assert first[0] == 1
        assert first == again == fresh
    assert calls.check == 1 + 4  # once to fill the cache, then only with --no-cache
    cache = tmp_path / ".readmelint_cache"
    assert (cache / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172")
    assert len(entries(cache)) == 1


def test_the_cache_ignores_itself_in_git(calls: Calls, tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(CLEAN, "utf-8")
    assert run("check", "docs/README.md")[0] == 0
    assert (tmp_path / ".readmelint_cache").is_dir()  # the top of the work tree
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert status.splitlines() == ["?? docs/README.md"]


def test_the_cache_is_beside_the_config_in_use(
    calls: Calls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    (project / "lists").mkdir(parents=True)
    (project / ".readmelint.toml").write_text("duplicates = 'section'\n", "utf-8")
    (project / "lists" / "README.md").write_text(CLEAN, "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert run("check", str(project / "lists" / "README.md"))[0] == 0
    assert len(entries(project / ".readmelint_cache")) == 1
    assert not (elsewhere / ".readmelint_cache").exists()


@pytest.mark.parametrize("where", ["--cache-dir", "cache-dir"])
def test_the_cache_can_be_moved(calls: Calls, tmp_path: Path, where: str) -> None:
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    args = ["check", "README.md"]
    if where == "--cache-dir":
        args += ["--cache-dir", str(tmp_path / "moved")]
    else:
        (tmp_path / ".readmelint.toml").write_text('cache-dir = "moved"\n', "utf-8")
    run(*args)
    run(*args)
    assert calls.check == 1
    assert len(entries(tmp_path / "moved")) == 1
    assert not (tmp_path / ".readmelint_cache").exists()


@pytest.mark.parametrize("how", ["--no-cache", "READMELINT_NO_CACHE", "cache = false"])
def test_the_cache_can_be_turned_off(
    calls: Calls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    args = ["check", "README.md"]
    if how == "--no-cache":
        args.append(how)
    elif how == "READMELINT_NO_CACHE":
        monkeypatch.setenv(how, "1")
    else:
        (tmp_path / ".readmelint.toml").write_text(how + "\n", "utf-8")
    assert run(*args)[0] == run(*args)[0] == 1
    assert run("fix", "--check", *args[1:])[0] == 1
    assert (calls.check, calls.fix) == (2, 1)
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        ["README.md", *([".readmelint.toml"] if how.startswith("cache") else [])]
    )


def test_a_wrong_cache_setting_is_a_config_error(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    (tmp_path / ".readmelint.toml").write_text('cache = "no"\n', "utf-8")
    status, _, stderr = run("check", "README.md")
    assert status == 2
    assert stderr == f"readmelint: {tmp_path / '.readmelint.toml'}: cache must be true or false\n"
    (tmp_path / ".readmelint.toml").write_text("cache-dir = 1\n", "utf-8")
    status, _, stderr = run("check", "README.md")
    assert (status, stderr.split(": ", 2)[2]) == (2, "cache-dir must be a string, not int\n")
    assert not (tmp_path / ".readmelint_cache").exists()


def test_what_the_result_depends_on_misses_when_it_changes(calls: Calls, tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BROKEN, "utf-8")
    schema = tmp_path / "my.schema.json"
    schema.write_text(bundled_schema_text(), "utf-8")
    config = tmp_path / ".readmelint.toml"
    config.write_text('schema = "my.schema.json"\n', "utf-8")
    misses = 0

    def check(*args: str, changed: bool) -> None:
        nonlocal misses
        before = calls.check
        run("check", *args, "README.md")
        misses += changed
        assert calls.check - before == changed, (args, changed)

    check(changed=True)
    check(changed=False)
    readme.write_text(BROKEN + "\n", "utf-8")  # the file's bytes
    check(changed=True)
    config.write_text('schema = "my.schema.json"\nduplicates = "section"\n', "utf-8")
    check(changed=True)  # the config's bytes
    schema.write_text(schema.read_text("utf-8").replace('"Paper"', '"Paper" '), "utf-8")
    check(changed=True)  # the schema's bytes
    check("--select", "RL1", changed=True)
    check("--ignore", "RL1", changed=True)
    check("--ignore", "RL1", changed=False)
    other = tmp_path / "other.schema.json"
    other.write_text(schema.read_text("utf-8"), "utf-8")
    check("--schema", str(other), changed=True)
    other.write_text(schema.read_text("utf-8") + "\n", "utf-8")
    check("--schema", str(other), changed=True)
    check(changed=False)
    assert calls.check == misses


def test_a_new_readmelint_misses(
    calls: Calls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The version, readmelint's own files and the installed packages are all in the key."""
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    run("check", "README.md")
    run("check", "README.md")
    assert calls.check == 1
    code = readmelint.cache.environment()
    assert f"{Path(readmelint.cache.__file__)} " in code.decode()
    monkeypatch.setattr(readmelint.cache, "environment", lambda: code + b"\nanother version")
    run("check", "README.md")
    assert calls.check == 2


def test_a_result_holds_for_its_day_and_later_days_only_without_future_dates(
    calls: Calls, tmp_path: Path
) -> None:
    (tmp_path / "past.md").write_text(CLEAN, "utf-8")
    (tmp_path / "future.md").write_text(FUTURE, "utf-8")
    for name, later_too in (("past.md", True), ("future.md", False)):
        before = calls.check
        first = run("check", "--today", DAY, name)
        assert run("check", "--today", DAY, name) == first
        assert calls.check == before + 1
        later = run("check", "--today", "2027-01-05", name)
        assert calls.check == before + 1 + (not later_too)
        assert later == run("check", "--no-cache", "--today", "2027-01-05", name)
        run("check", "--today", "2026-12-06", name)  # an earlier day: always checked
        assert calls.check == before + 2 + (not later_too) + 1
    assert "RL303" in run("check", "--today", DAY, "future.md")[1]


def test_a_corrupt_entry_is_checked_afresh_and_replaced(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    first = run("check", "README.md")
    (entry,) = entries(tmp_path / ".readmelint_cache")
    good = entry.read_bytes()
    known = json.loads(good)
    wrong_rows = {**known, "check": {**known["check"], "found": [["x", 1]]}}
    wrong_day = {**known, "check": {**known["check"], "day": "someday"}}
    for bad in (
        b"",
        b"\xff\xfe",
        good[: len(good) // 2],
        b"[]",
        b'{"content": 1}',
        json.dumps(wrong_rows).encode(),
        json.dumps(wrong_day).encode(),
    ):
        entry.write_bytes(bad)
        assert run("check", "README.md") == first
        assert json.loads(entry.read_bytes()) == json.loads(good)
    assert calls.check == 1 + 7


def test_a_cache_that_cannot_be_written_is_no_error(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "a-file").write_text("", "utf-8")
    first = run("check", "--no-cache", "README.md")
    args = ["--cache-dir", str(tmp_path / "a-file" / "cache"), "README.md"]
    assert run("check", *args) == run("check", *args) == first
    assert run("fix", "--check", *args)[0] == 1
    assert calls.check == 3


def test_fix_writes_nothing_to_a_file_it_knows_is_clean(
    calls: Calls, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(BROKEN, "utf-8")
    assert run("fix", "--check", "README.md")[0] == 1
    assert run("fix", "--check", "README.md")[0] == 1  # known: it would change
    assert calls.fix == 1
    assert run("fix", "README.md")[2].startswith("fixed README.md\n")  # writes: not known
    assert calls.fix == 2
    fixed = readme.read_bytes()
    before = readme.stat().st_mtime_ns

    def no_writing(*args: object) -> None:
        raise AssertionError("fix wrote a file the cache knows it leaves as it is")

    monkeypatch.setattr(readmelint.runner, "_write", no_writing)
    first = run("fix", "README.md")  # checked, and found clean
    for args in (["fix"], ["fix"], ["fix", "--check"], ["fix", "--diff"], ["check", "--fix"]):
        assert run(*args, "README.md")[0] in (0, 1)
    assert calls.fix == 3
    assert first[2] == run("fix", "--no-cache", "README.md")[2]  # what needs a person
    assert readme.read_bytes() == fixed
    assert readme.stat().st_mtime_ns == before


def test_check_fix_reports_from_the_cache_what_check_does(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    run("fix", "README.md")
    assert run("check", "--fix", "README.md") == run("check", "--fix", "README.md")
    assert run("check", "--fix", "README.md") == run("check", "--no-cache", "README.md")
    assert calls.fix == 2


def test_fix_with_output_format_reports_the_same_from_the_cache(
    calls: Calls, tmp_path: Path
) -> None:
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    run("fix", "README.md")
    for args in (["fix", "--output-format", "json"], ["fix", "--check", "--output-format", "text"]):
        assert run(*args, "README.md") == run(*args, "README.md")
        assert run(*args, "README.md") == run(*args, "--no-cache", "README.md")


def test_standard_input_is_never_cached(calls: Calls, tmp_path: Path) -> None:
    for _ in range(2):
        result = CliRunner().invoke(main, ["check", "-"], input=BROKEN)
        assert result.exit_code == 1
    assert calls.check == 2
    assert not (tmp_path / ".readmelint_cache").exists()


def test_a_broken_config_is_reported_and_caches_nothing(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(CLEAN, "utf-8")
    (tmp_path / "b.md").write_text(CLEAN, "utf-8")
    (tmp_path / ".readmelint.toml").write_text("entry-levels = 9\n", "utf-8")
    for _ in range(2):
        status, stdout, stderr = run("check", "--jobs", "1", "a.md", "b.md")
        assert (status, stdout) == (2, "")
        assert len(stderr.splitlines()) == 2, stderr  # a line for each file
    assert not (tmp_path / ".readmelint_cache").exists()


def test_library_callers_and_the_server_keep_no_cache(calls: Calls, tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    assert check_path("README.md", ConfigResolver()).value == []
    assert not (tmp_path / ".readmelint_cache").exists()


def test_parallel_runs_share_the_cache(tmp_path: Path) -> None:
    """--jobs 2 twice at once, then again from the cache: the output of one fresh run,
    every time, and no temporary file left."""
    for number in range(40):
        text = BROKEN if number % 3 else CLEAN
        (tmp_path / f"list-{number:02d}.md").write_text(text.replace("MonoNet", f"N{number}"))
    environment = {k: v for k, v in os.environ.items() if k != "READMELINT_NO_CACHE"}
    command = [sys.executable, "-m", "readmelint", "check", "-q", "--jobs", "2", "."]

    def start() -> subprocess.Popen[str]:
        return subprocess.Popen(
            command, cwd=tmp_path, env=environment, stdout=subprocess.PIPE, text=True
        )

    fresh = subprocess.run(
        [*command, "--no-cache"], cwd=tmp_path, capture_output=True, text=True, check=False
    ).stdout
    assert fresh.count("\n") > 40
    runs = [start(), start()]
    outputs = [process.communicate()[0] for process in runs]
    outputs.append(start().communicate()[0])
    assert outputs == [fresh] * 3
    cache = tmp_path / ".readmelint_cache"
    assert len(entries(cache)) == 40
    assert not [path for path in cache.rglob("*") if path.name.endswith(".tmp")]
