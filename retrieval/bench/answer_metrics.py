"""Scoring what a reader is shown first: the marked sentence and the direct answer, per question kind.

Marked: of the questions whose first excerpt is right, the share whose marked sentence holds a
gold answer (whitespace ignored), and the median length of the marked sentences. Direct answer:
the share of answerable questions given one (coverage), and its mean character F1 in CMRC 2018's
way (the longest common substring against each gold answer, the best taken; punctuation and
whitespace left out, so a character is a token).
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.search.question_type import question_shape
from retrieval.types import SearchResult

_PUNCTUATION = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class AnswerScore:
    """What one answerable question's reply scored."""

    kind: str
    first_right: bool  # the first excerpt is a hit
    marked_holds: bool  # ...and its marked sentence holds a gold answer
    marked_chars: int  # length of the first excerpt's marked sentence; 0 with no excerpt
    answered: bool  # a direct answer was given
    f1: float  # its character F1 (0.0 when none was given)


def _squeeze(text: str) -> str:
    return "".join(text.split())


def _longest_common_substring(a: str, b: str) -> int:
    best = 0
    previous = [0] * (len(b) + 1)
    for char in a:
        current = [0] * (len(b) + 1)
        for j, other in enumerate(b):
            if char == other:
                current[j + 1] = previous[j] + 1
                best = max(best, current[j + 1])
        previous = current
    return best


def char_f1(prediction: str, golds: Iterable[str]) -> float:
    """CMRC 2018's F1 of a predicted span against the gold answers, the best taken."""
    predicted = _PUNCTUATION.sub("", prediction).lower()
    best = 0.0
    for gold in golds:
        expected = _PUNCTUATION.sub("", gold).lower()
        common = _longest_common_substring(predicted, expected) if predicted and expected else 0
        if common:
            precision, recall = common / len(predicted), common / len(expected)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def score_answer(result: SearchResult, question: str, answers: tuple[str, ...], first_right: bool) -> AnswerScore:
    marked = result.hits[0].highlight if result.hits else ""
    holds = first_right and any(_squeeze(answer) in _squeeze(marked) for answer in answers)
    given = result.answer
    return AnswerScore(
        kind=question_shape(question).kind.value,
        first_right=first_right,
        marked_holds=holds,
        marked_chars=len(marked),
        answered=given is not None,
        f1=char_f1(given.text, answers) if given is not None else 0.0,
    )


def _summary(scores: list[AnswerScore]) -> dict:
    right = [score for score in scores if score.first_right]
    answered = [score for score in scores if score.answered]
    lengths = [score.marked_chars for score in scores if score.marked_chars]
    return {
        "questions": len(scores),
        "marked_holds_answer": round(sum(s.marked_holds for s in right) / len(right), 4) if right else 0.0,
        "marked_median_chars": statistics.median(lengths) if lengths else 0,
        "answer_coverage": round(len(answered) / len(scores), 4) if scores else 0.0,
        "answer_f1": round(sum(s.f1 for s in answered) / len(answered), 4) if answered else 0.0,
    }


def summarize(scores: list[AnswerScore]) -> dict:
    """The figures over all answerable questions, and the same per question kind."""
    kinds = sorted({score.kind for score in scores})
    return {
        **_summary(scores),
        "by_kind": {kind: _summary([s for s in scores if s.kind == kind]) for kind in kinds},
    }


def format_summary(summary: dict) -> list[str]:
    """Lines for `reportqa eval`'s table."""

    def line(name: str, figures: dict) -> str:
        return (
            f"  {name:<7} {figures['questions']:>5}  marked holds answer {figures['marked_holds_answer']:.3f}  "
            f"median {figures['marked_median_chars']:>5.1f} chars  "
            f"direct answer {figures['answer_coverage']:.3f} of questions, F1 {figures['answer_f1']:.3f}"
        )

    return [line("all", summary), *(line(kind, figures) for kind, figures in summary["by_kind"].items())]
