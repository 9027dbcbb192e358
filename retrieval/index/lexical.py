"""BM25 over jieba tokens, scored eagerly: each posting stores its final BM25 weight.

Like bm25s, the weight idf * tf(k1+1) / (tf + k1(1 - b + b dl/avgdl)) is computed once at
build time, so answering a query is a gather and a sum over the query terms' postings.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
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
    def build(cls, token_lists: Iterable[Sequence[str]], params: Bm25Params = Bm25Params()) -> LexicalIndex:
        """Index one token list per row (read once, so a generator will do)."""
        # Postings are gathered as flat arrays, not per-term Python lists: at a million rows the
        # lists would take several GB and minutes; these take ~12 bytes a posting.
        vocabulary: dict[str, int] = {}  # first-seen ids here; renumbered in term order below
        lengths_list: list[int] = []
        term_blocks: list[np.ndarray] = []
        tf_blocks: list[np.ndarray] = []
        unique_counts: list[int] = []
        block_terms: list[int] = []
        block_tfs: list[int] = []
        for tokens in token_lists:
            counts = Counter(tokens)
            lengths_list.append(len(tokens))
            unique_counts.append(len(counts))
            block_terms.extend(vocabulary.setdefault(term, len(vocabulary)) for term in counts)
            block_tfs.extend(counts.values())
            if len(block_terms) >= 1 << 20:
                term_blocks.append(np.array(block_terms, dtype=np.int32))
                tf_blocks.append(np.array(block_tfs, dtype=np.float32))
                block_terms, block_tfs = [], []
        term_blocks.append(np.array(block_terms, dtype=np.int32))
        tf_blocks.append(np.array(block_tfs, dtype=np.float32))
        n_rows = len(lengths_list)
        lengths = np.array(lengths_list, dtype=np.float32)
        average_length = float(lengths.mean()) if n_rows and lengths.sum() > 0 else 1.0

        terms = sorted(vocabulary)
        rank = np.empty(len(terms), dtype=np.int32)
        rank[[vocabulary[term] for term in terms]] = np.arange(len(terms), dtype=np.int32)
        posting_terms = rank[np.concatenate(term_blocks)]
        del term_blocks
        # Stable: within one term, rows stay in ascending order, as they were appended.
        order = np.argsort(posting_terms, kind="stable")
        df = np.bincount(posting_terms, minlength=len(terms))
        offsets = np.zeros(len(terms) + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        rows = np.repeat(np.arange(n_rows, dtype=np.int32), np.asarray(unique_counts, dtype=np.int64))[order]
        tf = np.concatenate(tf_blocks)[order]
        del order, tf_blocks
        idf = np.log(1.0 + (n_rows - df + 0.5) / (df + 0.5))  # Lucene's, never negative
        norm = params.k1 * (1.0 - params.b + params.b * lengths[rows] / average_length)
        weights = (np.repeat(idf, df) * tf * (params.k1 + 1.0) / (tf + norm)).astype(np.float32)
        vocabulary = {term: term_id for term_id, term in enumerate(terms)}
        return cls(vocabulary, offsets, rows, weights, n_rows, params)

    def scores(self, query_tokens: Sequence[str], shares: Mapping[str, float] | None = None) -> np.ndarray:
        """BM25 score of every row (zeros where no term matches); `shares` scales some terms'
        weights (a sound-alike of a mistyped word counts less than the word)."""
        total = np.zeros(self.n_rows, dtype=np.float32)
        shares = shares or {}
        for term in set(query_tokens):
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            start, end = self.offsets[term_id], self.offsets[term_id + 1]
            # Rows are unique within one term's postings, so fancy-index += is exact here.
            share = shares.get(term, 1.0)
            total[self.rows[start:end]] += (
                self.weights[start:end] if share == 1.0 else share * self.weights[start:end]
            )
        return total

    def top(
        self, query_tokens: Sequence[str], k: int, shares: Mapping[str, float] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The k best rows with a score above zero, best first."""
        total = self.scores(query_tokens, shares)
        matched = np.flatnonzero(total)
        if matched.size > k:
            matched = matched[np.argpartition(-total[matched], k - 1)[:k]]
        order = matched[np.argsort(-total[matched], kind="stable")]
        return order, total[order]

    def document_frequency(self, term: str) -> int:
        """How many rows hold `term`; 0 for a term the corpus does not have."""
        term_id = self.vocabulary.get(term)
        return 0 if term_id is None else int(self.offsets[term_id + 1] - self.offsets[term_id])

    def idf(self, term: str) -> float:
        """Inverse document frequency of a term; 0 for a term the corpus does not have."""
        df = self.document_frequency(term)
        if not df:
            return 0.0
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
            # Mapped, not read: a large corpus's postings stay on disk until a term needs them.
            # Plain array views of the maps: slicing a np.memmap builds a memmap per slice.
            rows = np.load(folder / "rows.npy", mmap_mode="r").view(np.ndarray)
            weights = np.load(folder / "weights.npy", mmap_mode="r").view(np.ndarray)
        except (OSError, ValueError, KeyError) as exc:
            raise IndexCorrupt(f"lexical index in {folder} is unreadable: {exc}") from exc
        vocabulary = {term: term_id for term_id, term in enumerate(meta["vocabulary"])}
        if len(offsets) != len(vocabulary) + 1 or int(offsets[-1]) != len(rows) or len(rows) != len(weights):
            raise IndexCorrupt(f"lexical index in {folder} is inconsistent; rebuild it with `reportqa build`")
        return cls(vocabulary, offsets, rows, weights, int(meta["n_rows"]), Bm25Params(**meta["params"]))
