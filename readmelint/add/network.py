"""The only HTTP readmelint does: looking up an arXiv id or a DOI for ``readmelint add``.

Endpoint bases come from the environment, so tests and mirrors can point elsewhere:
``READMELINT_ARXIV_API`` (default ``https://export.arxiv.org/api/query``),
``READMELINT_CROSSREF_API`` (default ``https://api.crossref.org/works``) and
``READMELINT_DATACITE_API`` (default ``https://api.datacite.org/dois``), asked for a DOI
Crossref does not know. Each request has a timeout and is tried once more after a
timeout, a failed connection or a 5xx/429 answer; the User-Agent names readmelint,
its version and where to find it. Answers that parse are kept in a cache
(:class:`Cache`) for :data:`CACHE_DAYS` days; ``offline`` reads only the cache.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote, urlsplit

from readmelint import __version__
from readmelint.add.metadata import (
    AnswerError,
    Metadata,
    NotFound,
    from_arxiv_atom,
    from_crossref,
    from_datacite,
)
from readmelint.add.sources import ArxivId, Doi
from readmelint.errors import InputError

ARXIV_API = "https://export.arxiv.org/api/query"
CROSSREF_API = "https://api.crossref.org/works"
DATACITE_API = "https://api.datacite.org/dois"
PROJECT_URL = "https://pypi.org/project/readmelint/"
USER_AGENT = f"readmelint/{__version__} (+{PROJECT_URL})"
TIMEOUT_SECONDS = 10.0
CACHE_DAYS = 30
# An answer about one paper is a few kilobytes; more is no answer we want.
MAX_ANSWER_BYTES = 5 * 1024 * 1024

T = TypeVar("T")


class LookupFailed(InputError):
    """An id that could not be looked up (exit 2): offline, unreachable, unknown."""


@dataclass(frozen=True, slots=True)
class Endpoints:
    arxiv: str = ARXIV_API
    crossref: str = CROSSREF_API
    datacite: str = DATACITE_API

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] = os.environ) -> Endpoints:
        return cls(
            environ.get("READMELINT_ARXIV_API") or ARXIV_API,
            environ.get("READMELINT_CROSSREF_API") or CROSSREF_API,
            environ.get("READMELINT_DATACITE_API") or DATACITE_API,
        )


@dataclass(frozen=True, slots=True)
class Cache:
    """Answers by URL, one file each under ``folder``, good for :data:`CACHE_DAYS` days.

    The folder is ``READMELINT_CACHE_DIR`` if set, else ``readmelint/add`` in the user's
    cache folder (``~/.cache`` on Linux, as :mod:`platformdirs` says for the system).
    """

    folder: Path

    @classmethod
    def default(cls, environ: Mapping[str, str] = os.environ) -> Cache:
        chosen = environ.get("READMELINT_CACHE_DIR")
        if chosen:
            return cls(Path(chosen))
        import platformdirs  # only a lookup needs it

        return cls(Path(platformdirs.user_cache_dir("readmelint")) / "add")

    def _file(self, url: str) -> Path:
        return self.folder / (hashlib.sha256(url.encode("utf-8")).hexdigest()[:40] + ".answer")

    def get(self, url: str) -> bytes | None:
        file = self._file(url)
        try:
            if time.time() - file.stat().st_mtime > CACHE_DAYS * 86400:
                return None
            return file.read_bytes()
        except OSError:
            return None

    def put(self, url: str, data: bytes) -> None:
        """Keep ``data`` for ``url``; a cache that cannot be written is no error."""
        file = self._file(url)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            partial = file.with_suffix(f".{os.getpid()}.part")
            partial.write_bytes(data)
            os.replace(partial, file)
        except OSError:
            pass


class _Missing(Exception):
    """HTTP 404/410: the service has no such record."""


@dataclass
class Client:
    """Looks papers up; see the module's documentation."""

    endpoints: Endpoints
    cache: Cache | None = None
    offline: bool = False
    timeout: float = TIMEOUT_SECONDS
    retry_delay: float = 1.0

    def lookup(self, reference: ArxivId | Doi) -> Metadata:
        if isinstance(reference, ArxivId):
            url = f"{self.endpoints.arxiv}?id_list={quote(reference.id, safe='/')}&max_results=1"
            return self._answer(reference, url, lambda data: from_arxiv_atom(data, reference.id))
        doi = reference.doi
        crossref = f"{self.endpoints.crossref.rstrip('/')}/{quote(doi, safe='/')}"
        try:
            return self._answer(reference, crossref, lambda data: from_crossref(data, doi))
        except _Missing:
            pass
        datacite = f"{self.endpoints.datacite.rstrip('/')}/{quote(doi, safe='/')}"
        try:
            return self._answer(reference, datacite, lambda data: from_datacite(data, doi))
        except _Missing:
            raise LookupFailed(
                f"{reference}: neither Crossref nor DataCite knows this DOI; check it"
            ) from None

    def _answer(
        self, reference: ArxivId | Doi, url: str, parse: Callable[[bytes], Metadata]
    ) -> Metadata:
        cached = self.cache.get(url) if self.cache else None
        if cached is not None:
            try:
                return parse(cached)
            except AnswerError:
                pass  # a cached answer that no longer reads is asked for again
        if self.offline:
            raise LookupFailed(
                f"{reference}: looking it up needs the network, and --offline was given "
                "(no answer for it in the cache); run without --offline, or add the paper "
                "from a BibTeX entry"
            )
        data = self._get(reference, url)
        try:
            found = parse(data)
        except NotFound as error:
            if isinstance(reference, ArxivId):
                raise LookupFailed(f"{reference}: {error}; check the id") from None
            raise _Missing() from None
        except AnswerError as error:
            raise LookupFailed(
                f"{reference}: the answer of {_host(url)} could not be read: {error}; "
                "try again later"
            ) from None
        if self.cache is not None:
            self.cache.put(url, data)
        return found

    def _get(self, reference: ArxivId | Doi, url: str) -> bytes:
        import urllib.error
        import urllib.request

        request = urllib.request.Request(
            url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, */*"}
        )
        problem = ""
        for attempt in range(2):
            if attempt:
                time.sleep(self.retry_delay)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    data: bytes = answer.read(MAX_ANSWER_BYTES + 1)
                if len(data) > MAX_ANSWER_BYTES:
                    raise LookupFailed(f"{reference}: the answer of {_host(url)} is too large")
                return data
            except urllib.error.HTTPError as error:
                if error.code in (404, 410):
                    if isinstance(reference, ArxivId):
                        raise LookupFailed(
                            f"{reference}: arXiv has no such paper; check the id"
                        ) from None
                    raise _Missing() from None
                problem = f"{_host(url)} answered HTTP {error.code}"
                if error.code != 429 and error.code < 500:
                    raise LookupFailed(f"{reference}: {problem}; check the id") from None
            except urllib.error.URLError as error:
                if isinstance(error.reason, TimeoutError):
                    problem = f"{_host(url)} did not answer within {self.timeout:g} s"
                else:
                    problem = f"cannot reach {_host(url)} ({_reason(error.reason)})"
            except TimeoutError:
                problem = f"{_host(url)} did not answer within {self.timeout:g} s"
            except OSError as error:
                problem = f"cannot reach {_host(url)} ({_reason(error)})"
        raise LookupFailed(
            f"{reference}: {problem} (tried twice); check the connection and try again, or "
            "add the paper from a BibTeX entry"
        )


def _host(url: str) -> str:
    return urlsplit(url).netloc or url


def _reason(reason: object) -> str:
    text = getattr(reason, "strerror", None) or str(reason)
    return str(text)
