#!/usr/bin/env python3
"""Fuzz readmelint with atheris (libFuzzer for Python): any bytes, in memory, no files.

Each input goes the way a file does: ``readmelint.source.decode`` (refusing it with
``InputError`` is fine), then ``check_text`` and ``fix_text`` with default settings.
A crash is any other exception (a ``SafetyError`` included: fix refusing its own
output is a bug), or ``fix`` not being idempotent.

    python fuzz/fuzz_readmelint.py -max_total_time=60 -seed=1 CORPUS_DIR fuzz/seeds
    python fuzz/fuzz_readmelint.py crash-file ...   # replay inputs, e.g. a crash

``fuzz/run.sh`` is the bounded run CI uses. Every crash found becomes a case in
``tests/test_fuzz_regressions.py``.
"""

from __future__ import annotations

import sys

try:
    import atheris
except ImportError:  # atheris ships wheels for Linux x86-64 only
    sys.exit("fuzz_readmelint: atheris is not installed (pip install atheris, Linux x86-64)")

with atheris.instrument_imports(include=["readmelint", "markdown_it"]):
    from readmelint.check import check_text
    from readmelint.errors import InputError
    from readmelint.fix import fix_text
    from readmelint.settings import Settings
    from readmelint.source import decode

SETTINGS = Settings()


def test_one_input(data: bytes) -> None:
    try:
        text = decode(data, "fuzz").text
        check_text(text, SETTINGS)
        once = fix_text(text, SETTINGS)
    except InputError:
        return  # refused with a clear message (not UTF-8, binary, nested too deeply)
    twice = fix_text(once, SETTINGS)
    if twice != once:
        raise AssertionError(f"fix is not idempotent on {data!r}:\n{once!r}\n!=\n{twice!r}")


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
