"""readmelint's own JSON Schema keywords and formats, as both validators read them.

jsonschema (:mod:`readmelint.schema`) and the compiled verdict
(:mod:`readmelint.verdict`) call the same functions, so the two agree on them:
``pattern`` and ``patternProperties`` matched by RE2, ``x-date-format``, and the
``markdown-link`` format.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from readmelint.dates import DateFormats
from readmelint.markdown import link_urls

# Keywords whose values are data, not schemas: a "pattern" key in them is no pattern.
DATA_KEYWORDS = frozenset({"const", "enum", "examples", "default"})
_HTTP_URL = re.compile(r"https?://\S+", re.IGNORECASE)
_LEADING_LINK = re.compile(r"\[[^\[\]\\`<>\r\n]*\]\(([^\s()<>\\`]+)\)")


@lru_cache(maxsize=256)
def schema_regex(pattern: str) -> Any:
    from readmelint.regex import compile_regex

    return compile_regex(pattern)


def pattern(validator: Any, pattern: str, instance: object, schema: Any) -> Iterator[Any]:
    """jsonschema's ``pattern``, matched by RE2 (see :func:`_check_patterns`)."""
    from jsonschema.exceptions import ValidationError

    if validator.is_type(instance, "string") and not schema_regex(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def pattern_properties(
    validator: Any, properties: Mapping[str, Any], instance: object, schema: Any
) -> Iterator[Any]:
    """jsonschema's ``patternProperties``, its keys matched by RE2."""
    if not validator.is_type(instance, "object"):
        return
    assert isinstance(instance, Mapping)
    for pattern, subschema in properties.items():
        for key, value in instance.items():
            if schema_regex(pattern).search(key):
                yield from validator.descend(value, subschema, path=key, schema_path=pattern)


def additional_properties(
    validator: Any, additional: Any, instance: object, schema: Mapping[str, Any]
) -> Iterator[Any]:
    """jsonschema's ``additionalProperties``, telling which keys ``patternProperties``
    covers by RE2."""
    from jsonschema.exceptions import ValidationError

    if not validator.is_type(instance, "object"):
        return
    assert isinstance(instance, Mapping)
    properties = schema.get("properties", {})
    patterns = [schema_regex(pattern) for pattern in schema.get("patternProperties", {})]
    extras = [
        key
        for key in instance
        if key not in properties and not any(regex.search(key) for regex in patterns)
    ]
    if validator.is_type(additional, "object"):
        for extra in extras:
            yield from validator.descend(instance[extra], additional, path=extra)
    elif not additional and extras:
        if "patternProperties" in schema:
            verb = "does" if len(extras) == 1 else "do"
            joined = ", ".join(repr(each) for each in sorted(extras))
            regexes = ", ".join(repr(each) for each in sorted(schema["patternProperties"]))
            yield ValidationError(f"{joined} {verb} not match any of the regexes: {regexes}")
        else:
            unexpected = ", ".join(repr(each) for each in sorted(extras, key=str))
            verb = "was" if len(extras) == 1 else "were"
            yield ValidationError(
                f"Additional properties are not allowed ({unexpected} {verb} unexpected)"
            )


def has_http_link(instance: object, references: Mapping[str, Any] | None = None) -> bool:
    if not isinstance(instance, str):
        return True
    # Most values start with a plain link, `[title](https://...)`: with no bracket,
    # backslash, backtick or `<` inside, and nothing before it that could open a
    # span around it, it is a link whatever follows, so no parse is needed.
    leading = _LEADING_LINK.match(instance)
    if leading and _HTTP_URL.fullmatch(leading[1]):
        return True
    # A Paper value is a title link and then badge lines, which cost far more
    # to inline-parse than the link itself. A link found in the first line
    # alone is a link in the whole value too, unless something that opens on
    # that line could close later and swallow it: a code span, raw HTML or an
    # autolink, or an image (whose text may hold links). Only then, or when the
    # first line has no http(s) link, is the whole value parsed.
    first, newline, _ = instance.partition("\n")
    # (A bracket or parenthesis left open on the first line can close on the next and
    # make what looked like a link part of another's destination.)
    balanced = first.count("(") == first.count(")") and first.count("[") == first.count("]")
    first_line_decides = (
        newline and balanced and not any(opener in first for opener in ("`", "<", "!["))
    )
    if first_line_decides and any(_HTTP_URL.fullmatch(url) for url in link_urls(first, references)):
        return True
    return any(_HTTP_URL.fullmatch(url) for url in link_urls(instance, references))


def check_date_format(
    validator: Any, spelling: object, instance: object, schema: Any
) -> Iterator[Any]:
    from jsonschema.exceptions import ValidationError

    if not isinstance(instance, str) or not instance:
        return
    try:
        formats = DateFormats.from_keyword(spelling)
    except ValueError:
        return  # load_schema reports it
    if formats.parse(date_text(instance)) is None:
        yield ValidationError(f"{instance!r} is not a real date written as {formats.spelling}")


@lru_cache(maxsize=4096)
def date_text(value: str) -> str:
    """What a date value reads as: markup and HTML around it (backticks, a span) aside.

    Cached: a list repeats its dates, each asked for by validation, sorting and checks.
    """
    from readmelint.markdown import plain_text

    return plain_text(value)
