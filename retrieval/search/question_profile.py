"""What a question asks, worked out once per search: its shape, words, unit, grain and what it
counts (its profile), for the answer stages (answers.py, direct_answer.py, answer_guards.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from retrieval.search.answer_spans import date_spans, leading_unit
from retrieval.search.people_counts import counts_people
from retrieval.search.question_type import (
    DURATION_GRAIN,
    WHERE_QUESTION_WORDS,
    AnswerKind,
    QuestionShape,
    answer_grain,
    asked_attribute,
    asks_cause,
    asks_where,
    question_shape,
)
from retrieval.search.span_extents import post_asked
from retrieval.text.tokenize import STOPWORDS

PUNCTUATION = re.compile(r"[\s，,。！？!?；;：:、“”‘’\"'（）()《》【】…—]")
# Characters that say nothing about what a sentence is about: particles, pronouns, question words.
_FUNCTION_CHARS = frozenset(word for word in STOPWORDS if len(word) == 1) | frozenset("样")
# What a thing is done for, as readers ask it: 为啥要… (为啥明港要…: its subject may stand
# between), 图个啥, 有啥好处, 目的是啥.
_PURPOSE_ASKED = re.compile(
    r"(?:为什么|为何|为啥)[^，,。？?！!]{0,6}?要|图(?:个)?(?:啥|什么)|为了(?:啥|什么)|(?:啥|什么)(?:好处|用处|目的|意义)|目的是(?:啥|什么)"
)
_TIME = "时间"  # of 多长时间 / 多少时间, which ask a length of time
# Which way a thing went, after a where word: 去 of "孕妇送哪儿去了" is no word a sentence must say.
_DIRECTIONS = ("去", "来")
# What was done, asked with a verb of doing (干啥, 做什么): the verb asks, as 啥 does.
_WHAT, _DOING = ("啥", "什么"), ("干", "做", "搞", "弄")


@dataclass(frozen=True)
class QuestionProfile:
    """What the answer stages need of a question, worked out once per search."""

    text: str
    shape: QuestionShape
    words: dict[str, float]  # the question's words and their IDF
    pairs: frozenset[str]  # its character pairs, question word left out
    chars: frozenset[str] = frozenset()  # its characters, question word and function characters left out
    unit: str = ""  # the unit a number question asks in: 人 of "多少人的核酸"
    # How a clause about what is asked opens: 叶子, or 叶 or 子 alone ("叶为披针形", "体呈淡蓝红色").
    attribute_heads: tuple[str, ...] = ()
    # What a date or a 多久 number answering it holds: 年 of 哪一年 (question_type.answer_grain).
    grain: tuple[str, ...] = ()
    # What a figure that answers may stand beside (ADJACENT_BONUS): the thing counted after the
    # question word (群众 of 服务了多少群众) and, for a number, each word of the question as read
    # for a typo (房护服 → 防护服), as lists put the thing counted: "…,防护服207套,…".
    counted: tuple[str, ...] = ()
    asks_cause: bool = False  # why or whence (question_type.asks_cause)
    asks_where: bool = False  # where a thing is (question_type.asks_where)
    names: tuple[str, ...] = ()  # the places it names, as the search found them (pick_sentence)
    post: str = ""  # the post whose holder it asks for: 站长 of "第十二工作站的站长叫啥"
    asks_purpose: bool = False  # what a thing was done for: 为啥要… (_PURPOSE_ASKED)
    dates: tuple[str, ...] = ()  # the dates it names: 1992年, 1999年 of "1992年至1999年间…"
    people: bool = False  # a number of people asked by their noun, no unit: 多少群众 (counts_people)


def profile_question(question: str, words: dict[str, float]) -> QuestionProfile:
    shape = question_shape(question)
    grain = answer_grain(shape)
    if grain == DURATION_GRAIN and shape.after.startswith(_TIME):
        # 多长时间 asks a length: its 时间 is no word a sentence must say (开始时间是6时15分).
        words = {word: weight for word, weight in words.items() if word != _TIME}
        shape = replace(shape, word=shape.word + _TIME, after=shape.after[len(_TIME) :])
    if shape.word in WHERE_QUESTION_WORDS and shape.after.startswith(_DIRECTIONS):
        words = {word: weight for word, weight in words.items() if word != shape.after[0]}
    doing = shape.before[-1] if shape.word in _WHAT and shape.before.endswith(_DOING) else ""
    if doing:  # 都干啥: 干 is no word (nor character) of 干部
        words = {word: weight for word, weight in words.items() if word != doing}
    plain = PUNCTUATION.sub("", shape.before) + "|" + PUNCTUATION.sub("", shape.after)
    # The "|" stands where the question word was: no pair reaches across it.
    pairs = frozenset(plain[i : i + 2] for i in range(len(plain) - 1))
    unit = leading_unit(shape.after) if shape.kind is AnswerKind.NUMBER else ""
    # "多少村民" counts 村民, not villages: a unit the question's own words read as the start of a
    # longer word (村民, 人口) is the thing counted, not the unit asked in. (人数 asked for by its
    # noun is a count of 人, and 多大岁数 asks in 岁: a unit's own count noun keeps it.)
    if (
        unit
        and not shape.by_noun
        and not shape.after.startswith(unit + "数")
        and any(len(word) > len(unit) and shape.after.startswith(word) for word in words)
    ):
        unit = ""
    chars = frozenset(
        char for char in plain if char not in _FUNCTION_CHARS and char not in ("|", doing) and not char.isdigit()
    )
    attribute = asked_attribute(shape)
    heads = tuple(dict.fromkeys((attribute, attribute[:1], attribute[-1:]))) if attribute else ()
    noun = PUNCTUATION.sub("", shape.after)[len(unit) :][:2]
    counted = (noun,) if len(noun) == 2 else ()
    if shape.kind is AnswerKind.NUMBER:
        counted += tuple(word for word in words if len(word) >= 2)
    pairs = frozenset(p for p in pairs if "|" not in p)
    return QuestionProfile(
        question,
        shape,
        words,
        pairs,
        chars,
        unit,
        heads,
        grain,
        counted,
        asks_cause(question) or bool(_PURPOSE_ASKED.search(question)),
        asks_where(shape, question),
        post=post_asked(PUNCTUATION.sub("", shape.before)) if shape.kind is AnswerKind.PERSON else "",
        asks_purpose=bool(_PURPOSE_ASKED.search(question)),
        dates=tuple(dict.fromkeys(span.text for span in date_spans(question))),
        people=shape.kind is AnswerKind.NUMBER and not unit and counts_people(shape.after),
    )
