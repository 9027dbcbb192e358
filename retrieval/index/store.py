"""SQLite store of one index generation: articles, chunks (row = FAISS row) and file hashes."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import IndexCorrupt
from retrieval.types import Article, Chunk

SCHEMA = """
CREATE TABLE articles (
    source TEXT NOT NULL, number INTEGER NOT NULL, title TEXT NOT NULL, date TEXT,
    byline TEXT, paragraphs TEXT NOT NULL, subheadings TEXT NOT NULL DEFAULT '[]',
    url TEXT, page TEXT, record TEXT, staff TEXT,
    PRIMARY KEY (source, number)
);
CREATE TABLE chunks (
    row INTEGER PRIMARY KEY, source TEXT NOT NULL, article INTEGER NOT NULL, number INTEGER NOT NULL,
    title TEXT NOT NULL, section TEXT NOT NULL, date TEXT, paragraph INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX chunks_by_article ON chunks (source, article, number);
CREATE TABLE files (source TEXT PRIMARY KEY, sha256 TEXT NOT NULL, articles INTEGER NOT NULL);
"""


@dataclass(frozen=True)
class SourceInfo:
    """One indexed report file, as `/sources` lists it."""

    source: str
    titles: tuple[str, ...]
    date: str | None
    articles: int
    chunks: int


def write_store(
    path: Path, articles: Iterable[Article], chunks: Sequence[Chunk], file_hashes: dict[str, str]
) -> None:
    """Write a fresh store; chunk i gets row i, the row of its vector in FAISS."""
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA)
        connection.executemany(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (
                    a.source, a.number, a.title, a.date, a.byline,
                    json.dumps(a.paragraphs, ensure_ascii=False),
                    json.dumps(list(getattr(a, "subheadings", ()))),
                    a.url, a.page, a.record, a.staff,
                )
                for a in articles
            ),
        )  # fmt: skip
        connection.executemany(
            "INSERT INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (row, c.source, c.article, c.number, c.title, c.section, c.date, c.paragraph, c.text)
                for row, c in enumerate(chunks)
            ),
        )
        article_counts = dict(
            connection.execute("SELECT source, COUNT(*) FROM articles GROUP BY source").fetchall()
        )
        connection.executemany(
            "INSERT INTO files VALUES (?, ?, ?)",
            ((source, digest, article_counts.get(source, 0)) for source, digest in file_hashes.items()),
        )
        connection.commit()
    finally:
        connection.close()


# The first pages of a store that SQLite reads through a memory map (it maps at most the file's
# size). Mapped pages a search touched count in the process's RSS: 1 GB of map added 0.7 GB of RSS
# at 1M passages (3.2 -> 3.9 GB, against the 4 GB budget), so only a small store is mapped whole.
MMAP_BYTES = 64 << 20

ARTICLE_COLUMNS = (
    "source", "number", "title", "date", "byline", "paragraphs", "subheadings", "url", "page", "record", "staff",
)  # fmt: skip


def _select_list(present: set[str], table: str) -> str:
    """The article columns to select; those a format-1 store lacks read as NULL (see manifest.py)."""
    return ", ".join(f"{table}.{c}" if c in present else f"NULL AS {c}" for c in ARTICLE_COLUMNS)


def _article_from_row(row: tuple) -> Article:
    source, number, title, date, byline, paragraphs, subheadings, url, page, record, staff = row
    return Article(
        source=source, number=number, title=title, date=date, byline=byline,
        paragraphs=tuple(json.loads(paragraphs)), subheadings=tuple(json.loads(subheadings)),
        url=url, page=page, record=record, staff=staff,
    )  # fmt: skip


class Store:
    """Read side of a store; safe to share between threads (one connection behind a lock)."""

    def __init__(self, path: Path):
        if not path.is_file():
            raise IndexCorrupt(f"{path} is missing; rebuild the index with `reportqa build`")
        # Read-only: a serving process must never change an index another process may swap.
        # Immutable: a published generation's store is never written again (a build writes a new
        # generation), so SQLite may skip the file lock and change check of every statement.
        self._connection = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        try:
            # Pages read through a memory map, not a pread into SQLite's 2 MB cache each: the
            # store outgrows that cache, and a search's rows are scattered (~10 us a search).
            self._connection.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")
            self.n_chunks = self._one("SELECT COUNT(*) FROM chunks")[0]
            present = {row[1] for row in self._all("PRAGMA table_info(articles)")}
        except sqlite3.DatabaseError as exc:
            raise IndexCorrupt(
                f"{path} is not a readable index store ({exc}); rebuild it with `reportqa build`"
            ) from exc
        self._columns = _select_list(present, "articles")

    def _one(self, sql: str, params: Sequence = ()) -> tuple:
        with self._lock:
            return self._connection.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._connection.execute(sql, params).fetchall()

    def chunks(self, rows: Sequence[int]) -> dict[int, Chunk]:
        """The chunks at these FAISS rows, by row."""
        found: dict[int, Chunk] = {}
        for start in range(0, len(rows), 500):  # SQLite caps the number of bound parameters
            batch = [int(r) for r in rows[start : start + 500]]
            marks = ",".join("?" * len(batch))
            for row, *fields in self._all(f"SELECT * FROM chunks WHERE row IN ({marks})", batch):
                source, article, number, title, section, date, paragraph, text = fields
                found[row] = Chunk(source, article, number, title, date, paragraph, text, section)
        return found

    def chunk_dates(self) -> list[str | None]:
        """Every chunk's (its article's) date, in row order."""
        return [row[0] for row in self._all("SELECT date FROM chunks ORDER BY row")]

    def article(self, source: str, number: int) -> Article | None:
        row = self._one(f"SELECT {self._columns} FROM articles WHERE source = ? AND number = ?", (source, number))
        return _article_from_row(row) if row else None

    def articles(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Article]:
        """The articles with these (source, number) keys, by key; missing ones left out."""
        wanted = list(dict.fromkeys(keys))
        found: dict[tuple[str, int], Article] = {}
        for start in range(0, len(wanted), 250):  # two bound parameters a key
            batch = wanted[start : start + 250]
            pairs = ",".join(["(?, ?)"] * len(batch))
            params = [value for key in batch for value in key]
            # A join, not `(source, number) IN (VALUES ...)`, which SQLite answers by scanning
            # every article instead of using the primary key.
            sql = (
                f"WITH wanted(source, number) AS (VALUES {pairs}) SELECT {self._columns} FROM wanted "
                "JOIN articles ON articles.source = wanted.source AND articles.number = wanted.number"
            )
            for row in self._all(sql, params):
                article = _article_from_row(row)
                found[(article.source, article.number)] = article
        return found

    def articles_of(self, source: str) -> list[Article]:
        rows = self._all(f"SELECT {self._columns} FROM articles WHERE source = ? ORDER BY number", (source,))
        return [_article_from_row(row) for row in rows]

    def sources(self) -> list[SourceInfo]:
        chunk_counts = dict(self._all("SELECT source, COUNT(*) FROM chunks GROUP BY source"))
        titles: dict[str, list[str]] = {}
        dates: dict[str, str | None] = {}
        for source, title, date in self._all("SELECT source, title, date FROM articles ORDER BY source, number"):
            titles.setdefault(source, []).append(title)
            dates.setdefault(source, date)
        return [
            SourceInfo(source, tuple(titles.get(source, ())), dates.get(source), articles, chunk_counts.get(source, 0))
            for source, articles in self._all("SELECT source, articles FROM files ORDER BY source")
        ]

    def close(self) -> None:
        with self._lock:
            self._connection.close()


class ArticleReads:
    """One search's reads of articles: each is read from the store at most once, though the
    rerank (the leads' names) and the excerpts both want it."""

    def __init__(self, store: Store):
        self._store = store
        self._read: dict[tuple[str, int], Article | None] = {}

    def __call__(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Article]:
        """The articles with these keys, by key; missing ones left out (as `Store.articles`)."""
        keys = list(dict.fromkeys(keys))
        unread = [key for key in keys if key not in self._read]
        if unread:
            found = self._store.articles(unread)
            self._read.update({key: found.get(key) for key in unread})
        return {key: article for key in keys if (article := self._read[key]) is not None}
