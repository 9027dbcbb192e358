"""The bot's handle on the search engine: every blocking call runs in a thread pool.

Handlers await these methods; the event loop never runs a search, a SQLite query or an
index load itself, so `/start` stays instant while 50 questions are being answered.
`reload` opens the rebuilt index beside the old one and swaps it in; the old searcher is
closed only after the last search that borrowed it has finished, so no answer is lost.
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
    from retrieval.index.store import SourceInfo
    from retrieval.search.searcher import Searcher
    from retrieval.types import Article, SearchResult

logger = logging.getLogger(__name__)
T = TypeVar("T")


class _Slot:
    """The current searcher plus a count of searches borrowing each one (old ones included)."""

    def __init__(self, searcher: Searcher):
        self._lock = threading.Lock()
        self._current = searcher
        self._borrowed: dict[int, int] = {}
        self._retired: dict[int, Searcher] = {}

    @contextmanager
    def borrow(self) -> Iterator[Searcher]:
        with self._lock:
            searcher = self._current
            self._borrowed[id(searcher)] = self._borrowed.get(id(searcher), 0) + 1
        try:
            yield searcher
        finally:
            with self._lock:
                self._borrowed[id(searcher)] -= 1
                idle = self._borrowed[id(searcher)] == 0
                retired = self._retired.pop(id(searcher), None) if idle else None
            if retired is not None:
                retired.close()

    def swap(self, searcher: Searcher) -> None:
        with self._lock:
            old, self._current = self._current, searcher
            busy = self._borrowed.get(id(old), 0) > 0
            if busy:
                self._retired[id(old)] = old
        if not busy:
            old.close()

    def close(self) -> None:
        with self._lock:
            searchers = [self._current, *self._retired.values()]
            self._retired.clear()
        for searcher in searchers:
            searcher.close()


class Engine:
    """Async access to one Searcher (swappable) and the feedback store, off the event loop."""

    def __init__(self, open_searcher: Callable[[], Searcher], store: FeedbackStore, workers: int = 4):
        self._open_searcher = open_searcher
        self._slot = _Slot(open_searcher())
        self.store = store
        self._search_pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="reportqa-search")
        # SQLite writes go through one thread: one connection, no lock contention on the loop.
        self._store_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="reportqa-store")
        self._reload_lock = asyncio.Lock()

    async def _in(self, pool: ThreadPoolExecutor, function: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(pool, function, *args)

    def _search(self, question: str, k: int, offset: int, context: tuple[str, ...]) -> SearchResult:
        with self._slot.borrow() as searcher:
            return searcher.search(question, k=k, offset=offset, context=context)

    def _article(self, source: str, number: int) -> Article | None:
        with self._slot.borrow() as searcher:
            return searcher.article(source, number)

    def _sources(self) -> list[SourceInfo]:
        with self._slot.borrow() as searcher:
            return searcher.sources()

    async def search(self, question: str, k: int, offset: int = 0, context: tuple[str, ...] = ()) -> SearchResult:
        return await self._in(self._search_pool, self._search, question, k, offset, context)

    async def article(self, source: str, number: int) -> Article | None:
        return await self._in(self._search_pool, self._article, source, number)

    async def sources(self) -> list[SourceInfo]:
        return await self._in(self._search_pool, self._sources)

    async def store_call(self, function: Callable[..., T], *args: Any) -> T:
        """Run a FeedbackStore method on the store's own thread."""
        return await self._in(self._store_pool, function, *args)

    async def reload(self) -> list[SourceInfo]:
        """Open the index as it is on disk now and swap it in; the old one keeps serving until then."""
        async with self._reload_lock:
            searcher = await self._in(self._search_pool, self._open_searcher)
            self._slot.swap(searcher)
            logger.info("index reloaded from %s", searcher.generation)
        return await self.sources()

    def close(self) -> None:
        """Wait for running searches and writes, then close the index and the store."""
        self._search_pool.shutdown(wait=True)
        self._store_pool.shutdown(wait=True)
        self._slot.close()
        self.store.close()
