"""Round trip: a list generated from a known configuration (every layout, several styles
and orders), inferred again, gives that configuration back: the same layout, heading
level, fields and their order, date spellings, label form and sort; its patterns read
every item with the title it was written with; and with it, check finds nothing and fix
changes nothing (the list's own style is kept)."""

from __future__ import annotations

import datetime
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readmelint.check import check_text
from readmelint.config import load_config
from readmelint.fix import fix_text
from readmelint.infer import NothingToInfer, infer
from readmelint.infer.write import config_text, schema_text
from readmelint.papers import title_of
from readmelint.parse import parse
from readmelint.settings import Settings, Sort
from tests.hypothesis_profile import PROPERTIES

# Each example infers a whole list: fewer than the document properties run.
EXAMPLES = settings(
    PROPERTIES,
    max_examples=25,
    suppress_health_check=[*PROPERTIES.suppress_health_check, HealthCheck.large_base_example],
)

WORDS = ["Deep", "Residual", "Attention", "Graph", "Learning", "Networks", "Vision", "Sparse"]
WORDS += ["Language", "Models", "Efficient", "Transformers", "Scaling", "Robust", "Neural"]
VENUES = ["CVPR", "ICLR", "NeurIPS", "ICML", "ACL", "Arxiv"]


@dataclass
class Paper:
    title: str
    date: datetime.date
    venue: str
    authors: str
    arxiv: str


@st.composite
def papers(draw: st.DrawFn, count: int) -> list[Paper]:
    """``count`` papers with distinct titles and dates, in no order."""
    found: list[Paper] = []
    titles: set[str] = set()
    dates: set[datetime.date] = set()
    while len(found) < count:
        words = draw(st.lists(st.sampled_from(WORDS), min_size=3, max_size=6))
        title = " ".join(words)
        date = draw(st.dates(datetime.date(2012, 1, 1), datetime.date(2025, 12, 31)))
        if title in titles or date.replace(day=1) in dates or date.year in {d.year for d in dates}:
            continue
        titles.add(title)
        dates.add(date.replace(day=1))
        venue = draw(st.sampled_from(VENUES))
        surname = draw(st.sampled_from(["He", "Li", "Vaswani", "Kingma", "Hinton"]))
        arxiv = f"{date:%y%m}.{len(found) + 10001:05d}"
        found.append(Paper(title, date, venue, f"A. {surname} et al.", arxiv))
    return found


def ordered(items: list[Paper], order: str) -> list[Paper]:
    if order == "none":
        # Neither way: the newest in the middle.
        newest_first = sorted(items, key=lambda p: p.date, reverse=True)
        return [newest_first[1], newest_first[0], *newest_first[2:]]
    return sorted(items, key=lambda p: p.date, reverse=order == "newest")


def sections(draw: st.DrawFn) -> tuple[int, int]:
    return draw(st.integers(1, 3)), draw(st.integers(3, 6))


# Item shapes: the Markdown of one paper, and the date spelling the list sorts by.
ITEM_SHAPES: dict[str, tuple[Callable[[Paper], str], str]] = {
    "bold-year": (
        lambda p: (
            f"**{p.title}** ({p.date.year}), {p.authors} [[pdf]](https://arxiv.org/pdf/{p.arxiv})"
        ),
        "YYYY",
    ),
    "linked-bold": (
        lambda p: (
            f"[**{p.title}.**](https://arxiv.org/abs/{p.arxiv}) "
            f"_{p.authors}_ {p.venue} {p.date.year}."
        ),
        "YYYY",
    ),
    "date-in-front": (
        lambda p: f"⭐ {p.date:%m/%Y}: [{p.title}](https://arxiv.org/abs/{p.arxiv})",
        "MM/YYYY",
    ),
    "year-venue-dash": (
        lambda p: (
            f"{p.date.year}-{p.venue} - {p.title}. [[Paper]](https://arxiv.org/abs/{p.arxiv})"
        ),
        "YYYY",
    ),
}


