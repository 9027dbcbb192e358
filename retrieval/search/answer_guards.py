"""Why a span that stands where an answer would is still no answer.

A wrong answer is worse than none (direct_answer.py gives one only when sure). These are the
readings that looked sure and were wrong on the seeds files (docs/ANSWERS.md, Stop 26): a figure
counting what was done where a thing was counted, the day something began given as the day it
ended, a team's size given as what it does a day, a phrase cut inside a word. The end asked of a
date also decides whether the passages answer at all (`tells_the_end`, read by asked.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from retrieval.search.answer_spans import date_spans, number_spans
from retrieval.search.question_profile import QuestionProfile
from retrieval.search.question_type import (
    CLOCK_GRAIN,
    ENDS,
    PER_DAY,
    PER_DAY_SAID,
    WHERE_SAID,
    AnswerKind,
    answer_grain,
    asks_where,
    question_shape,
    said_of_what_is_asked,
)
from retrieval.text.sentences import split_sentences

# Classifiers that count times something was done (行动6次, 跑了3趟): no count of a thing, only the
# answer to 多少次 / 几趟. 人次 counts people.
TIMES_DONE = ("次", "遍", "趟", "回")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Going back or withdrawing asked with a verb of one character (回的南阳, 撤的, 撤了), which ENDS'
# words of two do not catch; a report would say it with one of these (not 结束 of a day's work).
_LEFT_ASKED = re.compile(
    r"^[^，,。？?]{0,3}(?:[回撤](?:的|了|去|来|走|掉|回|离)|回[\u4e00-\u9fff]{1,4}?(?:的|了|去|$)|离开)"  # 回山东的
)
# A count the question quotes and the thing it counts: 6个检测点 of "那6个检测点都设在哪儿".
_COUNTED_THING = re.compile(r"[0-9一二两三四五六七八九十]+[个辆处家座所条支]([\u4e00-\u9fff]{2,6}?)(?=都|分别|各|设|在|是|呢|$)")
_WHICH_PLACES = re.compile(r"哪几个(?:乡镇|村|社区|地方|街道)|哪些(?:乡镇|村|社区|地方|街道)")
_PLACES_LISTED = re.compile(r"、|分别")
_STOPPED_ASKED = re.compile(r"^[^，,。？?]{0,3}停(?:的|了|掉|下|用|运)")
_STOPPED_SAID = ("停止", "停运", "停用", "停了", "结束", "撤")
_LEFT_SAID = ("返回", "返程", "撤离", "撤回", "撤出", "撤走", "回到", "离开", "离郑", "凯旋")


def counts_times_not_asked(figure: str, after_question_word: str) -> bool:
    """Whether `figure` counts times something was done (共行动6次) where the question, by what
    follows its question word, counts something else (多少确诊病例, not 几回)."""
    return (
        figure.endswith(TIMES_DONE)
        and not figure.endswith("人次")
        and not after_question_word.startswith(TIMES_DONE)
    )


def says_the_end_or_rate(profile: QuestionProfile, sentence: str) -> bool:
    """False when `sentence` cannot give what the question asks: for a date asked of an end
    (哪天结束的, 啥时候撤回的), a sentence not saying the end (4月21日0点起…实施静态管理 tells when it
    began; a start is not held to this, as a report gives it as the subject's date, without 开始);
    for a number asked per day (一天能采多少人), a sentence giving none per day (the team's 80人)."""
    return said_of_what_is_asked(profile.shape, profile.text, sentence) is not False


def tells_the_end(after_question_word: str, texts: Iterable[str]) -> bool:
    """For a date asked of an end (哪天结束的): whether one of `texts` (passages) says the end asked
    and gives a date or time (次日凌晨5点左右结束; 2004年…赛后，…正式结束运动生涯); True when no
    end is asked."""
    ends = [word for word in ENDS if word in after_question_word]
    if not ends and _LEFT_ASKED.search(after_question_word):
        ends = list(_LEFT_SAID)  # "多会儿回的南阳", "啥时候撤的": a word saying they left
    elif not ends and _STOPPED_ASKED.search(after_question_word):
        ends = list(_STOPPED_SAID)  # "流动采样车哪天停的": a word saying it stopped
    return not ends or any(any(word in text for word in ends) and date_spans(text) for text in texts)


def tells_the_rate(question: str, texts: Iterable[str]) -> bool:
    """For a number asked per day (一天能采多少人): whether a sentence of one of `texts` gives a
    figure and says it is one a day (每日日采样约48000人); a total (共为13000余名群众提供服务) is
    no rate. True when no rate is asked."""
    shape = question_shape(question)
    if shape.kind is not AnswerKind.NUMBER or not any(word in question for word in PER_DAY):
        return True
    return any(
        any(word in sentence for word in PER_DAY_SAID) and number_spans(sentence)
        for text in texts
        for sentence in split_sentences(text)
    )


def tells_the_grain(question: str, texts: Iterable[str], words: Iterable[str] = ()) -> bool:
    """For a date asked in a grain (几点 an hour, 哪年 a year): whether one of `texts` gives a date
    or time in it. 管城's page tells when its buses began (1月11日) and no hour: "晚上几点收车"
    was answered with it. For an hour, the words surely asked (`words`) must be mentioned too:
    "郑州地铁几点收车" was answered by 现在是8点 of a transfer, the passages never saying 地铁.
    True when no grain is asked."""
    shape = question_shape(question)
    grain = answer_grain(shape)
    if shape.kind is not AnswerKind.DATE or not grain:
        return True
    # As typed: not 点 of 几点 nor 车 of 收车, nor a guess at a typo (干道 of "几点干到几点").
    words = [word for word in words if len(word) > 1 and word in question.lower()]
    if grain == CLOCK_GRAIN and words and not any(word in text for text in texts for word in words):
        return False
    return any(any(mark in span.text for mark in grain) for text in texts for span in date_spans(text))


def places_the_counted(question: str, texts: Iterable[str]) -> bool:
    """For where a counted set of things is (蒋冲村那6个检测点都设在哪儿, 那7个转运点都在哪几个乡镇):
    whether a sentence of `texts` naming the thing lists places (、, 分别) or says where one lies
    (位于). The page that counted them (蒋冲村设置了6个检测点,多点同时检测) places none. True when
    no counted set's place is asked."""
    shape = question_shape(question)
    counted = _COUNTED_THING.search(question)
    if counted is None or not asks_where(shape, question) and not _WHICH_PLACES.search(question):
        return True
    thing = counted.group(1)
    return any(
        thing in sentence and (_PLACES_LISTED.search(sentence) or any(said in sentence for said in WHERE_SAID))
        for text in texts
        for sentence in split_sentences(text)
    )


def starts_inside_a_word(sentence: str, start: int, tag: Callable[[str], list[tuple[str, str]]]) -> bool:
    """Whether jieba cuts a word across `start`: a phrase answer found after the question's words
    may begin where one of them matched the first character of a longer word (开 of 开具)."""
    if start <= 0 or not _HAN.match(sentence[start - 1]) or not _HAN.match(sentence[start : start + 1]):
        return False
    window = sentence[max(0, start - 3) : start + 3]
    cut, at = start - max(0, start - 3), 0
    for word, _ in tag(window):
        if at < cut < at + len(word):
            return True
        at += len(word)
    return False


# A cost asked (收钱不, 要钱不, 多少钱, 收费吗) and how a passage tells one: a sum of money, or
# that something is free (免费设置热水供应点 answers 八千的热水要钱不).
_COST_ASKED = re.compile(r"多少钱|几块钱|收费|收钱|要钱|花钱|花了多少|费用|价格|价钱|多少元|贵不贵|免费")
_COST_SAID = re.compile(r"[0-9一二两三四五六七八九十百千万亿]+(?:多|余)?(?:万|亿)?(?:元|块)|钱|费|价")


def tells_the_cost(question: str, texts: Iterable[str]) -> bool:
    """For a cost asked: whether one of `texts` (passages) says a sum or a fee (免费, 费用, 50元).
    管城's buses served 13000余名群众 and say nothing of a fee: "做一次核酸收钱不" is not answered.
    True when no cost is asked."""
    return not _COST_ASKED.search(question) or any(_COST_SAID.search(text) for text in texts)


# A yes-or-no question ends in its particle (下雨不, 降温吗, 阴性吗): the verb before it is what is
# asked; or it asks the verb after a doubled 会不会 / 能不能 (明天会不会下雨). Not when the question
# asks something else too ("…有啥照顾没,有热水喝不", "门要锁不" after 有啥硬规定): the yes or no is
# an aside to it. A cost is asked its own way (tells_the_cost).
_YES_NO_END = re.compile(r"(?:不|吗|么|没有?)[?？。.!！~～\s]*$")
_ASKS_BESIDE = re.compile(r"啥|什么|咋|怎|几|多少|谁|哪|何")
_A_NOT_A = re.compile(r"([会能要])不\1")


def asks_unseen_predicate(question: str, words: dict[str, float], unseen: float) -> bool:
    """Whether a yes-or-no `question` asks of a verb no report uses (郑州这周末下雨不: 下雨): its
    other words (郑州, 周末) are then all the passages can match. `words`: the question's words
    with their weights, `unseen` the weight of a word no passage has."""
    end, doubled = _YES_NO_END.search(question), _A_NOT_A.search(question)
    if (end is None and doubled is None) or _ASKS_BESIDE.search(question):
        return False
    if end is not None:
        before = question[: end.start()]
        asked = next((word for word in words if before.endswith(word)), None)
    else:
        after = question[doubled.end() :]
        asked = next((word for word in words if after.startswith(word)), None)
    return asked is not None and words[asked] >= unseen and not _COST_ASKED.search(asked)
