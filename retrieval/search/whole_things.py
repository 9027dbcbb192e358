"""A thing counted by a name of several words is counted beside that whole name.

"王宏伟送了几个体温探测器": the page says 为他们送上体温探测器等防疫设备 and counts none; other
sentences of it hold 体温 (测量体温) beside other figures (两个紧急通行路口), and the figure check
took one of them for a count of 体温探测器. Three blind rounds asked it. Where a passage names
the thing whole, only a sentence naming it whole may give its count; where none does (核酸检测点
asked, 6个检测点 said), the words are looked for apart as before (asked.shows_asked).

A thing the question names by a word no report uses, its head a word they do use, is that head
as qualified (常住人口): a count of the head qualified otherwise (流动人口) is no count of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from retrieval.search.figures import CLAUSE_BREAK
from retrieval.search.question_type import question_shape


def whole_thing(counted: Sequence[str], question: str, texts: Iterable[str]) -> str:
    """The thing `question` counts as one name of several words (体温探测器 of 体温 + 探测器), when
    a passage of `texts` names it whole; "" otherwise."""
    whole = "".join(counted)
    if len(counted) < 2 or whole not in question.lower():
        return ""
    return whole if any(whole in text.lower() for text in texts) else ""


def counted_apart(counted: Sequence[str], question: str, texts: list[str], gives: Callable[[list[str]], bool]) -> bool:
    """Whether a count of a thing the passages name whole stands nowhere beside its whole name;
    `gives(words)`: whether a sentence gives a figure beside one of `words` (figures.gives_figure)."""
    whole = whole_thing(counted, question, texts)
    return bool(whole) and not gives([whole])


# The shortest qualifier and head of a counted word no report uses (常住 + 人口).
_MIN_PART = 2
_ASKING = re.compile("[多几啥哪谁咋]|什么|怎么")  # a question word jieba glued to a noun: 多长时间/n
_LATIN = "eng"  # jieba's tag of a Latin word, a model's name before a noun: N95 of N95口罩


def qualifier_unsaid(
    question: str, tag: Callable[[str], list[tuple[str, str]]], seen: Callable[[str], bool], texts: Iterable[str]
) -> bool:
    """Whether the clause asking the count names its thing by a noun no report uses, a qualifier
    no passage says before a head the reports do say: 常住人口 of "八千办事处常住人口有多少", whose
    passages count 流动人口 (7000余人) and never say 常住. Three blind rounds asked it, and were
    given the count of 流动人口. So is a Latin model name before the noun: N95 of N95口罩. Another
    clause is another question (蒋冲村有多少村民 外来人口多吗)."""
    shape = question_shape(question)
    clause = CLAUSE_BREAK.split(shape.before)[-1] + shape.word + CLAUSE_BREAK.split(shape.after)[0]
    passages = [text.lower() for text in texts]
    tagged = tag(clause)
    for (before, before_flag), (word, flag) in zip([("", ""), *tagged], tagged, strict=False):
        if flag.startswith("n") and before_flag == _LATIN and not any(before.lower() in text for text in passages):
            return True  # N95口罩: no passage says N95
        if not flag.startswith("n") or len(word) < 2 * _MIN_PART or seen(word) or _ASKING.search(word):
            continue
        for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
            qualifier, head = word[:cut], word[cut:]
            if seen(head) and not any(qualifier in passage for passage in passages):
                return True
    return False
