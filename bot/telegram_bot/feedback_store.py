"""SQLite record of the questions the bot answered, what it cited, and 👍 / 👎 feedback.

Schema changes are numbered migrations (`retrieval.migrations`), tracked in `PRAGMA user_version`.
One connection, used from one thread at a time (the bot gives the store its own
single-thread executor so the event loop never waits on a disk write).
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from retrieval.migrations import migrate
from retrieval.stats import percentile
from retrieval.types import SearchResult

MIGRATIONS: tuple[str, ...] = (
    # 1: questions and feedback
    """
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        asked_at REAL NOT NULL,
        user_id INTEGER,
        chat_id INTEGER,
        question TEXT NOT NULL,
        latency_ms REAL NOT NULL,
        not_found INTEGER NOT NULL,
        hits INTEGER NOT NULL
    );
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions(id),
        user_id INTEGER NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at REAL NOT NULL,
        PRIMARY KEY (question_id, user_id)
    );
    """,
    # 2: what each answer showed, so that buttons (全文, nearest headlines) survive a restart
    """
    CREATE TABLE shown (
        question_id INTEGER NOT NULL REFERENCES questions(id),
        position INTEGER NOT NULL,
        source TEXT,
        article INTEGER,
        title TEXT NOT NULL,
        PRIMARY KEY (question_id, position)
    );
    """,
)


@dataclass(frozen=True)
class Shown:
    """One thing an answer pointed at: an excerpt's article, or a nearest headline (no source)."""

    title: str
    source: str | None
    article: int | None


@dataclass(frozen=True)
class Stats:
    questions: int
    not_found: int
    p50_ms: float
    p90_ms: float
    p99_ms: float
    up: int
    down: int

    @property
    def not_found_rate(self) -> float:
        return self.not_found / self.questions if self.questions else 0.0


class FeedbackStore:
    """Questions, what was shown for them, and votes."""

    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._connection = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._connection.execute("PRAGMA journal_mode=WAL")
        self._connection.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.Lock()  # the bot uses one thread; the lock keeps other callers honest
        migrate(self._connection, MIGRATIONS)

    @property
    def schema_version(self) -> int:
        return self._connection.execute("PRAGMA user_version").fetchone()[0]

    def record_question(
        self, result: SearchResult, user_id: int | None, chat_id: int | None, latency_ms: float
    ) -> int:
        """Store an answered question, how long the answer took, and what it showed; returns its id."""
        with self._lock:
            cursor = self._connection.cursor()
            cursor.execute("BEGIN")
            cursor.execute(
                "INSERT INTO questions (asked_at, user_id, chat_id, question, latency_ms, not_found, hits)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    time.time(),
                    user_id,
                    chat_id,
                    result.question,
                    latency_ms,
                    int(result.not_found),
                    len(result.hits),
                ),
            )
            question_id = int(cursor.lastrowid)
            self._insert_shown(cursor, question_id, result)
            cursor.execute("COMMIT")
            return question_id

    def record_shown(self, question_id: int, result: SearchResult) -> None:
        """Remember further excerpts shown for a question (after 更多)."""
        with self._lock:
            cursor = self._connection.cursor()
            cursor.execute("BEGIN")
            self._insert_shown(cursor, question_id, result)
            cursor.execute("COMMIT")

    @staticmethod
    def _insert_shown(cursor: sqlite3.Cursor, question_id: int, result: SearchResult) -> None:
        if result.hits:
            rows = [(question_id, hit.rank, hit.source, hit.article, hit.title) for hit in result.hits]
        else:  # nearest headlines get negative positions so they never clash with ranks
            rows = [(question_id, -i, None, None, title) for i, title in enumerate(result.nearest_titles, 1)]
        cursor.executemany(
            "INSERT OR REPLACE INTO shown (question_id, position, source, article, title)"
            " VALUES (?, ?, ?, ?, ?)",
            rows,
        )

    def question(self, question_id: int) -> str | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT question FROM questions WHERE id = ?", (question_id,)
            ).fetchone()
        return row[0] if row else None

    def shown(self, question_id: int, position: int) -> Shown | None:
        with self._lock:
            row = self._connection.execute(
                "SELECT title, source, article FROM shown WHERE question_id = ? AND position = ?",
                (question_id, position),
            ).fetchone()
        return Shown(*row) if row else None

    def record_vote(self, question_id: int, user_id: int, vote: int) -> bool:
        """Store (or change) a user's vote on an answer; False when the question is unknown."""
        if vote not in (-1, 1):
            raise ValueError(f"vote must be -1 or 1, not {vote}")
        with self._lock:
            try:
                self._connection.execute(
                    "INSERT INTO feedback (question_id, user_id, vote, voted_at) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (question_id, user_id) DO UPDATE SET vote = excluded.vote,"
                    " voted_at = excluded.voted_at",
                    (question_id, user_id, vote, time.time()),
                )
            except sqlite3.IntegrityError:
                return False
        return True

    def votes(self) -> list[tuple[str, int]]:
        """(question, vote) pairs, oldest first: feedback stored with its question."""
        with self._lock:
            return self._connection.execute(
                "SELECT q.question, f.vote FROM feedback f JOIN questions q ON q.id = f.question_id"
                " ORDER BY f.voted_at"
            ).fetchall()

    def stats(self) -> Stats:
        with self._lock:
            latencies = [
                row[0]
                for row in self._connection.execute("SELECT latency_ms FROM questions")
            ]
            not_found = self._connection.execute(
                "SELECT COALESCE(SUM(not_found), 0) FROM questions"
            ).fetchone()[0]
            up, down = self._connection.execute(
                "SELECT COALESCE(SUM(vote = 1), 0), COALESCE(SUM(vote = -1), 0) FROM feedback"
            ).fetchone()
        return Stats(
            questions=len(latencies),
            not_found=int(not_found),
            p50_ms=percentile(latencies, 50),
            p90_ms=percentile(latencies, 90),
            p99_ms=percentile(latencies, 99),
            up=int(up),
            down=int(down),
        )

    def close(self) -> None:
        with self._lock:
            self._connection.close()
