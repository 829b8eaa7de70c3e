"""readmelint add: the new entry in the list's own form and place, nothing else changed,
duplicates refused; on every layout and style of examples/ and the corpus configs."""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from readmelint.add import add_papers
from readmelint.add.insert import Added, AlreadyListed, add_paper
from readmelint.add.metadata import Metadata
from readmelint.add.place import PlacementError, runs
from readmelint.check import check_text
from readmelint.cli import main
from readmelint.config import load_config
from readmelint.dates import PartialDate
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import CORPUS, ROOT, config_of, corpus_lists, corpus_text, settings_of
from tests.loopback import Loopback, serving

ANYGPT = Metadata(
    title="AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling",
    authors=("Jun Zhan", "Junqi Dai", "Jiasheng Ye"),
    date=PartialDate(2024, 2, 19),
    venue="arXiv",
    abstract="We introduce AnyGPT, an any-to-any multimodal language model.",
    url="https://arxiv.org/abs/2402.12226",
    pdf="https://arxiv.org/pdf/2402.12226",
    arxiv="2402.12226",
    source="arXiv:2402.12226",
)
OLD = Metadata(
    title="Gradient-based learning applied to document recognition",
    authors=("Yann LeCun", "Léon Bottou"),
    date=PartialDate(1998, 11, 1),
    venue="Proceedings of the IEEE",
    abstract="",
    url="https://doi.org/10.1109/5.726791",
    doi="10.1109/5.726791",
    source="refs.bib:1",
)
EXAMPLES: dict[str, list[str | None]] = {
    "README.md": ["Foundations", "Multimodal"],
    "items/README.md": ["Understanding", "Optimization", "Vision models"],
    "tables/README.md": ["Foundation models", "Instruction tuning"],
    "deep-learning/README.md": [None],
}


def example_settings(name: str) -> Settings:
    config = (ROOT / "examples" / name).parent / ".readmelint.toml"
    return load_config(config).settings if config.is_file() else Settings()


_NUMBER = re.compile(r"^(\s*)\d+([.)])")
_CONTENTS = re.compile(r"\s*([-*+]|#[.)]) \[[^\]]+\]\(#[^)]+\)\n")


def assert_only_added(text: str, added: Added, settings: Settings, name: str = "README.md") -> None:
    """The new text is the old with the entry's lines added (an ordered list's numbers
    aside); it has no style problem the old one did not; the new entry's problems are
    the fields left for a person."""
    old = [_NUMBER.sub(r"\1#\2", line) for line in text.splitlines(keepends=True)]
    new = [_NUMBER.sub(r"\1#\2", line) for line in added.text.splitlines(keepends=True)]
    extra, kept = [], 0
    for line in new:  # every old line, in order; the rest are new
        if kept < len(old) and line == old[kept]:
            kept += 1
        else:
            extra.append(line)
    assert kept == len(old)
    entry = new[added.line - 1 : added.line - 1 + added.lines]
    written = [line for line in extra if line.strip()]
    contents = [line for line in written if line not in entry]
    assert len(written) - len(contents) == sum(bool(line.strip()) for line in entry), written
    assert all(_CONTENTS.fullmatch(line) for line in contents), contents
    before = Counter(d.code for d in check_text(text, settings, name) if d.fixable)
    after = Counter(d.code for d in check_text(added.text, settings, name) if d.fixable)
    assert after - before == Counter(), after - before
    own = {
        d.code
        for d in check_text(added.text, settings, name)
        if added.line <= d.line < added.line + added.lines
    }
    assert own <= {"RL001", "RL002", "RL005"}, own


@pytest.mark.parametrize(
    ("name", "section"),
    [(name, section) for name, sections in EXAMPLES.items() for section in sections],
)
@pytest.mark.parametrize("paper", [ANYGPT, OLD], ids=["arxiv", "doi"])
def test_every_example_layout(name: str, section: str | None, paper: Metadata) -> None:
    settings = example_settings(name)
    text = (ROOT / "examples" / name).read_text("utf-8")
    added = add_paper(text, paper, settings, name, section)
    assert_only_added(text, added, settings, name)
    with pytest.raises(AlreadyListed, match=rf"^{re.escape(name)}:{added.line}: "):
        add_paper(added.text, paper, settings, name, section)


