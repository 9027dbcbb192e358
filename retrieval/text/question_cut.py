"""A question's text as its words are to be cut: what jieba would cut wrong in a reader's wording.

Questions only (Tokenizer.tokens_and_words): a build cuts the reports as they always were, so an
index stays valid whatever changes here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# How long, asked in more words than 多久: jieba cuts 多长时间 into 多长 + 时间, and 时间 weighed as
# a word asked brought 开始时间是6时15分 forward for "中牟多长时间就切到战时状态了".
_HOW_LONG = re.compile("多长时间|多少时间|多长的时间")
# What a reader points with (那额温枪, 这批物资).
_DEMONSTRATIVES = ("那", "这")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def as_questions_are_cut(text: str, cut: Callable[[str], list[str]], known: Callable[[str], int]) -> str:
    """`text` with 多长时间 read as the one question word 多久 is, and its demonstratives set
    apart (`demonstratives_apart`). `cut`: jieba's precise cut; `known`: its dictionary's count."""
    return demonstratives_apart(_HOW_LONG.sub("多久", text), cut, known)


def demonstratives_apart(text: str, cut: Callable[[str], list[str]], known: Callable[[str], int]) -> str:
    """`text` with a leading 那 / 这 that jieba glued to a word its dictionary does not know set
    apart: its HMM cuts "那额温枪发了几个" into 那额 + 温枪发, two words no report has, where the
    reader goes on (那) to ask of 额温枪. Only opening a run of Han characters: inside one it is
    part of what is said (疫情那阵, that time)."""
    if not any(word in text for word in _DEMONSTRATIVES):
        return text  # no second cut of most questions
    pieces = cut(text)
    glued = [
        len(piece) > 1
        and piece[0] in _DEMONSTRATIVES
        and not known(piece)
        and (i == 0 or not _HAN.fullmatch(pieces[i - 1][-1]))
        for i, piece in enumerate(pieces)
    ]
    if not any(glued):
        return text
    return "".join(
        f"{piece[0]} {piece[1:]}" if apart else piece for piece, apart in zip(pieces, glued, strict=True)
    )
