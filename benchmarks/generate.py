"""Generate paper lists in the reference layout, deterministically, for benchmarks.

The reference layout is ``../shared/corpus/notes/*__09c6e0a__Notes_zh.md``: a title
block, ``#`` and ``##`` sections, and ``### Name`` entries whose fields are a
two-space-indented bullet list of bold labels. The Paper field carries badge
lines joined by two-space hard breaks; abstracts are long and mix Chinese with
English terms, which is what makes markdown-it's inline parse expensive.

``generate(1000)`` is about 1.9 MB, the size the performance targets of issue 5
are stated for. With ``defects=True`` a realistic share of entries carries the
faults real lists have (label drift, missing and empty fields, bad dates,
shuffled fields, unsorted entries, extra blank lines, trailing whitespace);
with ``defects=False`` the list is clean, so ``readmelint check`` finds nothing.

Only :class:`random.Random` with a fixed seed decides anything, and nothing
iterates a set or dict of strings, so the output is the same on every run and
under every ``PYTHONHASHSEED``.

Usage::

    python benchmarks/generate.py 1000 -o /tmp/papers-1000.md [--seed 0] [--clean]
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
from dataclasses import dataclass
from pathlib import Path

from readmelint.schema import bundled_schema

# The bundled schema's labels in its canonical order: the generator writes these.
FIELDS = tuple(spec.title for spec in bundled_schema().fields)

TITLE_BLOCK = """<div align="center">
<h2>Personal Paper Notes</h2>
</div>

---

