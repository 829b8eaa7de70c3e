"""Unified diffs that stay fast on long, reordered files.

``difflib.unified_diff`` matches with ``SequenceMatcher``, whose time grows
with the product of the lengths of the regions it compares: sorting the
entries of a 10,000-entry list made ``fix --diff`` take minutes. Here lines
that occur exactly once in each side (headings, abstracts) anchor the match
first, in order (patience diff); ``SequenceMatcher`` only compares the short
stretches between anchors, and a stretch too long to compare is shown as
replaced. Told which regions changed (fix knows: the runs of entries it
rewrote), only those are compared, each on its own. The output is an ordinary
unified diff.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterator, Sequence
from difflib import Match, SequenceMatcher

from readmelint.diagnostics import Region

# Above this many line pairs a stretch between anchors is not searched for
# common lines (SequenceMatcher would take seconds); it shows as replaced.
_MAX_STRETCH = 4_000_000


def unified_diff(
    a: Sequence[str],
    b: Sequence[str],
    fromfile: str,
    tofile: str,
    context: int = 3,
    regions: Sequence[Region] | None = None,
) -> Iterator[str]:
    """Like ``difflib.unified_diff(a, b, fromfile, tofile, n=context)``; lines keep their ends.

    ``regions``: where ``a`` and ``b`` may differ, in order; every other line is
    the same in both (None: anywhere).
    """
    if regions is None:
        regions = [Region(0, len(a), 0, len(b))]
    matcher = _AnchoredMatcher(a, b, _merged(regions))
    started = False
    for group in matcher.get_grouped_opcodes(context):
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from _lines(" ", a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from _lines("-", a[i1:i2])
            if tag in ("replace", "insert"):
                yield from _lines("+", b[j1:j2])


def _merged(regions: Sequence[Region]) -> list[Region]:
    """Regions that touch made one: what one deletes the next may insert again."""
    merged: list[Region] = []
    for region in regions:
        if merged and merged[-1].old_end >= region.old_start:
            last = merged.pop()
            region = Region(last.old_start, region.old_end, last.new_start, region.new_end)
        merged.append(region)
    return merged


def _lines(prefix: str, lines: Sequence[str]) -> Iterator[str]:
    for line in lines:
        if line.endswith(("\n", "\r")):
            yield prefix + line
        else:
            # A last line without a newline: without this marker (which
            # difflib does not write) the patch is malformed.
            yield prefix + line + "\n\\ No newline at end of file\n"


def _range(start: int, stop: int) -> str:
    """A hunk range as difflib writes it."""
    beginning = start + 1
    length = stop - start
    if length == 1:
        return str(beginning)
    if not length:
        beginning -= 1
    return f"{beginning},{length}"


class _AnchoredMatcher(SequenceMatcher[str]):
    """A SequenceMatcher whose matching blocks come from :func:`_matching_blocks`."""

    def __init__(self, a: Sequence[str], b: Sequence[str], regions: Sequence[Region]) -> None:
        self._blocks = _matching_blocks(a, b, regions)
        super().__init__(None, a, b, autojunk=False)

    def set_seq2(self, b: Sequence[str]) -> None:
        # SequenceMatcher indexes every line of b here, only to find the
        # matching blocks this class already has.
        self.b = b

    def get_matching_blocks(self) -> list[Match]:
        return self._blocks


def _matching_blocks(a: Sequence[str], b: Sequence[str], regions: Sequence[Region]) -> list[Match]:
    blocks: list[tuple[int, int, int]] = []
    i = j = 0  # where the lines that are the same in both go on
    for region in regions:
        blocks.append((i, j, region.old_start - i))
        region_a, region_b = (
            a[region.old_start : region.old_end],
            b[region.new_start : region.new_end],
        )
        blocks.extend(
            (region.old_start + x, region.new_start + y, n)
            for x, y, n in _region_blocks(region_a, region_b)
        )
        i, j = region.old_end, region.new_end
    blocks.append((i, j, len(a) - i))
    merged: list[Match] = []
    for x, y, n in blocks:
        if not n:
            continue
        if merged and merged[-1].a + merged[-1].size == x and merged[-1].b + merged[-1].size == y:
            merged[-1] = Match(merged[-1].a, merged[-1].b, merged[-1].size + n)
        else:
            merged.append(Match(x, y, n))
    merged.append(Match(len(a), len(b), 0))
    return merged


def _region_blocks(a: Sequence[str], b: Sequence[str]) -> Iterator[tuple[int, int, int]]:
    """The matching blocks of ``a`` and ``b``, some maybe empty."""
    i = j = 0
    for anchor_i, anchor_j in [*_anchors(a, b), (len(a), len(b))]:
        if anchor_i > i and anchor_j > j and (anchor_i - i) * (anchor_j - j) <= _MAX_STRETCH:
            stretch = SequenceMatcher(None, a[i:anchor_i], b[j:anchor_j], autojunk=False)
            yield from ((i + x, j + y, n) for x, y, n in stretch.get_matching_blocks())
        if anchor_i < len(a):
            yield anchor_i, anchor_j, 1
        i, j = anchor_i + 1, anchor_j + 1


def _anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Lines unique in both sides, as the longest run in the same order (patience sorting)."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {line: j for j, line in enumerate(b) if count_b[line] == 1}
    pairs = [
        (i, where_b[line])
        for i, line in enumerate(a)
        if count_a[line] == 1 and line in where_b and line.strip()
    ]
    # Longest increasing subsequence of the b positions, O(n log n).
    tails: list[int] = []  # tails[k]: smallest b position ending an increasing run of k + 1
    tail_index: list[int] = []  # index in pairs of that tail
    previous: list[int] = [-1] * len(pairs)
    for index, (_, position) in enumerate(pairs):
        k = bisect.bisect_left(tails, position)
        if k == len(tails):
            tails.append(position)
            tail_index.append(index)
        else:
            tails[k] = position
            tail_index[k] = index
        previous[index] = tail_index[k - 1] if k else -1
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    chain.reverse()
    return chain
