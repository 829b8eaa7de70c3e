"""The contract every input keeps, held on each input that ever broke it (found by fuzzing,
``fuzz/``, or by property tests).

Each is held to the contract the fuzzer holds every input to,
``tests.helpers.assert_survives``: bytes are decoded (or refused with ``InputError``),
checked and fixed without any other exception (a ``SafetyError`` is a bug: fix
refused its own output), fix is idempotent, nothing fixable remains after it, and
check reports something fixable exactly when fix changes the text. Each readable case
is the smallest input showing its bug; the raw fuzzer inputs follow as they were found.
"""

from __future__ import annotations

import pytest

from readmelint.check import check_text
from readmelint.fix import fix_text
from readmelint.parse import parse
from readmelint.settings import Settings
from tests.helpers import EVERY_LAYOUT, SUB_ITEM_FIELDS, assert_survives

SETTINGS = Settings()

# name -> (what went wrong, input)
CASES: dict[str, tuple[str, str]] = {
    "code-span-across-field-lines": (
        "fields written as lines of one paragraph were reordered without a second parse; "
        "a code span opened on one line closed on another, and fix refused its output",
        "### A](https://arxiv,org/abs/0.1)\n**`:**-`\n**Submission Date:**`",
    ),
    "bold-label-under-heading": (
        "a bold label alone right under a heading was both that entry's field and the "
        "title of an entry of its own; fix refused its output",
        "### -\n**P:**\n- **d:**",
    ),
    "lazy-line-4-deep": (
        "a lazy continuation line indented four columns, moved left with its item, "
        "started a list item",
        "### A\n   - **Paper:** x\n    - lazy\n\n### B\n- **Paper:** y\n\n### C\n- **Paper:** w\n",
    ),
    "code-in-moved-item": (
        "the safety check compared code in an item with the item's indentation, which fix changes",
        "### A\n- **Paper:** x\n - **Code:**\n\n   ```\n   c\n   ```\n",
    ),
    "lines-layout-hard-break": (
        "the safety check took the hard break fix adds between fields for a change",
        "### A\n**Tags:** x\n**Paper:** y\n",
    ),
    "tail-heading-moves": (
        "an entry with a sub-heading in its tail was sorted before the entries above it, "
        "putting them under that heading",
        "### A\n- **Submission Date:** 2020-01-01\n### B\n- **Submission Date:** 2024-01-01\n"
        "\n#### Notes\n",
    ),
    "indented-tail-joins": (
        "indented code after a list became part of the list when its items moved left",
        "### A\n- **Paper:** x\n\n### B\n   - **Paper:** y\n\n    tail code\n\n### C\n"
        "- **Paper:** z\n",
    ),
    "style-vote-tie": (
        "a tie between list styles went to the first entry, which sorting changes: "
        "a second fix restyled the other entries",
        "### Old\n- **Submission Date:** 2020-01-01\n\n### New\n"
        "   - **Submission Date:** 2024-01-01\n\n    code\n",
    ),
    "unclosed-comment-tail": (
        "the last entry's tail ends in an HTML comment never closed; sorted before "
        "another entry, the comment swallowed it",
        "### A\n- **Submission Date:** 2020-01-01\n### B\n- **Submission Date:** 2024-01-01\n"
        "\n<!-- open\n",
    ),
    "empty-item": (
        "`- ` and `-` start content at different columns in readmelint but not in "
        "CommonMark: a second fix moved the nested list",
        "### A\n- **Paper:** x\n- \n  * nested\n",
    ),
    "tab-after-empty-marker": (
        "the tab of an empty item `-<tab>` kept all items where they were; fix then dropped "
        "it as trailing whitespace, and a second fix moved them",
        "### A\n- **Accepted:**\n - **Paper:** x\n - **Tags:** t\n -\t\n",
    ),
    "code-item": (
        "an item starting with indented code (five spaces after the marker) became a paragraph",
        "### A\n- **Paper:** x\n-     code\n",
    ),
    "underscore-label-with-stars": (
        "`__Odd ** label:__` rewritten with `**` ended the bold early",
        "### A\n- __Odd ** label:__ x\n",
    ),
    "star-label-flanking": (
        "whether `**a:*b:**` is bold depends on the next character; fix put a space there",
        "### A\n- **a:*b:**#c\n",
    ),
    "indented-heading": (
        "an indented heading after a blank line joined the list of the entry before it "
        "once that list moved left",
        "### A\n- **Paper:** x\n\n### B\n  - **Paper:** y\n  ### C\n- **Paper:** z\n",
    ),
    "setext-after-run": (
        "text underlined as a heading right after the entries became a lazy line of "
        "the entry sorted last",
        "### Old\n- **Submission Date:** 2020-01-01\n\n### New\n- **Submission Date:** 2024-01-01"
        "\n\n  ```\n  code\n  ```\nSection\n-------\n",
    ),
    "html-tail-above-heading": (
        "an HTML block sorted last in its section took in the section heading right under it",
        "### A\n- **Submission Date:** 2020-01-01\n\n<div>\nx\n</div>\n\n### B\n"
        "- **Submission Date:** 2024-01-01\n## S\n",
    ),
    "comment-tail-above-staying-entry": (
        "a tail ending in a comment, sorted last, became the suppression comment of the "
        "entry under it",
        "### A\n- **Submission Date:** 2020-01-01\n\n<!-- c -->\n\n### B\n"
        "- **Submission Date:** 2024-01-01\n### C\n- **Submission Date:** 2024-01-01\n\n"
        "#### sub\n",
    ),
    "adjacent-tail-after-reorder": (
        "text right under a list ending in code became a lazy line of the paragraph "
        "item sorted last",
        "### A\n- **Personal note:** [N](https://example.org)\n- **Tags:** t\n\n  ```\n  c\n"
        "  ```\nplain tail\n",
    ),
    "indented-heading-after-run": (
        "an entry in lines sorted before a list entry left an indented section heading "
        "under the list, which took it in (blank line or not)",
        "### A\n- **Paper:** x\n\n### B\n**Submission Date:** 2019-02-01\n\n  # S\n",
    ),
    "tab-before-hard-break": (
        "a line ending in a tab and two spaces ends in a hard break; fix took it for "
        "whitespace that renders nothing",
        "### A\n- **Tags:** t\n- **Paper:** U\t  \ny\n",
    ),
    "hash-text-underlined": (
        "`#n` is no `#` heading but, underlined, the text of a section heading; right "
        "under the entries, the paragraph of the entry sorted last took it in",
        "### A\n**Paper:** x\n### B\n**Submission Date:** 2024-01-01\n<!c>\n#n\n-\n",
    ),
    "backslash-before-trailing-space": (
        "`x\\ ` is a backslash, a space and a soft break; without the space the backslash "
        "made a hard break, which fix took for trailing whitespace to drop",
        "### A\n- **Tags:** t\n- **Paper:** x\\ \n**\n",
    ),
    "unknown-label-ending-in-a-colon": (
        "`**Pape::**` is the unknown label `Pape:`; in a file that writes the colon after "
        "the bold, fix wrote `**Pape:**:`, which reads as `Pape` and a value starting with "
        "a colon (SafetyError): such a label is now kept as written",
        "### A\n  * **Paper**: x\n  * **Tags**: y\n\n"
        "### B\n  * **Submission Date:** 2019-01-01\n  * **Pape::** [B](https://example.org/b)\n",
    ),
    "contents-below-a-shrinking-entry": (
        "fix took the blank line out of an entry above the contents, which then started a "
        "line earlier: the safety check compared the line, not which list it is",
        "### A\n- **Paper:** x\n\n- y\n# B\n- [](#a)\n- [](#b)\n- [](#a)\n",
    ),
    "heading-text-that-ends-a-link": (
        "a contents entry written for the heading `B]` was `[B]](#b)`, no link at all, so "
        "the output had no contents; the text is now escaped where it would not make a link",
        "- [](#vision)\n- [](#language)\n- [](#)\n\n## Language\n## B]\n## Vision\n",
    ),
    "pipes-moved-under-the-heading": (
        "an item of two lines whose first holds pipes, moved first, right under the "
        "heading: markdown-it's table rule read its lines as a table and the entry was "
        "gone (SafetyError); such an entry is parsed again, and keeps its order here",
        "###\n- **u:**\n- **Authors:**||||\n-|-|-|-",
    ),
    "cr-before-a-blank-lf-line": (
        "a moved line keeps its own newline, here a lone CR; the blank LF line after it in "
        "its new place made one CR LF with it, and the blank line was gone (SafetyError)",
        "### A\r- **Tags:** t\r- **Paper:** x\n\ntail\n",
    ),
    "items-that-keep-their-markers": (
        "an entry whose second item holds a table keeps each item's own marker (no other "
        "style keeps its meaning), yet check reported its indentation as fixable (RL106)",
        "###\r - **e：**\r- Title: |\r-|",
    ),
    "table-header-opening-html": (
        "a table whose header line opens an HTML block for GitHub (`<!--`) right under a "
        "list item: markdown-it-py reads a table, GitHub none; fix moved its cells, the "
        "header became the item's lazy line and fix refused its output (fuzz)",
        "- ->\n<!--||Title|Venue\n-|-|-|-\n2",
    ),
    "table-header-opens-a-list-item": (
        "a table whose header line starts with a list item's marker (`0. `) right under a "
        "list item: markdown-it-py reads a table, GitHub a lazy line of the item; fix moved "
        "its cells and refused its output (fuzz, with every layout on)",
        "- |\n0. ||Title|Venue\n-|-|-|-",
    ),
    "tab-in-a-blank-row": (
        "a row of blank cells is left where it is when the columns move, but a tab in one "
        "of them counted as that column's content: fix refused its own output (found by "
        "CI's fuzz run; every layout on)",
        "s|Title|Paper\n-|-|-\n|\t|",
    ),
    "a-table-github-reads-as-rows-of-the-one-above": (
        "markdown-it-py ends a table at `<!e` (an HTML block to it, a row to GitHub) and "
        "starts an entry table there, as a delimiter row follows; fix padded its row and "
        "refused its own output (found by fuzzing with the second judge, issue 26)",
        "e||||\n-|-|-|-\n<!e||Title|Venue\n-|-|-|-\n1",
    ),
    "sub-items-read-as-an-entry-list": (
        "with sub-item fields and item patterns, fix wrote the sub-item labels in the file's "
        "form (bold), and the item patterns then read the sub-items as an entry list of "
        "their own: fix refused its output (found by fuzzing with sub-item fields)",
        "* **:**\n1. [g](9)\n   - e:\n   - **e:**",
    ),
    "a-row-padded-under-a-date-heading": (
        "a row without a Year cell took its year from the date heading above; padded by "
        "fix with an empty cell it had an empty year of its own, no longer the heading's, "
        "and sorted elsewhere: fix was not idempotent (fuzz, every layout on)",
        "# Digest\n\n## 2025-6-2\n\n|2P4\n\nDate|Title|Year\n---|---|---\n8---\n"
        "| 4-3-8 | E | |\nDec 0, 4|F|24|\n\n## 4-2-1\n\nR\n",
    ),
}

