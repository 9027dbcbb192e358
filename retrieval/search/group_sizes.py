"""How many people a group has: 经开区党政办志愿先锋队有多少人, 山东援郑医疗队一共多少人.

The figure of heads that answers stands in a passage naming the group, in a sentence naming a
group of its kind, by its head (队 of 医疗队: "我们这个队伍…人数一共是100人"), not in any sentence
holding another word of the question: 志愿 of 志愿先锋队 is in every page's 志愿者, beside their own
counts (招募志愿者2389人), and 经开区's page counts the 80% of other offices' staff sent to the
front, not the team's size.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from retrieval.search.figures import asked_figures, gives_figure

# A group and then its size asked, in people: "志愿先锋队一共有多少人", "专班有几个人".
_GROUP_SIZE_ASKED = re.compile(
    r"[\u4e00-\u9fff]{2}(队|组|班)(?:一共|总共|共|总计|合计|大概|大约|加起来)?(?:有|是)?(?:多少|几)个?(?:人|名)"
)


def group_asked(question: str) -> str:
    """The group whose size `question` asks in people, by its last three characters (先锋队 of
    志愿先锋队, 医疗队, 工作组); "" for none."""
    asked = _GROUP_SIZE_ASKED.search(question)
    return question[asked.start() : asked.end(1)] if asked else ""


def tells_group_size(group: str, texts: Iterable[str], question: str) -> bool:
    """Whether a passage of `texts` mentioning the `group` gives a count of heads in a sentence
    naming a group of its kind (its last character, 队 of 队伍)."""
    texts = list(texts)
    # A group no passage names as typed (医了队, a slip for 医疗队) is sought in them all.
    mentioning = [text for text in texts if group in text] or texts
    return gives_figure({group[-1]: 1.0}, mentioning, question, asked_figures(question))
