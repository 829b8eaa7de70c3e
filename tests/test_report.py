"""The output formats: GitHub workflow commands, SARIF 2.1.0, and colour in the text format."""

from __future__ import annotations

import json
import os
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from jsonschema import Draft7Validator, FormatChecker
from jsonschema.validators import validator_for

from readmelint import report
from readmelint.cli import main
from readmelint.diagnostics import Diagnostic, Severity
from readmelint.rules import RULES
from tests.helpers import ANSI, BROKEN, CLEAN, ROOT, run_in_terminal

DATE = Diagnostic(
    "README.md",
    6,
    3,
    "RL003",
    '"Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD',
)
LABEL = Diagnostic(
    "README.md",
    10,
    3,
    "RL102",
    "write the label **Personal Note**: as **Personal note:**",
    Severity.WARNING,
    fixable=True,
)


@pytest.fixture
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout


# --- github: workflow commands -----------------------------------------------------------


def test_github_one_annotation_per_problem(in_tmp: Path) -> None:
    (in_tmp / "README.md").write_text(BROKEN, "utf-8")

    status, output = check("--output-format", "github", "README.md")

    assert status == 1
    assert output.splitlines() == [
        '::error file=README.md,line=6,col=3,title=RL003::RL003 "Submission Date" is "2024-13-01", not a real date written YYYY-MM-DD',
        "::warning file=README.md,line=10,col=3,title=RL102::RL102 write the label **Personal Note**: as **Personal note:**",
        "2 problems (1 fixable) in 1 file (run `readmelint fix` for the fixable ones).",
    ]


def test_github_prints_only_the_summary_for_a_clean_file(in_tmp: Path) -> None:
    (in_tmp / "README.md").write_text(CLEAN, "utf-8")

    assert check("--output-format", "github", "README.md") == (0, "No problems in 1 file.\n")


def test_github_escapes_message_data() -> None:
    """In the message, ``%``, CR and LF are escaped; ``:`` and ``,`` are kept."""
    odd = Diagnostic("README.md", 1, 1, "RL010", "100% sure: a, b\r\nnext line")

    assert report.github([odd], 1).splitlines()[0] == (
        "::error file=README.md,line=1,col=1,title=RL010::RL010 100%25 sure: a, b%0D%0Anext line"
    )


def test_github_escapes_properties() -> None:
    """In a property value, ``:`` and ``,`` are escaped too, so they cannot end the value."""
    odd = Diagnostic("notes/a,b:c 100%.md", 2, 5, "RL001", "missing")

    assert report.github([odd], 1).splitlines()[0] == (
        "::error file=notes/a%2Cb%3Ac 100%25.md,line=2,col=5,title=RL001::RL001 missing"
    )


def unescape_property(value: str) -> str:
    """The runner's reading of a property (actions/runner ActionCommand.cs): ``%25`` last."""
    for escaped, plain in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        value = value.replace(escaped, plain)
    return value


@pytest.mark.parametrize("path", ["a%2C.md", "x,y:z.md", "line\nbreak.md", "%%%.md"])
def test_github_property_escaping_round_trips(path: str) -> None:
    line = report.github([Diagnostic(path, 1, 1, "RL001", "m")], 1).splitlines()[0]
    properties = line.removeprefix("::error ").split("::", 1)[0]
    fields = dict(item.split("=", 1) for item in properties.split(","))

    assert unescape_property(fields["file"]) == path


# --- sarif: SARIF 2.1.0, validated against the OASIS schema ----------------------------------

SCHEMA: dict[str, Any] = json.loads(
    (ROOT / "tests" / "data" / "sarif-schema-2.1.0.json").read_text("utf-8")
)
# RFC 3986 characters: unreserved, reserved and percent-encoded octets. jsonschema checks the
# "uri" and "uri-reference" formats only when an optional RFC 3987 package is installed, so
# the test brings its own (character-level) check rather than silently skipping them.
URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2})*")
FORMATS = FormatChecker()


