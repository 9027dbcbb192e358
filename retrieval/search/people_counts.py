"""Counts of people a question asks by their noun (多少机关干部, 多少老人, 几个志愿者).

A figure of heads answers one (下沉机关干部66人), but not one of other people beside it:
"健乐养老中心住了多少老人" is not answered by 社区卫生服务中心20名医护人员, though the figure stands
beside 中心 of the question. The people a figure counts are named right after it; when they share
no two characters with those asked (医护人员, 老人), they are others. 党员干部 and 党员 share 党员.

Nor is a count of people tested (荥阳全员核酸一共测了多少人) one of those who did the testing, named
beside their figure: 组织参与疫情防控党员干部26168人, 招募志愿者2389人. The tested are 近4000名工人.

Whether a question counts people by their noun at all (`counts_people`) is read by the figure check
(figures.asked_figures) and by the marked sentence and direct answer (QuestionProfile.people).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from retrieval.search.answer_spans import Span

PEOPLE_NOUNS = "干部|党员|人员|成员|志愿者|村民|居民|员工|工人|群众|医生|护士|医护|老人|学生|司机|职工"
# People counted with no classifier (多少机关干部, 几个志愿者 has one): a figure of heads answers.
PEOPLE_COUNTED = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{0,4}}?(?:{PEOPLE_NOUNS})|[\u4e00-\u9fff]{{1,6}}?的人)"  # 多少居家隔离的人
)
PEOPLE_AFTER = re.compile(rf"人|{PEOPLE_NOUNS}")  # what 个 counts when it counts people (两个人)
# People counted before a question word that ends the question (居家隔离的人一共有多少呀).
PEOPLE_BEFORE = re.compile(rf"(人|{PEOPLE_NOUNS})(?:一共|总共|共|总计|合计|大概|大约|得)?(?:有|是|为)?$")
_PEOPLE_WORDS = tuple(PEOPLE_NOUNS.split("|"))
_DOERS = "党员|干部|志愿者|医护|医生|护士|工作人员|骨干"  # who test, rather than are tested
_DOERS_AFTER = re.compile(rf"[\u4e00-\u9fff]{{0,3}}?(?:{_DOERS})")
_DOERS_BEFORE = re.compile(rf"(?:{_DOERS})[\u4e00-\u9fff]{{0,2}}$")
_TESTED_ASKED = re.compile(r"(?:测|检|采|查|筛)[了过完]?$")  # 一共测了 (多少人)
_NAMED_AFTER = re.compile(rf"[\u4e00-\u9fff]{{0,3}}?(?:{PEOPLE_NOUNS})")
# What makes a noun of people into another thing: 党员先锋岗, 志愿者服务队 are no people.
_OF_PEOPLE = re.compile("(?:先锋|服务|突击|志愿)?[岗队组站点](?![成建织])")  # not 党员组成突击队


def people_asked(after_question_word: str) -> str:
    """The people a count asks for by their noun, as the question says them after its question word
    (机关干部 of 多少机关干部); "" when it names none (多少人, 多少居家隔离的人)."""
    counted = PEOPLE_COUNTED.match(after_question_word)
    return counted.group() if counted and not counted.group().endswith("的人") else ""


def counts_other_people(asked: str, sentence: str, end: int) -> bool:
    """Whether the figure of `sentence` ending at `end` counts people named right after it who
    share no two characters with those `asked` (20名医护人员, asked 老人)."""
    named = _NAMED_AFTER.match(sentence, end)
    if not asked or named is None:
        return False
    return not any(asked[i : i + 2] in named.group() for i in range(len(asked) - 1))


def counted_by_ge(counted: str) -> bool:
    """Whether what follows 个 of a count is people (几个人, 几个志愿者, 几个居家隔离的: those who
    were), not a post named after them (多少个党员先锋岗)."""
    return counted.startswith("人") or counted.endswith((*_PEOPLE_WORDS, "的"))


def people_before(before_question_word: str) -> str:
    """The people a count ending its question asks for, named before its question word (党员 of
    "那党员有多少呢"); "" for none."""
    counted = PEOPLE_BEFORE.search(before_question_word.rstrip())
    return counted.group(1) if counted else ""


def figures_of_people(before: str, after: str, heads: Callable[[str], list[Span]]) -> Callable[[str], list[Span]]:
    """Of the figures of heads `heads` finds, those that may count the people a question asks
    (`before` and `after` its question word): not others named by their noun, nor the doers of
    a test the question asks the tested of."""
    asked = people_asked(after)
    tested = _TESTED_ASKED.search(before.rstrip()) is not None

    def counts_asked(sentence: str, span: Span) -> bool:
        if counts_other_people(asked, sentence, span.end):
            return False
        if asked or not tested:
            return True
        return not (_DOERS_AFTER.match(sentence, span.end) or _DOERS_BEFORE.search(sentence[: span.start]))

    return lambda sentence: [span for span in heads(sentence) if counts_asked(sentence, span)]



def counts_people(after: str) -> bool:
    """Whether what a question says after 多少 / 几 counts people by their noun (多少群众, 多少党员
    请战), not a thing named after them (多少党员先锋岗)."""
    found = PEOPLE_COUNTED.match(after)
    return found is not None and not _OF_PEOPLE.match(after, found.end())
