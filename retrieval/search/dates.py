"""The dates a question asks about: Chinese days and spans in their common forms, and "latest".

    4月20日 / 4月20号 / 2022年4月20日 / 四月二十日 / 4.20 / 2022-04-20    one day
    4月20日到22日 / 4月20日至5月2日 / 20日到22日                        a span
    4月上旬 / 中旬 / 下旬, 5月初 / 月中 / 月底, 4月份, 2022年            a part of a month, a month, a year
    五一期间 / 国庆 / 元旦 / 清明                                       the fixed-date holidays
    最近 / 最新 / 最后一次                                               the latest report first

A question rarely names the year, so a span is kept without one (`AskedSpan.year` None) and
resolved against the years and months the archive holds (`resolve`). Holidays on the lunar
calendar (春节, 端午, 中秋) move every year and are not read. The matched words are cut from
the text that is searched only when the archive has reports of those dates (see `dated.py`).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from retrieval.text.dating import NUMERAL, chinese_number

_N = rf"{NUMERAL}{{1,3}}"
_YEAR = r"(?:(?P<year>\d{4}|[〇零一二三四五六七八九]{4})\s*年\s*)?"
_DAY = rf"(?P<day>{_N})\s*[日号]"
_TO = r"\s*(?:到|至|—|－|-|~|～)\s*"
_END = rf"(?:(?P<month2>{_N})\s*月\s*)?(?P<day2>{_N})\s*[日号]"

SPAN = re.compile(rf"{_YEAR}(?:(?P<month>{_N})\s*月\s*)?{_DAY}(?:{_TO}{_END})?")
ISO_DAY = re.compile(r"(?<!\d)(?P<year>\d{4})[-/.](?P<month>\d{1,2})[-/.](?P<day>\d{1,2})(?!\d)")
# "4.20" / "4/20": not a decimal ("3.5万", "1.2倍") and not part of a longer number.
DOTTED_DAY = re.compile(r"(?<![\d.])(?P<month>1[0-2]|0?[1-9])[./](?P<day>3[01]|[12]\d|0?[1-9])(?![\d.%万亿千百倍米元吨个])")
PART_OF_MONTH = re.compile(rf"{_YEAR}(?P<month>{_N})\s*月(?:份)?\s*(?P<part>上旬|中旬|下旬|初|中|底|末|下半月|上半月)?(?![\d{NUMERAL[1:-1]}日号])")
YEAR_ONLY = re.compile(r"(?<!\d)(?P<year>(?:19|20)\d{2})\s*年(?!\s*\d|\s*[〇零一二三四五六七八九十]+\s*月)")
HOLIDAYS = {  # (month, first day, last day) of the days off around fixed-date holidays
    "五一": (5, 1, 5), "劳动节": (5, 1, 5), "国庆": (10, 1, 7), "十一期间": (10, 1, 7), "十一假期": (10, 1, 7),
    "元旦": (1, 1, 3), "清明": (4, 4, 6),
}  # fmt: skip
HOLIDAY = re.compile(rf"{_YEAR}(?P<name>{'|'.join(HOLIDAYS)})(?:期间|假期|节|前后|当天)?")
LATEST = re.compile(r"最近一(?:次|天|期|份|日)|最新一(?:次|天|期|份)|最后一(?:次|天|期|份)|最近|最新")
PARTS = {"上旬": (1, 10), "中旬": (11, 20), "下旬": (21, 31), "初": (1, 7), "中": (11, 20), "底": (24, 31),
         "末": (24, 31), "上半月": (1, 15), "下半月": (16, 31), None: (1, 31)}  # fmt: skip


@dataclass(frozen=True)
class AskedSpan:
    """Days from (month, day) to (month_end, day_end); None where the question leaves it open."""

    year: int | None
    month: int | None
    day: int
    month_end: int | None
    day_end: int
    words: str  # as the question wrote it


@dataclass(frozen=True)
class AskedDates:
    spans: tuple[AskedSpan, ...]
    latest_words: tuple[str, ...]  # "最近一天", "最新": the question wants the newest report

    @property
    def latest(self) -> bool:
        return bool(self.latest_words)


def _number(text: str | None) -> int | None:
    return chinese_number(text) if text else None


def _year(text: str | None) -> int | None:
    value = _number(text)
    return value if value is None or value >= 100 else 2000 + value


def asked_dates(question: str) -> AskedDates:
    """The spans and the "latest" wish of a question (empty when it names no date)."""
    spans: list[AskedSpan] = []
    taken: list[tuple[int, int]] = []

    def free(found: re.Match) -> bool:
        return not any(found.start() < end and start < found.end() for start, end in taken)

    def add(found: re.Match, span: AskedSpan) -> None:
        days_ok = 1 <= span.day <= 31 and 1 <= span.day_end <= 31
        if days_ok and 1 <= (span.month or 1) <= 12 and 1 <= (span.month_end or 1) <= 12:
            spans.append(span)
            taken.append(found.span())

    for found in ISO_DAY.finditer(question):
        year, month, day = (int(found.group(g)) for g in ("year", "month", "day"))
        add(found, AskedSpan(year, month, day, month, day, found.group(0)))
    for found in SPAN.finditer(question):
        month, day = _number(found.group("month")), _number(found.group("day"))
        # A day without its month must say 日: "3号" alone is a building or a line ("5号线").
        if not free(found) or day is None or month is None and "号" in found.group(0):
            continue
        day2 = _number(found.group("day2")) or day
        month2 = _number(found.group("month2")) or month
        add(found, AskedSpan(_year(found.group("year")), month, day, month2, day2, found.group(0)))
    for found in HOLIDAY.finditer(question):
        if free(found):
            month, first, last = HOLIDAYS[found.group("name")]
            add(found, AskedSpan(_year(found.group("year")), month, first, month, last, found.group(0)))
    for found in PART_OF_MONTH.finditer(question):
        month = _number(found.group("month"))
        if free(found) and month is not None:
            first, last = PARTS[found.group("part")]
            add(found, AskedSpan(_year(found.group("year")), month, first, month, last, found.group(0)))
    for found in DOTTED_DAY.finditer(question):
        if free(found):
            month, day = int(found.group("month")), int(found.group("day"))
            add(found, AskedSpan(None, month, day, month, day, found.group(0)))
    for found in YEAR_ONLY.finditer(question):
        if free(found):
            add(found, AskedSpan(int(found.group("year")), 1, 1, 12, 31, found.group(0)))
    return AskedDates(tuple(spans), tuple(found.group(0) for found in LATEST.finditer(question)))


def _clamped(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, calendar.monthrange(year, month)[1]))


def resolve(span: AskedSpan, months: set[tuple[int, int]]) -> list[tuple[date, date]]:
    """The date ranges a span means in an archive holding reports of these (year, month)s."""
    ranges: list[tuple[date, date]] = []
    years = sorted({year for year, _ in months}) if span.year is None else [span.year]
    for year in years:
        for month in [span.month] if span.month else sorted(m for y, m in months if y == year):
            month_end = span.month_end or month
            end_year = year + 1 if month_end < month else year  # "12月30日到1月2日"
            try:
                first, last = _clamped(year, month, span.day), _clamped(end_year, month_end, span.day_end)
            except ValueError:
                continue
            ranges.append((first, last) if first <= last else (last, first))
    return ranges
