"""Stats: what a list holds, counted, in three formats and a chart."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_document
from readmelint.cli import main
from readmelint.cli.data import STATS_FORMATS
from readmelint.parse import parse
from readmelint.records import Columns, records
from readmelint.settings import Settings
from readmelint.stats import FORMATS, Stats, collect
from readmelint.venues import VenueKind, short_venue, venue_kind


def entry(name: str, accepted: str, date: str, tags: str = "", section: str = "") -> str:
    return (
        f"{section}### {name}\n"
        f"- **Paper:** [{name}](https://example.org/{name})\n"
        f"- **Accepted:** {accepted}\n"
        f"- **Submission Date:** {date}\n"
        f"- **Authors:** Someone\n"
        f"- **Tags:** {tags}\n"
        f"- **Abstract:** text\n"
        f"- **Personal note:** [n](https://example.org/n)\n\n"
    )


LIST = (
    entry("A", "CVPR 2024 (Highlight)", "2023-11-20", "vision, 3D", "## Vision\n\n")
    + entry("B", "cvpr 2023", "2023-03-01", "vision")
    + entry("C", "NeurIPS 2023 Datasets and Benchmarks", "2023-06-01", "", "## Language\n\n")
    + entry("D", "-", "05/06/2022", "language; vision")
)


def stats_of(text: str) -> Stats:
    settings = Settings()
    document = parse(text, settings)
    found = records(document, settings, "L.md", check_document(document, settings, "L.md"))
    return collect(found, Columns.of(settings))


def test_counts_per_section_year_month_venue_and_tag() -> None:
    stats = stats_of(LIST)
    assert (stats.files, stats.entries, stats.undated) == (1, 4, 1)
    assert stats.sections == {"Vision": 2, "Language": 2}
    assert stats.years == {2023: 3}
    assert stats.months == {"2023-11": 1, "2023-03": 1, "2023-06": 1}
    assert stats.venues == {"CVPR": 2, "NeurIPS": 1}  # "-" is no venue
    assert stats.tags == {"vision": 3, "3D": 1, "language": 1}
    assert stats.missing["Tags"] == 1
    assert stats.missing["Accepted"] == 0
    assert stats.with_problems == 2  # D's date, C's empty tags


@pytest.mark.parametrize(
    ("text", "short", "kind"),
    [
        ("CVPR 2024 (Highlight)", "CVPR", VenueKind.CONFERENCE),
        ("neurips'23", "NeurIPS", VenueKind.CONFERENCE),
        ("[ICLR 2024](https://openreview.net/x)", "ICLR", VenueKind.CONFERENCE),
        ("CVPR Workshop 2023", "CVPR", VenueKind.CONFERENCE),
        ("Findings of ACL 2024", "Findings of ACL", VenueKind.CONFERENCE),
        ("IEEE TPAMI 2022", "IEEE TPAMI", VenueKind.JOURNAL),
        ("Nature Machine Intelligence", "Nature Machine Intelligence", VenueKind.JOURNAL),
        ("arXiv 2024", "arXiv", VenueKind.OTHER),
        ("N/A", "", VenueKind.OTHER),
    ],
)
def test_venues_lose_year_and_track_and_keep_their_usual_spelling(
    text: str, short: str, kind: VenueKind
) -> None:
    assert (short_venue(text), venue_kind(text)) == (short, kind)


def test_text_is_aligned_tables() -> None:
    text = FORMATS["text"](stats_of(LIST))
    assert text.startswith("4 entries in 1 file; 2 with problems, 1 without a date\n")
    block = text.split("\n\n")[5]
    assert block.splitlines() == [
        "Entries per tag",
        "tag       entries",
        "vision          3",
        "3D              1",
        "language        1",
    ]


def test_markdown_is_tables_that_render() -> None:
    from markdown_it import MarkdownIt

    text = FORMATS["markdown"](stats_of(LIST))
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    assert sum(token.type == "table_open" for token in tokens) == 6
    assert "| CVPR | 2 |" in text


def test_json_has_every_count() -> None:
    data = json.loads(FORMATS["json"](stats_of(LIST)))
    assert data["years"] == {"2023": 3}
    assert data["venues"] == {"CVPR": 2, "NeurIPS": 1}
    assert list(data["months"]) == ["2023-03", "2023-06", "2023-11"]


def test_the_command_line_names_every_format() -> None:
    assert tuple(FORMATS) == STATS_FORMATS


def test_cli_markdown_to_a_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    out = tmp_path / "stats.md"
    result = CliRunner().invoke(
        main, ["stats", str(tmp_path / "README.md"), "--format", "markdown", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == FORMATS["markdown"](stats_of(LIST))


@pytest.mark.parametrize("kind", ["svg", "png"])
def test_plot_draws_a_chart(tmp_path: Path, kind: str) -> None:
    pytest.importorskip("matplotlib")
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    chart = tmp_path / f"years.{kind}"
    result = CliRunner().invoke(main, ["stats", str(tmp_path / "README.md"), "--plot", str(chart)])
    assert result.exit_code == 0, result.output
    data = chart.read_bytes()
    assert data.startswith(b"\x89PNG") if kind == "png" else b"<svg" in data[:500]
    if kind == "svg":
        assert b"CVPR" in data
        assert b"NeurIPS" in data


def test_plot_to_an_unknown_extension_is_one_line_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    result = CliRunner().invoke(
        main, ["stats", str(tmp_path / "README.md"), "--plot", str(tmp_path / "chart.pdf")]
    )
    assert result.exit_code == 2
    assert (
        result.stderr == f"readmelint: --plot {tmp_path / 'chart.pdf'}: name a .svg or .png file\n"
    )
    assert result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_plot_without_matplotlib_says_how_to_install_it(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    script = (
        "import sys; sys.modules['matplotlib'] = None; "  # what an absent package looks like
        "from readmelint.cli import run; run()"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, "stats", "README.md", "--plot", "chart.svg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == (
        "readmelint: --plot needs matplotlib, an optional extra: pip install 'readmelint[plot]'\n"
    )
    assert not (tmp_path / "chart.svg").exists()


def test_stats_in_a_real_process() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "readmelint", "stats", "examples/README.md", "--format", "json"],
        cwd=Path(__file__).parent.parent,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["entries"] == 5


def test_a_file_read_counts_even_without_entries(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    (tmp_path / "notes.md").write_text("# Notes\n\nNo papers here.\n", "utf-8")
    result = CliRunner().invoke(main, ["stats", "-j", "1", str(tmp_path / "notes.md")])
    assert result.stdout.startswith("0 entries in 1 file;")
    both = CliRunner().invoke(main, ["stats", "-j", "1", "--format", "json", str(tmp_path)])
    assert (json.loads(both.stdout)["files"], json.loads(both.stdout)["entries"]) == (2, 4)


def test_plot_with_quiet_writes_the_chart_and_prints_nothing(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    (tmp_path / "README.md").write_text(LIST, "utf-8")
    chart = tmp_path / "years.svg"
    result = CliRunner().invoke(
        main, ["stats", str(tmp_path / "README.md"), "--plot", str(chart), "-q"]
    )
    assert result.exit_code == 0
    assert result.output == ""
    assert b"<svg" in chart.read_bytes()[:500]
