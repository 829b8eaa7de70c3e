"""BibTeX entries as :class:`~readmelint.add.metadata.Metadata`, offline, with bibtexparser 2.

LaTeX in values (``{\\"u}``, ``\\'e``, ``\\&``, ``--``) becomes Unicode and protective
braces (``{BERT}``) go, by bibtexparser's LaTeX decoding (pylatexenc); names become
``Given Family`` whichever way they were written.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Mapping

from readmelint.add.metadata import Metadata, one_line
from readmelint.add.sources import arxiv_reference
from readmelint.dates import PartialDate
from readmelint.errors import InputError

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_ARXIV_IN_TEXT = re.compile(r"arXiv:\s*(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})", re.I)


def read_bibtex(text: str, name: str) -> list[Metadata]:
    """Every entry of the BibTeX ``text`` (from the file ``name``), in order.

    Raises :class:`InputError` for a block that does not parse (naming its line) and for
    a text without entries.
    """
    # Imported here: only `add` with a BibTeX source needs the parser.
    from bibtexparser import parse_string  # type: ignore[attr-defined]
    from bibtexparser.middlewares import (
        LatexDecodingMiddleware,
        MergeNameParts,
        SeparateCoAuthors,
        SplitNameParts,
    )

    library = parse_string(
        text,
        append_middleware=[
            LatexDecodingMiddleware(),
            SeparateCoAuthors(),
            SplitNameParts(),
            MergeNameParts("first"),
        ],
    )
    if library.failed_blocks:
        failed = library.failed_blocks[0]
        raise InputError(
            f"{name}:{(failed.start_line or 0) + 1}: BibTeX entry does not parse "
            f"({one_line(str(failed.error))}); fix it or leave it out"
        )
    entries = []
    for entry in library.entries:
        fields = {field.key.lower(): field.value for field in entry.fields}
        source = f"{name}:{(entry.start_line or 0) + 1}"
        entries.append(_metadata(fields, source))
    if not entries:
        raise InputError(f"{name}: no BibTeX entries (@article{{...}}, @inproceedings{{...}})")
    return entries


def _metadata(fields: Mapping[str, object], source: str) -> Metadata:
    title = _text(fields.get("title"))
    if not title:
        raise InputError(f"{source}: BibTeX entry has no title; add one")
    authors = fields.get("author", [])
    names = tuple(
        one_line(str(person))
        for person in (authors if isinstance(authors, list) else [authors])
        if str(person).strip() and str(person).strip().lower() != "others"
    )
    arxiv = _arxiv(fields)
    doi = _text(fields.get("doi")) or None
    if doi:
        doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi, flags=re.I)
    venue = next(
        (
            _text(fields.get(key))
            for key in ("journal", "booktitle", "howpublished")
            if fields.get(key)
        ),
        "",
    )
    if arxiv and (not venue or venue.lower().startswith("arxiv")):
        venue = "arXiv"
    url = _text(fields.get("url"))
    if not url:
        url = (
            f"https://arxiv.org/abs/{arxiv}" if arxiv else (f"https://doi.org/{doi}" if doi else "")
        )
    return Metadata(
        title=title,
        authors=names,
        date=_date(fields),
        venue=venue,
        abstract=_text(fields.get("abstract")),
        url=url,
        pdf=f"https://arxiv.org/pdf/{arxiv}" if arxiv else "",
        arxiv=arxiv,
        doi=doi,
        source=source,
    )


def _text(value: object) -> str:
    return one_line(str(value)) if value is not None else ""


def _arxiv(fields: Mapping[str, object]) -> str | None:
    prefix = (_text(fields.get("archiveprefix")) or _text(fields.get("eprinttype"))).lower()
    eprint = _text(fields.get("eprint"))
    if eprint and (prefix == "arxiv" or not prefix):
        found = arxiv_reference(eprint)
        if found:
            return found.id
    url = _text(fields.get("url"))
    if url:
        found = arxiv_reference(url)
        if found:
            return found.id
    for key in ("journal", "howpublished", "note"):
        match = _ARXIV_IN_TEXT.search(_text(fields.get(key)))
        if match:
            return match["id"]
    return None


def _date(fields: Mapping[str, object]) -> PartialDate | None:
    found = re.match(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?", _text(fields.get("date")))
    if found:
        year, month, day = (int(part) if part else None for part in found.groups())
        return PartialDate(year, month, day)
    year_text = re.search(r"\d{4}", _text(fields.get("year")))
    if not year_text:
        return None
    month_text = _text(fields.get("month")).lower()
    month = None
    if month_text.isdigit() and 1 <= int(month_text) <= 12:
        month = int(month_text)
    elif month_text[:3] in _MONTHS:
        month = _MONTHS[month_text[:3]]
    day_text = _text(fields.get("day"))
    day = int(day_text) if month and day_text.isdigit() and 1 <= int(day_text) <= 31 else None
    return PartialDate(int(year_text.group()), month, day)
