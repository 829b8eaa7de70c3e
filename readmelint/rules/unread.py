"""Never silently clean (RL014): a file that looks like a paper list but whose entries
were not read, in whole or in most part, is reported, never passed as clean."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from readmelint.diagnostics import Diagnostic, Severity
from readmelint.rules.base import Context, Rule

# So many blocks that look like papers make a paper list: one or two links to a
# project's own paper (a badge, a citation) do not.
AT_LEAST = 5
# Read entries below this share of what looks like papers: the config fits the list badly.
SHARE = 0.5

_PAPERS = "".join(
    f"- [{title}](https://arxiv.org/abs/{arxiv}), {venue}\n"
    for title, arxiv, venue in (
        ("Attention Is All You Need", "1706.03762", "NeurIPS 2017"),
        ("Deep Residual Learning for Image Recognition", "1512.03385", "CVPR 2016"),
        ("Adam: A Method for Stochastic Optimization", "1412.6980", "ICLR 2015"),
        ("Layer Normalization", "1607.06450", "arXiv 2016"),
        (
            "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
            "1207.0580",
            "JMLR 2014",
        ),
    )
)
_HEADED = (
    "".join(
        f"### {name}\n- **Paper:** [{title}](https://arxiv.org/abs/{arxiv})\n\n"
        for name, title, arxiv in (
            ("Transformer", "Attention Is All You Need", "1706.03762"),
            ("ResNet", "Deep Residual Learning for Image Recognition", "1512.03385"),
            ("Adam", "Adam: A Method for Stochastic Optimization", "1412.6980"),
            ("LayerNorm", "Layer Normalization", "1607.06450"),
            (
                "Dropout",
                "Dropout: A Simple Way to Prevent Neural Networks from Overfitting",
                "1207.0580",
            ),
        )
    ).rstrip("\n")
    + "\n"
)

RL014 = Rule(
    "RL014",
    "unread-papers",
    "The file looks like a paper list, but the configuration reads none or few of its papers.",
    "List items, table rows, paragraphs and headings that link to a paper (arXiv, DOI, "
    "OpenReview, a proceedings site, a `.pdf`, a link called `pdf` or `paper`), name an "
    "arXiv id or a venue and year, or sit in a table whose header names a title and more "
    f"(`Title | Venue | Date`) look like papers. When at least {AT_LEAST} of them are "
    f"outside every entry and the entries read are under {SHARE:.0%} of all, `check` says "
    "so rather than report a clean list: the layout, heading level or item patterns do "
    "not fit the list. `readmelint init --from FILE` infers a config that reads them, "
    "and `readmelint show FILE` shows what a config reads.",
    "# Papers\n\n" + _PAPERS,
    "# Papers\n\n" + _HEADED,
    failing_line=3,
    severity=Severity.WARNING,
)

RULES: tuple[Rule, ...] = (RL014,)


def check(context: Context) -> Iterator[Diagnostic]:
    if not context.settings.enabled(RL014.code):
        return  # parsing the rest of the file again is work only this rule needs
    from readmelint.evidence import unread_papers

    document = context.document
    unread = unread_papers(document)
    read = len(document.entries)
    if len(unread) < AT_LEAST or read >= SHARE * (read + len(unread)):
        return
    kinds = Counter(candidate.kind for candidate in unread)
    what = _and([_count(number, kind) for kind, number in kinds.most_common()])
    if read:
        said = f"read {read} {'entry' if read == 1 else 'entries'}, yet {what} outside them"
    else:
        said = f"read no entries, yet {what}"
    yield RL014.at(
        context.path,
        unread[0].line,
        1,
        f"{said} look like papers (the first is here); `readmelint init --from "
        f"{context.path}` infers a config that reads them",
    )


_NAMES = {
    "item": ("list item", "list items"),
    "row": ("table row", "table rows"),
    "paragraph": ("paragraph", "paragraphs"),
    "heading": ("heading", "headings"),
}


def _count(number: int, kind: str) -> str:
    one, many = _NAMES[kind]
    return f"{number} {one if number == 1 else many}"


def _and(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
