"""Bad input, one README table row per test case, each through the command line.

The contract for every row: exit code 2, exactly one line on stderr that names the
offending file and says what to do, no traceback, and no file touched (bytes, mtime
and permissions of everything in the folder stay as they were, and no temporary
file appears).
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.cli import main
from readmelint.files import MAX_FILE_BYTES, MAX_SETTINGS_BYTES
from readmelint.schema import bundled_schema_text

# Needs fixing (a drifted label), so fix gets as far as writing. Has Tags, so a
# schema's $ref under Tags is resolved (refs are resolved when a value needs them).
README = (
    "# Papers\n\n### AnyGPT\n- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n"
    "- **Tags:** any-to-any\n- **Personal Note**: [Note](https://example.org/n)\n"
)


@dataclass(frozen=True)
class Setup:
    args: list[str]  # after the command
    named: Path | str  # what the one stderr line must name
    stdin: bytes | None = None


@dataclass(frozen=True)
class BadInput:
    id: str
    bad_input: str  # the README table's first column
    does: str  # what readmelint does, the second column
    message: str  # a fragment the stderr line must hold
    make: Callable[[Path], Setup]
    commands: tuple[str, ...] = ("check", "fix")
    marks: tuple[pytest.MarkDecorator, ...] = field(default=())


def readme(folder: Path, data: bytes | str = README, name: str = "README.md") -> Path:
    path = folder / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def schema_file(folder: Path, content: str | dict[str, object]) -> Path:
    path = folder / "schema.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return path


def bundled() -> dict[str, object]:
    document: dict[str, object] = json.loads(bundled_schema_text())
    return document


def with_tags(tags: dict[str, object], **top: object) -> dict[str, object]:
    """The bundled schema with the Tags field replaced, and top-level keys added."""
    document = bundled()
    fields = document["properties"]["fields"]  # type: ignore[index]
    fields["properties"]["tags"] = tags
    document.update(top)
    return document


def with_schema(content: str | dict[str, object]) -> Callable[[Path], Setup]:
    def make(folder: Path) -> Setup:
        schema = schema_file(folder, content)
        return Setup(["--schema", str(schema), str(readme(folder))], schema)

    return make


def with_config(content: str) -> Callable[[Path], Setup]:
    def make(folder: Path) -> Setup:
        config = folder / ".readmelint.toml"
        config.write_text(content)
        return Setup(["--config", str(config), str(readme(folder))], config)

    return make


def missing(folder: Path) -> Setup:
    path = folder / "nope.md"
    return Setup([str(path)], path)


def latin1(folder: Path) -> Setup:
    path = readme(folder, "### Café\n- **Paper:** x\n".encode("latin-1"))
    return Setup([str(path)], path)


def utf16(folder: Path) -> Setup:
    path = readme(folder, README.encode("utf-16"))  # with a byte order mark
    return Setup([str(path)], path)


def utf16_without_a_mark(folder: Path) -> Setup:
    path = readme(folder, README.encode("utf-16-le"))
    return Setup([str(path)], path)


def binary(folder: Path) -> Setup:
    path = readme(folder, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return Setup([str(path)], path)


def fifo(folder: Path) -> Setup:
    path = folder / "README.md"
    os.mkfifo(path)
    return Setup([str(path)], path)


def too_large(folder: Path) -> Setup:
    path = folder / "README.md"
    with path.open("wb") as stream:
        stream.truncate(MAX_FILE_BYTES + 1)  # sparse: no disk used, and never read
    return Setup([str(path)], path)


def symlink_loop(folder: Path) -> Setup:
    (folder / "a.md").symlink_to(folder / "b.md")
    (folder / "b.md").symlink_to(folder / "a.md")
    return Setup([str(folder / "a.md")], folder / "a.md")


def binary_stdin(folder: Path) -> Setup:
    return Setup(["-", "--stdin-filename", "docs/README.md"], "docs/README.md", b"\x00\x01")


def read_only_file(folder: Path) -> Setup:
    path = readme(folder)
    path.chmod(0o444)
    return Setup([str(path)], path)


def read_only_folder(folder: Path) -> Setup:
    inner = folder / "list"
    inner.mkdir()
    path = readme(inner)
    inner.chmod(0o555)
    return Setup([str(path)], path)


def symlink(folder: Path) -> Setup:
    target = readme(folder, name="real.md")
    link = folder / "README.md"
    link.symlink_to(target)
    return Setup([str(link)], link)


def special_settings_file(option: str, name: str) -> Callable[[Path], Setup]:
    """``--schema``/``--config`` naming a FIFO: a read would wait for a writer forever."""

    def make(folder: Path) -> Setup:
        path = folder / name
        os.mkfifo(path)
        return Setup([option, str(path), str(readme(folder))], path)

    return make


def device_schema(folder: Path) -> Setup:
    return Setup(["--schema", "/dev/zero", str(readme(folder))], "/dev/zero")


def huge_settings_file(option: str, name: str) -> Callable[[Path], Setup]:
    def make(folder: Path) -> Setup:
        path = folder / name
        with path.open("wb") as stream:
            stream.truncate(MAX_SETTINGS_BYTES + 1)  # sparse: no disk used, and never read
        return Setup([option, str(path), str(readme(folder))], path)

    return make


def half_written_linked_file(folder: Path) -> Setup:
    """A hard-linked list and the complete journal of a fix killed while writing it."""
    import hashlib
    import subprocess
    import sys

    path = readme(folder)
    os.link(path, folder / "copy.md")
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    info, new = path.stat(), README.encode()
    header = f"{info.st_dev} {info.st_ino} {len(new)} {hashlib.sha256(new).hexdigest()}\n"
    journal = folder / f".README.md.{dead}.readmelint-journal"
    journal.write_bytes(b"readmelint journal 1\n" + header.encode() + new)
    return Setup([str(path)], path)


def config_naming_a_broken_schema(folder: Path) -> Setup:
    schema = schema_file(folder, "{")
    setup = with_config(f'schema = "{schema.name}"\n')(folder)
    return Setup(setup.args, schema)


CASES = [
    BadInput(
        "missing-path",
        "a path that does not exist",
        "`PATH: no such file; check the path`",
        "no such file; check the path",
        missing,
    ),
    BadInput(
        "not-utf-8",
        "a file in another encoding (Latin-1, Windows-1252 ...)",
        "`PATH: not UTF-8 (invalid byte at offset N); re-save the file as UTF-8 and run again`",
        "not UTF-8 (invalid byte at offset 7); re-save the file as UTF-8",
        latin1,
    ),
    BadInput(
        "utf-16",
        "a UTF-16 or UTF-32 file (by its byte order mark, or the NUL bytes of its ASCII)",
        "`PATH: UTF-16 text, not UTF-8; re-save the file as UTF-8 and run again`",
        "UTF-16 text, not UTF-8; re-save the file as UTF-8",
        utf16,
    ),
    BadInput(
        "utf-16-without-a-mark",
        "the same without a byte order mark",
        "the same",
        "UTF-16 text, not UTF-8; re-save the file as UTF-8",
        utf16_without_a_mark,
    ),
    BadInput(
        "binary",
        "a binary file (NUL bytes)",
        "`PATH: binary file (contains NUL bytes); readmelint reads Markdown text`",
        "binary file (contains NUL bytes)",
        binary,
    ),
    BadInput(
        "binary-stdin",
        "binary data on standard input (`-`)",
        "the same, naming `-` or `--stdin-filename`",
        "binary file (contains NUL bytes)",
        binary_stdin,
    ),
    BadInput(
        "special-file",
        "a FIFO, socket or device",
        "`PATH: not a regular file`, without reading it",
        "not a regular file",
        fifo,
    ),
    BadInput(
        "too-large",
        f"a file over {MAX_FILE_BYTES // 2**20} MB",
        "`PATH: N MB is over readmelint's limit of 64 MB for one Markdown file`, without reading it",
        "MB is over readmelint's limit of 64 MB",
        too_large,
    ),
    BadInput(
        "symlink-loop",
        "a symbolic link loop (to a file or a folder)",
        "`PATH: is a symbolic link loop; point the link at a real file or folder, or remove it`",
        "is a symbolic link loop; point the link at a real file or folder",
        symlink_loop,
    ),
    BadInput(
        "half-written-linked-file",
        "`check` (or `fix --diff`, `--check`) on a hard-linked file whose `fix` was killed",
        "`PATH: a fix was killed while writing this file ...; run `readmelint fix PATH` ...`",
        "a fix was killed while writing this file",
        half_written_linked_file,
        commands=("check",),
    ),
    BadInput(
        "read-only-file",
        "`fix` on a read-only file (no `u+w`, even for root)",
        "`PATH: file is read-only; make it writable (chmod u+w) to fix it`",
        "file is read-only; make it writable (chmod u+w)",
        read_only_file,
        commands=("fix",),
    ),
    BadInput(
        "read-only-folder",
        "`fix` on a file in a read-only folder",
        "`PATH: its folder is read-only; ...`: the atomic write needs a temporary file beside it",
        "its folder is read-only",
        read_only_folder,
        commands=("fix",),
    ),
    BadInput(
        "symlink",
        "`fix` on a symbolic link (`check` reads through it)",
        "`PATH: is a symbolic link; readmelint does not write through links, run fix on its target (TARGET)`",
        "is a symbolic link; readmelint does not write through links",
        symlink,
        commands=("fix",),
    ),
    BadInput(
        "schema-missing",
        "`--schema` naming no file",
        "`SCHEMA: schema file not found`",
        "schema file not found",
        lambda folder: Setup(
            ["--schema", str(folder / "nope.json"), str(readme(folder))], folder / "nope.json"
        ),
    ),
    BadInput(
        "schema-not-json",
        "a schema that is not JSON",
        "`SCHEMA:LINE:COL: schema is not valid JSON: ...`",
        ":1:19: schema is not valid JSON: Expecting ',' delimiter",
        with_schema('{"type": "object" "x": 1}'),
    ),
    BadInput(
        "schema-invalid",
        "a schema that is not a valid JSON Schema",
        "`SCHEMA: not a valid JSON Schema at PATH: ...`",
        "not a valid JSON Schema at type",
        with_schema({"type": 12}),
    ),
    BadInput(
        "schema-without-fields",
        "a schema that does not describe entries",
        '`SCHEMA: the schema must describe entries as {"properties": {"fields": ...}}`',
        "the schema must describe entries",
        with_schema({"type": "object"}),
    ),
    BadInput(
        "schema-remote-ref",
        "a schema with a `$ref` to a URL",
        "`SCHEMA: $ref to 'https://...' would need the network, which readmelint never uses; ...`",
        "would need the network, which readmelint never uses",
        with_schema(with_tags({"$ref": "https://example.org/tags.schema.json"})),
    ),
    BadInput(
        "schema-unresolvable-ref",
        "a schema with a `$ref` to another file",
        "`SCHEMA: cannot resolve $ref ...; ... inline the referenced schema`",
        "cannot resolve $ref",
        with_schema(with_tags({"$ref": "tags.schema.json"})),
    ),
    BadInput(
        "schema-ref-cycle",
        "a schema whose `$ref`s lead back to themselves",
        "`SCHEMA: $ref '#/$defs/a' leads back to itself (#/$defs/a -> #/$defs/b -> #/$defs/a) ...`",
        "$ref '#/$defs/a' leads back to itself (#/$defs/a -> #/$defs/b -> #/$defs/a)",
        with_schema(
            with_tags(
                {"$ref": "#/$defs/a"},
                **{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}},
            )
        ),
    ),
    BadInput(
        "schema-deeply-nested",
        "a schema nested 100,000 levels deep",
        "`SCHEMA: schema is nested too deeply to read`",
        "schema.json",
        with_schema('{"a":' * 100_000 + "1" + "}" * 100_000),
    ),
    BadInput(
        "config-missing",
        "`--config` naming no file",
        "`CONFIG: config file not found`",
        "config file not found",
        lambda folder: Setup(
            ["--config", str(folder / "nope.toml"), str(readme(folder))], folder / "nope.toml"
        ),
    ),
    BadInput(
        "config-not-toml",
        "a config file that is not TOML",
        "`CONFIG: not valid TOML: ...`",
        "not valid TOML",
        with_config("entry-levels = [3\n"),
    ),
    BadInput(
        "config-unknown-key",
        "a config file with an unknown key",
        "`CONFIG: unknown key 'KEY' in the file (did you mean 'KEYS'?); known keys: ...`",
        "unknown key 'entry-level' in the file (did you mean 'entry-levels'?); known keys: add, blank",
        with_config("entry-level = 3\n"),
    ),
    BadInput(
        "config-wrong-type",
        'a config value of the wrong type (`entry-levels = "x"`)',
        "`CONFIG: entry-levels must be a heading level 1-6 or a list of them`",
        "entry-levels must be a heading level 1-6 or a list of them",
        with_config('entry-levels = "x"\n'),
    ),
    BadInput(
        "config-bad-schema",
        "a config whose `schema` is broken",
        "the schema's own message, naming the schema file",
        "schema is not valid JSON",
        config_naming_a_broken_schema,
    ),
    BadInput(
        "config-deeply-nested",
        "a config file nested 100,000 levels deep",
        "`CONFIG: config is nested too deeply to read`",
        ".readmelint.toml",
        with_config("x = " + "[" * 100_000 + "]" * 100_000 + "\n"),
    ),
    # Issue 26: nothing hangs, nothing is read until memory runs out.
    BadInput(
        "schema-special-file",
        "a schema or config that is a FIFO or a device (`/dev/zero`)",
        "`PATH: not a regular file; the schema must be a file` (or config), without reading it",
        "not a regular file; the schema must be a file",
        special_settings_file("--schema", "schema.json"),
    ),
    BadInput(
        "schema-device",
        "`--schema /dev/zero`",
        "the same",
        "not a regular file; the schema must be a file",
        device_schema,
    ),
    BadInput(
        "config-special-file",
        "`--config` naming a FIFO",
        "the same",
        "not a regular file; the config must be a file",
        special_settings_file("--config", "fifo.toml"),
    ),
    BadInput(
        "schema-too-large",
        "a schema or config over 4 MB",
        "`PATH: over readmelint's limit of 4 MB for a schema file` (or config), without reading it",
        "over readmelint's limit of 4 MB for a schema file",
        huge_settings_file("--schema", "schema.json"),
    ),
    BadInput(
        "config-too-large",
        "a config over 4 MB",
        "the same",
        "over readmelint's limit of 4 MB for a config file",
        huge_settings_file("--config", "big.toml"),
    ),
    BadInput(
        "schema-lookaround",
        "a schema `pattern` with lookaround or a backreference (`(?=`, `\\1`)",
        "`SCHEMA: pattern '...' at PATH is not a regular expression readmelint can match (...); "
        "it matches schema patterns with RE2, ...: rewrite the pattern without them`",
        "pattern '^(?!draft)' at properties/fields/properties/tags/pattern is not a regular "
        "expression readmelint can match (invalid perl operator: (?!)",
        with_schema(with_tags({"type": "string", "pattern": "^(?!draft)"})),
    ),
    BadInput(
        "schema-backreference",
        "a `patternProperties` key with a backreference",
        "the same",
        "pattern '^(x)\\\\1$' at properties/fields/patternProperties is not a regular expression",
        with_schema(
            {
                **bundled(),
                "properties": {
                    **bundled()["properties"],  # type: ignore[dict-item]
                    "fields": {
                        **bundled()["properties"]["fields"],  # type: ignore[index]
                        "patternProperties": {"^(x)\\1$": {"type": "string"}},
                    },
                },
            }
        ),
    ),
    BadInput(
        "schema-unevaluated-pattern-properties",
        "`patternProperties` beside `unevaluatedProperties`",
        "`SCHEMA: PATH has both patternProperties and unevaluatedProperties, ...; use "
        "additionalProperties instead`: jsonschema would match those keys by backtracking",
        "properties/fields has both patternProperties and unevaluatedProperties",
        with_schema(
            {
                **bundled(),
                "properties": {
                    **bundled()["properties"],  # type: ignore[dict-item]
                    "fields": {
                        **bundled()["properties"]["fields"],  # type: ignore[index]
                        "patternProperties": {"^x-": {"type": "string"}},
                        "unevaluatedProperties": False,
                    },
                },
            }
        ),
    ),
]


def snapshot(folder: Path) -> dict[str, tuple[object, ...]]:
    """Every entry under ``folder``: kind, permissions, mtime and, for files, bytes."""
    found: dict[str, tuple[object, ...]] = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            info = path.lstat()
            data = path.read_bytes() if path.is_file() and not path.is_symlink() else None
            found[str(path.relative_to(folder))] = (info.st_mode, info.st_mtime_ns, data)
    return found


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize(
    "case", [pytest.param(case, id=case.id, marks=case.marks) for case in CASES]
)
def test_bad_input_is_one_line_exit_2_and_touches_nothing(
    runner: CliRunner, tmp_path: Path, case: BadInput
) -> None:
    for command in case.commands:
        folder = tmp_path / command
        folder.mkdir()
        setup = case.make(folder)
        before = snapshot(folder)
        try:
            result = runner.invoke(main, [command, *setup.args], input=setup.stdin)
        finally:
            for path in folder.rglob("*"):  # undo chmod 0o555 so the tmp folder can be removed
                if path.is_dir() and not path.is_symlink():
                    path.chmod(0o755)
        after = snapshot(folder)
        assert isinstance(result.exception, SystemExit), result.exception  # no traceback
        assert result.exit_code == 2, (command, result.output)
        lines = result.stderr.splitlines()
        assert len(lines) == 1, (command, result.stderr)
        assert lines[0].startswith("readmelint: ")
        assert str(setup.named) in lines[0], (command, lines[0])
        assert case.message in lines[0], (command, lines[0])
        assert "Traceback" not in result.output
        if "read-only-folder" not in case.id:  # the chmod above changed the folder's mode
            assert after == before


def test_no_network_for_a_ref_relative_to_a_remote_id(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A relative ``$ref`` under an ``https://`` ``$id`` is a URL too: it must not be fetched."""
    connections: list[object] = []

    def no_network(address: object, *args: object, **kwargs: object) -> socket.socket:
        connections.append(address)
        raise OSError("tests have no network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    schema = schema_file(
        tmp_path,
        with_tags({"$ref": "tags.schema.json"}, **{"$id": "https://example.org/paper.json"}),
    )
    result = runner.invoke(main, ["check", "--schema", str(schema), str(readme(tmp_path))])
    assert result.exit_code == 2
    assert str(schema) in result.stderr
    assert connections == []


