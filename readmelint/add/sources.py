"""What a SOURCE of ``readmelint add`` names: an arXiv id, a DOI, or a BibTeX file.

Read from the argument alone, offline: ``2402.12226``, ``arXiv:2402.12226v2``,
``https://arxiv.org/abs/2402.12226`` (``/pdf/``, ``/html/``, ``.pdf``), old-style
``cs/0112017``; ``10.1038/nature14539``, ``doi:10.1038/...``,
``https://doi.org/10.1038/...``; a path to a ``.bib`` file, or ``-`` for standard
input. A DOI of arXiv's own (``10.48550/arXiv.2402.12226``) is its arXiv id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from readmelint.errors import InputError

_NEW_ID = r"\d{4}\.\d{4,5}"
_OLD_ID = r"[a-z][a-z.-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"(?P<id>{_NEW_ID}|{_OLD_ID})(?:v(?P<version>\d+))?", re.IGNORECASE)
_ARXIV_URL = re.compile(
    r"(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html|format)/"
    r"(?P<rest>.+?)(?:\.pdf)?/?$",
    re.IGNORECASE,
)
_DOI = re.compile(r"10\.\d{4,9}/\S+")
_DOI_PREFIX = re.compile(
    r"^(?:doi:\s*|(?:https?://)?(?:dx\.)?doi\.org/|(?:https?://)?doi\.org/)", re.IGNORECASE
)
_ARXIV_DOI = re.compile(rf"10\.48550/arxiv\.(?P<id>{_NEW_ID}|{_OLD_ID})$", re.IGNORECASE)
STDIN = "-"


@dataclass(frozen=True, slots=True)
class ArxivId:
    """An arXiv identifier, without its version (the lookup gives the latest)."""

    id: str

    def __str__(self) -> str:
        return f"arXiv:{self.id}"


@dataclass(frozen=True, slots=True)
class Doi:
    doi: str  # as written after ``10.``, case kept (DOIs are case-insensitive)

    def __str__(self) -> str:
        return f"doi:{self.doi}"


@dataclass(frozen=True, slots=True)
class BibtexFile:
    path: str  # "-" for standard input

    def __str__(self) -> str:
        return self.path


Reference = ArxivId | Doi | BibtexFile


def parse_source(text: str) -> Reference:
    """What ``text`` names; :class:`InputError` if it is none of the three kinds."""
    raw = text.strip()
    if raw == STDIN:
        return BibtexFile(STDIN)
    found = arxiv_reference(raw)
    if found is not None:
        return found
    doi = _doi(raw)
    if doi is not None:
        arxiv = _ARXIV_DOI.match(doi)
        return ArxivId(_normal_arxiv(arxiv["id"])) if arxiv else Doi(doi)
    if Path(raw).is_file() or raw.lower().endswith(".bib"):
        return BibtexFile(raw)
    raise InputError(
        f"{text}: not an arXiv id (2402.12226, arXiv:2402.12226v2, cs/0112017, an arxiv.org "
        "link), a DOI (10.1038/nature14539 or a doi.org link), nor a BibTeX file; check it"
    )


def arxiv_reference(raw: str) -> ArxivId | None:
    """The arXiv id ``raw`` names (an id, ``arXiv:ID`` or an arxiv.org link), if any."""
    text = re.sub(r"^arxiv:\s*", "", raw.strip(), flags=re.IGNORECASE)
    url = _ARXIV_URL.match(text)
    if url:
        text = url["rest"]
    match = _ARXIV_ID.fullmatch(text)
    return ArxivId(_normal_arxiv(match["id"])) if match else None


def _normal_arxiv(found: str) -> str:
    """New-style ids as they are; an old-style one's archive lowercased, as arXiv has it."""
    if "/" not in found:
        return found
    archive, number = found.split("/")
    return f"{archive.lower()}/{number}"


def _doi(raw: str) -> str | None:
    text = _DOI_PREFIX.sub("", raw)
    text = unquote(text) if "%" in text else text
    return text if _DOI.fullmatch(text) else None
