"""`readmelint server` end to end: a real client process (pytest-lsp, on pygls) speaking
JSON-RPC over pipes to the server process, as an editor does. What the editor shows and
applies must be exactly what `readmelint check` reports and `readmelint fix` writes.

Waits have a generous limit only so that a broken server fails the test instead of
hanging it; nothing here measures speed (see benchmarks/run.py)."""

from __future__ import annotations

import asyncio
import contextlib
import json
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.diagnostics import Diagnostic
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import ROOT

SERVER = [sys.executable, "-m", "readmelint", "server"]
PATIENCE = 120.0  # seconds: a server this slow is broken
EXAMPLE = (ROOT / "examples" / "README.md").read_text("utf-8")


@dataclass
class Published:
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]


@dataclass
class Seen:
    """What the server sent the client, in order."""

    published: list[Published] = field(default_factory=list)
    shown: list[str] = field(default_factory=list)
    logged: list[str] = field(default_factory=list)


class Client:
    """A pytest-lsp client and what it has seen; helpers to wait for what should come."""

    def __init__(self, client: LanguageClient, seen: Seen) -> None:
        self.lsp = client
        self.seen = seen
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

    async def until(self, ready: Callable[[], Any], what: str, patience: float = PATIENCE) -> Any:
        deadline = time.monotonic() + patience
        while not (value := ready()):
            if time.monotonic() > deadline:
                seen = self.seen
                raise AssertionError(
                    f"waited {patience:g} s for {what}; the last diagnostics: "
                    f"{seen.published[-3:]}; shown: {seen.shown[-3:]}; logged: {seen.logged[-3:]}"
                )
            await asyncio.sleep(0.01)
        return value

    def latest(self, uri: str) -> Published | None:
        return next((p for p in reversed(self.seen.published) if p.uri == uri), None)

    async def diagnostics(
        self, uri: str, version: int | None = None, patience: float = PATIENCE
    ) -> list[types.Diagnostic]:
        """The diagnostics published for the document's current version (or ``version``)."""
        wanted = self.versions[uri] if version is None else version

        def found() -> Published | None:
            latest = self.latest(uri)
            return latest if latest and latest.version == wanted else None

        published = await self.until(found, f"diagnostics of {uri} version {wanted}", patience)
        return list(published.diagnostics)

    def open(self, path: Path, text: str | None = None, language: str = "markdown") -> str:
        uri = str(from_fs_path(str(path)))
        text = path.read_text("utf-8") if text is None else text
        self.versions[uri], self.texts[uri] = 1, text
        self.lsp.text_document_did_open(
            types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, language, 1, text))
        )
        return uri

    def replace(self, uri: str, text: str) -> None:
        """Send the whole new text as one ranged change (as editors send an edit)."""
        old = self.texts[uri]
        lines = old.split("\n")
        end = types.Position(len(lines) - 1, _utf16(lines[-1]))
        self.versions[uri] += 1
        self.texts[uri] = text
        change = types.TextDocumentContentChangePartial(
            types.Range(types.Position(0, 0), end), text
        )
        self.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri), [change]
            )
        )

    def edit(self, uri: str, line: int, character: int, end_line: int, end: int, new: str) -> None:
        self.versions[uri] += 1
        self.texts[uri] = apply_edits(
            self.texts[uri],
            [types.TextEdit(_range(line, character, end_line, end), new)],
        )
        change = types.TextDocumentContentChangePartial(_range(line, character, end_line, end), new)
        self.lsp.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=self.versions[uri], uri=uri), [change]
            )
        )

    def save(self, uri: str) -> None:
        self.lsp.text_document_did_save(
            types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri))
        )

    def close(self, uri: str) -> None:
        self.lsp.text_document_did_close(
            types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri))
        )

    async def actions(
        self, uri: str, line: int = 0, end_line: int | None = None, only: list[str] | None = None
    ) -> list[types.CodeAction]:
        diagnostics = await self.diagnostics(uri)
        end = len(self.texts[uri].split("\n")) if end_line is None else end_line
        here = [d for d in diagnostics if line <= d.range.start.line <= end]
        result = await self.lsp.text_document_code_action_async(
            types.CodeActionParams(
                types.TextDocumentIdentifier(uri),
                _range(line, 0, end, 0),
                types.CodeActionContext(here, only=only),
            )
        )
        return [action for action in result or [] if isinstance(action, types.CodeAction)]

    async def format(self, uri: str) -> list[types.TextEdit] | None:
        edits = await self.lsp.text_document_formatting_async(
            types.DocumentFormattingParams(
                types.TextDocumentIdentifier(uri), types.FormattingOptions(2, True)
            )
        )
        return None if edits is None else list(edits)


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def _range(line: int, character: int, end_line: int, end: int) -> types.Range:
    return types.Range(types.Position(line, character), types.Position(end_line, end))


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits (UTF-16 positions, lines split at LF) as an editor does: all
    positions refer to the text before any of them."""
    lines = text.split("\n")

    def offset(position: types.Position) -> int:
        before = sum(len(line) + 1 for line in lines[: position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units = 0
        for index, character in enumerate(line):
            if units >= position.character:
                return before + index
            units += _utf16(character)
        return before + len(line)

    spans = sorted((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits)
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


def workspace_edits(action: types.CodeAction, uri: str) -> list[types.TextEdit]:
    assert action.edit is not None, action
    edit = action.edit
    if edit.document_changes:
        found: list[types.TextEdit] = []
        for change in edit.document_changes:
            assert isinstance(change, types.TextDocumentEdit)
            assert change.text_document.uri == uri
            found.extend(e for e in change.edits if isinstance(e, types.TextEdit))
        return found
    assert edit.changes is not None
    return list(edit.changes[uri])


def make_client(seen: Seen) -> Callable[[], LanguageClient]:
    def factory() -> LanguageClient:
        client = LanguageClient(converter_factory=default_converter)
        features = {
            method: handler
            for method, handler in DEFAULT_CLIENT_FEATURES.items()
            if method
            not in (
                types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS,
                types.WINDOW_SHOW_MESSAGE,
                types.WINDOW_LOG_MESSAGE,
            )
        }
        register_lsp_features(client, features)

        def published(_: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
            seen.published.append(Published(params.uri, params.version, list(params.diagnostics)))

        def shown(_: LanguageClient, params: types.ShowMessageParams) -> None:
            seen.shown.append(params.message)

        def logged(_: LanguageClient, params: types.LogMessageParams) -> None:
            seen.logged.append(params.message)

        register_lsp_features(
            client,
            {
                types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: published,
                types.WINDOW_SHOW_MESSAGE: shown,
                types.WINDOW_LOG_MESSAGE: logged,
            },
        )
        return client

    return factory


@contextlib.asynccontextmanager
async def serving(
    *folders: Path,
    editor: str = "visual-studio-code",
    env: dict[str, str] | None = None,
    resolve: bool = True,
    encodings: list[str] | None = None,
) -> AsyncIterator[Client]:
    """A server process and a client with ``editor``'s capabilities (as pytest-lsp
    recorded them), initialized with ``folders`` as its workspace folders."""
    seen = Seen()
    config = ClientServerConfig(SERVER, client_factory=make_client(seen), server_env=env)
    lsp = await config.start()
    assert isinstance(lsp, LanguageClient)
    capabilities = client_capabilities(editor)
    if not resolve and capabilities.text_document and capabilities.text_document.code_action:
        capabilities.text_document.code_action.resolve_support = None
    if encodings is not None:
        capabilities.general = types.GeneralClientCapabilities(
            position_encodings=[types.PositionEncodingKind(e) for e in encodings]
        )
    await lsp.initialize_session(
        types.InitializeParams(
            capabilities=capabilities,
            root_uri=from_fs_path(str(folders[0])) if folders else None,
            workspace_folders=[
                types.WorkspaceFolder(str(from_fs_path(str(f))), f.name) for f in folders
            ]
            or None,
        )
    )
    client = Client(lsp, seen)
    try:
        yield client
    finally:
        await lsp.shutdown_session()
        await lsp.stop()  # type: ignore[no-untyped-call]


def as_check(
    diagnostics: list[Diagnostic], text: str, units: Callable[[str], int] = _utf16
) -> list[tuple[object, ...]]:
    """What `check` reports, as the server must say it: 0-based line, UTF-16 column."""
    lines = text.split("\n")
    return [
        (
            d.line - 1,
            units(lines[d.line - 1][: d.column - 1]),
            d.code,
            d.message,
            types.DiagnosticSeverity.Warning
            if d.severity.value == "warning"
            else types.DiagnosticSeverity.Error,
        )
        for d in diagnostics
    ]


def as_shown(diagnostics: list[types.Diagnostic]) -> list[tuple[object, ...]]:
    return sorted(
        (
            (d.range.start.line, d.range.start.character, d.code, d.message, d.severity)
            for d in diagnostics
        ),
        key=lambda row: (row[0], row[1], str(row[2])),
    )


# Diagnostics.


async def test_open_reports_what_check_reports(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        shown = await client.diagnostics(uri)
    expected = check_text(EXAMPLE, Settings(), str(readme))
    assert expected, "the example has problems on purpose"
    assert as_shown(shown) == as_check(expected, EXAMPLE)
    for diagnostic in shown:
        assert diagnostic.source == "readmelint"
        assert diagnostic.code_description is not None
        assert diagnostic.code_description.href.endswith(f"#{str(diagnostic.code).lower()}")
        assert isinstance(diagnostic.data, dict)
        fixable = next(d.fixable for d in expected if d.code == diagnostic.code)
        assert diagnostic.data["fixable"] == fixable
        assert diagnostic.range.end.line == diagnostic.range.start.line


async def test_change_and_save_check_the_new_text(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        first = await client.diagnostics(uri)
        fixed = fix_text(EXAMPLE)
        client.replace(uri, fixed)
        after_change = await client.diagnostics(uri)
        client.edit(uri, 0, 0, 0, 0, "### \n- **Paper:**\n\n")  # a stub at the top
        client.save(uri)
        after_save = await client.diagnostics(uri)
    assert {d.code for d in first} > {d.code for d in after_change}
    assert not any(d.data and d.data["fixable"] for d in after_change)
    assert as_shown(after_change) == as_check(check_text(fixed, Settings()), fixed)
    text = client.texts[uri]
    assert as_shown(after_save) == as_check(check_text(text, Settings()), text)


@pytest.mark.parametrize(
    ("encodings", "units"),
    [
        (None, _utf16),
        (["utf-8", "utf-16"], lambda text: len(text.encode())),
        (["utf-32"], len),
    ],
    ids=["utf-16", "utf-8", "utf-32"],
)
async def test_columns_count_in_the_negotiated_encoding(
    tmp_path: Path, encodings: list[str] | None, units: Callable[[str], int]
) -> None:
    text = (
        "### 😀 Emoji\n- **Paper:** [x](https://arxiv.org/abs/2401.00001)\n"
        "- **Submission Date:** 2024-01-02\n- **Authors:** 東京 😀 x\n"
        "- **Tags:** a\n- **Abstract:** b   \n- **Personal note:** [n](https://e.org)\n"
        "- **Accepted:** arXiv\n"
    )
    readme = tmp_path / "README.md"
    readme.write_text(text, "utf-8")
    async with serving(tmp_path, encodings=encodings) as client:
        uri = client.open(readme)
        shown = await client.diagnostics(uri)
        client.edit(
            uri, 3, units("- **Authors:** 東京 😀"), 3, units("- **Authors:** 東京 😀 x"), ""
        )
        edited = await client.diagnostics(uri)
    assert as_shown(shown) == as_check(check_text(text, Settings()), text, units)
    assert any(d.code == "RL105" for d in shown)
    text = text.replace("東京 😀 x", "東京 😀")
    assert as_shown(edited) == as_check(check_text(text, Settings()), text, units)


async def test_suppressions_select_and_ignore(tmp_path: Path) -> None:
    (tmp_path / ".readmelint.toml").write_text('ignore = ["RL102"]\n', "utf-8")
    text = "<!-- readmelint-disable-file RL105 -->\n\n" + EXAMPLE
    readme = tmp_path / "README.md"
    readme.write_text(text, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        shown = await client.diagnostics(uri)
    codes = {d.code for d in shown}
    assert "RL102" not in codes
    assert "RL105" not in codes
    settings = load_config(tmp_path / ".readmelint.toml").settings
    assert as_shown(shown) == as_check(check_text(text, settings), text)


async def test_other_files_are_not_checked(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text(EXAMPLE, "utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path) as client:
        other = client.open(notes, language="plaintext")
        uri = client.open(readme)
        await client.diagnostics(uri)
    assert all(p.uri != other for p in client.seen.published)


# Configs: reloaded from disk, broken ones shown once, one per workspace folder.


async def test_config_changes_on_disk_are_picked_up(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    config = tmp_path / ".readmelint.toml"
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        before = await client.diagnostics(uri)
        assert any(d.code == "RL101" for d in before)
        count = len(client.seen.published)
        config.write_text('ignore = ["RL101"]\n', "utf-8")  # no save, no edit: found by itself
        after = await client.until(
            lambda: len(client.seen.published) > count and client.latest(uri),
            "diagnostics after the config changed",
        )
        schema = json.loads((ROOT / "schema" / "paper-notes.schema.json").read_text("utf-8"))
        schema["properties"]["fields"]["required"] = []
        (tmp_path / "my.schema.json").write_text(json.dumps(schema), "utf-8")
        count = len(client.seen.published)
        config.write_text('schema = "my.schema.json"\n', "utf-8")
        with_schema = await client.until(
            lambda: len(client.seen.published) > count and client.latest(uri),
            "diagnostics after the schema was set",
        )
    assert {d.code for d in after.diagnostics} == {d.code for d in before} - {"RL101"}
    assert "RL001" in {d.code for d in before}
    assert "RL001" not in {d.code for d in with_schema.diagnostics}
    assert "RL101" in {d.code for d in with_schema.diagnostics}


async def test_broken_config_is_shown_once_and_then_mended(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    other = tmp_path / "OTHER.md"
    other.write_text(EXAMPLE, "utf-8")
    config = tmp_path / ".readmelint.toml"
    config.write_text("ignore = [\n", "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        broken = await client.diagnostics(uri)
        client.edit(uri, 0, 0, 0, 0, "\n")
        again = await client.diagnostics(uri)
        second = client.open(other)
        await client.diagnostics(second)
        await asyncio.sleep(2.5)  # the server looks at the config again and again meanwhile
        shown = list(client.seen.shown)
        config.write_text('ignore = ["RL101"]\n', "utf-8")
        mended = await client.until(
            lambda: (p := client.latest(uri)) and len(p.diagnostics) > 1 and p,
            "diagnostics once the config is mended",
        )
    assert len(broken) == 1
    assert broken == again
    (problem,) = broken
    assert problem.range.start == types.Position(0, 0)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert str(config) in problem.message
    assert "not valid TOML" in problem.message
    assert len(shown) == 1, shown
    assert "not valid TOML" in shown[0]
    assert "RL101" not in {d.code for d in mended.diagnostics}
    assert "RL102" in {d.code for d in mended.diagnostics}


async def test_workspace_folders_have_their_own_configs(tmp_path: Path) -> None:
    first, second, outside = tmp_path / "one", tmp_path / "two", tmp_path / "elsewhere"
    for folder, config in (
        (first, 'ignore = ["RL1"]\n'),
        (second, 'select = ["RL1"]\n'),
        (outside, 'ignore = ["RL0", "RL1"]\n'),
    ):
        folder.mkdir()
        (folder / ".readmelint.toml").write_text(config, "utf-8")
        (folder / "README.md").write_text(EXAMPLE, "utf-8")
    async with serving(first, second) as client:
        uris = [client.open(folder / "README.md") for folder in (first, second, outside)]
        one, two, elsewhere = [await client.diagnostics(uri) for uri in uris]
    assert one
    assert all(not str(d.code).startswith("RL1") for d in one)
    assert two
    assert all(str(d.code).startswith("RL1") for d in two)
    # Outside every workspace folder: the defaults, not the config beside it.
    assert as_shown(elsewhere) == as_check(check_text(EXAMPLE, Settings()), EXAMPLE)


# Shutdown and exit.


async def test_shutdown_then_exit_ends_the_server_with_0(tmp_path: Path) -> None:
    seen = Seen()
    lsp = await ClientServerConfig(SERVER, client_factory=make_client(seen)).start()
    assert isinstance(lsp, LanguageClient)
    await lsp.initialize_session(types.InitializeParams(capabilities=types.ClientCapabilities()))
    await lsp.shutdown_session()
    assert lsp._server is not None
    assert lsp._server.returncode == 0
    await lsp.stop()  # type: ignore[no-untyped-call]


def test_exit_without_shutdown_ends_the_server_with_1() -> None:
    messages: list[dict[str, Any]] = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}},
        {"jsonrpc": "2.0", "method": "initialized", "params": {}},
        {"jsonrpc": "2.0", "method": "exit"},
    ]
    done = subprocess.run(
        SERVER,
        input=b"".join(frame(message) for message in messages),
        capture_output=True,
        timeout=PATIENCE,
        check=False,
    )
    assert done.returncode == 1
    assert b'"id": 1' in done.stdout


def frame(message: dict[str, Any] | bytes) -> bytes:
    body = message if isinstance(message, bytes) else json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def test_check_does_not_import_the_server(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(EXAMPLE, "utf-8")
    script = (
        "import sys, runpy; sys.argv = ['readmelint', 'check', '-q', 'README.md']\n"
        "try:\n    runpy.run_module('readmelint', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('pygls', 'lsprotocol', 'cattrs') or m.startswith('readmelint.server')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    assert "RL101" in done.stdout  # it did check
    assert done.stdout.strip().splitlines()[-1] == "[]"


# Code actions and formatting: applied to the text, exactly fix's output.


async def resolved(client: Client, action: types.CodeAction) -> types.CodeAction:
    if action.edit is not None:
        return action
    return await client.lsp.code_action_resolve_async(action)


@pytest.mark.parametrize("resolve", [True, False], ids=["resolved-later", "edits-at-once"])
async def test_fix_all_gives_fix_output(tmp_path: Path, resolve: bool) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path, resolve=resolve) as client:
        uri = client.open(readme)
        actions = await client.actions(uri, only=["source.fixAll"])
        (fix_all,) = actions
        assert fix_all.title == "Fix all readmelint problems"
        assert fix_all.kind == "source.fixAll.readmelint"
        assert (fix_all.edit is None) == resolve
        edits = workspace_edits(await resolved(client, fix_all), uri)
    assert len(edits) == 1
    assert apply_edits(EXAMPLE, edits) == fix_text(EXAMPLE)


async def test_formatting_gives_fix_output(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    text = EXAMPLE.replace("\n", "\r\n")  # a CRLF file: edits keep its line ends
    readme.write_bytes(text.encode())
    async with serving(tmp_path) as client:
        uri = client.open(readme, text)
        edits = await client.format(uri)
        clean = client.open(tmp_path / "CLEAN.md", fix_text(EXAMPLE))
        none = await client.format(clean)
    assert edits
    assert apply_edits(text, edits) == fix_text(text)
    assert not none


def entry_lines(text: str, line: int) -> range | None:
    from readmelint.parse import parse

    entry = next((e for e in parse(text).entries if line in e.span), None)
    return range(entry.span.start, entry.span.end + 1) if entry else None


def changed_lines(before: str, after: str) -> tuple[int, int]:
    """The first and last line (1-based) of ``before`` that ``after`` differs in."""
    old, new = before.split("\n"), after.split("\n")
    first = next(i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b)
    last = next(i for i, (a, b) in enumerate(zip(old[::-1], new[::-1], strict=False)) if a != b)
    return first + 1, len(old) - last


@pytest.mark.parametrize("resolve", [True, False], ids=["resolved-later", "edits-at-once"])
async def test_a_quick_fix_for_each_fixable_problem_changes_only_its_part(
    tmp_path: Path, resolve: bool
) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    fixed = fix_text(EXAMPLE)
    fixable = [d for d in check_text(EXAMPLE) if d.fixable]
    assert {d.code for d in fixable} >= {"RL101", "RL102", "RL103", "RL104", "RL105"}
    async with serving(tmp_path, resolve=resolve) as client:
        uri = client.open(readme)
        for problem in fixable:
            line = problem.line - 1
            actions = await client.actions(uri, line, line, only=["quickfix"])
            mine = [
                a
                for a in actions
                if any(
                    d.code == problem.code and d.range.start.line == line
                    for d in a.diagnostics or []
                )
            ]
            assert mine, f"no quick fix for {problem}"
            after = apply_edits(EXAMPLE, workspace_edits(await resolved(client, mine[0]), uri))
            assert after != EXAMPLE
            assert fix_text(after) == fixed, problem
            first, last = changed_lines(EXAMPLE, after)
            entry = entry_lines(EXAMPLE, problem.line)
            if problem.code in ("RL101", "RL102", "RL105"):
                assert entry is not None
                assert first in entry, (problem, first, last)
                assert last in entry, (problem, first, last)
                assert "this entry" in mine[0].title or resolve
            assert not any(
                d.code == problem.code and d.line == problem.line for d in check_text(after)
            ), problem


async def test_no_actions_where_nothing_is_fixable(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(fix_text(EXAMPLE), "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        assert await client.actions(uri) == []


FAULTY_RENDERER = """
import readmelint.runner as runner
from readmelint.fix import render

