"""PDF pages with a text layer (e-paper, newspaper layout included), by pdfplumber's words.

pdfplumber's own `extract_text` reads a page line by line across every column, so the
columns of a two-column page interleave. Here the page is cut the way a reader reads it: the
gutters are the vertical strips no body-text word covers; a row with a word across a gutter
(a headline over several columns) cuts the page into bands; each band is read column by
column, top to bottom. Lines in a larger type than the body become markdown headlines, so
the page layout analysis (`ingest`) starts an article there; lines in the top and bottom
margins are the page's header and footer: dropped, but a date among them is kept as the
page header's date.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import dataclass
from statistics import median

import pdfplumber

from retrieval.errors import UndecodableFile
from retrieval.text.dating import parse_date
from retrieval.text.readers.base import MB, Metadata, articles_from_text
from retrieval.types import Article

log = logging.getLogger(__name__)
MARGIN = 0.07  # share of the page height at top and bottom where headers and footers sit
HEADLINE_SIZE = 1.25  # type this much larger than the body is a headline
SUBHEADLINE_SIZE = 1.08
PAGE_LABEL = re.compile(r"第\s*[\d一二三四五六七八九十]{1,3}\s*版(?:\s*[:：]?\s*[\u4e00-\u9fff]{2,6})?")


@dataclass
class _Row:
    top: float
    bottom: float
    x0: float
    x1: float
    size: float
    text: str
    left: float = 0.0  # the bounds of the column (or the span of columns) the row is set in
    right: float = 0.0


def _join(words: list[dict]) -> str:
    """A row's words as text: a space only where the type leaves one (a space is 1/5 em wide)."""
    text, right = "", 0.0
    for word in sorted(words, key=lambda w: w["x0"]):
        spaced = text and word["x0"] - right > word["size"] * 0.15
        text += (" " if spaced else "") + word["text"]
        right = word["x1"]
    return text


