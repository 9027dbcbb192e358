"""A reader's paraphrase of what a report says: the characters it shares with the report's words.

A report says in its own words what was done, and a reader's paraphrase shares a character with
them: 切到战时状态 against 2小时内实现平战急转, 开始发车 against 1月11日发出流动检测车. The not-found
check (asked.shows_asked) reads a length of time or a day as told when a sentence giving one holds
such a character of what no best passage says, and as untold when none does.
"""

from __future__ import annotations

from collections.abc import Callable

from retrieval.text.tokenize import STOPWORDS

# Characters every length of time, or a question asking one, is written with: they bridge nothing.
_TIME_CHARACTERS = frozenset("时间小分秒钟天日月年周期久长多少")
# jieba's tags of what a question says was done to or with: nouns and time words (战时/t). Not
# verbs: a word of the chat's earlier turn (退伍 of 退伍兵, which a report says 退役) is no part of it.
_WHAT_TAGS = ("n", "t")
# And of what a question asks the day of, the question's own words after its question word (发车
# of "几号开始发车的"): verbs too.
DONE_TAGS = ("n", "t", "v")


def paraphrase_characters(
    asked: dict[str, float],
    texts: list[str],
    dictionary_tag: Callable[[str], str | None],
    tags: tuple[str, ...] = _WHAT_TAGS,
) -> list[str]:
    """The characters of the words `asked` that no passage of `texts` has: a report says in its own
    words what was done, and a reader's paraphrase shares a character with them (切到战时状态 of
    "中牟多长时间就切到战时状态了" against 2小时内实现平战急转). Only of nouns and time words the
    dictionary knows: not 里面 of 待在里面 nor 一趟, which say where or how often, not what.
    Not time's own characters (时 of 战时, which every 小时 holds), nor a function character."""
    joined = "".join(texts).lower()
    return sorted(
        {
            character
            for word in asked
            if len(word) > 1 and word not in joined and (dictionary_tag(word) or "x").startswith(tags)
            for character in word
            if character not in _TIME_CHARACTERS and character not in STOPWORDS
        }
    )