def _dropping(document, settings):
    return render(document, settings).replace("NAACL 2019", "NAACL")

_fix_source = runner.fix_source

def fix_source(source, config, name, renderer=render, count_remaining=False):
    return _fix_source(source, config, name, _dropping, count_remaining)

runner.fix_source = fix_source
"""


async def test_when_fix_refuses_a_message_and_no_edit(tmp_path: Path) -> None:
    """fix's safety check refusing its output (a faulty renderer that drops a word,
    installed in every process of the server by a sitecustomize module)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(FAULTY_RENDERER, "utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(EXAMPLE, "utf-8")
    import os

    env = {**os.environ, "PYTHONPATH": str(hooks)}
    async with serving(tmp_path, env=env) as client:
        uri = client.open(readme)
        edits = await client.format(uri)
        (fix_all,) = await client.actions(uri, only=["source.fixAll"])
        unresolved = await resolved(client, fix_all)
        await client.until(lambda: len(client.seen.shown) >= 2, "two messages")
    assert not edits
    assert unresolved.edit is None
    assert all("nothing was changed" in message for message in client.seen.shown)
    assert all("fix would change the content" in message for message in client.seen.shown)


# Nothing the client sends crashes or hangs the server.


class Raw:
    """The server process driven byte by byte, for what no well-behaved client sends."""

    def __init__(self, cwd: Path) -> None:
        import queue
        import threading

        self.errors = (cwd / "stderr.txt").open("wb")
        self.process = subprocess.Popen(
            SERVER, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors, cwd=cwd
        )
        self.messages: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self.received: list[dict[str, Any]] = []
        self.taken: set[int] = set()
        threading.Thread(target=self._read, daemon=True).start()
        self.send(
            {
                "jsonrpc": "2.0",
                "id": 0,
                "method": "initialize",
                "params": {
                    "capabilities": {},
                    "rootUri": from_fs_path(str(cwd)),
                    "processId": None,
                },
            }
        )
        self.until(lambda m: m.get("id") == 0)
        self.send({"jsonrpc": "2.0", "method": "initialized", "params": {}})

    def _read(self) -> None:
        assert self.process.stdout is not None
        stream = self.process.stdout
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line or length is None:
                self.messages.put(None)
                return
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict[str, Any] | bytes) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(frame(message))
        self.process.stdin.flush()

    def until(self, wanted: Callable[[dict[str, Any]], bool]) -> dict[str, Any]:
        """The first message received (now or before) that is ``wanted`` and not yet taken."""
        deadline = time.monotonic() + PATIENCE
        while True:
            for index, message in enumerate(self.received):
                if index not in self.taken and wanted(message):
                    self.taken.add(index)
                    return message
            arrived = self.messages.get(timeout=max(0.0, deadline - time.monotonic()))
            assert arrived is not None, "the server ended"
            self.received.append(arrived)

    def end(self) -> int:
        self.send({"jsonrpc": "2.0", "id": 999, "method": "shutdown"})
        self.until(lambda m: m.get("id") == 999)
        self.send({"jsonrpc": "2.0", "method": "exit"})
        code = self.process.wait(timeout=PATIENCE)
        self.errors.close()
        return code