def test_the_reference_layout_in_full() -> None:
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    added = add_paper(text, ANYGPT, Settings(), "README.md", "Multimodal")
    lines = added.text.splitlines()
    assert lines[added.line - 1 : added.line + 8] == [
        "### AnyGPT",
        "  - **Paper:** [AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling](https://arxiv.org/abs/2402.12226)",
        "  - **Accepted:** arXiv",
        "  - **Submission Date:** 2024-02-19",
        "  - **Authors:** Jun Zhan; Junqi Dai; Jiasheng Ye",  # as the list parts them
        "  - **Tags:**",
        "  - **Abstract:** We introduce AnyGPT, an any-to-any multimodal language model.",
        "  - **Personal note:**",
        "",
    ]
    assert lines[added.line + 8] == "### CLIP"  # newest first: before 2021's CLIP


def test_authors_are_parted_as_the_list_parts_them() -> None:
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    commas = re.sub(r"(\*\*Authors:\*\* )(.*)", lambda m: m[1] + m[2].replace("; ", ", "), text)
    assert commas != text
    added = add_paper(commas, ANYGPT, Settings(), "README.md", "Multimodal")
    assert "  - **Authors:** Jun Zhan, Junqi Dai, Jiasheng Ye\n" in added.text


def test_items_written_from_the_pattern_and_numbered_on() -> None:
    settings = example_settings("items/README.md")
    text = (ROOT / "examples" / "items" / "README.md").read_text("utf-8")
    added = add_paper(text, ANYGPT, settings, "README.md", "Vision models")
    assert added.text.splitlines()[added.line - 1 : added.line + 4] == [
        "1. [**AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling.**](https://arxiv.org/abs/2402.12226) _Jun Zhan, Junqi Dai, Jiasheng Ye._ arXiv 2024.",
        "2. [**Deep residual learning for image recognition.**](https://arxiv.org/abs/1512.03385) _K. He et al._ CVPR 2016.",
        "3. [**Very deep convolutional networks for large-scale image recognition.**](https://arxiv.org/abs/1409.1556) _K. Simonyan, A. Zisserman._ ICLR 2015.",
        "4. [**Deep Residual Learning for Image Recognition**](https://arxiv.org/pdf/1512.03385v1.pdf) _K. He, X. Zhang, S. Ren, J. Sun._ CVPR 2016.",
    ]
    optimization = add_paper(text, OLD, settings, "README.md", "Optimization")
    assert optimization.text.splitlines()[optimization.line - 1] == (
        "- **Gradient-based learning applied to document recognition** (1998), Yann LeCun, "
        "Léon Bottou [[pdf]](https://doi.org/10.1109/5.726791)"
    )


def test_table_rows_in_the_tables_column_order() -> None:
    settings = example_settings("tables/README.md")
    text = (ROOT / "examples" / "tables" / "README.md").read_text("utf-8")
    added = add_paper(text, ANYGPT, settings, "README.md", "Instruction tuning")
    assert added.text.splitlines()[added.line - 1] == (
        "| 2024-02-19 | [AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling]"
        "(https://arxiv.org/abs/2402.12226) |  | arXiv |"
    )


def test_the_lines_layout_and_bold_headings() -> None:
    settings = example_settings("deep-learning/README.md")
    text = (ROOT / "examples" / "deep-learning" / "README.md").read_text("utf-8")
    added = add_paper(text, ANYGPT, settings, "README.md")
    assert added.text.splitlines()[added.line - 1 : added.line + 5] == [
        "#### **AnyGPT**",
        "**Paper:** [AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling](https://arxiv.org/abs/2402.12226)  ",
        "**Record:** arXiv  ",
        "**Authors' Sources:**  ",
        "**Submission time:** 2024.02  ",
        "**Brief Introduction:**",
    ]


def _corpus_cases() -> Iterator[tuple[str, str]]:
    for name in corpus_lists():
        if config_of(name) is None and not name.startswith("notes/"):
            continue
        yield name, "first"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is absent")
