"""What kind of answer a question asks for, and where its question word stands.

Picking the answering sentence and the direct answer both depend on it: 多少 wants a number
with its unit, 哪一年 a date, 谁 a person. The question word's position splits the question
into the words before and after it, which an answer sentence usually repeats around the answer
("即算为什么" → "即算为踢爆"). Rules, not a model: the question words of Chinese are few, and a
rule is free at query time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class AnswerKind(StrEnum):
    NUMBER = "number"  # 多少, 几, 多大 …: a number with its unit
    DATE = "date"  # 何时, 哪一年, 几月 …: a date or time
    PERSON = "person"  # 谁, 哪位
    PLACE = "place"  # 哪里, 哪个 …: a place or organisation
    PHRASE = "phrase"  # 什么, 怎么 …: the words the sentence puts where the question word was
    OTHER = "other"  # 为什么, yes/no, or no question word: no short answer is looked for


# The titles of posts a person holds (POST below); 叫什么 after one asks that person's name.
POST_TITLES = tuple(
    "长 书记 主任 主席 委员 领队 负责人 经理 总监 总裁 主管 教练 导师 政委 司令 专员 一把手".split()
)
# The titles a name may follow on their own (主任王文昌); 长 alone ends many words.
NAMED_POSTS = tuple(title for title in POST_TITLES if len(title) > 1)
_TITLE_ENDS = "".join(sorted({title[-1] for title in POST_TITLES}))
# The first kind whose pattern matches wins, so the longer and more specific patterns come first:
# 哪一年 before 哪, 几月 before 几, 为什么 before 什么.
# Question words asking where (not which one of a kind, 哪个厂家), longest first for the pattern.
WHERE_QUESTION_WORDS = ("什么地方", "啥地方", "哪块儿", "哪里", "哪儿", "何处", "何地", "哪块")
_PATTERNS: tuple[tuple[AnswerKind, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        # "即算为什么" / "被称为什么" ask for a name: 为 belongs to the verb before it. 怎么办 asks
        # what was done about a thing, a course of action no short span gives (咋 is 怎么).
        (
            AnswerKind.OTHER,
            r"(?<![称算成作视认名改译定分列选评誉])为什么|为何|为啥|是否|是不是|有没有|能否|可否|"
            r"(?:怎么|咋|如何)(?:办|弄)",
        ),
        (
            AnswerKind.DATE,
            r"何时|什么时候|什么时间|啥时候?|几时|哪会儿|多会儿|哪一?天|哪一?年|哪个月|哪一?日|几月|几号|几日|几点|何年|"
            r"哪个(?:年代|朝代|世纪|时期|季节)|什么(?:年代|朝代|时期|日子)|哪些年|几几年",
        ),
        # "去了哪几个村" asks which villages, not how many: their names answer it.
        (AnswerKind.PHRASE, r"哪几"),
        (AnswerKind.NUMBER, r"多少|几|多大|多长|多高|多远|多久|多重|多深|多宽|多快|多厚|多老|多少钱"),
        # "工会主席叫啥来着": what a post is called is the name of who holds it (POST); so is
        # "帮带导师是哪个", where 哪个 ends the question. 哪个领导 asks a person, not a place.
        (
            AnswerKind.PERSON,
            r"谁|哪位|哪些人|哪个人|什么人|啥人|何人|哪一?个(?=领导|干部|同志|医生|护士|大夫|老师)|"
            rf"(?:(?<=[{_TITLE_ENDS}])|(?<=[{_TITLE_ENDS}]\s))叫(?:什么|啥)(?:名字)?|"  # 主任 叫啥, typed apart
            rf"(?<=[{_TITLE_ENDS}]是)哪一?个(?=[？?！!。\s]*$)",
        ),
        (
            AnswerKind.PLACE,
            "|".join(WHERE_QUESTION_WORDS) + r"|哪个|哪家|哪所|哪座|哪国|哪省|哪市|哪条|哪支|哪间|哪一个",
        ),
        (AnswerKind.PHRASE, r"什么|怎么|怎样|如何|啥|咋|何种|哪些|哪种|哪类|哪|何"),
    )
)
# A post a person holds, as the question ends its words before the question word: 站长, 党支部书记,
# 工会主席, 总领队. A report names its holder right after it ("站长潘鹏").
POST = re.compile(r"[^的之]{0,3}(?:" + "|".join(POST_TITLES) + ")$")
_EDGE_PUNCTUATION = "？?！!。，,、；;：: \t"
# A question with no question word may still end in the thing it asks for: "银河办事处 隔离人员
# 人数", "潘仕成逝世的时间是？". The noun stands where the question word would (its unit, 人 of
# 人数, is the unit asked in).
_ASKED_NOUN = re.compile(r"(人数|人次|次数|数量|数目|总数|日期|时间|年份)是?$")
_NOUN_KINDS = {"日期": AnswerKind.DATE, "时间": AnswerKind.DATE, "年份": AnswerKind.DATE}


@dataclass(frozen=True)
class QuestionShape:
    """A question's answer kind and the text either side of its question word."""

    kind: AnswerKind
    before: str  # the question up to its question word, e.g. "生命数耗完即算为"
    after: str  # the question after it, e.g. "分钟内不得进行配对"
    word: str = ""  # the question word itself, e.g. "多少"
    by_noun: bool = False  # no question word: the kind is the noun asked for's (人数, 日期)


