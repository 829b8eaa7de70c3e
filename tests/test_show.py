"""`readmelint show`: one line per entry (line, layout, title, the fields read), what looks
like a paper but is not read, and a count."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from readmelint.cli import main
from readmelint.config import config_from_table
from readmelint.settings import Settings
from readmelint.show import show_source
from tests.helpers import ROOT

HEADED = """# Papers

### CLIP
- **Paper:** [Learning Transferable Visual Models](https://arxiv.org/abs/2103.00020)
- **Submission Date:** 2021-02-26

## Elsewhere

- [A](https://arxiv.org/abs/2101.00001)
- [B](https://arxiv.org/abs/2101.00002)
"""


def test_one_line_per_entry_then_what_is_not_read() -> None:
    assert show_source(HEADED, Settings(), "README.md") == [
        "README.md:3  headings  CLIP  [Paper: Learning "
        "Transferable Visual Models; Submission Date: 2021-02-26]\n",
        "README.md:9  -         (not read: a list item that looks like a paper) - "
        "[A](https://arxiv.org/abs/2101.00001)\n",
        "README.md:10  -         (not read: a list item that looks like a paper) - "
        "[B](https://arxiv.org/abs/2101.00002)\n",
        "README.md: 1 entry (1 headings); 2 more look like papers but are not read: "
        "`readmelint init --from README.md` infers a config that reads them\n",
    ]


def test_an_item_no_pattern_reads_says_where_the_closest_stopped(tmp_path: Path) -> None:
    schema = ROOT / "tests" / "golden_items" / "schema.json"
    config = config_from_table(
        {"schema": str(schema), "layout": "items", "item": "**{title}** ({year}), {authors}"},
        tmp_path / ".readmelint.toml",
    )
    text = (
        "- **Dropout** (2014), N. Srivastava et al.\n"
        "- **Adam** (2015), D. Kingma and J. Ba\n"
        "- **Batch normalization** 2015, S. Ioffe\n"
    )
    assert show_source(text, config.settings, "list.md") == [
        "list.md:1  items  Dropout  [Authors: N. Srivastava et al.; Year: 2014]\n",
        "list.md:2  items  Adam  [Authors: D. Kingma and J. Ba; Year: 2015]\n",
        "list.md:3  -      (not read: no item pattern reads it; expected '(' at column 27)\n",
        "list.md: 2 entries (2 items); 1 more looks like a paper but is not read: "
        "`readmelint init --from list.md` infers a config that reads it\n",
    ]


def test_long_values_are_shortened_to_one_line() -> None:
    text = HEADED.replace("2021-02-26", "2021-02-26\n- **Abstract:** " + "word " * 30)
    line = show_source(text, Settings(), "README.md")[0]
    assert "Abstract: word word word word word word word word…]" in line
    assert "\n" not in line[:-1]


def test_the_command_shows_each_file_and_says_what_it_cannot_read(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(HEADED, "utf-8")
    (tmp_path / "b.md").write_text("# Nothing\n", "utf-8")
    paths = [str(tmp_path / name) for name in ("a.md", "missing.md", "b.md")]
    result = CliRunner().invoke(main, ["show", *paths])
    assert result.exit_code == 2
    assert result.stdout.splitlines()[0].startswith(f"{paths[0]}:3  headings  CLIP")
    assert result.stdout.splitlines()[-1] == f"{paths[2]}: no entries"
    assert result.stderr == f"readmelint: {paths[1]}: no such file; check the path\n"


def test_standard_input_with_a_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["show", "-", "--stdin-filename", "x.md"], input=HEADED)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("x.md:3  headings")
