"""Shared fixtures: the real corpus beside the project, read in place and never written."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
NOTES = CORPUS / "notes"
REFERENCE = "friedrichor__Awesome-Multimodal-Papers__09c6e0a__Notes_zh.md"


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
