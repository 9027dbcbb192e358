"""The question's words and what they find alone: BM25's rows, the names asked of, the question's
profile and the first passages BM25 ranks, read ahead.

None of it needs the question's vector, so the searcher has it done on a helper thread while the
vector is encoded: the encoder runs one text on one core (onnx_encoder.py) and releases the GIL,
which leaves the other core free for this. Run one after the other, the two were most of a warm
search beside its encode (`reportqa bench`, `beside_encode_p50_ms`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from retrieval.index.lexical import LexicalIndex
from retrieval.search.aliases import expand_aliases
from retrieval.search.dated import lexical_within
from retrieval.search.place_names import is_place_name
from retrieval.search.query import content_words, plain_question, without_unseen_asides
from retrieval.search.question_profile import QuestionProfile, profile_question
from retrieval.search.rerank import passage_coverage
from retrieval.search.respell import Respeller, respelled
from retrieval.text.tokenize import Tokenizer
from retrieval.types import Chunk


@dataclass(frozen=True)
class QuestionWords:
    """What the question's words give, before its vector is known."""

    tokens: list[str]  # BM25's tokens: the question's content words, respelled and aliased forms too
    words: dict[str, float]  # the words a passage is checked for, with their weights
    forms: dict[str, list[str]]  # a short name's full names (aliases.py)
    names: list[str]  # the places and short names the question asks of
    lexical_rows: np.ndarray  # BM25's best rows, best first
    profile: QuestionProfile  # the question as searched, for scoring its sentences
    read_ahead: dict[int, Chunk]  # the passages of BM25's first rows
    coverage: dict[int, float]  # their coverage of `words` (rerank.passage_coverage), by row
    # jieba's tags of the question: the not-found check reads its names from them (asked.py), and
    # the tagger's HMM is the costliest step of a search after the model's where a check needs it.
    tags: list[tuple[str, str]]
    respellings: dict[str, str]  # the question's typos and unseen words, as corpus words (respell.py)


class QuestionWordsFinder:
    """The index parts a question's words are looked up in; safe to share between threads."""

    def __init__(
        self,
        tokenizer: Tokenizer,
        lexical: LexicalIndex,
        respeller: Respeller,
        aliases: Mapping[str, list[str]],
        corpus_names: frozenset[str],
        read_chunks: Callable[[list[int]], dict[int, Chunk]],
    ):
        self.tokenizer, self.lexical, self.respeller = tokenizer, lexical, respeller
        self.aliases, self.corpus_names, self.read_chunks = aliases, corpus_names, read_chunks

    def find(self, search_text: str, within: np.ndarray | None, depth: int, read_ahead: int) -> QuestionWords:
        """The question's words and BM25's `depth` best rows (among `within` when the question's
        dates restrict it); the passages of the first `read_ahead` rows read too."""
        # One jieba pass gives both the BM25 tokens and the words the answer is checked for. Cut
        # without the chat's greetings and particles: jieba cuts 多少人来着 as 人来 + 着, which no
        # filter of words then finds.
        tokens, words = self.tokenizer.tokens_and_words(plain_question(search_text))
        tokens, words = content_words(tokens), content_words(words)
        words = without_unseen_asides(words, self.lexical.idf, self.tokenizer.dictionary_tag)
        rejoined = self.respeller.rejoined(words, search_text)
        splits = self.respeller.splits(rejoined)
        weighed, added = self.respeller.weigh(rejoined, splits)
        respellings = self.respeller.respellings(rejoined, splits)
        tokens += [word for word in added if word not in tokens]
        weighed, forms = expand_aliases(self.aliases, search_text, weighed, self.lexical.idf)
        tokens += [name for fulls in forms.values() for name in fulls if name not in tokens]
        if within is None:
            rows, _ = self.lexical.top(tokens, depth, added)
        else:
            rows = lexical_within(self.lexical, tokens, within, depth)
        names = [
            word
            for word in weighed
            if word in forms
            or is_place_name(
                word, self.corpus_names, self.tokenizer.dictionary_tag, self.tokenizer.dictionary_count
            )
        ]
        chunks = self.read_chunks(rows[:read_ahead].tolist())
        return QuestionWords(
            tokens=tokens,
            words=weighed,
            forms=forms,
            names=names,
            lexical_rows=rows,
            profile=profile_question(respelled(search_text, respellings), weighed),
            respellings=respellings,
            read_ahead=chunks,
            coverage={row: passage_coverage(weighed, row, chunk, forms) for row, chunk in chunks.items()},
            tags=self.tokenizer.tagged(search_text),
        )