def test_fix_with_an_unresolvable_schema_ref_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    schema = schema_file(tmp_path, with_tags({"$ref": "tags.schema.json"}))
    path = readme(tmp_path)
    result = runner.invoke(main, ["fix", "--schema", str(schema), str(path)])
    assert result.exit_code == 2
    assert path.read_text() == README


def test_one_bad_file_does_not_stop_the_others(runner: CliRunner, tmp_path: Path) -> None:
    broken = readme(tmp_path, name="broken.md")
    result = runner.invoke(
        main,
        [
            "check",
            str(tmp_path / "nope.md"),
            str(broken),
            str(readme(tmp_path, b"\xff\xfe#\x00", "utf16.md")),
        ],
    )
    assert result.exit_code == 2  # 2 (bad input) beats 1 (problems found)
    assert f"{broken}:6:3: RL102" in result.stdout
    assert "(1 fixable) in 1 file" in result.stdout.splitlines()[-1]
    assert [line.split(":")[1].strip() for line in result.stderr.splitlines()] == [
        str(tmp_path / "nope.md"),
        str(tmp_path / "utf16.md"),
    ]


def test_fix_goes_on_after_a_bad_file(runner: CliRunner, tmp_path: Path) -> None:
    locked = readme(tmp_path, name="locked.md")
    locked.chmod(0o444)
    fine = readme(tmp_path, name="fine.md")
    result = runner.invoke(main, ["fix", str(locked), str(fine)])
    assert result.exit_code == 2
    assert "**Personal note:**" in fine.read_text()
    assert locked.read_text() == README
    assert result.stderr.splitlines()[0] == (
        f"readmelint: {locked}: file is read-only; make it writable (chmod u+w) to fix it"
    )
    assert f"fixed {fine}" in result.stderr


