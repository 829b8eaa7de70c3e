"""Field labels: ``**Label:**``, ``**Label**:``, ``**Label** :``, ``Label:``, ``Label：``.

A label may be bold or plain, may follow an emoji or a symbol (``📅 Date:``), and
ends in an ASCII or a full-width colon. A plain label counts only where its text
names a field of the schema: ``Note: see below`` in a value is no label.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache

from readmelint.markdown import parse_inline

COLONS = (":", "：")  # ASCII and full-width
_NON_WORD = re.compile(r"[\W_]+")
_PARTS = re.compile(r"[/／]")
# A plain label: a short run of words with no markup, then a colon.
_PLAIN = re.compile(r"([^\W\d_][^:：*_`\[\]<>!&\\\n]{0,40}?)[ \t]*([:：])")
# The start of an HTML tag, comment or autolink.
_OPENS_MARKUP = re.compile(r"<[A-Za-z/!?]")
# Where GitHub's autolink extension starts a link: a URL, www., an e-mail address.
_AUTOLINK = re.compile(r"://|www\.|[\w.+-]@[\w-]+\.\w", re.IGNORECASE)
# What can come before a label: an emoji or a symbol (with its modifiers), then spaces.
_PREFIX_CATEGORIES = frozenset({"So", "Sk", "Sm", "Mn", "Me", "Cf"})


@dataclass(frozen=True, slots=True)
class LabelStyle:
    """How a file writes its labels: bold or plain, where the colon goes, which colon."""

    bold: bool = True
    colon_inside: bool = True  # a bold label's colon inside the bold: ``**Label:**``
    colon: str = ":"

    def write(self, title: str) -> str:
        if not self.bold:
            return f"{title}{self.colon}"
        return f"**{title}{self.colon}**" if self.colon_inside else f"**{title}**{self.colon}"


DEFAULT_STYLE = LabelStyle()
# The spellings of the ``label`` setting, each pinning a style.
STYLES = {
    DEFAULT_STYLE.write("Label"): DEFAULT_STYLE,
    **{
        LabelStyle(bold, inside, colon).write("Label"): LabelStyle(bold, inside, colon)
        for bold in (True, False)
        for inside in ((True, False) if bold else (True,))
        for colon in COLONS
    },
}


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # the label as written, without markup or colon
    source_length: int  # how many characters of the line the label takes, colon included
    prefix: str = ""  # an emoji or symbol before it, with its spaces
    style: LabelStyle = DEFAULT_STYLE


@lru_cache(maxsize=4096)  # a list repeats its few labels in every entry
def normalise(label: str) -> str:
    """The schema key of a label: case, spacing and punctuation drift map to one key.

    >>> normalise("Personal Note"), normalise("personal  note"), normalise("Authors' Sources")
    ('personal_note', 'personal_note', 'authors_sources')
    """
    return _NON_WORD.sub("_", label.casefold()).strip("_")


def label_parts(label: str) -> list[str]:
    """The parts of a bilingual label, ``论文/Paper`` or ``代码 / Code``, each trimmed
    (none for a label without a slash)."""
    parts = [part.strip() for part in _PARTS.split(label)]
    return parts if len(parts) > 1 and all(parts) else []


def split_label(text: str, known: Callable[[str], bool] | None = None) -> Label | None:
    """The label that ``text`` starts with, or ``None``.

    A bold one always counts; a plain one only if ``known`` says its text (as written,
    markup and colon aside) names a field.
    """
    prefix = _prefix(text)
    rest = text[len(prefix) :]
    label = _bold_label(rest)
    if label is None and known is not None:
        label = _plain_label(rest, known)
    if label is None:
        return None
    return replace(label, prefix=prefix, source_length=len(prefix) + label.source_length)


def _prefix(text: str) -> str:
    """An emoji or symbol and the spaces after it, at the start of ``text``."""
    end = 0
    while end < len(text) and not text[end].isascii():
        if unicodedata.category(text[end]) not in _PREFIX_CATEGORIES:
            return ""
        end += 1
    if not end or text[end : end + 1] not in (" ", "\t"):
        return ""
    return text[: len(text) - len(text[end:].lstrip(" \t"))]


def _plain_label(text: str, known: Callable[[str], bool]) -> Label | None:
    match = _PLAIN.match(text)
    if match is None or not known(match[1].strip()):
        return None
    after = text[match.end() : match.end() + 1]
    if after and not after.isspace() and match[2] == ":":
        return None  # `Date:2024` or a URL scheme is no label (CJK text needs no space)
    return Label(match[1].strip(), match.end(), style=LabelStyle(False, True, match[2]))


def _bold_label(text: str) -> Label | None:
    """The bold label that ``text`` starts with, or ``None``.

    markdown-it decides what is bold: ``**Label:**x`` is not (the closing
    delimiter is not right-flanking) and neither is ``**Label`` alone. Only the
    short prefix up to one character past the closing delimiters is parsed, since
    emphasis flanking looks one character either way; abstracts that follow the
    label are never inline-parsed.
    """
    delimiter = text[:2]
    if delimiter not in ("**", "__"):
        return None
    close = text.find(delimiter, 2)
    if close <= 2:
        return None
    inner = text[2:close]
    if inner.count("`") % 2:
        return None  # a code span opened in it closes after it, and holds the delimiter
    if _OPENS_MARKUP.search(inner) or inner.count("[") > inner.count("]"):
        # So may an HTML tag or comment, or a link's text (one closed inside is markup:
        # no plain label either).
        return None
    if _AUTOLINK.search(inner):
        return None  # GitHub shows a link there (its autolinks), no label
    # Flanking looks one character past the whole run of delimiters that closes it:
    # ``**Label:***x**`` holds no bold label (its run of three cannot close).
    run_end = close + 2
    while text[run_end : run_end + 1] == delimiter[0]:
        run_end += 1
    prefix = text[: run_end + 1]
    if not inner[-1:].isalnum() and _github_letter(text[run_end:].lstrip("~")[:1]):
        # After punctuation, the delimiters close only before a space or punctuation, and
        # GitHub (cmark-gfm) counts neither a symbol (``**Price:**€5``) nor what follows
        # tildes (``**Date:**~2019``) as punctuation: no bold there, though markdown-it-py
        # reads bold.
        return None
    # Short prefixes (every real label) go through the cache; a freak one does not stay.
    plain_bold = _is_plain_bold if len(prefix) <= 200 else _is_plain_bold.__wrapped__
    if not plain_bold(prefix, inner):
        return None
    end = close + 2
    stripped_inner = inner.rstrip()
    if stripped_inner.endswith(COLONS):
        label = stripped_inner[:-1].strip()
        style = LabelStyle(True, True, stripped_inner[-1])
    else:
        after = text[end:]
        gap = len(after) - len(after.lstrip(" \t"))
        if after[gap : gap + 1] not in COLONS:
            return None  # bold text without a colon is emphasis, not a label
        style = LabelStyle(True, False, after[gap])
        end += gap + 1
        label = stripped_inner.strip()
    if not label:
        return None
    return Label(text=label, source_length=end, style=style)


def _github_letter(char: str) -> bool:
    """Whether cmark-gfm takes ``char`` for neither whitespace nor punctuation (ASCII
    punctuation, or a Unicode punctuation mark: not a symbol, as CommonMark 0.29 had it)."""
    if not char or char.isspace():
        return False
    if char.isalnum() or not char.isascii():
        return char.isalnum() or not unicodedata.category(char).startswith("P")
    return False


@lru_cache(maxsize=1024)
def parsed_label(source: str) -> Label | None:
    """A field's ``label_source`` read again (its style and prefix), labels plain or bold."""
    return split_label(source, known=lambda _: True)


@lru_cache(maxsize=4096)
def _is_plain_bold(prefix: str, inner: str) -> bool:
    """Whether ``prefix`` opens with ``inner`` in bold and nothing else marked up.

    Cached: a file repeats the same few label prefixes on every entry, and
    inline parsing them was half the time of a run on a long list.
    """
    tokens = [t for t in parse_inline(prefix) if t.type != "text" or t.content]
    if len(tokens) < 3 or tokens[0].type != "strong_open":
        return False
    closing = next((i for i, t in enumerate(tokens) if t.type == "strong_close"), -1)
    body = tokens[1:closing]
    if closing < 2 or len(tokens) - closing > 2:
        return False
    # Markup or escapes inside the label: not a plain label.
    return all(token.type == "text" for token in body) and "".join(t.content for t in body) == inner
