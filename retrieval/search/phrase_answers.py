"""The direct answer to a 什么 / 怎么 / 哪些 question: what the sentence says where the question has
its question word.

Three readings, the first that finds anything wins:
1. **Between the question's words** (`between_words`): the sentence repeats the words before the
   question word and the answer follows them, up to the words after it or the sentence's end
   ("生命数耗完即算为什么" against "…即算为踢爆" gives 踢爆; "昌昌是什么王国的首都" against
   "昌昌为奇穆王国的首都" gives 奇穆). The question's own 是 / 为 need not be the sentence's, nor
   its 了 / 着 (a weaker anchor: PARTICLE_PENALTY).
2. **After a linking word** (`after_linking_word`), for "X是什么" and "X的Y是什么": the sentence
   names X, then says 是 / 为 / 叫 / 称 / 又名 …, and the answer is the phrase after it
   ("什么是五月艾" against "五月艾（学名：）是菊科蒿属的植物" gives 菊科蒿属的植物).
3. **A quoted name before or ending in the words after it** (`quoted_before_words`): "用什么方式去
   检查的" against "采用“四不两直”方式" gives “四不两直”, "做了个啥卡片" against "制作“预约二维码卡片”"
   gives “预约二维码卡片”.

CMRC 2018's gold answers to such questions are mostly clauses, often running to the sentence's
end, so a span runs on across commas up to MAX_PHRASE_CHARS; a quoted name ending its clause is
the answer alone.

Each span comes with its *context*: how many characters of the question anchor it. The caller
gives the span only when that reaches a threshold calibrated for precision (direct_answer.MIN_CONTEXT).
String work on one sentence, like the other kinds: no model, no tagger.
"""

from __future__ import annotations

import re

from retrieval.search.answer_spans import Span

# Where a phrase answer stops when the question's words after the question word are not found:
# the sentence's end (a reader's sentence may hold a semicolon), not a comma's.
PHRASE_END = "。！？!?；;"
CLAUSE_MARKS = "，,：:" + PHRASE_END
# The question's own linking word, which the sentence may say another way (是 / 为 / 叫 …).
QUESTION_LINKS = ("的是", "是", "为", "叫", "指")
# Aspect particles the question may add to a verb the sentence says bare.
PARTICLES = "了过着著"
PARTICLE_PENALTY = 3  # such an anchor is weaker: 打破了 against 她打破2004…
# The sentence's linking words, longest first: what follows one of them names the thing asked.
SENTENCE_LINKS = (
    "被称为", "被称作", "又称为", "也称为", "简称为", "称之为", "又名", "又称", "别称", "别名", "简称",
    "名为", "叫做", "称为", "称作", "是指", "就是", "即是", "位于", "是", "为", "叫", "称", "指",
)  # fmt: skip
LIST_MARK = "、"
QUOTES = {"“": "”", "「": "」", "『": "』", "《": "》", '"': '"'}
# The opening quote of each closing one; not the straight quote, which opens and closes alike.
_OPENERS = {closer: opener for opener, closer in QUOTES.items() if opener != closer}
_TRAILING_COUNT = re.compile(r"(?<=[\u4e00-\u9fff])\d+$")
MAX_PHRASE_CHARS = 60  # a longer span is most of a sentence, not an answer
MIN_ANCHOR = 2  # characters of the question's words before the question word that anchor a span
WORDS_AFTER = 8  # at most this many of the question's characters after the question word are looked for
LINK_GAP = 2  # characters allowed between the question's words and the sentence's linking word


def _phrase_end(sentence: str, start: int) -> int:
    end = start
    while end < len(sentence) and sentence[end] not in PHRASE_END:
        end += 1
    return end


def _capped(sentence: str, start: int, end: int) -> Span | None:
    """sentence[start:end] as the answer, or None: empty, too long, or starting a new clause (the
    question's words close the clause before it). A quoted name that ends its clause is the
    answer on its own: “天山的明珠”, not what the sentence goes on to say about it."""
    if start >= len(sentence) or sentence[start] in CLAUSE_MARKS:
        return None
    closer = QUOTES.get(sentence[start])
    if closer:
        close = sentence.find(closer, start + 1, end)
        if close > start + 1 and (close + 1 == len(sentence) or sentence[close + 1] in CLAUSE_MARKS):
            end = close + 1
    text = sentence[start:end].strip(" 、")
    # The count of what is listed, left by the anchor after it (…和智能巡查组3 of "3个巡查专班").
    text = _TRAILING_COUNT.sub("", text) or text
    if not text or len(text) > MAX_PHRASE_CHARS:
        return None
    offset = sentence.find(text, start)
    return Span(offset, offset + len(text), text)


def _right_anchor(after: str, sentence: str, start: int, end: int) -> tuple[int, int]:
    """(where the longest head of the question's words after the question word stands in
    sentence[start:end], its length); (end, 0) when none is there."""
    for size in range(min(len(after), WORDS_AFTER), min(len(after), MIN_ANCHOR) - 1, -1):
        at = sentence.find(after[:size], start, end)
        if at > start:
            return at, size
    return end, 0


