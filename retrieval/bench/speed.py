"""`reportqa bench`: what a build and a question cost on this machine, next to the bare model.

One run, one process, one machine: a full build of the corpus (or of a synthetic archive) with
an empty cache, the bare encoder on the very same passage texts, warm search latency next to
bare query encoding + bare FAISS search, adding 1% new articles, each encoder backend's rate on
the same texts (interleaved, so a busy machine slows them alike), and optionally the index
structures alone at larger sizes (`retrieval.bench.scale`). Ratios hold on any machine;
absolute numbers are this machine's, which the report names.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from retrieval.bench.query import bench_query
from retrieval.bench.report import (
    BenchReport,
    BuildResult,
    IncrementalResult,
    machine,
    peak_rss_mb,
)
from retrieval.bench.synthetic import SentencePool, questions, write_archive
from retrieval.engine import build, engine_settings
from retrieval.errors import ReportQAError
from retrieval.index import generations as gen
from retrieval.index.manifest import Manifest
from retrieval.model.encoder import BUILTIN, Encoder, backends, load_encoder
from retrieval.text.corpus import load_corpus
from retrieval.types import Article

BACKEND_SLICES = 4  # backends take turns on quarters of the texts


@dataclass(frozen=True)
class BenchSettings:
    work_dir: Path  # everything is written here; a copy of --corpus, never the corpus itself
    corpus: Path | None = None
    synthetic: int | None = None  # N articles recombined from `seeds` (+ `cmrc_json`)
    seeds: Path | None = None
    cmrc_json: Path | None = None
    model: str = BUILTIN
    backend: str | None = None  # the backend that builds and searches; None: the default
    compare_backends: bool = True
    bare_encode: bool = True  # time the bare encoder before and after the build (3x the time)
    backend_sample: int = 0  # texts for the backend comparison; 0: all
    scale: tuple[int, ...] = ()
    queries: int = 100
    seed: int = 0
    ray_address: str | None = None  # also encode the build's passages on this Ray cluster


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _index_vectors(index_dir: Path, limit: int = 20_000) -> np.ndarray:
    """Up to `limit` of the vectors the build made (a fitting sample for the scale rows)."""
    import faiss

    index = faiss.read_index(str(gen.current_generation(index_dir) / gen.VECTORS_NAME))
    return index.reconstruct_n(0, min(limit, index.ntotal))


def _chunk_texts(articles: list[Article]) -> list[str]:
    """What a fresh build of these articles embeds, worked out before building: distinct passage texts."""
    from retrieval.settings import ChunkSettings
    from retrieval.text.chunk import chunk_articles

    chunking = ChunkSettings()
    chunks = chunk_articles(articles, chunking.max_chars, chunking.overlap)
    return list(dict.fromkeys(c.indexed_text for c in chunks))


def _seconds(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def bench_build(
    corpus: Path, index_dir: Path, encoder: Encoder, progress: bool = False, bare: bool = True
) -> tuple[BuildResult, list[str]]:
    """A full build from an empty cache, between two runs of the bare encoder on the same texts
    (unless not `bare`).

    A shared machine's load drifts over minutes: of the two bare runs, the faster (the less
    disturbed) is the one the build is compared with, so the ratio errs low, never high.
    """
    loads = [_load()]
    encoder.encode_passages(["预热：第一次调用的一次性开销不算在构建里。"])
    articles, _ = load_corpus(corpus)  # read once here for the bare runs and the jieba timing
    texts = _chunk_texts(articles)
    bare_before = _seconds(lambda: encoder.encode_passages(texts)) if bare else 0.0
    loads.append(_load())
    seconds = _seconds(lambda: build(engine_settings(corpus, index_dir), progress, encoder))
    loads.append(_load())
    rss = peak_rss_mb()
    bare_after = _seconds(lambda: encoder.encode_passages(texts)) if bare else 0.0
    loads.append(_load())
    learn_names_s, tokenize_s = _jieba_seconds(articles, texts)
    generation = gen.current_generation(index_dir)
    manifest = Manifest.load(generation)
    bare_seconds = min(bare_before, bare_after)
    rate = len(texts) / seconds
    bare_rate = len(texts) / bare_seconds if bare else None
    result = BuildResult(
        articles=manifest.n_articles,
        passages=manifest.n_chunks,
        seconds=round(seconds, 2),
        passages_per_s=round(rate, 2),
        bare_encode_seconds=round(bare_seconds, 2) if bare else None,
        bare_encode_per_s=round(bare_rate, 2) if bare_rate else None,
        ratio=round(rate / bare_rate, 3) if bare_rate else None,
        bare_encode_runs_s=[round(bare_before, 2), round(bare_after, 2)],
        load_averages=loads,
        peak_rss_mb=round(rss, 1),
        index_bytes_per_passage=round(_folder_bytes(generation) / max(1, manifest.n_chunks), 1),
        cache_bytes_per_passage=round(
            (index_dir / gen.CACHE_NAME).stat().st_size / max(1, manifest.n_chunks), 1
        ),
        learn_names_s=round(learn_names_s, 2),
        tokenize_s=round(tokenize_s, 2),
    )
    return result, texts


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _jieba_seconds(articles: list[Article], texts: list[str]) -> tuple[float, float]:
    """The build's two jieba passes, timed alone: learning names, tokenizing the passages."""
    from retrieval.text.tokenize import Tokenizer, learn_names

    started = time.perf_counter()
    names = learn_names(f"{a.title}\n{a.text}" for a in articles)
    learned = time.perf_counter()
    tokenizer = Tokenizer(names)
    tokenizer.tokenize("预热")  # the dictionary load is not per passage
    tokenizing = time.perf_counter()
    tokenizer.tokenize_all(texts)
    return learned - started, time.perf_counter() - tokenizing


