"""Questions asking who wrote a report: "翟庄村导师帮带那篇的通讯员是谁", "这篇报道是哪个记者写的".

Who wrote it is the article's byline ("记者 王军方 通讯员 翟昱昊 文/图"), which the layout keeps
apart from its paragraphs (text/layout.py), so no passage says it and the checks that look in
passages for what is asked (asked.py) do not apply. The direct answer is the name after the role
asked (翟昱昊), or the whole byline when any writer is asked (作者, 谁写的); the first excerpt
opens with the byline, marked: a line of the report, quoted as every excerpt is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from retrieval.limits import EXCERPT_CHARS
from retrieval.search.published import THE_REPORT
from retrieval.text.layout import ROLE
from retrieval.types import DirectAnswer, Hit

# The roles a question may ask for, longest first, asked as "通讯员是谁" or "哪个记者"; 作者 /
# 谁写的 ask for any of them, of a question pointing at the report ("那篇报道是谁写的", not
# "公开信是谁写的" nor "《越南亡国史》的作者是谁").
ROLES_ASKED = ("摄影记者", "通讯员", "实习生", "摄影", "记者")


def asking_who(roles: tuple[str, ...], not_after: str = "") -> re.Pattern[str]:
    """How a question asks who held one of `roles` (longest first): "通讯员是谁", "美编叫啥",
    "哪个记者"; `not_after`: characters that make the role another post (总 of 总编辑)."""
    held = "|".join(roles)
    before = f"(?<![{not_after}])" if not_after else ""
    return re.compile(rf"{before}(?:{held})(?:是|叫|的名字是)?(?:谁|哪位|啥|什么)|(?:哪个|哪位|什么)(?:{held})")


_ROLE_ASKED = asking_who(ROLES_ASKED)
_ANY_WRITER = re.compile(r"作者|撰稿|谁写|哪位写|谁拍|谁采写")
_ROLE_IN_BYLINE = re.compile(ROLE)
_CREDIT = re.compile(r"\s*(?:文/图|图/文|文图|摄影?|文|图)\s*$")


def asks_byline(question: str) -> str | None:
    """The role `question` asks who held (通讯员), "" when it asks any writer, None when it does
    not ask who wrote the report."""
    asked = _ROLE_ASKED.search(question)
    if asked:
        return next(role for role in ROLES_ASKED if role in asked.group())
    return "" if _ANY_WRITER.search(question) and THE_REPORT.search(question) else None


def byline_names(byline: str, role: str) -> str:
    """The names the byline gives after `role` ("记者 王军方 通讯员 翟昱昊 文/图", 通讯员 → 翟昱昊),
    the byline without its credit (文/图) for "", and "" when the role is not in it."""
    if not role:
        return _CREDIT.sub("", byline).strip()
    at = byline.find(role)
    if at < 0:
        return ""
    rest = byline[at + len(role) :]
    following = _ROLE_IN_BYLINE.search(rest)
    names = rest[: following.start()] if following else rest
    return _CREDIT.sub("", " ".join(names.split())).strip(" :：")


def byline_hit(hit: Hit) -> Hit:
    """The hit with its byline opening the excerpt and marked: what answers a byline question."""
    return credited_hit(hit, hit.author or "")


def credited_hit(hit: Hit, line: str) -> Hit:
    """The hit with `line` (its byline or its page's credits) opening the excerpt, marked."""
    if line in hit.excerpt:  # a lead's own byline: "本报讯(记者 王思俊 通讯员 娄璞 文图)…"
        return replace(hit, highlight=line)
    return replace(hit, excerpt=f"{line}\n{hit.excerpt}"[:EXCERPT_CHARS], highlight=line)


def byline_answer(hit: Hit, role: str) -> DirectAnswer | None:
    names = byline_names(hit.author or "", role)
    return DirectAnswer(names, hit.rank, hit.author or "") if names else None
