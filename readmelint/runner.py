"""File-level work shared by the CLI and library users: settings per file, check, fix."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path

from readmelint.config import Config, Settings, find_config, load_config
from readmelint.errors import InputError
from readmelint.files import ReadFile, check_writable, read_file, write_file
from readmelint.fix import Renderer, fix_document, render
from readmelint.lint import check_document, check_text
from readmelint.model import Diagnostic, Document
from readmelint.schema import Schema
from readmelint.source import Source


@dataclass
class ConfigResolver:
    """Finds and caches the config for each file, with command-line overrides on top."""

    explicit: Path | None = None
    schema: Schema | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
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
    changed: bool
    fixed: Source
    output: Document  # ``fixed`` parsed
    diff: str = ""
    remaining: int = 0  # problems fix cannot repair


def fix_source(source: Source, config: Config, name: str, renderer: Renderer = render) -> FixResult:
    try:
        fixed_text, output = fix_document(source.text, config.settings, renderer)
    except InputError as error:
        raise _naming(error, name) from None
    fixed = Source(fixed_text, source.bom)
    changed = fixed_text != source.text
    diff = ""
    if changed:
        from readmelint.diff import unified_diff

        diff = "".join(
            unified_diff(
                source.text.splitlines(keepends=True),
                fixed_text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )
    return FixResult(name, changed, fixed, output, diff)


def fix_file(path: Path, config: Config, mode: FixMode, renderer: Renderer = render) -> FixResult:
    original: ReadFile = read_file(path)
    result = fix_source(original.source, config, str(path), renderer)
    if mode is not FixMode.WRITE:
        return result
    if result.changed:
        check_writable(path)
        write_file(original, result.fixed.encode())
    remaining = sum(
        not d.fixable for d in check_document(result.output, config.settings, str(path))
    )
    return replace(result, remaining=remaining)
