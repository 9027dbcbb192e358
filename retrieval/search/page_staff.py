"""Questions asking who made the page a report is on: "明湖硬核防控那一版的编辑是谁", "美编叫啥".

The page's furniture credits its editor, designer and proofreader ("编辑:赵青 美编:金驰 校对:海梅");
the layout keeps the credits with each article of the page (Article.staff), as no passage says
them. Like a byline (bylines.py), the credits open the first excerpt, marked, and the direct
answer is the name after the role asked.
"""

from __future__ import annotations

import re

from retrieval.search.bylines import asking_who, credited_hit
from retrieval.text.layout import CJK, STAFF_ROLES
from retrieval.types import DirectAnswer, Hit

# Longest first, so 责任编辑 is read whole; 总编辑 and 主编 are a paper's posts, not a page's credits.
_CREDITS = tuple(sorted(STAFF_ROLES, key=len, reverse=True))
_CREDIT_ASKED = asking_who(_CREDITS, not_after="总主副")
# Words of such a question that point at the page, not at what its reports say.
PAGE_WORDS = frozenset("版 一版 这版 那版 这一版 那一版 版面 这个版 那个版 页 这页 那页 一页 这一页 那一页".split())


def asks_staff(question: str) -> str | None:
    """The credit `question` asks for (美编), None when it asks none."""
    asked = _CREDIT_ASKED.search(question)
    if asked is None:
        return None
    return next(role for role in _CREDITS if role in asked.group())


# One editor goes by these names: a CMS export's 责任编辑 answers "编辑是谁" (readers/base.py).
_EDITOR = ("责任编辑", "责编", "编辑")


def staff_names(staff: str, role: str) -> str:
    """The name `staff` credits for `role` ("编辑:赵青 美编:金驰", 美编 → 金驰); "" when none."""
    for credited in (role, *(_EDITOR if role in _EDITOR else ())):
        found = re.search(rf"(?:^|\s){re.escape(credited)}\s*[:：]\s*([{CJK}·]+)", staff)
        if found:
            return found.group(1)
    return ""


def staff_answered(hit: Hit, role: str) -> tuple[Hit, DirectAnswer | None]:
    """The hit opening with its page's credits, marked, and the name credited for `role`; the
    hit as it is and no answer when its page credits nobody."""
    if not hit.staff:
        return hit, None
    names = staff_names(hit.staff, role)
    return credited_hit(hit, hit.staff), DirectAnswer(names, hit.rank, hit.staff) if names else None
