"""Text -> articles: decode report text, clean its lines and undo the column breaks.

Every line of a page is classified on its own (page furniture, markdown headline, lead, byline or
plain text), then plain lines the newspaper's columns broke inside a sentence are joined back
(`_continues` says when, and why); `layout.split_page` then groups the result into articles.
"""

from __future__ import annotations

import codecs
import re
from datetime import date

from retrieval.errors import UndecodableFile
from retrieval.text.layout import CJK, LEAD, ROLE, STAFF_ROLES, Unit, split_page
from retrieval.text.sentences import ENDERS, FULL_STOPS, ends_sentence
from retrieval.types import Article

HEADING_MAX = 40  # longest line taken for a headline; the seeds' longest is 25 characters
SUBHEADING_MAX = 30  # within body text, longer unfinished lines are broken sentences
COLUMN_MIN = 8  # fewer characters than a column line holds (10-13 on the seed pages)
# No sentence starts with these, so a line that does continues the one before it.
NO_SENTENCE_STARTS = "，,、：:）)”’」』" + ENDERS

DATE = r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
FURNITURE = re.compile(
    rf"(?:\s*(?:{DATE}|星期[一二三四五六日天]|第\s*[\d一二三四五六七八九十]{{1,3}}\s*版"
    rf"|(?:{'|'.join(STAFF_ROLES)})\s*[:：]\s*[{CJK}·]{{0,4}}))+\s*"
)
NAME = rf"[{CJK}]{{2,3}}|[{CJK}]{{1,4}}·[{CJK}]{{1,6}}"
MEDIA = rf"[{CJK}]{{2,8}}(?:报|台|网|社)"  # "经开时报"
BYLINE_TOKEN = re.compile(rf"(?:{ROLE})?(?:{NAME}|{MEDIA})?(?:文/图|图/文|文图|摄|文|图)?")
NOT_BYLINE = re.compile(r"记者(?:手记|观察|调查|走访|探访|连线|来信)")  # column labels that parse as names
RUN_ON_BYLINE = re.compile(rf"[{FULL_STOPS}”]\s*((?:{ROLE})[^{FULL_STOPS}”]{{0,50}})$")
MARKDOWN = re.compile(r"^(#{1,6})\s+(.+?)\s*#*$")
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts with UTF-16's
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def decode_report(data: bytes, name: str) -> str:
    """The text of a report file: UTF-8 (BOM or not), UTF-16/32 with a BOM, else GB18030/GBK Chinese.

    Raises UndecodableFile, with a one-line reason naming the file, for empty, whitespace-only,
    binary or undecodable data. No statistical guessing: UTF-8 is strict enough that text passing
    it is UTF-8, and GB18030 is only believed when what it yields is common Chinese.
    """
    if not data:
        raise UndecodableFile(f"{name}: empty file, skipped")
    codec = next((codec for bom, codec in BOMS if data.startswith(bom)), None)
    if codec is None and b"\x00" in data:
        raise UndecodableFile(f"{name}: binary file (NUL bytes), skipped")
    try:
        text = data.decode(codec or "utf-8")
    except UnicodeDecodeError:
        if codec is not None:
            raise UndecodableFile(
                f"{name}: invalid {codec} bytes after its byte-order mark, skipped"
            ) from None
        text = _decode_chinese(data, name)
    if not text.strip():
        raise UndecodableFile(f"{name}: only whitespace, skipped")
    if len(CONTROL.findall(text, 0, 100_000)) > 0.1 * min(len(text), 100_000):
        raise UndecodableFile(f"{name}: binary file (mostly control characters), skipped")
    return text


