"""Big files are block-parsed a chunk of lines at a time (memory, issue 5).

A chunk may only end before a heading that follows a blank line, and a chunk
that ends inside an open fence or HTML block is parsed on to the end of the file.
Each case here is parsed with chunks of every size from 1 to its length and
must give exactly the document parsing it whole gives. A language server parses
each version of a document with the chunks of the version before (``BlockCache``):
that too must give exactly the document parsing it afresh gives.
"""

from __future__ import annotations

import pytest

from readmelint.parse import BlockCache, parse

ENTRY = "### {name}\n- **Paper:** [P](https://example.org/{name})\n- **Tags:** t\n"

CASES = {
    "entries": "# Papers\n\n" + "\n".join(ENTRY.format(name=n) for n in "ABCDE"),
    "open-fence": ENTRY.format(name="A")
    + "\n```\n\n### not a heading\n\n"
    + ENTRY.format(name="B"),
    "open-fence-to-the-end": ENTRY.format(name="A") + "\n~~~\n\n# never closed\n",
    "open-comment": ENTRY.format(name="A")
    + "\n<!-- open\n\n### inside\n\n-->\n\n"
    + ENTRY.format(name="B"),
    "open-pre": ENTRY.format(name="A")
    + "\n<pre>\n\n### inside\n</pre>\n\n"
    + ENTRY.format(name="B"),
    "list-across-blank": "- item\n\n  more\n\n### A\n- **Paper:** x\n\n  code?\n\n### B\n",
    "quote-then-heading": "> quote\n>\n\n### A\n- **Paper:** x\n> lazy?\n\n### B\n",
    "html-block-7": "<div>\n\n### A\n- **Paper:** x\n\n</div>\n\n### B\n- **Tags:** y\n",
    "setext": "Title\n=====\n\n### A\n- **Paper:** x\n\nText\n---\n\n### B\n",
    "comment-above-entry": ENTRY.format(name="A") + "\n<!-- note -->\n### B\n- **Paper:** y\n",
    "link-definitions": "### A\n- **Paper:** [P][a]\n\n[a]: https://e.org/1\n\n### B\n"
    "- **Paper:** [Q][b]\n\n[b]: https://e.org/2\n[a]: https://e.org/3\n",
}


@pytest.mark.parametrize("name", CASES)
def test_every_chunk_size_gives_the_same_document(name: str) -> None:
    text = CASES[name]
    whole = parse(text, chunk_lines=10**9)
    for chunk_lines in range(1, text.count("\n") + 2):
        assert parse(text, chunk_lines=chunk_lines) == whole, chunk_lines


def test_a_label_defined_twice_is_found_at_both_definitions_in_any_chunk() -> None:
    text = CASES["link-definitions"]
    for chunk_lines in (1, 5, 10**9):
        assert parse(text, chunk_lines=chunk_lines).redefinitions == {
            "A": (4, 10)
        }  # labels as markdown-it keys them


def test_chunks_taken_up_again_give_the_same_documents() -> None:
    """Every case after every other, and each twice, through one cache: the chunks
    they share are taken up again at other lines, and each parse is one from scratch."""
    blocks = BlockCache()
    texts = [*CASES.values(), *CASES.values(), "\n\n" + CASES["entries"], CASES["entries"]]
    for text in texts:
        for chunk_lines in (1, 3):
            expected = parse(text, chunk_lines=chunk_lines)
            assert parse(text, chunk_lines=chunk_lines, blocks=blocks) == expected


def test_a_chunk_twice_in_one_text_is_parsed_for_each() -> None:
    text = "# A\n\n### X\n- **Paper:** p\n\n# A\n\n### X\n- **Paper:** p\n"
    blocks = BlockCache()
    parse(text, chunk_lines=1, blocks=blocks)
    assert parse(text, chunk_lines=1, blocks=blocks) == parse(text, chunk_lines=1)


def test_a_text_too_long_to_keep_is_parsed_afresh() -> None:
    blocks = BlockCache(most_characters=10)
    text = CASES["entries"]
    parse(text, chunk_lines=1, blocks=blocks)
    assert parse(text, chunk_lines=1, blocks=blocks) == parse(text, chunk_lines=1)