def inferred(text: str) -> tuple[Settings, str, str]:
    inference = infer(text)
    config, schema = config_text(inference, "README.md"), schema_text(inference, "README.md")
    folder = Path(tempfile.mkdtemp())
    (folder / ".readmelint.toml").write_text(config, "utf-8")
    (folder / "readmelint.schema.json").write_text(schema, "utf-8")
    return load_config(folder / ".readmelint.toml").settings, config, schema


def assert_kept(text: str, settings: Settings) -> None:
    """With the inferred config, a clean and consistent list is clean and stays as it is."""
    assert [d for d in check_text(text, settings) if d.code != "RL301"] == []
    assert fix_text(text, settings) == text


def assert_sort(settings: Settings, order: str, key: str) -> None:
    if order == "none":
        assert settings.sort is False
    else:
        assert settings.sort == Sort(key, descending=order == "newest")


@EXAMPLES
@given(
    st.data(),
    st.sampled_from(sorted(ITEM_SHAPES)),
    st.sampled_from(["- ", "* ", "1. "]),
    st.sampled_from(["newest", "oldest", "none"]),
)
def test_item_lists_round_trip(data: st.DataObject, shape: str, marker: str, order: str) -> None:
    count, size = data.draw(st.tuples(st.integers(1, 3), st.integers(3, 6)))
    write, spelling = ITEM_SHAPES[shape]
    every = data.draw(papers(count * size))
    text = "# Papers\n"
    written: dict[str, str] = {}
    for number in range(count):
        text += f"\n## Part {number + 1}\n\n"
        for position, paper in enumerate(
            ordered(every[number * size : (number + 1) * size], order)
        ):
            bullet = f"{position + 1}. " if marker == "1. " else marker
            text += f"{bullet}{write(paper)}\n"
            written[paper.title] = paper.title
    settings, config, _ = inferred(text)
    assert 'layout = ["items"]' in config
    read = {title_of(e, settings.schema).rstrip(".") for e in parse(text, settings).entries}
    assert read == set(written)
    key = "date" if spelling != "YYYY" else "year"
    assert settings.schema.spec(key) is not None
    date_format = settings.schema.spec(key).date_format  # type: ignore[union-attr]
    assert date_format is not None
    assert date_format.spelling == spelling
    assert_sort(settings, order, key)
    assert_kept(text, settings)


LABEL_FORMS = ["**Label:**", "**Label**:", "**Label：**"]
SPELLINGS = {"YYYY-MM-DD": "%Y-%m-%d", "YYYY.MM": "%Y.%m", "MM/YYYY": "%m/%Y"}


@EXAMPLES
@given(
    st.data(),
    st.integers(2, 4),
    st.sampled_from(LABEL_FORMS),
    st.sampled_from(["-", "*"]),
    st.sampled_from(sorted(SPELLINGS)),
    st.sampled_from(["newest", "oldest", "none"]),
)
def test_headed_lists_round_trip(
    data: st.DataObject, level: int, form: str, marker: str, spelling: str, order: str
) -> None:
    count, size = data.draw(st.tuples(st.integers(1, 2), st.integers(3, 5)))
    every = data.draw(papers(count * size))
    labels = ["Paper", "Venue", "Published", "Authors"]

    def label(name: str) -> str:
        return form.replace("Label", name)

    text = "# Papers\n"
    for number in range(count):
        text += f"\n{'#' * (level - 1)} Part {number + 1}\n"
        for paper in ordered(every[number * size : (number + 1) * size], order):
            text += (
                f"\n{'#' * level} {paper.title.split()[0]}{paper.arxiv[-3:]}\n"
                f"{marker} {label('Paper')} [{paper.title}](https://arxiv.org/abs/{paper.arxiv})\n"
                f"{marker} {label('Venue')} {paper.venue}\n"
                f"{marker} {label('Published')} {paper.date.strftime(SPELLINGS[spelling])}\n"
                f"{marker} {label('Authors')} {paper.authors}\n"
            )
    settings, config, _ = inferred(text)
    assert 'layout = ["headings"]' in config
    assert settings.entry_levels == (level,)
    assert [spec.title for spec in settings.schema.fields] == labels
    assert all(spec.required for spec in settings.schema.fields)
    published = settings.schema.spec("published")
    assert published is not None
    assert published.date_format is not None
    assert published.date_format.spelling == spelling
    assert settings.label_style is not None
    assert settings.label_style.write("Label") == form
    assert_sort(settings, order, "published")
    assert len(parse(text, settings).entries) == count * size
    assert_kept(text, settings)


