"""A post a 谁 question asks the holder of, as the reports write it.

A pinyin keyboard offers 主人 for 主任 and 书计 for 书记. The respeller (respell.py) mends a
word no report has by a corpus word of its sound, but keeps a word jieba's dictionary knows well
as typed: 主人 is one. Before 是谁, though, what is asked is a post, so a word that sounds like
one of the posts (question_type.NAMED_POSTS) and shares its first character is that post:
"前程办事处 主人是谁呀" asks its 主任, as "八千纪工委书计是谁" asks its 书记.
"""

from __future__ import annotations

import re

from pypinyin import lazy_pinyin

from retrieval.search.question_type import NAMED_POSTS, POST_TITLES, AnswerKind, question_shape

_CJK_PAIR = re.compile(r"^[\u4e00-\u9fff]{2}$")
_BEFORE_QUESTION_WORD = "的是为 "  # what may stand between the post and 谁 (主任是谁, 的主任为谁)


def post_as_written(question: str) -> str:
    """`question` with the two characters before its 谁 as the post of their sound, where they
    are no post as typed; `question` itself otherwise."""
    shape = question_shape(question)
    if shape.kind is not AnswerKind.PERSON:
        return question
    before = shape.before.rstrip(_BEFORE_QUESTION_WORD)
    typed = before[-2:]
    if typed.endswith(POST_TITLES) or not _CJK_PAIR.match(typed):
        return question
    sound = lazy_pinyin(typed)
    post = next((p for p in NAMED_POSTS if len(p) == 2 and p[0] == typed[0] and lazy_pinyin(p) == sound), None)
    if post is None:
        return question
    at = len(before) - 2
    return question[:at] + post + question[at + 2 :]
