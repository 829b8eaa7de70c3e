"""Load a JSON Schema once, validate entries, and read what the schema says.

The schema describes one entry as ``{"heading": str, "fields": {key: value}}``.
Keys are normalised labels (see :func:`readmelint.labels.normalise`), values
the fields' trimmed Markdown source, a missing field an absent key. The order
of ``fields.properties`` is the canonical field order and each property's
``title`` is its label as printed.

Two extensions, both ordinary JSON Schema to other tools:
- ``"format": "markdown-link"``: the value holds a link with an http(s) URL;
- ``"x-date-format": "YYYY.MM"`` (or a list of spellings): the value is a date
  written that way (see :mod:`readmelint.dates`). ``"format": "date"`` means
  ``YYYY-MM-DD``. Either makes the field sortable by date.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property, partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readmelint import keywords
from readmelint.dates import ISO_DATE, DateFormats, PartialDate
from readmelint.errors import InputError, SchemaError

if TYPE_CHECKING:
    from jsonschema.protocols import Validator
    from referencing import Registry

    from readmelint.verdict import Verdict

BUNDLED_SCHEMA_NAME = "paper-notes.schema.json"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """What the schema says of one field.

    ``link``: it must hold a link (``format: markdown-link``); ``arxiv_date``: it is
    the date an arXiv id's month must agree with (``"x-arxiv-date": true``).
    """

    key: str
    title: str
    required: bool
    date_format: DateFormats | None
    link: bool = False
    arxiv_date: bool = False
    position: int | None = None  # x-position: an unlabelled field line at this place is it

    def date_of(self, value: str) -> PartialDate | None:
        """The date a value of this field holds, as it reads (``<span>07-29</span>`` too)."""
        if self.date_format is None:
            return None
        return self.date_format.parse(keywords.date_text(value))


@dataclass(frozen=True)
class Schema:
    """A loaded schema and the field specs it declares; its validator is built on first use.

    ``fix`` needs only the field order, titles and date formats, so a run that
    does not validate never imports jsonschema.
    """

    name: str
    document: Mapping[str, Any]
    fields: tuple[FieldSpec, ...]
    closed: bool  # unknown fields are errors (additionalProperties: false)

    @cached_property
    def order(self) -> dict[str, int]:
        return {spec.key: position for position, spec in enumerate(self.fields)}

    @cached_property
    def _label_keys(self) -> dict[str, str]:
        """A normalised label -> the key of the field it names: its title (a field's title
        is its label as written: ``"title": {"title": "Paper"}`` reads ``Paper``), else its
        key; a title wins where one field's title is another's key."""
        from readmelint.labels import normalise

        keys = {spec.key: spec.key for spec in self.fields}
        return keys | {normalise(spec.title): spec.key for spec in self.fields}

    def key_of(self, label: str) -> str:
        """The key of the field a label (as written, markup and colon aside) names.

        Case, spacing and punctuation aside (``Personal Note`` is ``personal_note``); a
        bilingual label names the field one of its parts does (``论文/Paper`` is the
        field titled ``Paper``). A label naming no field is its normalised form.
        """
        from readmelint.labels import label_parts, normalise

        normal = normalise(label)
        found = self._label_keys.get(normal)
        if found is not None:
            return found
        for part in label_parts(label):
            found = self._label_keys.get(normalise(part))
            if found is not None:
                return found
        return normal

    def names_field(self, label: str) -> bool:
        """Whether a label (as written) names a field of the schema."""
        return self.key_of(label) in self.order

    def spelling(self, key: str | None, label: str) -> str:
        """How fix writes a label of the field ``key``: the field's title, but a
        bilingual label read through one of its parts (``论文/Paper``) stays as written."""
        from readmelint.labels import normalise

        spec = self.spec(key)
        if spec is None:
            return label
        return spec.title if normalise(label) in (normalise(spec.title), spec.key) else label

    @cached_property
    def by_position(self) -> dict[int, FieldSpec]:
        """The fields an unlabelled line is read as, by its place in the entry (1-based)."""
        return {spec.position: spec for spec in self.fields if spec.position is not None}

    @cached_property
    def _specs(self) -> dict[str, FieldSpec]:
        return {spec.key: spec for spec in self.fields}

    def spec(self, key: str | None) -> FieldSpec | None:
        return self._specs.get(key) if key is not None else None

    @cached_property
    def validator(self) -> Validator:
        return self.jsonschema_validator({})

    def jsonschema_validator(self, references: Mapping[str, Any]) -> Validator:
        """jsonschema's validator, reading ``[text][label]`` links with ``references``.

        (Built anew, not by ``evolve``: that picks the class by ``$schema`` and so drops
        readmelint's own keywords.)
        """
        from jsonschema import Draft202012Validator, FormatChecker, validators

        checker = FormatChecker()
        checker.checks("markdown-link")(
            partial(keywords.has_http_link, references=references or None)
        )
        own_keywords = {
            "x-date-format": keywords.check_date_format,
            "pattern": keywords.pattern,
            "patternProperties": keywords.pattern_properties,
            "additionalProperties": keywords.additional_properties,
        }
        validator_class = validators.extend(Draft202012Validator, own_keywords)  # type: ignore[no-untyped-call]
        registry = _offline_registry(self.document)
        validator: Validator = validator_class(
            self.document, format_checker=checker, registry=registry
        )
        return validator

    @cached_property
    def verdict(self) -> Verdict | None:
        """The compiled yes/no validator, where one gives jsonschema's verdicts."""
        from readmelint.verdict import compile_verdict

        return compile_verdict(self.document)

    def validation_for(self, references: Mapping[str, Any]) -> Validation:
        """How to validate a document's entries, reading ``[text][label]`` links with its
        definitions."""
        if not references:
            return Validation(self, self.verdict, {})
        from readmelint.verdict import compile_verdict

        return Validation(self, compile_verdict(self.document, references), references)

    def errors(
        self, instance: Mapping[str, Any], validator: Validator | None = None
    ) -> Iterator[Any]:
        """``instance``'s errors, by jsonschema: by ``validator`` if given (see
        :class:`Validation`)."""
        from referencing.exceptions import Unresolvable

        try:
            yield from (validator or self.validator).iter_errors(instance)
        except Unresolvable as error:
            raise SchemaError(
                f"{self.name}: cannot resolve $ref {error}; readmelint never fetches "
                "schemas over the network, so inline the referenced schema"
            ) from None
        except RecursionError:  # entries are shallow: the schema recurses, not the entry
            raise SchemaError(
                f"{self.name}: validating an entry recursed without end (a $ref cycle?); "
                "make every $ref lead to a schema that does not refer back to it"
            ) from None


@dataclass(frozen=True)
class Validation:
    """A schema's validation of one document's entries: the compiled verdict first, where
    there is one, and jsonschema for the errors of an entry it finds invalid."""

    schema: Schema
    verdict: Verdict | None
    references: Mapping[str, Any]

    @cached_property
    def validator(self) -> Validator:
        if not self.references:
            return self.schema.validator
        return self.schema.jsonschema_validator(self.references)

    def errors(self, instance: Mapping[str, Any]) -> Iterator[Any]:
        if self.verdict is not None and self.verdict(instance):
            return iter(())
        return self.schema.errors(instance, self.validator)


def bundled_schema_text() -> str:
    # A plain file read: importlib.resources costs ~5 ms of imports (tempfile,
    # zipfile machinery) on every start. Zipped installs still get the resource.
    beside = Path(__file__).parent / "schemas" / BUNDLED_SCHEMA_NAME
    if beside.is_file():
        return beside.read_text("utf-8")
    from importlib import resources

    return (resources.files("readmelint") / "schemas" / BUNDLED_SCHEMA_NAME).read_text("utf-8")


@cache
def bundled_schema() -> Schema:
    # Trusted: tests check it against the meta-schema, so runs need not.
    document = json.loads(bundled_schema_text())
    return build_schema(document, f"<bundled {BUNDLED_SCHEMA_NAME}>", trusted=True)


def load_schema(path: Path | str) -> Schema:
    """Load a user's schema file, with one clear error for each way it can be wrong
    (a :class:`SchemaError`, which is a :class:`ConfigError`)."""
    from readmelint.files import read_small_file

    path = Path(path)
    try:
        text = read_small_file(path, "schema").decode("utf-8")
    except FileNotFoundError:
        raise SchemaError(f"{path}: schema file not found") from None
    except InputError as error:  # not a regular file, or too large
        raise SchemaError(str(error)) from None
    except (OSError, UnicodeDecodeError) as error:
        raise SchemaError(f"{path}: cannot read schema: {error}") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise SchemaError(
            f"{path}:{error.lineno}:{error.colno}: schema is not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise SchemaError(f"{path}: schema is nested too deeply to read") from None
    try:
        return build_schema(document, str(path))
    except RecursionError:
        raise SchemaError(f"{path}: schema is nested too deeply to check") from None


def build_schema(document: object, name: str, trusted: bool = False) -> Schema:
    """A :class:`Schema`; unless ``trusted``, checked against the meta-schema and for $refs."""
    if not isinstance(document, dict):
        raise SchemaError(f"{name}: a schema must be a JSON object")
    if not trusted:
        from jsonschema import Draft202012Validator, FormatChecker
        from jsonschema.exceptions import SchemaError as JsonSchemaError

        # Patterns are checked by _check_patterns, as RE2 reads them, not by Python's re.
        checker = FormatChecker(())
        checker.checkers = {
            name: check
            for name, check in Draft202012Validator.FORMAT_CHECKER.checkers.items()
            if name != "regex"
        }
        try:
            Draft202012Validator.check_schema(document, format_checker=checker)
        except JsonSchemaError as error:
            where = "/".join(str(part) for part in error.absolute_path) or "(root)"
            raise SchemaError(
                f"{name}: not a valid JSON Schema at {where}: {error.message}"
            ) from None
        _refuse_remote_refs(document, name)
        _check_patterns(document, name)
        _resolve_every_ref(document, _offline_registry(document), name)
    fields = _field_specs(document, name)
    closed = document["properties"]["fields"].get("additionalProperties") is False
    return Schema(name=name, document=document, fields=fields, closed=closed)


def _field_specs(document: Mapping[str, Any], name: str) -> tuple[FieldSpec, ...]:
    try:
        fields = document["properties"]["fields"]
        properties = fields["properties"]
    except (KeyError, TypeError):
        raise SchemaError(
            f'{name}: the schema must describe entries as {{"properties": {{"fields": '
            '{"properties": {...}}}}}; start from `readmelint schema`'
        ) from None
    if not isinstance(properties, dict):
        raise SchemaError(f"{name}: properties.fields.properties must be an object")
    required = set(fields.get("required", []))
    specs = []
    for key, spec in properties.items():
        spec = spec if isinstance(spec, dict) else {}
        title = spec.get("title", key.replace("_", " ").capitalize())
        date_format = None
        if "x-date-format" in spec:
            try:
                date_format = DateFormats.from_keyword(spec["x-date-format"])
            except ValueError as error:
                raise SchemaError(f"{name}: field {key!r}: {error}") from None
        elif spec.get("format") == "date":
            date_format = ISO_DATE
        specs.append(
            FieldSpec(
                key,
                str(title),
                key in required,
                date_format,
                link=spec.get("format") == "markdown-link",
                arxiv_date=spec.get("x-arxiv-date") is True,
                position=_position(spec.get("x-position"), key, name),
            )
        )
    return tuple(specs)


def _position(value: object, key: str, name: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise SchemaError(f"{name}: field {key!r}: x-position must be a whole number from 1")
    return value


def _offline_registry(document: Mapping[str, Any]) -> Registry[Any]:
    """A registry holding only this schema: any other URI fails instead of being fetched."""
    from referencing import Registry, Resource
    from referencing.exceptions import NoSuchResource

    def never_fetch(uri: str) -> Resource[Any]:
        raise NoSuchResource(ref=uri)  # type: ignore[call-arg]

    registry: Registry[Any] = Registry(retrieve=never_fetch)  # type: ignore[call-arg]
    root = Resource.from_contents(document, default_specification=_draft_2020_12())
    with_root: Registry[Any] = registry.with_resource(str(document.get("$id", "")), root)
    return with_root


def _draft_2020_12() -> Any:
    from referencing.jsonschema import DRAFT202012

    return DRAFT202012


def _resolve_every_ref(document: Mapping[str, Any], registry: Registry[Any], name: str) -> None:
    """Fail now, naming the ``$ref``, rather than halfway through a run."""
    from urllib.parse import urljoin

    from referencing.exceptions import Unresolvable

    stack: list[tuple[object, str]] = [(document, str(document.get("$id", "")))]
    while stack:
        node, base = stack.pop()
        if isinstance(node, dict):
            if isinstance(node.get("$id"), str):
                base = urljoin(base, node["$id"])
            reference = node.get("$ref")
            if isinstance(reference, str):
                try:
                    loop = _ref_loop(registry.resolver(base_uri=base), reference)
                except Unresolvable:
                    raise SchemaError(
                        f"{name}: cannot resolve $ref {reference!r}; readmelint never "
                        "fetches schemas over the network or from other files, so copy the "
                        'referenced schema under "$defs" and refer to it as "#/$defs/..."'
                    ) from None
                if loop:
                    raise SchemaError(
                        f"{name}: $ref {reference!r} leads back to itself "
                        f"({' -> '.join(loop)}), so no entry could be checked against it; "
                        "point one of these at a schema that is not only a $ref"
                    )
            stack.extend((value, base) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, base) for value in node)


def _ref_loop(resolver: Any, reference: str) -> list[str]:
    """The ``$ref`` chain from ``reference`` if it comes back to a schema it passed
    (validating would recurse for ever, whatever the entry), else nothing."""
    chain = [reference]
    seen: set[int] = set()
    resolved = resolver.lookup(reference)
    while True:
        contents = resolved.contents
        if not isinstance(contents, dict) or not isinstance(contents.get("$ref"), str):
            return []
        if id(contents) in seen:
            return chain
        seen.add(id(contents))
        chain.append(contents["$ref"])
        resolved = resolved.resolver.lookup(contents["$ref"])


def _refuse_remote_refs(node: object, name: str) -> None:
    if isinstance(node, dict):
        for keyword, value in node.items():
            if keyword in ("$ref", "$dynamicRef") and isinstance(value, str):
                if re.match(r"[a-z][a-z0-9+.-]*://", value, re.IGNORECASE):
                    raise SchemaError(
                        f"{name}: $ref to {value!r} would need the network, which "
                        "readmelint never uses; copy that schema into this file under "
                        '"$defs" and refer to it as "#/$defs/..."'
                    )
            else:
                _refuse_remote_refs(value, name)
    elif isinstance(node, list):
        for item in node:
            _refuse_remote_refs(item, name)


def _check_patterns(node: object, name: str, where: str = "") -> None:
    """Refuse, naming it, a ``pattern`` or ``patternProperties`` key RE2 cannot compile.

    Schema patterns are matched with RE2, in time linear in the value: Python's
    ``re`` backtracks, and ``^(a+)+$`` on a long value never finished. RE2 has no
    lookaround or backreferences, the only ECMA-262 features it lacks.
    """
    if isinstance(node, list):
        for index, item in enumerate(node):
            _check_patterns(item, name, f"{where}/{index}")
        return
    if not isinstance(node, dict):
        return
    for keyword, value in node.items():
        here = f"{where}/{keyword}"
        if keyword in keywords.DATA_KEYWORDS:
            continue
        if keyword == "pattern" and isinstance(value, str):
            _compile_schema_pattern(value, name, here)
        elif keyword == "patternProperties" and isinstance(value, dict):
            for key in value:
                _compile_schema_pattern(key, name, here)
            if "unevaluatedProperties" in node:
                # jsonschema matches these keys with Python's re there, which can backtrack
                # for hours; it offers no way to give it RE2.
                raise SchemaError(
                    f"{name}: {where.lstrip('/') or '(root)'} has both patternProperties and "
                    "unevaluatedProperties, which readmelint cannot check in linear time; "
                    "use additionalProperties instead of unevaluatedProperties there"
                )
        _check_patterns(value, name, here)


def _compile_schema_pattern(pattern: str, name: str, where: str) -> None:
    from readmelint.regex import RegexError

    try:
        keywords.schema_regex(pattern)
    except RegexError as error:
        raise SchemaError(
            f"{name}: pattern {pattern!r} at {where.lstrip('/') or '(root)'} is not a regular "
            f"expression readmelint can match ({error}); it matches schema patterns with RE2, "
            "which never backtracks and so has no lookaround or backreferences: rewrite the "
            "pattern without them"
        ) from None
