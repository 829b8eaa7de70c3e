"""Regenerate the expected outputs the tests compare against; review the diff before committing.

    python -m tests.regenerate golden     # tests/golden*/*.out.md from *.in.md
    python -m tests.regenerate recorded   # tests/recorded/outputs.json

A separate command, never a mode of the tests: a test that writes its own expectation
compares the output with itself and cannot fail.
"""

from __future__ import annotations

import hashlib
import json
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.errors import ReadmelintError
from readmelint.fix import fix_text
from readmelint.rules import RULES
from readmelint.settings import Settings
from readmelint.source import Source, decode
from tests.rule_examples import TODAY, settings_for

TESTS = Path(__file__).resolve().parent
GOLDEN = TESTS / "golden"
RECORDED = TESTS / "recorded" / "outputs.json"
CORPUS = TESTS.parent.parent / "shared" / "corpus"
EXAMPLES = TESTS.parent / "examples"


def golden_cases() -> list[str]:
    return sorted(path.name.removesuffix(".in.md") for path in GOLDEN.glob("*.in.md"))


def fix_bytes(data: bytes, settings: Settings) -> bytes:
    source = decode(data, "golden")
    return Source(fix_text(source.text, settings), source.bom).encode()


def recorded_inputs() -> Iterator[tuple[str, Path | bytes, Settings]]:
    """Every input whose outputs are recorded: name, file (or its bytes), settings.

    The rules' own failing examples are among them, so that every code's exact
    message is held to its record in a clone without the corpus too.
    """
    for case in golden_cases():
        yield f"golden/{case}", GOLDEN / f"{case}.in.md", Settings()
    folder = Path(tempfile.mkdtemp(prefix="readmelint-rules-"))
    for rule in RULES:
        yield f"rules/{rule.code}", rule.failing.encode(), settings_for(rule, folder)
    deep_learning = load_config(EXAMPLES / "deep-learning" / ".readmelint.toml").settings
    for path in sorted((CORPUS / "notes").glob("*.md")):
        settings = deep_learning if "Deep-Learning" in path.name else Settings()
        yield f"notes/{path.name}", path, settings


def outputs(name: str, data: Path | bytes, settings: Settings) -> dict[str, object]:
    """What check reports (one list per diagnostic) and a digest of what fix writes."""
    settings = replace(settings, today=TODAY)
    source = decode(data if isinstance(data, bytes) else data.read_bytes(), name)
    check = [
        [d.line, d.column, d.code, d.severity.value, d.fixable, d.message]
        for d in check_text(source.text, settings, name)
    ]
    try:
        fixed = Source(fix_text(source.text, settings), source.bom).encode()
        fix: str = hashlib.sha256(fixed).hexdigest()
    except ReadmelintError as error:
        fix = f"error: {error}"
    return {"check": check, "fix_sha256": fix}


def golden_folders() -> Iterator[tuple[Path, Settings]]:
    """Each folder of golden files, with the settings of its own config (if it has one):
    ``tests/golden*/``, and the folders inside them that have a config of their own (a
    shape of one layout that needs other settings, ``golden_items/sub-items/``)."""
    for folder in sorted(TESTS.glob("golden*")):
        config = folder / ".readmelint.toml"
        yield folder, load_config(config).settings if config.is_file() else Settings()
        for inner in sorted(folder.glob("*/.readmelint.toml")):
            yield inner.parent, load_config(inner).settings


def regenerate_golden() -> None:
    for folder, settings in golden_folders():
        for source in sorted(folder.glob("*.in.md")):
            expected = folder / source.name.replace(".in.md", ".out.md")
            expected.write_bytes(fix_bytes(source.read_bytes(), settings))


def regenerate_recorded() -> None:
    if not CORPUS.is_dir():
        sys.exit(f"{CORPUS} is absent: the recorded outputs cover the corpus, clone beside it")
    lines = ["{"]
    for name, path, settings in recorded_inputs():
        found = outputs(name, path, settings)
        lines.append(f"{json.dumps(name)}: {{")
        lines.append(f'"fix_sha256": {json.dumps(found["fix_sha256"])},')
        lines.append('"check": [')
        rows = [json.dumps(row, ensure_ascii=False) for row in found["check"]]  # type: ignore[attr-defined]
        lines.append(",\n".join(rows))
        lines.append("]},")
    lines[-1] = "]}"
    lines.append("}")
    # One diagnostic a line: a change in the outputs reads as a short diff.
    RECORDED.write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    jobs = {"golden": regenerate_golden, "recorded": regenerate_recorded}
    if len(sys.argv) != 2 or sys.argv[1] not in jobs:
        sys.exit(f"usage: python -m tests.regenerate {'|'.join(jobs)}")
    jobs[sys.argv[1]]()
