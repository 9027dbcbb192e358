"""The answer inside an excerpt: the sentence to mark, and the short span that answers, if sure.

The marked sentence is the one that mentions most of the question (its IDF mass, then its
character pairs, which survive jieba cutting a name two ways) and, for a question asking for a
number or a date, holds one that the question does not. The direct answer is the shortest span
of the marked sentence of the right kind that the sentence puts where the question has its
question word: the question's words just before and after it stand around the span.

Everything here is string work on a few short sentences: the budget is a share of a
millisecond per hit, so no model runs and names are tagged in the marked sentence only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from retrieval.search.answer_spans import Span, is_article_one, kind_spans, leading_unit
from retrieval.search.fusion import term_coverage
from retrieval.search.phrase_answers import phrase_candidates
from retrieval.search.question_type import (
    AnswerKind,
    QuestionShape,
    asked_attribute,
    date_grain,
    question_shape,
)
from retrieval.text.sentences import split_sentences
from retrieval.text.tokenize import STOPWORDS
from retrieval.types import DirectAnswer, Hit

# Sentence score = word coverage + PAIRS_WEIGHT * share of the question's character pairs
# + KIND_BONUS when a number/date question finds one the question lacks (cheap kinds only).
# Grid-searched on the CMRC 2018 trial set and tests/data/seeds_dev.jsonl (a plateau: 0.5-2.0
# for the pairs, 0.15-0.6 for the bonus, 0-0.2 for the headline all score within 0.005).
PAIRS_WEIGHT = 1.0
# + CHARS_WEIGHT * share of the question's single characters: an answer often says with one
# character what the question says with a word (颜色 → 体呈淡蓝红色, 妻子 → 为妻, 儿子 → 之子).
CHARS_WEIGHT = 0.75
KIND_BONUS = 0.3
ADJACENT_BONUS = 0.3  # when the thing a number question counts stands beside a figure
ATTRIBUTE_BONUS = 0.1  # when a clause opens with what the question asks about (asked_attribute)
TITLE_WEIGHT = 0.2  # of a question word the headline has
_CHEAP_KINDS = (AnswerKind.NUMBER, AnswerKind.DATE)
_PUNCTUATION = re.compile(r"[\s，,。！？!?；;：:、“”‘’\"'（）()《》【】…—]")
# A span's context stops at its clause's end: the question's words there are another span's.
_CLAUSE_END = "，,。！？!?；;：:（）()"
_CLAUSE_SPLIT = re.compile("[，,。！？!?；;：:]")
_COPULAS = ("是", "为", "叫")
# Characters that say nothing about what a sentence is about: particles, pronouns, question words.
_FUNCTION_CHARS = frozenset(word for word in STOPWORDS if len(word) == 1) | frozenset("样")
MAX_ANSWER_CHARS = 30  # a longer span is a sentence, not an answer
UNIT_BONUS = 2  # context characters a span in the question's unit gains (one in another loses)
CONTEXT_GAP = 3  # characters allowed between the question's words and the answer span


@dataclass(frozen=True)
class QuestionProfile:
    """What the answer stages need of a question, worked out once per search."""

    text: str
    shape: QuestionShape
    words: dict[str, float]  # the question's words and their IDF
    pairs: frozenset[str]  # its character pairs, question word left out
    chars: frozenset[str] = frozenset()  # its characters, question word and function characters left out
    unit: str = ""  # the unit a number question asks in: 人 of "多少人的核酸"
    # How a clause about what is asked opens: 叶子, or 叶 or 子 alone ("叶为披针形", "体呈淡蓝红色").
    attribute_heads: tuple[str, ...] = ()
    grain: tuple[str, ...] = ()  # what a date answering it holds: 年 of 哪一年 (question_type.date_grain)


def profile_question(question: str, words: dict[str, float]) -> QuestionProfile:
    shape = question_shape(question)
    plain = _PUNCTUATION.sub("", shape.before) + "|" + _PUNCTUATION.sub("", shape.after)
    # The "|" stands where the question word was: no pair reaches across it.
    pairs = frozenset(plain[i : i + 2] for i in range(len(plain) - 1))
    unit = leading_unit(shape.after) if shape.kind is AnswerKind.NUMBER else ""
    # "多少村民" counts 村民, not villages: a unit the question's own words read as the start of a
    # longer word (村民, 人口) is the thing counted, not the unit asked in. (人数 asked for by its
    # noun is a count of 人.)
    if (
        unit
        and not shape.by_noun
        and any(len(word) > len(unit) and shape.after.startswith(word) for word in words)
    ):
        unit = ""
    chars = frozenset(
        char for char in plain if char not in _FUNCTION_CHARS and char != "|" and not char.isdigit()
    )
    attribute = asked_attribute(shape)
    heads = tuple(dict.fromkeys((attribute, attribute[:1], attribute[-1:]))) if attribute else ()
    return QuestionProfile(
        question,
        shape,
        words,
        frozenset(p for p in pairs if "|" not in p),
        chars,
        unit,
        heads,
        date_grain(shape),
    )


def _new_spans(profile: QuestionProfile, spans: list[Span]) -> list[Span]:
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


def _within_article(
    profile: QuestionProfile, title: str
) -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """The question's words, pairs and characters reweighed for choosing among one article's sentences: its
    subject (the headline's words) is everywhere in it, or in its first sentence only, and tells
    no sentence apart; 体重 in "尤金袋鼠的体重是多少" does."""
    if not title:
        return profile.words, profile.pairs, profile.chars
    words = {
        word: weight * (TITLE_WEIGHT if word in title else 1.0) for word, weight in profile.words.items()
    }
    pairs = frozenset(pair for pair in profile.pairs if pair not in title)
    return words, pairs, frozenset(char for char in profile.chars if char not in title)


def _no_tags(_: str) -> list[tuple[str, str]]:
    """For kind_spans on numbers and dates, which never tag: tagging every sentence would cost
    more than the search."""
    return []


def sentence_score(
    profile: QuestionProfile,
    sentence: str,
    words: dict[str, float],
    pairs: frozenset[str],
    chars: frozenset[str] = frozenset(),
) -> float:
    score = term_coverage(words, sentence)
    if pairs:
        score += PAIRS_WEIGHT * sum(pair in sentence for pair in pairs) / len(pairs)
    if chars:
        score += CHARS_WEIGHT * sum(char in sentence for char in chars) / len(chars)
    if profile.attribute_heads and any(
        clause.lstrip().startswith(profile.attribute_heads) for clause in _CLAUSE_SPLIT.split(sentence)
    ):
        score += ATTRIBUTE_BONUS
    kind = profile.shape.kind
    if kind in _CHEAP_KINDS:
        spans = _new_spans(profile, kind_spans(kind, sentence, _no_tags))
        if profile.unit:  # 多少人 wants a count of people: 178万余人次, not 2600余名
            spans = [span for span in spans if profile.unit in span.text]
        score += KIND_BONUS if spans else 0.0
        # "服务了多少群众" against "13000余名群众": the thing counted stands beside the figure.
        noun = _PUNCTUATION.sub("", profile.shape.after)[len(profile.unit) :][:2]
        # Or a word of the question (as read for a typo: 房护服 → 防护服) beside it, as lists put
        # the thing counted: "明湖发了多少房护服" against "…,防护服207套,…".
        beside = (noun,) if len(noun) == 2 else ()
        if kind is AnswerKind.NUMBER:
            beside += tuple(word for word in words if len(word) >= 2)
        if any(
            sentence.startswith(beside, span.end) or sentence.endswith(beside, 0, span.start) for span in spans
        ):
            score += ADJACENT_BONUS
    return score


def pick_sentence(profile: QuestionProfile, excerpt: str, title: str = "") -> str:
    """The excerpt's sentence most likely to answer (the first of equals).

    The model's question-sentence similarity was tried as one more term and left out: encoding
    the first excerpt's sentences costs about ten searches (76 ms p50 against 7 ms for the
    question) and moved CMRC's marked-sentence share down, not up (docs/ANSWERS.md)."""
    scored = _scored_sentences(profile, excerpt, title)
    return max(scored, key=lambda pair: pair[0])[1]  # max keeps the first of equals


