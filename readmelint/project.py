"""Where a file's configuration is, and what it says as TOML, before it is validated.

Enough to tell which files a config excludes and to key the result cache without
loading the config's schema or its layouts (:mod:`readmelint.config` does that):
a run whose files are all in the cache imports neither the parser nor jsonschema.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from readmelint.errors import ConfigError, InputError
from readmelint.files import read_small_file

CONFIG_FILES = (".readmelint.toml", "pyproject.toml")


@dataclass(frozen=True)
class ConfigFile:
    """A configuration file as read: its bytes and its readmelint table, unchecked.

    ``where`` names the table in messages (``the file`` or ``[tool.readmelint]``).
    """

    path: Path
    data: bytes
    table: Mapping[str, object]
    where: str

    @property
    def root(self) -> Path:
        """The folder the config's relative paths (schema, exclude) start from."""
        return self.path.parent

    def excludes(self, file: Path) -> bool:
        """Whether the config's ``exclude`` globs match ``file`` (none that are not a
        list of strings: loading the config reports that)."""
        patterns = self.table.get("exclude")
        if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
            return False
        return excluded(tuple(patterns), self.root, file)


def excluded(patterns: tuple[str, ...], root: Path | None, file: Path) -> bool:
    """Whether ``file`` matches one of ``patterns``, globs relative to ``root`` (default:
    the working directory) or of its name alone."""
    if not patterns:
        return False
    try:
        relative = file.resolve().relative_to((root or Path.cwd()).resolve())
    except ValueError:
        relative = file
    text = relative.as_posix()
    import fnmatch  # only configs with excludes need it

    return any(
        fnmatch.fnmatch(text, pattern) or fnmatch.fnmatch(file.name, pattern)
        for pattern in patterns
    )


def find_config(start: Path) -> Path | None:
    """The nearest ``.readmelint.toml``, or ``pyproject.toml`` with ``[tool.readmelint]``."""
    folder = start if start.is_dir() else start.parent
    folder = folder.resolve()
    for candidate_folder in (folder, *folder.parents):
        for name in CONFIG_FILES:
            candidate = candidate_folder / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_tool_table(candidate):
                continue
            return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    import tomllib  # only runs that find a pyproject.toml or config file need it

    try:
        data = tomllib.loads(read_small_file(pyproject, "config").decode("utf-8"))
    except (OSError, InputError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # someone else's broken pyproject is not our config
    tool = data.get("tool")
    return isinstance(tool, dict) and "readmelint" in tool


def read_config(path: Path) -> ConfigFile:
    """Read ``path`` (``.readmelint.toml`` or ``pyproject.toml``) as TOML; raises
    :class:`ConfigError` for a file that is missing, unreadable, not TOML or whose
    readmelint table is not a table."""
    import tomllib  # (see _has_tool_table)

    try:
        data = read_small_file(path, "config")
        parsed = tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except InputError as error:  # not a regular file, or too large
        raise ConfigError(str(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read config: {error}") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: not valid TOML: {error}") from None
    except RecursionError:
        raise ConfigError(f"{path}: config is nested too deeply to read") from None
    if path.name == "pyproject.toml":
        tool = parsed.get("tool", {})
        table = tool.get("readmelint", {}) if isinstance(tool, dict) else {}
        where = "[tool.readmelint]"
    else:
        table, where = parsed, "the file"
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: {where} must be a table")
    return ConfigFile(path, data, table, where)


def git_root(folder: Path) -> Path | None:
    """The top of the git work tree holding ``folder`` (where ``.git`` is), if any."""
    folder = folder.resolve()
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None
