"""Whether an entry is valid, answered by a compiled validator (jsonschema-rs).

Most entries of a kept list are valid, and jsonschema spends most of its time
finding that out. jsonschema-rs answers the yes/no question about 20x faster
and imports in half the time; jsonschema is asked only about an entry it finds
invalid, and remains the source of every message.

The two must give the same verdict, so the compiled validator is used only for a
schema whose every keyword both read alike on an entry (an object of strings):
``pattern``, ``x-date-format`` and the ``date`` and ``markdown-link`` formats run
the same Python code as readmelint's jsonschema validator does (patterns by RE2);
a schema with another format, ``patternProperties`` or a dynamic reference is
validated by jsonschema alone.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

from readmelint.dates import DateFormats
from readmelint.keywords import DATA_KEYWORDS, date_text, has_http_link, schema_regex

Verdict = Callable[[Mapping[str, Any]], bool]

# jsonschema's own test for "format": "date" (jsonschema/_format.py, is_date).
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)
# Keywords whose reading could differ between the two validators, or that
# readmelint's jsonschema validator overrides with code not given to the other.
_UNSHARED_KEYWORDS = frozenset(
    {
        "patternProperties",
        "unevaluatedProperties",
        "unevaluatedItems",
        "$dynamicRef",
        "$dynamicAnchor",
        "$recursiveRef",
        "$recursiveAnchor",
        "$vocabulary",
    }
)
_SHARED_FORMATS = frozenset({"date", "markdown-link"})


def compile_verdict(
    document: Mapping[str, Any], references: Mapping[str, Any] | None = None
) -> Verdict | None:
    """A function telling whether an entry is valid, or None where only jsonschema can say.

    ``references``: a document's link reference definitions, which make ``[text][label]``
    a link for ``markdown-link``.
    """
    if not _shared(document):
        return None
    try:
        import jsonschema_rs
    except ImportError:  # a platform without a wheel: jsonschema alone still works
        return None
    try:
        validator = jsonschema_rs.Draft202012Validator(
            dict(document),
            formats={
                "date": _is_date,
                "markdown-link": partial(has_http_link, references=references),
            },
            validate_formats=True,
            keywords={"pattern": _Pattern, "x-date-format": _DateFormat},
            offline=True,
        )
    except Exception:  # anything it cannot compile, jsonschema validates
        return None
    return partial(_is_valid, validator.is_valid)


def _is_valid(is_valid: Callable[[Any], bool], instance: Mapping[str, Any]) -> bool:
    try:
        return is_valid(instance)
    except Exception:  # a value it cannot hold: jsonschema judges it
        return False


def _shared(node: object) -> bool:
    """Whether every keyword under ``node`` reads alike in both validators."""
    stack = [node]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            for keyword, value in node.items():
                if keyword in _UNSHARED_KEYWORDS:
                    return False
                if keyword == "format" and value not in _SHARED_FORMATS:
                    return False
                if keyword not in DATA_KEYWORDS:
                    stack.append(value)
    return True


def _is_date(instance: str) -> bool:
    if not _ISO_DATE.fullmatch(instance):
        return False
    try:
        datetime.date.fromisoformat(instance)
    except ValueError:
        return False
    return True


class _Pattern:
    """``pattern``, matched by RE2 as readmelint's jsonschema validator matches it."""

    def __init__(self, parent: object, pattern: str, path: object) -> None:
        self.regex = schema_regex(pattern)

    def validate(self, instance: object) -> None:
        if isinstance(instance, str) and not self.regex.search(instance):
            raise ValueError("does not match")


class _DateFormat:
    """``x-date-format``: a date written one of the ways the keyword names."""

    def __init__(self, parent: object, spelling: object, path: object) -> None:
        try:
            self.formats: DateFormats | None = DateFormats.from_keyword(spelling)
        except ValueError:
            self.formats = None  # loading the schema reports it

    def validate(self, instance: object) -> None:
        if self.formats is None or not isinstance(instance, str) or not instance:
            return
        if self.formats.parse(date_text(instance)) is None:
            raise ValueError("not a date")
