"""How entries are written, in every layout: what fix changes (RL101, RL102, RL104, RL105,
RL107), read from the canonical form; and RL111, where the list's own order stays.

check reports every change fix would make, and only those. Each code here is
declared with its detection: a function that compares what a layout's entries are
with what its plan makes of them, given only what is the layout's own (where a
field or a cell starts, how its messages name an entry). The codes only one
layout reports live with that layout (RL103 and RL106 with ``headings``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypeVar

from readmelint.diagnostics import Diagnostic, Severity
from readmelint.model import Field
from readmelint.rules.base import Context, Rule
from readmelint.rules.fields import GOOD, GOOD_FIELDS
from readmelint.settings import Settings, Unsorted

RL101 = Rule(
    "RL101",
    "field-order",
    "Fields are not in the schema's order.",
    "`fix` puts known fields in the order of the schema's properties, unknown ones after "
    "them in their original order.",
    "### AnyGPT\n" + "\n".join(reversed(GOOD_FIELDS.splitlines())) + "\n",
    GOOD,
    fixable=True,
    failing_line=2,
)
RL102 = Rule(
    "RL102",
    "label-form",
    "A label is not written as most labels of the file are, with the schema's spelling.",
    "Catches `**Personal note**:` in a list of `**Label:**`, `**Personal Note:**`, "
    "`**Tags** :`, a full-width colon among ASCII ones, a plain `Date:` among bold labels. "
    "A list that writes its labels plain, or with `：`, keeps them so; `label = "
    '"**Label:**"` in the configuration pins a form.',
    GOOD.replace("**Personal note:**", "**Personal Note**:"),
    GOOD,
    fixable=True,
    failing_line=8,
)
RL104 = Rule(
    "RL104",
    "entry-order",
    "Entries in a section are not sorted by date, newest first.",
    "Entries without a valid date go after the dated ones, in their original order. "
    "Configure with `sort` (a field and a direction, or `false`).",
    GOOD + "\n" + GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer"),
    GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer") + "\n" + GOOD,
    fixable=True,
    failing_line=10,
)
RL105 = Rule(
    "RL105",
    "trailing-whitespace",
    "Trailing whitespace that renders nothing.",
    "Two trailing spaces before a line that continues the same paragraph are a hard "
    "break and are kept; elsewhere trailing whitespace is noise.",
    GOOD.replace("arXiv\n", "arXiv   \n"),
    GOOD,
    fixable=True,
    failing_line=3,
)
RL107 = Rule(
    "RL107",
    "not-canonical",
    "The entry differs from its canonical form in a way no other rule names.",
    "A catch-all so that `check` reports everything `fix` would change, such as an "
    "indented heading, which `fix` unindents.",
    " " + GOOD,
    GOOD,
    fixable=True,
)

# Years that mostly rise, but not three times in four: an order of the list's own.
_OWN_ORDER_YEARS = (2010, 2012, 2011, 2013, 2015, 2014, 2016, 2018, 2017, 2019, 2021, 2020)


def _dated(years: Sequence[int]) -> str:
    return "\n".join(
        GOOD.replace("2024-02-19", f"{year}-02-19")
        .replace("AnyGPT", f"Paper {year}")
        .replace("https://arxiv.org/abs/2402.12226", f"https://example.org/{year}")
        for year in years
    )


RL111 = Rule(
    "RL111",
    "own-order",
    "No entry order is set, and the list keeps an order of its own, not by date.",
    "Without `sort`, fix sorts entries by the schema's first date field, newest first, "
    "or oldest first where three in four neighbouring dated entries already run that way. "
    "Where at least ten neighbours are counted and neither holds, the list keeps an order "
    "of its own: fix moves nothing, and this says so once. Keep the order with "
    "`sort = false`, or sort the list by pinning `sort`.",
    _dated(_OWN_ORDER_YEARS),
    _dated(sorted(_OWN_ORDER_YEARS, reverse=True)),
    severity=Severity.WARNING,
)

RULES = (RL101, RL102, RL104, RL105, RL107, RL111)


T = TypeVar("T")


def misplaced_field(
    path: str,
    actual: Sequence[T],
    ordered: Sequence[T],
    where: Callable[[T], tuple[int, int]],
    name: Callable[[T], str],
    what: str = "field",
) -> Iterator[Diagnostic]:
    """RL101 at the first of ``actual`` (fields, a table's columns) that is not where
    ``ordered`` (the plan) puts it; ``where``: its line and column, ``name``: its label."""
    for found, expected in zip(actual, ordered, strict=True):
        if found is not expected:
            line, column = where(found)
            yield RL101.at(
                path,
                line,
                column,
                f'{what} "{name(expected)}" should come before "{name(found)}" (schema order)',
            )
            return


def label_forms(
    path: str, fields: Iterable[Field], wanted: Callable[[Field], str]
) -> Iterator[Diagnostic]:
    """RL102 at each labelled field whose label is not written as ``wanted`` says."""
    for field in fields:
        if not field.label_source:
            continue
        form = wanted(field)
        if field.label_source != form:
            yield RL102.at(
                path,
                field.span.start,
                field.column,
                f"write the label {field.label_source} as {form}",
            )


def misplaced_entry(
    path: str,
    actual: Sequence[T],
    ordered: Sequence[T],
    settings: Settings,
    describe: Callable[[T, T], tuple[int, int, str]],
    noun: str = "entries",
) -> Iterator[Diagnostic]:
    """RL104 at the first entry (a row, an item) that the plan puts before where it is.

    ``describe(found, expected)``: where to report ``expected`` and how to say that it
    comes before ``found``; ``noun``: what the layout's entries are called."""
    sort = settings.resolved_sort()
    if sort is None:
        return
    spec = settings.schema.spec(sort.key)
    title = spec.title if spec else sort.key
    direction = "newest first" if sort.descending else "oldest first"
    for found, expected in zip(actual, ordered, strict=True):
        if found is not expected:
            line, column, before = describe(found, expected)
            yield RL104.at(
                path, line, column, f"{before}: {noun} are sorted by {title}, {direction}"
            )
            return


def check(context: Context) -> Iterator[Diagnostic]:
    """RL111 once, at the first entry, where the list keeps an order of its own
    (:class:`~readmelint.settings.Unsorted`): fix leaves it, and says how to pin one."""
    sort = context.settings.sort
    if not isinstance(sort, Unsorted) or not context.document.entries:
        return
    spec = context.settings.schema.spec(sort.key)
    title = spec.title if spec else sort.key
    message = (
        f"entries are not sorted by {title}, newest first ({sort.against} of {sort.pairs} "
        "neighbouring dated entries run the other way), so fix keeps the list's own order: "
        f'set `sort = false` to keep it, or `sort = {{ field = "{title}", '
        'order = "descending" }` to sort it'
    )
    first = context.document.entries[0]
    yield RL111.at(context.path, first.line, 1, message)


def trailing_whitespace(path: str, line: int, kept: str) -> Diagnostic:
    """RL105 on ``line``, where fix keeps only ``kept``."""
    return RL105.at(path, line, len(kept) + 1, "trailing whitespace (not a hard line break)")


def whitespace(path: str, line: int, text: str, cleaned: str) -> Iterator[Diagnostic]:
    """RL105 where fix writes ``text`` (line ``line``) as ``cleaned``."""
    if cleaned != text:
        yield trailing_whitespace(path, line, cleaned)


def not_canonical(path: str, line: int, column: int, what: str) -> Diagnostic:
    """RL107: ``what`` (an entry, a row, a table header) changes in a way no code names."""
    return RL107.at(
        path, line, column, f"{what} is not in canonical form; `readmelint fix --diff` shows how"
    )
