"""The README's editor snippets for `readmelint server`: the Neovim one run by a real
headless Neovim (Debian's `neovim` package, which `.ci/run` installs where `nvim` is
missing), the others parsed, and each naming exactly the real command; and the rule
pages the server links each diagnostic to."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import click
import pytest

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.rules.registry import RULES
from readmelint.server.lsp import RULE_PAGE
from readmelint.settings import Settings
from tests.helpers import ROOT
from tests.readme import Block, blocks_for

COMMAND = ["readmelint", "server"]
EXAMPLE = (ROOT / "examples" / "README.md").read_text("utf-8")


def snippet(language: str) -> Block:
    (block,) = (block for block in blocks_for(__file__) if block.language == language)
    return block


def test_every_snippet_is_tested_here() -> None:
    assert sorted(block.language for block in blocks_for(__file__)) == [
        "elisp",
        "json",
        "lua",
        "toml",
    ]
    assert "server" in main.list_commands(click.Context(main))


def test_the_helix_snippet() -> None:
    text = snippet("toml").text
    assert text.startswith("# languages.toml\n")
    config = tomllib.loads(text)
    server = config["language-server"]["readmelint"]
    assert [server["command"], *server["args"]] == COMMAND
    (markdown,) = config["language"]
    assert markdown["name"] == "markdown"
    assert "readmelint" in markdown["language-servers"]


def test_the_vscode_snippet() -> None:
    settings = json.loads(snippet("json").text)
    assert [settings["glspc.server.command"], *settings["glspc.server.commandArguments"]] == (
        COMMAND
    )
    assert settings["glspc.server.languageId"] == ["markdown"]


def lisp_forms(text: str) -> list[str]:
    """The Lisp's top-level forms; fails unless every parenthesis is closed in order
    (strings and comments aside)."""
    forms, depth, start, in_string, escaped, comment = [], 0, 0, False, False, False
    for index, character in enumerate(text):
        if comment:
            comment = character != "\n"
        elif in_string:
            if escaped:
                escaped = False
            elif character == "\\":
                escaped = True
            elif character == '"':
                in_string = False
        elif character == ";":
            comment = True
        elif character == '"':
            in_string = True
        elif character == "(":
            if depth == 0:
                start = index
            depth += 1
        elif character == ")":
            depth -= 1
            assert depth >= 0, f"a ) closes nothing at {index}"
            if depth == 0:
                forms.append(text[start : index + 1])
    assert depth == 0, "a ( is never closed"
    assert not in_string, "a string is never closed"
    return forms


def test_the_emacs_snippet() -> None:
    forms = lisp_forms(snippet("elisp").text)
    assert len(forms) == 2
    programs = re.findall(r"\. \(((?:\"[^\"]*\"\s*)+)\)", forms[0])
    assert [re.findall(r'"([^"]*)"', found) for found in programs] == [COMMAND]
    assert "eglot-server-programs" in forms[0]
    assert "markdown-mode" in forms[0]
    assert forms[1] == "(add-hook 'markdown-mode-hook #'eglot-ensure)"


def test_lisp_forms_sees_unbalanced_parentheses() -> None:
    with pytest.raises(AssertionError):
        lisp_forms('(a (b "c)")')
    with pytest.raises(AssertionError):
        lisp_forms("(a))")
    assert lisp_forms('(a ";)" ; (\n (b))') == ['(a ";)" ; (\n (b))']


def test_the_neovim_snippet_names_the_command() -> None:
    assert 'cmd = { "readmelint", "server" }' in snippet("lua").text


# Neovim's own view of the diagnostics it received, written out once there are some.
HARNESS = """
vim.api.nvim_create_autocmd("VimEnter", { callback = function()
  vim.wait(%d, function() return #vim.diagnostic.get(0) > 0 end, 50)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(0)) do
    local lsp = (d.user_data and d.user_data.lsp) or {}
    table.insert(found, { line = d.lnum, col = d.col, code = d.code or lsp.code,
      message = d.message, severity = d.severity, source = d.source })
  end
  local out = io.open(os.getenv("READMELINT_NVIM_OUT"), "w")
  out:write(vim.fn.json_encode(found))
  out:close()
  vim.cmd("qa!")
end })
"""


def test_neovim_receives_the_diagnostics(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    if nvim is None:
        pytest.skip("nvim is not installed (Debian: apt-get install neovim; .ci/run does)")
    (tmp_path / "README.md").write_text(EXAMPLE, "utf-8")
    init = tmp_path / "init.lua"
    init.write_text(snippet("lua").text + HARNESS % 120_000, "utf-8")
    out = tmp_path / "diagnostics.json"
    scripts = str(Path(sys.executable).parent)  # where `readmelint` is installed
    env = {
        **os.environ,
        "PATH": f"{scripts}{os.pathsep}{os.environ.get('PATH', '')}",
        "READMELINT_NVIM_OUT": str(out),
        "XDG_STATE_HOME": str(tmp_path / "state"),  # Neovim's LSP log goes there
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    subprocess.run(
        [nvim, "--headless", "-i", "NONE", "-u", str(init), "README.md"],
        cwd=tmp_path,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=240,
        check=True,
    )
    received = json.loads(out.read_text("utf-8"))
    lines = EXAMPLE.split("\n")
    expected = [
        {
            "line": d.line - 1,
            "col": len(lines[d.line - 1][: d.column - 1].encode()),  # Neovim counts bytes
            "code": d.code,
            "message": d.message,
            "severity": 2 if d.severity.value == "warning" else 1,
            "source": "readmelint",
        }
        for d in check_text(EXAMPLE, Settings())
    ]
    assert expected
    key = lambda d: (d["line"], d["col"], d["code"])  # noqa: E731
    assert sorted(received, key=key) == sorted(expected, key=key)


def test_each_rule_has_the_page_the_server_links_to() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert RULE_PAGE.startswith("https://github.com/OWNER/readmelint/blob/main/README.md#")
    for rule in RULES:
        anchor = rule.code.lower()
        assert RULE_PAGE.format(anchor=anchor).endswith(f"README.md#{anchor}")
        assert f'| <a id="{anchor}"></a>{rule.code} | {rule.name} |' in readme, (
            f"give {rule.code} its anchor in the README's Diagnostic codes table"
        )
