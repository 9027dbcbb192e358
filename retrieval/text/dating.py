"""An article's date: from its metadata, its path, its file name, its page header or its lead.

Sources are tried in that order of trust. A CMS field or front matter says what the editor
set; a folder `2022/04/20/` or a name `20220420_…` is how archives file a day's reports; the
page header ("2022年4月20日 星期三") is set by the layout desk; a lead ("4月20日，记者从…获悉")
names the day of the event, usually but not always the day of the report, so it comes last.
Chinese numerals ("二〇二二年四月二十日") are read here too, for the question side
(`retrieval.search.dates`) as well: one reader of Chinese dates.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime

DIGITS = "〇零一二三四五六七八九"
_VALUE = {"〇": 0, "零": 0, **{ch: i for i, ch in enumerate("一二三四五六七八九", start=1)}}
NUMERAL = rf"[\d{DIGITS}十两]"
# Full-width digits count as digits: "２０２２年４月２０日".
_FULL_WIDTH = str.maketrans("０１２３４５６７８９", "0123456789")

ISO_LIKE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
COMPACT = re.compile(r"(?<!\d)(20\d{2}|19\d{2})(\d{2})(\d{2})(?!\d)")
CHINESE_DATE = re.compile(rf"(?:({NUMERAL}{{4}}|{NUMERAL}{{2}})\s*年\s*)?({NUMERAL}{{1,3}})\s*月\s*({NUMERAL}{{1,4}})\s*[日号]")
YEAR_IN_PATH = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")
PATH_DATE = re.compile(r"(?<!\d)(19\d{2}|20\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
# The lead's opening, before its date: "本报讯（记者 张三）", "新华社郑州4月20日电".
LEAD_OPENING = re.compile(r"^(?:本报[^\s，,。]{0,6}讯|[^\s，,。]{0,12}电)?\s*(?:[（(][^（()）]{0,60}[）)])?\s*")


def chinese_number(text: str) -> int | None:
    """'20' / '二十' / '二〇二二' / '廿' -> int; None when it is not a number."""
    text = text.translate(_FULL_WIDTH).replace("两", "二").replace("廿", "二十").replace("卅", "三十")
    if text.isdigit():
        return int(text)
    if not text or any(ch not in _VALUE and ch != "十" for ch in text):
        return None
    if "十" not in text:  # digit by digit: "二〇二二"
        return int("".join(str(_VALUE[ch]) for ch in text))
    tens, _, units = text.partition("十")
    if len(tens) > 1 or len(units) > 1:
        return None
    return (_VALUE[tens] if tens else 1) * 10 + (_VALUE[units] if units else 0)


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def parse_date(value: object) -> str | None:
    """An ISO date from a metadata value: ISO text (with a time or not), '2022年4月20日',
    '20220420', or a Unix timestamp (seconds or milliseconds, as CMS exports write them)."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str):
        return None
    text = value.strip().translate(_FULL_WIDTH)
    for pattern in (ISO_LIKE, COMPACT):
        found = pattern.search(text)
        if found:
            return _iso(*(int(g) for g in found.groups()))
    found = CHINESE_DATE.search(text)
    if found and found.group(1):
        return _numerals_to_iso(*found.groups())
    return None


def _numerals_to_iso(year: str | None, month: str, day: str, default_year: int | None = None) -> str | None:
    numbers = [chinese_number(part) if part else None for part in (year, month, day)]
    full_year = numbers[0] if numbers[0] is None or numbers[0] >= 100 else 2000 + numbers[0]
    full_year = full_year or default_year
    if full_year is None or numbers[1] is None or numbers[2] is None:
        return None
    return _iso(full_year, numbers[1], numbers[2])


def date_from_path(source: str) -> str | None:
    """'2022/04/20/page.txt', '2022-04-20/…', '20220420_…' or '…_2022-04-20.html' -> ISO date."""
    *folders, name = source.split("/")
    found = PATH_DATE.search("/".join(folders) + "/") if folders else None
    if found:
        return _iso(*(int(g) for g in found.groups()))
    found = COMPACT.search(name) or PATH_DATE.search(name)
    return _iso(*(int(g) for g in found.groups())) if found else None


def date_from_lead(paragraph: str, year: int | None) -> str | None:
    """The date a lead opens with: '4月20日，记者从…获悉', '本报讯 2022年4月20日…'.

    A lead without a year takes `year` (from the path or the page), else it gives no date:
    a day without its year would sort with every year's reports."""
    opening = LEAD_OPENING.match(paragraph)
    rest = paragraph[opening.end() if opening else 0 :][:24]
    found = CHINESE_DATE.match(rest)
    if not found:
        return None
    return _numerals_to_iso(*found.groups(), default_year=year)


def article_date(
    source: str, explicit: object = None, header: str | None = None, paragraphs: Sequence[str] = ()
) -> str | None:
    """The date of an article: metadata, path or file name, page header, lead (in that order)."""
    found = parse_date(explicit) or date_from_path(source) or header
    if found or not paragraphs:
        return found
    in_path = YEAR_IN_PATH.findall(source)
    return date_from_lead(paragraphs[0], int(in_path[-1]) if in_path else None)
