"""Dates in ranking: restrict a search to the asked days, and put the latest report first.

The date belongs to the whole article (every chunk carries its article's date), so a passage
that never repeats the day still counts as that day's report. A question that names a day
the archive has reports of is searched among those reports only, both sides (dense and
BM25), with the date words cut from the searched text: in an archive of near-identical daily
bulletins every day matches them equally and they only add noise. A day the archive has no
report of restricts nothing, and the answer says so. "最近/最新" reorders the passages that
answer the question as well as the best does (the same share of its words, `term_coverage`)
newest first: among seventeen days of one office's bulletin the newest wins, but a newer
report about something else does not jump an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np

from retrieval.index.lexical import LexicalIndex
from retrieval.index.vectors import search_vectors
from retrieval.search.dates import AskedDates, asked_dates, resolve
from retrieval.search.fusion import term_coverage
from retrieval.search.superlative import ASKING_WORDS, asked_extreme, by_figure
from retrieval.types import Chunk

UNDATED = 0
RECONSTRUCT_LIMIT = 200_000  # rows whose vectors are scored directly; past it, a deeper search is filtered
LATEST_COVERAGE_SLACK = 0.05
MOSTLY_DATED = 0.95  # share of dated passages above which "no report of that date" is worth saying  # passages within this share of the best coverage count as equally good


@dataclass(frozen=True)
class DateWindow:
    """What the date part of a question does to one search."""

    rows: np.ndarray | None  # the rows searched; None: all
    search_text: str  # the question as searched (date words cut when they restrict)
    latest: bool
    label: str  # the dates understood, for the reply: "2022-04-20", "2022-04-11 – 2022-04-20"
    in_archive: bool  # False: the asked dates have no report, so nothing was restricted
    extreme: str | None = None  # "哪天…最多/最少": 'most' or 'fewest' (superlative.py)

    @property
    def fields(self) -> dict[str, str | bool]:
        """What SearchResult says of the dates: understood_dates, dates_in_archive, latest_first."""
        return {"understood_dates": self.label, "dates_in_archive": self.in_archive, "latest_first": self.latest}


@dataclass(frozen=True)
class RowDates:
    """Each row's date as a proleptic ordinal (UNDATED when its article has none), and what a
    question's dates are resolved against; made once per opened index, not per question."""

    days: np.ndarray
    months: frozenset[tuple[int, int]]  # (year, month) of every date the archive holds
    dated_share: float


def row_dates(chunk_dates: list[str | None]) -> RowDates:
    ordinals = {d: date.fromisoformat(d).toordinal() for d in set(chunk_dates) if d}
    days = np.array([ordinals[d] if d else UNDATED for d in chunk_dates], dtype=np.int32)
    months = frozenset((d.year, d.month) for d in map(date.fromordinal, ordinals.values()))
    return RowDates(days, months, float((days != UNDATED).mean()) if len(days) else 0.0)


