"""Sentences: the one splitter and the one set of sentence punctuation every stage uses.

Chunking, page layout, excerpts, highlights and citations all cut text into sentences; they
must agree on where one ends, or an excerpt would start inside the sentence a chunk ended on.

A reader's cut (`for_reader=True`) chooses the sentence marked as the answer and trims the
excerpt around it: it keeps together what a reader takes in as one statement (clauses joined
by semicolons, a title or a bracket with a full stop inside, "J. K. Rowling", "Yahoo!奇摩"),
which a chunk may cut apart. A sentence that opens by pointing back at the one before it (因此,
但, 不久, 同年, 他, 该 …) is read with it: alone it does not say what it is about, and the answer it
gives is often the one before it states (…三倍。因此它也被称为笨蛋水果 / 宣布退役。不久，复出参加2003年…);
one whose subject is a pronoun is, even when it opens a paragraph.
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
# How a sentence opens when it goes on from the one before (the reader's cut joins the two): a
# consequence, a contrast, what came next or the same year, a word pointing at what it named (a
# pronoun subject: PRONOUNS), or more of the same said without a subject of its own (以及…, 例如…).
LEANS_BACK = (
    "因此", "所以", "因而", "故而", "于是", "结果", "总之", "换言之", "否则",
    "但", "然而", "不过", "可是", "而", "相反", "反之", "同样", "另一方面",
    "最终", "最后", "不久", "随后", "其后", "之后", "此后", "后来", "然后", "接着", "继而",
    "在此", "对此", "为此", "由此", "据此", "至此", "从此", "自此", "与此", "除此",
    "同年", "次年", "翌年", "当时", "其时", "期间", "当年",
    "这", "此", "该", "其",
    "以及", "而且", "甚至", "尤其", "特别是", "例如", "比如", "包括", "亦即", "也就是", "主要",
)  # fmt: skip
# A sentence whose subject is one of these, opening it or after a short fronted clause ("身为蒋冲村
# 党支部书记,他…", "2008年，她…"), names its subject in the sentence before, even across a paragraph
# break: a paragraph does not open with a pronoun unless the one before says whom it means.
PRONOUNS = ("他", "她", "它", "牠")
FRONTED_CHARS = 15
_FRONTED_CLAUSE = re.compile(f"[^，,。；;！？!?\n]{{1,{FRONTED_CHARS}}}[，,]")


_OPENERS = re.compile("[" + re.escape("".join(opener for opener, _, _ in _BRACKETS)) + "]")


def _bracket_close(text: str, start: int, i: int) -> int:
    """Where the outermost bracket or quote opened since `start` and still open at `i` closes,
    when it closes within its reach of its opening and on the same line; -1 otherwise."""
    if not _OPENERS.search(text, start, i):  # most sentences: one look instead of one per bracket
        return -1
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


def sentence_spans(text: str, for_reader: bool = False, join_leaning: bool = True) -> list[tuple[int, int]]:
    """(start, end) of each sentence of text, surrounding whitespace left out; `for_reader`:
    the reader's cut (see the module's docstring), with `join_leaning` the sentences that lean on
    the one before joined to it."""
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
    if for_reader and join_leaning:
        return _joined_to_what_they_lean_on(text, stripped)
    return stripped


def _joined_to_what_they_lean_on(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """`spans` with each sentence that opens by pointing back (LEANS_BACK) joined to the one before,
    within its paragraph (a new paragraph starts a new statement whatever its first word), and each
    whose subject is a pronoun (PRONOUNS) joined to it in any case."""
    joined: list[tuple[int, int]] = []
    for start, end in spans:
        same_paragraph = bool(joined) and "\n" not in text[joined[-1][1] : start]
        if joined and (
            _pronoun_subject(text, start) or same_paragraph and text.startswith(LEANS_BACK, start)
        ):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return joined


def _pronoun_subject(text: str, start: int) -> bool:
    if text.startswith(PRONOUNS, start):
        return True
    fronted = _FRONTED_CLAUSE.match(text, start)
    return fronted is not None and text.startswith(PRONOUNS, fronted.end())


def split_sentences(text: str, for_reader: bool = False, join_leaning: bool = True) -> list[str]:
    """The sentences of text, in order, each with its closing quote; "".join gives text back
    except for whitespace between sentences. `for_reader`: the reader's cut, for choosing and
    showing the sentence that answers (see the module's docstring); `join_leaning=False` leaves
    the sentences that lean on the one before apart, as the direct answer reads them."""
    return [text[a:b] for a, b in sentence_spans(text, for_reader, join_leaning)]


def ends_sentence(text: str) -> bool:
    """Whether text ends a sentence: final punctuation, possibly inside closing quotes or brackets.

    At the very end of text an ASCII full stop counts too, as `sentence_spans` counts one
    before a space or the end (a line of a page ending in "." is a finished sentence).
    """
    stripped = text.rstrip(CLOSERS + STRAIGHT_QUOTES)
    return bool(stripped) and stripped[-1] in ENDERS + "."
