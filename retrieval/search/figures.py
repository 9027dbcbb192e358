"""Whether the best passages give a figure of what a number question asks about, or a day.

"席庄村一共有多少户村民" names a village the reports cover and asks about 村民, which they
mention: the asked-word check (asked.py) lets it through. But a question asking 多少 / 几 is
answered by a number, and a passage answers it only where one of its sentences holds both a
word asked and a figure the question does not already give. When none of the best passages
has such a sentence, the reports talk about the subject without counting what is asked
(八千办事处主任王文昌今年多大: 主任 is there, no age): not found.

And what is counted (the words after 多少 / 几: 钱 of "核酸检测多少钱一次", 救护车 of "派了几辆
救护车") must be mentioned by one of those passages at all: a figure of 核酸检测 is no price.

Sentences, not passages: a passage has figures of other things in other sentences. A lone 一
with its unit (一名, 一次) is an article more often than a count, so it is no figure here, as
it is no direct answer (direct_answer.py).

Dates only for a question asking the day, year or month (哪天, 几号, 哪一年, 几月): its answer
is a date of that grain. The same test for every date question (何时, 什么时候, 什么时期) turned
away three answerable CMRC trial questions, whose answers are a period (白垩纪) or a date in
another sentence than the words asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from retrieval.search.ages import AGE, AGE_NOUNS, asks_age
from retrieval.search.answer_guards import counts_times_not_asked
from retrieval.search.answer_spans import Span, date_spans, is_article_one, leading_unit, number_spans
from retrieval.search.chat_phrases import counted_noun
from retrieval.search.people_counts import (
    PEOPLE_AFTER,
    PEOPLE_BEFORE,
    counted_by_ge,
    counts_people,
    figures_of_people,
)
from retrieval.search.question_type import (
    CLOCK_GRAIN,
    WHERE_QUESTION_WORDS,
    AnswerKind,
    answer_grain,
    question_shape,
)
from retrieval.search.site_counts import asks_sites, site_figures
from retrieval.text.sentences import split_sentences

# Units a figure must carry to answer a question asking in them. A count of people or things
# is written with any classifier (多少人 → 3750名村民, 几个 → 6名), so those are not here; nor
# are spans of time, as a report writes 32年 and 14天 in forms date_spans takes for dates: those
# are found their own way (YEARS, DURATIONS).
MEASURES = frozenset(
    """人次 岁 周岁 元 万元 亿元 美元 欧元 英镑 日元 港元 块 平方公里 平方千米 平方米 公顷 亩 公里 千米 米 厘米
    毫米 公分 公尺 公厘 呎 吋 英里 英尺 英寸 海里 公斤 千克 克 吨 斤 磅 升 毫升 倍 度 ℃ 摄氏度 % ％""".split()
)
# Classifiers of things no other classifier counts, each with those that count the same things:
# "多少台电暖气" is answered by a figure in 台 (or a share, 80%), and "30余名" or "13辆" beside
# 电暖气 counts something else. Not the classifiers one count is written with as well as another
# (个 and 只 of 口罩, 件 and 套 of 防护服, 名, 位, 次, 种, 项, 家, 处, 批 …), nor spans of time
# (see MEASURES).
THINGS = {
    "台": ("台",), "辆": ("辆",), "户": ("户",), "架": ("架",), "艘": ("艘",), "层": ("层",),
    "栋": ("栋", "座", "幢"), "幢": ("栋", "座", "幢"), "座": ("栋", "座", "幢"),
    "例": ("例",),  # cases: 确诊了多少例 is not answered by 178万余人次 tested
    "轮": ("轮",),  # rounds: 做了几轮 is not answered by 132个核酸检测点
}  # fmt: skip
SHARES = ("%", "％", "成")
# What a number names rather than counts, asked as "…是多少": its answer is a run of three digits
# or more that is no year, date or amount (0371-67179999, 12345, 450000, 007), not a count.
IDENTIFIERS = (
    "号码", "电话", "手机号", "手机", "邮编", "邮政编码", "编号", "账号", "传真", "热线", "车牌号", "车牌", "门牌号",
)  # fmt: skip
YEARS = "年"  # 多少年: a length in years, asked like a measure
# Lengths of time asked in their unit (隔多少天, 几个月): a figure in it answers, in digits or words.
DURATIONS = ("天", "小时", "分钟", "周", "个月")
# Classifiers a count of people is asked in (多少人): a figure in one of them or a share answers
# (3750名村民, 178万余人次, 抽调80%人员), no other (每天24小时居家管理, 配送三餐 count no people).
PEOPLE = ("人", "名", "位")
_MOUTHS = "口人"  # 多少口人 (a village's size) counts people; 口 is no unit, or 多少口罩 would ask in it
# 确诊 / 病例 / 阳性 beside the question word: cases are counted, in 例 (多少确诊病例, 几个阳性).
_CASES_ASKED = re.compile("确诊|病例|阳性")
_CASE_COUNTERS = ("个", *PEOPLE)  # 确诊了几个人 / 多少名: still cases, which a report counts in 例
# What may follow the question word of a question asking what a number that names is (是啥呀？).
_ASKED_ENDS = re.compile(r"[\s，,。！？!?；;：:…~～呢啊呀吧]")
_HEADS = (*PEOPLE, "人次", *SHARES)
_DURATION_RUN = re.compile(r"[\d.一二两三四五六七八九十百半几]+(?:多|余)?(?:天|小时|分钟|周|个月)")
_YEARS_RUN = re.compile(r"(?<![\d.])\d{1,3}(?:多|余)?年(?![代级])")
_IDENTIFIER = re.compile(r"(?<![\d.])\d[\d\-]+\d(?![\d.万亿千百多余几])")
_GOING = ("去", "来")  # after 多少人: where they went, no thing counted (派了多少人去明港帮忙)
_QUOTED_NAME = re.compile(r"“[^”]{1,6}”")  # a campaign or a team named in quotes: “四个一”, “战疫突击队”
CLAUSE_BREAK = re.compile(r"[\s，,。！？!?；;：:、]")  # where a clause of a question ends
# A question ending by asking a number that names, whatever it counted first: "那几部热线号码是多少"
# asks the numbers, not the 5部 of 热线5部.
_ENDS_ASKING_IDENTIFIER = re.compile("(?:" + "|".join(IDENTIFIERS) + r")(?:是|为)?多少" + _ASKED_ENDS.pattern + "*$")


def asks_count(question: str) -> bool:
    """Whether `question` is answered by a figure: 多少 / 几 (哪几 is no number question: "精通哪几门
    语言" wants the languages, question_type.py), but not a list of words ending in 人数 / 数量
    (its words, not a count of them, are what the reports must mention)."""
    shape = question_shape(question)
    return shape.kind is AnswerKind.NUMBER and not shape.by_noun


def asks_day(question: str) -> bool:
    """Whether `question` asks on which day, year or month (哪天, 几号, 哪一年, 几月), not when in
    general (何时, 什么时候: a period may answer those), nor at what hour: a time of day is
    written too many ways (6时15分, 8点半) for date_spans to find each."""
    shape = question_shape(question)
    grain = answer_grain(shape)
    return shape.kind is AnswerKind.DATE and bool(grain) and grain != CLOCK_GRAIN


def asks_which_place(question: str) -> bool:
    """Whether `question` asks which place or organisation of a kind (哪个厂家, 哪家医院), not
    where (哪里值守: what follows a where word is done there, no kind asked)."""
    shape = question_shape(question)
    return shape.kind is AnswerKind.PLACE and shape.word not in WHERE_QUESTION_WORDS


_ASKED_COUNT = re.compile("^(?:几|多少)")


def counted_words(question: str, asked: Iterable[str]) -> list[str]:
    """The words of `asked` that say what is counted: those in the question's clause after its
    question word ("多少钱一次": 钱; "几辆救护车": 救护车), bar the unit and figures such as 一次;
    and those the question does not spell (a typo read as a corpus word: 首套 → 手套)."""
    shape = question_shape(question)
    after = CLAUSE_BREAK.split(shape.after.lower())[0]
    unit = leading_unit(after)
    lowered = question.lower()
    # 张明强多大岁数了: 55岁的社区工作者 says no 岁数. 多少人去明港帮忙: going counts nothing.
    uncounted = (*AGE_NOUNS, *_GOING) if asks_age(shape) else _GOING
    counted = [
        _without_classifier(word, unit, after)
        for word in asked
        if (word in after or word not in lowered) and word != unit and not _is_figure(word) and word not in uncounted
    ]
    # A count jieba glued to its measure word is asked, not counted: "他一天带几辆车跑几趟" counts
    # 车 (the noun of 几辆车) and times (几趟, which counts no thing).
    nouns = {word: counted_noun(word) for word in asked if _ASKED_COUNT.match(word)}
    asked_counts = {word: noun for word, noun in nouns.items() if noun is not None}
    return [*(noun for noun in asked_counts.values() if noun), *(w for w in counted if w not in asked_counts)]


# Classifiers jieba may glue to the noun they count (几/支队 of "组了几支队"): the noun is what a
# report counts (15支“战疫突击队”), not the 支队 no report says.
_GLUED_CLASSIFIERS = ("支", "个", "辆", "台", "座", "所", "条", "间", "项", "种")


def _without_classifier(word: str, unit: str, after: str) -> str:
    glued = unit in _GLUED_CLASSIFIERS and len(word) > len(unit) and after.startswith(word)
    return word[len(unit) :] if glued and word.startswith(unit) else word


def gives_figure(
    words: Iterable[str],
    texts: Iterable[str],
    question: str,
    figures: Callable[[str], list[Span]] = number_spans,
) -> bool:
    """True when a sentence of one of `texts` mentions one of `words` (lower-cased substrings,
    as in term_coverage) and a figure that `question` does not contain: a number, or what
    `figures` finds (`date_spans` for a day). What jieba left of the question word (年 of 哪年,
    which 32年党龄 holds) is no word of the question's beside a figure, nor 年 of 多少年."""
    shape = question_shape(question)
    # Nor is 年 of 多少年: every year's date holds it (32年党龄 is no length of a post). Another unit
    # asked in (厘米 of 全长是多少厘米) does tell a figure of what is asked.
    years = leading_unit(shape.after) == YEARS
    # 几辆车, one word to jieba, is told by the noun it counts beside a figure (6辆流动采样车).
    words = tuple(
        counted_noun(word) or word for word in words if word not in shape.word and not (years and word == YEARS)
    )
    for text in texts:
        for sentence in split_sentences(text.lower()):
            if any(word in sentence for word in words) and _has_new_figure(sentence, question, figures):
                return True
    return False


def asked_figures(question: str) -> Callable[[str], list[Span]]:
    """The figures that may answer `question`: a run of digits when it asks a number that names
    rather than counts (IDENTIFIERS: 热线电话号码是多少 is not answered by 热线5部);
    of the unit it asks in, when that is a measure (MEASURES); in its classifier or a share, when
    that counts one kind of thing (THINGS); of heads for people, not of others (people_counts.py);
    for sites in 个 (几个检测点), their counts (site_counts.py); any figure otherwise."""
    shape = question_shape(question)
    unit = "人" if shape.after.startswith(_MOUTHS) else leading_unit(shape.after)
    if (not unit or unit in _CASE_COUNTERS) and _CASES_ASKED.search(shape.before[-4:] + shape.after[:4]):
        unit = "例"  # 多少确诊病例, 确诊了几个人: cases are counted in 例, not 共行动6次 beside 确诊病例
    elif not unit and counts_people(shape.after):
        unit = "人"  # 多少机关干部 counts people (下沉机关干部66人), not 14个村级党组织 beside 机关干部
    elif not unit and not _ASKED_ENDS.sub("", shape.after) and PEOPLE_BEFORE.search(shape.before):
        unit = "人"  # 居家隔离的人一共有多少: people counted before the question word, not 24小时
    if asks_age(shape):
        unit = AGE  # 毛书学今年多大了: an age, in 岁 (55岁的社区工作者), not 32年党龄 nor 3750名村民
    # 热线几部 counts hotlines: a measure word after the question word asks a count, not a number.
    if shape.before.rstrip("是为的 ").endswith(IDENTIFIERS) and not unit or _ENDS_ASKING_IDENTIFIER.search(
        question
    ):
        return _identifiers
    if unit == YEARS:
        return _years
    if unit in DURATIONS:  # 隔多少天: 14天, 十四天, not 2600余名 nor 4月21日
        return lambda sentence: [
            Span(m.start(), m.end(), m.group()) for m in _DURATION_RUN.finditer(sentence) if unit in m.group()
        ]
    if unit in THINGS:
        return lambda sentence: [
            span for span in number_spans(sentence) if span.text.endswith((*THINGS[unit], *SHARES))
        ]
    if unit in PEOPLE:  # 多少人: 3750名村民 or 178万余人次, not 24小时 nor 三餐; nor others (people_counts.py)
        return figures_of_people(shape.before, shape.after, _heads)
    counted = _ASKED_ENDS.sub("", CLAUSE_BREAK.split(shape.after[1:])[0])
    if unit == "个" and counted_by_ge(counted):
        # 隔离了几个人: heads (6名居家隔离人员), or 个 before people (两个人), not 3个行政村.
        return lambda sentence: [
            span
            for span in number_spans(sentence)
            if span.text.endswith(_HEADS) or span.text.endswith("个") and PEOPLE_AFTER.match(sentence[span.end :])
        ]
    if asks_sites(unit, counted):  # 几个核酸检测点: 6个检测点, 12处; not 7辆, 15个指导组 (site_counts.py)
        return site_figures
    if unit not in MEASURES:  # of any unit, bar times done when they are not asked (共行动6次)
        return lambda sentence: [
            span for span in number_spans(sentence) if not counts_times_not_asked(span.text, shape.after)
        ]
    return lambda sentence: [span for span in number_spans(sentence) if unit in span.text]


def asks_identifier(question: str) -> bool:
    """Whether `question` asks what a number that names is (车牌号是啥, 热线电话是什么): one of
    IDENTIFIERS and 是 before a 什么 / 啥 that ends the question. (多少 of 热线电话号码是多少 is
    read by `asked_figures`; "手机 咋测核酸" asks no number.)"""
    shape = question_shape(question)
    return (
        shape.kind is AnswerKind.PHRASE
        and not _ASKED_ENDS.sub("", shape.after)
        and shape.before.rstrip(" ").endswith(tuple(f"{word}是" for word in IDENTIFIERS))
    )


def gives_identifier(texts: Iterable[str]) -> bool:
    """Whether one of `texts` gives a run of digits with no unit after it (0371-67179999)."""
    return any(_identifiers(sentence) for text in texts for sentence in split_sentences(text))


def _years(sentence: str) -> list[Span]:
    """Spans of years (32年, 三十年), those number_spans reads and those it leaves to dates."""
    return [span for span in number_spans(sentence) if YEARS in span.text] + years_run(sentence)


def years_run(sentence: str) -> list[Span]:
    """Lengths of years in digits: date_spans takes "32年" for a year's date, so a length of years
    is read here, up to three digits (not 2020年, nor 80年代)."""
    return [Span(m.start(), m.end(), m.group()) for m in _YEARS_RUN.finditer(sentence)]


def _identifiers(sentence: str) -> list[Span]:
    """Runs of digits with no unit after them: 0371-67179999, not 12345人次 nor 2020年."""
    return [
        Span(m.start(), m.end(), m.group())
        for m in _IDENTIFIER.finditer(sentence)
        if not leading_unit(sentence[m.end() :])
    ]


def _is_figure(word: str) -> bool:
    return [span.text for span in number_spans(word)] == [word]


def gives_day(words: Iterable[str], texts: Iterable[str], question: str) -> bool:
    """`gives_figure` for a day: a date beside one of `words` that `question` does not give,
    of the grain it asks (a year to 哪一年: 凌晨2点 is none)."""
    grain = answer_grain(question_shape(question))

    def dates(sentence: str) -> list[Span]:
        return [span for span in date_spans(sentence) if any(mark in span.text for mark in grain)]

    return gives_figure(words, texts, question, dates)


def _heads(sentence: str) -> list[Span]:
    return [span for span in number_spans(sentence) if span.text.endswith(_HEADS)]


def _has_new_figure(sentence: str, question: str, figures: Callable[[str], list[Span]]) -> bool:
    # A figure in a short quoted name counts nothing: “四个一”暖心行动 gives no count of 体温探测器.
    names = [(m.start(), m.end()) for m in _QUOTED_NAME.finditer(sentence)]
    return any(
        span.text not in question
        and not is_article_one(span.text)
        and not any(start < span.start and span.end < end for start, end in names)
        for span in figures(sentence)
    )
