"""One paper's metadata, from whichever service or file it came from, and the parsers
of the services' answers (arXiv's Atom feed, Crossref's and DataCite's JSON).

Parsing knows nothing of HTTP (see :mod:`readmelint.add.network`): each parser takes
the bytes of an answer and returns a :class:`Metadata`, or raises
:class:`AnswerError` saying what was wrong with the answer.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

from readmelint.dates import PartialDate


class AnswerError(ValueError):
    """An answer that does not hold what it should (malformed XML or JSON, no paper)."""


class NotFound(AnswerError):
    """The service answered, and has no such paper."""


@dataclass(frozen=True, slots=True)
class Metadata:
    """What a list may want of one paper; empty strings and ``None`` where unknown."""

    title: str
    authors: tuple[str, ...]  # "Given Family", in order
    date: PartialDate | None  # first publication: arXiv's first version, a DOI's issue date
    venue: str  # a journal or proceedings, or "arXiv" for a preprint
    abstract: str  # plain text, one paragraph
    url: str  # the paper's page: arXiv's abstract page, the DOI's doi.org link, a BibTeX url
    pdf: str = ""
    arxiv: str | None = None  # the arXiv id, without version
    doi: str | None = None
    source: str = ""  # where it came from, for messages: "arXiv:2402.12226", "refs.bib:3"


def one_line(text: str) -> str:
    """``text`` with every run of whitespace (line ends too) one space."""
    return " ".join(text.split())


_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"
_ABS_ID = re.compile(r"arxiv\.org/abs/(?P<id>.+?)(?:v\d+)?$", re.IGNORECASE)


def parse_xml(data: bytes) -> ElementTree.Element:
    """``data`` parsed, refusing document type declarations: an answer has no use for
    them, and entities declared in one can expand without bound."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise AnswerError("the answer declares a document type or entities; refused")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise AnswerError(f"the answer is not well-formed XML ({error})") from None


def from_arxiv_atom(data: bytes, wanted: str) -> Metadata:
    """The paper ``wanted`` (an arXiv id) from an answer of arXiv's API (an Atom feed)."""
    feed = parse_xml(data)
    if feed.tag != f"{_ATOM}feed":
        raise AnswerError("the answer is not an Atom feed")
    for entry in feed.iter(f"{_ATOM}entry"):
        entry_id = _text(entry, f"{_ATOM}id")
        if "/api/errors" in entry_id:
            summary = one_line(_text(entry, f"{_ATOM}summary"))
            raise NotFound(f"arXiv says: {summary or 'error'}")
        found = _ABS_ID.search(entry_id)
        if found is None or found["id"].lower() != wanted.lower():
            continue
        title = one_line(_text(entry, f"{_ATOM}title"))
        if not title:
            break  # arXiv lists an id it has no paper for with an empty entry
        authors = tuple(
            one_line(_text(author, f"{_ATOM}name"))
            for author in entry.iter(f"{_ATOM}author")
            if _text(author, f"{_ATOM}name").strip()
        )
        pdf = next(
            (
                link.get("href", "")
                for link in entry.iter(f"{_ATOM}link")
                if link.get("title") == "pdf" or link.get("type") == "application/pdf"
            ),
            "",
        )
        journal = one_line(_text(entry, f"{_ARXIV}journal_ref"))
        doi = one_line(_text(entry, f"{_ARXIV}doi")) or None
        return Metadata(
            title=title,
            authors=authors,
            date=_iso_date(_text(entry, f"{_ATOM}published")),
            venue=journal or "arXiv",
            abstract=one_line(_text(entry, f"{_ATOM}summary")),
            url=f"https://arxiv.org/abs/{wanted}",
            pdf=_https(re.sub(r"v\d+$", "", pdf)) if pdf else f"https://arxiv.org/pdf/{wanted}",
            arxiv=wanted,
            doi=doi,
            source=f"arXiv:{wanted}",
        )
    raise NotFound(f"arXiv has no paper {wanted}")


def _text(element: ElementTree.Element, tag: str) -> str:
    found = element.find(tag)
    return found.text or "" if found is not None else ""


def _https(url: str) -> str:
    return re.sub(r"^http://", "https://", url)


def _iso_date(text: str) -> PartialDate | None:
    found = re.match(r"(\d{4})-(\d{2})-(\d{2})", text.strip())
    return PartialDate(*(int(part) for part in found.groups())) if found else None


def _json(data: bytes) -> Any:
    try:
        return json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        raise AnswerError("the answer is not valid JSON") from None


