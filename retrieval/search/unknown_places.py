"""A place the question names that no report mentions: the corpus cannot answer it.

"惠济区 核酸 累计 人次" asks of a district no page covers, and its other words all stand in
"登封市已累计检测178万余人次": the fused score passed, and 登封's figure was the answer. A name
weighs as any word no report has, which a question of four other matching words outweighs.

A place is a question word no report has, before an administrative suffix (jieba cuts 惠济 + 区)
or with one (新密市, as jieba's dictionary knows it). The question's words are taken after
respelling and aliases (respell.py, aliases.py), so a typo or a short name of a place the
reports cover (荥阳 for the scan's 荣阳, 港区) is no unknown place; nor is a name whose head
the reports use (中牟县 where they say 中牟). A city named bare (西安) is a place when jieba's
dictionary knows it as a well-known one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrieval.text.tokenize import NAME_FLAGS, Tokenizer

PLACE_FLAG = "ns"  # jieba's tag of a place name
# jieba's dictionary count from which a bare place name is a city a reader names (西安 2576, 洛阳
# 2331); rarer ones are as often words of their own (上街, a district, and "to go out": 235).
WELL_KNOWN_PLACE_COUNT = 1000
_THERE = ("那边", "这边")  # after a name, say it is a place: 新郑那边
# Places a reader asks of by their administrative names; 医院 or 小区 of an unseen word is
# more often something the reports tell of without naming it (某小区, withheld_names.py).
PLACE_SUFFIXES = ("办事处", "街道", "社区", "村", "镇", "乡", "县", "市", "区")
# Common nouns ending as a place does: 台湾地区 is a region, not a district named 台湾地.
REGION_NOUNS = ("地区", "城区", "市区", "郊区", "景区", "园区", "小区", "校区", "院区", "辖区")


def unknown_place(
    text: str, words: Iterable[str], idf: Callable[[str], float], tokenizer: Tokenizer
) -> str | None:
    """The first place `text` names by one of its `words` that neither the corpus nor its head
    is in (`idf` 0: no passage has it), or None. A head jieba's dictionary (the `tokenizer`'s)
    knows as no name (那会儿 of "那会儿社区不让出") names no place."""
    dictionary_tag, dictionary_count = tokenizer.dictionary_tag, tokenizer.dictionary_count
    for word in words:
        if idf(word) or len(word) < 2:
            continue
        names = _names_of(word, text)
        for name in names:
            if name.endswith(REGION_NOUNS):
                continue
            head = name.removesuffix(next(s for s in PLACE_SUFFIXES if name.endswith(s)))
            tag = dictionary_tag(head)
            # 惠济 is nr; 二七 a numeral, but 二七区 a place by jieba's dictionary.
            known = dictionary_tag(name) == PLACE_FLAG
            if len(head) < 2 or (tag is not None and not tag.startswith(NAME_FLAGS) and not known):
                continue
            if not idf(name) and not idf(head):
                return name
        # A place jieba's dictionary knows by its bare name (西安, 上海); one with a suffix
        # (河南省, 中牟县) is checked by its head above, or may be a form of a corpus name.
        # Or a rarer one the question says is a place: 新郑那边 (新郑 98).
        if (
            not names
            and not word.endswith("省")
            and dictionary_tag(word) == PLACE_FLAG
            and (dictionary_count(word) >= WELL_KNOWN_PLACE_COUNT or any(word + said in text for said in _THERE))
        ):
            return word
    return None


def _names_of(word: str, text: str) -> list[str]:
    """`word` as a place name: itself when it ends in a place suffix, else with the suffix that
    follows it in `text` (惠济 of "惠济区 核酸")."""
    if word.endswith(PLACE_SUFFIXES):
        return [word]
    names: list[str] = []
    start = text.find(word)
    while start >= 0:
        after = text[start + len(word) :]
        names.extend(word + suffix for suffix in PLACE_SUFFIXES if after.startswith(suffix))
        start = text.find(word, start + 1)
    return names
