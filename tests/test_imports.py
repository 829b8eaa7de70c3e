"""How readmelint's modules import each other: one way, layers below never importing those above.

The import graph is read from the source with :mod:`ast`, imports written inside
functions included (those under ``if TYPE_CHECKING:`` aside: they never run), the
way the team's before-stop hook reads it.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "readmelint"


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _owner(name: str, known: dict[str, Path]) -> str | None:
    """The readmelint module ``name`` (or a name imported from it) lives in."""
    while name and name not in known:
        name = name.rpartition(".")[0]
    return name or None


@cache
def import_graph(*, top_level_only: bool = False) -> dict[str, set[str]]:
    """Each module -> the readmelint modules it imports (``top_level_only``: not counting
    imports inside functions)."""
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        tree = ast.parse(path.read_text("utf-8"))
        skipped = {
            id(inner)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for statement in node.body
            for inner in ast.walk(statement)
        }
        if top_level_only:
            skipped |= {
                id(inner)
                for node in ast.walk(tree)
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
                for inner in ast.walk(node)
            }
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
                if node.level:
                    parts = base[: len(base) - (node.level - 1)] + (
                        [node.module] if node.module else []
                    )
                    source = ".".join(parts)
                else:
                    source = node.module or ""
                targets = [source, *(f"{source}.{alias.name}" for alias in node.names)]
            for target in targets:
                owner = _owner(target, known)
                if owner is not None and owner != name:
                    graph[name].add(owner)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), but a
    package with the submodules it imports lazily, which is how packages work."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            root = min(component, key=len)
            inside = all(m == root or m.startswith(root + ".") for m in component)
            if len(component) > 1 and not inside:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_inside_functions() -> None:
    """The reading itself: runner imports fix only inside a function (to keep it off
    check's start-up), and the graph of every import counts it."""
    assert "readmelint.fix" in import_graph()["readmelint.runner"]
    assert "readmelint.fix" not in import_graph(top_level_only=True)["readmelint.runner"]


def test_a_cycle_is_found() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]


def test_no_import_cycle_among_readmelint_modules() -> None:
    assert cycles(import_graph()) == []


LAYOUT_MODULES = (
    "readmelint.layouts.headings",
    "readmelint.layouts.table",
    "readmelint.layouts.items",
)


@pytest.mark.parametrize(
    "module",
    [
        "readmelint.parse",
        "readmelint.model",
        "readmelint.rules.fields",
        "readmelint.rules.style",
        "readmelint.rules.papers",
        "readmelint.canonical.order",
        "readmelint.canonical.labels",
        "readmelint.verify",
        "readmelint.output",
        "readmelint.records",
    ],
)
def test_shared_modules_import_no_single_layout(module: str) -> None:
    """Below the layouts: only the registry names them all."""
    imported = import_graph()[module]
    assert not [name for name in imported if name.startswith(LAYOUT_MODULES)]


def test_one_layout_imports_no_other() -> None:
    graph = import_graph()
    for layout in LAYOUT_MODULES:
        for name, imported in graph.items():
            if name.startswith(layout + ".") or name == layout:
                others = [
                    i for i in imported if i.startswith(LAYOUT_MODULES) and not i.startswith(layout)
                ]
                assert others == [], name


def test_check_loads_neither_fix_nor_diff(tmp_path: Path) -> None:
    """check reads the canonical form but never runs fix, its safety check or its diffs."""
    readme = tmp_path / "README.md"
    readme.write_text("# Papers\n\n### A\n- **Paper:** [A](https://arxiv.org/abs/2402.12226)\n")
    probe = (
        "import sys\n"
        "from readmelint.cli import run\n"
        "sys.argv = ['readmelint', 'check', sys.argv[1]]\n"
        "try:\n"
        "    run()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('readmelint')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(readme)],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    )
    loaded = done.stdout.strip().splitlines()[-1]
    assert "'readmelint.check'" in loaded  # it did check
    for module in ("readmelint.fix", "readmelint.diff", "readmelint.verify"):
        assert f"'{module}'" not in loaded


SHARED_STYLE_CODES = {"RL101", "RL102", "RL104", "RL105", "RL107"}


def test_a_shared_style_code_is_made_only_where_it_is_declared() -> None:
    """Each rule owns its check (issue 20 item 4): the layouts hand ``rules/style.py``
    what is their own (where a field or a cell starts) and never make its codes."""
    made = []
    for name, path in modules().items():
        if name == "readmelint.rules.style":
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and node.attr == "at"
                and isinstance(node.value, ast.Name)
                and node.value.id in SHARED_STYLE_CODES
            ):
                made.append(f"{name}:{node.lineno}")
    assert made == []
    assert "readmelint.rules.style" in import_graph()["readmelint.layouts.table.rules"]
