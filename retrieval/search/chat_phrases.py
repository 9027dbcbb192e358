"""The phrases of a chat's turns: which runs of nouns a turn names (a later turn may name one by
its head, 专班 of 敲门行动工作专班), whom a turn described (他 of the next), and what "那X呢" asks
when X takes the place of what the turn before counted or credited (context.py)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

from retrieval.search.answer_spans import leading_unit
from retrieval.search.bylines import ROLES_ASKED
from retrieval.search.question_type import AnswerKind, question_shape
from retrieval.text.layout import STAFF_ROLES
from retrieval.text.tokenize import NAME_FLAGS, STOPWORDS

_CJK = re.compile(r"[\u4e00-\u9fff]")
# The words of a thing a follow-up may name by its head: 流动/vn 采样/v 车/zg, 工作/vn 专班/n.
_PHRASE_FLAGS = ("n", "vn", "v", "j", "zg")
_NOUN_FLAGS = ("n", "j", "zg")
# Verbs that ask, not describe: 叫 of "…那个老党员叫啥" ends the phrase 老党员, as 是 does.
_ASKING_VERBS = frozenset("是 叫 姓 为".split())
# A trailing 那 / 那支 / 这个 … after a name points at the like of what the turn before asked of:
# "山东那支呢" after "南阳市援郑医疗队有多少人" asks it of 山东's team.
_THAT_ONE = re.compile(r"[那这][个支家位名所座条]?$")
_TOTALS = frozenset("一共 总共 共计 合计".split())  # jieba tags 一共 an abbreviation (j): no noun
# A count before a measure word: 几 of 几辆车, 多少 of 多少台电脑, 每 of 每辆车, 6 of 6辆车.
_COUNT = re.compile(r"^(?:几|多少|每|[0-9]+|[一二两三四五六七八九十百千万]+)")
# Where on or in a thing, glued to its last character: jieba tags 车上 of 流动采样车上 a place (s).
_LOCATIVES = "上里内中"
_MEASURE_FLAG = "q"  # jieba's tag of a measure word (户, 名) cut off its count
_LOCATIVE_FLAG = "s"  # jieba's tag of a place word: 路口, 门口, 楼下
_PLACE_FLAG = "ns"  # and of a place's name
_PERSON_FLAG = "nr"  # and of a person's, or of a surname alone
_PLACE_SUFFIXES = ("市", "县", "区", "村", "镇", "乡")
# Who wrote a report or made its page, longest first: "那美编呢" after "…那一版的编辑是谁" asks
# the same of another credit.
CREDITS = tuple(sorted({*ROLES_ASKED, *STAFF_ROLES}, key=len, reverse=True))
# A leading 那 (not 那个, a filler) goes on from the turn before: "那防护服呢？", "那志愿者招了多少？".
THEN = ("那", "那么")
_THEN_AT_START = re.compile("^那么?")
# "那登封呢,几个部门", "那荥阳呢 组织了多少党员干部": a leading 那, what it swaps in, 呢, then
# what the turn asks of it.
_SWAPPED_THEN_ASKED = re.compile(r"^那么?([^，,？?。\s]{2,12}?)的?呢[，,\s]\s*(\S.*)$")
# A date opening a question as a clause of its own: "截至4月27日,八千办事处下沉了多少名机关干部".
_LEADING_DATE = re.compile(r"^(?:截至|截止到?|到)?(?:\d{4}年)?\d{1,2}月\d{1,2}日(?:前|以来|起)?[,，]")


def noun_phrases(
    tagged: list[tuple[str, str]], ending_in_noun: bool = False, holding_noun: bool = False
) -> tuple[str, ...]:
    """Runs of nouns of three characters or more: 敲门行动工作专班, 流动采样车. A count and its
    measure word end a run (流动采样车 of "流动采样车每辆配几个人", 每辆/n) and the noun after
    them starts one (车 of 几辆车). `ending_in_noun`: only the runs whose last word is a noun,
    the things asked about (流动核酸检测车, not 队伍组成 of "由哪几支队伍组成的"), or a counted
    run up to its last noun (流动采样车 of "每辆流动采样车配备了哪些人员"); `holding_noun`: only
    those with a noun at all (志愿者招 of "志愿者招了多少", not 发出来 of "几号发出来的"), and
    not a run a bare count opens and a verb ends: what is counted by a doer left unsaid (工人采 of
    "一天能给多少工人采"), where a run ending in its noun is the thing asked (招了多少志愿者)."""
    runs: list[tuple[str, bool, bool, bool, bool, str]] = []
    run, last_noun, counted_run, any_noun, counted_bare = "", False, False, False, False
    to_noun, measured = "", False  # the run up to its last noun, if a count opened it; else as it ends
    previous = ""
    for word, flag in tagged:
        if flag == _LOCATIVE_FLAG and run and len(word) == 2 and word[-1] in _LOCATIVES:
            word, flag = word[:-1], "n"  # 流动采样 + 车上: the run names 流动采样车
        counted = counted_noun(word)
        if counted is not None:
            runs.append((run, last_noun, counted_run, any_noun, counted_bare, to_noun))
            run, last_noun, counted_run, any_noun, counted_bare = counted, True, False, bool(counted), False
            to_noun, measured = counted, True
        elif flag.startswith(_PHRASE_FLAGS) and _CJK.search(word) and word not in (*_ASKING_VERBS, *_TOTALS):
            run, last_noun = run + word, flag.startswith(_NOUN_FLAGS) and flag != "vn"
            any_noun = any_noun or flag.startswith(_NOUN_FLAGS)
            if last_noun:
                to_noun = run
            elif not measured:  # a run no count opened is a thing only as it ends
                to_noun = ""
        else:
            runs.append((run, last_noun, counted_run, any_noun, counted_bare, to_noun))
            # 多少 + 户 + 居民, cut apart: what is counted may be a noun of two characters.
            run, last_noun, any_noun, to_noun, measured = "", False, False, "", False
            counted_run = flag == _MEASURE_FLAG and _COUNT.fullmatch(previous) is not None
            counted_bare = counted_run or _COUNT.fullmatch(word) is not None
        previous = word
    runs.append((run, last_noun, counted_run, any_noun, counted_bare, to_noun))
    return tuple(
        phrase
        for whole, noun, after_count, has_noun, counted_thing, to_noun in runs
        if len(phrase := to_noun if ending_in_noun else whole) >= (2 if after_count else 3)
        and (not holding_noun or has_noun and (noun or not counted_thing))
    )


def describes(phrase: str, carried: str) -> bool:
    """Whether a phrase of the turn before says who 他 is beyond the subject carried (信息采集 of
    "…那个信息采集员是谁", 帮带导师 of "翟庄村的帮带导师是谁"), not the subject again (书记 of
    "翟庄村党支部书记是谁", 开区工会主席 of "经开区工会主席…")."""
    return len(phrase) >= 2 and not any(phrase[i : i + 2] in carried for i in range(len(phrase) - 1))


def names_by_head(phrase: str, words: list[str]) -> bool:
    """Whether a word of the question is the head (last word) of `phrase`: 专班 of 敲门行动工作专班,
    车 of 几辆车 after 流动采样车."""
    for word in words:
        counted = counted_noun(word)
        # A lone character is a head only after a count and its measure word (车 of 几辆车).
        head = counted if counted is not None else (word if len(word) >= 2 else "")
        if _is_head_of(phrase, head):
            return True
    return False


def _is_head_of(phrase: str, head: str) -> bool:
    return bool(head) and head not in STOPWORDS and phrase != head and phrase.endswith(head)


def counted_noun(word: str) -> str | None:
    """The noun a count glued to its measure word names: 车 of 几辆车 (jieba's one word), 电脑 of
    多少台电脑, "" of 每辆; None when `word` does not start with a count and a measure word.
    After them even one character is a noun (车), where alone it may be anything (的, 有)."""
    count = _COUNT.match(word)
    unit = leading_unit(word[count.end() :]) if count else ""
    if not unit:
        return None
    noun = word[count.end() + len(unit) :]
    return noun if _CJK.search(noun) else ""


def swapped(predicate: str, other: str, is_word: Callable[[str], bool] = lambda _: False) -> str:
    """`predicate` asking of `other` what it asked of the thing it counts ("成立了多少个临时党支部",
    党员先锋岗 → "成立了多少个党员先锋岗"), or of the credit it asked for (编辑 → 美编); "" when
    it counts nothing: then 那X呢 only goes on about the subject with X (an earlier byline question
    is not asked of 护目镜). `is_word`: whether the dictionary has a word, for a unit that starts the
    word counted (村 of 村民: "有多少村民" asked of 外来人口 is "有多少外来人口", not 多少村外来人口)."""
    predicate = predicate.rstrip("？?。！!")
    credit = next((role for role in CREDITS if role in predicate), "")
    if credit and other in CREDITS:
        return predicate.replace(credit, other, 1)
    shape = question_shape(predicate)
    unit = leading_unit(shape.after)
    if unit and len(shape.after) > len(unit) and is_word(shape.after[: len(unit) + 1]):
        unit = ""
    counted = shape.after[len(unit) :]
    if shape.kind is AnswerKind.NUMBER and counted and predicate.endswith(counted):
        return predicate[: -len(counted)] + other
    return ""


def up_to_last_noun(tagged: list[tuple[str, str]]) -> str:
    """A phrase (`tagged`) up to its last noun: 核酸检测专班 of 核酸检测专班抽, 机关干部 of 机关干部下沉."""
    last = max((at for at, (_, flag) in enumerate(tagged) if flag.startswith("n") and flag != "vn"), default=-1)
    return "".join(word for word, _ in tagged[: last + 1])


def place_asked(tagged: list[tuple[str, str]]) -> str:
    """The first place word of a question (`tagged`: 路口/s) with the nouns right before it
    (通行路口), which its 那里 / 这里 / 那边 means in the next turn; "" for none."""
    for at, (word, flag) in enumerate(tagged):
        if flag == _LOCATIVE_FLAG and len(word) > 1:
            nouns = itertools.takewhile(lambda pair: pair[1].startswith(("n", "j")), reversed(tagged[:at]))
            return "".join(reversed([noun for noun, _ in nouns])) + word
    return ""


def is_place(subject: str, dictionary_tag: Callable[[str], str | None]) -> bool:
    """Whether `subject` is a place (荥阳/ns, 中牟县, 蒋冲村), not an office or a team: its people
    are whom a 他们 means."""
    return subject.endswith(_PLACE_SUFFIXES) or dictionary_tag(subject) == _PLACE_FLAG


def leading_date(question: str) -> str:
    """The date clause `question` opens with ("截至4月27日,"), which names no subject; "" if none."""
    found = _LEADING_DATE.match(question)
    return found.group() if found else ""


def asked_alone(question: str, asks_again: bool) -> str:
    """What a turn opening with 那, or ending in 呢 (`asks_again`), asks of, and nothing more:
    "登封" of "那登封？", "南阳" of "南阳的" (its 呢 gone); "" for any other turn."""
    if not (asks_again or question.startswith("那")):
        return ""
    return _THEN_AT_START.sub("", question).rstrip("的？? ")


def as_own_question(turn: str, is_name: Callable[[str], str]) -> str:
    """ "登封几个部门" of "那登封呢,几个部门": a turn that swaps in a name, then asks of it, asks a
    question of that name's own, not of the subject before; any other turn as it is."""
    found = _SWAPPED_THEN_ASKED.match(turn.strip())
    return found.group(1) + found.group(2) if found and is_name(found.group(1)) else turn


def with_previous(tagged: list[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[str, str]]]:
    """Each tagged word with the one before it (("", "") before the first)."""
    return list(zip(tagged, [("", ""), *tagged[:-1]], strict=False))


def without_that_one(words: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """`words` (tagged) without a trailing 那 / 那支 / 这个 after other words: 山东 of 山东那支."""
    text = "".join(word for word, _ in words)
    found = _THAT_ONE.search(text)
    if not found or found.start() == 0:
        return words
    kept, length = [], 0
    for word, flag in words:
        if length + len(word) > found.start():
            break
        kept.append((word, flag))
        length += len(word)
    return kept if length == found.start() else words


def is_common_noun(tag: str | None) -> bool:
    """Whether jieba's dictionary `tag` of a word is a noun's and no name's."""
    return tag is not None and not tag.startswith(NAME_FLAGS)


def cut_person_name(tagged: list[tuple[str, str]]) -> str:
    """A person's name a question opens with that jieba cut after its surname: 毛书学 of "毛书学是
    哪个村的支部书记" (毛/nr 书学/n), two or three characters; "" when it opens otherwise."""
    if len(tagged) < 2 or tagged[0][1] != _PERSON_FLAG or len(tagged[0][0]) != 1:
        return ""
    name = tagged[0][0] + tagged[1][0]
    return name if tagged[1][1].startswith(_NOUN_FLAGS) and len(name) <= 3 and _CJK.search(tagged[1][0]) else ""
