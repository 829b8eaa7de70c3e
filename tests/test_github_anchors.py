"""Heading anchors as GitHub makes them, checked against real GitHub-rendered files."""

from __future__ import annotations

import re

import pytest

from readmelint.anchors import Slugger, document_anchors, github_slug, heading_text
from readmelint.parse import parse
from tests.helpers import CORPUS

# (heading source, anchor). The first ones are headings of real files in ../shared/corpus
# with the anchors their own tables of contents link to, as GitHub rendered them.
ANCHORS = [
    ("Multimodal", "multimodal"),  # notes/...265f275__Notes_zh.md
    ("Large Multimodal Models", "large-multimodal-models"),
    ("MDRG / Divter", "mdrg--divter"),
    ("VL-GPT", "vl-gpt"),
    ("Kosmos-G", "kosmos-g"),
    ("📢 News", "-news"),  # items/Xnhyacinth__...
    ("📜 Papers", "-papers"),
    ("1.1 General Long-Context Surveys", "11-general-long-context-surveys"),
    ("1.2 Efficient Attention / KV-Cache Surveys", "12-efficient-attention--kv-cache-surveys"),
    (
        "3.4 Architectural KV Reduction & Cache Sharing",
        "34-architectural-kv-reduction--cache-sharing",
    ),
    ("5. State Space Models & Hybrids", "5-state-space-models--hybrids"),
    (
        "8.2 Parametric, Augmented & Hierarchical Memory",
        "82-parametric-augmented--hierarchical-memory",
    ),
    ("9.2 Long-Context vs RAG: Comparison & Hybrid", "92-long-context-vs-rag-comparison--hybrid"),
    (
        "10. In-Context Learning (Many-shot / Long-ICL)",
        "10-in-context-learning-many-shot--long-icl",
    ),
    (
        "13.1 Efficient Long CoT: Compression, Budgeting & Early Exit",
        "131-efficient-long-cot-compression-budgeting--early-exit",
    ),
    (
        "Large Language Model Based Long Context Modeling Papers and Blogs",
        "large-language-model-based-long-context-modeling-papers-and-blogs",
    ),
    (
        "Understanding / Generalization / Transfer",
        "understanding--generalization--transfer",
    ),  # items/terryum__...
    ("Image: Segmentation / Object Detection", "image-segmentation--object-detection"),
    ("Appendix: More than Top 100", "appendix-more-than-top-100"),
    ("HW / SW / Dataset", "hw--sw--dataset"),
    ("Natural Language Processing / RNNs", "natural-language-processing--rnns"),
    # github-slugger's rules: what is kept, what goes.
    ("Hello World", "hello-world"),
    ("Q&A", "qa"),
    ("What's new?", "whats-new"),
    ("C++", "c"),
    ("A/B testing", "ab-testing"),
    ("Foo.Bar", "foobar"),
    ("hello (world)", "hello-world"),
    ("a -- b", "a----b"),
    ("snake_case_name", "snake_case_name"),
    ("Under_score & dash-es", "under_score--dash-es"),
    ("2024-02-19", "2024-02-19"),
    ("Ünïcödé", "ünïcödé"),
    ("Ελληνικά", "ελληνικά"),
    ("目录", "目录"),
    ("大模型 LLM", "大模型-llm"),
    ("多模态综述（书）", "多模态综述书"),
    ("Emoji 🚀 rocket", "emoji--rocket"),
    ("✨ Sparkles ✨", "-sparkles-"),
    # Numbers: decimal digits and letter numbers stay; superscripts, fractions and
    # circled numbers go; circled letters are letters (github-slugger's own fixtures).
    ("x² and ½", "x-and-"),
    ("① First", "-first"),
    ("Chapter Ⅻ", "chapter-ⅻ"),
    ("Ⓐ circled", "ⓐ-circled"),
    ("١٢ Arabic-Indic", "١٢-arabic-indic"),
    # What a heading shows: markup dropped, code and link text kept, images gone.
    ("`foo` bar", "foo-bar"),
    ("API: `get()`", "api-get"),
    ("[Title](https://x.org) link", "title-link"),
    ("**Bold** and _italic_", "bold-and-italic"),
    ("~~old~~ new", "old-new"),
    ("![logo](x.png) Pictures", "-pictures"),
    ("Tom &amp; Jerry", "tom--jerry"),
    ("<sup>1</sup> Footnote", "1-footnote"),
]


@pytest.mark.parametrize(("source", "anchor"), ANCHORS)
def test_github_anchor(source: str, anchor: str) -> None:
    assert github_slug(heading_text(source)) == anchor


def test_repeated_headings_are_numbered_in_order() -> None:
    slugger = Slugger()
    slugs = [slugger.slug(text) for text in ["Same", "Same", "foo", "foo", "foo-1", "Same"]]
    assert slugs == ["same", "same-1", "foo", "foo-1", "foo-1-1", "same-2"]


def test_a_document_offers_every_heading_nested_or_not_and_html_anchors() -> None:
    text = (
        "# Title\n\n## Same\n\n## Same\n\n> ### Quoted\n\n- ### In a list\n\n"
        '<a name="custom"></a>\n\nText <span id="inline-id">x</span>.\n\n'
        "```\n# not a heading\n```\n"
    )
    anchors = document_anchors(parse(text))
    assert set(anchors) == {"title", "same", "same-1", "quoted", "in-a-list", "custom", "inline-id"}
    assert anchors["same-1"] == 5


CORPUS_FILES = [
    "notes/friedrichor__Awesome-Multimodal-Papers__265f275__Notes_zh.md",
    "items/Xnhyacinth__Awesome-LLM-Long-Context-Modeling__README.md",
    "items/terryum__awesome-deep-learning-papers__README.md",
    "tables/friedrichor__Awesome-Multimodal-Papers__5acfac4__README.md",
]


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_every_anchor_link_of_a_real_file_resolves(name: str) -> None:
    path = CORPUS / name
    if not path.is_file():
        pytest.skip(f"{path} is absent: clone the project beside ../shared to run this")
    text = path.read_bytes().decode("utf-8")
    anchors = document_anchors(parse(text))
    links = re.findall(r"\]\(#([^)\s]*)\)", text)
    assert links
    assert [link for link in links if link not in anchors] == []
