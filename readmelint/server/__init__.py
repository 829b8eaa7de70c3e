"""``readmelint server``: the linter in the editor, over the Language Server Protocol.

Thin pygls handlers (``lsp.py``, ``actions.py``) over the open documents
(``documents.py``, ``text.py``) and a pool of worker processes (``pool.py``) that run
the library's check and fix on each document's text with the config of its folder
(``jobs.py``), exactly as the command line does. pygls is imported only here, so the
other commands never load it.
"""

from __future__ import annotations

import os
import sys


def serve() -> int:
    """Serve one client over standard input and output; the exit code the protocol asks
    for (0 after a ``shutdown`` request, else 1)."""
    from readmelint.server.lsp import build
    from readmelint.server.stdio import Repairing

    server = build()
    try:
        server.start_io(stdin=Repairing(sys.stdin.buffer), stdout=sys.stdout.buffer)  # type: ignore[arg-type]
    finally:
        server.pool.close()
    return 0 if server.shut_down else 1


def main() -> None:
    """Serve, then end the process at once: a thread of pygls may still be blocked
    reading standard input, which nothing can interrupt."""
    code = serve()
    sys.stderr.flush()
    os._exit(code)
