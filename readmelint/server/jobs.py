"""What the server's worker processes do: check and fix a document's text with its
config, through the same library functions as the command line, and say the result
in the client's positions.

Results are plain tuples and strings, cheap to send back to the server.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar

from readmelint.config import Config
from readmelint.diagnostics import Diagnostic, Region
from readmelint.errors import ReadmelintError
from readmelint.model import Document, Entry
from readmelint.parse import parse
from readmelint.rules.registry import BY_CODE
from readmelint.runner import attempt, check_source, fix_source
from readmelint.server.memory import Memory, Watch, Where
from readmelint.server.text import Text
from readmelint.source import BOM, Lines, Source, decode

T = TypeVar("T")
# Problems sent for one document, at most: editors slow to a crawl long before a list
# of 100,000 entries' 600,000 problems are drawn; the rest are counted in one more.
MOST_PROBLEMS = 5000


class Problem(NamedTuple):
    """A diagnostic in the client's positions (0-based, in its code units)."""

    line: int
    character: int
    end_line: int
    end_character: int
    message: str
    code: str | None = None
    warning: bool = False
    fixable: bool = False
    origin: int = 0  # the 1-based line readmelint reports it at


class Edit(NamedTuple):
    line: int
    character: int
    end_line: int
    end_character: int
    text: str


@dataclass(frozen=True)
class Checked:
    """A check's result: the problems, the files to watch, and a broken config's message."""

    problems: list[Problem]
    watch: Watch = field(default_factory=Watch)
    config_error: str | None = None


@dataclass(frozen=True)
class Fixing:
    """fix's result as edits (none: nothing to change), or why it refused."""

    edits: tuple[Edit, ...] = ()
    refused: str | None = None


class QuickFix(NamedTuple):
    title: str
    origins: tuple[tuple[str, int], ...]  # the (code, line) of each problem it repairs
    edit: Edit


def _source(text: str, name: str) -> Source:
    """The client's text read as the command line reads a file's bytes (BOM, NUL bytes
    and text that is not UTF-8, which reaches the server as lone surrogates)."""
    return decode(text.encode("utf-8", "surrogatepass"), name)


def _position(client: Text, line: int, column: int, bom: bool, encoding: str) -> tuple[int, int]:
    """The client position of readmelint's ``line`` and ``column`` (1-based code points
    of the text without its BOM)."""
    shift = 1 if bom and line == 1 else 0
    return client.position(line - 1, column - 1 + shift, encoding)


_AT_LINE = re.compile(r":(\d+): ")
_UNREADABLE = re.compile("[\x00\ud800-\udfff]")


def _error_problem(message: str, name: str, client: Text, encoding: str) -> Problem:
    """One of readmelint's one-line errors as a problem: at the line it names, at the
    first character the command line refused (a NUL, a byte that is not UTF-8), or at
    the top of the file."""
    line, character = 0, 0
    message = message.removeprefix(f"{name}:")
    if at := _AT_LINE.match(":" + message):
        line = int(at.group(1)) - 1
        message = message[at.end() - 1 :]
    elif (bad := _UNREADABLE.search(client.text)) is not None:
        line, column = client.locate(bad.start())
        line, character = client.position(line, column, encoding)
    message = message.strip()
    return Problem(line, character, line, character, message, origin=line + 1)


def _problems(
    diagnostics: Sequence[Diagnostic], client: Text, bom: bool, encoding: str
) -> list[Problem]:
    found = []
    for diagnostic in diagnostics:
        line, character = _position(client, diagnostic.line, diagnostic.column, bom, encoding)
        end = client.position(line, len(client.line(line)), encoding)[1]
        found.append(
            Problem(
                line,
                character,
                line,
                max(end, character),
                diagnostic.message,
                diagnostic.code,
                diagnostic.severity.value == "warning",
                diagnostic.fixable,
                diagnostic.line,
            )
        )
    return found


def check(memory: Memory, client: Text, where: Where, encoding: str) -> Checked:
    """The problems ``readmelint check`` reports in the client's text, in its positions."""
    config, watch = memory.configs.of(where)
    text = client.text
    if isinstance(config, ReadmelintError):
        return Checked([Problem(0, 0, 0, 0, str(config))], watch, str(config))
    name = where.name
    outcome = attempt(name, lambda: check_source(_source(text, name), config, name, memory.blocks))
    if outcome.value is None:
        return Checked([_error_problem(outcome.error or "", where.name, client, encoding)], watch)
    diagnostics = outcome.value
    problems = _problems(diagnostics[:MOST_PROBLEMS], client, text.startswith(BOM), encoding)
    if len(diagnostics) > MOST_PROBLEMS:
        line, character = _position(
            client, diagnostics[MOST_PROBLEMS].line, 1, text.startswith(BOM), encoding
        )
        more = len(diagnostics) - MOST_PROBLEMS
        message = f"{more} more problems from here on: run `readmelint check` to see them all"
        problems.append(Problem(line, character, line, character, message, warning=True))
    return Checked(problems, watch)


def _fixed(
    memory: Memory, text: str, where: Where, work: Callable[[Source, Config, str], T]
) -> T | str:
    """``work`` on the document's source and config, or the one-line error that stops it."""
    config, _ = memory.configs.of(where)
    if isinstance(config, ReadmelintError):
        return str(config)
    outcome = attempt(where.name, lambda: work(_source(text, where.name), config, where.name))
    if outcome.value is None:
        return outcome.error or "nothing was changed"
    return outcome.value


def _edit(
    client: Text, bom: bool, start: int, end: int, new: str, lines: int, encoding: str
) -> Edit:
    """Lines ``start`` to ``end`` (0-based, end excluded, of ``lines`` lines of the text
    without its BOM) replaced by ``new``, in the client's positions."""
    first = _position(client, start + 1, 1, bom, encoding)
    last = client.end(encoding) if end >= lines else _position(client, end + 1, 1, bom, encoding)
    return Edit(*first, *last, new)


