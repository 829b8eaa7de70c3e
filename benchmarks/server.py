"""How fast a warm `readmelint server` answers a change, against the CLI's in-process check.

The server is started once and sent the list; after its first diagnostics (the worker
processes are warm then), each round waits past the debounce (a change after a pause is
checked at once, as when a person stops typing), sends one small change (a character
added to or taken from the last line) and times until the diagnostics of that version
have arrived whole. The CLI's in-process check time is ``runner.check_path`` with a
fresh config resolver in a process that has already imported everything: what one
`readmelint check` run costs beyond start-up and imports.

    python benchmarks/server.py FILE [--rounds 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

DEBOUNCE = 0.15  # readmelint.server.lsp.DEBOUNCE: a change after this pause is checked at once
# A warm process that checks the file as one `readmelint check` run does (a fresh config
# resolver, the collector off) each time it reads a line, and prints the seconds taken.
IN_PROCESS = """
import gc, sys, time
from readmelint.runner import ConfigResolver, check_path
gc.disable()
check_path(sys.argv[1], ConfigResolver())
for _ in sys.stdin:
    start = time.perf_counter()
    check_path(sys.argv[1], ConfigResolver())
    print(time.perf_counter() - start, flush=True)
"""


@dataclass(frozen=True)
class Latency:
    """A change's diagnostics on the warm server, and the CLI's in-process check of the
    same file, timed in turns so that the machine's other work slows both alike."""

    median: float  # seconds
    worst: float
    rounds: int
    problems: int  # diagnostics in each answer
    check: float  # the in-process check's median, seconds


def _send(stream: IO[bytes], message: dict[str, Any]) -> None:
    body = json.dumps(message).encode()
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def _receive(stream: IO[bytes]) -> dict[str, Any]:
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    if not line:
        raise RuntimeError("the server ended")
    message: dict[str, Any] = json.loads(stream.read(length))
    return message


def _diagnostics(stream: IO[bytes], version: int) -> int:
    while True:
        message = _receive(stream)
        diagnostics = message.get("method") == "textDocument/publishDiagnostics"
        if diagnostics and message["params"].get("version") == version:
            return len(message["params"]["diagnostics"])


def server_latency(path: Path, rounds: int, readmelint: list[str]) -> Latency:
    """The time from a change to its diagnostics, on a warm server, over ``rounds`` changes,
    each followed by one in-process check."""
    text = path.read_text("utf-8")
    lines = text.split("\n")
    last = len(lines) - 1 if lines[-1] else len(lines) - 2
    end = len(lines[last].encode("utf-16-le")) // 2
    uri = path.resolve().as_uri()
    process = subprocess.Popen(
        [*readmelint, "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=path.parent
    )
    checker = subprocess.Popen(
        [sys.executable, "-c", IN_PROCESS, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=path.parent,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    assert checker.stdin is not None
    assert checker.stdout is not None
    checks = []
    try:
        _send(
            process.stdin,
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {
                    "capabilities": {},
                    "rootUri": path.parent.resolve().as_uri(),
                    "processId": None,
                },
            },
        )
        while _receive(process.stdout).get("id") != 1:
            pass
        _send(process.stdin, {"jsonrpc": "2.0", "method": "initialized", "params": {}})
        item = {"uri": uri, "languageId": "markdown", "version": 1, "text": text}
        _send(
            process.stdin,
            {"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": item}},
        )
        problems = _diagnostics(process.stdout, 1)
        times = []
        for version in range(2, rounds + 2):
            time.sleep(DEBOUNCE + 0.05)
            adding = version % 2 == 0
            start = {"line": last, "character": end}
            stop = {"line": last, "character": end if adding else end + 1}
            change = {"range": {"start": start, "end": stop}, "text": "x" if adding else ""}
            began = time.perf_counter()
            _send(
                process.stdin,
                {
                    "jsonrpc": "2.0",
                    "method": "textDocument/didChange",
                    "params": {
                        "textDocument": {"uri": uri, "version": version},
                        "contentChanges": [change],
                    },
                },
            )
            _diagnostics(process.stdout, version)
            times.append(time.perf_counter() - began)
            checker.stdin.write("\n")
            checker.stdin.flush()
            checks.append(float(checker.stdout.readline()))
        _send(process.stdin, {"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        while _receive(process.stdout).get("id") != 2:
            pass
        _send(process.stdin, {"jsonrpc": "2.0", "method": "exit"})
        process.wait(timeout=30)
    finally:
        checker.stdin.close()
        checker.wait()
        if process.poll() is None:
            process.kill()
            process.wait()
    return Latency(
        statistics.median(times), max(times), rounds, problems, statistics.median(checks)
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    latency = server_latency(args.file, args.rounds, [sys.executable, "-m", "readmelint"])
    if args.json:
        print(json.dumps(asdict(latency)))
        return 0
    print(
        f"{args.file.name}: {latency.problems} problems; server {latency.median * 1000:.1f} ms "
        f"median, {latency.worst * 1000:.1f} ms worst of {latency.rounds}; in-process check "
        f"{latency.check * 1000:.1f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
