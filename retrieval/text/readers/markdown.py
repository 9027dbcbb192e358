"""Markdown pages (.md), with YAML (or TOML) front matter read by python-frontmatter.

Without this, `date: 2022-04-20` and `title: …` lines became the headline and the first
excerpt. Front matter keys are matched loosely (title/标题, date/published/发布时间, …) because
every static-site generator and CMS names them its own way.
"""

from __future__ import annotations

import frontmatter

from retrieval.errors import UndecodableFile
from retrieval.text.ingest import decode_report
from retrieval.text.readers.base import TEXT_MAX_BYTES, Metadata, articles_from_text
from retrieval.text.readers.fields import first_field
from retrieval.types import Article


class MarkdownReader:
    name = "markdown"
    extensions = (".md", ".markdown")
    max_bytes = TEXT_MAX_BYTES

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, data: bytes, source: str) -> list[Article]:
        text = decode_report(data, source)
        try:
            post = frontmatter.loads(text)
        except Exception as exc:  # yaml and toml raise their own error types; any is a bad header
            raise UndecodableFile(f"{source}: unreadable front matter ({type(exc).__name__}), skipped") from None
        if not post.metadata:
            return articles_from_text(text, source)
        fields = post.metadata
        meta = Metadata(
            title=first_field(fields, "title"),
            date=first_field(fields, "date", text_only=False),
            author=first_field(fields, "author"),
            url=first_field(fields, "url"),
            page=first_field(fields, "page"),
            editor=first_field(fields, "editor"),
        )
        body = post.content
        if meta.title and not body.lstrip().startswith("#"):
            body = f"# {meta.title}\n\n{body}"  # the layout then takes it as the headline
        articles = articles_from_text(body, source, meta)
        if not articles:
            raise UndecodableFile(f"{source}: front matter but no text, skipped")
        return articles
