"""Splitting a reply to fit Telegram: at paragraph, line, sentence or space boundaries, never
inside a tag or an entity, with open tags closed and reopened across the cut."""

from __future__ import annotations

import html
import re

from retrieval.text.sentences import ENDERS

TELEGRAM_LIMIT = 4096  # characters (UTF-16 code units) in one message


def html_to_text(markup: str) -> str:
    """Drop our tags and unescape entities: the plain-text fallback of an HTML message."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


_HTML_TOKEN = re.compile(r"<[^>]*>|&#?\w+;|[\s\S]")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")
_SENTENCE_END = frozenset(ENDERS)


def _units(piece: str) -> int:
    """Telegram counts UTF-16 code units, so an emoji is two."""
    return len(piece.encode("utf-16-le")) // 2


def _closing(stack: list[str]) -> str:
    return "".join(f"</{_TAG_NAME.match(tag).group(1)}>" for tag in reversed(stack))


def _next_stack(stack: list[str], token: str) -> list[str]:
    if not token.startswith("<") or len(token) < 3 or token.endswith("/>"):
        return stack
    name = _TAG_NAME.match(token)
    if name is None:
        return stack
    if token.startswith("</"):
        for i in range(len(stack) - 1, -1, -1):
            if _TAG_NAME.match(stack[i]).group(1).lower() == name.group(1).lower():
                return stack[:i] + stack[i + 1 :]
        return stack
    return [*stack, token]


def _break_level(tokens: list[str], j: int) -> int:
    """How good a split after tokens[j] is: paragraph 4, line 3, sentence 2, space 1, else 0."""
    token = tokens[j]
    if token == "\n":
        return 4 if j > 0 and tokens[j - 1] == "\n" else 3
    if token in _SENTENCE_END:
        return 2
    if token.isspace():
        return 1
    return 0


def _split(tokens: list[str], limit: int) -> list[str]:
    pieces: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(tokens):
        while i < len(tokens) and tokens[i].isspace():  # no piece starts with blank lines
            i += 1
        if i >= len(tokens):
            break
        prefix = "".join(stack)
        length = _units(prefix)
        best: dict[int, tuple[int, list[str]]] = {}  # level -> (end index, stack after it)
        j, current = i, stack
        while j < len(tokens):
            after = _next_stack(current, tokens[j])
            cost = _units(tokens[j])
            if length + cost + _units(_closing(after)) > limit and j > i:
                break
            length += cost
            current = after
            best[_break_level(tokens, j)] = (j + 1, current)
            j += 1
        if j >= len(tokens):
            end, stack_after = len(tokens), current
        else:
            end, stack_after = best[max(best)]
        body = "".join(tokens[i:end]).rstrip()
        piece = prefix + body + _closing(stack_after)
        if html_to_text(piece).strip():
            pieces.append(piece)
        stack, i = stack_after, end
    return pieces


def split_message(markup: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split Telegram HTML into messages of at most `limit` units.

    Splits prefer paragraph boundaries (blank lines), then line breaks, sentence ends and
    spaces; a tag or entity is never cut, and a tag open at a split is closed at the end
    of one message and reopened at the start of the next.
    """
    if _units(markup) <= limit:
        return [markup] if markup.strip() else []
    return _split(_HTML_TOKEN.findall(markup), limit)

