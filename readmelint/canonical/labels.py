"""How labels are written in canonical form, in every layout: the file's style, the
schema's spelling."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from readmelint.labels import DEFAULT_STYLE, STYLES, LabelStyle, parsed_label
from readmelint.model import Document, Field
from readmelint.schema import Schema
from readmelint.settings import Settings


@dataclass(frozen=True)
class LabelStyles:
    """How a file writes its labels: as most of its labels are, but a label the file
    writes its own way in (nearly) every entry keeps that way (``Comments:`` among
    labels in ``：``). ``space_after_wide``: a space follows a full-width colon outside
    the bold (CJK text needs none; most such labels of the file say which)."""

    default: LabelStyle = DEFAULT_STYLE
    by_key: Mapping[str, LabelStyle] = field(default_factory=dict)
    space_after_wide: bool = False

    def of(self, key: str | None) -> LabelStyle:
        return self.by_key.get(key or "", self.default)


FILE_STYLE = LabelStyles()  # the default: ``**Label:**`` everywhere


def document_label_style(document: Document, settings: Settings) -> LabelStyles:
    """How the file writes its labels (or as the settings pin them).

    Each label votes, with the number of its uses, for the style most of its uses
    have; the file's style is the one most uses vote for, those of known fields
    counted first, so that a drifted few follow the many. A tie goes to
    ``**Label:**``, then to the order of :data:`readmelint.labels.STYLES`. A label,
    known or not, keeps a style of its own where at least two of its uses, and most,
    have it; one entry's drift follows the file. (Stable: fix only moves votes to the
    file's style, and leaves each label with a style of its own its majority.)
    """
    per_key: dict[str, Counter[LabelStyle]] = {}
    spaced: Counter[bool] = Counter()
    for entry in document.entries:
        for each in entry.fields:
            if each.key is not None and (label := parsed_label(each.label_source)):
                per_key.setdefault(each.key, Counter())[label.style] += 1
                if each.label_source.endswith("："):
                    after = _after_label(document, each)
                    if after.strip():
                        spaced[after[0].isspace()] += 1
    space = spaced[True] > spaced[False]
    if settings.label_style is not None:
        return LabelStyles(settings.label_style, space_after_wide=space)
    known = settings.schema.order
    voters = [styles for key, styles in per_key.items() if key in known] or list(per_key.values())
    votes: Counter[LabelStyle] = Counter()
    for styles in voters:
        votes[_most(styles)] += styles.total()
    default = _most(votes) if votes else DEFAULT_STYLE
    by_key = {}
    for key, styles in per_key.items():
        own = _most(styles)
        if own != default and styles[own] >= 2 and styles[own] * 2 > styles.total():
            by_key[key] = own
    return LabelStyles(default, by_key, space)


def _after_label(document: Document, each: Field) -> str:
    """The rest of the field's first line, after its label."""
    line = document.lines[each.span.start - 1]
    return line[each.column - 1 + len(each.label_source) :]


def _most(counts: Counter[LabelStyle]) -> LabelStyle:
    ranking = list(STYLES.values())
    return max(counts, key=lambda style: (counts[style], -ranking.index(style)))


def canonical_label(
    field: Field,
    schema: Schema,
    style: LabelStyle | LabelStyles = DEFAULT_STYLE,
    plain_unknown: bool = False,
) -> str:
    """The label in the file's style, with the schema's spelling, after its emoji if any.

    An unknown label stays bold where a plain one would be no label at all (in an
    entry's fields, unlike ``plain_unknown`` sub-items of an item).
    """
    if isinstance(style, LabelStyles):
        style = style.of(field.key)
    spec = schema.spec(field.key)
    if kept_as_written(field, schema):
        return field.label_source
    label = parsed_label(field.label_source)
    prefix = label.prefix if label else ""
    if spec is None and not style.bold and not plain_unknown:
        style = LabelStyle(True, style.colon_inside, style.colon)
    return prefix + style.write(schema.spelling(field.key, field.label or ""))


def kept_as_written(field: Field, schema: Schema) -> bool:
    """An unknown label holding ``*``: rewritten, its bold could end early or not at all;
    or ending in a colon: ``**Pape::**`` written ``**Pape:**:`` reads as ``Pape`` and a
    value starting with a colon.

    (``__a ** b:__`` in ``**``; and whether ``**a:*b:**`` is bold depends even on the
    character after it, so the rest of its line stays as it is too.)
    """
    label = field.label or ""
    return schema.spec(field.key) is None and ("*" in label or label.endswith((":", "：")))
