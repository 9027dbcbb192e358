"""The one migration runner: an embedding cache left by an older release is upgraded, not lost."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest

from retrieval.index.cache import MIGRATIONS, EmbeddingCache
from retrieval.migrations import migrate


def test_a_version_1_cache_keeps_its_vectors_and_gains_tokens(tmp_path):
    path = tmp_path / "embedding_cache.sqlite"
    with sqlite3.connect(path) as old:  # a cache from before token lists were cached
        old.executescript(MIGRATIONS[0] + ";\nPRAGMA user_version = 1;")
        old.execute("INSERT INTO vectors VALUES ('builtin', 'h1', ?)", (np.ones(4, np.float32).tobytes(),))
    cache = EmbeddingCache(path)
    try:
        assert cache.vectors("builtin", ["h1"], 4)["h1"].tolist() == [1.0] * 4
        cache.put_tokens("jieba", [("h1", ["明湖", "办事处"])])
        assert cache.tokens("jieba", ["h1"]) == {"h1": ["明湖", "办事处"]}
    finally:
        cache.close()
    with sqlite3.connect(path) as reopened:
        assert reopened.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)


def test_a_failing_migration_leaves_the_last_whole_version(tmp_path):
    connection = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    steps = ("CREATE TABLE a (x INTEGER)", "CREATE TABLE b (y INTEGER); INSERT INTO missing VALUES (1)")
    with pytest.raises(sqlite3.OperationalError, match="missing"):
        migrate(connection, steps)
    assert not connection.in_transaction
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 1
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert tables == {"a"}
    assert migrate(connection, steps[:1]) == 1  # nothing left to apply
    connection.close()
