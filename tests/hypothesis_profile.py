"""Hypothesis settings for readmelint's property tests, one place for every count.

Profiles are applied per test (``@PROPERTIES``), not loaded globally, so other
test modules keep Hypothesis' defaults. Choose one with
``READMELINT_HYPOTHESIS_PROFILE``; without it, ``CI=true`` selects ``ci``:

- ``ci``: fixed examples (``derandomize``), so a CI failure reproduces exactly;
- ``dev`` (default): random examples, failures saved in ``.hypothesis/``;
- ``thorough``: fifty times the examples, for hunting bugs locally.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# Per property test: enough to meet every defect in the strategies several times over,
# few enough that the whole suite stays within CI's ten minutes on two cores; hunt
# with ``thorough``.
DOCUMENT_EXAMPLES = 100
ARBITRARY_EXAMPLES = 200

_COMMON = {
    "deadline": None,  # no timing assertions: shared CI runners stall
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    "print_blob": True,
}

for name, scale, extra in (
    ("ci", 1, {"derandomize": True, "database": None}),
    ("dev", 1, {}),
    ("thorough", 50, {}),
):
    settings.register_profile(
        f"readmelint-{name}-documents",
        max_examples=DOCUMENT_EXAMPLES * scale,
        **_COMMON,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )
    settings.register_profile(
        f"readmelint-{name}-arbitrary",
        max_examples=ARBITRARY_EXAMPLES * scale,
        **_COMMON,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


def profile_name() -> str:
    chosen = os.environ.get("READMELINT_HYPOTHESIS_PROFILE")
    if chosen:
        return chosen
    return "ci" if os.environ.get("CI", "").lower() in ("1", "true", "yes") else "dev"


PROFILE = profile_name()
# Decorators for the two kinds of property test.
PROPERTIES = settings.get_profile(f"readmelint-{PROFILE}-documents")
ARBITRARY = settings.get_profile(f"readmelint-{PROFILE}-arbitrary")
