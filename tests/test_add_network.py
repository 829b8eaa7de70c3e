"""readmelint add's lookups, against a loopback server serving recorded answers; and that
check and fix never touch the network."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint import __version__
from readmelint.add.network import Cache, Client, Endpoints, LookupFailed
from readmelint.add.sources import ArxivId, Doi
from readmelint.cli import main
from readmelint.dates import PartialDate
from tests.helpers import ROOT
from tests.loopback import Loopback, serving


@pytest.fixture(scope="module")
def loopback() -> Iterator[Loopback]:
    with serving() as server:
        yield server


def client(loopback: Loopback, tmp_path: Path, **options: object) -> Client:
    endpoints = Endpoints.from_environment(loopback.environment())
    settings: dict[str, object] = {"timeout": 2.0, "retry_delay": 0.0, **options}
    return Client(endpoints, Cache(tmp_path / "cache"), **settings)  # type: ignore[arg-type]


def test_endpoints_default_to_the_public_services() -> None:
    endpoints = Endpoints.from_environment({})
    assert endpoints.arxiv == "https://export.arxiv.org/api/query"
    assert endpoints.crossref == "https://api.crossref.org/works"
    assert endpoints.datacite == "https://api.datacite.org/dois"


def test_an_arxiv_id_is_looked_up(loopback: Loopback, tmp_path: Path) -> None:
    found = client(loopback, tmp_path).lookup(ArxivId("2402.12226"))
    assert found.title == "AnyGPT: Unified Multimodal LLM with Discrete Sequence Modeling"
    assert found.authors == ("Jun Zhan", "Junqi Dai", "Jiasheng Ye", "Xipeng Qiu")
    assert found.date == PartialDate(2024, 2, 19)  # the first version's, not the last's
    assert found.venue == "arXiv"
    assert found.url == "https://arxiv.org/abs/2402.12226"
    assert found.pdf == "https://arxiv.org/pdf/2402.12226"
    assert found.abstract.startswith("We introduce AnyGPT, an any-to-any multimodal")
    assert "\n" not in found.abstract
    assert (
        loopback.user_agents[-1]
        == f"readmelint/{__version__} (+https://pypi.org/project/readmelint/)"
    )


def test_journal_ref_doi_and_old_style_ids(loopback: Loopback, tmp_path: Path) -> None:
    attention = client(loopback, tmp_path).lookup(ArxivId("1706.03762"))
    assert attention.title == "Attention Is All You Need"  # the feed's line break joined
    assert attention.venue == "NeurIPS 2017"
    old = client(loopback, tmp_path).lookup(ArxivId("hep-th/9711200"))
    assert old.authors == ("Juan M. Maldacena",)
    assert old.doi == "10.1023/A:1026654312961"
    assert old.url == "https://arxiv.org/abs/hep-th/9711200"
    assert old.date == PartialDate(1997, 11, 27)


def test_a_doi_is_looked_up_on_crossref(loopback: Loopback, tmp_path: Path) -> None:
    found = client(loopback, tmp_path).lookup(Doi("10.1038/nature14539"))
    assert (found.title, found.venue) == ("Deep learning", "Nature")
    assert found.authors == ("Yann LeCun", "Yoshua Bengio", "Geoffrey Hinton")
    assert found.date == PartialDate(2015, 5, 28)
    assert found.url == "https://doi.org/10.1038/nature14539"
    bert = client(loopback, tmp_path).lookup(Doi("10.18653/v1/N19-1423"))
    assert bert.title.startswith("BERT: Pre-training")  # JATS markup dropped
    assert bert.abstract == "We introduce a new language representation model called BERT & more."
    assert bert.date == PartialDate(2019, None, None)


def test_datacite_answers_where_crossref_has_no_such_doi(
    loopback: Loopback, tmp_path: Path
) -> None:
    found = client(loopback, tmp_path).lookup(Doi("10.5281/zenodo.1234567"))
    assert found.title == "A sample dataset of paper lists"
    assert found.authors == ("Jane Doe", "Richard Roe")
    assert found.date == PartialDate(2023, 6, 14)
    assert found.venue == "Zenodo"
    assert loopback.requests["/crossref/works/10.5281/zenodo.1234567"] >= 1


def test_unknown_ids_and_dois(loopback: Loopback, tmp_path: Path) -> None:
    with pytest.raises(LookupFailed, match=r"^arXiv:2402\.99999: arXiv has no paper 2402\.99999"):
        client(loopback, tmp_path).lookup(ArxivId("2402.99999"))
    with pytest.raises(LookupFailed, match="neither Crossref nor DataCite knows this DOI"):
        client(loopback, tmp_path).lookup(Doi("10.5555/nothing"))


def test_a_server_error_is_tried_again_once(loopback: Loopback, tmp_path: Path) -> None:
    found = client(loopback, tmp_path).lookup(ArxivId("2402.00501"))
    assert found.arxiv == "2402.00501"
    assert loopback.requests["/arxiv/query?id_list=2402.00501&max_results=1"] == 2
    with pytest.raises(LookupFailed, match=r"answered HTTP 500 \(tried twice\)"):
        client(loopback, tmp_path).lookup(ArxivId("2402.00500"))
    assert loopback.requests["/arxiv/query?id_list=2402.00500&max_results=1"] == 2
    with pytest.raises(LookupFailed, match="HTTP 500"):
        client(loopback, tmp_path).lookup(Doi("10.5555/fails"))


def test_a_timeout_is_tried_again_once(loopback: Loopback, tmp_path: Path) -> None:
    loopback.delay = 1.0
    with pytest.raises(LookupFailed, match=r"did not answer within 0.2 s \(tried twice\)"):
        client(loopback, tmp_path, timeout=0.2).lookup(ArxivId("2402.00777"))
    assert loopback.requests["/arxiv/query?id_list=2402.00777&max_results=1"] == 2


def test_malformed_answers(loopback: Loopback, tmp_path: Path) -> None:
    with pytest.raises(LookupFailed, match="not well-formed XML"):
        client(loopback, tmp_path).lookup(ArxivId("2402.00666"))
    with pytest.raises(LookupFailed, match="not valid JSON"):
        client(loopback, tmp_path).lookup(Doi("10.5555/malformed"))
    assert not list((tmp_path / "cache").glob("*"))  # nothing that failed to read is kept


def test_answers_are_cached_and_offline_reads_only_the_cache(
    loopback: Loopback, tmp_path: Path
) -> None:
    first = client(loopback, tmp_path).lookup(Doi("10.1038/nature14539"))
    asked = loopback.requests["/crossref/works/10.1038/nature14539"]
    again = client(loopback, tmp_path, offline=True).lookup(Doi("10.1038/nature14539"))
    assert again == first
    assert loopback.requests["/crossref/works/10.1038/nature14539"] == asked
    with pytest.raises(LookupFailed, match="--offline was given"):
        client(loopback, tmp_path, offline=True).lookup(ArxivId("1706.03762"))


def test_no_server_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    endpoints = Endpoints(arxiv=f"http://127.0.0.1:{port}/query")
    with pytest.raises(LookupFailed, match=r"cannot reach 127\.0\.0\.1:\d+ \(.*\) \(tried twice\)"):
        Client(endpoints, None, timeout=1, retry_delay=0).lookup(ArxivId("2402.12226"))


def test_offline_on_the_command_line_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "README.md"
    text = (ROOT / "examples" / "README.md").read_text("utf-8")
    target.write_text(text, "utf-8")
    env = {"READMELINT_CACHE_DIR": str(tmp_path / "cache")}
    result = CliRunner().invoke(
        main, ["add", "2402.12226", "--offline", "--to", str(target)], env=env
    )
    assert result.exit_code == 2
    assert result.output == (
        "readmelint: arXiv:2402.12226: looking it up needs the network, and --offline was "
        "given (no answer for it in the cache); run without --offline, or add the paper from "
        "a BibTeX entry\n"
    )
    assert target.read_text("utf-8") == text


@pytest.mark.parametrize("command", ["check", "fix", "fix --diff"])
def test_check_and_fix_never_touch_the_network(
    command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a network connection was attempted")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    target = tmp_path / "README.md"
    target.write_text((ROOT / "examples" / "README.md").read_text("utf-8"), "utf-8")
    result = CliRunner().invoke(main, [*command.split(), "--jobs", "1", str(target)])
    assert result.exit_code in (0, 1), result.output
    assert "network connection" not in result.output
