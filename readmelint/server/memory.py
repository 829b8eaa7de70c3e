"""What a server worker keeps between jobs: each document's config until a file it was
read from changes, and the block tokens of the last text it parsed."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readmelint.config import CONFIG_FILES, Config
from readmelint.errors import ReadmelintError
from readmelint.parse import BlockCache
from readmelint.runner import ConfigResolver
from readmelint.settings import Settings

Stamp = tuple[tuple[int, int, int] | None, ...]


@dataclass(frozen=True)
class Where:
    """Where a document's settings come from, and how messages name it.

    ``path``: its file, whose nearest config applies as the command line finds it;
    None for a document outside the workspace folders (or not a file): the defaults.
    """

    path: str | None
    name: str


@dataclass(frozen=True)
class Watch:
    """Files that say which config a document has: each place a config could be found
    from its folder up, and the schema the config names. A change to any of them
    (a new config, an edit, a removal) means the document is checked again."""

    files: tuple[str, ...] = ()
    stamp: Stamp = ()

    @staticmethod
    def of(files: Sequence[str]) -> Watch:
        return Watch(tuple(files), stamps(files))

    def changed(self) -> bool:
        return stamps(self.files) != self.stamp


def stamps(files: Sequence[str]) -> Stamp:
    found: list[tuple[int, int, int] | None] = []
    for name in files:
        try:
            status = os.stat(name)
        except OSError:
            found.append(None)
        else:
            found.append((status.st_mtime_ns, status.st_size, status.st_ino))
    return tuple(found)


class Configs:
    """Each document's config, found as the command line finds it (a fresh
    :class:`~readmelint.runner.ConfigResolver`), kept until a watched file changes.
    A broken config is never kept: it is read again at the next check."""

    def __init__(self) -> None:
        self._known: dict[Path, tuple[Config, Watch]] = {}

    def of(self, where: Where) -> tuple[Config | ReadmelintError, Watch]:
        if where.path is None:
            return Config(Settings()), Watch()
        path = Path(where.path)
        folder = path.parent
        known = self._known.get(folder)
        if known is not None and not known[1].changed():
            return known
        places = _config_places(folder)
        try:
            config = ConfigResolver().for_path(path)
        except ReadmelintError as error:
            self._known.pop(folder, None)
            # The file the error names (a schema the config points to) is watched too.
            named = str(error).split(":", 1)[0]
            return error, Watch.of([*places, *([named] if Path(named).is_file() else [])])
        schema = config.settings.schema.name
        found = config, Watch.of([*places, *([schema] if Path(schema).is_file() else [])])
        self._known[folder] = found
        return found


@dataclass
class Memory:
    """What a worker keeps between jobs: each document's config, and the block tokens of
    the last text it parsed (most of the next version's, see :class:`BlockCache`)."""

    configs: Configs = field(default_factory=Configs)
    blocks: BlockCache = field(default_factory=BlockCache)


def _config_places(folder: Path) -> list[str]:
    folder = folder.resolve()
    return [str(place / name) for place in (folder, *folder.parents) for name in CONFIG_FILES]
