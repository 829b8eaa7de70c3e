"""The command line: arguments to settings, to the library, to a reporter and an exit code.

One module per group of commands; each command joins the group here.
"""

from __future__ import annotations

import sys

import click

from readmelint import __version__
from readmelint.cli.add import add
from readmelint.cli.data import EXPORT_FORMATS, STATS_FORMATS, export, stats
from readmelint.cli.info import config_command, rules, schema
from readmelint.cli.init import init
from readmelint.cli.lint import check, fix
from readmelint.cli.server import server
from readmelint.cli.shared import default_jobs, fail
from readmelint.cli.show import show
from readmelint.errors import EXIT_SAFETY

__all__ = ["EXPORT_FORMATS", "STATS_FORMATS", "default_jobs", "main", "run"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="readmelint")
def main() -> None:
    """Keep a hand-written paper-list README healthy.

    Exit codes: 0 clean, 1 problems found (or `fix --check`/`--diff` would
    change something), 2 usage, input, schema or config error, 3 internal
    error (fix refused to write output that failed its safety check).
    """


for command in (check, fix, export, stats, show, config_command, schema, init, rules, server, add):
    main.add_command(command)


def run() -> None:
    """Entry point that turns any unexpected error into exit 3 without a traceback."""
    # A run builds hundreds of thousands of tokens and model objects that live
    # to the end and form no reference cycles; the cyclic collector would
    # re-scan them over and over (a third of a long list's time, growing
    # faster than the file). One short process: leave the memory to exit.
    import gc

    gc.disable()
    try:
        main(standalone_mode=True)
    except SystemExit:
        raise
    except Exception as error:
        fail(f"internal error: {type(error).__name__}: {error}; nothing was written")
        sys.exit(EXIT_SAFETY)
