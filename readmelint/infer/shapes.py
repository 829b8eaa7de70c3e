"""An item's shape: its inline nodes as markdown-it reads them, and the item pattern that
reads it.

markdown-it decides what is bold, a link, a picture or code; each node is then found in
the item's source (its markup is literal there), so that the pattern's literal text is
the source's own. The pattern keeps the literals between nodes and puts fields where
an item names its paper: a bold or linked title, the paper's link, italic authors, a
venue and year, a date in front; everything else (badges, other links, notes) is
``{...}``. Items of one shape give one pattern: counting them is clustering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from readmelint.evidence import PAPER_WORDS, is_paper_link
from readmelint.markdown import parse_inline

# An item longer than this is read up to here; the rest is the pattern's ``{...}``.
LIMIT = 1500
_YEAR = re.compile(r"(?<![\w.])((?:19|20)\d\d)(?![\w]|\.\d)")
# Dates a list writes in front of a paper, or in a field: each regex and its spelling.
DATE_SPELLINGS = (
    (r"\d{4}-\d{2}-\d{2}", "YYYY-MM-DD"),
    (r"\d{4}\.\d{2}\.\d{2}", "YYYY.MM.DD"),
    (r"\d{4}/\d{2}/\d{2}", "YYYY/MM/DD"),
    (r"\d{4}-\d{2}", "YYYY-MM"),
    (r"\d{4}\.\d{2}", "YYYY.MM"),
    (r"\d{4}/\d{2}", "YYYY/MM"),
    (r"\d{2}/\d{4}", "MM/YYYY"),
    (r"\d{2}-\d{2}", "MM-DD"),
)
# A date in front, after an icon perhaps: "⭐ 05/2023: ", "[2024.01.02] ".
_DATE_IN_FRONT = re.compile(
    r"\s*(?:[^\w\s\[\]()*_`<>!\\]{1,3}\s+)?(\[?)("
    + "|".join(regex for regex, _ in DATE_SPELLINGS)
    + r")(\]?)(?=[\s:|\-\]]|$)"
)
# Fields whose placeholder matches only their own shape (a date), so that text may follow.
SHAPED = frozenset({"year", "date"})
_AUTHORS = re.compile(r"\bet al\b|,|\band\b|&", re.IGNORECASE)
_LABEL = re.compile(r"\s*[^\W\d_][\w' ]{0,30}?\s*[:：]\s*$")
_WORD = re.compile(r"[^\W_]", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Part:
    """A piece of a pattern: literal text, a field (its key), or the rest (``{...}``)."""

    kind: str  # "lit", "field", "rest"
    text: str = ""


@dataclass
class _Node:
    """A top-level inline node, found in the source at ``start:end``."""

    kind: str  # "strong", "em", "s", "link", "image", "code", "html"
    start: int
    end: int
    markup: str = ""
    inner_start: int = 0  # where its content is (a link's text, a bold's inside)
    inner_end: int = 0
    href: str = ""
    text: str = ""  # what it shows
    inside: list[str] = field(default_factory=list)  # kinds of the nodes inside it


def nodes(source: str) -> list[_Node] | None:
    """The top-level inline nodes of ``source``, found in it; None where one cannot be."""
    tokens = parse_inline(source)
    found: list[_Node] = []
    stack: list[_Node] = []
    cursor = 0
    for token in tokens:
        kind = token.type
        if kind.endswith("_open") and kind[:-5] in ("strong", "em", "s", "link"):
            name = kind[:-5]
            if name == "link" and token.markup == "autolink":
                at = source.find("<", cursor)
                width = 1
            elif name == "link":
                at, width = _link_start(source, cursor), 1
            else:
                at, width = _unescaped(source, token.markup, cursor), len(token.markup)
            if at < 0:
                return None
            node = _Node(name, at, at, token.markup, at + width, at + width)
            node.href = str(token.attrGet("href") or "")
            if stack:
                stack[-1].inside.append(name)
            stack.append(node)
            cursor = at + width
        elif kind.endswith("_close") and kind[:-6] in ("strong", "em", "s", "link") and stack:
            node = stack.pop()
            end = _close(source, node, cursor)
            if end is None:
                return None
            node.inner_end, node.end = end
            cursor = node.end
            if not stack:
                found.append(node)
            else:
                stack[-1].text += node.text
        elif kind in ("image", "code_inline", "html_inline"):
            span = _leaf(source, token.type, token.markup, token.content, cursor)
            if span is None:
                return None
            name = {"image": "image", "code_inline": "code", "html_inline": "html"}[kind]
            node = _Node(name, span[0], span[1], text=token.content)
            cursor = span[1]
            if stack:
                stack[-1].inside.append(name)
                stack[-1].text += token.content if name == "code" else ""
            else:
                found.append(node)
        elif kind == "text" and stack:
            stack[-1].text += token.content
        elif kind in ("softbreak", "hardbreak") and stack:
            stack[-1].text += " "
    return None if stack else found


def _link_start(source: str, cursor: int) -> int:
    """Where the link markdown-it found next begins: the first ``[`` whose bracket closes
    right before ``(`` or ``[`` (``[[Paper](url)]`` is text around a link)."""
    at = _unescaped(source, "[", cursor)
    while at >= 0:
        close = _balanced(source, at, "[", "]")
        if close is not None and source[close : close + 1] in ("(", "["):
            return at
        at = _unescaped(source, "[", at + 1)
    return _unescaped(source, "[", cursor)  # a shortcut reference link: [label]


def _unescaped(source: str, needle: str, start: int) -> int:
    at = source.find(needle, start)
    while at > 0 and source[at - 1] == "\\":
        at = source.find(needle, at + 1)
    return at


def _close(source: str, node: _Node, cursor: int) -> tuple[int, int] | None:
    """Where a node's content ends, and where the node does."""
    if node.kind == "link" and node.markup == "autolink":
        at = source.find(">", cursor)
        return (at, at + 1) if at >= 0 else None
    if node.kind != "link":
        at = _unescaped(source, node.markup, cursor)
        return (at, at + len(node.markup)) if at >= 0 else None
    close = _balanced(source, node.start, "[", "]")
    if close is None or close <= cursor:
        return None
    at = close - 1
    after = source[at + 1 : at + 2]
    if after == "(":
        end = _balanced(source, at + 1, "(", ")")
        return (at, end) if end is not None else None
    if after == "[":
        end = source.find("]", at + 2)
        return (at, end + 1) if end >= 0 else None
    return at, at + 1


def _balanced(source: str, start: int, opening: str, closing: str) -> int | None:
    """The end (exclusive) of the bracketed run opening at ``start``."""
    depth = 0
    index = start
    while index < len(source):
        char = source[index]
        if char == "\\":
            index += 2
            continue
        if char == opening:
            depth += 1
        elif char == closing:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return None


def _leaf(source: str, kind: str, markup: str, content: str, cursor: int) -> tuple[int, int] | None:
    if kind == "image":
        at = source.find("![", cursor)
        if at < 0:
            return None
        close = _balanced(source, at + 1, "[", "]")
        if close is None:
            return None
        if source[close : close + 1] == "(":
            end = _balanced(source, close, "(", ")")
            return (at, end) if end is not None else None
        return at, close
    if kind == "code_inline":
        at = source.find(markup, cursor)
        end = source.find(markup, at + len(markup)) if at >= 0 else -1
        return (at, end + len(markup)) if end >= 0 else None
    at = source.find(content, cursor)
    return (at, at + len(content)) if at >= 0 else None


def _words(text: str) -> int:
    return len(text.split())


def _titled(node: _Node) -> bool:
    """Whether a bold or linked node can be a paper's title: words, not a label, a date,
    a number or a link called ``pdf``."""
    text = node.text.strip()
    if node.kind not in ("strong", "link") or "image" in node.inside:
        return False
    if node.kind == "link" and node.href.startswith("#"):
        return False
    if text.strip("[]() ").casefold() in PAPER_WORDS or text.endswith((":", "：")):
        return False
    if _DATE_IN_FRONT.fullmatch(text) or not _WORD.search(text):
        return False
    return _words(text) >= 2 or len(text) >= 12


def derive(source: str) -> tuple[tuple[Part, ...], dict[str, str]] | None:
    """The pattern that reads ``source`` as a paper, and the date spelling it found (by
    field); None where the item names no title."""
    cut = source[:LIMIT]
    found = nodes(cut)
    if found is None:
        return None
    return _Builder(cut, found, len(source) > LIMIT).build()


class _Builder:
    """Turns nodes and the text between them into parts, fields where they belong."""

    def __init__(self, source: str, found: list[_Node], cut: bool):
        self.source = source
        self.nodes = found
        self.cut = cut
        self.parts: list[Part] = []
        self.keys: set[str] = set()
        self.spellings: dict[str, str] = {}

    def build(self) -> tuple[tuple[Part, ...], dict[str, str]] | None:
        title = next((node for node in self.nodes if _titled(node)), None)
        position = 0
        for node in self.nodes:
            gap = self.source[position : node.start]
            self.text(gap, before=node, title_here=title is None and node is self._paper_link())
            if node is title:
                self.title(node)
            elif self.is_paper(node):
                self.paper(node)
            elif node.kind == "em" and "authors" not in self.keys:
                self.em(node)
            elif node.kind == "html":
                self.literal(self.source[node.start : node.end])
            else:
                self.rest()
            position = node.end
        self.text(self.source[position:], before=None, title_here=title is None)
        if self.cut:
            self.rest()
        if "title" not in self.keys:
            return None
        return _tidy(self.parts), self.spellings

    def _paper_link(self) -> _Node | None:
        return next((node for node in self.nodes if self.is_paper(node)), None)

    def is_paper(self, node: _Node) -> bool:
        return (
            node.kind == "link"
            and "paper" not in self.keys
            and is_paper_link(node.href, node.text)
            and not _titled(node)
        )

    def field(self, key: str) -> None:
        self.keys.add(key)
        self.parts.append(Part("field", key))

    def literal(self, text: str) -> None:
        if text:
            self.parts.append(Part("lit", text))

    def rest(self) -> None:
        self.parts.append(Part("rest"))

    def title(self, node: _Node) -> None:
        source = self.source
        inner = node
        if node.kind == "strong" and node.inside == ["link"]:
            # **[Title](url)**: the link inside
            link_at = source.find("[", node.inner_start)
            close = source.find("](", link_at)
            self.literal(source[node.start : link_at + 1])
            self._title_text(source[link_at + 1 : close])
            self.literal("](")
            self.field("paper")
            self.literal(")" + node.markup)
            return
        self.literal(source[inner.start : inner.inner_start])
        if node.kind == "link" and node.inside and node.inside[0] in ("strong", "em"):
            # [**Title**](url): the bold inside the link
            mark = source[node.inner_start : node.inner_start + 2]
            mark = mark if mark in ("**", "__") else mark[:1]
            self.literal(mark)
            self._title_text(source[node.inner_start + len(mark) : node.inner_end - len(mark)])
            self.literal(mark)
        else:
            self._title_text(source[node.inner_start : node.inner_end])
        if node.kind == "link":
            self.literal("](")
            self.field("paper")
            self.literal(")")
        else:
            self.literal(source[node.inner_end : node.end])

    def _title_text(self, text: str) -> None:
        """The title, its quotes outside the field: ``"{title}"``."""
        stripped = text.strip()
        quote = stripped[:1] if stripped[:1] in "\"'“" and len(stripped) > 2 else ""
        if quote:
            end = stripped.rfind({"“": "”"}.get(quote, quote))
            if end > 0:
                self.literal(stripped[:1])
                self.field("title")
                self.literal(stripped[end:])
                return
        self.field("title")

    def paper(self, node: _Node) -> None:
        source = self.source
        if node.markup == "autolink":
            self.literal("<")
            self.field("paper")
            self.literal(">")
            return
        self.literal(source[node.start : node.inner_end] + "](")
        self.field("paper")
        self.literal(")")

    def em(self, node: _Node) -> None:
        text = node.text.strip()
        mark = node.markup
        year = _YEAR.search(text)
        if year and year.end() >= len(text.rstrip(".")) and "year" not in self.keys:
            self.literal(mark)
            before = text[: year.start()].strip()
            if before:
                self.field("venue")
                self.literal(" ")
            self.field("year")
            self.literal(text[year.end() :] + mark)
            return
        if _AUTHORS.search(text) or _words(text) >= 2:
            self.literal(mark)
            self.field("authors")
            self.literal(mark)
            return
        self.rest()

    def text(self, gap: str, before: _Node | None, title_here: bool) -> None:
        """The text between two nodes: literals, and the fields it holds."""
        if not gap:
            return
        if not self.parts:
            label = _LABEL.match(gap)
            if label and before is not None:
                self.literal(label[0])  # `Paper: [Title](url)`: a label in every item
                gap = gap[label.end() :]
            gap = self._in_front(gap)
        if title_here and "title" not in self.keys:
            gap = self._text_title(gap)
        if not gap:
            return
        year = _YEAR.search(gap)
        if year and "year" not in self.keys:
            self._prose(gap[: year.start()], venue=True)
            self.field("year")
            gap = gap[year.end() :]
        self._prose(gap, venue=False)

    def _in_front(self, gap: str) -> str:
        """A date in front (``05/2023: ``, ``[2024.01.02] ``), or a year and venue
        (``2016-ECCV - ``): fields before the title."""
        date = _DATE_IN_FRONT.match(gap)
        if date:
            spelling = next(s for r, s in DATE_SPELLINGS if re.fullmatch(r, date[2]))
            self.literal(gap[: date.start(2)])
            self.field("date")
            self.spellings["date"] = spelling
            return gap[date.end(2) :]
        year = _YEAR.match(gap.lstrip())
        after = gap.lstrip()[year.end() :] if year else ""
        venue = re.match(r"([-_/ ]+)([A-Za-z][\w-]*?)(\s+[-:|]\s+)", after) if year else None
        if year and venue:
            self.literal(gap[: len(gap) - len(gap.lstrip())])
            self.field("year")
            self.literal(venue[1])
            self.field("venue")
            self.literal(venue[3])
            return after[venue.end() :]
        dash = re.match(r"\s+[-:|]\s+", after) if year else None
        if year and dash:  # `2014 - Title`
            self.literal(gap[: len(gap) - len(gap.lstrip())])
            self.field("year")
            self.literal(dash[0])
            return after[dash.end() :]
        return gap

    def _text_title(self, gap: str) -> str:
        """A title written as plain text: up to its first sentence's end."""
        lead = len(gap) - len(gap.lstrip())
        body = gap[lead:]
        end = _sentence_end(body)
        title = body[:end].rstrip()
        if not _WORD.search(title) or (_words(title) < 2 and len(title) < 12):
            return gap
        self.literal(gap[:lead])
        self.field("title")
        return body[len(title) :]

    def _prose(self, text: str, venue: bool) -> None:
        """Literal punctuation and spaces; words between them a venue (right before a
        year), authors (names with commas or et al.) or the rest."""
        if not text:
            return
        pieces = re.split(r"((?:[\s.,;:()\[\]|*_\-–—]|\\.)+)", text)
        # Words between separators: the last run before a year is its venue.
        words = [i for i, piece in enumerate(pieces) if i % 2 == 0 and piece]
        for index, piece in enumerate(pieces):
            if not piece:
                continue
            if index % 2:
                self.literal(piece)
                continue
            if venue and index == words[-1] and "venue" not in self.keys:
                self._venue(piece)
            elif "authors" not in self.keys and "title" in self.keys and _AUTHORS.search(text):
                self._absorb_authors(pieces, index)
                return
            else:
                self._content()

    def _venue(self, piece: str) -> None:
        self.field("venue")

    def _absorb_authors(self, pieces: list[str], index: int) -> None:
        """Names with commas and initials (``C. Szegedy et al.``), as one field up to the
        last separator of the text."""
        rest = "".join(pieces[index:])
        trailing = len(rest) - len(rest.rstrip(" ,;:"))  # "et al." keeps its period
        self.field("authors")
        self.literal(rest[len(rest) - trailing :] if trailing else "")

    def _content(self) -> None:
        if self.parts and self.parts[-1].kind in ("rest", "field"):
            return  # one placeholder takes the words around it
        self.rest()


def _sentence_end(text: str) -> int:
    """Where the first sentence of ``text`` ends (a period, not an initial's)."""
    for match in re.finditer(r"\.(\s|$)|\s[-–—|]\s|\s\[|\s\(", text):
        start = match.start()
        word = text[:start].split()[-1:] or [""]
        if match.group(0).startswith(".") and len(word[0]) <= 1:
            continue  # "J." is an initial
        return start
    return len(text)


def _tidy(parts: list[Part]) -> tuple[Part, ...]:
    """Literals joined, runs of spaces as one, and no two placeholders side by side: the
    rest next to a field is the field's; a trailing rest follows the last literal."""
    out: list[Part] = []
    for part in parts:
        if part.kind == "lit":
            text = re.sub(r"\s+", " ", part.text)
            if out and out[-1].kind == "lit":
                out[-1] = Part("lit", out[-1].text + text)
            else:
                out.append(Part("lit", text))
        elif out and out[-1].kind != "lit":
            if part.kind == "field" and out[-1].kind == "rest":
                out[-1] = part  # the field takes what the rest had
        else:
            out.append(part)
    # Merge a rest, a space and a rest.
    merged: list[Part] = []
    for part in out:
        if (
            part.kind == "rest"
            and len(merged) >= 2
            and merged[-1].kind == "lit"
            and not merged[-1].text.strip()
            and merged[-2].kind == "rest"
        ):
            merged.pop()
            continue
        merged.append(part)
    while merged and merged[0].kind == "lit" and not merged[0].text.strip():
        merged.pop(0)
    # After the last field and the literal that follows it, the rest: badges, notes.
    last = max((i for i, part in enumerate(merged) if part.kind == "field"), default=-1)
    if last < 0:
        return tuple(merged)
    after = merged[last + 1 :]
    literal = after[0].text if after and after[0].kind == "lit" else ""
    shaped = merged[last].text in SHAPED
    if literal.strip():  # `...({paper})` and `...({paper}) [code]`: one shape
        kept = literal.split()[0] if not literal[0].isspace() else literal.rstrip()
        merged[last + 1 :] = [Part("lit", kept), Part("rest")]
    elif shaped:
        merged[last + 1 :] = [Part("rest")]
    else:  # a free field takes what follows it
        merged[last + 1 :] = [Part("lit", literal.rstrip())] if literal.strip() else []
    return tuple(merged)


def pattern_text(parts: tuple[Part, ...]) -> str:
    """The parts as an item pattern (see :mod:`readmelint.pattern`)."""
    out = []
    for index, part in enumerate(parts):
        if part.kind == "lit":
            out.append(part.text.replace("{", "{{").replace("}", "}}"))
        elif part.kind == "field":
            out.append("{" + part.text + "}")
        elif index and parts[index - 1].kind == "field":
            out.append("{?{...}}")  # after a year or date: nothing, or anything
        else:
            out.append("{...}")
    return "".join(out)
