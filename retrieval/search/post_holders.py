"""Whether the best passages name the holder of the post a 谁 question asks about.

"明港办事处主任是谁" finds passages about 明港办事处 that name a 主任, 河南省儿童医院培训中心主任时富枝,
and "登封市委书记是谁" ones that name a 书记 of a 社区: the words asked are all there, but the post
is another body's. Readers ask for post holders more than for anything else the reports do not
say (22 of the 113 seeds negatives answered at stop 26), so such a question is answered only
when a passage names someone right after the post (站长潘鹏, 主任王文昌; or 他 opening what
follows it, the news's way when the name stood in the sentence before; or 是 / 为 and a name:
社长是藤岛茱莉景子) and that post is the
body's the question names:

- the words before the post in the sentence (back to a comma) hold a word of that body's name
  (明港 of 明港办事处), or are the post's own qualifier alone (党支部书记, 、主任…) in a passage
  whose page names the body;
- a body described rather than named ("被郑州市委组织部表扬的那个社区书记") is the one a sentence
  holding most of that description names.

A post said with no name beside it (此次支援队伍的负责人, 导师帮带制) is answered by any post's
holder in the passage that says it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from retrieval.search.query import plain_question
from retrieval.search.question_profile import PUNCTUATION
from retrieval.search.question_type import NAMED_POSTS, POST_TITLES, AnswerKind, question_shape
from retrieval.search.rerank import first_that
from retrieval.search.respell import FUNCTION_WORDS, Respeller
from retrieval.search.shorthands import SHORTHANDS
from retrieval.search.span_extents import names_holder, post_asked
from retrieval.text.sentences import split_sentences
from retrieval.text.tokenize import NAME_SUFFIXES
from retrieval.types import Chunk

DEPUTY = "副"
# 付 is 副 as a pinyin keyboard gives it: "银河办事处付主任叫啥" asks the deputy.
DEPUTY_TYPED = "付"
# What a post's own qualifier is when it names no body: the party branch of the body the page is
# about (翟庄村党支部书记 said as 党支部书记), or nothing (党工委副书记、主任王文昌).
_OWN_QUALIFIERS = ("", "党支部", "党工委", "临时党支部")
# 支部 of 席庄村的支部书记: a body's branch, as 党支部 is, no word of its name.
_SUFFIXES = tuple(sorted({*NAME_SUFFIXES, "党支部", "支部", "党工委", "的"}, key=len, reverse=True))
_CLAUSE_BREAK = re.compile(r"[，,。！？!?；;：:、“”\"（）()《》\s]")
_COPULAS = ("是", "为")
# Who leads a team, as a reader and a report may each say it: 他们领队的是谁 of "…是此次支援队伍的负责人".
_TEAM_LEADS = ("领队", "负责人", "带队", "队长")
# 一把手 (the one in charge) of an office is its 主任, of a village or a branch its 书记.
HEAD_OF_BODY = "一把手"
_SAME_POST = dict.fromkeys(_TEAM_LEADS, _TEAM_LEADS) | {HEAD_OF_BODY: SHORTHANDS[HEAD_OF_BODY]}
# 村支书, 老支书, 支书 as the reports write them (shorthands.py), longest first: 支部 is cut off
# the body's name like 党支部 (_SUFFIXES).
_SHORT_POSTS = tuple(
    (short, SHORTHANDS[short][0])
    for short in sorted(SHORTHANDS, key=len, reverse=True)
    if short not in _SAME_POST
)
_PRONOUN_AFTER = re.compile(r"[,，]?[他她]")
# A body described by what was done to it ("被…表扬的那个社区", "受市委组织部表扬的社区"), not named.
_DESCRIBED = re.compile(r"被|受|的那[个位]")
# A described body that opens with a name ("银河办事处天天去隔离户门口看的那个副主任"): the name is
# the body, and the description the reader's own words for what its holder does; a village too
# ("翟庄村跟李君川结对子的那个村书记").
_BODY_KINDS = ("办事处", "街道", "社区", "工作站", "村")
_NAMED_FIRST = re.compile(r"^[\u4e00-\u9fff]{2,4}(" + "|".join(_BODY_KINDS) + ")")
# Or one whose name, a place's first, follows the description ("去卡口慰问的那个经开区工会主席"):
# that name is the body; not a kind alone (…表扬的那个社区书记), which the description picks out.
_NAMED_AFTER = re.compile(r"的那[个位]([\u4e00-\u9fff]{2,4}(?:区|市|县|村|镇|乡|办事处|街道|社区)[^的]*)$")


@dataclass(frozen=True)
class HolderAsked:
    """A question asking who holds a post: its title (主任), whether the deputy is asked, and
    the name of the body (明港) or the description (被…表扬的那个) the question gives it."""

    title: str
    deputy: bool
    body: str
    described: bool  # the body is a clause ("…表扬的那个"), not a name


def holder_asked(question: str) -> HolderAsked | None:
    """What `question` asks, when it asks who holds a post ("明港办事处主任是谁"), else None."""
    # "那个…明湖受…表扬的社区书记是谁来着": 那个 is no word of the body's description.
    question = plain_question(question)
    # 村支书 is what the reports call 村党支部书记: its title is 书记.
    for short, post in _SHORT_POSTS:
        question = question.replace(short, post)
    shape = question_shape(question)
    if shape.kind is not AnswerKind.PERSON:
        return None
    before = PUNCTUATION.sub("", shape.before)
    post = post_asked(before)
    title = next((t for t in sorted(POST_TITLES, key=len, reverse=True) if post.endswith(t)), "")
    if title == "长":  # 站长, 组长: the title is the post's last two characters
        title = post[-2:] if len(post) >= 2 else ""
    if not title:
        return None
    qualifier = before[: before.rfind(title)]
    deputy = qualifier.endswith((DEPUTY, DEPUTY_TYPED))
    described = _DESCRIBED.search(qualifier) is not None
    named = _NAMED_FIRST.match(qualifier) if described else None
    # Unless the description ends in a body of another kind (明湖办事处受…表扬的社区书记): the name
    # is where that body is, and the description picks it out.
    within = named is not None and qualifier.endswith(tuple(k for k in _BODY_KINDS if k != named.group(1)))
    if named is not None and within:
        qualifier = qualifier[named.end() :]
    elif named is not None:
        qualifier, described = named.group(), False
    elif described and (after := _NAMED_AFTER.search(qualifier)):
        qualifier, described = after.group(1), False
    return HolderAsked(title, deputy, _body_name(qualifier.rstrip(DEPUTY + DEPUTY_TYPED)), described)


def holder_asked_as_spelled(question: str, respeller: Respeller) -> HolderAsked | None:
    """`holder_asked`, the body's name as the reports spell it: 前成办事处的主任 asks 前程's."""
    holder = holder_asked(question)
    if holder is not None and holder.body and not respeller.lexical.idf(holder.body):
        parts = respeller.parts(holder.body)
        if parts:
            # Function words go (的, 那个 of a description); a lone character stays: 纪 of 八千纪委,
            # which splits into 八千 + 纪 + 委 (_shortens reads 纪委 in 纪工委).
            kept = [part.word for part in parts if not part.glue or part.word not in FUNCTION_WORDS]
            holder = replace(holder, body="".join(kept))
    return holder


def names_holder_of(asked: HolderAsked, passages: Iterable[tuple[str, str]]) -> bool:
    """Whether one of `passages` (page headline, passage text) names the holder `asked` of."""
    titles = _SAME_POST.get(asked.title, (asked.title,))
    for headline, text in passages:
        page = f"{headline}\n{text}"
        sentences = split_sentences(text)
        if any(_holder_in(sentence, title, asked, page) for title in titles for sentence in sentences):
            return True
        # A post said without a name beside it (此次支援队伍的负责人, 导师帮带制), on a page of the
        # body asked: any post's holder in that passage, a deputy too.
        grams = _pairs(asked.body)
        if (
            len(asked.title) > 1
            and asked.title not in ("书记", "主任")
            and any(_unnamed(sentence, title) for title in titles for sentence in sentences)
            and (not grams or any(gram in page for gram in grams))
        ):
            anyone = HolderAsked("", True, "", False)
            if any(
                _holder_in(sentence, title, anyone, page) for title in NAMED_POSTS for sentence in sentences
            ):
                return True
    return False


# Passages holder_first looks through: the first page of results, whatever page is asked for, so
# that `eval` (top 10) and a reply (top 5) rank and turn away alike.
HOLDER_FIRST_DEPTH = 5


def holder_first(rows: list[int], chunks: Mapping[int, Chunk], asked: HolderAsked, depth: int) -> list[int]:
    """`rows` with the first of the best `depth` whose passage names the holder `asked` of moved to
    the front: "经开区总工会主席是谁" found the 总工会's page, which names none, before the one
    saying 工会主席王宏伟."""
    return first_that(rows, chunks, depth, lambda chunk: names_holder_of(asked, [(chunk.title, chunk.text)]))


def _holder_in(sentence: str, title: str, asked: HolderAsked, page: str) -> bool:
    grams = _pairs(asked.body)
    at = sentence.find(title)
    while at >= 0:
        head = sentence[:at]
        deputy = head.endswith(DEPUTY) and not asked.deputy
        said = sentence[at : at + len(title) + 1]  # 社长是藤岛茱莉景子, 现任校长为阮爱馨女士
        named = (
            names_holder(title, sentence[at:])
            or (said.endswith(_COPULAS) and names_holder(said, sentence[at:]))
            or _PRONOUN_AFTER.match(sentence, at + len(title)) is not None
        )
        if (
            named
            and not deputy
            and _of_body(_run_before(sentence, at), sentence, page, grams, asked.described)
        ):
            return True
        at = sentence.find(title, at + 1)
    return False


def _unnamed(sentence: str, title: str) -> bool:
    """Whether `sentence` says `title` somewhere with no name right after it (队伍的负责人。)."""
    at = sentence.find(title)
    while at >= 0:
        if not names_holder(title, sentence[at:]):
            return True
        at = sentence.find(title, at + 1)
    return False


def _run_before(sentence: str, at: int) -> str:
    """The words before `at` back to a comma or other break: what qualifies the post there."""
    breaks = list(_CLAUSE_BREAK.finditer(sentence, 0, at))
    return sentence[breaks[-1].end() : at] if breaks else sentence[:at]


def _of_body(run: str, sentence: str, page: str, grams: list[str], described: bool) -> bool:
    if not grams:
        return True
    if described:  # a clause describes the body: the sentence must say most of it
        return 2 * sum(gram in sentence for gram in grams) >= len(grams)
    if any(gram in run or _shortens(gram, run) for gram in grams):
        return True
    return run.removesuffix(DEPUTY) in _OWN_QUALIFIERS and any(gram in page for gram in grams)


def _body_name(qualifier: str) -> str:
    """The distinctive part of a body's name: 明港 of 明港办事处, 席庄 of 席庄村党支部."""
    cut = True
    while cut:
        cut = False
        for suffix in _SUFFIXES:
            if qualifier.endswith(suffix) and len(qualifier) > len(suffix):
                qualifier, cut = qualifier[: -len(suffix)], True
                break
    return qualifier


def _shortens(gram: str, run: str) -> bool:
    """Whether `gram` is a word of `run` shortened to its first and last characters, the way 纪委
    says 纪工委 and 党委 党工委 ("八千纪委书记叫啥名": 由纪工委书记王晓东带队)."""
    return len(gram) == 2 and re.search(re.escape(gram[0]) + "." + re.escape(gram[1]), run) is not None


def _pairs(name: str) -> list[str]:
    return [name[i : i + 2] for i in range(len(name) - 1)] or ([name] if name else [])