def _decode_chinese(data: bytes, name: str) -> str:
    """GB18030 (a superset of GBK and GB2312), accepted only when it reads as common Chinese."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        raise UndecodableFile(f"{name}: invalid bytes, neither UTF-8 nor GBK/GB18030, skipped") from None
    # Latin-1 or random bytes often decode as GB18030 too, but into rare characters: real Chinese
    # text is nearly all in GB2312 (6,763 common hanzi plus CJK punctuation).
    foreign = [ch for ch in text[:100_000] if ord(ch) > 127]
    rare = sum(1 for ch in foreign if not _in_gb2312(ch))
    if rare > 0.1 * len(foreign):
        raise UndecodableFile(f"{name}: invalid bytes, not UTF-8 and not Chinese as GBK/GB18030, skipped")
    return text


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def normalise_lines(text: str) -> list[tuple[str, bool]]:
    """Non-empty lines, cleaned, each with whether it directly follows the previous one (no blank line).

    The reports' own characters are kept (no NFKC: ASCII ',' stays ',' and '“' stays '“'); only
    layout is normalised: line endings, zero-width and control characters, and every kind of
    space (tab, no-break, ideographic) becomes one ASCII space, since inside a line a space only
    ever separates headline phrases or names.
    """
    text = re.sub("\r\n?|[\u2028\u2029\x0b\x0c\x85]", "\n", text)
    text = CONTROL.sub("", re.sub("[\u200b-\u200d\u2060\ufeff]", "", text))
    lines: list[tuple[str, bool]] = []
    adjacent = False
    for raw in text.split("\n"):
        line = re.sub(r"[^\S\n]+", " ", raw).strip()
        if line:
            lines.append((line, adjacent))
        adjacent = bool(line)
    return lines


def _iso_date(line: str) -> str | None:
    found = re.search(DATE, line)
    if not found:
        return None
    year, month, day = (int(g) for g in found.groups() if g)
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _is_byline(line: str, continuation: bool = False) -> bool:
    """A line of names under roles: "记者 王军方 通讯员 董辉 文/图", "经开时报 李洪永 杨勇"."""
    tokens = line.split()
    if not tokens or len(line) > 60 or NOT_BYLINE.match(line):
        return False
    signed = re.match(ROLE, tokens[0]) or re.search(r"(?:文/图|摄)$", line)
    return bool(signed or continuation) and all(BYLINE_TOKEN.fullmatch(t) for t in tokens)


def _balanced(text: str) -> bool:
    pairs = ("“”", "‘’", "（）", "()", "《》", "「」", "【】")
    return all(text.count(a) == text.count(b) for a, b in pairs) and text.count('"') % 2 == 0


def _heading_like(text: str) -> bool:
    """Short, unfinished, and closing every quote it opens: a headline, or a broken line."""
    return (
        len(text) <= HEADING_MAX
        and not ends_sentence(text)
        and "。" not in text
        and text[-1] not in "，,、：:（(“‘《—-"
        and not text[-1].isdigit()  # "…2名扫码员、1" / "名消杀员": a number the column split
        and len(re.findall("[，,]", text)) <= 1  # two commas make a clause list, not a headline
        and _balanced(text)
    )


def _title_shaped(text: str) -> bool:
    """Two phrases set apart by a space or comma: how this paper writes its (sub-)headlines.

    Spaces between Latin words do not count: in English every line has them.
    """
    return bool(re.search(r"[^\sA-Za-z][ ,，、:：][^\sA-Za-z]", text))


def _classify(lines: list[tuple[str, bool]]) -> list[Unit]:
    units: list[Unit] = []
    for line, adjacent in lines:
        marked = MARKDOWN.match(line)
        prev = units[-1] if units else None
        if marked:
            units.append(Unit("markdown", marked.group(2), level=len(marked.group(1))))
        elif FURNITURE.fullmatch(line):
            units.append(Unit("furniture", line, date=_iso_date(line)))
        elif LEAD.match(line):
            units.append(Unit("lead", line))
        elif prev and prev.kind == "byline" and _is_byline(line, continuation=adjacent):
            prev.text += " " + line  # a byline broken over lines: "通讯员" / "王莹 张韶楠 文/图"
        elif _is_byline(line):
            units.append(Unit("byline", line))
        else:
            units.append(Unit("text", line))
    return units


def _opens_article(units: list[Unit], k: int) -> bool:
    """Whether units[k] is a headline: up to 3 short lines, then a lead, byline or markdown headline."""
    j = k
    while j < len(units) and j < k + 3 and units[j].kind == "text" and _heading_like(units[j].text):
        j += 1
    return j > k and j < len(units) and units[j].kind in ("lead", "byline", "markdown")


def _continues(out: list[Unit], units: list[Unit], k: int) -> bool:
    """Whether plain line units[k] continues the sentence of out[-1], broken there by the layout."""
    prev, line = out[-1], units[k].text
    if ends_sentence(prev.text):
        return False
    if line[0] in NO_SENTENCE_STARTS or "a" <= line[0] <= "z":
        return True
    if _opens_article(units, k):
        return False
    if prev.kind == "lead" or not _heading_like(prev.text):
        return True  # long, or ending in a comma, or an open quote: only a broken line looks so
    # prev is short and unfinished: a heading, or the first line of a paragraph that a column broke
    # ("办事处疫情专班人员连夜" / "分配核酸检测物资,…"). Lines under a byline, furniture or another
    # heading, or over another short line, are headline blocks. Within body text a heading has
    # this paper's two-phrase shape ("靠前指挥 主动担当作为") or is shorter than a column line
    # ("记者手记"); a paragraph's broken first line is a full column wide and has neither.
    before = out[-2] if len(out) > 1 else None
    if before is None or before.kind != "lead" and (before.kind != "text" or _heading_like(before.text)):
        return False
    heading = len(prev.text) <= COLUMN_MIN or _title_shaped(prev.text) and len(prev.text) <= SUBHEADING_MAX
    return not _heading_like(line) and not heading


def _glue(left: str, right: str) -> str:
    """Join a broken line; only Latin words need the space back."""
    latin = left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()
    return left + (" " if latin else "") + right


def _split_byline(text: str) -> tuple[str, str | None]:
    """Cut a byline the layout ran onto a paragraph's end: "…铜墙铁壁。记者 王赛华 文/图"."""
    found = RUN_ON_BYLINE.search(text)
    if found and _is_byline(found.group(1)):
        return text[: found.start(1)].rstrip(), found.group(1)
    return text, None


def page_units(text: str) -> list[Unit]:
    """A decoded page as units: lines classified, broken lines joined, run-on bylines cut off."""
    lines = normalise_lines(text)
    units = _classify(lines)
    out: list[Unit] = []
    for k, unit in enumerate(units):
        if unit.kind == "text" and out and out[-1].kind in ("text", "lead") and _continues(out, units, k):
            out[-1].text = _glue(out[-1].text, unit.text)
        else:
            out.append(unit)
    final: list[Unit] = []
    for unit in out:
        if unit.kind == "text":
            unit.kind = "heading" if _heading_like(unit.text) else "body"
        body, byline = _split_byline(unit.text) if unit.kind in ("body", "lead") else (unit.text, None)
        final.append(Unit(unit.kind, body, unit.level, unit.date))
        if byline:
            final.append(Unit("byline", byline))
    return final


def page_articles(text: str, source: str) -> list[Article]:
    """The articles of one decoded report page; `source` is its path inside the corpus folder."""
    return split_page(page_units(text), source)
