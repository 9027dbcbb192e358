"""Which ones asked (哪几个公寓, 哪些村), and the sentence that lists them (answers.LIST_BONUS)."""

from __future__ import annotations

import re

from retrieval.search.question_profile import PUNCTUATION
from retrieval.search.question_type import QuestionShape

_WHICH_ONES = ("哪几", "哪些")
_PARTICLES = "呢啊呀吧的了"
_CLASSIFIERS = "个家所座条支处名位种类项"
_COUNTS = "两二三四五六七八九十"
_COUNTED = re.compile(f"^[{_COUNTS}]+[{_CLASSIFIERS}]")  # which ones counted: 哪两个公寓, 哪三个村


def lists_asked(shape: QuestionShape) -> bool:
    """Whether the question asks which ones (哪几个公寓, 哪些村, 哪两个公寓)."""
    return shape.word.startswith(_WHICH_ONES) or shape.word == "哪" and _COUNTED.match(shape.after) is not None


def lists_the_kind(shape: QuestionShape, sentence: str) -> bool:
    """Whether `sentence` lists things of the kind a 哪几 / 哪些 question asks for: "鑫荣公寓、港城
    公寓" for 哪几个公寓, "席庄、后魏、谢庄3个行政村" for 哪几个村 (the kind after an enumeration)."""
    if not lists_asked(shape):
        return False
    rest = PUNCTUATION.sub("", shape.after).rstrip(_PARTICLES).lstrip(_COUNTS).lstrip(_CLASSIFIERS)
    kind = rest[-2:]
    if not kind:
        return False
    # A kind of two characters ending the question may be said by its first (哪几支队伍, 哪些防疫
    # 队伍: 值班队、逐户排查队); not the last two characters of a clause (哪些人会被安排居家隔离).
    kinds = (kind, kind[:1]) if len(rest) <= 4 else (kind,)
    # Or the kind opens a clause going on after it: 卡口 of "都去了哪几个卡口慰问".
    kinds = (*kinds, rest[:2])
    kind = "(?:" + "|".join(map(re.escape, dict.fromkeys(kinds))) + ")"
    # Counted after a list, a kind of one character will do: 村 of "去了哪几个村指导防控".
    counted_kind = "(?:" + "|".join(map(re.escape, dict.fromkeys((*kinds, rest[:1])))) + ")"
    # The kind on both sides of a 、 (鑫荣公寓、港城公寓), or counted after the list (…、谢庄3个行政村).
    repeated = rf"{kind}、[^，,。；;：:]{{1,10}}{kind}"
    counted = rf"、[^，,。；;：:、]{{1,10}}[0-9一二两三四五六七八九十]+[{_CLASSIFIERS}]\w{{0,3}}{counted_kind}"
    return re.search(f"{repeated}|{counted}", sentence) is not None
