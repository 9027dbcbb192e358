"""Which of the best passages goes first for a question a figure answers.

The retrievers rank a page's lead, which names the subject and what is counted, before the
passage giving the figure: "八千志愿者一共参与了多少人次" found the lead before "…志愿者1142人次".
So among the first few passages, the first that gives what is asked moves to the front: a figure
beside what is counted (`figure_first`), a figure in the unit asked when nothing is counted
beside it (`unit_first`), an hour when one is asked (`grain_first`).
"""

from __future__ import annotations

from collections.abc import Mapping

from retrieval.search.answer_guards import tells_the_grain
from retrieval.search.answer_spans import in_unit, leading_unit, number_spans
from retrieval.search.asked import mentions_any
from retrieval.search.figures import asked_figures, counted_words, gives_figure
from retrieval.search.people_counts import people_before
from retrieval.search.question_profile import PUNCTUATION
from retrieval.search.question_type import DURATION_GRAIN, PER_DAY, AnswerKind, answer_grain, question_shape
from retrieval.search.rerank import first_that
from retrieval.types import Chunk

FIGURE_FIRST_DEPTH = 2  # passages figure_first and grain_first look through
UNIT_FIRST_DEPTH = 5  # passages unit_first looks through: the first page of results
# Units most passages count in (people, things, times, years): a figure in one tells no passage
# apart (党龄多少年 moved 从事社区工作超过30年, another worker's, first).
_COMMON_UNITS = frozenset({"个", "人", "名", "位", "次", "人次", *DURATION_GRAIN})


def figure_first(
    rows: list[int],
    chunks: Mapping[int, Chunk],
    question: str,
    surely: dict[str, float],
    query_words: dict[str, float],
    depth: int,
) -> list[int]:
    """For a count: `rows` with the first of the best `depth` whose passage gives a figure beside
    what is counted moved to the front. Deeper than two it brought figures of other things
    forward (README, Quality). With nothing counted beside the unit, nor people before a question
    word that ends the question, `unit_first`."""
    shape = question_shape(question)
    counted = counted_words(question, surely)
    if not counted and not PUNCTUATION.sub("", shape.after):
        # Or counted before a question word ending the question: 明湖值守卡点的人有多少 (值守人员779名).
        counted = [named] if (named := people_before(shape.before)) else []
    if not counted:
        return unit_first(rows, chunks, question, query_words, UNIT_FIRST_DEPTH)
    figures = asked_figures(question)
    return first_that(
        rows,
        chunks,
        depth,
        lambda chunk: (
            mentions_any(counted, [chunk.indexed_text])
            and gives_figure(surely, [chunk.indexed_text], question, figures)
        ),
    )


def unit_first(
    rows: list[int], chunks: Mapping[int, Chunk], question: str, query_words: dict[str, float], depth: int
) -> list[int]:
    """For a count asked in a unit with nothing counted beside it ("明湖辖区一共多少户多少口人"):
    `rows` with the first of the best `depth` that counts in that unit and mentions the rarest of
    the question's words (`query_words`, lower-cased, by weight), moved to the front (…辖区56149户
    161771名居民 came fourth, after passages on the same 辖区 with no 户; it is no answer to
    席庄村's 户)."""
    unit = leading_unit(question_shape(question).after)
    others = {word: weight for word, weight in query_words.items() if word != unit}
    # A rate asked beside it ("一共几辆 一天能采多少人") is told on the first passage's page
    # (asked.tells_the_rate): another page's count in the unit would turn it away.
    if not unit or unit in _COMMON_UNITS or not others or any(day in question for day in PER_DAY):
        return rows
    rarest = max(others, key=others.__getitem__)

    def counts_in_unit(chunk: Chunk) -> bool:
        text = chunk.indexed_text
        return rarest in text.lower() and any(in_unit(span.text, unit) for span in number_spans(text))

    return first_that(rows, chunks, depth, counts_in_unit)


def grain_first(rows: list[int], chunks: Mapping[int, Chunk], question: str, depth: int) -> list[int]:
    """For a date asked in a grain: `rows` with the first of the best `depth` whose passage gives
    one in it moved to the front ("山东医疗队每天干到几点": the passage on the team at work, with no
    hour, came before the quote 每天从早上8点开始…一直到次日凌晨5点左右结束)."""
    shape = question_shape(question)
    if shape.kind is not AnswerKind.DATE or not answer_grain(shape):
        return rows
    return first_that(rows, chunks, depth, lambda chunk: tells_the_grain(question, [chunk.indexed_text]))
