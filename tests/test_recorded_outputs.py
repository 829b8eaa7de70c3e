"""check and fix give exactly the outputs recorded before a restructure.

The record (``tests/recorded/outputs.json``) holds, for each golden case and each
file of the corpus's ``notes/``, every diagnostic check reports and a digest of what
fix writes. A change that means to alter them regenerates it with
``python -m tests.regenerate recorded`` and says why in its commit.
"""

from __future__ import annotations

import json

import pytest

from tests.regenerate import RECORDED, outputs, recorded_inputs

RECORD: dict[str, dict[str, object]] = json.loads(RECORDED.read_text("utf-8"))
INPUTS = {name: (path, settings) for name, path, settings in recorded_inputs()}


@pytest.mark.parametrize("name", sorted(RECORD))
def test_outputs_are_as_recorded(name: str) -> None:
    if name not in INPUTS:
        pytest.skip(f"{name} is absent: clone the project beside ../shared to compare it")
    path, settings = INPUTS[name]
    assert outputs(name, path, settings) == RECORD[name]


def test_every_input_is_recorded() -> None:
    assert set(INPUTS) <= set(RECORD)
