"""The dense side: a FAISS inner-product index over normalised chunk vectors, its kind chosen by size.

Exact search below `EXACT_LIMIT` rows: fast enough there, and it loses nothing. Up to
`SCAN_LIMIT` rows, every vector is scanned as 4-bit fast-scan codes (`PQ{dim}x4fs`: one 16-entry
table per dimension, held in SIMD registers; half the bytes of 8-bit codes) and the best
`FAST_SCAN_REFINE` x k are re-scored exactly, so the scores stay exact, which the not-found
threshold relies on. It replaces the 8-bit scan ("sq8", still readable), whose speed follows
the CPU (memory traffic and the SIMD level faiss dispatches to), where the fast scan's holds on
any AVX2 CPU. Past `SCAN_LIMIT` an HNSW graph takes over; its recall depends on how clustered
the vectors are. The measurements behind these choices, and the commands that give them, are in
docs/SCALING.md.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from retrieval.errors import IndexCorrupt

EXACT_LIMIT = 200_000
SCAN_LIMIT = 1_500_000  # the fast scan: ~30 ms p95 a question here, room for BM25 in a 100 ms budget
REFINE_FACTOR = 4  # 8-bit candidates re-scored exactly per result wanted (not saved by faiss)
FAST_SCAN_REFINE = 8  # 4-bit candidates per result: recall@10 1.000 at 1M (4: 0.98 with 2 dims a code)
FAST_SCAN_TRAIN = 65_536  # rows the 4-bit tables are learned from: 16 centroids a dimension need few
HNSW_NEIGHBOURS = 32
HNSW_BUILD_DEPTH = 80
HNSW_SEARCH_DEPTH = 128
VECTOR_INDEX_KINDS = ("flat", "pq4fs", "sq8", "hnsw")  # what build_vector_index makes (the manifest's vector_index)


def index_type_for(n_rows: int) -> str:
    if n_rows < EXACT_LIMIT:
        return "flat"
    return "pq4fs" if n_rows < SCAN_LIMIT else "hnsw"


def why_index_type(n_rows: int) -> str:
    """One line the bench prints beside each size: why this kind of index."""
    kind = index_type_for(n_rows)
    if kind == "flat":
        return f"exact scan: under {EXACT_LIMIT:,} rows it is fast enough and loses nothing"
    if kind == "pq4fs":
        return (
            f"4-bit fast scan + exact re-scoring of {FAST_SCAN_REFINE}x k: exact scores, table look-ups "
            f"any AVX2 CPU runs at speed (the 8-bit scan's speed depends on the CPU)"
        )
    return f"HNSW graph: over {SCAN_LIMIT:,} rows any scan passes the 100 ms budget"


def build_vector_index(vectors: np.ndarray, kind: str | None = None) -> faiss.Index:
    """An index over `vectors` (rows = chunk row numbers), of the kind its size calls for."""
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    dim = vectors.shape[1]
    kind = kind or index_type_for(len(vectors))
    if kind == "flat":
        index = faiss.IndexFlatIP(dim)
    elif kind == "sq8":
        # 8-bit codes with a per-dimension range learned from the vectors, plus the float32
        # vectors to re-score the candidates exactly.
        index = faiss.index_factory(dim, "SQ8,RFlat", faiss.METRIC_INNER_PRODUCT)
        index.train(vectors)
        index.k_factor = REFINE_FACTOR
    elif kind == "pq4fs":
        index = faiss.index_factory(dim, f"PQ{dim}x4fs,RFlat", faiss.METRIC_INNER_PRODUCT)
        step = max(1, len(vectors) // FAST_SCAN_TRAIN)
        index.train(vectors[::step][:FAST_SCAN_TRAIN])
        index.k_factor = FAST_SCAN_REFINE
    elif kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_BUILD_DEPTH
        index.hnsw.efSearch = HNSW_SEARCH_DEPTH
    else:
        raise ValueError(f"unknown vector index kind {kind!r}")
    if len(vectors):
        index.add(vectors)
    return index


def search_vectors(index: faiss.Index, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows and cosine scores of the k nearest chunks, best first (fewer if the index is small)."""
    k = min(k, index.ntotal)
    if k <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    # One question on one thread: faiss's threads meet at barriers, and on a shared machine a
    # descheduled one stalls the others for a whole time slice (1M rows, fast scan, shared 2-core
    # EPYC, one run: p50 14 ms on one thread, 32 ms on two); parallel questions use the other cores.
    threads = faiss.omp_get_max_threads()
    faiss.omp_set_num_threads(1)
    try:
        scores, rows = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
    finally:
        faiss.omp_set_num_threads(threads)
    keep = rows[0] >= 0
    return rows[0][keep], scores[0][keep]


def save_vector_index(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_vector_index(path: Path, expected_rows: int, expected_dim: int) -> faiss.Index:
    try:
        index = faiss.read_index(str(path))
    except RuntimeError as exc:  # faiss reports every read failure as RuntimeError
        raise IndexCorrupt(f"vector index {path} is unreadable; rebuild it with `reportqa build`") from exc
    if index.ntotal != expected_rows or index.d != expected_dim:
        raise IndexCorrupt(
            f"vector index {path} holds {index.ntotal} vectors of dimension {index.d}, "
            f"the store expects {expected_rows} of {expected_dim}; rebuild it with `reportqa build`"
        )
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_SEARCH_DEPTH
    elif isinstance(index, faiss.IndexRefine):
        fast_scan = isinstance(faiss.downcast_index(index.base_index), faiss.IndexPQFastScan)
        index.k_factor = FAST_SCAN_REFINE if fast_scan else REFINE_FACTOR
    return index
