"""The scale rows of `reportqa bench`: the index structures alone at 100k, 1M... passages.

No encoding: vectors are drawn at random from a Gaussian with the mean and covariance of real
passage vectors (the bench's own build), then normalised. Such vectors look like real ones to
FAISS (same spread of cosines, same principal directions) but have no topic clusters, which
makes them harder for an approximate index than a real archive: recall here is a lower bound.
Passages are sentences of the pool recombined, so BM25 sees real Chinese term statistics.

Each size runs in two fresh processes, so each RSS is that size's alone: one builds a complete
index generation (FAISS of the kind `index_type_for` picks, BM25, store, manifest) and measures
the bare FAISS search against exact search; the other opens it the way a server does, with the
real encoder, and measures whole-search latency and serving RSS.
"""

from __future__ import annotations

import multiprocessing
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from retrieval.bench.report import peak_rss_mb
from retrieval.bench.synthetic import SentencePool
from retrieval.stats import percentile

if TYPE_CHECKING:
    from retrieval.bench.speed import BenchSettings

RECALL_QUERIES = 200
SEARCH_QUERIES = 100
DRAW_BLOCK = 50_000
SHRINKAGE = 0.1  # toward a scaled identity: a few thousand vectors under-determine 384 x 384


@dataclass(frozen=True)
class ScaleRow:
    passages: int
    index_type: str
    build_s: float  # the FAISS index alone
    rss_mb: float  # serving process: model + FAISS + BM25 + store, after its searches
    p95_ms: float  # bare FAISS search, one question at a time, top 50 (what search asks for)
    recall_at_10: float  # against exact inner-product search, on the same random vectors
    build_rss_mb: float
    lexical_build_s: float
    lexical_p95_ms: float  # jieba + BM25 top 50
    search_p95_ms: float  # the whole search API, question encoding included
    search_p50_ms: float
    why: str = ""  # why `index_type_for` picks this kind at this size
    faiss_simd: str = ""  # the SIMD level faiss dispatched to on this CPU (its speed depends on it)


class LookAlikes:
    """Draws unit vectors from a Gaussian fitted to real ones."""

    def __init__(self, real: np.ndarray, seed: int):
        real = np.asarray(real, dtype=np.float64)
        self.mean = real.mean(axis=0)
        centred = real - self.mean
        cov = centred.T @ centred / max(1, len(real) - 1)
        dim = cov.shape[0]
        cov = (1 - SHRINKAGE) * cov + SHRINKAGE * np.trace(cov) / dim * np.eye(dim)
        self.factor = np.linalg.cholesky(cov).T
        self.rng = np.random.default_rng(seed)

    def draw(self, n: int) -> np.ndarray:
        out = np.empty((n, len(self.mean)), dtype=np.float32)
        for start in range(0, n, DRAW_BLOCK):
            end = min(n, start + DRAW_BLOCK)
            block = self.mean + self.rng.standard_normal((end - start, len(self.mean))) @ self.factor
            out[start:end] = block / np.linalg.norm(block, axis=1, keepdims=True)
        return out


