"""Numbered SQLite schema migrations, tracked in `PRAGMA user_version` (as simonw/llm does).

Every database reportqa keeps across releases (the embedding cache, the bot's feedback store)
lists its schema as a tuple of scripts, one per version, and opens through `migrate`: a
database left by an older release is upgraded in place, never thrown away.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence


def migrate(connection: sqlite3.Connection, migrations: Sequence[str]) -> int:
    """Apply migrations[version:] in order, each with its version number in one transaction,
    so a crash leaves the database at the last whole version; the version reached."""
    version = connection.execute("PRAGMA user_version").fetchone()[0]
    for number, script in enumerate(migrations[version:], start=version + 1):
        # executescript commits whatever the connection had pending, then runs the script as is.
        try:
            connection.executescript(f"BEGIN;\n{script.strip().rstrip(';')};\nPRAGMA user_version = {number};\nCOMMIT;")
        except sqlite3.Error:
            if connection.in_transaction:  # the script stopped halfway: none of it stays
                connection.rollback()
            raise
    return max(version, len(migrations))
