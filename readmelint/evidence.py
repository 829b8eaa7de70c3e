"""What looks like a paper: list items, table rows, paragraphs and headings that say so.

A block is read from markdown-it's tokens (its inline content parsed by markdown-it
too) and looks like a paper when it links to one (arXiv, DOI, OpenReview, a
publisher or proceedings site, a ``.pdf``, a link called ``pdf`` or ``paper``), names
an arXiv id in its text (``arXiv:2007.01493``), or names a known venue with a year
(``NeurIPS 2018``, ``CVPR'19``); a table row does when its table's header names a
title column and another paper column (``Title | Venue | Date``). ``check`` counts
such blocks that no entry holds (RL014); ``init --from`` starts from them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from readmelint.labels import normalise
from readmelint.markdown import block_parser, parse_inline
from readmelint.papers import identifier

if TYPE_CHECKING:
    from markdown_it.token import Token

    from readmelint.model import Document

# Sites whose pages are papers (a host or any of its subdomains).
PAPER_HOSTS = (
    "arxiv.org",
    "doi.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "papers.nips.cc",
    "proceedings.neurips.cc",
    "neurips.cc",
    "proceedings.mlr.press",
    "jmlr.org",
    "openaccess.thecvf.com",
    "cv-foundation.org",
    "ecva.net",
    "ieeexplore.ieee.org",
    "dl.acm.org",
    "link.springer.com",
    "sciencedirect.com",
    "semanticscholar.org",
    "ojs.aaai.org",
    "aaai.org",
    "ijcai.org",
    "nature.com",
    "science.org",
    "biorxiv.org",
    "medrxiv.org",
    "researchgate.net",
    "isca-speech.org",
    "bmva.org",
)
# What a link to a paper is called when it is not the title: [pdf], [Paper], [arXiv].
PAPER_WORDS = frozenset({"pdf", "paper", "arxiv", "doi", "openreview"})
# The headers of a table of papers: one names the paper, another says where or when it
# appeared or who wrote it (a Name and a Code column alone make a table of tools).
TITLE_HEADERS = frozenset(
    {"title", "paper", "papers", "paper_title", "name", "论文", "题目", "标题"}
)
PAPER_HEADERS = frozenset(
    {
        "venue",
        "conference",
        "journal",
        "publication",
        "published",
        "year",
        "date",
        "authors",
        "author",
        "pdf",
        "arxiv",
        "收录",
        "作者",
        "时间",
        "日期",
        "会议",
    }
)
# A link's destination, and a link called pdf or paper (``[[pdf]](``, ``[Paper](``).
_DESTINATION = re.compile(r"\]\(\s*<?(https?://[^\s)>]+)", re.IGNORECASE)
_LINK_WORD = re.compile(r"\[\[?\s*(?:pdf|paper|arxiv|doi|openreview)\s*\]?\]\(", re.IGNORECASE)
# How much of a block says whether it is a paper.
READ = 2000
_ARXIV_TEXT = re.compile(r"\barxiv\s*:?\s*\d{4}\.\d{4,5}", re.IGNORECASE)
# A venue's name and a year right after it: "NeurIPS 2018", "CVPR'19", "ICLR-2020".
_VENUE_YEAR = re.compile(r"([A-Za-z][A-Za-z-]{1,14})\s*(?:'|’|-|\s)\s*((?:19|20)?\d\d)\b")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A block that looks like a paper: its first line (1-based) and what it is."""

    line: int
    kind: str  # "item", "row", "paragraph", "heading"


def is_paper_link(href: str, text: str = "") -> bool:
    """Whether a link to ``href`` called ``text`` leads to a paper."""
    if text.strip("[]()* ").casefold() in PAPER_WORDS:
        return True
    if identifier(href) is not None:
        return True
    lowered = href.casefold().split("?")[0].split("#")[0]
    if lowered.endswith(".pdf"):
        return True
    host = lowered.partition("://")[2].partition("/")[0]
    return any(host == site or host.endswith("." + site) for site in PAPER_HOSTS)


def says_paper(content: str) -> bool:
    """Whether a block's inline Markdown ``content`` looks like a paper (see the module).

    The block is markdown-it's; within it, links are found by their destinations, as
    :mod:`readmelint.papers` reads identifiers: an inline parse costs about a
    millisecond a link, and a list nobody reads may have thousands. Only the start of a
    block is read: a paper's links come before its abstract.
    """
    return links_to_paper(content) or names_paper(content[:READ])


