"""Code actions: fix's whole result ("Fix all readmelint problems") and, for each
fixable problem, the part of it that repairs that problem alone (see
:func:`readmelint.server.jobs.quick_fixes`).

A client that can resolve actions gets them without edits, and each edit is made
when the person picks the action: some clients ask for actions at every move of the
cursor, and a long list's fix takes a second.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from lsprotocol import types

from readmelint.server import jobs
from readmelint.server.documents import Document
from readmelint.server.jobs import Problem, QuickFix
from readmelint.server.lsp import FIX_ALL, FIX_ALL_KIND, ReadmelintServer, diagnostic
from readmelint.server.pool import JobFailed


def _wanted(only: Sequence[str] | None, kind: str) -> bool:
    """Whether ``kind`` is of a kind the client asked for (kinds nest at dots)."""
    if only is None:
        return True
    asked = [getattr(k, "value", k) for k in only]  # lsprotocol's kinds are str enums
    return any(kind == k or kind.startswith(f"{k}.") for k in asked)


def _touches(problem: Problem, where: types.Range) -> bool:
    return where.start.line <= problem.end_line and problem.line <= where.end.line


def _lazy(server: ReadmelintServer) -> bool:
    capability = server.client_capabilities.text_document
    action = capability.code_action if capability else None
    support = action.resolve_support if action else None
    return support is not None and "edit" in support.properties


async def code_action(
    server: ReadmelintServer, params: types.CodeActionParams
) -> list[types.CodeAction] | None:
    document = server.documents.get(params.text_document.uri)
    if document is None or not document.markdown:
        return None
    checked = await server.current(document)
    fixable = [problem for problem in checked.problems if problem.fixable]
    if not fixable:
        return []
    only = params.context.only
    here = [p for p in fixable if _touches(p, params.range)] if _wanted(only, "quickfix") else []
    fix_all = _wanted(only, FIX_ALL_KIND)
    if _lazy(server):
        actions = [_unresolved(document, problem) for problem in here]
        if fix_all:
            actions.append(_fix_all(document, fixable, {"fix": "all"}))
        return actions
    return await _resolved(server, document, fixable, here, fix_all)


def _data(document: Document, **more: Any) -> dict[str, Any]:
    return {"uri": document.uri, "version": document.version, **more}


def _fix_all(document: Document, fixable: list[Problem], data: dict[str, Any]) -> types.CodeAction:
    return types.CodeAction(
        FIX_ALL,
        kind=FIX_ALL_KIND,
        diagnostics=[diagnostic(problem) for problem in fixable],
        data=_data(document, **data),
    )


def _unresolved(document: Document, problem: Problem) -> types.CodeAction:
    return types.CodeAction(
        f"Fix {problem.code} ({jobs._name(problem.code or '')})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(problem)],
        is_preferred=True,
        data=_data(document, fix="quick", code=problem.code, line=problem.origin),
    )


async def _resolved(
    server: ReadmelintServer,
    document: Document,
    fixable: list[Problem],
    here: list[Problem],
    fix_all: bool,
) -> list[types.CodeAction]:
    version = document.version
    wanted = [(problem.code or "", problem.origin) for problem in here]
    quick, whole = await asyncio.gather(
        _quick_fixes(server, document, wanted), server.fixed(document) if fix_all else _none()
    )
    if document.version != version:
        return []
    actions = []
    if isinstance(quick, str):
        server.refused(document, quick)
        quick = []
    for fix in quick:
        origins = set(fix.origins)
        actions.append(
            types.CodeAction(
                fix.title,
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diagnostic(p) for p in here if ((p.code or ""), p.origin) in origins],
                is_preferred=True,
                edit=server.workspace_edit(document, [fix.edit]),
            )
        )
    if whole is not None:
        if whole.refused is not None:
            server.refused(document, whole.refused)
        elif whole.edits:
            action = _fix_all(document, fixable, {"fix": "all"})
            action.edit = server.workspace_edit(document, list(whole.edits))
            action.data = None
            actions.append(action)
    return actions


async def _none() -> None:
    return None


async def _quick_fixes(
    server: ReadmelintServer, document: Document, wanted: list[tuple[str, int]]
) -> list[QuickFix] | str:
    if not wanted:
        return []
    try:
        return await server.pool.run(
            jobs.quick_fixes, document.text, document.where, server.encoding, wanted
        )
    except JobFailed as error:
        return f"fix stopped: {str(error).splitlines()[0]}"


async def resolve(server: ReadmelintServer, action: types.CodeAction) -> types.CodeAction:
    """The edit of an action made without one; none if the document moved on."""
    data = action.data if isinstance(action.data, dict) else {}
    document = server.documents.get(str(data.get("uri")))
    if document is None or document.version != data.get("version"):
        return action
    version = document.version
    if data.get("fix") == "all":
        whole = await server.fixed(document)
        if whole.refused is not None:
            server.refused(document, whole.refused, always=True)
        elif whole.edits and document.version == version:
            action.edit = server.workspace_edit(document, list(whole.edits))
        return action
    wanted = [(str(data.get("code")), int(data.get("line", 0)))]
    quick = await _quick_fixes(server, document, wanted)
    if isinstance(quick, str):
        server.refused(document, quick, always=True)
    elif quick and document.version == version:
        action.edit = server.workspace_edit(document, [quick[0].edit])
    return action
