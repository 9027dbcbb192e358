"""How people shorten what a report writes out, by no rule a split or a sound finds.

支书 for 支部书记 (村支书, 老支书 are words of jieba's dictionary too); 一把手, the one in charge, for
主任 or 书记 (post_holders.py checks either). Read by the respeller (respell.py) and by the check
that a post's holder is named (post_holders.py). And the spoken form of a noun, its character with
子 or 儿 after it (院子 for the reports' 楼院, 口子 for 路口: `spoken_stem`, `as_written`).
"""

from collections.abc import Callable, Iterable

SHORTHANDS = {
    "支书": ("支部书记",),
    "老支书": ("支部书记",),
    "村支书": ("村党支部书记", "支部书记"),
    "一把手": ("主任", "书记"),
}

_SPOKEN_SUFFIXES = "子儿"


def spoken_stem(word: str) -> str:
    """The noun a spoken word of two characters says with 子 or 儿 after it (院 of 院子); "" for
    a word not made so."""
    return word[0] if len(word) == 2 and word[1] in _SPOKEN_SUFFIXES and word[0] not in _SPOKEN_SUFFIXES else ""


def as_written(words: Iterable[str], seen: Callable[[str], bool]) -> list[str]:
    """`words`, each spoken form no report uses (院子, 口子) as the noun it says (院, 口)."""
    return [stem if not seen(word) and (stem := spoken_stem(word)) else word for word in words]
