"""Every entry as data: JSON, JSON Lines, CSV or BibTeX.

One flat shape per entry, in every format: ``path``, ``line``, ``section`` (the
headings above it: a list in JSON, joined with `` > `` in CSV), ``layout``,
``title``, ``problems`` (how many diagnostics check reports on its lines), then
each field by its schema key with its Markdown source; and, for a field holding a
link, ``KEY_url`` and ``KEY_title``: its first link's destination and text. A field
given twice is kept twice (``KEY_2``), a line without a label is ``unlabelled``, and
a field keyed like one of the names above is ``KEY_field`` (``title_field``).

BibTeX: one ``@article`` where the venue field names a journal, one
``@inproceedings`` where it names a conference (see :func:`readmelint.venues.venue_kind`),
else ``@misc``. The venue field is keyed ``accepted``, ``venue``,
``conference``, ``publication`` or ``journal``; names come from a field keyed
``authors`` or ``author`` when it holds names (``A. Author, B. Author``, not
``Fudan University; Shanghai AI Lab``). The citation key is the first author's
family name (or the first word of the heading or title) and the year, with ``a``, ``b`` ... for
repeats, in the order of the entries. arXiv links give ``eprint`` and
``archivePrefix = {arXiv}``. Text is UTF-8 (biber and modern BibTeX read it); the
characters LaTeX treats as special are escaped, braces as ``\\textbraceleft{}`` and
``\\textbraceright{}`` so that every value's braces balance (BibTeX counts them, escaped or
not, to find where a value ends); ``url`` and ``eprint`` are written verbatim, as biblatex
and the url package read them.

Besides its value, a field has ``KEY_text`` (its plain text, without Markdown or HTML)
where that differs, and ``KEY_iso`` where it is a date field holding a date: ISO 8601,
a partial date staying partial (``2023.10`` is ``2023-10``).

CSV writes every value as it is. A value that starts with ``=``, ``+``, ``-`` or ``@``
stays so: the export is data (pandas, scripts), where a guard such as a leading ``'``
would change ``-`` placeholders and ``+1`` notes, and it holds what the README already
shows; open it in a spreadsheet by importing it as text.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from readmelint.markdown import plain_text
from readmelint.papers import arxiv_id, first_link
from readmelint.records import Columns, Record
from readmelint.venues import VenueKind, venue_field, venue_kind

_AUTHOR_KEYS = ("authors", "author")
_PAPER_KEYS = ("paper", "title", "name")
_NOT_NAMES = re.compile(
    r"\b(University|Universit|Institute|Lab|Labs|Laboratory|Inc|Corp|Team|College|School|"
    r"Academy|Research|Group|Center|Centre|Google|Microsoft|Meta|DeepMind|OpenAI)\b",
    re.IGNORECASE,
)
_KINDS = {
    VenueKind.CONFERENCE: "inproceedings",
    VenueKind.JOURNAL: "article",
    VenueKind.OTHER: "misc",
}
# Braces as commands, never \{ or \}: BibTeX and pybtex count every brace, escaped or
# not, to find where a value ends, so a lone one would swallow the rest of the file.
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


METADATA = ("path", "line", "section", "layout", "title", "problems")


def column(key: str) -> str:
    """A field's name in the export: its key, or ``KEY_field`` where the key is one of
    the names every entry has (a schema's ``title`` field becomes ``title_field``)."""
    return f"{key}_field" if key in METADATA else key


def flat(record: Record) -> dict[str, Any]:
    """A record as one flat mapping (the shape every format writes)."""
    row: dict[str, Any] = {
        "path": record.path,
        "line": record.line,
        "section": list(record.sections),
        "layout": record.layout,
        "title": record.title,
        "problems": record.problems,
    }
    for field_key, value in record.fields.items():
        key = column(field_key)
        row[key] = value
        link = first_link(value)
        if link is not None:
            row[f"{key}_url"] = link[1]
            row[f"{key}_title"] = link[0]
        text = plain_text(value)
        if text != value:
            row[f"{key}_text"] = text
        if field_key in record.iso_dates:
            row[f"{key}_iso"] = record.iso_dates[field_key]
    return row


# What a field may have beside its value, in this order (see :func:`flat`).
_BESIDE = ("_url", "_title", "_text", "_iso")


def as_json(records: Iterable[Record], columns: Columns) -> Iterator[str]:
    """One JSON array, an object a line."""
    yield "["
    for index, record in enumerate(records):
        yield ("\n" if index == 0 else ",\n") + json.dumps(flat(record), ensure_ascii=False)
    yield "\n]\n"


def as_jsonl(records: Iterable[Record], columns: Columns) -> Iterator[str]:
    for record in records:
        yield json.dumps(flat(record), ensure_ascii=False) + "\n"


def as_csv(records: Iterable[Record], columns: Columns) -> Iterator[str]:
    """RFC 4180 CSV with a header row: every field, and its link columns where any
    entry's field holds a link."""
    entries = list(records)
    rows = [flat(record) for record in entries]
    header = list(METADATA)
    keys = dict.fromkeys(map(column, columns.keys))
    for record in entries:  # then the fields no schema names, as they come
        keys.update(dict.fromkeys(map(column, record.fields)))
    for key in keys:
        header.append(key)
        for beside in _BESIDE:
            if any(f"{key}{beside}" in row for row in rows):
                header.append(f"{key}{beside}")
        if f"{key}_text" in header:  # a row without it has no markup: its text is its value
            for row in rows:
                if key in row:
                    row.setdefault(f"{key}_text", row[key])
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, header)
    writer.writeheader()
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({**row, "section": " > ".join(row["section"])})
        yield buffer.getvalue()


