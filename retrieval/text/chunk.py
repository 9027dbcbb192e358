"""Articles -> chunks: runs of whole sentences, the unit that is embedded, ranked and shown.

A chunk is cut from one section of one article (the text under one sub-heading), holds whole
sentences up to `max_chars` characters, and repeats the last `overlap` sentences of the chunk
before it, so an answer that straddles a boundary is whole in one of the two.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from retrieval.limits import EXCERPT_CHARS
from retrieval.text.sentences import sentence_spans
from retrieval.types import Article, Chunk

MIN_CHUNK_CHARS = 20
# Where an over-long sentence may be cut: after a clause mark (ASCII ones too: these pages write
# ',' ':' for '，' '：') or at a space.
CUTS = "，,、：:；; "


def _cut_long(text: str, start: int, end: int, limit: int) -> list[tuple[int, int]]:
    """A sentence longer than `limit`, cut after the clause mark nearest below the limit."""
    pieces: list[tuple[int, int]] = []
    while end - start > limit:
        cut = next(
            (p for p in range(start + limit, start + limit // 4, -1) if _may_cut(text, p)),
            start + limit,  # no clause mark in reach: a hard cut is the last resort
        )
        pieces.append((start, cut - 1 if text[cut - 1].isspace() else cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    pieces.append((start, end))
    return pieces


def _may_cut(text: str, p: int) -> bool:
    """Whether text may be cut before p: after a clause mark, but not inside 1,000 or 8:30."""
    mark = text[p - 1]
    in_number = mark in ",:" and text[p - 2].isdigit() and p < len(text) and text[p].isdigit()
    return mark in CUTS and not in_number


@dataclass(frozen=True)
class _Piece:
    paragraph: int  # index into Article.paragraphs
    start: int
    end: int


def _render(pieces: list[_Piece], paragraphs: tuple[str, ...]) -> str:
    """The text of consecutive pieces: as written within a paragraph, a newline between paragraphs."""
    parts: list[str] = []
    run_start = pieces[0].start
    for i, piece in enumerate(pieces):
        if i + 1 == len(pieces) or pieces[i + 1].paragraph != piece.paragraph:
            parts.append(paragraphs[piece.paragraph][run_start : piece.end])
            run_start = pieces[i + 1].start if i + 1 < len(pieces) else 0
    return "\n".join(parts)


def _added(before: _Piece, piece: _Piece) -> int:
    """Characters `piece` adds to a chunk ending with `before`: the gap too, or a newline."""
    if piece.paragraph == before.paragraph:
        return piece.end - before.end
    return 1 + piece.end - piece.start


def _sections(article: Article, limit: int) -> list[tuple[str, list[_Piece]]]:
    """The article's sections (sub-heading, sentence pieces no longer than limit), in order."""
    sections: list[tuple[str, list[_Piece]]] = [("", [])]
    for index, paragraph in enumerate(article.paragraphs):
        if index in article.subheadings:
            sections.append((paragraph, []))
            continue
        for a, b in sentence_spans(paragraph):
            sections[-1][1].extend(_Piece(index, s, e) for s, e in _cut_long(paragraph, a, b, limit))
    return [(heading, pieces) for heading, pieces in sections if pieces]


def chunk_article(article: Article, max_chars: int = 240, overlap: int = 1) -> list[Chunk]:
    """The chunks of one article: whole sentences, at most max_chars (never over EXCERPT_CHARS) characters each.

    `overlap` trailing sentences of a chunk start the next one in the same section, as long as
    they leave room for at least one new sentence. A sentence longer than max_chars is cut at
    the clause mark nearest below the limit, and hard-cut only when it has none.
    """
    if max_chars < MIN_CHUNK_CHARS or overlap < 0:
        raise ValueError(f"max_chars must be at least {MIN_CHUNK_CHARS} and overlap at least 0")
    limit = min(max_chars, EXCERPT_CHARS)  # no chunk is longer than the excerpt that shows it
    chunks: list[Chunk] = []
    for section, pieces in _sections(article, limit):
        first = 0
        while first < len(pieces):
            last, length = first + 1, pieces[first].end - pieces[first].start  # one piece always fits
            while last < len(pieces) and length + _added(pieces[last - 1], pieces[last]) <= limit:
                length += _added(pieces[last - 1], pieces[last])
                last += 1
            chunks.append(
                Chunk(
                    source=article.source,
                    article=article.number,
                    number=len(chunks),
                    title=article.title,
                    date=article.date,
                    paragraph=pieces[first].paragraph,
                    text=_render(pieces[first:last], article.paragraphs),
                    section=section,
                )
            )
            if last == len(pieces):
                break
            # Back up by `overlap` sentences, but never so far that the next one would not fit.
            first = max(first + 1, last - overlap)
            while first < last and len(_render(pieces[first : last + 1], article.paragraphs)) > limit:
                first += 1
    return chunks


def chunk_articles(articles: Iterable[Article], max_chars: int = 240, overlap: int = 1) -> list[Chunk]:
    """The chunks of every article, in order."""
    return [chunk for article in articles for chunk in chunk_article(article, max_chars, overlap)]
