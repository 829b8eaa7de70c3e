"""`readmelint init --from`: a config inferred from the list itself reads the list.

On every list of the corpus (notes, tables, items) the inferred config reads every paper
the hand-written config reads, with the same title, and what more it reads looks like
papers; on the lists of corpus/more/ (no hand-written config) it reads at least 90% of
the papers counted by hand. fix with it changes at most the lines of the list's real
defects (each bound below says what they are). Bad input writes nothing.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.config import load_config
from readmelint.evidence import likely_papers
from readmelint.fix import fix_text
from readmelint.infer import NothingToInfer, infer
from readmelint.infer.write import config_text, schema_text
from readmelint.papers import title_of
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import CORPUS, corpus_file, corpus_lists, read_text, settings_of


def inferred(text: str, folder: Path) -> Settings:
    """The settings `init --from` writes for ``text``, written to ``folder`` and loaded."""
    inference = infer(text)
    (folder / ".readmelint.toml").write_text(config_text(inference, "README.md"), "utf-8")
    (folder / "readmelint.schema.json").write_text(schema_text(inference, "README.md"), "utf-8")
    return load_config(folder / ".readmelint.toml").settings


def titles(text: str, settings: Settings, stubs: bool = True) -> dict[int, str]:
    """Each entry's title by line; ``stubs=False``: not the empty template rows."""
    return {
        entry.line: title_of(entry, settings.schema)
        for entry in parse(text, settings).entries
        if stubs or any(field.value for field in entry.fields)
    }


def lines_fix_changes(text: str, settings: Settings) -> int:
    import difflib

    fixed = fix_text(text, settings)
    diff = difflib.unified_diff(text.splitlines(), fixed.splitlines(), n=0, lineterm="")
    return sum(1 for line in diff if line.startswith("-") and not line.startswith("---"))


# The lines fix changes with the inferred config, at the most, and why: the list's own
# defects, or a convention the layout cannot keep yet (each named).
FIX_BOUNDS = {
    # Trailing spaces (RL105) and 2 table rows padded unlike the rest (RL109).
    "items/terryum": 2,
    "items/Xnhyacinth": 0,
    # Every summary is a paragraph a blank line under its heading: the headings layout
    # has no style for a blank line after the heading yet, so fix removes 100 of them.
    "notes/Meirtz": 100,
    # Label drift (RL102), extra blank lines (RL103), trailing spaces (RL105).
    "notes/friedrichor__Awesome-Multimodal-Papers": 19,
    # 20 rows of the aligned tables padded unlike the rest (RL109), trailing spaces.
    "notes/friedrichor__Deep-Learning-Paper-List": 31,
    # 111 lines with trailing spaces (RL105, as the corpus manifest says), 15 rows padded.
    "tables/BradyFU": 126,
    "tables/friedrichor": 9,  # rows padded unlike the rest, a short row, a tab
    "tables/xianshang33": 0,
}


def bound(name: str) -> int:
    return next(limit for start, limit in FIX_BOUNDS.items() if name.startswith(start))


@pytest.mark.parametrize("name", corpus_lists())
def test_the_inferred_config_reads_what_the_hand_written_one_reads(
    name: str, tmp_path: Path
) -> None:
    text = read_text(CORPUS / name)
    settings = inferred(text, tmp_path)
    mine = titles(text, settings)
    hand = titles(text, settings_of(name))
    assert {line: mine.get(line) for line in hand} == hand
    # What it reads beyond them (the rows under Chinese headers, the papers of the
    # tables with other headers ...) looks like papers too.
    papers = {candidate.line for candidate in likely_papers(text)}
    extra = sorted(set(mine) - set(hand))
    # (BradyFU's table of datasets has a row whose Paper cell links to GitHub.)
    assert len([line for line in extra if line not in papers]) <= 0.01 * len(extra), extra
    assert lines_fix_changes(text, settings) <= bound(name)


# corpus/more/: each list's papers counted by hand, and what the inferred config reads.
MORE = {
    # `N. Title. Authors et al. Venue Year`, 700 numbered items, all papers.
    "FLHonker__Awesome-Knowledge-Distillation__README.md": 700,
    # `N. <u>Name</u>: **"Title"**. *Authors*. Venue Year. [[Paper](url)]`: 349 items.
    "RUCAIBox__LLMSurvey__README.md": 349,
    # 338 table lines less 9 headers, 9 delimiter rows and 2 empty template rows.
    "SJTU-DMTai__awesome-ml-data-quality-papers__README.md": 318,
    # 283 papers (each with its [[pdf]] line); their author sub-items are no papers.
    "jason718__awesome-self-supervised-learning__README.md": 283,
    # 259 items `* YEAR-VENUE - Title`; the other bullets are repositories.
    "subeeshvasu__Awesome-Learning-with-Label-Noise__README.md": 259,
    # 461 items `N. **Title.** Venue Year. [paper](url)`.
    "thunlp__GNNPapers__README.md": 461,
}
# The lines fix changes on them at the most, and why.
MORE_FIX = {
    "FLHonker": 6,  # trailing spaces
    "RUCAIBox": 12,  # the contents (RL305), trailing spaces
    "SJTU-DMTai": 0,
    "jason718": 179,  # 176 lines of trailing spaces (RL105; 5 in one-paper sections), RL305
    "subeeshvasu": 6,  # the contents (RL305), trailing spaces
    "thunlp": 172,  # 172 lines of trailing spaces (RL105)
}


