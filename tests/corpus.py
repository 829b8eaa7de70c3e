"""The real lists of ../shared/corpus, each with the settings that find its entries."""

from __future__ import annotations

from pathlib import Path

import pytest

from readmelint.config import load_config
from readmelint.settings import Settings

ROOT = Path(__file__).parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
CONFIGS = Path(__file__).parent / "corpus_configs"
# A corpus file's config, by the start of its name; files of notes/ use the defaults.
_CONFIG_OF = {
    "notes/friedrichor__Deep-Learning-Paper-List": CONFIGS / "deep-learning.toml",
    "tables/xianshang33__llm-paper-daily": ROOT / "benchmarks/configs/llm-paper-daily.toml",
    "tables/": CONFIGS / "tables.toml",
    "items/terryum": CONFIGS / "terryum.toml",
    "items/Xnhyacinth": ROOT / "benchmarks/configs/long-context.toml",
}


def corpus_lists() -> list[str]:
    """The paper lists of the corpus, as paths under it (none without ../shared)."""
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
    config = config_of(name)
    return load_config(config).settings if config else Settings()


def corpus_text(name: str) -> str:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: clone the project beside ../shared to run this")
    return path.read_bytes().decode("utf-8")
