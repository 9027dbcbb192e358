"""The spans of a sentence that could answer a question of each kind: numbers with their units,
dates and times, people, places and organisations.

Numbers and dates are regular expressions (they are regular, and a regex is far cheaper than a
tagger); names come from jieba's part-of-speech tags, which know the index's own names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from retrieval.search.question_type import AnswerKind


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


_DIGITS = r"[0-9０-９]+(?:[.,．，][0-9０-９]{3})*(?:[.．][0-9０-９]+)?"
_HAN_DIGITS = r"[零〇一二两三四五六七八九十百千万亿]+"
# Measure words and units, longest first so that 人次 wins over 人 and 平方公里 over 公里.
_UNITS = sorted(
    """人次 个月 个小时 个钟头 个星期 个礼拜 万元 亿元 美元 欧元 英镑 日元 港元 元 块 角 平方公里 平方千米 平方米 公顷 亩 公里 千米 米 厘米 毫米
    步 公分 公尺 公厘 呎 吋 英里 英尺 英寸 海里 公斤 千克 克 吨 斤 磅 升 毫升 小时 分钟 秒钟 秒 岁 周岁 年 天 日 周 星期 倍 度 ℃ 摄氏度 %
    ％ 个 人 名 位 家 套 件 只 条 次 层 栋 座 所 辆 台 部 本 首 场 届 项 种 支 架 艘 枚 张 户 集 话 章 卷 册 篇 季 轮
    局 票 款 期 批 处 间 份 例 起 箱 袋 包 瓶 桶 双 杯 株 棵 头 匹 尾 分 片 颗 根 队 国 省 市 县 村 字 页 餐 顿 趟 门 路
    代 级 强 名次 马力 分贝 千瓦 瓦 伏 赫兹 兆 码 号 位数 帧 像素 毫安时 克拉 英亩 公升 加仑""".split(),
    key=len,
    reverse=True,
)
_UNIT = "(?:" + "|".join(re.escape(unit) for unit in _UNITS) + ")"
_MAGNITUDE = r"(?:万|亿|千|百|万亿)?(?:多|余|几)?"
# An Arabic number may stand alone (a year, a score); a Chinese one only with its unit, or every
# 一 of 统一 would be a number. A Chinese one may have a decimal point: 八点六公里, not 六公里.
# Half a unit of time, alone or after a count of them (半个小时, 一个半月), first: 一个 of 一个半小时
# would match as a count of its own.
_HALF = rf"(?:(?:{_DIGITS}|{_HAN_DIGITS})个)?半个?(?:小时|钟头|分钟|天|星期|周|月|年)"
_NUMBER = re.compile(
    rf"(?:约|近|超过|逾|第)?(?:{_HALF}|{_DIGITS}{_MAGNITUDE}{_UNIT}?|{_HAN_DIGITS}(?:点{_HAN_DIGITS})?{_MAGNITUDE}{_UNIT})"
    rf"(?:(?:至|到|-|—|~|～){_DIGITS}{_MAGNITUDE}{_UNIT}?)?"
)
_DATE = re.compile(
    r"(?:公元前?)?(?:[0-9]{1,4}|[〇零一二三四五六七八九]{2,4})年(?:[0-9一二三四五六七八九十]{1,2}月"
    r"(?:[0-9一二三四五六七八九十]{1,3}[日号])?)?(?:[上中下]旬|初|底|末)?"
    r"|[0-9一二三四五六七八九十]{1,2}月(?:[0-9一二三四五六七八九十]{1,3}[日号])?(?:[上中下]旬|初|底)?"
    r"|[0-9]{1,2}世纪(?:[0-9]{1,2}年代)?(?:初|末|中叶|中期)?|[0-9]{2,4}年代(?:初|末|中期)?"
    r"|(?:上午|下午|凌晨|早上|晚上|中午|傍晚)?[0-9]{1,2}[:：][0-9]{2}"
    r"|(?:上午|下午|凌晨|早上|晚上|中午|傍晚)[0-9一二三四五六七八九十]{1,3}[时点](?:[0-9]{1,2}分|半)?"
)
NAME_DOTS = frozenset("·‧•・")
_PERSON_TAGS = frozenset({"nr", "nrfg", "nrt"})
_PLACE_TAGS = frozenset({"ns", "nt", "nz", "nrt"})
# A place runs on through the nouns and numbers of its address (香港屯门 兆康路 兆康苑, 深盛路 8 号),
# which jieba tags n, m, q; they never start one.
_ADDRESS_TAGS = frozenset({"n", "m", "q"})


_LATIN_BEFORE = re.compile(r"[A-Za-z]")


def trailing_unit(text: str) -> str:
    """The unit `text` ends with ("178万余人次" → "人次"), or ""."""
    return next((unit for unit in _UNITS if text.endswith(unit)), "")


# Classifiers that count people alike: 多少人 is answered by 3750名村民 or 12位专家.
PEOPLE_UNITS = frozenset({"人", "名", "位"})
# And that count times alike: 一天转运几趟 is answered by 20次的转运 (not by 人次, a unit of its own).
TIMES_UNITS = frozenset({"次", "趟", "回", "遍"})


def in_unit(text: str, unit: str) -> bool:
    """Whether the figure `text` is in `unit`, or in one made of it (人 → 人次: 178万余人次 answers
    多少人的核酸), or counts people or times as `unit` does (名, 位 for 人; 次 for 趟); not a unit
    merely ending in it (次 of 人次: 3.7万人次 is no number of 转运 trips), nor a time counted with
    个 (半个小时 is no count of 几个孩子)."""
    own = trailing_unit(text)
    if unit == "个" and own != unit:
        return False
    return own.startswith(unit) or any(unit in alike and own in alike for alike in (PEOPLE_UNITS, TIMES_UNITS))


def leading_unit(text: str) -> str:
    """The unit `text` starts with ("分钟内不得…" → "分钟"), or ""."""
    return next((unit for unit in _UNITS if text.startswith(unit)), "")


def _regex_spans(pattern: re.Pattern[str], sentence: str) -> list[Span]:
    return [Span(m.start(), m.end(), m.group()) for m in pattern.finditer(sentence) if m.group().strip()]


def number_spans(sentence: str) -> list[Span]:
    """Numbers with their units, ranges whole ("3至5年"); a date is not a number."""
    # A figure glued to Latin letters is part of a name (POWER5处理器, iPhone6): no count.
    numbers = [
        span for span in _regex_spans(_NUMBER, sentence) if not _LATIN_BEFORE.match(sentence, span.start - 1)
    ]
    dates = date_spans(sentence) if numbers else []  # most sentences have no number to check
    return [span for span in numbers if not any(d.start <= span.start and span.end <= d.end for d in dates)]


def is_article_one(number: str) -> bool:
    """一个, 一种, 一名: a lone 一 with its unit is an article more often than a count."""
    return number.startswith("一") and not number[1:2].isdigit()


def date_spans(sentence: str) -> list[Span]:
    return _regex_spans(_DATE, sentence)


def joined_names(tagged: list[tuple[str, str]], tags: frozenset[str]) -> list[tuple[str, str]]:
    """The words of a transliterated name joined into one, tagged as a name when any of its parts
    is: jieba cuts 伊夫林·比阿特丽斯·霍尔 into 伊夫 林 · 比 阿特 丽斯 · 霍尔 and tags 林 ng, 比 p, 丽斯 ns.
    A name runs from the word before its first dot (and one before that when that one is a single
    character, 伊夫 of 伊夫林) to the word after its last."""
    joined: list[tuple[str, str]] = []
    i = 0
    while i < len(tagged):
        if (
            i + 2 < len(tagged)
            and tagged[i + 1][0] in NAME_DOTS
            and tagged[i][0].strip()
            and tagged[i + 2][0].strip()
        ):
            start = i - 1 if i and len(tagged[i][0]) == 1 and joined and joined[-1][1] in tags else i
            if start < i:
                joined.pop()
            end = i + 2
            # between dots every word is the name's: 比 阿特 丽斯 up to the next dot
            while True:
                ahead = next(
                    (j for j in range(end + 1, min(end + 4, len(tagged))) if tagged[j][0] in NAME_DOTS), None
                )
                if ahead is None or ahead + 1 >= len(tagged) or not tagged[ahead + 1][0].strip():
                    break
                end = ahead + 1
            parts = tagged[start : end + 1]
            flag = next((f for _, f in parts if f in tags), parts[0][1])
            joined.append(("".join(word for word, _ in parts), flag))
            i = end + 1
        else:
            joined.append(tagged[i])
            i += 1
    return joined


def tagged_spans(
    sentence: str, tagged: list[tuple[str, str]], tags: frozenset[str], runs_on: frozenset[str] = frozenset()
) -> list[Span]:
    """Runs of words with one of `tags` (a person's family and given name, 河南省 郑州市), then
    any of `runs_on`, as spans; a transliterated name runs on across its dots (保罗·塞里诺),
    whatever jieba tags its parts."""
    spans: list[Span] = []
    position = 0
    run_start: int | None = None
    after_dot = False
    for word, flag in [*tagged, ("", "")]:
        at = sentence.find(word, position) if word else len(sentence)
        at = position if at < 0 else at
        if run_start is not None and word in NAME_DOTS:
            after_dot = True
        elif word.strip() and (flag in tags or after_dot or run_start is not None and flag in runs_on):
            run_start = at if run_start is None else run_start
            after_dot = False
        else:
            end = position - (1 if after_dot else 0)
            if run_start is not None and len(sentence[run_start:end].strip()) > 1:
                spans.append(Span(run_start, end, sentence[run_start:end]))
            run_start, after_dot = None, False
        position = at + len(word)
    return spans


def kind_spans(kind: AnswerKind, sentence: str, tag: Callable[[str], list[tuple[str, str]]]) -> list[Span]:
    """The spans of `sentence` that answer a question of `kind`; `tag` is called only for names."""
    if kind is AnswerKind.NUMBER:
        return number_spans(sentence)
    if kind is AnswerKind.DATE:
        return date_spans(sentence)
    if kind is AnswerKind.PERSON:
        return tagged_spans(sentence, joined_names(tag(sentence), _PERSON_TAGS), _PERSON_TAGS)
    if kind is AnswerKind.PLACE:
        return tagged_spans(sentence, tag(sentence), _PLACE_TAGS, _ADDRESS_TAGS)
    return []
