"""The sentence of an excerpt to mark as the answer (what a question asks: question_profile.py).

The marked sentence is the one that mentions most of the question (its IDF mass, then its
character pairs, which survive jieba cutting a name two ways) and, for a question asking for a
number or a date, holds one that the question does not. The short span that answers is found
in it by direct_answer.py.

String work on a few short sentences only, a share of a millisecond per hit: no model runs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from retrieval.search.figures_asked import (
    asked_spans,
    gives_as_asked,
    holds_a_figure,
    in_asked_unit,
    new_spans,
)
from retrieval.search.fusion import term_coverage
from retrieval.search.listed_kinds import lists_asked, lists_the_kind
from retrieval.search.means_said import with_means_said
from retrieval.search.question_profile import QuestionProfile
from retrieval.search.question_type import NAMED_POSTS, WHERE_SAID, AnswerKind, said_of_what_is_asked
from retrieval.search.rival_subjects import subject_pair, tells_of_a_rival
from retrieval.search.said_as_asked import gives_cause, gives_other_name, only_classifies, tells_name_origin
from retrieval.search.span_extents import names_holder
from retrieval.search.titles_asked import with_title_quoted
from retrieval.text.sentences import CLOSERS, split_sentences

# Sentence score = word coverage + PAIRS_WEIGHT * share of the question's character pairs
# + KIND_BONUS when a number/date question finds one the question lacks (cheap kinds only).
# Grid-searched on the CMRC 2018 trial set and tests/data/seeds_dev.jsonl (a plateau: 0.5-2.0
# for the pairs, 0.15-0.6 for the bonus, 0-0.2 for the headline all score within 0.005).
PAIRS_WEIGHT = 1.0
# + CHARS_WEIGHT * share of the question's single characters: an answer often says with one
# character what the question says with a word (颜色 → 体呈淡蓝红色, 妻子 → 为妻, 儿子 → 之子).
CHARS_WEIGHT = 0.75
KIND_BONUS = 0.3
# Of KIND_BONUS, for a figure counting as the question asks but in another unit: 500余名 for 多少人
# (answer_spans.in_unit), less than 178万余人次 for 登封查了多少人的核酸 (0.5 marked 2600余名党员 there).
OTHER_UNIT_SHARE = 0.25
ADJACENT_BONUS = 0.3  # when the thing a number question counts stands beside a figure
ATTRIBUTE_BONUS = 0.1  # when a clause opens with what the question asks about (asked_attribute)
ATTRIBUTE_SAID_BONUS = 0.2  # and more when a copula follows it: 花为聚繖花序…, not 花期为5-8月
_COPULAS = frozenset("为呈是有")
# A question asking why or whence (为什么, 由来, 怎么来的) is answered by a sentence giving a cause:
# "因花蕾的形状…，故而得名硬枝黄蝉" against the lead that merely lists the name. These and the
# two above took CMRC's marked-sentence share 0.901 -> 0.904 on the trial set (seeds unchanged).
CAUSE_BONUS = 0.3
NAME_ORIGIN_BONUS = 1.0  # said_as_asked.tells_name_origin: CMRC marked +2, seeds unchanged; 0.5: +1
# A question asking where a thing is (哪里, 在哪个位置) is answered by the sentence saying where
# it lies: "翟庄村地处张庄村东" against the lead that names 翟庄村 among others. CMRC trial unchanged.
WHERE_BONUS = 0.3
# Another name asked (别称, 别名, 原名): the sentence giving one (又名爪哇穿山甲) over one that only
# names the subject, however much more of the question it holds (said_as_asked.gives_other_name).
NAME_SAID_BONUS = 0.3
# A name right after the post a 谁 question asks the holder of (span_extents.names_holder): it
# outweighs the subject's full name in the lead ("IT产业园社区服务中心第十二工作站有一群人…");
# 1.0 did not (docs/ANSWERS.md, stop 25).
HOLDER_BONUS = 2.0
# Which ones (哪几个公寓, 哪些村) are answered by a list of them: "第十二工作站负责鑫荣公寓、港城公寓…"
# against the lead naming the station in full ("IT产业园社区服务中心第十二工作站有一群人…").
LIST_BONUS = 0.5
# Who did something, asked with no post (翟庄村导师帮带是谁带谁): a sentence naming someone after
# their post (副主任李君川与…党支部书记翟西才“结对”) names people; one with no name does not.
NAMED_BONUS = 0.5
# Where the article's own subject is: its opening sentence (_scored_sentences). On the CMRC trial
# set: marked 0.904 -> 0.907 (places 0.91 -> 0.94); for other kinds it lowered the share, but
# not for what the subject is (_WHO_ONE_IS: its profession, nationality; docs/ANSWERS.md).
LEAD_BONUS = 0.2
DATELINES = ("本报讯", "本报记者", "新华社")  # how a report's first sentence opens
DATELINE_PENALTY = 0.6
RIVAL_PENALTY = 1.0  # a sentence telling of another subject of the same kind (rival_subjects.py)
_WHO_ONE_IS = re.compile(r"职业|身份|国籍|籍贯|是做什么的|是干什么的|是干啥的")
_HOW = frozenset({"怎么", "咋", "如何", "怎样"})  # question words asking how (pick_sentence)
_WHICH_ONES = frozenset({"哪几", "哪些"})  # asking the members of a whole: 由哪几支队伍组成
# A number asked per day, or a date asked of an end, is told by a sentence that gives one and says
# so (每日日采样约48000人, not the team's 80人, though it names its subject only as 他们; question_type.
# said_of_what_is_asked). A figure not said so earns no KIND_BONUS (stop 39: seeds marked +9).
SAID_ASKED_BONUS = 1.0
# A sentence that asks is no answer, however much of the question it repeats: a report's
# subheading "下错高速口怎么办?" against "明港怎么处理那些下错高速口滞留的司机".
QUESTION_PENALTY = 1.0
# A sentence classifying what a description question asks about (said_as_asked.only_classifies):
# CMRC marked +1, seeds unchanged (1.0: the same).
CLASSIFYING_PENALTY = 0.5
# A date the question names (2014年，吕志兴有哪些活动) anchors it: the sentence giving that date
# tells what happened then. Share of the question's dates a sentence gives, times this: CMRC
# marked +3, seeds unchanged; 1.0: one more, two lost (五月 of 五月艾 reads as a month).
DATE_WEIGHT = 0.5
# A number or date question whose best sentence holds no figure (it names the subject: "IT产业园…
# 第十二工作站有一群人逆流而上") marks one of the next sentences giving one as asked, within this
# margin: they tell of the subject just named ("第十二工作站负责…近2万名企业员工"). Seeds +3, CMRC
# unchanged; any later sentence: three wrong direct answers (another subject's 80人); margin 1.0:
# CMRC -3. A count in a unit (多少人) needs no margin: "我们这个队伍…人数一共是100人" after the
# sentence naming 山东省援郑医疗队 (stop 31: seeds +12, none lost, CMRC unchanged).
FIGURE_MARGIN = 0.5
FIGURE_FOLLOWING = 2
TITLE_WEIGHT = 0.2  # of a question word the headline has
_CHEAP_KINDS = (AnswerKind.NUMBER, AnswerKind.DATE)
_CLAUSE_SPLIT = re.compile("[，,。！？!?；;：:]")


def within_article(
    profile: QuestionProfile, title: str
) -> tuple[dict[str, float], frozenset[str], frozenset[str]]:
    """The question's words, pairs and characters reweighed for choosing among one article's sentences: its
    subject (the headline's words) is everywhere in it, or in its first sentence only, and tells
    no sentence apart; 体重 in "尤金袋鼠的体重是多少" does."""
    if not title:
        return profile.words, profile.pairs, profile.chars
    folded = title.lower()  # the words are lower-cased: "storm" is a word of "J Storm"
    words = {
        word: weight * (TITLE_WEIGHT if word in folded else 1.0) for word, weight in profile.words.items()
    }
    pairs = frozenset(pair for pair in profile.pairs if pair not in title)
    return words, pairs, frozenset(char for char in profile.chars if char not in title)


def sentence_score(
    profile: QuestionProfile,
    sentence: str,
    words: dict[str, float],
    pairs: frozenset[str],
    chars: frozenset[str] = frozenset(),
) -> float:
    score = term_coverage(words, sentence)
    if pairs:
        score += PAIRS_WEIGHT * sum(pair in sentence for pair in pairs) / len(pairs)
    if chars:
        score += CHARS_WEIGHT * sum(char in sentence for char in chars) / len(chars)
    if profile.attribute_heads:
        score += _attribute_score(profile.attribute_heads, sentence)
    if profile.asks_cause and gives_cause(sentence, profile.asks_purpose):
        score += CAUSE_BONUS
    if tells_name_origin(profile.text, sentence):
        score += NAME_ORIGIN_BONUS
    if lists_the_kind(profile.shape, sentence):
        score += LIST_BONUS
    if profile.asks_where and any(said in sentence for said in WHERE_SAID):
        score += WHERE_BONUS
    if not profile.asks_cause and gives_other_name(profile.text, sentence):
        score += NAME_SAID_BONUS
    if profile.post and names_holder(profile.post, sentence):
        score += HOLDER_BONUS  # "第十二工作站站长潘鹏…" answers 站长叫啥; "…工作站有一群人" does not
    elif profile.shape.kind is AnswerKind.PERSON and any(names_holder(post, sentence) for post in NAMED_POSTS):
        score += NAMED_BONUS
    if profile.dates:
        score += DATE_WEIGHT * sum(date in sentence for date in profile.dates) / len(profile.dates)
    if _asks(sentence):
        score -= QUESTION_PENALTY
    if only_classifies(profile.text, sentence):
        score -= CLASSIFYING_PENALTY
    kind = profile.shape.kind
    if kind in _CHEAP_KINDS:
        spans = in_asked_unit(profile, new_spans(profile, asked_spans(profile, kind, sentence)))
        bonus = KIND_BONUS
        # 多少人 wants a count in 人 (178万余人次), or at least of heads (500余名)
        if profile.unit and not any(profile.unit in span.text for span in spans):
            bonus *= OTHER_UNIT_SHARE
        said = said_of_what_is_asked(profile.shape, profile.text, sentence) if spans else None
        score += bonus if spans and said is not False else 0.0
        if said:
            score += SAID_ASKED_BONUS
        # "服务了多少群众" against "13000余名群众": the thing counted stands beside the figure.
        beside = profile.counted
        if any(
            sentence.startswith(beside, span.end) or sentence.endswith(beside, 0, span.start)
            for span in spans
        ):
            score += ADJACENT_BONUS
    return score


def _attribute_score(heads: tuple[str, ...], sentence: str) -> float:
    """ATTRIBUTE_BONUS when a clause of `sentence` opens with what the question asks about, and
    ATTRIBUTE_SAID_BONUS more when the head is followed by a copula (花为…, 体呈…), which tells
    the description from another word it starts (花期为…)."""
    clauses = [clause.lstrip() for clause in _CLAUSE_SPLIT.split(sentence)]
    opening = [(clause, head) for clause in clauses for head in heads if clause.startswith(head)]
    if not opening:
        return 0.0
    said = any(clause[len(head) : len(head) + 1] in _COPULAS for clause, head in opening)
    return ATTRIBUTE_BONUS + (ATTRIBUTE_SAID_BONUS if said else 0.0)


def pick_sentence(profile: QuestionProfile, excerpt: str, title: str = "") -> str:
    """The excerpt's sentence most likely to answer (the first of equals).

    The model's question-sentence similarity was tried as one more term and left out: encoding
    the first excerpt's sentences costs about ten searches (76 ms p50 against 7 ms for the
    question) and moved CMRC's marked-sentence share down, not up (docs/ANSWERS.md)."""
    if profile.names and (profile.shape.word in _HOW or profile.asks_cause):
        # How or why something was done of a place (荣阳是咋让送检变快的): the sentence naming the
        # place only sets the scene; its name weighs as the headline's do. Not for a number, a
        # person or 哪几个村, whose answer names the place as often as not (祥云办事处席庄、后魏).
        title = " ".join([title, *profile.names])
    scored = _scored_sentences(profile, excerpt, title)
    means = with_means_said(profile.shape, scored, profile.shape.word in _HOW)  # 咋宣传的 (means_said.py)
    scored = with_title_quoted(profile.text, means)  # 那个公开信叫什么: the title quoted (titles_asked.py)
    # Of equals, the one naming most places asked of (河南省儿童医院 carried over), then the first.
    best = max(scored, key=lambda pair: (pair[0], sum(name in pair[1] for name in profile.names)))
    at = scored.index(best)
    following = scored[at + 1 : at + 1 + FIGURE_FOLLOWING]
    if _asks(best[1]) and following:
        # A report's subheading asking what the reader asks ("下错高速口怎么办?") is answered by
        # what follows it (stop 31: seeds marked +3, CMRC unchanged; QUESTION_PENALTY alone left
        # it first where the question repeats its words).
        return max(following, key=lambda pair: pair[0])[1]
    cheap = profile.shape.kind in _CHEAP_KINDS
    holds = cheap and holds_a_figure(profile, best[1])
    # A count asked in a unit (多少年党龄) is not given by a figure in another (2200人), though the
    # next sentence giving one must then score within the margin; 几个 asks in no such unit. (Only
    # a number question has a unit.)
    given = gives_as_asked(profile, best[1]) if profile.unit not in ("", "个") else holds
    if cheap and not given:
        grained = profile.shape.kind is AnswerKind.DATE and bool(profile.grain)
        further = scored[at + 1 :] if grained else following
        giving = [pair for pair in further if gives_as_asked(profile, pair[1])]
        figure = max(giving, key=lambda pair: pair[0], default=None)
        unit = bool(profile.unit) and not holds
        if figure is not None and (unit or grained or figure[0] >= best[0] - FIGURE_MARGIN):
            return figure[1]
    if lists_asked(profile.shape) and not lists_the_kind(profile.shape, best[1]):
        # Which ones, after the sentence naming the subject in full: the list in one of the next
        # ("IT产业园社区服务中心第十二工作站有一群人…", then "第十二工作站负责鑫荣公寓、港城公寓…").
        lists = [pair for pair in following if lists_the_kind(profile.shape, pair[1])]
        listing = max(lists, key=lambda pair: pair[0], default=None)
        if listing is not None and listing[0] >= best[0] - FIGURE_MARGIN:
            return listing[1]
    return best[1]


