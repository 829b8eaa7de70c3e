"""The fenced examples of README.md, found with markdown-it-py, and the marker above each.

``tests/test_readme.py`` runs them (its docstring is the convention); other test
modules take the blocks marked ``tested by`` them with :func:`blocks_for`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from markdown_it import MarkdownIt

from tests.helpers import ROOT

README = ROOT / "README.md"
_MARKER = re.compile(r"\s*<!--\s*readme-test:\s*(.*?)\s*-->\s*", re.DOTALL)


@dataclass(frozen=True)
class Block:
    """One fenced block: its info string's language, its text, its fence's line (1-based),
    and the ``readme-test`` marker in an HTML comment right above it, if any."""

    language: str
    text: str
    line: int
    marker: str | None

    def __str__(self) -> str:
        return f"README.md:{self.line} ({self.language or 'no language'})"


@cache
def blocks() -> tuple[Block, ...]:
    tokens = MarkdownIt("commonmark").parse(README.read_text("utf-8"))
    # An HTML comment block by the line after it: a fence starting there is marked by it.
    comments = {
        token.map[1]: token.content
        for token in tokens
        if token.type == "html_block" and token.map is not None
    }
    found = []
    for token in tokens:
        if token.type != "fence" or token.map is None:
            continue
        matched = _MARKER.fullmatch(comments.get(token.map[0], ""))
        language = token.info.split()[0] if token.info.strip() else ""
        marker = matched.group(1) if matched else None
        found.append(Block(language, token.content, token.map[0] + 1, marker))
    return tuple(found)


def blocks_for(module: str) -> list[Block]:
    """The blocks marked ``tested by tests/MODULE.py`` (``module``: ``__file__`` or a name)."""
    name = module.replace("\\", "/").rsplit("/", 1)[-1]
    return [block for block in blocks() if block.marker == f"tested by tests/{name}"]


def option_table() -> list[tuple[str, str]]:
    """The rows of the README's table of options: each option's names as written (the
    first cell's Markdown) and the commands that take it (the second cell's)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(README.read_text("utf-8"))
    rows: list[list[str]] = []
    for token in tokens:
        if token.type == "table_open":
            rows = []
        elif token.type == "tr_open":
            rows.append([])
        elif token.type == "inline" and rows:
            rows[-1].append(token.content)
        elif token.type == "table_close" and rows and rows[0][:2] == ["option", "commands"]:
            return [(row[0], row[1]) for row in rows[1:]]
    raise AssertionError("README.md has no table whose columns are option, commands, ...")


def assert_is_a_tag(name: str) -> None:
    """``name`` is a tag of this repository, on a commit of its history (skip outside a
    git checkout, in a shallow clone, which holds no history to look in, or in a copy
    that carries no tags at all)."""
    import subprocess

    import pytest

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True)

    try:
        shallow = git("rev-parse", "--is-shallow-repository")
    except OSError:
        pytest.skip("git is not installed")
    if shallow.returncode != 0:
        pytest.skip(f"{ROOT} is not a git checkout")
    if shallow.stdout.strip() == "true":
        pytest.skip("a shallow clone has no tags to look for; clone the whole repository")
    if not git("tag", "--list").stdout.strip():
        pytest.skip(
            "this clone carries no tags (a single-branch copy); clone with tags to run this"
        )
    found = git("rev-parse", "--verify", "--quiet", f"refs/tags/{name}^{{commit}}")
    assert found.returncode == 0, f"the README names {name}, which is no tag of this repository"
    assert git("merge-base", "--is-ancestor", found.stdout.strip(), "HEAD").returncode == 0
