"""Export: every entry as JSON, JSON Lines, CSV and BibTeX."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pybtex.database as pybtex
import pytest
from bibtexparser.entrypoint import parse_string
from click.testing import CliRunner

from readmelint.check import check_document
from readmelint.cli import main
from readmelint.cli.data import EXPORT_FORMATS
from readmelint.export import FORMATS, METADATA, flat
from readmelint.parse import parse
from readmelint.records import Columns, Record, records
from readmelint.schema import build_schema
from readmelint.settings import Settings
from tests.helpers import config_of, corpus_lists, corpus_text, settings_of

EXAMPLE = """\
# Papers

## Vision

### ResNet
- **Paper:** [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)
- **Accepted:** CVPR 2016
- **Submission Date:** 2015-12-10
- **Authors:** Kaiming He, Xiangyu Zhang, Shaoqing Ren, Jian Sun
- **Tags:** residual, "deep" {nets} 100%_sure
- **Abstract:** Deeper networks, easier to train.
- **Personal note:** [mine](https://example.org/resnet)

## Language

### Untitled stub
- **Paper:** [A, b; c](https://example.org/paper)
- **Accepted:** TPAMI
- **Submission Date:** 2020-01-15
- **Authors:** Fudan University; Shanghai AI Lab
- **Abstract:** x
- **Personal note:** [y](https://example.org/y)
- **Personal note:** said twice
"""


def export(text: str, kind: str, settings: Settings | None = None) -> str:
    settings = settings or Settings()
    document = parse(text, settings)
    diagnostics = check_document(document, settings, "README.md")
    found = list(records(document, settings, "README.md", diagnostics))
    return "".join(FORMATS[kind](found, Columns.of(settings)))


def test_the_command_line_names_every_format() -> None:
    assert tuple(FORMATS) == EXPORT_FORMATS


def test_json_holds_the_path_line_section_layout_fields_and_links() -> None:
    first, second = json.loads(export(EXAMPLE, "json"))
    assert first["path"] == "README.md"
    assert (first["line"], first["section"], first["layout"]) == (
        5,
        ["Papers", "Vision"],
        "headings",
    )
    assert first["title"] == "ResNet"
    assert first["paper_url"] == "https://arxiv.org/abs/1512.03385"
    assert first["paper_title"] == "Deep Residual Learning for Image Recognition"
    assert first["accepted"] == "CVPR 2016"
    assert first["problems"] == 0
    assert second["section"] == ["Papers", "Language"]
    assert second["personal_note"] == "[y](https://example.org/y)"
    assert second["personal_note_2"] == "said twice"  # a repeated field is kept
    assert second["problems"] > 0  # the repeat and the missing tags are reported


def test_jsonl_is_one_object_a_line_equal_to_json() -> None:
    lines = export(EXAMPLE, "jsonl").splitlines()
    assert [json.loads(line) for line in lines] == json.loads(export(EXAMPLE, "json"))


def test_csv_round_trips_through_the_csv_module() -> None:
    text = export(EXAMPLE, "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    expected = json.loads(export(EXAMPLE, "json"))
    assert len(rows) == len(expected)
    for row, record in zip(rows, expected, strict=True):
        for key, value in record.items():
            wanted = " > ".join(value) if key == "section" else str(value)
            assert row[key] == wanted
        for key in row.keys() - record.keys():
            # A field without markup has no KEY_text in JSON; CSV gives its value there.
            base = key.removesuffix("_text")
            assert row[key] == (str(record[base]) if key != base and base in record else "")
    assert "\r\n" in text  # RFC 4180 line ends


def test_a_field_keyed_like_the_metadata_keeps_both() -> None:
    record = Record("a.md", 3, (), "table", "Shown", {"title": "[T](u)", "path": "p"}, None, 0)
    row = flat(record)
    assert (row["title"], row["title_field"], row["title_field_url"]) == ("Shown", "[T](u)", "u")
    assert (row["path"], row["path_field"]) == ("a.md", "p")


def test_bibtex_kinds_names_keys_and_escapes() -> None:
    library = parse_string(export(EXAMPLE, "bibtex"))
    assert not library.failed_blocks
    resnet, stub = library.entries
    assert (resnet.entry_type, resnet.key) == ("inproceedings", "he2015")
    assert resnet["author"] == "Kaiming He and Xiangyu Zhang and Shaoqing Ren and Jian Sun"
    assert (resnet["year"], resnet["month"]) == ("2015", "12")
    assert (resnet["eprint"], resnet["archivePrefix"]) == ("1512.03385", "arXiv")
    assert resnet["booktitle"] == "CVPR 2016"
    assert stub.entry_type == "article"
    assert "author" not in stub.fields_dict  # affiliations are no names
    assert stub.key == "untitled2020"  # the heading's first word without an author


def test_bibtex_escapes_what_latex_treats_as_special() -> None:
    text = EXAMPLE.replace("Deep Residual Learning", "100% {Deep} #1 R&D_x ~^ \\")
    library = parse_string(export(text, "bibtex"))
    assert not library.failed_blocks
    assert library.entries[0]["title"].startswith(
        r"100\% \textbraceleft{}Deep\textbraceright{} \#1 R\&D\_x "
        r"\textasciitilde{}\textasciicircum{} \textbackslash{}"
    )


def test_bibtex_keys_are_unique_in_entry_order() -> None:
    text = EXAMPLE + "\n" + EXAMPLE[EXAMPLE.index("### ResNet") : EXAMPLE.index("## Language")]
    keys = [entry.key for entry in parse_string(export(text, "bibtex")).entries]
    assert keys == ["he2015", "untitled2020", "he2015a"]


def field_values(record: dict[str, object]) -> Counter[str]:
    """The values of a JSON record's fields: not its metadata nor the parts of a link."""
    links = {
        f"{key}_{part}"
        for key in record
        for part in ("url", "title", "text", "iso")
        if f"{key}_{part}" in record
    }
    return Counter(
        str(value) for key, value in record.items() if key not in METADATA and key not in links
    )


@pytest.mark.parametrize("name", corpus_lists() or ["(no corpus)"])
def test_every_entry_and_field_of_the_corpus_is_exported_once(name: str) -> None:
    text = corpus_text(name)
    settings = settings_of(name)
    document = parse(text, settings)
    exported = json.loads(export(text, "json", settings))
    assert [record["line"] for record in exported] == [entry.line for entry in document.entries]
    for entry, record in zip(document.entries, exported, strict=True):
        assert field_values(record) == Counter(field.value for field in entry.fields), entry.line


@pytest.mark.parametrize("name", corpus_lists() or ["(no corpus)"])
def test_bibtex_of_every_corpus_list_parses(name: str) -> None:
    text = corpus_text(name)
    settings = settings_of(name)
    exported = export(text, "bibtex", settings)
    library = parse_string(exported)
    assert not library.failed_blocks
    assert len(library.entries) == len(parse(text, settings).entries)
    assert len(pybtex.parse_string(exported, "bibtex").entries) == len(library.entries)
    assert len({entry.key for entry in library.entries}) == len(library.entries)


def test_cli_writes_every_format_to_a_file(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(EXAMPLE, "utf-8")
    runner = CliRunner()
    for kind in EXPORT_FORMATS:
        out = tmp_path / f"out.{kind}"
        result = runner.invoke(
            main, ["export", str(tmp_path / "README.md"), "--format", kind, "-o", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.read_bytes().decode("utf-8") == export(EXAMPLE, kind).replace(
            "README.md", str(tmp_path / "README.md")
        )


def test_cli_exports_a_folder_in_path_order(tmp_path: Path) -> None:
    (tmp_path / "b.md").write_text(EXAMPLE, "utf-8")
    (tmp_path / "a.md").write_text(EXAMPLE, "utf-8")
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", "jsonl", "--jobs", "2"])
    assert result.exit_code == 0, result.output
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == [str(tmp_path / "a.md")] * 2 + [str(tmp_path / "b.md")] * 2


def test_an_unwritable_output_is_one_line_and_nothing_is_read(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text(EXAMPLE, "utf-8")
    target = tmp_path / "missing" / "out.json"
    result = CliRunner().invoke(main, ["export", str(tmp_path / "README.md"), "-o", str(target)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "does not exist" in result.stderr
    assert not target.parent.exists()


def test_a_file_that_cannot_be_read_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(EXAMPLE, "utf-8")
    (tmp_path / "b.md").write_bytes(b"\xff\xfe not utf-8")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(main, ["export", str(tmp_path), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 2
    assert "b.md" in result.stderr
    assert "nothing was written" in result.stderr
    assert not out.exists()


@pytest.mark.skipif(not corpus_lists(), reason="../shared/corpus is absent")
def test_export_in_a_real_process_reads_the_corpus_with_its_config() -> None:
    name = "tables/xianshang33__llm-paper-daily__README_en.md"
    config = config_of(name)
    assert config is not None
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "readmelint",
            "export",
            str(Path("..") / "shared/corpus" / name),
            "--config",
            str(config),
            "--format",
            "csv",
        ],
        capture_output=True,
        cwd=Path(__file__).parent.parent,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(io.StringIO(done.stdout.decode("utf-8"))))
    assert len(rows) == 648
    assert all(row["layout"] == "table" and row["line"].isdigit() for row in rows)


def test_bibtex_writes_a_url_verbatim_and_lone_braces_that_balance() -> None:
    """BibTeX and pybtex count braces, escaped or not; biblatex reads `url` verbatim."""
    url = "https://example.org/foo_bar#sec%20x&y=~1"
    text = EXAMPLE.replace(
        "[Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)",
        f"[A lone }} brace, and {{ another]({url})",
    )
    exported = export(text, "bibtex")
    assert f"url = {{{url}}}" in exported
    assert len(pybtex.parse_string(exported, "bibtex").entries) == 2
    assert len(parse_string(exported).entries) == 2
    entry = pybtex.parse_string(exported, "bibtex").entries["he2015"]
    assert entry.fields["url"] == url
    assert entry.fields["title"] == r"A lone \textbraceright{} brace, and \textbraceleft{} another"
    assert not parse_string(exported).failed_blocks


def test_a_url_with_braces_or_spaces_is_percent_encoded() -> None:
    text = EXAMPLE.replace("(https://arxiv.org/abs/1512.03385)", "(<https://e.org/a b{c}\\d>)")
    entry = pybtex.parse_string(export(text, "bibtex"), "bibtex").entries["he2015"]
    assert entry.fields["url"] == "https://e.org/a%20b%7Bc%7D%5Cd"


DATED = Settings(
    schema=build_schema(
        {
            "type": "object",
            "properties": {
                "fields": {
                    "type": "object",
                    "properties": {
                        "paper": {"title": "Paper"},
                        "date": {
                            "title": "Date",
                            "x-date-format": ["Mon D, YYYY", "YYYY.MM", "YYYY", "MM-DD"],
                        },
                        "note": {"title": "Note"},
                    },
                }
            },
        },
        "dated.schema.json",
    )
)


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2023.10", "2023-10"),
        ("Jun 20, 2025", "2025-06-20"),
        ("2023", "2023"),  # a partial date stays partial
        ('<span style="color:red">07-29</span>', "--07-29"),  # no year: ISO 8601's --MM-DD
        ("`2024.01`", "2024-01"),
        ("soon", None),
    ],
)
def test_each_date_field_is_also_an_iso_date(written: str, iso: str | None) -> None:
    text = f"### A\n- **Paper:** p\n- **Date:** {written}\n- **Note:** n\n"
    (record,) = json.loads(export(text, "json", DATED))
    assert record["date"] == written
    assert record.get("date_iso") == iso


def test_each_field_is_also_plain_text_where_it_has_markup() -> None:
    text = (
        "### A\n- **Paper:** **Bold** and [a link](https://e.org) `code`\n"
        '- **Date:** <span style="color:red">07-29</span>\n- **Note:** plain\n'
    )
    (record,) = json.loads(export(text, "json", DATED))
    assert record["paper_text"] == "Bold and a link code"
    assert record["date_text"] == "07-29"
    assert "note_text" not in record  # no markup: its text is its value
    row = next(csv.DictReader(io.StringIO(export(text, "csv", DATED))))
    assert (row["date_text"], row["date_iso"]) == ("07-29", "--07-29")
    assert "note_text" not in row  # a column only where some entry's text differs


def test_csv_as_pandas_reads_it() -> None:
    """A CSV cell has no type: pandas makes `2023.10` the float 2023.1 whatever the quoting.
    The ISO column reads as text by default, and `dtype=str` keeps every value as written."""
    pandas = pytest.importorskip("pandas")
    text = "".join(
        f"### {name}\n- **Paper:** p\n- **Date:** {date}\n- **Note:** =1+1\n\n"
        for name, date in (("A", "2023.10"), ("B", "2024.01"))
    )
    data = io.StringIO(export(text, "csv", DATED))
    inferred = pandas.read_csv(data)
    assert list(inferred["date_iso"]) == ["2023-10", "2024-01"]
    assert inferred["date"].dtype.kind == "f"  # why the ISO column is there
    data.seek(0)
    as_written = pandas.read_csv(data, dtype=str, keep_default_na=False)
    assert list(as_written["date"]) == ["2023.10", "2024.01"]
    assert list(as_written["note"]) == ["=1+1", "=1+1"]  # written as it is: see the README
