"""How labels are written in canonical form, in every layout: the file's style, the
schema's spelling."""

from __future__ import annotations

from collections import Counter

from readmelint.labels import DEFAULT_STYLE, STYLES, LabelStyle, parsed_label
from readmelint.model import Document, Field
from readmelint.schema import Schema
from readmelint.settings import Settings


def document_label_style(document: Document, settings: Settings) -> LabelStyle:
    """How most labels of the file are written (or as the settings pin it).

    Counted over the labels of known fields, so a drifted few follow the many. A
    tie goes to ``**Label:**``, then to the order of :data:`readmelint.labels.STYLES`.
    """
    if settings.label_style is not None:
        return settings.label_style
    counts: Counter[LabelStyle] = Counter()
    for entry in document.entries:
        for field in entry.fields:
            if field.key in settings.schema.order and (label := parsed_label(field.label_source)):
                counts[label.style] += 1
    if not counts:
        return DEFAULT_STYLE
    ranking = list(STYLES.values())
    return max(counts, key=lambda style: (counts[style], -ranking.index(style)))


def canonical_label(
    field: Field, schema: Schema, style: LabelStyle = DEFAULT_STYLE, plain_unknown: bool = False
) -> str:
    """The label in the file's style, with the schema's spelling, after its emoji if any.

    An unknown label stays bold where a plain one would be no label at all (in an
    entry's fields, unlike ``plain_unknown`` sub-items of an item).
    """
    spec = schema.spec(field.key)
    if kept_as_written(field, schema):
        return field.label_source
    label = parsed_label(field.label_source)
    prefix = label.prefix if label else ""
    if spec is None and not style.bold and not plain_unknown:
        style = LabelStyle(True, style.colon_inside, style.colon)
    return prefix + style.write(spec.title if spec else field.label or "")


def kept_as_written(field: Field, schema: Schema) -> bool:
    """An unknown label holding ``*``: rewritten, its bold could end early or not at all;
    or ending in a colon: ``**Pape::**`` written ``**Pape:**:`` reads as ``Pape`` and a
    value starting with a colon.

    (``__a ** b:__`` in ``**``; and whether ``**a:*b:**`` is bold depends even on the
    character after it, so the rest of its line stays as it is too.)
    """
    label = field.label or ""
    return schema.spec(field.key) is None and ("*" in label or label.endswith((":", "：")))
