"""Per-user question limit: a sliding window of the last minute, kept in memory."""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0


class QuestionLimiter:
    """At most `per_minute` questions per user in any 60 seconds; 0 means no limit."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic):
        self.per_minute = per_minute
        self._clock = clock
        self._asked: dict[int, deque[float]] = {}
        self._warned_until: dict[int, float] = {}

    def wait_for(self, user_id: int) -> int:
        """0 and count the question if it is allowed now, else the whole seconds until it would be."""
        if self.per_minute <= 0:
            return 0
        now = self._clock()
        asked = self._asked.setdefault(user_id, deque())
        while asked and asked[0] <= now - WINDOW_SECONDS:
            asked.popleft()
        if len(asked) < self.per_minute:
            asked.append(now)
            return 0
        return max(1, math.ceil(asked[0] + WINDOW_SECONDS - now))

    def should_warn(self, user_id: int, seconds: int) -> bool:
        """True once per blocked spell: a flooding user gets one polite reply, not one per message."""
        now = self._clock()
        if self._warned_until.get(user_id, 0.0) > now:
            return False
        self._warned_until[user_id] = now + seconds
        return True
