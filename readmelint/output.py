"""What fix writes: the input's lines, with each run of entries replaced by its new lines.

Every line outside the runs is copied as it was, terminator included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from readmelint.model import Region
from readmelint.source import Lines, newline_of, strip_newline


@dataclass(frozen=True)
class Output:
    """What fix writes: the input's lines, each run's entries rendered in their new order.

    It holds no :class:`Document`, so that fix can let the input's parse go before it
    joins the output (a long list's parse takes more memory than its text).
    """

    lines: Lines
    # Each run's first and last line (1-based), and its entries' heading lines in order.
    runs: tuple[tuple[int, int, tuple[int, ...]], ...]
    rendered: dict[int, Sequence[str | int]]  # entry heading line -> its lines (as Plan's)

    def entry_lines(self, heading_line: int) -> list[str]:
        """The lines (no terminators) fix writes for the entry with this heading line."""
        return resolved(self.lines, self.rendered[heading_line])

    def text(self) -> str:
        # One join over lines and terminators: a string per run, joined at the end,
        # would be one more copy of the file in memory.
        return "".join(self._pieces())

    def regions(self) -> tuple[Region, ...]:
        """Where :meth:`text` differs from the input: the runs whose lines change."""
        found: list[Region] = []
        shift = 0  # output line minus input line, for lines outside the runs
        for run in self.runs:
            start, end, ordered = run
            length = sum(len(self.rendered[line]) + 1 for line in ordered) - 1
            new_start = start - 1 + shift
            same = length == end - start + 1 and all(
                line + newline == self.lines[index]
                for index, (line, newline) in enumerate(self._run_lines(run), start - 1)
            )
            if not same:
                found.append(Region(start - 1, end, new_start, new_start + length))
            shift = new_start + length - end
        return tuple(found)

    def _pieces(self) -> Iterator[str]:
        position = 1
        for run in self.runs:
            yield self.lines.joined(position - 1, run[0] - 1)
            for line, newline in self._run_lines(run):
                yield line
                yield newline
            position = run[1] + 1
        yield self.lines.joined(position - 1, len(self.lines))

    def _run_lines(self, run: tuple[int, int, tuple[int, ...]]) -> Iterator[tuple[str, str]]:
        """A run's lines and their terminators: its entries, one blank line apart."""
        start, end, ordered = run
        lines = self.lines
        newline = newline_of(lines[start - 1]) or dominant_newline(lines)
        body: list[str] = []
        for index, heading_line in enumerate(ordered):
            if index:
                body.append("")
            body.extend(self.entry_lines(heading_line))
        for line in body[:-1]:
            yield line, newline
        yield body[-1], newline_of(lines[end - 1])


def compact(lines: list[str], original: list[str], first: int) -> Sequence[str | int]:
    """``lines``, each that is one of the entry's ``original`` lines as that line's index.

    ``first``: the index (0-based) of the entry's first line; an entry left as it
    was is the range of its lines. Most lines of a rewritten entry are only moved
    or kept: held as strings, they were one more copy of a long list's text.
    """
    if lines == original:
        return range(first, first + len(original))
    where = {line: first + index for index, line in enumerate(original)}
    return [where.get(line, line) for line in lines]


def resolved(lines: Lines, items: Sequence[str | int]) -> list[str]:
    """Lines held by :func:`compact`, as strings again."""
    return [item if isinstance(item, str) else strip_newline(lines[item]) for item in items]


def dominant_newline(lines: Sequence[str]) -> str:
    counts = Counter(newline_of(line) for line in lines[:1000])
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else "\n"
