"""The corpus side of a build: every file's articles, read again only when the file changed.

An unchanged file (same sha256 as in the generation in use, built by the same format and
settings) takes its articles from that generation's store, so an update reads only what is new.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from retrieval.errors import UndecodableFile
from retrieval.index import generations as gen
from retrieval.index.manifest import Manifest
from retrieval.index.store import Store
from retrieval.text.corpus import read_articles, scan_corpus
from retrieval.text.readers import readers
from retrieval.types import Article

log = logging.getLogger(__name__)


def read_corpus(
    corpus_dir: Path,
    previous: tuple[Manifest, Path] | None,
    skipped: list[str],
    record_fields: tuple[tuple[str, str], ...] = (),
) -> tuple[list[Article], dict[str, str], list[Article]]:
    """All articles, each file's hash, and the articles of new or changed files; a warning line
    for each file skipped (and each unsupported extension) is appended to `skipped`."""
    previous_store = Store(previous[1] / gen.STORE_NAME) if previous else None
    articles: list[Article] = []
    changed: list[Article] = []
    hashes: dict[str, str] = {}
    registry = readers(record_fields)
    files = scan_corpus(corpus_dir, registry)
    skipped.extend(files.warnings())
    try:
        for path in files.readable:
            source = path.relative_to(corpus_dir).as_posix()
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            if previous_store is not None and previous[0].files.get(source) == digest:
                file_articles = previous_store.articles_of(source)
            else:
                try:
                    file_articles = read_articles(path, corpus_dir, registry=registry)
                except UndecodableFile as exc:
                    skipped.append(str(exc))
                    log.warning("%s", exc)
                    continue
                changed.extend(file_articles)
            hashes[source] = digest
            articles.extend(file_articles)
    finally:
        if previous_store is not None:
            previous_store.close()
    return articles, hashes, changed
