"""The safety check forced to fail: a faulty renderer never reaches the disk.

``fix_text`` re-parses what the renderer produced and compares it with the input
(``readmelint.verify``). Each faulty renderer here loses or changes something
real renderers must keep; the check must name what, raise ``SafetyError`` (exit
code 3), and nothing may be written.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint import fix
from readmelint.cli import main, run
from readmelint.config import Config
from readmelint.errors import EXIT_SAFETY, SafetyError
from readmelint.fix import Fixed, Renderer, fix_document, fix_text, render
from readmelint.model import Document
from readmelint.parse import parse
from readmelint.runner import FixMode, fix_file
from readmelint.settings import Settings
from readmelint.source import decode
from readmelint.verify import Preserved
from tests.regenerate import golden_folders

TEXT = """\
# Papers

Intro prose.

## Section one

### AnyGPT
- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)<hard break>
  [![Code](https://img.shields.io/badge/code-x-blue.svg)](https://github.com/x/y)
- **Accepted:**
- **Submission Date:** 2024-02-19
- **Tags:** any-to-any
- **Abstract:** first line
  ```text
  code   keeps   spacing
  ```
- **Personal Note**: [Note](https://example.org/n)

A note under the entry.

### CLIP
- **Paper:** [CLIP](https://arxiv.org/abs/2103.00020)
- **Submission Date:** 2021-02-26

## Section two

### BERT
- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)
""".replace("<hard break>", "  ")  # trailing spaces, spelled out
OLD = 1_000_000_000


def edited(edit: Callable[[str], str]) -> Renderer:
    """The real renderer, with its output edited the way a bug might."""

    def renderer(document: Document, settings: Settings) -> str:
        return edit(render(document, settings))

    return renderer


def replacing(old: str, new: str) -> Renderer:
    def edit(text: str) -> str:
        return text.replace(old, new, 1)

    return edited(edit)


FAULTY: dict[str, tuple[Renderer, str]] = {
    "drops-a-field": (
        replacing("- **Tags:** any-to-any\n", ""),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "drops-an-empty-field": (
        replacing("- **Accepted:**\n", ""),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "drops-a-word": (
        replacing("[AnyGPT](", "("),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "changes-code-whitespace": (
        replacing("code   keeps   spacing", "code keeps spacing"),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "drops-the-tail": (
        replacing("A note under the entry.\n", ""),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "drops-a-hard-break": (
        replacing(")  \n  [![Code]", ")\n  [![Code]"),
        "fix would change the content of entry 'AnyGPT' (line 7)",
    ),
    "moves-an-entry-across-a-heading": (
        replacing(
            "## Section two\n\n### BERT\n- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)\n",
            "### BERT\n- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)\n\n## Section two\n",
        ),
        "fix would change the content of entry",
    ),
    "changes-a-line-outside-entries": (
        replacing("Intro prose.", "Intro prose!"),
        "fix would change the line 'Intro prose.' outside the entries",
    ),
    "drops-a-section-heading": (
        replacing("## Section two\n\n", ""),
        "fix changed the document's section headings",
    ),
    "duplicates-an-entry": (
        edited(
            lambda text: (
                text + "\n### BERT\n- **Paper:** [BERT](https://arxiv.org/abs/1810.04805)\n"
            )
        ),
        "fix would add an entry",
    ),
    "repoints-a-reference-link": (
        edited(lambda text: "[bert]: https://example.org/elsewhere\n\n" + text),
        "fix would change where a reference-style link points",
    ),
    "drops-the-final-newline": (
        edited(lambda text: text.rstrip("\n")),
        "fix would change the file's final newline",
    ),
}


@pytest.mark.parametrize("name", FAULTY)
def test_fix_text_refuses_a_faulty_rendering(name: str) -> None:
    renderer, message = FAULTY[name]
    with pytest.raises(SafetyError, match=r"^internal error: ") as raised:
        fix_text(TEXT, Settings(), renderer=renderer)
    assert message in str(raised.value)
    assert raised.value.exit_code == EXIT_SAFETY


def test_the_real_renderer_passes_the_same_check() -> None:
    fixed = fix_text(TEXT, Settings())
    assert fixed == TEXT.replace("**Personal Note**:", "**Personal note:**")


GOLDEN = [
    (path, settings)
    for folder, settings in golden_folders()
    for path in sorted(folder.glob("*.in.md"))
]


@pytest.mark.parametrize(
    ("path", "settings"), GOLDEN, ids=[f"{p.parent.name}/{p.name}" for p, _ in GOLDEN]
)
def test_the_safety_check_accepts_every_golden_fix(path: Path, settings: Settings) -> None:
    """The check run on its own over each golden case's fix, as fix runs it: it raises
    nothing; and fix reports a change (its regions) exactly when the text changed."""
    text = decode(path.read_bytes(), path.name).text
    fixed = fix_document(text, settings)
    Preserved.of(parse(text, settings)).verify(parse(fixed.text, settings))
    Preserved.of(parse(text, settings)).verify(fixed.output)
    changed = path.read_bytes() != path.with_name(path.name.replace(".in.", ".out.")).read_bytes()
    assert (fixed.text != text) == changed
    assert bool(fixed.regions) == changed


def test_the_golden_cases_hold_changed_and_unchanged_files() -> None:
    """Else the test above would check only one side."""
    changed = {
        path.read_bytes() != path.with_name(path.name.replace(".in.", ".out.")).read_bytes()
        for path, _ in GOLDEN
    }
    assert changed == {True, False}


def test_the_safety_check_refuses_what_a_faulty_renderer_made_on_its_own() -> None:
    """The same check, called directly, names the lost field: it is no formality."""
    faulty = FAULTY["drops-a-field"][0](parse(TEXT), Settings())
    with pytest.raises(SafetyError, match="the content of entry 'AnyGPT' \\(line 7\\)"):
        Preserved.of(parse(TEXT)).verify(parse(faulty))


@pytest.mark.parametrize("name", FAULTY)
def test_fix_file_writes_nothing_when_the_check_fails(tmp_path: Path, name: str) -> None:
    path = tmp_path / "README.md"
    path.write_text(TEXT)
    os.utime(path, ns=(OLD, OLD))
    with pytest.raises(SafetyError):
        fix_file(path, Config(Settings()), FixMode.WRITE, renderer=FAULTY[name][0])
    assert path.read_text() == TEXT
    assert path.stat().st_mtime_ns == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


@pytest.fixture
def faulty_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the command line's fix use a renderer that drops the Tags field.

    The runner imports ``fix_document`` when it fixes (check never loads fix), so
    wrapping the module's ``fix_document`` reaches it; the real safety check still runs.
    """
    real_fix_document = fix.fix_document
    renderer = FAULTY["drops-a-field"][0]

    def fix_document_with_a_bug(text: str, settings: Settings, _: Renderer | None = None) -> Fixed:
        return real_fix_document(text, settings, renderer)

    monkeypatch.setattr(fix, "fix_document", fix_document_with_a_bug)


@pytest.mark.usefixtures("faulty_cli")
def test_cli_exits_3_names_the_entry_and_writes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "README.md"
    path.write_text(TEXT)
    os.utime(path, ns=(OLD, OLD))
    result = CliRunner().invoke(main, ["fix", str(path)])
    assert result.exit_code == 3
    assert result.stderr == (
        "readmelint: internal error: fix would change the content of entry 'AnyGPT' (line 7); "
        "nothing was written. Please report this with the file.\n"
    )
    assert path.read_text() == TEXT
    assert path.stat().st_mtime_ns == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


@pytest.mark.usefixtures("faulty_cli")
def test_cli_fixes_the_other_files_and_exits_with_the_worst_code(tmp_path: Path) -> None:
    """The buggy renderer only hurts files with a Tags field; the others are fixed."""
    hurt = tmp_path / "hurt.md"
    hurt.write_text(TEXT)
    fine = tmp_path / "fine.md"
    fine.write_text(TEXT.replace("- **Tags:** any-to-any\n", ""))
    result = CliRunner().invoke(main, ["fix", str(hurt), str(fine)])
    assert result.exit_code == 3
    assert hurt.read_text() == TEXT
    assert "**Personal note:**" in fine.read_text()


@pytest.mark.usefixtures("faulty_cli")
@pytest.mark.parametrize("mode", ["--check", "--diff"])
def test_cli_check_and_diff_exit_3_too(tmp_path: Path, mode: str) -> None:
    path = tmp_path / "README.md"
    path.write_text(TEXT)
    result = CliRunner().invoke(main, ["fix", mode, str(path)])
    assert result.exit_code == 3
    assert result.stdout == ""  # no diff of output that failed the check


def test_an_unexpected_error_is_one_line_and_exit_3_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Even a bug that is not a SafetyError ends in one line through the console script."""

    def broken(document: Document, settings: Settings) -> str:
        raise KeyError("boom")

    real_fix_document = fix.fix_document
    monkeypatch.setattr(
        fix,
        "fix_document",
        lambda text, settings, _=None: real_fix_document(text, settings, broken),
    )
    path = tmp_path / "README.md"
    path.write_text(TEXT)
    monkeypatch.setattr(sys, "argv", ["readmelint", "fix", str(path)])
    with pytest.raises(SystemExit) as exited:
        run()
    assert exited.value.code == 3
    captured = capsys.readouterr()
    assert captured.err == ("readmelint: internal error: KeyError: 'boom'; nothing was written\n")
    assert path.read_text() == TEXT
