"""Bold titles over their fields (issue 22 item 3, issue 28 item 8), the labels such lists
write (in two languages, with full-width colons), and a field's title as its label (issue
28 item 5).

A paragraph of bold text alone (``**Title**``, ``**《Title》**``) titles an entry whose
fields follow as a list, or as paragraphs whose first label names a field; the first
right under a section heading too.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.export import FORMATS
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.records import Columns, records
from readmelint.schema import build_schema
from readmelint.settings import Settings
from tests.helpers import ROOT, assert_survives
from tests.hypothesis_profile import PROPERTIES

# Few examples: each generated list is small and the strategy has few branches; CI time counts.
FAST_PROPERTIES = settings(PROPERTIES, max_examples=15)

GOLDEN = ROOT / "tests" / "golden_bold_titles"
SETTINGS = load_config(GOLDEN / ".readmelint.toml").settings

# Issue 22 item 3's minimal case: three titles under one heading, each over two fields.
MINIMAL = """# Section

**First**

- Paper: https://arxiv.org/abs/2401.00001
- Code: https://github.com/a/b

**Second**

- Paper: https://arxiv.org/abs/2401.00002
- Code: https://github.com/a/c

**Third**

- Paper: https://arxiv.org/abs/2401.00003
- Code: https://github.com/a/d
"""


def read(text: str, settings: Settings = SETTINGS) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    """Each entry: its title and its fields (key, value), in order."""
    return [
        (entry.heading, tuple((f.key or "", f.value) for f in entry.fields))
        for entry in parse(text, settings).entries
    ]


def test_the_first_title_under_a_heading_is_an_entry_too() -> None:
    assert [title for title, _ in read(MINIMAL, Settings())] == ["First", "Second", "Third"]
    document = parse(MINIMAL, Settings())
    rows = records(document, Settings(), "README.md")
    exported = "".join(FORMATS["jsonl"](rows, Columns.of(Settings())))
    assert [json.loads(line)["title"] for line in exported.splitlines()] == [
        "First",
        "Second",
        "Third",
    ]


def test_fix_treats_every_title_alike() -> None:
    """The blank line under every title stays; so the list is already as fix writes it."""
    assert fix_text(MINIMAL, Settings(sort=False)) == MINIMAL
    assert [d.code for d in check_text(MINIMAL, Settings(sort=False)) if d.fixable] == []


def test_a_label_of_two_languages_names_the_field_of_either_part() -> None:
    text = (
        "## 多模态\n\n**《标题》**\n\n- 论文/Paper：https://arxiv.org/abs/2401.00001\n"
        "- 代码 / Code: https://github.com/a/b\n- 日期/Date：2024-01-01\n"
    )
    assert read(text) == [
        (
            "《标题》",
            (
                ("url", "https://arxiv.org/abs/2401.00001"),
                ("code", "https://github.com/a/b"),
                ("date", "2024-01-01"),
            ),
        )
    ]


def test_fields_as_paragraphs_under_a_title_need_a_label_the_schema_knows() -> None:
    """``arXiv：url`` under a title is read; a bold paragraph over prose, or over a label the
    schema does not know, is no entry."""
    known = "**Title**\n\narXiv：https://arxiv.org/abs/2401.00001\n"
    assert read(known) == [("Title", (("arxiv", "https://arxiv.org/abs/2401.00001"),))]
    assert read("**Note**\n\nSome text: here.\n") == []
    assert read("**Title**\n\n**Remark:** not a field\n") == []


def test_a_bold_label_under_an_entry_heading_is_its_field_not_a_title() -> None:
    text = "### Entry\n**Paper:** https://arxiv.org/abs/2401.00001\n"
    assert read(text) == [("Entry", (("url", "https://arxiv.org/abs/2401.00001"),))]


def test_no_space_is_added_after_a_full_width_colon_even_with_the_label_pinned() -> None:
    text = "### A\n- **Date**：2024-01-01\n- **证据**：In the abstract.\n"
    assert fix_text(text, SETTINGS) == text
    pinned = load_config_text('schema = "schema.json"\nlabel = "**Label**："\n')
    assert fix_text(text, pinned) == text
    assert fix_text(text.replace("**证据**：", "证据："), pinned) == text
    inside = load_config_text('schema = "schema.json"\nlabel = "**Label：**"\n')
    # Inside the bold a full-width colon needs the space: `**证据：**In` is not bold.
    assert "- **证据：** In the abstract." in fix_text(text, inside)


def load_config_text(toml: str) -> Settings:
    path = GOLDEN / ".readmelint.toml"
    import tomllib

    from readmelint.config import config_from_table

    return config_from_table(tomllib.loads(toml), path).settings


FIELD_TITLES = build_schema(
    {
        "type": "object",
        "properties": {
            "fields": {
                "type": "object",
                "properties": {
                    "title": {"title": "Paper", "type": "string"},
                    "venue": {"title": "Venue", "type": "string"},
                },
                "required": ["title"],
                "additionalProperties": False,
            }
        },
    },
    "field-titles",
)


def test_a_fields_title_is_its_label() -> None:
    """``"title": {"title": "Paper"}`` reads ``**Paper:**`` into ``title``: no RL001 for the
    field it has, no RL005 or RL101 for a label it takes for unknown."""
    settings = Settings(schema=FIELD_TITLES)
    text = "### A\n- **Paper:** [A](https://arxiv.org/abs/2401.00001)\n- **Venue:** X\n"
    assert check_text(text, settings) == []
    assert [f.key for f in parse(text, settings).entries[0].fields] == ["title", "venue"]


def test_a_table_with_the_fields_title_as_its_header_is_read() -> None:
    settings = Settings(schema=FIELD_TITLES, layouts=("table",))
    text = "| Paper | Venue |\n| --- | --- |\n| [A](https://x.org/a) | X |\n"
    [entry] = parse(text, settings).entries
    assert [f.key for f in entry.fields] == ["title", "venue"]
    assert check_text(text, settings) == []
    assert check_text(text.replace("| Paper |", "| Title |"), settings) == []  # its key reads too


def test_the_bold_titles_example_reads_every_paper() -> None:
    example = ROOT / "examples" / "bold-titles"
    settings = load_config(example / ".readmelint.toml").settings
    titles = [title for title, _ in read((example / "README.md").read_text("utf-8"), settings)]
    assert len(titles) == 5
    assert titles[0].startswith("《BLIP-2")


# Generated lists of bold titles: each draws one convention (label form, colon, the
# space after a full-width colon, a blank line under the title) and a few entries stray.
KEYS = {
    "url": ("Paper", "论文/Paper", "论文 / Paper"),
    "code": ("Code", "代码/Code"),
    "date": ("Date", "日期/Date"),
    "comments": ("Comments",),
}
VALUES = {
    "url": st.sampled_from(["https://arxiv.org/abs/2401.00001", "[论文](https://x.org/p)"]),
    "code": st.sampled_from(["https://github.com/a/b", "-", ""]),
    "date": st.sampled_from(["2024-01-01", "2023-12-31", "2024-02-30", "soon"]),
    "comments": st.sampled_from(["NeurIPS 2023", "多模态 🚀", "a: b", "`code`"]),
}
TITLES = st.sampled_from(["**Title**", "**《标题》**", "**A *strong* idea**", "**GPT-4o：一**"])


@st.composite
def convention(draw: st.DrawFn) -> tuple[str, str, str, bool]:
    """A label form (``bold``, ``inside``, ``plain``), a colon, the space after it, a blank
    line under each title."""
    form = draw(st.sampled_from(["bold", "inside", "plain"]))
    colon = draw(st.sampled_from([":", "："]))
    space = " " if colon == ":" else draw(st.sampled_from(["", " "]))
    return form, colon, space, draw(st.booleans())


def label(form: str, text: str, colon: str, space: str) -> str:
    if form == "inside":
        return f"**{text}{colon}** "  # the closing ** needs the space after it
    return (f"**{text}**" if form == "bold" else text) + colon + space


@st.composite
def bold_title_lists(draw: st.DrawFn) -> str:
    form, colon, space, blank = draw(convention())
    stray = st.integers(0, 9).map(lambda n: n == 0)  # one time in ten
    out = ["# 论文列表", ""]
    for section in range(draw(st.integers(1, 2))):
        out += [f"## Section {section}", ""]
        for _ in range(draw(st.integers(1, 4))):
            out.append(draw(TITLES))
            as_lines = draw(st.integers(0, 4)) == 0
            if blank or as_lines or draw(stray):
                out.append("")
            keys = draw(st.permutations(list(KEYS)))[: draw(st.integers(1, 4))]
            if as_lines:
                keys = ["url", "date"]
            for position, key in enumerate(keys):
                own = draw(convention()) if draw(stray) else (form, colon, space, blank)
                text = draw(st.sampled_from(KEYS[key]))
                written = label(own[0], text, own[1], own[2]) + draw(VALUES[key])
                if as_lines:
                    hard_break = "  " if position < len(keys) - 1 else ""
                    out.append(written.replace("Paper", "arXiv") + hard_break)
                else:
                    out.append("- " + written)
            out.append("")
    return "\n".join(out)


def entries(text: str) -> Counter[tuple[str, frozenset[tuple[str, str]]]]:
    return Counter(
        (entry.heading, frozenset((f.key or "", f.value) for f in entry.fields))
        for entry in parse(text, SETTINGS).entries
    )


@FAST_PROPERTIES
@given(bold_title_lists())
def test_fix_of_bold_titles_is_lossless_idempotent_and_agrees_with_check(text: str) -> None:
    assert_survives(text.encode(), SETTINGS)
    fixed = fix_text(text, SETTINGS)
    assert entries(fixed) == entries(text)


@FAST_PROPERTIES
@given(convention(), st.integers(1, 5))
def test_a_list_that_keeps_one_convention_is_left_as_it_is(
    kept: tuple[str, str, str, bool], count: int
) -> None:
    form, colon, space, blank = kept
    out = ["## Papers", ""]
    for day in range(count, 0, -1):  # newest first
        out += [f"**Paper {day}**", *([""] if blank else [])]
        out.append(
            "- " + label(form, "论文/Paper", colon, space) + "https://arxiv.org/abs/2401.0000"
        )
        out.append("- " + label(form, "Date", colon, space) + f"2024-01-0{day}")
        out.append("")
    text = "\n".join(out)
    assert fix_text(text, SETTINGS) == text
    assert [d for d in check_text(text, SETTINGS) if d.fixable] == []


def test_the_golden_schema_is_the_one_this_module_reads() -> None:
    assert Path(SETTINGS.schema.name).resolve() == (GOLDEN / "schema.json").resolve()