def _scored_sentences(profile: QuestionProfile, text: str, title: str) -> list[tuple[float, str]]:
    sentences = [s.strip() for s in split_sentences(text, for_reader=True) if s.strip()] or [text.strip()]
    words, pairs, chars = _within_article(profile, title)
    return [(sentence_score(profile, sentence, words, pairs, chars), sentence) for sentence in sentences]


def best_sentence_score(
    profile: QuestionProfile, text: str, title: str = "", names: Sequence[str] = ()
) -> float:
    """The score of the passage's best sentence: how well it answers, which tells two passages
    of one article apart (rerank.best_passage_first). The places and offices the question
    `names` weigh as the headline's words do: the article names its subject in its lead and
    rarely again, so "荣阳市…26168人" outscored "…13名业务骨干,成立核酸检测专班" of the same
    article for "荣阳核酸检测专班有多少人" by the name alone."""
    return max(score for score, _ in _scored_sentences(profile, text, " ".join([title, *names])))


# ---------------------------------------------------------------- the direct answer


@dataclass(frozen=True)
class Candidate:
    span: Span
    context: int  # characters of the question found right around the span


def _left_context(before: str, sentence: str, start: int) -> int:
    """Characters of the question's text before its question word that end just before `start`
    (or inside the span's first characters: 第 of "第几" and of "第3名")."""
    head = sentence[max(0, start - CONTEXT_GAP - len(before)) : start + 1]
    head = head[max(head.rfind(mark) for mark in _CLAUSE_END) + 1 :]  # not from another clause
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
        tail = tail[: min((at for mark in _CLAUSE_END if (at := tail.find(mark)) >= 0), default=len(tail))]
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
    before = _PUNCTUATION.sub("", profile.shape.before)
    for size in range(min(6, span.start), max(best, 1), -1):
        if sentence[span.start - size : span.start] in before:
            return size
    return best


