"""File-level work shared by the CLI and library users: settings per file, check, fix."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from readmelint.check import check_document, check_text
from readmelint.config import Config, find_config, load_config
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT, ConfigError, InputError, ReadmelintError
from readmelint.files import ReadFile, check_writable, read_file, write_file
from readmelint.model import Diagnostic, Region
from readmelint.parse import parse
from readmelint.schema import Schema, load_schema
from readmelint.settings import Settings
from readmelint.source import Lines, Source

if TYPE_CHECKING:
    from readmelint.fix import Renderer
    from readmelint.records import Record

T = TypeVar("T")


@dataclass
class ConfigResolver:
    """Finds and caches the config for each file, with command-line overrides on top."""

    explicit: Path | None = None
    schema: Schema | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    today: datetime.date | None = None
    _cache: dict[Path | None, Config] = field(default_factory=dict)
    # The config file found from each folder: the files of one folder share it.
    _found: dict[Path, Path | None] = field(default_factory=dict)

    def for_path(self, path: Path) -> Config:
        location = self.explicit or self._nearest(path)
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

    def _nearest(self, path: Path) -> Path | None:
        folder = path if path.is_dir() else path.parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]

    def excludes(self, path: Path) -> bool:
        """Whether the nearest config of ``path`` (a file or folder) excludes it.

        A config that cannot be loaded excludes nothing: the files under it are
        kept, and each reports the config's error when it is worked on.
        """
        try:
            return self.for_path(path).excludes(path)
        except ReadmelintError:
            return False


@dataclass(frozen=True)
class Overrides:
    """What the command line puts over every file's config. Plain values, so that a
    worker process can be handed them and build its own :class:`ConfigResolver`."""

    config: Path | None = None
    schema: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    today: datetime.date | None = None

    def resolver(self) -> ConfigResolver:
        """A resolver applying these overrides; raises for a missing or broken
        ``--config`` or ``--schema``, before any file is read."""
        schema = load_schema(self.schema) if self.schema else None
        if self.config is not None and not self.config.exists():
            raise ConfigError(f"{self.config}: config file not found")
        resolver = ConfigResolver(self.config, schema, self.select, self.ignore, self.today)
        if self.config is not None:
            resolver.for_path(self.config)  # a broken --config is one error, before any file
        return resolver


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """One file's result, or the one-line message that stopped it and its exit code."""

    path: str
    value: T | None = None
    error: str | None = None
    status: int = EXIT_CLEAN


def attempt(path: str, work: Callable[[], T]) -> Outcome[T]:
    """Run ``work`` for the file ``path``; our errors become its :class:`Outcome`."""
    try:
        return Outcome(path, work())
    except ReadmelintError as error:
        return Outcome(path, None, str(error), error.exit_code)
    except RecursionError:
        message = "input nested too deeply to process; nothing was written"
        return Outcome(path, None, message, EXIT_INPUT)
    except MemoryError:
        return Outcome(path, None, "out of memory; nothing was written", EXIT_INPUT)


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
    # What check reports on the fixed text, when asked for: what is left for a person.
    left: tuple[Diagnostic, ...] = ()

    @property
    def remaining(self) -> int:
        """The problems fix cannot repair (when counted)."""
        return sum(not diagnostic.fixable for diagnostic in self.left)

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
    renderer: Renderer | None = None,
    count_remaining: bool = False,
) -> FixResult:
    """Fix ``source``; ``count_remaining``: check the fixed text too, for what is left.

    ``renderer``: what writes the canonical form (None: fix's own).
    """
    from readmelint.fix import fix_document  # and the safety check: kept off check's start-up

    try:
        fixed = fix_document(source.text, config.settings, renderer)
    except InputError as error:
        raise _naming(error, name) from None
    left: tuple[Diagnostic, ...] = ()
    if count_remaining:
        left = tuple(check_document(fixed.output, config.settings, name))
    return FixResult(name, source, Source(fixed.text, source.bom), fixed.regions, left)


def fix_file(
    path: Path,
    config: Config,
    mode: FixMode,
    renderer: Renderer | None = None,
    count_remaining: bool | None = None,
) -> FixResult:
    """Fix the file ``path``, writing it in ``FixMode.WRITE``; ``count_remaining``
    (default: when writing) checks the fixed text too."""
    write = mode is FixMode.WRITE
    original: ReadFile = read_file(path, finish_interrupted=write)
    counting = write if count_remaining is None else count_remaining
    result = fix_source(original.source, config, str(path), renderer, count_remaining=counting)
    if write and result.changed:
        check_writable(path)
        write_file(original, result.fixed.encode())
    return result


@dataclass(frozen=True)
class FileFixed:
    """What the command line reports of one file ``fix`` worked on."""

    path: str
    changed: bool
    remaining: int = 0
    # The unified diff (``FixMode.DIFF`` only): lazily made in this process, or whole
    # when it was made in a worker process and sent back.
    diff: Iterable[str] = ()
    # What check reports on the fixed text (``left=True`` of :func:`fix_path`).
    left: tuple[Diagnostic, ...] = ()


def check_path(path: str, resolver: ConfigResolver) -> Outcome[list[Diagnostic]]:
    """Check the file ``path`` (as the user spelt it) with its nearest config."""

    def work() -> list[Diagnostic]:
        file = Path(path)
        config = resolver.for_path(file)
        return check_source(read_file(file).source, config, path)

    return attempt(path, work)


def fix_path(
    path: str,
    resolver: ConfigResolver,
    mode: FixMode,
    whole_diff: bool = False,
    left: bool = False,
) -> Outcome[FileFixed]:
    """Fix the file ``path`` with its nearest config; writes it in ``FixMode.WRITE``.

    ``whole_diff``: make the diff now, as one string (to send it to another process);
    ``left``: check the fixed text, in any mode, and keep what it reports.
    """

    def work() -> FileFixed:
        file = Path(path)
        counting = True if left else None
        result = fix_file(file, resolver.for_path(file), mode, count_remaining=counting)
        diff: Iterable[str] = ()
        if mode is FixMode.DIFF and result.changed:
            diff = ("".join(result.diff()),) if whole_diff else result.diff()
        kept = result.left if left else ()
        return FileFixed(result.path, result.changed, result.remaining, diff, kept)

    return attempt(path, work)


def records_source(source: Source, config: Config, name: str) -> list[Record]:
    """Every entry of ``source`` as a record, each with its count of problems."""
    from readmelint.records import records

    try:
        document = parse(source.text, config.settings)
    except InputError as error:
        raise _naming(error, name) from None
    diagnostics = check_document(document, config.settings, name)
    return list(records(document, config.settings, name, diagnostics))


def records_path(path: str, resolver: ConfigResolver) -> Outcome[list[Record]]:
    """The records of the file ``path`` (as the user spelt it), by its nearest config."""

    def work() -> list[Record]:
        file = Path(path)
        return records_source(read_file(file).source, resolver.for_path(file), path)

    return attempt(path, work)
