"""What fix writes: the input's lines, with each block of entries replaced by its new lines.

A block is what a layout rewrites as a whole: a run of headed entries, an entry
table. Every line outside the blocks is copied as it was, terminator included.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from readmelint.diagnostics import Region
from readmelint.source import Lines, newline_of, strip_newline


@dataclass(frozen=True, slots=True)
class Block:
    """Lines ``start`` to ``end`` (1-based, inclusive) of the input, and what replaces them.

    ``parts`` are joined one blank line apart (a run of entries: one part each; a
    table: one part). Each part's lines have no terminators; an int stands for that
    input line (0-based index), as :func:`compact` makes them.
    """

    start: int
    end: int
    parts: tuple[Sequence[str | int], ...]
    # Per blank line between two parts: the input line (0-based) whose terminator it
    # keeps (the blank lines between parts stay where they were as the parts move), or
    # None for a new one.
    gaps: tuple[int | None, ...] = ()

    def length(self) -> int:
        return sum(len(part) + 1 for part in self.parts) - 1


@dataclass(frozen=True)
class Output:
    """What fix writes: the input's lines, with each block replaced by its new lines.

    It holds no :class:`Document`, so that fix can let the input's parse go before it
    joins the output (a long list's parse takes more memory than its text).
    """

    lines: Lines
    blocks: tuple[Block, ...]  # in the order of their lines, none overlapping

    def text(self) -> str:
        # One join over lines and terminators: a string per block, joined at the end,
        # would be one more copy of the file in memory.
        return "".join(self._pieces())

    def regions(self) -> tuple[Region, ...]:
        """Where :meth:`text` differs from the input: the blocks whose lines change."""
        found: list[Region] = []
        shift = 0  # output line minus input line, for lines outside the blocks
        for block in self.blocks:
            length = block.length()
            new_start = block.start - 1 + shift
            same = length == block.end - block.start + 1 and all(
                line + newline == self.lines[index]
                for index, (line, newline) in enumerate(self._block_lines(block), block.start - 1)
            )
            if not same:
                found.append(Region(block.start - 1, block.end, new_start, new_start + length))
            shift = new_start + length - block.end
        return tuple(found)

    def _pieces(self) -> Iterator[str]:
        position = 1
        for block in self.blocks:
            yield self.lines.joined(position - 1, block.start - 1)
            for line, newline in self._block_lines(block):
                yield line
                yield newline
            position = block.end + 1
        yield self.lines.joined(position - 1, len(self.lines))

    def _block_lines(self, block: Block) -> Iterator[tuple[str, str]]:
        """A block's lines and their terminators: a kept or moved input line its own (a
        file that mixes newlines keeps them), and so does a blank line between parts
        (see ``gaps``); a new line the line's before it, and none after the last line
        where the block ended the file without one.

        A lone CR never comes right before an empty line's LF: read as one CR LF, they
        would take the blank line away."""
        lines = self.lines
        newline = newline_of(lines[block.start - 1]) or dominant_newline(lines)
        body: list[tuple[str, str]] = []
        for index, part in enumerate(block.parts):
            if index:
                gap = block.gaps[index - 1] if index <= len(block.gaps) else None
                own = (newline_of(lines[gap]) if gap is not None else "") or newline
                if own == "\n" and newline == "\r":
                    own = "\r"
                newline = own
                body.append(("", own))
            for item in part:
                if isinstance(item, str):
                    body.append((item, newline))
                    continue
                line = lines[item]
                text, own = strip_newline(line), newline_of(line) or newline
                if not text and own == "\n" and newline == "\r":
                    own = "\r"
                newline = own
                body.append((text, own))
        yield from body[:-1]
        last, newline = body[-1]
        after = lines[block.end] if block.end < len(lines) else ""
        if not newline_of(lines[block.end - 1]):
            newline = ""
        elif newline == "\r" and after.startswith("\n"):
            newline = newline_of(lines[block.end - 1])
        yield last, newline


def compact(lines: list[str], original: list[str], first: int) -> Sequence[str | int]:
    """``lines``, each that is one of the entry's ``original`` lines as that line's index.

    ``first``: the index (0-based) of the entry's first line; an entry left as it
    was is the range of its lines. Most lines of a rewritten entry are only moved
    or kept: held as strings, they were one more copy of a long list's text.
    """
    if lines == original:
        return range(first, first + len(original))
    # Of lines alike (blank ones most often), each stands for the one that followed the
    # same line before it, else the first not taken: each keeps its own terminator as
    # what it belongs to moves.
    where: dict[str, list[int]] = {}
    for index, line in enumerate(original):
        where.setdefault(line, []).append(index)
    taken: set[int] = set()
    compacted: list[str | int] = []
    for position, line in enumerate(lines):
        indices = where.get(line)
        if indices is None:
            compacted.append(line)
            continue
        chosen = indices[0]
        if len(indices) > 1:
            before = lines[position - 1] if position else None
            free = [i for i in indices if i not in taken] or indices
            chosen = next((i for i in free if i and original[i - 1] == before), free[0])
            taken.add(chosen)
        compacted.append(first + chosen)
    return compacted


def resolved(lines: Lines, items: Sequence[str | int]) -> list[str]:
    """Lines held by :func:`compact`, as strings again."""
    return [item if isinstance(item, str) else strip_newline(lines[item]) for item in items]


def dominant_newline(lines: Sequence[str]) -> str:
    counts = Counter(newline_of(line) for line in lines[:1000])
    counts.pop("", None)
    return counts.most_common(1)[0][0] if counts else "\n"
