"""Counts of sites asked in 个 (几个核酸检测点, 多少个服务站): which figures of a sentence may be one.

A report counts sites in 个 with the site after it (设置了6个检测点), in 处 or another counter
of places (检测点12处), or bare after their noun (疫情监测点85个). A figure in 个 counting
something else is no answer: 15个指导组, 4个班次, 临时党支部299个 beside 检测点 or 核酸 in the
same sentence were taken for the count of 检测点, and a negative answered. Nor are people,
vehicles or times (500余名党员, 7辆转运车辆, 8点, 3班倒).
"""

from __future__ import annotations

import re

from retrieval.search.answer_spans import Span, number_spans

SITES = ("点", "站", "处", "所", "场", "口")  # what a site counted in 个 ends with: 检测点, 服务站, 卡口
_COUNTERS = ("个", "处", "座", "所", "家", "间", "余", "多", "万")  # what sites are counted in
_BEFORE = 4  # characters before a figure in 个 that may end the name of the sites it counts
_SITE_NOUN = re.compile(rf"[\u4e00-\u9fff]{{0,6}}[{''.join(SITES)}]")  # a short noun ending in a site
_PARTICLES = "呢啊呀吧来着"  # characters a question may end with after the sites it counts
_NOUN_AFTER = re.compile(r"“?[\u4e00-\u9fff]{1,6}")  # what a figure in 个 counts, up to a stop


def asks_sites(unit: str, counted: str) -> bool:
    """Whether a question counting `counted` in `unit` asks a number of sites (几个核酸检测点), a
    noun that ends there: not 多少个市直单位选派党员进驻核酸检测点, which counts 市直单位."""
    return unit == "个" and _SITE_NOUN.fullmatch(counted.rstrip(_PARTICLES)) is not None


def site_figures(sentence: str) -> list[Span]:
    """The figures of `sentence` that may count sites."""
    return [span for span in number_spans(sentence) if _counts_sites(span, sentence)]


def _counts_sites(span: Span, sentence: str) -> bool:
    if span.text.isdigit():  # a bare number followed by a word counts what it says (8点, 3班倒)
        return not _NOUN_AFTER.match(sentence, span.end)
    if not span.text.endswith(_COUNTERS):
        return False
    if not span.text.endswith("个"):
        return True
    # 个 counts what follows it (6个检测点), or with nothing after it what it follows, a verb or
    # two between (监测点85个, 检测点共有5个; not 临时党支部299个).
    counted = _NOUN_AFTER.match(sentence, span.end)
    if counted is None:
        return any(site in sentence[max(span.start - _BEFORE, 0) : span.start] for site in SITES)
    return any(site in counted.group() for site in SITES)
