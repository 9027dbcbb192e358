"""CMS HTML pages: the article body by trafilatura, without navigation, sidebars, related-news
lists or footers, and the title, date and author from <meta> and JSON-LD.

Bytes are decoded here, not by trafilatura's guesser: the page's own charset (GBK and GB2312
pages are common in Chinese CMS archives, read as their superset GB18030) is believed first,
then the same UTF-8-else-GBK rule as plain text. The date is taken from metadata only
(htmldate's extensive search would take a date from the footer's copyright line); a page
without one gets its date from its path or lead like any other file.
"""

from __future__ import annotations

import codecs
import re

import trafilatura

from retrieval.errors import UndecodableFile
from retrieval.text.ingest import decode_report, ends_sentence
from retrieval.text.readers.base import TEXT_MAX_BYTES, Metadata, article_from_paragraphs
from retrieval.types import Article

CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
SIGNATURE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.I | re.S)
META_AUTHOR = re.compile(r"""<meta[^>]+name\s*=\s*["'](?:author|byline|publisher_author)["'][^>]*content\s*=\s*["']([^"']+)""", re.I)
# The CMS's info line over the body ("来源：经开时报 作者：张三 发布时间：…"): not the report.
INFO_LINE = re.compile(r"^(?:来源|作者|编辑|责任编辑|发布时间|时间|浏览次数|字号)\s*[:：]")
GB_FAMILY = {"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn"}
SUBHEADING_MAX = 30


def decode_page(data: bytes, source: str) -> str:
    declared = CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        codec = "gb18030" if name in GB_FAMILY else name
        try:
            codecs.lookup(codec)
            return data.decode(codec)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to what the bytes say
    return decode_report(data, source)


class HtmlReader:
    name = "html"
    extensions = (".html", ".htm", ".shtml", ".xhtml")
    max_bytes = TEXT_MAX_BYTES

    def sniff(self, head: bytes) -> bool:
        return bool(SIGNATURE.match(head.lstrip(codecs.BOM_UTF8)))

    def read(self, data: bytes, source: str) -> list[Article]:
        page = decode_page(data, source)
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
        text = document.text if document is not None else ""
        lines = [" ".join(line.split()) for line in (text or "").splitlines()]
        lines = [line for line in lines if line and not INFO_LINE.match(line)]
        if not lines:
            raise UndecodableFile(f"{source}: no article text found in the page, skipped")
        title = document.title
        if title and lines[0] == title:
            lines = lines[1:] or lines
        author = _meta_author(page) or document.author  # trafilatura cuts "文/图" into "文; 图"
        meta = Metadata(
            title=title, date=document.date, author=author, url=document.url, page=", ".join(document.categories or ()) or None
        )
        # Short unfinished lines between paragraphs are the page's <h2>/<h3> sub-headings.
        subheadings = tuple(
            i for i, line in enumerate(lines[:-1]) if i and len(line) <= SUBHEADING_MAX and not ends_sentence(line)
        )
        return [article_from_paragraphs(lines, source, meta, subheadings=subheadings)]


def _meta_author(page: str) -> str | None:
    found = META_AUTHOR.search(page[:20_000])
    return " ".join(found.group(1).split()) if found else None