@pytest.mark.parametrize("name", sorted(MORE))
def test_lists_outside_the_corpus_are_read_at_90_percent(name: str, tmp_path: Path) -> None:
    text = read_text(corpus_file(f"more/{name}"))
    settings = inferred(text, tmp_path)
    read = titles(text, settings, stubs=False)
    assert len(read) >= 0.9 * MORE[name], len(read)
    assert len(read) <= MORE[name] + 0.02 * MORE[name]  # nothing much else read as a paper
    assert all(title.strip() and "](" not in title for title in read.values())
    fix_bound = next(limit for start, limit in MORE_FIX.items() if name.startswith(start))
    assert lines_fix_changes(text, settings) <= fix_bound


@pytest.mark.parametrize(
    ("name", "why"),
    [
        ("DmitryRyumin__ICCV-2023-Papers__README.md", "(1 paragraph look"),
        ("floodsung__Deep-Learning-Papers-Reading-Roadmap__README.md", "(131 paragraphs look"),
    ],
)
def test_lists_no_layout_reads_are_said_so(name: str, why: str) -> None:
    with pytest.raises(NothingToInfer, match=why.replace("(", r"\(")):
        infer(read_text(corpus_file(f"more/{name}")))


def test_inference_is_deterministic() -> None:
    text = read_text(corpus_file("items/terryum__awesome-deep-learning-papers__README.md"))
    first, second = infer(text), infer(text)
    assert config_text(first, "x") == config_text(second, "x")
    assert schema_text(first, "x") == schema_text(second, "x")


def test_the_config_says_why() -> None:
    text = read_text(corpus_file("tables/xianshang33__llm-paper-daily__README_en.md"))
    inference = infer(text)
    config = config_text(inference, "README_en.md")
    assert 'layout = ["table"]' in config
    assert "# Order: Date: newest first in" in config
    schema = json.loads(schema_text(inference, "README_en.md"))
    date = schema["properties"]["fields"]["properties"]["date"]
    assert date["x-date-format"] == "MM-DD"
    assert date["description"].startswith("in 648 of 648 entries; 648 of 648 values dates")


LIST = """# Papers

## Vision

- ⭐ 05/2023: [Segment Anything](https://arxiv.org/abs/2304.02643)
- ⭐ 03/2023: [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)
- ⭐ 01/2023: [BLIP-2: Bootstrapping Language-Image Pre-training](https://arxiv.org/abs/2301.12597)

## Language

- ⭐ 07/2023: [Llama 2: Open Foundation and Fine-Tuned Chat Models](https://arxiv.org/abs/2307.09288)
- ⭐ 02/2023: [LLaMA: Open and Efficient Foundation Language Models](https://arxiv.org/abs/2302.13971)
"""


def test_a_date_in_front_and_its_spelling(tmp_path: Path) -> None:
    settings = inferred(LIST, tmp_path)
    config = (tmp_path / ".readmelint.toml").read_text("utf-8")
    assert '"⭐ {date}: [{title}]({paper}){...}"' in config
    assert 'sort = { field = "Date", order = "descending" }' in config
    schema = json.loads((tmp_path / "readmelint.schema.json").read_text("utf-8"))
    assert schema["properties"]["fields"]["properties"]["date"]["x-date-format"] == "MM/YYYY"
    assert titles(LIST, settings)[5] == "Segment Anything"
    assert check_text(LIST, settings) == []
    assert fix_text(LIST, settings) == LIST


def test_the_command_writes_both_files_beside_the_list(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    result = CliRunner().invoke(main, ["init", "--from", str(tmp_path / "README.md")])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"{tmp_path / 'README.md'}: 5 papers found: 5 list items in 2 lists",
        f"wrote {tmp_path / '.readmelint.toml'} and {tmp_path / 'readmelint.schema.json'}; "
        f"`readmelint show {tmp_path / 'README.md'}` lists what they read",
    ]
    check = CliRunner().invoke(main, ["check", str(tmp_path / "README.md")])
    assert check.exit_code == 0, check.output
    again = CliRunner().invoke(main, ["init", "--from", str(tmp_path / "README.md")])
    assert again.exit_code == 2
    assert "already exists; use --force" in again.stderr
    forced = CliRunner().invoke(main, ["init", "--from", str(tmp_path / "README.md"), "--force"])
    assert forced.exit_code == 0