def _span_label(first: date, last: date) -> str:
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def date_window(question: str, dates: RowDates, since: date | None = None, until: date | None = None) -> DateWindow:
    """How the question's dates (and --since/--until) restrict and order this search."""
    asked: AskedDates = asked_dates(question)
    days = dates.days
    latest = asked.latest and dates.dated_share > 0  # an undated archive has no newest
    ranges = [r for span in asked.spans for r in resolve(span, set(dates.months))]
    mask = None
    labels: list[str] = []
    in_archive = True
    undated_too = False  # undated reports kept in the window (then its date words stay searched)
    if ranges:
        in_span = np.zeros(len(days), dtype=bool)
        for first, last in ranges:
            in_span |= (days >= first.toordinal()) & (days <= last.toordinal())
        if in_span.any():
            # Where most reports have no date, any of them may be that day's: "截止到4月底八千
            # 下沉了多少干部" of seeds whose one dated page is of April 2020 kept that page alone,
            # and the answer, on an undated page saying 截至4月27日, was not found.
            # Nor does the reply then claim the days it found ("按日期：2020-04-03").
            undated_too = dates.dated_share < MOSTLY_DATED
            mask = in_span | (days == UNDATED) if undated_too else in_span
            held = sorted({date.fromordinal(d) for d in np.unique(days[in_span]).tolist()})
            if not undated_too:
                labels.append(_span_label(held[0], held[-1]))
        elif dates.dated_share >= MOSTLY_DATED:
            labels.append(" / ".join(_span_label(*r) for r in ranges[:3]))
            in_archive = False
        # else: many reports have no date, any of them may be of that day: nothing to say
    if since or until:
        low = since.toordinal() if since else 1
        high = until.toordinal() if until else date.max.toordinal()
        bounded = (days >= low) & (days <= high)
        mask = bounded if mask is None else mask & bounded
        labels.append(f"{since or '…'} – {until or '…'}")
    # Words that only say which date are no help in finding what was asked: cut them, the
    # day's words only when they restrict (else they are all the date there is to match).
    # An undated report can match the day only by its words (截至4月27日), so they stay when it may.
    restricts = mask is not None and not undated_too
    cut = [*(span.words for span in asked.spans if restricts), *(asked.latest_words if latest else ())]
    text = question
    for words in cut:
        text = text.replace(words, " ", 1)
    extreme = asked_extreme(question) if dates.dated_share > 0 else None
    if extreme:
        text = ASKING_WORDS.sub(" ", text)
    text = " ".join(text.split()) or question
    rows = np.flatnonzero(mask) if mask is not None else None
    return DateWindow(rows, text, latest, "; ".join(labels), in_archive, extreme)


def dense_within(index, query: np.ndarray, rows: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
    """The `depth` nearest rows among `rows`, best first, with their cosines."""
    if len(rows) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
    if len(rows) <= RECONSTRUCT_LIMIT:
        try:
            vectors = index.reconstruct_batch(rows.astype(np.int64))
        except RuntimeError:  # an index kind that keeps no vectors to give back
            vectors = None
        if vectors is not None:
            scores = vectors @ query.astype(np.float32)
            order = np.argsort(-scores)[:depth]
            return rows[order].astype(np.int64), scores[order]

    share = len(rows) / index.ntotal  # a deeper search keeps about `depth` rows of the window
    found, scores = search_vectors(index, query, min(index.ntotal, int(depth / share) + depth))
    keep = np.isin(found, rows)
    return found[keep][:depth], scores[keep][:depth]


def lexical_within(lexical: LexicalIndex, tokens: list[str], rows: np.ndarray, depth: int) -> np.ndarray:
    """The `depth` best BM25 rows among `rows` that match any question word."""
    scores = lexical.scores(tokens)[rows]
    order = np.argsort(-scores, kind="stable")[:depth]
    return rows[order[scores[order] > 0]].astype(np.int64)


def latest_first(ranked: list[int], chunks: dict[int, Chunk], days: np.ndarray, words: dict[str, float]) -> list[int]:
    """`ranked` with the passages that answer as well as the best one moved up, newest first."""
    coverage = {row: term_coverage(words, chunks[row].indexed_text) for row in ranked if row in chunks}
    if not coverage:
        return ranked
    best = max(coverage.values())
    good = [row for row in ranked if coverage.get(row, -1.0) >= best - LATEST_COVERAGE_SLACK]
    good.sort(key=lambda row: -int(days[row]))  # stable: equal dates keep their fused order
    chosen = set(good)
    return good + [row for row in ranked if row not in chosen]


def reorder(window: DateWindow, ranked: list[int], chunks: dict[int, Chunk], days: np.ndarray, words: dict[str, float]) -> list[int]:
    """The ranking as the question's "最近" or "哪天…最多" wants it (unchanged otherwise)."""
    if window.latest:
        return latest_first(ranked, chunks, days, words)
    if window.extreme:
        return by_figure(ranked, chunks, days, words, window.extreme)
    return ranked