@pytest.mark.parametrize(("name", "where"), list(_corpus_cases()))
def test_every_corpus_config(name: str, where: str) -> None:
    settings = settings_of(name)
    text = corpus_text(name)
    all_runs = runs(parse(text, settings), settings)
    if not all_runs:
        pytest.skip(f"{name}: no entries with this config")
    names = [run.name for run in all_runs]
    unique = [run for run in all_runs if names.count(run.name) == 1]
    if not unique:
        pytest.skip(f"{name}: no section holds its papers in one place")
    run = unique[0] if where == "first" else unique[-1]
    section = " > ".join(run.path) if run.path else None
    if section is None and len(all_runs) > 1:
        pytest.skip(f"{name}: entries outside any section")
    paper = Metadata(
        title="A Paper Nobody Has Written Yet: On Adding Entries",
        authors=("Ada Lovelace", "Alan Turing"),
        date=PartialDate(2024, 2, 19),
        venue="arXiv",
        abstract="What adding one entry to a long list takes.",
        url="https://arxiv.org/abs/2402.00001",
        arxiv="2402.00001",
        source="arXiv:2402.00001",
    )
    added = add_paper(text, paper, settings, name, section)
    assert_only_added(text, added, settings, name)


SECTIONS = """# Papers

## Vision

### ViT
- **Paper:** [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)

## Language

### Dialogue

#### BERT
- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)

## Multimodal

### Dialogue

#### SpeechGPT
- **Paper:** [SpeechGPT](https://arxiv.org/abs/2305.11000)
"""


def test_sections_are_named_like_heading_paths() -> None:
    settings = Settings(entry_levels=(3, 4))
    added = add_paper(SECTIONS, ANYGPT, settings, "R.md", "multimodal >  dialogue")
    assert added.run.name == "Papers > Multimodal > Dialogue"
    assert add_paper(SECTIONS, ANYGPT, settings, "R.md", "Vision").run.name == "Papers > Vision"
    assert add_paper(SECTIONS, ANYGPT, settings, "R.md", None, "Vision").run.name == (
        "Papers > Vision"
    )
    with pytest.raises(
        PlacementError,
        match=r"names 2 sections \('Papers > Language > Dialogue', 'Papers > Multimodal > Dialogue'\)",
    ):
        add_paper(SECTIONS, ANYGPT, settings, "R.md", "Dialogue")
    with pytest.raises(
        PlacementError, match=r"papers are kept in 3 sections .*say which with --section"
    ):
        add_paper(SECTIONS, ANYGPT, settings, "R.md")
    with pytest.raises(
        PlacementError,
        match=r"no section 'Audio' holds papers \(--section\); sections: 'Papers > Vision'",
    ):
        add_paper(SECTIONS, ANYGPT, settings, "R.md", "Audio")


@pytest.mark.parametrize(
    ("paper", "why"),
    [
        (
            Metadata(
                "Attention Is All You Need",
                (),
                None,
                "",
                "",
                "https://arxiv.org/abs/1706.03762v5",
                arxiv="1706.03762",
                source="s",
            ),
            "arXiv 1706.03762",
        ),
        (
            Metadata(
                "Something else",
                (),
                None,
                "",
                "",
                "http://arxiv.org/pdf/1706.03762.pdf",
                arxiv="1706.03762",
                source="s",
            ),
            "arXiv 1706.03762",
        ),
        (
            Metadata("Clip: another paper", (), None, "", "", "https://example.org/x", source="s"),
            "the same title, 'clip'",
        ),
        (
            Metadata("GPT 3: A model", (), None, "", "", "https://example.org/x", source="s"),
            "the same title, 'gpt 3'",
        ),
    ],
)
def test_a_paper_in_the_list_is_refused_with_its_line(paper: Metadata, why: str) -> None:
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    with pytest.raises(
        AlreadyListed,
        match=rf"^README.md:\d+: s \(.*\) is in the list already \({why}\); nothing was added$",
    ):
        add_paper(text, paper, Settings(), "README.md", "Foundations")


