"""Questions asking when a report itself came out: "明湖硬核防控那篇是哪天登的报", "最新一期是哪天发的".

What they ask for is in no sentence: a report's date is its page's dateline, its CMS field or
its file's date, which the index keeps as the article's date. So the checks that look in the
best passages for what a question asks (asked.py: 登报 in no passage; figures.py: no date
beside it) do not apply, and the direct answer is the first result's date when it has one.

Only a question that points at the report (那篇, 这期, 报道, 见报, 刊登 …) asks this: "公开信是
哪天发的" asks the date a passage gives, and "他的论文哪年发表的" the date of another text.
"""

from __future__ import annotations

import re
from datetime import date

from retrieval.search.question_type import AnswerKind, question_shape
from retrieval.types import DirectAnswer, Hit

# How a question points at the report itself (not 文章 or 发表 alone: 他的文章, 论文发表).
THE_REPORT = re.compile(
    r"那篇|这篇|哪篇|这则|那则|报道|稿子|报纸|日报|周报|简报|快报|这期|那期|哪期|一期|"
    r"见报|登报|登的报|登在|刊登|刊发|刊出|登出|上报纸"
)
# Words that point at a report or its coming out rather than at what it says.
REPORT_WORDS = frozenset(
    """报道 报导 文章 稿子 稿件 新闻 报纸 报 日报 通报 简报 周报 快报 专报 篇 那篇 这篇 哪篇 期 一期 这期
    那期 哪期 发 发的 登 登的 登报 见报 刊登 刊发 刊出 登出 发表 发布 出来""".split()
)


def asks_published(question: str) -> bool:
    """Whether `question` asks on which day (or when) the report it points at came out."""
    return question_shape(question).kind is AnswerKind.DATE and bool(THE_REPORT.search(question))


def published_answer(hit: Hit) -> DirectAnswer | None:
    """The hit's report date as a reader writes it (2020年4月3日), the line it is marked as, or
    None when undated."""
    if not hit.date:
        return None
    day = date.fromisoformat(hit.date)
    written = f"{day.year}年{day.month}月{day.day}日"
    return DirectAnswer(written, hit.rank, written)
