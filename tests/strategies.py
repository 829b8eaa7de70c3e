"""Hypothesis strategies: paper lists in the reference layout, with the defects real lists have.

A generated :class:`Document` is built block by block, so the strategy knows which
lines must come out of ``fix`` byte for byte (fenced code, block quotes and HTML
holding entry-like text) without asking the parser under test.

Every strategy object is built once, here at import: Hypothesis validates each new
strategy object on its first draw, and building them inside composites made
generation several times slower than the code under test.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hypothesis import strategies as st

from readmelint.schema import bundled_schema

# The bundled schema's fields, in its order.
KNOWN_LABELS = tuple(spec.title for spec in bundled_schema().fields)
# Labels the schema does not know (RL005); fix keeps them after the known ones.
UNKNOWN_LABELS = ("Brief Introduction", "Code", "备注", "Github")
LINK_LABELS = frozenset({"Paper", "Personal note"})

WORDS = (
    # Latin script, including a combining accent and markup-ish tokens.
    "model",
    "Vision",
    "language",
    "2024",
    "caf\u0065\u0301",
    "GPT-4o",
    "*emphasis*",
    "**strong**",
    "_under_",
    "`code`",
    "<br>",
    "&amp;",
    "a|b",
    "#hash",
    "\\*escaped",
    "[bracket]",
    "(paren)",
    "x:y",
    "note：",
    # CJK, emoji (with a skin tone and a ZWJ sequence), right-to-left.
    "多模态",
    "视觉语言模型",
    "日本語",
    "한국어",
    "🚀",
    "👍🏽",
    "🧑\u200d💻",
    "مرحبا",
    "שלום",
    "\u200fRTL\u200f",
)
LINKS = (
    "[AnyGPT: Unified Multimodal LLM](https://arxiv.org/abs/2402.12226)",
    "[论文](https://example.org/论文)",
    "<https://example.org/autolink>",
    "[Note](https://example.org/notes/x)",
    "[Note]()",
    "[]()",
)
BADGES = (
    "[![Code](https://img.shields.io/badge/code-x-blue.svg)](https://github.com/x/y)",
    "[![Star](https://img.shields.io/github/stars/x/y)](https://github.com/x/y)",
)
DATES = (
    "2024-02-19",  # valid
    "2023-12-31",
    "2024-02-29",  # leap day, valid
    "2023-02-29",  # not a real date
    "2024-13-01",  # month 13
    "28/05/2020",  # another spelling
    "2024.02",
    "2024-1-5",
    "",  # empty
    "unknown",
)
# Entry-like text that must stay inert inside code, quotes and HTML.
ENTRY_LIKE = (
    "### Not an entry",
    "- **Paper:** [x](https://example.org/x)   ",
    "- **Personal Note**: y",
    "  * **Tags** : z\t",
    "**Abstract：** w  ",
    "### ",
    "- **Submission Date:** 2099-99-99",
)


@dataclass(frozen=True)
class Document:
    """Generated Markdown with what the properties need to know about it."""

    text: str  # decoded: no BOM, the chosen line terminators
    bom: bool
    newline: str
    final_newline: bool
    # Blocks whose lines must survive fix unchanged and together (terminators excluded).
    protected: tuple[tuple[str, ...], ...]

    def encode(self) -> bytes:
        return (("\ufeff" if self.bom else "") + self.text).encode("utf-8")


def _words(min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=min_size, max_size=max_size).map(" ".join)


def _choice(*options: str) -> st.SearchStrategy[str]:
    return st.sampled_from(options)


# --- the strategies, built once ----------------------------------------------------------

booleans = st.booleans()
tenths = st.integers(0, 9)
words = _words(0, 6)
some_words = _words(1, 6)
short_words = _words(1, 3)
# Trailing whitespace a line may carry: none, noise, a hard break, a tab.
trailing = _choice("", "", "", " ", "  ", "   ", "\t")


def _double_spaces(label: str) -> str:
    return label.replace(" ", "  ")


def _as_is(label: str) -> str:
    return label


spellings: st.SearchStrategy[Callable[[str], str]] = st.sampled_from(
    [_as_is, _as_is, _as_is, str.lower, str.title, str.upper, _double_spaces]
)
label_forms = _choice(
    "**{}:**", "**{}:**", "**{}**:", "**{}** :", "**{}：**", "**{}**：", "__{}:__"
)
dates = st.sampled_from(DATES)
link_values = st.one_of(st.sampled_from(LINKS), words)

continuation_kinds = _choice(
    "none", "none", "none", "badges", "backslash", "lazy", "nested", "paragraphs", "code", "open"
)
# Inline markup that runs over a line end: whitespace before that line end is content.
open_markup = st.sampled_from(
    [("`code", "span`"), ('<span title="a', 'b">x</span>'), ('[t](https://x.org "a', 'b")')]
)
open_trailing = _choice(" ", " ", "\t", "  ", " \t ")
badge_lines = st.lists(st.sampled_from(BADGES), min_size=1, max_size=2)
nested_items = st.lists(short_words, min_size=1, max_size=3)
nested_markers = _choice("-", "*", "1.")
paragraph_gaps = _choice("", " ", "pad")
code_lines = st.lists(st.sampled_from(ENTRY_LIKE), max_size=2)

duplicates = st.lists(st.sampled_from(KNOWN_LABELS), max_size=2)
unknown = st.lists(st.sampled_from(UNKNOWN_LABELS), max_size=2)
unlabelled = _choice("words", "words", "words", "empty")

heading_names = st.one_of(
    short_words, _choice("AnyGPT", "Qwen-VL", "**Bold Name**", "", "CLIP ###")
)
list_indents = st.sampled_from([0, 0, 2, 2, 1, 3])
list_markers = _choice("-", "-", "*", "+")
blanks_after_heading = st.sampled_from([0, 0, 0, 1, 2])
blanks_between_fields = st.sampled_from([0, 0, 0, 0, 1, 2])
twentieths = st.integers(0, 19)
line_ends = _choice("  ", "  ", "\\", "", "   ")

tail_counts = st.integers(0, 2)
tail_kinds = _choice("prose", "image", "subheading", "inert")
one_or_two = st.integers(1, 2)
inert_contents = st.lists(st.sampled_from(ENTRY_LIKE), min_size=1, max_size=4)
inert_kinds = _choice("fence", "tilde", "quote", "comment", "details")
quote_marks = _choice("> ", ">", "> > ")

block_kinds = st.sampled_from(
    ["entry"] * 6 + ["lines-entry", "stub", "section", "prose", "inert", "comment-entry"]
)
section_levels = st.sampled_from([1, 2, 2, 4])
block_counts = st.integers(1, 7)
blank_lines = _choice("", "", " ", "\t")
blank_runs = (
    st.lists(blank_lines, min_size=0, max_size=4),
    st.lists(blank_lines, min_size=1, max_size=4),
)
newlines = _choice("\n", "\n", "\r\n", "\r")


# --- pieces: plain functions of ``draw`` ---------------------------------------------------


def prose_line(text: str) -> str:
    """``text`` made to start a paragraph, not a heading, list, quote or code block."""
    return text.lstrip("#>-*+=_`<0123456789 ") or "prose"


def label_form(draw: st.DrawFn, label: str) -> str:
    """``label`` in bold, canonical or drifted the ways real lists drift."""
    return draw(label_forms).format(draw(spellings)(label))


def field_value(draw: st.DrawFn, label: str) -> str:
    """The text after a label on its line: empty, a date in some state, a link, or words."""
    if label == "Submission Date":
        return draw(dates)
    return draw(link_values if label in LINK_LABELS else words)


def continuation(draw: st.DrawFn, column: int) -> tuple[str, list[str]]:
    """What may follow a field's first line in a list item.

    Returns what to end the first line with (a hard break needs one) and the
    following lines, indented to the item's content ``column``.
    """
    pad = " " * column
    kind = draw(continuation_kinds)
    if kind == "badges":  # badge lines under a Paper link, each after a hard break
        lines = [pad + badge + "  " for badge in draw(badge_lines)]
        lines[-1] = lines[-1].rstrip() + draw(trailing)
        return "  ", lines
    if kind == "backslash":
        return "\\", [pad + draw(some_words)]
    if kind == "lazy":  # a paragraph continuation line without indentation
        return "", [prose_line(draw(some_words))]
    if kind == "nested":
        marker = draw(nested_markers)
        lines = [f"{pad}{marker} {item}{draw(trailing)}" for item in draw(nested_items)]
        if draw(booleans):
            lines.append(f"{pad}    - {draw(short_words)}")
        return "", lines
    if kind == "paragraphs":  # a value of two paragraphs
        gap = draw(paragraph_gaps)
        return "", [pad if gap == "pad" else gap, pad + draw(some_words) + draw(trailing)]
    if kind == "open":
        opening, closing = draw(open_markup)
        return " " + opening + draw(open_trailing), [pad + closing + draw(trailing)]
    if kind == "code":
        code = [pad + line for line in draw(code_lines)]
        return "", ["", pad + "```text", *code, pad + "```"]
    return "", []


def field_labels(draw: st.DrawFn) -> list[str | None]:
    """Which fields an entry has: some missing, some twice, unknown ones, shuffled.

    ``None`` is a list item without a label (RL009).
    """
    # Each known field is missing one time in five.
    labels: list[str | None] = [label for label in KNOWN_LABELS if draw(tenths) > 1]
    labels += draw(duplicates) + draw(unknown)
    if not labels:
        labels = ["Paper"]
    if draw(tenths) == 0:
        labels.append(None)
    if draw(booleans):
        labels = list(draw(st.permutations(labels)))
    if labels[0] is None:  # the first item must carry a label to make an entry
        labels[0], labels[-1] = labels[-1], labels[0]
    return labels


def heading(draw: st.DrawFn) -> str:
    name = draw(heading_names)
    return (f"### {name}" if name else "###" + draw(_choice("", " "))) + draw(trailing)


def bullet_entry(draw: st.DrawFn) -> list[str]:
    """``### Name`` and a list of ``- **Label:** value`` items."""
    indent = draw(list_indents)
    marker = draw(list_markers)
    lines = [heading(draw)] + [""] * draw(blanks_after_heading)
    labels = field_labels(draw)
    for position, label in enumerate(labels):
        # A later item may sit one column off; it stays a sibling below the content column.
        item_indent = indent + (1 if position and draw(twentieths) == 0 else 0)
        prefix = " " * item_indent + marker + " "
        end, more = "", list[str]()
        if label is None:
            first = prefix + draw(some_words) if draw(unlabelled) == "words" else prefix.rstrip()
        else:
            value = field_value(draw, label)
            first = prefix + label_form(draw, label) + (" " + value if value else "")
            end, more = continuation(draw, len(prefix))
        lines.append(first + (end or draw(trailing)))
        lines += more
        if position < len(labels) - 1:
            lines += [""] * draw(blanks_between_fields)
    return lines


