"""Answering a question: dense and lexical retrieval, fusion, the not-found threshold, highlights."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import date
from functools import partial
from pathlib import Path

import numpy as np

from retrieval.errors import BadQuestion
from retrieval.index import generations as gen
from retrieval.index.manifest import Manifest
from retrieval.index.parts import open_index_parts
from retrieval.index.store import ArticleReads, SourceInfo
from retrieval.index.vectors import search_vectors
from retrieval.limits import MAX_QUESTION_CHARS
from retrieval.model.encoder import Encoder, encode_query_beside
from retrieval.search import rerank
from retrieval.search.about_report import about_report
from retrieval.search.aliases import load_aliases
from retrieval.search.answer_guards import asks_unseen_predicate, tells_the_cost
from retrieval.search.answers import best_sentence_score
from retrieval.search.asked import shows_asked, surely_asked
from retrieval.search.asked_first import asked_first
from retrieval.search.chat_turn import Resolved
from retrieval.search.confidence import answer_confidence
from retrieval.search.context import ContextResolver
from retrieval.search.dated import DateWindow, RowDates, date_window, dense_within, reorder, row_dates
from retrieval.search.direct_answer import direct_answer
from retrieval.search.figures import asks_count, asks_day
from retrieval.search.fusion import reciprocal_rank_fusion
from retrieval.search.of_its_place import asked_of_its_place
from retrieval.search.place_names import unlisted_places
from retrieval.search.post_holders import HolderAsked, holder_asked_as_spelled, names_holder_of
from retrieval.search.query import plain_question
from retrieval.search.question_profile import profile_question
from retrieval.search.question_words import QuestionWords, QuestionWordsFinder
from retrieval.search.respell import Respeller, respelled
from retrieval.search.shown import ShownPassages
from retrieval.search.unknown_places import unknown_place
from retrieval.settings import SearchSettings
from retrieval.text.tokenize import Tokenizer
from retrieval.types import Article, Chunk, SearchResult


class Searcher:
    """One opened index generation and the model to embed questions; safe to share between threads."""

    def __init__(self, index_dir: Path, encoder: Encoder, settings: SearchSettings = SearchSettings()):
        self.index_dir = Path(index_dir)
        self.generation = gen.current_generation(self.index_dir)
        self.manifest = Manifest.load(self.generation)
        self.manifest.check_model(encoder.name, self.index_dir)
        self.encoder = encoder
        self.settings = settings
        self.vectors, self.lexical, self.store = open_index_parts(self.generation, self.manifest)
        words_file = self.generation / gen.USERWORDS_NAME
        self.tokenizer = Tokenizer(
            words_file.read_text(encoding="utf-8").split() if words_file.is_file() else ()
        )
        self.tokenizer.tokenize("预热")  # load jieba now, not on the first question
        self.tokenizer.tagged("预热")  # and its tagger, which finds names in direct answers
        # Lower-cased once here, as the query words are, not on every question (asked.py).
        self.corpus_names = frozenset(word.lower() for word in self.tokenizer.user_words)
        self.aliases = load_aliases(self.generation)
        # A short name (八千, 明湖) names its subject as much as the full one: no follow-up then.
        self.context = ContextResolver(self.tokenizer, frozenset(self.aliases))
        self.respeller = Respeller(self.lexical, self.tokenizer.dictionary_count)
        self.question_words = QuestionWordsFinder(
            self.tokenizer, self.lexical, self.respeller, self.aliases, self.corpus_names, self.store.chunks
        )
        # Finds the question's words while the encoder holds one core (question_words.py).
        self._helpers = ThreadPoolExecutor(1, thread_name_prefix="question-words")
        # HF fast tokenizers raise "Already borrowed" when two threads encode at once.
        self._encode_lock = threading.Lock()
        self._dates: RowDates | None = None  # each row's date, read on the first search
        self._dates_lock = threading.Lock()

    def _row_dates(self) -> RowDates:
        with self._dates_lock:
            if self._dates is None:
                self._dates = row_dates(self.store.chunk_dates())
            return self._dates

    def search(
        self,
        question: str,
        k: int = 5,
        offset: int = 0,
        context: Sequence[str] = (),
        since: date | None = None,
        until: date | None = None,
    ) -> SearchResult:
        """The k best excerpts after `offset`, or not_found with the nearest headlines.
        `context`: the chat's earlier questions, oldest first, for a follow-up question; dates the
        question names (or `since`/`until`) restrict it, "最近" puts the newest first (dated.py)."""
        started = time.perf_counter()
        question = " ".join((question or "").split())[:MAX_QUESTION_CHARS]
        if not question:
            raise BadQuestion("the question is empty")
        resolved = self.context.resolve(question, context)
        depth = max(self.settings.candidates, offset + k)
        window = date_window(resolved.query, self._row_dates(), since, until)
        # Only the rows an answer can show (or the rerank reads) come from SQLite, not all candidates.
        shown = max(self.settings.confidence_depth, (offset + k) * self.settings.per_article)
        reread = self.settings.coverage_depth if self.settings.coverage_weight > 0 else 0
        articles = ArticleReads(self.store)
        made_meanwhile = partial(
            self._while_encoding, question, resolved, window, depth, max(shown, reread), offset + k, articles
        )
        with self._encode_lock:
            query_vector, (words, passages) = encode_query_beside(
                self.encoder, window.search_text, made_meanwhile, self._helpers
            )
        if window.rows is None:
            dense_rows, dense_scores = search_vectors(self.vectors, query_vector, depth)
        else:
            dense_rows, dense_scores = dense_within(self.vectors, query_vector, window.rows, depth)
        query_words, forms, names = words.words, words.forms, words.names
        fused = reciprocal_rank_fusion(
            [dense_rows.tolist(), words.lexical_rows.tolist()],
            [self.settings.dense_weight, self.settings.lexical_weight],
        )
        ranked = _best_first(fused)
        first = ranked[: max(shown, reread)]
        chunks = {row: words.read_ahead[row] for row in first if row in words.read_ahead}
        chunks.update(self.store.chunks([row for row in first if row not in chunks]))
        leads: dict[int, str] = {}  # the question's places a passage's page names in its lead
        if reread:
            leads = rerank.names_from_leads(ranked[:reread], chunks, names, forms, articles) if names else {}
            fused = rerank.fuse_coverage(
                ranked[:reread],
                fused,
                chunks,
                query_words,
                self.settings.coverage_weight,
                forms,
                leads,
                words.coverage,
            )
            fused = rerank.fuse_subject(
                ranked[:reread], fused, chunks, names, forms, leads, self.settings.subject_weight
            )
            ranked = _best_first(fused)
        ranked = rerank.best_passage_first(
            ranked, chunks, lambda c: best_sentence_score(words.profile, c.text, c.title, names)
        )
        holder = holder_asked_as_spelled(window.search_text, self.respeller)
        ranked = asked_first(
            ranked,
            chunks,
            window.search_text,
            words.tags,
            query_words,
            holder,
            lambda word: self.lexical.idf(word) > 0,
            lambda: surely_asked(query_words, self.corpus_names, self.tokenizer.dictionary_tag),
        )
        if window.latest or window.extreme:  # last: the date order is what the question asked for
            top, rest = ranked[: self.settings.candidates], ranked[self.settings.candidates :]
            ranked = reorder(window, top, self.store.chunks(top), self._row_dates().days, query_words) + rest
            chunks = self.store.chunks(ranked[:shown])
        wanted = ranked[:shown]
        found = {"context_used": resolved.subject, **window.fields}
        # When a report came out or who wrote it is in no passage (about_report.py).
        about = about_report(resolved.query)
        covered = about.content_words(query_words)
        known = words.coverage if covered is query_words else None  # by the words it was worked out for
        sure = (
            answer_confidence(self.settings, wanted, chunks, dense_scores, covered, forms, leads, known)
            if ranked
            else 0.0
        )
        subject = rerank.Subject(names, forms, articles)
        if about.asked:  # it must name a report: "记者是谁" alone names none
            asked_shown = bool(covered)
        else:
            asked_shown = self._asks_shown(
                window.search_text, ranked, chunks, query_words, subject, holder, words.tags
            )
        # A place no report mentions (惠济区): its question's other words may all stand in a
        # sentence of another place.
        elsewhere = self.settings.require_asked and unknown_place(
            window.search_text, query_words, self.lexical.idf, self.tokenizer
        )
        if sure < self.settings.min_confidence or not asked_shown or elsewhere:
            nearest = self._nearest_titles(dense_rows[: 3 * self.settings.per_article])
            return SearchResult(question, (), True, nearest, self._ms(started), **found)
        hits = passages.hits(wanted, chunks, fused, offset + k)
        if len(hits) < offset + k and len(wanted) < len(ranked):  # a few articles filled the top
            hits = passages.hits(ranked, self.store.chunks(ranked), fused, offset + k)
        # The direct answer belongs to the first page: later pages only add excerpts.
        answer = None
        if hits and offset == 0 and about.asked:
            hits, answer = about.answered(hits)
        elif hits and offset == 0:
            answer = direct_answer(passages.profile, hits[0], self.tokenizer.tagged)
        hits = tuple(hits[offset:])
        return SearchResult(question, hits, False, (), self._ms(started), answer=answer, **found)

    def _while_encoding(
        self,
        question: str,
        resolved: Resolved,
        window: DateWindow,
        depth: int,
        read_ahead: int,
        shown: int,
        articles: ArticleReads,
    ) -> tuple[QuestionWords, ShownPassages]:
        """All a search can do before its question's vector is known (question_words.py, shown.py):
        the question's words, BM25's rows, and the excerpts of BM25's first `shown` rows."""
        words = self.question_words.find(window.search_text, window.rows, depth, read_ahead)
        # "南阳的呢？" asks what the earlier question did: a number, of 南阳 now.
        # The question as typed less its greetings and particles: 你好 and 呀 mark no sentence.
        asked = respelled(
            resolved.query if resolved.asked_again else plain_question(question), words.respellings
        )
        marking = resolved.marking_words(words.words)
        # Most questions are searched as typed: then the profile is the one already made.
        same = asked == words.profile.text and marking == words.profile.words
        profile = words.profile if same else profile_question(asked, marking)
        passages = ShownPassages(
            replace(profile, names=tuple(words.names)), articles, self.settings.per_article
        )
        passages.make_ahead(words.lexical_rows[: 2 * shown].tolist(), words.read_ahead)
        return words, passages

    def _asks_shown(
        self,
        text: str,
        ranked: list[int],
        chunks: dict[int, Chunk],
        query_words: dict[str, float],
        subject: rerank.Subject,
        holder: HolderAsked | None,
        tags: list[tuple[str, str]] | None = None,
    ) -> bool:
        """Whether any of the first `asked_depth` passages mentions what the question asks
        beyond its names (asked.shows_asked); for a number or day question, one of its `subject`;
        for a post's `holder`, names them. `tags`: jieba's tags of `text`, when already made."""
        if not self.settings.require_asked:
            return True
        rows = ranked[: self.settings.asked_depth]
        unread = [row for row in rows if row not in chunks]
        read = {**chunks, **self.store.chunks(unread)} if unread else chunks
        # A number question needs a figure beside what it asks, a day question a date (figures.py),
        # of the place it names, or of a village no list holds (席庄村多少户: not 明湖's 56149户); no
        # road, keyword count or business of another place's page either (asked_of_its_place).
        counts = self.settings.require_figure and asks_count(text)
        day = self.settings.require_figure and not counts and asks_day(text)
        places = [*subject.names, *unlisted_places(query_words, subject.names, self.tokenizer.dictionary_tag)]
        if places and (counts or day or asked_of_its_place(text, self.tokenizer)):
            leads = rerank.names_from_leads(rows, read, places, subject.forms, subject.articles)
            rows = rerank.of_subject(rows, read, places, subject.forms, leads)
        texts = [read[row].indexed_text for row in rows if row in read]
        if holder is not None:  # 明港办事处主任是谁: a 主任 of 明港办事处, named (post_holders.py)
            passages = [(read[row].title, read[row].text) for row in rows if row in read]
            if not names_holder_of(holder, passages):
                return False
        if asks_unseen_predicate(text, query_words, self.lexical.idf_unseen()):
            return False  # "郑州这周末下雨不": no report says 下雨 (answer_guards.py)
        if not tells_the_cost(text, texts):
            return False  # "流动采样车做一次核酸收钱不": no sum, no fee (answer_guards.py)
        return shows_asked(
            text, texts, query_words, self.corpus_names, self.tokenizer, self.lexical.idf, counts, day, tags
        )

    def _nearest_titles(self, dense_rows: np.ndarray, limit: int = 3) -> tuple[str, ...]:
        """Headlines of the passages nearest the question, for a not-found answer."""
        chunks = self.store.chunks(dense_rows.tolist())
        titles = [chunks[row].title for row in dense_rows.tolist() if row in chunks and chunks[row].title]
        return tuple(dict.fromkeys(titles))[:limit]

    @staticmethod
    def _ms(started: float) -> float:
        return (time.perf_counter() - started) * 1000.0

    def article(self, source: str, number: int) -> Article | None:
        return self.store.article(source, number)

    def sources(self) -> list[SourceInfo]:
        return self.store.sources()

    def close(self) -> None:
        self._helpers.shutdown()
        self.store.close()


def _best_first(scores: dict[int, float]) -> list[int]:
    """Rows by score, best first, equals in their order in `scores`: the order a key of -score
    gives (sorted stays stable when reversed), without a Python call per row."""
    return sorted(scores, key=scores.__getitem__, reverse=True)
