"""How entries are written: what fix changes (RL101-RL107), read from the canonical form.

check reports every change fix would make, and only those: each diagnostic here
compares an entry (or a run of entries) with what the canonical plan says it
becomes (see :mod:`readmelint.layouts.headings.plan`).
"""

from __future__ import annotations

from readmelint.rules.base import Rule
from readmelint.rules.fields import GOOD, GOOD_FIELDS

RL101 = Rule(
    "RL101",
    "field-order",
    "Fields are not in the schema's order.",
    "`fix` puts known fields in the order of the schema's properties, unknown ones after "
    "them in their original order.",
    "### AnyGPT\n" + "\n".join(reversed(GOOD_FIELDS.splitlines())) + "\n",
    GOOD,
    fixable=True,
    failing_line=2,
)
RL102 = Rule(
    "RL102",
    "label-form",
    "A label is not written as most labels of the file are, with the schema's spelling.",
    "Catches `**Personal note**:` in a list of `**Label:**`, `**Personal Note:**`, "
    "`**Tags** :`, a full-width colon among ASCII ones, a plain `Date:` among bold labels. "
    "A list that writes its labels plain, or with `：`, keeps them so; `label = "
    '"**Label:**"` in the configuration pins a form.',
    GOOD.replace("**Personal note:**", "**Personal Note**:"),
    GOOD,
    fixable=True,
    failing_line=8,
)
RL103 = Rule(
    "RL103",
    "blank-lines",
    "Not exactly one blank line between entries, or blank lines inside an entry's list.",
    "`fix` leaves one blank line between entries and none between a heading, its fields "
    "and the fields themselves; blank lines inside a multi-paragraph value are kept.",
    GOOD + "\n\n\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    GOOD + "\n" + GOOD.replace("AnyGPT", "AnyGPT-2"),
    fixable=True,
    failing_line=9,
)
RL104 = Rule(
    "RL104",
    "entry-order",
    "Entries in a section are not sorted by date, newest first.",
    "Entries without a valid date go after the dated ones, in their original order. "
    "Configure with `sort` (a field and a direction, or `false`).",
    GOOD + "\n" + GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer"),
    GOOD.replace("2024-02-19", "2025-01-01").replace("AnyGPT", "Newer") + "\n" + GOOD,
    fixable=True,
    failing_line=10,
)
RL105 = Rule(
    "RL105",
    "trailing-whitespace",
    "Trailing whitespace that renders nothing.",
    "Two trailing spaces before a line that continues the same paragraph are a hard "
    "break and are kept; elsewhere trailing whitespace is noise.",
    GOOD.replace("arXiv\n", "arXiv   \n"),
    GOOD,
    fixable=True,
    failing_line=3,
)
RL106 = Rule(
    "RL106",
    "list-style",
    "An entry's list uses another indentation or marker than most entries of the file.",
    "`fix` uses the indentation and marker most entries use; continuation lines move "
    "with their item.",
    GOOD + "\n" + GOOD.replace("- **", "* **").replace("AnyGPT", "Other"),
    GOOD + "\n" + GOOD.replace("AnyGPT", "Other"),
    fixable=True,
    failing_line=11,
)
RL107 = Rule(
    "RL107",
    "not-canonical",
    "The entry differs from its canonical form in a way no other rule names.",
    "A catch-all so that `check` reports everything `fix` would change, such as an "
    "indented heading, which `fix` unindents.",
    " " + GOOD,
    GOOD,
    fixable=True,
)

RULES = (RL101, RL102, RL103, RL104, RL105, RL106, RL107)