def test_clean_file_and_bad_file_exit_2_not_0(runner: CliRunner, tmp_path: Path) -> None:
    clean = readme(tmp_path, README.replace("**Personal Note**:", "**Personal note:**"))
    result = runner.invoke(main, ["fix", str(clean), str(tmp_path / "nope.md")])
    assert result.exit_code == 2


def folder_symlink_loop(folder: Path) -> Setup:
    (folder / "docs").symlink_to(folder / "docs")
    return Setup([str(folder / "docs")], folder / "docs")


def jobs(value: str) -> Callable[[Path], Setup]:
    def make(folder: Path) -> Setup:
        return Setup(["--jobs", value, str(readme(folder))], f"--jobs {value}")

    return make


# Issue 15's bad input: folders and --jobs.
FOLDER_CASES = [
    BadInput(
        "folder-symlink-loop",
        "a folder that is a symbolic link loop",
        "the same",
        "is a symbolic link loop; point the link at a real file or folder",
        folder_symlink_loop,
    ),
    BadInput(
        "jobs-0",
        "`--jobs 0`, a negative number or not a number",
        "`--jobs N: give the number of worker processes, a whole number of 1 or more ...`",
        "give the number of worker processes, a whole number of 1 or more",
        jobs("0"),
    ),
    BadInput(
        "jobs-negative",
        "`--jobs -3`",
        "the same",
        "give the number of worker processes",
        jobs("-3"),
    ),
    BadInput(
        "jobs-not-a-number",
        "`--jobs many`",
        "the same",
        "give the number of worker processes",
        jobs("many"),
    ),
]