def opening(uri: str, text: str) -> dict[str, Any]:
    return {
        "jsonrpc": "2.0",
        "method": "textDocument/didOpen",
        "params": {
            "textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        },
    }


def diagnostics_of(uri: str) -> Callable[[dict[str, Any]], bool]:
    return lambda m: (
        m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri
    )


def test_text_that_is_not_utf8_is_reported_as_check_reports_it(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    uri = str(from_fs_path(str(tmp_path / "README.md")))
    body = json.dumps(opening(uri, "### Café\n- **Paper:** BAD here\n")).encode()
    server.send(body.replace(b"BAD", b"caf\xe9"))  # Latin-1: a byte UTF-8 has no place for
    (problem,) = server.until(diagnostics_of(uri))["params"]["diagnostics"]
    offset = len("### Café\n- **Paper:** caf".encode())
    assert problem["message"] == (
        f"not UTF-8 (invalid byte at offset {offset}); re-save the file as UTF-8 and run again"
    )
    assert problem["range"]["start"] == {"line": 1, "character": len("- **Paper:** caf")}
    formatting = {"textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": True}}
    server.send(
        {"jsonrpc": "2.0", "id": 5, "method": "textDocument/formatting", "params": formatting}
    )
    assert server.until(lambda m: m.get("id") == 5)["result"] is None
    shown = server.until(lambda m: m.get("method") == "window/showMessage")
    assert "not UTF-8" in shown["params"]["message"]
    nul = str(from_fs_path(str(tmp_path / "NUL.md")))
    server.send(opening(nul, "### A\n\x00\n"))
    (problem,) = server.until(diagnostics_of(nul))["params"]["diagnostics"]
    assert problem["message"].startswith("binary file (contains NUL bytes)")
    assert problem["range"]["start"] == {"line": 1, "character": 0}
    assert server.end() == 0


def test_messages_that_do_not_fit_get_an_error_reply(tmp_path: Path) -> None:
    server = Raw(tmp_path)
    server.send(b"{not json")
    server.send(
        {
            "jsonrpc": "2.0",
            "id": 1,
            "method": "textDocument/formatting",
            "params": {"textDocument": 5},
        }
    )
    reply = server.until(lambda m: m.get("id") == 1)
    assert reply["error"]["code"] == -32602  # invalid params
    server.send(
        {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {}}}
    )
    bad_uri = b'{"jsonrpc": "2.0", "id": 2, "method": "textDocument/codeAction", "params": {"textDocument": {"uri": "file:///a\xff.md"}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}}, "context": {"diagnostics": []}}}'
    server.send(bad_uri)
    assert server.until(lambda m: m.get("id") == 2) == {"jsonrpc": "2.0", "id": 2, "result": None}
    server.send({"jsonrpc": "2.0", "id": 3, "method": "no/suchMethod", "params": {}})
    assert server.until(lambda m: m.get("id") == 3)["error"]["code"] == -32601
    uri = str(from_fs_path(str(tmp_path / "README.md")))
    server.send(opening(uri, EXAMPLE))
    assert server.until(diagnostics_of(uri))["params"]["diagnostics"]
    assert server.end() == 0


