"""Which of the best passages goes first for what the question asks of them.

The retrievers see an article's subject in all its passages, and the fused order most often puts
its lead first. A question asking of someone or something in particular is answered by the
passage telling of it: the person asked about (rerank.person_passage_first), a title quoted in
《》 (titles_asked.py), a post's holder named (post_holders.holder_first), a figure or an hour
given (figures_first.py).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from retrieval.search.figures import asks_count
from retrieval.search.figures_first import FIGURE_FIRST_DEPTH, figure_first, grain_first
from retrieval.search.post_holders import HOLDER_FIRST_DEPTH, HolderAsked, holder_first
from retrieval.search.rerank import person_asked_of, person_passage_first
from retrieval.search.titles_asked import TITLE_FIRST_DEPTH, asked_title_of, titled_first
from retrieval.types import Chunk


def asked_first(
    ranked: list[int],
    chunks: Mapping[int, Chunk],
    question: str,
    tags: Sequence[tuple[str, str]],
    query_words: dict[str, float],
    holder: HolderAsked | None,
    seen: Callable[[str], bool],
    surely: Callable[[], dict[str, float]],
) -> list[int]:
    """`ranked` with the passage answering what `question` asks moved first. `tags`: jieba's tags
    of the question; `seen`: whether the reports use a word; `surely`: the words surely asked
    (asked.surely_asked), worked out only for a count."""
    person = person_asked_of(tags, seen)
    if person:  # IT产业园第十二工作站的刘涛以前是干啥的: the passage telling of 刘涛 first
        ranked = person_passage_first(ranked, chunks, person)
    title_of = asked_title_of(question)
    if title_of is not None:  # 信的标题叫啥: the passage quoting 《…一封信》 first
        ranked = titled_first(ranked, chunks, title_of, TITLE_FIRST_DEPTH)
    if holder is not None:  # 经开区总工会主席是谁: the passage naming 工会主席王宏伟 first
        return holder_first(ranked, chunks, holder, HOLDER_FIRST_DEPTH)
    if asks_count(question):  # 八千志愿者多少人次: the passage giving 1142人次 first
        return figure_first(ranked, chunks, question, surely(), query_words, FIGURE_FIRST_DEPTH)
    return grain_first(ranked, chunks, question, FIGURE_FIRST_DEPTH)  # 山东医疗队每天干到几点: an hour
