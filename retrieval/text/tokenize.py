"""jieba tokenization for the lexical side, with numbers and place/office names kept whole.

The same `Tokenizer` (same user words) must cut the chunks and the questions, so the
user words learned from a corpus are saved with its index and loaded back with it.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from functools import cache, cached_property
from typing import TypeVar

import jieba
import jieba.posseg

from retrieval.text.question_cut import as_questions_are_cut

# Numbers, dates and quantities are what people ask about ("多少口罩"), so a figure like
# 178260, 3.7万, 4月21日 or 80% must be one token, not whatever jieba makes of its digits.
NUMBER_PATTERN = re.compile(
    r"\d{4}年\d{1,2}月\d{1,2}日|\d{1,2}月\d{1,2}日|\d{4}年|\d+(?:[.．]\d+)?(?:万|亿|%|％)?"
)

# A name is a short head before one of these ("八千" + "办事处"); jieba cuts the head off,
# and a question naming 八千办事处 must match the whole name more strongly than 办事处 alone.
NAME_SUFFIXES = (
    "办事处", "实验区", "开发区", "经开区", "街道", "社区", "村", "镇", "乡", "县", "市", "区",
    "工作站", "党支部", "党工委", "管理办", "卫生院", "医院", "小区", "新城",
)  # fmt: skip

# Function words and question words carry no evidence; keeping them only adds noise to BM25.
STOPWORDS = frozenset(
    """的 了 是 在 和 与 及 或 也 都 而 就 把 被 对 从 向 为 以 于 之 其 这 那 有 个 等 中 上 下 里
    吗 呢 吧 啊 么 什么 多少 哪些 哪个 哪里 哪 谁 几 怎么 怎样 如何 为什么 是否 是不是 一共 共
    请问 请 给 我 你 他 她 它 们 我们 你们 他们 叫 啥 几个 哪天 哪年 哪位 何时 多久 多长 多大 怎么样
    什么样 是谁 哪一 哪一天 哪一年""".split()
)
# Single characters listed with 、 (老、弱、病、残、孕): a word a reader types whole (_tokens_and_pieces).
_LISTED_CHARACTERS = re.compile(r"(?:[\u4e00-\u9fff]、){2,}[\u4e00-\u9fff]")
# Question words jieba's dictionary hardly knows (哪天 3 times, 哪年 never): its HMM then cuts
# "哪天发的" into 哪 + 天发, and 天发 weighed as a word no report has.
QUESTION_WORDS = ("哪天", "哪一天", "哪年", "哪一年")

# jieba's tags for people, places, organisations and other proper names.
NAME_FLAGS = ("nr", "ns", "nt", "nz")


_WORD_CHAR = re.compile(r"\w")
# Runs of text a build remembers the cut (or the names) of: most repeats stand close together.
RECENT_CUTS = 5000
T = TypeVar("T")

# jieba logs its dictionary loading at INFO on every process start: not the user's business.
jieba.setLogLevel(logging.WARNING)


class Tokenizer:
    """jieba (search mode) plus whole numbers and corpus names; one instance per index."""

    def __init__(self, user_words: Iterable[str] = ()):
        self.user_words = tuple(sorted(set(user_words)))

    @cached_property
    def _jieba(self) -> jieba.Tokenizer:
        # A private jieba instance: the global one would leak one index's names into another's.
        instance = _plain_jieba()
        dictionary_total = instance.total
        for word in (*self.user_words, *QUESTION_WORDS):
            instance.add_word(word, freq=20000)
        # add_word also raises the dictionary's total count, which shifts every word's log
        # probability and so could cut any text anew. With the total kept, a name changes only
        # how texts containing it are cut, and an incremental build re-tokenizes just those.
        instance.total = dictionary_total
        return instance

    @cached_property
    def _tagger(self) -> jieba.posseg.POSTokenizer:
        return _TaggerOnLoadedTags(self._jieba)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) in jieba's precise cut with this index's names: a question's
        names and its subject are told from these, and a direct answer's names (nr, ns, nt)."""
        return [(pair.word, pair.flag) for pair in self._tagger.cut(text)] if text else []

    def dictionary_tag(self, word: str) -> str | None:
        """The part of speech jieba's dictionary gives `word`; None for a word it does not know."""
        return self._tagger.word_tag_tab.get(word)

    def dictionary_count(self, word: str) -> int:
        """How often jieba's dictionary saw `word`: 0 for a word it does not know."""
        return int(self._jieba.FREQ.get(word) or 0)

    def dictionary_parts(self, word: str) -> list[str]:
        """The dictionary's 2- and 3-character words inside a longer `word` (纬度 of 经纬度), as
        jieba's search mode finds them."""
        known = self._jieba.FREQ
        parts: list[str] = []
        if len(word) > 2:
            parts.extend(gram for i in range(len(word) - 1) if known.get(gram := word[i : i + 2]))
        if len(word) > 3:
            parts.extend(gram for i in range(len(word) - 2) if known.get(gram := word[i : i + 3]))
        return parts

    def tokenize(self, text: str) -> list[str]:
        """Tokens for BM25: lower-cased, no punctuation or stopwords, numbers whole."""
        return self._tokens_and_pieces(text)[0]

    def tokenize_all(self, texts: Iterable[str]) -> list[list[str]]:
        """`tokenize` of each text, for a build. Consecutive passages repeat text: each carries its
        article's headline, and two neighbours share a sentence. jieba cuts each run of Han
        characters on its own, so a run met among the last few thousand is not cut again."""
        recent_cuts: dict[str, list[str]] = {}
        return [self._tokens_and_pieces(text, recent_cuts)[0] for text in texts]

    def tokens_and_words(self, text: str) -> tuple[list[str], list[str]]:
        """`tokenize(text)`, and the question's words, each once, in jieba's precise mode: what a
        reader would underline, used to ask whether a passage mentions them, not for BM25. One
        jieba pass gives both: a question needs both, and jieba is most of what either costs."""
        text = as_questions_are_cut(text, lambda run: list(self._jieba.cut(run)), self.dictionary_count)
        tokens, pieces = self._tokens_and_pieces(text)
        kept = (p.lower() for p in pieces if p.strip() and _WORD_CHAR.search(p))
        return tokens, [word for word in dict.fromkeys(kept) if word not in STOPWORDS]

    def _tokens_and_pieces(
        self, text: str, recent_cuts: dict[str, list[str]] | None = None
    ) -> tuple[list[str], list[str]]:
        """The BM25 tokens and jieba's precise cut (numbers whole); a build needs only the first."""
        tokens: list[str] = []
        pieces: list[str] = []
        for cut, number in self._segments(text, recent_cuts):
            tokens.extend(self._search_words(cut))
            pieces.extend(cut)
            if number is not None:
                tokens.append(_plain_number(number))
                pieces.append(number)
        # "老、弱、病、残、孕" lists what a reader writes "老弱病残孕": its pairs are tokens too.
        for listed in _LISTED_CHARACTERS.finditer(text):
            joined = listed.group().replace("、", "")
            tokens.extend(joined[i : i + 2] for i in range(len(joined) - 1))
        return tokens, pieces

    def _segments(
        self, text: str, recent_cuts: dict[str, list[str]] | None
    ) -> Iterator[tuple[list[str], str | None]]:
        """jieba's precise cut of each stretch of text between numbers, and the number after it."""
        position = 0
        for match in NUMBER_PATTERN.finditer(text):
            yield self._cut(text[position : match.start()], recent_cuts), match.group()
            position = match.end()
        yield self._cut(text[position:], recent_cuts), None

    def _cut(self, text: str, recent_cuts: dict[str, list[str]] | None = None) -> list[str]:
        if not text:
            return []
        if recent_cuts is None:
            return list(self._jieba.cut(text))
        # jieba.cut splits text with this same pattern and cuts each run alone: run by run, the
        # words are the same as of the whole.
        words: list[str] = []
        for run in jieba.re_han_default.split(text):
            if not run:
                continue
            words.extend(_recalled(recent_cuts, run, lambda run=run: list(self._jieba.cut(run))))
        return words

    def _search_words(self, cut: list[str]) -> list[str]:
        """jieba's search mode (its `cut_for_search`, done here on a cut already made: the
        dictionary's 2- and 3-character words inside each long word, then the word), filtered."""
        found: list[str] = []
        for word in cut:
            found.extend(self.dictionary_parts(word))
            found.append(word)
        words = [w.lower() for w in found if w.strip() and _WORD_CHAR.search(w) and w not in STOPWORDS]
        # jieba cuts an unknown name differently in a question than inside a longer word
        # ("蒋冲村" alone, "蒋冲村党支部" in the report); the bigrams of long words still meet.
        seen = set(words)
        for word in list(words):
            if len(word) >= 3 and _is_cjk(word):
                for start in range(len(word) - 1):
                    bigram = word[start : start + 2]
                    if bigram not in seen and bigram not in STOPWORDS:
                        seen.add(bigram)
                        words.append(bigram)
        return words


