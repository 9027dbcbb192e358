"""A title asked for ("信的标题叫啥来着"): the passage quoting one in 《》 first.

The retrievers rank a page's lead, which names the subject and its 信心, before the passage
quoting the letter's title: "《在大战大考中锤炼过硬作风…——致八千办事处全体党员、广大群众的一封信》"
came third for "八千办事处 信的标题叫啥". Among the first few passages, the first whose 《…》
holds the thing asked of (信 of 一封信) moves to the front.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from retrieval.search.rerank import first_that
from retrieval.types import Chunk

TITLE_FIRST_DEPTH = 3  # passages titled_first looks through
_TITLE_ASKED = re.compile(r"([\u4e00-\u9fff]?)(?:的)?(?:标题|题目|题名|篇名)")
_QUOTED_TITLE = re.compile(r"《([^《》]{2,80})》")


def asked_title_of(question: str) -> str | None:
    """The thing whose title `question` asks, by its last character (信 of 公开信的标题); "" when
    the title is asked of nothing said (标题叫啥来着); None when no title is asked."""
    found = _TITLE_ASKED.search(question)
    return None if found is None else found.group(1)


def titled_first(rows: list[int], chunks: Mapping[int, Chunk], thing: str, depth: int) -> list[int]:
    """`rows` with the first of the best `depth` quoting a title in 《》 that holds `thing` moved
    to the front."""

    def quotes_title(chunk: Chunk) -> bool:
        return any(thing in title for title in _QUOTED_TITLE.findall(chunk.text))

    return first_that(rows, chunks, depth, quotes_title)
