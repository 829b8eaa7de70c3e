"""The client's messages as pygls reads them, with bytes that are not UTF-8 made readable.

pygls decodes each message body as UTF-8 JSON and drops a message that fails: a
request would never be answered, an opened document never seen. Here each such byte
becomes the JSON escape of a lone surrogate (``\\udcXX``, as Python's surrogateescape
names it), so the message arrives; a document's text holding one is then refused as
the command line refuses a file that is not UTF-8, naming the same byte offset.
"""

from __future__ import annotations

import re
from typing import BinaryIO

_LENGTH = re.compile(rb"^content-length:\s*(\d+)\s*$", re.IGNORECASE)
_ESCAPED = re.compile("[\udc80-\udcff]")


def repaired(body: bytes) -> bytes:
    """``body`` unchanged if it is UTF-8, else with each bad byte as a ``\\udcXX`` escape."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("utf-8", "surrogateescape")
        return _ESCAPED.sub(lambda bad: f"\\u{ord(bad.group()):04x}", text).encode("utf-8")
    return body


class Repairing:
    """A binary stream of framed messages (``Content-Length`` headers, a blank line, the
    body) read a whole message at a time, each body through :func:`repaired` and its
    header saying its new length. Only ``readline`` and ``read`` are offered: all that
    pygls' reader uses."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._pending = b""

    def _fill(self) -> None:
        headers: list[bytes] = []
        length: int | None = None
        while True:
            line = self._stream.readline()
            if not line:
                break
            headers.append(line)
            if match := _LENGTH.match(line.rstrip(b"\r\n")):
                length = int(match.group(1))
            elif not line.strip() and length is not None:
                break
        if length is None or not headers or headers[-1].strip():
            self._pending = b"".join(headers)  # no message: passed on for pygls to skip
            return
        body = repaired(self._stream.read(length))
        kept = [line for line in headers if not _LENGTH.match(line.rstrip(b"\r\n"))]
        self._pending = b"".join(
            [f"Content-Length: {len(body)}\r\n".encode(), *kept[:-1], b"\r\n", body]
        )

    def readline(self) -> bytes:
        if not self._pending:
            self._fill()
        end = self._pending.find(b"\n") + 1 or len(self._pending)
        line, self._pending = self._pending[:end], self._pending[end:]
        return line

    def read(self, size: int) -> bytes:
        if not self._pending:
            self._fill()
        chunk, self._pending = self._pending[:size], self._pending[size:]
        return chunk
