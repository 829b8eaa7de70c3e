"""A loopback HTTP server for the `add` tests: arXiv's, Crossref's and DataCite's
answers as recorded under tests/add_answers/, and answers that go wrong on purpose.

    /arxiv/query?id_list=ID       arxiv/ID.xml (an old-style id's "/" as "_"), else an empty feed
    /crossref/works/DOI           crossref/DOI.json (a DOI's "/" as "_", any case), else 404
    /datacite/dois/DOI            datacite/DOI.json, else 404

Ids that misbehave: arXiv 2402.00500 and DOI 10.5555/fails (HTTP 500, always),
2402.00501 (500 once, then AnyGPT's answer), 2402.00777 (answers after
:attr:`Loopback.delay` seconds: a timeout); 2402.00666 and 10.5555/malformed are malformed.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

ANSWERS = Path(__file__).parent / "add_answers"
EMPTY_FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ArXiv Query</title></feed>
"""


class Loopback:
    """The running server: its address, what it was asked, and the endpoints to use."""

    def __init__(self, server: ThreadingHTTPServer) -> None:
        self.server = server
        self.requests: Counter[str] = Counter()
        self.user_agents: list[str] = []
        self.delay = 3.0

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"

    def environment(self) -> dict[str, str]:
        return {
            "READMELINT_ARXIV_API": f"{self.base}/arxiv/query",
            "READMELINT_CROSSREF_API": f"{self.base}/crossref/works",
            "READMELINT_DATACITE_API": f"{self.base}/datacite/dois",
        }


def _answer(loopback: Loopback, path: str, query: str) -> tuple[int, bytes]:
    if path == "/arxiv/query":
        wanted = parse_qs(query).get("id_list", [""])[0]
        if wanted == "2402.00500":
            return 500, b"Internal Server Error"
        if wanted == "2402.00501":
            if loopback.requests[f"{path}?{query}"] == 1:
                return 500, b"Internal Server Error"
            return 200, (ANSWERS / "arxiv" / "2402.12226.xml").read_bytes().replace(
                b"2402.12226", b"2402.00501"
            )
        if wanted == "2402.00777":
            time.sleep(loopback.delay)
        file = ANSWERS / "arxiv" / (wanted.replace("/", "_") + ".xml")
        return 200, file.read_bytes() if file.is_file() else EMPTY_FEED
    for prefix, folder in (("/crossref/works/", "crossref"), ("/datacite/dois/", "datacite")):
        if path.startswith(prefix):
            doi = unquote(path.removeprefix(prefix)).lower()
            if doi == "10.5555/fails":
                return 500, b"Internal Server Error"
            for file in (ANSWERS / folder).glob("*.json"):
                if file.stem.lower() == doi.replace("/", "_"):
                    return 200, file.read_bytes()
            return 404, b"Resource not found."
    return 404, b"no such endpoint"


@contextmanager
def serving() -> Iterator[Loopback]:
    """A server on 127.0.0.1 at a free port, in a thread, for the ``with`` block."""
    loopback: Loopback

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            key = f"{parts.path}?{parts.query}" if parts.query else parts.path
            loopback.requests[key] += 1
            loopback.user_agents.append(self.headers.get("User-Agent", ""))
            status, body = _answer(loopback, parts.path, parts.query)
            try:
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting (the timeout tests)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    loopback = Loopback(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield loopback
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
