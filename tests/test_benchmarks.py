"""benchmarks/: the generator's promises, and that the runner runs. Never any timing assertion:
speed depends on the machine, so the figures are for people to read in the printed table."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.generate import generate
from readmelint.check import check_text
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import ROOT

BENCHMARKS = ROOT / "benchmarks"


def test_same_seed_same_text() -> None:
    assert generate(60, seed=7) == generate(60, seed=7)
    assert generate(60, seed=7, defects=False) == generate(60, seed=7, defects=False)


def test_other_seed_other_text() -> None:
    assert generate(60, seed=7) != generate(60, seed=8)


def test_text_does_not_depend_on_hash_seed() -> None:
    # Iterating a set of strings would make the output change with PYTHONHASHSEED.
    script = "import sys; from benchmarks.generate import generate; sys.stdout.write(generate(40))"
    outputs = {
        subprocess.run(
            [sys.executable, "-c", script],
            cwd=ROOT,
            env={"PYTHONHASHSEED": seed, "PATH": ""},
            capture_output=True,
            text=True,
            encoding="utf-8",
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert outputs == {generate(40)}


@pytest.mark.parametrize("defects", [True, False])
@pytest.mark.parametrize("entries", [0, 1, 7, 120])
def test_parse_finds_every_entry(entries: int, defects: bool) -> None:
    assert len(parse(generate(entries, seed=3, defects=defects)).entries) == entries


def test_clean_list_has_no_problems() -> None:
    assert check_text(generate(80, seed=5, defects=False), Settings()) == []


def test_defects_are_the_ones_real_lists_have() -> None:
    codes = Counter(d.code for d in check_text(generate(300, seed=0), Settings()))
    # missing, empty, bad date, field order, label drift, blank lines, entry order, whitespace
    for code in ("RL001", "RL002", "RL003", "RL101", "RL102", "RL103", "RL104", "RL105"):
        assert codes[code] > 0, f"{code} never produced: {codes}"


def test_reference_layout() -> None:
    text = generate(30, seed=1)
    assert text.startswith('<div align="center">')
    assert "\n# " in text
    assert "\n## " in text
    # Badge lines under Paper, joined by two-space hard breaks.
    assert ")  \n  [![Star](" in text
    assert "**Personal note**:" in text
    assert any("\u4e00" <= char <= "\u9fff" for char in text)


def test_thousand_entries_is_about_two_megabytes() -> None:
    # The size the speed targets are stated for (1.9 MB); a size, not a time.
    size = len(generate(1000).encode("utf-8"))
    assert 1_700_000 < size < 2_100_000


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError, match="n_entries"):
        generate(-1)


def test_script_writes_what_the_function_returns(tmp_path: Path) -> None:
    target = tmp_path / "list.md"
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "generate.py"), "25", "-o", str(target), "--seed", "4"],
        check=True,
        capture_output=True,
    )
    assert target.read_bytes().decode("utf-8") == generate(25, seed=4)


def test_runner_quick_prints_the_table(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(BENCHMARKS / "run.py"),
            "--quick",
            "--workdir",
            str(tmp_path),
            # The tools whose rows and targets are asserted below (the others, such as
            # pymarkdown and mdformat, are whole processes timed the same way).
            "--tools",
            "check,fix,full,warm,python,server",
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "| tool | input | median wall s |" in out
    for tool in ("readmelint check", "readmelint fix --diff", "markdown-it full parse"):
        assert f"| {tool} | generated 10 " in out
    assert "### Targets" in out
    assert "check <= 0.85x markdown-it full parse" in out
    for tool in ("readmelint check, warm cache", "python -c pass"):
        assert f"| {tool} | generated 10 " in out
    for tool in ("readmelint check, first run", "readmelint check, second run"):
        assert f"| {tool} | repository 20 files " in out
    assert "second check of an unchanged repository >= 5x faster than the first" in out
    assert "check, warm cache <= 2.5x python -c pass" in out
    assert "(generated 50)" in out
    assert "server: diagnostics <= in-process check (generated 50) (issue 23)" in out
    assert "error (exit" not in out