def as_bibtex(records: Iterable[Record], columns: Columns) -> Iterator[str]:
    keys: dict[str, int] = {}
    for record in records:
        yield bibtex_entry(record, keys) + "\n"


def bibtex_entry(record: Record, keys: dict[str, int]) -> str:
    """One BibTeX entry; ``keys``: each citation key given so far, and its repeats."""
    venue = plain_text(venue_field(record.fields))
    kind = _KINDS[venue_kind(venue)] if venue else "misc"
    paper = next((record.fields[key] for key in _PAPER_KEYS if record.fields.get(key)), "")
    link = first_link(paper) if paper else None
    title = (link[0] if link and link[0] else "") or record.title or plain_text(paper)
    authors = _names(record)
    year, month = (record.date or (None, None, None))[:2]
    fields: list[tuple[str, str]] = [("title", title)]
    if authors:
        fields.append(("author", " and ".join(authors)))
    if year is not None:
        fields.append(("year", str(year)))
    if month is not None:
        fields.append(("month", str(month)))
    if kind == "inproceedings":
        fields.append(("booktitle", venue))
    elif kind == "article":
        fields.append(("journal", venue))
    elif venue:
        fields.append(("howpublished", venue))
    url = link[1] if link else ""
    if url:
        fields.append(("url", url))
        found = arxiv_id(url)
        if found:
            fields += [("eprint", found), ("archivePrefix", "arXiv")]
    if record.sections:
        fields.append(("note", " > ".join(record.sections)))
    key = _citation_key(authors, record.title or title, year, keys)
    body = ",\n".join(
        f"  {name} = {{{_verbatim(value) if name in _VERBATIM else _escape(value)}}}"
        for name, value in fields
    )
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _names(record: Record) -> list[str]:
    """The authors, if the field holds people's names; ``et al.`` becomes ``others``."""
    value = next((record.fields[key] for key in _AUTHOR_KEYS if record.fields.get(key)), "")
    text = plain_text(value).strip().rstrip(".")
    if not text:
        return []
    others = bool(re.search(r"\bet al\.?$", text))
    text = re.sub(r",?\s*\bet al\.?$", "", text)
    parts = [part.strip() for part in re.split(r",|;|\band\b|&", text) if part.strip()]
    if not parts or not all(_is_name(part) for part in parts):
        return []
    return [*parts, *(["others"] if others else [])]


def _is_name(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and not _NOT_NAMES.search(part) and part[:1].isupper()


def _citation_key(authors: list[str], title: str, year: int | None, keys: dict[str, int]) -> str:
    source = authors[0].split()[-1] if authors and authors[0] != "others" else title
    words = [_ascii(word) for word in source.split()]
    stem = next((word for word in words if word), "entry")
    base = f"{stem}{year or ''}"
    repeat = keys.get(base, 0)
    key = base
    while key in keys:  # `he2015a` may be a base of its own too
        repeat += 1
        key = f"{base}{_suffix(repeat)}"
    keys[base] = repeat
    keys.setdefault(key, 0)
    return key


def _suffix(count: int) -> str:
    """a, b, ... z, aa, ab ...: the n-th repeat of a key."""
    letters = ""
    while count > 0:
        count, rest = divmod(count - 1, 26)
        letters = chr(ord("a") + rest) + letters
    return letters


def _ascii(word: str) -> str:
    folded = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


# Fields biblatex (and BibTeX's url package) read verbatim: a URL stays as written.
_VERBATIM = frozenset({"url", "eprint"})


def _verbatim(value: str) -> str:
    """A URL as written, but for what would end the value early or cannot be in a URL:
    braces, backslashes and whitespace, percent-encoded as a URL may write them."""
    encoded = {"{": "%7B", "}": "%7D", "\\": "%5C"}
    return "".join(encoded.get(char, "%20" if char.isspace() else char) for char in value.strip())


def _escape(value: str) -> str:
    value = " ".join(value.split())
    return "".join(_LATEX_SPECIAL.get(char, char) for char in value)


FORMATS: dict[str, Callable[[Iterable[Record], Columns], Iterator[str]]] = {
    "json": as_json,
    "jsonl": as_jsonl,
    "csv": as_csv,
    "bibtex": as_bibtex,
}
