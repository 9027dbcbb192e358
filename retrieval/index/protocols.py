"""The three surfaces a search reads an index generation through, all keyed by the chunk's row.

`Searcher` holds these protocols, never the concrete classes, so another engine (OpenSearch,
Qdrant: see docs/SCALING.md) implements the three and registers an opener for its manifest
kind in `retrieval.index.parts`. Today FAISS (`retrieval.index.vectors`), NumPy BM25
(`LexicalIndex`) and SQLite (`Store`) satisfy them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

import numpy as np

from retrieval.index.store import SourceInfo
from retrieval.types import Article, Chunk


class DenseIndex(Protocol):
    """Nearest rows by inner product of unit vectors: the interface of a `faiss.Index`."""

    @property
    def ntotal(self) -> int:
        """Rows held."""

    @property
    def d(self) -> int:
        """Dimension of the vectors."""

    def search(self, queries: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """(scores, rows), one line per query, best first; row -1 where fewer than k exist."""


class LexicalSide(Protocol):
    """BM25 over the rows' tokens, and the IDF the confidence and highlights weigh words by."""

    def top(self, query_tokens: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best rows with a score above zero, and their scores, best first."""

    def idf(self, term: str) -> float:
        """A term's inverse document frequency; 0 for a term no row has."""

    def idf_unseen(self) -> float:
        """The IDF a term no row contains would have: the highest there is."""


class PassageStore(Protocol):
    """The text behind the rows: chunks, whole articles, and the indexed files."""

    @property
    def n_chunks(self) -> int: ...

    def chunks(self, rows: Sequence[int]) -> dict[int, Chunk]:
        """The chunks at these rows, by row."""

    def article(self, source: str, number: int) -> Article | None: ...

    def articles(self, keys: Iterable[tuple[str, int]]) -> dict[tuple[str, int], Article]:
        """The articles with these (source, number) keys, in one read; missing ones left out."""

    def sources(self) -> list[SourceInfo]: ...

    def close(self) -> None: ...
