"""Plain-text report pages (.txt): decoded, then split into articles by the page layout."""

from __future__ import annotations

from retrieval.text.ingest import decode_report
from retrieval.text.readers.base import TEXT_MAX_BYTES, articles_from_text
from retrieval.types import Article


class PlainTextReader:
    name = "text"
    extensions = (".txt",)
    max_bytes = TEXT_MAX_BYTES

    def sniff(self, head: bytes) -> bool:
        return False  # text has no signature; the extension decides

    def read(self, data: bytes, source: str) -> list[Article]:
        return articles_from_text(decode_report(data, source), source)
