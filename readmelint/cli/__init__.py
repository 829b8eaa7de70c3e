"""The command line: arguments to settings, to the library, to a reporter and an exit code.

One module per group of commands; each command is named in :data:`COMMANDS` and its
module imported when that command runs (or ``--help`` lists it): ``readmelint
--version`` imports no command, and ``check`` none of the others.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from readmelint import __version__
from readmelint.cli.shared import default_jobs, fail
from readmelint.errors import EXIT_SAFETY

__all__ = ["COMMANDS", "default_jobs", "main", "run"]

# Each command's name, and where it is defined: module and attribute.
COMMANDS = {
    "add": ("readmelint.cli.add", "add"),
    "check": ("readmelint.cli.lint", "check"),
    "config": ("readmelint.cli.info", "config_command"),
    "export": ("readmelint.cli.data", "export"),
    "fix": ("readmelint.cli.lint", "fix"),
    "init": ("readmelint.cli.init", "init"),
    "rules": ("readmelint.cli.info", "rules"),
    "schema": ("readmelint.cli.info", "schema"),
    "server": ("readmelint.cli.server", "server"),
    "show": ("readmelint.cli.show", "show"),
    "stats": ("readmelint.cli.data", "stats"),
}


class _Commands(click.Group):
    """A group whose commands are imported when first asked for."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        command = getattr(import_module(module), attribute)
        assert isinstance(command, click.Command), (module, attribute)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="readmelint")
def main() -> None:
    """Keep a hand-written paper-list README healthy.

    Exit codes: 0 clean, 1 problems found (or `fix --check`/`--diff` would
    change something), 2 usage, input, schema or config error, 3 internal
    error (fix refused to write output that failed its safety check).
    """


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
