"""Lists whose items share a shape: the item patterns that read them (the items layout).

Each item that looks like a paper (a sample of them, spread over the file) gives the
pattern of its shape (:mod:`readmelint.infer.shapes`); items of one shape give one
pattern, so the patterns are counted, and the most common are tried on every item of
every list. Patterns are chosen one at a time, each for the papers it adds, as the
items layout reads lists: a list is an entry list where at least two items, and more
than half, match (nested lists judged together first). An entry that does not look
like a paper counts against a pattern twice: nothing else may be read as a paper.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from readmelint.dates import DateFormats
from readmelint.infer.model import Found, Guess
from readmelint.infer.shapes import SHAPED, Part, derive, pattern_text
from readmelint.infer.walk import Item, ListBlock, Walk
from readmelint.pattern import Pattern, PatternError, Shape, compile_pattern

KEYS = ("title", "paper", "authors", "venue", "year", "date")
TITLES = {"title": "Title", "paper": "Paper", "authors": "Authors", "venue": "Venue"}
TITLES |= {"year": "Year", "date": "Date"}
SAMPLE = 240  # items whose shape is read (spread over the file)
CANDIDATES = 14  # the most common shapes tried on every item
MOST = 6  # patterns at most
SHAPE_OF_A_PAPER = 3  # fields read that make an item a paper without a link to one


@dataclass
class _Candidate:
    text: str
    pattern: Pattern
    sampled: int  # items of the sample with this shape
    # The items (by number) it reads: how many fields, or -1 where the title holds markup.
    matches: dict[int, int]
    values: dict[int, dict[str, str]]  # what it reads of each of them


def guess(walk: Walk, outside: Callable[[int], bool]) -> Guess | None:
    """The items layout's reading of ``walk``'s lists (those ``outside`` other layouts'
    entries), or None where no pattern reads two papers."""
    lists = [found for found in walk.lists if outside(found.line)]
    items = [item for found in lists for item in found.items]
    number = {id(item): index for index, item in enumerate(items)}
    papers = [item for item in items if item.paper and item.source]
    if len(papers) < 2:
        return None
    # Items beside papers may be papers without a link (their shape says so).
    pool = [
        item
        for found in lists
        if sum(item.paper for item in found.items) >= 2
        for item in found.items
        if item.source
    ]
    pool_ids = {id(item) for item in pool}
    pool += [item for item in papers if id(item) not in pool_ids]
    pool.sort(key=lambda item: item.line)
    spellings: dict[str, Counter[str]] = {}
    shapes: Counter[str] = Counter()
    texts: dict[str, str] = {}
    loose: dict[str, str] = {}
    for item in _spread(pool, SAMPLE):
        derived = derive(item.source)
        if derived is None:
            continue
        parts, seen = derived
        text = pattern_text(parts)
        key = text.casefold()
        texts.setdefault(key, text)
        loose.setdefault(key, pattern_text(_loosened(parts)))
        shapes[key] += 1
        for field_key, spelling in seen.items():
            spellings.setdefault(field_key, Counter())[spelling] += 1
    date_formats = {key: [s for s, _ in counts.most_common()] for key, counts in spellings.items()}
    regexes = _shapes(date_formats)
    tried: list[tuple[str, int]] = []
    for key, count in shapes.most_common(CANDIDATES):
        if count < 2 and len(papers) > 10:
            break
        tried.append((texts[key], count))
        # The same shape where a year or date ends it, with nothing or anything after:
        # "Arxiv 2023." and "ICML 2024 Workshop."
        if loose[key] not in (text for text, _ in tried):
            tried.append((loose[key], 0))
    candidates = []
    for text, count in tried:
        try:
            pattern = compile_pattern(text, KEYS, regexes)
        except PatternError:
            continue
        matches: dict[int, int] = {}
        values: dict[int, dict[str, str]] = {}
        start = _leading(text)
        for item in items:
            source = item.source
            if not source or not source.lstrip().casefold().startswith(start):
                continue  # a cheap no: the pattern's first words are not there
            match = pattern.match(source)
            if match is not None:
                read = {key: source[a:b] for key, (a, b) in match.fields.items()}
                clean = "title" in read and clean_title(read["title"])
                matches[number[id(item)]] = len(read) if clean else -1
                values[number[id(item)]] = read
        candidates.append(_Candidate(text, pattern, count, matches, values))
    paper_numbers = {number[id(item)] for item in papers}
    chosen = _choose(candidates, lists, number, paper_numbers)
    if not chosen:
        return None
    return _guess(chosen, lists, number, paper_numbers, date_formats, min(len(pool), SAMPLE))


def _leading(text: str) -> str:
    """The pattern's first word of literal text, casefolded ("" where it starts with a
    placeholder): an item it reads starts with it."""
    literal = text.split("{", 1)[0] if not text.startswith("{{") else ""
    words = literal.split(" ", 1)
    return words[0].casefold() if literal and "}" not in words[0] else ""


def _loosened(parts: tuple[Part, ...]) -> tuple[Part, ...]:
    """``{year}.{...}`` as ``{year}{?{...}}``: what follows a closing year or date varies."""
    if (
        len(parts) >= 3
        and parts[-1].kind == "rest"
        and parts[-2].kind == "lit"
        and parts[-3].kind == "field"
        and parts[-3].text in SHAPED
    ):
        return (*parts[:-2], parts[-1])
    return parts


def _spread(items: Sequence[Item], most: int) -> Iterator[Item]:
    """At most ``most`` of ``items``, evenly spaced (the same ones every run)."""
    if len(items) <= most:
        yield from items
        return
    step = len(items) / most
    for index in range(most):
        yield items[int(index * step)]


def _shapes(date_formats: dict[str, list[str]]) -> dict[str, Shape]:
    formats = {"year": DateFormats.from_keyword("YYYY")}
    for key, spellings in date_formats.items():
        formats[key] = DateFormats.from_keyword(spellings)
    return {
        key: Shape(found.regex(), f"a date written {found.spelling}")
        for key, found in formats.items()
    }


def entry_lists(
    lists: Sequence[ListBlock], read: Callable[[Item], bool]
) -> Iterator[tuple[ListBlock, list[Item]]]:
    """The lists the items layout makes entry lists of, with the items read: at least two
    and more than half of a list's items; a list's nested lists judged together first."""

    def mostly(items: Sequence[Item], at_least: int) -> bool:
        matched = sum(1 for item in items if read(item))
        return matched >= at_least and matched * 2 > len(items)

    def nested(found: ListBlock) -> list[ListBlock]:
        inner = []
        for item in found.items:
            for child in item.children:
                inner.append(child)
                inner.extend(nested(child))
        return inner

    def judge(found: ListBlock) -> Iterator[tuple[ListBlock, list[Item]]]:
        if mostly(found.items, 2):
            yield found, [item for item in found.items if read(item)]
            return
        inner = nested(found)
        together = [item for child in inner for item in child.items]
        if len(inner) >= 2 and mostly(together, 2):
            taken: set[int] = set()
            for child in inner:
                if id(child) in taken:
                    continue
                if mostly(child.items, 1):
                    yield child, [item for item in child.items if read(item)]
                    taken.update(id(deeper) for deeper in nested(child))
            return
        for item in found.items:
            for child in item.children:
                yield from judge(child)

    for found in lists:
        if found.depth == 0:
            yield from judge(found)


def _choose(
    candidates: list[_Candidate],
    lists: Sequence[ListBlock],
    number: dict[int, int],
    papers: set[int],
) -> list[_Candidate]:
    """Patterns one at a time, each at the place in the order where it adds the most."""
    chosen: list[_Candidate] = []
    best_score = 0
    while len(chosen) < MOST:
        pick = None
        for candidate in candidates:
            if candidate in chosen:
                continue
            for place in range(len(chosen) + 1):
                trial = [*chosen[:place], candidate, *chosen[place:]]
                score = _score(trial, lists, number, papers)
                if score > best_score + 10 * max(1, len(papers) // 200):
                    pick, best_score = trial, score
        if pick is None:
            break
        chosen = pick
    return chosen


def _first(chosen: Sequence[_Candidate], item: int) -> int | None:
    """What the first pattern that reads item number ``item`` reads: how many fields, -1
    for a title that holds markup (None: no pattern reads it)."""
    for candidate in chosen:
        read = candidate.matches.get(item)
        if read is not None:
            return read
    return None


def _score(
    chosen: list[_Candidate], lists: Sequence[ListBlock], number: dict[int, int], papers: set[int]
) -> int:
    """Papers read, each worth more for each field read; anything else read costs twice."""
    score = 0
    for _, entries in entry_lists(lists, lambda item: _first(chosen, number[id(item)]) is not None):
        for item in entries:
            index = number[id(item)]
            fields = _first(chosen, index) or 0
            # A paper: it links to one, or it reads as one (a title, a year, authors ...).
            paper = fields > 0 and (index in papers or fields >= SHAPE_OF_A_PAPER)
            score += 10 + fields if paper else -20
    return score


def clean_title(value: str) -> bool:
    """Whether a title read holds text, not markup around it (``**Title**``, ``[Title](``)."""
    text = value.strip()
    if not text or "](" in text or "\n\n" in text:
        return False
    return not text.startswith(("*", "_", "[", "<", '"', "“")) and not text.endswith(
        ("*", "_", "]", ">", '"', "”")
    )


def _guess(
    chosen: list[_Candidate],
    lists: Sequence[ListBlock],
    number: dict[int, int],
    papers: set[int],
    date_formats: dict[str, list[str]],
    sampled: int,
) -> Guess:
    read = {item for candidate in chosen for item in candidate.matches}
    found: list[Found] = []
    counts: Counter[int] = Counter()
    containers = 0
    entry_numbers: set[int] = set()
    others: list[Found] = []
    for container, (listed, entries) in enumerate(
        entry_lists(lists, lambda item: number[id(item)] in read)
    ):
        containers += 1
        taken = {id(item) for item in entries}
        others += [Found(i.line, container, {}, "") for i in listed.items if id(i) not in taken]
        for item in entries:
            entry_numbers.add(number[id(item)])
            for index, candidate in enumerate(chosen):
                fields = candidate.values.get(number[id(item)])
                if fields is None:
                    continue
                counts[index] += 1
                found.append(Found(item.line, container, fields, fields.get("title", "")))
                break
    ordered = chosen  # the order they are tried in: a specific shape before a general one
    keys = {key for candidate in chosen for key in _keys(candidate.text)}
    titles = {key: TITLES[key] for key in KEYS if key in keys}
    all_items = {number[id(item)]: item for found_list in lists for item in found_list.items}
    inside = {number[id(sub)] for n in entry_numbers for sub in _below(all_items[n])}
    missed = sorted(all_items[n].line for n in papers - entry_numbers - inside)
    notes = {
        candidate.text: [
            f"{counts[chosen.index(candidate)]} items, "
            f"{candidate.sampled} of the {sampled} sampled have this shape"
        ]
        for candidate in ordered
    }
    config: dict[str, object] = {"item": [candidate.text for candidate in ordered]}
    shapes = {key: ", ".join(spellings) for key, spellings in date_formats.items()}
    plural = "s" if containers != 1 else ""
    return Guess(
        "items",
        config,
        found,
        titles,
        notes,
        missed,
        f"list items in {containers} list{plural}",
        shapes,
        others,
    )


def _below(item: Item) -> Iterator[Item]:
    """The items of the lists inside ``item``, at any depth: part of its entry."""
    for child in item.children:
        for sub in child.items:
            yield sub
            yield from _below(sub)


def _keys(text: str) -> Iterator[str]:
    for key in KEYS:
        if "{" + key + "}" in text:
            yield key
