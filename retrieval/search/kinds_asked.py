"""The kind a which-one question asks for (哪个公交公司, 哪个国家的赛车手), which the passages must
mention for the question to be answered (asked.shows_asked)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

_VERBAL_NOUN = "vn"


def kind_head(
    kinds: list[str], after: str, dictionary_tag: Callable[[str], str | None]
) -> tuple[list[str], list[str]]:
    """Of the words naming the kind asked (公交 + 公司 of "哪个公交公司出的"), its head and the
    words before it, when the kind is a compound right after the question word: a passage of
    13辆公交车 names no 公司, and one of another page's 物业公司 no 公交 (`of_the_kind`). A kind
    of one word keeps the words after it too (哪个国家的赛车手: a passage says 葡萄牙赛车手)."""
    run: list[str] = []
    at = 0
    for word in sorted(kinds, key=after.find):
        found = after.find(word)
        # 值守 of 路口值守 is none; a verbal noun is (检测 of 检测公司: a passage of 检测企业 names no 公司)
        tag = dictionary_tag(word) or "n"
        if found != at or not (tag.startswith("n") or tag == _VERBAL_NOUN):
            break
        run.append(word)
        at = found + len(word)
    if len(run) < 2:
        return kinds, []
    # Only a compound the dictionary knows as one word has words its head must be said with:
    # 医院待产 of "在哪家医院待产的" is two (the 医院 the page names is 郑大一附院).
    return run[-1:], run[:-1] if dictionary_tag("".join(run)) else []


def of_the_kind(modifiers: list[str], texts: Iterable[str]) -> list[str]:
    """Those of `texts` (passages) that say the words a compound kind's head is said with."""
    return [text for text in texts if all(word in text.lower() for word in modifiers)]