def _without_link(before: str) -> str:
    """The question's words before its question word without their linking word: 昌昌 of 昌昌是."""
    return next((before[: -len(link)] for link in QUESTION_LINKS if before.endswith(link)), before)


def _left_anchor(before: str, sentence: str) -> tuple[int, int]:
    """(where the span after the longest tail of `before` the sentence holds starts, the tail's
    length); the question's linking word may be the sentence's own ("昌昌是" against "昌昌为");
    (-1, 0) when no tail of MIN_ANCHOR characters is there."""
    bare = _without_link(before)
    plain = before.rstrip(PARTICLES)  # "开展了什么活动" against "积极开展“…”"
    for size in range(min(len(before), 12), MIN_ANCHOR - 1, -1):
        at = sentence.find(before[-size:])
        if at >= 0:
            return at + size, size
        at = sentence.find(plain[-size:]) if size <= len(plain) < len(before) else -1
        if at >= 0:  # the sentence's own particle, if any, is not the answer's: 扮演著…角色
            return at + size + (sentence[at + size : at + size + 1] in PARTICLES), size - PARTICLE_PENALTY
        if size <= len(bare) and bare != before:
            at = sentence.find(bare[-size:])
            link = (
                next((w for w in SENTENCE_LINKS if sentence.startswith(w, at + size)), "") if at >= 0 else ""
            )
            if link:
                return at + size + len(link), size
    return -1, 0


def between_words(before: str, after: str, sentence: str) -> tuple[Span, int] | None:
    """The span after the longest tail of `before` the sentence holds, up to the head of `after`
    or the sentence's end, with the anchoring characters' count."""
    start, left = _left_anchor(before, sentence)
    if start < 0:
        return None
    end, right = _right_anchor(after, sentence, start, _phrase_end(sentence, start))
    if right and sentence.startswith(LIST_MARK, end + right):
        # "负责哪些公寓" against "负责鑫荣公寓、港城公寓": a list, each item said with the kind;
        # up to its first item alone (鑫荣) is half the answer.
        clause = next(
            (i for i in range(end + right, len(sentence)) if sentence[i] in CLAUSE_MARKS), len(sentence)
        )
        last = sentence.rfind(after[:right], end + right, clause)
        if last > 0:
            end = last + right
    span = _capped(sentence, start, end)
    return (span, left + right) if span else None


def after_linking_word(before: str, after: str, sentence: str) -> tuple[Span, int] | None:
    """For "X的Y是什么" / "X是什么": the phrase after a linking word that follows X in the sentence,
    when the sentence also names Y ("碧海蓝天的用途是" against "碧海蓝天…用作…用途"), anchored by
    the characters of X and Y."""
    bare = _without_link(before)
    if after or bare == before:
        return None
    subject, _, attribute = bare.partition("的")
    if len(subject) < MIN_ANCHOR or (attribute and attribute not in sentence):
        return None
    at = sentence.find(subject)
    if at < 0:
        return None
    head = at + len(subject)
    if sentence.startswith(("（", "("), head):  # an aside first: "易颉输入法（简称易颉）是…"
        head = max(sentence.find("）", head), sentence.find(")", head)) + 1 or head
    for gap in range(LINK_GAP + 1):
        link = next((w for w in SENTENCE_LINKS if sentence.startswith(w, head + gap)), "")
        if link and not any(mark in sentence[head : head + gap] for mark in CLAUSE_MARKS):
            start = head + gap + len(link)
            if attribute and attribute not in sentence[start:]:  # Y in an aside before: not what is said
                return None
            span = _capped(sentence, start, _phrase_end(sentence, start))
            return (span, len(subject) + len(attribute)) if span else None
    return None


def quoted_before_words(after: str, sentence: str) -> tuple[Span, int] | None:
    """The quoted name right before the question's words after its question word, or ending in
    them, anchored by them: "用什么方式去检查的" against "采用“四不两直”方式", "以什么而闻名" against
    "以「太史五蛇羹」而闻名", "做了个啥卡片" against "制作“预约二维码卡片”". A report quotes the
    names of its slogans, schemes and works; the question's words before its question word need
    not be the sentence's (用 / 采用)."""
    for size in range(min(len(after), WORDS_AFTER), MIN_ANCHOR - 1, -1):
        at = sentence.find(after[:size], 1)
        while at > 0:
            # Right after the closing quote, or ending the quoted name ("做了个啥卡片" against
            # "制作“预约二维码卡片”").
            close = at - 1 if sentence[at - 1] in _OPENERS else at + size
            opener = _OPENERS.get(sentence[close : close + 1])
            start = sentence.rfind(opener, 0, close) if opener else -1
            if start >= 0 and close - start - 1 > (size if close > at else 0):  # more than the words
                return Span(start, close + 1, sentence[start : close + 1]), size
            at = sentence.find(after[:size], at + 1)
    return None


def phrase_candidates(before: str, after: str, sentence: str) -> list[tuple[Span, int]]:
    """The sentence's answer to a phrase question whose words before and after its question word
    are `before` and `after` (punctuation left out), by the first reading that finds one, with
    its context."""
    found = between_words(before, after, sentence) or after_linking_word(before, after, sentence)
    found = found or quoted_before_words(after, sentence)
    return [found] if found else []
