"""Which paper an entry names: identifiers normalised, titles compared, and the rules on them."""

from __future__ import annotations

import datetime
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.papers import identifier, normal_title, normal_url
from readmelint.settings import Settings

TODAY = datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://arxiv.org/abs/2402.12226", "arxiv:2402.12226"),
        ("http://arxiv.org/abs/2402.12226v2", "arxiv:2402.12226"),
        ("https://www.arxiv.org/pdf/2402.12226.pdf", "arxiv:2402.12226"),
        ("https://arxiv.org/pdf/2402.12226v3", "arxiv:2402.12226"),
        ("https://arxiv.org/html/2402.12226v1", "arxiv:2402.12226"),
        ("arxiv.org/abs/cs/0601001", "arxiv:cs/0601001"),
        ("https://arxiv.org/abs/hep-th/9901001v2", "arxiv:hep-th/9901001"),
        ("https://doi.org/10.1109/CVPR.2016.90", "doi:10.1109/cvpr.2016.90"),
        ("https://dx.doi.org/10.1109/cvpr.2016.90", "doi:10.1109/cvpr.2016.90"),
        ("https://openreview.net/forum?id=4aZTiLH3fm", "openreview:4aZTiLH3fm"),
        ("https://openreview.net/pdf?id=4aZTiLH3fm", "openreview:4aZTiLH3fm"),
        ("https://github.com/x/y", None),
        ("https://exampl].org/a", None),  # urllib cannot read it: no identifier, no crash
        ("http://[::1", None),
    ],
)
def test_identifiers_are_normalised(url: str, expected: str | None) -> None:
    assert identifier(url) == expected


def test_other_urls_are_normalised_for_comparison() -> None:
    same = {
        normal_url(url)
        for url in (
            "https://example.org/paper/",
            "http://www.example.org/paper",
            "https://EXAMPLE.org/paper#section",
        )
    }
    assert len(same) == 1
    assert normal_url("https://exampl].org/a") == normal_url("https://exampl].org/a")


def test_titles_compare_without_case_punctuation_or_a_trailing_period() -> None:
    assert normal_title("Deep Learning.") == normal_title("deep   learning")
    assert normal_title("VAST: A Vision-Audio Model") == "vast a vision audio model"


def entry(name: str, paper: str, date: str = "2024-02-19") -> str:
    return (
        f"### {name}\n- **Paper:** [{name}]({paper})\n- **Accepted:** arXiv\n"
        f"- **Submission Date:** {date}\n- **Authors:** A\n- **Tags:** t\n"
        f"- **Abstract:** a\n- **Personal note:** [N](https://x.org/{name})\n"
    )


def codes(text: str, settings: Settings | None = None) -> list[tuple[int, str, str]]:
    found = check_text(text, settings or Settings(today=TODAY))
    return [(d.line, d.code, d.message) for d in found if d.code.startswith("RL3")]


def test_the_same_arxiv_paper_in_two_spellings_is_reported_at_the_later_entry() -> None:
    text = (
        entry("One", "https://arxiv.org/abs/2402.12226")
        + "\n"
        + entry("Two", "http://arxiv.org/pdf/2402.12226v2.pdf")
    )
    assert codes(text) == [
        (
            10,
            "RL301",
            'the same paper as line 1 (arXiv 2402.12226); keep one of them, or set duplicates = "section"',
        )
    ]


def test_section_scope_allows_a_paper_once_per_section() -> None:
    one = entry("One", "https://arxiv.org/abs/2402.12226")
    two = entry("Two", "https://arxiv.org/abs/2402.12226")
    text = f"## A\n\n{one}\n## B\n\n{two}"
    assert [c for _, c, _ in codes(text)] == ["RL301"]
    assert codes(text, Settings(today=TODAY, duplicates="section")) == []
    assert codes(text, Settings(today=TODAY, duplicates=False)) == []


def test_an_arxiv_id_against_its_date() -> None:
    text = entry("One", "https://arxiv.org/abs/2403.03003", date="2023-03-05")
    assert codes(text) == [
        (
            4,
            "RL302",
            '"Submission Date" is 2023-03-05, but arXiv 2403.03003 was first submitted in 2024-03',
        )
    ]
    # The last days of the month before count: the paper may be numbered a day later.
    assert codes(entry("One", "https://arxiv.org/abs/2403.03003", date="2024-02-28")) == []
    assert [
        c for _, c, _ in codes(entry("One", "https://arxiv.org/abs/2403.03003", date="2024-02-20"))
    ] == ["RL302"]


def test_a_date_after_today_is_reported_with_a_day_of_slack() -> None:
    assert codes(entry("One", "https://x.org/1", date="2026-12-04")) == []
    assert codes(entry("One", "https://x.org/1", date="2026-12-05")) == [
        (4, "RL303", '"Submission Date" is 2026-12-05, after today (2026-12-03)')
    ]


def test_a_url_urllib_cannot_read_does_not_crash_check() -> None:
    """Found by the fuzzer: ``https://exampl].org`` made urlsplit raise."""
    text = entry("One", "https://exampl].org/a") + "\n" + entry("Two", "https://exampl].org/a")
    assert [c for _, c, _ in codes(text)] == ["RL301"]


def test_today_comes_from_the_command_line_for_reproducible_runs(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from readmelint.cli import main

    (tmp_path / "README.md").write_text(entry("One", "https://x.org/1", date="2025-06-01"))
    late = CliRunner().invoke(main, ["check", "--today", "2025-01-01", str(tmp_path / "README.md")])
    early = CliRunner().invoke(
        main, ["check", "--today", "2026-01-01", str(tmp_path / "README.md")]
    )
    assert "RL303" in late.output
    assert "RL303" not in early.output
    bad = CliRunner().invoke(main, ["check", "--today", "2025-13-01", str(tmp_path / "README.md")])
    assert bad.exit_code == 2


SPELLINGS = [
    "https://arxiv.org/abs/{id}",
    "http://arxiv.org/abs/{id}v2",
    "https://www.arxiv.org/pdf/{id}.pdf",
    "https://arxiv.org/pdf/{id}v1",
    "https://arxiv.org/html/{id}",
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.integers(0, 5), min_size=1, max_size=12),
    st.randoms(use_true_random=False),
)
def test_duplicates_do_not_depend_on_entry_order_or_link_spelling(
    papers: list[int], rng: random.Random
) -> None:
    """Each repeat of a paper is reported once, however its link is written and wherever it is."""
    entries = [
        entry(f"Entry {n}", rng.choice(SPELLINGS).format(id=f"2402.{10000 + paper}"))
        for n, paper in enumerate(papers)
    ]
    rng.shuffle(entries)
    text = "\n".join(entries)
    found = [code for _, code, _ in codes(text, Settings(today=TODAY, sort=False))]
    assert found.count("RL301") == len(papers) - len(set(papers))
