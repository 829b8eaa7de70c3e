"""Every code's exact message, with no ``../shared/corpus`` beside the project.

A user's fresh clone has no corpus, and the corpus tests skip there: before this
file, the messages of RL001, RL002, RL004 and RL005 were held only by them, and
those of RL008, RL106 and RL107 by no test at all. Here every code is held twice:
the line check prints for the rule's own failing example (a new rule needs its line
in ``EXAMPLES``), and hand-written lists with everything check reports on them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from readmelint.check import check_text
from readmelint.cli import main
from readmelint.diagnostics import Diagnostic
from readmelint.rules import RULES
from readmelint.rules.base import Rule
from readmelint.settings import Settings
from tests.rule_examples import TODAY, settings_for

# The line each rule's failing example reports, checked on ``TODAY``.
EXAMPLES = {
    "RL001": 'README.md:1:1: RL001 entry "AnyGPT" is missing the field "Tags"; add `**Tags:** ...` to its list',
    "RL002": 'README.md:5:3: RL002 field "Authors" is empty; fill it in',
    "RL003": 'README.md:4:3: RL003 "Submission Date" is "19/02/2024", not a real date written YYYY-MM-DD',
    "RL004": 'README.md:8:3: RL004 "Personal note" needs a link with an http(s) URL, like [text](https://...)',
    "RL005": 'README.md:6:3: RL005 unknown field "Brief Introduction"; did you mean "Tags"?',
    "RL006": "README.md:1:1: RL006 entry heading is empty; write the paper's short name after the #",
    "RL007": "README.md:1:1: RL007 template stub: the heading and every field are empty; fill it in or delete it",
    "RL008": 'README.md:9:3: RL008 field "Tags" appears again (first on line 6); merge the two values',
    "RL009": "README.md:9:3: RL009 list item has no label; write it as `**Label:** value`",
    "RL010": "README.md:3:3: RL010 \"Accepted\": 'Arxiv preprint' is not one of ['arXiv', 'CVPR', 'NeurIPS']",
    "RL011": "README.md:1:1: RL011 a code span or HTML tag runs from one field's line into the next, so fix leaves this entry as it is; close it on the line where it opens",
    "RL012": "README.md:4:65: RL012 row has 4 cells, the header 3: GitHub does not show the rest; move it into a column",
    "RL013": "README.md:3:42: RL013 item matches no item pattern: expected '(' here",
    "RL014": "README.md:3:1: RL014 read no entries, yet 5 list items look like papers (the first is here); `readmelint init --from README.md` infers a config that reads them",
    "RL015": "README.md:1:1: RL015 fix leaves this entry as it is: GitHub goes on with its list after the empty last item and the blank lines below it; delete the empty item or a blank line",
    "RL101": 'README.md:2:3: RL101 field "Paper" should come before "Personal note" (schema order)',
    "RL102": "README.md:8:3: RL102 write the label **Personal Note**: as **Personal note:**",
    "RL103": "README.md:9:1: RL103 3 blank lines between entries; use exactly one",
    "RL104": 'README.md:10:1: RL104 entry "Newer" should come before "AnyGPT" (line 1): entries are sorted by Submission Date, newest first',
    "RL105": "README.md:3:22: RL105 trailing whitespace (not a hard line break)",
    "RL106": 'README.md:11:1: RL106 list items start "* "; this file mostly uses "- "',
    "RL107": "README.md:1:1: RL107 entry is not in canonical form; `readmelint fix --diff` shows how",
    "RL108": "README.md:4:52: RL108 row has 2 cells, the header 3; fix adds the missing ones, empty",
    "RL109": "README.md:5:1: RL109 cells are padded unlike most rows of this file (| a | b |)",
    "RL110": "README.md:2:1: RL110 item numbered 3. should be 2.: the list is numbered from 1",
    "RL111": 'README.md:1:1: RL111 entries are not sorted by Submission Date, newest first (7 of 11 neighbouring dated entries run the other way), so fix keeps the list\'s own order: set `sort = false` to keep it, or `sort = { field = "Submission Date", order = "descending" }` to sort it',
    "RL201": "README.md:1:1: RL201 readmelint-disable-next-line suppresses nothing; remove it",
    "RL202": "README.md:1:1: RL202 unknown code 'RL999' in readmelint-disable; `readmelint rules` lists them",
    "RL301": 'README.md:10:1: RL301 the same paper as line 1 (arXiv 2402.12226); keep one of them, or set duplicates = "section"',
    "RL302": 'README.md:4:3: RL302 "Submission Date" is 2023-02-19, but arXiv 2402.12226 was first submitted in 2024-02',
    "RL303": 'README.md:4:3: RL303 "Submission Date" is 2999-02-19, after today (2026-12-03)',
    "RL304": "README.md:3:1: RL304 link to #paper-list, which no heading of this file has; check the spelling or the heading",
    "RL305": 'README.md:3:1: RL305 the contents miss the heading "Language" (line 11); fix adds it',
}


def shown(diagnostic: Diagnostic) -> str:
    """A diagnostic as ``path:line:col: CODE message`` (text output without ``[*]``)."""
    d = diagnostic
    return f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"


def test_every_code_has_its_line() -> None:
    assert sorted(EXAMPLES) == [rule.code for rule in RULES]


@pytest.mark.parametrize("rule", RULES, ids=[rule.code for rule in RULES])
def test_the_failing_example_prints_exactly(rule: Rule, tmp_path: Path) -> None:
    found = check_text(rule.failing, settings_for(rule, tmp_path), "README.md")
    assert [shown(d) for d in found if d.code == rule.code] == [EXAMPLES[rule.code]]


SETTINGS = replace(Settings(), today=TODAY)


def entry(
    name: str = "CLIP",
    arxiv: str = "2103.00020",
    date: str = "2021-02-26",
    bullet: str = "- ",
    extra: str = "",
) -> str:
    """A complete entry in the bundled schema's order, with ``bullet`` before each field."""
    return (
        f"### {name}\n"
        f"{bullet}**Paper:** [{name}](https://arxiv.org/abs/{arxiv})\n"
        f"{bullet}**Accepted:** ICML\n"
        f"{bullet}**Submission Date:** {date}\n"
        f"{bullet}**Authors:** OpenAI\n"
        f"{bullet}**Tags:** image-text\n"
        f"{bullet}**Abstract:** Contrastive pre-training.\n"
        f"{bullet}**Personal note:** [Note](https://example.org/{name.lower()})\n"
        f"{extra}"
    )


