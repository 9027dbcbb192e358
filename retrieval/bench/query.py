"""Warm question latency next to its bare parts: the query encode and the FAISS search alone."""

from __future__ import annotations

import time
from pathlib import Path

from retrieval.bench.report import QueryResult
from retrieval.engine import Engine, engine_settings
from retrieval.model.encoder import Encoder, encode_query_beside
from retrieval.stats import percentile


def bench_query(index_dir: Path, encoder: Encoder, asked: list[str]) -> QueryResult:
    """Warm search latency, and per question the bare parts it is made of."""
    engine = Engine.open(engine_settings(None, index_dir), build_if_missing=False, encoder=encoder)
    searcher = engine.searcher  # the parts are timed alone too
    try:
        depth = searcher.settings.candidates
        # Warm means a serving process that has met such questions: each one once, untimed. A
        # cold first pass charges the search for onnxruntime's first run of each input length,
        # and the bare encode right after it then runs warm (1.4x against 1.18x when warm).
        for question in asked:
            engine.search(question)
        total, encode, dense, lexical, inner_encode = [], [], [], [], []
        searcher.encoder = _TimedEncoder(encoder, inner_encode)  # what the search's own encode took
        for question in asked:
            t0 = time.perf_counter()
            engine.search(question)
            t1 = time.perf_counter()
            vector = encoder.encode_queries([question])
            t2 = time.perf_counter()
            searcher.vectors.search(vector, depth)
            t3 = time.perf_counter()
            searcher.lexical.top(searcher.tokenizer.tokenize(question), depth)
            t4 = time.perf_counter()
            total.append((t1 - t0) * 1000)
            encode.append((t2 - t1) * 1000)
            dense.append((t3 - t2) * 1000)
            lexical.append((t4 - t3) * 1000)
    finally:
        searcher.encoder = encoder
        engine.close()
    bare = [e + d for e, d in zip(encode, dense, strict=True)]
    # The search's own work: all it does beside its question's encode (FAISS, BM25, the excerpts …).
    beside = [t - e for t, e in zip(total, inner_encode, strict=True)]
    p50, bare_p50 = percentile(total, 50, 2), percentile(bare, 50, 2)
    return QueryResult(
        queries=len(asked),
        p50_ms=p50,
        p95_ms=percentile(total, 95, 2),
        bare_p50_ms=bare_p50,
        bare_p95_ms=percentile(bare, 95, 2),
        p50_ratio=round(p50 / bare_p50, 3) if bare_p50 else 0.0,
        encode_p50_ms=percentile(encode, 50, 2),
        faiss_p50_ms=percentile(dense, 50, 2),
        lexical_p50_ms=percentile(lexical, 50, 2),
        lexical_share=round(percentile(lexical, 50, 2) / p50, 3) if p50 else 0.0,
        beside_encode_p50_ms=percentile(beside, 50, 2),
    )


class _TimedEncoder:
    """The encoder, recording how long each of the search's encodes takes."""

    def __init__(self, encoder: Encoder, took_ms: list[float]):
        self._encoder, self._took_ms = encoder, took_ms

    def encode_queries(self, texts: list[str]):
        started = time.perf_counter()
        vectors = self._encoder.encode_queries(texts)
        self._took_ms.append((time.perf_counter() - started) * 1000)
        return vectors

    def encode_query_beside(self, text: str, work, helpers):
        # Timed whole: the work beside the encode is hidden in it, as it is in a search.
        started = time.perf_counter()
        vector_and_work = encode_query_beside(self._encoder, text, work, helpers)
        self._took_ms.append((time.perf_counter() - started) * 1000)
        return vector_and_work

    def __getattr__(self, name: str):
        return getattr(self._encoder, name)
