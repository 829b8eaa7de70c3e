"""The language server: thin pygls feature handlers over the open documents and the
worker pool that checks and fixes them (see ``readmelint/server/__init__.py``)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine, Generator
from pathlib import Path
from typing import Any, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.protocol.language_server import lsp_method
from pygls.uris import to_fs_path

from readmelint import __version__
from readmelint.server import jobs
from readmelint.server.documents import Document
from readmelint.server.jobs import Checked, Edit, Problem
from readmelint.server.memory import Where
from readmelint.server.pool import JobFailed, Pool
from readmelint.server.text import Text

T = TypeVar("T")
logger = logging.getLogger(__name__)

# A change after a pause is checked at once; changes closer together than this wait
# for the typing to pause, and a check still running then is cancelled.
DEBOUNCE = 0.15
# How often the files that say each document's config are looked at (a few stats each).
POLL = 1.0
SOURCE = "readmelint"
RULE_PAGE = "https://github.com/OWNER/readmelint/blob/main/README.md#{anchor}"
FIX_ALL = "Fix all readmelint problems"
FIX_ALL_KIND = f"{types.CodeActionKind.SourceFixAll.value}.readmelint"


class Protocol(LanguageServerProtocol):
    """pygls' protocol, but for what it cannot survive: the server keeps its own
    documents (pygls splits lines where the protocol does not), and a message whose
    parameters do not fit their type gets an error reply instead of none."""

    @lsp_method(types.TEXT_DOCUMENT_DID_OPEN)
    def lsp_text_document__did_open(
        self, params: types.DidOpenTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_OPEN], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CHANGE)
    def lsp_text_document__did_change(
        self, params: types.DidChangeTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CHANGE], (params,), None

    @lsp_method(types.TEXT_DOCUMENT_DID_CLOSE)
    def lsp_text_document__did_close(
        self, params: types.DidCloseTextDocumentParams
    ) -> Generator[Any, Any, None]:
        yield self.fm.features[types.TEXT_DOCUMENT_DID_CLOSE], (params,), None

    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except Exception as error:
            return Unreadable(data.get("id"), str(data.get("method", "")), error)

    def handle_message(self, message: Any) -> None:
        if isinstance(message, Unreadable):
            logger.warning("unreadable %s message: %s", message.method, message.error)
            if message.id is not None and message.method:
                self._send_response(
                    message.id,
                    error=types.ResponseError(
                        types.ErrorCodes.InvalidParams,
                        f"readmelint: the parameters of {message.method} do not fit the "
                        "protocol's types",
                    ),
                )
            return
        super().handle_message(message)

    def send_notification(self, method: str, params: dict[str, Any]) -> None:
        """A notification whose parameters are already the protocol's JSON."""
        self._send_data({"jsonrpc": "2.0", "method": method, "params": params})


class Unreadable:
    """A message pygls could not make into its type."""

    def __init__(self, id: object, method: str, error: Exception) -> None:
        self.id = id if isinstance(id, str | int) else None
        self.method = method
        self.error = error