def _passages(pool: SentencePool, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Headline index, and sentence indices (flat, with offsets), of n passages of 2-5 sentences."""
    rng = np.random.default_rng(seed)
    titles = rng.integers(0, len(pool.titles), n)
    counts = rng.integers(2, 6, n)
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return titles, rng.integers(0, len(pool.sentences), int(offsets[-1])), offsets


def _chunks(pool: SentencePool, titles, sentences, offsets) -> Iterator:
    from retrieval.types import Chunk

    for row, title in enumerate(titles.tolist()):
        text = "".join(pool.sentences[s] for s in sentences[offsets[row] : offsets[row + 1]].tolist())
        yield Chunk(f"scale/{row // 100:05d}.md", row % 100, 0, pool.titles[title], None, 0, text)


def _token_lists(pool: SentencePool, titles, sentences, offsets) -> Iterator[list[str]]:
    from retrieval.text.tokenize import Tokenizer

    tokenizer = Tokenizer()
    title_tokens = [tokenizer.tokenize(t) for t in pool.titles]
    sentence_tokens = [tokenizer.tokenize(s) for s in pool.sentences]
    for row, title in enumerate(titles.tolist()):
        tokens = list(title_tokens[title])
        for s in sentences[offsets[row] : offsets[row + 1]].tolist():
            tokens += sentence_tokens[s]
        yield tokens


def _build(
    n: int, kind: str | None, real: np.ndarray, pool: SentencePool, index_dir: Path, seed: int
) -> dict:
    """Child process: a complete index generation of n random passages; bare FAISS numbers."""
    import faiss

    from retrieval.index.lexical import LexicalIndex
    from retrieval.index.vectors import build_vector_index, index_type_for, search_vectors, why_index_type
    from retrieval.index.writer import GenerationWriter

    why = why_index_type(n) if kind is None else "asked for"
    kind = kind or index_type_for(n)
    look_alikes = LookAlikes(real, seed)
    vectors = look_alikes.draw(n)
    started = time.perf_counter()
    index = build_vector_index(vectors, kind)
    build_s = time.perf_counter() - started
    asked = look_alikes.draw(RECALL_QUERIES)
    _, exact = faiss.knn(asked, vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
    del vectors
    latencies, found = [], 0
    for number in range(RECALL_QUERIES):
        t0 = time.perf_counter()
        rows, _ = search_vectors(index, asked[number], 50)  # as the searcher asks, threads included
        latencies.append((time.perf_counter() - t0) * 1000)
        found += len(set(rows[:10].tolist()) & set(exact[number].tolist()))
    writer = GenerationWriter(index_dir)
    writer.write_dense(index)
    del index

    plan = _passages(pool, n, seed)
    started = time.perf_counter()
    writer.write_lexical(LexicalIndex.build(_token_lists(pool, *plan)))
    lexical_build_s = time.perf_counter() - started
    writer.write_store([], _chunks(pool, *plan), {})
    writer.write_user_words([])
    writer.publish(
        model="builtin", dim=real.shape[1], tokenizer={"synthetic": True}, chunking={}, vector_index=kind, n_chunks=n
    )
    return {
        "index_type": kind,
        "build_s": round(build_s, 2),
        "p95_ms": percentile(latencies, 95, 3),
        "recall_at_10": round(found / (10 * RECALL_QUERIES), 4),
        "build_rss_mb": round(peak_rss_mb(), 1),
        "lexical_build_s": round(lexical_build_s, 2),
        "why": why,
        "faiss_simd": faiss.SIMDConfig.get_level_name() if hasattr(faiss, "SIMDConfig") else "",
    }


def _serve(index_dir: Path, backend: str, asked: list[str]) -> dict:
    """Child process: open the index as a server does, ask, and report latency and RSS."""
    from retrieval.engine import Engine, engine_settings
    from retrieval.model.encoder import load_encoder

    engine = Engine.open(engine_settings(None, index_dir), build_if_missing=False, encoder=load_encoder("builtin", backend))
    searcher = engine.searcher  # its lexical side is timed alone too
    for question in asked[:5]:
        engine.search(question)
    total, lexical = [], []
    for question in asked:
        t0 = time.perf_counter()
        engine.search(question)
        t1 = time.perf_counter()
        searcher.lexical.top(searcher.tokenizer.tokenize(question), searcher.settings.candidates)
        t2 = time.perf_counter()
        total.append((t1 - t0) * 1000)
        lexical.append((t2 - t1) * 1000)
    engine.close()
    return {
        "rss_mb": round(peak_rss_mb(), 1),
        "lexical_p95_ms": percentile(lexical, 95, 2),
        "search_p95_ms": percentile(total, 95, 2),
        "search_p50_ms": percentile(total, 50, 2),
    }


def scale_row(
    n: int, real: np.ndarray, pool, backend: str, work_dir: Path, seed: int = 0, kind: str | None = None
):
    """One size: build in one child process, serve from another, then delete the index."""
    from retrieval.bench.synthetic import questions

    index_dir = Path(work_dir) / f"scale-{n}"
    shutil.rmtree(index_dir, ignore_errors=True)
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: its RSS is this size's alone
    try:
        with context.Pool(1, maxtasksperchild=1) as child:
            built = child.apply(_build, (n, kind, real, pool, index_dir, seed))
        with context.Pool(1, maxtasksperchild=1) as child:
            served = child.apply(_serve, (index_dir, backend, questions(pool, SEARCH_QUERIES, seed + 1)))
    finally:
        shutil.rmtree(index_dir, ignore_errors=True)
    return ScaleRow(passages=n, **built, **served)


def scale_rows(
    settings: BenchSettings, real: np.ndarray, pool: SentencePool, backend: str, say: Callable[[str], None]
) -> list[ScaleRow]:
    rows = []
    for n in settings.scale:
        say(f"scale: {n} passages (random vectors, no encoding)")
        rows.append(scale_row(n, real, pool, backend, settings.work_dir, settings.seed))
    return rows