def links_to_paper(content: str) -> bool:
    """Whether ``content`` links to a paper (a heading says so only this way: `CVPR 2024`
    in a heading names a section)."""
    content = content[:READ]
    if "](" not in content:
        return False
    if _LINK_WORD.search(content):
        return True
    return any(is_paper_link(url) for url in _DESTINATION.findall(content))


def names_paper(text: str) -> bool:
    """Whether plain ``text`` names an arXiv id, or a known venue with a year."""
    if _ARXIV_TEXT.search(text):
        return True
    candidates = [match[1] for match in _VENUE_YEAR.finditer(text)]
    if not candidates:
        return False
    from readmelint.venues import known_venue  # only text with a word and a year needs it

    return any(known_venue(name) for name in candidates)


def paper_header(cells: Iterable[str]) -> bool:
    """Whether a table's header cells (inline Markdown) name a paper's title and more."""
    keys = {normalise(_plain(cell[:READ])) for cell in cells}
    return bool(keys & TITLE_HEADERS) and bool(keys & PAPER_HEADERS)


def _plain(cell: str) -> str:
    return "".join(
        t.content for t in parse_inline(cell.replace("&nbsp;", " ")) if t.type == "text"
    ).strip()


def likely_papers(text: str) -> list[Candidate]:
    """Every block of ``text`` that looks like a paper, in order."""
    return list(_candidates(block_parser().parse(text)))


def _candidates(tokens: Sequence[Token]) -> Iterator[Candidate]:
    items: list[int] = []  # the first line of each list item we are inside
    header: list[str] = []
    paper_table = False
    for index, token in enumerate(tokens):
        kind = token.type
        if kind == "list_item_open" and token.map is not None:
            items.append(token.map[0])
        elif kind == "list_item_close" and items:
            items.pop()
        elif kind == "paragraph_open" and token.map is not None:
            content = tokens[index + 1].content
            if items and token.map[0] == items[-1]:
                if says_paper(content):
                    yield Candidate(items[-1] + 1, "item")
            elif not items and says_paper(content):
                yield Candidate(token.map[0] + 1, "paragraph")
        elif kind == "heading_open" and token.map is not None:
            if links_to_paper(tokens[index + 1].content):
                yield Candidate(token.map[0] + 1, "heading")
        elif kind == "thead_open":
            header = []
        elif kind == "th_open":
            header.append(tokens[index + 1].content)
        elif kind == "tbody_open":
            paper_table = paper_header(header)
        elif kind == "tr_open" and token.map is not None:
            cells = _row_cells(tokens, index)
            if cells is None:
                continue  # the header row
            if (paper_table and any(cell.strip() for cell in cells)) or any(
                says_paper(cell) for cell in cells
            ):
                yield Candidate(token.map[0] + 1, "row")


def _row_cells(tokens: Sequence[Token], index: int) -> list[str] | None:
    """The inline content of each cell of the row opening at ``index`` (None: a header)."""
    cells = []
    for token in tokens[index + 1 :]:
        if token.type == "tr_close":
            break
        if token.type == "th_open":
            return None
        if token.type == "inline":
            cells.append(token.content)
    return cells


def unread_papers(document: Document) -> list[Candidate]:
    """The blocks outside every entry, entry table and entry list that look like papers.

    Only the rest of the file is parsed (little, where a config reads its list): each
    run of lines that was read stands as one blank line, which ends every block it
    could be in the middle of, as the entry there did.
    """
    covered = [block for found in document.found.values() for block in found.blocks]
    lines = document.lines
    if not covered:
        return likely_papers(lines.joined(0, len(lines)))
    pieces: list[str] = []
    origin: list[int] = []  # the line (0-based) of the file each line of the rest is
    position = 0
    for start, end in [*sorted(covered), (len(lines) + 1, len(lines))]:
        gap = lines.joined(position, start - 1) if start - 1 > position else ""
        if gap.strip():  # (the blank lines between entries say nothing: left out)
            pieces.append(gap if gap.endswith(("\n", "\r")) else gap + "\n")
            origin.extend(range(position, start - 1))
        if end > position and start <= len(lines):
            if not pieces or pieces[-1] != "\n":
                pieces.append("\n")
                origin.append(start - 1)
            position = end
    rest = "".join(pieces)
    return [
        Candidate(origin[candidate.line - 1] + 1, candidate.kind)
        for candidate in likely_papers(rest)
    ]