class ReadmelintServer(LanguageServer):
    protocol: Protocol

    def __init__(self) -> None:
        super().__init__("readmelint", __version__, protocol_cls=Protocol)
        self.documents: dict[str, Document] = {}
        self.pool = Pool()
        self.shut_down = False
        self._shown: set[str] = set()  # broken-config messages shown, while still broken
        self._poller: asyncio.Task[None] | None = None

    # The client's capabilities, and the workspace.

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding or types.PositionEncodingKind.Utf16
        return str(getattr(encoding, "value", encoding))  # "utf-16", not the enum's name

    def _client_has(self, path: str) -> bool:
        value: Any = self.client_capabilities
        for name in path.split("."):
            value = getattr(value, name, None)
            if value is None:
                return False
        return bool(value)

    def where(self, uri: str) -> Where:
        """Where a document's settings come from: its nearest config as the command
        line finds it, unless the client names workspace folders and it is in none."""
        path = to_fs_path(uri)
        if path is None:
            return Where(None, uri)
        folders = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        roots = [Path(folder) for folder in folders if folder]
        if roots and not any(Path(path).is_relative_to(root) for root in roots):
            return Where(None, path)
        return Where(path, path)

    # Checks: started after a pause, cancelled by a newer version, published if current.

    def changed(self, document: Document) -> None:
        """A new version: checked at once after a pause, else when typing pauses."""
        loop = asyncio.get_running_loop()
        if document.timer is not None:
            document.timer.cancel()
            document.timer = None
        if not document.checking and loop.time() - document.started >= DEBOUNCE:
            self.check_now(document)
        else:
            document.timer = loop.call_later(DEBOUNCE, self.check_now, document)

    def check_now(self, document: Document) -> None:
        """Check the document's current version, cancelling the check of an older one;
        a check of this very version already running is left to finish."""
        if not document.markdown or self.documents.get(document.uri) is not document:
            return
        if document.timer is not None:
            document.timer.cancel()
            document.timer = None
        if document.checking:
            if document.task_version == document.version:
                return
            assert document.task is not None
            document.task.cancel()
            self.log(f"cancelled the check of {document.uri} version {document.task_version}")
        document.started = asyncio.get_running_loop().time()
        document.task_version = document.version
        document.task = asyncio.create_task(self._check(document, document.version, document.text))

    async def _check(self, document: Document, version: int, text: Text) -> None:
        try:
            checked = await self.pool.run(jobs.check, text, document.where, self.encoding)
        except JobFailed as error:
            first = str(error).splitlines()[0] if str(error) else "no reason given"
            message = f"readmelint could not check this text ({first}); please report it"
            checked = Checked([Problem(0, 0, 0, 0, message)])
        if self.documents.get(document.uri) is not document or document.version != version:
            return  # closed, or a newer version is on its way
        if checked == document.checked and version == document.checked_version:
            return  # checked again (a save, a config file touched): nothing new to show
        document.checked, document.checked_version = checked, version
        self._config_message(checked)
        self.publish(document.uri, version, checked.problems)

    def _config_message(self, checked: Checked) -> None:
        """A broken config's message, shown once while some open document has it."""
        self._shown &= {
            d.checked.config_error
            for d in self.documents.values()
            if d.checked is not None and d.checked.config_error
        }
        if checked.config_error and checked.config_error not in self._shown:
            self._shown.add(checked.config_error)
            self.show(checked.config_error, types.MessageType.Error)

    def publish(self, uri: str, version: int | None, problems: list[Problem]) -> None:
        # Written as the protocol's JSON directly: a long list's 1,400 diagnostics as
        # lsprotocol objects took 40 ms to build and convert, most of a change's time.
        params: dict[str, Any] = {"uri": uri, "diagnostics": [diagnostic_json(p) for p in problems]}
        if version is not None:
            params["version"] = version
        self.protocol.send_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS, params)

    async def poll(self) -> None:
        """Check again each document whose config or schema changed on disk (a broken
        one too: the file its error names is watched)."""
        while True:
            await asyncio.sleep(POLL)
            self.reload()

    def reload(self) -> None:
        for document in list(self.documents.values()):
            checked = document.checked
            if checked is not None and not document.checking and checked.watch.changed():
                self.check_now(document)

    # Messages to the person.

    def show(self, message: str, kind: types.MessageType) -> None:
        self.window_show_message(types.ShowMessageParams(kind, f"readmelint: {message}"))

    def log(self, message: str) -> None:
        self.window_log_message(types.LogMessageParams(types.MessageType.Log, message))

    # Fixes.

    async def fixed(self, document: Document) -> jobs.Fixing:
        try:
            return await self.pool.run(jobs.fix, document.text, document.where, self.encoding)
        except JobFailed as error:
            return jobs.Fixing(refused=f"fix stopped: {str(error).splitlines()[0]}")

    def refused(self, document: Document, message: str, always: bool = False) -> None:
        """Tell the person fix changed nothing and why: once per version unless ``always``."""
        if always or document.version not in document.refused:
            document.refused.add(document.version)
            self.show(f"nothing was changed: {message}", types.MessageType.Error)

    def workspace_edit(self, document: Document, edits: list[Edit]) -> types.WorkspaceEdit:
        text_edits = [text_edit(edit) for edit in edits]
        if self._client_has("workspace.workspace_edit.document_changes"):
            identifier = types.OptionalVersionedTextDocumentIdentifier(
                document.uri, document.version
            )
            return types.WorkspaceEdit(
                document_changes=[types.TextDocumentEdit(identifier, list(text_edits))]
            )
        return types.WorkspaceEdit(changes={document.uri: list(text_edits)})

    async def current(self, document: Document) -> Checked:
        """The check of the document's current version (made now if need be)."""
        if document.checked is not None and document.checked_version == document.version:
            return document.checked
        return await self.pool.run(jobs.check, document.text, document.where, self.encoding)

    def shutdown(self) -> None:
        # pygls waits for its threads here, one of which blocks on reading stdin until
        # the client closes it: stop without waiting (the process ends right after).
        if self._stop_event is not None:
            self._stop_event.set()
        if self._thread_pool is not None:
            self._thread_pool.shutdown(wait=False, cancel_futures=True)
        self.pool.close()


# The protocol's diagnostic, by another name: readmelint's own Diagnostic is made only
# by its rules (tests/test_rules.py looks for calls of that name).
LspDiagnostic = types.Diagnostic


def diagnostic(problem: Problem) -> types.Diagnostic:
    severity = types.DiagnosticSeverity.Error
    if problem.warning:
        severity = types.DiagnosticSeverity.Warning
    return LspDiagnostic(
        range=types.Range(
            types.Position(problem.line, problem.character),
            types.Position(problem.end_line, problem.end_character),
        ),
        message=problem.message,
        severity=severity,
        code=problem.code,
        code_description=(
            types.CodeDescription(RULE_PAGE.format(anchor=problem.code.lower()))
            if problem.code
            else None
        ),
        source=SOURCE,
        data={"fixable": problem.fixable, "line": problem.origin} if problem.code else None,
    )


