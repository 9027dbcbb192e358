"""BM25 over jieba tokens, scored eagerly: each posting stores its final BM25 weight.

Like bm25s, the weight idf * tf(k1+1) / (tf + k1(1 - b + b dl/avgdl)) is computed once at
build time, so answering a query is a gather and a sum over the query terms' postings.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np

from retrieval.errors import IndexCorrupt


@dataclass(frozen=True)
class Bm25Params:
    k1: float = 1.2
    b: float = 0.75


class LexicalIndex:
    """Inverted index: term -> (row ids, weights), rows being chunk row numbers."""

    def __init__(
        self,
        vocabulary: dict[str, int],
        offsets: np.ndarray,
        rows: np.ndarray,
        weights: np.ndarray,
        n_rows: int,
        params: Bm25Params,
    ):
        self.vocabulary = vocabulary
        self.offsets = offsets
        self.rows = rows
        self.weights = weights
        self.n_rows = n_rows
        self.params = params

    @classmethod
    def build(cls, token_lists: Sequence[Sequence[str]], params: Bm25Params = Bm25Params()) -> LexicalIndex:
        """Index one token list per row."""
        n_rows = len(token_lists)
        lengths = np.array([len(tokens) for tokens in token_lists], dtype=np.float32)
        average_length = float(lengths.mean()) if n_rows and lengths.sum() > 0 else 1.0
        postings: dict[str, tuple[list[int], list[int]]] = {}
        for row, tokens in enumerate(token_lists):
            for term, tf in Counter(tokens).items():
                row_list, tf_list = postings.setdefault(term, ([], []))
                row_list.append(row)
                tf_list.append(tf)
        vocabulary = {term: term_id for term_id, term in enumerate(sorted(postings))}
        offsets = np.zeros(len(vocabulary) + 1, dtype=np.int64)
        for term, term_id in vocabulary.items():
            offsets[term_id + 1] = len(postings[term][0])
        np.cumsum(offsets, out=offsets)
        rows = np.empty(int(offsets[-1]), dtype=np.int32)
        weights = np.empty(int(offsets[-1]), dtype=np.float32)
        for term, term_id in vocabulary.items():
            start, end = offsets[term_id], offsets[term_id + 1]
            term_rows = np.asarray(postings[term][0], dtype=np.int32)
            tf = np.asarray(postings[term][1], dtype=np.float32)
            df = len(term_rows)
            idf = np.log(1.0 + (n_rows - df + 0.5) / (df + 0.5))  # Lucene's, never negative
            norm = params.k1 * (1.0 - params.b + params.b * lengths[term_rows] / average_length)
            rows[start:end] = term_rows
            weights[start:end] = idf * tf * (params.k1 + 1.0) / (tf + norm)
        return cls(vocabulary, offsets, rows, weights, n_rows, params)

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every row (zeros where no term matches)."""
        total = np.zeros(self.n_rows, dtype=np.float32)
        for term in set(query_tokens):
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            start, end = self.offsets[term_id], self.offsets[term_id + 1]
            # Rows are unique within one term's postings, so fancy-index += is exact here.
            total[self.rows[start:end]] += self.weights[start:end]
        return total

    def top(self, query_tokens: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
        """The k best rows with a score above zero, best first."""
        total = self.scores(query_tokens)
        matched = np.flatnonzero(total)
        if matched.size > k:
            matched = matched[np.argpartition(-total[matched], k - 1)[:k]]
        order = matched[np.argsort(-total[matched], kind="stable")]
        return order, total[order]

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term; 0 for a term the corpus does not have."""
        term_id = self.vocabulary.get(term)
        if term_id is None:
            return 0.0
        df = int(self.offsets[term_id + 1] - self.offsets[term_id])
        return float(np.log(1.0 + (self.n_rows - df + 0.5) / (df + 0.5)))

    def idf_unseen(self) -> float:
        """The IDF a term would have if no row contained it: the highest there is."""
        return float(np.log(1.0 + (self.n_rows + 0.5) / 0.5))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "offsets.npy", self.offsets)
        np.save(folder / "rows.npy", self.rows)
        np.save(folder / "weights.npy", self.weights)
        meta = {"n_rows": self.n_rows, "params": asdict(self.params), "vocabulary": list(self.vocabulary)}
        (folder / "lexical.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        try:
            meta = json.loads((folder / "lexical.json").read_text(encoding="utf-8"))
            offsets = np.load(folder / "offsets.npy")
            rows = np.load(folder / "rows.npy", mmap_mode="r")
            weights = np.load(folder / "weights.npy", mmap_mode="r")
        except (OSError, ValueError, KeyError) as exc:
            raise IndexCorrupt(f"lexical index in {folder} is unreadable: {exc}") from exc
        vocabulary = {term: term_id for term_id, term in enumerate(meta["vocabulary"])}
        if len(offsets) != len(vocabulary) + 1 or int(offsets[-1]) != len(rows) or len(rows) != len(weights):
            raise IndexCorrupt(f"lexical index in {folder} is inconsistent; rebuild it with `reportqa build`")
        return cls(vocabulary, offsets, rows, weights, int(meta["n_rows"]), Bm25Params(**meta["params"]))
