"""`server`: the language server, for editors."""

from __future__ import annotations

import click


@click.command()
@click.option(
    "--stdio", is_flag=True, help="Talk over standard input and output (the default and only way)."
)
def server(stdio: bool) -> None:
    """Run the language server over standard input and output: diagnostics as you type,
    quick fixes and formatting in your editor (see the README's "Editors")."""
    import gc

    from readmelint.server import main  # pygls is loaded by this command only

    gc.enable()  # `run` turns it off for short runs; a server runs for hours
    main()