def bench_incremental(
    corpus: Path,
    index_dir: Path,
    encoder: Encoder,
    pool: SentencePool,
    articles: int,
    full_seconds: float,
    seed: int,
) -> IncrementalResult:
    """Add 1% new articles (new files) to the corpus and bring the index up to date."""
    new = max(1, articles // 100)
    write_archive(corpus, new, pool, seed=seed, start=articles)
    started = time.perf_counter()
    report = build(engine_settings(corpus, index_dir), encoder=encoder)
    seconds = time.perf_counter() - started
    return IncrementalResult(
        new_articles=new,
        embedded=report.embedded,
        seconds=round(seconds, 2),
        full_rebuild_seconds=round(full_seconds, 2),
        share=round(seconds / full_seconds, 4) if full_seconds else 0.0,
    )


def bench_backends(texts: list[str], encoders: dict[str, Encoder]) -> dict[str, float]:
    """Passages per second of each encoder on the same texts, taking turns slice by slice."""
    seconds = dict.fromkeys(encoders, 0.0)
    for encoder in encoders.values():
        encoder.encode_passages(texts[:4])
    slices = [texts[i::BACKEND_SLICES] for i in range(BACKEND_SLICES)]
    for part in slices:
        for name, encoder in encoders.items():
            started = time.perf_counter()
            encoder.encode_passages(part)
            seconds[name] += time.perf_counter() - started
    return {name: round(len(texts) / spent, 2) for name, spent in seconds.items()}


def _prepare_corpus(
    settings: BenchSettings, say: Callable[[str], None]
) -> tuple[Path, SentencePool, SentencePool, int]:
    """The corpus to build, the sentences it is made of, those the 1% new articles use, its size."""
    corpus = settings.work_dir / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    if settings.synthetic:
        if settings.seeds is None:
            raise ReportQAError("--synthetic needs the seeds folder to recombine")
        # New articles bring text the archive has not seen: 1 sentence in 20 is kept for them.
        pool, fresh = SentencePool.from_corpus(settings.seeds, settings.cmrc_json).held_out()
        say(f"writing {settings.synthetic} synthetic articles ({len(pool.sentences)} sentences) to {corpus}")
        write_archive(corpus, settings.synthetic, pool, seed=settings.seed)
        return corpus, pool, fresh, settings.synthetic
    if settings.corpus is None:
        raise ReportQAError("give --corpus DIR or --synthetic N")
    shutil.copytree(settings.corpus, corpus)
    articles, _ = load_corpus(corpus)
    pool = SentencePool.from_corpus(corpus)
    return corpus, pool, pool, len(articles)


def run_bench(settings: BenchSettings, say: Callable[[str], None] = lambda _: None) -> BenchReport:
    """Every section of the benchmark, in one process (the scale rows in child processes)."""
    host = machine()
    settings.work_dir.mkdir(parents=True, exist_ok=True)
    corpus, pool, fresh, articles = _prepare_corpus(settings, say)
    index_dir = settings.work_dir / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    encoder = load_encoder(settings.model, settings.backend)
    backend = encoder.backend

    say(f"build: {corpus} with {settings.model} on {backend}")
    build, texts = bench_build(corpus, index_dir, encoder, progress=True, bare=settings.bare_encode)
    say(f"query: {settings.queries} questions, warm")
    query = bench_query(index_dir, encoder, questions(pool, settings.queries, settings.seed))
    say("incremental: 1% new articles")
    incremental = bench_incremental(corpus, index_dir, encoder, fresh, articles, build.seconds, settings.seed)
    report = BenchReport(host, backend, build, query, incremental)

    if settings.compare_backends and settings.model == BUILTIN:
        sample = texts
        if settings.backend_sample and len(texts) > settings.backend_sample:
            sample = texts[:: len(texts) // settings.backend_sample][: settings.backend_sample]
        say(f"backends: {', '.join(backends())} on {len(sample)} of the same texts")
        encoders = {name: encoder if name == backend else load_encoder(BUILTIN, name) for name in backends()}
        report.backends, report.backend_texts = bench_backends(sample, encoders), len(sample)
    if settings.scale:
        from retrieval.bench.scale import scale_rows

        real = _index_vectors(index_dir)  # the build's own vectors, to draw look-alikes from
        report.scale = [asdict(row) for row in scale_rows(settings, real, pool, backend, say)]
    if settings.ray_address:
        from retrieval.bench.cluster import bench_cluster

        report.cluster = bench_cluster(settings.ray_address, encoder, texts, build, say)
    report.machine["load_average_end"] = round(os.getloadavg()[0], 2)
    return report


def parse_sizes(text: str) -> tuple[int, ...]:
    """`100000,1000000` or `100k,1M` as passage counts."""
    sizes = []
    for part in filter(None, (p.strip().lower() for p in text.split(","))):
        factor = {"k": 1_000, "m": 1_000_000}.get(part[-1], 1)
        try:
            sizes.append(int(float(part.rstrip("km")) * factor))
        except ValueError:
            raise ReportQAError(f"--scale takes sizes like 100000,1000000 or 100k,1M, not {part!r}") from None
    return tuple(sizes)
