"""Questions asking someone's age: 张明强多大岁数了, 毛书学今年多大年纪.

A report gives an age in 岁 before the person (这是55岁的社区工作者张明强) and never says 岁数 or
年纪 beside it. So an age question asks a figure in 岁 beside the one whose age it asks, the word
right before 多大: not beside the noun it asks by, nor beside any other word of the question (十二
工作站站长潘鹏多大年纪 is not answered by 55岁的社区工作者, a worker of the same 工作站's page).
"""

from __future__ import annotations

from collections.abc import Callable

from retrieval.search.question_type import QuestionShape

AGE = "岁"  # the unit an age is given in
# 多大 asks an age when 了 or 年纪 follows it, or 今年 stands before it (他那个村多大 asks a size).
_AGE_AFTER = ("了", "年纪", "年龄", "岁")
_AGE_BEFORE = ("今年", "现在", "目前")
AGE_NOUNS = ("岁数", "年纪", "年龄", "年岁")  # what an age is asked by: said by 岁, not beside it


def asks_age(shape: QuestionShape) -> bool:
    """Whether the question of `shape` asks an age."""
    return shape.word == "多大" and (shape.after.startswith(_AGE_AFTER) or shape.before.endswith(_AGE_BEFORE))


def whose_age(shape: QuestionShape, tagged: Callable[[str], list[tuple[str, str]]]) -> str:
    """The word right before 多大 (and 今年) of an age question: 潘鹏 of 站长潘鹏多大年纪; `tagged`
    cuts a text into words, with their parts of speech."""
    before = shape.before.rstrip(" 的")
    for when in _AGE_BEFORE:
        before = before.removesuffix(when)
    cut = [word for word, _ in tagged(before.rstrip(" 的")) if word.strip()]
    return cut[-1] if cut else ""
