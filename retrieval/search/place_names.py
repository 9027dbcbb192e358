"""Which of a question's words are places: the names a count, a day or a road is asked of.

A number question's figure must be its place's own (asked.shows_asked reads only the passages
naming it): 登封市的人口 is not a village's 流动人口, nor is 明湖's 56149户 席庄村's.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrieval.text.tokenize import has_name_suffix, is_dictionary_name

# jieba's dictionary count under which a noun ending as a place does is a place's name: it tags
# some districts n (金水区, count 3), where the nouns are common words (开发区 3667, 居住区 159).
RARE_NAME_COUNT = 10
_VILLAGE_ENDINGS = ("村", "镇", "乡")  # unlisted_places


def is_place_name(
    word: str,
    corpus_names: frozenset[str],
    dictionary_tag: Callable[[str], str | None],
    dictionary_count: Callable[[str], int],
) -> bool:
    """A name of the corpus, or a word jieba's dictionary knows as a name that ends as the
    corpus's names do (中牟县), or as a rare noun (金水区); not a common noun with such an ending
    (地区, 社区)."""
    if word in corpus_names or is_dictionary_name(word, dictionary_tag):
        return True
    return (
        has_name_suffix(word)
        and dictionary_tag(word) == "n"
        and dictionary_count(word) < RARE_NAME_COUNT
    )


def unlisted_places(
    words: Iterable[str], names: Iterable[str], dictionary_tag: Callable[[str], str | None]
) -> list[str]:
    """Those of the question's `words` (the reports' words) ending as a village's or a town's name
    that jieba's dictionary does not know (席庄村, 翟庄村), not among the `names` found already:
    places the reports name though no list of names holds them. Not 经开区, an office's short name
    (aliases.py), whose page may never say it."""
    return [
        word
        for word in words
        if word not in names and len(word) > 2 and word.endswith(_VILLAGE_ENDINGS) and dictionary_tag(word) is None
    ]
