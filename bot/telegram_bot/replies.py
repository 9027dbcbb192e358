"""Sending to Telegram safely: split to fit, retry network errors, fall back to plain text; keyboards.

Rate limits (`RetryAfter`) are waited out by PTB's `AIORateLimiter`; this module adds the
rest: a network error backs off and retries, and a `BadRequest` about our HTML resends the
same words as plain text, so a formatting slip never costs the user an answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import TypeVar

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError

from bot.splitting import html_to_text, split_message
from bot.texts import text
from retrieval.types import SearchResult

logger = logging.getLogger(__name__)
T = TypeVar("T")

NETWORK_RETRIES = 4  # attempts in all; waits 0.5, 1, 2 s between them
MORE, FULL, VOTE, NEAREST, EXCERPTS = "more", "full", "vote", "near", "list"
_BUTTON_TITLE = 40  # characters of a headline shown on a button


async def with_retries(send: Callable[[], Awaitable[T]]) -> T:
    """Await `send()`, retrying network failures (not Telegram's refusals) with backoff."""
    for attempt in range(NETWORK_RETRIES):
        try:
            return await send()
        except BadRequest:
            raise
        except NetworkError as exc:  # includes TimedOut
            if attempt == NETWORK_RETRIES - 1:
                raise
            delay = 0.5 * 2**attempt
            logger.warning("network error talking to Telegram (%s); retrying in %.1f s", exc, delay)
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


def _is_formatting_error(exc: BadRequest) -> bool:
    message = exc.message.lower()
    return "parse entities" in message or "can't find end" in message or "unsupported start tag" in message


async def _send_one(message: Message, html: str, markup: InlineKeyboardMarkup | None, quote: bool) -> Message:
    try:
        return await with_retries(lambda: message.reply_html(html, reply_markup=markup, do_quote=quote))
    except BadRequest as exc:
        if not _is_formatting_error(exc):
            raise
        logger.warning("Telegram refused our HTML (%s); sending plain text instead", exc.message)
        plain = html_to_text(html)
        return await with_retries(lambda: message.reply_text(plain, reply_markup=markup, do_quote=quote))


async def reply(
    message: Message, html: str, markup: InlineKeyboardMarkup | None = None, quote: bool = False
) -> Message | None:
    """Send `html` in as many messages as it needs; the keyboard goes under the last one."""
    pieces = split_message(html)
    sent = None
    for number, piece in enumerate(pieces):
        last = number == len(pieces) - 1
        sent = await _send_one(message, piece, markup if last else None, quote and number == 0)
    return sent


async def edit(message: Message, html: str, markup: InlineKeyboardMarkup | None) -> None:
    """Replace a message's text (for 更多); what does not fit follows as new messages."""
    first, *rest = split_message(html) or [""]

    async def edit_as(body: str, parse_mode: str | None) -> None:
        await with_retries(lambda: message.edit_text(body, parse_mode=parse_mode, reply_markup=markup))

    try:
        await edit_as(first, ParseMode.HTML)
    except BadRequest as exc:
        if "not modified" in exc.message.lower():
            return
        if not _is_formatting_error(exc):
            raise
        logger.warning("Telegram refused our HTML edit (%s); editing as plain text", exc.message)
        await edit_as(html_to_text(first), None)
    for piece in rest:
        await _send_one(message, piece, None, quote=False)


def _data(kind: str, question_id: int, value: int) -> str:
    return f"{kind}:{question_id}:{value}"  # well under Telegram's 64 bytes


def parse_data(data: str | None) -> tuple[str, int, int] | None:
    """(kind, question id, value) of one of our buttons, or None for anything else."""
    try:
        kind, question_id, value = (data or "").split(":")
        return kind, int(question_id), int(value)
    except ValueError:
        return None


def answer_keyboard(question_id: int, result: SearchResult, k: int, lang: str) -> InlineKeyboardMarkup:
    """摘录 (this page's excerpts in full), 更多 (when a full page came back), 全文 per excerpt,
    and 👍 / 👎."""
    offset = result.hits[0].rank - 1 if result.hits else 0
    first = [InlineKeyboardButton(text("excerpts_button", lang), callback_data=_data(EXCERPTS, question_id, offset))]
    if len(result.hits) >= k:
        next_offset = result.hits[-1].rank  # ranks count from 1, so the last rank is the next offset
        first.append(
            InlineKeyboardButton(text("more_button", lang), callback_data=_data(MORE, question_id, next_offset))
        )
    rows = [first]
    full = [
        InlineKeyboardButton(
            f"{text('full_button', lang)} {hit.rank}", callback_data=_data(FULL, question_id, hit.rank)
        )
        for hit in result.hits
    ]
    rows.extend(full[i : i + 3] for i in range(0, len(full), 3))
    rows.append(
        [
            InlineKeyboardButton("👍", callback_data=_data(VOTE, question_id, 1)),
            InlineKeyboardButton("👎", callback_data=_data(VOTE, question_id, -1)),
        ]
    )
    return InlineKeyboardMarkup(rows)


def nearest_keyboard(question_id: int, result: SearchResult) -> InlineKeyboardMarkup | None:
    """One button per nearest headline of a not-found answer; pressing it asks that headline."""
    if not result.nearest_titles:
        return None
    rows = []
    for position, title in enumerate(result.nearest_titles, start=1):
        label = title if len(title) <= _BUTTON_TITLE else title[: _BUTTON_TITLE - 1] + "…"
        rows.append([InlineKeyboardButton(label, callback_data=_data(NEAREST, question_id, position))])
    return InlineKeyboardMarkup(rows)
