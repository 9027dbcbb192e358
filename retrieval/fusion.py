"""Pure arithmetic of ranking: reciprocal-rank fusion and the relevance signal.

Dense cosines and BM25 scores live on different scales, so the two rankings are fused by
rank (as txtai does), not by raw score.
"""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60.0


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], weights: Sequence[float], k: float = RRF_K
) -> dict[int, float]:
    """Fused score of every row that appears in any ranking (best first in each)."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, row in enumerate(ranking):
            fused[row] = fused.get(row, 0.0) + weight / (k + rank + 1)
    return fused


def term_coverage(query_terms: dict[str, float], text_terms: set[str]) -> float:
    """Share of the question's IDF mass that the text contains: 1.0 when every term is there."""
    total = sum(query_terms.values())
    if total <= 0:
        return 0.0
    return sum(weight for term, weight in query_terms.items() if term in text_terms) / total
