"""Every example of the README's "Adding a paper", run against the loopback server on a
copy of examples/: the command as shown, its output as shown."""

from __future__ import annotations

import re
import shlex
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from tests.helpers import ROOT
from tests.loopback import Loopback, serving
from tests.readme import blocks_for


def _examples() -> list[tuple[str, str]]:
    """Each ``$ COMMAND`` of the blocks marked for this module, and its output."""
    found: list[tuple[str, str]] = []
    for block in blocks_for(__file__):
        for command in re.split(r"^(?=\$ )", block.text, flags=re.M):
            if command.strip():
                line, _, output = command.partition("\n")
                found.append((line.removeprefix("$ "), output))
    return found


EXAMPLES = _examples()


def test_there_is_an_example_for_every_kind_of_source() -> None:
    commands = " ".join(command for command, _ in EXAMPLES)
    for kind in (
        "add 2402.12226",
        "arXiv:hep-th/",
        "https://arxiv.org/abs/",
        "doi.org/",
        ".bib",
        "add - ",
    ):
        assert kind in commands


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    with serving() as server:
        yield server


@pytest.mark.parametrize(("command", "output"), EXAMPLES, ids=[c for c, _ in EXAMPLES])
def test_readme_example(
    command: str, output: str, loopback: Loopback, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    monkeypatch.chdir(tmp_path)
    arguments = shlex.split(command)
    stdin = None
    if "<" in arguments:
        at = arguments.index("<")
        stdin = Path(arguments[at + 1]).read_text("utf-8")
        arguments = arguments[:at]
    assert arguments[0] == "readmelint"
    env = {**loopback.environment(), "READMELINT_CACHE_DIR": str(tmp_path / "cache")}
    result = CliRunner().invoke(main, arguments[1:], env=env, input=stdin)
    assert result.output == output
    assert result.exit_code == (1 if "is in the list already" in output else 0)
    unchanged = [tmp_path / "examples" / name for name in ("README.md", "items/README.md")]
    for path in unchanged:  # --diff and --check write nothing
        assert path.read_bytes() == (ROOT / path.relative_to(tmp_path)).read_bytes()
