"""What a user is shown for a hit: the matched passage, widened by its neighbouring sentences.

A chunk is sized for ranking (short, one topic); a reader wants a little more context, and an
answer that sits just past the chunk's edge must still be in what they see.
"""

from __future__ import annotations

from retrieval.limits import EXCERPT_CHARS
from retrieval.text.sentences import split_sentences
from retrieval.types import Article, Chunk


def widen(passage: str, article_text: str, limit: int = EXCERPT_CHARS) -> str:
    """`passage` plus whole neighbouring sentences of its article, alternately after and
    before it, up to `limit` characters; the passage alone (cut to `limit`) if not found."""
    start = article_text.find(passage)
    if start < 0 or len(passage) >= limit:
        return passage[:limit]
    end, size = start + len(passage), len(article_text)
    # Only sentences near the passage can join it, and a long section's splitting would cost more
    # than the search: split just the paragraphs within reach. A newline always ends a sentence,
    # so this gives the very sentences a split of the whole text would. Stripped whitespace can
    # let the excerpt reach further: then the rest of that side is split too.
    room = limit - len(passage)
    low = article_text.rfind("\n", 0, max(0, start - room)) + 1
    high = article_text.find("\n", end + room)
    high = size if high < 0 else high
    before = split_sentences(article_text[low:start])
    after = split_sentences(article_text[end:high])
    excerpt = passage
    while True:
        if not before and low > 0:
            before, low = split_sentences(article_text[:low]), 0
        if not after and high < size:
            after, high = split_sentences(article_text[high:]), size
        if not (before or after):
            break
        grown = False
        if after and len(excerpt) + len(after[0]) <= limit:
            excerpt += after.pop(0)
            grown = True
        if before and len(excerpt) + len(before[-1]) <= limit:
            excerpt = before.pop() + excerpt
            grown = True
        if not grown:
            break
    return excerpt.strip()


def section_text(article: Article, chunk: Chunk) -> str:
    """The body paragraphs of the chunk's section: between the sub-headings around it.

    Widening stops at a sub-heading, which would otherwise run into the text as if it were
    part of a sentence."""
    headings = set(article.subheadings)
    start = max((i + 1 for i in headings if i < chunk.paragraph), default=0)
    end = min((i for i in headings if i > chunk.paragraph), default=len(article.paragraphs))
    return "\n".join(p for i, p in enumerate(article.paragraphs[start:end], start) if i not in headings)


def excerpt_for(chunk: Chunk, article: Article | None, limit: int = EXCERPT_CHARS) -> str:
    """What a user sees for this chunk: it, widened within its section."""
    return widen(chunk.text, section_text(article, chunk) if article else "", limit)


def mostly_shown(passage: str, excerpts: list[str]) -> bool:
    """True when most (3/4) of the passage's sentences stand in excerpts already shown."""
    if not excerpts:  # the article's first excerpt: nothing to split for
        return False
    sentences = [sentence.strip() for sentence in split_sentences(passage) if sentence.strip()]
    shown = sum(len(s) for s in sentences if any(s in excerpt for excerpt in excerpts))
    return shown * 4 >= 3 * sum(len(s) for s in sentences) > 0
