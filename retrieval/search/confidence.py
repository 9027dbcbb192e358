"""How sure a search is that the corpus answers its question: below the bar, not found.

The share of the question's IDF mass the best passages mention, plus a bonus for a top dense
cosine above its pivot and one for how far it stands above the field (an answer stands out; a
stray question finds a flat field). Calibrated in SearchSettings."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from retrieval.search import rerank
from retrieval.settings import SearchSettings
from retrieval.types import Chunk


def answer_confidence(
    settings: SearchSettings,
    ranked: list[int],
    chunks: dict[int, Chunk],
    dense_scores: np.ndarray,
    query_words: dict[str, float],
    forms: Mapping[str, Sequence[str]] | None = None,
    leads: Mapping[int, str] | None = None,
    known: Mapping[int, float] | None = None,
) -> float:
    """`forms`: the full names a question's short names stand for; `leads`: by row, those of the
    question's places its page's lead names (rerank.names_from_leads), which the passage is about
    though it says only 办事处; `known`: coverage already worked out, by row."""
    leads = leads or {}
    coverage = max(
        rerank.passage_coverage(query_words, row, chunks[row], forms, leads.get(row, ""), known)
        for row in ranked[: settings.confidence_depth]
    )
    top = float(dense_scores[0]) if len(dense_scores) else 0.0
    # Too few passages to tell a peak from the field: no bonus either way.
    gap = top - float(dense_scores[10:].mean()) if len(dense_scores) > 10 else settings.gap_pivot
    return (
        coverage
        + settings.dense_slope * (top - settings.dense_pivot)
        + settings.gap_slope * (gap - settings.gap_pivot)
    )