def has_name_suffix(word: str) -> bool:
    """A head before a name suffix, as the corpus's names are made (港区, 经开区, 荣阳市); the
    suffix alone (医院, 社区) is a common noun and may well be what is asked."""
    # One endswith of the whole tuple first: most words end in no suffix, and this runs for
    # every query word several times a search.
    return word.endswith(NAME_SUFFIXES) and any(
        word.endswith(suffix) and len(word) > len(suffix) for suffix in NAME_SUFFIXES
    )


def is_dictionary_name(word: str, dictionary_tag: Callable[[str], str | None]) -> bool:
    """A word jieba's dictionary knows as a name that ends as the corpus's names do (中牟县); not
    a common noun with such an ending (地区, 社区). jieba cuts these whole, so `learn_names`,
    which finds a head cut off its suffix, never sees them."""
    tag = dictionary_tag(word)
    return has_name_suffix(word) and tag is not None and tag.startswith(NAME_FLAGS)


def _recalled(memory: dict[str, T], run: str, work: Callable[[], T]) -> T:
    """`memory[run]`, made by `work()` the first time; past RECENT_CUTS runs the memory starts
    over, so a build's memory stays flat however large the archive."""
    found = memory.get(run)
    if found is None:
        if len(memory) >= RECENT_CUTS:
            memory.clear()
        found = memory[run] = work()
    return found


