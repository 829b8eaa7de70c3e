"""Which paper an entry names: its identifiers (arXiv, DOI, OpenReview, URL) and its title.

arXiv, DOI and OpenReview identifiers come from where the entry's fields link
(``](https://arxiv.org/abs/...)``, a badge's link included; the shields.io
picture of a badge names no paper). A URL other than those three identifies the
paper only as the first link of the entry's paper field (the field keyed
``paper``, ``title`` or ``name``, or the schema's first link field), read by
markdown-it: code and project links are often shared by several papers.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import SplitResult, parse_qs, urlsplit

from readmelint.markdown import parse_inline
from readmelint.model import Entry, Field
from readmelint.schema import Schema

_ARXIV = re.compile(
    r"^(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/"
    r"(?P<id>\d{4}\.\d{4,5}|[a-z][a-z.-]*/\d{7})(?:v\d+)?(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_DOI = re.compile(r"^(?:dx\.)?doi\.org/(?P<doi>10\.\d{4,9}/\S+)$", re.IGNORECASE)
_TITLE_KEYS = ("paper", "title", "name")
_BARE_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_HOSTS = ("arxiv.org", "doi.org", "openreview.net")
# Where a link (or an image: a badge's picture is never an arXiv, DOI or OpenReview page)
# points. Only those three kinds of identifier are read this way, from every field: an
# inline parse of long cells full of badges cost more than the rest of check.
_DESTINATION = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)")
_TITLE_LIMIT = 400
# A value that starts with a plain link: no parsing needed to read it (see schema.py).
_LEADING_LINK = re.compile(r"\[([^\[\]\\`<>\r\n*_!&]*)\]\(([^\s()<>\\`]+)\)")


@dataclass(frozen=True, slots=True)
class Paper:
    """What identifies one entry's paper: ``identifiers`` such as ``arxiv:2402.12226``."""

    identifiers: tuple[str, ...]
    title: str  # normalised; "" if none
    arxiv: str | None  # the arXiv id of the paper field's link, else the entry's first


def arxiv_id(url: str) -> str | None:
    """The arXiv id of an arxiv.org URL (``abs``, ``pdf``, ``html``), version dropped."""
    rest = _without_scheme(url)
    match = _ARXIV.match(rest)
    return match["id"].lower() if match else None


def _without_scheme(url: str) -> str:
    return re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE)


def identifier(url: str) -> str | None:
    """``arxiv:ID``, ``doi:DOI`` or ``openreview:ID`` for a URL naming a paper, else None."""
    found = arxiv_id(url)
    if found:
        return f"arxiv:{found}"
    rest = _without_scheme(url)
    doi = _DOI.match(rest)
    if doi:
        return f"doi:{doi['doi'].lower()}"
    parts = _split(url)
    host = parts.netloc.lower().removeprefix("www.")
    if host == "openreview.net" and parts.path.rstrip("/") in ("/forum", "/pdf"):
        forum = parse_qs(parts.query).get("id")
        if forum:
            return f"openreview:{forum[0]}"
    return None


def _split(url: str) -> SplitResult:
    """``url`` in parts; one that urllib cannot read (``https://exampl].org``) as a path."""
    try:
        return urlsplit(url.strip())
    except ValueError:
        return SplitResult("", "", url.strip(), "", "")


