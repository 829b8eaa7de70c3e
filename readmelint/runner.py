"""File-level work shared by the CLI and library users: settings per file, check, fix.

The modules that parse, check and load configs are imported where they are first
needed: a run whose files are all in the result cache (:mod:`readmelint.cache`)
imports none of them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from readmelint.diagnostics import Diagnostic, Region
from readmelint.errors import EXIT_CLEAN, EXIT_INPUT, ConfigError, InputError, ReadmelintError
from readmelint.files import ReadFile, check_writable, read_file, read_small_file, write_file
from readmelint.project import ConfigFile, find_config, git_root, read_config
from readmelint.source import Lines, Source

if TYPE_CHECKING:
    from readmelint.cache import Cached, ResultCache
    from readmelint.config import Config
    from readmelint.fix import Renderer
    from readmelint.model import Document
    from readmelint.parse import BlockCache
    from readmelint.records import Record
    from readmelint.schema import Schema
    from readmelint.settings import Settings

T = TypeVar("T")


@dataclass
class ConfigResolver:
    """Finds and caches the config for each file, with command-line overrides on top.

    ``schema_path`` (``--schema``) is loaded on first use, as each config is, so that a
    run answered from the result cache loads neither. ``cache``: keep results in the
    result cache (:mod:`readmelint.cache`), in ``cache_dir`` if given, else where each
    file's config says.
    """

    explicit: Path | None = None
    schema: Schema | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    today: datetime.date | None = None
    schema_path: Path | None = None
    cache: bool = False
    cache_dir: Path | None = None
    _cache: dict[Path | None, Config | ReadmelintError] = field(default_factory=dict)
    # The config file found from each folder: the files of one folder share it.
    _found: dict[Path, Path | None] = field(default_factory=dict)
    _read: dict[Path, ConfigFile | ReadmelintError] = field(default_factory=dict)
    _results: dict[tuple[Path | None, Path], ResultCache | None] = field(default_factory=dict)
    _roots: dict[Path, Path] = field(default_factory=dict)

    def for_path(self, path: Path) -> Config:
        """The config of ``path``, loaded (and its error raised) once per config file."""
        location = self.explicit or self._nearest(path)
        return _once(self._cache, location, self._load)

    def _load(self, location: Path | None) -> Config:
        from readmelint.config import Config, config_from_file
        from readmelint.settings import Settings

        config = config_from_file(self._config_file(location)) if location else Config(Settings())
        settings = config.settings
        schema = self.schema
        if schema is None and self.schema_path is not None:
            from readmelint.schema import load_schema

            schema = self.schema = load_schema(self.schema_path)
        if schema is not None:
            settings = replace(settings, schema=schema)
        if self.select is not None:
            settings = replace(settings, select=self.select)
        if self.ignore is not None:
            settings = replace(settings, ignore=settings.ignore | self.ignore)
        if self.today is not None:
            settings = replace(settings, today=self.today)
        return replace(config, settings=settings)

    def _config_file(self, location: Path) -> ConfigFile:
        """The config file at ``location`` as TOML, read (or failed) once."""
        return _once(self._read, location, read_config)

    def _nearest(self, path: Path) -> Path | None:
        folder = path if path.is_dir() else path.parent
        if folder not in self._found:
            self._found[folder] = find_config(folder)
        return self._found[folder]

    def excludes(self, path: Path) -> bool:
        """Whether the nearest config of ``path`` (a file or folder) excludes it.

        A config that cannot be read excludes nothing: the files under it are kept,
        and each reports the config's error when it is worked on.
        """
        location = self.explicit or self._nearest(path)
        if location is None:
            return False
        try:
            return self._config_file(location).excludes(path)
        except ReadmelintError:
            return False

    def day(self) -> datetime.date:
        """The day dates are checked against (RL303): ``--today``, else the local date."""
        return self.today or datetime.date.today()

    def results(self, path: Path) -> ResultCache | None:
        """The result cache for the file ``path`` (None: off, or its config or schema
        does not read, which loading them will report)."""
        if not self.cache:
            return None
        location = self.explicit or self._nearest(path)
        folder = path.parent
        # Without a config, the cache is at the top of the file's git work tree.
        place = (location, Path() if location else self._root(folder))
        if place not in self._results:
            self._results[place] = self._result_cache(location, place[1])
        return self._results[place]

    def _root(self, folder: Path) -> Path:
        if folder not in self._roots:
            self._roots[folder] = git_root(folder) or Path.cwd()
        return self._roots[folder]

    def _result_cache(self, location: Path | None, root: Path) -> ResultCache | None:
        from readmelint.cache import FOLDER, ResultCache, digest

        parts: list[bytes] = []
        folder = root / FOLDER
        try:
            if location is not None:
                config = self._config_file(location)
                enabled, moved = config.table.get("cache", True), config.table.get("cache-dir")
                if enabled is not True or not isinstance(moved, str | None):
                    return None  # off, or a wrong value that loading the config reports
                folder = config.root / (moved or FOLDER)
                parts += [str(config.path.resolve()).encode(), config.data]
                schema = config.table.get("schema")
                if schema is not None:
                    if not isinstance(schema, str):
                        return None
                    parts.append(read_small_file(config.root / schema, "schema"))
            if self.schema_path is not None:
                parts.append(read_small_file(self.schema_path, "schema"))
        except (ReadmelintError, OSError):
            return None
        for codes in (self.select, self.ignore):
            parts.append(" ".join(sorted(codes)).encode() if codes is not None else b"-")
        settings = digest(*parts).encode()
        return ResultCache(self.cache_dir or folder, settings)


K = TypeVar("K")


def _once(known: dict[K, T | ReadmelintError], key: K, make: Callable[[K], T]) -> T:
    """``make(key)``, made (or failed: the same error raised again) once into ``known``."""
    if key not in known:
        try:
            known[key] = make(key)
        except ReadmelintError as error:
            known[key] = error
    found = known[key]
    if isinstance(found, ReadmelintError):
        raise found
    return found


@dataclass(frozen=True)
class Overrides:
    """What the command line puts over every file's config. Plain values, so that a
    worker process can be handed them and build its own :class:`ConfigResolver`.

    ``cache``: use the result cache (the command line's default; ``--no-cache`` turns it
    off), in ``cache_dir`` if given."""

    config: Path | None = None
    schema: Path | None = None
    select: frozenset[str] | None = None
    ignore: frozenset[str] | None = None
    today: datetime.date | None = None
    cache: bool = False
    cache_dir: Path | None = None

    def resolver(self) -> ConfigResolver:
        """A resolver applying these overrides; raises for a missing ``--config`` or
        ``--schema``, or a ``--config`` that is not TOML, before any file is read. (What
        is wrong within them is each file's error, as for a config found.)"""
        if self.config is not None and not self.config.exists():
            raise ConfigError(f"{self.config}: config file not found")
        if self.schema is not None and not self.schema.exists():
            raise ConfigError(f"{self.schema}: schema file not found")
        resolver = ConfigResolver(
            self.config,
            None,
            self.select,
            self.ignore,
            self.today,
            schema_path=self.schema,
            cache=self.cache,
            cache_dir=self.cache_dir,
        )
        if self.config is not None:
            resolver._config_file(self.config)  # a broken --config: one error, before any file
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


def check_source(
    source: Source, config: Config, name: str, blocks: BlockCache | None = None
) -> list[Diagnostic]:
    """The problems of ``source``; ``blocks``: the parses before it to take up again."""
    return _check(source, config.settings, name, blocks)[0]


def _check(
    source: Source, settings: Settings, name: str, blocks: BlockCache | None = None
) -> tuple[list[Diagnostic], Document]:
    """The problems of ``source``, and its document."""
    from readmelint.check import check_document
    from readmelint.parse import parse

    try:
        document = parse(source.text, settings, blocks=blocks)
    except InputError as error:
        raise _naming(error, name) from None
    return check_document(document, settings, name), document


def _holds_later(document: Document, settings: Settings) -> bool:
    """Whether what check finds in ``document`` today holds on every later day too."""
    from readmelint.rules.papers import dated_after_today

    return not dated_after_today(document, settings)


def _on(config: Config, day: datetime.date) -> Config:
    """``config`` with its dates checked against ``day`` (unless ``--today`` pinned one):
    the day a cached result is kept for is the day it was checked on."""
    if config.settings.today is not None:
        return config
    return replace(config, settings=replace(config.settings, today=day))


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
    # Whether that text has a date after the day it was checked on: only then may a
    # later day's check report something else (RL303).
    dated_ahead: bool = False

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
    from readmelint.check import check_document
    from readmelint.fix import fix_document  # and the safety check: kept off check's start-up

    try:
        fixed = fix_document(source.text, config.settings, renderer)
    except InputError as error:
        raise _naming(error, name) from None
    left: tuple[Diagnostic, ...] = ()
    ahead = False
    if count_remaining:
        left = tuple(check_document(fixed.output, config.settings, name))
        ahead = not _holds_later(fixed.output, config.settings)
    fixed_source = Source(fixed.text, source.bom)
    return FixResult(name, source, fixed_source, fixed.regions, left, ahead)


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
        _write(original, result)
    return result


def _write(original: ReadFile, result: FixResult) -> None:
    check_writable(original.path)
    write_file(original, result.fixed.encode())


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
    """Check the file ``path`` (as the user spelt it) with its nearest config, or find
    what it found before in the result cache."""

    def work() -> list[Diagnostic]:
        file = Path(path)
        results = resolver.results(file)
        if results is None:
            config = resolver.for_path(file)
            return check_source(read_file(file).source, config, path)
        source = read_file(file).source
        key = results.key(path, source.encode())
        day = resolver.day()
        cached = results.get(key, day, path)
        if cached is not None and cached.found is not None:
            return list(cached.found)
        settings = _on(resolver.for_path(file), day).settings
        found, document = _check(source, settings, path)
        results.put(key, found=found, today=day, later=_holds_later(document, settings))
        return found

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
    ``left``: check the fixed text, in any mode, and keep what it reports. A file the
    result cache knows fix leaves as it is is neither parsed nor written.
    """

    def work() -> FileFixed:
        file = Path(path)
        write = mode is FixMode.WRITE
        counting = left or write
        results = resolver.results(file)
        original = read_file(file, finish_interrupted=write)
        key = day = None
        if results is not None:
            key = results.key(str(file), original.source.encode())
            day = resolver.day()
            cached = results.get(key, day, str(file))
            known = _known_fix(cached, mode, counting, left, str(file))
            if known is not None:
                return known
        config = resolver.for_path(file)
        if day is not None:
            config = _on(config, day)
        result = fix_source(original.source, config, str(file), count_remaining=counting)
        if write and result.changed:
            _write(original, result)
        elif results is not None and key is not None:
            found = result.left if counting and not result.changed else None
            later = found is not None and not result.dated_ahead
            results.put(key, found=found, today=day, later=later, fix_changes=result.changed)
        diff: Iterable[str] = ()
        if mode is FixMode.DIFF and result.changed:
            diff = ("".join(result.diff()),) if whole_diff else result.diff()
        kept = result.left if left else ()
        return FileFixed(result.path, result.changed, result.remaining, diff, kept)

    return attempt(path, work)


def _known_fix(
    cached: Cached | None, mode: FixMode, counting: bool, left: bool, name: str
) -> FileFixed | None:
    """What fix would report of a file, from what the cache knows of it (None: too little).

    A file fix leaves as it is needs only the problems check finds in it (when they are
    counted); one it would change is known only to ``fix --check``, which shows nothing
    more than that.
    """
    if cached is None or cached.fix_changes is None:
        return None
    if not cached.fix_changes:
        if not counting:
            return FileFixed(name, False)
        if cached.found is None:
            return None
        remaining = sum(not diagnostic.fixable for diagnostic in cached.found)
        return FileFixed(name, False, remaining, (), cached.found if left else ())
    if mode is FixMode.CHECK and not counting:
        return FileFixed(name, True)
    return None


def records_source(source: Source, config: Config, name: str) -> list[Record]:
    """Every entry of ``source`` as a record, each with its count of problems."""
    from readmelint.records import records

    diagnostics, document = _check(source, config.settings, name)
    return list(records(document, config.settings, name, diagnostics))


def records_path(path: str, resolver: ConfigResolver) -> Outcome[list[Record]]:
    """The records of the file ``path`` (as the user spelt it), by its nearest config."""

    def work() -> list[Record]:
        file = Path(path)
        return records_source(read_file(file).source, resolver.for_path(file), path)

    return attempt(path, work)
