"""A second look at the best candidates: which of them mentions most of what is asked.

Fusion ranks passages by where each retriever put them, and the two disagree most between
passages of one article: every chunk carries the headline, so BM25 and the model both like
the chunk that names the subject most often, while the answer sits in the next chunk, the one
that also has the question's other words (校本课程, 别名). So the top candidates are ranked a
third time, by the share of the question's IDF mass each mentions (`term_coverage`, the same
signal as the not-found check), and that ranking is fused in like the other two.

A news article names its subject in its lead and rarely again: "抽调44个县直单位900多名机关干部"
stands two passages after the one saying 中牟县, so a question naming 中牟县 found the lead first
and the figure below other offices' passages. So a name of the question that a passage lacks
counts as mentioned when its article's lead mentions it (`names_from_leads`), or the first
paragraph of one of its sections: 八千办事处's page says 航空港实验区 first under its first
sub-heading, and "港区八千给党员群众的那封公开信" found another 八千 page whose lead says 港区.
Only names, not the other words asked, which the passage itself must have. And a passage that
names every place and office the question names (itself or in its lead) gets one more vote, as
a first rank of a fourth ranking (`fuse_subject`): "那中牟县呢？" after a question on 荣阳市 asks
about 中牟县, and a passage on 荣阳市 or 八千办事处 with the same words answers another question.

Last, when the two best passages are of one article, the one whose best sentence answers better
(the marked sentence's score, answers.py) goes first (`best_passage_first`): the retrievers see
an article's subject in both, and most CMRC misses at rank 1 were the answer in the article's
other passage. Only the first two: further down, a passage of the same article is rarely the
answer and the fused order is the better guess. There the question's places and offices weigh as
the headline's words (answers.best_sentence_score): the article names them in its lead, and the
sentence that repeats a name is no likelier to answer than its neighbours that do not. A person
the question asks about is no such name: of the two, the passage naming them goes first
(`person_passage_first`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from retrieval.search.fusion import RRF_K, mentions, term_coverage
from retrieval.types import Article, Chunk

ArticleKey = tuple[str, int]


@dataclass(frozen=True)
class Subject:
    """What a question is about: the places and offices it `names` (lower-cased), their other
    `forms` (港区: 航空港实验区), and this search's reads of `articles`, whose leads may name them."""

    names: Sequence[str]
    forms: Mapping[str, Sequence[str]]
    articles: Callable[[Iterable[ArticleKey]], Mapping[ArticleKey, Article]]


def fuse_coverage(
    ranked: list[int],
    fused: dict[int, float],
    chunks: dict[int, Chunk],
    query_words: dict[str, float],
    weight: float,
    forms: Mapping[str, Sequence[str]] | None = None,
    lead_names: Mapping[int, str] | None = None,
    known: Mapping[int, float] | None = None,
) -> dict[int, float]:
    """`fused` with a reciprocal-rank bonus for each of `ranked` (rows of `chunks`) by coverage
    (`forms`: other spellings of a word, as `term_coverage` takes them; `lead_names`: the names
    each row's article lead adds, `names_from_leads`; `known`: rows' coverage by their own text,
    already worked out)."""
    lead_names, known = lead_names or {}, known or {}
    coverage = {
        row: passage_coverage(query_words, row, chunks[row], forms, lead_names.get(row, ""), known)
        for row in ranked
        if row in chunks
    }
    # Ties keep the fused order (sorted is stable), so equal coverage changes nothing.
    by_coverage = sorted(coverage, key=lambda row: -coverage[row])
    rescored = dict(fused)
    for rank, row in enumerate(by_coverage):
        rescored[row] += weight / (RRF_K + rank + 1)
    return rescored


def passage_coverage(
    query_words: dict[str, float],
    row: int,
    chunk: Chunk,
    forms: Mapping[str, Sequence[str]] | None = None,
    lead_names: str = "",
    known: Mapping[int, float] | None = None,
) -> float:
    """`term_coverage` of the passage at `row` with the names its article's lead adds; `known`:
    coverage by the passage's own text, by row, where already worked out (question_words.py)."""
    if not lead_names and known and row in known:
        return known[row]
    return term_coverage(query_words, f"{chunk.indexed_text}\n{lead_names}", forms)


def fuse_subject(
    ranked: list[int],
    fused: dict[int, float],
    chunks: Mapping[int, Chunk],
    names: Collection[str],
    forms: Mapping[str, Sequence[str]],
    lead_names: Mapping[int, str],
    weight: float,
) -> dict[int, float]:
    """`fused` with `weight` / (RRF_K + 1) added for each of `ranked` that mentions all `names`
    (lower-cased) in its text or its article's lead (`lead_names`); unchanged without names."""
    if not names or weight <= 0:
        return fused
    rescored = dict(fused)
    for row in of_subject(ranked, chunks, names, forms, lead_names):
        rescored[row] += weight / (RRF_K + 1)
    return rescored