def diagnostic_json(problem: Problem) -> dict[str, Any]:
    """:func:`diagnostic` as the protocol's JSON (the tests read it back as lsprotocol's)."""
    found: dict[str, Any] = {
        "range": {
            "start": {"line": problem.line, "character": problem.character},
            "end": {"line": problem.end_line, "character": problem.end_character},
        },
        "message": problem.message,
        "severity": 2 if problem.warning else 1,
        "source": SOURCE,
    }
    if problem.code:
        found["code"] = problem.code
        found["codeDescription"] = {"href": RULE_PAGE.format(anchor=problem.code.lower())}
        found["data"] = {"fixable": problem.fixable, "line": problem.origin}
    return found


def text_edit(edit: Edit) -> types.TextEdit:
    return types.TextEdit(
        types.Range(
            types.Position(edit.line, edit.character),
            types.Position(edit.end_line, edit.end_character),
        ),
        edit.text,
    )


def guarded(
    handler: Callable[..., Coroutine[Any, Any, T]],
) -> Callable[..., Coroutine[Any, Any, T | None]]:
    """A handler whose unexpected errors are logged and answered with nothing, never
    raised into pygls (where a notification's error would end as a pop-up)."""

    async def run(server: ReadmelintServer, params: Any) -> T | None:
        try:
            return await handler(server, params)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            logger.exception("%s failed", handler.__name__)
            server.log(f"internal error in {handler.__name__}: {type(error).__name__}: {error}")
            return None

    run.__name__ = handler.__name__
    return run


def build() -> ReadmelintServer:
    server = ReadmelintServer()
    features: list[tuple[str, Any, Callable[..., Any]]] = []

    def feature(method: str, options: Any = None) -> Callable[[Callable[..., Any]], Any]:
        def register(handler: Callable[..., Any]) -> Any:
            features.append((method, options, handler))
            return handler

        return register

    @feature(types.INITIALIZED)
    async def initialized(server: ReadmelintServer, params: types.InitializedParams) -> None:
        server.pool.warm()
        server._poller = asyncio.create_task(server.poll())

    @feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(server: ReadmelintServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        old = server.documents.pop(item.uri, None)
        if old is not None:
            old.stop()
        document = Document(
            item.uri, item.version, Text(item.text), item.language_id, server.where(item.uri)
        )
        server.documents[item.uri] = document
        server.check_now(document)

    @feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(
        server: ReadmelintServer, params: types.DidChangeTextDocumentParams
    ) -> None:
        document = server.documents.get(params.text_document.uri)
        if document is None:
            return
        document.apply(params.content_changes, server.encoding)
        document.version = params.text_document.version
        server.changed(document)

    @feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(server: ReadmelintServer, params: types.DidSaveTextDocumentParams) -> None:
        document = server.documents.get(params.text_document.uri)
        if document is not None:
            server.check_now(document)

    @feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(server: ReadmelintServer, params: types.DidCloseTextDocumentParams) -> None:
        document = server.documents.pop(params.text_document.uri, None)
        if document is not None:
            document.stop()
            if document.markdown:
                server.publish(document.uri, None, [])

    @feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    async def watched(server: ReadmelintServer, params: types.DidChangeWatchedFilesParams) -> None:
        server.reload()

    @feature(types.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
    async def folders(
        server: ReadmelintServer, params: types.DidChangeWorkspaceFoldersParams
    ) -> None:
        for document in server.documents.values():
            where = server.where(document.uri)
            if where != document.where:
                document.where = where
                server.check_now(document)

    @feature(types.TEXT_DOCUMENT_FORMATTING)
    async def formatting(
        server: ReadmelintServer, params: types.DocumentFormattingParams
    ) -> list[types.TextEdit] | None:
        document = server.documents.get(params.text_document.uri)
        if document is None or not document.markdown:
            return None
        version = document.version
        fixing = await server.fixed(document)
        if fixing.refused is not None:
            server.refused(document, fixing.refused, always=True)
            return None
        if document.version != version:
            return None  # the text moved on while fix worked: its edits no longer fit
        return [text_edit(edit) for edit in fixing.edits]

    for method, options, handler in features:
        server.feature(method, options)(guarded(handler))
    register_actions(server)
    server.feature(types.SHUTDOWN)(_shutdown)
    return server


async def _shutdown(server: ReadmelintServer, params: None) -> None:
    server.shut_down = True
    if server._poller is not None:
        server._poller.cancel()
    for document in server.documents.values():
        document.stop()
    server.pool.close()


def register_actions(server: ReadmelintServer) -> None:
    from readmelint.server.actions import code_action, resolve

    options = types.CodeActionOptions(
        code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND], resolve_provider=True
    )
    server.feature(types.TEXT_DOCUMENT_CODE_ACTION, options)(guarded(code_action))
    server.feature(types.CODE_ACTION_RESOLVE)(guarded(resolve))
