"""A question offering a choice ("生的是男孩还是女孩", "种的是小麦还是玉米") is answered only by
a passage naming one of the options.

The page tells of 明港's expectant mother (孕妇预产期临近…顺利就医待产) and not of the birth; the
question's other words found that passage, and it was the answer. Four blind negatives asked such
a choice of something the reports leave out. Only a choice that ends the question is read as one:
还是 also means "still" (现在还是封着吗), where what follows is no option. A reader may offer it
without 还是, as two nouns side by side that differ in their first character only ("生了没,男孩
女孩": two blind rounds asked it so).
"""

from __future__ import annotations

import re

from retrieval.search.query import plain_question

_CHOICE = "还是"
_OPTION = re.compile(r"[\u4e00-\u9fff]+")
_TRAILING = "？?！!。，, 呢啊呀吧"


# Two words of two characters ending the question, the same but for their first (男孩女孩).
_SIDE_BY_SIDE = re.compile(r"([\u4e00-\u9fff])([\u4e00-\u9fff])(?!\1)[\u4e00-\u9fff]\2$")


def may_offer_choice(question: str) -> bool:
    """Whether `question` says 还是 at all, or ends in two words side by side: only then is it
    worth tagging for its options."""
    return _CHOICE in question or bool(_SIDE_BY_SIDE.search(plain_question(question).rstrip(_TRAILING)))


def options_offered(question: str, tagged: list[tuple[str, str]]) -> tuple[str, ...]:
    """The two options of a choice that ends `question` (男孩, 女孩), from jieba's words of it
    (`tagged`); () when it offers none."""
    words = [word for word, _ in tagged if word.strip()]
    ending = plain_question(question).rstrip(_TRAILING)
    if _CHOICE not in words:
        return _side_by_side(ending, tagged)
    at = len(words) - 1 - words[::-1].index(_CHOICE)
    before, after = words[at - 1 : at], words[at + 1 : at + 2]
    if not before or not after or not ending.endswith(after[0]):
        return ()
    options = (before[0], after[0])
    return options if all(_OPTION.fullmatch(option) for option in options) else ()


def names_an_option(options: tuple[str, ...], texts: list[str]) -> bool:
    """Whether one of `texts` names one of the `options`."""
    return any(option in text for text in texts for option in options)


def _side_by_side(ending: str, tagged: list[tuple[str, str]]) -> tuple[str, ...]:
    """The options of "…男孩女孩": two nouns jieba cut apart that end the question and differ in
    their first character only; not verbs (几点上班下班 asks two times, offering no choice)."""
    found = _SIDE_BY_SIDE.search(ending)
    if not found:
        return ()
    options = (found.group()[:2], found.group()[2:])
    nouns = {word for word, flag in tagged if flag.startswith("n")}
    return options if all(option in nouns for option in options) else ()