@FORMATS.checks("uri-reference")
def is_uri_reference(value: object) -> bool:
    return not isinstance(value, str) or URI_CHARACTERS.fullmatch(value) is not None


@FORMATS.checks("uri")
def is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    return is_uri_reference(value) and re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value) is not None


def sarif_problems(document: dict[str, Any]) -> list[str]:
    validator = Draft7Validator(SCHEMA, format_checker=FORMATS)
    return [f"{error.json_path}: {error.message}" for error in validator.iter_errors(document)]


def test_the_bundled_schema_is_the_draft_07_sarif_2_1_0_schema() -> None:
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert validator_for(SCHEMA) is Draft7Validator
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]


def test_sarif_is_valid_sarif_2_1_0(in_tmp: Path) -> None:
    (in_tmp / "README.md").write_bytes((ROOT / "examples" / "README.md").read_bytes())

    status, output = check("--output-format", "sarif", "README.md")

    assert status == 1
    document = json.loads(output)
    assert sarif_problems(document) == []
    assert document["version"] == "2.1.0"
    assert len(document["runs"][0]["results"]) == 13


def test_sarif_for_a_clean_file_is_valid_with_no_results(in_tmp: Path) -> None:
    (in_tmp / "README.md").write_text(CLEAN, "utf-8")

    status, output = check("--output-format", "sarif", "README.md")

    assert status == 0
    document = json.loads(output)
    assert sarif_problems(document) == []
    assert document["runs"][0]["results"] == []


def test_sarif_describes_every_rule_once() -> None:
    driver = json.loads(report.sarif([], 0))["runs"][0]["tool"]["driver"]

    assert driver["name"] == "readmelint"
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]


def test_sarif_result_points_at_its_rule_and_place() -> None:
    document = json.loads(report.sarif([DATE, LABEL], 1))
    rules = document["runs"][0]["tool"]["driver"]["rules"]
    date, label = document["runs"][0]["results"]

    assert rules[date["ruleIndex"]]["id"] == date["ruleId"] == "RL003"
    assert rules[label["ruleIndex"]]["id"] == label["ruleId"] == "RL102"
    assert (date["level"], label["level"]) == ("error", "warning")
    assert date["message"]["text"] == DATE.message
    assert date["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "README.md"},
        "region": {"startLine": 6, "startColumn": 3},
    }


def test_sarif_uri_of_a_path_with_a_space_and_non_ascii_is_a_valid_uri_reference() -> None:
    document = json.loads(report.sarif([Diagnostic("my notes/笔记.md", 1, 1, "RL001", "m")], 1))

    assert sarif_problems(document) == []


# --- text: colour only for a terminal, never with NO_COLOR -------------------------------


def test_text_has_no_escapes_unless_asked() -> None:
    plain = report.text([DATE, LABEL], 1)

    assert not ANSI.search(plain)


def test_text_in_colour_is_the_plain_text_with_escapes() -> None:
    plain = report.text([DATE, LABEL], 1)
    coloured = report.text([DATE, LABEL], 1, color=True)

    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain


def test_cli_text_to_a_pipe_has_no_colour(in_tmp: Path) -> None:
    (in_tmp / "README.md").write_text(BROKEN, "utf-8")

    status, output = check("README.md")

    assert status == 1
    assert "RL003" in output
    assert not ANSI.search(output)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
@pytest.mark.parametrize(
    ("no_color", "output_format", "coloured"),
    [
        (None, "text", True),
        ("1", "text", False),
        (None, "github", False),
    ],
)
def test_cli_colour_on_a_terminal(
    in_tmp: Path, no_color: str | None, output_format: str, coloured: bool
) -> None:
    (in_tmp / "README.md").write_text(BROKEN, "utf-8")
    env = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    if no_color is not None:
        env["NO_COLOR"] = no_color
    command = [sys.executable, "-m", "readmelint", "check", "--output-format", output_format]

    output = run_in_terminal([*command, "README.md"], in_tmp, env)

    assert "RL003" in output
    assert bool(ANSI.search(output)) is coloured
