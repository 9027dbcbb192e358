"""Sentences: the one splitter and the one set of sentence punctuation every stage uses.

Chunking, page layout, excerpts, highlights and citations all cut text into sentences; they
must agree on where one ends, or an excerpt would start inside the sentence a chunk ended on.
"""

from __future__ import annotations

import re

FULL_STOPS = "。！？!?"  # end a sentence for certain; semicolons and "…" may also end a clause
SEMICOLONS = "；;"
ENDERS = FULL_STOPS + SEMICOLONS + "…"
CLOSERS = "”’」』）)》】"
STRAIGHT_QUOTES = "\"'"  # open or close alike, so only a count tells which


# Where a sentence may end; every other character is skipped without a look (this runs for
# every excerpt a user is shown, so a per-character Python loop would cost more than FAISS).
_MAYBE_END = re.compile("[" + re.escape(ENDERS) + r".\n]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, surrounding whitespace left out."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    candidate = _MAYBE_END.search(text)
    while candidate:
        i = candidate.start()
        char, end = text[i], None
        if char in ENDERS:
            end = i + 1
            while end < n and text[end] in ENDERS:  # "？！", "……"
                end += 1
        elif char == "." and not text[start:i].strip().isdigit():  # "1. " numbers a list item
            # An ASCII full stop ends a sentence only before a space or the end: not in 3.7万, 1.5,
            # www.example.com or "..." inside a line.
            end = i + 1
            while end < n and text[end] == ".":
                end += 1
            after = end
            while after < n and text[after] in CLOSERS + STRAIGHT_QUOTES:
                after += 1
            if after < n and not text[after].isspace():
                end = None
        elif char == "\n":
            end = i
        if end is None:
            candidate = _MAYBE_END.search(text, i + 1)
            continue
        # The closing quote or bracket belongs to the sentence it closes, and so does a full stop
        # after it: "(含外地人员。)。", "“…吗?”。".
        while end < n and (
            text[end] in CLOSERS + ENDERS or text[end] == '"' and text.count('"', start, end) % 2
        ):
            end += 1
        spans.append((start, end))
        start = max(end, i + 1)
        candidate = _MAYBE_END.search(text, start)
    spans.append((start, n))
    stripped = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            stripped.append((a, b))
    return stripped


def split_sentences(text: str) -> list[str]:
    """The sentences of text, in order, each with its closing quote; "".join gives text back
    except for whitespace between sentences."""
    return [text[a:b] for a, b in sentence_spans(text)]


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence: final punctuation, possibly inside closing quotes or brackets.

    At the very end of text an ASCII full stop counts too, as `sentence_spans` counts one
    before a space or the end (a line of a page ending in "." is a finished sentence).
    """
    stripped = text.rstrip(CLOSERS + STRAIGHT_QUOTES)
    return bool(stripped) and stripped[-1] in ENDERS + "."
