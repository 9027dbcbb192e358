"""The dense index kinds side by side at one size, on one run: why `index_type_for` picks what it does.

    python -m retrieval.bench.dense_kinds --index embeddings/ --passages 1000000

Look-alike vectors (`retrieval.bench.scale.LookAlikes`, fitted to the index's own vectors),
each kind built once, then timed one question at a time at each of faiss's SIMD levels this
build carries and on one and on all threads, so the ratios come from the same minutes of the
same machine. Recall@10 is against exact search on the same vectors.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import faiss
import numpy as np

from retrieval.bench.scale import LookAlikes
from retrieval.index import generations as gen
from retrieval.index.vectors import build_vector_index

QUESTIONS = 100
LEVELS = ("AVX512", "AVX2")  # what x86-64 servers dispatch to; faiss falls back to scalar code below AVX2


def _timed(index: faiss.Index, asked: np.ndarray, exact: np.ndarray) -> tuple[float, float, float]:
    latencies, found = [], 0
    for number in range(len(asked)):
        started = time.perf_counter()
        _, rows = index.search(asked[number : number + 1], 50)
        latencies.append((time.perf_counter() - started) * 1000)
        found += len(set(rows[0][:10].tolist()) & set(exact[number].tolist()))
    return float(np.percentile(latencies, 50)), float(np.percentile(latencies, 95)), found / (10 * len(asked))


def compare(index_dir: Path, passages: int, kinds: list[str], seed: int = 0) -> list[dict]:
    real_index = faiss.read_index(str(gen.current_generation(index_dir) / gen.VECTORS_NAME))
    look_alikes = LookAlikes(real_index.reconstruct_n(0, min(20_000, real_index.ntotal)), seed)
    vectors, asked = look_alikes.draw(passages), look_alikes.draw(QUESTIONS)
    _, exact = faiss.knn(asked, vectors, 10, metric=faiss.METRIC_INNER_PRODUCT)
    all_threads, rows = faiss.omp_get_max_threads(), []
    for kind in kinds:
        started = time.perf_counter()
        index = build_vector_index(vectors, kind)
        build_s = time.perf_counter() - started
        for level in LEVELS:
            faiss.SIMDConfig.set_level(getattr(faiss, f"SIMDLevel_{level}"))
            for threads in sorted({1, all_threads}):
                faiss.omp_set_num_threads(threads)
                p50, p95, recall = _timed(index, asked, exact)
                row = {"kind": kind, "simd": level, "threads": threads, "p50_ms": round(p50, 1),
                       "p95_ms": round(p95, 1), "recall_at_10": round(recall, 3), "build_s": round(build_s, 1)}
                print(row, flush=True)
                rows.append(row)
        faiss.omp_set_num_threads(all_threads)
        del index
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="a built index to fit the look-alikes to")
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--kinds", default="sq8,pq4fs")
    args = parser.parse_args()
    compare(args.index, args.passages, args.kinds.split(","))


if __name__ == "__main__":
    main()
