"""A second look at the best candidates: which of them mentions most of what is asked.

Fusion ranks passages by where each retriever put them, and the two disagree most between
passages of one article: every chunk carries the headline, so BM25 and the model both like
the chunk that names the subject most often, while the answer sits in the next chunk, the one
that also has the question's other words (校本课程, 别名). So the top candidates are ranked a
third time, by the share of the question's IDF mass each mentions (`term_coverage`, the same
signal as the not-found check), and that ranking is fused in like the other two.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from retrieval.search.fusion import RRF_K, term_coverage
from retrieval.types import Chunk


def fuse_coverage(
    ranked: list[int],
    fused: dict[int, float],
    chunks: dict[int, Chunk],
    query_words: dict[str, float],
    weight: float,
    forms: Mapping[str, Sequence[str]] | None = None,
) -> dict[int, float]:
    """`fused` with a reciprocal-rank bonus for each of `ranked` (rows of `chunks`) by coverage
    (`forms`: other spellings of a word, as `term_coverage` takes them)."""
    coverage = {row: term_coverage(query_words, chunks[row].indexed_text, forms) for row in ranked if row in chunks}
    # Ties keep the fused order (sorted is stable), so equal coverage changes nothing.
    by_coverage = sorted(coverage, key=lambda row: -coverage[row])
    rescored = dict(fused)
    for rank, row in enumerate(by_coverage):
        rescored[row] += weight / (RRF_K + rank + 1)
    return rescored
