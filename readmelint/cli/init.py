"""`init`: a configuration to start from; with --from, one inferred from a list."""

from __future__ import annotations

import sys
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import fail, or_exit

if TYPE_CHECKING:
    from readmelint.infer import Inference
from readmelint.errors import EXIT_INPUT

CONFIG = ".readmelint.toml"
SCHEMA = "readmelint.schema.json"
# The lines of the summary that list what was not read, at the most.
MISSED_SHOWN = 12


@click.command()
@click.option(
    "--from",
    "source",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Infer the configuration and schema from this list, and write them beside it.",
)
@click.option("--force", is_flag=True, help="Overwrite existing files.")
@click.option(
    "--stdout",
    "to_stdout",
    is_flag=True,
    help="Print the configuration and schema instead of writing them (a dry run).",
)
def init(source: Path | None, force: bool, to_stdout: bool) -> None:
    """Write .readmelint.toml and a schema: a copy of the bundled one in this folder, or,
    with --from FILE, both inferred from FILE and written beside it."""
    if source is None:
        files = {Path(CONFIG): _plain_config(), Path(SCHEMA): _bundled()}
        _deliver(files, force, to_stdout)
        if not to_stdout:
            click.echo(f"wrote {CONFIG} and {SCHEMA}")
        return
    from readmelint.files import read_file
    from readmelint.infer import NothingToInfer, infer
    from readmelint.infer.write import config_text, schema_text

    text = or_exit(lambda: read_file(source)).source.text
    try:
        inference = infer(text)
    except NothingToInfer as error:
        fail(f"{source}: {error}; nothing written")
        sys.exit(EXIT_INPUT)
    name = source.name
    folder = source.parent
    files = {
        folder / CONFIG: config_text(inference, name),
        folder / SCHEMA: schema_text(inference, name),
    }
    _deliver(files, force, to_stdout)
    say = (lambda line: click.echo(line, err=True)) if to_stdout else click.echo
    for line in summary(inference, str(source)):
        say(line)
    if not to_stdout:
        config, schema = files
        say(f"wrote {config} and {schema}; `readmelint show {source}` lists what they read")


def _deliver(files: dict[Path, str], force: bool, to_stdout: bool) -> None:
    """Print the files, or write them (none where one exists and may not be replaced)."""
    if to_stdout:
        for path, text in files.items():
            click.echo(f"# ---- {path} ----")
            click.echo(text, nl=False)
        return
    for path in files:
        if path.exists() and not force:
            fail(f"{path}: already exists; use --force to overwrite it (nothing written)")
            sys.exit(EXIT_INPUT)
    from readmelint.files import write_output

    for path, text in files.items():
        data = text.encode("utf-8")
        or_exit(partial(write_output, path, data))


def summary(inference: Inference, name: str) -> list[str]:
    found = "; ".join(f"{len(guess.found)} {guess.where}" for guess in inference.guesses)
    lines = [f"{name}: {inference.entries} papers found: {found}"]
    missed = inference.missed
    if missed:
        shown = ", ".join(str(line) for line in missed[:MISSED_SHOWN])
        more = f" and {len(missed) - MISSED_SHOWN} more" if len(missed) > MISSED_SHOWN else ""
        one = len(missed) == 1
        lines.append(
            f"{name}: {len(missed)} more {'looks' if one else 'look'} like "
            f"{'a paper' if one else 'papers'} but {'fits' if one else 'fit'} no inferred "
            f"shape, at line{'' if one else 's'} {shown}{more}"
        )
    return lines


def _bundled() -> str:
    from readmelint.schema import bundled_schema_text

    return bundled_schema_text()


def _plain_config() -> str:
    """The starting configuration: every key the bundled schema needs, nothing that breaks
    when the schema is edited (sort names no field: the schema's first date field leads)."""
    return (
        "# readmelint configuration: see the README's Configuration section.\n"
        "# `readmelint init --from README.md` infers one from your list instead.\n"
        f'schema = "{SCHEMA}"\n'
        '# Where entries are: "headings", "table", "items" (or several).\n'
        'layout = ["headings"]\n'
        "# Heading levels that start an entry.\n"
        "entry-levels = [3]\n"
        "# For the items layout: patterns that read an item, and where its fields are.\n"
        '# item = ["**{title}** ({year}), {authors}{...}"]\n'
        '# item-fields = "pattern"\n'
        "# Entries are sorted by the schema's first date field, newest first; or name one:\n"
        '# sort = { field = "Submission Date", order = "descending" }\n'
        "# or keep the list's order: sort = false\n"
        "# Codes (or prefixes) to report only / never.\n"
        "select = []\n"
        "ignore = []\n"
        "# Files to skip, as globs relative to this folder.\n"
        "exclude = []\n"
    )
