"""Venues: a venue field's text to its short name (``CVPR 2024 (Highlight)`` -> ``CVPR``)
and its kind (conference, journal or neither), for stats and BibTeX."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import Enum

from readmelint.markdown import plain_text

# The schema keys a venue field goes by.
VENUE_KEYS = ("accepted", "venue", "conference", "publication", "journal")

_CONFERENCES = [
    "CVPR",
    "ICCV",
    "ECCV",
    "NeurIPS",
    "ICML",
    "ICLR",
    "ACL",
    "EMNLP",
    "NAACL",
    "EACL",
    "COLING",
    "AAAI",
    "IJCAI",
    "KDD",
    "SIGIR",
    "WWW",
    "WSDM",
    "ACM-MM",
    "INTERSPEECH",
    "ICASSP",
    "CoRL",
    "RSS",
    "ICRA",
    "IROS",
    "UAI",
    "AISTATS",
    "COLT",
    "CIKM",
    "ECIR",
    "SIGGRAPH",
    "WACV",
    "BMVC",
    "MICCAI",
    "COLM",
]
_JOURNALS = [
    "TPAMI",
    "IJCV",
    "JMLR",
    "TMLR",
    "TACL",
    "TIP",
    "TNNLS",
    "TKDE",
    "TOG",
    "Nature",
    "Science",
]
_SPELLING = {name.lower(): name for name in (*_CONFERENCES, *_JOURNALS)} | {
    "nips": "NeurIPS",
    "acm mm": "ACM-MM",
    "mm": "ACM-MM",
    "pami": "TPAMI",
    "arxiv": "arXiv",
}
_CONFERENCE_WORDS = re.compile(r"\b(conference|workshop|proceedings|symposium)\b", re.I)
_JOURNAL_WORDS = re.compile(r"\b(journal|transactions|letters)\b", re.I)
# A year (2024, '24), and what follows it or a bracket: the track, award or note.
_TAIL = re.compile(r"(\s*[(\[].*|[\s,]*(?:19|20)\d\d\b.*|\s*'\d\d\b.*)$")
_PLACEHOLDER = re.compile(r"^[\W_]*$|^(n/?a|none|tbd|todo|-+|unknown|under review)$", re.I)


def known_venue(name: str) -> str | None:
    """The usual spelling of a venue known by ``name`` (``nips`` -> ``NeurIPS``), if any."""
    return _SPELLING.get(name.lower())


class VenueKind(Enum):
    CONFERENCE = "conference"
    JOURNAL = "journal"
    OTHER = "other"


def short_venue(value: str) -> str:
    """The venue's name without its year, track or notes, in its usual spelling; ``""``
    for an empty or placeholder value."""
    text = " ".join(plain_text(value).split())
    name = _TAIL.sub("", text).strip(" ,;:-")
    if _PLACEHOLDER.match(name):
        return ""
    spelt = _SPELLING.get(name.lower())
    if spelt is None:  # `CVPR Workshop`: a conference's name leads; `Nature Physics` stays
        first = _SPELLING.get(name.split()[0].lower(), "")
        spelt = first if first in _CONFERENCES else name
    return spelt


def venue_kind(value: str) -> VenueKind:
    """A journal where the text names one (TPAMI, Nature ...) or says Journal or
    Transactions; else a conference where it names one (CVPR, Findings of ACL ...) or
    says Conference, Workshop, Proceedings or Symposium."""
    words = {_SPELLING.get(word.lower()) for word in re.findall(r"[\w-]+", plain_text(value))}
    if words & set(_JOURNALS) or _JOURNAL_WORDS.search(value):
        return VenueKind.JOURNAL
    if words & set(_CONFERENCES) or _CONFERENCE_WORDS.search(value):
        return VenueKind.CONFERENCE
    return VenueKind.OTHER


def venue_field(fields: Mapping[str, str]) -> str:
    """The value of the first venue field an entry fills, or ``""``."""
    return next((fields[key] for key in VENUE_KEYS if fields.get(key, "").strip()), "")
