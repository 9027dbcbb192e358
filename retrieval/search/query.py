"""Questions as people type them: greetings, politeness and filler are not what is asked.

"你好，想问一下中牟县……专门给他们弄了个啥？" asks about 中牟县 and a card; 你好, 想问一下 and 弄
are words no report uses, so each would weigh as much as the rarest name in BM25 and in the
not-found check (a word the corpus lacks weighs most there, as it must for 冬奥会), and
pull an answerable question under the threshold. The greeting is cut off the text the model
reads; the filler words are dropped from the words BM25 and the check weigh.

The lists are of chat words, not of any question: they hold no content a report could answer.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.search.typed_posts import post_as_written

# Said before or after the question itself.
_OPENERS = (
    "你好", "您好", "哈喽", "嗨", "在吗", "打扰一下", "打扰了", "麻烦问一下", "麻烦问下", "麻烦问问", "麻烦",
    "请问一下", "请问下", "请问", "想问一下", "想问下", "想问问", "问一下", "问下", "我想问一下", "我想问",
    "我想知道", "想知道", "请教一下", "请教", "帮我查一下", "帮我查查", "帮我看看", "嗯", "呃",
    # Hearsay opening the question: jieba glues 说 to what follows (听/说明/港 of 听说明港).
    "俺听说", "我听说", "听人说", "听别人说",
)  # fmt: skip
_CLOSERS = ("谢谢你", "谢谢", "多谢", "感谢", "谢啦", "麻烦了", "辛苦了")
_PUNCTUATION = " \t,，。.!！?？~～、…:：;；"
# 听说 opens hearsay too, but 听说过 asks whether one has heard of something; 额 hesitates only
# before a pause, as it also starts words (额温枪发几个).
_OPENER = re.compile(
    "^(?:"
    + "|".join(map(re.escape, sorted(_OPENERS, key=len, reverse=True)))
    + f"|听说(?!过)|额(?=[{_PUNCTUATION}]))[{_PUNCTUATION}]*"
)
_CLOSER = re.compile("(?:" + "|".join(map(re.escape, _CLOSERS)) + f")[{_PUNCTUATION}]*$")
# Sentence-final particles: tone, not content ("多少口罩啊", "几点来着"). A final 没 / 没有 asks
# yes or no as 吗 does ("有啥照顾没" is "有没有啥照顾"); as a word it weighed like a rare name and
# pulled such a question under the not-found threshold. After 还 / 都 / 也 it is the negation
# asked about ("哪些村还没"), and stays.
_PARTICLES = re.compile(f"(?:来着|呀|啊|呢|吧|嘛|哦|啦|哈|呐|(?<![还都也])没有?)+(?=[{_PUNCTUATION}]|$)")
# A leading "那个，" or "那个" before a verb or noun is a hesitation, not "that one".
_HESITATION = re.compile(f"^(?:那个|这个|就是)[{_PUNCTUATION}]+")

# Chat words that never carry what is asked; kept out of BM25 and the not-found check. 俺 is a
# northern 我, and 听说 ("I heard") tells where the reader heard it, not what is asked; nor do
# 俺家在港区 or 记得那回 ("as I remember, that time"), which pulled a question under the threshold.
FILLER_WORDS = frozenset(
    """你好 您好 请问 想 想问 问问 问 一下 下 麻烦 知道 我想 谢谢 多谢 那个 嗯 呀 啊 呢 吧 嘛 哦 啦 来着
    弄 搞 啥 咋 到底 究竟 具体 大概 一般 哈 告诉 帮 帮忙 请教 打扰 专门 个 了 给 还 又 就 吗 么 有没有
    怎么回事 是不是 能不能 可不可以 知不知道 人家 东西 事儿 事情 时候 为啥 咋样 咋办
    俺 俺们 咱 咱们 听说 听人说 听别人说 俺家 咱家 我家 记得 那回
    多会儿 招 高招 妙招 招数 法子 点子 不会 会不会 主要""".split()
    # The last: question words no report uses, as 啥 and 咋 are: when (多会儿), how (啥招, 啥法子),
    # whether one can (不会用手机的老人; 会不会 is asked of the verb after it, answer_guards.py);
    # and 主要 ("mainly"), which a report says of anything (主要干道) and asks nothing.
) | frozenset(
    # Directions a verb is said with ("抽了多少人下去", "哪天过来的"): a report says 抽调, 驰援.
    "过来 过去 下来 下去 上来 上去 回来 回去 出来 出去 进来 进去 起来".split()
)


def plain_question(question: str) -> str:
    """The question without greetings, thanks, hesitations and final particles (its question
    mark kept), a post it asks the holder of as the reports write it (typed_posts.py); its other
    words are untouched ("那防护服呢" keeps its 那: it marks a follow-up)."""
    text = question.strip()
    previous = None
    while previous != text:
        previous = text
        text = _OPENER.sub("", text)
        text = _HESITATION.sub("", text)
        text = _CLOSER.sub("", text)
    # The question mark stays: the model reads "……是什么？" a little better than without it.
    plain = _PARTICLES.sub("", text).strip(" \t,，、~～…:：;；")
    return post_as_written(plain) if plain.strip(_PUNCTUATION) else question.strip()


# "南阳的呢？", "中牟县呢": a final 呢 after nothing but a name asks the chat's last question again.
_ENDS_WITH_NE = re.compile(f"呢[{_PUNCTUATION}]*$")


def ends_with_ne(question: str) -> bool:
    """Whether the question's last particle is 呢 (which `plain_question` drops)."""
    return bool(_ENDS_WITH_NE.search(question.strip()))


def content_words(words: list[str]) -> list[str]:
    """Question words without the chat's filler."""
    return [word for word in words if word not in FILLER_WORDS]


# Pronouns in jieba's dictionary (那边 of "中牟那边老人…", 这行 of 干这行, 哪家, 这会儿) point at what
# is asked and never name it; idioms (挨家挨户 of "明湖辖区挨家挨户摸下来一共多少人") say how it was
# done, which a report tells in its own words (逐门户筛查). One no report uses weighed as the
# rarest name in the not-found check and turned an answerable question away; one the reports
# use keeps its weight, as any word of theirs does. Not adverbs: the dictionary tags 比分 as one.
_PRONOUN_OR_IDIOM_TAGS = frozenset({"r", "i"})
_IDIOM_TAG = "i"


def without_unseen_asides(
    words: list[str], seen: Callable[[str], float], dictionary_tag: Callable[[str], str | None]
) -> list[str]:
    """`words` without the pronouns and idioms the corpus never uses: asides, not what is asked.
    But a noun half of a four-character idiom is asked: jieba's dictionary lists 今天天气 as one,
    and "郑州今天天气咋样" kept nothing but 郑州, which every page on 郑州 answers."""
    kept: list[str] = []
    for word in words:
        if seen(word) or dictionary_tag(word) not in _PRONOUN_OR_IDIOM_TAGS:
            kept.append(word)
        elif dictionary_tag(word) == _IDIOM_TAG and len(word) == 4:
            kept.extend(half for half in (word[:2], word[2:]) if (dictionary_tag(half) or "").startswith("n"))
    return kept
