"""Counts asked by their noun alone, keyword style: "登封 核酸 人次", "银河办事处 隔离人员 人数".

With no 多少 / 几 they are no count question to the not-found check (figures.asks_count), which then
asked only that the best passages mention their words; so "荥阳 核酸 累计人次" passed on 荣阳's
page, which mentions 核酸 and counts no 人次, and on 登封's 178万余人次. A figure in the unit the
noun asks in must stand among the passages of the place asked of.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.search.answer_spans import in_unit, number_spans
from retrieval.search.question_type import AnswerKind, question_shape

# The unit each noun counts in; 数量 / 数目 / 总数 count in any.
_UNITS = {"人数": "人", "人次": "人次", "次数": "次"}


def keyword_count_unit(question: str) -> str | None:
    """The unit a count asked by its noun alone is in ("" for any), or None for another question."""
    shape = question_shape(question)
    if shape.kind is not AnswerKind.NUMBER or not shape.by_noun:
        return None
    return _UNITS.get(shape.word, "")


def gives_figure_in(unit: str, texts: Iterable[str]) -> bool:
    """Whether one of `texts` gives a figure in `unit` (any figure for "")."""
    return any(not unit or in_unit(span.text, unit) for text in texts for span in number_spans(text))