def test_several_papers_at_once_and_a_repeat_among_them() -> None:
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    result = add_papers(text, [ANYGPT, OLD, ANYGPT], Settings(), "README.md", "Foundations")
    assert len(result.added) == 2
    assert len(result.refused) == 1
    assert "arXiv 2402.12226" in result.refused[0]
    lines = result.text.splitlines()
    for (start, end), added in zip(result.spans(), result.added, strict=True):
        assert lines[start - 1] == f"### {added.entry.heading}"
        assert lines[end - 1].startswith("  - **Personal note:**")


# A property: any sorted list in the reference layout, any paper.
_TITLE = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1,
    max_size=40,
).filter(lambda text: any(char.isalnum() for char in text))


@st.composite
def sorted_lists(draw: st.DrawFn) -> str:
    years = sorted(draw(st.lists(st.integers(2000, 2023), min_size=1, max_size=5)), reverse=True)
    entries = [
        f"### Paper {n}\n- **Paper:** [Paper {n}](https://arxiv.org/abs/{year % 100:02d}01.{n:05d})\n"
        f"- **Submission Date:** {year}-01-15\n"
        for n, year in enumerate(years)
    ]
    return "# List\n\n" + "\n".join(entries)


@hypothesis_settings(max_examples=60, deadline=None)
@given(
    sorted_lists(),
    _TITLE,
    st.dates(min_value=datetime.date(1999, 1, 1), max_value=datetime.date(2024, 12, 1)),
)
def test_add_then_check_finds_no_new_style_problem(
    text: str, title: str, day: datetime.date
) -> None:
    paper = Metadata(
        title=title,
        authors=("A. Author",),
        date=PartialDate(day.year, day.month, day.day),
        venue="arXiv",
        abstract="",
        url="https://example.org/new-paper",
        source="generated",
    )
    settings = Settings()
    try:
        added = add_paper(text, paper, settings, "README.md")
    except AlreadyListed:
        return  # a title that normalises to one of the list's ("Paper 0")
    assert_only_added(text, added, settings)
    with pytest.raises(AlreadyListed):
        add_paper(added.text, paper, settings, "README.md")


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    with serving() as server:
        yield server


def _target(tmp_path: Path, name: str = "README.md") -> Path:
    target = tmp_path / Path(name).name
    source = ROOT / "examples" / name
    target.write_bytes(source.read_bytes())
    for extra in source.parent.iterdir():
        if extra.name != "README.md" and source.parent != ROOT / "examples":
            (tmp_path / extra.name).write_bytes(extra.read_bytes())
    return target


def test_cli_writes_diffs_checks_and_refuses(loopback: Loopback, tmp_path: Path) -> None:
    target = _target(tmp_path)
    before = target.read_text("utf-8")
    env = {**loopback.environment(), "READMELINT_CACHE_DIR": str(tmp_path / "cache")}
    runner = CliRunner()
    arguments = ["add", "arXiv:2402.12226v2", "--to", str(target), "--section", "Multimodal"]
    diff = runner.invoke(main, [*arguments, "--diff"], env=env)
    assert diff.exit_code == 0, diff.output
    assert diff.stdout.startswith(f"--- a/{target}\n+++ b/{target}\n@@ -39,6 +39,15 @@\n")
    assert "+### AnyGPT\n" in diff.stdout
    checked = runner.invoke(main, [*arguments, "--check"], env=env)
    assert checked.exit_code == 0
    assert f"would add 'AnyGPT' at {target}:42 in 'Language models > Multimodal'" in checked.stderr
    assert target.read_text("utf-8") == before
    written = runner.invoke(main, arguments, env=env)
    assert written.exit_code == 0, written.output
    assert written.stderr.splitlines()[:3] == [
        f"added 'AnyGPT' at {target}:42 in 'Language models > Multimodal'",
        f'{target}:47:5: RL002 field "Tags" is empty; fill it in',
        f'{target}:49:5: RL002 field "Personal note" is empty; fill it in',
    ]
    assert "### AnyGPT\n" in target.read_text("utf-8")
    again = runner.invoke(
        main, [arguments[0], "https://arxiv.org/abs/2402.12226", *arguments[2:]], env=env
    )
    assert again.exit_code == 1
    assert again.stderr == (
        f"readmelint: {target}:42: arXiv:2402.12226 ('AnyGPT: Unified Multimodal LLM with "
        "Discrete Sequence Modeling') is in the list already (arXiv 2402.12226); nothing was added\n"
    )


