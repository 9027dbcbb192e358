"""Scoring a search engine on a question file: hit@1, hit@5, MRR@10, not-found, latency, and
what the first excerpt marks and the direct answer (retrieval/bench/answer_metrics.py)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from retrieval.bench.answer_metrics import AnswerScore, score_answer, summarize
from retrieval.errors import BadQuestion, ReportQAError
from retrieval.limits import EXCERPT_CHARS
from retrieval.stats import percentile
from retrieval.types import Hit, SearchResult


@dataclass(frozen=True)
class Question:
    id: str
    question: str
    source: str | None  # None: the corpus has no answer, the right reply is not_found
    answers: tuple[str, ...]
    context: tuple[str, ...] = ()  # the same chat's earlier questions, oldest first


def read_questions(path: Path) -> list[Question]:
    """One JSON object a line; a malformed line is an error naming the line."""
    questions = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportQAError(f"cannot read question file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                Question(
                    str(raw.get("id", number)),
                    raw["question"],
                    raw.get("source"),
                    tuple(raw.get("answers") or ()),
                    tuple(raw.get("context") or ()),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ReportQAError(f"{path}:{number}: not a question line ({exc})") from exc
    return questions


def _squeeze(text: str) -> str:
    return "".join(text.split())


def is_hit(hit: Hit, question: Question) -> bool:
    """From the right file, and its first EXCERPT_CHARS characters contain an answer (whitespace ignored)."""
    if hit.source != question.source:
        return False
    excerpt = _squeeze(hit.excerpt[:EXCERPT_CHARS])
    return any(_squeeze(answer) in excerpt for answer in question.answers)


def first_hit_rank(result: SearchResult, question: Question) -> int | None:
    for hit in result.hits:
        if is_hit(hit, question):
            return hit.rank
    return None


@dataclass(frozen=True)
class EvalReport:
    answerable: int
    unanswerable: int
    hit_at_1: float
    hit_at_5: float
    mrr_at_10: float
    false_not_found: float  # answerable questions wrongly answered not_found
    not_found_correct: float  # unanswerable questions correctly answered not_found
    latency_p50_ms: float
    latency_p95_ms: float
    misses: tuple[str, ...]  # ids of answerable questions with no hit in the top 5
    answers: dict = field(default_factory=dict)  # answer_metrics.summarize: marked sentence, direct answer

    def to_json(self) -> dict:
        return {key: (list(value) if isinstance(value, tuple) else value) for key, value in self.__dict__.items()}


def evaluate(search: Callable[[Question], SearchResult], questions: Iterable[Question]) -> EvalReport:
    """Ask every question (top 10, with its context) and score the answers."""
    ranks: list[int | None] = []
    false_not_found = 0
    negatives = negatives_right = 0
    latencies: list[float] = []
    misses: list[str] = []
    answer_scores: list[AnswerScore] = []
    for question in questions:
        try:
            result = search(question)
        except BadQuestion:  # an empty question in the file: answered with nothing, a miss
            result = SearchResult(question.question, (), True)
        latencies.append(result.latency_ms)
        if question.source is None:
            negatives += 1
            negatives_right += result.not_found
            continue
        rank = first_hit_rank(result, question)
        ranks.append(rank)
        answer_scores.append(score_answer(result, question.question, question.answers, rank == 1))
        false_not_found += result.not_found
        if rank is None or rank > 5:
            misses.append(question.id)
    answerable = len(ranks)

    def share(count: float, total: int) -> float:
        return round(count / total, 4) if total else 0.0

    return EvalReport(
        answerable=answerable,
        unanswerable=negatives,
        hit_at_1=share(sum(r == 1 for r in ranks), answerable),
        hit_at_5=share(sum(r is not None and r <= 5 for r in ranks), answerable),
        mrr_at_10=share(sum(1.0 / r for r in ranks if r is not None and r <= 10), answerable),
        false_not_found=share(false_not_found, answerable),
        not_found_correct=share(negatives_right, negatives),
        latency_p50_ms=percentile(latencies, 50, 1),
        latency_p95_ms=percentile(latencies, 95, 1),
        misses=tuple(misses),
        answers=summarize(answer_scores),
    )
