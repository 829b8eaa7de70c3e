"""Which files ``check`` and ``fix`` work on, from the paths on the command line.

:func:`markdown_files` follows these rules:

* A path named explicitly (a file of any extension, or ``-`` for standard input)
  is kept as spelt, even if hidden or ignored by git: naming it is the request.
  Only ``excluded`` (the config's ``exclude`` globs) drops it, with a note,
  because pre-commit and editors name every file explicitly and the config must
  still hold for them.
* A folder is searched for ``*.md`` and ``*.markdown`` files (any case), skipping
  hidden names, what ``excluded`` rejects and what git ignores. The named folder
  itself is searched even if git ignores it.
* A path that does not exist but has glob characters is a glob, matched by the
  same walk: ``*`` and ``**`` skip hidden names as :func:`glob.glob` does, a
  matched file counts whatever its extension, and a matched folder is searched as
  above. A path that neither exists nor matches is passed on for the caller to
  report.
* Files come once each, first spelling first, arguments in the order given and
  sorted by path within each. Folder symbolic links are followed unless they lead
  back to a folder already searched or one containing them.
"""

from __future__ import annotations

import errno
import fnmatch
import os
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from readmelint.errors import InputError
from readmelint.files import is_temporary

if TYPE_CHECKING:
    import subprocess

STDIN = "-"
MARKDOWN_SUFFIXES = (".md", ".markdown")
_GLOB_CHARS = frozenset("*?[")
# A git hook exports these to point git at its own repository; without them git
# finds the repository of whichever folder it is run in.
_REPOSITORY_VARIABLES = frozenset(
    {"GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR", "GIT_OBJECT_DIRECTORY"}
)


@dataclass(frozen=True)
class Discovery:
    """The files to work on, in order, and what to tell the user about the search."""

    files: list[str]
    notes: list[str]


@dataclass(frozen=True)
class _Listing:
    """What git does not ignore under one folder, as paths relative to it with ``/``."""

    paths: frozenset[str]  # files, symbolic links, and nested repositories git does not enter
    folders: frozenset[str]  # every folder above one of the paths


@dataclass(frozen=True)
class _Folder:
    shown: str  # as the user will read it; "" is the current folder
    real: str  # resolved, to tell loops and files met twice
    parts: tuple[str, ...]  # below the searched root, to sort by
    git: _Listing | None  # None: git filters nothing here
    git_prefix: str  # this folder within ``git``: "" or ending in "/"
    pattern: frozenset[int] | None  # positions of the glob left to match; None: any Markdown


def markdown_files(
    paths: Sequence[str], excluded: Callable[[Path], bool] | None = None
) -> Discovery:
    """The files ``paths`` name or hold, by the rules in this module's docstring.

    Raises :class:`InputError` for a path that is a symbolic link loop.
    """
    search = _Search(excluded)
    for path in paths:
        search.argument(path)
    return Discovery(search.files, search.notes)


