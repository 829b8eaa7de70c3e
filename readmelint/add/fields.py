"""A paper's metadata as the fields of a new entry, through the list's schema.

Each field of the schema gets what its key says it holds (title, link, authors, date,
venue, abstract, DOI), written as the list's entries already write that field: a link
as a bare URL or as ``[text](url)`` (with the text most links of the field share, such
as ``pdf``, else the title), a date in the field's own spelling. Fields the metadata
has nothing for are left to a person: a required one is written empty, an optional
one left out, and ``check`` reports them as it would in any entry.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from readmelint.add.metadata import Metadata, one_line
from readmelint.dates import DateFormat, DateFormats, PartialDate
from readmelint.layouts.adding import NewEntry
from readmelint.model import Document
from readmelint.papers import first_link
from readmelint.schema import FieldSpec, Schema

_TITLE_KEYS = {"title", "name", "paper_title", "paper_name"}
_LINK_KEYS = {"paper", "pdf", "link", "url", "arxiv", "paper_link", "links", "paper_url"}
_AUTHOR_KEYS = {"authors", "author", "author_s", "writers"}
_VENUE_KEYS = {
    "accepted", "venue", "conference", "publication", "journal", "record",
    "published", "published_in", "pub", "source", "booktitle",
}  # fmt: skip
_ABSTRACT_KEYS = {"abstract", "summary"}
_DOI_KEYS = {"doi"}
_BARE_URL = re.compile(r"<?https?://\S+>?")
# What Markdown would read as markup in running text (a backslash only where it would
# escape what follows: `$\alpha$` stays as it is for GitHub's math).
_ESCAPE = re.compile(r"([`*_\[\]<]|\\(?=[!-/:-@\[-`{-~]|$))")


def escape(text: str) -> str:
    """``text`` as Markdown that shows it as it is (``*``, ``_``, brackets, backslashes)."""
    return _ESCAPE.sub(r"\\\1", one_line(text))


def short_name(title: str) -> str:
    """What a list names a paper by: ``AnyGPT`` for ``AnyGPT: Unified Multimodal ...``."""
    head, colon, _ = title.partition(":")
    if colon and 0 < len(head.split()) <= 4 and len(head) <= 40:
        return head.strip()
    return title


def new_entry(metadata: Metadata, schema: Schema, document: Document) -> NewEntry:
    """The fields of ``metadata`` for ``schema``, shaped like ``document``'s entries."""
    values = _existing(document)
    fields: dict[str, str] = {}
    optional: set[str] = set()
    for spec in schema.fields:
        value = _value(metadata, spec, schema, values.get(spec.key, []))
        if value is None:
            if spec.required:
                fields[spec.key] = ""
            continue
        fields[spec.key] = value
        if not spec.required:
            optional.add(spec.key)
    return NewEntry(escape(short_name(metadata.title)), fields, frozenset(optional))


def _existing(document: Document) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for entry in document.entries:
        for entry_field in entry.fields:
            if entry_field.key:
                found.setdefault(entry_field.key, []).append(entry_field.value)
    return found


def _value(
    metadata: Metadata, spec: FieldSpec, schema: Schema, existing: Sequence[str]
) -> str | None:
    key = spec.key
    if spec.date_format is not None:
        return _date(metadata.date, spec.date_format, existing) if metadata.date else None
    if key in _TITLE_KEYS:
        if spec.link or _mostly_links(existing):
            return _link(escape(metadata.title), metadata.url, existing)
        return escape(metadata.title)
    if key in _LINK_KEYS or (spec.link and not any(k in schema.order for k in _LINK_KEYS)):
        if not metadata.url:
            return None
        url = metadata.pdf if key == "pdf" and metadata.pdf else metadata.url
        if _mostly_bare(existing) or (not existing and _wants_bare(schema, key)):
            return url
        return _link(escape(metadata.title), url, existing)
    if key in _AUTHOR_KEYS:
        return escape(_separator(existing).join(metadata.authors)) if metadata.authors else None
    if key in _VENUE_KEYS:
        return escape(metadata.venue) if metadata.venue else None
    if key in _ABSTRACT_KEYS:
        return escape(metadata.abstract) if metadata.abstract else None
    if key in _DOI_KEYS and metadata.doi:
        return metadata.doi if _mostly_bare(existing) else f"https://doi.org/{metadata.doi}"
    return None


def _date(date: PartialDate, formats: DateFormats, existing: Sequence[str]) -> str | None:
    """``date`` in the spelling most of the field's values use (the first that can write
    it), else the first of the schema's spellings that can."""
    used: Counter[str] = Counter()
    for value in existing:
        for form in formats.formats:
            if form.parse(value) is not None:
                used[form.spelling] += 1
                break
    ranked = sorted(
        formats.formats, key=lambda form: -used[form.spelling]
    )  # stable: the schema's order breaks ties
    for form in ranked:
        written = DateFormat(form.spelling).write(date)
        if written is not None:
            return written
    return None


def _separator(existing: Sequence[str]) -> str:
    """How the field's values part their names: ``"; "`` where most values that part
    names at all do so with semicolons, else ``", "``."""
    semicolons = sum(";" in value for value in existing)
    commas = sum("," in value and ";" not in value for value in existing)
    return "; " if semicolons > commas else ", "


def _mostly_bare(existing: Sequence[str]) -> bool:
    bare = sum(bool(_BARE_URL.fullmatch(value.strip())) for value in existing if value)
    return bare * 2 > len([value for value in existing if value])


def _mostly_links(existing: Sequence[str]) -> bool:
    linked = sum(value.startswith("[") and "](" in value for value in existing if value)
    return linked * 2 > len([value for value in existing if value])


def _wants_bare(schema: Schema, key: str) -> bool:
    """Whether the schema asks for a bare URL (``"pattern": "^https?://"``)."""
    properties = schema.document.get("properties", {}).get("fields", {}).get("properties", {})
    spec = properties.get(key, {}) if isinstance(properties, dict) else {}
    pattern = spec.get("pattern", "") if isinstance(spec, dict) else ""
    return isinstance(pattern, str) and pattern.startswith("^http")


def _link(title: str, url: str, existing: Sequence[str]) -> str:
    """``[text](url)``: the text most of the field's links share (``pdf``, ``arXiv``)
    where two in three do, else ``title``."""
    texts = Counter(
        link[0] for value in existing if value and (link := first_link(value)) and link[0]
    )
    linked = sum(texts.values())
    if texts:
        text, count = texts.most_common(1)[0]
        if linked >= 2 and count * 3 >= linked * 2:
            return f"[{escape(text)}]({url})"
    return f"[{title}]({url})"
