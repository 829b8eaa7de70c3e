"""The result cache: what ``check`` found in a file, and whether ``fix`` would change it,
kept in ``.readmelint_cache/`` so that an unchanged file is not parsed again.

An entry is one small JSON file per file checked and settings, named by a digest of
everything the result depends on but the file's bytes: readmelint's version and files,
Python's version, the installed packages (the modification times of the site-packages
folders), the config file's path and bytes, the bytes of its schema and of ``--schema``,
``--select`` and ``--ignore``, and the file's name. The entry holds a digest of the bytes
it was made from, so a changed file misses (and its entry is replaced: the cache grows
with the files, not with their edits). What ``check`` found holds for the day it was
made (RL303 compares dates with today), and for every later day when no date in the file
was after that day.

Writes go to a temporary file renamed over the entry, so parallel runs (``--jobs``, two
commands at once) never read half an entry and need no locks; a lost race loses an
entry, never a result. A cache folder that cannot be written, or an entry that does not
read, is a miss and no error. Nothing here imports the parser or jsonschema.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from readmelint import __version__
from readmelint.diagnostics import Diagnostic, Severity

FOLDER = ".readmelint_cache"
# Bumped when what an entry holds changes shape or meaning.
_FORMAT = b"readmelint result cache 1"
_SITE_FOLDERS = ("site-packages", "dist-packages")
_IGNORE_ALL = "# Made by readmelint: everything here is a cache.\n*\n"
# https://bford.info/cachedir/: backup tools skip a folder that has this file.
_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by readmelint.\n"
)


def digest(*parts: bytes) -> str:
    # blake2b from its own builtin module: hashlib would load OpenSSL as well (a few
    # milliseconds of start-up for a run that finds everything in the cache).
    try:
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b

    digest = blake2b(digest_size=20)
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


@cache
def environment() -> bytes:
    """What every result depends on besides the settings and the file: the code."""
    package = Path(__file__).parent
    files: list[str] = []

    def walk(folder: str) -> None:
        with os.scandir(folder) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name != "__pycache__":
                        walk(entry.path)
                elif entry.name.endswith((".py", ".json")):
                    info = entry.stat()
                    files.append(f"{entry.path} {info.st_mtime_ns} {info.st_size}")

    walk(str(package))
    # A package installed, upgraded or removed changes its site-packages folder's time.
    for folder in sys.path:
        if folder.endswith(_SITE_FOLDERS):
            with contextlib.suppress(OSError):
                files.append(f"{folder} {os.stat(folder).st_mtime_ns}")
    files.sort()
    return "\n".join([__version__, sys.version, *files]).encode()


@dataclass(frozen=True)
class FileKey:
    """Where one file's entry is, and the digest of the bytes it must have been made from."""

    entry: Path
    content: str


@dataclass(frozen=True)
class Cached:
    """What an entry says of a file's bytes: the problems ``check`` found (None: not
    known for this day) and whether ``fix`` changes it (None: not known)."""

    found: tuple[Diagnostic, ...] | None
    fix_changes: bool | None


@dataclass(frozen=True)
class ResultCache:
    """The entries of one set of settings in ``folder``; ``settings``: a digest of
    everything those results depend on but the file (see the module's docstring)."""

    folder: Path
    settings: bytes

    @property
    def entries(self) -> Path:
        return self.folder / __version__

    def key(self, name: str, data: bytes) -> FileKey:
        """The key of the file ``name`` (as the user spelt it) holding ``data``."""
        where = os.path.abspath(name).encode()
        entry = digest(_FORMAT, environment(), self.settings, where, name.encode())
        return FileKey(self.entries / entry, digest(data))

    def get(self, key: FileKey, today: datetime.date, name: str) -> Cached | None:
        """What the entry of ``key`` holds for ``today`` (problems named ``name``), or
        None: no entry for these bytes, or one that does not read."""
        try:
            entry = json.loads(key.entry.read_bytes())
            if entry["content"] != key.content:
                return None
            found = _found(entry.get("check"), today, name)
            changes = entry.get("fix", {}).get("changes")
            return Cached(found, changes if isinstance(changes, bool) else None)
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            return None

    def put(
        self,
        key: FileKey,
        *,
        found: Sequence[Diagnostic] | None = None,
        today: datetime.date | None = None,
        later: bool = False,
        fix_changes: bool | None = None,
    ) -> None:
        """Keep what a run learnt of the bytes of ``key``, with what the entry knew of
        them: ``found`` checked on ``today`` (``later``: it holds on later days too),
        ``fix_changes``. Never raises."""
        try:
            entry: dict[str, object] = {"content": key.content}
            try:
                old = json.loads(key.entry.read_bytes())
                if isinstance(old, dict) and old.get("content") == key.content:
                    entry.update(old)
            except (OSError, ValueError):
                pass
            if found is not None and today is not None:
                entry["check"] = {
                    "day": today.isoformat(),
                    "later": later,
                    "found": [_stored(diagnostic) for diagnostic in found],
                }
            if fix_changes is not None:
                entry["fix"] = {"changes": fix_changes}
            self._write(key.entry, json.dumps(entry, ensure_ascii=False).encode())
        except (OSError, ValueError, TypeError):
            pass

    def _write(self, entry: Path, data: bytes) -> None:
        if not entry.parent.is_dir():
            self._create()
        _replace(entry, data)

    def _create(self) -> None:
        """The cache folder, ignored by git and by backups, and its entries' folder."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in ((".gitignore", _IGNORE_ALL), ("CACHEDIR.TAG", _TAG)):
            if not (self.folder / name).exists():
                _replace(self.folder / name, text.encode())
        self.entries.mkdir(exist_ok=True)


def _replace(path: Path, data: bytes) -> None:
    """Write ``path`` whole in one rename: a reader sees the old file or the new one."""
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def _stored(diagnostic: Diagnostic) -> list[object]:
    return [
        diagnostic.line,
        diagnostic.column,
        diagnostic.code,
        diagnostic.message,
        diagnostic.severity.value,
        diagnostic.fixable,
    ]


def _found(
    check: dict[str, object] | None, today: datetime.date, name: str
) -> tuple[Diagnostic, ...] | None:
    """The problems an entry's ``check`` part holds, if they hold on ``today``."""
    if check is None:
        return None
    day = datetime.date.fromisoformat(str(check["day"]))
    if not (day == today or (check["later"] is True and today > day)):
        return None
    rows = check["found"]
    if not isinstance(rows, list):
        return None
    found = []
    for line, column, code, message, severity, fixable in rows:
        if not (isinstance(line, int) and isinstance(column, int) and isinstance(fixable, bool)):
            return None
        if not (isinstance(code, str) and isinstance(message, str)):
            return None
        found.append(Diagnostic(name, line, column, code, message, Severity(severity), fixable))
    return tuple(found)