BLIP = entry("BLIP", "2201.12086", "2022-01-28")
CLIP = entry()
ALIGN = entry("ALIGN", "2102.05918", "2021-02-11")

# name -> (document, every line check prints for it on TODAY, in order)
DOCUMENTS: dict[str, tuple[str, list[str]]] = {
    "clean": (f"# Papers\n\n{BLIP}\n{CLIP}\n{ALIGN}", []),
    "missing-fields": (
        "### CLIP\n- **Paper:** [CLIP](https://arxiv.org/abs/2103.00020)\n- **Accepted:** ICML\n",
        [
            f'README.md:1:1: RL001 entry "CLIP" is missing the field "{name}"; add `**{name}:** ...` to its list'
            for name in ("Submission Date", "Authors", "Tags", "Abstract", "Personal note")
        ],
    ),
    "empty-field": (
        CLIP.replace("**Authors:** OpenAI", "**Authors:**"),
        ['README.md:5:3: RL002 field "Authors" is empty; fill it in'],
    ),
    "not-a-date": (
        CLIP.replace("2021-02-26", "Feb 26, 2021"),
        [
            'README.md:4:3: RL003 "Submission Date" is "Feb 26, 2021", not a real date written YYYY-MM-DD'
        ],
    ),
    "no-link": (
        CLIP.replace("[CLIP](https://arxiv.org/abs/2103.00020)", "CLIP"),
        ['README.md:2:3: RL004 "Paper" needs a link with an http(s) URL, like [text](https://...)'],
    ),
    "unknown-field": (
        entry(extra="- **Code:** [CLIP](https://github.com/openai/CLIP)\n"),
        ['README.md:9:3: RL005 unknown field "Code"; did you mean "Accepted"?'],
    ),
    "empty-heading": (
        CLIP.replace("### CLIP", "###"),
        ["README.md:1:1: RL006 entry heading is empty; write the paper's short name after the #"],
    ),
    "template-stub": (
        "###\n- **Paper:**\n- **Accepted:**\n",
        [
            "README.md:1:1: RL007 template stub: the heading and every field are empty; fill it in or delete it"
        ],
    ),
    # The second Tags is also out of schema order, after Personal note.
    "duplicate-field": (
        entry(extra="- **Tags:** vision\n"),
        [
            'README.md:7:3: RL101 field "Tags" should come before "Abstract" (schema order)',
            'README.md:9:3: RL008 field "Tags" appears again (first on line 6); merge the two values',
        ],
    ),
    "unlabelled-item": (
        entry(extra="- see also ALIGN\n"),
        ["README.md:9:3: RL009 list item has no label; write it as `**Label:** value`"],
    ),
    "field-order": (
        CLIP.replace("- **Accepted:** ICML\n", "").replace(
            "### CLIP\n", "### CLIP\n- **Accepted:** ICML\n"
        ),
        ['README.md:2:3: RL101 field "Paper" should come before "Accepted" (schema order)'],
    ),
    "label-form": (
        CLIP.replace("**Personal note:**", "**Personal Note**:"),
        ["README.md:8:3: RL102 write the label **Personal Note**: as **Personal note:**"],
    ),
    "blank-lines": (
        f"{CLIP}\n\n\n{ALIGN}",
        ["README.md:9:1: RL103 3 blank lines between entries; use exactly one"],
    ),
    "entry-order": (
        f"{CLIP}\n{BLIP}",
        [
            'README.md:10:1: RL104 entry "BLIP" should come before "CLIP" (line 1): entries are sorted by Submission Date, newest first'
        ],
    ),
    "trailing-whitespace": (
        CLIP.replace("ICML\n", "ICML \n"),
        ["README.md:3:21: RL105 trailing whitespace (not a hard line break)"],
    ),
    # Two entries of three use "- ": the third's "* " and "  - " are the odd ones out.
    "list-marker": (
        f"# Papers\n\n{BLIP}\n{CLIP}\n{entry('ALIGN', '2102.05918', '2021-02-11', '* ')}",
        ['README.md:22:1: RL106 list items start "* "; this file mostly uses "- "'],
    ),
    "list-indent": (
        f"# Papers\n\n{BLIP}\n{CLIP}\n{entry('ALIGN', '2102.05918', '2021-02-11', '  - ')}",
        ['README.md:22:1: RL106 list items start "  - "; this file mostly uses "- "'],
    ),
    # Nothing else is wrong with it: only the catch-all names the indented heading.
    "indented-heading": (
        f"# Papers\n\n  {CLIP}",
        ["README.md:3:1: RL107 entry is not in canonical form; `readmelint fix --diff` shows how"],
    ),
    # Rows under a header that names a title and more look like papers, links or not.
    "unread-papers": (
        "| Title | Venue | Year |\n| --- | --- | --- |\n"
        + "".join(f"| Paper {n} | ICML | 2021 |\n" for n in range(1, 7)),
        [
            "README.md:3:1: RL014 read no entries, yet 6 table rows look like papers (the first "
            "is here); `readmelint init --from README.md` infers a config that reads them"
        ],
    ),
    "few-papers-read": (
        f"{CLIP}\n## More\n\n"
        + "".join(f"- [Paper {n}](https://arxiv.org/abs/2101.0000{n})\n" for n in range(1, 6))
        + "\nSee [CLIP](https://arxiv.org/abs/2103.00020) too.\n",
        [
            "README.md:12:1: RL014 read 1 entry, yet 5 list items and 1 paragraph outside them "
            "look like papers (the first is here); `readmelint init --from README.md` infers a "
            "config that reads them"
        ],
    ),
    # markdown-it-py ends the list at the empty item; GitHub goes on with it.
    "github-reads-a-list-on": (
        entry(extra="-\n\n\n- see also ALIGN\n"),
        [
            "README.md:1:1: RL015 fix leaves this entry as it is: GitHub goes on with its list "
            "after the empty last item and the blank lines below it; delete the empty item or a "
            "blank line",
            "README.md:9:3: RL009 list item has no label; write it as `**Label:** value`",
        ],
    ),
    # markdown-it-py reads indented code under the list; GitHub a lazy line of ALIGN.
    "github-reads-a-line-into-the-list": (
        entry(extra="      - ALIGN\n    - BLIP\n", bullet="   - "),
        [
            "README.md:1:1: RL015 fix leaves this entry as it is: GitHub reads line 10 (under "
            "the list, indented four columns or more) as text of the item above, not as a code "
            "block; indent it to the column of the item it belongs to"
        ],
    ),
    "unused-suppression": (
        f"<!-- readmelint-disable-next-line RL003 -->\n{CLIP}",
        ["README.md:1:1: RL201 readmelint-disable-next-line suppresses nothing; remove it"],
    ),
    "unknown-suppression": (
        f"<!-- readmelint-disable RL777 -->\n{CLIP}",
        [
            "README.md:1:1: RL202 unknown code 'RL777' in readmelint-disable; `readmelint rules` lists them"
        ],
    ),
    "duplicate-paper": (
        f"## Vision\n\n{CLIP}\n## Language\n\n{CLIP}",
        [
            'README.md:14:1: RL301 the same paper as line 3 (arXiv 2103.00020); keep one of them, or set duplicates = "section"'
        ],
    ),
    "arxiv-date": (
        entry(date="2020-02-26"),
        [
            'README.md:4:3: RL302 "Submission Date" is 2020-02-26, but arXiv 2103.00020 was first submitted in 2021-03'
        ],
    ),
    "future-date": (
        entry("Later", "2701.00001", "2027-01-04"),
        ['README.md:4:3: RL303 "Submission Date" is 2027-01-04, after today (2026-12-03)'],
    ),
}


