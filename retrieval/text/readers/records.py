"""CMS exports as JSON Lines or JSON: one article a record, fields found by their usual names.

A JSON file may be one record, a list of records, or an object holding the list under any key
(`{"data": [...]}`, `{"articles": [...]}`). A record's body may be HTML (CMS exports often keep
the editor's markup): its tags are stripped by trafilatura's paragraph reading. A record
without a body is skipped and counted in one warning; the file's other records are kept.
`source` stays the file's path; `Article.record` says which record (its id, else its position).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping

from retrieval.errors import UndecodableFile
from retrieval.text.ingest import decode_report
from retrieval.text.readers.base import MB, Metadata, article_from_paragraphs
from retrieval.text.readers.fields import first_field, names_for
from retrieval.types import Article

log = logging.getLogger(__name__)
TAG = re.compile(r"<(?:p|div|br|h[1-6]|li|section|article)\b[^>]*>", re.I)


def _records(value: object) -> list[Mapping]:
    if isinstance(value, list):
        return [item for item in value if isinstance(item, Mapping)]
    if isinstance(value, Mapping):
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(i, Mapping) for i in v)]
        return _records(lists[0]) if len(lists) == 1 and not first_field(value, "body") else [value]
    return []


def _paragraphs(body: str) -> list[str]:
    if TAG.search(body):
        import trafilatura  # only for exports that carry markup

        body = trafilatura.extract(f"<html><body>{body}</body></html>", include_comments=False) or ""
    return [" ".join(line.split()) for line in body.splitlines() if line.strip()]


class RecordsReader:
    name = "records"
    extensions = (".jsonl", ".ndjson", ".json")
    max_bytes = 500 * MB

    def __init__(self, extra_fields: Iterable[tuple[str, str]] = ()):
        self.extra_fields = tuple(extra_fields)  # (meaning, field name) pairs from settings

    def sniff(self, head: bytes) -> bool:
        return False

    def read(self, data: bytes, source: str) -> list[Article]:
        text = decode_report(data, source)
        try:
            records = _records(json.loads(text))
        except ValueError:
            records = None
        if records is None:  # JSON Lines: one record a line, a bad line skipped and counted
            records, bad = [], 0
            for line in text.splitlines():
                if line.strip():
                    try:
                        records += _records(json.loads(line))
                    except ValueError:
                        bad += 1
            if bad and not records:
                raise UndecodableFile(f"{source}: neither JSON nor JSON Lines, skipped")
            if bad:
                log.warning("%s: %d lines are not JSON, skipped", source, bad)
        articles: list[Article] = []
        missing = 0
        for position, record in enumerate(records, start=1):
            article = self._article(record, position, source, len(articles))
            if article is None:
                missing += 1
            else:
                articles.append(article)
        if not articles:
            wanted = "/".join(names_for("body", self.extra_fields)[:4])
            raise UndecodableFile(f"{source}: no record with a body field ({wanted}, …), skipped")
        if missing:
            log.warning("%s: %d of %d records have no body, skipped", source, missing, len(records))
        return articles

    def _article(self, record: Mapping, position: int, source: str, number: int) -> Article | None:
        extra = self.extra_fields
        body = first_field(record, "body", extra, text_only=False)
        paragraphs = _paragraphs(body) if isinstance(body, str) else []
        if not paragraphs:
            return None
        meta = Metadata(
            title=first_field(record, "title", extra),
            date=first_field(record, "date", extra, text_only=False),
            author=first_field(record, "author", extra),
            url=first_field(record, "url", extra),
            page=first_field(record, "page", extra),
            editor=first_field(record, "editor", extra),
            record=first_field(record, "id", extra) or str(position),
        )
        return article_from_paragraphs(paragraphs, source, meta, number=number)
