"""The small defects issue 11's review found, each held by a test that failed before its fix.

- On a configuration or schema error, ``check`` printed ``No problems in 0 files.`` on
  stdout as well as the error.
- The github output printed no summary line.
- An entry followed by a setext heading: ``fix`` left the file as it was, but ``check``
  still reported RL102 as fixable (found with CommonMark spec examples 82, 84, 96, 103
  and 215 placed after an entry; ``tests/test_commonmark_examples.py`` places all of
  them, with the corpus).
- RL201 was a warning in JSON but an error in GitHub and SARIF output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.fix import fix_text
from readmelint.settings import Settings
from tests.helpers import BROKEN, CLEAN

FORMATS = ["text", "json", "github", "sarif"]


def check(folder: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("output", FORMATS)
def test_a_config_error_prints_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / ".readmelint.toml").write_text("entry-level = 3\n", "utf-8")
    status, stdout, stderr = check(tmp_path, "--output-format", output, "README.md")
    assert (status, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"readmelint: {tmp_path / '.readmelint.toml'}: unknown key 'entry-level' in the file "
        "(did you mean 'entry-levels'?); known keys: add, duplicates, entry-levels, exclude, "
        "ignore, item, item-fields, label, layout, schema, select, sort"
    ]


@pytest.mark.parametrize("output", FORMATS)
@pytest.mark.parametrize("named_by", ["--schema", "config"])
def test_a_schema_error_prints_no_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str, named_by: str
) -> None:
    """A broken schema, named on the command line or by the config beside the file
    (which printed the summary too)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "broken.json").write_text('{"type": "object",\n', "utf-8")
    if named_by == "config":
        (tmp_path / ".readmelint.toml").write_text('schema = "broken.json"\n', "utf-8")
        args, named = [], tmp_path / "broken.json"
    else:
        args, named = ["--schema", "broken.json"], Path("broken.json")
    status, stdout, stderr = check(tmp_path, "--output-format", output, *args, "README.md")
    assert (status, stdout) == (2, "")
    assert stderr.splitlines() == [
        f"readmelint: {named}:2:1: schema is not valid JSON: Expecting property name "
        "enclosed in double quotes"
    ]


def test_the_summary_counts_only_the_files_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file whose config is broken is not counted; the one beside it still is."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(CLEAN, "utf-8")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "README.md").write_text(CLEAN, "utf-8")
    (tmp_path / "bad" / ".readmelint.toml").write_text("entry-level = 3\n", "utf-8")
    status, stdout, stderr = check(tmp_path, "README.md", "bad/README.md")
    assert (status, stdout) == (2, "No problems in 1 file.\n")
    assert len(stderr.splitlines()) == 1


def test_github_output_ends_with_the_summary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "README.md").write_text(BROKEN, "utf-8")
    (tmp_path / "clean.md").write_text(CLEAN, "utf-8")
    status, stdout, _ = check(tmp_path, "--output-format", "github", "README.md", "clean.md")
    assert status == 1
    lines = stdout.splitlines()
    assert [line[:2] for line in lines[:-1]] == ["::", "::"]
    assert lines[-1] == (
        "2 problems (1 fixable) in 2 files (run `readmelint fix` for the fixable ones)."
    )
    assert check(tmp_path, "--output-format", "github", "clean.md") == (
        0,
        "No problems in 1 file.\n",
        "",
    )
    # --quiet drops the summary, as for text.
    assert check(tmp_path, "-q", "--output-format", "github", "clean.md") == (0, "", "")


ENTRY = """\
### AnyGPT
  - **Accepted:** arXiv
  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)
  - **Submission Date:** 2024-02-19
  - **Authors:** Fudan University
  - **Tags:** any-to-any
  - **Abstract:** A multimodal LLM over discrete tokens.
  - **Personal note**: [Note](https://example.org/Old)
"""
FIXED = (
    ENTRY.replace("  - **Accepted:** arXiv\n", "")
    .replace(
        "  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n",
        "  - **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n  - **Accepted:** arXiv\n",
    )
    .replace("**Personal note**:", "**Personal note:**")
)
# What followed the entry: the case (spec example 103), then the other four
# spec examples that showed the defect.
AFTER = {
    "103": "Foo\n\nbar\n---\nbaz\n",
    "82": "  Foo *bar\nbaz*\t\n====\n",
    "84": "   Foo\n---\n\n  Foo\n-----\n\n  Foo\n  ===\n",
    "96": "---\nFoo\n---\nBar\n---\nBaz\n",
    "215": "[foo]: /url\nbar\n===\n[foo]\n",
}


@pytest.mark.parametrize("example", AFTER)
def test_a_setext_heading_after_an_entry(example: str) -> None:
    """fix reorders Paper and Accepted and mends the label; check then has nothing left."""
    text = f"{ENTRY}\n{AFTER[example]}"
    before = [(d.line, d.code) for d in check_text(text, Settings()) if d.fixable]
    assert before == [(2, "RL101"), (8, "RL102")]
    fixed = fix_text(text, Settings())
    assert fixed == f"{FIXED}\n{AFTER[example]}"
    assert [d for d in check_text(fixed, Settings()) if d.fixable] == []
    assert fix_text(fixed, Settings()) == fixed


@pytest.mark.parametrize("output", ["json", "github", "sarif"])
def test_an_unused_suppression_is_a_warning_in_every_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, output: str
) -> None:
    """Through the command line, from a real check: RL201 is a warning and nothing else."""
    monkeypatch.chdir(tmp_path)
    text = CLEAN.replace("### Alpha", "<!-- readmelint-disable-next-line RL003 -->\n### Alpha")
    (tmp_path / "README.md").write_text(text, "utf-8")
    status, stdout, _ = check(tmp_path, "--output-format", output, "README.md")
    assert status == 1
    if output == "json":
        assert [(d["code"], d["severity"]) for d in json.loads(stdout)] == [("RL201", "warning")]
    elif output == "github":
        assert stdout.splitlines()[0].startswith("::warning file=README.md,line=3,col=1,")
    else:
        run = json.loads(stdout)["runs"][0]
        assert [(r["ruleId"], r["level"]) for r in run["results"]] == [("RL201", "warning")]
        levels = {
            r["id"]: r["defaultConfiguration"]["level"] for r in run["tool"]["driver"]["rules"]
        }
        assert levels["RL201"] == "warning"
