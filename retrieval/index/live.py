"""A live index: keep it current with its corpus folder, and tell the server when a new
generation is in place.

Polling, not inotify: a corpus on a network share or a Docker volume sends no events, and one
`os.scandir` walk a second is nothing next to an archive's daily growth. A change is built only
once the folder has been quiet for `debounce` seconds, so a CMS export written in pieces or a
copy of a hundred files makes one build, not a hundred. The build is the ordinary incremental
one (unchanged files are not read again, known passages not embedded again); the server
swaps in the new generation between questions (`on_change`), and the old one answers until
then. Without `build` the watcher only follows CURRENT, so a server notices a
generation another process built (`reportqa build`, a cron job) within `interval` seconds.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from retrieval.errors import ReportQAError
from retrieval.index import generations as gen
from retrieval.index.build import BuildReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WatchSettings:
    interval: float = 1.0  # seconds between looks at the corpus and at CURRENT
    debounce: float = 2.0  # seconds the corpus must stay unchanged before a build


def corpus_snapshot(corpus_dir: Path) -> dict[str, tuple[int, int]]:
    """Every non-hidden file under the folder with its (mtime_ns, size): what a change changes."""
    found: dict[str, tuple[int, int]] = {}
    folders = [Path(corpus_dir)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue  # a folder removed while we look: the next look sees the result
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=True):
                    folders.append(Path(entry.path))
                else:
                    stat = entry.stat()
                    found[entry.path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue
    return found


def _current_name(index_dir: Path) -> str | None:
    try:
        return (index_dir / gen.CURRENT_NAME).read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


class LiveIndex:
    """A thread that builds on corpus changes (`build` given: it updates the index of
    `corpus_dir`) and calls `on_change()` whenever CURRENT names a new generation; `on_build`
    gets each build's report."""

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path,
        on_change: Callable[[], None],
        build: Callable[[], BuildReport] | None = None,
        settings: WatchSettings = WatchSettings(),
        on_build: Callable[[BuildReport], None] | None = None,
    ):
        self.corpus_dir, self.index_dir = Path(corpus_dir), Path(index_dir)
        self.on_change, self.on_build = on_change, on_build
        self.build, self.settings = build, settings
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._generation = _current_name(self.index_dir)
        self._snapshot = corpus_snapshot(self.corpus_dir) if build is not None else {}

    def start(self) -> LiveIndex:
        self._thread = threading.Thread(target=self.run, name="reportqa-live-index", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def run(self) -> None:
        """Watch until `stop()`; every failure is logged and the watch goes on. When building,
        the first look builds too: the index may be older than the folder."""
        changed_at: float | None = 0.0 if self.build is not None else None
        while not self._stop.wait(self.settings.interval):
            try:
                if self.build is not None:
                    snapshot = corpus_snapshot(self.corpus_dir)
                    if snapshot != self._snapshot:
                        self._snapshot, changed_at = snapshot, time.monotonic()
                    elif changed_at is not None and time.monotonic() - changed_at >= self.settings.debounce:
                        changed_at = None
                        self._build_now()
                self._follow_current()
            except Exception:  # a watcher that dies silently is worse than one that logs and goes on
                log.exception("live index: the last change could not be taken in")

    def _build_now(self) -> None:
        try:
            report = self.build()
        except ReportQAError as exc:  # e.g. every report removed, or another build running
            log.warning("live index: build skipped: %s", exc)
            return
        if self.on_build is not None:
            self.on_build(report)

    def _follow_current(self) -> None:
        name = _current_name(self.index_dir)
        if name is not None and name != self._generation:
            self._generation = name
            log.info("live index: switching to %s", name)
            self.on_change()
