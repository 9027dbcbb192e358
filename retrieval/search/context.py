"""Follow-up questions in a chat: whether a question leans on the earlier turns, and on what.

Asked after "山东援郑医疗队是由哪几支队伍组成的？", "他们每天从几点干到几点？" means the medical
team, while "翟庄村党支部书记叫什么？" means only 翟庄村. A question leans on the chat when it
points back (他们, 这些, a leading 那, 那…呢) or names nothing a report could be about (no place,
office or person); then the subject of the latest turn that had one goes before it. A question
that names its own subject is searched exactly as it stands, whatever came before, so an
unrelated earlier turn cannot change its answer.

Only the subject is carried over, not the whole earlier question: its other words ("队伍",
"组成") would pull the search back to the passage that answered the earlier turn. But a
follow-up that names no thing of its own ("一天能采多少人？") asks on about the thing the turn
before asked of, which goes along (流动核酸检测车), as does a thing it names by its head (这些专班).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from retrieval.search.chat_phrases import (
    CREDITS,
    THEN,
    as_own_question,
    asked_alone,
    cut_person_name,
    describes,
    is_common_noun,
    is_place,
    leading_date,
    names_by_head,
    noun_phrases,
    place_asked,
    swapped,
    up_to_last_noun,
    with_previous,
    without_that_one,
)
from retrieval.search.chat_turn import Resolved
from retrieval.search.query import ends_with_ne, plain_question
from retrieval.text.tokenize import NAME_FLAGS, NAME_SUFFIXES, STOPWORDS, Tokenizer

# Words that point back at something said before; checked as whole jieba words, so 其中 or
# 应该 do not count.
POINTING_BACK = frozenset(
    "他 她 它 他们 她们 它们 这些 那些 该 其 此 上述 这个 这支 这里 那里 那边 这边 两者 对方".split()
)
_PLACE_WORDS = frozenset("这里 那里 那边 这边".split())  # of those, what after a name says where (明港那边)
PERSON_PRONOUNS = frozenset("他 她".split())  # the person the turn before asked about (describes)
_GIVEN_TO = re.compile("[给为对替帮][他她]们")
_THEY = "他们"
_COUNTS = re.compile("多少|几")
_COUNT_AGAIN = frozenset("多少 几 几个 有 是 一共 总共".split())  # 那党员(一共)有多少
# A subject is a run of nouns, numerals and names from the start of the question.
SUBJECT_FLAGS = ("n", "j", "m", "q", "vn", "b", "x", "vg", "zg")
MAX_SUBJECT_CHARS = 20
# What may follow a leading name in a subject: nouns and names (党政办/nt, 支部书记/n), not 第四轮/m.
_NAME_RUN_FLAGS = ("n", "j")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# Where jieba glues a leading 那 to the next character, it still goes on ("那村党组织呢": 那村
# + 党组织), unless the two make a word of their own (那个, 那些, 那里 …).
_THEN_GLUED = tuple(f"那{c}" for c in "村镇县区市家所队站点条次")
# A name right at the start that jieba cut apart or tagged as a common noun (管 城区, 金水区/n).
# Its head holds no function character: "这么弄对小区居民…" does not open with a name.
_LEADING_NAME = re.compile(
    r"^((?:(?![这那么对的在给和与是了有也都就把被从向为以于之其不没哪啥谁几怎咋什他她它我你咱俺])[\u4e00-\u9fff]){1,4}?)(?:"
    + "|".join(map(re.escape, NAME_SUFFIXES))
    + ")"
)
_SORTING_TAG = "b"  # jieba's tag of a word that sorts things into kinds: 临时, 专职
# Question words a kind follows (啥东西, 哪些卡口).
_ASKING_KIND = frozenset("啥 什么 哪些 哪个 哪几个 哪家 哪位".split())
_LATIN_NAME = re.compile(r"^[A-Za-z]{2,}[\u4e00-\u9fff]{2,}")  # IT产业园那个退役军人…: IT/eng 产业园/n
# A corpus name opening a question whatever jieba makes of it (登封/v, 经/p 开/v): its longest.
MAX_NAME_CHARS = 8


class ContextResolver:
    """Decides, per question, whether it leans on the earlier questions of its chat."""

    def __init__(self, tokenizer: Tokenizer, names: frozenset[str] = frozenset()):
        self.tokenizer = tokenizer
        self.names = frozenset(tokenizer.user_words) | names

    def resolve(self, question: str, context: Sequence[str] = ()) -> Resolved:
        """`question` as searched after `context` (the chat's earlier questions, oldest first),
        each as typed: the query is the plain question (query.plain_question)."""
        if not context:  # a first question: nothing to lean on, and no tagging to pay for
            return Resolved(plain_question(question), "")
        earlier = Resolved("", "")
        for turn in [*context, question]:
            turn = as_own_question(turn, self._whole_name)  # 那登封呢,几个部门: 登封几个部门
            earlier = self._resolve_one(plain_question(turn), earlier, ends_with_ne(turn))
        return earlier

    def _resolve_one(self, question: str, earlier: Resolved, asks_again: bool = False) -> Resolved:
        """`asks_again`: the question ended in 呢, which may ask the last question again of
        the name before it (南阳的呢) as a leading 那 does (那中牟县呢)."""
        if date := leading_date(question):  # "截至4月27日,八千办事处…": the subject follows the date
            return self._resolve_one(question[len(date) :], earlier, asks_again).after_date(date)
        tagged = [(word, flag) for word, flag in self.tokenizer.tagged(question) if word.strip()]
        if tagged and tagged[0][0] not in THEN and question.startswith(_THEN_GLUED):
            # jieba reads "那村党组织呢" as 那村 + 党组织: the 那 goes on from the turn before.
            rest = [(word, flag) for word, flag in self.tokenizer.tagged(question[1:]) if word.strip()]
            tagged = [("那", "r"), *rest]
        words = [word for word, _ in tagged]
        own = self._subject(question, tagged)
        predicate = self._predicate(question, tagged) if own else question
        other = self._whole_name(asked_alone(question, asks_again)) or _other_one(tagged, asks_again, earlier.predicate)
        if other and earlier.predicate and self._names_a_subject(other):
            # "那中牟县呢？" after "荣阳市成立了多少个临时党支部？": the same question of another subject,
            # a name jieba tags as none among them (那登封呢: 登封/v).
            return Resolved(f"{other}{earlier.predicate}", earlier.predicate, other, earlier.predicate, True)
        carried = earlier.own_subject
        asked_of_other = swapped(earlier.predicate, other, self._is_dictionary_word) if other and carried else ""
        if asked_of_other:
            # "那护目镜呢？" after "明湖办事处发了多少口罩？": the same question of another thing of the
            # same subject, which takes the place of the thing counted (发了多少护目镜).
            return Resolved(f"{carried} {asked_of_other}", carried, carried, asked_of_other, True)
        points_back = self._points_back(tagged) or bool(words) and words[0] in THEN
        phrases = noun_phrases(tagged)
        things = noun_phrases(tagged, ending_in_noun=True)
        if carried and (points_back or not self._names_something(question, tagged)):
            # "这些专班…" after "…成立了多少个敲门行动工作专班？": the thing it names by its head goes too.
            # And "他当时面临啥难处" after "…那个信息采集员是谁": 他 is the one the turn before described.
            # Not 他们, which most often is the subject itself (山东援郑医疗队…, 他们每天从几点干到几点).
            person = any(word in PERSON_PRONOUNS for word in words)
            topic = [p for p in earlier.phrases if p not in carried and names_by_head(p, words)]
            described = [p for p in earlier.phrases if person and describes(p, carried)]
            topic += [p for p in described[-1:] if p not in topic]  # the last: who was asked about
            # 他们 after 给 / 为 / 对 is whom something was done for, not who did it: the people the
            # turn before asked about ("办事处给他们定了啥机制" after "蒋冲村有几个居家隔离的").
            if not topic and _GIVEN_TO.search(question):
                topic = [p for p in earlier.phrases if p not in carried and carried not in p][-1:]
            # 他们 after a place (荥阳, 中牟县) is no place but the people the turn before counted
            # there: 核酸检测专班 of "荥阳的核酸检测专班抽了多少人", then "他们负责啥工作". Counted:
            # after "席庄村对居家隔离的人咋管的", 他们家孩子 are the village's people all the same.
            if not topic and _THEY in words and is_place(carried, self.tokenizer.dictionary_tag) and _COUNTS.search(earlier.predicate):
                topic = [
                    people
                    for p in earlier.phrases
                    if p not in carried and carried not in p and (people := up_to_last_noun(self.tokenizer.tagged(p)))
                ][:1]
            # A run of verbs alone (发出来 of "几号发出来的") names no thing of its own.
            if not topic and not noun_phrases(tagged, holding_noun=True) and not person:
                # "一天能采多少人？" after "明港办事处的流动核酸检测车都去哪儿采样？" names no thing of
                # its own: it goes on about the thing the turn before asked of (流动核酸检测车).
                topic = [p for p in earlier.things if p not in carried and carried not in p][:1]
            # "那里是咋值守的" after "席庄村的紧急通行路口留了几个": 那里 is the place the turn before
            # asked of (通行路口), a place word jieba tags apart from nouns (路口/s).
            if not topic and any(word in _PLACE_WORDS for word in words):
                place = place_asked(self.tokenizer.tagged(earlier.predicate))
                topic = [place] if place and place not in carried else []
            taken = " ".join([carried, *topic])
            return Resolved(f"{taken} {question}", taken, carried, predicate, phrases=phrases, things=things)
        return Resolved(question, "", own or carried, predicate, phrases=phrases, things=things)

    def _points_back(self, tagged: list[tuple[str, str]]) -> bool:
        """Whether a word of the turn points back at something said before; not a place word after
        a name, which is that name's: 明港那边 of "明港那边豫康新城…来了几个医护" asks of 明港."""
        return any(
            word in POINTING_BACK and not (word in _PLACE_WORDS and self._is_name(*before))
            for (word, _), before in with_previous(tagged)
        )

    def _whole_name(self, text: str) -> str:
        """`text` when it is one name and nothing more (荥阳/ns; 登封/v and 经开区 as corpus names)."""
        named = text in self.names or any(text.removesuffix(end) in self.names for end in NAME_SUFFIXES)
        return text if named or [self._is_name(*pair) for pair in self.tokenizer.tagged(text)] == [True] else ""

    def _is_dictionary_word(self, word: str) -> bool:
        return self.tokenizer.dictionary_tag(word) is not None

    def _names_a_subject(self, other: str) -> bool:
        """Whether "那…呢" swaps the subject (那中牟县呢, 那南阳的呢), not a thing of the same one:
        a kind of organisation jieba tags as one (村党组织, 党组织/nt) is such a thing."""
        if self._leading_name(other):
            return True
        tagged = self.tokenizer.tagged(other)
        return any(
            word in self.names or (flag != "nt" and self._is_name(word, flag)) for word, flag in tagged
        )

    def _names_something(self, question: str, tagged: list[tuple[str, str]]) -> bool:
        if self._leading_name(question) or _LATIN_NAME.match(question):
            return True
        # The kind a question word asks for names nothing: jieba tags 东西 of "给带了啥东西" and
        # 卡口 of "去了哪些卡口" as places, and the follow-up lost the subject it leaned on.
        return any(
            self._is_name(word, flag)
            for (word, flag), (before, _) in with_previous(tagged)
            if before not in _ASKING_KIND
        )

    def _subject(self, question: str, tagged: list[tuple[str, str]]) -> str:
        """The leading run of nouns, when it holds a name: "山东援郑医疗队", "蒋冲村党支部书记"; else
        a leading name jieba cut apart, with the names right after it: "经开区党政办" of
        "经开区党政办成立了…" (经/p 开区/ns), "前期办事处" of "前期办事处第四轮…" (前期/f)."""
        subject = "".join(_noun_run(tagged))[:MAX_SUBJECT_CHARS]
        if subject and self._names_something(subject, self.tokenizer.tagged(subject)):
            return subject
        if subject and (person := cut_person_name(tagged)):  # 毛/nr 书学/n
            return person
        leading = self._leading_name(question)
        if not leading:
            return self._later_subject(tagged)
        after = self.tokenizer.tagged(question[len(leading) :])
        # A corpus name jieba was given untagged (前程办事处/x of 经开区前程办事处) is one too.
        names = itertools.takewhile(
            lambda pair: (pair[1].startswith(_NAME_RUN_FLAGS) or pair[0] in self.names) and _CJK.search(pair[0]),
            after,
        )
        return (leading + "".join(word for word, _ in names))[:MAX_SUBJECT_CHARS]

    def _later_subject(self, tagged: list[tuple[str, str]]) -> str:
        """The first run of nouns holding a person's name after what the question opens with:
        社区工作者张明强 of "55岁的社区工作者张明强在核酸检测里干啥" (55岁 opens it)."""
        for start in range(1, len(tagged)):
            run = _noun_run(tagged[start:])
            if any(
                flag.startswith("nr") and len(word) > 1 for word, flag in tagged[start : start + len(run)]
            ):
                return "".join(run)[:MAX_SUBJECT_CHARS]
        return ""

    def _leading_name(self, question: str) -> str:
        """The name a question opens with: one made with a name suffix (管 城区 → 管城区), or a
        corpus name jieba cut or tagged as no name (登封/v, 经/p 开/v); "" when none."""
        made = _LEADING_NAME.match(question)
        # The shortest such: 蒋冲村 of "蒋冲村党支部书记是谁", whose 党支部书记 is asked; not a
        # two-character common noun made the same way (社区 of "那社区书记、主任呢"; jieba's
        # dictionary tags 金水区 as a common noun too, but a one-character head is no name).
        common = made is not None and (
            len(made.group()) == 2
            and is_common_noun(self.tokenizer.dictionary_tag(made.group()))
            # 临时党支部: a kind of branch, its first word one that sorts things (临时/b), no name.
            or self.tokenizer.dictionary_tag(made.group(1)) == _SORTING_TAG
        )
        if made and not common:
            return made.group()
        return next(
            (question[:size] for size in range(MAX_NAME_CHARS, 1, -1) if question[:size] in self.names), ""
        )

    def _predicate(self, question: str, tagged: list[tuple[str, str]]) -> str:
        """The question without the name of its subject: "党支部书记是谁？" of "蒋冲村党支部书记是谁？"."""
        leading = self._leading_name(question)
        if leading:
            return question[len(leading) :]
        run = len(_noun_run(tagged))
        kept = [word for i, (word, _) in enumerate(tagged) if i >= run or not self._is_name(*tagged[i])]
        return "".join(kept)

    def _is_name(self, word: str, flag: str) -> bool:
        return word in self.names or (flag.startswith(NAME_FLAGS) and len(word) >= 2 and bool(_CJK.search(word)))


def _noun_run(tagged: list[tuple[str, str]]) -> list[str]:
    run: list[str] = []
    for word, flag in tagged:
        # A Latin word may be part of a name (IT产业园第十二工作站), not the whole of one.
        latin = flag == "eng" and word.isascii()
        # A question word ends it too: 多少/m and 一共/m are no part of "山东援郑医疗队一共多少人"'s subject.
        subject_word = latin or flag.startswith(SUBJECT_FLAGS) and bool(_CJK.search(word))
        if word in POINTING_BACK or word in STOPWORDS or not subject_word:
            break
        run.append(word)
    return run if any(_CJK.search(word) for word in run) else []


def _other_one(tagged: list[tuple[str, str]], asks_again: bool = False, earlier: str = "") -> str:
    """ "中牟县" of "那中牟县？" (its 呢 already gone): a leading 那 and nothing but a noun
    phrase after it, so the question is the earlier one asked of something else; without the
    那 when it ended in 呢 (`asks_again`), a trailing 的 left out: "南阳的呢". After an `earlier`
    count, "那党员有多少" asks it of 党员, unless the earlier question named them (去核酸点帮忙)."""
    words = [(word, flag) for word, flag in tagged if _CJK.search(word)]
    if words and words[0][0] in THEN:
        words = words[1:]
    elif not asks_again:
        return ""
    words = without_that_one(words)  # 山东那支呢: 山东
    if words and words[-1][0] == "的":
        words = words[:-1]
    # "那党员有多少呢" asks an earlier count again, of 党员, as "那党员呢" does: not of what it named.
    kept = [pair for pair in words if pair[0] not in _COUNT_AGAIN]
    again = "".join(word for word, _ in words[len(kept) :]) if words[: len(kept)] == kept else ""
    if _COUNTS.search(again) and _COUNTS.search(earlier) and "".join(w for w, _ in kept) not in earlier:
        words = kept
    # "那南阳的医疗队呢": a name's 的 inside the phrase asked of (南阳/ns 的/uj 医疗队/n).
    words = [
        pair
        for i, pair in enumerate(words)
        if pair[0] != "的" or i == 0 or not words[i - 1][1].startswith(NAME_FLAGS)
    ]
    if [word for word, _ in words] in ([credit] for credit in CREDITS):  # 校对/v is one too
        return words[0][0]
    run = _noun_run(words)
    return "".join(run) if run and len(run) == len(words) else ""

