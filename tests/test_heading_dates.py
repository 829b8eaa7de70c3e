"""A date written once for a group (issue 22 item 5): ``date-from-heading``.

A daily digest writes the date in the heading above each day's papers (``## 2025-06-20``,
``#### Jun 20, 2025``), or the year above rows that write ``MM-DD`` (``### 2024``). With
the setting, an entry takes the date, or its year, from the nearest such heading above
it, in every layout; check counts it as the entry's, fix never writes it into an entry
nor moves an entry away from its heading, and export and stats read the full date.
"""

from __future__ import annotations

import datetime
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.add.insert import add_paper
from readmelint.add.metadata import Metadata
from readmelint.check import check_text
from readmelint.config import config_from_table, describe
from readmelint.dates import PartialDate
from readmelint.errors import ConfigError
from readmelint.export import as_bibtex
from readmelint.fix import fix_text
from readmelint.heading_dates import entry_date
from readmelint.infer import infer
from readmelint.infer.write import config_text
from readmelint.parse import parse
from readmelint.pattern import compile_pattern
from readmelint.records import Columns, records
from readmelint.schema import build_schema
from readmelint.settings import Settings
from readmelint.stats import collect
from tests.helpers import corpus_file, corpus_lists, read_text, settings_of
from tests.hypothesis_profile import PROPERTIES

TODAY = datetime.date(2026, 12, 8)
FIELDS: dict[str, Any] = {
    "date": {
        "title": "Date",
        "type": "string",
        "x-date-format": ["YYYY-MM-DD", "MM-DD"],
        "x-arxiv-date": True,
    },
    "paper": {"title": "Paper", "type": "string", "format": "markdown-link"},
    "code": {"title": "Code", "type": "string"},
}


def configured(
    fields: dict[str, Any] | None = None, layout: tuple[str, ...] = ("table",), item: str = ""
) -> Settings:
    schema = build_schema(
        {
            "type": "object",
            "properties": {
                "fields": {
                    "type": "object",
                    "properties": fields or FIELDS,
                    "required": ["paper", "date"],
                    "additionalProperties": False,
                }
            },
        },
        "test",
    )
    return Settings(
        schema=schema,
        layouts=layout,
        heading_dates=("date",),
        item_patterns=(compile_pattern(item, schema.order),) if item else (),
        today=TODAY,
    )


def row(title: str, arxiv: str, date: str | None = None) -> str:
    paper = f"[{title}](https://arxiv.org/abs/{arxiv})"
    return f"| {date} | {paper} | x |\n" if date is not None else f"| {paper} | x |\n"


DAYS = (
    "# Daily\n\n## 2025-06-20\n\n| Paper | Code |\n| --- | --- |\n"
    + row("A", "2506.00001")
    + row("B", "2506.00002")
    + "\n## 2025-06-19\n\n| Paper | Code |\n| --- | --- |\n"
    + row("C", "2506.00003")
)
YEARS = (
    "# Archive\n\n### 2024\n\n| Date | Paper | Code |\n| --- | --- | --- |\n"
    + row("D", "2412.00001", "12-02")
    + row("E", "2403.00001", "03-08")
    + row("F", "2412.00002", "12-20")
    + "\n### 2023\n\n| Date | Paper | Code |\n| --- | --- | --- |\n"
    + row("G", "2312.00001", "12-31")
)


def dates(text: str, found: Settings) -> list[str | None]:
    document = parse(text, found)
    spec = found.schema.spec("date")
    assert spec is not None
    return [str(date) if (date := entry_date(entry, spec)) else None for entry in document.entries]


def codes(text: str, found: Settings) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in check_text(text, found)]


def test_rows_without_a_date_take_the_day_heading_above_them() -> None:
    found = configured()
    assert dates(DAYS, found) == ["2025-06-20", "2025-06-20", "2025-06-19"]
    assert codes(DAYS, found) == []  # no "table has no column Date" (RL001)
    without = Settings(**{**found.__dict__, "heading_dates": ()})
    assert [code for _, _, code in codes(DAYS, without)] == ["RL001", "RL001"]
    assert fix_text(DAYS, found) == DAYS  # the date is never written into a row


