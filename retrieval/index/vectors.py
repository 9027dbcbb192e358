"""The dense side: a FAISS inner-product index over normalised chunk vectors, its kind chosen by size.

Exact search below `EXACT_LIMIT` rows: fast enough there, and it loses nothing. Up to
`SCAN_LIMIT` rows, every vector is scanned as 8-bit codes (a quarter of the memory traffic of
float32) and the best `REFINE_FACTOR` x k are re-scored exactly, so the scores stay exact, which
the not-found threshold relies on; at a million rows this beat both the float32 scan and an HNSW
graph, in speed, build time and recall. The scan grows linearly, so past `SCAN_LIMIT` an HNSW
graph takes over; its recall depends on how clustered the vectors are. The numbers and the
command behind these limits are in docs/SCALING.md.
"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from retrieval.errors import IndexCorrupt

EXACT_LIMIT = 200_000
SCAN_LIMIT = 1_500_000  # ~60 ms a question for the 8-bit scan here: the most a 100 ms budget allows
REFINE_FACTOR = 4  # 8-bit candidates re-scored exactly per result wanted (not saved by faiss)
HNSW_NEIGHBOURS = 32
HNSW_BUILD_DEPTH = 80
HNSW_SEARCH_DEPTH = 128
VECTOR_INDEX_KINDS = ("flat", "sq8", "hnsw")  # what build_vector_index makes (the manifest's vector_index)


def index_type_for(n_rows: int) -> str:
    if n_rows < EXACT_LIMIT:
        return "flat"
    return "sq8" if n_rows < SCAN_LIMIT else "hnsw"


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
    scores, rows = index.search(np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32), k)
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
        index.k_factor = REFINE_FACTOR
    return index
