"""The reader interface: one file's bytes in, its articles out, whatever the format.

A reader raises `UndecodableFile` with a one-line reason naming the file when it cannot read
one; it never returns a half-read file silently. Readers that get text and metadata hand both
to `articles_from_text` or `article_from_paragraphs`, so every format gets its date by the
same rules (`dating.article_date`) and its articles by the same layout analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Protocol

from retrieval.text.dating import article_date
from retrieval.text.ingest import page_articles
from retrieval.types import Article

SNIFF_BYTES = 2048  # how much of a file `Reader.sniff` sees
MB = 2**20
TEXT_MAX_BYTES = 20 * MB  # a text page or HTML page larger than this is not a report


class Reader(Protocol):
    """One file format. `extensions` are lower-case with the dot; `sniff` recognises the format
    from a file's first bytes whatever its name (a PDF saved as .txt), or says False.
    `max_bytes`: larger files are skipped with a warning (e-paper PDFs carry images, CMS
    exports hold thousands of articles: each format has its own sensible size)."""

    name: str
    extensions: tuple[str, ...]
    max_bytes: int

    def sniff(self, head: bytes) -> bool: ...

    def read(self, data: bytes, source: str) -> list[Article]: ...


@dataclass(frozen=True)
class Metadata:
    """What a file says about its article besides the text: CMS fields, <meta>, front matter."""

    title: str | None = None
    date: object = None  # anything `dating.parse_date` reads: ISO text, a datetime, a timestamp
    author: str | None = None
    url: str | None = None
    page: str | None = None
    record: str | None = None
    editor: str | None = None  # a CMS export's 责任编辑


def with_metadata(article: Article, meta: Metadata, source: str, only_one: bool) -> Article:
    """The article with its date settled and the file's metadata filled in where it has none.

    The metadata title names the whole file, so it replaces a headline only when the file
    holds one article."""
    return replace(
        article,
        title=meta.title if meta.title and only_one else article.title,
        date=article_date(source, meta.date, article.date, article.paragraphs),
        byline=article.byline or meta.author,
        url=article.url or meta.url,
        page=article.page or meta.page,
        record=article.record or meta.record,
        staff=article.staff or (f"责任编辑:{meta.editor}" if meta.editor else None),
    )


def articles_from_text(text: str, source: str, meta: Metadata = Metadata()) -> list[Article]:
    """Articles of extracted page text, by the layout analysis plain-text pages get."""
    articles = page_articles(text, source)
    return [with_metadata(a, meta, source, only_one=len(articles) == 1) for a in articles]


def article_from_paragraphs(
    paragraphs: list[str], source: str, meta: Metadata, number: int = 0, subheadings: tuple[int, ...] = ()
) -> Article:
    """One article whose reader already knows its paragraphs (HTML body, a JSON record)."""
    title = meta.title or (paragraphs[0][:30] if paragraphs else "")
    bare = Article(source, number, title, None, None, tuple(paragraphs), subheadings)
    return with_metadata(bare, meta, source, only_one=True)
