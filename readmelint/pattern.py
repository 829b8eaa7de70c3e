"""Item patterns: how the items layout reads a list item's fields.

A pattern is written like one item's Markdown, with placeholders:

| pattern text | matches |
| --- | --- |
| literal text | itself; a run of spaces matches any run of whitespace (line ends too) |
| ``{key}`` | a field (a schema key): the shortest non-empty text that lets the rest match |
| ``{?...}`` | an optional part: ``...`` may hold literals and placeholders, and nest |
| ``{...}`` | the rest: any text, maybe none, kept but not a field (badges, extra links) |
| ``{{``, ``}}`` | a literal brace |

A field's value is trimmed: whitespace at a placeholder's edge is no part of it, so
``[{title}]({paper})`` reads ``Some Title`` from ``[Some Title ](https://...)``. A field
with a shape of its own (see :class:`Shape`: a date in one of the field's spellings)
matches only text of that shape, so ``{venue} {year}.`` reads ``NIPS Workshop`` and
``2015`` from ``NIPS Workshop 2015.``.

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
class Shape:
    """What a field's placeholder may match, when not any text: a regular expression
    (RE2's syntax, no groups of its own), and how a message names it (``a date written
    YYYY``)."""

    regex: str
    description: str


@dataclass(frozen=True, slots=True)
class _Piece:
    """One step of a pattern: literal text, a field, the rest, or an optional part."""

    kind: str  # "text", "field", "rest", "optional"
    value: str = ""  # the text, or the field's key
    parts: tuple[_Piece, ...] = ()  # an optional part's pieces

    def describe(self, shapes: Mapping[str, Shape] | None = None) -> str:
        if self.kind == "text":
            return repr(self.value.strip() or self.value)
        if self.kind == "field":
            shape = (shapes or {}).get(self.value)
            return "{" + self.value + "}" + (f" ({shape.description})" if shape else "")
        if self.kind == "rest":
            return "the rest of the item"
        return self.parts[0].describe(shapes) if self.parts else "nothing"


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
        self, text: str, pieces: tuple[_Piece, ...], shapes: Mapping[str, Shape] | None = None
    ):
        self.text = text
        self.pieces = pieces
        self.shapes = dict(shapes or {})
        self._groups: dict[str, str] = {}
        self._regex = _compile(self._source(pieces) + rf"{SPACE}*\z")
        self._starts: list[tuple[_Piece | None, Any]] | None = None
        self._literals: dict[str, Any] = {}

    def __repr__(self) -> str:
        return f"Pattern({self.text!r})"

    def _source(self, pieces: Sequence[_Piece]) -> str:
        out = [f"{SPACE}*"] if not self._groups else []
        for piece in pieces:
            if piece.kind == "text":
                out.append(_literal(piece.value))
            elif piece.kind == "field":
                group = f"f{len(self._groups)}"
                self._groups[group] = piece.value
                # Shortest text, not starting or ending in whitespace (fields are trimmed,
                # and whitespace at their edges is no part of them); a field with a shape
                # of its own (a date) only text of that shape.
                shape = self.shapes.get(piece.value)
                regex = shape.regex if shape else f"{NOT_SPACE}(?:.*?{NOT_SPACE})?"
                out.append(f"{SPACE}*(?P<{group}>{regex}){SPACE}*")
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
        """Where the pattern stopped matching ``source``, and what it expected there.

        Two readings, the one that got further wins: the longest start of the pattern
        that matches as the whole pattern would (see :meth:`_by_starts`), and a reading
        that ends each field where what follows it in the pattern first appears (see
        :class:`_Reading`), which can point inside a literal: at the space of
        ``[Title] (url)`` for ``[{title}]({paper})``, expecting ``(``.
        """
        by_starts = self._by_starts(source)
        by_reading = _Reading(self, source).failure()
        if by_reading is None or by_starts.offset > by_reading.offset:
            return by_starts
        return by_reading

    def _by_starts(self, source: str) -> Failure:
        """Where the longest start of the pattern that matches ends, and what came next.

        The pattern is cut into steps (each word of its literal text is one), and
        only starts that end in literal text (or a field with a shape) count: another
        field at the end of a start would match as little as it can, which says
        nothing of where the item went wrong. Whitespace the next step begins with is
        passed over: what failed is the character after it.
        """
        if self._starts is None:
            self._starts = self._compile_starts()
        steps = [step for piece in self.pieces for step in _steps(piece)]
        reached = len(source) - len(source.lstrip())
        expected: _Piece | None = steps[0]
        for after, start in self._starts:
            found = start.match(source)
            if found is None:
                break
            reached, expected = found.end(), after
        if expected is None:
            return Failure(reached, "the end of the item")
        if expected.kind != "text" or expected.value.startswith(" "):
            reached += len(source[reached:]) - len(source[reached:].lstrip())
        return Failure(reached, expected.describe(self.shapes))

    def _compile_starts(self) -> list[tuple[_Piece | None, Any]]:
        """Each start of the pattern that :meth:`_by_starts` tries, with the step after it."""
        steps = [step for piece in self.pieces for step in _steps(piece)]
        starts: list[tuple[_Piece | None, Any]] = []
        for count in range(1, len(steps) + 1):
            last = steps[count - 1]
            if last.kind != "text" and not (last.kind == "field" and last.value in self.shapes):
                continue
            start = Pattern.__new__(Pattern)
            start._groups, start.shapes = {}, self.shapes
            after = steps[count] if count < len(steps) else None
            starts.append((after, _compile(start._source(steps[:count]))))
        return starts

    def literal(self, text: str) -> Any:
        """``text`` as the pattern matches it, whitespace before it allowed (compiled once)."""
        if text not in self._literals:
            self._literals[text] = _compile(f"{SPACE}*{_literal(text)}")
        return self._literals[text]

    def shape(self, key: str) -> Any:
        """A shaped field's regular expression, whitespace before it allowed (compiled once)."""
        name = "{" + key + "}"
        if name not in self._literals:
            self._literals[name] = _compile(f"{SPACE}*(?:{self.shapes[key].regex})")
        return self._literals[name]


def _literal(text: str) -> str:
    """Literal text as a regular expression: a run of spaces is any run of whitespace."""
    return f"{SPACE}+".join(escape(word) for word in re.split(r" +", text))


# How many places in an item a reading may try before it settles for the furthest so far:
# a pattern of many optional parts could otherwise try each of them at every character.
_MOST_STATES = 256


class _Reading:
    """The furthest a plain reading of the pattern gets into an item that it does not match.

    Each field ends where what follows it in the pattern first appears (its literal
    text; with an optional part after it, both with and without that part), each
    field with a shape is matched where it starts, and each optional part is read
    both ways. Where literal text fails, it fails at the character that differs; where
    what follows a field never appears, at the end of the longest start of it that does,
    or else at the end of the item: a failure the reading reports only when it has no
    other, as the field might as well have ended elsewhere.
    """

    def __init__(self, pattern: Pattern, source: str):
        self.pattern = pattern
        self.source = source
        self.nodes = _flatten(pattern.pieces)
        self.best: Failure | None = None
        self.weak: Failure | None = None  # what follows a field appears nowhere
        self.done = False
        self.seen: set[tuple[int, int]] = set()

    def failure(self) -> Failure | None:
        """The furthest failure; None if the reading matched (the regex did not: then
        the reading has nothing to add)."""
        stack = [(0, 0)]
        while stack and not self.done and len(self.seen) < _MOST_STATES:
            node, position = stack.pop()
            if (node, position) in self.seen:
                continue
            self.seen.add((node, position))
            stack.extend(reversed(self._next(node, position)))
        return None if self.done else self.best or self.weak

    def _fail(self, offset: int, expected: str, weak: bool = False) -> list[tuple[int, int]]:
        best = self.weak if weak else self.best
        if best is None or offset > best.offset:
            if weak:
                self.weak = Failure(offset, expected)
            else:
                self.best = Failure(offset, expected)
        return []

    def _skip_space(self, position: int) -> int:
        source = self.source
        while position < len(source) and source[position].isspace():
            position += 1
        return position

    def _next(self, index: int, position: int) -> list[tuple[int, int]]:
        """The states reading node ``index`` at ``position`` leads to (recording failures)."""
        nodes, source = self.nodes, self.source
        if index == len(nodes):
            end = self._skip_space(position)
            if end == len(source):
                self.done = True
                return []
            return self._fail(end, "the end of the item")
        node = nodes[index]
        if node.kind == "optional":
            return [(index + 1, position), (node.skip, position)]
        if node.kind == "text":
            if index and nodes[index - 1].kind == "field" and not node.value.startswith(" "):
                position = self._skip_space(position)  # after a field with a shape
            end, failed = self._literal_at(node.value, position)
            return [(index + 1, end)] if failed is None else self._fail(end, failed)
        start = self._skip_space(position)
        if node.kind == "field" and node.value in self.pattern.shapes:
            found = self.pattern.shape(node.value).match(source, position)
            if found is None:
                return self._fail(start, node.piece.describe(self.pattern.shapes))
            return [(index + 1, found.end())]
        if node.kind == "field" and start == len(source):
            return self._fail(start, node.piece.describe(self.pattern.shapes))
        states: list[tuple[int, int]] = []
        for follower in self._followers(index + 1):
            if follower == len(nodes):
                states.append((follower, len(source)))  # the field takes the rest
                continue
            following = nodes[follower]
            if following.kind != "text":
                continue  # a field right after a field (through an optional part)
            earliest = start + (node.kind == "field")
            found = self.pattern.literal(following.value).search(source, earliest)
            if found is not None:
                if node.kind == "field" and not source[start : found.start()].strip():
                    self._fail(start, node.piece.describe(self.pattern.shapes))
                    continue
                states.append((follower + 1, found.end()))
            else:
                self._partial(following.value, earliest)
        return states

    def _followers(self, index: int) -> list[int]:
        """The nodes that may come right after a field at ``index - 1``: past optional
        parts, each either entered or skipped."""
        out: list[int] = []
        pending = [index]
        while pending:
            at = pending.pop()
            if at < len(self.nodes) and self.nodes[at].kind == "optional":
                pending += [self.nodes[at].skip, at + 1]
            elif at not in out:
                out.append(at)
        return out

    def _literal_at(self, text: str, position: int) -> tuple[int, str | None]:
        """Literal ``text`` read at ``position``: where it ends (None), or where it
        failed and what it expected there."""
        source = self.source
        at = 0
        while at < len(text):
            if text[at] == " ":
                spaces = len(text) - len(text[at:].lstrip(" "))
                if position >= len(source) or not source[position].isspace():
                    return position, repr(text[at:].strip() or " ")
                position = self._skip_space(position)
                at = spaces
            elif position < len(source) and source[position].casefold() == text[at].casefold():
                position += 1
                at += 1
            else:
                return position, repr(text[at:].split(" ")[0])
        return position, None

    def _partial(self, text: str, position: int) -> None:
        """Where the longest start of literal ``text`` appears at or after ``position``
        (none of all of it does): the failure is right after it, expecting the rest."""
        stripped = text.lstrip(" ")
        for length in range(len(stripped) - 1, 0, -1):
            if stripped[length - 1] == " ":
                continue
            found = self.pattern.literal(stripped[:length]).search(self.source, position)
            if found is not None:
                end, failed = self._literal_at(stripped[length:], found.end())
                self._fail(end, failed or repr(stripped[length:].strip()))
                return
        self._fail(len(self.source.rstrip()), repr(stripped.strip() or text), weak=True)


@dataclass(frozen=True, slots=True)
class _Node:
    """A pattern's pieces in a row; an optional part is a node whose parts follow it."""

    kind: str
    value: str
    piece: _Piece
    skip: int = 0  # an optional part: the node after its parts


def _flatten(pieces: Sequence[_Piece]) -> list[_Node]:
    nodes: list[_Node] = []
    for piece in pieces:
        if piece.kind == "optional":
            at = len(nodes)
            nodes.append(_Node("optional", "", piece))
            inner = _flatten(piece.parts)
            nodes.extend(
                _Node(node.kind, node.value, node.piece, node.skip + at + 1 if node.skip else 0)
                for node in inner
            )
            nodes[at] = _Node("optional", "", piece, len(nodes))
        else:
            nodes.append(_Node(piece.kind, piece.value, piece))
    return nodes


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
    text: str, known_keys: Collection[str], shapes: Mapping[str, Shape] | None = None
) -> Pattern:
    """Read ``text``; :class:`PatternError` for an unknown key, unbalanced braces and such.

    ``shapes``: what some fields may hold (a date field: a date in one of its
    spellings), so that ``{venue} {year}`` reads ``NIPS Workshop`` and ``2015`` from
    ``NIPS Workshop 2015``.
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
