"""The bot's handle on the engine: every blocking call runs in a thread pool.

Handlers await these methods; the event loop never runs a search, a SQLite query or an
index load itself, so `/start` stays instant while 50 questions are being answered.
`reload` opens the rebuilt index beside the old one (`Engine.reopened`, sharing the loaded
model) and swaps it in; the old engine is closed only after the last search that borrowed it
has finished, so no answer is lost.
"""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from bot.telegram_bot.feedback_store import FeedbackStore
    from retrieval.engine import Engine
    from retrieval.index.store import SourceInfo
    from retrieval.types import Article, SearchResult

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _Slot:
    """The current engine plus a count of searches borrowing each one (old ones included)."""

    def __init__(self, engine: Engine):
        self._lock = threading.Lock()
        self._current = engine
        self._borrowed: dict[int, int] = {}
        self._retired: dict[int, Engine] = {}

    @contextmanager
    def borrow(self) -> Iterator[Engine]:
        with self._lock:
            engine = self._current
            self._borrowed[id(engine)] = self._borrowed.get(id(engine), 0) + 1
        try:
            yield engine
        finally:
            with self._lock:
                self._borrowed[id(engine)] -= 1
                idle = self._borrowed[id(engine)] == 0
                retired = self._retired.pop(id(engine), None) if idle else None
            if retired is not None:
                retired.close()

    def swap(self, engine: Engine) -> None:
        with self._lock:
            old, self._current = self._current, engine
            busy = self._borrowed.get(id(old), 0) > 0
            if busy:
                self._retired[id(old)] = old
        if not busy:
            old.close()

    def close(self) -> None:
        with self._lock:
            engines = [self._current, *self._retired.values()]
            self._retired.clear()
        for engine in engines:
            engine.close()


class AsyncEngine:
    """Async access to one Engine (swappable by `reload`) and the feedback store."""

    def __init__(self, engine: Engine, store: FeedbackStore, workers: int = 4):
        self._slot = _Slot(engine)
        self.store = store
        self._search_pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reportqa-search")
        # SQLite writes go through one thread: one connection, no lock contention on the loop.
        self._store_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportqa-store")
        self._reload_lock = asyncio.Lock()
        self._swap_lock = threading.Lock()  # /reload and a live index may reopen at once
        self.on_close: list[Callable[[], None]] = []  # e.g. stopping a live index's watcher

    async def _in(self, pool: ThreadPoolExecutor, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(pool, function, *args)

    def _borrowing(self, method: str, *args: Any) -> Any:
        with self._slot.borrow() as engine:
            return getattr(engine, method)(*args)

    async def search(self, question: str, k: int, offset: int = 0, context: tuple[str, ...] = ()) -> SearchResult:
        return await self._in(self._search_pool, self._borrowing, "search", question, k, offset, context)

    async def article(self, source: str, number: int) -> Article | None:
        return await self._in(self._search_pool, self._borrowing, "article", source, number)

    async def sources(self) -> list[SourceInfo]:
        return await self._in(self._search_pool, self._borrowing, "sources")

    async def store_call(self, function: Callable[..., T], *args: Any) -> T:
        """Run a FeedbackStore method on the store's own thread."""
        return await self._in(self._store_pool, function, *args)

    def swap_to_disk(self) -> None:
        """Open the index as it is on disk now and swap it in; the old one keeps serving until then.
        Safe from any thread: a live index calls it from its watcher."""
        with self._swap_lock:
            with self._slot.borrow() as current:
                engine = current.reopened()
            self._slot.swap(engine)
        logger.info("index reloaded from %s", engine.generation)

    async def reload(self) -> list[SourceInfo]:
        """`swap_to_disk` off the event loop, then the sources now indexed."""
        async with self._reload_lock:
            await self._in(self._search_pool, self.swap_to_disk)
        return await self.sources()

    def close(self) -> None:
        """Wait for running searches and writes, then close the index and the store."""
        for stop in self.on_close:
            stop()
        self._search_pool.shutdown(wait=True)
        self._store_pool.shutdown(wait=True)
        self._slot.close()
        self.store.close()
