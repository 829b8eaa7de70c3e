"""Adding one paper to a list's text: refused if it is there already, else written in
the list's form at its place, and checked as fix's output is before anyone writes it.

The check: every entry of the old text is still there with the same content (the
safety check's fingerprints: an ordered list's numbers aside), the sections and link
definitions are the same, and the new entry parses back to the fields it was written
from. Otherwise :class:`~readmelint.errors.SafetyError`, and nothing is written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from readmelint import toc as contents
from readmelint.add.fields import new_entry
from readmelint.add.metadata import Metadata
from readmelint.add.place import Run, choose, position, runs
from readmelint.canonical.order import own_order
from readmelint.errors import EXIT_PROBLEMS, InputError, ReadmelintError, SafetyError
from readmelint.layouts.adding import CannotWrite, Insertion, NewEntry
from readmelint.layouts.registry import LAYOUTS
from readmelint.markdown import plain_text
from readmelint.model import Document, Entry
from readmelint.output import Output, dominant_newline
from readmelint.papers import identifier, normal_title, normal_url, paper_of
from readmelint.parse import parse
from readmelint.settings import Settings
from readmelint.source import Lines, newline_of, strip_newline
from readmelint.verify import fingerprints


class AlreadyListed(ReadmelintError):
    """The paper is in the list already (exit 1): nothing is added."""

    exit_code = EXIT_PROBLEMS


@dataclass(frozen=True)
class Added:
    """The text with the paper added, where it went, and what was written."""

    text: str
    line: int  # the new entry's first line (1-based)
    lines: int  # how many lines it takes
    # How the old text's lines moved, in turn: from line ``at`` (1-based) on, by ``shift``
    # (the entry's lines; then those the table of contents gained).
    moves: tuple[tuple[int, int], ...]
    run: Run
    entry: NewEntry


def add_paper(
    text: str,
    metadata: Metadata,
    settings: Settings,
    name: str,
    section: str | None = None,
    configured: str | None = None,
) -> Added:
    """``text`` with ``metadata``'s paper added (see the module's documentation).

    ``section``: the heading path the user named; ``configured``: the config's.
    Raises :class:`AlreadyListed`, :class:`~readmelint.add.place.PlacementError`,
    :class:`InputError` (no layout can write it there) or :class:`SafetyError`.
    """
    document = parse(text, settings)
    all_runs = runs(document, settings)
    if settings.duplicates == "file":
        _refuse_duplicate(metadata, document.entries, settings, name)
    run = choose(all_runs, section, configured, name)
    if settings.duplicates == "section":
        _refuse_duplicate(metadata, run.entries, settings, name)
    new = _without_group_dates(new_entry(metadata, settings.schema, document), run)
    # The new entry goes where the list's own order puts it (oldest first, or last).
    before, neighbour = position(run, new.fields, own_order(document, settings))
    layout = LAYOUTS[run.layout]
    try:
        insertion = layout.add(document, settings, new, before, None if before else neighbour)
    except CannotWrite as error:
        raise InputError(f"{name}: cannot add {metadata.source} to {run.name!r}: {error}") from None
    added = splice(document.lines, insertion)
    line = insertion.start + insertion.first + 1
    parsed = parse(added, settings)
    moves = [(insertion.start + 1, len(insertion.lines) - (insertion.end - insertion.start))]
    if contents.plan(parsed).changed and not contents.plan(document).changed:
        # A table of contents that listed every heading goes on listing them.
        plan = contents.plan(parsed)
        block = next(plan.blocks())
        added = Output(parsed.lines, (block,)).text()
        grown = block.length() - (block.end - block.start + 1)
        moves.append((block.end + 1, grown))
        if block.end < line:
            line += grown
        parsed = parse(added, settings)
    verify(document, parsed, line, run, new)
    if settings.duplicates:
        old = document.entries if settings.duplicates == "file" else run.entries
        _refuse_rendered_duplicate(metadata, parsed, line, old, settings, name)
    return Added(added, line, insertion.length, tuple(moves), run, new)


def _without_group_dates(new: NewEntry, run: Run) -> NewEntry:
    """``new`` without the fields its run's entries take from the heading above them and
    never write (a digest's date: ``date-from-heading``): it takes them as they do."""
    given = {field.key for entry in run.entries for field in entry.shared}
    given -= {field.key for entry in run.entries for field in (*entry.lead, *entry.fields)}
    if not given:
        return new
    fields = {key: value for key, value in new.fields.items() if key not in given}
    return replace(new, fields=fields, optional=new.optional - given)


def identity(metadata: Metadata) -> set[str]:
    """What identifies the paper as the duplicate rule (RL301) sees it."""
    found = {identifier(url) or normal_url(url) for url in (metadata.url,) if url}
    if metadata.arxiv:
        found.add(f"arxiv:{metadata.arxiv.lower()}")
    if metadata.doi:
        found.add(f"doi:{metadata.doi.lower()}")
    return found


def _refuse_duplicate(
    metadata: Metadata, entries: tuple[Entry, ...], settings: Settings, name: str
) -> None:
    ids = identity(metadata)
    title = normal_title(metadata.title)
    for entry in entries:
        paper = paper_of(entry, settings.schema)
        shared = [found for found in paper.identifiers if found in ids]
        if shared or (title and paper.title == title):
            what = _described(shared[0]) if shared else "the same title"
            raise AlreadyListed(
                f"{name}:{entry.line}: {metadata.source} ({metadata.title!r}) is in "
                f"the list already ({what}); nothing was added"
            )


def _refuse_rendered_duplicate(
    metadata: Metadata,
    parsed: Document,
    line: int,
    old: tuple[Entry, ...],
    settings: Settings,
    name: str,
) -> None:
    """The new entry as the duplicate rule reads it (its title may be its heading, a
    short name) against the entries ``old`` of the list as it was."""
    schema = settings.schema
    paper = paper_of(next(entry for entry in parsed.entries if entry.line == line), schema)
    for entry in old:
        other = paper_of(entry, schema)
        shared = [found for found in paper.identifiers if found in other.identifiers]
        if shared or (paper.title and paper.title == other.title):
            what = _described(shared[0]) if shared else f"the same title, {paper.title!r}"
            raise AlreadyListed(
                f"{name}:{entry.line}: {metadata.source} ({metadata.title!r}) is in the list "
                f"already ({what}); nothing was added"
            )


def _described(found: str) -> str:
    kind, _, value = found.partition(":")
    return {"arxiv": f"arXiv {value}", "doi": f"DOI {value}"}.get(kind, f"link {value}")


def splice(lines: Lines, insertion: Insertion) -> str:
    """``lines`` with ``insertion`` made, new lines ending as the file's lines do."""
    newline = dominant_newline(lines)
    before = list(lines[: insertion.start])
    after = list(lines[insertion.end :])
    new = [line + newline for line in insertion.lines]
    if not after and before and not newline_of(before[-1]):
        # Added at the end of a file without a final newline: it still has none.
        before[-1] += newline
        new[-1] = strip_newline(new[-1])
    return "".join([*before, *new, *after])


def verify(before: Document, after: Document, line: int, run: Run, new: NewEntry) -> None:
    """Raise :class:`SafetyError` unless ``after`` is ``before`` with ``new`` added at
    ``line`` (see the module's documentation)."""
    if _sections(before) != _sections(after):
        _refuse("the document's section headings would change")
    if before.references != after.references:
        _refuse("a reference-style link would point elsewhere")
    old = Counter(digest for _, _, digest in fingerprints(before))
    kept = Counter(digest for _, _, digest in fingerprints(after))
    lost = old - kept
    if lost:
        _refuse("an entry of the list would change")
    if sum(kept.values()) != sum(old.values()) + 1:
        _refuse("the list would not have exactly one more entry")
    entry = next((e for e in after.entries if e.line == line), None)
    if entry is None or entry.form.layout != run.layout:
        _refuse(f"no {run.layout} entry would start at line {line}")
    assert entry is not None
    written = dict(new.fields)
    read = {field.key: field.value for field in entry.fields}
    if len(read) != len(entry.fields) or None in read:
        _refuse("the new entry would read with a field twice or without a label")
    for key, value in written.items():
        if key in read and read[key] != value:
            _refuse(f"its field {key!r} would read back as {read[key]!r}, not {value!r}")
        if key not in read and key not in new.optional and run.layout == "headings":
            _refuse(f"its field {key!r} would be missing")
    extra = sorted(str(key) for key, value in read.items() if key not in written and value)
    if extra:
        _refuse(f"it would hold fields it was not given: {extra}")
    if run.layout == "headings" and plain_text(new.heading) != entry.heading:
        _refuse(f"its heading would read {entry.heading!r}")


def _sections(document: Document) -> list[tuple[str, int]]:
    return [(section.title, section.level) for section in document.sections]


def _refuse(why: str) -> None:
    raise SafetyError(
        f"internal error: adding the paper failed its safety check ({why}); nothing was "
        "written. Please report this with the file."
    )
