"""Pure arithmetic of ranking: reciprocal-rank fusion and the relevance signal.

Dense cosines and BM25 scores live on different scales, so the two rankings are fused by
rank (as txtai does), not by raw score.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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


def term_coverage(
    query_words: dict[str, float], text: str, forms: Mapping[str, Sequence[str]] | None = None
) -> float:
    """Share of the question's IDF mass that the text mentions: 1.0 when every word is there.

    Words are looked up as substrings, not tokens: jieba cuts "蒋冲村" one way in a question
    and another inside "蒋冲村党支部", and the text mentions the village either way. `forms`:
    the other ways a word may be written (港区: 航空港实验区), any of which counts as the word."""
    total = sum(query_words.values())
    if total <= 0:
        return 0.0
    text = text.lower()
    if not forms:  # the common case, and a hot loop (every sentence of every excerpt)
        return sum(weight for word, weight in query_words.items() if word in text) / total
    return sum(weight for word, weight in query_words.items() if mentions(text, word, forms)) / total


def mentions(text: str, word: str, forms: Mapping[str, Sequence[str]]) -> bool:
    """Whether lower-cased `text` has `word` or one of its `forms` (港区: 航空港实验区)."""
    return word in text or any(form in text for form in forms.get(word, ()))
