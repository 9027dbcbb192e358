"""A content-addressed cache of chunk vectors and tokens that survives rebuilds and crashes.

Keyed by a hash of what was embedded (and by model or tokenizer), so unchanged text is
never embedded twice, and an interrupted build resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from retrieval.migrations import migrate

# Numbered migrations (retrieval.migrations): a cache written by an older reportqa is upgraded.
MIGRATIONS = (
    """CREATE TABLE vectors (model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
                             PRIMARY KEY (model, text_hash)) WITHOUT ROWID""",
    """CREATE TABLE tokens (tokenizer TEXT NOT NULL, text_hash TEXT NOT NULL, tokens TEXT NOT NULL,
                            PRIMARY KEY (tokenizer, text_hash)) WITHOUT ROWID""",
)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """Vectors by (model, text hash) and token lists by (tokenizer, text hash)."""

    def __init__(self, path: Path):
        # A build writes vectors and tokens from two threads, each with its own connection;
        # a large token write may hold the lock for seconds, so wait rather than fail.
        self._connection = sqlite3.connect(path, timeout=120)
        self._connection.execute("PRAGMA journal_mode=WAL")
        migrate(self._connection, MIGRATIONS)

    def _lookup(self, sql: str, key: str, hashes: Sequence[str]) -> dict[str, bytes | str]:
        found: dict[str, bytes | str] = {}
        unique = list(dict.fromkeys(hashes))
        for start in range(0, len(unique), 500):
            batch = unique[start : start + 500]
            marks = ",".join("?" * len(batch))
            found.update(self._connection.execute(sql.format(marks=marks), [key, *batch]).fetchall())
        return found

    def vectors(self, model: str, hashes: Sequence[str], dim: int) -> dict[str, np.ndarray]:
        raw = self._lookup(
            "SELECT text_hash, vector FROM vectors WHERE model = ? AND text_hash IN ({marks})", model, hashes
        )
        return {h: np.frombuffer(blob, dtype=np.float32) for h, blob in raw.items() if len(blob) == dim * 4}

    def put_vectors(self, model: str, hashes: Sequence[str], vectors: np.ndarray) -> None:
        rows = ((model, h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in zip(hashes, vectors, strict=True))
        self._connection.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)
        self._connection.commit()  # each batch is durable: a crash loses at most one batch

    def tokens(self, tokenizer: str, hashes: Sequence[str]) -> dict[str, list[str]]:
        raw = self._lookup(
            "SELECT text_hash, tokens FROM tokens WHERE tokenizer = ? AND text_hash IN ({marks})", tokenizer, hashes
        )
        return {h: joined.split("\t") if joined else [] for h, joined in raw.items()}

    def put_tokens(self, tokenizer: str, items: Iterable[tuple[str, list[str]]]) -> None:
        self._connection.executemany(
            "INSERT OR REPLACE INTO tokens VALUES (?, ?, ?)",
            ((tokenizer, h, "\t".join(tokens)) for h, tokens in items),
        )
        self._connection.commit()

    def keep_only_tokens(self, tokenizer: str) -> None:
        """Drop the token lists of every other tokenizer: they are cheap to make again."""
        self._connection.execute("DELETE FROM tokens WHERE tokenizer != ?", (tokenizer,))
        self._connection.commit()

    def count_vectors(self, model: str) -> int:
        return self._connection.execute("SELECT COUNT(*) FROM vectors WHERE model = ?", (model,)).fetchone()[0]

    def close(self) -> None:
        self._connection.close()