def test_mm_dd_cells_take_the_year_of_the_heading_above_them() -> None:
    found = configured()
    assert dates(YEARS, found) == ["2024-12-02", "2024-03-08", "2024-12-20", "2023-12-31"]
    assert codes(YEARS, found) == [(9, 1, "RL104")]  # F, newest, comes before E
    fixed = fix_text(YEARS, found)
    d, e, f = (
        row("D", "2412.00001", "12-02"),
        row("E", "2403.00001", "03-08"),
        row("F", "2412.00002", "12-20"),
    )
    assert fixed == YEARS.replace(d + e + f, f + d + e)
    assert fix_text(fixed, found) == fixed


def test_export_stats_and_bibtex_read_the_full_date() -> None:
    found = configured()
    text = DAYS + "\n" + YEARS.replace("# Archive\n\n", "")
    read = list(records(parse(text, found), found, "README.md"))
    assert [(r.fields["date"], r.iso_dates["date"]) for r in read] == [
        ("2025-06-20", "2025-06-20"),
        ("2025-06-20", "2025-06-20"),
        ("2025-06-19", "2025-06-19"),
        ("12-02", "2024-12-02"),
        ("03-08", "2024-03-08"),
        ("12-20", "2024-12-20"),
        ("12-31", "2023-12-31"),
    ]
    stats = collect(read, Columns.of(found))
    assert stats.undated == 0
    assert stats.years == Counter({2025: 3, 2024: 3, 2023: 1})
    assert stats.months["2024-12"] == 2
    bibtex = "".join(as_bibtex(read, Columns.of(found)))
    assert bibtex.count("year = {2025}") == 3
    assert bibtex.count("year = {2023}") == 1


def test_a_year_heading_gives_its_year_and_a_month_heading_its_month() -> None:
    found = configured(
        {**FIELDS, "date": {"title": "Date", "type": "string", "x-date-format": ["YYYY", "MM-DD"]}}
    )
    text = DAYS.replace("## 2025-06-20", "## 2025").replace("## 2025-06-19", "## 2024")
    assert dates(text, found) == ["2025", "2025", "2024"]
    assert codes(text, found) == []
    text = DAYS.replace("## 2025-06-20", "## 2025-06").replace("## 2025-06-19", "## June 2024")
    assert dates(text, found) == ["2025-06", "2025-06", "2024-06"]
    # (Written for the schema in its first spelling that can: YYYY.)
    assert codes(text, found) == []


def test_a_heading_date_no_spelling_of_the_field_can_write_is_reported_once() -> None:
    found = configured({**FIELDS, "date": {"title": "Date", "type": "string", "format": "date"}})
    text = DAYS.replace("## 2025-06-20", "## 2025")
    assert dates(text, found) == ["2025", "2025", "2025-06-19"]
    assert codes(text, found) == [(3, 4, "RL003")]


def test_headings_write_dates_in_the_usual_spellings() -> None:
    found = configured()
    for heading, date in [
        ("#### Jun 20, 2025", "2025-06-20"),
        ("## June 20, 2025", "2025-06-20"),
        ("## 20 June 2025", "2025-06-20"),
        ("## 2025.6.20", "2025-06-20"),
        ("## 2025/06/20", "2025-06-20"),
        ("## 📅 **2025-06-20**:", "2025-06-20"),
        ("## [2025-06-20]", "2025-06-20"),
        ("## 2025年6月20日", "2025-06-20"),
    ]:
        text = DAYS.replace("## 2025-06-20", heading)
        assert dates(text, found)[0] == date, heading
        # Written in the field's own spelling for the schema: no RL003.
        assert codes(text, found) == [], heading


