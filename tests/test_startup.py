"""Start-up: ``check`` on one small README imports nothing it does not use.

A pre-commit run on one README is mostly interpreter start-up and imports, so the
diff machinery (only ``fix --diff`` needs it), export, stats and the worker pool
(only runs of several files with several jobs) stay out of it. Measured with
``python -X importtime`` in a fresh interpreter, which also says which module
imported each one.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from benchmarks.generate import generate


@dataclass(frozen=True)
class Imported:
    name: str
    by: str | None  # the module whose import statement loaded it; None at the top level


def imports(*args: str, cwd: Path) -> dict[str, Imported]:
    """Every module ``python -X importtime -m readmelint ARGS`` imports, and by whom."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "readmelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    rows = []
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        name_column = line.rsplit("|", 1)[1]
        if name_column.strip() == "imported package":  # the header
            continue
        depth = (len(name_column) - len(name_column.lstrip(" "))) // 2
        rows.append((depth, name_column.strip()))
    found: dict[str, Imported] = {}
    # A module's own imports are printed before it, one level deeper.
    for index, (depth, name) in enumerate(rows):
        parent = next((other for level, other in rows[index + 1 :] if level < depth), None)
        found.setdefault(name, Imported(name, parent))
    return found


@pytest.fixture(scope="module")
def one_readme(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Imported]:
    folder = tmp_path_factory.mktemp("startup")
    text = generate(5, defects=False)  # about 10 KB, clean
    assert 9_000 < len(text.encode()) < 12_000
    (folder / "README.md").write_text(text, "utf-8")
    return imports("check", "README.md", cwd=folder)


def test_the_measurement_sees_what_check_does_import(one_readme: dict[str, Imported]) -> None:
    assert "readmelint.check" in one_readme
    assert one_readme["readmelint.canonical.plan"].by == "readmelint.check"
    assert "markdown_it" in one_readme


@pytest.mark.parametrize(
    "module",
    [
        "readmelint.diff",
        "readmelint.export",
        "readmelint.stats",
        "readmelint.records",
        "readmelint.venues",
        "readmelint.pool",
        "concurrent.futures",
        "multiprocessing",
        "csv",
        "matplotlib",
        "hashlib",
    ],
)
def test_check_on_one_small_readme_does_not_import(
    one_readme: dict[str, Imported], module: str
) -> None:
    assert module not in one_readme, one_readme[module]


@pytest.mark.parametrize(
    "module",
    [
        "difflib",
        "tempfile",
    ],
)
def test_no_readmelint_module_imports_for_check(
    one_readme: dict[str, Imported], module: str
) -> None:
    """These may come in through a dependency (jsonschema's importlib.resources loads
    tempfile) but not from readmelint's own start-up path."""
    imported = one_readme.get(module)
    if imported is not None:
        assert not (imported.by or "").startswith("readmelint"), imported


def test_several_files_with_one_job_do_not_import_the_pool(tmp_path: Path) -> None:
    for name in ("a.md", "b.md"):
        (tmp_path / name).write_text(generate(2, defects=False), "utf-8")
    found = imports("check", "a.md", "b.md", "--jobs", "1", cwd=tmp_path)
    assert "readmelint.pool" not in found
    assert "concurrent.futures" not in found
    assert "readmelint.check" in found


def loaded(*args: str, cwd: Path, cache: bool = True) -> set[str]:
    """The modules loaded by the end of ``readmelint ARGS`` in a fresh interpreter."""
    record = cwd / "modules.txt"
    code = (
        "import atexit, runpy, sys\n"
        f"atexit.register(lambda: open({str(record)!r}, 'w').write(' '.join(sys.modules)))\n"
        f"sys.argv = ['readmelint', *{list(args)!r}]\n"
        "runpy.run_module('readmelint', run_name='__main__')\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "READMELINT_NO_CACHE" or not cache}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=cwd, env=environment, capture_output=True, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return set(record.read_text("utf-8").split())


# What only a file that is really parsed and validated needs.
HEAVY = ["markdown_it", "jsonschema", "referencing", "re2", "readmelint.parse", "readmelint.check"]


@pytest.mark.parametrize("command", [["check"], ["fix"], ["check", "--fix"], ["fix", "--check"]])
def test_an_answer_from_the_cache_loads_neither_the_parser_nor_jsonschema(
    tmp_path: Path, command: list[str]
) -> None:
    (tmp_path / "README.md").write_text(generate(5, defects=True), "utf-8")
    (tmp_path / ".readmelint.toml").write_text('duplicates = "section"\n', "utf-8")
    loaded("fix", "README.md", cwd=tmp_path)  # the fixed file, and what is left in it
    first = loaded(*command, "README.md", cwd=tmp_path)
    assert "markdown_it" in first
    again = loaded(*command, "README.md", cwd=tmp_path)
    assert [module for module in HEAVY if module in again] == []
    assert "readmelint.cache" in again
    assert sorted(module for module in again if module.startswith("readmelint.cli.")) == [
        "readmelint.cli.lint",
        "readmelint.cli.shared",
        "readmelint.cli.walk",
    ]


def test_version_imports_no_command(tmp_path: Path) -> None:
    modules = loaded("--version", cwd=tmp_path)
    assert sorted(module for module in modules if module.startswith("readmelint")) == [
        "readmelint",
        "readmelint.cli",
        "readmelint.cli.shared",
        "readmelint.errors",
    ]


def test_rules_loads_neither_the_parser_nor_jsonschema(tmp_path: Path) -> None:
    modules = loaded("rules", cwd=tmp_path)
    assert [module for module in HEAVY if module in modules] == []
    assert "readmelint.rules.registry" in modules


# What parsing and validating a list with no invalid entry needs: jsonschema only
# explains an invalid entry (see readmelint.verdict).
PARSE_AND_VERDICT = [
    "markdown_it",
    "jsonschema_rs",
    "re2",
    "readmelint.parse",
    "readmelint.check",
]


def test_without_the_cache_check_loads_what_it_needs(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(generate(5, defects=False), "utf-8")
    for _ in range(2):
        modules = loaded("check", "README.md", cwd=tmp_path, cache=False)
        assert [module for module in PARSE_AND_VERDICT if module in modules] == PARSE_AND_VERDICT
        assert "jsonschema" not in modules
        assert "readmelint.cache" not in modules
    assert not (tmp_path / ".readmelint_cache").exists()


def test_an_invalid_entry_loads_jsonschema_for_its_message(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(generate(5, defects=True), "utf-8")
    modules = loaded("check", "README.md", cwd=tmp_path, cache=False)
    assert [module for module in HEAVY if module in modules] == HEAVY
