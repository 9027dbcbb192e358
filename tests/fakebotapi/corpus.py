"""A small corpus of awkward reports (markup characters, a very long article) and its real index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

ESCAPE_TITLE = "标签测试 <script>alert(1)</script> & A<B>C"
LONG_TITLE = "长篇报道 防汛抗旱工作纪实"
LONG_PARAGRAPHS = 18


def write_odd_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "900_escape.md").write_text(
        f"# {ESCAPE_TITLE}\n\n2022年5月1日\n\n"
        "本报讯 在比较大小时，代表们写道 x < y & z > w，并提出“<b>不要加粗</b>”的要求。"
        "会议决定把 R&D 预算提高到三千万元。\n\n"
        "第二段：关于 <i>斜体</i> 与 &amp; 实体的讨论持续了两个小时。\n",
        encoding="utf-8",
    )
    paragraphs = [
        f"第{i}段："
        + "".join(f"长篇报道第{i}段第{j}句讲述了防汛抗旱工作在第{j}个乡镇的进展情况。" for j in range(1, 9))
        for i in range(1, LONG_PARAGRAPHS + 1)
    ]
    (folder / "901_long.md").write_text(
        f"# {LONG_TITLE}\n\n2021年7月30日\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
    )
    return folder


def build_odd_index(root: Path, encoder: Any) -> Path:
    """Build (for real) the index of the odd corpus under `root`; returns the index folder."""
    from retrieval.index.build import build_index

    index_dir = root / "odd-index"
    build_index(write_odd_corpus(root / "odd-corpus"), index_dir, encoder)
    return index_dir
