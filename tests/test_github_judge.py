"""The second judge (issue 26): fix's output must render on GitHub (cmark-gfm) as its input
did, block by block, up to fix's moves; otherwise nothing is written, exit 3."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from readmelint.errors import SafetyError
from readmelint.fix import fix_text
from readmelint.gfm import render
from readmelint.judge import compare
from readmelint.parse import parse
from tests.helpers import EVERY_LAYOUT


def test_render_is_github_flavoured() -> None:
    html = render("| a |\n| - |\n| ~~b~~ |\n\n- [x] done\n\nwww.example.org\n\n<xmp>\n")
    assert "<table" in html
    assert "<del>b</del>" in html
    assert 'type="checkbox"' in html
    assert '<a href="http://www.example.org">' in html
    assert "&lt;xmp>" in html  # the tag filter GitHub applies


@pytest.mark.parametrize(
    ("before", "after"),
    [
        pytest.param(
            "### B\n- **Tags:** x\n\n### A\n- **Tags:** y\n",
            "### A\n- **Tags:** y\n\n### B\n- **Tags:** x\n",
            id="entries-moved",
        ),
        pytest.param(
            "- **Tags:** x\n- **Paper:** y\n", "- **Paper:** y\n- **Tags:** x\n", id="fields-moved"
        ),
        pytest.param(
            "- **Personal Note**: x\n- **Tags：** y\n- __Abstract:__ z\n",
            "- **Personal note:** x\n- **Tags:** y\n- **Abstract:** z\n",
            id="label-forms",
        ),
        pytest.param(
            "**Tags:** x\n**Paper:** y\n",
            "**Paper:** y\\\n**Tags:** x\n",
            id="a-paragraph-of-fields-reordered",
        ),
        pytest.param(
            "| T | Y |\n| - | - |\n| b | 1 |\n| a | 2 |\n",
            "| T   | Y |\n| --- | - |\n| a   | 2 |\n| b   | 1 |\n",
            id="rows-moved-padded",
        ),
        pytest.param("text   \nmore\t\n", "text\nmore\n", id="whitespace-that-renders-nothing"),
        # Its <p>b</p> alike outside the list: the one in the item is the one that changed.
        pytest.param("b\n\n- a\n\n- b\n", "b\n\n- a\n- b\n", id="a-list-made-tight"),
    ],
)
def test_what_fix_may_change_passes(before: str, after: str) -> None:
    compare(before, after)


def test_the_contents_count_on_neither_side() -> None:
    """fix writes the contents afresh (here a nested list more): their lines are left out
    before alike lines are set aside, or the </ul> of another list, alike, stood for
    theirs (found on a real list, jason718/awesome-self-supervised-learning)."""
    before = "- a\n  - b\n\ntext\n\n- [X](#x)\n"
    after = "- a\n  - b\n\ntext\n\n- [X](#x)\n  - [Y](#y)\n"
    compare(before, after, ((6, 6), (6, 7)))
    with pytest.raises(SafetyError):
        compare(before, after)


@pytest.mark.parametrize(
    ("before", "after", "shown"),
    [
        pytest.param(
            "| T |\n| - |\n| a |\n<br>\nafter\n",
            "| T |\n| - |\n| a |\n| <br> |\n| after |\n",
            "'<td>after</td>'",
            id="lines-pulled-into-a-table",
        ),
        pytest.param(
            "- **Tags:** x\n",
            "- **Tags:** y\n",
            "'<li><strong>Tags:</strong> y</li>'",
            id="a-value",
        ),
        pytest.param("a\n\nb\n", "a\nb\n", "'<p>a</p>'", id="paragraphs-joined"),
        pytest.param("- a\n- b\n", "- a\n* b\n", "'</ul>'", id="a-list-split"),
        pytest.param("text\n", "text  \nmore\n", "'more</p>'", id="a-hard-break"),
    ],
)
def test_a_rendering_change_is_refused_showing_both(before: str, after: str, shown: str) -> None:
    with pytest.raises(SafetyError, match="fix would change what GitHub shows") as raised:
        compare(before, after)
    assert "GitHub shows before:" in str(raised.value)
    assert shown in str(raised.value)


# The first case: a line right after an entry table that GitHub does not read
# as a row, where markdown-it-py goes on with the table, so fix padded it into a row
# and GitHub's table took in the lines after it.
TABLE_THEN = "# P\n\n| Title | Year |\n| --- | --- |\n| B | 2020 |\n| A | 2024 |\n{line}\nafter\n"


@pytest.mark.parametrize("line", ["<br>", '<img src="x.png">', "|"])
def test_a_line_after_a_table_github_does_not_continue_is_not_pulled_in(line: str) -> None:
    text = TABLE_THEN.format(line=line)
    refused: list[str] = []
    try:
        fixed = fix_text(text, EVERY_LAYOUT)
    except SafetyError as error:
        refused.append(str(error))
    if refused:
        assert "GitHub shows before" in refused[0]  # refused, and says why
    else:
        compare(text, fixed)  # or fixed, and GitHub shows the same


def test_the_command_line_exits_3_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    text = TABLE_THEN.format(line="<br>")
    path.write_text(text, "utf-8")
    (tmp_path / ".readmelint.toml").write_text(
        'layout = "table"\nschema = "schema.json"\n', "utf-8"
    )
    from tests.helpers import ROOT

    schema = (ROOT / "tests/golden_items/schema.json").read_text("utf-8")
    (tmp_path / "schema.json").write_text(schema, "utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 3, result.output
    assert (
        "internal error: fix would change what GitHub shows (the entry at line 8, line 8 of "
        "the output); nothing was written. GitHub shows before: (nothing); after: "
        "'<td>after</td>'"
    ) in result.stderr
    assert path.read_text("utf-8") == text


# Found by fuzzing with the second judge on, each a false alarm of the judge itself or a
# fix that changed what GitHub shows; each must now pass both judges (the fuzz contract).
JUDGE_FOUND = {
    "a-label-over-80-characters": (
        "a label of 90 characters changed form and the judge, reading labels of up to 80, "
        "took it for a change",
        "### Drifted\n  * **pers" + "\x7f" * 90 + "onal  Note**: [Note](https://example.org/n)\n"
        "  * **Paper:** x\n",
    ),
    "a-code-span-over-a-bold-delimiter": (
        "`**`:**-`` was read as the bold label '`:' (a code span wins over the bold), and "
        "fix, writing its value after a space, changed the code GitHub shows",
        "### A](https://arxiv,org/abs/0.1)\n**`:**-`\n**Submission Date:**`",
    ),
    "a-paragraph-alike-in-and-outside-a-list-made-tight": (
        "the judge set aside the wrong one of two alike <p>model</p> lines (the one outside "
        "the list, whose tags count) and took the list made tight for a change",
        "### model\n- **Abstract:**\n - model\n\nmodel\n### model\n"
        "- **Paper:** [A](https://x.org/a)\n\n - model",
    ),
    "indented-code-github-reads-into-the-list": (
        "a line under a nested list, indented four columns: markdown-it-py reads indented "
        "code after the list, GitHub a lazy line of its last item; fix moved that item "
        "away from it and set it apart with a blank line",
        "### AnyGPT\n   - **Paper:** [A](https://x.org/a)\n   - **Personal note:** n\n"
        "   - **Tags:**\n    - **Abstract:**\n      - model\n    - **Accepted:**",
    ),
    "a-blank-line-in-an-unclosed-fence": (
        "a fence's only line, blank, emptied as items moved: the same empty code block",
        "- **a** (2014), x [[pdf]](https://x.org/a)\n  ```\n   \n"
        "- **b** (2024), y [[pdf]](https://x.org/b)\n",
    ),
}


@pytest.mark.parametrize("name", JUDGE_FOUND)
def test_found_with_the_second_judge(name: str) -> None:
    from tests.helpers import assert_survives

    text = JUDGE_FOUND[name][1]
    assert_survives(text.encode())
    assert_survives(text.encode(), EVERY_LAYOUT)


# Where markdown-it-py and GitHub read a text apart and fix, reading with markdown-it-py,
# would change what GitHub shows: it refuses (exit 3) and names the entry.
GITHUB_READS_OTHERWISE = {
    "bold-then-strong-emphasis": (
        "markdown-it-py reads **Brief Introduction:** as a bold label; GitHub pairs the "
        "asterisks otherwise (***Submission Date**:*): restyled, the label would show bold",
        "### Drifted\n- **Paper:** x\n- **Brief Introduction:***Submission Date**:* unknown\n",
        "entry 'Drifted', line 3 of the output",
    ),
    "a-line-after-the-table": (
        "GitHub ends a table at an HTML line such as <br>; markdown-it-py reads it as a row",
        TABLE_THEN.format(line="<br>"),
        "GitHub shows before: (nothing); after: '<td>after</td>'",
    ),
}


@pytest.mark.parametrize("name", GITHUB_READS_OTHERWISE)
def test_where_github_reads_otherwise_fix_refuses(name: str) -> None:
    from readmelint.errors import RenderingChanged

    _, text, said = GITHUB_READS_OTHERWISE[name]
    with pytest.raises(RenderingChanged) as raised:
        fix_text(text, EVERY_LAYOUT)
    assert said in str(raised.value)


# markdown-it-py takes `<!x` (a lower-case declaration) for an HTML block, which ends a
# table, and starts a new table at it where a delimiter row follows; GitHub (cmark-gfm)
# takes it for a row and goes on with the table above. The lines of such a "table" are
# no entries: the fuzzer's input, on which fix refused its own output (first judge).
@pytest.mark.parametrize(
    "text",
    [
        "e||||\n-|-|-|-\n<!e||Title|Venue\n-|-|-|-\n1",
        "| Title | Year |\n| --- | --- |\n| C | 2021 |\n<!x Title | Year\n| --- | --- |\n"
        "|B|2024|\n|A|2020|\n",
    ],
)
def test_a_table_github_reads_as_more_rows_of_the_one_above_holds_no_entries(text: str) -> None:
    from tests.helpers import assert_survives

    assert [entry.line for entry in parse(text, EVERY_LAYOUT).entries if entry.line > 3] == []
    assert_survives(text.encode(), EVERY_LAYOUT)
    assert_survives(text.encode())


# A line of a paragraph of fields that starts with a label but goes on a link's text,
# its title or emphasis from the line above is no field of its own: read as one, it was
# moved and restyled, inside the link (found by the property tests with the second judge).
@pytest.mark.parametrize(
    ("value", "kept_as_is"),
    [
        pytest.param("[t\n**Accepted**: b](https://x.org)", False, id="a-link-text"),
        pytest.param('[t](https://x.org "a  \n**Accepted**: b")', True, id="a-link-title"),
        pytest.param('[t](https://x.org "a\n**Accepted**: b")', True, id="a-plain-title"),
        pytest.param("*a\n**Accepted:** b*", False, id="emphasis"),
    ],
)
def test_a_label_inside_markup_over_field_lines_starts_no_field(
    value: str, kept_as_is: bool
) -> None:
    from tests.helpers import assert_survives

    text = f"### A\n\n**Tags:** z\n**Paper:** {value}\n**Code:** x\n"
    fixed = fix_text(text, EVERY_LAYOUT)
    # A title holds a line end that is no break, which tells no line from the next:
    # fix leaves the entry as it is (RL011, as for a code span over field lines).
    assert (fixed == text) is kept_as_is
    if not kept_as_is:
        (entry,) = parse(text).entries
        assert [field.key for field in entry.fields] == ["tags", "paper", "code"]
    assert "**Accepted" in fixed
    assert_survives(text.encode())