def _plain_number(number: str) -> str:
    return number.replace("．", ".").replace("％", "%")


def _is_cjk(text: str) -> bool:
    return all("\u4e00" <= ch <= "\u9fff" for ch in text)


# Heads that are names: nouns, place and person names, numerals ("八千"), abbreviations.
_NAME_HEAD_FLAGS = ("n", "m", "j")
_ANY_SUFFIX = re.compile("|".join(map(re.escape, NAME_SUFFIXES)))


@cache
def _dictionary() -> tuple[dict[str, int], int]:
    """jieba's dictionary (its words and their prefixes, counted) and its total count, loaded once a
    process: each jieba.Tokenizer would load it again (0.6 s on 2 cores, holding the GIL, so the
    encoder a build runs beside it waited too)."""
    loaded = jieba.Tokenizer()
    loaded.initialize()
    return loaded.FREQ, loaded.total


def _plain_jieba() -> jieba.Tokenizer:
    """A jieba.Tokenizer of the dictionary alone, its own copy to add words to."""
    counts, total = _dictionary()
    instance = jieba.Tokenizer()
    instance.FREQ, instance.total, instance.initialized = dict(counts), total, True
    return instance


class _TaggerOnLoadedTags(jieba.posseg.POSTokenizer):
    """jieba's tagger on a tokenizer of ours, with a copy of the parts of speech jieba.posseg read
    on import: a POSTokenizer reads them again from the dictionary file (0.5 s on 2 cores)."""

    def load_word_tag(self, f) -> None:
        f.close()
        self.word_tag_tab = dict(jieba.posseg.dt.word_tag_tab)


def learn_names(texts: Iterable[str], min_count: int = 1) -> list[str]:
    """Office and place names of a corpus: a 1-3 character noun jieba cut off a name suffix."""
    tagger = _TaggerOnLoadedTags(_plain_jieba())
    counts: Counter[str] = Counter()
    # A run met again (a headline, a daily bulletin's fixed wording) is not tagged again.
    names_in_run: dict[str, tuple[str, ...]] = {}
    for text in texts:
        # jieba tags each run of Han characters, letters and digits on its own, and a name and
        # its suffix sit in one run: runs without a suffix are skipped untagged. The names
        # found are the same; the tagging, most of a build's time after the model, is not.
        for run in jieba.posseg.re_han_internal.findall(text):
            if not _ANY_SUFFIX.search(run):
                continue
            counts.update(_recalled(names_in_run, run, lambda run=run: _names_in(tagger.cut(run))))
    return sorted(name for name, count in counts.items() if count >= min_count)


def _names_in(tagged: Iterable[jieba.posseg.pair]) -> tuple[str, ...]:
    """Each name of a tagged run: a 1-3 character noun head right before a name suffix."""
    pairs = [(pair.word, pair.flag) for pair in tagged]
    return tuple(
        head + suffix
        for (head, flag), (suffix, _) in zip(pairs, pairs[1:], strict=False)
        if suffix in NAME_SUFFIXES
        and 1 <= len(head) <= 3
        and flag.startswith(_NAME_HEAD_FLAGS)
        and _is_cjk(head)
        and head not in STOPWORDS
    )
