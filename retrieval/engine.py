"""The engine: what every front end opens (CLI, REPL, bot, bench, tests), from one `Settings`.

It loads the model once, builds the index when it is missing, and answers through one
`Searcher` over the index generation that was current when it opened. `reopened()` gives an
engine on the generation current now, sharing the loaded model, so a front end that must keep
serving while it switches (the bot's /reload) swaps engines instead of rebuilding one.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from retrieval.errors import CorpusMissing, ReportQAError
from retrieval.index import generations as gen
from retrieval.index.build import BuildReport, build_index
from retrieval.index.live import LiveIndex, WatchSettings
from retrieval.index.manifest import Manifest
from retrieval.index.store import SourceInfo
from retrieval.model.encoder import BUILTIN, Encoder, load_encoder
from retrieval.search.searcher import Searcher
from retrieval.settings import Settings
from retrieval.types import Article, SearchResult

log = logging.getLogger(__name__)


def index_model(settings: Settings) -> str:
    """The model to use: the one asked for, else the one the index was built with, else builtin."""
    if settings.model.name:
        return settings.model.name
    try:
        return Manifest.load(gen.current_generation(settings.index.path)).model
    except ReportQAError:
        return BUILTIN


def open_encoder(settings: Settings) -> Encoder:
    """The model the index in `settings` is (or will be) built with, on the chosen backend."""
    return load_encoder(index_model(settings), settings.model.backend, settings.model.cache_dir)


def build(
    settings: Settings, progress: Callable[[int, int], None] | bool = False, encoder: Encoder | None = None
) -> BuildReport:
    """Build or update the index of the corpus, checking the folder (and the cluster, with
    `settings.model.ray_address`) before the model loads."""
    if not settings.index.corpus.is_dir():
        raise CorpusMissing(f"corpus folder {settings.index.corpus} does not exist")
    if not settings.model.ray_address:
        encoder = encoder or open_encoder(settings)
        return build_index(settings.index.corpus, settings.index.path, encoder, progress, settings.chunking)
    from retrieval.model.ray_encoding import ClusterEncoding, RayCluster, RaySettings

    with RayCluster(settings.model.ray_address) as cluster:  # unreachable: one error, nothing changed
        encoder = encoder or open_encoder(settings)
        ray_settings = RaySettings(settings.model.ray_address, gpus_per_actor=settings.model.ray_gpus)
        encoding = ClusterEncoding(cluster, encoder, ray_settings)
        report = build_index(
            settings.index.corpus, settings.index.path, encoder, progress, settings.chunking, encode=encoding
        )
        report.encoded_on = dict(encoding.passages_by_node)
        return report


class Engine:
    """One opened index and the model that embeds its questions; safe to share between threads."""

    def __init__(self, settings: Settings, encoder: Encoder):
        self.settings = settings
        self.encoder = encoder
        self.searcher = Searcher(settings.index.path, encoder, settings.search)

    @classmethod
    def open(
        cls,
        settings: Settings,
        build_if_missing: bool = True,
        on_build: Callable[[BuildReport], None] | None = None,
        progress: bool = False,
        encoder: Encoder | None = None,
    ) -> Engine:
        """Load the model (unless `encoder` is given) and open the index, building it first if absent."""
        encoder = encoder or open_encoder(settings)
        if build_if_missing and not gen.has_index(settings.index.path):
            log.info("no index in %s yet: building it from %s", settings.index.path, settings.index.corpus)
            report = build(settings, progress, encoder)
            if on_build is not None:
                on_build(report)
        return cls(settings, encoder)

    @property
    def generation(self) -> Path:
        return self.searcher.generation

    @property
    def passages(self) -> int:
        return self.searcher.store.n_chunks

    def search(
        self,
        question: str,
        k: int | None = None,
        offset: int = 0,
        context: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> SearchResult:
        """The best `k` (default: the settings') cited excerpts after `offset`, or not_found.
        `context`: the chat's earlier questions, oldest first; `since`/`until` restrict it to
        reports of those days, as dates the question names do."""
        k = k or self.settings.search.k
        return self.searcher.search(question, k, offset, context, since, until)

    def article(self, source: str, number: int) -> Article | None:
        return self.searcher.article(source, number)

    def sources(self) -> list[SourceInfo]:
        return self.searcher.sources()

    def reopened(self) -> Engine:
        """An engine on the index as it is on disk now, sharing this one's loaded model."""
        return Engine(self.settings, self.encoder)

    def close(self) -> None:
        self.searcher.close()


def engine_settings(corpus: Path | None, index: Path) -> Settings:
    """Default settings on this corpus and index folder, nothing read from the environment's
    REPORTQA_* or a file: what the bench measures, whatever the shell says."""
    from retrieval.settings import IndexSettings

    return Settings(index=IndexSettings(corpus=Path(corpus or "."), path=Path(index)))


def watch(settings: Settings, on_build: Callable[[BuildReport], None], every: WatchSettings = WatchSettings()) -> int:
    """`reportqa build --watch`: build now, then on every settled change of the corpus, until Ctrl-C."""
    if not settings.index.corpus.is_dir():
        raise CorpusMissing(f"corpus folder {settings.index.corpus} does not exist")
    encoder = open_encoder(settings)
    live = LiveIndex(
        settings.index.corpus, settings.index.path, lambda: None, lambda: build(settings, encoder=encoder), every, on_build
    )
    log.warning("watching %s (Ctrl-C to stop)", settings.index.corpus)
    with contextlib.suppress(KeyboardInterrupt):
        live.run()
    return 0


def follow(settings: Settings, on_change: Callable[[], None], encoder: Encoder | None = None) -> LiveIndex:
    """A started watcher of the index: `on_change()` whenever another generation becomes
    current; with `encoder`, it also builds new and changed reports of the corpus itself."""
    builder = (lambda: build(settings, encoder=encoder)) if encoder is not None else None
    return LiveIndex(settings.index.corpus, settings.index.path, on_change, builder).start()
