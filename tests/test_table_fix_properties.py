"""Properties of fix on generated entry tables: every cell kept, idempotent, agreeing with check."""

from __future__ import annotations

from collections import Counter

from hypothesis import example, given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.layouts.table.rows import split_row, tables_of
from readmelint.parse import parse
from readmelint.schema import build_schema
from readmelint.settings import Settings

SCHEMA = build_schema(
    {
        "type": "object",
        "properties": {
            "fields": {
                "type": "object",
                "properties": {
                    "title": {"title": "Title", "type": "string"},
                    "venue": {"title": "Venue", "type": "string"},
                    "date": {
                        "title": "Date",
                        "type": "string",
                        "x-date-format": ["YYYY-MM-DD", "YYYY-MM"],
                    },
                    "code": {"title": "Code", "type": "string"},
                },
            }
        },
    },
    "tables",
)
SETTINGS = Settings(schema=SCHEMA, layouts=("table",))

CELLS = st.sampled_from(
    [
        "[Flamingo](https://arxiv.org/abs/2204.14198)",
        "NeurIPS 2022",
        "`a \\| b`",
        "x \\| y",
        "多模态 模型",
        "🚀 fast",
        "<br>inline <b>html</b>",
        "-",
        "",
        "tab\tinside",
    ]
)
DATES = st.sampled_from(["2024-02-19", "2023-05", "2021-12-01", "2023", "soon", ""])


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(st.permutations(["Title", "Venue", "Date", "Code"]))
    columns = columns[: draw(st.integers(2, 4))]
    if draw(st.booleans()):
        columns = [*columns, "Notes"]  # a column the schema does not know
    pad = draw(st.sampled_from([" ", ""]))
    outer = draw(st.booleans())
    align = [draw(st.sampled_from(["---", ":---", ":---:", "---:"])) for _ in columns]

    def row(values: list[str], own_pad: str) -> str:
        inner = "|".join(f"{own_pad}{value}{own_pad}" for value in values)
        text = f"|{inner}|" if outer or not values[0] or not values[-1] else inner
        return text + draw(st.sampled_from(["", "", " ", "  "]))

    lines = [row(columns, pad), row(align, pad)]
    for _ in range(draw(st.integers(1, 6))):
        values = [draw(DATES) if name == "Date" else draw(CELLS) for name in columns]
        count = draw(st.sampled_from([len(values), len(values), len(values) - 1, len(values) + 1]))
        values = [*values, draw(CELLS)][: max(count, 1)]
        own = pad if draw(st.integers(0, 4)) else draw(st.sampled_from([" ", ""]))
        lines.append(row(values, own))
    return "\n".join(lines) + "\n"


def cells(text: str) -> Counter[str]:
    """Every cell of every entry table, padding aside (empty cells not counted)."""
    document = parse(text, SETTINGS)
    found: Counter[str] = Counter()
    for found_table in tables_of(document).tables:
        for line in range(found_table.span.start, found_table.span.end + 1):
            split = split_row(document.lines[line - 1])
            found.update(split.content(i) for i in range(len(split.cells)) if split.content(i))
    return found


def outside(text: str) -> list[str]:
    document = parse(text, SETTINGS)
    inside = {n for t in tables_of(document).tables for n in range(t.span.start, t.span.end + 1)}
    return [line for n, line in enumerate(text.splitlines(), 1) if n not in inside]


@settings(max_examples=100, deadline=None)
@given(st.lists(table(), min_size=1, max_size=3), st.booleans())
# Columns moved in a table without outer pipes whose first column's cells are all as wide:
# fix's pipes lined up by chance, and the next fix read the table as aligned.
@example(
    [
        " Code | Date \n --- | :--- \n"
        " [Flamingo](https://arxiv.org/abs/2204.14198) | 2023 \n"
        " [Flamingo](https://arxiv.org/abs/2204.14198) | 2023 \n"
    ],
    False,
)
def test_fix_keeps_every_cell_is_idempotent_and_agrees_with_check(
    tables: list[str], crlf: bool
) -> None:
    text = "# Papers\n\n" + "\nSome prose between.\n\n".join(tables)
    if crlf:
        text = text.replace("\n", "\r\n")
    fixed = fix_text(text, SETTINGS)  # its safety check raises rather than lose a cell
    assert fix_text(fixed, SETTINGS) == fixed
    assert cells(fixed) == cells(text)
    assert outside(fixed) == outside(text)
    assert [d for d in check_text(fixed, SETTINGS) if d.fixable] == []
    assert (fixed != text) == any(d.fixable for d in check_text(text, SETTINGS))
