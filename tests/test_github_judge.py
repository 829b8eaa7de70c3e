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


@pytest.mark.parametrize("line", ["<br>", '<img src="x.png">', "</a>", "|", " | "])
def test_a_line_after_a_table_github_does_not_continue_is_not_pulled_in(line: str) -> None:
    """readmelint ends the table where GitHub does (issue 26 item 2): the line and the
    one after it are no rows, and fix sorts the rows above them."""
    text = TABLE_THEN.format(line=line)
    assert [entry.line for entry in parse(text, EVERY_LAYOUT).entries] == [5, 6]
    fixed = fix_text(text, EVERY_LAYOUT)
    assert fixed.endswith(f"\n{line}\nafter\n")
    compare(text, fixed)


def test_the_command_line_exits_3_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rendering change refused on the command line: exit 3, the message, the file as it
    was. The parsers' known disagreements are all followed now, so GitHub's renderer is
    made to show fix's output otherwise (a paragraph more)."""
    from readmelint import judge

    text = "### B\n- **Tags:** b\n\n### A\n* **Tags:** a\n"
    fixed = "### B\n- **Tags:** b\n\n### A\n- **Tags:** a\n"
    monkeypatch.setattr(
        judge,
        "render",
        lambda markdown, positions=False: (
            render(markdown, positions) + ("<p>shown</p>\n" if markdown == fixed else "")
        ),
    )
    path = tmp_path / "README.md"
    path.write_text(text, "utf-8")
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 3, result.output
    assert (
        "internal error: fix would change what GitHub shows (entry 'A', line 5 of the output); "
        "nothing was written. GitHub shows before: (nothing); after: '<p>shown</p>'"
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
    # Issue 26 item 2: the refusal classes the fuzzer met (20,000 inputs), most frequent first.
    "an-ordered-list-from-0": (
        "markdown-it-py gives a list from 0 no start of 1, and the list was renumbered from "
        "1: GitHub showed it from 1",
        "0. [**d.**](d) _.._ v 2016.\n1. [**e.**](e) _r._ I 2020.",
    ),
    "an-ampersand-in-a-label": (
        "**Submission&Date:** is the label fix spells **Submission Date:**; the judge read "
        "the label as rendered (Submission&amp;Date) and took the respelling for a change",
        "###\n- **Submission&Date:** 4-1-0",
    ),
    "a-bold-label-then-more-asterisks": (
        "**Submission Date:***x** holds no bold label (a run of three asterisks cannot "
        "close it, as both parsers agree); readmelint looked one character past the first "
        "two only, read a label, and fix's space after it made *x** emphasis on GitHub",
        "###\n- **Submission Date:***Submission Date:**\n/",
    ),
    "a-bold-label-then-emphasis": (
        "the same, then emphasis that closes: **P:***a*t",
        "###\n- **Personal note:***a*t [Note]()",
    ),
    "bold-then-strong-emphasis": (
        "the same: ***Submission Date**:* pairs its asterisks after **Brief Introduction:",
        "### Drifted\n- **Paper:** x\n- **Brief Introduction:***Submission Date**:* unknown\n",
    ),
    "four-asterisks": (
        "the same, with a run of four",
        "###\n* **Year:****Submission&Date:**ose, and no fields below it.",
    ),
    "an-html-comment-opened-in-a-label": (
        "**personal <!-- rea Note**: holds no bold label: the comment runs to the next "
        "line's --> and takes the closing asterisks in; readmelint read the label's line "
        "alone and fix respelled inside the comment",
        "###\n* **personal <!-- rea Note**: [Note](http  * __Tags:__ x\n-->\n###\n**e:**",
    ),
    "a-bold-label-then-a-tilde": (
        "GitHub's strikethrough extension looks past a tilde: **Date:**~2019 is no bold on "
        "GitHub (markdown-it-py reads bold); fix, writing a space after the label, made it "
        "bold there",
        "### Older\r\n  * **Submission! Date:**~2019-01-01\r\n  * **Paper:** [B](https://e.org/b)\r\n",
    ),
    "a-url-in-a-label": (
        "GitHub links a URL in a bold label (its autolinks), so the label is a link there; "
        "fix moved its colon out of the bold, and the judge could not tell the label",
        "### A\n- **Paper**: x\n- **Tags**: y\n- **Brief https://x.org/i:** z\n",
    ),
    "a-lone-pipe-after-a-table": (
        "GitHub ends a table at a lone |, markdown-it-py read it (and the line after it) as "
        "rows: fix padded the line after it into a row, inside GitHub's paragraph",
        "e||Title|Venue\n-|-|-|-\n|\n**Paper:** [ViL",
    ),
    "a-symbol-after-a-label": (
        "GitHub (cmark-gfm, CommonMark 0.29) takes a symbol for no punctuation: **Code:**€5 "
        "is no bold there, bold to markdown-it-py (0.31); fix wrote a space after it",
        "### A\n- **Code:**€5\n- **Paper:** x\n",
    ),
    "a-table-header-github-reads-as-a-heading": (
        "a header line that starts a heading (or a list item, a quote, an HTML block) is "
        "that block on GitHub, a table's header to markdown-it-py, whose table rule came "
        "first: fix padded the rows below into a table GitHub never showed",
        "# Col | one | Title | Venue |\n|:----:|-----:|:------|-------|\n| 2021-02 | - | [A\n"
        "|:----:|-----:|:-x -->\n### B\n- **Submission Date:** 2024-01-01\n",
    ),
    "an-html-tag-line-under-a-list": (
        "an HTML tag alone on a line right under a list item starts an HTML block on GitHub "
        "(to the next blank line), a lazy line of the item to markdown-it-py: fix respelled "
        "a label GitHub shows as raw HTML",
        "### B\n- **Tags:**\n<e RL002 B-->\n### B\n- **Submission DatE:** 2024-01-01\n",
    ),
    "an-empty-item-then-two-blank-lines": (
        "markdown-it-py ends a list at an empty item with two blank lines under it, GitHub "
        "goes on with it: fix restyled the entry's items apart from the ones below, and "
        "GitHub showed two lists (the property tests' failure); now kept as it is, RL015",
        "###\n- **d:**\n### ;\n+ **s:**\n+\n\n\n+",
    ),
}