def test_cli_bibtex_from_standard_input(tmp_path: Path) -> None:
    target = _target(tmp_path)
    bibtex = "@article{lecun98, title={Gradient-based learning applied to document recognition}, author={LeCun, Yann and Bottou, L{\\'e}on}, journal={Proceedings of the {IEEE}}, year={1998}, month=nov, doi={10.1109/5.726791}}"
    result = CliRunner().invoke(
        main, ["add", "-", "--to", str(target), "--section", "Foundations"], input=bibtex
    )
    assert result.exit_code == 0, result.output
    assert "  - **Authors:** Yann LeCun; Léon Bottou\n" in target.read_text("utf-8")


def test_cli_errors_are_one_line(loopback: Loopback, tmp_path: Path) -> None:
    target = _target(tmp_path)
    env = {**loopback.environment(), "READMELINT_CACHE_DIR": str(tmp_path / "cache")}
    cases = {
        (
            "2402.99999",
            "--section",
            "Multimodal",
        ): "readmelint: arXiv:2402.99999: arXiv has no paper 2402.99999; check the id\n",
        (
            "2402.12226",
        ): f"readmelint: {target}: papers are kept in 2 sections ('Language models > Foundations', 'Language models > Multimodal'); say which with --section, or set add.section in the config\n",
        (
            "nonsense",
        ): "readmelint: nonsense: not an arXiv id (2402.12226, arXiv:2402.12226v2, cs/0112017, an arxiv.org link), a DOI (10.1038/nature14539 or a doi.org link), nor a BibTeX file; check it\n",
    }
    for arguments, message in cases.items():
        result = CliRunner().invoke(main, ["add", *arguments, "--to", str(target)], env=env)
        assert (result.exit_code, result.output) == (2, message)
    missing = CliRunner().invoke(main, ["add", "2402.12226", "--to", str(tmp_path / "NO.md")])
    assert (missing.exit_code, missing.output) == (
        2,
        f"readmelint: {tmp_path / 'NO.md'}: no such file; check the path\n",
    )


def test_config_add_section(loopback: Loopback, tmp_path: Path) -> None:
    target = _target(tmp_path)
    (tmp_path / ".readmelint.toml").write_text('add = { section = "Multimodal" }\n', "utf-8")
    env = {**loopback.environment(), "READMELINT_CACHE_DIR": str(tmp_path / "cache")}
    result = CliRunner().invoke(
        main, ["add", "1706.03762v7", "--to", str(target), "--check"], env=env
    )
    assert result.exit_code == 1  # the Transformer is listed under Foundations already
    result = CliRunner().invoke(
        main, ["add", "hep-th/9711200", "--to", str(target), "--check"], env=env
    )
    assert result.exit_code == 0, result.output
    assert "in 'Language models > Multimodal'" in result.stderr
    (tmp_path / ".readmelint.toml").write_text('add = { sections = "x" }\n', "utf-8")
    bad = CliRunner().invoke(main, ["add", "2402.12226", "--to", str(target)], env=env)
    assert bad.exit_code == 2
    assert "add must be a table like" in bad.output


def test_a_real_process_adds_a_paper(loopback: Loopback, tmp_path: Path) -> None:
    target = _target(tmp_path, "tables/README.md")
    env = {**loopback.environment(), "READMELINT_CACHE_DIR": str(tmp_path / "cache"), "PATH": ""}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "readmelint",
            "add",
            "https://doi.org/10.1038/nature14539",
            "--to",
            str(target),
            "--section",
            "Foundation models",
        ],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (
        "| [Deep learning](https://doi.org/10.1038/nature14539) | Nature | 2015-05-28 |  |\n"
        in target.read_text("utf-8")
    )


WITH_CONTENTS = """# Papers

- [Vision](#vision)
  - [ViT](#vit)
- [Language](#language)
  - [BERT](#bert)

## Vision

### ViT
- **Paper:** [An Image is Worth 16x16 Words](https://arxiv.org/abs/2010.11929)
- **Submission Date:** 2020-10-22

## Language

### BERT
- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)
- **Submission Date:** 2018-10-11
"""


