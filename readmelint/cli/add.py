"""`add`: a new paper from an arXiv id, a DOI or a BibTeX entry."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from readmelint.cli.shared import fail, or_exit, overrides_from, write_diff
from readmelint.errors import EXIT_CLEAN, EXIT_PROBLEMS


@click.command()
@click.argument("sources", nargs=-1, required=True, metavar="SOURCE...")
@click.option(
    "--to",
    "target",
    default="README.md",
    show_default=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="The list to add to.",
)
@click.option(
    "--section",
    metavar="TITLE",
    help="The section to add to, as a heading path: 'Multimodal > Dialogue' (or its last "
    "headings). [default: the config's add.section, or the list's only section]",
)
@click.option("--diff", is_flag=True, help="Print a unified diff of the addition; write nothing.")
@click.option(
    "--check",
    "check_only",
    is_flag=True,
    help="Write nothing; say what would be added (exit 1 if a paper is in the list already).",
)
@click.option(
    "--offline",
    is_flag=True,
    help="Never use the network: ids are looked up in the cache only.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait for arXiv, Crossref or DataCite (each request is tried twice).",
)
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
    help="Map fields through this JSON Schema instead of the configured or bundled one.",
)
def add(
    sources: tuple[str, ...],
    target: Path,
    section: str | None,
    diff: bool,
    check_only: bool,
    offline: bool,
    timeout: float,
    config_path: Path | None,
    schema_path: Path | None,
) -> None:
    """Add papers to a list: SOURCE is an arXiv id or link (2402.12226,
    arXiv:2402.12226v2, cs/0112017), a DOI or doi.org link, or a BibTeX file (`-`
    reads standard input; every entry in it is added).

    Each paper is written in the list's own layout and style, in its section at its
    sorted place. A paper the list has already is refused (exit 1); the others are
    still added. The result passes fix's safety check before it is written.
    Ids are looked up on arXiv's API and Crossref (DataCite for DOIs Crossref does
    not know), with the endpoints READMELINT_ARXIV_API, READMELINT_CROSSREF_API and
    READMELINT_DATACITE_API; answers are cached (READMELINT_CACHE_DIR).
    """
    from readmelint.add import add_papers, papers_from
    from readmelint.add.network import Cache, Client, Endpoints
    from readmelint.diff import unified_diff
    from readmelint.files import check_writable, read_file, write_file
    from readmelint.runner import check_source
    from readmelint.source import Lines, Source

    if diff and check_only:
        fail("--diff and --check: give one of them")
        sys.exit(2)
    resolver = or_exit(overrides_from(config_path, schema_path).resolver)
    config = or_exit(lambda: resolver.for_path(target))
    original = or_exit(lambda: read_file(target))
    writing = not (diff or check_only)
    if writing:
        or_exit(lambda: check_writable(target))

    def client() -> Client:
        return Client(Endpoints.from_environment(os.environ), Cache.default(), offline, timeout)

    papers = or_exit(lambda: papers_from(sources, client, lambda: sys.stdin.read()))
    name = str(target)
    additions = or_exit(
        lambda: add_papers(
            original.source.text, papers, config.settings, name, section, config.add_section
        )
    )
    for refused in additions.refused:
        fail(refused)
    status = EXIT_PROBLEMS if additions.refused else EXIT_CLEAN
    if not additions.added:
        sys.exit(status)
    new = Source(additions.text, original.source.bom)
    if diff:
        a, b = Lines(original.source.text), Lines(additions.text)
        write_diff(unified_diff(a, b, fromfile=f"a/{name}", tofile=f"b/{name}"))
    elif writing:
        or_exit(lambda: write_file(original, new.encode()))
    verb = "added" if writing else "would add"
    for added, (start, _) in zip(additions.added, additions.spans(), strict=True):
        click.echo(
            f"{verb} {added.entry.heading!r} at {name}:{start} in {added.run.name!r}", err=True
        )
    # What a person still has to fill in, as check reports it on the new entries' lines.
    spans = additions.spans()
    problems = or_exit(lambda: check_source(new, config, name))
    for problem in problems:
        if any(start <= problem.line <= end for start, end in spans):
            click.echo(
                f"{problem.path}:{problem.line}:{problem.column}: {problem.code} {problem.message}",
                err=True,
            )
    sys.exit(status)
