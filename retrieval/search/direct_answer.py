"""The direct answer: the shortest span of the marked sentence that answers, when sure.

The span is of the question's kind (answer_spans.py; phrase_answers.py for 什么 / 怎么) and stands
where the question has its question word: the question's words just before and after it stand
around the span in the sentence. Precision over coverage: a wrong figure is worse than none, so
a span is given only when enough of the question stands around it (MIN_CONTEXT).

String work on one sentence; names are tagged with jieba in that sentence only, and only when a
span could stand in enough of the question.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from retrieval.search.answer_guards import counts_times_not_asked, says_the_end_or_rate, starts_inside_a_word
from retrieval.search.answer_spans import PEOPLE_UNITS, Span, in_unit, is_article_one
from retrieval.search.answers import sentence_score, within_article
from retrieval.search.figures import SHARES
from retrieval.search.figures_asked import asked_spans, new_spans
from retrieval.search.phrase_answers import phrase_candidates
from retrieval.search.question_profile import PUNCTUATION, QuestionProfile
from retrieval.search.question_type import AnswerKind
from retrieval.search.site_counts import asks_sites, site_figures
from retrieval.search.span_extents import (
    CLAUSE_END,
    NOT_NAME_OPENINGS,
    POST_BONUS,
    after_post,
    of_the_kind,
    post_asked,
    whole_location,
)
from retrieval.text.sentences import split_sentences
from retrieval.text.tokenize import NAME_SUFFIXES
from retrieval.types import DirectAnswer, Hit

# A span's context stops at its clause's end (span_extents.CLAUSE_END): the question's words
# there are another span's.
_COPULAS = ("是", "为", "叫")
_BEFORE_COUNT = "有是共一总计"  # what stands between the sites counted and 几个 (检测点一共有几个)
MAX_ANSWER_CHARS = 30  # a longer span is a sentence, not an answer
PERSON_PHRASE_CONTEXT = 4  # as many of the question's characters around it as a name among several needs, less one
PERSON_PHRASE_CHARS = 12  # the longest such answer read as a name (泰国国家铁路局)
UNIT_BONUS = 2  # context characters a span in the question's unit gains (one in another loses)
CONTEXT_GAP = 3  # characters allowed between the question's words and the answer span
# A figure followed by all the question says after 多少 / 几 ("多少商户" against "800多家商户") gains
# one more: on the seeds, five more right answers and one wrong one (1名 for 几名秩序员) gone.
WHOLE_AFTER_BONUS = 1


@dataclass(frozen=True)
class Candidate:
    span: Span
    context: int  # characters of the question found right around the span


def _left_context(before: str, sentence: str, start: int) -> int:
    """Characters of the question's text before its question word that end just before `start`
    (or inside the span's first characters: 第 of "第几" and of "第3名")."""
    head = sentence[max(0, start - CONTEXT_GAP - len(before)) : start + 1]
    head = head[max(head.rfind(mark) for mark in CLAUSE_END) + 1 :]  # not from another clause
    best = 0
    for size in range(1, len(before) + 1):
        if before[-size:] in head[-(size + CONTEXT_GAP + 1) :]:
            best = size
        else:
            break
    return best


def _right_context(after: str, sentence: str, span: Span) -> int:
    """Characters of the question's text after its question word that begin just after the span,
    or inside its unit: "多少分钟内" against "4分钟内"."""
    best = 0
    for overlap in range(0, min(3, len(span.text) - 1) + 1):
        tail = sentence[span.end - overlap : span.end + CONTEXT_GAP + len(after)]
        # "9条街800多家商户,流动人口7000余人": 流动人口 belongs to the next clause's figure.
        tail = tail[: min((at for mark in CLAUSE_END if (at := tail.find(mark)) >= 0), default=len(tail))]
        size = 0
        while size < len(after) and after[: size + 1] in tail[: size + 1 + CONTEXT_GAP]:
            size += 1
        best = max(best, size)
    return best


def _listed_before(noun: str, sentence: str, start: int) -> int:
    """Characters of the thing counted that stand right before the number, as lists put it:
    "多少套防护服" against "防护服207套"."""
    for size in range(min(len(noun), 6), 1, -1):
        if start >= size and sentence[start - size : start] == noun[:size]:
            return size
    return 0


def _counted_beside(profile: QuestionProfile, after: str, sentence: str, span: Span) -> int:
    """Characters of a word of the question, said before its question word or read for a typo,
    that stand right before the number or right after it, as a list of counts puts them:
    "额温枪发了几个" against "…,额温枪43个,…", "扫码员几个" against "2名扫码员". (A word after the
    question word is `_right_context`'s and `_listed_before`'s.) When nothing counted follows the
    question word, its text before the number counts as the question writes it too."""
    best = 0
    for word in profile.words:
        if len(word) < 2 or word in after:
            continue
        if sentence.endswith(word, 0, span.start) or sentence.startswith(word, span.end):
            best = max(best, min(len(word), 6))
    if after[len(profile.unit) :]:  # the question names what it counts after its question word
        return best
    # As the question writes it, whatever jieba made of it (额温 + 枪 of "明湖的额温枪发了几个"),
    # before the number only: a list puts the thing counted there.
    before = PUNCTUATION.sub("", profile.shape.before)
    for size in range(min(6, span.start), max(best, 1), -1):
        if sentence[span.start - size : span.start] in before:
            return size
    return best


def candidates(
    profile: QuestionProfile, sentence: str, tag: Callable[[str], list[tuple[str, str]]]
) -> list[Candidate]:
    """Spans of the sentence that could answer, with how much of the question stands around each."""
    shape = profile.shape
    before = PUNCTUATION.sub("", shape.before)
    after = PUNCTUATION.sub("", shape.after)
    if shape.kind is AnswerKind.PHRASE:  # their own readings and context (phrase_answers.py)
        found = phrase_candidates(before, after, sentence)
        return [Candidate(span, context) for span, context in found if span.text not in profile.text]
    if shape.kind is AnswerKind.OTHER:
        return []
    spans = asked_spans(profile, shape.kind, sentence, tag)
    # "组长是谁" against "组长李建华": the question's 是 need not be in the sentence.
    befores = (before, before[:-1]) if before.endswith(_COPULAS) else (before,)
    unit = profile.unit
    found = []
    if shape.kind is AnswerKind.PLACE:
        spans = [whole_location(span, sentence, after, MAX_ANSWER_CHARS) for span in spans]
        kind = next((w for w, _ in tag(after)[:1] if w in NAME_SUFFIXES), "")  # 医院 of 哪个医院, not 区 of 区域
        spans = [whole for span in spans if (whole := of_the_kind(span, sentence, kind, MAX_ANSWER_CHARS))]
    post = post_asked(before) if shape.kind is AnswerKind.PERSON else ""
    # The sites counted follow the question word (几个核酸检测点) or stand before it (检测点有几个).
    counted = after[len(unit) :] or before.rstrip(_BEFORE_COUNT)
    asks_for_sites = shape.kind is AnswerKind.NUMBER and asks_sites(unit, counted)
    sites = {span.start for span in site_figures(sentence)} if asks_for_sites else set()
    for span in new_spans(profile, spans):
        text = span.text.strip(" ，,。、")
        if not text or len(text) > MAX_ANSWER_CHARS:
            continue
        if shape.kind is AnswerKind.NUMBER and counts_times_not_asked(text, after):
            continue  # "共行动6次" counts what was done, not the 确诊病例 or 党员 asked
        if asks_for_sites and span.start not in sites:
            continue  # 几个核酸检测点: not 15个乡镇办 (site_counts.py)
        bonus = 0
        if post:
            span, bonus = after_post(post, before, sentence, span)
        context = max(_left_context(b, sentence, span.start) for b in befores) + bonus
        # After 多少 nothing but the unit (一天能采多少人): the unit is UNIT_BONUS's, and its 人
        # found in the noun after a figure (2名医护人员) says nothing of the question.
        bare_unit = bool(unit) and after == unit and unit not in span.text
        right = 0 if bare_unit else _right_context(after, sentence, span)
        if right and right == len(after) and shape.kind is AnswerKind.NUMBER:
            right += WHOLE_AFTER_BONUS  # all the question says after 多少 follows the figure
        context += right
        # 多少人, 多少群众 are not answered by 13辆: a count of people, not of their buses. A share
        # of them answers 多少人员 asked by their noun (抽调80%人员).
        heads = bool(unit and unit in PEOPLE_UNITS) or profile.people
        if heads and not in_unit(text, unit or "人") and not (profile.people and text.endswith(SHARES)):
            continue
        if unit:  # "多少分钟" wants minutes: a span in another unit is another figure
            context += UNIT_BONUS if in_unit(text, unit) else -UNIT_BONUS
        elif shape.kind is AnswerKind.NUMBER and is_article_one(text):
            context -= UNIT_BONUS  # an article, hardly ever the figure asked for
        if shape.kind is AnswerKind.NUMBER:  # "多少流动人口" against "流动人口7000余人"
            listed = _listed_before(after[len(unit) :], sentence, span.start)
            context += max(listed, _counted_beside(profile, after, sentence, span))
        found.append(Candidate(span, context))
    return found


def best_candidate(
    profile: QuestionProfile, sentence: str, tag: Callable[[str], list[tuple[str, str]]]
) -> tuple[Candidate | None, int]:
    """The candidate with most question context around it, and how many candidates there were;
    no candidate when figures tie for it."""
    found = candidates(profile, sentence, tag)
    if not found:
        return None, 0
    best = max(found, key=lambda c: (c.context, -c.span.start))
    # Figures of a list tie ("口罩178260个,…,额温枪43个" to a typo'd 额温抢): none is the answer.
    # Places that tie are most often one place named twice, so only figures.
    tied = any(c.context == best.context and c.span.text != best.span.text for c in found)
    if tied and profile.shape.kind is AnswerKind.NUMBER:
        return None, len(found)
    return best, len(found)


# Particles no answer opens with: a span starting with one is the rest of a clause the question's
# words cut (seeds: 24 such answers, character F1 0.04; CMRC trial: 2, F1 0.08).
_CLAUSE_LEFTOVERS = ("的", "等", "了")
# Least question context around a span for it to be given as the direct answer, per kind: when it
# is the sentence's only span of that kind, and when it is one of several. Calibrated for
# precision on the CMRC 2018 trial set and the seeds' dev files: with these, 33% of CMRC's
# questions get one at a mean character F1 of 0.73, and 61% of the seeds' dev questions
# (docs/ANSWERS.md). A figure among several needs 3, not 4, since ties among a list's figures
# give none (best_candidate) and a figure in another unit loses UNIT_BONUS (answer_spans.in_unit):
# seeds 0.567 -> 0.610 of questions, CMRC 0.322 -> 0.327 at F1 0.732 -> 0.729.
# A phrase span's context is counted its own way (phrase_answers.py).
MIN_CONTEXT: dict[AnswerKind, tuple[int, int]] = {
    AnswerKind.NUMBER: (0, 3),
    AnswerKind.DATE: (0, 5),
    AnswerKind.PERSON: (4, 5),
    AnswerKind.PLACE: (1, 2),
    AnswerKind.PHRASE: (2, 2),
}


_TAGGED_KINDS = (AnswerKind.PERSON, AnswerKind.PLACE)


def _most_context(profile: QuestionProfile, sentence: str) -> int:
    """The most question context any span of `sentence` could have: the longest tail of the
    question's text before its question word and the longest head of the text after it that the
    sentence holds anywhere. `candidates` counts these around one span, within its clause, so no
    candidate has more (for the kinds it adds nothing else to: persons and places)."""
    before = PUNCTUATION.sub("", profile.shape.before)
    after = PUNCTUATION.sub("", profile.shape.after)
    befores = (before, before[:-1]) if before.endswith(_COPULAS) else (before,)
    left = max(_longest(len(b), lambda size, b=b: b[-size:] in sentence) for b in befores)
    return left + _longest(len(after), lambda size: after[:size] in sentence)


def _longest(limit: int, holds: Callable[[int], bool]) -> int:
    """The largest size up to `limit` for which `holds` is true of it and of every smaller size."""
    size = 0
    while size < limit and holds(size + 1):
        size += 1
    return size


def direct_answer(
    profile: QuestionProfile, hit: Hit, tag: Callable[[str], list[tuple[str, str]]]
) -> DirectAnswer | None:
    """The span of the hit's marked sentence that answers, or None when not sure enough."""
    needed = MIN_CONTEXT.get(profile.shape.kind)
    if needed is None or not hit.highlight:
        return None
    # The marked sentence may be two a reader takes together ("…宣布退役。不久，复出参加2003年…");
    # the answer is looked for in the one of them that says most of the question, so the figures
    # of the other do not make it one span among several.
    words, pairs, chars = within_article(profile, hit.title)
    parts = [part.strip() for part in split_sentences(hit.highlight, for_reader=True, join_leaning=False)]
    part = max(parts or [hit.highlight], key=lambda text: sentence_score(profile, text, words, pairs, chars))
    if not says_the_end_or_rate(profile, part):
        return None
    most = _most_context(profile, part)
    if profile.shape.kind is AnswerKind.PERSON and post_asked(PUNCTUATION.sub("", profile.shape.before)):
        most += POST_BONUS
    if profile.shape.kind in _TAGGED_KINDS and most < needed[0]:
        return None  # no span could stand in enough of the question: spare the tagger (1-3 ms)
    candidate, count = best_candidate(profile, part, tag)
    if candidate is None or candidate.context < needed[0 if count == 1 else 1]:
        said = _said_between(profile, part, tag) if profile.shape.kind is AnswerKind.PERSON else ""
        return DirectAnswer(said, hit.rank, hit.highlight) if said else None
    if profile.shape.kind is AnswerKind.PHRASE and starts_inside_a_word(part, candidate.span.start, tag):
        return None  # "开什么证明" against "开具村里的健康证明": not 具村里的健康
    text = candidate.span.text.strip(" ，,。、")
    if text.startswith(_CLAUSE_LEFTOVERS):
        return None  # what the question's words left of a clause: "等问题,为辖区老年人制作…", "的话"
    return DirectAnswer(text, hit.rank, hit.highlight)


def _said_between(
    profile: QuestionProfile, sentence: str, tag: Callable[[str], list[tuple[str, str]]]
) -> str:
    """For 谁 with no name the tagger knows to give: what the sentence puts between the question's
    words around its question word ("由谁捐献土地" against "由泰国国家铁路局捐献土地"), read as a
    phrase answer is, when short enough for a name and opening as one does: not with a verb or
    a particle ("负责人叫啥" against "负责人告诉记者")."""
    before = PUNCTUATION.sub("", profile.shape.before)
    after = PUNCTUATION.sub("", profile.shape.after)
    for span, context in phrase_candidates(before, after, sentence):
        text = span.text.strip(" ，,。、")
        # A name stands within its clause: "君主，由总督代理执行" is a name and what follows.
        one_clause = not any(mark in text for mark in "，,；;")
        if (
            context >= PERSON_PHRASE_CONTEXT
            and 0 < len(text) <= PERSON_PHRASE_CHARS
            and one_clause
            and text not in profile.text
            and not _opens_as_no_name(text, tag)
        ):
            return text
    return ""


def _opens_as_no_name(text: str, tag: Callable[[str], list[tuple[str, str]]]) -> bool:
    tagged = [(word, flag) for word, flag in tag(text) if word.strip()]
    return bool(tagged) and tagged[0][1].startswith(NOT_NAME_OPENINGS)
