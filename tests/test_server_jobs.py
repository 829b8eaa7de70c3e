"""What the server's workers compute, called in this process: a quick fix for every
fixable problem of every example list (headed entries, tables, items, lines), each
proven to be part of fix's result, and the edits of fix in the client's positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.runner import ConfigResolver
from readmelint.server import jobs, memory
from readmelint.server.text import UTF32, Text
from tests.helpers import ROOT

EXAMPLES = ["README.md", "tables/README.md", "items/README.md", "deep-learning/README.md"]


def applied(text: str, edit: jobs.Edit) -> str:
    lines = Text(text)
    start = lines.offset(edit.line, edit.character, UTF32)
    end = lines.offset(edit.end_line, edit.end_character, UTF32)
    return text[:start] + edit.text + text[end:]


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_fixable_problem_has_a_proven_quick_fix(name: str) -> None:
    path = ROOT / "examples" / name
    text = path.read_text("utf-8")
    settings = ConfigResolver().for_path(path).settings
    fixed = fix_text(text, settings)
    fixable = [d for d in check_text(text, settings) if d.fixable]
    assert fixable
    configs, where = memory.Memory(), memory.Where(str(path), str(path))
    for problem in fixable:
        found = jobs.quick_fixes(configs, Text(text), where, UTF32, [(problem.code, problem.line)])
        assert isinstance(found, list), found
        (quick,) = found
        assert quick.origins == ((problem.code, problem.line),)
        after = applied(text, quick.edit)
        assert after != text
        assert fix_text(after, settings) == fixed, quick.title
        assert not any(
            d.code == problem.code and d.line == problem.line for d in check_text(after, settings)
        ), quick.title


@pytest.mark.parametrize("name", EXAMPLES)
def test_fix_all_is_one_edit_giving_fix_output(name: str) -> None:
    path = ROOT / "examples" / name
    text = path.read_text("utf-8")
    settings = ConfigResolver().for_path(path).settings
    fixing = jobs.fix(memory.Memory(), Text(text), memory.Where(str(path), str(path)), UTF32)
    assert fixing.refused is None
    (edit,) = fixing.edits
    assert applied(text, edit) == fix_text(text, settings)


def test_a_bom_stays_in_front_of_the_edits(tmp_path: Path) -> None:
    """The client's text may start with a BOM, which readmelint's does not hold: on the
    first line, positions move past it and edits keep it."""
    bare = "### A\n- **paper:** [A](https://arxiv.org/abs/2401.00001)\n"
    text = "\ufeff" + bare
    path = tmp_path / "README.md"
    where = memory.Where(str(path), str(path))
    (edit,) = jobs.fix(memory.Memory(), Text(text), where, UTF32).edits
    assert (edit.line, edit.character) == (0, 1)
    assert applied(text, edit) == "\ufeff" + fix_text(bare)
    checked = jobs.check(memory.Memory(), Text(text), where, UTF32)
    expected = check_text(bare)
    assert any(d.line == 1 for d in expected)
    assert sorted((p.line, p.character, p.code) for p in checked.problems) == sorted(
        (d.line - 1, d.column - 1 + (d.line == 1), d.code) for d in expected
    )
