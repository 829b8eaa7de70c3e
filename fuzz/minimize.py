#!/usr/bin/env python3
"""Shrink a crashing fuzzer input to a small one that fails the same way.

    .venv/bin/python fuzz/minimize.py fuzz/crashes/crash-<sha1>

Prints the failure and the smallest text found (as a Python literal, ready for
``CASES`` in ``tests/test_contract.py``). The contract is
``tests.helpers.assert_survives``: a smaller input counts only if it fails with the same
exception type and message (numbers aside). Removes runs of lines, then of characters, halving
the run length, until nothing more can go (plain delta debugging).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers import EVERY_LAYOUT, SUB_ITEM_FIELDS, assert_survives

# Lines with their terminators, each of CommonMark's three kept as it is.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def failure(data: bytes) -> str | None:
    """How ``data`` breaks the contract (exception type and message), or ``None``: with
    default settings, then with every layout on, then with sub-item fields (as the fuzz
    target tries a quarter of its inputs)."""
    for settings in (None, EVERY_LAYOUT, SUB_ITEM_FIELDS):
        try:
            assert_survives(data, settings)
        except Exception as error:  # any exception is the finding
            return f"{type(error).__name__}: {error}"
    return None


def _kind(found: str | None) -> str | None:
    """A failure without its numbers: a shorter input moves the line it names."""
    return None if found is None else re.sub(r"\d+", "N", found)


def shrink(text: str, target: str) -> str:
    def still_fails(parts: list[str]) -> bool:
        return _kind(failure("".join(parts).encode())) == _kind(target)

    changed = True
    while changed:
        changed = False
        for split in (_LINES.findall, list):
            parts: list[str] = split(text)
            size = max(1, len(parts) // 2)
            while size:
                start = 0
                while start < len(parts):
                    candidate = parts[:start] + parts[start + size :]
                    if candidate and still_fails(candidate):
                        parts, changed = candidate, True
                    else:
                        start += size
                size //= 2
            text = "".join(parts)
    return text


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    data = Path(sys.argv[1]).read_bytes()
    found = failure(data)
    if found is None:
        print(f"{sys.argv[1]}: no failure: fixed already, or not a crash of this contract")
        return 0
    print(found)
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        print("(not UTF-8: add it to FUZZED as raw bytes)")
        return 1
    print(repr(shrink(text, found)))
    return 1


if __name__ == "__main__":
    sys.exit(main())
