"""Headed entries: headings at one level, each right over a block of labelled fields."""

from __future__ import annotations

from collections import Counter, defaultdict

from readmelint.infer.model import Found, Guess
from readmelint.infer.walk import HeadingBlock, Walk
from readmelint.labels import normalise
from readmelint.layouts.headings.find import BOLD_LEVEL

# A plain label (`Date:`) is a field only where most entries write it; a bold one always.
PLAIN_SHARE = 0.5


def guess(walk: Walk) -> Guess | None:
    """The headings layout's reading: the levels whose headings over labelled fields are
    mostly papers (at least two), with the labels they use."""
    by_level: dict[int, list[HeadingBlock]] = defaultdict(list)
    for heading in walk.headings:
        if heading.fields is not None:
            by_level[heading.level].append(heading)
    levels = sorted(
        level
        for level, headings in by_level.items()
        if len(headings) >= 2 and _mostly_papers(headings)
    )
    if not levels:
        return None
    entries = [h for h in walk.headings if h.level in levels and h.fields is not None]
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    plain: Counter[str] = Counter()
    places: dict[str, list[float]] = defaultdict(list)
    for heading in entries:
        assert heading.fields is not None
        labelled = [f for f in heading.fields if f.label is not None]
        for place, line in enumerate(labelled):
            assert line.label is not None
            key = normalise(line.label.text)
            spelling[key][line.label.text] += 1
            places[key].append(place / max(1, len(labelled) - 1))
            if not line.label.style.bold:
                plain[key] += 1
    keys = [
        key
        for key in spelling
        if plain[key] < sum(spelling[key].values()) or plain[key] >= PLAIN_SHARE * len(entries)
    ]
    # The list's own order: where each label stands in its entries, on the average.
    keys.sort(key=lambda key: sum(places[key]) / len(places[key]))
    titles = {key: spelling[key].most_common(1)[0][0] for key in keys}
    found = []
    section = 0
    for heading in walk.headings:
        is_entry = heading.level in levels and heading.fields is not None
        if not is_entry:
            section += 1
        elif heading.fields is not None:
            fields: dict[str, str] = {}
            for line in heading.fields:
                if line.label is None:
                    continue
                key = normalise(line.label.text)
                if key in titles:
                    fields.setdefault(key, line.value)
            found.append(Found(heading.line, section, fields, heading.text))
    counts = Counter(h.level for h in entries)
    said = ", ".join(
        f"{counts[level]} at level {level}" if level != BOLD_LEVEL else f"{counts[level]} bold"
        for level in levels
    )
    notes = {
        "entry-levels": [
            f"headings over a block of labelled fields: {said}",
            *(
                f"{len(by_level[level])} at level {level} are not used: too few look like papers"
                for level in sorted(by_level)
                if level not in levels
            ),
        ]
    }
    missed = [h.line for h in walk.headings if h.paper and h.fields is None and h.level in levels]
    # A bold title is read at any setting: the levels are the headings'.
    config_levels = [level for level in levels if level != BOLD_LEVEL]
    return Guess(
        "headings",
        {"entry-levels": config_levels} if config_levels else {},
        found,
        titles,
        notes,
        missed,
        _where(levels),
    )


def _where(levels: list[int]) -> str:
    headed = [str(level) for level in levels if level != BOLD_LEVEL]
    said = f"headed entries at level {', '.join(headed)}" if headed else ""
    if BOLD_LEVEL in levels:
        said += (" and " if said else "") + "entries under a bold title"
    return said


def _mostly_papers(headings: list[HeadingBlock]) -> bool:
    """Whether most headings (of an even sample, at most 60) look like papers."""
    step = max(1, len(headings) // 60)
    sample = headings[::step]
    return 2 * sum(h.paper for h in sample) >= len(sample)


def spans(walk: Walk, levels: list[int]) -> list[tuple[int, int]]:
    """The lines each headed entry covers (its heading to the next heading that ends it)."""
    out = []
    headings = walk.headings
    for position, heading in enumerate(headings):
        if heading.level not in levels or heading.fields is None:
            continue
        end = len(walk.lines)
        for later in headings[position + 1 :]:
            ends = later.level <= heading.level or heading.level == BOLD_LEVEL
            if ends or (later.level in levels and later.fields):
                end = later.line - 1
                break
        out.append((heading.line, end))
    return out