@pytest.mark.parametrize("case", [pytest.param(case, id=case.id) for case in FOLDER_CASES])
def test_folder_and_jobs_bad_input_is_one_line_exit_2_and_touches_nothing(
    runner: CliRunner, tmp_path: Path, case: BadInput
) -> None:
    test_bad_input_is_one_line_exit_2_and_touches_nothing(runner, tmp_path, case)


def test_a_folder_loop_does_not_stop_the_other_paths(runner: CliRunner, tmp_path: Path) -> None:
    setup = folder_symlink_loop(tmp_path)
    setup = Setup([*setup.args, str(readme(tmp_path))], setup.named)
    result = runner.invoke(main, ["check", *setup.args])
    assert result.exit_code == 2
    assert f"{tmp_path / 'README.md'}:6:3: RL102" in result.stdout
    fixed = runner.invoke(main, ["fix", *setup.args])
    assert fixed.exit_code == 2
    assert "**Personal note:**" in (tmp_path / "README.md").read_text()


def test_a_folder_without_markdown_is_a_note_and_exit_0(runner: CliRunner, tmp_path: Path) -> None:
    """Not bad input: a folder is searched, and finding nothing is not an error."""
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "notes.txt").write_text("text")
    before = snapshot(tmp_path)
    for command in ("check", "fix"):
        result = runner.invoke(main, [command, str(folder)])
        assert result.exit_code == 0, result.output
        assert result.stderr == f"readmelint: {folder}: no Markdown files found\n"
    assert snapshot(tmp_path) == before
