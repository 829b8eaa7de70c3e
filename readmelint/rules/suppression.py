"""Inline suppressions in HTML comments, the way markdownlint users write them.

- ``<!-- readmelint-disable-next-line RL001 -->``: the line after the comment;
- ``<!-- readmelint-disable RL002 -->`` ... ``<!-- readmelint-enable RL002 -->``: a region
  (to the end of the file if never enabled again);
- ``<!-- readmelint-disable-file RL104 -->``: the whole file.

Codes are comma- or space-separated codes or prefixes (``RL1``); no code means
every code. A comment right above an entry heading belongs to that entry and
moves with it, so a suppression keeps pointing at the same entry after
``fix`` sorts entries. Unknown codes (RL202) and suppressions that suppress
nothing (RL201) are reported.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from readmelint.diagnostics import Diagnostic, Severity
from readmelint.model import Document
from readmelint.rules.base import Rule
from readmelint.rules.fields import GOOD

RL201 = Rule(
    "RL201",
    "unused-suppression",
    "A `readmelint-disable` comment suppresses nothing.",
    "Remove the comment, or correct the code or the line it applies to.",
    "<!-- readmelint-disable-next-line RL002 -->\n" + GOOD,
    GOOD,
    severity=Severity.WARNING,
)
RL202 = Rule(
    "RL202",
    "unknown-suppression",
    "A `readmelint-disable` comment names a code that does not exist.",
    "`readmelint rules` lists every code.",
    "<!-- readmelint-disable RL999 -->\n" + GOOD,
    GOOD,
)

RULES = (RL201, RL202)

_DIRECTIVE = re.compile(
    r"<!--\s*readmelint-(disable-next-line|disable-file|disable|enable)\b(.*?)-->", re.DOTALL
)


@dataclass
class _Directive:
    kind: str
    codes: frozenset[str] | None  # None: every code
    line: int
    end: int  # last line of the comment
    used: bool = False

    def covers(self, code: str) -> bool:
        return self.codes is None or any(code.startswith(prefix) for prefix in self.codes)


@dataclass
class _Region:
    start: int
    end: int
    directive: _Directive


def has_directives(document: Document) -> bool:
    """Whether a comment of ``document`` may suppress something."""
    return any(_DIRECTIVE.search(comment.text) for comment in document.comments)


def apply_suppressions(
    document: Document, found: list[Diagnostic], path: str, codes: Collection[str]
) -> list[Diagnostic]:
    """``found`` without suppressed diagnostics, plus RL201/RL202 about the comments.

    ``codes``: every code there is (a suppression naming a prefix of none is RL202).
    """

    def known(code: str) -> bool:
        return bool(code) and any(rule.startswith(code) for rule in codes)

    directives: list[_Directive] = []
    extra: list[Diagnostic] = []
    for comment in document.comments:
        match = _DIRECTIVE.search(comment.text)
        if match is None:
            continue
        tokens = [t.upper() for t in re.split(r"[\s,]+", match.group(2).strip()) if t]
        for unknown in (t for t in tokens if not known(t)):
            extra.append(
                RL202.at(
                    path,
                    comment.span.start,
                    1,
                    f"unknown code {unknown!r} in readmelint-{match.group(1)}; "
                    "`readmelint rules` lists them",
                )
            )
        named = frozenset(t for t in tokens if known(t))
        if tokens and not named:
            continue
        directives.append(
            _Directive(match.group(1), named or None, comment.span.start, comment.span.end)
        )
    if not directives:
        return found + extra

    regions = _regions(directives, len(document.lines))
    kept: list[Diagnostic] = []
    for diagnostic in found:
        suppressor = _suppressor(diagnostic, directives, regions)
        if suppressor is None:
            kept.append(diagnostic)
        else:
            suppressor.used = True
    for directive in directives:
        if directive.kind != "enable" and not directive.used:
            extra.append(
                RL201.at(
                    path,
                    directive.line,
                    1,
                    f"readmelint-{directive.kind} suppresses nothing; remove it",
                )
            )
    return kept + extra


def _regions(directives: list[_Directive], last_line: int) -> list[_Region]:
    regions: list[_Region] = []
    open_regions: list[_Directive] = []
    for directive in directives:
        if directive.kind == "disable":
            open_regions.append(directive)
        elif directive.kind == "enable":
            still_open = []
            for region in open_regions:
                closes = directive.codes is None or (
                    region.codes is not None and region.codes <= directive.codes
                )
                if closes:
                    regions.append(_Region(region.end + 1, directive.line - 1, region))
                else:
                    still_open.append(region)
            open_regions = still_open
    regions.extend(_Region(d.end + 1, last_line, d) for d in open_regions)
    return regions


def _suppressor(
    diagnostic: Diagnostic, directives: list[_Directive], regions: list[_Region]
) -> _Directive | None:
    code = diagnostic.code
    for directive in directives:
        if not directive.covers(code):
            continue
        if directive.kind == "disable-file":
            return directive
        if directive.kind == "disable-next-line" and diagnostic.line == directive.end + 1:
            return directive
    for region in regions:
        if region.start <= diagnostic.line <= region.end and region.directive.covers(code):
            return region.directive
    return None
