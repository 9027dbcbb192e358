"""A title asked for ("信的标题叫啥来着"): the passage quoting one in 《》 first.

The retrievers rank a page's lead, which names the subject and its 信心, before the passage
quoting the letter's title: "《在大战大考中锤炼过硬作风…——致八千办事处全体党员、广大群众的一封信》"
came third for "八千办事处 信的标题叫啥". Among the first few passages, the first whose 《…》
holds the thing asked of (信 of 一封信) moves to the front. A letter or notice asked by what it is
called ("席庄村发给居民的那个公开信叫什么") asks its title too, which a page may quote in “”
(宣传“致辖区居民的一封信”): a passage quoting another notice's 《…》 had come first. And the
sentence quoting it is the one marked (`with_title_quoted`), not the lead sentence naming 席庄.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from retrieval.search.rerank import first_that
from retrieval.types import Chunk

TITLE_FIRST_DEPTH = 3  # passages titled_first looks through
TITLE_BONUS = 1.0  # to the score of a sentence quoting the title asked, for marking it
_TITLE_ASKED = re.compile(r"([\u4e00-\u9fff]?)(?:的)?(?:标题|题目|题名|篇名)")
_DOCUMENT_CALLED = re.compile(r"(信|通知|倡议书|通告|公告)(?:的?名字)?(?:叫|是)(?:什么|啥)")
_QUOTED_TITLE = re.compile(r"[《“]([^《》“”]{2,80})[》”]")


def asked_title_of(question: str) -> str | None:
    """The thing whose title `question` asks, by its last character (信 of 公开信的标题); "" when
    the title is asked of nothing said (标题叫啥来着); None when no title is asked."""
    found = _TITLE_ASKED.search(question)
    if found is not None:
        return found.group(1)
    called = _DOCUMENT_CALLED.search(question)
    return None if called is None else called.group(1)[-1]


def titled_first(rows: list[int], chunks: Mapping[int, Chunk], thing: str, depth: int) -> list[int]:
    """`rows` with the first of the best `depth` quoting a title in 《》 or “” that holds `thing`
    moved to the front."""

    return first_that(rows, chunks, depth, lambda chunk: _quotes_title(chunk.text, thing))


def with_title_quoted(question: str, scored: list[tuple[float, str]]) -> list[tuple[float, str]]:
    """`scored` (score, sentence) with TITLE_BONUS for the sentences quoting a title that holds the
    thing whose title `question` asks; as it is when it asks none."""
    thing = asked_title_of(question)
    if thing is None:
        return scored
    return [(score + TITLE_BONUS * _quotes_title(text, thing), text) for score, text in scored]


def _quotes_title(text: str, thing: str) -> bool:
    return any(thing in title for title in _QUOTED_TITLE.findall(text))
