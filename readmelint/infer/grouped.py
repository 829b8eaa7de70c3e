"""Whether a list writes the year of its dates once for a group: a date field whose
spellings hold no year, its entries under headings that name one (``## 2024-07`` over
``07-29`` cells), which ``date-from-heading`` reads (see :mod:`readmelint.heading_dates`)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from readmelint.dates import DateFormats
from readmelint.heading_dates import date_in, heading_formats
from readmelint.infer.fields import FieldGuess
from readmelint.infer.model import Found
from readmelint.infer.order import HOLDS
from readmelint.infer.walk import Walk
from readmelint.keywords import date_text

_YEAR = re.compile("YY")  # YYYY or YY: a spelling that writes the year


@dataclass(frozen=True)
class HeadingDate:
    """The field that takes its year from the headings, and why."""

    title: str
    evidence: str


def infer_heading_date(
    fields: Sequence[FieldGuess], entries: Sequence[Found], walk: Walk
) -> HeadingDate | None:
    """The date field most entries date by, where none of its spellings writes a year and
    (nearly) every entry with a date lies under a heading that names one."""
    dated = [f for f in fields if f.spellings and f.dated >= 2]
    if not dated:
        return None
    best = max(dated, key=lambda f: f.dated)
    if any(_YEAR.search(spelling) for spelling in best.spellings):
        return None
    own = DateFormats.from_keyword(best.spellings)
    formats = heading_formats(own)
    # For each heading, the nearest at or before it whose date names a year (None: none).
    starts: list[int] = []
    named: list[str | None] = []
    last: str | None = None
    for heading in walk.headings:
        if heading.level > 6:
            continue  # a bold title: no heading
        text = date_in(heading.text)
        date = formats.parse(text) if text else None
        if date is not None and date.year is not None:
            last = text
        starts.append(heading.line)
        named.append(last)
    with_date = [e for e in entries if own.parse(date_text(e.fields.get(best.key, ""))) is not None]
    under = [
        named[at]
        for entry in with_date
        if (at := bisect_right(starts, entry.line) - 1) >= 0 and named[at] is not None
    ]
    if len(under) < 2 or len(under) < HOLDS * len(with_date):
        return None
    return HeadingDate(
        best.title,
        f"{best.title} writes no year ({' or '.join(best.spellings)}); {len(under)} of "
        f"{len(with_date)} dated entries lie under a heading that names one ({under[0]})",
    )
