"""The one path every question takes: cut, rate-limit, search off the loop, record, reply."""

from __future__ import annotations

import logging
import re
import time
from html import escape

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import ContextTypes

from bot.citations import format_result_html
from bot.conversation import Conversations
from bot.telegram_bot import replies
from bot.telegram_bot.async_engine import AsyncEngine
from bot.telegram_bot.ratelimit import QuestionLimiter
from bot.texts import text
from retrieval.errors import BadQuestion, ReportQAError
from retrieval.limits import MAX_QUESTION_CHARS
from retrieval.settings import Settings

logger = logging.getLogger(__name__)



def settings_of(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    return context.bot_data["settings"]


def engine_of(context: ContextTypes.DEFAULT_TYPE) -> AsyncEngine:
    return context.bot_data["engine"]


def say(context: ContextTypes.DEFAULT_TYPE, key: str, **values: object) -> str:
    return text(key, settings_of(context).bot.lang, **values)


def in_group(message: Message) -> bool:
    return message.chat.type != ChatType.PRIVATE


def conversations_of(context: ContextTypes.DEFAULT_TYPE) -> Conversations:
    return context.bot_data["conversations"]


def conversation_key(update: Update, message: Message) -> tuple[int, ...]:
    """A private chat is one conversation; in a group each user's questions are their own."""
    user = update.effective_user
    if in_group(message) and user is not None:
        return (message.chat_id, user.id)
    return (message.chat_id,)


# Per answer id: the context its 更多 button must search with; the oldest drop out past this.
CONTEXTS_KEPT = 1000


def remember_context(context: ContextTypes.DEFAULT_TYPE, question_id: int, used: str) -> None:
    contexts: dict[int, tuple[str, ...]] = context.bot_data.setdefault("contexts", {})
    if used:
        contexts[question_id] = (used,)
        while len(contexts) > CONTEXTS_KEPT:
            del contexts[next(iter(contexts))]


def context_for_more(context: ContextTypes.DEFAULT_TYPE, question_id: int) -> tuple[str, ...]:
    return context.bot_data.get("contexts", {}).get(question_id, ())


def addressed_text(message: Message, context: ContextTypes.DEFAULT_TYPE) -> str | None:
    """In a group: the question when the bot is mentioned or replied to, else None."""
    words = message.text or ""
    mention = re.compile(re.escape(f"@{context.bot.username}"), re.IGNORECASE)
    if mention.search(words):
        return mention.sub(" ", words)
    replied = message.reply_to_message
    if replied is not None and replied.from_user is not None and replied.from_user.id == context.bot.id:
        return words
    return None


async def within_rate(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    """Count a question against the user's limit; tell them (once per spell) when over it."""
    user = update.effective_user
    limiter: QuestionLimiter = context.bot_data["limiter"]
    seconds = limiter.wait_for(user.id) if user else 0
    if seconds == 0:
        return True
    logger.info("rate limit: user %s must wait %s s", user.id, seconds)
    if limiter.should_warn(user.id, seconds):
        words = say(context, "rate_limited", seconds=seconds)
        if update.callback_query:
            await update.callback_query.answer(words, show_alert=True)
        elif update.effective_message:
            await replies.reply(
                update.effective_message, escape(words), quote=in_group(update.effective_message)
            )
    return False


async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE, question: str, message: Message) -> bool:
    """Search `question` and reply under `message` with cited excerpts and buttons.

    False when the rate limit stopped it (the user has been told, callback queries included).
    """
    settings, engine = settings_of(context), engine_of(context)
    quote = in_group(message) and message.from_user is not None and not message.from_user.is_bot
    question = question.strip()
    if not question:
        await replies.reply(message, escape(say(context, "empty")), quote=quote)
        return True
    note = ""
    if len(question) > MAX_QUESTION_CHARS:
        question, note = question[:MAX_QUESTION_CHARS], say(context, "truncated", limit=MAX_QUESTION_CHARS)
    if not await within_rate(update, context):
        return False
    started = time.perf_counter()
    key = conversation_key(update, message)
    try:
        result = await engine.search(question, settings.search.k, context=conversations_of(context).context(key))
    except BadQuestion:
        await replies.reply(message, escape(say(context, "empty")), quote=quote)
        return True
    except ReportQAError as exc:
        logger.error("search failed for update %s: %s", update.update_id, exc)
        await replies.reply(message, escape(say(context, "library_error", reason=exc)), quote=quote)
        return True
    latency_ms = (time.perf_counter() - started) * 1000.0
    user_id = update.effective_user.id if update.effective_user else None
    record = engine.store.record_question
    question_id = await engine.store_call(record, result, user_id, message.chat_id, latency_ms)
    conversations_of(context).add(key, question)
    remember_context(context, question_id, result.context_used)
    body = format_result_html(result, lang=settings.bot.lang)
    if result.not_found:
        markup = replies.nearest_keyboard(question_id, result)
    else:
        markup = replies.answer_keyboard(question_id, result, settings.search.k, settings.bot.lang)
    if note:
        body = f"<i>{escape(note)}</i>\n\n{body}"
    await replies.reply(message, body, markup, quote=quote)
    return True
