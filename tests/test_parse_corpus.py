"""The parser on every real version of Notes_zh.md: entries, headings, labels and lines."""

from __future__ import annotations

import pytest

from readmelint.layouts.headings.find import BULLETS
from readmelint.parse import parse
from tests.helpers import corpus_file, read_text, version

SIX = ["AnyGPT", "VL-GPT", "Kosmos-G", "DreamLLM", "LaVIT", "SpeechGPT"]
TEN = [*SIX, "MMDialog", "MDRG / Divter", "CLIP", "ViLT"]
STUBS = ["", "", "", ""]

# What each version really holds: entry headings and the line of each heading.
EXPECTED = {
    "97798df": (SIX + STUBS, [10, 22, 32, 43, 55, 65, 78, 88, 98, 108]),
    "295878e": (SIX + STUBS, [14, 26, 36, 47, 59, 69, 82, 92, 102, 112]),
    "09c6e0a": (SIX + STUBS, [14, 26, 36, 47, 59, 69, 82, 92, 102, 112]),
    "8ae1b03": (SIX, [15, 27, 37, 48, 60, 70]),
    "265f275": (TEN, [31, 43, 53, 64, 76, 86, 100, 110, 123, 134]),
    "32d1e72": (TEN, [31, 43, 53, 64, 76, 86, 100, 110, 123, 134]),
}
NOTE_LABEL = {
    "97798df": "**Personal note**:",
    "295878e": "**Personal note**:",
    "09c6e0a": "**Personal note**:",
    "8ae1b03": "**Personal note**:",
    "265f275": "**Personal Note**:",
    "32d1e72": "**Personal Note**:",
}


@pytest.mark.parametrize("commit", sorted(EXPECTED))
def test_entries_and_heading_lines(commit: str) -> None:
    document = parse(read_text(corpus_file(version(commit))))
    headings, lines = EXPECTED[commit]
    assert [entry.heading for entry in document.entries] == headings
    assert [entry.line for entry in document.entries] == lines
    for entry in document.entries:
        assert entry.form is BULLETS
        assert (entry.list_indent, entry.list_marker) == (2, "-")
        # The heading line really is the heading, and each field's first line its label.
        assert document.lines[entry.line - 1].startswith("###")
        for field in entry.fields:
            first = document.lines[field.span.start - 1]
            assert first[field.column - 1 :].startswith(field.label_source)


@pytest.mark.parametrize("commit", sorted(NOTE_LABEL))
def test_label_drift_is_parsed_to_one_key(commit: str) -> None:
    document = parse(read_text(corpus_file(version(commit))))
    notes = [entry.field("personal_note") for entry in document.entries]
    assert all(note is not None for note in notes)
    assert {note.label_source for note in notes if note} == {NOTE_LABEL[commit]}


def test_reference_entry_fields_and_lines() -> None:
    document = parse(read_text(corpus_file(version("09c6e0a"))))
    anygpt = document.entries[0]
    assert [(f.label, f.span.start, f.span.end) for f in anygpt.fields] == [
        ("Paper", 15, 18),  # the link, its hard break, and three badge lines
        ("Accepted", 19, 19),
        ("Submission Date", 20, 20),
        ("Authors", 21, 21),
        ("Tags", 22, 22),
        ("Abstract", 23, 23),
        ("Personal note", 24, 24),
    ]
    assert anygpt.field("submission_date") is not None
    assert anygpt.fields[2].value == "2024-02-19"
    assert anygpt.fields[0].value.startswith("[AnyGPT: Unified Multimodal LLM")
    assert anygpt.fields[0].value.count("\n") == 3
    assert all(f.column == 5 for f in anygpt.fields)


def test_speechgpt_defects_are_visible_in_the_model() -> None:
    document = parse(read_text(corpus_file(version("09c6e0a"))))
    speech = document.entries[5]
    assert speech.heading == "SpeechGPT"
    assert [f.key for f in speech.fields] == [
        "paper",
        "accepted",
        "submission_date",
        "authors",
        "brief_introduction",
        "personal_note",
    ]
    authors = speech.field("authors")
    assert authors is not None
    assert (authors.value, authors.span.start) == ("", 75)


def test_table_of_contents_and_quotes_are_not_entries() -> None:
    document = parse(read_text(corpus_file(version("32d1e72"))))
    # The table of contents is a bullet list of links right after a quote: not an entry.
    assert all(entry.line > 30 for entry in document.entries)
    assert [(s.title, s.level) for s in document.sections] == [
        ("Multimodal", 1),
        ("Large Multimodal Models", 2),
        ("Multimodal Dialogue", 2),
        ("Multimodal Learning", 2),
    ]
    vilt = document.entries[-1]
    assert vilt.heading == "ViLT"
    assert vilt.field("authors") is None


@pytest.mark.parametrize(
    "name",
    [
        "tables/friedrichor__Awesome-Multimodal-Papers__5acfac4__README.md",
        "tables/xianshang33__llm-paper-daily__README_en.md",
    ],
)
def test_table_layout_files_have_no_entries(name: str) -> None:
    document = parse(read_text(corpus_file(name)))
    assert document.entries == ()
