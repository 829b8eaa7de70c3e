"""What an entry holds: its fields against the schema (RL001-RL011).

jsonschema finds every error; a table from the JSON Schema keyword that failed
to the rule that names it turns each into a diagnostic at the field's line and
column (or the entry's, for what is missing).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from typing import Any

from readmelint.diagnostics import Diagnostic
from readmelint.entries import is_template_stub
from readmelint.heading_dates import schema_value
from readmelint.model import Entry, Field
from readmelint.rules.base import Context, Rule
from readmelint.schema import Schema, Validation

_ENTRY = "### AnyGPT\n"
GOOD_FIELDS = (
    "- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n"
    "- **Accepted:** arXiv\n"
    "- **Submission Date:** 2024-02-19\n"
    "- **Authors:** Fudan University\n"
    "- **Tags:** any-to-any\n"
    "- **Abstract:** A multimodal LLM over discrete tokens.\n"
    "- **Personal note:** [Note](https://example.org/anygpt)\n"
)
GOOD = _ENTRY + GOOD_FIELDS

RL001 = Rule(
    "RL001",
    "missing-field",
    "A field the schema requires is missing from the entry.",
    "Reported at the entry's heading. Add the field, even if you only know part of it.",
    GOOD.replace("- **Tags:** any-to-any\n", ""),
    GOOD,
)
RL002 = Rule(
    "RL002",
    "empty-field",
    "A field is present but has no value.",
    "Reported at the field's line. Fill it in; `fix` never removes a field, empty or not.",
    GOOD.replace("Fudan University", ""),
    GOOD,
    failing_line=5,
)
RL003 = Rule(
    "RL003",
    "invalid-date",
    "A date field does not hold a real date in the schema's format.",
    "The bundled schema wants `YYYY-MM-DD` (`format: date`); a user schema can declare "
    "another spelling with `x-date-format`, such as `YYYY.MM`.",
    GOOD.replace("2024-02-19", "19/02/2024"),
    GOOD,
    failing_line=4,
)
RL004 = Rule(
    "RL004",
    "missing-link",
    "A field that must link somewhere has no link with an http(s) URL.",
    "The schema marks such fields with `format: markdown-link`; `[Note]()` and bare "
    "text do not count.",
    GOOD.replace("(https://example.org/anygpt)", "()"),
    GOOD,
    failing_line=8,
)
RL005 = Rule(
    "RL005",
    "unknown-field",
    "A label the schema does not know; the message names the closest known label.",
    "Rename the label to the schema's, or add the field to your own schema.",
    GOOD.replace("**Tags:**", "**Brief Introduction:**"),
    GOOD,
    failing_line=6,
)
RL006 = Rule(
    "RL006",
    "empty-heading",
    "The entry's heading has no text.",
    "Write the paper's short name after the `###`.",
    GOOD.replace("### AnyGPT", "###"),
    GOOD,
)
RL007 = Rule(
    "RL007",
    "template-stub",
    "An entry whose heading and fields are all empty: a template never filled in.",
    "Reported once, at its heading, instead of once per field. Fill it in or delete it "
    "(`fix` never deletes anything).",
    "###\n- **Paper:**\n- **Accepted:**\n- **Personal note:** [Note]()\n",
    GOOD,
)
RL008 = Rule(
    "RL008",
    "duplicate-field",
    "The same field appears twice in one entry.",
    "Merge the two values. Only the first is validated against the schema.",
    GOOD + "- **Tags:** multimodal\n",
    GOOD,
    failing_line=9,
)
RL009 = Rule(
    "RL009",
    "unlabelled-item",
    "An item in an entry's field list has no bold label (or no pattern reads it).",
    "Give it a label, or move it out of the list. `fix` keeps it after the known fields. "
    "With `heading-pattern`, `lead-pattern` or `field-pattern`, a heading, a paragraph "
    "above the fields or an item without a label that no pattern reads is reported too.",
    GOOD + "- see also LaVIT\n",
    GOOD,
    failing_line=9,
)
RL010 = Rule(
    "RL010",
    "schema-violation",
    "A value breaks another constraint of the schema (pattern, enum, length ...).",
    "The message is the schema validator's own. The examples use a schema whose "
    '`accepted` field has `"enum": ["arXiv", "CVPR", "NeurIPS"]`.',
    GOOD.replace("arXiv\n", "Arxiv preprint\n"),
    GOOD,
    failing_line=3,
    schema_fields={
        "accepted": {"title": "Accepted", "type": "string", "enum": ["arXiv", "CVPR", "NeurIPS"]}
    },
)
RULES = (RL001, RL002, RL003, RL004, RL005, RL006, RL007, RL008, RL009, RL010)


def check(context: Context) -> Iterator[Diagnostic]:
    path, document, schema = context.path, context.document, context.settings.schema
    validation = schema.validation_for(document.references)
    # An item without a label was offered to the settings' field patterns.
    patterned = "field-pattern" in context.settings.options
    shared: set[Diagnostic] = set()
    for entry in document.entries:
        if is_template_stub(entry):
            yield RL007.at(
                path,
                entry.line,
                1,
                f"template stub: {entry.form.stub} empty; fill it in or delete it",
            )
            continue
        for diagnostic in _entry_diagnostics(path, entry, schema, validation, patterned):
            if diagnostic.line not in entry.span:
                # Of a field several entries share: reported once.
                if diagnostic in shared:
                    continue
                shared.add(diagnostic)
            yield diagnostic


# A field's value broke a keyword: the message for (keyword, the keyword's value in
# the schema). Keywords not listed here are RL010 with the validator's message.
_FieldProblem = Callable[[str, str, Field, Schema], Diagnostic]


def _invalid_date(path: str, key: str, field: Field, schema: Schema) -> Diagnostic:
    spec = schema.spec(key)
    wanted = spec.date_format.spelling if spec and spec.date_format else "YYYY-MM-DD"
    return RL003.at(
        path,
        field.span.start,
        field.column,
        f'"{_title(schema, key)}" is "{_short(field.value)}", not a real date written {wanted}',
    )


def _missing_link(path: str, key: str, field: Field, schema: Schema) -> Diagnostic:
    return RL004.at(
        path,
        field.span.start,
        field.column,
        f'"{_title(schema, key)}" needs a link with an http(s) URL, like [text](https://...)',
    )


def _not_allowed(path: str, key: str, field: Field, schema: Schema) -> Diagnostic:
    return RL010.at(
        path,
        field.span.start,
        field.column,
        f'"{_title(schema, key)}" is "{_short(field.value)}", which the schema does not allow '
        "(a placeholder?)",
    )


_KEYWORDS: dict[tuple[str, object], _FieldProblem] = {
    ("not", None): _not_allowed,
    ("x-date-format", None): _invalid_date,
    ("format", "date"): _invalid_date,
    ("format", "markdown-link"): _missing_link,
}


def _field_problem(keyword: str, value: object) -> _FieldProblem | None:
    if (keyword, None) in _KEYWORDS:
        return _KEYWORDS[(keyword, None)]
    return _KEYWORDS.get((keyword, value)) if isinstance(value, str) else None


def _unlabelled(entry: Entry, field: Field, patterned: bool) -> str:
    if not any(field is lead for lead in entry.lead):
        if patterned:
            return (
                "no field-pattern reads this item; write it as one of them reads it, "
                "or give it a label"
            )
        return "list item has no label; write it as `**Label:** value`"
    if field.span.start == entry.line:
        return "no heading-pattern reads this heading; write it as one of them reads it"
    return (
        "no lead-pattern reads this paragraph; write it as one of them reads it, or give it a label"
    )


def _entry_diagnostics(
    path: str, entry: Entry, schema: Schema, validation: Validation, patterned: bool
) -> Iterator[Diagnostic]:
    fields: dict[str, str] = {}
    first: dict[str, Field] = {}
    for field in entry.every_field:
        if field.key is None:
            yield RL009.at(
                path, field.span.start, field.column, _unlabelled(entry, field, patterned)
            )
        elif field.key in fields:
            yield RL008.at(
                path,
                field.span.start,
                field.column,
                f'field "{field.label}" appears again (first on line '
                f"{first[field.key].span.start}); merge the two values",
            )
        else:
            fields[field.key] = field.value
            first[field.key] = field
    for field in entry.shared:
        if first.get(field.key or "") is field:  # a heading's date: the entry's, as written
            fields[field.key or ""] = schema_value(entry, field, schema.spec(field.key))
    instance: dict[str, Any] = {"fields": fields, "layout": entry.form.layout}
    if entry.heading_source:
        # (A row has no heading, nor an item read by a pattern: their titles are fields.)
        instance["heading"] = entry.heading
    reported: set[tuple[str, ...]] = set()
    for error in validation.errors(instance):
        where = tuple(str(part) for part in error.absolute_path)
        keyword = str(error.validator)
        if where == ("heading",):
            if not entry.heading.strip():
                yield RL006.at(
                    path,
                    entry.line,
                    1,
                    "entry heading is empty; write the paper's short name after the #",
                )
            else:
                yield RL010.at(path, entry.line, 1, f"heading: {error.message}")
        elif where == ("fields",) and keyword in ("required", "additionalProperties"):
            if (keyword,) not in reported and _reports_fields(entry, keyword):
                reported.add((keyword,))
                yield from (_missing if keyword == "required" else _unknown)(
                    path, entry, fields, first, schema
                )
        elif len(where) >= 2 and where[0] == "fields" and where[1] in first:
            if where[:2] in reported:
                continue
            reported.add(where[:2])
            key, field = where[1], first[where[1]]
            problem = _field_problem(keyword, error.validator_value)
            if not field.value:
                yield RL002.at(
                    path,
                    field.span.start,
                    field.column,
                    f'field "{_title(schema, key)}" is empty; fill it in',
                )
            elif problem is not None:
                yield problem(path, key, field, schema)
            else:
                yield RL010.at(
                    path,
                    field.span.start,
                    field.column,
                    f'"{_title(schema, key)}": {error.message}',
                )
        elif not (where == () and keyword == "required" and _names_heading(error.message)):
            # (A row has no heading for a schema to require: its title is a cell.)
            yield RL010.at(path, entry.line, 1, f"entry: {error.message}")


def _reports_fields(entry: Entry, keyword: str) -> bool:
    """Whether missing or unknown fields are this entry's to report.

    A table reports its columns once, at its header (see layouts.table); an item
    holds only the fields its pattern reads, so none is unknown.
    """
    if not entry.form.reports_fields:
        return False
    return keyword == "required" or bool(entry.heading_source)


def _names_heading(message: str) -> bool:
    return message.startswith("'heading' ")


def _missing(
    path: str, entry: Entry, fields: dict[str, str], first: dict[str, Field], schema: Schema
) -> Iterator[Diagnostic]:
    for spec in schema.fields:
        if spec.required and spec.key not in fields:
            message = entry.form.missing.format(name=name_of(entry), title=spec.title)
            yield RL001.at(path, entry.line, 1, message)


def _unknown(
    path: str, entry: Entry, fields: dict[str, str], first: dict[str, Field], schema: Schema
) -> Iterator[Diagnostic]:
    for key, field in first.items():
        if key not in schema.order:
            yield RL005.at(
                path,
                field.span.start,
                field.column,
                f'unknown field "{field.label}"; '
                f'did you mean "{closest_title(key, fields, schema)}"?',
            )


def name_of(entry: Entry) -> str:
    """The entry's name for messages: its heading in quotes."""
    return f'"{entry.heading}"' if entry.heading else "(no heading)"


def _title(schema: Schema, key: str) -> str:
    spec = schema.spec(key)
    return spec.title if spec else key


def _short(value: str, limit: int = 40) -> str:
    value = value.replace("\n", " ")
    return value if len(value) <= limit else value[: limit - 1] + "…"


def closest_title(key: str, present: Collection[str | None], schema: Schema) -> str:
    """The known label most like ``key``, preferring those the entry lacks."""
    import difflib  # only an unknown label needs it: kept off check's start-up

    missing = [spec for spec in schema.fields if spec.key not in present] or list(schema.fields)

    def likeness(title: str) -> float:
        return difflib.SequenceMatcher(None, key, title.casefold()).ratio()

    return max((spec.title for spec in missing), key=likeness)
