"""Questions about a report itself rather than what it says: when it came out (published.py),
who wrote it (bylines.py) and who made its page (page_staff.py). None is in any passage, so the
checks that look in passages for what a question asks are skipped for them, the words pointing
at the report cover nothing, and the answer comes from the first result's date, byline or page
credits."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.search.bylines import ROLES_ASKED, asks_byline, byline_answer, byline_hit, credited_hit
from retrieval.search.page_staff import PAGE_WORDS, asks_staff, staff_answered
from retrieval.search.published import REPORT_WORDS, asks_published, published_answer
from retrieval.text.layout import STAFF_ROLES
from retrieval.types import DirectAnswer, Hit

# The words of such a question that point at the report or its writers, not at its content.
_POINTING = (
    REPORT_WORDS
    | PAGE_WORDS
    | frozenset(ROLES_ASKED)
    | frozenset(STAFF_ROLES)
    | frozenset("作者 撰稿 写 写的 采写 拍".split())
)


@dataclass(frozen=True)
class AboutReport:
    """What a question asks of the report itself, if anything."""

    published: bool = False  # when the report came out
    role: str | None = None  # whose name its byline gives ("" for any writer)
    credit: str | None = None  # whose name its page's credits give (编辑, 美编, 校对 …)

    @property
    def asked(self) -> bool:
        return self.published or self.role is not None or self.credit is not None

    def content_words(self, words: dict[str, float]) -> dict[str, float]:
        """The question's words a passage must cover: all of them unless the report is asked
        about, then those that are not pointing at it; none when it names no report ("记者是谁"
        alone), which is then not found: any report's byline would do."""
        if not self.asked:
            return words
        return {word: weight for word, weight in words.items() if word not in _POINTING}

    def answered(self, hits: list[Hit]) -> tuple[list[Hit], DirectAnswer | None]:
        """The hits, the first opening with its byline for a byline question, and the answer."""
        top = hits[0]
        if self.published:
            # The date opens the excerpt, marked, as a byline does: what the reader asked is then
            # in what is quoted, not only in the citation.
            answer = published_answer(top)
            return ([credited_hit(top, answer.sentence), *hits[1:]], answer) if answer else (hits, None)
        if self.credit is not None:
            credited, answer = staff_answered(top, self.credit)
            return [credited, *hits[1:]], answer
        if not top.author:
            return hits, None
        return [byline_hit(top), *hits[1:]], byline_answer(top, self.role or "")


def about_report(question: str) -> AboutReport:
    if asks_published(question):
        return AboutReport(published=True)
    credit = asks_staff(question)
    if credit is not None:
        return AboutReport(credit=credit)
    return AboutReport(role=asks_byline(question))
