"""What one search shows: a hit for each passage it answers with, its excerpt and marked sentence.

A passage's excerpt and marked sentence depend on the question and the passage alone, not on where
the passage ranks, so they can be made before the ranking is known: the searcher has those of
BM25's first rows made while the question's vector is encoded (question_words.py says why that
time is free), and the hits of the final ranking take them from there when they can.
"""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.index.store import ArticleReads
from retrieval.search.answers import pick_sentence
from retrieval.search.excerpt import excerpt_for, mostly_shown
from retrieval.search.question_profile import QuestionProfile
from retrieval.types import Article, Chunk, Hit


class ShownPassages:
    """One search's excerpts and marked sentences, each made once, by row."""

    def __init__(self, profile: QuestionProfile, articles: ArticleReads, per_article: int):
        self.profile, self.articles, self.per_article = profile, articles, per_article
        self._made: dict[int, tuple[str, str]] = {}  # row -> (excerpt, marked sentence)

    def make_ahead(self, rows: Sequence[int], chunks: dict[int, Chunk]) -> None:
        """Make the excerpts of `rows` now, their articles read in one go."""
        rows = [row for row in rows if row in chunks]
        articles = self.articles([(chunks[row].source, chunks[row].article) for row in rows])
        for row in rows:
            chunk = chunks[row]
            self._shown(row, chunk, articles.get((chunk.source, chunk.article)))

    def hits(
        self, rows: Sequence[int], chunks: dict[int, Chunk], scores: dict[int, float], count: int
    ) -> list[Hit]:
        """Hits in rank order, at most `per_article` per article, none mostly repeating what
        an earlier excerpt of the same article already shows."""
        shown: dict[tuple[str, int], list[str]] = {}
        marked: dict[tuple[str, int], list[str]] = {}  # by article, the sentences its hits mark
        hits: list[Hit] = []
        # One read for the articles the answer will most likely show, not one per hit: an
        # article's first row is always shown, so those are the first `count` articles in rank
        # order (a later row of one of them is never read for: its article is).
        likely = dict.fromkeys((chunks[row].source, chunks[row].article) for row in rows)
        articles: dict[tuple[str, int], Article | None] = dict(self.articles(list(likely)[:count]))
        for row in rows:
            chunk = chunks[row]
            key = (chunk.source, chunk.article)
            excerpts = shown.setdefault(key, [])
            if len(excerpts) >= self.per_article or mostly_shown(chunk.text, excerpts):
                continue
            if key not in articles:  # past the likely rows: a few articles filled the top
                articles[key] = self.articles([key]).get(key)
            excerpt, highlight = self._shown(row, chunk, articles[key])
            if highlight in marked.setdefault(key, []):
                # Two passages of an article overlap by a sentence: the second marks another of its
                # own, not the one the reader was just shown.
                highlight = pick_sentence(self.profile, excerpt.replace(highlight, " "), chunk.title) or highlight
            marked[key].append(highlight)
            hits.append(
                Hit(
                    rank=len(hits) + 1,
                    score=scores[row],
                    source=chunk.source,
                    title=chunk.title,
                    date=chunk.date,
                    paragraph=chunk.paragraph,
                    excerpt=excerpt,
                    highlight=highlight,
                    article=chunk.article,
                    **_article_metadata(articles[key]),
                )
            )
            excerpts.append(excerpt)
            if len(hits) == count:
                break
        return hits

    def _shown(self, row: int, chunk: Chunk, article: Article | None) -> tuple[str, str]:
        made = self._made.get(row)
        if made is None:
            excerpt = excerpt_for(chunk, article)
            made = self._made[row] = (excerpt, pick_sentence(self.profile, excerpt, chunk.title))
        return made


def _article_metadata(article: Article | None) -> dict[str, str | None]:
    """What a citation shows besides the date: where the CMS put it and who wrote it."""
    if article is None:
        return {}
    return {"url": article.url, "author": article.byline, "page": article.page, "record": article.record, "staff": article.staff}  # fmt: skip