def test_a_heading_that_is_no_date_gives_none() -> None:
    found = configured()
    for heading in ("## CVPR 2024", "## Papers of 2025-06-20", "## Surveys", "## 2025-06-20 (3)"):
        text = DAYS.replace("## 2025-06-20", heading)
        assert dates(text, found)[:2] == [None, None], heading
        assert codes(text, found)[0] == (5, 2, "RL001"), heading  # no column "Date"


def test_the_nearest_date_heading_counts_and_only_headings_that_hold_the_entry() -> None:
    found = configured()
    text = (
        "# Daily\n\n## 2025-06-20\n\n### Vision\n\n| Paper | Code |\n| --- | --- |\n"
        + row("A", "2506.00001")
        + "\n## 2025-06-19\n\n## Surveys\n\n| Paper | Code |\n| --- | --- |\n"
        + row("B", "2506.00002")
    )
    # A is under Vision, itself under 2025-06-20; B is under Surveys, a sibling of the day.
    assert dates(text, found) == ["2025-06-20", None]


def test_an_entrys_own_full_date_wins() -> None:
    found = configured()
    text = YEARS.replace("| 12-02 |", "| 2022-01-05 |")
    assert dates(text, found)[0] == "2022-01-05"


def test_a_heading_that_is_no_real_date_or_after_today_is_reported_once() -> None:
    found = configured()
    assert codes(DAYS.replace("## 2025-06-20", "## 2025-06-31"), found) == [(3, 4, "RL003")]
    later = DAYS.replace("## 2025-06-20", "## 2027-06-20")
    later = later.replace("2506.00001", "2706.00001").replace("2506.00002", "2706.00002")
    assert codes(later, found) == [(3, 4, "RL303")]


def test_an_arxiv_id_is_compared_with_the_full_date() -> None:
    found = configured()
    text = YEARS.replace("2412.00001", "2312.00009")  # D: 12-02 under 2024, a 2023 id
    assert codes(text, found) == [(7, 2, "RL302"), (9, 1, "RL104")]
    wrong_day = DAYS.replace("2506.00003", "2406.00003")
    assert codes(wrong_day, found) == [(14, 1, "RL302")]  # at the row: the id is its own


HEADED = """# Digest

## 2025-06-20

### AnyGPT
- **Paper:** [AnyGPT](https://arxiv.org/abs/2506.00001)
- **Accepted:** arXiv
- **Authors:** Fudan University
- **Tags:** any-to-any
- **Abstract:** A model.
- **Personal note:** [Note](https://example.org/n)

## 2025-06-21

### Newer
- **Paper:** [Newer](https://arxiv.org/abs/2506.00002)
- **Accepted:** arXiv
- **Authors:** Someone
- **Tags:** x
- **Abstract:** A model.
- **Personal note:** [Note](https://example.org/n)
"""


def test_headed_entries_take_the_date_of_a_higher_or_an_equal_heading() -> None:
    found = Settings(heading_dates=("submission_date",), today=TODAY)
    spec = found.schema.spec("submission_date")
    assert spec is not None
    assert [str(entry_date(e, spec)) for e in parse(HEADED, found).entries] == [
        "2025-06-20",
        "2025-06-21",
    ]
    # An older day first: entries never move from under their heading.
    assert check_text(HEADED, found) == []
    assert fix_text(HEADED, found) == HEADED
    # A day heading of the entries' own rank (a list that numbers its papers `### 1.`).
    same_rank = HEADED.replace("## 2025-06-2", "### 2025-06-2")
    assert [str(entry_date(e, spec)) for e in parse(same_rank, found).entries] == [
        "2025-06-20",
        "2025-06-21",
    ]
    assert check_text(same_rank, found) == []
    # The required Submission Date, missing without the setting.
    missing = check_text(HEADED, Settings(today=TODAY))
    assert [d.code for d in missing] == ["RL001", "RL001"]


