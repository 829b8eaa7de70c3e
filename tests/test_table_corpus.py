"""The table layout on the real lists of ../shared/corpus, read in place."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.layouts.headings.find import headed
from readmelint.layouts.table.rows import split_row, tables_of
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import CORPUS, ROOT

MULTIMODAL = "tables/friedrichor__Awesome-Multimodal-Papers__5acfac4__README.md"
BRADY = "tables/BradyFU__Awesome-Multimodal-Large-Language-Models__README.md"
DAILY = "tables/xianshang33__llm-paper-daily__README_en.md"
DEEP = "notes/friedrichor__Deep-Learning-Paper-List__README.md"


def corpus(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: clone the project beside ../shared to run this")
    return path.read_bytes().decode("utf-8")


def settings(tmp_path: Path, fields: dict[str, dict[str, Any]], **config: object) -> Settings:
    schema = {
        "type": "object",
        "properties": {
            "fields": {"type": "object", "properties": fields, "additionalProperties": False}
        },
    }
    (tmp_path / "schema.json").write_text(json.dumps(schema), "utf-8")
    lines = ['schema = "schema.json"', *(f"{k} = {json.dumps(v)}" for k, v in config.items())]
    (tmp_path / ".readmelint.toml").write_text("\n".join(lines) + "\n", "utf-8")
    found = load_config(tmp_path / ".readmelint.toml").settings
    return Settings(**{**found.__dict__, "today": __import__("datetime").date(2026, 12, 3)})


def text_field(title: str) -> dict[str, Any]:
    return {"title": title, "type": "string"}


DATE = {
    "title": "Date",
    "type": "string",
    "x-date-format": ["YYYY-MM-DD", "YYYY-MM"],
    "x-arxiv-date": True,
}


def cells(text: str, document_settings: Settings) -> Counter[tuple[str, str]]:
    """Every cell of every entry table, by its header."""
    document = parse(text, document_settings)
    found: Counter[tuple[str, str]] = Counter()
    for table in tables_of(document).tables:
        for row in table.rows:
            split = split_row(document.lines[row.line - 1])
            for index in range(len(split.cells)):
                header = table.columns[index].title if index < len(table.columns) else "+"
                found[(header, split.content(index))] += 1
    return found


def test_the_multimodal_list(tmp_path: Path) -> None:
    text = corpus(MULTIMODAL)
    fields = {
        "title": text_field("Title"),
        "venue": text_field("Venue"),
        "date": DATE,
        "code": text_field("Code"),
        "supplement": text_field("Supplement"),
        "latest_update": text_field("Latest Update"),
    }
    found_settings = settings(tmp_path, fields, layout="table")
    document = parse(text, found_settings)
    assert len(tables_of(document).tables) == 16
    assert sum(len(table.rows) for table in tables_of(document).tables) == 394
    problems = check_text(text, found_settings)
    counts = [(d.line, d.code) for d in problems if d.code in ("RL012", "RL108")]
    assert counts == [(458, "RL012"), (484, "RL012"), (520, "RL108"), (521, "RL108")]
    year_only = [d for d in problems if d.code == "RL003"]
    assert [d.message for d in year_only if '"2023"' in d.message]
    assert any(
        d.code == "RL302" and "2403.03003" in d.message and "2023-03-05" in d.message
        for d in problems
    )
    in_file = sum(d.code == "RL301" for d in problems)
    in_section = sum(
        d.code == "RL301"
        for d in check_text(text, settings(tmp_path, fields, layout="table", duplicates="section"))
    )
    assert in_file > in_section
    fixed = fix_text(text, found_settings)
    assert fix_text(fixed, found_settings) == fixed
    before, after = cells(text, found_settings), cells(fixed, found_settings)
    before[("Latest Update", "")] += 2  # the two rows missing a cell get it, empty
    assert after == before


def test_brady_entry_tables_and_its_other_table(tmp_path: Path) -> None:
    text = corpus(BRADY)
    placeholder = {"not": {"enum": ["Coming soon", "Comins Soon"]}}
    fields = {
        "title": text_field("Title"),
        "venue": text_field("Venue"),
        "date": DATE,
        "code": {**text_field("Code"), **placeholder},
        "demo": {**text_field("Demo"), **placeholder},
        "page": text_field("Page"),
    }
    found_settings = settings(tmp_path, fields, layout="table")
    document = parse(text, found_settings)
    headers = {tuple(c.title for c in table.columns) for table in tables_of(document).tables}
    assert ("Name", "Paper", "Link", "Notes") not in headers
    assert all(header[:3] == ("Title", "Venue", "Date") for header in headers)
    problems = check_text(text, found_settings)
    assert [(d.line, d.code) for d in problems if d.code in ("RL012", "RL108")] == [
        (588, "RL108"),
        (710, "RL012"),  # in the Name|Paper|Link|Notes table: no entry table, same loss
    ]
    assert any(d.code == "RL010" and "Coming soon" in d.message for d in problems)
    fixed = fix_text(text, found_settings)
    assert fix_text(fixed, found_settings) == fixed


def test_the_daily_list_every_row_found_and_lossless(tmp_path: Path) -> None:
    text = corpus(DAILY)
    found_settings = load_config(ROOT / "benchmarks" / "configs" / "llm-paper-daily.toml").settings
    document = parse(text, found_settings)
    assert sum(len(table.rows) for table in tables_of(document).tables) == 648
    assert not [d for d in check_text(text, found_settings) if d.code == "RL003"]  # MM-DD in spans
    fixed = fix_text(text, found_settings)
    assert fix_text(fixed, found_settings) == fixed
    assert cells(fixed, found_settings) == cells(text, found_settings)


def test_headed_entries_and_tables_in_one_list(tmp_path: Path) -> None:
    text = corpus(DEEP)
    example = json.loads(
        (ROOT / "examples/deep-learning/paper-list.schema.json").read_text("utf-8")
    )
    fields = dict(example["properties"]["fields"]["properties"])
    for title in ("源码", "收录", "简介", "笔记", "讲解", "收录&作者"):
        fields[title] = text_field(title)
    found_settings = settings(
        tmp_path, fields, layout=["headings", "table"], **{"entry-levels": [4]}
    )
    document = parse(text, found_settings)
    assert len(headed(document)) == 13
    assert sum(len(table.rows) for table in tables_of(document).tables) >= 52
    fixed = fix_text(text, found_settings)
    assert fix_text(fixed, found_settings) == fixed
