"""The inferred configuration and schema as text, each choice with its evidence."""

from __future__ import annotations

import json
from typing import Any

from readmelint.infer import Inference
from readmelint.infer.fields import FieldGuess

SCHEMA_NAME = "readmelint.schema.json"
CONFIG_NAME = ".readmelint.toml"


def config_text(inference: Inference, name: str) -> str:
    """``.readmelint.toml``: comments first say why, then the key."""
    out = [
        f"# readmelint configuration inferred from {name} by `readmelint init --from`.",
        "# Each choice says why; correct what is wrong. `readmelint show FILE` lists what it",
        "# reads, `readmelint check FILE` what it finds.",
        f"schema = {_string(SCHEMA_NAME)}  # the fields, with the evidence for each",
        "",
    ]
    layouts = [guess.layout for guess in inference.guesses]
    where = "; ".join(f"{len(guess.found)} {guess.where}" for guess in inference.guesses)
    out.append(f"# Where the papers are: {where}.")
    out.append(f"layout = [{', '.join(_string(layout) for layout in layouts)}]")
    for guess in inference.guesses:
        out.append("")
        for note in guess.notes.get("entry-levels", []) + guess.notes.get("layout", []):
            out.append(f"# {note}")
        if "entry-levels" in guess.config:
            levels = guess.config["entry-levels"]
            assert isinstance(levels, list)
            out.append(f"entry-levels = [{', '.join(str(level) for level in levels)}]")
        if guess.config.get("item-fields") == "sub-items":
            for note in guess.notes.get("item-fields", []):
                out.append(f"# {note}")
            out.append('item-fields = "sub-items"')
        patterns = guess.config.get("item")
        if isinstance(patterns, list):
            out.append("# Item patterns, tried in order: the first that matches reads an item.")
            out.append("item = [")
            for pattern in patterns:
                for note in guess.notes.get(pattern, []):
                    out.append(f"    # {note}")
                out.append(f"    {_string(pattern)},")
            out.append("]")
    if inference.heading_date is not None:
        out.append("")
        out.append(f"# Dates: {inference.heading_date.evidence}.")
        out.append(f"date-from-heading = {_string(inference.heading_date.title)}")
    out.append("")
    order = inference.order
    out.append(f"# Order: {order.evidence}.")
    if order.key is None:
        out.append("sort = false")
    else:
        title = next(f.title for f in inference.fields if f.key == order.key)
        direction = "descending" if order.descending else "ascending"
        out.append(f"sort = {{ field = {_string(title)}, order = {_string(direction)} }}")
    if inference.label is not None or inference.style:
        out.append("")
        out.append("# The list's own style, which fix keeps (the minority is brought into line):")
        for note in inference.style:
            out.append(f"# {note}")
        if inference.label is not None:
            out.append(f"label = {_string(inference.label)}")
    return "\n".join(out) + "\n"


def schema_document(inference: Inference, name: str) -> dict[str, Any]:
    properties = {field.key: _property(field) for field in inference.fields}
    required = [field.key for field in inference.fields if field.required]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"One paper of {name}",
        "description": (
            f"Inferred from {name} by `readmelint init --from`: each field's description "
            "says how many entries have it and what its values are. The order of the "
            "properties is the list's own order of fields."
        ),
        "type": "object",
        "properties": {
            "fields": {
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": False,
            }
        },
    }


def schema_text(inference: Inference, name: str) -> str:
    return json.dumps(schema_document(inference, name), indent=2, ensure_ascii=False) + "\n"


def _property(field: FieldGuess) -> dict[str, Any]:
    spec: dict[str, Any] = {"title": field.title, "type": "string"}
    if field.required and field.filled >= 0.95 * field.present:
        spec["minLength"] = 1
    if field.spellings:
        spec["x-date-format"] = field.spellings[0] if len(field.spellings) == 1 else field.spellings
    elif field.link:
        spec["format"] = "markdown-link"
    elif field.url:
        spec["pattern"] = "^https?://"
    if field.enum:
        spec["enum"] = field.enum
    spec["description"] = "; ".join(field.evidence)
    return spec


def _string(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)
