"""The figures of a sentence as a number or date question asks them: new to the question, in
the unit it asks (answers.py marks by them, direct_answer.py answers with them)."""

from __future__ import annotations

from collections.abc import Callable

from retrieval.search.answer_spans import Span, in_unit, is_article_one, kind_spans
from retrieval.search.figures import SHARES, years_run
from retrieval.search.question_profile import QuestionProfile
from retrieval.search.question_type import AnswerKind


def new_spans(profile: QuestionProfile, spans: list[Span]) -> list[Span]:
    """Spans the question does not itself contain: 2020年 in "2020年有多少人" is no answer. Nor
    is an ordinal (第七人 of 第七人民医院) the answer to 多少 / 几, only to 第几, nor a date of
    another grain than the question asks (凌晨2点 to 哪一年)."""
    ordinals = profile.shape.kind is not AnswerKind.NUMBER or profile.shape.before.endswith("第")
    return [
        span
        for span in spans
        if span.text not in profile.text
        and (ordinals or not span.text.lstrip("约近超过逾").startswith("第"))
        and (not profile.grain or any(mark in span.text for mark in profile.grain))
    ]


def no_tags(_: str) -> list[tuple[str, str]]:
    """For kind_spans on numbers and dates, which never tag: tagging every sentence would cost
    more than the search."""
    return []


def asked_spans(
    profile: QuestionProfile, kind: AnswerKind, sentence: str, tag: Callable[[str], list[tuple[str, str]]] = no_tags
) -> list[Span]:
    """kind_spans of `sentence`, and for a count asked in years (多少年党龄) those a date's pattern
    takes for a year: 32年 of "一名有着32年党龄老党员"."""
    spans = kind_spans(kind, sentence, tag)
    if kind is AnswerKind.NUMBER and profile.unit == "年":
        # Not one inside a figure already read whole: 30年 of 超过30年.
        years = [span for span in years_run(sentence) if not any(s.start <= span.start < s.end for s in spans)]
        spans = sorted([*spans, *years], key=lambda span: span.start)
    return spans


def holds_a_figure(profile: QuestionProfile, sentence: str) -> bool:
    """Whether `sentence` holds any number, or any date, the question does not."""
    kinds = {AnswerKind.NUMBER, profile.shape.kind}
    return any(new_spans(profile, asked_spans(profile, kind, sentence)) for kind in kinds)


def gives_as_asked(profile: QuestionProfile, sentence: str) -> bool:
    """Whether `sentence` gives a number or date as the question asks it (in its unit: 100人)."""
    return bool(in_asked_unit(profile, new_spans(profile, asked_spans(profile, profile.shape.kind, sentence))))


def in_asked_unit(profile: QuestionProfile, spans: list[Span]) -> list[Span]:
    """Those of `spans` in the unit asked, or of its kind (500余名 for 多少人, 多少群众), never 一名."""
    unit = profile.unit or "人" * profile.people
    if not unit:
        return spans
    # A share of those asked by their noun counts them too: 抽调80%人员 for 抽调了多大比例的人.
    shares = SHARES if profile.people else ()
    return [
        span
        for span in spans
        if (in_unit(span.text, unit) or span.text.endswith(shares)) and not is_article_one(span.text)
    ]