# One search reads its question's shape in a score of places (the not-found guards, the figures
# asked, the marked sentence); the shape is frozen, so each question's is worked out once.
@lru_cache(maxsize=1024)
def question_shape(question: str) -> QuestionShape:
    """The kind of answer `question` asks for; OTHER when it has no question word."""
    for kind, pattern in _PATTERNS:
        match = pattern.search(question)
        if match:
            before = question[: match.start()].strip(_EDGE_PUNCTUATION)
            after = question[match.end() :].strip(_EDGE_PUNCTUATION)
            if not before and after.startswith("是"):  # 什么是乙酰胺 asks what 乙酰胺是
                before, after = after[1:] + "是", ""
            return QuestionShape(kind, before, after, match.group())
    plain = question.strip(_EDGE_PUNCTUATION)
    noun = _ASKED_NOUN.search(plain)
    if noun and noun.start() > 0:
        kind = _NOUN_KINDS.get(noun.group(1), AnswerKind.NUMBER)
        before = plain[: noun.start()].strip(_EDGE_PUNCTUATION)
        after = noun.group(1) if kind is AnswerKind.NUMBER else ""
        return QuestionShape(kind, before, after, noun.group(1), by_noun=True)
    return QuestionShape(AnswerKind.OTHER, plain, "")


def asked_attribute(shape: QuestionShape) -> str:
    """What of its subject the question asks about, when it says "X的Y" before its question word:
    花 of "软枝黄蝉的花有什么特点", 身体 of "黄鳍紫鱼的身体是什么颜色的"; "" otherwise. The answering
    sentence most often opens a clause with it (花为聚繖花序…, 体呈淡蓝红色)."""
    _, of, attribute = re.sub(r"[\s\W]", "", shape.before).rpartition("的")
    return attribute.rstrip("有是为") if of else ""


_CAUSE_ASKED = re.compile(
    r"为什么|为何|为啥|因何|原因|由来|怎么来的|怎样来的|得名|目的|怎么形成|如何形成|怎样形成"
)


def asks_cause(question: str) -> bool:
    """Whether `question` asks why or whence: 为什么, 名称的由来, 是怎么来的, 怎么形成的."""
    return bool(_CAUSE_ASKED.search(question))


# What a date that answers must be written with, by the question word: 哪一年 asks for a year
# (1873年, not 凌晨2点 of the same sentence), 哪天 / 几号 for a day, 几月 for a month, 几点 for an
# hour. 何时 / 什么时候 / 日期 take any date.
CLOCK_GRAIN = ("点", "时", ":", "：")
_DATE_GRAINS: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"年(?!代)|年份"), ("年",)),
    (re.compile(r"[天日号]$"), ("日", "号")),
    (re.compile(r"月$"), ("月",)),
    (re.compile(r"点$"), CLOCK_GRAIN),
)


# A number asked by 多久 / 多长时间 is a length of time: 每隔45分钟, not 20次 of the same sentence.
DURATION_GRAIN = ("秒", "分钟", "小时", "天", "日", "周", "星期", "月", "年", "世纪")


