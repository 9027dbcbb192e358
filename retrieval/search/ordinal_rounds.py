"""Rounds, batches and sessions a question names by their ordinal: 第五轮, 第5批, 首届."""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.text.dating import chinese_number

# An ordinal of a round, batch or session: 第五轮, 第5批, 首届 (= 第一届). Not 次: 第一次 is "for
# the first time" (电视剧第一次播出是什么时候), answered by 首播 or a date.
_ORDINAL = re.compile(r"(?:第([0-9０-９零〇一二两三四五六七八九十]+)|(首))(轮|批|期|届|季|波|阶段)")


def _ordinals(text: str) -> set[tuple[int | None, str]]:
    return {(1 if first else chinese_number(number), counter) for number, first, counter in _ORDINAL.findall(text)}


def names_another_round(question: str, texts: Iterable[str]) -> bool:
    """Whether `question` asks of a round (batch, session) that none of `texts` mentions: the
    reports tell of 前期办事处's 第四轮 核酸检测, and 第五轮 is not it."""
    asked = _ordinals(question)
    if not asked:
        return False
    said = set().union(*(_ordinals(text) for text in texts))
    return not asked <= said