def _rows(words: list[dict], left: float, right: float) -> list[_Row]:
    """Words on one baseline (within a third of their size) as one row, top to bottom."""
    rows: list[list[dict]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if rows and abs(rows[-1][0]["top"] - word["top"]) <= word["size"] / 3:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [
        _Row(min(w["top"] for w in row), max(w["bottom"] for w in row), min(w["x0"] for w in row),
             max(w["x1"] for w in row), max(w["size"] for w in row), _join(row), left, right)
        for row in rows
    ]  # fmt: skip


def _columns(words: list[dict], width: float, body: float) -> list[tuple[float, float]]:
    """The x ranges of the page's columns: stretches of body-text words between gutters."""
    covered = bytearray(int(width) + 2)
    for word in words:
        if word["size"] <= body * SUBHEADLINE_SIZE:
            covered[max(0, int(word["x0"])) : int(word["x1"]) + 1] = b"\x01" * (int(word["x1"]) + 1 - max(0, int(word["x0"])))
    columns: list[tuple[float, float]] = []
    start = None
    for x, on in enumerate(covered):
        if on and start is None:
            start = x
        elif not on and start is not None:
            columns.append((start, x))
            start = None
    merged: list[tuple[float, float]] = []
    for left, right in columns:  # a gap narrower than a character is a space, not a gutter
        if merged and left - merged[-1][1] < body:
            merged[-1] = (merged[-1][0], right)
        else:
            merged.append((left, right))
    return merged or [(0.0, width)]


def _column_of(word: dict, columns: list[tuple[float, float]]) -> int | None:
    """The column a word sits in, or None when it reaches across a gutter."""
    for i, (left, right) in enumerate(columns):
        if word["x0"] >= left - 1 and word["x1"] <= right + 1:
            return i
    return None


def _paragraphs(rows: list[_Row], body: float) -> list[str]:
    """Rows in reading order as text lines, one a paragraph: a row continues the paragraph above
    (across a column or page break too) unless the type changes, the row is indented, or the
    row above ended short of its column. Larger type is marked as a markdown headline."""
    lines: list[str] = []
    previous: _Row | None = None
    for row in rows:
        # Sub-headlines stay plain lines: the layout tells a section heading from a headline by
        # what follows it, and a markdown '##' would always start an article.
        level = 1 if row.size >= body * HEADLINE_SIZE else 2 if row.size >= body * SUBHEADLINE_SIZE else 0
        marker = "# " if level == 1 else ""
        same_type = previous is not None and abs(previous.size - row.size) < 0.5
        if same_type and level and lines and lines[-1].startswith(marker):
            lines[-1] += " " + row.text  # a headline set on two rows
        elif (
            same_type
            and not level
            and row.x0 - row.left < row.size  # a paragraph's first row is indented
            and previous.x1 > previous.right - 1.5 * previous.size  # its last row ends short
        ):
            lines[-1] = _glue(lines[-1], row.text)
        else:
            lines += ["", marker + row.text]
        previous = row
    return lines


def _glue(left: str, right: str) -> str:
    latin = left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum()
    return left + (" " if latin else "") + right


def _page_rows(page) -> tuple[list[_Row], list[str], float]:
    """The page's rows in reading order, the lines of its header and footer, its body type size."""
    words = page.extract_words(x_tolerance=1.5, y_tolerance=2, extra_attrs=["size"])
    if not words:
        return [], [], 0.0
    body = median(w["size"] for w in words for _ in w["text"])
    top_margin, bottom_margin = page.height * MARGIN, page.height * (1 - MARGIN)
    furniture = [w for w in words if w["bottom"] < top_margin or w["top"] > bottom_margin]
    words = [w for w in words if w not in furniture]
    columns = _columns(words, float(page.width), body)
    crossing = [w for w in words if _column_of(w, columns) is None]
    # A headline across columns takes the words on its baseline that happen to fit in one.
    spanning = [w for w in words if any(abs(w["top"] - c["top"]) <= c["size"] / 3 for c in crossing)]
    spanning_rows = _rows(spanning, columns[0][0], columns[-1][1])
    rest = [w for w in words if w not in spanning]
    rows: list[_Row] = []
    band_top = 0.0
    for cut, headline in zip([r.top for r in spanning_rows] + [page.height], [*spanning_rows, None], strict=True):
        for i, (left, right) in enumerate(columns):
            rows += _rows([w for w in rest if _column_of(w, columns) == i and band_top <= w["top"] < cut], left, right)
        if headline is not None:
            rows.append(headline)
            band_top = headline.bottom
    return rows, [row.text for row in _rows(furniture, 0.0, float(page.width))], body


class PdfReader:
    name = "pdf"
    extensions = (".pdf",)
    max_bytes = 200 * MB

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"%PDF-")

    def read(self, data: bytes, source: str) -> list[Article]:
        try:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                pages = [_page_rows(page) for page in pdf.pages]
        except Exception as exc:  # pdfminer raises many unrelated types for a broken file
            raise UndecodableFile(f"{source}: not a readable PDF ({type(exc).__name__}), skipped") from None
        rows = [row for page_rows, _, _ in pages for row in page_rows]
        blank = [str(number) for number, (page_rows, _, _) in enumerate(pages, start=1) if not page_rows]
        if rows and blank:  # a scanned page among text pages: its text is missing, say so
            log.warning("%s: page(s) %s have no text layer (scanned?), not indexed", source, ", ".join(blank))
        if not rows:
            raise UndecodableFile(
                f"{source}: PDF without a text layer (a scan?); OCR it to a text PDF to index it, skipped"
            )
        furniture = [line for _, header, _ in pages for line in header]
        header_date = next((found for line in furniture if (found := parse_date(line))), None)
        label = next((found.group(0) for line in furniture if (found := PAGE_LABEL.search(line))), None)
        body = median(size for page_rows, _, size in pages if page_rows)
        text = "\n".join(_paragraphs(rows, body))
        # The header's date goes in as a page-furniture line: the layout then ranks it as a
        # page header's date, below a date in the path or file name.
        if header_date:
            text = f"{header_date.replace('-', '年', 1).replace('-', '月', 1)}日\n\n{text}"
        articles = articles_from_text(text, source, Metadata(page=label))
        if not articles:
            raise UndecodableFile(f"{source}: PDF text but no article in it, skipped")
        return articles
