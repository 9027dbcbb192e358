"""Sentences: the one splitter and the one set of sentence punctuation every stage uses.

Chunking, page layout, excerpts, highlights and citations all cut text into sentences; they
must agree on where one ends, or an excerpt would start inside the sentence a chunk ended on.

A reader's cut (`for_reader=True`) chooses the sentence marked as the answer and trims the
excerpt around it: it keeps together what a reader takes in as one statement (clauses joined
by semicolons, a title or a bracket with a full stop inside, "J. K. Rowling", "Yahoo!奇摩"),
which a chunk may cut apart.
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
_MAYBE_READER_END = re.compile("[" + re.escape(FULL_STOPS + "…") + r".\n]")
# A title or a bracket that closes within BRACKET_REACH characters is read as part of its sentence,
# whatever full stops stand inside it (《卡拉OK.LIVE！‧台北‧我》, "（含外地人员。）"); one that runs
# on longer is most likely unclosed, and cutting inside it is the lesser harm. A quote is kept
# whole only within QUOTE_REACH: a short one is a name or a phrase (“卡基达!”), a longer one is
# speech, whose own sentences are what a reader takes in one at a time.
BRACKET_REACH = 200
QUOTE_REACH = 40
_BRACKETS = tuple(
    (opener, closer, QUOTE_REACH if opener in "“「" else BRACKET_REACH)
    for opener, closer in (
        ("《", "》"),
        ("（", "）"),
        ("(", ")"),
        ("“", "”"),
        ("「", "」"),
        ("『", "』"),
        ("【", "】"),
    )
)
# Latin abbreviations a full stop follows without ending the sentence (besides single initials).
_ABBREVIATIONS = frozenset(
    "Mr Mrs Ms Dr St Jr Sr Prof Inc Ltd Co Corp No vs etc Mt Ft Gen Col Lt Sgt Rev".split()
)
_LATIN_WORD_BEFORE = re.compile(r"([A-Za-z]+)$")


def _bracket_close(text: str, start: int, i: int) -> int:
    """Where the outermost bracket or quote opened since `start` and still open at `i` closes,
    when it closes within its reach of its opening and on the same line; -1 otherwise."""
    close = -1
    for opener, closer, reach in _BRACKETS:
        opened = text.rfind(opener, start, i)
        if opened < 0 or text.find(closer, opened, i) >= 0:
            continue
        at = text.find(closer, i, opened + reach)
        if at > close and text.find("\n", i, at) < 0:
            close = at
    return close


def _inside_latin_name(text: str, i: int) -> bool:
    """Whether the Latin punctuation at `i` belongs to a name, not a sentence's end: the full
    stop of an initial or an abbreviation (J. K. Rowling, U.S., Dr.), the "!" or "?" a name
    ends in when the text runs straight on (Yahoo!奇摩)."""
    word = _LATIN_WORD_BEFORE.search(text, max(0, i - 8), i)
    if word is None:
        return False
    if text[i] == ".":
        letters = word.group(1)
        return (len(letters) == 1 and letters.isupper()) or letters in _ABBREVIATIONS
    following = text[i + 1 : i + 2]
    return bool(following) and not following.isspace() and following not in ENDERS + CLOSERS + STRAIGHT_QUOTES


def sentence_spans(text: str, for_reader: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, surrounding whitespace left out; `for_reader`:
    the reader's cut (see the module's docstring)."""
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    maybe_end = _MAYBE_READER_END if for_reader else _MAYBE_END
    candidate = maybe_end.search(text)
    while candidate:
        i = candidate.start()
        char, end = text[i], None
        if for_reader and char != "\n":
            close = _bracket_close(text, start, i)
            if close >= 0 or (char in ".!?" and _inside_latin_name(text, i)):
                candidate = maybe_end.search(text, max(close, i + 1))
                continue
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
            candidate = maybe_end.search(text, i + 1)
            continue
        # The closing quote or bracket belongs to the sentence it closes, and so does a full stop
        # after it: "(含外地人员。)。", "“…吗?”。".
        while end < n and (
            text[end] in CLOSERS + ENDERS or text[end] == '"' and text.count('"', start, end) % 2
        ):
            end += 1
        spans.append((start, end))
        start = max(end, i + 1)
        candidate = maybe_end.search(text, start)
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


def split_sentences(text: str, for_reader: bool = False) -> list[str]:
    """The sentences of text, in order, each with its closing quote; "".join gives text back
    except for whitespace between sentences. `for_reader`: the reader's cut, for choosing and
    showing the sentence that answers (see the module's docstring)."""
    return [text[a:b] for a, b in sentence_spans(text, for_reader)]


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence: final punctuation, possibly inside closing quotes or brackets.

    At the very end of text an ASCII full stop counts too, as `sentence_spans` counts one
    before a space or the end (a line of a page ending in "." is a finished sentence).
    """
    stripped = text.rstrip(CLOSERS + STRAIGHT_QUOTES)
    return bool(stripped) and stripped[-1] in ENDERS + "."
