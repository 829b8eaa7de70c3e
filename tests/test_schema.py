"""The bundled schema: valid, shipped twice identically, and the single source of field order."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from readmelint.check import check_text
from readmelint.errors import SchemaError
from readmelint.keywords import has_http_link
from readmelint.markdown import link_urls
from readmelint.schema import (
    build_schema,
    bundled_schema,
    bundled_schema_text,
    load_schema,
)
from readmelint.settings import Settings
from tests.helpers import ROOT
from tests.hypothesis_profile import ARBITRARY

REPO_SCHEMA = ROOT / "schema" / "paper-notes.schema.json"


def test_repository_and_package_copies_match() -> None:
    assert REPO_SCHEMA.read_text("utf-8") == bundled_schema_text()


def test_bundled_schema_is_valid_2020_12() -> None:
    document = json.loads(bundled_schema_text())
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)


def test_field_order_and_titles_come_from_the_schema() -> None:
    assert [spec.title for spec in bundled_schema().fields] == [
        "Paper",
        "Accepted",
        "Submission Date",
        "Authors",
        "Tags",
        "Abstract",
        "Personal note",
    ]


ENTRY = """### X
- **Paper:** {paper}
- **Accepted:** arXiv
- **Submission Date:** {date}
- **Authors:** A
- **Tags:** t
- **Abstract:** a
- **Personal note:** {note}
"""


def codes(**values: str) -> list[str]:
    fields = {
        "paper": "[P](https://example.org/p)",
        "date": "2024-02-29",
        "note": "[N](http://e.org)",
    }
    fields.update(values)
    return [d.code for d in check_text(ENTRY.format(**fields), Settings())]


@pytest.mark.parametrize("date", ["2023-02-29", "2024-1-01", "2024/01/01", "20240101", "2024-01"])
def test_dates_must_be_real_yyyy_mm_dd(date: str) -> None:
    assert codes(date=date) == ["RL003"]


def test_a_valid_entry_has_no_problems() -> None:
    assert codes() == []


@pytest.mark.parametrize(
    "paper",
    ["[P]()", "[P](ftp://example.org)", "https://example.org bare", "[P](/relative)", "P"],
)
def test_paper_needs_an_http_link(paper: str) -> None:
    assert codes(paper=paper) == ["RL004"]


def test_autolinks_count_as_links() -> None:
    assert codes(note="<https://example.org/n>") == []


@pytest.mark.parametrize("paper", ["[P][p]", "[P][]", "[p]", "[P] [p]"])
def test_reference_style_links_resolve_through_the_documents_definitions(paper: str) -> None:
    defined = "\n\n[p]: https://example.org/p\n"
    assert codes(paper=paper, note=f"[N](https://e.org){defined}") == []
    assert codes(paper=paper) == ["RL004"]  # no definition: just brackets


def test_the_first_definition_of_a_label_wins() -> None:
    twice = "[N](https://e.org)\n\n[p]: /relative\n\n[p]: https://example.org/p\n"
    assert codes(paper="[P][p]", note=twice) == ["RL004"]


def test_user_schema_with_another_date_format(tmp_path: Path) -> None:
    document = json.loads(bundled_schema_text())
    date = document["properties"]["fields"]["properties"]["submission_date"]
    del date["format"]
    date["x-date-format"] = "YYYY.MM"
    schema = build_schema(document, "user")
    settings = Settings(schema=schema)
    assert [d.code for d in check_text(ENTRY.format(paper="[P](https://e.org)", date="2023.04", note="[N](https://e.org)"), settings)] == []  # fmt: skip
    assert [d.code for d in check_text(ENTRY.format(paper="[P](https://e.org)", date="2023.0", note="[N](https://e.org)"), settings)] == ["RL003"]  # fmt: skip


def test_schema_errors_are_clear(tmp_path: Path) -> None:
    not_json = tmp_path / "a.json"
    not_json.write_text("{ nope")
    with pytest.raises(SchemaError, match=r"a\.json:1:3: schema is not valid JSON"):
        load_schema(not_json)
    invalid = tmp_path / "b.json"
    invalid.write_text('{"type": 12}')
    with pytest.raises(SchemaError, match="not a valid JSON Schema"):
        load_schema(invalid)
    remote = tmp_path / "c.json"
    remote.write_text(
        json.dumps(
            {
                "properties": {
                    "fields": {"properties": {"x": {"$ref": "https://example.org/s.json"}}}
                }
            }
        )
    )
    with pytest.raises(SchemaError, match="would need the network"):
        load_schema(remote)
    with pytest.raises(SchemaError, match="schema file not found"):
        load_schema(tmp_path / "missing.json")


LINK_PIECES = st.sampled_from(
    ["[", "]", "(", ")", "https://e.org/p", "http://x", "ftp://f", "/rel", "t", " ", "\n", "  ",
     "`", "<", ">", "\\", "*", "![", "&amp;", '"t"', "é", "[P](https://e.org)"]
)  # fmt: skip
PIECES = st.lists(LINK_PIECES, max_size=6).map("".join)
# Mostly values shaped like a leading link, `[text](url)rest`, with hazards in each part.
LINK_VALUES = st.one_of(
    st.tuples(
        PIECES, st.sampled_from(["https://e.org", "http://x", "ftp://f", ""]), PIECES, PIECES
    ).map(lambda parts: f"[{parts[0]}]({parts[1]}{parts[2]}){parts[3]}"),
    st.lists(LINK_PIECES, max_size=12).map("".join),
)


@ARBITRARY
@given(LINK_VALUES)
@example("[t](https://e.org\\)")  # an escaped `)`: the link never closes
@example("[`](https://e.org)`")  # a code span around the destination
def test_the_shortcut_for_a_leading_link_agrees_with_the_parser(value: str) -> None:
    parsed = any(re.fullmatch(r"https?://\S+", url, re.I) for url in link_urls(value))
    assert has_http_link(value) == parsed
