"""A sentence about another subject of the same kind: 南阳市援郑医疗队 where 山东援郑医疗队 is asked.

"山东援郑医疗队是哪几个队组成的" marked "南阳市援郑医疗队是由南阳市高新区5个医院…组成的", which
holds every other word asked, and answered with 南阳's hospitals. The question's subject is its
first word before the next (山东 + 援郑); a sentence that puts a place (…市, …办事处) before that
next word, and never the subject, tells of a rival.
"""

from __future__ import annotations

from collections.abc import Iterable

from retrieval.search.unknown_places import PLACE_SUFFIXES

# Longest first, as PLACE_SUFFIXES: 该社区 ends in 社区 after the pointer 该, not in 区 after 社.
PLACE_ENDINGS = (*PLACE_SUFFIXES, "省")
# 全市核酸检测 of 荣阳's page is the subject's own city: a pointer, not a name, before the ending;
# so is 辖区 (为辖区老年人制作…, of 中牟's page), the area under the subject.
_POINTERS = frozenset("全本该各我此每其辖")
_WINDOW = 6  # characters before the next word where the subject or a rival stands


def subject_pair(words: Iterable[str], question: str) -> tuple[str, str] | None:
    """(subject, what follows it) when the question's first two words stand together in it."""
    first_two = list(words)[:2]
    if len(first_two) < 2 or "".join(first_two) not in question:
        return None
    return first_two[0], first_two[1]


def tells_of_a_rival(pair: tuple[str, str], sentence: str) -> bool:
    """Whether `sentence` puts another place before the word after the subject, and never the
    subject itself (山东省援郑医疗队、南阳市援郑医疗队 names both: no rival)."""
    subject, following = pair
    rival = False
    at = sentence.find(following)
    while at >= 0:
        before = sentence[max(0, at - _WINDOW) : at]
        if subject in before:
            return False
        ending = next((end for end in PLACE_ENDINGS if before.endswith(end)), "")
        named = before[: len(before) - len(ending)]
        rival = rival or bool(ending) and len(named) >= 1 and named[-1] not in _POINTERS
        at = sentence.find(following, at + 1)
    return rival