@EXAMPLES
@given(
    st.data(),
    st.booleans(),
    st.sampled_from(["newest", "oldest", "none"]),
)
def test_tables_round_trip(data: st.DataObject, padded: bool, order: str) -> None:
    count, size = data.draw(st.tuples(st.integers(1, 3), st.integers(3, 6)))
    every = data.draw(papers(count * size))
    pad = " " if padded else ""

    def row(*cells: str) -> str:
        return "|" + "|".join(f"{pad}{cell}{pad}" for cell in cells) + "|\n"

    text = "# Papers\n"
    for number in range(count):
        text += f"\n## Part {number + 1}\n\n" + row("Title", "Venue", "Date", "Code")
        text += row("---", "---", "---", "---")
        for paper in ordered(every[number * size : (number + 1) * size], order):
            title = f"[{paper.title}](https://arxiv.org/abs/{paper.arxiv})"
            text += row(title, paper.venue, f"{paper.date:%Y-%m-%d}", "-")
    settings, config, _ = inferred(text)
    assert 'layout = ["table"]' in config
    assert [spec.title for spec in settings.schema.fields] == ["Title", "Venue", "Date", "Code"]
    date = settings.schema.spec("date")
    assert date is not None
    assert date.date_format is not None
    assert date.date_format.spelling == "YYYY-MM-DD"
    assert_sort(settings, order, "date")
    assert len(parse(text, settings).entries) == count * size
    assert_kept(text, settings)


def test_several_layouts_in_one_file() -> None:
    """A table of papers and headed entries: both layouts, one schema in the list's order."""
    text = (
        "# Papers\n\n## Notes\n\n### ViT\n- **Paper:** [An Image is Worth 16x16 Words]"
        "(https://arxiv.org/abs/2010.11929)\n- **Date:** 2020-10-22\n\n### CLIP\n- **Paper:** "
        "[Learning Transferable Visual Models](https://arxiv.org/abs/2103.00020)\n- **Date:** "
        "2021-02-26\n\n## Table\n\n| Paper | Date |\n| --- | --- |\n"
        "| [Segment Anything](https://arxiv.org/abs/2304.02643) | 2023-04-05 |\n"
        "| [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774) | 2023-03-15 |\n"
    )
    settings, config, _ = inferred(text)
    assert 'layout = ["headings", "table"]' in config
    assert [spec.title for spec in settings.schema.fields] == ["Paper", "Date"]
    assert len(parse(text, settings).entries) == 4


MARKDOWN_BITS = [
    "- ",
    "1. ",
    "* ",
    "  - ",
    "### ",
    "#### ",
    "| a | b |\n|---|---|\n| ",
    "**",
    "_",
    "*",
    "[",
    "](",
    ")",
    "](https://arxiv.org/abs/2101.00001)",
    "[[pdf]](https://x.org/a.pdf)",
    "`",
    "<u>",
    "</u>",
    "![x](y)",
    "\\",
    " (2020), ",
    "NeurIPS 2021",
    "05/2023: ",
    "⭐ ",
    "**Paper:** ",
    "Date: ",
    "\n",
    "\n\n",
    " ",
    "Title words",
    '"',
    "> ",
    "```\n",
]


@EXAMPLES
@given(st.lists(st.sampled_from(MARKDOWN_BITS) | st.text(max_size=8), max_size=80))
def test_any_text_infers_or_says_why(bits: list[str]) -> None:
    """Whatever the text, inference gives files that load, or says there is no list."""
    text = "".join(bits)
    try:
        settings, _, _ = inferred(text)
    except NothingToInfer:
        return
    parse(text, settings)
