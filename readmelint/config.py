"""Configuration files: ``.readmelint.toml`` or ``[tool.readmelint]`` in ``pyproject.toml``.

Each is read into :class:`Config`: the :class:`~readmelint.settings.Settings` the
library needs, and what only the command line uses (excluded files).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readmelint.errors import ConfigError
from readmelint.labels import STYLES
from readmelint.layouts.registry import LAYOUTS
from readmelint.project import CONFIG_FILES as CONFIG_FILES  # where the server watches
from readmelint.project import ConfigFile, excluded, read_config
from readmelint.project import find_config as find_config
from readmelint.schema import Schema, bundled_schema, load_schema
from readmelint.settings import Settings, Sort, check_layouts

# The keys every layout shares; each layout adds its own (see readmelint.layouts).
_KEYS = {
    "add",
    "cache",
    "cache-dir",
    "date-from-heading",
    "schema",
    "layout",
    "sort",
    "duplicates",
    "label",
    "select",
    "ignore",
    "exclude",
    *(key for layout in LAYOUTS.values() for key in layout.CONFIG),
}


@dataclass(frozen=True)
class Config:
    """A configuration file's settings, and the globs of files it excludes."""

    settings: Settings
    exclude: tuple[str, ...] = ()
    path: Path | None = None
    root: Path | None = None
    # `readmelint add`: the heading path new papers go under (add.section).
    add_section: str | None = None

    def excludes(self, file: Path) -> bool:
        return excluded(self.exclude, self.root, file)


def load_config(path: Path) -> Config:
    """Read ``path`` (``.readmelint.toml`` or ``pyproject.toml``) into a :class:`Config`."""
    return config_from_file(read_config(path))


def config_from_file(file: ConfigFile) -> Config:
    """A config file as read (:func:`readmelint.project.read_config`), validated."""
    return config_from_table(file.table, file.path, file.where)


def config_from_table(
    table: Mapping[str, object], path: Path | None, where: str = "config"
) -> Config:
    name = str(path) if path else "config"
    unknown = sorted(set(table) - _KEYS)
    if unknown:
        raise ConfigError(
            f"{name}: unknown key {unknown[0]!r} in {where}{_did_you_mean(unknown[0])}; "
            f"known keys: {', '.join(sorted(_KEYS))}"
        )
    base = path.parent if path else Path.cwd()
    schema = bundled_schema()
    if "schema" in table:
        schema_path = Path(_string(table["schema"], "schema", name))
        schema = load_schema(schema_path if schema_path.is_absolute() else base / schema_path)
    layouts = _layouts(table.get("layout", ["headings"]), name)
    options: dict[str, Any] = {}
    own: dict[str, Any] = {}  # settings of a layout's that no field of Settings names
    for layout in LAYOUTS.values():
        configured = layout.configure(table, schema, name, layout.NAME in layouts)
        own.update(configured.pop("options", {}))
        options.update(configured)
    if not isinstance(table.get("cache", True), bool):
        raise ConfigError(f"{name}: cache must be true or false")
    if "cache-dir" in table:
        _string(table["cache-dir"], "cache-dir", name)
    label_style = None
    if "label" in table:
        label_style = STYLES.get(str(table["label"]))
        if label_style is None:
            raise ConfigError(
                f"{name}: label must be one of {', '.join(repr(form) for form in STYLES)}"
            )
    duplicates = table.get("duplicates", "file")
    if duplicates not in ("file", "section", False):
        raise ConfigError(f'{name}: duplicates must be "file", "section" or false')
    sort: Sort | bool | None = None
    if "sort" in table:
        sort = _sort(table["sort"], schema, name)
    return Config(
        add_section=_add_section(table.get("add"), name),
        settings=Settings(
            schema=schema,
            layouts=layouts,
            duplicates=duplicates,
            label_style=label_style,
            sort=sort,
            select=_codes(table.get("select", []), "select", name),
            ignore=_codes(table.get("ignore", []), "ignore", name),
            options=own,
            heading_dates=_heading_dates(table.get("date-from-heading", []), schema, name),
            **options,
        ),
        exclude=tuple(_strings(table.get("exclude", []), "exclude", name)),
        path=path,
        root=base,
    )