# Raw inputs from fuzz/run.sh, as found (fuzz/crashes/crash-<sha1>).
FUZZED: dict[str, bytes] = {
    "crash-6052039a": (
        b"### Drifted\n  * **personal  Note**: [Note](https://example.o"
        b"rg/n)   \n  * __Ta_:_gs x\n  * **Submission Date\xef\xbc\x9a** 28/05/20"
        b"20\n  * **Paper** : [A](https://exampifted\n  * **personal  No"
        b"te**: [Note](https://example.org/n)   \n  * __Ta_:_gs x\n  * *"
        b"*Submission Date\xef\xbc\x9a** 28/05/2020\n  * **Paper** : [A](https:/"
        b"/example.le.o--------------------rwn field\n  * no label here"
        b"\n\n\n### Older\n  * **Submission Date:** 2019-01-01\n  * **Pape:"
        b":** [B](https://example.org/b)\n"
    ),
    "crash-fde9b1c2": (
        b"# Papers\r\r## Multimodal\r\r### AnyGPT\r- **Paper:** [AnyGPT: Un"
        b"ified Multimodal LLM](https://arxiv.orgnote:** [Note](https:"
        b"//example.org/notes/AnyGPT)\r\r### CLIP\r- **Paper:** [Learning"
        b" Transferable Visual Models](htdps://arxiv.org/abs/2103.0002"
        b"0)\r- **Accepted:** ICML 2021\r- **Submissio. Date:** 2021-02-"
        b"26\r- **Authors:** OpenAI\ragraph\n  - point one\n    - deee  se"
        b"cond in a value\n\nA note entry.\n\n#### Sub-heading itext pairs"
        b".\r- **Personal note:** [Note](https://example.xrg/notes/CLIP"
        b")"
    ),
    "crash-22b08c9e": (
        b"<!-- readmelint-disable-file RL104 )->\n-file RL104 )->\n<!-- readmelint-disable-next"
        b"-line RL001 -->\n### A\n- **Submission Date:** 202- readmelint-disablg RL002 -->\n### B"
        b"\n- **Submission Date:** 2024-01-01\n- **Tags:**\n<!-- readmelint>\n"
    ),
    "crash-f134dd8a": (
        b"\xef\xbb\xbf### Dr### \n- **Paper:**\n- **Ace:**\n- **Authors:**\n-  **Abstract:**\n"
        b"ifted\rsuobimsisn_date  * **Paper:** [B](https:// \r\n  * __Tags:`__ x\r\n  * **Subm"
        b"ittps://github.com/x/y)\r\n  * **Bri- **Personal note:** ef Introductio:n** unknown f"
        b"ield\r\n  * [Notno label here\r\n\r\n\r\n### Older\r\n  * **Submission Date:** 2019-01"
        b"-01\r\n  e]()\nD **Paper:** (]tBh[tps://example.org/b)\r\n"
    ),
    "crash-4d36ea38": (
        b"\xef\xbb\xbf### Drifted\r\n  * **persoPaper:** [P](https://example.org/p)\nhardbreak-"
        b" **Abstract:** first paragrae   keeps   spacing   \n  ### Nested\n- **Paper:** [P](http"
        b"s://example.org/p)\n- **Abstract:** firs## Nested\n- *### \n- **Paper:**\n- **Accepte"
        b"d:**\n- **+Submission Da- *### **Paper:**\n- **Ac```\nlazy continuatt paragrae   {e?p"
        b"s   spacing   \n  `cep"
    ),
    "crash-6afbde21": (
        b"### \n- **Paper:**\n- **Accepted:**\n**Personl ### Nested\n- **Paper:** [P](https://ex"
        b"ample.org/p)\n- **Abstract:** first paragraph\n  - point one\n     * no label here\r\n"
        b"\r\n\r\n### Older\r\n  * **Submission Date:** 2019-01-01\r\n  * **Paper:** [B](https:/"
        b"/example.org/b)\r\n//example.or:/a)  \r\n   0[Co![de](https://img.shields.io/badge/cod"
        b"e-x-blu2e.svg)](https://github.com/x/y)\r\n  * **Brief- deeper\n      0. orde** first "
        b"paragraph\n  - point onnote:** [Noe\n    - deeper\n      1. ordered\n  \n  second par"
        b"agraph   \n\n  ```text\n  code  eek ps   spacing   \n  ```\nlazy continuation\n- \n\n#"
        b"### Sub-heading in thte]()\ne tail\n"
    ),
    "crash-2d0f0e1a": (
        b"### \n- **Paper:**\n- **Accepted:**\n- **Submission Date:**\n- **Authors:**\n-hors:**"
        b"\n- **Tags:**\n- **### \n- **Paper:**\n- **Accepted:**\n- **Submission Date:**\n- **A"
        b"ate:**\n- **Authors:**\n- \r\n  * **Paper** : [A](https 20Pers [Note]()Abstract:rsona"
        b"l note:** [Note\n]()\n"
    ),
    "crash-e58fb8a2": (
        b"\xef\xbb\xbf### Drifted\r\n  * **personal  Note**: [Note](https://example.org/n)   \r\n"
        b"  * __Tagssonal note:** [Note](https://es:*:__ x\r\n  * **Submission Date\xef\xbc\x9a**"
        b" 28/05/roductxample.org/notes/AnyGPT)\n\n### CLIP\n- **Paper:** [)\n- **Accepted:** a"
        b"rXiv\n- **Submission Date:** 2024-02-19\n- **Authors:*:__ x\r\n  * **Submission Date"
        b"\xef\xbc\x9a** 28/05/roduction:** unknown field\r\n  * ple.org/b)\r\n"
    ),
    "crash-e57a55ac": (
        b"### Nested\n- **Paper:** [P](https://exhttps://example.org/notes/AnyGPT)\r\r### CLIP"
        b"\r- **Paper:** [Learning Transferable Visud paragraph   \n\n  ```text\n  code   keeps"
        b"   spacing   \n **espronal  Note:**```l\n azy contutiaoinn\n- **Tags:** t\n <!-- readm"
        b"elint-disablg RL002 -->\n### B\n- **Submission Date:** 2in the tail\n"
    ),
    "crash-e14c86ba": (
        b"### \n- **Paper:**\n- **Accepted:**\n= **Submission Date:**\n- **Authors:**\n\n- **Aut"
        b"mors:**\n- **Tags:**\n -**Abstonal note:PT* [Note](https://example.org/notes/AnyGPT)\n"
        b"# Papers\n\n## Multimodal\n\n### \xef\xbb\xbf### Drifted\r\n- **Personal note:*ate:**#"
        b" Papers\n\n## Multimodal\n\n### AnyGPT\n- **Paper:** [AnyGPT: Uni### \n- **Paper:**\n"
        b"- **Accepted:**\n- **Submission Date:**\n- **<!-l\n\n### AnyGPT\n- **Paper:** [A# Mul"
        b"timodal\n\n### AnyGPT\n- **Paper:** [AnyGPT: Unifie and music.\n- **Perisable-next-li"
        b"ne RL000 -->\n### A\n- **Submission Date:** 2020-01-01\n\n<!-- readmelint-disable RL002"
        b" -->\n### B\n- **Submission#Date:** 2024-01-01\n- **Tags:**\nAnyG** [Note]()\n"
    ),
    "crash-388e85d7": (
        b"\xef\xbb\xbf### Drifted\r\n  * **espronal  Note**: [Note](https://example.org/n)   "
        b"\r\n  * __Tags:__ x\r\n  * **Submission Date\xef\xbc\x9a** 56/05/2020\r\n  * **Paper"
        b"** : [A](https://example.org/a)  \r\n    [![Code](https://img.shields.io/badge/code-"
        b"x-bluef Introductio*n** unknown fiek# Papers\r\r## Multimodal\r\r### AnyGPT\r- **Pap"
        b"er:** [AnyGPT: Unifienown field\r\n  e.svg)](https://github.com/x/y)\r\n  * **Brief "
        b"Introductio*n** unknown fiek# Papers\r\r## Multimodal\r\r### AnyGPT\r- **Paper:** [A"
        b"nyGPT: Unifienown field\r\n  * no label here\r\n\r\n\r\n### Older\r\n  * **Submissio"
        b"n Date:** 2019-02-01\r\n  # Papers\r\r#x16 Words](https://arxiv.org/abs/2010.11929) "
        b" \n**Subme:** 2019-01-01\r\n& * **PapePaper:** [AnyGP//e.xample.org/b)\r\n"
    ),
    "crash-b5614cf2": (
        b"# Papers\r\r## Multimodal\r\r### AnyGPT\r- **Paper:** [AnyGPT: Unified Multimodal LL"
        b"M](https://arxiv.o# Paper##\r## Multimodal\r\r### AnyGPT\r- **Paper:** [AnyGPT: Unif"
        b"ie2024-02-19\r- **Authors:**!Fudan University; Shanghai AI Lab\r- **Tags:** any-to-a"
        b"ny\r- **Abstraal\r\r### AnyGPT\r- **Paper:** [AnyGPT: Unifie2024-02-19\r- **Authors:"
        b"**!Fudan University; Shanghai AI Lab\r- **Tags:** any-to-any\r- **Abstract:** Uonal "
        b" Note**: [Note](https://example.org/n)   \r\n  * __Tags:__ x\r\n  * **Submission Dat"
        b"e\xef\xbc\x9a** 28/05/2020\r\n  * **Paper** : [A](https://example.org/a\t  \r\n    ["
        b"![Code](https://idge/code-x-blue.svg)](httped\r\n  *y**personal  Note**: [Note](<!"
        b"\x11- readrsity; Shanghai ACML 2021\r- **Submission Date:** 2021-02g/notes/CLIP)"
    ),
    "crash-eeaed903": (
        b"### Drifted\n # * **poSSSS- readmelint-disablg RL002 -->\n### B\n- **Submission Date"
        b":** 2->\n### B\n- **Submission Date:** 2024-01-01\n- **Tags:**\n<!t-line RL003 -->\n"
        b"#n Date:** 2024-01-01\n- **Tags:**\n<!-- readmelint-enable RL002 --## A\n- **Submiss"
        b"ion Date:** 202<!-- readmelint-disablg RL002 -->\n### B\n- **Submission Date:** .0-0"
        b"1-01\n\n<!-- readmelint-di#able RL\n<!-- readmelint-disable RL002 -<!-- readmelint-d"
        b"isablg RL002 -->\n### B\n- **Submission Date:** 2->\n### B\n- **Submission Date:** 2"
        b"024-01-01\n- **Tags:**\n<!t-line RL003 -->\n#n Date:** 2024-01-01\n- \n  * no label "
        b"here\n\n\n### Nld\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r\r  *"
        b" __Tags:__ x\n  * **Submissis://example.org/b)\n"
    ),
    "crash-4a1a7207": (
        b"<!-- readmelint-disable RL002 -->\n### B\n- **Submission Date:** 2nex01\n\n<!-- read"
        b"melint-disable RL002 -<!-- readmelint-disablg RL002 -->\n### B\n- **Submission Date:"
        b"** 2->\n### B\n- **Submission Date:** 2024-01-01\n- **Tags:**\n<!t-line RL003 -->\n#"
        b"n Date:** 2024-01-01\n- \n      1. ordered\n  \n  second paragraph   \n\n  ```text\n"
        b"  code   keeps   spacing "
    ),
    "crash-81ef298e": (
        b"#### **ViT**\n**Pap#<!--# Pa2pers\r\r## Multimodal\r\r### AnyGPT\r- **Paper:** [AnyG"
        b"PT: -line RL001 -->\n### A\n- **Submission Date:** 2020-01-6 Words](https://arxiv.or"
        b"g/abs/2010.11929)  \n**Submission Date:** 2020-10-22\\ \n**Paper:** [ViL:T](https://"
        b"arxiv.org/abs/2102.03334)\n"
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_found_by_fuzzing_or_properties(name: str) -> None:
    """With default settings, with every layout on and with sub-item fields, as the fuzz
    target tries each."""
    assert_survives(CASES[name][1].encode())
    assert_survives(CASES[name][1].encode(), EVERY_LAYOUT)
    assert_survives(CASES[name][1].encode(), SUB_ITEM_FIELDS)


@pytest.mark.parametrize("name", FUZZED)
def test_raw_fuzzer_input(name: str) -> None:
    """As the fuzz target tries each input: with default settings, every layout on and
    sub-item fields."""
    assert_survives(FUZZED[name])
    assert_survives(FUZZED[name], EVERY_LAYOUT)
    assert_survives(FUZZED[name], SUB_ITEM_FIELDS)


def test_a_list_ten_deep_no_longer_hides_the_entries_after_it() -> None:
    """markdown-it's default nesting limit (20) swallowed the rest of the file into one item."""
    text = "### A\n- **Paper:** x\n  " + "- " * 12 + "deep\n\n### B\n- **Paper:** y\n"
    assert [entry.heading for entry in parse(text).entries] == ["A", "B"]


NEWLINES = "### A\r\n- **Paper:** x\n- **Tags:** y\n"


def test_a_file_that_mixes_newlines_keeps_them() -> None:
    """fix gave every line of an entry its first line's newline, and check reported
    nothing: a kept or moved line now keeps its own terminator."""
    assert fix_text(NEWLINES, SETTINGS) == NEWLINES
    moved = "### A\r\n- **Tags:** y\n- **Paper:** x\r\n"
    assert fix_text(moved, SETTINGS) == "### A\r\n- **Paper:** x\r\n- **Tags:** y\n"
    assert_survives(moved.encode())


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        pytest.param(
            "### A\n- **Paper:** x\n\r\n### C\n- **Paper:** z\n\n### B\n- **Paper:** y\n",
            None,
            id="nothing-to-fix",
        ),
        pytest.param(
            "### A\n- **Paper:** x\n\r\n### B\n- **Tags:** t\n- **Paper:** y\n",
            "### A\n- **Paper:** x\n\r\n### B\n- **Paper:** y\n- **Tags:** t\n",
            id="between-entries",
        ),
        pytest.param(
            "### B\n- **Tags:** t\n\n  more\n- **Paper:** y\n\r\n  more2\n",
            "### B\n- **Paper:** y\n\r\n  more2\n- **Tags:** t\n\n  more\n",
            id="inside-fields-that-move",
        ),
    ],
)
def test_a_blank_line_keeps_its_own_newline(text: str, fixed: str | None) -> None:
    """In a file that mixes newlines, fix gave the blank line between two entries (and a
    blank line inside a field) the newline of the line before it, and check reported
    nothing of it (found by fuzzing: fuzz/crashes/crash-3126be49...)."""
    assert fix_text(text, SETTINGS) == (fixed or text)
    assert_survives(text.encode())


def test_a_suppressed_change_is_not_made() -> None:
    """fix sorted entries whose order a suppression hid from check (issue 25 item 1)."""
    text = (
        "<!-- readmelint-disable-file RL104 -->\n"
        "### Old\n- **Submission Date:** 2020-01-01\n\n"
        "### New\n- **Submission Date:** 2024-01-01\n"
    )
    assert [d for d in check_text(text, SETTINGS) if d.fixable] == []
    assert fix_text(text, SETTINGS) == text
    assert_survives(text.encode())


def test_a_line_github_reads_as_a_row_is_one() -> None:
    """GitHub (cmark-gfm) reads a line such as ``<!x ...`` after a table as one more row,
    and the lines after it too; markdown-it-py took it for an HTML block and started a new
    table there. readmelint reads them as GitHub does: rows of the table above (issue 26
    item 2)."""
    text = (
        "| Title | Year |\n| --- | --- |\n| C | 2021 |\n"
        "<!x Title | Year\n| --- | --- |\n|B|2024|\n|A|2020|\n"
    )
    assert [entry.line for entry in parse(text, EVERY_LAYOUT).entries] == [3, 4, 5, 6, 7]
    assert_survives(text.encode(), EVERY_LAYOUT)
