"""Telegram's wire rules the fake server enforces: its HTML subset, UTF-16 lengths, error answers."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

TELEGRAM_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "span",
    "tg-spoiler",
    "a",
    "code",
    "pre",
    "blockquote",
    "tg-emoji",
}
_HTML_PART = re.compile(
    r"<(/?)([a-zA-Z][\w-]*)([^>]*)>"  # a tag
    r"|&(#\d+|#x[0-9a-fA-F]+|lt|gt|amp|quot);"  # an entity Telegram knows
    r"|([<>&])"  # a stray character Telegram refuses
    r"|([^<>&]+)"  # text
)
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}


class ApiError(Exception):
    def __init__(self, code: int, description: str, retry_after: int | None = None):
        super().__init__(description)
        self.code, self.description, self.retry_after = code, description, retry_after


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(markup: str) -> str:
    """The visible text of Telegram HTML, or ApiError 400 where Telegram would refuse it."""
    visible, stack = [], []
    position = 0
    for match in _HTML_PART.finditer(markup):
        closing, tag, _attrs, entity, stray, plain = match.groups()
        if stray:
            raise ApiError(400, f"Bad Request: can't parse entities: unexpected {stray!r} at {match.start()}")
        if plain:
            visible.append(plain)
        elif entity:
            if entity.startswith("#x"):
                visible.append(chr(int(entity[2:], 16)))
            elif entity.startswith("#"):
                visible.append(chr(int(entity[1:])))
            else:
                visible.append(_NAMED[entity])
        else:
            name = tag.lower()
            if name not in TELEGRAM_TAGS:
                raise ApiError(400, f'Bad Request: can\'t parse entities: unsupported start tag "{name}"')
            if closing:
                if not stack or stack[-1] != name:
                    raise ApiError(400, f'Bad Request: can\'t parse entities: unexpected end tag "{name}"')
                stack.pop()
            else:
                stack.append(name)
        position = match.end()
    if position != len(markup) or stack:
        raise ApiError(400, "Bad Request: can't parse entities: unclosed start tag")
    return "".join(visible)


@dataclass
class Call:
    """One request the bot made."""

    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