def _asks(sentence: str) -> bool:
    """Whether `sentence` is a question (a report's subheading: "下错高速口怎么办?")."""
    return sentence.rstrip(CLOSERS + " ").endswith(("？", "?"))


def _scored_sentences(profile: QuestionProfile, text: str, title: str) -> list[tuple[float, str]]:
    sentences = [s.strip() for s in split_sentences(text, for_reader=True) if s.strip()] or [text.strip()]
    words, pairs, chars = within_article(profile, title)
    # "阵内智则是哪个国家的著名演员" asks where the article's own subject is or is from, which its
    # opening sentence, the one that starts with its name, says ("阵内智则（…），日本喜剧演员");
    # the headline's words weigh little within the article, so that sentence needs this to win.
    # So does "牛佬的职业是什么": who or what the subject is stands in the opening sentence too
    # ("牛佬，香港漫画家"), however little else of the question it holds.
    about_subject = profile.shape.kind is AnswerKind.PLACE or _WHO_ONE_IS.search(profile.text)
    lead = LEAD_BONUS if title and about_subject and profile.shape.before.startswith(title) else 0.0
    # How or why something was done (咋隔开的, 为啥要去值守) and who did it (谁给他当帮带导师, 哪些人)
    # is told after a report's dateline sentence, which says who did what in sum (docs/ANSWERS.md,
    # Stops 26 and 28). Not where, nor a figure or a date: the dateline gives those first. How
    # asked with 咋 / 怎么 is read as a phrase question: it had no penalty until stop 30 (seeds
    # marked +4, one rank 2 → 1, CMRC unchanged: its pages have no datelines).
    how = profile.shape.kind is AnswerKind.PHRASE and profile.shape.word in _HOW | _WHICH_ONES
    dateline = DATELINE_PENALTY if profile.shape.kind in (AnswerKind.OTHER, AnswerKind.PERSON) or how else 0.0
    pair = subject_pair(profile.words, profile.text)
    return [
        (
            sentence_score(profile, sentence, words, pairs, chars)
            + (lead if sentence.startswith(title) else 0.0)
            - (dateline if sentence.startswith(DATELINES) else 0.0)
            - (RIVAL_PENALTY if pair and tells_of_a_rival(pair, sentence) else 0.0),
            sentence,
        )
        for sentence in sentences
    ]


def best_sentence_score(
    profile: QuestionProfile, text: str, title: str = "", names: Sequence[str] = ()
) -> float:
    """The score of the passage's best sentence: how well it answers, which tells two passages
    of one article apart (rerank.best_passage_first). The places and offices the question
    `names` weigh as the headline's words do: the article names its subject in its lead and
    rarely again, so "荣阳市…26168人" outscored "…13名业务骨干,成立核酸检测专班" of the same
    article for "荣阳核酸检测专班有多少人" by the name alone."""
    return max(score for score, _ in _scored_sentences(profile, text, " ".join([title, *names])))
