"""Item patterns: how the items layout reads a list item's fields.

A pattern is written like one item's Markdown, with placeholders:

| pattern text | matches |
| --- | --- |
| literal text | itself; a run of spaces matches any run of whitespace (line ends too) |
| ``{key}`` | a field (a schema key): the shortest non-empty text that lets the rest match |
| ``{?...}`` | an optional part: ``...`` may hold literals and placeholders, and nest |
| ``{...}`` | the rest: any text, maybe none, kept but not a field (badges, extra links) |
| ``{{``, ``}}`` | a literal brace |

A date field's placeholder matches only a date in one of the field's spellings,
so ``{venue} {year}.`` reads ``NIPS Workshop`` and ``2015`` from ``NIPS Workshop 2015.``.

The pattern is matched against the item's Markdown source, from after its list
marker, its continuation lines included; leading and trailing whitespace aside.
Markdown characters in a pattern are literal: ``**{title}**`` matches a title
written in ``**``, not one in ``__``. Examples for four real shapes::

    **{title}** ({year}), {authors} [[pdf]]({paper}){...}
    [**{title}.**]({paper}) _{authors}._ {venue} {year}.{...}
    ⭐ {date}: [{title}]({paper})
    **[{title}]({paper}):** {note}

A list of patterns is tried in order; the first that matches reads the item.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from readmelint.regex import NOT_SPACE, SPACE, RegexError, compile_regex, escape

_KEY = re.compile(r"[a-z0-9_]+")


def _compile(source: str) -> Any:
    """``source`` anchored at the start, dot matching line ends, case ignored."""
    return compile_regex(f"(?si){source}")


class PatternError(ValueError):
    """A pattern that cannot be read: ``column`` (1-based) is where it goes wrong."""

    def __init__(self, message: str, column: int):
        super().__init__(f"column {column}: {message}")
        self.message = message
        self.column = column


@dataclass(frozen=True, slots=True)
class _Piece:
    """One step of a pattern: literal text, a field, the rest, or an optional part."""

    kind: str  # "text", "field", "rest", "optional"
    value: str = ""  # the text, or the field's key
    parts: tuple[_Piece, ...] = ()  # an optional part's pieces

    def describe(self) -> str:
        if self.kind == "text":
            return repr(self.value.strip() or self.value)
        if self.kind == "field":
            return "{" + self.value + "}"
        if self.kind == "rest":
            return "the rest of the item"
        return self.parts[0].describe() if self.parts else "nothing"


@dataclass(frozen=True, slots=True)
class Match:
    """What a pattern read of an item: each field's offsets (start, end exclusive)."""

    fields: dict[str, tuple[int, int]]
    rest: list[tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Failure:
    """Where a pattern stopped matching an item, and what it expected there."""

    offset: int
    expected: str


class Pattern:
    """A compiled item pattern (see the module's documentation).

    It compiles to RE2 (see :mod:`readmelint.regex`), which matches in time linear
    in the item and picks the same match a backtracking engine would: each field as
    short as the rest allows.
    """

    def __init__(
        self, text: str, pieces: tuple[_Piece, ...], shapes: Mapping[str, str] | None = None
    ):
        self.text = text
        self.pieces = pieces
        self._shapes = dict(shapes or {})
        self._groups: dict[str, str] = {}
        self._regex = _compile(self._source(pieces) + rf"{SPACE}*\z")
        self._starts: list[tuple[_Piece | None, Any]] | None = None

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"

    def _source(self, pieces: Sequence[_Piece]) -> str:
        out = [f"{SPACE}*"] if not self._groups else []
        for piece in pieces:
            if piece.kind == "text":
                # A run of spaces in the pattern is any run of whitespace in the item.
                out.append(f"{SPACE}+".join(escape(word) for word in re.split(r" +", piece.value)))
            elif piece.kind == "field":
                group = f"f{len(self._groups)}"
                self._groups[group] = piece.value
                # Shortest text, not starting or ending in whitespace (fields are trimmed);
                # a field with a shape of its own (a date) only text of that shape.
                shape = self._shapes.get(piece.value, f"{NOT_SPACE}(?:.*?{NOT_SPACE})?")
                out.append(f"(?P<{group}>{shape})")
            elif piece.kind == "rest":
                group = f"r{len(self._groups)}"
                self._groups[group] = ""
                out.append(f"(?P<{group}>.*?)")
            else:
                out.append(f"(?:{self._source(piece.parts)})?")
        return "".join(out)

    def match(self, source: str) -> Match | None:
        found = self._regex.match(source)
        if found is None:
            return None
        fields: dict[str, tuple[int, int]] = {}
        rest: list[tuple[int, int]] = []
        index = self._regex.groupindex
        for group, key in self._groups.items():
            where = found.span(index[group])
            if where[0] < 0:
                continue  # in an optional part that did not match
            if key:
                fields[key] = where
            else:
                rest.append(where)
        return Match(fields, rest)

    def explain_failure(self, source: str) -> Failure:
        """Where the longest start of the pattern that matches ends, and what came next.

        The pattern is cut into steps (each word of its literal text is one), and
        only starts that end in literal text (or a date field) count: another field
        at the end of a start would match as little as it can, which says nothing of
        where the item went wrong.
        """
        if self._starts is None:
            self._starts = self._compile_starts()
        steps = [step for piece in self.pieces for step in _steps(piece)]
        reached, expected = len(source) - len(source.lstrip()), steps[0].describe()
        for after, start in self._starts:
            found = start.match(source)
            if found is None:
                break
            reached = found.end()
            expected = after.describe() if after is not None else "the end of the item"
        return Failure(reached, expected)

    def _compile_starts(self) -> list[tuple[_Piece | None, Any]]:
        """Each start of the pattern that :meth:`explain_failure` tries, with the step after it."""
        steps = [step for piece in self.pieces for step in _steps(piece)]
        starts: list[tuple[_Piece | None, Any]] = []
        for count in range(1, len(steps) + 1):
            last = steps[count - 1]
            if last.kind != "text" and not (last.kind == "field" and last.value in self._shapes):
                continue
            start = Pattern.__new__(Pattern)
            start._groups, start._shapes = {}, self._shapes
            after = steps[count] if count < len(steps) else None
            starts.append((after, _compile(start._source(steps[:count]))))
        return starts


def _steps(piece: _Piece) -> list[_Piece]:
    """A literal piece word by word (each with the whitespace before it); others whole."""
    if piece.kind != "text":
        return [piece]
    steps: list[_Piece] = []
    pending = ""
    for word in re.split(r"( +)", piece.value):
        if not word:
            continue
        if word.isspace():
            pending = word
        else:
            steps.append(_Piece("text", pending + word))
            pending = ""
    if pending:
        steps.append(_Piece("text", pending))
    return steps


def best_failure(patterns: Sequence[Pattern], source: str) -> Failure:
    """The failure of the pattern that got furthest into ``source`` (the first of equals)."""
    failures = [pattern.explain_failure(source) for pattern in patterns]
    return max(failures, key=lambda failure: failure.offset)


def compile_pattern(
    text: str, known_keys: Collection[str], shapes: Mapping[str, str] | None = None
) -> Pattern:
    """Read ``text``; :class:`PatternError` for an unknown key, unbalanced braces and such.

    ``shapes``: a regular expression for what some fields may hold (a date field: a
    date in one of its spellings), so that ``{venue} {year}`` reads ``NIPS Workshop``
    and ``2015`` from ``NIPS Workshop 2015``.
    """
    if not text.strip():
        raise PatternError("the pattern is empty", 1)
    pieces, _ = _read(text, 0, known_keys, seen=set(), nested=False)
    if not any(_has_field(piece) for piece in pieces):
        raise PatternError("the pattern has no {field}: it would read nothing", 1)
    try:
        return Pattern(text, pieces, shapes)
    except RegexError as error:  # RE2's memory budget: a pattern of thousands of words
        raise PatternError(f"the pattern is too large to match ({error})", 1) from None


def _has_field(piece: _Piece) -> bool:
    return piece.kind == "field" or any(_has_field(part) for part in piece.parts)


def _read(
    text: str, position: int, known: Collection[str], seen: set[str], nested: bool
) -> tuple[tuple[_Piece, ...], int]:
    pieces: list[_Piece] = []
    literal: list[str] = []

    def flush() -> None:
        if literal:
            pieces.append(_Piece("text", "".join(literal)))
            literal.clear()

    while position < len(text):
        char = text[position]
        if text.startswith("{{", position) or text.startswith("}}", position):
            literal.append(char)
            position += 2
        elif char == "}":
            if not nested:
                raise PatternError("a '}' closes nothing (write '}}' for a brace)", position + 1)
            flush()
            return tuple(pieces), position + 1
        elif char == "{":
            after_placeholder = pieces and pieces[-1].kind in ("field", "rest") and not literal
            if after_placeholder and not text.startswith("{?", position):
                raise PatternError(
                    "two placeholders with nothing between them cannot be told apart",
                    position + 1,
                )
            flush()
            close = text.find("}", position)
            if text.startswith("{?", position):
                parts, position = _read(text, position + 2, known, seen, nested=True)
                pieces.append(_Piece("optional", parts=parts))
                continue
            if close < 0:
                raise PatternError("a '{' is never closed (write '{{' for a brace)", position + 1)
            name = text[position + 1 : close]
            if name == "...":
                pieces.append(_Piece("rest"))
            else:
                _check_key(name, known, seen, position + 1)
                pieces.append(_Piece("field", name))
            position = close + 1
        else:
            literal.append(char)
            position += 1
    if nested:
        raise PatternError("an optional part '{?' is never closed", position)
    flush()
    return tuple(pieces), position


def _check_key(name: str, known: Collection[str], seen: set[str], column: int) -> None:
    if not _KEY.fullmatch(name):
        raise PatternError(f"{{{name}}} is no field: keys are like {{title}}", column)
    if name not in known:
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise PatternError(
            f"unknown key {name!r}{hint} (known: {', '.join(sorted(known))})", column
        )
    if name in seen:
        raise PatternError(f"the key {name!r} is read twice", column)
    seen.add(name)
