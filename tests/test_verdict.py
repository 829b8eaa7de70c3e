"""The compiled verdict (jsonschema-rs) says an entry is valid exactly when jsonschema does.

jsonschema is then asked only about the entries the verdict finds invalid, so a
verdict that called an invalid entry valid would hide its problems: the property
below compares the two on schemas built from the keywords paper lists use.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.schema import Schema, build_schema, bundled_schema, load_schema
from readmelint.settings import Settings
from readmelint.verdict import compile_verdict
from tests.hypothesis_profile import ARBITRARY

VALUES = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "2024-02-19",
            "2024-02-30",
            "20240219",
            "2024-2-19",
            "２０２４-02-19",
            "2024.02",
            "2024/02",
            "Feb 2024",
            "`2024-02-19`",
            "<span>2024-02-19</span>",
            "[Paper](https://arxiv.org/abs/2402.12226)",
            "[Paper][ref]",
            "<https://example.org>",
            "[Paper](ftp://example.org)",
            "https://example.org",
            "arXiv",
            "CVPR",
            "TBD",
            "-",
            "Personal Note",
            "a|b",
        ]
    ),
    st.text(max_size=30),
)
FIELD_SCHEMAS = st.sampled_from(
    [
        {"type": "string", "minLength": 1},
        {"type": "string", "format": "date"},
        {"type": "string", "format": "markdown-link"},
        {"type": "string", "x-date-format": "YYYY.MM"},
        {"type": "string", "x-date-format": ["YYYY-MM-DD", "YYYY/MM", "Mon YYYY"]},
        {"type": "string", "enum": ["arXiv", "CVPR", "NeurIPS"]},
        {"type": "string", "pattern": "^[A-Z][a-z]+$"},
        {"type": "string", "pattern": r"\d{4}"},
        {"type": "string", "maxLength": 12},
        {"type": "string", "not": {"enum": ["", "TBD", "-"]}},
        {"type": "string", "not": {"pattern": r"^\s*$"}},
        {"anyOf": [{"format": "date"}, {"const": "TBD"}]},
        {"$ref": "#/$defs/nonempty"},
    ]
)
KEYS = ["paper", "accepted", "submission_date", "tags"]


@st.composite
def schemas(draw: st.DrawFn) -> dict[str, Any]:
    properties = {key: draw(FIELD_SCHEMAS) for key in KEYS}
    fields: dict[str, Any] = {
        "type": "object",
        "properties": properties,
        "required": draw(st.lists(st.sampled_from(KEYS), unique=True)),
    }
    if draw(st.booleans()):
        fields["additionalProperties"] = False
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["fields"],
        "properties": {"heading": {"type": "string", "pattern": r"\S"}, "fields": fields},
        "$defs": {"nonempty": {"type": "string", "minLength": 1}},
    }


@st.composite
def instances(draw: st.DrawFn) -> dict[str, Any]:
    keys = draw(st.lists(st.sampled_from([*KEYS, "code", "personal_note"]), unique=True))
    instance: dict[str, Any] = {
        "fields": {key: draw(VALUES) for key in keys},
        "layout": "headings",
    }
    if draw(st.booleans()):
        instance["heading"] = draw(VALUES)
    return instance


def jsonschema_says_valid(
    schema: Schema, instance: dict[str, Any], references: dict[str, Any]
) -> bool:
    return not any(schema.errors(instance, schema.validation_for(references).validator))


@ARBITRARY
@given(schemas(), st.lists(instances(), min_size=1, max_size=5), st.booleans())
def test_the_verdict_is_jsonschemas(
    document: dict[str, Any], entries: list[dict[str, Any]], with_references: bool
) -> None:
    schema = build_schema(document, "generated")
    references = {"REF": {"href": "https://example.org/p", "title": ""}} if with_references else {}
    verdict = compile_verdict(document, references)
    assert verdict is not None
    for instance in entries:
        assert verdict(instance) == jsonschema_says_valid(schema, instance, references), instance


def test_the_bundled_schema_has_a_verdict() -> None:
    assert bundled_schema().verdict is not None


@pytest.mark.parametrize(
    "keyword",
    [
        {"format": "email"},
        {"patternProperties": {"^x": {"type": "string"}}},
        {"$dynamicRef": "#meta"},
    ],
)
def test_keywords_the_two_could_read_apart_leave_it_to_jsonschema(keyword: dict[str, Any]) -> None:
    document = json.loads(json.dumps(bundled_schema().document))
    document["properties"]["fields"]["properties"]["tags"].update(keyword)
    assert compile_verdict(document) is None


def test_an_invalid_entry_still_gets_jsonschemas_message() -> None:
    text = "### Model\n- **Paper:** no link here\n- **Submission Date:** 2024-02-30\n"
    codes = {d.code for d in check_text(text, Settings())}
    assert {"RL003", "RL004"} <= codes


def test_a_list_with_link_definitions_keeps_readmelints_own_keywords(tmp_path: Path) -> None:
    """jsonschema's ``evolve`` picks a validator class by ``$schema``, and dropped
    ``x-date-format`` (and RE2 for ``pattern``) for a document with link definitions."""
    document = json.loads(json.dumps(bundled_schema().document))
    fields = document["properties"]["fields"]["properties"]
    fields["submission_date"] = {"title": "Submission Date", "x-date-format": "YYYY.MM"}
    (tmp_path / "schema.json").write_text(json.dumps(document), "utf-8")
    settings = Settings(schema=load_schema(tmp_path / "schema.json"))
    text = "### Model\n- **Submission Date:** someday\n\n[ref]: https://example.org/paper\n"
    assert "RL003" in {d.code for d in check_text(text, settings)}
