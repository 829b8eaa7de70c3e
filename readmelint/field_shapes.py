"""What a field's placeholder in a pattern (an item's, a heading's or a lead line's) may
match, by the field's schema.

A field with a date format matches a date in one of its spellings; one with an ``enum``
of strings one of them, as written (case counts, as it does for the schema); one with a
``pattern`` text the pattern finds, as written. So ``[[{venue}]({paper})] {title}.`` reads
``[[KITTI](url)] The KITTI suite.`` only where ``KITTI`` is one of the venues. Any other
field matches any text; so does a field whose pattern finds something in any text (one
that matches empty text), or anchors it where it is no longer the field's start or end
(``^a|b$``, ``\\A``, inline flags).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from readmelint.errors import ConfigError
from readmelint.pattern import Pattern, PatternError, Shape, compile_pattern
from readmelint.regex import NOT_SPACE, RegexError, compile_regex, escape
from readmelint.schema import Schema

_SHOWN = 4  # the enum values a message names


def compile_patterns(texts: Sequence[str], schema: Schema, where: str) -> tuple[Pattern, ...]:
    """A setting's patterns, each placeholder one of the schema's fields in its shape; a
    pattern that does not compile is a ConfigError naming ``where`` (file and setting)."""
    keys = [spec.key for spec in schema.fields]
    shapes = field_shapes(schema)
    compiled = []
    for text in texts:
        try:
            compiled.append(compile_pattern(text, keys, shapes))
        except PatternError as error:
            raise ConfigError(f"{where} {text!r}: {error}") from None
    return tuple(compiled)


def field_shapes(schema: Schema) -> dict[str, Shape]:
    """Each field's shape, by key, for the fields whose schema bounds what they hold."""
    properties = _properties(schema)
    shapes: dict[str, Shape] = {}
    for spec in schema.fields:
        if spec.date_format:
            spelling = spec.date_format.spelling
            shapes[spec.key] = Shape(spec.date_format.regex(), f"a date written {spelling}")
            continue
        keywords = properties.get(spec.key)
        if isinstance(keywords, Mapping):
            shape = _enum(keywords.get("enum")) or _pattern(keywords.get("pattern"))
            if shape is not None:
                shapes[spec.key] = shape
    return shapes


def _properties(schema: Schema) -> Mapping[str, object]:
    try:
        found = schema.document["properties"]["fields"]["properties"]
    except (KeyError, TypeError):
        return {}
    return found if isinstance(found, Mapping) else {}


def _enum(values: object) -> Shape | None:
    """One of the enum's texts (a field is trimmed: one with space at its edge is none)."""
    if not isinstance(values, list):
        return None
    texts = [value for value in values if isinstance(value, str) and value == value.strip()]
    texts = [text for text in dict.fromkeys(texts) if text]
    if not texts:
        return None
    # Longest first: a backtracking engine would read "ICLR" of "ICLR Workshop" first.
    alternatives = "|".join(escape(text) for text in sorted(texts, key=len, reverse=True))
    named = ", ".join(repr(text) for text in texts[:_SHOWN])
    if len(texts) > _SHOWN:
        named += f" or another of its {len(texts)} values"
    return Shape(f"(?-i:{alternatives})", f"one of {named}")


def _pattern(regex: object) -> Shape | None:
    """Text the schema's pattern finds (it searches: ``^``/``$`` anchor it to the field)."""
    if not isinstance(regex, str):
        return None
    body, start, end = _anchors(regex)
    if body is None:
        return None
    # Lazy, so that the field stays as short as the rest of the item pattern allows.
    before = "" if start else f"(?:{NOT_SPACE}.*?)??"
    after = "" if end else f"(?:.*?{NOT_SPACE})??"
    source = f"{before}(?-is:{body}){after}"
    try:
        compile_regex(f"(?si){source}")
        if compile_regex(regex).search("") is not None:
            return None  # it finds something in any text
    except RegexError:
        return None
    return Shape(source, f"text matching {regex!r}")


def _anchors(regex: str) -> tuple[str | None, bool, bool]:
    """``regex`` without the ``^`` it starts with and the ``$`` it ends with, and whether
    it had them; None for the body where anything else anchors or sets flags."""
    start = regex.startswith("^")
    body = regex[1:] if start else regex
    end = False
    depth, in_class, escaped, alternatives = 0, False, False, False
    for index, char in enumerate(body):
        if escaped:
            escaped = False
            if char in "AzZG":
                return None, start, end
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if body.startswith("(?", index) and not body.startswith("(?:", index):
                return None, start, end  # flags or a named group
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            alternatives = True
        elif char == "^":
            return None, start, end
        elif char == "$":
            if index != len(body) - 1:
                return None, start, end
            end = True
    if alternatives and (start or end):
        return None, start, end  # "^a|b$" anchors each alternative, not the field
    return (body[:-1] if end else body), start, end