def test_a_table_of_contents_lists_the_new_entries() -> None:
    result = add_papers(WITH_CONTENTS, [ANYGPT, OLD], Settings(), "R.md", "Language")
    lines = result.text.splitlines()
    assert lines[2:8] == [
        "- [Vision](#vision)",
        "  - [ViT](#vit)",
        "- [Language](#language)",
        "  - [AnyGPT](#anygpt)",
        "  - [BERT](#bert)",
        "",  # the contents end at BERT's section: a heading after it is not theirs (toc.py)
    ]
    for (start, _), added in zip(result.spans(), result.added, strict=True):
        assert lines[start - 1] == f"### {added.entry.heading}"
    assert not [d for d in check_text(result.text, Settings(), "R.md") if d.fixable]


SUB_ITEMS = """# Papers

- Periodic RoPE for Infinite Context LLMs
  - 📅 Date: April 23, 2026
  - Paper: [arXiv](https://arxiv.org/abs/2605.27980)
- Another Long Context Paper
  - 📅 Date: April 2, 2026
  - Paper: [arXiv](https://arxiv.org/abs/2604.00001)
"""


def test_an_item_of_sub_items_takes_the_lists_labels(tmp_path: Path) -> None:
    schema = tmp_path / "schema.json"
    schema.write_text(
        '{"properties": {"fields": {"properties": {'
        '"date": {"title": "Date", "x-date-format": "Month D, YYYY"},'
        '"paper": {"title": "Paper", "format": "markdown-link"}}}}}',
        "utf-8",
    )
    config = tmp_path / ".readmelint.toml"
    config.write_text('schema = "schema.json"\nlayout = "items"\nitem-fields = "sub-items"\n')
    settings = load_config(config).settings
    paper = Metadata(
        "Ring Attention at Scale", ("Jane Doe",), PartialDate(2026, 4, 10), "arXiv", "",
        "https://arxiv.org/abs/2604.01234", arxiv="2604.01234", source="s",
    )  # fmt: skip
    added = add_paper(SUB_ITEMS, paper, settings, "R.md")
    assert added.text.splitlines()[added.line - 1 : added.line + 2] == [
        "- Ring Attention at Scale",
        "  - 📅 Date: April 10, 2026",
        "  - Paper: [arXiv](https://arxiv.org/abs/2604.01234)",
    ]
    assert_only_added(SUB_ITEMS, added, settings)


ALIGNED = """# Papers

| Title                                 | Date       |
| ------------------------------------- | ---------- |
| [A](https://arxiv.org/abs/2401.00001) | 2024-01-02 |
| [B](https://arxiv.org/abs/2301.00001) | 2023-01-02 |
"""


def test_an_aligned_table_stays_aligned(tmp_path: Path) -> None:
    settings = example_settings("tables/README.md")
    paper = Metadata(
        "C", (), PartialDate(2023, 6, 1), "", "", "https://arxiv.org/abs/2306.00001",
        arxiv="2306.00001", source="s",
    )  # fmt: skip
    added = add_paper(ALIGNED, paper, settings, "R.md")
    assert added.text.splitlines()[added.line - 1] == (
        "| [C](https://arxiv.org/abs/2306.00001) | 2023-06-01 |"
    )
    assert_only_added(ALIGNED, added, settings)


def test_duplicates_per_section_allow_a_paper_in_another_section() -> None:
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    clip = Metadata(
        "Learning Transferable Visual Models From Natural Language Supervision", (), None,
        "", "", "https://arxiv.org/abs/2103.00020", arxiv="2103.00020", source="s",
    )  # fmt: skip
    with pytest.raises(AlreadyListed):
        add_paper(text, clip, Settings(), "README.md", "Foundations")
    per_section = Settings(duplicates="section")
    add_paper(text, clip, per_section, "README.md", "Foundations")
    with pytest.raises(AlreadyListed, match=r"^README.md:42: "):
        add_paper(text, clip, per_section, "README.md", "Multimodal")
