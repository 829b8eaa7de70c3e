"""The README runs: every example that shows a command, a configuration or an output.

How a fenced block of README.md is tested (write new examples to fit):

- ``console``: each ``$ COMMAND`` line runs through ``sh`` in a fresh copy of the
  repository (its tracked files; the commands of one block share one copy), and the lines
  up to the next ``$`` are what it prints, stdout and stderr together, compared exactly;
  ``...`` stands for any text (doctest's ELLIPSIS), so a long output may end in a ``...``
  line or leave lines out.
- ``sh``: each command line runs the same way and must exit 0 or 1 (1: it found
  problems), never 2 or 3; its output is not compared. A block that pip-installs needs
  PyPI and is marked ``install``.
- ``toml``: its first line is a comment naming the file (``# .readmelint.toml``). A file
  of the repository is exactly the rest of the block; any other name is written in a new
  folder where ``readmelint init`` ran, and must load as a configuration.
- ``json``: an entry as the schema sees it, valid by the bundled schema but for the
  required fields that a ``...`` key leaves out.
- ``python``: runs in a fresh copy of the repository without an error.
- ``markdown`` and blocks without a language are lists and diagrams: not run.

Any other block (``text``, ``bibtex``, ``yaml`` ...) needs a marker, an HTML comment on
the line right above its fence (in a list item, indented with it); so may a block above:

- ``<!-- readme-test: output of `COMMAND` -->``: the block is part of what COMMAND prints
  in a fresh copy (``...`` as above);
- ``<!-- readme-test: tested by tests/test_NAME.py -->``: that module runs the block
  (it takes it with ``tests.readme.blocks_for(__file__)``);
- ``<!-- readme-test: skip: REASON -->``: illustrative only, not run. Keep these few
  (at most ``MOST_SKIPPED``): an example that can run, runs.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from readmelint.cli import main
from readmelint.config import load_config
from readmelint.schema import bundled_schema
from tests.helpers import ROOT
from tests.readme import Block, blocks, blocks_for, option_table

RUN_HERE = {"console", "sh", "toml", "json", "python"}
NOT_EXAMPLES = {"", "markdown"}
MOST_SKIPPED = 1
# The shell the examples run in: this interpreter's scripts (readmelint) first, output
# unbuffered so that stdout and stderr interleave as on a terminal, no colour forced, and
# the result cache on, as a user has it (each example's copy starts without one).
UNSET = ("FORCE_COLOR", "NO_COLOR", "CI", "READMELINT_NO_CACHE")
ENV = {
    **{k: v for k, v in os.environ.items() if k not in UNSET},
    "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    "PYTHONUNBUFFERED": "1",
}


def _repository_files() -> list[str]:
    """The files a fresh clone has: git's tracked ones and new ones it does not ignore."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip(f"{ROOT} is not a git checkout: the README's examples run in a clone")
    return [name for name in listed.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's files, copied once; each test copies them again to work in."""
    target = tmp_path_factory.mktemp("clone") / "readmelint"
    for name in _repository_files():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture
def copy(clone: Path, tmp_path: Path) -> Path:
    target = tmp_path / "readmelint"
    shutil.copytree(clone, target, symlinks=True)
    return target


def shell(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        shell=True,
        cwd=cwd,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )


def matches(want: str, got: str) -> bool:
    return doctest.OutputChecker().check_output(want, got, doctest.ELLIPSIS)


def console_commands(text: str) -> list[tuple[str, str]]:
    """Each ``$ COMMAND`` of a console block and the output shown under it."""
    commands: list[tuple[str, list[str]]] = []
    for line in text.splitlines(keepends=True):
        if line.startswith("$ "):
            commands.append((line[2:].strip(), []))
        else:
            assert commands, f"output before the first `$ ` command: {line!r}"
            commands[-1][1].append(line)
    return [(command, "".join(shown)) for command, shown in commands]


def _id(block: Block) -> str:
    return f"line{block.line}-{block.language or 'plain'}"


def _param(block: Block) -> object:
    marks = [pytest.mark.install] if "pip install" in block.text else []
    return pytest.param(block, id=_id(block), marks=marks)


RUN = [_param(b) for b in blocks() if b.language in RUN_HERE and b.marker is None]
OUTPUTS = [_param(b) for b in blocks() if (b.marker or "").startswith("output of ")]


def test_every_example_is_run_or_marked() -> None:
    unmarked = [
        str(block)
        for block in blocks()
        if block.marker is None and block.language not in RUN_HERE | NOT_EXAMPLES
    ]
    assert not unmarked, f"blocks no test runs: mark them (see {__name__}'s docstring)"
    for block in blocks():
        marker = block.marker or ""
        if marker.startswith("tested by "):
            module = ROOT / marker.removeprefix("tested by ")
            assert module.is_file(), f"{block}: {module} does not exist"
            assert "blocks_for(" in module.read_text("utf-8"), f"{module} reads no block"
        elif marker.startswith("output of "):
            assert marker.count("`") == 2, f"{block}: write the command in backticks"
        elif marker:
            assert marker.startswith("skip: "), f"{block}: unknown marker {marker!r}"
    skipped = [str(block) for block in blocks() if (block.marker or "").startswith("skip: ")]
    assert len(skipped) <= MOST_SKIPPED, f"too many examples not run: {skipped}"


@pytest.mark.parametrize("block", RUN)
def test_example_runs(block: Block, copy: Path, tmp_path: Path) -> None:
    run = {
        "console": _console,
        "sh": _sh,
        "toml": _toml,
        "json": _json,
        "python": _python,
    }[block.language]
    run(block, copy, tmp_path)


def _console(block: Block, copy: Path, tmp_path: Path) -> None:
    for command, shown in console_commands(block.text):
        printed = shell(command, copy).stdout
        assert matches(shown, printed), f"{block}: `{command}` printed:\n{printed}"


def _sh(block: Block, copy: Path, tmp_path: Path) -> None:
    for line in block.text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        done = shell(line, copy)
        assert done.returncode in (0, 1), (
            f"{block}: `{line}` exit {done.returncode}:\n{done.stdout}"
        )


def _toml(block: Block, copy: Path, tmp_path: Path) -> None:
    first, _, body = block.text.partition("\n")
    assert first.startswith("# "), f"{block}: start with a comment naming the file"
    name = first.removeprefix("# ").strip()
    path = copy / name
    if path.is_file():
        assert path.read_text("utf-8") == body, f"{block} is not {name} as it is"
    else:
        folder = tmp_path / "new"
        folder.mkdir()
        done = shell("readmelint init", folder)
        assert done.returncode == 0, done.stdout
        path = folder / name
        path.write_text(block.text, "utf-8")
    load_config(path)  # raises on any error in it


def _json(block: Block, copy: Path, tmp_path: Path) -> None:
    entry = json.loads(block.text)
    entry.pop("...", None)
    entry.get("fields", {}).pop("...", None)
    # What is shown must be valid; what `...` leaves out may be required.
    errors = [e.message for e in bundled_schema().errors(entry) if e.validator != "required"]
    assert not errors, f"{block}: {errors}"


def _python(block: Block, copy: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-"], input=block.text, cwd=copy, capture_output=True, text=True
    )
    assert done.returncode == 0, f"{block}:\n{done.stderr}"


@pytest.mark.parametrize("block", OUTPUTS)
def test_output_shown_is_printed(block: Block, copy: Path) -> None:
    command = (block.marker or "").split("`")[1]
    printed = shell(command, copy).stdout
    assert matches("...\n" + block.text + "...", "\n" + printed), (
        f"{block} is not in what `{command}` prints:\n{printed}"
    )


def test_the_test_command_is_what_ci_runs() -> None:
    (block,) = (b for b in blocks_for(__file__) if b.language == "sh")
    ci = (ROOT / ".ci" / "run").read_text("utf-8").splitlines()
    assert block.text.strip() in ci


def test_the_command_list_names_every_command() -> None:
    (block,) = (b for b in blocks_for(__file__) if b.language == "text")
    listed = [line.split()[1] for line in block.text.splitlines() if line.strip()]
    assert sorted(listed) == sorted(all_commands())
    for line in block.text.splitlines():
        command = line.split()[1]
        usage = (
            CliRunner()
            .invoke(main, [command, "--help"], prog_name="readmelint")
            .output.splitlines()[0]
        )
        assert usage.startswith(f"Usage: readmelint {command}"), usage


def all_commands() -> dict[str, click.Command]:
    """Every command of the group, imported (the group imports each when it is used)."""
    context = click.Context(main)
    found = {name: main.get_command(context, name) for name in main.list_commands(context)}
    return {name: command for name, command in found.items() if command is not None}


def _options_of(command: click.Command, name: str) -> dict[frozenset[str], set[str]]:
    # The group's context settings (-h for help) reach each command through its parent.
    root = click.Context(main, info_name="readmelint", **main.context_settings)
    context = root if command is main else click.Context(command, info_name=name, parent=root)
    return {
        frozenset(param.opts + param.secondary_opts): {name}
        for param in command.get_params(context)
        if isinstance(param, click.Option)
    }


def test_the_option_table_lists_every_flag_once_as_help_does() -> None:
    """Each row: an option's names (`--jobs N`, `-j N`) and every command taking it."""
    commands = {"readmelint": main, **all_commands()}
    actual: dict[frozenset[str], set[str]] = {}
    for name, command in commands.items():
        for names, taking in _options_of(command, name).items():
            actual.setdefault(names, set()).update(taking)
    listed: dict[frozenset[str], set[str]] = {}
    for names_cell, commands_cell in option_table():
        names = frozenset(re.findall(r"`(-[-\w]*\w)", names_cell))
        assert names, names_cell
        assert not any(names & other for other in listed), f"{names_cell} listed twice"
        taking = {word for word in re.findall(r"[a-z-]+", commands_cell) if word in commands}
        if "every command" in commands_cell:
            taking |= set(commands)
        listed[names] = taking
    assert listed == actual
