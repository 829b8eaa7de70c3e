"""fix on every real version: idempotent, lossless, and nothing outside entries changes."""

from __future__ import annotations

from collections import Counter

import pytest

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import (
    corpus_file,
    non_blank_characters,
    notes_versions,
    outside_entries,
    read_text,
)

VERSIONS = notes_versions() or ["(corpus absent)"]


@pytest.fixture(params=VERSIONS)
def original(request: pytest.FixtureRequest) -> str:
    return read_text(corpus_file(request.param))


def test_fix_is_idempotent(original: str) -> None:
    once = fix_text(original, Settings())
    assert once != original  # every version has something to fix
    assert fix_text(once, Settings()) == once


def test_nothing_fixable_remains(original: str) -> None:
    fixed = fix_text(original, Settings())
    assert [d for d in check_text(fixed, Settings()) if d.fixable] == []


def test_lines_outside_entries_are_unchanged(original: str) -> None:
    assert outside_entries(fix_text(original, Settings())) == outside_entries(original)


def test_every_non_blank_character_survives(original: str) -> None:
    assert non_blank_characters(fix_text(original, Settings())) == non_blank_characters(original)


def test_schema_errors_survive_fix(original: str) -> None:
    """fix repairs form, not content: the unfixable problems are still there afterwards."""

    def unfixable(text: str) -> Counter[str]:
        return Counter(d.code for d in check_text(text, Settings()) if not d.fixable)

    assert unfixable(fix_text(original, Settings())) == unfixable(original)
