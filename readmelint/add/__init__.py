"""``readmelint add``: a new paper from an arXiv id, a DOI or a BibTeX entry, written in
the list's own form at its place (see :mod:`readmelint.add.insert`).

- :mod:`.sources`: what a SOURCE argument names;
- :mod:`.network`: the only HTTP readmelint does (ids looked up, answers cached);
- :mod:`.metadata` and :mod:`.bibtex`: answers and BibTeX entries as :class:`Metadata`;
- :mod:`.fields`: metadata as an entry's fields, through the schema;
- :mod:`.place`: which section and where in it;
- :mod:`.insert`: the entry added, duplicates refused, the result checked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from readmelint.add.bibtex import read_bibtex
from readmelint.add.insert import Added, AlreadyListed, add_paper
from readmelint.add.metadata import Metadata
from readmelint.add.network import Client
from readmelint.add.sources import STDIN, BibtexFile, parse_source
from readmelint.errors import InputError
from readmelint.settings import Settings

__all__ = ["Added", "Additions", "Metadata", "add_papers", "papers_from"]


def papers_from(
    sources: Sequence[str], client: Callable[[], Client], read_stdin: Callable[[], str]
) -> list[Metadata]:
    """The papers ``sources`` name, in order: BibTeX read, ids looked up (``client`` is
    made on first need). Raises :class:`InputError` for the first that fails."""
    papers: list[Metadata] = []
    made: list[Client] = []
    for raw in sources:
        reference = parse_source(raw)
        if isinstance(reference, BibtexFile):
            name = "<stdin>" if reference.path == STDIN else reference.path
            papers.extend(read_bibtex(_bibtex_text(reference.path, read_stdin), name))
            continue
        if not made:
            made.append(client())
        papers.append(made[0].lookup(reference))
    return papers


def _bibtex_text(path: str, read_stdin: Callable[[], str]) -> str:
    if path == STDIN:
        return read_stdin()
    try:
        return Path(path).read_text("utf-8")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8; re-save the BibTeX file as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read: {error.strerror}") from None


@dataclass
class Additions:
    """What adding several papers to one text came to."""

    text: str
    added: list[Added] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # one line each: why not

    def spans(self) -> list[tuple[int, int]]:
        """Each added entry's lines (1-based, inclusive) in the final text."""
        spans: list[tuple[int, int]] = []
        for added in self.added:
            for at, shift in added.moves:
                spans = [
                    (start + shift, end + shift) if start >= at else (start, end)
                    for start, end in spans
                ]
            spans.append((added.line, added.line + added.lines - 1))
        return spans


def add_papers(
    text: str,
    papers: Sequence[Metadata],
    settings: Settings,
    name: str,
    section: str | None = None,
    configured: str | None = None,
) -> Additions:
    """``text`` with each of ``papers`` added in turn; one already in the list (or added
    just before) is refused, the others still added."""
    result = Additions(text)
    for paper in papers:
        try:
            added = add_paper(result.text, paper, settings, name, section, configured)
        except AlreadyListed as refused:
            result.refused.append(str(refused))
            continue
        result.text = added.text
        result.added.append(added)
    return result
