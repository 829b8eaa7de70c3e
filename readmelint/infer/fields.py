"""The schema's fields, counted from the entries found: which are required, dates (and
in which spellings), links, and small vocabularies."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from readmelint.dates import DateFormats
from readmelint.infer.model import Found
from readmelint.keywords import date_text
from readmelint.markdown import link_urls

# Present in at least this share of the entries: required.
REQUIRED = 0.95
# Values that read as dates in the spellings found: a date field.
DATED = 0.8
# A spelling is allowed where it writes at least this many values (and 2): rarer
# spellings are the list's defects, for check to report.
SPELLING_SHARE = 0.02
# A small vocabulary: at most this many values, each used twice or more, and no empty one.
ENUM_AT_MOST = 8
ENUM_ENTRIES = 10
# A value longer than this is no date, even in markup (`<span style='...'>07-29</span>`).
DATE_AT_MOST = 120
# Spellings tried, most specific first.
SPELLINGS = (
    "YYYY-MM-DD",
    "YYYY.MM.DD",
    "YYYY/MM/DD",
    "YYYY-MM",
    "YYYY.MM",
    "YYYY/MM",
    "MM/YYYY",
    "MM-DD",
    "Month D, YYYY",
    "D Month YYYY",
    "Mon D, YYYY",
    "Month YYYY",
    "Mon YYYY",
    "YYYY",
)
_FORMATS = {spelling: DateFormats.from_keyword(spelling) for spelling in SPELLINGS}


@dataclass
class FieldGuess:
    key: str
    title: str
    present: int  # entries that have it
    filled: int  # of them, with a value
    entries: int  # entries that could have it
    required: bool = False
    spellings: list[str] = field(default_factory=list)
    dated: int = 0  # values read as dates
    link: bool = False
    url: bool = False  # values are bare URLs (a pattern's {paper})
    enum: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)


def infer_fields(
    titles: dict[str, str], found: Sequence[Found], spellings: dict[str, str]
) -> list[FieldGuess]:
    """Each field of ``titles`` (in that order) as the values of ``found`` show it;
    ``spellings``: a date spelling a pattern already knows a field by."""
    guesses = []
    for key, title in titles.items():
        values = [entry.fields[key] for entry in found if key in entry.fields]
        filled = [value for value in values if value.strip()]
        guess = FieldGuess(key, title, len(values), len(filled), len(found))
        share = guess.present / max(1, guess.entries)
        guess.required = share >= REQUIRED
        guess.evidence.append(f"in {guess.present} of {guess.entries} entries")
        if key == "year":
            guess.spellings = ["YYYY"]
        elif key in spellings:
            guess.spellings = [s.strip() for s in spellings[key].split(",")]
        else:
            guess.spellings = _spellings(filled)
        if guess.spellings:
            formats = DateFormats.from_keyword(guess.spellings)
            guess.dated = sum(
                len(value) <= DATE_AT_MOST and formats.parse(date_text(value)) is not None
                for value in filled
            )
            guess.evidence.append(
                f"{guess.dated} of {len(filled)} values dates written {formats.spelling}"
            )
        elif filled and _share(_spread(filled), _has_link) >= 0.9:
            guess.link = True
            guess.evidence.append("values hold links")
        elif filled and _share(filled, _is_url) >= 0.9:
            guess.url = True
            guess.evidence.append(f"{sum(map(_is_url, filled))} of {len(filled)} are URLs")
        vocabulary = Counter(values)
        if (
            not guess.spellings
            and len(values) >= ENUM_ENTRIES
            and len(vocabulary) <= ENUM_AT_MOST
            and "" not in vocabulary
            and min(vocabulary.values()) >= 2
        ):
            guess.enum = [value for value, _ in vocabulary.most_common()]
            guess.evidence.append(f"{len(vocabulary)} values, each used twice or more")
        guesses.append(guess)
    return guesses


def _spellings(values: Sequence[str]) -> list[str]:
    """The spellings most values read in, where they are dates; [] where they are not."""
    if len(values) < 2:
        return []
    counts: Counter[str] = Counter()
    read = 0
    for seen, value in enumerate(values, 1):
        spelling = _spelling(value)
        if spelling is not None:
            counts[spelling] += 1
            read += 1
        elif seen - read > (1 - DATED) * len(values):
            return []  # too many are no dates already: no date field
    if read < DATED * len(values):
        return []
    least = max(2, SPELLING_SHARE * len(values))
    return [spelling for spelling, count in counts.most_common() if count >= least] or [
        counts.most_common(1)[0][0]
    ]


def _spelling(value: str) -> str | None:
    """The spelling ``value`` is a date in, if any (a long value is none: no parse)."""
    if len(value) > DATE_AT_MOST or not any(c.isdigit() for c in value):
        return None
    text = date_text(value)
    return next((s for s in SPELLINGS if _FORMATS[s].parse(text) is not None), None)


def _spread(values: Sequence[str], most: int = 24) -> list[str]:
    """At most ``most`` of ``values``, evenly spaced: enough to tell, cheaper than all."""
    step = max(1, len(values) // most)
    return list(values[::step])


def _share(values: Sequence[str], test: object) -> float:
    assert callable(test)
    return sum(1 for value in values if test(value)) / len(values)


def _has_link(value: str) -> bool:
    urls = link_urls(value) if "](" in value else []
    return any(url.startswith(("http://", "https://")) for url in urls)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not any(c.isspace() for c in value)
