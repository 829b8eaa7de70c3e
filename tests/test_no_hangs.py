"""Nothing hangs (issue 26): item patterns and schema patterns match in time linear in
the text, whatever the pattern and the item.

Timing-free: each case runs the real command in a subprocess and must finish and
say the right thing; the timeout is only the test's own guard (with Python's
backtracking ``re`` these took minutes to hours: a 2 KB item over 100 s).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from readmelint.pattern import compile_pattern
from tests.helpers import ROOT

GUARD = 120  # seconds: never reached by a linear matcher, only by a hang

# Four fields in a row, each the shortest text that lets the rest match: a
# backtracking engine tries every split of an item that ends without the period.
PATTERN = "{authors} {title} {venue} {note}."


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "readmelint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=GUARD,
        check=False,
    )


def items_folder(folder: Path, items: list[str], pattern: str = PATTERN) -> Path:
    schema = json.loads((ROOT / "tests/golden_items/schema.json").read_text("utf-8"))
    schema["properties"]["fields"]["properties"]["note"] = {"type": "string"}
    (folder / "schema.json").write_text(json.dumps(schema), "utf-8")
    (folder / ".readmelint.toml").write_text(
        f'schema = "schema.json"\nlayout = "items"\nitem = {json.dumps(pattern)}\n', "utf-8"
    )
    readme = folder / "README.md"
    readme.write_text("# Papers\n\n" + "".join(f"- {item}\n" for item in items), "utf-8")
    return readme


@pytest.mark.parametrize("size", [1_000, 2_000, 100_000])
def test_an_item_no_pattern_reads_is_reported_however_long(tmp_path: Path, size: int) -> None:
    words = ("word " * size)[: size - 1]  # no final period: every split fails
    items_folder(tmp_path, ["A. Author Title ICLR note.", "B. Author Title NeurIPS note.", words])
    done = run("check", "README.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "README.md:5:" in done.stdout
    assert "RL013 item matches no item pattern" in done.stdout


def test_a_long_item_that_matches_is_read(tmp_path: Path) -> None:
    note = " ".join(["word"] * 20_000)
    readme = items_folder(
        tmp_path, ["Ann Alpha ICLR x.", "Bob Beta ICML y.", f"Carol Gamma Venue {note}."]
    )
    done = run("export", "--format", "jsonl", "README.md", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["venue"] for r in records] == ["ICLR", "ICML", "Venue"]
    assert records[2]["note"] == note
    assert readme.is_file()


def test_the_failure_is_explained_on_a_long_item() -> None:
    """RL013's 'expected X here': the period the pattern ends in is missing at the end."""
    pattern = compile_pattern(PATTERN, ["authors", "title", "venue", "note"])
    item = "Ann  Alpha ICLR " + "word " * 20_000
    assert pattern.match(item) is None
    failure = pattern.explain_failure(item)
    assert (failure.offset, failure.expected) == (len(item.rstrip()), "'.'")


def test_a_pattern_still_matches_no_break_spaces_as_spaces() -> None:
    """Python's \\s matched U+00A0 and U+3000; RE2's does not, so the class is spelled out."""
    pattern = compile_pattern("{title}, {authors}", ["title", "authors"])
    found = pattern.match("Title,\u00a0A. Author\u3000")
    assert found is not None
    assert found.fields == {"title": (0, 5), "authors": (7, 16)}


def schema_with(folder: Path, tags: dict[str, object]) -> Path:
    schema = json.loads(
        subprocess.run(
            [sys.executable, "-m", "readmelint", "schema"],
            capture_output=True,
            text=True,
            check=True,
            timeout=GUARD,
        ).stdout
    )
    schema["properties"]["fields"]["properties"]["tags"] = tags
    path = folder / "schema.json"
    path.write_text(json.dumps(schema), "utf-8")
    return path


@pytest.mark.parametrize(
    ("tags", "value", "expected"),
    [
        pytest.param(
            {"type": "string", "pattern": "^(a+)+$"},
            "a" * 5_000 + "b",
            "does not match '^(a+)+$'",
            id="pattern",
        ),
        pytest.param(
            {"type": "string", "not": {"pattern": "^(a+)+$"}}, "a" * 5_000, "RL010", id="not"
        ),
    ],
)
def test_a_catastrophic_schema_pattern_finishes(
    tmp_path: Path, tags: dict[str, object], value: str, expected: str
) -> None:
    schema = schema_with(tmp_path, tags)
    (tmp_path / "README.md").write_text(
        f"# P\n\n### A\n- **Paper:** [A](https://example.org/a)\n- **Tags:** {value}\n", "utf-8"
    )
    done = run("check", "--schema", str(schema), "README.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "README.md:5:3: RL010" in done.stdout
    assert expected in done.stdout


def test_a_catastrophic_pattern_properties_key_finishes(tmp_path: Path) -> None:
    schema = schema_with(tmp_path, {"type": "string"})
    document = json.loads(schema.read_text("utf-8"))
    document["properties"]["fields"]["patternProperties"] = {"^(a+)+$": {"type": "integer"}}
    schema.write_text(json.dumps(document), "utf-8")
    label = "a" * 3_000 + "b"
    (tmp_path / "README.md").write_text(
        f"# P\n\n### A\n- **Paper:** [A](https://example.org/a)\n- **{label}:** x\n", "utf-8"
    )
    done = run("check", "--schema", str(schema), "README.md", cwd=tmp_path)
    assert done.returncode == 1, done.stderr
    assert "README.md:5:3:" in done.stdout
