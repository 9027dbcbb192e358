"""Command and message handlers: each one routes, none ranks (questions go through `answering`)."""

from __future__ import annotations

import logging
from html import escape

from telegram import Update
from telegram.ext import ContextTypes

from bot.telegram_bot import replies
from bot.telegram_bot.answering import (
    addressed_text,
    answer,
    conversation_key,
    conversations_of,
    engine_of,
    in_group,
    say,
    settings_of,
)
from retrieval.errors import ReportQAError

logger = logging.getLogger(__name__)


async def start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Greet the user and say what the bot does."""
    await replies.reply(update.effective_message, say(context, "start"))


async def help_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Explain questions, buttons, groups, inline mode and the commands."""
    words = say(context, "help", bot_username=escape(context.bot.username or ""))
    if update.effective_user and update.effective_user.id in settings_of(context).bot.admin_ids:
        words += "\n\n" + say(context, "admin_help")
    await replies.reply(update.effective_message, words)


async def sources(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """List the indexed reports: headline, date and number of articles."""
    infos = await engine_of(context).sources()
    if not infos:
        await replies.reply(update.effective_message, escape(say(context, "sources_empty")))
        return
    lines = [say(context, "sources_header", count=len(infos))]
    for number, info in enumerate(infos, start=1):
        headline = info.titles[0] if info.titles else info.source
        date = info.date or say(context, "no_date")
        meta = f"{date} · {say(context, 'sources_line', articles=info.articles)}"
        lines.append(f"{number}. <b>{escape(headline)}</b>\n<i>{escape(meta)}</i>")
    await replies.reply(update.effective_message, "\n\n".join(lines))


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer `/ask <question>`, in private chats and groups alike."""
    message = update.effective_message
    parts = (message.text or "").split(maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        await replies.reply(message, escape(say(context, "ask_usage")), quote=in_group(message))
        return
    await answer(update, context, parts[1], message)


async def new_conversation(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Forget the earlier questions of this chat (of this user, in a group): start afresh."""
    message = update.effective_message
    conversations_of(context).forget(conversation_key(update, message))
    await replies.reply(message, escape(say(context, "new_conversation")), quote=in_group(message))


async def private_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Treat any text in a private chat (new or edited) as a question."""
    await answer(update, context, update.effective_message.text or "", update.effective_message)


async def group_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Answer in a group only when the bot is mentioned or replied to."""
    question = addressed_text(update.effective_message, context)
    if question is not None:
        await answer(update, context, question, update.effective_message)


async def not_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Reply to stickers, photos, voice, files and empty messages with a short hint."""
    message = update.effective_message
    key = "empty" if message.text is not None else "not_text"
    await replies.reply(message, escape(say(context, key)))


async def _refused_to_non_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    user = update.effective_user
    if user is not None and user.id in settings_of(context).bot.admin_ids:
        return False
    logger.info("admin command refused to user %s", user.id if user else None)
    await replies.reply(update.effective_message, escape(say(context, "admins_only")))
    return True


async def stats(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Show question counts, not-found rate, latency percentiles and feedback (admins)."""
    if await _refused_to_non_admin(update, context):
        return
    engine = engine_of(context)
    numbers = await engine.store_call(engine.store.stats)
    words = say(
        context, "stats", questions=numbers.questions, not_found=numbers.not_found,
        not_found_rate=f"{numbers.not_found_rate:.0%}", p50=round(numbers.p50_ms), p90=round(numbers.p90_ms),
        p99=round(numbers.p99_ms), up=numbers.up, down=numbers.down,
    )  # fmt: skip
    await replies.reply(update.effective_message, words)


async def reload_index(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Swap in a rebuilt index without a restart (admins)."""
    if await _refused_to_non_admin(update, context):
        return
    message = update.effective_message
    await replies.reply(message, escape(say(context, "reloading")))
    try:
        infos = await engine_of(context).reload()
    except ReportQAError as exc:
        logger.error("reload failed: %s", exc)
        await replies.reply(message, escape(say(context, "reload_failed", reason=exc)))
        return
    articles = sum(info.articles for info in infos)
    await replies.reply(message, escape(say(context, "reloaded", sources=len(infos), articles=articles)))
