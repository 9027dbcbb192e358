"""What a question asks beyond what it names, and whether the best passages mention any of it.

"明湖办事处的邮编是多少" names 明湖办事处 and asks for 邮编. The office has reports of its own,
so the model finds them near and the office's IDF fills much of the question's coverage: the
confidence clears the bar although no passage says anything of a 邮编. What is asked is the
question's words other than its names (the corpus's own names, words made like them with a
name suffix, and the people, places and organisations jieba tags), and a passage that mentions none of them answers nothing the
question asks, however well it matches the subject. A name the corpus never uses (公开信,
which jieba takes for a person) is not the subject either: it stays among the words asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from retrieval.search.ages import asks_age, whose_age
from retrieval.search.answer_guards import places_the_counted, tells_the_end, tells_the_grain, tells_the_rate
from retrieval.search.chat_phrases import is_place
from retrieval.search.choices import may_offer_choice, names_an_option, options_offered
from retrieval.search.figures import (
    asked_figures,
    asks_identifier,
    asks_which_place,
    counted_words,
    gives_day,
    gives_figure,
    gives_identifier,
)
from retrieval.search.group_sizes import group_asked, tells_group_size
from retrieval.search.keyword_counts import gives_figure_in, keyword_count_unit
from retrieval.search.kinds_asked import kind_head, of_the_kind
from retrieval.search.of_its_place import businesses
from retrieval.search.ordinal_rounds import names_another_round
from retrieval.search.paraphrase import DONE_TAGS, paraphrase_characters
from retrieval.search.question_type import (
    DURATION_GRAIN,
    NAMED_POSTS,
    STARTS,
    WHERE_SAID,
    AnswerKind,
    answer_grain,
    question_shape,
)
from retrieval.search.roads import asks_road, asks_route, names_a_road, names_a_route
from retrieval.search.shorthands import as_written
from retrieval.search.whole_things import counted_apart, qualifier_unsaid
from retrieval.search.withheld_names import kinds_whose_name_is_asked, withholds_name
from retrieval.text.tokenize import NAME_FLAGS, STOPWORDS, Tokenizer, has_name_suffix

NUMERAL_TAG = "m"  # jieba's tag for numerals and ordinals (第一, 一名)
WHERE_WORDS = frozenset({"位置", "地理位置", "地点", "所在地", "方位"})  # asked: where a thing is
# Asked: what a thing is called ("党政办被称作经开区的什么"), which a report says by quoting the name
# ("作为经开区“中枢神经”的党政办"), or with one of these.
CALLED_WORDS = frozenset(
    {"称作", "被称作", "称为", "被称为", "誉为", "被誉为", "称号", "美誉", "外号", "别称", "绰号"}
)
CALLED_SAID = ("“", "「", "称为", "称作", "誉为", "号称", "美誉", "之称", "又称", "别称", "又名")
# Asked: what post someone holds ("他是啥职务"), which a report says by the post itself (副主任李君川).
POST_WORDS = frozenset({"职务", "职位", "头衔", "官职", "身份"})
POSTS_SAID = NAMED_POSTS + tuple(
    "站长 组长 队长 局长 院长 部长 科长 处长 村长 镇长 县长 市长 社长 校长".split()
)
# Asked: how long someone has been in a calling, as a reader says it (干医生多少年, 入党多少年),
# which a report says its own way (两个人从医超过30年, 32年党龄).
CAREERS_SAID = {
    "医生": ("从医",),
    "医": ("从医",),
    "入党": ("党龄",),
    "党员": ("党龄",),
    "老师": ("从教", "教龄"),
}


def asked_words(
    query_words: dict[str, float],
    tagged: Iterable[tuple[str, str]],
    corpus_names: frozenset[str],
    seen: Callable[[str], bool],
) -> dict[str, float]:
    """`query_words` without the names the question gives that the corpus also uses;
    `corpus_names` lower-cased, as the query words are."""
    named = {word.lower() for word, flag in tagged if flag.startswith(NAME_FLAGS)} | corpus_names
    return {
        word: weight
        for word, weight in query_words.items()
        if not ((word in named or has_name_suffix(word)) and seen(word))
    }


def shows_asked(
    text: str,
    texts: list[str],
    query_words: dict[str, float],
    corpus_names: frozenset[str],
    tokenizer: Tokenizer,
    seen: Callable[[str], bool],
    counts: bool = False,
    day: bool = False,
    tags: list[tuple[str, str]] | None = None,
) -> bool:
    """Whether `texts` (the best passages) mention what the question `text` asks beyond its
    names; for a question asking 多少 / 几 (`counts`), a figure beside it, and for one asking the
    day (`day`), a date (figures.py) and what was done that day, when the question says it after
    its question word (撤回 of "哪天撤回去的"). `seen`: whether the corpus uses a word at all;
    `tags`: `tokenizer.tagged(text)` when already made."""
    if names_another_round(text, texts):
        return False  # 第五轮 asked, only 第四轮 told
    surely = surely_asked(query_words, corpus_names, tokenizer.dictionary_tag)
    shape = question_shape(text)
    if shape.kind is AnswerKind.DATE and not tells_the_end(shape.after, texts):
        return False  # 静态管理 "到哪天结束的": the day it began is no answer (answer_guards.ENDS)
    if not tells_the_rate(text, of_first_article(texts)):
        return False  # "一天能采多少人": a total served is no figure a day
    if not tells_the_grain(text, texts, surely) or not places_the_counted(text, texts):
        return False  # "晚上几点收车": no hour, only days; "那6个检测点都设在哪儿": none placed
    if not (counts or day) and shape.kind is AnswerKind.DATE and not answer_grain(shape):
        # "静态管理啥时候解除的": what was done then (解除) must be told, or any date of the
        # subject (its start, 4月21日) passes for it. The date itself may be a period (白垩纪);
        # an hour (几点干到几点) is asked of work a report says its own way (工作到).
        # But 利用什么时间去值守的 asks which part of the day (利用下班时间), told with the work in
        # the report's own words (开展引导车流).
        done = counted_words(text, surely)
        if (
            done
            and not asks_a_start(done)
            and not mentions_any(with_parts(dict.fromkeys(done, 1.0), tokenizer), texts)
            and not ("时间" in shape.word and any(_TIME_OF_DAY.search(passage) for passage in texts))
        ):
            return False
    if (unit := keyword_count_unit(text)) is not None and not gives_figure_in(unit, texts):
        return False  # "荥阳 核酸 累计人次": no 人次 counted on 荣阳's page (keyword_counts.py)
    if asks_road(text) and not names_a_road(texts):
        return False  # "亚太社区在哪条路上": passages saying 路口 and 道路 name no road (roads.py)
    if asks_identifier(text) and not gives_identifier(texts):
        return False  # "检测车的车牌号是啥": no plate, phone or postcode given (figures.py)
    if asks_route(text) and not names_a_route(texts):
        return False  # "那13辆公交车原来是跑哪几路的": 13辆公交车 names no route (roads.py)
    if may_offer_choice(text):  # "生的是男孩还是女孩": one of them must be named (choices.py)
        options = options_offered(text, tokenizer.tagged(text) if tags is None else tags)
        if options and not names_an_option(options, texts):
            return False
    if not (counts or day) and asks_which_place(text):
        # "口罩是从哪个厂家买的": a 厂家 is asked for; passages that never mention one answer nothing.
        after = question_shape(text).after
        kinds, modifiers = kind_head(counted_words(text, surely), after, tokenizer.dictionary_tag)
        # A kind of one character (哪个厂买的) is no word surely asked, but asked all the same.
        first = next(iter(tokenizer.tagged(after)), ("", ""))
        if not kinds and len(first[0]) == 1 and first[1] == "n":
            kinds = [first[0]]
        kinds = as_written(kinds, seen)  # 哪个口子: 南三环下口
        if kinds and not mentions_any(with_parts(dict.fromkeys(kinds, 1.0), tokenizer), of_the_kind(modifiers, texts)):
            return False
    if not (counts or day):
        # "哪个小区" of a page that tells of 某小区 and withholds its name (withheld_names.py).
        kinds = kinds_whose_name_is_asked(text, tokenizer)
        if kinds and withholds_name(kinds, surely, texts, text):
            return False
        # "荥阳送检的那个检测公司叫啥名字": passages that never mention a 公司 name none, as
        # passages never mentioning a 厂家 tell no 哪个厂家 (above). Only a kind of business: a
        # post (支书, said 党支部书记) or a country is told in other words.
        named = businesses(kinds)
        if named and not mentions_any(dict.fromkeys(named, 1.0), texts):
            return False
    if counts and (group := group_asked(text)) and not tells_group_size(group, texts, text):
        return False  # "经开区党政办志愿先锋队有多少人": no size beside a 队 (group_sizes.py)
    if counts:
        counted, figures = counted_words(text, surely), asked_figures(text)
        if counted_apart(counted, text, texts, lambda words: gives_figure(words, texts, text, figures)):
            return False  # 几个体温探测器: not beside 体温 of 测量体温 (whole_things.py)
        if qualifier_unsaid(text, tokenizer.tagged, seen, texts):
            return False  # 多少常住人口: only 流动人口 counted (whole_things.py)
        if counted and mentions_any(counted, texts) and gives_figure(surely, texts, text, figures):
            return True  # settled without tagging: the words of `surely` are all asked
    elif day:
        done = counted_words(text, surely)  # "哪天撤回去的": what was done that day, 撤回
        beside = surely
        if asks_a_start(done):  # the subject's date: beside its name, in the report's own words
            # Not beside a place that only says whose it is: 河南 of 河南一级响应 (河南省儿童医院).
            unplaced = {word: weight for word, weight in query_words.items() if not is_place(word, tokenizer.dictionary_tag)}
            beside, done = unplaced or query_words, []
        if gives_day(beside, texts, text) and (not done or mentions_any(done, texts)):
            return True  # settled without tagging, as for a number
    elif mentions_any(surely, texts):
        return True  # settled without tagging the question (asked.surely_asked)
    asked = asked_words(query_words, tokenizer.tagged(text) if tags is None else tags, corpus_names, seen)
    if counts and asks_age(shape := question_shape(text)):  # 55岁 stands beside the one asked of (ages.py)
        asked = {whose: 1.0} if (whose := whose_age(shape, tokenizer.tagged)) else asked
    widened = with_parts(asked, tokenizer)
    # "八千卫生院来了几个", "他们是几号过去的": a verb of one character (来, 去, 有) or what jieba
    # left of the question word (号 of 几号) is how a reader asks, not what a report counting them
    # or dating it says ("八千卫生院的10名医护人员"): a figure beside the name asked of answers too.
    beside = widened if any(len(word) > 1 for word in asked) else {**widened, **query_words}
    if counts and asked:
        # After 多久 stands what was done, not a thing counted, and a report says it its own
        # way ("提前多久发下去的" against "提前一天将检测物资分发到…"): the length of time asked
        # for, beside a word asked (gives_figure), is what tells.
        duration = answer_grain(question_shape(text)) == DURATION_GRAIN
        counted = [] if duration else counted_words(text, asked)
        # 院子, 口子 no report says: 73个楼院, 两个紧急通行路口 (shorthands.spoken_stem).
        counted = as_written(counted, seen)
        unsaid = paraphrase_characters(asked, texts, tokenizer.dictionary_tag) if duration else []
        if unsaid:
            # 多长时间切到战时状态: 2小时内实现平战急转 (战 of 战时). And what no passage says even
            # so is not told: "登封核酸结果多久能出来" against 24小时 beside 核酸 and 登封.
            return gives_figure(unsaid, texts, text, asked_figures(text))
        return gives_figure(beside, texts, text, asked_figures(text)) and mentions_any(
            dict.fromkeys(counted, 1.0) or beside, texts
        )
    if day and asked:
        done = with_parts(dict.fromkeys(counted_words(text, asked), 1.0), tokenizer)
        if gives_day(beside, texts, text) and (not done or mentions_any(done, texts)):
            return True
        # "那是从几号开始发车的" against 1月11日发出流动检测车以来: what was done, said the report's
        # way, shares a character with the sentence giving the day (发, 车 of 发车).
        unsaid = paraphrase_characters(done, texts, tokenizer.dictionary_tag, DONE_TAGS)
        return bool(unsaid) and gives_day(unsaid, texts, text)
    return mentions_asked(widened, texts)


def of_first_article(texts: list[str]) -> list[str]:
    """Those of `texts` (passages, each opening with its headline) from the first one's article:
    a figure a day asked of 管城's trucks, whose page gives a total served, is not answered by
    another page's (明港's trucks 每天为近4000名工人) among the best five."""
    headline = texts[0].partition("\n")[0] if texts else ""
    return [text for text in texts if text.partition("\n")[0] == headline]


def with_parts(asked: dict[str, float], tokenizer: Tokenizer) -> dict[str, float]:
    """`asked` and the dictionary's words inside its long words, at that word's weight: a passage
    says 出生于瑞士 where the question asks for the 出生地. Not the numerals among them (第一, 一名
    of 第一名), which say nothing of what is asked. A figure may stand beside one too: 纬度为北纬23°
    answers 塔顶的经纬度是多少. What a number question counts must be mentioned as the question says it."""
    parts = {
        part: weight
        for word, weight in asked.items()
        for part in tokenizer.dictionary_parts(word)
        if part not in STOPWORDS and tokenizer.dictionary_tag(part) != NUMERAL_TAG
    }
    # Where a thing is, a report says with 位于 / 坐落: "阿尔坎塔拉的地理位置在哪" against
    # "…位于卡塞雷斯省境内…", which never says 位置.
    said_where = {
        form: weight for word, weight in asked.items() if word in WHERE_WORDS for form in WHERE_SAID
    }
    said_post = {form: weight for word, weight in asked.items() if word in POST_WORDS for form in POSTS_SAID}
    said_called = {
        form: weight for word, weight in asked.items() if word in CALLED_WORDS for form in CALLED_SAID
    }
    said_career = {form: weight for word, weight in asked.items() for form in CAREERS_SAID.get(word, ())}
    return {**parts, **said_where, **said_post, **said_called, **said_career, **asked}


def surely_asked(
    query_words: dict[str, float], corpus_names: frozenset[str], dictionary_tag: Callable[[str], str | None]
) -> dict[str, float]:
    """The query words that `asked_words` keeps whatever the tagging says: words of two or more
    characters that jieba's dictionary knows as no name. jieba's tagger gives such a word its
    dictionary tag (only runs of single characters go to its HMM), so when a passage mentions one
    of these, the question's asked words are mentioned without tagging it: the tagger's HMM costs
    more than the rest of the search bar the model. `corpus_names` lower-cased."""
    return {
        word: weight
        for word, weight in query_words.items()
        if len(word) > 1
        and word not in corpus_names
        and not has_name_suffix(word)
        and _known_as_no_name(dictionary_tag(word))
    }


def asks_a_start(done: list[str]) -> bool:
    """Whether what a date question says was done is a start (啥时候开始跑的, 哪天开始支援的): a
    report gives a start as its subject's date, in its own words (1月11日发出流动检测车以来,
    自4月15日驰援航空港区以来), so what was done need not be told."""
    return any(word in STARTS for word in done)


# 什么时间 answered by a part of the day (利用下班时间).
_TIME_OF_DAY = re.compile("(?:下班|上班|休息|业余|午休|空闲|课余)时间")


def _known_as_no_name(tag: str | None) -> bool:
    return tag is not None and not tag.startswith(NAME_FLAGS)


def mentions_any(words: dict[str, float], texts: Iterable[str]) -> bool:
    """True when one of `texts` mentions one of `words` (substrings, as in term_coverage)."""
    return any(word in text.lower() for text in texts for word in words)


def mentions_asked(asked: dict[str, float], texts: Iterable[str]) -> bool:
    """True when one of `texts` mentions a word asked, or the question asks nothing beyond names.
    Substrings, as in term_coverage: jieba may cut a word differently inside a passage."""
    return not asked or mentions_any(asked, texts)