def test_add_writes_no_date_into_a_paper_of_a_group_that_writes_none() -> None:
    found = Settings(heading_dates=("submission_date",), today=TODAY)
    paper = Metadata(
        "New",
        ("A. Author",),
        PartialDate(2025, 6, 20),
        "arXiv",
        "A model.",
        "https://arxiv.org/abs/2506.00009",
        arxiv="2506.00009",
        source="arXiv:2506.00009",
    )
    added = add_paper(HEADED, paper, found, "README.md", "2025-06-20")
    assert "### New\n- **Paper:** [New](https://arxiv.org/abs/2506.00009)\n" in added.text
    assert "Submission Date" not in added.text
    assert added.text.index("### New") < added.text.index("## 2025-06-21")
    # Where the group's papers write their own dates, the new one does too.
    dated = HEADED.replace(
        "- **Accepted:** arXiv\n", "- **Accepted:** arXiv\n- **Submission Date:** 2025-06-20\n"
    )
    assert (
        "- **Submission Date:** 2025-06-20"
        in add_paper(dated, paper, found, "R", "2025-06-20").text.split("### New")[1]
    )


def test_items_take_the_date_of_the_heading_above_their_list() -> None:
    found = configured(layout=("items",), item="{paper} · {code}")
    text = (
        "# Daily\n\n## Jun 20, 2025\n\n"
        "- [A](https://arxiv.org/abs/2506.00001) · x\n- [B](https://arxiv.org/abs/2506.00002) · y\n"
        "\n## Jun 19, 2025\n\n- [C](https://arxiv.org/abs/2506.00003) · z\n"
    )
    assert dates(text, found) == ["2025-06-20", "2025-06-20", "2025-06-19"]
    assert codes(text, found) == []
    [record, *_] = records(parse(text, found), found, "README.md")
    assert (record.fields["date"], record.iso_dates["date"]) == ("Jun 20, 2025", "2025-06-20")


def test_the_setting_names_a_date_field(tmp_path: Path) -> None:
    (tmp_path / "s.json").write_text(
        json.dumps({"properties": {"fields": {"properties": FIELDS}}}), "utf-8"
    )
    table: dict[str, Any] = {"schema": "s.json", "layout": "table"}
    path = tmp_path / ".readmelint.toml"
    config = config_from_table({**table, "date-from-heading": "date"}, path)
    assert config.settings.heading_dates == ("date",)
    assert 'date-from-heading = ["Date"]' in describe(config, tmp_path / "README.md", False)
    with pytest.raises(ConfigError, match="date-from-heading 'Code' is not a date field"):
        config_from_table({**table, "date-from-heading": ["Date", "Code"]}, path)
    with pytest.raises(ConfigError, match="must be a date field or a list of them"):
        config_from_table({**table, "date-from-heading": 3}, path)


SPELLINGS = ("{y}-{m:02d}-{d:02d}", "{mon} {d}, {y}", "{y}")


@st.composite
def digests(draw: st.DrawFn) -> str:
    """Days in any order, each a heading with a date (some spellings, some years only), or
    a heading of no date, over a table whose rows write `MM-DD` or no date, a list, or
    headed entries (their fields in either order) without a date."""
    out = ["# Digest\n"]
    number = 0
    for _ in range(draw(st.integers(1, 4))):
        date = datetime.date(draw(st.integers(2020, 2026)), draw(st.integers(1, 12)), 1)
        date = date.replace(day=draw(st.integers(1, 28)))
        spelling = draw(st.sampled_from((*SPELLINGS, "Notes")))
        heading = spelling.format(y=date.year, m=date.month, d=date.day, mon=date.strftime("%b"))
        out.append(f"\n{draw(st.sampled_from(('##', '###')))} {heading}\n\n")
        kind = draw(st.sampled_from(("table", "dated table", "list", "headed")))
        rows = draw(st.integers(1, 4))
        if kind == "dated table":
            out.append("| Date | Paper | Code |\n| --- | --- | --- |\n")
        elif kind == "table":
            out.append("| Paper | Code |\n| --- | --- |\n")
        for _ in range(rows):
            number += 1
            paper = f"[P{number}](https://example.org/{number})"
            if kind == "list":
                out.append(f"- {paper} · c{number}\n")
            elif kind == "headed":
                fields = [f"- **Paper:** {paper}\n", f"- **Code:** c{number}\n"]
                out.append(f"### P{number}\n" + "".join(draw(st.permutations(fields))) + "\n")
            else:
                month, day = draw(st.integers(1, 12)), draw(st.integers(1, 28))
                out.append(
                    (f"| {month:02d}-{day:02d} " if kind != "table" else "") + f"| {paper} | |\n"
                )
    return "".join(out)


