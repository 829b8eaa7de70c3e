"""readmelint add, offline: what a SOURCE names, BibTeX entries, answers parsed, dates written."""

from __future__ import annotations

import pytest

from readmelint.add.bibtex import read_bibtex
from readmelint.add.fields import escape, short_name
from readmelint.add.metadata import AnswerError, NotFound, from_arxiv_atom, parse_xml
from readmelint.add.sources import ArxivId, BibtexFile, Doi, parse_source
from readmelint.dates import DateFormat, PartialDate
from readmelint.errors import InputError
from tests.loopback import ANSWERS


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("2402.12226", ArxivId("2402.12226")),
        ("arXiv:2402.12226v2", ArxivId("2402.12226")),
        ("arxiv: 2402.12226", ArxivId("2402.12226")),
        ("https://arxiv.org/abs/2402.12226", ArxivId("2402.12226")),
        ("http://www.arxiv.org/abs/2402.12226v3", ArxivId("2402.12226")),
        ("https://arxiv.org/pdf/2402.12226v1.pdf", ArxivId("2402.12226")),
        ("https://arxiv.org/pdf/2402.12226", ArxivId("2402.12226")),
        ("arxiv.org/html/2402.12226v2/", ArxivId("2402.12226")),
        ("1409.1556", ArxivId("1409.1556")),
        ("cs/0112017", ArxivId("cs/0112017")),
        ("arXiv:hep-th/9711200v3", ArxivId("hep-th/9711200")),
        ("https://arxiv.org/abs/math.GT/0309136", ArxivId("math.gt/0309136")),
        ("10.1038/nature14539", Doi("10.1038/nature14539")),
        ("doi:10.1038/nature14539", Doi("10.1038/nature14539")),
        ("https://doi.org/10.18653/v1/N19-1423", Doi("10.18653/v1/N19-1423")),
        ("http://dx.doi.org/10.1145/3065386", Doi("10.1145/3065386")),
        ("https://doi.org/10.1002%2F%28SICI%291097", Doi("10.1002/(SICI)1097")),
        ("10.48550/arXiv.2402.12226", ArxivId("2402.12226")),
        ("papers.bib", BibtexFile("papers.bib")),
        ("-", BibtexFile("-")),
    ],
)
def test_what_a_source_names(source: str, expected: object) -> None:
    assert parse_source(source) == expected


@pytest.mark.parametrize("source", ["AnyGPT", "2402.122", "https://example.org/paper", "10.1038"])
def test_a_source_that_names_nothing_is_one_line(source: str) -> None:
    with pytest.raises(InputError, match=r"not an arXiv id .*, a DOI .*, nor a BibTeX file"):
        parse_source(source)


BIBTEX = r"""
% a comment
@string{acl = "Proceedings of {ACL}"}

@inproceedings{muller2024,
  title = {{\"U}ber {BERT}: na\"{\i}ve {T}ransformers -- on $\alpha$},
  author = {M{\"u}ller, J{\'e}r{\^o}me and {\O}sterg{\aa}rd, Bo and de la Cruz, Ana and others},
  booktitle = acl,
  year = 2024,
  month = mar,
  day = {5},
  eprint = {2403.01234},
  archivePrefix = {arXiv},
  abstract = {We study {\'e}t{\'e}
  models \& their {\em limits}.}
}

@article{lecun2015,
  title = "Deep learning",
  author = "Yann LeCun and Yoshua Bengio and Geoffrey Hinton",
  journal = {Nature},
  year = {2015},
  doi = {https://doi.org/10.1038/nature14539},
}

@misc{preprint,
  title = {A preprint},
  author = {Doe, Jane},
  journal = {arXiv preprint arXiv:2401.00001},
  year = {2024}
}
"""


def test_bibtex_entries_with_latex_accents_and_braces() -> None:
    first, second, third = read_bibtex(BIBTEX, "refs.bib")
    assert first.title == "Über BERT: naïve Transformers – on $\\alpha$"
    assert first.authors == ("Jérôme Müller", "Bo Østergård", "Ana de la Cruz")
    assert first.venue == "Proceedings of ACL"  # through @string
    assert first.date == PartialDate(2024, 3, 5)
    assert (first.arxiv, first.url) == ("2403.01234", "https://arxiv.org/abs/2403.01234")
    assert first.abstract == "We study été models & their limits."
    assert first.source == "refs.bib:5"
    assert second.doi == "10.1038/nature14539"
    assert second.url == "https://doi.org/10.1038/nature14539"
    assert second.date == PartialDate(2015, None, None)
    assert (third.arxiv, third.venue) == ("2401.00001", "arXiv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", r"refs.bib: no BibTeX entries"),
        ("@article{a, title = {A},\n author = {B}", r"refs.bib:1: BibTeX entry does not parse"),
        ("@article{a, author = {B}}", r"refs.bib:1: BibTeX entry has no title"),
    ],
)
def test_bad_bibtex_is_one_line(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        read_bibtex(text, "refs.bib")


def test_xml_with_entities_is_refused() -> None:
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>'
    with pytest.raises(AnswerError, match="declares a document type"):
        parse_xml(bomb)


def test_an_answer_for_another_id_is_no_answer() -> None:
    data = (ANSWERS / "arxiv" / "2402.12226.xml").read_bytes()
    with pytest.raises(NotFound):
        from_arxiv_atom(data, "2402.12227")
    error = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>
    <summary>incorrect id format for 1234</summary></entry></feed>"""
    with pytest.raises(NotFound, match="incorrect id format for 1234"):
        from_arxiv_atom(error, "1234")


@pytest.mark.parametrize(
    ("spelling", "date", "written"),
    [
        ("YYYY-MM-DD", PartialDate(2024, 2, 9), "2024-02-09"),
        ("YYYY-MM-DD", PartialDate(2024, 2, None), None),
        ("YYYY.MM", PartialDate(2024, 2, 9), "2024.02"),
        ("YYYY", PartialDate(2024, 2, 9), "2024"),
        ("Month D, YYYY", PartialDate(2026, 4, 3), "April 3, 2026"),
        ("Mon YYYY", PartialDate(2023, 9, None), "Sep 2023"),
        ("MM/YYYY", PartialDate(2023, 5, 1), "05/2023"),
        ("MM-DD", PartialDate(2023, 7, 29), "07-29"),
    ],
)
def test_a_date_written_in_a_spelling(
    spelling: str, date: PartialDate, written: str | None
) -> None:
    form = DateFormat(spelling)
    assert form.write(date) == written
    if written is not None:
        assert form.parse(written) is not None


def test_titles_and_names() -> None:
    assert short_name("AnyGPT: Unified Multimodal LLM") == "AnyGPT"
    assert short_name("Deep learning") == "Deep learning"
    assert short_name("On the dangers of stochastic parrots: can models be too big?") == (
        "On the dangers of stochastic parrots: can models be too big?"
    )
    assert escape("a *b* [c] _d_ `e` <f> $\\alpha$ \\*") == (
        "a \\*b\\* \\[c\\] \\_d\\_ \\`e\\` \\<f> $\\alpha$ \\\\\\*"
    )