def from_crossref(data: bytes, doi: str) -> Metadata:
    """The paper ``doi`` from an answer of Crossref's REST API (``/works/DOI``)."""
    message = _json(data)
    message = message.get("message") if isinstance(message, dict) else None
    if not isinstance(message, dict):
        raise AnswerError("the answer holds no work ('message')")
    title = one_line(_first(message.get("title")))
    if not title:
        raise NotFound(f"Crossref has no title for {doi}")
    authors = tuple(
        one_line(f"{person.get('given', '')} {person.get('family', '')}")
        or one_line(str(person.get("name", "")))
        for person in _list(message.get("author"))
        if isinstance(person, dict)
    )
    date = None
    for key in ("published-print", "published-online", "published", "issued", "created"):
        date = _date_parts(message.get(key))
        if date is not None:
            break
    venue = one_line(_first(message.get("container-title"))) or one_line(
        str(_dict(message.get("event")).get("name", ""))
    )
    return Metadata(
        title=_plain(title),
        authors=tuple(a for a in authors if a),
        date=date,
        venue=venue,
        abstract=_plain(str(message.get("abstract", ""))),
        url=f"https://doi.org/{doi}",
        doi=doi,
        source=f"doi:{doi}",
    )


def from_datacite(data: bytes, doi: str) -> Metadata:
    """The paper ``doi`` from an answer of DataCite's REST API (``/dois/DOI``)."""
    document = _json(data)
    attributes = _dict(_dict(_dict(document).get("data")).get("attributes"))
    if not attributes:
        raise AnswerError("the answer holds no DOI record ('data.attributes')")
    title = one_line(str(_dict(_first_item(attributes.get("titles"))).get("title", "")))
    if not title:
        raise NotFound(f"DataCite has no title for {doi}")
    authors = []
    for creator in _list(attributes.get("creators")):
        person = _dict(creator)
        given, family = person.get("givenName"), person.get("familyName")
        name = f"{given} {family}" if given and family else str(person.get("name", ""))
        if "," in name and not (given and family):  # "Family, Given"
            family_part, _, given_part = name.partition(",")
            name = f"{given_part.strip()} {family_part.strip()}"
        if name.strip():
            authors.append(one_line(name))
    date = None
    for entry in _list(attributes.get("dates")):
        if _dict(entry).get("dateType") == "Issued":
            date = _loose_date(str(_dict(entry).get("date", "")))
    if date is None and attributes.get("publicationYear"):
        date = _loose_date(str(attributes["publicationYear"]))
    abstract = next(
        (
            str(_dict(d).get("description", ""))
            for d in _list(attributes.get("descriptions"))
            if _dict(d).get("descriptionType") == "Abstract"
        ),
        "",
    )
    venue = _dict(attributes.get("container")).get("title") or attributes.get("publisher") or ""
    if isinstance(venue, dict):  # DataCite's newer answers: {"name": ...}
        venue = venue.get("name", "")
    return Metadata(
        title=_plain(title),
        authors=tuple(authors),
        date=date,
        venue=one_line(str(venue)),
        abstract=_plain(abstract),
        url=f"https://doi.org/{doi}",
        doi=doi,
        source=f"doi:{doi}",
    )


def _plain(text: str) -> str:
    """Text without the JATS or HTML tags Crossref puts in titles and abstracts."""
    # Block tags part words, inline ones (<i>, <sub>) do not.
    spaced = re.sub(r"</?(?:jats:)?(?:p|sec|title|br|div|list-item)\b[^>]{0,200}>", " ", text)
    without_tags = re.sub(r"<[^>]{0,200}>", "", spaced)
    text = one_line(html.unescape(without_tags))
    return re.sub(r"^Abstract\s+", "", text)


def _first(value: object) -> str:
    return str(value[0]) if isinstance(value, list) and value else ""


def _first_item(value: object) -> object:
    return value[0] if isinstance(value, list) and value else None


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _dict(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _date_parts(value: object) -> PartialDate | None:
    parts = _first_item(_dict(value).get("date-parts"))
    if not isinstance(parts, list) or not parts or not all(isinstance(p, int) for p in parts):
        return None
    year, month, day = (*parts, None, None)[:3]
    return PartialDate(year, month, day) if year else None


def _loose_date(text: str) -> PartialDate | None:
    """``2021``, ``2021-05`` or ``2021-05-03`` (anything after the day aside)."""
    found = re.match(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text.strip())
    if not found:
        return None
    year, month, day = (int(part) if part else None for part in found.groups())
    return PartialDate(year, month, day)