def answer_grain(shape: QuestionShape) -> tuple[str, ...]:
    """What a date answering a date question must hold (one of these), or a number answering
    多久; () for any date or number."""
    if shape.kind is AnswerKind.NUMBER:
        duration = shape.word == "多久" or shape.word in ("多长", "多少") and shape.after.startswith("时间")
        return DURATION_GRAIN if duration else ()
    if shape.kind is not AnswerKind.DATE:
        return ()
    return next((grain for pattern, grain in _DATE_GRAINS if pattern.search(shape.word)), ())


# What a date question may ask the end of: the sentence must say it (answer_guards.py).
ENDS = ("结束", "解除", "解封", "撤离", "撤回", "撤出", "返回", "返程", "停止", "停运", "取消", "截止")
# What a date question may ask the start of: a report gives a start as the subject's date (1月11日
# 发出流动检测车以来, 4月21日0点起), rarely in these words or the reader's verb after them (开始跑).
STARTS = ("开始", "开启", "启动")
# A death or a birth, whose day a date question may ask, each as a report may say it.
LIFE_EVENTS = (
    ("逝世", "去世", "病逝", "病故", "辞世", "过世", "身故", "卒", "死", "殁"),
    ("出生", "生于", "诞生", "出世", "诞于"),
)
# A number asked per day, and how a sentence gives one.
PER_DAY = ("一天", "每天", "每日", "一日", "天天", "日均")
PER_DAY_SAID = (*PER_DAY, "日采", "单日", "当日", "当天", "日检测", "日处理")
# A number asked of all so far (到现在给多少人采过了), and how a sentence gives a total to date.
_SO_FAR = ("到现在", "到目前", "至今", "截至目前", "截止目前", "累计", "迄今")
_SO_FAR_SAID = ("累计", "以来", "截至", "截止", "至今", "迄今", "总计", "共为", "共计", "一共")
# How often asked (他多久提醒一次封箱, 多长时间转运一回, 隔多久), and how a sentence gives an interval: 每隔45分钟,
# 每天一次; not 每天 alone ("每天,他们都在一线"), which says when, not how often.
_HOW_OFTEN = re.compile(r"(?:多久|多长时间|多少时间|几天|几分钟|几个?小时)[^，,。？?]{0,8}一[次回趟遍轮]|隔多久|隔多长时间|隔几")
_INTERVAL_SAID = re.compile(r"每隔|每过|每(?:[0-9一二两三四五六七八九十半]+个?)?(?:分钟|小时|天|日|周|星期|月)[0-9一两]+次")


def said_of_what_is_asked(shape: QuestionShape, question: str, sentence: str) -> bool | None:
    """For a date asked of an end (哪天结束的), a death or a birth, whether `sentence` says it;
    for a number asked per day (一天能采多少人), whether it gives one per day; for one asked of
    all so far (到现在给多少人采过了), whether it gives a total to date (共为13000余名群众,
    not 每辆采样车配备…2名医护人员); for how often (多久…一次), whether it gives an interval; None
    when none of these is asked."""
    if shape.kind is AnswerKind.DATE:
        ends = [word for word in ENDS if word in shape.after]
        if ends:
            return any(word in sentence for word in ends)
        # 潘仕成逝世的时间: the day of a death or a birth is said with one of its words (卒, 生于).
        asked = shape.before + shape.after
        event = next((words for words in LIFE_EVENTS if any(word in asked for word in words)), None)
        return any(word in sentence for word in event) if event else None
    if shape.kind is AnswerKind.NUMBER and any(word in question for word in _SO_FAR):
        return any(word in sentence for word in _SO_FAR_SAID)
    if shape.kind is AnswerKind.NUMBER and _HOW_OFTEN.search(question):
        return _INTERVAL_SAID.search(sentence) is not None
    if shape.kind is AnswerKind.NUMBER and any(word in question for word in PER_DAY):
        return any(word in sentence for word in PER_DAY_SAID)
    return None


# How a report says where a thing is, and how a question asks it.
WHERE_SAID = ("位于", "坐落", "地处", "位在", "设于")
_WHERE_ASKED = re.compile("|".join(WHERE_QUESTION_WORDS) + r"|位置|地点|所在地|方位|在哪")


def asks_where(shape: QuestionShape, question: str) -> bool:
    """Whether a place question asks where a thing is (在哪个位置), not which one (哪个厂家)."""
    return shape.kind is AnswerKind.PLACE and bool(_WHERE_ASKED.search(question))