> **CSDN:** https://blog.csdn.net/example (基本弃用)  
> **知乎:** https://www.zhihu.com/people/example
"""  # noqa: W291 - the two spaces are a hard break, as in the reference file

TOP_SECTIONS = ("Multimodal", "Vision", "Language", "Speech", "Agents", "Efficiency")
SUB_SECTIONS = (
    "Large Multimodal Models",
    "Vision Tokenizers",
    "Image Generation",
    "Video Understanding",
    "Instruction Tuning",
    "Retrieval",
    "Evaluation",
    "Alignment",
    "Efficient Training",
    "Datasets",
)

NAME_PREFIXES = (
    "Any",
    "VL",
    "Kosmos",
    "Dream",
    "La",
    "Speech",
    "Mini",
    "Open",
    "Flamingo",
    "Intern",
    "Qwen",
    "Uni",
    "Omni",
    "Emu",
    "Video",
    "Chat",
    "Seed",
    "Next",
    "Mono",
    "Pixel",
)
NAME_SUFFIXES = ("GPT", "LLM", "ViT", "-G", "Former", "Chat", "-VL", "Diffusion", "Net", "Agent")

VENUES = (
    "arXiv",
    "ICLR 2024",
    "CVPR 2024",
    "NeurIPS 2023",
    "ACL 2024",
    "EMNLP 2023 (Findings)",
    "ICML 2024",
    "AAAI 2024",
    "ECCV 2024",
    "TPAMI",
)
INSTITUTIONS = (
    "复旦大学",
    "上海AI Lab",
    "西安交通大学",
    "腾讯",
    "香港大学",
    "微软研究院",
    "纽约大学",
    "滑铁卢大学",
    "旷视科技",
    "清华大学",
    "华中科技大学",
    "北京大学",
    "快手科技",
    "Google DeepMind",
    "Meta AI",
    "Stanford University",
    "Multimodal Art Projection Research Community",
)
TAGS = (
    "vision tokenizer",
    "any-to-any",
    "每个模态都通过相应 tokenizer 处理",
    "vision-language-to-image",
    "instruction tuning",
    "音频理解，音频生成",
    "in-context learning",
    "zero-shot",
    "多模态对齐",
    "interleaved data",
)

# Abstract vocabulary: Chinese clauses and the English terms the reference
# abstracts embed in them. The markup pieces (bold, code, parentheses) give
# markdown-it's inline rules the work real abstracts give them.
CJK_CLAUSES = (
    "我们介绍了一种新的多模态语言模型",
    "它使用离散表示来统一处理各种模态",
    "包括语音、文本、图像和音乐",
    "可以稳定地训练而不需要对当前的体系结构进行任何更改",
    "相反，它完全依赖于数据级的预处理",
    "我们构建了一个以文本为中心的多模态数据集",
    "用于多模态对齐的预训练",
    "实验结果表明该模型在所有模态上获得与专用模型相当的性能",
    "证明了离散表示可以有效且方便地将多个模态统一在一个语言模型中",
    "然而，广义的视觉-语言输入的生成仍然没有得到充分的探索",
    "本文提出了一种利用大语言模型的高级感知能力来解决上述挑战的方法",
    "这种统一使模型成为一个令人印象深刻的通用界面",
    "大量的实验进一步表明，在大量的视觉语言任务中，它比现有的模型表现得更好",
    "在完成预训练后，模型在各种理解和生成任务中表现出显著的性能",
    "我们进一步对模型进行指令微调，突出其在多模态方面的特殊潜力",
)
EN_TERMS = (
    "transformer",
    "tokenizer",
    "embeddings",
    "zero-shot",
    "few-shot",
    "next-token prediction",
    "image captioning",
    "text-to-image",
    "visual question answering",
    "(LLM)",
    "(MLLMs)",
    "CLIP",
    "U-Net",
    "image decoder",
    "in-context learning",
    "`<image>`",
    "**any-to-any**",
    "*cross-modal*",
)
CJK_PUNCTUATION = ("，", "。", "；")

# Bad dates as people really write them: the wrong order, dots, impossible days.
BAD_DATES = ("28/05/2020", "2023.05.28", "2023-02-30", "May 2023", "2024-13-01", "2023/7/4")

# The label drifts of the reference file and its later versions.
NOTE_LABELS = ("**Personal note**:", "**Personal Note**:", "**Personal Note:**")

ABSTRACT_BYTES = (1050, 1550)  # UTF-8 size range; with the rest, ~1.9 KB per entry
DEFECT_RATE = 0.08  # per entry and kind of defect


@dataclass
class _Entry:
    name: str
    date: datetime.date
    lines: list[str]


def generate(n_entries: int, seed: int = 0, defects: bool = True) -> str:
    """A paper list with ``n_entries`` entries in the reference layout.

    The same arguments always give the same text. ``readmelint.parse.parse``
    finds exactly ``n_entries`` entries in it.
    """
    if n_entries < 0:
        raise ValueError("n_entries must be >= 0")
    rng = random.Random(seed)
    out = [TITLE_BLOCK]
    names: dict[str, int] = {}
    remaining = n_entries
    top = 0
    while remaining > 0 or top == 0:
        out.append(f"\n# {TOP_SECTIONS[top % len(TOP_SECTIONS)]}\n")
        top += 1
        for _ in range(rng.randint(2, 4)):
            if remaining <= 0:
                break
            count = min(remaining, rng.randint(15, 60))
            remaining -= count
            out.append(f"\n## {SUB_SECTIONS[rng.randrange(len(SUB_SECTIONS))]}\n")
            out.append(_section(rng, count, names, defects))
        if n_entries == 0:
            break
    return "".join(out)


def _section(rng: random.Random, count: int, names: dict[str, int], defects: bool) -> str:
    entries = [_entry(rng, names, defects) for _ in range(count)]
    entries.sort(key=lambda entry: entry.date, reverse=True)  # the canonical order
    if defects and len(entries) > 1:
        for position in range(len(entries) - 1):
            if rng.random() < DEFECT_RATE / 2:
                entries[position], entries[position + 1] = entries[position + 1], entries[position]
    chunks = []
    for entry in entries:
        gap = "\n\n" if defects and rng.random() < DEFECT_RATE / 2 else "\n"
        chunks.append(gap + "\n".join(entry.lines) + "\n")
    return "".join(chunks)


def _name(rng: random.Random, names: dict[str, int]) -> str:
    name = rng.choice(NAME_PREFIXES) + rng.choice(NAME_SUFFIXES)
    if rng.random() < 0.3:
        name += f"-{rng.randint(1, 4)}"
    seen = names.get(name, 0)
    names[name] = seen + 1
    return name if not seen else f"{name} ({seen + 1})"


def _entry(rng: random.Random, names: dict[str, int], defects: bool) -> _Entry:
    name = _name(rng, names)
    date = datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randrange(6 * 365))
    slug = name.replace(" ", "").replace("(", "").replace(")", "")
    values = {
        "Paper": _paper(rng, name, slug, date),
        "Accepted": rng.choice(VENUES),
        "Submission Date": date.isoformat(),
        "Authors": "; ".join(rng.sample(INSTITUTIONS, rng.randint(1, 4))),
        "Tags": ", ".join(rng.sample(TAGS, rng.randint(1, 2))),
        "Abstract": _abstract(rng, name),
        "Personal note": f"[Note](https://example.github.io/paper-notes/notes/{slug}/{slug}.html)",
    }
    labels = {field: f"**{field}:**" for field in FIELDS}
    order = list(FIELDS)

    def defect() -> bool:
        return defects and rng.random() < DEFECT_RATE

    if defects and rng.random() < 0.7:
        # Most entries of the reference file write the colon outside the bold.
        labels["Personal note"] = rng.choice(NOTE_LABELS)
    if defect():
        order.remove(rng.choice(("Authors", "Tags", "Abstract", "Accepted")))
    if defect():
        values[rng.choice(("Authors", "Tags", "Accepted"))] = ""
    if defect():
        values["Submission Date"] = rng.choice(BAD_DATES)
    if defect():
        first, second = rng.sample(range(len(order)), 2)
        order[first], order[second] = order[second], order[first]
    lines = [f"### {name}"]
    for field in order:
        value = values[field]
        # An empty field keeps the space after its label, as template stubs do.
        lines.append(f"  - {labels[field]} {value}")
    if defect():
        # Trailing whitespace that is not a hard break (one space, or a tab) on one line.
        where = rng.randrange(len(lines))
        lines[where] += rng.choice((" ", "\t", " \t "))
    return _Entry(name, date, "\n".join(lines).split("\n"))


def _paper(rng: random.Random, name: str, slug: str, date: datetime.date) -> str:
    """The title link, then badge lines joined by two-space hard breaks."""
    rng.randint(19, 24), rng.randint(1, 12)  # (drawn as before, so seeds give the same lists)
    # The arXiv id's month is the submission date's, as arXiv numbers them (RL302).
    arxiv = f"{date:%y%m}.{rng.randint(1, 19999):05d}"
    title = f"{name}: {_title(rng)}"
    lines = [f"[{title}](https://arxiv.org/abs/{arxiv})"]
    owner = f"lab{rng.randint(1, 500)}"
    badges = [
        f"[![Star](https://img.shields.io/github/stars/{owner}/{slug}.svg?style=social&label=Star)]"
        f"(https://github.com/{owner}/{slug})",
        "[![Project Page](https://img.shields.io/badge/Project-Page-green.svg)]"
        f"(https://{owner}.github.io/{slug}/)",
        "[![zhihu](https://img.shields.io/badge/-知乎-000000?logo=zhihu&logoColor=0084FF)]"
        f"(https://zhuanlan.zhihu.com/p/{rng.randint(600000000, 699999999)})",
    ]
    lines += badges[: rng.randint(0, 3)]
    # Every line but the last ends in a hard break; continuation lines sit
    # under the item's content, two columns in as in the reference file.
    return "  \n  ".join(lines)


def _title(rng: random.Random) -> str:
    words = (
        "Unified",
        "Multimodal",
        "Large",
        "Language",
        "Models",
        "with",
        "Discrete",
        "Sequence",
        "Modeling",
        "Vision",
        "Generative",
        "Pre-trained",
        "Transformer",
        "for",
        "Understanding",
        "and",
        "Generation",
        "in",
        "Context",
        "Synergistic",
        "Comprehension",
        "Creation",
    )
    return " ".join(rng.choice(words) for _ in range(rng.randint(5, 11)))


def _abstract(rng: random.Random, name: str) -> str:
    target = rng.randint(*ABSTRACT_BYTES)
    parts: list[str] = [f"本文介绍了 {name}，"]
    size = len(parts[0].encode())
    while size < target:
        piece = rng.choice(CJK_CLAUSES)
        if rng.random() < 0.6:
            piece += f" {rng.choice(EN_TERMS)} "
        if rng.random() < 0.2:
            piece += f"{name} "
        piece += rng.choice(CJK_PUNCTUATION)
        parts.append(piece)
        size += len(piece.encode())
    return "".join(parts).rstrip("，；。") + "。"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("entries", type=int, help="number of entries")
    parser.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--clean", action="store_true", help="no defects: check finds nothing")
    args = parser.parse_args(argv)
    text = generate(args.entries, args.seed, defects=not args.clean)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_bytes(text.encode("utf-8"))  # bytes: LF on every platform
        print(f"wrote {args.output}: {args.entries} entries, {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