def lines_entry(draw: st.DrawFn) -> list[str]:
    """The other layout: one paragraph of ``**Label:** value`` lines with hard breaks."""
    lines = [heading(draw)]
    closing = ""  # what closes markup opened on the line before (RL011)
    for label in field_labels(draw):
        if label is not None:
            value = (closing + " " + field_value(draw, label)).strip()
            closing = ""
            if draw(tenths) == 0:
                opening, closing = draw(open_markup)
                value += " " + opening
            lines.append(label_form(draw, label) + (" " + value if value else "") + draw(line_ends))
    if closing:
        lines.append(closing)
    return lines


def template_stub() -> list[str]:
    """The empty entry a template leaves behind (RL007)."""
    fields = [f"- **{label}:**" for label in KNOWN_LABELS[:-1]]
    return ["### ", *fields, "- **Personal note:** [Note]()"]


def inert_block(draw: st.DrawFn) -> list[str]:
    """Fenced code, a block quote or HTML holding entry-like text: never to be touched."""
    content = draw(inert_contents)
    kind = draw(inert_kinds)
    if kind == "fence":
        return ["```markdown", *content, "```"]
    if kind == "tilde":
        return ["~~~", *content, "", "  trailing   ", "~~~"]
    if kind == "quote":
        return [draw(quote_marks) + line for line in content]
    if kind == "comment":
        return ["<!--", *content, "", *content, "-->"]
    return ["<details>", "<summary>More</summary>", *content, "</details>"]


