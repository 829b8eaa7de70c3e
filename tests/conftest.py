"""pytest's own hooks only; what tests share is in ``tests/helpers.py``."""

from __future__ import annotations

import os

import pytest


def pytest_configure(config: pytest.Config) -> None:
    # The result cache is off for every test (and the processes tests start) but those
    # that turn it on (tests/test_cache.py): a test that patches readmelint's code must
    # never be answered from a result an earlier test or run kept.
    os.environ.setdefault("READMELINT_NO_CACHE", "1")
