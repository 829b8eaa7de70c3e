"""Reading and writing files without ever losing one.

Writes go to a temporary file in the same folder, keep the original's
permission bits, are flushed to disk, and replace the original in one rename,
so a crash leaves either the old file or the new one. Before the rename the
original is read again: if someone changed it meanwhile, nothing is written.

A file with other hard links cannot be renamed over (its other names would keep
the old text), so its new text is written into it in place, through a journal:
the new text goes to a journal file beside it first, flushed to disk, and only
then into the file; the journal is removed last. A process killed while writing
the file leaves a complete journal, and the next ``fix`` of the file finishes
the write from it (``check`` refuses the half-written file until then); killed
while writing the journal, it leaves the file untouched and an incomplete
journal, which the next ``fix`` removes. Temporary files are named
``.NAME.PID.readmelint-new`` and ``.NAME.PID.readmelint-journal``; the next
``fix`` of NAME removes those whose process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
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


def read_file(path: Path, finish_interrupted: bool = False) -> ReadFile:
    """Read and decode ``path``, or raise :class:`InputError` saying why not.

    ``finish_interrupted`` (``fix`` that writes): first finish a write into the file
    that a killed ``fix`` left half done, and remove its stale temporary files.
    Without it, such a file is refused.
    """
    if finish_interrupted:
        _clean_up_after_killed_runs(path)
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
    if info.st_nlink > 1 and not finish_interrupted and _interrupted_write(path, info):
        raise InputError(
            f"{path}: a fix was killed while writing this file (it has other hard links, "
            f"so it is written in place) and it may be half-written; run `readmelint fix "
            f"{path}` to finish that write from its journal"
        )
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
    """Replace the content of ``original.path`` with ``data``, unless it changed since it
    was read: in one rename, or through a journal for a file with other hard links."""
    path = original.path
    check_writable(path)
    info = path.stat()

    def unchanged() -> None:
        if path.read_bytes() != original.source.encode():
            raise InputError(
                f"{path}: changed on disk while readmelint was working; nothing was "
                "written, run it again"
            )

    if info.st_nlink > 1:
        _write_linked(path, data, (info.st_dev, info.st_ino), unchanged)
    else:
        _replace(path, data, stat.S_IMODE(info.st_mode), (info.st_uid, info.st_gid), unchanged)


# A temporary file of ours: the file it is for, and the process that made it.
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)\.readmelint-(?P<kind>new|journal)")
_JOURNAL_MAGIC = b"readmelint journal 1\n"


def is_temporary(name: str) -> bool:
    """Whether a file name is one of readmelint's temporary files (never a list)."""
    return _TEMPORARY.fullmatch(name) is not None


def _temporary(path: Path, kind: str) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.readmelint-{kind}")


def _open_new(temporary: Path) -> int:
    # O_TRUNC, not O_EXCL: a file of this name is a dead process's (its pid is ours now).
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0)
    return os.open(temporary, flags, 0o600)


def _write_all(handle: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(handle, view) :]


def _sync_folder(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable (where the system allows it)."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def _replace(
    path: Path,
    data: bytes,
    mode: int,
    owner: tuple[int, int] | None = None,
    before_rename: Callable[[], None] | None = None,
) -> None:
    """Write ``data`` to a temporary file beside ``path``, flushed to disk, then rename it
    over ``path``: a crash leaves the old file or the new one, never half of one."""
    temporary = _temporary(path, "new")
    try:
        handle = _open_new(temporary)
    except OSError as error:
        raise InputError(f"{path}: cannot write beside it: {error.strerror}") from None
    try:
        try:
            _write_all(handle, data)
            os.fsync(handle)
        finally:
            os.close(handle)
        os.chmod(temporary, mode)
        if owner is not None:
            with contextlib.suppress(OSError):  # only root can give a file away
                os.chown(temporary, *owner)
        if before_rename is not None:
            before_rename()
        os.replace(temporary, path)
        _sync_folder(path.parent)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _write_linked(
    path: Path, data: bytes, inode: tuple[int, int], before_writing: Callable[[], None]
) -> None:
    """Write ``data`` into ``path`` in place (every hard link sees it), journalled: see
    the module's documentation."""
    journal = _temporary(path, "journal")
    try:
        handle = _open_new(journal)
    except OSError as error:
        raise InputError(f"{path}: cannot write beside it: {error.strerror}") from None
    try:
        try:
            import hashlib  # only a write through hard links needs it: kept off check's start-up

            header = f"{inode[0]} {inode[1]} {len(data)} {hashlib.sha256(data).hexdigest()}\n"
            _write_all(handle, _JOURNAL_MAGIC + header.encode("ascii") + data)
            os.fsync(handle)
        finally:
            os.close(handle)
        _sync_folder(path.parent)
        before_writing()
        _write_in_place(path, data)
    except OSError as error:
        raise InputError(f"{path}: cannot write: {error.strerror}") from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(journal)
        _sync_folder(path.parent)


def _write_in_place(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | getattr(os, "O_CLOEXEC", 0))
    try:
        _write_all(handle, data)
        os.ftruncate(handle, len(data))
        os.fsync(handle)
    finally:
        os.close(handle)


def _read_journal(journal: Path) -> tuple[tuple[int, int], bytes] | None:
    """The inode a journal is for and the text to write into it; None if incomplete."""
    try:
        content = journal.read_bytes()
    except OSError:
        return None
    if not content.startswith(_JOURNAL_MAGIC):
        return None
    header, newline, data = content[len(_JOURNAL_MAGIC) :].partition(b"\n")
    parts = header.split()
    if not newline or len(parts) != 4 or not all(part.isdigit() for part in parts[:3]):
        return None
    device, inode, length = (int(part) for part in parts[:3])
    import hashlib  # only a journal left by a killed write needs it

    if len(data) != length or hashlib.sha256(data).hexdigest().encode() != parts[3]:
        return None
    return (device, inode), data


def _stale_temporaries(path: Path) -> list[tuple[Path, str]]:
    """This file's temporary files whose process is gone, with their kind."""
    prefix = f".{path.name}."
    try:
        names = [name for name in os.listdir(path.parent) if name.startswith(prefix)]
    except OSError:
        return []
    stale = []
    for name in names:
        found = _TEMPORARY.fullmatch(name)
        if found and found["name"] == path.name and not _alive(int(found["pid"])):
            stale.append((path.parent / name, found["kind"]))
    return stale


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own, in use
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or no pid at all): not ours to judge
    return True


def _interrupted_write(path: Path, info: os.stat_result) -> bool:
    """Whether a killed fix left a complete journal for this file (so it may be torn)."""
    for journal, kind in _stale_temporaries(path):
        if kind == "journal":
            read = _read_journal(journal)
            if read is not None and read[0] == (info.st_dev, info.st_ino):
                return True
    return False


def _clean_up_after_killed_runs(path: Path) -> None:
    """Finish a journalled write a killed fix left, and remove its temporary files."""
    stale = _stale_temporaries(path)
    for temporary, kind in stale:
        if kind == "journal":
            read = _read_journal(temporary)
            try:
                info = path.stat()
            except OSError:
                info = None
            if read is not None and info is not None and read[0] == (info.st_dev, info.st_ino):
                try:
                    _write_in_place(path, read[1])
                except OSError as error:
                    raise InputError(
                        f"{path}: cannot finish the write a killed fix left in {temporary}: "
                        f"{error.strerror}"
                    ) from None
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
    if stale:
        _sync_folder(path.parent)


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
