"""The recent questions of each conversation, for follow-ups ("他们每天从几点干到几点？").

One store serves the REPL (one conversation) and the bot (one per private chat, one per user
in a group, so two people in a group do not finish each other's questions). A conversation
is forgotten after a quiet spell, as a person would lose the thread, and on `/new` / `:new`.
Only questions are kept: the engine decides per question whether it leans on them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from dataclasses import dataclass

QUIET_SECONDS = 15 * 60
TURNS = 3  # earlier questions kept per conversation


@dataclass(frozen=True)
class _Turns:
    questions: tuple[str, ...]
    last_seen: float


class Conversations:
    """Earlier questions by conversation key; nothing crosses from one key to another."""

    def __init__(
        self,
        quiet_seconds: float = QUIET_SECONDS,
        turns: int = TURNS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.quiet_seconds = quiet_seconds
        self.turns = turns
        self._clock = clock
        self._by_key: dict[Hashable, _Turns] = {}

    def context(self, key: Hashable) -> tuple[str, ...]:
        """The conversation's earlier questions, oldest first; () after a quiet spell."""
        kept = self._by_key.get(key)
        if kept is None or self._clock() - kept.last_seen > self.quiet_seconds:
            self._by_key.pop(key, None)
            return ()
        return kept.questions

    def add(self, key: Hashable, question: str) -> None:
        """Remember a question just answered (the oldest drops out past `turns`)."""
        now = self._clock()
        # Quiet conversations are dropped here, so a long-running bot does not keep every chat.
        for stale in [k for k, kept in self._by_key.items() if now - kept.last_seen > self.quiet_seconds]:
            del self._by_key[stale]
        questions = (*self.context(key), question)[-self.turns :]
        self._by_key[key] = _Turns(questions, now)

    def forget(self, key: Hashable) -> None:
        self._by_key.pop(key, None)