def candidates(
    profile: QuestionProfile, sentence: str, tag: Callable[[str], list[tuple[str, str]]]
) -> list[Candidate]:
    """Spans of the sentence that could answer, with how much of the question stands around each."""
    shape = profile.shape
    before = _PUNCTUATION.sub("", shape.before)
    after = _PUNCTUATION.sub("", shape.after)
    if shape.kind is AnswerKind.PHRASE:  # their own readings and context (phrase_answers.py)
        found = phrase_candidates(before, after, sentence)
        return [Candidate(span, context) for span, context in found if span.text not in profile.text]
    if shape.kind is AnswerKind.OTHER:
        return []
    spans = kind_spans(shape.kind, sentence, tag)
    # "组长是谁" against "组长李建华": the question's 是 need not be in the sentence.
    befores = (before, before[:-1]) if before.endswith(_COPULAS) else (before,)
    unit = profile.unit
    found = []
    for span in _new_spans(profile, spans):
        text = span.text.strip(" ，,。、")
        if not text or len(text) > MAX_ANSWER_CHARS:
            continue
        context = max(_left_context(b, sentence, span.start) for b in befores)
        context += _right_context(after, sentence, span)
        if unit:  # "多少分钟" wants minutes: a span in another unit is another figure
            context += UNIT_BONUS if unit in text else -UNIT_BONUS
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
    """The candidate with most question context around it, and how many candidates there were."""
    found = candidates(profile, sentence, tag)
    if not found:
        return None, 0
    return max(found, key=lambda c: (c.context, -c.span.start)), len(found)


# Least question context around a span for it to be given as the direct answer, per kind: when it
# is the sentence's only span of that kind, and when it is one of several. Calibrated for
# precision on the CMRC 2018 trial set and the seeds' dev files: with these, 31% of CMRC's
# questions get one at a mean character F1 of 0.71, and 81% of seeds_dev.jsonl's (docs/ANSWERS.md).
# A phrase span's context is counted its own way (phrase_answers.py).
MIN_CONTEXT: dict[AnswerKind, tuple[int, int]] = {
    AnswerKind.NUMBER: (0, 4),
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
    before = _PUNCTUATION.sub("", profile.shape.before)
    after = _PUNCTUATION.sub("", profile.shape.after)
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
    words, pairs, chars = _within_article(profile, hit.title)
    parts = [part.strip() for part in split_sentences(hit.highlight, for_reader=True, join_leaning=False)]
    part = max(parts or [hit.highlight], key=lambda text: sentence_score(profile, text, words, pairs, chars))
    if profile.shape.kind in _TAGGED_KINDS and _most_context(profile, part) < needed[0]:
        return None  # no span could stand in enough of the question: spare the tagger (1-3 ms)
    candidate, count = best_candidate(profile, part, tag)
    if candidate is None or candidate.context < needed[0 if count == 1 else 1]:
        return None
    return DirectAnswer(candidate.span.text.strip(" ，,。、"), hit.rank, hit.highlight)
