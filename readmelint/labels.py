"""Bold field labels: ``**Label:**``, ``**Label**:``, ``**Label** :``, ``**Label：**``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from readmelint.markdown import parse_inline

COLONS = (":", "：")  # ASCII and full-width
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True, slots=True)
class Label:
    text: str  # the label as written, without markup or colon
    source_length: int  # how many characters of the line the label takes, colon included


def normalise(label: str) -> str:
    """The schema key of a label: case, spacing and punctuation drift map to one key.

    >>> normalise("Personal Note"), normalise("personal  note"), normalise("Authors' Sources")
    ('personal_note', 'personal_note', 'authors_sources')
    """
    return _NON_WORD.sub("_", label.casefold()).strip("_")


def split_label(text: str) -> Label | None:
    """The bold label that ``text`` starts with, or ``None``.

    markdown-it decides what is bold: ``**Label:**x`` is not (the closing
    delimiter is not right-flanking) and neither is ``**Label`` alone. Only the
    short prefix up to one character past the closing delimiter is parsed, since
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
    prefix = text[: close + 3]
    # Short prefixes (every real label) go through the cache; a freak one does not stay.
    plain_bold = _is_plain_bold if len(prefix) <= 200 else _is_plain_bold.__wrapped__
    if not plain_bold(prefix, inner):
        return None
    end = close + 2
    stripped_inner = inner.rstrip()
    if stripped_inner.endswith(COLONS):
        label = stripped_inner[:-1].strip()
    else:
        after = text[end:]
        gap = len(after) - len(after.lstrip(" \t"))
        if after[gap : gap + 1] not in COLONS:
            return None  # bold text without a colon is emphasis, not a label
        end += gap + 1
        label = stripped_inner.strip()
    if not label:
        return None
    return Label(text=label, source_length=end)


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
