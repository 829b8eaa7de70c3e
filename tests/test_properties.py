"""Properties of ``fix`` and the parser on generated paper lists (issue 3).

The generated lists (``tests/strategies.py``) carry the defects and hazards real
lists have: missing, empty, duplicated, unknown and shuffled fields, drifted
labels, template stubs, blank-line runs, trailing spaces and hard breaks, CRLF,
a BOM, no final newline, code, quotes and HTML holding entry-like text, nested
lists and multi-paragraph values, CJK, emoji and right-to-left text.

Example counts come from the profiles in ``tests/hypothesis_profile.py``:
``CI=true`` runs a fixed, reproducible set (``derandomize``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from readmelint.check import check_text
from readmelint.config import Config
from readmelint.fix import fix_document, fix_text
from readmelint.parse import BlockCache, parse
from readmelint.rules.registry import RULES
from readmelint.runner import fix_source
from readmelint.settings import Settings
from readmelint.source import Source, decode, split_lines, strip_newline
from readmelint.verify import Preserved
from tests.helpers import (
    apply,
    assert_survives,
    fixable_left,
    non_blank_characters,
    outside_entries,
)
from tests.hypothesis_profile import ARBITRARY, PROPERTIES
from tests.strategies import Document, documents

SETTINGS = Settings()
MARKDOWN = MarkdownIt("commonmark")


def fixed(document: Document) -> str:
    return fix_text(document.text, SETTINGS)


@PROPERTIES
@given(documents())
def test_fix_is_idempotent(document: Document) -> None:
    once = fixed(document)
    assert fix_text(once, SETTINGS) == once


@PROPERTIES
@given(documents())
def test_safety_check_accepts_every_fix(document: Document) -> None:
    """fix_text runs the safety check on every change (a SafetyError is a bug in the
    renderer or the check, never in the input); run here on its own too, it accepts
    the output, which holds every entry the input held; and fix says it changed
    something (its regions) exactly when the text changed."""
    result = fix_document(document.text, SETTINGS)
    before = parse(document.text, SETTINGS)
    after = parse(result.text, SETTINGS)
    Preserved.of(before).verify(after)
    assert Counter(e.heading for e in after.entries) == Counter(e.heading for e in before.entries)
    assert bool(result.regions) == (result.text != document.text)


@PROPERTIES
@given(documents())
def test_fix_keeps_every_non_blank_character(document: Document) -> None:
    assert non_blank_characters(fixed(document)) == non_blank_characters(document.text)


@PROPERTIES
@given(documents())
def test_nothing_fixable_remains_after_fix(document: Document) -> None:
    assert fixable_left(fixed(document)) == []


@PROPERTIES
@given(documents())
def test_check_reports_something_fixable_exactly_when_fix_changes_the_file(
    document: Document,
) -> None:
    """check decides from its input and a probe, fix from its whole output: they agree."""
    fixable = [d for d in check_text(document.text, SETTINGS) if d.fixable]
    assert bool(fixable) == (fixed(document) != document.text)


FIXABLE = sorted(rule.code for rule in RULES if rule.fixable)
DIRECTIVES = ("disable-next-line", "disable", "disable-file", "enable")


@st.composite
def turned_off(draw: st.DrawFn, text: str) -> tuple[Settings, str]:
    """Settings that select or ignore some fixable codes, and the text with a suppression
    comment put in at some line."""
    codes = frozenset(draw(st.lists(st.sampled_from([*FIXABLE, "RL1", "RL10"]), max_size=3)))
    settings = draw(
        st.sampled_from(
            [replace(SETTINGS, ignore=codes), replace(SETTINGS, select=codes), SETTINGS]
        )
    )
    if draw(st.booleans()):
        lines = text.splitlines(keepends=True)
        at = draw(st.integers(0, len(lines)))
        named = " ".join(draw(st.lists(st.sampled_from(FIXABLE), max_size=2)))
        comment = f"<!-- readmelint-{draw(st.sampled_from(DIRECTIVES))} {named} -->\n"
        text = "".join([*lines[:at], comment, *lines[at:]])
    return settings, text


@PROPERTIES
@given(st.data(), documents())
def test_check_and_fix_agree_with_codes_turned_off(data: st.DataObject, document: Document) -> None:
    """What select, ignore or an inline suppression hides from check, fix does not change:
    check reports something fixable exactly when fix changes the text, fix is idempotent
    and leaves nothing fixable (issue 25 item 1)."""
    settings, text = data.draw(turned_off(document.text))
    assert_survives(text.encode("utf-8", "surrogatepass"), settings)


def rendered_values(text: str) -> Counter[tuple[str | None, str]]:
    """Each field's value rendered to HTML by markdown-it, with the field's key.

    A value is what follows the label: its first line's rest and its other lines,
    indented from the item's content column. Trailing whitespace that is content
    (inside a code span that runs over a line end, say) shows in the HTML.
    """
    document = parse(text)
    values: Counter[tuple[str | None, str]] = Counter()
    for entry in document.entries:
        for field in entry.fields:
            lines = [
                strip_newline(document.lines[n - 1])
                for n in range(field.span.start, field.span.end + 1)
            ]
            # After the label the value goes on a paragraph: alone, `<br>` or `# x`
            # would start another kind of block. The spaces before it show as one.
            lines[0] = "¶ " + lines[0][field.column - 1 + len(field.label_source) :].lstrip()
            for index in range(1, len(lines)):
                leading = len(lines[index]) - len(lines[index].lstrip(" "))
                lines[index] = lines[index][min(leading, field.column - 1) :]
            values[field.key, shown(MARKDOWN.render("\n".join(lines)))] += 1
    return values


# Code (GitHub shows its spaces) and tags (attribute values), kept as they are.
_CODE_OR_TAG = re.compile(r"(<code>.*?</code>|<[^>]*>)", re.DOTALL)


def shown(html: str) -> str:
    """``html`` without whitespace before line ends in its text, which no browser shows.

    markdown-it keeps a tab before a soft break (``a\t\nb``); fix drops it.
    """
    parts = _CODE_OR_TAG.split(html)
    parts[::2] = [re.sub(r"[ \t]+\n", "\n", part) for part in parts[::2]]
    return "".join(parts)


@PROPERTIES
@given(documents())
def test_every_value_renders_the_same_after_fix(document: Document) -> None:
    assert rendered_values(fixed(document)) == rendered_values(document.text)


@PROPERTIES
@given(documents())
def test_lines_outside_entries_are_unchanged(document: Document) -> None:
    assert outside_entries(fixed(document)) == outside_entries(document.text)


@PROPERTIES
@given(documents())
def test_the_diff_turns_the_input_into_the_output(document: Document) -> None:
    """`fix --diff` compares only the runs fix rewrote: the diff must still be whole."""
    result = fix_source(Source(document.text), Config(SETTINGS), "README.md")
    before = split_lines(document.text)
    assert apply(before, "".join(result.diff())) == split_lines(result.fixed.text)


@PROPERTIES
@given(documents())
def test_code_quotes_and_html_are_byte_identical(document: Document) -> None:
    """Entry-like text in fenced code, block quotes and HTML is never touched.

    Such blocks sit outside entries or in an entry's tail (which moves whole when
    entries are sorted): each must reappear line for line, trailing spaces included.
    """
    lines = [strip_newline(line) for line in split_lines(fixed(document))]
    text = "\n" + "\n".join(lines) + "\n"
    for block in document.protected:
        assert "\n" + "\n".join(block) + "\n" in text


@PROPERTIES
@given(documents())
def test_bom_newlines_and_final_newline_survive(document: Document) -> None:
    source = decode(document.encode(), "generated")
    assert source.bom == document.bom
    result = Source(fix_text(source.text, SETTINGS), source.bom).encode()
    assert result.startswith(b"\xef\xbb\xbf") == document.bom
    assert result.endswith(document.newline.encode()) == document.final_newline
    # Every line keeps the document's terminator: no other one appears.
    others = result.replace(document.newline.encode(), b"")
    assert b"\r" not in others
    assert b"\n" not in others


@ARBITRARY
@given(st.text())
def test_parse_never_raises(text: str) -> None:
    parse(text)


# Characters and pieces that make Markdown structure, so arbitrary text is not all prose.
markdownish = st.lists(
    st.sampled_from([*"#*-_:：>+ \t\n\r`~[]()!<>\\|=1.a中é🚀", "**", "### ", "- **"])
).map("".join)


@ARBITRARY
@given(st.one_of(markdownish, documents().map(lambda document: document.text)), st.integers(1, 9))
def test_parsing_in_chunks_changes_nothing(text: str, chunk_lines: int) -> None:
    """Big files are parsed a chunk of lines at a time; any chunk size gives the same document."""
    assert parse(text, chunk_lines=chunk_lines) == parse(text, chunk_lines=10**9)


@PROPERTIES
@given(
    st.lists(st.one_of(markdownish, documents().map(lambda document: document.text)), max_size=3),
    st.integers(1, 9),
)
def test_parsing_with_the_chunks_of_earlier_texts_changes_nothing(
    texts: list[str], chunk_lines: int
) -> None:
    """A server parses each version with the chunks of the one before (BlockCache): each
    version, and the first again, give the document a parse from scratch gives."""
    blocks = BlockCache()
    for text in [*texts, *texts[:1]]:
        expected = parse(text, chunk_lines=chunk_lines)
        assert parse(text, chunk_lines=chunk_lines, blocks=blocks) == expected


@ARBITRARY
@given(st.one_of(st.text(), markdownish))
def test_check_and_fix_never_raise_on_arbitrary_text(text: str) -> None:
    check_text(text, SETTINGS)
    once = fix_text(text, SETTINGS)
    assert fix_text(once, SETTINGS) == once
