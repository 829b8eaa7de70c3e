"""Links inside the file: every ``#anchor`` reaches something (RL304), and the table of
contents lists the headings as they are (RL305, which fix regenerates)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import unquote

from readmelint.anchors import document_anchors
from readmelint.diagnostics import Diagnostic
from readmelint.rules.base import Context, Rule
from readmelint.toc import TocPlan

_DOCUMENT = (
    "# Papers\n\n- [Vision](#vision)\n- [Language](#language)\n- [Speech](#speech)\n"
    "- [Robotics](#robotics)\n\n"
)
_SECTIONS = "".join(
    f"## {name}\n\ntext\n\n" for name in ("Vision", "Language", "Speech", "Robotics")
)

RL304 = Rule(
    "RL304",
    "broken-anchor",
    "A link to `#anchor` that no heading or HTML anchor of the file has.",
    "Anchors are made as GitHub makes them: lowercase; punctuation but `-` and `_` "
    "dropped; spaces as `-`; emoji dropped; letters of every script kept; `-1`, `-2` "
    "for repeated headings. `<a name=...>` and `id=...` count too.",
    "# Papers\n\nSee [the list](#paper-list).\n\n## Papers list\n",
    "# Papers\n\nSee [the list](#papers-list).\n\n## Papers list\n",
    failing_line=3,
)
RL305 = Rule(
    "RL305",
    "stale-contents",
    "The table of contents does not list the headings as they are.",
    "A heading it misses, an entry pointing nowhere, or entries in another order than "
    "the headings. `fix` writes it again in place, keeping its marker, indentation, "
    "the levels it covers and its entries' own texts (see the README).",
    _DOCUMENT.replace("- [Language](#language)\n", "") + _SECTIONS,
    _DOCUMENT + _SECTIONS,
    fixable=True,
    failing_line=3,
)

RULES: tuple[Rule, ...] = (RL304, RL305)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document = context.path, context.document
    plan = context.canonical.of(TocPlan)
    # The contents' own links are RL305's, where fix writes the contents again.
    toc = plan.toc
    in_toc = range(toc.span.start, toc.span.end + 1) if toc else range(0)
    if document.anchor_links:
        anchors = {anchor.casefold() for anchor in document_anchors(document)}
        for line, anchor in document.anchor_links:
            if line not in in_toc and unquote(anchor).casefold() not in anchors:
                yield RL304.at(
                    path,
                    line,
                    1,
                    f"link to #{anchor}, which no heading of this file has; check the spelling "
                    "or the heading",
                )
    yield from _contents(path, plan)


def _contents(path: str, plan: TocPlan) -> Iterator[Diagnostic]:
    toc = plan.toc
    if toc is None or not plan.changed:
        return
    wanted = [anchor for _, _, _, anchor in plan.wanted]
    found = False
    for item in toc.items:
        if item.anchor not in plan.headings:
            found = True
            yield RL305.at(
                path,
                item.line,
                item.indent + 1,
                f"contents link to #{item.anchor}, which no heading has; fix writes the "
                "contents again",
            )
    listed = {item.anchor for item in toc.items}
    for anchor in wanted:
        if anchor not in listed:
            found = True
            heading = plan.headings[anchor]
            yield RL305.at(
                path,
                toc.span.start,
                1,
                f'the contents miss the heading "{heading.source.strip()}" (line {heading.line}); '
                "fix adds it",
            )
    if not found:
        yield RL305.at(
            path,
            toc.span.start,
            1,
            "the contents are not in the order or at the depth of the headings; fix writes "
            "them again",
        )
