""""哪天…最多/最少": the day whose report gives the largest (or smallest) figure, first.

Still quoted excerpts, no computed prose: among the passages that answer the question as well
as the best one does (the same share of its words), the figure set next to the question's
rarest word that the passage has with a number ("核酸检测点37个", "113名志愿者") orders them,
one passage a day. A passage without such a figure keeps its place after those with one.
"""

from __future__ import annotations

import re

from retrieval.search.fusion import term_coverage
from retrieval.types import Chunk

EXTREME = re.compile(r"哪(?:一)?(?:天|日|期).*?(最多|最高|最大|最少|最低|最小)|(最多|最高|最大|最少|最低|最小).*?哪(?:一)?(?:天|日|期)")
FEWEST = ("最少", "最低", "最小")
# The words that only ask "which day, most": cut from the searched text, as date words are.
ASKING_WORDS = re.compile(r"哪一?(?:天|日|期)|最多|最高|最大|最少|最低|最小")
NUMBER = r"(\d+(?:\.\d+)?)"
UNIT = r"[个名人次份辆家所处台套万]{0,2}"
COVERAGE_SLACK = 0.05


def asked_extreme(question: str) -> str | None:
    """'most' or 'fewest' when the question asks which day had the most or fewest, else None."""
    found = EXTREME.search(question)
    if not found:
        return None
    return "fewest" if (found.group(1) or found.group(2)) in FEWEST else "most"


def figure_near(text: str, word: str) -> float | None:
    """The number set right after ("检测点37个") or right before ("113名志愿者") the word."""
    after = re.search(rf"{re.escape(word)}\s*{NUMBER}", text)
    before = re.search(rf"{NUMBER}\s*{UNIT}\s*{re.escape(word)}", text)
    found = after or before
    return float(found.group(1)) if found else None


def by_figure(ranked: list[int], chunks: dict[int, Chunk], days, words: dict[str, float], extreme: str) -> list[int]:
    """`ranked` with the equally good passages first, one a day, ordered by their figure."""
    coverage = {row: term_coverage(words, chunks[row].indexed_text) for row in ranked if row in chunks}
    if not coverage:
        return ranked
    best = max(coverage.values())
    good = [row for row in ranked if coverage.get(row, -1.0) >= best - COVERAGE_SLACK]
    rarest = sorted(words, key=lambda word: -words[word])
    figures: dict[int, float] = {}
    for row in good:
        value = next((v for word in rarest if (v := figure_near(chunks[row].text, word)) is not None), None)
        if value is not None:
            figures[row] = value
    seen_days: set[int] = set()
    ordered: list[int] = []
    sign = 1 if extreme == "fewest" else -1
    for row in sorted(figures, key=lambda row: sign * figures[row]):  # stable: ties keep fused order
        if int(days[row]) not in seen_days:
            seen_days.add(int(days[row]))
            ordered.append(row)
    chosen = set(ordered)
    return ordered + [row for row in ranked if row not in chosen]
