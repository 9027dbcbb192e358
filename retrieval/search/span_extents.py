"""How far an answer span reaches where the tagger's word ends too soon or too late: a place
after 位于 runs on to its clause's end, and a name right after the post the question asks about
(站长潘鹏) is that post's holder, with the surname the tagger may have cut off."""

from __future__ import annotations

import re

import jieba.posseg

from retrieval.search.answer_spans import Span
from retrieval.search.question_type import POST

# A name standing right after the post the question asks (经开区工会主席叫啥 → "…工会主席王宏伟")
# gains these context characters: the post alone (站长, 主任) is too short a context otherwise.
# On the seeds' dev files the direct answer's coverage went 0.507 -> 0.539, every new one right.
POST_BONUS = 2
DEPUTY = "副"  # 副主任 is another post than 主任
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WHERE_SAID = re.compile(r"(?:位于|坐落于|坐落在|地处|位在|设于)$")  # right before a place: where it is
CLAUSE_END = "，,。！？!?；;：:（）()"  # where a clause ends


def whole_location(span: Span, sentence: str, after: str, longest: int) -> Span:
    """A place named right after 位于 (or 坐落于, 地处) runs on to its clause's end: the tagger
    gives 泰国 of "位于泰国的春武里府之素坤逸路的163公里之地段", and the reader asked where. It stops
    where two characters of the question's words after its question word come back ("位于英格兰…
    小镇莫克姆的足球俱乐部" to "是哪个地方的足球俱乐部"). On the CMRC 2018 trial set: place answers' F1 up, the
    direct answer's mean F1 0.712 -> 0.727, none worse."""
    if not _WHERE_SAID.search(sentence, 0, span.start):
        return span
    end = span.end
    while end < len(sentence) and sentence[end] not in CLAUSE_END:
        end += 1
    tail = sentence[span.end : end]
    # Two characters at least: one alone is too common.
    returns = [tail.find(after[i : i + 2]) for i in range(len(after) - 1)]
    end = span.end + min((at for at in returns if at >= 0), default=len(tail))
    if end - span.start > longest:
        return span
    return Span(span.start, end, sentence[span.start : end])


def of_the_kind(span: Span, sentence: str, kind: str, longest: int) -> Span | None:
    """For 哪个医院 (`kind` 医院): the span run on to the kind when it follows in the same clause
    (郑州市 of 郑州市第七人民医院), or as it is when it ends as the kind does (郑大一附院); None when
    it names no such thing (河南疫情 of "山东省援助河南疫情处置检测队")."""
    if not kind or kind in span.text:
        return span
    tail = sentence[span.end : span.start + longest]
    at = tail.find(kind)
    if at >= 0 and not any(mark in tail[:at] for mark in CLAUSE_END):
        end = span.end + at + len(kind)
        return Span(span.start, end, sentence[span.start : end])
    return span if span.text.endswith(kind[-1]) else None


def post_asked(before: str) -> str:
    """The post whose holder a 谁 question asks ("工会主席" of "经开区工会主席叫"), or ""."""
    post = POST.search(before.rstrip("是叫的"))
    return post.group() if post else ""


def after_post(post: str, before: str, sentence: str, span: Span) -> tuple[Span, int]:
    """A name right after `post`, the one the question asks about (post_asked of its words
    `before` the question word: "站长潘鹏", the news's way of naming a person), and POST_BONUS; the
    name's surname with it when the tagger left it out (书记 席 俊杰). Not after the deputy's post
    when the question asks the post itself (副主任崔郑波 to "主任是谁")."""
    for size in range(len(post), 1, -1):
        tail = post[-size:]
        for gap in (0, 1):
            at = span.start - gap
            if at < size:  # no room for the post before it
                continue
            surname = gap == 0 or len(span.text) == 2 and _HAN.match(sentence[at]) is not None
            if surname and sentence.endswith(tail, 0, at):
                if sentence.endswith(DEPUTY, 0, at - size) and DEPUTY + tail not in before:
                    return span, 0
                return Span(at, span.end, sentence[at : span.end]), POST_BONUS
    return span, 0


# Parts of speech no name opens with: a verb, preposition, adverb, conjunction or particle
# (负责人告诉记者, 由谁 → "遣圣甲虫去"); direct_answer.py reads a name answer's first word so.
NOT_NAME_OPENINGS = ("v", "p", "d", "c", "u", "y")
# Characters that go on a sentence after a post with no name: 站长的手机, 主任以强烈的使命感.
_AFTER_POST = frozenset("的是和与及等们在对为也都就把被从向以一二三两几")  # 社长一职: no name opens with a numeral


_OPENING_QUOTES = frozenset("“‘「『\"")
_CLOSED_QUOTE = re.compile(r"[”’」』\"][,，]?")


def names_holder(post: str, sentence: str) -> bool:
    """Whether `sentence` names someone right after `post`, as the news names a post's holder
    ("站长潘鹏", "主任时富枝"): two Han characters follow it that make no word of jieba's dictionary
    but a person's name (告诉, 职责 do) and open with no function character. Read from the
    dictionary, not the tagger, which costs a search's time per sentence."""
    tags = jieba.posseg.dt.word_tag_tab
    at = sentence.find(post)
    while at >= 0:
        after = at + len(post)
        # A post in quotes, then the name: 作为“帮带导师”,李君川每天…
        if sentence[at - 1 : at] in _OPENING_QUOTES and (quoted := _CLOSED_QUOTE.match(sentence, after)):
            after = quoted.end()
        following = sentence[after : after + 2]
        if len(following) == 2 and all(_HAN.match(c) for c in following) and following[0] not in _AFTER_POST:
            flag = tags.get(following, "nr")
            if flag.startswith("nr"):
                return True
        at = sentence.find(post, at + 1)
    return False
