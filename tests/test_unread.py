"""Never silently clean: what looks like a paper (readmelint.evidence), and RL014 when a
config reads none or few of a list's papers; files that are no paper lists stay quiet."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.config import load_config
from readmelint.evidence import is_paper_link, likely_papers, names_paper, paper_header
from readmelint.settings import Settings
from tests.helpers import CORPUS, ROOT, corpus_file, corpus_lists, read_text, settings_of

SEVEN = "".join(
    f"- **Paper {n}** (2019), A. Author et al. [[pdf]](https://example.org/p{n}.pdf)\n"
    for n in range(1, 8)
)


def rl014(text: str, settings: Settings | None = None) -> list[str]:
    found = check_text(text, settings or Settings(), "README.md")
    return [f"{d.line}:{d.message}" for d in found if d.code == "RL014"]


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://arxiv.org/abs/1706.03762", "Attention"),
        ("http://arxiv.org/pdf/1512.03385v1.pdf", ""),
        ("https://doi.org/10.1016/j.aiopen.2021.01.001", "x"),
        ("https://openreview.net/forum?id=abc", "x"),
        ("https://aclanthology.org/2020.acl-main.1/", "x"),
        ("https://proceedings.neurips.cc/paper/2020/hash/x.html", "x"),
        ("http://www.cv-foundation.org/openaccess/content_cvpr_2016/papers/x.pdf", "x"),
        ("https://example.org/report.PDF?download=1", "x"),
        ("https://example.org/anything", "[pdf]"),
        ("https://example.org/anything", "Paper"),
    ],
)
def test_links_that_lead_to_papers(href: str, text: str) -> None:
    assert is_paper_link(href, text)


@pytest.mark.parametrize(
    ("href", "text"),
    [
        ("https://github.com/openai/CLIP", "code"),
        ("https://img.shields.io/badge/arXiv-2402-red", ""),
        ("https://example.org/arxiv.org/abs/1706.03762x", "Project page"),
        ("#papers", "Papers"),
    ],
)
def test_links_that_do_not(href: str, text: str) -> None:
    assert not is_paper_link(href, text)


def test_text_that_names_a_paper() -> None:
    assert names_paper("Title. Authors et al. NeurIPS 2018")
    assert names_paper("Self-Distillation. arXiv:1908.01851")
    assert names_paper("Some title, CVPR'19")
    assert not names_paper("Released version 2019 of the tool")
    assert not names_paper("Python 3.11 and Ubuntu 2204")


def test_a_table_header_that_names_papers() -> None:
    assert paper_header(["Title", "Venue", "Date", "Code"])
    assert paper_header(["**Paper**", "作者"])
    assert paper_header(["&nbsp;Name&nbsp;", "Year"])
    assert not paper_header(["Name", "Code", "What it does"])  # a table of tools
    assert not paper_header(["Venue", "Year"])  # no title column


def test_a_list_item_counts_once_its_sub_items_each_on_their_own() -> None:
    text = (
        "- **[2024.05.01]**\n"
        "  - [A](https://arxiv.org/abs/2405.00001)\n"
        "  - [B](https://arxiv.org/abs/2405.00002)\n"
        "- Title. [[pdf]](https://example.org/t.pdf)\n"
        "  more of the first paragraph\n\n"
        "  A second paragraph with [paper](https://arxiv.org/abs/2405.00003).\n"
    )
    assert [(c.line, c.kind) for c in likely_papers(text)] == [
        (2, "item"),
        (3, "item"),
        (4, "item"),
    ]


def test_code_html_and_quotes_of_code_are_no_papers() -> None:
    text = (
        "```\n" + SEVEN + "```\n\n" + "<div>\n\n" + "<a href='https://arxiv.org/abs/1'>x</a>\n"
        "</div>\n\n    - [A](https://arxiv.org/abs/2405.00001)\n"
    )
    assert likely_papers(text) == []


def test_a_list_read_by_no_layout_is_reported_at_its_first_paper() -> None:
    text = "# Papers\n\nSome words.\n\n" + SEVEN
    assert rl014(text) == [
        "5:read no entries, yet 7 list items look like papers (the first is here); "
        "`readmelint init --from README.md` infers a config that reads them"
    ]


def test_the_same_list_read_by_the_items_layout_is_quiet(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        read_text(ROOT / "tests" / "golden_items" / "schema.json"), "utf-8"
    )
    config = tmp_path / ".readmelint.toml"
    config.write_text(
        'schema = "s.json"\nlayout = "items"\n'
        'item = "**{title}** ({year}), {authors} [[pdf]]({paper})"\n',
        "utf-8",
    )
    assert rl014("# Papers\n\n" + SEVEN, load_config(config).settings) == []


def test_four_papers_are_no_paper_list() -> None:
    assert rl014("# Tool\n\n" + "".join(SEVEN.splitlines(keepends=True)[:4])) == []


def test_a_project_readme_citing_its_papers_is_quiet() -> None:
    text = (
        "# fastthing\n\n[![arXiv](https://img.shields.io/badge/arXiv-2401.00001-b31b1b)]"
        "(https://arxiv.org/abs/2401.00001)\n\nA fast thing, described in [our paper]"
        "(https://arxiv.org/abs/2401.00001) (ICML 2024).\n\n## Install\n\n```sh\npip install "
        "fastthing\n```\n\n## Related work\n\n- [Slowthing](https://arxiv.org/abs/2301.00002)\n"
        "- [Otherthing](https://github.com/x/otherthing)\n\n## Citation\n\n```bibtex\n"
        "@inproceedings{x, title={Fast}, booktitle={ICML}, year={2024}}\n```\n"
    )
    assert rl014(text) == []


def test_a_config_reading_few_of_the_papers_is_reported(tmp_path: Path) -> None:
    entry = "### Alpha\n- **Paper:** [Alpha](https://arxiv.org/abs/2101.00001)\n\n"
    assert rl014(entry + "## More\n\n" + SEVEN) == [
        "6:read 1 entry, yet 7 list items outside them look like papers (the first is here); "
        "`readmelint init --from README.md` infers a config that reads them"
    ]
    # As many entries as papers elsewhere: the config reads its share.
    many = "".join(entry.replace("Alpha", f"Alpha{n}") for n in range(7))
    assert rl014(many + "## More\n\n" + SEVEN) == []


def test_it_can_be_ignored_or_suppressed() -> None:
    text = "# Papers\n\n" + SEVEN
    assert rl014(text, replace(Settings(), ignore=frozenset({"RL014"}))) == []
    assert rl014("<!-- readmelint-disable-file RL014 -->\n" + text) == []


def test_the_commonmark_examples_look_like_no_papers() -> None:
    spec = json.loads(read_text(corpus_file("commonmark/commonmark.json")))
    examples = [example["markdown"] for example in spec]
    assert [e for e in examples if likely_papers(e)] == []
    assert likely_papers("\n\n".join(examples)) == []
    assert likely_papers(read_text(corpus_file("commonmark/gfm-tables.md"))) == []


@pytest.mark.parametrize("path", ["README.md", "examples/deep-learning/README.md"])
def test_the_project_documents_are_no_paper_lists(path: str) -> None:
    """The README shows paper lists only in code blocks; the deep-learning example is
    read by its own config (its three paragraphs of links are the list's preface)."""
    assert len(likely_papers(read_text(ROOT / path))) < 5


# Each list of more/ (no hand-written config) read with the defaults: how many blocks
# look like papers. The ICCV list keeps its papers in other files and HTML.
MORE = {
    "FLHonker__Awesome-Knowledge-Distillation__README.md": 600,
    "RUCAIBox__LLMSurvey__README.md": 300,
    "SJTU-DMTai__awesome-ml-data-quality-papers__README.md": 300,
    "floodsung__Deep-Learning-Papers-Reading-Roadmap__README.md": 120,
    "jason718__awesome-self-supervised-learning__README.md": 450,
    "subeeshvasu__Awesome-Learning-with-Label-Noise__README.md": 250,
    "thunlp__GNNPapers__README.md": 400,
}


@pytest.mark.parametrize("name", sorted(MORE))
def test_real_lists_read_with_the_defaults_are_never_clean(name: str) -> None:
    found = rl014(read_text(corpus_file(f"more/{name}")))
    assert len(found) == 1
    count = int(found[0].split("yet ")[1].split()[0])
    assert count >= MORE[name], found


def test_a_list_whose_papers_live_elsewhere_is_quiet() -> None:
    assert rl014(read_text(corpus_file("more/DmitryRyumin__ICCV-2023-Papers__README.md"))) == []


@pytest.mark.parametrize("name", corpus_lists())
def test_the_corpus_read_with_its_configs(name: str) -> None:
    """Quiet wherever the hand-written config reads the list; Deep-Learning-Paper-List's
    reads its 13 headed entries but none of its 51 rows under Chinese headers."""
    found = rl014(read_text(CORPUS / name), settings_of(name))
    if "Deep-Learning-Paper-List" in name:
        assert [line.split(":")[0] for line in found] == ["32"]
        assert "yet 51 table rows" in found[0]
    else:
        assert found == []


def test_stats_and_export_say_a_file_had_no_entries(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Papers\n\n" + SEVEN, "utf-8")
    (tmp_path / "other.md").write_text("### A\n- **Paper:** [A](https://x.org)\n", "utf-8")
    for command in ("stats", "export"):
        paths = [str(tmp_path / "README.md"), str(tmp_path / "other.md")]
        result = CliRunner().invoke(main, [command, *paths])
        assert result.exit_code == 0, result.output
        assert result.stderr == (
            f"readmelint: {paths[0]}: no entries read; `readmelint init --from {paths[0]}` "
            "infers a config that reads the list\n"
        )
        quiet = CliRunner().invoke(main, [command, *paths, "-q"])
        assert quiet.stderr == ""


def test_a_heading_naming_a_venue_names_a_section() -> None:
    """`## CVPR 2024` titles a section; a heading links to its paper to be one."""
    text = "".join(f"## CVPR {year}\n\ntext\n\n" for year in range(2015, 2025))
    assert likely_papers(text) == []
    linked = "".join(f"### [P{n}](https://arxiv.org/abs/2101.0000{n})\n\n" for n in range(5))
    assert [c.kind for c in likely_papers(linked)] == ["heading"] * 5
