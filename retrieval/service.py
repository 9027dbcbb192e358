"""Opening a searcher the way every front end wants it: build the index first if it is missing."""

from __future__ import annotations

import logging
from collections.abc import Callable

from retrieval.errors import CorpusMissing, ReportQAError
from retrieval.index import generations as gen
from retrieval.index.build import BuildReport, build_index
from retrieval.index.manifest import Manifest
from retrieval.model.embed import BUILTIN, load_encoder
from retrieval.search.searcher import Searcher
from retrieval.settings import Settings

log = logging.getLogger(__name__)


def index_model(settings: Settings) -> str:
    """The model to use: the one asked for, else the one the index was built with, else builtin."""
    if settings.model:
        return settings.model
    try:
        return Manifest.load(gen.current_generation(settings.index)).model
    except ReportQAError:
        return BUILTIN


def build(settings: Settings, progress: bool = False) -> BuildReport:
    """Build or update the index of `settings.corpus`, checking the folder before the model loads."""
    if not settings.corpus.is_dir():
        raise CorpusMissing(f"corpus folder {settings.corpus} does not exist")
    if settings.ray_address:
        from retrieval.model.ray_encoding import ClusterEncoding, RayCluster, RaySettings

        with RayCluster(settings.ray_address) as cluster:  # unreachable: one error, nothing changed
            encoder = load_encoder(index_model(settings), settings.backend)
            ray_settings = RaySettings(settings.ray_address, gpus_per_actor=settings.ray_gpus)
            encoding = ClusterEncoding(cluster, encoder, ray_settings)
            report = build_index(settings.corpus, settings.index, encoder, progress=progress, encode=encoding)
            report.encoded_on = dict(encoding.passages_by_node)
            return report
    encoder = load_encoder(index_model(settings), settings.backend)
    return build_index(settings.corpus, settings.index, encoder, progress=progress)


def open_searcher(
    settings: Settings,
    build_if_missing: bool = True,
    on_build: Callable[[BuildReport], None] | None = None,
    progress: bool = False,
) -> Searcher:
    """Load the model and the index in `settings.index`, building it from `settings.corpus` if absent."""
    encoder = load_encoder(index_model(settings), settings.backend)
    if build_if_missing and not gen.has_index(settings.index):
        log.info("no index in %s yet: building it from %s", settings.index, settings.corpus)
        report = build_index(settings.corpus, settings.index, encoder, progress=progress)
        if on_build is not None:
            on_build(report)
    return Searcher.open(settings.index, encoder)
