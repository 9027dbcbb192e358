"""Question words the corpus never uses, read again against the corpus's own words.

A word no passage has weighs the most in the not-found check, as it must for 冬奥会. But
many such words are only cut differently from the reports or mistyped:

- jieba glues a short name or a measure word to its neighbour: 明湖设 (明湖 + 设), 几辆 (几 + 辆),
  发了 (发 + 了), where each part is a corpus word or a function word;
- a pinyin keyboard offers the wrong characters for the right sound: 中要 for 中药, 首套 for
  手套, 专运 for 转运, 毛书雪 for 毛书学;
- the reports were scanned, and the scanner misread a character as one that looks alike: a
  reader types 荥阳市 where the page says 荣阳市 (look_alike.py).

So an unseen word is split into the fewest corpus words, a part being either a corpus word
as written or, failing that, a corpus word of the same pinyin or of one look-alike character
(either costs more than an exact part, and weighs `HOMOPHONE_WEIGHT` of it). The parts then
stand in for the word in BM25 and in the check. A word that cannot be split so (冬奥会, 天气)
keeps its full weight.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from itertools import islice, product

from pypinyin import Style, lazy_pinyin, pinyin

from retrieval.index.lexical import LexicalIndex
from retrieval.search.query import FILLER_WORDS
from retrieval.search.shorthands import SHORTHANDS
from retrieval.text.look_alike import looking_like
from retrieval.text.tokenize import NAME_SUFFIXES, STOPWORDS

HOMOPHONE_WEIGHT = 0.8  # of the corpus word's own IDF: a guess at a typo counts less than the word
_EXACT_COST, _GLUE_COST, _HOMOPHONE_COST = 1.0, 1.2, 1.5
COMMON_WORD_COUNT = 20  # jieba dictionary count from which a word is taken as meant
COMMONER = 4  # times commoner a corpus word must be to be meant by a common word of its sound
RARE_WORD_COUNT = 200  # and that common word rare still (收到, 1823, is no slip for 受到)
TOPIC_SHARE = 0.25  # of the passages: a word that common is what the reports are about (核酸)
MAX_READINGS = 8  # sounds a corpus word is filed under, for its polyphonic characters
MAX_PART = 4  # characters: corpus names and words are rarely longer, and the search stays small
_CJK_WORD = re.compile(r"^[\u4e00-\u9fff]{2,12}$")
FUNCTION_WORDS = STOPWORDS | FILLER_WORDS
_QUESTION_HEADS = frozenset("几 哪 多 啥 什么 哪个 哪些".split())


@dataclass(frozen=True)
class Part:
    word: str  # the corpus word standing in for this part of the question word
    homophone: bool  # True when the question had other characters of the same sound or look
    glue: bool = False  # a function word or a lone character: carries nothing of its own


class Respeller:
    """Splits unseen question words into corpus words (as written or sounding the same)."""

    def __init__(self, lexical: LexicalIndex, dictionary_count: Callable[[str], int]):
        self.lexical = lexical
        # A word jieba's dictionary knows well (天气, 收到, 公开信) was typed on purpose: it is
        # neither a typo nor a name glued to its neighbour, and stays the word it is.
        self._dictionary_count = dictionary_count

    def _common(self, word: str) -> bool:
        return self._dictionary_count(word) >= COMMON_WORD_COUNT

    @cached_property
    def _by_sound(self) -> dict[tuple[str, ...], list[tuple[str, int]]]:
        """Toneless pinyin -> the corpus words of that sound, with the passages each is in.
        Built on the first unseen question word, not at load: most questions never need it."""
        words: dict[tuple[str, ...], list[tuple[str, int]]] = {}
        for term in self.lexical.vocabulary:
            if 2 <= len(term) <= MAX_PART and _CJK_WORD.match(term):
                df = self.lexical.document_frequency(term)
                for sound in _readings(term):
                    words.setdefault(sound, []).append((term, df))
        return words

    @cached_property
    def _characters(self) -> frozenset[str]:
        return frozenset("".join(self.lexical.vocabulary))

    def _sounding_like(self, piece: str) -> str | None:
        """The corpus word a pinyin keyboard most likely meant by `piece`: of those that sound
        the same, the one sharing most characters with it (中要: 中药, not 重要), then the same
        tones, then the most common."""
        # A word jieba's dictionary knows well was typed on purpose, unless it is rare still and
        # the word it sounds like far commoner (公会 for 工会, 187 against 981): the rarer is the slip.
        count = self._dictionary_count(piece)
        common = self._common(piece)
        # Only a corpus word sharing a character: two wrong characters is another word, not a typo.
        candidates = [
            (word, df)
            for word, df in self._by_sound.get(tuple(lazy_pinyin(piece)), ())
            if any(a == b for a, b in zip(word, piece, strict=True))
        ]
        if not candidates:
            return None
        if common and count >= RARE_WORD_COUNT:
            # Unless the reports are about a word of its sound: 核算 (330) for 核酸, in 40% of passages.
            topical = [pair for pair in candidates if pair[1] >= TOPIC_SHARE * self.lexical.n_rows]
            return max(topical, key=lambda pair: pair[1])[0] if topical else None
        tones = lazy_pinyin(piece, style=Style.TONE3)

        def likeness(candidate: tuple[str, int]) -> tuple[int, bool, int]:
            word, df = candidate
            shared = sum(a == b for a, b in zip(word, piece, strict=True))
            return shared, lazy_pinyin(word, style=Style.TONE3) == tones, df

        meant = max(candidates, key=likeness)[0]
        return None if common and self._dictionary_count(meant) < COMMONER * count else meant

    def _scanned_as(self, piece: str) -> str | None:
        """The corpus word a scanner made of `piece` by misreading one character as a look-alike
        (荥阳 -> 荣阳): only a word jieba's dictionary does not know, as a misreading makes no
        word, so a reader's 荥阳 is never read as another real place. `piece` may be a common
        word: the real name is one."""
        misread = [
            word
            for position, character in enumerate(piece)
            for alike in looking_like(character)
            if (word := piece[:position] + alike + piece[position + 1 :]) in self.lexical.vocabulary
            and not self._dictionary_count(word)
        ]
        return max(misread, key=self.lexical.document_frequency) if misread else None

    def parts(self, word: str) -> tuple[Part, ...] | None:
        """The cheapest split of an unseen `word` into corpus and function words; None when
        there is none, or when corpus words would cover under half of it (冬奥会 is not 冬 +
        奥 + 会). Function words and single characters that glue a corpus word to the next
        come back too (as `glue`), so the caller can drop them."""
        if not _CJK_WORD.match(word):
            return None
        vocabulary = self.lexical.vocabulary
        written_out = [full for full in SHORTHANDS.get(word, ()) if full in vocabulary]
        if written_out:  # 支书 for the reports' 支部书记
            return (Part(written_out[0], False),)
        # cheapest[i]: (cost, parts) of the best split of word[:i]
        cheapest: list[tuple[float, tuple[Part, ...]] | None] = [None] * (len(word) + 1)
        cheapest[0] = (0.0, ())
        for start in range(len(word)):
            if cheapest[start] is None:
                continue
            cost, parts = cheapest[start]
            for end in range(start + 1, min(len(word), start + MAX_PART) + 1):
                piece = word[start:end]
                if piece == word:
                    continue  # the word itself is what is unseen
                if piece in FUNCTION_WORDS:
                    option = (cost + _EXACT_COST, (*parts, Part(piece, False, glue=True)))
                elif piece in vocabulary:
                    option = (cost + _EXACT_COST, (*parts, Part(piece, False)))
                elif len(piece) == 1 and piece in self._characters:
                    option = (cost + _GLUE_COST, (*parts, Part(piece, False, glue=True)))
                elif len(piece) >= 2 and (sound := self._sounding_like(piece) or self._scanned_as(piece)):
                    option = (cost + _HOMOPHONE_COST, (*parts, Part(sound, True)))
                else:
                    continue
                if cheapest[end] is None or option[0] < cheapest[end][0]:
                    cheapest[end] = option
        # The whole word may sound or look like a corpus word (毛书雪 -> 毛书学, 荥阳 -> 荣阳): one part.
        whole = (self._sounding_like(word) or self._scanned_as(word)) if len(word) <= MAX_PART else None
        # But not a question word and what it counts, each as typed: 几人 (jieba's HMM glues it)
        # is 几 + 人, not 疾人 of 残疾人, which no passage on 人 says and so turned the question away.
        split = cheapest[-1]
        asked_apart = split is not None and split[1][0].word in _QUESTION_HEADS and not any(
            part.homophone for part in split[1]
        )
        if whole and not asked_apart and (split is None or split[0] > _HOMOPHONE_COST):
            return (Part(whole, True),)
        if cheapest[-1] is None:
            return None
        parts = cheapest[-1][1]
        # In a word of three or more characters a lone one stands in for nothing a reader asked,
        # even one the reports use as a word (年 and 级 of 今年保级): it counts as glue, as an
        # unknown one does. A two-character word may still be read as its two (炮身: 炮 + 身).
        glued = sum(
            len(part.word)
            for part in parts
            if (part.glue or len(part.word) == 1 < len(word) - 1) and part.word not in FUNCTION_WORDS
        )
        content = [part for part in parts if not part.glue]
        # A common word is split only after a question word (几辆 = 几 + 辆) or before a particle
        # (写给, 送了), never into its characters (天气) nor off a verb's first half (下雨 is not 下 + 雨).
        splits_off = parts[0].word in _QUESTION_HEADS or parts[-1].word in FUNCTION_WORDS
        if self._common(word) and not splits_off:
            return None
        # Glue may make up half the word at most: 会下雨 is not 会 + 下 + 雨, it is a word no
        # report has (明天郑州会下雨不 is not about the reports' 郑州).
        if 2 * glued > len(word):
            return None
        if not content:  # 哪几个, 几条, 发了: question words and glue, nothing to look for
            return parts if any(part.word in FUNCTION_WORDS for part in parts) else None
        return parts

    def rejoined(self, words: list[str], text: str) -> list[str]:
        """`words` with two neighbours rejoined where jieba cut the question across a corpus
        word: "额温枪发" is cut 额 + 温枪发 after 明湖的, where the reports have 额温 + 枪, so
        neither piece is a corpus word nor splits into corpus words, and both would weigh as
        words no report has. Two unseen words that stand together in `text` and that neither
        split on their own are split as one when that is possible (救护车 after 几辆, which
        splits, stays a word no report has)."""
        joined: list[str] = []
        for word in words:
            if joined and self._better_joined(joined[-1], word, text):
                joined[-1] += word
            elif joined and (typed := self._typed_apart(joined[-1], word, text)):
                joined[-1] = typed
            else:
                joined.append(word)
        return joined

    def _typed_apart(self, before: str, word: str, text: str) -> str:
        """A typo of a name jieba cut into lone characters, as typed: 将冲 of "将冲村支书" (将 + 冲 +
        村支书), when a name's suffix follows it and it sounds like a corpus name sharing a
        character (蒋冲); "" for none. Not a question word or a function word cut so (几 + 辆)."""
        if len(before) != 1 or len(word) != 1 or {before, word} & (FUNCTION_WORDS | _QUESTION_HEADS):
            return ""
        at = text.find(before)
        typed = text[at : text.find(word, at + 1) + 1] if at >= 0 else ""
        if not 2 <= len(typed) <= 3 or not typed.endswith(word) or self._common(typed):
            return ""
        if not text[at + len(typed) :].startswith(NAME_SUFFIXES):  # the name's 村, 区, 办事处
            return ""
        # Only a name jieba's dictionary does not know: a dictionary word (两制 for 两直 of
        # 四不两直, a slogan jieba cuts into its characters) would be jieba's own to cut whole.
        meant = self._sounding_like(typed)
        return typed if meant and not self._dictionary_count(meant) else ""

    def _better_joined(self, before: str, word: str, text: str) -> bool:
        if self.lexical.idf(before) or self.lexical.idf(word) or before + word not in text:
            return False
        # A word jieba's dictionary knows well was typed as it is: 明儿 + 天气 joined would split
        # as 明 + 儿天 (二天's sound) + 气, and a weather question would look like the reports'.
        if any(len(piece) > 1 and self._common(piece) for piece in (before, word)):
            return False
        if self.parts(before) is not None or self.parts(word) is not None:
            return False  # one splits on its own: jieba cut at a corpus word's edge there
        return self.parts(before + word) is not None

    def splits(self, words: list[str]) -> dict[str, tuple[Part, ...] | None]:
        """`parts` of each of `words` the corpus does not have (None for a seen word): worked out
        once for both `weigh` and `respellings`, each a search for an unseen word."""
        return {word: None if self.lexical.idf(word) else self.parts(word) for word in words}

    def respellings(
        self, words: list[str], splits: dict[str, tuple[Part, ...] | None] | None = None
    ) -> dict[str, str]:
        """Each unseen word of `words` that splits, written as its split reads it (产叶: 产业).
        Not a word holding a question word: 几次 read as a look-alike would ask nothing.
        `splits`: `self.splits(words)`, when already made."""
        splits = self.splits(words) if splits is None else splits
        return {
            word: "".join(part.word for part in parts)
            for word in words
            if (parts := splits[word]) and not any(head in word for head in _QUESTION_HEADS)
        }

    def weigh(
        self, words: list[str], splits: dict[str, tuple[Part, ...] | None] | None = None
    ) -> tuple[dict[str, float], dict[str, float]]:
        """(IDF weight of each word the not-found check looks for, BM25 weight of each corpus
        word a split added); seen words keep their IDF, unsplittable ones the unseen IDF.
        `splits`: `self.splits(words)`, when already made."""
        splits = self.splits(words) if splits is None else splits
        unseen = self.lexical.idf_unseen()
        weights: dict[str, float] = {}
        added: dict[str, float] = {}
        for word in words:
            idf = self.lexical.idf(word)
            parts = splits[word]
            if idf or parts is None:
                weights[word] = idf or unseen
                continue
            for part in parts:
                if part.glue:
                    continue
                share = HOMOPHONE_WEIGHT if part.homophone else 1.0
                weights[part.word] = max(weights.get(part.word, 0.0), share * self.lexical.idf(part.word))
                added[part.word] = max(added.get(part.word, 0.0), share)
        return weights, added


def _readings(term: str) -> list[tuple[str, ...]]:
    """The toneless sounds `term` may be read with: each of its characters' two commonest
    readings, as a surname's 翟 is zhai where pypinyin's first is di (宅庄村 typed for 翟庄村).
    Rarer ones made false homophones (奥 read you: 有多 of 有多远 read as the name 奥多). The
    first `MAX_READINGS`, the commonest reading of each character first."""
    readings = [sounds[:2] for sounds in pinyin(term, style=Style.NORMAL, heteronym=True)]
    return list(islice(product(*readings), MAX_READINGS))


def respelled(text: str, respellings: dict[str, str]) -> str:
    """`text` with its typos written as the reports write the words (席庄村主要靠啥产叶: 产业), so
    that the sentence marked as the answer is chosen by the words and character pairs a report
    has, not by the typo's."""
    for typed, meant in respellings.items():
        text = text.replace(typed, meant)
    return text