def normal_url(url: str) -> str:
    """A URL without scheme, ``www.``, fragment or trailing slash, its host lowercased."""
    parts = _split(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    query = f"?{parts.query}" if parts.query else ""
    return f"url:{host}{path}{query}"


def normal_title(title: str) -> str:
    """A title's words, casefolded, without punctuation or a trailing period."""
    text = unicodedata.normalize("NFKC", title).casefold()
    kept = "".join(c if unicodedata.category(c)[0] in "LN" else " " for c in text)
    return " ".join(kept.split())


def paper_field(entry: Entry, schema: Schema) -> Field | None:
    """The field that names the entry's paper (see the module's docstring)."""
    for key in _TITLE_KEYS:
        found = entry.field(key)
        if found is not None:
            return found
    for spec in schema.fields:
        if spec.link and (found := entry.field(spec.key)) is not None:
            return found
    return None


def paper_of(entry: Entry, schema: Schema) -> Paper:
    named = paper_field(entry, schema)
    identifiers: list[str] = []
    arxiv: str | None = None
    link = _paper_link(named.value) if named is not None else None
    if link is not None:
        found = identifier(link[1])
        if found or link[1].strip():  # `[Title]()` in a template names nothing
            identifiers.append(found or normal_url(link[1]))
        if found and found.startswith("arxiv:"):
            arxiv = found.removeprefix("arxiv:")
    for field in entry.every_field:
        value = field.value
        if not _names_a_paper(value):
            continue
        for url in _DESTINATION.findall(value):
            found = identifier(url) if _names_a_paper(url) else None
            if found and found not in identifiers:
                identifiers.append(found)
                if arxiv is None and found.startswith("arxiv:"):
                    arxiv = found.removeprefix("arxiv:")
    return Paper(tuple(identifiers), normal_title(title_of(entry, schema)), arxiv)


def title_of(entry: Entry, schema: Schema) -> str:
    """An entry's title as it shows: its title field's text, its heading, or the text of
    its paper field (its link's, if it has one)."""
    title_field = entry.field("title")
    title = _title_text(title_field.value) if title_field else entry.heading
    named = paper_field(entry, schema)
    if title or named is None:
        return title
    link = _paper_link(named.value)
    return (link[0] if link else "") or _title_text(named.value)


def _paper_link(value: str) -> tuple[str, str] | None:
    """The paper field's first link: its text and URL (a pattern's {paper} may be a URL)."""
    first = _first_link(value)
    if first is None and _BARE_URL.fullmatch(value):
        return "", value
    return first


def _names_a_paper(text: str) -> bool:
    """Whether ``text`` may hold an arXiv, DOI or OpenReview link (a cheap test first)."""
    lowered = text.lower()
    return any(host in lowered for host in _HOSTS)


def first_link(value: str) -> tuple[str, str] | None:
    """The text and URL of the first link anywhere in ``value``, or ``("", value)`` for a
    bare URL."""
    stripped = value.strip()
    if _BARE_URL.fullmatch(stripped):
        return "", stripped
    return _parsed_first_link(value) if "](" in value or "<" in value else None


def _first_link(value: str) -> tuple[str, str] | None:
    """The text and destination of the first link on ``value``'s first line."""
    first = value.partition("\n")[0]
    leading = _LEADING_LINK.match(first)
    if leading:
        return leading[1].strip(), leading[2]
    return _parsed_first_link(first) if "](" in first else None


def _title_text(value: str) -> str:
    """A title's text: its first link's text, or what it shows (pictures aside), in the
    first piece of the value (up to a line break, ``<br>`` too) that has any.

    Only so much is read (a table cell may hold a badge, a title, then its abstract).
    """
    for piece in re.split(r"\n|<br\s*/?>", value[:_TITLE_LIMIT], flags=re.I)[:3]:
        link = _first_link(piece.strip())
        text = link[0] if link and link[0] else _shown_text(piece)
        if text:
            return text
    return ""


def _shown_text(piece: str) -> str:
    """The text ``piece`` shows, without the alt texts of its pictures (badges)."""
    if not any(mark in piece for mark in "*_`[<&\\"):
        return piece.strip()
    words = [t.content for t in parse_inline(piece) if t.type in ("text", "code_inline")]
    return "".join(words).strip()


@lru_cache(maxsize=1024)
def _parsed_first_link(line: str) -> tuple[str, str] | None:
    tokens = parse_inline(line)
    for index, token in enumerate(tokens):
        if token.type == "link_open":
            text = []
            for inner in tokens[index + 1 :]:
                if inner.type == "link_close":
                    break
                if inner.type in ("text", "code_inline"):
                    text.append(inner.content)
            return "".join(text).strip(), str(token.attrGet("href") or "")
    return None