def test_stdout_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    result = CliRunner().invoke(main, ["init", "--from", str(tmp_path / "README.md"), "--stdout"])
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# ---- {tmp_path / '.readmelint.toml'} ----\n")
    assert f"# ---- {tmp_path / 'readmelint.schema.json'} ----\n{{" in result.stdout
    assert result.stderr.startswith(f"{tmp_path / 'README.md'}: 5 papers found")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["README.md"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "the file is empty; nothing written"),
        (b"# Notes\n\nJust prose, and [a link](https://example.org).\n", "no list, table"),
        (b"\x00\x01binary", "binary file (contains NUL bytes)"),
        ("- caf\xe9".encode("latin-1"), "not UTF-8"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    content: bytes, message: str, tmp_path: Path
) -> None:
    path = tmp_path / "README.md"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["init", "--from", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"readmelint: {path}: ")
    assert message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_a_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["init", "--from", str(tmp_path / "nope.md")])
    assert result.exit_code == 2
    assert result.stderr == f"readmelint: {tmp_path / 'nope.md'}: no such file; check the path\n"


def test_plain_init_names_no_field_the_schema_may_lose(tmp_path: Path) -> None:
    """Its sort named Submission Date, which broke as soon as the schema lost it; it names
    its layout and keeps the item keys as comments."""
    subprocess.run(
        [sys.executable, "-m", "readmelint", "init"], cwd=tmp_path, check=True, capture_output=True
    )
    config = (tmp_path / ".readmelint.toml").read_text("utf-8")
    assert re.search(r"^layout = \[\"headings\"\]$", config, re.MULTILINE)
    assert not re.search(r"^sort", config, re.MULTILINE)
    schema = tmp_path / "readmelint.schema.json"
    document = json.loads(schema.read_text("utf-8"))
    del document["properties"]["fields"]["properties"]["submission_date"]
    document["properties"]["fields"]["required"].remove("submission_date")
    schema.write_text(json.dumps(document), "utf-8")
    assert load_config(tmp_path / ".readmelint.toml").settings.resolved_sort() is None


SUB_ITEMS = """# Week papers

- Periodic RoPE for Infinite Context LLMs
  - 📅 Date: April 23, 2026
  - Paper: [arXiv](https://arxiv.org/abs/2604.27980)
- Tensor Memory: Fixed-Size Recurrent State
  - 📅 Date: April 21, 2026
  - Paper: [arXiv](https://arxiv.org/abs/2604.27686)
- Gated DeltaNet-2: Decoupling Erase and Write
  - 📅 Date: April 20, 2026
  - Paper: [arXiv](https://arxiv.org/abs/2604.22791)
"""


def test_items_whose_sub_items_are_their_fields(tmp_path: Path) -> None:
    settings = inferred(SUB_ITEMS, tmp_path)
    assert settings.item_fields == "sub-items"
    assert [spec.title for spec in settings.schema.fields] == ["Date", "Paper"]
    date = settings.schema.spec("date")
    assert date is not None
    assert date.date_format is not None
    assert date.date_format.spelling == "Month D, YYYY"
    assert list(titles(SUB_ITEMS, settings).values()) == [
        "Periodic RoPE for Infinite Context LLMs",
        "Tensor Memory: Fixed-Size Recurrent State",
        "Gated DeltaNet-2: Decoupling Erase and Write",
    ]
    assert check_text(SUB_ITEMS, settings) == []
    assert fix_text(SUB_ITEMS, settings) == SUB_ITEMS


BOLD_TITLES = """# CVPR 2024 papers

Papers we read.

**Segment Anything**
- **Paper:** [Segment Anything](https://arxiv.org/abs/2304.02643)
- **Date:** 2023-04-05

**GPT-4 Technical Report**
- **Paper:** [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774)
- **Date:** 2023-03-15
"""


def test_entries_under_a_bold_title(tmp_path: Path) -> None:
    """No heading level to name: the headings layout reads a bold title over fields."""
    settings = inferred(BOLD_TITLES, tmp_path)
    config = (tmp_path / ".readmelint.toml").read_text("utf-8")
    assert "# Where the papers are: 2 entries under a bold title." in config
    assert "entry-levels" not in config
    assert list(titles(BOLD_TITLES, settings).values()) == [
        "Segment Anything",
        "GPT-4 Technical Report",
    ]
    assert check_text(BOLD_TITLES, settings) == []
