"""What several test modules share: the corpus beside the project, sample lists, the
one contract every input must keep, and small tools (a strict diff applier, a
terminal). Test modules import from here, never from each other."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.diagnostics import Diagnostic
from readmelint.errors import InputError, RenderingChanged
from readmelint.fix import fix_text
from readmelint.layouts.headings.lead import configure_patterns
from readmelint.layouts.headings.runs import runs_of
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.source import decode, split_lines, strip_newline

ROOT = Path(__file__).resolve().parent.parent

# The corpus: real lists beside the project, read in place and never written.
CORPUS = ROOT.parent / "shared" / "corpus"
NOTES = CORPUS / "notes"
REFERENCE = "friedrichor__Awesome-Multimodal-Papers__09c6e0a__Notes_zh.md"
CONFIGS = Path(__file__).parent / "corpus_configs"
# A corpus list's config, by the start of its name; the lists of notes/ use the defaults.
_CONFIG_OF = {
    "notes/friedrichor__Deep-Learning-Paper-List": CONFIGS / "deep-learning.toml",
    "tables/xianshang33__llm-paper-daily": ROOT / "benchmarks/configs/llm-paper-daily.toml",
    "tables/": CONFIGS / "tables.toml",
    "items/terryum": CONFIGS / "terryum.toml",
    "items/Xnhyacinth": ROOT / "benchmarks/configs/long-context.toml",
}


def corpus_file(name: str) -> Path:
    """A corpus file, or skip the test where ``../shared`` is absent (a user's fresh clone)."""
    path = NOTES / name if "/" not in name else CORPUS / name
    if not path.is_file():
        pytest.skip(f"corpus file {path} is absent: clone the project beside ../shared to run this")
    return path


def notes_versions() -> list[str]:
    """Every version of Notes_zh.md in the corpus (empty where the corpus is absent)."""
    if not NOTES.is_dir():
        return []
    return sorted(path.name for path in NOTES.glob("*__Notes_zh.md"))


def version(commit: str) -> str:
    return f"friedrichor__Awesome-Multimodal-Papers__{commit}__Notes_zh.md"


def read_text(path: Path) -> str:
    """Text exactly as on disk: no newline translation."""
    return path.read_bytes().decode("utf-8")


def corpus_lists() -> list[str]:
    """Every paper list of the corpus, as a path under it (none without ../shared)."""
    if not CORPUS.is_dir():
        return []
    folders = ("notes", "tables", "items")
    return sorted(
        str(path.relative_to(CORPUS))
        for folder in folders
        for path in (CORPUS / folder).glob("*.md")
    )


def config_of(name: str) -> Path | None:
    return next((config for start, config in _CONFIG_OF.items() if name.startswith(start)), None)


def settings_of(name: str) -> Settings:
    """The settings that find the entries of the corpus list ``name``."""
    config = config_of(name)
    return load_config(config).settings if config else Settings()


def corpus_text(name: str) -> str:
    return read_text(corpus_file(name))


# A small list with two problems (a bad date, a drifted label) and its clean form.
BROKEN = """# Papers

### Alpha
- **Paper:** [Alpha](https://example.org/alpha)
- **Accepted:** arXiv
- **Submission Date:** 2024-13-01
- **Authors:** A. Author
- **Tags:** x
- **Abstract:** y
- **Personal Note**: [Note](https://example.org/note)
"""
CLEAN = BROKEN.replace("2024-13-01", "2024-12-01").replace(
    "**Personal Note**:", "**Personal note:**"
)


# Every layout read at once, items by the golden item patterns and tables by their
# schema's titles (Title, Year, Authors, Paper, Venue, Date), headings and the lines under
# them by patterns too, and both dates taken from the headings above where an entry has
# none (date-from-heading): what the fuzzer tries each input with too, beside the defaults.
_ITEMS = load_config(ROOT / "tests" / "golden_items" / ".readmelint.toml").settings
EVERY_LAYOUT = dataclasses.replace(
    _ITEMS,
    layouts=("headings", "table", "items"),
    heading_dates=("year", "date"),
    options={
        **_ITEMS.options,
        **configure_patterns(
            {
                "heading-pattern": "[{title}]({paper})",
                "lead-pattern": ["*{authors}*", "({venue})"],
                "field-pattern": ["*{authors}*", "`{date}`", "{title} [[pdf]]({paper})"],
            },
            _ITEMS.schema,
            "EVERY_LAYOUT",
        ),
    },
)


# Items whose sub-items are their fields, their first paragraphs read by patterns: what the
# fuzzer tries a quarter of its inputs with too.
SUB_ITEM_FIELDS = load_config(
    ROOT / "tests" / "golden_items" / "sub-item-patterns" / ".readmelint.toml"
).settings


def entry_schema(properties: dict[str, object], **keywords: object) -> dict[str, object]:
    """A schema of entries whose ``fields`` have these ``properties`` (and ``keywords``:
    ``required``, ``additionalProperties`` ...)."""
    fields = {"type": "object", "properties": properties, **keywords}
    return {"type": "object", "properties": {"fields": fields}}


def fields_of(text: str, settings: Settings) -> list[dict[str, str]]:
    """Each entry's fields, key to value (``""`` for a field without a key)."""
    return [
        {f.key or "": f.value for f in entry.every_field} for entry in parse(text, settings).entries
    ]


def entry_fields(text: str, settings: Settings) -> Counter[frozenset[tuple[str, str]]]:
    """The entries' fields, in any order: what fix must keep."""
    return Counter(frozenset(fields.items()) for fields in fields_of(text, settings))


def fixable_left(fixed: str, settings: Settings | None = None) -> list[Diagnostic]:
    """What check still calls fixable in ``fixed`` (fix's output): nothing, ever."""
    return [d for d in check_text(fixed, settings or Settings()) if d.fixable]


def assert_survives(
    data: bytes, settings: Settings | None = None, refusal_ok: bool = False
) -> None:
    """The contract every input keeps, fuzzed (``fuzz/``) or tested: the bytes are decoded
    (or refused with ``InputError``), checked and fixed without any other exception (a
    ``SafetyError`` is a bug: fix refused its own output), fix is idempotent, nothing
    fixable remains after it, and check reports something fixable exactly when fix
    changes the text (with the same settings: what ``select``, ``ignore`` or an inline
    ``readmelint-disable`` comment hides from check, fix does not change either).

    ``refusal_ok`` (the fuzzer): fix may refuse an output GitHub would render otherwise
    (:class:`RenderingChanged`, the second judge): nothing is lost, and what it found is
    printed, to become a regression test and a fix of the parser's disagreement."""
    settings = settings or Settings()
    try:
        text = decode(data, "input").text
        fixable = [d for d in check_text(text, settings) if d.fixable]
        once = fix_text(text, settings)
    except InputError:
        return  # refused with a clear message: fine
    except RenderingChanged as refusal:
        if not refusal_ok:
            raise
        print(f"refused by the second judge: {data!r}: {refusal}")
        return
    twice = fix_text(once, settings)
    assert twice == once, f"fix is not idempotent:\n{once!r}\n!=\n{twice!r}"
    left = fixable_left(once, settings)
    assert left == [], f"fix left fixable problems: {left}"
    if once == text:
        assert fixable == [], f"check reports fixable problems fix does not change: {fixable}"
    else:
        assert fixable, "fix changes the text but check reports nothing fixable"


_BULLET = re.compile(r"^([ \t]*)[-*+](?=[ \t]|$)", re.MULTILINE)


def non_blank_characters(text: str) -> Counter[str]:
    """Every non-blank character, blind to what fix may change.

    Labels may change case and colon (``**Personal Note**:``, ``**Tags：**``), and
    ``__Label:__`` becomes ``**Label:**``, so ``_`` counts as ``*``; list markers
    may change to the file's usual one, so they do not count.
    """
    text = _BULLET.sub(r"\1", "\n".join(strip_newline(line) for line in split_lines(text)))
    return Counter(
        "*" if ch == "_" else ch.casefold() for ch in text if not ch.isspace() and ch not in ":："
    )


def outside_entries(text: str, entry_levels: tuple[int, ...] = (3,)) -> list[str]:
    """The lines of ``text`` that no run of headed entries covers."""
    document = parse(text, Settings(entry_levels=entry_levels))
    covered = {
        n for run in runs_of(document) for n in range(run[0].span.start, run[-1].span.end + 1)
    }
    return [strip_newline(line) for n, line in enumerate(document.lines, 1) if n not in covered]


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


def apply(a: list[str], diff: str) -> list[str]:
    """A strict applier of a unified diff: context and removed lines must match exactly."""
    out: list[str] = []
    position = 0
    lines = diff.splitlines(keepends=True)[2:]
    index = 0
    while index < len(lines):
        header = _HUNK.match(lines[index])
        assert header, lines[index]
        start = int(header.group(1)) - (0 if header.group(2) == "0" else 1)
        out.extend(a[position:start])
        position = start
        index += 1
        while index < len(lines) and not lines[index].startswith("@@"):
            line = lines[index]
            body = line[1:]
            if index + 1 < len(lines) and lines[index + 1] == "\\ No newline at end of file\n":
                body = body.removesuffix("\n")
                index += 1
            if line[0] in " -":
                assert a[position] == body
                position += 1
            if line[0] in " +":
                out.append(body)
            index += 1
    return out + a[position:]


ANSI = re.compile(r"\x1b\[[0-9;]*m")


def run_in_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run a command with a pseudo-terminal as its stdout; return what it printed."""
    import pty

    controller, terminal = pty.openpty()
    with subprocess.Popen(
        args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=terminal, stderr=terminal
    ) as process:
        os.close(terminal)
        chunks = []
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:  # EIO: the command closed its end of the terminal
                break
            if not chunk:
                break
            chunks.append(chunk)
        process.wait()
    os.close(controller)
    return b"".join(chunks).decode()
