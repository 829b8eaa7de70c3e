#!/usr/bin/env python3
"""Fuzz readmelint with atheris (libFuzzer for Python): any bytes, in memory, no files.

Each input is held to the one contract the regression tests hold theirs to,
``tests.helpers.assert_survives``: decoded (or refused with ``InputError``), checked
and fixed, with default settings and with every layout on (``tests.helpers.EVERY_LAYOUT``),
a quarter of the inputs with sub-item fields too (``tests.helpers.SUB_ITEM_FIELDS``),
without any other exception (a ``SafetyError`` is a bug: fix refused its own output;
but the second judge's ``RenderingChanged`` is printed, a place where markdown-it-py
and GitHub read the input apart), fix idempotent, nothing fixable left after it, and
check reporting something fixable exactly when fix changes the text.

    python fuzz/fuzz_readmelint.py -max_total_time=60 -seed=1 CORPUS_DIR fuzz/seeds
    python fuzz/fuzz_readmelint.py crash-file ...   # replay inputs, e.g. a crash

``fuzz/run.sh`` is the bounded run CI uses. Every crash found becomes a case in
``tests/test_contract.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

try:
    import atheris
except ImportError:  # atheris ships wheels for Linux x86-64 only
    sys.exit("fuzz_readmelint: atheris is not installed (pip install atheris, Linux x86-64)")

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["readmelint", "markdown_it"]):
    from tests.helpers import EVERY_LAYOUT, SUB_ITEM_FIELDS, assert_survives


def test_one_input(data: bytes) -> None:
    # A refusal by the second judge (GitHub would render the output otherwise) loses
    # nothing: it is printed, not a crash, until the parsers' disagreement is handled.
    assert_survives(data, refusal_ok=True)
    assert_survives(data, EVERY_LAYOUT, refusal_ok=True)
    if len(data) % 4 == 0:  # a quarter of the inputs: items with sub-item fields
        assert_survives(data, SUB_ITEM_FIELDS, refusal_ok=True)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