DIGEST_SETTINGS = configured(layout=("headings", "table", "items"), item="{paper} · {code}")


def days(text: str) -> tuple[list[frozenset[str]], dict[int, int | None]]:
    """Each day heading's papers (their links), in the order of the headings; and the year
    each line takes from the nearest heading that holds it and names one."""
    found: list[set[str]] = []
    years: dict[int, int | None] = {}
    holding: list[tuple[int, str]] = []  # the day headings that hold the line: level, text
    for number, line in enumerate(text.splitlines(), 1):
        if line.startswith("#") and not line.startswith("### P"):
            level = len(line) - len(line.lstrip("#"))
            while holding and holding[-1][0] >= level:
                holding.pop()
            holding.append((level, line))
            found.append(set())
            continue
        named = [year for _, heading in holding for year in re.findall("[0-9]{4}", heading)]
        years[number] = int(named[-1]) if named else None
        if "example.org/" in line and found:
            found[-1].add(line.split("example.org/")[1].split(")")[0])
    return [frozenset(group) for group in found], years


@settings(PROPERTIES, max_examples=30)  # (under a second: each is a whole fix and check)
@given(digests())
def test_fix_keeps_every_paper_under_its_heading_and_writes_no_date(text: str) -> None:
    found = DIGEST_SETTINGS
    fixed = fix_text(text, found)
    assert Counter(fixed.splitlines()) == Counter(text.splitlines())  # lines only move
    groups, years = days(text)
    assert days(fixed)[0] == groups
    assert fix_text(fixed, found) == fixed
    assert (fixed != text) == any(d.fixable for d in check_text(text, found))
    assert not any(d.fixable for d in check_text(fixed, found))
    # Every paper takes the year of the nearest heading that holds it and names one.
    for record in records(parse(text, found), found, "README.md"):
        assert (record.date or (None,))[0] == years[record.line]


@pytest.mark.skipif(not corpus_lists(), reason="../shared/corpus is absent")
def test_a_real_digests_rows_are_all_dated() -> None:
    """xianshang33/llm-paper-daily writes `MM-DD` cells under `## 2024-07`: its 648 rows
    counted as undated, and its plot was an empty frame. Its config now sets the setting."""
    name = "tables/xianshang33__llm-paper-daily__README_en.md"
    found = settings_of(name)
    assert found.heading_dates == ("date",)
    text = read_text(corpus_file(name))
    read = list(records(parse(text, found), found, name))
    stats = collect(read, Columns.of(found))
    assert (stats.entries, stats.undated) == (648, 0)
    assert stats.years == Counter({2024: 376, 2023: 272})
    assert stats.months["2024-07"] == 27
    assert all(r.iso_dates["date"][:7] == r.sections[-1] for r in read)  # its heading's month


def test_init_from_a_digest_infers_the_setting() -> None:
    """`init --from` on rows that write `MM-DD` under headings that name the year."""
    config = config_text(infer(YEARS), "README.md")
    assert (
        "# Dates: Date writes no year (MM-DD); 4 of 4 dated entries lie under a heading that "
        'names one (2024).\ndate-from-heading = "Date"\n'
    ) in config
    # Dates that write their year, or no heading that names one: nothing to infer.
    assert "date-from-heading" not in config_text(infer(YEARS.replace("| 12-", "| 2024-12-")), "R")
    assert "date-from-heading" not in config_text(infer(YEARS.replace("### 20", "### Part ")), "R")
