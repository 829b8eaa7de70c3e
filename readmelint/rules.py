"""Every diagnostic code readmelint emits, with the documentation ``readmelint rules`` prints."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    fixable: bool
    summary: str
    explanation: str
    failing: str
    passing: str


_ENTRY = "### AnyGPT\n"
_GOOD_FIELDS = (
    "- **Paper:** [AnyGPT](https://arxiv.org/abs/2402.12226)\n"
    "- **Accepted:** arXiv\n"
    "- **Submission Date:** 2024-02-19\n"
    "- **Authors:** Fudan University\n"
    "- **Tags:** any-to-any\n"
    "- **Abstract:** A multimodal LLM over discrete tokens.\n"
    "- **Personal note:** [Note](https://example.org/anygpt)\n"
)
_GOOD = _ENTRY + _GOOD_FIELDS

RULES: tuple[Rule, ...] = (
    Rule(
        "RL001",
        "missing-field",
        False,
        "A field the schema requires is missing from the entry.",
        "Reported at the entry's heading. Add the field, even if you only know part of it.",
        _GOOD.replace("- **Tags:** any-to-any\n", ""),
        _GOOD,
    ),
    Rule(
        "RL002",
        "empty-field",
        False,
        "A field is present but has no value.",
        "Reported at the field's line. Fill it in; `fix` never removes a field, empty or not.",
        _GOOD.replace("Fudan University", ""),
        _GOOD,
    ),
    Rule(
        "RL003",
        "invalid-date",
        False,
        "A date field does not hold a real date in the schema's format.",
        "The bundled schema wants `YYYY-MM-DD` (`format: date`); a user schema can declare "
        "another spelling with `x-date-format`, such as `YYYY.MM`.",
        _GOOD.replace("2024-02-19", "19/02/2024"),
        _GOOD,
    ),
    Rule(
        "RL004",
        "missing-link",
        False,
        "A field that must link somewhere has no link with an http(s) URL.",
        "The schema marks such fields with `format: markdown-link`; `[Note]()` and bare "
        "text do not count.",
        _GOOD.replace("(https://example.org/anygpt)", "()"),
        _GOOD,
    ),
    Rule(
        "RL005",
        "unknown-field",
        False,
        "A label the schema does not know; the message names the closest known label.",
        "Rename the label to the schema's, or add the field to your own schema.",
        _GOOD.replace("**Tags:**", "**Brief Introduction:**"),
        _GOOD,
    ),
    Rule(
        "RL006",
        "empty-heading",
        False,
        "The entry's heading has no text.",
        "Write the paper's short name after the `###`.",
        _GOOD.replace("### AnyGPT", "###"),
        _GOOD,
    ),
    Rule(
        "RL007",
        "template-stub",
        False,
        "An entry whose heading and fields are all empty: a template never filled in.",
        "Reported once, at its heading, instead of once per field. Fill it in or delete it "
        "(`fix` never deletes anything).",
        "###\n- **Paper:**\n- **Accepted:**\n- **Personal note:** [Note]()\n",
        _GOOD,
    ),
    Rule(
        "RL008",
        "duplicate-field",
        False,
        "The same field appears twice in one entry.",
        "Merge the two values. Only the first is validated against the schema.",
        _GOOD + "- **Tags:** multimodal\n",
        _GOOD,
    ),
    Rule(
        "RL009",
        "unlabelled-item",
        False,
        "An item in an entry's field list has no bold label.",
        "Give it a label, or move it out of the list. `fix` keeps it after the known fields.",
        _GOOD + "- see also LaVIT\n",
        _GOOD,
    ),
    Rule(
        "RL010",
        "schema-violation",
        False,
        "A value breaks another constraint of the schema (pattern, enum, length ...).",
        "The message is the schema validator's own.",
        "(depends on your schema)",
        "(depends on your schema)",
    ),
    Rule(
        "RL011",
        "markup-over-field-lines",
        False,
        "In an entry of `**Label:** value` lines, a code span or HTML tag runs into the next line.",
        "Markdown reads the lines it spans as one piece, so they are not separate fields: "
        "`fix` leaves the entry as it is. Close the span or tag on the line where it opens.",
        "### AnyGPT\n**Tags:** `any-to-any  \n**Paper:** arXiv`\n",
        "### AnyGPT\n**Paper:** arXiv  \n**Tags:** `any-to-any`\n",
    ),
    Rule(
        "RL101",
        "field-order",
        True,
        "Fields are not in the schema's order.",
        "`fix` puts known fields in the order of the schema's properties, unknown ones after "
        "them in their original order.",
        _ENTRY + "\n".join(reversed(_GOOD_FIELDS.splitlines())) + "\n",
        _GOOD,
    ),
    Rule(
        "RL102",
        "label-form",
        True,
        "A label is not written `**Label:**` with the schema's spelling.",
        "Catches `**Personal note**:`, `**Personal Note:**`, `**Tags** :` and full-width colons.",
        _GOOD.replace("**Personal note:**", "**Personal Note**:"),
        _GOOD,
    ),
    Rule(
        "RL103",
        "blank-lines",
        True,
        "Not exactly one blank line between entries, or blank lines inside an entry's list.",
        "`fix` leaves one blank line between entries and none between a heading, its fields "
        "and the fields themselves; blank lines inside a multi-paragraph value are kept.",
        _GOOD + "\n\n\n" + _GOOD.replace("AnyGPT", "AnyGPT-2"),
        _GOOD + "\n" + _GOOD.replace("AnyGPT", "AnyGPT-2"),
    ),
    Rule(
        "RL104",
        "entry-order",
        True,
        "Entries in a section are not sorted by date, newest first.",
        "Entries without a valid date go after the dated ones, in their original order. "
        "Configure with `sort` (a field and a direction, or `false`).",
        _GOOD + "\n" + _GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer"),
        _GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer") + "\n" + _GOOD,
    ),
    Rule(
        "RL105",
        "trailing-whitespace",
        True,
        "Trailing whitespace that renders nothing.",
        "Two trailing spaces before a line that continues the same paragraph are a hard "
        "break and are kept; elsewhere trailing whitespace is noise.",
        _GOOD.replace("arXiv\n", "arXiv   \n"),
        _GOOD,
    ),
    Rule(
        "RL106",
        "list-style",
        True,
        "An entry's list uses another indentation or marker than most entries of the file.",
        "`fix` uses the indentation and marker most entries use; continuation lines move "
        "with their item.",
        _GOOD + "\n" + _GOOD.replace("- **", "* **").replace("AnyGPT", "Other"),
        _GOOD + "\n" + _GOOD.replace("AnyGPT", "Other"),
    ),
    Rule(
        "RL107",
        "not-canonical",
        True,
        "The entry differs from its canonical form in a way no other rule names.",
        "A catch-all so that `check` reports everything `fix` would change.",
        "(rare)",
        _GOOD,
    ),
    Rule(
        "RL201",
        "unused-suppression",
        False,
        "A `readmelint-disable` comment suppresses nothing.",
        "Remove the comment, or correct the code or the line it applies to.",
        "<!-- readmelint-disable-next-line RL002 -->\n" + _GOOD,
        _GOOD,
    ),
    Rule(
        "RL202",
        "unknown-suppression",
        False,
        "A `readmelint-disable` comment names a code that does not exist.",
        "`readmelint rules` lists every code.",
        "<!-- readmelint-disable RL999 -->\n" + _GOOD,
        _GOOD,
    ),
)

BY_CODE = {rule.code: rule for rule in RULES}
