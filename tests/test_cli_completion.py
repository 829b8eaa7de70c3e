"""Shell completion, as the README says to enable it: click writes the script for bash, zsh
and fish (``_READMELINT_COMPLETE=SHELL_source readmelint``). Bash completes for real here;
zsh and fish check their script's syntax where they are installed."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.readme import blocks_for

# readmelint as the shell finds it: this interpreter's console script.
ENV = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}


def _lines() -> dict[str, str]:
    """The README's line for each shell, by the shell its comment names."""
    (block,) = blocks_for(__file__)
    lines: dict[str, str] = {}
    shell = None
    for line in block.text.splitlines():
        if line.startswith("#"):
            shell = line[1:].split(":")[0].strip()
        elif line.strip():
            assert shell is not None, line
            lines[shell] = line
    return lines


def test_the_readme_says_how_for_bash_zsh_and_fish() -> None:
    assert set(_lines()) == {"bash", "zsh", "fish"}


def _script(shell: str) -> str:
    """What the README's line for ``shell`` makes readmelint print: the completion script."""
    line = _lines()[shell]
    inner = re.search(r"\$\((.*)\)", line) or re.search(r"^(.*?)\s*\|\s*source$", line)
    assert inner, line
    done = subprocess.run(
        inner.group(1), shell=True, env=ENV, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip(), f"no script for {shell}: {done.stderr}"
    return done.stdout


def bash_completes(words: list[str]) -> list[str]:
    """What bash offers after ``words`` (the last one being typed), with the README's line."""
    script = (
        _lines()["bash"]
        + "\n"
        + f"COMP_WORDS=({' '.join(words)}); COMP_CWORD={len(words) - 1}\n"
        + "_readmelint_completion readmelint\n"
        + 'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", script], env=ENV, capture_output=True, text=True, check=True
    )
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_bash_completes_commands_and_options() -> None:
    assert "check" in bash_completes(["readmelint", "ch"])
    assert set(bash_completes(["readmelint", "check", "--ex"])) == {"--exit-zero"}
    assert "--statistics" in bash_completes(["readmelint", "check", "--"])
    assert sorted(bash_completes(["readmelint", "check", "--color", "a"])) == ["always", "auto"]


@pytest.mark.parametrize(("shell", "mark"), [("zsh", "compdef"), ("fish", "complete")])
def test_zsh_and_fish_scripts(shell: str, mark: str) -> None:
    script = _script(shell)
    assert mark in script
    assert "_READMELINT_COMPLETE" in script
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed: its script was made, its syntax not checked")
    subprocess.run([shell, "-n"], input=script, text=True, check=True)


@pytest.mark.parametrize("command", ["check", "fix", "export", "stats", "show", "config"])
def test_paths_complete_as_files(command: str) -> None:
    """click answers `file`: the shell then offers the files and folders it sees."""
    asked = {
        **ENV,
        "COMP_WORDS": f"readmelint {command} exa",
        "COMP_CWORD": "2",
        "_READMELINT_COMPLETE": "bash_complete",
    }
    done = subprocess.run(["readmelint"], env=asked, capture_output=True, text=True, check=True)
    assert done.stdout.splitlines() == ["file,exa"]