@pytest.mark.parametrize("name", DOCUMENTS)
def test_check_prints_exactly(name: str) -> None:
    document, expected = DOCUMENTS[name]
    assert [shown(d) for d in check_text(document, SETTINGS, "README.md")] == expected


def test_the_documents_name_every_code_of_the_bundled_schema_but_the_table_ones() -> None:
    """Every code the headings layout and the bundled schema can give has a document above."""
    named = {line.split()[1] for _, lines in DOCUMENTS.values() for line in lines}
    needs_more = {
        "RL010",  # a schema with an enum, pattern ...: see EXAMPLES
        "RL011",  # see EXAMPLES
        "RL012",  # the table layout
        "RL013",  # the items layout
        "RL108",  # the table layout
        "RL109",  # the table layout
        "RL110",  # the items layout
        "RL111",  # ten or more neighbouring dated entries: see EXAMPLES and tests/test_own_order.py
        "RL304",  # see EXAMPLES and tests/test_contents.py
        "RL305",  # see EXAMPLES and tests/test_contents.py
    }
    assert named == {rule.code for rule in RULES} - needs_more


def test_the_command_line_prints_the_same_lines(tmp_path: Path) -> None:
    """The text output: the same lines, with ``[*]`` on the fixable ones, then the summary."""
    twice = entry(extra="- **Tags:** vision\n")
    starred = entry("ALIGN", "2102.05918", "2021-02-11", "* ")
    document = f"# Papers\n\n  {BLIP}\n{twice}\n{starred}"
    (tmp_path / "README.md").write_text(document, "utf-8")
    result = CliRunner().invoke(
        main, ["check", "--today", TODAY.isoformat(), str(tmp_path / "README.md")]
    )
    path = tmp_path / "README.md"
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:3:1: RL107 [*] entry is not in canonical form; `readmelint fix --diff` shows how",
        f'{path}:18:3: RL101 [*] field "Tags" should come before "Abstract" (schema order)',
        f'{path}:20:3: RL008 field "Tags" appears again (first on line 17); merge the two values',
        f'{path}:23:1: RL106 [*] list items start "* "; this file mostly uses "- "',
        "4 problems (3 fixable) in 1 file (run `readmelint fix` for the fixable ones).",
    ]
