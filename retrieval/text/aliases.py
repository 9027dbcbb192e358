"""Short names learned from a corpus's own names: 明湖 for 明湖办事处, 港区 for 航空港区 and
航空港实验区, 经开 for 经开区.

People name a place by its head alone, or by an abbreviation the reports use too. Every
candidate comes from a name of the corpus: one `learn_names` found, a word of the reports that
jieba's dictionary knows as a name with a name suffix (中牟县, which jieba cuts whole, so
`learn_names` never sees it), or a name suffix that is itself a short name + suffix, such as
经开区; never from a list of places. Three kinds:

- the name minus its suffix (明湖办事处 -> 明湖);
- another name of the corpus made of the name's characters in order, with its first and last
  (航空港区 for 航空港实验区): the reports' own abbreviation;
- the last character of the head with a one-character suffix (航空港区 -> 港区), the way 区, 县
  and 市 names are shortened.

A head is also an everyday word (阀门 of 阀门区, 城市 of 城市社区), so a short form is kept only
where the corpus uses it mostly inside its names: 明湖 stands in for 明湖办事处 because nearly
every 明湖 in the reports is part of it, while most 城市 are not a 城市社区. A short form used
only once, inside its name, is kept when jieba's dictionary itself knows it as a place (中牟 of
中牟县): the dictionary, not the corpus, says that people name the place so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from retrieval.text.tokenize import NAME_SUFFIXES, STOPWORDS, is_dictionary_name

MIN_SHARE = 0.6  # of a short form's uses in the corpus that must be inside the names it stands for
MIN_USES = 2  # one use inside one name is no evidence that people say it alone
PLACE_FLAG = "ns"  # jieba's tag for a place name: such a short form needs no second use
COMMON_WORD_COUNT = 1000  # jieba dictionary count from which a short form is an everyday word (一批, 实验)
_SHORT_SUFFIXES = ("区", "县", "市")  # names shortened to their head's last character + suffix


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _strip_suffix(name: str) -> tuple[str, str]:
    """(head, suffix) by the longest suffix the name ends with; the suffix is "" for none."""
    for suffix in sorted(NAME_SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], suffix
    return name, ""


def _is_subsequence(short: str, name: str) -> bool:
    rest = iter(name)
    return all(ch in rest for ch in short)


def _candidates(names: list[str]) -> dict[str, set[str]]:
    """Every short form each name could go by, before the corpus is asked whether it does."""
    found: dict[str, set[str]] = {}
    for name in names:
        head, suffix = _strip_suffix(name)
        if suffix and len(head) >= 2:
            found.setdefault(head, set()).add(name)
            # From a 3+ character head (航空港) the last character still says which place it is;
            # from a 2-character one (荣阳 -> 阳市) it rarely does.
            if suffix in _SHORT_SUFFIXES and len(head) >= 3:
                found.setdefault(head[-1] + suffix, set()).add(name)
        for other in names:
            if (
                len(other) < len(name)
                and other not in name
                and other[0] == name[0]
                and other[-1] == name[-1]
                and _is_subsequence(other, name)
            ):
                found.setdefault(other, set()).add(name)
    return found


def dictionary_names(
    words: Iterable[str], dictionary_tag: Callable[[str], str | None], dictionary_count: Callable[[str], int]
) -> set[str]:
    """The corpus's words (its BM25 tokens) that jieba's dictionary knows as names made as the
    corpus's names are (中牟县, 登封市): more names to learn short forms of. Not everyday words
    that happen to be tagged so and end so (城市, a place to jieba, is no 城 + 市), nor names of
    a one-character head (东区, 南市), which would pass for abbreviations of 东亚地区 and 南宁市."""
    return {
        word
        for word in words
        if is_dictionary_name(word, dictionary_tag)
        and len(_strip_suffix(word)[0]) >= 2
        and dictionary_count(word) < COMMON_WORD_COUNT
    }


def learn_aliases(
    names: Iterable[str],
    texts: Iterable[str],
    dictionary_count: Callable[[str], int],
    dictionary_tag: Callable[[str], str | None] = lambda word: None,
) -> dict[str, list[str]]:
    """Short form -> the full names it stands for, for the short forms the corpus (`texts`)
    uses mostly inside those names and jieba's dictionary (`dictionary_count`) does not know
    as an everyday word; `dictionary_tag`: its part of speech, for the places it knows."""
    corpus = "\n".join(texts)
    names = sorted(set(names) | {s for s in NAME_SUFFIXES if _strip_suffix(s)[1] and s in corpus})
    names = [name for name in names if _is_cjk(name)]
    aliases: dict[str, list[str]] = {}
    for short, fulls in _candidates(names).items():
        if not _is_cjk(short) or short in STOPWORDS or short in NAME_SUFFIXES:
            continue
        # A short form that is itself a name (航空港区) is the reports' abbreviation of the longer one.
        if short in names:
            aliases[short] = sorted(fulls)
            continue
        uses = corpus.count(short)
        few = uses < MIN_USES and dictionary_tag(short) != PLACE_FLAG
        if few or not uses or dictionary_count(short) >= COMMON_WORD_COUNT:
            continue
        inside = sum(corpus.count(full) for full in fulls if short in full)
        if inside / uses >= MIN_SHARE:
            aliases[short] = sorted(fulls)
    # 港区 stands for 航空港区, so also for the 航空港实验区 that 航空港区 abbreviates.
    for short, fulls in aliases.items():
        aliases[short] = sorted(set(fulls).union(*(aliases.get(full, ()) for full in fulls)) - {short})
    return {short: fulls for short, fulls in sorted(aliases.items()) if fulls}