def tail(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, ...]]]:
    """What may follow an entry's fields: a note, an image, a sub-heading, inert blocks."""
    lines: list[str] = []
    protected: list[tuple[str, ...]] = []
    for _ in range(draw(tail_counts)):
        kind = draw(tail_kinds)
        lines += [""] * draw(one_or_two)
        if kind == "prose":
            lines.append(prose_line(draw(some_words)) + draw(trailing))
        elif kind == "image":
            lines.append("![figure](https://example.org/figure.png)" + draw(trailing))
        elif kind == "subheading":
            lines.append("#### " + draw(short_words))
        else:
            block = inert_block(draw)
            protected.append(tuple(block))
            lines += block
    return lines, protected


def block(draw: st.DrawFn) -> tuple[list[str], list[tuple[str, ...]]]:
    """One top-level block and the protected line groups it holds."""
    kind = draw(block_kinds)
    if kind in ("entry", "comment-entry", "lines-entry"):
        lines = lines_entry(draw) if kind == "lines-entry" else bullet_entry(draw)
        if kind == "comment-entry":  # a suppression right above the heading moves with it
            lines.insert(0, "<!-- readmelint-disable-next-line RL001 -->")
        more, protected = tail(draw)
        return lines + more, protected
    if kind == "stub":
        return template_stub(), []
    if kind == "section":
        return ["#" * draw(section_levels) + " " + draw(short_words)], []
    if kind == "prose":
        return [prose_line(draw(some_words)) + draw(trailing)], []
    lines = inert_block(draw)
    return lines, [tuple(lines)]


@st.composite
def documents(draw: st.DrawFn) -> Document:
    """A paper list: title, then entries, sections, prose and inert blocks in any order."""
    lines: list[str] = []
    protected: list[tuple[str, ...]] = []
    if draw(booleans):
        lines += ["# Awesome Papers", "", "> A curated list.  ", ""]
    for _ in range(draw(block_counts)):
        new, held = block(draw)
        if lines:
            # Blank-line runs between blocks, sometimes holding spaces; none before a heading
            # or the suppression comment above one. (An inert comment gets a blank line:
            # right under a `<details>` block it would be part of that block, and what it
            # holds after its first blank line real Markdown.)
            directly = new[0].startswith(("#", "<!-- readmelint"))
            lines += draw(blank_runs[0 if directly else 1])
        lines += new
        protected += held
    newline = draw(newlines)
    final_newline = draw(booleans)
    text = newline.join(lines) + (newline if final_newline else "")
    return Document(text, draw(booleans), newline, final_newline, tuple(protected))