@pytest.mark.parametrize("name", JUDGE_FOUND)
def test_found_with_the_second_judge(name: str) -> None:
    from tests.helpers import assert_survives

    text = JUDGE_FOUND[name][1]
    assert_survives(text.encode())
    assert_survives(text.encode(), EVERY_LAYOUT)


# markdown-it-py took `<!x` (a lower-case declaration since CommonMark 0.30) for an HTML
# block, which ends a table, and started a new table at it where a delimiter row
# follows; GitHub (cmark-gfm, CommonMark 0.29) takes it for text: a row of the table
# above. readmelint now reads it as GitHub does (the fuzzer's input, on which fix refused
# its own output; see also tests/test_contract.py).
@pytest.mark.parametrize("text", ["e||||\n-|-|-|-\n<!e||Title|Venue\n-|-|-|-\n1"])
def test_a_table_github_reads_as_more_rows_of_the_one_above_holds_no_entries(text: str) -> None:
    from tests.helpers import assert_survives

    assert [entry.line for entry in parse(text, EVERY_LAYOUT).entries if entry.line > 3] == []
    assert_survives(text.encode(), EVERY_LAYOUT)
    assert_survives(text.encode())


# markdown-it-py ran such an "HTML block" to the next `>`: the entries GitHub shows
# below it went unread, and fix, respelling a label GitHub shows in an HTML comment
# further on, changed what GitHub shows (the fuzzer, after the classes above).
def test_a_lower_case_declaration_is_text_as_on_github() -> None:
    from tests.helpers import assert_survives

    text = "<!x y\n\n### B\n- **Submission DatE:** 2024-01-01\n<!-- a -2->\n\n### C\n- **Tags:**\n"
    assert [entry.heading for entry in parse(text).entries] == ["B"]
    assert_survives(text.encode())
    assert_survives(text.encode(), EVERY_LAYOUT)


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


def test_an_ordered_list_from_0_stays_from_0() -> None:
    text = "0. [**d.**](d) _.._ v 2016.\n1. [**e.**](e) _r._ I 2020.\n"
    assert fix_text(text, EVERY_LAYOUT) == (
        "0. [**e.**](e) _r._ I 2020.\n1. [**d.**](d) _.._ v 2016.\n"
    )


def test_a_bold_run_that_cannot_close_is_no_label() -> None:
    (entry,) = parse("### A\n- **Tags:** y\n- **Tags:***x**\n").entries
    assert [field.label for field in entry.fields] == ["Tags", None]


def test_an_entry_whose_list_github_goes_on_with_is_kept_and_said_so() -> None:
    from readmelint.check import check_text

    text = "### B\n- **Tags:** b\n\n### A\n+ **Tags:** a\n+ **Paper:** p\n+\n\n\n+ **Code:** c\n"
    fixed = fix_text(text)
    assert "### A\n+ **Tags:** a\n+ **Paper:** p\n+\n\n\n+ **Code:** c\n" in fixed
    assert [d.line for d in check_text(text) if d.code == "RL015"] == [4]
    compare(text, fixed)
