"""A name asked of a thing the reports name only as 某小区.

"银河办事处出现无症状的是哪个小区" or "那个小区叫啥名": the page tells of it ("某小区出现了一例
无症状感染者…赶到了这个小区") and withholds its name. The kind asked (小区) is mentioned, so the
asked-word check lets the question through, and its excerpts answer nothing it asks. A sentence
telling of it (the kind beside another word asked) names one only where a word that is no pointer
(某, 这个, 该) stands right before the kind: 豫康新城小区, 蒋冲村. Sentences, not passages: a
passage about the subject mentions the kind in passing elsewhere (值守在小区门岗).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.search.figures import asks_which_place
from retrieval.search.question_type import question_shape
from retrieval.text.sentences import split_sentences
from retrieval.text.tokenize import Tokenizer

# Words before a kind that leave the thing unnamed (某小区, 一小区), and those that point back at
# one (这个小区), which a name may stand before ("Beerwah"这个品种): the two-character ones first.
WITHHOLDERS = ("某个", "某些", "某家", "一个", "一家", "一处", "某", "一", "各")  # 各: every one, none named
POINTERS = (*WITHHOLDERS, "这个", "那个", "这些", "那些", "这", "那", "该", "此", "各", "每", "本")
_NAME_ASKED = re.compile(r"叫(?:什么|啥|啥子)?(?:名字|名称|名儿|名)|叫(?:什么|啥|啥子)$")  # 叫啥 closing asks it too
_UNNAMED_BEFORE = re.compile(r"[\W\d_]")  # a kind after punctuation or a figure names nothing
# Which ones of a kind named before the question word: 爱心企业都是哪几家, 爱心企业都有谁.
_WHICH_ONES = ("哪几", "哪些", "谁")
_ONES = re.compile(r"[家个位所]?[呀啊呢吧啦]*")
_LINKS = re.compile(r"(?:都是|都有|分别是|是|有)$")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
_TITLE = re.compile(r"《[^《》]+》|“[^“”]{2,30}”")  # a title, or a short name in quotes, not speech


def kinds_whose_name_is_asked(question: str, tokenizer: Tokenizer) -> list[str]:
    """The kind of thing `question` asks the name of, as a one-word list: 小区 of 哪个小区 and of
    叫啥小区 (the word after the question word) and of 那个小区叫啥名 (the word before 叫)."""
    shape = question_shape(question)
    if asks_which_place(question):
        words = tokenizer.tokens_and_words(shape.after)[1][:1]
    elif _NAME_ASKED.search(shape.before[-1:] + shape.word + shape.after):
        words = tokenizer.tokens_and_words(shape.before.removesuffix("叫"))[1][-1:]
    elif shape.before.endswith("叫") and shape.after:  # 到底叫啥小区: the kind follows
        words = tokenizer.tokens_and_words(shape.after)[1][:1]
    elif shape.word in _WHICH_ONES and _ONES.fullmatch(shape.after):  # 爱心企业都是哪几家: it goes before
        words = tokenizer.tokens_and_words(_LINKS.sub("", shape.before))[1][-1:]
    else:
        return []
    return [word for word in words if len(word) > 1]


def withholds_name(kinds: Iterable[str], asked: Iterable[str], texts: Iterable[str], question: str = "") -> bool:
    """Whether `texts` tell of the thing asked and withhold its name: a sentence that mentions a
    kind beside another word asked (无症状 of 哪个小区) says 某小区 or 一小区, and none says the
    kind after a name (豫康新城小区, 蒋冲村): only after POINTERS, punctuation, a figure or
    nothing. The kind as the `question` describes it, where a report says it so: 爱心企业 of
    "给明湖捐物资的爱心企业都叫啥名字" is no name of one, and 各爱心企业 names none."""
    texts = list(texts)
    kinds = [_as_described(kind.lower(), question.lower(), texts) for kind in kinds]
    others = [word.lower() for word in asked if word.lower() not in kinds]
    told = [
        (kind, sentence)
        for text in texts
        for sentence in split_sentences(text.lower())
        for kind in kinds
        if kind in sentence and any(word in sentence for word in others)
    ]
    return any(_says_after(WITHHOLDERS, kind, sentence) for kind, sentence in told) and not any(
        _names_one(kind, sentence) for kind, sentence in told
    )


def _as_described(kind: str, question: str, texts: list[str]) -> str:
    """`kind` with the two characters the question says before it (爱心 of 爱心企业), when they
    are Han, no pointer, and a report says the two together too."""
    at = question.find(kind)
    described = question[max(at - 2, 0) : at + len(kind)] if at >= 2 else ""
    if not _HAN_PAIR.fullmatch(described[:2]) or described.startswith(POINTERS):
        return kind
    return described if any(described in text.lower() for text in texts) else kind


def _says_after(words: tuple[str, ...], kind: str, sentence: str) -> bool:
    return any(word + kind in sentence for word in words)


def _names_one(kind: str, sentence: str) -> bool:
    # A kind inside a title is named by it: 《…广大群众的一封信》 of "八千给党员群众的那封信叫啥".
    titles = [title.span() for title in _TITLE.finditer(sentence)]
    for found in re.finditer(re.escape(kind), sentence):
        if any(start < found.start() < end for start, end in titles):
            return True
        before = sentence[: found.start()]
        if before and not before.endswith(POINTERS) and not _UNNAMED_BEFORE.match(before[-1]):
            return True
    return False