def fix(memory: Memory, client: Text, where: Where, encoding: str) -> Fixing:
    """``readmelint fix``'s result as one edit, from the first line it changes to the
    last; no edit when nothing changes; why it refused, when it did."""
    text = client.text
    result = _fixed(memory, text, where, fix_source)
    if isinstance(result, str):
        return Fixing(refused=result)
    if not result.changed:
        return Fixing()
    old, new = Lines(result.original.text), Lines(result.fixed.text)
    regions = result.regions or (Region(0, len(old), 0, len(new)),)
    first, last = regions[0], regions[-1]
    replacement = new.joined(first.new_start, last.new_end)
    edit = _edit(
        client,
        text.startswith(BOM),
        first.old_start,
        last.old_end,
        replacement,
        len(old),
        encoding,
    )
    return Fixing((edit,))


def quick_fixes(
    memory: Memory,
    client: Text,
    where: Where,
    encoding: str,
    wanted: Sequence[tuple[str, int]],
) -> list[QuickFix] | str:
    """For each wanted problem (its code and line), the smallest part of fix's result
    that repairs it: the entry it is in, or else the block fix rewrites around it
    (a run of entries, a table, the contents). A part is offered only when proven: fix
    of the text with it applied is fix's result, and the problem is gone from where it
    was. Or the one-line error that stopped fix."""

    def work(source: Source, config: Config, name: str) -> list[QuickFix]:
        return _quick_fixes(source, config, name, client, encoding, wanted)

    return _fixed(memory, client.text, where, work)


def _quick_fixes(
    source: Source,
    config: Config,
    name: str,
    client: Text,
    encoding: str,
    wanted: Sequence[tuple[str, int]],
) -> list[QuickFix]:
    result = fix_source(source, config, name)
    if not result.changed:
        return []
    settings = config.settings
    old, new = Lines(source.text), Lines(result.fixed.text)
    before, after = parse(source.text, settings), parse(result.fixed.text, settings)
    fixable = sum(d.fixable for d in check_source(source, config, name))
    proven: dict[tuple[int, int, str], bool] = {}
    found: dict[tuple[int, int, str], tuple[str, list[tuple[str, int]]]] = {}

    def proves(start: int, end: int, replacement: str, code: str) -> bool:
        key = (start, end, replacement)
        if key in proven:
            return proven[key]
        proven[key] = False
        text = old.joined(0, start) + replacement + old.joined(end, len(old))
        candidate = Source(text, source.bom)
        try:
            again = fix_source(candidate, config, name)
            problems = check_source(candidate, config, name)
        except ReadmelintError:
            return False
        span = range(start + 1, start + len(Lines(replacement)) + 1)
        proven[key] = (
            again.fixed.text == result.fixed.text
            and sum(d.fixable for d in problems) < fixable
            and not any(d.code == code and d.line in span for d in problems)
        )
        return proven[key]

    for code, line in wanted:
        for start, end, replacement, what in _parts(line, before, after, old, new, result.regions):
            if proves(start, end, replacement, code):
                title = found.setdefault((start, end, replacement), (what, []))
                title[1].append((code, line))
                break
    fixes = []
    bom = source.bom
    for (start, end, replacement), (what, origins) in found.items():
        codes = ", ".join(dict.fromkeys(f"{code} {_name(code)}" for code, _ in origins))
        edit = _edit(client, bom, start, end, replacement, len(old), encoding)
        fixes.append(QuickFix(f"Fix {what} ({codes})", tuple(origins), edit))
    return fixes


def _name(code: str) -> str:
    rule = BY_CODE.get(code)
    return rule.name if rule else ""


def _parts(
    line: int,
    before: Document,
    after: Document,
    old: Lines,
    new: Lines,
    regions: tuple[Region, ...] | None,
) -> list[tuple[int, int, str, str]]:
    """The candidate parts of fix's result for a problem at ``line``, smallest first:
    (first line, end line (0-based, excluded) of the text, their replacement, a name)."""
    parts = []
    entry = next((e for e in before.entries if line in e.span), None)
    partner = _partner(entry, before, after) if entry is not None else None
    if entry is not None and partner is not None:
        start, end = entry.span.start - 1, entry.span.end
        replacement = new.joined(partner.span.start - 1, partner.span.end)
        ending = old[end - 1][len(old[end - 1].rstrip("\r\n")) :]
        replacement = replacement.rstrip("\r\n") + ending
        parts.append((start, end, replacement, "this entry"))
    for region in regions or ():
        if region.old_start < line <= max(region.old_end, region.old_start + 1):
            replacement = new.joined(region.new_start, region.new_end)
            what = f"lines {region.old_start + 1}-{max(region.old_end, region.old_start + 1)}"
            parts.append((region.old_start, region.old_end, replacement, what))
    return parts


def _identity(entry: Entry) -> tuple[object, ...]:
    """What an entry holds whatever fix does to it: its heading, fields and values."""
    fields = sorted((f.key or "", f.value) for f in entry.fields)
    return (entry.form, entry.heading.strip(), tuple(fields))


def _partner(entry: Entry, before: Document, after: Document) -> Entry | None:
    """The entry of fix's output that ``entry`` became (the n-th of its kind is the n-th:
    fix sorts stably)."""
    identity = _identity(entry)
    earlier = before.entries[: before.entries.index(entry)]
    nth = sum(1 for other in earlier if _identity(other) == identity)
    matches = [other for other in after.entries if _identity(other) == identity]
    return matches[nth] if nth < len(matches) else None