def of_subject(
    rows: Iterable[int],
    chunks: Mapping[int, Chunk],
    names: Collection[str],
    forms: Mapping[str, Sequence[str]],
    lead_names: Mapping[int, str],
) -> list[int]:
    """Those of `rows` (in `chunks`) that mention all `names` (lower-cased) in their text or
    their article's lead (`lead_names`)."""
    return [
        row
        for row in rows
        if row in chunks
        and all(
            mentions(f"{chunks[row].indexed_text.lower()}\n{lead_names.get(row, '')}", name, forms)
            for name in names
        )
    ]


def names_from_leads(
    rows: Iterable[int],
    chunks: Mapping[int, Chunk],
    names: Collection[str],
    forms: Mapping[str, Sequence[str]],
    articles: Callable[[Iterable[ArticleKey]], Mapping[ArticleKey, Article]],
) -> dict[int, str]:
    """For each of `rows` whose passage misses one of the question's `names` (lower-cased), those
    of them its article's lead or a section's first paragraph mentions, joined by spaces;
    `articles` reads articles by key, and only for the rows that miss a name."""

    missing = {
        row: missed
        for row in rows
        if row in chunks
        and (
            missed := [name for name in names if not mentions(chunks[row].indexed_text.lower(), name, forms)]
        )
    }
    if not missing:
        return {}
    leads = articles({(chunks[row].source, chunks[row].article) for row in missing})
    added: dict[int, str] = {}
    for row, missed in missing.items():
        article = leads.get((chunks[row].source, chunks[row].article))
        lead = "\n".join(_leads(article)).lower() if article else ""
        if found := [name for name in missed if mentions(lead, name, forms)]:
            added[row] = " ".join(found)
    return added


def first_that(
    rows: list[int], chunks: Mapping[int, Chunk], depth: int, answers: Callable[[Chunk], bool]
) -> list[int]:
    """`rows` with the first of the best `depth` whose passage `answers` moved to the front, the
    others in their order (post_holders.holder_first, figures_first.py)."""
    for at, row in enumerate(rows[:depth]):
        chunk = chunks.get(row)
        if chunk is not None and answers(chunk):
            return [row, *rows[:at], *rows[at + 1 :]] if at else rows
    return rows


def best_passage_first(
    ranked: list[int], chunks: Mapping[int, Chunk], answers_by: Callable[[Chunk], float]
) -> list[int]:
    """`ranked` with its first two rows swapped when both are passages of one article and the
    second answers better by `answers_by` (its best sentence's score)."""
    if len(ranked) < 2 or ranked[0] not in chunks or ranked[1] not in chunks:
        return ranked
    first, second = chunks[ranked[0]], chunks[ranked[1]]
    if (first.source, first.article) != (second.source, second.article):
        return ranked
    if answers_by(second) > answers_by(first):
        return [ranked[1], ranked[0], *ranked[2:]]
    return ranked


# jieba's tags for a person's name.
_PERSON_FLAGS = ("nr",)


def person_asked_of(tags: Sequence[tuple[str, str]], seen: Callable[[str], bool]) -> str:
    """The person a question asks about: the one name jieba tags as a person's (刘涛/nr), that
    the reports use, with no noun after it ("IT产业园第十二工作站的刘涛以前是干啥的"); not one that
    only places what is asked ("刘涛所在的工作站站长是谁" asks of the 站长), nor one of two people
    ("钱谦益…是如何评价李日华的" asks what the first said). "" for none."""
    people = [at for at, (word, flag) in enumerate(tags) if flag.startswith(_PERSON_FLAGS) and len(word) > 1]
    if len(people) != 1:
        return ""
    word = tags[people[0]][0].lower()
    after = tags[people[0] + 1 :]
    if not seen(word) or any(flag.startswith(("n", "j")) for _, flag in after):
        return ""
    return word


def person_passage_first(ranked: list[int], chunks: Mapping[int, Chunk], person: str) -> list[int]:
    """`ranked` with its first two rows swapped when both are passages of one article and only
    the second names the `person` asked about: the lead naming the 工作站 the question places
    刘涛 in came before the passage telling who 刘涛 is (best_passage_first weighs the lead's two
    names above the one person)."""
    return best_passage_first(ranked, chunks, lambda chunk: float(person in chunk.text.lower()))


def _leads(article: Article) -> list[str]:
    """The article's lead and each section's (the paragraph after a sub-heading)."""
    firsts = (0, *(heading + 1 for heading in article.subheadings))
    return [article.paragraphs[index] for index in firsts if index < len(article.paragraphs)]
