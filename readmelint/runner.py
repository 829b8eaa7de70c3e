"""File-level work shared by the CLI and library users: settings per file, check, fix."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from readmelint.check import check_document, check_text
from readmelint.config import Config, find_config, load_config
from readmelint.errors import InputError
from readmelint.files import ReadFile, check_writable, read_file, write_file
from readmelint.fix import Renderer, fix_document, render
from readmelint.model import Diagnostic, Region
from readmelint.schema import Schema
from readmelint.settings import Settings
from readmelint.source import Lines, Source


@dataclass
class ConfigResolver:
    """Finds and caches the config for each file, with command-line overrides on top."""

    explicit: Path | None = None
    schema: Schema | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    today: datetime.date | None = None
    _cache: dict[Path | None, Config] = field(default_factory=dict)

    def for_path(self, path: Path) -> Config:
        location = self.explicit or find_config(path)
        if location not in self._cache:
            config = load_config(location) if location else Config(Settings())
            settings = config.settings
            if self.schema is not None:
                settings = replace(settings, schema=self.schema)
            if self.select is not None:
                settings = replace(settings, select=self.select)
            if self.ignore is not None:
                settings = replace(settings, ignore=settings.ignore | self.ignore)
            if self.today is not None:
                settings = replace(settings, today=self.today)
            self._cache[location] = replace(config, settings=settings)
        return self._cache[location]


def check_source(source: Source, config: Config, name: str) -> list[Diagnostic]:
    try:
        return check_text(source.text, config.settings, name)
    except InputError as error:
        raise _naming(error, name) from None


def _naming(error: InputError, name: str) -> InputError:
    """The parser's error (``line N: ...``) with the file's name in front."""
    message = str(error)
    return InputError(f"{name}:{message[5:]}" if message.startswith("line ") else message)


class FixMode(Enum):
    WRITE = "write"
    CHECK = "check"
    DIFF = "diff"


@dataclass(frozen=True)
class FixResult:
    path: str
    original: Source
    fixed: Source
    # Where ``fixed`` differs from ``original`` (see :class:`readmelint.fix.Fixed`).
    regions: tuple[Region, ...] | None = None
    remaining: int = 0  # problems fix cannot repair, when counted

    @property
    def changed(self) -> bool:
        return self.fixed.text != self.original.text

    def diff(self) -> Iterator[str]:
        """The change as a unified diff (nothing if there is none), a line at a time."""
        from readmelint.diff import unified_diff

        return unified_diff(
            Lines(self.original.text),
            Lines(self.fixed.text),
            fromfile=f"a/{self.path}",
            tofile=f"b/{self.path}",
            regions=self.regions,
        )


def fix_source(
    source: Source,
    config: Config,
    name: str,
    renderer: Renderer = render,
    count_remaining: bool = False,
) -> FixResult:
    """Fix ``source``; ``count_remaining``: count the problems left for a person too."""
    try:
        fixed = fix_document(source.text, config.settings, renderer)
    except InputError as error:
        raise _naming(error, name) from None
    remaining = 0
    if count_remaining:
        diagnostics = check_document(fixed.output, config.settings, name)
        remaining = sum(not diagnostic.fixable for diagnostic in diagnostics)
    return FixResult(name, source, Source(fixed.text, source.bom), fixed.regions, remaining)


def fix_file(path: Path, config: Config, mode: FixMode, renderer: Renderer = render) -> FixResult:
    original: ReadFile = read_file(path)
    write = mode is FixMode.WRITE
    result = fix_source(original.source, config, str(path), renderer, count_remaining=write)
    if write and result.changed:
        check_writable(path)
        write_file(original, result.fixed.encode())
    return result
