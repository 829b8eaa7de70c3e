"""Reading and writing files without ever losing one.

Writes go to a temporary file in the same folder, keep the original's
permission bits, are flushed to disk, and replace the original in one rename,
so a crash leaves either the old file or the new one. Before the rename the
original is read again: if someone changed it meanwhile, nothing is written.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from readmelint.errors import InputError
from readmelint.source import Source, decode

# Far above any real paper list (the largest known is ~1 MB), low enough that a
# stray binary or log file is refused before it is read into memory.
MAX_FILE_BYTES = 64 * 1024 * 1024


# A schema or configuration file: the largest real ones are a few KB.
MAX_SETTINGS_BYTES = 4 * 1024 * 1024


def read_small_file(path: Path, what: str) -> bytes:
    """The bytes of a schema or config file; :class:`InputError` if it is no regular file
    or over :data:`MAX_SETTINGS_BYTES` (``/dev/zero`` would be read until memory ran out).

    FileNotFoundError and other OSErrors are left to the caller, which names the file's role.
    """
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory, not a {what} file")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file; the {what} must be a file")
    limit = MAX_SETTINGS_BYTES
    with path.open("rb") as stream:
        # A size is not trusted: a file may grow, and /proc's report none.
        data = stream.read(limit + 1)
    if max(len(data), info.st_size) > limit:
        raise InputError(
            f"{path}: over readmelint's limit of {limit // (1024 * 1024)} MB for a {what} file"
        )
    return data


@dataclass(frozen=True)
class ReadFile:
    """A file as read. ``source.encode()`` gives back its bytes exactly (strict UTF-8,
    the BOM remembered), so they need not be kept to tell whether the file changed."""

    path: Path
    source: Source


def read_file(path: Path) -> ReadFile:
    """Read and decode ``path``, or raise :class:`InputError` saying why not."""
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError(f"{path}: is a directory; pass Markdown files, e.g. {path}/README.md")
    if not stat.S_ISREG(info.st_mode):
        raise InputError(f"{path}: not a regular file")
    if info.st_size > MAX_FILE_BYTES:
        raise InputError(
            f"{path}: {info.st_size // (1024 * 1024)} MB is over readmelint's limit of "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB for one Markdown file"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None
    return ReadFile(path, decode(data, str(path)))


def check_writable(path: Path) -> None:
    """Refuse, before any work, to write what readmelint must not or cannot write."""
    if path.is_symlink():
        raise InputError(
            f"{path}: is a symbolic link; readmelint does not write through links, "
            f"run fix on its target ({path.resolve()})"
        )
    info = path.stat()
    # Mode bits, not os.access: root may write anything, but a read-only file
    # says its owner does not want it changed.
    if not info.st_mode & stat.S_IWUSR:
        raise InputError(f"{path}: file is read-only; make it writable (chmod u+w) to fix it")
    folder = path.parent
    folder_info = folder.stat()
    if not folder_info.st_mode & stat.S_IWUSR or not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(
            f"{path}: its folder is read-only; readmelint writes a temporary file beside "
            "the original and renames it, so the folder must be writable"
        )


def write_file(original: ReadFile, data: bytes) -> None:
    """Atomically replace ``original.path`` with ``data``, unless it changed since it was read."""
    path = original.path
    check_writable(path)
    info = path.stat()

    def unchanged() -> None:
        if path.read_bytes() != original.source.encode():
            raise InputError(
                f"{path}: changed on disk while readmelint was working; nothing was "
                "written, run it again"
            )

    _replace(path, data, stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid), unchanged)


def _replace(
    path: Path,
    data: bytes,
    mode: int,
    owner: tuple[int, int] | None = None,
    before_rename: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk, then rename it
    over ``path``: a crash leaves the old file or the new one, never half of one."""
    import tempfile  # only writes need it

    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=".readmelint"
        )
    except OSError as error:
        raise InputError(f"{path}: cannot write beside it: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
        if owner is not None:
            with contextlib.suppress(OSError):  # only root can give a file away
                os.chown(temporary, *owner)
        if before_rename is not None:
            before_rename()
        os.replace(temporary, path)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def check_output(path: Path) -> None:
    """Refuse, before any work, an output file (``-o``, ``--plot``) that cannot be written."""
    folder = path.parent
    if path.is_dir():
        raise InputError(f"{path}: is a folder; name the file to write")
    if not folder.is_dir():
        raise InputError(f"{path}: folder {folder} does not exist; create it first")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise InputError(f"{path}: its folder is not writable; choose another place")
    if path.exists() and not os.access(path, os.W_OK):
        raise InputError(f"{path}: file is read-only; make it writable or choose another")


def write_output(path: Path, data: bytes) -> None:
    """Create or replace ``path`` with ``data`` in one rename: never a half-written file."""
    check_output(path)
    _replace(path, data, stat.S_IMODE(path.stat().st_mode) if path.exists() else _new_file_mode())


def _new_file_mode() -> int:
    """What ``open(path, "w")`` would give a new file: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
