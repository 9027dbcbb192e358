"""A thing counted by a name of several words is counted beside that whole name.

"王宏伟送了几个体温探测器": the page says 为他们送上体温探测器等防疫设备 and counts none; other
sentences of it hold 体温 (测量体温) beside other figures (两个紧急通行路口), and the figure check
took one of them for a count of 体温探测器. Three blind rounds asked it. Where a passage names
the thing whole, only a sentence naming it whole may give its count; where none does (核酸检测点
asked, 6个检测点 said), the words are looked for apart as before (asked.shows_asked).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence


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