def _add_section(value: object, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - {"section"}:
        raise ConfigError(
            f'{name}: add must be a table like {{ section = "Multimodal > Dialogue" }}'
        )
    return _string(value["section"], "add.section", name) if "section" in value else None


def _sort(value: object, schema: Schema, name: str) -> Sort | bool:
    if value is False or value == "none":
        return False
    if not isinstance(value, dict) or set(value) - {"field", "order"} or "field" not in value:
        raise ConfigError(
            f'{name}: sort must be false or a table like {{ field = "Submission Date", '
            'order = "descending" }'
        )
    field_name = _string(value["field"], "sort.field", name)
    key = schema.key_of(field_name)
    spec = schema.spec(key)
    if spec is None or spec.date_format is None:
        dated = [s.title for s in schema.fields if s.date_format is not None]
        raise ConfigError(
            f"{name}: sort.field {field_name!r} is not a date field of the schema "
            f"(date fields: {', '.join(dated) or 'none'})"
        )
    order = value.get("order", "descending")
    if order not in ("descending", "ascending"):
        raise ConfigError(f'{name}: sort.order must be "descending" or "ascending"')
    return Sort(key, descending=order == "descending")


def _heading_dates(value: object, schema: Schema, name: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not all(isinstance(item, str) for item in names):
        raise ConfigError(
            f'{name}: date-from-heading must be a date field or a list of them, like "Date"'
        )
    keys = []
    for field_name in names:
        spec = schema.spec(schema.key_of(field_name))
        if spec is None or spec.date_format is None:
            dated = [s.title for s in schema.fields if s.date_format is not None]
            raise ConfigError(
                f"{name}: date-from-heading {field_name!r} is not a date field of the schema "
                f"(date fields: {', '.join(dated) or 'none'})"
            )
        keys.append(spec.key)
    return tuple(keys)


def known_codes(values: Iterable[str]) -> frozenset[str]:
    """Diagnostic codes or prefixes of them (``RL1``: every fixable rule), upper-cased;
    raises :class:`ConfigError` (``unknown code 'X' (did you mean 'Y'?) ...``) for one
    that names no code, so that a typo never turns a check off unnoticed."""
    from readmelint.rules.registry import BY_CODE

    codes = frozenset(value.strip().upper() for value in values if value.strip())
    for code in sorted(codes):
        if any(known.startswith(code) for known in BY_CODE):
            continue
        import difflib

        # A whole code, or a prefix as long as the one given (RL14: RL104 or RL11).
        candidates = sorted({*BY_CODE, *(known[: len(code)] for known in BY_CODE)})
        close = difflib.get_close_matches(code, candidates, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise ConfigError(
            f"unknown code {code!r}{hint}: no code starts with it; `readmelint rules` lists them"
        )
    return codes


def _codes(value: object, key: str, name: str) -> frozenset[str]:
    try:
        return known_codes(_strings(value, key, name))
    except ConfigError as error:
        raise ConfigError(f"{name}: {key}: {error}") from None


def _did_you_mean(key: str) -> str:
    import difflib  # only a misspelt key needs it: kept off start-up

    close = difflib.get_close_matches(key, sorted(_KEYS), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _layouts(value: object, name: str) -> tuple[str, ...]:
    names = [value] if isinstance(value, str) else value
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{name}: layout must be a layout name or a list of them")
    try:
        check_layouts(tuple(names))
    except ConfigError as error:
        raise ConfigError(f"{name}: {error}") from None
    return tuple(names)


def _string(value: object, key: str, name: str) -> str:
    if not isinstance(value, str):
        raise ConfigError(f"{name}: {key} must be a string, not {type(value).__name__}")
    return value


def _strings(value: object, key: str, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{name}: {key} must be a list of strings")
    return list(value)


def describe(config: Config, file: Path, excluded: bool) -> str:
    """What applies to ``file``: which config file and schema, and every setting as the
    config's TOML key, paths relative to the working directory (``readmelint config``)."""
    import json

    settings = config.settings

    def shown(path: Path | str) -> str:
        try:
            return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
        except ValueError:
            return str(path)

    def value(item: object) -> str:
        if isinstance(item, bool):
            return "true" if item else "false"
        if isinstance(item, (list, tuple, frozenset)):
            return "[" + ", ".join(value(part) for part in item) + "]"
        return json.dumps(item, ensure_ascii=False) if isinstance(item, str) else str(item)

    schema = settings.schema
    bundled = schema.name.startswith("<bundled")
    lines = [
        f"# {file}{' (excluded by the config)' if excluded else ''}",
        f"# config: {shown(config.path) if config.path else 'none found (the defaults)'}",
        f"# schema: {'the bundled one (`readmelint schema`)' if bundled else shown(schema.name)}",
        "# fields, in order: " + ", ".join(spec.title for spec in schema.fields),
    ]
    if not bundled:
        lines.append(f"schema = {value(shown(schema.name))}")
    sort = settings.resolved_sort()
    if sort is None:
        sorting = "false"
    else:
        spec = schema.spec(sort.key)
        order = "descending" if sort.descending else "ascending"
        sorting = f"{{ field = {value(spec.title if spec else sort.key)}, order = {value(order)} }}"
        if settings.sort is None:
            sorting += "   # the schema's first date field"
    label = settings.label_style
    from_headings = [spec.title for spec in schema.fields if spec.key in settings.heading_dates]
    lines += [
        f"entry-levels = {value(settings.entry_levels)}",
        f"layout = {value(settings.layouts)}",
        f"duplicates = {value(settings.duplicates)}",
        f"label = {value(label.write('Label'))}"
        if label
        else "# label: not pinned, as most labels of the file are written",
        f"item = {value([pattern.text for pattern in settings.item_patterns])}",
        f"item-fields = {value(settings.item_fields)}",
        f"sort = {sorting}",
        *([f"date-from-heading = {value(from_headings)}"] if from_headings else []),
        f"select = {value(sorted(settings.select))}",
        f"ignore = {value(sorted(settings.ignore))}",
        f"exclude = {value(config.exclude)}",
    ]
    return "\n".join(lines) + "\n"