def big_list(entries: int) -> str:
    from benchmarks.generate import generate

    return generate(entries)


async def test_a_newer_version_cancels_the_check_in_flight(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    big = big_list(1000)  # seconds of checking: still running when the change comes
    readme.write_text(big, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        client.replace(uri, EXAMPLE)
        shown = await client.diagnostics(uri, 2)
        await client.until(
            lambda: any("cancelled the check" in m for m in client.seen.logged), "the log line"
        )
    assert as_shown(shown) == as_check(check_text(EXAMPLE, Settings()), EXAMPLE)
    assert [p.version for p in client.seen.published if p.uri == uri] == [2]
    assert f"cancelled the check of {uri} version 1" in client.seen.logged


async def test_a_document_closed_mid_check(tmp_path: Path) -> None:
    readme = tmp_path / "README.md"
    readme.write_text(big_list(1000), "utf-8")
    small = tmp_path / "SMALL.md"
    small.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(readme)
        client.close(uri)
        other = client.open(small)
        assert await client.diagnostics(other)
        await asyncio.sleep(1)
        assert await client.format(other)
    published = [p for p in client.seen.published if p.uri == uri]
    assert [(p.version, p.diagnostics) for p in published] == [(None, [])]


@pytest.mark.slow
async def test_100000_entries_while_other_documents_are_served(tmp_path: Path) -> None:
    """A list of 100,000 tiny entries (600,000 problems): checked in a worker process
    while the server goes on answering; the first 5,000 problems and a count of the rest."""
    many = tmp_path / "MANY.md"
    many.write_text(
        "# Many\n\n"
        + "".join(
            f"### E{i}\n- **Submission Date:** {1000 + i // 336:04d}-{i % 336 // 28 + 1:02d}-"
            f"{i % 28 + 1:02d}\n- **Tags** : x\n\n"
            for i in range(100_000)
        ),
        "utf-8",
    )
    small = tmp_path / "SMALL.md"
    small.write_text(EXAMPLE, "utf-8")
    async with serving(tmp_path) as client:
        uri = client.open(many)
        other = client.open(small)
        assert await client.diagnostics(other)
        assert await client.format(other)
        assert client.latest(uri) is None, "the long list is still being checked"
        shown = await client.diagnostics(uri, patience=600)  # half a minute on a quiet machine
    assert len(shown) == 5001
    more, _, rest = shown[-1].message.partition(" ")
    assert int(more) > 500_000
    assert rest == "more problems from here on: run `readmelint check` to see them all"
