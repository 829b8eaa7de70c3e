"""`schema`, `config` and `rules`: what readmelint knows, shown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from readmelint.cli.shared import (
    PATHS,
    fail,
    or_exit,
    overrides_from,
    with_code_options,
)
from readmelint.errors import EXIT_INPUT

if TYPE_CHECKING:
    from readmelint.rules.base import Rule


@click.command()
def schema() -> None:
    """Print the bundled JSON Schema (a starting point for your own)."""
    from readmelint.schema import bundled_schema_text

    click.echo(bundled_schema_text(), nl=False)


@click.command("config")
@click.argument("path", default="README.md", type=PATHS)
@with_code_options
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this config file instead of looking for one.",
)
@click.option(
    "--schema",
    "schema_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Use this JSON Schema instead of the configured or bundled one.",
)
def config_command(
    path: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_path: Path | None,
    schema_path: Path | None,
) -> None:
    """Show which config file and schema apply to PATH (default: README.md), and every
    setting it is checked with, as the config's TOML keys."""
    from readmelint.config import describe

    overrides = overrides_from(config_path, schema_path, select, ignore)
    resolver = or_exit(overrides.resolver)
    file = Path(path)
    config = or_exit(lambda: resolver.for_path(file))
    click.echo(describe(config, file, config.excludes(file)), nl=False)


@click.command()
@click.argument("code", required=False)
def rules(code: str | None) -> None:
    """List every diagnostic code, or explain CODE with examples."""
    from readmelint.rules.registry import BY_CODE, RULES

    if code is None:
        width = max(len(rule.name) for rule in RULES)
        for rule in RULES:
            mark = "fixable" if rule.fixable else "       "
            click.echo(f"{rule.code}  {rule.name:<{width}}  {mark}  {rule.summary}")
        return
    found = BY_CODE.get(code.upper())
    if found is None:
        fail(f"unknown code {code!r}; `readmelint rules` lists them all")
        sys.exit(EXIT_INPUT)
    click.echo(_explain(found))


def _explain(rule: Rule) -> str:
    return "\n".join(
        [
            f"{rule.code} {rule.name}{' (fixable)' if rule.fixable else ''}",
            "",
            rule.summary,
            "",
            rule.explanation,
            "",
            "Fails:",
            "",
            *_indent(rule.failing),
            "",
            "Passes:",
            "",
            *_indent(rule.passing),
        ]
    )


def _indent(block: str) -> Iterator[str]:
    for line in block.rstrip("\n").splitlines():
        yield "    " + line
