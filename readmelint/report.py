"""One reporter per output format, each a function from diagnostics to text, and their registry.

Every format reads a diagnostic's severity from the diagnostic (that is, from its
rule), so all of them agree on what is an error and what a warning.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from readmelint import __version__
from readmelint.diagnostics import Diagnostic


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def summary(diagnostics: Sequence[Diagnostic], files: int) -> str:
    """The last line: how many problems, how many fixable, in how many files checked."""
    if not diagnostics:
        return f"No problems in {_plural(files, 'file')}."
    fixable = sum(d.fixable for d in diagnostics)
    hint = " (run `readmelint fix` for the fixable ones)" if fixable else ""
    return (
        f"{_plural(len(diagnostics), 'problem')} ({fixable} fixable) in "
        f"{_plural(files, 'file')}{hint}."
    )


def text(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    def paint(value: str, **style: object) -> str:
        if not color:
            return value
        import click

        return click.style(value, **style)  # type: ignore[arg-type]

    lines = []
    for d in diagnostics:
        where = paint(f"{d.path}:{d.line}:{d.column}:", bold=True)
        code = paint(d.code, fg="yellow" if d.fixable else "red", bold=True)
        mark = " [*]" if d.fixable else ""
        lines.append(f"{where} {code}{mark} {d.message}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def as_json(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    from readmelint.rules.registry import BY_CODE

    return (
        json.dumps(
            [
                {
                    "path": d.path,
                    "line": d.line,
                    "column": d.column,
                    "code": d.code,
                    "name": BY_CODE[d.code].name if d.code in BY_CODE else d.code,
                    "message": d.message,
                    "severity": d.severity.value,
                    "fixable": d.fixable,
                }
                for d in diagnostics
            ],
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    """GitHub Actions workflow commands: each problem becomes an annotation on its line.

    The summary follows as a plain line, which the job's log shows as it is.
    """
    lines = []
    for d in diagnostics:
        level = d.severity.value
        properties = ",".join(
            [
                f"file={_escape_property(d.path)}",
                f"line={d.line}",
                f"col={d.column}",
                f"title={_escape_property(d.code)}",
            ]
        )
        lines.append(f"::{level} {properties}::{_escape_data(f'{d.code} {d.message}')}")
    lines.append(summary(diagnostics, files))
    return "".join(line + "\n" for line in lines)


def _artifact_uri(path: str) -> str:
    """A file's name as SARIF's ``artifactLocation.uri``, which must be a URI reference.

    Relative names stay relative (to the working directory, the repository root in CI),
    ``/``-separated and percent-encoded; absolute ones become ``file:`` URIs.
    """
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace("\\", "/"), safe="/")


def sarif(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other SARIF viewers."""
    from readmelint.rules.registry import RULES

    index = {rule.code: position for position, rule in enumerate(RULES)}
    document = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "readmelint",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/readmelint/",
                        "rules": [
                            {
                                "id": rule.code,
                                "name": rule.name,
                                "shortDescription": {"text": rule.summary},
                                "fullDescription": {"text": rule.explanation},
                                "help": {"text": f"{rule.summary} {rule.explanation}"},
                                "defaultConfiguration": {"level": rule.level.value},
                            }
                            for rule in RULES
                        ],
                    }
                },
                # Columns count characters (code points), as in every other format.
                "columnKind": "unicodeCodePoints",
                "results": [
                    {
                        "ruleId": d.code,
                        **({"ruleIndex": index[d.code]} if d.code in index else {}),
                        "level": d.severity.value,
                        "message": {"text": d.message},
                        "locations": [
                            {
                                "physicalLocation": {
                                    "artifactLocation": {"uri": _artifact_uri(d.path)},
                                    "region": {"startLine": d.line, "startColumn": d.column},
                                }
                            }
                        ],
                    }
                    for d in diagnostics
                ],
            }
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _counts(diagnostics: Sequence[Diagnostic]) -> list[tuple[str, int, bool]]:
    """Each code found, how many times and whether fixable: most frequent first."""
    counts = Counter(d.code for d in diagnostics)
    fixable = {d.code: d.fixable for d in diagnostics}
    return sorted(
        ((code, count, fixable[code]) for code, count in counts.items()),
        key=lambda row: (-row[1], row[0]),
    )


def _name(code: str) -> str:
    from readmelint.rules.registry import BY_CODE

    return BY_CODE[code].name if code in BY_CODE else code


def text_statistics(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    """``--statistics``: a count, a code, ``[*]`` if fixable and the rule's name a line,
    then the summary."""
    rows = _counts(diagnostics)
    width = max((len(str(count)) for _, count, _ in rows), default=1)
    lines = []
    for code, count, fixable in rows:
        shown = code
        if color:
            import click

            shown = click.style(code, fg="yellow" if fixable else "red", bold=True)
        lines.append(f"{count:>{width}}  {shown}  {'[*]' if fixable else '   '} {_name(code)}")
    lines.append(summary(diagnostics, files))
    return "\n".join(lines) + "\n"


def json_statistics(diagnostics: Sequence[Diagnostic], files: int, color: bool = False) -> str:
    rows = [
        {"code": code, "name": _name(code), "count": count, "fixable": fixable}
        for code, count, fixable in _counts(diagnostics)
    ]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


@dataclass(frozen=True)
class OutputFormat:
    """A ``--output-format`` choice: its name, what it is for, and its reporter."""

    name: str
    purpose: str
    render: Callable[[Sequence[Diagnostic], int, bool], str]


FORMATS = {
    output.name: output
    for output in (
        OutputFormat("text", "for people", text),
        OutputFormat("json", "for scripts", as_json),
        OutputFormat("github", "for pull-request annotations", github),
        OutputFormat("sarif", "for code scanning", sarif),
    )
}
# `check --statistics`: the formats that can say it.
STATISTICS: dict[str, Callable[[Sequence[Diagnostic], int, bool], str]] = {
    "text": text_statistics,
    "json": json_statistics,
}
