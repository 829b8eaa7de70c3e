"""Exact diagnostics on the reference file and on the latest version of the list."""

from __future__ import annotations

from readmelint.check import check_text
from readmelint.settings import Settings
from tests.helpers import corpus_file, read_text, version


def _problems(commit: str) -> list[tuple[int, int, str, str]]:
    text = read_text(corpus_file(version(commit)))
    return [(d.line, d.column, d.code, d.message) for d in check_text(text, Settings(), commit)]


def test_reference_schema_errors_exactly() -> None:
    errors = [p for p in _problems("09c6e0a") if not p[2].startswith("RL1")]
    assert errors == [
        (69, 1, "RL001", 'entry "SpeechGPT" is missing the field "Tags"; add `**Tags:** ...` to its list'),
        (69, 1, "RL001", 'entry "SpeechGPT" is missing the field "Abstract"; add `**Abstract:** ...` to its list'),
        (75, 5, "RL002", 'field "Authors" is empty; fill it in'),
        (76, 5, "RL005", 'unknown field "Brief Introduction"; did you mean "Abstract"?'),
        (82, 1, "RL007", "template stub: the heading and every field are empty; fill it in or delete it"),
        (92, 1, "RL007", "template stub: the heading and every field are empty; fill it in or delete it"),
        (102, 1, "RL007", "template stub: the heading and every field are empty; fill it in or delete it"),
        (112, 1, "RL007", "template stub: the heading and every field are empty; fill it in or delete it"),
    ]  # fmt: skip


def test_reference_fixable_problems_exactly() -> None:
    fixable = [
        (line, col, code) for line, col, code, _ in _problems("09c6e0a") if code.startswith("RL1")
    ]
    # Every entry writes `**Personal note**:` (colon outside the bold) while its other
    # labels are `**Label:**`: the list's own way for that label, which fix keeps.
    assert fixable == [
        (57, 1, "RL103"),  # two blank lines after DreamLLM
        (72, 123, "RL105"),  # trailing spaces that end the Paper paragraph
        (75, 17, "RL105"),
        (76, 5, "RL101"),  # Brief Introduction (unknown) goes after Personal note
        (78, 1, "RL103"),  # four blank lines after SpeechGPT
    ]  # fmt: skip


def test_stubs_are_reported_once_each_and_nothing_else_at_them() -> None:
    problems = _problems("09c6e0a")
    for stub in (82, 92, 102, 112):
        inside = [p for p in problems if stub <= p[0] < stub + 9]
        assert [p[2] for p in inside] == ["RL007"]


def test_clean_entries_have_no_schema_errors() -> None:
    problems = _problems("09c6e0a")
    clean = {"AnyGPT": (14, 24), "VL-GPT": (26, 34), "Kosmos-G": (36, 45), "DreamLLM": (47, 56), "LaVIT": (59, 67)}  # fmt: skip
    for start, end in clean.values():
        assert not [p for p in problems if start <= p[0] <= end and not p[2].startswith("RL1")]


def test_latest_version_only_schema_error_is_vilt_missing_authors() -> None:
    errors = [p for p in _problems("32d1e72") if not p[2].startswith("RL1")]
    assert errors == [
        (134, 1, "RL001", 'entry "ViLT" is missing the field "Authors"; add `**Authors:** ...` to its list')
    ]  # fmt: skip


def test_latest_version_label_drift_is_fixable() -> None:
    problems = _problems("32d1e72")
    drift = [p for p in problems if p[2] == "RL102"]
    assert len(drift) == 10
    # The spelling is the schema's; the colon outside the bold, written so in every
    # entry, is the list's own and stays.
    assert all("**Personal Note**:" in p[3] and "**Personal note**:" in p[3] for p in drift)
