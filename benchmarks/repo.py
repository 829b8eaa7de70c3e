"""Generate a repository of many paper lists, deterministically, for the folder benchmarks.

Daily-digest repositories keep one Markdown file per day; issue 15's speed target
is stated for "a generated repository of 1,000 files of 20 entries each". This
writes such a folder: ``YYYY/MM/YYYY-MM-DD.md``, one file per day from
2021-01-01 on, each a list in the reference layout from :func:`generate` with
its own seed (so the files differ), and a top-level ``README.md`` as such
repositories have. The same arguments always give the same bytes.

Usage::

    python benchmarks/repo.py /tmp/repo-1000 [--files 1000] [--entries 20] [--seed 0] [--clean]
    readmelint check /tmp/repo-1000 --jobs 2
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

if __package__ is None or __package__ == "":  # run as a script: python benchmarks/repo.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import generate

FIRST_DAY = datetime.date(2021, 1, 1)
README = "# Daily papers\n\nOne list per day, in the folders by year and month.\n"


def day_path(index: int) -> str:
    """The file of day ``index`` (0 is :data:`FIRST_DAY`), relative to the repository."""
    day = FIRST_DAY + datetime.timedelta(days=index)
    return f"{day:%Y}/{day:%m}/{day.isoformat()}.md"


def write_repository(
    folder: Path, files: int = 1000, entries: int = 20, seed: int = 0, defects: bool = True
) -> list[Path]:
    """Write ``files`` lists of ``entries`` entries each under ``folder``; return their paths.

    ``folder`` is created if needed; files already there are overwritten, others kept.
    """
    if files < 0 or entries < 0:
        raise ValueError("files and entries must be >= 0")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "README.md").write_bytes(README.encode("utf-8"))
    written = []
    for index in range(files):
        path = folder / day_path(index)
        path.parent.mkdir(parents=True, exist_ok=True)
        # bytes: LF on every platform
        path.write_bytes(generate(entries, seed + index, defects).encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="folder to write (created if needed)")
    parser.add_argument("--files", type=int, default=1000, help="number of lists (default 1000)")
    parser.add_argument("--entries", type=int, default=20, help="entries per list (default 20)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clean", action="store_true", help="no defects: check finds nothing")
    args = parser.parse_args(argv)
    written = write_repository(args.folder, args.files, args.entries, args.seed, not args.clean)
    size = sum(path.stat().st_size for path in written)
    print(f"wrote {args.folder}: {len(written)} files of {args.entries} entries, {size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