class _Search:
    def __init__(self, excluded: Callable[[Path], bool] | None) -> None:
        self.excluded = excluded
        self.files: list[str] = []
        self.notes: list[str] = []
        self.seen: set[str] = set()

    def argument(self, raw: str) -> None:
        if raw == STDIN:
            self.add(raw, raw)
            return
        try:
            info = os.stat(raw)
        except OSError as error:
            if error.errno == errno.ELOOP:
                raise InputError(
                    f"{raw}: is a symbolic link loop; point the link at a real file or folder, "
                    "or remove it"
                ) from None
            if _GLOB_CHARS.isdisjoint(raw) or not self.glob(raw):
                self.add(raw, raw)  # the caller reports it as missing or unreadable
            return
        if self.is_excluded(raw):
            self.notes.append(f"{raw}: excluded by the configuration; skipped")
        elif stat.S_ISDIR(info.st_mode):
            self.search(raw, (), raw)
        else:
            folder, name = os.path.split(raw)
            self.add(raw, os.path.join(os.path.realpath(folder or os.curdir), name))

    def glob(self, raw: str) -> bool:
        """Search for the files glob ``raw`` matches; False if it matches nothing."""
        parts = raw.replace(os.sep, "/").split("/")
        first = next(i for i, part in enumerate(parts) if not _GLOB_CHARS.isdisjoint(part))
        base = "/".join(parts[:first]) or ("/" if first else "")
        if base and not os.path.isdir(base):
            return False
        if base and self.is_excluded(base):
            self.notes.append(f"{base}: excluded by the configuration; skipped")
            return True
        return self.search(base, tuple(part for part in parts[first:] if part), raw)

    def search(self, root: str, pattern: tuple[str, ...], label: str) -> bool:
        """Add the files under folder ``root`` (``""``: the current one) that match
        ``pattern`` (empty: Markdown files); whether anything matched it."""
        where = root or os.curdir
        listing = _git_listing(where)
        if listing is not None and not listing.paths and _git_ignores(where):
            listing = None
            self.notes.append(f"{where}: git ignores this folder; searched because it was named")
        states = _closure(pattern, frozenset({0})) if pattern else None
        if states is not None and len(pattern) in states:
            states = None  # ``**`` matches the root itself: search it all
        walk = _Walk(self, pattern, _Folder(root, os.path.realpath(where), (), listing, "", states))
        if not walk.run():
            return True  # the root could not be read, and a note says so
        for _, shown, key in sorted(walk.found):
            self.add(shown, key)
        if walk.matched and not walk.found:
            self.notes.append(f"{label}: no Markdown files found")
        return walk.matched

    def scan(self, folder: str) -> list[os.DirEntry[str]] | None:
        """The entries of ``folder`` by name, or None with a note if it cannot be read."""
        try:
            with os.scandir(folder) as entries:
                return sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            self.notes.append(f"{folder}: cannot read this folder ({error.strerror}); skipped")
            return None

    def is_excluded(self, path: str) -> bool:
        return self.excluded is not None and self.excluded(Path(path))

    def add(self, shown: str, key: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.files.append(shown)


class _Walk:
    """One folder searched, depth first, for Markdown files or the rest of a glob."""

    def __init__(self, search: _Search, pattern: tuple[str, ...], root: _Folder) -> None:
        self.search = search
        self.pattern = pattern
        self.root = root
        self.found: list[tuple[tuple[str, ...], str, str]] = []  # sort key, shown, identity
        self.matched = root.pattern is None
        self.visited = {root.real: root.shown or os.curdir}
        self.folders = [root]
        # Linked folders wait until every real one is searched, so a file is found
        # under its real path first and a link to a searched folder is skipped.
        self.links: list[tuple[_Folder, str, bool]] = []  # folder, link's own path, ask git

    def run(self) -> bool:
        """Search everything; False if the root folder cannot be read."""
        while self.folders or self.links:
            folder = self.folders.pop() if self.folders else self.follow(*self.links.pop(0))
            if folder is None:
                continue
            entries = self.search.scan(folder.shown or os.curdir)
            if entries is None:
                if folder is self.root:
                    return False
                continue
            if folder.git is None and folder.parts and any(e.name == ".git" for e in entries):
                # A repository inside a folder git does not filter has its own ignores.
                folder = replace(folder, git=_git_listing(folder.shown))
            for entry in entries:
                self.entry(folder, entry)
        return True

    def follow(self, folder: _Folder, location: str, ask_git: bool) -> _Folder | None:
        """``folder`` reached through a symbolic link at ``location``, unless it loops."""
        if folder.real in self.visited:
            self.search.notes.append(
                f"{folder.shown}: skipped; same folder as {self.visited[folder.real]}, "
                "already searched"
            )
            return None
        if _inside(location, folder.real):
            self.search.notes.append(
                f"{folder.shown}: skipped; a symbolic link to a folder that contains it"
            )
            return None
        self.visited[folder.real] = folder.shown
        return replace(folder, git=_git_listing(folder.shown)) if ask_git else folder

    def entry(self, folder: _Folder, entry: os.DirEntry[str]) -> None:
        name = entry.name
        if is_temporary(name):
            return  # a write in progress, or one a killed fix left: never a list
        states = None
        if folder.pattern is None:
            if name.startswith("."):
                return
        else:
            states = _advance(self.pattern, folder.pattern, name)
            if not states:
                return
        full = states is not None and len(self.pattern) in states
        shown = os.path.join(folder.shown, name) if folder.shown else name
        try:
            is_dir = entry.is_dir()
            is_file = not is_dir and entry.is_file()
        except OSError as error:  # a link that cannot be followed, such as a loop
            self.search.notes.append(f"{shown}: cannot follow ({error.strerror}); skipped")
            return
        git_path = folder.git_prefix + name
        if is_dir:
            self.matched = self.matched or full
            self.folder(folder, git_path, entry, None if full else states)
            return
        if states is None:
            if not name.lower().endswith(MARKDOWN_SUFFIXES):
                return
        elif full:
            self.matched = True
        else:
            return
        if not is_file:
            if entry.is_symlink():
                self.search.notes.append(f"{shown}: broken symbolic link; skipped")
            return
        if folder.git is not None and git_path not in folder.git.paths:
            return
        if not self.search.is_excluded(shown):
            self.found.append(((*folder.parts, name), shown, os.path.join(folder.real, name)))

    def folder(
        self,
        parent: _Folder,
        git_path: str,
        entry: os.DirEntry[str],
        pattern: frozenset[int] | None,
    ) -> None:
        shown = os.path.join(parent.shown, entry.name) if parent.shown else entry.name
        parts = (*parent.parts, entry.name)
        listing = parent.git
        if entry.is_symlink():
            # Git lists a linked folder as one path; git is asked inside it only once
            # it is known not to loop.
            if (listing is None or git_path in listing.paths) and not self.search.is_excluded(
                shown
            ):
                child = _Folder(shown, os.path.realpath(shown), parts, None, "", pattern)
                location = os.path.join(parent.real, entry.name)
                self.links.append((child, location, listing is not None))
            return
        scope = _git_scope(listing, git_path, shown)
        if scope is None or self.search.is_excluded(shown):
            return
        real = os.path.join(parent.real, entry.name)
        if real in self.visited:
            self.search.notes.append(
                f"{shown}: skipped; same folder as {self.visited[real]}, already searched"
            )
            return
        self.visited[real] = shown
        self.folders.append(_Folder(shown, real, parts, *scope, pattern))


def _advance(pattern: tuple[str, ...], states: frozenset[int], name: str) -> frozenset[int]:
    """The positions of ``pattern`` left to match below ``name``, given those left above it."""
    after: set[int] = set()
    for index in states:
        if index == len(pattern):
            continue
        part = pattern[index]
        if part == "**":
            if not name.startswith("."):
                after.add(index)  # ``**`` may match more folders below this one
        elif (not name.startswith(".") or part.startswith(".")) and fnmatch.fnmatch(name, part):
            after.add(index + 1)
    return _closure(pattern, frozenset(after))


def _closure(pattern: tuple[str, ...], states: frozenset[int]) -> frozenset[int]:
    """``states`` and the position after each ``**`` in them, as ``**`` may match no folder."""
    closed = set(states)
    pending = list(states)
    while pending:
        index = pending.pop()
        if index < len(pattern) and pattern[index] == "**" and index + 1 not in closed:
            closed.add(index + 1)
            pending.append(index + 1)
    return frozenset(closed)


def _inside(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _git_scope(
    listing: _Listing | None, path: str, shown: str
) -> tuple[_Listing | None, str] | None:
    """The listing, and the folder's path in it, that say what git ignores in the folder
    at ``path`` in ``listing``; None if git ignores all of it."""
    if listing is None:
        return None, ""
    if path in listing.folders:
        return listing, path + "/"
    if path in listing.paths:  # a nested repository, which git lists as one path
        return _git_listing(shown), ""
    return None


def _git_listing(folder: str) -> _Listing | None:
    """What git does not ignore under ``folder``; None without git or a work tree."""
    done = _git(folder, "ls-files", "--cached", "--others", "--exclude-standard", "-z")
    if done is None or done.returncode != 0:
        return None
    paths: set[str] = set()
    folders: set[str] = set()
    for item in done.stdout.split(b"\0"):
        if not item:
            continue
        path = os.fsdecode(item).rstrip("/")  # "/" ends a nested repository git does not enter
        paths.add(path)
        parent = path.rpartition("/")[0]
        while parent and parent not in folders:
            folders.add(parent)
            parent = parent.rpartition("/")[0]
    return _Listing(frozenset(paths), frozenset(folders))


def _git_ignores(folder: str) -> bool:
    done = _git(folder, "check-ignore", "--quiet", ".")
    return done is not None and done.returncode == 0


def _git(folder: str, *arguments: str) -> subprocess.CompletedProcess[bytes] | None:
    import subprocess  # only a folder needs git: kept off a single file's start-up

    environment = {k: v for k, v in os.environ.items() if k not in _REPOSITORY_VARIABLES}
    try:
        return subprocess.run(
            # A repository's fsmonitor setting runs a program: not for a read-only look.
            ["git", "-C", folder, "-c", "core.fsmonitor=false", *arguments],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            env=environment,
            check=False,
        )
    except OSError:  # git is not installed
        return None
