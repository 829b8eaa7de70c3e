"""The settings a rule's examples are checked with (see :class:`readmelint.rules.base.Rule`)."""

from __future__ import annotations

import datetime
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from readmelint.config import config_from_table
from readmelint.rules.base import Rule
from readmelint.schema import bundled_schema
from readmelint.settings import Settings

# The day the examples and records are checked on (dates after it are RL303).
TODAY = datetime.date(2026, 12, 3)


def settings_for(rule: Rule, folder: Path) -> Settings:
    """The bundled schema with the rule's fields replaced (written to ``folder``), and the
    rule's configuration keys."""
    document: dict[str, Any] = json.loads(json.dumps(bundled_schema().document))
    document["properties"]["fields"]["properties"].update(rule.schema_fields)
    schema_path = folder / f"{rule.code}.schema.json"
    schema_path.write_text(json.dumps(document), "utf-8")
    table = {"schema": str(schema_path), **rule.config}
    return replace(config_from_table(table, folder / ".readmelint.toml").settings, today=TODAY)
