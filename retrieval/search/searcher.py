"""Answering a question: dense and lexical retrieval, fusion, the not-found threshold, highlights."""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from retrieval.errors import BadQuestion
from retrieval.index import generations as gen
from retrieval.index.manifest import Manifest
from retrieval.index.parts import open_index_parts
from retrieval.index.store import ArticleReads, SourceInfo
from retrieval.index.vectors import search_vectors
from retrieval.limits import MAX_QUESTION_CHARS
from retrieval.model.encoder import Encoder
from retrieval.search import rerank
from retrieval.search.about_report import about_report
from retrieval.search.aliases import expand_aliases, load_aliases
from retrieval.search.answers import QuestionProfile, best_sentence_score, pick_sentence, profile_question
from retrieval.search.asked import is_place_name, shows_asked
from retrieval.search.context import ContextResolver
from retrieval.search.dated import RowDates, date_window, dense_within, lexical_within, reorder, row_dates
from retrieval.search.direct_answer import direct_answer
from retrieval.search.excerpt import excerpt_for, mostly_shown
from retrieval.search.figures import asks_count, asks_day
from retrieval.search.fusion import reciprocal_rank_fusion, term_coverage
from retrieval.search.query import content_words, plain_question
from retrieval.search.respell import Respeller
from retrieval.settings import SearchSettings
from retrieval.text.tokenize import Tokenizer
from retrieval.types import Article, Chunk, Hit, SearchResult


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
        with self._encode_lock:
            query_vector = self.encoder.encode_queries([window.search_text])[0]
        # One jieba pass gives both the BM25 tokens and the words the answer is checked for.
        query_tokens, question_words = self.tokenizer.tokens_and_words(window.search_text)
        query_tokens, question_words = content_words(query_tokens), content_words(question_words)
        query_words, respelled = self.respeller.weigh(self.respeller.rejoined(question_words, window.search_text))
        query_tokens += [word for word in respelled if word not in query_tokens]
        query_words, forms = expand_aliases(self.aliases, window.search_text, query_words, self.lexical.idf)
        query_tokens += [name for fulls in forms.values() for name in fulls if name not in query_tokens]
        if window.rows is None:
            dense_rows, dense_scores = search_vectors(self.vectors, query_vector, depth)
            lexical_rows, _ = self.lexical.top(query_tokens, depth, respelled)
        else:
            dense_rows, dense_scores = dense_within(self.vectors, query_vector, window.rows, depth)
            lexical_rows = lexical_within(self.lexical, query_tokens, window.rows, depth)
        fused = reciprocal_rank_fusion(
            [dense_rows.tolist(), lexical_rows.tolist()],
            [self.settings.dense_weight, self.settings.lexical_weight],
        )
        ranked = _best_first(fused)
        # Only the rows an answer can show (or the rerank reads) come from SQLite, not all candidates.
        shown = max(self.settings.confidence_depth, (offset + k) * self.settings.per_article)
        reread = self.settings.coverage_depth if self.settings.coverage_weight > 0 else 0
        chunks = self.store.chunks(ranked[: max(shown, reread)])
        articles = ArticleReads(self.store)
        names = [w for w in query_words if w in forms or is_place_name(w, self.corpus_names, self.tokenizer.dictionary_tag)]  # fmt: skip
        leads: dict[int, str] = {}  # the question's places a passage's page names in its lead
        if reread:
            leads = rerank.names_from_leads(ranked[:reread], chunks, names, forms, articles) if names else {}
            fused = rerank.fuse_coverage(
                ranked[:reread], fused, chunks, query_words, self.settings.coverage_weight, forms, leads
            )
            fused = rerank.fuse_subject(ranked[:reread], fused, chunks, names, forms, leads, self.settings.subject_weight)
            ranked = _best_first(fused)
        # The question as searched (a follow-up with its subject), so the sentence asked is scored.
        asked_profile = profile_question(window.search_text, query_words)
        ranked = rerank.best_passage_first(
            ranked, chunks, lambda c: best_sentence_score(asked_profile, c.text, c.title, names)
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
        confidence = self.confidence(wanted, chunks, dense_scores, covered, forms, leads) if ranked else 0.0
        subject = rerank.Subject(names, forms, articles)
        if about.asked:  # it must name a report: "记者是谁" alone names none
            asked_shown = bool(covered)
        else:
            asked_shown = self._asks_shown(window.search_text, ranked, chunks, query_words, subject)
        if confidence < self.settings.min_confidence or not asked_shown:
            nearest = self._nearest_titles(dense_rows[: 3 * self.settings.per_article])
            return SearchResult(question, (), True, nearest, self._ms(started), **found)
        # "南阳的呢？" asks what the earlier question did: a number, of 南阳 now.
        # The question as typed less its greetings and particles: 你好 and 呀 mark no sentence.
        asked = resolved.query if resolved.asked_again else plain_question(question)
        marking = resolved.marking_words(query_words)
        # Most questions are searched as typed: then the profile is the one already made.
        same = asked == asked_profile.text and marking == asked_profile.words
        profile = replace(asked_profile if same else profile_question(asked, marking), names=tuple(names))
        hits = self._answer(wanted, chunks, fused, profile, offset + k, articles)
        if len(hits) < offset + k and len(wanted) < len(ranked):  # a few articles filled the top
            hits = self._answer(ranked, self.store.chunks(ranked), fused, profile, offset + k, articles)
        # The direct answer belongs to the first page: later pages only add excerpts.
        answer = None
        if hits and offset == 0 and about.asked:
            hits, answer = about.answered(hits)
        elif hits and offset == 0:
            answer = direct_answer(profile, hits[0], self.tokenizer.tagged)
        hits = tuple(hits[offset:])
        return SearchResult(question, hits, False, (), self._ms(started), answer=answer, **found)

    def confidence(
        self,
        ranked: list[int],
        chunks: dict[int, Chunk],
        dense_scores: np.ndarray,
        query_words: dict[str, float],
        forms: Mapping[str, Sequence[str]] | None = None,
        leads: Mapping[int, str] | None = None,
    ) -> float:
        """How sure we are that the corpus answers the question (see SearchSettings); `forms`:
        the full names a question's short names stand for; `leads`: by row, those of the
        question's places its page's lead names (rerank.names_from_leads), which the passage
        is about though it says only 办事处."""
        leads = leads or {}
        settings = self.settings
        coverage = max(
            term_coverage(query_words, f"{chunks[row].indexed_text} {leads.get(row, '')}", forms)
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

    def _asks_shown(
        self, text: str, ranked: list[int], chunks: dict[int, Chunk], query_words: dict[str, float], subject: rerank.Subject
    ) -> bool:
        """Whether any of the first `asked_depth` passages mentions what the question asks
        beyond its names (asked.shows_asked); for a number or day question, one of its `subject`."""
        if not self.settings.require_asked:
            return True
        rows = ranked[: self.settings.asked_depth]
        unread = [row for row in rows if row not in chunks]
        read = {**chunks, **self.store.chunks(unread)} if unread else chunks
        # A number question needs a figure beside what it asks, not only a mention, a question
        # asking the day a date (figures.py); either of the place it names: 登封市的人口 is not
        # a village's 流动人口.
        counts = self.settings.require_figure and asks_count(text)
        day = self.settings.require_figure and not counts and asks_day(text)
        if (counts or day) and subject.names:
            leads = rerank.names_from_leads(rows, read, subject.names, subject.forms, subject.articles)
            rows = rerank.of_subject(rows, read, subject.names, subject.forms, leads)
        texts = [read[row].indexed_text for row in rows if row in read]
        return shows_asked(text, texts, query_words, self.corpus_names, self.tokenizer, self.lexical.idf, counts, day)

    def _answer(
        self,
        rows: list[int],
        chunks: dict[int, Chunk],
        fused: dict[int, float],
        profile: QuestionProfile,
        count: int,
        read_articles: ArticleReads,
    ) -> list[Hit]:
        """Hits in rank order, at most `per_article` per article, none mostly repeating what
        an earlier excerpt of the same article already shows; `read_articles`: this search's."""
        shown: dict[tuple[str, int], list[str]] = {}
        hits: list[Hit] = []
        # One read for the articles the answer will most likely show, not one per hit: an
        # article's first row is always shown, so those are the first `count` articles in rank
        # order (a later row of one of them is never read for: its article is).
        likely = dict.fromkeys((chunks[row].source, chunks[row].article) for row in rows)
        articles: dict[tuple[str, int], Article | None] = dict(read_articles(list(likely)[:count]))
        for row in rows:
            chunk = chunks[row]
            key = (chunk.source, chunk.article)
            excerpts = shown.setdefault(key, [])
            if len(excerpts) >= self.settings.per_article or mostly_shown(chunk.text, excerpts):
                continue
            if key not in articles:  # past the likely rows: a few articles filled the top
                articles[key] = read_articles([key]).get(key)
            hit = self._hit(len(hits) + 1, fused[row], chunk, articles[key], profile)
            excerpts.append(hit.excerpt)
            hits.append(hit)
            if len(hits) == count:
                break
        return hits

    def _hit(
        self, rank: int, score: float, chunk: Chunk, article: Article | None, profile: QuestionProfile
    ) -> Hit:
        excerpt = excerpt_for(chunk, article)
        return Hit(
            rank=rank,
            score=score,
            source=chunk.source,
            title=chunk.title,
            date=chunk.date,
            paragraph=chunk.paragraph,
            excerpt=excerpt,
            highlight=pick_sentence(profile, excerpt, chunk.title),
            article=chunk.article,
            **_article_metadata(article),
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
        self.store.close()


def _best_first(scores: dict[int, float]) -> list[int]:
    """Rows by score, best first, equals in their order in `scores`: the order a key of -score
    gives (sorted stays stable when reversed), without a Python call per row."""
    return sorted(scores, key=scores.__getitem__, reverse=True)


def _article_metadata(article: Article | None) -> dict[str, str | None]:
    """What a citation shows besides the date: where the CMS put it and who wrote it."""
    if article is None:
        return {}
    return {"url": article.url, "author": article.byline, "page": article.page, "record": article.record, "staff": article.staff}  # fmt: skip
